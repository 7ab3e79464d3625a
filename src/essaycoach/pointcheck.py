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
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from .analyze import common_words, fold_many, split_tokens
from .lexicon import SKLEARN_STOP_WORDS
from .rubric import Rubric
from .spelling import misspelling_of

# Words that reverse what follows them in their clause (or, like "missed", are the negative of
# an act). Contractions ending in n't are cues too.
NEGATORS = frozenset(
    "not no never nor neither without cannot nobody nothing none hardly barely failed fail fails failing "
    "failure refused refuse refuses refusing refusal unable lacked lack lacks lacking missed miss misses "
    "missing absent ignored ignore ignores ignoring neglected neglect avoided didnt dont doesnt wasnt "
    "werent isnt arent couldnt wouldnt wont hadnt havent hasnt cant few".split())
# "Not just", "not only": these add to a claim rather than deny it; "not all", "didn't change
# everything": these limit it (some, not none), which is no denial either.
_ADDITIVE = frozenset("just only merely simply solely least all everything everyone completely totally "
                      "entirely fully wholly always".split())
_LIMIT_REACH = 2  # words after a cue in which a limiting word makes it no denial
# "X instead of Y", "X rather than Y": what follows is what did not happen.
_INSTEAD = frozenset({("instead", "of"), ("rather", "than")})
# Linking words that start a new clause (and so end a negation's reach).
_SCOPE_END = frozenset(
    "but because although though while whereas so which who when and since until yet however instead "
    "as after before whilst unlike than except apart besides".split())
# Words that deny a thing any part in what the question asks about, right after a cue ("not
# important", "no difference"): a claim about the subject's role, not about some other property.
_ROLE = frozenset("important significant matter matters mattered difference relevant responsible effect "
                  "impact role".split())
_ROLE_REACH = 4  # words after the cue ("did not really make much difference")
COMMON = 200  # the most frequent English words, which identify nothing alone
FLIP_SHARE = 0.6  # the weight of shared terms said the other way round that makes a statement's opposite
POLARITY_SHARE = 0.1  # terms lighter than this share of the heaviest say nothing about polarity
RARE_SHARE = 0.15  # a term weighing this share of the point's heaviest term identifies it alone
RARE_DF = 3  # used by at most this many of the rubric's points, and by at most a third of them
STAND_IN_KEYS = 2  # key terms a sentence other than a point's best match needs to make it
_CLAUSE = re.compile(r"[,;:()\u2013\u2014]|\s-\s|\.\s")
# Verbs a sentence without a regular past tense or participle usually carries.
_VERBS = frozenset(
    "is are was were be been being am has have had do does did will would can could shall should may "
    "might must made make makes let lets led won win wins lost lose gave give gives took take takes became "
    "become becomes got get gets saw see sees seemed seem seems meant mean means went go goes came come "
    "comes kept keep keeps put puts ran run runs wrote write knew know thought think said say says told "
    "tell felt feel left leave held hold holds brought bring began begin showed show shows fought fight "
    "sought set sets built build grew grow rose fell stood stand drove drive paid pay sent send spent "
    "spend struck chose choose hid hide meant read shut split spread swept taught tore threw hit cut "
    "died dies lied lay fled fed bred sped shot sold told sat met lent bent dealt forgot forgave "
    "wants needs helps uses makes takes means seems shows gets knows thinks "
    "there's it's he's she's that's what's here's who's let's "  # a contracted "is" or "us"
    "didnt doesnt dont wasnt werent isnt arent couldnt wouldnt shouldnt hadnt havent hasnt".split())


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

    def stated(self, point: int) -> set[str]:
        """Every term the point's statements use."""
        return set().union(*(s.keys() for s in self.statements[point]))

    def support(self, point: int, found: Collection[str]) -> float:
        """Weight of the point's key terms among ``found``."""
        w = self.weights[point]
        return sum(w[t] for t in self.key[point].intersection(found))

    def speaks_for(self, point: int, found: Collection[str],
                   support: dict[int, float] | None = None) -> tuple[set[str], set[str]]:
        """The point's (rare, key) terms among ``found`` that speak for it: of the points a term
        is key to, the found terms support this one best ("party congress" speaks for the
        congress of 1924 only when nothing points to another point using "congress")."""
        here = self.key[point].intersection(found)
        if not here:
            return set(), set()
        support = {} if support is None else support  # per unit: points share their best unit
        if point not in support:
            support[point] = self.support(point, found)
        key = set()
        for t in here:
            rivals = [q for q in self.sharers.get(t, ()) if q != point]
            for q in rivals:
                if q not in support:
                    support[q] = self.support(q, found)
            if all(support[q] <= support[point] for q in rivals):
                key.add(t)
        return key & self.rare[point], key


