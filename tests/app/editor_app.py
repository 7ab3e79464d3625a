"""Driving the rubric editor page through AppTest: open a rubric, find a point's widgets."""
from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

PAGE = Path(__file__).resolve().parents[2] / "app_pages" / "rubric_editor.py"


def open_rubric(rubric_id: str = "trotsky-errors") -> AppTest:
    """The editor with ``rubric_id`` loaded (from the folder ``ESSAYCOACH_RUBRICS`` names)."""
    at = AppTest.from_file(str(PAGE), default_timeout=120).run()
    assert not at.exception
    at.selectbox(key="editor_pick").select(rubric_id)
    at.button(key="editor_load").click().run()
    assert not at.exception
    return at


def field(at: AppTest, name: str) -> str:
    """The widget key of a field (``title``) or a level's box (``l0_desc``): it changes at each
    load (``editor_copy.key``), so that a browser still showing the last form cannot send its values."""
    if name == "id":   # and the id's each time it follows the title of a new rubric
        name += str(len(at.session_state["editor_draft"].get("_auto_ids") or []))
    return f"editor_f{at.session_state['editor_form']}_{name}"


def point_prefix(at: AppTest, point: str) -> str:
    """The widget-key prefix of a point, found by its id field."""
    return next(w.key[: -len("id")] for w in at.text_input if w.key and w.key.startswith("editor_p_")
                and w.key.endswith("_id") and w.value == point)


def point_key(at: AppTest, point: str, field: str) -> str:
    """The widget key of a point's ``field`` (id, text, aliases...), found by the point's id."""
    return point_prefix(at, point) + field


def save_titles(at: AppTest, *titles: str) -> AppTest:
    """Save the opened rubric once under each title in turn: one version kept per save."""
    for title in titles:
        at.text_input(key=field(at, "title")).input(title)
        at.button(key="editor_save").click().run()
    return at
