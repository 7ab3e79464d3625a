"""Comparison and change: what a text ranks above what ("X appealed more than Y", "X was less
popular than Y"), and which way it says a thing changes ("the rate increases", "move more slowly").

Turning a comparison or a change round contradicts it as a negation does, with no negation cue
to see: "Socialism in One Country was less popular than Permanent Revolution" says the opposite
of "Socialism in One Country appealed more than Permanent Revolution", and "the molecules move
more slowly" of "the molecules move faster". A text opening on a change sets out a cause, and
what follows is read with it: "lowering the temperature slows the reaction" says what "raising
the temperature increases the rate" says. Written from general properties of English, not from
any rubric's wording: :mod:`pointcheck` compares a point's with a sentence's.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import takewhile

from .negation import JOINS, is_negator, punctuated_parts
from .sentence_form import ARTICLES, in_name
from .spelling import LETTERS, modifier_only

# Comparatives that rank what comes before them (or after them, for "less") against what
# follows "than". "Worse", "smaller" and the like rank the other way round from "better",
# "bigger": "A was worse than B" says what "B was better than A" says.
# Comparatives that rank the thing before "than" over the thing after it, or under it; one
# before a noun ranks too ("thinner walls than arteries").
_OVER = frozenset("more rather better greater bigger larger stronger higher faster quicker thicker older "
                  "later".split())
_UNDER = frozenset("less fewer worse smaller weaker lower slower thinner younger earlier".split())
_NOT_COMPARATIVE = frozenset("other".split())  # "other than X" ranks nothing
# Comparatives on a scale of their own: "slower than" turns "faster than" round, but says nothing
# of "fewer comparisons than" (a search needing fewer is the faster one). The rest rank by degree,
# each comparable with another ("less popular than" with "appealed more than").
_SCALE_OF = {word: name for name, words in (
    ("speed", "faster quicker slower"), ("thickness", "thicker thinner"), ("age", "older younger"),
    ("time", "later earlier")) for word in words.split()}
# Words that end the stretch of a comparison: a new clause begins.
_LINKS = frozenset("because so but although though while whereas which who since as when if".split())
# "He cared more about his workers than about profit": the things compared follow prepositions.
_PREPOSITIONS = frozenset("about for to in on with by at from over of".split())
# a denial's reach into a quality ends at one ("w": with), at an example ("ignores biology eg low
# serotonin" leaves out the serotonin, and does not say it is not low), and at the next thing of a
# list ("few skills and little experience": the experience is little, not "not little")
_OUT_OF_REACH = _PREPOSITIONS | {"w", "against", "into", "eg", "ie", "including", "and", "or"}


@dataclass(frozen=True)
class Ranking:
    """One comparison: the terms of what it ranks higher and of what it ranks lower, and the
    comparative as written ("less", "rather"); or one conversion, word "into": what becomes
    (``over``) and what it becomes (``under``)."""

    over: frozenset[str]
    under: frozenset[str]
    word: str
    scale: str = "degree"  # what it ranks by (:func:`scale_of`): rankings on two scales neither agree nor clash


def rankings(text: str, term: Callable[[str], str | None]) -> list[Ranking]:
    """Each comparison of ``text`` with a "than": "A appealed more than B" ranks A over B;
    "A was less popular than B" ranks B over A; "cared more about A than about B" ranks A over
    B. A number after "than" ("more than 17 million") compares no rival, and is left out."""
    lowered = text.lower()
    if "than" not in lowered and "into" not in lowered:  # most texts
        return []
    out = []
    for tokens in punctuated_parts(text):
        for at, tok in enumerate(tokens):
            ranking = _ranking(tokens, at, term) if tok == "than" and at > 0 else \
                _conversion(tokens, at, term) if tok == "into" and at > 0 else None
            if ranking is not None:
                out.append(ranking)
    return out


# Turning one thing into another: "glucose is converted into glycogen" is said the other way
# round by "glycogen is broken down into glucose" (a thing put, moved or divided into another is
# no conversion).
_CONVERTS = frozenset("convert converts converted converting turn turns turned turning change changes changed "
                      "changing transform transforms transformed transforming break breaks broke broken down "
                      "split splits".split())


def _conversion(tokens: Sequence[str], into: int, term: Callable[[str], str | None]) -> Ranking | None:
    """What a conversion word before ``into`` turns into what: the terms of its clause before
    "into" (the verb aside) over those after it."""
    if _CONVERTS.isdisjoint(tokens[max(0, into - _REACH):into]):
        return None
    start = max((k + 1 for k in range(into) if _links(tokens, k)), default=0)
    end = next((k for k in range(into + 1, len(tokens)) if _links(tokens, k)), len(tokens))
    source = {t for tok in tokens[start:into] if tok not in _CONVERTS and (t := term(tok)) is not None}
    product = {t for t in map(term, tokens[into + 1:end]) if t is not None}
    source, product = source - product, product - source
    return Ranking(frozenset(source), frozenset(product), "into", "into") if source and product else None


def _links(tokens: Sequence[str], k: int) -> bool:
    """Whether ``tokens[k]`` starts a new clause: a linking word, but not the "as" of "such as"."""
    return tokens[k] in _LINKS and not (tokens[k] == "as" and k and tokens[k - 1] == "such")


def _ranking(tokens: Sequence[str], than: int, term: Callable[[str], str | None]) -> Ranking | None:
    start = max((k + 1 for k in range(than) if _links(tokens, k)), default=0)
    end = next((k for k in range(than + 1, len(tokens)) if _links(tokens, k)), len(tokens))
    marker = next((k for k in range(than - 1, start - 1, -1) if tokens[k] in _OVER | _UNDER), None)
    if marker is None and tokens[than - 1].endswith("er") and tokens[than - 1] not in _NOT_COMPARATIVE:
        marker = than - 1  # "stronger than", "earlier than"
    after = tokens[than + 1:end]
    if marker is None or not after or after[0].isdigit():
        return None
    between = tokens[marker + 1:than]
    # "cheaper than", "more expensive than": the quality (a "weaker than" marker says its own way)
    quality = next((_POLES[t] for t in (tokens[marker], *between) if t in _POLES and t not in _OVER | _UNDER), None)
    if between and after[0] in _PREPOSITIONS:
        over, under = between, after  # "more about his workers than about profit"
    else:
        over, under = tokens[start:marker], after  # "A appealed more than B", "A was less popular than B"
    high = {t for t in map(term, over) if t is not None}
    low = {t for t in map(term, under) if t is not None}
    if tokens[marker] in _UNDER:
        high, low = low, high
    if quality is not None and quality[1] < 0:
        high, low = low, high  # "cheaper than" ranks on the scale of "more expensive than", turned
    # a quality ranks on its own scale ("easier than" is no "stronger than" turned round), where the
    # comparative has none of its own ("thinner walls and a wider lumen than": thickness)
    scale = scale_of(tokens[marker])
    if scale == "degree" and (quality is not None or tokens[marker] in _POLES):
        scale = (quality or _POLES[tokens[marker]])[0]   # "stronger than": strength
    pace = next((_PACE[t] for t in between if t in _PACE), None) if tokens[marker] in _OVER | _UNDER else None
    if pace is not None:   # "more slowly than" ranks on the scale of "faster than", turned
        scale = pace[0]
        if pace[1] < 0:
            high, low = low, high
    high, low = high - low, low - high  # a term on both sides ranks neither
    if not high or not low:
        return None
    return Ranking(frozenset(high), frozenset(low), tokens[marker], scale)


# A quality after "more" or "less" on one of those scales, with its way: "more quickly", "less thick"
_PACE = {word: (name, way) for name, up, down in (
    ("speed", "quickly rapidly fast quick", "slowly slow"), ("thickness", "thick", "thin"), ("age", "old", "young"),
    ("time", "late", "early")) for way, words in ((1, up), (-1, down)) for word in words.split()}


def scale_of(comparative: str) -> str:
    """The scale a comparative ranks on: its own family's ("slower": speed), else degree."""
    return _SCALE_OF.get(comparative, "degree")


