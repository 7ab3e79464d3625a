"""Comparisons: a sentence ranking what a point compares the other way round contradicts it."""
import pytest
from conftest import ROOT
from hypothesis import given
from hypothesis import strategies as st
from resources import verdict as _verdict

from essaycoach.comparison import Ranking, as_said, changes, rankings, turned, weigh_changes
from essaycoach.loaders import load_rubric, read_rubric_file
from essaycoach.matchstate import from_arrays, to_arrays
from essaycoach.negation import clause_terms

POWER = "why-stalin-gained-power"
ENZYMES = read_rubric_file(ROOT / "tests" / "data" / "subjects" / "rubrics" / "enzymes-temperature.yaml")
PHYSICS = read_rubric_file(ROOT / "tests" / "data" / "teacher" / "physics-seasons.yaml")


@pytest.fixture(scope="module")
def analyzer(engine):
    return engine.matcher(load_rubric(POWER, ROOT / "rubrics")).analyzer


@pytest.fixture(scope="module")
def term(analyzer):
    return analyzer.term


@pytest.mark.parametrize("text, over, under", [
    ("Socialism in One Country appealed more than Permanent Revolution.", "socialism in one country appealed",
     "permanent revolution"),
    # "less" ranks the other way round; the quality compared ("popular") ranks nothing.
    ("Socialism in One Country was less popular than Permanent Revolution.", "permanent revolution",
     "socialism in one country"),
    ("Birling cared more about his workers than about profit.", "workers", "profit"),
    ("People were killed for a potential crime rather than for any actual offence.", "people killed potential crime",
     "actual offence"),
    ("The army was weaker than the party, so it lost.", "party", "army"),
    ("Trotsky was stronger than Stalin in 1924.", "trotsky", "stalin 1924"),
    # a conversion: what becomes over what it becomes
    ("Excess glucose is converted into glycogen.", "excess glucose", "glycogen"),
    ("Glycogen in the liver is broken down into glucose.", "glycogen liver", "glucose"),
    # a comparative before a noun ranks too, and "slower", "thinner" the other way round (probes 110, 111)
    ("Arteries have thinner walls than veins.", "veins", "arteries"),
    ("Trotsky was slower than Stalin to act.", "stalin act", "trotsky"),
    ("Trotsky acted more slowly than Stalin.", "stalin", "trotsky acted"),
])
def test_a_comparison_ranks_one_thing_over_another(analyzer, text, over, under):
    (ranking,) = rankings(text, analyzer.term)
    assert (ranking.over, ranking.under) == (frozenset(analyzer(over)), frozenset(analyzer(under)))


@pytest.mark.parametrize("text", [
    "More than 17 million people were killed.",   # a number, not a rival
    "Other than Trotsky, nobody objected.",
    "Stalin was more ruthless.",                   # no "than": nothing ranked against it
    "He put the money into the bank.",             # put, moved or divided into: no conversion
    "Nobody was cleverer than him.",               # "him" carries no term to rank
])
def test_no_ranking_without_two_things_compared(term, text):
    assert rankings(text, term) == []


@pytest.mark.parametrize("point, text, status", [
    # on one scale (speed) a comparison turns round; on two (speed, a number of comparisons) it
    # neither agrees nor clashes: a search needing fewer comparisons is the faster one (probe 111)
    ("Merging is faster than organic growth.", "Merging is slower than organic growth.", True),
    ("Merging is faster than organic growth.", "Merging is quicker than organic growth.", False),
    ("Merging is faster than organic growth.", "Merging happens more slowly than organic growth.", True),
    ("Merging is faster than organic growth.", "Merging happens more quickly than organic growth.", False),
    ("A binary search needs fewer comparisons than a linear search.",
     "A binary search is much faster than a linear search.", False),
    ("Veins have thinner walls than arteries.", "Arteries have thinner walls than veins.", True),
])
def test_rankings_turn_round_only_on_one_scale(term, point, text, status):
    (mine,), (theirs,) = rankings(point, term), rankings(text, term)
    same = mine.scale == theirs.scale
    assert (same and turned(mine, theirs, lambda t: 1.0)) is status


