"""Timed assignments in classroom mode: set, written under the clock, collected as a class set.

Pure functions over an open connection. A student's submission row *is* their draft until it
is sent: :func:`start` creates it (the clock starts then and keeps running while they are
away), :func:`autosave` overwrites its text every few seconds, :func:`submit` sends it. Time is
up at the earlier of the student's own minutes and the assignment's closing time; a draft whose
time is up is sent by :func:`collect_overdue` with whatever was last saved, so a closed laptop
still hands in its essay. :func:`make_class_set` turns the submissions into a class set for the
marking page; :func:`student_feedback` is what a student may see of the marking, and when.
"""
from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Sequence
from dataclasses import dataclass

from .accounts import Account, new_id
from .errors import EssaycoachError
from .inputs import EssayInput
from .markup import counted, listed
from .overrides import MARK, Override

FEEDBACK = {"now": "at once, from the engine, when they submit", "release": "when I release the marks"}
MAX_MINUTES = 300
MAX_TITLE = 120


class AssignmentError(EssaycoachError, ValueError):
    """An assignment that cannot be set or written now; the message says why."""


@dataclass(frozen=True)
class Assignment:
    """A timed essay set to a class (``feedback``: a key of :data:`FEEDBACK`)."""

    id: int
    class_id: int
    rubric_id: str
    title: str
    minutes: int
    opens_at: float
    closes_at: float
    feedback: str
    set_id: int | None       # the class set made from the submissions
    released_at: float | None
    created_at: float

    def is_open(self, now: float) -> bool:
        return self.opens_at <= now < self.closes_at


@dataclass(frozen=True)
class Submission:
    """A student's essay for an assignment: their draft until ``submitted_at`` is set."""

    assignment_id: int
    account_id: int
    student: str
    text: str
    started_at: float
    saved_at: float
    submitted_at: float | None
    auto: bool               # sent because time was up, not by the student
    report_json: str | None  # the engine's feedback when the assignment gives it at once
    set_row: int | None      # its row in the class set
    released_at: float | None = None  # when its marking was released to the student (None: not yet)

    @property
    def words(self) -> int:
        return len(self.text.split())

    def deadline(self, assignment: Assignment) -> float:
        return min(self.started_at + assignment.minutes * 60, assignment.closes_at)


@dataclass(frozen=True)
class Feedback:
    """What the student sees of the marking: the report, and once released the teacher's word."""

    report_json: str | None
    teacher_mark: int | None  # once released: the teacher's mark, or the engine's they checked (None: unmarked)
    notes: tuple[tuple[str, str, str], ...]  # (target: point id or "(mark)", value, the teacher's reason)
    released: bool
    picked: tuple[tuple[str, str], ...] = ()  # (point id, the sentence the teacher picked as making it)
    comments: tuple[tuple[str | None, str], ...] = ()  # from the comment bank: (point id or None: general, text)

    def verdicts(self) -> dict[str, Override]:
        """The teacher's verdicts on points, by point id (for ``marking.standing_report``)."""
        picked = dict(self.picked)
        return {t: Override(0, t, v, r, 0.0, picked.get(t)) for t, v, r in self.notes if t != MARK}


def _assignment(r: sqlite3.Row) -> Assignment:
    return Assignment(r["id"], r["class_id"], r["rubric_id"], r["title"], r["minutes"], r["opens_at"], r["closes_at"],
                      r["feedback"], r["set_id"], r["released_at"], r["created_at"])


def create(db: sqlite3.Connection, class_id: int, rubric_id: str, title: str, minutes: int,
           opens_at: float, closes_at: float, feedback: str) -> Assignment:
    """Set a timed essay; every problem is reported together in one :class:`AssignmentError`."""
    problems = []
    title = " ".join(str(title or "").split())[:MAX_TITLE]
    if db.execute("SELECT 1 FROM classrooms WHERE id = ?", (class_id,)).fetchone() is None:
        problems.append("choose a class")
    if not rubric_id:
        problems.append("choose a prompt")
    if not title:
        problems.append("give it a title")
    if not isinstance(minutes, int) or not 1 <= minutes <= MAX_MINUTES:
        problems.append(f"the time allowed must be 1 to {MAX_MINUTES} minutes")
    if closes_at <= opens_at:
        problems.append("it must close after it opens")
    if feedback not in FEEDBACK:
        problems.append(f"feedback must be one of {', '.join(FEEDBACK)}")
    if not problems and db.execute(
            "SELECT 1 FROM assignments WHERE class_id = ? AND rubric_id = ? AND title = ? AND opens_at = ? "
            "AND closes_at = ?", (class_id, rubric_id, title, float(opens_at), float(closes_at))).fetchone():
        # A second press of "Set": the class would see the essay twice, its submissions split.
        problems.append("this class already has that essay with the same title and times")
    if problems:
        raise AssignmentError("; ".join(problems))
    row = (class_id, rubric_id, title, minutes, float(opens_at), float(closes_at), feedback, time.time())
    with db:
        cur = db.execute("INSERT INTO assignments (class_id, rubric_id, title, minutes, opens_at, closes_at, "
                         "feedback, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", row)
    found = get(db, new_id(cur))
    assert found is not None  # just written
    return found


