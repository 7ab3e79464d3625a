"""Downloads of a marked class set: CSV, Excel and a zip of escaped per-student feedback."""
from __future__ import annotations

import csv
import html
import io
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from essaycoach import exports, marking
from essaycoach.batch import mark_batch
from essaycoach.errors import EssayInputError
from essaycoach.inputs import EssayInput, essays_from_csv
from essaycoach.overrides import MARK, Override

ROOT = Path(__file__).resolve().parents[1]
ESSAY = ("Trotsky missed Lenin's funeral in 1924 and did not press for the publication of Lenin's "
         "Testament. However Stalin as General Secretary controlled appointments. In conclusion Stalin's "
         "control of the party mattered most because it won him votes.")


@pytest.fixture(scope="module")
def marked(engine, trotsky):
    essays = [EssayInput("Amy <script>alert(1)</script>", ESSAY + " <b>bold</b>", "a"),
              EssayInput("Amy <script>alert(1)</script>", ESSAY, "b"),
              EssayInput("Ben", "", "c", "empty essay"),
              EssayInput("Zoë O'Neil", ESSAY, "d"),
              EssayInput("=HYPERLINK(\"http://x\")", ESSAY, "e")]
    return essays, mark_batch(essays, trotsky, engine)


@pytest.fixture(scope="module")
def class_set(engine, trotsky):
    essays = essays_from_csv((ROOT / "examples" / "class.csv").read_text(encoding="utf-8"), "class.csv")
    return essays, mark_batch(essays, trotsky, engine)


def _overrides():
    return {0: {"funeral": Override(0, "funeral", "missing", "wrong event", 0.0),
                MARK: Override(0, MARK, "7", "harsh <i>teacher</i>", 0.0)}}


def test_csv_has_a_status_column_per_point_and_the_teacher_beside_the_engine(class_set, trotsky):
    essays, rows = class_set
    mine = {0: {"funeral": Override(0, "funeral", "missing", "wrong event", 0.0),
                MARK: Override(0, MARK, "7", "too generous", 0.0)}}
    records = list(csv.DictReader(io.StringIO(exports.marks_csv(rows, trotsky, mine, reviewed={1}))))
    assert [r["student"] for r in records] == [e.student for e in essays]
    assert [p.id for p in trotsky.points] == list(records[0])[-len(trotsky.points):]
    amy, ben, _, dan = records
    engine_funeral = rows[0].report.points[[p.id for p in trotsky.points].index("funeral")].status
    assert amy["funeral"] == "missing (teacher)"
    assert amy["point_overrides"] == f"funeral: {engine_funeral} → missing (wrong event)"
    assert (amy["engine_mark"], amy["teacher_mark"], amy["final_mark"], amy["mark_reason"]) == (
        str(rows[0].report.mark), "7", "7", "too generous")
    assert ben["teacher_mark"] == "" and ben["final_mark"] == str(rows[1].report.mark) and ben["reviewed"] == "yes"
    assert all(ben[p.id] in ("covered", "partial", "missing") for p in trotsky.points)
    assert ben["check_this"] == ""   # reviewed: nothing left to check
    assert amy["check_this"] == ", ".join(p.id for p in rows[0].report.points if p.borderline and p.id != "funeral")
    assert dan["error"] == "empty essay" and dan["funeral"] == "" and dan["engine_mark"] == ""


def test_text_a_spreadsheet_would_run_is_written_as_text(marked, trotsky):
    _, rows = marked
    records = list(csv.DictReader(io.StringIO(exports.marks_csv(rows, trotsky))))
    assert records[4]["student"] == "'=HYPERLINK(\"http://x\")"
    book = openpyxl.load_workbook(io.BytesIO(exports.marks_excel(rows, trotsky)))
    cell = book["marks"].cell(row=6, column=1)
    assert cell.data_type == "s" and cell.value.startswith("'=")


