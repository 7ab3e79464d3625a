"""The rubric editor's rules, without the page: seed questions, version stamps, save
conflicts, imports of damaged rubric text, and the list of broken files."""
from __future__ import annotations

import contextlib
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from essaycoach.corpus import Hit, Passage
from essaycoach.editor_state import (
    LeftBehind,
    broken_rubric,
    default_side,
    dropped_ids,
    dropped_notice,
    formatting_shown_as_typed,
    import_rubric,
    is_evidence,
    one_sided,
    question_only_aliases,
    rank_evidence,
    readable_id,
    rubric_data,
    save_conflicts,
    seed_questions,
    version_diff,
    version_label,
    version_time,
)
from essaycoach.errors import RubricError, RubricSyntaxError
from essaycoach.loaders import MAX_RUBRIC_BYTES, BrokenRubric, parse_rubric_yaml, seed_lines
from essaycoach.rubric import ID_PATTERN

ROOT = Path(__file__).resolve().parents[1]
TROTSKY = (ROOT / "rubrics" / "trotsky-errors.yaml").read_text(encoding="utf-8")


def test_seed_questions_are_the_exam_questions_in_the_notes():
    found = seed_questions(seed_lines(ROOT / "seeds"))
    assert any(q.question == "Why did Stalin gain power from 1924?" for q in found)
    assert all(q.question.endswith(("?", ".")) and q.file.endswith(".txt") for q in found)
    assert len(found) == len(set(found))
    # labelled by the note's title, never its hashed file name (walk 45 saw "(000_ca1ec84d01d7b1fd.txt)")
    assert all(q.file not in q.label and "\u00b7 note " in q.label for q in found)


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
    # well-formed YAML with a value refused: not called a syntax error (a walk's teacher looked for a typo)
    (TROTSKY.replace("marks: 25", "marks: " + "1" * 31, 1), "YAML value refused at line"),
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
    with pytest.raises(RubricError, match=message) as refused:
        import_rubric(text, "t.yaml", _parse, MAX_RUBRIC_BYTES)
    assert refused.value.source == "t.yaml"   # named by its file: "rubric: rubric: ..." had said nothing


@pytest.mark.parametrize("text", ["a: [oops", "a: &x 1\nb: *x", "[" * 60 + "]" * 60, "x" * 2000])
def test_rubric_data_refuses_with_the_specific_class(text):
    with pytest.raises(RubricSyntaxError):
        rubric_data(text, "t.yaml", 1000)


@settings(deadline=None)
@given(st.text(alphabet="[]{}: ab\n-'\"&*", max_size=300))
def test_rubric_data_gives_data_or_a_syntax_error_never_anything_else(text):
    with contextlib.suppress(RubricSyntaxError):
        rubric_data(text, "t.yaml", MAX_RUBRIC_BYTES)


def test_broken_rubric_from_a_loader_error():
    got = broken_rubric(RubricError(["minutes: is required", "marks: is required"], "/r/rubrics/bad-one.yaml"))
    assert got == BrokenRubric("bad-one.yaml", ("minutes: is required", "marks: is required"))
    assert got.id == "bad-one"
    assert got.message == "minutes: is required; marks: is required"


@pytest.mark.parametrize("text, taken, expected", [
    ("Stalin's strategy: Stalin used his position", [], "stalin-strategy-used"),
    ("Kirov was murdered in December 1934", [], "kirov-murdered-december"),
    ("Kirov was murdered in December 1934", ["kirov-murdered-december"], "kirov-murdered-december-2"),
    ("", [], "point"),
    ("the of and", [], "point"),
])
def test_readable_ids(text, taken, expected):
    assert readable_id(text, taken) == expected


@given(st.text(max_size=120), st.lists(st.text(max_size=20), max_size=5))
def test_readable_ids_are_new_slugs(text, taken):
    got = readable_id(text, taken)
    assert got not in taken and ID_PATTERN.match(got) and len(got) <= 45


def test_rarity_keeps_the_subject_and_the_telling_words():
    rarity = {"trotsky": 2.0, "failed": 0.5, "press": 0.7, "publication": 3.0, "testament": 2.5}
    assert readable_id("Trotsky failed to press for publication of the Testament", [], rarity) == \
        "trotsky-publication-testament"


def test_words_the_other_points_use_tell_less(seeds):
    """Walk 47: the catalyst point of a chemistry rubric got the id "adding-increases-rate" (the
    history notes use "catalyst", and every point of the rubric "increases the rate")."""
    import math
    import re
    from collections import Counter

    from essaycoach.loaders import read_rubric_file

    lines = [ln.lower() for text in seeds.values() for ln in text.splitlines() if ln.strip()]
    df = Counter(w for ln in lines for w in set(re.findall(r"[a-z0-9]+", ln)))
    rarity = {w: math.log(len(lines) / n) for w, n in df.items()}   # as the editor reads the notes
    rubric = read_rubric_file(ROOT / "tests" / "data" / "teacher" / "chem-factors.yaml")
    catalyst = next(p for p in rubric.points if "catalyst" in p.text)
    others = [p.text for p in rubric.points if p is not catalyst]
    got = readable_id(catalyst.text, [], rarity, others=others)
    assert got.startswith("adding-catalyst-") and not {"increases", "rate"} & set(got.split("-")), got
    # alone in its rubric, what the notes never use tells most
    assert readable_id("Raising the temperature increases the rate of reaction", [], rarity) == \
        "raising-temperature-increases"


