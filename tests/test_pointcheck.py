"""The second look at credited points: distinctive terms, fragments, negation, and "check this"."""
import re

import pytest
from conftest import ROOT

from essaycoach.evaluation import load_labelled
from essaycoach.loaders import load_rubric, read_rubric_file
from essaycoach.negation import (
    clause_terms,
    denial_adjuncts,
    denials,
    denied_terms,
    explained,
    main_denial,
    reporters,
    setting,
)
from essaycoach.report import NOT_CREDITED
from essaycoach.sentence_form import is_fragment, is_unfinished
from essaycoach.sentences import split_sentences


def verdict(engine, rubric_id, text, point):
    report = engine.grade(text, load_rubric(rubric_id, ROOT / "rubrics"))
    return next(p for p in report.points if p.id == point)


@pytest.mark.parametrize("rubric_id, text, point", [
    # Topic words several points share do not make one of them.
    ("trotsky-errors", "He put his own supporters in and they voted for him at the party congress.", "congress-1924"),
    ("trotsky-errors", "Other Bolsheviks also miscalculated.", "ignored-triumvirate"),
    ("destalinization-causes", "Secondly, Khrushchev.", "khrushchev-reforms"),
    # An everyday verb in a form the stemmer keeps apart ("gave", from the alias "Stalin gave him
    # the wrong date") is as everyday as "give" (a walk's conclusion was credited the funeral).
    ("trotsky-errors", "In conclusion, Trotsky's errors mattered less than Stalin's control of the party because "
                       "that gave him the votes.", "funeral"),
    # Bare notes (no verb, names and dates) earn at most partial.
    ("trotsky-errors", "gen sec 1922 - appointments", "general-secretary"),
    ("trotsky-errors", "Zinoviev, Kamenev, Stalin, 1922", "ignored-triumvirate"),
    # A sentence broken off when time ran out has not made its point yet.
    ("trotsky-errors", "Stalin won because as General Secretary he controlled the", "general-secretary"),
    ("purge-necessary", "The army purge in 1937 removed Tukhachevsky and", "army-purge"),
])
def test_shared_words_and_fragments_earn_at_most_partial(engine, rubric_id, text, point):
    assert verdict(engine, rubric_id, text, point).status != "covered"


@pytest.mark.parametrize("text, unfinished", [
    ("If the temperature goes higher than the optimum, the bonds that", True),
    ("Stalin controlled appointments and", True),
    ("Trotsky missed the funeral because", True),
    ("Stalin gained control of the", True),
    ("Stalin controlled appointments.", False),
    ("Stalin controlled appointments", False),   # no full stop, but nothing left hanging
    ("That was what Trotsky relied on", False),  # a sentence may end on a preposition
    ("He knew that.", False),
])
def test_unfinished(text, unfinished):
    assert is_unfinished(text) is unfinished


def test_a_pasted_keyword_list_makes_no_point(engine):
    """A comma list of the notes' key terms names points without making any (issue 10, item 6)."""
    keywords = ("Kirov murder 1934, United Opposition, Trotsky Zinoviev Kamenev, show trials, old Bolsheviks, "
                "Rykov, Bukharin, NKVD, Yezhov, 17 million, Red Army officers, Tukhachevsky, forced confessions, "
                "torture, gulag, absolute control")
    report = engine.grade(keywords, load_rubric("purge-necessary", ROOT / "rubrics"))
    assert not [p.id for p in report.points if p.status == "covered"]
    assert "keyword-list" in {w.code for w in report.warnings}


@pytest.mark.parametrize("rubric_id, text, point", [
    ("trotsky-errors", "Trotsky did not attend Lenin's funeral, so Stalin looked like the true heir.", "funeral"),
    # a verb that is the negative of an act, as "missed" is: not read as saying he attended
    ("trotsky-errors", "Trotsky skipped Lenin's funeral in 1924, so Stalin looked like the true heir.", "funeral"),
    ("trotsky-errors", "Trotsky boycotted Lenin's funeral, so Stalin gave the main speech.", "funeral"),
    ("trotsky-errors", "Stalin controlled party appointments as General Secretary.", "general-secretary"),
    ("trotsky-errors", "Trotsky never pressed for the publication of Lenin's Testament.", "testament"),
    ("cult-propaganda", "Children were taught at school that Stalin was their protector.", "children"),
    # "everywhere" is the point's content, though scikit-learn lists it as a stop word
    ("cult-propaganda", "Pictures of Stalin were everywhere you looked.", "portraits"),
    # the negation denies what the victims were, not that they were killed
    ("purge-necessary", "Most of the people who died were not opponents of Stalin at all.", "scale"),
    ("purge-necessary", "The purge hit the army hard: Tukhachevsky and most of the generals were shot.",
     "army-purge"),
    # "failed to prevent his expulsion" reads as a denial of the expulsion, which its aliases state
    # ("expelled in 1927"): no contradiction rests on the light "party" left once that is set aside
    ("trotsky-errors", "In 1927 he was expelled from the party and in 1929 he was thrown out of the USSR.",
     "expulsion-1927"),
])
def test_a_sentence_making_the_point_is_covered(engine, rubric_id, text, point):
    p = verdict(engine, rubric_id, text, point)
    assert p.status == "covered", p


@pytest.mark.parametrize("text", [
    "He didn't go to Lenin's funeral, which made him look as if he did not care.",
    "Trotsky missed Lenin's funeral because he was ill and Stalin lied about the date.",
])
def test_an_absence_agrees_with_a_point_saying_instead_of(engine, text):
    """A teacher's point "stayed away instead of coming back for the funeral" says a negative
    without a negation word: a student's "didn't go" agrees with it."""
    rubric = read_rubric_file(ROOT / "tests" / "data" / "generalise" / "power-struggle-mistakes.yaml")
    p = next(p for p in engine.grade(text, rubric).points if p.id == "absent-1924")
    # Not read as its opposite (a credit on the one word "funeral" is still worth a look)
    assert p.status == "covered" and "opposite" not in (p.check or ""), p


@pytest.mark.parametrize("rubric_id, text, point", [
    ("trotsky-errors", "Stalin did not control appointments.", "general-secretary"),
    ("trotsky-errors", "Trotsky did attend Lenin's funeral and spoke there.", "funeral"),
    ("trotsky-errors", "Trotsky was never overconfident about his reputation as Lenin's successor.", "overconfidence"),
    ("purge-necessary", "The army was not purged and its generals were never touched.", "army-purge"),
    # Denying that the thing mattered at all denies the point, whatever else the point says.
    ("purge-necessary", "The purge of the army made no difference to the Soviet Union's security.", "army-purge"),
    # ... also when the point itself is put as a failure ("Trotsky failed to press for publication of
    # Lenin's Testament"): both deny something, but this denies the Testament any part (a walk).
    ("trotsky-errors", "Lenin's Testament had nothing to do with it.", "testament"),
    ("trotsky-errors", "Lenin's Testament had little to do with Stalin's rise.", "testament"),
    ("trotsky-errors", "Lenin's Testament was not important.", "testament"),
    # a walk: "forbidden to offer creches" had been credited for "factories had to offer creches"
    ("women-status", "Factories were forbidden to offer creches, so mothers stayed at home.", "creches"),
    ("women-status", "Women were stopped from working in factories.", "creches"),
])
def test_a_negated_match_is_partial_and_checked(engine, rubric_id, text, point):
    p = verdict(engine, rubric_id, text, point)
    assert p.status == "partial" and p.borderline and "opposite" in p.check and p.doubt == 1.0


@pytest.mark.parametrize("rubric_id, text, about, other", [
    # Sentences from the dev set: each makes one point, and its only terms of another point are
    # terms its own point has too. It makes nothing of that other point, not even half of it (a
    # one-sided essay had looked balanced on such half-credits).
    ("cult-propaganda", "The Union of Soviet Writers was set up in 1934 and every writer had to write about the "
     "Party and socialism in a simple way workers could understand.", "writers", "writers-threatened"),
    ("trotsky-errors", "Then in 1926 he joined Zinoviev and Kamenev in the United Opposition.", "united-opposition",
     "others-miscalculated"),
    ("destalinization-causes", "There was also the Thaw which was when there was less censorship. People had more "
     "freedom to say what they wanted and write books.", "thaw", "slight-easing"),
])
def test_a_sentence_about_one_point_makes_nothing_of_another_sharing_its_words(engine, rubric_id, text, about, other):
    points = {p.id: p for p in engine.grade(text, load_rubric(rubric_id, ROOT / "rubrics")).points}
    assert points[about].status == "covered" and points[other].status == "missing", (points[about], points[other])


FRESH_RUBRICS = ROOT / "tests" / "data" / "fresh" / "rubrics"


@pytest.mark.parametrize("rubric_file, text, point", [
    # A cue reaches past a preposition ("as", "before", "than"...) to the phrase it governs.
    ("rubrics/trotsky-errors.yaml", "Stalin failed to use his position as General Secretary to appoint supporters.",
     "general-secretary"),
    ("rubrics/purge-necessary.yaml", "Kirov's murder in 1934 was never presented as proof of a terrorist threat.",
     "kirov-murder"),
    ("tests/data/fresh/rubrics/stalin-machine.yaml",
     "Stalin never had the power to appoint officials as General Secretary.", "gensec-appointments"),
    # Every term shared with the point said the other way round: the point denies one half
    # ("no single character is to blame") and states the other, and the answer turns both.
    ("tests/data/fresh/rubrics/inspector-birling.yaml",
     "Priestley's message is that responsibility is not shared, and one character alone is to blame.", "collective"),
    # An alias using a term the other way round ("kept the testament secret", "Lenin's Testament was
    # suppressed") does not make the answer agree through that term alone.
    ("rubrics/trotsky-errors.yaml", "Trotsky pressed hard for Lenin's Testament to be published.", "testament"),
    ("tests/data/fresh/rubrics/stalin-machine.yaml",
     "Trotsky attended Lenin's funeral and made sure the Testament was published.", "funeral-testament"),
])
def test_a_denial_is_seen_whatever_the_point_says_around_it(engine, rubric_file, text, point):
    rubric = read_rubric_file(ROOT / rubric_file)
    p = next(p for p in engine.grade(text, rubric).points if p.id == point)
    assert p.status == "partial" and p.check and "opposite" in p.check, p


