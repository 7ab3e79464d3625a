"""Rubric editor: the working copy in the session and the actions that change it.

The working copy is plain rubric data (``editor_draft``): nothing touches the file until a
save passes validation, and a failed save keeps every edit on screen. Opening, importing or
restoring another rubric over unsaved edits asks first. Each point carries a private
``_uid`` so its widgets keep their keys when points are reordered. The rules (conflicts,
imports, ids) live in ``essaycoach.editor_state``; this module only moves state.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from contextlib import closing
from pathlib import Path
from typing import Any

import streamlit as st

from essaycoach import attempts, classes
from essaycoach.corpus import note_label
from essaycoach.editor_state import (
    LeftBehind,
    dropped_ids,
    dropped_notice,
    import_rubric,
    save_conflicts,
    version_label,
)
from essaycoach.errors import RubricError, SeedError, UnknownRubricError
from essaycoach.loaders import (
    MAX_RUBRIC_BYTES,
    calibration_path,
    parse_rubric_yaml,
    rubric_ids,
    rubric_path,
    save_rubric,
    seed_lines,
)
from essaycoach.markup import counted
from essaycoach.rubric import Rubric, rubric_to_dict
from essaycoach.rubric_edit import alias_list, blank_rubric, plain, to_rubric, upload_text

DRAFT, ORIGIN, BASE, DISK = "editor_draft", "editor_origin", "editor_base", "editor_disk"
CHECK, STATIC, NOTICE, PENDING, HITS = ("editor_check", "editor_static", "editor_notice", "editor_pending",
                                        "editor_hits")
RAW = "editor_raw"          # (id, text, problems): a file too damaged for the fields, mended as text
SAVE_FAILED = "editor_save_failed"
PROMOTED = "editor_promoted"  # (point id, sentence): the wording just made an alias, confirmed under its point
LAYOUT = "editor_layout"    # the YAML an imported rubric was read from: its first save keeps its layout and comments
BLANK = "editor_blank"      # the working copy started from the blank defaults (not a copy, an import or a file)
FORM = "editor_form"         # the number in the keys of the fields' and levels' widgets: new at each load
NONE = "(none)"
_RESET_ON_LOAD = re.compile(r"^editor_(?:f\d*_|p_|add_side_)")  # the working copy's widgets


def new_uid() -> int:
    """A point uid never used before in this session (the page script reruns from the top,
    so a module-level counter would restart and reuse widget keys)."""
    st.session_state["editor_uid"] = st.session_state.get("editor_uid", 0) + 1
    return int(st.session_state["editor_uid"])


def key(name: str) -> str:
    """The widget key of a field (``title``) or a level's box (``l0_desc``) of this working copy.

    A value the server gives a field goes as the widget's default under a key new for it, never
    into the session state of a key the browser already has: the browser sends back what it
    shows, and when the teacher acts before the run that loaded a rubric has reached it, it still
    shows the last working copy's values (or, when that run's messages were dropped for the next
    run, the widget's bare default). Under the same keys those landed in the new working copy,
    which then had "unsaved changes" and held the next Open behind a warning. So each load gives
    the fields new keys, as ``_uid`` does a point's, and so does each id that follows a title."""
    if name == "id":
        name += str(len(st.session_state[DRAFT].get("_auto_ids") or []))
    return f"editor_f{st.session_state.get(FORM, 0)}_{name}"


def point_key(p: dict[str, Any], name: str) -> str:
    """A point's widget key; its id's is new each time the id follows the point's text."""
    return f"editor_p_{p['_uid']}_{name}" + (str(len(p["_auto"])) if name == "id" and p.get("_auto") else "")


def disk(rubric_id: str | None) -> bytes | None:
    """The rubric file's bytes now (None: no such file), to notice someone else's save."""
    try:
        path = rubric_path(rubric_id) if rubric_id else None
        return path.read_bytes() if path and path.is_file() and path.stat().st_size <= MAX_RUBRIC_BYTES else None
    except (UnknownRubricError, OSError):
        return None


def notes() -> dict[str, tuple[str, ...]]:
    try:
        return seed_lines()
    except SeedError:
        return {}


