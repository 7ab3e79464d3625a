"""What a rubric's subject is, as the matcher reads it: which other rubrics share it (for the
off-topic check), and how high the course notes score against it (so that a rubric stated in
few words is read on the same scale as one stated in many)."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import numpy as np

from .corpus import Passage, SeedIndex
from .rubric import Point, Rubric
from .sentences import split_sentences

if TYPE_CHECKING:
    from sklearn.feature_extraction.text import TfidfVectorizer

SAME_SUBJECT = 0.5  # TF-IDF cosine between two rubrics' profiles: the same subject
# A rubric stated in fewer words (one wording per point, where the shipped rubrics give four
# or five) scores every sentence lower, honest answers included: the best of fewer wordings is
# lower. Its reach over the course notes drops with it, so scores are read relative to it.
# Only when the notes cover the subject (reach from NOTES_COVER up) can they say this; below,
# the notes say nothing of the rubric, and the scale fades back to 1.
REACH_QUANTILE = 0.99
FULL_REACH = 0.5    # the shipped rubrics' reach: no rescaling from here up
REACH_POWER = 2.0   # the best of fewer wordings falls faster than the notes' reach: squared
MIN_SCALE = 0.5     # never read scores more than twice as high
NOTES_COVER = (0.25, 0.32)  # reach below the first: notes off the subject; full effect from the second


def reach_scale(reach: float) -> float:
    """The factor a rubric's scores are divided by, given its reach over the notes."""
    scale = min(1.0, max(MIN_SCALE, (reach / FULL_REACH) ** REACH_POWER))
    low, high = NOTES_COVER
    trust = min(1.0, max(0.0, (reach - low) / (high - low)))
    return 1.0 - trust * (1.0 - scale)


def subject_topics(rubric: Rubric, evidence: Sequence[Passage | None], peers: Sequence[Rubric],
                   index: SeedIndex, tfidf: TfidfVectorizer) -> tuple[tuple[str, ...], str, np.ndarray]:
    """One TF-IDF profile per subject, so an essay written for another question can be
    recognised: the topics, the rubric's own, and their profiles (rows). A rubric's profile is
    its question, points, aliases and the notes they cite; peers whose profile is close to this
    rubric's (``SAME_SUBJECT``), or that share its topic, join this rubric's subject whatever
    their ``topic`` says: a teacher's own rubric on a shipped subject must not compete with the
    shipped ones."""
    def profile(r: Rubric, passages: Sequence[Passage | None]) -> str:
        return " ".join([r.question] + [t for p in r.points for t in (p.text, *p.aliases)]
                        + [x.text for x in passages if x is not None])

    own = rubric.topic or rubric.id
    others = [r for r in peers if r.id != rubric.id]
    texts = [profile(rubric, evidence)] + [
        profile(r, [index.passage_at(p.source.file, p.source.line) for p in r.points if p.source])
        for r in others]
    vectors = tfidf.transform(texts)
    near = (vectors[1:] @ vectors[0].T).toarray().ravel() if others else np.zeros(0)
    # A peer close to this rubric brings its whole topic along.
    mine = {r.topic or r.id for r, sim in zip(others, near.tolist()) if sim >= SAME_SUBJECT}
    mine |= {own}
    groups: dict[str, list[str]] = {own: [texts[0]]}
    for r, text in zip(others, texts[1:]):
        topic = r.topic or r.id
        groups.setdefault(own if topic in mine else topic, []).append(text)
    return tuple(groups), own, tfidf.transform([" ".join(v) for v in groups.values()]).toarray()


def notes_reach(sentence_table: Callable[[Sequence[str]], np.ndarray], index: SeedIndex) -> float:
    """How high the notes' sentences score against a rubric's points (``sentence_table`` is its
    matcher's): each point's ``REACH_QUANTILE`` score over the notes, averaged over the points."""
    scores = sentence_table([s.text for p in index.passages for s in split_sentences(p.text)])
    if not scores.size:
        return 0.0
    return float(np.quantile(scores, REACH_QUANTILE, axis=0).mean())


def evidence_for(point: Point, index: SeedIndex) -> Passage | None:
    """The passage the point cites, else the passage of the notes that covers it, if any."""
    if point.source is not None:
        found = index.passage_at(point.source.file, point.source.line)
        if found is not None:
            return found
    return index.covering(" ".join((point.text, *point.aliases)))
