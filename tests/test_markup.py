"""User text escaped for Markdown and HTML shows as exactly its characters (CommonMark as oracle)."""
from __future__ import annotations

import html
import re
import string

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from essaycoach.markup import (
    HTML_BREAK,
    WORD_JOINER,
    article,
    counted,
    escape_html,
    escape_markdown,
    html_id,
    shorten,
    without_bidi_controls,
)

_MD = MarkdownIt("commonmark", {"html": True})


def _shown(source: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", _MD.render(source))).strip()


# The one rule for user text in Markdown (names, titles, file names, exception text, comments):
# every hostile form, with exactly what the pages get.
@pytest.mark.parametrize("text, escaped", [
    ("![x](http://host/n.png)", "\\!\\[x\\]\\(http\u2060\\:\\/\\/host\\/n\\.png\\)"),  # an image: a remote fetch
    ("<img src=x onerror=alert(1)>", r"\<img src\=x onerror\=alert\(1\)\>"),  # HTML with a handler
    ("<b>hi</b>", r"\<b\>hi\<\/b\>"),
    ("**bold**", r"\*\*bold\*\*"),
    ("Zoë  O'Neil\n# heading", r"Zoë O\'Neil \# heading"),                    # white space runs: one line
    (":material/home: $x$", r"\:material\/home\: \$x\$"),                     # Streamlit icons, LaTeX
    ("# heading", r"\# heading"),
    ("1. a list", r"1\. a list"),
    ("- item", r"\- item"),
    ("> quote", r"\> quote"),
    ("`code`", r"\`code\`"),
    ("[link](javascript:alert(1))", r"\[link\]\(javascript\:alert\(1\)\)"),
    (":red[coloured]", r"\:red\[coloured\]"),
    ("$x^2$", r"\$x\^2\$"),
    ("a\\b", r"a\\b"),                                                        # a backslash stays one
    ("&lt;tag&gt;", r"\&lt\;tag\&gt\;"),                                      # an entity is not decoded
    ("<https://autolink.example>", "\\<https\u2060\\:\\/\\/autolink\\.example\\>"),
    ("Ada_Lovelace_", r"Ada\_Lovelace\_"),
    ("~~gone~~", r"\~\~gone\~\~"),
    ("| a | b |", r"\| a \| b \|"),
])
def test_markdown_shows_the_characters_and_makes_no_markup(text, escaped):
    assert escape_markdown(text) == escaped
    assert _shown(escaped).replace(WORD_JOINER, "") == " ".join(text.split())
    assert not re.search(r"<(img|strong|em|a|b|code|h\d|li|ol|ul|blockquote|table|script|del|s)\b",
                         _MD.render(escaped))


# What Streamlit's Markdown (GFM's autolink literal) makes a link of in the text it shows, escapes
# read: a web address after http(s):// or www., or an e-mail address (its \w is ASCII).
_LINKABLE = re.compile(r"https?://|www\.|[-.+A-Za-z0-9_]@[-A-Za-z0-9_]+\.[-A-Za-z0-9_]", re.IGNORECASE)


@pytest.mark.parametrize("text", [
    "Gus http://evil.example/g", "see https://x.example/r", "WWW.evil.example", "ada@evil.example",
    "**Gus** [link](http://evil.example/g)", "mailto:ada@evil.example", "x@y.z and http://",
])
def test_an_address_in_user_text_shows_as_text_not_a_link(text):
    assert _LINKABLE.search(text)
    assert not _LINKABLE.search(_shown(escape_markdown(text)))
    assert not _LINKABLE.search(html.unescape(escape_html(text)))


@pytest.mark.parametrize("text", ["10:30 Note: the congress", "Stalin's rise, 1924-29", "a @ b"])
def test_ordinary_text_is_left_as_written(text):
    assert WORD_JOINER not in escape_markdown(text) + escape_html(text)
    assert HTML_BREAK not in escape_html(text)


def test_an_address_in_html_copies_as_written():
    """Walk 47: an essay's "http://" on the marking screen held an invisible word joiner, which a
    teacher copying the text took with it; in HTML the break is an element, which copies as nothing."""
    out = escape_html("[Lenin's funeral](http://evil.example/x) ada@evil.example")
    assert WORD_JOINER not in out and out.count(HTML_BREAK) == 2
    assert html.unescape(out.replace(HTML_BREAK, "")) == "[Lenin's funeral](http://evil.example/x) ada@evil.example"


@given(st.text(max_size=200))
def test_any_text_is_one_paragraph_of_itself(text):
    one_line = " ".join(without_bidi_controls(text).split())
    assert _shown(escape_markdown(text)).replace(WORD_JOINER, "") == one_line.replace("\x00", "\ufffd").replace(
        WORD_JOINER, "")


@given(st.text(max_size=60))
def test_escaped_text_has_every_punctuation_mark_backslashed(text):
    out = escape_markdown(text)
    assert "\n" not in out and "<" not in out.replace("\\<", "")
    i = 0
    while i < len(out):  # every ASCII punctuation mark is either escaped or an escaping backslash
        if out[i] == "\\":
            assert i + 1 < len(out) and out[i + 1] in string.punctuation
            i += 2
            continue
        assert out[i] not in string.punctuation
        i += 1


@given(st.text(max_size=200))
def test_html_escaping_keeps_the_text_inside_one_block(text):
    out = escape_html(text)
    assert "<" not in out.replace("<br>", "").replace(HTML_BREAK, "") and "\n" not in out and "$" not in out
    assert html.unescape(out.replace("<br>", "\n").replace(HTML_BREAK, "")) == without_bidi_controls(text).replace(
        "\r\n", "\n").replace("\r", "\n")


@pytest.mark.parametrize("text, shown", [
    ("reversed \u202etxet", "reversed txet"),             # right-to-left override: the page's words turned round
    ("a \u2066isolate\u2069 b \u200fmark", "a isolate b mark"),
    ("\u0645\u0631\u062d\u0628\u0627 Stalin", "\u0645\u0631\u062d\u0628\u0627 Stalin"),  # Arabic needs no control
])
def test_user_text_cannot_turn_the_page_around(text, shown):
    assert _shown(escape_markdown(text)) == shown
    assert html.unescape(escape_html(text)) == shown


@pytest.mark.parametrize("prefix, text, expected", [
    ("fix-", "points[2]", "fix-points-2"),
    ("fix-", "question", "fix-question"),
    ("class-point-", "others-miscalculated", "class-point-others-miscalculated"),
    ("class-point-", '"><img src=x onerror=alert(1)>', "class-point-img-src-x-onerror-alert-1"),
])
def test_html_id_is_a_safe_link_target(prefix, text, expected):
    assert html_id(prefix, text) == expected


@pytest.mark.parametrize("text, limit, short", [
    ("Short title", 40, "Short title"),
    ("To what extent were Trotsky's own errors responsible for his defeat?", 40,
     "To what extent were Trotsky's own errors…"),
    ("To what extent were Trotsky's own errors", 40, "To what extent were Trotsky's own errors"),
    ("Causes, consequences, and more things besides", 12, "Causes…"),
    ("x" * 60, 40, "x" * 40 + "…"),
    ("  spaced\n out  ", 40, "spaced out"),
])
def test_shorten_cuts_at_a_word(text, limit, short):
    assert shorten(text, limit) == short
    assert len(shorten(text, limit)) <= limit + 1


@pytest.mark.parametrize("n, noun, text", [(0, "word", "0 words"), (1, "word", "1 word"), (2, "word", "2 words"),
                                           (3257, "word", "3,257 words"), (1, "attempt", "1 attempt")])
def test_counted_says_one_word_not_one_words(n, noun, text):
    assert counted(n, noun) == text


@pytest.mark.parametrize("number, said", [
    (1, "a"), (5, "a"), (8, "an"), (11, "an"), (18, "an"), (45, "a"), (80, "an"), (86, "an"), (110, "a"),
    (180, "a"), (800, "an"), (1100, "a"), (11000, "an"), (18000, "an"), (100, "a"),
])
def test_the_article_before_a_number_follows_how_it_is_said(number, said):
    assert article(number) == said
