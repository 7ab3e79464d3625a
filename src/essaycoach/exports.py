"""Downloads for a marked class set: the marks table (CSV, Excel) and per-student feedback (zip).

Pure functions returning text or bytes. The teacher's overrides appear beside the engine's
verdicts, never instead of them: the engine's mark and the teacher's mark each have a column,
and a point's column says when its status is the teacher's. Text cells that a spreadsheet
would run as a formula (``=``, ``+``, ``-``, ``@`` first) are written with a leading ``'``.
"""
from __future__ import annotations

import csv
import html
import io
import re
import unicodedata
import zipfile
from collections.abc import Collection, Mapping, Sequence

from .batch import BatchRow, distinct_names
from .engine import MAX_ESSAY_CHARS, clip_essay
from .inputs import EMPTY_ESSAY, skipped
from .marking import Comment, final_level, final_mark, level_for_mark, standing_report, standing_status
from .markup import counted, without_bidi_controls
from .overrides import MARK, Override
from .report import (
    NONE_IN_NOTES,
    STATUS,
    PointResult,
    Report,
    has_sides,
    level_name,
    notes_cover_none,
    passing_note,
    side_name,
)
from .rubric import Rubric

Overrides = Mapping[int, Mapping[str, Override]]
Comments = Mapping[int, Sequence[Comment]]
STATUS_TEXT = {name: s.label for name, s in STATUS.items()}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Characters XML 1.0 (so .xlsx) cannot hold: control characters other than tab and line breaks
# (a vertical tab pasted from Word once made the Excel export fail), and the two non-characters.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)),
                     *(f"lpt{i}" for i in range(1, 10))}


def marks_records(rows: Sequence[BatchRow], rubric: Rubric, overridden: Overrides | None = None,
                  reviewed: Collection[int] = (), comments: Comments | None = None) -> list[dict[str, object]]:
    """The marks table, one record per essay in upload order (``rows`` index = essay row).

    The engine's mark, the teacher's mark and the mark that stands (``final_mark``) side by
    side, the engine's level and the level the final mark falls in (``final_level``; ``None`` for
    no level, as for an off-topic essay or a mark under the lowest band, and for an essay not marked), the
    reasons, which verdicts are borderline and not yet ruled on (``check_this``), whether the teacher has reviewed
    the essay, the comments picked for it, then one column per point holding the status that
    stands, followed by "(teacher)" when it is the teacher's."""
    overridden = overridden or {}
    comments = comments or {}
    out = []
    labels = distinct_names([row.student for row in rows])  # as the marking screen names them
    for i, row in enumerate(rows):
        rep, mine = row.report, overridden.get(i, {})
        standing = standing_report(rubric, rep, mine) if rep else None  # coverage and balance after the marking
        teacher_mark = int(mine[MARK].value) if MARK in mine else None
        record: dict[str, object] = {
            "student": labels[i],
            "source": row.origin,
            "words": rep.words if rep else None,
            "engine_mark": rep.mark if rep else None,
            "teacher_mark": teacher_mark,
            "final_mark": final_mark(rep, teacher_mark),
            "max_mark": rep.max_mark if rep else rubric.marks,
            # No level is a blank, never 0 (levels start at 1): a spreadsheet's average skips it.
            "level": (rep.level or None) if rep else None,
            # A teacher's mark stands, and places the essay in a level, even where the engine could not mark it.
            "final_level": final_level(rubric, rep, teacher_mark) or None,
            "coverage": round(standing.coverage, 3) if standing else None,
            "balance": standing.balance if standing else "",
            "judgement": rep.judgement if rep else "",
            "warnings": "; ".join(w.code for w in rep.warnings) if rep else "",
            # What is still to check: none once reviewed, never a point the teacher has ruled on.
            "check_this": ", ".join(p.id for p in rep.points if p.borderline and p.id not in mine)
            if rep and i not in reviewed else "",
            "reviewed": "yes" if i in reviewed else "",
            "mark_reason": mine[MARK].reason if MARK in mine else "",
            "point_overrides": "; ".join(f"{t}: {_engine_status(rep, t)} → {o.value} ({o.reason})"
                                         for t, o in mine.items() if t != MARK),
            "comments": comments_text(comments.get(i, ())),
            "error": row.error or "",
        }
        stands = {p.id: standing_status(p, mine) + (" (teacher)" if p.id in mine else "")
                  for p in rep.points} if rep else {}
        for point in rubric.points:
            record[point.id] = stands.get(point.id, "")
        out.append(record)
    return out


