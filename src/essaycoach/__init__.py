"""essaycoach: offline coverage feedback for A-Level history essays.

>>> from essaycoach import grade, load_rubric  # doctest: +SKIP
>>> report = grade(open("essay.txt").read(), load_rubric("trotsky-errors"))  # doctest: +SKIP
"""
from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from ._version import __version__
from .errors import EssaycoachError, EssayInputError, RubricError, UnknownRubricError
from .loaders import load_rubric
from .report import Report
from .rubric import Rubric

if TYPE_CHECKING:
    from .batch import mark_batch
    from .engine import Engine
    from .project import grade

# The engine's modules import NLTK, scikit-learn and SciPy (about a second), so these names are
# imported on first use: the command line (which imports this package first) starts at once.
_LAZY = {"Engine": "engine", "grade": "project", "mark_batch": "batch"}


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f".{_LAZY[name]}", __name__), name)


__all__ = [
           "Engine",
           "EssayInputError",
           "EssaycoachError",
           "Report",
           "Rubric",
           "RubricError",
           "UnknownRubricError",
           "__version__",
           "grade",
           "load_rubric",
           "mark_batch",
]