def turned(mine: Ranking, theirs: Ranking, weight: Callable[[str], float]) -> bool:
    """Whether ``theirs`` ranks what ``mine`` ranks the other way round: each side of it holds
    something of the other side of ``mine``, and what crosses outweighs what both rank lower.
    What both rank higher is no agreement: it holds what a "than" leaves unsaid, the subject and
    verb both sides share ("the river erodes the soft rock more quickly than [it erodes] the
    hard rock"), which would outweigh the two things compared when they are words every point
    of the rubric uses."""
    crossed_up, crossed_down = mine.under & theirs.over, mine.over & theirs.under
    if not crossed_up or not crossed_down:
        return False
    agree = sum(map(weight, mine.under & theirs.under))
    return sum(map(weight, crossed_up | crossed_down)) > agree


# Words saying a thing goes up or down. Gaining and losing are left out: "Trotsky lost power"
# and "Stalin gained power" are both true, of different subjects.
_UP = frozenset("increase increases increased increasing rise rises rose risen rising raise raises raised raising "
                "grow grows grew grown growing more higher faster quicker greater bigger larger up boost boosts "
                "boosted expand expands expanded expanding soar soars soared soaring surge surges surged surging "
                "recover recovers recovered recovering".split())
_DOWN = frozenset("decrease decreases decreased decreasing fall falls fell fallen falling drop drops dropped "
                  "dropping reduce reduces reduced reducing lower lowers lowered lowering decline declines declined "
                  "declining shrink shrinks shrank shrunk less fewer slower slowly down smaller collapse collapses "
                  "collapsed collapsing plunge plunges plunged plunging plummet plummets plummeted plummeting "
                  "slump slumps slumped slumping cut cuts cutting".split())
