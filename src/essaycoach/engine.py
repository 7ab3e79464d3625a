"""The engine: an essay and a rubric in, a :class:`Report` out."""
from __future__ import annotations

import functools
import gc
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from contextlib import contextmanager
from dataclasses import replace
from typing import NamedTuple

import numpy as np

from . import flags as fl
from .analyze import Analyzer
from .corpus import SeedIndex, seed_passages
from .exemplars import closer_to_rejected, like_credited, sentences_by_point, strict_points, with_exemplars
from .markup import shorten
from .match import MatchConfig, Matcher, Scores
from .negation import merge_terms, unit_terms
from .pointcheck import A_NOTE, Check, PointKeys, check_point, stands_in
from .report import (
    COPIED,
    CREDITED_LIKE,
    IN_PASSING_CHECK,
    NEAR,
    NOT_CREDITED,
    ONE_WORD,
    UNCREDITED_WHY,
    Flag,
    PointResult,
    Report,
    coverage_of,
)
from .rubric import ARGUED, Point, Rubric
from .sentence_form import is_fragment
from .sentences import Sentence, paragraph_breaks, sentence_ends, split_sentences
from .thresholds import Calibration, Thresholds
from .verdicts import (
    asks_judgement,
    balance_verdict,
    claim_terms,
    contradiction_flag,
    is_signpost,
    judgement_at,
    level_and_mark,
    level_steps,
    paragraph_ends,
    restates_claim,
    side_summaries,
)

REJECTED_LIKE = "like a sentence you rejected for this point"  # the check a teacher's rejection sets

# Flags that say the essay answers no part of this question (another question, or not in English):
# none of its points is made, whatever words it shares with them.
NO_ANSWER = frozenset({"off-topic", "not-english"})
GROUNDED_POINTS = 2  # points citing the notes for a question to count as one the notes cover
JUMBLED = "jumbled"
_JUMBLED_WHY = "its words are jumbled, not a sentence that explains the point"
MAX_ESSAY_CHARS = 100_000  # about 15,000 words: far beyond any timed essay


# Space characters other than the ASCII space (no-break, ideographic, thin...) and the zero-width
# space, each to a plain space: text pasted from the web, Word or French typesetting has them
# between words, and the splitter and tokenizer read word breaks from plain spaces. One
# character for one, so offsets into the essay as written still hold.
_SPACES = str.maketrans(dict.fromkeys("\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
                                      "\u2009\u200a\u200b\u202f\u205f\u3000", " "))


def clip_essay(text: object) -> tuple[str, bool]:
    """The essay text as marked (at most MAX_ESSAY_CHARS characters from its first written one,
    every kind of space read as a space) and whether it was cut. Blank space before the essay
    does not count: an essay after a page of empty lines is marked, not cut away."""
    text = text if isinstance(text, str) else str(text)
    if not text.isascii():
        text = text.translate(_SPACES)
    limit = MAX_ESSAY_CHARS + len(text) - len(text.lstrip())
    return (text[:limit], True) if len(text) > limit else (text, False)


# Every ASCII whitespace character (as str.split sees it) to a space, every other byte to "x".
_WORD_BYTES = bytes(32 if chr(b).isspace() else 120 for b in range(256))


