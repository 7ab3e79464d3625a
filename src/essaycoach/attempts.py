"""Students' practice attempts and autosaved drafts, in the local SQLite database.

Pure functions over an open ``sqlite3.Connection`` (see :func:`essaycoach.store.connect`);
each creates the tables it needs on first use, so any fresh database file works.
Times are seconds since the epoch (``time.time()``), which sort and subtract simply.
Student names match case-insensitively: "Ada" and "ada " are the same student. In classroom
mode a student's work is theirs by account (``account``: its id), never by name: a name typed in
the personal app, on the same database, reaches none of it, nor it them.
"""
from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple, cast

from . import store
from .inputs import tidy_name
from .report import Flag, PointResult, Report, SideSummary
from .rubric import Rubric


@dataclass(frozen=True)
class Draft:
    """An essay in progress, saved every few seconds while the student writes."""

    student: str
    rubric_id: str
    text: str
    started_at: float  # when the clock was started; the clock keeps running while away
    saved_at: float

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True)
class Attempt:
    """A submitted essay and the feedback it got."""

    id: int
    student: str
    rubric_id: str
    essay: str
    report_json: str  # Report.to_dict() as JSON: the feedback exactly as shown at the time
    mark: int
    max_mark: int
    level: int
    words: int
    started_at: float
    submitted_at: float

    @property
    def seconds_used(self) -> float:
        return max(0.0, self.submitted_at - self.started_at)

    def report(self, rubric: Rubric | None = None) -> Report:
        """The stored feedback as a :class:`Report`; ``rubric`` supplies the points' wording."""
        return report_from_dict(json.loads(self.report_json), rubric)


class MissCount(NamedTuple):
    """How often one point was missing across a student's attempts at one prompt."""

    point_id: str
    misses: int
    attempts: int          # the attempts marked with this point (fewer for a point added since)
    text: str = ""         # what the point says: the prompt's wording, or as last stored
    side: str = ""
    in_prompt: bool = True  # False: the teacher has since removed or renamed it
    partial: int = 0       # the attempts that made it only partly


def open_db(path: Path | None = None) -> sqlite3.Connection:
    """Open the app database (``$ESSAYCOACH_DATA``); its tables come from ``migrations``."""
    return store.connect(path)


def _student(name: str) -> str:
    student = tidy_name(name)
    if not student:
        raise ValueError("a student name is required (type any name; there are no accounts)")
    return student


def _whose(student: str, account: int) -> tuple[str, tuple[object, ...]]:
    """The SQL condition (and its values) picking one student's rows: a classroom account's by its
    id; a name typed in the personal app among the rows of no account (``account`` 0)."""
    if account:
        return "account_id = ?", (int(account),)
    return "account_id = 0 AND student = ?", (tidy_name(student),)


def save_draft(db: sqlite3.Connection, student: str, rubric_id: str, text: str, started_at: float,
               saved_at: float | None = None, *, account: int = 0) -> Draft:
    """Insert or replace the student's draft for a prompt (one draft per student and prompt)."""
    draft = Draft(_student(student), rubric_id, str(text or ""), float(started_at),
                  float(saved_at if saved_at is not None else time.time()))
    where, who = _whose(student, account)
    with db:
        db.execute(f"DELETE FROM drafts WHERE {where} AND rubric_id = ?", (*who, rubric_id))
        db.execute("INSERT INTO drafts (student, rubric_id, text, started_at, saved_at, account_id) "
                   "VALUES (?, ?, ?, ?, ?, ?)",
                   (draft.student, draft.rubric_id, draft.text, draft.started_at, draft.saved_at, int(account)))
    return draft


def _draft(row: sqlite3.Row) -> Draft:
    return Draft(row["student"], row["rubric_id"], row["text"], row["started_at"], row["saved_at"])


def load_draft(db: sqlite3.Connection, student: str, rubric_id: str, *, account: int = 0) -> Draft | None:
    """The student's saved draft for a prompt, or ``None``."""
    where, who = _whose(student, account)
    row = db.execute(f"SELECT * FROM drafts WHERE {where} AND rubric_id = ?", (*who, rubric_id)).fetchone()
    return _draft(row) if row else None


