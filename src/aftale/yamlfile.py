"""Reading one YAML file safely into a tree of nodes that keep their positions.

Nothing here constructs Python objects from YAML: the file is only composed into
nodes, and :mod:`aftale.load` reads values from them by what each key expects.
That makes tags such as ``!!python/object`` harmless (they are refused), keeps
``12:30`` a text instead of YAML 1.1's sexagesimal number, and lets every value
report its line and column.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import yaml
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from aftale.errors import Problem
from aftale.glyphs import check_text
from aftale.inputs import Place, Reader, Refusal, read_input
from aftale.model import Pos
from aftale.yamlhints import diagnose

_STANDARD_TAG = "tag:yaml.org,2002:"
_ALLOWED_TAGS = frozenset(
    _STANDARD_TAG + name
    for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
)
_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
try:
    from yaml.cyaml import CParser as _CParser  # type: ignore[attr-defined]  # the stubs do not re-export it
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    _CParser = None  # type: ignore[assignment, misc]
#: Lists and mappings nested deeper than this are refused (no agreement needs more than a handful).
MAX_DEPTH = 64


class _AliasRefused(yaml.MarkedYAMLError):
    """An alias (``*name``): refused before it can be expanded."""


class _Loader(yaml.SafeLoader):
    """A SafeLoader whose composer refuses every alias.

    Aliases are not part of the format. Aliases to lists and mappings are how "billion laughs" documents grow
    exponentially, and thousands of aliases to one long paragraph make a small file hundreds of megabytes of
    text; no agreement needs either.
    """

    def compose_node(self, parent: Node | None, index: int) -> Node | None:
        if self.check_event(AliasEvent):
            event = self.peek_event()
            raise _AliasRefused(problem=event.anchor, problem_mark=event.start_mark)
        return super().compose_node(parent, index)


_NULL_TAG = "tag:yaml.org,2002:null"
_DEFAULT_TAGS = {ScalarNode: "tag:yaml.org,2002:str", SequenceNode: "tag:yaml.org,2002:seq",
                 MappingNode: "tag:yaml.org,2002:map"}
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})


class _NullOnlyResolver(yaml.resolver.BaseResolver):
    """Resolves only ``null`` (``~``, empty, ``null``): every other plain value is read by what its key expects,
    so resolving ints, floats, booleans and dates would be work thrown away."""

    def resolve(self, kind: type, value: object, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode and implicit[0] and value in _NULLS:
            return _NULL_TAG
        return _DEFAULT_TAGS[kind]


if _CParser is not None:
    class _FastLoader(_CParser, yaml.constructor.SafeConstructor, _NullOnlyResolver):  # type: ignore[misc, valid-type]
        """libyaml's parser and composer with the null-only resolver."""

        def __init__(self, stream: str) -> None:
            _CParser.__init__(self, stream)
            yaml.constructor.SafeConstructor.__init__(self)
            _NullOnlyResolver.__init__(self)
else:  # pragma: no cover - PyYAML built without libyaml
    _FastLoader = None  # type: ignore[assignment, misc]


def pos(node: Node, file: str) -> Pos:
    """The 1-based position where ``node`` starts in ``file``."""
    return Pos(file, node.start_mark.line + 1, node.start_mark.column + 1)


