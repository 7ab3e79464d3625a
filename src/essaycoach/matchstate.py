"""The matcher's plain data: its knobs, what it finds in an essay, its fitted state; and TF-IDF
written as its formula.

Fitting a rubric's matcher takes scikit-learn, rank-bm25 and NLTK, whose imports alone take
two seconds. What the fit produces is a few arrays and dicts: :class:`MatcherState`. A shell
may keep it (``cache.py`` does, as ``.npz``) and give it back, so that marking needs none of
those libraries. :func:`to_arrays` and :func:`from_arrays` turn a state into named numpy
arrays and back; :func:`from_arrays` trusts nothing it reads (:class:`BadMatcherState`).
"""
from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy.sparse import csr_matrix

from .analyze import AnalyzerState
from .comparison import Change, Ranking
from .pointcheck import PointKeys

FORMAT = 99  # bumped whenever the arrays or their meaning change


@dataclass(frozen=True)
class MatchConfig:
    """Knobs of the hybrid score; defaults were set on the dev set, not per point."""

    k1: float = 1.2
    b: float = 0.5
    alpha: float = 0.5           # share of BM25 coverage in the hybrid (the rest is TF-IDF cosine)
    top_terms: int = 3           # a query is fully matched by its K most distinctive terms
    question_weight: float = 0.3  # terms the question itself uses say little about a point
    alias_discount: float = 1.0     # kept as a knob: bench/tune.py found no gain in discounting aliases
    evidence_discount: float = 0.6
    window_discount: float = 0.92
    avgdl: float = 12.0          # typical content terms in a sentence


@dataclass(frozen=True)
class Query:
    """One way of stating a point: its text, an alias, or its seed evidence."""

    point: int
    kind: str  # "text" | "alias" | "evidence"
    text: str


@dataclass(frozen=True)
class UnitScores:
    """Per-unit, per-query scores before they are blended: the parts the tests check."""

    units: tuple[tuple[int, ...], ...]  # sentence indices of each unit
    bm25: np.ndarray     # (units, queries) raw BM25+ (delta 0) with the fitted IDF
    cosine: np.ndarray   # (units, queries) TF-IDF cosine, as sklearn would compute it
    unit_terms: int
    relevant_terms: int
    tokens: int = 0                     # every word token, stop words included
    topics: tuple[tuple[str, float], ...] = ()  # essay-to-topic cosine, for the off-topic check
    windows: np.ndarray = field(default_factory=lambda: np.zeros(0, bool), repr=False)  # unit is a window


@dataclass(frozen=True)
class Scores:
    """Raw match of one essay: best score, best unit and per-unit scores for each point."""

    sentences: tuple[str, ...]
    units: tuple[tuple[int, ...], ...]  # sentence indices of each unit
    point_scores: np.ndarray = field(repr=False)  # (points,)
    best_unit: np.ndarray = field(repr=False)     # (points,) index into units
    unit_terms: int = 0       # content terms in the essay
    relevant_terms: int = 0   # of which are in the rubric's vocabulary
    tokens: int = 0           # every word token, stop words included
    topics: tuple[tuple[str, float], ...] = ()
    unit_scores: np.ndarray | None = field(default=None, repr=False)  # (points, units) before the reach scale
    foreign_terms: int = 0    # of the content terms, those neither the notes nor the rubric use


class BadMatcherState(ValueError):
    """Stored matcher state that is not what this code would have built: stale or damaged."""


@dataclass(frozen=True, eq=False)
class MatcherState:
    """What fitting a rubric's matcher produced (see ``Matcher.state``)."""

    domain: tuple[str, ...]         # TF-IDF vocabulary, in column order
    idf: np.ndarray                 # (domain,) TF-IDF inverse document frequency
    bm25_idf: dict[str, float]      # rank-bm25's IDF over the same documents
    vocab: tuple[str, ...]          # the queries' terms, sorted: rows of the weights
    w_bm25: np.ndarray              # (vocab, queries) BM25 weight of each term in each query
    w_tfidf: np.ndarray             # (vocab, queries) l2-normalised TF-IDF of each query
    q_top: np.ndarray               # (queries,) weight of each query's top terms
    evidence: tuple[int, ...]       # per point, the passage it cites (index into the seed passages) or -1
    topics: tuple[str, ...]
    own_topic: str
    topic_profiles: np.ndarray      # (topics, domain) TF-IDF profile of each topic
    keys: PointKeys
    scale: float
    analyzer: AnalyzerState


