"""The rubric editor's rules, without the page: seed questions, version stamps, save
conflicts, imports of damaged rubric text, and the list of broken files."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from essaycoach.editor_state import (
    BrokenRubric,
    broken_rubric,
    import_rubric,
    rubric_data,
    save_conflicts,
    seed_questions,
    version_label,
    version_time,
)
from essaycoach.errors import RubricError, RubricSyntaxError
from essaycoach.loaders import MAX_RUBRIC_BYTES, parse_rubric_yaml, seed_lines

ROOT = Path(__file__).resolve().parents[1]
TROTSKY = (ROOT / "rubrics" / "trotsky-errors.yaml").read_text(encoding="utf-8")


def test_seed_questions_are_the_exam_questions_in_the_notes():
    found = seed_questions(seed_lines(ROOT / "seeds"))
    assert any(q.question == "Why did Stalin gain power from 1924?" for q in found)
    assert all(q.question.endswith(("?", ".")) and q.file.endswith(".txt") for q in found)
    assert len(found) == len(set(found))


@pytest.mark.parametrize("line, found", [
    ("To what extent was Stalin's rise due to Trotsky's errors?", True),
    ("3. How far did the purges strengthen Stalin's rule by 1939?", True),
    ("To what extent", False),                                     # too short to be a question
    ("Stalin rose to power because of his position in the party.", False),
    ("Assess the reasons for the show trials of the 1930s", False),  # no closing mark
])
def test_seed_question_pattern(line, found):
    assert bool(seed_questions({"n.txt": (line,)})) is found


@pytest.mark.parametrize("name, expected", [
    ("trotsky-errors.20261130-151203-123456.yaml", datetime(2026, 11, 30, 15, 12, 3)),
    ("trotsky-errors.20261130-151203.yaml", datetime(2026, 11, 30, 15, 12, 3)),
    ("/x/.history/a.20261399-999999.yaml", None),                   # digits, but no date
    ("trotsky-errors.yaml", None),
])
def test_version_stamps(name, expected):
    assert version_time(name) == expected
    assert version_label(name) == (expected.strftime("%d %b %Y %H:%M:%S") if expected else Path(name).name)


@pytest.mark.parametrize("rid, origin, now, opened, overwrite, expected", [
    ("a", "a", b"1", b"1", False, None),
    ("b", "a", None, b"1", False, "already exists"),        # saving over another rubric
    ("b", "a", None, b"1", True, None),                     # ...unless ticked
    ("a", "a", b"2", b"1", False, "changed by someone else"),
    ("a", "a", None, b"1", False, None),                    # deleted meanwhile: saving recreates it
    ("new", None, None, None, False, None),
])
def test_save_conflicts(rid, origin, now, opened, overwrite, expected):
    got = save_conflicts(rid, origin, ["a", "b"], now, opened, overwrite)
    assert (expected is None and got == []) or (expected and expected in got[0])


def _parse(text: str, origin: str):
    return parse_rubric_yaml(text, origin)


def test_a_valid_rubric_imports_with_no_problems():
    got = import_rubric(TROTSKY, "t.yaml", _parse, MAX_RUBRIC_BYTES)
    assert got.problems == () and got.data["id"] == "trotsky-errors"


@pytest.mark.parametrize("text, problem", [
    (TROTSKY.replace("minutes: 45", "minutes: lots"), "minutes"),
    (TROTSKY.replace("side: against", "side: agin", 1), "agin"),
    (TROTSKY.replace("source: 003", "source: [a]\n#", 1), "source"),
])
def test_a_damaged_but_readable_rubric_imports_with_its_problems(text, problem):
    got = import_rubric(text, "t.yaml", _parse, MAX_RUBRIC_BYTES)
    assert got.problems and any(problem in p for p in got.problems)
    assert got.data["id"] == "trotsky-errors" and got.data["points"]


@pytest.mark.parametrize("text, message", [
    ("id: x\npoints: [oops\n", "YAML syntax error"),
    ("just text", "expected a mapping"),
    ("a: &x [1, 2]\nb: *x\n", "alias"),
    ("title: " + "[" * 20000 + "]" * 20000, "nested"),
    ("minutes: " + "9" * 5000, "too large"),
])
def test_text_that_is_not_rubric_data_is_refused_with_a_message(text, message):
    with pytest.raises(RubricError, match=message):
        import_rubric(text, "t.yaml", _parse, MAX_RUBRIC_BYTES)


@pytest.mark.parametrize("text", ["a: [oops", "a: &x 1\nb: *x", "[" * 60 + "]" * 60, "x" * 2000])
def test_rubric_data_refuses_with_the_specific_class(text):
    with pytest.raises(RubricSyntaxError):
        rubric_data(text, "t.yaml", 1000)


@given(st.text(alphabet="[]{}: ab\n-'\"&*", max_size=300))
def test_rubric_data_gives_data_or_a_syntax_error_never_anything_else(text):
    try:
        rubric_data(text, "t.yaml", MAX_RUBRIC_BYTES)
    except RubricSyntaxError:
        pass


def test_broken_rubric_from_a_loader_error():
    got = broken_rubric(RubricError(["minutes: is required", "marks: is required"], "/r/rubrics/bad-one.yaml"))
    assert got == BrokenRubric("bad-one", "bad-one.yaml", ("minutes: is required", "marks: is required"))
    assert got.message == "minutes: is required; marks: is required"
