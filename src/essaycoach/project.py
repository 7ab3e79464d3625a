"""The engine over the project's own folders (seeds and rubrics, see ``paths``), built once per
process, for the command line, the app and ``essaycoach.grade``, its matchers kept in the cache
folder (see ``cache``) unless that is switched off. The core takes an engine as an argument;
only this shell knows where the project keeps its notes."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .cache import CachedEngine, cache_dir
from .engine import Engine
from .loaders import load_all_rubrics, load_rubric, load_seeds
from .paths import rubrics_dir, seeds_dir
from .report import Report
from .rubric import Rubric


def build_engine(seeds_folder: Path, rubrics_folder: Path) -> Engine:
    """An engine over the seed notes in one folder; every valid rubric in the other is a peer
    (to recognise an essay written for another question). Invalid rubrics are left out."""
    peers, _ = load_all_rubrics(rubrics_folder)
    folder = cache_dir()
    seeds = load_seeds(seeds_folder)
    return Engine(seeds, peers) if folder is None else CachedEngine(seeds, folder, peers)


@lru_cache(maxsize=2)
def _default_engine(seeds_folder: str, rubrics_folder: str) -> Engine:
    return build_engine(Path(seeds_folder), Path(rubrics_folder))


def default_engine() -> Engine:
    """The engine over the project's seeds and rubrics, built once per process."""
    return _default_engine(str(seeds_dir().resolve()), str(rubrics_dir().resolve()))


def grade(text: str, rubric: Rubric | str, student: str = "") -> Report:
    """Grade one essay against a rubric (a :class:`Rubric`, or the id of one in the rubrics
    folder) with the default engine.

    >>> from essaycoach import grade  # doctest: +SKIP
    >>> grade("Trotsky missed Lenin's funeral.", "trotsky-errors").level  # doctest: +SKIP
    1

    Raises ``TypeError`` for an essay that is not text (bytes must be decoded first: the
    engine would mark their printed form), and ``UnknownRubricError`` for an unknown id.
    """
    if not isinstance(text, str):
        hint = "; decode bytes first, e.g. data.decode('utf-8')" if isinstance(text, (bytes, bytearray)) else ""
        raise TypeError(f"grade() takes the essay as text (str), not {type(text).__name__}{hint}")
    if isinstance(rubric, str):
        rubric = load_rubric(rubric)
    elif not isinstance(rubric, Rubric):
        raise TypeError(f"grade() takes a Rubric (see load_rubric) or a rubric id, not {type(rubric).__name__}")
    return default_engine().grade(text, rubric, student)
