"""Warnings about an essay as a whole: too short, keyword list, off-topic, pasted, copied from the
notes, padded."""
from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from .analyze import fold_many, split_tokens
from .lexicon import SKLEARN_STOP_WORDS
from .markup import counted, timed
from .matchstate import Scores
from .report import Flag
from .rubric import Rubric
from .sentence_form import is_unfinished, misordered_examples, misordered_pairs
from .sentences import split_sentences
from .spelling import ENGLISH_SHARE, GLUE_SHARE, LETTERS, MOSTLY_ENGLISH, english_share, glue_share


def short_flag(words: int, rubric: Rubric, written: int | None = None) -> Flag | None:
    """An answer well under what the time allows: the floor scales with ``minutes`` (20 words
    for a 5-minute question, 180 for a 45-minute essay). ``words`` are those that count;
    ``written``, when more, all the essay's words (repeats and copies set aside do not count),
    so an essay that only copies the question is too short too: none of its words count."""
    floor = rubric.short_words
    written = max(words, written or 0)
    if written and words < floor:
        count = (f"{'none' if words == 0 else f'{words:,}'} of its {written:,} words count once repeated "
                 "or copied text is set aside" if written > words else counted(words, "word"))
        # Shown after the flag's name ("Too short: ..."), so the message does not say it again.
        # The floor the flag uses, so an answer just over it is not told it is short (the walk saw
        # "needs at least 450" beside answers of 214 and 302 words that were not flagged).
        return Flag("too-short", f"{count}; {timed(rubric.minutes)} needs at least {floor:,} "
                    f"to develop its points (aim for about {rubric.aim_words:,}).")
    return None


def unfinished_flag(sentences: Sequence[str]) -> Flag | None:
    """An answer broken off mid-sentence: time ran out before it was finished and concluded."""
    if sentences and is_unfinished(sentences[-1]):
        return Flag("unfinished", "it stops mid-sentence, so it has not reached its conclusion: leave time to "
                    "finish your answer.")
    return None


DENSE_TOKENS = 30  # words from which a low share of function words marks notes, however the lines end


def keyword_flag(sentences: Sequence[str], tokens: int, content_terms: int) -> Flag | None:
    """Notes or a list of keywords rather than prose: short fragments, few function words."""
    if tokens < 8:
        return None
    function_share = 1 - content_terms / tokens
    if function_share >= 0.35:  # prose: no need to count the fragments
        return None
    fragments = sum(len(s.split(None, 5)) < 6 for s in sentences) / max(1, len(sentences))  # stops at six
    # The share of function words says little over a sentence or two: "Storm surges push sea water
    # inland when pressure is low." is dense prose, not notes (a walk saw it flagged). A short text
    # is notes by it only when most of its lines do not end as sentences do.
    ended = sum(s.rstrip().endswith((".", "!", "?")) for s in sentences)
    dense = function_share < 0.22 and (tokens >= DENSE_TOKENS or ended * 2 < len(sentences))
    if dense or (fragments >= 0.5 and len(sentences) >= 3):  # two short lines answer
        return Flag("keyword-list", "This reads as a list of keywords or notes, not an argued essay: "
                    "explain each point in full sentences and link it to the question.")
    return None


JUMBLED_PAIRS = 3      # misordered word pairs from which the order, not a slip, is at fault
JUMBLED_SHARE = 0.02   # of the words: genuine answers stay under 0.01, shuffled ones reach 0.02 (99.7%)


def jumbled_flag(sentences: Sequence[str]) -> Flag | None:
    """Words strung together in an order English does not use ("the was", "of because",
    "...the."), a sentence after another: topic words jumbled to score, not an answer."""
    pairs, words = misordered_pairs(sentences)
    if pairs < JUMBLED_PAIRS or pairs < JUMBLED_SHARE * words:
        return None
    quoted = " and ".join(f"\u201c{pair}\u201d" for pair in misordered_examples(sentences)) or "\u201cthe was\u201d"
    return Flag("jumbled", f"{counted(pairs, 'pair')} of neighbouring words here are in an order English does not "
                f"use (such as {quoted}): these words do not make sentences that explain anything. Write your "
                "answer in full sentences.")


