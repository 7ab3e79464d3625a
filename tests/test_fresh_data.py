"""The out-of-sample set (tests/data/fresh/, read by bench/fresh.py) stays usable: every rubric
validates, and every answer labels exactly its rubric's points."""
import pytest
from conftest import ROOT

from essaycoach.loaders import load_all_rubrics
from essaycoach.safeio import load_yaml_text

FRESH = ROOT / "tests" / "data" / "fresh"
FILES = sorted(FRESH.glob("*.yaml"))


def test_every_fresh_rubric_validates():
    rubrics, problems = load_all_rubrics(FRESH / "rubrics")
    assert not problems and {r.id for r in rubrics} == {p.stem for p in FILES}


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_every_answer_labels_exactly_its_rubrics_points(path):
    rubrics = {r.id: r for r in load_all_rubrics(FRESH / "rubrics")[0]}
    data = load_yaml_text(path.read_text(encoding="utf-8"))
    ids = {p.id for p in rubrics[data["prompt"]].points}
    assert data["essays"] and all(set(e["labels"]) == ids and e["kind"] in ("genuine", "probe") and e["text"].strip()
                                  for e in data["essays"])
