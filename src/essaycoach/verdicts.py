"""Verdicts on the essay as a whole: balance between sides, judgement, level and mark."""
from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, Collection, Sequence
from collections.abc import Set as AbstractSet

from .analyze import tokenize
from .lexicon import BECAUSE_SPELT
from .markup import counted, timed
from .report import Flag, PointResult, SideSummary, credit_of, says_otherwise
from .rubric import Rubric
from .sentences import PARAGRAPH_BREAK

# Phrases (regular expressions, each starting with a lower-case letter) that conclude, and
# that weigh one factor against others. A note's label ("Conclusion: ...", "Judgement - ...")
# concludes as a phrase does, and so do its notes' abbreviations ("conc -", "concl:").
_LABELS = tuple(rf"{word}(?=\s*[:\u2013\u2014-])"
                for word in ("conclusion", "concl?", "summary", "judge?ment", "verdict"))
_OPENERS = (*_LABELS, "in conclusion", "to conclude", "overall", "in summary", "to sum up", "on balance",
            "ultimately", "all in all", "in the end", "to summari[sz]e", "in short", "taking everything",
            "weighing (?:up|this)")
_CONCLUDING = (*_OPENERS, "i (?:think|believe|would argue|argue|feel)", "my (?:view|judgement|judgment)",
               # (probe 103: "So I don't fully agree with the statement" had no judgement)
               "i (?:do not|don['\u2019]?t|would not|wouldn['\u2019]?t) (?:fully |entirely |completely |totally "
               "|really |wholly |quite )?(?:think|believe|say|argue|agree)",
               # the answer to "do you agree?" ("So I disagree", "I mostly agree"; probe 90)
               "i (?:(?:mostly|partly|largely|mainly|fully|strongly|completely|totally|would|do) )?(?:dis)?agree",
               "it is clear", "clearly", "therefore", "thus", "hence")
_EVALUATING = (r"to (?:a|an|some) (?:large|great|huge|significant|limited|small|certain|great|major|lesser|"
              r"considerable)?\s*extent", "to some extent", "largely", "mainly", "mostly", "partly", "partially",
              "primarily", "chiefly", "more (?:important|significant|to do with)", "most (?:important|significant)",
              "main (?:reason|factor|cause)", "key (?:reason|factor|cause)", "biggest (?:reason|factor|cause)",
              "major (?:reason|factor|cause)", "primary (?:reason|factor|cause)",
              "decisive (?:reason|factor|cause)", "most important (?:reason|factor|cause)", "decisive", "crucial",
              r"outweigh\w*", "rather than", "not (?:just|only|solely|entirely|simply|wholly|mainly)",
              "do(?: not|n['\u2019]?t) (?:fully|completely|totally) (?:agree|accept)",
              "was (?:not )?(?:necessary|unnecessary|justified)", "were (?:not )?(?:necessary|unnecessary|justified)",
              "far more", "less important", "only (?:a )?part", "the real reason", "mostly due")


def _phrases(phrases: Sequence[str]) -> re.Pattern[str]:
    """Any of the phrases as whole words. A look-ahead on their first letters lets the regex
    engine pass over every other word at once."""
    first = "".join(sorted({p[0] for p in phrases}))
    return re.compile(rf"\b(?=[{first}])(?:{'|'.join(phrases)})\b")


_EVALUATE = _phrases(_EVALUATING)
_BECAUSE = re.compile(
    r",\s*as\b|,\s*so\b(?!\s+(?:i|we)\b)|"   # ", so the benefits outweigh ...": not ", so I think"
    # "so" mid-sentence with no comma opens a consequence when a clause follows: a determiner or pronoun ("so the
    # benefits outweigh"), or a subject and its verb ("so evil doesnt prove"); not "so important"
    r"(?<=\w)\s+so\s+(?:(?:the|a|an|this|these|those|it|its|they|their|he|his|she|her|there)\b|"
    r"(?!(?:i|we|that|much|many|far|long|very|too|well|as)\b)\w+\s+(?:\w+\s+)?"
    r"(?:is|are|was|were|do|does|did|has|have|had|can|could|will|would|may|might|must|should|cannot|"
    r"(?:doesn|don|didn|isn|aren|wasn|weren|can|won|couldn|wouldn|shouldn)['\u2019]?t)\b)|"
    rf"\b(?:because|{'|'.join(BECAUSE_SPELT)}|b/c|since|as (?:shown|seen)|due to|given that|as a result|"
    r"which (?:meant|shows|means|"
    r"allowed)|this (?:shows|meant|means|is because)|for example|for instance|such as|without|if\b|"
    r"(?:shows?|showed|showing|proves?|proved|suggests?|suggested|demonstrates?|demonstrated) (?:that|how)|"
    # what a thing is evidence of, or means for the verdict (probe 144: "the variations are good
    # evidence that ...", "doubts ... mean we should treat the figures with caution")
    r"evidence (?:that|of)|means? (?:that|we|it)\b)\b"
    # a colon after a verdict of four words or more, then a clause: what it rests on ("Sheila changes
    # a great deal, but not completely: her change grows out of ..."), not a label ("Overall: ...")
    r"|^\W*(?:\w+\W+){3,}?\w+:\s+\w+(?:\W+\w+){3}")
