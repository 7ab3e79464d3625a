"""The rubric editor's rules, apart from its widgets: exam questions found in the notes,
version stamps, when a save needs the teacher's say-so, what an import or a damaged file can
still give the editor, the rubric files that have problems, and what a save that drops point
ids says about the marking left behind.

Pure: text and data in, frozen dataclasses out. The page (``app_pages/rubric_editor.py``)
reads files and session state and passes them in.
"""
from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import PurePath
from typing import Any, Protocol, TypeVar

import yaml

from .corpus import Passage, is_furniture, note_label
from .errors import RubricError, RubricSyntaxError
from .loaders import BrokenRubric
from .markup import counted, shorten
from .rubric import Rubric, rubric_to_dict
from .rubric_edit import editable, to_rubric
from .safeio import yaml_problem

# An exam question on a line of its own, optionally numbered: the usual A-Level stems.
SEED_QUESTION = re.compile(
    r"^(?:\d+[.)]\s*)?((?:To what extent|How far|How important|How successful|How significant|"
    r"Assess|Evaluate|Why did|Explain why)[^\n]{20,300}?)\s*$", re.IGNORECASE)
# save_rubric names a kept version <id>.<YYYYmmdd-HHMMSS[-micro]>.yaml
MAX_NESTING = 50
_STAMP = re.compile(r"\.(\d{8}-\d{6})(?:-\d+)?\.ya?ml$")


@dataclass(frozen=True)
class SeedQuestion:
    """An exam question found in the course notes, to start a rubric from."""

    file: str
    question: str
    note: str = ""  # the note as a teacher knows it (:func:`corpus.note_label`); its file name would be a hash

    @property
    def label(self) -> str:
        return f"{self.question} ({self.note or self.file})"


@dataclass(frozen=True)
class Imported:
    """Rubric data for the editor's fields, and the problems still to fix (none: it is valid)."""

    data: dict[str, Any]
    problems: tuple[str, ...] = ()


def seed_questions(lines: Mapping[str, Sequence[str]]) -> list[SeedQuestion]:
    """Every exam question in the notes (a stem such as "To what extent", ending in ? or .),
    in file order, each once."""
    found: dict[SeedQuestion, None] = {}
    for file, file_lines in sorted(lines.items()):
        note = ""
        for line in file_lines:
            m = SEED_QUESTION.match(line.strip())
            if m and m.group(1).rstrip().endswith(("?", ".")):
                note = note or note_label(file, "\n".join(file_lines))
                found[SeedQuestion(file, m.group(1).strip(), note)] = None
    return list(found)


def version_time(name: str) -> datetime | None:
    """When a kept version was saved, from its file name; ``None`` for a name without a stamp."""
    m = _STAMP.search(PurePath(name).name)
    try:
        return datetime.strptime(m.group(1), "%Y%m%d-%H%M%S") if m else None
    except ValueError:      # digits that are no date (a hand-made file): no time, not a crash
        return None


def version_label(name: str) -> str:
    """``30 Nov 2026 15:12:03``, or the file name when it carries no stamp."""
    when = version_time(name)
    return when.strftime("%d %b %Y %H:%M:%S") if when else PurePath(name).name


def save_conflicts(rubric_id: str, origin: str | None, existing: Iterable[str], disk_now: bytes | None,
                   disk_opened: bytes | None, overwrite: bool) -> list[str]:
    """Reasons not to write the file without the teacher's say-so (``overwrite``): the id is
    another rubric's, or the file changed on disk since it was opened."""
    if overwrite:
        return []
    if rubric_id != origin and rubric_id in set(existing):
        return [f"id: a rubric {rubric_id!r} already exists; choose another id, or tick 'Replace the existing "
                "rubric' to overwrite it (its current version is kept under Versions)"]
    if rubric_id == origin and disk_now is not None and disk_now != disk_opened:
        return [f"rubric: {rubric_id}.yaml was changed by someone else after you opened it; tick 'Replace the "
                "existing rubric' to save yours over it (theirs is kept under Versions), or open it again"]
    return []


class _AliasFound(Exception):
    pass