def read_yaml(path: Path, rel: str, problems: list[Problem], empty_hint: str, place: Place,
              read: Reader = read_input) -> MappingNode | None:
    """Read ``path`` into its top-level mapping node, or None after adding problems.

    :param path: the file on disk.
    :param rel: the file's name as the user reads it, used in every position.
    :param problems: where problems are appended; reading never raises for bad input.
    :param empty_hint: what the file should hold, said when it is empty.
    :param place: the folder the file must lie in (a link out of it is refused, never read).
    :param read: how the file is read: :func:`aftale.inputs.read_input`, or a command's snapshot.

    The file is read through :func:`aftale.inputs.read_input`; git's conflict markers are reported
    before the YAML is parsed.
    """
    start = Pos(rel)
    if path.is_dir():
        problems.append(Problem(start, f"'{path.name}' er en mappe, men her skal være en fil. "
                                       "Flyt mappens indhold og opret filen."))
        return None
    data = read(path, place)
    if isinstance(data, Refusal):
        problems.append(Problem(start, str(data)))
        return None
    text = _decode(data, rel, problems)
    if text is None or _conflict_markers(text, rel, problems):
        return None
    composed, root = _compose_fast(text)
    if not composed:
        loader = None
        try:
            loader = _Loader(text)
            root = loader.get_single_node()
        except yaml.YAMLError as error:
            problems.append(_yaml_problem(error, text, rel))
            return None
        except RecursionError:
            problems.append(Problem(start, _TOO_DEEP))
            return None
        finally:
            if loader is not None:
                loader.dispose()
    if root is None or (isinstance(root, ScalarNode) and root.tag == _STANDARD_TAG + "null"):
        problems.append(Problem(start, f"filen er tom. {empty_hint}"))
        return None
    before = len(problems)
    _check_tree(root, rel, problems)
    if len(problems) > before:
        return None
    if not isinstance(root, MappingNode):
        problems.append(Problem(pos(root, rel), "filen skal bestå af nøgler med værdier (fx 'møde:'), "
                                                f"men den er {describe(root)}. {empty_hint}"))
        return None
    problems.extend(check_text(root, rel))
    return root


_TOO_DEEP = ("filen er indlejret for dybt til at blive læst. Ret indrykningen, så lister og afsnit ikke ligger "
             f"i mere end {MAX_DEPTH} lag.")


def _compose_fast(text: str) -> tuple[bool, Node | None]:
    """Compose with libyaml when that is safe and gives the same result: (True, the root), else (False, None).

    libyaml is about twenty times faster and gives the same positions. The pure-Python
    loader is used instead for every file it cannot take as it is: errors (whose
    Danish messages are written for the pure-Python parser's wording), aliases
    (refused at the alias's own position), and text that could nest deep enough to
    exhaust libyaml's C stack.
    """
    if (_FastLoader is None or "*" in text or text.count("[") + text.count("{") > 1000
            or max(map(len, text.splitlines()), default=0) > 4000):  # a '*' may be an alias: the pure loader refuses it
        return False, None
    try:
        root = yaml.compose(text, Loader=_FastLoader)  # type: ignore[arg-type]  # a loader of our own making
    except yaml.YAMLError:
        return False, None
    return True, root


def describe(node: Node) -> str:
    """Say in Danish what kind of value a node is ("en liste", "teksten 'x'")."""
    if isinstance(node, MappingNode):
        return "et afsnit med nøgler"
    if isinstance(node, SequenceNode):
        return "en liste"
    value = str(node.value)
    shown = value if len(value) <= 40 else value[:37] + "..."
    return f"teksten '{shown}'"


def _decode(data: bytes, rel: str, problems: list[Problem]) -> str | None:
    if data.startswith(_UTF16_BOMS):
        problems.append(Problem(Pos(rel), "filen er gemt som UTF-16. Gem den igen med tegnsættet UTF-8."))
        return None
    if data.startswith(_UTF8_BOM):
        data = data[len(_UTF8_BOM):]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line_start = data.rfind(b"\n", 0, error.start) + 1
        line = data.count(b"\n", 0, error.start) + 1
        column = len(data[line_start:error.start].decode("utf-8", errors="replace")) + 1
        problems.append(Problem(
            Pos(rel, line, column),
            f"filen er ikke gemt som UTF-8: byten 0x{data[error.start]:02X} kan ikke læses "
            "(typisk et æ, ø eller å gemt i et ældre tegnsæt). "
            "Gem filen igen med tegnsættet UTF-8.",
        ))
        return None
    # Keys and ids compare equal however the letters were typed: a decomposed "é"
    # from macOS becomes the same single code point as one typed on Windows.
    return unicodedata.normalize("NFC", text)


