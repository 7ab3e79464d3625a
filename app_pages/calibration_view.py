"""The "Calibrate to my marking" panel of the class-marking page.

The teacher's reviewed and overridden essays become labels; a fit turns them into per-point
thresholds and weights stored beside the rubric, with agreement before and after measured on
essays each fold's fit did not see, and every disagreement listed so the rubric can be fixed.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from typing import Literal

import pandas as pd
import streamlit as st

from app_pages.common import engine
from essaycoach.calibrate import MIN_ESSAYS, CalibrationResult, TeacherLabel, calibrate
from essaycoach.errors import CalibrationError
from essaycoach.evaluation import Agreement
from essaycoach.exemplars import Exemplar, strict_points
from essaycoach.loaders import delete_calibration, load_calibration, save_calibration, update_calibration
from essaycoach.markup import counted, escape_markdown
from essaycoach.rubric import Rubric
from essaycoach.thresholds import Calibration

RECOMMENDED = 10
_RESULT = "calib_result"  # session key: the last fit's figures, shown until the next fit


def render_calibration(rubric: Rubric, labels: Sequence[TeacherLabel], open_key: str | None = None) -> None:
    """Show the panel. Fitting or removing a calibration reruns the page, which then marks
    with the stored calibration (or without one).

    ``open_key`` is the session key of the page's per-student selector: a disagreement's
    "Open" button selects that student's essay there.
    """
    try:
        current = load_calibration(rubric.id)
    except CalibrationError as exc:
        current = None
        st.error(f"The stored calibration cannot be used: {escape_markdown(str(exc))}. Fit again or remove it.",
                 icon="⚠️")
        if st.button("Remove the damaged calibration", key="calib_remove_damaged"):
            delete_calibration(rubric.id)
            st.rerun()
    if current is not None:
        # The stored file says when it was fitted: text from disk, escaped like any other.
        fitted = f" (fitted {escape_markdown(current.fitted_at.replace('T', ' '))})" if current.fitted_at else ""
        if current.kept_defaults:
            st.info(f"Fitted to your marking of {counted(current.essays, 'essay')}{fitted}, but the engine's "
                    "defaults were kept: every learnt version marked the essays the fit did not see worse. Mark more "
                    "essays and fit again.")
        else:
            st.success(f"✔ Calibrated to your marking of {counted(current.essays, 'essay')}{fitted}.")
            _wordings(current, rubric)
    else:
        st.info("Not calibrated: the engine's default thresholds and the rubric's weights are used.")
    n_marks = sum(label.mark is not None for label in labels)
    st.write(f"**{len(labels)}** essays marked by you so far ({n_marks} with a mark). Review an essay "
             "(tick *I have checked this essay*) or override its points or mark to add it; "
             f"at least {MIN_ESSAYS} are needed and about {RECOMMENDED} give a steady fit.")
    cols = st.columns(2)
    fit = cols[0].button("Fit calibration to my marking", key="calib_fit", type="primary",
                         disabled=len(labels) < MIN_ESSAYS,
                         help=f"needs at least {MIN_ESSAYS} marked essays")
    remove = cols[1].button("Remove calibration", key="calib_remove", disabled=current is None)
    if fit:
        with st.spinner("Fitting and cross-validating..."):
            try:
                result = calibrate(engine(), rubric, list(labels),
                                   fitted_at=datetime.now().isoformat(timespec="seconds"))
            except CalibrationError as exc:
                st.error(escape_markdown(str(exc)), icon="⚠️")
                result = None
        if result is not None:
            save_calibration(result.calibration)
            st.session_state[_RESULT] = (rubric.id, result)
            st.toast("✔ Calibration saved; the class set is re-marked with it.")
            st.rerun()
    if remove:
        delete_calibration(rubric.id)
        st.session_state.pop(_RESULT, None)
        st.toast("Calibration removed: back to the engine's defaults.")
        st.rerun()
    shown = st.session_state.get(_RESULT)
    if shown and shown[0] == rubric.id:
        _figures(shown[1], open_key)


def _wordings(current: Calibration, rubric: Rubric) -> None:
    """What the calibration learnt beyond cut-offs: the sentences you credited or rejected, each
    removable (a wrong one would otherwise keep crediting or blocking that wording)."""
    if current.note:
        st.caption(escape_markdown(current.note))
    if not current.exemplars:
        st.caption("No wordings learnt: this marking credited or rejected no sentence.")
        return
    kinds = [ex.kind for ex in current.exemplars]
    counts = ", ".join(f"{kinds.count(k)} {k}" for k in ("credited", "confirmed", "rejected") if k in kinds)
    strict = sorted(strict_points(current.exemplars, rubric))
    if strict:
        st.caption("Points you mostly did not credit where the engine did, now made only by a sentence like "
                   "one you credited (remove their rejected wordings to undo): "
                   + escape_markdown(", ".join(strict)))
    with st.expander(f"Wordings learnt from your marking ({counts})", key="calib_wordings"):
        st.caption("A credited sentence (a point you ticked that was not found) now counts as one more way "
                   "to make its point; a confirmed one (a point you agreed was found) adds no wording. A "
                   "half-made point whose sentence closely resembles a credited or confirmed one is made; a "
                   "rejected one holds back matches that nearly repeat it. Remove any that is wrong. "
                   "To keep a credited one for good as an alias of its point, click *Make alias* under that "
                   "point in the Rubric editor (or `essaycoach exemplars RUBRIC --promote N`).")
        for n, ex in enumerate(current.exemplars):
            cols = st.columns([6, 1])
            who = f" ({ex.student})" if ex.student else ""
            cols[0].text(f"{ex.point} · {ex.kind}{who}: {ex.sentence}")
            cols[1].button("Remove", key=f"calib_wording_{n}", on_click=_remove_wording, args=(rubric.id, ex))


def _remove_wording(rubric_id: str, wording: Exemplar) -> None:
    """Remove ``wording`` from the calibration as it is now (another tab may have changed it since
    this page was drawn: by its place in the list, the wrong wording would go)."""
    update_calibration(rubric_id, lambda cal: replace(cal, exemplars=tuple(e for e in cal.exemplars if e != wording)))


def agreement_table(result: CalibrationResult) -> pd.DataFrame:
    """Per-point and overall precision/recall before and after, on held-out essays."""
    after = {p.id: p for p in result.after.points}
    rows = [{"point": p.id, "precision before": p.precision, "recall before": p.recall,
             "precision after": after[p.id].precision, "recall after": after[p.id].recall}
            for p in result.before.points]
    rows.append({"point": "all points (micro)", **_micro(result.before, "before"), **_micro(result.after, "after")})
    return pd.DataFrame(rows).round(2)


def _micro(ag: Agreement, when: str) -> dict[str, float]:
    return {f"precision {when}": ag.micro_precision, f"recall {when}": ag.micro_recall}


def _colour(change: float, nothing: float) -> Literal["normal", "off"]:
    """A metric's change in colour (green up, red down), grey when it rounds to no change."""
    return "off" if abs(change) < nothing else "normal"