def test_excel_opens_with_the_same_rows_and_a_points_sheet(class_set, trotsky):
    essays, rows = class_set
    book = openpyxl.load_workbook(io.BytesIO(exports.marks_excel(rows, trotsky, {1: {
        MARK: Override(1, MARK, "3", "no judgement", 0.0),
        "funeral": Override(1, "funeral", "missing", "not there", 0.0)}})))
    sheet = book["marks"]
    header = [c.value for c in sheet[1]]
    assert header[:6] == ["student", "source", "words", "engine_mark", "teacher_mark", "final_mark"]
    assert sheet.max_row == len(essays) + 1
    assert [sheet.cell(row=i + 2, column=1).value for i in range(len(essays))] == [e.student for e in essays]
    ben = {h: c.value for h, c in zip(header, sheet[3])}
    assert (ben["teacher_mark"], ben["engine_mark"], ben["mark_reason"]) == (3, rows[1].report.mark, "no judgement")
    assert sheet.freeze_panes == "B2" and sheet.auto_filter.ref
    points = book["points"]
    ids = [p.id for p in trotsky.points]
    assert [points.cell(row=i + 2, column=1).value for i in range(len(ids))] == ids
    counts = [sum(points.cell(row=i + 2, column=c).value for c in (5, 6, 7)) for i in range(len(trotsky.points))]
    assert counts == [3] * len(trotsky.points)   # three essays marked, Dan's is empty
    funeral = ids.index("funeral") + 2   # the counts are the verdicts that stand: Ben's is the teacher's
    engine = [r.report.points[ids.index("funeral")].status for r in rows if r.report]
    engine[1] = "missing"
    assert points.cell(row=funeral, column=7).value == engine.count("missing")


def test_zip_holds_one_escaped_page_per_student_with_safe_unique_names(marked, trotsky):
    essays, rows = marked
    data = exports.feedback_zip(rows, [e.text for e in essays], trotsky, _overrides())
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names = zf.namelist()
        pages = [zf.read(n).decode("utf-8") for n in names]
    assert len(names) == len(essays) and len({n.lower() for n in names}) == len(essays)
    assert names[:4] == ["Amy-alert-1.html", "Amy-alert-1-2.html", "Ben.html",
                         "Zoe-O-Neil.html"]
    assert all(re.fullmatch(r"[A-Za-z0-9-]+\.html", n) for n in names)
    first = pages[0]
    assert "<script>" not in first and "&lt;script&gt;alert(1)&lt;/script&gt;" in first
    assert "&lt;b&gt;bold&lt;/b&gt;" in first
    assert "Your teacher's mark:</b> 7/25" in first and "harsh &lt;i&gt;teacher&lt;/i&gt;" in first
    assert "Your teacher's verdict:</b> ✘ missing" in first and "wrong event" in first
    assert "computer" not in first   # the teacher's mark and verdicts stand alone
    sections = {part.split("<")[0]: part for part in first.split("<h2>")[1:]}
    funeral = next(p.text for p in trotsky.points if p.id == "funeral").replace("'", "&#x27;")
    missing = next(body for title, body in sections.items() if title.startswith("Points missing"))
    assert funeral in missing   # the teacher's verdict decides the section the point is in
    item = next(li for li in missing.split("<li") if funeral in li)
    assert "Your essay:" not in item   # no sentence under a point the teacher marked missing
    assert not any(funeral in body for title, body in sections.items() if not title.startswith("Points missing"))
    # "Read this" names the note's title and line, never its (hashed) file name.
    assert re.search(r"<b>Read this</b> \([^()<]+, line \d+\)", first) and ".txt" not in first
    assert "could not be marked:</b> the file you handed in was empty" in pages[2]
    assert "Zoë O&#x27;Neil" in pages[3]


def test_an_unmarked_essay_the_teacher_marked_shows_their_mark_not_hand_it_in_again(trotsky):
    """A walk: the teacher gave an empty essay 0 ("absent"); its page still said "hand it in again"."""
    mine = {MARK: Override(0, MARK, "0", "absent <b>all week</b>", 0.0)}
    page = exports.feedback_html(None, "", trotsky, mine, "Emma", "empty essay")
    assert "Your teacher's mark:</b> 0/25" in page and "absent &lt;b&gt;all week&lt;/b&gt;" in page
    assert "hand it in again" not in page
    assert "hand it in again" in exports.feedback_html(None, "", trotsky, {}, "Emma", "empty essay")


