"""Score every rubric point against every sentence and two-sentence window of an essay.

Build once per rubric (:class:`Matcher`), query per essay. The libraries fit the
models: scikit-learn's ``TfidfVectorizer`` and rank-bm25's ``BM25Plus`` are fitted on
the domain corpus (seed passages plus the rubric's own points), with the project's one
analyzer. Essays are then scored with the fitted IDFs as a few small matrix products,
which gives the same numbers as calling the libraries per sentence (the tests check
this) at a fraction of the cost. The fit is kept as plain arrays (:meth:`Matcher.state`), and a
matcher restored from them (:meth:`Matcher.from_state`) imports none of those libraries.
"""
from __future__ import annotations

import itertools
from collections.abc import Collection, Sequence
from functools import lru_cache
from typing import NamedTuple

import numpy as np
from scipy.sparse import csr_matrix

from .analyze import Analyzer, fold_many, split_tokens
from .corpus import Passage, SeedIndex
from .matchstate import BadMatcherState, MatchConfig, MatcherState, Query, Scores, UnitScores, tfidf_rows
from .pointcheck import PointKeys, build_keys
from .rubric import Rubric
from .subject import evidence_for, notes_reach, reach_scale, subject_topics


class Matcher:
    """A rubric compiled for matching: build once, then :meth:`score` many essays."""

    def __init__(self, rubric: Rubric, index: SeedIndex, config: MatchConfig | None = None,
                 peers: Sequence[Rubric] = ()) -> None:
        from rank_bm25 import BM25Plus  # the libraries that fit: imported only to build
        from sklearn.feature_extraction.text import TfidfVectorizer

        self.rubric = rubric
        self.config = cfg = config or MatchConfig()
        self.passages = index.passages
        rubric_texts = [rubric.question] + [t for p in rubric.points for t in (p.text, *p.aliases)]
        self.analyzer = an = Analyzer(vocabulary=rubric_texts,
                                      corpus=[p.text for p in index.passages])
        self.evidence: tuple[Passage | None, ...] = tuple(evidence_for(p, index) for p in rubric.points)
        self.queries = _queries(rubric, self.evidence)
        docs = [p.text for p in index.passages] + [" ".join((p.text, *p.aliases)) for p in rubric.points]
        self.tfidf = TfidfVectorizer(analyzer=an).fit(docs)
        self.bm25 = BM25Plus([an(d) or ["_"] for d in docs], k1=cfg.k1, b=cfg.b, delta=0.0)
        self.bm25_idf: dict[str, float] = self.bm25.idf
        self._compile(an)
        self._compile_topics(peers, index)
        self.keys: PointKeys = build_keys(rubric, an.term, an, self.bm25.idf)
        self._others: dict[tuple[str, ...], csr_matrix] = {}
        self.scale = 1.0
        self.scale = reach_scale(notes_reach(self.sentence_table, index))

    @classmethod
    def from_state(cls, rubric: Rubric, state: MatcherState, passages: Sequence[Passage],
                   config: MatchConfig | None = None) -> Matcher:
        """The matcher whose :meth:`state` this is, for the same rubric, seed passages and config:
        the same scores, without fitting (so without scikit-learn, rank-bm25 or NLTK).
        ``BadMatcherState`` when the state cannot be this rubric's."""
        m = cls.__new__(cls)
        m.rubric, m.config, m.passages = rubric, config or MatchConfig(), tuple(passages)
        if len(state.evidence) != len(rubric.points) or max(state.evidence, default=-1) >= len(m.passages):
            raise BadMatcherState("evidence for other points or passages")
        m.evidence = tuple(None if i < 0 else m.passages[i] for i in state.evidence)
        m.queries = _queries(rubric, m.evidence)
        if len(m.queries) != len(state.q_top):
            raise BadMatcherState("queries of another rubric")
        m.analyzer = Analyzer.from_state(state.analyzer)
        m.bm25_idf, m.keys, m.scale = state.bm25_idf, state.keys, state.scale
        m.topics, m.own_topic, m.topic_profiles = state.topics, state.own_topic, state.topic_profiles
        m._fitted({t: i for i, t in enumerate(state.domain)}, state.idf, state.vocab, state.w_bm25,
                  state.w_tfidf, state.q_top)
        m._others = {}
        return m

    def state(self) -> MatcherState:
        """What fitting produced, as plain arrays and dicts: :meth:`from_state` takes it back."""
        at = {id(p): i for i, p in enumerate(self.passages)}
        return MatcherState(tuple(sorted(self.domain, key=self.domain.__getitem__)), self.tf_idf, self.bm25_idf,
                            tuple(self.vocab), self.w_bm25, self.w_tfidf, self.q_top,
                            tuple(-1 if p is None else at[id(p)] for p in self.evidence), self.topics,
                            self.own_topic, self.topic_profiles, self.keys, self.scale, self.analyzer.state())

    def _compile(self, an: Analyzer) -> None:
        cfg = self.config
        question_terms = set(an(self.rubric.question))
        q_terms = [an(q.text) for q in self.queries]
        vocab = sorted({t for terms in q_terms for t in terms})
        index = {t: i for i, t in enumerate(vocab)}
        domain = self.tfidf.vocabulary_
        V, Q = len(vocab), len(self.queries)
        w_bm25, w_tfidf, q_top = np.zeros((V, Q)), np.zeros((V, Q)), np.ones(Q)
        for q, terms in enumerate(q_terms):
            uniq = sorted(set(terms))
            if not uniq:
                continue
            weights = np.array([self.bm25.idf.get(t, 0.0) * (cfg.question_weight if t in question_terms else 1.0)
                                for t in uniq])
            q_top[q] = np.sort(weights)[::-1][:cfg.top_terms].sum() or 1.0
            rows = [index[t] for t in uniq]
            w_bm25[rows, q] = weights
            vec = self.tfidf.transform([self.queries[q].text]).toarray()[0]
            norm = np.linalg.norm(vec)
            if norm > 0:
                w_tfidf[rows, q] = [vec[domain[t]] / norm for t in uniq]
        self._fitted(domain, self.tfidf.idf_, vocab, w_bm25, w_tfidf, q_top)

    def _fitted(self, domain: dict[str, int], idf: np.ndarray, vocab: Sequence[str], w_bm25: np.ndarray,
                w_tfidf: np.ndarray, q_top: np.ndarray) -> None:
        """What scoring reads, from what fitting gave (or a stored state holds)."""
        cfg = self.config
        self.domain, self.tf_idf, self.vocab = domain, idf, {t: i for i, t in enumerate(vocab)}
        self.w_bm25, self.w_tfidf, self.q_top = w_bm25, w_tfidf, q_top
        V, Q = len(vocab), len(self.queries)
        self.v_idf_tfidf = np.array([idf[domain[t]] for t in vocab]) if V else np.zeros(0)
        discount = {"text": 1.0, "alias": cfg.alias_discount, "evidence": cfg.evidence_discount}
        self.q_discount = np.array([discount[q.kind] for q in self.queries])
        # The blend's per-query factors folded into the weights, so that scoring makes three
        # passes over the (units x queries) arrays instead of six: BM25 coverage is divided by
        # the query's top-term weight before it is capped at 1, and the cosine's share and
        # the discount are linear.
        self.w_coverage = self.w_bm25 / self.q_top
        self.w_cosine = self.w_tfidf * ((1 - cfg.alpha) * self.q_discount)
        self.q_weight = cfg.alpha * self.q_discount
        points = np.array([q.point for q in self.queries])
        # Each point's queries, as columns [start, end): every point has one, its own text.
        starts = np.flatnonzero(np.r_[True, points[1:] != points[:-1]]).tolist() if Q else []
        self.q_groups = tuple(zip(starts, starts[1:] + [Q]))
        self._memo: dict[str, int] = {}
        # Domain index -> vocabulary index (-1: no query uses the term). Both vocabularies are
        # sorted, so this keeps order: counts by domain term give counts by query term for free.
        self._d2v = np.full(len(domain), -1, dtype=np.int32)
        for t, v in self.vocab.items():
            if t in domain:  # always, as the queries are among the documents fitted
                self._d2v[domain[t]] = v

    def _compile_topics(self, peers: Sequence[Rubric], index: SeedIndex) -> None:
        self.topics, self.own_topic, self.topic_profiles = subject_topics(
            self.rubric, self.evidence, peers, index, self.tfidf)

    def similarity(self, text: str, others: Sequence[str]) -> list[float]:
        """TF-IDF cosine of ``text`` with each of ``others`` (rows are L2-normalised). The same
        few rejected and credited sentences are compared with every essay: vectorised once."""
        key = tuple(others)
        rows = self._others.get(key)
        if rows is None:
            rows = self._others[key] = tfidf_rows(key, self.analyzer, self.domain, self.tf_idf)
        return (rows @ tfidf_rows([text], self.analyzer, self.domain, self.tf_idf).T).toarray().ravel().tolist()

    def _code(self, token: str) -> int:
        """Token -> the index of its term in the domain vocabulary, memoised per matcher: -1 for
        a term outside it, -2 for a stop word."""
        term = self.analyzer.term(token)
        code = -2 if term is None else self.domain.get(term, -1)
        if len(self._memo) < 500_000:
            self._memo[token] = code
        return code

    def components(self, sentences: Sequence[str]) -> UnitScores:
        """BM25 and TF-IDF cosine of every query against each sentence and adjacent pair."""
        return self._components(self.tokenize([sentences]))[0]

    @staticmethod
    def tokenize(essays: Sequence[Sequence[str]]) -> list[list[list[str]]]:
        """Raw tokens (before stop words, spelling and stems) of each sentence of each essay,
        from one tokenizer pass over them all."""
        flat = [s for e in essays for s in e]
        per_sentence = split_tokens(fold_many(flat)) if flat else []
        out, at = [], 0
        for e in essays:
            out.append(per_sentence[at:at + len(e)])
            at += len(e)
        return out

    def _components(self, essays: Sequence[Sequence[Sequence[str]]]) -> list[UnitScores]:
        """:meth:`components` for many tokenized essays at once."""
        c = self._chunk(essays)
        bm25, cosine = c.bm25 @ self.w_bm25, c.cosine @ self.w_tfidf
        out = []
        for e in range(len(essays)):
            b, n = int(c.base[e]), int(c.n_units[e])
            out.append(UnitScores(_units(int(c.sizes[e])), bm25[b:b + n], cosine[b:b + n],
                                  c.unit_terms[e], c.relevant[e], c.tokens[e], c.topics[e], c.windows[b:b + n]))
        return out

    def _chunk(self, essays: Sequence[Sequence[Sequence[str]]]) -> _Chunk:
        """Every unit of many tokenized essays as weighted query terms, ready to be scored
        against every query: one set of array operations for the lot, which is what makes
        batch marking fast."""
        cfg = self.config
        E, V, D = len(essays), len(self.vocab), len(self.tf_idf)
        sizes = np.array([len(e) for e in essays], dtype=np.int64)
        S = int(sizes.sum())
        per_sentence = list(itertools.chain.from_iterable(essays))
        flat = list(itertools.chain.from_iterable(per_sentence))  # in C, unlike a nested comprehension
        memo = self._memo
        try:  # once warm, every token is in the memo: one lookup each, in C, straight into numpy
            codes = np.fromiter(map(memo.__getitem__, flat), dtype=np.int64, count=len(flat))
        except KeyError:
            codes = np.array([memo[t] if t in memo else self._code(t) for t in flat], dtype=np.int64)
        tokens_per_sentence = np.fromiter(map(len, per_sentence), dtype=np.int64, count=S)
        sids = np.repeat(np.arange(S), tokens_per_sentence)
        lengths = np.bincount(sids[codes != -2], minlength=S).astype(float)  # content terms
        keep = codes >= 0
        sid_a, d_a = sids[keep], codes[keep]
        # Layout: each essay's sentences, then its windows (sentence i with i+1), side by side.
        essay_of = np.repeat(np.arange(E), sizes)
        first = np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(np.int64)
        n_units = np.where(sizes > 0, 2 * sizes - 1, 0)
        base = np.concatenate([[0], np.cumsum(n_units)[:-1]]).astype(np.int64)
        local = np.arange(S) - first[essay_of]
        sent_unit = base[essay_of] + local
        has_left = local < sizes[essay_of] - 1          # a window starts at this sentence
        win_unit = sent_unit + sizes[essay_of]           # the window starting here
        U = int(n_units.sum())
        left, right = has_left[sid_a], local[sid_a] >= 1
        unit = np.concatenate([sent_unit[sid_a], win_unit[sid_a[left]], win_unit[sid_a[right] - 1]])
        ud = np.concatenate([d_a, d_a[left], d_a[right]])
        ulen = np.zeros(U)
        ulen[sent_unit] = lengths
        ulen[win_unit[has_left]] = lengths[has_left] + lengths[np.flatnonzero(has_left) + 1]
        is_window = np.ones(U, bool)
        is_window[sent_unit] = False
        # TF-IDF norms over every domain term of the unit (as sklearn's l2 norm would be).
        keys, tf = _counts(unit * D + ud, U * D)
        rows, cols = keys // D, keys % D
        norms = np.sqrt(np.bincount(rows, weights=(tf * self.tf_idf[cols]) ** 2, minlength=U))
        # The unit x vocabulary count matrix is ~98% zeros: work on its non-zeros only.
        cols = self._d2v[cols]
        inv = cols >= 0
        rows, cols, tf = rows[inv], cols[inv], tf[inv]
        norm_len = cfg.k1 * (1 - cfg.b + cfg.b * ulen / cfg.avgdl)
        sat = tf * (cfg.k1 + 1) / (tf + norm_len[rows])
        indptr = np.searchsorted(rows, np.arange(U + 1))
        bm25 = csr_matrix((sat, cols, indptr), shape=(U, V))
        weight = tf * self.v_idf_tfidf[cols] / norms[rows]
        cos = csr_matrix((weight, cols, indptr), shape=(U, V))
        # Per essay: topic similarity and counts.
        essay_tok = essay_of[sid_a]
        # A chunk's essays x domain terms is small enough to count densely: no sort needed.
        bag = np.bincount(essay_tok * D + d_a, minlength=E * D).reshape(E, D) * self.tf_idf
        bag_norm = np.sqrt(np.einsum("ij,ij->i", bag, bag))
        topic_sims = ((bag @ self.topic_profiles.T) / np.maximum(bag_norm, 1e-12)[:, None]).tolist()
        topics = [tuple(zip(self.topics, sims)) for sims in topic_sims]
        unit_terms = np.bincount(essay_of, weights=lengths, minlength=E).astype(int).tolist()
        relevant = np.bincount(essay_tok[self._d2v[d_a] >= 0], minlength=E).tolist()
        n_tokens = np.bincount(essay_of, weights=tokens_per_sentence, minlength=E).astype(int).tolist()
        foreign = np.bincount(essay_of[sids[codes == -1]], minlength=E).tolist()
        return _Chunk(sizes, base, n_units, bm25, cos, is_window, unit_terms, relevant, n_tokens, topics, foreign)

    def score(self, sentences: Sequence[str]) -> Scores:
        """Blend the two scores, keep each point's best query, and find its best unit."""
        return self.score_many([sentences])[0]

    def sentence_table(self, sentences: Sequence[str]) -> np.ndarray:
        """Each sentence scored alone against each point: a (sentences, points) array."""
        return np.array([s.point_scores for s in self.score_many([[s] for s in sentences])])

    def score_many(self, essays: Sequence[Sequence[str]],
                   tokens: Sequence[Sequence[Sequence[str]]] | None = None,
                   breaks: Sequence[Collection[int]] | None = None) -> list[Scores]:
        """:meth:`score` for many essays (each a list of sentences) in one pass; ``tokens``
        (from :meth:`tokenize`) saves tokenizing them again; ``breaks`` (per essay, the ``i``
        where a paragraph ends after sentence ``i``) keeps a two-sentence window from joining
        sentences of two paragraphs."""
        cfg = self.config
        P = len(self.rubric.points)
        if not self.queries:
            return [Scores(tuple(e), (), np.zeros(P), np.zeros(P, int)) for e in essays]
        c = self._chunk(tokens if tokens is not None else self.tokenize(essays))
        U = c.bm25.shape[0]
        if not U:
            return [Scores(tuple(e), (), np.zeros(P), np.zeros(P, int), c.unit_terms[i], c.relevant[i],
                           c.tokens[i], c.topics[i], foreign_terms=c.foreign[i]) for i, e in enumerate(essays)]
        per_point = np.empty((P, U))  # each point's best query, unit by unit
        # A block of units at a time: one essay of 25,000 bullets holds 50,000 units, whose whole
        # (units, queries) tables took a second of fresh memory to build; a class set's chunk is one block.
        for lo in range(0, U, UNIT_BLOCK):
            hi = min(U, lo + UNIT_BLOCK)
            # (Slicing a sparse matrix copies it: a chunk that is one block is used as it is.)
            bm25, cosine = (c.bm25, c.cosine) if hi - lo == U else (c.bm25[lo:hi], c.cosine[lo:hi])
            hybrid = bm25 @ self.w_coverage  # coverage: BM25 over the top-term weight
            np.minimum(hybrid, 1.0, out=hybrid)
            hybrid *= self.q_weight
            hybrid += cosine @ self.w_cosine
            # Queries as rows: a point's best query is then a maximum down a few long rows
            # (a third of the time of numpy's reduceat across many short ones).
            hybrid = np.ascontiguousarray(hybrid.T)
            for p, (start, end) in enumerate(self.q_groups):
                hybrid[start:end].max(axis=0, out=per_point[p, lo:hi])
        # The window discount after each point's best query: the same numbers (a positive
        # factor keeps the maximum), on a sixth of the array.
        per_point[:, c.windows] *= cfg.window_discount
        if breaks is not None:  # a window across a paragraph break is no unit of meaning
            apart = [b + size + i for b, size, ends in zip(c.base.tolist(), c.sizes.tolist(), breaks)
                     for i in ends if i < size - 1]
            if apart:
                per_point[:, apart] = 0.0
        out = []
        rows = np.arange(P)
        for e, (sentences, b, n, size) in enumerate(zip(essays, c.base.tolist(), c.n_units.tolist(),
                                                        c.sizes.tolist())):
            seg = per_point[:, b:b + n]
            if n:
                best = seg.argmax(axis=1)
                top = np.minimum(seg[rows, best] / self.scale, 1.0)
            else:
                best, top = np.zeros(P, int), np.zeros(P)
            out.append(Scores(tuple(sentences), _units(size), top, best, c.unit_terms[e],
                              c.relevant[e], c.tokens[e], c.topics[e], seg, c.foreign[e]))
        return out