def _figures(result: CalibrationResult, open_key: str | None) -> None:
    b, a = result.before, result.after
    st.markdown(f"**Agreement with you on essays the fit did not see** ({result.folds}-fold cross-validation, "
                f"{counted(result.calibration.essays, 'essay')})")
    m = st.columns(4)
    m[0].metric("Points F1", f"{a.micro_f1:.2f}", f"{a.micro_f1 - b.micro_f1:+.2f} vs uncalibrated",
                delta_color=_colour(a.micro_f1 - b.micro_f1, 0.005))
    if result.levels_compared:
        m[1].metric("Level exact", f"{a.level_exact:.0%}", f"{100 * (a.level_exact - b.level_exact):+.0f} pts",
                    delta_color=_colour(a.level_exact - b.level_exact, 0.005))
        m[2].metric("Level within one", f"{a.level_within_one:.0%}",
                    f"{100 * (a.level_within_one - b.level_within_one):+.0f} pts",
                    delta_color=_colour(a.level_within_one - b.level_within_one, 0.005))
        m[3].metric("Weighted kappa", f"{a.qwk:.2f}", f"{a.qwk - b.qwk:+.2f}",
                    delta_color=_colour(a.qwk - b.qwk, 0.005))
    else:
        m[1].write("No marks given, so no level agreement: enter marks to compare levels too.")
    st.dataframe(agreement_table(result), hide_index=True)
    st.markdown(f"**Where the calibrated engine still disagrees with you** ({len(result.disagreements)}). "
                "Fix the rubric where it is wrong: add an alias, reword a point.")
    for i, d in enumerate(result.disagreements[:50]):
        cols = st.columns([5, 1])
        quote = f' — "{d.sentence}"' if d.sentence else ""
        cols[0].text(f"{d.student} · {d.point}: you said {d.teacher}; engine {d.engine}{quote}")
        if open_key:
            # A callback runs before the next script run, when the selector's state may be set.
            cols[1].button("Open", key=f"calib_open_{i}", help=f"open {escape_markdown(d.student)}'s essay",
                           on_click=_open, args=(open_key, d.student))


def _open(open_key: str, student: str) -> None:
    st.session_state[open_key] = student
