"""The words the importer recognises: labels of facts and fields, statuses in prose, dates, small words.

Every Danish word the recogniser looks for is here, in one place, as the forms the seeds and
aftale's own documents use them (``templates/tekster.yaml``) and the common variants of
municipal minutes.
"""

from __future__ import annotations

import re
from datetime import date

from aftale.model import Status

#: Labels of the meeting's facts before the items, by the key of ``møde`` they fill.
MEETING_LABELS: dict[str, str] = {
    "dato": r"mødedato|dato|mødetidspunkt|tidspunkt|dialogmøde",
    "tid": r"tid|mødetid|klokkeslæt",
    "sted": r"mødested|sted|mødeafholdelse|mødelokale|lokale",
    "sagsnr": r"sagsnr\.?|sagsnummer|sags\s?-?id|j\.\s?nr\.?|journalnr\.?",
    "referent": r"referent",
    "deltagere": r"mødedeltagere|deltagere i mødet|deltagere|deltog|tilstede|til stede|inviterede",
    "fraværende": r"fraværende|afbud|fraværende med afbud",
    "bemærkning": r"note|bemærk|bemærkning",
}

#: Labels of an entry's facts, as aftale's documents print them ("Status: videreføres").
ENTRY_LABELS: dict[str, str] = {
    "aftalt": r"aftalt",
    "ansvarlig": r"ansvarlig",
    "frist": r"frist|deadline",
    "status": r"status",
    "afdelinger": r"afdelinger|afdeling",
    "erstatter": r"erstatter",
    "fremsat": r"fremsat af|punkt fra",
    "behandling": r"behandling",
    "måling": r"måling",
    "tema": r"tema",
    "sagsnr": r"sagsnr\.?|sagsnummer|sags\s?-?id",
    "seneste": r"seneste bemærkning(?: \(\d{4}\))?",
    "indikator": r"indikator",
}

#: Headings of an agenda item's fields, by the key of a punkt they fill; other headings stay in the text.
FIELD_LABELS: dict[str, str] = {
    "resumé": r"resumé|resume|kort resumé",
    "sagsfremstilling": r"sagsfremstilling|sagsbeskrivelse|baggrund|dagsorden for mødet",
    "indstilling": r"indstilling|indstillinger|[\w ]+ indstiller",
    "referat": r"referat|referat af mødet|drøftelse",
    "beslutning": r"beslutning|beslutninger|afgørelse",
    "bilag": r"bilag",
}
#: Headings inside an item that are not fields of their own: they stay as a paragraph of the field they are in.
OTHER_HEADINGS = re.compile(r"(sagen afgøres endelig af|lovgrundlag|økonomi|tidligere beslutninger|"
                            r"økonomiske konsekvenser|retsgrundlag|kommunikation|tidsplan|høring)\s*:?",
                            re.IGNORECASE)


def _alternatives(labels: dict[str, str]) -> re.Pattern[str]:
    joined = "|".join(f"(?P<{re.sub(r'[^a-z]', '_', key)}>{pattern})" for key, pattern in labels.items())
    return re.compile(rf"(?:{joined})(?=\s*(?::|\t|$)|\s+\S)", re.IGNORECASE)


_MEETING = _alternatives(MEETING_LABELS)
_ENTRY = _alternatives(ENTRY_LABELS)
_FIELD = re.compile("|".join(f"(?P<{re.sub(r'[^a-z]', '_', key)}>{pattern})" for key, pattern in
                             FIELD_LABELS.items()), re.IGNORECASE)
_KEYS = {re.sub(r"[^a-z]", "_", key): key for key in (*MEETING_LABELS, *ENTRY_LABELS, *FIELD_LABELS)}


def _split(pattern: re.Pattern[str], text: str, loose: bool) -> tuple[str, str] | None:
    found = pattern.match(text)
    if found is None or found.lastgroup is None:
        return None
    rest = text[found.end():]
    marked = re.match(r"\s*[:\t]\s*", rest)
    if marked:
        return _KEYS[found.lastgroup], rest[marked.end():].strip()
    if rest.strip() and not loose:
        return None
    return _KEYS[found.lastgroup], rest.strip()


def meeting_fact(text: str) -> tuple[str, str] | None:
    """``(key, value)`` for a fact of the meeting ("Mødedato 27. oktober 2020", "Tilstede: …"), else None."""
    return _split(_MEETING, text, loose=True)


def entry_fact(text: str) -> tuple[str, str] | None:
    """``(key, value)`` for a fact of an entry written with a colon ("Ansvarlig: Lejerbo"), else None."""
    found = _split(_ENTRY, text, loose=False)
    return found if found is not None and found[1] else None


