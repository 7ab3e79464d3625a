"""The status table is the one vocabulary every view reads: credit, label, symbol, text mark."""
import pytest
from resources import KEYWORDS, TROTSKY_MISSPELT, TROTSKY_STRONG

from essaycoach.report import CREDIT, STATUS, STATUSES, render_text


def test_statuses_are_best_first_and_told_apart():
    credits = [STATUS[s].credit for s in STATUSES]
    assert credits == sorted(credits, reverse=True) and len(set(credits)) == len(credits) == 3
    for field in ("label", "symbol", "text_mark"):
        assert len({getattr(s, field) for s in STATUS.values()}) == len(STATUS), field
    assert all(s.label.startswith(s.symbol) and s.name in s.label for s in STATUS.values())
    assert {s: STATUS[s].credit for s in STATUSES} == CREDIT


@pytest.mark.parametrize("essay", [TROTSKY_STRONG, TROTSKY_MISSPELT, KEYWORDS],
                         ids=["strong", "misspelt", "keywords"])
def test_coverage_is_the_weighted_credit_of_the_statuses(engine, trotsky, essay):
    report = engine.grade(essay, trotsky)
    weights = sum(p.weight for p in report.points)
    assert report.coverage == pytest.approx(sum(p.weight * STATUS[p.status].credit for p in report.points) / weights)
    lines = render_text(report).splitlines()
    for p in report.points:
        assert any(line.startswith(f"{STATUS[p.status].text_mark} {p.id} (") for line in lines), p.id
