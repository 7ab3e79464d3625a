"""Gaming flags and the evidence check, on the real dev-set essays and shipped rubrics.

The adversarial variants are built by ``essaycoach.variants`` (what ``bench/robustness.py`` uses),
with a fixed "coin" so each form (bullets or commas, block or prose, whole or in place) is chosen."""
import math
import random
import re

import pytest
from conftest import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from resources import TROTSKY_STRONG

from essaycoach import flags as fl
from essaycoach import variants as gaming
from essaycoach.evaluation import load_labelled
from essaycoach.flags import run_on_flag
from essaycoach.loaders import read_rubric_file
from essaycoach.match import Matcher
from essaycoach.safeio import load_yaml_text
from essaycoach.sentence_form import misordered_pairs
from essaycoach.sentences import split_sentences
from essaycoach.verdicts import _CAPS, COVERAGE_FOR_TOP

GAMING = ("keyword-list", "jumbled", "pasted-question", "repetition", "off-topic", "not-english")
# genuine prose essays (not keywords / off-topic) with their rubrics
DEV = gaming.prose_essays((ROOT / "tests" / "data" / "devset").glob("*.yaml"), ROOT / "rubrics")
PROSE = [(e, r) for e, r in DEV if e.kind != "short"]
SHORT = [(e, r) for e, r in DEV if e.kind == "short"]
RUBRICS = {r.id: r for _, r in DEV}
SAMPLE = PROSE[::3]  # every third genuine essay: all four prompts, every kind of writer


class Coin(random.Random):
    """A seeded generator whose coin always lands one way (``random()`` is fixed); shuffles and
    positions stay seeded-random."""

    def __init__(self, value: float) -> None:
        super().__init__(0)
        self.value = value

    def random(self) -> float:
        return self.value


BULLETS, PROSE_FORM = Coin(0.0), Coin(0.9)


def ids(cases):
    return [f"{e.id}-{e.kind}" for e, _ in cases]


def codes(report):
    return {w.code for w in report.warnings}


def cap(code, rubric):
    return math.floor(_CAPS[code] * len(rubric.levels))


def ev(sentences, rubric):
    return fl.evidence(sentences, Matcher.tokenize([sentences])[0], rubric)


@pytest.fixture(scope="module")
def originals(engine):
    return {e.id: engine.grade(e.text, r, e.student) for e, r in DEV}


# --- genuine essays are not flagged -------------------------------------------------------------

def test_dev_set_has_genuine_essays_of_every_prompt():
    assert len(PROSE) >= 28 and len(SHORT) == 4 and len(RUBRICS) == 4
    assert {"strong", "average", "misspelt", "paraphrase", "one-sided"} <= {e.kind for e, _ in PROSE}


@pytest.mark.parametrize("essay, rubric", PROSE, ids=ids(PROSE))
def test_genuine_essay_gets_no_gaming_flag(essay, rubric, originals):
    report = originals[essay.id]
    assert not codes(report) & set(GAMING), (report.warnings, essay.kind)
    assert report.level >= 1


@pytest.mark.parametrize("essay, rubric", PROSE, ids=ids(PROSE))
def test_genuine_essay_sets_nothing_aside(essay, rubric):
    assert ev([s.text for s in split_sentences(essay.text)], rubric).texts is None


@pytest.mark.parametrize("essay, rubric", PROSE, ids=ids(PROSE))
def test_restating_the_question_once_is_not_pasting(engine, essay, rubric, originals):
    report = engine.grade(f"{rubric.question}\n\n{essay.text}", rubric)
    assert "pasted-question" not in codes(report)
    assert report.mark <= originals[essay.id].mark


# --- each gaming variant is flagged, capped and never scores above its original -----------------

VARIANTS = {
    "keyword-bullets": ("keyword-list", lambda e, r: gaming.keyword_list(e.text, BULLETS)),
    "keyword-commas": ("keyword-list", lambda e, r: gaming.keyword_list(e.text, PROSE_FORM)),
    "pasted-block": ("pasted-question", lambda e, r: gaming.paste_rubric(e.text, r, BULLETS)),
    "pasted-prose": ("pasted-question", lambda e, r: gaming.paste_rubric(e.text, r, PROSE_FORM)),
    "repeated-whole": ("repetition", lambda e, r: gaming.repeat(e.text, BULLETS)),
    "repeated-in-place": ("repetition", lambda e, r: gaming.repeat(e.text, PROSE_FORM)),
    "jumbled": ("jumbled", lambda e, r: gaming.jumble(e.text, random.Random(7))),  # a coin shuffles nothing
}


