"""The shipped rubrics: one per seed exam question, grounded in the seeds, valid."""
import re

import pytest
from conftest import ROOT

from essaycoach.loaders import load_seeds, read_rubric_file

FILES = sorted((ROOT / "rubrics").glob("*.yaml"))
EVALUATIVE = re.compile(r"to what extent|assess|evaluate|how far", re.IGNORECASE)


def test_at_least_twelve_rubrics():
    assert len(FILES) >= 12


def test_every_seed_exam_question_has_a_rubric(all_rubrics):
    questions = {" ".join(r.question.replace("\u2019", "'").split()) for r in all_rubrics}
    expected = [
        "How did de-Stalinization impact the political landscape",
        "In what ways did Khrushchev's 'Secret Speech' serve as a catalyst",
        "Evaluate how de-Stalinization affected not only Soviet domestic policy",
        "To what extent was Stalin's success in the power struggle after Lenin's death due to Trotsky's errors",
        "Why did Stalin gain power from 1924?",
        "To what extent was Stalin's emergence as leader of the USSR due to his own machinations?",
        "Assess the role of political manoeuvring, propaganda and violence",
        "Analyse the factors that motivated Stalin's collectivisation",
        "Evaluate the extent to which Stalin's Great Purge was a necessary measure",
        "Discuss the consequences of Stalin's totalitarian regime",
    ]
    for start in expected:
        assert any(q.startswith(start) for q in questions), start
    assert any(r.source.startswith("001") for r in all_rubrics)
    assert any(r.source.startswith("002") for r in all_rubrics)


@pytest.mark.parametrize("path", FILES, ids=[f.stem for f in FILES])
def test_rubric_is_valid_and_grounded(path):
    rubric = read_rubric_file(path)
    seeds = load_seeds(ROOT / "seeds")
    assert rubric.id == path.stem
    assert len(rubric.points) >= 8
    assert all(p.source is not None for p in rubric.points)
    for p in rubric.points:
        assert seeds[p.source.file].splitlines()[p.source.line - 1].strip()
    if EVALUATIVE.search(rubric.question):
        assert rubric.evaluative, "evaluative questions need for and against points"
    assert rubric.levels[-1].high == rubric.marks