@pytest.mark.parametrize("text, negated", [
    ("Stalin was never seen as Lenin's heir", {"lenin": True}),         # a preposition: the cue reaches on
    ("Trotsky did not return before January", {"januari": True}),
    ("Trotsky was not ill as he claimed", {"ill": True, "claim": False}),  # "as he": a clause of its own
    ("Trotsky did not return before the funeral was over", {"funer": False}),
])
def test_a_cue_reaches_past_a_preposition_not_into_a_new_clause(trotsky, engine, text, negated):
    found = clause_terms(text, engine.matcher(trotsky).analyzer.term)
    assert {t: found.get(t) for t in negated} == negated


@pytest.mark.parametrize("text, point", [
    # The first sentence denies something else of the subject; the second denies the point.
    ("White blood cells do not make antibodies. No memory cells are made.", "memory-cells"),
    ("The vaccine does not make you ill. Memory cells are never made.", "memory-cells"),
])
def test_a_denial_in_either_sentence_of_a_window_is_seen(engine, text, point):
    """Two sentences read together must not hide the denial one of them makes on its own."""
    rubric = read_rubric_file(ROOT / "tests" / "data" / "fresh" / "rubrics" / "gcse-vaccination.yaml")
    p = next(p for p in engine.grade(text, rubric).points if p.id == point)
    assert p.status != "covered" and p.check and "opposite" in p.check


@pytest.mark.parametrize("rubric_id, text, point", [
    # The negation denies something the point does not state: what the clause is about stands.
    ("trotsky-errors", "Trotsky's permanent revolution was not popular with a party tired of upheaval.",
     "radical-ideology"),
    ("purge-necessary", "The purge of the army was not necessary for security, yet Tukhachevsky and most generals "
     "were shot.", "army-purge"),
    ("cult-propaganda", "The portraits of Stalin in every public space were not there by accident.", "portraits"),
    ("destalinization-causes", "The release of prisoners from the gulags was not complete.", "prisoners-released"),
    # The denial is in words that carry no term ("not there"): nothing shows it turns the point round.
    ("trotsky-errors", "He was not there when they buried Lenin.", "funeral"),
])
def test_a_denial_of_something_else_is_no_contradiction(engine, rubric_id, text, point):
    p = verdict(engine, rubric_id, text, point)
    assert p.status == "covered" and p.check is None, p


@pytest.mark.parametrize("text, about, denied", [
    ("His idea of permanent revolution was not popular", {"idea", "perman", "revolut"}, {"popular"}),
    ("Stalin did not control appointments", {"stalin"}, {"control", "appoint"}),
    ("Nobody dared to speak", set(), {"dare", "speak"}),
    ("Trotsky was ill and Stalin controlled appointments", None, None),  # no denial at all
    ("Storm waves are not important for our coast", None, None),  # denies the subject's part: kept denied
    ("Groynes make no real difference", None, None),
])
def test_denials_split_a_clause_at_its_first_cue(engine, trotsky, text, about, denied):
    found = denials(text, engine.matcher(trotsky).analyzer.term)
    if about is None:
        assert found == []
    else:
        assert found == [(frozenset(about), frozenset(denied))]


