"""essaycoach Streamlit app: a thin router over the same core the CLI uses.

Run with ``make app`` (or ``streamlit run app.py``).
"""
from __future__ import annotations

from pathlib import Path

import streamlit as st

from app_pages import access

PAGES = Path(__file__).parent / "app_pages"


def main() -> None:
    st.set_page_config(page_title="essaycoach", page_icon=":material/history_edu:", layout="wide")
    if access.classroom_on():  # classroom mode: pages by role, sign-in first (see app_pages/access.py)
        st.navigation(access.classroom_sections()).run()
        return
    nav = st.navigation({
        "Student": [
            st.Page(PAGES / "practice.py", title="Timed practice", icon=":material/timer:", default=True),
            st.Page(PAGES / "progress.py", title="My attempts", icon=":material/insights:"),
        ],
        "Teacher": [
            st.Page(PAGES / "class_marking.py", title="Mark a class set", icon=":material/groups:"),
            st.Page(PAGES / "rubric_editor.py", title="Rubric editor", icon=":material/edit_note:"),
        ],
    })
    nav.run()


main()