@pytest.mark.parametrize("kind", VARIANTS)
@pytest.mark.parametrize("essay, rubric", SAMPLE, ids=ids(SAMPLE))
def test_gaming_variant_is_flagged_and_not_rewarded(engine, essay, rubric, kind, originals):
    code, build = VARIANTS[kind]
    text = build(essay, rubric)
    assert text != essay.text
    report = engine.grade(text, rubric, essay.student)
    assert code in codes(report), (kind, report.warnings)
    assert report.mark <= originals[essay.id].mark
    assert report.level <= cap(code, rubric) < len(rubric.levels)


def test_repeat_variants_really_triple_the_essay():
    essay, _ = SAMPLE[0]
    words = len(essay.text.split())
    assert len(gaming.repeat(essay.text, BULLETS).split()) == 3 * words
    in_place = gaming.repeat(essay.text, PROSE_FORM)
    assert len(in_place.split()) == 3 * words and in_place != gaming.repeat(essay.text, BULLETS)
    first = split_sentences(essay.text)[0].text
    assert in_place.startswith(" ".join([first] * 3))


SWAPS = [(e, RUBRICS[other]) for e, r in SAMPLE for other in sorted(RUBRICS) if other != r.id]


@pytest.mark.parametrize("essay, other", SWAPS, ids=[f"{e.id}-as-{o.id}" for e, o in SWAPS])
def test_essay_marked_against_another_prompt_is_off_topic(engine, essay, other, originals):
    report = engine.grade(essay.text, other, essay.student)
    assert "off-topic" in codes(report)
    assert (report.level, report.mark) == (0, 0) and report.mark <= originals[essay.id].mark
    # An answer to another question, short or not, partly makes none of this one's points, is not
    # "balanced" by half-credits, and is told to answer the question, not to develop its sides.
    assert {p.status for p in report.points} == {"missing"}
    assert report.balance in ("n/a", "no argument yet") and report.coverage == 0
    assert (report.judgement, report.judgement_sentence) == ("none", None)
    assert not any("side" in step for step in report.next_steps), report.next_steps


def test_a_short_answer_to_another_question_keeps_no_credit_judgement_or_balance(engine):
    """A short answer flagged as answering another question (held to the overwhelming fit) gets
    the same consistent feedback as a long one: mark 0, no point partly made, no judgement."""
    flagged = []
    for essay, own in SHORT:
        for other in sorted(RUBRICS):
            if other == own.id:
                continue
            report = engine.grade(essay.text, RUBRICS[other], essay.student)
            if {"off-topic", "too-short"} <= codes(report):
                flagged.append(report)
    assert flagged  # the dev set's short answers, against the other questions
    for report in flagged:
        assert {p.status for p in report.points} == {"missing"} and report.mark == 0
        assert (report.judgement, report.balance) == ("none", "no argument yet")
        assert not any("side" in step for step in report.next_steps), report.next_steps


@pytest.mark.parametrize("essay, rubric", SHORT + SAMPLE, ids=ids(SHORT + SAMPLE))
def test_short_essay_is_too_short(engine, essay, rubric, originals):
    text = essay.text if essay.kind == "short" else " ".join(s.text for s in split_sentences(essay.text)[:3])
    report = engine.grade(text, rubric, essay.student)
    assert "too-short" in codes(report)
    assert report.level <= cap("too-short", rubric) and report.mark <= originals[essay.id].mark


@pytest.mark.parametrize("form", ["\n".join, " ".join, "\n\n".join,
                                  lambda lines: "\n".join("- " + s for s in lines)])
@pytest.mark.parametrize("rubric_id", sorted(RUBRICS))
def test_rubric_pasted_alone_earns_nothing(engine, rubric_id, form):
    rubric = RUBRICS[rubric_id]
    report = engine.grade(form([rubric.question] + [p.text for p in rubric.points]), rubric)
    assert "pasted-question" in codes(report)
    assert report.level <= cap("pasted-question", rubric) < len(rubric.levels)
    assert report.mark <= rubric.levels[0].high


@pytest.mark.parametrize("form", ["\n\n".join, " ".join])
@pytest.mark.parametrize("rubric_id", sorted(RUBRICS))
def test_the_level_descriptors_pasted_earn_nothing(engine, rubric_id, form):
    """A walk: the five level descriptors pasted as an essay earned 9/25 at level 2, and the
    top level's descriptor was quoted back as the student's reasoned judgement."""
    rubric = RUBRICS[rubric_id]
    report = engine.grade(form([b.descriptor for b in rubric.levels]), rubric)
    assert "pasted-question" in codes(report)
    assert report.mark == 0 and report.coverage == 0 and report.judgement == "none", report


