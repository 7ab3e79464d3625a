"""A sentence's form: a bare note (no verb, or a list of names and numbers) or a sentence,
and whether it was broken off unfinished. A note names a point without making it."""
from __future__ import annotations

import operator
import re
from collections.abc import Collection, Sequence
from functools import lru_cache
from itertools import pairwise

from .lexicon import ARROW, SKLEARN_STOP_WORDS
from .spelling import common_words, english_frequency, nearest_english

# Verbs a sentence without a regular past tense or participle usually carries ("r": text-speak's "are").
_VERBS = frozenset(
    "is are was were be been being am r has have had do does did will would can could shall should may "
    "might must made make makes let lets led won win wins lost lose gave give gives took take takes became "
    "become becomes got get gets saw see sees seemed seem seems meant mean means went go goes came come "
    "comes kept keep keeps put puts ran run runs wrote write knew know thought think said say says told "
    "tell felt feel left leave held hold holds brought bring began begin showed show shows fought fight "
    "sought set sets built build grew grow rose fell stood stand drove drive paid pay sent send spent "
    "spend struck chose choose hid hide meant read shut split spread swept taught tore threw hit cut "
    "died dies lied lay fled fed bred sped shot sold told sat met lent bent dealt forgot forgave "
    "wants needs helps uses makes takes means seems shows gets knows thinks "
    # the other irregular past tenses of common verbs (a noun first, such as "bit" or "ground", aside)
    "ate blew bought broke burnt caught drank drew dug flew found heard hung laid learnt lit rang rode sang "
    "shook slept spoke stole swore understood woke wore "
    "there's it's he's she's that's what's here's who's let's "  # a contracted "is" or "us"
    "didnt doesnt dont wasnt werent isnt arent couldnt wouldnt shouldnt hadnt havent hasnt cannot cant wont".split())


def is_fragment(text: str) -> bool:
    """No verb, or mostly names and numbers: notes, not a sentence that makes a point.

    Most sentences show a verb by a common form (was, had, made) or an ending (-ed, -ing,
    n't); those without one are usually in the present tense ("the enzyme denatures",
    "molecules collide"), which :func:`has_present_verb` reads from a lexicon. An "=" is the
    verb it stands for, as the analyzer reads it ("stopping distance = thinking distance + ..."), and
    so is an arrow: "cost cutting -> job losses" says what one thing leads to."""
    if "=" in text or ">" in text or "\u2192" in text or "\u21d2" in text:
        text = ARROW.sub(" makes ", text).replace("=", " is ")
    breaks = text.count(",") + text.count(";") + text.count(" and ") + text.count(" - ")
    items = [item for item in map(_words, _LIST_BREAK.split(text)) if item] if breaks >= LIST_ITEMS - 1 else []
    if len(items) >= LIST_ITEMS and max(map(len, items)) <= LIST_ITEM_WORDS:
        # A list of short items ("show trials, forced confessions, NKVD, ..."): a word that looks
        # like a verb at the head of an item is a modifier; a sentence that lists things has a
        # verb after its subject somewhere ("Stalin used posters, films, statues, ..."), or a
        # clause that opens with a function word ("..., as the enzyme denatures").
        return not any(verb_like(w) for item in items for w in item[1:]) and not any(
            has_present_verb(" ".join(item)) for item in items if item[0].lower() in SKLEARN_STOP_WORDS)
    words = _words(text)
    if any(verb_like(w) and not in_name(words, i) for i, w in enumerate(words)):
        return False
    return not has_present_verb(text)


_FORMS_OF_BE = frozenset("is are was were be been being am isn't wasn't there".split())


def says_no_more_than(text: str, idle: frozenset[str]) -> bool:
    """Whether ``text`` has no verb once its forms of "be" and its ``idle`` words (lower case)
    are taken out: it says that something is, or is "important", and nothing it does."""
    kept = [w for w in _words(text) if w.lower() not in _FORMS_OF_BE and w.lower() not in idle]
    return is_fragment(" ".join(kept))


def in_name(words: Sequence[str], at: int) -> bool:
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


