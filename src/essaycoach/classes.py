"""Class sets in the local SQLite database: the essays, their results and the teacher's marking.

Pure functions over an open ``sqlite3.Connection`` (:func:`open_db`); tables are created on
first use. The teacher's marking of an essay sits beside the engine's verdict, never over it:

* an *override* replaces the engine's verdict on one point (its status: covered, partial or
  missing) or on the whole essay (its mark), always with the teacher's reason;
* the *reviewed* flag says the teacher has checked the essay: the verdicts they left alone
  count as agreed. The verdicts they saw are kept with the flag (``agreed_json``), so a later
  re-marking (a new calibration, a changed rubric) does not change what they agreed to.

Essays reviewed or overridden become the labels a calibration is fitted to (:func:`teacher_labels`).
"""
from __future__ import annotations

import json
import re
import sqlite3
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from . import store
from .attempts import report_from_dict
from .batch import BatchRow, distinct_names
from .calibrate import TeacherLabel
from .errors import EssaycoachError, short
from .inputs import EssayInput
from .marking import Remarking
from .overrides import MARK, Override
from .report import STATUSES, Report
from .rubric import Rubric

MAX_NAME_CHARS = 120
MAX_REASON_CHARS = 500
MARK_CHARS = 6  # the longest mark text taken: a sign and five digits

class OverrideError(EssaycoachError, ValueError):
    """An override that cannot be stored: unknown status, a mark out of range, no reason."""


class StaleMarking(OverrideError):
    """The essay's marking changed (in another tab) since the screen saving it was drawn."""


@dataclass(frozen=True)
class ClassSet:
    """A class set: its name, the rubric it is marked against, when, and how many essays;
    ``minutes``, the time its essays were written in when it came from an assignment (None: the
    rubric's own)."""

    id: int
    name: str
    rubric_id: str
    created_at: float
    essays: int
    minutes: int | None = None


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
class Marking:
    """Everything the teacher decides about one essay, saved in one go by :func:`save_marking`.

    ``points`` maps a point id to ``(status, reason)``; a point left out keeps the engine's
    verdict. ``mark`` is ``(mark, reason)`` or ``None`` for the engine's mark. ``sentences`` names,
    for a point overridden to "covered", the sentence of the essay the teacher says makes it."""

    points: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    mark: tuple[int | str, str] | None = None
    reviewed: bool = False
    sentences: Mapping[str, str] = field(default_factory=dict)  # point credited -> the sentence picked


def open_db(path: Path | None = None) -> sqlite3.Connection:
    """Open the app database (``$ESSAYCOACH_DATA``); its tables come from ``migrations``."""
    db = store.connect(path)
    columns = {r["name"] for r in db.execute("PRAGMA table_info(class_essays)")}
    if "agreed_json" not in columns:  # a database from before reviews kept what was agreed
        with db:
            db.execute("ALTER TABLE class_essays ADD COLUMN agreed_json TEXT")
    return db


def create_set(db: sqlite3.Connection, name: str, rubric_id: str, essays: Sequence[EssayInput]) -> int:
    """Store a new class set and its essays (unreadable ones too, with their error); its id.

    A blank name becomes "Class set <date time>", numbered "(2)", "(3)"... when sets marked in
    the same minute would otherwise share it."""
    label = " ".join(str(name or "").split())[:MAX_NAME_CHARS]
    if not label:
        label = base = time.strftime("Class set %d %b %Y %H:%M")
        taken = {str(r[0]) for r in db.execute("SELECT name FROM class_sets WHERE name = ? OR name LIKE ?",
                                               (base, base + " (%)"))}
        n = 2
        while label in taken:
            label, n = f"{base} ({n})", n + 1
    with db:
        cur = db.execute("INSERT INTO class_sets (name, rubric_id, created_at) VALUES (?, ?, ?)",
                         (label, rubric_id, time.time()))
        set_id = cast(int, cur.lastrowid)  # an INSERT sets it
        db.executemany("INSERT INTO class_essays (set_id, row, student, origin, text, error) "
                       "VALUES (?, ?, ?, ?, ?, ?)",
                       [(set_id, i, e.student, e.origin, e.text, e.error) for i, e in enumerate(essays)])
    return set_id


