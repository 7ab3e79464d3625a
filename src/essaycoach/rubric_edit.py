"""Pure helpers for the rubric editor: the working copy and the :class:`Rubric` it becomes,
points to and from CSV, new ids, uploads as text, and validation problems by field.

The editor's working copy is plain rubric data (``rubric_to_dict`` form) that may be invalid
while the teacher types; keys starting with ``_`` are the editor's own (a point's widget id)
and never reach a file. ``parse_rubric`` turns the working copy into a :class:`Rubric` or
lists every problem.
"""
from __future__ import annotations

import csv
import io
import itertools
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from .documents import decode_text
from .errors import EssayInputError, RubricError, clip, short
from .loaders import MAX_RUBRIC_BYTES, parse_rubric_yaml, read_rubric_text, rubric_data
from .rubric import MAX_MARKS, MAX_MINUTES, SIDES, Rubric, parse_rubric, point_id_problem, rubric_to_dict
from .safeio import size_text

POINT_COLUMNS = ("id", "side", "text", "aliases", "weight", "file", "line")
_WHERE = re.compile(r"^(?P<key>(?P<kind>points|levels)\[(?P<n>\d+)\]|[a-z_]+)(?:\.(?P<field>[\w.]+))?:\s*")
_TEXT_FIELDS = ("id", "title", "topic", "question", "source")
_POINT_REF = re.compile(r"\bpoints\[(\d+)\]")
# The editor's names for the rubric's fields, and what to do when one is left empty.
FIELD_LABEL = {"id": "Id", "title": "Title", "question": "Question", "topic": "Topic", "source": "Source notes",
               "minutes": "Minutes", "marks": "Marks", "levels": "Levels", "points": "Points"}
# A point's and a level's fields as the editor's columns name them (not the file's keys).
_PART_LABEL = {"id": "Id", "side": "Side", "text": "Text", "aliases": "Aliases", "weight": "Weight",
               "source": "Source", "source.file": "Source file", "source.line": "Line", "marks": "Marks",
               "level": "Level", "descriptor": "Descriptor"}
_REQUIRED = {
    "id": "give the rubric an id, its file name: lower-case letters, digits and single hyphens, e.g. trotsky-errors",
    "title": "give the rubric a title, e.g. Why did Stalin win the power struggle?",
    "question": "write the question students will answer",
    "minutes": f"set the time allowed, from 1 to {MAX_MINUTES} minutes",
    "marks": f"set the maximum mark, from 1 to {MAX_MARKS}",
    "levels": "add at least one level",
    "points": "add at least one point",
}

# The usual A-Level shape, from description to a sustained, supported judgement.
DEFAULT_LEVELS = (
    (1, 1, 5, "Simple, general statements with little accurate knowledge; no real argument."),
    (2, 6, 10, "Some relevant knowledge, mostly descriptive; limited explanation of the question."),
    (3, 11, 15, "Explained points with accurate evidence; some analysis; a judgement may be asserted."),
    (4, 16, 20, "Analysis of both sides with well-chosen evidence; a judgement with some support."),
    (5, 21, 25, "A balanced, sustained argument with precise evidence and a well-supported judgement."),
)


def blank_rubric(rubric_id: str = "new-prompt", question: str = "", source: str = "") -> dict[str, Any]:
    """Rubric data for a new prompt: 45 minutes, 25 marks, five levels, no points yet."""
    # No title of its own: a placeholder shows where it goes (a teacher who clicked into a filled-in
    # "New prompt" and typed got "New promptCauses of ...").
    return {"id": rubric_id, "title": question[:80], "topic": "", "question": question,
            "source": source, "minutes": 45, "marks": 25,
            "levels": [{"level": n, "marks": [lo, hi], "descriptor": d} for n, lo, hi, d in DEFAULT_LEVELS],
            "points": []}


