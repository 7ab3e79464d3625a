"""Marking a class set: error rows in place, progress as chunks finish, the engine's own reports."""
import os

import pytest
from conftest import ROOT

from essaycoach import batch
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


@pytest.mark.parametrize("fault", [StopIteration, AttributeError, KeyError, ZeroDivisionError])
def test_an_essay_the_engine_fails_on_is_its_own_row_and_the_rest_are_marked(engine, trotsky, monkeypatch, fault):
    """A fault in the engine on one essay (probe 85 found a StopIteration) loses that essay's row,
    named as such, not the class set: whatever the fault's class."""
    inputs = [EssayInput(e.student, e.text, f"{e.student}.txt") for e in ESSAYS[:4]]
    bad = inputs[2].text
    real = type(engine)._report

    def failing(self, essay, how):
        if essay.text == bad:
            raise fault("a fault in the engine")
        return real(self, essay, how)

    monkeypatch.setattr(type(engine), "_report", failing)
    rows = mark_batch(inputs, trotsky, engine)
    assert [r.student for r in rows] == [e.student for e in inputs]
    assert rows[2].report is None and rows[2].error == (f"could not be marked ({fault.__name__}); "
                                                        "please report this essay")
    monkeypatch.undo()
    assert [r.report for i, r in enumerate(rows) if i != 2] == engine.grade_many(
        [(e.student, e.text) for i, e in enumerate(inputs) if i != 2], trotsky)


def _die(lo: int, hi: int) -> list:
    """A forked marker killed mid-set (as the kernel kills one out of memory)."""
    os._exit(1)


def _no_fork(*args, **kwargs):
    raise AssertionError("a small set was sent to other processes")


@pytest.mark.parametrize("kill_a_copy", [False, True])
def test_a_large_set_on_two_processes_gives_the_reports_of_one(engine, trotsky, monkeypatch, kill_a_copy):
    inputs = [EssayInput(f"{e.student}-{n}", e.text, f"set:{n}") for n in range(20) for e in ESSAYS]
    inputs.insert(100, EssayInput("bad", "", "bad.txt", "empty essay"))
    assert len(inputs) > batch.PARALLEL_MIN
    if kill_a_copy:  # its share is marked in this process instead
        monkeypatch.setattr(batch, "_grade_slice", _die)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    pools: list[int] = []
    real = batch.ProcessPoolExecutor
    monkeypatch.setattr(batch, "ProcessPoolExecutor", lambda n, **kw: pools.append(n) or real(n, **kw))
    calls: list[tuple[int, int]] = []
    rows = mark_batch(inputs, trotsky, engine, progress=lambda done, total: calls.append((done, total)), processes=2)
    assert pools == [1]  # one copy forked, beside this process
    assert rows == mark_batch(inputs, trotsky, engine, processes=1)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls) and calls[-1] == (len(inputs), len(inputs))
    assert all(d < len(inputs) for d, _ in calls[:-1])  # done only once the other process's share is in


def test_a_small_set_is_marked_in_this_process(engine, trotsky, monkeypatch):
    monkeypatch.setattr(batch, "ProcessPoolExecutor", _no_fork)
    inputs = [EssayInput(e.student, e.text, "set") for e in ESSAYS]
    assert len(inputs) < batch.PARALLEL_MIN
    rows = mark_batch(inputs, trotsky, engine, processes=8)
    assert [r.report for r in rows] == engine.grade_many([(e.student, e.text) for e in inputs], trotsky)


@pytest.mark.parametrize("item", ["Trotsky missed the funeral.", ("Amy", "Trotsky missed the funeral."), None])
def test_mark_batch_names_what_it_takes_when_given_something_else(engine, trotsky, item):
    with pytest.raises(TypeError, match=f"takes EssayInput items .* not {type(item).__name__}"):
        mark_batch([EssayInput("Ben", "Stalin won.", "b"), item], trotsky, engine)


def test_a_copy_sends_its_reports_whole_whatever_ctrl_c(engine, trotsky, monkeypatch):
    """A copy ended by Ctrl+C part-way through sending its reports left the pool's thread waiting
    for the rest for ever ('mark -j 2' hung now and then in CI, the parent in
    ProcessPoolExecutor.shutdown): once its slice is marked, a copy lets Ctrl+C pass."""
    import signal

    monkeypatch.setattr(batch, "_JOB", (engine, [("a", "Trotsky lost."), ("b", "Stalin won.")], trotsky, None, None))
    before = signal.getsignal(signal.SIGINT)
    try:
        reports = batch._grade_slice(0, 2)
        assert [r.student for r in reports] == ["a", "b"]
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
    finally:
        signal.signal(signal.SIGINT, before)


@pytest.mark.parametrize("names, shared", [
    (["Amy", "Ben", "Cat"], []),
    (["Amy", "Ben", " Amy ", "Ben", "Cat"], ["Amy", "Ben"]),   # in the order they first come, trimmed
    (["", "", "Amy"], []),                                      # blank names are "essay N", not shared
])
def test_shared_names_are_the_names_of_more_than_one_essay(names, shared):
    assert batch.shared_names(names) == shared
