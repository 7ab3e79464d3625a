"""Rubric validation: every problem named with its field and what is allowed."""
import copy

import pytest
import yaml
from conftest import ROOT

from essaycoach.errors import RubricError
from essaycoach.loaders import parse_rubric_yaml, rubric_yaml, seed_lines
from essaycoach.rubric import parse_rubric, rubric_to_dict
from essaycoach.safeio import load_yaml_text

GOOD = {
    "id": "mini", "title": "Mini", "question": "To what extent was Trotsky to blame?",
    "minutes": 45, "marks": 25,
    "levels": [{"level": 1, "marks": [1, 10], "descriptor": "weak"},
               {"level": 2, "marks": [11, 25], "descriptor": "strong"}],
    "points": [
        {"id": "testament", "side": "for", "text": "Trotsky did not publish Lenin's Testament.",
         "source": {"file": "003_d3a4239297f73c94.txt", "line": 50}},
        {"id": "gensec", "side": "against", "text": "Stalin was General Secretary."},
    ],
}


def broken(path, value):
    data = copy.deepcopy(GOOD)
    target = data
    for key in path[:-1]:
        target = target[key]
    if value is KeyError:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return data


@pytest.mark.parametrize("path, value, message", [
    (("id",), KeyError, "id: is required"),
    (("id",), "Bad Id!", "id: 'Bad Id!' cannot be an id: use lower-case letters"),
    (("id",), "nul", "id: 'nul' cannot be an id (that name is kept for a device on Windows)"),
    # a duplicate on every point that has it: the one just changed and the one that had it first
    (("points", 1, "id"), "testament", "points[1].id: duplicate point id 'testament', also the id of points[0]"),
    (("points", 1, "id"), "testament", "points[0].id: duplicate point id 'testament', also the id of points[1]"),
    (("points", 0, "side"), "pro", "points[0].side: 'pro' is not allowed; use one of for, against, neutral"),
    (("levels", 1, "marks"), [12, 25], "levels[1].marks: starts at 12 but should start at 11"),
    (("levels", 1, "marks"), [11, 20], "the top level ends at 20 but the rubric is out of 25 marks"),
    (("points", 0, "source", "line"), 9999, "points[0].source.line: 9999 is outside 003_d3a4239297f73c94.txt"),
    (("points", 0, "source", "file"), "nope.txt", "points[0].source.file: 'nope.txt' is not a seed file"),
    (("points", 0, "source", "line"), 2, "line 2 of 003_d3a4239297f73c94.txt is blank"),
    (("minutes",), "forty", "minutes: 'forty' must be a whole number"),
    (("points", 0, "weight"), -1, "points[0].weight: -1 must be a number above 0"),
    (("points",), [], "points: needs at least one point"),
    # which alias is too long: the editor shows them all in one field
    (("points", 0, "aliases"), ["fine", "x" * 400], "points[0].aliases: alias 2 (\u201cxxxx"),
    # a field of ours mistyped: its value would be lost without a word
    (("topc",), "The Purges", "topc: is not a field of a rubric; did you mean 'topic'?"),
    (("sorce",), "notes.txt", "sorce: is not a field of a rubric; did you mean 'source'?"),
    # a point no essay could ever make
    (("points", 1, "text"), "The and of it.", "points[1].text: has no word an essay could be matched on"),
    (("points", 1, "text"), "\u0421\u0442\u0430\u043b\u0438\u043d", "points[1].text: has no word an essay"),
])
def test_invalid_rubrics_name_the_field(path, value, message):
    with pytest.raises(RubricError) as info:
        parse_rubric(broken(path, value), "mini.yaml", seed_lines())
    assert any(message in p for p in info.value.problems), info.value.problems
    assert str(info.value).startswith("mini.yaml: ")


def test_swapped_level_ranges_are_named_as_swapped():
    """A walk typed two levels' mark ranges the wrong way round and was told "starts at 1 but should
    start at 7": the message says to swap them, and no second message about the top level."""
    data = copy.deepcopy(GOOD)
    (low, high) = data["levels"][0]["marks"], data["levels"][1]["marks"]
    data["levels"][0]["marks"], data["levels"][1]["marks"] = high, low
    with pytest.raises(RubricError) as info:
        parse_rubric(data, "mini.yaml", seed_lines())
    assert [p for p in info.value.problems if "order" in p] == [
        "levels: the mark ranges are in the wrong order (level 1 has 11-25, level 2 has 1-10): level 1 takes "
        "the lowest marks, so swap them"], info.value.problems
    assert not any("top level ends" in p or "should start at" in p for p in info.value.problems)


def test_all_problems_are_reported_at_once():
    data = broken(("points", 0, "side"), "pro")
    data["minutes"] = 0
    with pytest.raises(RubricError) as info:
        parse_rubric(data, "mini.yaml", seed_lines())
    assert len(info.value.problems) == 2


def test_yaml_syntax_error_names_line():
    with pytest.raises(RubricError, match=r"YAML syntax error at line 2"):
        parse_rubric_yaml("id: x\n  bad: : indent\n", "bad.yaml")


@pytest.mark.parametrize(("text", "message"), [
    ("id: x\n\t- tab\n", r"line 2, column 1: .*\(YAML: found character '\\t' that cannot start any token\)"),
    ("id: [x, y\n", r"line 2, column 1: .*\(YAML: expected ',' or ']', but got '<stream end>'\)"),
])
def test_yaml_syntax_error_says_what_was_found(text, message):
    # Files are read by libyaml for speed; one it rejects is read again for the precise message.
    with pytest.raises(RubricError, match=message):
        parse_rubric_yaml(text, "bad.yaml")