def test_an_essay_the_class_file_spoilt_tells_the_student_the_teacher_will_look_not_to_hand_it_in(engine, trotsky):
    """A walk: a CSV row with an unquoted comma told the student "line 4 has 3 fields but the
    header has 2 ... Please hand it in again as text", and showed their essay as "(empty)"."""
    essays = essays_from_csv("student,essay\nAmy,Fine essay.\nCat,Low land floods.,extra field\n,\n", "class.csv")
    rows = mark_batch(essays, trotsky, engine)
    with zipfile.ZipFile(io.BytesIO(exports.feedback_zip(rows, [e.text for e in essays], trotsky))) as zf:
        cat, empty = zf.read("Cat.html").decode("utf-8"), zf.read("essay-3-no-name.html").decode("utf-8")
    assert "could not be read from the class file your teacher uploaded" in cat and "your teacher will look" in cat
    assert "hand it in again" not in cat and "3 fields" not in cat and "(not shown: it could not be read)" in cat
    # An empty essay is the student's to hand in again.
    assert "could not be marked:</b> the file you handed in was empty" in empty and "hand it in again" in empty
    assert "(empty)" in empty
    assert exports.unread_in_class_file("class.csv:4", "line 4 has 3 fields") is True
    assert exports.unread_in_class_file("essay.docx", "not a Word file") is False


@pytest.mark.parametrize("side", ["neutral", "for"])   # a walk's biology rubric had every point "for"
def test_a_question_without_sides_labels_no_point_with_a_side(engine, trotsky, side):
    """A walk: every point of an "Explain..." rubric read "✔ covered (Points) ...", which says nothing."""
    from dataclasses import replace as swap

    explain = swap(trotsky, points=tuple(swap(p, side=side) for p in trotsky.points))
    report = engine.grade("Trotsky missed Lenin's funeral because Stalin gave him the wrong date.", explain)
    page = exports.feedback_html(report, "essay", explain)
    assert "(Points)" not in page and "(Other points)" not in page and "(Case for)" not in page
    assert "(Case for)" in exports.feedback_html(engine.grade("Trotsky missed Lenin's funeral.", trotsky), "e", trotsky)


def test_a_page_holds_what_a_student_needs(class_set, trotsky):
    essays, rows = class_set
    at = next(i for i, row in enumerate(rows) if any(p.status == "partial" for p in row.report.points))
    report = rows[at].report
    page = exports.feedback_html(report, essays[at].text, trotsky, student=essays[at].student)
    assert f"{report.mark}/{report.max_mark}" in page and f"level {report.level}" in page
    made = [p for p in report.points if p.status == "covered"]
    assert made and f"<h2>Points you made ({len(made)})</h2>" in page
    assert all(p.text.replace("'", "&#x27;") in page for p in report.points)
    assert made[0].sentence.replace("'", "&#x27;") in page
    partly = [p for p in report.points if p.status == "partial"]
    assert partly and all(f"<i>Only partly:</i> {p.why.replace(chr(39), '&#x27;')}" in page for p in partly)
    for flag in report.warnings:
        assert flag.message.replace("'", "&#x27;") in page
    assert report.next_steps and "<h2>To reach a higher level</h2>" in page
    assert all(html.escape(step) in page for step in report.next_steps)


@pytest.mark.parametrize("student, expected", [
    ("CON", "student-CON.html"), ("../../etc/passwd", "etc-passwd.html"), ("", "student.html"),
    ("   ", "student.html"), ("Ünal Çelik", "Unal-Celik.html"), ("李雷", "李雷.html"), ("<>|*?", "student.html"),
    ("a" * 100, "a" * 60 + ".html"), ("<b>Zoë</b> O'Brien", "Zoe-O-Brien.html"), ("<script>", "student.html"),
    ("a < b > c", "a-b-c.html"),
])
def test_file_names_are_safe(student, expected):
    assert exports.file_name(student, set()) == expected


def test_file_names_never_clash_ignoring_case():
    used: set[str] = set()
    assert [exports.file_name(n, used) for n in ("Amy", "amy", "AMY", "Amy-2")] == [
        "Amy.html", "amy-2.html", "AMY-3.html", "Amy-2-2.html"]


def test_the_marks_table_names_duplicate_students_as_the_marking_screen_does(engine, trotsky):
    from essaycoach.inputs import EssayInput

    essays = [EssayInput("Amy", "Trotsky missed Lenin's funeral.", "a"), EssayInput("Amy", "Stalin won.", "b"),
              EssayInput("Ben", "Trotsky lost.", "c")]
    records = list(csv.DictReader(io.StringIO(exports.marks_csv(mark_batch(essays, trotsky, engine), trotsky))))
    assert [r["student"] for r in records] == ["Amy (essay 1)", "Amy (essay 2)", "Ben"]


