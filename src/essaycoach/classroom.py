"""Classroom mode's classes and students: rosters, join codes and PINs, deletion, data export.

Pure functions over an open connection (:func:`essaycoach.store.connect`). Student names are
unique across the database (matched without case or extra spaces), because a student's
class-set essays are matched to them by name (a class CSV carries no account); two students
called the same need an initial to tell them apart, and the roster import says so row by row. Assignments and
submissions are in :mod:`essaycoach.assignments`.
"""
from __future__ import annotations

import csv
import io
import json
import secrets
import sqlite3
import time
import zipfile
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

from . import accounts, class_lessons
from .accounts import STUDENT, Account
from .errors import EssaycoachError
from .inputs import MAX_NAME_CHARS, header_delimiter, name_cut, tidy_name
from .loaders import forget_student

MAX_CLASS_NAME = 80
MAX_ROSTER = 200
PIN_DIGITS = 6
NAME_COLUMNS = ("name", "student", "student name", "full name")


class ClassroomError(EssaycoachError, ValueError):
    """A class, roster or student request that cannot be carried out; the message says why."""


@dataclass(frozen=True)
class Classroom:
    """A class: its name and how many students it has."""

    id: int
    name: str
    created_at: float
    students: int


@dataclass(frozen=True)
class Added:
    """What adding names to a class did: the new students, and each name left out or shortened, with why."""

    students: tuple[Account, ...]
    problems: tuple[str, ...]


def create_class(db: sqlite3.Connection, name: str) -> int:
    """A new, empty class; its id."""
    label = " ".join(str(name or "").split())[:MAX_CLASS_NAME]
    if not label:
        raise ClassroomError("give the class a name, e.g. \"13B History\"")
    key = accounts.name_key(label)
    same = next((r["name"] for r in db.execute("SELECT name FROM classrooms") if accounts.name_key(r["name"]) == key),
                None)
    if same is not None:
        # Two classes of one name cannot be told apart where an essay is set or a roster is kept.
        raise ClassroomError(f"there is already a class called {same!r}; give this one another name, e.g. with "
                             "the year or the set")
    with db:
        cur = db.execute("INSERT INTO classrooms (name, created_at) VALUES (?, ?)", (label, time.time()))
    return accounts.new_id(cur)


def list_classes(db: sqlite3.Connection) -> list[Classroom]:
    rows = db.execute("SELECT c.*, (SELECT count(*) FROM accounts a WHERE a.class_id = c.id) AS n "
                      "FROM classrooms c ORDER BY c.name, c.id")
    return [Classroom(r["id"], r["name"], r["created_at"], r["n"]) for r in rows]


def get_class(db: sqlite3.Connection, class_id: int) -> Classroom | None:
    return next((c for c in list_classes(db) if c.id == class_id), None)


def typed_names(text: str) -> list[str]:
    """Names typed one a line: every line is a name as written, commas too ("Smith, John", the
    order a school's system exports), never a CSV header to look for a column in."""
    return [name for name in map(tidy_name, str(text or "").splitlines()) if name]


def roster_names(text: str, origin: str = "roster") -> list[str]:
    """Names from a roster: a CSV with a ``name`` (or ``student``) column, or one name a line.

    Raises :class:`ClassroomError` for a CSV whose header has no name column."""
    lines = [ln for ln in str(text or "").replace("\ufeff", "").splitlines() if ln.strip()]
    if not lines:
        return []
    # The header line decides the delimiter, as a class set's CSV does ("Name;Email" from a
    # spreadsheet set to a comma-decimal locale).
    rows = list(csv.reader(lines, delimiter=header_delimiter(lines[0])))
    header = [h.strip().casefold() for h in rows[0]]
    if len(header) == 1 and header[0] not in NAME_COLUMNS:
        return [tidy_name(r[0]) for r in rows if r and r[0].strip()]
    col = next((header.index(c) for c in NAME_COLUMNS if c in header), None)
    if col is None:
        raise ClassroomError(f"{origin}: no column of names; the first row should name one of "
                             f"{', '.join(NAME_COLUMNS)} (the columns are: {', '.join(rows[0])})")
    return [tidy_name(r[col]) for r in rows[1:] if len(r) > col and r[col].strip()]