@pytest.mark.parametrize("text, kept", [
    ("Stalin used his position as General Secretary to appoint his supporters.", True),
    ("Reason: Murder of Kyrov -> 1st of December Law", True),  # a note: label, then content
    ("Political Opponents: All of the old Politburo members were killed", True),
    ("Key Changes During De-Stalinization", False),            # a heading in Title Case
    ("The New Constitution", False),                           # a fragment
    ("Why Did It Happen?", False),
    ("To what extent was Stalin's emergence as leader of the USSR due to his own machinations?", False),
    ("Analyse the factors that motivated Stalin's collectivisation of agriculture", False),
    ("STALIN AND TROTSKY IN THE POWER STRUGGLE AFTER LENIN DIED.", False),
])
def test_is_evidence(text, kept):
    assert is_evidence(text) is kept


def _hit(file: str, text: str, score: float = 1.0):
    return Hit(Passage(file, 1, 1, text), score)


def test_rank_evidence_puts_own_notes_first_and_drops_headings():
    sentence = "Stalin used his position as General Secretary to appoint his supporters."
    hits = [_hit("other.txt", sentence), _hit("own.txt", "Stalin's rise"), _hit("own.txt", sentence),
            _hit("other.txt", sentence.replace("Stalin", "He"))]
    ranked = rank_evidence(hits, {"own.txt"})
    assert [h.passage.file for h in ranked] == ["own.txt", "other.txt", "other.txt"]
    assert ranked[1] is hits[0]                              # search order kept inside a group


def test_rank_evidence_never_puts_a_weak_own_passage_above_a_much_better_one():
    sentence = "Stalin used the murder of Kirov in 1934 to justify the purges of the party."
    hits = [_hit("other.txt", sentence, 9.0), _hit("own.txt", sentence.replace("Kirov", "him"), 2.0)]
    assert [h.passage.file for h in rank_evidence(hits, {"own.txt"})] == ["other.txt", "own.txt"]


def test_version_diff_shows_only_the_change():
    old = "id: a\ntopic: T\nsource: s\ntitle: Old\nminutes: 45\nmarks: 25\nlevels: []\n"
    diff = version_diff(old, old.replace("Old", "New"), "v1", "v2")
    assert "-title: Old" in diff and "+title: New" in diff and "minutes" in diff and "id: a" not in diff
    assert version_diff(old, old, "v1", "v2") == ""


@pytest.mark.parametrize("question, sides, warned", [
    ("To what extent was Stalin's rise due to Trotsky's errors?", ["for", "for", "neutral"], True),
    ("How far was the Terror planned?", ["against"], True),
    ("To what extent was Stalin's rise due to Trotsky's errors?", ["for", "against"], False),
    ("Why did Stalin launch the purges?", ["for", "for"], False),        # nothing to weigh
    ("To what extent did women gain?", [], False),                       # no points yet
])
def test_one_sided(question, sides, warned):
    assert (one_sided(question, sides) is not None) is warned


@pytest.mark.parametrize("question, side", [
    ("To what extent was Stalin's rise due to Trotsky's errors?", "for"),
    ("'Stalin won because he controlled the party.' How far do you agree?", "for"),
    ("'The purges were necessary.' Discuss.", "for"),
    ("Explain the causes of coastal flooding. (6 marks)", "neutral"),   # a walk's: "Case for" on no case
    ("Describe how vaccination works.", "neutral"),
    ("", "neutral"),
])
def test_a_new_point_starts_on_the_side_the_question_asks_for(question, side):
    assert default_side(question) == side


@pytest.mark.parametrize(("before", "now", "gone"), [
    (["a", "b"], ["a", "b"], []),
    (["a", "b"], ["a", "c"], ["b"]),            # renamed
    (["a", "b", "c"], ["c"], ["a", "b"]),       # deleted, in the order they stood
    ([], ["a"], []),                            # a new rubric: nothing opened before
    (["a", ""], ["a"], []),                     # a point with no id yet left nothing behind
])
def test_dropped_ids_are_the_points_whose_marking_stays_behind(before, now, gone, trotsky):
    from dataclasses import replace

    rubric = replace(trotsky, points=tuple(replace(trotsky.points[0], id=pid) for pid in now))
    assert dropped_ids({"points": [{"id": pid} for pid in before]}, rubric) == gone
    assert dropped_ids(None, rubric) == []