# A conclusion that weighs one side against the other ("X does most of it, but Y speeds it up",
# "X helped, but Y mattered more", "I only partly agree: X changed but Y stayed") is a judgement
# with its reason: the weighing is the reason.
_WEIGHS = re.compile(r"\b(?:most|more|mainly|mostly|largely|best|better)\b.*"
                     r"(?:,?\s*but|\balthough\b|\bwhereas\b|\bthough\b)"
                     # ... or the other way round, naming the weighing: "X helped, but Y was more important"
                     r"|,\s*but\b.*\b(?:(?:more|most) (?:important|significant|decisive|to\b)|mattered more)"
                     # agreeing in part, then saying which part: "I only partly agree: X changed but Y stayed"
                     # (not "partly responsible but not completely", which says no part)
                     r"|\b(?:partly|partially|in part|to (?:some|a certain|a limited) extent)\b.*\b(?:but|although|"
                     r"whereas|though|while)(?:\W+\w+){4}"
                     # granting a part, then denying the rest: "a disaster for Russia but not for the
                     # Bolsheviks", "help to explain some crime, but they are not the main cause" (not
                     # "partly responsible but not completely", which says no part)
                     r"|\bbut\s+(?:\w+\s+){0,3}?(?:not|never|\w+n['\u2019]?t)\b"
                     r"(?!\s+(?:completely|entirely|fully|wholly|totally)\b)")
# The patterns are matched against lower-cased text: IGNORECASE makes these alternations ~3x slower.
# Either kind, for a first look: most sentences are neither, and one search costs less than two.
_EITHER = _phrases(_EVALUATING + _CONCLUDING)
# "So" opening a sentence (not "so much", "so far"): in the ending, with a weighing or a reason,
# the essay's inference, as "therefore" is (probe 153: a short answer's only verdict read as none).
_SO_OPENS = re.compile(r"^\W*so\b(?!\s+(?:much|many|far|long|that|too|very|called)\b)")
# A sentence that opens with a concluding phrase (after any quote mark or bullet).
_OPENS_CONCLUSION = re.compile(rf"^\W*(?:{'|'.join(_OPENERS)})\b")
# A sentence that turns from what the one before it conceded ("In conclusion, Trotsky did make
# mistakes. However, ... mattered more"): the judgement goes on into it, so it is quoted too.
_TURNS = re.compile(rf"^\W*(?:however|but|yet|nevertheless|nonetheless|still|even so|despite this|on the other hand|"
                    rf"{'|'.join(o for o in _OPENERS if o != 'in the end')})\b")
# A verdict followed by a concession and what outweighs it ("In conclusion, I disagree. Although I
# understand the wish to end suffering, the danger to vulnerable people is too great") weighs too.
_CONCEDES = re.compile(r"^\W*(?:although|though|even though|while|whilst|despite|admittedly)\b")
_RANK = {"none": 0, "asserted": 1, "reasoned": 2}
# The beginnings of every word the judgement patterns use ("conclusion", "because", "overall",
# "important", "summari[sz]e" -> "summari"): a misspelling corrected to anything else cannot
# change a judgement, so the sentence need not be read again.
_SIGNPOSTS = tuple(sorted(set(re.findall(r"[a-z]{3,}", re.sub(r"\\[a-z]", " ", " ".join(
    (*_CONCLUDING, *_EVALUATING, _BECAUSE.pattern, _WEIGHS.pattern)))))))


def is_signpost(word: str) -> bool:
    """Whether ``word`` may be one of the words a judgement is recognised by."""
    return word.startswith(_SIGNPOSTS)


def side_summaries(rubric: Rubric, points: Sequence[PointResult]) -> tuple[SideSummary, ...]:
    """Points made per side; partial points count half in the weighted share (and not at all when
    they seem to say the opposite: :func:`report.credit_of`). ``words``
    counts, for each point the side makes (or partly makes), the words of the sentence making
    it: a point gained only adds words, and a sentence that makes two points of a side develops
    both. A credit from a sentence that argues a point of the other side more (``in_passing``:
    "his fame as leader of the Red Army", for a point on fears of an army coup) adds
    ``IN_PASSING`` of its weight, and none of its words: one sentence does not balance itself."""
    # One pass over the points: [covered, partial, total, weight made, weight in all, words, doubted] per side.
    tally: dict[str, list] = {side: [0, 0, 0, 0.0, 0.0, 0, 0] for side in rubric.sides}
    for p in points:
        t = tally.get(p.side)
        if t is not None:
            t[0] += p.status == "covered"
            t[1] += p.status == "partial"
            t[6] += says_otherwise(p)
            t[2] += 1
            t[4] += p.weight
            t[3] += p.weight * credit_of(p) * (IN_PASSING if p.in_passing else 1.0)
            if p.sentence and p.status != "missing":
                t[5] += p.sentence.count(" ") + 1  # words, near enough for a threshold
    return tuple(SideSummary(side, covered, partial, total, made / (weight or 1.0), words, doubted)
                 for side, (covered, partial, total, made, weight, words, doubted) in tally.items())