def comments_text(picked: Sequence[Comment]) -> str:
    """The comments picked for an essay as one cell: general ones first, then by point."""
    return "; ".join(f"{c.point}: {c.text}" if c.point else c.text
                     for c in sorted(picked, key=lambda c: c.point is not None))


def _engine_status(report: Report | None, point_id: str) -> str:
    found = next((p.status for p in report.points if p.id == point_id), None) if report else None
    return found or "?"


def _cell(value: object) -> object:
    """A value a spreadsheet shows as written: text that would start a formula gets a ``'``, and
    text loses the characters that would turn the direction of the rest of its row."""
    if not isinstance(value, str):
        return value
    value = without_bidi_controls(value)
    return "'" + value if value.startswith(_FORMULA_START) else value


def _safe_records(records: list[dict[str, object]]) -> list[dict[str, object]]:
    return [{k: _cell(v) for k, v in r.items()} for r in records]


def _xml_safe(value: object) -> object:
    """Text an .xlsx can hold: each character XML forbids becomes a space."""
    return _NOT_XML.sub(" ", value) if isinstance(value, str) else value


def _excel_records(records: list[dict[str, object]]) -> list[dict[str, object]]:
    return [{k: _xml_safe(v) for k, v in r.items()} for r in _safe_records(records)]


