"""Fixtures for the page tests: an empty data folder and a private copy of the shipped rubrics."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture()
def data_dir(tmp_path, monkeypatch) -> Path:
    """An empty database folder (``ESSAYCOACH_DATA``), and ``app_pages`` importable from the
    repository root."""
    folder = tmp_path / "data"
    monkeypatch.setenv("ESSAYCOACH_DATA", str(folder))
    monkeypatch.syspath_prepend(str(ROOT))
    return folder


@pytest.fixture()
def rubric_copy(tmp_path, monkeypatch, data_dir) -> Path:
    """A copy of ``rubrics/`` the page may change (``ESSAYCOACH_RUBRICS``), with :func:`data_dir`:
    the shipped rubrics only, not a calibration a developer saved beside them (ignored by git)."""
    folder = tmp_path / "rubrics"
    shutil.copytree(ROOT / "rubrics", folder, ignore=shutil.ignore_patterns(".calibration", ".history"))
    monkeypatch.setenv("ESSAYCOACH_RUBRICS", str(folder))
    return folder
