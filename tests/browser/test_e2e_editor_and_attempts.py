"""The rubric editor's Save errors and the attempts page in headless Chromium, with screenshots
in test-artifacts/ (a reviewer looks at them)."""
from __future__ import annotations

import re
from contextlib import closing

import pytest
from widgets import choose, field

from essaycoach import attempts as att
from essaycoach.loaders import load_rubric

pytestmark = [pytest.mark.browser, pytest.mark.timeout(180)]
expect = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is missing").expect

WAIT = 30_000


def _open_rubric(page, url: str, rubric_id: str = "trotsky-errors") -> None:
    page.goto(f"{url}/rubric_editor")
    choose(page, "editor_pick", rubric_id, exact=True)
    page.get_by_role("button", name="Open this rubric").click()
    expect(page.get_by_text(re.compile(f"^Editing {rubric_id}"))).to_be_visible(timeout=WAIT)


def _reload_asks_first(page) -> None:
    """A reload asks first (the browser's own "Leave site?"); saying no keeps the page."""
    asked = []
    page.once("dialog", lambda d: (asked.append(d.type), d.dismiss()))
    with pytest.raises(pytest.importorskip("playwright.sync_api").Error):   # dismissed: the reload is cancelled
        page.reload(timeout=5_000)
    assert asked == ["beforeunload"]


def test_save_errors_show_at_the_button_and_link_to_their_fields(app, page, shot):
    _open_rubric(page, app.url)
    question = field(page, "question").locator("textarea")
    question.fill("")
    question.press("Tab")
    page.get_by_role("button", name="Save rubric").click()
    errors = page.get_by_test_id("stAlert").filter(has_text="Not saved")
    expect(errors).to_be_visible(timeout=WAIT)
    expect(errors).to_contain_text("Question: write the question students will answer")
    errors.scroll_into_view_if_needed()
    expect(page.get_by_role("button", name="Save rubric")).to_be_in_viewport()   # the errors sit at the button
    shot("save-errors")
    errors.get_by_role("link", name=re.compile("Question: write the question")).click()
    expect(field(page, "question").locator("textarea")).to_be_in_viewport(timeout=WAIT)
    assert page.url.endswith("#fix-question")
    shot("followed-link")


def test_typing_in_a_point_keeps_its_panel_open(app, page):
    _open_rubric(page, app.url)
    panel = page.get_by_test_id("stExpander").filter(has_text=re.compile(r"\d+\. funeral ·"))
    panel.locator("summary").click()
    text = panel.locator("textarea").first
    expect(text).to_be_visible(timeout=WAIT)
    text.fill("Trotsky missed Lenin's funeral, which let Stalin pose as Lenin's heir.")
    text.press("Tab")                                   # the rerun that used to fold the panel
    page.wait_for_timeout(1500)
    expect(panel.locator("textarea").first).to_be_visible()
    expect(panel.locator("textarea").first).to_have_value(re.compile("pose as Lenin's heir"))


def test_changing_page_while_typing_keeps_the_edit_and_the_form(app, page, shot):
    """A click on another page while a field still has the focus once raced the field's own run:
    the page did not change and every field of the form showed empty. The click now waits for
    the field's value to be sent, the page changes, and coming back finds the edit."""
    _open_rubric(page, app.url)
    title = field(page, "title").locator("input")
    expect(title).to_have_value(re.compile("Trotsky"), timeout=WAIT)
    question = field(page, "question").locator("textarea")
    question.click()
    question.press("End")
    question.press_sequentially(" Explain your answer.", delay=5)   # still focused: not sent yet
    nav = page.get_by_test_id("stSidebarNav")
    nav.get_by_role("link", name="Timed practice").click()
    expect(page.get_by_role("heading", name="Timed practice")).to_be_visible(timeout=WAIT)
    assert not page.url.endswith("/rubric_editor")
    nav.get_by_role("link", name="Rubric editor").click()
    expect(page.get_by_text(re.compile("^Editing trotsky-errors · ● unsaved changes"))).to_be_visible(timeout=WAIT)
    expect(title).to_have_value(re.compile("Trotsky"))
    expect(question).to_have_value(re.compile(r"Explain your answer\.$"))
    expect(page.locator(".st-key-editor_pick input")).to_have_value("trotsky-errors")   # the chooser agrees
    shot("came-back-to-the-edit")
    # Reloading with unsaved changes asks first (the browser's own "Leave site?").
    _reload_asks_first(page)
    expect(question).to_have_value(re.compile(r"Explain your answer\.$"))


def test_reloading_while_typing_in_a_field_asks_first(app, page):
    """Words typed into a field still in focus are not sent yet, so the status says nothing is
    unsaved: a reload asks first all the same."""
    _open_rubric(page, app.url, "purge-necessary")
    expect(page.get_by_text(re.compile("✔ no unsaved changes"))).to_be_visible(timeout=WAIT)
    title = field(page, "title").locator("input")
    title.click()
    title.press("End")
    title.press_sequentially(" (draft)", delay=5)
    _reload_asks_first(page)
    expect(title).to_have_value(re.compile(r"\(draft\)$"))


def test_the_attempts_page_reads_attempt_numbers_and_full_titles(app, page, shot, engine):
    rubric = load_rubric("trotsky-errors")
    other = load_rubric("purge-necessary")
    essay = ("Trotsky missed Lenin's funeral in January 1924. As General Secretary Stalin controlled "
             "appointments. In conclusion, Stalin's control of the party mattered more.")
    with closing(att.open_db(app.data / "essaycoach.sqlite3")) as db:
        for hour, r in ((0, rubric), (2, rubric), (3, other)):  # one afternoon
            t = 1_764_000_000.0 + hour * 3600
            att.save_attempt(db, "E2E Dee", engine.grade(essay, r, "E2E Dee"), essay, t - 1800, t)
    page.goto(f"{app.url}/progress")
    box = page.get_by_role("textbox", name="Your name")
    box.fill("E2E Dee")
    box.press("Enter")
    chart = page.locator(".vega-embed").first
    expect(chart).to_be_visible(timeout=WAIT)
    expect(chart.locator("text", has_text="attempt").first).to_be_attached(timeout=WAIT)
    labels = chart.locator("text").evaluate_all("els => els.map(e => e.textContent || '')")
    assert {"1", "2"} <= set(labels) and "1.5" not in labels   # attempts side by side, whole numbers
    assert rubric.title in labels and other.title in labels     # the legend names prompts, not P1, P2
    grid = page.get_by_test_id("stDataFrame").first
    expect(grid.locator("td", has_text=other.title).first).to_be_attached(timeout=WAIT)
    expect(page.locator(".st-key-progress_rubric input")).to_have_value(other.title)  # the latest first
    shot("attempts")
