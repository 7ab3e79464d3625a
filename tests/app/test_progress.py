"""The "My attempts" page driven through AppTest over attempts graded by the real engine."""
from __future__ import annotations

from contextlib import closing
from pathlib import Path

import pytest
import yaml
from resources import TROTSKY_MISSPELT, TROTSKY_STRONG
from streamlit.testing.v1 import AppTest

from essaycoach import attempts as att
from essaycoach.markup import escape_markdown

ROOT = Path(__file__).resolve().parents[2]
PROGRESS = ROOT / "app_pages" / "progress.py"


pytestmark = pytest.mark.usefixtures("data_dir")  # each test: its own empty database


@pytest.fixture
def two_attempts(engine, trotsky) -> list[att.Attempt]:
    """Ada's two attempts at trotsky-errors, a day apart (the latest makes a point only partly),
    plus someone else's."""
    with closing(att.open_db()) as db:
        saved = [att.save_attempt(db, "Ada", engine.grade(essay, trotsky, "Ada"), essay, t - 1800, t)
                 for essay, t in ((TROTSKY_STRONG, 1_700_000_000.0), (TROTSKY_MISSPELT, 1_700_086_400.0))]
        att.save_attempt(db, "Bo", engine.grade(TROTSKY_STRONG, trotsky, "Bo"), TROTSKY_STRONG, 0.0, 1.0)
    return saved


def _page(name: str | None = None) -> AppTest:
    at = AppTest.from_file(str(PROGRESS), default_timeout=60).run()
    if name is not None:
        at.text_input(key="progress_student").input(name).run()
    return at


def test_asks_for_a_name_first():
    at = _page()
    assert not at.exception
    assert any("Type your name" in i.value for i in at.info)


def test_no_attempts_yet_says_so():
    at = _page("Nobody")
    assert any("No submitted attempts for Nobody" in i.value for i in at.info)


def test_attempts_appear_with_marks_and_missed_points(two_attempts):
    at = _page("ada")  # names match whatever the case
    assert not at.exception
    assert at.selectbox(key="progress_rubric").value == "trotsky-errors"
    metrics = {m.label: m.value for m in at.metric}
    first, latest = two_attempts
    assert metrics["Attempts"] == "2"
    assert metrics["Latest mark"] == f"{latest.mark} / 25"
    assert metrics["Best mark"] == f"{max(first.mark, latest.mark)} / 25"
    assert len(at.get("vega_lite_chart")) >= 2  # marks attempt by attempt: all prompts, this prompt

    # AppTest does not expose dataframe keys: tell the two tables apart by their columns.
    tables = [d.value for d in at.dataframe]
    attempts_table = next(t for t in tables if "words" in t.columns)
    assert list(attempts_table["mark"]) == [first.mark, latest.mark]  # oldest first
    # The missed points: a table whose text wraps (a data grid cut each point off after a few words).
    # It lists every point (made ones too), so its heading says so rather than "points you keep missing".
    assert any(m.value == "#### Every point, the most often missed first" for m in at.markdown)
    missed = next(t.value for t in at.table if "missed in" in t.value.columns)
    with closing(att.open_db()) as db:
        expected = att.missed_points(db, "Ada", "trotsky-errors")
    assert list(missed["missed in"]) == [f"{m.misses} of 2 attempts" for m in expected]
    # How each point stands in the latest attempt: a point missed once and made since is not "missed".
    from app_pages.feedback_view import STATUS_LABEL

    now = {p.id: p.status for p in latest.report(None).points}
    assert list(missed["latest attempt"]) == [STATUS_LABEL[now[m.point_id]] for m in expected]
    assert list(missed["partly made in"]) == [f"{m.partial} of 2 attempts" for m in expected]
    # a point the feedback called partly made is counted so, not as made (the walk saw it so)
    assert any(m.partial for m in expected) and STATUS_LABEL["partial"] in set(missed["latest attempt"])
    # escaped: a table's cells are Markdown
    assert list(missed["what the point says"]) == [escape_markdown(m.text) for m in expected]
    assert all(m.text for m in expected)
    assert any(m.misses for m in expected)  # two short essays cannot make every point


def test_a_past_attempt_can_be_reopened(two_attempts):
    at = _page("Ada")
    first = two_attempts[0]
    # numbered as the chart numbers them, newest first (walk 47: the picker's entries had no number)
    assert [o.split(" · ")[0] for o in at.selectbox(key="progress_attempt").options] == ["Attempt 2", "Attempt 1"]
    at.selectbox(key="progress_attempt").select(first.id).run()
    assert not at.exception
    text = "\n".join(m.value for m in at.markdown)
    assert "<mark" in text and "✔ covered:" in text
    assert f"{first.mark} / 25" in [m.value for m in at.metric if m.label == "Estimated mark"]


