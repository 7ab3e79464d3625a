"""Rubric editor: prompts, levels and points; suggest evidence from the notes; try a sample
essay; save (validated, atomic, versioned); restore, import and export.

The working copy is plain rubric data in the session (``editor_draft``): nothing touches the
file until a save passes validation, and a failed save keeps every edit on screen. Opening,
importing or restoring another rubric over unsaved edits asks first. Each point carries a
private ``_uid`` so its widgets keep their keys when points are reordered.
"""
from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from typing import Any

import streamlit as st
import yaml

from app_pages.common import engine
from app_pages.feedback_view import render_report
from essaycoach.errors import RubricError, SeedError, UnknownRubricError
from essaycoach.inputs import MAX_FILE_BYTES
from essaycoach.loaders import (
    MAX_RUBRIC_BYTES,
    parse_rubric_yaml,
    read_rubric_file,
    rubric_ids,
    rubric_path,
    rubric_versions,
    rubric_yaml,
    save_rubric,
    seed_lines,
)
from essaycoach.markup import escape_markdown
from essaycoach.rubric import SIDES, Rubric, rubric_to_dict
from essaycoach.rubric_edit import (
    blank_rubric,
    describe_problem,
    editable,
    plain,
    point_id,
    points_from_csv,
    points_to_csv,
    problems_by_field,
    to_rubric,
    upload_text,
)

DRAFT, ORIGIN, BASE, DISK = "editor_draft", "editor_origin", "editor_base", "editor_disk"
CHECK, STATIC, NOTICE, PENDING, HITS = ("editor_check", "editor_static", "editor_notice", "editor_pending",
                                        "editor_hits")
NEW, NONE = "(new blank rubric)", "(none)"
_RESET_ON_LOAD = re.compile(r"^editor_(?:f_|l\d|p_|suggest_q$|overwrite$)")  # the working copy's widgets
_QUESTION = re.compile(r"^(?:\d+[.)]\s*)?((?:To what extent|How far|How important|How successful|How significant|"
                       r"Assess|Evaluate|Why did|Explain why)[^\n]{20,300}?)\s*$", re.IGNORECASE)


# ---- the working copy -------------------------------------------------------------------------

def _uid() -> int:
    """A point uid never used before in this session (the page script reruns from the top,
    so a module-level counter would restart and reuse widget keys)."""
    st.session_state["editor_uid"] = st.session_state.get("editor_uid", 0) + 1
    return st.session_state["editor_uid"]


def _disk(rubric_id: str | None) -> bytes | None:
    """The rubric file's bytes now (None: no such file), to notice someone else's save."""
    try:
        return rubric_path(rubric_id).read_bytes() if rubric_id else None
    except (UnknownRubricError, OSError):
        return None


def _load(draft: dict[str, Any], origin: str | None, notice: str | None = None, check: bool = False) -> None:
    """Replace the working copy; the field widgets start again from it."""
    ss = st.session_state
    for key in [k for k in ss if isinstance(k, str) and _RESET_ON_LOAD.match(k)]:
        del ss[key]
    draft = dict(draft)
    draft["points"] = [dict(p, _uid=_uid()) for p in draft.get("points") or []]
    draft["levels"] = [dict(lv) for lv in draft.get("levels") or []]
    ss[DRAFT], ss[ORIGIN], ss[DISK] = draft, origin, _disk(origin)
    ss[BASE] = plain(_collect())
    ss.update({CHECK: check, STATIC: None, NOTICE: notice, PENDING: None, HITS: None})


def _init(key: str, value: Any) -> str:
    if key not in st.session_state:
        st.session_state[key] = value
    return key


