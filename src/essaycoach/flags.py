"""Warnings about an essay as a whole: too short, keyword list, off-topic, pasted, padded."""
from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from .report import Flag
from .rubric import Rubric


def short_flag(words: int, rubric: Rubric) -> Flag | None:
    """An essay well under what the time allows (about 4 words a minute is very little)."""
    floor = max(60, rubric.minutes * 4)
    if 0 < words < floor:
        return Flag("too-short", f"Too short for the time allowed: {words} words in a "
                    f"{rubric.minutes}-minute essay; aim for at least {rubric.minutes * 10}.")
    return None


def keyword_flag(sentences: Sequence[str], tokens: int, content_terms: int) -> Flag | None:
    """Notes or a list of keywords rather than prose: short fragments, few function words."""
    if tokens < 8:
        return None
    function_share = 1 - content_terms / tokens
    fragments = sum(len(s.split()) < 6 for s in sentences) / max(1, len(sentences))
    if function_share < 0.22 or (fragments >= 0.5 and function_share < 0.35):
        return Flag("keyword-list", "This reads as a list of keywords or notes, not an argued essay: "
                    "explain each point in full sentences and link it to the question.")
    return None


def repetition_flag(sentence_terms: Sequence[frozenset[int]]) -> Flag | None:
    """Padding: the same sentences said again (compared by their terms, so re-punctuated or
    re-cased copies count too)."""
    long_enough = [t for t in sentence_terms if len(t) >= 4]
    if len(long_enough) < 3:
        return None
    repeated = len(long_enough) - len(set(long_enough))
    if repeated / len(long_enough) >= 0.25:
        return Flag("repetition", f"{repeated} of {len(long_enough)} sentences repeat earlier ones; "
                    "repeated sentences earn no extra credit.")
    return None


def pasted_flag(sentence_terms: Sequence[frozenset[int]], source_terms: Sequence[frozenset[int]]) -> Flag | None:
    """The question or the rubric's own wording copied into the essay."""
    if not source_terms:
        return None
    everything = frozenset().union(*source_terms)
    smallest = min(len(src) for src in source_terms)
    # Jaccard >= 0.7 needs at least 0.7 * |source| shared terms: a cheap test first.
    copied = sum(1 for terms in sentence_terms if len(terms) >= 4
                 and len(terms & everything) >= 0.7 * max(smallest, len(terms))
                 and any(len(terms & src) / len(src | terms) >= 0.7 for src in source_terms))
    if copied >= 2 and copied / max(1, len(sentence_terms)) >= 0.3:
        return Flag("pasted-question", f"{copied} of {len(sentence_terms)} sentences copy the question or "
                    "the mark scheme's wording; put the points in your own words and explain them.")
    return None


# Another topic fits this much better than the question's own. On the dev set genuine essays
# reach 0.88 and essays marked against another prompt's rubric start at 1.22.
OFF_TOPIC_RATIO = 1.15
OFF_TOPIC_FLOOR = 0.08  # or the essay hardly touches the question's topic at all


def off_topic_flag(topics: dict[str, float], own: str, words: int) -> Flag | None:
    """The essay fits another topic's questions much better than its own, or none at all."""
    if words < 20 or own not in topics:
        return None
    mine = topics[own]
    other, best = max(((t, s) for t, s in topics.items() if t != own), key=lambda x: x[1], default=(None, 0.0))
    if other is not None and best > OFF_TOPIC_RATIO * mine:
        return Flag("off-topic", f"This essay seems to answer a question on another topic ({other}); "
                    "re-read the question and answer it directly.")
    if mine < OFF_TOPIC_FLOOR:
        return Flag("off-topic", "Little of this essay is about the question set; re-read the "
                    "question and answer it directly.")
    return None


COPY_SHARE = 0.6  # genuine sentences share at most ~0.55 of their word triples with a rubric sentence
_WORD = re.compile(r"[a-z0-9]+")


def _triples(text: str) -> frozenset[tuple[str, str, str]]:
    words = _WORD.findall(text.lower().replace("\u2019", "").replace("'", ""))
    return frozenset(zip(words, words[1:], words[2:]))


@lru_cache(maxsize=64)
def _source_triples(texts: tuple[str, ...]) -> tuple[frozenset[tuple[str, str, str]], ...]:
    return tuple(t for t in map(_triples, texts) if t)


def copied_sentences(sentences: Sequence[str], rubric: Rubric) -> frozenset[int]:
    """Sentences that copy the question or a point's wording word for word.

    A copy shares most of its word triples with one rubric sentence *and* reproduces most
    of that sentence: a student's own short sentence on the same fact ("Prisoners were
    released from the camps") shares some triples but reproduces little of the point.
    """
    sources = _source_triples((rubric.question, *(p.text for p in rubric.points)))
    out = []
    for i, sentence in enumerate(sentences):
        mine = _triples(sentence)
        if len(mine) < 3:
            continue
        for src in sources:
            shared = len(mine & src)
            if shared >= COPY_SHARE * len(mine) and shared >= COPY_SHARE * len(src):
                out.append(i)
                break
    return frozenset(out)


def repeated_sentences(sentence_terms: Sequence[frozenset[int]]) -> frozenset[int]:
    """Sentences whose terms repeat an earlier sentence's (re-punctuated or re-cased copies too)."""
    seen: set[frozenset[int]] = set()
    out = []
    for i, terms in enumerate(sentence_terms):
        if len(terms) >= 3:
            if terms in seen:
                out.append(i)
            seen.add(terms)
    return frozenset(out)


def not_evidence(sentences: Sequence[str], sentence_terms: Sequence[frozenset[int]],
                 rubric: Rubric) -> frozenset[int]:
    """Sentences that earn nothing: copies of the rubric's wording, and repeats of an earlier
    sentence (which count once). The engine scores the essay without them, so pasting or
    padding can never raise a mark."""
    return copied_sentences(sentences, rubric) | repeated_sentences(sentence_terms)
