"""The marking screen end to end in headless Chromium, as issue 13's "done means" asks: a
teacher reviews three essays with the keyboard alone (moving between points with Alt+Down and Alt+Up,
changing a verdict with Alt+V, picking comments by typing, moving on with Alt+J, saving with
Ctrl+Enter), and finds the override,
the comments and the reviews in the CSV and in the zip of feedback pages."""
from __future__ import annotations

import csv
import io
import re
import sqlite3
import zipfile
from contextlib import closing
from pathlib import Path

import pytest
from widgets import choose

from essaycoach import comment_bank
from essaycoach.loaders import load_rubric

pytestmark = [pytest.mark.browser, pytest.mark.timeout(240)]
expect = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is missing").expect

ROOT = Path(__file__).resolve().parents[2]
CLASS_CSV = ROOT / "examples" / "class.csv"
WAIT = 30_000
GENERAL, ON_FUNERAL = "Plan before you write", "Say why the funeral mattered"


def _tab_to(page, target, limit: int = 400) -> None:
    """Press Tab until ``target`` holds the keyboard focus (the keyboard alone moves it)."""
    for _ in range(limit):
        if target.evaluate("el => el.contains(document.activeElement)"):
            return
        page.keyboard.press("Tab")
    pytest.fail(f"Tab never reached {target}")


def _idle(page) -> None:
    """Wait for the app's run to end and stay ended a while. The run a click or a blur asked for can
    start a moment after it: a keypress during it loses the focus to the redrawn page, and a click
    during it can be dropped when Streamlit stops that run for the next (each failed once in CI)."""
    for _ in range(2):
        expect(page.get_by_test_id("stApp")).to_have_attribute("data-test-script-state", "notRunning",
                                                               timeout=WAIT)
        page.wait_for_timeout(500)


def _settled(page, verdict) -> None:
    """Wait for the run to end, the verdicts to be drawn (Streamlit first shows a placeholder while
    the segmented control's code loads) and the points' keys to be listening."""
    _idle(page)
    expect(verdict.get_by_role("radiogroup")).to_be_visible(timeout=WAIT)
    page.wait_for_function("() => !!window.__essaycoachPointKeys")


def _saved(app, set_id: int, row: int) -> bool:
    with closing(sqlite3.connect(app.data / "essaycoach.sqlite3")) as db:
        return db.execute("SELECT reviewed FROM class_essays WHERE set_id = ? AND row = ?",
                          (set_id, row)).fetchone() == (1,)


def _review(page, app, set_id: int, row: int, student: str, shot) -> None:
    """Tick "I have checked this essay" and save, from the keyboard."""
    box = page.locator(f".st-key-class_ovr_{set_id}_{row}_reviewed")
    _tab_to(page, box)
    page.keyboard.press("Space")
    expect(box.get_by_role("checkbox")).to_be_checked()
    shot(f"{row}-{student.split()[0].lower()}")
    page.keyboard.press("Control+Enter")
    expect(page.get_by_text("Reviewed by you: the engine's verdicts")).to_be_visible(timeout=WAIT)
    assert _saved(app, set_id, row)


def _pick(page, where, text: str) -> None:
    _tab_to(page, where)
    page.keyboard.type(text[:12])
    page.keyboard.press("Enter")
    expect(where).to_contain_text(text, timeout=WAIT)
    page.keyboard.press("Escape")


