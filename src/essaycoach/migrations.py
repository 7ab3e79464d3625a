"""Versioned schema migrations for the one SQLite database.

The database's schema version is ``PRAGMA user_version``: 0 for a new file or for a database
made before migrations existed. :func:`migrate` (run by :func:`essaycoach.store.connect`)
applies every migration above that version, in order, each with its version stamp in one
transaction, so a database is always at exactly one version and two processes opening it at
once cannot both upgrade it.

A feature adds its tables by appending **one** :class:`Migration` to :data:`MIGRATIONS`.
A migration that has shipped is never edited: databases in schools have already run it.
Statements are plain, portable SQL (no SQLite-only types or collations in new tables) so that
the storage modules could later be pointed at another database.
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from .errors import EssaycoachError


class SchemaError(EssaycoachError):
    """The database is from a newer essaycoach, or is not an essaycoach database at all."""


@dataclass(frozen=True)
class Migration:
    """One step of the schema: ``statements`` run in order, in the step's transaction."""

    version: int
    name: str
    statements: tuple[str, ...]


def _statements(script: str) -> tuple[str, ...]:
    return tuple(s.strip() for s in script.split(";") if s.strip())


# Version 1 is the schema as it stood before migrations (attempts.py and classes.py used to
# create these tables on first use; now only this list does). Every statement is "IF NOT
# EXISTS", so a database made by that code upgrades in place, keeping its rows. The column
# ``agreed_json`` arrived late in that era; a database without it gets it from classes.open_db.
_BASELINE = _statements("""
CREATE TABLE IF NOT EXISTS drafts (
    student     TEXT NOT NULL COLLATE NOCASE,
    rubric_id   TEXT NOT NULL,
    text        TEXT NOT NULL,
    started_at  REAL NOT NULL,
    saved_at    REAL NOT NULL,
    PRIMARY KEY (student, rubric_id)
);
CREATE TABLE IF NOT EXISTS attempts (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    student      TEXT NOT NULL COLLATE NOCASE,
    rubric_id    TEXT NOT NULL,
    essay        TEXT NOT NULL,
    report_json  TEXT NOT NULL,
    mark         INTEGER NOT NULL,
    max_mark     INTEGER NOT NULL,
    level        INTEGER NOT NULL,
    words        INTEGER NOT NULL,
    started_at   REAL NOT NULL,
    submitted_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS attempts_by_student ON attempts (student, rubric_id, submitted_at);
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
    agreed_json TEXT,
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
)
""")

# Classroom mode (issue 14): accounts (the teacher and students), sign-in sessions, classes,
# timed assignments and the students' submissions (a submission is the draft until it is sent).
# Names are matched through ``name_key`` (the casefolded name), not a collation.
_CLASSROOM = _statements("""
CREATE TABLE classrooms (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    created_at  REAL NOT NULL
);
CREATE TABLE accounts (
    id            INTEGER PRIMARY KEY,
    role          TEXT NOT NULL,
    name          TEXT NOT NULL,
    name_key      TEXT NOT NULL UNIQUE,
    class_id      INTEGER REFERENCES classrooms (id) ON DELETE CASCADE,
    password_hash TEXT,
    join_code     TEXT UNIQUE,
    failures      INTEGER NOT NULL DEFAULT 0,
    locked_until  REAL NOT NULL DEFAULT 0,
    created_at    REAL NOT NULL
);
CREATE TABLE sessions (
    token_hash  TEXT PRIMARY KEY,
    account_id  INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    created_at  REAL NOT NULL,
    expires_at  REAL NOT NULL
);
CREATE TABLE assignments (
    id          INTEGER PRIMARY KEY,
    class_id    INTEGER NOT NULL REFERENCES classrooms (id) ON DELETE CASCADE,
    rubric_id   TEXT NOT NULL,
    title       TEXT NOT NULL,
    minutes     INTEGER NOT NULL,
    opens_at    REAL NOT NULL,
    closes_at   REAL NOT NULL,
    feedback    TEXT NOT NULL,
    set_id      INTEGER,
    released_at REAL,
    created_at  REAL NOT NULL
);
CREATE TABLE submissions (
    assignment_id INTEGER NOT NULL REFERENCES assignments (id) ON DELETE CASCADE,
    account_id    INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    text          TEXT NOT NULL,
    started_at    REAL NOT NULL,
    saved_at      REAL NOT NULL,
    submitted_at  REAL,
    auto          INTEGER NOT NULL DEFAULT 0,
    report_json   TEXT,
    set_row       INTEGER,
    PRIMARY KEY (assignment_id, account_id)
);
CREATE INDEX submissions_by_account ON submissions (account_id)
""")

# The comment bank (issue 13): reusable comments per rubric, and those picked for an essay.
_COMMENTS = _statements("""
CREATE TABLE IF NOT EXISTS comment_bank (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    rubric_id   TEXT NOT NULL,
    point       TEXT,
    text        TEXT NOT NULL,
    created_at  REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS class_comments (
    set_id      INTEGER NOT NULL,
    row         INTEGER NOT NULL,
    comment_id  INTEGER NOT NULL REFERENCES comment_bank (id) ON DELETE CASCADE,
    PRIMARY KEY (set_id, row, comment_id),
    FOREIGN KEY (set_id, row) REFERENCES class_essays (set_id, row) ON DELETE CASCADE
)
""")

# Learning inside a class set (issue 12): each time the teacher re-marks the essays they have not
# reviewed with what their marking taught, a lesson (the wordings credited and rejected so far);
# each essay keeps the lesson it was last marked with (0: none).
_LESSONS = _statements("""
CREATE TABLE class_lessons (
    set_id         INTEGER NOT NULL REFERENCES class_sets (id) ON DELETE CASCADE,
    lesson         INTEGER NOT NULL,
    exemplars_json TEXT NOT NULL,
    learnt_from    INTEGER NOT NULL,
    created_at     REAL NOT NULL,
    PRIMARY KEY (set_id, lesson)
);
ALTER TABLE class_essays ADD COLUMN lesson INTEGER NOT NULL DEFAULT 0
""")