class _NoAliasLoader(yaml.SafeLoader):
    """PyYAML's safe loader, refusing aliases: a few bytes of them can expand without bound."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            raise _AliasFound
        return super().compose_node(parent, index)


def _nesting(text: str) -> int:
    """How deep brackets nest (quotes ignored: a rubric never nests more than a few levels)."""
    depth = deepest = 0
    for ch in re.sub(r"[^\[\]{}]+", "", text):
        depth = depth + 1 if ch in "[{" else max(0, depth - 1)
        deepest = max(deepest, depth)
    return deepest


def rubric_data(text: str, origin: str, max_bytes: int) -> Any:
    """Rubric text as YAML data, refusing what could not be a rubric: more than ``max_bytes``,
    brackets nested more than ``MAX_NESTING`` deep, aliases, and bad syntax.

    Raises ``RubricSyntaxError``, naming the line where YAML stops making sense.
    """
    if len(text.encode("utf-8", errors="replace")) > max_bytes:
        raise RubricSyntaxError(f"is larger than {max_bytes // 1000} kB; is it really a rubric?", origin)
    if _nesting(text) > MAX_NESTING:
        raise RubricSyntaxError(f"has brackets nested more than {MAX_NESTING} deep; a rubric needs two or three",
                                origin)
    try:
        return yaml.load(text, Loader=_NoAliasLoader)  # a SafeLoader subclass: safe
    except _AliasFound:
        raise RubricSyntaxError("uses YAML aliases (*name); write each value out in full", origin) from None
    except yaml.YAMLError as exc:
        raise RubricSyntaxError(yaml_problem(exc, text), origin) from None
    except (ValueError, RecursionError) as exc:   # a 5,000-digit number, say
        raise RubricSyntaxError(f"cannot be read as YAML ({type(exc).__name__}: a value too large or nested "
                                "too deep)", origin) from None


def _changed(raw: Any, data: Mapping[str, Any]) -> list[str]:
    """The top-level fields the editor had to change to show them: each is a problem to check."""
    if not isinstance(raw, Mapping):
        return []
    out = []
    for key in ("id", "title", "topic", "question", "source", "minutes", "marks"):
        if key in raw and raw[key] is not None and raw[key] != data.get(key):
            shown = type(raw[key]).__name__
            out.append(f"{key}: a {shown} could not be used here; it shows as {str(data.get(key))[:40]!r}: "
                       "check it")
    return out


def import_rubric(text: str, origin: str, parse: Callable[[str, str], Rubric], max_bytes: int,
                  seed_lines: Mapping[str, Sequence[str]] | None = None) -> Imported:
    """Rubric text for the editor: valid (no problems), or damaged but readable (its data in
    the fields' shape, with the problems to fix).

    ``parse`` is the loader's validating parser; when it refuses the text, the text is read
    again as plain YAML data so the teacher can mend it in the editor.

    Raises ``RubricError`` when even that is impossible: ``RubricSyntaxError`` when the text
    is not YAML data at all, else the parser's own problems.
    """
    try:
        return Imported(rubric_to_dict(parse(text, origin)))
    except RubricError as exc:
        failed: RubricError | None = exc
    except (TypeError, ValueError, RecursionError):   # a loader that trips on odd data
        failed = None
    raw = rubric_data(text, origin, max_bytes)
    try:
        data = editable(raw)
    except RubricError as exc:  # no mapping of fields: named by its file, as a syntax error is
        raise RubricError(exc.problems, origin) from None
    if failed is not None:
        return Imported(data, tuple(failed.problems))
    problems = _changed(raw, data)   # the loader crashed: say what the editor had to change...
    try:                             # ...and what is still wrong with the data as it reads it
        to_rubric(data, seed_lines, origin)
    except RubricError as exc:
        problems += [p for p in exc.problems if p not in problems]
    return Imported(data, tuple(problems or ["the loader could not read this file; check every field, then save"]))


def broken_rubric(error: object) -> BrokenRubric:
    """One entry of the loader's list of invalid files as a :class:`BrokenRubric`.

    Takes a ``RubricError`` (``source`` is the file's path) or any record with a ``path`` or
    ``file`` and ``problems`` or ``message``.
    """
    source = str(getattr(error, "source", None) or getattr(error, "path", None) or getattr(error, "file", "") or "")
    problems = getattr(error, "problems", None) or [getattr(error, "message", None) or str(error)]
    return BrokenRubric(PurePath(source).name, tuple(str(p) for p in problems))


# ---- readable ids, evidence, versions, balance ------------------------------------------------

_ID_STOP = frozenset("""a an the and or but of to in on at by for from with without as into onto than that
this these those his her its their our your he she it they we was were is are be been being had has have
did do does not no so such very more most less least much many also which who whom whose what when where
why how because after before during while until since about against between over under up down out off
there here then them him us can could would should will shall may might must own own s t""".split())


def readable_id(text: str, taken: Iterable[str], rarity: Mapping[str, float] | None = None,
                words: int = 3, others: Sequence[str] = ()) -> str:
    """A short, unused id from a point's text: its ``words`` most telling words, in their order.

    Function words, possessive ``'s`` and repeats are dropped; the first word (usually who or
    what the point is about) stays, and ``rarity`` (say, inverse document frequency in the
    notes) picks the most telling of the rest, else the next ones are kept (after an opening
    -ing word, its object stays too: "adding-catalyst-..."). A word the rubric's
    ``others`` points use too tells less, the more of them use it: every point of a chemistry
    rubric "increases the rate", and only one names the catalyst (walk 47's catalyst point was
    "adding-increases-rate", as the history notes use "catalyst"). A taken id gets ``-2``, ``-3``...

    >>> readable_id("Stalin's strategy: Stalin used his position as General Secretary", [])
    'stalin-strategy-used'
    >>> readable_id("Heat makes the particles move faster", [], {}, others=["A catalyst makes it faster"])
    'heat-particles-move'
    """
    found = [w for w in re.findall(r"[a-z0-9]+", re.sub(r"['’]s\b", "", text.lower())) if w not in _ID_STOP]
    unique = list(dict.fromkeys(w for w in found if len(w) > 1))
    if rarity is not None and len(unique) > words:   # the subject, then the most telling of the rest
        rarest = max(rarity.values(), default=1.0)
        shared = Counter(w for other in others for w in set(re.findall(r"[a-z0-9]+", other.lower())))
        # "Adding a catalyst ...": an opening -ing word's object is the subject too
        subject = 2 if unique[0].endswith("ing") else 1
        rest = sorted(unique[subject:], key=lambda w: -rarity.get(w, rarest) / (1 + shared[w]))
        keep = set(unique[:subject] + rest[:words - subject])
        unique = [w for w in unique if w in keep]
    stem = "-".join(unique[:words])[:40].strip("-") or "point"
    used = set(taken)
    candidate, n = stem, 2
    while candidate in used:
        candidate, n = f"{stem}-{n}", n + 1
    return candidate


class _HasPassage(Protocol):
    @property
    def passage(self) -> Passage: ...

    @property
    def score(self) -> float: ...


_EXAM_STEM = re.compile(r"^(?:\d+[.)]\s*)?(?:to what extent|how far|how (?:important|successful|significant)|"
                        r"assess|evaluate|analyse|analyze|discuss|explain why|why did|compare)\b", re.IGNORECASE)
_SMALL_WORDS = frozenset("a an the of and or in on at to for by with from de vs".split())


def is_evidence(text: str, min_words: int = 5) -> bool:
    """A passage worth citing as a point: a statement about the past, not a heading (short, or
    in Title Case with nothing after a colon), a fragment, or an exam question."""
    body = " ".join(text.split())
    words = [w for w in body.split() if any(c.isalpha() for c in w)]
    if len(words) < min_words or is_furniture(body) or body.isupper():
        return False
    if body.endswith("?") or _EXAM_STEM.match(body):
        return False
    content = [w for w in words if w.lower().strip(".,:;'\"") not in _SMALL_WORDS]
    title_case = sum(w[0].isupper() or w[0].isdigit() for w in content) >= 0.7 * max(1, len(content))
    labelled = ":" in body[:-1] or "->" in body or " - " in body
    return not (title_case and not labelled and not body.endswith("."))


H = TypeVar("H", bound=_HasPassage)


def rank_evidence(hits: Sequence[H], own_files: Iterable[str], limit: int = 8, close: float = 0.5) -> list[H]:
    """Search hits as evidence for a rubric: headings and fragments out; among the hits that
    score within ``close`` of the best, passages from the rubric's own notes (``own_files``: its
    source, its topic's sources, files its points cite) come first; then the rest, by score."""
    own = set(own_files)
    kept = [h for h in hits if is_evidence(h.passage.text)]
    best = max((h.score for h in kept), default=0.0)
    near = [h for h in kept if h.score >= close * best]
    rest = [h for h in kept if h.score < close * best]
    return (sorted(near, key=lambda h: h.passage.file not in own) + rest)[:limit]


def version_diff(old: str, new: str, old_name: str, new_name: str) -> str:
    """What changed between two versions of a rubric, as a unified diff ('' when nothing did)."""
    return "".join(difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True),
                                        fromfile=old_name, tofile=new_name, n=2))


