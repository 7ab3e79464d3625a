"""User text that means something to Markdown or HTML (names, prompt titles, rubric text) is
shown as its characters on every student page and in the rubric editor: no remote image, no
raw tag, no emphasis. CommonMark (``rendering.shown``) says what a reader would see."""
from __future__ import annotations

import time
from contextlib import closing
from pathlib import Path

import pytest
import yaml
from rendering import HOSTILE, shown
from streamlit.testing.v1 import AppTest

from essaycoach import attempts as att

ROOT = Path(__file__).resolve().parents[2]
PAGES = ROOT / "app_pages"


def _markdown_sources(at: AppTest) -> list[str]:
    """Every piece of Markdown the page sent, raw-HTML blocks left out (they are HTML-escaped)."""
    out = [e.value for kind in ("caption", "error", "warning", "info", "success", "title", "subheader")
           for e in getattr(at, kind)]
    out += [m.value for m in at.markdown if not m.value.lstrip().startswith("<")]
    out += [e.label for e in at.expander]
    return out


def _assert_literal(at: AppTest, text: str) -> None:
    assert not at.exception
    sources = _markdown_sources(at)
    assert any(text in shown(s) for s in sources), sources        # shown, character for character
    assert not [s for s in sources if text in s], "raw user text in Markdown"


def _page(name: str) -> AppTest:
    return AppTest.from_file(str(PAGES / name), default_timeout=90).run()


@pytest.mark.parametrize("name", HOSTILE)
def test_practice_shows_the_students_name_literally(data_dir, name):
    at = _page("practice.py")
    at.text_input(key="practice_student").input(name).run()
    at.selectbox(key="practice_rubric").select("trotsky-errors").run()
    at.button(key="practice_start").click().run()
    _assert_literal(at, name)


@pytest.mark.parametrize("name", HOSTILE)
def test_progress_shows_the_students_name_literally(data_dir, name):
    at = _page("progress.py")
    at.text_input(key="progress_student").input(name).run()
    _assert_literal(at, name)


@pytest.fixture
def hostile_title(rubric_copy, request):
    """trotsky-errors renamed to the hostile text, with one draft of it waiting."""
    path = rubric_copy / "trotsky-errors.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["title"] = request.param
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    with closing(att.open_db()) as db:
        att.save_draft(db, "Ada", "trotsky-errors", "Half an essay here.", time.time())
    return request.param


@pytest.mark.parametrize("hostile_title", HOSTILE, indirect=True)
def test_progress_shows_prompt_titles_literally(hostile_title):
    at = _page("progress.py")
    at.text_input(key="progress_student").input("Ada").run()
    _assert_literal(at, hostile_title)


@pytest.mark.parametrize("hostile_title", HOSTILE, indirect=True)
def test_timed_practice_heads_the_writing_page_with_the_prompt_title_literally(hostile_title):
    at = _page("practice.py")
    at.text_input(key="practice_student").input("Ben").run()
    at.selectbox(key="practice_rubric").select("trotsky-errors").run()
    at.button(key="practice_start").click().run()
    _assert_literal(at, hostile_title)


@pytest.mark.parametrize("text", HOSTILE)
def test_the_editor_shows_point_text_and_ids_literally(rubric_copy, text):
    at = _page("rubric_editor.py")
    at.selectbox(key="editor_pick").select("trotsky-errors").run()
    at.button(key="editor_load").click().run()
    key = next(w.key[: -len("id")] for w in at.text_input
               if w.key and w.key.startswith("editor_p_") and w.key.endswith("_id") and w.value == "funeral")
    at.text_input(key=key + "id").input(text)
    at.text_area(key=key + "text").input(text)
    at.button(key="editor_save").click().run()
    _assert_literal(at, text)
    assert any(text in shown(e.value) and "cannot be an id" in shown(e.value) for e in at.error)  # the id's problem
