"""Marking a class set end to end in headless Chromium: upload the example CSV through the
real file input, pick the rubric, mark, read the results, override a verdict."""
from __future__ import annotations

import csv
import io
import re
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from widgets import choose, current, idle, open_tab

from essaycoach.loaders import load_rubric

pytestmark = [pytest.mark.browser, pytest.mark.timeout(180)]
sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is missing")
expect, PlaywrightTimeout = sync_api.expect, sync_api.TimeoutError

ROOT = Path(__file__).resolve().parents[2]
CLASS_CSV = ROOT / "examples" / "class.csv"
STUDENTS = [r["student"] for r in csv.DictReader(CLASS_CSV.open(encoding="utf-8"))]
WAIT = 30_000  # Streamlit reruns are asynchronous: wait for their results, never sleep


def _db(app):
    return closing(sqlite3.connect(app.data / "essaycoach.sqlite3"))


def test_upload_a_class_csv_mark_it_and_see_the_results(app, page, shot):
    page.goto(f"{app.url}/class_marking")
    expect(page.get_by_role("heading", name="Mark a class set")).to_be_visible(timeout=WAIT)
    page.locator(".st-key-class_upload input[type=file]").set_input_files(CLASS_CSV)
    expect(page.locator(".st-key-class_upload").get_by_text("class.csv")).to_be_visible(timeout=WAIT)
    choose(page, "class_rubric", re.compile(r"Stalin's rise 1924-29 › .*Trotsky's errors"))
    expect(page.get_by_text("To what extent was Stalin’s success")).to_be_visible(timeout=WAIT)
    name = page.get_by_role("textbox", name="Name for this class set")
    name.fill("E2E 12B mock")
    name.press("Enter")
    shot("ready")

    page.get_by_role("button", name="Mark the class set").click()
    expect(page.get_by_role("heading", name="Results: E2E 12B mock")).to_be_visible(timeout=WAIT)
    grid = page.get_by_test_id("stDataFrame").first
    expect(grid).to_be_visible(timeout=WAIT)
    # The grid draws on a canvas; its accessible table (for screen readers) carries the cells.
    for student in STUDENTS:
        expect(grid.locator("td", has_text=student).first).to_be_attached(timeout=WAIT)
    cells = grid.locator("td").all_inner_texts()
    amy = cells[cells.index(STUDENTS[0]):][:6]  # student, final mark, coverage, could not be marked, warnings, words
    assert amy[3] == "" and amy[1].isdigit() and 0 <= int(amy[1]) <= 25
    assert 0 <= int(amy[2].rstrip(" %")) <= 100 and amy[5].isdigit()  # the accessible cell holds the number
    assert any("off-topic" in c for c in cells)      # Cat Li wrote about collectivisation
    expect(page.get_by_text("Dan Wu (empty essay)")).to_be_visible()   # reported; the rest are marked
    expect(page.get_by_role("button", name="Marks table (Excel)")).to_be_visible()
    expect(page.locator(".vega-embed").first).to_be_visible(timeout=WAIT)   # the class heatmap
    shot("results")
    # The new-set form starts blank: its name, paste and file would otherwise be marked again.
    page.get_by_text("Mark a new class set").click()
    expect(page.get_by_role("textbox", name="Name for this class set")).to_have_value("", timeout=WAIT)
    expect(page.locator(".st-key-class_paste textarea")).to_have_value("")
    expect(page.get_by_text("class.csv")).to_have_count(0)
    with _db(app) as db:
        assert db.execute("SELECT name, rubric_id FROM class_sets").fetchall() == [("E2E 12B mock", "trotsky-errors")]
        assert [r[0] for r in db.execute("SELECT student FROM class_essays ORDER BY row")] == STUDENTS
        assert db.execute("SELECT count(*) FROM class_essays WHERE report_json IS NOT NULL").fetchone() == (3,)

    # The download is the real file: the CSV carries every student and a column per point.
    # The form's opening moved the button, so the run redraws it while its last copy still shows.
    download = current(page).get_by_role("button", name="Marks table (CSV)")
    expect(download).to_have_count(1, timeout=WAIT)
    with page.expect_download() as got:
        download.click()
    csv_text = Path(got.value.path()).read_text(encoding="utf-8")
    assert csv_text.splitlines()[0].startswith("student,source,words,engine_mark,teacher_mark")
    assert all(s in csv_text for s in STUDENTS) and ",funeral," in csv_text

    # Per student: the marking screen, then the teacher's override, kept beside the engine's verdict.
    _funeral_missing(app, page, "Amy Khan", "names the funeral, not why it mattered")
    expect(page.get_by_text("Your marking beside the engine's")).to_be_visible(timeout=WAIT)
    shot("override")
    with _db(app) as db:
        assert db.execute("SELECT row, target, value FROM class_overrides").fetchall() == [(0, "funeral", "missing")]