@dataclass(frozen=True)
class Check:
    """A point's verdict after the second look."""

    status: str
    reason: str | None   # why it was downgraded or should be checked
    negated: bool = False


def clause_terms(text: str, term: Callable[[str], str | None]) -> dict[str, bool]:
    """``{term: negated}`` for a text. Negation reverses a clause's proposition, subject
    included ("the army was not purged" denies the army purge), so each clause (cut at
    punctuation and at linking words) is negated when it holds an odd number of cues, and
    every term in it takes that polarity. A term said both ways counts as not negated."""
    out: dict[str, bool] = {}
    for clause in _clauses(text):
        neg = _denies(clause)
        for t in filter(None, map(term, clause)):
            out[t] = out.get(t, neg) and neg
    return out


def _clauses(text: str) -> Iterator[list[str]]:
    """Each clause of ``text`` as tokens, cut at punctuation and at linking words."""
    for tokens in split_tokens(fold_many(_CLAUSE.split(text))):  # one tokenizer pass
        clause: list[str] = []
        relative = False
        padded = [*tokens, "and"]
        for at, tok in enumerate(padded):
            if tok not in _SCOPE_END or (tok in _PREPOSITIONS and _names_a_thing(padded, at + 1)):
                meant = misspelling_of(tok, _LONG_LINKS) if len(tok) >= _LONG_LINK else None
                if meant is None:
                    clause.append(tok)
                    continue
                tok = meant
            yield from _main_predicate(clause) if relative else (clause,)
            relative = tok in _RELATIVE
            # "instead of Y": Y starts a clause with a cue of its own
            pair = {(tok, padded[at + 1] if at + 1 < len(padded) else ""), (padded[at - 1] if at else "", tok)}
            clause = [] if _INSTEAD.isdisjoint(pair) else ["not"]


# Linking words that are also prepositions: "never presented as proof", "not destroyed before
# symptoms" keep the cue's reach; "as he", "before the war ended" start a clause of their own.
_PREPOSITIONS = frozenset("as after before since until than".split())
_CLAUSE_OPENERS = frozenset("i you he she it we they this that these those there the a an his her its their our "
                            "my your some many most all each every no one".split())


def _names_a_thing(tokens: Sequence[str], at: int) -> bool:
    """Whether the word at ``at`` (after a preposition) starts a phrase, not a clause: a noun or
    name straight after, with no subject or determiner that would open a clause."""
    return at < len(tokens) - 1 and tokens[at] not in _CLAUSE_OPENERS and tokens[at] not in _SCOPE_END


_LONG_LINK = 6  # a linking word this long is recognised misspelt ("becuase"); shorter ones are too like other words
_LONG_LINKS = tuple(sorted(w for w in _SCOPE_END if len(w) >= _LONG_LINK))


_RELATIVE = frozenset({"who", "which"})
_AUXILIARIES = frozenset("is are was were be been had has have did does do could would will should might".split())


def _main_predicate(clause: list[str]) -> Iterator[list[str]]:
    """A clause after a relative pronoun, cut where a negated predicate of the sentence's own
    begins: in "the people who [died] [were not opponents]" the cue denies "opponents", and
    "died" stays said. A cue at the clause's head ("who did not oppose him") is its own."""
    cues = _cues(clause)
    at = cues[0] - 1 if cues else 0  # the first cue's position
    if at > 1 and clause[at - 1] in _AUXILIARIES:
        at -= 1  # "were not": the auxiliary goes with its cue
    if at > 0 and clause[at - 1] not in _AUXILIARIES:
        yield clause[:at]
        yield clause[at:]
    else:
        yield clause


