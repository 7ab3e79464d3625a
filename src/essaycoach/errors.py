"""Exception classes: each names one kind of bad input and says what is valid."""
from __future__ import annotations


class EssaycoachError(Exception):
    """Base class for every error essaycoach raises on bad input."""


class RubricError(EssaycoachError):
    """A rubric file or rubric data is invalid; the message names file, field and what is allowed."""

    def __init__(self, problems: list[str] | str, source: str = "rubric") -> None:
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        self.source = source
        lines = "; ".join(self.problems)
        super().__init__(f"{source}: {lines}")


class UnknownRubricError(EssaycoachError):
    """No rubric has the requested id; the message lists the valid ids."""


class EssayInputError(EssaycoachError):
    """An essay or an input file cannot be read (empty, binary, undecodable, wrong columns...)."""


class SeedError(EssaycoachError):
    """The seed documents are missing or unreadable."""


class CalibrationError(EssaycoachError, ValueError):
    """Marked essays or a stored calibration that cannot be used; the message says why."""


class RubricSyntaxError(RubricError):
    """Rubric text that cannot be read as YAML data at all (syntax, size, aliases): unlike other
    rubric errors, nothing of it can be opened in the editor's fields."""
