"""Calibration to a teacher: per-point thresholds and weights fitted to their own marking.

From a handful of essays the teacher has marked (points ticked and/or a mark), fit each
point's "covered" threshold and its weight so the engine agrees with that teacher, with
priors that keep a small sample from producing nonsense, and measure the agreement before
and after honestly, on essays the fit did not see (cross-validation).
"""
from __future__ import annotations

import difflib
import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np

from .engine import Engine
from .errors import CalibrationError, short
from .evaluation import Agreement, agreement
from .exemplars import Exemplar
from .inputs import EssayInput
from .learn import TeacherLabel, fit_shift, learn_exemplars
from .report import CREDIT, Report, level_name
from .rubric import Rubric
from .thresholds import DEFAULTS_KEPT, Calibration, Thresholds

MIN_ESSAYS = 5          # below this a fit is refused; about 10 is the recommended sample
PRIOR_WEIGHT = 2.0      # pseudo-essays per point anchoring its threshold at the default
PRIOR_SPREAD = 0.12     # the pseudo-essays sit this far either side of the default threshold
THRESHOLD_RANGE = (0.25, 0.75)
SLOPE_SCALE = 10.0
WEIGHT_RANGE = (0.5, 2.0)  # a fitted weight stays within these multiples of the rubric's own


@dataclass(frozen=True)
class Disagreement:
    """Where the engine (held out from the fit) and the teacher differ, for the teacher to look at."""

    student: str
    point: str            # a point id, or "(level)" for the essay's level
    teacher: str          # "made" / "not made", or the teacher's level
    engine: str           # the engine's status (and score), or its level
    score: float | None
    sentence: str | None  # the essay text the engine matched, when it matched any


@dataclass(frozen=True)
class CalibrationResult:
    """A fitted calibration and honest figures: agreement before and after on held-out essays."""

    calibration: Calibration
    before: Agreement
    after: Agreement
    folds: int
    disagreements: tuple[Disagreement, ...]
    levels_compared: int   # essays with a teacher mark, used for the level figures


def level_of_mark(rubric: Rubric, mark: int) -> int:
    """The level whose mark band holds ``mark`` (0 below the lowest band)."""
    for band in rubric.levels:
        if band.low <= mark <= band.high:
            return band.level
    return 0 if mark < (rubric.levels[0].low if rubric.levels else 1) else len(rubric.levels)