@pytest.mark.parametrize("text, negated", [
    ("Stalin did not control appointments", {"appoint": True, "stalin": True}),
    # what "rather than" rules out is denied, whatever follows it ("by", "for")
    ("People were killed for a potential crime rather than for any actual opposition",
     {"potenti": False, "rival": True}),
    ("The army was not purged", {"armi": True}),
    ("Trotsky missed the funeral", {"funer": True}),
    ("Trotsky didn't miss the funeral", {"funer": False}),
    ("Stalin, not Trotsky, controlled appointments", {"appoint": False}),
    ("Trotsky failed because Stalin controlled appointments", {"appoint": False}),
    # what did not happen, said without a negation word
    ("Trotsky stayed in the south instead of coming back for the funeral", {"funer": True, "south": False}),
    ("Trotsky chose silence rather than a fight at the congress", {"fight": True, "silenc": False}),
    # a limited claim ("not all", "not everything") is no denial
    ("It wasn't all freedom", {"free": False}),
    ("Khrushchev didn't change everything", {"chang": False}),
    ("The funeral was not the single biggest reason", {"funer": False}),
    ("Not a single delegate voted for Trotsky", {"deleg": True}),   # "a single": not one, a denial
    ("Stalin won not at all by luck", {"luck": True}),              # "at all": none, a denial (probe 57)
    # a clause run on without a comma opens on its subject pronoun; a phrase with no verb before
    # one is no clause ("At the congress in 1924 he didn't ...")
    ("The loyal ones dont die they survive", {"death": True, "surviv": False}),
    ("Stalin did not trust the men he appointed", {"trust": True, "appoint": False}),
    ("At the party congress in 1924 he didn't challenge Stalin", {"congress": True}),
    # a condition is a clause of its own: "if" ends a denial's reach, and a denial in it does not
    # reach the clause before (probe 55: "STM only lasts about 18 secs if you dont rehearse")
    ("Stalin controlled appointments if Trotsky did not object", {"appoint": False}),
    ("Trotsky did not object if Stalin controlled appointments", {"appoint": False}),
    # after a denial with no verb, "and" before a verb opens a clause ("without rehearsal and Miller found")
    ("Stalin won without a fight and Trotsky left Russia", {"fight": True, "russia": False}),
    # a refusal naming nothing refuses what was asked for; an answer to no request denies nothing before it
    ("Trotsky asked to speak at the congress, but Stalin refused", {"congress": True}),
    ("Trotsky spoke at the congress, but Stalin refused", {"congress": False}),
    # what is shown or said is a clause of its own: a denial in it does not reach who shows it
    ("The Testament showed that Stalin was not loyal", {"testament": False, "support": True}),
    # a misspelt linking word ends the clause as the word spelt right would
    ("His permanent revolution was not popular becuase people were sick of war", {"war": False}),
    ("Stalin did not win the vote altough he controlled appointments", {"appoint": False}),
    ("Trotsky did not return thought he knew the funeral date", {"funer": True}),  # an English word is no misspelling
    # a relative clause in the subject is said, not denied: the cue denies the predicate
    ("Most of the people who died were not opponents of Stalin", {"death": False, "rival": True}),
    ("The army which had won the war was not trusted", {"war": False, "trust": True}),
    ("Few Bolsheviks trusted Trotsky", {"trust": True}),
    ("A few Bolsheviks trusted Trotsky", {"trust": False}),
    ("There was very little support for Trotsky", {"support": True}),   # "little" as "few" (probe 58)
    ("There was a little support for Trotsky", {"support": False}),
    ("The little army was loyal", {"support": False}),                  # the size
    ("The man who wrote it never published it", {"wrote": False, "publish": True}),
    # a cue at the relative clause's head is its own
    ("Those who did not oppose him were killed", {"rival": True}),
    ("The officers who had not been loyal were shot", {"support": True}),
    # what follows an exception is said: "no evidence apart from the confessions"
    ("There was no evidence apart from the confessions", {"evid": True, "confess": False}),
    ("Nobody was safe except Stalin's closest allies", {"safe": True, "support": False}),
    ("No one spoke out besides a few brave delegates", {"deleg": False}),
    # "not because Y" denies the reason, not the clause before it; "failed because" is a failure
    ("Trotsky lost not because he was lazy but because Stalin was clever", {"lost": False, "lazi": True,
                                                                          "clever": False}),
    ("It wasn't because Trotsky was ill", {"ill": True}),
    ("Stalin won, not since he was popular", {"popular": True, "won": False}),
    # a concession or a lesser part is no denial
    ("Stalin would keep control no matter what", {"control": False}),
    # "X not the Y" sets Y against X, as "rather than" does: only Y is denied (probe 69: "the thoughts could
    # be a symptom not the cause" denied the symptom too)
    ("Trotsky was a rival not the heir", {"rival": False}),
    ("Stalin won the congress not the funeral", {"congress": False, "funer": True}),
    # a denial's contraction misspelt by one edit is a denial still (probe 69: "it dosent look at biology"
    # was read as saying it does, and 'doesn't' as denying it)
    ("Trotsky dident attend the funeral", {"funer": True}),
    ("Trotsky dosent attend the congress", {"congress": True}),
    # "no" before a pronoun, a determiner or a question word is "know" misspelt (probe 63)
    ("you would no someone controlled appointments", {"appoint": False}),
    ("I no that Stalin controlled appointments", {"appoint": False}),
    ("No he did not control appointments", {"appoint": True}),
    ("There was no evidence", {"evid": True}),
    ("The funeral was not the main reason Trotsky lost", {"funer": False}),
    ("The funeral was not as important as the Testament", {"funer": False}),
    ("The army was not as loyal as he thought", {"support": True}),   # a comparison of anything else denies
    # ... but "not as loyal", compared with nothing, is less loyal (probe 89: "the pull ... is not as strong")
    ("The army was not as loyal.", {"support": False, "armi": False}),
    # "and" joining a thing keeps the cue's reach; joining a verb or a clause does not (walk)
    ("Trotsky never joined Zinoviev and Kamenev in the United Opposition", {"kamenev": True, "rival": True}),
    ("Trotsky did not attend the funeral and Stalin spoke there", {"funer": True, "stalin": False}),
    ("Zinoviev and Kamenev did not underestimate Stalin", {"zinoviev": True, "kamenev": True}),   # a subject of two
    ("He will not accept any blame and worries only about the scandal", {"blame": True, "scandal": False}),
    ("Stalin did not control appointments and packed the congress", {"appoint": True, "congress": False}),
    # a statement framed as untrue is denied; a myth made, or false charges, are things said (walk)
    ("It is a myth that Trotsky looked down on officials", {"disdain": True}),
    ("It's a myth that Trotsky looked down on officials", {"disdain": True}),
    ("The idea that Trotsky was arrogant is a myth", {"overconfid": True}),
    ("It is simply untrue that Stalin controlled the congress", {"control": True}),
    ("It is false that Stalin controlled the congress", {"control": True}),
    ("Propaganda created a myth that Stalin was a genius", {"genius": False}),
    ("The myth of Stalin the genius was spread by posters", {"genius": False}),
    ("The charges were false and the confessions forced", {"confess": False}),
    ("Many were shot on false charges", {"kill": False, "charg": False}),
    # kept from an act: it did not happen; a ban alone says what was banned
    ("Trotsky was banned from speaking at the funeral", {"funer": True}),
    ("Trotsky was prevented from attending the funeral", {"funer": True}),
    ("Trotsky was forbidden to publish the Testament", {"testament": True}),
    ("The Testament was banned", {"testament": False}),
    # a denial carried on to a second thing is no second denial (probe 60: "FPTP is not simple to
    # understand and not quick to count" was credited for "simple ... and quick to count")
    ("Trotsky was neither popular nor trusted", {"popular": True, "trust": True}),
    ("Trotsky was not popular and not trusted", {"popular": True, "trust": True}),
    ("It is not that Trotsky did not try", {"tri": False}),   # the first turns the second round
    # a cue that is a noun naming an act denies nothing after it (probe 62: "The boycott made Martin
    # Luther King a national figure" was a denial, so "It made Martin Luther King famous" its opposite)
    ("The boycott made Trotsky famous", {"boycott": False, "famous": False}),
    ("Trotsky became famous because of the bus boycott", {"famous": False}),
    ("The boycott of the congress lasted a year", {"congress": True}),
    ("The delegates boycott the congress", {"congress": True}),
    ("Their failure to attend the congress was fatal", {"congress": True}),
    # a participle cue after a determiner is an adjective: it says what the thing is, and denies
    # nothing (probe 59: "wait for the missing data to be sent again" had denied the waiting)
    ("Stalin waited for the missing delegates to arrive at the congress", {"deleg": False, "congress": False}),
    ("Stalin picked delegates that failed to attend the congress", {"congress": True}),   # "that": a verb follows
    ("The delegates were missing from the congress", {"deleg": True}),
    # "without" and a thing opening a sentence denies the thing, not the clause after it, comma or
    # none (probe 62: "Without trees the heavy rain washes the soil away" was the point's opposite);
    # a clause with a cue of its own is the other half of a double negative
    ("Without the army the congress would fail", {"armi": True, "congress": False}),
    ("Without the army Stalin could not win", {"armi": False}),
    # "with no Y" after a clause denies Y, as "without Y" does (probe 59: "UDP sends data straight
    # away with no handshake" was the opposite of "... sends data straight away without a handshake")
    ("Stalin won the congress with no army", {"armi": True, "congress": False}),
    # ... but not where the thing goes or is (probe 64: "pumps the blood with no oxygen to the lungs"
    # denied the lungs); an infinitive after it is still what is denied
    ("Trotsky went without Zinoviev to the congress", {"zinoviev": True, "congress": False}),
    ("Trotsky went with no Zinoviev to the congress", {"zinoviev": True, "congress": False}),
    ("Stalin won without an army to defeat Trotsky", {"armi": True, "defeat": True}),
    # before the subject's verb, "with no Y" and "without Y" are an aside denying Y alone; the subject
    # goes on into its clause (probe 95: "Control group with no confederates got it wrong <1% of the
    # time" denied the group and its answers, the opposite of "a control condition with no confederates")
    ("Control group with no confederates got it wrong", {"confeder": True, "control": False, "mistak": False}),
    ("In a control condition with no confederates", {"confeder": True, "control": False}),
    ("A world without war would be peaceful", {"war": True, "world": False, "peac": False}),
    ("An eternity of punishment with no chance of change cannot serve that end",
     {"chanc": True, "punish": True, "serv": True}),
    # a denial ending on an adjective goes on to its noun after the comma (probe 96's Hume point,
    # "no miracle has been reported by enough educated, honest witnesses", had said the witnesses),
    # not to a stretch opening on a word of its own ("..., not artistic, and the Union of ...")
    ("No congress was attended by enough loyal, honest delegates", {"deleg": True, "honest": True}),
    ("Their task was social, not artistic, and the congress of writers praised it", {"congress": False}),
    # "+" ends a list as "and" does
    ("Trotsky could not win the army, the workers + the congress", {"congress": True, "worker": True}),
    # "no single" is "no", as "not a single" is "not one" (probe 80: "no single owner keeps it all"
    # made "the owner keeps all of the profit"); "not the single" limits
    ("The profit is shared, so no single owner keeps it all", {"owner": True, "profit": False}),
    ("Trotsky was not the single cause of his defeat", {"trotski": False}),
    # "too ... to" denies what follows "to" only (probe 76: "too low to cover costs")
    ("The price is too low to cover costs", {"price": False, "cover": True, "cost": True}),
    # "to avoid" denies what follows it, not the act before it (probe 77)
    ("Producers cut the sugar to avoid the tax", {"cut": False, "sugar": False, "tax": True}),
    # "nun of it" is "none of it" misspelt, a real word never corrected (probe 82); a nun of an order is a nun
    ("All the light reflects back in and nun of it refracts out", {"light": False, "refract": True}),
    ("She became a nun of the Carmelite order", {"nun": False, "order": False}),
    # "&" joins clauses as "and" does (probe 84: "u cant undo it" denied the innocent executed before the "&")
    ("innocent ppl get executed by mistake sometimes & u cant undo it", {"innoc": False, "mistak": False,
                                                                          "undo": True}),
    # the thing named again after "not", of another kind: only the other kind is denied (probe 88)
    ("transformers only work w/ ac not dc", {"altern": False, "current": False, "direct": True}),
    ("Transformers work with direct current, not alternating current", {"direct": False, "altern": True}),
    # a denial reaches the condition "even when" / "even if" sets it (probe 102); "even though" grants a fact
    ("Abortion is never allowed, even when the mother's life is in danger", {"abort": True, "allow": True,
                                                                            "mother": True, "danger": True}),
    ("Abortion is never allowed even if the mother's life is in danger", {"allow": True, "danger": True}),
    ("He did not give up, even though he was defeated", {"defeat": False}),
    # a gerund opening a clause is its subject: "and" after it joins two things (probe 102)
    ("so smuggling from Canada and the Caribbean could not be stopped", {"smuggl": True, "canada": True,
                                                                         "caribbean": True, "stop": True}),
    # a claim said to be refuted, or wrong, is denied (probe 105); a person wrong to act, or the
    # agent who refutes, is not
    ("The claim that exercise improves mood has been disproven", {"exercis": True, "mood": True}),
    ("so the idea of an active audience has been disproven", {"activ": True, "audienc": True}),
    ("The idea that exercise improves mood is wrong", {"exercis": True, "mood": True}),
    ("He was wrong to trust Zinoviev", {"trust": False, "zinoviev": False}),
    ("Bowlby was refuted by Rutter", {"rutter": False}),
    # a "that" after a noun, with a subject of its own, opens a clause its denial stays in (probes 108
    # and 109); "no evidence that ..." denies what follows
    ("private access to ministers that the public cannot see", {"privat": False, "access": False,
                                                                "minist": False, "public": True}),
    ("He claimed powers that no king would give up", {"claim": False, "power": False, "king": True}),
    ("There is no evidence that the treaty caused the war", {"evid": True, "treati": True, "caus": True}),
    # "where" opens a clause of its own (probe 108: "meet ministers in private where nobody can see")
    ("Insider groups meet ministers in private where nobody can watch", {"minist": False, "privat": False,
                                                                         "watch": True}),
    # "you" (or text-speak's "u") before an auxiliary opens a clause run on (probe 111); more
    # verbs report what follows ("Kant replied that existence is not a property")
    ("Anything you can imagine as real you can conceive as not existing", {"imagin": False, "real": False,
                                                                          "exist": True}),
    ("Anything u can imagine as real u can conceive as not existing", {"imagin": False, "exist": True}),
    ("Kant replied that existence is not a property", {"kant": False, "repli": False, "properti": True}),
    # "prevent X from -ing" denies the act, not what prevents it (probe 111: "A merger prevents the firms
    # from sharing their technology" had made "the two firms can share technology")
    ("A merger prevents the firms from sharing their technology", {"merger": False, "share": True,
                                                                   "technolog": True}),
    ("The wall stops the sea from flooding the town", {"wall": False, "flood": True, "town": True}),
    ("Vaccination prevents the disease", {"vaccin": False, "diseas": False}),
    # an aside between commas leaves the clause it interrupts whole (probe 117: "Sheila, on the other
    # hand, feels no guilt at all" had made "Sheila feels real guilt")
    ("Sheila, on the other hand, feels no guilt at all", {"sheila": True, "guilt": True}),
    ("Trotsky, in fact, did not attend the funeral", {"trotski": True, "funer": True}),
    ("Trotsky, who was ill, did not attend the funeral", {"ill": False, "funer": True}),
    # a denied relative clause ends where the sentence's own verb resumes (probe 116: "Domestic
    # industries that cannot compete with cheaper imports may close" was read as denying the closing,
    # so an answer saying they close was "the opposite")
    ("Domestic industries that cannot compete with cheaper imports may close", {"compet": True, "close": False}),
    ("Industries which cannot compete may close", {"compet": True, "close": False}),
    ("The bacteria that are not resistant are killed", {"resist": True, "kill": False}),
    ("Many shells were duds that failed to explode", {"dud": True, "explod": True}),
    # "you" before a denied auxiliary opens a clause run on, as before any auxiliary (a probe's cloud
    # answer: "if your laptop is dropped or stolen you don't lose your coursework" denied the theft)
    ("if your laptop is stolen you don't lose your coursework", {"stolen": False, "lose": True}),
    ("if ur laptop is stolen u dont lose ur coursework", {"stolen": False, "lose": True}),
])
def test_negation_holds_for_its_clause(engine, trotsky, text, negated):
    found = clause_terms(text, engine.matcher(trotsky).analyzer.term)
    for term, neg in negated.items():
        assert found[term] is neg, (term, found)


