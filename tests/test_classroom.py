"""Classes, students, join codes and PINs, timed assignments, class sets from submissions,
released feedback, deletion and a student's data export, on a real database and the real engine."""
from __future__ import annotations

import io
import json
import zipfile
from contextlib import closing
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from essaycoach import accounts as acc
from essaycoach import assignments as asg
from essaycoach import attempts as att
from essaycoach import class_lessons, store
from essaycoach import classes as cls
from essaycoach import classroom as room
from essaycoach.cli import main
from essaycoach.exemplars import Exemplar
from essaycoach.inputs import tidy_name
from essaycoach.loaders import load_rubric
from essaycoach.project import default_engine

ROOT = Path(__file__).resolve().parents[1]
AMY = (ROOT / "examples" / "amy.txt").read_text(encoding="utf-8")
T0 = 1_800_000_000.0


@pytest.fixture()
def db(tmp_path, monkeypatch):
    monkeypatch.setenv("ESSAYCOACH_DATA", str(tmp_path))
    with closing(store.connect()) as conn:
        yield conn


@pytest.fixture()
def klass(db) -> tuple[int, list[acc.Account]]:
    class_id = room.create_class(db, "13B History")
    added = room.add_students(db, class_id, ["Ada Lovelace", "Ben Ortiz", "Cat Li"])
    return class_id, list(added.students)


@pytest.mark.parametrize("text, names", [
    ("name\nAda Lovelace\nBen  Ortiz\n", ["Ada Lovelace", "Ben Ortiz"]),
    ("\ufeffStudent,Set\nAda,13B\n,13B\nBen,13B\n", ["Ada", "Ben"]),
    ("Ada Lovelace\nBen Ortiz\n\n", ["Ada Lovelace", "Ben Ortiz"]),
    ("first,Full Name\nx,Ada L\n", ["Ada L"]),
    ("", []),
])
def test_roster_names_from_csv_or_lines(text, names):
    assert room.roster_names(text) == names


def test_typed_names_are_one_a_line_commas_and_all():
    assert room.typed_names("Smith, John\n\n  Ada   Lovelace \nname\n") == ["Smith, John", "Ada Lovelace", "name"]


@pytest.mark.parametrize("text", ["Name;Email\nAda Lovelace;a@b\nBen Ortiz;b@c\n",
                                  "name\temail\nAda Lovelace\ta@b\nBen Ortiz\tb@c\n",
                                  "Email,Student\na@b,Ada Lovelace\nb@c,Ben Ortiz\n"])
def test_a_roster_is_read_with_its_own_delimiter(text):
    assert room.roster_names(text) == ["Ada Lovelace", "Ben Ortiz"]


def test_a_roster_without_a_name_column_says_what_it_needs():
    with pytest.raises(room.ClassroomError, match=r"no column of names.*name, student"):
        room.roster_names("first,last\nAda,Lovelace\n", "roster.csv")


def test_names_are_unique_and_each_problem_is_reported_in_its_row(db, klass):
    class_id, _ = klass
    other = room.create_class(db, "13C")
    added = room.add_students(db, other, ["ada  lovelace", "Dan", "dan", "Teacher", "  "])
    assert [s.name for s in added.students] == ["Dan"]
    assert [p.split(":")[0] for p in added.problems] == ["ada lovelace", "dan", "Teacher"]
    assert "add an initial" in added.problems[0] and "the teacher's account" in added.problems[2]
    # a name given twice in the same list is said so, not "already used by" the first of the two
    assert added.problems[1] == "dan: given twice in this list; add an initial to tell them apart"
    acc.set_teacher_password(db, "correct horse")  # the teacher's name stayed free
    assert [s.name for s in room.students(db, class_id)] == ["Ada Lovelace", "Ben Ortiz", "Cat Li"]


def test_the_teacher_sees_who_has_signed_in_not_just_who_has_a_pin(db, klass):
    class_id, (ada, _, cat) = klass
    acc.join(db, ada.join_code, "ada's password", now=T0)
    room.make_pins(db, class_id)                       # Ben and Cat get PINs
    room.reset_student(db, cat.id)                     # Cat lost hers: a new join code
    status = {s.name: room.sign_in_status(s) for s in room.students(db, class_id)}
    assert status["Ada Lovelace"].startswith("signed in ") and "2027" in status["Ada Lovelace"]
    assert status["Ben Ortiz"] == "PIN made, not signed in yet"
    assert status["Cat Li"] == "not joined yet"


