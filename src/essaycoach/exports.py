"""Downloads for a marked class set: the marks table (CSV, Excel) and per-student feedback (zip).

Pure functions returning text or bytes; the teacher's overrides appear beside the engine's
verdicts, never instead of them.
"""
from __future__ import annotations

import csv
import html
import io
import re
import zipfile
from collections.abc import Mapping, Sequence

from .batch import BatchRow, table_rows
from .classes import MARK, Override
from .report import Report
from .rubric import Rubric

Overrides = Mapping[int, Mapping[str, Override]]
_ICON = {"covered": "✔ covered", "partial": "◐ partial", "missing": "✘ missing"}


def marks_records(rows: Sequence[BatchRow], rubric: Rubric, overridden: Overrides | None = None) -> list[dict]:
    """The marks table with the teacher's mark and reasons beside the engine's, then one column
    per point holding the status that stands (the teacher's where overridden, marked ``*``)."""
    overridden = overridden or {}
    out = []
    for i, (record, row) in enumerate(zip(table_rows(rows), rows)):
        mine = overridden.get(i, {})
        record["teacher_mark"] = int(mine[MARK].value) if MARK in mine else None
        record["final_mark"] = record["teacher_mark"] if MARK in mine else record["mark"]
        record["overrides"] = "; ".join(
            f"{o.target}: {o.value} ({o.reason})" for o in mine.values())
        record["check"] = (", ".join(p.id for p in row.report.points if p.borderline)
                           if row.report else "")
        for j, point in enumerate(rubric.points):
            if point.id in mine:
                record[point.id] = f"{mine[point.id].value}*"
            else:
                record[point.id] = row.report.points[j].status if row.report else ""
        out.append(record)
    return out


def marks_csv(rows: Sequence[BatchRow], rubric: Rubric, overridden: Overrides | None = None) -> str:
    records = marks_records(rows, rubric, overridden)
    buf = io.StringIO()
    if records:
        writer = csv.DictWriter(buf, fieldnames=list(records[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(records)
    return buf.getvalue()


def marks_excel(rows: Sequence[BatchRow], rubric: Rubric, overridden: Overrides | None = None) -> bytes:
    """The marks table as an .xlsx workbook (sheet "marks"), via pandas and openpyxl."""
    import pandas as pd

    buf = io.BytesIO()
    frame = pd.DataFrame(marks_records(rows, rubric, overridden))
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        frame.to_excel(writer, sheet_name="marks", index=False)
    return buf.getvalue()


def feedback_html(report: Report, essay: str, rubric: Rubric, mine: Mapping[str, Override] | None = None) -> str:
    """One student's feedback as a standalone HTML page; every piece of text is escaped."""
    mine = mine or {}
    esc = html.escape
    mark = f"{report.mark}/{report.max_mark} (level {report.level})"
    if MARK in mine:
        mark += f" — teacher's mark: {esc(mine[MARK].value)} ({esc(mine[MARK].reason)})"
    parts = [f"<h1>{esc(report.student or 'Essay')}</h1>",
             f"<p><b>Question:</b> {esc(rubric.question)}</p>",
             f"<p><b>Estimated mark:</b> {mark} · coverage {report.coverage:.0%} · {report.words} words · "
             f"balance: {esc(report.balance)} · judgement: {esc(report.judgement)}</p>"]
    parts += [f"<p><b>Warning:</b> {esc(w.message)}</p>" for w in report.warnings]
    parts.append("<h2>Points</h2><ul>")
    for p in report.points:
        line = f"<li><b>{_ICON[p.status]}</b> ({esc(p.side)}) {esc(p.text)}"
        if p.id in mine:
            line += f" — <b>teacher: {esc(mine[p.id].value)}</b> ({esc(mine[p.id].reason)})"
        if p.sentence and p.status != "missing":
            line += f"<br><i>Your essay:</i> “{esc(p.sentence)}”"
        if p.status != "covered" and p.citation:
            line += f"<br><b>Read this</b> ({esc(p.citation)}): “{esc(p.evidence or '')}”"
        parts.append(line + "</li>")
    parts.append("</ul><h2>Your essay</h2>")
    parts += [f"<p>{esc(para)}</p>" for para in essay.split("\n\n") if para.strip()]
    title = esc(f"Feedback: {report.student or 'essay'} — {rubric.title}")
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title></head>'
            f"<body>{''.join(parts)}</body></html>")


def feedback_zip(rows: Sequence[BatchRow], texts: Sequence[str], rubric: Rubric,
                 overridden: Overrides | None = None) -> bytes:
    """One HTML feedback file per marked student, zipped; names are safe and unique."""
    overridden = overridden or {}
    buf = io.BytesIO()
    used: set[str] = set()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for i, (row, text) in enumerate(zip(rows, texts)):
            if row.report is None:
                continue
            name = _file_name(row.student or f"essay {i + 1}", used)
            zf.writestr(name, feedback_html(row.report, text, rubric, overridden.get(i)))
    return buf.getvalue()


def _file_name(student: str, used: set[str]) -> str:
    stem = re.sub(r"[^A-Za-z0-9]+", "-", student).strip("-")[:60] or "student"
    name, n = f"{stem}.html", 2
    while name.lower() in used:
        name, n = f"{stem}-{n}.html", n + 1
    used.add(name.lower())
    return name
