"""Classroom mode's accounts: the teacher and the students, passwords, sign-in sessions.

Pure functions over an open connection (:func:`essaycoach.store.connect`; tables from
migration 2). Passwords are hashed with argon2id (argon2-cffi, OWASP's parameters); sign-in
tokens are random (``secrets``) and only their SHA-256 is stored, so a copy of the database
opens no session. Each account counts its failed sign-ins: after a few, the next try must wait,
doubling each time up to :data:`MAX_WAIT` seconds, and the wait is kept in the database so
opening a new browser tab does not reset it.
"""
from __future__ import annotations

import hashlib
import os
import secrets
import sqlite3
import time
import unicodedata
from dataclasses import dataclass, field, replace

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from . import store
from .errors import EssaycoachError

TEACHER, STUDENT = "teacher", "student"
TEACHER_NAME = "Teacher"
MIN_PASSWORD = 8
MAX_PASSWORD = 256
SESSION_SECONDS = 4 * 3600   # a school day's lessons; then sign in again
FREE_FAILURES = 3            # typos: no wait for the first few failures in a row
MAX_WAIT = 300.0
JOIN_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: codes are read off paper
JOIN_LENGTH = 10             # 50 bits: not guessable through the app
_ON = {"1", "true", "yes", "on"}
_OFF = {"0", "false", "no", "off", ""}
# OWASP's argon2id minimum (19 MiB, 2 passes): ~30 ms here, so 30 students signing in at once
# wait about a second, not the several seconds argon2-cffi's 64 MiB default would cost.
_HASHER = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)
_DUMMY = _HASHER.hash("not a password anyone has")


class AuthError(EssaycoachError):
    """A sign-in, join code or password that was refused; the message says what to do."""


@dataclass(frozen=True)
class Account:
    """The teacher or a student (``class_id`` is the student's class; ``None`` for the teacher)."""

    id: int
    role: str
    name: str
    class_id: int | None
    has_password: bool
    join_code: str | None  # shown to the teacher until the student has used it
    signed_in_at: float | None = field(default=None, compare=False)  # the last sign-in (None: never)


@dataclass(frozen=True)
class Session:
    """A signed-in browser: the secret ``token`` it keeps, whose it is, and when it runs out."""

    token: str
    account: Account
    expires_at: float


def classroom_mode() -> bool:
    """``$ESSAYCOACH_CLASSROOM`` (1/0, true/false) if set, else ``classroom = true`` in essaycoach.toml."""
    env = os.environ.get("ESSAYCOACH_CLASSROOM")
    if env is not None:
        value = env.strip().lower()
        if value not in _ON | _OFF:
            raise EssaycoachError(f"ESSAYCOACH_CLASSROOM must be 1 or 0 (true/false), not {env!r}")
        return value in _ON
    setting = store.setting("classroom")
    if setting is None:
        return False
    if not isinstance(setting, bool):
        raise EssaycoachError(f"{store.settings_file()}: 'classroom' must be true or false, not {setting!r}")
    return setting


# Apostrophes a keyboard may type for "'": a tablet's curly one (O’Brien), a left quote, a
# modifier letter. Migration 7 folds the keys stored before it the same way, in SQL.
APOSTROPHES = "\u2019\u2018\u02bc"
_FOLD = str.maketrans({a: "'" for a in APOSTROPHES})


def name_key(name: str) -> str:
    """The form names are matched by: spaces tidied, case folded, accents composed (NFKC: "Zoë"
    typed either way is one name) and every apostrophe as "'"."""
    return " ".join(unicodedata.normalize("NFKC", str(name or "")).translate(_FOLD).split()).casefold()


def check_password(password: str) -> str:
    """The password if it is acceptable, else :class:`AuthError` saying what is needed."""
    password = str(password or "")
    if len(password) < MIN_PASSWORD:
        raise AuthError(f"a password needs at least {MIN_PASSWORD} characters")
    if len(password) > MAX_PASSWORD:
        raise AuthError(f"a password can have at most {MAX_PASSWORD} characters")
    return password


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def new_id(cursor: sqlite3.Cursor) -> int:
    """The id an INSERT just made."""
    if cursor.lastrowid is None:
        raise EssaycoachError("the database did not return the new row's id")
    return cursor.lastrowid


def _account(row: sqlite3.Row) -> Account:
    return Account(row["id"], row["role"], row["name"], row["class_id"], row["password_hash"] is not None,
                   row["join_code"], row["signed_in_at"])


def get_account(db: sqlite3.Connection, account_id: int) -> Account | None:
    row = db.execute("SELECT * FROM accounts WHERE id = ?", (int(account_id),)).fetchone()
    return _account(row) if row else None


def teacher(db: sqlite3.Connection) -> Account | None:
    """The teacher's account, or ``None`` before the first run's set-up."""
    row = db.execute("SELECT * FROM accounts WHERE role = ?", (TEACHER,)).fetchone()
    return _account(row) if row else None


def set_teacher_password(db: sqlite3.Connection, password: str) -> Account:
    """Create the teacher's account, or change its password; signs out the teacher everywhere."""
    digest = hash_password(check_password(password))
    found = teacher(db)
    with db:
        if found is None:
            db.execute("INSERT INTO accounts (role, name, name_key, password_hash, created_at) "
                       "VALUES (?, ?, ?, ?, ?)", (TEACHER, TEACHER_NAME, name_key(TEACHER_NAME), digest, time.time()))
        else:
            db.execute("UPDATE accounts SET password_hash = ?, failures = 0, locked_until = 0 WHERE id = ?",
                       (digest, found.id))
            db.execute("DELETE FROM sessions WHERE account_id = ?", (found.id,))
    made = teacher(db)
    assert made is not None  # just written
    return made


