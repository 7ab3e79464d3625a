"""Class-set marking end to end in headless Chromium: upload the example CSV, mark, read the table."""
from __future__ import annotations

import csv
import re
from contextlib import closing
from pathlib import Path

import pytest

from essaycoach import classes as cls

pytestmark = [pytest.mark.browser, pytest.mark.timeout(120)]
expect = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is missing").expect

WAIT = 30_000
ROOT = Path(__file__).resolve().parents[2]
CLASS_CSV = ROOT / "examples" / "class.csv"


def test_upload_a_class_csv_and_see_the_results_table(app, page, shot):
    students = [r["student"] for r in csv.DictReader(CLASS_CSV.open(encoding="utf-8"))]
    page.goto(f"{app.url}/class_marking")
    expect(page.get_by_role("heading", name="Mark a class set").first).to_be_visible(timeout=WAIT)
    page.locator(".st-key-class_rubric [role=combobox]").click()
    page.get_by_role("option", name=re.compile("Trotsky's errors")).click()
    page.locator(".st-key-class_name input").fill("E2E 12B")
    page.locator(".st-key-class_upload input[type=file]").set_input_files(str(CLASS_CSV))
    expect(page.get_by_text("class.csv")).to_be_visible(timeout=WAIT)
    shot("uploaded")
    page.get_by_role("button", name="Mark the class set").click()
    expect(page.get_by_role("heading", name="Results: E2E 12B")).to_be_visible(timeout=WAIT)
    grid = page.locator("[data-testid=stDataFrame]").first
    expect(grid).to_be_visible(timeout=WAIT)
    # The grid draws on a canvas; its accessible table (for screen readers) carries the cells.
    for name in students:
        expect(grid.locator("td", has_text=name).first).to_be_attached(timeout=WAIT)
    cells = grid.locator("td").all_inner_texts()
    row = cells[cells.index(students[0]):][:9]
    assert row[2].isdigit() and 0 <= int(row[2]) <= 25      # the mark
    assert any("off-topic" in c for c in cells)               # Cat Li wrote about collectivisation
    expect(page.get_by_text("Dan Wu (empty essay)")).to_be_visible()  # reported; the rest are marked
    expect(page.get_by_role("button", name="Marks table (Excel)")).to_be_visible()
    shot("results")
    with closing(cls.open_db(app.data / "essaycoach.sqlite3")) as db:
        [set_] = [s for s in cls.list_sets(db) if s.name == "E2E 12B"]
        assert [e.student for e in cls.essays(db, set_.id)] == students