def _word_count(text: str) -> int:
    """``len(text.split())`` without building a string per word (an ASCII essay: one C pass)."""
    if not text.isascii():
        return len(text.split())
    marks = text.encode("ascii").translate(_WORD_BYTES)
    return marks.count(b" x") + marks.startswith(b"x")


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
        self.note_runs = fl.note_runs(seeds.values())
        self.config = config or MatchConfig()
        self.thresholds = thresholds or Thresholds()
        self._matchers: dict[Rubric, Matcher] = {}
        self.peers = tuple(peers)
        self._last: tuple[Rubric | None, Matcher | None] = (None, None)

    def matcher(self, rubric: Rubric) -> Matcher:
        """The compiled matcher for ``rubric`` (built on first use, then cached)."""
        last_rubric, last = self._last
        if rubric is last_rubric and last is not None:
            return last  # hashing a whole rubric costs more than marking a sentence
        m = self._matchers.get(rubric)
        if m is None:
            if len(self._matchers) > 64:
                self._matchers.clear()
            m = self._matchers[rubric] = self.build_matcher(rubric)
        self._last = (rubric, m)
        return m

    def build_matcher(self, rubric: Rubric) -> Matcher:
        """Compile ``rubric`` (a shell may override this, to restore a matcher it kept)."""
        return Matcher(rubric, self.index, self.config, self.peers)

    def grade(self, text: str, rubric: Rubric, student: str = "",
              thresholds: Mapping[str, Thresholds] | None = None,
              calibration: Calibration | None = None) -> Report:
        """Coverage feedback for one essay. Deterministic: same input, same report."""
        return self.grade_many([(student, text)], rubric, thresholds, calibration=calibration)[0]

    def grade_many(self, essays: Iterable[tuple[str, str]], rubric: Rubric,
                   thresholds: Mapping[str, Thresholds] | None = None, chunk: int = 64,
                   calibration: Calibration | None = None,
                   progress: Callable[[int, int], None] | None = None) -> list[Report]:
        """Grade ``(student, text)`` pairs; essays are matched ``chunk`` at a time in one pass.

        ``calibration`` (a teacher's fitted thresholds, weights and exemplars) overrides
        ``thresholds``: the sentences the teacher credited are matched as more ways to make a
        point, a partial match like a sentence the teacher credited or confirmed is credited, a
        match more like a sentence the teacher rejected is downgraded, and a point whose credit
        the teacher mostly took back is made only by a sentence like one they credited.
        ``progress(done, total)`` is called as each chunk finishes."""
        weights: Mapping[str, float] = {}
        negatives: Mapping[str, tuple[str, ...]] = {}
        positives: Mapping[str, tuple[str, ...]] = {}
        strict: frozenset[str] = frozenset()
        if calibration is not None:
            thresholds, weights = calibration.threshold_map(), calibration.weight_map()
            rubric = with_exemplars(rubric, calibration.exemplars)
            negatives = sentences_by_point(calibration.exemplars, rubric, positive=False)
            positives = sentences_by_point(calibration.exemplars, rubric, positive=True)
            strict = strict_points(calibration.exemplars, rubric)
        matcher = self.matcher(rubric)
        # A teacher who credited a point made in note form accepts notes: the cap on notes holds otherwise.
        notes = any(is_fragment(s) for credited in positives.values() for s in credited)
        how = _Marking(rubric, matcher, thresholds, weights, calibration is not None, negatives, positives, notes,
                       strict, claim_terms(rubric.question, matcher.analyzer.term))
        items = list(essays)
        out: list[Report] = []
        with collector_paused():
            for at in range(0, len(items), chunk):
                out.extend(self._chunk(items[at:at + chunk], how))
                if progress is not None:
                    progress(len(out), len(items))
        return out

    def _chunk(self, items: Sequence[tuple[str, str]], how: _Marking) -> list[Report]:
        """Mark a chunk of essays: split, tokenize and check evidence per essay, score them together."""
        out: list[Report] = []
        batch = [(student, clip_essay(text)) for student, text in items]
        split = [split_sentences(text) for _, (text, _) in batch]
        texts = [[s.text for s in sents] for sents in split]
        rubric, matcher = how.rubric, how.matcher
        tokens = matcher.tokenize(texts)
        evidence = [fl.evidence(t, k, rubric) for t, k in zip(texts, tokens)]
        breaks = [paragraph_breaks(text, sents) for (_, (text, _)), sents in zip(batch, split)]
        # Essays with copies or repeats set aside are scored again, in the same pass.
        again = [(ev.texts, ev.tokens, ends) for ev, ends in zip(evidence, breaks)
                 if ev.texts is not None and ev.tokens is not None]
        scored = matcher.score_many([*texts, *(t for t, _, _ in again)], [*tokens, *(k for _, k, _ in again)],
                                    [*breaks, *(ends for _, _, ends in again)])
        rescored = iter(scored[len(texts):])
        for (student, (text, truncated)), sents, raw, ev, toks in zip(batch, split, scored, evidence, tokens):
            kept = next(rescored) if ev.texts is not None else raw
            out.append(self._report(_Essay(student, text, truncated, sents, raw, kept, ev, ev.tokens or toks), how))
        return out

    def _report(self, essay: _Essay, how: _Marking) -> Report:
        """One essay's report: point verdicts, then balance, judgement, flags, level and mark."""
        student, text, truncated, sents, raw, scores, ev, _ = essay
        rubric, matcher = how.rubric, how.matcher
        words = _word_count(text)
        counted = words if ev.texts is None else ev.words
        results, used_units = self._points(essay, how)
        coverage = coverage_of(results)
        # Of what counts: an essay pasted twice has its ending set aside as a repeat, and ends,
        # as far as its argument goes, where its first copy does.
        said = [i for i, t in enumerate(scores.sentences) if t.strip()]
        judgement, first, last = judgement_at(
            scores.sentences, used_units, [said[j] for j in paragraph_ends(text, [sents[i].start for i in said])],
            functools.partial(_respelt, essay.tokens, matcher.analyzer.correct_many), sentence_ends(text, sents),
            (lambda i: restates_claim(set(filter(None, map(matcher.analyzer.term, essay.tokens[i]))), how.claim))
            if how.claim else None)   # (a question quoting no claim: nothing to restate)
        judgement_sentence = None if first is None else text[sents[first].start:sents[last].end]
        if not asks_judgement(rubric):
            judgement, judgement_sentence = "n/a", None
        warnings = self._flags(text, list(raw.sentences), rubric, counted, raw, ev, matcher, coverage, words,
                               essay.tokens, truncated, scores)
        codes = {w.code for w in warnings}
        if codes & NO_ANSWER:
            # An essay that answers another question makes none of this one's points, whatever words
            # it shares with them: a credit, even a partial one, would contradict the flag (and the
            # level it caps at 0), and half-credits would make it look "balanced". Its points are
            # missing, each with its passage to read. A short one too: it is flagged only when
            # another subject fits it overwhelmingly better (flags.off_topic_flag), and its mark is
            # 0 either way; a judgement, balance and advice on this question would contradict that.
            results = [replace(p, status="missing", sentence=None, span=None, borderline=False, check=None,
                               doubt=0.0, why=None) for p in results]
            coverage = coverage_of(results)
            # its conclusion answers that other question (a question asking for none still asks none)
            judgement, judgement_sentence = ("none" if asks_judgement(rubric) else "n/a"), None
        elif JUMBLED in codes:
            # Words in no order make no point, as a note does not: each names a point at most (half
            # credit, nothing to check: a "denial" among shuffled words says nothing), and no
            # sentence of it is a judgement.
            results = [replace(p, status="partial", why=_JUMBLED_WHY) if p.status == "covered" else p
                       for p in results]
            results = [replace(p, borderline=False, check=None, doubt=0.0) for p in results]
            coverage = coverage_of(results)
            judgement, judgement_sentence = ("none" if asks_judgement(rubric) else "n/a"), None
        elif (contradicted := contradiction_flag(rubric, results)) is not None:
            warnings.append(contradicted)
        sides = side_summaries(rubric, results)
        balance, balance_score = balance_verdict(rubric, sides, counted)
        if truncated:
            warnings.insert(0, Flag("too-long", f"Only the first {MAX_ESSAY_CHARS:,} characters were marked."))
        level, mark = level_and_mark(rubric, coverage, balance_score, judgement, counted, warnings)
        steps = level_steps(rubric, coverage, balance_score, judgement, counted, warnings, level)
        if JUMBLED in codes:
            steps = ()  # its flag says what to do: advice on sides and a conclusion would read as if it had them
        return Report(rubric.id, student, words, len(sents), tuple(results), sides, coverage, balance,
                      judgement, judgement_sentence, level, mark, rubric.marks, tuple(warnings), how.calibrated,
                      steps, rubric.question)

    def _points(self, essay: _Essay, how: _Marking) -> tuple[list[PointResult], set[int]]:
        """Each point's verdict: its score against the thresholds, then the second look of
        :func:`pointcheck.check_point`; and the sentences that made points."""
        text, sents, scores, ev, tokens = essay.text, essay.sents, essay.scores, essay.ev, essay.tokens
        matcher, thresholds, weights = how.matcher, how.thresholds, how.weights
        results = []
        credited: dict[int, tuple[int, ...]] = {}  # point -> the unit its credit rests on
        used_units: set[int] = set()
        default = self.thresholds
        units, texts = scores.units, scores.sentences
        look = _Look(texts, tokens, matcher.analyzer.term, matcher.keys, essay.truncated)
        # Plain floats and ints, converted once: indexing numpy arrays item by item is slow.
        for i, (point, score, best, seed) in enumerate(zip(how.rubric.points, scores.point_scores.tolist(),
                                                           scores.best_unit.tolist(), matcher.evidence)):
            th = thresholds.get(point.id, default) if thresholds else default
            score = min(1.0, max(0.0, score))
            status = th.status(score)
            sentence = span = nearest = None   # nearest: the sentence a point left missing came closest in
            why: str | None = None
            check, doubt = None, 0.0
            taken = False  # the second look took a credit to nothing (its words are another point's)
            if status != "missing":
                unit = units[best]
                if status == "covered":  # only a credit can be taken back: the second look
                    verdict, unit = _second_look(i, best, th.covered * matcher.scale, scores, look)
                    status = verdict.status
                    taken = status == "missing"
                    why = verdict.reason
                    if verdict.negated:
                        check, doubt = verdict.reason, 1.0
                span = (sents[unit[0]].start, sents[unit[-1]].end)
                sentence = text[span[0]:span[1]]
                if point.id in how.negatives and closer_to_rejected(
                        sentence, (point.text, *point.aliases, *how.positives.get(point.id, ())),
                        how.negatives[point.id], matcher.similarity):
                    # More like a sentence the teacher rejected for this point: one step down, checked.
                    status = "partial" if status == "covered" else "missing"
                    check, doubt = REJECTED_LIKE, 0.9
                    why = "it is like a sentence your teacher did not credit for this point"
                else:
                    if status == "covered" and point.id in how.strict:
                        # The teacher mostly took back the engine's credit for this point: only
                        # a sentence like one they credited earns it now (tested just below).
                        status = "partial"
                        why = "it is not yet like the answers your teacher credited for this point"
                    # The teacher's own credited wordings outrank the engine's doubt, however far it went.
                    if ((status == "partial" or taken) and check is None and point.id in how.positives
                            and (how.notes or not all(is_fragment(texts[u]) for u in unit)) and like_credited(
                            sentence, how.positives[point.id], how.negatives.get(point.id, ()), matcher.similarity)):
                        # Like a sentence the teacher credited for this point (and no rejected one): credited too.
                        status = "covered"
                        check, doubt = CREDITED_LIKE, 0.3
                if status == "partial" and why is None and (
                        not look.speaking(i, unit) or look.keys.names_no_cause(i, look.terms(unit), distinct=1)):
                    # Its score came from words every point uses, or from words that speak for
                    # other points more ("the congress was full of his supporters", for a point on
                    # support for his policies), or from what follows of any cause, with none of
                    # the point's own ("the particles collide more often", for a point on
                    # concentration): it touches on nothing of this one.
                    status = "missing"
                if status == "missing":
                    nearest, sentence, span = sentence, None, None
                else:
                    used_units.update(unit)
                    credited[i] = unit
                    if status == "partial" and why is None:  # the score alone: between the cut-offs
                        # a note's reason is that it is one, whatever its score (walk 47: "temperature and
                        # catalysts" was "a note" for one point and "touches on" the other)
                        why = A_NOTE if all(is_fragment(texts[u]) for u in unit) else TOUCHES
                copied = ev.kept_copies and any(u in ev.kept_copies for u in unit)
                if check is None and sentence is not None and copied:
                    check, doubt = COPIED, 0.8
            near = abs(score - th.covered)
            if check is None and near < th.margin:
                # A point left missing names the sentence to check: the teacher has nothing else to go on.
                # One the second look took back scores near "made" only on other points' words.
                near_why = UNCREDITED_WHY if status == "missing" and score >= th.partial else NEAR
                check = near_why + (f"; its nearest sentence: \u201c{shorten(nearest, 200)}\u201d" if nearest else "")
                doubt = 0.5 * (1 - near / th.margin)
            elif check is None and status == "covered" and score < th.covered + ONE_WORD_BAND:
                word = look.only_word(i, unit)
                if word is not None:
                    check, doubt = ONE_WORD.format(word=f" (\u201c{word}\u201d)" if word else ""), 0.4
            results.append(PointResult(point.id, point.side, point.text, weights.get(point.id, point.weight),
                                       status, round(score, 4), sentence, span, seed.text if seed else None,
                                       seed.citation if seed else None, check is not None, check,
                                       round(doubt, 3), seed.title if seed else None,
                                       _why_shown(status, why, nearest if taken else None)))
        results, credited = _touching(results, credited)
        return _in_passing(results, credited, look, how.rubric.points), used_units

    def _flags(self, text: str, sentences: list[str], rubric: Rubric, words: int, scores: Scores,
               ev: fl.Evidence, matcher: Matcher, coverage: float, written: int,
               tokens: Sequence[list[str]], truncated: bool, kept: Scores) -> list[Flag]:
        if not text.strip():
            return [Flag("empty", "The essay is empty: write your answer, then submit.")]
        language = fl.not_english_flag(text, fl.rubric_words(rubric))
        if language is not None:  # its length, lists and topic say nothing about an answer to this question
            return [language]
        short = fl.short_flag(words, rubric, written)
        keywords = fl.keyword_flag(sentences, scores.tokens, scores.unit_terms)
        out = [short, keywords, None if keywords else fl.jumbled_flag(sentences), fl.pasted_flag(ev, len(sentences)),
               fl.repetition_flag(ev),
               None if keywords else fl.run_on_flag(text, written)]  # a keyword list has its own advice
        # A question the notes cover (two of its points cite them, as a teacher's own rubric on a
        # noted subject does): their words are its subject's, so an essay of other words is off it
        grounded = sum(e is not None for e in matcher.evidence) >= GROUNDED_POINTS
        foreign = fl.foreign_share(kept) if grounded else None  # of what counts
        out.append(fl.off_topic_flag(dict(scores.topics), matcher.own_topic, words, coverage, short is not None,
                                     foreign))
        out.append(fl.notes_flag(tokens, self.note_runs))
        if not keywords and not truncated:  # notes end anywhere; a cut essay ends where it was cut, not its writer
            out.append(fl.unfinished_flag(sentences))
        return [f for f in out if f is not None]