def test_pins_replace_join_codes_and_are_shown_once(db, klass):
    class_id, (ada, ben, _) = klass
    acc.join(db, ada.join_code, "ada's password")
    pins = dict(room.make_pins(db, class_id))
    assert set(pins) == {"Ben Ortiz", "Cat Li"}  # Ada has her own password already
    assert all(len(p) == room.PIN_DIGITS and p.isdigit() for p in pins.values())
    assert acc.sign_in(db, acc.STUDENT, "Ben Ortiz", pins["Ben Ortiz"]).account.id == ben.id
    assert room.make_pins(db, class_id) == []
    assert all(s.join_code is None for s in room.students(db, class_id))


def test_a_reset_gives_a_new_code_and_ends_the_old_password(db, klass):
    _, (ada, _, _) = klass
    session = acc.join(db, ada.join_code, "ada's password")
    code = room.reset_student(db, ada.id)
    assert acc.session_account(db, session.token) is None
    with pytest.raises(acc.AuthError):
        acc.sign_in(db, acc.STUDENT, "Ada Lovelace", "ada's password")
    assert acc.join(db, code, "a new password").account.id == ada.id


def _assignment(db, class_id, feedback="release", minutes=45, opens=T0, closes=T0 + 7200):
    return asg.create(db, class_id, "trotsky-errors", "Trotsky mock", minutes, opens, closes, feedback)


@pytest.mark.parametrize("changes, message", [
    ({"minutes": 0}, "1 to 300 minutes"),
    ({"closes_at": T0 - 1}, "close after it opens"),
    ({"feedback": "sometimes"}, "feedback must be one of"),
    ({"title": "  "}, "give it a title"),
    ({"class_id": 999}, "choose a class"),
])
def test_a_bad_assignment_is_refused_with_every_reason(db, klass, changes, message):
    args = dict(class_id=klass[0], rubric_id="trotsky-errors", title="Mock", minutes=45, opens_at=T0,
                closes_at=T0 + 3600, feedback="now") | changes
    with pytest.raises(asg.AssignmentError, match=message):
        asg.create(db, **args)


def test_the_same_essay_is_not_set_twice_for_a_class(db, klass):
    """A second press of "Set the essay" had made a twin the students saw twice, and the page's
    picker could no longer tell the two apart (a walk's finding)."""
    first = _assignment(db, klass[0])
    with pytest.raises(asg.AssignmentError, match="already has that essay"):
        _assignment(db, klass[0])
    later = _assignment(db, klass[0], closes=T0 + 9000)  # another closing time is another essay
    assert [a.id for a in asg.for_class(db, klass[0])] == [later.id, first.id]


@pytest.mark.parametrize("name", ["13B History", " 13b   history "])
def test_two_classes_cannot_share_a_name(db, klass, name):
    with pytest.raises(room.ClassroomError, match="already a class called '13B History'"):
        room.create_class(db, name)


def test_writing_under_the_clock_autosaves_and_only_the_first_sending_stands(db, klass):
    class_id, (ada, ben, _) = klass
    a = _assignment(db, class_id)
    with pytest.raises(asg.AssignmentError, match="not open now"):
        asg.start(db, a, ada, now=T0 - 60)
    sub = asg.start(db, a, ada, now=T0 + 60)
    assert asg.start(db, a, ada, now=T0 + 600).started_at == T0 + 60  # a reload does not restart the clock
    assert sub.deadline(a) == T0 + 60 + 45 * 60
    assert asg.autosave(db, a.id, ada.id, "Trotsky missed the funeral.", now=T0 + 120)
    assert asg.submission(db, a.id, ada.id).text == "Trotsky missed the funeral."
    assert asg.submit(db, a.id, ada.id, "Final text.", now=T0 + 200)
    assert not asg.autosave(db, a.id, ada.id, "changed after sending", now=T0 + 300)
    assert not asg.submit(db, a.id, ada.id, "sent twice", now=T0 + 300)
    assert asg.submission(db, a.id, ada.id).text == "Final text."
    other = room.create_class(db, "13C")
    stranger = room.add_students(db, other, ["Zed"]).students[0]
    with pytest.raises(asg.AssignmentError, match="another class"):
        asg.start(db, a, stranger, now=T0 + 60)
    with pytest.raises(asg.AssignmentError, match="closed"):
        asg.start(db, a, ben, now=T0 + 7200)


