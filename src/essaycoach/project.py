"""The engine over the project's own folders (seeds and rubrics, see ``paths``), built once per
process, for the command line, the app and ``essaycoach.grade``. The core takes an engine as an
argument; only this shell knows where the project keeps its notes."""
from __future__ import annotations

from functools import lru_cache

from .engine import Engine
from .report import Report
from .rubric import Rubric


@lru_cache(maxsize=2)
def _default_engine(seeds_folder: str, rubrics_folder: str) -> Engine:
    from pathlib import Path

    from .loaders import load_all_rubrics, load_seeds

    peers, _ = load_all_rubrics(Path(rubrics_folder))
    return Engine(load_seeds(Path(seeds_folder)), peers)


def default_engine() -> Engine:
    """The engine over the project's seeds and rubrics, built once per process."""
    from .loaders import rubrics_dir, seeds_dir

    return _default_engine(str(seeds_dir().resolve()), str(rubrics_dir().resolve()))


def grade(text: str, rubric: Rubric, student: str = "") -> Report:
    """Grade one essay against a rubric with the default engine.

    >>> from essaycoach import grade, load_rubric  # doctest: +SKIP
    >>> grade("Trotsky missed Lenin's funeral.", load_rubric("trotsky-errors")).level  # doctest: +SKIP
    1
    """
    return default_engine().grade(text, rubric, student)