# Making a thing and ending it go the same two ways: "the creches were closed" turns "factories
# had to offer creches". Verb forms only: "building", "opening", "close" (to) and "end" are
# nouns and adjectives as often.
_MADE = frozenset("introduce introduces introduced introducing create creates created creating establish "
                  "establishes established establishing opened built founded launched provide provides "
                  "provided providing offer offered offering made produced".split())
_ENDED = frozenset("abolish abolishes abolished abolishing closed shut scrap scraps scrapped scrapping "
                   "dismantle dismantles dismantled dismantling disband disbands disbanded ended destroy destroys "
                   "destroyed destroying".split())
# Doing a thing good or harm: "sea walls protect buildings", "they damage natural habitats".
_UP |= _MADE | frozenset("improve improves improved improving protect protects protected protecting".split())
_DOWN |= _ENDED | frozenset("damage damages damaged damaging harm harms harmed harming worsen worsens "
                            "worsened worsening".split())
# Qualities at two ends of one scale, low end first: "cheap" says of a thing the opposite of
# "expensive", "narrower" of "wider". Unambiguous everyday words only ("hard" is also "hard
# engineering", "long" is "as long as", "fair" is "a fair bit"; "no longer" is read apart).
_SCALES = (
    ("cost", "cheap cheaper cheapest inexpensive affordable", "expensive costly pricey"),
    ("beauty", "ugly uglier ugliest unattractive unsightly", "beautiful attractive pretty prettier scenic"),
    # a gap or a river is narrow or small, wide or big: one scale
    ("size", "small smaller smallest tiny narrow narrower narrowest narrows narrowed narrowing constrict constricts "
     "constricted constricting constriction",
     "big bigger biggest large larger largest huge massive enormous vast wide wider widest broad broader widen widens "
     "widened widening dilate dilates dilated dilating dilation"),
    ("length", "shorter shortest", "longer longest"),
    ("permanence", "temporary temporarily", "permanent permanently"),
    ("strength", "weak weaker weakest weakness weaknesses", "strong stronger strongest strengths"),
    ("safety", "dangerous unsafe risky", "safe safer safest"),
    ("security", "insecure insecurity", "secure"),
    ("success", "unsuccessful", "successful"),
    ("popularity", "unpopular", "popular"),
    ("likelihood", "unlikely", "likely"),
    ("legality", "illegal unlawful", "legal lawful"),
    ("equality", "unequal", "equal"),
    ("effect", "ineffective", "effective"),
    ("necessity", "unnecessary", "necessary"),
    ("wealth", "poor poorer poorest", "rich richer richest wealthy"),
    ("loyalty", "disloyal", "loyal"),
    ("honesty", "dishonest", "honest"),
    ("extent", "little limited partial", "complete total absolute"),
    # antonyms with no prefix to read them by ("disunited", "unrealistic" are read by theirs)
    ("unity", "divided", "united unified"),
    ("diligence", "lazy idle", "hardworking diligent industrious"),
    ("realism", "artificial", "realistic lifelike"),
    ("intent", "random accidental", "deliberate intentional"),
    ("difficulty", "easy easier easiest simple simpler straightforward", "difficult complicated complex"),
    ("kindness", "cruel unkind harsh", "kind kinder caring compassionate"),
    ("value", "worthless useless", "valuable useful"),
    ("precision", "vague imprecise", "precise exact"),
    ("reality", "illusion illusory imaginary fake", "real genuine"),
    # not "alike" ("rich and poor alike"); "opposite" is as far from "same" as a thing can be
    ("sameness", "same similar identical", "different differing distinct opposite"),
    ("sign", "negative negatively", "positive positively"),  # of a charge, an effect, a view
    ("approval", "criticise criticises criticised criticize criticizes criticized condemn condemns condemned",
     "praise praises praised praising"),
    ("flexibility", "rigid", "flexible adaptable"),
    ("course", "upstream", "downstream"),
    ("incidence", "regressive regressively", "progressive progressively"),  # of a tax: on the poor, the rich
    ("temperature", "cold colder coldest cool cooler coolest", "hot hotter hottest warm warmer warmest"),
    ("steepness", "shallow shallower gentle gentler", "steep steeper steepest"),  # of a slope, a gradient
    # of a rate, a level, a pH; the comparatives ("lower costs", "move faster") are changes (_UP, _DOWN)
    ("height", "low lowest", "high highest"),
    # of a load, a car, an object: comparatives only ("light" is also a lamp's, "heavy rain" no weight)
    ("weight", "lighter lightest", "heavier heaviest"),
)
_COMPARATIVES = frozenset("smaller bigger larger narrower wider broader".split())  # of a size: a count's too
# "hard" is a pole only before "to" ("hard to compare"; "hard rock", "hard engineering" are others)
_POLES_BEFORE_TO = {"hard": ("~difficulty", 1), "harder": ("~difficulty", 1)}
_UNCAUSED = "~sameness"  # a scale no cause turns round
_IDIOMS = frozenset({("same", "time"), ("same", "way")})
_POLES = {word: (f"~{name}", pole) for name, low, high in _SCALES
          for pole, words in ((-1, low), (1, high)) for word in words.split()}