@pytest.mark.parametrize(("names", "rows", "labels"), [
    (["Amy", "Ben"], None, ["Amy", "Ben"]),
    (["Amy", "Amy", "Ben"], None, ["Amy (essay 1)", "Amy (essay 2)", "Ben"]),
    (["", " ", "Cy"], None, ["essay 1", "essay 2", "Cy"]),
    (["Amy", " Amy "], [3, 7], ["Amy (essay 4)", "Amy (essay 8)"]),
    ([], None, []),
])
def test_distinct_names(names, rows, labels):
    from essaycoach.batch import distinct_names

    assert distinct_names(names, rows) == labels


def test_the_marks_table_read_back_as_essays_is_named_for_what_it_is(marked, trotsky):
    """A teacher who uploads the exported marks table where essays are wanted is told it holds
    marks, not essays: the reader knows the table by the columns written here."""
    table = exports.marks_csv(marked[1], trotsky)
    with pytest.raises(EssayInputError, match="is a marks table exported by essaycoach"):
        essays_from_csv(table, "marks.csv")
    with pytest.raises(EssayInputError, match="needs an 'essay' column"):  # another table without essays
        essays_from_csv("student,grade\nAmy,A\n", "grades.csv")


def test_coverage_and_balance_follow_the_teachers_verdicts(class_set, trotsky):
    """The marks table and the student's page give the coverage and balance the teacher's
    marking leaves (the walk saw a point marked missing still counted in both); the engine's
    own figures stay where no verdict was changed."""
    essays, rows = class_set
    report = rows[0].report
    made = [p for p in report.points if p.status == "covered"]
    taken = {p.id: Override(0, p.id, "missing", "not made", 0.0) for p in made[:2]}
    standing = marking.standing_report(trotsky, report, taken)
    share = sum(p.weight for p in made[:2]) / sum(p.weight for p in report.points)
    assert standing.coverage == pytest.approx(report.coverage - share)
    assert all(p.sentence is None for p in standing.points if p.id in taken)
    assert marking.standing_report(trotsky, report, {}) is report
    records = exports.marks_records(rows, trotsky, {0: taken})
    assert records[0]["coverage"] == round(standing.coverage, 3) < round(report.coverage, 3)
    assert records[1]["coverage"] == round(rows[1].report.coverage, 3)
    assert (records[0]["balance"], records[1]["balance"]) == (standing.balance, rows[1].report.balance)
    page = exports.feedback_html(report, essays[0].text, trotsky, taken, student="Amy Khan")
    assert f"<b>Points covered:</b> {standing.coverage:.0%}" in page
    assert f"<b>Balance:</b> {html.escape(standing.balance)}" in page