def verb_like(word: str) -> bool:
    """A common verb form, or a word ending like one (-ed, -ing, n't)."""
    w = word.lower()
    return w in _VERBS or w.endswith(("n't", "ed"))


def shows_verb(words: Sequence[str]) -> bool:
    """Whether ``words`` (lower case) may hold a verb: a common form, an -ed ending or n't, but not
    a participle straight after a determiner ("the united opposition"); a first word that can be
    a verb ("worries about the scandal", as after "and"); or a present tense."""
    if any(verb_like(w) and not (i and words[i - 1] in DETERMINERS) for i, w in enumerate(words)):
        return True
    return bool(words) and ("VERB" in _lexicon(words[0])[0] or has_present_verb(" ".join(words)))


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
        opened = headed = False  # a determiner opened a phrase ("the immune system"); prev is in one
        skipped = False  # an adverb came after prev
        two = False  # prev is the second of a subject of two ("George and Lennie look")
        for at, raw in enumerate(words):
            if raw.isdigit() or (at and raw[0].isupper() and prev and "PROPN" in prev[1]):
                prev = None  # a number, or a name's next word ("Somerset Levels"), starts afresh
                continue
            w = raw.lower()
            tags, base = _lexicon(w)
            if not tags and len(w) > 2 and w.isalpha() and (raw[0].islower() or (
                    at == 0 and at + 1 < len(words) and words[1][0].islower())):
                # A word the lexicon does not know and no name (capitalised, or opening a name
                # such as "Somerset Levels"): most often the subject's own technical noun
                # ("lymphocytes produce antibodies"), or a word misspelt ("they condence"), read
                # as the words one letter away.
                tags, base = (w not in SKLEARN_STOP_WORDS and len(w) >= _MISSPELT and _misspelt_lexicon(w)) \
                    or (_UNKNOWN, None)
            if w == "its" and _its_for_it_is([x.lower() for x in words[at + 1:at + 3]]):
                return True
            if tags == {"VERB"} and base and not w.endswith(_PARTICIPLE) and len(words) > 1:  # "temp:" heads a note
                return True
            if "VERB" in tags and at + 1 < len(words) and words[at + 1].lower() in _OBJECTS:
                return True
            if at == 0 and "VERB" in tags and base == w and words[1:2] and words[1].lower() in ARTICLES:
                return True   # an instruction: "Fill the burette with the acid", a method's step
            if prev is not None and "VERB" in tags:
                before, before_tags = prev
                # A stop word is no subject ("other", "many") unless a determiner made it a
                # noun: scikit-learn's list holds nouns too ("the system", "the fire").
                # After a determiner, a word that may be a noun or an adjective heads the subject
                # when a verb follows it ("the current splits"; "the current changes").
                noun = (_subject(before_tags) and (before not in SKLEARN_STOP_WORDS or headed)) or (
                    headed and "NOUN" in before_tags and "NAME" not in before_tags and before not in SKLEARN_STOP_WORDS)
                # a noun in -s may be singular ("the pancreas releases", "the gas expands")
                ends_s = is_plural(before)
                # a capitalised noun opening the sentence may be a name of either number ("Crooks lives")
                named = noun and at - 1 - skipped == 0 and words[0][0].isupper()
                singular = before in _SUBJECTS - _PLURAL_SUBJECTS or (noun and (not ends_s or named) and not two)
                plural = before in _PLURAL_SUBJECTS or (noun and (ends_s or two))
                if singular and w.endswith("s") and base != w:
                    return True
                # (a word that is also an adverb or a preposition is one after a plural noun, "the
                # cells around", but a verb after an adverb there: "memory cells only last")
                if plural and base == w and (skipped or not tags & {"ADV", "ADP"}):
                    return True
            skipped = False
            if w == "to":  # (an adverb to the lexicon) what follows is an infinitive, no verb of a subject
                prev = None
                continue
            # (a word in -ly the lexicon does not know is most often an adverb; "family", "supply" are not)
            if tags == {"ADV"} or (w.endswith("ly") and not _lexicon(w)[0] & {"NOUN", "VERB"}) \
                    or ("ADV" in tags and w in SKLEARN_STOP_WORDS):
                skipped = prev is not None
                continue  # "the reaction basically grinds", "the rate then rises": the adverb keeps the subject
            if at and raw[0].isupper():  # a name the lexicon does not know (Macbeth), or a word of one (May Day)
                tags = frozenset({"PROPN"}) if not tags and len(raw) > 1 else frozenset({"NAME"})
            headed = opened and w not in DETERMINERS
            opened = w in DETERMINERS or (opened and bool(tags & {"NOUN", "ADJ"}))
            two = at >= 2 and words[at - 1] == "and" and _subject(_lexicon(words[at - 2].lower())[0] or _UNKNOWN)
            prev = (w, tags)
    return False


