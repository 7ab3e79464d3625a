"""The misspelling look-up finds the same English words with or without its deletion index."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from essaycoach import spelling
from essaycoach.spelling import _near_by_index, _near_by_insertion


def _keys(word: str) -> set[str]:
    return {word, *(word[:i] + word[i + 1:] for i in range(len(word)))}


@pytest.mark.parametrize("word", ["goverment", "stallin", "trotskyy", "recieve", "buld", "wsa", "lenins",
                                  "beleive", "xqzv", "collectivisation", "procurment", "untill", "a", "",
                                  "opposistion", "teh", "purgez", "thier", "stalin", "kulak"])
def test_insertions_find_what_the_index_finds(word):
    assert _near_by_insertion(_keys(word)) == _near_by_index(_keys(word))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="abcdeilnorstuyz", min_size=1, max_size=12))
def test_insertions_find_what_the_index_finds_for_any_word(word):
    assert _near_by_insertion(_keys(word)) == _near_by_index(_keys(word))


def test_nearest_english_is_the_same_before_and_after_the_index_is_built(monkeypatch):
    words = ["goverment", "procurment", "opposistion", "beleive", "stallin"]
    monkeypatch.setattr(spelling, "INSERTION_LOOKUPS", 10**9)
    spelling.nearest_english.cache_clear()
    without = [spelling.nearest_english(w, 2) for w in words]
    monkeypatch.setattr(spelling, "INSERTION_LOOKUPS", 0)
    spelling.nearest_english.cache_clear()
    assert [spelling.nearest_english(w, 2) for w in words] == without
    assert ("government", 1) in without[0]


def _english_share_plainly(text: str, own: frozenset[str]) -> tuple[float, int]:
    """english_share without the dictionary, word by word as its docstring says."""
    words = spelling.LETTERS.findall(text.lower())
    weight = [min(len(w), spelling.LONGEST_WORD) if w.isascii() else len(w) for w in words]
    english = sum(n for w, n in zip(words, weight) if w in own)
    return (english / sum(weight) if sum(weight) else 1.0), sum(weight)


_OWN = frozenset({"stalin", "trotsky", "the", "was", "purges", "x" * 31})


@given(st.lists(st.sampled_from(["Stalin", "TROTSKY", "the", "was", "purges", "blorp", "x" * 31, "y" * 40,
                                 "Сталин", "汉字", "42", ",", "\n"]), max_size=30).map(" ".join))
def test_english_share_without_the_dictionary_counts_as_word_by_word(text):
    # the counting done in C for most answers, against the plain reading of every word
    assert spelling.english_share(text, _OWN, dictionary=False) == pytest.approx(_english_share_plainly(text, _OWN))


@pytest.mark.parametrize("path", sorted(Path(__file__).parent.joinpath("data", "devset").glob("*.yaml"))[:3])
def test_english_share_without_the_dictionary_on_dev_essays(path):
    from essaycoach.evaluation import load_labelled
    own = frozenset({"stalin", "trotsky", "the", "and", "of", "to", "was", "lenin", "party"})
    for essay in load_labelled(path):
        assert spelling.english_share(essay.text, own, dictionary=False) == pytest.approx(
            _english_share_plainly(essay.text, own))


@pytest.mark.parametrize("word, english", [
    # a word coined with "un" or "non" is spelt right: corrected, it would lose the prefix that denies
    ("unrenewable", True), ("nonreliable", True), ("unrenewables", True),
    ("unrenwable", False), ("untill", False), ("unitl", False),
])
def test_a_word_coined_with_a_denying_prefix_is_english(word, english):
    assert spelling.is_english(word) is english


@pytest.mark.parametrize("word, english", [
    # an adjective takes no "-s": "vains" is "veins" misspelt (probe 110); a noun's or a verb's "-s" is a word
    ("vains", False), ("vagues", False),
    ("attaches", True), ("greens", True), ("highs", True), ("reals", True),
])
def test_an_inflection_is_english_only_where_its_root_takes_it(word, english):
    assert spelling.is_english(word) is english
