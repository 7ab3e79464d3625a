import itertools
import re
from dataclasses import replace

import pytest
from resources import LONG_CONCLUSION

from essaycoach import verdicts
from essaycoach.loaders import load_rubric
from essaycoach.report import Flag, PointResult, SideSummary
from essaycoach.sentences import sentence_ends, split_sentences
from essaycoach.verdicts import balance_verdict, judgement_verdict, level_and_mark, level_steps


@pytest.mark.parametrize("sentences, expected", [
    (["Trotsky lost.", "In conclusion, Stalin won mainly because he controlled the party machine."], "reasoned"),
    (["Trotsky lost.", "Overall I think Trotsky's errors were the most important factor."], "asserted"),
    (["Trotsky lost.", "Stalin won."], "none"),
    (["To a large extent the purge was unnecessary, as the opposition was already beaten.", "It began in 1934."],
     "reasoned"),
    ([], "none"),
    # A conclusion that weighs one side against the other is a judgement with its reason.
    (["Erosion happens.", "Overall, physical processes do most of the erosion, but human activity can speed it "
      "up in places."], "reasoned"),
    (["Trotsky lost.", "In conclusion, Stalin was mainly responsible, although Trotsky's errors helped him."],
     "reasoned"),
    (["Trotsky lost.", "Overall, Trotsky made mistakes, but Stalin was clever."], "asserted"),   # no weighing
    # the weighing may go on into the next sentence of the ending (probe 61: "asserted", a level lower)
    (["Trotsky lost.", "In conclusion, Stalin was mainly responsible.", "Trotsky's errors made it easier, but it "
      "was Stalin's control of appointments that won it."], "reasoned"),
    # a view denied is a view (probe 52: "So I don't think ..." had no judgement at all)
    (["It has strengths.", "So I don't think it is a very good guide, because it ignores minorities."], "reasoned"),
    (["It has strengths.", "So I don\u2019t think it is a very good guide."], "asserted"),
    (["It has strengths.", "I wouldn't say it was necessary, since the opposition was beaten."], "reasoned"),
    # agreeing in part and saying which part weighs too (probe 75: "asserted", capped a level lower);
    # a part named by nothing but "not completely" does not
    (["Wages rose.", "so overall i only partly agree, things changed for peasants but the people at the top stayed "
      "on top"], "reasoned"),
    (["Wages rose.", "So I think she is partly responsible but not completely."], "asserted"),
    # a verdict, then a concession it outweighs (probe 79: "asserted", a strong answer capped at level 3)
    (["Doctors promise to preserve life.", "In conclusion, I disagree with the statement.", "Although I understand "
      "the wish to end suffering, the danger to vulnerable people is too great, so the law should protect life."],
     "reasoned"),
    (["Doctors promise to preserve life.", "In conclusion, I disagree with the statement.", "Doctors promise a lot."],
     "asserted"),
    # the weighing after the concession (probe 82: "asserted", an answer making every point held at level 3)
    (["Women made shells.", "In conclusion, the Suffragettes helped to make votes for women a big issue, but the war "
      "and the Suffragists were more important in getting the Act passed."], "reasoned"),
    (["Romeo is hasty.", "In conclusion, fate creates a feeling of doom, but the characters' choices do more to "
      "cause the tragedy than the stars do."], "reasoned"),
    (["Trotsky lost.", "In conclusion, Trotsky made mistakes, but a more careful Trotsky would have lost too."],
     "asserted"),   # "more" that weighs nothing
    # the answer to "do you agree?" is a judgement, and text-speak's "bc" a reason (probe 90: "So I
    # disagree" was no judgement, capping a strong careless answer two levels down)
    (["Hume doubted miracles.", "so i disagree, never is 2 strong."], "asserted"),
    (["Hume doubted miracles.", "I mostly agree with the statement."], "asserted"),
    (["Hospices help.", "overall i disagree bc the risks r 2 big"], "reasoned"),
    (["Hume doubted miracles.", "Some people agree with Hume."], "none"),
    # weighing with "best" or "better", and a "but" without its comma (probe 89: a full answer held at level 3)
    (["Dams hold water.", "Overall, I disagree with the statement.", "Hard engineering is best where many people "
      "are at risk, but in most places soft engineering is cheaper and better."], "reasoned"),
    (["Dams hold water.", "overall i dont fully agree, hard engineering is best 4 big citys but soft engineering is "
      "better most places"], "reasoned"),
    (["Dams hold water.", "Overall, the dam was better built than most."], "asserted"),
    # ", so" gives the reason the verdict follows from (probes 91, 93: only "because" had counted)
    (["Debt rose.", "Overall, in a deep recession crowding out is unlikely, so the benefits outweigh the costs."],
     "reasoned"),
    (["Debt rose.", "Overall, the deficit was large, so I think it was harmful."], "asserted"),
    # "so" without its comma, when a clause follows it (probe 96: "... arent logically inconsistent so evil
    # doesnt prove God doesnt exist" was asserted); not "so" as "very", nor a sentence opening on "So"
    (["Hume doubted miracles.", "overall I think the theodicies show evil and God arent logically inconsistent so "
      "evil doesnt prove God doesnt exist"], "reasoned"),
    (["Debt rose.", "Overall, crowding out is unlikely in a slump so the benefits outweigh the costs."], "reasoned"),
    (["Debt rose.", "Overall, the deficit was so large."], "asserted"),
    (["Debt rose.", "Overall the deficit was so important it matters."], "asserted"),
    (["Debt rose.", "So the deficit was harmful overall."], "asserted"),
    # granting a part and denying the rest weighs the two (probes 97, 99: three strong answers held at
    # level 3 of 4 for want of a "because"), and so does a verdict with what it rests on after a colon
    (["Lenin signed.", "Overall, the treaty was a disaster for Russia as a nation but not for the Bolsheviks as "
      "a party."], "reasoned"),
    (["Crime fell.", "In conclusion, poverty and inequality help to explain some kinds of crime, but they are not "
      "the main cause of crime in general."], "reasoned"),
    (["Sheila learns.", "Overall, Sheila changes a great deal, but not completely: her change grows out of an existing "
      "conscience."], "reasoned"),
    (["Lenin signed.", "Overall: the treaty was a disaster for the Bolsheviks."], "asserted"),
    (["Lenin signed.", "Overall, the treaty was a disaster, but the Bolsheviks survived it."], "asserted"),
    # agreeing only in part, in a denial (probe 103: "So I don't fully agree" was no judgement)
    (["Hitler used the fire.", "So I don't fully agree with the statement."], "asserted"),
    (["Hitler used the fire.", "I do not fully agree, because the Enabling Act mattered more."], "reasoned"),
])
def test_judgement(sentences, expected):
    assert judgement_verdict(sentences, set())[0] == expected


