"""What a teacher's marking teaches beyond thresholds: wordings (exemplars) and, from marks
alone, how strict the cut-offs should be.

Both need the engine (to find the sentence that made a point, and to re-mark with trial
cut-offs), so they live above it; :mod:`calibrate` combines them with its fits.
"""
from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np

from .batch import BatchRow, mark_batch
from .engine import Engine
from .exemplars import Exemplar, dedupe, usable
from .inputs import EssayInput
from .marking import SET_APART
from .markup import counted
from .report import CREDIT, Report
from .rubric import Rubric
from .sentences import split_sentences
from .thresholds import Calibration, Thresholds


@dataclass(frozen=True)
class TeacherLabel:
    """One essay as a teacher marked it: 0/1 per point they judged (any subset) and/or a mark."""

    student: str
    text: str
    points: Mapping[str, int]
    mark: int | None = None
    sentences: Mapping[str, str] | None = None  # the sentence the teacher picked for a point, if any


MIN_GUESS_SCORE = 0.2   # a best sentence scoring less shares too little with the point to be a guess
MAIN_SHARE = 0.8        # a sentence scoring this share of its best point's score is about that point too
SHIFTS = tuple(round(x, 3) for x in np.arange(-0.15, 0.1501, 0.025))
SHIFT_PRIOR = 2.0       # pseudo-essays anchoring the marks-only shift at zero


def best_sentences(engine: Engine, rubric: Rubric, text: str) -> dict[str, tuple[str, float]]:
    """For each point, a guess at the sentence of ``text`` that makes it, with its score: the
    sentence scoring best for it when that is enough for a half (what the engine weighs as
    touching on it, whichever points its words speak for more: those are the sentences a
    teacher credits where the engine saw only another point's words), else the best among the
    sentences that are about it (scoring at least ``MAIN_SHARE`` of their best score for any
    point), however low: what the engine would have quoted had the cut-off been lower. Below a
    half, a sentence mainly about another point is no guess for this one (its words would
    teach the wrong wording); one that makes two points is a guess for both."""
    sents = [s.text for s in split_sentences(text)]
    if not sents:
        return {}
    table = engine.matcher(rubric).sentence_table(sents)  # (sentences, points)
    own = table >= MAIN_SHARE * table.max(axis=1, keepdims=True) - 1e-9  # the points each sentence is about
    out = {}
    half = engine.thresholds.partial
    for j, point in enumerate(rubric.points):
        anywhere = int(table[:, j].argmax())
        if table[anywhere, j] >= half:
            out[point.id] = (sents[anywhere], float(table[anywhere, j]))
            continue
        mine = np.where(own[:, j], table[:, j], -1.0)
        best = int(mine.argmax())
        if mine[best] >= 0:
            out[point.id] = (sents[best], float(mine[best]))
    return out


def learn_exemplars(engine: Engine, rubric: Rubric, reports: Sequence[Report],
                    labels: Sequence[TeacherLabel]) -> tuple[Exemplar, ...]:
    """Exemplars from marked essays (``reports``: the uncalibrated engine's, in label order).

    Credited: a point the teacher says is made that the engine did not find covered teaches the
    sentence the teacher picked, or else the sentence the engine quoted for it as half made (its
    best match, which the teacher saw), or else, for a point the engine missed, its best-scoring
    sentence for it (when it shares something with the point). Confirmed: a point the teacher says is made that the
    engine found covered confirms the sentence it quoted (or the one the teacher picked).
    Rejected: a point the engine found covered that the teacher says is not made teaches the
    sentence the engine quoted."""
    out: list[Exemplar] = []
    for report, label in zip(reports, labels):
        found = {p.id: p for p in report.points}
        # An essay set apart as copied, repeated or off-topic text confirms nothing by being ticked
        # "checked": its quotes matched as copies do (a walk's pasted essay fed 22 wordings).
        apart = any(w.code in SET_APART for w in report.warnings)
        picked = label.sentences or {}
        guesses: dict[str, tuple[str, float]] | None = None
        for pid, made in label.points.items():
            p = found.get(pid)
            if p is None:
                continue
            if made:
                found_it = p.status == "covered"
                # The sentence the teacher saw: the engine's quote of a point it credited or half
                # credited (its best match, even under the cut-off); for a missed point, a guess.
                sentence = picked.get(pid) or (p.sentence if p.status != "missing" else None)
                if sentence is None:
                    if guesses is None:
                        guesses = best_sentences(engine, rubric, label.text)
                    guess, score = guesses.get(pid, ("", 0.0))
                    sentence = guess if score >= MIN_GUESS_SCORE else None
                confirmed = found_it and sentence == p.sentence
                if usable(sentence) and not (apart and confirmed and pid not in picked):
                    out.append(Exemplar(pid, str(sentence), True, label.student, confirmed=confirmed))
            elif p.status == "covered" and usable(p.sentence):
                out.append(Exemplar(pid, str(p.sentence), False, label.student))
    return dedupe(out)


