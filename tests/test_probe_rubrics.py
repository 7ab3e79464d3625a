"""Verdicts on rubrics a probe wrote afresh, as three teachers would (biology, business and
geography; tests/data/teacher), each the finding of a wrong verdict a teacher would have seen."""
import pytest
from conftest import ROOT

from essaycoach.loaders import read_rubric_file

TEACHER = ROOT / "tests" / "data" / "teacher"
BIOLOGY = read_rubric_file(TEACHER / "bio-glucose.yaml")
BUSINESS = read_rubric_file(TEACHER / "bus-franchise.yaml")


def _verdict(engine, text: str, rubric, point: str):
    return next(p for p in engine.grade(text, rubric).points if p.id == point)


@pytest.mark.parametrize("text, status, why", [
    # "the risk of failure is lower" states an outcome, not a denial: the point is positive, and
    # denying it contradicts it (it had been credited, for agreeing with a "negative" point)
    ("Franchises do not have lower risk.", "partial", "the word 'not'"),
    ("It is not true that franchises have lower risk.", "partial", "the word 'not'"),
    ("Franchises are less likely to fail.", "covered", None),
    ("A franchise is not less likely to fail.", "partial", "the word 'not'"),
])
def test_a_point_on_the_risk_of_failure_is_read_the_way_it_is_said(engine, text, status, why):
    result = _verdict(engine, text, BUSINESS, "lower-risk")
    assert result.status == status, result
    assert (why is None and result.why is None) or (why in result.why and "opposite" in result.why)


@pytest.mark.parametrize("text", [
    "The pancreas releases insulin into the blood.",
    "The pancreas releases the hormone insulin, and the blood carries it around the body.",
])
def test_a_whole_point_in_a_short_sentence_is_no_note(engine, text):
    """ "The pancreas releases insulin into the blood." was told "it is a note": a singular noun in
    -s ("pancreas") was read as a plural, so "releases" was no verb after it."""
    assert _verdict(engine, text, BIOLOGY, "insulin-released").status == "covered"


@pytest.mark.parametrize("text, status", [
    # the other end of a scale of extent: "complete control" for "little control" (a probe's
    # answer turning every point round had it covered)
    ("If Sam buys a franchise he will have complete control over the menu and prices.", "partial"),
    ("Sam has only limited control, because head office decides the menu, prices and suppliers.", "covered"),
])
def test_complete_control_is_the_opposite_of_little_control(engine, text, status):
    result = _verdict(engine, text, BUSINESS, "little-control")
    assert result.status == status, result
    assert ("'complete' where the point says 'little'" in (result.why or "")) == (status == "partial")