@pytest.mark.parametrize("rubric_id, text, point, status", [
    # The point: "socialism in one country appealed to a party facing hardship more than permanent revolution".
    (POWER, "Socialism in One Country was less popular than Permanent Revolution.", "socialism-one-country",
     "partial"),
    (POWER, "Permanent Revolution appealed to the party more than Socialism in One Country.",
     "socialism-one-country", "partial"),
    (POWER, "Socialism in One Country appealed to a party facing hardship more than Permanent Revolution did.",
     "socialism-one-country", "covered"),
    (POWER, "Permanent Revolution was less popular with a party facing hardship than Socialism in One Country.",
     "socialism-one-country", "covered"),
    # The point: "people were killed for a 'potential crime' rather than for any actual opposition".
    ("purge-necessary", "People were killed for actual opposition rather than for potential crimes.",
     "potential-crime", "partial"),
    ("purge-necessary", "People were killed for potential crimes rather than for actual opposition.",
     "potential-crime", "covered"),
])
def test_a_comparison_turned_round_contradicts_the_point(engine, rubric_id, text, point, status):
    report = engine.grade(text, load_rubric(rubric_id, ROOT / "rubrics"))
    result = next(p for p in report.points if p.id == point)
    assert result.status == status
    if status == "partial":
        assert result.borderline and "compares them the other way round" in result.why


def test_a_points_comparisons_and_changes_survive_the_stored_state(engine):
    for rubric in (load_rubric(POWER, ROOT / "rubrics"), ENZYMES):
        matcher = engine.matcher(rubric)
        stored = from_arrays(to_arrays(matcher.state())).keys
        assert (stored.ranked, stored.changed) == (matcher.keys.ranked, matcher.keys.changed)
    assert any(engine.matcher(load_rubric(POWER, ROOT / "rubrics")).keys.ranked)
    assert any(any(st) for st in engine.matcher(ENZYMES).keys.changed)


