"""Short-answer questions (2-10 marks, 1-3 levels) on other subjects: marked by the points made."""
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from essaycoach.flags import short_flag
from essaycoach.loaders import load_rubric, read_rubric_file
from essaycoach.verdicts import is_short_answer, level_and_mark

DATA = Path(__file__).parent / "data" / "shortanswer"
TEACHER = Path(__file__).parent / "data" / "teacher"
RUBRICS = {p.stem: read_rubric_file(p) for p in sorted(DATA.glob("*.yaml"))}

# Honest answers, in the students' words rather than the points': (rubric, answer, points made).
FULL = [
    ("biology-photosynthesis",
     "Plants trap sunlight using the green pigment in their chloroplasts. They take in CO2 through small "
     "pores on the underside of the leaf, and water comes up from the roots through the xylem vessels. "
     "Using the light energy these are turned into glucose, and oxygen is given off."),
    ("geography-river-flooding",
     "If it rains heavily for days the soil becomes saturated and can't absorb any more, so the rain flows "
     "over the surface into the river. Where the bedrock is impermeable, like granite, water cannot "
     "infiltrate. Steep slopes send water to the channel fast. In towns, concrete and tarmac surfaces and "
     "storm drains speed up the run-off, and cutting down forests means less interception by trees, so "
     "the river rises quickly."),
    ("chemistry-rusting",
     "Rusting needs both oxygen and water to be in contact with the iron. You can stop it by painting or "
     "oiling it so air and moisture can't reach the metal, or by galvanising it with zinc, which is more "
     "reactive and corrodes first."),
]
# The same, in the present tense (no verb the common forms or endings show) and as bullet notes that
# make each point with a verb: a short answer is marked by the points it makes, not its form.
PRESENT_AND_BULLETS = [
    ("biology-photosynthesis",
     "Chlorophyll in the chloroplasts absorbs light energy. Carbon dioxide enters the leaf through the stomata. "
     "The roots take up water, which travels up the xylem to the leaves. The plant makes glucose and gives off "
     "oxygen."),
    ("biology-photosynthesis",
     "- chlorophyll absorbs light energy\n- CO2 enters the leaf through the stomata\n"
     "- roots take up water, it travels up the xylem\n- glucose made, oxygen given off\n"),
    ("chemistry-rusting",
     "- iron rusts when oxygen and water reach it\n- paint or oil keeps air and water out\n"
     "- zinc coating (galvanising) corrodes first\n"),
]
PARTLY = [
    ("biology-photosynthesis", "The leaf's chlorophyll captures light. Water from the soil goes up to the leaves."),
    ("geography-river-flooding", "Lots of rain makes the ground saturated. Building towns with concrete "
                                 "means water runs off fast."),
    ("chemistry-rusting", "Iron needs air and water to rust. Painting stops it."),
]


def test_the_test_rubrics_are_short_answer_ones():
    assert len(RUBRICS) >= 3
    for r in RUBRICS.values():
        assert is_short_answer(r) and 2 <= r.marks <= 10 and 1 <= len(r.levels) <= 3
    assert not is_short_answer(load_rubric("trotsky-errors"))


@pytest.mark.parametrize(("marks", "levels", "minutes", "short"), [
    (6, 3, 8, True), (10, 4, 15, True), (6, 3, 30, True),   # few marks: point by point, however long
    (12, 3, 12, True),                                      # few levels, a short time
    (12, 3, 20, False),                                     # a 20-minute extended answer
    (25, 5, 45, False),
])
def test_what_counts_as_a_short_answer(marks, levels, minutes, short):
    from dataclasses import replace

    base = load_rubric("trotsky-errors")
    rubric = replace(base, marks=marks, minutes=minutes, levels=base.levels[:levels])
    assert is_short_answer(rubric) is short


@pytest.mark.parametrize("rubric_id, answer", FULL)
def test_an_answer_covering_every_point_earns_full_marks(engine, rubric_id, answer):
    rubric = RUBRICS[rubric_id]
    report = engine.grade(answer, rubric)
    assert all(p.status == "covered" for p in report.points), [(p.id, p.status) for p in report.points]
    assert (report.level, report.mark) == (len(rubric.levels), rubric.marks)
    assert not report.warnings


