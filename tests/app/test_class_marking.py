"""The class-marking page driven through AppTest (pasted CSV, as AppTest cannot upload files),
with the shipped rubrics, the real engine and a fresh database per test."""
from __future__ import annotations

from contextlib import closing
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from essaycoach import classes as cls

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "app_pages" / "class_marking.py"
CLASS_CSV = (ROOT / "examples" / "class.csv").read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def folders(rubric_copy) -> Path:
    return rubric_copy


def _mark(csv_text: str, rubric: str = "trotsky-errors", name: str = "12B mock") -> AppTest:
    at = AppTest.from_file(str(PAGE), default_timeout=120).run()
    assert not at.exception
    at.selectbox(key="class_rubric").select(rubric)
    at.text_input(key="class_name").input(name)
    at.text_area(key="class_paste").input(csv_text)
    return at.button(key="class_mark").click().run()


def _students(with_essays: bool = False) -> list[str]:
    import csv
    import io
    return [r["student"] for r in csv.DictReader(io.StringIO(CLASS_CSV)) if r["essay"].strip() or not with_essays]


def test_a_class_csv_gives_the_table_the_charts_and_the_downloads():
    at = _mark(CLASS_CSV)
    assert not at.exception and not at.error
    table = at.dataframe[0].value
    assert list(table["student"]) == _students()
    marked = table[table["error"] == ""]
    assert list(marked["student"]) == _students(with_essays=True)
    assert marked["mark"].between(0, 25).all() and marked["level"].between(0, 5).all()
    assert {"teacher_mark", "coverage", "warnings", "check this"} <= set(table.columns)
    assert "Results: 12B mock" in [s.value for s in at.subheader]
    labels = {b.label for b in at.get("download_button")}
    assert {"Marks table (CSV)", "Marks table (Excel)", "Feedback for each student (zip of HTML)"} <= labels
    assert len(at.get("arrow_vega_lite_chart")) >= 2 or len(at.get("vega_lite_chart")) >= 2


def test_wrong_columns_are_named_and_nothing_is_stored(folders):
    at = _mark("name,answerz\nAmy,Trotsky missed the funeral.\n")
    assert not at.exception
    assert any("'answerz'" in e.value and "student" in e.value for e in at.error)
    with closing(cls.open_db()) as db:
        assert cls.list_sets(db) == []


def test_a_bad_row_is_reported_and_the_others_are_marked():
    at = _mark(CLASS_CSV.rstrip("\n") + "\nNobody,\n")
    assert not at.exception
    assert any("Nobody (empty essay)" in w.value for w in at.warning)
    table = at.dataframe[0].value
    assert table.loc[table["student"] == "Nobody", "error"].item() == "empty essay"
    assert table["mark"].notna().sum() == len(_students(with_essays=True))


def test_an_override_is_stored_and_shown_beside_the_engine():
    at = _mark(CLASS_CSV)
    student = _students()[0]
    at.selectbox(key="class_student").select(student)
    at.run()
    engine_status = at.selectbox(key="class_ovr_funeral").label
    at.selectbox(key="class_ovr_funeral").select("missing")
    at.text_input(key="class_ovr_mark").input("11")
    at.text_input(key="class_ovr_reason").input("names the funeral but not why it mattered")
    at.button(key="class_ovr_save").click().run()
    assert not at.exception and not at.error
    with closing(cls.open_db()) as db:
        [set_] = cls.list_sets(db)
        mine = cls.overrides(db, set_.id)[0]
    assert mine["funeral"].value == "missing" and mine[cls.MARK].value == "11"
    note = next(i.value for i in at.info if "→ you" in i.value)
    assert "**funeral**: engine" in note and "→ you: missing (names the funeral" in note
    assert "engine:" in engine_status
    assert at.dataframe[0].value.loc[0, "teacher_mark"] == 11


def test_an_override_without_a_reason_is_not_saved():
    at = _mark(CLASS_CSV)
    at.selectbox(key="class_ovr_funeral").select("covered")
    at.button(key="class_ovr_save").click().run()
    assert any("give a reason" in e.value for e in at.error)
    with closing(cls.open_db()) as db:
        [set_] = cls.list_sets(db)
        assert cls.overrides(db, set_.id) == {}


def test_a_past_set_reopens_after_a_restart():
    _mark(CLASS_CSV, name="first set")
    _mark("student,essay\nSolo,Stalin used the purges to remove old Bolsheviks like Zinoviev and Kamenev.\n",
          rubric="purge-necessary", name="second set")
    at = AppTest.from_file(str(PAGE), default_timeout=120).run()   # a fresh session: nothing in memory
    assert not at.exception
    options = at.selectbox(key="class_open").options
    assert len(options) == 2 and "second set" in options[0]
    assert list(at.dataframe[0].value["student"]) == ["Solo"]
    at.selectbox(key="class_open").select_index(1).run()
    assert list(at.dataframe[0].value["student"]) == _students()


def test_filters_narrow_the_table():
    at = _mark(CLASS_CSV)
    first = _students()[0]
    at.text_input(key="class_search").input(first[:3]).run()
    shown = at.dataframe[0].value
    # The table keeps every row for downloads; the filter applies to what is displayed.
    assert first in list(shown["student"])
