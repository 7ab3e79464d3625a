"""The one analyzer: text -> terms, shared by BM25, TF-IDF, every query and every essay.

Pipeline: fold unicode -> tokenize -> join domain phrases ("secret police" -> nkvd) -> drop stop
words (scikit-learn's list) -> British to American spelling -> correct unknown words
against the domain vocabulary -> Snowball stem -> fold word families to one term.
No step needs NLTK data, so nothing is ever downloaded. English words are stemmed by NLTK's
Snowball, imported (a second, as it loads SciPy) only for a word no table holds: see
:func:`add_stems` and :meth:`Analyzer.state`; any other word (a name, a misspelling nothing
corrects) by snowballstemmer's English Snowball, which imports in milliseconds.
"""
from __future__ import annotations

import codecs
import itertools
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING

from .lexicon import ARROW, PHRASES, SKLEARN_STOP_WORDS, SYNONYMS
from .spelling import Corrector, americanize, english_frequency, english_words
from .spelling import common_words as common_words  # re-exported: pointcheck reads it here

if TYPE_CHECKING:
    from nltk.stem.snowball import SnowballStemmer

# Words scikit-learn treats as stop words that carry meaning in essays: nouns ("fire", "system")
# and the words that are a claim's content ("his picture was everywhere", "he stood alone").
_KEEP = {"name", "show", "system", "front", "fire", "found", "part", "interest", "move", "side",
         "full", "top", "bottom", "call", "back", "everywhere", "nowhere", "alone", "together", "always",
         # numbers in words, which fold to their digits (lexicon.NUMBERS): "three bonds" says "3 bonds"
         "two", "three", "four", "five", "six", "eight", "nine", "ten", "eleven", "twelve", "fifteen", "twenty",
         "forty", "fifty", "sixty", "hundred",
         # a distance ("the outer electron is further from the nucleus"), not only "moreover"
         "further"}
STOP_WORDS: frozenset[str] = (SKLEARN_STOP_WORDS - _KEEP) | {
    "also", "would", "could", "really", "lot", "lots", "got", "get", "gets", "like", "just",
    "did", "does", "doing", "think", "thing", "things", "way", "ways", "quite", "basically",
    "actually", "essay", "however", "therefore", "thus", "although", "though", "overall",
    "conclusion", "example", "instance", "extent", "factor", "factors", "reason", "reasons",
    "didnt", "dont", "doesnt", "wasnt", "werent", "isnt", "arent", "couldnt", "wouldnt",
    "shouldnt", "cant", "wont", "hadnt", "havent", "im", "ive", "id", "youre", "theyre", "thats",
    "ones",   # stands for a thing said before, as "one" does ("shorter, more useful ones")
}

# Tokens are runs of [a-z0-9'~] after folding, and "&" and "+" alone (the regex [a-z0-9'~]+|[&+]);
# str.translate + split does in C what a regex tokenizer does in ~10x the time.
# A one-character-to-one-character ASCII table keeps str.translate on CPython's fast path
# (50x faster than a table with longer replacements); "&" and "+" are spaced out first.
_TOKEN_TABLE = {c: " " for c in range(128) if not (chr(c).isalnum() or chr(c) in "'~&+")}
_SEPARATOR = "\n~~~\n"  # no phrase or token can span it
_QUOTES = (("\u2019", "'"), ("\u2018", "'"), ("\u201c", '"'), ("\u201d", '"'), ("\u2013", "-"),
           ("\u2014", "-"))  # str.replace: translate() on non-ASCII text is ~50x slower


def _expand(pattern: str) -> list[tuple[str, ...]]:
    slots = [slot.rstrip("?").split("|") + ([""] if slot.endswith("?") else []) for slot in pattern.split()]
    return [tuple(t for t in combo if t) for combo in itertools.product(*slots)]


def _phrase_table() -> dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]]:
    table: dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]] = {}
    for pattern, replacement in PHRASES:
        for seq in _expand(pattern):
            table.setdefault(seq[0], []).append((seq, tuple(replacement.split())))
    for entries in table.values():
        entries.sort(key=lambda e: -len(e[0]))  # longest match first
    return table


