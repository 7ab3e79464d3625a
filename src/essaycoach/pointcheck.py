"""Second look at a point the scores credit: is what the essay says distinctive of the point,
is it a sentence or a bare fragment, and does it say the point or its opposite?

The hybrid score rewards shared words. That is not enough on its own: a sentence naming
only words every point of the rubric uses ("Stalin", "party") is not evidence of any one
point; "gen sec 1922 - appointments" names a point without making it; and "Stalin did not
control appointments" shares every word with "Stalin controlled appointments". Each check
is written from general properties of text (term rarity within the rubric, negation cues in
a window, the presence of a verb), not from any rubric's wording.
"""
from __future__ import annotations

import math
import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from functools import cached_property

from .analyze import common_words, fold_many, split_tokens, tokenize
from .claims import (
    Claim,
    Flow,
    Opposed,
    Pairing,
    Primacy,
    acted_on_names,
    as_named,
    crossed,
    denied_claims,
    flow_turned,
    flows,
    items_joined,
    may_cross,
    named_in,
    named_objects,
    number_shown,
    number_swapped,
    numbers_said,
    one_name,
    only_classed,
    opposed_words,
    parallel_pairs,
    primacies,
    primacy_turned,
    subject_named,
    subjects_told_apart,
    terms_of,
)
from .comparison import (
    Change,
    Ranking,
    as_said,
    cause_words,
    changes,
    following_the_cause,
    is_quality,
    rankings,
    turned,
    weigh_changes,
)
from .negation import (
    clause_term_sets,
    clause_terms,
    cue_words,
    denial_adjuncts,
    denials,
    denied_terms,
    denies_unseen,
    dismissed_terms,
    explained,
    main_denial,
    reporters,
    ruled_out,
    setting,
    unit_terms,
)
from .report import OPPOSITE, SAID_OF
from .rubric import Point, Rubric
from .sentence_form import (
    is_fragment,
    is_name,
    is_unfinished,
    opening_clause,
    says_no_more_than,
    verb_forms,
    word_classes,
)

COMMON = 200  # the most frequent English words, which identify nothing alone
A_NOTE = "it is a note, not a sentence that explains the point"   # why a note earns at most partial
# (the question's words, and those most points use: a transformer answer's "secondary coil" and
# "turns" are no question's words, but every answer uses them too; probe 99)
QUESTION_WORDS = "it uses only the question's words or words most of the points use, which every answer uses"
NO_CAUSE = "it gives the effect without naming the cause this point is about"
FLIP_SHARE = 0.6  # the weight of shared terms said the other way round that makes a statement's opposite
POLARITY_SHARE = 0.1  # terms lighter than this share of the heaviest say nothing about polarity
MIXED_JUDGE = 0.3     # of the heaviest: a term judging a contradiction alone once mixed ones are set aside
RARE_SHARE = 0.15  # a term weighing this share of the point's heaviest term identifies it alone
RARE_DF = 3  # used by at most this many of the rubric's points, and by at most a third of them
STAND_IN_KEYS = 2  # key terms a sentence other than a point's best match needs to make it
TERM_FLOOR = 0.01  # the weight in a comparison of a term the point does not weigh (a name every point uses)
PHRASE_TERMS = 4  # a statement of at most this many terms is a phrase a student may write out word for word
# What a sentence may say of a point's subject and still say nothing about it: that it matters
# or exists ("The army was big.", "The party congress was important.", "There was a revolution.").
EMPTY_PREDICATES = ("important", "importance", "significant", "significance", "relevant", "key", "main", "major",
                    "crucial", "vital", "essential", "big", "large", "huge", "great", "small", "little", "factor",
                    "role", "position", "part", "matter", "matters", "mattered", "exist", "existed", "happen",
                    "happened", "interesting", "good", "bad", "thing", "things", "stuff")
_IDLE = frozenset(EMPTY_PREDICATES)
_THERE_IS = re.compile(r"^\W*(?:\w+,?\s+)?there\s+(?:is|are|was|were|has been|have been|had been)\b", re.IGNORECASE)


