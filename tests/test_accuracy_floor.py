"""Accuracy on the labelled dev set may not silently regress (figures: bench/accuracy.py)."""
from conftest import ROOT

from essaycoach.evaluation import compare_rubrics, evaluate, load_labelled

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


def test_half_credits_go_to_points_the_essay_touches(engine):
    """Counting "partial" as made, agreement may not fall back: a sentence about one point had
    earned half of another point sharing its words (precision 0.725 then)."""
    overall, _, _ = evaluate(engine, sorted(DEVSET.glob("*.yaml")), ROOT / "rubrics", count_partial=True)
    assert overall.micro_precision >= 0.74 and overall.micro_f1 >= 0.83, overall


def test_levels_use_the_whole_scale(engine):
    """Issue 10 item 10: the level comes from coverage, balance, judgement and development
    together, and reaches every level the teachers gave (0 for off-topic to 5)."""
    overall, _, rows = evaluate(engine, sorted(DEVSET.glob("*.yaml")), ROOT / "rubrics")
    # 0.68: 30 of 44 (a spurious half-credit that had held one essay at level 3 is gone; issue 10 asks 0.65)
    assert overall.level_exact >= 0.68 and overall.level_within_one >= 0.95
    assert {report.level for _, report in rows} == {essay.level for essay, _ in rows} == set(range(6))


def test_a_teachers_own_rubrics_keep_most_of_the_accuracy(engine):
    """bench/generalise.py's figures may not silently regress: the dev essays under rubrics
    written independently of the shipped ones (other wording, no topic, no citations)."""
    rows = compare_rubrics(engine, DEVSET, ROOT / "tests" / "data" / "generalise", ROOT / "rubrics")

    def f1(which: str) -> float:
        tp, fp, fn = (sum(getattr(s, f) for c in rows for s in getattr(c, which).points) for f in ("tp", "fp", "fn"))
        return 2 * tp / (2 * tp + fp + fn)
    assert f1("second") >= 0.75
    # Issue 10's target: a gain on the shipped rubrics alone is tuning to their wording.
    assert f1("shipped") - f1("second") <= 0.03
    assert all(c.second.level_within_one >= 0.9 for c in rows)
    assert not [e for c in rows for e in c.off_topic]


def test_answers_on_subjects_the_notes_do_not_cover_keep_their_accuracy(engine):
    """bench/subjects.py's figures may not silently regress: literature, geography, biology and
    economics answers (present-tense science and bullet notes among them) under teachers' rubrics."""
    subjects = ROOT / "tests" / "data" / "subjects"
    overall, per_rubric, _ = evaluate(engine, sorted(subjects.glob("*.yaml")), subjects / "rubrics")
    assert overall.essays >= 30 and len(per_rubric) == 4
    assert overall.micro_f1 >= 0.80 and overall.level_within_one >= 0.90, overall


def test_held_out_essays_keep_their_accuracy(engine):
    """bench/accuracy.py's held-out figures (essays written after the rules were set) may not
    silently regress: strong, average and plain-English essays on the four prompts."""
    holdout = ROOT / "tests" / "data" / "holdout"
    overall, per_prompt, _ = evaluate(engine, sorted(holdout.glob("*.yaml")), ROOT / "rubrics")
    assert overall.essays == 12 and len(per_prompt) == 4
    assert overall.micro_f1 >= 0.80 and overall.micro_precision >= 0.85 and overall.level_within_one >= 0.90, overall