_PHRASE_TABLE = _phrase_table()
# Prefixes written apart (by a hyphen) that make one word with the next, and which next words they take.
_PREFIXES: dict[str, Callable[[str], bool]] = {"de": lambda w: w.startswith("stalin"), "non": str.isalpha}
_PHRASE_STARTS = frozenset(_PHRASE_TABLE) | frozenset(_PREFIXES)
# The tokens that may follow each start ("lenin" starts phrases, but "lenin will" is rare):
# most starts are ruled out by the next token, before any phrase is compared.
_PHRASE_NEXT = {tok: frozenset(seq[1] for seq, _ in entries if len(seq) > 1)
                for tok, entries in _PHRASE_TABLE.items() if all(len(seq) > 1 for seq, _ in entries)}
# Stems known without NLTK: a table a shell loaded (see add_stems), and every stem worked out since.
_STEMS: dict[str, str] = {}
MAX_STEMS = 600_000  # the dictionary's words and the course's, with room for an essay's strays


@lru_cache(maxsize=1)
def _stemmer() -> SnowballStemmer:
    from nltk.stem.snowball import SnowballStemmer  # NLTK's import loads SciPy and scikit-learn too

    return SnowballStemmer("english")


_NUMBER = re.compile(r"[0-9]+[b-df-hj-np-tv-xz]{0,2}")


@lru_cache(maxsize=1)
def _other_stemmer() -> Callable[[str], str]:
    import snowballstemmer

    return snowballstemmer.stemmer("english").stemWord


def stem(word: str) -> str:
    """Snowball stem: from the table when it holds the word, else NLTK's for an English word
    and snowballstemmer's for any other (the two agree on every such word of the notes,
    rubrics and dev set: the tests check), then remembered. A word outside the dictionary
    thus never waits for NLTK, whose stems the cache holds for the whole dictionary.
    A number, or a number with up to two consonants after it (20th, 1920s, 3rd), is its own
    stem: every Snowball rule ends in a letter and needs a vowel before it (the tests check)."""
    found = _STEMS.get(word)
    if found is None:
        if _NUMBER.fullmatch(word):
            found = word
        elif word in english_frequency():
            found = _stemmer().stem(_singular(word))
        else:
            found = _other_stemmer()(word)
        if len(_STEMS) < MAX_STEMS:
            _STEMS[word] = found
    return found


def _singular(word: str) -> str:
    """The singular of an irregular plural noun, from LemmInflect's lexicon ("atria": atrium,
    "men": man, "theses": thesis, whose stems Snowball leaves apart, or gives another word's:
    "theses" is "these" to it); ``word`` itself for any other word, or one that may be read two
    ways ("media", "axes")."""
    from lemminflect import getAllLemmas  # loaded in about 0.3 s, with the stems' NLTK

    lemmas = getAllLemmas(word)
    if not lemmas:
        # a Latin plural the lexicon lacks ("villi", "mitochondria"), whose singular is an English word
        return next((single for plural, ending in _LATIN if word.endswith(plural) and len(word) > len(plural) + 2
                     and (single := word[:-len(plural)] + ending) in english_frequency()), word)
    nouns = lemmas.get("NOUN", ())
    return nouns[0] if len(lemmas) == 1 and len(nouns) == 1 else word


_LATIN = (("ae", "a"), ("i", "us"), ("a", "on"), ("a", "um"))   # plural ending, singular ending


def add_stems(table: dict[str, str]) -> None:
    """Stems worked out before (by :func:`stem`, with the same NLTK), so that stemming those
    words needs no NLTK in this process."""
    room = MAX_STEMS - len(_STEMS)
    _STEMS.update(table if len(table) <= room else itertools.islice(table.items(), max(room, 0)))


def stems_of(words: Iterable[str]) -> dict[str, str]:
    """``{word: stem}`` for each word: a table for :func:`add_stems`."""
    return {w: stem(w) for w in words}


