"""The engine: an essay and a rubric in, a :class:`Report` out."""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from . import flags as fl
from .analyze import Analyzer
from .corpus import SeedIndex, seed_passages
from .match import MatchConfig, Matcher
from .report import Flag, PointResult, Report
from .rubric import Rubric
from .sentences import split_sentences
from .verdicts import balance_verdict, judgement_verdict, level_and_mark, side_summaries

MAX_ESSAY_CHARS = 100_000  # about 15,000 words: far beyond any timed essay


@dataclass(frozen=True)
class Thresholds:
    """Score cut-offs for a point's status; a calibration may replace them per point."""

    covered: float = 0.46
    partial: float = 0.3
    margin: float = 0.05  # within this of a cut-off, a verdict is flagged borderline


class Engine:
    """Seed index plus compiled rubrics: build once, grade many essays.

    Parameters
    ----------
    seeds:
        ``{file name: text}`` of the seed notes (see ``loaders.load_seeds``).
    peers:
        Other rubrics, used only to recognise an essay written for another question.
    """

    def __init__(self, seeds: Mapping[str, str], peers: Sequence[Rubric] = (),
                 config: MatchConfig | None = None, thresholds: Thresholds | None = None) -> None:
        self.analyzer = Analyzer(corpus=seeds.values())
        self.index = SeedIndex(seed_passages(seeds), self.analyzer)
        self.config = config or MatchConfig()
        self.thresholds = thresholds or Thresholds()
        self._matchers: dict[Rubric, Matcher] = {}
        self.peers = tuple(peers)

    def matcher(self, rubric: Rubric) -> Matcher:
        """The compiled matcher for ``rubric`` (built on first use, then cached)."""
        m = self._matchers.get(rubric)
        if m is None:
            if len(self._matchers) > 64:
                self._matchers.clear()
            m = self._matchers[rubric] = Matcher(rubric, self.index, self.config, self.peers)
        return m

    def grade(self, text: str, rubric: Rubric, student: str = "",
              thresholds: Mapping[str, Thresholds] | None = None) -> Report:
        """Coverage feedback for one essay. Deterministic: same input, same report."""
        text = text if isinstance(text, str) else str(text)
        if len(text) > MAX_ESSAY_CHARS:
            text = text[:MAX_ESSAY_CHARS]
            truncated = True
        else:
            truncated = False
        sents = split_sentences(text)
        sentence_texts = [s.text for s in sents]
        matcher = self.matcher(rubric)
        scores = matcher.score(sentence_texts)
        words = len(text.split())
        results = []
        used_units: set[int] = set()
        for i, point in enumerate(rubric.points):
            th = (thresholds or {}).get(point.id, self.thresholds)
            score = float(scores.point_scores[i]) if sents else 0.0
            status = "covered" if score >= th.covered else "partial" if score >= th.partial else "missing"
            sentence = span = None
            if sents and status != "missing" or (sents and score > 0):
                unit = scores.units[int(scores.best_unit[i])]
                span = (sents[unit[0]].start, sents[unit[-1]].end)
                sentence = text[span[0]:span[1]]
                if status != "missing":
                    used_units.update(unit)
            if status == "missing":
                sentence = span = None
            ev = matcher.evidence[i]
            borderline = any(abs(score - cut) < th.margin for cut in (th.covered, th.partial))
            results.append(PointResult(point.id, point.side, point.text, point.weight, status,
                                       round(min(1.0, max(0.0, score)), 4), sentence, span,
                                       ev.text if ev else None, ev.citation if ev else None, borderline))
        total_w = sum(p.weight for p in results) or 1.0
        coverage = sum(p.weight * (1.0 if p.status == "covered" else 0.5 if p.status == "partial" else 0.0)
                       for p in results) / total_w
        sides = side_summaries(rubric, results)
        balance, balance_score = balance_verdict(rubric, sides)
        judgement, judgement_sentence = judgement_verdict(sentence_texts, used_units)
        warnings = self._flags(text, sentence_texts, rubric, words, scores)
        if truncated:
            warnings.insert(0, Flag("too-long", f"Only the first {MAX_ESSAY_CHARS:,} characters were marked."))
        level, mark = level_and_mark(rubric, coverage, balance_score, judgement, words, warnings)
        return Report(rubric.id, student, words, len(sents), tuple(results), sides, coverage, balance,
                      judgement, judgement_sentence, level, mark, rubric.marks, tuple(warnings))

    def _flags(self, text: str, sentences: list[str], rubric: Rubric, words: int, scores) -> list[Flag]:
        if not text.strip():
            return [Flag("empty", "The essay is empty: write your answer, then submit.")]
        matcher = self.matcher(rubric)
        out = [fl.short_flag(words, rubric), fl.keyword_flag(sentences, scores.tokens, scores.unit_terms),
               fl.pasted_flag(scores.sentence_terms, matcher.source_terms),
               fl.repetition_flag(scores.sentence_terms)]
        out.append(fl.off_topic_flag(dict(scores.topics), matcher.own_topic, words))
        return [f for f in out if f is not None]

    def grade_many(self, essays: Iterable[tuple[str, str]], rubric: Rubric) -> list[Report]:
        """Grade ``(student, text)`` pairs with one compiled rubric."""
        return [self.grade(text, rubric, student) for student, text in essays]


@lru_cache(maxsize=2)
def _default_engine(seeds_folder: str, rubrics_folder: str) -> Engine:
    from .loaders import load_all_rubrics, load_seeds
    from pathlib import Path

    peers, _ = load_all_rubrics(Path(rubrics_folder))
    return Engine(load_seeds(Path(seeds_folder)), peers)


def default_engine() -> Engine:
    """The engine over the project's seeds and rubrics, built once per process."""
    from .loaders import rubrics_dir, seeds_dir

    return _default_engine(str(seeds_dir().resolve()), str(rubrics_dir().resolve()))


def grade(text: str, rubric: Rubric, student: str = "") -> Report:
    """Grade one essay against a rubric with the default engine.

    >>> from essaycoach import grade, load_rubric  # doctest: +SKIP
    >>> grade("Trotsky missed Lenin's funeral.", load_rubric("trotsky-errors")).level  # doctest: +SKIP
    1
    """
    return default_engine().grade(text, rubric, student)
