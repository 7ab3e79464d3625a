"""Calibration on the labelled dev set: does fitting to a teacher's marks help on unseen essays?

For each of several random splits, every dev prompt is calibrated on ``--train`` of its essays
(their point labels, and a mark in the middle of the teacher's level band), exactly as
``essaycoach calibrate`` does (cut-offs, weights and wordings learnt, each kept only where its
own held-out folds say it helps), and the held-out rest of each prompt is marked with and
without that calibration, and with the learnt wordings alone (kept whatever the folds say:
what the never-worse choice costs or saves). Prints, per split-averaged figure, the mean and the spread (standard
deviation over splits) of micro precision, recall and F1 per point, and level agreement
(exact, within one, quadratic weighted kappa), for each training size; then the time to fit
from 30 marked essays, and the same figures when the teacher gives marks only.

    .venv/bin/python bench/calibration.py [--splits 30] [--train 6 10]
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import time

from essaycoach.calibrate import TeacherLabel, calibrate, fit_calibration, keep_only, level_of_mark
from essaycoach.engine import Engine
from essaycoach.evaluation import agreement, load_labelled
from essaycoach.loaders import load_all_rubrics, load_rubric, load_seeds

DEVSET = ROOT / "tests" / "data" / "devset"
FIGURES = ("micro_precision", "micro_recall", "micro_f1", "level_exact", "level_within_one", "qwk")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--splits", type=int, default=30)
    parser.add_argument("--train", type=int, nargs="+", default=[6, 10],
                        help="marked essays per prompt to calibrate on (one run per size)")
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
    for train_size in args.train:
        _run(engine, prompts, train_size, args.splits, marks_only=False)
    _run(engine, prompts, max(args.train), args.splits, marks_only=True)
    rubric, labels, _ = prompts[0]
    thirty = [TeacherLabel(f"{l.student} {n}", l.text, l.points, l.mark) for n in range(3) for l in labels][:30]
    start = time.perf_counter()
    calibrate(engine, rubric, thirty)
    print(f"\nfitting from {len(thirty)} marked essays ({rubric.id}): {time.perf_counter() - start:.2f} s "
          "(target < 2 s)")


def _run(engine: Engine, prompts, train_size: int, splits: int, marks_only: bool) -> None:
    rng = random.Random(0)
    kinds = ["uncalibrated", "calibrated"] + ([] if marks_only else ["wordings always"])
    runs: dict[str, list[list[float]]] = {kind: [] for kind in kinds}
    for _ in range(splits):
        rows: dict[str, list] = {kind: [] for kind in kinds}
        for rubric, labels, reports in prompts:
            order = list(range(len(labels)))
            rng.shuffle(order)
            train, test = order[:train_size], order[train_size:]
            if not test:
                continue
            taught = [labels[i] for i in train]
            if marks_only:
                taught = [TeacherLabel(l.student, l.text, {}, l.mark) for l in taught]
            cal = calibrate(engine, rubric, taught).calibration
            test_labels = [labels[i] for i in test]
            calibrated = engine.grade_many([(l.student, l.text) for l in test_labels], rubric, calibration=cal)
            rows["uncalibrated"].append((rubric, [reports[i] for i in test], test_labels))
            rows["calibrated"].append((rubric, calibrated, test_labels))
            if not marks_only:  # the learnt wordings, kept whatever the held-out folds say
                full = fit_calibration([reports[i] for i in train], taught, rubric, engine.thresholds, engine=engine)
                alone = keep_only(full, "wordings", rubric, engine.thresholds)
                rows["wordings always"].append(
                    (rubric, engine.grade_many([(l.student, l.text) for l in test_labels], rubric, calibration=alone),
                     test_labels))
        for kind, parts in rows.items():
            runs[kind].append(_pooled(parts))
    n_test = sum(max(0, len(l) - train_size) for _, l, _ in prompts)
    what = "marks only" if marks_only else "points and marks"
    print(f"\n{len(prompts)} prompts, {train_size} marked essays per prompt ({what}) to calibrate on, "
          f"{n_test} held-out essays per split, {splits} random splits")
    print(f"{'':14}" + "".join(f"{f:>20}" for f in FIGURES))
    means = {}
    for kind, values in runs.items():
        cells = []
        for j in range(len(FIGURES)):
            col = [v[j] for v in values]
            cells.append(f"{statistics.fmean(col):.3f} ± {statistics.pstdev(col):.3f}")
        means[kind] = [statistics.fmean(v[j] for v in values) for j in range(len(FIGURES))]
        print(f"{kind:14}" + "".join(f"{c:>20}" for c in cells))
    gain = means["calibrated"][2] - means["uncalibrated"][2]
    print(f"F1 gain {gain:+.3f}; QWK gain {means['calibrated'][5] - means['uncalibrated'][5]:+.3f}")


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