def _fold_run(error: UnicodeEncodeError) -> tuple[str, int]:
    """A run of non-ASCII characters, straightened (quotes, dashes) and stripped of accents."""
    run = error.object[error.start:error.end]
    for a, b in _QUOTES:
        run = run.replace(a, b)
    return unicodedata.normalize("NFKD", run).encode("ascii", "ignore").decode("ascii"), error.end


# The ASCII codec finds the (few) non-ASCII runs in C and hands only those to _fold_run: the
# same result as normalising the whole text (NFKD works character by character), a tenth of
# the time on a class set with a curly quote or two.
codecs.register_error("essaycoach.fold", _fold_run)  # type: ignore[arg-type]  # used to encode only


def fold(text: str) -> str:
    """Lower-case, strip accents and straighten quotes."""
    if not text.isascii():
        text = text.encode("ascii", "essaycoach.fold").decode("ascii")
    return text.lower().replace("`", "'")


def fold_many(texts: Sequence[str]) -> str:
    """Fold several texts in one pass (much cheaper than one by one); see :func:`split_tokens`."""
    folded = fold(_SEPARATOR.join(texts))
    if folded.count("~") != 3 * (len(texts) - 1):
        # A text holds a tilde of its own (or folds to one, as a full-width tilde does): it
        # must not look like a separator.
        folded = _SEPARATOR.join(fold(t).replace("~", " ") for t in texts)
    return folded


def split_tokens(folded: str) -> list[list[str]]:
    """Tokens of each text that :func:`fold_many` joined, from one tokenizer pass."""
    return [_join_phrases(_words(part)) for part in _translated(folded).split("~~~")]


def tokenize(text: str) -> list[str]:
    """Word tokens of ``text``: folded, possessives stripped, contractions dropped, domain
    phrases joined into single terms ("secret police" -> "nkvd")."""
    return [t for t in _tokens(fold(text).replace("~", " ")) if not _is_noise(t)]  # after folding: see fold_many


def _is_noise(token: str) -> bool:
    """Single letters and contractions: never content."""
    return (len(token) < 2 and not token.isdigit()) or "'" in token


def _tokens(folded: str) -> list[str]:
    # Single letters and contractions are kept here, for term() to drop as stop words.
    return _join_phrases(_words(_translated(folded)))


# A unit written onto its number ("800m", "5kg", "3pm", "37°C", folded to "37c") is set apart
# from it, as "800 m" is. Not "s": "1920s" is a decade, "100s" hundreds; nor an element's symbol
# other than carbon's: "2H", "4N" count atoms ("2C" is rare beside "20C").
_NUMBER_UNIT = re.compile(r"\b(\d+)([kcm]?m|[km]?g|ms|mins?|hrs?|m?l|k?j|[km]w|kv|kn|k?pa|k?hz|mph|kph|am|pm|bn|c|f)\b")


# "one" is a pronoun as often as a number ("no one", "the one who"), but not before a unit:
# "one kilogram" is "1 kg"
_ONE_UNIT = re.compile(r"\bone(?= (?:kilo|centi|milli)?(?:grams?|metres?|meters?|litres?|liters?|joules?|watts?)\b"
                       r"|(?= (?:kg|km|cm|mm|ml|kj|kw|mole|moles|degree|degrees|second|hour|minute|volt|amp)\b))")


def _translated(folded: str) -> str:
    """Folded text with every character that cannot be part of a token turned into a space, and
    the commonest fractions written as words ("1/3" says what "a third" says)."""
    if _NUMBER_UNIT.search(folded):
        folded = _NUMBER_UNIT.sub(r"\1 \2", folded)
    if "one " in folded:
        folded = _ONE_UNIT.sub("1", folded)
    if "/" in folded:
        folded = _FRACTION.sub(lambda m: f" {_FRACTIONS[m.group(0)]} ", folded)
    if _DOTTED_HINT.search(folded):   # (a tenth of the cost of the substitution's scan, in every sentence)
        folded = _DOTTED.sub(r"\1\2", folded)   # "a.c.", "p.d.", "e.g.": one word, as "ac", "pd", "eg"
    if ">" in folded or "\u2192" in folded or "\u21d2" in folded:
        # an arrow in notes says what follows from what: "imports up -> current account worse"
        folded = ARROW.sub(" so ", folded)
    if "&" in folded or "+" in folded or "=" in folded:
        # "=" and a "+" standing apart are read as the words they stand for: "stopping distance =
        # thinking distance + braking distance" is its sum written out ("H+" is a charge)
        folded = folded.replace(" + ", " plus ").replace("&", " & ").replace("+", " + ").replace("=", " is ")
    return folded.translate(_TOKEN_TABLE)