RUN_ON_WORDS = 45      # words a sentence on average: a run-on essay, not long sentences
RUN_ON_MIN_WORDS = 60  # a shorter answer may be one long sentence
_SENTENCE_END = re.compile(r"[.!?](?=[\s\"'\u201d)]|$)|\n\s*\S")  # a full stop, or a new line (notes)


def run_on_flag(text: str, words: int) -> Flag | None:
    """An essay written with almost no full stops: the points run into each other, and a reader
    (the marker too) cannot tell where one ends. Advice only: the points it makes still count."""
    if words < RUN_ON_MIN_WORDS:
        return None
    # Every mark and new line, counted in C, is at least the sentences: most essays stop here.
    if words < RUN_ON_WORDS * (text.count(".") + text.count("!") + text.count("?") + text.count("\n")):
        return None
    stops = len(_SENTENCE_END.findall(text))
    if words < RUN_ON_WORDS * max(1, stops):
        return None
    # What was counted: full stops (and ! ?) or new lines, so "sentences", not "full stops".
    sentences = stops + (not text.rstrip().endswith((".", "!", "?")))  # the last one may have no stop
    ends = "with no full stop" if not stops else f"in only {counted(sentences, 'sentence')}"
    return Flag("few-full-stops", f"{counted(words, 'word')} {ends}. Write in sentences, one point to a "
                "sentence, so that your reader can follow where each point starts and ends.")


def repetition_flag(ev: Evidence) -> Flag | None:
    """Padding: sentences, or runs of words inside a sentence, said again (see :func:`evidence`)."""
    if ev.total < 20:
        return None
    if ev.repeated / ev.total >= REPEATED_SHARE:
        return Flag("repetition", f"About {ev.repeated:,} of {ev.total:,} words repeat what the essay already "
                    "says; repeated sentences earn no extra credit.")
    return None


def pasted_flag(ev: Evidence, sentences: int) -> Flag | None:
    """The question or the rubric's own wording copied into the essay (see :func:`evidence`).

    Restating the question once in an introduction is normal; copying it and the mark
    scheme's points is not."""
    if ev.copied >= 3 or (ev.copied >= 2 and ev.copied / max(1, sentences) >= 0.3):
        return Flag("pasted-question", f"{ev.copied} of {sentences} sentences copy the question or "
                    "the mark scheme's wording; put the points in your own words and explain them.")
    return None


NOTE_RUN = 6        # words in a row that, found in the course notes, were copied from them
NOTES_SHARE = 0.5   # most of an essay copied from the notes (no genuine dev or held-out essay has any)
NOTES_MIN_WORDS = 60


def note_runs(notes: Iterable[str]) -> frozenset[tuple[str, ...]]:
    """Every run of ``NOTE_RUN`` words in the course notes, as the essay's tokens are folded."""
    runs: set[tuple[str, ...]] = set()
    for tokens in split_tokens(fold_many(list(notes))):
        runs.update(zip(*(tokens[i:] for i in range(NOTE_RUN))))
    return frozenset(runs)


def notes_flag(tokens: Sequence[Sequence[str]], runs: frozenset[tuple[str, ...]]) -> Flag | None:
    """Most of the essay copied word for word from the course notes: sentences that open and
    close with a run of ``NOTE_RUN`` words of the notes hold half its words or more. The runs are
    read across sentences, as the notes' own are, so a pasted page of short lines (headings, a
    list) counts as copied as a pasted paragraph does. One learnt sentence is fine (students
    revise from the notes); a pasted page of them is not the student's answer. Two lookups a
    sentence."""
    stream = [w for words in tokens for w in words]
    total = len(stream)
    if total < NOTES_MIN_WORDS:
        return None
    copied = end = 0
    for words in tokens:
        start, end = end, end + len(words)
        if words and _in_notes(stream, start, runs) and _in_notes(stream, end - NOTE_RUN, runs):
            copied += len(words)
    if copied < NOTES_SHARE * total:
        return None
    return Flag("copied-notes", f"About {round(100 * copied / total)}% of the essay is copied word for word "
                "from the course notes: answer the question in your own words, and explain each point.")


