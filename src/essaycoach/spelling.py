"""Spelling: which words are English, British to American spelling, and the word a misspelling
meant (the analyzer's correction step, see ``analyze``).

The dictionary is the word counts pyspellchecker ships in its wheel; nothing is downloaded.
A misspelling is corrected towards the course's own vocabulary first, else towards the most
frequent English word as near; a real English word is never changed.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cached_property, lru_cache

from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

_FREQUENCY: dict[str, int] = {}


def english_frequency() -> dict[str, int]:
    """How often each English word occurs, from the counts pyspellchecker ships in its wheel
    (loading them takes a tenth of a second; a shell may give them back: :func:`add_frequency`)."""
    if not _FREQUENCY:
        from spellchecker import SpellChecker

        _FREQUENCY.update(SpellChecker(distance=1).word_frequency.dictionary)
    return _FREQUENCY


def add_frequency(table: dict[str, int]) -> None:
    """The counts :func:`english_frequency` gave before (same pyspellchecker, same order), so
    that this process need not load them again; ignored once they are loaded."""
    if not _FREQUENCY:
        _FREQUENCY.update(table)


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """Correctly spelt English words (pyspellchecker's dictionary)."""
    return frozenset(english_frequency())


COINING = ("un", "non")  # prefixes that deny any word they are put before
COINED = 6  # letters at least in what such a prefix denies ("untill" is "until" misspelt, not "un" + "till")


# Inflections to strip (and what to put back) to find a word's base form in the dictionary:
# "attaches" is English because "attach" is, though the list has no "attaches".
_INFLECTIONS = (("ies", "y"), ("ied", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("d", ""),
                ("ing", ""), ("ing", "e"), ("ly", ""), ("er", ""), ("ers", ""), ("est", ""))


EVERYDAY = 100  # occurrences in pyspellchecker's counts: rarer entries are mostly names and typos


def _doubling(word: str, other: str) -> bool:
    """Whether ``other`` is ``word`` with one letter doubled, or with a doubled letter single."""
    short, long_ = sorted((word, other), key=len)
    if len(long_) != len(short) + 1:
        return False
    at = next((i for i, (a, b) in enumerate(zip(short, long_)) if a != b), len(short))
    return long_[:at] + long_[at + 1:] == short and at > 0 and long_[at] == long_[at - 1]


def is_english(word: str, english: frozenset[str] | None = None) -> bool:
    """True for a word in the dictionary, or an inflection of an everyday one (attaches,
    stopped, buried; not "buld", though the list holds a rare "bul"; not "stabed", which doubles
    its consonant as "stabbed")."""
    english = english if english is not None else english_words()
    if word in english:
        return True
    # "un" or "non" before any English word is a word coined to deny it ("unrenewable"), spelt
    # right: corrected, it would lose its prefix and say the opposite
    coined = next((word[len(p):] for p in COINING if word.startswith(p) and len(word) - len(p) >= COINED), None)
    if coined is not None and is_english(coined, english):
        return True
    freq = english_frequency()
    for suffix, base in _INFLECTIONS:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            root = word[: -len(suffix)]
            if not base and suffix[0] in "aeiou" and freq.get(root + root[-1] + suffix, 0) >= EVERYDAY:
                continue  # the inflection doubles the consonant: "stabed" is "stabbed" misspelt
            for candidate in (root + base, root[:-1] if root[-1:] == root[-2:-1] else ""):
                if freq.get(candidate, 0) >= EVERYDAY and not (suffix in ("s", "es") and modifier_only(candidate)):
                    return True
    return False


@lru_cache(maxsize=4096)
def modifier_only(word: str) -> bool:
    """Whether ``word`` is only ever an adjective or an adverb, never a thing or an act: it takes
    no "-s" ("vains" is "veins" misspelt, not a form of "vain"), and after a verb it says how,
    not what ("fell sharply")."""
    from lemminflect import getAllLemmas  # loaded only when first needed

    classes = set(getAllLemmas(word))
    return bool(classes) and classes <= {"ADJ", "ADV"}


# Of an answer's letters, the share in English words (or the rubric's own) below which it is not
# English: misspelt English answers in the data have over 0.6, French or German about 0.25,
# letters at random none.
ENGLISH_SHARE = 0.4
# Up to this share, an answer is English only if English's glue words hold it together: another
# language in Latin letters shares many dictionary words with English (French reaches 0.43: the
# dictionary holds "des", "la", "est") but hardly any of the commonest English words, which are a
# fifth or more of English prose. Terse English notes, short of glue words, have 0.89 or more.
MOSTLY_ENGLISH = 0.7
GLUE_WORDS = 50      # the commonest English words: "the", "of", "and", "to", "was"...
GLUE_SHARE = 0.03    # of the words: English prose has 0.2 or more; French, Spanish, German about 0.03 or less
LETTERS = re.compile(r"[^\W\d_]+")  # a run of letters in any script ("word", "слово", or a line of 汉字)
# Longer than any word of a spaced script ("antidisestablishmentarianism" has 28 letters), a run
# of letters weighs only this much, so a key held down after one English sentence does not make
# the whole answer "not English". Unspaced scripts (a line of 汉字 is one run) keep their length.
LONGEST_WORD = 30


def english_share(text: str, own: frozenset[str] = frozenset(), sample: int | None = None,
                  dictionary: bool = True) -> tuple[float, int]:
    """(the share of ``text``'s letters in English words or in ``own`` (lower case), how many
    letters it has), read from its first ``sample`` characters. Letters, not words, are counted,
    so a line of Chinese (one "word" to a regex) weighs what it says. Without the ``dictionary``
    (which takes a tenth of a second to load), only the words of ``own`` count."""
    words = LETTERS.findall((text if sample is None else text[:sample]).lower())
    if not dictionary and max(map(len, words), default=0) <= LONGEST_WORD:
        # Most answers: every word weighs its length, so both counts are made in C.
        letters = sum(map(len, words))
        english = sum(map(len, filter(own.__contains__, words)))
        return (english / letters if letters else 1.0), letters
    weight = [min(len(w), LONGEST_WORD) if w.isascii() else len(w) for w in words]
    letters = sum(weight)
    english = sum(n for w, n in zip(words, weight) if w in own or (dictionary and w.isascii() and is_english(w)))
    return (english / letters if letters else 1.0), letters


def glue_share(text: str, sample: int | None = None) -> float:
    """The share of ``text``'s words (in its first ``sample`` characters) that are among the
    commonest English words, which hold English sentences together."""
    words = LETTERS.findall((text if sample is None else text[:sample]).lower())
    glue = common_words(GLUE_WORDS)
    return sum(w in glue for w in words) / len(words) if words else 1.0


@lru_cache(maxsize=4096)
def misspelling_of(token: str, words: tuple[str, ...]) -> str | None:
    """The word of ``words`` that ``token`` misspells by one edit with the same first letter
    ("becuase", "howver"), or None. An English word is never taken for another ("through" is
    no "though"), so keep ``words`` to long ones: short words are too like other words."""
    for word in words:
        if (token[:1] == word[:1] and abs(len(token) - len(word)) <= 1
                and DamerauLevenshtein.distance(token, word) == 1 and not is_english(token)):
            return word
    return None


@lru_cache(maxsize=1)
def _english_by_length() -> dict[int, list[str]]:
    """Everyday dictionary words by length, so a misspelling is compared only with words that
    could be within two edits of it."""
    out: dict[int, list[str]] = {}
    for w, n in english_frequency().items():
        if n >= EVERYDAY and w.isalpha() and w.isascii():
            out.setdefault(len(w), []).append(w)
    return out


@lru_cache(maxsize=1)
def _everyday() -> tuple[frozenset[str], str]:
    """Everyday dictionary words, and the letters they are spelt with."""
    words = frozenset(w for ws in _english_by_length().values() for w in ws)
    return words, "".join(sorted(set().union(*words)))


@lru_cache(maxsize=1)
def _english_by_deletion() -> dict[str, tuple[str, ...]]:
    """Everyday dictionary words under themselves and each of their one-letter deletions."""
    index: dict[str, list[str]] = {}
    for words in _english_by_length().values():
        for w in words:
            for key in {w, *(w[:i] + w[i + 1:] for i in range(len(w)))}:
                index.setdefault(key, []).append(w)
    return {k: tuple(v) for k, v in index.items()}


def _near_by_index(keys: set[str]) -> set[str]:
    """Everyday words that are one of ``keys`` or have a one-letter deletion among them."""
    index = _english_by_deletion()
    return {w for k in keys for w in index.get(k, ())}


def _near_by_insertion(keys: set[str]) -> set[str]:
    """The same words as :func:`_near_by_index`, found without its index: a word whose deletion
    is a key is that key with one letter inserted, so every such insertion is looked up."""
    words, letters = _everyday()
    near = keys & words
    for k in keys:
        for i in range(len(k) + 1):
            head, tail = k[:i], k[i:]
            near.update(w for w in (head + c + tail for c in letters) if w in words)
    return near


# Building the deletion index takes about a second (400,000 keys); looking up a word's insertions
# takes a third of a millisecond. The first words of a process are looked up without it (marking
# one essay from the command line builds no index), and the index is built once they add up.
INSERTION_LOOKUPS = 1000
_lookups = 0


@lru_cache(maxsize=20_000)
def nearest_english(word: str, limit: int) -> tuple[tuple[str, int], ...]:
    """Everyday English words within ``limit`` edits of ``word`` (a transposition is one), as
    (word, distance), found SymSpell's way: a word near ``word`` shares a one-letter deletion
    with it (or is it, or one of its deletions). That finds every word one edit away, and two
    edits away where one is an insertion or deletion, in a few dictionary look-ups; scanning
    the whole list instead took milliseconds a word, so an essay of invented words froze the app."""
    global _lookups
    if len(word) > max(_english_by_length()) + limit:
        return ()  # longer than any word it could be near (and its deletions would be huge)
    keys = {word, *(word[:i] + word[i + 1:] for i in range(len(word)))}
    _lookups += 1
    near = _near_by_insertion(keys) if _lookups <= INSERTION_LOOKUPS else _near_by_index(keys)
    return tuple(sorted((w, d) for w in near if (d := DamerauLevenshtein.distance(word, w)) <= limit))


@lru_cache(maxsize=4)
def common_words(top: int = 200) -> frozenset[str]:
    """The ``top`` most frequent English words: too common to identify anything alone."""
    freq = english_frequency()
    return frozenset(sorted(freq, key=freq.__getitem__, reverse=True)[:top])


_BRITISH = ((r"isation(s?)$", r"ization\1"), (r"ise([sd]?)$", r"ize\1"), (r"ising$", r"izing"),
            (r"yse([sd]?)$", r"yze\1"), (r"tre(s?)$", r"ter\1"), (r"bre(s?)$", r"ber\1"))   # fibre
_BRITISH_RES = tuple((re.compile(p), r) for p, r in _BRITISH)


def americanize(word: str, english: frozenset[str]) -> str:
    """The American spelling of a British one (colour, organise, centre), if it is a word."""
    if len(word) >= 6 and word.endswith(("our", "ours", "oured", "ouring")):
        candidate = word.replace("our", "or", 1) if word.count("our") == 1 else word
        if candidate in english:
            return candidate
    for pattern, replacement in _BRITISH_RES:
        candidate = pattern.sub(replacement, word)
        if candidate != word and candidate in english:
            return candidate
    return word


def _deletions(word: str, limit: int) -> set[str]:
    """``word`` and every string made from it by deleting up to ``limit`` characters."""
    out, frontier = {word}, {word}
    for _ in range(limit):
        frontier = {w[:i] + w[i + 1:] for w in frontier for i in range(len(w))}
        out |= frontier
    return out


def _deletion_index(targets: Sequence[str]) -> dict[str, list[int]]:
    """Each deletion variant (up to two characters) -> the targets it comes from.

    Two words within Damerau-Levenshtein distance k share a variant with at most k deletions
    on each side (the symmetric-deletion idea of SymSpell), so a correction compares the word
    with those few targets, not with all of them: an essay of thousands of invented words
    once took seconds."""
    index: dict[str, list[int]] = {}
    for i, target in enumerate(targets):
        for variant in _deletions(target, 1 if len(target) < 6 else 2):
            index.setdefault(variant, []).append(i)
    return index


class Corrector:
    """Corrects misspellings towards ``targets`` (the course vocabulary) or everyday English.

    ``known`` words are trusted as spelt (rubric points, aliases, the lexicon), and so is
    every English word."""

    def __init__(self, known: set[str], targets: Sequence[str], english: frozenset[str]) -> None:
        self._known = known
        self._english = english
        self._targets = list(targets)
        self._longest = max(map(len, self._targets), default=0)

    @cached_property
    def _by_deletion(self) -> dict[str, list[int]]:
        """Built at the first word to correct: most essays' words are spelt right."""
        return _deletion_index(self._targets)

    def correct(self, word: str) -> str:
        """The word meant by a misspelling: the nearest candidate, where the course vocabulary
        wins only between equally near candidates and otherwise the likeliest English word
        (the most frequent) does; a real English word is never changed."""
        if word in self._known or not word.isalpha() or len(word) < 4 or is_english(word, self._english):
            return word
        limit = 1 if len(word) < 8 else 2
        course: list[tuple[str, float]] = []
        if len(word) <= self._longest + limit:  # only course words a few deletions away can be near
            near = sorted({i for variant in _deletions(word, limit) for i in self._by_deletion.get(variant, ())})
            course = [(w, d) for w, d, _ in process.extract(word, [self._targets[i] for i in near],
                                                             scorer=DamerauLevenshtein.distance,
                                                             score_cutoff=limit, limit=None)]
        english = nearest_english(word, limit)
        if not course and not english:
            return word
        closest = min(d for _, d in course + list(english))
        ours = [w for w, d in course if d == closest]
        if ours:
            return ours[0]
        freq = english_frequency()
        # a letter doubled or not is the commonest slip ("stabed", "occured", "untill"): the word
        # it makes wins between equally near ones, before a likelier word a letter away ("stayed")
        return max((w for w, d in english if d == closest), key=lambda w: (_doubling(word, w), freq.get(w, 0), w))