_DOTTED = re.compile(r"(?<![\w.])([a-z])\.([a-z])\.")
_DOTTED_HINT = re.compile(r"\.[a-z]\.")
_FRACTIONS = {"1/2": "half", "1/3": "third", "2/3": "two thirds", "1/4": "quarter", "3/4": "three quarters"}
_FRACTION = re.compile(r"(?<![\d/])(?:1/2|1/3|2/3|1/4|3/4)(?![\d/])")


def _words(spaced: str) -> list[str]:
    """The tokens of translated text. Possessives lose their 's and quote marks go, all in C;
    what still holds an apostrophe is a contraction (didn't, they're), a stop word. (Text by
    text: most sentences have no apostrophe, and three passes over a class set add up.)"""
    if "'" in spaced:
        spaced = f" {spaced} ".replace("'s ", " ").replace(" '", " ").replace("' ", " ")
    return spaced.split()


def _join_phrases(raw: list[str]) -> list[str]:
    """Domain phrases joined into their terms; the indices of the tokens that may start one
    are found in C (map + compress), not by a Python loop over every token."""
    if _PHRASE_STARTS.isdisjoint(raw):
        return raw  # most sentences: no token can start a phrase
    starts = itertools.compress(range(len(raw)), map(_PHRASE_STARTS.__contains__, raw))
    table, after, n = _PHRASE_TABLE, _PHRASE_NEXT, len(raw)
    out: list[str] = []
    done = 0
    for i in starts:
        if i < done:
            continue
        tok = raw[i]
        if tok in _PREFIXES:
            # "non-renewable" is "nonrenewable" (the opposite of "renewable", not a use of it),
            # as "de-Stalinisation" is "destalinisation"
            if i + 1 < n and _PREFIXES[tok](raw[i + 1]):
                out.extend(raw[done:i])
                out.append(tok + raw[i + 1])
                done = i + 2
            continue
        if tok in after and (i + 1 == n or raw[i + 1] not in after[tok]):
            continue
        for seq, replacement in table[tok]:
            if tuple(raw[i:i + len(seq)]) == seq:
                out.extend(raw[done:i])
                out.extend(replacement)
                done = i + len(seq)
                break
    if not done:
        return raw  # usually: the starts were not followed by the rest of a phrase
    out.extend(raw[done:])
    return out


# Nouns made from verbs whose Snowball stems differ from the verb's ("erosion" "eros", "erode"
# "erod"; "collision", "collide"): (ending, the verb's endings to try). A verb is taken only when it
# is an English word ("tension" is not "tende"); endings that make false pairs are left out
# ("commission" is no "commit").
# Each: the noun's ending, the letters that may come before it, the verb's ending
# ("eros|ion" needs a vowel before "sion": "version" is no "verde"; "descr|iption" an "i").
# A Greek noun in -sis and its verb in -size (British -ise, made American first): "photosynthesis"
# and "photosynthesise", "analysis" and "analyse", "hypothesis" ("basis" and "crisis" have none).
_NOMINAL = (("sion", "aeiou", "de"), ("uction", "", "uce"), ("mption", "", "me"), ("ption", "i", "be"),
            ("ption", "r", "b"), ("ption", "e", "ive"), ("ysis", "", "yze"), ("sis", "", "size"))


