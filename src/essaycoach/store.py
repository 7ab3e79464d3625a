"""Local SQLite storage: where it lives and how to open it. The schema is versioned in
:mod:`essaycoach.migrations`, applied whenever the database is opened."""
from __future__ import annotations

import os
import sqlite3
import time
import tomllib
from pathlib import Path

from . import migrations
from .errors import EssaycoachError
from .paths import ROOT as _ROOT

SETTINGS_FILE = "essaycoach.toml"  # optional, in the project folder: data = "path/to/folder"


def data_dir() -> Path:
    """The data folder, created if missing: ``$ESSAYCOACH_DATA``, else ``data`` in
    ``essaycoach.toml`` (relative paths are relative to that file), else ``data/``."""
    if os.environ.get("ESSAYCOACH_DATA"):
        folder = Path(os.environ["ESSAYCOACH_DATA"])
    else:
        folder = _configured() or _ROOT / "data"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def settings_file() -> Path:
    """``$ESSAYCOACH_SETTINGS``, else ``essaycoach.toml`` in the project folder (may not exist)."""
    return Path(os.environ.get("ESSAYCOACH_SETTINGS") or _ROOT / SETTINGS_FILE)


def setting(name: str) -> object:
    """One value from the settings file, or ``None`` when the file or the key is absent."""
    path = settings_file()
    if not path.is_file():
        return None
    try:
        return tomllib.loads(path.read_text(encoding="utf-8")).get(name)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise EssaycoachError(f"{path}: not a readable settings file ({exc})") from None


def _configured() -> Path | None:
    path = settings_file()
    value = setting("data")
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise EssaycoachError(f"{path}: 'data' must be a folder path in quotes, e.g. data = \"D:/essaycoach\"")
    folder = Path(value).expanduser()
    return folder if folder.is_absolute() else path.parent / folder


def database_path() -> Path:
    """The database file in the data folder."""
    return data_dir() / "essaycoach.sqlite3"


def backups_dir() -> Path:
    """Where backups are kept: ``backups`` in the data folder."""
    return data_dir() / "backups"


BUSY_SECONDS = 10.0  # how long an opener waits for another to finish with the database


def _wal(db: sqlite3.Connection) -> None:
    """Switch to WAL. Switching needs the database to itself, and SQLite reports a concurrent
    opener as "database is locked" at once, without its busy wait: so wait here, as it would."""
    deadline = time.monotonic() + BUSY_SECONDS
    while True:
        try:
            db.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def connect(path: Path | None = None) -> sqlite3.Connection:
    """Open the database (WAL mode, foreign keys on), upgraded to the latest schema version."""
    db = sqlite3.connect(str(path or database_path()), timeout=BUSY_SECONDS,
                         check_same_thread=False)
    db.row_factory = sqlite3.Row
    try:
        _wal(db)
        db.execute("PRAGMA foreign_keys=ON")
        migrations.migrate(db)
    except BaseException:
        db.close()
        raise
    return db