def tfidf_rows(texts: Sequence[str], analyze: Callable[[str], list[str]], domain: Mapping[str, int],
               idf: np.ndarray) -> csr_matrix:
    """TF-IDF rows of ``texts`` as a fitted ``TfidfVectorizer.transform`` gives them with its
    default settings: each term of the vocabulary counted, times its idf, and the row divided by
    its Euclidean length (a row with no such term stays zero)."""
    data: list[float] = []
    cols: list[int] = []
    indptr = [0]
    for text in texts:
        counts: dict[int, int] = {}
        for t in analyze(text):
            col = domain.get(t)
            if col is not None:
                counts[col] = counts.get(col, 0) + 1
        row = sorted(counts)
        weights = np.array([counts[c] for c in row], dtype=float) * idf[row]
        norm = math.sqrt(float(weights @ weights)) if row else 0.0
        data.extend((weights / norm).tolist() if norm > 0 else weights.tolist())
        cols.extend(row)
        indptr.append(len(cols))
    return csr_matrix((np.array(data, dtype=float), np.array(cols, dtype=np.int64), np.array(indptr)),
                      shape=(len(texts), len(idf)))


_ARRAYS = ("idf", "w_bm25", "w_tfidf", "q_top", "topic_profiles")


def to_arrays(state: MatcherState) -> dict[str, np.ndarray]:
    """The state as named arrays (for ``numpy.savez``): the numbers as they are, the rest as
    one JSON text in bytes, so that loading needs no pickle."""
    k, a = state.keys, state.analyzer
    meta = {
        "format": FORMAT, "domain": state.domain, "vocab": state.vocab, "bm25_idf": state.bm25_idf,
        "evidence": state.evidence, "topics": state.topics, "own_topic": state.own_topic, "scale": state.scale,
        "keys": {"weights": k.weights, "key": [sorted(s) for s in k.key], "rare": [sorted(s) for s in k.rare],
                 "sharers": k.sharers, "statements": k.statements, "negative": sorted(k.negative),
                 "denied": [sorted(s) for s in k.denied],
                 "restating": [[sorted(s) for s in point] for point in k.restating],
                 "naming": sorted(k.naming), "empty": sorted(k.empty),
                 "phrases": [[list(run) for run in point] for point in k.phrases],
                 "dismissed": [sorted(d) for d in k.dismissed],
                 "ranked": [[[sorted(r.over), sorted(r.under), r.word, r.scale] for r in point] for point in k.ranked],
                 "changed": [[[[c.term, c.way, sorted(c.context), c.word, c.cause] for c in st] for st in point]
                             for point in k.changed],
                 "causes": [sorted(c) for c in k.causes],
                 "actors": [sorted(a) for a in k.actors], "actor_names": list(k.actor_names),
                 "denied_claims": [[[sorted(claim), sorted(instead)] for claim, instead in point]
                                   for point in k.denied_claims],
                 "pairings": [[[sorted(one), sorted(other), sorted(both)] for one, other, both in point]
                              for point in k.pairings],
                 "primacy": [[[sorted(said), denied, words] for said, denied, words in point] for point in k.primacy],
                 "opposed": [[list(o) for o in point] for point in k.opposed],
                 "flows": [[[sorted(source), sorted(goal), words] for source, goal, words in point]
                           for point in k.flows],
                 "objects": [sorted(o) for o in k.objects], "low": list(k.low), "spelt": list(k.spelt),
                 "prevented": [sorted(t) for t in k.prevented], "subjects": [sorted(t) for t in k.subjects],
                 "numbers": [sorted(map(list, n)) for n in k.numbers],
                 "openly_denied": [sorted(t) for t in k.openly_denied]},
        "analyzer": {"trusted": a.trusted, "targets": a.targets, "terms": a.terms, "stems": a.stems},
    }
    out = {name: np.asarray(getattr(state, name), dtype=float) for name in _ARRAYS}
    out["meta"] = np.frombuffer(json.dumps(meta, ensure_ascii=False).encode("utf-8"), dtype=np.uint8)
    return out


