"""Exception classes: each names one kind of bad input and says what is valid."""
from __future__ import annotations


def clip(text: str, limit: int = 200) -> str:
    """``text`` cut to ``limit`` characters (an ellipsis marks the cut), for messages."""
    return text if len(text) <= limit else text[:limit - 1] + "…"


def short(value: object, limit: int = 60) -> str:
    """``repr(value)`` for a message, cut to ``limit`` characters: never a whole huge value
    (a list or mapping of many items is described, not shown)."""
    if isinstance(value, (list, dict, tuple, set)) and len(value) >= 20:
        return f"<{type(value).__name__} of {len(value):,} items>"
    if isinstance(value, str) and len(value) > 10 * limit:
        value = value[:limit]  # repr of a huge string would copy it all, to keep 60 characters
    return clip(repr(value), limit)


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


class UnreadableFileError(EssaycoachError):
    """A file that cannot be read as asked: missing, a folder or a device, too large, or failing
    to read; the message says which (the caller adds the file name)."""


class YamlError(EssaycoachError):
    """YAML text that is refused: a syntax error, anchors or aliases, nesting too deep, a number
    too long; the message says which and where (the caller adds the file name)."""


class RubricSyntaxError(RubricError):
    """Rubric text that cannot be read as YAML data at all (syntax, size, aliases): unlike other
    rubric errors, nothing of it can be opened in the editor's fields."""
