"""The teacher's marking of a class set as rules over plain data.

Which verdict stands after the teacher's marking, the level a mark falls in, what the
results filters keep, the order essays are checked in, and the class analytics over the
verdicts as they stand. Pure functions over frozen dataclasses: the class-marking page, the
exports and the tests share them, so each rule is written once.

The teacher's marking sits beside the engine's verdict, never over it: an :class:`Entry`
holds both, and the *standing* verdict is the teacher's where there is one, else the engine's.
"""
from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Protocol

from .batch import BatchRow, PointStat
from .engine import NO_ANSWER
from .report import UNCREDITED_WHY, PointResult, Report, coverage_of
from .rubric import Rubric
from .thresholds import Thresholds
from .verdicts import balance_verdict, side_summaries

# Flags that say the essay is not an argued answer of the student's own to this question (notes,
# copied or repeated text, another question, another language): such essays are set apart from
# the class analytics, where their verdicts would say nothing about the class.
SET_APART = ("off-topic", "not-english", "keyword-list", "jumbled", "pasted-question", "copied-notes", "repetition")
# What the teacher is told of them: most are honest (revision notes, a learnt page), so not "gamed".
APART_WHY = "flagged as notes, copied or repeated text, off-topic or not in English"
UNREADABLE = "could not be read"   # the warnings filter's name for essays that were not marked


class Verdict(Protocol):
    """A teacher's verdict on a point (``classes.Override`` is one): its ``value`` is a status."""

    @property
    def value(self) -> str: ...


@dataclass(frozen=True)
class Comment:
    """A comment from the bank picked for an essay: on one point (``point`` is its id) or general."""

    text: str
    point: str | None = None


@dataclass(frozen=True)
class Entry:
    """One essay of a class set as the marking rules see it: the engine's report (``None`` when
    it could not be marked) and the teacher's marking beside it."""

    name: str                                  # unique within the set
    report: Report | None
    error: str | None = None
    points: Mapping[str, str] = field(default_factory=dict)   # the teacher's statuses, by point id
    mark: int | None = None                    # the teacher's mark
    reviewed: bool = False
    comments: tuple[Comment, ...] = ()

    @property
    def to_check(self) -> list[str]:
        """Point ids whose verdict the engine is unsure of and the teacher has not decided."""
        if self.report is None or self.reviewed:
            return []
        return [p.id for p in self.report.points if p.borderline and p.id not in self.points]

    @property
    def flags(self) -> list[str]:
        return [w.code for w in self.report.warnings] if self.report else []

    @property
    def set_apart(self) -> bool:
        return any(code in SET_APART for code in self.flags)

    def status(self, point: PointResult) -> str:
        """The verdict on ``point`` that stands: the teacher's, else the engine's."""
        return self.points.get(point.id, point.status)

    @property
    def final_mark(self) -> int | None:
        return final_mark(self.report, self.mark)

    def final_level(self, rubric: Rubric) -> int | None:
        return final_level(rubric, self.report, self.mark)


def error_cell(error: str | None, origin: str) -> str:
    """A file's error as a table cell shows it: what is wrong, without the file's name (its row
    names it) or the advice after a semicolon (the notice above the table gives all of it): a
    walk saw "/uploads/bin.txt: looks like a binary…" cut off before it said anything."""
    if not error:
        return ""
    for prefix in (f"{origin}: ", f"{origin.rsplit('/', 1)[-1]}: "):
        error = error.removeprefix(prefix)
    return error.split("; ", 1)[0]


def final_mark(report: Report | None, mark: int | None) -> int | None:
    """The mark that stands: the teacher's, else the engine's (``None`` for neither)."""
    return mark if mark is not None else (report.mark if report else None)


def final_level(rubric: Rubric, report: Report | None, mark: int | None) -> int | None:
    """The level whose band holds the teacher's mark, else the engine's level (``None`` for
    an essay the engine could not mark and the teacher has not marked)."""
    if mark is not None:
        return level_for_mark(rubric, mark)
    return report.level if report else None