def _cues(clause: Sequence[str]) -> list[int]:
    """Positions just after each negation cue of a clause."""
    if NEGATORS.isdisjoint(clause) and "n't" not in " ".join(clause):  # most clauses: no cue
        return []
    return [k for k, t in enumerate(clause, 1)
            # "few trusted him" denies; "a few trusted him" does not
            if (t in NEGATORS and not (t == "few" and k > 1 and clause[k - 2] == "a")) or t.endswith("n't")]


def _denies(clause: Sequence[str]) -> bool:
    """An odd number of cues that deny (not "not just", "not all")."""
    return sum(_ADDITIVE.isdisjoint(clause[k:k + _LIMIT_REACH]) for k in _cues(clause)) % 2 == 1


def _denying(text: str) -> Iterator[tuple[list[str], int, bool]]:
    """Each denying clause of ``text``, the position just after its first cue, and whether it
    denies its subject any part in the question ("storm waves are not important", "groynes make
    no difference"): read once, for :func:`denials` and :func:`denied_terms` alike."""
    for clause in _clauses(text):
        if _denies(clause):
            first = _cues(clause)[0]
            yield clause, first, not _ROLE.isdisjoint(clause[first:first + _ROLE_REACH])


def denials(text: str, term: Callable[[str], str | None]) -> list[tuple[frozenset[str], frozenset[str]]]:
    """Each denying clause of ``text`` as (the terms before its first cue, the terms after it):
    what the clause is about, and what it says that thing is not ("his idea of permanent
    revolution | was not popular"). A clause denying that its subject mattered at all ("storm
    waves are not important", "groynes make no difference") denies the subject's part in the
    question, whatever the point says: it is left out, so the subject stays denied."""
    return [(frozenset(filter(None, map(term, clause[:first - 1]))), frozenset(filter(None, map(term, clause[first:]))))
            for clause, first, role in _denying(text) if not role]


def denied_terms(text: str, term: Callable[[str], str | None]) -> set[str]:
    """What ``text`` denies: the terms after the first cue of each denying clause ("the
    substrate | no longer fits the active site"), or the whole clause where it denies its
    subject any part ("storms made no difference")."""
    return {t for clause, first, role in _denying(text)
            for t in filter(None, map(term, clause if role else clause[first:]))}


def _about_something_else(found: dict[str, bool], denied: Sequence[tuple[frozenset[str], frozenset[str]]],
                          stated: Collection[str], key: Collection[str]) -> dict[str, bool]:
    """``found`` with the subject of a denial kept positive where the subject is distinctive of
    the point (one of its ``key`` terms) and what is denied of it is nothing the point states:
    "his permanent revolution was not popular" still speaks of permanent revolution. A denial in
    the point's own words ("the army was not purged") denies its subject too."""
    kept = {t for before, after in denied if after and after.isdisjoint(stated) and not before.isdisjoint(key)
            for t in before}
    return {t: neg and t not in kept for t, neg in found.items()} if kept else found


def build_keys(rubric: Rubric, term: Callable[[str], str | None], analyze: Callable[[str], list[str]],
               idf: dict[str, float]) -> PointKeys:
    """Key terms of each point, weighted by how few of the rubric's points use them (an
    IDF within the rubric) times their rarity in the notes; the question's terms are shared
    by every answer, so they weigh little."""
    question = set(analyze(rubric.question))
    common = {term(w) for w in common_words(COMMON)} - {None}
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
        weights.append(w)
        cut = RARE_SHARE * max(w.values(), default=0.0)
        heavy = frozenset(t for t in mine if w[t] >= cut)
        key.append(heavy)
        rare.append(frozenset(t for t in heavy if df[t] <= min(RARE_DF, n / 3)))
    sharers: dict[str, list[int]] = {}
    for i, heavy in enumerate(key):
        for t in heavy:
            sharers.setdefault(t, []).append(i)
    negative = frozenset(i for i, st in enumerate(statements) if any(any(s.values()) for s in st))
    denied = tuple(frozenset(t for s in (p.text, *p.aliases) for t in denied_terms(s, term)) for p in rubric.points)
    return PointKeys(tuple(weights), tuple(key), tuple(rare), {t: tuple(v) for t, v in sharers.items()},
                     statements, negative, denied)


