"""The class-marking page driven through AppTest (pasted CSV, as AppTest cannot upload files;
the upload path is the same pure function, tested in tests/test_classes.py), with the
shipped rubrics, the real engine and a fresh database per test."""
from __future__ import annotations

import csv
import io
import json
import re
from contextlib import closing
from pathlib import Path

import pytest
from rendering import HOSTILE, shown
from resources import OFF_TOPIC, TROTSKY_STRONG
from streamlit.testing.v1 import AppTest

from essaycoach import classes as cls
from essaycoach import comment_bank as bank
from essaycoach import marking
from essaycoach.calibrate import Calibration
from essaycoach.engine import Thresholds
from essaycoach.loaders import load_rubric, save_calibration
from essaycoach.markup import escape_markdown

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "app_pages" / "class_marking.py"
CLASS_CSV = (ROOT / "examples" / "class.csv").read_text(encoding="utf-8")
STUDENTS = [r["student"] for r in csv.DictReader(io.StringIO(CLASS_CSV))]
WRITERS = [r["student"] for r in csv.DictReader(io.StringIO(CLASS_CSV)) if r["essay"].strip()]


@pytest.fixture(autouse=True)
def folders(rubric_copy) -> Path:
    """A private rubrics folder (a calibration a test fits stays there) and an empty database."""
    return rubric_copy


def _page() -> AppTest:
    at = AppTest.from_file(str(PAGE), default_timeout=60).run()
    assert not at.exception
    return at


def _mark(csv_text: str, rubric: str | None = "trotsky-errors", name: str = "12B mock",
          at: AppTest | None = None) -> AppTest:
    at = at or _page()
    if rubric is not None:
        at.selectbox(key="class_rubric").select(rubric)
    at.text_input(key="class_name").input(name)
    at.text_area(key="class_paste").input(csv_text)
    at.button(key="class_mark").click().run()
    assert not at.exception
    return at


HEATMAP, MISSED, STUDENT, CALIBRATE = ("Class heatmap", "Most missed points", "Per-student feedback and your marking",
                                       "Calibrate to my marking")


def _tab(at: AppTest, label: str) -> AppTest:
    """Open a tab (AppTest cannot click one; the page keeps the open tab in its state)."""
    at.session_state["class_tab"] = label
    return at.run()


def _frame(at: AppTest, column: str):
    """The first table on the page with that column (st.dataframe keys are not in AppTest)."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def _table(at: AppTest):
    return _frame(at, "engine_mark")


def _only_set() -> cls.ClassSet:
    with closing(cls.open_db()) as db:
        [found] = cls.list_sets(db)
    return found


def _key(row: int, what: str) -> str:
    return f"class_ovr_{_only_set().id}_{row}_{what}"



def _open(at: AppTest, name: str) -> AppTest:
    """Choose a student and open their essay: with the marking form, the selector sits in it and
    Open (which saves the marking on screen first) moves; without, the choice moves at once."""
    at.selectbox(key="class_student").select(name)
    opens = [b for b in at.button if b.key == "class_open_student"]
    if opens:
        opens[0].click()
    return at.run()

def test_a_class_csv_gives_the_table_the_charts_and_the_downloads():
    at = _mark(CLASS_CSV)
    assert not at.error
    table = _table(at)
    assert list(table["student"]) == STUDENTS
    marked = table[table["error"] == ""]
    assert list(marked["student"]) == WRITERS
    assert marked["engine_mark"].between(0, 25).all() and marked["level"].isin(["below 1", *"12345"]).all()
    assert table["teacher_mark"].isna().all()
    assert table.loc[table["student"] == "Dan Wu", "error"].item() == "empty essay"
    assert not [i for i in at.info if "bears the name" in i.value]   # every name once: nothing to say
    assert "Results: 12B mock" in [s.value for s in at.subheader]
    labels = {b.label for b in at.get("download_button")}
    assert labels == {"Marks table (CSV)", "Marks table (Excel)", "Feedback pages (zip)"}
    assert len(at.get("vega_lite_chart")) == 2   # the heatmap and Cat Li's set apart; other tabs run when opened
    spec = json.loads(at.get("vega_lite_chart")[0].proto.spec)
    from app_pages.class_marking import NAME_PX  # the student axis: "Sam Jones (essay 5)" whole, a longer
    assert f'"labelLimit": {NAME_PX}' in json.dumps(spec) and NAME_PX <= 200   # name cut with "…", cells kept
    heat = _frame(at, "funeral")
    assert list(heat.index) == ["Amy Khan", "Ben Ortiz"] and set(heat.loc["Amy Khan"].str[0]) <= {"✔", "◐", "✘"}
    # The table is coloured as the chart is (on a phone it is the heatmap that keeps names in view).
    from app_pages.class_marking import COLOUR
    styles = next(d.proto.arrow_data.styler.styles for d in at.dataframe if "funeral" in d.value.columns)
    assert all(f"background-color: {colour}" in styles for colour in COLOUR.values()), styles[:300]
    assert any("Set apart (1)" in m.value and "gamed" not in m.value for m in at.markdown)  # honest notes too
    _tab(at, MISSED)
    missed = _frame(at, "missed by")
    assert len(at.get("vega_lite_chart")) == 1
    assert list(missed["missed by"]) == sorted(missed["missed by"], reverse=True)
    assert set(missed["side"]) <= {"Case for", "Case against", "Other points"}  # as the marking screen names them
    # Cat Li's essay is off-topic: set apart, not counted among the class's misses.
    assert (missed["missed by"] + missed["partly made by"] + missed["made by"] == len(WRITERS) - 1).all()
    assert any("Not counted" in c.value and "Cat Li (off topic)" in c.value for c in at.caption)
    # The set, its essays and the engine's reports are stored.
    with closing(cls.open_db()) as db:
        [found] = cls.list_sets(db)
        assert (found.name, found.rubric_id, found.essays) == ("12B mock", "trotsky-errors", len(STUDENTS))
        assert len(cls.stored_reports(db, found.id)) == len(WRITERS)


def test_no_rubric_chosen_means_nothing_is_marked():
    at = _mark(CLASS_CSV, rubric=None)
    assert any("Choose the rubric" in e.value for e in at.error)
    with closing(cls.open_db()) as db:
        assert cls.list_sets(db) == []


def test_wrong_columns_are_named_and_nothing_is_stored():
    at = _mark("name,answerz\nAmy,Trotsky missed the funeral.\n")
    assert any("'answerz'" in shown(e.value) and "'name'" in shown(e.value) and "student" in e.value for e in at.error)
    assert any("Nothing was stored" in i.value for i in at.info)
    with closing(cls.open_db()) as db:
        assert cls.list_sets(db) == []


def test_a_huge_paste_is_refused_with_a_clear_message():
    at = _mark("student,essay\n" + "Amy," + "Stalin won. " * 420_000 + "\n")   # about 5 MB
    assert any("pasted text" in e.value and "million characters" in e.value for e in at.error)
    with closing(cls.open_db()) as db:
        assert cls.list_sets(db) == []


def test_a_bad_row_is_reported_and_the_others_are_marked():
    at = _mark(CLASS_CSV.rstrip("\n") + "\nNobody,\n")
    assert any("Nobody (empty essay)" in w.value and "could not be marked" in w.value for w in at.warning)
    table = _table(at)
    assert table.loc[table["student"] == "Nobody", "error"].item() == "empty essay"
    assert table["engine_mark"].notna().sum() == len(WRITERS)


def test_enter_in_a_reason_box_saves_the_marking_and_stays_on_the_essay():
    """Enter in a field of a form presses its first button, Open: with this essay still chosen
    it saves, as the box's "Press Enter to submit form" says (it used to do nothing)."""
    at = _tab(_mark(CLASS_CSV), STUDENT)
    _open(at, "Amy Khan")
    at.segmented_control(key=_key(0, "funeral")).set_value("missing")
    at.text_input(key=_key(0, "funeral_why")).input("names the funeral only")
    at.button(key="class_open_student").click().run()   # what Enter does
    assert not at.exception and not at.error
    with closing(cls.open_db()) as db:
        mine = cls.overrides(db, _only_set().id)[0]
    assert (mine["funeral"].value, mine["funeral"].reason) == ("missing", "names the funeral only")
    assert at.selectbox(key="class_student").value == "Amy Khan"


