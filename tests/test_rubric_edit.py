"""Rubric editor helpers: blank rubrics, point ids, points CSV and problems by field."""
from __future__ import annotations

import pytest

from essaycoach.errors import RubricError
from essaycoach.loaders import seed_lines
from essaycoach.rubric import parse_rubric, rubric_to_dict
from essaycoach.rubric_edit import (POINT_COLUMNS, blank_rubric, point_id, points_from_csv, points_to_csv,
                                    problems_by_field)


def test_a_blank_rubric_has_valid_levels_and_needs_only_a_question_and_points():
    data = blank_rubric("new-prompt", "How far was Stalin responsible for the Terror?")
    with pytest.raises(RubricError) as err:
        parse_rubric(data, "new", seed_lines())
    assert err.value.problems == ["points: must be a non-empty list of points"]
    data["points"] = [{"id": "yezhov", "side": "against", "text": "Yezhov drove the arrests."}]
    assert parse_rubric(data, "new", seed_lines()).levels[-1].high == data["marks"]


@pytest.mark.parametrize("text, taken, expected", [
    ("Lenin's Testament was never published", [], "lenin-s-testament-was"),
    ("Trotsky missed the funeral", ["trotsky-missed-the-funeral"], "trotsky-missed-the-funeral-2"),
    ("!!!", ["point"], "point-2"),
])
def test_point_ids_are_unused_slugs(text, taken, expected):
    assert point_id(text, taken) == expected


def test_points_round_trip_through_csv(trotsky):
    points = rubric_to_dict(trotsky)["points"]
    text = points_to_csv(points)
    assert text.splitlines()[0] == ",".join(POINT_COLUMNS)
    assert points_from_csv(text) == [{**p, "weight": p.get("weight", 1.0)} for p in points]
    again = points_from_csv(text)
    assert [p["id"] for p in again] == [p.id for p in trotsky.points]
    assert [p.get("aliases", []) for p in again] == [list(p.aliases) for p in trotsky.points]
    assert [p.get("source") for p in again] == [
        {"file": p.source.file, "line": p.source.line} if p.source else None for p in trotsky.points]


@pytest.mark.parametrize("csv_text, problem", [
    ("name,words\nA,B\n", "missing id, side, text; columns found: name, words"),
    ("id,side,text\nx,sideways,Some text\n", "row 2: side 'sideways' is not one of"),
    ("id,side,text,weight\nx,for,Some text,heavy\n", "row 2: weight 'heavy' is not a number"),
    ("id,side,text,file,line\nx,for,Some text,003_d3a4239297f73c94.txt,ten\n", "row 2: line 'ten'"),
    ("id,side,text\n", "no points"),
])
def test_bad_points_csv_names_the_row_and_column(csv_text, problem):
    with pytest.raises(RubricError, match=problem):
        points_from_csv(csv_text)


def test_problems_are_grouped_by_the_field_they_name():
    data = rubric_to_dict(parse_rubric(blank_rubric("x", "Q?") | {"points": [
        {"id": "a", "side": "for", "text": "t"}]}, "x"))
    data["question"] = ""
    data["points"].append({"id": "a", "side": "sideways", "text": ""})
    data["levels"][1]["marks"] = [7, 10]
    with pytest.raises(RubricError) as err:
        parse_rubric(data, "x", seed_lines())
    grouped = problems_by_field(err.value.problems)
    assert set(grouped) >= {"question", "points[1]", "levels[1]"}
    assert any("duplicate point id" in m for m in grouped["points[1]"])
    assert any("sideways" in m for m in grouped["points[1]"])
