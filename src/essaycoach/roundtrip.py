"""YAML saved the way it was written: new values put into an existing file's text, so a save
changes only the lines whose values changed and keeps the file's comments, key order, quoting,
flow lists and indentation.

The existing text is read with the strict safe reader first (``safeio.load_yaml_text``: no
anchors or aliases, bounded size, nesting and numbers); only text that passes reaches the
round-trip parser (ruamel.yaml). The result is read back with the strict reader and must give
exactly the new data, else :func:`keep_layout` returns ``None`` and the caller writes the data
afresh. Nothing here reads or writes a file.
"""
from __future__ import annotations

import difflib
import io
import itertools
import re
from collections.abc import Hashable, Mapping, Sequence
from typing import Any

from .errors import YamlError
from .safeio import load_yaml_text

WIDTH = 4096   # never fold a long line: the project's files keep each value on one line
_KEY_LINE = re.compile(r"^( *)[^\s#-][^:#]*:\s*(?:#.*)?$")     # "key:" with its value on the lines below
_NESTED_KEY = re.compile(r"^( *)[^\s#-][^:#]*:(?:\s|$)")

# Keys whose value means the same as leaving the key out: a file that spells one out keeps it.
Absent = Mapping[str, tuple[Any, ...]]


def keep_layout(text: str, data: Mapping[str, Any], absent: Absent | None = None) -> str | None:
    """``data`` as YAML in the layout of ``text``: lines whose values did not change stay as
    they are, comments included.

    List items that are mappings are matched by their ``id`` (or ``level``), other items by
    value, so adding, removing or moving one changes only its own lines. A new item, key or
    value is written in the style of its neighbours (flow lists, quotes). ``absent`` names the
    keys a file may spell out with a value meaning "not given" (``{"weight": (1.0,)}``): such a
    key is kept when the new data leaves it out.

    Returns ``None`` when ``text`` is not a YAML mapping the strict reader accepts, or when the
    result would not read back as ``data``; the caller then writes the data afresh.
    """
    try:
        if not isinstance(load_yaml_text(text), Mapping):   # the strict reader first: no hostile text reaches ruamel
            return None
    except YamlError:
        return None
    from ruamel.yaml.error import YAMLError

    yaml = _yaml(text)
    absent = absent or {}
    try:
        doc = yaml.load(text)
        before = _dump(yaml, doc)
        _update_map(doc, data, [], absent)
        after = _dump(yaml, doc)
    except (YAMLError, LookupError, ValueError, TypeError, RecursionError):   # never stop a save: write afresh
        return None
    want = _plain(data, absent)
    if before != text:   # ruamel would reflow some lines: keep the file's own wherever nothing changed
        merged = merge_lines(text, before, after)
        if _reads_as(merged, want, absent):
            return merged
    return after if _reads_as(after, want, absent) else None


def _yaml(text: str) -> Any:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt", pure=True)
    yaml.preserve_quotes = True
    yaml.width = WIDTH
    mapping, sequence, offset = guess_indent(text)
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    return yaml


def guess_indent(text: str) -> tuple[int, int, int]:
    """``(mapping, sequence, offset)`` indentation as the text uses it: a key's children two
    spaces in, and list dashes at ``offset`` with items at ``sequence`` (this project's files
    write ``  - id: x``: 2, 4, 2; PyYAML writes ``- id: x``: 2, 2, 0)."""
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    mapping = sequence = offset = None
    for above, line in itertools.pairwise(lines):
        head = _KEY_LINE.match(above)
        if not head:
            continue
        depth = len(line) - len(line.lstrip(" "))
        step = depth - len(head.group(1))
        if line.lstrip().startswith("- ") and offset is None and step >= 0:
            offset = step
            after_dash = line.lstrip()[1:]
            sequence = step + 1 + len(after_dash) - len(after_dash.lstrip(" "))
        elif mapping is None and step > 0 and _NESTED_KEY.match(line):
            mapping = step
    return mapping or 2, sequence or 2, offset or 0


def _dump(yaml: Any, doc: Any) -> str:
    out = io.StringIO()
    yaml.dump(doc, out)
    return out.getvalue()


def _plain(value: Any, absent: Absent) -> Any:
    """Data as the strict reader gives it back (tuples as lists, mappings as dicts), without
    the keys whose value means "not given"."""
    if isinstance(value, Mapping):
        return {k: _plain(v, absent) for k, v in value.items() if v not in absent.get(k, ())}
    if isinstance(value, (list, tuple)):
        return [_plain(v, absent) for v in value]
    return value


def _reads_as(text: str, want: Any, absent: Absent) -> bool:
    try:
        return bool(_plain(load_yaml_text(text), absent) == want)
    except YamlError:
        return False


# ---- new values into the round-trip document -------------------------------------------------------

def _same_kind(a: Any, b: Any) -> bool:
    kinds = (bool, int, float, str)
    return next((k for k in kinds if isinstance(a, k)), type(a)) is next((k for k in kinds if isinstance(b, k)),
                                                                       type(b))


