"""The rubric editor driven through AppTest on a temporary copy of the shipped rubrics."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from essaycoach.loaders import load_rubric, rubric_versions
from essaycoach.rubric import rubric_to_dict

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "app_pages" / "rubric_editor.py"


@pytest.fixture(autouse=True)
def folder(rubric_copy) -> Path:
    return rubric_copy


def _open(rubric_id: str = "trotsky-errors") -> AppTest:
    at = AppTest.from_file(str(PAGE), default_timeout=120).run()
    assert not at.exception
    at.selectbox(key="editor_pick").select(rubric_id)
    at.button(key="editor_load").click().run()
    assert not at.exception
    return at


def _uid(at: AppTest, point: str) -> str:
    """The widget-key prefix of a point, found by its id field."""
    return next(w.key[: -len("id")] for w in at.text_input if w.key and w.key.startswith("editor_p_")
                and w.key.endswith("_id") and w.value == point)


def test_an_edit_round_trips_and_leaves_the_rest_alone(folder):
    before = rubric_to_dict(load_rubric("trotsky-errors", folder))
    at = _open()
    at.text_input(key="editor_f_title").input("Trotsky and Stalin, 1924-29")
    at.text_input(key=_uid(at, "funeral") + "aliases").input("Lenin's burial; missed the funeral")
    at.button(key="editor_save").click().run()
    assert not at.exception and not at.error
    after = rubric_to_dict(load_rubric("trotsky-errors", folder))
    assert after["title"] == "Trotsky and Stalin, 1924-29"
    funeral = next(p for p in after["points"] if p["id"] == "funeral")
    assert funeral["aliases"] == ["Lenin's burial", "missed the funeral"]
    before["title"], after_points = after["title"], after.pop("points")
    before_points = before.pop("points")
    assert after == before
    assert [p for p in after_points if p["id"] != "funeral"] == [p for p in before_points if p["id"] != "funeral"]
    assert len(rubric_versions("trotsky-errors", folder)) == 1


@pytest.mark.parametrize("edit, field_error", [
    (lambda at: at.text_area(key="editor_f_question").input(""), "question: is required"),
    (lambda at: at.text_input(key=_uid(at, "funeral") + "id").input("testament"), "duplicate point id"),
    (lambda at: at.text_area(key=_uid(at, "testament") + "text").input(""), "text: is required"),
    (lambda at: at.number_input(key="editor_l1_low").set_value(9), "levels[1].marks"),
])
def test_a_bad_rubric_shows_its_errors_and_leaves_the_file_untouched(folder, edit, field_error):
    path = folder / "trotsky-errors.yaml"
    original = path.read_bytes()
    at = _open()
    edit(at)
    at.button(key="editor_save").click().run()
    assert not at.exception
    assert path.read_bytes() == original and not (folder / ".history").exists()
    messages = [e.value for e in at.error]
    assert any(field_error in m for m in messages[1:]), messages   # beside its field...
    assert field_error in messages[0]                              # ...and in the summary at the top
    # The unsaved edit is still on screen.
    assert at.text_input(key="editor_f_id").value == "trotsky-errors"


def test_a_path_trick_id_is_refused(folder):
    at = _open()
    at.text_input(key="editor_f_id").input("../../etc/passwd")
    at.button(key="editor_save").click().run()
    assert any("is not a slug" in e.value for e in at.error)
    assert not any(p.name == "passwd" for p in folder.parent.rglob("passwd*"))


def test_saving_as_an_existing_id_needs_confirmation(folder):
    at = _open("purge-necessary")
    original = (folder / "trotsky-errors.yaml").read_bytes()
    at.text_input(key="editor_f_id").input("trotsky-errors")
    at.button(key="editor_save").click().run()
    assert any("already exists" in e.value for e in at.error)
    assert (folder / "trotsky-errors.yaml").read_bytes() == original


def test_an_earlier_version_can_be_restored(folder):
    at = _open()
    at.text_input(key="editor_f_title").input("First edit")
    at.button(key="editor_save").click().run()
    at.text_input(key="editor_f_title").input("Second edit")
    at.button(key="editor_save").click().run()
    assert load_rubric("trotsky-errors", folder).title == "Second edit"
    versions = at.selectbox(key="editor_version")
    assert len(versions.options) == 2
    versions.select_index(0).run()                       # newest first: the "First edit" version
    at.button(key="editor_restore").click().run()
    assert not at.exception
    assert load_rubric("trotsky-errors", folder).title == "First edit"
    assert at.text_input(key="editor_f_title").value == "First edit"
    assert len(rubric_versions("trotsky-errors", folder)) == 3  # the replaced one is kept too


def test_suggest_evidence_adds_a_cited_point(folder):
    at = _open()
    count = len(load_rubric("trotsky-errors", folder).points)
    at.text_input(key="editor_suggest_q").input("Kirov murder 1934")
    at.button(key="editor_suggest").click().run()
    # The notes spell it "Kyrov": retrieval goes through the same spelling-tolerant analyzer.
    assert any(re.search(r"k[iy]rov", m.value, re.I) for m in at.markdown)
    at.button(key="editor_add_0").click().run()
    at.button(key="editor_save").click().run()
    assert not at.exception and not at.error
    saved = load_rubric("trotsky-errors", folder)
    assert len(saved.points) == count + 1
    added = saved.points[-1]
    assert added.source is not None and re.search(r"k[iy]rov", added.text, re.I)
    assert added.source.file.endswith(".txt") and added.source.line > 0


def test_points_can_be_moved_and_deleted(folder):
    at = _open()
    ids = [p.id for p in load_rubric("trotsky-errors", folder).points]
    at.button(key=_uid(at, ids[1]) + "up").click().run()
    at.button(key=_uid(at, ids[2]) + "del").click().run()
    at.button(key="editor_save").click().run()
    assert [p.id for p in load_rubric("trotsky-errors", folder).points] == [ids[1], ids[0]] + ids[3:]


def test_try_it_shows_coverage_for_the_unsaved_rubric():
    at = _open()
    at.text_input(key=_uid(at, "funeral") + "aliases").input("skipped the burial")
    at.text_area(key="editor_try_text").input("Trotsky skipped the burial of Lenin in 1924, which made him "
                                               "look arrogant. Stalin was General Secretary.")
    at.button(key="editor_try").click().run()
    assert not at.exception
    assert any(m.label == "Coverage" for m in at.metric)
    assert any("covered: funeral" in m.value for m in at.markdown)


@pytest.mark.parametrize("yaml_text, problem", [
    ("id: x\npoints: [oops\n", "YAML syntax error"),
    ("just text", "expected a mapping"),
])
def test_a_broken_yaml_import_shows_a_message(yaml_text, problem):
    at = _open()
    at.text_area(key="editor_import_text").input(yaml_text)
    at.button(key="editor_import").click().run()
    assert not at.exception
    assert any(problem in e.value for e in at.error)
    assert at.text_input(key="editor_f_id").value == "trotsky-errors"   # the working copy is untouched


def test_a_points_csv_import_replaces_the_points(folder):
    at = _open()
    at.text_area(key="editor_points_text").input("id,side,text\nkirov,for,Kirov was murdered in 1934.\n")
    at.button(key="editor_points_import").click().run()
    at.button(key="editor_save").click().run()
    assert [p.id for p in load_rubric("trotsky-errors", folder).points] == ["kirov"]


def test_a_new_rubric_from_a_seed_question_saves_once_it_has_points(folder):
    at = AppTest.from_file(str(PAGE), default_timeout=120).run()
    choice = next(o for o in at.selectbox(key="editor_seed_question").options if o.startswith("Why did Stalin gain"))
    at.selectbox(key="editor_seed_question").select(choice)
    at.button(key="editor_new_seed").click().run()
    assert at.text_area(key="editor_f_question").value == "Why did Stalin gain power from 1924?"
    new_id = at.text_input(key="editor_f_id").value
    at.button(key="editor_save").click().run()
    assert any("points: must be a non-empty list" in e.value for e in at.error)
    assert not (folder / f"{new_id}.yaml").exists()
    at.button(key="editor_add_point").click().run()
    uid = next(w.key for w in at.text_area if w.key and w.key.endswith("_text") and w.key.startswith("editor_p_"))
    at.text_area(key=uid).input("As General Secretary Stalin controlled appointments in the party.")
    at.button(key="editor_save").click().run()
    assert not at.error
    saved = load_rubric(new_id, folder)
    assert saved.source == "004_b8edbd01a5f50919.txt" and len(saved.points) == 1 and len(saved.levels) == 5