_PARTICLES = frozenset("up down off".split())
_BE = frozenset("is are was were be been being get gets got".split())  # the passive: "were closed"
_ENDS = frozenset("so because but although though while whereas which who when as then if until".split())
# Verbs whose "up" or "down" finishes the act ("the table fills up", "the catalyst is used up",
# "records end up bunched"), going no way up or down
_PHRASAL = frozenset("fill fills filled filling use uses used using end ends ended ending bunch bunched bunching "
                     "give gives gave given giving sum sums summed pick picks picked show shows showed shown "
                     "take takes took taken line lined sign signs signed look looks looked write writes wrote "
                     "written tie ties tied lock locks locked wake wakes woke sit sits sat stand stands stood "
                     "hold holds held wind winds wound back backs backed mess messes messed messing blow blows blew "
                     "blown blowing mix mixes mixed mixing tear tears tore torn "
                     "wash washes washed washing dig digs dug digging clean cleans cleaned cleaning "
                     "shut shuts shutting".split())
# A particle after a pronoun is a phrasal verb's, whatever the verb ("shuts him up", "broke it up")
_OBJECT_PRONOUNS = frozenset("him her it them me us you".split())
_LIGHT = frozenset("go goes went gone going come comes came coming".split())  # "goes up": the verb names nothing
_DEGREE = frozenset("often frequently much far even still a lot bit little".split())  # "more often", "far fewer"
# Prepositions after a change that say when, where, how or by how much, not what changes ("rises
# during exercise", "falls by 10%", "increases with temperature"); "in" and "of" may name it ("a rise
# in prices", "more of the workers")
_SETTING = frozenset("during at on after before throughout since by to from with over for until under within "
                     "across".split())
# What joins one thing said to the next: "exports fall and imports rise" says nothing of imports falling
_REACH = 3  # tokens looked along for what a direction word speaks of
_HAD = frozenset("available there provided given offered allowed possible".split())  # "no longer available"


def is_quality(term: str) -> bool:
    """Whether a :class:`Change`'s term is a scale of qualities ("cheap" to "expensive"), not a thing."""
    return term.startswith("~")


@dataclass(frozen=True)
class Change:
    """A thing said to go up or down: its term, the way (+1 up, -1 down), and the other terms of
    its sentence, which say what it is the thing of ("the rate of reaction", "Trotsky's support")."""

    term: str
    way: int
    context: frozenset[str]
    word: str  # as written: "decreases", "more slowly"
    cause: bool = False  # the change the text opens on, the rest follow from ("Increasing the concentration ...")


@lru_cache(maxsize=64)
def changes(text: str, term: Callable[[str], str | None]) -> list[Change]:
    """Each thing ``text`` says goes up or down, with the way: a direction word speaks of the term
    after it ("increasing the temperature", "fewer collisions") or, with none there, the one
    before it ("the rate increases", "move more slowly"); "more"/"less" before another direction
    word turns it or keeps it ("more slowly" is down). A clause with "than" ranks (see
    :func:`rankings`) rather than changes, and is left out. Kept for the last few sentences read
    (not to be changed): a sentence is read alone and in the windows either side of it."""
    if ";" in text:   # a semicolon joins two sentences: each change is of its own one's context
        return [c for piece in text.split(";") for c in changes(piece, term)]
    words = set(LETTERS.findall(text.lower()))
    if _UP.isdisjoint(words) and _DOWN.isdisjoint(words) and _POLES.keys().isdisjoint(words) \
            and _STEADY_WORDS.isdisjoint(words) and _POLES_BEFORE_TO.keys().isdisjoint(words):  # most texts
        return []
    parts = punctuated_parts(text)
    context = frozenset(t for tokens in parts for tok in tokens
                        if not _way(tok) and tok not in _POLES and (t := term(tok)) is not None)
    said = [_changes(clause, term) for tokens in _after_asides(parts, term)
            for clause in map(_than_before, _split(tokens, _ENDS)) if "than" not in clause]
    found = [Change(target, way, context - {target}, word) for clause in said for target, way, word in clause]
    if any(is_quality(c.term) for c in found) and (named := _in_names(text)):
        found = [c for c in found if not (is_quality(c.term) and c.word in named)]  # "Tiny Tim", "Great Britain"
    opening = parts[0] if parts else []
    if found and _opens_on_a_cause(opening) and found[0].word.split()[-1] in opening:
        # the opening's first direction word: what it says goes up or down ("the price of a
        # substitute falls": the price, and the substitute), if anything follows from it
        first = 1 + sum(1 for _ in takewhile(lambda c: c[2] == found[0].word, said[0][1:]))
        if len(found) > first:
            found[:first] = [replace(c, cause=True) for c in found[:first]]
    return found


