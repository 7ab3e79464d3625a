"""Off-topic is judged against the question's own subject: a teacher's own rubric on a shipped
subject (reworded, without a topic, or with a topic of the teacher's own) flags no genuine essay."""
from dataclasses import replace

import pytest
import yaml
from conftest import ROOT

from essaycoach.evaluation import load_labelled
from essaycoach.loaders import load_rubric, read_rubric_file

SECOND = ROOT / "tests" / "data" / "generalise"
MAPPING = yaml.safe_load((SECOND / "mapping.yaml").read_text(encoding="utf-8"))
CASES = [(prompt, read_rubric_file(SECOND / f"{entry['rubric']}.yaml")) for prompt, entry in MAPPING.items()]


def genuine(prompt):
    return [e for e in load_labelled(ROOT / "tests" / "data" / "devset" / f"{prompt}.yaml") if e.kind != "off-topic"]


def teacher_copies(prompt, reworded):
    """A reworded topic-less rubric, and the shipped one without its topic or under a new name."""
    shipped = load_rubric(prompt, ROOT / "rubrics")
    return [reworded, replace(shipped, id=f"{prompt}-mine", topic=""),
            replace(shipped, id=f"{prompt}-mine", topic="My own unit 3"),
            replace(reworded, topic="Year 13 mock")]


@pytest.mark.parametrize("prompt, reworded", CASES)
def test_no_genuine_essay_is_off_topic_under_a_teachers_rubric(engine, prompt, reworded):
    for rubric in teacher_copies(prompt, reworded):
        reports = engine.grade_many([(e.id, e.text) for e in genuine(prompt)], rubric)
        flagged = [r.student for r in reports if "off-topic" in {w.code for w in r.warnings}]
        assert not flagged, (rubric.id, rubric.topic, flagged)


@pytest.mark.parametrize("prompt, reworded", CASES)
def test_a_rubric_on_a_shipped_subject_joins_that_subject(engine, prompt, reworded):
    shipped_topic = load_rubric(prompt, ROOT / "rubrics").topic
    matcher = engine.matcher(reworded)
    assert shipped_topic not in matcher.topics and matcher.own_topic == reworded.id
    assert len(matcher.topics) >= 4  # the other subjects still compete


@pytest.mark.parametrize("prompt, reworded", CASES)
def test_an_essay_for_another_question_is_still_off_topic(engine, prompt, reworded):
    others = [p for p, _ in CASES if p != prompt]
    for other in others:
        essays = [e for e in genuine(other) if e.kind in ("strong", "average")][:2]
        for report in engine.grade_many([(e.id, e.text) for e in essays], reworded):
            assert "off-topic" in {w.code for w in report.warnings}, (other, report.student)
            assert report.level == 0
            # It makes none of this question's points, whatever words it shares with them.
            assert not [p.id for p in report.points if p.status == "covered"], (other, report.student)
            assert report.coverage <= 0.5
