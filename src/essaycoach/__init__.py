"""essaycoach: offline coverage feedback for A-Level history essays.

>>> from essaycoach import grade, load_rubric  # doctest: +SKIP
>>> report = grade(open("essay.txt").read(), load_rubric("trotsky-errors"))  # doctest: +SKIP
"""
from __future__ import annotations

from ._version import __version__
from .batch import mark_batch
from .engine import Engine
from .errors import EssaycoachError, EssayInputError, RubricError, UnknownRubricError
from .loaders import load_rubric
from .project import grade
from .report import Report
from .rubric import Rubric

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