def _collect() -> dict[str, Any]:
    """The working copy with every widget's current value folded in."""
    s, draft = st.session_state, st.session_state[DRAFT]
    out = dict(draft)
    for field in ("id", "title", "topic", "question", "source", "minutes", "marks"):
        if f"editor_f_{field}" in s:
            out[field] = s[f"editor_f_{field}"]
    out["source"] = "" if out.get("source") in (None, NONE) else out.get("source")
    out["levels"] = [{"level": i + 1,
                      "marks": [int(s.get(f"editor_l{i}_low", lv["marks"][0])),
                                int(s.get(f"editor_l{i}_high", lv["marks"][1]))],
                      "descriptor": s.get(f"editor_l{i}_desc", lv.get("descriptor", ""))}
                     for i, lv in enumerate(draft["levels"])]
    out["points"] = [_collect_point(p) for p in draft["points"]]
    return out


def _collect_point(p: dict[str, Any]) -> dict[str, Any]:
    s, k = st.session_state, f"editor_p_{p['_uid']}_"
    point = {"_uid": p["_uid"], "id": s.get(k + "id", p.get("id", "")), "side": s.get(k + "side", p.get("side")),
             "text": s.get(k + "text", p.get("text", ""))}
    aliases = s.get(k + "aliases", "; ".join(p.get("aliases") or []))
    if aliases.strip():
        point["aliases"] = [a.strip() for a in aliases.split(";") if a.strip()]
    weight = float(s.get(k + "weight", p.get("weight", 1.0)))
    if weight != 1.0:
        point["weight"] = weight
    source = p.get("source") or {}
    file = s.get(k + "file", source.get("file") or NONE)
    if file and file != NONE:
        point["source"] = {"file": file, "line": int(s.get(k + "line", source.get("line") or 0) or 0)}
    return point


def _sync() -> dict[str, Any]:
    draft = _collect()
    st.session_state[DRAFT] = draft
    return draft


def _dirty() -> bool:
    return plain(_collect()) != st.session_state.get(BASE)


def _validate(draft: dict[str, Any]) -> tuple[Rubric | None, list[str]]:
    try:
        return to_rubric(draft, _seed_lines(), "rubric"), []
    except RubricError as exc:
        return None, exc.problems


def _seed_lines() -> dict[str, tuple[str, ...]]:
    try:
        return seed_lines()
    except SeedError:
        return {}


# ---- actions that replace the working copy: they ask first when there are unsaved edits --------

def _open(pick: str) -> None:
    if pick == NEW:
        _load(blank_rubric(point_id("new prompt", rubric_ids())), None, "A blank rubric: fill it in, then save.")
        return
    try:
        path = rubric_path(pick)
        _load(rubric_to_dict(read_rubric_file(path)), pick)
        return
    except UnknownRubricError as exc:
        st.session_state[NOTICE] = f"⚠️ Could not open {pick}: {exc}"
        return
    except RubricError as exc:
        problems = exc.problems
    try:  # a damaged file: open what can be read, so the teacher can mend it here
        data = editable(yaml.safe_load(upload_text(path.read_bytes(), path.name, "YAML")))
    except (RubricError, yaml.YAMLError, OSError) as exc:
        st.session_state[NOTICE] = (f"⚠️ {path.name} cannot be opened in the editor: "
                                    f"{'; '.join(problems)} ({type(exc).__name__}). Fix it in a text editor.")
        return
    data["id"] = pick   # a file's id is its name
    _load(data, pick, f"⚠️ {path.name} is damaged. The editor shows what could be read (a value that is not "
                      "even the right kind, such as words for minutes, shows its default): check, fix, then save.",
          check=True)
    st.session_state[STATIC] = (f"The problems in {path.name} as it is on disk", problems, False)


def _from_question(file: str, question: str) -> None:
    _load(blank_rubric(point_id(question, rubric_ids()), question, file), None,
          f"New rubric for a question from {file}: add points (try Suggest evidence), then save.")


def _import(data: dict[str, Any], name: str, problems: int) -> None:
    note = (f"⚠️ Imported {name} with {problems} problem(s), listed below: fix them, then save."
            if problems else f"Imported {name}: review it, then save (nothing is saved yet).")
    _load(data, None, note, check=bool(problems))


