"""What the feedback says of balance, read as the student reads it."""
from __future__ import annotations

from pathlib import Path

import pytest
from rendering import shown
from streamlit.testing.v1 import AppTest

AMY = (Path(__file__).resolve().parents[2] / "examples" / "amy.txt").read_text(encoding="utf-8")


def _feedback(balance: str, text: str) -> None:
    from dataclasses import replace

    from app_pages.feedback_view import render_report
    from essaycoach.loaders import load_rubric
    from essaycoach.project import default_engine

    report = default_engine().grade(text, load_rubric("trotsky-errors"), "Amy")
    render_report(replace(report, balance=balance), text, key_prefix="t")


@pytest.mark.parametrize("balance, says, never", [
    ("underdeveloped (against)", "the case against needs more development", "much stronger"),
    ("underdeveloped (both)", "each needs more development", "much stronger"),
    ("leans for", "one side is much stronger than the other", "needs more development"),
    ("balanced", "you developed both sides", "much stronger"),
])
def test_the_balance_note_names_what_to_do(balance, says, never):
    at = AppTest.from_function(_feedback, args=(balance, AMY), default_timeout=120).run()
    assert not at.exception
    text = " ".join(shown(m.value) for m in at.markdown)
    assert "Balance: " in text and says in text and never not in text


def _unsided(text: str) -> None:
    from dataclasses import replace

    from app_pages.feedback_view import render_report
    from essaycoach.loaders import load_rubric
    from essaycoach.project import default_engine
    from essaycoach.report import SideSummary

    report = default_engine().grade(text, load_rubric("trotsky-errors"), "Amy")
    points = tuple(replace(p, side="neutral") for p in report.points)
    covered = sum(p.status == "covered" for p in points)
    render_report(replace(report, points=points, sides=(SideSummary("neutral", covered, 0, len(points), 0.5, 90),),
                          balance="n/a"), text, key_prefix="t")


def test_a_question_without_sides_lists_its_points_as_points_not_other_points():
    at = AppTest.from_function(_unsided, args=(AMY,), default_timeout=120).run()
    assert not at.exception
    text = " ".join(shown(m.value) for m in at.markdown)
    assert "Points:" in text and "Other points" not in text
    assert "· Points" not in text   # a walk saw "◐ partial · Points" on each point to work on


def _against(rubric_id: str, text: str) -> None:
    from app_pages.feedback_view import render_report
    from essaycoach.loaders import load_rubric
    from essaycoach.project import default_engine

    render_report(default_engine().grade(text, load_rubric(rubric_id), "Amy"), text, key_prefix="t")


def test_an_essay_answering_another_question_is_not_told_to_end_with_a_conclusion():
    """Amy's Trotsky essay under the purge question: flagged off-topic, no judgement on this
    question. Its conclusion answers its own question, so the note says so rather than ask for one."""
    at = AppTest.from_function(_against, args=("purge-necessary", AMY), default_timeout=120).run()
    assert not at.exception
    text = " ".join(shown(m.value) for m in at.markdown)
    assert "answer another question, so it reaches no judgement on this one" in text
    assert "end with a conclusion" not in text


def _another_subject(text: str, path: str) -> None:
    from pathlib import Path

    from app_pages.feedback_view import render_report
    from essaycoach.loaders import read_rubric_file
    from essaycoach.project import default_engine

    rubric = read_rubric_file(Path(path))
    render_report(default_engine().grade(text, rubric, "Amy"), text, key_prefix="t")


def test_a_point_the_notes_do_not_cover_says_so_rather_than_nothing():
    """Issue 10 item 5 in the app, as in the CLI: points with no passage to read say the notes do
    not cover them (a teacher's biology rubric: the history notes cite nothing)."""
    biology = Path(__file__).resolve().parents[1] / "data" / "subjects" / "rubrics" / "enzymes-temperature.yaml"
    at = AppTest.from_function(_another_subject, args=("Enzymes are proteins found in the body.", str(biology)),
                               default_timeout=120).run()
    assert not at.exception
    text = " ".join(shown(m.value) for m in at.markdown)
    # said once above the points, not under each of them (it had been, eight times on a page)
    assert text.count("The course notes do not cover this question's points") == 1, text
    assert "the course notes do not cover this point" not in text
    assert "Read this</b> (" not in text
    # a 6-mark "explain" question weighs no case: no judgement is asked for
    assert "Judgement: • n/a — this question asks you to explain" in text and "end with a conclusion" not in text


def _released(rubric_id: str, text: str) -> None:
    from app_pages.feedback_view import render_report
    from essaycoach.loaders import load_rubric
    from essaycoach.project import default_engine

    render_report(default_engine().grade(text, load_rubric(rubric_id), "Amy"), text, key_prefix="t", teacher=(5, 1))


ONE_WORD_CREDIT = "Many people in the West believed him. The constitution gave everyone rights on paper."


def test_a_credit_the_engine_is_unsure_of_tells_the_student_it_is_only_just():
    """A walk: the teacher's screen flagged "it rests on a single word of the point ('west')", while
    the student practising alone saw a plain "✔ covered"."""
    at = AppTest.from_function(_against, args=("constitution-1936", ONE_WORD_CREDIT), default_timeout=120).run()
    assert not at.exception
    text = " ".join(shown(m.value) for m in at.markdown)
    assert "Points you made" in text and "only just: it shares a single word with the point" in text
    assert "west" in text
    # Once the teacher's mark is released, they have looked: no doubt is passed on.
    at = AppTest.from_function(_released, args=("constitution-1936", ONE_WORD_CREDIT), default_timeout=120).run()
    assert not at.exception and "only just" not in " ".join(shown(m.value) for m in at.markdown)


def test_a_point_said_the_other_way_round_tells_the_student_it_earns_nothing():
    """A sentence that seems to say the opposite of a point counts for nothing until a teacher
    credits it: the student is told so beside its reason, not left to think it earned half."""
    from essaycoach.report import UNCREDITED

    at = AppTest.from_function(_against, args=("trotsky-errors", "As General Secretary Stalin did not control "
                                               "party appointments."), default_timeout=120).run()
    assert not at.exception
    text = " ".join(shown(m.value) for m in at.markdown)
    assert "Check this:" in text and "seems to say the opposite" in text and UNCREDITED in text
