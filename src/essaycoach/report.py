"""The feedback an essay gets: per-point results and the overall verdicts, as frozen dataclasses."""
from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from .markup import counted, listed, shorten


@dataclass(frozen=True, slots=True)
class Status:
    """One verdict on a point: its name, the credit it earns, and how every view shows it."""

    name: str       # covered | partial | missing: what reports, files and overrides store
    credit: float   # share of the point's weight it earns (coverage, side shares, calibration)
    label: str      # in tables, feedback pages and downloads
    symbol: str     # in the class heatmap
    text_mark: str  # in the command line's plain text


# The one table of statuses, best first; everything else reads from it.
STATUS = {s.name: s for s in (
    Status("covered", 1.0, "✔ covered", "✔", "[x]"),
    Status("partial", 0.5, "◐ partial", "◐", "[~]"),
    Status("missing", 0.0, "✘ missing", "✘", "[ ]"),
)}
STATUSES = tuple(STATUS)
CREDIT = {name: s.credit for name, s in STATUS.items()}  # a plain dict for the per-point loops
# Said wherever a point not made has no passage of the notes to read (the CLI, the app, the HTML).
NOT_IN_NOTES = "the course notes do not cover this point; ask your teacher where to read about it"
# Said once, above the points, when the notes cite a passage for none of them (a rubric on a subject
# they do not cover): under each point it was said eight times on one page.
NONE_IN_NOTES = "The course notes do not cover this question's points: ask your teacher where to read about them."
SIDE_NAME = {"for": "Case for", "against": "Case against", "neutral": "Other points"}


def has_sides(sides: Collection[str]) -> bool:
    """Whether the question has sides to name: its points are not all on one (a question of
    neutral points has none, nor one whose points all argue one side: "Case for" headed an
    "Explain..." answer whose balance read n/a); a label "Points" beside each point says nothing."""
    return len(set(sides)) > 1


def side_name(side: str, sides: Collection[str]) -> str:
    """A side as students and teachers are shown it, everywhere: "Case for", "Case against",
    "Other points" beside them, or "Points" when the question (its ``sides``) has no sides."""
    if not has_sides(sides):
        return "Points"
    return SIDE_NAME.get(side, side)


# Why a credit is worth a teacher's look ("check this"), written once for the engine and for what
# a student practising alone is told of it (:func:`only_just`).
NEAR = "the score is close to the threshold for 'made'"
# A point left missing though its score is over the cut-off for partial: the second look took it back.
UNCREDITED_WHY = "its best match shares only words that other points use as much, or more (names, the question's words)"
ONE_WORD = "it rests on a single word of the point{word}: check the sentence really makes it"
IN_PASSING_CHECK = "its sentence argues a point of the other side more: check it makes this one too"
COPIED = "in the mark scheme's own words: check the student understands it"
CREDITED_LIKE = "like a sentence you credited for this point"   # the teacher's own wording vouches for it
# Why a point is partial because its sentence says the point the other way round (a denial, a
# comparison or a change turned round): the engine's second look writes it, the feedback names it.
OPPOSITE = "the sentence seems to say the opposite of the point"
# Why a point is partial because its sentence says it of another point's subject ("it says this of
# 'Sheila', where the point is about 'Gerald'"): the rest follows, as written by the second look.
SAID_OF = "it says this of"


def partly_label(point: PointResult) -> str:
    """The label a student reads before a partial point's reason: "Only partly" said of a sentence
    that says the opposite, or says it of someone else, contradicts itself (a walk: "Only partly:
    … the opposite of the point")."""
    return "Check this" if says_otherwise(point) else "Only partly"


def says_otherwise(point: PointResult) -> bool:
    """Whether a partial point's sentence seems to say the opposite of it, or says it of another
    subject: the engine doubts it is made at all."""
    return point.status == "partial" and (point.why or "").startswith((OPPOSITE, SAID_OF))