def verb_of(word: str) -> str:
    """The verb a noun such as "erosion", "collisions" or "reduction" is made from, or ``word``."""
    single = word[:-1] if word.endswith("ions") else word
    for ending, before, verb_ending in _NOMINAL:
        if single.endswith(ending) and len(single) > len(ending) + 2 and (
                not before or single[-len(ending) - 1] in before):
            verb = single[:-len(ending)] + verb_ending
            if verb in english_words() and not (ending == "uction" and single[:-3] in english_words()):
                return verb   # (not "conduce" for "conduction", whose verb is "conduct")
    return word


def noun_of(word: str) -> str:
    """The noun an adjective in -ious is made from ("ambitious": ambition, "suspicious":
    suspicion, "religious": religion), whose Snowball stems differ; else ``word``. Only an
    English noun: "precious" and "various" are made from none."""
    if word.endswith("ious") and len(word) > 6 and (noun := word[:-3] + "on") in english_words():
        return noun
    return word


@lru_cache(maxsize=1)
def _synonym_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for group in SYNONYMS:
        head = stem(group[0])
        for word in group:
            table.setdefault(stem(word), head)
    return table


def inflections(word: str) -> frozenset[str]:
    """``word`` and its regular inflections ("terrify": terrifies, terrified, terrifying)."""
    forms = {word, word + "s", word + "es", word + "d", word + "ed", word + "ing", word + word[-1] + "ed",
             word + word[-1] + "ing"}
    if word.endswith("e"):
        forms.add(word[:-1] + "ing")
    if word.endswith("y"):
        forms |= {word[:-1] + "ies", word[:-1] + "ied"}
    return frozenset(forms)


# English endings a Snowball stem takes back ("success": successful; "opposit": opposite).
_ENDINGS = ("", "e", "s", "es", "ed", "ing", "er", "ers", "or", "ors", "ion", "ions", "ive", "ives", "ity", "ities",
            "ful", "fully", "ent", "ently", "ency", "ence", "al", "ally", "ment", "ments", "ness", "able", "ably",
            "ous", "ously", "ic", "ical", "y", "ies", "ied", "ation", "ations", "ate", "ated", "ant", "ance", "ism",
            "ist", "ists", "ise", "ize", "ly", "less", "ary", "ory", "ure", "ures", "age")


@lru_cache(maxsize=1)
def _contested() -> dict[str, frozenset[str]]:
    """Stems a word family shares with a commoner English word of another meaning, each with the
    family's words that may claim it: Snowball gives "succession" the stem of "success",
    "opposition" that of "opposite", "execution" that of "executive", "officer" that of "office".
    Only the family's own words and their inflections fold to the family there; "successful
    collisions" are no heir's, "the opposite charge" no rival's."""
    table = _synonym_table()
    claimed: dict[str, set[str]] = {}
    for group in SYNONYMS:
        head = stem(group[0])
        for word in group:
            if table[s := stem(word)] == head:
                claimed.setdefault(s, set()).update(inflections(word))
    frequency = english_frequency()
    commonest: dict[str, tuple[int, str]] = {}
    for s in claimed:
        # the stem's words: it and its English endings (a dictionary scan costs a tenth of a second)
        for word in (s + ending for ending in _ENDINGS if (s + ending) in frequency):
            if stem(word) == s and frequency[word] > commonest.get(s, (0, ""))[0]:
                commonest[s] = (frequency[word], word)
    return {s: frozenset(words) for s, words in claimed.items()
            if s in commonest and commonest[s][1] not in words}


@dataclass(frozen=True)
class AnalyzerState:
    """What an analyzer worked out, as plain data: enough to go on without building it again
    (and without NLTK for the words it has seen). See :meth:`Analyzer.state`."""

    trusted: tuple[str, ...]               # words trusted as spelt (sorted)
    targets: tuple[str, ...]               # what a misspelling may be corrected to (sorted)
    terms: dict[str, str | None]           # raw token -> term (None: a stop word), every token seen
    stems: dict[str, str]                  # stems of the targets, and of their plurals and possessives