# A concluding sentence is a judgement like an evaluating one, reasoned by a reason in it or in
# the next sentence (a browser walk's "Overall, ... was not a necessary measure." followed by
# what the trials "show" was called asserted, and so was "In conclusion, ... because ...").
@pytest.mark.parametrize("sentences, expected", [
    (["The trials were staged.", "In conclusion, the purge was not really necessary because the real opposition "
      "was small and already beaten."], "reasoned"),
    (["The trials were staged.", "Overall, the Great Purge was not a necessary measure.",
      "The show trials and the killing of loyal officers show that its real purpose was to create fear."],
     "reasoned"),
    (["The trials were staged.", "Overall, the Great Purge was not necessary."], "asserted"),
    (["The trials were staged.", "Overall, the Great Purge was not necessary.", "It ended in 1938."], "asserted"),
    # what a thing is evidence of, or means, is a reason (probe 144: a top Milgram essay's conclusion)
    (["Milgram ran many variations.", "Overall, the variations are good evidence that the situation changes "
      "obedience."], "reasoned"),
    (["Milgram ran many variations.", "Overall, doubts about the shocks mean we should treat the figures with "
      "caution."], "reasoned"),
    (["Milgram ran many variations.", "Overall, the study was groundbreaking in showing how powerful the "
      "situation is."], "reasoned"),
])
def test_a_conclusion_with_its_reason_is_reasoned(sentences, expected):
    assert judgement_verdict(sentences, set())[0] == expected


# A conclusion of over 40 words is cut at its clauses for matching; its judgement is read whole
# (a browser walk's "In conclusion, X, but Y, because Z" was called asserted, quoted to ", but").
def test_a_long_conclusion_cut_at_its_clauses_is_read_and_quoted_whole_with_its_commas():
    text = "The constitution promised rights.\n\n" + LONG_CONCLUSION
    sents = split_sentences(text)
    pieces = [s.text for s in sents]
    # pieces alone: the weighing ("mainly ... but") runs into the next, the reason ("because") is left out
    assert len(pieces) == 4 and verdicts.judgement_at(pieces, set(), [1, 2, 3]) == ("reasoned", 1, 2)
    kind, first, last = verdicts.judgement_at(pieces, set(), [1, 2, 3], ends=sentence_ends(text, sents))
    assert (kind, first, last) == ("reasoned", 1, 3)
    assert text[sents[first].start:sents[last].end] == LONG_CONCLUSION


def test_the_engine_quotes_a_long_conclusion_whole(engine):
    body = ("Stalin introduced the 1936 Constitution, which promised elections and freedom of speech. However "
            "the Party kept control and only one candidate stood in each election. The Great Terror was "
            "happening at the same time, so the rights on paper meant nothing. ") * 3
    report = engine.grade(body + "\n\n" + LONG_CONCLUSION, load_rubric("constitution-1936"))
    assert (report.judgement, report.judgement_sentence) == ("reasoned", LONG_CONCLUSION)


# A note's label concludes like a phrase: "Conclusion: ..." is the judgement of a note-form essay
# (a browser walk saw its heading "Intro - purge necessary? partly" quoted instead).
@pytest.mark.parametrize("sentences, expected", [
    (["Intro - purge necessary? partly", "- show trials, Zinoviev & Kamenev", "Conclusion: not necessary, terror"],
     ("asserted", "Conclusion: not necessary, terror")),
    (["The trials were staged.", "Judgement \u2013 mainly terror, because the opposition was beaten by 1927."],
     ("reasoned", "Judgement \u2013 mainly terror, because the opposition was beaten by 1927.")),
    # the word alone, in a sentence, is no label
    (["The trials were staged.", "The conclusion of the trials was always known in advance."], ("none", None)),
    # nor are notes' abbreviations of it any less a label (probe 137: "conc - case for raising youth
    # rates fairly strong BUT ..." had left a notes answer making all ten points with no judgement)
    (["The trials were staged.", "conc - case for terror fairly strong BUT only if the opposition was weak."],
     ("reasoned", "conc - case for terror fairly strong BUT only if the opposition was weak.")),
    (["The trials were staged.", "Concl: terror mattered more than propaganda."],
     ("asserted", "Concl: terror mattered more than propaganda.")),
    (["Add conc. sulfuric acid to the ethanol."], ("none", None)),
])
def test_a_notes_label_is_its_judgement(sentences, expected):
    assert judgement_verdict(sentences, set(), [len(sentences) - 1]) == expected