def test_a_practice_draft_once_submitted_is_not_saved_back_and_only_the_first_submission_stands(db):
    """The assignments' rule for practice: a second tab's autosave wrote a submitted draft back,
    to be offered again ("Resume my draft") and submitted twice (a walk's finding)."""
    report = default_engine().grade(AMY, load_rubric("trotsky-errors"), "Ada")
    att.save_draft(db, "Ada", "trotsky-errors", "", T0)
    assert att.autosave_draft(db, "Ada", "trotsky-errors", "Trotsky missed the funeral.", T0, T0 + 60)
    assert att.load_draft(db, "Ada", "trotsky-errors").text == "Trotsky missed the funeral."
    assert att.submit_draft(db, "Ada", report, AMY, T0, T0 + 120) is not None
    assert not att.autosave_draft(db, "Ada", "trotsky-errors", "typed on in the other tab", T0, T0 + 180)
    assert att.load_draft(db, "Ada", "trotsky-errors") is None
    assert att.submit_draft(db, "Ada", report, "submitted twice", T0, T0 + 240) is None
    assert [a.essay for a in att.list_attempts(db, "Ada")] == [AMY]


def test_drafts_whose_time_is_up_are_sent_as_last_saved(db, klass):
    class_id, (ada, ben, cat) = klass
    a = _assignment(db, class_id, minutes=30)
    asg.start(db, a, ada, now=T0)
    asg.autosave(db, a.id, ada.id, "Ada's saved draft", now=T0 + 100)
    asg.start(db, a, ben, now=T0 + 600)
    assert asg.collect_overdue(db, a, now=T0 + 30 * 60) == ["Ada Lovelace"]
    ada_sub = asg.submission(db, a.id, ada.id)
    assert ada_sub.auto and ada_sub.submitted_at == T0 + 30 * 60 and ada_sub.text == "Ada's saved draft"
    assert asg.submission(db, a.id, ben.id).submitted_at is None
    assert asg.submission(db, a.id, cat.id) is None


def test_submissions_become_a_class_set_and_released_marking_reaches_the_student(db, klass):
    class_id, (ada, ben, cat) = klass
    a = _assignment(db, class_id)
    rubric = load_rubric("trotsky-errors")
    for student, text in ((ada, AMY), (ben, "Trotsky was arrogant and missed the funeral.")):
        asg.start(db, a, student, now=T0)
        asg.submit(db, a.id, student.id, text, now=T0 + 100)
    asg.start(db, a, cat, now=T0)  # never sent: collected at time
    set_id = asg.make_class_set(db, asg.get(db, a.id), now=T0 + 3600)
    assert asg.make_class_set(db, asg.get(db, a.id)) == set_id
    stored = cls.essays(db, set_id)
    assert [e.student for e in stored] == ["Ada Lovelace", "Ben Ortiz", "Cat Li"]
    assert stored[2].error == "nothing was written"
    from essaycoach.batch import mark_batch

    cls.save_results(db, set_id, mark_batch([e.as_input() for e in stored], rubric, default_engine()))
    cls.set_override(db, set_id, 0, cls.MARK, 19, "A well-argued essay")
    a = asg.get(db, a.id)
    assert asg.student_feedback(db, a, ada.id) is None  # not released yet
    asg.release(db, a.id)
    a = asg.get(db, a.id)
    seen = asg.student_feedback(db, a, ada.id)
    assert seen.released and seen.teacher_mark == 19 and seen.notes == (("(mark)", "19", "A well-argued essay"),)
    assert json.loads(seen.report_json)["student"] == "Ada Lovelace"
    # Released but never marked by the teacher: no "teacher's mark" (it would be the engine's
    # estimate under the teacher's name); once they check it, the engine's mark is theirs.
    ben_seen = asg.student_feedback(db, a, ben.id)
    assert ben_seen.teacher_mark is None and ben_seen.notes == () and ben_seen.report_json
    cls.set_reviewed(db, set_id, 1, True)
    ben_seen = asg.student_feedback(db, a, ben.id)
    assert ben_seen.teacher_mark == json.loads(ben_seen.report_json)["mark"]
    # A point the teacher credited with the sentence they picked: the student is shown that sentence.
    cls.save_marking(db, set_id, 1, cls.Marking({"overconfidence": ("covered", "arrogance is the point")}, None, True,
                                                {"overconfidence": "Trotsky was arrogant"}), rubric.marks)
    verdict = asg.student_feedback(db, a, ben.id).verdicts()["overconfidence"]
    assert (verdict.value, verdict.sentence) == ("covered", "Trotsky was arrogant")