def field_heading(text: str) -> str | None:
    """The key of a punkt that the heading ``text`` begins ("Beslutninger:" → beslutning), else None."""
    found = _FIELD.fullmatch(text.rstrip(" :,."))
    return _KEYS[found.lastgroup] if found is not None and found.lastgroup is not None else None


def is_label(text: str) -> bool:
    """True when ``text`` begins with a label of a fact or is a field's heading: never the tail of a sentence."""
    return (meeting_fact(text) is not None and len(text) < 120) or entry_fact(text) is not None or \
        field_heading(text) is not None or bool(OTHER_HEADINGS.fullmatch(text))


#: Titles of the items aftale knows, by what they hold.
FOLLOW_UP_TITLE = re.compile(r"opfølgning på (?:det |sidste års |tidligere |fjorårets )?aftale(?:dokument\w*|r\b)"
                             r"(?:.*?\b(?P<year>(?:19|20|21)\d\d)\b)?", re.IGNORECASE)
NEW_POINTS_TITLE = re.compile(r"(?:udarbejdelse af|nyt?|nye punkter til|punkter til) aftaledokument\w*|"
                              r"aftaledokument(?:et)? for (?:19|20|21)\d\d|nye aftaler", re.IGNORECASE)
EVENTUELT_TITLE = re.compile(r"(?:evt\.?|eventuelt)(?:\s+og\s+.*)?", re.IGNORECASE)
FROM_PARTY = re.compile(r"punkt fra\s+(?P<party>[^:]+?)\s*(?::\s*(?P<rest>.*))?", re.IGNORECASE)
CLOSED = re.compile(r"\(\s*lukket\s*\)|^lukket(?: punkt)?\s*:?$", re.IGNORECASE)
OPEN_MARK = re.compile(r"\(\s*åben\s*\)", re.IGNORECASE)

#: The kinds of document, by the first word of the title.
DOCUMENT_KINDS = {"referat": "referat", "dagsorden": "dagsorden", "aftaledokument": "aftaledokument",
                  "protokol": "referat", "beslutningsprotokol": "referat", "aftale": "aftaledokument"}
DOCUMENT_TITLE = re.compile(r"(referat|dagsorden|aftaledokument|beslutningsprotokol|protokol)\b", re.IGNORECASE)
ROUND_YEAR = re.compile(r"styringsdialog(?:en)?\s*(?:for\s+)?(?P<year>(?:19|20|21)\d\d)", re.IGNORECASE)
ANY_YEAR = re.compile(r"(?<!\d)((?:19|20|21)\d\d)(?!\d)")

#: Sections of an aftaledokument as aftale writes it.
AGREEMENT_SECTIONS: dict[str, str] = {
    "oversigt": r"oversigt",
    "nye": r"nye aftaler",
    "videreførte": r"videreførte aftaler",
    "ny-form": r"videreført i ny form",
    "afsluttet": r"afsluttet i (?:19|20|21)\d\d|afsluttede aftaler",
    "fælles": r"fælles aftaler",
    "underskrifter": r"underskrifter",
    "øvrige": r"øvrige aftaler",
}


def agreement_section(text: str) -> str | None:
    """The section of an aftaledokument that the heading ``text`` begins, else None."""
    for key, pattern in AGREEMENT_SECTIONS.items():
        if re.fullmatch(pattern, text.strip(" :"), re.IGNORECASE):
            return key
    return None


#: Statuses in prose, strongest first: what the first match says wins. A negation just before cancels a match.
STATUS_PHRASES: tuple[tuple[Status, re.Pattern[str]], ...] = tuple((status, re.compile(pattern, re.IGNORECASE))
                                                                   for status, pattern in (
    (Status.VIDEREFOERES, r"\bvidereføres\b|\bføres videre\b|\bvidereført\b|\bdet er desværre ikke sket\b|"
                          r"\bikke (?:er )?(?:sket|lykkedes|gennemført)\b|\bfortsætter\b"),
    (Status.UDGAAR, r"\budgår\b|\btages af\b|\bbortfalder\b"),
    (Status.OPFYLDT, r"\ber opfyldt\b|\bopfyldt\b|\ber gennemført\b|\ber løst\b|\ber på plads\b"),
    (Status.AFSLUTTET, r"\ber afsluttet\b|\bafsluttes\b|\bafsluttet\b"),
    (Status.PARKERET, r"\bparkeret\b|\bsat i bero\b|\bpå pause\b"),
    (Status.I_GANG, r"\ber (?:gået )?i gang\b|\ber igangsat\b|\bigangsat\b|\bi gang med\b"),
))
_NEGATION = re.compile(r"\b(?:ikke|aldrig|endnu ikke)\s+(?:\w+\s+)?$", re.IGNORECASE)