# "So" opening a sentence of the ending, with a weighing or a reason, is the essay's inference
# (probe 153: a short answer ending "So religious experience may make belief reasonable ..., but it
# does not prove that God exists" had no judgement and was put two levels below its teacher's).
# A "So" that only sums up, or one a run-on's later clause opens, is none.
@pytest.mark.parametrize("sentences, ends, expected", [
    (["Many people report such experiences.",
      "So religious experience may make belief reasonable, but it does not prove that God exists."], (),
     "reasoned"),
    (["The guards were chosen by a coin toss.", "So the situation matters because the roles were random."], (),
     "reasoned"),
    (["Stalin used posters and films.", "So Stalin used a lot of different methods and propaganda was a big one."],
     (), "none"),
    (["The guards were chosen by a coin toss.", "So far the study seems strong, but it was not ethical."], (),
     "none"),
    (["khrushchev gave the secret speech and took down the statues",
      "so it changed the soviet union quite a lot but it was still communist"], (1, 1), "none"),
])
def test_a_so_that_weighs_in_the_ending_is_a_judgement(sentences, ends, expected):
    assert verdicts.judgement_at(sentences, set(), [0, 1], ends=ends)[0] == expected


# Misspelt signposts still signpost (a browser walk's "In concluson ... becuase ..." was read as
# no conclusion, and the opening sentence quoted as an asserted judgement instead).
@pytest.mark.parametrize("sentences, expected", [
    (["Stalins sucess was partly becuase of Trotskys erors.", "He was general secratary.",
      "In concluson Trotskys erors were importent but Stalins controll was more importent becuase it ment he had "
      "the votes."],
     ("reasoned", "In concluson Trotskys erors were importent but Stalins controll was more importent becuase it "
                  "ment he had the votes.")),
    (["Trotsky lost.", "Overal, Stalin was to blame."], ("asserted", "Overal, Stalin was to blame.")),
    # an introduction's reasoned line of argument gives way to the misspelt conclusion (a walk)
    (["Stalin became leader partly because of his own machinations.", "He controlled appointments.",
      "He switched alliances.", "He staged the funeral.", "Trotsky was arrogant.",
      "In concluzion Stalin rose mostly becuase controling apointments gave him the votes."],
     ("reasoned", "In concluzion Stalin rose mostly becuase controling apointments gave him the votes.")),
])
def test_misspelt_signposts_are_read_as_meant(engine, trotsky, sentences, expected):
    from essaycoach.analyze import tokenize

    correct = engine.matcher(trotsky).analyzer.correct
    respelt = [" ".join(map(correct, tokenize(s))) for s in sentences]  # (unchanged ones too: no harm)
    assert judgement_verdict(sentences, set(), [len(sentences) - 1], respelt.__getitem__) == expected
    assert judgement_verdict(sentences, set(), [len(sentences) - 1]) != expected  # read as written


def test_judgement_next_to_evidence_counts_as_reasoned():
    sentences = ["Stalin appointed his allies.", "So Stalin's skill was more important than Trotsky's errors."]
    assert judgement_verdict(sentences, {1})[0] == "reasoned"
    # Retelling the story at the end is no reason, even where the story makes a point.
    told = ["Trotsky was arrogant.", "In the end Stalin won and Trotsky was exiled and later killed in Mexico."]
    assert judgement_verdict(told, {0, 1})[0] == "asserted"


def sides(f, a, words=(80, 80)):
    return (SideSummary("for", 3, 0, 5, f, words[0]), SideSummary("against", 3, 0, 5, a, words[1]))


@pytest.mark.parametrize("f, a, words, verdict", [
    (0.6, 0.5, (80, 80), "balanced"), (0.6, 0.2, (80, 80), "leans for"), (0.0, 0.4, (80, 80), "one-sided (against)"),
    (0, 0, (0, 0), "no argument yet"),
    # Both sides argued in proportion, one or both not developed: the thin side is named; the
    # essay does not "lean" to the other side (a browser walk was told its even essay leaned "for").
    (0.6, 0.5, (80, 20), "underdeveloped (against)"),
    (0.6, 0.5, (20, 80), "underdeveloped (for)"),
    (0.6, 0.5, (20, 20), "underdeveloped (both)"),
    (0.6, 0.2, (80, 20), "leans for"),   # out of proportion first
])
def test_balance(trotsky, f, a, words, verdict):
    assert balance_verdict(trotsky, sides(f, a, words))[0] == verdict


def test_a_short_essay_with_both_sides_developed_is_underdeveloped_on_both(trotsky):
    verdict, score = balance_verdict(trotsky, sides(0.6, 0.5), words=150)
    assert verdict == "underdeveloped (both)" and score < 0.5
    assert balance_verdict(trotsky, sides(0.6, 0.5), words=600)[0] == "balanced"


SHORT_BOTH_SIDES = [
    # 34 words
    "Trotsky missed Lenin's funeral and did not publish the Testament. But Stalin was General Secretary and "
    "appointed his own supporters to key posts. Socialism in One Country was popular. Overall Stalin's skill "
    "mattered more.",
    # 87 words
    "Trotsky made mistakes. He missed Lenin's funeral in 1924, so Stalin looked like the heir. He did not push "
    "for Lenin's Testament to be published. He was arrogant and looked down on party officials. On the other "
    "hand Stalin was General Secretary and could appoint his own supporters to the party congress. Socialism "
    "in One Country was more popular than permanent revolution because people were tired of war. Also Zinoviev "
    "and Kamenev underestimated Stalin. In conclusion Stalin's position mattered more than Trotsky's errors "
    "because it won votes.",
]


@pytest.mark.parametrize("essay", SHORT_BOTH_SIDES)
def test_a_short_essay_naming_both_sides_has_not_developed_them(engine, trotsky, essay):
    report = engine.grade(essay, trotsky)
    assert report.words in (34, 87)
    assert report.balance != "balanced"
    assert any(s.made > 0 for s in report.sides if s.side == "against")


