"""The status table is the one vocabulary every view reads: credit, label, symbol, text mark."""
import pytest
from resources import KEYWORDS, TROTSKY_MISSPELT, TROTSKY_STRONG

from essaycoach.report import (
    COPIED,
    CREDIT,
    CREDITED_LIKE,
    IN_PASSING_CHECK,
    NEAR,
    ONE_WORD,
    STATUS,
    STATUSES,
    PointResult,
    level_name,
    only_just,
    partly_label,
    render_text,
)


def test_statuses_are_best_first_and_told_apart():
    credits = [STATUS[s].credit for s in STATUSES]
    assert credits == sorted(credits, reverse=True) and len(set(credits)) == len(credits) == 3
    for field in ("label", "symbol", "text_mark"):
        assert len({getattr(s, field) for s in STATUS.values()}) == len(STATUS), field
    assert all(s.label.startswith(s.symbol) and s.name in s.label for s in STATUS.values())
    assert {s: STATUS[s].credit for s in STATUSES} == CREDIT


@pytest.mark.parametrize("essay", [TROTSKY_STRONG, TROTSKY_MISSPELT, KEYWORDS],
                         ids=["strong", "misspelt", "keywords"])
def test_coverage_is_the_weighted_credit_of_the_statuses(engine, trotsky, essay):
    """A partial point earns its status's half, but none when its sentence seems to say the
    opposite (its teacher checks it first)."""
    report = engine.grade(essay, trotsky)
    weights = sum(p.weight for p in report.points)
    credit = [0.0 if p.status == "partial" and partly_label(p) == "Check this" else STATUS[p.status].credit
              for p in report.points]
    assert report.coverage == pytest.approx(sum(p.weight * c for p, c in zip(report.points, credit)) / weights)
    assert [p["credit"] for p in report.to_dict()["points"]] == credit   # the JSON says what each point earns
    lines = render_text(report).splitlines()
    for p in report.points:
        assert any(line.startswith(f"{STATUS[p.status].text_mark} {p.id} (") for line in lines), p.id


@pytest.mark.parametrize("sentence, status, credit", [
    ("Trotsky missed Lenin's funeral in January 1924.", "covered", 1.0),
    ("Trotsky did not miss Lenin's funeral in January 1924.", "partial", 0.0),   # its opposite earns nothing
])
def test_the_json_says_what_a_point_earns(engine, trotsky, sentence, status, credit):
    point = next(p for p in engine.grade(sentence, trotsky).to_dict()["points"] if p["id"] == "funeral")
    assert (point["status"], point["credit"]) == (status, credit)


def test_a_credit_the_second_look_took_back_says_why_to_the_teacher(engine):
    """Probes 56-58: points left missing at a score of 0.94 with no reason a teacher could see."""
    from conftest import ROOT

    from essaycoach.loaders import read_rubric_file
    rubric = read_rubric_file(ROOT / "tests" / "data" / "teacher" / "bio-resistance.yaml")
    sentence = "The bacteria that are not resistant are killed by the antibiotic."
    report = engine.grade(sentence, rubric)
    point = next(p for p in report.points if p.id == "non-resistant-killed")
    assert point.status == "missing" and point.score >= 0.45 and point.sentence is None
    assert sentence in point.why and "not credited" in point.why
    assert f"      {point.why}" in render_text(report).splitlines()      # the teacher's text, not "only partly"
    assert all(p.why is None for p in report.points if p.status == "missing" and p.score < 0.3)


@pytest.mark.parametrize("prompt", ["trotsky-errors", "cult-propaganda", "purge-necessary", "destalinization-causes"])
def test_a_stored_report_comes_back_as_it_was_marked(engine, prompt):
    """Practice history, class sets and assignments show reports rebuilt from their stored form:
    every verdict, reason to check, note title and 'only partly' reason must survive."""
    from conftest import ROOT

    from essaycoach.attempts import report_from_dict
    from essaycoach.evaluation import load_labelled
    from essaycoach.loaders import load_rubric

    rubric = load_rubric(prompt, ROOT / "rubrics")
    essays = load_labelled(ROOT / "tests" / "data" / "devset" / f"{prompt}.yaml")
    reports = engine.grade_many([(e.student, e.text) for e in essays], rubric)
    assert any(p.check for r in reports for p in r.points) and any(p.why for r in reports for p in r.points)
    def shown(r):  # what the views show (the stored form rounds scores); covered points keep their
        # evidence too: a teacher may rule one down, and the student is then told where to read
        return [(p.id, p.status, p.sentence, p.span, p.borderline, p.check, p.doubt, p.why, p.source_label, p.evidence)
                for p in r.points], (r.level, r.mark, r.balance, r.judgement, r.warnings)

    for report in reports:
        assert shown(report_from_dict(report.to_dict(), rubric)) == shown(report)


def test_a_report_crosses_between_processes_whole(engine, trotsky):
    """A class set marked on every core sends its reports back pickled (batch.grade_in_parallel):
    each comes back equal, flags, sides and every field of every point included."""
    import pickle
    from dataclasses import fields

    reports = engine.grade_many([("a", TROTSKY_STRONG), ("b", KEYWORDS), ("c", "")], trotsky)
    assert any(r.warnings for r in reports) and any(p.check for r in reports for p in r.points)
    for report in reports:
        back = pickle.loads(pickle.dumps(report))
        assert back == report and type(back) is type(report)
        assert [[getattr(p, f.name) for f in fields(p)] for p in back.points] == \
            [[getattr(p, f.name) for f in fields(p)] for p in report.points]