def list_drafts(db: sqlite3.Connection, student: str, *, account: int = 0) -> list[Draft]:
    """All the student's unfinished drafts with something written, most recently saved first
    (a draft with no words only keeps a started clock: there is nothing to go back to)."""
    where, who = _whose(student, account)
    rows = db.execute(f"SELECT * FROM drafts WHERE {where} ORDER BY saved_at DESC, rubric_id", who)
    return [d for d in map(_draft, rows) if d.words]


def autosave_draft(db: sqlite3.Connection, student: str, rubric_id: str, text: str, started_at: float,
                   saved_at: float | None = None, *, account: int = 0) -> bool:
    """Save the text of a draft being written; ``False`` (nothing written) once the draft is gone,
    submitted from another tab or device: its words must not come back as a draft to resume, and
    be submitted again. The rule of :func:`essaycoach.assignments.autosave`, for practice."""
    saved = float(saved_at if saved_at is not None else time.time())
    where, who = _whose(student, account)
    with db:
        cur = db.execute(f"UPDATE drafts SET text = ?, started_at = ?, saved_at = ? WHERE {where} AND rubric_id = ?",
                         (str(text or ""), float(started_at), saved, *who, rubric_id))
    return cur.rowcount == 1


def delete_draft(db: sqlite3.Connection, student: str, rubric_id: str, *, account: int = 0) -> None:
    """Forget the draft (after it was submitted, or when the student starts again)."""
    where, who = _whose(student, account)
    with db:
        db.execute(f"DELETE FROM drafts WHERE {where} AND rubric_id = ?", (*who, rubric_id))


def save_attempt(db: sqlite3.Connection, student: str, report: Report, essay: str,
                 started_at: float, submitted_at: float | None = None, *, account: int = 0) -> Attempt:
    """Store a submitted essay with its feedback and return it with its new id."""
    with db:
        return _insert_attempt(db, student, report, essay, started_at, submitted_at, account)


def submit_draft(db: sqlite3.Connection, student: str, report: Report, essay: str,
                 started_at: float, submitted_at: float | None = None, *, account: int = 0) -> Attempt | None:
    """Store the attempt and forget its draft (of ``report.rubric``) at once; ``None``, storing
    nothing, if the draft was gone: submitted from another tab or device first, whose attempt
    stands (as :func:`essaycoach.assignments.submit` keeps the first sending)."""
    where, who = _whose(student, account)
    with db:
        gone = db.execute(f"DELETE FROM drafts WHERE {where} AND rubric_id = ?", (*who, report.rubric)).rowcount != 1
        return None if gone else _insert_attempt(db, student, report, essay, started_at, submitted_at, account)


def _insert_attempt(db: sqlite3.Connection, student: str, report: Report, essay: str,
                    started_at: float, submitted_at: float | None, account: int) -> Attempt:
    """Insert an attempt, within the caller's transaction."""
    name = _student(student)
    submitted = float(submitted_at if submitted_at is not None else time.time())
    data = json.dumps(report.to_dict(), ensure_ascii=False)
    cur = db.execute(
        "INSERT INTO attempts (student, rubric_id, essay, report_json, mark, max_mark, level, words, "
        "started_at, submitted_at, account_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (name, report.rubric, str(essay), data, report.mark, report.max_mark, report.level,
         report.words, float(started_at), submitted, int(account)))
    return Attempt(cast(int, cur.lastrowid), name, report.rubric, str(essay), data, report.mark,
                   report.max_mark, report.level, report.words, float(started_at), submitted)


def _attempt(row: sqlite3.Row) -> Attempt:
    return Attempt(row["id"], row["student"], row["rubric_id"], row["essay"], row["report_json"],
                   row["mark"], row["max_mark"], row["level"], row["words"], row["started_at"],
                   row["submitted_at"])


def list_attempts(db: sqlite3.Connection, student: str, rubric_id: str | None = None, *,
                  account: int = 0) -> list[Attempt]:
    """The student's attempts, oldest first (the order a progress chart reads)."""
    where, who = _whose(student, account)
    sql, args = f"SELECT * FROM attempts WHERE {where}", list(who)
    if rubric_id is not None:
        sql += " AND rubric_id = ?"
        args.append(rubric_id)
    return [_attempt(r) for r in db.execute(sql + " ORDER BY submitted_at, id", args)]


def count_attempts(db: sqlite3.Connection, rubric_id: str) -> int:
    """How many attempts, by any student, were marked on this prompt."""
    return int(db.execute("SELECT COUNT(*) FROM attempts WHERE rubric_id = ?", (rubric_id,)).fetchone()[0])


