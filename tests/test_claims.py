"""What a statement claims, read from its words: the tables behind the second look's swapped
subjects, dropped denials, ruled-out alternatives, crossed pairs and bare names."""
import pytest
from conftest import ROOT

from essaycoach.claims import (
    as_named,
    crossed,
    denied_claims,
    flow_turned,
    flows,
    items_joined,
    number_swapped,
    numbers_said,
    one_name,
    only_classed,
    opposites,
    parallel_pairs,
    primacies,
    primacy_turned,
    subject_named,
    subjects_told_apart,
)
from essaycoach.loaders import read_rubric_file
from essaycoach.negation import clause_term_sets
from essaycoach.spelling import english_words


@pytest.fixture(scope="module")
def analyzer(engine):
    """A teacher's rubric's analyzer: its words trusted as spelt, the notes' words for the rest."""
    return engine.matcher(read_rubric_file(ROOT / "tests" / "data" / "teacher" / "chem-brine.yaml")).analyzer


@pytest.mark.parametrize("point, answer, turned", [
    ("Oxidation happens at the anode and reduction happens at the cathode.",
     "Reduction happens at the anode and oxidation happens at the cathode.", True),
    ("Oxidation happens at the anode and reduction happens at the cathode.",
     "At the anode oxidation happens, and reduction happens at the cathode.", False),
    # clauses that share no term are no parallel pair: nothing to cross
    ("Stalin controlled appointments, and his supporters voted for him at congresses.",
     "Stalin's supporters were appointed, and they controlled the congress votes.", False),
    # a list's items are one clause with what they lead into, and what both share may go unsaid in
    # the second (probe 77: the examples of each kind of cell swapped round were covered)
    ("Bacteria are prokaryotic cells, while animal, plant and fungal cells are eukaryotic.",
     "Animal and plant cells are prokaryotic, while bacteria are eukaryotic.", True),
    ("Bacteria are prokaryotic cells, while animal, plant and fungal cells are eukaryotic.",
     "Bacteria are prokaryotic, while animal and plant cells are eukaryotic.", False),
])
def test_two_things_paired_the_other_way_round(analyzer, point, answer, turned):
    clauses = items_joined(clause_term_sets(answer, analyzer.term))
    assert crossed(parallel_pairs(point, analyzer.term), clauses) is turned


@pytest.mark.parametrize("clauses, joined", [
    ([{"anim"}, {"plant"}, {"fungal", "cell", "eukaryot"}], [{"anim", "plant", "fungal", "cell", "eukaryot"}]),
    ([{"ordin", "pass"}, {"1349"}, {"statut", "worker"}], [{"ordin", "pass", "1349"}, {"statut", "worker"}]),
    ([{"a", "b"}, {"c"}], [{"a", "b"}, {"c"}]),
])
def test_list_items_join_what_they_lead_into_and_a_number_what_it_follows(clauses, joined):
    assert items_joined([frozenset(c) for c in clauses]) == [frozenset(j) for j in joined]


@pytest.mark.parametrize("text, claims", [
    # what a denial with a subject denies of it, with nothing said instead
    ("Sodium is not produced at the cathode because sodium is more reactive than hydrogen.",
     [({"sodium", "produced", "cathode"}, set())]),
    # what "rather than" rules out, with what the text says instead: the means it gives
    ("Hitler was appointed through a backstairs deal by Papen, rather than by winning a majority.",
     [({"winning", "majority"}, {"backstairs", "deal", "papen"})]),
    # a denial in a clause with no subject of its own is no claim
    ("A vaccine contains a dead form of the pathogen, which cannot cause the disease.", []),
])
def test_the_claims_a_statement_turns_round(analyzer, text, claims):
    term = analyzer.term
    key = frozenset(t for t in map(term, "backstairs deal papen winning majority".split()) if t)
    assert denied_claims(text, term, key) == tuple(
        (frozenset(map(term, claim)), frozenset(map(term, instead))) for claim, instead in claims)


@pytest.mark.parametrize("text, named", [
    ("Gerald, like the older Birlings, goes back to his old attitude.", "Gerald"),
    ("Mr Birling rejects any responsibility for others.", "Mr Birling"),
    ("The USSR was still a dictatorship.", "the USSR"),   # as a reason names it, mid-sentence
    ("Bentham's hedonic calculus measures pleasure and pain.", "Bentham's hedonic calculus"),  # a possessive
    # a subject that is no name may be called by another: "the USSR" for "the government"
    ("The government became only slightly less strict.", ""),
    ("The pancreas detects that the blood glucose concentration has risen.", ""),
    ("In the liver excess glucose is converted into glycogen.", ""),
])
def test_the_subject_a_point_is_about(analyzer, text, named):
    key = frozenset(analyzer(text))
    actor, name = subject_named(text, analyzer.term, key)
    assert name == named and bool(actor) is bool(named)