def test_a_reopened_attempt_shows_the_question_and_points_as_they_were_marked(engine, trotsky, rubric_copy):
    with closing(att.open_db()) as db:
        first = att.save_attempt(db, "Ada", engine.grade(TROTSKY_STRONG, trotsky, "Ada"), TROTSKY_STRONG, 0.0, 1.0)
    path = rubric_copy / "trotsky-errors.yaml"  # the teacher then rewords the question and a point
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["question"] = "A NEW QUESTION the student never answered?"
    data["points"][0]["text"] = "A NEW WORDING of the first point."
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")

    at = _page("Ada")
    at.selectbox(key="progress_attempt").select(first.id).run()
    assert not at.exception
    text = "\n".join(m.value for m in at.markdown)
    assert "Stalin’s success in the power struggle" in text and "Trotsky was overconfident" in text
    assert "A NEW QUESTION" not in text and "A NEW WORDING" not in text


def test_name_carries_over_from_the_practice_page(two_attempts):
    at = AppTest.from_file(str(PROGRESS), default_timeout=60)
    at.session_state["student_name"] = "Ada"
    at.run()
    assert at.text_input(key="progress_student").value == "Ada"
    assert {m.label: m.value for m in at.metric}["Attempts"] == "2"


def test_unfinished_drafts_are_listed():
    with closing(att.open_db()) as db:
        att.save_draft(db, "Ada", "trotsky-errors", "Half an essay here.", 1.0)
    at = _page("Ada")
    assert any("Unfinished drafts" in i.value and "4 words" in i.value for i in at.info)


def _spec(at: AppTest, n: int = 0) -> dict:
    import json
    return json.loads(at.get("vega_lite_chart")[n].proto.spec)


def test_attempts_on_one_day_sit_side_by_side(engine, trotsky):
    """Three attempts in one afternoon are attempts 1, 2 and 3 on the x axis, not one date."""
    with closing(att.open_db()) as db:
        for n, essay in enumerate((TROTSKY_MISSPELT, TROTSKY_STRONG, TROTSKY_STRONG)):
            t = 1_700_000_000.0 + 3600 * n
            att.save_attempt(db, "Cy", engine.grade(essay, trotsky, "Cy"), essay, t - 1800, t)
    at = _page("Cy")
    assert not at.exception
    for n in (0, 1):                                           # all prompts, and this prompt
        spec = _spec(at, n)
        x = spec["encoding"]["x"]
        # placed by attempt (set a little apart per prompt), ticked and hovered by attempt number
        assert x["field"] == "position" and x["axis"]["values"] == [1, 2, 3]
        assert "attempt" in [t.get("field") for t in spec["encoding"]["tooltip"]]
        assert any(t.get("field") == "submitted" for t in spec["encoding"]["tooltip"])  # the date, on hover
    attempts_table = next(d.value for d in at.dataframe if "words" in d.value.columns)
    assert list(attempts_table["attempt"]) == [1, 2, 3]
    assert at.selectbox(key="progress_rubric").format_func("trotsky-errors") == trotsky.title


def test_one_attempt_still_has_a_readable_axis(engine, trotsky):
    with closing(att.open_db()) as db:
        att.save_attempt(db, "Di", engine.grade(TROTSKY_STRONG, trotsky, "Di"), TROTSKY_STRONG, 0.0, 1.0)
    x = _spec(_page("Di"))["encoding"]["x"]
    assert x["axis"]["values"] == [1] and x["scale"]["domain"][0] < 1 < x["scale"]["domain"][1]


def test_full_prompt_titles_sit_in_a_table_beside_the_chart(two_attempts, trotsky):
    at = _page("Ada")
    summary = next(d.value for d in at.dataframe if "best" in d.value.columns)
    assert list(summary["prompt"]) == [trotsky.title]          # the whole title, not cut by a legend
    assert list(summary["attempts"]) == ["2 attempts"]
    latest = two_attempts[-1]
    assert list(summary["latest"]) == [f"{round(100 * latest.mark / 25)} %"]
    color = _spec(at)["encoding"]["color"]
    assert color["field"] == "line" and color["legend"]["labelLimit"] == 0