@pytest.mark.parametrize("text, neutral", [
    # a denial's setting: a phrase with no verb saying when or how ("after the Civil War")
    ("Trotsky was not popular after the Civil War", {"civilwar"}),
    ("Trotsky was not popular after Lenin died", set()),           # a clause of its own: said
    ("Trotsky was popular after the Civil War", set()),           # nothing denied
    # who shows or says a thing
    ("The Testament showed that Stalin was not loyal", {"testament", "show"}),
    ("Stalin was not loyal", set()),
    # where or when a sentence holds: the phrase it opens on
    ("In the army the officers were not loyal", {"armi"}),
    ("During the Civil War, Trotsky led the army", {"civilwar"}),
    ("In 1924 Trotsky missed the funeral", set()),    # no determiner or comma ends it: not read
    # what a denied reason was given for
    ("Trotsky lost because Stalin was clever, not because he was lazy", {"trotski", "lost"}),
    ("Trotsky lost because he was lazy", set()),
])
def test_what_has_no_polarity_of_its_own(engine, trotsky, text, neutral):
    term = engine.matcher(trotsky).analyzer.term
    assert denial_adjuncts(text, term) | reporters(text, term) | explained(text, term) | setting(text, term) == neutral


@pytest.mark.parametrize("text, fragment", [
    ("gen sec 1922 - appointments", True),
    ("Zinoviev, Kamenev, Bukharin", True),
    ("statues removed", False),
    ("Stalin died in 1953.", False),
    ("Trotsky didn't go", False),
    ("Secondly, education and culture.", True),
    # present-tense sentences, which show no verb by a common form or an ending
    ("Above the optimum the enzyme denatures.", False),
    ("The rate of reaction falls rapidly.", False),
    ("Enzymes work best at body temperature.", False),
    ("The ions cannot move.", False),   # "cannot", as "can't" (probe 58: "a note")
    # a subject that may be a noun or an adjective, before a verb in -s (probe 55: "a note")
    ("In a parallel circuit the current splits between the branches.", False),
    ("The current changes.", False),
    ("The current policies.", True),
    ("Then the reaction basically grinds to a halt.", False),
    ("Macbeth hires murderers to kill Banquo.", False),
    ("Lady Macbeth also pushes him.", False),
    ("It narrows the gap between high and low earners.", False),
    ("There's a sweet spot where it is quickest.", False),
    ("Firms hire fewer workers.", False),
    ("rate increases as temperature rises", False),
    # notes: plural nouns after adjectives and names, names, numbers
    ("portraits everywhere - \"father of the peoples\"", True),
    ("Other factors:", True),
    ("portraits at the Victory Day parades", True),
    ("Somerset Levels 2014", True),
    ("BUT Hungary 1956 tanks", True),
    ("Z + K mistakes, Bukharin Rykov Tomsky (right opp)", True),
    ("war commissars, textbooks, statues down", True),
    # a participle alone is no finished verb: "-ing" and "-ed" words as nouns and modifiers
    ("Spring tide.", True),
    ("Global warming.", True),
    ("Low-lying land.", True),
    ("Coastal flooding.", True),
    ("Trotsky ignoring the troika.", True),
    ("Stalin was winning.", False),
    ("He kept ignoring the warnings.", False),
    ("Molecules collide more.", False),
    ("cost over £100 million", True),
    # a name's capitalised words are no verb, whatever their ending ("United", "Red", "Reading")
    ("United Opposition 1926 Trotsky Zinoviev Kamenev", True),
    ("May Day parades Red Square - planes w/ portraits", True),
    ("arrogant / overconfident - Civil War hero, Red Army", True),
    ("The United Opposition formed in 1926.", False),
    ("Expelled from the party in 1927, Trotsky went into exile.", False),
    ("Reading Festival crowds grew.", False),
    # lists of short items: a verb-like word heading an item is a modifier ("show trials")
    ("show trials, forced confessions, torture, gulag, NKVD", True),
    ("Kirov murder 1934, United Opposition, Trotsky Zinoviev Kamenev, show trials, Red Army officers", True),
    ("Stalin used posters, films, statues, textbooks, parades, songs and poems.", False),
    ("Posters, films, statues, textbooks, parades, songs and poems were all used.", False),
    ("The rate rises, peaks at 37, falls, then stops, as the enzyme denatures.", False),
    ("Macbeth kills Duncan, Banquo, Macduff's family, and Young Siward, then dies.", False),
    # a subject the lexicon does not know is a subject's own noun, not nothing (a name opens a note)
    ("Lymphocytes produce antibodies.", False),
    # scikit-learn's stop words hold nouns, which a determiner shows for what they are
    ("The immune system fights germs.", False),
    ("The fire spreads quickly.", False),
    ("immune system, germs", True),
    ("many fights", True),
    ("The lymphocytes produce antibodies.", False),
    ("lymphocytes -> antibodies", False),   # an arrow stands for a verb (see below)
    ("Kolkhoz produce quotas", True),
    # a word only ever a verb, alone before a colon or a comma, heads a note ("temp" is a verb to LemmInflect)
    ("temp: enzymes, optimum ~25C", True),
    ("Denature: enzymes, above 40C", True),
    ("Enzymes denature above 40C.", False),
    # an irregular past tense is a verb like any -ed (walk: "it is a note" told of a full sentence)
    ("Trotsky spoke at the 1924 party congress about industry.", False),
    ("The peasants hid grain and ate their seed corn.", False),
    ("Khrushchev found the camps full of innocent people.", False),
    ("a bit more freedom, less censorship", True),   # "bit" is a noun first
    # a singular noun in -s is a singular subject (a probe: "it is a note" told of a whole point)
    ("The pancreas releases insulin into the blood.", False),
    ("The virus spreads quickly.", False),
    ("Gas expands when it is heated.", False),
    ("The cells take up glucose.", False),
    # an adverb that is also an adjective keeps the subject too
    ("The pancreas then releases glucagon into the blood.", False),
    ("The rate then rises.", False),
    ("Stalin then Trotsky", True),
    # a word that is also an adverb is a verb after an adverb (a probe: "it is a note")
    ("Memory cells only last for a few days.", False),
    # a subject of two takes a plural verb, and a name opening a sentence may look plural (probes
    # 59 and 62: literature's present tense, "George and Lennie look after each other", "a note")
    ("George and Lennie look after each other.", False),
    ("Netflix and YouTube actually use TCP.", False),
    ("Crooks lives alone in the harness room.", False),
    ("Zinoviev and Kamenev", True),
    ("Stalin and the Politburo", True),
    ("Cells and tissues", True),
    ("Cold winds", True),
    ("Westerners to contrast it with Hitler's Germany.", True),   # an infinitive, no verb of a subject
    ("The cells around the wound", True),
    # a noun in -ly is no adverb (probe 63: "The family benefits the ruling class", "a note")
    ("The family benefits the ruling class.", False),
    ("The supply rises in summer.", False),
    ("The family and its friends", True),
    # a misspelt verb is read as the word it is nearest (probe 63: "they condence", "a note")
    ("the big long ones condence near the bottom.", False),
    ("the gas condences at the top", False),
    ("Stalin relid on terror.", False),
    ("big long molecules", True),
    # "its" before an adverb, an article or an adjective no noun follows is "it's"
    ("its really hot at the bottom and colder at the top.", False),
    ("its a long column", False),
    ("its hot at the bottom", False),
    ("its main cause", True),
    ("its own army", True),
    ("its huge size", True),
    ("The state and its army", True),
    # an arrow says what leads to what, as "=" says what is (probes 106 and 107: "a note")
    ("cost cutting -> job losses + worse quality and safety eg the railways.", False),
    ("lithium -> crimson, sodium -> yelow, potasium -> lilac.", False),
    ("heat \u2192 expansion", False),
    ("cost cutting, job losses", True),
    # an instruction is a method's sentence (probe 152: "Fill the burette ...", "a note")
    ("Fill the burette with the hydrochloric acid and record the starting reading.", False),
    ("Use a calculation to find the concentration.", False),
    ("Control of the party machine", True),
    ("Rise of the cult", True),
])
def test_fragment(text, fragment):
    assert is_fragment(text) is fragment


def test_check_this_is_rare_explained_and_rankable(engine):
    from essaycoach.report import NEAR, UNCREDITED_WHY

    def report_text(report, essays):
        return next(e.text for e in essays if e.id == report.student)

    flagged = total = near = 0
    for path in sorted((ROOT / "tests" / "data" / "devset").glob("*.yaml")):
        essays = load_labelled(path)
        rubric = load_rubric(essays[0].prompt, ROOT / "rubrics")
        for report in engine.grade_many([(e.id, e.text) for e in essays], rubric):
            for p in report.points:
                total += 1
                flagged += p.borderline
                assert p.borderline == (p.check is not None)
                assert (p.doubt > 0) == p.borderline and 0 <= p.doubt <= 1
                if p.borderline and p.status == "missing" and p.check.startswith((NEAR, UNCREDITED_WHY)):
                    # No sentence is quoted for a missing point: its check names the one to read (a
                    # walk saw "check this" beside a missing verdict with nothing to check).
                    quoted = re.fullmatch(r".*; its nearest sentence: \u201c(.+)\u201d", p.check, re.S)
                    assert quoted and quoted[1].rstrip("…") in " ".join(report_text(report, essays).split())
                    near += 1
    assert flagged / total <= 0.2 and near


@pytest.mark.parametrize("rubric_id", ["trotsky-errors", "purge-necessary", "cult-propaganda", "women-status"])
def test_a_point_in_the_mark_schemes_words_is_credited_and_checked(engine, rubric_id):
    rubric = load_rubric(rubric_id, ROOT / "rubrics")
    for point in rubric.points[:6]:
        report = engine.grade(f"I will answer the question. {point.text} That is one reason.", rubric)
        p = next(r for r in report.points if r.id == point.id)
        assert p.status == "covered", (point.id, p.score)
        assert "pasted-question" not in {w.code for w in report.warnings}