@pytest.mark.parametrize("words, named", [
    ("The USSR", "the USSR"), ("Mr Birling", "Mr Birling"), ("Sheila", "Sheila"), ("An Inspector", "an Inspector"),
])
def test_a_subject_as_a_reason_names_it(words, named):
    assert as_named(words.split()) == named


@pytest.mark.parametrize("text, key, name", [
    ("There was Article 48.", "article 48", True),
    ("The Great Terror began in 1936.", "great terror", True),
    ("There was a purge of the army.", "purge army", False),
])
def test_a_name_of_two_words(analyzer, text, key, name):
    assert one_name({analyzer.term(w) for w in key.split()}, text, analyzer.term) is name


@pytest.mark.parametrize("text, classed", [
    ("Goebbels was a Nazi.", True),
    ("Goebbels was in charge of Nazi propaganda.", False),
    ("Goebbels ran the Nazi propaganda machine.", False),
])
def test_a_name_said_to_be_what_every_point_names(analyzer, text, classed):
    term = analyzer.term
    assert only_classed(text, {term("goebbels")}, {term("nazi")}, term, frozenset()) is classed


@pytest.mark.parametrize("text, said, denied, words", [
    ("The Treaty was a long-term cause, but it was not the main reason.", "treaty", True, "not the main reason"),
    ("Versailles was a background cause rather than the main reason.", "versailles", True,
     "rather than the main reason"),
    ("I think Versailles wasn't really the most important factor.", "versailles", True,
     "wasn't really the most important factor"),
    ("The main reason was the Depression, not the Treaty.", "depression", False, "the main reason"),
    ("Overall the most important cause was unemployment.", "unemployment", False, "the most important cause"),
    ("A main motive was to remove potential threats.", "remove potential threats", False, "a main motive"),
])
def test_what_a_statement_ranks_first(analyzer, text, said, denied, words):
    assert primacies(text, analyzer.term) == ((frozenset(analyzer(said)), denied, words),)


@pytest.mark.parametrize("text", [
    "The primary coil has fewer turns than the secondary.",   # no reason ranked
    "Unemployment was a major cause and a key factor.",        # one of several, not the first
    "The main road was closed.",
])
def test_what_ranks_nothing_first(analyzer, text):
    assert primacies(text, analyzer.term) == ()


@pytest.mark.parametrize("point, answer, turned", [
    ("The Treaty was not the main reason.", "The Treaty was the main reason.", True),
    ("The Treaty was the main reason.", "The Treaty was not the main reason.", True),
    ("The Treaty was not the main reason.", "The Treaty was not the most important cause.", False),
    # the answer ranks another thing first: nothing said of the point's
    ("The Treaty was not the main reason.", "The main reason was the Depression.", False),
    # said both ways of the same thing: the answer's own judgement is there too
    ("The Treaty was not the main reason.", "Some say the Treaty was the main reason, but the Treaty was not the "
     "main reason.", False),
])
def test_a_judgement_turned_round(analyzer, point, answer, turned):
    term = analyzer.term
    assert (primacy_turned(primacies(point, term), primacies(answer, term)) is not None) is turned


@pytest.mark.parametrize("word, opposite", [
    ("fertile", ("infertile",)), ("infertile", ("fertile",)), ("stable", ("unstable",)), ("legal", ("illegal",)),
    ("relevant", ("irrelevant",)), ("possible", ("impossible",)), ("effective", ("ineffective",)),
    ("dependent", ("independent",)), ("renewable", ("nonrenewable",)),
    # no opposite: not an adjective, a false friend, or a prefixed verb or preposition
    ("valuable", ()), ("famous", ()), ("habitable", ()), ("side", ()), ("tense", ()),
    # a verb "dis" or "un" turns round, in any form (probes 151 and 153: "Stalin ... trusted Britain
    # completely" credited for his distrust, "reports ... should normally be disbelieved" for belief)
    ("trust", ("distrust",)), ("distrusted", ("trusted",)), ("believe", ("disbelieve",)), ("roll", ("unroll",)),
    ("approves", ("disapproves",)), ("agree", ("disagree",)), ("load", ("unload",)),
    # not where the prefix is no reversal, nor a base too short to tell
    ("cover", ()), ("covered", ()), ("solve", ()), ("place", ()), ("displaces", ()), ("miss", ()), ("arm", ()),
    # "-less" turns "-ful" round, either way, where both are adjectives of one stem
    ("harmful", ("harmless",)), ("useless", ("useful",)), ("powerful", ("powerless",)),
    ("helpful", ("unhelpful",)), ("thankless", ()),
])
def test_the_opposite_an_adjective_has_by_its_prefix(word, opposite):
    """The opposites the dictionary holds (besides any a student may coin with "un" or "non")."""
    assert tuple(w for w in opposites(word) if w in english_words()) == opposite