IN_PASSING = 0.5  # what a credit from a sentence arguing the other side adds to its side's share


DEVELOPED_POINTS = 1.5  # points made on a side (a partial counts half) ...
DEVELOPED_WORDS = 40    # ... and words of the sentences making them, for the side to count as developed
BALANCED_SHARE = 0.4    # the weaker side's weighted share of its points made that counts as full balance


def balance_verdict(rubric: Rubric, sides: Sequence[SideSummary], words: int | None = None) -> tuple[str, float]:
    """("balanced" / "leans for" / "underdeveloped (against)" / "one-sided (for)" / "n/a",
    balance in [0, 1]).

    Sides are compared by the weighted share of their points made (a partial point counts
    half). "Balanced" also needs real development on each side: ``DEVELOPED_POINTS`` points
    made in ``DEVELOPED_WORDS`` words of sentences making that side's points, in an
    essay of a fair length for the time allowed (``words``, when given). Sides argued in
    proportion but not so developed are "underdeveloped", naming the side that is not (or
    "both"), not "leaning" to the other. The score, which the mark uses, grows with the weaker
    side's share alone (full at ``BALANCED_SHARE``): a point made never lowers it.
    """
    if not rubric.evaluative:
        return "n/a", 1.0
    by_side = {s.side: s for s in sides}
    f, a = by_side.get("for"), by_side.get("against")
    fs, as_ = (f.share if f else 0.0), (a.share if a else 0.0)
    if fs == 0 and as_ == 0:
        return "no argument yet", 0.0
    stronger = "for" if fs >= as_ else "against"
    ratio = min(fs, as_) / max(fs, as_)
    if ratio == 0:
        return f"one-sided ({stronger})", 0.0
    thin = [side for side, s in (("for", f), ("against", a))
            if s is None or s.made < DEVELOPED_POINTS or s.words < DEVELOPED_WORDS]
    developed = not thin and (words is None or words >= rubric.short_words)
    # The score grows with the weaker side alone, so a point gained never lowers it (a ratio
    # would fall when the stronger side gains one: a mark lost for a point made).
    score = min(1.0, min(fs, as_) / BALANCED_SHARE)
    if not developed:
        score = min(score, 0.49)
    if ratio < 0.5:
        return f"leans {stronger}", score
    if not developed:  # argued in proportion, but a side (or the whole essay) is too brief
        return f"underdeveloped ({thin[0] if len(thin) == 1 else 'both'})", score
    return "balanced", score


CLAUSES_READ = 3  # pieces of one written run-on sentence read together: "X, but Y, because Z"


# Words that ask for a judgement rather than name what is to be judged ("Evaluate this claim").
_ASKING = frozenset("evaluate assess discuss examine analyse analyze explain consider justify argue compare claim "
                    "view statement extent far agree disagree mark marks interpretation".split())
# A claim the question quotes ("'Evil proves that God does not exist.' Evaluate this claim.")
_QUOTED = re.compile(r"(?:^|\s)['\"\u2018\u201c]([^'\"\u2019\u201d]{12,})['\"\u2019\u201d](?=\W|$)")
CLAIM_SHARE = 0.6  # of the claim's terms, and two at least, restated: the sentence answers it


def claim_terms(question: str, term: Callable[[str], str | None]) -> frozenset[str]:
    """The terms of the claim a question quotes for judging ("'Evil proves that God does not
    exist.' Evaluate this claim."), the words that ask for the judgement aside; none when it quotes
    none: restating "Evaluate the multi-store model" names the topic and takes no side."""
    quoted = _QUOTED.search(question)
    if quoted is None:
        return frozenset()
    return frozenset(t for w in tokenize(quoted.group(1)) if w.lower() not in _ASKING and (t := term(w)) is not None)


def restates_claim(found: Collection[str], claim: frozenset[str]) -> bool:
    """Whether a sentence's terms ``found`` restate the question's ``claim`` (:func:`claim_terms`):
    a sentence of the ending that does so takes a side on it, signpost or none ("At most, evil makes
    belief in God harder; it does not prove that God does not exist")."""
    return bool(claim) and len(claim.intersection(found)) >= max(2, math.ceil(CLAIM_SHARE * len(claim)))