def test_a_teacher_reviews_three_essays_with_the_keyboard_and_finds_it_all_in_the_downloads(app, page, shot):
    with closing(comment_bank.open_db(app.data / "essaycoach.sqlite3")) as db:   # last term's bank
        comment_bank.add(db, "trotsky-errors", GENERAL)
        comment_bank.add(db, "trotsky-errors", ON_FUNERAL, "funeral")
    page.goto(f"{app.url}/class_marking")
    expect(page.get_by_role("heading", name="Mark a class set")).to_be_visible(timeout=WAIT)
    _mark_the_example(page)
    with closing(sqlite3.connect(app.data / "essaycoach.sqlite3")) as db:
        (set_id,) = db.execute("SELECT max(id) FROM class_sets").fetchone()
    page.get_by_role("tab", name="Per-student feedback and your marking").click()
    expect(page.get_by_role("heading", name="Marking Amy Khan")).to_be_visible(timeout=WAIT)
    shot("screen")

    # Amy: Alt+Down walks the points to the funeral one (one step too far and back with Alt+Up),
    # Alt+V turns its verdict to "missing", the point's comment is picked (it stands in for the
    # reason), checked, saved.
    expect(page.get_by_text("Alt+V")).to_be_visible()   # the keys are named on the screen
    points = [p.id for p in load_rubric("trotsky-errors", ROOT / "rubrics").points]
    verdict = page.locator(f".st-key-class_ovr_{set_id}_0_funeral")
    _settled(page, verdict)
    for _ in range(points.index("funeral") + 2):
        page.keyboard.press("Alt+ArrowDown")
    page.keyboard.press("Alt+ArrowUp")
    expect(verdict.locator("[role=radio][aria-checked=true]")).to_be_focused()
    shot("point-keys")
    missing = verdict.get_by_role("radio", name="✘ missing")
    for _ in range(3):
        if missing.get_attribute("aria-checked") == "true":
            break
        page.keyboard.press("Alt+v")
    expect(missing).to_have_attribute("aria-checked", "true")
    expect(missing).to_be_focused()
    _pick(page, page.locator(f".st-key-class_ovr_{set_id}_0_funeral_comments"), ON_FUNERAL)
    _review(page, app, set_id, 0, "Amy Khan", shot)
    expect(page.get_by_role("table").filter(has_text=ON_FUNERAL)).to_be_visible(timeout=WAIT)

    # Ben, then Cat: Alt+J moves on (even from the checkbox that has the focus); Cat gets the general comment.
    page.keyboard.press("Alt+j")
    expect(page.get_by_role("heading", name="Marking Ben Ortiz")).to_be_visible(timeout=WAIT)
    expect(page.get_by_role("heading", name="Marking Ben Ortiz")).to_be_in_viewport(timeout=WAIT)  # scrolled to
    _review(page, app, set_id, 1, "Ben Ortiz", shot)
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")   # read down to the full feedback
    page.mouse.wheel(0, 5000)
    expect(page.get_by_role("heading", name="Marking Ben Ortiz")).not_to_be_in_viewport()
    page.keyboard.press("Alt+j")
    expect(page.get_by_role("heading", name="Marking Cat Li")).to_be_visible(timeout=WAIT)
    expect(page.get_by_role("heading", name="Marking Cat Li")).to_be_in_viewport(timeout=WAIT)
    _pick(page, page.locator(f".st-key-class_ovr_{set_id}_2_comments"), GENERAL)
    _review(page, app, set_id, 2, "Cat Li", shot)

    with page.expect_download() as got:
        page.get_by_role("button", name="Marks table (CSV)").click()
    rows = {r["student"]: r for r in csv.DictReader(io.StringIO(Path(got.value.path()).read_text(encoding="utf-8")))}
    amy, ben, cat = rows["Amy Khan"], rows["Ben Ortiz"], rows["Cat Li"]
    assert amy["funeral"] == "missing (teacher)" and f"→ missing ({ON_FUNERAL})" in amy["point_overrides"]
    assert amy["comments"] == f"funeral: {ON_FUNERAL}" and cat["comments"] == GENERAL and ben["comments"] == ""
    assert (amy["reviewed"], ben["reviewed"], cat["reviewed"]) == ("yes", "yes", "yes")
    with page.expect_download() as got:
        page.get_by_role("button", name=re.compile("Feedback pages")).click()
    with zipfile.ZipFile(got.value.path()) as zf:
        pages = {n: zf.read(n).decode("utf-8") for n in zf.namelist()}
    amy_page = pages["Amy-Khan.html"]
    assert "Your teacher's verdict:</b> ✘ missing" in amy_page and f"<b>Your teacher:</b> {ON_FUNERAL}" in amy_page
    assert "Your teacher's comments" in pages["Cat-Li.html"] and GENERAL in pages["Cat-Li.html"]


def _mark_the_example(page) -> None:
    page.locator(".st-key-class_upload input[type=file]").set_input_files(CLASS_CSV)
    expect(page.locator(".st-key-class_upload").get_by_text("class.csv")).to_be_visible(timeout=WAIT)
    choose(page, "class_rubric", re.compile(r"Trotsky's errors"))
    page.get_by_role("button", name="Mark the class set").click()
    expect(page.get_by_role("heading", name=re.compile("^Results: "))).to_be_visible(timeout=WAIT)