def add_essays(db: sqlite3.Connection, set_id: int, essays: Sequence[EssayInput]) -> int:
    """Append essays to a stored class set (after its last row); the row of the first one."""
    with db:
        first = int(db.execute("SELECT COALESCE(MAX(row), -1) + 1 FROM class_essays WHERE set_id = ?",
                               (set_id,)).fetchone()[0])
        db.executemany("INSERT INTO class_essays (set_id, row, student, origin, text, error) "
                       "VALUES (?, ?, ?, ?, ?, ?)",
                       [(set_id, first + i, e.student, e.origin, e.text, e.error) for i, e in enumerate(essays)])
    return first


def _sets(db: sqlite3.Connection, where: str = "", args: tuple = ()) -> list[ClassSet]:
    rows = db.execute("SELECT s.*, (SELECT count(*) FROM class_essays e WHERE e.set_id = s.id) AS n, "
                      "(SELECT min(a.minutes) FROM assignments a WHERE a.set_id = s.id) AS minutes "
                      f"FROM class_sets s {where} ORDER BY s.created_at DESC, s.id DESC", args)
    return [ClassSet(r["id"], r["name"], r["rubric_id"], r["created_at"], r["n"], r["minutes"]) for r in rows]


def list_sets(db: sqlite3.Connection) -> list[ClassSet]:
    """Every class set, newest first."""
    return _sets(db)


def get_set(db: sqlite3.Connection, set_id: int) -> ClassSet | None:
    found = _sets(db, "WHERE s.id = ?", (set_id,))
    return found[0] if found else None


def delete_set(db: sqlite3.Connection, set_id: int) -> None:
    """Remove a class set with its essays, results, the teacher's marking and what it learnt."""
    with db:
        db.execute("DELETE FROM class_overrides WHERE set_id = ?", (set_id,))
        db.execute("DELETE FROM class_lessons WHERE set_id = ?", (set_id,))
        db.execute("DELETE FROM class_remarks WHERE set_id = ?", (set_id,))
        db.execute("DELETE FROM class_essays WHERE set_id = ?", (set_id,))
        db.execute("DELETE FROM class_sets WHERE id = ?", (set_id,))


def essays(db: sqlite3.Connection, set_id: int) -> list[StoredEssay]:
    """The set's essays in upload order."""
    rows = db.execute("SELECT row, student, origin, text, error, reviewed FROM class_essays "
                      "WHERE set_id = ? ORDER BY row", (set_id,))
    return [StoredEssay(r["row"], r["student"], r["origin"], r["text"], r["error"], bool(r["reviewed"]))
            for r in rows]


def student_labels(stored: Sequence[StoredEssay]) -> list[str]:
    """A name per essay that tells every essay apart: the student's name, with the essay's
    position added when two essays share a name (two "Amy"s, or one student twice)."""
    return distinct_names([e.student for e in stored], [e.row for e in stored])


def save_results(db: sqlite3.Connection, set_id: int, rows: Sequence[BatchRow]) -> None:
    """Keep each essay's latest report (``rows`` in upload order, as ``mark_batch`` returns them)."""
    with db:
        db.executemany("UPDATE class_essays SET report_json = ? WHERE set_id = ? AND row = ?",
                       [(json.dumps(r.report.to_dict(), ensure_ascii=False) if r.report else None, set_id, i)
                        for i, r in enumerate(rows)])