def add_students(db: sqlite3.Connection, class_id: int, names: Iterable[str]) -> Added:
    """Add students to a class, each with a one-time join code; a name already taken (here,
    in another class, or by the teacher) or repeated is left out with the reason."""
    if get_class(db, class_id) is None:
        raise ClassroomError(f"no class with id {class_id}")
    # name key -> why a name with it cannot be added
    taken = {r["name_key"]: f"already used by {r['name']!r}"
             for r in db.execute("SELECT name, name_key FROM accounts")}
    taken[accounts.name_key(accounts.TEACHER_NAME)] = "already used by the teacher's account"  # even before set-up
    added: list[Account] = []
    problems: list[str] = []
    rows: list[tuple] = []
    for raw in names:
        name = tidy_name(raw)
        key = accounts.name_key(name)
        if not name:
            continue
        if key in taken:
            # By name, not number: the list the teacher typed has blank lines the names do not.
            problems.append(f"{name}: {taken[key]}; add an initial to tell them apart")
            continue
        if len(rows) >= MAX_ROSTER:
            problems.append(f"{name}: a class can have at most {MAX_ROSTER} students")
            continue
        if name_cut(raw):  # added, but not as typed: said so
            problems.append(f"{name}…: shortened to {MAX_NAME_CHARS} characters, the longest a name may be")
        taken[key] = "given twice in this list"
        rows.append((STUDENT, name, key, class_id, accounts.new_join_code(), time.time()))
    with db:
        for row in rows:
            cur = db.execute("INSERT INTO accounts (role, name, name_key, class_id, join_code, created_at) "
                             "VALUES (?, ?, ?, ?, ?, ?)", row)
            added.append(Account(accounts.new_id(cur), STUDENT, row[1], class_id, False, row[4]))
    return Added(tuple(added), tuple(problems))


def students(db: sqlite3.Connection, class_id: int) -> list[Account]:
    """The class's students by name."""
    rows = db.execute("SELECT * FROM accounts WHERE role = ? AND class_id = ? ORDER BY name_key", (STUDENT, class_id))
    return [accounts._account(r) for r in rows]


def sign_in_status(student: Account) -> str:
    """Where a student is with signing in, as the teacher's list shows it. Joining signs the
    student in, so a password never used to sign in is a PIN the teacher made."""
    if not student.has_password:
        return "not joined yet"
    if student.signed_in_at is None:
        return "PIN made, not signed in yet"
    return time.strftime("signed in %d %b %Y %H:%M", time.localtime(student.signed_in_at))


def find_student(db: sqlite3.Connection, name: str) -> Account | None:
    row = db.execute("SELECT * FROM accounts WHERE role = ? AND name_key = ?",
                     (STUDENT, accounts.name_key(name))).fetchone()
    return accounts._account(row) if row else None


def reset_student(db: sqlite3.Connection, account_id: int) -> str:
    """A forgotten password: the student gets a new join code, the old password stops working
    and their sessions end. Returns the code."""
    code = accounts.new_join_code()
    with db:
        db.execute("UPDATE accounts SET password_hash = NULL, join_code = ?, failures = 0, locked_until = 0 "
                   "WHERE id = ? AND role = ?", (code, int(account_id), STUDENT))
        db.execute("DELETE FROM sessions WHERE account_id = ?", (int(account_id),))
    return code


def make_pins(db: sqlite3.Connection, class_id: int) -> list[tuple[str, str]]:
    """Give every student of the class who has not joined yet a numeric PIN as their password
    (in place of the join code); ``[(name, PIN)]`` to print. PINs are shown only this once."""
    out = []
    for student in students(db, class_id):
        if student.has_password:
            continue
        pin = "".join(secrets.choice("0123456789") for _ in range(PIN_DIGITS))
        with db:
            db.execute("UPDATE accounts SET password_hash = ?, join_code = NULL WHERE id = ?",
                       (accounts.hash_password(pin), student.id))
        out.append((student.name, pin))
    return out


