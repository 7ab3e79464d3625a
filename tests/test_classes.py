"""Class sets in SQLite: uploads stored, results, overrides and the labels they give calibration."""
from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from resources import docx_bytes

from essaycoach import class_lessons, migrations
from essaycoach import classes as cls
from essaycoach.batch import mark_batch
from essaycoach.calibrate import Calibration
from essaycoach.engine import Thresholds
from essaycoach.exemplars import Exemplar
from essaycoach.inputs import MAX_FILE_BYTES, essays_from_csv, essays_from_uploads

ROOT = Path(__file__).resolve().parents[1]
CLASS_CSV = (ROOT / "examples" / "class.csv").read_bytes()


@pytest.fixture()
def db(tmp_path):
    with closing(cls.open_db(tmp_path / "db.sqlite3")) as conn:
        yield conn


@pytest.fixture(scope="module")
def class_essays():
    return essays_from_csv(CLASS_CSV.decode("utf-8"), "class.csv")


@pytest.fixture(scope="module")
def rows(class_essays, engine, trotsky):
    return mark_batch(class_essays, trotsky, engine)


def test_a_set_and_its_overrides_survive_a_reconnect(tmp_path, class_essays, rows, trotsky):
    path = tmp_path / "db.sqlite3"
    with closing(cls.open_db(path)) as db:
        set_id = cls.create_set(db, "  12B   mock ", trotsky.id, class_essays)
        cls.save_results(db, set_id, rows)
        cls.set_override(db, set_id, 0, "testament", "missing", "only names the document")
        cls.set_override(db, set_id, 0, cls.MARK, 12, "generous elsewhere", trotsky.marks)
        cls.set_reviewed(db, set_id, 1, True)
    with closing(cls.open_db(path)) as db:
        [found] = cls.list_sets(db)
        assert (found.name, found.rubric_id, found.essays) == ("12B mock", "trotsky-errors", len(class_essays))
        assert cls.get_set(db, set_id) == found and cls.get_set(db, set_id + 1) is None
        stored = cls.essays(db, set_id)
        assert [e.student for e in stored] == [e.student for e in class_essays]
        assert [e.text for e in stored] == [e.text for e in class_essays]
        assert stored[1].reviewed and not stored[0].reviewed
        assert stored[3].error == "empty essay"
        mine = cls.overrides(db, set_id)[0]
        assert mine["testament"].value == "missing" and mine["testament"].reason == "only names the document"
        assert mine[cls.MARK].value == "12"
        reports = cls.stored_reports(db, set_id, trotsky)
        assert sorted(reports) == [0, 1, 2]   # the empty essay has no report
        assert reports[0].mark == rows[0].report.mark
        assert [p.status for p in reports[0].points] == [p.status for p in rows[0].report.points]


def test_a_blank_name_gets_the_date(db, class_essays):
    set_id = cls.create_set(db, "   ", "trotsky-errors", class_essays)
    assert cls.get_set(db, set_id).name.startswith("Class set ")


@pytest.mark.parametrize("target, value, reason, problem", [
    ("testament", "made", "x", "status must be one of"),
    ("testament", "covered", "  ", r"give a reason .* shown beside the engine's"),
    # the mark may be for an essay the engine could not mark: no engine's mark to show it beside
    (cls.MARK, "3", "", r"give a reason for your mark \(it goes into the exports with your mark\)"),
    (cls.MARK, "30", "x", "from 0 to 25"),
    (cls.MARK, "ten", "x", "whole number"),
    # a mark as typed in a text box: never cut to a number, never a crash
    (cls.MARK, "2.5", "x", r"whole number from 0 to 25, not '2\.5'"),
    (cls.MARK, "1e3", "x", r"whole number from 0 to 25, not '1e3'"),
    (cls.MARK, "²", "x", "whole number"),
    (cls.MARK, "9" * 5000, "x", r"not '9+…"),
])
def test_bad_overrides_are_refused_with_a_reason(db, class_essays, target, value, reason, problem):
    set_id = cls.create_set(db, "set", "trotsky-errors", class_essays)
    with pytest.raises(cls.OverrideError, match=problem):
        cls.set_override(db, set_id, 0, target, value, reason, max_mark=25)
    assert cls.overrides(db, set_id) == {}


@pytest.mark.parametrize("typed, stored", [(" 7 ", "7"), ("07", "7"), ("+12", "12"), ("٣", "3"), ("0", "0")])
def test_a_typed_mark_is_stored_as_its_whole_number(db, class_essays, typed, stored):
    set_id = cls.create_set(db, "set", "trotsky-errors", class_essays)
    assert cls.set_override(db, set_id, 0, cls.MARK, typed, "x", max_mark=25).value == stored