def fitted_levels(levels: Sequence[Mapping[str, Any]], marks: int, count: int | None = None) -> list[dict[str, Any]]:
    """``levels`` (lowest first) with their bands spread over 1 to ``marks``, each in the share of
    the old top mark it had, and each at least one mark wide: the one click that fits the levels
    after the maximum mark changed (a teacher who set Marks to 4 was left with 25-mark bands and
    no way to save). ``count`` levels at most, kept evenly from lowest to top with their
    descriptors; never more levels than marks."""
    if not levels:
        return [{"level": 1, "marks": [1, marks], "descriptor": ""}]
    n = max(1, min(len(levels), marks, count or len(levels)))
    kept = [levels[i] for i in _spread(n, len(levels))]
    tops = [_band_top(lv.get("marks")) for lv in kept]
    old_top = tops[-1] or max(filter(None, tops), default=0)
    if n < len(levels):
        # Levels left out: the old shares of those kept say nothing of the new bands (five essay
        # levels kept as three gave 6 marks 1-1, 2-4, 5-6): as even as can be, extra marks at the top.
        size, extra = divmod(marks, n)
        tops = list(itertools.accumulate(size + (i >= n - extra) for i in range(n)))
        old_top = marks
    out, low = [], 1
    for i, (lv, top) in enumerate(zip(kept, tops)):
        share = top / old_top if top and old_top else (i + 1) / n
        high = marks if i == n - 1 else min(max(low, round(share * marks)), marks - (n - 1 - i))
        out.append({"level": i + 1, "marks": [low, high], "descriptor": lv.get("descriptor", "")})
        low = high + 1
    return out


# A short answer's levels, lowest first, for a blank rubric's levels fitted to a short tariff: its
# essay descriptors ask for a judgement that a short answer is not marked on.
SHORT_DESCRIPTORS = ("Names a point or two, with little explanation.",
                     "Makes some of the points, with some explanation.",
                     "Makes the points the question asks for, each explained.")