def test_an_essay_the_engine_could_not_mark_takes_the_teachers_own_mark():
    """Dan Wu's essay is empty (absent, say): the teacher records a mark with its reason, and it
    stands in the table as any other; without a reason it is refused, as on the marking form."""
    at = _tab(_mark(CLASS_CSV), STUDENT)
    _open(at, "Dan Wu")
    row = STUDENTS.index("Dan Wu")
    assert any("could not be marked" in e.value for e in at.error)
    # laid out as any essay's marking: headed by its student, with the keys that work on it only
    assert any(m.value == "#### Marking Dan Wu" for m in at.markdown)
    keys = next(c.value for c in at.caption if c.value.startswith("Keys:"))
    assert "Ctrl+Enter" in keys and "Alt+V" not in keys
    assert at.text_input(key=_key(row, "mark_why")).label == "Reason for your mark"
    at.text_input(key=_key(row, "mark")).input(str(0))
    at.button(key=_key(row, "save")).click().run()
    assert any("Not saved" in e.value for e in at.error)
    at.text_input(key=_key(row, "mark_why")).input("absent: marked as 0")
    at.button(key=_key(row, "save")).click().run()
    assert not at.exception and not any("Not saved" in e.value for e in at.error)
    with closing(cls.open_db()) as db:
        mine = cls.overrides(db, _only_set().id)[row]
    assert (mine[cls.MARK].value, mine[cls.MARK].reason) == ("0", "absent: marked as 0")
    # the screen says the mark stands, not only that the engine could not mark the essay
    assert not at.error and any("Your mark 0/25 stands (absent: marked as 0)" in shown(x.value) for x in at.success), \
        [x.value for x in at.success]
    dan = _table(at).set_index("student").loc["Dan Wu"]
    assert (dan["teacher_mark"], dan["final_mark"], dan["final_level"]) == (0, 0, "below 1")
    assert dan["error"] == "empty essay"   # still said


def test_an_override_is_stored_and_shown_beside_the_engine():
    from app_pages.feedback_view import STATUS_LABEL

    at = _tab(_mark(CLASS_CSV), STUDENT)
    _open(at, "Amy Khan")
    with closing(cls.open_db()) as db:
        engine_said = next(p.status for p in cls.stored_reports(db, _only_set().id)[0].points if p.id == "funeral")
    assert engine_said != "missing"
    text = next(p.text for p in load_rubric("trotsky-errors").points if p.id == "funeral")
    shown = next(m.value for m in at.markdown if "`funeral`" in m.value)
    assert f"engine: {STATUS_LABEL[engine_said]}" in shown and text[:30] in shown.replace("\\", "")
    assert at.segmented_control(key=_key(0, "funeral")).value == engine_said
    # The essay in the marking pane (its labels the point ids the cards use) and in "the engine's
    # full feedback" below it (the student's view: its labels the start of what each point says)
    from essaycoach.markup import escape_html, shorten

    def labelled() -> int:
        return sum(": funeral<" in m.value or f": {escape_html(shorten(text, 40))}<" in m.value
                   for m in at.markdown if "essaycoach-feedback" in m.value and "<mark" in m.value)
    assert labelled() == 2
    at.segmented_control(key=_key(0, "funeral")).set_value("missing")
    at.text_input(key=_key(0, "funeral_why")).input("names the funeral but not why it mattered")
    for what, label in (("mark", "Your mark out of 25"), ("mark_why", "Reason for your mark")):
        box = at.text_input(key=_key(0, what))   # named on screen, not only to a screen reader
        assert box.label == label and box.proto.label_visibility.value == box.proto.label_visibility.VISIBLE
    at.text_input(key=_key(0, "mark")).input(str(11))
    at.text_input(key=_key(0, "mark_why")).input("thin on the other side")
    at.button(key=_key(0, "save")).click().run()
    assert not at.exception and not at.error
    with closing(cls.open_db()) as db:
        mine = cls.overrides(db, _only_set().id)[0]
    assert (mine["funeral"].value, mine["funeral"].reason) == ("missing", "names the funeral but not why it mattered")
    assert (mine[cls.MARK].value, mine[cls.MARK].reason) == ("11", "thin on the other side")
    beside = at.table[0].value
    assert beside.loc["funeral", "yours"] == "✘ missing"
    assert beside.loc["funeral", "engine"].startswith(STATUS_LABEL[engine_said])
    assert beside.loc["the mark", "yours"] == "11/25"
    # the marking pane no longer shows the passage as making the point you took away (the
    # engine's own feedback below still does: it is the engine's)
    assert labelled() == 1
    table = _table(at)
    assert table.loc[0, "teacher_mark"] == 11 and table.loc[0, "overrides"] == 2
    heat = _frame(_tab(at, HEATMAP), "funeral")
    assert heat.loc["Amy Khan", "funeral"].startswith("✘*")
    # A fresh session (a restart) shows the same marking.
    again = _tab(_page(), STUDENT)
    _open(again, "Amy Khan")
    assert again.table[0].value.loc["funeral", "reason"] == "names the funeral but not why it mattered"
    assert again.segmented_control(key=_key(0, "funeral")).value == "missing"


def test_an_override_without_a_reason_is_not_saved():
    at = _tab(_mark(CLASS_CSV), STUDENT)
    engine_said = at.segmented_control(key=_key(0, "funeral")).value
    at.segmented_control(key=_key(0, "funeral")).set_value("partial" if engine_said != "partial" else "missing")
    at.text_input(key=_key(0, "mark")).input(str(20))
    at.button(key=_key(0, "save")).click().run()
    problem = next(e.value for e in at.error if "Not saved" in e.value)
    assert "'funeral'" in shown(problem) and "reason for your mark" in problem
    with closing(cls.open_db()) as db:
        assert cls.overrides(db, _only_set().id) == {}


