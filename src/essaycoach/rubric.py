"""Rubric, Point, Level and Citation: the marking scheme for one prompt, validated on load."""
from __future__ import annotations

import difflib
import itertools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

from .errors import RubricError, clip, short

SIDES = ("for", "against", "neutral")
ARGUED = ("for", "against")  # the sides an argument weighs against each other
# \Z, not $: "$" also matches before a final newline, so "abc\n" passed as an id.
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*\Z")
MAX_ID = 64
# Names Windows keeps for devices, whatever the extension: "nul.yaml" cannot be a file there.
DEVICE_NAMES = frozenset({"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)),
                          *(f"lpt{i}" for i in range(1, 10))})

# Limits that keep a rubric something a teacher wrote: a rubric of 10,000 points once passed
# validation and then made marking allocate 1.5 GiB.
MAX_POINTS = 60
MAX_LEVELS = 10
MAX_ALIASES = 30           # per point
MAX_MINUTES = 300
MAX_MARKS = 200
MAX_LINE = 1_000_000       # of a citation
TEXT_LIMITS = {"id": MAX_ID, "title": 200, "topic": 100, "question": 2_000, "source": 200,
               "text": 1_000, "alias": 200, "descriptor": 1_000, "file": 200}
_TOP_KEYS = {"id", "title", "topic", "question", "source", "minutes", "marks", "levels", "points"}
_POINT_KEYS = {"id", "side", "text", "aliases", "weight", "source"}


@dataclass(frozen=True)
class Citation:
    """A place in the seed notes: file name inside ``seeds/`` and 1-based line number."""

    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass(frozen=True)
class Level:
    """One level of the mark scheme: marks ``low``..``high`` inclusive."""

    level: int
    low: int
    high: int
    descriptor: str


@dataclass(frozen=True)
class Point:
    """One piece of evidence the essay should use, on a ``side`` of the argument."""

    id: str
    side: str
    text: str
    aliases: tuple[str, ...] = ()
    weight: float = 1.0
    source: Citation | None = None


AIM_WORDS_PER_MINUTE = 12   # a full answer: about 540 words in 45 minutes
SHORT_WORDS_PER_MINUTE = 4  # under this an answer is too short to develop its points


@dataclass(frozen=True)
class Rubric:
    """The marking scheme for one prompt. Build it with :func:`parse_rubric` or ``load_rubric``."""

    id: str
    title: str
    question: str
    minutes: int
    marks: int
    levels: tuple[Level, ...]
    points: tuple[Point, ...]
    source: str = ""
    topic: str = ""
    extra: tuple[tuple[str, Any], ...] = field(default=(), compare=False, hash=False)

    # Cached (in the instance dict, which a frozen dataclass allows): the verdicts ask for
    # these several times per essay.
    @cached_property
    def sides(self) -> tuple[str, ...]:
        """The sides this rubric uses, in canonical order."""
        present = {p.side for p in self.points}
        return tuple(s for s in SIDES if s in present)

    @cached_property
    def evaluative(self) -> bool:
        """True when the rubric weighs a case for against a case against."""
        return "for" in self.sides and "against" in self.sides

    @property
    def aim_words(self) -> int:
        """The length of a full answer, to aim for: about twelve words a minute, 540 for a
        45-minute essay. The level rules measure development against it, and the prompt, the
        too-short check and the advice all say it, so they never disagree."""
        return self.minutes * AIM_WORDS_PER_MINUTE

    @property
    def short_words(self) -> int:
        """The too-short floor: about four words a minute, 20 for a 5-minute question and 180 for
        a 45-minute essay. The too-short flag, its level cap and the balance rule's "developed"
        all read it, so an answer is never flagged short by one and developed by another."""
        return self.minutes * SHORT_WORDS_PER_MINUTE

    def timed(self, minutes: int | None) -> Rubric:
        """This rubric for answers written in ``minutes`` (an assignment's own time): the length
        expected of an answer follows the time it was written in. ``None`` keeps the rubric's."""
        return self if minutes is None or minutes == self.minutes else replace(self, minutes=minutes)

    def point(self, point_id: str) -> Point:
        for p in self.points:
            if p.id == point_id:
                return p
        raise KeyError(f"rubric {self.id!r} has no point {point_id!r}; "
                       f"valid ids: {', '.join(p.id for p in self.points)}")