def get(db: sqlite3.Connection, assignment_id: int) -> Assignment | None:
    row = db.execute("SELECT * FROM assignments WHERE id = ?", (int(assignment_id),)).fetchone()
    return _assignment(row) if row else None


def for_class(db: sqlite3.Connection, class_id: int | None = None) -> list[Assignment]:
    """The class's assignments (every class's when ``None``), latest opening first."""
    sql = "SELECT * FROM assignments"
    args: tuple[int, ...] = ()
    if class_id is not None:
        sql, args = sql + " WHERE class_id = ?", (class_id,)
    return [_assignment(r) for r in db.execute(sql + " ORDER BY opens_at DESC, id DESC", args)]


def delete(db: sqlite3.Connection, assignment_id: int) -> None:
    """Delete an assignment and its submissions (a class set made from it stays, on the marking page)."""
    with db:
        db.execute("DELETE FROM submissions WHERE assignment_id = ?", (assignment_id,))
        db.execute("DELETE FROM assignments WHERE id = ?", (assignment_id,))


_SUBMISSION = ("SELECT s.*, a.name AS student FROM submissions s JOIN accounts a ON a.id = s.account_id ")


def _submission(r: sqlite3.Row) -> Submission:
    return Submission(r["assignment_id"], r["account_id"], r["student"], r["text"], r["started_at"], r["saved_at"],
                      r["submitted_at"], bool(r["auto"]), r["report_json"], r["set_row"], r["released_at"])


def submission(db: sqlite3.Connection, assignment_id: int, account_id: int) -> Submission | None:
    row = db.execute(_SUBMISSION + "WHERE s.assignment_id = ? AND s.account_id = ?",
                     (assignment_id, account_id)).fetchone()
    return _submission(row) if row else None


def submissions(db: sqlite3.Connection, assignment_id: int) -> list[Submission]:
    """Every started or sent essay of the assignment, by student name."""
    rows = db.execute(_SUBMISSION + "WHERE s.assignment_id = ? ORDER BY a.name_key", (assignment_id,))
    return [_submission(r) for r in rows]


def start(db: sqlite3.Connection, assignment: Assignment, student: Account, now: float | None = None) -> Submission:
    """The student's submission, started now if it was not already (the clock starts once)."""
    now = time.time() if now is None else now
    found = submission(db, assignment.id, student.id)
    if found is not None:
        return found
    if student.class_id != assignment.class_id:
        raise AssignmentError("this assignment is for another class")
    if not assignment.is_open(now):
        raise AssignmentError("this assignment is not open now" if now < assignment.opens_at
                              else "this assignment has closed")
    with db:
        db.execute("INSERT INTO submissions (assignment_id, account_id, text, started_at, saved_at) "
                   "VALUES (?, ?, '', ?, ?) ON CONFLICT (assignment_id, account_id) DO NOTHING",
                   (assignment.id, student.id, now, now))
    made = submission(db, assignment.id, student.id)
    assert made is not None  # just written
    return made


def autosave(db: sqlite3.Connection, assignment_id: int, account_id: int, text: str,
             now: float | None = None) -> bool:
    """Save the draft's text; ``False`` (nothing changed) once it has been sent."""
    now = time.time() if now is None else now
    with db:
        cur = db.execute("UPDATE submissions SET text = ?, saved_at = ? WHERE assignment_id = ? AND account_id = ? "
                         "AND submitted_at IS NULL", (str(text), now, assignment_id, account_id))
    return cur.rowcount == 1


def submit(db: sqlite3.Connection, assignment_id: int, account_id: int, text: str, auto: bool = False,
           report_json: str | None = None, now: float | None = None) -> bool:
    """Send the essay (with the engine's report when feedback is given at once); ``False`` if it
    was already sent: the first sending stands."""
    now = time.time() if now is None else now
    with db:
        cur = db.execute("UPDATE submissions SET text = ?, saved_at = ?, submitted_at = ?, auto = ?, report_json = ? "
                         "WHERE assignment_id = ? AND account_id = ? AND submitted_at IS NULL",
                         (str(text), now, now, int(auto), report_json, assignment_id, account_id))
    return cur.rowcount == 1


