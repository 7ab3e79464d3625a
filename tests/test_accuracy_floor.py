"""Accuracy on the labelled dev set may not silently regress (figures: bench/accuracy.py)."""
import importlib.util

from conftest import ROOT

spec = importlib.util.spec_from_file_location("accuracy", ROOT / "bench" / "accuracy.py")
accuracy = importlib.util.module_from_spec(spec)
spec.loader.exec_module(accuracy)


def test_devset_has_enough_labelled_essays():
    from essaycoach.evaluation import load_labelled

    files = sorted((ROOT / "tests" / "data" / "devset").glob("*.yaml"))
    essays = [e for f in files for e in load_labelled(f)]
    assert len(files) >= 3 and len(essays) >= 30
    assert all(e.labels for e in essays)
    kinds = {e.kind for e in essays}
    assert {"strong", "misspelt", "paraphrase", "off-topic", "keywords", "one-sided"} <= kinds


def test_accuracy_floor(engine):
    overall, per_prompt, _ = accuracy.evaluate(engine)
    assert overall.micro_f1 >= 0.80, overall
    assert overall.micro_precision >= 0.75 and overall.micro_recall >= 0.75
    assert overall.level_within_one >= 0.90
    assert overall.qwk >= 0.80
    assert min(a.micro_f1 for a in per_prompt.values()) >= 0.70