TOUCHES = "it touches on the point without stating it fully"   # a partial from its score alone
TOUCHED = 2  # points a sentence may touch on (a half each, from its score alone)


def _touching(results: list[PointResult], credited: Mapping[int, tuple[int, ...]]
              ) -> tuple[list[PointResult], dict[int, tuple[int, ...]]]:
    """``results`` with each unit touching on more than :data:`TOUCHED` points (a half each,
    from its score alone) left touching on its best-matched ones: a sentence of a short rubric's
    shared words ("The franchisor pays Sam a fee every year for using the brand") had half of six
    of its seven points. A point it touches on no more is missing, and left out of the credited
    units returned with them."""
    touching: dict[tuple[int, ...], list[int]] = {}
    for i, r in enumerate(results):
        if r.status == "partial" and r.why == TOUCHES:
            touching.setdefault(credited[i], []).append(i)
    dropped = {i for points in touching.values() if len(points) > TOUCHED
               for i in sorted(points, key=lambda i: -results[i].score)[TOUCHED:]}
    return ([replace(r, status="missing", sentence=None, span=None, why=None) if i in dropped else r
             for i, r in enumerate(results)], {i: unit for i, unit in credited.items() if i not in dropped})


def _why_shown(status: str, why: str | None, taken_from: str | None) -> str | None:
    """A point's ``why``: a partial point's reason; for a missing one whose match scored as made
    and the second look took back (``taken_from``, that match), the match and the reason, which a
    teacher is shown; else None."""
    if status == "partial":
        return why
    if status == "missing" and why and taken_from:
        return NOT_CREDITED.format(sentence=shorten(taken_from, 150), why=why)
    return None


