"""Learning inside a class set (issue 12): after the teacher has marked some dev-set essays,
"re-mark the rest with what was learnt" previews what would change (the figures are those of
``learn.remark_preview`` over the same essays), Apply re-marks only the essays not reviewed and
survives a restart, and Cancel changes nothing. Driven by widget keys, the real engine, the
shipped rubrics and a fresh database per test."""
from __future__ import annotations

import csv
import io
import re
from contextlib import closing
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from essaycoach import class_lessons
from essaycoach import classes as cls
from essaycoach.evaluation import load_labelled
from essaycoach.learn import learn_exemplars, remark_preview
from essaycoach.loaders import load_rubric
from essaycoach.markup import escape_markdown as markdown_text
from essaycoach.thresholds import Calibration

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "app_pages" / "class_marking.py"
PROMPT = "purge-necessary"
DEV = load_labelled(ROOT / "tests" / "data" / "devset" / f"{PROMPT}.yaml")
MARKED = 3   # the teacher reviews the first three essays, with the dev set's labels as their verdicts


@pytest.fixture(autouse=True)
def folders(rubric_copy) -> Path:
    return rubric_copy


def _dev_csv() -> str:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(["student", "essay"])
    writer.writerows([(e.student, e.text) for e in DEV])
    return buf.getvalue()


def _set_id() -> int:
    with closing(cls.open_db()) as db:
        [found] = cls.list_sets(db)
    return found.id


def _names() -> list[str]:
    with closing(cls.open_db()) as db:
        return cls.student_labels(cls.essays(db, _set_id()))


def _reports() -> dict:
    with closing(cls.open_db()) as db:
        return {row: r.to_dict() for row, r in cls.stored_reports(db, _set_id()).items()}


def _marked_set(reviewed: int = MARKED) -> AppTest:
    """The dev set marked, and the first ``reviewed`` essays marked by the teacher as the dev set's
    labels say (an override where the engine disagrees, then "I have checked this essay")."""
    at = AppTest.from_file(str(PAGE), default_timeout=90).run()
    at.selectbox(key="class_rubric").select(PROMPT)
    at.text_area(key="class_paste").input(_dev_csv())
    at.button(key="class_mark").click().run()
    assert not at.exception
    set_id = _set_id()
    with closing(cls.open_db()) as db:
        reports = cls.stored_reports(db, set_id)
        for row, essay in enumerate(DEV[:reviewed]):
            engine_said = {p.id: p.status for p in reports[row].points}
            verdicts = {pid: ("covered" if made else "missing", "dev-set label")
                        for pid, made in dict(essay.labels).items()
                        if (engine_said[pid] == "covered") != bool(made)}
            cls.save_marking(db, set_id, row, cls.Marking(verdicts, None, True))
    return at.run()


def _expected(engine):
    """What remark_preview says about the essays not reviewed, computed here from the parts."""
    rubric = load_rubric(PROMPT)
    set_id = _set_id()
    with closing(cls.open_db()) as db:
        labels = cls.teacher_labels(db, set_id, rubric)
        reports = cls.stored_reports(db, set_id)
        stored = cls.essays(db, set_id)
        overridden = cls.overrides(db, set_id)
    names = cls.student_labels(stored)
    rows = {names.index(label.student): label for label in labels}
    learnt = learn_exemplars(engine, rubric, [reports[r] for r in rows], list(rows.values()))
    todo = [e.row for e in stored if not e.reviewed and e.row in reports]
    after = engine.grade_many([(names[r], stored[r].text) for r in todo], rubric,
                              calibration=Calibration(rubric.id, (), (), 0, "", learnt))
    return todo, after, remark_preview([reports[r] for r in todo], after,
                                       [{t: o.value for t, o in overridden.get(r, {}).items() if t != cls.MARK}
                                        for r in todo])


def test_nothing_to_learn_before_the_teacher_has_marked_an_essay():
    at = _marked_set(reviewed=0)
    assert at.button(key="class_remark").disabled
    assert "Review or override an essay first" in at.button(key="class_remark").help