def standing_status(point: PointResult, mine: Mapping[str, Verdict]) -> str:
    """The verdict on ``point`` that stands, given the teacher's verdicts by target."""
    return mine[point.id].value if point.id in mine else point.status


def standing_report(rubric: Rubric, report: Report, mine: Mapping[str, Verdict]) -> Report:
    """``report`` as the teacher's marking leaves it: each point's status the teacher's where
    they ruled on it (a point they marked missing quotes no sentence), and the coverage, sides
    and balance that follow from those. The engine's mark and level stay its estimate: the
    teacher's own mark stands beside them (:func:`final_mark`)."""
    if not any(p.id in mine for p in report.points):
        return report
    points = tuple(p if p.id not in mine else _ruled(p, mine[p.id]) for p in report.points)
    sides = side_summaries(rubric, points)
    balance, _ = balance_verdict(rubric, sides, report.words)
    return replace(report, points=points, sides=sides, coverage=coverage_of(points), balance=balance)


def _ruled(point: PointResult, verdict: Verdict) -> PointResult:
    """``point`` as the teacher ruled it. A credit they gave or confirmed counts in full for
    balance: their reading of the sentence outranks the engine's "in passing"."""
    status = verdict.value
    if status == "missing":  # the engine's sentence did not make it
        return replace(point, status=status, sentence=None, span=None, in_passing=False)
    picked = getattr(verdict, "sentence", None)  # the sentence the teacher picked as making it
    if status == "covered" and picked:
        return replace(point, status=status, sentence=picked, span=None if picked != point.sentence else point.span,
                       in_passing=False)
    return replace(point, status=status, in_passing=False)


UNCREDITED = f"Not credited by the engine: {UNCREDITED_WHY}."


def engine_note(point: PointResult, report: Report, partial: float = Thresholds().partial) -> str | None:
    """What the marking screen says beside a point left missing though its match scores above the
    cut-off for partial (a teacher saw "missing (match 0.67)" beside "covered (match 0.48)"):
    the second look took it back, so its words say nothing of this point. Not for an essay that
    answers no part of the question (off-topic, not English), whose flag says why every point is
    missing, nor beside a check, which says why itself (its nearest sentence too)."""
    if point.status != "missing" or point.score < partial or point.check:
        return None
    return None if any(f.code in NO_ANSWER for f in report.warnings) else UNCREDITED


@dataclass(frozen=True)
class Remarked:
    """An essay whose engine verdicts changed when its set was marked again: the rubric or the
    calibration changed since (the teacher's own marking is kept apart, unchanged)."""

    row: int
    before: int                                  # the engine's mark before
    after: int                                   # and now
    points: tuple[tuple[str, str, str], ...]     # (point id, verdict before, verdict now) of those that moved


@dataclass(frozen=True)
class Remarking:
    """What marking a set again changed: the point ids its rubric no longer has and those it has
    newly (a point renamed in the editor is one of each), and the essays whose engine mark or
    verdict on a point in the rubric both times moved."""

    gone: tuple[str, ...] = ()
    new: tuple[str, ...] = ()
    essays: tuple[Remarked, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.gone or self.new or self.essays)

    def then(self, later: Remarking) -> Remarking:
        """What this change and a ``later`` one changed together, from before the first to after
        the second: a notice not yet read is added to, not replaced (a second edit of the rubric
        had hidden what the first changed). A verdict or mark back where it was is no change."""
        # gone: in the first rubric, not the last; new: in the last, not the first
        gone = tuple(dict.fromkeys([*(p for p in self.gone if p not in later.new),
                                    *(p for p in later.gone if p not in self.new)]))
        new = tuple(dict.fromkeys([*(p for p in self.new if p not in later.gone),
                                   *(p for p in later.new if p not in self.gone)]))
        first = {c.row: c for c in self.essays}
        second = {c.row: c for c in later.essays}
        essays: list[Remarked] = []
        for row in sorted(first.keys() | second.keys()):
            a, b = first.get(row), second.get(row)
            if a is None or b is None:
                essays.extend(c for c in (a, b) if c is not None)
                continue
            moved = {pid: (was, now) for pid, was, now in a.points}
            for pid, was, now in b.points:
                moved[pid] = (moved[pid][0] if pid in moved else was, now)
            points = tuple((pid, was, now) for pid, (was, now) in sorted(moved.items()) if was != now)
            if points or a.before != b.after:
                essays.append(Remarked(row, a.before, b.after, points))
        return Remarking(gone, new, tuple(essays))

    def to_dict(self) -> dict[str, list]:
        return {"gone": list(self.gone), "new": list(self.new),
                "essays": [[c.row, c.before, c.after, [list(p) for p in c.points]] for c in self.essays]}

    @classmethod
    def from_dict(cls, data: Mapping[str, Sequence]) -> Remarking:
        return cls(tuple(map(str, data.get("gone", ()))), tuple(map(str, data.get("new", ()))),
                   tuple(Remarked(int(row), int(before), int(after), tuple((str(p), str(w), str(n))
                                                                         for p, w, n in points))
                         for row, before, after, points in data.get("essays", ())))