@pytest.mark.parametrize("rubric_id, text, point, made_by", [
    # The best-scoring sentence only shares the rubric's common words (pictures, Stalin)...
    ("cult-propaganda", "His portrates were everywere and at the May day parrades in red square there were massive "
     "pictures of him and even planes with his picture behind them. Text books were rewriten to take out Stalins "
     "enemys like Trotski.", "textbooks", "Text books were rewriten to take out Stalins enemys like Trotski."),
    # ...or reads as a denial, while the next sentence states the point.
    ("destalinization-causes", "Delegates were stunned, since nobody had openly attacked Stalin before. In February "
     "1956 Khrushchev's address to the Twentieth Party Congress denounced Stalin's crimes.", "secret-speech",
     "In February 1956 Khrushchev's address to the Twentieth Party Congress denounced Stalin's crimes."),
])
def test_a_point_is_made_by_any_sentence_that_makes_it(engine, rubric_id, text, point, made_by):
    p = verdict(engine, rubric_id, text, point)
    assert (p.status, p.sentence) == ("covered", made_by)


def test_one_rare_word_does_not_stand_in_for_the_best_match(engine):
    """'misjudged' is the only key term of the triumvirate point in the short sentence; the best
    match only names who was outmanoeuvred, which is another point's (others-miscalculated).
    Neither makes the triumvirate point."""
    text = ("Trotsky also misjudged his moment.\n\nAlso Zinoviev and Kamenev and later Bukharin misjudged Stalin "
            "and were outmanoeuvred one after another.")
    p = verdict(engine, "trotsky-errors", text, "ignored-triumvirate")
    assert p.status != "covered", p


@pytest.mark.parametrize("rubric_id, text, point, status", [
    # Words every point of the rubric uses (Lenin, Stalin, 1924) touch on nothing...
    ("trotsky-errors", "He also missed Lenin's funeral in January 1924, which let Stalin give the main speech and "
     "look like Lenin's true heir.", "unclear-succession", "missing"),
    # ...nor do a point's terms that speak for another point more: packing the congress with his
    # supporters is the General Secretary's point, not one on support for his policies (the
    # README's example essay had been told it half made that one), and the triumvirate sentence
    # and the Red Army sentence are not about the United Opposition or a radical ideology...
    ("trotsky-errors", "It let him appoint his own supporters to key posts and pack the party congress.",
     "popular-policies", "missing"),
    ("trotsky-errors", "He saw him as a dull bureaucrat and ignored the triumvirate that Stalin, Zinoviev and "
     "Kamenev formed against him from 1922.", "united-opposition", "missing"),
    ("trotsky-errors", "He had led the Petrograd Soviet, organized the October Revolution and created the Red Army "
     "which won the Civil War, so you would expect him to win.", "radical-ideology", "missing"),
    # ...while one of the point's own terms that speaks for it (threaten) is a start on it.
    ("purge-necessary", "Stalin wanted to get rid of people who might threaten him.", "potential-threats", "partial"),
    # Above the cut-off for "made", words most points share still touch on nothing: a credit the
    # second look takes back goes to missing, not to a half that would make a side look developed.
    ("purge-necessary", "Loads of people who were killed hadn't done anything at all.", "loyalists-betrayed",
     "missing"),
    ("purge-necessary", "Then they were shot.", "loyalists-betrayed", "missing"),
])
def test_a_partial_credit_needs_one_of_the_points_own_terms(engine, rubric_id, text, point, status):
    p = verdict(engine, rubric_id, text, point)
    assert p.score >= 0.3 and p.status == status, p  # every one scores above the partial cut-off


ZK_QUIET = "Zinoviev and Kamenev helped Stalin keep it quiet because they needed him against Trotsky."


@pytest.mark.parametrize("best, point, status", [
    # "looked" is all it has of the point: its best sentence touches on nothing specific to it.
    ("This was a big mistake because people were looking for a new leader and Trotsky looked like he didnt "
     "respect Lenin.", "united-opposition", "missing"),
    ("He made alliances, first with Zinoviev and Kamenev against Trotsky then with Bukharin against them, and then "
     "he turned on Bukharin as well.", "ignored-triumvirate", "partial"),
])
def test_a_sentence_about_another_point_does_not_stand_in(engine, best, point, status):
    """The sentence on hushing up the Testament scores above the cut-off for these points too, with
    two of their key terms (Zinoviev, Kamenev), but it is about another point: it does not make the
    point in place of the best match, whose own verdict stands."""
    p = verdict(engine, "trotsky-errors", f"{best}\n\n{ZK_QUIET}", point)
    assert (p.status, p.sentence) == (status, best if status == "partial" else None)


@pytest.mark.parametrize("text", ["The purge reached not just the party but the whole army",
                                  "It was not only the party that was purged",
                                  # a view denied limits the clause it takes (probe 53)
                                  "I do not think the party was the only one purged",
                                  "I don't believe the purge reached just the party"])
def test_not_just_adds_rather_than_denies(engine, text):
    from essaycoach.loaders import load_rubric as load
    found = clause_terms(text, engine.matcher(load("purge-necessary", ROOT / "rubrics")).analyzer.term)
    assert not any(found.values()), found


@pytest.mark.parametrize("text, said", [
    # "nobody" after a thing opens a clause of its own: the thing is not denied (probe 52)
    ("It can deal with situations nobody thought of before.", {"situat": False, "thought": True}),
    ("Stalin trusted nobody in the army.", {"stalin": True, "trust": True, "armi": True}),
    # what a sentence shows or says is a clause of its own: its denial does not reach what shows it
    ("His later guilt shows he could not live with what he had done.", {"guilt": False, "live": True}),
    ("The testament proved it was not a secret.", {"testament": False, "secret": True}),
])
def test_a_denial_reaches_only_its_own_clause(engine, trotsky, text, said):
    found = clause_terms(text, engine.matcher(trotsky).analyzer.term)
    assert {t: found[t] for t in said} == said, found


@pytest.mark.parametrize("text", ["I do not think the party was purged", "I don't believe the army was purged at all"])
def test_a_view_denied_denies_its_clause(engine, text):
    from essaycoach.loaders import load_rubric as load
    found = clause_terms(text, engine.matcher(load("purge-necessary", ROOT / "rubrics")).analyzer.term)
    assert found.get("purg") is True, found


# Why a point is only partly made, as the student is told it: (rubric, sentence, point, status, why).
SPECIFIC = "it names only what this point shares with others, not what is specific to it"
NOTE = "it is a note, not a sentence that explains the point"
PART = "it touches on the point without stating it fully"
WHY = [
    # Its terms of the point are another point's more (supporters, miscalculated): nothing of this one;
    # the teacher is told why a match scoring as made earns nothing.
    ("trotsky-errors", "He put his own supporters in and they voted for him at the party congress.", "congress-1924",
     "missing", NOT_CREDITED.format(sentence="He put his own supporters in and they voted for him at the party "
                                             "congress.", why="its words are about another point")),
    ("trotsky-errors", "Other Bolsheviks also miscalculated.", "ignored-triumvirate", "missing",
     NOT_CREDITED.format(sentence="Other Bolsheviks also miscalculated.", why="its words are about another point")),
    # Words most of the points use (shot, killed) touch on none of them, however high they score.
    ("purge-necessary", "Then they were shot.", "old-politburo", "missing",
     NOT_CREDITED.format(sentence="Then they were shot.", why="it shares only words that most of the points use")),
    ("purge-necessary", "So overall the purge did get rid of opposition but most of the people killed were not "
     "opposition.", "potential-threats", "partial", SPECIFIC),
    ("trotsky-errors", "gen sec 1922 - appointments", "general-secretary", "partial", NOTE),
    ("trotsky-errors", "Stalin did not control appointments.", "general-secretary", "partial",
     "the sentence seems to say the opposite of the point (the word 'not')"),
    # The reason names the cue the student wrote, whichever it is (walk: "missed" read as "not").
    ("trotsky-errors", "Trotsky missed Lenin's funeral because he wasn't told the right date, so he never saw it.",
     "funeral", "covered", None),
    ("trotsky-errors", "Stalin never controlled appointments and didn't pack the congress.", "general-secretary",
     "partial", "the sentence seems to say the opposite of the point (the words 'never' and 'didn't')"),
    # ...the cue of the clause on the point, not another clause's (walk: 'didn't' was named here).
    ("trotsky-errors", "Trotsky never missed a meeting and he didn't underestimate Stalin.", "funeral", "partial",
     "the sentence seems to say the opposite of the point (the words 'never' and 'missed')"),
    # Saying positively what the point denies contradicts it too, and names no negation it lacks.
    ("trotsky-errors", "Trotsky went to Lenin's funeral and spoke there.", "funeral", "partial",
     "the sentence seems to say the opposite of the point"),
    ("trotsky-errors", "Trotsky thought he would win.", "overconfidence", "partial", PART),
    ("trotsky-errors", "Stalin controlled party appointments as General Secretary.", "general-secretary", "covered",
     None),
    ("trotsky-errors", "The weather was cold.", "funeral", "missing", None),
]


@pytest.mark.parametrize("rubric_id, text, point, status, why", WHY)
def test_a_partial_point_says_why_it_is_only_partly_made(engine, rubric_id, text, point, status, why):
    found = verdict(engine, rubric_id, text, point)
    assert (found.status, found.why) == (status, why)


def test_no_quote_joins_two_paragraphs(engine):
    """A two-sentence window across a blank line is no unit of meaning: on every dev-set and
    held-out essay, the sentence quoted for a point lies within one paragraph."""
    for which in ("devset", "holdout"):
        for path in sorted((ROOT / "tests" / "data" / which).glob("*.yaml")):
            essays = load_labelled(path)
            rubric = load_rubric(essays[0].prompt, ROOT / "rubrics")
            for report in engine.grade_many([(e.id, e.text) for e in essays], rubric):
                for p in report.points:
                    assert not (p.sentence and re.search(r"\n[ \t]*\n", p.sentence)), (report.student, p.id)