def judgement_verdict(sentences: Sequence[str], point_units: set[int], last_paragraph: Sequence[int] = (),
                      respelt: Callable[[int], str | None] | None = None,
                      ends: Sequence[int] = (), restates: Callable[[int], bool] | None = None
                      ) -> tuple[str, str | None]:
    """("reasoned" | "asserted" | "none", the sentence that carries it): :func:`judgement_at`,
    quoting the sentence (its pieces joined by a space, when it was cut at its clauses)."""
    kind, first, last = judgement_at(sentences, point_units, last_paragraph, respelt, ends, restates)
    return kind, (None if first is None else " ".join(sentences[first:last + 1]))


def judgement_at(sentences: Sequence[str], point_units: set[int], last_paragraph: Sequence[int] = (),
                 respelt: Callable[[int], str | None] | None = None,
                 ends: Sequence[int] = (), restates: Callable[[int], bool] | None = None
                 ) -> tuple[str, int | None, int]:
    """("reasoned" | "asserted" | "none", the first and last index of the sentence that carries it).

    Looks at the concluding paragraph first (``last_paragraph``: its sentence indices), then
    the closing sentences, then the opening ones (where some students state their line of
    argument). A judgement is *reasoned* when an evaluative or concluding sentence also
    gives a reason or sits next to evidence the essay used, or, in the ending, weighs one side
    against the other ("mostly X, but Y"). The sentence quoted is the one
    that opens with a concluding phrase ("In conclusion, ...") when the ending has one.
    ``respelt`` (sentence ``i``'s words as meant, lower case; None when it has no misspelling)
    reads "In concluson" and "becuase" as what they mean. ``ends`` (see
    :func:`sentences.sentence_ends`): a sentence cut at its clauses is read whole, up to
    ``CLAUSES_READ`` pieces from the one that opens the judgement, so the reason in its last
    clause counts, and is quoted so. ``restates`` (whether sentence ``i`` restates the question's
    claim, :func:`restates_claim`): such a sentence of the ending concludes as a signpost does.
    """
    n = len(sentences)
    if n == 0:
        return "none", None, 0

    def through(i: int) -> int:
        return min(ends[i], i + CLAUSES_READ - 1) if ends else i

    # The concluding paragraph (its last six sentences: a longer one is a body paragraph).
    said = [i for i in range(n) if sentences[i].strip()]  # not a repeat or copy set aside
    # Latest first: the judgement an essay ends on is its own (a one-paragraph answer opening "I
    # think X is good because..." and closing "So I think it is not always best because..." was
    # quoted by its opening line, the view it argued against).
    closing = sorted({i for i in last_paragraph[-6:] if 0 <= i < n} | set(said[-4:]), reverse=True)
    opening = [i for i in range(min(2, n)) if i not in closing]
    order = [*closing, *opening]

    def whole(read: Callable[[int], str]) -> Callable[[int], str]:
        return lambda i: ", ".join(map(read, range(i, through(i) + 1)))   # cut at its clauses: their commas

    answers = frozenset(i for i in closing if restates is not None and restates(i))
    opens = frozenset(i for i in closing if not ends or i == 0 or ends[i - 1] < i)
    verdict = _judge(whole(lambda i: sentences[i].lower()), n, point_units, order, closing, through, answers, opens)
    if respelt is not None and (verdict[0] != "reasoned" or verdict[1] not in closing):
        # Read again with misspellings corrected (most essays are reasoned in their ending as
        # written: no cost for them), looking again only where a word was corrected (in the
        # sentence or the one after it). Correcting never changes a real word, so this finds at
        # least as much; a judgement in the ending outranks one as good in the opening ("In
        # concluzion ... becuase" over an introduction's line of argument).
        spelt = functools.cache(respelt)
        again = [i for i in order if any(spelt(j) is not None for j in range(i, min(n, through(i) + 2)))]
        if again:
            verdict = max(verdict, _judge(whole(lambda i: spelt(i) or sentences[i].lower()), n, point_units, again,
                                          closing, through, answers, opens),
                          key=lambda v: (_RANK[v[0]], v[1] in closing))
    kind, at = verdict
    if at is None:
        return kind, None, 0
    last = through(at)
    if last + 1 < n and last + 1 in closing and _TURNS.match(sentences[last + 1].lower()):
        last = through(last + 1)   # a concession, then the judgement it gives way to: both quoted
    return kind, at, last


