"""User text made safe to put into Markdown or HTML: names, file names, essays, rubric text.

A student name like ``![x](http://host/n.png)`` rendered as Markdown makes every teacher's
browser fetch a remote image; ``**bold**`` turns into bold; ``$x$`` into LaTeX. Every page
passes user text through one of these two functions before it reaches ``st.markdown``, a
caption, an alert or a widget label, or shows it through a non-Markdown element instead:
:func:`escape_markdown` is the one rule for Markdown (pages import it, some as ``md``).
"""
from __future__ import annotations

import html
import re
import string
from collections.abc import Sequence

# CommonMark lets any ASCII punctuation be escaped with a backslash and then shows it as
# itself; escaping all of it also covers Streamlit's extras (``:red[..]``, ``$..$``, ``~~``).
_MD_SPECIAL = re.compile("([" + re.escape(string.punctuation) + "])")


# Control characters other than a line break and a tab, as the inside of a regex character class:
# an essay's or a name's "\x1b[2J" written to a terminal would clear it (or retitle the window).
CONTROL_CHARACTERS = "\x00-\x08\x0b-\x1f\x7f-\x9f"
_CONTROLS = re.compile(f"[{CONTROL_CHARACTERS}]")


def without_controls(text: str) -> str:
    """``text`` as a terminal shows it safely: each control character (line breaks and tabs
    aside) as U+FFFD, and no character that turns the direction of the rest of the line."""
    return _CONTROLS.sub("\ufffd", without_bidi_controls(text))


# Characters that set the direction of the text after them: user text holding one ("\u202e"
# reverses what follows) would turn the page's own words around it backwards. Text in a
# right-to-left script needs none of them to show as written.
_BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def without_bidi_controls(text: object) -> str:
    """``text`` without the characters that override the direction of what follows them."""
    return _BIDI_CONTROLS.sub("", str(text))


# Streamlit's Markdown turns web and e-mail addresses in plain text into live links, after
# escapes are read (so "http\\:\\/\\/" still links): a break before the "://" of an address, after a
# "www" and before the "@" of an e-mail address leaves none it can find. In Markdown, a word joiner
# (U+2060, invisible); in HTML, an empty <wbr> element, which copies as nothing (a teacher copying
# an essay's "http://" from the marking screen got the joiner with it: walk 47).
_ADDRESS = re.compile(r"(?<=\w)(?=://)|(?<=\bwww)(?=\.)|(?<=\w)(?=@\w)", re.IGNORECASE)
WORD_JOINER = "\u2060"
HTML_BREAK = "<wbr>"


def _unlinked(text: str, mark: str = WORD_JOINER) -> str:
    return _ADDRESS.sub(mark, text)


def escape_markdown(text: object) -> str:
    """``text`` as one line of Markdown that shows exactly its characters.

    Runs of white space (newlines too) become one space, so the text can neither start a
    heading, list or code block nor end the paragraph it sits in.

    >>> escape_markdown("![x](http://h/n.png) **hi**")
    '\\\\!\\\\[x\\\\]\\\\(http\\u2060\\\\:\\\\/\\\\/h\\\\/n\\\\.png\\\\) \\\\*\\\\*hi\\\\*\\\\*'
    """
    return _MD_SPECIAL.sub(r"\\\1", _unlinked(" ".join(without_bidi_controls(text).split())))


def escape_html(text: object) -> str:
    """``text`` as HTML to sit inside a raw-HTML block of Markdown (``unsafe_allow_html``).

    Tags and quotes are escaped; ``$`` becomes an entity (it would start LaTeX); line breaks
    become ``<br>``, because a blank line would end the HTML block and let Markdown rewrite
    the rest; an address is broken by ``<wbr>`` (see :data:`HTML_BREAK`).
    """
    out = html.escape(without_bidi_controls(text).replace("\r\n", "\n").replace("\r", "\n"), quote=True)
    return _unlinked(out, HTML_BREAK).replace("$", "&#36;").replace("\n", "<br>")


def html_id(prefix: str, text: str) -> str:
    """An HTML id (for a link target) from any text: ``prefix`` then the text with each character
    other than ASCII letters, digits, ``_`` and ``-`` as a hyphen, none at the ends:
    ``html_id("fix-", "points[2]")`` is ``fix-points-2``. It cannot leave its attribute."""
    return prefix + re.sub(r"[^A-Za-z0-9_-]", "-", text).strip("-")


def counted(n: int, noun: str) -> str:
    """``n`` and ``noun``, plural unless one, thousands grouped: "1 word", "3,257 words"."""
    return f"{n:,} {noun}" if n == 1 else f"{n:,} {noun}s"


def article(number: int) -> str:
    """The article before ``number`` said aloud: "an" for one said with a vowel first (an
    8-, 11-, 18-, 80-minute answer), else "a"."""
    digits = str(abs(number))
    return "an" if digits[0] == "8" or (len(digits) % 3 == 2 and digits[:2] in ("11", "18")) else "a"


def timed(minutes: int, what: str = "answer") -> str:
    """"a 45-minute answer", "an 11-minute question"."""
    return f"{article(minutes)} {minutes}-minute {what}"


def listed(items: Sequence[str]) -> str:
    """Items as a sentence lists them.

    >>> listed(["the Testament", "the funeral", "the congress"])
    'the Testament, the funeral and the congress'
    """
    return " and ".join(filter(None, [", ".join(items[:-1]), *items[-1:]]))


def shorten(text: str, limit: int = 40) -> str:
    """``text`` cut at a word to at most ``limit`` characters and an ellipsis, for a chart legend
    or a tab that would otherwise cut it mid-word (one word longer than ``limit`` is cut inside).

    >>> shorten("To what extent were Trotsky's own errors to blame?", 30)
    "To what extent were Trotsky's…"
    """
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    head = text[:limit + 1]
    cut = head.rsplit(" ", 1)[0] if " " in head else text[:limit]
    return cut.rstrip(" ,;:-") + "…"