def note_remarked(db: sqlite3.Connection, set_id: int, changes: Remarking, learnt: bool) -> None:
    """Keep what marking the set again changed until the teacher dismisses it, added to a notice
    not yet dismissed (``learnt``: the teacher's "Apply" did it, both times if twice)."""
    if not changes:
        return
    with db:
        earlier = remarked_notice(db, set_id)   # None too when it cannot be read: this change replaces it
        if earlier is not None:
            changes, learnt = earlier[0].then(changes), learnt and earlier[1]
        db.execute("INSERT OR REPLACE INTO class_remarks (set_id, changes_json, learnt, created_at) "
                   "VALUES (?, ?, ?, ?)", (set_id, json.dumps(changes.to_dict()), int(learnt), time.time()))


def remarked_notice(db: sqlite3.Connection, set_id: int) -> tuple[Remarking, bool] | None:
    """What marking the set again changed and whether "Apply" did it, until dismissed; None if nothing."""
    found = db.execute("SELECT changes_json, learnt FROM class_remarks WHERE set_id = ?", (set_id,)).fetchone()
    if found is None:
        return None
    try:
        changes = Remarking.from_dict(json.loads(found["changes_json"]))
    except (ValueError, KeyError, TypeError):
        return None
    return (changes, bool(found["learnt"])) if changes else None


def dismiss_remarked(db: sqlite3.Connection, set_id: int) -> None:
    with db:
        db.execute("DELETE FROM class_remarks WHERE set_id = ?", (set_id,))


def stored_reports(db: sqlite3.Connection, set_id: int, rubric: Rubric | None = None) -> dict[int, Report]:
    """The latest stored report of each marked essay, ``{row: Report}``."""
    rows = db.execute("SELECT row, report_json FROM class_essays WHERE set_id = ? AND report_json IS NOT NULL",
                      (set_id,))
    return {r["row"]: report_from_dict(json.loads(r["report_json"]), rubric) for r in rows}


def set_reviewed(db: sqlite3.Connection, set_id: int, row: int, reviewed: bool) -> None:
    """Mark an essay as checked by the teacher (or not): the verdicts on show now (its stored
    report) are kept as the ones the teacher agreed to."""
    with db:
        _reviewed(db, set_id, row, reviewed)


def agreed_report(db: sqlite3.Connection, set_id: int, row: int, rubric: Rubric | None = None) -> Report | None:
    """The report whose verdicts the teacher agreed to when they ticked the essay "reviewed" (a
    point added or renamed since is not in it, a verdict re-marked since may differ), or None
    when not known."""
    found = db.execute("SELECT agreed_json FROM class_essays WHERE set_id = ? AND row = ? AND reviewed = 1",
                       (set_id, row)).fetchone()
    if found is None or not found["agreed_json"]:
        return None
    try:
        return report_from_dict(json.loads(found["agreed_json"]), rubric)
    except (ValueError, KeyError, TypeError):   # a report this version cannot read: nothing to compare
        return None


def _reviewed(db: sqlite3.Connection, set_id: int, row: int, reviewed: bool) -> None:
    db.execute("UPDATE class_essays SET reviewed = ?, agreed_json = CASE WHEN ? THEN report_json END "
               "WHERE set_id = ? AND row = ?", (int(bool(reviewed)), int(bool(reviewed)), set_id, row))


def _tidy(value: str | int, reason: str) -> tuple[str, str]:
    """An override's value and reason as stored: trimmed, spaces collapsed, the reason capped."""
    return str(value).strip(), " ".join(str(reason or "").split())[:MAX_REASON_CHARS]