def point_id_problem(pid: object) -> str | None:
    """What is wrong with ``pid`` as a point's id, or None when it is a good one."""
    if isinstance(pid, str) and ID_PATTERN.match(pid) and len(pid) <= MAX_ID:
        return None
    return (f"{short(pid)} cannot be an id: use lower-case letters, digits and hyphens, at most {MAX_ID} "
            "characters, e.g. lenin-funeral")


def valid_id(value: object) -> bool:
    """A slug (``trotsky-errors``) of at most ``MAX_ID`` characters that is no device name."""
    return (isinstance(value, str) and len(value) <= MAX_ID and ID_PATTERN.match(value) is not None
            and value not in DEVICE_NAMES)


def _problem(problems: list[str], where: str, message: str) -> None:
    problems.append(f"{where}: {message}")


def _too_long(value: object, kind: str, where: str, problems: list[str]) -> bool:
    """Report text longer than ``TEXT_LIMITS[kind]``; True when it was."""
    if isinstance(value, str) and len(value) > TEXT_LIMITS[kind]:
        _problem(problems, where, f"is {len(value):,} characters long; at most {TEXT_LIMITS[kind]:,} are allowed")
        return True
    return False


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def parse_rubric(data: Any, origin: str = "rubric",
                 seed_lines: Mapping[str, Sequence[str]] | None = None) -> Rubric:
    """Validate rubric data (as parsed from YAML) and build a :class:`Rubric`.

    Parameters
    ----------
    data:
        The mapping read from a rubric file.
    origin:
        Name used in error messages (usually the file path).
    seed_lines:
        ``{file name: lines}`` of the seed notes; when given, every citation must
        name an existing file and a non-blank line in it.

    Raises
    ------
    RubricError
        Listing every problem found, each naming the field and what is allowed.
    """
    if not isinstance(data, Mapping):
        raise RubricError(f"expected a mapping of fields ({', '.join(sorted(_TOP_KEYS))}), "
                          f"got {type(data).__name__}", origin)
    problems: list[str] = []
    for key in ("id", "title", "question", "minutes", "marks", "levels", "points"):
        if key not in data or data[key] in (None, ""):
            _problem(problems, key, "is required")
    rid = data.get("id")
    if rid is not None and not valid_id(rid):
        device = " (that name is kept for a device on Windows)" if rid in DEVICE_NAMES else ""
        _problem(problems, "id", f"{short(rid)} cannot be an id{device}: use lower-case letters, digits and "
                 f"single hyphens, at most {MAX_ID} characters, e.g. trotsky-errors")
    for key in ("title", "question", "topic", "source"):
        if key in data and data[key] is not None and not isinstance(data[key], str):
            _problem(problems, key, "must be text")
        else:
            _too_long(data.get(key), key, key, problems)
    minutes, marks = _int(data.get("minutes")), _int(data.get("marks"))
    if "minutes" in data and (minutes is None or not 1 <= minutes <= MAX_MINUTES):
        _problem(problems, "minutes", f"{short(data.get('minutes'))} must be a whole number from 1 to {MAX_MINUTES}")
        minutes = None
    if "marks" in data and (marks is None or not 1 <= marks <= MAX_MARKS):
        _problem(problems, "marks", f"{short(data.get('marks'))} must be a whole number from 1 to {MAX_MARKS}")
        marks = None
    source = data.get("source")
    if source and isinstance(source, str) and seed_lines is not None and source not in seed_lines:
        _problem(problems, "source", f"{short(source)} is not a seed file; valid files: "
                 f"{', '.join(sorted(seed_lines))}")
    for key in data.keys() - _TOP_KEYS:
        # Fields of one's own are kept (an exam board, an author); one a letter or two from a
        # field of ours is a typo whose value would be lost without a word ("topc: Purges").
        close = difflib.get_close_matches(str(key), sorted(_TOP_KEYS - set(data)), n=1, cutoff=0.75)
        if close:
            _problem(problems, clip(str(key), 40), f"is not a field of a rubric; did you mean {close[0]!r}?")
    levels = _parse_levels(data.get("levels"), marks, problems)
    points = _parse_points(data.get("points"), seed_lines, problems)
    _check_readable(points, problems)
    if problems or not isinstance(rid, str) or minutes is None or marks is None:  # (each a problem above)
        raise RubricError(problems, origin)
    extra = tuple((k, v) for k, v in data.items() if k not in _TOP_KEYS)
    return Rubric(id=rid, title=data["title"].strip(), question=data["question"].strip(),
                  minutes=minutes, marks=marks, levels=levels, points=points,
                  source=data.get("source") or "", topic=(data.get("topic") or "").strip(),
                  extra=extra)


