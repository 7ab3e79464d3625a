"""Promoting learnt wordings to aliases (``thresholds.promote_exemplars``, used by
``essaycoach exemplars --promote`` and the editor's "Make alias"): what is refused, and what
the rubric and the calibration become."""
from __future__ import annotations

from dataclasses import replace

import pytest
from conftest import ROOT

from essaycoach.errors import CalibrationError
from essaycoach.exemplars import Exemplar
from essaycoach.loaders import load_rubric
from essaycoach.rubric import MAX_ALIASES
from essaycoach.thresholds import Calibration, Thresholds, promote_exemplars, without_exemplars

RUBRIC = load_rubric("trotsky-errors", ROOT / "rubrics")
CREDITED = Exemplar("overconfidence", "Trotsky  thought the   leadership would simply fall to him", True, "Ann")
REJECTED = Exemplar("overconfidence", "Trotsky was the leader of the Red Army in the Civil War", False)
ELSEWHERE = Exemplar("funeral", "He was not even at the funeral when Lenin was buried", True)
GONE = Exemplar("no-such-point", "A point the rubric lost when the teacher edited it", True)
CAL = Calibration(RUBRIC.id, (("overconfidence", Thresholds()),), (("overconfidence", 1.0),), 6, "",
                  (CREDITED, REJECTED, ELSEWHERE, GONE))
TOO_MANY = replace(RUBRIC, points=tuple(replace(p, aliases=tuple(f"alias {n}" for n in range(MAX_ALIASES)))
                                        if p.id == "overconfidence" else p for p in RUBRIC.points))


@pytest.mark.parametrize(("rubric", "numbers", "message"), [
    (RUBRIC, [2], "wording 2 was rejected, not credited: only a credited wording can become an alias"),
    (RUBRIC, [5], "no wording numbered 5: trotsky-errors has 4"),
    (RUBRIC, [0], "no wording numbered 0"),
    (RUBRIC, [4], "no-such-point', which trotsky-errors no longer has; remove the wording instead"),
    (TOO_MANY, [1], f"already has {MAX_ALIASES} aliases"),
])
def test_what_cannot_become_an_alias_is_refused(rubric, numbers, message):
    with pytest.raises(CalibrationError, match=message):
        promote_exemplars(rubric, CAL, numbers)


@pytest.mark.parametrize("sentence", ["", "   ", "the and of it"])
def test_a_wording_with_nothing_to_match_on_is_no_alias(sentence):
    """An empty learnt wording had been refused as a broken rubric, and one of stop words kept."""
    cal = replace(CAL, exemplars=(replace(CREDITED, sentence=sentence),))
    with pytest.raises(CalibrationError, match="wording 1 has no word an essay could be matched on"):
        promote_exemplars(RUBRIC, cal, [1])


@pytest.mark.parametrize(("numbers", "added", "left"), [
    ([1], {"overconfidence": ["Trotsky thought the leadership would simply fall to him"]}, [REJECTED, ELSEWHERE, GONE]),
    ([1, 1], {"overconfidence": ["Trotsky thought the leadership would simply fall to him"]},
     [REJECTED, ELSEWHERE, GONE]),
    ([3, 1], {"overconfidence": ["Trotsky thought the leadership would simply fall to him"],
              "funeral": ["He was not even at the funeral when Lenin was buried"]}, [REJECTED, GONE]),
])
def test_a_promoted_wording_joins_its_point_and_leaves_the_calibration(numbers, added, left):
    promoted, kept = promote_exemplars(RUBRIC, CAL, numbers)
    for point in RUBRIC.points:
        assert promoted.point(point.id).aliases == point.aliases + tuple(added.get(point.id, ()))
    assert list(kept.exemplars) == left
    assert kept.thresholds == CAL.thresholds and kept.weights == CAL.weights


def test_removing_wordings_checks_every_number():
    assert without_exemplars(CAL, [2, 4]).exemplars == (CREDITED, ELSEWHERE)
    with pytest.raises(CalibrationError, match="no wording numbered 9"):
        without_exemplars(CAL, [1, 9])
