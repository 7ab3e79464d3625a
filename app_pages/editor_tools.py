"""Rubric editor: the tools below the form (suggest evidence, try a sample essay, versions,
import and export) and the list of rubric files that have problems."""
from __future__ import annotations

import re
from typing import Any

import streamlit as st
import yaml

from app_pages import editor_copy as wc
from app_pages.common import engine, load_rubrics
from app_pages.editor_form import problem_text
from app_pages.feedback_view import render_report
from essaycoach.editor_state import import_rubric, version_diff, version_label
from essaycoach.errors import RubricError
from essaycoach.inputs import MAX_FILE_BYTES, uploaded_name
from essaycoach.loaders import MAX_RUBRIC_BYTES, parse_rubric_yaml, rubric_versions, rubric_yaml
from essaycoach.markup import counted, escape_markdown
from essaycoach.rubric_edit import plain, points_from_csv, points_to_csv, upload_text
from essaycoach.verdicts import marking_basis


def broken_files() -> None:
    """Rubric files that don't load, each with its problem and a button to open it to fix."""
    _, broken = load_rubrics()
    if not broken:
        return
    with st.expander(f"⚠️ {counted(len(broken), 'rubric file')} in the rubric folder with problems: open one to fix it",
                     expanded=True, key="editor_broken_list"):
        for b in broken:
            cols = st.columns([5, 1], vertical_alignment="center")
            cols[0].markdown(f"**{escape_markdown(b.file)}**: {escape_markdown(b.message)}")
            cols[1].button("Open to fix", key=f"editor_fix_{b.id}", on_click=_on_fix, args=(b.id,))


def _on_fix(rubric_id: str) -> None:
    wc.fresh()
    wc.ask_first(f"open {rubric_id}", "open", rubric_id)


def mend_as_text() -> bool:
    """A file whose YAML cannot even be read: its text to mend, checked on save. True if shown."""
    raw = st.session_state.get(wc.RAW)
    if not raw:
        return False
    rubric_id, text, problems = raw
    st.subheader(f"Mend {escape_markdown(rubric_id)}.yaml as text")
    st.error(f"{escape_markdown(rubric_id)}.yaml cannot be opened in the fields:\n\n"
             + "\n".join(f"- {escape_markdown(p)}" for p in problems), icon="⚠️")
    st.text_area("The file's text (fix the problem above, then save)",
                 value=text, key="editor_raw_text", height=300, max_chars=MAX_RUBRIC_BYTES)
    with st.container(horizontal=True):
        st.button("Check and save this text", key="editor_raw_save", type="primary", on_click=wc.save_raw,
                  args=(rubric_id,))
        st.button("Close without saving", key="editor_raw_close",
                  on_click=lambda: st.session_state.update({wc.RAW: None}))
    return True


def try_it(draft: dict[str, Any]) -> None:
    st.subheader("Try it")
    text = st.text_area("Paste a sample essay to see how this rubric, with your unsaved edits, matches it",
                        key="editor_try_text", height=150)
    if not st.button("Try this rubric", key="editor_try"):
        return
    rubric, problems = wc.validate(draft)
    if rubric is None or problems:
        st.error("Fix the rubric first:\n\n" + "\n".join(f"- {problem_text(p, draft)}" for p in problems),
                 icon="⚠️")
    elif not text.strip():
        st.warning("⚠️ Paste an essay to try.")
    else:
        try:
            report = engine().grade(text, rubric, "sample")
        except Exception as exc:  # never a traceback: the working copy is safe in the session
            st.error(f"The sample could not be marked ({type(exc).__name__}: {escape_markdown(exc)}).", icon="⚠️")
            return
        # The time and marks set above decide the length expected and whether a judgement is
        # asked: say so, or a new short question tried at the blank rubric's 45 minutes and 25
        # marks reads as wrongly "too short" and asked to conclude (walk).
        st.caption(f"{marking_basis(rubric)} Change the minutes and marks above to mark it otherwise.")
        render_report(report, text, key_prefix="editor_try")


def _on_restore() -> None:
    wc.fresh()
    version = st.session_state.get("editor_version_path")
    if version and st.session_state.get(wc.ORIGIN):
        wc.ask_first("restore that version", "restore", version)


def _laid_out(text: str) -> str:
    """A version in the layout saves write, so the diff shows what changed, not how it was typed."""
    try:
        return rubric_yaml(parse_rubric_yaml(text, "version", check_citations=False))
    except (RubricError, TypeError, ValueError, RecursionError):
        return text


def versions() -> None:
    """Earlier versions: what changed between any two (or a version and the file now), and restore."""
    origin = st.session_state.get(wc.ORIGIN)
    st.subheader("Versions")
    found = rubric_versions(origin) if origin else []
    if not found:
        st.caption("No earlier versions yet: each save keeps the version it replaces.")
        return
    by_label = {f"{version_label(p.name)} ({p.name})": p for p in found}   # newest first
    pick = st.selectbox(f"Earlier versions of {escape_markdown(origin)} ({len(found)}, newest first)",
                        list(by_label), key="editor_version")
    st.session_state["editor_version_path"] = str(by_label[pick])
    now = f"the rubric as saved now ({origin}.yaml)"
    other = st.selectbox("Compare it with", [now] + [k for k in by_label if k != pick], key="editor_version_other")
    current = wc.disk(origin)
    old_text = by_label[pick].read_text(encoding="utf-8", errors="replace")
    new_text = (current or b"").decode("utf-8", "replace") if other == now else \
        by_label[other].read_text(encoding="utf-8", errors="replace")
    new_name = f"{origin}.yaml" if other == now else by_label[other].name
    diff = version_diff(_laid_out(old_text), _laid_out(new_text), by_label[pick].name, new_name)
    if diff:
        st.caption("Lines starting with - are in the earlier version only, + in the later one only.")
        st.code(diff, language="diff")
    else:
        st.caption("The two versions are the same.")
    st.button("Restore this version", key="editor_restore", on_click=_on_restore,
              help="Saves this version as the current rubric; the current one is kept as a version too")