def remarked(before: Mapping[int, Report], rows: Sequence[BatchRow]) -> Remarking:
    """What changed from the reports stored by row in ``before`` to ``rows`` (in set order),
    over the essays with both reports. A point removed or renamed is named once for the
    set, not as a verdict "covered → none" in every essay (a teacher read that as a verdict)."""
    pairs = [(i, before[i], row.report) for i, row in enumerate(rows) if i in before and row.report is not None]
    was_ids = {p.id for _, old, _ in pairs for p in old.points}
    now_ids = {p.id for _, _, new in pairs for p in new.points}
    out = []
    for i, old, new in pairs:
        was, now = {p.id: p.status for p in old.points}, {p.id: p.status for p in new.points}
        points = tuple((k, was[k], now[k]) for k in sorted(was.keys() & now.keys()) if was[k] != now[k])
        if points or old.mark != new.mark:
            out.append(Remarked(i, old.mark, new.mark, points))
    return Remarking(tuple(sorted(was_ids - now_ids)), tuple(sorted(now_ids - was_ids)), tuple(out))


def detached(mine: Mapping[str, Verdict], point_ids: Collection[str], mark_key: str) -> tuple[str, ...]:
    """The points the teacher ruled on (``mine``, by target) that are not among ``point_ids``,
    the rubric's now: removed, or renamed in the editor. Their rulings are kept in the database
    but no longer apply (the README's "detaches"): each view says so rather than show nothing."""
    return tuple(t for t in mine if t != mark_key and t not in point_ids)


def review_note(report: Report, mine: Mapping[str, Verdict], agreed: Report | None, mark_key: str) -> str | None:
    """What the marking screen says of an essay the teacher reviewed before it was marked again,
    or None when "the engine's verdicts you left alone count as agreed" still holds. ``agreed``:
    the report they agreed to when they ticked "reviewed" (None: not known). A renamed point's
    ruling no longer applies, its new id's verdict was never agreed to, and a verdict the new
    rubric changed is not the one they agreed to: the screen had said "agreed" over all three."""
    ids = [p.id for p in report.points]
    gone = detached(mine, ids, mark_key)
    was = {} if agreed is None else {p.id: p.status for p in agreed.points}
    unseen = [pid for pid in ids if agreed is not None and pid not in was and pid not in mine]
    moved = [(p.id, was[p.id], p.status) for p in report.points
             if p.id in was and p.id not in mine and was[p.id] != p.status]
    said = []
    if gone:
        said.append(f"your verdict{_s(gone)} on {point_names(gone)} no longer appl{'y' if len(gone) > 1 else 'ies'}: "
                    f"{'those points are' if len(gone) > 1 else 'that point is'} no longer in the rubric "
                    "(renamed or removed)")
    if unseen:
        said.append(f"the engine's verdict{_s(unseen)} on {point_names(unseen)}, new since you reviewed, "
                    f"{'are' if len(unseen) > 1 else 'is'} not agreed: check {'them' if len(unseen) > 1 else 'it'}"
                    " and save to agree")
    if moved:
        changes = ", ".join(f"“{pid}” ({before} → {now})" for pid, before, now in moved)
        said.append(f"the engine's verdict{_s(moved)} on {changes} changed since you reviewed and "
                    f"{'are' if len(moved) > 1 else 'is'} not agreed: check {'them' if len(moved) > 1 else 'it'} "
                    "and save to agree")
    if agreed is not None and mark_key not in mine and agreed.mark != report.mark:
        said.append(f"the engine's mark changed from {agreed.mark} to {report.mark} since you reviewed")
    if not said:
        return None
    return ("Reviewed by you before it was marked again: " + "; ".join(said)
            + ". The engine's other verdicts you left alone count as agreed.")