def _in_notes(stream: Sequence[str], at: int, runs: frozenset[tuple[str, ...]]) -> bool:
    """Whether the ``NOTE_RUN`` words of ``stream`` from ``at`` are a run of the notes."""
    return 0 <= at <= len(stream) - NOTE_RUN and tuple(stream[at:at + NOTE_RUN]) in runs


MIN_LATIN_LETTERS = 60
LANGUAGE_SAMPLE = 1000  # characters read from the start (some 170 words): enough to tell, and cheap


@lru_cache(maxsize=64)
def rubric_words(rubric: Rubric) -> frozenset[str]:
    """The words of a rubric's question, points and aliases, in lower case, and English's
    commonest (its stop words)."""
    texts = (rubric.question, *(t for p in rubric.points for t in (p.text, *p.aliases)))
    return frozenset(w.lower() for text in texts for w in LETTERS.findall(text)) | SKLEARN_STOP_WORDS


def not_english_flag(text: str, own_words: frozenset[str]) -> Flag | None:
    """An answer that is mostly not English words: another language, or letters at random (which
    spelling correction would otherwise read as course words). ``own_words``: the rubric's own
    words in lower case, English or not (names, terms), and English's commonest. Most answers
    are told English by those alone; the dictionary is read only for the rest."""
    share, letters = english_share(text, own_words, LANGUAGE_SAMPLE, dictionary=False)
    # Enough to tell: a dozen words of Latin letters (two misspellings in a five-word answer are
    # no other language), or a sentence of another script.
    if share >= ENGLISH_SHARE or letters < (MIN_LATIN_LETTERS if text.isascii() else 20):
        return None
    share = english_share(text, own_words, LANGUAGE_SAMPLE)[0]
    if share >= ENGLISH_SHARE and (share >= MOSTLY_ENGLISH or glue_share(text, LANGUAGE_SAMPLE) >= GLUE_SHARE):
        return None
    return Flag("not-english", "Most of its words are not English words (another language, or letters at "
                "random), so it makes none of this rubric's points and earns no marks: write your answer in English.")


# Another subject fits this much better than the question's own. On the dev set, with rubrics
# on one subject grouped (see subject.subject_topics), genuine essays reach 0.86 under the
# shipped rubrics and under independently written ones; essays marked against another dev
# prompt's rubric start at 1.21.
OFF_TOPIC_RATIO = 1.15
OFF_TOPIC_CLEAR = 1.3   # so much better (genuine essays stay under 0.9) that the points it makes are incidental
OFF_TOPIC_MADE = 0.5    # below the clear ratio, an essay making half its own points is on topic
OFF_TOPIC_FLOOR = 0.08  # or the essay hardly touches the question's subject at all
# Another topic is named only if it fits the essay this well (genuine essays fit their own from 0.17).
OFF_TOPIC_NAMED = 2 * OFF_TOPIC_FLOOR


FOREIGN_SHARE = 0.5   # of an essay's words (stop words aside) that neither the notes nor the rubric use
FOREIGN_TERMS = 40    # words enough to judge by (genuine essays on noted subjects, however plain: at most 0.38)


def foreign_share(scores: Scores) -> tuple[float, int]:
    """(the share of an essay's words whose terms the notes and the rubric never use, how many
    words there are, stop words aside), as the matcher counted them: a football report on a
    history question is made of such words ("league", "striker", "transfers"), and an answer in
    plain words is not."""
    terms = scores.unit_terms
    return (scores.foreign_terms / terms if terms else 0.0), terms