def _upload_or_paste(upload_key: str, paste_key: str, kind: str) -> tuple[str, str]:
    """(text, name) of the uploaded file, else of the pasted text; RubricError when unreadable."""
    upload = st.session_state.get(upload_key)
    if upload is not None:
        name = uploaded_name(upload.name)
        return upload_text(upload.getvalue(), name, kind), name
    return st.session_state.get(paste_key) or "", f"the pasted {kind}"


IMPORT_FAILED = "editor_import_failed"  # session key: why the last import failed, shown by its box too


def _on_import_yaml() -> None:
    wc.fresh()
    st.session_state[IMPORT_FAILED] = None
    try:
        text, name = _upload_or_paste("editor_import_file", "editor_import_text", "YAML")
        if not text.strip():
            raise RubricError("nothing to import: upload a .yaml file or paste YAML", "import")
        got = import_rubric(text, name, parse_rubric_yaml, MAX_RUBRIC_BYTES, wc.notes())
    except RubricError as exc:
        st.session_state[wc.STATIC] = ("Import failed (the working copy is unchanged)",
                                       [f"rubric: {p}" for p in exc.problems] if exc.source == "import" else
                                       [f"rubric: {exc.source}: {p}" for p in exc.problems], False)
        # said beside the button too: the page's own notice is a screen or two above (a walk saw
        # nothing happen)
        st.session_state[IMPORT_FAILED] = list(exc.problems)
        return
    wc.ask_first(f"import {name}", "import", got.data, name, got.problems, text)


def _on_import_points(replace: bool) -> None:
    wc.fresh()
    try:
        text, name = _upload_or_paste("editor_points_file", "editor_points_text", "CSV")
        points = points_from_csv(text, name)
    except RubricError as exc:
        st.session_state[wc.STATIC] = ("Points not imported (the working copy is unchanged)",
                                       [f"points: {exc.source}: {p}" for p in exc.problems], False)
        return
    if replace:
        wc.ask_first("replace all the points", "points", points)
        return
    draft = wc.sync()
    draft["points"] += [dict(p, _uid=wc.new_uid()) for p in points]
    st.session_state.update({wc.CHECK: True, wc.STATIC: None,
                             wc.NOTICE: f"Added {len(points)} points from {name} (not saved yet)."})


def sharing(draft: dict[str, Any]) -> None:
    st.subheader("Import and export")
    rubric, problems = wc.validate(draft)
    data = rubric_yaml(rubric) if rubric else yaml.safe_dump(plain(draft), sort_keys=False, allow_unicode=True)
    name = re.sub(r"[^a-z0-9-]+", "-", str(draft.get("id") or "rubric").lower()).strip("-") or "rubric"
    st.caption("Downloads hold the working copy, unsaved edits included"
               + (f" (it has {counted(len(problems), 'problem')} still)." if problems else "."))
    with st.container(horizontal=True):
        st.download_button("Download rubric (YAML)", data, file_name=f"{name}.yaml", mime="application/yaml",
                           key="editor_dl_yaml", icon="⬇️")
        st.download_button("Download points (CSV)", points_to_csv(plain(draft)["points"]),
                           file_name=f"{name}-points.csv", mime="text/csv", key="editor_dl_points", icon="⬇️")
    failed = st.session_state.get(IMPORT_FAILED)
    with st.expander("Import a rubric (YAML)", expanded=bool(failed)):
        st.file_uploader("YAML file (used instead of pasted text when given)", type=["yaml", "yml"],
                         key="editor_import_file", max_upload_size=max(1, MAX_RUBRIC_BYTES // 1_000_000),
                         help=f"At most {MAX_RUBRIC_BYTES // 1_000_000} MB.")
        st.text_area("…or paste YAML", key="editor_import_text", height=100)
        st.button("Import rubric", key="editor_import", on_click=_on_import_yaml)
        if failed:
            st.error("Not imported (the working copy is unchanged):\n\n"
                     + "\n".join(f"- {escape_markdown(p)}" for p in failed), icon="⚠️")
    with st.expander("Import points (CSV with columns id, side, text, aliases, weight, file, line)"):
        st.file_uploader("CSV file (used instead of pasted text when given)", type=["csv"], key="editor_points_file",
                         help=f"At most {MAX_FILE_BYTES // 1_000_000} MB.")
        st.text_area("…or paste CSV", key="editor_points_text", height=100)
        with st.container(horizontal=True):
            st.button("Add these points", key="editor_points_add", on_click=_on_import_points, args=(False,))
            st.button("Replace all the points", key="editor_points_import", on_click=_on_import_points, args=(True,))
