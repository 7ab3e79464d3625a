"""Marking a class set: error rows in place, progress as chunks finish, the engine's own reports."""
from conftest import ROOT

from essaycoach.batch import mark_batch
from essaycoach.evaluation import load_labelled
from essaycoach.inputs import EssayInput

ESSAYS = load_labelled(ROOT / "tests" / "data" / "devset" / "trotsky-errors.yaml")


def test_a_class_set_over_several_chunks(engine, trotsky):
    inputs = [EssayInput(f"{e.student}-{n}", e.text, f"set:{n}") for n in range(13) for e in ESSAYS]
    for at in (0, 70, len(inputs) - 1):  # unreadable essays, first, mid-chunk and last
        inputs.insert(at, EssayInput(f"bad{at}", "", f"bad:{at}", "empty essay"))
    calls: list[tuple[int, int]] = []
    rows = mark_batch(inputs, trotsky, engine, progress=lambda done, total: calls.append((done, total)))
    good = [e for e in inputs if not e.error]
    assert len(good) > 128  # more than two chunks of 64
    assert [(r.student, r.origin, r.error) for r in rows] == [(e.student, e.origin, e.error) for e in inputs]
    assert [r.report for r in rows if not r.error] == engine.grade_many([(e.student, e.text) for e in good], trotsky)
    assert all(r.report is None for r in rows if r.error)
    assert [d for d, _ in calls] == sorted({d for d, _ in calls}) and calls[-1] == (len(inputs), len(inputs))
    assert len(calls) == -(-len(good) // 64) and {t for _, t in calls} == {len(inputs)}


def test_a_set_with_nothing_readable_still_reports_progress(engine, trotsky):
    calls: list[tuple[int, int]] = []
    rows = mark_batch([EssayInput("a", "", "a.txt", "empty essay")], trotsky, engine,
                      progress=lambda done, total: calls.append((done, total)))
    assert [r.error for r in rows] == ["empty essay"] and calls == [(1, 1)]