# What the student and the teacher are told of such a point: it is shown, but counts for nothing yet
UNCREDITED = "It earns no marks until a teacher credits it."
# A missing point's ``why``: its best match scored as made, and the second look took the credit.
NOT_CREDITED = "its best match, \u201c{sentence}\u201d, scores as made but is not credited: {why}"


def credit_of(point: PointResult) -> float:
    """What a point earns towards the level, the mark and balance: its status's credit, but
    nothing for a sentence that seems to say the opposite or says it of someone else (until a
    teacher credits it). Half of each point an answer turns round had a wrong answer scoring as
    the right one did, on four probes' rubrics."""
    return 0.0 if says_otherwise(point) else CREDIT[point.status]
_QUOTED = re.compile("\u201c(.+?)\u201d")


def only_just(point: PointResult) -> str | None:
    """What a student practising alone is told beside a credit the engine is unsure of, by the
    reason it would have a teacher check it (a plain tick would be false comfort); None for a
    sure credit, or one like a sentence the teacher credited."""
    check = point.check or ""
    if point.status != "covered" or not point.borderline or check == CREDITED_LIKE:
        return None
    if check.startswith(ONE_WORD.split("{")[0]):
        word = _QUOTED.search(check)
        shared = f" (\u201c{word.group(1)}\u201d)" if word else ""
        return f"only just: it shares a single word with the point{shared}; say more of what the point says."
    if check == COPIED:
        return "only just: it is in the mark scheme's own words; explain the point in your own."
    if check == IN_PASSING_CHECK:
        return "only just: your sentence argues the other side; give this point a sentence of its own."
    return "only just: a marker might not count it; state the point more fully."


def notes_cover_none(points: Sequence[PointResult]) -> bool:
    """Whether the notes cite a passage for none of ``points``: every view then says
    :data:`NONE_IN_NOTES` once, above the points, and no point says :data:`NOT_IN_NOTES` (a point
    without a passage says it only where another point has one to read)."""
    return bool(points) and all(p.where_to_read is not None for p in points)


IN_PASSING_NOTE = "its sentence argues a point of the other side more, so it counts half for balance"


def passing_note(report: Report) -> str | None:
    """What to tell a student whose points on a side are named only in sentences arguing the
    other side (they count half for balance: :func:`verdicts.side_summaries`), naming them; None
    when none is."""
    passing = [p for p in report.points if p.in_passing and p.status != "missing"]
    if not passing:
        return None
    sides = [p.side for p in report.points]
    # Named by the opening of each (walk 47: three points quoted to 45 characters made a note
    # longer than the verdict it qualified), and as coming up, not as made: some are partial.
    named = "; ".join(listed([f"“{shorten(p.text, PASSING_QUOTE)}”" for p in passing if p.side == side])
                      + f" ({side_name(side, sides).lower()})" for side in dict.fromkeys(p.side for p in passing))
    if len(passing) == 1:
        return f"Counted half for balance, as it comes up only in a sentence arguing the other side: {named}. " \
            "Give it a sentence of its own."
    return f"Counted half for balance, as each comes up only in a sentence arguing the other side: {named}. " \
        "Give each a sentence of its own."


PASSING_QUOTE = 30  # characters of a point's text that name it in the note on balance


def coverage_of(points: Sequence[PointResult]) -> float:
    """The weighted share of the points made (each earns :func:`credit_of`)."""
    return sum(p.weight * credit_of(p) for p in points) / (sum(p.weight for p in points) or 1.0)


def level_name(level: int) -> str:
    """A level as every view names it: "level 3", or "below level 1" for an essay at none."""
    return f"level {level}" if level else "below level 1"


def level_cell(level: int) -> str:
    """A level in a cell or a figure headed "level": "3", or "below 1" for an essay at none (an
    off-topic or not-English essay, or a mark under the lowest band). Never "0": levels start at 1."""
    return str(level) if level else "below 1"