def test_saving_a_mark_logs_no_warning_of_a_value_set_twice(monkeypatch):
    """The server log showed Streamlit's 'created with a default value but also had its value set
    via the Session State API' for the mark box at each save (it says it once a process)."""
    from streamlit.elements.lib import policies

    warned: list[str] = []
    monkeypatch.setattr(policies, "_shown_default_value_warning", False)
    monkeypatch.setattr(policies._LOGGER, "warning", lambda message, *args, **kw: warned.append(message % args))
    at = _tab(_mark(CLASS_CSV), STUDENT)
    at.text_input(key=_key(0, "mark")).input("7")
    at.text_input(key=_key(0, "mark_why")).input("a reason")
    at.button(key=_key(0, "save")).click().run()
    assert not at.exception and not at.error
    assert at.text_input(key=_key(0, "mark")).value == "7"
    at.run()   # drawn again from the stored mark
    assert at.text_input(key=_key(0, "mark")).value == "7"
    assert not [w for w in warned if "Session State API" in w], warned


@pytest.mark.parametrize("typed", ["+5", " 05 "])
def test_a_mark_saved_shows_as_stored(typed):
    """"+5" was saved as 5 but the box went on showing "+5" until a reload (a browser walk)."""
    at = _tab(_mark(CLASS_CSV), STUDENT)
    at.text_input(key=_key(0, "mark")).input(typed)
    at.text_input(key=_key(0, "mark_why")).input("a reason")
    at.button(key=_key(0, "save")).click().run()
    assert not at.exception and not at.error
    assert at.text_input(key=_key(0, "mark")).value == "5"
    with closing(cls.open_db()) as db:
        assert cls.overrides(db, _only_set().id)[0][cls.MARK].value == "5"


@pytest.mark.parametrize("mark", [40, -3, "2.5", "1e3", "abc"])
def test_a_mark_out_of_range_is_refused_in_words_and_saves_nothing(mark):
    """The box once refused it with a small red sign while Save and Next did nothing at all; a
    number box cut "2.5" to 2 and "1e3" to 1 and kept the old mark for "abc", saying "saved"."""
    at = _tab(_mark(CLASS_CSV), STUDENT)
    at.text_input(key=_key(0, "mark")).input(str(mark))
    at.text_input(key=_key(0, "mark_why")).input("a reason")
    at.button(key=_key(0, "save")).click().run()
    problem = next(e.value for e in at.error if "Not saved" in e.value)
    assert f"the mark must be a whole number from 0 to 25, not '{mark}'" in shown(problem)
    with closing(cls.open_db()) as db:
        assert cls.overrides(db, _only_set().id) == {}


def test_reviewing_an_essay_feeds_the_calibration_panel_and_the_check_filter():
    at = _tab(_mark(CLASS_CSV), CALIBRATE)
    assert "**0** essays marked by you" in next(m.value for m in at.markdown if "marked by you so far" in m.value)
    _tab(at, STUDENT).checkbox(key=_key(0, "reviewed")).check()
    at.button(key=_key(0, "save")).click().run()
    assert not at.exception and not at.error
    with closing(cls.open_db()) as db:
        assert cls.essays(db, _only_set().id)[0].reviewed
    assert any("Reviewed by you" in s.value for s in at.success)
    _tab(at, CALIBRATE)
    assert "**1** essays marked by you" in next(m.value for m in at.markdown if "marked by you so far" in m.value)
    assert _table(at).loc[0, "reviewed"] == "✔ reviewed"
    at.checkbox(key="class_unreviewed_only").check().run()
    assert "Amy Khan" not in list(_table(at)["student"])
    at.checkbox(key="class_unreviewed_only").uncheck()
    at.checkbox(key="class_check_only").check().run()
    shown = _table(at)
    assert shown["check"].str.startswith("⚑").all()


def test_a_past_set_reopens_after_a_restart():
    at = _mark(CLASS_CSV, name="first set")
    solo = "student,essay\nSolo,Stalin used the purges to remove old Bolsheviks like Zinoviev and Kamenev.\n"
    at = _mark(solo, rubric="purge-necessary", name="second set", at=at)   # same session: the new set shows
    assert list(_table(at)["student"]) == ["Solo"]
    at = _page()   # a fresh session: nothing in memory
    options = at.selectbox(key="class_open").options
    assert len(options) == 2 and options[0].startswith("second set") and options[1].startswith("first set")
    assert list(_table(at)["student"]) == ["Solo"]
    first = next(s.id for s in cls.list_sets(cls.open_db()) if s.name == "first set")
    at.selectbox(key="class_open").select(first).run()
    assert not at.exception
    assert list(_table(at)["student"]) == STUDENTS
    assert _tab(at, STUDENT).selectbox(key="class_student").value == "Amy Khan"


def test_filters_narrow_the_table():
    at = _mark(CLASS_CSV)
    at.text_input(key="class_search").input("ben").run()
    assert list(_table(at)["student"]) == ["Ben Ortiz"]
    at.text_input(key="class_search").input("")
    at.multiselect(key="class_warnings").select("could not be read").run()
    assert list(_table(at)["student"]) == ["Dan Wu"]


def test_duplicate_names_stay_apart():
    text = "student,essay\nAmy,Trotsky missed Lenin's funeral in 1924.\nAmy,Stalin was General Secretary.\n"
    at = _mark(text)
    assert list(_table(at)["student"]) == ["Amy (essay 1)", "Amy (essay 2)"]
    # and the teacher is told, once: the same name twice may be one student's essay entered twice
    assert [i.value for i in at.info if "bears the name" in i.value] == [
        "More than one essay bears the name Amy: each is shown with its place in the set, as in the table. "
        "Check that no student's essay was entered twice."]
    _tab(at, STUDENT)
    _open(at, "Amy (essay 2)")
    assert any("Stalin was General Secretary" in m.value for m in at.markdown)


def test_calibration_toggle_marks_with_and_without_the_teachers_calibration(folders):
    rubric = load_rubric("trotsky-errors", folders)
    strict = Calibration(rubric.id, tuple((p.id, Thresholds(0.99, 0.98)) for p in rubric.points),
                         tuple((p.id, 1.0) for p in rubric.points), 12, "2026-01-01T00:00:00")
    save_calibration(strict, folders)
    at = _mark(CLASS_CSV)
    assert at.toggle(key="class_use_cal").value is True
    assert any("calibrated to your marking" in c.value for c in at.caption)
    calibrated = _table(at)["engine_mark"]
    at.toggle(key="class_use_cal").set_value(False).run()
    assert not at.exception
    plain = _table(at)["engine_mark"]
    assert calibrated.fillna(0).sum() < plain.fillna(0).sum()   # nothing reaches a 0.99 threshold


def test_deleting_a_set_needs_confirming():
    at = _mark(CLASS_CSV)
    assert at.button(key="class_delete").disabled
    at.checkbox(key="class_delete_sure").check().run()
    at.button(key="class_delete").click().run()
    assert not at.exception
    with closing(cls.open_db()) as db:
        assert cls.list_sets(db) == []
    assert any("No class sets yet" in i.value for i in at.info)