@pytest.mark.parametrize("text, point", [
    # The denied clause outweighs an alias that agrees only on a lighter term elsewhere.
    ("Storm surges in the Bristol Channel were not important, because the tide locking was brief.", "high-tides"),
    ("The Bristol Channel storm surges did not hold back the river water, though the tides were high.",
     "high-tides"),
])
def test_a_light_agreement_elsewhere_does_not_outweigh_a_denial(engine, text, point):
    """A teacher's own rubric on another subject (tests/data/subjects), as in a browser walk:
    "Storm waves are not important ... because the fetch is short" was credited through the
    alias "long fetch"."""
    from essaycoach.loaders import load_all_rubrics

    rubrics, _ = load_all_rubrics(ROOT / "tests" / "data" / "subjects" / "rubrics")
    rubric = next(r for r in rubrics if r.id == "somerset-floods")
    p = next(p for p in engine.grade(f"The Somerset Levels flooded in 2014. {text}", rubric).points if p.id == point)
    assert p.status == "partial" and p.check and "opposite" in p.check, p


@pytest.mark.parametrize("text, point", [
    ("Every enzyme has an optimum.", "denatures"),          # "optimum": three of the seven points
    ("The substrate matters a lot.", "es-complexes"),       # "substrate": three of the seven points
])
def test_on_a_small_rubric_a_term_three_points_share_identifies_none_of_them(engine, text, point):
    """A rare term names one point among few: on a seven-point rubric (tests/data/subjects), a term
    three points use is no more distinctive than the topic (a browser walk's own seven-point
    rubric credited "the waves themselves do the actual erosion" to a point about storm waves)."""
    from essaycoach.loaders import load_all_rubrics

    rubrics, _ = load_all_rubrics(ROOT / "tests" / "data" / "subjects" / "rubrics")
    rubric = next(r for r in rubrics if r.id == "enzymes-temperature")
    report = engine.grade(f"Enzymes are proteins that speed up reactions. {text}", rubric)
    assert next(p for p in report.points if p.id == point).status != "covered"


BIOLOGY = ROOT / "tests" / "data" / "teacher" / "gcse-bio-enzymes.yaml"
TEACHER = ROOT / "tests" / "data" / "teacher"


@pytest.mark.parametrize("rubric_file, text, point, status", [
    # Denying that something is a cause denies the point, whatever else the sentence says of it.
    ("history-ww1-causes", "Militarism was not a cause, because all countries had armies and that was normal "
                           "at the time.", "militarism", "partial"),
    ("history-ww1-causes", "The naval race did not cause the war, because Britain had clearly won it by 1912.",
     "militarism", "partial"),
    ("history-ww1-causes", "Nationalism in the Balkans was not really a cause of the war.", "nationalism", "partial"),
    ("history-ww1-causes", "Militarism was not the main cause, but the naval race to build Dreadnoughts raised "
                           "tension.", "militarism", "covered"),
    # "no matter what" concedes; it denies nothing
    ("history-ww1-causes", "Germany told Austria it would support it no matter what.", "blank-cheque", "covered"),
    # a misconception is the opposite of a point that denies it ("not because we are closer to the Sun")
    ("physics-seasons", "In summer the Earth is closer to the Sun so it is hotter, and in winter it is further "
                        "away so it is colder.", "not-distance", "partial"),
    ("physics-seasons", "It is not because the Earth is closer to the Sun in summer; in fact the Earth is "
                        "closest to the Sun in January.", "not-distance", "covered"),
])
def test_a_teachers_rubric_reads_denials_as_the_student_meant_them(engine, rubric_file, text, point, status):
    """A walk with a teacher's own rubrics (history, physics) found denials credited and a
    concession read as one."""
    rubric = read_rubric_file(TEACHER / f"{rubric_file}.yaml")
    p = next(p for p in engine.grade(text, rubric).points if p.id == point)
    assert p.status == status, p
    assert (p.status == "partial") is (p.check is not None and "opposite" in p.check), p


@pytest.mark.parametrize("text, opposite", [
    # Names the subject of the point's denial ("the substrate | no longer fits"), says nothing of its fitting.
    ("When the temperature rises, the enzyme and substrate molecules gain kinetic energy, so they move faster "
     "and collide more often, which means more enzyme-substrate complexes form and the rate of reaction increases.",
     False),
    # Says what the point denies: the substrate still fits.
    ("Even when it is heated the substrate still fits the active site of a denatured enzyme.", True),
    ("The substrate fits the active site, so the reaction carries on.", True),
])
def test_a_point_stating_a_denial_is_contradicted_only_by_what_it_denies(engine, text, opposite):
    """A teacher's biology point says "a denatured enzyme's substrate no longer fits the active
    site": a sentence about substrate molecules colliding is no "opposite" of it (walk finding)."""
    rubric = read_rubric_file(BIOLOGY)
    p = next(p for p in engine.grade(text, rubric).points if p.id == "denatured")
    assert (p.why is not None and "opposite" in p.why) is opposite, p


@pytest.mark.parametrize("text, denied", [
    ("A denatured enzyme's substrate no longer fits the active site", {"fit", "activ", "site"}),
    ("Trotsky missed Lenin's funeral", {"lenin", "funer"}),
    ("The army purge made no difference to security", {"armi", "purg", "secur"}),  # its part denied: all of it
    ("Stalin controlled appointments", set()),
    ("The Testament had nothing to do with it", {"testament"}),
    ("The Testament had a little to do with it", set()),  # some part, not none
])
def test_denied_terms(engine, trotsky, text, denied):
    found = denied_terms(text, engine.matcher(trotsky).analyzer.term)
    assert denied <= found and not (found - denied) & {"stalin", "trotski", "substrat", "enzym"}, found


# A careless essay with no full stop at all (a walk's): the engine cuts it into pieces, some of
# which end on "and" or "he" where the student's sentence carries on.
RUN_ON = ("stalin won becuase trotsky made loads of mistakes he didnt go to lenins funral and stalin told him the "
          "wrong date so people thought he didnt care about lenin trotsky was also arrogant and he looked down on "
          "the other bolsheviks and he didnt build up support in the party he was ill a lot of the time and he "
          "went on holiday when he should of been in moscow he also didnt use lenins testament against stalin "
          "when it was read out and he agreed to keep it secret which was a big mistake but stalin was clever too "
          "because he was general secretary and he could appoint his own people to jobs in the party and they "
          "voted for him the lenin enrolment brought in lots of new members who were loyal to stalin and not "
          "trotsky stalin also allied with zinoviev and kamenev against trotsky and then he turned on them later "
          "with bukharin socialism in one country was more popular than permanent revolution")


def test_only_the_essays_last_sentence_can_be_unfinished(engine, trotsky):
    """A piece the engine cut a run-on essay into is not a sentence its writer left unfinished."""
    cut = [s.text for s in split_sentences(RUN_ON)][:-1]
    assert any(is_unfinished(t) for t in cut)  # such pieces exist...
    report = engine.grade(RUN_ON, trotsky)
    assert not [p for p in report.points if p.why == "the sentence stops before it is finished"]  # ...and stand
    broken_off = engine.grade(RUN_ON + ". In 1927 Trotsky was expelled from the party and", trotsky)
    assert any(p.why == "the sentence stops before it is finished" for p in broken_off.points)


VACCINATION = FRESH_RUBRICS / "gcse-vaccination.yaml"


@pytest.mark.parametrize("text, point", [
    # A sentence restating a teacher's alias ("lymphocytes make antibodies") makes the point,
    # though its words weigh more in another point ("antibodies", "produce": the secondary response).
    ("This triggers the immune response and lymphocytes produce antibodies.", "antigens-antibodies"),
    # ... and beside a sentence about another point: the two had sent it to missing at a match
    # of 0.70 (a teacher's labelled answer, tests/data/fresh).
    ("This triggers the immune response and lymphocytes produce antibodies. Memory cells are produced.",
     "antigens-antibodies"),
])
def test_a_restated_wording_makes_its_point_beside_others(engine, text, point):
    p = next(p for p in engine.grade(text, read_rubric_file(VACCINATION)).points if p.id == point)
    assert p.status == "covered", p


def test_a_window_takes_nothing_from_the_sentence_that_makes_the_point(engine):
    """The best match is the window of two sentences, whose second denies something else ("not
    popular"): the first alone makes the point (a dev-set essay, marked with a teacher's own rubric)."""
    first = ("He thought he was the obvious leader becuase of the civil war and the Red Army and didnt bother "
             "making freinds in the party, he thought the admin jobs were boring.")
    text = f"{first} Also his idea of permenant revolution was not popular becuase people were sick of war."
    rubric = read_rubric_file(ROOT / "tests" / "data" / "generalise" / "power-struggle-mistakes.yaml")
    p = next(p for p in engine.grade(text, rubric).points if p.id == "arrogance")
    assert (p.status, p.sentence) == ("covered", first)


@pytest.mark.parametrize("rubric_file, text, point", [
    # Half of a two-word statement is no restatement: the alias is "Eric stole money".
    (FRESH_RUBRICS / "inspector-birling.yaml", "Eric stole a biscuit.", "eric-pregnant"),
    # Its key terms without its object: "remove potential threats" (a dev-set sentence).
    (ROOT / "rubrics" / "purge-necessary.yaml", "Most of the army officers were removed and lots of ordinary "
     "people were killed for their 'potential crime', not for things they had actually done.", "potential-threats"),
])
def test_part_of_a_wording_is_no_restatement(engine, rubric_file, text, point):
    rubric = read_rubric_file(rubric_file)
    keys = engine.matcher(rubric).keys
    i = [p.id for p in rubric.points].index(point)
    found = set(engine.matcher(rubric).analyzer(text))
    assert keys.restated(i, found) == set()


SUBJECTS = ROOT / "tests" / "data" / "subjects" / "rubrics"