def test_an_essay_sent_after_the_set_was_made_joins_it_and_gets_the_released_marking(db, klass):
    """A browser walk opened the set while one student was still writing: the late essay never
    reached the set, and its student waited for feedback that never came."""
    class_id, (ada, ben, _) = klass
    a = _assignment(db, class_id, minutes=30)
    asg.start(db, a, ada, now=T0)
    asg.submit(db, a.id, ada.id, AMY, now=T0 + 100)
    asg.start(db, a, ben, now=T0 + 200)                       # still writing when the set is made
    set_id = asg.make_class_set(db, asg.get(db, a.id), now=T0 + 300)
    assert [e.student for e in cls.essays(db, set_id)] == ["Ada Lovelace"]
    asg.submit(db, a.id, ben.id, "Trotsky was arrogant and missed the funeral.", now=T0 + 400)
    assert asg.make_class_set(db, asg.get(db, a.id), now=T0 + 500) == set_id   # the same set, grown
    assert asg.make_class_set(db, asg.get(db, a.id), now=T0 + 600) == set_id   # and nothing added twice
    stored = cls.essays(db, set_id)
    assert [(e.row, e.student) for e in stored] == [(0, "Ada Lovelace"), (1, "Ben Ortiz")]
    klass = db.execute("SELECT name FROM classrooms WHERE id = ?", (class_id,)).fetchone()[0]
    assert cls.get_set(db, set_id).name == f"{klass} · {a.title}"   # two classes' sets of one prompt told apart
    from essaycoach.batch import mark_batch

    cls.save_results(db, set_id, mark_batch([e.as_input() for e in stored], load_rubric("trotsky-errors"),
                                            default_engine()))
    cls.set_override(db, set_id, 1, cls.MARK, 7, "Brief")
    asg.release(db, a.id)
    seen = asg.student_feedback(db, asg.get(db, a.id), ben.id)
    assert seen is not None and seen.released and seen.teacher_mark == 7


def test_an_essay_joining_a_released_set_waits_for_the_teacher_to_release_again(db, klass):
    """A walk: a late essay added to a set whose marking was released reached its student at once,
    with the engine's mark, though the teacher had chosen "when I release the marks" and never
    looked at it."""
    class_id, (ada, ben, _) = klass
    a = _assignment(db, class_id, minutes=30)
    asg.start(db, a, ada, now=T0)
    asg.submit(db, a.id, ada.id, AMY, now=T0 + 100)
    set_id = asg.make_class_set(db, asg.get(db, a.id), now=T0 + 300)
    asg.release(db, a.id)
    asg.start(db, a, ben, now=T0 + 400)
    asg.submit(db, a.id, ben.id, "Trotsky was arrogant and missed the funeral.", now=T0 + 500)
    assert asg.make_class_set(db, asg.get(db, a.id), now=T0 + 600) == set_id
    now = asg.get(db, a.id)
    assert asg.student_feedback(db, now, ada.id) is not None                   # released with the set
    assert asg.student_feedback(db, now, ben.id) is None                       # joined after: held back
    assert asg.held_back(db, now) == ["Ben Ortiz"]
    assert (asg.released_essay(db, set_id, 0), asg.released_essay(db, set_id, 1)) == (True, False)
    asg.release(db, a.id)                                                      # the teacher releases again
    assert asg.student_feedback(db, asg.get(db, a.id), ben.id).released and not asg.held_back(db, asg.get(db, a.id))
    asg.release(db, a.id, False)                                               # and hides it from everyone
    assert asg.released_essay(db, set_id, 0) is None and asg.student_feedback(db, asg.get(db, a.id), ada.id) is None