def _s(items: Sequence[object]) -> str:
    return "s" if len(items) > 1 else ""


def point_names(ids: Sequence[str]) -> str:
    """Point ids as the teacher's notices name them: point “a”, or points “a”, “b”."""
    return f"point{_s(ids)} " + ", ".join(f"“{pid}”" for pid in ids)


def level_for_mark(rubric: Rubric, mark: int) -> int:
    """The level whose band of marks holds ``mark`` (0 below the lowest band)."""
    return next((lv.level for lv in rubric.levels if lv.low <= mark <= lv.high),
                rubric.levels[-1].level if rubric.levels and mark > rubric.levels[-1].high else 0)


# --- the results table's filters ---

@dataclass(frozen=True)
class Filters:
    """What the results table is narrowed to; the defaults keep every essay."""

    search: str = ""                     # part of a student's name, any case
    levels: Collection[int] = ()         # final levels
    warnings: Collection[str] = ()       # warning codes, or UNREADABLE; any of them
    check_only: bool = False             # only essays with something to check
    unreviewed_only: bool = False


def keeps(entry: Entry, rubric: Rubric, filters: Filters) -> bool:
    """Whether the filters keep ``entry``."""
    needle = filters.search.strip().casefold()
    if needle and needle not in entry.name.casefold():
        return False
    if filters.levels and entry.final_level(rubric) not in filters.levels:
        return False
    if filters.warnings and not (any(c in filters.warnings for c in entry.flags)
                                 or (UNREADABLE in filters.warnings and entry.report is None)):
        return False
    if filters.check_only and not entry.to_check:
        return False
    return not (filters.unreviewed_only and entry.reviewed)


# --- the results table's coverage colours ---

@dataclass(frozen=True)
class Band:
    """A step of the coverage colour scale: coverage from ``low`` up to the next step's ``low``."""

    low: float
    name: str
    background: str   # the cell's colour
    text: str         # the number's colour on it (contrast at least 4.5:1)


# Bad to good in five steps of ColorBrewer's RdYlBu: red, orange, amber, light blue, blue. Its
# steps differ in lightness as well as hue, so they stay apart for red-green colour blindness
# (a red-to-green scale would not); the number is always shown in the cell as well.
COVERAGE_BANDS = (
    Band(0.0, "very low", "#d73027", "#ffffff"),
    Band(0.2, "low", "#fc8d59", "#000000"),
    Band(0.4, "middling", "#fee090", "#000000"),
    Band(0.6, "good", "#91bfdb", "#000000"),
    Band(0.8, "strong", "#4575b4", "#ffffff"),
)


def coverage_band(fraction: float) -> Band:
    """The step of the colour scale a coverage (0 to 1; outside is clamped) falls in."""
    clamped = min(max(fraction, 0.0), 1.0)
    return next((b for b in reversed(COVERAGE_BANDS) if clamped >= b.low - 1e-9), COVERAGE_BANDS[0])


# --- moving between essays ---

def next_to_check(entries: Sequence[Entry], current: int) -> int | None:
    """The next essay after ``current`` (wrapping round) with something to check, or ``None``."""
    n = len(entries)
    return next((i % n for i in range(current + 1, current + n + 1) if entries[i % n].to_check), None)