def test_the_per_student_choice_survives_other_tabs_and_next_to_check_moves_on():
    at = _tab(_mark(CLASS_CSV), STUDENT)
    _open(at, "Cat Li")
    _tab(at, MISSED)
    assert _tab(at, STUDENT).selectbox(key="class_student").value == "Cat Li"
    table = _table(at)
    waiting = list(table.loc[table["check"] != "", "student"])
    # "left" counts the essays still to check besides the one on screen
    left = len(waiting) - ("Cat Li" in waiting)
    assert any(f"({left} left)" in b.label for b in at.button if b.key == "class_next"), left
    at.button(key="class_next").click().run()
    expected = next(n for n in WRITERS[WRITERS.index("Cat Li") + 1:] + WRITERS if n in waiting)
    assert at.selectbox(key="class_student").value == expected
    # On an essay that itself waits to be checked, "left" counts the others only
    table = _table(at)
    still = list(table.loc[table["check"] != "", "student"])
    assert expected in still and len(still) >= 2
    assert any(f"({len(still) - 1} left)" in b.label for b in at.button if b.key == "class_next")


def _dev_set_fitted(prompt: str, name: str, never: str = "") -> AppTest:
    """A dev-set prompt's essays marked as a class set, every essay marked by the dev-set
    labels (as if entered essay by essay), and a calibration fitted to that marking. ``never``:
    a point this teacher credits in no essay, whatever its label."""
    from essaycoach.evaluation import load_labelled

    dev = load_labelled(ROOT / "tests" / "data" / "devset" / f"{prompt}.yaml")
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(["student", "essay"])
    writer.writerows([(e.student, e.text) for e in dev])
    at = _mark(buf.getvalue(), rubric=prompt, name=name)
    set_id = _only_set().id
    with closing(cls.open_db()) as db:
        for row, e in enumerate(dev):
            verdicts = {pid: ("covered" if v and pid != never else "missing", "dev-set label")
                        for pid, v in dict(e.labels).items()}
            cls.save_marking(db, set_id, row, cls.Marking(verdicts, None, True))
    _tab(at, CALIBRATE).button(key="calib_fit").click().run()
    assert not at.exception
    return at


def test_a_calibration_disagreement_opens_that_essay():
    at = _dev_set_fitted("destalinization-causes", "dev set")   # its learnt wordings are kept
    assert any("Calibrated to your marking" in s.value for s in at.success)
    assert at.toggle(key="class_use_cal").value is True
    line = next(t.value for t in at.text if ": you said " in t.value)   # the first disagreement
    at.button(key="calib_open_0").click().run()
    assert not at.exception
    assert at.session_state["class_tab"] == STUDENT
    assert at.selectbox(key="class_student").value == line.split(" · ")[0]


def test_a_point_whose_credit_the_teacher_took_back_is_named_strict():
    at = _dev_set_fitted("purge-necessary", "purge set", never="show-trials-effect")
    strict = [c.value for c in at.caption if c.value.startswith("Points you mostly did not credit")]
    assert strict and strict[0].endswith(": " + escape_markdown("show-trials-effect"))   # rubric text, escaped


def _expanded(at: AppTest, label: str) -> bool:
    return next(e.proto.expanded for e in at.expander if e.label == label)


def test_a_set_just_marked_stays_selected_across_reruns_and_tabs():
    at = _mark(CLASS_CSV, name="first set")
    first = _only_set().id
    assert _expanded(at, "Mark a new class set") is False   # folded away to show the results
    at.session_state["class_new_open"] = True                 # the teacher opens the form again
    solo = "student,essay\nSolo,Stalin used the purges to remove old Bolsheviks like Zinoviev and Kamenev.\n"
    at = _mark(solo, rubric="purge-necessary", name="second set", at=at)
    with closing(cls.open_db()) as db:
        second = next(s.id for s in cls.list_sets(db) if s.name == "second set")
    assert second != first
    assert at.selectbox(key="class_open").value == second
    assert "Results: second set" in [s.value for s in at.subheader]
    for label in (STUDENT, HEATMAP, MISSED):   # later reruns (a tab) keep the new set
        _tab(at, label)
        assert at.selectbox(key="class_open").value == second
        assert list(_table(at)["student"]) == ["Solo"]
    # Marking in the per-student view lands in the new set, never the old one.
    _tab(at, STUDENT).checkbox(key=f"class_ovr_{second}_0_reviewed").check()
    at.button(key=f"class_ovr_{second}_0_save").click().run()
    with closing(cls.open_db()) as db:
        assert cls.essays(db, second)[0].reviewed and not any(e.reviewed for e in cls.essays(db, first))


def test_the_upload_form_stays_open_while_a_rubric_is_picked():
    _mark(CLASS_CSV, name="first set")
    at = _page()   # a later visit: a set is stored, so the form starts folded
    assert _expanded(at, "Mark a new class set") is False
    at.session_state["class_new_open"] = True   # the teacher opens it
    at.run()
    at.selectbox(key="class_rubric").select("purge-necessary").run()
    assert _expanded(at, "Mark a new class set") is True
    at.text_input(key="class_name").input("second set").run()
    assert _expanded(at, "Mark a new class set") is True


def _rendered_markdown(at: AppTest) -> list[str]:
    """Every piece of text the page renders as Markdown: bodies, captions, headings, alerts and labels."""
    texts = [e.value for kind in ("markdown", "caption", "subheader", "title", "warning", "error", "info", "success")
             for e in getattr(at, kind)]
    return texts + [w.label for kind in ("checkbox", "button", "selectbox", "text_input") for w in getattr(at, kind)]


def _assert_escaped(texts: list[str]) -> None:
    for text in texts:
        assert "](http" not in text and not re.search(r"(?<!\\)<img", text) and "**bold**" not in text, text


def test_names_set_names_and_the_question_are_escaped_before_markdown(folders):
    path = folders / "trotsky-errors.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "To what extent was Stalin’s success", "![q](http://host/q.png) <img src=q> **bold** To what extent "
        "was Stalin’s success", 1), encoding="utf-8")
    essay = next(csv.DictReader(io.StringIO(CLASS_CSV)))["essay"]
    rows = [[name, essay] for name in HOSTILE] + [["<b>empty</b> ![e](http://h/e)", ""]]
    buf = io.StringIO()
    csv.writer(buf).writerows([["student", "essay"], *rows])
    at = _page()
    at.selectbox(key="class_rubric").select("trotsky-errors").run()
    question = next(c.value for c in at.caption if "Question:" in c.value)
    assert "\\!\\[q\\]\\(http" in question and "\\<img" in question
    at = _mark(buf.getvalue(), name=HOSTILE[0] + " " + HOSTILE[1], at=at)
    assert not at.exception
    subheader = next(s.value for s in at.subheader if s.value.startswith("Results"))
    assert subheader.startswith("Results: \\!\\[x\\]")
    assert any("could not be marked" in w.value and "\\<b\\>empty" in w.value for w in at.warning)
    _assert_escaped(_rendered_markdown(at))
    assert list(_table(at)["student"])[:3] == HOSTILE   # tables are not Markdown: the names as typed
    for name in HOSTILE:
        _open(_tab(at, STUDENT), name)
        assert any(m.value.startswith("#### Marking ") for m in at.markdown)
        _assert_escaped(_rendered_markdown(at))
    _tab(at, MISSED)
    _assert_escaped(_rendered_markdown(at))