def load(draft: dict[str, Any], origin: str | None, notice: str | None = None, check: bool = False,
         blank: bool = False) -> None:
    """Replace the working copy; the field widgets start again from it. ``blank``: it holds the
    blank rubric's defaults (45 minutes, 25 marks, five levels), which the form then explains."""
    ss = st.session_state
    for old in [k for k in ss if isinstance(k, str) and _RESET_ON_LOAD.match(k)]:
        del ss[old]
    ss[FORM] = new_uid()
    draft = dict(draft)
    if origin is None:  # a new rubric: its id follows its title until either is typed over (follow_text)
        draft["_auto_ids"], draft["_auto_title"] = [draft.get("id")], draft.get("title")
    draft["points"] = [dict(p, _uid=new_uid()) for p in draft.get("points") or []]
    draft["levels"] = [dict(lv) for lv in draft.get("levels") or []]
    ss[DRAFT], ss[ORIGIN], ss[DISK] = draft, origin, disk(origin)
    ss[BASE] = plain(collect())
    ss.update({CHECK: check, STATIC: None, NOTICE: notice, PENDING: None, HITS: None, RAW: None,
               SAVE_FAILED: False, PROMOTED: None, LAYOUT: None, BLANK: blank})


def collect() -> dict[str, Any]:
    """The working copy with every widget's current value folded in."""
    s, draft = st.session_state, st.session_state[DRAFT]
    out = dict(draft)
    for field in ("id", "title", "topic", "question", "source", "minutes", "marks"):
        if key(field) in s:
            out[field] = s[key(field)]
    out["source"] = "" if out.get("source") in (None, NONE) else out.get("source")
    out["levels"] = [{"level": i + 1,
                      "marks": [int(s.get(key(f"l{i}_low"), lv["marks"][0])),
                                int(s.get(key(f"l{i}_high"), lv["marks"][1]))],
                      "descriptor": s.get(key(f"l{i}_desc"), lv.get("descriptor", ""))}
                     for i, lv in enumerate(draft["levels"])]
    out["points"] = [_collect_point(p) for p in draft["points"]]
    return out


def _collect_point(p: dict[str, Any]) -> dict[str, Any]:
    s, k = st.session_state, f"editor_p_{p['_uid']}_"
    point = {"_uid": p["_uid"], "id": s.get(point_key(p, "id"), p.get("id", "")),
             "side": s.get(k + "side", p.get("side")), "text": s.get(k + "text", p.get("text", ""))}
    for private in ("_auto", "_label"):
        if p.get(private):
            point[private] = p[private]
    aliases = s.get(k + "aliases", "; ".join(p.get("aliases") or []))
    if aliases.strip():
        point["aliases"] = alias_list(aliases)
    weight = float(s.get(k + "weight", p.get("weight", 1.0)))
    if weight != 1.0:
        point["weight"] = weight
    source = p.get("source") or {}
    file = s.get(k + "file", source.get("file") or NONE)
    if file and file != NONE:
        point["source"] = {"file": file, "line": int(s.get(k + "line", source.get("line") or 0) or 0)}
    return point


def sync() -> dict[str, Any]:
    draft = collect()
    st.session_state[DRAFT] = draft
    return draft


def dirty() -> bool:
    return plain(collect()) != st.session_state.get(BASE)


def validate(draft: dict[str, Any]) -> tuple[Rubric | None, list[str]]:
    try:
        return to_rubric(draft, notes(), "rubric"), []
    except RubricError as exc:
        return None, exc.problems


def fresh() -> None:
    """A new action: the messages about the last one go."""
    st.session_state.update({NOTICE: None, STATIC: None, SAVE_FAILED: False, PROMOTED: None})


# ---- actions that replace the working copy: they ask first when there are unsaved edits --------

def open_blank(data: dict[str, Any]) -> None:
    load(data, None, "A blank rubric: fill it in, then save.", blank=True)


