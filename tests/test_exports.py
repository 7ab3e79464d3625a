"""Downloads of a marked class set: CSV, Excel and a zip of escaped per-student feedback."""
from __future__ import annotations

import csv
import io
import zipfile

import openpyxl
import pytest

from essaycoach import exports
from essaycoach.batch import mark_batch
from essaycoach.classes import MARK, Override
from essaycoach.inputs import EssayInput

ESSAY = ("Trotsky missed Lenin's funeral in 1924 and did not press for the publication of Lenin's "
         "Testament. However Stalin as General Secretary controlled appointments. In conclusion Stalin's "
         "control of the party mattered most because it won him votes.")


@pytest.fixture(scope="module")
def marked(engine, trotsky):
    essays = [EssayInput("Amy <script>alert(1)</script>", ESSAY + " <b>bold</b>", "a"),
              EssayInput("Amy <script>alert(1)</script>", ESSAY, "b"),
              EssayInput("Ben", "", "c", "empty essay"),
              EssayInput("Zoë O'Neil", ESSAY, "d")]
    return essays, mark_batch(essays, trotsky, engine)


def _overrides():
    return {0: {"funeral": Override(0, "funeral", "missing", "wrong event", 0.0),
                MARK: Override(0, MARK, "7", "harsh <i>teacher</i>", 0.0)}}


def test_csv_has_a_status_column_per_point_and_the_teacher_beside_the_engine(marked, trotsky):
    essays, rows = marked
    records = list(csv.DictReader(io.StringIO(exports.marks_csv(rows, trotsky, _overrides()))))
    assert len(records) == len(essays)
    assert {p.id for p in trotsky.points} <= set(records[0])
    assert records[0]["funeral"] == "missing*"
    assert records[0]["teacher_mark"] == "7" and records[0]["final_mark"] == "7"
    assert records[0]["mark"] == str(rows[0].report.mark)
    assert records[3]["teacher_mark"] == "" and records[3]["final_mark"] == str(rows[3].report.mark)
    assert records[2]["error"] == "empty essay" and records[2]["funeral"] == ""


def test_excel_opens_with_the_same_rows(marked, trotsky):
    essays, rows = marked
    book = openpyxl.load_workbook(io.BytesIO(exports.marks_excel(rows, trotsky, _overrides())))
    sheet = book["marks"]
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["student", "words", "mark"] and "teacher_mark" in header
    assert sheet.max_row == len(essays) + 1
    assert sheet.cell(row=5, column=1).value == "Zoë O'Neil"


def test_zip_holds_one_escaped_page_per_marked_student_with_unique_names(marked, trotsky):
    essays, rows = marked
    data = exports.feedback_zip(rows, [e.text for e in essays], trotsky, _overrides())
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names = zf.namelist()
        pages = [zf.read(n).decode("utf-8") for n in names]
    assert len(names) == 3 and len(set(n.lower() for n in names)) == 3   # Ben's empty essay has none
    assert all(n.endswith(".html") and "/" not in n and ".." not in n for n in names)
    first = pages[0]
    assert "<script>" not in first and "&lt;script&gt;" in first and "&lt;b&gt;bold" in first
    assert "teacher: missing" in first and "harsh &lt;i&gt;teacher&lt;/i&gt;" in first
    assert "Read this" in first or all(p.status == "covered" for p in rows[0].report.points)