@pytest.mark.parametrize("word, coined", [
    # "un" or "non" before an adjective no dictionary pairs it with still denies it (probe 66:
    # "Wind power is unrenewable" was credited for "wind power is renewable")
    ("renewable", {"unrenewable"}), ("valuable", {"unvaluable", "nonvaluable"}),
    # not for a word already prefixed, nor for a verb
    ("infertile", set()), ("stable", set()), ("cover", set()),
])
def test_an_adjective_may_be_denied_by_a_coined_word(word, coined):
    assert {w for w in opposites(word) if w not in english_words()} == coined


@pytest.mark.parametrize("point, answer, turned", [
    # where a thing moves from and to, turned round (probes 59 and 60: "Water moves into the cell from
    # the salt solution" was credited for "Water moves out of the cell into the salt solution")
    ("Water moves out of the cell into the salt solution.", "Water moves into the cell from the salt solution.",
     "into the cell from the salt solution"),
    ("Water moves out of the cell into the salt solution.", "Water goes into the salt solution.", None),
    ("Water moves out of the cell into the salt solution.", "The cell loses water into the solution.", None),
    ("Blood is redirected away from the digestive system to the working muscles.",
     "Blood is sent from the working muscles to the digestive system.", "from the working muscles to the digestive "
     "system"),
    ("Blood is redirected away from the digestive system to the working muscles.", "Blood goes to the muscles.", None),
    # what both places name is neither's: "from a dilute to a more concentrated solution"
    ("Water moves from a dilute to a more concentrated solution.", "Water moves from a concentrated solution to a "
     "dilute one.", "from a concentrated solution to a dilute one"),
    # "to" alone opens an infinitive as often as a place, and "from" before an -ing word is no place
    ("Sodium ions move to the cathode.", "Sodium ions move to the anode.", None),
    ("The iron core carries the magnetic field to the secondary coil.", "The iron core stops the field from reaching "
     "the secondary coil.", None),
    # one statement that agrees is enough: "from sensory register to STM, and from STM to LTM"
    ("Information passes from the sensory register to short-term memory, and from short-term to long-term memory.",
     "Information goes from short-term memory into long-term memory.", None),
    # "out of X to Y" goes from X to Y as "from X to Y" does (probe 144:
    # "out of RAM to virtual memory and swapped back into RAM" had come from virtual memory)
    ("Data is moved out of RAM to virtual memory and swapped back into RAM when it is needed.",
     "Data that is not needed is moved out of RAM into virtual memory.", None),
    ("People move out of the inner city to the suburbs.", "People move from the suburbs into the inner city.",
     "from the suburbs into the inner city"),
])
def test_a_movement_the_other_way_round(analyzer, point, answer, turned):
    assert flow_turned(flows(point, analyzer.term), flows(answer, analyzer.term)) == turned


@pytest.mark.parametrize("texts, told", [
    # the points' subjects of one kind, told apart by a word: that word names each
    (["The right ventricle pumps blood to the lungs.", "The left ventricle pumps blood to the body."],
     [{"right"}, {"left"}]),
    (["Positive lead ions go to the cathode.", "Negative bromide ions go to the anode."],
     [{"posit", "lead"}, {"negat", "bromid"}]),
    # subjects of no one kind name nothing: another may be the same thing in other words
    (["The government relaxed censorship.", "The USSR stayed a one-party state."], [set(), set()]),
    # a name is subject_named's
    (["Stalin's allies packed the congress.", "Stalin's rivals underestimated him."], [set(), set()]),
])
def test_a_subject_that_is_no_name_is_told_apart_by_the_word_its_kind_differs_in(analyzer, texts, told):
    term = analyzer.term
    terms = [frozenset(t for w in text.split() if (t := term(w.strip(".,").lower()))) for text in texts]
    found = subjects_told_apart(texts, term, terms)
    assert [set(a) for a, _ in found] == told


@pytest.mark.parametrize("word, name", [
    ("Sheila", True), ("USSR", True), ("Statues", False), ("Government", False),
    # an acronym spelling a word is a name; a word in capitals for emphasis is not (probe 83)
    ("RAM", True), ("ROM", True), ("ALL", False), ("NOT", False), ("Ram", False),
])
def test_what_is_written_as_a_name(word, name):
    from essaycoach.sentence_form import is_name

    assert is_name(word) is name