@pytest.mark.parametrize("text, notes", [
    # dense prose: few function words, but sentences (a walk saw the first flagged as notes)
    ("Storm surges push sea water inland when pressure is low.", False),
    ("Storm surges push sea water inland when pressure is low. Rising sea levels caused by global warming "
     "make floods worse.", False),
    ("Stalin packed congresses with loyal delegates.", False),
    # notes: lines that do not end as sentences, or a long run of content words
    ("Kirov murder 1934, United Opposition, Trotsky Zinoviev Kamenev, show trials, old Bolsheviks, Rykov", True),
    ("- gen sec 1922\n- packed congresses\n- Trotsky expelled 1927\n- Lenin's funeral missed", True),
])
def test_few_function_words_mark_notes_only_in_lines_that_are_not_sentences(engine, trotsky, text, notes):
    assert ("keyword-list" in codes(engine.grade(text, trotsky))) is notes

@pytest.mark.parametrize("rubric_id", sorted(RUBRICS))
def test_keyword_list_of_the_rubric_alone_stays_low(engine, rubric_id):
    rubric = RUBRICS[rubric_id]
    pasted = " ".join([rubric.question] + [p.text for p in rubric.points])
    report = engine.grade(gaming.keyword_list(pasted, BULLETS), rubric)
    assert "keyword-list" in codes(report)
    assert report.level <= cap("keyword-list", rubric) < len(rubric.levels)


# --- evidence(): what is set aside ------------------------------------------------------------

FUNERAL = "Trotsky missed Lenin's funeral in January 1924, so Stalin gave the main speech."
GENSEC = "Stalin was General Secretary and appointed his own supporters to key posts."


@pytest.mark.parametrize("again", [
    FUNERAL,
    FUNERAL.upper(),
    "So Stalin gave the main speech, Trotsky missed Lenin's funeral in January 1924",  # reordered
])
def test_repeated_sentence_is_set_aside(trotsky, again):
    result = ev([FUNERAL, GENSEC, again], trotsky)
    assert result.texts == (FUNERAL, GENSEC, "")
    assert result.tokens[2] == [] and result.copied == 0
    assert result.repeated == len(again.split())
    assert result.total == len(FUNERAL.split()) + len(GENSEC.split()) + len(again.split())
    assert result.words == len(FUNERAL.split()) + len(GENSEC.split())


@pytest.mark.parametrize("rubric_id", sorted(RUBRICS))
def test_one_learnt_sentence_per_point_is_kept(rubric_id):
    rubric = RUBRICS[rubric_id]
    for point in rubric.points[:5]:
        result = ev([FUNERAL, point.text, GENSEC], rubric)
        assert result.texts is None and result.kept_copies == {1}, point.id
        assert result.copied == 0


def test_two_learnt_points_in_a_row_are_kept(trotsky):
    """A textbook explanation learnt in its order: a short answer's chain of two points in the
    mark scheme's words had been set aside as pasted (a full answer got 2 of 6)."""
    texts = [p.text for p in trotsky.points[:2]]
    result = ev([FUNERAL, texts[0], texts[1], GENSEC], trotsky)
    assert result.texts is None and result.kept_copies == {1, 2} and result.copied == 0


@pytest.mark.parametrize("layout", ["in a row", "apart"])
def test_wholesale_copying_of_points_is_set_aside(trotsky, layout):
    texts = [p.text for p in trotsky.points[:3]]
    sentences = ([FUNERAL, *texts, GENSEC] if layout == "in a row" else
                 [texts[0], FUNERAL, texts[1], GENSEC, texts[2]])
    result = ev(sentences, trotsky)
    assert not result.kept_copies and result.copied == 3
    assert all(result.texts[i] == "" for i, s in enumerate(sentences) if s in texts)


@pytest.mark.parametrize("sentence, kept", [
    ("the statues were removed the statues were removed the statues were removed",
     "the statues were removed"),
    ("After 1956 the statues were removed the statues were removed the statues were removed.",
     "after 1956 the statues were removed"),
])
def test_inner_repeat_is_trimmed(sentence, kept):
    rubric = RUBRICS["destalinization-causes"]
    result = ev([sentence, "Khrushchev denounced Stalin in the Secret Speech of 1956."], rubric)
    assert result.texts[0] == kept
    assert result.repeated == len(sentence.split()) - len(kept.split())
    assert result.words == result.total - result.repeated


def test_conclusion_restating_a_short_phrase_is_kept(trotsky):
    sentences = [FUNERAL, GENSEC, "Trotsky was arrogant and looked down on party administration.",
                 "In conclusion, Trotsky's errors mattered but Stalin appointed his own supporters, "
                 "which mattered more than the funeral in January."]
    assert ev(sentences, trotsky).texts is None