RUBRIC_ENGLISH_SHARE = 0.6  # of the points' letters in English words: rubrics in the data have 0.9 or more
COMMON_WORDS_SHARE = 0.1    # of their letters in English stop words, enough to be English at once


def _check_readable(points: Sequence[Point], problems: list[str]) -> None:
    """Each point has a word an essay can be matched on, and the points are in English: the
    engine reads answers as English (its stemmer, stop words and spelling), so a rubric in
    another language would mark every answer wrongly."""
    for i, point in enumerate(points):
        if point.text.strip() and not matchable(point.text, *point.aliases):  # (an empty text is said so already)
            _problem(problems, f"points[{i}].text", "has no word an essay could be matched on (only words as "
                     "common as 'the' and 'it', or none in the Latin alphabet): say what the point is")
    if not points or problems:
        return
    from .lexicon import SKLEARN_STOP_WORDS
    from .spelling import english_share

    text = " ".join(t for p in points for t in (p.text, *p.aliases))
    # English's commonest words make up a seventh or more of an English rubric's letters (a
    # twentieth of French or Spanish, none of German): the dictionary is read only when they do not.
    if english_share(text, SKLEARN_STOP_WORDS, dictionary=False)[0] >= COMMON_WORDS_SHARE:
        return
    share, _ = english_share(text)
    if share < RUBRIC_ENGLISH_SHARE:
        _problem(problems, "points", f"are mostly not English words ({share:.0%} of their letters): essaycoach "
                 "reads answers in English and matches them to points in English; write the points in English")


def matchable(*texts: str) -> bool:
    """Whether any of ``texts`` has a word the engine matches essays on (not a stop word): a
    point's text and aliases, or a wording about to become an alias."""
    from .analyze import STOP_WORDS, tokenize  # the analyzer's own rule; loaded only to validate

    return any(t not in STOP_WORDS for text in texts for t in tokenize(text))