def step(entries: Sequence[Entry], current: int, by: int) -> int:
    """The essay ``by`` places from ``current``, kept within the set (no wrapping)."""
    return min(max(current + by, 0), len(entries) - 1) if entries else 0


# --- class analytics over the standing verdicts ---

@dataclass(frozen=True)
class Cell:
    """One student's standing verdict on one point, for the heatmap."""

    student: str
    point: str
    status: str            # the verdict that stands
    engine: str            # the engine's verdict
    teacher: bool          # the standing verdict is the teacher's
    unsure: bool           # the engine was unsure and nobody has checked it
    borderline: bool


def cells(entries: Iterable[Entry]) -> list[Cell]:
    """Student × point cells of the marked essays, in upload and rubric order."""
    return [Cell(e.name, p.id, e.status(p), p.status, p.id in e.points,
                 p.id in e.to_check, p.borderline)
            for e in entries if e.report for p in e.report.points]


@dataclass(frozen=True)
class Analytics:
    """How the class did, counted over the standing verdicts of the essays not set apart."""

    counted: int
    set_apart: tuple[tuple[str, tuple[str, ...]], ...]   # (student, flags) of gamed/off-topic essays
    failed: int
    mean_mark: float                       # of the final marks counted
    level_counts: tuple[tuple[int, int], ...]
    points: tuple[PointStat, ...]          # most missed first


def analytics(entries: Sequence[Entry], rubric: Rubric) -> Analytics:
    """Class analytics from the verdicts and marks as they stand after the teacher's marking."""
    marked = [e for e in entries if e.report is not None]
    apart = [e for e in marked if e.set_apart]
    counted = [e for e in marked if not e.set_apart]
    stats = []
    for i, point in enumerate(rubric.points):
        statuses = [e.status(e.report.points[i]) for e in counted if e.report]
        stats.append(PointStat(point.id, point.side, point.text, statuses.count("covered"),
                               statuses.count("partial"), statuses.count("missing")))
    stats.sort(key=lambda s: (-s.missed_share, s.id))
    levels: dict[int, int] = {}
    for e in counted:
        level = e.final_level(rubric) or 0
        levels[level] = levels.get(level, 0) + 1
    marks = [e.final_mark or 0 for e in counted]
    return Analytics(len(counted), tuple((e.name, tuple(c for c in e.flags if c in SET_APART)) for e in apart),
                     len(entries) - len(marked), sum(marks) / len(marks) if marks else 0.0,
                     tuple(sorted(levels.items())), tuple(stats))


def entries(names: Sequence[str], rows: Sequence[BatchRow], overridden: Mapping[int, Mapping[str, Verdict]],
            reviewed: Collection[int], mark_key: str, comments: Mapping[int, Sequence[Comment]] | None = None,
            ) -> list[Entry]:
    """The entries of a set from its marked rows and the teacher's verdicts by row and target
    (``mark_key`` is the target that holds the mark; every other target is a point id)."""
    comments = comments or {}
    out = []
    for i, (name, row) in enumerate(zip(names, rows)):
        mine = overridden.get(i, {})
        mark = mine[mark_key].value if mark_key in mine else None
        out.append(Entry(name, row.report, row.error,
                         {t: v.value for t, v in mine.items() if t != mark_key},
                         int(mark) if mark is not None else None, i in reviewed, tuple(comments.get(i, ()))))
    return out


# --- saving the marking screen ---

def point_overrides(report: Report, chosen: Mapping[str, tuple[str, str]],
                    picked: Sequence[Comment] = ()) -> dict[str, tuple[str, str]]:
    """The teacher's verdicts worth keeping from a marking screen: ``chosen`` maps a point id to
    the (status, reason) on show; a status equal to the engine's is no override (choosing it
    again clears one). A blank reason falls back to the comments picked for that point."""
    engine = {p.id: p.status for p in report.points}
    out = {}
    for pid, (status, reason) in chosen.items():
        if pid in engine and status != engine[pid]:
            said = " ".join(c.text for c in picked if c.point == pid)
            out[pid] = (status, reason.strip() or said)
    return out