def from_arrays(arrays: Mapping[str, np.ndarray]) -> MatcherState:
    """The state :func:`to_arrays` gave, every field checked for type and shape.

    Raises
    ------
    BadMatcherState
        Something is missing, of the wrong kind or shape, or from another format.
    """
    try:
        meta = json.loads(bytes(np.asarray(arrays["meta"], dtype=np.uint8)).decode("utf-8"))
        nums = {name: np.asarray(arrays[name]) for name in _ARRAYS}
    except (KeyError, ValueError, TypeError) as exc:
        raise BadMatcherState(f"unreadable state ({exc.__class__.__name__})") from None
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        raise BadMatcherState("state of another format")
    for name, array in nums.items():
        if array.dtype != np.float64 or not np.isfinite(array).all():
            raise BadMatcherState(f"{name}: not finite floats")
    domain, vocab, topics = _strs(meta, "domain"), _strs(meta, "vocab"), _strs(meta, "topics")
    D, V, T = len(domain), len(vocab), len(topics)
    Q = nums["q_top"].shape[0] if nums["q_top"].ndim == 1 else -1
    shapes = {"idf": (D,), "w_bm25": (V, Q), "w_tfidf": (V, Q), "q_top": (Q,), "topic_profiles": (T, D)}
    bad = [name for name, shape in shapes.items() if nums[name].shape != shape]
    if bad or len(set(domain)) != D or not set(vocab) <= set(domain):
        raise BadMatcherState(f"arrays of the wrong shape: {', '.join(bad) or 'vocabulary'}")
    evidence: Any = meta.get("evidence")
    scale: Any = meta.get("scale")
    if not _all(evidence, lambda i: _is_int(i) and i >= -1) or not isinstance(scale, float) \
            or not 0 < scale < math.inf or meta.get("own_topic") not in topics:
        raise BadMatcherState("evidence, scale or topic")
    keys, analyzer = meta.get("keys"), meta.get("analyzer")
    if not isinstance(keys, dict) or not isinstance(analyzer, dict):
        raise BadMatcherState("keys or analyzer missing")
    return MatcherState(domain, nums["idf"], _floats(meta.get("bm25_idf")), vocab, nums["w_bm25"],
                        nums["w_tfidf"], nums["q_top"], tuple(evidence), topics, meta["own_topic"],
                        nums["topic_profiles"], _keys(keys, len(evidence)), scale, _analyzer(analyzer))


def _keys(k: dict[str, Any], points: int) -> PointKeys:
    weights: Any = k.get("weights")
    statements: Any = k.get("statements")
    key: Any = k.get("key")
    rare: Any = k.get("rare")
    sharers: Any = k.get("sharers")
    ok = (_all(weights, _is_floats) and _all(key, _is_strs) and _all(rare, _is_strs)
          and _all(statements, lambda st: _all(st, lambda s: isinstance(s, dict)
                                                and all(isinstance(v, bool) for v in s.values())))
          and isinstance(sharers, dict) and _all(list(sharers.values()), lambda v: _all(v, _is_int))
          and _all(k.get("negative"), _is_int) and _all(k.get("denied"), _is_strs)
          and _all(k.get("restating"), lambda point: _all(point, _is_strs))
          and _is_strs(k.get("naming")) and _is_strs(k.get("empty"))
          and _all(k.get("phrases"), lambda point: _all(point, _is_strs)) and _all(k.get("dismissed"), _is_strs)
          and len(weights) == len(key) == len(rare) == len(statements) == len(k["denied"]) == len(k["restating"])
          == len(k["phrases"]) == len(k["dismissed"]) == len(k.get("ranked") or ()) == points
          and _all(k.get("ranked"), lambda point: _all(point, _is_ranking))
          and len(k.get("changed") or ()) == points and _all(k.get("causes"), _is_strs)
          and len(k["causes"]) == points and _all(k.get("actors"), _is_strs) and len(k["actors"]) == points
          and _is_strs(k.get("actor_names")) and len(k["actor_names"]) == points
          and _all(k.get("denied_claims"), lambda point: _all(point, lambda c: _all(c, _is_strs) and len(c) == 2))
          and len(k["denied_claims"]) == points
          and _all(k.get("pairings"), lambda point: _all(point, lambda p: _all(p, _is_strs) and len(p) == 3))
          and len(k["pairings"]) == points
          and _all(k.get("primacy"), lambda point: _all(point, _is_primacy))
          and len(k["primacy"]) == points
          and _all(k.get("opposed"), lambda point: _all(point, lambda o: _is_strs(o) and len(o) == 4))
          and len(k["opposed"]) == points
          and _all(k.get("flows"), lambda point: _all(point, _is_flow)) and len(k["flows"]) == points
          and _all(k.get("objects"), _is_strs) and len(k["objects"]) == points
          and _all(k.get("low"), lambda v: isinstance(v, bool)) and len(k["low"]) == points
          and _all(k.get("spelt"), lambda d: isinstance(d, dict) and _is_strs(list(d.values())))
          and len(k["spelt"]) == points
          and _all(k.get("prevented"), _is_strs) and len(k["prevented"]) == points
          and _all(k.get("subjects"), _is_strs) and len(k["subjects"]) == points
          and _all(k.get("numbers"), lambda point: _all(point, lambda n: _is_strs(n) and len(n) == 2))
          and len(k["numbers"]) == points
          and _all(k.get("openly_denied"), _is_strs) and len(k["openly_denied"]) == points
          and _all(k.get("changed"), lambda point: _all(point, lambda st: _all(st, _is_change))))
    if not ok:
        raise BadMatcherState("point keys")
    return PointKeys(tuple(weights), tuple(map(frozenset, key)), tuple(map(frozenset, rare)),
                     {t: tuple(v) for t, v in sharers.items()}, tuple(tuple(st) for st in statements),
                     frozenset(k["negative"]), tuple(map(frozenset, k["denied"])),
                     tuple(tuple(map(frozenset, point)) for point in k["restating"]),
                     frozenset(k["naming"]), frozenset(k["empty"]),
                     tuple(tuple(tuple(run) for run in point) for point in k["phrases"]),
                     tuple(map(frozenset, k["dismissed"])),
                     tuple(tuple(Ranking(frozenset(over), frozenset(under), word, scale)
                                 for over, under, word, scale in point) for point in k["ranked"]),
                     tuple(tuple(tuple(Change(t, way, frozenset(context), word, cause)
                                       for t, way, context, word, cause in st)
                                 for st in point) for point in k["changed"]),
                     tuple(map(frozenset, k["causes"])), tuple(map(frozenset, k["actors"])),
                     tuple(k["actor_names"]),
                     tuple(tuple((frozenset(claim), frozenset(instead)) for claim, instead in point)
                           for point in k["denied_claims"]),
                     tuple(tuple((frozenset(one), frozenset(other), frozenset(both)) for one, other, both in point)
                           for point in k["pairings"]),
                     tuple(tuple((frozenset(said), denied, words) for said, denied, words in point)
                           for point in k["primacy"]),
                     tuple(tuple((a, b, c, d) for a, b, c, d in point) for point in k["opposed"]),
                     tuple(tuple((frozenset(source), frozenset(goal), words) for source, goal, words in point)
                           for point in k["flows"]),
                     tuple(map(frozenset, k["objects"])), tuple(k["low"]), tuple(k["spelt"]),
                     tuple(map(frozenset, k["prevented"])), tuple(map(frozenset, k["subjects"])),
                     tuple(frozenset((n, c) for n, c in point) for point in k["numbers"]),
                     tuple(map(frozenset, k["openly_denied"])))


