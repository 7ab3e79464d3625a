"""Rubric editor: new points, and evidence suggested from the notes (the rubric's own notes
first, no headings or fragments), each added as a cited point once its side is chosen."""
from __future__ import annotations

import math
import re
from collections import Counter
from typing import Any

import streamlit as st

from app_pages import editor_copy as wc
from app_pages.common import engine, load_rubrics
from essaycoach.editor_state import default_side, rank_evidence, readable_id
from essaycoach.loaders import rubric_ids
from essaycoach.markup import escape_markdown
from essaycoach.rubric import SIDES
from essaycoach.rubric_edit import point_id

ADD_ERROR = "editor_add_error"   # (hit number, message) shown at that hit's "Add as point"
SEARCH_DEPTH = 40                # hits fetched before headings are dropped and own notes put first


@st.cache_data(show_spinner=False)
def _rarity(notes: tuple[tuple[str, tuple[str, ...]], ...]) -> dict[str, float]:
    """Inverse document frequency of each word over the lines of the notes: telling words score high."""
    lines = [ln.lower() for _, file_lines in notes for ln in file_lines if ln.strip()]
    df = Counter(w for ln in lines for w in set(re.findall(r"[a-z0-9]+", ln)))
    return {w: math.log(len(lines) / n) for w, n in df.items()}


def new_id(text: str, draft: dict[str, Any]) -> str:
    taken = [p.get("id") for p in draft["points"]]
    others = [str(p.get("text") or "") for p in draft["points"]]   # the rubric's other points
    return readable_id(text or "new point", [t for t in taken if t], _rarity(tuple(sorted(wc.notes().items()))),
                       others=others)


def add_point(text: str = "", file: str | None = None, line: int | None = None, side: str | None = None) -> None:
    wc.fresh()
    draft = wc.sync()
    side = side or default_side(str(draft.get("question") or ""))
    pid = new_id(text, draft)
    point: dict[str, Any] = {"_uid": wc.new_uid(), "_auto": [pid], "id": pid, "side": side, "text": text}
    if file:
        point["source"] = {"file": file, "line": line}
    draft["points"].append(point)
    # Not its id: that follows the text typed next.
    st.session_state[wc.NOTICE] = f"Added point {len(draft['points'])} (not saved yet)."


def follow_text(draft: dict[str, Any]) -> None:
    """A new point's id follows its text, and a new rubric's id its title, until the teacher
    types an id of their own (a new rubric stayed "new-prompt" whatever its title).

    An id is the teacher's own when it is none of the ids given so far (``_auto_ids``, a point's
    ``_auto``): the browser may send back an id given a run or two ago, when the teacher typed
    on while the run that changed it was still drawing, and that is no id of theirs."""
    title = str(draft.get("title") or "")
    given = draft.get("_auto_ids") or []
    if (st.session_state.get(wc.ORIGIN) is None and draft.get("id") in given
            and title.strip() and title != draft.get("_auto_title")):
        rid = point_id(title, [r for r in rubric_ids() if r != draft["id"]])
        if rid != draft["id"]:
            draft["id"] = rid
            draft["_auto_ids"] = [*given, rid]   # and so the id's field has a new key, showing it (wc.key)
    for p in draft["points"]:
        if p.get("_auto") and p.get("text") and p.get("id") in p["_auto"]:
            pid = new_id(p["text"], {"points": [q for q in draft["points"] if q is not p]})
            if pid != p["id"]:
                p["id"] = pid
                p["_auto"] = [*p["_auto"], pid]   # and so the id's field has a new key (wc.point_key)


def _add_hit(n: int) -> None:
    side = st.session_state.get(f"editor_add_side_{n}")
    if side is None:
        st.session_state[ADD_ERROR] = (n, "Choose which side this point is on first (for, against or neutral).")
        return
    st.session_state[ADD_ERROR] = None
    _, file, line, text = st.session_state[wc.HITS][n]
    add_point(text, file, line, side)


def _own_files(draft: dict[str, Any]) -> set[str]:
    """The rubric's own notes: its source, the sources of its topic's prompts, files its points cite."""
    good, _ = load_rubrics()
    files = {draft.get("source") or ""} | {r.source for r in good if r.topic and r.topic == draft.get("topic")}
    files |= {(p.get("source") or {}).get("file") or "" for p in draft["points"]}
    return files - {""}


def suggest(draft: dict[str, Any]) -> None:
    st.subheader("Suggest evidence from the notes")
    query = st.text_input("Look for (words, names, dates; the question is used when this is empty)",
                          key=wc.key("suggest_q"), value=draft.get("question", ""))
    if st.button("Suggest passages", key="editor_suggest"):
        wanted = query.strip() or draft.get("question", "")
        index = engine().index
        hits = index.search(wanted, k=SEARCH_DEPTH)
        # Only passages sharing the content, as for "Read this": a word in common is no evidence.
        ranked = rank_evidence(index.sharing(wanted, hits, min_terms=1), _own_files(draft))
        st.session_state[wc.HITS] = [(h.passage.citation, h.passage.file, h.passage.line, h.passage.text)
                                     for h in ranked]
        st.session_state[ADD_ERROR] = None
        if not ranked and hits and not query.strip():
            st.info("No passage of the notes shares enough of the question's words: type the names or "
                    "words of a point to look for it.")
        elif not ranked:
            st.info("The notes do not seem to cover this: no passage shares enough of those words. Try other "
                    "words or names, or write the point yourself." if hits else
                    "No passages in the notes match those words: try other words or names.")
    cited = {((p.get("source") or {}).get("file"), (p.get("source") or {}).get("line")) for p in draft["points"]}
    error = st.session_state.get(ADD_ERROR)
    for n, (citation, file, line, text) in enumerate(st.session_state.get(wc.HITS) or []):
        cols = st.columns([5, 2, 2], vertical_alignment="center")
        cols[0].markdown(f"{escape_markdown(citation)} · {escape_markdown(text)}")
        if (file, line) in cited:
            cols[2].button("✔ Cited", key=f"editor_add_{n}", disabled=True, help="A point already cites this line")
            continue
        cols[1].selectbox("Side", list(SIDES), index=None, key=f"editor_add_side_{n}", placeholder="Which side?",
                          label_visibility="collapsed")
        cols[2].button("Add as point", key=f"editor_add_{n}", on_click=_add_hit, args=(n,),
                       help=f"Add a new point citing {citation}")
        if error and error[0] == n:
            st.error(error[1], icon="⚠️")