def _parse_levels(raw: Any, marks: int | None, problems: list[str]) -> tuple[Level, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list) or not raw:
        _problem(problems, "levels", "must be a non-empty list of {level, marks: [low, high], descriptor}")
        return ()
    if len(raw) > MAX_LEVELS:
        _problem(problems, "levels", f"has {len(raw):,} levels; at most {MAX_LEVELS} are allowed")
        return ()
    levels: list[Level] = []
    for i, item in enumerate(raw):
        where = f"levels[{i}]"
        if not isinstance(item, Mapping):
            _problem(problems, where, "must be a mapping with level, marks and descriptor")
            continue
        number, rng = _int(item.get("level")), item.get("marks")
        if number is None or number != i + 1:
            _problem(problems, f"{where}.level", f"{short(item.get('level'))} should be {i + 1}: "
                     "levels are numbered 1, 2, 3... lowest first")
        pair = rng if isinstance(rng, list) and len(rng) == 2 and all(_int(v) is not None for v in rng) else None
        if pair is None or pair[0] > pair[1]:
            _problem(problems, f"{where}.marks", f"run from {pair[0]} down to {pair[1]}: a level's marks go up, "
                     "from its lowest mark to its highest" if pair else
                     f"{short(rng)} must be [low, high]: two whole numbers, low ≤ high")
            continue
        if not isinstance(item.get("descriptor"), str) or not item["descriptor"].strip():
            _problem(problems, f"{where}.descriptor", "is empty: describe what an answer at this level does")
        else:
            _too_long(item["descriptor"], "descriptor", f"{where}.descriptor", problems)
        levels.append(Level(number or i + 1, pair[0], pair[1], str(item.get("descriptor") or "").strip()))
    if levels and len(levels) == len(raw):
        # Ranges that would fit in another order were typed against the wrong levels: say so.
        ordered = sorted(levels, key=lambda lv: lv.low)
        swapped = ordered != levels and all(a.high + 1 == b.low for a, b in itertools.pairwise(ordered))
        if swapped:
            ranges = ", ".join(f"level {lv.level} has {lv.low}-{lv.high}" for lv in levels)
            _problem(problems, "levels", f"the mark ranges are in the wrong order ({ranges}): level 1 takes the "
                     "lowest marks, so swap them")
        else:
            expected = 1
            for lv in levels:
                if lv.low != expected:
                    _problem(problems, f"levels[{lv.level - 1}].marks", f"starts at {lv.low} but should start at "
                             f"{expected}: ranges must be contiguous from 1 with no gaps or overlaps")
                expected = lv.high + 1
        top: int | None = max(lv.high for lv in levels) if swapped else levels[-1].high
    else:  # a band is unreadable: the top can still be checked when it is not that band
        top = levels[-1].high if levels and levels[-1].level == len(raw) else None
    if marks is not None and top is not None and top != marks:
        _problem(problems, "levels", f"the top level ends at {top} but the rubric is out of {marks} marks: "
                 "the top level's range must end at the total")
    return tuple(levels)


def _parse_points(raw: Any, seed_lines: Mapping[str, Sequence[str]] | None,
                  problems: list[str]) -> tuple[Point, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list) or not raw:
        _problem(problems, "points", "needs at least one point (a list of points with id, side and text)")
        return ()
    if len(raw) > MAX_POINTS:
        _problem(problems, "points", f"has {len(raw):,} points; at most {MAX_POINTS} are allowed "
                 "(split the question into several rubrics)")
        return ()
    points: list[Point] = []
    # Where each id stands, to name a duplicate on every point that has it: the one the teacher
    # just changed as well as the one that had it first.
    holders: dict[str, list[int]] = {}
    for i, item in enumerate(raw):
        if isinstance(item, Mapping) and isinstance(item.get("id"), str):
            holders.setdefault(item["id"], []).append(i)
    for i, item in enumerate(raw):
        where = f"points[{i}]"
        if not isinstance(item, Mapping):
            _problem(problems, where, "must be a mapping with id, side and text")
            continue
        unknown = set(item) - _POINT_KEYS
        if unknown:
            _problem(problems, where, f"unknown field(s) {clip(', '.join(sorted(map(str, unknown))))}; "
                     f"allowed: {', '.join(sorted(_POINT_KEYS))}")
        pid = item.get("id")
        bad_id = point_id_problem(pid)
        if bad_id is not None:
            _problem(problems, f"{where}.id", bad_id)
        elif isinstance(pid, str) and len(holders[pid]) > 1:
            others = " and ".join(f"points[{j}]" for j in holders[pid] if j != i)
            _problem(problems, f"{where}.id", f"duplicate point id {short(pid)}, also the id of {others}; "
                     "point ids must be unique")
        side = item.get("side")
        if not (isinstance(side, str) and side in SIDES):
            _problem(problems, f"{where}.side", f"{short(side)} is not allowed; use one of {', '.join(SIDES)}")
        text = item.get("text")
        if not isinstance(text, str) or not text.strip():
            _problem(problems, f"{where}.text", "is empty: write what the point says, in a sentence")
        elif _too_long(text, "text", f"{where}.text", problems):
            text = ""
        aliases = _parse_aliases(item.get("aliases") or [], f"{where}.aliases", problems)
        weight = item.get("weight", 1.0)
        if isinstance(weight, bool) or not isinstance(weight, (int, float)) or not 0 < weight <= 10:
            shown = int(weight) if isinstance(weight, float) and weight.is_integer() else weight  # "0", not "0.0"
            _problem(problems, f"{where}.weight", f"{short(shown)} must be a number above 0 and at most 10")
            weight = 1.0
        citation = _parse_citation(item.get("source"), f"{where}.source", seed_lines, problems)
        points.append(Point(str(pid), str(side), str(text or "").strip(),
                            tuple(a.strip() for a in aliases), float(weight), citation))
    return tuple(points)


