"""A point that opens on a cause ("Increasing the concentration ... increases the rate because
...") is about that cause: a sentence giving only what follows ("collisions are more frequent"),
which any cause of the rubric brings about, does not make it, and is not the one quoted for it."""
import pytest
from conftest import ROOT

from essaycoach.loaders import load_rubric, read_rubric_file
from essaycoach.pointcheck import NO_CAUSE

TEACHER = ROOT / "tests" / "data" / "teacher"
CHEMISTRY = read_rubric_file(TEACHER / "chem-factors.yaml")
ECONOMICS = read_rubric_file(TEACHER / "econ-demand.yaml")
FULL = (TEACHER / "essays" / "chem-factors-full.txt").read_text(encoding="utf-8")
CONCENTRATED = ("Using a more concentrated solution also speeds it up, because there are more reacting particles "
                "crowded into the same space, so they meet more often.")


def _points(engine, text, rubric):
    return {p.id: p for p in engine.grade(text, rubric).points}


@pytest.mark.parametrize("rubric, point, causes", [
    # the changed term, the point's own words for it before what follows, and its aliases'
    (CHEMISTRY, "increasing-concentration-reactant", {"concentr", "solut", "acid", "stronger"}),
    (CHEMISTRY, "raising-temperature-increases", {"temperatur", "heat", "mixtur"}),
    (ECONOMICS, "income", {"incom"}),
    # a point opening on no change names no cause
    (CHEMISTRY, "adding-increases-rate", set()),
])
def test_a_points_cause_is_named_by_its_own_words(engine, rubric, point, causes):
    keys = engine.matcher(rubric).keys
    assert keys.causes[[p.id for p in rubric.points].index(point)] == causes


@pytest.mark.parametrize("text, point, status", [
    # what follows, said of no cause, or of another one: every chemistry point but catalysts follows
    # from collisions, and each had been covered
    ("More particles in the same volume means more frequent collisions, so the reaction is faster.",
     "increasing-concentration-reactant", "partial"),
    ("More particles in the same volume means more frequent collisions, so the reaction is faster.",
     "raising-temperature-increases", "partial"),
    # the cause in other words the point or its aliases use: still made
    ("Smaller pieces react faster because more of the particles are exposed to collide.",
     "increasing-surface-area", "covered"),
    ("A hotter reaction mixture reacts faster because the particles move faster and collide more often with "
     "enough energy.", "raising-temperature-increases", "covered"),
    (CONCENTRATED, "increasing-concentration-reactant", "covered"),
])
def test_what_follows_without_its_cause_does_not_make_the_point(engine, text, point, status):
    result = _points(engine, text, CHEMISTRY)[point]
    assert result.status == status, result
    assert (result.why == NO_CAUSE) == (status == "partial")


@pytest.mark.parametrize("rubric, text, point", [
    # what follows another point's cause is nothing of this one's: not a half, and not "the opposite"
    (CHEMISTRY, "Smaller pieces react faster because more of the particles are exposed to collide.",
     "raising-temperature-increases"),
    (ECONOMICS, "If the price of a substitute rises, demand for the good increases as consumers switch to it.",
     "law-of-demand"),
    (ECONOMICS, "If the price of a substitute rises, demand for the good increases as consumers switch to it.",
     "income"),
])
def test_what_follows_another_points_cause_makes_nothing_of_this_one(engine, rubric, text, point):
    result = _points(engine, text, rubric)[point]
    assert result.status == "missing" and not result.borderline, result


def test_what_follows_a_cause_still_contradicts_a_point_opening_on_none(engine):
    """The exemption is between points opening on causes: "Raising the temperature lowers the
    kinetic energy" still turns round "the molecules gain kinetic energy", which opens on none."""
    enzymes = read_rubric_file(ROOT / "tests" / "data" / "subjects" / "rubrics" / "enzymes-temperature.yaml")
    text = "Raising the temperature lowers the kinetic energy so there are fewer collisions."
    result = _points(engine, text, enzymes)["kinetic-energy"]
    assert result.status == "partial" and "opposite" in result.why


@pytest.mark.parametrize("text", [
    # what follows is this point's alone ("normal goods", the curve shifting): the cause in words
    # the engine cannot see ("richer") takes nothing from it
    "People buy more normal goods when they become richer, so the demand curve shifts to the right.",
    "When consumers earn more money, demand for normal goods goes up and the curve moves right.",
])
def test_what_follows_that_only_this_point_says_still_makes_it(engine, text):
    assert _points(engine, text, ECONOMICS)["income"].status == "covered"


def test_the_sentence_quoted_names_the_points_cause(engine):
    """Walk 47: the concentration point was credited to the end of the surface-area paragraph
    ("More particles are on the outside ..., so collisions are more frequent."), and the
    student's sentence on concentration was left unhighlighted."""
    assert _points(engine, FULL, CHEMISTRY)["increasing-concentration-reactant"].sentence == CONCENTRATED


def test_an_answer_leaving_a_cause_out_does_not_get_it_from_another_paragraph(engine):
    """The same answer without its concentration paragraph had every point covered and 6/6."""
    without = FULL.replace(CONCENTRATED, "")
    points = _points(engine, without, CHEMISTRY)
    assert points["increasing-concentration-reactant"].status != "covered"
    assert engine.grade(without, CHEMISTRY).mark < engine.grade(FULL, CHEMISTRY).mark


def test_half_an_answer_gets_nothing_for_a_cause_it_never_names(engine):
    """Walk 47's half answer (temperature and concentration) was given surface area in part for
    "If you heat the reactants up, the particles ... move around faster"."""
    half = (TEACHER / "essays" / "chem-factors-half.txt").read_text(encoding="utf-8")
    assert _points(engine, half, CHEMISTRY)["increasing-surface-area"].status == "missing"


@pytest.mark.parametrize("rubric_id", ["trotsky-errors", "purge-necessary", "cult-propaganda"])
def test_history_points_open_on_no_cause(engine, rubric_id):
    """The rule is about causal points: the shipped history rubrics' points state no change they
    follow from, and no verdict of theirs depends on it."""
    rubric = load_rubric(rubric_id, ROOT / "rubrics")
    assert not any(engine.matcher(rubric).keys.causes)
