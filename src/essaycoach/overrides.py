"""A teacher's verdict beside the engine's: on one point's status or on the essay's mark.

Stored by ``classes`` (SQLite), shown by the downloads in ``exports`` and by the app."""
from __future__ import annotations

from dataclasses import dataclass

MARK = "(mark)"  # the override target for an essay's mark; other targets are point ids


@dataclass(frozen=True)
class Override:
    """The teacher's verdict on a point (``target`` = point id, ``value`` = status) or on the
    essay's mark (``target`` = ``MARK``, ``value`` = the mark), with the reason."""

    row: int
    target: str
    value: str
    reason: str
    created_at: float
    sentence: str | None = None  # on a point credited: the sentence the teacher picked as making it
