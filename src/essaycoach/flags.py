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


def repetition_flag(sentences: Sequence[str], sentence_terms: Sequence[frozenset[int]]) -> Flag | None:
    """Padding: sentences, or runs of words inside a sentence, said again (see :func:`repeats`)."""
    total = sum(len(s.split()) for s in sentences)
    if total < 20:
        return None
    gone, trimmed = repeats(sentences, sentence_terms)
    repeated = (sum(len(sentences[i].split()) for i in gone)
                + sum(len(sentences[i].split()) - len(t.split()) for i, t in trimmed.items()))
    if repeated / total >= REPEATED_SHARE:
        return Flag("repetition", f"About {repeated} of {total} words repeat what the essay already says; "
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
REPEAT_SHARE = 0.7  # of a sentence's four-word runs already written earlier in the essay
INNER_RUN = 5  # a run this long said twice inside one sentence is padding (genuine ones repeat 4)
REPEATED_SHARE = 0.25  # of the words, for the repetition flag
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


def _tokens(text: str) -> list[tuple[int, str]]:
    """(index of the whitespace token, its folded word) for every token holding a letter or digit."""
    out = []
    for i, tok in enumerate(text.split()):
        word = "".join(_WORD.findall(tok.lower()))
        if word:
            out.append((i, word))
    return out


def _inner_repeat(text: str) -> str | None:
    """The sentence without words it repeats inside itself ("statues removed statues removed",
    or a run-on copy cut mid-way), or None when it repeats nothing."""
    tokens = _tokens(text)
    words = [w for _, w in tokens]
    n = len(words)
    stale: set[int] = set()
    for period in range(1, min(n // 2, 60) + 1):
        if all(words[i] == words[i % period] for i in range(period, n)):
            stale = set(range(period, n))  # the whole sentence is one phrase said again and again
            break
    else:
        seen: set[tuple[str, ...]] = set()
        for i in range(n - INNER_RUN + 1):
            run = tuple(words[i:i + INNER_RUN])
            if run in seen:
                stale.update(range(i, i + INNER_RUN))
            seen.add(run)
    if not stale:
        return None
    drop = {tokens[i][0] for i in stale}
    return " ".join(t for i, t in enumerate(text.split()) if i not in drop)


def repeats(sentences: Sequence[str], sentence_terms: Sequence[frozenset[int]]) -> tuple[frozenset[int], dict[int, str]]:
    """Repetition in an essay: (sentences that say an earlier one again, {sentence: its text
    without the words it repeats inside itself}).

    A sentence repeats an earlier one when it has the same words, the same terms (so
    re-punctuated or re-cased copies count), or mostly four-word runs already written (a
    copy cut at other sentence breaks). Genuine essays restate a phrase or two in their
    conclusion, so only most of a sentence, or a run of five words inside one, counts.
    """
    seen_terms: set[frozenset[int]] = set()
    seen_words: set[tuple[str, ...]] = set()
    seen_runs: set[tuple[str, ...]] = set()
    gone, trimmed = [], {}
    for i, sentence in enumerate(sentences):
        inner = _inner_repeat(sentence)
        if inner is not None:
            trimmed[i] = inner
        words = tuple(w for _, w in _tokens(inner if inner is not None else sentence))
        runs = set(zip(words, words[1:], words[2:], words[3:]))
        terms = sentence_terms[i] if i < len(sentence_terms) else frozenset()
        if words and (words in seen_words or (len(terms) >= 3 and terms in seen_terms)
                      or (len(runs) >= 3 and len(runs & seen_runs) >= REPEAT_SHARE * len(runs))):
            gone.append(i)
            trimmed.pop(i, None)
        seen_words.add(words)
        seen_runs |= runs
        if len(terms) >= 3:
            seen_terms.add(terms)
    return frozenset(gone), trimmed


def evidence_texts(sentences: Sequence[str], sentence_terms: Sequence[frozenset[int]],
                   rubric: Rubric) -> tuple[str, ...] | None:
    """The sentences as they count as evidence, or None when every sentence counts as written.

    Copies of the rubric's wording and sentences repeating earlier ones become empty, and
    words a sentence repeats inside itself are dropped: the engine scores (and counts the
    words of) what is left, so pasting or padding can never raise a mark.
    """
    gone, trimmed = repeats(sentences, sentence_terms)
    gone |= copied_sentences(sentences, rubric)
    if not gone and not trimmed:
        return None
    return tuple("" if i in gone else trimmed.get(i, s) for i, s in enumerate(sentences))
