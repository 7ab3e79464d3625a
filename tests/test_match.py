"""The vectorised scores must equal what rank-bm25 and scikit-learn compute themselves."""
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rank_bm25 import BM25Plus
from sklearn.metrics.pairwise import cosine_similarity

from essaycoach.match import MatchConfig, Matcher

SENTENCES = [
    "Trotsky failed to publish Lenin's testament, which called Stalin rude.",
    "Trotksy missed Lenin's funeral in January 1924.",
    "Stalin used his job as General Secretary to appoint loyal supporters.",
    "The weather in Moscow was cold.",
]


@pytest.fixture(scope="module")
def matcher(engine, trotsky):
    return Matcher(trotsky, engine.index, MatchConfig(question_weight=1.0))


def test_bm25_equals_rank_bm25_for_every_query(matcher):
    parts = matcher.components(SENTENCES)
    an = matcher.analyzer
    ref = BM25Plus([an(s) for s in SENTENCES], k1=matcher.config.k1, b=matcher.config.b, delta=0.0)
    ref.idf = dict(matcher.bm25.idf)  # the IDF fitted on the domain corpus
    ref.avgdl = matcher.config.avgdl
    for q, query in enumerate(matcher.queries):
        expected = ref.get_scores(sorted(set(an(query.text))))
        np.testing.assert_allclose(parts.bm25[:len(SENTENCES), q], expected, rtol=1e-9, atol=1e-12)


def test_cosine_equals_sklearn(matcher):
    parts = matcher.components(SENTENCES)
    X = matcher.tfidf.transform(SENTENCES)
    Qm = matcher.tfidf.transform([q.text for q in matcher.queries])
    np.testing.assert_allclose(parts.cosine[:len(SENTENCES)], cosine_similarity(X, Qm), atol=1e-9)


def test_query_terms_keep_their_order_among_domain_terms(engine, all_rubrics):
    # Counting by domain term and reading off query terms must give the order a count by query
    # term gives: then the sparse products add the same numbers in the same order.
    for rubric in all_rubrics:
        m = engine.matcher(rubric)
        assert set(m.vocab) <= set(m.domain), rubric.id
        mapped = m._d2v[m._d2v >= 0]
        assert sorted(mapped) == list(mapped) == list(range(len(m.vocab))), rubric.id


def test_windows_are_the_union_of_two_sentences(matcher):
    parts = matcher.components(SENTENCES)
    X = matcher.tfidf.transform([SENTENCES[0] + " " + SENTENCES[1]])
    Qm = matcher.tfidf.transform([q.text for q in matcher.queries])
    assert parts.units[len(SENTENCES)] == (0, 1)
    np.testing.assert_allclose(parts.cosine[len(SENTENCES)], cosine_similarity(X, Qm)[0], atol=1e-9)


def test_hand_computed_bm25_score(matcher):
    # A one-word sentence holding one query term once:
    # idf * tf(k1 + 1) / (tf + k1(1 - b + b * len / avgdl)), with BM25+'s idf = log((N + 1) / df).
    docs = matcher.bm25.doc_freqs
    idf = math.log((len(docs) + 1) / sum("testament" in d for d in docs))
    k1, b, avgdl = matcher.config.k1, matcher.config.b, matcher.config.avgdl
    expected = idf * (k1 + 1) / (1 + k1 * (1 - b + b * 1 / avgdl))
    col = next(i for i, q in enumerate(matcher.queries) if "testament" in matcher.analyzer(q.text))
    assert matcher.components(["testament"]).bm25[0, col] == pytest.approx(expected)


def test_bm25plus_idf_is_positive_even_for_common_terms(matcher):
    assert min(matcher.bm25.idf.values()) > 0


def test_two_sentence_essay_is_scored(engine, trotsky):
    # BM25Okapi would give zero IDF to a term in one of two sentences; our IDF comes from the
    # domain corpus, so a two-sentence essay still finds its points.
    report = engine.grade("Trotsky failed to publish Lenin's testament. He missed the funeral.", trotsky)
    made = {p.id for p in report.points if p.status != "missing"}
    assert len(made) >= 2


@settings(max_examples=40, deadline=None)
@given(st.lists(st.text(max_size=120), max_size=6))
def test_scores_are_finite_and_in_range(matcher, sentences):
    scores = matcher.score(sentences)
    assert np.all(np.isfinite(scores.point_scores))
    assert np.all((scores.point_scores >= 0) & (scores.point_scores <= 1.0 + 1e-9))


def test_unit_scores_hold_each_points_best_unit_and_score(engine, trotsky):
    """The per-unit table the engine reads for a stand-in sentence agrees with the best unit and
    score of each point, essay by essay, when many essays are scored in one pass."""
    from conftest import ROOT

    from essaycoach.evaluation import load_labelled
    from essaycoach.sentences import split_sentences

    m = engine.matcher(trotsky)
    essays = [[s.text for s in split_sentences(e.text)]
              for e in load_labelled(ROOT / "tests" / "data" / "devset" / "trotsky-errors.yaml")]
    for sentences, scores in zip(essays, m.score_many(essays)):
        table = scores.unit_scores
        assert table.shape == (len(trotsky.points), len(scores.units))
        np.testing.assert_array_equal(table.argmax(axis=1), scores.best_unit)
        np.testing.assert_allclose(np.minimum(table.max(axis=1) / m.scale, 1.0), scores.point_scores)
        alone = m.score(sentences)  # scored alone, the same table
        np.testing.assert_allclose(alone.unit_scores, table)


@pytest.mark.parametrize("block", [1, 7, 64])
def test_scoring_units_block_by_block_gives_the_same_tables(engine, trotsky, monkeypatch, block):
    """A long essay's units are scored a block at a time (match.UNIT_BLOCK): the same scores,
    and best units as all at once, blocks that cut an essay or a window included."""
    from conftest import ROOT

    from essaycoach import match
    from essaycoach.evaluation import load_labelled
    from essaycoach.sentences import split_sentences

    m = engine.matcher(trotsky)
    essays = [[s.text for s in split_sentences(e.text)]
              for e in load_labelled(ROOT / "tests" / "data" / "devset" / "trotsky-errors.yaml")]
    whole = m.score_many(essays)
    monkeypatch.setattr(match, "UNIT_BLOCK", block)
    for a, b in zip(whole, m.score_many(essays)):
        np.testing.assert_array_equal(a.unit_scores, b.unit_scores)
        np.testing.assert_array_equal(a.best_unit, b.best_unit)
        np.testing.assert_array_equal(a.point_scores, b.point_scores)