def open_rubric(pick: str) -> None:
    """Open a rubric file in the fields; a damaged one with its problems, or, when not even its
    YAML can be read, as text to mend (``RAW``)."""
    try:
        path = rubric_path(pick)
    except UnknownRubricError as exc:
        st.session_state[NOTICE] = f"⚠️ Could not open {pick}: {exc}"
        return
    raw, text = disk(pick), ""
    try:
        if raw is None:
            raise RubricError(f"cannot be read (missing, not a file, or over {MAX_RUBRIC_BYTES // 1000} kB)",
                              path.name)
        text = upload_text(raw, path.name, "YAML")
        opened = import_rubric(text, path.name, lambda t, o: parse_rubric_yaml(t, o, expected_id=pick),
                               MAX_RUBRIC_BYTES, notes())
    except RubricError as exc:   # not even YAML: the file's text, to mend here
        st.session_state[RAW] = (pick, text, list(exc.problems))
        return
    if not opened.problems:
        load(opened.data, pick)
        return
    load(dict(opened.data, id=pick), pick,   # a file's id is its name
         f"⚠️ {path.name} is damaged. The editor shows what could be read (a value that is not even the right "
         "kind, such as words for minutes, shows its default): check, fix, then save.", check=True)
    st.session_state[STATIC] = (f"The problems in {path.name} as it is on disk", list(opened.problems), False)


def save_raw(rubric_id: str) -> None:
    """Save the mended text of a file that was too damaged for the fields, once it is valid."""
    ss = st.session_state
    text = ss.get("editor_raw_text") or ""
    try:
        rubric = parse_rubric_yaml(text, f"{rubric_id}.yaml", expected_id=rubric_id)
        save_rubric(rubric, layout=text)   # the mended text as the teacher wrote it
    except (RubricError, UnknownRubricError, OSError) as exc:
        problems = exc.problems if isinstance(exc, RubricError) else [str(exc)]
        ss[RAW] = (rubric_id, text, list(problems))
        return
    load(rubric_to_dict(rubric), rubric.id, f"✔ Mended and saved {rubric.id}.yaml; the damaged version is kept "
                                            "under Versions.")


def from_question(file: str, question: str, new_id: str) -> None:
    load(blank_rubric(new_id, question, file), None,
         f"New rubric for a question from {note_name(file)}: add points (try Suggest evidence), then save.",
         blank=True)


def note_name(file: str) -> str:
    """A note of the course as the editor names it (:func:`corpus.note_label`), not by file name alone."""
    lines = notes().get(file)
    return file if lines is None else note_label(file, "\n".join(lines))


def imported(data: dict[str, Any], name: str, problems: Sequence[str], text: str | None = None) -> None:
    note = (f"⚠️ Imported {name}, which had {counted(len(problems), 'problem')} (listed below): the fields show "
            "how it was read; check them, then save."
            if problems else f"Imported {name}: review it, then save (nothing is saved yet).")
    load(data, None, note, check=bool(problems))
    # Nothing of it is saved yet: it reads as unsaved changes, so a reload or another rubric asks
    # first (the status had said "no unsaved changes", and a reload dropped the import unasked).
    st.session_state[BASE] = None
    st.session_state[LAYOUT] = text  # saved, it is written as the teacher wrote it, comments and all
    if problems:  # the file's own problems, as the loader found them: the fields show what could be read
        st.session_state[STATIC] = (f"In {name} as imported (the fields show what could be read of it)",
                                    list(problems), False)


def restore(version: str) -> None:
    path, origin = Path(version), st.session_state.get(ORIGIN)
    try:
        text = path.read_text(encoding="utf-8")
        rubric = parse_rubric_yaml(text, path.name, expected_id=origin)
        save_rubric(rubric, layout=text)   # the version as it was written, comments and all
    except (RubricError, UnknownRubricError, OSError, UnicodeDecodeError) as exc:
        st.session_state[NOTICE] = f"⚠️ That version cannot be restored: {exc}"
        return
    load(rubric_to_dict(rubric), rubric.id, f"✔ Restored the version of {version_label(path.name)}; "
                                           "the version it replaced is kept too.")


def replace_points(points: list[dict[str, Any]]) -> None:
    draft = sync()
    draft["points"] = [dict(p, _uid=new_uid()) for p in points]
    st.session_state.update({CHECK: True, STATIC: None,
                             NOTICE: f"Imported {len(points)} points in place of the old ones (not saved yet)."})


_ACTIONS: dict[str, Callable[..., None]] = {
    "blank": open_blank, "open": open_rubric, "question": from_question, "import": imported, "restore": restore,
    "points": replace_points}


