"""The visible countdown for timed writing, shared by timed practice and the classroom pages.

The clock runs in the browser (no reruns needed to tick). Its second job: a text area only
sends its value on blur or Ctrl+Enter, so while the student types it sends Ctrl+Enter every
second (the text area has ``on_change="ignore"``, so that is silent) and the next autosave run
receives the text; before a click on another page it presses the page's "Save now" first.
The server, not this script, decides when time is up. Timed practice and the classroom pages
both use it.
"""
from __future__ import annotations

import html
import math
from pathlib import Path

import streamlit as st

from app_pages.drafts import fingerprint

_CLOCK = (Path(__file__).parent / "countdown_clock.html").read_text(encoding="utf-8")


def countdown(seconds_left: float, text_key: str, overrun: bool = False,
              done: str = "sending your essay…", save_key: str = "", draft: str = "") -> None:
    """Show the clock, and keep the text area with widget key ``text_key`` sending its text.
    At time, the clock reads "Time is up · ``done``", or counts the overrun if ``overrun``.
    ``save_key``: the page's "Save now" button, pressed before a click on another page.
    ``draft``: what the essay is (its writer and question), under whose fingerprint the tab keeps
    the words typed, for a reload that ends the page before they are saved."""
    page = (_CLOCK.replace("__LEFT__", f"{seconds_left:.1f}")
            .replace("__OVERRUN__", "true" if overrun else "false")
            .replace("__DONE__", html.escape(done)).replace("__KEY__", text_key).replace("__SAVE__", save_key)
            .replace("__WHO__", fingerprint(draft) if draft else ""))
    # Kept in view while the page scrolls (on a phone the essay box is taller than the screen, and
    # a walk saw the clock scroll away), below Streamlit's header bar.
    # The container's wrapper is what sticks: the container alone is only as tall as its parent.
    # And no "Press Ctrl+Enter to apply" in the essay box: the clock sends its words, and a student
    # told to press a key to keep them doubts the autosave (a walk's finding).
    st.html(f"<style>:has(> .st-key-{CLOCK_BOX}){{position:sticky;top:3.75rem;z-index:99;"
            "background:var(--st-background-color,#fff)}"
            f".st-key-{text_key} [data-testid='InputInstructions']{{display:none}}</style>")
    with st.container(key=CLOCK_BOX):
        st.iframe(page, height=62, alt="Countdown clock")


CLOCK_BOX = "essay_clock"  # the clock's container, by its CSS class .st-key-essay_clock


def minutes_left(seconds: float) -> str:
    """Time left in whole minutes, rounded up ("about 45 minutes left"): a line refreshed every few
    seconds beside the ticking clock must not show other seconds than it (a walk saw 44:55 beside
    44:57)."""
    if seconds < 60:
        return "under a minute left"
    minutes = math.ceil(seconds / 60)
    return f"about {minutes} minute{'s' if minutes != 1 else ''} left"


def clock(seconds: float) -> str:
    """``m:ss`` or ``h:mm:ss``."""
    hours, rest = divmod(int(max(0, seconds)), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