def _contradicts(found: dict[str, bool], statements: Sequence[dict[str, bool]], weights: dict[str, float],
                 weighty: list[str]) -> bool:
    """Every statement sharing a weighty term with the unit says it the other way round."""
    denied = {t for t in weighty if found[t]}
    shared_any = False
    for stmt in statements:
        shared = stmt.keys() & weighty
        if not shared:
            continue
        # A statement that agrees on other terms than those the unit denies outweighs the denial
        # only when it carries as much ("storms are not important ... the fetch is short" is no
        # agreement with "long fetch").
        aside = not denied & shared and sum(weights[t] for t in shared) < sum(weights[t] for t in denied)
        if not denied & shared and not any(stmt[t] for t in shared):
            if aside:
                continue
            return False  # both say it positively: a statement agrees
        flip = _flip(found, stmt, weights, weighty)
        if flip is False and not aside:
            return False
        shared_any = shared_any or flip is True
    return shared_any


def _flip(found: dict[str, bool], stmt: dict[str, bool], weights: dict[str, float],
          matched: list[str]) -> bool | None:
    """Whether the unit says most of what it shares with the statement the other way round
    (term by term, by weight: a statement that denies one half and states the other is turned
    by an answer that does the reverse); None when they share none of ``matched``."""
    shared = [t for t in matched if t in stmt]
    total = sum(weights[t] for t in shared)
    if not shared or total <= 0:
        return None
    return sum(weights[t] for t in shared if found[t] != stmt[t]) / total >= FLIP_SHARE


def is_fragment(text: str) -> bool:
    """No verb, or mostly names and numbers: notes, not a sentence that makes a point.

    Most sentences show a verb by a common form (was, had, made) or an ending (-ed, -ing,
    n't); those without one are usually in the present tense ("the enzyme denatures",
    "molecules collide"), which :func:`has_present_verb` reads from a lexicon."""
    breaks = text.count(",") + text.count(";") + text.count(" and ") + text.count(" - ")
    items = [item for item in map(_words, _LIST_BREAK.split(text)) if item] if breaks >= LIST_ITEMS - 1 else []
    if len(items) >= LIST_ITEMS and max(map(len, items)) <= LIST_ITEM_WORDS:
        # A list of short items ("show trials, forced confessions, NKVD, ..."): a word that looks
        # like a verb at the head of an item is a modifier; a sentence that lists things has a
        # verb after its subject somewhere ("Stalin used posters, films, statues, ..."), or a
        # clause that opens with a function word ("..., as the enzyme denatures").
        return not any(_verb_like(w) for item in items for w in item[1:]) and not any(
            has_present_verb(" ".join(item)) for item in items if item[0].lower() in SKLEARN_STOP_WORDS)
    words = _words(text)
    if any(_verb_like(w) and not _in_name(words, i) for i, w in enumerate(words)):
        return False
    return not has_present_verb(text)


def _in_name(words: Sequence[str], at: int) -> bool:
    """Whether ``words[at]`` is a capitalised word beside another: part of a name ("United
    Opposition", "Reading Festival"), not a verb, even at the head of a note."""
    def capital(i: int) -> bool:
        return 0 <= i < len(words) and words[i][0].isupper()
    return capital(at) and (capital(at - 1) or capital(at + 1))


# A sentence that stops, with no full stop, on a word that cannot end one: an article, a
# conjunction, a relative or a possessive waits for what it introduces. (A preposition may end
# one: "what Trotsky relied on".)
_HANGING = frozenset("the a an and or nor but because although whereas if whether that which who whose than "
                     "its his her their my our your".split())
_LAST_WORD = re.compile(r"[A-Za-z]+$")


def is_unfinished(text: str) -> bool:
    """A sentence broken off before its end ("... the bonds that", when time ran out)."""
    text = text.rstrip()
    last = _LAST_WORD.search(text, max(0, len(text) - 16))  # the longest hanging word is 8 letters
    return last is not None and last.group().lower() in _HANGING and not text[:last.start()][-1:].isalnum()