def _update(old: Any, new: Any, like: Sequence[Any], absent: Absent) -> Any:
    """``new`` in place of ``old``: ``old`` itself (updated) when both are mappings or lists,
    ``old`` when the value is unchanged (its quoting kept), else ``new`` styled like ``old``."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(old, CommentedMap) and isinstance(new, Mapping):
        _update_map(old, new, like, absent)
        return old
    if isinstance(old, CommentedSeq) and isinstance(new, (list, tuple)):
        _update_seq(old, new, absent)
        return old
    if not isinstance(new, (Mapping, list, tuple)) and old == new and _same_kind(old, new):
        return old
    return _styled(new, [old, *like])


def _update_map(node: Any, new: Mapping[str, Any], peers: Sequence[Any], absent: Absent) -> None:
    """Set ``node`` (a ruamel mapping) to ``new``, key by key; ``peers`` are mappings beside it
    (the other items of its list) whose values show how a new key should look."""
    for key in [k for k in node if k not in new]:
        if node[key] not in absent.get(key, ()):
            del node[key]
    previous = None
    for key, value in new.items():
        like = [p[key] for p in peers if isinstance(p, Mapping) and key in p]
        if key in node:
            node[key] = _update(node[key], value, like, absent)
        else:
            keys = list(node)
            node.insert(keys.index(previous) + 1 if previous in keys else 0, key, _styled(value, like))
        previous = key


def _item_key(item: Any) -> Hashable:
    """What identifies a list item across versions: a mapping's ``id`` (or ``level``), else its value."""
    if isinstance(item, Mapping):
        for name in ("id", "level"):
            if name in item and isinstance(item[name], Hashable):
                return (name, str(item[name]))
        return ("mapping", repr(sorted(map(str, item))))
    if isinstance(item, (list, tuple)):
        return ("list", repr(list(item)))
    return ("value", str(item))


def _update_seq(node: Any, new: Sequence[Any], absent: Absent) -> None:
    """Set ``node`` (a ruamel list) to ``new``: matched items updated in place, others removed
    or inserted, so an unchanged item keeps its lines and comments."""
    old = list(node)
    matcher = difflib.SequenceMatcher(None, [_item_key(v) for v in old], [_item_key(v) for v in new], autojunk=False)
    shift = 0
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        paired = min(i2 - i1, j2 - j1) if op in ("equal", "replace") else 0
        for n in range(paired):
            peers = [v for v in old if v is not old[i1 + n]]
            node[i1 + n + shift] = _update(old[i1 + n], new[j1 + n], peers, absent)
        at = i1 + paired + shift                  # where the unpaired old items are, or the new ones go
        for _ in range(i1 + paired, i2):          # items gone
            del node[at]
        for n in range(j1 + paired, j2):          # items new
            node.insert(at, _styled(new[n], old))
            at += 1
        shift += (j2 - j1) - (i2 - i1)


def _styled(value: Any, like: Sequence[Any]) -> Any:
    """``value`` as ruamel data written like the values of the same kind in ``like`` (the old
    value, or its neighbours): the same quotes for text, flow or block for lists and mappings,
    and so on inside them."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import ScalarString

    models = [v for v in like if _same_shape(v, value)]
    model = models[0] if models else None
    if isinstance(value, Mapping):
        out = CommentedMap()
        for key, item in value.items():
            out[key] = _styled(item, [m[key] for m in models if key in m])
        if model is not None and model.fa.flow_style():
            out.fa.set_flow_style()
        return out
    if isinstance(value, (list, tuple)):
        seq = CommentedSeq()
        inner = [v for m in models for v in m]
        seq.extend(_styled(item, inner) for item in value)
        if model is not None and model.fa.flow_style():
            seq.fa.set_flow_style()
        return seq
    if isinstance(value, str) and isinstance(model, ScalarString) and not isinstance(value, ScalarString):
        return type(model)(value)
    return value


def _same_shape(a: Any, b: Any) -> bool:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(b, Mapping):
        return isinstance(a, CommentedMap)
    if isinstance(b, (list, tuple)):
        return isinstance(a, CommentedSeq)
    return isinstance(a, str) and isinstance(b, str)


# ---- keeping the file's own lines where ruamel would reflow them ----------------------------------

def merge_lines(mine: str, base: str, theirs: str) -> str:
    """A three-way merge of lines: ``base`` changed into ``mine`` (the file as written) and
    into ``theirs`` (the new values). Where only one side changed a stretch, that side's lines
    are taken; where both did, ``theirs`` wins (it has the right values, if not the file's
    wrapping)."""
    a, o, b = mine.splitlines(keepends=True), base.splitlines(keepends=True), theirs.splitlines(keepends=True)
    in_a, in_b = _matches(o, a), _matches(o, b)
    out: list[str] = []
    oi = ai = bi = 0
    for o_sync in [i for i in range(len(o)) if i in in_a and i in in_b] + [len(o)]:
        a_sync = in_a.get(o_sync, len(a))
        b_sync = in_b.get(o_sync, len(b))
        chunk_o, chunk_a, chunk_b = o[oi:o_sync], a[ai:a_sync], b[bi:b_sync]
        out += chunk_a if chunk_o == chunk_b else chunk_b
        if o_sync < len(o):
            out.append(a[a_sync])
        oi, ai, bi = o_sync + 1, a_sync + 1, b_sync + 1
    return "".join(out)


def _matches(base: list[str], other: list[str]) -> dict[int, int]:
    """``{line in base: the same line in other}`` for the lines a diff keeps."""
    pairs: dict[int, int] = {}
    for block in difflib.SequenceMatcher(None, base, other, autojunk=False).get_matching_blocks():
        pairs.update({block.a + n: block.b + n for n in range(block.size)})
    return pairs
