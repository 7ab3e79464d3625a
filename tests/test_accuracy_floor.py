"""Accuracy on the labelled dev set may not silently regress (figures: bench/accuracy.py)."""
from conftest import ROOT

from essaycoach.evaluation import evaluate, load_labelled

DEVSET = ROOT / "tests" / "data" / "devset"


def test_devset_has_enough_labelled_essays():
    files = sorted(DEVSET.glob("*.yaml"))
    essays = [e for f in files for e in load_labelled(f)]
    assert len(files) >= 3 and len(essays) >= 30
    assert all(e.labels for e in essays)
    kinds = {e.kind for e in essays}
    assert {"strong", "misspelt", "paraphrase", "off-topic", "keywords", "one-sided"} <= kinds


def test_accuracy_floor(engine):
    overall, per_prompt, _ = evaluate(engine, sorted(DEVSET.glob("*.yaml")), ROOT / "rubrics")
    assert overall.micro_f1 >= 0.80, overall
    assert overall.micro_precision >= 0.75 and overall.micro_recall >= 0.75
    assert overall.level_within_one >= 0.90
    assert overall.qwk >= 0.80
    assert min(a.micro_f1 for a in per_prompt.values()) >= 0.70