def fit_calibration(reports: Sequence[Report], labels: Sequence[TeacherLabel], rubric: Rubric,
                    defaults: Thresholds | None = None, fitted_at: str = "",
                    minimum: int = MIN_ESSAYS, engine: Engine | None = None) -> Calibration:
    """Fit per-point thresholds (and, given marks, weights) from uncalibrated reports; given the
    ``engine`` too, learn exemplars from the points the teacher judged and, when the teacher
    gave marks but judged no point, one shift of every cut-off from the marks alone.

    Thresholds: one logistic regression over every (essay, point) the teacher judged, a shared
    slope and a per-point offset, with pseudo-essays either side of the default threshold for
    each point, so a point with few or one-sided labels stays near the default. Weights: a
    strongly regularised ridge regression of where the teacher's marks differ from the
    engine's on the points made, so a teacher who agrees leaves the rubric's weights alone,
    kept within ``WEIGHT_RANGE`` of them. ``minimum`` is the fewest essays accepted.
    """
    from sklearn.linear_model import LogisticRegression

    d = defaults or Thresholds()
    if len(labels) < minimum:
        raise CalibrationError(f"calibration needs at least {minimum} marked essays "
                               f"(about 10 is better); got {len(labels)}")
    ids = [p.id for p in rubric.points]
    col = {pid: i for i, pid in enumerate(ids)}
    rows, ys, ws = [], [], []
    for report, label in zip(reports, labels):
        # A verdict the engine's second look capped at partial (a negation, a bare note, no
        # distinctive term) behaves as a score just under the threshold, whatever the match.
        scores = {p.id: min(p.score, d.covered - 0.01) if CREDIT[d.status(p.score)] > CREDIT[p.status] else p.score
                  for p in report.points}
        for pid, y in label.points.items():
            if pid in col:
                rows.append((scores[pid], col[pid]))
                ys.append(int(bool(y)))
                ws.append(1.0)
    for i in range(len(ids)):
        rows += [(d.covered + PRIOR_SPREAD, i), (d.covered - PRIOR_SPREAD, i)]
        ys += [1, 0]
        ws += [PRIOR_WEIGHT, PRIOR_WEIGHT]
    # Centred on the default threshold, so the penalty shrinks each point towards it; scaled up
    # so the shared slope (steep: statuses flip over a few hundredths) is barely penalised.
    x = np.zeros((len(rows), 1 + len(ids)))
    for r, (score, i) in enumerate(rows):
        x[r, 0] = (score - d.covered) * SLOPE_SCALE
        x[r, 1 + i] = 1.0
    model = LogisticRegression(C=1.0, fit_intercept=False, max_iter=1000)
    model.fit(x, np.array(ys), sample_weight=np.array(ws))
    slope, offsets = float(model.coef_[0][0]), model.coef_[0][1:]
    gap = d.covered - d.partial
    thresholds = []
    for i, pid in enumerate(ids):
        # A slope <= 0 means higher scores did not mean "made" for this teacher: no signal, keep the default.
        cut = d.covered - offsets[i] / (slope * SLOPE_SCALE) if slope > 1e-6 else d.covered
        cut = float(min(max(cut, THRESHOLD_RANGE[0]), THRESHOLD_RANGE[1]))
        thresholds.append((pid, Thresholds(round(cut, 4), round(max(0.05, cut - gap), 4), d.margin)))
    exemplars: tuple[Exemplar, ...] = ()
    if engine is not None:
        exemplars = learn_exemplars(engine, rubric, reports, labels)
        if not any(l.points for l in labels):
            shift = fit_shift(engine, rubric, labels, d)
            thresholds = [(pid, Thresholds(round(d.covered + shift, 4), round(max(0.05, d.partial + shift), 4),
                                           d.margin)) for pid in ids]
    weights = _fit_weights(reports, labels, rubric, dict(thresholds), minimum)
    return Calibration(rubric.id, tuple(thresholds), weights, len(labels), fitted_at, exemplars)


def _fit_weights(reports: Sequence[Report], labels: Sequence[TeacherLabel], rubric: Rubric,
                 thresholds: Mapping[str, Thresholds], minimum: int) -> tuple[tuple[str, float], ...]:
    from sklearn.linear_model import Ridge

    base = np.array([p.weight for p in rubric.points])
    marked = [(r, l.mark) for r, l in zip(reports, labels) if l.mark is not None]
    if len(marked) < minimum:
        return tuple((p.id, float(p.weight)) for p in rubric.points)
    credit = np.array([[CREDIT[thresholds[p.id].status(p.score)] for p in r.points] for r, _ in marked])
    top = max(1, rubric.marks)
    target = np.array([m / top for _, m in marked])
    engine = np.array([r.mark / top for r, _ in marked])
    coverage = credit @ base / base.sum()
    # How far the engine's mark moves with coverage, to turn a change in marks into weights.
    scale = float(coverage @ engine / max(coverage @ coverage, 1e-9))
    # Where the teacher's marks differ from the engine's, spread over the points (shrunk hard):
    # a teacher who gives the engine's own marks moves no weight.
    model = Ridge(alpha=5.0, fit_intercept=True).fit(credit, target - engine)
    delta = model.coef_ * base.sum() / max(scale, 1e-9)
    fitted = np.clip(base + delta, base * WEIGHT_RANGE[0], base * WEIGHT_RANGE[1])
    fitted *= base.sum() / fitted.sum()
    fitted = np.clip(fitted, base * WEIGHT_RANGE[0], base * WEIGHT_RANGE[1])
    return tuple((p.id, round(float(w), 4)) for p, w in zip(rubric.points, fitted))


# A fuller version must beat a simpler one on held-out essays by this much to be preferred: with a
# few essays a fold, one of several versions beats another by chance alone (on the dev set,
# keeping the best of five at least as good as the defaults made held-out F1 worse at k = 10).
MIN_GAIN = 0.02

# What a calibration may keep, simplest first: each step up must earn its place. Two steps only:
# every extra version compared on a few held-out essays is one more chance to keep a fluke (on
# the dev set a four-step ladder cost held-out F1 that this one keeps).
PARTS = {
    "wordings": "the wordings you credited and rejected",
    "all": "cut-offs, weights and wordings",
}