def test_a_point_credited_where_the_engine_did_not_lets_the_teacher_pick_its_sentence(engine):
    """Issue 12: the sentence that teaches a credited point is the one the teacher picks in the
    app; until they pick one, the engine chooses. The pick is stored and reaches calibration."""
    from essaycoach.learn import learn_exemplars

    at = _tab(_mark(CLASS_CSV), STUDENT)
    with closing(cls.open_db()) as db:
        amy = cls.stored_reports(db, _only_set().id)[0]
    point = next(p for p in amy.points if p.status != "covered")
    picker = _key(0, f"{point.id}_sentence")
    assert not [s for s in at.selectbox if s.key == picker]   # nothing credited yet: no picker
    at.segmented_control(key=_key(0, point.id)).set_value("covered")
    at.text_input(key=_key(0, f"{point.id}_why")).input("made in the second paragraph")
    at.button(key=_key(0, "save")).click().run()
    assert not at.exception and not at.error
    box = at.selectbox(key=picker)
    assert box.value == "" and len(box.options) > 3            # the engine's choice, then the essay's sentences
    chosen = box.options[2]
    box.select(chosen)
    at.button(key=_key(0, "save")).click().run()
    assert not at.exception and not at.error
    with closing(cls.open_db()) as db:
        assert cls.overrides(db, _only_set().id)[0][point.id].sentence == chosen
        [label] = cls.teacher_labels(db, _only_set().id, load_rubric("trotsky-errors"))
    assert label.sentences == {point.id: chosen}
    learnt = learn_exemplars(engine, load_rubric("trotsky-errors"), [amy], [label])
    assert [(e.point, e.sentence) for e in learnt if e.positive] == [(point.id, chosen)]
    # Taking the credit back drops the pick with it.
    at.segmented_control(key=_key(0, point.id)).set_value(point.status)
    at.button(key=_key(0, "save")).click().run()
    with closing(cls.open_db()) as db:
        assert point.id not in cls.overrides(db, _only_set().id).get(0, {})


def test_the_teachers_reasons_are_escaped_in_the_table_beside_the_engines():
    """``st.table`` renders its cells as Markdown: a reason typed as **judgement** is shown as typed."""
    from essaycoach.markup import escape_markdown

    hostile, mark_reason = "![x](http://host/x.png) <img src=x> **bold**", "**judgement** [see](http://host)"
    at = _tab(_mark(CLASS_CSV), STUDENT)
    at.segmented_control(key=_key(0, "funeral")).set_value("missing")
    at.text_input(key=_key(0, "funeral_why")).input(hostile)
    at.text_input(key=_key(0, "mark")).input(str(7))
    at.text_input(key=_key(0, "mark_why")).input(mark_reason)
    at.button(key=_key(0, "save")).click().run()
    assert not at.exception and not at.error
    beside = at.table[0].value
    assert beside.loc["funeral", "reason"] == escape_markdown(hostile)
    assert beside.loc["the mark", "reason"] == escape_markdown(mark_reason)
    _assert_escaped(list(beside["reason"]))


def _table_element(at: AppTest):
    return next(d for d in at.dataframe if "engine_mark" in d.value.columns)


def test_the_table_leaves_empty_cells_blank_and_colours_coverage_good_to_bad():
    import json

    at = _mark(CLASS_CSV)
    element = _table_element(at)
    assert element.proto.placeholder == ""   # a missing value shows as a blank cell, not "None"
    config = json.loads(element.proto.columns)
    coverage = next(v for k, v in config.items() if "coverage" in k)
    assert coverage["type_config"]["format"] == "%d %%"   # the number is always shown
    table = _table(at)
    css = element.proto.arrow_data.styler.styles
    for percent in table["coverage"].dropna():   # each cell coloured by its step of the scale
        band = marking.coverage_band(percent / 100)
        assert f"background-color: {band.background}; color: {band.text}" in css
    assert table["coverage"].dropna().between(0, 100).all()
    key = next(m.value for m in at.markdown if "Coverage, bad to good" in m.value)
    assert all(b.background in key for b in marking.COVERAGE_BANDS) and "80–100 %" in key
    # Wide enough for "too-short; keyword-list", narrow enough that the marks stay in view at 1,400 px.
    assert next(v for k, v in config.items() if "warnings" in k)["width"] == "medium"
    dan = _table(at).set_index("student").loc["Dan Wu"]
    assert dan[["words", "engine_mark", "final_mark", "final_level"]].isna().all()
    # The marks beside the names, then what stopped an essay (on a phone an error pushed them out of view).
    assert list(table.columns[:4]) == ["student", "final_mark", "coverage", "error"]


def test_the_final_level_follows_the_teachers_mark():
    at = _tab(_mark(CLASS_CSV), STUDENT)
    engine = _table(at).loc[0]
    assert engine["final_level"] == engine["level"] and engine["final_mark"] == engine["engine_mark"]
    at.text_input(key=_key(0, "mark")).input(str(9))
    at.text_input(key=_key(0, "mark_why")).input("little on Stalin's strengths")
    at.button(key=_key(0, "save")).click().run()
    amy = _table(at).loc[0]
    assert (amy["teacher_mark"], amy["final_mark"], amy["final_level"]) == (9, 9, "2")
    assert amy["level"] == engine["level"] and engine["level"] > "2"
    at.multiselect(key="class_levels").select(2).run()
    assert "Amy Khan" in list(_table(at)["student"])


@pytest.mark.parametrize("essay, level, shown_as", [
    (OFF_TOPIC, 0, "below 1"),                  # levels start at 1: no 0 among them
    ("Trotsky est allé à Moscou mais il n'a pas assisté aux funérailles de Lénine en 1924.", 0, "below 1"),
    (TROTSKY_STRONG, 4, "4"),
], ids=["off-topic", "not English", "on topic"])
def test_an_essay_at_no_level_is_shown_below_1_as_in_its_feedback_and_can_be_filtered(essay, level, shown_as):
    at = _mark(f'student,essay\nEve,"{essay}"\n')
    eve = _table(at).set_index("student").loc["Eve"]
    assert (eve["level"], eve["final_level"]) == (shown_as, shown_as)
    levels = at.multiselect(key="class_levels")
    assert levels.options == [shown_as]
    levels.select(level).run()
    assert list(_table(at)["student"]) == ["Eve"]


def test_the_marking_screen_says_why_a_match_scoring_as_made_earns_nothing():
    """A point the second look left missing shows the teacher the match it took back and why."""
    essay = ("He put his own supporters in and they voted for him at the party congress. Trotsky missed "
             "Lenin's funeral in January 1924.")
    at = _tab(_mark(f'student,essay\nEve,"{essay}"\n'), STUDENT)
    [eve] = list(_only_set_reports().values())
    taken = next(p for p in eve.points if p.status == "missing" and p.why)
    assert "scores as made but is not credited" in taken.why
    assert any(taken.why in c.value.replace("\\", "") for c in at.caption)


def _only_set_reports():
    with closing(cls.open_db()) as db:
        return cls.stored_reports(db, _only_set().id)


