"""Score cut-offs for a point's status, and a rubric's calibration: the per-point cut-offs and
weights fitted to a teacher's marking (``calibrate``), as stored in
``rubrics/.calibration/<id>.yaml`` (``loaders``). Plain values and their codec; no fitting."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from .errors import CalibrationError, short
from .exemplars import Exemplar, promote
from .rubric import MAX_ALIASES, TEXT_LIMITS, Rubric, matchable


@dataclass(frozen=True)
class Thresholds:
    """Score cut-offs for a point's status; a calibration may replace them per point."""

    covered: float = 0.43
    partial: float = 0.3
    margin: float = 0.05  # within this of a cut-off, a verdict is flagged borderline

    def status(self, score: float) -> str:
        """The status a point's score earns: covered, partial or missing."""
        return "covered" if score >= self.covered else "partial" if score >= self.partial else "missing"


DEFAULTS_KEPT = "kept the defaults: every learnt version marked the held-out essays worse"


@dataclass(frozen=True)
class Calibration:
    """A rubric's fitted thresholds, weights and exemplars (stored in ``rubrics/.calibration/<id>.yaml``)."""

    rubric: str
    thresholds: tuple[tuple[str, Thresholds], ...]
    weights: tuple[tuple[str, float], ...]
    essays: int        # how many marked essays the fit used
    fitted_at: str     # ISO date-time
    exemplars: tuple[Exemplar, ...] = ()  # sentences the teacher credited or rejected, per point
    note: str = ""     # why a part was left at the defaults, when the held-out folds said so

    @property
    def kept_defaults(self) -> bool:
        """The fit kept the engine's defaults (every learnt version did worse on held-out
        essays): marking with it is marking uncalibrated, and is shown as such."""
        return self.note == DEFAULTS_KEPT

    def threshold_map(self) -> dict[str, Thresholds]:
        return dict(self.thresholds)

    def weight_map(self) -> dict[str, float]:
        return dict(self.weights)


def calibration_to_dict(cal: Calibration) -> dict[str, Any]:
    """Plain data for YAML: one entry per point with its cut-offs and weight."""
    weights = cal.weight_map()
    data: dict[str, Any] = {
        "rubric": cal.rubric, "essays": cal.essays, "fitted_at": cal.fitted_at,
        "points": {pid: {"covered": round(th.covered, 4), "partial": round(th.partial, 4),
                         "weight": round(weights.get(pid, 1.0), 4)}
                   for pid, th in cal.thresholds},
        "exemplars": exemplars_to_data(cal.exemplars)}
    if cal.note:
        data["note"] = cal.note
    return data


def calibration_from_dict(data: Any, origin: str = "calibration") -> Calibration:
    """Read :func:`calibration_to_dict` output back, checking every value."""
    if not isinstance(data, dict) or not isinstance(data.get("points"), dict) or not data.get("rubric"):
        raise CalibrationError(f"{origin}: expected a mapping with 'rubric' and 'points'")
    if not data["points"]:
        raise CalibrationError(f"{origin}: 'points' is empty; expected covered, partial and weight per point")
    thresholds, weights = [], []
    for pid, entry in data["points"].items():
        try:
            covered, partial, weight = (float(entry[k]) for k in ("covered", "partial", "weight"))
        except (TypeError, KeyError, ValueError) as exc:
            raise CalibrationError(f"{origin}: points.{pid} needs numeric covered, partial and weight") from exc
        if not (0.0 <= partial <= covered <= 1.0) or not (0.0 < weight <= 10.0):
            raise CalibrationError(f"{origin}: points.{pid} needs 0 <= partial <= covered <= 1 "
                                   "and 0 < weight <= 10")
        thresholds.append((str(pid), Thresholds(covered, partial)))
        weights.append((str(pid), weight))
    essays = data.get("essays") or 0
    if isinstance(essays, bool) or not isinstance(essays, int) or not 0 <= essays <= 1_000_000:
        raise CalibrationError(f"{origin}: essays {short(essays)} should be a whole number of marked essays")
    return Calibration(str(data["rubric"]), tuple(thresholds), tuple(weights), essays,
                       str(data.get("fitted_at") or ""),
                       exemplars_from_data(data.get("exemplars"), origin), str(data.get("note") or ""))