def _restore(version: str) -> None:
    path, origin = Path(version), st.session_state.get(ORIGIN)
    try:
        rubric = parse_rubric_yaml(path.read_text(encoding="utf-8"), path.name, expected_id=origin)
        save_rubric(rubric)
    except (RubricError, UnknownRubricError, OSError, UnicodeDecodeError) as exc:
        st.session_state[NOTICE] = f"⚠️ That version cannot be restored: {exc}"
        return
    _load(rubric_to_dict(rubric), rubric.id, f"✔ Restored the version of {_version_time(path)}; "
                                             "the version it replaced is kept too.")


def _replace_points(points: list[dict[str, Any]]) -> None:
    draft = _sync()
    draft["points"] = [dict(p, _uid=_uid()) for p in points]
    st.session_state.update({CHECK: True, STATIC: None,
                             NOTICE: f"Imported {len(points)} points in place of the old ones (not saved yet)."})


_ACTIONS = {"open": _open, "question": _from_question, "import": _import, "restore": _restore,
            "points": _replace_points}


def _fresh() -> None:
    """A new action: the messages about the last one go."""
    st.session_state.update({NOTICE: None, STATIC: None})


def _ask_first(what: str, action: str, *args: Any) -> None:
    """Run ``action``, or, over unsaved edits, hold it until the teacher confirms."""
    if _dirty():
        _sync()
        st.session_state[PENDING] = (what, action, args)
    else:
        _ACTIONS[action](*args)


def _confirm() -> None:
    pending = st.session_state.get(PENDING)
    st.session_state[PENDING] = None
    if pending:
        _ACTIONS[pending[1]](*pending[2])


# ---- callbacks: they run before the page, so the widgets they reset start afresh -------------

def _on_open() -> None:
    _fresh()
    pick = st.session_state.get("editor_pick") or NEW
    _ask_first("open a blank rubric" if pick == NEW else f"open {pick}", "open", pick)


def _on_new_from_question() -> None:
    _fresh()
    choice = st.session_state.get("editor_seed_question")
    found = next(((f, q) for f, q in _seed_questions() if f"{q} ({f})" == choice), None)
    if found is not None:
        _ask_first("start a rubric from that question", "question", *found)


def _on_copy() -> None:
    _fresh()
    draft = _sync()
    new_id = point_id(f"{draft.get('id') or 'rubric'} copy", rubric_ids())
    draft["id"] = st.session_state["editor_f_id"] = new_id
    st.session_state.update({ORIGIN: None, DISK: None, STATIC: None,
                             NOTICE: f"A copy with the new id {new_id!r}: edit it, then save (the original "
                                     "is unchanged)."})


def _move(uid: int, step: int) -> None:
    _fresh()
    points = _sync()["points"]
    i = next(n for n, p in enumerate(points) if p["_uid"] == uid)
    if 0 <= i + step < len(points):
        points[i], points[i + step] = points[i + step], points[i]


def _delete(uid: int) -> None:
    _fresh()
    draft = _sync()
    gone = next(p for p in draft["points"] if p["_uid"] == uid)
    draft["points"] = [p for p in draft["points"] if p["_uid"] != uid]
    st.session_state[NOTICE] = f"Deleted point {gone.get('id') or '(no id)'!r} (not saved yet)."


def _add_point(text: str = "", file: str | None = None, line: int | None = None, side: str = "for") -> None:
    _fresh()
    draft = _sync()
    point: dict[str, Any] = {"_uid": _uid(), "id": point_id(text or "new point", (p["id"] for p in draft["points"])),
                             "side": side, "text": text}
    if file:
        point["source"] = {"file": file, "line": line}
    draft["points"].append(point)
    st.session_state[NOTICE] = f"Added point {len(draft['points'])} {point['id']!r} (not saved yet)."


def _add_hit(n: int) -> None:
    _, file, line, text = st.session_state[HITS][n]
    _add_point(text, file, line, st.session_state.get("editor_suggest_side", "for"))


def _level_count(step: int) -> None:
    _fresh()
    levels = _sync()["levels"]
    if step > 0:
        top = levels[-1]["marks"][1] if levels else 0
        levels.append({"level": len(levels) + 1, "marks": [top + 1, top + 5], "descriptor": ""})
    elif levels:
        levels.pop()