def _by_fields(self: Any) -> tuple[type, tuple[Any, ...]]:
    """Pickled as its class and its fields' values: reports cross between processes when a class
    set is marked on every core (batch.grade_in_parallel), and the state functions dataclasses
    give a slotted class took six times as long, a tenth of the time the whole set took."""
    return type(self), tuple(getattr(self, name) for name in self.__slots__)


@dataclass(frozen=True, slots=True)
class PointResult:
    """How well the essay makes one rubric point, and where."""

    id: str
    side: str
    text: str
    weight: float
    status: str               # covered | partial | missing
    score: float              # hybrid match score in [0, 1]
    sentence: str | None      # the essay text that best makes the point
    span: tuple[int, int] | None  # [start, end) of that text in the essay
    evidence: str | None      # the seed passage holding the point ("read this")
    citation: str | None      # file:line of that passage
    borderline: bool = False  # worth a human look ("check this"): see ``check``
    check: str | None = None  # why the verdict is worth checking (None: it is not)
    doubt: float = 0.0        # how much it is worth checking, in [0, 1]: rank checks by it
    title: str | None = None  # the heading of the section of the note ``citation`` points into
    why: str | None = None    # why a point is only partly made, as the student is told it
    in_passing: bool = False  # its sentence argues a point of the other side more: see verdicts.side_summaries

    __reduce__ = _by_fields

    @property
    def where_to_read(self) -> str | None:
        """What to tell a student who did not make the point about reading: None when the notes
        cite a passage for it (shown with :attr:`source_label`), else that they do not cover it."""
        return None if self.evidence or self.citation else NOT_IN_NOTES

    @property
    def source_label(self) -> str:
        """Where to read, as a student is shown it: the note's title and line, never a file name."""
        line = self.citation.rsplit(":", 1)[-1] if self.citation and ":" in self.citation else ""
        if self.title:
            return f"{self.title}, line {line}" if line else self.title
        return "the course notes"


@dataclass(frozen=True, slots=True)
class SideSummary:
    """Points made on one side of the argument."""

    side: str
    covered: int
    partial: int
    total: int
    share: float  # weighted share of the side's points made (partial counts half: credit_of)
    words: int = 0  # words of the essay's sentences that make this side's points
    doubted: int = 0  # partial points whose sentence seems to say the opposite: they earn nothing

    __reduce__ = _by_fields

    @property
    def made(self) -> float:
        """Points made on this side, a partial point counting half (a doubted one nothing)."""
        return self.covered + 0.5 * (self.partial - self.doubted)


@dataclass(frozen=True, slots=True)
class Flag:
    """A warning about the essay as a whole, with a stable code for tables and filters."""

    code: str      # too-short | keyword-list | jumbled | off-topic | pasted-question | copied-notes | repetition
                   # | contradicts | empty | too-long | unfinished | not-english | ...
    message: str

    __reduce__ = _by_fields

    @property
    def title(self) -> str:
        """The flag's name as every view shows it before its message ("Too short: ...")."""
        return self.code.replace("-", " ").capitalize().replace("english", "English")


