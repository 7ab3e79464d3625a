"""Split an essay into sentences, keeping character offsets into the original text.

Handles what students actually type: bullets and numbered lists, hard line breaks,
abbreviations (e.g., Dr., c. 1924, V.I. Lenin), dates (1 Dec. 1934), and run-on text
with no full stops at all.
"""
from __future__ import annotations

import re
from typing import NamedTuple

MAX_WORDS = 40  # a longer "sentence" is a run-on: cut it at clause boundaries

_ABBREVIATIONS = frozenset(
    "e.g i.e etc vs cf c ca approx mr mrs ms dr st no nos jan feb mar apr jun jul aug sep sept oct "
    "nov dec fig p pp vol ed eds al gen lt col capt sgt prof rev u.s u.k u.s.s.r ussr".split())
_BULLET = re.compile(r"\s*(?:[-*\u2022\u2023\u25e6\u2043\u2219>]+|\(?\d{1,2}[.)]|\(?[a-hA-H][.)])\s+")
_BULLET_FIRST = frozenset("-*\u2022\u2023\u25e6\u2043\u2219>(0123456789abcdefghABCDEFGH")  # what _BULLET can start with
_END = re.compile(r"[.!?]+[\"'\u201d\u2019)\]]*(?=\s+|$)")
_WRAP_END = ".!?:;\"'\u201d)"
_HAS_WORD = re.compile(r"\w")
_NEXT = re.compile(r"\s*(\S)")
_LIST_MARK = re.compile(r"(?:^|[.!?:;]\s+)\(?\d{1,2}$")
_BARE_NUMBER = re.compile(r"\s*\d{1,2}")
_LAST_WORD = re.compile(r"([A-Za-z][A-Za-z.]*)$")
_DOTTED = re.compile(r"(?:[a-z]\.)+[a-z]")
_WORDS = re.compile(r"\S+")
# Clause breaks: a semicolon, a dash between spaces, a comma before a linking word, or a space
# before one (the two space-led cases share their \s, which the regex engine then tries once).
_CLAUSE = re.compile(r"(?:;|,\s+(?=(?:and|but|so|because|which|while|whereas|however)\b)"
                     r"|\s(?:[-\u2013\u2014]\s|(?=(?:but|so|because|however|whereas)\s)))")


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
    blocks: list[list[int]] = []
    prev_open = False
    for s, e in lines:
        body = text[s:e].strip()
        if not body:
            prev_open = False
            continue
        starts_item = bool(_BULLET.match(body)) or body[0].isupper() or body[0].isdigit()
        if blocks and prev_open and not starts_item:
            blocks[-1][1] = e  # a wrapped line continues the sentence above
        else:
            blocks.append([s, e])
        prev_open = body[-1] not in _WRAP_END  # the line does not end a sentence
    return [(s, e) for s, e in blocks]


def _is_boundary(text: str, dot: int, after: int, end: int) -> bool:
    if after + 1 < end and text[after] == " " and not text[after + 1].isspace():
        following = text[after + 1]  # the usual case, one space then the next word: no regex
    else:
        nxt = _NEXT.match(text, after, end)
        if not nxt:
            return True
        following = nxt.group(1)
    if text[dot] != ".":
        return True
    prev = text[dot - 1] if dot else " "
    if prev.islower() and following.isupper() and _not_abbreviation(text, dot):
        return True  # the usual case: "...word. Next", and not after a short abbreviation
    if prev.isdigit():
        if _LIST_MARK.search(text[max(0, dot - 14):dot]) or _BARE_NUMBER.fullmatch(text[max(0, dot - 12):dot]):
            return False  # an inline list marker: "1. Testament. 2. Funeral."
        return following.isupper() or following in "\"'\u201c(-*\u2022"
    word = _LAST_WORD.search(text, max(0, dot - 12), dot) if prev.isalpha() or prev == "." else None
    token = word.group(1).lower() if word else ""
    if token in _ABBREVIATIONS:
        return following.isupper() and token in {"etc", "ussr", "u.s.s.r"}
    if word and len(word.group(1)) == 1 and word.group(1).isupper():
        return False  # an initial: V. Lenin, J. Stalin
    if _DOTTED.fullmatch(token):
        return False  # i.e, e.g, u.s.s.r
    return following.isupper() or following.isdigit() or following in "\"'\u201c(-*\u2022"


def _not_abbreviation(text: str, dot: int) -> bool:
    """The word before the full stop at ``dot`` is not a short abbreviation (Dr, c, e.g)."""
    lo = max(0, dot - 6)  # a word of more than six characters is none: look no further back
    space = max(text.rfind(" ", lo, dot), text.rfind("\n", lo, dot))
    if dot - space > 6:
        return True
    word = text[space + 1:dot]
    return word.lower() not in _ABBREVIATIONS and "." not in word


def _split_run_on(text: str, start: int, end: int) -> list[tuple[int, int]]:
    if len(text[start:end].split()) <= MAX_WORDS:  # called once the cheap count in _add has failed
        return [(start, end)]
    cuts = [m.start() + (1 if text[m.start()] in ";," else 0) for m in _CLAUSE.finditer(text, start, end)]
    pieces: list[tuple[int, int]] = []
    cursor = start
    for cut in cuts:
        if len(text[cursor:cut].split(None, 7)) == 8:  # eight words or more: no need to split them all
            pieces.append((cursor, cut))
            cursor = cut
    pieces.append((cursor, end))
    out: list[tuple[int, int]] = []
    for s, e in pieces:
        if len(text[s:e].split()) <= MAX_WORDS:  # cheaper than a match object per word
            out.append((s, e))
            continue
        words = list(_WORDS.finditer(text[s:e]))
        for i in range(0, len(words), 25):  # no clause marks either: fixed-size chunks
            chunk = words[i:i + 25]
            out.append((s + chunk[0].start(), s + chunk[-1].end()))
    return out
