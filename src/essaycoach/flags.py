"""Warnings about an essay as a whole: too short, keyword list, off-topic, pasted, padded."""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from .analyze import STOP_WORDS, tokenize
from .report import Flag
from .rubric import Rubric

_WORD = re.compile(r"[A-Za-z']+")


def short_flag(words: int, rubric: Rubric) -> Flag | None:
    """An essay well under what the time allows (about 4 words a minute is very little)."""
    floor = max(60, rubric.minutes * 4)
    if 0 < words < floor:
        return Flag("too-short", f"Too short for the time allowed: {words} words in a "
                    f"{rubric.minutes}-minute essay; aim for at least {rubric.minutes * 10}.")
    return None


def keyword_flag(text: str, sentences: Sequence[str]) -> Flag | None:
    """Notes or a list of keywords rather than prose: short fragments, few function words."""
    words = _WORD.findall(text.lower())
    if len(words) < 8:
        return None
    function_share = sum(w in STOP_WORDS for w in words) / len(words)
    fragments = sum(len(s.split()) < 6 for s in sentences) / max(1, len(sentences))
    if function_share < 0.22 or (fragments >= 0.5 and function_share < 0.35):
        return Flag("keyword-list", "This reads as a list of keywords or notes, not an argued essay: "
                    "explain each point in full sentences and link it to the question.")
    return None


def repetition_flag(sentences: Sequence[str]) -> Flag | None:
    """Padding: the same sentences (or long word runs) said again and again."""
    norm = [" ".join(_WORD.findall(s.lower())) for s in sentences]
    norm = [s for s in norm if len(s.split()) >= 4]
    if len(norm) < 3:
        return None
    counts = Counter(norm)
    repeated = sum(c - 1 for c in counts.values() if c > 1)
    shingles = Counter()
    for s in norm:
        toks = s.split()
        shingles.update(" ".join(toks[i:i + 6]) for i in range(max(1, len(toks) - 5)))
    repeated_runs = sum(c - 1 for c in shingles.values() if c > 1) / max(1, sum(shingles.values()))
    if repeated / len(norm) >= 0.25 or repeated_runs >= 0.3:
        return Flag("repetition", "Much of the essay repeats itself; repeated sentences earn no "
                    "extra credit.")
    return None


def pasted_flag(sentences: Sequence[str], rubric: Rubric) -> Flag | None:
    """The question or the rubric's own wording copied into the essay."""
    sources = [rubric.question] + [p.text for p in rubric.points]
    source_sets = [set(tokenize(s)) - STOP_WORDS for s in sources]
    source_sets = [s for s in source_sets if len(s) >= 4]
    if not sentences or not source_sets:
        return None
    copied = 0
    for sent in sentences:
        terms = set(tokenize(sent)) - STOP_WORDS
        if len(terms) < 4:
            continue
        if any(len(terms & src) / len(src | terms) >= 0.7 for src in source_sets):
            copied += 1
    if copied >= 2 and copied / len(sentences) >= 0.3:
        return Flag("pasted-question", f"{copied} of {len(sentences)} sentences copy the question or "
                    "the mark scheme's wording; put the points in your own words and explain them.")
    return None


def off_topic_flag(relevance: float, best_other: tuple[str, float] | None, words: int) -> Flag | None:
    """Little of the essay bears on this question (or another question fits much better)."""
    if words < 20:
        return None
    if best_other is not None and best_other[1] > relevance * 1.6 and relevance < 0.35:
        return Flag("off-topic", f"This essay seems to answer a different question ({best_other[0]}); "
                    "re-read the question and answer it directly.")
    if relevance < 0.12:
        return Flag("off-topic", "Little of this essay is about the question set; re-read the "
                    "question and answer it directly.")
    return None
