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


def _opening(prompt, student, sentences):
    from essaycoach.sentences import split_sentences

    essay = next(e for e in genuine(prompt) if e.student == student)
    return " ".join(s.text for s in split_sentences(essay.text)[:sentences])


# Genuine essays' first few sentences (too short to have made half the points yet) that the
# "makes under half of its own points" test used to flag as answering another question.
OPENINGS = [("cult-propaganda", "Callum Reid", 3), ("cult-propaganda", "Daniel Morris", 3),
            ("cult-propaganda", "Kieran Doyle", 3), ("cult-propaganda", "Ben Whitfield", 4),
            ("destalinization-causes", "Nathan Osei", 2), ("purge-necessary", "Georgia Wainwright", 3)]


@pytest.mark.parametrize("prompt, student, sentences", OPENINGS)
def test_a_short_genuine_opening_is_too_short_not_off_topic(engine, prompt, student, sentences):
    report = engine.grade(_opening(prompt, student, sentences), load_rubric(prompt, ROOT / "rubrics"))
    assert {w.code for w in report.warnings} & {"too-short", "off-topic"} == {"too-short"}


def test_short_openings_marked_against_another_question_are_still_mostly_off_topic(engine):
    """Only the weaker test (makes under half its points) is not applied to a short answer: an
    opening that fits another subject clearly better is still flagged (83% of the dev set's
    openings of three to five sentences, against each other question; 87% with the weaker test)."""
    from essaycoach.sentences import split_sentences

    short = flagged = 0
    for prompt, _ in CASES:
        for essay in genuine(prompt):
            sentences = [s.text for s in split_sentences(essay.text)]
            for other, _ in CASES:
                if other == prompt:
                    continue
                for n in (3, 4, 5):
                    codes = {w.code for w in engine.grade(" ".join(sentences[:n]),
                                                          load_rubric(other, ROOT / "rubrics")).warnings}
                    short += "too-short" in codes
                    flagged += {"too-short", "off-topic"} <= codes
    assert short > 200 and flagged / short >= 0.8, (flagged, short)


@pytest.mark.parametrize("topics, named", [
    ({"own": 0.30, "other": 0.50}, "other"),   # an answer to another question of the notes: named
    ({"own": 0.10, "other": 0.14}, None),      # fits no topic well (a football essay): none is named
    ({"own": 0.05, "other": 0.07}, None),      # hardly touches the question's subject at all
])
def test_an_off_topic_essay_is_told_of_another_topic_only_when_one_fits_it(topics, named):
    from essaycoach.flags import off_topic_flag

    flag = off_topic_flag(topics, "own", words=120)
    assert flag is not None and flag.code == "off-topic"
    assert ("another topic (other)" in flag.message) is (named is not None), flag.message


UNRELATED = sorted((ROOT / "tests" / "data" / "unrelated").glob("*.txt"))


@pytest.mark.parametrize("path", UNRELATED, ids=lambda p: p.stem)
@pytest.mark.parametrize("rubric", ["trotsky-errors", "women-status", "purge-necessary", "power-struggle-mistakes",
                                    "stalin-machine"])
def test_an_essay_on_nothing_the_notes_mention_is_off_topic(engine, path, rubric):
    """Everyday words shared with a history question ("appointed", "feared", "rival") had fitted
    a football report to it over the topic floor: level 2, 7/20, a point credited. Its uncommon
    words are ones the notes and the rubric never use, on shipped rubrics and teachers' own alike."""
    folders = [ROOT / "rubrics", SECOND, ROOT / "tests" / "data" / "fresh" / "rubrics"]
    found = next(f / f"{rubric}.yaml" for f in folders if (f / f"{rubric}.yaml").exists())
    report = engine.grade(path.read_text(encoding="utf-8"), read_rubric_file(found))
    assert "off-topic" in {w.code for w in report.warnings} and report.mark == 0 and report.coverage == 0


@pytest.mark.parametrize("path", UNRELATED, ids=lambda p: p.stem)
def test_an_off_topic_answer_to_a_question_asking_no_judgement_is_told_of_none(engine, path):
    """Walk 47: an off-topic answer to an "explain" question read "Judgement: ✘ none", beside
    "n/a" for every other answer: the question asks for no judgement, so none is missing."""
    rubric = read_rubric_file(ROOT / "tests" / "data" / "teacher" / "chem-factors.yaml")
    report = engine.grade(path.read_text(encoding="utf-8"), rubric)
    assert "off-topic" in {w.code for w in report.warnings}
    assert (report.judgement, report.judgement_sentence) == ("n/a", None)