def test_the_marking_screen_shows_each_point_in_full_and_moves_by_buttons_with_shortcuts():
    rubric = load_rubric("trotsky-errors")
    at = _tab(_mark(CLASS_CSV), STUDENT)
    assert at.selectbox(key="class_student").value == "Amy Khan"
    with closing(cls.open_db()) as db:
        amy = cls.stored_reports(db, _only_set().id)[0]
    shown = " ".join(m.value for m in at.markdown).replace("\\", "")
    for point in rubric.points:
        assert point.text in shown
    made = next(p for p in amy.points if p.status == "covered" and p.sentence)
    assert any(made.sentence in c.value.replace("\\", "") for c in at.caption)
    moves = ("class_prev", "class_next_essay", "class_next")
    keys = {b.key: b.proto.shortcut.upper() for b in at.button if b.key in moves}
    assert keys == {"class_prev": "ALT+K", "class_next_essay": "ALT+J", "class_next": "ALT+N"}
    help_line = next(c.value for c in at.caption if c.value.startswith("Keys: "))
    for key in ("Alt+↓", "Alt+↑", "Alt+V", "Alt+R", "Ctrl+Enter", "Alt+J", "Alt+K", "Alt+N"):
        assert key in help_line, key
    [script] = at.get("iframe")   # the points' keys: a local script, nothing fetched
    srcdoc = script.proto.srcdoc
    assert all(k in srcdoc for k in ("ArrowDown", "KeyV", "KeyR")) and "http" not in srcdoc
    assert script.proto.tab_index == -1
    assert at.button(key="class_prev").disabled
    at.button(key="class_next_essay").click().run()
    assert at.selectbox(key="class_student").value == "Ben Ortiz"
    at.button(key="class_prev").click().run()
    assert at.selectbox(key="class_student").value == "Amy Khan"
    _open(at, "Dan Wu")
    assert at.button(key="class_next_essay").disabled
    assert any("could not be marked" in e.value for e in at.error)


def test_moving_on_saves_the_marking_on_screen_first():
    """The marking form sends its fields only when one of its buttons is pressed: Next is one,
    so it saves what the teacher entered before moving on (a browser walk lost a whole
    essay's marking to the Next button)."""
    at = _tab(_mark(CLASS_CSV), STUDENT)
    at.segmented_control(key=_key(0, "funeral")).set_value("missing")
    at.text_input(key=_key(0, "funeral_why")).input("names the funeral but not why it mattered")
    at.checkbox(key=_key(0, "reviewed")).check()
    at.button(key="class_next_essay").click().run()
    assert not at.exception and at.selectbox(key="class_student").value == "Ben Ortiz"
    with closing(cls.open_db()) as db:
        assert cls.overrides(db, _only_set().id)[0]["funeral"].value == "missing"
        assert cls.essays(db, _only_set().id)[0].reviewed
    # Nothing changed on Ben's essay: moving back writes nothing for it.
    at.button(key="class_prev").click().run()
    assert at.selectbox(key="class_student").value == "Amy Khan"
    with closing(cls.open_db()) as db:
        assert 1 not in cls.overrides(db, _only_set().id) and not cls.essays(db, _only_set().id)[1].reviewed
    # A change that cannot be saved (no reason) stops the move and says why.
    at.segmented_control(key=_key(0, "testament")).set_value("missing")
    at.button(key="class_next_essay").click().run()
    assert at.selectbox(key="class_student").value == "Amy Khan"
    refusal = next(e.value for e in at.error if "give a reason" in e.value)
    assert "Fix this to move on" in refusal   # said by the move buttons, not under Save at the bottom


def test_choosing_another_student_saves_the_marking_on_screen_first():
    """The student selector sits in the marking form: Open saves, then moves (a browser walk lost
    a verdict and its reason to a selector outside the form)."""
    at = _tab(_mark(CLASS_CSV), STUDENT)
    at.segmented_control(key=_key(0, "funeral")).set_value("missing")
    at.text_input(key=_key(0, "funeral_why")).input("names the funeral but not why it mattered")
    _open(at, "Cat Li")
    assert not at.exception and at.selectbox(key="class_student").value == "Cat Li"
    assert any(m.value == "#### Marking Cat Li" for m in at.markdown)
    with closing(cls.open_db()) as db:
        assert cls.overrides(db, _only_set().id)[0]["funeral"].value == "missing"
    # Choosing without pressing Open moves nowhere; a refused save keeps the essay on screen.
    at.selectbox(key="class_student").select("Amy Khan").run()
    assert any(m.value == "#### Marking Cat Li" for m in at.markdown)
    row = STUDENTS.index("Cat Li")
    at.segmented_control(key=_key(row, "testament")).set_value(
        "missing" if at.segmented_control(key=_key(row, "testament")).value != "missing" else "covered")
    _open(at, "Ben Ortiz")
    assert any("Fix this to move on" in e.value for e in at.error)
    assert any(m.value == "#### Marking Cat Li" for m in at.markdown)
    at.run()
    assert at.selectbox(key="class_student").value == "Cat Li"


def test_analytics_follow_the_teachers_verdicts():
    at = _mark(CLASS_CSV)
    before = _frame(_tab(at, MISSED), "missed by").set_index("point")
    _tab(at, STUDENT)
    covered = next(p.id for p in load_rubric("trotsky-errors").points
                   if at.segmented_control(key=_key(0, p.id)).value == "covered")
    at.segmented_control(key=_key(0, covered)).set_value("missing")
    at.text_input(key=_key(0, f"{covered}_why")).input("asserted, not shown")
    at.button(key=_key(0, "save")).click().run()
    after = _frame(_tab(at, MISSED), "missed by").set_index("point")
    assert after.loc[covered, "missed by"] == before.loc[covered, "missed by"] + 1
    assert after.loc[covered, "made by"] == before.loc[covered, "made by"] - 1
    heat = _frame(_tab(at, HEATMAP), "funeral")
    assert heat.loc["Amy Khan", covered].startswith("✘*")


def test_the_comment_bank_is_edited_picked_and_reaches_the_table_and_the_feedback():
    at = _tab(_mark(CLASS_CSV), STUDENT)
    assert at.selectbox(key="class_bank_point").value == ""  # "general", not an empty "Choose an option"
    at.text_input(key="class_bank_text").input("Plan before you write")
    at.button(key="class_bank_add").click().run()
    assert at.text_input(key="class_bank_text").value == ""  # added: the box is ready for the next
    at.selectbox(key="class_bank_point").select("funeral")
    at.text_input(key="class_bank_text").input("Say why the funeral mattered")
    at.button(key="class_bank_add").click().run()
    assert not at.exception
    with closing(bank.open_db()) as db:
        kept = bank.bank(db, "trotsky-errors")
    assert [(c.point, c.text) for c in kept] == [(None, "Plan before you write"),
                                                 ("funeral", "Say why the funeral mattered")]
    general, funeral = kept
    # A duplicate is refused where the teacher is looking.
    at.text_input(key="class_bank_text").input("Plan before you write")
    at.selectbox(key="class_bank_point").select("")
    at.button(key="class_bank_add").click().run()
    assert any("already holds" in e.value for e in at.error)
    # Picked for Amy: a general comment and one on a point whose verdict the teacher changes,
    # the point's comment standing in for the reason.
    at.multiselect(key=_key(0, "comments")).select(general.id)
    at.multiselect(key=_key(0, "funeral_comments")).select(funeral.id)
    engine_said = at.segmented_control(key=_key(0, "funeral")).value
    at.segmented_control(key=_key(0, "funeral")).set_value("partial" if engine_said != "partial" else "missing")
    at.button(key=_key(0, "save")).click().run()
    assert not at.exception and not at.error
    with closing(cls.open_db()) as db:
        mine = cls.overrides(db, _only_set().id)[0]
    assert mine["funeral"].reason == "Say why the funeral mattered"
    assert _table(at).loc[0, "comments"] == "Plan before you write; funeral: Say why the funeral mattered"
    at.text_input(key=f"class_bank_edit_{general.id}").input("Plan first: one line per paragraph")
    at.button(key=f"class_bank_save_{general.id}").click().run()
    assert _table(at).loc[0, "comments"].startswith("Plan first: one line per paragraph;")
    assert at.multiselect(key=_key(0, "comments")).value == [general.id]   # still picked after a rerun
    with closing(bank.open_db()) as db:
        picked = bank.comments(db, _only_set().id)
    assert [c.text for c in picked[0]] == ["Plan first: one line per paragraph", "Say why the funeral mattered"]
    at.button(key=f"class_bank_del_{general.id}").click().run()
    assert _table(at).loc[0, "comments"] == "funeral: Say why the funeral mattered"


