"""Robustness to gaming: adversarial variants of the dev-set essays, and what the engine does.

Each genuine prose essay (every dev essay except the ``keywords`` and ``off-topic`` kinds) is
turned into four kinds of variant:

- ``keyword-list``: its content words shuffled into a bulleted or comma-separated list;
- ``pasted-rubric``: the question and the rubric's points pasted in (as prose or bullets);
- ``repeated``: its sentences repeated to triple length (whole essay, or sentence by sentence);
- ``swapped``: the essay marked against each of the other dev prompts.

Per kind it prints the share flagged (with that kind's flag) and the mark change versus the
original essay marked on its own prompt. Target: every kind flagged in at least 95% of cases
and no variant scoring above its original.

    .venv/bin/python bench/robustness.py [--seeds 3] [--json]
"""
from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from essaycoach.analyze import STOP_WORDS
from essaycoach.engine import Engine
from essaycoach.evaluation import LabelledEssay, load_labelled
from essaycoach.loaders import load_all_rubrics, load_rubric, load_seeds
from essaycoach.rubric import Rubric
from essaycoach.sentences import split_sentences

DEVSET = ROOT / "tests" / "data" / "devset"
FLAG_OF = {"keyword-list": "keyword-list", "pasted-rubric": "pasted-question", "repeated": "repetition",
           "swapped": "off-topic"}
NOT_PROSE = ("keywords", "off-topic")  # already gamed or off the question: not a fair base
_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*|\d{3,4}")


@dataclass(frozen=True)
class Variant:
    """One adversarial essay: what kind, which base essay, the rubric it is marked against."""

    kind: str
    base: str
    rubric: Rubric
    text: str


@dataclass(frozen=True)
class Outcome:
    """A variant's verdict next to its original's."""

    kind: str
    base: str
    flagged: bool
    original_mark: int
    mark: int
    flags: tuple[str, ...]


def keyword_list(text: str, rng: random.Random) -> str:
    """The essay's content words, de-duplicated, shuffled, as bullets or comma-separated lines."""
    words = list(dict.fromkeys(w for w in _WORD.findall(text) if w.lower() not in STOP_WORDS))
    rng.shuffle(words)
    if rng.random() < 0.5:
        lines, i = [], 0
        while i < len(words):
            n = rng.randint(1, 4)
            lines.append("- " + " ".join(words[i:i + n]))
            i += n
        return "\n".join(lines)
    return "\n".join(", ".join(words[i:i + 8]) for i in range(0, len(words), 8))


def paste_rubric(text: str, rubric: Rubric, rng: random.Random) -> str:
    """The question and every point's text pasted into the essay at a random paragraph break."""
    lines = [rubric.question] + [p.text for p in rubric.points]
    block = "\n".join("- " + s for s in lines) if rng.random() < 0.5 else " ".join(lines)
    paras = [p for p in text.split("\n\n") if p.strip()]
    paras.insert(rng.randint(0, len(paras)), block)
    return "\n\n".join(paras)


def repeat(text: str, rng: random.Random) -> str:
    """Triple length: the whole essay three times, or each sentence said three times in place."""
    if rng.random() < 0.5:
        return "\n\n".join([text.strip()] * 3)
    out, at = [], 0
    for s in split_sentences(text):
        out += [text[at:s.start], " ".join([s.text] * 3)]
        at = s.end
    return "".join(out) + text[at:]


def variants(essay: LabelledEssay, rubric: Rubric, others: Sequence[Rubric],
             rng: random.Random) -> list[Variant]:
    """Every adversarial variant of one essay."""
    out = [Variant("keyword-list", essay.id, rubric, keyword_list(essay.text, rng)),
           Variant("pasted-rubric", essay.id, rubric, paste_rubric(essay.text, rubric, rng)),
           Variant("repeated", essay.id, rubric, repeat(essay.text, rng))]
    out += [Variant("swapped", essay.id, other, essay.text) for other in others if other.id != rubric.id]
    return out


def dev_essays(files: Iterable[Path] | None = None) -> list[tuple[LabelledEssay, Rubric]]:
    """The genuine prose essays of the dev set with their rubrics."""
    out = []
    for path in sorted(files or DEVSET.glob("*.yaml")):
        essays = load_labelled(path)
        rubric = load_rubric(essays[0].prompt, ROOT / "rubrics")
        out += [(e, rubric) for e in essays if e.kind not in NOT_PROSE]
    return out


def run(engine: Engine, essays: Sequence[tuple[LabelledEssay, Rubric]], seed: int = 0) -> list[Outcome]:
    """Mark every original and every variant; one outcome per variant."""
    rng = random.Random(seed)
    prompts = list(dict.fromkeys(r.id for _, r in essays))
    rubrics = {r.id: r for _, r in essays}
    out = []
    for essay, rubric in essays:
        original = engine.grade(essay.text, rubric, essay.student)
        for v in variants(essay, rubric, [rubrics[p] for p in prompts], rng):
            report = engine.grade(v.text, v.rubric, essay.student)
            codes = tuple(w.code for w in report.warnings)
            out.append(Outcome(v.kind, v.base, FLAG_OF[v.kind] in codes, original.mark, report.mark, codes))
    return out


def summary(outcomes: Sequence[Outcome]) -> dict[str, dict[str, float]]:
    """Per kind: cases, share flagged, mean/max mark change, how many scored above the original."""
    out = {}
    for kind in FLAG_OF:
        mine = [o for o in outcomes if o.kind == kind]
        if not mine:
            continue
        delta = [o.mark - o.original_mark for o in mine]
        out[kind] = {"cases": len(mine), "flagged": sum(o.flagged for o in mine) / len(mine),
                     "mean_change": statistics.fmean(delta), "max_change": max(delta),
                     "above_original": sum(d > 0 for d in delta)}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=3, help="random seeds to build variants with")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--misses", action="store_true", help="list variants not flagged or marked up")
    args = parser.parse_args()
    rubrics, _ = load_all_rubrics(ROOT / "rubrics")
    engine = Engine(load_seeds(ROOT / "seeds"), rubrics)
    essays = dev_essays()
    outcomes = [o for seed in range(args.seeds) for o in run(engine, essays, seed)]
    table = summary(outcomes)
    if args.json:
        print(json.dumps(table, indent=2))
        return
    print(f"{len(essays)} base essays x {args.seeds} seeds")
    print(f"{'kind':14} {'cases':>5} {'flagged':>8} {'mean Δmark':>10} {'max Δmark':>9} {'above orig':>10}")
    for kind, row in table.items():
        print(f"{kind:14} {row['cases']:5} {row['flagged']:8.0%} {row['mean_change']:10.1f} "
              f"{row['max_change']:9} {row['above_original']:10}")
    ok = all(r["flagged"] >= 0.95 and r["above_original"] == 0 for r in table.values())
    print("TARGET MET" if ok else "TARGET NOT MET", "(every kind flagged in >= 95%, none above its original)")
    if args.misses:
        for o in outcomes:
            if not o.flagged or o.mark > o.original_mark:
                print(f"  {o.kind:14} {o.base:5} mark {o.original_mark}->{o.mark} flags {list(o.flags)}")


if __name__ == "__main__":
    main()