def attach_report(db: sqlite3.Connection, assignment_id: int, account_id: int, report_json: str) -> None:
    """Keep the engine's report of an essay sent without one (sent at time while away)."""
    with db:
        db.execute("UPDATE submissions SET report_json = ? WHERE assignment_id = ? AND account_id = ? "
                   "AND submitted_at IS NOT NULL AND report_json IS NULL", (report_json, assignment_id, account_id))


def collect_overdue(db: sqlite3.Connection, assignment: Assignment, now: float | None = None) -> list[str]:
    """Send every draft whose time is up, as last saved (marked automatic); the students' names."""
    now = time.time() if now is None else now
    sent = []
    for sub in submissions(db, assignment.id):
        if sub.submitted_at is None and sub.deadline(assignment) <= now:
            with db:
                db.execute("UPDATE submissions SET submitted_at = ?, auto = 1 WHERE assignment_id = ? "
                           "AND account_id = ? AND submitted_at IS NULL", (sub.deadline(assignment),
                                                                           assignment.id, sub.account_id))
            sent.append(sub.student)
    return sent


def make_class_set(db: sqlite3.Connection, assignment: Assignment, now: float | None = None) -> int:
    """The sent essays as a class set for the marking page (drafts whose time is up are sent
    first); its id. Made once: a later call adds the essays sent since to the same set, so a
    late essay is marked too; its student sees the marking once the teacher releases again
    (:func:`held_back`)."""
    from . import classes

    collect_overdue(db, assignment, now)
    sent = [s for s in submissions(db, assignment.id) if s.submitted_at is not None]
    if assignment.set_id is not None and classes.get_set(db, assignment.set_id) is not None:
        late = [s for s in sent if s.set_row is None]
        if late:
            first = classes.add_essays(db, assignment.set_id, [_essay(assignment, s) for s in late])
            with db:
                _place(db, assignment, late, first)
        return assignment.set_id
    if not sent:
        raise AssignmentError("no essays have been submitted yet")
    # Named with its class: two classes set the same prompt had two sets, and downloads, of one name.
    klass = db.execute("SELECT name FROM classrooms WHERE id = ?", (assignment.class_id,)).fetchone()
    name = f"{klass[0]} · {assignment.title}" if klass else assignment.title
    set_id = classes.create_set(db, name, assignment.rubric_id, [_essay(assignment, s) for s in sent])
    with db:  # the set and each essay's row in it, together
        db.execute("UPDATE assignments SET set_id = ? WHERE id = ?", (set_id, assignment.id))
        _place(db, assignment, sent, 0)
    return set_id


def _essay(assignment: Assignment, sub: Submission) -> EssayInput:
    return EssayInput(sub.student, sub.text, f"{assignment.title} ({'sent at time' if sub.auto else 'submitted'})",
                      None if sub.text.strip() else "nothing was written")


def _place(db: sqlite3.Connection, assignment: Assignment, subs: Sequence[Submission], first: int) -> None:
    """Record each submission's row in the class set (rows ``first``, ``first + 1``, ...); the
    caller holds the transaction."""
    db.executemany("UPDATE submissions SET set_row = ? WHERE assignment_id = ? AND account_id = ?",
                   [(first + n, assignment.id, s.account_id) for n, s in enumerate(subs)])


def released_essay(db: sqlite3.Connection, set_id: int, row: int) -> bool | None:
    """Whether the essay at ``row`` of a class set is an assignment's whose marking is released
    to its student (each save then reaches them at once); False when it joined the set after the
    release (:func:`held_back`); None when the set's marking is not released, or the set is no
    assignment's."""
    found = db.execute("SELECT s.released_at FROM assignments a JOIN submissions s ON s.assignment_id = a.id "
                       "WHERE a.set_id = ? AND a.released_at IS NOT NULL AND s.set_row = ?", (set_id, row)).fetchone()
    return None if found is None else found[0] is not None


def release(db: sqlite3.Connection, assignment_id: int, released: bool = True) -> None:
    """Show (or hide again) the teacher's marks and comments to the students: those of the essays
    in the class set now. An essay joining it later waits for the teacher to release again."""
    now = time.time() if released else None
    with db:
        db.execute("UPDATE assignments SET released_at = ? WHERE id = ?", (now, assignment_id))
        db.execute("UPDATE submissions SET released_at = ? WHERE assignment_id = ? AND set_row IS NOT NULL",
                   (now, assignment_id))


