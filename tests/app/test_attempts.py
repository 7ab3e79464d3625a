"""attempts.py on a temporary database: drafts, attempts, ordering and missed-point counts."""
from __future__ import annotations

import dataclasses
import sqlite3

import pytest
from resources import TROTSKY_STRONG

from essaycoach import attempts as att
from essaycoach import store
from essaycoach.inputs import MAX_NAME_CHARS, tidy_name
from essaycoach.report import Report


@pytest.fixture
def db(tmp_path) -> sqlite3.Connection:
    conn = att.open_db(tmp_path / "test.sqlite3")
    yield conn
    conn.close()


@pytest.fixture(scope="module")
def report(engine, trotsky) -> Report:
    return engine.grade(TROTSKY_STRONG, trotsky, "Ada")


def _with_statuses(report: Report, statuses: dict[str, str]) -> Report:
    """The report with some points' statuses replaced (spans dropped for missing ones)."""
    points = tuple(dataclasses.replace(p, status=statuses[p.id],
                                       span=None if statuses[p.id] == "missing" else p.span)
                   if p.id in statuses else p for p in report.points)
    return dataclasses.replace(report, points=points)


@pytest.mark.parametrize("typed, expected", [
    ("Ada", "Ada"),
    ("  Ada   Lovelace \n", "Ada Lovelace"),
    ("", ""),
    (None, ""),
    ("x" * 200, "x" * MAX_NAME_CHARS),
])
def test_tidy_name(typed, expected):
    assert tidy_name(typed) == expected


def test_schema_is_created_on_first_use_of_a_plain_connection(tmp_path):
    conn = store.connect(tmp_path / "fresh.sqlite3")
    assert att.load_draft(conn, "Ada", "trotsky-errors") is None
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"drafts", "attempts"} <= tables
    conn.close()


def test_draft_round_trip_and_overwrite(db):
    first = att.save_draft(db, "Ada", "trotsky-errors", "Trotsky missed", 100.0, saved_at=110.0)
    assert att.load_draft(db, "Ada", "trotsky-errors") == first
    second = att.save_draft(db, "Ada", "trotsky-errors", "Trotsky missed the funeral.", 100.0, saved_at=120.0)
    loaded = att.load_draft(db, "Ada", "trotsky-errors")
    assert loaded == second and loaded.text == "Trotsky missed the funeral." and loaded.words == 4
    assert db.execute("SELECT count(*) FROM drafts").fetchone()[0] == 1


@pytest.mark.parametrize("other_name", ["ada", " ADA ", "Ada"])
def test_names_match_case_and_space_insensitively(db, other_name):
    att.save_draft(db, "Ada", "trotsky-errors", "text", 1.0)
    assert att.load_draft(db, other_name, "trotsky-errors").text == "text"


def test_drafts_are_kept_apart_by_student_and_prompt(db):
    att.save_draft(db, "Ada", "trotsky-errors", "ada trotsky", 1.0, saved_at=5.0)
    att.save_draft(db, "Ada", "purge-necessary", "ada purges", 2.0, saved_at=9.0)
    att.save_draft(db, "Bo", "trotsky-errors", "bo trotsky", 3.0)
    assert att.load_draft(db, "Bo", "trotsky-errors").text == "bo trotsky"
    assert [d.rubric_id for d in att.list_drafts(db, "Ada")] == ["purge-necessary", "trotsky-errors"]
    att.delete_draft(db, "Ada", "trotsky-errors")
    assert att.load_draft(db, "Ada", "trotsky-errors") is None
    assert att.load_draft(db, "Bo", "trotsky-errors") is not None


def test_a_draft_with_no_words_is_not_listed_as_unfinished(db):
    att.save_draft(db, "Ada", "trotsky-errors", "", 1.0, saved_at=5.0)  # the clock started, nothing written
    att.save_draft(db, "Ada", "purge-necessary", "  \n ", 1.0, saved_at=6.0)
    att.save_draft(db, "Ada", "cult-propaganda", "Stalin was", 1.0, saved_at=7.0)
    assert [d.rubric_id for d in att.list_drafts(db, "Ada")] == ["cult-propaganda"]
    assert att.load_draft(db, "Ada", "trotsky-errors").text == ""  # the clock's start is still kept


@pytest.mark.parametrize("name", ["", "   ", None])
def test_a_name_is_required_to_save(db, report, name):
    with pytest.raises(ValueError, match="student name is required"):
        att.save_draft(db, name, "trotsky-errors", "text", 1.0)
    with pytest.raises(ValueError, match="student name is required"):
        att.save_attempt(db, name, report, TROTSKY_STRONG, 1.0, 2.0)