@pytest.mark.parametrize("point, sentence, swapped", [
    # what is counted with another number, and the point's nowhere (probes 86, 88)
    ("The 2011 earthquake was magnitude 9.", "The earthquake was only magnitude 6.", ("6", "9")),
    ("The tsunami waves were up to 40 metres high.", "The waves were about 4 metres high.", ("4", "40")),
    ("The Caparo test has three stages.", "The Caparo test has two stages.", ("2", "3")),
    ("The army was limited to 100,000 men.", "The army could grow to 1 million men.", ("1 million", "100000")),
    ("The damage cost about $235bn.", "The damage cost about 2 billion US dollars.", ("2 billion", "235 billion")),
    # the same number written otherwise, or another number of another thing or kind
    ("The damage cost about $235bn.", "It cost about 235 billion dollars to repair.", None),
    ("The waves were up to 40m high.", "The waves were about 40 metres high.", None),
    ("Haig's army suffered over 400,000 British casualties by November.",
     "Nearly 20,000 British soldiers were killed on the first day alone.", None),
    ("UKIP won one seat with 12.6% of the vote.", "UKIP got nearly four million votes and a single MP.", None),
    ("60 plays were banned in 1937-38.", "About 60 plays were banned in 1937-38.", None),
    ("The decree of 1 December 1934 gave the NKVD powers.", "The December 1934 decree gave the NKVD powers.", None),
    # a year is compared with years alone (probe 102: "the St Valentine's Day Massacre in 1935")
    ("Gang violence such as the St Valentine's Day Massacre of 1929 shocked the public.",
     "The St Valentine's Day Massacre in 1935 shocked the public.", ("1935 year", "1929 year")),
    ("The 2011 earthquake was magnitude 9.", "The 2004 earthquake was magnitude 9.", ("2004 year", "2011 year")),
    ("Gang violence such as the St Valentine's Day Massacre of 1929 shocked the public.",
     "The massacre in February 1929 shocked the public.", None),
    ("The army was limited to 100,000 men.", "In 1920 the army had 100,000 men.", None),   # no year in the point
    ("Stalin's Five-Year Plans began in 1928.", "The plans of the 1920s and 1930s", None),   # decades
    # one value written two ways: a scale in words, "m" run on for millions (probes 128, 129)
    ("Around 9,000 people were killed.", "Nearly nine thousand people were killed.", None),
    ("Around 9,000 people were killed.", "Nearly ninety thousand people were killed.", ("90 thousand", "9000")),
    ("About 16 million shares were sold.", "On Black Tuesday 16m shares were sold.", None),
    ("About 16 million shares were sold.", "On Black Tuesday 6m shares were sold.", ("6", "16 million")),
    # a decimal is read, and agrees with a number it rounds to as that is written
    ("Turnout was 72.2% of voters.", "Turnout was about 72% of voters.", None),
    ("The GDP of the country fell by 5.9 million dollars.", "The GDP of the country fell by 6 million dollars.", None),
    ("Turnout was 72.2% of voters.", "Turnout was 27.2% of voters.", ("27p2 percent", "72p2 percent")),
    ("Turnout was 72% of voters.", "Turnout was 72.8% of voters.", ("72p8 percent", "72 percent")),
    # a number in words of two (probe 142: "the Thirty-Nine Articles" had been 30 and 9, so "the 39
    # Articles" was "the opposite")
    ("The Thirty-Nine Articles of 1563 fixed its doctrine.", "The 39 Articles of 1563 set out its beliefs.", None),
    ("Twenty-one soldiers died.", "21 soldiers died.", None),
    ("Thirty-nine soldiers died.", "Nine soldiers died.", ("9", "39")),
])
def test_a_number_said_of_what_the_point_counts(analyzer, point, sentence, swapped):
    """Probe 86: "the earthquake was only magnitude 6" had made "a magnitude 9 earthquake"."""
    assert number_swapped(numbers_said(point, analyzer.term), numbers_said(sentence, analyzer.term)) == swapped


def test_a_number_another_point_gives_is_that_points(analyzer):
    """ "In stage 2 the death rate falls" is about the point on stage 2, not a wrong stage 3."""
    stage_3, stage_2 = (numbers_said(t, analyzer.term) for t in ("In stage 3 the death rate keeps falling.",
                                                                  "In stage 2 the death rate falls."))
    said = numbers_said("In stage 2 the death rate falls quickly.", analyzer.term)
    assert number_swapped(stage_3, said) == ("2", "3")
    assert number_swapped(stage_3, said, stage_2) is None


def test_each_pair_of_opposites_is_two_terms(analyzer):
    """A pair of lexicon.ANTONYMS whose word were a stop word, or both one term, would say nothing."""
    from essaycoach.lexicon import ANTONYMS

    for a, b in ANTONYMS:
        assert None not in (analyzer.term(a), analyzer.term(b)) and analyzer.term(a) != analyzer.term(b), (a, b)
