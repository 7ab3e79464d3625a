"""Accuracy on subjects the course notes do not cover (tests/data/subjects/): an English
literature essay, a geography and a biology short answer and an economics essay, each with
answers of every quality and a few probes (a denial, topic words only, bullet notes, the
rubric's own words, a very short answer), labelled before the engine marked them.

Prints, per rubric and for the genuine answers and the probes, per-point micro precision,
recall and F1 (a point counts as made when the engine says "covered") and level agreement,
then every answer's level against the teacher's.

    .venv/bin/python bench/subjects.py
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from essaycoach.engine import Engine
from essaycoach.evaluation import agreement, evaluate
from essaycoach.loaders import load_all_rubrics, load_seeds

SUBJECTS = ROOT / "tests" / "data" / "subjects"
GENUINE = {"strong", "average", "weak", "onesided", "paraphrase"}


def main() -> None:
    shipped, _ = load_all_rubrics(ROOT / "rubrics")
    own, _ = load_all_rubrics(SUBJECTS / "rubrics")
    engine = Engine(load_seeds(ROOT / "seeds"), [*shipped, *own])
    overall, per_rubric, rows = evaluate(engine, sorted(SUBJECTS.glob("*.yaml")), SUBJECTS / "rubrics")
    print(f"{'rubric':24} {'P':>5} {'R':>5} {'F1':>5}  level exact  within one")
    for name, ag in per_rubric.items():
        print(f"{name:24} {ag.micro_precision:5.2f} {ag.micro_recall:5.2f} {ag.micro_f1:5.2f}  "
              f"{ag.level_exact:11.0%}  {ag.level_within_one:10.0%}")
    for group, keep in (("genuine answers", True), ("probes", False)):
        chosen = [(e, r) for e, r in rows if (e.kind in GENUINE) is keep]
        ag = agreement([{p.id: int(p.status == "covered") for p in r.points} for _, r in chosen],
                       [dict(e.labels) for e, _ in chosen], [r.level for _, r in chosen],
                       [e.level for e, _ in chosen])
        print(f"{group + f' ({len(chosen)})':24} {ag.micro_precision:5.2f} {ag.micro_recall:5.2f} "
              f"{ag.micro_f1:5.2f}  {ag.level_exact:11.0%}  {ag.level_within_one:10.0%}")
    print()
    for essay, report in rows:
        print(f"{essay.id:30} {essay.kind:12} teacher L{essay.level} engine L{report.level} "
              f"({report.mark}/{report.max_mark}) {[w.code for w in report.warnings]}")
    print(f"\nOVERALL {overall.essays} answers: micro P {overall.micro_precision:.3f} "
          f"R {overall.micro_recall:.3f} F1 {overall.micro_f1:.3f} | level exact {overall.level_exact:.0%} "
          f"within one {overall.level_within_one:.0%}")


if __name__ == "__main__":
    main()
