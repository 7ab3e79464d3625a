"""Saving a rubric keeps its file's layout and comments: a table over every shipped rubric (as
shipped, with comments added, and as PyYAML wrote it before), where an edit changes only the
lines whose values changed and the saved file reads back as the edited rubric."""
from __future__ import annotations

import difflib
import re
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import ROOT

from essaycoach.loaders import (
    load_rubric,
    parse_rubric_yaml,
    read_rubric_file,
    rubric_text,
    rubric_versions,
    rubric_yaml,
    save_rubric,
)
from essaycoach.roundtrip import guess_indent, keep_layout, merge_lines
from essaycoach.rubric import Rubric

SHIPPED = sorted((ROOT / "rubrics").glob("*.yaml"))
IDS = [p.stem for p in SHIPPED]


def _commented(text: str, rubric: Rubric) -> str:
    """The shipped text with a header comment, a comment line above a point and one at a line's end."""
    second = rubric.points[1].id
    text = text.replace(f"  - id: {second}\n", f"  # why this point matters: see the notes\n  - id: {second}  # kept\n")
    return "# Written by hand: keep these comments\n" + text.replace("\nmarks:", "\n# out of 25\nmarks:", 1)


def _layouts(path: Path) -> dict[str, str]:
    rubric = read_rubric_file(path)
    shipped = path.read_text(encoding="utf-8")
    return {"shipped": shipped, "commented": _commented(shipped, rubric), "pyyaml": rubric_yaml(rubric)}


def _diff(old: str, new: str) -> tuple[list[str], list[str]]:
    """The lines removed and the lines added."""
    lines = list(difflib.ndiff(old.splitlines(), new.splitlines()))
    return [ln[2:] for ln in lines if ln.startswith("- ")], [ln[2:] for ln in lines if ln.startswith("+ ")]


def _comments(text: str) -> list[str]:
    return [m.group(0) for m in re.finditer(r"#[^\n'\"]*$", text, re.MULTILINE)]


CASES = [(path, layout) for path in SHIPPED for layout in ("shipped", "commented", "pyyaml")]
CASE_IDS = [f"{p.stem}-{layout}" for p, layout in CASES]


@pytest.mark.parametrize(("path", "layout"), CASES, ids=CASE_IDS)
def test_an_unchanged_rubric_is_saved_as_it_was(path, layout):
    text = _layouts(path)[layout]
    assert rubric_text(read_rubric_file(path), text) == text


@pytest.mark.parametrize(("path", "layout"), CASES, ids=CASE_IDS)
def test_adding_one_alias_changes_only_that_points_aliases(path, layout):
    text = _layouts(path)[layout]
    rubric = read_rubric_file(path)
    n = len(rubric.points) // 2
    point = rubric.points[n]
    alias = "the party's own words: a new alias"
    edited = replace(rubric, points=tuple(replace(p, aliases=p.aliases + (alias,)) if i == n else p
                                          for i, p in enumerate(rubric.points)))
    saved = rubric_text(edited, text)
    removed, added = _diff(text, saved)
    if layout == "pyyaml":      # a block list: one line more
        assert removed == [] and added == [f'  - "{alias}"']
    else:                       # a flow list: its one line
        assert len(removed) == len(added) == 1 and removed[0].strip().startswith("aliases: [")
        assert added[0] == removed[0][:-1] + f', "{alias}"]'
    assert _comments(saved) == _comments(text)
    assert parse_rubric_yaml(saved, path.name).point(point.id).aliases == point.aliases + (alias,)
    assert parse_rubric_yaml(saved, path.name) == edited


def _text_lines(text: str, point_id: str) -> list[str]:
    """The lines a point's ``text:`` takes in the file (PyYAML folds a long one)."""
    lines = text.splitlines()
    start = next(i for i, ln in enumerate(lines) if re.match(rf"^\s*- id: {point_id}\b", ln))
    first = next(i for i in range(start, len(lines)) if lines[i].lstrip(" -").startswith("text:"))
    depth = len(lines[first]) - len(lines[first].lstrip())
    end = first + 1
    while end < len(lines) and len(lines[end]) - len(lines[end].lstrip()) > depth:
        end += 1
    return lines[first:end]


@pytest.mark.parametrize(("path", "layout"), CASES, ids=CASE_IDS)
def test_rewording_a_point_changes_only_its_text_line(path, layout):
    text = _layouts(path)[layout]
    rubric = read_rubric_file(path)
    point = rubric.points[-1]
    reworded = replace(point, text="A reworded point: short, with a colon.")
    edited = replace(rubric, points=(*rubric.points[:-1], reworded))
    saved = rubric_text(edited, text)
    removed, added = _diff(text, saved)
    assert removed == _text_lines(text, point.id)
    assert len(added) == 1 and added[0].strip() in ('text: "A reworded point: short, with a colon."',
                                                    "text: 'A reworded point: short, with a colon.'")
    assert _comments(saved) == _comments(text)
    assert parse_rubric_yaml(saved, path.name) == edited