def _judge(read: Callable[[int], str], n: int, point_units: set[int], order: Sequence[int],
           closing: Sequence[int], through: Callable[[int], int],
           answers: AbstractSet[int] = frozenset(), opens: AbstractSet[int] = frozenset()) -> tuple[str, int | None]:
    """:func:`judgement_at` on the sentences ``order`` names, as ``read`` gives them (whole, up
    to sentence ``through(i)``): the kind, and the index of the sentence quoted. ``answers``:
    sentences of the ending that restate the question's claim; ``opens``: those of the ending that
    open a sentence as written (not a run-on's later clause, "... so it changed a lot but ...")."""
    # The first reasoned sentence wins, else the first asserted one: so the cheaper tests
    # come first and the search stops at the first reasoned judgement.
    best: tuple[int, int] | None = None
    for i in order:
        text = read(i)
        if i not in answers and not _EITHER.search(text) and not (i in opens and _infers(text)):
            continue
        after = through(i) + 1
        # weighing in it, or on into the next sentence of the ending ("In conclusion, Charles was
        # mainly responsible. The long-term problems made conflict likely, but it was ..."), or a
        # concession there that the verdict outweighs
        if i in closing and (_WEIGHS.search(text) or (after in closing and (
                _WEIGHS.search(f"{text} {read(after)}") or _CONCEDES.match(read(after))))):
            best = (2, i)
            break
        # A judgement, reasoned when it or the next sentence gives a reason; an evaluating one
        # also when it is itself evidence the essay used (a concluding one that only retells
        # the story, "In the end Stalin won...", is no reason).
        if ((_EVALUATE.search(text) and not point_units.isdisjoint(range(i, after))) or _BECAUSE.search(text)
                or (after < n and _BECAUSE.search(read(after)) is not None)):
            best = (2, i)
            break
        if best is None:
            best = (1, i)
    if best is None:
        return "none", None
    # the first sentence of the ending that opens with a concluding phrase (a concession it gives
    # way to is quoted with it), else the judgement found, the latest in the ending
    quoted = next((i for i in sorted(closing) if _OPENS_CONCLUSION.match(read(i))), best[1])
    return ("reasoned" if best[0] == 2 else "asserted"), quoted


def _infers(text: str) -> bool:
    """Whether a sentence of the ending draws a weighed or reasoned inference: "So" and a weighing
    or a reason ("So X may make belief reasonable, but it does not prove ..."); a "So" that only
    sums up ("So Stalin used a lot of methods") is no judgement."""
    return bool(_SO_OPENS.match(text)) and bool(_WEIGHS.search(text) or _BECAUSE.search(text))


def paragraph_ends(text: str, starts: Sequence[int]) -> list[int]:
    """Indices of the sentences (by their start offsets in ``text``) in the last paragraph."""
    if not starts:
        return []
    breaks = [m.end() for m in PARAGRAPH_BREAK.finditer(text, 0, starts[-1] + 1)]
    last = breaks[-1] if breaks else 0
    return [i for i, at in enumerate(starts) if at >= last]


# Level caps: what an essay with each flag can reach at most (as a share of the top level;
# unfinished: not the top level).
_CAPS = {"empty": 0.0, "off-topic": 0.0, "not-english": 0.0, "keyword-list": 0.2, "jumbled": 0.2,
         "copied-notes": 0.2, "pasted-question": 0.4, "too-short": 0.4, "contradicts": 0.5, "repetition": 0.6,
         "unfinished": 0.8}
# Caps of the argument, as a share of the top level rounded to the nearest level: on five levels
# one-sided 2 and unbalanced or no judgement 3, as ever; on three levels 1 and 2, where "two below
# the top" left a full answer without a conclusion at level 1 of 3 (a walk's 12-mark GCSE rubric).
_ARGUMENT_CAPS = {"one-sided": 0.4, "unbalanced": 0.6, "no judgement": 0.6}


def _short_cap(rubric: Rubric, words: int) -> float:
    """The too-short cap, as a share of the top level: ``_CAPS["too-short"]`` for an answer of half
    the floor or less, rising to no cap at the floor, so that four words more do not lift a
    level (probe 82: 118 words of a 120-word floor were level 1, 122 level 2)."""
    floor = rubric.short_words
    written = min(1.0, max(0.0, 2 * words / floor - 1)) if floor else 1.0
    return _CAPS["too-short"] + (1 - _CAPS["too-short"]) * written


def _argument_cap(top: int, why: str) -> tuple[int, str]:
    return math.floor(_ARGUMENT_CAPS[why] * top + 0.5), why


_NO_LEVEL = frozenset(code for code, share in _CAPS.items() if share == 0.0)  # answers to no part of the question
# Quality cut-points between levels, as a share of the way from nothing to a top answer.
_CUTS = (0.35, 0.5, 0.7, 0.85)
COVERAGE_FOR_TOP = 0.6  # a top answer makes most points, not all
WORDS_PER_POINT = 25  # a point made is explained in a sentence or two: fewer words a point list the points


def quality(rubric: Rubric, coverage: float, balance: float, judgement: str, words: int) -> float:
    """How far the essay is from nothing (0) to a top-level answer (1).

    Relevant evidence counts only as far as the essay has room to develop it: a
    250-word answer that names every point has not explained them, which is what
    A-Level levels reward. Balance and a reasoned judgement make up the rest.
    """
    developed = min(*development(rubric, coverage, words), 1.0)
    judge = {"reasoned": 1.0, "asserted": 0.5, "n/a": 1.0}.get(judgement, 0.0)  # n/a: none is asked
    return 0.7 * developed + 0.15 * judge + 0.15 * balance


