"""Scores read against the rubric's reach over the notes (issue 10: a teacher's own rubric,
written with one wording per point, must keep the accuracy of the shipped ones)."""
from __future__ import annotations

import dataclasses

import pytest
from conftest import ROOT
from hypothesis import given
from hypothesis import strategies as st

from essaycoach.evaluation import compare_rubrics, evaluate
from essaycoach.loaders import load_rubric, read_rubric_file
from essaycoach.rubric import Rubric
from essaycoach.subject import FULL_REACH, MIN_SCALE, NOTES_COVER, reach_scale

DEVSET = ROOT / "tests" / "data" / "devset"
SHIPPED = sorted(p.stem for p in (ROOT / "rubrics").glob("*.yaml"))
SHORT = sorted((ROOT / "tests" / "data" / "shortanswer").glob("*.yaml"))


def without_aliases(rubric: Rubric) -> Rubric:
    return dataclasses.replace(rubric, points=tuple(dataclasses.replace(p, aliases=()) for p in rubric.points))


@given(st.floats(0.0, 1.0))
def test_the_scale_stays_in_bounds(reach):
    assert MIN_SCALE <= reach_scale(reach) <= 1.0


@given(st.floats(0.0, 0.999))
def test_the_scale_has_no_jumps(reach):
    assert abs(reach_scale(reach + 0.001) - reach_scale(reach)) < 0.02


@pytest.mark.parametrize("reach, scale", [
    (0.0, 1.0), (NOTES_COVER[0], 1.0),   # the notes are off the subject: they cannot say
    (FULL_REACH, 1.0), (0.9, 1.0),       # as well stated as the shipped rubrics
    (NOTES_COVER[1], max(MIN_SCALE, (NOTES_COVER[1] / FULL_REACH) ** 2)),
])
def test_reach_scale_table(reach, scale):
    assert reach_scale(reach) == pytest.approx(scale)


@pytest.mark.parametrize("rubric_id", SHIPPED)
def test_shipped_rubrics_are_read_almost_as_they_score(engine, rubric_id):
    assert engine.matcher(load_rubric(rubric_id, ROOT / "rubrics")).scale >= 0.8


@pytest.mark.parametrize("rubric_id", SHIPPED)
def test_fewer_wordings_are_read_higher(engine, rubric_id):
    rubric = load_rubric(rubric_id, ROOT / "rubrics")
    assert engine.matcher(without_aliases(rubric)).scale < engine.matcher(rubric).scale


@pytest.mark.parametrize("path", SHORT, ids=lambda p: p.stem)
def test_rubrics_the_notes_do_not_cover_are_not_rescaled(engine, path):
    assert engine.matcher(read_rubric_file(path)).scale == 1.0


def test_the_same_paraphrase_is_credited_without_aliases(engine):
    """A sentence the shipped rubric credits through its text stays credited when the
    rubric loses its aliases (the best of fewer wordings is lower; the scale makes up)."""
    rubric = load_rubric("trotsky-errors", ROOT / "rubrics")
    essay = ("Trotsky did not come back to Moscow for Lenin's funeral, so Stalin led the mourners "
             "and looked like Lenin's loyal heir.")
    for r in (rubric, without_aliases(rubric)):
        verdict = {p.id: p.status for p in engine.grade(essay, r).points}
        assert verdict["funeral"] == "covered", r.points[0].aliases


def test_rubrics_without_aliases_keep_most_of_the_accuracy(engine, monkeypatch):
    """Held out from the tuning of the scale: the shipped rubrics stripped of every alias.
    Before the scale, per-point F1 fell from 0.81 to 0.70."""
    import essaycoach.evaluation as ev
    real = ev.load_rubric
    monkeypatch.setattr(ev, "load_rubric", lambda rid, folder: without_aliases(real(rid, folder)))
    overall, _, _ = evaluate(engine, sorted(DEVSET.glob("*.yaml")), ROOT / "rubrics")
    assert overall.micro_f1 >= 0.74, overall


def test_second_rubrics_stay_close_to_the_shipped(engine):
    rows = compare_rubrics(engine, DEVSET, ROOT / "tests" / "data" / "generalise", ROOT / "rubrics")
    f1 = {}
    for side in ("shipped", "second"):
        tp, fp, fn = (sum(getattr(s, f) for c in rows for s in getattr(c, side).points) for f in ("tp", "fp", "fn"))
        f1[side] = 2 * tp / (2 * tp + fp + fn)
    assert f1["shipped"] - f1["second"] <= 0.05, f1