@pytest.mark.parametrize("text, said", [
    # a direction word speaks of the thing after it, or with none there, the one before it
    ("Increasing the temperature speeds up the reaction.", {("temperature", 1), ("reaction", 1)}),
    # ... and of the clause's subject too: "the creches in the factories were closed"
    ("As the temperature increases, the rate of reaction decreases.",
     {("temperature", 1), ("reaction", -1), ("rate", -1)}),
    ("The molecules move more slowly.", {("move", -1), ("molecules", -1)}),          # "more slowly" is down
    ("They collide more often.", {("collide", 1)}),
    ("There are fewer collisions.", {("collisions", -1)}),
    ("The number of women in industry rose from 3 million to 15 million.",
     {("industry", 1), ("number", 1)}),  # no number
    ("Stalin was more ruthless than Trotsky.", set()),             # a comparison ranks; it is no change
    ("Stalin controlled appointments.", set()),
    # making a thing and ending it: up and down
    ("Factories had to provide creches.", {("creches", 1)}),
    ("The creches in the factories were closed.", {("creches", -1), ("factories", -1)}),
    ("Khrushchev abolished the special courts.", {("special", -1)}),
    ("In the end the building was open.", set()),                   # nouns and adjectives: no change
    # qualities at two ends of one scale; "less", "not" turn them
    ("Hard engineering is very cheap to build.", {("~cost", -1), ("~cost|engineering", -1)}),
    ("It is not cheap and it is less attractive.", {("~cost", 1), ("~beauty", -1)}),
    ("The beach becomes narrower.", {("~size", -1), ("~size|beach", -1), ("beach", -1)}),   # of the thing before it
    # antonyms with no prefix (probe 55: "realistic everyday tasks" had been credited for a point on
    # "artificial tasks"; probe 56: a mutation "on purpose" for a random one)
    ("The tasks were artificial.", {("~realism", -1), ("~realism|tasks", -1)}),
    ("The rocks are massive.", {("~size", 1), ("~size|rocks", 1)}),
    # a word of a name is no quality (probe 57: "Tiny Tim" was small beside "the biggest turkey")
    ("Seeing Tiny Tim changes him.", set()),
    ("Tiny Tim is very small.", {("~size", -1), ("~size|tim", -1)}),
    # a cut is a change down (probe 57: "he cuts Bob's salary" had been credited for "raising Bob's salary")
    ("The firm cuts wages.", {("wages", -1)}),
    ("The mutation is deliberate.", {("~intent", 1), ("~intent|mutation", 1)}),
    # a gap narrowed is a gap made smaller; widened, bigger (a probe: "have widened the gap" was
    # credited for a point that policies "narrow the class gap")
    ("The pupil premium widened the gap.", {("~size", 1), ("~size|premium", 1)}),
    # what goes up or comes down comes before the particle, in a run-on too
    ("When the voltage goes up the current comes down.", {("voltage", 1), ("current", -1)}),
    ("Prices went up.", {("prices", 1)}),
    ("The days are longer and the nights shorter.", {("~length", 1), ("~length|days", 1), ("~length", -1),
                                                    ("~length|nights", -1)}),
    ("The substrate no longer fits.", set()),                      # "no longer" is no length
    ("Attrition makes rocks bigger.", {("~size", 1), ("~size|rocks", 1), ("rocks", 1)}),
    # made with nothing after it and no "was": what its subject did, not what was done to it
    ("Khrushchev attacked the cult that Stalin had created.", set()),
    ("The cult that Stalin had built up was dismantled.", {("cult", -1)}),
    # a passive's subject is what was made or ended, not what follows it ("soon after", "by")
    ("Memory cells are destroyed soon after vaccination.", {("memory", -1), ("cells", -1)}),
    ("Memory cells are made by the lymphocytes.", {("memory", 1), ("cells", 1)}),
    # an "up" that finishes the act goes no way (probe 50's "as the table fills up" had turned
    # round "searching becomes slower", said of the table)
    ("The table gets slower as it fills up.", {("table", -1)}),
    ("The catalyst is used up.", set()),
    ("Records end up bunched together.", set()),
    ("Overfishing messes up the food chain.", set()),   # probe 109: "up" had turned round "upset"
    ("The tax pays for cleaning up pollution.", set()),
    # a preposition after the change says when, how or by how much, not what changes (probe 59:
    # "Systolic blood pressure rises during exercise" had exercise rise, so "blood pressure falls
    # because ..." turned nothing round)
    ("Blood pressure rises during exercise.", {("blood", 1), ("pressure", 1)}),
    ("The price falls by ten percent.", {("price", -1)}),
    ("There was a rise in prices.", {("prices", 1)}),
    # a thing so qualified, denied: "legal aid is no longer available" (probe 59: the opposite of "... difficult
    # without legal aid")
    ("Legal aid is no longer available.", {("~legality", -1), ("~legality|aid", -1)}),
    ("Legal aid is available.", {("~legality", 1), ("~legality|aid", 1)}),
    # everyday antonyms with no prefix to read them by (probes 59, 60 and 62: "FPTP is complicated",
    # "a precise and certain test", "our feeling of freedom is real", "worthless trees" were credited)
    ("The system is complicated.", {("~difficulty", 1), ("~difficulty|system", 1)}),
    ("The test is vague.", {("~precision", -1), ("~precision|test", -1)}),
    ("Freedom is an illusion.", {("~reality", -1), ("~reality|freedom", -1)}),
    ("The trees were worthless.", {("~value", -1), ("~value|trees", -1)}),
    # "as easy" compares: its "as" opens no clause, so a denial before it reaches it
    ("Proving it is not as easy.", {("~difficulty", 1)}),
    # staying as it was goes no way, against a change either way (probe 59: "Cardiac output stays the
    # same ..." was credited for "Cardiac output increases")
    ("The price stays the same.", {("price", 0)}),
    ("The rate remained constant.", {("rate", 0)}),
    # a state kept: "remained segregated" (probe 62: "The boycott quickly ended segregation across the whole
    # South" had been credited for "... the South remained segregated for years")
    ("Schools remained segregated.", {("schools", 0), ("segregated", 0)}),
    ("He stayed loyal.", {("~loyalty", 1), ("~loyalty|stayed", 1)}),   # a quality says which way
    # how much says which way, making it none (probe 80: "less urine is produced" turned "a small
    # volume of urine is produced", read as urine going up)
    ("So less urine is produced.", {("urine", -1)}),
    ("A small volume of urine is produced.", {("~size", -1), ("~size|volume", -1)}),
    ("Factories produced more tractors.", {("tractors", 1)}),
    # "hard" is difficulty only before "to" (probe 80: "easy to compare" for "hard to compare" was covered)
    ("It is hard to compare studies.", {("~difficulty", 1), ("~difficulty|compare", 1)}),
    ("Granite is a hard rock.", set()),
    # a change speaks of nothing past "and": each thing joined has its own (probe 81: "worsen as exports
    # fall and imports rise" had imports falling); an arrow in notes says what follows
    ("The current account worsens as exports fall and imports rise.",
     {("current", -1), ("account", -1), ("exports", -1), ("imports", 1)}),
    ("exports down + imports up -> current account gets worse", {("exports", -1), ("imports", 1)}),
    # a thing ranked against itself as it was is a change (probe 81: "less pressure on the land than in
    # the past" was a ranking, so it agreed with "more pressure on the land"); against another, no change
    ("There is less pressure on the land than in the past.", {("pressure", -1)}),
    ("Fields are left fallow for longer than ever.", {("~length", 1), ("~length|fallow", 1)}),
    ("Stalin was more popular than Trotsky.", set()),
    # how it moved is not what moved (probe 112: "the number of marriages fell sharply" was credited
    # for "the number of marriages rose", read as "sharp" going down)
    ("The number of marriages fell sharply.", {("marriages", -1), ("number", -1)}),
    ("Wages rose only slightly after 1350.", {("wages", 1)}),
    ("The government increased supply.", {("supply", 1)}),
    # a denial does not reach past a preposition into a quality (probe 116: "cannot compete with
    # cheaper imports" was read as imports not being cheaper)
    ("Firms cannot compete with cheaper imports.", {("~cost", -1), ("~cost|imports", -1)}),
    ("Imports are not cheaper.", {("~cost", 1), ("~cost|imports", 1)}),
    # after a verb its act goes up or down, not who does it (probe 130: "paid farmers to produce less"
    # had farmers going down, so "farm incomes rose" was "the opposite"); a verb of making before
    # "more" or "fewer" says no way itself ("grow fewer crops" had crops going up as well as down)
    ("The act paid farmers to produce less.", {("produce", -1)}),
    ("Firms would invest more.", {("invest", 1)}),
    ("The government paid farmers to grow fewer crops.", {("crops", -1)}),
    ("The farmers grew more wheat.", {("wheat", 1)}),
    # a measure of a thing changed changes the thing (probes 97-99, 133-135: "reduces the number of
    # mitochondria" had only the number going down, so it agreed with "more mitochondria")
    ("Endurance training reduces the number of mitochondria.", {("mitochondria", -1)}),
    ("Drills increase the number of deaths.", {("deaths", 1)}),
    ("The dam lowers the level of the river.", {("river", -1)}),
    ("The dam lowers the river.", {("river", -1)}),
    # a denial does not reach into the next thing of a list (probe 137: "few skills and little
    # experience" was "not little" experience, the opposite of "little experience")
    ("Young workers have few skills and little experience.", {("~extent", -1), ("~extent|experience", -1)}),
    ("Young workers have little experience.", {("~extent", -1), ("~extent|experience", -1)}),
    # a size's comparative says the thing itself goes up or down (probes 143, 147: "tidal volume gets
    # smaller" agreed with "tidal volume increases", "a bigger current flows" with "a lower current")
    ("Tidal volume gets smaller.", {("~size", -1), ("~size|volume", -1), ("volume", -1)}),
    ("A bigger current flows in the cables.", {("~size", 1), ("~size|current", 1), ("current", 1)}),
    # ... not a thing a preposition or "and" ties to it
    ("The gap between owners and renters gets wider.", {("~size", 1), ("~size|renters", 1)}),
    # "harder to" as "hard to"; secure and insecure (probes 141, 146: "not an insecure man" agreed with
    # Birling's insecurity, "staff feel very secure" with zero-hours staff's)
    ("It is harder to supervise staff.", {("~difficulty", 1), ("~difficulty|supervise", 1)}),
    ("He is not an insecure man.", {("~security", 1), ("~security|man", 1)}),
    # a manner word beside a change says how it went, not a change of its own (probe 158: "so the
    # oxygen level slowly rose" went down); "more slowly" is a change down
    ("The oxygen level slowly rose.", {("oxygen", 1), ("level", 1)}),
    ("The oxygen level rose slowly.", {("oxygen", 1), ("level", 1)}),
    ("The molecules move more slowly.", {("molecules", -1), ("move", -1)}),
])
def test_a_change_is_read_with_its_way(analyzer, text, said):
    def term(w: str) -> str:
        scale, _, near = w.partition("|")
        return w if not w.startswith("~") else f"{scale}|{analyzer.term(near)}" if near else scale

    assert {(c.term, c.way) for c in changes(text, analyzer.term)} == {
        (term(w) if w.startswith("~") else analyzer.term(w), way) for w, way in said}


