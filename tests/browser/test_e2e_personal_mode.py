"""Personal mode (the default) is unchanged by classroom mode: no sign-in, every page one click
or one address away, names typed as before, and no accounts made."""
from __future__ import annotations

import sqlite3
from contextlib import closing

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.timeout(120)]
expect = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is missing").expect

WAIT = 30_000
PAGES = {"": "Timed practice", "progress": "My attempts", "class_marking": "Mark a class set",
         "rubric_editor": "Rubric editor"}


def test_personal_mode_has_no_sign_in_and_every_page_opens(app, page):
    nav = None
    for path, heading in PAGES.items():
        page.goto(f"{app.url}/{path}")
        expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible(timeout=WAIT)
        expect(page.get_by_role("heading", name="Sign in")).to_have_count(0)
        nav = page.get_by_test_id("stSidebarNav")
    assert nav is not None
    for title in PAGES.values():
        expect(nav.get_by_role("link", name=title, exact=True)).to_be_visible()
    for title in ("Assignments", "Classes and students", "My assignments", "Sign out"):
        expect(nav.get_by_role("link", name=title, exact=True)).to_have_count(0)
    page.goto(app.url)
    expect(page.get_by_role("textbox", name="Your name")).to_be_visible(timeout=WAIT)  # typed, as before
    page.goto(f"{app.url}/class_marking")  # opens the database (and upgrades it): still no accounts
    expect(page.get_by_text("No class sets yet")).to_be_visible(timeout=WAIT)
    with closing(sqlite3.connect(app.data / "essaycoach.sqlite3")) as db:
        assert db.execute("SELECT count(*) FROM accounts").fetchone()[0] == 0