def test_a_page_shows_only_the_part_of_a_huge_essay_that_was_marked(engine, trotsky):
    from resources import TROTSKY_STRONG

    from essaycoach.engine import MAX_ESSAY_CHARS, clip_essay

    essay = TROTSKY_STRONG * (MAX_ESSAY_CHARS // len(TROTSKY_STRONG) + 40)  # about 140,000 characters
    page = exports.feedback_html(engine.grade(essay, trotsky), essay, trotsky)
    marked, cut = clip_essay(essay)
    assert cut and len(marked) == MAX_ESSAY_CHARS
    assert len(page) < MAX_ESSAY_CHARS * 1.2 and "too-long" not in page   # the warning's message, not its code
    assert f"Only the first {MAX_ESSAY_CHARS:,} characters were marked; the other " \
           f"{len(essay) - MAX_ESSAY_CHARS:,} are not shown." in page


def test_a_page_names_the_sides_as_the_app_does(engine, trotsky):
    essay = "Trotsky missed Lenin's funeral. Stalin controlled appointments as General Secretary."
    page = exports.feedback_html(engine.grade(essay, trotsky), essay, trotsky)
    assert "<small>(Case for)</small>" in page and "<small>(Case against)</small>" in page
    assert "<small>(for)</small>" not in page and "<small>(against)</small>" not in page


OFF_TOPIC = ("Photosynthesis happens in the chloroplasts of plant cells. Light energy is absorbed by chlorophyll "
             "and used to convert carbon dioxide and water into glucose and oxygen. The rate depends on light "
             "intensity, temperature and carbon dioxide concentration.")
FRENCH = ("Staline a pris le pouvoir après la mort de Lénine parce que Trotski a commis des erreurs. Il n'est pas "
          "allé aux funérailles de Lénine et il a sous-estimé Staline, qu'il appelait la médiocrité du parti.")


@pytest.mark.parametrize("text, mark, level, final", [
    (OFF_TOPIC, None, "", ""),           # no level: a blank, not a 0 that drags an average of levels down
    (FRENCH, None, "", ""),
    (OFF_TOPIC, "7", "", "2"),           # the teacher's mark places it in a level
    (ESSAY, "0", "1", ""),               # a teacher's 0 is under the lowest band: no level either
    (ESSAY, None, "1", "1"),
], ids=["off-topic", "not English", "off-topic marked 7", "marked 0", "on topic"])
def test_an_essay_at_no_level_has_a_blank_level_never_0(engine, trotsky, text, mark, level, final):
    rows = mark_batch([EssayInput("Eve", text, "a")], trotsky, engine)
    mine = {0: {MARK: Override(0, MARK, mark, "my mark", 0.0)}} if mark else {}
    [record] = csv.DictReader(io.StringIO(exports.marks_csv(rows, trotsky, mine)))
    assert (record["level"], record["final_level"]) == (level, final)
    sheet = openpyxl.load_workbook(io.BytesIO(exports.marks_excel(rows, trotsky, mine)))["marks"]
    head = [c.value for c in sheet[1]]
    cells = [sheet.cell(row=2, column=head.index(name) + 1).value for name in ("level", "final_level")]
    assert cells == [int(level) if level else None, int(final) if final else None]


def test_a_point_the_teacher_rules_down_tells_the_student_where_to_read(class_set, trotsky):
    """Released marking is shown from the stored report: a covered point the teacher ruled
    partial had said "the course notes do not cover this point" though the rubric cites them
    (a classroom walk's finding)."""
    from essaycoach.attempts import report_from_dict

    _, rows = class_set
    stored = report_from_dict(rows[0].report.to_dict(), trotsky)
    made = next(p for p in stored.points if p.status == "covered" and p.id == "testament")
    ruled = marking.standing_report(trotsky, stored, {made.id: Override(0, made.id, "partial", "say why", 0.0)})
    point = next(p for p in ruled.points if p.id == made.id)
    assert point.status == "partial" and point.where_to_read is None
    assert point.source_label.endswith("line 50") and point.evidence


def test_a_point_the_teacher_credits_quotes_the_sentence_they_picked(class_set, trotsky):
    """The student's "points you made" left out a point the teacher credited with the sentence
    they picked (a classroom walk's finding); it now quotes that sentence."""
    _, rows = class_set
    report = rows[0].report
    missed = next(p for p in report.points if p.status == "missing")
    picked = "He never took Stalin seriously."
    ruled = marking.standing_report(trotsky, report, {missed.id: Override(0, missed.id, "covered", "yes", 0.0, picked)})
    point = next(p for p in ruled.points if p.id == missed.id)
    assert (point.status, point.sentence, point.span) == ("covered", picked, None)


def test_a_file_in_the_class_zip_that_is_no_essay_gets_no_students_page(engine, trotsky):
    """Walk 45: the feedback zip held "photo.html" for a photo in the class's zip; an essay file
    that cannot be read still gets its student's page, saying why."""
    from essaycoach.inputs import essays_from_zip, skipped

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("12B/Amy.txt", "Trotsky missed Lenin's funeral.")
        zf.writestr("12B/Ben.txt", "")
        zf.writestr("12B/photo.png", b"\x89PNG\r\n")
    essays = essays_from_zip("12B.zip", buf.getvalue())
    rows = mark_batch(essays, trotsky, engine)
    assert sum(skipped(r.error) for r in rows) == 1
    with zipfile.ZipFile(io.BytesIO(exports.feedback_zip(rows, [e.text for e in essays], trotsky))) as zf:
        assert sorted(zf.namelist()) == ["Amy.html", "Ben.html"]
