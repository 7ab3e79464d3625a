"""How the engine's global defaults were chosen: a small grid over the match settings and the
status thresholds, scored by micro-F1 on the labelled dev set with leave-one-prompt-out, so
each setting is judged on prompts it was not picked on. Prints the best settings per fold and
overall; it changes nothing.

    .venv/bin/python bench/tune.py
"""
from __future__ import annotations

import itertools
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from essaycoach.engine import Engine
from essaycoach.evaluation import load_labelled
from essaycoach.loaders import load_all_rubrics, load_rubric, load_seeds
from essaycoach.match import MatchConfig, Matcher
from essaycoach.sentences import split_sentences

GRID = {
    "alpha": [0.5, 0.65, 0.8],
    "top_terms": [3, 4, 6, 8],
    "alias_discount": [0.8, 0.9, 1.0],
    "evidence_discount": [0.6, 0.75, 0.9],
}
COVERED = np.arange(0.30, 0.71, 0.02)


def main() -> None:
    rubrics, _ = load_all_rubrics(ROOT / "rubrics")
    engine = Engine(load_seeds(ROOT / "seeds"), rubrics)
    sets = {}
    for path in sorted((ROOT / "tests" / "data" / "devset").glob("*.yaml")):
        essays = [e for e in load_labelled(path) if e.labels]
        if essays:
            sets[path.stem] = (load_rubric(path.stem, ROOT / "rubrics"), essays)
    results = {}  # (config tuple) -> {prompt: (scores array, labels array)}
    for values in itertools.product(*GRID.values()):
        cfg = replace(MatchConfig(), **dict(zip(GRID, values)))
        per_prompt = {}
        for prompt, (rubric, essays) in sets.items():
            m = Matcher(rubric, engine.index, cfg)
            scores, labels = [], []
            for e in essays:
                s = m.score([x.text for x in split_sentences(e.text)]).point_scores
                lab = dict(e.labels)
                scores.extend(s)
                labels.extend(lab[p.id] for p in rubric.points)
            per_prompt[prompt] = (np.array(scores), np.array(labels))
        results[values] = per_prompt

    def f1(values, covered, prompts):
        tp = fp = fn = 0
        for p in prompts:
            s, y = results[values][p]
            pred = s >= covered
            tp += int((pred & (y == 1)).sum())
            fp += int((pred & (y == 0)).sum())
            fn += int((~pred & (y == 1)).sum())
        return 2 * tp / (2 * tp + fp + fn) if tp else 0.0

    prompts = list(sets)
    held = []
    for out in prompts:
        train = [p for p in prompts if p != out]
        best = max(((v, c) for v in results for c in COVERED), key=lambda vc: f1(vc[0], vc[1], train))
        held.append(f1(best[0], best[1], [out]))
        print(f"hold out {out:26} best on the rest {dict(zip(GRID, best[0]))} covered>={best[1]:.2f} "
              f"-> held-out F1 {held[-1]:.3f}")
    best = max(((v, c) for v in results for c in COVERED), key=lambda vc: f1(vc[0], vc[1], prompts))
    print(f"\nleave-one-prompt-out F1: mean {np.mean(held):.3f} (min {min(held):.3f})")
    print(f"best on all prompts: {dict(zip(GRID, best[0]))} covered>={best[1]:.2f} F1 {f1(*best, prompts):.3f}")
    default = tuple(getattr(MatchConfig(), k) for k in GRID)
    if default in results:
        from essaycoach.engine import Thresholds
        print(f"current defaults {dict(zip(GRID, default))} covered>={Thresholds().covered:.2f}: "
              f"F1 {f1(default, Thresholds().covered, prompts):.3f}")


if __name__ == "__main__":
    main()