def _rubric(rubric_id):
    path = SUBJECTS / f"{rubric_id}.yaml"
    return read_rubric_file(path) if path.exists() else load_rubric(rubric_id, ROOT / "rubrics")


@pytest.mark.parametrize("rubric_id, text, point, says_something", [
    # A point's subject said to matter or to exist, and nothing more: a topic mention (issue 10, item 6).
    ("trotsky-errors", "The Testament was very important.", "testament", False),
    ("trotsky-errors", "There was the Testament.", "testament", False),
    ("purge-necessary", "The army purge was a key factor.", "army-purge", False),
    ("purge-necessary", "The Kirov murder was significant.", "kirov-murder", False),
    ("trotsky-errors", "The party congress was important.", "congress-1924", False),
    ("trotsky-errors", "Stalin's position as General Secretary was even more important.", "general-secretary", False),
    ("cult-propaganda", "The NKVD was important.", "nkvd", False),
    ("destalinization-causes", "The Secret Speech was important.", "secret-speech", False),
    ("destalinization-causes", "However there were limits.", "slight-easing", False),
    ("enzymes-temperature", "The active site is important.", "active-site", False),
    ("somerset-floods", "The clay soil was important.", "clay-soil", False),
    # The same subjects with something said of them, however short.
    ("trotsky-errors", "Trotsky was also arrogant.", "overconfidence", True),
    ("trotsky-errors", "Stalin controlled appointments, which was important.", "general-secretary", True),
    ("purge-necessary", "Kirov was murdered in 1934.", "kirov-murder", True),
    ("cult-propaganda", "The NKVD arrested millions.", "nkvd", True),
    ("destalinization-causes", "There was also the Thaw which was when there was less censorship.", "thaw", True),
    ("destalinization-causes", "The Secret Speech was a huge shock.", "secret-speech", True),  # the point's own "huge"
    ("enzymes-temperature", "The active site changes shape so the substrate no longer fits.", "active-site", True),
])
def test_a_subject_said_only_to_matter_or_exist_is_partial(engine, rubric_id, text, point, says_something):
    result = next(p for p in engine.grade(text, _rubric(rubric_id)).points if p.id == point)
    if says_something:
        assert result.status == "covered", result
    else:
        assert (result.status, result.why) == ("partial", "it names the point's subject but says nothing about it")


def test_a_topic_sentence_gives_way_to_the_sentence_that_makes_the_point(engine, trotsky):
    """The README's example quoted "Stalin's position as General Secretary was even more
    important." for the point its next sentence makes."""
    amy = (ROOT / "examples" / "amy.txt").read_text(encoding="utf-8")
    point = next(p for p in engine.grade(amy, trotsky).points if p.id == "general-secretary")
    assert point.status == "covered" and point.sentence.startswith("It let him appoint his own supporters")


@pytest.mark.parametrize("text, point, status", [
    # A term of art an alias names, written out, makes its point though other points share a word
    # of it ("push" in "pushing up bills", "pushed up wages").
    ("Because almost every business uses energy, factories and hauliers faced bigger costs and put their "
     "prices up to protect their margins, which is classic cost-push inflation.", "cost-push", "covered"),
    ("Spending bounced back after Covid faster than shops could restock, so this was demand-pull inflation.",
     "demand-pull", "covered"),
    # its words apart, or as a bare note, do not
    ("Energy bills pushed up the cost of living.", "cost-push", "partial"),
    ("cost-push inflation", "cost-push", "partial"),
])
def test_a_term_of_art_written_out_makes_its_point(engine, text, point, status):
    rubric = read_rubric_file(TEACHER / "econ-inflation-causes.yaml")
    assert next(p for p in engine.grade(text, rubric).points if p.id == point).status == status


@pytest.mark.parametrize("verbs, forms, not_forms", [
    ({"give"}, {"give", "gave", "given", "gives", "giving"}, {"gift"}),
    ({"go", "take"}, {"went", "gone", "goes", "took", "taken"}, {"give"}),
    ({"army"}, set(), {"army", "armies"}),  # no verb: no forms
])
def test_verb_forms_are_every_form_of_the_verbs(verbs, forms, not_forms):
    from essaycoach.sentence_form import verb_forms

    found = verb_forms(verbs)
    assert forms <= found and not found & not_forms


# --- a credit resting on one word: made, and worth a teacher's look ---------------------------------------
@pytest.mark.parametrize("rubric_id, text, point, word", [
    ("cult-propaganda", "But he also just scared people.", "writers-threatened", "scared"),
    ("purge-necessary", "Everyone was scared to say anything and people reported their neighbours.", "terror-aim",
     "scared"),
    ("destalinization-causes", "However the changes had clear limits.", "slight-easing", "limits"),
    # one term the analyzer joins from a phrase: no single word to name
    ("purge-necessary", "In the show trials of 1936, 1937 and 1938 they confessed to absurd crimes like plotting "
     "with Trotsky and foreign powers to overthrow the Soviet state.", "show-trials-effect", ""),
    # several of the point's words, or its one rare word scoring far above the cut-off: nothing to check
    ("trotsky-errors", "Trotsky was arrogant.", "overconfidence", None),
    ("trotsky-errors", "Stalin was General Secretary and controlled appointments to party jobs.", "general-secretary",
     None),
])
def test_a_credit_resting_on_one_word_is_worth_a_check(engine, rubric_id, text, point, word):
    p = verdict(engine, rubric_id, text, point)
    assert p.status == "covered", p
    if word is None:
        assert p.check is None, p
    else:
        named = f" (\u201c{word}\u201d)" if word else ""
        assert p.borderline and p.check == f"it rests on a single word of the point{named}: check the sentence " \
                                           "really makes it", p


_TIE = """
import sys
from essaycoach.engine import Engine
from essaycoach.loaders import load_rubric, load_seeds
from essaycoach.negation import unit_terms
rubric = load_rubric("trotsky-errors")
matcher = Engine(load_seeds(), [rubric]).matcher(rubric)
found = unit_terms([sys.argv[1]], matcher.analyzer.term)
point = [p.id for p in rubric.points].index("others-miscalculated")
print(sorted(matcher.keys.speaks_for(point, found)[1]))
"""