_MARKER = re.compile(r"^(<{7}|\|{7}|={7}|>{7})(?=[ \t\r]|$)", re.MULTILINE)


def _conflict_markers(text: str, rel: str, problems: list[Problem]) -> bool:
    """Report git's conflict markers, one problem per conflict at its ``<<<<<<<`` line; True if any.

    A marker outside a whole conflict (``<<<<<<<`` … ``=======`` … ``>>>>>>>``) is reported on its own line.
    """
    markers = [(text.count("\n", 0, m.start()) + 1, m.group(1)[0]) for m in _MARKER.finditer(text)]
    index = 0
    while index < len(markers):
        line, kind = markers[index]
        kinds = "".join(k for _, k in markers[index:index + 4])
        length = 4 if kinds.startswith("<|=>") else 3 if kinds.startswith("<=>") else 0
        if length:
            end = markers[index + length - 1][0]
            message = (f"git har efterladt en konflikt fra en fletning (merge) her: mellem '<<<<<<<' (linje {line}), "
                       f"'=======' (linje {markers[index + length - 2][0]}) og '>>>>>>>' (linje {end}) står to "
                       "udgaver af samme tekst. Behold den rigtige udgave, og slet markeringslinjerne.")
            index += length
        else:
            message = (f"linjen begynder med '{kind * 7}', en markering, som git efterlader ved en konflikt i en "
                       "fletning (merge). Behold den rigtige udgave af teksten omkring den, og slet "
                       "markeringslinjerne ('<<<<<<<', '=======' og '>>>>>>>').")
            index += 1
        problems.append(Problem(Pos(rel, line, 1), message))
    return bool(markers)