def test_a_semicolon_ends_a_changes_context(term):
    # probe data (enzymes): "Rate rises to an optimum ...; above it the enzyme denatures, its active
    # site changes shape" was read as the rate rising with the active site changing, the opposite of
    # "The active site changes shape ... and the rate falls quickly to zero"
    said = changes("Rate rises to an optimum as molecules collide more; above it the enzyme denatures.", term)
    rises = next(c for c in said if c.term == term("rate"))
    assert rises.way == 1 and term("molecules") in rises.context and term("enzyme") not in rises.context


def test_a_change_of_another_thing_is_no_contradiction(term):
    weight = lambda t: 1.0  # noqa: E731
    mine = changes("Stalin's support in the party rose.", term)
    assert weigh_changes(mine, changes("Trotsky's support fell.", term), weight) == (0.0, 0.0)
    assert weigh_changes(mine, changes("Stalin's support in the party fell.", term), weight)[0] > 0


@pytest.mark.parametrize("rubric, text, point, status", [
    ("enzymes", "As the temperature increases, the rate of reaction decreases.", "rate-rises", "partial"),
    ("enzymes", "Raising the temperature lowers the kinetic energy so there are fewer collisions.",
     "kinetic-energy", "partial"),
    ("enzymes", "As the temperature increases up to the optimum, the rate of reaction increases.", "rate-rises",
     "covered"),
    ("enzymes", "The molecules gain kinetic energy and move faster, so they collide more often.",
     "kinetic-energy", "covered"),
    # denied, not turned: the negation's to read
    ("enzymes", "As the temperature increases the rate of reaction does not increase.", "rate-rises", "partial"),
    # turned round, though an alias said of winter agrees in words ("in winter the days are shorter")
    ("physics", "In summer the days are shorter and the nights longer.", "daylight", "partial"),
    ("physics", "In summer the Sun is lower in the sky, so its rays are more spread out.", "sun-angle", "partial"),
    ("physics", "In summer the days are longer and the nights shorter, so the UK is heated for more hours.",
     "daylight", "covered"),
    ("physics", "In summer the Sun is higher in the sky so the rays are concentrated.", "sun-angle", "covered"),
])
def test_a_change_said_the_other_way_contradicts_the_point(engine, rubric, text, point, status):
    result = _verdict(engine, text, {"enzymes": ENZYMES, "physics": PHYSICS}[rubric], point)
    assert result.status == status, result
    if status == "partial":
        assert result.borderline and "opposite" in result.why


