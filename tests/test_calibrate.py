"""Calibration to a teacher's marking, on the real dev set and shipped rubrics."""
import csv
import io
import re
from dataclasses import replace

import pytest
import yaml
from conftest import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from essaycoach.calibrate import (
    MIN_ESSAYS,
    THRESHOLD_RANGE,
    WEIGHT_RANGE,
    Calibration,
    TeacherLabel,
    agreement_with,
    calibrate,
    fit_calibration,
    labels_from_inputs,
    level_of_mark,
)
from essaycoach.engine import Thresholds
from essaycoach.errors import CalibrationError
from essaycoach.evaluation import load_labelled
from essaycoach.inputs import EssayInput, essays_from_csv
from essaycoach.loaders import calibration_path, delete_calibration, load_calibration, load_rubric, save_calibration
from essaycoach.thresholds import calibration_from_dict, calibration_to_dict

DEVSET = ROOT / "tests" / "data" / "devset"
PROMPTS = sorted(p.stem for p in DEVSET.glob("*.yaml"))
DEFAULT = Thresholds()


def dev_labels(prompt):
    """The prompt's rubric and its dev essays as a teacher marked them: the dev point labels and
    a mark in the middle of the teacher's level band."""
    rubric = load_rubric(prompt, ROOT / "rubrics")
    mid = {b.level: (b.low + b.high) // 2 for b in rubric.levels}
    return rubric, [TeacherLabel(e.student, e.text, dict(e.labels), mid.get(e.level, 0))
                    for e in load_labelled(DEVSET / f"{prompt}.yaml")]


def marked_csv(rubric, labels):
    """A teacher's marked CSV: student, essay, a 0/1 column per point id and a mark column."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["student", "essay", *(p.id for p in rubric.points), "mark"])
    for label in labels:
        writer.writerow([label.student, label.text, *(label.points.get(p.id, "") for p in rubric.points),
                         "" if label.mark is None else label.mark])
    return out.getvalue()


@pytest.fixture(scope="module")
def dev(engine):
    """{prompt: (rubric, dev labels, uncalibrated reports)}."""
    out = {}
    for prompt in PROMPTS:
        rubric, labels = dev_labels(prompt)
        out[prompt] = (rubric, labels, engine.grade_many([(l.student, l.text) for l in labels], rubric))
    return out


def engine_labels(labels, reports, marks=False):
    """Labels of a teacher who agrees with the engine: its own covered statuses (and marks)."""
    return [replace(l, points={p.id: int(p.status == "covered") for p in r.points},
                    mark=r.mark if marks else None) for l, r in zip(labels, reports)]


def assert_in_ranges(cal, rubric):
    base = {p.id: p.weight for p in rubric.points}
    assert [pid for pid, _ in cal.thresholds] == [pid for pid, _ in cal.weights] == list(base)
    for pid, th in cal.thresholds:
        assert THRESHOLD_RANGE[0] <= th.covered <= THRESHOLD_RANGE[1], pid
        assert 0 < th.partial < th.covered, pid
    for pid, w in cal.weights:
        assert WEIGHT_RANGE[0] * base[pid] - 1e-3 <= w <= WEIGHT_RANGE[1] * base[pid] + 1e-3, pid


# --- fit_calibration ----------------------------------------------------------------------------

@pytest.mark.parametrize("n", range(MIN_ESSAYS))
def test_too_few_labels_are_refused(dev, n):
    rubric, labels, reports = dev["trotsky-errors"]
    with pytest.raises(CalibrationError, match=rf"at least {MIN_ESSAYS} marked essays.*got {n}\b"):
        fit_calibration(reports[:n], labels[:n], rubric)


@pytest.mark.parametrize("prompt", PROMPTS)
def test_a_teacher_who_agrees_keeps_the_defaults(dev, prompt):
    rubric, labels, reports = dev[prompt]
    cal = fit_calibration(reports, engine_labels(labels, reports), rubric, fitted_at="2024-05-01T09:00:00")
    assert (cal.rubric, cal.essays, cal.fitted_at) == (prompt, len(labels), "2024-05-01T09:00:00")
    for pid, th in cal.thresholds:
        assert abs(th.covered - DEFAULT.covered) <= 0.1, pid
        assert th.covered - th.partial == pytest.approx(DEFAULT.covered - DEFAULT.partial, abs=1e-3)
    assert cal.weight_map() == {p.id: p.weight for p in rubric.points}  # no marks: the rubric's own


@pytest.mark.parametrize("prompt", PROMPTS)
def test_a_teacher_who_agrees_on_marks_too_keeps_thresholds_and_ranges(dev, prompt):
    rubric, labels, reports = dev[prompt]
    cal = fit_calibration(reports, engine_labels(labels, reports, marks=True), rubric)
    assert all(abs(th.covered - DEFAULT.covered) <= 0.1 for _, th in cal.thresholds)
    assert_in_ranges(cal, rubric)
    assert sum(cal.weight_map().values()) == pytest.approx(sum(p.weight for p in rubric.points), rel=0.02)


@pytest.mark.parametrize("prompt", PROMPTS)
def test_a_teacher_who_agrees_on_marks_too_keeps_weights_near_the_rubric(dev, prompt):
    rubric, labels, reports = dev[prompt]
    cal = fit_calibration(reports, engine_labels(labels, reports, marks=True), rubric)
    base = {p.id: p.weight for p in rubric.points}
    far = {pid: round(w / base[pid], 2) for pid, w in cal.weights if not 0.8 <= w / base[pid] <= 1.25}
    assert not far


def moved(rubric, labels, reports, low, high, verdict):
    """The point with most essays scoring in [low, high), and labels that give those ``verdict``."""
    i = max(range(len(rubric.points)), key=lambda i: sum(low <= r.points[i].score < high for r in reports))
    pid = rubric.points[i].id
    changed = [replace(l, points={**l.points, pid: verdict}) if low <= r.points[i].score < high else l
               for l, r in zip(labels, reports)]
    assert sum(c is not l for c, l in zip(changed, labels)) >= 3
    return pid, changed


@pytest.mark.parametrize("prompt", PROMPTS)
@pytest.mark.parametrize("teacher, low, high, verdict", [
    ("stricter", DEFAULT.covered, DEFAULT.covered + 0.2, 0),   # "not made" where the engine says covered
    ("lenient", DEFAULT.covered - 0.16, DEFAULT.covered, 1),   # "made" where the engine says not
])
def test_a_teacher_who_differs_on_one_point_moves_that_threshold(dev, prompt, teacher, low, high, verdict):
    rubric, labels, reports = dev[prompt]
    pid, labels = moved(rubric, engine_labels(labels, reports), reports, low, high, verdict)
    cal = fit_calibration(reports, labels, rubric)
    th = cal.threshold_map()
    others = [t.covered for k, t in th.items() if k != pid]
    if teacher == "stricter":
        assert th[pid].covered > DEFAULT.covered + 0.04 and th[pid].covered > max(others)
    else:
        assert th[pid].covered < DEFAULT.covered - 0.04 and th[pid].covered < min(others)
    assert_in_ranges(cal, rubric)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_any_marking_stays_within_the_ranges(dev, data):
    prompt = data.draw(st.sampled_from(PROMPTS))
    rubric, labels, reports = dev[prompt]
    ids = [p.id for p in rubric.points]
    verdict = st.dictionaries(st.sampled_from(ids), st.integers(0, 1))
    mark = st.one_of(st.none(), st.integers(0, rubric.marks))
    drawn = [replace(l, points=data.draw(verdict), mark=data.draw(mark)) for l in labels]
    assert_in_ranges(fit_calibration(reports, drawn, rubric), rubric)


@pytest.mark.parametrize("points", [0, 1])
def test_a_teacher_who_ticks_everything_or_nothing_hits_the_range_not_beyond(dev, points):
    rubric, labels, reports = dev["purge-necessary"]
    labels = [replace(l, points=dict.fromkeys(l.points, points)) for l in labels]
    cal = fit_calibration(reports, labels, rubric)
    assert_in_ranges(cal, rubric)
    mean = sum(th.covered for _, th in cal.thresholds) / len(cal.thresholds)
    assert mean > DEFAULT.covered + 0.05 if points == 0 else mean < DEFAULT.covered - 0.05


@pytest.mark.parametrize("prompt", PROMPTS)
def test_level_of_mark_inverts_the_bands(prompt):
    rubric = load_rubric(prompt, ROOT / "rubrics")
    for band in rubric.levels:
        assert {level_of_mark(rubric, m) for m in range(band.low, band.high + 1)} == {band.level}
    assert level_of_mark(rubric, 0) == 0 and level_of_mark(rubric, rubric.marks + 5) == len(rubric.levels)


# --- calibrate(): honest before/after figures ---------------------------------------------------

@pytest.fixture(scope="module")
def results(engine, dev):
    return {prompt: calibrate(engine, rubric, labels, fitted_at="2024-05-01T09:00:00")
            for prompt, (rubric, labels, _) in dev.items()}


@pytest.mark.parametrize("prompt", PROMPTS)
def test_calibrate_reports_held_out_agreement(results, dev, prompt):
    rubric, labels, reports = dev[prompt]
    result = results[prompt]
    assert result.folds >= 2 and result.levels_compared == len(labels)
    assert result.calibration.essays == len(labels)
    assert_in_ranges(result.calibration, rubric)
    assert result.before == agreement_with(reports, labels, rubric)  # the uncalibrated engine
    for ag in (result.before, result.after):
        assert ag.essays == len(labels)
        figures = (ag.micro_precision, ag.micro_recall, ag.micro_f1, ag.level_exact, ag.level_within_one)
        assert all(0.0 <= f <= 1.0 for f in figures) and -1.0 <= ag.qwk <= 1.0
        assert {p.id for p in ag.points} == {p.id for p in rubric.points}
        assert all(p.tp + p.fp + p.fn + p.tn == len(labels) for p in ag.points)


@pytest.mark.parametrize("prompt", PROMPTS)
def test_disagreements_name_real_points_and_sentences(results, dev, prompt):
    rubric, labels, _ = dev[prompt]
    texts = {l.student: l.text for l in labels}
    ids = {p.id for p in rubric.points} | {"(level)"}
    result = results[prompt]
    assert result.disagreements
    for d in result.disagreements:
        assert d.student in texts and d.point in ids
        if d.sentence is not None:
            assert d.sentence in texts[d.student]
        if d.point == "(level)":
            assert re.fullmatch(r"(level [1-9]|below level 1) \(mark \d+\)", d.teacher) and d.score is None
            assert re.fullmatch(r"(level [1-9]|below level 1) \(mark \d+\)", d.engine)
        else:
            assert d.teacher in ("made", "not made") and 0.0 <= d.score <= 1.0


def test_calibrate_is_deterministic(engine, dev, results):
    rubric, labels, _ = dev["trotsky-errors"]
    again = calibrate(engine, rubric, labels, fitted_at="2024-05-01T09:00:00")
    assert again == results["trotsky-errors"]


@pytest.mark.parametrize("prompt", PROMPTS)
def test_a_teacher_who_agrees_gets_perfect_before_figures(engine, dev, prompt):
    rubric, labels, reports = dev[prompt]
    result = calibrate(engine, rubric, engine_labels(labels, reports, marks=True))
    assert (result.before.micro_f1, result.before.level_exact) == (1.0, 1.0)
    assert result.after.micro_f1 >= 0.95 and result.after.level_within_one == 1.0


@pytest.mark.parametrize("n", [MIN_ESSAYS, MIN_ESSAYS + 1, MIN_ESSAYS + 2])
def test_calibrate_accepts_the_minimum_sample(engine, dev, n):
    rubric, labels, _ = dev["trotsky-errors"]
    assert calibrate(engine, rubric, labels[:n]).calibration.essays == n


# --- marking with a calibration -----------------------------------------------------------------

def test_grade_with_a_calibration_uses_its_thresholds_and_weights(engine, dev):
    rubric, labels, reports = dev["trotsky-errors"]
    pids = [p.id for p in rubric.points]
    strict = Calibration(rubric.id, tuple((pid, Thresholds(0.7, 0.55)) for pid in pids),
                         tuple((pid, 2.0 if i % 2 else 0.5) for i, pid in enumerate(pids)), 10, "")
    for label, plain in zip(labels, reports):
        report = engine.grade(label.text, rubric, label.student, calibration=strict)
        assert report.calibrated and not plain.calibrated
        assert [p.weight for p in report.points] == [2.0 if i % 2 else 0.5 for i in range(len(pids))]
        off_topic = "off-topic" in {w.code for w in report.warnings}  # the dev set's answer to another question
        for p, q in zip(report.points, plain.points):
            assert p.score == q.score
            by_score = "covered" if p.score >= 0.7 else "partial" if p.score >= 0.55 else "missing"
            # the engine's second look may take a step back (pointcheck: a credit to partial, a
            # partial that touches on nothing to missing, a credit whose words are another point's
            # to missing), never raise it
            stepped_back = {("covered", "partial"), ("partial", "missing"), ("covered", "missing")}
            assert p.status == by_score or (by_score, p.status) in stepped_back or (off_topic and p.status == "missing")
        assert report.coverage <= plain.coverage + 0.15


def test_grade_many_with_a_fitted_calibration_matches_grade(engine, dev, results):
    rubric, labels, _ = dev["trotsky-errors"]
    cal = results["trotsky-errors"].calibration
    many = engine.grade_many([(l.student, l.text) for l in labels], rubric, calibration=cal)
    assert many == [engine.grade(l.text, rubric, l.student, calibration=cal) for l in labels]
    assert all(r.calibrated for r in many)
    assert [p.weight for p in many[0].points] == [w for _, w in cal.weights]


# --- storage ----------------------------------------------------------------------------------

def test_save_load_delete_round_trip(tmp_path, results):
    cal = results["purge-necessary"].calibration
    assert load_calibration(cal.rubric, tmp_path) is None
    path = save_calibration(cal, tmp_path)
    assert path == calibration_path(cal.rubric, tmp_path)
    assert path == tmp_path / ".calibration" / "purge-necessary.yaml"
    assert load_calibration(cal.rubric, tmp_path) == cal
    assert calibration_from_dict(calibration_to_dict(cal)) == cal
    assert delete_calibration(cal.rubric, tmp_path) and not path.exists()
    assert not delete_calibration(cal.rubric, tmp_path) and load_calibration(cal.rubric, tmp_path) is None


@pytest.mark.parametrize("content", [
    "rubric: trotsky-errors\npoints: {testament: [unclosed\n",   # not YAML
    "- just\n- a list\n",                                        # not a mapping
    "rubric: trotsky-errors\npoints:\n  testament: {covered: high, partial: 0.3, weight: 1}\n",
    "rubric: trotsky-errors\npoints:\n  testament: {covered: 0.5, partial: 0.3}\n",
    b"\xff\xfe\x00garbage",
])
def test_damaged_calibration_file_names_the_file(tmp_path, content):
    path = calibration_path("trotsky-errors", tmp_path)
    path.parent.mkdir()
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    with pytest.raises(CalibrationError, match=r"trotsky-errors\.yaml"):
        load_calibration("trotsky-errors", tmp_path)


@pytest.mark.parametrize("entry, problem", [
    ({"covered": 0.4, "partial": 0.5, "weight": 1.0}, "partial <= covered"),
    ({"covered": 1.2, "partial": 0.5, "weight": 1.0}, "covered <= 1"),
    ({"covered": 0.5, "partial": 0.3, "weight": 0.0}, "0 < weight"),
    ({"covered": 0.5, "partial": 0.3, "weight": 11}, "weight <= 10"),
    ({"covered": "x", "partial": 0.3, "weight": 1.0}, "numeric"),
])
def test_calibration_from_dict_rejects_bad_points(entry, problem):
    with pytest.raises(CalibrationError, match=rf"stored\.yaml: points\.testament .*{problem}"):
        calibration_from_dict({"rubric": "trotsky-errors", "points": {"testament": entry}}, "stored.yaml")


@pytest.mark.parametrize("data", [None, [], {"points": {}}, {"rubric": "x"}, {"rubric": "x", "points": []}])
def test_calibration_from_dict_rejects_other_shapes(data):
    with pytest.raises(CalibrationError, match="expected a mapping with 'rubric' and 'points'"):
        calibration_from_dict(data)


def test_calibration_from_dict_rejects_no_points():
    with pytest.raises(CalibrationError, match="'points' is empty"):
        calibration_from_dict({"rubric": "trotsky-errors", "points": {}}, "stored.yaml")


def test_a_calibration_without_weights_still_marks_the_report_calibrated(engine, dev):
    rubric, labels, _ = dev["trotsky-errors"]
    bare = Calibration(rubric.id, tuple((p.id, DEFAULT) for p in rubric.points), (), 5, "")
    assert engine.grade(labels[0].text, rubric, calibration=bare).calibrated


# --- labels from a marked CSV -------------------------------------------------------------------

def test_labels_from_the_dev_set_csv_round_trip(dev):
    rubric, labels, _ = dev["cult-propaganda"]
    parsed = labels_from_inputs(essays_from_csv(marked_csv(rubric, labels), "marked.csv"), rubric)
    assert [(l.student, l.text.strip(), dict(l.points), l.mark) for l in parsed] == \
           [(l.student, l.text.strip(), dict(l.points), l.mark) for l in labels]


def test_labels_parse_yes_no_blank_and_marks(trotsky):
    text = ("student,essay,testament,Funeral,general-secretary,red-army-fear,mark,teacher notes\n"
            "Amy,Trotsky missed the funeral.,1,yes,,no,18,good\n"
            "Ben,Stalin was gen sec.,0,No,Y,partial,7.0,\n"
            "Cat,Stalin won.,,,,,,nothing marked\n"
            "Dan,Trotsky was arrogant.,,,,,3,\n"
            "Eve,,1,1,1,1,1,empty essay\n")
    labels = labels_from_inputs(essays_from_csv(text, "marked.csv"), trotsky)
    assert [(l.student, dict(l.points), l.mark) for l in labels] == [
        ("Amy", {"testament": 1, "funeral": 1, "red-army-fear": 0}, 18),
        ("Ben", {"testament": 0, "funeral": 0, "general-secretary": 1, "red-army-fear": 0}, 7),
        ("Dan", {}, 3),
    ]


@pytest.mark.parametrize("row, message", [
    ("Amy,Some essay.,maybe,",
     r"marked\.csv:3: column 'testament' should be 1 \(made\) or 0 \(not made\), not 'maybe'"),
    ("Amy,Some essay.,1,lots", r"marked\.csv:3: mark 'lots' should be a whole number from 0 to 25"),
    ("Amy,Some essay.,1,26", r"marked\.csv:3: mark '26' should be a whole number from 0 to 25"),
])
def test_a_bad_value_names_row_and_column(trotsky, row, message):
    text = f"student,essay,testament,mark\nZed,Fine essay.,1,10\n{row}\n"
    with pytest.raises(CalibrationError, match=message):
        labels_from_inputs(essays_from_csv(text, "marked.csv"), trotsky)


def test_no_label_columns_lists_the_point_ids(trotsky):
    text = "student,essay,grade\nAmy,Some essay.,A\n"
    with pytest.raises(CalibrationError) as info:
        labels_from_inputs(essays_from_csv(text, "marked.csv"), trotsky)
    message = str(info.value)
    assert "no marked essays" in message and "other columns found: grade" in message
    assert all(p.id in message for p in trotsky.points)


def test_yaml_of_a_fitted_calibration_is_plain_data(results):
    data = calibration_to_dict(results["trotsky-errors"].calibration)
    assert yaml.safe_load(yaml.safe_dump(data)) == data
    assert set(data["points"]["testament"]) == {"covered", "partial", "weight"}


@pytest.mark.parametrize("columns, message", [
    ((("testamnet", "1"), ("mark", "12")), "column 'testamnet' is not a point of trotsky-errors; did you mean "
                                           "'testament'?"),
    ((("testament", "1"), ("Testament", "0")), "the column for point 'testament' appears 2 times"),
])
def test_a_marked_csv_whose_point_columns_would_be_misread_is_refused(trotsky, columns, message):
    """A misspelt point column had been left out without a word; a doubled one had let the last win."""
    essays = [EssayInput(f"s{i}", "Trotsky was arrogant.", "marked.csv", None, columns) for i in range(5)]
    with pytest.raises(CalibrationError, match=re.escape(message)):
        labels_from_inputs(essays, trotsky)


def test_columns_of_ones_own_beside_the_points_are_fine(trotsky):
    essays = [EssayInput("s", "Trotsky was arrogant.", "marked.csv", None,
                         (("testament", "1"), ("teacher", "Ms Patel"), ("date", "2026-12-01")))]
    assert labels_from_inputs(essays, trotsky)[0].points == {"testament": 1}