@dataclass(frozen=True, slots=True)
class Report:
    """Coverage feedback for one essay against one rubric."""

    rubric: str
    student: str
    words: int
    sentences: int
    points: tuple[PointResult, ...]
    sides: tuple[SideSummary, ...]
    coverage: float        # weighted share of all points made, in [0, 1]
    balance: str           # balanced | leans for | underdeveloped (against) | one-sided (for) | ... | n/a
    judgement: str         # reasoned | asserted | none; n/a where none is asked (verdicts.asks_judgement)
    judgement_sentence: str | None
    level: int
    mark: int
    max_mark: int
    warnings: tuple[Flag, ...]
    calibrated: bool = False  # thresholds and weights fitted to a teacher's marking were used
    next_steps: tuple[str, ...] = ()  # what holds the essay below the top level, as advice
    question: str = ""        # the question as the rubric put it when the essay was marked

    __reduce__ = _by_fields

    def status_counts(self) -> dict[str, int]:
        return {s: sum(p.status == s for p in self.points) for s in STATUSES}

    def to_dict(self) -> dict[str, Any]:
        """Plain data for ``--json`` and storage; the schema is documented in the README."""
        return {
            "student": self.student,
            "rubric": self.rubric,
            "words": self.words,
            "sentences": self.sentences,
            "question": self.question,
            "points": [{"id": p.id, "text": p.text, "side": p.side, "status": p.status, "score": round(p.score, 3),
                        "sentence": p.sentence, "span": list(p.span) if p.span else None,
                        # Covered points' too: a teacher may rule one partial or missing, and the
                        # student is then told where to read (it had said the notes do not cover it).
                        "evidence": ({"citation": p.citation, "title": p.title, "text": p.evidence}
                                     if p.citation else None),
                        "borderline": p.borderline, "check": p.check, "doubt": p.doubt, "why": p.why,
                        "in_passing": p.in_passing, "credit": credit_of(p)}
                       for p in self.points],
            "coverage": round(self.coverage, 3),
            "sides": [asdict(s) for s in self.sides],
            "balance": self.balance,
            "judgement": self.judgement,
            "judgement_sentence": self.judgement_sentence,
            "level": self.level or None,   # null: no level (off-topic, not English, under the lowest band)
            "mark": self.mark,
            "max_mark": self.max_mark,
            "warnings": [asdict(w) for w in self.warnings],
            "calibrated": self.calibrated,
            "next_steps": list(self.next_steps),
        }


def render_text(report: Report, width: int = 88) -> str:
    """A report as plain text that reads well in a terminal (no colour needed)."""
    lines = [f"{report.student or 'essay'} | {report.rubric} | {counted(report.words, 'word')} | "
             f"{level_name(report.level)} | mark {report.mark}/{report.max_mark} | "
             f"coverage {report.coverage:.0%}" + (" | calibrated" if report.calibrated else "")]
    sides = [s.side for s in report.sides]   # named as the app names them: "Points" when the question has no sides
    for side in report.sides:
        doubted = f", {side.doubted} seem to say the opposite" if side.doubted else ""
        lines.append(f"  {side_name(side.side, sides)}: {side.covered} made, {side.partial - side.doubted} partly"
                     f"{doubted}, {side.total - side.covered - side.partial} missing (of {side.total})")
    lines.append(f"  balance: {report.balance}; judgement: {report.judgement}")
    passing = passing_note(report)
    if passing:
        lines.append(f"  balance: {passing}")
    for flag in report.warnings:
        lines.append(f"  ! {flag.title}: {flag.message}")
    for step in report.next_steps:
        lines.append(f"  > to go higher: {step}")
    once = notes_cover_none(report.points)
    if once and any(p.status != "covered" for p in report.points):
        lines.append(f"  {NONE_IN_NOTES}")
    for p in report.points:
        named = f"{side_name(p.side, sides)}, " if has_sides(sides) else ""   # as the app names it
        status = f"{p.status}, not credited" if says_otherwise(p) else p.status
        lines.append(f"{STATUS[p.status].text_mark} {p.id} ({named}{status} {p.score:.2f}): {_cut(p.text, width)}")
        if p.sentence and p.status != "missing":
            lines.append(f"      essay: \"{_cut(p.sentence, width - 14)}\"")
        if p.why and p.why != p.check:   # a doubted point's reason is its check, said once below
            lines.append(f"      {partly_label(p).lower()}: {p.why}" if p.status == "partial" else f"      {p.why}")
        if says_otherwise(p):
            lines.append(f"      {UNCREDITED}")
        if p.in_passing and p.status != "missing":
            lines.append(f"      in passing: {IN_PASSING_NOTE}")
        if p.check:
            lines.append(f"      \u2691 check this: {p.check}")
        if p.status != "covered":
            if p.where_to_read is None:
                lines.append(f"      read: {p.source_label}: {_cut(p.evidence or '', width - 20)}")
            elif not once:
                lines.append(f"      read: {p.where_to_read}")
    return "\n".join(lines)


def _cut(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "\u2026"
