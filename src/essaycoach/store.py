"""Local SQLite storage: where it lives and how to open it. Feature modules add their tables."""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from .loaders import _ROOT


def data_dir() -> Path:
    """The data folder: ``$ESSAYCOACH_DATA`` or ``data/`` in the project; created if missing."""
    folder = Path(os.environ.get("ESSAYCOACH_DATA") or (_ROOT / "data"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def connect(path: Path | None = None) -> sqlite3.Connection:
    """Open the database (WAL mode, foreign keys on); schema is created by each feature module."""
    db = sqlite3.connect(str(path or data_dir() / "essaycoach.sqlite3"), timeout=10,
                         check_same_thread=False)
    db.row_factory = sqlite3.Row
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA foreign_keys=ON")
    return db