def _than_before(clause: list[str]) -> list[str]:
    """A clause ranking a thing against itself in the past ("less pressure on the land than in the
    past", "more than ever") as the change it says: the clause without its "than"."""
    if "than" in clause:
        at = clause.index("than")
        if at + 1 < len(clause) and _PAST.issuperset(clause[at + 1:]):
            return clause[:at]
    return clause


# What "than" ranks a thing against when it is the thing as it was: a change, not a ranking
_PAST = frozenset("in the past before previously ever earlier formerly then it they was were used to be".split())


def _after_asides(parts: list[list[str]], term: Callable[[str], str | None]) -> list[list[str]]:
    """``parts`` with a closing part that names nothing but a change read with the opening one:
    "Minute ventilation, the volume of air breathed per minute, goes up" says that minute
    ventilation goes up, not the minute of the aside (the point had said nothing went up)."""
    if len(parts) < 3 or any(map(_way, parts[0])):
        return parts
    last = parts[-1]
    if any(map(_way, last)) and all(_way(tok) or tok in _LIGHT or term(tok) is None for tok in last):
        return [*parts[:-1], [*parts[0], *last]]
    return parts


def _in_names(text: str) -> set[str]:
    """The words of ``text`` written as part of a name (lower case: "Tiny Tim", "Great Britain")."""
    words = _WORDS.findall(text)
    return {w.lower() for i, w in enumerate(words) if in_name(words, i)}


_WORDS = re.compile(r"[A-Za-z]+")


def cause_words(text: str, found: Sequence[Change], term: Callable[[str], str | None]) -> set[str]:
    """The terms ``text`` says of the cause it opens on (``found``: its :func:`changes`), before
    what follows from it, direction words aside: "if the price of a substitute rises, demand for
    the good increases" gives the price and the substitute. Empty when it opens on none."""
    if not any(c.cause for c in found):
        return set()
    effect = next(c.word.split()[-1] for c in found if not c.cause)  # a cause is marked only if something follows
    tokens = [tok for part in punctuated_parts(text) for tok in part]
    before = tokens[:tokens.index(effect)] if effect in tokens else tokens
    ways = {w for c in found for w in c.word.split()}  # "raising" names nothing: "raising the pressure"
    return {t for tok in before if tok not in ways and (t := term(tok)) is not None}


# What opens a text on the change the rest follows from: "If (you) increase X, ...", "As X rises, ...".
_CONDITIONS = frozenset("if as when whenever once by".split())


def _opens_on_a_cause(opening: Sequence[str]) -> bool:
    """Whether a text's opening words (up to its first punctuation) set out a cause: a condition
    ("If you decrease the concentration", "As the temperature rises"), or a direction word as
    its first word or after an article ("Increasing the pressure", "A lower pressure means",
    "A heavier car")."""
    if not opening:
        return False
    if opening[0] in _CONDITIONS:
        return True
    first = opening[1] if opening[0] in ARTICLES and len(opening) > 1 else opening[0]
    # a comparative of a quality is a change too: "A heavier car has a longer braking distance"
    return bool(_way(first)) or (first in _POLES and first.endswith("er"))


def as_said(found: Sequence[Change], polarity: Mapping[str, bool]) -> list[Change]:
    """``found`` with each change of a term that its text denies (``polarity``: its
    :func:`negation.clause_terms`) turned round: "obedience did not fall" goes against
    "obedience fell" as "obedience rose" does, and agrees with a point saying it did not fall. A
    cause stays as said: "raising the temperature does not slow the reaction" denies the slowing."""
    return [replace(c, way=-c.way, word=f"not {c.word}") if polarity.get(c.term) and not c.cause else c
            for c in found if c.way or not polarity.get(c.term)]   # "did not stay the same": which way, unsaid


def _split(tokens: Sequence[str], ends: frozenset[str]) -> list[list[str]]:
    out: list[list[str]] = [[]]
    for at, tok in enumerate(tokens):
        if tok in ends and not (tok == "as" and at + 1 < len(tokens) and tokens[at + 1] in _POLES):  # "as easy"
            out.append([])
        else:
            out[-1].append(tok)
    return [c for c in out if c]


