"""Write a synthetic repository of agreements: N dialogues × R rounds × P new points per round.

Seeded, so the same arguments give the same files. Texts have realistic lengths
(titles of 4–12 words, notes of 1–2 paragraphs of 8–30 words); every round
follows up most open points with a random status, some are left unmentioned,
about one new point in ten replaces an open one, and one item in twenty is closed.

Run: python bench/generate.py OUT --dialoger 600 --runder 10 --punkter 10 [--seed 1]
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

WORDS = ("aftale afdeling beboere boligorganisation kommune helhedsplan udlejning vicevært tryghed renovering "
         "beboersammensætning venteliste husleje driftsbudget effektivisering bæredygtighed biodiversitet "
         "genhusning samarbejde dialog opfølgning fællesareal energiforbrug vedligeholdelse tilsyn grundkapital "
         "ældre unge familier integration bestyrelse afdelingsmøde kontaktperson projekt indsats plan status "
         "fremdrift økonomi dispositionsfond arbejdskapital benchmark helhedsplanen lejemål fraflytning "
         "tomgang skimmelsvamp altaner legeplads affaldssortering cykelparkering ladestandere").split()
OPEN = ("i gang", "videreføres", "parkeret")
CLOSED = ("opfyldt", "afsluttet", "udgår")
NAMES = ("Anne Holm", "Bo Jensen", "Carsten Lund", "Dorte Friis", "Erik Møller", "Fatima Ali", "Gitte Krog",
         "Hans Berg", "Ida Skov", "Jens Dahl", "Karen Vinter", "Lars Bak")


def _words(rng: random.Random, low: int, high: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high)))
    return text[0].upper() + text[1:]


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _notes(rng: random.Random) -> str:
    return "[" + ", ".join(_q(_words(rng, 8, 30) + ".") for _ in range(rng.randint(1, 2))) + "]"


def dialogue(rng: random.Random, folder: Path, number: int, rounds: int, points: int) -> None:
    """Write one dialogue's dialog.yaml and its rounds."""
    folder.mkdir(parents=True, exist_ok=True)
    afdelinger = [f"Afdeling {number}-{i}" for i in range(rng.randint(3, 12))]
    (folder / "dialog.yaml").write_text(
        f"kommune: {_q(f'Kommune {number % 98}')}\nboligorganisation: {_q(f'Boligorganisation {number}')}\n"
        f"afdelinger: [{', '.join(_q(a) for a in afdelinger)}]\n"
        "underskrivere:\n  kommune: {navn: Anne Holm, titel: Direktør}\n"
        "  boligorganisation: {navn: Bo Jensen, titel: Formand}\n", encoding="utf-8")
    open_ids: list[str] = []
    for index in range(rounds):
        year = 2010 + index
        lines = ["møde:", f"  dato: {year}-{rng.randint(9, 11):02d}-{rng.randint(10, 28)}", "  tid: \"10:00–12:00\"",
                 "  sted: Rådhuset", f"  sagsnr: 03.11.04-G01-{number}-{year % 100}", "  deltagere:"]
        lines += [f"    - {name}" for name in rng.sample(NAMES, 8)]
        lines += [f"  fraværende: [{rng.choice(NAMES)}]", f"  referent: {rng.choice(NAMES)}"]
        closed_now: set[str] = set()
        if open_ids:
            lines.append("opfølgning:")
            for point_id in open_ids:
                roll = rng.random()
                if roll < 0.1:
                    continue  # not mentioned: stays open
                status = rng.choice(CLOSED) if roll < 0.45 else rng.choice(OPEN)
                if status in CLOSED:
                    closed_now.add(point_id)
                lines += [f"  {point_id}:", f"    status: {status}", f"    referat: {_notes(rng)}"]
        lines.append("punkter:")
        for item in range(rng.randint(3, 5)):
            lines += [f"  - titel: {_q(_words(rng, 2, 6))}", f"    lukket: {'ja' if rng.random() < 0.05 else 'nej'}",
                      f"    referat: {_notes(rng)}", f"    beslutning: {_q(_words(rng, 8, 20) + '.')}"]
        lines.append("aftaler:")
        new_ids = []
        for point in range(points):
            point_id = f"p{year}-{point}"
            lines += [f"  - id: {point_id}", f"    titel: {_q(_words(rng, 4, 12))}"]
            if rng.random() < 0.5:
                lines.append(f"    beskrivelse: {_notes(rng)}")
            lines += [f"    ansvarlig: {rng.choice(NAMES)}",
                      f"    frist: {year + 1}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                      f"    afdelinger: [{_q(rng.choice(afdelinger))}]"]
            replaceable = [i for i in open_ids if i not in closed_now]
            if replaceable and rng.random() < 0.1:
                replaced = rng.choice(replaceable)
                closed_now.add(replaced)
                lines.append(f"    erstatter: [{replaced}]")
            new_ids.append(point_id)
        lines.append(f"eventuelt: {_notes(rng)}")
        (folder / f"{year}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
        open_ids = [i for i in open_ids if i not in closed_now] + new_ids


def generate(root: Path, dialogues: int, rounds: int, points: int, seed: int = 1) -> Path:
    """Write the repository under ``root`` and return it."""
    rng = random.Random(seed)
    (root / "aftale.yaml").parent.mkdir(parents=True, exist_ok=True)
    (root / "aftale.yaml").write_text("afsender: Kommune, Tilsyn med almene boliger\n", encoding="utf-8")
    for number in range(dialogues):
        dialogue(rng, root / "agreements" / f"d{number:03d}", number, rounds, points)
    return root


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--dialoger", type=int, default=600)
    parser.add_argument("--runder", type=int, default=10)
    parser.add_argument("--punkter", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    generate(args.out, args.dialoger, args.runder, args.punkter, args.seed)
    print(f"wrote {args.out} ({args.dialoger} × {args.runder} × {args.punkter})")


if __name__ == "__main__":
    main()