# The sentence a teacher picked as the one that makes a point they credited: calibration learns
# that wording (NULL: the engine's own choice).
_PICKED = _statements("""
ALTER TABLE class_overrides ADD COLUMN sentence TEXT
""")

# When each account last signed in (NULL: never), so the teacher can tell a student who has
# signed in from one who has only been given a PIN.
_SIGNED_IN = _statements("""
ALTER TABLE accounts ADD COLUMN signed_in_at REAL;
UPDATE accounts SET signed_in_at = (SELECT max(created_at) FROM sessions WHERE account_id = accounts.id)
""")

# Names are matched with every apostrophe as "'" (accounts.name_key): keys stored before are
# folded the same way, so that "O’Brien" typed on a tablet finds the account the teacher typed
# as "O'Brien". OR IGNORE: a key two accounts would then share stays as it was.
_APOSTROPHES = _statements("""
UPDATE OR IGNORE accounts SET name_key = replace(replace(replace(name_key, '’', ''''), '‘', ''''), 'ʼ', '''')
""")

# What marking a class set again changed, kept until the teacher dismisses it: a notice held
# in the browser's session was gone at a reload, and a second change replaced one unread.
_REMARKS = _statements("""
CREATE TABLE class_remarks (
    set_id       INTEGER PRIMARY KEY REFERENCES class_sets (id) ON DELETE CASCADE,
    changes_json TEXT NOT NULL,
    learnt       INTEGER NOT NULL,
    created_at   REAL NOT NULL
)
""")

# Released per essay: an essay joining a class set after its marking was released stays with
# the teacher until they release again (a walk's late essay reached its student unseen, with the
# engine's mark). Essays in a released set before this migration were released with it.
_RELEASED_EACH = _statements("""
ALTER TABLE submissions ADD COLUMN released_at REAL;
UPDATE submissions SET released_at =
    (SELECT released_at FROM assignments WHERE assignments.id = submissions.assignment_id)
WHERE set_row IS NOT NULL
""")

# Practice is a classroom student's by account, not by name: a name typed in the personal app
# on the same database had joined a classroom account's attempts (walk 44), and could read them.
# Rows kept before were a student's when they bore the account's name, as they were read then;
# 0 is no account (the personal app). Drafts are rebuilt for their key, as SQLite requires.
_BY_ACCOUNT = _statements("""
ALTER TABLE attempts ADD COLUMN account_id INTEGER NOT NULL DEFAULT 0;
UPDATE attempts SET account_id = COALESCE((SELECT accounts.id FROM accounts
    WHERE accounts.role = 'student' AND attempts.student = accounts.name), 0);
CREATE TABLE drafts_by_account (
    student     TEXT NOT NULL COLLATE NOCASE,
    rubric_id   TEXT NOT NULL,
    text        TEXT NOT NULL,
    started_at  REAL NOT NULL,
    saved_at    REAL NOT NULL,
    account_id  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (account_id, student, rubric_id)
);
INSERT INTO drafts_by_account (student, rubric_id, text, started_at, saved_at, account_id)
    SELECT student, rubric_id, text, started_at, saved_at, COALESCE((SELECT accounts.id FROM accounts
        WHERE accounts.role = 'student' AND drafts.student = accounts.name), 0) FROM drafts;
DROP TABLE drafts;
ALTER TABLE drafts_by_account RENAME TO drafts;
CREATE INDEX attempts_by_account ON attempts (account_id, rubric_id, submitted_at)
""")

MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "attempts, drafts and class sets", _BASELINE),
    Migration(2, "classroom mode: accounts, sessions, classes, assignments", _CLASSROOM),
    Migration(3, "the comment bank", _COMMENTS),
    Migration(4, "lessons a class set learnt from the teacher's marking", _LESSONS),
    Migration(5, "the sentence the teacher picked for a point they credited", _PICKED),
    Migration(6, "when each account last signed in", _SIGNED_IN),
    Migration(7, "names matched whichever apostrophe is typed", _APOSTROPHES),
    Migration(8, "what marking a class set again changed, until dismissed", _REMARKS),
    Migration(9, "marking released essay by essay", _RELEASED_EACH),
    Migration(10, "practice kept by account in classroom mode", _BY_ACCOUNT),
)
LATEST = MIGRATIONS[-1].version


def schema_version(db: sqlite3.Connection) -> int:
    """The version the database is at (``PRAGMA user_version``)."""
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def check_version(version: int, origin: str = "the database") -> None:
    """Raise :class:`SchemaError` if ``version`` is newer than this essaycoach knows."""
    if version > LATEST:
        raise SchemaError(f"{origin} is at schema version {version}, made by a newer essaycoach; this one "
                          f"knows versions up to {LATEST}: upgrade essaycoach to open it")


def migrate(db: sqlite3.Connection) -> int:
    """Bring the database up to :data:`LATEST`; returns the version it was at.

    Each pending migration runs in its own ``BEGIN IMMEDIATE`` transaction that re-reads the
    version first, so a concurrent opener waits and then finds nothing left to do."""
    start = schema_version(db)
    check_version(start)
    for step in MIGRATIONS:
        if step.version <= start:
            continue
        db.execute("BEGIN IMMEDIATE")
        try:
            if schema_version(db) < step.version:
                for statement in step.statements:
                    db.execute(statement)
                db.execute(f"PRAGMA user_version = {int(step.version)}")
            db.commit()
        except BaseException:
            db.rollback()
            raise
    return start
