"""Agreement between the engine and a teacher: per-point precision/recall/F1, level agreement, QWK."""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .loaders import load_rubric, read_rubric_file
from .safeio import load_yaml_text, read_bounded

if TYPE_CHECKING:
    from .engine import Engine
    from .report import Report


@dataclass(frozen=True)
class LabelledEssay:
    """An essay with a teacher's verdicts: a 0/1 label per point and a level."""

    id: str
    prompt: str
    student: str
    kind: str
    text: str
    level: int
    judgement: bool
    labels: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class PointAgreement:
    """How often the engine's 'made' (covered, or partial if counted) matches the teacher's tick."""

    id: str
    tp: int
    fp: int
    fn: int
    tn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class Agreement:
    """Summary agreement over a set of essays."""

    essays: int
    points: tuple[PointAgreement, ...]
    micro_precision: float
    micro_recall: float
    micro_f1: float
    level_exact: float
    level_within_one: float
    qwk: float


def load_labelled(path: Path) -> list[LabelledEssay]:
    """Read one dev-set file (``tests/data/devset/<prompt>.yaml``)."""
    data = load_yaml_text(read_bounded(path, 10_000_000).decode("utf-8"))
    out = []
    for e in data["essays"]:
        out.append(LabelledEssay(str(e["id"]), data["prompt"], e.get("student", ""), e.get("kind", ""),
                                 e["text"], int(e["level"]), bool(e.get("judgement", False)),
                                 tuple((str(k), int(v)) for k, v in (e.get("labels") or {}).items())))
    return out


def quadratic_weighted_kappa(a: Sequence[int], b: Sequence[int], low: int, high: int) -> float:
    """Cohen's kappa with quadratic weights, for ordinal levels in [low, high]."""
    n = len(a)
    if n == 0:
        return 0.0
    k = high - low + 1
    observed = [[0.0] * k for _ in range(k)]
    for x, y in zip(a, b):
        observed[x - low][y - low] += 1
    ha = [sum(row) for row in observed]
    hb = [sum(observed[i][j] for i in range(k)) for j in range(k)]
    num = den = 0.0
    for i in range(k):
        for j in range(k):
            w = (i - j) ** 2 / (k - 1) ** 2 if k > 1 else 0.0
            num += w * observed[i][j]
            den += w * ha[i] * hb[j] / n
    return 1.0 - num / den if den else 1.0


def agreement(predicted: Sequence[Mapping[str, int]], truth: Sequence[Mapping[str, int]],
              predicted_levels: Sequence[int], true_levels: Sequence[int], top_level: int = 5) -> Agreement:
    """Compare engine verdicts with a teacher's, essay by essay."""
    ids = sorted({k for t in truth for k in t})
    stats = []
    for pid in ids:
        tp = fp = fn = tn = 0
        for pred, true in zip(predicted, truth):
            if pid not in true:
                continue
            p, t = pred.get(pid, 0), true[pid]
            tp += p and t
            fp += p and not t
            fn += (not p) and t
            tn += (not p) and (not t)
        stats.append(PointAgreement(pid, tp, fp, fn, tn))
    TP, FP, FN = (sum(getattr(s, f) for s in stats) for f in ("tp", "fp", "fn"))
    mp = TP / (TP + FP) if TP + FP else 1.0
    mr = TP / (TP + FN) if TP + FN else 1.0
    mf = 2 * mp * mr / (mp + mr) if mp + mr else 0.0
    n = len(true_levels)
    exact = sum(a == b for a, b in zip(predicted_levels, true_levels)) / n if n else 0.0
    within = sum(abs(a - b) <= 1 for a, b in zip(predicted_levels, true_levels)) / n if n else 0.0
    qwk = quadratic_weighted_kappa(list(predicted_levels), list(true_levels), 0, top_level)
    return Agreement(len(truth), tuple(stats), mp, mr, mf, exact, within, qwk)


def evaluate(engine: Engine, files: Iterable[Path], rubrics_folder: Path, count_partial: bool = False
             ) -> tuple[Agreement, dict[str, Agreement], list[tuple[LabelledEssay, Report]]]:
    """Grade every labelled essay of ``files`` (dev-set files, rubrics from ``rubrics_folder``);
    return (overall Agreement, {prompt: Agreement}, rows). A point counts as made when the
    engine says "covered" (and "partial" too with ``count_partial``)."""
    preds: list[Mapping[str, int]] = []
    truths: list[Mapping[str, int]] = []
    plev: list[int] = []
    tlev: list[int] = []
    rows: list[tuple[LabelledEssay, Report]] = []
    per_prompt = {}
    for path in files:
        essays = [e for e in load_labelled(path) if e.labels]
        if not essays:
            continue
        rubric = load_rubric(essays[0].prompt, rubrics_folder)
        pp, tt, pl, tl = [], [], [], []
        for essay in essays:
            report = engine.grade(essay.text, rubric, essay.student)
            made = {"covered"} | ({"partial"} if count_partial else set())
            pred = {p.id: int(p.status in made) for p in report.points}
            pp.append(pred)
            tt.append(dict(essay.labels))
            pl.append(report.level)
            tl.append(essay.level)
            rows.append((essay, report))
        per_prompt[path.stem] = agreement(pp, tt, pl, tl)
        preds += pp
        truths += tt
        plev += pl
        tlev += tl
    return agreement(preds, truths, plev, tlev), per_prompt, rows


@dataclass(frozen=True)
class Comparison:
    """One prompt's agreement under the shipped and the second rubric."""

    prompt: str
    shipped: Agreement
    second: Agreement
    off_topic: tuple[str, ...]  # genuine essays flagged off-topic under the second rubric


def compare_rubrics(engine: Engine, devset: Path, second_dir: Path, rubrics_folder: Path) -> list[Comparison]:
    """Mark every labelled essay of ``devset`` with both rubrics of its prompt: the shipped one
    (from ``rubrics_folder``) and the one written independently in ``second_dir``, whose
    ``mapping.yaml`` maps each of its points to the shipped point it restates."""
    mapping = load_yaml_text((second_dir / "mapping.yaml").read_text(encoding="utf-8"))
    out = []
    for prompt, entry in mapping.items():
        essays = load_labelled(devset / f"{prompt}.yaml")
        shipped = load_rubric(prompt, rubrics_folder)
        second = read_rubric_file(second_dir / f"{entry['rubric']}.yaml")
        to_old = entry["points"]
        truth = [dict(e.labels) for e in essays]
        levels = [e.level for e in essays]
        pairs = [(e.id, e.text) for e in essays]
        a = engine.grade_many(pairs, shipped)
        b = engine.grade_many(pairs, second)
        pred_a = [{p.id: int(p.status == "covered") for p in r.points} for r in a]
        pred_b = [{to_old[p.id]: int(p.status == "covered") for p in r.points} for r in b]
        flagged = tuple(e.id for e, r in zip(essays, b)
                        if e.kind != "off-topic" and any(w.code == "off-topic" for w in r.warnings))
        out.append(Comparison(prompt, agreement(pred_a, truth, [r.level for r in a], levels),
                              agreement(pred_b, truth, [r.level for r in b], levels), flagged))
    return out