def _save_conflicts(rid: str, origin: str | None) -> list[str]:
    """Reasons not to write over a file without the teacher's say-so."""
    if st.session_state.get("editor_overwrite"):
        return []
    if rid != origin and rid in rubric_ids():
        return [f"id: a rubric {rid!r} already exists; choose another id, or tick 'Replace the existing "
                "rubric' to overwrite it (its current version is kept under Versions)"]
    if rid == origin and _disk(rid) not in (None, st.session_state.get(DISK)):
        return [f"rubric: {rid}.yaml was changed by someone else after you opened it; tick 'Replace the "
                "existing rubric' to save yours over it (theirs is kept under Versions), or open it again"]
    return []


def _on_save() -> None:
    _fresh()
    ss = st.session_state
    draft = _sync()
    rid, origin = str(draft.get("id") or ""), ss.get(ORIGIN)
    ss[CHECK] = True
    rubric, problems = _validate(draft)
    if problems:
        return
    conflicts = _save_conflicts(rid, origin)
    if conflicts:
        ss[STATIC] = ("Not saved", conflicts, True)
        return
    try:
        path = save_rubric(rubric)
    except (RubricError, UnknownRubricError, OSError) as exc:
        ss[STATIC] = ("Not saved", [f"rubric: not saved: {exc}"], True)
        return
    as_new = f"; {origin} is unchanged" if origin and origin != rubric.id else ""
    ss.update({ORIGIN: rubric.id, DISK: _disk(rubric.id), BASE: plain(draft), CHECK: False, "editor_overwrite": False,
               NOTICE: f"✔ Saved {path.name}{as_new}. Earlier versions are kept under Versions."})


def _on_restore() -> None:
    _fresh()
    version = st.session_state.get("editor_version_path")
    if version and st.session_state.get(ORIGIN):
        _ask_first("restore that version", "restore", version)


def _upload_or_paste(upload_key: str, paste_key: str, kind: str) -> tuple[str, str]:
    """(text, name) of the uploaded file, else of the pasted text; RubricError when unreadable."""
    upload = st.session_state.get(upload_key)
    if upload is not None:
        return upload_text(upload.getvalue(), upload.name, kind), upload.name
    return st.session_state.get(paste_key) or "", f"the pasted {kind}"


def _on_import_yaml() -> None:
    _fresh()
    try:
        text, name = _upload_or_paste("editor_import_file", "editor_import_text", "YAML")
        if not text.strip():
            raise RubricError("nothing to import: upload a .yaml file or paste YAML", "import")
        try:
            data, problems = rubric_to_dict(parse_rubric_yaml(text, name)), []
        except RubricError as exc:
            if len(text.encode("utf-8", "replace")) > MAX_RUBRIC_BYTES or "YAML syntax" in str(exc):
                raise
            try:
                data, problems = editable(yaml.safe_load(text)), exc.problems
            except (RubricError, yaml.YAMLError):
                raise exc from None
    except RubricError as exc:
        st.session_state[STATIC] = ("Import failed (the working copy is unchanged)",
                                    [f"rubric: {p}" for p in exc.problems] if exc.source == "import" else
                                    [f"rubric: {exc.source}: {p}" for p in exc.problems], False)
        return
    _ask_first(f"import {name}", "import", data, name, len(problems))


def _on_import_points(replace: bool) -> None:
    _fresh()
    try:
        text, name = _upload_or_paste("editor_points_file", "editor_points_text", "CSV")
        points = points_from_csv(text, name)
    except RubricError as exc:
        st.session_state[STATIC] = ("Points not imported (the working copy is unchanged)",
                                    [f"points: {exc.source}: {p}" for p in exc.problems], False)
        return
    if replace:
        _ask_first("replace all the points", "points", points)
        return
    draft = _sync()
    draft["points"] += [dict(p, _uid=_uid()) for p in points]
    st.session_state.update({CHECK: True, STATIC: None,
                             NOTICE: f"Added {len(points)} points from {name} (not saved yet)."})