def test_an_assignments_essays_are_marked_for_the_time_it_gave(db, klass):
    """A 130-word answer written in 15 minutes is no "too short" 45-minute essay: the class set
    made from the assignment keeps its minutes, and the rubric is marked for them."""
    class_id, (ada, _, _) = klass
    a = _assignment(db, class_id, minutes=15)
    brief = " ".join(AMY.split()[:130])
    asg.start(db, a, ada, now=T0)
    asg.submit(db, a.id, ada.id, brief, now=T0 + 100)
    found = cls.get_set(db, asg.make_class_set(db, asg.get(db, a.id), now=T0 + 3600))
    uploaded = cls.get_set(db, cls.create_set(db, "Uploaded", "trotsky-errors", []))
    assert (found.minutes, uploaded.minutes) == (15, None)
    rubric = load_rubric("trotsky-errors")
    assert rubric.timed(None) is rubric and rubric.timed(rubric.minutes) is rubric
    as_set = default_engine().grade(brief, rubric.timed(found.minutes))
    as_essay = default_engine().grade(brief, rubric)
    assert "too-short" in {f.code for f in as_essay.warnings}
    assert "too-short" not in {f.code for f in as_set.warnings} and as_set.level > as_essay.level
    assert not any("45-minute" in step for step in as_set.next_steps)


def test_feedback_at_once_shows_the_engine_report_before_any_release(db, klass):
    class_id, (ada, _, _) = klass
    a = _assignment(db, class_id, feedback="now")
    asg.start(db, a, ada, now=T0)
    report = default_engine().grade(AMY, load_rubric("trotsky-errors"), "Ada Lovelace")
    asg.submit(db, a.id, ada.id, AMY, report_json=json.dumps(report.to_dict()), now=T0 + 60)
    seen = asg.student_feedback(db, a, ada.id)
    assert not seen.released and seen.teacher_mark is None and json.loads(seen.report_json)["mark"] == report.mark


def _everything_of(db, name: str, account: int) -> int:
    key = acc.name_key(name)
    return (sum(acc.name_key(r[0]) == key for r in db.execute("SELECT student FROM class_essays"))
            + db.execute("SELECT count(*) FROM attempts WHERE account_id = ?", (account,)).fetchone()[0]
            + db.execute("SELECT count(*) FROM drafts WHERE account_id = ?", (account,)).fetchone()[0]
            + db.execute("SELECT count(*) FROM accounts WHERE name_key = ?", (key,)).fetchone()[0])


def test_deleting_a_student_deletes_their_data_and_keeps_the_others(db, klass):
    class_id, (ada, ben, _) = klass
    a = _assignment(db, class_id)
    report = default_engine().grade(AMY, load_rubric("trotsky-errors"), "Ada Lovelace")
    att.save_attempt(db, "Ada Lovelace", report, AMY, T0, account=ada.id)
    att.save_draft(db, "Ada Lovelace", "purge-necessary", "draft", T0, account=ada.id)
    # practice typed under her name in the personal app on this database is not hers: it stays
    att.save_attempt(db, "Ada Lovelace", report, "typed in the personal app", T0)
    for student in (ada, ben):
        asg.start(db, a, student, now=T0)
        asg.submit(db, a.id, student.id, AMY, now=T0 + 10)
    set_id = asg.make_class_set(db, asg.get(db, a.id))
    cls.set_override(db, set_id, 0, cls.MARK, 12, "ok")
    learnt = [Exemplar("funeral", f"{who} says Trotsky missed the funeral.", True, who) for who in ("Ada Lovelace",
                                                                                                     "Ben Ortiz")]
    class_lessons.save_lesson(db, set_id, learnt, {1}, 2)
    session = acc.join(db, ada.join_code, "ada's password")
    assert _everything_of(db, "Ada Lovelace", ada.id) == 4
    room.delete_student(db, ada.id)
    assert _everything_of(db, "Ada Lovelace", ada.id) == 0
    assert [a.essay for a in att.list_attempts(db, "Ada Lovelace")] == ["typed in the personal app"]
    assert acc.session_account(db, session.token) is None
    assert [e.student for e in cls.essays(db, set_id)] == ["(deleted student)", "Ben Ortiz"]
    assert cls.essays(db, set_id)[0].text == "" and cls.overrides(db, set_id) == {}
    assert class_lessons.lessons(db, set_id).latest == (learnt[1],)   # what the set learnt from her essay goes
    assert asg.submission(db, a.id, ben.id).text == AMY
    room.delete_class(db, class_id)
    assert room.list_classes(db) == [] and asg.for_class(db) == []
    assert db.execute("SELECT count(*) FROM accounts").fetchone()[0] == 0