def test_which_point_a_shared_term_speaks_for_does_not_depend_on_the_hash_seed():
    """Two points the sentence supports equally keep the terms they share, in every run: summed
    in a set's order, which changes with PYTHONHASHSEED, the tie broke either way (a dev essay's
    "check this" came and went from run to run)."""
    import os
    import subprocess
    import sys

    sentence = ("He made alliances, first with Zinovev and Kamanev against Trotksy then with Bukarin against them, "
                "and then he turned on Bukarin aswell.")
    said = {subprocess.run([sys.executable, "-c", _TIE, sentence], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout
            for seed in ("0", "2")}
    assert said == {"['bukharin', 'kamenev', 'zinoviev']\n"}, said


@pytest.mark.parametrize("rubric_file, text, point", [
    ("tests/data/fresh/rubrics/inspector-birling.yaml", "At the end there is a phone call.", "gerald-affair"),
    ("rubrics/trotsky-errors.yaml", "In the end Stalin won and Trotsky was exiled and later killed in Mexico.",
     "expulsion-1927"),
])
def test_in_the_end_is_a_time_not_an_ending(engine, rubric_file, text, point):
    """"Ended the affair", "ending any realistic challenge": a point's ending is not made by the
    phrase that says when something happened."""
    p = next(p for p in engine.grade(text, read_rubric_file(ROOT / rubric_file)).points if p.id == point)
    assert p.status != "covered", p


VACCINATION = ROOT / "tests" / "data" / "fresh" / "rubrics" / "gcse-vaccination.yaml"


@pytest.mark.parametrize("text, point, status", [
    # Only terms other points use too, and no verb but "be": where a thing is, nothing of the point.
    ("Antibodies are in the blood.", "antigens-antibodies", "partial"),
    # A verb says something of them.
    ("Memory cells stay in the blood and remember the antigen.", "memory-cells", "covered"),
])
def test_a_sentence_of_shared_terms_and_be_says_nothing(engine, text, point, status):
    report = engine.grade(text, read_rubric_file(VACCINATION))
    result = next(p for p in report.points if p.id == point)
    assert result.status == status
    if status == "partial":
        assert result.why == "it names the point's subject but says nothing about it"


def test_the_sentence_quoted_is_the_fullest_statement_of_the_point(engine):
    """A walk: a short sentence echoing an alias ("This means they collide more frequently.", in the
    paragraph on concentration) was quoted for the temperature point, and the student's own full
    statement of it was left unhighlighted."""
    rubric = read_rubric_file(TEACHER / "chem-rates.yaml")
    essay = (TEACHER / "essays" / "chem-rates-jo.txt").read_text(encoding="utf-8")
    point = next(p for p in engine.grade(essay, rubric).points if p.id == "increasing-temperature-gives")
    assert point.status == "covered" and point.sentence.startswith("When the temperature goes up")


@pytest.mark.parametrize("text, denied, said", [
    # "X without Y": what follows the cue is denied, not what came before it
    ("A catalyst makes the reaction go faster without being used up.", {"used"}, {"catalyst", "faster"}),
    # after a denial it is a double negative, and denies nothing
    ("You couldn't walk down a street without seeing his face.", set(), {"street", "face"}),
    ("Without the Testament, Trotsky had no weapon.", {"weapon"}, set()),
    # "X stopped Y -ing": Y's act is kept from happening, X is said (a probe: "concrete and
    # tarmac stop water soaking in"); after a denial, kept up; with no act, what stopped
    ("High tides in the Bristol Channel stopped rivers draining.", {"draining", "rivers"}, {"tides", "channel"}),
    ("Concrete and tarmac stop water soaking in.", {"soaking", "water"}, {"concrete", "tarmac"}),
    ("It didn't stop pouring for weeks.", set(), {"pouring", "weeks"}),
    ("Stalin stopped the purges in 1938.", set(), {"purges"}),
    # "X stops -ing": X's own act, denied with X as by "does not" (bio-diabetes: "the pancreas stops making
    # insulin" was "the opposite" of "the pancreas does not produce enough insulin")
    ("In type 1 diabetes the pancreas stops making insulin, so the patient injects it.",
     {"pancreas", "insulin", "diabetes"}, {"patient"}),
    ("You can stop it by painting it or oiling it.", set(), {"painting", "oiling"}),   # the means, no act
    ("You can stop rust using oil.", set(), {"rust", "oil"}),   # (357e701 had shadowed the means words)
    # a verb before the -ing word: "stopping" names a thing (probe 72: the sum of the distances
    # was "the opposite" of the point, its "thinking" denied)
    ("Stopping distance is thinking distance plus braking distance.", set(), {"thinking", "braking"}),
    # the end of a list after a denial is denied with it (a probe: "cannot afford computers or
    # school trips" was "the opposite" of an alias "cannot afford books, trips or a computer")
    ("Families cannot afford books, trips or a computer.", {"trips", "computer", "books"}, set()),
    # ... and the items before its end (probe 64: "did not use posters, rallies, radio or films" was read
    # as using rallies, and credited)
    ("Families cannot afford books, trips, uniforms or a computer.", {"trips", "uniforms", "computer", "books"},
     set()),
    ("He was not popular, unlike Trotsky.", {"popular"}, {"trotsky"}),
    # the act and its object, and no further: a run-on goes on to say something else
    ("He needed people to stop seeing Stalin as untouchable he also had policies which were more popular",
     {"seeing"}, {"policies", "popular"}),
    # failing denies the act it fails in, and is otherwise an outcome (a probe: "the risk of
    # failure is lower" had made a point negative, so that "do not have lower risk" agreed with it)
    ("Trotsky failed to attend the funeral.", {"funeral"}, set()),
    # "all" after a denying verb is the whole of what it denies, where "not all" limits (probe 129:
    # "Nepal refused all international aid" had been read as no denial)
    ("Nepal refused all international aid.", {"aid", "international"}, set()),
    ("The workers ignored all the warnings.", {"warnings"}, set()),
    # "rare" before a thing names a kind, and denies nothing (probe 124: "shorter codes than rare
    # ones" was the opposite of "the shortest codes"); said of a thing, it says there were few
    ("Huffman coding gives common characters shorter codes than rare ones.", set(), {"codes", "characters"}),
    ("Strikes were rare in the 1930s.", {"strikes"}, set()),
    # "not" between two things sets the second against the first, with or without a determiner
    # (probe 135: "caused by tiny tears in muscle fibres NOT lactic acid" denied the tears)
    ("DOMS is caused by tiny tears in the muscle fibres not lactic acid.", {"lactic", "acid"}, {"tears", "fibres"}),
    ("It is a symptom not the cause.", {"cause"}, {"symptom"}),
    ("The risk of failure is lower for a franchise.", set(), {"risk", "lower", "franchise"}),
    ("A franchise is less likely to fail.", set(), {"franchise", "likely"}),
    # a list the sentence opens on is the subject of the denial it leads into, every item of it
    # (probe 92: "Schools, peers and the media play almost no part" had denied the media alone)
    ("Schools, peers and the media play almost no part in socialising children.",
     {"schools", "peers", "media", "socialising"}, set()),
    ("Kamenev and Zinoviev did not see the danger.", {"kamenev", "zinoviev", "danger"}, set()),
    ("Gangs, cults and sects cannot be studied openly.", {"gangs", "cults", "sects"}, set()),
    ("Kamenev and Zinoviev saw the danger.", set(), {"kamenev", "zinoviev", "danger"}),
    # ... but not a denial an item holds itself, nor a fronted phrase that is no item of a list
    ("Obesity, a poor diet and lack of exercise are risk factors.", {"exercise"}, {"obesity"}),
    ("In Russia, peasants did not own land.", {"peasants", "land"}, {"russia"}),
    # a word that says a thing plays no part says it as "not relevant" does (probe 138: "glutamate
    # is irrelevant to schizophrenia" made the point that glutamate may be involved)
    ("Glutamate is irrelevant to schizophrenia.", {"glutamate", "schizophrenia"}, set()),
    ("The motive is unimportant.", {"motive"}, set()),
    # ... not before a thing, which it names a kind of (a dev essay's "the old opponents had been
    # expelled or given unimportant jobs" was the opposite of "the rivals were gone")
    ("The old opponents had been given unimportant jobs.", set(), {"opponents", "jobs"}),
    ("A not insignificant number of peasants resisted.", set(), {"peasants", "resisted"}),
    # "not the whole" limits as "not all" does, and "be" between a cue and its limit says nothing
    # (probe 138: "genes cannot be the whole cause" was a denial of genes, so a correct answer
    # saying twins "do not always" both get it read as the opposite)
    ("Genes cannot be the whole cause.", set(), {"genes", "cause"}),
    ("Propaganda could not have been the main explanation.", set(), {"propaganda", "explanation"}),
    ("Propaganda cannot be the explanation.", {"propaganda", "explanation"}, set()),
    # "stop" reaches past each thing of a list it keeps from an act (probe 140: "stopping fungi and
    # algae growing" said the algae grow, so "algae cannot grow on them" was its opposite)
    ("The waxy surface stops fungi and algae growing on the leaves.", {"fungi", "algae", "growing"}, {"waxy"}),
    ("Stalin stopped the purges and the arrests.", set(), {"purges", "arrests"}),
    # an act said to happen less ("not ... as often", "not ... as much") still happens (probe 147: "the
    # CPU doesn't need to fetch data from RAM as often" was the opposite of fetching it less often)
    ("The CPU does not need to fetch data from RAM as often.", set(), {"fetch", "data"}),
    ("The ice is not able to erode as much at the front.", set(), {"ice", "erode"}),
    ("The ice does not erode the front.", {"ice", "erode"}, set()),
    # the subject and verb after "instead of X" open what is said instead, comma or none (probe 151:
    # "instead of moving in a straight line it goes round in a circle" denied the circle)
    ("Instead of moving in a straight line it goes round in a circle.", {"straight", "line"}, {"circle"}),
    ("Instead of saving the money they spend it.", {"saving"}, {"spend"}),
    ("Instead of fixing the engine they replace it.", {"fixing", "engine"}, {"replace"}),
    # a denial of a list of acts reaches its last items past the comma (probe 155: the point "they do
    # not need to gain, lose or share electrons" said they lose and share them)
    ("They do not need to gain, lose or share electrons.", {"gain", "lose", "share", "electrons"}, set()),
    ("The army did not advance, and the people suffered.", {"army", "advance"}, {"people", "suffered"}),
    # a fronted "with no X" ends where the clause's subject starts, as "without X" does (probe 166:
    # the point "With no other magnet nearby the compass points north" denied that it points north)
    ("With no other magnet nearby the compass points north.", {"magnet"}, {"compass", "points", "north"}),
    ("Without a catalyst the reaction is slow.", {"catalyst"}, {"reaction", "slow"}),
    # "otherwise" opens a clause of its own, comma or none (probe 171: "it has to be updated regularly
    # otherwise it won't spot new viruses" denied the updating)
    ("It must be updated regularly otherwise it will not spot new viruses.", {"spot", "viruses"},
     {"updated", "regularly"}),
    # a thing named again between commas is the subject of the denial after it (probe 171: "Zacchaeus, the
    # tax collector, refused to give anything" was caught without the aside, not with it)
    ("Zacchaeus, the tax collector, refused to give anything to the poor.", {"zacchaeus", "collector", "poor"},
     set()),
    ("In 1924, the year Lenin died, Stalin was not trusted.", {"stalin", "trusted"}, {"lenin", "died"}),
])
def test_without_denies_what_follows_it(engine, text, denied, said):
    from essaycoach.negation import clause_terms

    term = engine.matcher(load_rubric("trotsky-errors", ROOT / "rubrics")).analyzer.term
    found = clause_terms(text, term)
    assert all(found[term(w)] for w in denied) and not any(found[term(w)] for w in said), found


def test_a_note_is_told_it_is_a_note_whatever_its_score(engine):
    """Walk 47: "temperature and catalysts" was "a note" for one point and "touches on the point"
    for the other: one answer, one reason."""
    rubric = read_rubric_file(ROOT / "tests" / "data" / "teacher" / "chem-factors.yaml")
    partial = [p for p in engine.grade("temperature and catalysts", rubric).points if p.status == "partial"]
    assert len(partial) == 2 and {p.why for p in partial} == {"it is a note, not a sentence that explains the point"}


@pytest.mark.parametrize("rubric_file, point, word, question_word", [
    ("hist-coldwar.yaml", "atomic-bomb", "began", "begin"),   # "Why did the Cold War begin?"
])
def test_every_form_of_a_question_verb_weighs_as_the_question_does(engine, rubric_file, point, word, question_word):
    """Every answer uses the question's words, in any form: "began" names no point of a question
    asking why something began (probe 53: "The Cold War began because ..." was credited, on
    "began" alone, the point that the bomb began an arms race)."""
    rubric = read_rubric_file(ROOT / "tests" / "data" / "teacher" / rubric_file)
    matcher = engine.matcher(rubric)
    term = matcher.analyzer.term
    weights = matcher.keys.weights[[p.id for p in rubric.points].index(point)]
    assert term(word) != term(question_word) and question_word in rubric.question.lower()
    assert weights[term(word)] <= 0.25 * max(weights.values())


@pytest.mark.parametrize("text, denied", [
    # what a point's first clause denies, after its cue; nothing when the first clause states
    ("A fuel cell does not need recharging and keeps working as long as hydrogen is supplied.", {"need", "recharg"}),
    ("Lady Macbeth persuades Macbeth to go on when he decides not to kill Duncan.", set()),
    ("Stalin never attended the congress.", {"attend", "congress"}),
])
def test_main_denial_is_what_the_first_clause_denies(engine, trotsky, text, denied):
    assert main_denial(text, engine.matcher(trotsky).analyzer.term) == denied
