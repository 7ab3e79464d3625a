"""The class set on show on the class-marking page: which one, marked (cached), with the
teacher's marking and comments, as one :class:`Current`.

Everything a teacher would mind losing is in the database; the page only caches marking,
which is deterministic and quick to redo.
"""
from __future__ import annotations

from contextlib import closing
from dataclasses import dataclass
from datetime import datetime

import streamlit as st

from app_pages.common import distinct, engine
from essaycoach import classes as cls
from essaycoach import comment_bank as cbank
from essaycoach import marking
from essaycoach.batch import BatchRow
from essaycoach.calibrate import Calibration
from essaycoach.class_lessons import Lessons, lessons
from essaycoach.errors import CalibrationError
from essaycoach.learn import mark_with_lessons
from essaycoach.loaders import load_calibration
from essaycoach.markup import counted, escape_markdown
from essaycoach.rubric import Rubric

CURRENT = "class_current"     # session key: id of the class set on show
OPEN = "class_open"           # widget key: the "Class set" selector
STUDENT = "class_student"     # widget key: the essay on show in the per-student view
CHOSEN = "class_chosen"       # session key: the student on show, kept while another tab is open
JUST_MARKED = "class_just_marked"  # session key: a set just stored, to select on the next run
CACHE = "class_marked"        # session key: ((set id, rubric, calibration), rows)
APPLIED = "class_lesson_applied"  # session key: the set just re-marked with what was learnt ("Apply")
PROBLEMS = "class_problems"   # session key: (set id, uploads left out of that set)


@dataclass(frozen=True)
class Current:
    """The class set on show: its rubric, its marked rows and the teacher's marking."""

    set: cls.ClassSet
    rubric: Rubric
    calibration: Calibration | None  # the rubric's calibration, when the teacher marks with it
    rows: list[BatchRow]            # in upload order: index = essay row
    stored: list[cls.StoredEssay]
    overridden: dict[int, dict[str, cls.Override]]
    entries: list[marking.Entry]    # one per essay: the engine's report and the teacher's marking
    bank: list[cbank.BankComment]    # the rubric's comment bank
    picked: dict[int, list[cbank.BankComment]]
    lessons: Lessons                 # what re-marking with the teacher's marking taught this set

    @property
    def calibrated(self) -> bool:
        return self.calibration is not None

    @property
    def names(self) -> list[str]:
        return [e.name for e in self.entries]

    @property
    def reviewed(self) -> frozenset[int]:
        return frozenset(e.row for e in self.stored if e.reviewed)

    def comments(self) -> dict[int, tuple[marking.Comment, ...]]:
        return {row: tuple(c.as_comment() for c in found) for row, found in self.picked.items()}


def db():
    return closing(cbank.open_db())


def select_new(set_id: int) -> None:
    """Put a set just stored on show from the next run on (the selector follows it)."""
    st.session_state[JUST_MARKED] = set_id


def apply_selection(form_key: str) -> None:
    """Before any widget is drawn: a set just marked becomes the selector's value, so that the
    selector (and every later rerun) names it, never the set that was on show before; the
    upload form (``form_key``, an expander) folds away to show it."""
    ss = st.session_state
    new = ss.pop(JUST_MARKED, None)
    if new is not None:
        ss[CURRENT] = ss[OPEN] = new
        ss[form_key] = False
        for key in (STUDENT, CHOSEN):
            ss.pop(key, None)


def _set_label(s: cls.ClassSet) -> str:
    made = datetime.fromtimestamp(s.created_at)
    return f"{s.name} · {s.rubric_id} · {counted(s.essays, 'essay')} · {made:%d %b %Y %H:%M}"


