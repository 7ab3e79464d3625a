"""Command-line subcommands that learn from a teacher's marking: ``calibrate`` (fit a rubric's
cut-offs, weights and wordings to marked essays) and ``exemplars`` (list, remove or promote the
wordings learnt). :func:`add_commands` adds their parsers to the CLI."""
from __future__ import annotations

import argparse
import os
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any, TextIO

from .cli_common import AddCommand, emit, item_errors, whole_number
from .errors import CalibrationError, EssaycoachError
from .exemplars import strict_points
from .inputs import essays_from_paths
from .loaders import load_calibration, load_rubric, rubric_path, save_calibration, update_calibration
from .markup import counted
from .rubric import Rubric
from .thresholds import Calibration, calibration_to_dict


def _kept_rubric(id_or_path: str, writes: bool) -> Rubric:
    """The rubric named, which must be the rubrics folder's own when the command ``writes``: a
    calibration and a promoted wording are kept under the rubric's id in that folder, so a copy
    elsewhere of the same id would overwrite that rubric's calibration, or the rubric itself."""
    rubric = load_rubric(id_or_path)
    if writes and id_or_path != rubric.id:
        kept = rubric_path(rubric.id)
        if not kept.exists() or not os.path.samefile(id_or_path, kept):
            raise EssaycoachError(
                f"{id_or_path}: this command writes to the rubric {rubric.id!r} of the rubrics folder "
                f"({kept.parent}), and this file is not that one; copy it into the rubrics folder and give its id")
    return rubric


def cmd_calibrate(args: argparse.Namespace, out: TextIO) -> int:
    from datetime import datetime

    from .calibrate import calibrate, labels_from_inputs
    from .project import default_engine

    rubric = _kept_rubric(args.rubric, writes=not args.dry_run)
    essays = essays_from_paths([args.marked], stdin=sys.stdin, stdin_csv=True)  # "-": the marked CSV
    if all(e.error for e in essays):
        raise EssaycoachError("no marked essay could be read: " + item_errors(essays))
    for e in essays:
        if e.error:
            print(f"essaycoach: {e.origin} ({e.student}): {e.error} (skipped)", file=sys.stderr)
    labels = labels_from_inputs(essays, rubric)
    stamp = datetime.now().isoformat(timespec="seconds")
    result = calibrate(default_engine(), rubric, labels, folds=args.folds, fitted_at=stamp)
    path = None if args.dry_run else save_calibration(result.calibration)
    data = {"rubric": rubric.id, "essays": len(labels), "folds": result.folds,
            "levels_compared": result.levels_compared,
            "before": _agreement_dict(result.before, result.levels_compared),
            "after": _agreement_dict(result.after, result.levels_compared),
            "calibration": calibration_to_dict(result.calibration),
            "strict_points": sorted(strict_points(result.calibration.exemplars, rubric)),
            "disagreements": [asdict(d) for d in result.disagreements],
            "written": str(path) if path else None}
    emit(data, args.json, _calibration_text(result, rubric, path, args.show), out)
    return 0


def _judged(ag) -> int:
    """How many point verdicts the teacher gave (none when the CSV has no point columns)."""
    return sum(p.tp + p.fp + p.fn + p.tn for p in ag.points)


def _agreement_dict(ag, levels: int) -> dict[str, Any]:
    judged = _judged(ag)  # with no point judged, agreement on points is not 1.0 but unknown
    out = {"points_judged": judged,
           "micro_precision": round(ag.micro_precision, 3) if judged else None,
           "micro_recall": round(ag.micro_recall, 3) if judged else None,
           "micro_f1": round(ag.micro_f1, 3) if judged else None,
           "points": {p.id: {"precision": round(p.precision, 3), "recall": round(p.recall, 3),
                             "tp": p.tp, "fp": p.fp, "fn": p.fn, "tn": p.tn} for p in ag.points}}
    if levels:
        out.update(level_exact=round(ag.level_exact, 3), level_within_one=round(ag.level_within_one, 3),
                   qwk=round(ag.qwk, 3))
    return out


