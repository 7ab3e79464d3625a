"""How long the command line takes, end to end, as a user runs it: each command in a fresh
process (best of N), against its target.

    .venv/bin/python bench/cli_startup.py [--runs 5]

Targets (issue 15): ``--help``, ``--version``, ``prompts`` and ``validate`` under 0.4 s;
marking one essay under 0.8 s, warm: with the engine cache (``essaycoach.cache``) filled by an
earlier run, as every run after the first is. The bench uses a cache folder of its own (removed
at the end) and times marking three ways: warm (the target), the first run (which fits the
matcher and fills the cache, once: timed once), and with the cache switched off
(``ESSAYCOACH_NO_CACHE=1``: fitting every time, as before the cache). The figures include the
interpreter's own start, timed beside them (``python -c pass``), and drift with the machine's
load: compare runs on a quiet machine. Two imports only a cold run makes are timed alone too:
scikit-learn (``match`` fits its ``TfidfVectorizer``; the package's import loads SciPy and
pandas) and NLTK's Snowball stemmer (NLTK's ``__init__`` imports most of NLTK, SciPy and
scikit-learn). ``python -X importtime -m essaycoach COMMAND`` shows where an import's time goes.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COMMANDS = (
    ("python -c pass", ["-c", "pass"], None),
    ("essaycoach --help", ["-m", "essaycoach", "--help"], 0.4),
    ("essaycoach --version", ["-m", "essaycoach", "--version"], 0.4),
    ("essaycoach prompts", ["-m", "essaycoach", "prompts"], 0.4),
    ("essaycoach validate RUBRIC", ["-m", "essaycoach", "validate", str(ROOT / "rubrics" / "trotsky-errors.yaml")],
     0.4),
)
MARK = ["-m", "essaycoach", "mark", "--rubric", "trotsky-errors", "--no-calibration",
        str(ROOT / "examples" / "amy.txt")]
MARK_ONE = "essaycoach mark (one essay, warm)"
MARKING = (  # (name, command, target, runs (None: --runs), environment on top)
    ("essaycoach mark (first run)", MARK, None, 1, {}),
    (MARK_ONE, MARK, 0.8, None, {}),
    ("essaycoach mark (no cache)", MARK, None, None, {"ESSAYCOACH_NO_CACHE": "1"}),
)
IMPORTS = (  # no target: what marking one essay pays, without the cache, before any of its own work
    ("  import scikit-learn", ["-c", "import sklearn.feature_extraction.text"], None),
    ("  import nltk's stemmer", ["-c", "import nltk.stem.snowball"], None),
)


def best_of(args: list[str], runs: int, env: dict[str, str]) -> float:
    """The fastest of ``runs`` runs of ``python ARGS`` (seconds); a failing command stops the bench."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run([sys.executable, *args], env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True)
        times.append(time.perf_counter() - start)
        if done.returncode != 0:
            raise SystemExit(f"python {' '.join(args)} failed ({done.returncode}): {done.stderr.strip()}")
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per command; the best counts")
    args = parser.parse_args()
    # This checkout's source first, as the tests run it; rubrics and seeds from this checkout.
    cache = tempfile.mkdtemp(prefix="essaycoach-bench-cache-")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")])),
           "ESSAYCOACH_RUBRICS": str(ROOT / "rubrics"), "ESSAYCOACH_SEEDS": str(ROOT / "seeds"),
           "ESSAYCOACH_CACHE": cache}
    env.pop("ESSAYCOACH_NO_CACHE", None)
    print(f"best of {args.runs} runs, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    print(f"{'command':36} {'seconds':>8} {'target':>7}")
    met, figures = True, {}
    rows = [(name, command, target, args.runs, {}) for name, command, target in COMMANDS]
    rows += [(name, command, target, runs or args.runs, extra) for name, command, target, runs, extra in MARKING]
    rows += [(name, command, target, args.runs, {}) for name, command, target in IMPORTS]
    try:
        for name, command, target, runs, extra in rows:
            seconds = figures[name] = best_of(command, runs, {**env, **extra})
            ok = target is None or seconds < target
            met &= ok
            print(f"{name:36} {seconds:8.3f} {'' if target is None else f'< {target}':>7}  {'' if ok else 'MISSED'}")
    finally:
        shutil.rmtree(cache, ignore_errors=True)
    one = figures[MARK_ONE]
    print(f"marking one essay: {one:.2f} s end to end (warm), target < 0.8 s {'met' if one < 0.8 else 'NOT met'}")
    print("TARGETS MET" if met else "TARGETS NOT MET")


if __name__ == "__main__":
    main()