def _in_passing(results: list[PointResult], credited: Mapping[int, tuple[int, ...]], look: _Look,
                points: Sequence[Point]) -> list[PointResult]:
    """``results`` with each credit whose unit argues the other side marked ``in_passing``, and
    a covered one with nothing else to check marked to check: half are wrong on the dev and
    held-out sets (9 of 18), a credit in general one time in eight."""
    out = []
    for i, r in enumerate(results):
        if i in credited and look.argues_other_side(i, credited[i], points):
            r = replace(r, in_passing=True)
            if r.status == "covered" and r.check is None:
                r = replace(r, borderline=True, check=IN_PASSING_CHECK, doubt=0.4)
        out.append(r)
    return out


def _respelt(tokens: Sequence[list[str]], correct: Callable[[list[str]], list[str]], i: int) -> str | None:
    """Sentence ``i``'s words as meant (misspellings corrected), or None if no misspelt word
    was meant as a word a judgement is recognised by (most are names: "Trotksy")."""
    words = tokens[i]
    meant = correct(words)
    if meant == words or not any(m != w and is_signpost(m) for m, w in zip(meant, words)):
        return None
    return " ".join(meant)


# A credit resting on one word of the point (its one rare term) and scoring under this much above
# the cut-off is wrong about two times in five on the labelled sets (27 of 66; 13 of 29 on those
# never tuned on), credits in general one time in seven: worth a teacher's look.
ONE_WORD_BAND = 0.27


