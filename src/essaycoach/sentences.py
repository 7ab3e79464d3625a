"""Split an essay into sentences, keeping character offsets into the original text.

Handles what students actually type: bullets and numbered lists, hard line breaks,
abbreviations (e.g., Dr., c. 1924, V.I. Lenin), dates (1 Dec. 1934), and run-on text
with no full stops at all.
"""
from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from typing import NamedTuple

from .spelling import misspelling_of

MAX_WORDS = 40  # a longer "sentence" is a run-on: cut it at clause boundaries
# Hard-wrapped text (a .txt file, an e-mail, a PDF's text layer) is at least this many characters
# wide; a wrapped line fills this share of the text's widest line (a PDF's proportional type
# fits more narrow letters on one line than wide ones).
WRAP_WIDTH = 60
FULL_LINE = 0.7
# ... and at most this wide: lines longer than any page or screen wraps to were typed, each ended
# by the writer (a careless answer's "... nun of it refracts out" then "in a optical fibre ...")
WRAP_MAX = 130
NO_WIDER = 0.9  # a wrapped line is no wider than the one above it with its first word (a font's slack)

_ABBREVIATIONS = frozenset(
    "e.g i.e etc vs cf c ca approx mr mrs ms dr st no nos jan feb mar apr jun jul aug sep sept oct "
    "nov dec fig p pp vol ed eds al gen lt col capt sgt prof rev u.s u.k u.s.s.r ussr sec govt dept "
    "est incl esp max min ave corp univ assoc inc ltd".split())
_BULLET = re.compile(r"\s*(?:[-*\u2022\u2023\u25e6\u2043\u2219>]+|\(?\d{1,2}[.)]|\(?[a-hA-H][.)])\s+")
_BULLET_FIRST = frozenset("-*\u2022\u2023\u25e6\u2043\u2219>(0123456789abcdefghABCDEFGH")  # what _BULLET can start with
# A sentence end: a run of . ! ? (and closing quotes or brackets) before a space or the end.
# Only a run's first mark may start a match (the look-behind) and the run is taken whole
# (possessive), so each run is read once: "....a" once cost time growing with the square of
# the run's length. The pattern opens with the character class so that the regex engine can
# still skip straight to the next mark.
_CLOSERS = "\"'\u201d\u2019)]"   # what may close a sentence after its full stop
_END = re.compile(rf"[.!?](?<![.!?]{{2}})[.!?]*+[{re.escape(_CLOSERS)}]*+(?=\s|$)")
_WRAP_END = ".!?:;\"'\u201d)"
_HAS_WORD = re.compile(r"\w")
_NEXT = re.compile(r"\s*(\S)")
_LIST_MARK = re.compile(r"(?:^|[.!?:;]\s+)\(?\d{1,2}$")
_BARE_NUMBER = re.compile(r"\s*\d{1,2}")
_LAST_WORD = re.compile(r"([A-Za-z][A-Za-z.]*)$")
_DOTTED = re.compile(r"(?:[a-z]\.)+[a-z]")
_WORDS = re.compile(r"\S+")
_OPENERS = "\"'\u201c(-*\u2022"
_ENDS_SENTENCE_TOO = frozenset({"etc", "ussr", "u.s.s.r"})  # abbreviations that often end one
# Look-back windows before a full stop, each as long as what it looks for needs.
_LIST_WINDOW = 14    # a list marker after an earlier sentence: "Funeral.  (12"
_NUMBER_WINDOW = 12  # an indented bare number: "          12"
_WORD_WINDOW = 12    # the word before the stop, long enough for any abbreviation (u.s.s.r)
_SHORT_WORD = 6      # a longer word before a full stop is no short abbreviation (Dr, c, approx)
# Clause breaks: a semicolon, a dash between spaces, a comma before a linking word, or a space
# before one (the two space-led cases share their \s, which the regex engine then tries once).
_CLAUSE = re.compile(r"(?:;|,\s+(?=(?:and|but|so|because|which|while|whereas|however)\b)"
                     r"|\s(?:[-\u2013\u2014]\s|(?=(?:but|so|because|however|whereas)\s)))")
# The long linking words _CLAUSE cuts at, and a word after a space that could misspell one (as
# long, with its first letter: a misspelling keeps it).
_LONG_LINKS = ("because", "however", "whereas")
_LONG_WORD = re.compile(r"(?<=\s)[bhwBHW][A-Za-z]{5,7}\b")