def delete_student(db: sqlite3.Connection, account_id: int) -> None:
    """Delete a student and everything of theirs: account, sessions, submissions, practice
    attempts and drafts, and their essays in class sets (the row stays, emptied, so the set's
    numbering holds; the teacher's marking of it and the wordings a set learnt from it go), and
    the sentences any rubric's calibration learnt from their essays."""
    student = accounts.get_account(db, account_id)
    if student is None or student.role != STUDENT:
        raise ClassroomError(f"no student with id {account_id}")
    linked = db.execute("SELECT a.set_id, s.set_row FROM submissions s JOIN assignments a "
                        "ON a.id = s.assignment_id WHERE s.account_id = ? AND a.set_id IS NOT NULL "
                        "AND s.set_row IS NOT NULL", (account_id,)).fetchall()
    essays = sorted({(r[0], r[1]) for r in linked} | set(_class_essays_of(db, student.name)))
    with db:
        for set_id, row in essays:   # the wordings learnt from their essays, while the names still tell them
            class_lessons.forget_essay(db, set_id, row)
        for set_id, row in essays:
            db.execute("DELETE FROM class_overrides WHERE set_id = ? AND row = ?", (set_id, row))
            db.execute("UPDATE class_essays SET student = ?, origin = '', text = '', error = ?, report_json = NULL, "
                       "agreed_json = NULL, reviewed = 0 WHERE set_id = ? AND row = ?",
                       ("(deleted student)", "deleted: the student's data was removed", set_id, row))
        db.execute("DELETE FROM attempts WHERE account_id = ?", (account_id,))
        db.execute("DELETE FROM drafts WHERE account_id = ?", (account_id,))
        db.execute("DELETE FROM submissions WHERE account_id = ?", (account_id,))
        db.execute("DELETE FROM sessions WHERE account_id = ?", (account_id,))
        db.execute("DELETE FROM accounts WHERE id = ?", (account_id,))
    forget_student(student.name)


def delete_class(db: sqlite3.Connection, class_id: int) -> None:
    """Delete a class, its assignments, and each of its students with all their data."""
    for student in students(db, class_id):
        delete_student(db, student.id)
    with db:
        db.execute("DELETE FROM submissions WHERE assignment_id IN (SELECT id FROM assignments WHERE class_id = ?)",
                   (class_id,))
        db.execute("DELETE FROM assignments WHERE class_id = ?", (class_id,))
        db.execute("DELETE FROM classrooms WHERE id = ?", (class_id,))


def _class_essays_of(db: sqlite3.Connection, name: str) -> list[tuple[int, int]]:
    """``(set id, row)`` of the class-set essays under this name (uploaded or from assignments);
    compared in Python because SQL's lower() folds ASCII only."""
    key = accounts.name_key(name)
    return [(r["set_id"], r["row"]) for r in db.execute("SELECT set_id, row, student FROM class_essays")
            if accounts.name_key(r["student"]) == key]


def _records(db: sqlite3.Connection, sql: str, args: tuple) -> list[dict]:
    return [dict(r) for r in db.execute(sql, args)]


def export_student(db: sqlite3.Connection, name: str) -> bytes:
    """One student's data as a zip (a data-protection request): ``student.json`` with their
    account (no password hash), practice attempts and drafts, assignment submissions, and the
    class-set essays under their name with the teacher's marking; each essay also as text."""
    student = find_student(db, name)
    if student is None:
        known = [r[0] for r in db.execute("SELECT name FROM accounts WHERE role = ? ORDER BY name_key", (STUDENT,))]
        raise ClassroomError(f"no student called {name!r}; students: {', '.join(known) or 'none yet'}")
    klass = get_class(db, student.class_id) if student.class_id is not None else None
    mine = _class_essays_of(db, student.name)
    data: dict[str, Any] = {
        "student": {**asdict(student), "class": klass.name if klass else None, "join_code": None},
        "attempts": _records(db, "SELECT * FROM attempts WHERE account_id = ? ORDER BY submitted_at", (student.id,)),
        "drafts": _records(db, "SELECT * FROM drafts WHERE account_id = ?", (student.id,)),
        "submissions": _records(db, "SELECT a.title, a.rubric_id, s.* FROM submissions s JOIN assignments a "
                                "ON a.id = s.assignment_id WHERE s.account_id = ?", (student.id,)),
        "class_set_essays": [r for key in mine for r in _records(
            db, "SELECT c.name AS set_name, e.* FROM class_essays e JOIN class_sets c ON c.id = e.set_id "
            "WHERE e.set_id = ? AND e.row = ?", key)],
        "teacher_marking": [r for key in mine for r in _records(
            db, "SELECT * FROM class_overrides WHERE set_id = ? AND row = ?", key)],
        "exported_at": time.time(),
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("student.json", json.dumps(data, indent=2, ensure_ascii=False))
        for a in data["attempts"]:
            zf.writestr(f"attempts/{a['id']}-{a['rubric_id']}.txt", a["essay"])
        for s in data["submissions"]:
            zf.writestr(f"assignments/{s['assignment_id']}-{s['rubric_id']}.txt", s["text"])
        for e in data["class_set_essays"]:
            zf.writestr(f"class-sets/{e['set_id']}-{e['row']}.txt", e["text"])
    return buf.getvalue()