def test_save_marking_is_all_or_nothing_and_replaces_the_old_marking(db, class_essays, rows, trotsky):
    set_id = cls.create_set(db, "set", trotsky.id, class_essays)
    cls.save_results(db, set_id, rows)
    bad = cls.Marking({"funeral": ("missing", "wrong event"), "testament": ("covered", "")}, (40, "x"), True)
    with pytest.raises(cls.OverrideError) as caught:
        cls.save_marking(db, set_id, 0, bad, trotsky.marks)
    assert "'testament'" in str(caught.value) and "the mark" in str(caught.value)
    assert cls.overrides(db, set_id) == {} and not cls.essays(db, set_id)[0].reviewed

    first = cls.Marking({"funeral": ("missing", "wrong event"), "testament": ("partial", "named only")},
                        (9, "thin"), True)
    cls.save_marking(db, set_id, 0, first, trotsky.marks)
    kept = cls.overrides(db, set_id)[0]
    assert {t: (o.value, o.reason) for t, o in kept.items()} == {
        "funeral": ("missing", "wrong event"), "testament": ("partial", "named only"), cls.MARK: ("9", "thin")}
    assert cls.essays(db, set_id)[0].reviewed

    cls.save_marking(db, set_id, 0, cls.Marking({"funeral": ("missing", "wrong event")}, None, False))
    now = cls.overrides(db, set_id)[0]
    assert list(now) == ["funeral"] and now["funeral"].created_at == kept["funeral"].created_at
    assert not cls.essays(db, set_id)[0].reviewed


def test_a_marking_made_from_what_another_tab_has_since_replaced_is_refused(db, class_essays, rows, trotsky):
    set_id = cls.create_set(db, "set", trotsky.id, class_essays)
    cls.save_results(db, set_id, rows)
    shown = cls.overrides(db, set_id).get(0, {})  # what both tabs showed: nothing yet
    cls.save_marking(db, set_id, 0, cls.Marking({}, (8, "tab one"), False), trotsky.marks, was=shown)
    with pytest.raises(cls.StaleMarking, match="saved in another tab"):
        cls.save_marking(db, set_id, 0, cls.Marking({}, (15, "tab two"), False), trotsky.marks, was=shown)
    assert cls.overrides(db, set_id)[0][cls.MARK].reason == "tab one"
    cls.save_marking(db, set_id, 0, cls.Marking({}, (15, "tab two"), False), trotsky.marks,
                     was=cls.overrides(db, set_id)[0])
    assert cls.overrides(db, set_id)[0][cls.MARK].reason == "tab two"


def test_teacher_labels_follow_reviews_and_overrides(db, class_essays, rows, trotsky):
    set_id = cls.create_set(db, "set", trotsky.id, class_essays)
    cls.save_results(db, set_id, rows)
    engine0 = {p.id: p.status for p in rows[0].report.points}
    cls.save_marking(db, set_id, 0, cls.Marking({"funeral": ("missing", "wrong event"),
                                                 "testament": ("partial", "named, not explained")}, None, True))
    cls.set_override(db, set_id, 1, cls.MARK, 9, "weak", trotsky.marks)
    cls.set_override(db, set_id, 2, "testament", "covered", "it is there")
    cls.set_reviewed(db, set_id, 3, True)   # Dan's empty essay: reviewed, but nothing to label
    labels = cls.teacher_labels(db, set_id, trotsky)
    assert [label.student for label in labels] == [e.student for e in class_essays[:3]]
    first, second, third = labels
    # Reviewed: every point labelled; the engine's "covered" is 1 unless overridden; partial is 0.
    assert set(first.points) == {p.id for p in trotsky.points}
    assert first.points["funeral"] == 0 and first.points["testament"] == 0
    agreed = {pid for pid, status in engine0.items() if status == "covered"} - {"funeral", "testament"}
    assert {k for k, v in first.points.items() if v} == agreed
    assert first.mark == rows[0].report.mark and first.text == class_essays[0].text
    # Overridden but not reviewed: only what the teacher said.
    assert second.points == {} and second.mark == 9
    assert third.points == {"testament": 1} and third.mark is None