class Analyzer:
    """Callable mapping text to a list of terms; the single pipeline of the project.

    Parameters
    ----------
    vocabulary:
        Texts whose words are trusted as correctly spelt (rubric points, aliases).
    corpus:
        Texts whose correctly spelt English words are also targets for spelling
        correction (the seed notes, which themselves hold typos that are not trusted).

    The speller (and the dictionary it needs) is built the first time a token is not already
    known, so an analyzer restored from its :meth:`state` costs nothing until then.
    """

    def __init__(self, vocabulary: Iterable[str] = (), corpus: Iterable[str] = ()) -> None:
        self._texts: tuple[tuple[str, ...], tuple[str, ...]] | None = (tuple(vocabulary), tuple(corpus))
        self._words: tuple[tuple[str, ...], tuple[str, ...]] | None = None
        self._memo: dict[str, str | None] = {}

    @classmethod
    def from_state(cls, state: AnalyzerState) -> Analyzer:
        """The analyzer whose :meth:`state` this was: the same terms for every token."""
        an = cls()
        an._texts, an._words = None, (state.trusted, state.targets)
        an._memo = dict(state.terms)
        add_stems(state.stems)
        return an

    def state(self) -> AnalyzerState:
        """The spelling vocabulary, every token resolved so far, and the stems a correction may need."""
        trusted, targets = self._vocabulary()
        words = set(trusted) | set(targets)
        return AnalyzerState(trusted, targets, dict(self._memo),
                             stems_of(sorted(words | {w + "s" for w in words if w.isalpha()})))

    def _vocabulary(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(trusted, targets): the words trusted as spelt, and the course words a misspelling
        may be corrected to."""
        if self._words is None:
            assert self._texts is not None
            vocabulary, corpus = self._texts
            english = english_words()
            lexicon = {w for group in SYNONYMS for w in group}
            lexicon |= {w for _, out in PHRASES for w in out.split()}
            trusted = {americanize(t, english) for text in vocabulary for t in tokenize(text)}
            trusted |= lexicon
            seen = {americanize(t, english) for text in corpus for t in tokenize(text)}
            targets = trusted | {w for w in seen if w in english}
            self._words = (tuple(sorted(trusted)), tuple(sorted(w for w in targets if w.isalpha() and len(w) >= 4
                                                                 and w not in STOP_WORDS)))
        return self._words

    @cached_property
    def _speller(self) -> Corrector:
        trusted, targets = self._vocabulary()
        return Corrector(set(trusted), targets, english_words())

    def __call__(self, text: str) -> list[str]:
        term = self.term
        return [t for t in (term(tok) for tok in tokenize(text)) if t is not None]

    def term(self, token: str) -> str | None:
        """The term for one raw token, or None for a stop word."""
        try:
            return self._memo[token]
        except KeyError:
            pass
        result = self._resolve(token)
        if len(self._memo) < 500_000:
            self._memo[token] = result
        return result

    def correct(self, word: str) -> str:
        """The word meant by a misspelling (see :meth:`spelling.Corrector.correct`), memoised:
        students misspell the same few words again and again."""
        memo = self._corrected
        try:
            return memo[word]
        except KeyError:
            pass
        result = self._speller.correct(word)
        if len(memo) < 100_000:
            memo[word] = result
        return result

    def correct_many(self, words: list[str]) -> list[str]:
        """:meth:`correct` of each word (the memo read in one pass, in C)."""
        meant = list(map(self._corrected.get, words))
        if None in meant:
            meant = [m if m is not None else self.correct(w) for m, w in zip(meant, words)]
        return meant  # type: ignore[return-value]  # no None is left

    @cached_property
    def _corrected(self) -> dict[str, str]:
        return {}

    def _resolve(self, token: str) -> str | None:
        if token in STOP_WORDS or _is_noise(token):
            return None
        word = self._speller.correct(americanize(token, english_words()))
        if word in STOP_WORDS:
            return None
        s = stem(verb_of(noun_of(word)))
        family = _contested().get(s)
        if family is not None and word not in family:
            return s  # the commoner word of another meaning ("successful", not "succession")
        return _synonym_table().get(s, s)


AnalyzerFn = Callable[[str], list[str]]