def short_descriptors(levels: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """``levels`` (at most three) with each descriptor still the blank rubric's replaced by a
    short answer's of the same rank; a descriptor the teacher wrote is kept."""
    blank = {d for *_, d in DEFAULT_LEVELS}
    ranked = [SHORT_DESCRIPTORS[i] for i in _spread(len(levels), len(SHORT_DESCRIPTORS))]
    return [dict(lv, descriptor=plain) if lv.get("descriptor") in blank else dict(lv)
            for lv, plain in zip(levels, ranked)]


def _spread(n: int, length: int) -> list[int]:
    """``n`` indices into ``length`` items, evenly from the first to the last (the last alone
    when ``n`` is 1): the levels kept, lowest to top, when there are to be fewer of them."""
    return [round(i * (length - 1) / (n - 1)) for i in range(n)] if n > 1 else [length - 1] * n


SHORT_ANSWER_PACE = 1.25  # minutes a mark of a short answer: a mark a minute, and time to read the question


def minutes_for(marks: int, minutes: int, was_marks: int, short: bool = False) -> int:
    """The minutes a question of ``marks`` gets at the time per mark of one of ``was_marks`` in
    ``minutes`` (a 45-minute, 25-mark essay: 13 minutes for 7 marks), so a short answer is not
    held to an essay's length ("too short" under 180 words for a 4-mark answer). A ``short``
    answer's tariff, written without an essay's planning, goes at its own pace, never slower than
    the time it had: 5 minutes for 4 marks, 8 for 6 (an essay's pace offered 11 for 6, where
    exams allow 6 to 8)."""
    paced = round(minutes * marks / max(1, was_marks))
    if short:
        paced = min(paced, math.ceil(SHORT_ANSWER_PACE * marks))
    return max(1, min(MAX_MINUTES, paced))


def _band_top(value: object) -> int | None:
    """A level's top mark as the working copy holds its band ([low, high], or "1-5" typed)."""
    band = list(value) if isinstance(value, (list, tuple)) else _band(value)
    return _whole(band[-1], 0) or None if band else None


# ---- working copy <-> Rubric -------------------------------------------------------------------

_STATED_MARKS = re.compile(r"[\[(]\s*(\d{1,3})\s*marks?\s*[\])]|\b(\d{1,3})\s*marks?\s*[\])]?\s*$", re.IGNORECASE)


def stated_marks(question: str) -> int | None:
    """The marks a question names for itself ("... [4 marks]", "(6 marks)", "... 12 marks"), or
    None: exam questions carry their tariff, which a new rubric's Marks should match."""
    found = _STATED_MARKS.search(question.strip())
    if found is None:
        return None
    return int(found.group(1) or found.group(2))


def plain(draft: Mapping[str, Any]) -> dict[str, Any]:
    """The working copy as a rubric file holds it: no editor-private ``_`` keys, no empty
    optional fields (topic, source)."""
    out = {k: v for k, v in draft.items()
           if not str(k).startswith("_") and not (k in ("topic", "source") and not v)}
    out["points"] = [{k: v for k, v in p.items() if not str(k).startswith("_")} if isinstance(p, Mapping) else p
                     for p in draft.get("points") or []]
    return out


def to_rubric(draft: Mapping[str, Any], seed_lines: Mapping[str, Sequence[str]] | None = None,
              origin: str = "rubric") -> Rubric:
    """Validate the working copy and build the :class:`Rubric`; ``RubricError`` lists every
    problem (citations are checked against ``seed_lines`` when given)."""
    return parse_rubric(plain(draft), origin, seed_lines)


def _whole(value: Any, default: int) -> int:
    if isinstance(value, bool):
        return default
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and len(value) <= 12 and re.fullmatch(r"\s*-?\d+\s*", value):
        return int(value)  # a longer number is none a rubric needs (and 5,000 digits crash int())
    return default


def _number(value: Any, default: float) -> float:
    if isinstance(value, bool):
        return default
    try:
        return float(value)
    except (TypeError, ValueError):
        return default


def _text(value: Any) -> str:
    return "" if value is None else value if isinstance(value, str) else str(value)


def editable(data: Any) -> dict[str, Any]:
    """Any rubric-like data (a damaged file, an import that fails validation) in the shape the
    editor's fields need: text where text goes, whole numbers for marks, a list of levels and
    of points. Nothing valid is changed, list positions are kept (so ``points[3]`` in a problem
    still names the fourth point), and unknown top-level fields are kept as they are.

    Raises ``RubricError`` when ``data`` is not a mapping at all.
    """
    if not isinstance(data, Mapping):
        raise RubricError(f"expected a mapping of rubric fields, got {type(data).__name__}")
    out: dict[str, Any] = {k: v for k, v in data.items() if k not in ("levels", "points")}
    for key in _TEXT_FIELDS:
        out[key] = _text(data.get(key))
    out["minutes"] = _whole(data.get("minutes"), 45)
    out["marks"] = _whole(data.get("marks"), 25)
    levels = []
    raw_levels, raw_points = data.get("levels"), data.get("points")
    for i, item in enumerate(raw_levels if isinstance(raw_levels, list) else []):
        item = item if isinstance(item, Mapping) else {"descriptor": _text(item)}
        band = item.get("marks")
        rng = (list(band) if isinstance(band, list) else _band(band)) + [0, 0]
        levels.append({"level": i + 1, "marks": [_whole(rng[0], 0), _whole(rng[1], 0)],
                       "descriptor": _text(item.get("descriptor"))})
    out["levels"] = levels
    points = []
    for item in raw_points if isinstance(raw_points, list) else []:
        item = item if isinstance(item, Mapping) else {"text": _text(item)}
        point: dict[str, Any] = {"id": _text(item.get("id")), "side": _text(item.get("side") or "for").lower(),
                                 "text": _text(item.get("text"))}
        aliases = item.get("aliases")
        if aliases:  # one line of them is read as the points CSV and the editor's field write them
            point["aliases"] = [_text(a) for a in aliases] if isinstance(aliases, list) else alias_list(_text(aliases))
        if "weight" in item:
            point["weight"] = _number(item.get("weight"), 1.0)
        source = item.get("source")
        if isinstance(source, Mapping) and source.get("file"):
            point["source"] = {"file": _text(source.get("file")), "line": _whole(source.get("line"), 0)}
        points.append(point)
    out["points"] = points
    return out


def alias_list(line: str) -> list[str]:
    """A point's aliases from one line, as the editor's field and the points CSV write them: "a; b"."""
    return [a.strip() for a in line.split(";") if a.strip()]


_BAND = re.compile(r"\s*(\d+)\s*(?:-|\u2013|to)\s*(\d+)\s*")


def _band(value: object) -> list[int]:
    """A band typed as a range ("1-5", "1 to 5") as [low, high]; [] for anything else."""
    m = _BAND.fullmatch(value) if isinstance(value, str) else None
    return [int(m.group(1)), int(m.group(2))] if m else []


# ---- ids and problems ----------------------------------------------------------------------------

def point_id(text: str, taken: Iterable[str]) -> str:
    """A new, unused slug from the first words of ``text`` (``lenin-testament``, ``-2``...);
    used for point ids and for the id of a copied rubric."""
    words = re.findall(r"[a-z0-9]+", text.lower())[:4]
    stem = "-".join(words)[:40].strip("-") or "point"
    used = set(taken)
    candidate, n = stem, 2
    while candidate in used:
        candidate, n = f"{stem}-{n}", n + 1
    return candidate


def problems_by_field(problems: Iterable[str]) -> dict[str, list[str]]:
    """``{"question": [...], "points[2]": [...], "levels[0]": [...], "levels": [...]}``: each
    problem under the field (or the point or level) it names; anything else under ``rubric``."""
    out: dict[str, list[str]] = {}
    for problem in problems:
        m = _WHERE.match(problem)
        out.setdefault(m.group("key") if m else "rubric", []).append(problem)
    return out


def problem_field(problem: str) -> str | None:
    """The field of a point or level a problem names, without its sub-field: ``points[2].source.line:
    ...`` gives ``source``; ``None`` for a problem about the whole point, level or rubric."""
    m = _WHERE.match(problem)
    return m.group("field").split(".")[0] if m and m.group("kind") and m.group("field") else None


def describe_problem(problem: str, draft: Mapping[str, Any] | None = None) -> str:
    """A problem as a teacher reads it in the editor: ``points[2].text: is empty: ...`` becomes
    ``Point 3 'testament' · Text: is empty: ...``; ``levels[1].marks: ...`` becomes
    ``Level 2 · Marks: ...``; a field of the rubric goes by its label in the editor
    (``question: is required`` becomes ``Question: write the question students will answer``);
    another point named in the message is "point N" as the editor numbers them."""
    m = _WHERE.match(problem)
    if not m:
        return problem
    rest = _POINT_REF.sub(lambda ref: f"point {int(ref.group(1)) + 1}", problem[m.end():])
    if not m.group("kind"):
        label = FIELD_LABEL.get(m.group("key"))
        if label is None or m.group("field"):
            return problem
        return f"{label}: {_REQUIRED.get(m.group('key'), rest) if rest == 'is required' else rest}"
    n = int(m.group("n"))
    if m.group("kind") == "levels":
        name = f"Level {n + 1}"
    else:
        points = (draft or {}).get("points") or []
        pid = points[n].get("id") if n < len(points) and isinstance(points[n], Mapping) else None
        name = f"Point {n + 1}" + (f" '{pid}'" if pid else "")
    field = m.group("field")
    return f"{name} · {_PART_LABEL.get(field, field)}: {rest}" if field else f"{name}: {rest}"


# ---- uploads and points CSV ----------------------------------------------------------------------

def upload_text(data: bytes, origin: str, kind: str = "text") -> str:
    """An uploaded file as text (UTF-8, or Windows-1252 from older Excel and Word); a file over
    ``MAX_RUBRIC_BYTES``, a binary file or an unreadable encoding raises ``RubricError`` saying
    what to do."""
    if len(data) > MAX_RUBRIC_BYTES:
        raise RubricError(f"is {len(data) / 1e6:.1f} MB; a rubric {kind} file is at most "
                          f"{size_text(MAX_RUBRIC_BYTES)}", origin)
    try:
        return decode_text(data, origin).lstrip("\ufeff")
    except EssayInputError:
        raise RubricError(f"is not a readable text file (binary, or not UTF-8); save it as UTF-8 {kind}",
                          origin) from None


def import_yaml(text: str, origin: str) -> tuple[dict[str, Any], list[str]]:
    """Rubric YAML to import into the editor: ``(working copy, problems)``. A valid rubric comes
    back with no problems; one that parses but fails validation comes back as far as it can be
    read (see :func:`editable`) with every problem, to fix in the editor.

    Raises ``RubricError`` when there is nothing to edit: too large, a YAML error (anchors and
    aliases are refused), or not a mapping of fields."""
    try:
        return rubric_to_dict(parse_rubric_yaml(text, origin)), []
    except RubricError as exc:
        problems = exc.problems
    data = rubric_data(text, origin)  # parsed before: the size and syntax are known to be fine
    return editable(data), problems


def open_damaged(path: str | Path) -> dict[str, Any]:
    """A rubric file that fails validation, as far as it can be read, for the editor to mend;
    ``RubricError`` when it cannot be read at all (missing, binary, too large, bad YAML)."""
    path = Path(path)
    return editable(rubric_data(read_rubric_text(path), path.name))


def points_to_csv(points: Sequence[Mapping[str, Any]]) -> str:
    """Points as CSV (id, side, text, aliases separated by "; ", weight, file, line)."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=POINT_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for p in points:
        source = p.get("source") or {}
        writer.writerow({"id": p.get("id", ""), "side": p.get("side", ""), "text": p.get("text", ""),
                         "aliases": "; ".join(p.get("aliases") or []), "weight": p.get("weight", 1.0),
                         "file": source.get("file", ""), "line": source.get("line", "")})
    return buf.getvalue()


def _csv_point(row: Mapping[str, str], n: int, problems: list[str], first: dict[str, int]) -> dict[str, Any]:
    """One row as a point, its problems added to ``problems``; ``first``: the row each id was first given in."""
    point: dict[str, Any] = {"id": row["id"], "side": row["side"].lower(), "text": row["text"]}
    bad_id = point_id_problem(point["id"])
    if bad_id is not None:
        problems.append(f"row {n}: id {bad_id}" if point["id"] else f"row {n}: id is empty")
    if point["id"] and first.setdefault(point["id"], n) != n:
        problems.append(f"row {n}: id {short(point['id'])} is already the id of row {first[point['id']]}; "
                        "point ids must be unique")
    if point["side"] not in SIDES:
        problems.append(f"row {n}: side {short(row['side'])} is not one of {', '.join(SIDES)}")
    if not point["text"]:
        problems.append(f"row {n}: text is empty")
    if row.get("aliases"):
        point["aliases"] = alias_list(row["aliases"])
    if row.get("weight"):
        try:
            point["weight"] = float(row["weight"])
        except ValueError:
            problems.append(f"row {n}: weight {short(row['weight'])} is not a number")
        else:
            if not 0 < point["weight"] <= 10:
                problems.append(f"row {n}: weight {clip(row['weight'], 40)} must be above 0 and at most 10")
    if row.get("file"):
        try:
            point["source"] = {"file": row["file"], "line": int(row.get("line") or "")}
        except ValueError:
            problems.append(f"row {n}: line {short(row.get('line'))} is not a whole number")
        else:
            if point["source"]["line"] < 1:
                problems.append(f"row {n}: line {point['source']['line']} must be 1 or more")
    elif row.get("line"):
        problems.append(f"row {n}: line {short(row['line'])} is given without a file")
    return point


def points_from_csv(text: str, origin: str = "points CSV") -> list[dict[str, Any]]:
    """Points from :func:`points_to_csv` text. Wrong columns or values raise ``RubricError``
    naming the row and column; the points still go through ``parse_rubric`` before saving."""
    try:
        reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
        columns = [c.strip().lower() for c in reader.fieldnames or []]
        missing = [c for c in ("id", "side", "text") if c not in columns]
        if missing:
            raise RubricError(f"needs the columns {', '.join(POINT_COLUMNS)} (at least id, side, text); "
                              f"missing {', '.join(missing)}; columns found: {', '.join(columns) or 'none'}",
                              origin)
        problems: list[str] = []
        first: dict[str, int] = {}
        points = [_csv_point({k.strip().lower(): (v or "").strip() for k, v in raw.items() if isinstance(k, str)
                              and isinstance(v, (str, type(None)))}, n, problems, first)
                  for n, raw in enumerate(reader, start=2)]
    except csv.Error as exc:
        raise RubricError(f"is not readable CSV ({exc})", origin) from None
    if problems:
        raise RubricError(problems, origin)
    if not points:
        raise RubricError("has a header but no points", origin)
    return points
