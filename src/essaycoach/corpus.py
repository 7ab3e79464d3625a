"""Seed notes as citable passages, and a BM25 index that answers "where in the notes is this?"."""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np

from .analyze import Analyzer
from .lexicon import SKLEARN_STOP_WORDS
from .sentence_form import has_present_verb, is_fragment
from .sentences import split_sentences
from .spelling import common_words

if TYPE_CHECKING:
    from rank_bm25 import BM25Plus

# Page furniture copied in from study websites: navigation, counters, sales blurbs.
_FURNITURE = re.compile(
    r"^(?:congrats on reading|now let's actually learn|new cards|studied by|learnlearn|exam\s*practice|"
    r"spaced repetition|heart puzzle|flashcards|card sorting|\d+/\d+$|encourage image|there's no tags|"
    r"looks like no tags|study analytics|name$|mastery$|learn$|test$|matching$|spaced$|no study sessions|"
    r"\d+ terms$|[\d.]+\(\d+\)$|contents$|images for kids|see also|in spanish|history study pack|"
    r"crack history exams|prepare effortlessly|get instant access|what.s inside|take action now|"
    r"don.t let exam stress|your burning questions|a level/as level|history notes$|\u2705|"
    r"equip yourself|.*facts for kids$)", re.IGNORECASE)
MAX_PASSAGE_WORDS = 70
EVIDENCE_SHARE = 0.4  # of a query's term weight a passage must share to be cited for it


@dataclass(frozen=True)
class Passage:
    """A citable piece of the seed notes: a paragraph, bullet or group of sentences."""

    file: str
    line: int
    end_line: int
    text: str
    title: str = ""  # the heading of its section of the note (see section_titles): shown, not ``file``

    @cached_property
    def citation(self) -> str:
        """``file:line``, as cited in feedback (kept: every report asks for it)."""
        return f"{self.file}:{self.line}"


@dataclass(frozen=True)
class Hit:
    """A passage found by a search, with its BM25 score."""

    passage: Passage
    score: float


def is_furniture(line: str) -> bool:
    """True for navigation, counters and adverts that are not course content."""
    body = line.strip().lstrip("-\u2022* ").strip()
    return not body or bool(_FURNITURE.match(body)) or len(body.split()) < 3


TITLE_WORDS = 60  # characters of a long first line kept as a title


def note_title(text: str) -> str:
    """A note's title: its first heading (a ``#`` line, or a short line that does not end a
    sentence) if the note opens with one, else the start of its first line."""
    lines = [ln.strip().lstrip("#").strip() for ln in text.splitlines()[:12]]
    lines = [ln for ln in lines if len(ln.split()) >= 2 and any(c.isalpha() for c in ln)]
    for ln in lines[:2]:  # a heading further down heads a section, not the note
        if len(ln.split()) <= 12 and not ln.endswith((".", ",", ";")):
            return ln
    first = lines[0] if lines else "Course notes"
    subject = _subject_of(first)
    if subject:
        return subject
    return first if len(first) <= TITLE_WORDS else first[:TITLE_WORDS].rsplit(" ", 1)[0] + "\u2026"


_HASHED_NAME = re.compile(r"(\d+)_[0-9a-f]{8,}\.txt")


def note_label(file: str, text: str) -> str:
    """A note as a list of notes names it: its title, then its file ("notes.txt"), or for a
    file named by a number and a hash (as the course notes are) just "note 003"."""
    hashed = _HASHED_NAME.fullmatch(file)
    return f"{note_title(text)} \u00b7 {f'note {hashed.group(1)}' if hashed else file}"


SUBJECT_WORDS = 6  # the longest subject of a note's first sentence that titles it


def _subject_of(sentence: str) -> str | None:
    """The subject of a sentence that opens by defining or describing it ("De-Stalinization
    refers to ...": "De-Stalinization"): the words before its first verb, when they are a short
    phrase that starts with a capital (and no preposition); None otherwise."""
    words = sentence.split()
    for n in range(1, min(len(words), SUBJECT_WORDS + 1)):
        head = " ".join(words[:n + 1])
        if not is_fragment(head) or has_present_verb(head):
            subject = " ".join(words[:n]).rstrip(",;:")
            opener = words[0].lower()  # "In 1924 Lenin died ...": a phrase before the subject
            plain = opener in ("the", "a", "an") or opener not in SKLEARN_STOP_WORDS
            return subject if subject[:1].isupper() and plain and is_fragment(subject) else None
    return None


SECTION_WORDS = (2, 8)  # a section heading's length in words


def is_section_heading(lines: Sequence[str], i: int) -> bool:
    """Whether line ``i`` heads a section: a ``#`` line, or a short line in title case standing
    alone between blank lines ("Women Better Status"), not ending as a sentence does."""
    body = lines[i].strip()
    if body.startswith("#"):
        return len(body.lstrip("#").split()) >= SECTION_WORDS[0]
    words = body.split()
    alone = (i == 0 or not lines[i - 1].strip()) and (i + 1 == len(lines) or not lines[i + 1].strip())
    return (alone and SECTION_WORDS[0] <= len(words) <= SECTION_WORDS[1] and body[0].isupper()
            and not body.endswith((".", ",", ";", ":", "?", "!"))
            and all(w[0].isupper() or len(w) < 4 or not w[0].isalpha() for w in words))