def release_warnings(db: sqlite3.Connection, assignment: Assignment, now: float | None = None) -> list[str]:
    """What releasing the marking now would do that a teacher may not mean, each said in a
    sentence: essays they have not reviewed (their students see the engine's estimate), and an
    assignment still open (those who have sent theirs see the points missed and the passages to
    read while classmates write). Empty: nothing to warn of."""
    now = time.time() if now is None else now
    out = []
    if assignment.set_id is not None:
        marked, reviewed = db.execute(
            "SELECT count(*), coalesce(sum(reviewed), 0) FROM class_essays WHERE set_id = ? "
            "AND coalesce(error, '') = ''", (assignment.set_id,)).fetchone()
        if reviewed < marked:
            out.append(_unreviewed(marked - reviewed, marked))
    if assignment.is_open(now):
        students = db.execute("SELECT count(*) FROM accounts WHERE class_id = ? AND role = 'student'",
                              (assignment.class_id,)).fetchone()[0]
        started, writing = db.execute("SELECT count(*), coalesce(sum(submitted_at IS NULL), 0) FROM submissions "
                                      "WHERE assignment_id = ?", (assignment.id,)).fetchone()
        waiting = max(0, students - started)
        if writing or waiting:  # open, but with every essay sent nobody is left to write (a walk: "0 writing")
            out.append(f"The essay is still open ({writing} writing, {waiting} not started): students who have "
                       "sent theirs will see the points they missed, and where to read about them, while "
                       "classmates still write.")
    return out


def _unreviewed(unseen: int, of: int) -> str:
    """The release warning for essays the teacher has not reviewed."""
    verb = "has" if unseen == 1 else "have"
    whose = "its student" if unseen == 1 else "their students"
    return f"{unseen} of {counted(of, 'essay')} {verb} not been reviewed by you: {whose} will see the engine's " \
           "estimated mark."


def late_warnings(db: sqlite3.Connection, assignment: Assignment) -> list[str]:
    """What releasing to the students held back (:func:`held_back`) would do that a teacher may
    not mean: their essays not reviewed, whose students see the engine's estimate. A walk released
    an unreviewed late essay with one click, where the first release had asked."""
    if assignment.set_id is None:
        return []
    held = {s.set_row: s.student for s in submissions(db, assignment.id)
            if s.set_row is not None and s.released_at is None}
    if not held:
        return []
    unseen = [held[r["row"]] for r in db.execute(
        f"SELECT row, reviewed FROM class_essays WHERE set_id = ? AND coalesce(error, '') = '' "
        f"AND row IN ({', '.join('?' * len(held))})", (assignment.set_id, *held)) if not r["reviewed"]]
    if not unseen:
        return []
    # named: the teacher is releasing to these students, and knows them by name (a walk read "1 of 1")
    return [f"{listed(sorted(unseen))} {'has' if len(unseen) == 1 else 'have'} an essay you have not reviewed: "
            f"{'they' if len(unseen) == 1 else 'each'} will see the engine's estimated mark."]


def held_back(db: sqlite3.Connection, assignment: Assignment) -> list[str]:
    """The students whose essays joined the class set after its marking was released: they see
    nothing of it until the teacher releases again."""
    if assignment.released_at is None:
        return []
    return [s.student for s in submissions(db, assignment.id) if s.set_row is not None and s.released_at is None]


def student_feedback(db: sqlite3.Connection, assignment: Assignment, student_id: int) -> Feedback | None:
    """What this student may see: the engine's report at once if the assignment says so; after
    release, the marked report from the class set with the teacher's mark and comments.
    ``None`` while there is nothing to show."""
    sub = submission(db, assignment.id, student_id)
    if sub is None or sub.submitted_at is None:
        return None
    if assignment.released_at is not None and assignment.set_id is not None and sub.set_row is not None \
            and sub.released_at is not None:
        row = db.execute("SELECT report_json, reviewed FROM class_essays WHERE set_id = ? AND row = ?",
                         (assignment.set_id, sub.set_row)).fetchone()
        found = db.execute("SELECT target, value, reason, sentence FROM class_overrides WHERE set_id = ? AND row = ? "
                           "ORDER BY target", (assignment.set_id, sub.set_row)).fetchall()
        notes = tuple((r["target"], r["value"], r["reason"]) for r in found)
        picked = tuple((r["target"], r["sentence"]) for r in found if r["sentence"])
        # The comments the teacher picked from the bank (a walk saw them in the exports, never
        # on the student's page): general ones first, then by point, as the exports list them.
        comments = tuple((r["point"], r["text"]) for r in db.execute(
            "SELECT b.point, b.text FROM class_comments c JOIN comment_bank b ON b.id = c.comment_id "
            "WHERE c.set_id = ? AND c.row = ? ORDER BY b.point IS NOT NULL, b.point, b.id",
            (assignment.set_id, sub.set_row)))
        report = row["report_json"] if row and row["report_json"] else sub.report_json
        mark = next((int(v) for t, v, _ in notes if t == MARK), None)
        if mark is None and report and row is not None and row["reviewed"]:
            mark = int(json.loads(report).get("mark", 0))  # checked by the teacher: the engine's mark agreed
        return Feedback(report, mark, notes, True, picked, comments)
    if assignment.feedback == "now" and sub.report_json:
        return Feedback(sub.report_json, None, (), False)
    return None