def set_password(db: sqlite3.Connection, account_id: int, password: str) -> None:
    """Give an account a new password (checked) and forget its unused join code."""
    digest = hash_password(check_password(password))
    with db:
        db.execute("UPDATE accounts SET password_hash = ?, join_code = NULL, failures = 0, locked_until = 0 "
                   "WHERE id = ?", (digest, int(account_id)))


def new_join_code() -> str:
    return "".join(secrets.choice(JOIN_ALPHABET) for _ in range(JOIN_LENGTH))


def tidy_code(code: str) -> str:
    """A typed join code as stored: capitals, without spaces or dashes."""
    return "".join(ch for ch in str(code or "").upper() if ch.isalnum())


def backoff(failures: int) -> float:
    """Seconds to wait after ``failures`` failed sign-ins in a row."""
    extra = failures - FREE_FAILURES
    return 0.0 if extra <= 0 else min(MAX_WAIT, 2.0 ** extra)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def start_session(db: sqlite3.Connection, account: Account, now: float | None = None,
                  seconds: float = SESSION_SECONDS) -> Session:
    """A new session for ``account``; expired sessions of anyone are cleared on the way."""
    now = time.time() if now is None else now
    token = secrets.token_urlsafe(32)
    with db:
        db.execute("DELETE FROM sessions WHERE expires_at <= ?", (now,))
        db.execute("INSERT INTO sessions (token_hash, account_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
                   (_token_hash(token), account.id, now, now + seconds))
        db.execute("UPDATE accounts SET signed_in_at = ? WHERE id = ?", (now, account.id))
    return Session(token, replace(account, signed_in_at=now), now + seconds)


def session_account(db: sqlite3.Connection, token: str | None, now: float | None = None) -> Account | None:
    """Whose the token is, or ``None`` if it is unknown, expired or signed out."""
    if not token:
        return None
    now = time.time() if now is None else now
    row = db.execute("SELECT a.* FROM sessions s JOIN accounts a ON a.id = s.account_id "
                     "WHERE s.token_hash = ? AND s.expires_at > ?", (_token_hash(token), now)).fetchone()
    return _account(row) if row else None


def sign_out(db: sqlite3.Connection, token: str | None) -> None:
    if token:
        with db:
            db.execute("DELETE FROM sessions WHERE token_hash = ?", (_token_hash(token),))


def sign_in(db: sqlite3.Connection, role: str, name: str, password: str, now: float | None = None) -> Session:
    """Check a password and start a session, or raise :class:`AuthError`.

    The teacher signs in by password alone (``name`` is ignored). A wrong password counts
    against the account and, past a few, makes the next try wait (:func:`backoff`)."""
    now = time.time() if now is None else now
    # A field left blank is named, not refused as a wrong password (nor counted against the account).
    if role != TEACHER and not name_key(name):
        raise AuthError("type your name")
    if not str(password or ""):
        raise AuthError("type your password" + ("" if role == TEACHER else " (or PIN)"))
    if role == TEACHER:
        row = db.execute("SELECT * FROM accounts WHERE role = ?", (TEACHER,)).fetchone()
    else:
        row = db.execute("SELECT * FROM accounts WHERE role = ? AND name_key = ?", (STUDENT, name_key(name))).fetchone()
    refused = "wrong password" if role == TEACHER else "that name and password do not match"
    if row is None or row["password_hash"] is None:
        _verify(_DUMMY, str(password or ""))  # the same time as a real check: names don't leak
        if row is not None and row["join_code"]:
            raise AuthError("you have not set a password yet: use your join code first")
        raise AuthError(refused)
    if row["locked_until"] > now:
        raise AuthError(f"too many wrong passwords: wait {int(row['locked_until'] - now) + 1} s and try again")
    if not _verify(row["password_hash"], str(password or "")):
        failures = row["failures"] + 1
        wait = backoff(failures)
        with db:
            db.execute("UPDATE accounts SET failures = ?, locked_until = ? WHERE id = ?",
                       (failures, now + wait, row["id"]))
        raise AuthError(refused + (f"; wait {int(wait)} s before the next try" if wait else ""))
    with db:
        db.execute("UPDATE accounts SET failures = 0, locked_until = 0 WHERE id = ?", (row["id"],))
        if _HASHER.check_needs_rehash(row["password_hash"]):
            db.execute("UPDATE accounts SET password_hash = ? WHERE id = ?", (hash_password(password), row["id"]))
    return start_session(db, _account(row), now)


def _verify(digest: str, password: str) -> bool:
    try:
        return _HASHER.verify(digest, password)
    except (VerificationError, InvalidHashError):
        return False


def join(db: sqlite3.Connection, code: str, password: str, now: float | None = None) -> Session:
    """A student's first sign-in: the one-time join code from the teacher and a new password."""
    tidy = tidy_code(code)
    if not tidy:  # left blank: said as such, not as a code "not known (it may have been used already)"
        raise AuthError("type the join code your teacher gave you")
    check_password(password)
    row = db.execute("SELECT * FROM accounts WHERE role = ? AND join_code = ?", (STUDENT, tidy)).fetchone()
    if row is None:
        raise AuthError("that join code is not known (it may have been used already): check it with your teacher")
    set_password(db, row["id"], password)
    account = get_account(db, row["id"])
    assert account is not None  # just updated
    return start_session(db, account, now)