# --- one sentence is one argument: a point of the other side named in passing -------------------------
@pytest.mark.parametrize("text, point, passing", [
    ("He thought that because he had led the Red Army to victory in the Civil War and was famous across Russia, "
     "the leadership would simply fall to him when Lenin died.", "red-army-fear", True),
    ("Lenin had written that Stalin was too rude and should be removed as General Secretary, but Trotsky did not "
     "push for it to be published.", "general-secretary", True),
    # the sentence argues the point's own side: nothing in passing
    ("Stalin was General Secretary and controlled appointments to party jobs.", "general-secretary", False),
    ("Although Trotsky was arrogant, Stalin's control of appointments as General Secretary mattered more.",
     "general-secretary", False),
    ("Trotsky was too confident and thought his fame would win him the leadership.", "overconfidence", False),
])
def test_a_point_named_in_a_sentence_arguing_the_other_side_is_in_passing(engine, trotsky, text, point, passing):
    from essaycoach.engine import IN_PASSING_CHECK

    p = next(p for p in engine.grade(text, trotsky).points if p.id == point)
    assert p.status == "covered" and p.in_passing is passing, p
    assert (p.check == IN_PASSING_CHECK) is passing


def test_a_one_sided_essay_is_not_balanced_by_points_named_in_passing(engine, trotsky):
    from resources import TROTSKY_ONE_SIDED

    from essaycoach.attempts import report_from_dict
    from essaycoach.markup import shorten
    from essaycoach.report import PASSING_QUOTE, passing_note, render_text
    from essaycoach.verdicts import IN_PASSING, side_summaries

    report = engine.grade(TROTSKY_ONE_SIDED, trotsky)
    against = next(s for s in report.sides if s.side == "against")
    passing = [p for p in report.points if p.in_passing]
    assert against.covered >= 2 and {p.side for p in passing} == {"against"}
    assert report.balance == "leans for"
    made = sum(p.weight * (IN_PASSING if p.in_passing else 1.0) for p in report.points
               if p.side == "against" and p.status == "covered")
    assert against.share == pytest.approx(made / sum(p.weight for p in report.points if p.side == "against"))
    note = passing_note(report)
    # It names the points, and each side once (a walk could not parse "3 points of the case
    # against and case for are named only in...", nor tell which they were).
    assert note is not None and note.startswith("Counted half for balance, as each comes up only in a sentence")
    assert all(f"“{shorten(p.text, PASSING_QUOTE)}”" in note for p in passing) and note.count("(case against)") == 1
    assert len(passing) == 3 and len(note) < 250   # walk 47's three made 290 characters, past the verdict it qualified
    assert f"balance: {note}" in render_text(report)
    # stored and reopened (a teacher's marking recomputes the sides from the stored points)
    assert side_summaries(trotsky, report_from_dict(report.to_dict(), trotsky).points) == report.sides
    # a teacher who confirms those credits has read the sentences: they count in full
    from essaycoach.marking import standing_report
    from essaycoach.overrides import Override

    confirmed = standing_report(trotsky, report, {p.id: Override(0, p.id, "covered", "it does", 0.0)
                                                  for p in passing})
    assert not any(p.in_passing for p in confirmed.points)
    assert next(s for s in confirmed.sides if s.side == "against").share > against.share


def test_a_full_essay_on_both_sides_is_balanced(engine, trotsky):
    from conftest import ROOT
    report = engine.grade((ROOT / "examples" / "amy.txt").read_text(encoding="utf-8"), trotsky)
    assert report.balance == "balanced"


@pytest.mark.parametrize("coverage, balance, judgement, words, flags, max_level", [
    (0.9, 1.0, "reasoned", 700, [], 5),
    (0.9, 1.0, "asserted", 700, [], 4),
    (0.9, 1.0, "none", 700, [], 3),
    # fewer points than a top answer makes (COVERAGE_FOR_TOP), however well weighed and concluded
    (0.5, 1.0, "reasoned", 700, [], 4),
    (0.9, 0.0, "reasoned", 700, [], 3),
    (0.9, 1.0, "reasoned", 700, [Flag("keyword-list", "")], 2),
    (0.9, 1.0, "reasoned", 700, [Flag("off-topic", "")], 1),
    (0.9, 1.0, "reasoned", 700, [Flag("pasted-question", "")], 2),
    (0.9, 1.0, "reasoned", 700, [Flag("copied-notes", "")], 1),
    (0.0, 0.0, "none", 0, [Flag("empty", "")], 0),
])
def test_level_caps(trotsky, coverage, balance, judgement, words, flags, max_level):
    level, mark = level_and_mark(trotsky, coverage, balance, judgement, words, flags)
    assert level <= max_level
    if level:
        band = trotsky.levels[level - 1]
        assert band.low <= mark <= band.high


def _with_levels(rubric, *bands):
    from essaycoach.rubric import Level

    return replace(rubric, levels=tuple(Level(i, lo, hi, f"level {i}") for i, (lo, hi) in enumerate(bands, 1)))


@pytest.mark.parametrize("bands", [((1, 25),), ((1, 12), (13, 25)), ((1, 6), (7, 12), (13, 25)),
                                   ((1, 6), (7, 12), (13, 18), (19, 25))])
@pytest.mark.parametrize("judgement, balance, flags", [
    ("none", 1.0, []), ("asserted", 1.0, []), ("reasoned", 0.0, []), ("none", 0.3, []),
    ("reasoned", 1.0, [Flag("keyword-list", "")]), ("reasoned", 1.0, [Flag("too-short", "")]),
    ("none", 0.0, [Flag("copied-notes", ""), Flag("unfinished", "")]),
])
def test_a_rubric_of_few_levels_gives_a_level_to_every_answer_to_its_question(trotsky, bands, judgement, balance,
                                                                              flags):
    """An essay making three points in four reaches level 1 at least whatever caps it: a cap two
    levels under the top of a two-level rubric had been level 0, no level and no mark."""
    rubric = _with_levels(trotsky, *bands)
    level, mark = level_and_mark(rubric, 0.75, balance, judgement, 500, flags)
    assert 1 <= level <= len(bands) and rubric.levels[level - 1].low <= mark <= rubric.levels[level - 1].high
    for step in level_steps(rubric, 0.75, balance, judgement, 500, flags, level):
        assert "level 0" not in step and "level -" not in step