def _calibration_text(result, rubric: Rubric, path: Path | None, show: int) -> str:
    b, a = result.before, result.after
    lines = [f"{result.calibration.rubric}: {result.calibration.essays} marked essays, "
             f"agreement on held-out essays ({result.folds}-fold cross-validation)",
             f"{'point':30} {'P before':>8} {'R before':>8} {'P after':>8} {'R after':>8}"]
    judged = _judged(b)
    if not judged:
        lines[-1] = ("points: no column judges a point (a 0/1 column per point id), so no agreement on points "
                     "and no wordings learnt")
    else:
        after = {p.id: p for p in a.points}
        for p in b.points:
            q = after[p.id]
            lines.append(f"{p.id:30} {p.precision:8.2f} {p.recall:8.2f} {q.precision:8.2f} {q.recall:8.2f}")
        lines.append(f"{'all points (micro)':30} {b.micro_precision:8.2f} {b.micro_recall:8.2f} "
                     f"{a.micro_precision:8.2f} {a.micro_recall:8.2f}   F1 {b.micro_f1:.2f} -> {a.micro_f1:.2f}")
    if result.levels_compared:
        lines.append(f"level ({result.levels_compared} essays with a mark): exact {b.level_exact:.0%} -> "
                     f"{a.level_exact:.0%}, within one {b.level_within_one:.0%} -> {a.level_within_one:.0%}, "
                     f"QWK {b.qwk:.2f} -> {a.qwk:.2f}")
    else:
        lines.append("level: no 'mark' column, so no level agreement")
    lines.append("thresholds (covered) and weights:")
    weights = result.calibration.weight_map()
    lines += [f"  {pid:30} {th.covered:.2f}  x{weights[pid]:.2f}" for pid, th in result.calibration.thresholds]
    if result.calibration.note and judged:  # (about the wordings: with no point judged there are none)
        lines.append(f"note: {result.calibration.note}")
    lines += _exemplar_lines(result.calibration.exemplars) if judged else []
    lines += _strict_lines(result.calibration.exemplars, rubric)
    if result.disagreements:
        lines.append(f"disagreements after calibration ({len(result.disagreements)}; first {show}):")
        for d in result.disagreements[:show]:
            where = f' -- "{d.sentence[:70]}"' if d.sentence else ""
            lines.append(f"  {d.student}: {d.point}: you {d.teacher}, engine {d.engine}{where}")
    lines.append(f"wrote {path}" if path else "dry run: calibration not written")
    return "\n".join(lines)


def _exemplar_lines(exemplars) -> list[str]:
    if not exemplars:
        return ["wordings learnt: none"]
    lines = [f"wordings learnt ({len(exemplars):,}; remove one with 'essaycoach exemplars RUBRIC --remove N'):"]
    for n, e in enumerate(exemplars, 1):
        who = f" ({e.student})" if e.student else ""
        lines.append(f"  {n:3}. {e.point} {e.kind}{who}: {e.sentence}")
    return lines


def _strict_lines(exemplars, rubric: Rubric) -> list[str]:
    strict = sorted(strict_points(exemplars, rubric))
    if not strict:
        return []
    return [f"points you mostly did not credit where the engine did (now made only by a sentence like one "
            f"you credited; remove rejected wordings to undo): {', '.join(strict)}"]


def cmd_exemplars(args: argparse.Namespace, out: TextIO) -> int:
    """List the wordings a rubric's calibration learnt; remove some, or keep one for good as an
    alias in the rubric (``--promote``), by the numbers the list shows."""
    from .loaders import save_rubric
    from .thresholds import promote_exemplars, without_exemplars

    rubric = _kept_rubric(args.rubric, writes=bool(args.remove or args.promote))
    promoted = list(dict.fromkeys(args.promote or []))
    removed = [n for n in dict.fromkeys(args.remove or []) if n not in promoted]  # a number once
    done = [f"{len(promoted)} kept as {'an alias' if len(promoted) == 1 else 'aliases'}"] if promoted else []
    done += [f"removed {len(removed)}"] if removed else []

    def change(cal: Calibration) -> Calibration:
        nonlocal rubric
        kept = without_exemplars(cal, [*promoted, *removed])  # every number checked before anything is written
        if promoted:  # the rubric and its calibration change together, under the calibration's lock
            rubric, _ = promote_exemplars(rubric, cal, promoted)
            save_rubric(rubric)
        return kept

    cal = update_calibration(rubric.id, change) if promoted or removed else load_calibration(rubric.id)
    if cal is None:
        raise CalibrationError(f"{rubric.id} has no calibration: run 'essaycoach calibrate' first")
    data = [{"number": n, "point": e.point, "kind": e.kind, "student": e.student, "sentence": e.sentence}
            for n, e in enumerate(cal.exemplars, 1)]
    text = "\n".join([f"{rubric.id}: " + "".join(f"{d}; " for d in done)
                      + f"{counted(len(cal.exemplars), 'wording')} learnt", *_exemplar_lines(cal.exemplars)[1:],
                      *_strict_lines(cal.exemplars, rubric)])
    emit(data, args.json, text, out)
    return 0


def add_commands(add: AddCommand) -> None:
    """Add this module's subcommands through the CLI's ``add(name, help, func)``."""
    p = add("calibrate", "learn from your own marking: a rubric's cut-offs, weights and wordings", cmd_calibrate)
    p.add_argument("--rubric", "-r", required=True, help="rubric id or path")
    p.add_argument("--folds", type=whole_number(2, 50), default=5, help="cross-validation folds (default 5)")
    p.add_argument("--dry-run", action="store_true", help="report agreement but do not write the calibration")
    p.add_argument("--show", type=whole_number(0, 10_000), default=20, help="disagreements to list (default 20)")
    p.add_argument("marked", help="CSV with student and essay columns, a 0/1 column per point id "
                   "and/or a 'mark' column (- reads it from standard input)")
    p = add("exemplars", "list the wordings a rubric's calibration learnt from your marking (or remove them, or "
                          "keep them as aliases)",
            cmd_exemplars)
    p.add_argument("rubric", help="rubric id or path")
    p.add_argument("--remove", type=int, nargs="+", metavar="N", help="remove these numbers (as listed)")
    p.add_argument("--promote", type=int, nargs="+", metavar="N",
                   help="keep these credited wordings for good as aliases in the rubric (saved with history)")