def _steady(clause: Sequence[str], at: int) -> int:
    """How many words at ``at`` say a thing stays as it was ("stays the same", "remained
    constant", "remained segregated", "unchanged"); 0 if none do."""
    if clause[at] in _UNCHANGED:
        return 1
    if clause[at] not in _STAYS or at + 1 >= len(clause):
        return 0
    after = clause[at + 1]
    if clause[at + 1:at + 3] == ["the", "same"]:
        return 3
    # a state kept: "constant", or a participle that is no quality ("segregated", not "divided")
    return 2 if after == "constant" or (after.endswith("ed") and after not in _POLES and not _way(after)) else 0


_STAYS = frozenset("stay stays stayed staying remain remains remained remaining".split())
_UNCHANGED = frozenset({"unchanged"})
_STEADY_WORDS = _UNCHANGED | _STAYS


def _term_before(terms: Sequence[str | None], at: int) -> str | None:
    """The nearest term within :data:`_REACH` tokens before ``at``, or None."""
    return next((terms[k] for k in range(at - 1, max(-1, at - 1 - _REACH), -1) if terms[k] is not None), None)


def _way(tok: str) -> int:
    return 1 if tok in _UP else -1 if tok in _DOWN else 0


def _changes(clause: Sequence[str], term: Callable[[str], str | None]) -> list[tuple[str, int, str]]:
    """(term, way, words) of each direction word of a clause; a number is no thing ("rose from 3 million")."""
    terms = [None if _way(tok) or tok.isdigit() or tok in _POLES or tok in _LIGHT else term(tok) for tok in clause]
    found: list[tuple[str, int, str]] = []
    at = since = 0
    while at < len(clause):
        steady = _steady(clause, at)
        if steady:   # "stays the same", "unchanged": no way up or down, of what comes before it
            said = " ".join(clause[at:at + steady])
            near = _term_before(terms, at)
            subject = next((t for t in terms[since:at] if t is not None), None)
            state = terms[at + 1] if steady == 2 and clause[at + 1] != "constant" else None  # "remained segregated"
            found.extend((t, 0, said) for t in dict.fromkeys((near, subject, state)) if t is not None)
            at += steady
            since = at
            continue
        # "no longer" is no length; "at the same time", "in the same way" say "also", of nothing
        if (clause[at] in _POLES or (clause[at] in _POLES_BEFORE_TO and clause[at + 1:at + 2] == ["to"])) \
                and not (at and clause[at - 1] in ("no", "any")) and tuple(clause[at:at + 2]) not in _IDIOMS:
            found.extend(_quality(clause, at, terms))
            at += 1
            continue
        way = _way(clause[at])
        if (clause[at] in ("more", "less") and at + 1 < len(clause) and clause[at + 1] in _POLES) \
                or (way and _manner(clause[at]) and _beside_a_change(clause, at)):
            at += 1   # "more expensive": the quality says which way; "slowly rose": how it rose
            continue
        if not way or (clause[at] in _PARTICLES and at and (
                clause[at - 1] in _PHRASAL or clause[at - 1] in _OBJECT_PRONOUNS)):
            at += 1   # "fills up", "used up", "ended up": the verb's own sense, no way up or down
            continue
        if clause[at] not in ("more", "less") and at + 1 < len(clause) and clause[at + 1] in _COUNTED:
            at += 1   # "grow fewer crops", "make more cars": how many says which way, the verb none
            continue
        start = at
        if clause[at] in ("more", "less") and at + 1 < len(clause) and _way(clause[at + 1]):
            at += 1
            way *= _way(clause[at])  # "more slowly", "less quickly": down
        making = clause[at] in _MADE or clause[at] in _ENDED
        if making and at + 1 < len(clause) and clause[at + 1] in _PARTICLES:
            at += 1  # "set up", "built up", "shut down": one act
        passive = making and not _BE.isdisjoint(clause[max(0, start - 2):start])
        # up to a preposition, which says when, where or by how much ("rises during exercise")
        reach = range(at + 1, min(len(clause), at + 1 + _REACH))
        ahead = [k for k in takewhile(lambda k: clause[k] not in _SETTING and clause[k] not in JOINS, reach)
                 if clause[k] not in _DEGREE and not _manner(clause[k])]
        # made or ended "by" someone, "soon after": what follows a passive is no thing made or ended;
        # "goes up", "came down": what went up comes before it ("the voltage goes up the current ...")
        moved = clause[at] in _PARTICLES and start == at and start > 0 and clause[start - 1] in _LIGHT
        at_target = None if passive or moved else next((k for k in ahead[:2] if terms[k] is not None), None)
        target = None if at_target is None else terms[_measured(clause, terms, at_target)]
        said = " ".join(clause[start:at + 1])
        if target is None and making and not passive:
            # made or ended with nothing after it and no "was": what the subject did ("the cult that
            # Stalin had created"), not what was done to it
            at += 1
            continue
        if target is None:
            target = _term_before(terms, start)
            # and the clause's subject, whatever follows it: "the creches in the factories were closed"
            # (since the change before it: "the voltage goes up the current comes down")
            subject = next((terms[k] for k in range(since, start) if terms[k] is not None and clause[k] not in JOINS),
                           None)
            if subject is not None and subject != target and clause[max(0, start - 2)] not in _BEFORE_AN_ACT:
                found.append((subject, way, said))
        if target is not None:
            found.append((target, way, said))
        at += 1
        since = at
    if len(found) > 1 and any(w in _MADE for _, _, w in found) and any(w not in _MADE for _, _, w in found):
        # "less urine is produced", "a small volume of urine is produced": how much says which way,
        # making it says none
        found = [f for f in found if f[2] not in _MADE]
    return found