@pytest.mark.parametrize(("gone", "left", "notice"), [
    ([], LeftBehind(attempts=3), ""),
    (["equation"], LeftBehind(),
     "Point id no longer in the rubric: equation (nothing was marked or learnt with it)."),
    (["a", "b"], LeftBehind(),
     "Point ids no longer in the rubric: a, b (nothing was marked or learnt with them)."),
    # The walk's "Your students' 1 practice attempt for them no longer apply": it is the verdict on
    # the point that no longer applies, and one verdict "applies".
    (["equation"], LeftBehind(attempts=1),
     "Point id no longer in the rubric: equation. The verdict on that point in 1 practice attempt by your "
     "students no longer applies; give a point its old id back to restore it."),
    (["equation"], LeftBehind(attempts=2),
     "Point id no longer in the rubric: equation. The verdicts on that point in 2 practice attempts by your "
     "students no longer apply; give a point its old id back to restore them."),
    (["a", "b"], LeftBehind(attempts=1),
     "Point ids no longer in the rubric: a, b. The verdicts on those points in 1 practice attempt by your "
     "students no longer apply; give a point their old id back to restore them."),
    (["funeral"], LeftBehind(class_sets=True),
     "Point id no longer in the rubric: funeral. The verdicts on that point in your class sets no longer "
     "apply; give a point its old id back to restore them."),
    (["funeral"], LeftBehind(calibration=True),
     "Point id no longer in the rubric: funeral. The wordings calibration learnt for that point no longer "
     "apply; give a point its old id back to restore them."),
    (["funeral"], LeftBehind(class_sets=True, attempts=1),
     "Point id no longer in the rubric: funeral. The verdicts on that point in your class sets and in 1 "
     "practice attempt by your students no longer apply; give a point its old id back to restore them."),
    (["funeral"], LeftBehind(True, True, 1),
     "Point id no longer in the rubric: funeral. The verdicts on that point in your class sets and in 1 "
     "practice attempt by your students, and the wordings calibration learnt for that point, no longer apply; "
     "give a point its old id back to restore them."),
    (["funeral"], LeftBehind(calibration=True, attempts=4),
     "Point id no longer in the rubric: funeral. The verdicts on that point in 4 practice attempts by your "
     "students and the wordings calibration learnt for that point no longer apply; give a point its old id "
     "back to restore them."),
])
def test_a_save_that_drops_point_ids_says_in_plain_grammar_what_no_longer_applies(gone, left, notice):
    assert dropped_notice(gone, left) == notice


@pytest.mark.parametrize("alias, warned", [
    ("flood", True), ("the floods", True), ("<i>Flooding</i>", True),      # only the question's words
    ("Somerset floods 2014", True),
    ("rivers not dredged", False), ("flood defences underfunded", False),   # something of the point's own
])
def test_an_alias_of_only_the_questions_words_is_warned_about(alias, warned):
    question = "Explain the causes of the 2014 Somerset Levels floods."
    found = question_only_aliases(question, [{"id": "no-dredging", "aliases": [alias]}])
    assert bool(found) is warned and all(f"'{alias}' of no-dredging" in w for w in found)


def test_no_shipped_rubric_has_an_alias_of_only_its_questions_words():
    from conftest import ROOT

    from essaycoach.safeio import load_yaml_text
    for path in ROOT.glob("rubrics/*.yaml"):
        data = load_yaml_text(path.read_text(encoding="utf-8"))
        assert question_only_aliases(data["question"], data["points"]) == [], path


@pytest.mark.parametrize("text, aliases, shown", [
    ("<b>Abrasion</b>: waves throw sand against the cliff.", [], "'<b>', '</b>'"),
    ("Abrasion: waves throw **sand and pebbles** at the cliff.", [], "'**'"),
    ("Attrition: rocks knock into each other.", ["`attrition`"], "'`attrition`'"),
    ("See [the notes](http://example.com) on solution.", [], "'[the"),
    ("Soft rock (e.g. boulder clay) erodes faster than hard rock: 2 < 3 and 5 > 4.", ["a*b"], None),
    ("Waves are 2*3 metres high and the fetch is long.", ["long_fetch"], None),
])
def test_formatting_in_a_point_is_warned_about(text, aliases, shown):
    """The editor accepted "<b>Abrasion</b>" and "**sand and pebbles**": students saw the marks as
    typed, and an answer in the point's own words was no longer recognised as copied (a walk)."""
    found = formatting_shown_as_typed([{"id": "abrasion", "text": text, "aliases": aliases}])
    if shown is None:
        assert found == []
    else:
        [warning] = found
        assert warning.startswith("abrasion has formatting") and shown in warning


def test_no_shipped_rubric_has_formatting_in_its_points(all_rubrics):
    from essaycoach.rubric import rubric_to_dict

    for rubric in all_rubrics:
        assert formatting_shown_as_typed(rubric_to_dict(rubric)["points"]) == [], rubric.id