UNIT_BLOCK = 8192  # units scored at once (see score_many)


class _Chunk(NamedTuple):
    """A chunk of essays' units (sentences and windows) as weighted query terms, essay after essay."""

    sizes: np.ndarray      # sentences per essay
    base: np.ndarray       # each essay's first unit
    n_units: np.ndarray
    bm25: csr_matrix       # (units, query terms): BM25 term saturation; @ w_bm25 gives BM25
    cosine: csr_matrix     # (units, query terms): l2-normalised TF-IDF; @ w_tfidf gives the cosine
    windows: np.ndarray    # (units,) the unit is a window of two sentences
    unit_terms: list[int]
    relevant: list[int]
    tokens: list[int]
    topics: list[tuple[tuple[str, float], ...]]  # each essay's cosine with each topic
    foreign: list[int]     # each essay's content terms that no document fitted on uses


def _queries(rubric: Rubric, evidence: Sequence[Passage | None]) -> tuple[Query, ...]:
    """Each point's ways of being stated: its text, its aliases, and the passage it cites."""
    queries: list[Query] = []
    for i, (p, seed) in enumerate(zip(rubric.points, evidence)):
        queries.append(Query(i, "text", p.text))
        queries.extend(Query(i, "alias", a) for a in p.aliases)
        if seed is not None:
            queries.append(Query(i, "evidence", seed.text))
    return tuple(queries)


def _counts(keys: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:
    """The distinct keys (each below ``size``) and how often each occurs, as ``np.unique``
    gives them; on 32-bit keys when they fit, which sorts about twice as fast."""
    if size < 2**31:
        keys = keys.astype(np.int32)
    return np.unique(keys, return_counts=True)


@lru_cache(maxsize=512)
def _units(n: int) -> tuple[tuple[int, ...], ...]:
    """Sentence indices of each unit of an n-sentence essay: sentences, then windows."""
    return tuple((i,) for i in range(n)) + tuple((i, i + 1) for i in range(n - 1))