class Sentence(NamedTuple):
    """One sentence: its text and its [start, end) offsets in the essay (a NamedTuple:
    essays have dozens and building frozen dataclasses showed in the profile)."""

    text: str
    start: int
    end: int


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences with offsets; empty or blank text gives ``[]``."""
    out: list[Sentence] = []
    for start, end in _blocks(text):
        bullet = _BULLET.match(text, start, end)
        cursor = start
        for m in _END.finditer(text, bullet.end() if bullet else start, end):
            dot, after = m.span()
            if _is_boundary(text, dot, after, end):
                _add(text, cursor, after, out)
                cursor = after
        if cursor < end:
            _add(text, cursor, end, out)
    return out


PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")  # a blank line


def paragraph_breaks(text: str, sentences: list[Sentence]) -> frozenset[int]:
    """The ``i`` whose sentence ends a paragraph before sentence ``i + 1`` (a blank line between)."""
    if "\n" not in text:
        return frozenset()
    return frozenset(i for i, (a, b) in enumerate(itertools.pairwise(sentences))
                     if PARAGRAPH_BREAK.search(text, a.end, b.start))


def sentence_ends(text: str, sentences: Sequence[Sentence]) -> list[int]:
    """For each sentence, the index of the last piece of the sentence it was written in: itself,
    but for a run-on cut at its clauses ("X, but Y, because Z" of over ``MAX_WORDS`` words),
    whose pieces run on to the one that ends with a full stop or a line."""
    ends = list(range(len(sentences)))
    for i in range(len(sentences) - 2, -1, -1):
        here, after = sentences[i], sentences[i + 1]
        if here.text.rstrip(_CLOSERS)[-1:] not in (".", "!", "?") and "\n" not in text[here.end:after.start]:
            ends[i] = ends[i + 1]
    return ends


def _add(text: str, start: int, end: int, out: list[Sentence]) -> None:
    """Add text[start:end] to ``out`` as a sentence: trimmed, cut first if it is a run-on."""
    # The cheap count settles almost every sentence: fewer spaces than a run-on's words.
    for s, e in ((start, end),) if text.count(" ", start, end) < MAX_WORDS else _split_run_on(text, start, end):
        s, e = _trim(text, s, e)
        if e > s and (text[s].isalnum() or _HAS_WORD.search(text, s, e)):  # \w: alphanumeric or _
            out.append(Sentence(text[s:e], s, e))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    if start < end and (text[start] in _BULLET_FIRST or text[start].isdecimal()):  # \d: any digit
        m = _BULLET.match(text, start, end)
        if m:
            start = m.end()
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _blocks(text: str) -> list[tuple[int, int]]:
    """Paragraphs, bullets and hard-broken lines; a line wrapped mid-sentence is rejoined."""
    lines: list[tuple[int, int]] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        lines.append((pos, pos + len(line)))
        pos += len(line)
    width = max((len(text[s:e].rstrip()) for s, e in lines), default=0)
    blocks: list[list[int]] = []
    prev_open, prev_length = False, 0
    for s, e in lines:
        body = text[s:e].strip()
        if not body:
            prev_open = False
            continue
        starts_item = bool(_BULLET.match(body)) or body[0].isupper() or body[0].isdigit()
        if blocks and prev_open and not starts_item and _wrapped(prev_length, body, width):
            blocks[-1][1] = e  # a wrapped line continues the sentence above
        else:
            blocks.append([s, e])
        prev_open = body[-1] not in _WRAP_END  # the line does not end a sentence
        prev_length = len(text[s:e].rstrip())
    return [(s, e) for s, e in blocks]


def _wrapped(above: int, body: str, width: int) -> bool:
    """Whether ``body`` was put on a line of its own by wrapping: the line above (``above``
    characters long) is full, so that the first word of ``body`` would not have fitted on it.
    A short line ended by choice (notes typed a line each, "savings gone, middle class angry")
    stays a line of its own, as does every line of a text too narrow, or too wide, for anything to
    have wrapped it, and a line wider than the one above would have been with its first word."""
    carried = above + 1 + len(body.split(None, 1)[0])   # the line above with the word it would have taken
    return WRAP_WIDTH <= width <= WRAP_MAX and carried > FULL_LINE * width and carried > NO_WIDER * len(body)


def _is_boundary(text: str, dot: int, after: int, end: int) -> bool:
    """Whether the run of end marks ``text[dot:after]`` ends a sentence (``end``: the block's end)."""
    following = _next_visible(text, after, end)
    if following is None or text[dot] != ".":
        return True  # the block ends here, or a ! or ? (which no abbreviation uses)
    before = text[dot - 1] if dot else " "
    if before.islower() and following.isupper() and _not_abbreviation(text, dot):
        return True  # the usual case: "...word. Next"
    if before.islower() and following.islower() and _ends_on_a_word(text, dot):
        return True  # a writer who never uses capitals: "...good for them. it also means"
    if before.isdigit():
        return _after_number(text, dot, following)
    if before in _CLOSERS and following.islower() and _HAS_WORD.search(text, max(0, dot - _WORD_WINDOW), dot):
        return True  # the same writer after a bracket or a quote: "... (80S). prokaryotes r ..."
    return _after_word(text, dot, before, following)


def _next_visible(text: str, after: int, end: int) -> str | None:
    """The first non-space character from ``after`` in the block, None when there is none."""
    if after + 1 < end and text[after] == " " and not text[after + 1].isspace():
        return text[after + 1]  # the usual case, one space then the next word: no regex
    nxt = _NEXT.match(text, after, end)
    return nxt.group(1) if nxt else None


def _opens_sentence(char: str) -> bool:
    """A capital, or a quote, bracket or bullet that may open a sentence."""
    return char.isupper() or char in _OPENERS


def _after_number(text: str, dot: int, following: str) -> bool:
    """A full stop after a digit: "in 1924. Then" ends a sentence, "1. Testament" does not."""
    if (_LIST_MARK.search(text[max(0, dot - _LIST_WINDOW):dot])
            or _BARE_NUMBER.fullmatch(text[max(0, dot - _NUMBER_WINDOW):dot])):
        return False  # an inline list marker: "1. Testament. 2. Funeral."
    return _opens_sentence(following)


def _after_word(text: str, dot: int, before: str, following: str) -> bool:
    """A full stop after a word (or another full stop) that the usual case did not settle."""
    word = _LAST_WORD.search(text, max(0, dot - _WORD_WINDOW), dot) if before.isalpha() or before == "." else None
    token = word.group(1) if word else ""
    if token.lower() in _ABBREVIATIONS:
        return following.isupper() and token.lower() in _ENDS_SENTENCE_TOO  # "...and so on etc. Then"
    if len(token) == 1 and token.isupper():
        return False  # an initial: V. Lenin, J. Stalin
    if _DOTTED.fullmatch(token.lower()):
        return False  # i.e, e.g, u.s.s.r
    return _opens_sentence(following) or following.isdigit()


def _ends_on_a_word(text: str, dot: int) -> bool:
    """The full stop at ``dot`` follows a whole English word, no abbreviation ("them.", not
    "gen." or "approx."), so a small letter after it still opens a sentence."""
    word = _LAST_WORD.search(text, max(0, dot - _WORD_WINDOW), dot)
    token = word.group(1).lower() if word else ""
    # (no dictionary: a warm `mark` reads the cache and never loads one; an abbreviation not in the
    # list mostly has no vowel, "govt", "mgmt")
    return len(token) >= _WHOLE_WORD and token.isalpha() and token not in _ABBREVIATIONS and \
        not _VOWELS.isdisjoint(token)


_VOWELS = frozenset("aeiouy")
_WHOLE_WORD = 3  # letters: "them", "move", "war" end a sentence; "c", "p" and "no" abbreviate


def _not_abbreviation(text: str, dot: int) -> bool:
    """The word before the full stop at ``dot`` is not a short abbreviation (Dr, c, e.g)."""
    lo = max(0, dot - _SHORT_WORD)  # a longer word is no abbreviation: look no further back
    space = max(text.rfind(" ", lo, dot), text.rfind("\n", lo, dot))
    if dot - space > _SHORT_WORD:
        return True
    word = text[space + 1:dot]
    return word.lower() not in _ABBREVIATIONS and "." not in word


def _split_run_on(text: str, start: int, end: int) -> list[tuple[int, int]]:
    if len(text[start:end].split()) <= MAX_WORDS:  # called once the cheap count in _add has failed
        return [(start, end)]
    cuts = [m.start() + (1 if text[m.start()] in ";," else 0) for m in _CLAUSE.finditer(text, start, end)]
    # A misspelt linking word ends a clause too ("...the testament becuase..."): run-on text is
    # typed in a hurry, and without the break it would be cut into fixed-size chunks mid-clause.
    misspelt = [m.start() - 1 for m in _LONG_WORD.finditer(text, start, end)
                if misspelling_of(m.group().lower(), _LONG_LINKS)]
    if misspelt:
        cuts = sorted({*cuts, *misspelt})
    pieces: list[tuple[int, int]] = []
    cursor = prev = start
    count = 0  # the words of text[cursor:prev], counted piece by piece: re-splitting the text
    for cut in cuts:  # from the last cut at every new one was quadratic on ";;;;..."
        count += len(text[prev:cut].split())
        if cursor < prev < cut and not text[prev - 1].isspace() and not text[prev].isspace():
            count -= 1  # a word running across ``prev`` was counted on both sides
        prev = cut
        if count >= 8:  # a clause of eight words or more stands as its own piece (its , or ; left out)
            pieces.append((cursor, cut - 1 if text[cut - 1] in ";," else cut))
            cursor, count = cut, 0
    pieces.append((cursor, end))
    out: list[tuple[int, int]] = []
    for s, e in pieces:
        if len(text[s:e].split()) <= MAX_WORDS:  # cheaper than a match object per word
            out.append((s, e))
            continue
        words = list(_WORDS.finditer(text, s, e))
        for i in range(0, len(words), 25):  # no clause marks either: fixed-size chunks
            chunk = words[i:i + 25]
            out.append((chunk[0].start(), chunk[-1].end()))
    return out