def _measured(clause: Sequence[str], terms: Sequence[str | None], at: int) -> int:
    """Where the thing a measure of it names is ("reduces the number of mitochondria": the
    mitochondria are fewer), else ``at``."""
    if clause[at] not in _MEASURES or clause[at + 1:at + 2] != ["of"]:
        return at
    return next((k for k in range(at + 2, min(len(clause), at + 4)) if terms[k] is not None), at)


_MEASURES = frozenset("number numbers amount amounts quantity quantities level levels volume".split())
_COUNTED = frozenset("more fewer less".split())  # how many or how much, after a verb of making or growing
# What comes before a verb whose act a direction word after it says changes: "paid farmers to produce
# less", "firms would invest more" (the act goes down or up, not the farmers or the firms)
_BEFORE_AN_ACT = frozenset("to would will can could should may might must".split())


def _beside_a_change(clause: Sequence[str], at: int) -> bool:
    """Whether a direction word stands next to the word at ``at`` ("slowly rose", "rose slowly"),
    not a "more" or "less" that makes it a change of its own ("more slowly")."""
    return any(0 <= k < len(clause) and _way(clause[k]) and clause[k] not in ("more", "less") for k in (at - 1, at + 1))


def _manner(token: str) -> bool:
    """Whether a word after a direction word says how it moved ("fell sharply", "rose steadily"),
    not what did."""
    return token.endswith("ly") and modifier_only(token)


def _quality(clause: Sequence[str], at: int, terms: Sequence[str | None]) -> list[tuple[str, int, str]]:
    """The quality word at ``at`` as changes: of its scale, and of its scale said of the thing it
    is said of, the nearest term before it ("the days are longer") or else after it ("longer
    days"), so that "days longer, nights shorter" turned round is no agreement. "less expensive"
    is cheap, and so is "not expensive"."""
    scale, pole = _POLES.get(clause[at]) or _POLES_BEFORE_TO[clause[at]]
    before = clause[at - 1] if at else ""
    pole *= -1 if before == "less" else 1
    # "not cheap", or a thing so qualified said not to be had ("legal aid is no longer available");
    # not past a preposition: "cannot compete with cheaper imports" denies the competing
    denied = any(is_negator(clause[k]) and _OUT_OF_REACH.isdisjoint(clause[k + 1:at])
                 for k in range(max(0, at - _REACH), at)) or (
        at + 3 < len(clause) and terms[at + 1] is not None and clause[at + 2] in _BE and is_negator(clause[at + 3])
        and not _HAD.isdisjoint(clause[at + 4:at + 6]))
    pole *= -1 if denied else 1
    word = ("not " if denied else "") + (f"{before} {clause[at]}" if before in ("more", "less") else clause[at])
    # the thing it stands before ("the positive electrode"), else the nearest before it, else after it
    near = (terms[at + 1] if at + 1 < len(terms) else None) or _term_before(terms, at) \
        or next((terms[k] for k in range(at + 1, min(len(clause), at + 1 + _REACH)) if terms[k] is not None), None)
    if near is None:
        return [(scale, pole, word)]
    # a comparative says the thing itself goes up or down ("tidal volume gets smaller": it decreases),
    # the thing it stands before or the subject it is said of, not one a preposition or "and" ties to
    # another ("the gap between owners and renters gets wider")
    moved = [(near, pole, word)] if clause[at] in _COMPARATIVES and (
        terms[at + 1:at + 2] == [near] or not _tied_to_another(clause, terms, at, near)) else []
    return [(scale, pole, word), (f"{scale}|{near}", pole, word), *moved]


