"""Rubric editor: the wordings the rubric's calibration learnt from the teacher's marking, under
each point, and "Make alias" to keep a credited one for good in the rubric.

A promotion goes through the same core step as ``essaycoach exemplars --promote``
(``thresholds.promote_exemplars``) and the editor's own save (``editor_copy.write``: conflict
checks, a kept version, the file's layout kept, so the file gains one alias and nothing else);
the wording then leaves the calibration.
"""
from __future__ import annotations

from typing import Any

import streamlit as st

from app_pages import editor_copy as wc
from essaycoach.errors import CalibrationError, UnknownRubricError
from essaycoach.exemplars import Exemplar
from essaycoach.loaders import load_calibration, save_calibration
from essaycoach.markup import counted, escape_markdown
from essaycoach.rubric import rubric_to_dict
from essaycoach.rubric_edit import plain
from essaycoach.thresholds import Calibration, promote_exemplars


def learnt() -> Calibration | None:
    """The calibration of the rubric open in the editor (None: a new rubric, none stored, or a
    damaged one, which the calibration panel reports)."""
    origin = st.session_state.get(wc.ORIGIN)
    try:
        return load_calibration(origin) if origin else None
    except (CalibrationError, UnknownRubricError):
        return None


def summary(cal: Calibration | None, draft: dict[str, Any]) -> None:
    """One line above the points: how many wordings are shown under them, and any whose point is gone."""
    if cal is None or not cal.exemplars:
        return
    ids = {p.get("id") for p in draft["points"]}
    orphans = sum(ex.point not in ids for ex in cal.exemplars)
    st.caption(f"{counted(len(cal.exemplars) - orphans, 'wording')} learnt from your marking, listed under their "
               "points: "
               "“Make alias” keeps a credited one for good as an alias of its point (saved at once)."
               + (f" {orphans} are for points this rubric no longer has; remove them on the class-marking "
                  "calibration panel." if orphans else ""))


def wordings(point: dict[str, Any], cal: Calibration | None, draft: dict[str, Any]) -> None:
    """Inside a point's panel: the sentences the teacher credited or rejected for it, each
    credited one with "Make alias" (only over no unsaved edits: the click saves the file)."""
    done = st.session_state.get(wc.PROMOTED)
    if done and done[0] == point.get("id"):   # confirmed where the teacher clicked, not only at the top
        st.success(f"✔ Now an alias of this point, and saved: “{escape_markdown(done[1])}”")
    found = [(n, ex) for n, ex in enumerate(cal.exemplars if cal else ()) if ex.point == point.get("id")]
    if not found:
        return
    clean = plain(draft) == st.session_state.get(wc.BASE)
    st.markdown(f"**Learnt from your marking** ({len(found)})")
    for n, ex in found:
        cols = st.columns([6, 1], vertical_alignment="center")
        who = f" ({escape_markdown(ex.student)})" if ex.student else ""
        mark = f"✔ {ex.kind}" if ex.positive else "✘ rejected"
        cols[0].markdown(f"{mark}{who}: “{escape_markdown(ex.sentence)}”")
        if ex.positive:
            cols[1].button("Make alias", key=f"editor_promote_{n}", on_click=promote, args=(ex,), disabled=not clean,
                           help="Add this sentence to the point's aliases and save the rubric now"
                           if clean else "Save or discard your changes first: this saves the rubric")


def promote(exemplar: Exemplar) -> None:
    """Keep ``exemplar`` as an alias of its point: saved like a Save, then gone from the calibration."""
    wc.fresh()
    ss = st.session_state
    draft = wc.sync()
    rubric, problems = wc.validate(draft)
    if wc.dirty() or rubric is None or problems:
        ss[wc.NOTICE] = "⚠️ Not made an alias: save or discard your changes first (making an alias saves the rubric)."
        return
    try:
        cal = load_calibration(rubric.id)
        if cal is None or exemplar not in cal.exemplars:
            raise CalibrationError("that wording is no longer among those learnt (removed in another tab?)")
        promoted, kept = promote_exemplars(rubric, cal, [cal.exemplars.index(exemplar) + 1])
    except (CalibrationError, UnknownRubricError) as exc:
        ss[wc.NOTICE] = f"⚠️ Not made an alias: {exc}"
        return
    path = wc.write(promoted)
    if path is None:          # refused (changed on disk since it was opened...): shown at the Save button
        return
    save_calibration(kept)
    wc.load(rubric_to_dict(promoted), promoted.id,
            f"✔ “{' '.join(exemplar.sentence.split())}” is now an alias of {exemplar.point}; saved {path.name} "
            "(the version before is kept under Versions) and removed from the learnt wordings.")
    ss[wc.PROMOTED] = (exemplar.point, " ".join(exemplar.sentence.split()))
    for p in ss[wc.DRAFT]["points"]:   # its panel stays open, to see the new alias
        if p.get("id") == exemplar.point:
            ss[f"editor_p_{p['_uid']}_open"] = True