def off_topic_flag(topics: dict[str, float], own: str, words: int, coverage: float = 0.0,
                   short: bool = False, foreign: tuple[float, int] | None = None) -> Flag | None:
    """The essay clearly answers another question (another subject fits it much better) and
    hardly touches its own (it makes under half of its points, unless the other fits it
    overwhelmingly better); or it touches no subject of the notes at all. A ``short`` answer
    (too short for its minutes) is held only to the overwhelming fit: it has had no room to
    make half its points, and a genuine opening's few sentences lean to another subject one
    time in seven on the dev set (one in ten held to the overwhelming fit alone). ``foreign``
    (:func:`foreign_share`, given for a question the notes cover): an essay mostly in words the
    notes and the rubric never use is about something else, whatever everyday words it shares."""
    if words < 20 or own not in topics:
        return None
    mine = topics[own]
    other, best = max(((t, s) for t, s in topics.items() if t != own), key=lambda x: x[1], default=(None, 0.0))
    if other is not None and best > OFF_TOPIC_RATIO * mine and (
            best > OFF_TOPIC_CLEAR * mine or (coverage < OFF_TOPIC_MADE and not short)):
        if best >= OFF_TOPIC_NAMED:
            return Flag("off-topic", f"This essay seems to answer a question on another topic ({other}); "
                        "re-read the question and answer it directly.")
        # It fits no topic of the notes either: naming one misleads (a football essay was "on" the
        # 1936 Constitution).
        return _LITTLE
    if mine < OFF_TOPIC_FLOOR:
        return _LITTLE
    if foreign is not None and foreign[0] >= FOREIGN_SHARE and foreign[1] >= FOREIGN_TERMS:
        # ``foreign``: only for a question the notes cover (their words are then the subject's); it
        # shares everyday words with the question and fits its topic over the floor, but is about
        # something the notes never mention
        return _LITTLE
    return None


_LITTLE = Flag("off-topic", "Little of this essay is about the question set; re-read the question and answer it "
               "directly.")


COPY_SHARE = 0.6  # genuine sentences share at most ~0.55 of their word triples with a rubric sentence
REPEAT_SHARE = 0.7  # of a sentence's four-word runs already written earlier in the essay
INNER_RUN = 5  # a run this long said twice inside one sentence is padding (genuine ones repeat 4)
REPEATED_SHARE = 0.25  # of the words, for the repetition flag
WHOLESALE = 3  # rubric texts (points, the question) copied word for word: the mark scheme pasted, not learnt


@dataclass(frozen=True)
class Evidence:
    """What of an essay counts as evidence once copies and repeats are set aside."""

    texts: tuple[str, ...] | None  # sentences as they count (copies and repeats empty); None: as written
    tokens: tuple[list[str], ...] | None  # their tokens, likewise
    words: int     # words that count (as ``str.split`` counts them); 0 when texts is None
    total: int     # words written (ditto)
    repeated: int  # words that repeat what the essay already says
    copied: int    # sentences copying the question or a point word for word, set aside
    kept_copies: frozenset[int] = frozenset()  # sentences stating one point in its own words, kept


class _Sources(NamedTuple):
    """The rubric's wording: its words, the word triples of all its sentences, and of each one."""

    words: frozenset[str]
    every: frozenset[tuple[str, str, str]]
    triples: tuple[frozenset[tuple[str, str, str]], ...]


@lru_cache(maxsize=64)
def _sentences_of(texts: tuple[str, ...]) -> tuple[str, ...]:
    """The sentences of ``texts``, split as an essay is."""
    return tuple(s.text for text in texts for s in split_sentences(text))


@lru_cache(maxsize=64)
def _sources(texts: tuple[str, ...]) -> _Sources:
    words = split_tokens(fold_many(texts))
    triples = tuple(frozenset(zip(w, w[1:], w[2:])) for w in words)  # empty for a text under 3 words
    return _Sources(frozenset(t for w in words for t in w), frozenset().union(*triples), triples)


