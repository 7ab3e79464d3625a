"""Shared fixtures: the real seeds, the shipped rubrics and one engine built over them; the
engine cache (``essaycoach.cache``) in a folder of the session's own, never the user's."""
from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from essaycoach.engine import Engine
from essaycoach.loaders import load_all_rubrics, load_rubric, load_seeds

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session", autouse=True)
def _engine_cache(tmp_path_factory) -> Iterator[Path]:
    folder = tmp_path_factory.mktemp("engine-cache")
    before = {k: os.environ.get(k) for k in ("ESSAYCOACH_CACHE", "ESSAYCOACH_NO_CACHE")}
    os.environ["ESSAYCOACH_CACHE"] = str(folder)
    os.environ.pop("ESSAYCOACH_NO_CACHE", None)
    yield folder
    for k, v in before.items():
        if v is None:
            os.environ.pop(k, None)
        else:
            os.environ[k] = v


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