def _checked(target: str, value: str | int, reason: str, max_mark: int | None) -> tuple[str, str]:
    """The override's value and reason, tidied; raises :class:`OverrideError` if unusable."""
    value, reason = _tidy(value, reason)
    name = "the mark" if target == MARK else f"point {target!r}"
    if target == MARK:
        # A digit test, not isdigit(): "²" is a digit int() refuses; the length keeps int() from
        # refusing a number of thousands of digits.
        whole = len(value) <= MARK_CHARS and re.fullmatch(r"[+-]?\d+", value) is not None
        if not whole or (max_mark is not None and not 0 <= int(value) <= max_mark):
            top = f"from 0 to {max_mark}" if max_mark is not None else "of 0 or more"
            raise OverrideError(f"{name} must be a whole number {top}, not {short(value)}")
        value = str(int(value))
    elif value not in STATUSES:
        raise OverrideError(f"{name}: a status must be one of {', '.join(STATUSES)}, not {value!r}")
    if not reason:
        # An essay the engine could not mark has no engine's mark to show the teacher's beside.
        kept = "it goes into the exports with your mark" if target == MARK else "it is shown beside the engine's"
        what = "your mark" if target == MARK else f"your verdict on {name}"
        raise OverrideError(f"give a reason for {what} ({kept})")
    return value, reason


def _upsert(db: sqlite3.Connection, set_id: int, made: Override) -> None:
    db.execute("INSERT INTO class_overrides (set_id, row, target, value, reason, created_at, sentence) "
               "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (set_id, row, target) DO UPDATE SET "
               "value = excluded.value, reason = excluded.reason, created_at = excluded.created_at, "
               "sentence = excluded.sentence",
               (set_id, made.row, made.target, made.value, made.reason, made.created_at, made.sentence))


def set_override(db: sqlite3.Connection, set_id: int, row: int, target: str, value: str | int,
                 reason: str, max_mark: int | None = None) -> Override:
    """Store (or replace) the teacher's verdict on a point's status or on the mark."""
    value, reason = _checked(target, value, reason, max_mark)
    made = Override(row, target, value, reason, time.time())
    with db:
        _upsert(db, set_id, made)
    return made


def save_marking(db: sqlite3.Connection, set_id: int, row: int, marking: Marking,
                 max_mark: int | None = None, was: Mapping[str, Override] | None = None) -> None:
    """Replace an essay's overrides and reviewed flag with ``marking``, all or nothing.

    Every problem is checked first and reported together (one :class:`OverrideError`, one
    line each), so a half-saved marking never happens. An override whose value and reason are
    unchanged keeps its original time. ``was``: the overrides the marking was made from (the
    screen's); when the stored ones differ, another tab saved since, and :class:`StaleMarking`
    is raised rather than writing over its marking unseen."""
    wanted: dict[str, tuple[str, str]] = {}
    problems = []
    targets = list(marking.points.items()) + ([(MARK, marking.mark)] if marking.mark is not None else [])
    for target, (value, reason) in targets:
        try:
            wanted[target] = _checked(target, value, reason, max_mark)
        except OverrideError as exc:
            problems.append(str(exc))
    if problems:
        raise OverrideError("\n".join(problems))
    now = time.time()
    current = overrides(db, set_id).get(row, {})
    if was is not None and _as_saved(current) != _as_saved(was):
        raise StaleMarking("this essay's marking was saved in another tab or window since this screen showed "
                           "it, so nothing was saved here. Save again to replace that marking with what is on "
                           "this screen; to see it instead, reload the page (this screen's changes are then "
                           "dropped)")
    with db:
        for target in set(current) - set(wanted):
            db.execute("DELETE FROM class_overrides WHERE set_id = ? AND row = ? AND target = ?",
                       (set_id, row, target))
        for target, (value, reason) in wanted.items():
            old = current.get(target)
            sentence = _picked(marking, target, value)
            if old is None or (old.value, old.reason, old.sentence) != (value, reason, sentence):
                _upsert(db, set_id, Override(row, target, value, reason, now, sentence))
        _reviewed(db, set_id, row, marking.reviewed)  # reviewed again: agreed to what is on show now


def _as_saved(found: Mapping[str, Override]) -> dict[str, tuple[str, str, str | None]]:
    return {t: (o.value, o.reason, o.sentence) for t, o in found.items()}


