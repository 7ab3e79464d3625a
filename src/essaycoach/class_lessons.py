"""What a class set learnt from the teacher's marking, kept in the database (issue 12).

Each time the teacher re-marks the essays they have not reviewed "with what was learnt", a
*lesson* is stored: every wording credited or rejected so far in the set (each with the essay
it came from). Each essay keeps the number of the lesson it was last marked with (0: none), so a
reload marks it the same way, and an essay the teacher had already reviewed keeps the verdicts
they saw. Pure functions over an open ``sqlite3.Connection`` (``classes.open_db``).
"""
from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from . import classes
from .exemplars import Exemplar
from .thresholds import exemplars_from_data, exemplars_to_data


@dataclass(frozen=True)
class Lessons:
    """A set's lessons, oldest first, and the lesson each essay was last marked with."""

    rounds: tuple[tuple[int, tuple[Exemplar, ...]], ...] = ()   # (lesson number, its wordings)
    essays: tuple[tuple[int, int], ...] = ()                   # (row, lesson) of each essay marked with one

    def by_row(self) -> dict[int, tuple[Exemplar, ...]]:
        """The wordings each essay is marked with (rows marked without a lesson are left out)."""
        rounds = dict(self.rounds)
        return {row: rounds.get(lesson, ()) for row, lesson in self.essays}

    @property
    def latest(self) -> tuple[Exemplar, ...]:
        """Everything the set has learnt so far (a lesson holds the ones before it)."""
        return self.rounds[-1][1] if self.rounds else ()


def lessons(db: sqlite3.Connection, set_id: int) -> Lessons:
    rounds = tuple((r["lesson"], exemplars_from_data(json.loads(r["exemplars_json"]), f"class set {set_id}"))
                   for r in db.execute("SELECT lesson, exemplars_json FROM class_lessons WHERE set_id = ? "
                                       "ORDER BY lesson", (set_id,)))
    essays = tuple((r["row"], r["lesson"]) for r in db.execute(
        "SELECT row, lesson FROM class_essays WHERE set_id = ? AND lesson > 0 ORDER BY row", (set_id,)))
    return Lessons(rounds, essays)


def save_lesson(db: sqlite3.Connection, set_id: int, exemplars: Sequence[Exemplar], rows: Collection[int],
                learnt_from: int) -> int:
    """Store a lesson and mark ``rows`` with it from now on; its number. A row the teacher has
    reviewed in the meantime keeps its lesson: what they checked is not re-marked."""
    with db:
        (last,) = db.execute("SELECT coalesce(max(lesson), 0) FROM class_lessons WHERE set_id = ?",
                             (set_id,)).fetchone()
        lesson = int(last) + 1
        db.execute("INSERT INTO class_lessons (set_id, lesson, exemplars_json, learnt_from, created_at) "
                   "VALUES (?, ?, ?, ?, ?)", (set_id, lesson, json.dumps(exemplars_to_data(exemplars),
                                                                         ensure_ascii=False), learnt_from, time.time()))
        db.executemany("UPDATE class_essays SET lesson = ? WHERE set_id = ? AND row = ? AND reviewed = 0",
                       [(lesson, set_id, row) for row in sorted(rows)])
    return lesson


def forget_essay(db: sqlite3.Connection, set_id: int, row: int) -> None:
    """Drop from the set's lessons the wordings learnt from one essay, whose student's data is
    being deleted (inside the caller's transaction, before the essay is emptied)."""
    stored = classes.essays(db, set_id)
    label = dict(zip((e.row for e in stored), classes.student_labels(stored))).get(row)
    if label is None:
        return
    for lesson, exemplars in lessons(db, set_id).rounds:
        kept = [e for e in exemplars if e.student != label]
        if len(kept) != len(exemplars):
            db.execute("UPDATE class_lessons SET exemplars_json = ? WHERE set_id = ? AND lesson = ?",
                       (json.dumps(exemplars_to_data(kept), ensure_ascii=False), set_id, lesson))