def fit_shift(engine: Engine, rubric: Rubric, labels: Sequence[TeacherLabel], defaults: Thresholds) -> float:
    """From marks alone: the one shift of every point's cut-offs that brings the engine's marks
    closest to the teacher's (mean squared difference, as a share of the maximum mark),
    penalised towards no shift as if ``SHIFT_PRIOR`` essays agreed with the defaults."""
    marked = [l for l in labels if l.mark is not None]
    if not marked:
        return 0.0
    pairs = [(l.student, l.text) for l in marked]
    target = np.array([l.mark for l in marked], dtype=float)
    top = max(1, rubric.marks)
    best, best_cost = 0.0, float("inf")
    for shift in SHIFTS:
        cut = {p.id: Thresholds(defaults.covered + shift, max(0.05, defaults.partial + shift), defaults.margin)
               for p in rubric.points}
        marks = np.array([r.mark for r in engine.grade_many(pairs, rubric, cut)], dtype=float)
        cost = float(np.mean(((marks - target) / top) ** 2)) + SHIFT_PRIOR / len(marked) * shift ** 2
        if cost < best_cost - 1e-12:
            best, best_cost = shift, cost
    return best


@dataclass(frozen=True)
class PointChange:
    """One point whose verdict re-marking would change, with the sentence behind the new one.
    ``teacher``: the verdict the teacher set on that point, which stands (None: the engine's does)."""

    student: str
    point: str
    before: str
    after: str
    sentence: str | None
    teacher: str | None = None


@dataclass(frozen=True)
class RemarkPreview:
    """What re-marking a class set with what was learnt would change, before it is applied."""

    changes: tuple[PointChange, ...]
    gaining: int   # essays whose points earn more credit (weighted as the mark weighs them)
    losing: int    # essays whose points earn less

    def summary(self) -> str:
        if not self.changes:
            return "Re-marking changes no verdict."
        standing = [c for c in self.changes if c.teacher is None]
        under = len(self.changes) - len(standing)
        parts = []
        if self.gaining:
            parts.append(f"{counted(self.gaining, 'essay')} gain{'s' if self.gaining == 1 else ''} credit")
        if self.losing:
            parts.append(f"{counted(self.losing, 'essay')} lose{'s' if self.losing == 1 else ''} credit")
        even = len({c.student for c in standing}) - self.gaining - self.losing
        if even > 0:  # every changed essay is counted, so the count matches the essays listed below
            parts.append(f"{counted(even, 'essay')} change{'s' if even == 1 else ''} verdicts but not credit")
        n = len(standing)
        said = (", ".join(parts) + (f" ({n} point verdicts change)" if n != 1 else " (1 point verdict changes)")
                if standing else "No verdict that stands changes")
        if under:  # they move the engine's own mark, so they are shown, not hidden
            said += (f"; the engine's verdict changes on {counted(under, 'point')} where yours stands, which can "
                     "move the engine's mark but not yours")
        return said + "."


def remark_preview(before: Sequence[Report], after: Sequence[Report],
                   fixed: Sequence[Mapping[str, str]] = ()) -> RemarkPreview:
    """Compare a class set's reports with the same essays re-marked (same order). ``fixed``
    holds, essay by essay, the verdicts the teacher set (point id to status): theirs stands, so
    a change of the engine's verdict there changes no credit. It is listed all the same, with
    the teacher's verdict, since it moves the engine's mark shown beside the teacher's."""
    changes: list[PointChange] = []
    gaining = losing = 0
    for n, (old, new) in enumerate(zip(before, after)):
        was = {p.id: p for p in old.points}
        kept = fixed[n] if n < len(fixed) else {}
        delta = 0.0
        for p in new.points:
            q = was.get(p.id)
            if q is None or q.status == p.status:
                continue
            changes.append(PointChange(new.student, p.id, q.status, p.status, p.sentence or q.sentence,
                                       kept.get(p.id)))
            if p.id not in kept:
                delta += p.weight * (CREDIT[p.status] - CREDIT[q.status])
        gaining += delta > 0
        losing += delta < 0
    return RemarkPreview(tuple(changes), gaining, losing)


