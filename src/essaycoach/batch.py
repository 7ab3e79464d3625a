"""Mark a class set: one compiled rubric, many essays, a marks table and class analytics."""
from __future__ import annotations

import itertools
import multiprocessing
import os
import signal
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
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
               calibration: Calibration | None = None, processes: int = 1) -> list[BatchRow]:
    """Mark every essay; an unreadable or empty one gets an error row and the rest go on.

    ``calibration`` applies a teacher's fitted thresholds and weights (see ``calibrate``).

    ``progress(done, total)`` is called as chunks of essays finish.

    ``processes``: mark a large set (:data:`PARALLEL_MIN` essays or more) on up to this many
    cores, in processes forked from this one (see :func:`grade_in_parallel`). Only for a
    single-threaded caller such as the command line: forking a process whose other threads may
    hold a lock (a web server's) can leave the copy waiting on it for ever."""
    for item in essays:
        if not isinstance(item, EssayInput):
            raise TypeError(f"mark_batch takes EssayInput items (essaycoach.inputs.EssayInput(student, text, "
                            f"origin)), not {type(item).__name__}; to mark one text, use essaycoach.grade")
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
        reports = grade_in_parallel(engine, [(essays[i].student, essays[i].text) for i in good], rubric,
                                    thresholds, calibration, marked, processes)
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


PARALLEL_MIN = 200  # essays: fewer take under half a second, less than forking and gathering saves

# What the forked processes mark: set just before they are forked, so each inherits it (with the
# built engine) rather than receiving it pickled.
_JOB: tuple[Engine, Sequence[tuple[str, str]], Rubric, Mapping[str, Thresholds] | None, Calibration | None] | None
_JOB = None


def grade_in_parallel(engine: Engine, pairs: Sequence[tuple[str, str]], rubric: Rubric,
                      thresholds: Mapping[str, Thresholds] | None, calibration: Calibration | None,
                      progress: Callable[[int, int], None] | None = None, processes: int = 1) -> list[Report]:
    """``engine.grade_many`` over ``pairs``, shared between this process and up to
    ``processes - 1`` copies of it forked with the engine built: the same reports in the same
    order, about twice as fast on two cores. Each copy marks a contiguous slice; a copy that dies
    (out of memory) has its slice marked here instead."""
    n = min(processes, os.cpu_count() or 1, len(pairs) // (PARALLEL_MIN // 2))
    if n <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        return engine.grade_many(pairs, rubric, thresholds, calibration=calibration, progress=progress)
    # The first essay builds what marking needs (the matcher, the lexicons) before the fork, once.
    out = engine.grade_many(pairs[:1], rubric, thresholds, calibration=calibration)
    bounds = [1 + (len(pairs) - 1) * k // n for k in range(n + 1)]
    global _JOB
    _JOB = (engine, pairs, rubric, thresholds, calibration)
    total = len(pairs)

    def mine(done: int, _: int) -> None:  # the other slices go at this one's pace
        if progress is not None:
            progress(min(total - 1, 1 + done * n), total)

    try:
        with ProcessPoolExecutor(n - 1, mp_context=multiprocessing.get_context("fork"),
                                 initializer=_leave_interrupts_to_the_parent) as pool:
            here, *others = itertools.pairwise(bounds)
            futures = [pool.submit(_grade_slice, lo, hi) for lo, hi in others]
            out += engine.grade_many(pairs[slice(*here)], rubric, thresholds, calibration=calibration, progress=mine)
            for (lo, hi), future in zip(others, futures):
                try:
                    out += future.result()
                except BrokenProcessPool:
                    out += engine.grade_many(pairs[lo:hi], rubric, thresholds, calibration=calibration)
    finally:
        _JOB = None
    if progress is not None:
        progress(total, total)
    return out


def _leave_interrupts_to_the_parent() -> None:
    """In a forked process: on Ctrl+C (which the terminal sends the whole process group) end at
    once and silently, leaving the parent to say so; left to Python, each copy printed its own
    KeyboardInterrupt traceback. Ignoring it instead would keep the parent waiting for the copy."""
    signal.signal(signal.SIGINT, _end_quietly)


def _end_quietly(signum: int, frame: object) -> None:
    os._exit(128 + signum)  # no clean-up: what a forked copy holds is the parent's


def _grade_slice(lo: int, hi: int) -> list[Report]:
    """In a forked process: mark ``pairs[lo:hi]`` of the job it inherited."""
    assert _JOB is not None, "only called in a process forked by grade_in_parallel"
    engine, pairs, rubric, thresholds, calibration = _JOB
    reports = engine.grade_many(pairs[lo:hi], rubric, thresholds, calibration=calibration)
    # Its reports are sent whole, Ctrl+C or not: a copy that ended part-way through sending them
    # left the parent's pool waiting for the rest for ever (a hang in about 1 Ctrl+C in 15).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    return reports


# Any fault of the engine's on one essay: a fault of a class not foreseen (probe 85's StopIteration)
# lost the whole set. Not BaseException: Ctrl+C and exit still end the run.
_ENGINE_FAILURES = (Exception,)


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


def shared_names(names: Sequence[str]) -> list[str]:
    """The names (not blank) that more than one essay bears, in the order they first come: two
    students of one name, or one student's essay entered twice (told apart by :func:`distinct_names`)."""
    counts = Counter(n.strip() for n in names if n.strip())
    return [n for n in counts if counts[n] > 1]


def distinct_names(names: Sequence[str], rows: Sequence[int] | None = None) -> list[str]:
    """A name per essay that tells every essay apart: the student's name (``essay N`` when blank),
    with the essay's position added when two essays share a name (two "Amy"s, or one student
    twice). ``rows``: each essay's position in its set (default: the order given)."""
    at = list(rows) if rows is not None else list(range(len(names)))
    labels = [n.strip() or f"essay {r + 1}" for n, r in zip(names, at)]
    counts = Counter(labels)
    return [f"{n} (essay {r + 1})" if counts[n] > 1 else n for n, r in zip(labels, at)]