def test_conclusion_restating_phrases_of_a_real_essay_is_kept(trotsky):
    essay = next(e for e, r in PROSE if r.id == "trotsky-errors" and e.kind == "strong")
    sentences = [s.text for s in split_sentences(essay.text)]
    ending = ("In conclusion, Lenin's funeral in January and the Testament mattered, "
              "but Stalin's post mattered more.")
    assert ev(sentences + [ending], trotsky).texts is None


def test_clean_essay_has_no_texts(trotsky):
    result = ev([FUNERAL, GENSEC], trotsky)
    assert result == fl.Evidence(None, None, 0, 0, 0, 0, frozenset())


def test_question_once_is_one_copy_and_no_flag(trotsky):
    sentences = [trotsky.question, FUNERAL, GENSEC]
    result = ev(sentences, trotsky)
    assert result.copied == 1 and result.texts[0] == ""
    assert fl.pasted_flag(result, len(sentences)) is None
    assert fl.pasted_flag(ev(sentences + [p.text for p in trotsky.points[:2]], trotsky), 5) is not None


@pytest.mark.parametrize("sentence", ["statues,were,removed,statues,were,removed,statues,were,removed",
                                      "a.b.a.b.a.b"])
def test_inner_repeat_without_spaces_counts_no_more_than_written(trotsky, sentence):
    result = ev([sentence], trotsky)
    assert result.words <= result.total


def test_comma_joined_padding_said_twice_does_not_raise_the_mark(engine):
    essay, rubric = SHORT[-1]
    words = [w for w in essay.text.split() if w.isalpha()]
    rng = random.Random(0)
    runs = [rng.sample(words, 40) for _ in range(15)]
    once = engine.grade(essay.text + "\n\n" + " ".join(",".join(r) + "." for r in runs), rubric)
    twice = engine.grade(essay.text + "\n\n" + " ".join(",".join(r + r) + "." for r in runs), rubric)
    assert twice.mark <= once.mark


# --- invariants -------------------------------------------------------------------------------

WORDS = st.sampled_from(sorted({w for e, _ in DEV[:6] for w in e.text.split()}))
SENTENCE = st.one_of(st.text(max_size=80), st.lists(WORDS, min_size=1, max_size=20).map(" ".join))
DEV_SENTENCES = st.sampled_from([s.text for e, _ in DEV[:8] for s in split_sentences(e.text)])
ANY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@ANY
@given(st.lists(st.one_of(SENTENCE, DEV_SENTENCES), max_size=12), st.sampled_from(sorted(RUBRICS)))
def test_evidence_never_raises_and_counts_add_up(sentences, rubric_id):
    result = ev(sentences, RUBRICS[rubric_id])
    if result.texts is None:
        assert result == fl.Evidence(None, None, 0, 0, 0, 0)
        return
    assert len(result.texts) == len(result.tokens) == len(sentences)
    assert 0 <= result.words <= result.total == sum(len(s.split()) for s in sentences)
    assert 0 <= result.repeated <= result.total
    assert 0 <= result.copied <= sum(t == "" for t in result.texts)


@ANY
@given(st.one_of(st.text(max_size=400),
                 st.lists(DEV_SENTENCES, max_size=10).map(" ".join),
                 st.lists(st.one_of(SENTENCE, DEV_SENTENCES), max_size=8).map("\n".join)),
       st.sampled_from(sorted(RUBRICS)))
def test_grade_of_any_text_is_in_range_and_deterministic(engine, text, rubric_id):
    rubric = RUBRICS[rubric_id]
    report = engine.grade(text, rubric)
    assert 0 <= report.mark <= rubric.marks and 0 <= report.level <= len(rubric.levels)
    assert engine.grade(text, rubric) == report
    assert engine.grade_many([("", text), ("", text)], rubric) == [report, report]


def _runs(words):
    return set(zip(words, words[1:], words[2:], words[3:]))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.sampled_from(["the", "war", "stalin", "won", "trotsky", "lost", "lenin", "died"]),
                         max_size=14), min_size=1, max_size=10))
def test_repeat_check_agrees_with_every_earlier_run(lines):
    # The check looks at a sentence's first few runs before building every earlier run; the
    # answer must be what comparing with every earlier run gives.
    earlier = fl._Runs()
    for i, words in enumerate(lines):
        if len(words) >= 4:
            before = set().union(*(_runs(w) for w in lines[:i]))
            mine = _runs(words)
            assert earlier.seen(words) == (len(mine & before) >= fl.REPEAT_SHARE * len(mine))
        earlier.lines.append(words)