def development(rubric: Rubric, coverage: float, words: int) -> tuple[float, float, float]:
    """How far an essay is developed, three ways (1 or more: fully): how many of the points it
    makes, how long it is for the time it was written in, and how fully it explains the points
    it makes (an answer set a short time can be long enough for it while listing its points)."""
    made = coverage * len(rubric.points)
    return (coverage / COVERAGE_FOR_TOP, words / rubric.aim_words,
            words / (made * WORDS_PER_POINT) if made else 1.0)


def level_and_mark(rubric: Rubric, coverage: float, balance: float, judgement: str,
                   words: int, flags: Sequence[Flag]) -> tuple[int, int]:
    """Estimate (level, mark) the way A-Level levels work.

    Developed evidence moves an essay up; one-sidedness on an evaluative question caps
    it; the top level needs a reasoned judgement; flags cap it lower still.
    """
    top = len(rubric.levels)
    if top == 0 or (coverage <= 0.0 and judgement in ("none", "n/a")):
        return 0, 0
    if is_short_answer(rubric):
        return _short_answer_mark(rubric, coverage, flags)
    q = quality(rubric, coverage, balance, judgement, words)
    cuts = _scaled_cuts(top)
    level = 1 + sum(q >= c for c in cuts)
    cap = min([top, *(c for c, _ in _caps(rubric, coverage, balance, judgement, flags, words))])
    if min(level, cap) <= 0:
        return 0, 0
    if level > cap:
        level, within = cap, 1.0
    else:
        low = cuts[level - 2] if level >= 2 else 0.0
        high = cuts[level - 1] if level - 1 < len(cuts) else 1.0
        within = min(1.0, max(0.0, (q - low) / (high - low)))
    band = rubric.levels[level - 1]
    return level, band.low + round((band.high - band.low) * within)


def _caps(rubric: Rubric, coverage: float, balance: float, judgement: str,
          flags: Sequence[Flag], words: int) -> list[tuple[int, str]]:
    """Each cap on an essay's level, with what causes it: one-sidedness on an evaluative
    question, a judgement that is unreasoned or missing, fewer of the points than a top answer
    makes (however well it weighs them), and flags. Only an answer to no part of
    the question (empty, off-topic, not English) is capped at 0, no level: on a rubric of few
    levels every other cap stays at level 1 at least (two levels less than the top of two was
    level 0, so an answer making three points in four got no level and no mark)."""
    top = len(rubric.levels)
    out = []
    if rubric.evaluative and balance == 0.0:
        out.append(_argument_cap(top, "one-sided"))
    elif rubric.evaluative and balance < 0.5:
        out.append(_argument_cap(top, "unbalanced"))
    if judgement not in ("reasoned", "n/a"):
        out.append((top - 1, "unreasoned"))
    if judgement == "none":
        out.append(_argument_cap(top, "no judgement"))
    if coverage < COVERAGE_FOR_TOP:
        out.append((top - 1, "few points"))
    out += [(math.floor((_short_cap(rubric, words) if f.code == "too-short" else _CAPS[f.code]) * top), f.code)
            for f in flags if f.code in _CAPS]
    return [(max(1, cap) if why not in _NO_LEVEL else 0, why) for cap, why in out]


_STEP = {
    "one-sided": "Argue the other side too: an answer that weighs only one side cannot go above level {cap}.",
    # Said of a side that leans and of sides both underdeveloped alike (a walk saw "develops only
    # one side" told to an essay whose balance line said both sides needed development).
    "unbalanced": "Develop both sides fully, the weaker as fully as the stronger: an answer without both "
                  "sides well developed cannot go above level {cap}.",
    "unreasoned": "End with a judgement that says why (give your reason: \u201cbecause\u2026\u201d): only a "
                  "reasoned judgement reaches the top level.",
    "no judgement": "Answer the question in your conclusion: say how far you agree, and why.",
    # The cap itself, not only the quality line: an essay capped here may be weakest in length
    # or explanation, and was told to develop its points, never that the top needs more of them.
    "few points": "Make more of the points: an answer that leaves out many of them cannot go above level "
                  "{cap}. The missing and partly made points below say what to add.",
    "copied-notes": "Write the answer in your own words: copied notes cannot go above level {cap}.",
    "unfinished": "Plan your time to finish: an answer that stops mid-sentence, before its conclusion, cannot go "
                  "above level {cap}.",
    "contradicts": "Check your facts against the points marked as saying the opposite: an answer with several "
                   "statements that contradict the mark scheme cannot go above level {cap}.",
}
# A question that weighs no case for and against ("Explain the causes of..."): no "how far you agree".
_SUM_UP = "Answer the question in your conclusion: sum up your answer, and say why."
_SET_ASIDE = frozenset({"repetition", "pasted-question"})  # flags whose text does not count: ``words`` is the rest


