"""User text escaped for Markdown and HTML shows as exactly its characters (CommonMark as oracle)."""
from __future__ import annotations

import html
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from essaycoach.markup import escape_html, escape_markdown

_MD = MarkdownIt("commonmark", {"html": True})


def _shown(source: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", _MD.render(source))).strip()


@pytest.mark.parametrize("text", [
    "![x](http://host/n.png)", "<img src=x onerror=alert(1)>", "**bold**", "# heading", "1. a list",
    "- item", "> quote", "`code`", "[link](javascript:alert(1))", ":red[coloured]", "$x^2$", "a\\b",
    "&lt;tag&gt;", "<https://autolink.example>", "Ada_Lovelace_", "~~gone~~", "| a | b |",
])
def test_markdown_shows_the_characters_and_makes_no_markup(text):
    out = _MD.render(escape_markdown(text))
    assert _shown(escape_markdown(text)) == text
    assert not re.search(r"<(img|strong|em|a|code|h\d|li|blockquote|script)\b", out)


@given(st.text(max_size=200))
def test_any_text_is_one_paragraph_of_itself(text):
    one_line = " ".join(text.split())
    assert _shown(escape_markdown(text)) == one_line.replace("\x00", "\ufffd")


@given(st.text(max_size=200))
def test_html_escaping_keeps_the_text_inside_one_block(text):
    out = escape_html(text)
    assert "<" not in out.replace("<br>", "") and "\n" not in out and "$" not in out
    assert html.unescape(out.replace("<br>", "\n")) == text.replace("\r\n", "\n").replace("\r", "\n")
