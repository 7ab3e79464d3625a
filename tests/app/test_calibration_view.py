"""The "Calibrate to my marking" panel, driven through AppTest with dev-set essays as a
teacher's marking and a temporary copy of the shipped rubrics."""
from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from essaycoach.calibrate import TeacherLabel
from essaycoach.evaluation import load_labelled
from essaycoach.loaders import calibration_path, load_rubric

ROOT = Path(__file__).resolve().parents[2]


def _panel(rubric_id: str, labels: list) -> None:
    import streamlit as st

    from app_pages.calibration_view import render_calibration
    from essaycoach.loaders import load_rubric

    st.selectbox("Student", [l.student for l in labels] or ["-"], key="class_student")
    render_calibration(load_rubric(rubric_id), labels, open_key="class_student")


@pytest.fixture()
def rubric_dir(rubric_copy) -> Path:
    return rubric_copy


def _labels(prompt: str, n: int) -> list[TeacherLabel]:
    rubric = load_rubric(prompt, ROOT / "rubrics")
    mid = {b.level: (b.low + b.high) // 2 for b in rubric.levels}
    essays = load_labelled(ROOT / "tests" / "data" / "devset" / f"{prompt}.yaml")[:n]
    return [TeacherLabel(e.student, e.text, dict(e.labels), mid.get(e.level, 0)) for e in essays]


def _app(labels: list[TeacherLabel], prompt: str = "trotsky-errors") -> AppTest:
    at = AppTest.from_function(_panel, args=(prompt, labels), default_timeout=120)
    return at.run()


def test_too_few_marked_essays_cannot_be_fitted(rubric_dir):
    at = _app(_labels("trotsky-errors", 3))
    assert not at.exception
    assert at.button(key="calib_fit").disabled
    assert "Not calibrated" in at.info[0].value


def test_fit_saves_a_calibration_and_shows_agreement_before_and_after(rubric_dir):
    prompt = "destalinization-causes"  # a prompt whose learnt wordings help its held-out folds
    at = _app(_labels(prompt, 11), prompt)
    at.button(key="calib_fit").click().run()
    assert not at.exception
    assert calibration_path(prompt, rubric_dir).is_file()
    assert "Calibrated to your marking of 11 essays" in at.success[0].value
    table = at.dataframe[0].value
    assert {"precision before", "recall after"} <= set(table.columns)
    assert table["point"].iloc[-1] == "all points (micro)"
    assert len(table) == len(load_rubric(prompt, rubric_dir).points) + 1
    # Every disagreement names a student of the set, and "Open" selects that student's essay.
    students = {l.student for l in _labels(prompt, 11)}
    lines = [t.value for t in at.text if "; engine " in t.value]
    assert lines and all(line.split(" · ")[0] in students for line in lines)
    at.button(key="calib_open_0").click().run()
    assert at.selectbox(key="class_student").value == lines[0].split(" · ")[0]


def test_remove_goes_back_to_the_defaults(rubric_dir):
    at = _app(_labels("trotsky-errors", 11))
    at.button(key="calib_fit").click().run()
    assert calibration_path("trotsky-errors", rubric_dir).is_file()
    at.button(key="calib_remove").click().run()
    assert not at.exception
    assert not calibration_path("trotsky-errors", rubric_dir).exists()


def test_a_damaged_calibration_file_is_reported_not_a_traceback(rubric_dir):
    path = calibration_path("trotsky-errors", rubric_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("rubric: trotsky-errors\npoints: [oops\n", encoding="utf-8")
    at = _app(_labels("trotsky-errors", 11))
    assert not at.exception
    assert "cannot be used" in at.error[0].value
    at.button(key="calib_remove_damaged").click().run()
    assert not path.exists()


def test_the_wordings_learnt_are_listed_and_one_can_be_removed(rubric_dir):
    from essaycoach.loaders import load_calibration

    at = _app(_labels("destalinization-causes", 11), "destalinization-causes")
    at.button(key="calib_fit").click().run()
    assert not at.exception
    learnt = load_calibration("destalinization-causes", rubric_dir).exemplars
    assert learnt  # this prompt's held-out essays keep the wordings (tests/test_learning.py)
    shown = [t.value for t in at.text if any(f" · {kind}" in t.value for kind in ("credited", "confirmed", "rejected"))]
    assert len(shown) == len(learnt) and learnt[0].sentence in shown[0]
    kinds = [e.kind for e in learnt]
    title = ", ".join(f"{kinds.count(k)} {k}" for k in ("credited", "confirmed", "rejected") if k in kinds)
    assert f"Wordings learnt from your marking ({title})" in [e.label for e in at.expander]
    at.button(key="calib_wording_0").click().run()
    assert not at.exception
    assert load_calibration("destalinization-causes", rubric_dir).exemplars == learnt[1:]


def test_a_fit_that_kept_the_defaults_says_so_rather_than_calibrated(rubric_dir):
    """A fit whose learnt versions all marked held-out essays worse keeps the defaults: the panel
    must not say "Calibrated" beside "no wordings learnt" (the teacher did credit wordings)."""
    from essaycoach.calibrate import DEFAULTS_KEPT
    from essaycoach.loaders import save_calibration
    from essaycoach.thresholds import Calibration, Thresholds

    rubric = load_rubric("trotsky-errors", rubric_dir)
    save_calibration(Calibration(rubric.id, tuple((p.id, Thresholds()) for p in rubric.points),
                                 tuple((p.id, p.weight) for p in rubric.points), 8, "**today** <img src=x>",
                                 note=DEFAULTS_KEPT), rubric_dir)
    at = _app(_labels("trotsky-errors", 8))
    assert not at.exception and not at.success
    assert any("defaults were kept" in i.value and "8 essays" in i.value for i in at.info)
    assert any("\\*\\*today\\*\\* \\<img" in i.value for i in at.info)   # the stored date is text, escaped
    assert not any("No wordings learnt" in c.value for c in at.caption)