CONTRADICTIONS = 2  # points an extended answer says the opposite of, at least as many as it makes, to be flagged
MANY_CONTRADICTIONS = 3  # ... or this many, however many it makes


def contradiction_flag(rubric: Rubric, points: Sequence[PointResult]) -> Flag | None:
    """An extended answer saying the opposite of as many of the mark scheme's points as it makes
    (two at least), or of three of them: fluent, in the rubric's words, and wrong (probes 75-80: 44
    of 99 answers written to be wrong, 2 of 400 honest ones, both at the level the cap allows
    already; probes 85-90: a wrong answer turning three of five points round, and crediting the
    rest on their words, was level 4 of 4). A short answer is marked point by point, and a point
    it turns round earns nothing already."""
    if is_short_answer(rubric):
        return None
    turned = sum(map(says_otherwise, points))
    made = sum(p.status == "covered" for p in points)
    if turned < CONTRADICTIONS or (turned < made and turned < MANY_CONTRADICTIONS):
        return None
    return Flag("contradicts", f"{counted(turned, 'statement')} here seem to say the opposite of the mark "
                f"scheme's points: check these facts.")


def level_steps(rubric: Rubric, coverage: float, balance: float, judgement: str, words: int,
                flags: Sequence[Flag], level: int) -> tuple[str, ...]:
    """What holds the essay below the top level, as advice to the student, from the same rules as
    :func:`level_and_mark`: first the caps it has reached, then what limits its quality (too few
    of the points made, or too few words to develop them), then the caps at the next level up
    (the nearest, if nothing else is said). Flags say their own advice, except copying the notes
    (the one a student may not see as a fault)."""
    top = len(rubric.levels)
    if top == 0 or level >= top:
        return ()
    if coverage <= 0:
        return ("Make the points the question asks for: the missing points below say what to write.",)
    if is_short_answer(rubric):
        return ("Make the points still missing or only partly made: each point made adds to the mark.",) \
            if coverage < 1 else ()
    caps = sorted((cap, why) for cap, why in _caps(rubric, coverage, balance, judgement, flags, words)
                  if why in _STEP)
    whys = {why for _, why in caps}
    steps = _STEP if rubric.evaluative else {**_STEP, "no judgement": _SUM_UP}
    capped = [(cap, steps[why].format(cap=cap)) for cap, why in caps
              if not (why == "unreasoned" and "no judgement" in whys)]  # one piece of advice on the judgement
    quality = []
    set_aside = not _SET_ASIDE.isdisjoint(f.code for f in flags)
    points, length, explained = development(rubric, coverage, words)
    capped_by_points = any(why == "few points" and cap <= level + 1 for cap, why in caps)  # said now or next
    if points < 1 and points <= min(length, explained):
        if not capped_by_points:  # else the cap's own advice asks for more of the points
            quality.append("Make more of the points: the missing and partly made points below say what to add.")
    elif length < 1 and set_aside:
        # The essay may be long: "85 words is short" beside 16,000 written reads as a mistake.
        quality.append(f"Write each point once and develop it: only {counted(words, 'word')} count once repeated "
                       f"or copied text is set aside, short for {timed(rubric.minutes)} (aim for "
                       f"about {rubric.aim_words:,} of your own).")
    elif length < 1 and points < 1 and any(f.code == "too-short" for f in flags):
        # Too short to have points to develop (a walk saw "Develop each point further" told to 15 words).
        quality.append(f"Write a full answer: {counted(words, 'word')} is too short for "
                       f"{timed(rubric.minutes, 'question')} (aim for about {rubric.aim_words:,}), so make more of "
                       "the points and explain "
                       "how each answers the question.")
    elif length < 1:
        quality.append(f"Develop each point further: {counted(words, 'word')} is short for "
                       f"{timed(rubric.minutes)} (aim for about {rubric.aim_words:,}), so explain how each point "
                       "answers the question.")
    elif explained < 1:
        quality.append(f"Explain each point you make: {counted(words, 'word')} for about "
                       f"{counted(round(coverage * len(rubric.points)), 'point')} lists them more than it explains "
                       f"them (aim for {WORDS_PER_POINT} words or more a point: a reason or an example for each).")
    now = [step for cap, step in capped if cap <= level]
    # A cap two levels or more above the essay waits: a level-1 list of notes is told to develop
    # its points, not to balance sides it has barely begun (a walk), unless nothing else is said.
    later = [(cap, step) for cap, step in capped if cap > level]
    nearest = min((cap for cap, _ in later), default=level + 1)
    soon = [step for cap, step in later if cap <= max(level + 1, nearest if not (now or quality) else 0)]
    return (*now, *quality, *soon)