def get_attempt(db: sqlite3.Connection, attempt_id: int) -> Attempt | None:
    """One attempt by id, or ``None``."""
    row = db.execute("SELECT * FROM attempts WHERE id = ?", (int(attempt_id),)).fetchone()
    return _attempt(row) if row else None


def missed_points(db: sqlite3.Connection, student: str, rubric_id: str,
                  rubric: Rubric | None = None, *, account: int = 0) -> list[MissCount]:
    """For each point, in how many of the student's attempts at the prompt it was missing, and
    in how many only partly made.

    Most-missed first (then most often partly made); points never missed are included with
    ``misses=0`` so a table can show the whole rubric. Given the prompt as it is now
    (``rubric``), its points come first in its order and wording, a point added since the
    attempts is listed with no attempts, and one removed or renamed since keeps its stored
    wording, marked as no longer in the prompt.
    """
    attempts = list_attempts(db, student, rubric_id, account=account)
    if not attempts:
        return []
    now = {p.id: p for p in rubric.points} if rubric else {}
    misses: dict[str, int] = dict.fromkeys(now, 0)
    partly: dict[str, int] = dict.fromkeys(now, 0)
    marked: dict[str, int] = dict.fromkeys(now, 0)
    stored: dict[str, tuple[str, str]] = {}
    for attempt in attempts:
        for point in json.loads(attempt.report_json).get("points", []):
            pid = point["id"]
            misses[pid] = misses.get(pid, 0) + (point.get("status") == "missing")
            partly[pid] = partly.get(pid, 0) + (point.get("status") == "partial")
            marked[pid] = marked.get(pid, 0) + 1
            stored[pid] = (str(point.get("text") or ""), str(point.get("side") or ""))
    # Points keep their rubric order among equals (dicts keep insertion order; sort is stable).
    # Most missed first, then most often only partly made: what to revise first.
    ranked = sorted(misses.items(), key=lambda kv: (-kv[1], -partly[kv[0]]))
    out = []
    for pid, n in ranked:
        p = now.get(pid)
        text, side = (p.text, p.side) if p else stored.get(pid, ("", ""))
        out.append(MissCount(pid, n, marked[pid], text, side, p is not None or rubric is None, partly[pid]))
    return out


def report_from_dict(data: Mapping[str, Any], rubric: Rubric | None = None) -> Report:
    """Rebuild a :class:`Report` from ``Report.to_dict()`` data.

    Each point's wording and the question are as stored, so feedback reopened after the
    teacher edits the rubric reads as it was given; reports stored before they were kept
    take them from ``rubric`` when given (a point since removed shows its id instead). Weights
    always come from ``rubric`` (1 for a removed point).
    """
    wording = {p.id: (p.text, p.weight) for p in rubric.points} if rubric else {}
    points = []
    for p in data.get("points", []):
        text, weight = wording.get(p["id"], (p["id"], 1.0))
        text = str(p.get("text") or text)
        ev = p.get("evidence") or {}
        span = p.get("span")
        points.append(PointResult(p["id"], p["side"], text, weight, p["status"], float(p.get("score", 0.0)),
                                  p.get("sentence"), tuple(span) if span else None, ev.get("text"),
                                  ev.get("citation"), bool(p.get("borderline", False)), p.get("check"),
                                  float(p.get("doubt", 0.0)), ev.get("title"), p.get("why"),
                                  bool(p.get("in_passing", False))))
    return Report(
        rubric=data["rubric"], student=data.get("student", ""), words=int(data.get("words", 0)),
        sentences=int(data.get("sentences", 0)), points=tuple(points),
        sides=tuple(SideSummary(**s) for s in data.get("sides", [])),
        coverage=float(data.get("coverage", 0.0)), balance=data.get("balance", "n/a"),
        judgement=data.get("judgement", "none"), judgement_sentence=data.get("judgement_sentence"),
        level=int(data.get("level") or 0),  # null, or 0 as stored before: no level
        mark=int(data.get("mark", 0)),
        max_mark=int(data.get("max_mark", 0)),
        warnings=tuple(Flag(**w) for w in data.get("warnings", [])),
        calibrated=bool(data.get("calibrated", False)),
        next_steps=tuple(str(step) for step in data.get("next_steps", ())),
        question=str(data.get("question") or (rubric.question if rubric else "")))
