"""Rubric editor helpers: blank rubrics, point ids, points CSV and problems by field."""
from __future__ import annotations

import pytest

from essaycoach.errors import RubricError
from essaycoach.loaders import seed_lines
from essaycoach.rubric import parse_rubric, rubric_to_dict
from essaycoach.rubric_edit import (
    POINT_COLUMNS,
    blank_rubric,
    describe_problem,
    editable,
    plain,
    point_id,
    points_from_csv,
    points_to_csv,
    problems_by_field,
    stated_marks,
    to_rubric,
    upload_text,
)


def test_a_blank_rubric_has_valid_levels_and_needs_only_a_question_and_points():
    data = blank_rubric("new-prompt", "How far was Stalin responsible for the Terror?")
    with pytest.raises(RubricError) as err:
        parse_rubric(data, "new", seed_lines())
    assert err.value.problems == ["points: needs at least one point (a list of points with id, side and text)"]
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
    # Out-of-range values are refused here, never clamped quietly by a number box.
    ("id,side,text,weight\nx,for,Some text,20\n", "row 2: weight 20 must be above 0 and at most 10"),
    ("id,side,text,file,line\nx,for,Some text,003_d3a4239297f73c94.txt,0\n", "row 2: line 0 must be 1 or more"),
    ("id,side,text,line\nx,for,Some text,12\n", "row 2: line '12' is given without a file"),
    ("id,side,text\nx,for,\n", "row 2: text is empty"),
    # Ids, as a rubric's are checked: named by row, not left to the save (a teacher's walk).
    ("id,side,text\n,for,Some text\n", "row 2: id is empty"),
    ("id,side,text\n=cmd,for,Some text\n", "row 2: id '=cmd' cannot be an id: use lower-case letters"),
    ("id,side,text\nx,for,Some text\nx,against,Other text\n", "row 3: id 'x' is already the id of row 2"),
])
def test_bad_points_csv_names_the_row_and_column(csv_text, problem):
    with pytest.raises(RubricError, match=problem):
        points_from_csv(csv_text)


def test_problems_are_grouped_by_the_field_they_name():
    data = rubric_to_dict(parse_rubric(blank_rubric("x", "Q?") | {"points": [
        {"id": "a", "side": "for", "text": "Trotsky lost."}]}, "x"))
    data["question"] = ""
    data["points"].append({"id": "a", "side": "sideways", "text": ""})
    data["levels"][1]["marks"] = [7, 10]
    with pytest.raises(RubricError) as err:
        parse_rubric(data, "x", seed_lines())
    grouped = problems_by_field(err.value.problems)
    assert set(grouped) >= {"question", "points[1]", "levels[1]"}
    assert any("duplicate point id" in m for m in grouped["points[1]"])
    assert any("duplicate point id 'a', also the id of points[1]" in m for m in grouped["points[0]"])
    assert any("sideways" in m for m in grouped["points[1]"])


def test_the_working_copy_becomes_the_same_rubric_without_the_editor_keys(trotsky):
    draft = rubric_to_dict(trotsky) | {"topic": "", "source": ""}
    draft["points"] = [dict(p, _uid=n) for n, p in enumerate(draft["points"])]
    assert "_uid" not in str(plain(draft)) and "topic" not in plain(draft) and "source" not in plain(draft)
    rubric = to_rubric(draft, seed_lines())
    assert rubric.points == trotsky.points and rubric.levels == trotsky.levels
    assert (rubric.topic, rubric.source) == ("", "")
    draft["points"][2]["source"] = {"file": "003_d3a4239297f73c94.txt", "line": 99999}
    with pytest.raises(RubricError, match=r"points\[2\]\.source\.line: 99999 is outside"):
        to_rubric(draft, seed_lines())


def test_damaged_rubric_data_becomes_editable_keeping_positions_and_valid_values(trotsky):
    data = rubric_to_dict(trotsky)
    data["minutes"], data["marks"] = "forty", "25"
    data["levels"][1] = "oops"
    data["points"][1] = "just a sentence"
    data["points"][2] = dict(data["points"][2], weight="heavy", side="AGAINST", source={"file": 3, "line": "x"})
    data["extra-note"] = "kept"
    out = editable(data)
    assert (out["minutes"], out["marks"], out["extra-note"]) == (45, 25, "kept")
    assert out["levels"][1] == {"level": 2, "marks": [0, 0], "descriptor": "oops"}
    assert out["levels"][4] == rubric_to_dict(trotsky)["levels"][4]
    assert out["points"][1] == {"id": "", "side": "for", "text": "just a sentence"}
    assert out["points"][2]["side"] == "against" and out["points"][2]["weight"] == 1.0
    assert out["points"][2]["source"] == {"file": "3", "line": 0}
    assert out["points"][0] == rubric_to_dict(trotsky)["points"][0]
    assert editable(rubric_to_dict(trotsky)) == rubric_to_dict(trotsky) | {"id": trotsky.id}
    with pytest.raises(RubricError, match="expected a mapping"):
        editable(["not", "a", "rubric"])