# ---- the page ---------------------------------------------------------------------------------

def _problem(message: str, draft: dict[str, Any]) -> str:
    """A validation problem as Markdown: it quotes the teacher's own text, so it is escaped."""
    return escape_markdown(describe_problem(message, draft))


def _errors(by_field: dict[str, list[str]], key: str, draft: dict[str, Any]) -> None:
    for message in by_field.get(key, []):
        st.error(_problem(message, draft), icon="⚠️")


def _seed_questions() -> list[tuple[str, str]]:
    found = []
    for file, lines in sorted(_seed_lines().items()):
        for line in lines:
            m = _QUESTION.match(line.strip())
            if m and m.group(1).rstrip().endswith(("?", ".")):
                found.append((file, m.group(1).strip()))
    return list(dict.fromkeys(found))


def _seed_title(file: str) -> str:
    """``003_….txt · Section 3 - Stalin's rise to power 1924-29``: the file and its first real line."""
    lines = _seed_lines().get(file)
    if lines is None:
        return file if file == NONE else f"{file} (not in the notes)"
    first = next((ln.strip() for ln in lines if len(ln.split()) >= 3), "")
    return f"{file} · {first[:60]}" if first else file


def _files(current: str | None) -> list[str]:
    files = [NONE] + sorted(_seed_lines())
    return files + [current] if current and current not in files else files


def chooser() -> None:
    ids = rubric_ids()
    with st.container(horizontal=True, vertical_alignment="bottom"):
        st.selectbox("Rubric to edit", [NEW] + ids, key="editor_pick", width=420)
        st.button("Open this rubric", key="editor_load", on_click=_on_open)
    questions = _seed_questions()
    if questions:
        with st.container(horizontal=True, vertical_alignment="bottom"):
            st.selectbox("…or start a new rubric from an exam question in the notes",
                         [f"{q} ({file})" for file, q in questions], key="editor_seed_question", width=420)
            st.button("Start from this question", key="editor_new_seed", on_click=_on_new_from_question)


def pending() -> None:
    """Ask before an action that would replace unsaved edits (the editor stays on show below)."""
    held = st.session_state.get(PENDING)
    if not held:
        return
    st.warning(f"⚠️ You have unsaved changes. To {escape_markdown(held[0])} they would be discarded: save them "
               "first, or discard them.")
    with st.container(horizontal=True):
        st.button(f"Discard my changes and {escape_markdown(held[0])}", key="editor_discard_ok", on_click=_confirm)
        st.button("Keep editing", key="editor_discard_cancel", type="primary",
                  on_click=lambda: st.session_state.update({PENDING: None}))


def status(draft: dict[str, Any], problems: list[str]) -> None:
    origin = st.session_state.get(ORIGIN)
    state = "● unsaved changes" if plain(draft) != st.session_state.get(BASE) else "✔ no unsaved changes"
    st.caption(f"Editing **{escape_markdown(origin)}** · {state}" if origin
               else f"Editing a new rubric, not saved yet · {state}")
    notice = st.session_state.get(NOTICE)
    if notice:
        (st.warning if notice.startswith("⚠️") else st.success)(escape_markdown(notice))
    static = st.session_state.get(STATIC)
    if static:
        heading, extra, _ = static
        st.error(f"{heading}:\n\n" + "\n".join(f"- {_problem(p, draft)}" for p in extra), icon="⚠️")
    if problems:
        st.error(f"Not ready to save: {len(problems)} problem(s), each also shown beside its field below:\n\n"
                 + "\n".join(f"- {_problem(p, draft)}" for p in problems), icon="⚠️")
    elif st.session_state.get(CHECK) and not static:
        st.info("✔ No problems left: save when ready.")