def _copied(words: list[str], sources: _Sources) -> int | None:
    """Which rubric text (0: the question, i: point i, then the levels' descriptors) the sentence
    copies, or None. A copy shares most of its word triples with one rubric text *and*
    reproduces most of it: a student's own short sentence on the same fact shares some triples
    but reproduces little of the point."""
    mine = frozenset(zip(words, words[1:], words[2:]))
    if len(mine & sources.every) < COPY_SHARE * len(mine):  # then it shares less with each one
        return None
    for i, src in enumerate(sources.triples):
        shared = len(mine & src)
        if src and shared >= COPY_SHARE * len(mine) and shared >= COPY_SHARE * len(src):
            return i
    return None


def _inner_repeat(words: list[str], distinct: int) -> list[str] | None:
    """The words without those a sentence repeats inside itself ("statues removed statues
    removed", or a run-on copy cut mid-way), or None when it repeats nothing."""
    n = len(words)
    if n - distinct < 2:
        return None
    first = words[0]
    # A phrase said again and again has at most half as many distinct words as words.
    for period in range(1, min(n // 2, 60) + 1) if distinct <= n // 2 else ():
        if words[period] == first and words[period:] == [words[i % period] for i in range(period, n)]:
            return words[:period]  # the whole sentence is one phrase said again and again
    if n - distinct < INNER_RUN:  # a five-word run said twice repeats at least five words
        return None
    runs = list(zip(*(words[k:] for k in range(INNER_RUN))))
    if len(set(runs)) == len(runs):  # no run said twice: settled in C
        return None
    stale: set[int] = set()
    seen: set[tuple[str, ...]] = set()
    for i in range(n - INNER_RUN + 1):
        run = tuple(words[i:i + INNER_RUN])
        if run in seen:
            stale.update(range(i, i + INNER_RUN))
        seen.add(run)
    return [w for i, w in enumerate(words) if i not in stale] if stale else None


class _Runs:
    """Four-word runs of the sentences so far (``lines``), built only when a sentence could
    repeat them: see :func:`evidence`."""

    def __init__(self) -> None:
        self.lines: list[list[str]] = []
        self.runs: set[tuple[str, ...]] = set()
        self.done = 0
        self.text = "|"  # the lines so far, as " w w w |" each
        self.texted = 0

    def seen(self, words: list[str]) -> bool:
        """Most of the sentence's four-word runs were written before."""
        runs = list(dict.fromkeys(zip(words, words[1:], words[2:], words[3:])))  # distinct, in order
        # If the first few of them are all new, too few can have been written before (most
        # sentences stop here): those few are looked for in the text so far, in C, before
        # every earlier run is built.
        few = len(runs) - math.ceil(REPEAT_SHARE * len(runs)) + 1
        if self.texted < len(self.lines):
            self.text += f" {' | '.join(map(' '.join, self.lines[self.texted:]))} |"
            self.texted = len(self.lines)
        if not any(map(self.text.__contains__, [f" {' '.join(run)} " for run in runs[:few]])):
            return False
        for line in self.lines[self.done:]:
            self.runs.update(zip(line, line[1:], line[2:], line[3:]))
        self.done = len(self.lines)
        return len(self.runs.intersection(runs)) >= REPEAT_SHARE * len(runs)


def evidence(sentences: Sequence[str], tokens: Sequence[list[str]], rubric: Rubric) -> Evidence:
    """Set aside what earns nothing: sentences copying the rubric's wording, sentences saying an
    earlier one again, and words a sentence repeats inside itself.

    A sentence repeats an earlier one when it has the same words, in any order (so re-punctuated,
    re-cased or shuffled copies count), or mostly four-word runs already written (a copy cut at
    other sentence breaks). Genuine essays restate a phrase or two in their conclusion, so only
    most of a sentence, or a run of five words inside one, counts. The engine scores (and counts
    the words of) what is left, so pasting or padding can never raise a mark. ``tokens`` are
    each sentence's raw tokens (``Matcher.tokenize``), compared word for word.
    """
    # The question and the level descriptors earn nothing when copied; a point may be learnt. A
    # descriptor is compared sentence by sentence, as an essay is split ("e.g." ends one there too).
    sources = _sources((rubric.question, *(p.text for p in rubric.points),
                        *_sentences_of(tuple(b.descriptor for b in rubric.levels))))
    points = range(1, len(rubric.points) + 1)
    seen_bags: set[frozenset[str]] = set()
    seen_lines: set[str] = set()
    seen_words: set[str] = set()
    earlier = _Runs()
    # Sentence index -> (what is left of it, its tokens, why); most essays end with this empty.
    changes: dict[int, tuple[str, list[str], str]] = {}
    copies: dict[int, int] = {}  # sentence index -> the rubric text it copies (0: the question)
    for i, words in enumerate(tokens):
        bag = frozenset(words)
        inner = _inner_repeat(words, len(bag)) if len(words) - len(bag) >= 2 else None
        kept = words
        if inner is not None:
            kept, bag = inner, frozenset(inner)
            changes[i] = (" ".join(inner), inner, "inner")
        if not kept:
            continue
        line = " ".join(kept) if len(bag) < 3 else ""
        before = len(seen_words)
        seen_words |= bag  # in place: cheaper than building the set of new words
        new = len(seen_words) - before
        # Saying earlier sentences again (six words or more) leaves at most 30% of the words new:
        # a cheap test before the four-word runs are compared.
        if (line in seen_lines if line else bag in seen_bags) or (
                len(kept) >= 6 and new <= (1 - REPEAT_SHARE) * len(kept) and earlier.seen(kept)):
            changes[i] = ("", [], "repeat")
        # A cheap set test in C first: a copy takes most of its words from the rubric.
        elif len(kept) >= 5 and len(bag & sources.words) >= COPY_SHARE * len(bag) and (
                (source := _copied(kept, sources)) is not None):
            copies[i] = source
            if source not in points:  # the question or a level's descriptor: nothing, however written
                changes[i] = ("", [], "copy")
        seen_lines.add(line)
        seen_bags.add(bag)
        earlier.lines.append(kept)
    kept_copies = _learnt(copies, points)
    for i in copies.keys() - kept_copies:
        changes[i] = ("", [], "copy")
    if not changes:
        return Evidence(None, None, 0, 0, 0, 0, kept_copies)
    texts = tuple(changes[i][0] if i in changes else s for i, s in enumerate(sentences))
    kept_tokens = tuple(changes[i][1] if i in changes else t for i, t in enumerate(tokens))
    written = [len(s.split()) for s in sentences]
    counted = list(written)
    repeated = copied = 0
    for i, (_, toks, why) in changes.items():
        # Words as written, in proportion to the tokens kept: "a,b,a,b" is one word written,
        # so what is left of it must not count as more.
        counted[i] = min(written[i], -(-written[i] * len(toks) // max(1, len(tokens[i]))))
        if why == "copy":
            copied += 1
        else:
            repeated += written[i] - counted[i]
    return Evidence(texts, kept_tokens, sum(counted), sum(written), repeated, copied, kept_copies)


def _learnt(copies: dict[int, int], points: range) -> frozenset[int]:
    """Sentences that state one point in the rubric's own words and are kept as evidence:
    students revise from the notes and the mark scheme, so one well-learnt sentence is an
    answer, and two of them in a row are a textbook explanation learnt in its order (a short
    answer's whole chain of reasoning). Wholesale copying is not: ``WHOLESALE`` of the rubric's
    texts or more, the question among them. (A copy of the question or of a level's descriptor,
    ``copies`` values outside ``points``, is always set aside: restating it earns nothing.)"""
    if len(copies) >= WHOLESALE:
        return frozenset()
    return frozenset(i for i, src in copies.items() if src in points)