_WEIGHING = re.compile(r"\b(to what extent|how far|how (?:important|significant|successful)|assess|evaluate|"
                       r"discuss)\b", re.IGNORECASE)


def default_side(question: str) -> str:
    """The side a new point starts on: "for" when the question weighs a case (the teacher then
    adds the other side), "neutral" when it asks to explain or describe (its feedback would
    otherwise read "Case for: ..." on a question that has no case)."""
    return "for" if _WEIGHING.search(question or "") else "neutral"


def one_sided(question: str, sides: Iterable[str]) -> str | None:
    """A warning when a question asks to weigh a case but every point argues one side of it."""
    argued = {s for s in sides if s in ("for", "against")}
    if not _WEIGHING.search(question or "") or len(argued) != 1:
        return None
    side = argued.pop()
    other = "against" if side == "for" else "for"
    return (f"Every point is on the '{side}' side, but the question asks how far: add points on the "
            f"'{other}' side, or essays that weigh both sides will find nothing to match.")


def question_only_aliases(question: str, points: Sequence[Mapping[str, Any]]) -> list[str]:
    """A warning for each alias made only of the question's own words ("flood" for a question on
    floods): every answer uses them, so such an alias would credit its point in almost every essay."""
    from .analyze import STOP_WORDS, stem, tokenize  # the analyzer's own reading of words

    def words(text: str) -> set[str]:
        return {stem(t) for t in tokenize(text) if t not in STOP_WORDS}

    asked = words(question)
    out = []
    for point in points:
        for alias in point.get("aliases") or []:
            said = words(str(alias))
            if said and said <= asked:
                out.append(f"The alias '{alias}' of {point.get('id') or 'a point'} uses only words of the question: "
                           "every answer has them, so it would credit this point in almost every essay. Say what "
                           "is particular to the point.")
    return out