class _Look:
    """The second look at one essay's units: their terms and checks, each worked out once."""

    def __init__(self, texts: Sequence[str], tokens: Sequence[list[str]], term: Callable[[str], str | None],
                 keys: PointKeys, truncated: bool = False) -> None:
        self.texts, self.tokens, self.term, self.keys = texts, tokens, term, keys
        self.truncated = truncated
        self.seen: dict[tuple[int, ...], dict[str, bool]] = {}
        self.memos: dict[tuple[int, ...], dict] = {}

    def terms(self, unit: tuple[int, ...]) -> dict[str, bool]:
        """A unit's terms with their polarity, found once per sentence (windows share them)."""
        found = self.seen.get(unit)
        if found is None:
            for u in unit:
                if (u,) not in self.seen:
                    self.seen[(u,)] = unit_terms((self.texts[u],), self.term, (self.tokens[u],))
            found = self.seen[unit] = merge_terms([self.seen[(u,)] for u in unit])
        return found

    def checked(self, point: int, unit: tuple[int, ...]) -> Check:
        """The second look at a unit (a sentence or a window) as the point's credited match."""
        return check_point(point, "covered", [self.texts[u] for u in unit], self.keys, self.term, self.terms(unit),
                           self.memos.setdefault(unit, {}), self.ends(unit))

    def stands(self, point: int, unit: tuple[int, ...]) -> bool:
        return stands_in(point, [self.texts[u] for u in unit], self.keys, self.term, self.terms(unit),
                         self.memos.setdefault(unit, {}), self.ends(unit))

    def speaking(self, point: int, unit: tuple[int, ...]) -> set[str]:
        """The unit's terms that speak for the point (:meth:`PointKeys.speaks_for`)."""
        memo = self.memos.setdefault(unit, {})
        return self.keys.speaks_for(point, self.terms(unit), memo.setdefault("support", {}))[1]

    def only_word(self, point: int, unit: tuple[int, ...]) -> str | None:
        """The word as written when only one of the unit's terms speaks for the point, else None."""
        speaking = self.speaking(point, unit)
        if len(speaking) != 1:
            return None
        (key,) = speaking
        # "" when no one word was written for it (a phrase the analyzer joins: "show trials")
        return next((tok for u in unit for tok in self.tokens[u]
                     if self.term(tok) == key and tok in self.texts[u].lower()), "")

    def phrases(self, point: int, unit: tuple[int, ...]) -> int:
        """How many phrases of the unit speak for the point: runs of its terms that do, next to
        each other once stop words are set aside ("the Red Army" is one, "General Secretary" one)."""
        speaking = self.speaking(point, unit)
        runs, before = 0, False
        for u in unit:
            for tok in self.tokens[u]:
                t = self.term(tok)
                if t is not None:
                    runs += t in speaking and not before
                    before = t in speaking
        return runs

    def argues_other_side(self, point: int, unit: tuple[int, ...], points: Sequence[Point]) -> bool:
        """Whether the unit names the point in one phrase ("the Red Army") while its key terms weigh
        more for a point of the other side of the argument: it argues that side, and names this
        point's subject in passing."""
        side = points[point].side
        if side not in ARGUED:
            return False
        found = self.terms(unit)
        support = self.memos.setdefault(unit, {}).setdefault("support", {})  # shared with speaks_for

        def weight(j: int) -> float:
            return self.keys.kept_support(j, found, support)

        mine = weight(point)
        return any(q.side in ARGUED and q.side != side and weight(j) > mine for j, q in enumerate(points)) \
            and self.phrases(point, unit) <= 1

    def ends(self, unit: tuple[int, ...]) -> bool:
        """Whether the unit ends the essay (where a sentence may be left unfinished): not where
        the marker cut a too-long essay, which is no sign of its writer running out of time."""
        return not self.truncated and unit[-1] == len(self.texts) - 1


