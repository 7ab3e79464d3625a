"""Pure helpers for the rubric editor: a blank rubric, points to and from CSV, new point ids,
and validation problems grouped by the field they belong to.

The editor's working copy is plain rubric data (``rubric_to_dict`` form); ``parse_rubric``
turns it into a :class:`Rubric` or lists every problem.
"""
from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from typing import Any

from .errors import RubricError
from .rubric import SIDES

POINT_COLUMNS = ("id", "side", "text", "aliases", "weight", "file", "line")
_WHERE = re.compile(r"^(points\[\d+\]|levels\[\d+\]|[a-z_]+)")

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
    return {"id": rubric_id, "title": question[:80] or "New prompt", "topic": "", "question": question,
            "source": source, "minutes": 45, "marks": 25,
            "levels": [{"level": n, "marks": [lo, hi], "descriptor": d} for n, lo, hi, d in DEFAULT_LEVELS],
            "points": []}


def problems_by_field(problems: Iterable[str]) -> dict[str, list[str]]:
    """``{"question": [...], "points[2]": [...], "levels[0]": [...], "levels": [...]}``: each
    problem under the field (or the point or level) it names, message without the path."""
    out: dict[str, list[str]] = {}
    for problem in problems:
        m = _WHERE.match(problem)
        key = m.group(1) if m else "rubric"
        out.setdefault(key, []).append(problem)
    return out


def point_id(text: str, taken: Iterable[str]) -> str:
    """A new, unused point id from the first words of ``text`` (``lenin-testament``, ``-2``...)."""
    words = re.findall(r"[a-z0-9]+", text.lower())[:4]
    stem = "-".join(words)[:40].strip("-") or "point"
    used = set(taken)
    candidate, n = stem, 2
    while candidate in used:
        candidate, n = f"{stem}-{n}", n + 1
    return candidate


def points_to_csv(points: Sequence[dict[str, Any]]) -> str:
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


def points_from_csv(text: str, origin: str = "points CSV") -> list[dict[str, Any]]:
    """Points from :func:`points_to_csv` text. Wrong columns or values raise ``RubricError``
    naming the row and column; the points still go through ``parse_rubric`` before saving."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    columns = [c.strip().lower() for c in reader.fieldnames or []]
    missing = [c for c in ("id", "side", "text") if c not in columns]
    if missing:
        raise RubricError(f"needs the columns {', '.join(POINT_COLUMNS)} (at least id, side, text); "
                          f"missing {', '.join(missing)}; columns found: {', '.join(columns) or 'none'}", origin)
    problems, points = [], []
    for n, raw in enumerate(reader, start=2):
        row = {k.strip().lower(): (v or "").strip() for k, v in raw.items() if k}
        point: dict[str, Any] = {"id": row["id"], "side": row["side"].lower(), "text": row["text"]}
        if point["side"] not in SIDES:
            problems.append(f"row {n}: side {row['side']!r} is not one of {', '.join(SIDES)}")
        if row.get("aliases"):
            point["aliases"] = [a.strip() for a in row["aliases"].split(";") if a.strip()]
        if row.get("weight"):
            try:
                point["weight"] = float(row["weight"])
            except ValueError:
                problems.append(f"row {n}: weight {row['weight']!r} is not a number")
        if row.get("file"):
            try:
                point["source"] = {"file": row["file"], "line": int(row.get("line") or "")}
            except ValueError:
                problems.append(f"row {n}: line {row.get('line')!r} is not a whole number")
        points.append(point)
    if problems:
        raise RubricError(problems, origin)
    if not points:
        raise RubricError("has a header but no points", origin)
    return points
