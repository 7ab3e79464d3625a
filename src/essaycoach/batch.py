"""Mark a class set: one compiled rubric, many essays, a marks table and class analytics."""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from .engine import Engine
from .inputs import EssayInput
from .report import Report
from .rubric import Rubric
from .thresholds import Calibration, Thresholds


@dataclass(frozen=True)
class BatchRow:
    """One essay of a class set: its report, or why it could not be marked."""

    student: str
    origin: str
    report: Report | None
    error: str | None = None


@dataclass(frozen=True)
class PointStat:
    """How the class did on one point."""

    id: str
    side: str
    text: str
    covered: int
    partial: int
    missing: int

    @property
    def missed_share(self) -> float:
        total = self.covered + self.partial + self.missing
        return self.missing / total if total else 0.0


@dataclass(frozen=True)
class ClassSummary:
    """Class analytics: marks overall and the points the class missed most, worst first."""

    marked: int
    failed: int
    mean_mark: float
    level_counts: tuple[tuple[int, int], ...]
    points: tuple[PointStat, ...]


def mark_batch(essays: Sequence[EssayInput], rubric: Rubric, engine: Engine,
               progress: Callable[[int, int], None] | None = None,
               thresholds: Mapping[str, Thresholds] | None = None,
               calibration: Calibration | None = None) -> list[BatchRow]:
    """Mark every essay; an unreadable or empty one gets an error row and the rest go on.

    ``calibration`` applies a teacher's fitted thresholds and weights (see ``calibrate``).

    ``progress(done, total)`` is called as chunks of essays finish."""
    rows: list[BatchRow | None] = [None] * len(essays)
    good = []
    for i, essay in enumerate(essays):
        if essay.error:
            rows[i] = BatchRow(essay.student, essay.origin, None, essay.error)
        else:
            good.append(i)
    failed = len(essays) - len(good)

    def marked(done: int, _: int) -> None:
        if progress is not None:
            progress(failed + done, len(essays))

    try:
        reports = engine.grade_many([(essays[i].student, essays[i].text) for i in good], rubric, thresholds,
                                    calibration=calibration, progress=marked)
        for i, report in zip(good, reports):
            rows[i] = BatchRow(essays[i].student, essays[i].origin, report)
    except _ENGINE_FAILURES:
        # Mark them one by one: an essay the engine cannot handle is one error row, not a lost set.
        for n, i in enumerate(good, 1):
            rows[i] = _mark_one(essays[i], rubric, engine, thresholds, calibration)
            marked(n, len(good))
    if progress is not None and not good:
        progress(len(essays), len(essays))
    return [r for r in rows if r is not None]


_ENGINE_FAILURES = (ArithmeticError, LookupError, MemoryError, RecursionError, TypeError, ValueError)


def _mark_one(essay: EssayInput, rubric: Rubric, engine: Engine, thresholds: Mapping[str, Thresholds] | None,
              calibration: Calibration | None) -> BatchRow:
    try:
        [report] = engine.grade_many([(essay.student, essay.text)], rubric, thresholds, calibration=calibration)
    except _ENGINE_FAILURES as exc:
        return BatchRow(essay.student, essay.origin, None,
                        f"could not be marked ({exc.__class__.__name__}); please report this essay")
    return BatchRow(essay.student, essay.origin, report)


def class_summary(rows: Sequence[BatchRow], rubric: Rubric) -> ClassSummary:
    """Analytics over the marked rows of a class set."""
    reports = [r.report for r in rows if r.report is not None]
    stats = []
    for i, point in enumerate(rubric.points):
        statuses = [rep.points[i].status for rep in reports]
        stats.append(PointStat(point.id, point.side, point.text, statuses.count("covered"),
                               statuses.count("partial"), statuses.count("missing")))
    stats.sort(key=lambda s: (-s.missed_share, s.id))
    levels: dict[int, int] = {}
    for rep in reports:
        levels[rep.level] = levels.get(rep.level, 0) + 1
    mean = sum(r.mark for r in reports) / len(reports) if reports else 0.0
    return ClassSummary(len(reports), len(rows) - len(reports), mean, tuple(sorted(levels.items())),
                        tuple(stats))


def distinct_names(names: Sequence[str], rows: Sequence[int] | None = None) -> list[str]:
    """A name per essay that tells every essay apart: the student's name (``essay N`` when blank),
    with the essay's position added when two essays share a name (two "Amy"s, or one student
    twice). ``rows``: each essay's position in its set (default: the order given)."""
    at = list(rows) if rows is not None else list(range(len(names)))
    labels = [n.strip() or f"essay {r + 1}" for n, r in zip(names, at)]
    counts = Counter(labels)
    return [f"{n} (essay {r + 1})" if counts[n] > 1 else n for n, r in zip(labels, at)]