_SHORT_ANSWER_UNCAPPED = frozenset({"too-short", "keyword-list", "unfinished"})
SHORT_MARKS = 10    # a question worth this many marks or fewer, or with at most
SHORT_LEVELS = 3    # this many levels and no more than
SHORT_MINUTES = 15  # this many minutes, is marked point by point


def is_short_answer(rubric: Rubric) -> bool:
    """A short-answer question: marked by the points it makes, not as an argued essay. A
    question of more marks with few levels but a long time (a 12-mark, 20-minute GCSE answer)
    is an extended answer: its length and argument count, and "too short" caps it."""
    return rubric.marks <= SHORT_MARKS or (len(rubric.levels) <= SHORT_LEVELS and rubric.minutes <= SHORT_MINUTES)


# What asks an answer to weigh and conclude, in a question or a level descriptor: "how far",
# "assess", "a supported judgement", "reaches a conclusion", "do you agree".
_ASKS_JUDGEMENT = re.compile(
    r"\b(?:judge?ments?|conclu(?:de|sion|sions|ding)|evaluat\w*|assess\w*|discuss\w*|weigh\w*|verdict|"
    r"justif\w*|(?:dis)?agree|to what extent|how (?:far|important|significant|successful|effective|useful|valid)|"
    r"most important|main (?:reason|cause|factor))\b", re.IGNORECASE)


def asks_judgement(rubric: Rubric) -> bool:
    """Whether an answer is expected to reach an overall judgement: on a question argued for and
    against, or in an extended answer whose question or level descriptors ask to weigh or
    conclude ("how far", "a supported judgement"). An answer that explains or describes
    ("Explain the effects of exercise on the respiratory system", 12 marks, its levels asking for
    detail and accuracy) reaches none, and is neither capped nor told to end with one."""
    if rubric.evaluative:
        return True
    if is_short_answer(rubric):
        return False
    return any(_ASKS_JUDGEMENT.search(text) for text in (rubric.question, *(lv.descriptor for lv in rubric.levels)))


def marking_basis(rubric: Rubric) -> str:
    """How an answer to ``rubric`` is marked, in a sentence a teacher can check against what they
    meant: the time and marks it is read for, and whether balance and a judgement are asked."""
    levels = len(rubric.levels)
    shape = (f"{timed(rubric.minutes)} for {counted(rubric.marks, 'mark')} "
             f"in {counted(levels, 'level')}")
    if rubric.evaluative:
        asked = "argued for and against, ending in a judgement"
    elif asks_judgement(rubric):
        asked = "an extended answer, ending in a judgement"
    elif not is_short_answer(rubric):
        asked = "an extended answer marked by the points it makes and how fully it explains them (no judgement needed)"
    else:
        asked = "a short answer marked by the points it makes (no judgement needed)"
    return f"Marked as {shape}: {asked}."


def _short_answer_mark(rubric: Rubric, coverage: float, flags: Sequence[Flag]) -> tuple[int, int]:
    """The mark is the weighted share of points made (a partial point counts half: see
    :func:`report.credit_of`), so every point made earns full marks and the mark rises with each
    point; the level is the band the mark falls in. A question with more points than marks is
    marked as a mark scheme listing them is, a mark a point up to the total: 3 of 8 points earn 3
    of 6 marks, any 6 of them all 6. A flag caps the mark at its share of the marks (at least 1
    unless it is 0), except too-short and keyword-list: a short answer is marked by the points it
    makes, however briefly, and a note earns at most half its point already
    (:func:`sentence_form.is_fragment`)."""
    mark = min(rubric.marks, math.floor(coverage * max(rubric.marks, len(rubric.points)) + 0.5))
    for flag in flags:
        share = _CAPS.get(flag.code) if flag.code not in _SHORT_ANSWER_UNCAPPED else None
        if share is not None:
            mark = min(mark, max(1, math.floor(share * rubric.marks)) if share > 0 else 0)
    if mark <= 0:
        return 0, 0
    level = next((lv.level for lv in rubric.levels if lv.low <= mark <= lv.high), len(rubric.levels))
    return level, mark


def _scaled_cuts(top: int) -> tuple[float, ...]:
    """The cut-points of a rubric with ``top`` levels. A scale of five levels or fewer keeps the
    five-level cuts it has levels for, its top level taking in the levels above: a GCSE essay
    answered fully in four levels is level 4 of 4 where an A-level essay of the same quality is
    level 4 of 5, not squeezed below the top (squeezed cuts put the top of four at 0.81: 122 of
    340 answers teachers judged on four-level rubrics came out a level low, 40 a level high).
    A longer scale stretches the five-level cuts over its levels."""
    if top <= 5:
        return _CUTS[:max(0, top - 1)]
    points = (0.0,) + _CUTS + (1.0,)
    out = []
    for i in range(1, top):
        x = i * 5 / top
        j = int(x)
        out.append(points[j] + (points[min(j + 1, 5)] - points[j]) * (x - j))
    return tuple(out)