def fields(draft: dict[str, Any], by_field: dict[str, list[str]]) -> None:
    st.subheader("Prompt")
    cols = st.columns(2)
    with cols[0]:
        st.text_input("Id (the file name: lower-case letters, digits, single hyphens)",
                      key=_init("editor_f_id", draft.get("id", "")))
        _errors(by_field, "id", draft)
    with cols[1]:
        st.text_input("Title", key=_init("editor_f_title", draft.get("title", "")))
        _errors(by_field, "title", draft)
    st.text_area("Question", key=_init("editor_f_question", draft.get("question", "")), height=80)
    _errors(by_field, "question", draft)
    cols = st.columns([2, 3, 1, 1])
    cols[0].text_input("Topic (groups prompts)", key=_init("editor_f_topic", draft.get("topic", "")))
    source = draft.get("source") or NONE
    cols[1].selectbox("Source notes", _files(source), key=_init("editor_f_source", source), format_func=_seed_title)
    cols[2].number_input("Minutes", step=5, key=_init("editor_f_minutes", int(draft.get("minutes") or 45)),
                         help="Time allowed in timed practice: 1 to 300")
    cols[3].number_input("Marks", step=1, key=_init("editor_f_marks", int(draft.get("marks") or 25)),
                         help="The maximum mark: 1 to 200; the top level ends here")
    for key in ("topic", "source", "minutes", "marks"):
        _errors(by_field, key, draft)


def levels(draft: dict[str, Any], by_field: dict[str, list[str]]) -> None:
    st.subheader(f"Levels ({len(draft['levels'])})")
    st.caption("Lowest first; mark bands must run on from 1 without gaps and end at the maximum mark.")
    _errors(by_field, "levels", draft)
    for i, lv in enumerate(draft["levels"]):
        cols = st.columns([1, 1, 6])
        cols[0].number_input(f"Level {i + 1}: from mark", step=1, key=_init(f"editor_l{i}_low", int(lv["marks"][0])))
        cols[1].number_input(f"Level {i + 1}: to mark", step=1, key=_init(f"editor_l{i}_high", int(lv["marks"][1])))
        cols[2].text_area(f"Level {i + 1}: descriptor", key=_init(f"editor_l{i}_desc", lv.get("descriptor", "")),
                          height=68)
        _errors(by_field, f"levels[{i}]", draft)
    with st.container(horizontal=True):
        st.button("Add a level", key="editor_level_add", on_click=_level_count, args=(1,))
        st.button("Remove the top level", key="editor_level_remove", on_click=_level_count, args=(-1,),
                  disabled=not draft["levels"])


def _point(n: int, p: dict[str, Any], last: int, problems: list[str], draft: dict[str, Any]) -> None:
    k, uid, name = f"editor_p_{p['_uid']}_", p["_uid"], f"Point {n + 1}"
    cols = st.columns([2, 1, 1])
    cols[0].text_input(f"{name}: id", key=_init(k + "id", p.get("id", "")))
    side = p.get("side") or SIDES[0]   # an unknown side stays on show, so its problem does too
    cols[1].selectbox(f"{name}: side", list(SIDES) + ([side] if side not in SIDES else []),
                      key=_init(k + "side", side))
    cols[2].number_input(f"{name}: weight", step=0.1, key=_init(k + "weight", float(p.get("weight", 1.0))),
                         help="Above 0 and at most 10; 1 is usual, 1.5 for a key point")
    st.text_area(f"{name}: text (the point as a teacher would put it)", key=_init(k + "text", p.get("text", "")),
                 height=70)
    st.text_input(f"{name}: aliases (other phrasings, separated by ;)",
                  key=_init(k + "aliases", "; ".join(p.get("aliases") or [])))
    source = p.get("source") or {}
    file = source.get("file") or NONE
    cols = st.columns([3, 1])
    cols[0].selectbox(f"{name}: citation, seed file", _files(file), key=_init(k + "file", file),
                      format_func=_seed_title)
    cols[1].number_input(f"{name}: citation, line", step=1, key=_init(k + "line", int(source.get("line") or 0)))
    lines = _seed_lines().get(file, ())
    if file != NONE and 1 <= int(source.get("line") or 0) <= len(lines):
        st.caption(f"Line {source['line']} says: “{escape_markdown(lines[source['line'] - 1].strip()[:300])}”")
    for message in problems:
        st.error(_problem(message, draft), icon="⚠️")
    with st.container(horizontal=True):
        st.button(f"Move point {n + 1} up", key=k + "up", on_click=_move, args=(uid, -1), disabled=n == 0)
        st.button(f"Move point {n + 1} down", key=k + "down", on_click=_move, args=(uid, 1), disabled=n == last)
        st.button(f"Delete point {n + 1}", key=k + "del", on_click=_delete, args=(uid,))


