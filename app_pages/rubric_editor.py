"""Rubric editor: prompts, levels and points; suggest evidence from the notes; try a sample
essay; save (validated, atomic, versioned); restore, import and export.

The working copy is plain rubric data in the session (``editor_draft``): nothing touches the
file until a save passes validation, and a failed save keeps every edit on screen. Each
point carries a private ``_uid`` so its widgets keep their keys when points are reordered.
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
from essaycoach.errors import RubricError, UnknownRubricError
from essaycoach.loaders import (load_seeds, parse_rubric_yaml, read_rubric_file, rubric_ids, rubric_path,
                                rubric_versions, rubric_yaml, save_rubric, seed_lines)
from essaycoach.rubric import SIDES, Rubric, parse_rubric, rubric_to_dict
from essaycoach.rubric_edit import blank_rubric, point_id, points_from_csv, points_to_csv, problems_by_field

DRAFT, ORIGIN, PROBLEMS, NOTICE, HITS = ("editor_draft", "editor_origin", "editor_problems", "editor_notice",
                                         "editor_hits")
NEW = "(new blank rubric)"
_FIELD_PREFIXES = ("editor_f_", "editor_l", "editor_p_")
_QUESTION = re.compile(r"^(?:\d+[.)]\s*)?((?:To what extent|How far|How important|How successful|How significant|"
                       r"Assess|Evaluate|Why did|Explain why)[^\n]{20,300}?)\s*$", re.IGNORECASE)


# ---- the working copy -------------------------------------------------------------------------

def _uid() -> int:
    """A point uid never used before in this session (the page script reruns from the top,
    so a module-level counter would restart and reuse widget keys)."""
    st.session_state["editor_uid"] = st.session_state.get("editor_uid", 0) + 1
    return st.session_state["editor_uid"]


def _load(draft: dict[str, Any], origin: str | None, notice: str | None = None) -> None:
    """Replace the working copy; the field widgets start again from it."""
    for key in [k for k in st.session_state if isinstance(k, str) and k.startswith(_FIELD_PREFIXES)]:
        del st.session_state[key]
    draft = dict(draft)
    draft["points"] = [dict(p, _uid=_uid()) for p in draft.get("points") or []]
    draft["levels"] = [dict(lv) for lv in draft.get("levels") or []]
    st.session_state[DRAFT] = draft
    st.session_state[ORIGIN] = origin
    st.session_state[PROBLEMS] = []
    st.session_state[NOTICE] = notice


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
    out["source"] = "" if out.get("source") in (None, "(none)") else out.get("source")
    levels = []
    for i, lv in enumerate(draft["levels"]):
        low, high = s.get(f"editor_l{i}_low", lv["marks"][0]), s.get(f"editor_l{i}_high", lv["marks"][1])
        levels.append({"level": i + 1, "marks": [int(low), int(high)],
                       "descriptor": s.get(f"editor_l{i}_desc", lv.get("descriptor", ""))})
    out["levels"] = levels
    points = []
    for p in draft["points"]:
        k = f"editor_p_{p['_uid']}_"
        point = {"_uid": p["_uid"], "id": s.get(k + "id", p.get("id", "")), "side": s.get(k + "side", p.get("side")),
                 "text": s.get(k + "text", p.get("text", ""))}
        aliases = s.get(k + "aliases", "; ".join(p.get("aliases") or []))
        if aliases.strip():
            point["aliases"] = [a.strip() for a in aliases.split(";") if a.strip()]
        weight = float(s.get(k + "weight", p.get("weight", 1.0)))
        if weight != 1.0:
            point["weight"] = weight
        file = s.get(k + "file", (p.get("source") or {}).get("file", "(none)"))
        line = int(s.get(k + "line", (p.get("source") or {}).get("line", 0)) or 0)
        if file and file != "(none)":
            point["source"] = {"file": file, "line": line}
        points.append(point)
    out["points"] = points
    return out


def _plain(draft: dict[str, Any]) -> dict[str, Any]:
    """Rubric data as a file holds it: no private fields, no empty optional ones."""
    out = {k: v for k, v in draft.items() if not (k in ("topic", "source") and not v)}
    out["points"] = [{k: v for k, v in p.items() if k != "_uid"} for p in draft.get("points", [])]
    return out


def _validate(draft: dict[str, Any]) -> tuple[Rubric | None, list[str]]:
    try:
        return parse_rubric(_plain(draft), "rubric", seed_lines()), []
    except RubricError as exc:
        return None, exc.problems


# ---- callbacks: they run before the page, so the widgets they reset start afresh -------------

def _on_load() -> None:
    pick = st.session_state.get("editor_pick")
    if pick == NEW:
        _load(blank_rubric(), None, "A blank rubric: fill it in, then save.")
        return
    try:
        rubric = read_rubric_file(rubric_path(pick))
    except (RubricError, UnknownRubricError, OSError) as exc:
        st.session_state[NOTICE] = f"⚠️ Could not open {pick}: {exc}"
        return
    _load(rubric_to_dict(rubric), rubric.id)


def _on_new_from_question() -> None:
    choice = st.session_state.get("editor_seed_question")
    found = next(((f, q) for f, q in _seed_questions() if f"{q} ({f})" == choice), None)
    if found is None:
        return
    file, question = found
    rid = point_id(question, rubric_ids())
    _load(blank_rubric(rid, question, file), None,
          f"New rubric for a question from {file}: add points (try Suggest evidence), then save.")


def _sync() -> dict[str, Any]:
    draft = _collect()
    st.session_state[DRAFT] = draft
    return draft


def _move(uid: int, step: int) -> None:
    draft = _sync()
    points = draft["points"]
    i = next(n for n, p in enumerate(points) if p["_uid"] == uid)
    j = i + step
    if 0 <= j < len(points):
        points[i], points[j] = points[j], points[i]


def _delete(uid: int) -> None:
    draft = _sync()
    draft["points"] = [p for p in draft["points"] if p["_uid"] != uid]
    st.session_state[NOTICE] = "Point deleted (not saved yet)."


def _add_point(text: str = "", file: str | None = None, line: int | None = None, side: str = "for") -> None:
    draft = _sync()
    point: dict[str, Any] = {"_uid": _uid(), "id": point_id(text or "new point", (p["id"] for p in draft["points"])),
                             "side": side, "text": text}
    if file:
        point["source"] = {"file": file, "line": line}
    draft["points"].append(point)
    st.session_state[NOTICE] = f"Added point {point['id']!r} (not saved yet)."


def _add_hit(n: int) -> None:
    citation, file, line, text = st.session_state[HITS][n]
    _add_point(text, file, line, st.session_state.get("editor_suggest_side", "for"))


def _level_count(step: int) -> None:
    draft = _sync()
    levels = draft["levels"]
    if step > 0:
        top = levels[-1]["marks"][1] if levels else 0
        levels.append({"level": len(levels) + 1, "marks": [top + 1, top + 5], "descriptor": ""})
    elif levels:
        levels.pop()


def _on_save() -> None:
    draft = _sync()
    rid, origin = str(draft.get("id") or ""), st.session_state.get(ORIGIN)
    rubric, problems = _validate(draft)
    if not problems and rid != origin and rid in rubric_ids() and not st.session_state.get("editor_overwrite"):
        problems = [f"id: a rubric {rid!r} already exists; choose another id, or tick "
                    "'Replace the existing rubric' to overwrite it (its current version is kept)"]
    st.session_state[PROBLEMS] = problems
    if problems:
        st.session_state[NOTICE] = None
        return
    try:
        path = save_rubric(rubric)
    except (RubricError, UnknownRubricError, OSError) as exc:
        st.session_state[PROBLEMS] = [f"rubric: not saved: {exc}"]
        return
    st.session_state[ORIGIN] = rubric.id
    st.session_state[NOTICE] = f"✔ Saved {path.name}; the previous version is kept under Versions."


def _on_restore() -> None:
    version = st.session_state.get("editor_version_path")
    origin = st.session_state.get(ORIGIN)
    if not version or not origin:
        return
    try:
        rubric = parse_rubric_yaml(Path(version).read_text(encoding="utf-8"), Path(version).name,
                                   expected_id=origin)
        save_rubric(rubric)
    except (RubricError, OSError, UnicodeDecodeError) as exc:
        st.session_state[NOTICE] = f"⚠️ That version cannot be restored: {exc}"
        return
    _load(rubric_to_dict(rubric), rubric.id, f"✔ Restored the version of {_version_time(Path(version))}; "
                                             "the version it replaced is kept too.")


def _on_import_yaml() -> None:
    upload = st.session_state.get("editor_import_file")
    try:
        text = upload.getvalue().decode("utf-8") if upload is not None else st.session_state.get("editor_import_text", "")
    except UnicodeDecodeError:
        st.session_state[PROBLEMS] = [f"rubric: {upload.name} is not UTF-8 text; save it as UTF-8 YAML"]
        return
    if not text.strip():
        st.session_state[PROBLEMS] = ["rubric: nothing to import: upload a .yaml file or paste YAML"]
        return
    try:
        rubric = parse_rubric_yaml(text, "imported YAML")
    except RubricError as exc:
        st.session_state[PROBLEMS] = [f"rubric: import failed: {p}" for p in exc.problems]
        return
    _load(rubric_to_dict(rubric), None, f"Imported {rubric.id!r}: review it, then save.")


def _on_import_points() -> None:
    upload = st.session_state.get("editor_points_file")
    try:
        text = upload.getvalue().decode("utf-8") if upload is not None else st.session_state.get("editor_points_text", "")
        points = points_from_csv(text)
    except UnicodeDecodeError:
        st.session_state[PROBLEMS] = ["points: the CSV is not UTF-8 text"]
        return
    except RubricError as exc:
        st.session_state[PROBLEMS] = [f"points: import failed: {p}" for p in exc.problems]
        return
    draft = _sync()
    draft["points"] = [dict(p, _uid=_uid()) for p in points]
    st.session_state[NOTICE] = f"Imported {len(points)} points (not saved yet)."


# ---- the page ---------------------------------------------------------------------------------

def _errors(by_field: dict[str, list[str]], key: str) -> None:
    for message in by_field.get(key, []):
        st.error(message, icon="⚠️")


def _seed_questions() -> list[tuple[str, str]]:
    found = []
    for file, text in sorted(load_seeds().items()):
        for line in text.splitlines():
            m = _QUESTION.match(line.strip())
            if m and m.group(1).rstrip().endswith(("?", ".")):
                found.append((file, m.group(1).strip()))
    return list(dict.fromkeys(found))


def chooser() -> None:
    ids = rubric_ids()
    cols = st.columns([3, 1])
    cols[0].selectbox("Rubric to edit", [NEW] + ids, key="editor_pick")
    cols[1].button("Open", key="editor_load", on_click=_on_load, width="stretch")
    questions = _seed_questions()
    if questions:
        cols = st.columns([3, 1])
        cols[0].selectbox("…or start from an exam question in the notes",
                          [f"{q} ({file})" for file, q in questions], key="editor_seed_question")
        cols[1].button("Start", key="editor_new_seed", on_click=_on_new_from_question, width="stretch")


def fields(draft: dict[str, Any], by_field: dict[str, list[str]]) -> None:
    st.subheader("Prompt")
    cols = st.columns(2)
    cols[0].text_input("Id (file name: lower-case letters, digits, hyphens)", key=_init("editor_f_id", draft.get("id", "")))
    _errors(by_field, "id")
    cols[1].text_input("Title", key=_init("editor_f_title", draft.get("title", "")))
    _errors(by_field, "title")
    st.text_area("Question", key=_init("editor_f_question", draft.get("question", "")), height=80)
    _errors(by_field, "question")
    cols = st.columns(4)
    cols[0].text_input("Topic (groups prompts)", key=_init("editor_f_topic", draft.get("topic", "")))
    files = ["(none)"] + sorted(load_seeds())
    source = draft.get("source") or "(none)"
    cols[1].selectbox("Source notes", files, key=_init("editor_f_source", source if source in files else "(none)"))
    cols[2].number_input("Minutes", min_value=1, max_value=300, step=5,
                         key=_init("editor_f_minutes", int(draft.get("minutes") or 45)))
    cols[3].number_input("Marks", min_value=1, max_value=200, step=1,
                         key=_init("editor_f_marks", int(draft.get("marks") or 25)))
    for key in ("topic", "source", "minutes", "marks"):
        _errors(by_field, key)


def levels(draft: dict[str, Any], by_field: dict[str, list[str]]) -> None:
    st.subheader("Levels")
    st.caption("Lowest first; mark bands must be contiguous from 1 and end at the maximum mark.")
    _errors(by_field, "levels")
    for i, lv in enumerate(draft["levels"]):
        cols = st.columns([1, 1, 1, 6])
        cols[0].markdown(f"**Level {i + 1}**")
        cols[1].number_input("from", min_value=0, max_value=200, key=_init(f"editor_l{i}_low", int(lv["marks"][0])))
        cols[2].number_input("to", min_value=0, max_value=200, key=_init(f"editor_l{i}_high", int(lv["marks"][1])))
        cols[3].text_input("Descriptor", key=_init(f"editor_l{i}_desc", lv.get("descriptor", "")))
        _errors(by_field, f"levels[{i}]")
    cols = st.columns(2)
    cols[0].button("Add a level", key="editor_level_add", on_click=_level_count, args=(1,))
    cols[1].button("Remove the top level", key="editor_level_remove", on_click=_level_count, args=(-1,),
                   disabled=not draft["levels"])


def points(draft: dict[str, Any], by_field: dict[str, list[str]]) -> None:
    st.subheader(f"Points ({len(draft['points'])})")
    _errors(by_field, "points")
    files = ["(none)"] + sorted(load_seeds())
    for n, p in enumerate(draft["points"]):
        k, uid = f"editor_p_{p['_uid']}_", p["_uid"]
        problems = by_field.get(f"points[{n}]", [])
        label = f"{n + 1}. {p.get('id') or '(no id)'} · {p.get('side')} · {(p.get('text') or '')[:70]}"
        with st.expander(("⚠️ " if problems else "") + label, expanded=bool(problems) or not p.get("text")):
            cols = st.columns([2, 1, 1])
            cols[0].text_input("Point id", key=_init(k + "id", p.get("id", "")))
            side = p.get("side") if p.get("side") in SIDES else SIDES[0]
            cols[1].selectbox("Side", list(SIDES), key=_init(k + "side", side))
            cols[2].number_input("Weight", min_value=0.1, max_value=10.0, step=0.1,
                                 key=_init(k + "weight", float(p.get("weight", 1.0))))
            st.text_area("Text (the point as a teacher would put it)", key=_init(k + "text", p.get("text", "")),
                         height=70)
            st.text_input("Aliases (other phrasings, separated by ;)",
                          key=_init(k + "aliases", "; ".join(p.get("aliases") or [])))
            source = p.get("source") or {}
            cols = st.columns([3, 1])
            file = source.get("file") or "(none)"
            cols[0].selectbox("Citation: seed file", files, key=_init(k + "file", file if file in files else "(none)"))
            cols[1].number_input("line", min_value=0, step=1, key=_init(k + "line", int(source.get("line") or 0)))
            for message in problems:
                st.error(message, icon="⚠️")
            cols = st.columns(3)
            cols[0].button("Move up", key=k + "up", on_click=_move, args=(uid, -1), disabled=n == 0)
            cols[1].button("Move down", key=k + "down", on_click=_move, args=(uid, 1),
                           disabled=n == len(draft["points"]) - 1)
            cols[2].button("Delete point", key=k + "del", on_click=_delete, args=(uid,))
    st.button("Add a point", key="editor_add_point", on_click=_add_point)


def suggest(draft: dict[str, Any]) -> None:
    st.subheader("Suggest evidence from the notes")
    query = st.text_input("Look for", key=_init("editor_suggest_q", draft.get("question", "")))
    cols = st.columns(2)
    cols[0].selectbox("Add suggestions on the side", list(SIDES), key="editor_suggest_side")
    if cols[1].button("Suggest passages", key="editor_suggest"):
        hits = engine().index.search(query or draft.get("question", ""), k=8)
        st.session_state[HITS] = [(h.passage.citation, h.passage.file, h.passage.line, h.passage.text[:400])
                                  for h in hits]
    for n, (citation, _, _, text) in enumerate(st.session_state.get(HITS) or []):
        cols = st.columns([6, 1])
        cols[0].markdown(f"`{citation}` {text}")
        cols[1].button("Add as point", key=f"editor_add_{n}", on_click=_add_hit, args=(n,))


def try_it(draft: dict[str, Any]) -> None:
    st.subheader("Try it")
    text = st.text_area("Paste a sample essay to see how this (unsaved) rubric matches it", key="editor_try_text")
    if not st.button("Try this rubric", key="editor_try"):
        return
    rubric, problems = _validate(draft)
    if problems:
        st.error("Fix the rubric first:\n\n" + "\n".join(f"- {p}" for p in problems), icon="⚠️")
    elif not text.strip():
        st.warning("Paste an essay to try.")
    else:
        render_report(engine().grade(text, rubric, "sample"), text, key_prefix="editor_try")


def _version_time(path: Path) -> str:
    m = re.search(r"\.(\d{8}-\d{6})", path.name)
    return datetime.strptime(m.group(1), "%Y%m%d-%H%M%S").strftime("%d %b %Y %H:%M:%S") if m else path.name


def versions() -> None:
    origin = st.session_state.get(ORIGIN)
    st.subheader("Versions")
    if not origin:
        st.caption("Save the rubric first; each later save keeps the version it replaces.")
        return
    found = rubric_versions(origin)
    if not found:
        st.caption("No earlier versions yet: each save keeps the version it replaces.")
        return
    by_label = {f"{_version_time(p)} ({p.name})": p for p in found}   # plain labels, newest first
    pick = st.selectbox("Earlier version", list(by_label), key="editor_version")
    st.session_state["editor_version_path"] = str(by_label[pick])
    with st.expander("Show this version"):
        st.code(by_label[pick].read_text(encoding="utf-8", errors="replace"), language="yaml")
    st.button("Restore this version", key="editor_restore", on_click=_on_restore)


def sharing(draft: dict[str, Any]) -> None:
    st.subheader("Import and export")
    rubric, _ = _validate(draft)
    data = rubric_yaml(rubric) if rubric else yaml.safe_dump(_plain(draft), sort_keys=False, allow_unicode=True)
    name = re.sub(r"[^a-z0-9-]+", "-", str(draft.get("id") or "rubric").lower()).strip("-") or "rubric"
    cols = st.columns(2)
    cols[0].download_button("Download rubric (YAML)", data, file_name=f"{name}.yaml", mime="application/yaml",
                            key="editor_dl_yaml")
    cols[1].download_button("Download points (CSV)", points_to_csv(_plain(draft)["points"]),
                            file_name=f"{name}-points.csv", mime="text/csv", key="editor_dl_points")
    with st.expander("Import a rubric (YAML)"):
        st.file_uploader("YAML file", type=["yaml", "yml"], key="editor_import_file")
        st.text_area("…or paste YAML", key="editor_import_text", height=100)
        st.button("Import rubric", key="editor_import", on_click=_on_import_yaml)
    with st.expander("Import points (CSV: id, side, text, aliases, weight, file, line)"):
        st.file_uploader("CSV file", type=["csv"], key="editor_points_file")
        st.text_area("…or paste CSV", key="editor_points_text", height=100)
        st.button("Replace the points", key="editor_points_import", on_click=_on_import_points)


def main() -> None:
    st.title("Rubric editor")
    if DRAFT not in st.session_state:
        _load(blank_rubric(), None)
    chooser()
    draft = st.session_state[DRAFT]
    origin = st.session_state.get(ORIGIN)
    st.caption(f"Editing **{origin}**" if origin else "Editing a new, unsaved rubric")
    notice = st.session_state.get(NOTICE)
    if notice:
        (st.warning if notice.startswith("⚠️") else st.success)(notice)
    problems = st.session_state.get(PROBLEMS) or []
    if problems:
        st.error(f"Not saved: {len(problems)} problem(s), shown by their fields below.\n\n"
                 + "\n".join(f"- {p}" for p in problems), icon="⚠️")
    by_field = problems_by_field(problems)
    fields(draft, by_field)
    levels(draft, by_field)
    points(draft, by_field)
    _errors(by_field, "rubric")
    cols = st.columns([1, 2])
    cols[0].button("Save rubric", key="editor_save", type="primary", on_click=_on_save)
    cols[1].checkbox("Replace the existing rubric with this id", key="editor_overwrite")
    draft = _collect()
    st.divider()
    suggest(draft)
    try_it(draft)
    versions()
    sharing(draft)


main()