_words = re.compile(r"[A-Za-z][A-Za-z']*|\d+").findall
_LIST_BREAK = re.compile(r"[,;]|\s-\s|\band\b")
LIST_ITEMS = 5        # comma-separated items that make a list rather than a sentence
LIST_ITEM_WORDS = 5   # ...each at most this long


def _verb_like(word: str) -> bool:
    """A common verb form, or a word ending like one (-ed, -ing, n't)."""
    w = word.lower()
    return w in _VERBS or w.endswith(("n't", "ed"))


_PHRASE_BREAK = re.compile(r"[,;:()\[\]=+/<>\u2013\u2014]|\s-+\s|->|\.\s|^\s*-+")
_SUBJECTS = frozenset("i you he she it we they this that which who what there one everyone everybody nobody "
                      "someone somebody something everything nothing".split())
_PLURAL_SUBJECTS = frozenset("i you we they people".split())
_OBJECTS = frozenset("him her them me us".split())
_PARTICIPLE = ("ing", "ed")  # a participle alone is no present tense ("global warming", "forced confessions")


def has_present_verb(text: str) -> bool:
    """Whether ``text`` has a present-tense verb: a word only ever a verb ("collide",
    "denatures"); a verb in -s after a singular subject ("the rate rises", "it narrows");
    a verb's base form after a plural one ("enzymes work"); or a verb before an object
    pronoun ("pushes him"). Adverbs between subject and verb are skipped ("he also chooses").
    Which parts of speech a word can be comes from LemmInflect's lexicon; a capitalised word it
    does not know is taken for a name."""
    for phrase in _PHRASE_BREAK.split(text):
        words = re.findall(r"[A-Za-z][A-Za-z']*|\d+", phrase)
        prev: tuple[str, frozenset[str]] | None = None
        for at, raw in enumerate(words):
            if raw.isdigit() or (at and raw[0].isupper() and prev and "PROPN" in prev[1]):
                prev = None  # a number, or a name's next word ("Somerset Levels"), starts afresh
                continue
            w = raw.lower()
            tags, base = _lexicon(w)
            if tags == {"VERB"} and base and not w.endswith(_PARTICIPLE):
                return True
            if "VERB" in tags and at + 1 < len(words) and words[at + 1].lower() in _OBJECTS:
                return True
            if prev is not None and "VERB" in tags:
                before, before_tags = prev
                noun = _subject(before_tags) and before not in SKLEARN_STOP_WORDS  # "the", "other": no subject
                singular = before in _SUBJECTS - _PLURAL_SUBJECTS or (not before.endswith("s") and noun)
                plural = before in _PLURAL_SUBJECTS or (before.endswith("s") and noun)
                if singular and w.endswith("s") and base != w:
                    return True
                if plural and base == w and not tags & {"ADV", "ADP"}:
                    return True
            if tags == {"ADV"} or w.endswith("ly"):
                continue  # "the reaction basically grinds": the adverb keeps the subject
            if at and raw[0].isupper():  # a name the lexicon does not know (Macbeth), or a word of one (May Day)
                tags = frozenset({"PROPN"}) if not tags and len(raw) > 1 else frozenset({"NAME"})
            prev = (w, tags)
    return False


def _subject(tags: frozenset[str]) -> bool:
    """Whether a word so tagged can head a subject: a noun that is no adjective (the rate, not
    'other'), or a name."""
    return tags == {"PROPN"} or ("NOUN" in tags and "ADJ" not in tags and "NAME" not in tags)


@lru_cache(maxsize=20_000)
def _lexicon(word: str) -> tuple[frozenset[str], str | None]:
    """The parts of speech ``word`` can be (NOUN, VERB, ADJ, ADV, ...; empty when unknown), and
    the verb it is a form of (its base form; None when it is no verb), from one lookup."""
    from lemminflect import getAllLemmas  # its lexicon loads in about 0.3 s: only when a sentence needs it

    lemmas = getAllLemmas(word)
    verb = lemmas.get("VERB")
    return frozenset(lemmas), verb[0] if verb else None