def test_attempt_round_trip_rebuilds_the_report(db, report, trotsky):
    saved = att.save_attempt(db, "Ada", report, TROTSKY_STRONG, started_at=1000.0, submitted_at=1900.0)
    loaded = att.get_attempt(db, saved.id)
    assert loaded == saved
    assert (loaded.rubric_id, loaded.mark, loaded.level, loaded.max_mark, loaded.words) == \
        ("trotsky-errors", report.mark, report.level, report.max_mark, report.words)
    assert loaded.seconds_used == 900.0 and loaded.essay == TROTSKY_STRONG
    rebuilt = loaded.report(trotsky)
    for field in ("rubric", "student", "words", "sentences", "sides", "balance", "judgement",
                  "judgement_sentence", "level", "mark", "max_mark", "warnings"):
        assert getattr(rebuilt, field) == getattr(report, field), field
    assert rebuilt.coverage == pytest.approx(report.coverage, abs=1e-3)
    for got, want in zip(rebuilt.points, report.points, strict=True):
        assert (got.id, got.side, got.text, got.status, got.span, got.sentence) == \
            (want.id, want.side, want.text, want.status, want.span, want.sentence)
        if want.status != "covered":
            assert (got.evidence, got.citation) == (want.evidence, want.citation)


def test_report_without_its_rubric_keeps_its_wording_and_an_older_one_names_points_by_id(db, report):
    saved = att.save_attempt(db, "Ada", report, TROTSKY_STRONG, 1.0, 2.0)
    rebuilt = att.get_attempt(db, saved.id).report(None)
    assert [p.text for p in rebuilt.points] == [p.text for p in report.points]
    assert rebuilt.question == report.question and report.question.startswith("To what extent")
    older = report.to_dict()  # stored before the wording was kept with the report
    del older["question"]
    for p in older["points"]:
        del p["text"]
    assert [p.text for p in att.report_from_dict(older).points] == [p.id for p in report.points]


def test_get_unknown_attempt_is_none(db):
    assert att.get_attempt(db, 12345) is None


def test_attempts_are_listed_oldest_first_and_filtered(db, report):
    purge = dataclasses.replace(report, rubric="purge-necessary")
    att.save_attempt(db, "Ada", report, "third", 0.0, submitted_at=300.0)
    att.save_attempt(db, "Ada", report, "first", 0.0, submitted_at=100.0)
    att.save_attempt(db, "Ada", purge, "second", 0.0, submitted_at=200.0)
    att.save_attempt(db, "Bo", report, "not Ada's", 0.0, submitted_at=150.0)
    assert [a.essay for a in att.list_attempts(db, "ada")] == ["first", "second", "third"]
    assert [a.essay for a in att.list_attempts(db, "Ada", "trotsky-errors")] == ["first", "third"]
    assert att.list_attempts(db, "Nobody") == []


@pytest.mark.parametrize("runs, expected", [
    # statuses of (testament, funeral) per attempt -> (misses of testament, misses of funeral)
    ([("covered", "covered")], (0, 0)),
    ([("missing", "covered"), ("missing", "partial")], (2, 0)),
    ([("missing", "missing"), ("covered", "missing"), ("partial", "missing")], (1, 3)),
])
def test_missed_points_counts(db, report, runs, expected):
    for i, (testament, funeral) in enumerate(runs):
        graded = _with_statuses(report, {"testament": testament, "funeral": funeral})
        att.save_attempt(db, "Ada", graded, TROTSKY_STRONG, 0.0, submitted_at=float(i))
    counts = {m.point_id: m for m in att.missed_points(db, "Ada", "trotsky-errors")}
    assert set(counts) == {p.id for p in report.points}
    assert (counts["testament"].misses, counts["funeral"].misses) == expected
    assert all(m.attempts == len(runs) for m in counts.values())
    partly = [sum(run[i] == "partial" for run in runs) for i in (0, 1)]
    assert [counts["testament"].partial, counts["funeral"].partial] == partly


def test_missed_points_most_missed_first(db, report):
    for i, status in enumerate(["missing", "missing", "covered"]):
        att.save_attempt(db, "Ada", _with_statuses(report, {"funeral": status}), "e", 0.0, float(i))
    misses = att.missed_points(db, "Ada", "trotsky-errors")
    assert [m.misses for m in misses] == sorted((m.misses for m in misses), reverse=True)
    assert att.missed_points(db, "Nobody", "trotsky-errors") == []


def test_missed_points_follow_the_prompt_as_it_is_now(db, report, trotsky):
    """A point renamed since the attempts keeps its stored wording, marked as no longer in the
    prompt; its new id is listed as not attempted yet; the rest read as the prompt does now."""
    for i, status in enumerate(["missing", "covered"]):
        att.save_attempt(db, "Ada", _with_statuses(report, {"funeral": status}), "e", 0.0, float(i))
    points = tuple(dataclasses.replace(p, id="lenins-funeral") if p.id == "funeral" else p for p in trotsky.points)
    now = {m.point_id: m for m in att.missed_points(db, "Ada", "trotsky-errors", dataclasses.replace(trotsky,
                                                                                                     points=points))}
    funeral = next(p for p in trotsky.points if p.id == "funeral")
    assert now["funeral"] == att.MissCount("funeral", 1, 2, funeral.text, funeral.side, in_prompt=False)
    assert now["lenins-funeral"] == att.MissCount("lenins-funeral", 0, 0, funeral.text, funeral.side)
    assert all(m.in_prompt and m.attempts == 2 for pid, m in now.items() if "funeral" not in pid)
    # Without the prompt: every stored point, as stored.
    assert {m.point_id for m in att.missed_points(db, "Ada", "trotsky-errors")} == {p.id for p in trotsky.points}