@pytest.mark.parametrize("level, name", [(0, "below level 1"), (1, "level 1"), (5, "level 5")])
def test_every_view_names_a_level_one_way(level, name):
    assert level_name(level) == name


def test_a_flag_is_named_before_its_message_in_the_text_and_the_html_page(engine, trotsky):
    """A walk: the student's page read "⚠ Warning: 15 words; ..." where the app says "Too short"."""
    from essaycoach.exports import feedback_html
    from essaycoach.report import render_text

    report = engine.grade("Trotsky missed Lenin's funeral and Stalin won the power struggle.", trotsky)
    assert "too-short" in {w.code for w in report.warnings}
    assert "! Too short: " in render_text(report)
    assert "<b>⚠ Too short:</b> " in feedback_html(report, "essay", trotsky)


def test_text_tells_a_point_said_the_other_way_round_earns_nothing(engine, trotsky):
    """Four probes read '0 made, 2 partly' and '(partial 0.75) only partly: ... the opposite' as half
    credit, where the mark gave none: the text says so, as the app does."""
    from essaycoach.report import UNCREDITED, render_text, says_otherwise

    report = engine.grade("Stalin did not control appointments to the party.", trotsky)
    doubted = [p for p in report.points if says_otherwise(p)]
    assert doubted
    text = render_text(report)
    assert "seem to say the opposite" in text and "only partly: " + doubted[0].why not in text
    assert f"{doubted[0].id} (" in text and "partial, not credited " in text
    assert text.count(doubted[0].why) == 1 and UNCREDITED in text


@pytest.mark.parametrize("side", ["neutral", "for"])
def test_text_names_sides_as_the_app_does(engine, trotsky, side):
    """A re-check's finding: the CLI printed 'for: 4 made...' for a question the app shows as 'Points'."""
    from dataclasses import replace

    explain = replace(trotsky, points=tuple(replace(p, side=side) for p in trotsky.points))
    text = render_text(engine.grade(TROTSKY_STRONG, explain))
    assert "\n  Points: " in text and f"({side}, " not in text
    two_sided = render_text(engine.grade(TROTSKY_STRONG, trotsky))
    assert "\n  Case for: " in two_sided and "\n  Case against: " in two_sided and "(Case for, " in two_sided


@pytest.mark.parametrize("status, check, told", [
    # each reason the engine would have a teacher check a credit, told as what to do
    ("covered", ONE_WORD.format(word=" (\u201cwest\u201d)"),
     "only just: it shares a single word with the point (\u201cwest\u201d); say more of what the point says."),
    ("covered", COPIED, "only just: it is in the mark scheme's own words; explain the point in your own."),
    ("covered", IN_PASSING_CHECK,
     "only just: your sentence argues the other side; give this point a sentence of its own."),
    ("covered", NEAR, "only just: a marker might not count it; state the point more fully."),
    ("covered", CREDITED_LIKE, None),      # the teacher's own credited wording vouches for it
    ("covered", None, None),
    ("partial", "the sentence seems to say the opposite of the point", None),  # said as partial already
])
def test_a_student_is_told_why_a_credit_is_only_just(status, check, told):
    point = PointResult("p", "for", "A point.", 1.0, status, 0.5, "A sentence.", (0, 11), None, None,
                        check is not None, check)
    assert only_just(point) == told


@pytest.mark.parametrize("why, label", [
    ("the sentence seems to say the opposite of the point (the word 'not')", "Check this"),
    ("it touches on the point without stating it fully", "Only partly"),
    (None, "Only partly"),
    # said of the subject another point is about: no part of this point either
    ("it says this of \u201cSheila\u201d, where the point is about \u201cGerald\u201d", "Check this"),
])
def test_a_partial_point_that_says_the_opposite_is_not_called_partly_made(why, label):
    """Walk 46 read "Only partly: the sentence seems to say the opposite of the point"."""
    from essaycoach.report import partly_label

    point = PointResult("p", "for", "Stalin controlled appointments.", 1.0, "partial", 0.5, "x", (0, 1), None, None,
                        why=why)
    assert partly_label(point) == label


def test_a_point_said_the_other_way_round_is_shown_and_earns_nothing(engine, trotsky):
    """ "Stalin did not control appointments" names the point to check, and the student and the
    teacher are told it counts for nothing until a teacher credits it."""
    from essaycoach.report import UNCREDITED, credit_of, says_otherwise

    report = engine.grade("As General Secretary Stalin did not control party appointments.", trotsky)
    [turned] = [p for p in report.points if says_otherwise(p)]
    assert turned.id == "general-secretary" and turned.status == "partial" and credit_of(turned) == 0.0
    assert report.coverage == 0.0
    assert UNCREDITED in render_text(report)
    # shown among the side's partial points (so its counts add up), made nothing of
    [side] = [s for s in report.sides if s.side == turned.side]
    assert (side.partial, side.doubted, side.made, side.share) == (1, 1, 0.0, 0.0)