def keep_only(cal: Calibration, part: str, rubric: Rubric, defaults: Thresholds) -> Calibration:
    """``cal`` reduced to one of :data:`PARTS`, or to the defaults (any other ``part``)."""
    if part == "all":
        return cal
    return replace(cal, thresholds=tuple((p.id, defaults) for p in rubric.points),
                   weights=tuple((p.id, float(p.weight)) for p in rubric.points),
                   exemplars=cal.exemplars if part in PARTS else ())


def merit(ag: Agreement, labels: Sequence[TeacherLabel]) -> float:
    """One figure to compare calibrations by: point F1 where points were judged, else level
    kappa (from marks alone). Ticked points say directly what the teacher accepts; a mark only
    says it through the level model, so a learnt wording that agrees with the ticks is not
    undone because the marks of a few held-out essays moved."""
    if any(l.points for l in labels):
        return ag.micro_f1
    return ag.qwk


def calibrate(engine: Engine, rubric: Rubric, labels: Sequence[TeacherLabel], folds: int = 5,
              seed: int = 0, fitted_at: str = "") -> CalibrationResult:
    """Fit a calibration on every labelled essay, and measure it honestly: agreement of the
    uncalibrated and the calibrated engine on essays each fold's fit did not see.

    Each version (:data:`PARTS`, simplest first) is tried on the held-out folds. The simplest
    that marks them no worse than the defaults is kept, and a fuller one replaces it only when
    it marks them better by ``MIN_GAIN``; when every learnt version marks the held-out essays
    worse than the defaults, the defaults are kept and the calibration's ``note`` says so."""
    from sklearn.model_selection import KFold

    labels = list(labels)
    d = engine.thresholds
    reports = engine.grade_many([(l.student, l.text) for l in labels], rubric)
    full = fit_calibration(reports, labels, rubric, d, fitted_at, engine=engine)
    n = len(labels)
    k = max(2, min(folds, n // 2))
    if n - -(-n // k) < MIN_ESSAYS:  # folds too small to fit on: leave one out instead
        k = n
    held_out: dict[str, list[Report | None]] = {part: [None] * n for part in PARTS}
    for train, test in KFold(n_splits=k, shuffle=True, random_state=seed).split(labels):
        fold_cal = fit_calibration([reports[i] for i in train], [labels[i] for i in train], rubric,
                                   d, minimum=min(MIN_ESSAYS, n - 1), engine=engine)
        pairs = [(labels[i].student, labels[i].text) for i in test]
        for part in PARTS:
            graded = engine.grade_many(pairs, rubric, calibration=keep_only(fold_cal, part, rubric, d))
            for i, report in zip(test, graded):
                held_out[part][i] = report
    before = agreement_with(reports, labels, rubric)
    tried = {part: [r for r in held if r is not None] for part, held in held_out.items()}
    scores = {part: merit(agreement_with(rs, labels, rubric), labels) for part, rs in tried.items()}
    best, floor = None, merit(before, labels) - 1e-9
    for part in PARTS:
        if scores[part] >= floor:
            best, floor = part, scores[part] + MIN_GAIN - 1e-9
    if best is None:
        calibration = replace(keep_only(full, "none", rubric, d),
                              note=DEFAULTS_KEPT)
        after_reports = list(reports)
    else:
        calibration = keep_only(full, best, rubric, d)
        if best != "all":
            calibration = replace(calibration, note=f"kept {PARTS[best]} only: on held-out essays the rest "
                                                    "did not help")
        after_reports = tried[best]
    after = agreement_with(after_reports, labels, rubric)
    disagreements = tuple(_disagreements(after_reports, labels, rubric))
    marked = sum(l.mark is not None for l in labels)
    return CalibrationResult(calibration, before, after, k, disagreements, marked)


def agreement_with(reports: Sequence[Report], labels: Sequence[TeacherLabel], rubric: Rubric) -> Agreement:
    """Per-point precision/recall (a point is made when "covered") and, where the teacher gave
    marks, level agreement and quadratic weighted kappa."""
    predicted = [{p.id: int(p.status == "covered") for p in r.points} for r in reports]
    truth = [{k: int(bool(v)) for k, v in l.points.items()} for l in labels]
    pairs = [(r.level, level_of_mark(rubric, l.mark)) for r, l in zip(reports, labels) if l.mark is not None]
    return agreement(predicted, truth, [a for a, _ in pairs], [b for _, b in pairs], len(rubric.levels))


def _disagreements(reports: Sequence[Report], labels: Sequence[TeacherLabel],
                   rubric: Rubric) -> Iterator[Disagreement]:
    for report, label in zip(reports, labels):
        for p in report.points:
            if p.id in label.points and int(bool(label.points[p.id])) != int(p.status == "covered"):
                yield Disagreement(label.student, p.id, "made" if label.points[p.id] else "not made",
                                   f"{p.status} ({p.score:.2f})", p.score, p.sentence)
        if label.mark is not None:
            level = level_of_mark(rubric, label.mark)
            if level != report.level:
                yield Disagreement(label.student, "(level)", f"{level_name(level)} (mark {label.mark})",
                                   f"{level_name(report.level)} (mark {report.mark})", None, None)


_YES = {"1", "1.0", "y", "yes", "true", "x", "covered", "made", "✓"}
_NO = {"0", "0.0", "n", "no", "false", "missing", "partial", "not made", "-", "✗"}


def _teacher_mark(raw: str, top: int, origin: str) -> int:
    """A teacher's mark from a CSV cell: a whole number from 0 to ``top`` (``12`` or ``12.0``);
    anything else (``inf``, ``nan``, ``1e999``, ``-3``, ``12.5``, words) raises naming the row."""
    try:
        value = float(raw) if len(raw) <= 30 else math.nan
    except ValueError:
        value = math.nan
    if not (math.isfinite(value) and value.is_integer() and 0 <= value <= top):
        raise CalibrationError(f"{origin}: mark {short(raw)} should be a whole number from 0 to {top}")
    return int(value)


def _check_columns(headers: Sequence[Sequence[str]], ids: set[str], rubric_id: str) -> None:
    """Refuse a marked CSV whose point columns would be misread: one spelt nearly like a point's
    id (its marking would be left out without a word), or a point's column twice (which one
    counts?)."""
    for columns in {tuple(h) for h in headers}:
        keys = [c.strip().lower() for c in columns]
        for column, key in zip(columns, keys):
            near = difflib.get_close_matches(key, sorted(ids - set(keys)), n=1, cutoff=0.8)
            if key not in ids and key != "mark" and near:
                raise CalibrationError(f"column {short(column)} is not a point of {rubric_id}; did you mean "
                                       f"{near[0]!r}? Rename the column (or remove it) and calibrate again")
            if key in ids and keys.count(key) > 1:
                raise CalibrationError(f"the column for point {key!r} appears {keys.count(key)} times; keep one "
                                       "and calibrate again")


def labels_from_inputs(essays: Sequence[EssayInput], rubric: Rubric) -> list[TeacherLabel]:
    """Teacher labels from a marked CSV's extra columns: one 0/1 column per point id (blank =
    not judged; a teacher's "partial" counts as not made) and/or a ``mark`` column.

    Rows with no judgement at all are skipped; a value that is neither raises
    ``CalibrationError`` naming the row, column and value."""
    out = []
    ids = {p.id for p in rubric.points}
    _check_columns([[c for c, _ in e.extra] for e in essays if not e.error], ids, rubric.id)
    seen_columns: set[str] = set()
    for essay in essays:
        if essay.error:
            continue
        points: dict[str, int] = {}
        mark = None
        for column, value in essay.extra:
            key, raw = column.strip().lower(), value.strip().lower()
            seen_columns.add(column)
            if not raw:
                continue
            if key in ids:
                if raw not in _YES and raw not in _NO:
                    raise CalibrationError(f"{essay.origin}: column {short(column)} should be 1 (made) or 0 "
                                           f"(not made), not {short(value)}")
                points[key] = int(raw in _YES)
            elif key == "mark":
                mark = _teacher_mark(raw, rubric.marks, essay.origin)
        if points or mark is not None:
            out.append(TeacherLabel(essay.student, essay.text, points, mark))
    if not out:
        found = ", ".join(sorted(seen_columns)) or "none"
        raise CalibrationError(f"no marked essays: add a 0/1 column per point (named by point id: "
                               f"{', '.join(sorted(ids))}) and/or a 'mark' column; other columns found: {found}")
    return out