def _second_look(point: int, best: int, cut: float, scores: Scores, look: _Look) -> tuple[Check, tuple[int, ...]]:
    """The verdict on a point whose best unit scores as covered, and the unit that earns it.
    The point is made if any sentence makes it: the best unit may only touch on it (its shared
    words, a note, a denial) while another sentence, above the cut-off too and about this point
    more than any other, states it. The point's score stays its best match's."""
    unit = scores.units[best]
    verdict = look.checked(point, unit)
    table = scores.unit_scores
    if verdict.status == "covered":
        # quoted by its sentence that makes it alone with all the window says of it, the other
        # adding none: a student shown two sentences for a point one of them makes cannot tell which
        alone = _alone(point, unit, cut, scores, look, look.speaking(point, unit))
        return verdict, _fullest(point, alone or unit, cut, scores, look)
    # A window takes nothing from its sentences: one above the cut-off alone that passes the
    # second look alone makes the point, though the sentence beside it speaks for others
    # ("... lymphocytes produce antibodies. Memory cells are produced.").
    alone = _alone(point, unit, cut, scores, look)
    if alone is not None:
        return Check("covered", None), alone
    if table is not None:
        row = table[point, :len(scores.sentences)].tolist()
        # A best match taken back (its words another point's) leaves the point to any sentence
        # it owns, counting only the points that would keep that sentence's credit; one read as
        # the point's opposite, only to a sentence scoring best for it.
        owner = (lambda at: _owner(point, at, cut, table, look)) if verdict.status == "missing" else \
            (lambda at: int(table[:, at].argmax()))
        other = _another_sentence(point, best, cut, row, owner, lambda at: look.stands(point, (at,)))
        if other is not None:
            return Check("covered", None), (other,)
    return verdict, unit