def _open_the_marking_screen(app, page) -> None:
    """The marking screen on the first essay of the set marked here (marked now if none is)."""
    page.goto(f"{app.url}/class_marking")
    expect(page.get_by_role("heading", name="Mark a class set")).to_be_visible(timeout=WAIT)
    with closing(sqlite3.connect(app.data / "essaycoach.sqlite3")) as db:
        stored = db.execute("SELECT count(*) FROM sqlite_master WHERE name = 'class_sets'").fetchone()[0] \
            and db.execute("SELECT count(*) FROM class_sets").fetchone()[0]
    if stored:
        expect(page.get_by_role("heading", name=re.compile("^Results: "))).to_be_visible(timeout=WAIT)
    else:   # run on its own: mark the example first
        _mark_the_example(page)
    page.get_by_role("tab", name="Per-student feedback and your marking").click()
    expect(page.get_by_role("heading", name="Marking Amy Khan")).to_be_visible(timeout=WAIT)


def test_clicking_a_highlights_label_brings_its_point_into_view(app, page):
    _open_the_marking_screen(app, page)
    box = page.locator(".st-key-class_points_box")
    card = page.locator("#class-point-others-miscalculated")   # the last point: out of view at first

    def in_view() -> bool:
        top, bottom = box.bounding_box(), card.bounding_box()
        return top["y"] <= bottom["y"] <= top["y"] + top["height"]

    assert not in_view()
    page.locator(".st-key-class_essay_box").get_by_role("link", name=re.compile("others-miscalculated")).click()
    page.wait_for_function("() => location.hash === '#class-point-others-miscalculated'")
    expect(card).to_be_attached()
    page.wait_for_timeout(300)
    assert in_view()


_PANES = ".st-key-class_essay_box, .st-key-class_points_box"


def _panes_until(page, condition: str, what: str) -> None:
    """Wait until the essay and points panes (as ``els``) meet a JavaScript ``condition``."""
    try:
        page.wait_for_function(f"() => (els => els.length === 2 && els.every(el => {condition}))"
                               f"(Array.from(document.querySelectorAll('{_PANES}')))", timeout=WAIT)
    except Exception:
        heights = page.locator(_PANES).evaluate_all("els => els.map(el => [el.clientHeight, el.scrollHeight])")
        pytest.fail(f"the panes are not {what}: (shown, content) {heights}")


def test_on_a_phone_the_essay_and_its_points_scroll_with_the_page_not_inside_it(app, page, shot):
    """Side by side, each pane scrolls on its own; stacked on a phone, a pane scrolled inside a page
    that scrolls too kept the page still under a thumb on the essay (a walk): the panes grow."""
    _open_the_marking_screen(app, page)
    _panes_until(page, "el.scrollHeight > el.clientHeight + 100", "scrolled inside")
    keys = page.locator(".st-key-class_keys_help")
    expect(keys).to_contain_text("Alt+V")
    page.set_viewport_size({"width": 390, "height": 844})
    # a pixel of difference: the border
    _panes_until(page, "el.scrollHeight - el.clientHeight <= 2 && el.clientHeight > 700", "grown with the page")
    expect(keys).to_be_hidden()   # a phone has no Alt key (a walk)
    shot("phone")


def _other_verdict(verdict):
    """Click a verdict other than the one shown; its label."""
    radios = verdict.get_by_role("radio")
    for i in range(radios.count()):
        if radios.nth(i).get_attribute("aria-checked") != "true":
            radios.nth(i).click()
            return radios.nth(i).inner_text()
    pytest.fail("no other verdict")


