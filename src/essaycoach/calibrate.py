"""Calibration to a teacher: per-point thresholds and weights fitted to their own marking.

From a handful of essays the teacher has marked (points ticked and/or a mark), fit each
point's "covered" threshold and its weight so the engine agrees with that teacher, with
priors that keep a small sample from producing nonsense, and measure the agreement before
and after honestly, on essays the fit did not see (cross-validation).
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .errors import CalibrationError
from .grade import Thresholds


@dataclass(frozen=True)
class TeacherLabel:
    """One essay as a teacher marked it: 0/1 per point they judged (any subset) and/or a mark."""

    student: str
    text: str
    points: Mapping[str, int]
    mark: int | None = None


@dataclass(frozen=True)
class Calibration:
    """A rubric's fitted thresholds and weights (stored in ``rubrics/.calibration/<id>.yaml``)."""

    rubric: str
    thresholds: tuple[tuple[str, Thresholds], ...]
    weights: tuple[tuple[str, float], ...]
    essays: int        # how many marked essays the fit used
    fitted_at: str     # ISO date-time

    def threshold_map(self) -> dict[str, Thresholds]:
        return dict(self.thresholds)

    def weight_map(self) -> dict[str, float]:
        return dict(self.weights)


def calibration_to_dict(cal: Calibration) -> dict[str, Any]:
    """Plain data for YAML: one entry per point with its cut-offs and weight."""
    weights = cal.weight_map()
    return {"rubric": cal.rubric, "essays": cal.essays, "fitted_at": cal.fitted_at,
            "points": {pid: {"covered": round(th.covered, 4), "partial": round(th.partial, 4),
                             "weight": round(weights.get(pid, 1.0), 4)}
                       for pid, th in cal.thresholds}}


def calibration_from_dict(data: Any, origin: str = "calibration") -> Calibration:
    """Read :func:`calibration_to_dict` output back, checking every value."""
    if not isinstance(data, dict) or not isinstance(data.get("points"), dict) or not data.get("rubric"):
        raise CalibrationError(f"{origin}: expected a mapping with 'rubric' and 'points'")
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
    return Calibration(str(data["rubric"]), tuple(thresholds), tuple(weights),
                       int(data.get("essays") or 0), str(data.get("fitted_at") or ""))