@dataclass(frozen=True)
class PointKeys:
    """What is distinctive about each point of a rubric: its key terms with weights, which of
    them are rare, and each of its statements (text, aliases) as terms with their polarity."""

    weights: tuple[dict[str, float], ...]   # point -> {term: distinctiveness}
    key: tuple[frozenset[str], ...]         # point -> weighty terms that most points do not use
    rare: tuple[frozenset[str], ...]        # point -> terms that alone identify it (with few others)
    sharers: dict[str, tuple[int, ...]]     # key term -> the points it is key to
    statements: tuple[tuple[dict[str, bool], ...], ...]  # point -> each statement's {term: negated}
    negative: frozenset[int] = frozenset()  # points with a negation in some statement
    denied: tuple[frozenset[str], ...] = ()  # point -> what its statements deny (see denied_terms)
    restating: tuple[tuple[frozenset[str], ...], ...] = ()  # point -> what restates each statement (restated)
    naming: frozenset[str] = frozenset()  # terms that name the question's subject (its own, most points')
    empty: frozenset[str] = frozenset()   # terms that say nothing of a subject but that it matters or exists
    phrases: tuple[tuple[tuple[str, ...], ...], ...] = ()  # point -> its short statements as term runs
    dismissed: tuple[frozenset[str], ...] = ()  # point -> what its statements say did not matter
    ranked: tuple[tuple[Ranking, ...], ...] = ()  # point -> the comparisons its statements make
    changed: tuple[tuple[tuple[Change, ...], ...], ...] = ()  # point -> each statement's changes (up or down)
    causes: tuple[frozenset[str], ...] = ()  # point -> what names the cause its text opens on (see cause_names)
    actors: tuple[frozenset[str], ...] = ()  # point -> key terms of the name its text opens on (subject_named)
    actor_names: tuple[str, ...] = ()        # point -> that subject as a reason names it ("Mr Birling")
    denied_claims: tuple[tuple[Claim, ...], ...] = ()  # point -> claims.denied_claims of its text
    pairings: tuple[tuple[Pairing, ...], ...] = ()  # point -> claims.parallel_pairs of each statement
    primacy: tuple[tuple[Primacy, ...], ...] = ()  # point -> claims.primacies of each statement
    opposed: tuple[tuple[Opposed, ...], ...] = ()  # point -> claims.opposed_words of its statements
    flows: tuple[tuple[Flow, ...], ...] = ()  # point -> claims.flows of each statement
    objects: tuple[frozenset[str], ...] = ()  # point -> claims.named_objects of its text
    low: tuple[bool, ...] = ()  # point -> whether a statement says how little of a thing there is ("poorly")
    spelt: tuple[dict[str, str], ...] = ()  # point -> {term: the word its text writes for it}
    prevented: tuple[frozenset[str], ...] = ()  # point -> what its statements say is prevented ("anomalies")
    subjects: tuple[frozenset[str], ...] = ()  # point -> the terms of its text's opening subject ("storm surges")
    numbers: tuple[frozenset[tuple[str, str]], ...] = ()  # point -> claims.numbers_said of its statements
    openly_denied: tuple[frozenset[str], ...] = ()  # point -> what its statements' first clauses deny (main_denial)

    @cached_property
    def numbers_elsewhere(self) -> tuple[frozenset[tuple[str, str]], ...]:
        """Point -> the numbers the other points give (:attr:`numbers`): a unit giving one of them is
        about that point. Worked out once per rubric."""
        return tuple(frozenset().union(*(n for q, n in enumerate(self.numbers) if q != p))
                     for p in range(len(self.numbers)))

    @cached_property
    def mixed(self) -> tuple[frozenset[str], ...]:
        """Point -> the terms its statements use both ways round ("did not push for the Testament",
        "the Testament was suppressed"): their polarity says nothing. Worked out once per rubric."""
        out = []
        for statements in self.statements:
            ways: dict[str, set[bool]] = {}
            for stmt in statements:
                for t, negated in stmt.items():
                    ways.setdefault(t, set()).add(negated)
            out.append(frozenset(t for t, seen in ways.items() if len(seen) > 1))
        return tuple(out)

    @cached_property
    def denied_alone(self) -> tuple[frozenset[str], ...]:
        """Point -> terms other points state that it alone denies, in its first clause ("A fuel
        cell does not need recharging", beside batteries that must be recharged): denied in a unit,
        such a term speaks for the point however many points share it. Its subject aside (a denied
        clause denies its subject with it), and its key terms, which speak for it anyway. Worked
        out once per rubric."""
        out = []
        for p, denied in enumerate(self.openly_denied or ((),) * len(self.statements)):
            others = [stmt for q, other in enumerate(self.statements) if q != p for stmt in other]
            subject = self.subjects[p] if self.subjects else frozenset()
            out.append(frozenset(t for t in denied if t not in self.key[p] and t not in subject
                                 and t not in self.mixed[p] and any(t in stmt for stmt in others)
                                 and not any(stmt.get(t) for stmt in others)))
        return tuple(out)

    def names_no_cause(self, point: int, found: Collection[str], distinct: int = 2) -> bool:
        """Whether the point opens on a cause (see :func:`cause_names`) that ``found`` does not
        name, while saying too little of what follows to be about this point alone: under
        ``distinct`` of its rare terms ("collisions are more frequent" is said of any cause; "demand for normal
        goods shifts the curve right" of a rise in incomes alone, the engine cannot see
        "richer"), and no statement of it restated."""
        causes = self.causes[point] if self.causes else frozenset()
        return (bool(causes) and causes.isdisjoint(found) and len(self.rare[point].intersection(found)) < distinct
                and not self.restated(point, found))

    def stated(self, point: int) -> set[str]:
        """Every term the point's statements use."""
        return set().union(*(s.keys() for s in self.statements[point]))

    def support(self, point: int, found: Collection[str]) -> float:
        """Weight of the point's key terms among ``found``."""
        w = self.weights[point]
        # fsum: a set's order changes from run to run, and a plain sum's last digit with it,
        # which decided ties between points sharing a term (a verdict changed with PYTHONHASHSEED)
        return math.fsum(w[t] for t in self.key[point].intersection(found))

    def speaks_for(self, point: int, found: Collection[str],
                   support: dict[int, float] | None = None) -> tuple[set[str], set[str]]:
        """The point's (rare, key) terms among ``found`` that speak for it: of the points a term
        is key to, the found terms support this one best ("party congress" speaks for the
        congress of 1924 only when nothing points to another point using "congress")."""
        here = self.key[point].intersection(found)
        if not here:
            return set(), set()
        support = {} if support is None else support  # per unit: points share their best unit
        mine = self.kept_support(point, found, support)
        key = {t for t in here if all(self._yields(q, point, found, support, mine)
                                      for q in self.sharers.get(t, ()) if q != point)}
        return key & self.rare[point], key

    def _yields(self, other: int, point: int, found: Collection[str], support: dict[int, float],
                mine: float) -> bool:
        """Whether ``other`` yields a shared term to ``point``: it is supported less, or as much
        while ``found`` holds all of this point's key terms or not all of its own ("prokaryotic
        cells are smaller" makes a point on their size, all of whose key terms it holds, not one
        on their smaller ribosomes)."""
        theirs = self.kept_support(other, found, support)
        if not math.isclose(theirs, mine):
            return theirs < mine
        return not (self.key[other].issubset(found) and not self.key[point].issubset(found))

    def kept_support(self, point: int, found: Collection[str], support: dict[int, float]) -> float:
        """:meth:`support`, worked out once per unit and kept in ``support``."""
        if point not in support:
            support[point] = self.support(point, found)
        return support[point]

    def restated(self, point: int, found: Collection[str]) -> set[str]:
        """The key terms of a statement of the point (its text or an alias, with two key terms
        at least) whose every content word ``found`` holds, everyday words aside (see
        :func:`build_keys`); empty when there is none. Such a unit restates a wording the teacher
        accepts, whichever other points share its terms ("lymphocytes produce antibodies"
        restates "lymphocytes make antibodies", though "antibodies" and "produce" weigh more in a
        point on the secondary response; "officers were removed ... potential crime" does not
        restate "remove potential threats")."""
        for needed in self.restating[point] if self.restating else ():
            if needed.issubset(found):
                return set(needed & self.key[point])
        return set()

    def quoted(self, point: int, unit_texts: Sequence[str], term: Callable[[str], str | None]) -> set[str]:
        """The terms of a short statement of the point (an alias such as "cost-push inflation",
        one of its key terms at least) that the unit writes out as a run of words; empty when none."""
        phrases = self.phrases[point] if self.phrases else ()
        return set(written_out(phrases, unit_texts, term) or ()) if phrases else set()


def written_out(phrases: Sequence[tuple[str, ...]], unit_texts: Sequence[str],
                term: Callable[[str], str | None]) -> tuple[str, ...] | None:
    """The first of ``phrases`` (runs of terms) that a sentence of the unit writes out as a run of
    words, taking the sentences in turn; None when none does."""
    for text in unit_texts:
        run = tuple(t for t in map(term, tokenize(text)) if t is not None)
        for phrase in phrases:
            n = len(phrase)
            if any(run[i:i + n] == phrase for i in range(len(run) - n + 1)):
                return phrase
    return None


@dataclass(frozen=True)
class Check:
    """A point's verdict after the second look."""

    status: str
    reason: str | None   # why it was downgraded or should be checked
    negated: bool = False



def _about_something_else(found: dict[str, bool], denied: Sequence[tuple[frozenset[str], frozenset[str]]],
                          stated: Collection[str], key: Collection[str], involved: frozenset[str]) -> dict[str, bool]:
    """``found`` with the subject of a denial kept positive where the subject is distinctive of
    the point (one of its ``key`` terms) and what is denied of it is nothing the point states:
    "his permanent revolution was not popular" still speaks of permanent revolution. A denial in
    the point's own words ("the army was not purged") denies its subject too, and so does one of
    its being touched at all (``involved``: "Mount Everest was not affected")."""
    kept = {t for before, after in denied if after and after.isdisjoint(stated) and not after <= involved
            and not before.isdisjoint(key) for t in before}
    return {t: neg and t not in kept for t, neg in found.items()} if kept else found


# What happening to a thing is said with, in any subject: "Mount Everest was not affected", "the
# army was not involved" deny that the point's event touched the thing, as "no avalanche" would
_INVOLVEMENT = frozenset("affect affected affects affecting involve involved involves hit hits impact impacted "
                         "touch touched happen happened occur occurred".split())