def marks_csv(rows: Sequence[BatchRow], rubric: Rubric, overridden: Overrides | None = None,
              reviewed: Collection[int] = (), comments: Comments | None = None) -> str:
    """The marks table as CSV text (UTF-8; a header row, then one row per essay)."""
    records = _safe_records(marks_records(rows, rubric, overridden, reviewed, comments))
    buf = io.StringIO()
    fields = list(records[0]) if records else ["student"]
    writer = csv.DictWriter(buf, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(records)
    return buf.getvalue()


def marks_excel(rows: Sequence[BatchRow], rubric: Rubric, overridden: Overrides | None = None,
                reviewed: Collection[int] = (), comments: Comments | None = None) -> bytes:
    """The marks table as an .xlsx workbook (pandas and openpyxl): sheet "marks" with the
    header frozen and filters on, and sheet "points" saying what each point column means and
    how the class did on it (the verdicts as they stand after the teacher's marking)."""
    import pandas as pd

    marks = pd.DataFrame(_excel_records(marks_records(rows, rubric, overridden, reviewed, comments)))
    counts = _standing_counts(rows, rubric, overridden or {})
    points = pd.DataFrame(_excel_records([
        {"point": p.id, "side": p.side, "weight": p.weight, "what the point says": p.text, **counts[p.id]}
        for p in rubric.points]))
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        for name, frame in (("marks", marks), ("points", points)):
            frame.to_excel(writer, sheet_name=name, index=False)
            sheet = writer.sheets[name]
            sheet.freeze_panes = "B2"
            sheet.auto_filter.ref = sheet.dimensions
            for column in sheet.columns:
                width = max(len(str(c.value or "")) for c in column[:50])
                sheet.column_dimensions[column[0].column_letter].width = min(60, max(8, width + 2))
    return buf.getvalue()


def _standing_counts(rows: Sequence[BatchRow], rubric: Rubric, overridden: Overrides) -> dict[str, dict[str, int]]:
    """Per point, how many marked essays stand at each status after the teacher's marking."""
    counts = {p.id: dict.fromkeys(("covered", "partial", "missing"), 0) for p in rubric.points}
    for i, row in enumerate(rows):
        for p in row.report.points if row.report else ():
            if p.id in counts:
                counts[p.id][standing_status(p, overridden.get(i, {}))] += 1
    return counts


def _escape(text: object) -> str:
    """User text as HTML for a feedback page: tags escaped, no direction overrides."""
    return html.escape(without_bidi_controls(text))


def _point_html(p: PointResult, mine: Mapping[str, Override], sides: Collection[str],
                picked: Sequence[Comment] = (), once: bool = False) -> str:
    """One point as the student's page lists it; ``once``: the page has said above the points
    that the notes cover none of them (:func:`report.notes_cover_none`)."""
    esc = _escape
    status = standing_status(p, mine)
    side = f" <small>({esc(side_name(p.side, sides))})</small>" if has_sides(sides) else ""
    parts = [f"<b>{STATUS_TEXT[status]}</b>{side} {esc(p.text)}"]
    if p.id in mine:
        parts.append(f"<b>Your teacher's verdict:</b> {STATUS_TEXT[status]} — {esc(mine[p.id].reason)}")
    # The sentence behind the verdict that stands: the teacher's pick, else the engine's; none
    # under a point the teacher marked missing (the engine's sentence did not make it).
    sentence = (mine[p.id].sentence if p.id in mine else None) or p.sentence
    if sentence and status != "missing":
        parts.append(f"<i>Your essay:</i> “{esc(sentence)}”")
    if status == "partial" and p.why:
        parts.append(f"<i>Only partly:</i> {esc(p.why)}")
    if status != "covered" and p.where_to_read is None:
        parts.append(f"<b>Read this</b> ({esc(p.source_label)}): <q>{esc(p.evidence or '')}</q>")
    elif status != "covered" and not once:
        parts.append(f"<b>Read this</b>: {esc(p.where_to_read)}.")
    parts += [f"<b>Your teacher:</b> {esc(c.text)}" for c in picked if c.point == p.id]
    return f'<li class="{status}">' + "<br>".join(parts) + "</li>"


_STYLE = ("body{font-family:system-ui,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem;"
          "line-height:1.5;color:#111}li{margin:.6rem 0;padding-left:.5rem;border-left:4px solid #999}"
          "li.covered{border-color:#2e7d32}li.partial{border-color:#f0a500}.essay{white-space:pre-wrap;"
          "border:1px solid #ccc;padding:.75rem}")


def _comments_html(general: Sequence[Comment]) -> str:
    """The teacher's general comments (not on one point), or nothing."""
    if not general:
        return ""
    return ("<h2>Your teacher's comments</h2><ul class=\"comments\">"
            + "".join(f"<li>{_escape(c.text)}</li>" for c in general) + "</ul>")


def unread_in_class_file(origin: str, error: str | None) -> bool:
    """Whether an essay could not be read from the teacher's class file (a CSV row, ``origin``
    "file.csv:4", with a problem other than being empty): the file's fault, not the student's."""
    return bool(error) and error != EMPTY_ESSAY and re.search(r":\d+$", origin) is not None


def feedback_html(report: Report | None, essay: str, rubric: Rubric, mine: Mapping[str, Override] | None = None,
                  student: str | None = None, error: str | None = None, comments: Sequence[Comment] = (),
                  unread: bool = False) -> str:
    """One student's feedback as a standalone HTML page; every piece of text is escaped.

    The mark and level, warnings, the points made, partly made and missing (with the
    sentence that made them and what to read, file:line), the teacher's verdicts beside the
    engine's, the comments the teacher picked (general ones at the top, a point's with that point),
    and the essay. An essay that could not be marked gets a page saying why; one that could not be
    read from the teacher's class file (``unread``) says the teacher will look at it, not the file's
    technical problem, and not "hand it in again"."""
    mine = mine or {}
    esc = _escape
    name = student or (report.student if report else "") or "Essay"
    parts = [f"<h1>Feedback: {esc(name)}</h1>", f"<p><b>{esc(rubric.title)}</b><br>{esc(rubric.question)}</p>"]
    general = [c for c in comments if c.point is None]
    if report is None and MARK in mine:
        # The teacher marked it themselves ("absent", 0): their mark stands, not "hand it in again".
        final = level_for_mark(rubric, int(mine[MARK].value))
        parts.append(f"<p><b>Your teacher's mark:</b> {esc(mine[MARK].value)}/{rubric.marks} ({level_name(final)})"
                     f" — {esc(mine[MARK].reason)}</p>")
        parts.append(_comments_html(general))
    elif report is None and unread:
        parts.append("<p><b>Your essay could not be read from the class file your teacher uploaded</b>, so it "
                     "has not been marked yet: your teacher will look at it.</p>")
    elif report is None and (error or EMPTY_ESSAY).endswith(EMPTY_ESSAY):
        parts.append("<p><b>Your essay could not be marked:</b> the file you handed in was empty. "
                     "Please hand it in again with your answer in it.</p>")
    elif report is None:
        parts.append(f"<p><b>Your essay could not be marked:</b> {esc(error)}. "
                     "Please save it again and hand it in as a plain-text (.txt) or Word (.docx) file.</p>")
    else:
        line = f"<b>Estimated mark:</b> {report.mark}/{report.max_mark} ({level_name(report.level)})"
        if MARK in mine:
            final = level_for_mark(rubric, int(mine[MARK].value))
            line = (f"<b>Your teacher's mark:</b> {esc(mine[MARK].value)}/{report.max_mark} "
                    f"({level_name(final)}) — "
                    f"{esc(mine[MARK].reason)}")  # the teacher's mark stands alone: no machine estimate beside it
        marked = standing_report(rubric, report, mine)  # as the teacher's verdicts on its points leave it
        parts.append(f"<p>{line}<br><b>Points covered:</b> {marked.coverage:.0%} · "
                     f"{counted(report.words, 'word')} · <b>Balance:</b> {esc(marked.balance)} · "
                     f"<b>Judgement:</b> {esc(report.judgement)}</p>")
        passing = passing_note(marked)
        if passing:
            parts.append(f"<p>{esc(passing)}</p>")
        if report.next_steps and MARK not in mine:  # advice on the engine's level, not the teacher's mark
            parts.append("<h2>To reach a higher level</h2><ul>"
                         + "".join(f"<li>{esc(step)}</li>" for step in report.next_steps) + "</ul>")
        parts.append(_comments_html(general))
        parts += [f"<p role=\"note\"><b>⚠ {esc(w.title)}:</b> {esc(w.message)}</p>" for w in report.warnings]
        standing = {p.id: standing_status(p, mine) for p in report.points}
        once = notes_cover_none(report.points)
        if once and any(s != "covered" for s in standing.values()):
            parts.append(f"<p><i>{esc(NONE_IN_NOTES)}</i></p>")
        for status, heading in (("covered", "Points you made"), ("partial", "Points you partly made"),
                                ("missing", "Points missing")):
            chosen = [p for p in report.points if standing[p.id] == status]
            if chosen:
                parts.append(f"<h2>{heading} ({len(chosen)})</h2><ul>"
                             + "".join(_point_html(p, mine, rubric.sides, comments, once) for p in chosen) + "</ul>")
    # Only what was marked: a 3 MB upload made a 3 MB page of text nobody marked (a walk finding).
    unreadable = report is None and error != EMPTY_ESSAY
    blank = "<i>(not shown: it could not be read)</i>" if unreadable else "<i>(empty)</i>"
    shown_text, cut = clip_essay(essay)
    shown = f'<div class="essay">{esc(shown_text) or blank}</div>'
    if cut:
        shown += (f"<p><i>Only the first {MAX_ESSAY_CHARS:,} characters were marked; the other "
                  f"{len(essay) - len(shown_text):,} are not shown.</i></p>")
    parts.append(f"<h2>Your essay</h2>{shown}")
    title = esc(f"Feedback: {name} — {rubric.title}")
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
            f"<style>{_STYLE}</style></head><body>{''.join(parts)}</body></html>")


