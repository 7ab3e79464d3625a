"""The engine end to end on the real seeds and shipped rubrics."""
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from resources import KEYWORDS, OFF_TOPIC, TROTSKY_MISSPELT, TROTSKY_STRONG

from essaycoach import grade, load_rubric
from essaycoach.engine import MAX_ESSAY_CHARS, clip_essay
from essaycoach.report import STATUSES
from essaycoach.sentence_form import is_unfinished
from essaycoach.sentences import split_sentences

ONE_SIDED = """Trotsky made lots of errors. He did not press for Lenin's testament to be published even
though it called Stalin rude. He missed Lenin's funeral in January 1924 so Stalin looked like the true heir.
He was overconfident and arrogant and thought his role in the October Revolution and the Civil War would
be enough. He joined Zinoviev and Kamenev in the United Opposition in 1926 which looked opportunistic.
He failed to stop his expulsion from the party in 1927. Overall it was all Trotsky's fault."""


def made(report):
    return {p.id for p in report.points if p.status != "missing"}


def test_strong_essay_makes_points_on_both_sides(engine, trotsky):
    report = engine.grade(TROTSKY_STRONG, trotsky, "Amy")
    assert {"testament", "funeral", "general-secretary", "socialism-one-country"} <= made(report)
    assert report.balance in ("balanced", "leans for", "leans against")
    assert report.judgement == "reasoned"
    for p in report.points:
        if p.span:
            assert TROTSKY_STRONG[p.span[0]:p.span[1]] == p.sentence


def test_misspellings_and_paraphrase_still_count(engine, trotsky):
    report = engine.grade(TROTSKY_MISSPELT, trotsky)
    assert {"testament", "funeral", "general-secretary"} <= made(report)


def test_one_sided_essay(engine, trotsky):
    report = engine.grade(ONE_SIDED, trotsky)
    assert report.balance in ("one-sided (for)", "leans for")
    assert not [p for p in report.points if p.side == "against" and p.status == "covered"]
    assert report.level <= len(trotsky.levels) - 2


def test_off_topic_essay_is_flagged_and_low(engine, trotsky):
    report = engine.grade(OFF_TOPIC, trotsky)
    assert "off-topic" in {w.code for w in report.warnings}
    assert report.level <= 1


def test_keyword_list_is_flagged_and_capped(engine, trotsky):
    report = engine.grade(KEYWORDS, trotsky)
    assert "keyword-list" in {w.code for w in report.warnings}
    assert report.level <= 2


def test_missing_points_say_where_to_read(engine, trotsky):
    report = engine.grade("Stalin was General Secretary and appointed his supporters.", trotsky)
    missing = [p for p in report.points if p.status == "missing"]
    assert missing
    for p in missing:
        assert p.sentence is None
        assert p.citation and ":" in p.citation and p.evidence


@pytest.mark.parametrize("text", ["", "   \n\t  "])
def test_empty_essay(engine, trotsky, text):
    report = engine.grade(text, trotsky)
    assert (report.level, report.mark, report.words) == (0, 0, 0)
    assert [w.code for w in report.warnings] == ["empty"]
    assert all(p.status == "missing" for p in report.points)


def test_huge_essay_is_truncated_not_fatal(engine, trotsky):
    report = engine.grade(TROTSKY_STRONG * 4000, trotsky)  # ~4.5 MB
    assert report.warnings[0].code == "too-long"
    assert report.words <= MAX_ESSAY_CHARS


def test_an_essay_cut_mid_sentence_by_the_marker_is_not_called_unfinished(engine, trotsky):
    pasted = (TROTSKY_STRONG + "\n\n") * 200
    # Start the paste so that its cut falls just after "the": a sentence ending so looks broken off.
    ends = (m.end() for m in re.finditer(r" the\b", pasted) if m.end() > MAX_ESSAY_CHARS)
    pasted = next(pasted[e - MAX_ESSAY_CHARS:] for e in ends if not pasted[e - MAX_ESSAY_CHARS].isspace())
    text, cut = clip_essay(pasted)
    assert cut and is_unfinished(split_sentences(text)[-1].text)
    report = engine.grade(pasted, trotsky)
    assert "unfinished" not in [w.code for w in report.warnings]   # its writer did finish it
    assert not any(p.why and "stops before" in p.why for p in report.points)
    assert "unfinished" in [w.code for w in engine.grade(text, trotsky).warnings]   # the same text, written so


def test_same_input_same_output(engine, trotsky):
    assert engine.grade(TROTSKY_STRONG, trotsky) == engine.grade(TROTSKY_STRONG, trotsky)


def test_public_api_default_engine():
    report = grade(TROTSKY_MISSPELT, load_rubric("trotsky-errors"))
    assert report.rubric == "trotsky-errors" and report.max_mark == 25


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=600))
def test_any_text_gives_a_consistent_report(engine, trotsky, text):
    report = engine.grade(text, trotsky)
    assert all(p.status in STATUSES and 0.0 <= p.score <= 1.0 for p in report.points)
    assert 0.0 <= report.coverage <= 1.0
    assert 0 <= report.level <= len(trotsky.levels)
    if report.level == 0:
        assert report.mark == 0
    else:
        band = trotsky.levels[report.level - 1]
        assert band.low <= report.mark <= band.high


@pytest.mark.parametrize("text", ["", "  ", "one", " Stalin  won \n\n1924\t", "a\x1cb\x1fc\x0bd\x0ce\r\nf",
                                  "caf\u00e9 au\u00a0lait\u2003ok", "- Trotsky\n- Lenin"])
def test_word_count_is_what_split_counts(engine, trotsky, text):
    assert engine.grade(text, trotsky).words == len(text.split())


def test_two_sentence_essay_with_bm25_pitfall(engine, trotsky):
    # A term in one of two sentences would get zero IDF from a per-essay BM25Okapi.
    report = engine.grade("Lenin's testament said Stalin was rude. Trotsky never published it.", trotsky)
    assert next(p for p in report.points if p.id == "testament").status == "covered"


@pytest.mark.parametrize("essay, rubric, error", [
    (None, "trotsky-errors", "grade() takes the essay as text (str), not NoneType"),
    (b"Trotsky missed the funeral.", "trotsky-errors", "decode bytes first"),
    (["Trotsky missed the funeral."], "trotsky-errors", "not list"),
    ("Trotsky missed the funeral.", 7, "takes a Rubric (see load_rubric) or a rubric id, not int"),
])
def test_grade_refuses_what_it_cannot_mark_by_name(essay, rubric, error):
    """None had been marked as "too short: 1 word", bytes by their printed form b'...'."""
    with pytest.raises(TypeError, match=re.escape(error)):
        grade(essay, rubric)


def test_grade_takes_a_rubric_id():
    assert grade(TROTSKY_STRONG, "trotsky-errors") == grade(TROTSKY_STRONG, load_rubric("trotsky-errors"))
