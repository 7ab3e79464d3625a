"""Comparison: what a text ranks above what ("X appealed more than Y", "X was less popular than Y").

Turning a comparison round contradicts it as a negation does, with no negation cue to see:
"Socialism in One Country was less popular than Permanent Revolution" says the opposite of
"Socialism in One Country appealed more than Permanent Revolution". Written from general
properties of English, not from any rubric's wording: :mod:`pointcheck` compares a point's
rankings with a sentence's.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .analyze import fold_many, split_tokens

# Comparatives that rank what comes before them (or after them, for "less") against what
# follows "than". "Worse", "smaller" and the like rank the other way round from "better",
# "bigger": "A was worse than B" says what "B was better than A" says.
_OVER = frozenset("more rather better greater bigger larger stronger higher".split())
_UNDER = frozenset("less fewer worse smaller weaker lower".split())
_NOT_COMPARATIVE = frozenset("other".split())  # "other than X" ranks nothing
# Words that end the stretch of a comparison: a new clause begins.
_LINKS = frozenset("because so but although though while whereas which who since as when if".split())
# "He cared more about his workers than about profit": the things compared follow prepositions.
_PREPOSITIONS = frozenset("about for to in on with by at from over of".split())
_PUNCTUATION = re.compile(r"[,;:()\u2013\u2014]|\s-\s|\.\s")


@dataclass(frozen=True)
class Ranking:
    """One comparison: the terms of what it ranks higher and of what it ranks lower, and the
    comparative as written ("less", "rather")."""

    over: frozenset[str]
    under: frozenset[str]
    word: str


def rankings(text: str, term: Callable[[str], str | None]) -> list[Ranking]:
    """Each comparison of ``text`` with a "than": "A appealed more than B" ranks A over B;
    "A was less popular than B" ranks B over A; "cared more about A than about B" ranks A over
    B. A number after "than" ("more than 17 million") compares no rival, and is left out."""
    if "than" not in text.lower():  # most texts
        return []
    out = []
    for tokens in split_tokens(fold_many(_PUNCTUATION.split(text))):
        for at, tok in enumerate(tokens):
            if tok == "than" and at > 0:
                ranking = _ranking(tokens, at, term)
                if ranking is not None:
                    out.append(ranking)
    return out


def _ranking(tokens: Sequence[str], than: int, term: Callable[[str], str | None]) -> Ranking | None:
    start = max((k + 1 for k in range(than) if tokens[k] in _LINKS), default=0)
    end = next((k for k in range(than + 1, len(tokens)) if tokens[k] in _LINKS), len(tokens))
    marker = next((k for k in range(than - 1, start - 1, -1) if tokens[k] in _OVER | _UNDER), None)
    if marker is None and tokens[than - 1].endswith("er") and tokens[than - 1] not in _NOT_COMPARATIVE:
        marker = than - 1  # "stronger than", "earlier than"
    after = tokens[than + 1:end]
    if marker is None or not after or after[0].isdigit():
        return None
    between = tokens[marker + 1:than]
    if between and after[0] in _PREPOSITIONS:
        over, under = between, after  # "more about his workers than about profit"
    else:
        over, under = tokens[start:marker], after  # "A appealed more than B", "A was less popular than B"
    high = {t for t in map(term, over) if t is not None}
    low = {t for t in map(term, under) if t is not None}
    if tokens[marker] in _UNDER:
        high, low = low, high
    high, low = high - low, low - high  # a term on both sides ranks neither
    if not high or not low:
        return None
    return Ranking(frozenset(high), frozenset(low), tokens[marker])


def turned(mine: Ranking, theirs: Ranking, weight: Callable[[str], float]) -> bool:
    """Whether ``theirs`` ranks what ``mine`` ranks the other way round: each side of it holds
    something of the other side of ``mine``, and what crosses outweighs what agrees."""
    crossed_up, crossed_down = mine.under & theirs.over, mine.over & theirs.under
    if not crossed_up or not crossed_down:
        return False
    agree = sum(map(weight, mine.over & theirs.over)) + sum(map(weight, mine.under & theirs.under))
    return sum(map(weight, crossed_up | crossed_down)) > agree
