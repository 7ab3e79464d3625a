"""Class sets in the local SQLite database: the essays, their results and the teacher's overrides.

Pure functions over an open ``sqlite3.Connection`` (:func:`open_db`); tables are created on
first use. An override replaces the engine's verdict on one point (its status) or on the
whole essay (its mark), always with the teacher's reason, and sits beside the engine's verdict
rather than over it. Essays the teacher has reviewed or overridden become the labels a
calibration is fitted to (:func:`teacher_labels`).
"""
from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from . import store
from .batch import BatchRow
from .calibrate import TeacherLabel
from .errors import EssaycoachError
from .inputs import EssayInput
from .report import STATUSES, Report

MARK = "(mark)"  # the override target for an essay's mark; other targets are point ids

_SCHEMA = """
CREATE TABLE IF NOT EXISTS class_sets (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    name        TEXT NOT NULL,
    rubric_id   TEXT NOT NULL,
    created_at  REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS class_essays (
    set_id      INTEGER NOT NULL REFERENCES class_sets (id) ON DELETE CASCADE,
    row         INTEGER NOT NULL,
    student     TEXT NOT NULL,
    origin      TEXT NOT NULL,
    text        TEXT NOT NULL,
    error       TEXT,
    report_json TEXT,
    reviewed    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (set_id, row)
);
CREATE TABLE IF NOT EXISTS class_overrides (
    set_id      INTEGER NOT NULL,
    row         INTEGER NOT NULL,
    target      TEXT NOT NULL,
    value       TEXT NOT NULL,
    reason      TEXT NOT NULL,
    created_at  REAL NOT NULL,
    PRIMARY KEY (set_id, row, target),
    FOREIGN KEY (set_id, row) REFERENCES class_essays (set_id, row) ON DELETE CASCADE
);
"""


class OverrideError(EssaycoachError, ValueError):
    """An override that cannot be stored: unknown status, a mark out of range, no reason."""


@dataclass(frozen=True)
class ClassSet:
    """A class set: its name, the rubric it is marked against, when, and how many essays."""

    id: int
    name: str
    rubric_id: str
    created_at: float
    essays: int


@dataclass(frozen=True)
class StoredEssay:
    """One essay of a class set as uploaded (``error`` when it could not be read)."""

    row: int
    student: str
    origin: str
    text: str
    error: str | None
    reviewed: bool

    def as_input(self) -> EssayInput:
        return EssayInput(self.student, self.text, self.origin, self.error)


@dataclass(frozen=True)
class Override:
    """The teacher's verdict on a point (``target`` = point id, ``value`` = status) or on the
    essay's mark (``target`` = ``MARK``, ``value`` = the mark), with the reason."""

    row: int
    target: str
    value: str
    reason: str
    created_at: float


def open_db(path: Path | None = None) -> sqlite3.Connection:
    """Open the app database (``$ESSAYCOACH_DATA``) with the class-set tables ready."""
    db = store.connect(path)
    db.executescript(_SCHEMA)
    return db


def create_set(db: sqlite3.Connection, name: str, rubric_id: str, essays: Sequence[EssayInput]) -> int:
    """Store a new class set and its essays (unreadable ones too, with their error); its id."""
    label = " ".join(str(name or "").split())[:120] or time.strftime("Class set %d %b %Y %H:%M")
    with db:
        cur = db.execute("INSERT INTO class_sets (name, rubric_id, created_at) VALUES (?, ?, ?)",
                         (label, rubric_id, time.time()))
        set_id = int(cur.lastrowid)
        db.executemany("INSERT INTO class_essays (set_id, row, student, origin, text, error) "
                       "VALUES (?, ?, ?, ?, ?, ?)",
                       [(set_id, i, e.student, e.origin, e.text, e.error) for i, e in enumerate(essays)])
    return set_id


def list_sets(db: sqlite3.Connection) -> list[ClassSet]:
    """Every class set, newest first."""
    rows = db.execute("SELECT s.*, (SELECT count(*) FROM class_essays e WHERE e.set_id = s.id) AS n "
                      "FROM class_sets s ORDER BY s.created_at DESC, s.id DESC")
    return [ClassSet(r["id"], r["name"], r["rubric_id"], r["created_at"], r["n"]) for r in rows]


def get_set(db: sqlite3.Connection, set_id: int) -> ClassSet | None:
    return next((s for s in list_sets(db) if s.id == set_id), None)