# Formatting a teacher may type, expecting it to be applied: HTML tags, Markdown emphasis, code
# and links. Feedback shows every rubric text as typed (it is escaped, never rendered).
_FORMATTING = re.compile(r"</?[A-Za-z][^<>]*>|\*\*(?=\S)|(?<=\S)\*\*|__\S[^_]*__|`[^`]+`|\[[^\]]+\]\([^)]*\)")


def formatting_shown_as_typed(points: Sequence[Mapping[str, Any]]) -> list[str]:
    """A warning for each point whose text or aliases hold formatting ("<b>Abrasion</b>",
    "**sand**"): students would see the marks as typed, and the point's wording would no longer
    match an answer written in the same words."""
    out = []
    for point in points:
        texts = [str(point.get("text") or ""), *map(str, point.get("aliases") or [])]
        marks = list(dict.fromkeys(m.group() for t in texts for m in _FORMATTING.finditer(t)))
        if marks:
            shown = ", ".join(f"'{shorten(m, 20)}'" for m in marks[:3])
            out.append(f"{point.get('id') or 'A point'} has formatting ({shown}): it is not applied, and students "
                       "see it as typed. Write the point in plain words.")
    return out


def dropped_ids(base: object, rubric: Rubric) -> list[str]:
    """The point ids of the version last opened or saved (``base``, the editor's plain draft) that
    ``rubric`` no longer has: renamed or deleted points, whose marking stays behind."""
    points = base.get("points") if isinstance(base, dict) else None
    before = [str(p.get("id")) for p in points or [] if isinstance(p, dict) and p.get("id")]
    now = {p.id for p in rubric.points}
    return [pid for pid in dict.fromkeys(before) if pid not in now]


@dataclass(frozen=True)
class LeftBehind:
    """What marking has tied to a rubric's point ids: verdicts in class sets, a calibration, and
    how many practice attempts students made with it."""

    class_sets: bool = False
    calibration: bool = False
    attempts: int = 0

    def __bool__(self) -> bool:
        return self.class_sets or self.calibration or self.attempts > 0


def dropped_notice(gone: Sequence[str], left: LeftBehind) -> str:
    """What a save says about the point ids it dropped (``gone``, renamed or deleted): which
    ones, and which verdicts on them no longer apply (each counted, the verb agreeing); "" for none."""
    if not gone:
        return ""
    one = len(gone) == 1
    head = f"Point id{'' if one else 's'} no longer in the rubric: {', '.join(gone)}"
    that = "that point" if one else "those points"
    if not left:
        return f"{head} (nothing was marked or learnt with {'it' if one else 'them'})."
    places = ["your class sets"] if left.class_sets else []
    if left.attempts:
        places.append(f"{counted(left.attempts, 'practice attempt')} by your students")
    single = one and left == LeftBehind(attempts=1)  # one verdict in all: "applies", "restore it"
    said = f"the verdict{'' if single else 's'} on {that} in " + " and in ".join(places) if places else ""
    learnt = f"the wordings calibration learnt for {that}" if left.calibration else ""
    if said and learnt:
        said = f"{said}, and {learnt}," if len(places) > 1 else f"{said} and {learnt}"
    said = said or learnt
    return (f"{head}. {said[0].upper()}{said[1:]} no longer appl{'ies' if single else 'y'}; give a point "
            f"{'its' if one else 'their'} old id back to restore {'it' if single else 'them'}.")
