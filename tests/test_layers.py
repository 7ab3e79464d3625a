"""The package's layers point down: text -> corpus -> rubric -> engine -> report -> batch -> shells.

Every module of ``src/essaycoach`` is parsed (nothing is imported) and every import in it is
read, including those inside functions and under ``TYPE_CHECKING``: a lazy import is still an
arrow. A module may import its own layer or lower ones, never a higher one; no core module
imports a shell; there are no cycles; nobody in the package imports the package ``__init__``
(the public face sits on top, so its re-exports cannot shape the layers below) nor another
module's private names; and the tests
do not reach into ``bench/`` (benches use the tests' helpers through the package, not the
other way round).
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "essaycoach"
TEXT, CORPUS, RUBRIC, ENGINE, REPORT, BATCH, SHELL = range(7)

# One layer per module. A new module goes here (the test fails until it does), at the lowest
# layer whose modules it needs.
LAYER = {
    # text: words, sentences, decoding, where things live; no essaycoach imports above errors
    "_version": TEXT, "errors": TEXT, "paths": TEXT, "safeio": TEXT, "documents": TEXT, "markup": TEXT, "lexicon": TEXT,
    "spelling": TEXT, "analyze": TEXT, "sentences": TEXT, "roundtrip": TEXT, "negation": TEXT, "sentence_form": TEXT,
    "comparison": TEXT, "claims": TEXT,
    # corpus: the seed notes as passages and their index
    "corpus": CORPUS,
    # rubric: the rubric, its files, its editing, the thresholds a calibration stores per point
    "rubric": RUBRIC, "loaders": RUBRIC, "rubric_edit": RUBRIC, "editor_state": RUBRIC, "thresholds": RUBRIC,
    "exemplars": RUBRIC,
    # engine: matching, flags and verdicts, and the result types the engine fills (report.py:
    # the Report dataclasses and the status vocabulary, read by everything above)
    "report": ENGINE, "pointcheck": ENGINE, "subject": ENGINE, "matchstate": ENGINE, "match": ENGINE, "flags": ENGINE,
    "verdicts": ENGINE,
    "engine": ENGINE,
    # report: what reads reports: agreement with a teacher, the teacher's overrides, gaming variants
    "evaluation": REPORT, "overrides": REPORT, "variants": REPORT,
    # batch: class sets from files, marking them, fitting a calibration, downloads
    "inputs": BATCH, "batch": BATCH, "marking": BATCH, "learn": BATCH, "calibrate": BATCH, "exports": BATCH,
    # shells: the project's folders, the command line, SQLite, the package's public face
    "project": SHELL, "cache": SHELL, "cli": SHELL, "cli_calibration": SHELL, "cli_classroom": SHELL,
    "cli_common": SHELL, "migrations": SHELL, "accounts": SHELL,
    "classroom": SHELL, "assignments": SHELL, "backup": SHELL, "__main__": SHELL, "store": SHELL, "attempts": SHELL,
    "classes": SHELL, "class_lessons": SHELL, "comment_bank": SHELL, "__init__": SHELL,
}
SHELLS = {m for m, layer in LAYER.items() if layer == SHELL}
OUTSIDE_SHELLS = {"streamlit", "app_pages", "app"}  # shells that live outside the package
NAMES = {v: k for k, v in {"text": TEXT, "corpus": CORPUS, "rubric": RUBRIC, "engine": ENGINE,
                           "report": REPORT, "batch": BATCH, "shell": SHELL}.items()}


def _modules() -> dict[str, ast.Module]:
    return {p.stem: ast.parse(p.read_text(encoding="utf-8"), str(p)) for p in sorted(PACKAGE.glob("*.py"))}


MODULES = _modules()


def _target(dotted: str, level: int, name: str | None = None) -> str:
    """The package module (or outside top-level package) an import names: ``from .x import y``
    is ``x``; ``from . import y`` is ``y`` when ``y`` is a module, else the package ``__init__``."""
    if level == 0:
        top, _, rest = dotted.partition(".")
        if top != "essaycoach":
            return f"<{top}>"
        dotted = rest
    first = dotted.split(".")[0] if dotted else ""
    if first:
        return first
    return name if name in MODULES else "__init__"


def imports(tree: ast.Module) -> list[tuple[str, int]]:
    """``(target, line)`` for every import anywhere in the module; outside packages as ``<name>``."""
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(_target(a.name, 0), node.lineno) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            out += [(_target(node.module or "", node.level, a.name), node.lineno) for a in node.names]
    return out


GRAPH = {m: {t for t, _ in imports(tree) if not t.startswith("<")} - {m} for m, tree in MODULES.items()}


def test_every_module_has_a_layer():
    assert set(MODULES) <= set(LAYER), f"give these modules a layer in LAYER: {sorted(set(MODULES) - set(LAYER))}"
    assert set(LAYER) <= set(MODULES), f"LAYER names modules that do not exist: {sorted(set(LAYER) - set(MODULES))}"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_point_down(module):
    upward = [f"line {line}: {module} ({NAMES[LAYER[module]]}) imports {t} ({NAMES[LAYER[t]]})"
              for t, line in imports(MODULES[module]) if t in LAYER and LAYER[t] > LAYER.get(module, SHELL)]
    assert not upward, upward


@pytest.mark.parametrize("module", sorted(m for m in MODULES if LAYER.get(m) != SHELL))
def test_no_core_module_imports_a_shell(module):
    found = [f"line {line}: {t}" for t, line in imports(MODULES[module])
             if t in SHELLS or t.strip("<>") in OUTSIDE_SHELLS]
    assert not found, found


def test_no_import_cycles():
    cycles, state = [], dict.fromkeys(GRAPH, 0)  # 0 unseen, 1 on the current path, 2 done

    def visit(m: str, path: list[str]) -> None:
        state[m] = 1
        for t in sorted(GRAPH[m]):
            if state.get(t) == 1:
                cycles.append(" -> ".join(path[path.index(t):] + [m, t]) if t in path else f"{m} -> {t}")
            elif state.get(t) == 0:
                visit(t, path + [m])
        state[m] = 2

    for m in sorted(GRAPH):
        if state[m] == 0:
            visit(m, [])
    assert not cycles, cycles


def test_nobody_in_the_package_imports_its_init():
    found = [f"{m} line {line}" for m, tree in MODULES.items() if m != "__init__"
             for t, line in imports(tree) if t == "__init__"]
    assert not found, found


def test_no_module_takes_another_modules_private_names():
    found = [f"{m} line {node.lineno}: {a.name} from {node.module}" for m, tree in MODULES.items()
             for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
             for a in node.names if a.name.startswith("_") and a.name != "__version__"]
    assert not found, found


_BENCH_PATH = re.compile(r"(?:.*/)?bench(?:/[\w./]*)?")


def _reaches_bench(tree: ast.Module) -> list[int]:
    """Lines that import ``bench`` or name a path into it (``ROOT / "bench" / "x.py"``)."""
    docstrings = {id(n.body[0].value) for n in ast.walk(tree)
                  if isinstance(n, ast.Module | ast.FunctionDef | ast.ClassDef) and n.body
                  and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [node.module or ""]
        else:
            names = []
        path = node.value if isinstance(node, ast.Constant) and id(node) not in docstrings else None
        if any(n.split(".")[0] == "bench" for n in names) or (
                isinstance(path, str) and _BENCH_PATH.fullmatch(path)):
            lines.append(node.lineno)
    return lines


# This file names bench paths in its own examples below.
@pytest.mark.parametrize("path", sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "tests").rglob("*.py")
                                        if p.name != "test_layers.py"))
def test_tests_do_not_import_bench(path):
    assert not _reaches_bench(ast.parse((ROOT / path).read_text(encoding="utf-8"))), path


@pytest.mark.parametrize(("source", "found"), [
    ("from .engine import Engine", ["engine"]),
    ("from . import store", ["store"]),
    ("from . import __version__", ["__init__"]),
    ("import essaycoach", ["__init__"]),
    ("from essaycoach import grade", ["__init__"]),
    ("from essaycoach.batch import mark_batch", ["batch"]),
    ("def f():\n    from .loaders import seeds_dir", ["loaders"]),
    ("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .calibrate import Calibration",
     ["<typing>", "calibrate"]),
    ("import nltk.stem.snowball", ["<nltk>"]),
])
def test_imports_are_read_everywhere(source, found):
    assert [t for t, _ in imports(ast.parse(source))] == found


@pytest.mark.parametrize(("source", "reaches"), [
    ('spec = spec_from_file_location("x", ROOT / "bench" / "robustness.py")', True),
    ('path = "bench/accuracy.py"', True),
    ("from bench.robustness import keyword_list", True),
    ('"""Figures come from bench/accuracy.py (run it by hand)."""', False),
    ('label = "benchmark"', False),
])
def test_bench_reach_is_recognised(source, reaches):
    assert bool(_reaches_bench(ast.parse(source))) is reaches


def test_the_readme_layout_names_every_module():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    layout = readme.split("\n## Layout\n")[1].split("\n## ")[0]
    missing = [m for m in MODULES if m != "__main__" and f"`{m}`" not in layout]
    assert not missing, f"add these modules to the README's layout section: {missing}"