def _check_tree(root: Node, rel: str, problems: list[Problem]) -> None:
    """Refuse foreign tags, non-text keys and duplicate keys anywhere in the file."""
    stack = [(root, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            problems.append(Problem(pos(node, rel), _TOO_DEEP))
            return
        if node.tag not in _ALLOWED_TAGS:
            tag = node.tag.replace(_STANDARD_TAG, "!!")
            problems.append(Problem(pos(node, rel), f"YAML-mærket '{tag}' er ikke tilladt: aftale læser kun "
                                                    "tekst, lister og nøgler. Slet mærket."))
            continue
        if isinstance(node, SequenceNode):
            stack.extend((item, depth + 1) for item in reversed(node.value))
        elif isinstance(node, MappingNode):
            seen: dict[str, Node] = {}
            for key, value in node.value:
                stack.append((value, depth + 1))
                if not isinstance(key, ScalarNode):
                    problems.append(Problem(pos(key, rel), "en nøgle skal være en kort tekst efterfulgt af kolon, "
                                                           f"men her er {describe(key)}. Ret nøglen."))
                    continue
                if key.value in seen:
                    first = seen[key.value].start_mark.line + 1
                    problems.append(Problem(pos(key, rel), f"nøglen '{key.value}' står to gange i samme afsnit "
                                                           f"(første gang på linje {first}). YAML ville kun beholde "
                                                           "den sidste, og resten gik tabt. Slå de to sammen til én."))
                seen.setdefault(key.value, key)


#: The parser's words when the structure of the file is broken; :func:`aftale.yamlhints.diagnose` looks for why.
_STRUCTURE = ("mapping values are not allowed", "could not find expected ':'", "expected <block end>",
              "expected <block mapping start>")


def _yaml_problem(error: yaml.YAMLError, text: str, rel: str) -> Problem:
    """Turn PyYAML's error into a Danish problem at the parser's position."""
    if isinstance(error, yaml.reader.ReaderError):
        line = text.count("\n", 0, error.position) + 1
        column = error.position - (text.rfind("\n", 0, error.position) + 1) + 1
        return Problem(Pos(rel, line, column),
                       f"filen indeholder kontroltegnet U+{error.character:04X}, som ikke må stå i en YAML-fil "
                       "(det følger ofte med, når tekst kopieres fra Word eller e-mail). Slet tegnet.")
    assert isinstance(error, yaml.MarkedYAMLError)
    problem = str(error.problem or "")
    context = str(error.context or "")
    mark = error.problem_mark or error.context_mark
    structural = any(words in problem for words in _STRUCTURE)
    hint = diagnose(text, mark.line + 1) if mark is not None and structural else None
    if hint is not None:
        return Problem(Pos(rel, hint.line, hint.column), hint.message)
    if isinstance(error, _AliasRefused):
        message = (f"aliaset '*{problem}' gentager en værdi med et anker (&{problem}), men aliaser og ankre er ikke en "
                   "del af formatet (en lille fil kunne vokse sig enorm). Skriv værdien ud, hvor den skal stå.")
    elif "cannot start any token" in problem or "tab character" in problem:
        if "\\t" in problem or "tab character" in problem:
            message = ("et tabulatortegn (Tab) står, hvor YAML kræver mellemrum. "
                       "Indryk med mellemrum i stedet for Tab.")
        else:
            message = (f"tegnet {problem.rsplit(' ', 5)[0].removeprefix('found character ')} kan ikke stå først "
                       "i en værdi. Sæt værdien i anførselstegn.")
    elif "mapping values are not allowed" in problem:
        message = ("et kolon med mellemrum efter (': ') står et sted, hvor YAML ikke venter en ny nøgle. "
                   "Sæt teksten i anførselstegn, hvis den selv indeholder ': ', eller ret indrykningen.")
    elif "could not find expected ':'" in problem:
        message = ("YAML venter et kolon efter en nøgle her. Tilføj ':' efter nøglen, eller sæt en tekst, "
                   "der fortsætter over flere linjer, i anførselstegn.")
    elif "end of stream" in problem and "quoted" in context:
        mark = error.context_mark or mark
        message = "et anførselstegn åbnes her, men lukkes aldrig. Tilføj det afsluttende anførselstegn."
    elif "escape character" in problem:
        message = ("en omvendt skråstreg (\\) i en tekst i dobbelte anførselstegn skal efterfølges af et gyldigt "
                   "tegn. Skriv '\\\\' for en skråstreg, eller brug enkelte anførselstegn om teksten.")
    elif "undefined alias" in problem:
        message = ("et alias (*navn) henviser til et anker (&navn), der ikke findes. "
                   "Ret navnet, eller skriv værdien ud.")
    elif "single document" in problem or "single document" in context:
        message = ("filen indeholder mere end ét YAML-dokument (adskilt af '---'). "
                   "Slet '---', eller del indholdet op i flere filer.")
    elif "sequence entries are not allowed" in problem:
        message = ("et listeelement ('- ') står et sted, hvor det ikke kan stå. "
                   "Ret indrykningen, så elementerne i listen står under hinanden.")
    elif "expected ',' or ']'" in problem or "expected ',' or '}'" in problem:
        opening, closing = ("[", "]") if "]" in problem else ("{", "}")
        mark = error.context_mark or mark
        message = (f"{'listen' if opening == '[' else 'afsnittet'}, der åbnes her med '{opening}', lukkes ikke "
                   f"rigtigt. Tjek kommaerne og den afsluttende '{closing}'.")
    elif "<stream end>" in problem:
        message = ("filen slutter midt i en værdi: en liste i [ ] eller et afsnit i { } lukkes ikke. "
                   "Tilføj den afsluttende klamme.")
    elif "expected <block end>" in problem or "expected <block mapping start>" in problem:
        message = ("indrykningen passer ikke med linjerne over. Ret den, så nøgler og listeelementer på samme "
                   "niveau starter i samme kolonne.")
    else:
        message = (f"filen er ikke gyldig YAML ({problem or context}). Tjek indrykningen, kolon efter nøgler og "
                   "anførselstegn om tekst med særlige tegn, på linjen og linjen før.")
    line = mark.line + 1 if mark else 1
    column = mark.column + 1 if mark else 1
    return Problem(Pos(rel, line, column), message)
