"""Joint dialogues and their tables: which dialogues sit together, and the rules of the format that span dialogues.

A joint dialogue's ``fælles`` names the individual dialogues at its table. Dialogues that share a table depend
on each other (a point ``overført`` from one to another, the joint points an individual aftaledokument shows), so
a command about one dialogue reads its whole :func:`circle`. :func:`table_problems` checks what no single
dialogue's folder can: every dialogue ``fælles`` names exists and is an individual dialogue, and every ``til``
names a dialogue at the same table.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from aftale.errors import Problem
from aftale.load.layout import AGREEMENTS_DIR
from aftale.model import Dialog, Status
from aftale.suggest import did_you_mean

#: The tables of a repository: each joint dialogue's slug, with the slugs at its table.
Tables = Mapping[str, tuple[str, ...]]


def may_be_joint(data: bytes) -> bool:
    """False when a dialog.yaml's bytes cannot name a table: no 'fælles' in UTF-8 and no escape that could write
    it (a file that is not UTF-8 is an error of its own). Saves parsing every dialogue's file to find the few joint
    ones."""
    return "fælles".encode() in data or b"\\" in data


def tables(dialogs: Iterable[Dialog]) -> dict[str, tuple[str, ...]]:
    """Each joint dialogue among ``dialogs``, with the dialogues at its table."""
    return {dialog.slug: dialog.table for dialog in dialogs if dialog.is_joint}


def circle(slug: str, found: Tables) -> list[str]:
    """The dialogues that dialogue ``slug`` depends on, itself first: every dialogue it shares a table with, and
    theirs in turn (joint dialogues and their tables linked by ``fælles``)."""
    seen = {slug: None}
    todo = [slug]
    while todo:
        current = todo.pop()
        linked = [joint for joint, table in found.items() if current in table]
        linked += list(found.get(current, ()))
        for other in linked:
            if other not in seen:
                seen[other] = None
                todo.append(other)
    return list(seen)


def same_table(source: str, target: str, found: Tables) -> bool:
    """True when a point may be ``overført`` from dialogue ``source`` to ``target``: to a joint dialogue at whose
    table ``source`` sits, or from a joint dialogue to a dialogue at its table."""
    return source in found.get(target, ()) or target in found.get(source, ())


def table_problems(dialogs: Sequence[Dialog], known: Sequence[str]) -> list[Problem]:
    """The problems that span dialogues: ``fælles`` naming a dialogue that does not exist, itself, a joint dialogue
    or one dialogue twice; ``til`` naming a dialogue that does not exist, its own, or one at no table with it.

    :param dialogs: the dialogues read (a dialogue whose dialog.yaml could not be read has no kommune).
    :param known: the names of every dialogue's folder in the repository, for suggestions.
    """
    by_slug = {dialog.slug: dialog for dialog in dialogs}
    problems: list[Problem] = []
    for dialog in dialogs:
        problems += _table(dialog, by_slug, known)
    found = tables(dialogs)
    for dialog in dialogs:
        for round_ in dialog.rounds:
            for follow_up in round_.opfoelgning:
                if follow_up.status is Status.OVERFOERT and follow_up.til is not None:
                    message = _target(dialog, follow_up.til, follow_up.id, by_slug, known, found)
                    if message is not None:
                        problems.append(Problem(follow_up.where.get("til", follow_up.pos), message))
    return problems


def _table(dialog: Dialog, by_slug: Mapping[str, Dialog], known: Sequence[str]) -> list[Problem]:
    problems = []
    seen: set[str] = set()
    others = [slug for slug in known if slug != dialog.slug]
    for name in dialog.faelles:
        slug = name.value
        other = by_slug.get(slug)
        if slug == dialog.slug:
            message = (f"den fælles dialog '{slug}' nævner sig selv under 'fælles'. Skriv de individuelle dialoger, "
                       "der sidder med ved bordet, efter deres mappenavn.")
        elif slug in seen:
            message = f"'{slug}' står to gange under 'fælles'. Fjern den ene."
        elif slug not in known:
            message = (f"der findes ingen dialog '{slug}' i {AGREEMENTS_DIR}/.{did_you_mean(slug, others)} Ret navnet "
                       f"under 'fælles', eller opret dialogen med 'aftale ny-dialog {slug}'.")
        elif other is not None and other.is_joint:
            message = (f"'{slug}' er selv en fælles dialog og kan ikke sidde ved bordet i en anden. Skriv de "
                       f"individuelle dialoger, den har under 'fælles' ({', '.join(other.table)}), i stedet.")
        else:
            seen.add(slug)
            continue
        seen.add(slug)
        problems.append(Problem(name.pos, message))
    return problems


def _target(dialog: Dialog, til: str, point_id: str, by_slug: Mapping[str, Dialog], known: Sequence[str],
            found: Tables) -> str | None:
    """What is wrong with ``til`` in a follow-up of ``point_id`` in ``dialog``, or None."""
    if til == dialog.slug:
        return (f"punktet '{point_id}' kan ikke overføres til sin egen dialog '{til}'. Skriv den dialog, der skal "
                "følge punktet op fra nu af, fx den fælles dialog.")
    if til not in known:
        others = [slug for slug in known if slug != dialog.slug]
        return (f"der findes ingen dialog '{til}' at overføre punktet '{point_id}' til.{did_you_mean(til, others)} "
                f"Ret navnet, så det er en mappe i {AGREEMENTS_DIR}/.")
    target = by_slug.get(til)
    if target is not None and not target.kommune:
        return None  # its dialog.yaml cannot be read, and that problem is reported
    if same_table(dialog.slug, til, found):
        return None
    tables_of = ", ".join(f"'{joint}'" for joint, table in found.items() if dialog.slug in table)
    hint = (f" '{dialog.slug}' sidder ved bordet i {tables_of}."
            if tables_of and not dialog.is_joint else
            f" Ved bordet sidder {', '.join(dialog.table)}." if dialog.is_joint else
            f" '{dialog.slug}' sidder ikke ved bordet i nogen fælles dialog endnu; tilføj den under 'fælles' i den "
            "fælles dialogs dialog.yaml.")
    return (f"punktet '{point_id}' kan kun overføres til en fælles dialog, som '{dialog.slug}' sidder ved bordet i, "
            f"eller fra en fælles dialog til en dialog ved dens bord, og '{til}' er ingen af delene.{hint}")