def _parse_aliases(raw: Any, where: str, problems: list[str]) -> list[str]:
    if not isinstance(raw, list) or not all(isinstance(a, str) and a.strip() for a in raw):
        _problem(problems, where, "must be a list of non-empty phrases")
        return []
    if len(raw) > MAX_ALIASES:
        _problem(problems, where, f"has {len(raw):,} phrases; at most {MAX_ALIASES} are allowed")
        return []
    limit = TEXT_LIMITS["alias"]
    long = [(n, a) for n, a in enumerate(raw, 1) if len(a) > limit]
    for n, alias in long:  # which alias: the editor shows them all in one field, split at ";"
        _problem(problems, where, f"alias {n} (\u201c{clip(alias, 40)}\u201d) is {len(alias):,} characters long; "
                 f"at most {limit:,} are allowed (separate aliases with ';')")
    return [] if long else raw


def _parse_citation(raw: Any, where: str, seed_lines: Mapping[str, Sequence[str]] | None,
                    problems: list[str]) -> Citation | None:
    if raw is None:
        return None
    if not isinstance(raw, Mapping) or not isinstance(raw.get("file"), str) or _int(raw.get("line")) is None:
        _problem(problems, where, "must be {file: <seed file name>, line: <line number>}")
        return None
    if _too_long(raw["file"], "file", f"{where}.file", problems):
        return None
    if not 1 <= raw["line"] <= MAX_LINE:
        _problem(problems, f"{where}.line", f"{short(raw['line'])} must be a line number from 1 to {MAX_LINE:,}")
        return None
    cite = Citation(raw["file"], raw["line"])
    if seed_lines is not None:
        if cite.file not in seed_lines:
            _problem(problems, f"{where}.file", f"{short(cite.file)} is not a seed file; valid files: "
                     f"{', '.join(sorted(seed_lines))}")
        else:
            lines = seed_lines[cite.file]
            if not 1 <= cite.line <= len(lines):
                _problem(problems, f"{where}.line", f"{cite.line} is outside {cite.file} "
                         f"(lines 1-{len(lines)})")
            elif not lines[cite.line - 1].strip():
                _problem(problems, f"{where}.line", f"line {cite.line} of {cite.file} is blank")
    return cite


def rubric_to_dict(rubric: Rubric) -> dict[str, Any]:
    """The rubric as plain data in file order, ready for YAML; inverse of :func:`parse_rubric`."""
    out: dict[str, Any] = {"id": rubric.id, "title": rubric.title}
    if rubric.topic:
        out["topic"] = rubric.topic
    out["question"] = rubric.question
    if rubric.source:
        out["source"] = rubric.source
    out.update(minutes=rubric.minutes, marks=rubric.marks)
    out["levels"] = [{"level": lv.level, "marks": [lv.low, lv.high], "descriptor": lv.descriptor}
                     for lv in rubric.levels]
    points = []
    for p in rubric.points:
        item: dict[str, Any] = {"id": p.id, "side": p.side, "text": p.text}
        if p.aliases:
            item["aliases"] = list(p.aliases)
        if p.weight != 1.0:
            item["weight"] = p.weight
        if p.source:
            item["source"] = {"file": p.source.file, "line": p.source.line}
        points.append(item)
    out["points"] = points
    out.update(dict(rubric.extra))
    return out
