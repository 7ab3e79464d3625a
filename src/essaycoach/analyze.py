"""The one analyzer: text -> terms, shared by BM25, TF-IDF, every query and every essay.

Pipeline: fold unicode and domain phrases -> tokenize (NLTK RegexpTokenizer) -> drop stop
words (scikit-learn's list) -> British to American spelling -> correct unknown words
against the domain vocabulary -> Snowball stem -> fold word families to one term.
No step needs NLTK data, so nothing is ever downloaded.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache

from nltk.stem.snowball import SnowballStemmer
from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from .lexicon import PHRASES, SYNONYMS

# Words scikit-learn treats as stop words that carry meaning in history essays.
_KEEP = {"name", "show", "system", "front", "fire", "found", "part", "interest", "move", "side",
         "full", "top", "bottom", "call", "back"}
STOP_WORDS: frozenset[str] = frozenset(ENGLISH_STOP_WORDS - _KEEP) | {
    "also", "would", "could", "really", "lot", "lots", "got", "get", "gets", "like", "just",
    "did", "does", "doing", "think", "thing", "things", "way", "ways", "quite", "basically",
    "actually", "essay", "however", "therefore", "thus", "although", "though", "overall",
    "conclusion", "example", "instance", "extent", "factor", "factors", "reason", "reasons",
    "didnt", "dont", "doesnt", "wasnt", "werent", "isnt", "arent", "couldnt", "wouldnt",
    "shouldnt", "cant", "wont", "hadnt", "havent", "im", "ive", "id", "youre", "theyre", "thats",
}

_TOKEN_PATTERN = r"[a-z]+(?:'[a-z]+)?|\d+|~~~"
# NLTK's RegexpTokenizer(_TOKEN_PATTERN) gives the same tokens, but it runs through the
# `regex` module's ReDoS guard, which costs a quarter of a 1 ms budget per essay.
_TOKENIZE = re.compile(_TOKEN_PATTERN).findall
_PHRASE_RES = tuple((re.compile(p), r, t) for p, r, t in PHRASES)
_SEPARATOR = "\n~~~\n"  # no pattern or token can span it
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u201c": '"', "\u201d": '"',
                         "\u2013": "-", "\u2014": "-"})
_STEMMER = SnowballStemmer("english")
_BRITISH = ((r"isation(s?)$", r"ization\1"), (r"ise([sd]?)$", r"ize\1"), (r"ising$", r"izing"),
            (r"yse([sd]?)$", r"yze\1"), (r"tre(s?)$", r"ter\1"))
_BRITISH_RES = tuple((re.compile(p), r) for p, r in _BRITISH)


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """Correctly spelt English words, from the dictionary pyspellchecker ships in its wheel."""
    from spellchecker import SpellChecker

    return frozenset(SpellChecker(distance=1).word_frequency.dictionary)


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Snowball stem, memoised: stemming is the slowest step and words repeat endlessly."""
    return _STEMMER.stem(word)


def fold(text: str) -> str:
    """Lower-case, strip accents, straighten quotes and fold domain phrases to single terms."""
    text = text.translate(_QUOTES)
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = text.lower()
    for pattern, replacement, triggers in _PHRASE_RES:
        if any(t in text for t in triggers):
            text = pattern.sub(replacement, text)
    return text


def fold_many(texts: Iterable[str]) -> str:
    """Fold several texts in one pass (much cheaper than one by one); see :func:`split_tokens`."""
    return fold(_SEPARATOR.join(t.replace("~", " ") for t in texts))


def split_tokens(folded: str) -> list[list[str]]:
    """Tokens of each text that :func:`fold_many` joined, from one tokenizer pass."""
    out: list[list[str]] = [[]]
    for tok in _tokens(folded):
        if tok == "~~~":
            out.append([])
        else:
            out[-1].append(tok)
    return out


def tokenize(text: str) -> list[str]:
    """Raw word tokens of ``text`` after folding; possessives stripped, contractions dropped."""
    return _tokens(fold(text.replace("~", " ")))


def _tokens(folded: str) -> list[str]:
    out = []
    for tok in _TOKENIZE(folded):
        if "'" in tok:
            if not tok.endswith("'s"):
                continue  # n't, 're, 'll...: function words
            tok = tok[:-2]
        if len(tok) > 1 or tok.isdigit():
            out.append(tok)  # includes the "~~~" separator, which split_tokens consumes
    return out


def _americanize(word: str, english: frozenset[str]) -> str:
    if len(word) >= 6 and word.endswith(("our", "ours", "oured", "ouring")):
        candidate = word.replace("our", "or", 1) if word.count("our") == 1 else word
        if candidate in english:
            return candidate
    for pattern, replacement in _BRITISH_RES:
        candidate = pattern.sub(replacement, word)
        if candidate != word and candidate in english:
            return candidate
    return word


def _synonym_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for group in SYNONYMS:
        head = stem(group[0])
        for word in group:
            table.setdefault(stem(word), head)
    return table


class Analyzer:
    """Callable mapping text to a list of terms; the single pipeline of the project.

    Parameters
    ----------
    vocabulary:
        Texts whose words are trusted as correctly spelt (rubric points, aliases).
    corpus:
        Texts whose correctly spelt English words are also targets for spelling
        correction (the seed notes, which themselves hold typos that are not trusted).
    """

    def __init__(self, vocabulary: Iterable[str] = (), corpus: Iterable[str] = ()) -> None:
        english = english_words()
        lexicon = {w for group in SYNONYMS for w in group}
        lexicon |= {w for _, out, _ in PHRASES for w in out.split()}
        trusted = {_americanize(t, english) for text in vocabulary for t in tokenize(text)}
        trusted |= lexicon
        seen = {_americanize(t, english) for text in corpus for t in tokenize(text)}
        self._english = english
        self._known = trusted
        targets = trusted | {w for w in seen if w in english}
        self._targets = sorted(w for w in targets if w.isalpha() and len(w) >= 4
                               and w not in STOP_WORDS)
        self._synonyms = _synonym_table()
        self._memo: dict[str, str | None] = {}

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
        """The spelling of ``word`` the domain vocabulary suggests, or ``word`` itself."""
        if word in self._known or word in self._english or not word.isalpha() or len(word) < 4:
            return word
        limit = 1 if len(word) < 8 else 2
        best = process.extractOne(word, self._targets, scorer=DamerauLevenshtein.distance,
                                  score_cutoff=limit)
        return best[0] if best else word

    def _resolve(self, token: str) -> str | None:
        if token in STOP_WORDS:
            return None
        word = self.correct(_americanize(token, self._english))
        if word in STOP_WORDS:
            return None
        s = stem(word)
        return self._synonyms.get(s, s)


AnalyzerFn = Callable[[str], list[str]]
