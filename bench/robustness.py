"""Robustness to gaming: adversarial variants of the dev-set essays, and what the engine does.

Each genuine prose essay (every dev essay except the ``keywords`` and ``off-topic`` kinds) is
turned into five kinds of variant (built by ``essaycoach.variants``): a keyword list, the rubric
pasted in, the essay repeated, the essay marked against each of the other dev prompts, and its
words shuffled into sentences (jumbled).

Per kind it prints the share flagged (with that kind's flag) and the mark change versus the
original essay marked on its own prompt. Target: every kind flagged in at least 95% of cases
and no variant scoring above its original.

    .venv/bin/python bench/robustness.py [--seeds 3] [--json]
"""
from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from essaycoach.engine import Engine
from essaycoach.evaluation import LabelledEssay
from essaycoach.loaders import load_all_rubrics, load_seeds
from essaycoach.rubric import Rubric
from essaycoach.variants import FLAG_OF, prose_essays, variants

DEVSET = ROOT / "tests" / "data" / "devset"


@dataclass(frozen=True)
class Outcome:
    """A variant's verdict next to its original's."""

    kind: str
    base: str
    flagged: bool
    original_mark: int
    mark: int
    flags: tuple[str, ...]


def dev_essays(files: Iterable[Path] | None = None) -> list[tuple[LabelledEssay, Rubric]]:
    """The genuine prose essays of the dev set with their rubrics."""
    return prose_essays(files or DEVSET.glob("*.yaml"), ROOT / "rubrics")


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