def _alone(point: int, unit: tuple[int, ...], cut: float, scores: Scores, look: _Look,
           speaking: AbstractSet[str] = frozenset()) -> tuple[int, ...] | None:
    """The best-matched sentence of a window that makes the point alone (above the cut-off, past
    the second look) holding all of ``speaking``, the window's terms that speak for it; None
    when neither does, or the unit is one sentence."""
    table = scores.unit_scores
    if table is None or len(unit) == 1:
        return None
    return next(((u,) for u in sorted(unit, key=lambda u: -float(table[point, u]))
                 if table[point, u] >= cut and (not speaking or look.speaking(point, (u,)) >= speaking)
                 and look.checked(point, (u,)).status == "covered"), None)


QUOTE_MARGIN = 0.1  # of the cut-off: a sentence scoring this near the best match may be quoted instead


def _fullest(point: int, unit: tuple[int, ...], cut: float, scores: Scores, look: _Look) -> tuple[int, ...]:
    """The unit to quote for a credited point: its best match, unless another sentence above
    the cut-off makes the point too and says more of it: more of its key terms while scoring
    nearly as well, or the cause the point opens on, which the best match leaves out. A short
    sentence echoing an alias ("This means they collide more frequently.", in a paragraph on
    another cause) had been quoted over the student's full statement of the point; the end of a
    paragraph on surface area ("... so collisions are more frequent") over the sentence on
    concentration, for "Increasing the concentration ... increases the rate ..."."""
    table = scores.unit_scores
    if table is None:
        return unit
    row = table[point, :len(scores.sentences)]
    best = max((float(row[u]) for u in unit), default=0.0)
    above = [j for j in np.flatnonzero(row >= cut).tolist() if (j,) != unit]
    if not above:  # most credits: no other sentence makes it
        return unit
    near = best - QUOTE_MARGIN * cut
    have = len(look.speaking(point, unit))
    causes = look.keys.causes[point] if look.keys.causes else frozenset()
    unnamed = bool(causes) and causes.isdisjoint(look.terms(unit))

    def fuller(j: int) -> bool:
        return (row[j] >= near and len(look.speaking(point, (j,))) > have) or \
            (unnamed and not causes.isdisjoint(look.terms((j,))))

    for j in sorted(above, key=lambda j: -float(row[j])):
        if fuller(j) and look.checked(point, (j,)).status == "covered":
            return (j,)
    return unit


