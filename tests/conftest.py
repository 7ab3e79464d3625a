"""Shared fixtures: the real seeds, the shipped rubrics and one engine built over them."""
from __future__ import annotations

from pathlib import Path

import pytest

from essaycoach.engine import Engine
from essaycoach.loaders import load_all_rubrics, load_rubric, load_seeds

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def seeds() -> dict[str, str]:
    return load_seeds(ROOT / "seeds")


@pytest.fixture(scope="session")
def all_rubrics():
    good, bad = load_all_rubrics(ROOT / "rubrics")
    assert not bad, [str(e) for e in bad]
    return good


@pytest.fixture(scope="session")
def engine(seeds, all_rubrics) -> Engine:
    return Engine(seeds, all_rubrics)


@pytest.fixture(scope="session")
def trotsky():
    return load_rubric("trotsky-errors", ROOT / "rubrics")