_TERMS = st.frozensets(st.sampled_from("abcdefgh"), min_size=1, max_size=4)


@given(_TERMS, _TERMS, _TERMS, _TERMS)
def test_turning_round_is_symmetric_and_never_agreement(a, b, c, d):
    mine, theirs = Ranking(a - b, b - a, "more"), Ranking(c - d, d - c, "more")
    if not (mine.over and mine.under and theirs.over and theirs.under):
        return
    weight = lambda t: 1.0  # noqa: E731
    assert turned(mine, theirs, weight) == turned(theirs, mine, weight)
    assert not turned(mine, mine, weight)
    assert turned(mine, Ranking(mine.under, mine.over, "less"), weight)


CHEMISTRY = read_rubric_file(ROOT / "tests" / "data" / "teacher" / "chem-rates.yaml")


def test_a_walks_chemistry_answer_saying_the_opposite_is_not_credited(engine):
    """A walk: "move more slowly, so they collide less often" was credited for "move faster and
    collide more often"."""
    text = "Increasing the temperature makes the particles move more slowly, so they collide less often."
    point = _verdict(engine, text, CHEMISTRY, "increasing-temperature-gives")
    assert point.status == "partial" and "goes the other way" in point.why


WOMEN = "women-status"


@pytest.mark.parametrize("text, status", [
    # ending what the point says was made turns it round (a walk's probe was credited)
    ("Stalin closed the creches, so mothers had to stay at home.", "partial"),
    ("The creches in the factories were abolished, so mothers with young children stayed at home.", "partial"),
    ("Factories had to provide creches so mothers could go out to work.", "covered"),
    ("Factories set up creches, so mothers with young children could work outside the home.", "covered"),
])
def test_ending_what_the_point_says_was_made_contradicts_it(engine, text, status):
    result = _verdict(engine, text, load_rubric(WOMEN, ROOT / "rubrics"), "creches")
    assert result.status == status, result
    if status == "partial":
        assert result.borderline and "opposite" in result.why


@pytest.mark.parametrize("text", [
    "Khrushchev wanted to get rid of the cult of personality that Stalin had created.",
    "Khrushchev dismantled the cult of personality that Stalin had built up.",
])
def test_what_was_made_before_it_was_ended_is_no_contradiction(engine, text):
    """Ending a thing is often said with its making: "the cult Stalin had built" is no denial of
    dismantling it."""
    rubric = load_rubric("destalinization-political-impact", ROOT / "rubrics")
    assert _verdict(engine, text, rubric, "cult-dismantled").status == "covered"


COASTS = read_rubric_file(ROOT / "tests" / "data" / "teacher" / "geog-coasts-hard.yaml")
TEACHER_ESSAYS = ROOT / "tests" / "data" / "teacher" / "essays"