def _owner(point: int, at: int, cut: float, table: np.ndarray, look: _Look) -> int:
    """The point sentence ``at`` makes: the highest-scoring point (``point`` on a tie) whose
    second look keeps the credit. A sentence scoring higher for a point whose own look takes it
    back, its words about another, makes none of that one ("tax cuts for rich people make the
    rich richer ... the gap gets bigger" scores higher for tax incentives than for inequality)."""
    column = table[:, at].tolist()
    for q in sorted(range(len(column)), key=lambda q: (-column[q], q != point)):
        if q == point or (column[q] >= cut and look.checked(q, (at,)).status == "covered"):
            return q
    return point


def _another_sentence(point: int, best: int, cut: float, row: Sequence[float], owner: Callable[[int], int],
                      stands: Callable[[int], bool]) -> int | None:
    """The highest-scoring sentence other than unit ``best`` that scores at least ``cut`` for
    ``point`` (``row``: its score on each sentence alone), higher than for any other point
    (``owner``), and ``stands`` in for the best (:func:`pointcheck.stands_in`); None if there is
    none. Only sentences: a two-sentence window would let a note borrow the verb of the one
    beside it."""
    found = [j for j, v in enumerate(row) if v >= cut and j != best]
    for j in sorted(found, key=lambda j: -row[j]):
        if owner(j) == point and stands(j):
            return j
    return None


class _Essay(NamedTuple):
    """One essay being marked: what was written, and what of it counts as evidence."""

    student: str
    text: str
    truncated: bool
    sents: list[Sentence]
    raw: Scores                  # everything the student wrote (for the flags)
    scores: Scores               # what counts (copies of the rubric and repeats set aside)
    ev: fl.Evidence
    tokens: Sequence[list[str]]  # raw tokens of what counts, sentence by sentence


class _Marking(NamedTuple):
    """How a batch is marked: the rubric, its matcher, and any teacher's calibration."""

    rubric: Rubric
    matcher: Matcher
    thresholds: Mapping[str, Thresholds] | None
    weights: Mapping[str, float]
    calibrated: bool
    negatives: Mapping[str, tuple[str, ...]]  # sentences the teacher rejected, by point id
    positives: Mapping[str, tuple[str, ...]]  # sentences the teacher credited or confirmed, by point id
    notes: bool                               # the teacher credited a point made in note form
    strict: frozenset[str]                    # points the teacher credits only like their own credited wordings
    claim: frozenset[str]                     # what the question asks to be judged (verdicts.claim_terms)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while marking: marking makes no reference cycles, but
    its many short-lived objects trigger full collections that walk the engine's caches (a
    tenth of the time of a class set). Pausing it once for a whole class set also spares a
    collection of the reports so far each time a chunk ends."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
