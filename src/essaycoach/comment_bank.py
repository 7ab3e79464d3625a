"""The teacher's comment bank in the local SQLite database: reusable comments kept per rubric,
each on one point or general, and the ones picked for each essay of a class set.

Picks refer to the bank, so editing a comment changes it wherever it was picked; removing it
removes its picks, and deleting a class set (:func:`essaycoach.classes.delete_set`) removes
that set's picks with its essays.
"""
from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from . import classes
from .errors import EssaycoachError
from .marking import Comment

MAX_COMMENT_CHARS = 500

class CommentError(EssaycoachError, ValueError):
    """A comment that cannot be kept: empty, too long, or already in the bank."""


@dataclass(frozen=True)
class BankComment:
    """A comment in a rubric's bank: on one point (``point`` = its id) or general (``None``)."""

    id: int
    rubric_id: str
    point: str | None
    text: str

    def as_comment(self) -> Comment:
        return Comment(self.text, self.point)


def open_db(path: Path | None = None) -> sqlite3.Connection:
    """The app database (its comment tables come from ``migrations``)."""
    return classes.open_db(path)


def _tidy(text: str) -> str:
    tidy = " ".join(str(text or "").split())
    if not tidy:
        raise CommentError("a comment needs some text")
    if len(tidy) > MAX_COMMENT_CHARS:
        raise CommentError(f"a comment is at most {MAX_COMMENT_CHARS} characters (this one has {len(tidy)})")
    return tidy


def _row(r: sqlite3.Row) -> BankComment:
    return BankComment(r["id"], r["rubric_id"], r["point"], r["text"])


def bank(db: sqlite3.Connection, rubric_id: str) -> list[BankComment]:
    """The rubric's comments: general ones first, then by point, each in the order added."""
    rows = db.execute("SELECT * FROM comment_bank WHERE rubric_id = ? ORDER BY point IS NOT NULL, point, id",
                      (rubric_id,))
    return [_row(r) for r in rows]


def add(db: sqlite3.Connection, rubric_id: str, text: str, point: str | None = None) -> BankComment:
    """Keep a new comment in the rubric's bank (the same text twice on one point is refused)."""
    tidy = _tidy(text)
    if any(c.text == tidy and c.point == point for c in bank(db, rubric_id)):
        raise CommentError(f"the bank already holds this comment{f' on {point}' if point else ''}")
    with db:
        cur = db.execute("INSERT INTO comment_bank (rubric_id, point, text, created_at) VALUES (?, ?, ?, ?)",
                         (rubric_id, point, tidy, time.time()))
    return BankComment(int(cur.lastrowid or 0), rubric_id, point, tidy)


def edit(db: sqlite3.Connection, comment_id: int, text: str) -> None:
    """Reword a comment; essays it was picked for show the new wording."""
    tidy = _tidy(text)
    with db:
        db.execute("UPDATE comment_bank SET text = ? WHERE id = ?", (tidy, comment_id))


def remove(db: sqlite3.Connection, comment_id: int) -> None:
    """Take a comment out of the bank and off every essay it was picked for."""
    with db:
        db.execute("DELETE FROM class_comments WHERE comment_id = ?", (comment_id,))
        db.execute("DELETE FROM comment_bank WHERE id = ?", (comment_id,))


def pick(db: sqlite3.Connection, set_id: int, row: int, comment_ids: Iterable[int]) -> None:
    """Make ``comment_ids`` the comments picked for one essay (replacing the earlier picks)."""
    with db:
        db.execute("DELETE FROM class_comments WHERE set_id = ? AND row = ?", (set_id, row))
        db.executemany("INSERT INTO class_comments (set_id, row, comment_id) VALUES (?, ?, ?)",
                       [(set_id, row, cid) for cid in dict.fromkeys(comment_ids)])


def picked(db: sqlite3.Connection, set_id: int) -> dict[int, list[BankComment]]:
    """``{row: [comment, ...]}``: the comments picked for each essay of the set."""
    out: dict[int, list[BankComment]] = {}
    for r in db.execute("SELECT c.row, b.* FROM class_comments c JOIN comment_bank b ON b.id = c.comment_id "
                        "WHERE c.set_id = ? ORDER BY c.row, b.point IS NOT NULL, b.point, b.id", (set_id,)):
        out.setdefault(r["row"], []).append(_row(r))
    return out


def comments(db: sqlite3.Connection, set_id: int) -> dict[int, tuple[Comment, ...]]:
    """The picked comments as the exports and the marking rules take them."""
    return {row: tuple(c.as_comment() for c in found) for row, found in picked(db, set_id).items()}