def build_keys(rubric: Rubric, term: Callable[[str], str | None], analyze: Callable[[str], list[str]],
               idf: dict[str, float]) -> PointKeys:
    """Key terms of each point, weighted by how few of the rubric's points use them (an
    IDF within the rubric) times their rarity in the notes; the question's terms are shared
    by every answer, so they weigh little."""
    # every form of the question's verbs: "began an arms race" names no point of "Why did the Cold War begin?"
    question = set(analyze(rubric.question)) | {t for w in verb_forms(tokenize(rubric.question))
                                                 if (t := term(w)) is not None}
    everyday = common_words(COMMON)
    common = {term(w) for w in everyday | verb_forms(everyday)} - {None}  # "gave" as "give"
    statements = tuple(tuple(clause_terms(s, term) for s in (p.text, *p.aliases)) for p in rubric.points)
    sets = [set().union(*(s.keys() for s in st)) for st in statements]
    n = len(sets)
    df: dict[str, int] = {}
    for terms in sets:
        for t in terms:
            df[t] = df.get(t, 0) + 1
    weights, key, rare = [], [], []
    for terms in sets:
        w = {}
        mine = set()
        for t in terms:
            spread = math.log((n + 1) / df[t]) / math.log(n + 1) if n > 1 else 1.0
            if df[t] >= max(3, (n + 1) // 2) or t in common:
                spread *= 0.25  # shared by most points, or everyday English: names no point
            else:
                mine.add(t)
                if t in question:  # every answer uses the question's words
                    spread *= 0.25
            w[t] = spread * max(idf.get(t, 0.0), 0.1)
        if n > 2 and all(df[t] > 1 for t in mine):
            # A point told from the others only by everyday words ("The small intestine is very
            # long, which gives more time ..."): those are what name it, in this rubric.
            mine |= {t for t in terms if df[t] == 1 and t in common and t not in question}
        weights.append(w)
        cut = RARE_SHARE * max(w.values(), default=0.0)
        heavy = frozenset(t for t in mine if w[t] >= cut)
        key.append(heavy)
        # a word of the question identifies no point, however few points use it
        rare.append(frozenset(t for t in heavy if df[t] <= min(RARE_DF, n / 3) and t not in question))
    sharers: dict[str, list[int]] = {}
    for i, heavy in enumerate(key):
        for t in heavy:
            sharers.setdefault(t, []).append(i)
    negative = frozenset(i for i, st in enumerate(statements) if any(any(s.values()) for s in st))
    denied = tuple(frozenset(t for s in (p.text, *p.aliases) for t in denied_terms(s, term)) for p in rubric.points)
    dismissed = tuple(frozenset(t for s in (p.text, *p.aliases) for t in dismissed_terms(s, term))
                      for p in rubric.points)
    # A statement is restated by its key terms and its other content words, everyday ones aside
    # ("make" in "lymphocytes make antibodies" is said many ways; "threats" is not).
    restating = tuple(tuple(frozenset(t for t in st if t in mine or t not in common) for st in point_statements
                            if len(mine.intersection(st)) >= STAND_IN_KEYS)
                      for point_statements, mine in zip(statements, key))
    shared = {t for t, d in df.items() if d >= max(3, (n + 1) // 2)}
    empty = {t for t in map(term, EMPTY_PREDICATES) if t is not None}
    # A term of art a point or alias names ("cost-push inflation") is said when it is written out,
    # whatever other points share its words ("push" in "pushed up wages").
    phrases = tuple(tuple(run for s in (p.text, *p.aliases) if 2 <= len(run := tuple(analyze(s))) <= PHRASE_TERMS
                          and not mine.isdisjoint(run)) for p, mine in zip(rubric.points, key))
    ranked = tuple(tuple(r for s in (p.text, *p.aliases) for r in rankings(s, term)) for p in rubric.points)
    changed = tuple(tuple(tuple(as_said(changes(s, term), polarity)) for s, polarity in zip((p.text, *p.aliases), st))
                    for p, st in zip(rubric.points, statements))
    causes = tuple(cause_names(p, st[0], own, term) for p, st, own in zip(rubric.points, changed, rare))
    # a name the question sets the points about is a subject too ("TCP", "UDP" in "Compare TCP and UDP")
    # and a subject that is no name, when the points' subjects differ by a word of it ("the left ventricle"),
    # a word of the question's too ("linear search" and "binary search" in "Compare linear search and ...")
    apart = subjects_told_apart([p.text for p in rubric.points], term, [frozenset(st) for st in sets],
                                frozenset(question))
    actors, names = zip(*(named if (named := subject_named(p.text, term, mine | (question & st_terms)))[0] else told
                          for p, mine, st_terms, told in zip(rubric.points, key, sets, apart))) \
        if rubric.points else ((), ())
    return PointKeys(tuple(weights), tuple(key), tuple(rare), {t: tuple(v) for t, v in sharers.items()},
                     statements, negative, denied, restating, frozenset(question | shared), frozenset(empty), phrases,
                     dismissed, ranked, changed, causes, tuple(actors), tuple(names),
                     tuple(denied_claims(p.text, term, mine) for p, mine in zip(rubric.points, key)),
                     tuple(tuple(pair for s in (p.text, *p.aliases) for pair in parallel_pairs(s, term))
                           for p in rubric.points),
                     tuple(tuple(first for s in (p.text, *p.aliases) for first in primacies(s, term))
                           for p in rubric.points),
                     tuple(opposed_words((p.text, *p.aliases), st, term) for p, st in zip(rubric.points, statements)),
                     tuple(tuple(f for s in (p.text, *p.aliases) for f in flows(s, term)) for p in rubric.points),
                     tuple(named_objects(p.text, term, actor) for p, actor in zip(rubric.points, actors)),
                     tuple(any(not _SMALL.isdisjoint(tokenize(s)) for s in (p.text, *p.aliases))
                           for p in rubric.points),
                     tuple({t: w for w in reversed(tokenize(p.text)) if (t := term(w)) is not None}
                           for p in rubric.points),
                     tuple(frozenset(t for s in (p.text, *p.aliases) for t in prevented_terms(s, term))
                           for p in rubric.points),
                     tuple(terms_of(opening_clause(p.text)[0], term) for p in rubric.points),
                     tuple(frozenset().union(*(numbers_said(s, term) for s in (p.text, *p.aliases)))
                           for p in rubric.points),
                     tuple(frozenset().union(*(main_denial(s, term) for s in (p.text, *p.aliases)))
                           for p in rubric.points))


def cause_names(point: Point, changed: Sequence[Change], rare: Collection[str],
                term: Callable[[str], str | None]) -> frozenset[str]:
    """The terms that name the cause a point's text opens on ("Increasing the concentration of a
    reactant in solution increases the rate ..."): the changed term itself, the point's rare terms
    (no other point uses them) said of it ("solution"), and its aliases' ("stronger solution");
    empty when it opens on none. A unit naming none of them gives what follows (more frequent
    collisions) of another cause, or of none."""
    causes = {c.term for c in changed if c.cause}
    if not causes:
        return frozenset()
    aliases = {t for a in point.aliases for t in map(term, tokenize(a)) if t is not None}
    return frozenset(causes | ((cause_words(point.text, changed, term) | aliases) & set(rare)))


def _contradicts(found: dict[str, bool], statements: Sequence[dict[str, bool]], weights: dict[str, float],
                 weighty: list[str], subject: Collection[str] = ()) -> bool:
    """Every statement sharing a weighty term with the unit says it the other way round.
    ``subject``: the terms of the point's opening subject, when the unit opens on it too (see :func:`_flip`)."""
    denied = {t for t in weighty if found[t]}
    shared_any = False
    for stmt in statements:
        shared = stmt.keys() & weighty
        if not shared:
            continue
        # A statement that agrees on other terms than those the unit denies outweighs the denial
        # only when it carries as much ("storms are not important ... the fetch is short" is no
        # agreement with "long fetch").
        aside = not denied & shared and math.fsum(weights[t] for t in shared) < math.fsum(weights[t] for t in denied)
        if not denied & shared and not any(stmt[t] for t in shared):
            if aside:
                continue
            return False  # both say it positively: a statement agrees
        flip = _flip(found, stmt, weights, weighty, subject)
        if flip is False and not aside:
            return False
        shared_any = shared_any or flip is True
    return shared_any


def _flip(found: dict[str, bool], stmt: dict[str, bool], weights: dict[str, float],
          matched: list[str], subject: Collection[str] = ()) -> bool | None:
    """Whether the unit says most of what it shares with the statement the other way round
    (term by term, by weight: a statement that denies one half and states the other is turned
    by an answer that does the reverse); None when they share none of ``matched``. The subject
    of what a point states positively says nothing of which way round when the unit names it too:
    "storm surges ..., so the coast does not flood" denies what "storm surges cause flooding"
    says of them."""
    shared = [t for t in matched if t in stmt]
    if not any(stmt[t] for t in shared) and any(found[t] for t in shared if t not in subject):
        shared = [t for t in shared if t not in subject or found[t] != stmt[t]]   # keeps the denied term
    total = math.fsum(weights[t] for t in shared)
    if not shared or total <= 0:
        return None
    return math.fsum(weights[t] for t in shared if found[t] != stmt[t]) / total >= FLIP_SHARE



def check_point(point: int, status: str, unit_texts: Sequence[str], keys: PointKeys,
                term: Callable[[str], str | None], found: dict[str, bool] | None = None,
                memo: dict | None = None, ends_essay: bool = True) -> Check:
    """Downgrade a credited point: to missing when the unit has none of the point's key terms,
    or only ones that speak for other points; to partial when it lacks what is distinctive
    about it, is a bare fragment or broken off unfinished, or states the opposite of it. ``found``: the
    unit's :func:`unit_terms`, when the caller has them already; ``memo``: a dict kept per unit,
    for what the points sharing it have in common; ``ends_essay``: the unit ends the essay, where
    time can run out mid-sentence (elsewhere a sentence without an end is one a run-on essay was
    cut into, not one its writer left unfinished)."""
    memo = {} if memo is None else memo
    if status == "missing":
        return Check(status, None)
    if found is None:
        found = unit_terms(unit_texts, term)
    if "negated" not in memo:
        memo["negated"] = any(found.values())
    opposite = _contradiction(point, unit_texts, keys, term, found, memo)
    if opposite is not None:
        return opposite
    if status != "covered":
        return Check(status, None)
    denied = {t for t in keys.denied_alone[point] if found.get(t)}
    if not touches(point, found, keys) and not denied:
        # Its score is made of words most points share ("Trotsky", "Stalin", the question's): it
        # touches on nothing of this point, as a score between the cut-offs made so earns nothing.
        return Check("missing", "it shares only words that most of the points use")
    rare, key = keys.speaks_for(point, found, memo.setdefault("support", {}))
    rare, key = rare | denied, key | denied
    if not rare and len(key) < 2:
        # Written out word for word, a short statement of the point outweighs other points
        # sharing its words, so long as one of its terms speaks for it.
        key = keys.restated(point, found) or (key and keys.quoted(point, unit_texts, term)) or key
    if not key:
        # Its terms of this point are other points' more ("rivers" in a sentence on dredging, for
        # a point on tides): it is about them, and makes none of this one.
        return Check("missing", "its words are about another point")
    if not rare and key <= keys.naming and not keys.key[point] <= keys.naming:
        # Its words of this point are the question's, which every answer uses ("The Cold War began
        # because the USA was capitalist", for a point on the atomic bomb and an arms race). A
        # point with no words but the question's ("Water moves out of the cell into the salt
        # solution") is made in them, or it could never be made.
        return Check("partial", QUESTION_WORDS)
    elsewhere = _said_of_another(point, unit_texts, keys, term, found, memo) or _one_swapped(
        point, unit_texts, keys, term, found)
    if elsewhere is not None:
        return elsewhere
    if not rare and len(key) < 2:
        return Check("partial", "it names only what this point shares with others, not what is specific to it")
    if len(key) <= 2 and says_nothing(point, found, key, keys, unit_texts, term, shared=not rare):
        return Check("partial", "it names the point's subject but says nothing about it")
    return _by_form(unit_texts, memo, ends_essay) or Check(status, None)


def _by_form(unit_texts: Sequence[str], memo: dict, ends_essay: bool) -> Check | None:
    """The partial verdict of a unit that is a note, or a sentence broken off unfinished; else None."""
    if "fragment" not in memo:
        memo["fragment"] = all(is_fragment(t) for t in unit_texts)
        memo["unfinished"] = ends_essay and is_unfinished(unit_texts[-1])
    if memo["fragment"]:
        return Check("partial", A_NOTE)
    if memo["unfinished"]:
        return Check("partial", "the sentence stops before it is finished")
    return None


SWAP_TERMS = 5  # terms of a statement written out, all but one, for the one in its place to be a swap
SWAP_SLACK = 2  # terms a copy may add to the statement it copies


def _one_swapped(point: int, unit_texts: Sequence[str], keys: PointKeys, term: Callable[[str], str | None],
                 found: Collection[str]) -> Check | None:
    """The partial verdict of a unit writing out the point's text, or an alias, but for one of its
    key terms, in whose place it writes another term of the rubric ("... detected by receptors in
    the kidney", for "... detected by receptors in the brain"; "... which is called turgor", for
    "... which is called plasmolysis"); None otherwise. A word no point uses there may be the
    point's in other words ("the hypothalamus"), and is left alone."""
    for stmt in keys.statements[point]:
        order = list(stmt)
        missing = [t for t in order if t not in found]
        if len(order) < SWAP_TERMS or len(missing) != 1 or missing[0] not in keys.key[point]:
            continue
        at = order.index(missing[0])
        run = [t for text in unit_texts for t in map(term, tokenize(text)) if t is not None]
        if len(run) > len(order) + SWAP_SLACK:
            continue   # a sentence of its own that shares the point's words, not the point copied
        before, after = (order[at - 1] if at else None), (order[at + 1] if at + 1 < len(order) else None)
        if before is not None and before not in run:
            continue
        start = 0 if before is None else run.index(before) + 1
        if after is not None and after not in run[start:]:
            continue
        end = start + 1 if after is None else run.index(after, start)
        if end - start != 1 or start >= len(run):
            continue   # nothing in its place, or more than one word: said otherwise, not swapped
        put = run[start]
        if put in stmt or not any(put in keys.stated(q) for q in range(len(keys.statements)) if q != point):
            continue
        written = next((w for w in tokenize(" ".join(unit_texts)) if term(w) == put), put)
        said = keys.spelt[point].get(missing[0], missing[0]) if keys.spelt else missing[0]
        if _a_thing(written) and _a_thing(said) and not _both_verbs(written, said):
            # things swapped: a verb or a number put instead says it otherwise ("lymphocytes make
            # antitoxins" for "produce": each may be a noun, and both are verbs)
            return Check("partial", f"{OPPOSITE} (it says '{written}' where the point says '{said}')", negated=True)
    return None


def _a_thing(word: str) -> bool:
    """Whether a word names a thing: a noun, or a word no lexicon holds (a name, a term of art)."""
    classes = word_classes(word)
    return not word.isdigit() and (not classes or "NOUN" in classes)


def _both_verbs(one: str, other: str) -> bool:
    """Whether two words are both verbs, and neither a quality ("long" for "short" is a swap)."""
    classes = word_classes(one), word_classes(other)
    return all("VERB" in c and "ADJ" not in c for c in classes)


def _without_the_cause(point: int, unit_texts: Sequence[str], keys: PointKeys, term: Callable[[str], str | None],
                       memo: dict) -> Check:
    """The verdict on a unit giving what follows without the cause the point opens on: of
    another point's cause it makes nothing of this one ("If the price of a substitute rises,
    demand for the good increases" gives nothing of a rise in incomes); of none, a part."""
    if _another_points_cause(point, unit_texts, keys, term, memo):
        return Check("missing", "it is about another point's cause")
    return Check("partial", NO_CAUSE)


def _said_of_another(point: int, unit_texts: Sequence[str], keys: PointKeys, term: Callable[[str], str | None],
                     found: dict[str, bool], memo: dict) -> Check | None:
    """The verdict on a unit saying what follows of another cause than the one the point opens on,
    or what the point says of its subject of another thing; None when it says neither."""
    if keys.names_no_cause(point, found):
        return _without_the_cause(point, unit_texts, keys, term, memo)
    other = _another_actor(point, unit_texts, keys, term, found)
    if other is None:
        return None
    return Check("partial", f"{SAID_OF} \u201c{other}\u201d, where the point is about "
                            f"\u201c{keys.actor_names[point]}\u201d", negated=True)


def _another_actor(point: int, unit_texts: Sequence[str], keys: PointKeys, term: Callable[[str], str | None],
                   found: Collection[str]) -> str | None:
    """The subject, as written, of a sentence of the unit saying what the point says of its
    subject of another point's ("Sheila goes back to her old attitude", for "Gerald ... goes back
    to his old attitude"), when the unit never names the point's own; None otherwise. Another
    thing is a name another point opens on, or a subject no name of the same kind as the point's
    told apart by a word (:func:`claims.subjects_told_apart`: "the right ventricle" for "the left
    ventricle"); any other subject may be the point's own in other words ("the USSR" for "the
    government"). Only what its first clause says of it is said of it ("Statues were taken down
    and text books rewritten")."""
    if not keys.actors or not keys.actors[point]:
        return None
    # a name is the point's own wherever the unit names it; a subject no name is missing when any of
    # the words telling it apart is ("negative" may be said of another thing: "the negative electrode")
    named = any(map(is_name, keys.actor_names[point].split()))
    if named and not keys.actors[point].isdisjoint(found):
        return _roles_swapped(point, unit_texts, keys, term)
    stated = keys.stated(point)
    others = set().union(*(actor for q, actor in enumerate(keys.actors) if q != point))
    # a subject no name is another point's only as the same kind of thing ("the right ventricle" for
    # "the left ventricle"; not "the USSR" for "the government", which may be it in other words)
    kind = frozenset() if named else terms_of(keys.actor_names[point].split(), term) - keys.actors[point]
    # a subject of one word the question sets beside others ("Diamond", of "diamond and graphite")
    # is of their kind: another of them is another thing
    compared = not named and not kind and keys.actors[point] <= keys.naming
    # and its words anywhere name it, unless the unit opens on a subject of its kind without writing it
    # out ("Thinking distance is the distance the car travels after the brakes are applied" names no
    # "braking distance"; "Loftus and Palmer got 45 students to watch ..." names the student participants)
    if not named and keys.actors[point] <= set(found) and (
            written_out([tuple(t for t in map(term, tokenize(keys.actor_names[point])) if t is not None)],
                        unit_texts, term) is not None
            or all(kind.isdisjoint(terms_of(opening_clause(text)[0], term)) for text in unit_texts)):
        return None
    for text in unit_texts:
        words, clause = opening_clause(text)
        written = terms_of(words, term)
        subject = named_in(words, term) or (written & others - stated if written & kind or compared else frozenset())
        if subject and subject.isdisjoint(stated) and not subject.isdisjoint(others) and \
                not keys.key[point].isdisjoint(terms_of(clause, term)):
            first = next((i for i, w in enumerate(words) if is_name(w)), 0)
            return as_named(words[first:])   # "Stalin", not "Overall Stalin"; "KF's short-term memory"
    return None


def _roles_swapped(point: int, unit_texts: Sequence[str], keys: PointKeys,
                   term: Callable[[str], str | None]) -> str | None:
    """The subject, as written, of a sentence of the unit that swaps the point's two names round:
    it opens on a name the point's first clause acts on, and its own first clause, saying
    something of the point's, acts on the point's subject ("Tybalt kills Romeo in revenge for
    Mercutio's death", for "Romeo chooses to kill Tybalt in revenge ..."); None otherwise. A name
    after "by" is the one acting ("Tybalt is killed by Romeo")."""
    objects = keys.objects[point] if keys.objects else frozenset()
    if not objects:
        return None
    for text in unit_texts:
        words, clause = opening_clause(text)
        subject = named_in(words, term)
        acted_on = acted_on_names(clause, term)
        if subject & objects and subject.isdisjoint(keys.actors[point]) and acted_on & keys.actors[point] \
                and not keys.key[point].isdisjoint(terms_of(clause, term)):
            return as_named(words)
    return None


def _contradiction(point: int, unit_texts: Sequence[str], keys: PointKeys, term: Callable[[str], str | None],
                   found: dict[str, bool], memo: dict) -> Check | None:
    """The partial verdict of a unit saying the opposite of the point: by a negation (not one
    denying the change opposite to the point's), or by turning a comparison or a change round."""
    # Most units and points say things positively: nothing to compare.
    opposite = _opposite(point, unit_texts, keys, term, found, memo) if (
        memo["negated"] or point in keys.negative) else None
    if opposite is not None and memo["negated"] and (
            _denies_the_other_way(point, unit_texts, keys, term, found, memo)
            or _scarce_as_said(point, unit_texts, keys, term, found)
            or _badly_as_said(point, unit_texts, keys, term)
            or _prevented_as_said(point, keys, term, found)):
        opposite = None   # "does not reduce the rate" for "increases the rate": a denial that agrees
    if opposite is None:
        opposite = _the_other_way(point, unit_texts, keys, term, found, memo)
    if opposite is None and keys.opposed and keys.opposed[point]:
        opposite = _opposite_word(point, found, keys)
    if opposite is None and keys.numbers and keys.numbers[point]:
        opposite = _another_number(point, unit_texts, keys, term, memo)
    if opposite is None:
        if "ruled_out" not in memo:   # once per unit: few sentences rule anything out
            memo["ruled_out"] = [(text, r) for text in unit_texts if _RULES_OUT.search(text)
                                 for r in ruled_out(text, term)]
        if memo["ruled_out"]:
            opposite = _ruled_out(point, memo["ruled_out"], keys, term)
    if opposite is None and not memo["negated"] and _states_what_it_denies(point, found, keys):
        opposite = Check("partial", OPPOSITE, negated=True)   # named last: the others say how
    return opposite


_RULES_OUT = re.compile(r"\b(?:rather than|instead of)\b", re.IGNORECASE)
_WORDS = re.compile(r"[\w'\u2019]+")


def _ruled_out(point: int, alternatives: Sequence[tuple[str, tuple[frozenset[str], frozenset[str]]]],
               keys: PointKeys, term: Callable[[str], str | None]) -> Check | None:
    """The partial verdict of a unit ruling out what the point states ("caused by the tide rather
    than the wind", for "the prevailing wind makes waves approach at an angle"; probe 92): one of
    its key terms that every statement of it says positively, set aside by "rather than" or
    "instead of" and not said in what the unit puts in its place; or None. ``alternatives``: each
    sentence of the unit with what it rules out (:func:`negation.ruled_out`)."""
    positive = set.intersection(*({t for t, negated in st.items() if not negated} for st in keys.statements[point]))
    # what the point rules out too ("instead of moving in a straight line", for "rather than a straight
    # line"), or the opposite of what it says ("formal jobs instead of working in the informal economy")
    denied = set().union(*({t for t, negated in st.items() if negated} for st in keys.statements[point]),
                         (theirs for theirs, _, _, _ in keys.opposed[point] if keys.opposed))
    for text, (alternative, instead) in alternatives:
        if alternative & denied:
            continue
        # (not a name: "the army stayed loyal rather than joining Hitler" rules out no Hitler)
        turned = (alternative & keys.key[point] & positive) - instead
        if turned and turned - named_in(_WORDS.findall(text), term):
            return Check("partial", f"{OPPOSITE} (it rules out what the point says)", negated=True)
    return None


def _ranks_as(ranking: Ranking) -> str:
    """What a ranking ranks by: a choice ("rather"), a conversion ("into"), or a scale (speed, cost)."""
    return ranking.word if ranking.word in ("rather", "into") else ranking.scale


def _comparable(mine: str, theirs: str) -> bool:
    """Whether rankings by these (see :func:`_ranks_as`) rank alike: the same, or a quality's scale
    and plain degree ("less popular than" with "appealed more than"); two qualities' scales are two
    rankings ("defending much easier than attacking" turns no "defence much stronger than attack")."""
    return mine == theirs or ("degree" in (mine, theirs) and "~" in (mine[:1], theirs[:1]))


def _another_number(point: int, unit_texts: Sequence[str], keys: PointKeys, term: Callable[[str], str | None],
                    memo: dict) -> Check | None:
    """The partial verdict of a unit counting what the point counts with another number, and
    the point's nowhere ("the earthquake was only magnitude 6", for "a magnitude 9 earthquake";
    probe 86), or None."""
    if "numbers" not in memo:
        memo["numbers"] = frozenset().union(*(numbers_said(text, term) for text in unit_texts))
    swapped = number_swapped(keys.numbers[point], memo["numbers"], keys.numbers_elsewhere[point])
    if swapped is None:
        return None
    said, point_says = map(number_shown, swapped)
    return Check("partial", f"{OPPOSITE} (it says '{said}' where the point says '{point_says}')", negated=True)


def _the_other_way(point: int, unit_texts: Sequence[str], keys: PointKeys, term: Callable[[str], str | None],
                   found: dict[str, bool], memo: dict) -> Check | None:
    """The partial verdict of a unit turning round a comparison or a change the point states
    (no negation cue to see), or None."""
    if keys.ranked and keys.ranked[point]:
        turned = _turned_round(point, unit_texts, keys, term, memo)
        if turned is not None:
            return turned
    if keys.pairings and keys.pairings[point] and may_cross(keys.pairings[point], found):
        if "clauses" not in memo:
            memo["clauses"] = [c for text in unit_texts for c in items_joined(clause_term_sets(text, term))]
        if crossed(keys.pairings[point], memo["clauses"]):
            return Check("partial", f"{OPPOSITE} (it pairs them the other way round)", negated=True)
    if keys.primacy and keys.primacy[point]:
        if "primacies" not in memo:
            memo["primacies"] = [first for text in unit_texts for first in primacies(text, term)]
        ranked = primacy_turned(keys.primacy[point], memo["primacies"])
        if ranked is not None:
            return Check("partial", f"{OPPOSITE} (it says '{ranked[0]}' where the point says '{ranked[1]}')",
                         negated=True)
    if keys.flows and keys.flows[point]:
        if "flows" not in memo:
            memo["flows"] = [f for text in unit_texts for f in flows(text, term)]
        moved = flow_turned(keys.flows[point], memo["flows"])
        if moved is not None:
            return Check("partial", f"{OPPOSITE} (it has it move the other way: '{moved}')", negated=True)
    if keys.changed and any(keys.changed[point]):
        return _goes_the_other_way(point, unit_texts, keys, term, found, memo)
    return None


def _turned_round(point: int, unit_texts: Sequence[str], keys: PointKeys, term: Callable[[str], str | None],
                  memo: dict) -> Check | None:
    """The partial verdict of a unit that ranks what the point compares the other way round
    ("less popular than" for "appealed more than"), or None; none when a statement of the point
    ranks them as the unit does."""
    if "rankings" not in memo:
        memo["rankings"] = [r for text in unit_texts for r in rankings(text, term)]
    weight = _weigher(keys, point)
    for theirs in memo["rankings"]:
        # a choice ("rather than") is no degree ("less reactive than"), nor a conversion ("into"):
        # "Copper is less reactive than hydrogen, so copper ions are discharged rather than hydrogen
        # ions" turns nothing round (probe 105)
        mine = [m for m in keys.ranked[point] if _comparable(_ranks_as(m), _ranks_as(theirs))]
        if any(turned(m, theirs, weight) for m in mine) and not any(
                _agrees(m, theirs) and not turned(m, theirs, weight) for m in mine):
            if theirs.word == "into":
                return Check("partial", f"{OPPOSITE} (it has what becomes what the other way round)", negated=True)
            said = "rather than" if theirs.word == "rather" else f"{theirs.word} \u2026 than"
            return Check("partial", f"{OPPOSITE} (it compares them the other way round: '{said}')", negated=True)
    return None


def _goes_the_other_way(point: int, unit_texts: Sequence[str], keys: PointKeys, term: Callable[[str], str | None],
                        found: dict[str, bool], memo: dict) -> Check | None:
    """The partial verdict of a unit saying that what the point says goes up goes down, or the
    reverse ("the molecules move more slowly" for "they move faster"; "obedience did not fall"
    for "obedience fell"), or None; none when a statement of the point says it goes the unit's way."""
    theirs = _unit_changes(unit_texts, term, found, memo)
    if not theirs or _another_points_cause(point, unit_texts, keys, term, memo):
        return None
    weight = _weigher(keys, point)
    weighed = [weigh_changes(mine, theirs, weight) for mine in keys.changed[point] if mine]
    if not any(turned > agreed for turned, agreed in weighed) or any(
            agreed >= turned and agreed > 0 for turned, agreed in weighed):
        return None
    # The tally may turn on changes of no shared context ("Higher pressures are expensive" against
    # "Even higher pressures are not used because they are expensive"): none to name, no verdict.
    pair = next(((m, c) for statement in keys.changed[point] if statement
                 for ours, read in [following_the_cause(statement, theirs, weight)] for m in ours for c in read
                 if c.term == m.term and c.way != m.way and not c.context.isdisjoint(m.context)), None)
    if pair is None:
        return None
    mine, said = pair
    how = (f"it says '{said.word}' where the point says '{mine.word}'"
           if is_quality(said.term) or said.word.startswith("not ")  # a quality, a denial
           else f"it says it does not change: '{said.word}'" if not said.way
           else f"it says it goes the other way: '{said.word}'")
    return Check("partial", f"{OPPOSITE} ({how})", negated=True)


def _another_points_cause(point: int, unit_texts: Sequence[str], keys: PointKeys,
                          term: Callable[[str], str | None], memo: dict) -> bool:
    """Whether the unit opens on another point's cause, naming what only that one's cause names
    and this point, which opens on a cause of its own, never says: what follows it says nothing
    of this point ("If the price of a substitute rises, demand for the good increases" does not
    turn round "When the price of a good rises, the quantity demanded falls"). What follows
    from a cause can still contradict a point opening on none ("raising the temperature lowers
    the kinetic energy", for "the molecules gain kinetic energy")."""
    if not keys.causes or not keys.causes[point]:
        return False
    if "cause words" not in memo:
        memo["cause words"] = {t for text, said in zip(unit_texts, _text_changes(unit_texts, term, memo))
                               for t in cause_words(text, said, term)}
    said = memo["cause words"]
    if not said:
        return False
    mine = keys.causes[point] | keys.stated(point)
    return any(not said.isdisjoint(theirs - mine) for q, theirs in enumerate(keys.causes) if q != point)


def _denies_the_other_way(point: int, unit_texts: Sequence[str], keys: PointKeys,
                          term: Callable[[str], str | None], found: dict[str, bool], memo: dict) -> bool:
    """Whether the unit's denial is of the change opposite to the point's, so says what the point
    says: "increasing the concentration does not reduce the rate" for "increasing the
    concentration increases the rate". So when a statement of the point has a change of a thing
    the unit denies going the other way, and the unit turns none of its changes round."""
    if not (keys.changed and any(keys.changed[point])):
        return False
    theirs = _unit_changes(unit_texts, term, found, memo)
    weight = _weigher(keys, point)
    for statement in keys.changed[point]:
        ours, read = following_the_cause(statement, theirs, weight)
        said = [(m, c) for m in ours for c in read if c.term == m.term and not c.context.isdisjoint(m.context)]
        if any(found.get(c.term) and c.way == m.way for m, c in said) and all(c.way == m.way for m, c in said):
            return True
    return False


# Cues saying how much of a thing there is, not that there is none: "very few chicks hatched"
# says what "fewer chicks hatched" says, "little equipment" what "poorly equipped" says, "not
# enough workers" what "a shortage of workers" says (and "very little resentment" the opposite of
# "deeply resented").
_SCARCITY = frozenset("few little scarce".split())
_LOW_DEGREE = frozenset("poorly badly inadequate inadequately insufficient insufficiently limited shortage "
                        "shortages".split())
_SMALL = _SCARCITY | _LOW_DEGREE   # a point saying how little of a thing there is, or how badly done
_MUCH = frozenset("much many lot lots".split())   # "not much energy", "not a lot of", "not very many"


def _scarce_as_said(point: int, unit_texts: Sequence[str], keys: PointKeys,
                    term: Callable[[str], str | None], found: dict[str, bool]) -> bool:
    """Whether the unit's denial is only a scarcity ("few", "little", "not enough", "not much") of
    what the point, stated positively, says is low: it says how little of a thing there is, or
    that a thing the unit denies goes down."""
    if point in keys.negative:
        return False
    low = keys.low[point] if keys.low else False
    if not low and not any(c.way < 0 and found.get(c.term) for statement in keys.changed[point] for c in statement):
        return False
    cues = [c for text in unit_texts for c in cue_words(text, term, keys.key[point])]
    # "no clean water" for "shortages of clean water", unless it denies the shortage itself
    none = low and all(_LOW_DEGREE.isdisjoint(tokenize(text)) for text in unit_texts)
    return bool(cues) and all(c in _SCARCITY or _not_enough(c, unit_texts) or (none and c == "no")
                              or (low and _cue_before(c, unit_texts, _MUCH, 2)) for c in cues)


# Verbs saying a thing does not happen, stated positively: "normalisation prevents deletion
# anomalies" says there are none, as "there are no deletion anomalies" does.
_PREVENTING = frozenset("prevent prevents prevented preventing avoid avoids avoided eliminate eliminates "
                        "eliminated stop stops stopped".split())
_PREVENT_REACH = 3  # words after the verb in which what it prevents is named


def prevented_terms(text: str, term: Callable[[str], str | None]) -> set[str]:
    """The terms of what ``text`` says a verb of :data:`_PREVENTING` keeps from happening: the
    nouns after it ("prevents insertion and deletion anomalies": insertion, deletion, anomalies)."""
    tokens = tokenize(text)
    out: set[str] = set()
    for k, tok in enumerate(tokens):
        if tok in _PREVENTING:
            out |= {t for w in tokens[k + 1:k + 1 + _PREVENT_REACH] if (t := term(w)) is not None}
    return out


def _prevented_as_said(point: int, keys: PointKeys, term: Callable[[str], str | None],
                       found: dict[str, bool]) -> bool:
    """Whether the unit denies what the point says is prevented, in words of its own: "with
    normalisation there are no deletion anomalies" for "normalisation prevents deletion anomalies"
    ("it does not prevent deletion anomalies" denies the preventing)."""
    prevented = keys.prevented[point] if keys.prevented else frozenset()
    if not prevented or any(term(w) in found for w in _PREVENTING):
        return False
    return all(found.get(t) for t in prevented)


# Adverbs of how well a thing is done: denied, they say it is done badly ("not built very well")
_MANNER = frozenset("well properly adequately correctly effectively sufficiently".split())
_MANNER_REACH = 4  # words after the cue ("not built to a high standard" is no manner)


def _badly_as_said(point: int, unit_texts: Sequence[str], keys: PointKeys,
                   term: Callable[[str], str | None]) -> bool:
    """Whether every denial of the unit only says a thing is done badly ("the houses are not built
    very well", "not properly trained") where the point says so in a word of low degree ("poorly
    built", "inadequately trained"): the unit agrees with it."""
    if not (keys.low and keys.low[point]):
        return False
    cues = [c for text in unit_texts for c in cue_words(text, term, keys.key[point])]
    return bool(cues) and all(_cue_before(c, unit_texts, _MANNER, _MANNER_REACH) for c in cues)


def _not_enough(cue: str, unit_texts: Sequence[str]) -> bool:
    """Whether the cue denies only that there is enough ("there wasn't enough peasants")."""
    return _cue_before(cue, unit_texts, _ENOUGH, 2)


_ENOUGH = frozenset({"enough"})


def _cue_before(cue: str, unit_texts: Sequence[str], wanted: frozenset[str], reach: int) -> bool:
    """Whether a sentence of the unit has ``cue`` with one of ``wanted`` within ``reach`` words after it."""
    return any(w == cue and not wanted.isdisjoint(words[k + 1:k + 1 + reach])
               for words in split_tokens(fold_many(unit_texts))   # as cue_words reads them ("wasn't" kept)
               for k, w in enumerate(words))


def _unit_changes(unit_texts: Sequence[str], term: Callable[[str], str | None], found: dict[str, bool],
                  memo: dict) -> list[Change]:
    """The unit's changes as it says them (:func:`comparison.as_said`), read once per unit."""
    if "changes" not in memo:
        memo["changes"] = as_said([c for said in _text_changes(unit_texts, term, memo) for c in said], found)
    return memo["changes"]


def _text_changes(unit_texts: Sequence[str], term: Callable[[str], str | None], memo: dict) -> list[list[Change]]:
    """Each of the unit's sentences' :func:`comparison.changes`, read once per unit."""
    if "text changes" not in memo:
        memo["text changes"] = [changes(text, term) for text in unit_texts]
    return memo["text changes"]


def _weigher(keys: PointKeys, point: int) -> Callable[[str], float]:
    """A term's weight for the point in a comparison or change: its distinctiveness, at least
    :data:`TERM_FLOOR`."""
    weights = keys.weights[point]
    return lambda t: max(weights.get(t, 0.0), TERM_FLOOR)


def _agrees(mine: Ranking, theirs: Ranking) -> bool:
    """Whether two comparisons rank something the same way round."""
    return bool(mine.over & theirs.over and mine.under & theirs.under)


def _negation(unit_texts: Sequence[str], term: Callable[[str], str | None], about: Collection[str]) -> str:
    """The negation the student can look for, named as they wrote it ("missed", "wasn't"): in
    the clauses on the point's terms ``about`` when they have one."""
    cues = [c for text in unit_texts for c in cue_words(text, term, about)]
    if not cues:  # a cue the reader supplies ("X instead of Y")
        return " (a negation)"
    named = list(dict.fromkeys(cues))[:2]
    return f" (the word{'s' if len(named) > 1 else ''} " + " and ".join(f"'{c}'" for c in named) + ")"


def _opposite(point: int, unit_texts: Sequence[str], keys: PointKeys, term: Callable[[str], str | None],
              found: dict[str, bool], memo: dict) -> Check | None:
    """The partial verdict of a unit that states the opposite of the point, or None. Contradicted
    only when no statement of the point (its text, or an alias a teacher accepts) says what the
    unit says the same way round. ``memo["negated"]``: whether the unit holds a negation."""
    if memo["negated"] and len(unit_texts) > 1:
        # A window's sentences merged can hide a denial: one sentence's subject ("white blood
        # cells do not make antibodies") reads as said in the other ("no memory cells are made").
        for text in unit_texts:
            terms = unit_terms((text,), term)
            alone = _opposite(point, (text,), keys, term, terms, {"negated": any(terms.values())})
            if alone is not None:
                return alone
    if not memo["negated"] and point not in keys.negative:
        return None
    if memo["negated"]:
        # Saying the point's subject did not matter ("the Testament had nothing to do with it")
        # contradicts the point whichever way round the point is put ("Trotsky failed to publish
        # the Testament"), unless the point says so itself.
        if "dismissed" not in memo:
            memo["dismissed"] = {t for text in unit_texts for t in dismissed_terms(text, term)}
        if not memo["dismissed"].isdisjoint(keys.key[point] - keys.dismissed[point]):
            return Check("partial", OPPOSITE + _negation(unit_texts, term, keys.key[point]), negated=True)
    weights = keys.weights[point]
    weighty = _judging(point, unit_texts, keys, term, found, memo)
    # the subject is left out only beside a term the unit denies: with none, no need to find it
    subject = _same_subject(point, unit_texts, keys, term, found) if memo["negated"] else frozenset()
    if not weighty or not _contradicts(found, keys.statements[point], weights, weighty, subject):
        return None
    if point not in keys.negative and memo["negated"]:
        # Unless what is denied is nothing the point states (worked out only now: it is rare,
        # and for a point stated positively it can only take a contradiction away).
        if "denials" not in memo:
            memo["denials"] = [d for text in unit_texts for d in denials(text, term)]
        if "involved" not in memo:
            memo["involved"] = frozenset(filter(None, map(term, _INVOLVEMENT)))
        kept = _about_something_else(found, memo["denials"], keys.stated(point), keys.key[point], memo["involved"])
        contradicted = _contradicts(kept, keys.statements[point], weights, weighty, subject)
    else:
        # A unit that denies nothing contradicts a point stating a denial only by saying
        # what the point denies: "the substrate molecules collide" speaks of the subject of
        # "the substrate no longer fits", not of its fitting.
        contradicted = memo["negated"] or not keys.denied or not keys.denied[point].isdisjoint(found)
        if contradicted and not memo["negated"] and keys.denied:
            # A sentence saying what the point denies while it denies something in words that
            # carry no term ("he wasn't there when Lenin was buried") may say it the same way
            # round: its terms cannot show which, so no contradiction is read from them.
            contradicted = not any(denies_unseen(t, term) and not keys.denied[point].isdisjoint(unit_terms((t,), term))
                                   for t in unit_texts)
    if not contradicted:
        return None
    # Name the negation only when the unit has one: a point stating a denial is also contradicted
    # by a sentence saying positively what the point denies.
    named = _negation(unit_texts, term, keys.key[point]) if memo["negated"] else ""
    return Check("partial", OPPOSITE + named, negated=True)


def _same_subject(point: int, unit_texts: Sequence[str], keys: PointKeys,
                  term: Callable[[str], str | None], found: Collection[str]) -> frozenset[str]:
    """The terms of the point's opening subject when a sentence of the unit opens on it too, or
    names all of it (the unit says something of the same thing: see :func:`_flip`); else none.
    "Henry kept all the monastic lands ... and did not sell any of them to the nobles" denies
    what "Most of the monastic land was sold to nobles" says of the land it names. ``found``: the
    unit's terms."""
    mine = keys.subjects[point] if keys.subjects else frozenset()
    if mine and (any(not mine.isdisjoint(terms_of(opening_clause(t)[0], term)) for t in unit_texts)
                 or mine.issubset(found)):
        return mine
    return frozenset()


def _judging(point: int, unit_texts: Sequence[str], keys: PointKeys, term: Callable[[str], str | None],
             found: dict[str, bool], memo: dict) -> list[str]:
    """The unit's terms whose polarity may show it contradicts the point (see :func:`_opposite`);
    empty when none can."""
    weights = keys.weights[point]
    heaviest = max(weights.values(), default=0.0)
    floor = POLARITY_SHARE * heaviest
    weighty = [t for t in found if weights.get(t, 0.0) >= floor > 0]  # names, topic words: no polarity
    if not any(found[t] or any(stmt.get(t) for stmt in keys.statements[point]) for t in weighty):
        return []  # neither says any of them the other way round: nothing to contradict
    neutral = _neutral(unit_texts, term, memo)
    weighty = [t for t in weighty if t not in neutral] if neutral else weighty
    # A term the point's statements use both ways round ("did not push for the Testament", "the
    # Testament was suppressed") cannot show agreement: judged by the others, so long as one of
    # them weighs enough to judge by (a cue the reader misses, "failed to prevent his expulsion",
    # gives a light term such as "party" the wrong way round, and a cue's clause takes in its date).
    mixed = keys.mixed[point]
    judges = [t for t in weighty if t not in mixed and not t.isdigit()]  # a date says when, not whether
    if mixed and any(weights[t] >= MIXED_JUDGE * heaviest for t in judges):
        weighty = judges
    denying = {t for t in weighty if found[t]}
    if denying and keys.denied and denying <= keys.denied[point]:
        return []   # it denies only what the point denies too ("no act is deviant in itself; deviance is ...")
    return weighty


def _neutral(unit_texts: Sequence[str], term: Callable[[str], str | None], memo: dict) -> frozenset[str]:
    """The unit's terms that agree or disagree with nothing by their polarity: who shows or says
    a thing ("Tulving showed that LTM is not ..."), where or when a sentence holds ("In the solid
    the ions ..."), a denial's setting ("not in debt after the Seven Years War"), and what a
    denied reason was given for ("he called the Estates-General, not because he needed money")."""
    if "neutral" not in memo:
        memo["neutral"] = frozenset().union(*(reporters(text, term) | setting(text, term) for text in unit_texts))
        if memo["negated"]:
            memo["neutral"] |= frozenset().union(*(denial_adjuncts(text, term) | explained(text, term)
                                                   for text in unit_texts))
    return memo["neutral"]


def _opposite_word(point: int, found: dict[str, bool], keys: PointKeys) -> Check | None:
    """The partial verdict of a unit saying, with no denial, the opposite adjective of one the point
    says ("the soil is infertile", for "the soil is very fertile"), and never the point's own
    word, either way round ("unlike eukaryotic cells, prokaryotic cells lack a nucleus" says both
    kinds, the point's in a denied clause); or None. "Not infertile" agrees."""
    for theirs, own, word, other in keys.opposed[point]:
        if found.get(theirs) is False and own not in found:
            return Check("partial", f"{OPPOSITE} (it says '{other}' where the point says '{word}')", negated=True)
    return None


def _states_what_it_denies(point: int, found: dict[str, bool], keys: PointKeys) -> bool:
    """Whether a unit with no denial in it says, of the subject of the point's denial, what the
    point denies of it ("Sodium is produced at the cathode ...", for "Sodium is not produced at
    the cathode ..."): however lightly those words weigh (other points name the cathode too), they
    are the claim the point turns round. Not a denial in a clause of no subject of its own
    ("..., which cannot cause the disease", beside "the germ that causes the disease"), nor of
    words a statement of the point also says the same way round. An alternative the point rules
    out, said with nothing of what the point says instead, is the opposite too: "Hitler was
    appointed Chancellor because he won a majority", for "... through a backstairs deal ...,
    rather than by winning a majority"."""
    for claim, instead in keys.denied_claims[point] if keys.denied_claims else ():
        claim = claim - keys.mixed[point]
        if claim and all(t in found for t in claim) and instead.isdisjoint(found):
            return True
    return False


def says_nothing(point: int, found: Collection[str], key: Collection[str], keys: PointKeys,
                 unit_texts: Sequence[str], term: Callable[[str], str | None], shared: bool = False) -> bool:
    """Whether a unit only names a point's subject and says that it matters or exists ("The
    army was big.", "There was a revolution."): beside its key terms (a name of one or two
    words) it has only the point's own words, the question's, words most points use, and empty
    predicates, and no verb but "be". A verb says something ("Stalin controlled appointments,
    which was important"), and so does an empty word the point itself uses ("a huge shock")."""
    stated = keys.stated(point)
    empty = keys.empty - stated
    # ``shared``: its key terms are all ones other points use too; then being where they are
    # ("Cells are in the blood.") is all it says, with no word of its role needed.
    if all(only_classed(text, key, keys.naming | empty, term, _IDLE) for text in unit_texts):
        return True  # "Goebbels was a Nazi.": the point's name, said to be what every point's are
    there_is = any(_THERE_IS.match(t) for t in unit_texts)
    named = there_is and (len(key) == 1 or any(one_name(key, t, term) for t in unit_texts))
    if not (shared or empty.intersection(found) or named):
        return False  # with two key terms, "there was" may name one and say the other ("...less censorship")
    if not all(t in key or t in empty or t in stated or t in keys.naming for t in found):
        return False
    return all(says_no_more_than(text, _IDLE) for text in unit_texts)


def stands_in(point: int, unit_texts: Sequence[str], keys: PointKeys, term: Callable[[str], str | None],
              found: dict[str, bool], memo: dict, ends_essay: bool = True) -> bool:
    """Whether a unit other than the point's best match makes the point: it passes the second
    look and carries several of the point's key terms. One rare term is enough for the best
    match, not for a stand-in: a lower-scoring sentence with one such word is most often about
    something else ("Trotsky also misjudged his moment.")."""
    if check_point(point, "covered", unit_texts, keys, term, found, memo, ends_essay).status != "covered":
        return False
    return len(keys.speaks_for(point, found, memo.setdefault("support", {}))[1]) >= STAND_IN_KEYS


def touches(point: int, found: Collection[str], keys: PointKeys) -> bool:
    """Whether a unit scoring between the cut-offs touches on the point at all: it carries one
    of the point's key terms. A score made of words most points share (the question's, the
    period's names) is no partial credit: it would make a one-sided essay look balanced."""
    return not keys.key[point].isdisjoint(found)