def test_marking_left_unsaved_is_saved_before_another_tab_opens_or_kept_on_screen_if_refused(app, page, shot):
    page.goto(f"{app.url}/class_marking")
    expect(page.get_by_role("heading", name="Mark a class set")).to_be_visible(timeout=WAIT)
    with closing(sqlite3.connect(app.data / "essaycoach.sqlite3")) as db:
        stored = db.execute("SELECT count(*) FROM class_sets").fetchone()[0] if db.execute(
            "SELECT count(*) FROM sqlite_master WHERE name = 'class_sets'").fetchone()[0] else 0
    if stored:
        expect(page.get_by_role("heading", name=re.compile("^Results: "))).to_be_visible(timeout=WAIT)
    else:
        _mark_the_example(page)
    with closing(sqlite3.connect(app.data / "essaycoach.sqlite3")) as db:
        (set_id,) = db.execute("SELECT max(id) FROM class_sets").fetchone()
    student_tab = page.get_by_role("tab", name="Per-student feedback and your marking")
    student_tab.click()
    expect(page.get_by_role("heading", name="Marking Amy Khan")).to_be_visible(timeout=WAIT)
    verdict = page.locator(f".st-key-class_ovr_{set_id}_0_testament")
    _settled(page, verdict)

    # A changed verdict with its reason, not saved: opening the heatmap saves it first.
    label = _other_verdict(verdict)
    page.locator(f".st-key-class_ovr_{set_id}_0_testament_why input").fill("kept when I looked away")
    page.get_by_role("tab", name="Class heatmap").click()
    expect(page.get_by_role("tab", name="Class heatmap")).to_have_attribute("aria-selected", "true", timeout=WAIT)
    with closing(sqlite3.connect(app.data / "essaycoach.sqlite3")) as db:
        saved = db.execute("SELECT value, reason FROM class_overrides WHERE set_id = ? AND row = 0 AND target = ?",
                           (set_id, "testament")).fetchone()
    assert saved is not None and saved[1] == "kept when I looked away" and saved[0] in label

    # A changed verdict with no reason cannot be saved: the teacher stays, the change on screen.
    student_tab.click()
    expect(page.get_by_role("heading", name="Marking Amy Khan")).to_be_visible(timeout=WAIT)
    other = page.locator(f".st-key-class_ovr_{set_id}_0_united-opposition")
    _settled(page, other)
    chosen = _other_verdict(other)
    page.get_by_role("tab", name="Most missed points").click()
    expect(page.get_by_text("Not saved").first).to_be_in_viewport(timeout=WAIT)
    expect(student_tab).to_have_attribute("aria-selected", "true")
    expect(other.get_by_role("radio", name=chosen)).to_have_attribute("aria-checked", "true")
    shot("refused-leave")

    # A reload with that change still unsaved asks first (it had dropped what was typed unasked).
    asked: list[str] = []
    page.once("dialog", lambda d: (asked.append(d.type), d.dismiss()))
    with pytest.raises(pytest.importorskip("playwright.sync_api").Error):   # dismissed: the reload is cancelled
        page.reload(timeout=5_000)
    assert asked == ["beforeunload"]
    expect(other.get_by_role("radio", name=chosen)).to_have_attribute("aria-checked", "true")


def test_a_comment_added_to_the_bank_empties_its_box_and_the_bank_stays_open(app, page, shot):
    """After Add the box kept the text just added and the bank folded shut (its label counts the
    comments, and an expander keyed by its label was drawn anew): it looked as if nothing happened."""
    page.goto(f"{app.url}/class_marking")
    expect(page.get_by_role("heading", name="Mark a class set")).to_be_visible(timeout=WAIT)
    with closing(sqlite3.connect(app.data / "essaycoach.sqlite3")) as db:
        stored = db.execute("SELECT count(*) FROM sqlite_master WHERE name = 'class_sets'").fetchone()[0] \
            and db.execute("SELECT count(*) FROM class_sets").fetchone()[0]
    if not stored:
        _mark_the_example(page)
    page.get_by_role("tab", name="Per-student feedback and your marking").click()
    bank = page.locator(".st-key-class_bank_box")
    bank.get_by_text(re.compile(r"^Comment bank for this rubric \(\d+\)$")).click()
    before = comment_bank.bank(comment_bank.open_db(app.data / "essaycoach.sqlite3"), "trotsky-errors")
    box = bank.get_by_label("New comment")
    box.fill("Quote the notes <b>less</b>, explain more")
    box.press("Tab")   # the text reaches the app before the button is pressed, as a teacher's click does
    _idle(page)
    bank.get_by_role("button", name="Add", exact=True).click()
    expect(bank.get_by_text(f"Comment bank for this rubric ({len(before) + 1})")).to_be_visible(timeout=WAIT)
    expect(box).to_be_visible()            # still open
    expect(box).to_have_value("")          # ready for the next one
    expect(bank.locator("input[value='Quote the notes <b>less</b>, explain more']")).to_be_visible()
    shot("bank-added")
