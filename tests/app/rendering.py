"""What a reader sees of Markdown the pages send: CommonMark (markdown-it-py) as the oracle."""
from __future__ import annotations

import html
import re

from markdown_it import MarkdownIt

_MD = MarkdownIt("commonmark", {"html": True})
# User text that means something to Markdown or HTML: each must be shown as its characters.
HOSTILE = ["![x](http://host/n.png)", "<img src=x onerror=alert(1)>", "**bold**"]


def rendered_html(source: str) -> str:
    return _MD.render(source)


def shown(source: str) -> str:
    """The text a reader sees: the rendered HTML without its tags, entities decoded (and without
    the invisible word joiners that keep an address from becoming a link)."""
    return html.unescape(re.sub(r"<[^>]+>", "", rendered_html(source))).replace("\u2060", "")


def injected(source: str) -> bool:
    """Did user text become markup: an image, a raw tag, emphasis or a link?"""
    out = rendered_html(source)
    return bool(re.search(r"<(img|strong|em|a|script)\b", out))