@pytest.mark.parametrize(("path", "layout"), CASES, ids=CASE_IDS)
def test_removing_a_point_removes_only_its_block(path, layout):
    text = _layouts(path)[layout]
    rubric = read_rubric_file(path)
    n = 2
    edited = replace(rubric, points=rubric.points[:n] + rubric.points[n + 1:])
    saved = rubric_text(edited, text)
    removed, added = _diff(text, saved)
    assert added == []
    lines = text.splitlines()
    start = next(i for i, ln in enumerate(lines) if re.match(rf"^\s*- id: {rubric.points[n].id}\b", ln))
    end = next(i for i, ln in enumerate(lines) if re.match(rf"^\s*- id: {rubric.points[n + 1].id}\b", ln))
    assert removed == lines[start:end]
    assert parse_rubric_yaml(saved, path.name) == edited


@pytest.mark.parametrize("path", SHIPPED, ids=IDS)
def test_a_new_point_is_written_like_its_neighbours(path):
    text = path.read_text(encoding="utf-8")
    rubric = read_rubric_file(path)
    new = replace(rubric.points[0], id="a-new-point", text="A new point, added in the editor.",
                  aliases=("one way", "another"), weight=2.0)
    saved = rubric_text(replace(rubric, points=(*rubric.points, new)), text)
    removed, added = _diff(text, saved)
    assert removed == []
    assert added[:4] == ["  - id: a-new-point", f"    side: {new.side}",
                         '    text: "A new point, added in the editor."', '    aliases: ["one way", "another"]']
    assert added[4] == "    weight: 2.0" and added[-1].startswith("    source: {file: ")


def test_a_value_spelt_out_as_its_default_stays():
    text = (ROOT / "rubrics" / "trotsky-errors.yaml").read_text(encoding="utf-8")
    rubric = parse_rubric_yaml(text, "t.yaml")
    spelt = text.replace(f"  - id: {rubric.points[0].id}\n", f"  - id: {rubric.points[0].id}\n    weight: 1.0\n")
    assert rubric_text(rubric, spelt) == spelt


def test_saving_through_the_loader_keeps_comments_and_history(tmp_path):
    path = ROOT / "rubrics" / "trotsky-errors.yaml"
    text = _commented(path.read_text(encoding="utf-8"), read_rubric_file(path))
    (tmp_path / "trotsky-errors.yaml").write_text(text, encoding="utf-8")
    rubric = load_rubric("trotsky-errors", tmp_path)
    point = rubric.points[0]
    edited = replace(rubric, points=(replace(point, aliases=(*point.aliases, "one more")), *rubric.points[1:]))
    save_rubric(edited, tmp_path)
    saved = (tmp_path / "trotsky-errors.yaml").read_text(encoding="utf-8")
    assert len(_diff(text, saved)[1]) == 1 and _comments(saved) == _comments(text)
    assert load_rubric("trotsky-errors", tmp_path) == edited
    [kept] = rubric_versions("trotsky-errors", tmp_path)
    assert kept.read_text(encoding="utf-8") == text


def test_a_restored_version_is_written_as_it_was(tmp_path):
    path = ROOT / "rubrics" / "women-status.yaml"
    old = _commented(path.read_text(encoding="utf-8"), read_rubric_file(path))
    (tmp_path / "women-status.yaml").write_text(rubric_yaml(read_rubric_file(path)), encoding="utf-8")
    save_rubric(parse_rubric_yaml(old, "v.yaml"), tmp_path, layout=old)
    assert (tmp_path / "women-status.yaml").read_text(encoding="utf-8") == old


HOSTILE = [
    ("anchors", "id: &a x\ntitle: *a\n"),
    ("a billion laughs", 'a: &a ["lol","lol"]\nb: &b [*a,*a]\nc: [*b,*b]\n'),
    ("deep nesting", "a: " + "[" * 200 + "]" * 200 + "\n"),
    ("a python tag", "id: !!python/object/apply:os.system ['true']\n"),
    ("not a mapping", "- a\n- b\n"),
    ("bad syntax", "id: [unclosed\n"),
]