def test_a_review_keeps_the_verdicts_the_teacher_saw(db, class_essays, rows, engine, trotsky):
    set_id = cls.create_set(db, "set", trotsky.id, class_essays)
    cls.save_results(db, set_id, rows)
    cls.set_reviewed(db, set_id, 0, True)
    before = cls.teacher_labels(db, set_id, trotsky)
    assert any(before[0].points.values())   # Amy's essay makes points
    # Re-marked later with a calibration nothing can pass: what was agreed does not change.
    strict = Calibration(trotsky.id, tuple((p.id, Thresholds(0.99, 0.98)) for p in trotsky.points),
                         tuple((p.id, 1.0) for p in trotsky.points), 10, "")
    cls.save_results(db, set_id, mark_batch(class_essays, trotsky, engine, calibration=strict))
    assert cls.stored_reports(db, set_id)[0].mark < rows[0].report.mark
    assert cls.teacher_labels(db, set_id, trotsky) == before
    # Reviewing again agrees with what is on show now.
    cls.set_reviewed(db, set_id, 0, False)
    assert cls.teacher_labels(db, set_id, trotsky) == []
    cls.set_reviewed(db, set_id, 0, True)
    assert not any(cls.teacher_labels(db, set_id, trotsky)[0].points.values())


def test_sets_left_unnamed_in_the_same_minute_get_names_that_tell_them_apart(db, monkeypatch):
    """A walk marked three sets without a name and got three identical "Class set <date time>"."""
    monkeypatch.setattr(cls.time, "strftime", lambda fmt: "Class set 01 Dec 2026 20:19")
    essays = essays_from_csv("student,essay\nAmy,One.\n")
    ids = [cls.create_set(db, "  ", "trotsky-errors", essays) for _ in range(3)]
    names = {s.id: s.name for s in cls.list_sets(db)}
    assert [names[i] for i in ids] == ["Class set 01 Dec 2026 20:19", "Class set 01 Dec 2026 20:19 (2)",
                                       "Class set 01 Dec 2026 20:19 (3)"]


def test_duplicate_names_get_labels_that_tell_them_apart(db):
    essays = essays_from_csv("student,essay\nAmy,One.\nBen,Two.\nAmy,Three.\n,Four.\n")
    set_id = cls.create_set(db, "set", "trotsky-errors", essays)
    assert cls.student_labels(cls.essays(db, set_id)) == ["Amy (essay 1)", "Ben", "Amy (essay 3)", "essay 4 (no name)"]


def test_deleting_a_set_removes_its_essays_and_overrides(db, class_essays):
    set_id = cls.create_set(db, "set", "trotsky-errors", class_essays)
    cls.set_override(db, set_id, 0, "funeral", "covered", "fine")
    cls.delete_set(db, set_id)
    assert cls.list_sets(db) == [] and cls.essays(db, set_id) == [] and cls.overrides(db, set_id) == {}


CREDITED = Exemplar("funeral", "He also missed Lenin's funeral in January 1924.", True, "Amy Khan")
REJECTED = Exemplar("testament", "Trotsky did not like Stalin at all.", False, "Ben Ortiz")


def test_a_lesson_is_kept_with_the_set_and_re_marks_only_what_was_not_reviewed(tmp_path, class_essays):
    path = tmp_path / "db.sqlite3"
    with closing(cls.open_db(path)) as db:
        set_id = cls.create_set(db, "12B", "trotsky-errors", class_essays)
        assert class_lessons.lessons(db, set_id) == class_lessons.Lessons()
        cls.set_reviewed(db, set_id, 0, True)
        assert class_lessons.save_lesson(db, set_id, [CREDITED], {0, 1, 2}, 1) == 1
        cls.set_reviewed(db, set_id, 1, True)   # reviewed since the first lesson: keeps it
        assert class_lessons.save_lesson(db, set_id, [CREDITED, REJECTED], {1, 2}, 2) == 2
    with closing(cls.open_db(path)) as db:   # a reload finds it all
        lessons = class_lessons.lessons(db, set_id)
        assert lessons.rounds == ((1, (CREDITED,)), (2, (CREDITED, REJECTED)))
        assert lessons.by_row() == {1: (CREDITED,), 2: (CREDITED, REJECTED)}
        assert lessons.latest == (CREDITED, REJECTED)
        cls.delete_set(db, set_id)
        assert class_lessons.lessons(db, set_id) == class_lessons.Lessons()


def test_an_older_database_gains_the_review_column(tmp_path):
    path = tmp_path / "old.sqlite3"
    with closing(sqlite3.connect(path)) as old:
        baseline = ";\n".join(migrations.MIGRATIONS[0].statements)  # the schema before migrations
        old.executescript(baseline.replace("    agreed_json TEXT,\n", ""))
        old.execute("INSERT INTO class_sets (name, rubric_id, created_at) VALUES ('old', 'trotsky-errors', 0)")
        old.execute("INSERT INTO class_essays (set_id, row, student, origin, text) VALUES (1, 0, 'A', 'a', 'x')")
        old.commit()
    with closing(cls.open_db(path)) as db:
        cls.set_reviewed(db, 1, 0, True)
        assert cls.essays(db, 1)[0].reviewed