def ask_first(what: str, action: str, *args: Any) -> None:
    """Run ``action``, or, over unsaved edits, hold it until the teacher confirms."""
    if dirty():
        sync()
        st.session_state[PENDING] = (what, action, args)
    else:
        _ACTIONS[action](*args)


def confirm() -> None:
    """Run the action held over unsaved edits, and say the edits went when it replaced them."""
    ss = st.session_state
    pending, before = ss.get(PENDING), ss.get(DRAFT)
    ss[PENDING] = None
    if pending:
        _ACTIONS[pending[1]](*pending[2])
        if ss.get(DRAFT) is not before:   # replaced (an open that failed leaves the edits)
            said = ss.get(NOTICE)
            ss[NOTICE] = f"{said} Your unsaved changes were discarded." if said else \
                "Your unsaved changes were discarded."


def on_save() -> None:
    fresh()
    ss = st.session_state
    draft = sync()
    origin = ss.get(ORIGIN)
    ss[CHECK] = True
    rubric, problems = validate(draft)
    if rubric is None or problems:
        ss[SAVE_FAILED] = True
        return
    if origin == rubric.id and plain(draft) == ss.get(BASE) and disk(origin) == ss.get(DISK):
        # Nothing changed here or on disk: a save would keep a second, identical version (a walk).
        ss.update({CHECK: False, NOTICE: f"Nothing to save: {origin} has no changes since it was opened or "
                                         "last saved."})
        return
    path = write(rubric)
    if path is None:
        return
    for point in draft.get("points") or []:   # the panels' headings follow the saved text from now on
        if isinstance(point, dict):
            point.pop("_label", None)
            # A saved id is the rubric's: marking and calibration are tied to it, so it no longer
            # follows the point's text (a new point's id did until now).
            point.pop("_auto", None)
    as_new = f"; {origin} is unchanged" if origin and origin != rubric.id else ""
    notice = f"✔ Saved {path.name}{as_new}. Earlier versions are kept under Versions."
    gone = dropped_ids(ss.get(BASE), rubric) if origin == rubric.id else []
    left = _marked_with(rubric.id) if gone else LeftBehind()
    if left:
        notice = f"⚠️ Saved {path.name}. {dropped_notice(gone, left)} Earlier versions are kept under Versions."
    elif gone:
        notice += " " + dropped_notice(gone, left)
    ss.update({ORIGIN: rubric.id, DISK: disk(rubric.id), BASE: plain(draft), CHECK: False, key("overwrite"): False,
               NOTICE: notice, RAW: None, "editor_pick": rubric.id})  # the chooser names what is open now


def _marked_with(rubric_id: str) -> LeftBehind:
    """What marking left tied to this rubric's point ids: class sets, a calibration, students'
    practice attempts (their feedback reads as it was given; their missed-points table lists a
    removed id as no longer in the prompt)."""
    with closing(classes.open_db()) as db:
        in_sets = any(s.rubric_id == rubric_id for s in classes.list_sets(db))
    with closing(attempts.open_db()) as db:
        practised = attempts.count_attempts(db, rubric_id)
    # a damaged calibration is still the teacher's
    return LeftBehind(in_sets, calibration_path(rubric_id).is_file(), practised)


def write(rubric: Rubric) -> Path | None:
    """Save a valid rubric the editor's way (its file keeps its layout, the old one is kept under
    Versions): not over another rubric's id, nor over a file someone changed since it was
    opened, unless the teacher ticked Replace. A refusal shows at the Save button (None)."""
    ss = st.session_state
    conflicts = save_conflicts(rubric.id, ss.get(ORIGIN), rubric_ids(), disk(rubric.id), ss.get(DISK),
                               bool(ss.get(key("overwrite"))))
    if conflicts:
        ss[STATIC], ss[SAVE_FAILED] = ("Not saved", conflicts, True), True
        return None
    try:
        # an import keeps the layout it was written in; a copy its original's
        path = save_rubric(rubric, layout=ss.get(LAYOUT), copied_from=ss.get(ORIGIN))
    except (RubricError, UnknownRubricError, OSError) as exc:
        ss[STATIC], ss[SAVE_FAILED] = ("Not saved", [f"rubric: not saved: {exc}"], True), True
        return None
    ss[LAYOUT] = None  # saved: the file holds the layout now
    return path
