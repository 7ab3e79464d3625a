"""Accuracy of the engine on the labelled dev set (tests/data/devset/*.yaml).

Prints per-point precision, recall and F1 (a point counts as made when the engine says
"covered"; `--partial` counts "partial" too), micro-averaged figures, and level
agreement (exact, within one, quadratic weighted kappa), and the share of verdicts marked
"check this" (target: at most one in five). Then the same figures on the held-out essays
(tests/data/holdout/: written and labelled after the engine's rules were set, never tuned on).

    .venv/bin/python bench/accuracy.py [--partial] [--json]
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from essaycoach.engine import Engine
from essaycoach.evaluation import evaluate
from essaycoach.loaders import load_all_rubrics, load_seeds

DEVSET = ROOT / "tests" / "data" / "devset"
HOLDOUT = ROOT / "tests" / "data" / "holdout"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--partial", action="store_true", help="count partial points as made")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--essays", action="store_true", help="print each essay's predicted vs true level")
    args = parser.parse_args()
    rubrics, _ = load_all_rubrics(ROOT / "rubrics")
    engine = Engine(load_seeds(ROOT / "seeds"), rubrics)
    overall, per_prompt, rows = evaluate(engine, sorted(DEVSET.glob("*.yaml")), ROOT / "rubrics", args.partial)
    held, _, held_rows = evaluate(engine, sorted(HOLDOUT.glob("*.yaml")), ROOT / "rubrics", args.partial)
    made = {"covered", "partial"} if args.partial else {"covered"}
    checks, held_checks = _checks(rows, made), _checks(held_rows, made)
    if args.json:
        print(json.dumps({"check_share": checks[0], "checks_wrong": checks[1],
                          "micro_f1": overall.micro_f1, "micro_precision": overall.micro_precision,
                          "micro_recall": overall.micro_recall, "level_exact": overall.level_exact,
                          "level_within_one": overall.level_within_one, "qwk": overall.qwk,
                          "essays": overall.essays,
                          "holdout": {"essays": held.essays, "micro_f1": held.micro_f1,
                                      "micro_precision": held.micro_precision, "micro_recall": held.micro_recall,
                                      "level_exact": held.level_exact, "level_within_one": held.level_within_one,
                                      "check_share": held_checks[0], "checks_wrong": held_checks[1]}},
                         indent=2))
        return
    for prompt, ag in per_prompt.items():
        print(f"\n== {prompt} ({ag.essays} essays)")
        print(f"{'point':34} {'P':>5} {'R':>5} {'F1':>5}  tp fp fn")
        for s in ag.points:
            print(f"{s.id:34} {s.precision:5.2f} {s.recall:5.2f} {s.f1:5.2f}  {s.tp:2} {s.fp:2} {s.fn:2}")
        print(f"micro P {ag.micro_precision:.2f} R {ag.micro_recall:.2f} F1 {ag.micro_f1:.2f} | "
              f"level exact {ag.level_exact:.0%} within-one {ag.level_within_one:.0%} QWK {ag.qwk:.2f}")
    if args.essays:
        print()
        for essay, report in rows:
            print(f"{essay.id:5} {essay.kind:10} true L{essay.level} pred L{report.level} "
                  f"({report.mark}/{report.max_mark}) cov {report.coverage:.2f} "
                  f"{report.balance:18} {report.judgement:9} {[w.code for w in report.warnings]}")
    print(f"\nOVERALL {overall.essays} essays: micro P {overall.micro_precision:.3f} "
          f"R {overall.micro_recall:.3f} F1 {overall.micro_f1:.3f} | level exact {overall.level_exact:.0%} "
          f"within-one {overall.level_within_one:.0%} QWK {overall.qwk:.3f} | "
          f"'check this' on {checks[0]:.0%} of verdicts (target <= 20%), {checks[1]:.0%} of them wrong "
          f"(of all verdicts {checks[2]:.0%})")
    print(f"HELD OUT {held.essays} essays: micro P {held.micro_precision:.3f} R {held.micro_recall:.3f} "
          f"F1 {held.micro_f1:.3f} | level exact {held.level_exact:.0%} within-one {held.level_within_one:.0%} | "
          f"'check this' on {held_checks[0]:.0%}, {held_checks[1]:.0%} of them wrong (of all {held_checks[2]:.0%})")


def _checks(rows, made: set[str]) -> tuple[float, float, float]:
    """Of the labelled verdicts: the share marked "check this", the share of those the teacher's
    label disagrees with, and the share of all verdicts it disagrees with (what a check is worth)."""
    judged = []
    for essay, report in rows:
        labels = dict(essay.labels)
        judged += [(p, labels[p.id]) for p in report.points if p.id in labels]
    wrong = [(p.status in made) != bool(label) for p, label in judged]
    flagged = [w for (p, _), w in zip(judged, wrong) if p.borderline]
    return (len(flagged) / max(1, len(judged)), sum(flagged) / max(1, len(flagged)), sum(wrong) / max(1, len(wrong)))


if __name__ == "__main__":
    main()