def test_such_as_is_no_new_clause_in_a_comparison(engine):
    """ "Hard rock such as granite erodes faster than soft rock such as boulder clay" turns the
    point round: the "as" of "such as" had cut the comparison to "granite erodes ... soft rock"."""
    rubric = read_rubric_file(ROOT / "tests" / "data" / "teacher" / "geog-coastal-erosion.yaml")
    turned_round = "Hard rock such as granite erodes faster than soft rock such as boulder clay."
    said = "Soft rock such as boulder clay erodes faster than hard rock such as granite, so geology matters."
    verdicts = {text: _verdict(engine, text, rubric, "geology").status for text in (turned_round, said)}
    assert verdicts == {turned_round: "partial", said: "covered"}


@pytest.mark.parametrize("text, status", [
    # probe 67: covered at 1.00, the shared "river erodes" outweighing "hard" and "soft", words
    # every point of the rubric uses
    ("The river erodes the hard rock more quickly than the soft rock.", "partial"),
    ("Hard rock erodes faster than soft rock.", "partial"),
    ("The river erodes the soft rock more quickly than the hard rock.", "covered"),
    ("Soft rock is worn away faster than the hard rock above it.", "covered"),
])
def test_what_both_sides_of_a_comparison_share_is_no_agreement(engine, text, status):
    rubric = read_rubric_file(ROOT / "tests" / "data" / "teacher" / "geog-waterfall.yaml")
    assert _verdict(engine, text, rubric, "soft-erodes-faster").status == status


def test_a_comparison_on_the_other_end_of_a_scale_is_turned(term):
    """ "Cheaper than" and "more expensive than" rank the same two things the other way round."""
    weight = lambda t: 1.0  # noqa: E731
    cheaper = rankings("Rock armour is cheaper than a sea wall.", term)[0]
    assert turned(cheaper, rankings("Rock armour is more expensive than a sea wall.", term)[0], weight)
    assert not turned(cheaper, rankings("A sea wall is more expensive than rock armour.", term)[0], weight)
    assert not turned(cheaper, rankings("Rock armour is less expensive than a sea wall.", term)[0], weight)


def test_an_answer_saying_the_opposite_of_every_point_makes_none(engine):
    """Walk 45: a teacher's own rubric; an answer reversing each point (cheap for expensive,
    beautiful for ugly, narrower for wider, more expensive than for cheaper than) had four of
    them covered, coverage 83%. Each is now partial at most, and checked."""
    reversed_ = (TEACHER_ESSAYS / "geog-coasts-hard-reversed.txt").read_text(encoding="utf-8")
    report = engine.grade(reversed_, COASTS)
    assert [p.id for p in report.points if p.status == "covered"] == []
    assert all(p.borderline and "opposite" in (p.why or "") for p in report.points if p.status == "partial")


def test_the_honest_answer_on_the_same_rubric_keeps_every_point(engine):
    honest = (TEACHER_ESSAYS / "geog-coasts-hard-amy.txt").read_text(encoding="utf-8")
    assert [p.status for p in engine.grade(honest, COASTS).points] == ["covered"] * len(COASTS.points)


def test_a_short_answers_sentences_are_quoted_for_the_points_they_make(engine):
    """Walk 45: Ben's "Groynes keep the sand on the beach." was quoted for both groyne points,
    and his "Groynes can make other beaches lose their sand so they erode more." for neither
    ("erode" and the point's "erosion" had no term in common). His judgement is the one he
    ends on, not his opening line."""
    ben = (TEACHER_ESSAYS / "geog-coasts-hard-ben.txt").read_text(encoding="utf-8")
    report = engine.grade(ben, COASTS)
    quoted = {p.id: p.sentence for p in report.points if p.status == "covered"}
    assert quoted["groynes-trap"] == "Groynes keep the sand on the beach."
    assert quoted["starves-downdrift"].startswith("Groynes can make other beaches lose their sand")
    assert report.judgement_sentence.startswith("So I think it is not always the best way")



@pytest.mark.parametrize("text, said", [
    ("Obedience fell.", {("obedience", -1, "fell")}),
    ("Obedience did not fall.", {("obedience", 1, "not fall")}),       # denied: against "fell", as "rose" is
    ("The rate of reaction does not increase.", {("rate", -1, "not increase"), ("reaction", -1, "not increase")}),
    ("It is not cheap.", {("~cost", 1, "not cheap")}),                  # a quality's "not" is read once
    # ...and said as written, its "less" too (a probe's reason read "'less likely' where the point
    # says 'less likely'")
    ("It is not less expensive.", {("~cost", 1, "not less expensive")}),
    ("The price did not stay the same.", set()),   # changed, but which way it does not say
])
def test_a_denied_change_is_read_the_other_way(term, text, said):
    assert {(c.term, c.way, c.word) for c in as_said(changes(text, term), clause_terms(text, term))} == {
        (t if t.startswith("~") else term(t), way, word) for t, way, word in said}