@pytest.mark.parametrize(("name", "text"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile_text_never_reaches_the_round_trip_parser(monkeypatch, name, text):
    from ruamel.yaml import YAML

    def refuse(*_args, **_kwargs):
        raise AssertionError("ruamel.yaml was handed text the strict reader refuses")

    monkeypatch.setattr(YAML, "load", refuse)
    assert keep_layout(text, {"id": "x"}) is None
    rubric = read_rubric_file(ROOT / "rubrics" / "women-status.yaml")
    assert rubric_text(rubric, text) == rubric_yaml(rubric)   # written afresh


@pytest.mark.parametrize(("text", "indent"), [
    ("levels:\n  - level: 1\n    marks: [1, 5]\n", (2, 4, 2)),
    ("levels:\n- level: 1\n  marks:\n  - 1\n", (2, 2, 0)),
    ("a:\n    b: 1\n    c:\n        - x\n", (4, 6, 4)),
    ("id: x\n", (2, 2, 0)),
])
def test_the_indentation_is_read_from_the_file(text, indent):
    assert guess_indent(text) == indent


@pytest.mark.parametrize(("mine", "base", "theirs", "merged"), [
    ("a\nB\nc\n", "a\nb\nc\n", "a\nb\nc\nd\n", "a\nB\nc\nd\n"),    # a change on each side: both kept
    ("a\nB\nc\n", "a\nb\nc\n", "a\nb2\nc\n", "a\nb2\nc\n"),        # the same line on both sides: the new values
    ("a\nb\nc\n", "a\nb\nc\n", "x\nb\n", "x\nb\n"),                # unchanged file: the new text
    ("a\nb1\nb2\nc\n", "a\nb\nc\n", "z\na\nb\nc\n", "z\na\nb1\nb2\nc\n"),
])
def test_merge_keeps_the_files_own_lines_where_only_it_differs(mine, base, theirs, merged):
    assert merge_lines(mine, base, theirs) == merged


@pytest.mark.parametrize("rubric_id", ["trotsky-errors", "women-status"])
def test_a_saved_rubric_loads_back_equal_whatever_the_edit(tmp_path, rubric_id):
    rubric = load_rubric(rubric_id)
    (tmp_path / f"{rubric_id}.yaml").write_text((ROOT / "rubrics" / f"{rubric_id}.yaml").read_text(encoding="utf-8"),
                                               encoding="utf-8")
    top = replace(rubric.levels[-1], descriptor="Top: 'quoted' and \"double\"")
    edited = replace(rubric, title="A new title", minutes=50, levels=(*rubric.levels[:-1], top),
                     points=(*reversed(rubric.points[1:]), replace(rubric.points[0], weight=1.5, source=None)))
    save_rubric(edited, tmp_path)
    assert load_rubric(rubric_id, tmp_path) == edited


@pytest.mark.parametrize("keep", [slice(0, 0), slice(3, 5), slice(None, None, 2), slice(None, None, -1)],
                         ids=["none-then-new", "two", "every-other", "reversed"])
def test_points_replaced_in_bulk_read_back_as_given(keep):
    path = ROOT / "rubrics" / "purge-necessary.yaml"
    text = path.read_text(encoding="utf-8")
    rubric = read_rubric_file(path)
    points = rubric.points[keep] or (replace(rubric.points[0], id="only-one"),)
    edited = replace(rubric, points=(*points, replace(rubric.points[1], id="a-newcomer", text="A newcomer.")))
    saved = rubric_text(edited, text)
    assert saved != rubric_yaml(edited)      # the layout was kept, not written afresh
    assert parse_rubric_yaml(saved, path.name) == edited


@pytest.mark.parametrize("path", SHIPPED, ids=IDS)
def test_a_rubric_saved_under_a_new_id_keeps_the_layout_of_the_one_it_was_made_from(tmp_path, path):
    """"Save" with a changed id in the editor rewrote the whole file in PyYAML's layout (a browser
    walk): a copy differs from its original in the id line and the lines whose values changed."""
    rubric = read_rubric_file(path)
    original = _commented(path.read_text(encoding="utf-8"), rubric)
    (tmp_path / path.name).write_text(original, encoding="utf-8")
    copy = replace(rubric, id=f"{rubric.id}-copy", title=rubric.title + " (copy)")
    saved = save_rubric(copy, tmp_path, copied_from=rubric.id).read_text(encoding="utf-8")
    removed, added = _diff(original, saved)
    assert len(removed) == len(added) == 2 and all("id:" in ln or "title:" in ln for ln in added)
    assert _comments(saved) == _comments(original)
    assert read_rubric_file(tmp_path / f"{copy.id}.yaml") == copy
    assert (tmp_path / path.name).read_text(encoding="utf-8") == original   # the original is untouched