def test_not_a_mapping():
    with pytest.raises(RubricError, match="expected a mapping"):
        parse_rubric_yaml("- just\n- a list\n", "list.yaml")


def test_id_must_match_file_name():
    with pytest.raises(RubricError, match="must equal the file name stem 'other'"):
        parse_rubric_yaml(yaml.safe_dump(GOOD), "other.yaml", expected_id="other")


def test_round_trip_through_yaml():
    rubric = parse_rubric(GOOD, "mini.yaml", seed_lines())
    again = parse_rubric_yaml(rubric_yaml(rubric), "mini.yaml", expected_id="mini")
    assert again == rubric
    assert rubric_to_dict(again)["points"][0]["source"] == {"file": "003_d3a4239297f73c94.txt", "line": 50}


def test_sides_and_evaluative():
    rubric = parse_rubric(GOOD, "mini.yaml")
    assert rubric.sides == ("for", "against") and rubric.evaluative
    with pytest.raises(KeyError, match="valid ids: testament, gensec"):
        rubric.point("nope")


def test_fields_of_ones_own_are_kept_not_refused():
    data = {**copy.deepcopy(GOOD), "exam_board": "AQA", "author": "Ms Patel"}
    assert dict(parse_rubric(data, "mini.yaml").extra) == {"exam_board": "AQA", "author": "Ms Patel"}


def test_an_unreadable_band_does_not_hide_the_top_levels_problem():
    """Fixing one problem only to be shown the next: all are said at once."""
    data = copy.deepcopy(GOOD)
    data["levels"] = [{"level": 1, "marks": [10, 1], "descriptor": "weak"},
                      {"level": 2, "marks": [11, 30], "descriptor": "strong"}]
    with pytest.raises(RubricError) as info:
        parse_rubric(data, "mini.yaml")
    problems = info.value.problems
    assert any("levels[0].marks" in p and "run from 10 down to 1" in p and "go up" in p for p in problems)
    assert any("the top level ends at 30 but the rubric is out of 25 marks" in p for p in problems)


@pytest.mark.parametrize("language, text", [
    ("French", "Trotski a commis des erreurs politiques pendant la lutte pour le pouvoir après la mort de Lénine"),
    ("German", "Trotzki machte politische Fehler im Machtkampf nach dem Tod Lenins und unterschätzte Stalin"),
    ("Russian", "Троцкий совершил политические ошибки в борьбе за власть после смерти Ленина"),
])
def test_a_rubric_not_in_english_is_refused_by_name(language, text):
    """The engine reads answers as English: a rubric in another language would mark every answer wrongly."""
    data = load_yaml_text((ROOT / "rubrics" / "trotsky-errors.yaml").read_text(encoding="utf-8"))
    for point in data["points"]:
        point["text"], point["aliases"] = f"{text}: {point['id']}.", []
    with pytest.raises(RubricError, match="points: are mostly not English words"):
        parse_rubric(data, "translated.yaml")


def test_every_rubric_in_the_repository_reads_as_english():
    from essaycoach.rubric import RUBRIC_ENGLISH_SHARE
    from essaycoach.spelling import english_share
    for path in [*ROOT.glob("rubrics/*.yaml"), *ROOT.glob("tests/data/*/rubrics/*.yaml")]:
        points = load_yaml_text(path.read_text(encoding="utf-8"))["points"]
        text = " ".join(t for p in points for t in (p["text"], *p.get("aliases", [])))
        assert english_share(text)[0] >= RUBRIC_ENGLISH_SHARE + 0.2, path   # far from the line


def test_an_empty_point_text_is_one_problem():
    data = load_yaml_text((ROOT / "rubrics" / "trotsky-errors.yaml").read_text(encoding="utf-8"))
    data["points"][2]["text"], data["points"][2]["aliases"] = "", []
    with pytest.raises(RubricError) as info:
        parse_rubric(data, "mini.yaml")
    assert [p for p in info.value.problems if p.startswith("points[2]")] == [
        next(p for p in info.value.problems if "is empty" in p)]


@pytest.mark.parametrize(("text", "plain"), [
    ("id: x\ntitle: Causes: of war\n", r"line 2, column 14: a colon where YAML does not expect one"),
    ("points:\n  - id: a\n      text: b\n", r"line 3, .*indented further than the one above it"),
    ("id: x\n\ttitle: y\n", "a tab; indent with spaces only"),
    ("points:\n  - id: a\n    text: b\n   side: for\n", "line 4, column 4: this line does not line up"),
    ("id: x\ntitle: 'it's\n", "an apostrophe inside '...' ends it early"),
    # a probe: 'question: "How far ...?" [20 marks]' was told to line up with the lines above it
    ('id: x\nquestion: "How far was it the main reason?" [20 marks]\nminutes: 40\n',
     "line 2, column 45: text after a closing quote: a value in quotes ends at its closing quote"),
    ('points:\n  - id: a\n    text: "Stalin won" easily\n', "line 3, .*text after a closing quote"),
    ("id: x\ntitle: 'abc\nfoo: bar\n", "a quote that is opened and never closed .*; it was opened at line 2"),
    ("aliases: [a, b\nid: x\n", r"a list in \[ \] not closed"),
    ("text: *important* point\n", "a value that starts with '\\*', which YAML keeps for itself"),
    ("text: @user said\n", "a value that starts with '@'"),
    ('title: "a \\q b"\n', "a backslash inside double quotes"),
])
def test_yaml_errors_are_said_in_plain_words_with_the_parsers_after(text, plain):
    # A walk's teacher read "expected <block end>, but found '<block mapping start>'".
    with pytest.raises(RubricError, match=plain) as info:
        parse_rubric_yaml(text, "bad.yaml")
    assert "(YAML: " in str(info.value)
