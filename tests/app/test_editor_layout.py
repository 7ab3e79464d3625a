"""Saving in the rubric editor keeps the file's layout and comments: adding one alias changes
one line; restoring a version writes it back as it was."""
from __future__ import annotations

import difflib

from editor_app import field, point_key
from editor_app import open_rubric as open_editor

from essaycoach.loaders import load_rubric, rubric_versions


def test_adding_an_alias_in_the_editor_changes_one_line_and_keeps_comments(rubric_copy):
    path = rubric_copy / "why-stalin-gained-power.yaml"
    text = "# Year 12 version: keep the weights\n" + path.read_text(encoding="utf-8").replace(
        "  - id: testament\n", "  - id: testament  # check with the exam board\n")
    path.write_text(text, encoding="utf-8")
    at = open_editor("why-stalin-gained-power")
    field = at.text_input(key=point_key(at, "testament", "aliases"))
    field.input(field.value + "; the will was hidden")
    at.button(key="editor_save").click().run()
    assert not at.exception and not at.error
    saved = path.read_text(encoding="utf-8")
    changed = [ln for ln in difflib.ndiff(text.splitlines(), saved.splitlines()) if ln[:2] in ("- ", "+ ")]
    assert len(changed) == 2 and changed[1].endswith(', "the will was hidden"]')
    assert "# Year 12 version: keep the weights" in saved and "# check with the exam board" in saved
    assert load_rubric("why-stalin-gained-power", rubric_copy).point("testament").aliases[-1] == "the will was hidden"
    [kept] = rubric_versions("why-stalin-gained-power", rubric_copy)
    assert kept.read_text(encoding="utf-8") == text


def test_a_restored_version_is_written_back_as_it_was(rubric_copy):
    path = rubric_copy / "women-status.yaml"
    text = "# the first draft\n" + path.read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    at = open_editor("women-status")
    at.text_input(key=field(at, "title")).input("A new title")
    at.button(key="editor_save").click().run()
    assert path.read_text(encoding="utf-8") != text
    at.selectbox(key="editor_version").select_index(0).run()
    at.button(key="editor_restore").click().run()
    assert not at.exception
    assert path.read_text(encoding="utf-8") == text
