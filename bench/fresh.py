"""How the point verdicts carry to rubrics and answers written afresh (tests/data/fresh/): three
teachers' rubrics (Stalin's rise in a teacher's own words, GCSE vaccination, An Inspector Calls),
honest answers and probes written to catch wrong credit, each point labelled 0/1 before the engine
marked it. A check, not a target: no rule copies its wording, though its probes' wrong credits
have since pointed to mechanisms worth building (a comparison turned round, a sentence of shared
terms and "be"), each tested on the shipped rubrics and checked against every labelled set.

Prints, per rubric and for the honest answers and the probes, micro precision, recall and F1 of
"covered" against the labels, and the same counting "partial" as made.

    .venv/bin/python bench/fresh.py
"""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from essaycoach.engine import Engine
from essaycoach.loaders import load_all_rubrics, load_seeds
from essaycoach.safeio import load_yaml_text

FRESH = ROOT / "tests" / "data" / "fresh"


def figures(counts: Counter) -> str:
    tp, fp, fn = counts["tp"], counts["fp"], counts["fn"]
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return f"P {p:.2f} R {r:.2f} F1 {f1:.2f} (tp {tp}, fp {fp}, fn {fn})"


def main() -> None:
    shipped, _ = load_all_rubrics(ROOT / "rubrics")
    own, _ = load_all_rubrics(FRESH / "rubrics")
    engine = Engine(load_seeds(ROOT / "seeds"), [*shipped, *own])
    by_id = {r.id: r for r in own}
    totals: dict[tuple[str, str], Counter] = {}
    for path in sorted(FRESH.glob("*.yaml")):
        data = load_yaml_text(path.read_text(encoding="utf-8"))
        rubric = by_id[data["prompt"]]
        essays = data["essays"]
        reports = engine.grade_many([(e["id"], e["text"]) for e in essays], rubric)
        for essay, report in zip(essays, reports):
            for p in report.points:
                truth = bool(essay["labels"][p.id])
                for how, made in (("covered", p.status == "covered"), ("partial too", p.status != "missing")):
                    for group in ((rubric.id, how), (essay["kind"], how), ("all", how)):
                        c = totals.setdefault(group, Counter())
                        c["tp" if made and truth else "fp" if made else "fn" if truth else "tn"] += 1
    for group in [*(r.id for r in own), "genuine", "all"]:
        print(f"{group:20} covered: {figures(totals[(group, 'covered')])} | "
              f"partial as made: {figures(totals[(group, 'partial too')])}")
    # The probes' points are almost all labelled "not made": what matters is how often they are credited.
    covered, credited = totals[("probe", "covered")], totals[("probe", "partial too")]
    wrong = covered["fp"] + covered["tn"]
    print(f"{'probe':20} wrongly covered: {covered['fp']} of {wrong} verdicts ({covered['fp'] / wrong:.0%}); "
          f"covered or partial: {credited['fp']} ({credited['fp'] / wrong:.0%})")


if __name__ == "__main__":
    main()