def _funeral_missing(app, page, student: str | re.Pattern, reason: str) -> None:
    """On the marking screen of the first essay of the set just marked: funeral overridden to
    missing, with ``reason``, saved and shown in the table of the teacher's marking."""
    page.get_by_role("tab", name="Per-student feedback and your marking").click()
    heading = f"Marking {student}" if isinstance(student, str) else student
    expect(page.get_by_role("heading", name=heading)).to_be_visible(timeout=WAIT)
    with _db(app) as db:
        (set_id,) = db.execute("SELECT max(id) FROM class_sets").fetchone()
    verdict = page.locator(f".st-key-class_ovr_{set_id}_0_funeral")
    verdict.scroll_into_view_if_needed()
    verdict.get_by_role("radio", name="✘ missing").click()
    page.get_by_role("textbox", name="Reason for funeral").fill(reason)
    page.get_by_role("button", name="Save my marking").click()
    expect(page.get_by_role("table").filter(has_text=reason.split("//")[-1])).to_be_visible(timeout=WAIT)


def _mark_pasted(page, rubric: re.Pattern, name: str, csv_text: str) -> None:
    form = page.locator(".st-key-class_new_open")
    expect(form).to_be_visible(timeout=WAIT)
    idle(page)
    rubric_box = page.locator(".st-key-class_rubric [role=combobox]")
    for _ in range(5):   # the form folds after marking; a click racing the end of that run is lost
        if form.locator("details").get_attribute("open") is None:
            form.get_by_text("Mark a new class set").click()
            idle(page)
        try:
            rubric_box.click(timeout=5_000)
            break
        except PlaywrightTimeout:
            continue
    page.get_by_role("option", name=rubric).click()
    expect(page.locator(".st-key-class_new_open").get_by_text("Question:")).to_be_visible(timeout=WAIT)
    expect(page.get_by_role("textbox", name="Name for this class set")).to_be_visible()   # still open
    page.get_by_role("textbox", name="Name for this class set").fill(name)
    paste = page.get_by_role("textbox", name=re.compile("paste CSV text"))
    paste.fill(csv_text)
    paste.press("Control+Enter")   # commits the text area
    page.get_by_role("button", name="Mark the class set").click()
    expect(page.get_by_role("heading", name=f"Results: {name}")).to_be_visible(timeout=WAIT)


def test_a_second_set_just_marked_stays_selected_when_a_tab_is_clicked(app, page, shot):
    page.goto(f"{app.url}/class_marking")
    expect(page.get_by_role("heading", name="Mark a class set")).to_be_visible(timeout=WAIT)
    trotsky = re.compile(r"Trotsky's errors")
    _mark_pasted(page, trotsky, "Set A", CLASS_CSV.read_text(encoding="utf-8"))
    selector = page.locator(".st-key-class_open").get_by_role("combobox")
    expect(selector).to_have_value(re.compile("^Set A"), timeout=WAIT)
    _mark_pasted(page, re.compile(r"The Purges › Was the Great"), "Set B",
                 "student,essay\nSolo,Stalin used the purges to remove old Bolsheviks like Zinoviev.\n")
    expect(selector).to_have_value(re.compile("^Set B"), timeout=WAIT)
    shot("second-set")
    for tab in ("Most missed points", "Per-student feedback and your marking", "Class heatmap"):
        open_tab(page, tab)
        idle(page)  # a script run the click started has ended (network idle may never come: the websocket stays open)
        expect(page.get_by_role("heading", name="Results: Set B")).to_be_visible(timeout=WAIT)
        expect(selector).to_have_value(re.compile("^Set B"))
        expect(page.get_by_role("heading", name="Results: Set A")).to_have_count(0)
    shot("after-tabs")


