"""One malformed file in rubrics/ takes no page down; the editor lists it with its problem and
opens it to be fixed: in the fields when its YAML reads, as text when not even that."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from editor_app import field
from rendering import shown
from streamlit.testing.v1 import AppTest

from essaycoach.loaders import load_rubric

ROOT = Path(__file__).resolve().parents[2]
PAGES = ROOT / "app_pages"


def _trotsky(folder: Path, rubric_id: str) -> dict:
    data = yaml.safe_load((folder / "trotsky-errors.yaml").read_text(encoding="utf-8"))
    data["id"] = rubric_id
    return data


@pytest.fixture
def broken(rubric_copy) -> dict[str, str]:
    """Four malformed rubric files beside the shipped ones: {id: what is wrong}."""
    data = _trotsky(rubric_copy, "bad-source")
    data["source"] = ["a"]                                          # TypeError in older loaders
    (rubric_copy / "bad-source.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    number = yaml.safe_dump(_trotsky(rubric_copy, "bad-number")).replace("minutes: 45", "minutes: " + "9" * 5000)
    (rubric_copy / "bad-number.yaml").write_text(number, encoding="utf-8")   # ValueError from int()
    (rubric_copy / "bad-nesting.yaml").write_text("id: bad-nesting\ntitle: " + "[" * 20000 + "]" * 20000 + "\n",
                                                  encoding="utf-8")          # RecursionError
    (rubric_copy / "bad-syntax.yaml").write_text("id: bad-syntax\npoints: [oops\n", encoding="utf-8")
    return {"bad-source": "source", "bad-number": "minutes", "bad-nesting": "", "bad-syntax": "YAML"}


@pytest.mark.parametrize("page", ["practice.py", "progress.py", "class_marking.py", "rubric_editor.py"])
def test_no_page_crashes_on_a_malformed_rubric(broken, page):
    at = AppTest.from_file(str(PAGES / page), default_timeout=120)
    at.session_state["student_name"] = "Ada"
    at.run()
    assert not at.exception, at.exception


def _editor() -> AppTest:
    at = AppTest.from_file(str(PAGES / "rubric_editor.py"), default_timeout=120).run()
    assert not at.exception
    return at


def test_the_editor_lists_every_broken_file_with_its_problem(broken):
    at = _editor()
    listed = "\n".join(shown(m.value) for m in at.markdown)
    for rubric_id in broken:
        assert f"{rubric_id}.yaml" in listed
        assert at.button(key=f"editor_fix_{rubric_id}")
    assert "trotsky-errors.yaml" not in listed


def test_a_readable_broken_file_opens_in_the_fields_and_can_be_fixed(broken, rubric_copy):
    at = _editor()
    at.button(key="editor_fix_bad-source").click().run()
    assert not at.exception
    assert at.text_input(key=field(at, "id")).value == "bad-source"
    assert any("source" in shown(e.value) for e in at.error)
    at.selectbox(key=field(at, "source")).select("(none)")
    at.button(key="editor_save").click().run()
    assert not at.exception and not at.error
    assert load_rubric("bad-source", rubric_copy).source == ""
    assert "editor_fix_bad-source" not in [b.key for b in at.button]     # no longer listed as broken


@pytest.mark.parametrize("rubric_id", ["bad-nesting", "bad-syntax", "bad-number"])
def test_an_unreadable_file_opens_as_text_and_is_saved_once_valid(broken, rubric_copy, rubric_id):
    at = _editor()
    at.button(key=f"editor_fix_{rubric_id}").click().run()
    assert not at.exception
    assert at.text_area(key="editor_raw_text").value.startswith(f"id: {rubric_id}")
    at.text_area(key="editor_raw_text").input("id: still-wrong\n")
    at.button(key="editor_raw_save").click().run()
    assert any("title: is required" in shown(e.value) for e in at.error)   # refused, with its problems
    fixed = yaml.safe_dump(_trotsky(rubric_copy, rubric_id), sort_keys=False)
    at.text_area(key="editor_raw_text").input(fixed)
    at.button(key="editor_raw_save").click().run()
    assert not at.exception
    assert load_rubric(rubric_id, rubric_copy).title == load_rubric("trotsky-errors", rubric_copy).title
    assert at.text_input(key=field(at, "id")).value == rubric_id     # now in the fields
    assert f"editor_fix_{rubric_id}" not in [b.key for b in at.button]