def _picked(marking: Marking, target: str, value: str) -> str | None:
    """The sentence picked for a point credited (tidied), or None."""
    text = " ".join(str(marking.sentences.get(target) or "").split()) if value == "covered" else ""
    return text or None


def unchanged(current: Mapping[str, Override], reviewed: bool, marking: Marking) -> bool:
    """Whether saving ``marking`` would change nothing for an essay whose overrides are
    ``current`` and whose reviewed flag is ``reviewed`` (values and reasons tidied as saved)."""
    wanted = dict(marking.points) | ({MARK: marking.mark} if marking.mark is not None else {})
    return (bool(marking.reviewed) == bool(reviewed) and set(wanted) == set(current)
            and all(_tidy(*wanted[t]) == (current[t].value, current[t].reason)
                    and _picked(marking, t, current[t].value) == current[t].sentence for t in wanted))


def overrides(db: sqlite3.Connection, set_id: int) -> dict[int, dict[str, Override]]:
    """``{row: {target: Override}}`` for the set."""
    out: dict[int, dict[str, Override]] = {}
    for r in db.execute("SELECT * FROM class_overrides WHERE set_id = ? ORDER BY row, target", (set_id,)):
        out.setdefault(r["row"], {})[r["target"]] = Override(r["row"], r["target"], r["value"], r["reason"],
                                                              r["created_at"], r["sentence"])
    return out


def teacher_labels(db: sqlite3.Connection, set_id: int, rubric: Rubric) -> list[TeacherLabel]:
    """The teacher's marking of a class set as calibration labels, one per essay reviewed or
    overridden (unreadable essays and essays not yet marked give none).

    Points (1 = made, 0 = not made; calibration fits the "covered" threshold):

    * a point the teacher overrode: 1 if they said "covered", 0 for "partial" or "missing" —
      an explicit "partial" is the teacher saying the point is *not* fully made;
    * on a reviewed essay, a point they left alone: the engine's verdict they saw when they
      ticked "reviewed", 1 for "covered", 0 for "partial" (the engine was not sure it was
      made, and the teacher did not promote it) or "missing";
    * on an essay overridden but not reviewed, only the overridden points are labels.

    The mark is the teacher's mark, or on a reviewed essay the engine's mark they agreed to;
    otherwise none. A sentence the teacher picked for a point they credited goes with the label
    (calibration learns that wording rather than guessing it). Points no longer in ``rubric`` are
    left out. Each label's ``student`` is the essay's name from :func:`student_labels`, unique
    within the set.
    """
    stored = essays(db, set_id)
    names = dict(zip((e.row for e in stored), student_labels(stored)))
    verdicts = {r["row"]: r["agreed_json"] or r["report_json"] for r in db.execute(
        "SELECT row, report_json, agreed_json FROM class_essays WHERE set_id = ?", (set_id,))}
    mine_by_row = overrides(db, set_id)
    point_ids = [p.id for p in rubric.points]
    out = []
    for essay in stored:
        mine = mine_by_row.get(essay.row, {})
        seen = json.loads(verdicts[essay.row]) if verdicts.get(essay.row) else None
        if essay.error or seen is None or not (essay.reviewed or mine):
            continue
        engine_status = {p["id"]: p["status"] for p in seen.get("points", [])}
        points = {}
        for pid in point_ids:
            if pid in mine:
                points[pid] = int(mine[pid].value == "covered")
            elif essay.reviewed and pid in engine_status:
                points[pid] = int(engine_status[pid] == "covered")
        if MARK in mine:
            mark: int | None = int(mine[MARK].value)
        else:
            mark = int(seen["mark"]) if essay.reviewed and "mark" in seen else None
        picked = {pid: o.sentence for pid, o in mine.items() if pid in points and o.value == "covered" and o.sentence}
        if points or mark is not None:
            out.append(TeacherLabel(names[essay.row], essay.text, points, mark, picked or None))
    return out