# ---- copied from the course notes ---------------------------------------------------------------
def _notes_page(seeds: dict[str, str], file: int, start: int, lines: int = 40) -> str:
    """A run of lines of one notes file, as a student would paste it."""
    text = seeds[sorted(seeds)[file]].splitlines()
    return "\n".join(text[start:start + lines])


@pytest.mark.parametrize(("file", "start"), [(3, 0), (3, 36), (2, 60), (2, 140)])
def test_a_pasted_page_of_the_notes_is_flagged_and_capped(engine, seeds, file, start):
    page = _notes_page(seeds, file, start)
    report = engine.grade(page, RUBRICS["trotsky-errors"])
    flag = next(w for w in report.warnings if w.code == "copied-notes")
    assert "copied word for word from the course notes" in flag.message
    assert report.level <= math.floor(_CAPS["copied-notes"] * len(RUBRICS["trotsky-errors"].levels))


@pytest.mark.parametrize(("essay", "rubric"), PROSE, ids=[e.id for e, _ in PROSE])
def test_no_genuine_dev_essay_is_taken_for_a_copy_of_the_notes(engine, essay, rubric):
    assert "copied-notes" not in [w.code for w in engine.grade(essay.text, rubric).warnings]


def test_one_well_learnt_sentence_of_the_notes_is_no_copy(engine, seeds):
    essay, rubric = PROSE[0]
    learnt = next(s.text for s in split_sentences(seeds[sorted(seeds)[3]]) if len(s.text.split()) >= 15)
    report = engine.grade(f"{essay.text} {learnt}", rubric)
    assert "copied-notes" not in [w.code for w in report.warnings]


@pytest.mark.parametrize(("tokens", "flagged"), [
    ([["a", "b", "c", "d", "e", "f"] * 10], True),                  # all of it in the notes
    ([["a", "b", "c", "d", "e", "x"] * 10], False),                 # five in a row is no run
    ([["a", "b", "c", "d", "e", "f"] * 6, ["q"] * 30], True),       # 36 of 66 words: most of it
    ([["a", "b", "c", "d", "e", "f"] * 4, ["q"] * 40], False),      # 24 of 64 words
    ([["a", "b", "c", "d", "e", "f"]], False),                      # too short to judge
    ([["a", "b", "c"], ["d", "e", "f"]] * 10, True),                # short lines pasted: runs go on across them
    ([["a", "b", "c"], ["q"] * 3] * 10, False),                     # a short line of the notes in each pair
])
def test_notes_flag_counts_the_words_inside_runs_of_the_notes(tokens, flagged):
    runs = fl.note_runs(["a b c d e f a b c d e f"])
    assert (fl.notes_flag(tokens, runs) is not None) is flagged


@pytest.mark.parametrize("essay, rubric", PROSE, ids=ids(PROSE))
def test_a_punctuated_essay_is_not_told_to_use_full_stops(engine, essay, rubric):
    assert "few-full-stops" not in codes(engine.grade(essay.text, rubric))


def test_an_essay_without_full_stops_is_told_so_and_still_marked(engine, trotsky):
    """Advice only: the run-on essay's points count as the punctuated one's do."""
    punctuated = engine.grade(TROTSKY_STRONG, trotsky)
    run_on = re.sub(r"[.!?]", "", TROTSKY_STRONG).replace("\n", " ").lower()
    report = engine.grade(run_on, trotsky)
    [flag] = [w for w in report.warnings if w.code == "few-full-stops"]
    assert flag.message.startswith(f"{report.words:,} words with no full stop. Write in sentences")
    three_lines = engine.grade(run_on.replace(" he ", "\nhe ", 2), trotsky)   # two new lines: three sentences
    assert [w.message.split(".")[0] for w in three_lines.warnings if w.code == "few-full-stops"] == \
        [f"{three_lines.words:,} words in only 3 sentences"]
    assert report.mark >= punctuated.mark - 3 and {p.id for p in report.points if p.status == "covered"}


@pytest.mark.parametrize("text, flagged", [
    ("stalin won becuase trotsky made loads of mistakes " * 12, True),
    ("Stalin won because Trotsky made mistakes. " * 12, False),
    ("- testament not published\n- missed the funeral\n- gen sec appointments\n" * 5, False),  # notes: a line each
    ("stalin won becuase trotsky made loads of mistakes " * 5, False),  # under 60 words: one long sentence is fine
])
def test_run_on(text, flagged):
    assert (run_on_flag(text, len(text.split())) is not None) is flagged


TE10 = next(e for e in load_labelled(ROOT / "tests" / "data" / "devset" / "trotsky-errors.yaml") if e.id == "te10")