def pick_set(good: list[Rubric]) -> tuple[cls.ClassSet, Rubric] | None:
    """The class set on show (the one just marked, or one reopened), with its rubric."""
    with db() as conn:
        sets = {s.id: s for s in cls.list_sets(conn)}
    if not sets:
        return None
    ss = st.session_state
    ids = list(sets)
    if ss.get(OPEN) not in ids:   # first run, or the set on show was deleted
        ss[OPEN] = ss[CURRENT] if ss.get(CURRENT) in ids else ids[0]
    chosen = st.selectbox(
        "Class set", ids, key=OPEN, format_func=distinct({i: _set_label(s) for i, s in sets.items()}),
        help="Every class set you have marked is kept, with your overrides; newest first.")
    if chosen != ss.get(CURRENT):
        ss[CURRENT] = chosen
        ss.pop(STUDENT, None)
        ss.pop(CHOSEN, None)
    found = sets[chosen]
    rubric = next((r for r in good if r.id == found.rubric_id), None)
    if rubric is None:
        st.error(f"This class set was marked against the rubric {escape_markdown(found.rubric_id)}, which "
                 "no longer exists or is invalid; restore it in the rubric editor to see the results.", icon="⚠️")
        return None
    return found, rubric.timed(found.minutes)  # an assignment's essays: for the time they were given


def _calibration(rubric: Rubric) -> Calibration | None:
    try:
        stored = load_calibration(rubric.id)
    except CalibrationError as exc:
        st.warning(f"Marking without calibration: {escape_markdown(str(exc))}", icon="⚠️")
        return None
    if stored is None or stored.kept_defaults:  # nothing learnt to switch on
        return None
    on = st.toggle("Use calibration fitted to my marking", value=True, key="class_use_cal",
                   help=f"Fitted to your marking of {counted(stored.essays, 'essay')}. Off shows the engine's "
                        "uncalibrated verdicts.")
    return stored if on else None


def _marked(set_id: int, rubric: Rubric, calibration: Calibration | None, lessons: Lessons) -> list[BatchRow] | None:
    """The set marked against ``rubric``, each essay with the calibration and what the set has
    learnt for it, cached per set, rubric, calibration and lessons; a progress bar shows while
    marking and the reports are stored."""
    key = (set_id, rubric, calibration, lessons)
    cached = st.session_state.get(CACHE)
    if cached and cached[0] == key:
        return cached[1]
    with db() as conn:
        stored = cls.essays(conn, set_id)
    bar = st.progress(0.0, text=f"Marking {counted(len(stored), 'essay')}…")

    def progress(done: int, total: int) -> None:
        bar.progress(done / max(1, total), text=f"Marked {done} of {total} essays")

    try:
        rows = mark_with_lessons([e.as_input() for e in stored], rubric, engine(), calibration, lessons.by_row(),
                                 progress=progress)
    except Exception as exc:  # never a traceback: the essays are safe in the database
        st.error(f"The class set could not be marked ({type(exc).__name__}: {escape_markdown(str(exc))}). "
                 "Its essays are stored; reload the page to try again.", icon="⚠️")
        return None
    finally:
        bar.empty()
    with db() as conn:
        try:
            before = cls.stored_reports(conn, set_id, rubric)
        except (ValueError, KeyError, TypeError):   # a report this version cannot read: nothing to compare
            before = {}
        cls.save_results(conn, set_id, rows)
        # kept until dismissed, with whether the teacher's own "Apply" did it (not a change of
        # the rubric or calibration)
        cls.note_remarked(conn, set_id, marking.remarked(before, rows), st.session_state.pop(APPLIED, None) == set_id)
    st.session_state[CACHE] = (key, rows)
    return rows


def current_set(good: list[Rubric]) -> Current | None:
    """The set on show, marked (with the calibration if the teacher wants it), with the
    teacher's marking; ``None`` when there is nothing to show."""
    picked = pick_set(good)
    if picked is None:
        return None
    set_, rubric = picked
    calibration = _calibration(rubric)
    with db() as conn:
        learnt = lessons(conn, set_.id)
    rows = _marked(set_.id, rubric, calibration, learnt)
    if rows is None:
        return None
    with db() as conn:
        stored = cls.essays(conn, set_.id)
        overridden = cls.overrides(conn, set_.id)
        comments = cbank.bank(conn, rubric.id)
        chosen = cbank.picked(conn, set_.id)
    names = cls.student_labels(stored)
    by_row = {row: tuple(c.as_comment() for c in found) for row, found in chosen.items()}
    entries = marking.entries(names, rows, overridden, {e.row for e in stored if e.reviewed}, cls.MARK, by_row)
    return Current(set_, rubric, calibration, rows, stored, overridden, entries, comments, chosen, learnt)