def feedback_zip(rows: Sequence[BatchRow], texts: Sequence[str], rubric: Rubric,
                 overridden: Overrides | None = None, names: Sequence[str] | None = None,
                 comments: Comments | None = None) -> bytes:
    """One HTML feedback page per essay (``names`` label them; default the student names),
    zipped. File names are safe on every system and unique even for duplicate names."""
    overridden = overridden or {}
    comments = comments or {}
    names = list(names) if names is not None else [r.student for r in rows]
    buf = io.BytesIO()
    used: set[str] = set()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for i, (row, text, name) in enumerate(zip(rows, texts, names)):
            if skipped(row.error):
                continue   # a photo in the class's zip: no student's page (a walk handed out "photo.html")
            page = feedback_html(row.report, text, rubric, overridden.get(i), name, row.error, comments.get(i, ()),
                                 unread_in_class_file(row.origin, row.error))
            zf.writestr(file_name(name or f"essay {i + 1}", used), page)
    return buf.getvalue()


_TAG = re.compile(r"</?[A-Za-z][^<>]*>")  # markup typed into a name: no part of the name


def file_name(student: str, used: set[str], suffix: str = ".html") -> str:
    """A file name for a student: letters, digits and dashes only, markup tags left out (accents dropped, e.g. "Zoë"
    gives "Zoe"; a name in another script keeps its letters), never a reserved device name, at
    most 60 characters, and not in ``used`` (compared ignoring case; the new name is added)."""
    student = _TAG.sub(" ", student)  # "<b>Zoë</b>" had given "b-Zoe-b.html"
    ascii_name = unicodedata.normalize("NFKD", student).encode("ascii", "ignore").decode()
    stem = re.sub(r"[^A-Za-z0-9]+", "-", ascii_name).strip("-")[:60].strip("-")
    if not stem:
        stem = re.sub(r"[\W_]+", "-", unicodedata.normalize("NFC", student)).strip("-")[:60].strip("-") or "student"
    if stem.lower() in _WINDOWS_RESERVED:
        stem = f"student-{stem}"
    name, n = f"{stem}{suffix}", 2
    while name.lower() in used:
        name, n = f"{stem}-{n}{suffix}", n + 1
    used.add(name.lower())
    return name