def test_a_messy_upload_is_stored_with_each_problem_named_and_the_good_essays_marked(db, engine, trotsky):
    files = [
        ("class.csv", CLASS_CSV),
        ("Eve Ng.docx", docx_bytes("Trotsky missed Lenin's funeral in January 1924.\nStalin gave the speech.")),
        ("Fay.txt", "Trotsky was arrogant and did not press for the Testament’s publication.".encode("cp1252")),
        ("photo.txt", bytes(range(256)) * 8),
        ("Gus.md", b"   \n"),
        ("huge.txt", b"a" * (MAX_FILE_BYTES + 1)),
        ("wrong.csv", b"pupil_name,answerz\nHal,Stalin won.\n"),
        ("notes.pdf", b"%PDF-1.4"),
    ]
    essays, problems = essays_from_uploads(files, "student,essay\nIvy,Stalin controlled appointments.\n")
    assert len(problems) == 1 and "wrong.csv" in problems[0] and "'answerz'" in problems[0]
    set_id = cls.create_set(db, "messy", trotsky.id, essays)
    stored = {e.student: e for e in cls.essays(db, set_id)}
    assert list(stored) == ["Amy Khan", "Ben Ortiz", "Cat Li", "Dan Wu", "Eve Ng", "Fay", "photo", "Gus", "huge",
                            "notes", "Ivy"]
    assert "funeral" in stored["Eve Ng"].text and stored["Eve Ng"].error is None
    assert "Testament’s" in stored["Fay"].text          # Windows-1252 quote read correctly
    assert "binary" in stored["photo"].error
    assert stored["Gus"].error == stored["Dan Wu"].error == "empty essay"
    assert "MB" in stored["huge"].error and stored["huge"].text == ""
    assert "not a readable PDF" in stored["notes"].error
    marked = mark_batch([e.as_input() for e in cls.essays(db, set_id)], trotsky, engine)
    assert [r.student for r in marked if r.report] == ["Amy Khan", "Ben Ortiz", "Cat Li", "Eve Ng", "Fay", "Ivy"]


def test_a_file_in_an_uploaded_zip_that_is_no_essay_is_left_out_of_the_set_and_named(db):
    """Walk 46: a photo in the class's zip became a student "photo" in the marks table ("3 of 5
    essays marked"), and the marking screen opened on it first."""
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("12B/Amy.txt", "Trotsky missed Lenin's funeral.")
        zf.writestr("12B/Ben.txt", "")                      # an essay file, empty: Ben's row says so
        zf.writestr("12B/photo.png", b"\x89PNG\r\n")
    essays, problems = essays_from_uploads([("12B.zip", buf.getvalue())])
    assert [e.student for e in essays] == ["Amy", "Ben"]
    assert problems == ["12B.zip/12B/photo.png: skipped, not an essay file (accepted: .txt, .md, .docx, .pdf "
                        "and .csv)"]


_SAVED = {"funeral": cls.Override(0, "funeral", "missing", "too thin", 0.0),
          cls.MARK: cls.Override(0, cls.MARK, "7", "one-sided", 0.0)}


@pytest.mark.parametrize("marking, reviewed, same", [  # reviewed: the essay's stored flag
    (cls.Marking({"funeral": ("missing", "too  thin ")}, (7, "one-sided"), True), True, True),  # tidied as saved
    (cls.Marking({"funeral": ("missing", "too thin")}, (7, "one-sided"), False), True, False),  # review taken back
    (cls.Marking({"funeral": ("partial", "too thin")}, (7, "one-sided"), True), True, False),   # another verdict
    (cls.Marking({"funeral": ("missing", "too thin")}, None, True), True, False),               # the mark cleared
    (cls.Marking({"funeral": ("missing", "too thin")}, (8, "one-sided"), True), True, False),   # another mark
    (cls.Marking({}, None, False), False, False),                                               # overrides dropped
])
def test_unchanged_says_whether_a_save_would_change_anything(marking, reviewed, same):
    assert cls.unchanged(_SAVED, reviewed, marking) is same


@pytest.mark.parametrize("sent, student", [
    ('Zo\u00eb %22O\'Neil%22 <b>.txt', 'Zo\u00eb "O\'Neil" <b>'),   # a browser sends '"' as %22
    ("Amy Khan.txt", "Amy Khan"),
    ("100% sure.txt", "100% sure"),                              # a per cent sign that escapes nothing
])
def test_an_uploaded_file_name_is_the_students_name_as_the_file_spells_it(sent, student):
    (essay,), problems = essays_from_uploads([(sent, b"Trotsky missed Lenin's funeral.")])
    assert not problems and essay.student == student