def delete_set(db: sqlite3.Connection, set_id: int) -> None:
    with db:
        db.execute("DELETE FROM class_overrides WHERE set_id = ?", (set_id,))
        db.execute("DELETE FROM class_essays WHERE set_id = ?", (set_id,))
        db.execute("DELETE FROM class_sets WHERE id = ?", (set_id,))


def essays(db: sqlite3.Connection, set_id: int) -> list[StoredEssay]:
    """The set's essays in upload order."""
    rows = db.execute("SELECT * FROM class_essays WHERE set_id = ? ORDER BY row", (set_id,))
    return [StoredEssay(r["row"], r["student"], r["origin"], r["text"], r["error"], bool(r["reviewed"]))
            for r in rows]


def save_results(db: sqlite3.Connection, set_id: int, rows: Sequence[BatchRow]) -> None:
    """Keep each essay's latest report (``rows`` in upload order, as ``mark_batch`` returns them)."""
    with db:
        db.executemany("UPDATE class_essays SET report_json = ? WHERE set_id = ? AND row = ?",
                       [(json.dumps(r.report.to_dict(), ensure_ascii=False) if r.report else None, set_id, i)
                        for i, r in enumerate(rows)])


def set_reviewed(db: sqlite3.Connection, set_id: int, row: int, reviewed: bool) -> None:
    """Mark an essay as checked by the teacher: its verdicts without an override are agreed."""
    with db:
        db.execute("UPDATE class_essays SET reviewed = ? WHERE set_id = ? AND row = ?",
                   (int(bool(reviewed)), set_id, row))


def set_override(db: sqlite3.Connection, set_id: int, row: int, target: str, value: str | int,
                 reason: str, max_mark: int | None = None) -> Override:
    """Store (or replace) the teacher's verdict on a point's status or on the mark."""
    value = str(value).strip()
    reason = " ".join(str(reason or "").split())
    if not reason:
        raise OverrideError("give a reason for the override (it is shown beside the engine's verdict)")
    if target == MARK:
        if not value.lstrip("-").isdigit() or (max_mark is not None and not 0 <= int(value) <= max_mark):
            raise OverrideError(f"a mark must be a whole number from 0 to {max_mark}, not {value!r}")
    elif value not in STATUSES:
        raise OverrideError(f"a point's status must be one of {', '.join(STATUSES)}, not {value!r}")
    made = Override(row, target, value, reason, time.time())
    with db:
        db.execute("INSERT INTO class_overrides (set_id, row, target, value, reason, created_at) "
                   "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (set_id, row, target) DO UPDATE SET "
                   "value = excluded.value, reason = excluded.reason, created_at = excluded.created_at",
                   (set_id, row, target, made.value, made.reason, made.created_at))
    return made


def clear_override(db: sqlite3.Connection, set_id: int, row: int, target: str) -> None:
    with db:
        db.execute("DELETE FROM class_overrides WHERE set_id = ? AND row = ? AND target = ?",
                   (set_id, row, target))


def overrides(db: sqlite3.Connection, set_id: int) -> dict[int, dict[str, Override]]:
    """``{row: {target: Override}}`` for the set."""
    out: dict[int, dict[str, Override]] = {}
    for r in db.execute("SELECT * FROM class_overrides WHERE set_id = ? ORDER BY row, target", (set_id,)):
        out.setdefault(r["row"], {})[r["target"]] = Override(r["row"], r["target"], r["value"], r["reason"],
                                                              r["created_at"])
    return out


def teacher_labels(stored: Sequence[StoredEssay], reports: Mapping[int, Report],
                   overridden: Mapping[int, Mapping[str, Override]]) -> list[TeacherLabel]:
    """The teacher's marking as calibration labels, for essays reviewed or overridden.

    A point counts as made (1) when the teacher's status, or on a reviewed essay the engine's
    status the teacher let stand, is "covered"; "partial" and "missing" count 0. On an essay
    overridden but not reviewed, only the overridden points and mark are labels. The mark is
    the teacher's, or the engine's on a reviewed essay.
    """
    out = []
    for essay in stored:
        report, mine = reports.get(essay.row), overridden.get(essay.row, {})
        if report is None or not (essay.reviewed or mine):
            continue
        points = {}
        for p in report.points:
            if p.id in mine:
                points[p.id] = int(mine[p.id].value == "covered")
            elif essay.reviewed:
                points[p.id] = int(p.status == "covered")
        mark = int(mine[MARK].value) if MARK in mine else (report.mark if essay.reviewed else None)
        out.append(TeacherLabel(essay.student, essay.text, points, mark))
    return out