def _its_for_it_is(after: Sequence[str]) -> bool:
    """Whether "its" before ``after`` (its next two words) is "it's" misspelt: before an article,
    an adverb ("its really hot", "its not") or an adjective that no noun follows ("its hot at
    the top"), where "its main cause" and "its own" are its own."""
    if not after or after[0] == "own":
        return False
    first = _lexicon(after[0])[0]
    return after[0] in ARTICLES or ("NOUN" not in first and ("ADV" in first or (
        "ADJ" in first and not (after[1:] and _lexicon(after[1])[0] & {"NOUN", "ADJ"}))))


_MISSPELT = 5  # letters at least in a word read as misspelt: shorter ones are one edit from too many words


@lru_cache(maxsize=4096)
def _misspelt_lexicon(word: str) -> tuple[frozenset[str], str | None] | None:
    """What :func:`_lexicon` gives for the commonest English word one edit from ``word``, with
    ``word`` itself as the base form where that word is one ("condence" for "condense"); None
    when no word is that near."""
    near = [w for w, _ in nearest_english(word, 1)]
    if not near:
        return None
    freq = english_frequency()
    likeliest = max(near, key=lambda w: freq.get(w, 0))
    tags, base = _lexicon(likeliest)
    return (tags, word if base == likeliest else base) if tags else None


def is_name(word: str) -> bool:
    """Whether ``word`` is written as a name: capitalised, and no English word the lexicon knows
    ("Sheila", "Khrushchev", "USSR"; not "Statues" or "Government"), or an acronym in
    capitals whose letters spell a word too ("RAM", "ROM"; not "ALL" or "NOT" written for emphasis)."""
    return word[:1].isupper() and (not _lexicon(word.lower())[0] or (
        len(word) > 1 and word.isupper() and word.lower() not in SKLEARN_STOP_WORDS))


SUBJECT_WORDS = 5  # a subject longer than this before its verb is a clause to parse, not a phrase to read


