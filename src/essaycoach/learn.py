"""What a teacher's marking teaches beyond thresholds: wordings (exemplars) and, from marks
alone, how strict the cut-offs should be.

Both need the engine (to find the sentence that made a point, and to re-mark with trial
cut-offs), so they live above it; :mod:`calibrate` combines them with its fits.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from .engine import Engine, Thresholds
from .exemplars import Exemplar, dedupe, usable
from .report import Report
from .rubric import Rubric
from .sentences import split_sentences

if TYPE_CHECKING:
    from .calibrate import TeacherLabel

MIN_GUESS_SCORE = 0.2   # a best sentence scoring less shares too little with the point to be a guess
SHIFTS = tuple(round(x, 3) for x in np.arange(-0.15, 0.1501, 0.025))
SHIFT_PRIOR = 2.0       # pseudo-essays anchoring the marks-only shift at zero


def best_sentences(engine: Engine, rubric: Rubric, text: str) -> dict[str, tuple[str, float]]:
    """Each point's best-scoring sentence (or pair of sentences) in ``text`` and its score,
    however low: what the engine would have quoted had the cut-off been lower."""
    sents = split_sentences(text)
    if not sents:
        return {}
    scores = engine.matcher(rubric).score([s.text for s in sents])
    out = {}
    for point, score, best in zip(rubric.points, scores.point_scores.tolist(), scores.best_unit.tolist()):
        unit = scores.units[best]
        out[point.id] = (text[sents[unit[0]].start:sents[unit[-1]].end], float(score))
    return out


def learn_exemplars(engine: Engine, rubric: Rubric, reports: Sequence[Report],
                    labels: Sequence[TeacherLabel]) -> tuple[Exemplar, ...]:
    """Exemplars from marked essays (``reports``: the uncalibrated engine's, in label order).

    Credited: a point the teacher says is made that the engine did not find covered teaches the
    sentence the teacher picked, or else the engine's best-scoring sentence for it (when it
    shares something with the point). Rejected: a point the engine found covered that the
    teacher says is not made teaches the sentence the engine quoted."""
    out: list[Exemplar] = []
    for report, label in zip(reports, labels):
        found = {p.id: p for p in report.points}
        picked = label.sentences or {}
        guesses: dict[str, tuple[str, float]] | None = None
        for pid, made in label.points.items():
            p = found.get(pid)
            if p is None:
                continue
            if made:
                sentence = picked.get(pid)
                if sentence is None and p.status != "covered":
                    if guesses is None:
                        guesses = best_sentences(engine, rubric, label.text)
                    guess, score = guesses.get(pid, ("", 0.0))
                    sentence = guess if score >= MIN_GUESS_SCORE else None
                if usable(sentence):
                    out.append(Exemplar(pid, str(sentence), True, label.student))
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
