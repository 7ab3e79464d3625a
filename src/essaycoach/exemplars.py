"""Exemplars: sentences a teacher credited or rejected, learnt as new ways to (not) make a point.

A teacher who ticks a point the engine missed teaches the wording the student used for it:
that sentence becomes one more query for the point, matched like an alias through the same
analyzer and index. A tick on a point the engine found confirms the sentence it quoted: it
teaches no new wording, but like a credited one it shows what this teacher accepts, so a
partial match closely like a credited or confirmed sentence is credited. A teacher who
rejects a point the engine credited teaches the opposite: a sentence closer to that rejected
one than to the point and its credited wordings is downgraded; a point whose credit the
teacher mostly took back is strict (:func:`strict_points`). Pure functions over rubrics; the
calibration stores the exemplars.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from .rubric import Rubric

MAX_EXEMPLARS_PER_POINT = 12  # the newest are kept: enough wordings, a bounded query set
MIN_WORDS = 4                 # shorter sentences say too little to teach a wording
REJECT_SIMILARITY = 0.85       # a match is only held to a rejected sentence it nearly repeats
CREDIT_SIMILARITY = 0.4        # a partial match this like a credited sentence is credited too
TRUST_PRIOR = 0.8              # how often a teacher agrees with the engine's credit, before any marking
TRUST_WEIGHT = 6.0             # pseudo-verdicts anchoring each point's agreement at the class-wide rate
# Rejections a point needs before it can turn strict, whatever the class-wide rate: where the
# engine was often wrong (a new rubric), that rate is low, and one rejection would otherwise do.
STRICT_REJECTIONS = 3


@dataclass(frozen=True)
class Exemplar:
    """A sentence from a marked essay that makes (``positive``) or does not make a point."""

    point: str
    sentence: str
    positive: bool
    student: str = ""
    confirmed: bool = False  # credited where the engine had found the point already

    @property
    def kind(self) -> str:
        """How it is stored and shown: credited, confirmed or rejected."""
        if not self.positive:
            return "rejected"
        return "confirmed" if self.confirmed else "credited"


def usable(sentence: str | None) -> bool:
    """Whether a sentence is long enough to teach a wording."""
    return bool(sentence) and len(str(sentence).split()) >= MIN_WORDS


def dedupe(exemplars: Iterable[Exemplar]) -> tuple[Exemplar, ...]:
    """Exemplars without repeats (same point, sentence and sign; the last one kept), at most
    ``MAX_EXEMPLARS_PER_POINT`` of each kind per point, the latest kept (so a class's many
    confirmed sentences never crowd out the new wordings it credited)."""
    latest: dict[tuple[str, str, bool], Exemplar] = {}
    for ex in exemplars:
        key = (ex.point, " ".join(ex.sentence.split()).casefold(), ex.positive)
        latest.pop(key, None)
        latest[key] = ex
    kept: list[Exemplar] = []
    count: dict[tuple[str, str], int] = {}
    for ex in reversed(latest.values()):
        n = count.get((ex.point, ex.kind), 0)
        if n < MAX_EXEMPLARS_PER_POINT:
            count[(ex.point, ex.kind)] = n + 1
            kept.append(ex)
    return tuple(reversed(kept))


def with_exemplars(rubric: Rubric, exemplars: Sequence[Exemplar]) -> Rubric:
    """``rubric`` with each credited sentence added to its point as one more alias (a confirmed
    one is a wording the rubric already matches: adding it only widens every match).

    Exemplars of points the rubric no longer has are ignored (a rubric edit that removes a
    point drops its exemplars; one that keeps the id keeps them)."""
    extra: dict[str, list[str]] = {}
    for ex in exemplars:
        if ex.positive and not ex.confirmed:
            extra.setdefault(ex.point, []).append(" ".join(ex.sentence.split()))
    if not extra:
        return rubric
    points = []
    for p in rubric.points:
        added = [s for s in extra.get(p.id, ()) if s not in p.aliases and s != p.text]
        points.append(replace(p, aliases=p.aliases + tuple(dict.fromkeys(added))) if added else p)
    return replace(rubric, points=tuple(points))


def sentences_by_point(exemplars: Sequence[Exemplar], rubric: Rubric, positive: bool) -> dict[str, tuple[str, ...]]:
    """The credited and confirmed (``positive``) or rejected sentences of each point the rubric has."""
    ids = {p.id for p in rubric.points}
    out: dict[str, list[str]] = {}
    for ex in exemplars:
        if ex.positive == positive and ex.point in ids:
            out.setdefault(ex.point, []).append(ex.sentence)
    return {k: tuple(v) for k, v in out.items()}


def strict_points(exemplars: Sequence[Exemplar], rubric: Rubric) -> frozenset[str]:
    """Points whose credit the teacher mostly took back: where the engine credited the point,
    the teacher rejected it (a rejected exemplar) more often than agreed (a confirmed one).

    Each point's share of agreement is shrunk towards the rubric-wide share (itself shrunk
    towards ``TRUST_PRIOR``) as if ``TRUST_WEIGHT`` more verdicts had been marked, and a point
    needs ``STRICT_REJECTIONS`` rejections, so one or two never make it strict; below one half,
    the engine's own match no longer earns the point, only a sentence like one the teacher
    credited does."""
    ids = {p.id for p in rubric.points}
    agreed: dict[str, int] = {}
    judged: dict[str, int] = {}
    for ex in exemplars:
        if ex.point in ids and (ex.confirmed or not ex.positive):
            judged[ex.point] = judged.get(ex.point, 0) + 1
            agreed[ex.point] = agreed.get(ex.point, 0) + ex.confirmed
    overall = (sum(agreed.values()) + TRUST_PRIOR * TRUST_WEIGHT) / (sum(judged.values()) + TRUST_WEIGHT)
    return frozenset(pid for pid, n in judged.items()
                     if n - agreed.get(pid, 0) >= STRICT_REJECTIONS
                     and (agreed.get(pid, 0) + TRUST_WEIGHT * overall) / (n + TRUST_WEIGHT) < 0.5)


def _nearer(sentence: str, near: Sequence[str], far: Sequence[str], threshold: float,
            similarity: Callable[[str, Sequence[str]], Sequence[float]]) -> bool:
    """The one rule both exemplar tests share: ``sentence`` is at least ``threshold`` like its
    nearest of ``near``, and more like it than like any of ``far``."""
    if not near:
        return False
    sims = list(similarity(sentence, [*near, *far]))
    closest = max(sims[:len(near)])
    return closest >= threshold and closest > max(sims[len(near):], default=0.0)


def like_credited(sentence: str, credited_sentences: Sequence[str], rejected_sentences: Sequence[str],
                  similarity: Callable[[str, Sequence[str]], Sequence[float]]) -> bool:
    """True when ``sentence`` resembles a sentence the teacher credited or confirmed for a point
    (``CREDIT_SIMILARITY``, a TF-IDF cosine through the one analyzer) more than any they
    rejected for it, and is long enough to say something (``usable``)."""
    return usable(sentence) and _nearer(sentence, credited_sentences, rejected_sentences, CREDIT_SIMILARITY,
                                        similarity)


def closer_to_rejected(sentence: str, credited: Sequence[str], rejected_sentences: Sequence[str],
                       similarity: Callable[[str, Sequence[str]], Sequence[float]]) -> bool:
    """True when ``sentence`` is more like a sentence the teacher rejected for a point than like
    the point itself and the wordings the teacher credited for it (``credited``: the point's
    text, aliases and credited exemplars), and closely (``REJECT_SIMILARITY``): students share
    everyday words with each other more than with the point's wording. ``similarity(text,
    others)`` gives one score per other text (the engine passes its TF-IDF cosine, so the
    comparison goes through the one analyzer)."""
    return _nearer(sentence, rejected_sentences, credited, REJECT_SIMILARITY, similarity)


def exemplar_map(exemplars: Sequence[Exemplar]) -> Mapping[str, tuple[Exemplar, ...]]:
    """Exemplars grouped by point id, in order."""
    out: dict[str, list[Exemplar]] = {}
    for ex in exemplars:
        out.setdefault(ex.point, []).append(ex)
    return {k: tuple(v) for k, v in out.items()}


def promote(rubric: Rubric, exemplar: Exemplar) -> Rubric:
    """``rubric`` with a credited wording kept for good as an alias of its point (the teacher's
    one-click "make this an alias"); the calibration then no longer needs the exemplar."""
    if not exemplar.positive:
        raise ValueError("only a credited wording can become an alias")
    return with_exemplars(rubric, [replace(exemplar, confirmed=False)])