# --- learning inside a class set: re-mark the essays not yet reviewed with what was learnt ------------------

def lesson_calibration(rubric: Rubric, base: Calibration | None,
                       exemplars: Sequence[Exemplar]) -> Calibration | None:
    """The calibration an essay of a class set is marked with: the rubric's calibration in use
    (``base``, or none) with the wordings the set has learnt added to its own."""
    if not exemplars:
        return base
    if base is None:
        return Calibration(rubric.id, (), (), 0, "", dedupe(exemplars))
    return replace(base, exemplars=dedupe([*base.exemplars, *exemplars]))


def mark_with_lessons(essays: Sequence[EssayInput], rubric: Rubric, engine: Engine, base: Calibration | None,
                      learnt: Mapping[int, Sequence[Exemplar]],
                      progress: Callable[[int, int], None] | None = None) -> list[BatchRow]:
    """Mark a class set, each essay with ``base`` and the wordings learnt for it (``learnt`` by
    row; an essay left out has none): as :func:`batch.mark_batch`, essays in the same order."""
    groups: dict[tuple[Exemplar, ...], list[int]] = {}
    for i in range(len(essays)):
        groups.setdefault(tuple(learnt.get(i, ())), []).append(i)
    out: list[BatchRow | None] = [None] * len(essays)
    done = 0
    for exemplars, rows in groups.items():
        def step(n: int, _: int, before: int = done) -> None:
            if progress is not None:
                progress(before + n, len(essays))
        marked = mark_batch([essays[i] for i in rows], rubric, engine, progress=step,
                            calibration=lesson_calibration(rubric, base, exemplars))
        for i, row in zip(rows, marked):
            out[i] = row
        done += len(rows)
    return [r for r in out if r is not None]


@dataclass(frozen=True)
class RemarkPlan:
    """What re-marking a class set with what was learnt would do, shown before it is done."""

    rows: tuple[int, ...]               # the essays it re-marks: marked, and not reviewed by the teacher
    learnt: tuple[Exemplar, ...]        # wordings this marking teaches that the set had not learnt
    exemplars: tuple[Exemplar, ...]     # everything learnt so far, these included: the lesson to store
    after: tuple[Report, ...]           # the re-marked reports, in ``rows`` order
    preview: RemarkPreview


def remark_plan(engine: Engine, rubric: Rubric, essays: Sequence[tuple[str, str]], reports: Sequence[Report | None],
                reviewed: Collection[int], labels: Mapping[int, TeacherLabel], known: Sequence[Exemplar] = (),
                base: Calibration | None = None, fixed: Mapping[int, Mapping[str, str]] | None = None) -> RemarkPlan:
    """Learn wordings from the essays the teacher marked (``labels`` by row, judged against the
    reports on show) and re-mark every marked essay they have not reviewed with them, added to
    what the set learnt before (``known``) and the calibration in use (``base``).

    ``essays`` (name, text) and ``reports`` are the set's essays by row (a report is ``None``
    where the essay could not be marked); the re-marked reports and the changes carry the names,
    so give each essay its own. ``fixed``: the verdicts the teacher set (point id to status), by row."""
    judged = [(report, labels[row]) for row in sorted(labels) if (report := reports[row]) is not None]
    learnt = learn_exemplars(engine, rubric, [r for r, _ in judged], [label for _, label in judged])
    exemplars = dedupe([*known, *learnt])
    seen = {(e.point, e.sentence, e.positive) for e in known}
    redo = [(i, report) for i, report in enumerate(reports) if report is not None and i not in reviewed]
    after = engine.grade_many([essays[i] for i, _ in redo], rubric,
                              calibration=lesson_calibration(rubric, base, exemplars))
    fixed = fixed or {}
    preview = remark_preview([report for _, report in redo], after, [fixed.get(i, {}) for i, _ in redo])
    new = tuple(e for e in learnt if (e.point, e.sentence, e.positive) not in seen)
    return RemarkPlan(tuple(i for i, _ in redo), new, exemplars, tuple(after), preview)