@pytest.mark.parametrize("rubric_id", sorted(RUBRICS))
def test_a_full_answer_with_two_points_learnt_word_for_word_earns_full_marks(engine, rubric_id):
    """Revised from the textbook: two points in a row in the mark scheme's words, the rest in the
    student's own. Set aside as pasted, a full answer had got 2 of 6; now each learnt sentence is
    credited, checked by the teacher."""
    rubric = RUBRICS[rubric_id]
    own = engine.grade(dict(FULL)[rubric_id], rubric)
    learnt = [p.text for p in rubric.points[:2]]
    rest = " ".join(dict.fromkeys(p.sentence for p in own.points[2:] if p.sentence))  # each sentence once
    report = engine.grade(" ".join([*learnt, rest]), rubric)
    assert not report.warnings and report.mark == rubric.marks, [(p.id, p.status) for p in report.points]
    assert all(p.check and "mark scheme's own words" in p.check for p in report.points[:2])


@pytest.mark.parametrize("rubric_id, answer", PRESENT_AND_BULLETS)
def test_present_tense_and_bulleted_answers_earn_full_marks(engine, rubric_id, answer):
    rubric = RUBRICS[rubric_id]
    report = engine.grade(answer, rubric)
    assert all(p.status == "covered" for p in report.points), [(p.id, p.status) for p in report.points]
    assert report.mark == rubric.marks


@pytest.mark.parametrize("rubric_id, answer", PARTLY)
def test_a_partial_answer_earns_the_share_of_points_it_makes(engine, rubric_id, answer):
    rubric = RUBRICS[rubric_id]
    report = engine.grade(answer, rubric)
    full = engine.grade(dict(FULL)[rubric_id], rubric)
    assert 0 < report.mark < full.mark
    assert abs(report.mark - report.coverage * rubric.marks) <= 0.5
    assert rubric.levels[report.level - 1].low <= report.mark <= rubric.levels[report.level - 1].high


@given(st.sampled_from(sorted(RUBRICS)), st.floats(0, 1), st.floats(0, 1))
def test_the_mark_rises_with_coverage(rubric_id, a, b):
    rubric = RUBRICS[rubric_id]
    low, high = sorted((a, b))
    assert level_and_mark(rubric, low, 1.0, "none", 50, [])[1] <= level_and_mark(rubric, high, 1.0, "none", 50, [])[1]
    assert level_and_mark(rubric, 1.0, 0.0, "none", 5, [])[1] == rubric.marks


@pytest.mark.parametrize("minutes, words, short", [(5, 40, False), (5, 15, True), (45, 150, True), (45, 200, False),
                                                   (4, 17, False)])
def test_the_too_short_floor_scales_with_the_time_allowed(minutes, words, short):
    from dataclasses import replace
    rubric = replace(RUBRICS["biology-photosynthesis"], minutes=minutes)
    assert (short_flag(words, rubric) is not None) is short


@pytest.mark.parametrize("words, written, says", [
    (8, None, "8 words; a 45-minute answer needs at least 180 to develop its points (aim for about 540)."),
    (8, 8, "8 words; a 45-minute answer needs at least 180"),
    (1, None, "1 word; a 45-minute answer"),
    (11, 4400, "11 of its 4,400 words count once repeated or copied text is set aside"),
    (0, 19, "none of its 19 words count"),   # the question copied, and nothing else
])
def test_too_short_says_which_words_count(words, written, says):
    """A long essay made mostly of repeats is too short in what counts: the flag says so, rather
    than calling an essay of thousands of words 11 words long."""
    from dataclasses import replace
    rubric = replace(RUBRICS["biology-photosynthesis"], minutes=45)
    flag = short_flag(words, rubric, written)
    assert flag is not None and says in flag.message


@pytest.mark.parametrize("rubric_id", sorted(RUBRICS))
def test_a_short_answer_that_explains_is_not_asked_for_a_judgement(engine, rubric_id):
    """Nothing to weigh, so no judgement: neither "none" (and "end with a conclusion") nor a quote."""
    rubric = RUBRICS[rubric_id]
    assert not rubric.evaluative and is_short_answer(rubric)
    answer = next(a for r, a in FULL if r == rubric_id)
    for text in (answer, answer + " In conclusion, this is the main reason because it matters most."):
        report = engine.grade(text, rubric)
        assert (report.judgement, report.judgement_sentence) == ("n/a", None)
        assert report.mark == rubric.marks


def test_an_argued_question_is_still_asked_for_a_judgement(engine, trotsky):
    assert trotsky.evaluative
    assert engine.grade("Trotsky missed Lenin's funeral.", trotsky).judgement == "none"