@pytest.mark.parametrize("ending, unfinished", [
    (" and when Lenin's Testament was read, the", True),  # an article waits for its noun: time ran out
    (" and when Lenin's Testament was read he didn't insist because", True),
    (" so in the end Trotsky's errors mattered less than Stalin's skill.", False),
    (" so Stalin won", False),                             # no full stop, but a sentence's end
    (" which is what Trotsky relied on", False),           # a preposition may end one
])
def test_an_answer_broken_off_mid_sentence_is_flagged_and_kept_off_the_top_level(engine, trotsky, ending,
                                                                                unfinished):
    text = TE10.text[:TE10.text.index(" he didn't insist on")] + ending
    report = engine.grade(text, trotsky.timed(10))
    assert ("unfinished" in {w.code for w in report.warnings}) is unfinished
    if unfinished:
        assert report.level < len(trotsky.levels)
        assert any("stops mid-sentence" in step for step in report.next_steps)


def test_a_short_time_does_not_lift_a_list_of_points_to_the_top(engine, trotsky):
    """A timed practice set for 10 minutes: 154 words making half of the points had got 25/25
    (the time asks for few words, and the points are many of them), more than the finished essay
    gets in 45. Development is also words for each point made, and a top answer makes most of
    the points: weighed and concluded as well as it is, it makes too few for the top level."""
    cut = TE10.text[:TE10.text.index(" he didn't insist on") + len(" he didn't insist on")]
    report = engine.grade(cut, trotsky.timed(10))
    assert report.words < 160 and 0.45 < report.coverage < COVERAGE_FOR_TOP
    assert (report.balance, report.judgement) == ("balanced", "reasoned")
    assert report.level == len(trotsky.levels) - 1
    assert report.next_steps[0].startswith("Make more of the points")


def test_a_short_answer_broken_off_keeps_the_points_it_made(engine):
    rubric = read_rubric_file(ROOT / "tests" / "data" / "shortanswer" / "chemistry-rusting.yaml")
    whole = ("Rusting needs both oxygen and water to be in contact with the iron. You can stop it by painting or "
             "oiling it so air and moisture can't reach the metal, or by galvanising it with zinc, which is more "
             "reactive and corrodes first.")
    cut = whole + " Stainless steel is another way because"
    finished, broken = engine.grade(whole, rubric), engine.grade(cut, rubric)
    assert "unfinished" in {w.code for w in broken.warnings}
    assert broken.mark == finished.mark == rubric.marks  # its points are made: the cut-off costs nothing


_RANDOM = random.Random(1)
GIBBERISH = " ".join("".join(_RANDOM.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(_RANDOM.randint(4, 10)))
                     for _ in range(3000))


@pytest.mark.parametrize("text", [
    GIBBERISH,                                        # run-on: spelling correction read course words into it
    ". ".join(GIBBERISH.split(" ")[:400]),
    "Staline a pris le pouvoir après la mort de Lénine parce que Trotski a commis des erreurs. Il n'est pas "
    "allé aux funérailles de Lénine et il a sous-estimé Staline, qu'il appelait la médiocrité du parti.",
    "Stalin kam an die Macht, weil Trotzki viele Fehler gemacht hat. Er ging nicht zur Beerdigung von Lenin "
    "und unterschätzte Stalin, den er für mittelmäßig hielt.",
    "Троцкий совершил ошибки, потому что не пришёл на похороны Ленина. Он недооценил Сталина.",
    "托洛茨基犯了很多错误，他没有参加列宁的葬礼，也低估了斯大林在党内的力量。",
], ids=["gibberish run-on", "gibberish sentences", "French", "German", "Russian", "Chinese"])
def test_an_answer_not_in_english_is_named_so_and_earns_nothing(engine, trotsky, text):
    report = engine.grade(text, trotsky)
    assert [w.code for w in report.warnings] == ["not-english"] and report.warnings[0].title == "Not English"
    assert (report.level, report.mark, report.judgement) == (0, 0, "none")
    assert all(p.status == "missing" for p in report.points)


@pytest.mark.parametrize("text", [
    "Trotksy was to arrogent and he didnt go to Lenins funral becuase Stalin lied about the date.",
    "Z + K mistakes, Bukharin Rykov Tomsky (right opp). Gen sec 1922 - appointments, nomenklatura.",
    TROTSKY_STRONG.replace(" ", "\u00a0"),
    "Trotksy was also to arrogent.",
    TROTSKY_STRONG.split(". ")[0] + ". " + "x" * 3000,
], ids=["badly misspelt", "notes of names", "no-break spaces", "five words, two misspelt", "then a key held down"])
def test_english_however_written_is_not_called_foreign(engine, trotsky, text):
    assert "not-english" not in {w.code for w in engine.grade(text, trotsky).warnings}


