"""Where the project's folders are: the project root, and the seed and rubric folders (each
movable by an environment variable). Lookups only; nothing here reads a file."""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # the project folder (src/essaycoach/ is two below)


def _home(env: str, name: str) -> Path:
    if os.environ.get(env):
        return Path(os.environ[env])
    here = ROOT / name
    return here if here.is_dir() else Path.cwd() / name


def seeds_dir() -> Path:
    """The seed notes folder: ``$ESSAYCOACH_SEEDS`` or the project's ``seeds/``."""
    return _home("ESSAYCOACH_SEEDS", "seeds")


def rubrics_dir() -> Path:
    """The rubric folder: ``$ESSAYCOACH_RUBRICS`` or the project's ``rubrics/``."""
    return _home("ESSAYCOACH_RUBRICS", "rubrics")
