"""Calibration on the labelled dev set: does fitting to a teacher's marks help on unseen essays?

For each of several random splits, every dev prompt is calibrated on ``--train`` of its essays
(their point labels, and a mark in the middle of the teacher's level band) and the held-out
rest of each prompt is marked with and without that calibration. Prints, per split-averaged
figure, the mean and the spread (standard deviation over splits) of micro precision, recall
and F1 per point, and level agreement (exact, within one, quadratic weighted kappa).

    .venv/bin/python bench/calibration.py [--splits 30] [--train 10]
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from essaycoach.calibrate import TeacherLabel, fit_calibration, level_of_mark
from essaycoach.engine import Engine
from essaycoach.evaluation import agreement, load_labelled
from essaycoach.loaders import load_all_rubrics, load_rubric, load_seeds

DEVSET = ROOT / "tests" / "data" / "devset"
FIGURES = ("micro_precision", "micro_recall", "micro_f1", "level_exact", "level_within_one", "qwk")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--splits", type=int, default=30)
    parser.add_argument("--train", type=int, default=10, help="marked essays per prompt to calibrate on")
    args = parser.parse_args()
    rubrics, _ = load_all_rubrics(ROOT / "rubrics")
    engine = Engine(load_seeds(ROOT / "seeds"), rubrics)
    prompts = []
    for path in sorted(DEVSET.glob("*.yaml")):
        essays = load_labelled(path)
        rubric = load_rubric(essays[0].prompt, ROOT / "rubrics")
        mid = {b.level: (b.low + b.high) // 2 for b in rubric.levels}
        labels = [TeacherLabel(e.student, e.text, dict(e.labels), mid.get(e.level, 0)) for e in essays]
        reports = engine.grade_many([(l.student, l.text) for l in labels], rubric)
        prompts.append((rubric, labels, reports))
    rng = random.Random(0)
    runs: dict[str, list[list[float]]] = {"uncalibrated": [], "calibrated": []}
    for _ in range(args.splits):
        rows = {"uncalibrated": [], "calibrated": []}
        for rubric, labels, reports in prompts:
            order = list(range(len(labels)))
            rng.shuffle(order)
            train, test = order[:args.train], order[args.train:]
            if not test:
                continue
            cal = fit_calibration([reports[i] for i in train], [labels[i] for i in train], rubric,
                                  engine.thresholds)
            test_labels = [labels[i] for i in test]
            calibrated = engine.grade_many([(l.student, l.text) for l in test_labels], rubric, calibration=cal)
            rows["uncalibrated"].append((rubric, [reports[i] for i in test], test_labels))
            rows["calibrated"].append((rubric, calibrated, test_labels))
        for kind, parts in rows.items():
            runs[kind].append(_pooled(parts))
    n_test = sum(max(0, len(l) - args.train) for _, l, _ in prompts)
    print(f"{len(prompts)} prompts, {args.train} marked essays per prompt to calibrate on, "
          f"{n_test} held-out essays per split, {args.splits} random splits")
    print(f"{'':14}" + "".join(f"{f:>20}" for f in FIGURES))
    for kind, values in runs.items():
        cells = []
        for j in range(len(FIGURES)):
            col = [v[j] for v in values]
            cells.append(f"{statistics.fmean(col):.3f} ± {statistics.pstdev(col):.3f}")
        print(f"{kind:14}" + "".join(f"{c:>20}" for c in cells))


def _pooled(parts) -> list[float]:
    """Agreement over every held-out essay of every prompt in one split."""
    pred, truth, plev, tlev = [], [], [], []
    for rubric, reports, labels in parts:
        pred += [{p.id: int(p.status == "covered") for p in r.points} for r in reports]
        truth += [dict(l.points) for l in labels]
        plev += [r.level for r in reports]
        tlev += [level_of_mark(rubric, l.mark) for l in labels]
    ag = agreement(pred, truth, plev, tlev, 5)
    return [getattr(ag, f) for f in FIGURES]


if __name__ == "__main__":
    main()