def points(draft: dict[str, Any], by_field: dict[str, list[str]]) -> None:
    st.subheader(f"Points ({len(draft['points'])})")
    st.caption("Each point is evidence an essay should use. Open a point to edit it; points with "
               "problems are marked ⚠️ and open.")
    _errors(by_field, "points", draft)
    for n, p in enumerate(draft["points"]):
        problems = by_field.get(f"points[{n}]", [])
        label = escape_markdown(f"{n + 1}. {p.get('id') or '(no id)'} · {p.get('side')} · "
                                f"{(p.get('text') or '(no text)')[:70]}")
        with st.expander(("⚠️ has problems · " if problems else "") + label,
                         expanded=bool(problems) or not p.get("text")):
            _point(n, p, len(draft["points"]) - 1, problems, draft)
    st.button("Add a point", key="editor_add_point", on_click=_add_point, icon="➕")


def suggest(draft: dict[str, Any]) -> None:
    st.subheader("Suggest evidence from the notes")
    query = st.text_input("Look for (words, names, dates; the question is used when this is empty)",
                          key=_init("editor_suggest_q", draft.get("question", "")))
    with st.container(horizontal=True, vertical_alignment="bottom"):
        st.selectbox("Add suggestions on the side", list(SIDES), key="editor_suggest_side", width=220)
        clicked = st.button("Suggest passages", key="editor_suggest", icon="🔎")
    if clicked:
        hits = engine().index.search(query.strip() or draft.get("question", ""), k=8)
        st.session_state[HITS] = [(h.passage.citation, h.passage.file, h.passage.line, h.passage.text) for h in hits]
        if not hits:
            st.info("No passages in the notes match those words: try other words or names.")
    cited = {((p.get("source") or {}).get("file"), (p.get("source") or {}).get("line")) for p in draft["points"]}
    for n, (citation, file, line, text) in enumerate(st.session_state.get(HITS) or []):
        cols = st.columns([6, 1], vertical_alignment="center")
        cols[0].markdown(f"{escape_markdown(citation)} · {escape_markdown(text)}")
        if (file, line) in cited:
            cols[1].button("✔ Cited", key=f"editor_add_{n}", disabled=True, help="A point already cites this line")
        else:
            cols[1].button("Add as point", key=f"editor_add_{n}", on_click=_add_hit, args=(n,),
                           help=f"Add a new point citing {citation}")


def try_it(draft: dict[str, Any]) -> None:
    st.subheader("Try it")
    text = st.text_area("Paste a sample essay to see how this rubric, with your unsaved edits, matches it",
                        key="editor_try_text", height=150)
    if not st.button("Try this rubric", key="editor_try"):
        return
    rubric, problems = _validate(draft)
    if problems:
        st.error("Fix the rubric first:\n\n" + "\n".join(f"- {_problem(p, draft)}" for p in problems),
                 icon="⚠️")
    elif not text.strip():
        st.warning("⚠️ Paste an essay to try.")
    else:
        try:
            report = engine().grade(text, rubric, "sample")
        except Exception as exc:  # never a traceback: the working copy is safe in the session
            st.error(f"The sample could not be marked ({type(exc).__name__}: {escape_markdown(exc)}).", icon="⚠️")
            return
        render_report(report, text, key_prefix="editor_try")


def _version_time(path: Path) -> str:
    m = re.search(r"\.(\d{8}-\d{6})", path.name)
    return datetime.strptime(m.group(1), "%Y%m%d-%H%M%S").strftime("%d %b %Y %H:%M:%S") if m else path.name


