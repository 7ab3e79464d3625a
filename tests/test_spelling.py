"""The misspelling look-up finds the same English words with or without its deletion index."""
from __future__ import annotations

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
