"""essaycoach Streamlit app: a thin router over the same core the CLI uses.

Run with ``make app`` or ``streamlit run app.py`` (both read ``.streamlit/config.toml``).
Icons are a local image and emoji that plain fonts also draw (✍ ☑ ✔ ✏), never
``:material/...:`` names: those make the browser fetch from Google's font host, and nothing may
leave the machine.
"""
from __future__ import annotations

from pathlib import Path

import streamlit as st

from app_pages import access

PAGES = Path(__file__).parent / "app_pages"
APP_ICON = Path(__file__).parent / "app_pages" / "icon.png"   # served by the app itself
# Holds a click on another page until the field just left has been sent (see the file).
LEAVE_SAFELY = (PAGES / "leave_safely.html").read_text(encoding="utf-8")
# Section -> (page file in app_pages/, title, icon); the first student page opens by default.
NAVIGATION: dict[str, list[tuple[str, str, str]]] = {
    "Student": [
        ("practice.py", "Timed practice", "✍️"),
        ("progress.py", "My attempts", "☑️"),
    ],
    "Teacher": [
        ("class_marking.py", "Mark a class set", "✔️"),
        ("rubric_editor.py", "Rubric editor", "✏️"),
    ],
}


def main() -> None:
    st.set_page_config(page_title="essaycoach", page_icon=APP_ICON, layout="wide")
    # A frame of one pixel at the foot of the sidebar, out of the Tab order: its script listens to the page.
    st.sidebar.iframe(LEAVE_SAFELY, width=1, height=1, tab_index=-1, alt="Keeps what you typed when you change page")
    if access.classroom_on():  # classroom mode: pages by role, sign-in first (see app_pages/access.py)
        st.navigation(access.classroom_sections()).run()
        return
    first = NAVIGATION["Student"][0][0]
    nav = st.navigation({
        section: [st.Page(PAGES / file, title=title, icon=icon, default=file == first)
                  for file, title, icon in pages]
        for section, pages in NAVIGATION.items()})
    nav.run()


main()