def test_after_a_set_is_marked_the_form_is_blank_so_nothing_is_marked_twice():
    """The form kept the last set's files, paste and name: a new paste that was refused then
    marked the old files again, as a second set of the same name."""
    essay = next(csv.DictReader(io.StringIO(CLASS_CSV)))["essay"].encode("utf-8")
    at = _page()
    at.selectbox(key="class_rubric").select("trotsky-errors")
    at.text_input(key="class_name").input("12B mock")
    at.file_uploader(key="class_upload").set_value([("Amy Khan.txt", essay, "text/plain")]).run()
    at.button(key="class_mark").click().run()
    assert not at.exception and len(_sets()) == 1
    assert at.text_input(key="class_name").value == "" and at.text_area(key="class_paste").value == ""
    assert not at.file_uploader(key="class_upload_1").value
    assert at.session_state["class_name"] == "" and at.session_state["class_paste"] == ""  # set: the browser follows
    at.text_area(key="class_paste").input('student,essay\n"Ben, "broken').run()
    at.button(key="class_mark").click().run()
    assert not at.exception and len(_sets()) == 1
    assert any("Nothing was stored" in i.value for i in at.info)


def test_a_failed_upload_does_not_show_the_files_left_out_of_the_set_before():
    """The "left out" note belongs to the upload that made the set on show: after an upload that
    stores nothing, only that upload's problems are shown, not the earlier set's left-out file."""
    essay = next(csv.DictReader(io.StringIO(CLASS_CSV)))["essay"].encode("utf-8")
    at = _page()
    at.selectbox(key="class_rubric").select("trotsky-errors")
    at.file_uploader(key="class_upload").set_value([("Amy Khan.txt", essay, "text/plain"),
                                                     ("marks.csv", b"a,b\n1,2\n", "text/csv")]).run()
    at.button(key="class_mark").click().run()
    assert not at.exception and len(_sets()) == 1
    assert any("Left out of this class set" in e.value and "marks" in e.value for e in at.error)
    at.text_area(key="class_paste").input('student,essay\n"Ben, "broken').run()
    at.button(key="class_mark").click().run()
    assert not at.exception and len(_sets()) == 1
    assert any("Nothing was stored" in i.value for i in at.info)
    assert not any("Left out" in e.value for e in at.error), [e.value for e in at.error]


@pytest.mark.parametrize("pasted, shown", [
    ('student,essay\nBen,"Stalin was\n', "Ben: line 2: a quoted field is not closed properly"),
    ("student,essay\n**Bo**,\n", "**Bo**: empty essay"),
], ids=["broken quote", "empty essay"])
def test_a_set_with_no_readable_essay_is_not_stored_and_each_row_says_why(pasted, shown):
    at = _page()
    at.selectbox(key="class_rubric").select("trotsky-errors")
    at.text_area(key="class_paste").input(pasted)
    at.button(key="class_mark").click().run()
    assert not at.exception and _sets() == []
    assert any(e.value.replace("\\", "").startswith(shown) for e in at.error), [e.value for e in at.error]
    assert not any("**" in e.value for e in at.error)  # names are escaped
    assert any("Nothing was stored" in i.value for i in at.info)


def test_the_new_set_form_keeps_what_was_typed_across_a_visit_to_another_page():
    """Streamlit forgets a widget's value while its page is not shown: a pasted class set, its
    name and rubric must still be there after the teacher looks at another page."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    at.switch_page("app_pages/class_marking.py").run()
    at.selectbox(key="class_rubric").select("trotsky-errors")
    at.text_input(key="class_name").input("12B mock")
    at.text_area(key="class_paste").input(CLASS_CSV).run()
    at.switch_page("app_pages/practice.py").run()
    at.switch_page("app_pages/class_marking.py").run()
    assert not at.exception
    assert at.selectbox(key="class_rubric").value == "trotsky-errors"
    assert at.text_input(key="class_name").value == "12B mock" and at.text_area(key="class_paste").value == CLASS_CSV
    at.button(key="class_mark").click().run()
    assert not at.exception and [s.name for s in _sets()] == ["12B mock"]


def test_the_open_tab_and_student_survive_a_visit_to_another_page():
    """A browser walk came back from the rubric editor to find the heatmap tab open again."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    at.switch_page("app_pages/class_marking.py").run()
    _mark(CLASS_CSV, at=at)
    at.session_state["class_tab"] = STUDENT
    at.run()
    _open(at, "Cat Li")
    at.switch_page("app_pages/rubric_editor.py").run()
    at.switch_page("app_pages/class_marking.py").run()
    assert not at.exception
    assert at.session_state["class_tab"] == STUDENT
    assert any(m.value == "#### Marking Cat Li" for m in at.markdown)


def _sets() -> list[cls.ClassSet]:
    with closing(cls.open_db()) as db:
        return cls.list_sets(db)


def test_uploaded_file_names_are_escaped_where_the_page_names_them():
    essay = next(csv.DictReader(io.StringIO(CLASS_CSV)))["essay"].encode("utf-8")
    at = _page()
    at.selectbox(key="class_rubric").select("trotsky-errors")
    at.file_uploader(key="class_upload").set_value([
        ("![x](https:host-f.png).txt", essay, "text/plain"),   # no "/": a file name holds none
        ("<img src=x onerror=alert(1)>.txt", b"\x00\x01binary", "text/plain"),
        ("**bold**.txt", b"", "text/plain"),
    ]).run()
    at.button(key="class_mark").click().run()
    assert not at.exception
    texts = _rendered_markdown(at)
    _assert_escaped(texts)
    assert any("\\<img src\\=x onerror\\=alert\\(1\\)\\>" in t for t in texts)   # named, as text
    assert "![x](https:host-f.png)" in list(_table(at)["student"])