def test_export_student_gives_one_students_data_and_nobody_elses(db, klass, tmp_path):
    class_id, (ada, ben, _) = klass
    a = _assignment(db, class_id)
    asg.start(db, a, ada, now=T0)
    asg.submit(db, a.id, ada.id, "Ada's essay about Trotsky.", now=T0 + 5)
    asg.start(db, a, ben, now=T0)
    asg.submit(db, a.id, ben.id, "Ben's essay.", now=T0 + 5)
    acc.join(db, ada.join_code, "ada's password")
    report = default_engine().grade(AMY, load_rubric("trotsky-errors"), "Ada Lovelace")
    att.save_attempt(db, "Ada Lovelace", report, "Ada's practice.", T0, account=ada.id)
    att.save_attempt(db, "Ada Lovelace", report, "Typed under her name in the personal app.", T0)
    out = io.StringIO()
    assert main(["export-student", "ada lovelace", "--out", str(tmp_path / "ada.zip")], out=out) == 0
    with zipfile.ZipFile(tmp_path / "ada.zip") as zf:
        data = json.loads(zf.read("student.json"))
        texts = [zf.read(n).decode() for n in zf.namelist() if n.endswith(".txt")]
    assert data["student"]["name"] == "Ada Lovelace" and data["student"]["class"] == "13B History"
    assert "password" not in json.dumps(data["student"]).lower().replace("has_password", "")
    assert [s["text"] for s in data["submissions"]] == ["Ada's essay about Trotsky."]
    assert [a["essay"] for a in data["attempts"]] == ["Ada's practice."]   # by account, not by name
    assert sorted(texts) == ["Ada's essay about Trotsky.", "Ada's practice."]
    assert main(["export-student", "Nobody", "--out", str(tmp_path / "n.zip")]) == 2


@pytest.mark.parametrize("where, message", [
    ("essaycoach.sqlite3", "must end in .zip"),   # the live database (an --out typo once replaced it)
    ("essay.txt", "must end in .zip"),            # a student's essay
    ("ada.zip", "already exists"),                # last week's export, or any zip
])
def test_export_student_never_replaces_a_file(db, klass, tmp_path, capsys, where, message):
    target = tmp_path / where
    if not target.exists():
        target.write_bytes(b"keep me")
    before = target.read_bytes()
    assert main(["export-student", "ada lovelace", "--out", str(target)]) == 2
    assert message in capsys.readouterr().err and target.read_bytes() == before


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(names=st.lists(st.text(alphabet=st.sampled_from("abAB \t-'é"), max_size=6), max_size=12))
def test_every_typed_name_is_added_once_or_reported(tmp_path_factory, names):
    """Whatever names are typed: no two accounts share a name, and each non-blank line is either
    a new student or a reported problem."""
    with closing(store.connect(tmp_path_factory.mktemp("h") / "db.sqlite3")) as db:
        class_id = room.create_class(db, "H")
        added = room.add_students(db, class_id, names)
        keys = [acc.name_key(s.name) for s in room.students(db, class_id)]
    assert len(keys) == len(set(keys)) == len(added.students)
    assert len(added.students) + len(added.problems) == sum(bool(tidy_name(n)) for n in names)


def test_a_name_too_long_is_added_shortened_and_said_to_be(db, klass):
    """A 300-character name had been cut to 80 without a word (a classroom walk)."""
    added = room.add_students(db, klass[0], ["Z" * 300, "Dan Brown"])
    assert [s.name for s in added.students] == ["Z" * 80, "Dan Brown"]
    assert added.problems == (f"{'Z' * 80}…: shortened to 80 characters, the longest a name may be",)


@pytest.mark.parametrize("sent, open_warning", [
    (("Ada Lovelace",), True),                                  # two not started yet
    (("Ada Lovelace", "Ben Ortiz", "Cat Li"), False),           # all sent: nobody left to write (walk 45)
])
def test_release_warns_of_an_open_essay_only_while_someone_can_still_write(db, klass, sent, open_warning):
    class_id, students = klass
    a = _assignment(db, class_id)
    for s in students:
        if s.name in sent:
            asg.start(db, a, s, now=T0)
            asg.submit(db, a.id, s.id, f"{s.name}'s essay on Trotsky.", now=T0 + 60)
    a = asg.get(db, asg.make_class_set(db, a) and a.id)
    warnings = asg.release_warnings(db, a, now=T0 + 120)
    assert any("still open" in w for w in warnings) is open_warning
    unseen = len(sent)
    verb = "has" if unseen == 1 else "have"
    assert f"{unseen} of {unseen} essay{'s' * (unseen > 1)} {verb} not been reviewed by you" in warnings[0]