def test_the_marks_table_shows_more_than_ten_rows_at_once(app, page):
    page.goto(f"{app.url}/class_marking")
    expect(page.get_by_role("heading", name="Mark a class set")).to_be_visible(timeout=WAIT)
    essays = [r["essay"] for r in csv.DictReader(CLASS_CSV.open(encoding="utf-8")) if r["essay"].strip()]
    buf = io.StringIO()
    csv.writer(buf).writerows([("student", "essay"), *((f"Student {i:02d}", essays[i % len(essays)])
                                                        for i in range(15))])
    _mark_pasted(page, re.compile(r"Trotsky's errors"), "Fifteen", buf.getvalue())
    idle(page)  # the run that draws the table has ended: it is not redrawn under the measure
    grid = current(page).get_by_test_id("stDataFrame").first
    expect(grid).to_be_visible(timeout=WAIT)
    height = grid.evaluate("e => e.getBoundingClientRect().height")
    rows_shown = (height - 38) / 35   # header, then 35 px a row
    assert rows_shown >= 15


def test_an_address_in_a_name_an_essay_or_a_reason_shows_as_text_not_a_link(app, page):
    """Streamlit's Markdown links bare web and e-mail addresses, escapes or not: a student's name
    or a teacher's reason holding one must not become a link on the teacher's screen."""
    page.goto(f"{app.url}/class_marking")
    expect(page.get_by_role("heading", name="Mark a class set")).to_be_visible(timeout=WAIT)
    _mark_pasted(page, re.compile(r"Trotsky's errors"), "Links",
                 'student,essay\n"Gus http://evil.example/g","Trotsky missed Lenin\'s funeral because Stalin '
                 'gave him the wrong date. Read www.evil.example or write to ada@evil.example."\n')
    _funeral_missing(app, page, re.compile("Marking Gus"), "see https://evil.example/r")
    expect(page.get_by_role("heading", name=re.compile(r"Marking Gus http.*evil[.]example.g"))).to_be_visible()
    # (a heading's own anchor, "#marking-gus-http-evil-example-g", stays on the page)
    assert page.locator('a[href*="evil.example"], a[href^="mailto:"]').count() == 0
    # ...and the essay copies as written: no invisible character inside its addresses (walk 47)
    assert "Read www.evil.example or write to ada@evil.example." in page.locator("body").inner_text()


def test_on_a_phone_the_heatmap_keeps_readable_cells_and_scrolls_sideways(app, page, shot):
    """At 390 px the 15 points' cells were squeezed to slivers (a walk): they keep room for a symbol
    each (class_marking.CELL_PX) and the heatmap's box scrolls sideways; on a wide screen it fits."""
    page.goto(f"{app.url}/class_marking")
    expect(page.get_by_role("heading", name="Mark a class set")).to_be_visible(timeout=WAIT)
    _mark_pasted(page, re.compile(r"Trotsky's errors"), "Phone", CLASS_CSV.read_text(encoding="utf-8"))
    points = len(load_rubric("trotsky-errors").points)
    box = page.locator(".st-key-class_heatmap_box")
    expect(box.locator(".vega-embed")).to_be_visible(timeout=WAIT)
    wide = box.evaluate("el => [el.scrollWidth, el.clientWidth]")
    assert wide[0] <= wide[1] + 1, wide   # wide screen: no sideways scroll
    hint = page.locator(".st-key-class_heatmap_phone")
    expect(hint).to_be_hidden()           # the pointer to the table is for phones only
    page.set_viewport_size({"width": 390, "height": 844})
    # ...where the chart's names scroll away with its cells: the table keeps them in view
    expect(hint).to_be_visible(timeout=WAIT)
    expect(hint).to_contain_text("keeps each student's name in view")
    page.wait_for_function("() => { const el = document.querySelector('.st-key-class_heatmap_box');"
                           " return el && el.scrollWidth > el.clientWidth + 50; }", timeout=WAIT)
    # every cell keeps its room: the chart is at least as wide as the points' cells
    drawn = box.locator(".vega-embed").evaluate("el => el.getBoundingClientRect().width")
    assert drawn >= points * 30, (drawn, points)
    box.scroll_into_view_if_needed()
    shot("phone")