def _one_sided(rubric_id: str, **changes):
    from dataclasses import replace

    base = load_rubric(rubric_id)
    return replace(base, points=tuple(p for p in base.points if p.side == "for"), **changes)


@pytest.mark.parametrize(("rubric", "says"), [
    (lambda: load_rubric("trotsky-errors"), "Marked as a 45-minute answer for 25 marks in 5 levels: argued for "
                                            "and against, ending in a judgement."),
    (lambda: _one_sided("trotsky-errors"), "an extended answer, ending in a judgement"),
    (lambda: RUBRICS["chemistry-rusting"], "a short answer marked by the points it makes (no judgement needed)"),
    (lambda: read_rubric_file(TEACHER / "pe-respiratory.yaml"), "an extended answer marked by the points it makes"),
])
def test_the_marking_basis_says_what_the_answer_is_read_for(rubric, says):
    """What "Try it" tells a teacher of a rubric's time and marks (walk: a new short question was tried
    at the blank rubric's 45 minutes and 25 marks, and asked for a judgement, with nothing to say why)."""
    from essaycoach.verdicts import asks_judgement, marking_basis

    r = rubric()
    text = marking_basis(r)
    assert says in text and f"{r.minutes}-minute" in text and f"{r.marks} mark" in text
    assert ("judgement needed" in text) is (not asks_judgement(r))


@pytest.mark.parametrize(("rubric_file", "asks"), [
    # an extended answer asks for one when its question or its levels say so ("a judgement on
    # the most important factor", "how far", "a supported judgement")
    ("geog-coastal-erosion.yaml", True),
    ("hist-cuban-crisis.yaml", True),
    # one that explains or describes, its levels asking for detail and accuracy, asks none
    ("pe-respiratory.yaml", False),
    ("chem-neutralisation.yaml", False),
    ("geog-dtm.yaml", False),
    ("lit-inspector.yaml", False),
])
def test_an_extended_answer_is_asked_for_a_judgement_when_its_question_or_levels_ask(rubric_file, asks):
    from essaycoach.verdicts import asks_judgement

    rubric = read_rubric_file(TEACHER / rubric_file)
    assert not is_short_answer(rubric)
    assert asks_judgement(rubric) is asks


@pytest.mark.parametrize("rubric_id", ["pe-respiratory", "chem-neutralisation"])
def test_a_full_explanation_reaches_the_top_level_without_a_conclusion(engine, rubric_id):
    """Probes 71 and 74: full answers to 12-mark "explain" questions, every point made, were held
    to level 2 of 4 (6/12) for ending in no judgement; one "In conclusion" line gave 12/12."""
    rubric = read_rubric_file(TEACHER / f"{rubric_id}.yaml")
    report = engine.grade((TEACHER / "essays" / f"{rubric_id}-full.txt").read_text(encoding="utf-8"), rubric)
    assert report.judgement == "n/a" and report.judgement_sentence is None
    assert report.level == len(rubric.levels), report.next_steps
    half = engine.grade((TEACHER / "essays" / f"{rubric_id}-half.txt").read_text(encoding="utf-8"), rubric)
    assert half.next_steps and not any("judgement" in step or "conclusion" in step for step in half.next_steps)
    # an empty answer still earns nothing
    assert engine.grade("I do not know.", rubric).mark == 0


@pytest.mark.parametrize("made, mark", [(0, 0), (1, 1), (3, 3), (5, 5), (6, 6), (7, 6), (8, 6)])
def test_a_question_with_more_points_than_marks_earns_a_mark_a_point(made, mark):
    rubric = read_rubric_file(TEACHER / "geog-quake-deaths.yaml")  # 8 points for 6 marks
    assert level_and_mark(rubric, made / len(rubric.points), 0.0, "n/a", 200, [])[1] == mark


def test_a_short_answer_making_three_of_eight_points_earns_three_marks(engine):
    # probe 75: three of eight points made, each well, earned 2 of 6 (L1); its teacher gave 4 (L2)
    rubric = read_rubric_file(TEACHER / "geog-quake-deaths.yaml")
    report = engine.grade((TEACHER / "essays" / "geog-quake-deaths-short.txt").read_text(), rubric)
    made = [p.id for p in report.points if p.status == "covered"]
    assert len(made) == 3 and all(p.status == "missing" for p in report.points if p.id not in made), made
    assert (report.level, report.mark) == (2, 3)