def test_the_same_mark_twice_reads_as_no_change_and_level_zero_as_below_one(engine, trotsky):
    with closing(att.open_db()) as db:
        for t in (1_700_000_000.0, 1_700_003_600.0):
            att.save_attempt(db, "Ed", engine.grade("Trotsky.", trotsky, "Ed"), "Trotsky.", t - 60, t)
    at = _page("Ed")
    latest = next(m for m in at.metric if m.label == "Latest mark")
    assert latest.delta == "the same as the attempt before" and latest.proto.direction == latest.proto.NONE
    attempts_table = next(d.value for d in at.dataframe if "words" in d.value.columns)
    assert list(attempts_table["level"]) == ["below 1", "below 1"]


def test_two_prompts_first_attempts_at_the_same_mark_stay_two_points(engine, trotsky):
    """The all-prompts chart sets each prompt's points a little apart, so two prompts' attempt 1
    at the same mark do not hide one another; ticks and tooltips still say attempt 1, 2, ..."""
    from app_pages.progress import MAX_DODGE, _table
    from essaycoach.loaders import load_all_rubrics
    rubrics = {r.id: r for r in load_all_rubrics(ROOT / "rubrics")[0]}
    with closing(att.open_db()) as db:
        for rid in sorted(rubrics)[:4]:
            att.save_attempt(db, "Ada", engine.grade("", rubrics[rid], "Ada"), "", 0.0, 1.0)
            att.save_attempt(db, "Ada", engine.grade("", rubrics[rid], "Ada"), "", 2.0, 3.0)
        table = _table(att.list_attempts(db, "Ada"), rubrics)
    firsts = table[table["attempt"] == 1]
    assert len(firsts) == 4 and firsts["position"].nunique() == 4 and set(firsts["percent"]) == {0}
    assert (table["position"] - table["attempt"]).abs().max() <= MAX_DODGE
    # one prompt's points keep their places relative to each other: its line is not bent
    assert table.groupby("line")["position"].apply(lambda p: (p - p.round()).round(9).nunique()).eq(1).all()


def test_a_point_renamed_since_the_attempts_is_set_apart_with_its_wording(engine, trotsky):
    """An attempt marked before the teacher renamed a point: its old id is listed apart, with the
    wording it was marked on; the renamed point is not in the attempts yet (a walk saw an empty row)."""
    import dataclasses
    report = engine.grade(TROTSKY_STRONG, trotsky, "Ed")
    # The old point's stored wording holds Markdown and HTML: shown as text, escaped.
    old = dataclasses.replace(report, points=tuple(
        dataclasses.replace(p, id="lenins-funeral", text="**Lenin's** <b>funeral</b> [x](http://x)")
        if p.id == "funeral" else p for p in report.points))
    with closing(att.open_db()) as db:
        att.save_attempt(db, "Ed", old, TROTSKY_STRONG, 0.0, 1.0)
    at = _page("Ed")
    assert not at.exception
    now, gone = (t.value for t in at.table if "missed in" in t.value.columns)
    funeral = next(p for p in trotsky.points if p.id == "funeral")
    shown = now.set_index("what the point says")
    assert shown.loc[escape_markdown(funeral.text), "missed in"] == "not in your attempts yet"
    assert list(gone["what the point says"]) == [escape_markdown("**Lenin's** <b>funeral</b> [x](http://x)")]
    assert list(gone["missed in"]) != [""]
    assert any("since removed or reworded" in c.value for c in at.caption)


@pytest.mark.parametrize("essay, said", [
    # an answer saying the opposite of every point: each partly made, none missed, and not
    # praised for making every point "at least partly" (walk 45)
    ("reversed", "No point was missed outright in any attempt; the table shows those only partly made."),
    ("amy", "You have made every point in every attempt."),
])
def test_every_point_made_is_praised_only_when_made_in_full(engine, essay, said):
    from essaycoach.loaders import read_rubric_file

    rubric = read_rubric_file(ROOT / "tests" / "data" / "teacher" / "geog-coasts-hard.yaml")
    text = (ROOT / "tests" / "data" / "teacher" / "essays" / f"geog-coasts-hard-{essay}.txt").read_text(
        encoding="utf-8")
    with closing(att.open_db()) as db:
        att.save_attempt(db, "Ada", engine.grade(text, rubric, "Ada"), text, 0.0, 1.0)
    at = _page("Ada")
    assert at.selectbox(key="progress_rubric").value == rubric.id
    assert said in [*(s.value for s in at.success), *(i.value for i in at.info)]