WOMEN_FRENCH = (  # a walk's answer: the dictionary holds many French words ("des", "la", "est"), 0.43 of its letters
    "Sous Staline, la condition des femmes s'est améliorée dans une certaine mesure. Le nombre de femmes dans "
    "l'industrie est passé d'environ 3 millions à 15 millions entre 1928 et 1945. Les usines devaient proposer "
    "des crèches pour que les mères puissent travailler. Des cliniques ont été créées et la santé des femmes "
    "s'est améliorée. La Constitution de 1936 garantissait l'égalité devant la loi.")


@pytest.mark.parametrize("text", [
    WOMEN_FRENCH,
    "Con Stalin la condizione delle donne migliorò solo in parte. Il numero delle donne nelle fabbriche crebbe "
    "molto, e le fabbriche dovevano offrire asili nido perché le madri potessero lavorare.",
    "Com Stalin a condição das mulheres melhorou apenas em parte. O número de mulheres nas fábricas cresceu "
    "muito, e as fábricas deviam oferecer creches para que as mães pudessem trabalhar.",
], ids=["French", "Italian", "Portuguese"])
def test_another_language_sharing_dictionary_words_with_english_is_not_english(engine, all_rubrics, text):
    women = next(r for r in all_rubrics if r.id == "women-status")
    report = engine.grade(text, women)
    assert [w.code for w in report.warnings] == ["not-english"]
    assert all(p.status == "missing" for p in report.points)


@pytest.mark.parametrize("text", [
    "Women - factories, creches 1930s. Abortion banned 1936. Divorce harder. Double burden: work + home. "
    "Propaganda - Stakhanovite women, tractor drivers, Pasha Angelina.",
    "women workforce 3m -> 15m 1928-45. creches, clinics, midwifery. 1936 constitution equal rights. "
    "family code 1936 - abortion illegal, divorce costly. double burden.",
], ids=["notes with dashes", "notes with arrows"])
def test_english_notes_short_of_glue_words_are_english(engine, all_rubrics, text):
    women = next(r for r in all_rubrics if r.id == "women-status")
    assert "not-english" not in {w.code for w in engine.grade(text, women).warnings}


# --- words jumbled into sentences -------------------------------------------------------------

@pytest.mark.parametrize("sentence, pairs", [
    ("The party congress was important.", 0),
    ("He, the leader, was there.", 0),                     # a comma parts the words
    ("It was the case for and against.", 0),
    ("Vitamin A is needed, and Plan A was dropped.", 0),   # a capital A is a name
    ("He had had enough of it.", 0),
    ("So the the point is clear.", 1),                     # a slip, counted once
    ("The was it.", 1),
    ("He went to the funeral and.", 1),
    ("Trotsky a of the funeral because.", 2),
    ("because because appointments arrogant arrogant and Zinoviev.", 2),
    ("testament because party Kamenev funeral of a of appointments Lenin funeral of Trotsky appointments the.", 2),
    ("they she of was the.", 3),
    # what a careless but honest writer writes, often again and again (a walk's level-1 essays)
    ("Their was no clear successor, and its a fact their were rivals.", 0),
    ("He would of been in trouble by about 1937, in between the trials.", 0),
    ("It was against their will, though.", 0),
    ("It was a not insignificant reason, and the for and against points differ.", 0),
    ("The will of the party was a must for him, and the might of the army was feared.", 0),
])
def test_misordered_pairs(sentence, pairs):
    assert misordered_pairs([sentence]) == (pairs, len(sentence.split()))


def _labelled_texts():
    for path in sorted((ROOT / "tests" / "data").rglob("*.yaml")):
        data = load_yaml_text(path.read_text(encoding="utf-8"))
        essays = data.get("essays") if isinstance(data, dict) else None
        for e in essays or ():
            if isinstance(e, dict) and isinstance(e.get("text"), str):
                yield f"{path.parent.name}/{path.stem}/{e.get('id')}", e["text"]


LABELLED = list(_labelled_texts())


def test_no_labelled_answer_is_jumbled():
    """Every answer written by hand for the project (dev, held out, other subjects, fresh rubrics,
    short answers, teachers' rubrics), notes and probes included: word order English uses."""
    assert len(LABELLED) > 120
    flagged = [name for name, text in LABELLED if fl.jumbled_flag([s.text for s in split_sentences(text)])]
    assert flagged == []


