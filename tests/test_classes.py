"""Class sets in SQLite: essays, results, overrides and the labels they give calibration."""
from __future__ import annotations

from contextlib import closing
from pathlib import Path

import pytest

from essaycoach import classes as cls
from essaycoach.batch import mark_batch
from essaycoach.inputs import essays_from_csv

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture()
def db(tmp_path):
    with closing(cls.open_db(tmp_path / "db.sqlite3")) as conn:
        yield conn


@pytest.fixture(scope="module")
def class_essays():
    return essays_from_csv((ROOT / "examples" / "class.csv").read_text(encoding="utf-8"), "class.csv")


def test_a_set_and_its_overrides_survive_a_reconnect(tmp_path, class_essays, engine, trotsky):
    path = tmp_path / "db.sqlite3"
    with closing(cls.open_db(path)) as db:
        set_id = cls.create_set(db, "  12B   mock ", trotsky.id, class_essays)
        cls.save_results(db, set_id, mark_batch(class_essays, trotsky, engine))
        cls.set_override(db, set_id, 0, "testament", "missing", "only names the document")
        cls.set_override(db, set_id, 0, cls.MARK, 12, "generous elsewhere", trotsky.marks)
        cls.set_reviewed(db, set_id, 1, True)
    with closing(cls.open_db(path)) as db:
        [found] = cls.list_sets(db)
        assert (found.name, found.rubric_id, found.essays) == ("12B mock", "trotsky-errors", len(class_essays))
        stored = cls.essays(db, set_id)
        assert [e.student for e in stored] == [e.student for e in class_essays]
        assert stored[1].reviewed and not stored[0].reviewed
        mine = cls.overrides(db, set_id)[0]
        assert mine["testament"].value == "missing" and mine["testament"].reason == "only names the document"
        assert mine[cls.MARK].value == "12"
        assert db.execute("SELECT count(*) FROM class_essays WHERE report_json IS NOT NULL").fetchone()[0] > 0


@pytest.mark.parametrize("target, value, reason, problem", [
    ("testament", "made", "x", "status must be one of"),
    ("testament", "covered", "  ", "give a reason"),
    (cls.MARK, "30", "x", "from 0 to 25"),
    (cls.MARK, "ten", "x", "whole number"),
])
def test_bad_overrides_are_refused_with_a_reason(db, class_essays, target, value, reason, problem):
    set_id = cls.create_set(db, "set", "trotsky-errors", class_essays)
    with pytest.raises(cls.OverrideError, match=problem):
        cls.set_override(db, set_id, 0, target, value, reason, max_mark=25)
    assert cls.overrides(db, set_id) == {}


def test_teacher_labels_follow_reviews_and_overrides(db, class_essays, engine, trotsky):
    set_id = cls.create_set(db, "set", trotsky.id, class_essays)
    rows = mark_batch(class_essays, trotsky, engine)
    reports = {i: r.report for i, r in enumerate(rows) if r.report}
    cls.set_reviewed(db, set_id, 0, True)
    cls.set_override(db, set_id, 0, "funeral", "missing", "wrong event")
    cls.set_override(db, set_id, 1, cls.MARK, 9, "weak", trotsky.marks)
    labels = cls.teacher_labels(cls.essays(db, set_id), reports, cls.overrides(db, set_id))
    assert [l.student for l in labels] == [class_essays[0].student, class_essays[1].student]
    first, second = labels
    # Reviewed: every point labelled, the engine's "covered" as 1 unless overridden.
    assert set(first.points) == {p.id for p in trotsky.points}
    assert first.points["funeral"] == 0
    engine_covered = {p.id for p in reports[0].points if p.status == "covered"} - {"funeral"}
    assert {k for k, v in first.points.items() if v} == engine_covered
    assert first.mark == reports[0].mark
    # Only overridden: just the mark.
    assert second.points == {} and second.mark == 9


def test_deleting_a_set_removes_its_essays_and_overrides(db, class_essays):
    set_id = cls.create_set(db, "set", "trotsky-errors", class_essays)
    cls.set_override(db, set_id, 0, "funeral", "covered", "fine")
    cls.delete_set(db, set_id)
    assert cls.list_sets(db) == [] and cls.essays(db, set_id) == [] and cls.overrides(db, set_id) == {}