#: What aftale's documents write for "no status yet", and for a point the meeting did not follow up.
NO_STATUS_WORDS = frozenset({"aftalt", "ny", "ikke behandlet – videreføres", "ikke behandlet - videreføres"})


def status_in(text: str) -> tuple[Status, str] | None:
    """The status a sentence states ("punktet videreføres til aftaledokumentet"), with the words that say it."""
    for status, pattern in STATUS_PHRASES:
        for found in pattern.finditer(text):
            if status is not Status.VIDEREFOERES and _NEGATION.search(text[:found.start()]):
                continue
            return status, found.group()
    return None


MONTHS = {"januar": 1, "februar": 2, "marts": 3, "april": 4, "maj": 5, "juni": 6, "juli": 7, "august": 8,
          "september": 9, "oktober": 10, "november": 11, "december": 12, "jan": 1, "feb": 2, "mar": 3, "apr": 4,
          "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "okt": 10, "nov": 11, "dec": 12}
_WORD_DATE = re.compile(r"(?<!\d)(\d{1,2})\.?\s*(" + "|".join(sorted(MONTHS, key=len, reverse=True))
                        + r")\.?\s+((?:19|20|21)\d\d)", re.IGNORECASE)
_NUMERIC_DATE = re.compile(r"(?<!\d)(\d{1,2})[-./](\d{1,2})[-./]((?:19|20|21)\d\d)(?!\d)")
_ISO_DATE = re.compile(r"(?<!\d)((?:19|20|21)\d\d)-(\d{2})-(\d{2})(?!\d)")
_TIME = re.compile(r"(?<![\d.:])(\d{1,2})[:.](\d{2})(?:\s*[-–—]\s*(\d{1,2})[:.](\d{2}))?(?![\d])")


def find_date(text: str) -> tuple[date, str] | None:
    """The first date in ``text`` ("27. oktober 2020", "09-04-2018", "2020-10-27") and the words that gave it."""
    candidates = []
    for pattern, order in ((_ISO_DATE, (0, 1, 2)), (_WORD_DATE, (2, 1, 0)), (_NUMERIC_DATE, (2, 1, 0))):
        for found in pattern.finditer(text):
            parts = [found.group(i + 1) for i in range(3)]
            year, month, day = (parts[i] for i in order)
            month_number = MONTHS.get(month.casefold().rstrip("."), None) if not month.isdigit() else int(month)
            try:
                candidates.append((found.start(), date(int(year), month_number or 0, int(day)), found.group()))
            except ValueError:
                continue
    if not candidates:
        return None
    _, day, words = min(candidates)
    return day, words


def find_time(text: str) -> str | None:
    """The time of day in ``text``, as aftale writes it: "12:30–14:00", "17:00"."""
    for found in _TIME.finditer(text):
        start_h, start_m, end_h, end_m = found.groups()
        if int(start_h) > 23 or int(start_m) > 59:
            continue
        start = f"{int(start_h):02d}:{start_m}"
        if end_h is not None and int(end_h) <= 23 and int(end_m) <= 59:
            return f"{start}–{int(end_h):02d}:{end_m}"
        return start
    return None


#: Words after which a line cannot end a sentence: a line ending in one was broken in the middle of one.
FUNCTION_WORDS = frozenset("""af til og på med i for om de den det en et mellem fra ved som at der skal er har kan vil
samt eller hvor når efter under over inden uden hos mod jf bl.a. fx herunder både men så ikke også eksempelvis
hvordan hvad hvem hvilke hvis""".split())

#: Words an id leaves out: it keeps the words that say what the point is about.
STOP_WORDS = frozenset("""af til og på med i for om de den det dette en et mellem fra ved som at der skal er har
kan vil samt eller hvor når efter under over hos mod sig sin sit sine vi man meget mere flere nye ny nyt bedre
går gå videre ønsket ønske ønskes fokus omkring vedrørende ift forhold udarbejder udarbejdes sendes medsendes
punkt punktet hertil herom heraf""".split())

#: Words before a name that say the person's role ("Borgmester John Dyrby Paulsen").
ROLE_WORDS = re.compile(r"(?:borgmester|viceborgmester|rådmand|formand|næstformand|direktør|kommunaldirektør|"
                        r"[\w-]*chef|[\w-]*leder|[\w-]*konsulent|[\w-]*medarbejder|sekretær|[\w-]*rådgiver|"
                        r"repræsentant|medlem|[\w-]*koordinator|referent|tilsynsførende|sagsbehandler)",
                        re.IGNORECASE)
