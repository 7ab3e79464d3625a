"""The one score-to-status rule (``Thresholds.status``), used by the engine and by calibration."""
import pytest
from hypothesis import given
from hypothesis import strategies as st

from essaycoach.report import CREDIT
from essaycoach.thresholds import Thresholds

unit = st.floats(0.0, 1.0)


@pytest.mark.parametrize(("score", "status"), [
    (1.0, "covered"), (0.43, "covered"), (0.4299, "partial"), (0.3, "partial"), (0.2999, "missing"), (0.0, "missing"),
])
def test_default_cut_offs(score, status):
    assert Thresholds().status(score) == status


@given(partial=unit, gap=unit, a=unit, b=unit)
def test_a_higher_score_never_earns_less(partial, gap, a, b):
    th = Thresholds(min(1.0, partial + gap), partial)
    low, high = sorted((a, b))
    assert CREDIT[th.status(low)] <= CREDIT[th.status(high)]
    assert (th.status(high) == "covered") == (high >= th.covered)


def test_the_engine_uses_the_rule(engine, trotsky):
    from resources import TROTSKY_STRONG

    strict = Thresholds(0.6, 0.4)
    report = engine.grade(TROTSKY_STRONG, trotsky, thresholds={p.id: strict for p in trotsky.points})
    # The rule sets each status; the engine's second look (pointcheck) may only take credit back.
    assert all(CREDIT[p.status] <= CREDIT[strict.status(p.score)] for p in report.points)
    assert sum(p.status == strict.status(p.score) for p in report.points) >= len(report.points) - 3
    assert {p.status for p in report.points} >= {"covered", "missing"}
