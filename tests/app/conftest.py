"""Fixtures for the page tests: a private copy of the shipped rubrics and an empty data folder."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture()
def rubric_copy(tmp_path, monkeypatch) -> Path:
    """A copy of ``rubrics/`` the page may change (``ESSAYCOACH_RUBRICS``), an empty database
    (``ESSAYCOACH_DATA``), and ``app_pages`` importable from the repository root."""
    folder = tmp_path / "rubrics"
    shutil.copytree(ROOT / "rubrics", folder)
    monkeypatch.setenv("ESSAYCOACH_RUBRICS", str(folder))
    monkeypatch.setenv("ESSAYCOACH_DATA", str(tmp_path / "data"))
    monkeypatch.syspath_prepend(str(ROOT))
    return folder