def test_the_could_not_be_marked_column_shows_only_when_an_essay_could_not_be():
    """An empty column took the names' room: at 1,400 px names were cut ("Maisie Cartw")."""
    assert "error" in _table(_mark(CLASS_CSV)).columns  # the class CSV has an empty essay
    good = "\n".join(line for line in CLASS_CSV.splitlines()
                     if line.split(",", 1)[-1].strip() not in ("", '""'))
    assert "error" not in _table(_mark(good, name="all good", at=_page())).columns


def test_a_set_marked_again_after_the_rubric_changed_says_which_marks_moved(folders):
    """A teacher added aliases, reopened a set and saw other marks than they had downloaded,
    with nothing to say why (a walk's finding)."""
    import dataclasses

    from essaycoach.loaders import save_rubric

    at = _mark(CLASS_CSV)
    assert not any("Marked again" in i.value for i in at.info)   # just marked: nothing to compare
    rubric = load_rubric("trotsky-errors", folders)
    save_rubric(dataclasses.replace(rubric, points=rubric.points[1:]), folders)   # a point removed
    at = _page()
    [note] = [shown(i.value) for i in at.info if "Marked again" in i.value]
    assert f"point “{rubric.points[0].id}” is no longer in the rubric" in note and "→ none" not in note, note
    # it was "changed for 3 essays (Amy Khan: overconfidence covered → none…)": no mark moved
    assert "the engine's marks and its verdicts on the other points are unchanged (coverage now counts only " \
           "the points still in the rubric)" in note, note   # a walk saw coverage drop beside "unchanged"
    at.run()       # kept until dismissed (a notice said once was gone at the teacher's first click)
    assert any("Marked again" in i.value for i in at.info)
    at.button(key="class_remarked_ok").click().run()
    assert not any("Marked again" in i.value for i in at.info)
    at = _page()   # marked again with the same rubric: nothing moved
    assert not any("Marked again" in i.value for i in at.info)


def test_the_marked_again_notice_outlasts_a_reload_and_a_second_change_adds_to_it(folders):
    """A walk lost the notice at a browser reload (it lived in the session), and a second edit
    replaced one not yet read."""
    import dataclasses

    from essaycoach.loaders import save_rubric

    _mark(CLASS_CSV)
    rubric = load_rubric("trotsky-errors", folders)
    first, second = rubric.points[0].id, rubric.points[1].id
    save_rubric(dataclasses.replace(rubric, points=rubric.points[1:]), folders)
    _page()                                   # marked again, read by nobody
    save_rubric(dataclasses.replace(rubric, points=rubric.points[2:]), folders)
    _page()                                   # and again
    at = _page()                              # a reload: a new session
    [note] = [shown(i.value) for i in at.info if "Marked again" in i.value]
    assert f"points “{first}”, “{second}” are no longer in the rubric" in note, note
    at.button(key="class_remarked_ok").click().run()
    assert not any("Marked again" in i.value for i in _page().info)   # dismissed for good


def test_a_point_renamed_after_marking_is_named_plainly_and_its_ruling_said_to_no_longer_apply(folders):
    """A teacher renamed a point's id in the editor and reopened the set: "the engine's verdicts
    changed for 7 essays… (Priya Shah: solution covered → none, solution-corrosion none → covered)",
    and an essay they had reviewed, its ruling on the point detached, still said "the engine's
    verdicts you left alone count as agreed" over the engine's verdict on the renamed point."""
    import dataclasses

    from essaycoach.loaders import save_rubric

    at = _tab(_mark(CLASS_CSV), STUDENT)
    engine_said = at.segmented_control(key=_key(0, "funeral")).value
    at.segmented_control(key=_key(0, "funeral")).set_value("covered" if engine_said != "covered" else "missing")
    at.text_input(key=_key(0, "funeral_why")).input("my reason")
    at.checkbox(key=_key(0, "reviewed")).check()
    at.button(key=_key(0, "save")).click().run()
    assert not at.exception and not at.error
    rubric = load_rubric("trotsky-errors", folders)
    save_rubric(dataclasses.replace(rubric, points=tuple(
        dataclasses.replace(p, id="funeral-missed") if p.id == "funeral" else p for p in rubric.points)), folders)
    at = _page()
    [note] = [shown(i.value) for i in at.info if "Marked again" in i.value]
    assert "point “funeral” is no longer in the rubric (your verdicts on it in 1 essay no longer apply)" in note
    assert "point “funeral-missed” is new" in note and "none" not in note, note
    at = _tab(at, STUDENT)   # Amy's essay, reviewed before the rename
    said = " ".join(shown(w.value) for w in at.warning)
    assert "Reviewed by you before it was marked again: your verdict on point “funeral” no longer applies" in said
    assert "the engine's verdict on point “funeral-missed”, new since you reviewed, is not agreed" in said
    assert not any("Reviewed by you" in s.value for s in at.success)


def test_a_stored_report_this_version_cannot_read_is_marked_again_without_a_traceback():
    _mark(CLASS_CSV)
    with closing(cls.open_db()) as db, db:
        db.execute("UPDATE class_essays SET report_json = ? WHERE row = 0", ('{"points": 5}',))
    at = _page()
    assert not at.exception and not any("Marked again" in i.value for i in at.info)
    assert "Amy Khan" in list(_table(at)["student"])


def test_a_save_over_marking_another_tab_saved_since_asks_first():
    """Two tabs on one essay: the second tab's save wrote over the first's mark and reason unseen
    (a walk's finding). It is refused once, saying so; saving again replaces it knowingly."""
    first = _tab(_mark(CLASS_CSV), STUDENT)
    second = _tab(_page(), STUDENT)
    for tab in (first, second):
        _open(tab, "Amy Khan")
    first.text_input(key=_key(0, "mark")).input(str(8))
    first.text_input(key=_key(0, "mark_why")).input("T1: some relevant points")
    first.button(key=_key(0, "save")).click().run()
    assert not first.error
    second.text_input(key=_key(0, "mark")).input(str(15))
    second.text_input(key=_key(0, "mark_why")).input("T2: a range of points")
    second.button(key=_key(0, "save")).click().run()
    assert any("saved in another tab" in shown(e.value) for e in second.error)
    with closing(cls.open_db()) as db:
        assert cls.overrides(db, _only_set().id)[0][cls.MARK].reason == "T1: some relevant points"
    second.button(key=_key(0, "save")).click().run()
    assert not second.error
    with closing(cls.open_db()) as db:
        assert cls.overrides(db, _only_set().id)[0][cls.MARK].reason == "T2: a range of points"


@pytest.mark.parametrize("name, width", [("Bo Li", 120), ("Aleksandra Wójcik-Fitzgerald", 252),
                                         ("Maximiliano Alejandro de la Cruz Fernández", 260)])
def test_the_pinned_name_column_is_as_wide_as_the_longest_name_within_its_bounds(name, width):
    """"medium" (200 px) cut a long name mid-word; the column grows with the longest name, up to a
    width that leaves the marks in view on a phone."""
    essay = json.dumps(TROTSKY_STRONG)
    at = _mark(f"student,essay\nAl Ng,{essay}\n{name},{essay}\n")
    config = json.loads(_table_element(at).proto.columns)
    column = next(v for k, v in config.items() if "student" in k)
    assert column["pinned"] is True and column["width"] == width