def test_topic_words_jumbled_into_sentences_are_flagged_capped_and_make_no_point(engine, trotsky):
    """A walk's finding: 470 words of the rubric's names and function words in random order got level 3
    of 5, 14/25 and 'balanced', with no warning."""
    rng = random.Random(3)
    words = ("testament because party Kamenev funeral of a the appointments Lenin Trotsky general secretary "
             "arrogant and Zinoviev was Stalin congress red army permanent revolution socialism in one country "
             "united opposition expelled 1927 exile").split()
    text = " ".join(" ".join(rng.choice(words) for _ in range(rng.randint(6, 12))).capitalize() + "."
                    for _ in range(50))
    report = engine.grade(text, trotsky)
    assert "jumbled" in codes(report)
    assert report.level <= cap("jumbled", trotsky) and report.judgement == "none"
    assert not [p.id for p in report.points if p.status == "covered"]
    assert report.mark < engine.grade(TROTSKY_STRONG, trotsky).mark / 3
    # It says what set it off, and nothing that reads as if the words made sense (a re-check's finding:
    # "check this: says the opposite" on shuffled words, advice to develop both sides)
    flag = next(w for w in report.warnings if w.code == "jumbled")
    first = re.search(r"such as \u201c([^\u201d]+)\u201d", flag.message).group(1)
    assert first in text and misordered_pairs([first]) == (1, 2)
    assert not any(p.check for p in report.points) and report.next_steps == ()


@ANY
@given(st.lists(st.one_of(SENTENCE, DEV_SENTENCES), max_size=12))
def test_misordered_pairs_are_counted_within_the_words(sentences):
    pairs, words = misordered_pairs(sentences)
    assert words == sum(len(s.split()) for s in sentences)
    assert 0 <= pairs <= 2 * words


CARELESS = sorted((ROOT / "tests" / "data" / "careless").glob("*.txt"))


@pytest.mark.parametrize("path", CARELESS, ids=[p.stem for p in CARELESS])
def test_careless_honest_answers_are_not_jumbled(engine, path):
    rubric = read_rubric_file(ROOT / "rubrics" / ("collectivisation-motives-impact.yaml" if path.stem == "coll"
                                                   else "trotsky-errors.yaml"))
    report = engine.grade(path.read_text(encoding="utf-8"), rubric)
    assert "jumbled" not in codes(report)
    assert report.level >= 2 or path.stem == "h6"   # h6: 72 words, too short for 45 minutes


TEACHER = ROOT / "tests" / "data" / "teacher"


@pytest.mark.parametrize("stem, flagged", [
    # fluent answers in the rubric's words, every fact turned round (earlier probe sessions): level 3 of 4 or 5
    ("cs-tcp-udp-wrong", True), ("hist-versailles-ww2-wrong", True), ("law-caparo-wrong", True),
    ("econ-tariffs-wrong", True),
    # turning three points round, however many it credits on their words (probes 85-90: level 4 of 4)
    ("psych-cognitive-interview-wrong", True), ("soc-family-equal-wrong", True), ("psy-bowlby-monotropy-wrong", True),
    ("psych-cognitive-interview-full", False), ("soc-family-equal-full", False), ("psy-bowlby-monotropy-full", False),
    ("psych-cognitive-interview-mistakes", False), ("soc-family-equal-mistakes", False),
    # the same rubrics' full answers, and two more
    ("cs-tcp-udp-full", False), ("hist-versailles-ww2-full", False), ("law-caparo-full", False),
    ("econ-tariffs-full", False), ("hist-black-death-full", False), ("econ-sugar-tax-full", False),
])
def test_an_answer_contradicting_the_points_often_is_flagged_and_capped(engine, stem, flagged):
    rubric = read_rubric_file(TEACHER / f"{stem.rsplit('-', 1)[0]}.yaml")
    report = engine.grade((TEACHER / "essays" / f"{stem}.txt").read_text(encoding="utf-8"), rubric)
    assert ("contradicts" in {w.code for w in report.warnings}) is flagged, [w.code for w in report.warnings]
    if flagged:
        assert report.level <= len(rubric.levels) // 2
        assert any("Check your facts" in step for step in report.next_steps)


def test_a_short_answer_is_never_flagged_for_contradicting_its_points(engine):
    # marked point by point: each point it turns round earns nothing already
    rubric = read_rubric_file(TEACHER / "bio-cell-types.yaml")
    report = engine.grade((TEACHER / "essays" / "bio-cell-types-wrong.txt").read_text(encoding="utf-8"), rubric)
    assert sum(p.why is not None and "opposite" in p.why for p in report.points) >= 2
    assert "contradicts" not in {w.code for w in report.warnings}