@lru_cache(maxsize=4096)
def opening_clause(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The subject a sentence opens on, as words before its first verb, and what its first clause
    says of it: ("The pancreas",), ("detects", "that", ...); ("Sheila",), ("refuses", ..., "and",
    "goes", "back", ...), as "and" before a verb goes on about the same subject. Two empty tuples
    when it opens on anything else (a preposition, a linking word, a verb, a pronoun) or its verb
    comes too late to tell."""
    phrases = [_words(p) for p in _PHRASE_BREAK.split(text)]
    words = phrases[0] if phrases else []
    if not words or (words[0].lower() in SKLEARN_STOP_WORDS and words[0].lower() not in _QUANTIFIERS) \
            or verb_like(words[0]) or (_lexicon(words[0].lower())[0] == {"VERB"} and not _modifies(words)):
        return (), ()
    for at in range(1, min(len(words), SUBJECT_WORDS + 1)):
        # (a verb's form after a determiner is an adjective: "the left ventricle", "the united opposition")
        if (verb_like(words[at]) and words[at - 1].lower() not in DETERMINERS) \
                or has_present_verb(" ".join(words[:at + 1])):
            return tuple(words[:at]), _first_clause(words[at:])
    if len(words) <= SUBJECT_WORDS:
        # "Gerald, like the older Birlings, goes back": the first phrase after it that opens on a
        # verb ends an aside and says what the subject does
        later = next((p for p in phrases[1:] if p and (verb_like(p[0]) or has_present_verb(" ".join([*words, p[0]])))),
                     [])
        if later:
            return tuple(words), _first_clause(later)
    return (), ()


def _modifies(words: Sequence[str]) -> bool:
    """Whether a sentence's first word, an -ing form, names a kind of the noun after it ("Thinking
    distance is ...", "Braking distance"), not an act ("Drinking alcohol slows ..." reads the same
    way, its act the subject)."""
    return len(words) > 2 and words[0].lower().endswith("ing") and _subject(_lexicon(words[1].lower())[0]) \
        and not verb_like(words[1])


def _first_clause(words: Sequence[str]) -> tuple[str, ...]:
    """``words`` up to where a clause of their own begins: a linking word, or "and" before
    anything but a verb ("... taken down and text books rewritten")."""
    for at, w in enumerate(words):
        lower = w.lower()
        if lower in _LINKS or (lower == "and" and at + 1 < len(words) and not verb_like(words[at + 1])
                               and "VERB" not in _lexicon(words[at + 1].lower())[0]):
            return tuple(words[:at])
    return tuple(words)


_LINKS = frozenset("which who whom whose because so while whereas but although though when once if as since "
                   "until unless after before where".split())


_UNKNOWN = frozenset({"NOUN"})
DETERMINERS = frozenset("the a an this that these those its his her their our my your every each".split())
# what may open a subject besides a noun: a determiner, or a word of how many ("most of the army officers")
_QUANTIFIERS = DETERMINERS | frozenset("both all most many some several few".split())


def _subject(tags: frozenset[str]) -> bool:
    """Whether a word so tagged can head a subject: a noun that is no adjective (the rate, not
    'other'), or a name."""
    return tags == {"PROPN"} or ("NOUN" in tags and "ADJ" not in tags and "NAME" not in tags)


FORMS_FROM = 5000  # the commonest English words, among which every form of an everyday verb is


def verb_forms(words: Collection[str]) -> set[str]:
    """The forms of the verbs among ``words`` ("give": gave, given, gives, giving), the irregular
    ones a stemmer does not bring back to their verb among them. Read from the lemmatizer a
    sentence's verbs are read with: one lexicon for both, where LemmInflect's inflection model
    took a second (and a second's load, which moved a Ctrl+C race in 'mark -j' into view)."""
    return {w for w in common_words(FORMS_FROM) if _lexicon(w)[1] in words}


@lru_cache(maxsize=4096)
def is_plural(word: str) -> bool:
    """Whether ``word`` (lower case) looks like a plural noun: an -s ending that is not its own
    singular ("cells", not "bus" or "pancreas")."""
    return word.endswith("s") and not _singular_noun(word)


def _singular_noun(word: str) -> bool:
    """Whether ``word`` is a noun that is its own singular ("pancreas", "analysis"; not "cells")."""
    from lemminflect import getAllLemmas

    nouns = getAllLemmas(word).get("NOUN")
    return bool(nouns) and nouns[0] == word


def word_classes(word: str) -> frozenset[str]:
    """The parts of speech ``word`` (lower case) can be, from LemmInflect's lexicon; empty when unknown."""
    return _lexicon(word)[0]


def verb_base(word: str) -> str | None:
    """The verb ``word`` (lower case) is a form of ("displaces": displace); None when it is no verb."""
    return _lexicon(word)[1]


@lru_cache(maxsize=20_000)
def _lexicon(word: str) -> tuple[frozenset[str], str | None]:
    """The parts of speech ``word`` can be (NOUN, VERB, ADJ, ADV, ...; empty when unknown), and
    the verb it is a form of (its base form; None when it is no verb), from one lookup."""
    from lemminflect import getAllLemmas  # its lexicon loads in about 0.3 s: only when a sentence needs it

    lemmas = getAllLemmas(word)
    verb = lemmas.get("VERB")
    return frozenset(lemmas), verb[0] if verb else None


# Word order English does not use, read from closed word classes alone (any subject, any
# wording): an article before a verb of being, a preposition, a conjunction, a pronoun or another
# article ("the was", "a of"), or ending a sentence ("...the."); a preposition before a verb of
# being, a conjunction or a preposition that never follows one ("of was", "in because", "with
# of"); a subject pronoun before an article or another ("he the", "they she"); a conjunction
# ending a sentence ("...and."); a word said twice in a row. Each rule leaves out what a careless
# but honest writer does write, often again and again: a homophone ("their was", "its a", "your a",
# "would of been"), a preposition before "about" or "between" ("by about 1937", "in between"), a
# particle ("in on", "went on for"), a noun that is also a verb ("the will", "a must", "the
# might"), "a not insignificant", "the for and against points", "..., though." A preposition left
# at the end of its clause ("what he was afraid of was") is the one rule's slip left in.
ARTICLES = ("the", "a", "an")
_BEING = ("is", "was", "were", "are", "am", "has", "does", "did", "would", "could", "shall", "should")
_SUBORDINATE = ("because", "but", "although", "whereas", "nor", "unless")
_SUBJECT = ("i", "he", "she", "we", "they")
_NEVER_AFTER = {  # words -> the words that never follow them
    ARTICLES: (*ARTICLES, *_BEING, *_SUBORDINATE, *_SUBJECT, "be", "been", "have", "had", "of", "in", "on", "at",
               "by", "with", "from", "into", "onto", "upon", "during", "and", "or", "to", "which", "who", "whom",
               "whose", "this", "these", "those", "her", "his", "their", "its", "my", "our", "your"),
    ("of", "at", "by", "with", "from", "into", "onto", "upon", "during", "among", "between", "against", "within"):
        (*_BEING, *_SUBORDINATE, "of", "with", "from", "into", "onto", "upon", "towards", "against"),
    _SUBJECT: (*ARTICLES, *_SUBJECT),
}
_NOT_ENDING = (*ARTICLES, *_SUBORDINATE, "and", "or")
# Said twice and fine ("had had", "that that"), or counted as a pair above already ("the the").
_TWICE_FINE = frozenset(w for word in ("had", "that", "very", "far", "so", "again", "more", "many", "no", "yes", "ha",
                                       *(w for firsts, afters in _NEVER_AFTER.items() for w in firsts if w in afters))
                        for w in (word, word.capitalize()))
# Text is split on spaces, so a mark after a pair's first word parts the two ("He, the leader");
# one after its second ends a clause ("...was the was."). A first word may be capitalised (the
# start of a sentence) but for "A" (a name: "Plan A is"); the second is lower case, or "I".
_MARKS = ("", ",", ".", ";", ":", "!", "?")
_PAIRS = frozenset((first, after + mark)
                   for firsts, afters in _NEVER_AFTER.items()
                   for word in firsts for first in {word, word.capitalize() if word != "a" else word}
                   for after in (*afters, "I") for mark in _MARKS)
_ENDINGS = frozenset(word + mark for word in _NOT_ENDING for mark in ".!?")


def misordered_pairs(sentences: Sequence[str]) -> tuple[int, int]:
    """(pairs, words): how many pairs of neighbouring words in ``sentences`` are in an order English
    does not use (see above), and how many words they have. A genuine essay has about one such
    pair in 250 words (a slip), words shuffled at random one in twenty."""
    words = " | ".join(sentences).split()
    after = words[1:]
    twice = sum(map(operator.eq, words, after))  # rare: only then is each read
    if twice:
        twice = sum(a == b and a.isalpha() and a not in _TWICE_FINE for a, b in zip(words, after))
    pairs = sum(map(_PAIRS.__contains__, zip(words, after))) + sum(map(_ENDINGS.__contains__, words)) + twice
    return pairs, len(words) - max(0, len(sentences) - 1)


def misordered_examples(sentences: Sequence[str], most: int = 2) -> list[str]:
    """The first ``most`` pairs :func:`misordered_pairs` counts, as written ("the was")."""
    words = " | ".join(sentences).split()
    return [f"{a} {b}" for a, b in pairwise(words) if (a, b) in _PAIRS][:most]