PSYCHOLOGY = read_rubric_file(ROOT / "tests" / "data" / "teacher" / "psych-obedience.yaml")


@pytest.mark.parametrize("text, status", [
    ("Obedience did not fall when the learner was in the same room.", "partial"),
    ("When the learner was in the same room, obedience did not fall.", "partial"),
    ("Obedience fell when the learner sat in the same room as the participant.", "covered"),
    ("Fewer people obeyed to the end when the learner was in the same room.", "covered"),
])
def test_denying_a_change_the_point_states_contradicts_it(engine, text, status):
    """A probe on a psychology rubric written afresh: "obedience did not fall when the learner
    was in the same room" was credited for "obedience fell when ...": its words agree, and the
    terms the denial holds weigh too little for the negation's own reading."""
    result = _verdict(engine, text, PSYCHOLOGY, "proximity")
    assert result.status == status, result
    if status == "partial":
        assert result.borderline and "'not fall' where the point says 'fell'" in result.why


def test_the_psychology_essays_keep_their_points(engine):
    """The honest answer, in other words than the rubric's, keeps the point; the one denying it does not."""
    essays = {kind: (TEACHER_ESSAYS / f"psych-obedience-{kind}.txt").read_text(encoding="utf-8")
              for kind in ("honest", "denied")}
    verdicts = {kind: _verdict(engine, text, PSYCHOLOGY, "proximity").status for kind, text in essays.items()}
    assert verdicts == {"honest": "covered", "denied": "partial"}


@pytest.mark.parametrize("text, cause", [
    ("Increasing the concentration increases the rate.", ("concentration", 1)),
    ("Lowering the temperature slows the reaction down.", ("temperature", -1)),
    ("If you decrease the concentration, the rate goes down.", ("concentration", -1)),
    ("As the temperature rises, the rate of reaction increases.", ("temperature", 1)),
    ("A lower pressure means the particles collide less often.", ("pressure", -1)),
    # the opening's one direction word may say two things go up or down: both are the cause
    ("If the price of a substitute falls, demand for the good decreases.", ("price substitute", -1)),
    ("The rate of reaction increases.", None),                      # one change: nothing follows from it
    ("The particles move faster, so the rate increases.", None),   # an effect first, no cause set out
])
def test_a_text_opening_on_a_change_sets_out_its_cause(term, text, cause):
    found = [(c.term, c.way) for c in changes(text, term) if c.cause]
    assert found == ([] if cause is None else [(term(w), cause[1]) for w in cause[0].split()])


CHEMISTRY_FACTORS = read_rubric_file(ROOT / "tests" / "data" / "teacher" / "chem-factors.yaml")


@pytest.mark.parametrize("text, point, status", [
    # the cause said the other way round, its effect with it: the point said from its other end
    ("Lowering the temperature slows the reaction down, because the particles move more slowly and collide "
     "less often.", "raising-temperature-increases", "covered"),
    ("If you decrease the concentration, the rate goes down because there are fewer particles in the same "
     "volume, so they collide less often.", "increasing-concentration-reactant", "covered"),
    # the point's cause, with its effect turned round: a walk's answer had it covered (match 0.96)
    ("Increasing the concentration of a solution decreases the rate, because there are fewer particles in the "
     "same volume, so collisions happen less frequently.", "increasing-concentration-reactant", "partial"),
    ("Increasing the pressure of a gas reduces the rate, because the particles are further apart, so they "
     "collide less frequently.", "increasing-pressure-reacting", "partial"),
    ("Lowering the temperature increases the rate of reaction.", "raising-temperature-increases", "partial"),
])
def test_what_follows_a_cause_is_read_with_it(engine, text, point, status):
    result = _verdict(engine, text, CHEMISTRY_FACTORS, point)
    assert result.status == status, result
    if status == "partial":
        assert result.borderline and "opposite" in result.why
    else:
        assert not (result.why or "").startswith("the sentence seems to say the opposite")


def test_what_follows_another_cause_says_nothing_of_this_one(engine):
    """ "If you decrease the concentration, the rate goes down" was read as contradicting the
    temperature, surface area and pressure points, for its "down"."""
    text = ("If you decrease the concentration, the rate goes down because there are fewer particles in the same "
            "volume, so they collide less often.")
    assert not [p.id for p in engine.grade(text, CHEMISTRY_FACTORS).points if p.borderline and p.why
                and "opposite" in p.why]


