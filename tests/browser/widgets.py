"""Driving Streamlit widgets from the browser tests, once for every test.

A click on a select box that lands while a script run is still redrawing the page (an
expander just opened, a form just folded) can be lost, and the option list never opens: on a
loaded machine the full classroom loop failed that way. So wait for the run to end, open the
list, and open it again if no option shows.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page

WAIT = 30_000
TRIES = 4


def idle(page: Page) -> None:
    """Wait until the app has finished its script run (its "running" indicator is gone)."""
    from playwright.sync_api import expect  # imported here: a test module skips when Playwright is missing

    expect(page.get_by_test_id("stStatusWidgetRunningIcon")).to_have_count(0, timeout=WAIT)


def current(page: Page) -> Locator:
    """The page's elements less those a script run has not yet redrawn (``data-stale``).

    While a run redraws the page, the last run's copy of an element stays on screen until the
    run ends, and a moved element is briefly there twice: a click must pick the new one.
    """
    return page.locator('[data-testid="stElementContainer"]:not([data-stale="true"])')


def field(page: Page, name: str) -> Locator:
    """The rubric editor's field ``name`` (``title``, ``question``). Its key changes at each load,
    so until the run that loaded a rubric ends the last form's field is on screen too (stale)."""
    return current(page).and_(page.locator(f'[class*="st-key-editor_f"][class*="_{name}"]'))


def choose(page: Page, key: str, option: str | re.Pattern[str], exact: bool = False) -> None:
    """Pick ``option`` in the select box whose widget key is ``key``."""
    from playwright.sync_api import expect

    box = page.locator(f".st-key-{key} [role=combobox]")
    expect(box).to_be_visible(timeout=WAIT)
    wanted = page.get_by_role("option", name=option, exact=exact) if isinstance(option, str) else \
        page.get_by_role("option", name=option)
    for attempt in range(TRIES):
        idle(page)
        box.click()
        try:
            expect(wanted.first).to_be_visible(timeout=WAIT // TRIES)
            break
        except AssertionError:
            if attempt == TRIES - 1:
                raise
            page.keyboard.press("Escape")
    wanted.first.click()


def open_tab(page: Page, name: str) -> None:
    """Open the tab ``name``: like a select box, a click landing while a run redraws the page can
    be lost on a loaded machine (the full suite saw "Class heatmap" stay unselected once)."""
    from playwright.sync_api import expect

    tab = page.get_by_role("tab", name=name)
    for attempt in range(TRIES):
        idle(page)
        tab.click()
        try:
            expect(tab).to_have_attribute("aria-selected", "true", timeout=WAIT // TRIES)
            return
        except AssertionError:
            if attempt == TRIES - 1:
                raise