def exemplars_to_data(exemplars: Sequence[Exemplar]) -> list[dict[str, str]]:
    """Plain data for YAML or JSON: point, kind (credited, confirmed or rejected), student and sentence."""
    return [{"point": e.point, "kind": e.kind, "student": e.student, "sentence": e.sentence} for e in exemplars]


def exemplars_from_data(items: Any, origin: str) -> tuple[Exemplar, ...]:
    """Read :func:`exemplars_to_data` output back, checking every item."""
    if items is None:
        return ()
    if not isinstance(items, list):
        raise CalibrationError(f"{origin}: 'exemplars' should be a list of point, kind and sentence")
    out = []
    for n, item in enumerate(items, 1):
        ok = (isinstance(item, dict) and isinstance(item.get("point"), str) and isinstance(item.get("sentence"), str)
              and item.get("kind") in ("credited", "confirmed", "rejected"))
        if not ok:
            raise CalibrationError(f"{origin}: exemplar {n} needs a point id, kind (credited, confirmed or "
                                   "rejected) and the sentence")
        out.append(Exemplar(item["point"], item["sentence"], item["kind"] != "rejected",
                            str(item.get("student") or ""), item["kind"] == "confirmed"))
    return tuple(out)


# ---- the teacher's say over the wordings: remove one, or keep a credited one as an alias --------

def without_exemplars(cal: Calibration, numbers: Iterable[int]) -> Calibration:
    """The calibration without the wordings numbered ``numbers`` (1-based, in the order they
    are stored and listed); ``CalibrationError`` for a number that is no wording's."""
    chosen = set(numbers)
    bad = sorted(n for n in chosen if not 1 <= n <= len(cal.exemplars))
    if bad:
        raise CalibrationError(f"no wording numbered {bad[0]}: {cal.rubric} has {len(cal.exemplars)} "
                               "(numbers as 'essaycoach exemplars' lists them)")
    return replace(cal, exemplars=tuple(e for n, e in enumerate(cal.exemplars, 1) if n not in chosen))


def promote_exemplars(rubric: Rubric, cal: Calibration, numbers: Iterable[int]) -> tuple[Rubric, Calibration]:
    """Credited wordings kept for good as aliases (``essaycoach exemplars --promote`` and the
    editor's "Make alias"): the rubric with each sentence added to its point's aliases, and the
    calibration without those wordings, which the rubric now holds.

    Raises ``CalibrationError`` for a number that is no wording's, a rejected wording, one with
    no word to match on or too long for an alias, a point the rubric no longer has, or a point
    that already has ``MAX_ALIASES`` aliases.
    """
    numbers = list(dict.fromkeys(numbers))
    kept = without_exemplars(cal, numbers)
    ids = {p.id for p in rubric.points}
    for n in numbers:
        exemplar = cal.exemplars[n - 1]
        if not exemplar.positive:
            raise CalibrationError(f"wording {n} was rejected, not credited: only a credited wording "
                                   "can become an alias")
        if not matchable(exemplar.sentence):
            raise CalibrationError(f"wording {n} has no word an essay could be matched on (it is empty, or only "
                                   "words as common as 'the' and 'of'): as an alias it would match nothing; "
                                   "remove it instead")
        if len(exemplar.sentence) > TEXT_LIMITS["alias"]:
            raise CalibrationError(f"wording {n} is {len(exemplar.sentence):,} characters long, too long for an "
                                   f"alias (at most {TEXT_LIMITS['alias']}): it still counts as learnt; to keep "
                                   "it for good, write a shorter alias for the point in the editor")
        if exemplar.point not in ids:
            raise CalibrationError(f"wording {n} is for the point {short(exemplar.point)}, which {rubric.id} no "
                                   "longer has; remove the wording instead")
        rubric = promote(rubric, exemplar)
        if len(rubric.point(exemplar.point).aliases) > MAX_ALIASES:
            raise CalibrationError(f"the point {exemplar.point} already has {MAX_ALIASES} aliases, the most a "
                                   "point may have: remove one in the editor first")
    return rubric, kept