def test_the_walks_chemistry_answers(engine):
    """Walk 47: the answer turning every factor round had two points covered and 4/6; the full
    answer lost its catalyst point to "without being used up"."""
    reports = {kind: engine.grade((TEACHER_ESSAYS / f"chem-factors-{kind}.txt").read_text(encoding="utf-8"),
                                  CHEMISTRY_FACTORS) for kind in ("full", "opposite")}
    assert [p.status for p in reports["full"].points] == ["covered"] * 5
    assert all(p.status == "partial" and p.borderline for p in reports["opposite"].points)
    assert reports["opposite"].mark < reports["full"].mark


ECONOMICS = read_rubric_file(ROOT / "tests" / "data" / "teacher" / "econ-demand.yaml")


@pytest.mark.parametrize("text, point, status", [
    # the point's cause, "the price of a substitute", with its effect turned round: the substitute
    # it names had weighed as agreement, and the sentence was covered
    ("If the price of a substitute falls, demand for the good increases.", "substitutes", "partial"),
    ("If a substitute becomes more expensive, demand for the good increases as consumers switch to it.",
     "substitutes", "covered"),
    ("A fall in incomes reduces demand for normal goods, shifting the curve to the left.", "income", "covered"),
    ("When the price goes up, the quantity demanded rises.", "law-of-demand", "partial"),
    ("As prices rise, demand falls.", "law-of-demand", "covered"),
])
def test_a_cause_is_read_by_what_the_point_weighs_most_in_it(engine, text, point, status):
    result = _verdict(engine, text, ECONOMICS, point)
    assert result.status == status, result
    assert ("opposite" in (result.why or "")) == (status == "partial")


def test_what_follows_the_price_of_the_good_says_nothing_of_a_substitutes_price(engine):
    """ "As prices rise, demand falls" was read as contradicting the point on a substitute's price:
    its cause names the price, but not the substitute, what that point's cause is about."""
    substitutes = _verdict(engine, "As prices rise, demand falls.", ECONOMICS, "substitutes")
    assert "opposite" not in (substitutes.why or "")


@pytest.mark.parametrize("text, status", [
    # denying the change opposite to the point's says what the point says
    ("Increasing the concentration does not reduce the rate: there are more particles, so they collide more often.",
     "covered"),
    # denying the point's own change, or what follows from it, does not
    ("Increasing the concentration does not make the particles collide more often.", "partial"),
    ("Increasing the concentration does not increase the rate of reaction.", "partial"),
])
def test_a_denial_of_the_opposite_change_agrees(engine, text, status):
    result = _verdict(engine, text, CHEMISTRY_FACTORS, "increasing-concentration-reactant")
    assert result.status == status, result
    assert ("opposite" in (result.why or "")) == (status == "partial")


def test_a_thing_said_to_go_both_ways_is_two_kinds_not_a_change(term):
    """ "higher pleasures of the mind ... lower pleasures of the body" names two kinds of
    pleasure: an answer naming them so does not turn the point round (probe 52: it was read as
    saying pleasure goes the other way, 'lower')."""
    weight = lambda t: 1.0  # noqa: E731
    mine = changes("Mill distinguished higher pleasures of the mind, such as music, from lower pleasures of the "
                   "body, and argued the higher pleasures are worth more.", term)
    theirs = changes("Mill distinguished higher pleasures of the mind from lower pleasures of the body.", term)
    assert {c.way for c in mine if c.term == term("pleasures")} == {1, -1}
    turned_round, _ = weigh_changes(mine, theirs, weight)
    assert turned_round == 0.0
    # a thing the statement says goes one way is still turned round
    assert weigh_changes(changes("The rate of reaction increases.", term), changes("The rate of reaction decreases.",
                                                                                      term), weight)[0] > 0


def test_a_thing_an_answer_says_goes_both_ways_is_two_cases_side_by_side(term):
    """Probe data: "higher price where demand is inelastic + lower price where its elastic" sets two
    markets side by side, and was read as saying the price goes the other way, "lower"."""
    weight = lambda t: 1.0  # noqa: E731
    mine = changes("The higher price is charged in the market where demand is more price inelastic.", term)
    both = changes("The groups need different PEDs: a higher price where demand is inelastic and a lower price "
                   "where it is elastic.", term)
    assert weigh_changes(mine, both, weight)[0] == 0.0
    assert weigh_changes(mine, changes("The lower price is charged where demand is more price inelastic.", term),
                         weight)[0] > 0