def _tied_to_another(clause: Sequence[str], terms: Sequence[str | None], at: int, near: str) -> bool:
    """Whether ``near``, said before the word at ``at``, follows a preposition or "and" there: a
    thing tied to another ("the gap between owners and renters"), not the subject itself."""
    before = {clause[k - 1] for k in range(max(1, at - _REACH), at) if terms[k] == near}
    return not before.isdisjoint(_PREPOSITIONS | JOINS)


def weigh_changes(mine: Sequence[Change], theirs: Sequence[Change],
                  weight: Callable[[str], float]) -> tuple[float, float]:
    """(the weight of what ``theirs`` says goes the other way from ``mine``, of what it says goes
    the same way): only of a thing in a sentence about the same thing, sharing another term
    ("the rate of reaction"; not "Trotsky's support" against "Stalin's support"). When both open
    on a change of the same thing, what follows is weighed as following from it:
    :func:`following_the_cause`."""
    mine, theirs = following_the_cause(mine, theirs, weight)
    # a thing a statement says goes both ways is two kinds of it, not a change ("higher pleasures
    # of the mind from lower pleasures of the body"): its way says nothing
    kinds = {c.term for c in mine if c.way > 0} & {c.term for c in mine if c.way < 0}
    if kinds:
        mine = [c for c in mine if c.term not in kinds]
    # likewise a thing ``theirs`` says goes both ways, or gives both ends of, as two cases side by side
    # ("chlorine at the positive electrode and hydrogen at the negative electrode"; "a higher price
    # where demand is inelastic and a lower price where it is elastic")
    sides = {c.term for c in theirs if c.way > 0} & {c.term for c in theirs if c.way < 0}
    if sides:
        theirs = [c for c in theirs if c.term not in sides]
    broken = _relation_broken(mine, theirs)
    if broken is not None:   # one goes up as the other goes down, and theirs has both go one way
        return weight(broken[0]) + weight(broken[1]), 0.0
    turned = agreed = 0.0
    for m in mine:
        for t in theirs:
            if t.term == m.term and not t.context.isdisjoint(m.context):
                if t.way != m.way:
                    turned += weight(t.term)
                elif 2 * len(m.context - t.context) < len(m.context):
                    # agreeing, when said of most of what ``mine`` says it of: "in winter the days
                    # are shorter" is no agreement with "in summer the days are shorter"
                    agreed += weight(t.term)
    return turned, agreed


def _relation_broken(mine: Sequence[Change], theirs: Sequence[Change]) -> tuple[str, str] | None:
    """The two things ``mine`` says go opposite ways ("the current decreases as the voltage
    increases"), when ``theirs`` has both go the same way ("the voltage is increased, the current
    also increases"): the one it agrees on is no agreement with a relation it turns. None
    otherwise: both as ``mine`` says agrees, and both turned is read term by term, as two claims
    turned ("decreases the rate, because it raises the activation energy")."""
    ours = {c.term: c.way for c in reversed(mine)}   # each thing's first change
    said = {c.term: c.way for c in reversed(theirs)}
    return next(((a, b) for a in ours for b in ours
                 if a < b and ours[a] != ours[b] and a in said and b in said and said[a] == said[b]), None)


def following_the_cause(mine: Sequence[Change], theirs: Sequence[Change],
                        weight: Callable[[str], float]) -> tuple[list[Change], list[Change]]:
    """``mine`` and ``theirs`` without their causes, when both open on one, and ``theirs`` read as
    following the cause of ``mine``: a cause said the other way round turns its effects with it.
    "Lowering the temperature slows the reaction" says what "raising the temperature increases
    the rate" says, and "increasing the concentration decreases the rate" contradicts "increasing
    the concentration increases the rate": a cause both share is the question's condition, no
    agreement with the claim. The cause is the same when ``theirs`` names the weightiest thing
    of ``mine``'s ("the price of a substitute": the substitute). What follows a cause of another
    thing ("if you decrease the concentration, the rate goes down", for a point on temperature;
    "as prices rise, demand falls", for one on a substitute's price) says nothing of this one's."""
    causes = [c for c in mine if c.cause]
    theirs_causes = [c for c in theirs if c.cause]
    if not causes or not theirs_causes:
        return list(mine), list(theirs)
    effects = [c for c in mine if not c.cause]
    main = max(causes, key=lambda c: weight(c.term))   # the first of the weightiest
    same = next((c for c in theirs_causes if c.term == main.term), None)
    if same is None:
        return effects, []
    turn = main.way * same.way
    if not turn:   # a cause kept as it was causes nothing
        return effects, []
    # (a sameness is no effect: "fewer particles in the same volume" keeps the volume the same)
    return effects, [replace(c, way=c.way * turn if not c.term.startswith(_UNCAUSED) else c.way)
                     for c in theirs if not c.cause]