def _is_flow(f: Any) -> bool:
    return isinstance(f, list) and len(f) == 3 and _is_strs(f[0]) and _is_strs(f[1]) and isinstance(f[2], str)


def _is_primacy(p: Any) -> bool:
    return isinstance(p, list) and len(p) == 3 and _is_strs(p[0]) and isinstance(p[1], bool) and isinstance(p[2], str)


def _is_change(c: Any) -> bool:
    return (isinstance(c, list) and len(c) == 5 and isinstance(c[0], str) and c[1] in (1, 0, -1)
            and _is_strs(c[2]) and isinstance(c[3], str) and isinstance(c[4], bool))


def _is_ranking(r: Any) -> bool:
    return isinstance(r, list) and len(r) == 4 and _is_strs(r[0]) and _is_strs(r[1]) and isinstance(r[2], str) \
        and isinstance(r[3], str)


def _analyzer(a: dict[str, Any]) -> AnalyzerState:
    terms, stems = a.get("terms"), a.get("stems")
    if not (isinstance(terms, dict) and all(t is None or isinstance(t, str) for t in terms.values())
            and isinstance(stems, dict) and all(isinstance(t, str) for t in stems.values())):
        raise BadMatcherState("analyzer terms")
    return AnalyzerState(_strs(a, "trusted"), _strs(a, "targets"), terms, stems)


def _all(items: Any, check: Callable[[Any], bool]) -> bool:
    """``items`` is a list (as JSON gives) and each passes ``check``."""
    return isinstance(items, list | tuple) and all(map(check, items))


def _is_int(i: Any) -> bool:
    return type(i) is int


def _is_strs(items: Any) -> bool:
    return _all(items, lambda s: isinstance(s, str))


def _is_floats(d: Any) -> bool:
    return isinstance(d, dict) and all(type(v) is float and math.isfinite(v) for v in d.values())


def _strs(d: dict[str, Any], name: str) -> tuple[str, ...]:
    value: Any = d.get(name)
    if not _is_strs(value):
        raise BadMatcherState(f"{name}: not a list of words")
    return tuple(value)


def _floats(d: Any) -> dict[str, float]:
    if not _is_floats(d):
        raise BadMatcherState("bm25 idf: not numbers")
    return dict(d)