def section_titles(text: str) -> list[str]:
    """For each line of a note, the title a student is shown for it: the heading of the section
    it sits in ("Women Better Status, line 185" in a note that opens with "The Purge"), or
    the note's title before any."""
    lines = text.splitlines()
    title, out = note_title(text), []
    for i, line in enumerate(lines):
        if is_section_heading(lines, i):
            title = line.strip().lstrip("#").strip()
        out.append(title)
    return out


def passages_from_text(file: str, text: str) -> list[Passage]:
    """Cut one seed document into passages that keep their line numbers."""
    titles = section_titles(text)
    lines = text.splitlines()
    paragraphs: list[tuple[int, int]] = []  # 0-based [first, last] line
    for i, line in enumerate(lines):
        if is_furniture(line):
            continue
        body = line.strip()
        if paragraphs and paragraphs[-1][1] == i - 1:
            prev = lines[i - 1].rstrip()
            wrapped = not re.search(r"[.!?:\"')]$", prev) and len(prev) >= 50
            if (wrapped or body[:1].islower()) and not re.match(r"[-\u2022*]\s", body):
                paragraphs[-1] = (paragraphs[-1][0], i)
                continue
        paragraphs.append((i, i))
    out: list[Passage] = []
    for first, last in paragraphs:
        block = "\n".join(lines[first:last + 1])
        offsets = [0]
        for ln in lines[first:last + 1]:
            offsets.append(offsets[-1] + len(ln) + 1)
        group: list = []
        for sent in split_sentences(block) or []:
            group.append(sent)
            words = sum(len(s.text.split()) for s in group)
            if words >= MAX_PASSAGE_WORDS // 2 or len(group) >= 3:
                out.append(_passage(file, first, offsets, block, group, titles[first]))
                group = []
        if group:
            out.append(_passage(file, first, offsets, block, group, titles[first]))
    return out


def _passage(file: str, first: int, offsets: list[int], block: str, group: list, title: str) -> Passage:
    def line_of(pos: int) -> int:
        return first + max(i for i, off in enumerate(offsets) if off <= pos) + 1

    text = " ".join(block[group[0].start:group[-1].end].split())
    return Passage(file, line_of(group[0].start), line_of(group[-1].end - 1), text, title)


class SeedIndex:
    """BM25 over passages: rank-bm25's BM25Plus, whose IDF log((N+1)/df) stays positive on
    small corpora. rank-bm25 adds ``delta`` even for absent terms, which only shifts every
    score by a constant, so delta is 0; b=0.5 because seed passages vary a lot in length
    and full normalisation buried long, on-point bullets under short headings."""

    def __init__(self, passages: Sequence[Passage], analyzer: Analyzer) -> None:
        if not passages:
            from .errors import SeedError
            raise SeedError("no seed passages to index: is the seeds/ folder empty?")
        self.passages = tuple(passages)
        self.analyzer = analyzer

    @cached_property
    def bm25(self) -> BM25Plus:
        """The index, built at the first search (an engine restored from the cache never searches)."""
        from rank_bm25 import BM25Plus

        return BM25Plus([self.analyzer(p.text) or ["_"] for p in self.passages], b=0.5, delta=0.0)

    def search(self, query: str, k: int = 5) -> list[Hit]:
        """The ``k`` best passages for ``query``, best first; no hits for a query of stop words."""
        terms = self.analyzer(query)
        if not terms:
            return []
        scores = self.bm25.get_scores(terms)
        order = [i for i in np.argsort(-scores, kind="stable") if scores[i] > 0][:k]
        return [Hit(self.passages[i], float(scores[i])) for i in order]

    def covering(self, query: str, k: int = 3) -> Passage | None:
        """The best of the ``k`` best passages that shares the query's content (see
        :meth:`sharing`), or None: the notes do not cover it, and an unrelated passage must not
        be offered."""
        return next((hit.passage for hit in self.sharing(query, self.search(query, k))), None)

    def sharing(self, query: str, hits: Iterable[Hit], min_terms: int = 2) -> list[Hit]:
        """The ``hits`` (in their order) whose passage shares the query's content:
        ``EVIDENCE_SHARE`` of its IDF-weighted terms, ``min_terms`` terms at least."""
        an, idf = self.analyzer, self.bm25.idf
        everyday = {an.term(w) for w in common_words()}  # "a long time" is no shared content
        rarest = max(idf.values(), default=1.0)  # a term the notes never use is content they lack
        wanted = {t: idf.get(t, rarest) for t in an(query) if t not in everyday}
        total = sum(wanted.values()) or 1.0
        return [hit for hit in hits if len(shared := wanted.keys() & set(an(hit.passage.text))) >= min_terms
                and sum(wanted[t] for t in shared) >= EVIDENCE_SHARE * total]

    def passage_at(self, file: str, line: int) -> Passage | None:
        """The passage holding ``file:line``, or the nearest one after it. A line holding the end
        of one passage and the start of the next cites the one it starts: a rubric cites where
        its point begins."""
        best = None
        holding = [p for p in self.passages if p.file == file and p.line <= line <= p.end_line]
        if holding:
            return next((p for p in holding if p.line == line), holding[0])
        for p in self.passages:
            if p.file == file and p.line > line and (best is None or p.line < best.line):
                best = p
        return best


def seed_passages(seeds: Mapping[str, str]) -> list[Passage]:
    """Passages of every seed document, in file order."""
    return [p for name in sorted(seeds) for p in passages_from_text(name, seeds[name])]