@pytest.mark.parametrize("problem, expected", [
    ("points[2].text: is empty: write what the point says, in a sentence",
     "Point 3 'testament' · Text: is empty: write what the point says, in a sentence"),
    ("points[40].id: None cannot be an id", "Point 41 · Id: None cannot be an id"),
    ("points[0]: must be a mapping", "Point 1 'overconfidence': must be a mapping"),
    ("levels[1].marks: starts at 9", "Level 2 · Marks: starts at 9"),
    # A field of the rubric by its label in the editor, and what to write there: the walk read the
    # raw "question: is required".
    ("question: is required", "Question: write the question students will answer"),
    ("title: is required", "Title: give the rubric a title, e.g. Why did Stalin win the power struggle?"),
    ("points: needs at least one point", "Points: needs at least one point"),
    ("minutes: 'forty' must be a whole number from 1 to 300", "Minutes: 'forty' must be a whole number from 1 to 300"),
    ("source: 'x.txt' is not a seed file", "Source notes: 'x.txt' is not a seed file"),
    # another point named in the message is numbered as the editor numbers them
    ("points[1].id: duplicate point id 'funeral', also the id of points[0] and points[3]; point ids must be unique",
     "Point 2 'ignored-triumvirate' · Id: duplicate point id 'funeral', also the id of point 1 and point 4; "
     "point ids must be unique"),
    ("topc: is not a field of a rubric; did you mean 'topic'?",
     "topc: is not a field of a rubric; did you mean 'topic'?"),   # not a field the editor shows
    ("rubric: not saved: disk full", "rubric: not saved: disk full"),
    ("something odd", "something odd"),
])
def test_problems_read_as_a_teacher_would_say_them(trotsky, problem, expected):
    assert describe_problem(problem, rubric_to_dict(trotsky)) == expected


def test_uploads_are_read_as_text_or_refused_clearly():
    assert upload_text("id,side,text\nx,for,Kirov – murdered\n".encode("cp1252"), "p.csv") \
        == "id,side,text\nx,for,Kirov – murdered\n"
    assert upload_text("\ufeffid: x\n".encode("utf-8"), "r.yaml") == "id: x\n"
    with pytest.raises(RubricError, match=r"r\.yaml: is not a readable text file .* UTF-8 YAML"):
        upload_text(bytes(range(256)) * 8, "r.yaml", "YAML")


@pytest.mark.parametrize(("question", "marks"), [
    ("Explain two ways a plant loses water. [4 marks]", 4), ("Describe how iron rusts (6 marks)", 6),
    ("Give one reason. (1 mark)", 1), ("Explain why the river flooded. 8 marks", 8),
    ("To what extent was Stalin's rise due to Trotsky's errors?", None),
    ("How far do you agree? (25)", None),            # a bare number in brackets may be anything
    ("In 1924 Trotsky made 3 mistakes. Explain them.", None),
])
def test_the_marks_a_question_names(question, marks):
    assert stated_marks(question) == marks


@pytest.mark.parametrize("marks, count, bands", [
    (4, 3, [[1, 1], [2, 2], [3, 4]]),          # a short answer: three levels at most
    (6, 3, [[1, 2], [3, 4], [5, 6]]),          # as even as can be (walk 47: 1-1, 2-4, 5-6)
    (10, 3, [[1, 3], [4, 6], [7, 10]]),        # the extra marks at the top
    (4, None, [[1, 1], [2, 2], [3, 3], [4, 4]]),
    (50, None, [[1, 10], [11, 20], [21, 30], [31, 40], [41, 50]]),   # in proportion
    (2, 3, [[1, 1], [2, 2]]),                  # never more levels than marks
    (1, None, [[1, 1]]),
])
def test_fitted_levels_spread_the_bands_over_the_marks_keeping_descriptors(marks, count, bands):
    from essaycoach.rubric_edit import DEFAULT_LEVELS, blank_rubric, fitted_levels

    fitted = fitted_levels(blank_rubric()["levels"], marks, count)
    assert [lv["marks"] for lv in fitted] == bands
    assert [lv["level"] for lv in fitted] == list(range(1, len(bands) + 1))
    described = {d for *_, d in DEFAULT_LEVELS}
    assert all(lv["descriptor"] in described for lv in fitted) and fitted[-1]["descriptor"] == DEFAULT_LEVELS[-1][3]


@pytest.mark.parametrize("marks, minutes, was, short, expected", [
    (12, 45, 25, False, 22), (25, 45, 25, False, 45), (1, 5, 200, False, 1), (200, 300, 1, False, 300),
    # a short answer at its own pace, a mark a minute and time to read (walk 47: 11 minutes for 6 marks)
    (4, 45, 25, True, 5), (6, 45, 25, True, 8), (10, 45, 25, True, 13),
    # never slower than the time it had
    (6, 10, 25, True, 2),
])
def test_minutes_for_a_tariff_keep_the_time_per_mark(marks, minutes, was, short, expected):
    from essaycoach.rubric_edit import minutes_for

    assert minutes_for(marks, minutes, was, short) == expected


@pytest.mark.parametrize("count, expected", [(3, (0, 1, 2)), (2, (0, 2)), (1, (2,))])
def test_a_short_answers_levels_drop_the_essay_descriptors_and_keep_a_teachers(count, expected):
    from essaycoach.rubric_edit import SHORT_DESCRIPTORS, blank_rubric, fitted_levels, short_descriptors

    levels = short_descriptors(fitted_levels(blank_rubric()["levels"], 4, count))
    assert [lv["descriptor"] for lv in levels] == [SHORT_DESCRIPTORS[i] for i in expected]
    own = [dict(lv, descriptor="Two ways, each explained.") for lv in levels]
    assert short_descriptors(own) == own