def unit_terms(unit_texts: Sequence[str], term: Callable[[str], str | None],
               tokens: Sequence[Sequence[str]] | None = None) -> dict[str, bool]:
    """:func:`clause_terms` of a unit of one or two sentences. Given the sentences' raw
    ``tokens``, a unit without a negation cue (most) takes its terms from them directly."""
    if tokens is not None and all(NEGATORS.isdisjoint(t) and "n't" not in " ".join(t) for t in tokens):
        return dict.fromkeys(filter(None, map(term, (w for t in tokens for w in t))), False)
    found: dict[str, bool] = {}
    for text in unit_texts:
        for t, neg in clause_terms(text, term).items():
            found[t] = found.get(t, neg) and neg
    return found


def merge_terms(parts: Sequence[dict[str, bool]]) -> dict[str, bool]:
    """The terms of several sentences: negated only where every sentence using it negates it."""
    if len(parts) == 1:
        return parts[0]
    out: dict[str, bool] = {}
    for part in parts:
        for t, neg in part.items():
            out[t] = out.get(t, neg) and neg
    return out


def check_point(point: int, status: str, unit_texts: Sequence[str], keys: PointKeys,
                term: Callable[[str], str | None], found: dict[str, bool] | None = None,
                memo: dict | None = None, ends_essay: bool = True) -> Check:
    """Downgrade a credited point to partial when the unit lacks what is distinctive about it,
    is a bare fragment or broken off unfinished, or states the opposite of it. ``found``: the
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
    # Most units and points say things positively: nothing to compare.
    opposite = _opposite(point, unit_texts, keys, term, found, memo) if (
        memo["negated"] or point in keys.negative) else None
    if opposite is not None:
        return opposite
    if status != "covered":
        return Check(status, None)
    rare, key = keys.speaks_for(point, found, memo.setdefault("support", {}))
    if not key and not keys.key[point].isdisjoint(found):
        # Its terms of this point are other points' more ("rivers" in a sentence on dredging, for
        # a point on tides): it is about them, and makes none of this one.
        return Check("missing", "its words are about another point")
    if not rare and len(key) < 2:
        return Check("partial", "it names only what many of the points share, not what is specific to this one")
    if "fragment" not in memo:
        memo["fragment"] = all(is_fragment(t) for t in unit_texts)
        memo["unfinished"] = ends_essay and is_unfinished(unit_texts[-1])
    if memo["fragment"]:
        return Check("partial", "it is a note, not a sentence that explains the point")
    if memo["unfinished"]:
        return Check("partial", "the sentence stops before it is finished")
    return Check(status, None)


_OPPOSITE = "the sentence seems to say the opposite of the point"
_NEGATION = " (a negation such as 'not', 'never' or 'failed to')"


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
    weights = keys.weights[point]
    floor = POLARITY_SHARE * max(weights.values(), default=0.0)
    weighty = [t for t in found if weights.get(t, 0.0) >= floor > 0]  # names, topic words: no polarity
    if not weighty or not _contradicts(found, keys.statements[point], weights, weighty):
        return None
    if point not in keys.negative and memo["negated"]:
        # Unless what is denied is nothing the point states (worked out only now: it is rare,
        # and for a point stated positively it can only take a contradiction away).
        if "denials" not in memo:
            memo["denials"] = [d for text in unit_texts for d in denials(text, term)]
        kept = _about_something_else(found, memo["denials"], keys.stated(point), keys.key[point])
        contradicted = _contradicts(kept, keys.statements[point], weights, weighty)
    else:
        # A unit that denies nothing contradicts a point stating a denial only by saying
        # what the point denies: "the substrate molecules collide" speaks of the subject of
        # "the substrate no longer fits", not of its fitting.
        contradicted = memo["negated"] or not keys.denied or not keys.denied[point].isdisjoint(found)
    if not contradicted:
        return None
    # Name the negation only when the unit has one: a point stating a denial is also contradicted
    # by a sentence saying positively what the point denies.
    return Check("partial", _OPPOSITE + (_NEGATION if memo["negated"] else ""), negated=True)


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
