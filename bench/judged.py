"""Agreement with teachers' own judgements on rubrics the engine was never tuned on
(tests/data/teacher/judged/): each judged rubric's answers (full, half, careless, short and
fluent-but-wrong) were marked point by point, with a level and a mark, before the engine was run.

Prints, per rubric and in all, how many point verdicts agree, the wrong credits (the engine says
covered, the teacher missing), the wrong zeros (the engine missing, the teacher covered) and the
rest (partial against either), then level and mark agreement.

    .venv/bin/python bench/judged.py [--essays]
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from essaycoach.engine import Engine
from essaycoach.loaders import load_all_rubrics, load_seeds, read_rubric_file

TEACHER = ROOT / "tests" / "data" / "teacher"


@dataclass(frozen=True)
class Judged:
    essay: str
    level: int
    mark: int
    points: dict[str, str]


def load_judged(path: Path) -> tuple[str, list[Judged]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data["rubric"], [Judged(name, int(e["level"]), int(e["mark"]), dict(e["points"]))
                            for name, e in data["essays"].items()]


def kind(engine_status: str, judged: str) -> str:
    if engine_status == judged:
        return "agree"
    if engine_status == "covered" and judged == "missing":
        return "wrong credit"
    if engine_status == "missing" and judged == "covered":
        return "wrong zero"
    return "other"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--essays", action="store_true",
                        help="print each answer's level and mark and each disagreement")
    args = parser.parse_args()
    shipped, _ = load_all_rubrics(ROOT / "rubrics")
    engine = Engine(load_seeds(ROOT / "seeds"), shipped)
    total: Counter[str] = Counter()
    levels = marks = within = answers = 0
    kinds = ("agree", "wrong credit", "wrong zero", "other")
    print(f"{'rubric':26} {'agree':>5} {'credit':>6} {'zero':>5} {'other':>5}  level  mark")
    for path in sorted((TEACHER / "judged").glob("*.yaml")):
        rubric_id, judged = load_judged(path)
        rubric = read_rubric_file(TEACHER / f"{rubric_id}.yaml")
        here: Counter[str] = Counter()
        lv = mk = 0
        for j in judged:
            report = engine.grade((TEACHER / "essays" / f"{j.essay}.txt").read_text(encoding="utf-8"), rubric)
            for p in report.points:
                k = kind(p.status, j.points[p.id])
                here[k] += 1
                if args.essays and k != "agree":
                    print(f"    {j.essay} {p.id}: engine {p.status}, teacher {j.points[p.id]}")
            lv += report.level == j.level
            mk += report.mark == j.mark
            within += abs(report.level - j.level) <= 1
            if args.essays:
                print(f"  {j.essay}: teacher L{j.level} {j.mark}, "
                      f"engine L{report.level} {report.mark}/{report.max_mark}")
        total += here
        levels, marks, answers = levels + lv, marks + mk, answers + len(judged)
        print(f"{rubric_id:26} {here['agree']:5} {here['wrong credit']:6} {here['wrong zero']:5} {here['other']:5}  "
              f"{lv:2}/{len(judged)}  {mk:2}/{len(judged)}")
    verdicts = sum(total.values())
    print(f"\nall {verdicts} point verdicts: " + ", ".join(f"{k} {total[k]}" for k in kinds))
    print(f"{answers} answers: level exact {levels} ({levels / answers:.0%}), within one {within / answers:.0%}, "
          f"mark exact {marks} ({marks / answers:.0%})")


if __name__ == "__main__":
    main()
