"""Rubric editor: suggest evidence from the notes and add a passage as a cited point."""
from __future__ import annotations

from typing import Any

import streamlit as st

from app_pages import editor_copy as wc
from app_pages.common import engine
from app_pages.editor_form import init
from essaycoach.markup import escape_markdown
from essaycoach.rubric import SIDES
from essaycoach.rubric_edit import point_id

ADD_ERROR = "editor_add_error"


def add_point(text: str = "", file: str | None = None, line: int | None = None, side: str = "for") -> None:
    wc.fresh()
    draft = wc.sync()
    new_id = point_id(text or "new point", (p["id"] for p in draft["points"]))
    point: dict[str, Any] = {"_uid": wc.new_uid(), "id": new_id, "side": side, "text": text}
    if file:
        point["source"] = {"file": file, "line": line}
    draft["points"].append(point)
    st.session_state[wc.NOTICE] = f"Added point {len(draft['points'])} {point['id']!r} (not saved yet)."


def _add_hit(n: int) -> None:
    _, file, line, text = st.session_state[wc.HITS][n]
    add_point(text, file, line, st.session_state.get("editor_suggest_side", "for"))


def suggest(draft: dict[str, Any]) -> None:
    st.subheader("Suggest evidence from the notes")
    query = st.text_input("Look for (words, names, dates; the question is used when this is empty)",
                          key=init("editor_suggest_q", draft.get("question", "")))
    with st.container(horizontal=True, vertical_alignment="bottom"):
        st.selectbox("Add suggestions on the side", list(SIDES), key="editor_suggest_side", width=220)
        clicked = st.button("Suggest passages", key="editor_suggest", icon="🔎")
    if clicked:
        hits = engine().index.search(query.strip() or draft.get("question", ""), k=8)
        st.session_state[wc.HITS] = [(h.passage.citation, h.passage.file, h.passage.line, h.passage.text)
                                     for h in hits]
        if not hits:
            st.info("No passages in the notes match those words: try other words or names.")
    cited = {((p.get("source") or {}).get("file"), (p.get("source") or {}).get("line")) for p in draft["points"]}
    for n, (citation, file, line, text) in enumerate(st.session_state.get(wc.HITS) or []):
        cols = st.columns([6, 1], vertical_alignment="center")
        cols[0].markdown(f"{escape_markdown(citation)} · {escape_markdown(text)}")
        if (file, line) in cited:
            cols[1].button("✔ Cited", key=f"editor_add_{n}", disabled=True, help="A point already cites this line")
        else:
            cols[1].button("Add as point", key=f"editor_add_{n}", on_click=_add_hit, args=(n,),
                           help=f"Add a new point citing {citation}")
