"""Local SQLite storage: where it lives and how to open it. Feature modules add their tables."""
from __future__ import annotations

import os
import sqlite3
import tomllib
from pathlib import Path

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


def _configured() -> Path | None:
    path = Path(os.environ.get("ESSAYCOACH_SETTINGS") or _ROOT / SETTINGS_FILE)
    if not path.is_file():
        return None
    try:
        value = tomllib.loads(path.read_text(encoding="utf-8")).get("data")
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise EssaycoachError(f"{path}: not a readable settings file ({exc})") from None
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise EssaycoachError(f"{path}: 'data' must be a folder path in quotes, e.g. data = \"D:/essaycoach\"")
    folder = Path(value).expanduser()
    return folder if folder.is_absolute() else path.parent / folder


def connect(path: Path | None = None) -> sqlite3.Connection:
    """Open the database (WAL mode, foreign keys on); schema is created by each feature module."""
    db = sqlite3.connect(str(path or data_dir() / "essaycoach.sqlite3"), timeout=10,
                         check_same_thread=False)
    db.row_factory = sqlite3.Row
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA foreign_keys=ON")
    return db