def versions() -> None:
    origin = st.session_state.get(ORIGIN)
    st.subheader("Versions")
    found = rubric_versions(origin) if origin else []
    if not found:
        st.caption("No earlier versions yet: each save keeps the version it replaces.")
        return
    by_label = {f"{_version_time(p)} ({p.name})": p for p in found}   # newest first
    pick = st.selectbox(f"Earlier versions of {escape_markdown(origin)} ({len(found)}, newest first)", list(by_label),
                        key="editor_version")
    st.session_state["editor_version_path"] = str(by_label[pick])
    with st.expander("Show this version"):
        st.code(by_label[pick].read_text(encoding="utf-8", errors="replace"), language="yaml")
    st.button("Restore this version", key="editor_restore", on_click=_on_restore,
              help="Saves this version as the current rubric; the current one is kept as a version too")


def sharing(draft: dict[str, Any]) -> None:
    st.subheader("Import and export")
    rubric, problems = _validate(draft)
    data = rubric_yaml(rubric) if rubric else yaml.safe_dump(plain(draft), sort_keys=False, allow_unicode=True)
    name = re.sub(r"[^a-z0-9-]+", "-", str(draft.get("id") or "rubric").lower()).strip("-") or "rubric"
    st.caption("Downloads hold the working copy, unsaved edits included"
               + (f" (it has {len(problems)} problem(s) still)." if problems else "."))
    with st.container(horizontal=True):
        st.download_button("Download rubric (YAML)", data, file_name=f"{name}.yaml", mime="application/yaml",
                           key="editor_dl_yaml", icon="⬇️")
        st.download_button("Download points (CSV)", points_to_csv(plain(draft)["points"]),
                           file_name=f"{name}-points.csv", mime="text/csv", key="editor_dl_points",
                           icon="⬇️")
    with st.expander("Import a rubric (YAML)"):
        st.file_uploader("YAML file (used instead of pasted text when given)", type=["yaml", "yml"],
                         key="editor_import_file", max_upload_size=MAX_RUBRIC_BYTES // 1_000_000,
                         help=f"At most {MAX_RUBRIC_BYTES // 1_000_000} MB.")
        st.text_area("…or paste YAML", key="editor_import_text", height=100)
        st.button("Import rubric", key="editor_import", on_click=_on_import_yaml)
    with st.expander("Import points (CSV with columns id, side, text, aliases, weight, file, line)"):
        st.file_uploader("CSV file (used instead of pasted text when given)", type=["csv"], key="editor_points_file",
                         help=f"At most {MAX_FILE_BYTES // 1_000_000} MB.")
        st.text_area("…or paste CSV", key="editor_points_text", height=100)
        with st.container(horizontal=True):
            st.button("Add these points", key="editor_points_add", on_click=_on_import_points, args=(False,))
            st.button("Replace all the points", key="editor_points_import", on_click=_on_import_points, args=(True,))


def main() -> None:
    st.title("Rubric editor")
    if DRAFT not in st.session_state:
        _load(blank_rubric(point_id("new prompt", rubric_ids())), None)
    chooser()
    pending()
    draft = _sync()
    problems = _validate(draft)[1] if st.session_state.get(CHECK) else []
    _, static, beside = st.session_state.get(STATIC) or ("", [], False)
    by_field = problems_by_field(problems + (list(static) if beside else []))
    status(draft, problems)
    fields(draft, by_field)
    levels(draft, by_field)
    points(draft, by_field)
    _errors(by_field, "rubric", draft)
    with st.container(horizontal=True, vertical_alignment="center"):
        st.button("Save rubric", key="editor_save", type="primary", on_click=_on_save, icon="💾")
        st.button("Copy as a new rubric", key="editor_copy", on_click=_on_copy,
                  help="Keep these fields and points under a new id; the original is unchanged")
        st.checkbox("Replace the existing rubric with this id (its current version is kept)", key="editor_overwrite")
    st.divider()
    draft = _collect()
    suggest(draft)
    try_it(draft)
    versions()
    sharing(draft)


main()