@pytest.mark.parametrize("code", ["empty", "off-topic", "not-english"])
def test_an_answer_to_no_part_of_the_question_has_no_level_on_any_rubric(trotsky, code):
    for bands in (((1, 25),), ((1, 12), (13, 25))):
        assert level_and_mark(_with_levels(trotsky, *bands), 0.75, 1.0, "reasoned", 500, [Flag(code, "")]) == (0, 0)


@pytest.mark.parametrize("coverage", [0.3, 0.6, 0.9])
def test_more_words_never_lower_the_level_and_a_few_more_lift_it_a_level_at_most(trotsky, coverage):
    """The too-short cap eases as an answer nears the floor, instead of lifting at it: 118 words of
    a 120-word floor were level 1 and 122 level 2 (probe 82)."""
    from essaycoach.flags import short_flag

    levels = [level_and_mark(trotsky, coverage, 1.0, "reasoned", words, [f] if (f := short_flag(words, trotsky))
                             else [])[0] for words in range(10, 4 * trotsky.minutes * 4, 2)]
    assert levels == sorted(levels)
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels))
    floor = trotsky.short_words
    under, over = (level_and_mark(trotsky, coverage, 1.0, "reasoned", w, f)[0]
                   for w, f in ((floor - 2, [Flag("too-short", "")]), (floor + 2, [])))
    assert under == over
    assert level_and_mark(trotsky, coverage, 1.0, "reasoned", floor // 2, [Flag("too-short", "")])[0] <= 2


def test_more_coverage_never_lowers_the_mark(trotsky):
    marks = [level_and_mark(trotsky, c / 20, 1.0, "reasoned", 600, [])[1] for c in range(21)]
    assert marks == sorted(marks)


@pytest.mark.parametrize("phrase", verdicts._CONCLUDING + verdicts._EVALUATING)
def test_judgement_phrases_start_with_a_letter_and_are_found(phrase):
    # The search looks ahead on the phrases' first letters: a phrase starting otherwise (a
    # group, a class) would never be found.
    assert phrase[0].isalpha() and phrase[0].islower()
    example = re.sub(r"\(\?=[^)]*\)", ":", phrase)   # a label's look-ahead for its colon or dash
    example = re.sub(r"\(\?:([^|)]*)[^)]*\)\??", r"\1", example).replace(r"\s*", " ").replace(r"\w*", "s")
    example = re.sub(r"\[(.)[^\]]*\]", r"\1", example)
    example = re.sub(r"(\w)\?", r"\1", example)   # an optional letter, kept
    assert verdicts._EITHER.search(f"so, {example} here")


def test_readme_example_quotes_its_conclusion(engine, trotsky):
    from conftest import ROOT
    report = engine.grade((ROOT / "examples" / "amy.txt").read_text(encoding="utf-8"), trotsky)
    assert report.judgement_sentence.startswith("In conclusion")


def test_an_essay_pasted_twice_is_judged_by_the_conclusion_that_counts(engine, trotsky):
    """A walk: the second copy's ending is set aside as a repeat, and the opening line was judged
    "asserted" beside "End with a judgement that says why"."""
    from conftest import ROOT
    amy = (ROOT / "examples" / "amy.txt").read_text(encoding="utf-8").strip()
    once, twice = engine.grade(amy, trotsky), engine.grade(amy + "\n\n" + amy, trotsky)
    assert "repetition" in {w.code for w in twice.warnings}
    assert (twice.judgement, twice.judgement_sentence) == (once.judgement, once.judgement_sentence)
    assert twice.judgement_sentence.startswith("In conclusion")


@pytest.mark.parametrize("essay, quoted", [
    # a middle sentence weighs factors, but the concluding paragraph opens with "Overall"
    ("Trotsky made errors.\n\nStalin's post was more important than anything because it gave him votes.\n\n"
     "Overall, Trotsky's errors mattered less than Stalin's control of the party.", "Overall"),
    ("Intro.\n\nThe purge was largely unnecessary, as the opposition was beaten.\n\n"
     "To conclude, the purge was about fear. It went far beyond any real threat.", "To conclude"),
    # no concluding opener: the sentence that carries the judgement
    ("Trotsky lost.\n\nIn the end he lost mainly because Stalin controlled the party.", "In the end"),
    ("Trotsky lost. Stalin was mainly successful because he controlled the party.", "Stalin was mainly"),
    # one paragraph, a view at each end: the one it ends on (walk 45 quoted the opening line)
    ("I think hard engineering is good because sea walls protect houses. Groynes keep the sand on the beach. "
     "But it is very expensive. So I think it is not always the best way because it costs too much.",
     "So I think it is not always"),
])
def test_the_concluding_sentence_is_quoted(essay, quoted):
    from essaycoach.sentences import split_sentences
    sents = split_sentences(essay)
    verdict, sentence = judgement_verdict([s.text for s in sents], set(),
                                          verdicts.paragraph_ends(essay, [s.start for s in sents]))
    assert verdict != "none" and sentence.startswith(quoted)


@pytest.mark.parametrize("conclusion, ends", [
    # A concession, then the judgement it gives way to: the quote goes on into it (a walk saw
    # only the concession quoted as the student's judgement).
    ("In conclusion, Trotsky did make mistakes. However, Stalin's post mattered more because it gave him votes.",
     "because it gave him votes."),
    ("To sum up, it is true that the purge removed rivals. Ultimately, though, it went far beyond any threat.",
     "far beyond any threat."),
    ("In conclusion, the purge was mainly about fear, as the rivals were beaten. Many people died.",
     "as the rivals were beaten."),   # what follows adds no turn: not quoted
])
def test_a_conceding_conclusion_is_quoted_through_its_turn(conclusion, ends):
    from essaycoach.sentences import split_sentences
    essay = f"Trotsky made errors.\n\nStalin controlled appointments.\n\n{conclusion}"
    sents = split_sentences(essay)
    verdict, sentence = judgement_verdict([s.text for s in sents], set(),
                                          verdicts.paragraph_ends(essay, [s.start for s in sents]))
    assert verdict != "none" and sentence.startswith(conclusion.split(". ")[0]) and sentence.endswith(ends)


def _remarked(rubric, report, points):
    """The level and mark the verdict rules give ``report`` with ``points`` in place of its own."""
    from essaycoach.report import CREDIT
    from essaycoach.verdicts import side_summaries
    weight = sum(p.weight for p in points) or 1.0
    coverage = sum(p.weight * CREDIT[p.status] for p in points) / weight
    counted = report.words
    _, balance = balance_verdict(rubric, side_summaries(rubric, points), counted)
    return level_and_mark(rubric, coverage, balance, report.judgement, counted, report.warnings)


def _dev_reports(engine):
    from conftest import ROOT

    from essaycoach.evaluation import load_labelled
    from essaycoach.loaders import load_rubric
    for path in sorted((ROOT / "tests" / "data" / "devset").glob("*.yaml")):
        essays = load_labelled(path)
        rubric = load_rubric(essays[0].prompt, ROOT / "rubrics")
        for report in engine.grade_many([(e.id, e.text) for e in essays], rubric):
            yield rubric, report


def test_a_point_gained_never_lowers_the_mark(engine):
    """Every dev essay, every point one step up (missing -> partial -> covered): the mark never
    falls. (A balance read as a ratio of the sides once took a mark away for a point made on
    the stronger side.)"""
    from dataclasses import replace
    up = {"missing": "partial", "partial": "covered"}
    checked = 0
    for rubric, report in _dev_reports(engine):
        base = _remarked(rubric, report, report.points)
        assert base == (report.level, report.mark)  # the helper applies the engine's own rules
        for i, p in enumerate(report.points):
            if p.status in up:
                points = list(report.points)
                points[i] = replace(p, status=up[p.status])
                assert _remarked(rubric, report, points)[1] >= base[1], (report.student, p.id)
                checked += 1
    assert checked > 200


# A sentence of 23 words, and what each side's points are made with: (point id, status, sentence).
LONG = ("As General Secretary Stalin appointed the local party secretaries, who chose the delegates to "
        "congress, so by 1927 the votes were already his.")
SHORT = "Stalin controlled appointments."


@pytest.mark.parametrize(("made", "words"), [
    ([], 0),
    ([("general-secretary", "covered", LONG)], 23),
    # one sentence making two points develops both: the side's words count it for each
    ([("general-secretary", "covered", LONG), ("unclear-succession", "partial", LONG)], 46),
    ([("general-secretary", "covered", LONG), ("red-army-fear", "covered", SHORT)], 26),
    ([("general-secretary", "missing", LONG)], 0),
])
def test_a_sides_words_count_the_sentence_of_each_point_it_makes(trotsky, made, words):
    from dataclasses import replace

    from essaycoach.verdicts import side_summaries
    blank = {p.id: PointResult(p.id, p.side, p.text, p.weight, "missing", 0.0, None, None, None, None)
             for p in trotsky.points}
    points = [replace(blank[pid], status=status, sentence=sentence if status != "missing" else None)
              for pid, status, sentence in made]
    points += [p for pid, p in blank.items() if pid not in {m[0] for m in made}]
    against = next(s for s in side_summaries(trotsky, points) if s.side == "against")
    assert against.words == words


# --- what holds an essay below the top level: (coverage, balance, judgement, words) -> advice ----
@pytest.mark.parametrize(("coverage", "balance", "judgement", "words", "says"), [
    (0.9, 1.0, "reasoned", 700, []),                                         # the top level: nothing
    (0.9, 1.0, "asserted", 700, ["says why"]),
    (0.9, 1.0, "none", 700, ["conclusion"]),
    (0.9, 0.0, "reasoned", 700, ["other side"]),
    (0.9, 0.3, "reasoned", 700, ["without both sides well developed"]),
    (0.3, 1.0, "reasoned", 700, ["more of the points"]),                      # too few points made
    (0.9, 1.0, "reasoned", 250, ["250 words is short for a 45-minute answer"]),  # too few words
    (0.2, 1.0, "reasoned", 200, ["more of the points"]),                      # both: the tighter one
    # Too few points for the top, though length is what holds it now: told both, the cap by name.
    (0.5, 1.0, "reasoned", 300, ["300 words is short", "leaves out many of them cannot go above level 4"]),
    (0.5, 1.0, "reasoned", 700, ["leaves out many of them cannot go above level 4"]),
])
def test_level_steps_name_what_holds_the_level_back(trotsky, coverage, balance, judgement, words, says):
    level, _ = level_and_mark(trotsky, coverage, balance, judgement, words, [])
    steps = level_steps(trotsky, coverage, balance, judgement, words, [], level)
    assert len(steps) >= len(says) and all(any(s in step for step in steps) for s in says), steps
    assert (level == len(trotsky.levels)) is (not steps)
    assert sum(step.startswith("Make more of the points") for step in steps) <= 1, steps  # said once


@pytest.mark.parametrize(("text", "says", "never"), [
    # too short to have points to develop: write the answer
    ("Trotsky made lots of mistakes so Stalin won. He missed the funeral and was arrogant.",
     "Write a full answer: 15 words is too short for a 45-minute question", "Develop each point"),
    # long enough to be marked as an answer: develop what it makes
    (None, "Develop each point further", "Write a full answer"),
])
def test_an_answer_too_short_to_develop_is_told_to_write_one(engine, trotsky, text, says, never):
    from conftest import ROOT

    text = text or (ROOT / "examples" / "amy.txt").read_text(encoding="utf-8")
    steps = engine.grade(text, trotsky).next_steps
    assert any(step.startswith(says) for step in steps), steps
    assert not any(never in step for step in steps), steps


def test_flags_say_their_own_advice_and_short_answers_ask_for_the_missing_points(trotsky):
    from dataclasses import replace

    flagged = [Flag("keyword-list", "")]
    level, _ = level_and_mark(trotsky, 0.9, 1.0, "reasoned", 700, flagged)
    assert level_steps(trotsky, 0.9, 1.0, "reasoned", 700, flagged, level) == ()
    short = replace(trotsky, marks=6, levels=trotsky.levels[:2])
    assert "missing" in level_steps(short, 0.5, 0.0, "none", 40, [], 1)[0]
    assert level_steps(short, 1.0, 0.0, "none", 40, [], 2) == ()


def test_what_holds_the_level_now_comes_first(trotsky):
    """A short, unbalanced essay at level 2: its length holds it there, the balance only later
    (a browser walk saw the cap of level 3 advised first to an essay at level 2)."""
    level, _ = level_and_mark(trotsky, 0.5, 0.3, "reasoned", 150, [])
    steps = level_steps(trotsky, 0.5, 0.3, "reasoned", 150, [], level)
    assert level == 2 and steps[0].startswith("Develop each point further")
    assert "without both sides well developed" in steps[1] and "only one side" not in steps[1]
    one_sided, _ = level_and_mark(trotsky, 0.9, 0.0, "reasoned", 700, [])
    assert level_steps(trotsky, 0.9, 0.0, "reasoned", 700, [], one_sided)[0].startswith("Argue the other side")


def test_an_essay_padded_by_repetition_is_told_what_counts_not_that_it_is_short(engine, trotsky):
    """A walk: a 16,105-word essay of one paragraph repeated was told "85 words is short"."""
    paragraph = ("Trotsky missed Lenin's funeral because Stalin told him the wrong date, so he looked as if he "
                 "did not care. Stalin used his post as General Secretary to appoint his supporters. ")
    report = engine.grade(paragraph * 60, trotsky)
    assert "repetition" in {w.code for w in report.warnings}
    advice = " ".join(report.next_steps)
    assert "count once repeated or copied text is set aside" in advice and "is short for" not in advice


def test_a_question_weighing_no_case_is_not_told_to_say_how_far_it_agrees(trotsky):
    """A walk: an extended "Explain the causes of coastal flooding" answer was told "say how far you agree"."""
    from dataclasses import replace as swap

    explain = swap(trotsky, points=tuple(swap(p, side="neutral") for p in trotsky.points))
    for rubric, says in ((trotsky, "say how far you agree"), (explain, "sum up your answer")):
        level, _ = level_and_mark(rubric, 0.9, 1.0, "none", 700, [])
        steps = " ".join(level_steps(rubric, 0.9, 1.0, "none", 700, [], level))
        assert says in steps, steps


def test_no_point_made_is_told_to_make_points_not_to_balance_them(trotsky):
    flags = [Flag("too-short", "")]
    assert level_steps(trotsky, 0.0, 0.0, "none", 0, flags, 0) == (
        "Make the points the question asks for: the missing points below say what to write.",)


def test_copied_notes_are_named_in_the_advice(trotsky):
    flags = [Flag("copied-notes", "")]
    level, _ = level_and_mark(trotsky, 0.9, 1.0, "reasoned", 700, flags)
    steps = level_steps(trotsky, 0.9, 1.0, "reasoned", 700, flags, level)
    assert level == 1 and steps[0].startswith("Write the answer in your own words")


def test_amy_is_told_to_develop_her_points(engine, trotsky):
    from conftest import ROOT

    from essaycoach.attempts import report_from_dict
    from essaycoach.report import render_text

    report = engine.grade((ROOT / "examples" / "amy.txt").read_text(encoding="utf-8"), trotsky)
    assert report.level < len(trotsky.levels) and report.next_steps
    assert "Develop each point further" in report.next_steps[0]
    assert report_from_dict(report.to_dict(), trotsky).next_steps == report.next_steps
    assert f"> to go higher: {report.next_steps[0]}" in render_text(report)


def test_a_note_form_answer_at_level_one_is_told_to_develop_it_not_to_balance_it(engine, trotsky):
    """A walk: a 29-word list of notes at level 1 was told to develop its points, to conclude and
    to "develop both sides fully ... cannot go above level 3": a cap two levels above waits. Under
    the too-short floor it is told to write a full answer, not to develop points it barely has."""
    notes = ("Gen sec - appointments, packed congress. Lenin funeral - Trotsky missed it. Trotsky arrogant, "
             "didnt build support. Power vacuum after Lenin died 1924. Red Army fears. Zinoviev Kamenev triumvirate.")
    report = engine.grade(notes, trotsky)
    assert report.level == 1 and report.next_steps and report.next_steps[0].startswith("Write a full answer")
    assert not any("both sides" in step or "conclusion" in step for step in report.next_steps), report.next_steps


@pytest.mark.parametrize(("balance", "judgement", "says"), [
    (0.3, "reasoned", "without both sides well developed"),   # a cap of level 3 is all that holds it
    (1.0, "none", "Answer the question in your conclusion"),
])
def test_a_cap_far_above_is_still_said_when_nothing_else_is(trotsky, balance, judgement, says):
    steps = level_steps(trotsky, 0.9, balance, judgement, 700, [], 1)
    assert len(steps) == 1 and says in steps[0], steps


@pytest.mark.parametrize("bands, one_sided, unbalanced, no_judgement", [
    (((1, 5), (6, 10), (11, 15), (16, 20), (21, 25)), 2, 3, 3),
    (((1, 3), (4, 6), (7, 9), (10, 12)), 2, 2, 2),
    (((1, 4), (5, 8), (9, 12)), 1, 2, 2),
])
def test_a_cap_of_the_argument_keeps_its_share_of_the_scale(trotsky, bands, one_sided, unbalanced, no_judgement):
    """Two levels below the top is level 3 of 5 but level 1 of 3: a full answer on a three-level
    rubric without a conclusion had been held to the lowest band."""
    rubric = _with_levels(trotsky, *bands)
    assert level_and_mark(rubric, 1.0, 0.0, "reasoned", 900, [])[0] == one_sided
    assert level_and_mark(rubric, 1.0, 0.3, "reasoned", 900, [])[0] == unbalanced
    assert level_and_mark(rubric, 1.0, 1.0, "none", 900, [])[0] == no_judgement


@pytest.mark.parametrize("coverage, balance, judgement, words", [
    (0.9, 1.0, "reasoned", 700), (0.9, 1.0, "reasoned", 300), (0.75, 1.0, "reasoned", 250),
    (0.6, 1.0, "reasoned", 200), (0.65, 1.0, "reasoned", 120), (0.7, 1.0, "reasoned", 60),
])
def test_a_scale_of_fewer_levels_tops_out_at_the_level_the_five_level_scale_gives(trotsky, coverage, balance,
                                                                                  judgement, words):
    """The same answer is level 4 of four where it is level 4 or 5 of five, and the same level
    below that: a four-level scale is the five-level one with its top two levels as one, not the
    five-level cuts squeezed (which put the top of four where level 5 of five nearly begins).
    (Caps of the argument are shares of the scale, and are left out here.)"""
    five = level_and_mark(trotsky, coverage, balance, judgement, words, [])[0]
    for bands in (((1, 6), (7, 12), (13, 18), (19, 25)), ((1, 8), (9, 16), (17, 25))):
        assert level_and_mark(_with_levels(trotsky, *bands), coverage, balance, judgement, words, [])[0] \
            == min(five, len(bands))


@pytest.mark.parametrize("answer, level", [
    # teachers' own four- and three-level rubrics, each answer judged before the engine ran (probes)
    ("hist-nazi-rise-mistakes", 4), ("hist-depression-hitler-mistakes", 4), ("geog-sahel-desert-mistakes", 4),
    ("soc-family-function-mistakes", 4), ("lit-macbeth-ambition-full", 4), ("hist-dissolution-mistakes", 3),
    ("hist-black-death-short", 3), ("pol-referendums-half", 2), ("bus-merger-mistakes", 3),
])
def test_an_answer_on_a_teachers_rubric_of_few_levels_gets_the_level_the_teacher_gave(engine, answer, level):
    from conftest import ROOT

    from essaycoach.loaders import read_rubric_file

    teacher = ROOT / "tests" / "data" / "teacher"
    rubric = read_rubric_file(teacher / f"{answer.rsplit('-', 1)[0]}.yaml")
    assert engine.grade((teacher / "essays" / f"{answer}.txt").read_text(encoding="utf-8"), rubric).level == level


def test_a_full_answer_without_its_conclusion_loses_one_level_of_three(engine):
    from conftest import ROOT

    from essaycoach.loaders import read_rubric_file

    rubric = read_rubric_file(ROOT / "tests" / "data" / "teacher" / "geog-coastal-erosion.yaml")
    essay = (ROOT / "tests" / "data" / "teacher" / "essays" / "coastal-priya.txt").read_text(encoding="utf-8")
    whole = engine.grade(essay, rubric)
    cut = engine.grade(essay[:essay.rindex("Overall")], rubric)
    assert (whole.level, whole.judgement) == (3, "reasoned")
    assert (cut.level, cut.mark, cut.judgement) == (2, 8, "none")


def test_a_conclusion_cut_at_its_comma_so_keeps_its_reason():
    """Probe 93: a 41-word conclusion was cut before ", so the benefits outweigh the costs", and its
    pieces joined without the comma gave no reason: one word more ("much") and a full answer was
    asserted, capped from 15/15 to 10/15; at 40 words, uncut, it was reasoned."""
    ending = ("Overall, whether a deficit is harmful depends on the state of the economy: in a deep recession, "
              "crowding out and inflation are unlikely, so the benefits outweigh the costs, but a structural deficit "
              "in a boom is {}harder to justify.")
    for extra in ("", "much "):
        text = "Debt rose in 2009.\n\n" + ending.format(extra)
        sents = split_sentences(text)
        pieces = [s.text for s in sents]
        kind, first, last = verdicts.judgement_at(pieces, set(), list(range(1, len(pieces))),
                                                  ends=sentence_ends(text, sents))
        assert (kind, first, last) == ("reasoned", 1, len(pieces) - 1), (extra, pieces)


EVIL = "'The existence of evil and suffering proves that God does not exist.' Evaluate this claim. [20 marks]"


@pytest.mark.parametrize("question, ending, expected", [
    # a sentence of the ending that restates the claim quoted takes a side on it, signpost or none
    # (probe 96: the strongest answer, ending "it does not prove that God does not exist", had no
    # judgement and was held at level 2 of 4)
    (EVIL, ["Nevertheless, they show that there is no contradiction in believing in both God and evil.",
            "At most, evil makes belief in God harder; it does not prove that God does not exist."], "reasoned"),
    (EVIL, ["Evil and suffering mean God does not exist."], "asserted"),
    (EVIL, ["Augustine said evil is a privation."], "none"),
    # a question quoting no claim: naming its topic takes no side
    ("Evaluate the multi-store model of memory. [16 marks]",
     ["The multi-store model was made by Atkinson and Shiffrin in 1968."], "none"),
])
def test_a_sentence_of_the_ending_restating_the_claim_judges_it(question, ending, expected):
    from essaycoach.analyze import Analyzer, tokenize
    term = Analyzer().term
    claim = verdicts.claim_terms(question, term)
    sentences = ["Hick wrote of soul-making.", *ending]
    kind = verdicts.judgement_verdict(
        sentences, set(), list(range(1, len(sentences))),
        restates=lambda i: verdicts.restates_claim({term(w) for w in tokenize(sentences[i])}, claim))[0]
    assert kind == expected
