"""Verdicts on the essay as a whole: balance between sides, judgement, level and mark."""
from __future__ import annotations

import math
import re
from collections.abc import Sequence

from .report import Flag, PointResult, SideSummary
from .rubric import Rubric

_CONCLUDE = re.compile(
    r"\b(?:in conclusion|to conclude|overall|in summary|to sum up|on balance|ultimately|all in all|"
    r"in the end|to summari[sz]e|in short|taking everything|weighing (?:up|this)|i (?:think|believe|"
    r"would argue|argue|feel)|my (?:view|judgement|judgment)|it is clear|clearly|therefore|thus|hence)\b",
    re.IGNORECASE)
_EVALUATE = re.compile(
    r"\b(?:to (?:a|an|some) (?:large|great|huge|significant|limited|small|certain|great|major|lesser|"
    r"considerable)?\s*extent|to some extent|largely|mainly|mostly|partly|partially|primarily|chiefly|"
    r"more (?:important|significant|to do with)|most (?:important|significant)|(?:main|key|biggest|"
    r"major|primary|decisive|most important) (?:reason|factor|cause)|decisive|crucial|outweigh\w*|"
    r"rather than|not (?:just|only|solely|entirely|simply|wholly|mainly)|(?:was|were) (?:not )?(?:necessary|"
    r"unnecessary|justified)|far more|less important|only (?:a )?part|the real reason|mostly due)\b",
    re.IGNORECASE)
_BECAUSE = re.compile(
    r"\b(?:because|since|as (?:shown|seen)|due to|given that|as a result|which (?:meant|shows|means|"
    r"allowed)|this (?:shows|meant|means|is because)|for example|for instance|such as|without|if\b)\b",
    re.IGNORECASE)


def side_summaries(rubric: Rubric, points: Sequence[PointResult]) -> tuple[SideSummary, ...]:
    """Points made per side; partial points count half in the weighted share."""
    out = []
    for side in rubric.sides:
        mine = [p for p in points if p.side == side]
        total_w = sum(p.weight for p in mine) or 1.0
        made_w = sum(p.weight * (1.0 if p.status == "covered" else 0.5 if p.status == "partial" else 0.0)
                     for p in mine)
        out.append(SideSummary(side, sum(p.status == "covered" for p in mine),
                               sum(p.status == "partial" for p in mine), len(mine), made_w / total_w))
    return tuple(out)


def balance_verdict(rubric: Rubric, sides: Sequence[SideSummary]) -> tuple[str, float]:
    """("balanced" / "leans for" / "one-sided (for)" / "n/a", balance in [0, 1])."""
    if not rubric.evaluative:
        return "n/a", 1.0
    share = {s.side: s.share for s in sides}
    f, a = share.get("for", 0.0), share.get("against", 0.0)
    if f == 0 and a == 0:
        return "no argument yet", 0.0
    ratio = min(f, a) / max(f, a)
    stronger = "for" if f >= a else "against"
    if ratio == 0:
        return f"one-sided ({stronger})", 0.0
    if ratio < 0.5:
        return f"leans {stronger}", ratio
    return "balanced", ratio


def judgement_verdict(sentences: Sequence[str], point_units: set[int]) -> tuple[str, str | None]:
    """("reasoned" | "asserted" | "none", the sentence that carries it).

    Looks at the closing sentences first (and the opening ones, where some students
    state their line of argument). A judgement is *reasoned* when an evaluative or
    concluding sentence also gives a reason or sits next to evidence the essay used.
    """
    n = len(sentences)
    if n == 0:
        return "none", None
    closing = list(range(max(0, n - 4), n))
    opening = [i for i in range(min(2, n)) if i not in closing]
    best: tuple[int, int] | None = None
    for i in closing + opening:
        text = sentences[i]
        concluding, evaluative = bool(_CONCLUDE.search(text)), bool(_EVALUATE.search(text))
        if not (concluding or evaluative):
            continue
        reasoned = evaluative and (bool(_BECAUSE.search(text)) or i in point_units
                                   or (i + 1 < n and _BECAUSE.search(sentences[i + 1]) is not None))
        strength = 2 if reasoned else 1
        if best is None or strength > best[0]:
            best = (strength, i)
    if best is None:
        return "none", None
    return ("reasoned" if best[0] == 2 else "asserted"), sentences[best[1]]


# Level caps: what an essay with each flag can reach at most (as a share of the top level).
_CAPS = {"empty": 0.0, "off-topic": 0.2, "keyword-list": 0.4, "pasted-question": 0.4, "too-short": 0.4,
         "repetition": 0.6}


def level_and_mark(rubric: Rubric, coverage: float, balance: float, judgement: str,
                   words: int, flags: Sequence[Flag]) -> tuple[int, int]:
    """Estimate (level, mark) from coverage and the quality of the argument.

    The estimate mirrors how A-Level levels work: coverage of relevant evidence moves
    an essay up; one-sidedness on an evaluative question caps it below the top two
    levels; the top level needs a reasoned judgement; flags cap it lower still.
    """
    top = len(rubric.levels)
    if top == 0:
        return 0, 0
    expected_words = max(150, rubric.minutes * 11)
    length = min(1.0, words / expected_words)
    cover = min(1.0, coverage / 0.55)
    judge = {"reasoned": 1.0, "asserted": 0.5}.get(judgement, 0.0)
    quality = 0.62 * cover + 0.13 * balance + 0.15 * judge + 0.10 * length
    if coverage <= 0.0 and judge == 0:
        return 0, 0
    cap = float(top)
    if rubric.evaluative and balance == 0.0:
        cap = min(cap, top - 2)
    elif rubric.evaluative and balance < 0.5:
        cap = min(cap, top - 1)
    if judgement != "reasoned":
        cap = min(cap, top - 1)
    if judgement == "none":
        cap = min(cap, top - 2)
    for flag in flags:
        if flag.code in _CAPS:
            cap = min(cap, math.floor(_CAPS[flag.code] * top))
    raw = quality * top
    level = int(min(cap, max(1, math.ceil(raw - 1e-9))))
    if level <= 0:
        return 0, 0
    lv = rubric.levels[level - 1]
    within = min(1.0, max(0.0, raw - (level - 1))) if raw <= level else 1.0
    mark = lv.low + round((lv.high - lv.low) * within)
    return level, mark