def test_the_preview_shows_what_remark_preview_computes(engine):
    at = _marked_set()
    assert not at.button(key="class_remark").disabled
    before = _reports()
    at.button(key="class_remark").click().run()
    assert not at.exception
    todo, _, expected = _expected(engine)
    assert expected.changes, "the dev set should give the preview something to show"
    assert expected.gaining + expected.losing > 0
    shown = [m.value for m in at.info] + [m.value for m in at.success]
    assert expected.summary() in shown
    marks = [m.value.split("\n")[0] for m in at.markdown if "engine's mark" in m.value]
    assert marks and all(("→" in line) != ("unchanged" in line) for line in marks)   # a mark that stays says so
    assert f"; {len(todo)} essays you have not reviewed would be re-marked" in next(
        m.value for m in at.markdown if m.value.startswith("**What re-marking would change**"))
    listed = "\n".join(m.value for m in at.markdown)
    for change in expected.changes:   # each essay, point and sentence, escaped for Markdown
        assert f"**{markdown_text(change.student)}** · engine's mark" in listed
        assert f"- {markdown_text(change.point)}: " in listed
        if change.sentence:
            assert markdown_text(change.sentence) in listed
    assert _reports() == before   # a preview changes nothing
    with closing(cls.open_db()) as db:
        assert class_lessons.lessons(db, _set_id()).rounds == ()


def test_the_preview_shows_a_change_under_the_teachers_own_verdict_and_mark(engine):
    """An essay not yet reviewed whose point the teacher ruled on: the engine's verdict there
    changes no credit, but it moves the engine's mark, so it is listed with the teacher's verdict
    (a browser walk saw "gains credit" beside a falling engine's mark, its cause unlisted)."""
    at = _marked_set()
    _, _, plain = _expected(engine)
    change = plain.changes[0]
    row = _names().index(change.student)
    ruled = "missing" if change.after != "missing" else "covered"
    with closing(cls.open_db()) as db:
        cls.save_marking(db, _set_id(), row, cls.Marking({change.point: (ruled, "my reading")}, (7, "my mark")))
    at.run()
    at.button(key="class_remark").click().run()
    assert not at.exception
    _, _, expected = _expected(engine)
    under = [c for c in expected.changes if c.teacher is not None]
    assert under, "the teacher's verdict should sit on a point the re-marking changes"
    listed = "\n".join(m.value for m in at.markdown)
    for c in under:
        assert f"- {markdown_text(c.point)}: " in listed
    assert "(the engine's; your verdict, " in listed and ", stands)" in listed
    assert f"**{markdown_text(change.student)}** · engine's mark" in listed and "; your mark, 7, stands" in listed
    assert expected.summary() in [m.value for m in at.info] + [m.value for m in at.success]


def test_apply_re_marks_only_the_essays_not_reviewed_and_survives_a_restart(engine):
    at = _marked_set()
    before = _reports()
    at.button(key="class_remark").click().run()
    todo, after, _ = _expected(engine)
    at.button(key="class_remark_apply").click().run()
    assert not at.exception and not at.error
    now = _reports()
    for row in range(MARKED):   # what the teacher reviewed stands untouched
        assert now[row] == before[row]
    changed = {row for row in todo if now[row] != before[row]}
    assert changed and changed <= set(todo)
    for row, report in zip(todo, after):   # the essays not reviewed are as the preview said
        assert [(p["id"], p["status"]) for p in now[row]["points"]] == [(p.id, p.status) for p in report.points]
    with closing(cls.open_db()) as db:
        lessons = class_lessons.lessons(db, _set_id())
    assert len(lessons.rounds) == 1 and {row for row, _ in lessons.essays} == set(todo)
    assert any(re.search(r"\b\d+ essays? marked with what this set learnt", c.value) for c in at.caption)
    assert not any(b.key == "class_remark_apply" for b in at.button)   # the preview has gone
    # why the verdicts changed: the teacher's Apply, not a rubric or calibration changed since
    assert any(i.value.startswith("Re-marked with what was learnt from your marking: the engine's verdicts "
                                  "changed for ") for i in at.info)
    assert not any("rubric and calibration as they are now" in i.value for i in at.info)
    at.run()   # the notice stays until dismissed, and keeps its reason
    assert any(i.value.startswith("Re-marked with what was learnt") for i in at.info)
    table = at.dataframe[0].value if "engine_mark" in at.dataframe[0].value.columns else None
    assert table is not None
    restarted = AppTest.from_file(str(PAGE), default_timeout=90).run()   # a fresh session: nothing in memory
    assert not restarted.exception
    assert list(restarted.dataframe[0].value["engine_mark"]) == list(table["engine_mark"])
    assert _reports() == now


def test_cancel_changes_nothing():
    at = _marked_set()
    before = _reports()
    at.button(key="class_remark").click().run()
    at.button(key="class_remark_cancel").click().run()
    assert not at.exception
    assert not any(b.key in ("class_remark_apply", "class_remark_cancel") for b in at.button)
    assert _reports() == before
    with closing(cls.open_db()) as db:
        assert class_lessons.lessons(db, _set_id()) == class_lessons.Lessons()
