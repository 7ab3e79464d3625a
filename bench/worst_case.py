"""Worst-case timing: pathological essays that could make a regex or a loop take quadratic time.

Each text of the catalogue (runs of punctuation before a letter, spaces, abbreviations,
quotes, brackets, one huge word, random words, newlines, bullets, unicode...) is built at
10k, 100k and 1M characters, then split into sentences alone and marked end to end through
the engine (which marks the first ``engine.MAX_ESSAY_CHARS`` characters). The target: every
essay up to that cut fully marked in at most 2 s.

    .venv/bin/python bench/worst_case.py [--sizes 10000 100000 1000000] [--rubric trotsky-errors]
"""
from __future__ import annotations

import argparse
import random
import string
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from essaycoach.engine import MAX_ESSAY_CHARS, Engine
from essaycoach.loaders import load_all_rubrics, load_rubric, load_seeds
from essaycoach.sentences import split_sentences

TARGET_S = 2.0


def _repeat(unit: str, n: int) -> str:
    return (unit * (n // len(unit) + 1))[:n]


def _random_words(n: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    words, size = [], 0
    while size < n:
        w = "".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(1, 12)))
        words.append(w)
        size += len(w) + 1
    return " ".join(words)[:n]


def _sentences(n: int) -> str:
    rng = random.Random(2)
    vocab = "Stalin Trotsky Lenin Kamenev Zinoviev Bukharin party the was and of in to purge NKVD".split()
    out, size = [], 0
    while size < n:
        s = " ".join(rng.choice(vocab) for _ in range(rng.randint(3, 30))).capitalize() + rng.choice(".!?")
        out.append(s)
        size += len(s) + 1
    return " ".join(out)[:n]


# name -> builder(n): a text of about n characters.
CATALOGUE: dict[str, Callable[[int], str]] = {
    "dots then a letter": lambda n: "." * (n - 1) + "a",
    "! then a letter": lambda n: "!" * (n - 1) + "a",
    "? then a letter": lambda n: "?" * (n - 1) + "a",
    "mixed .!? runs": lambda n: _repeat("a" + ".!?" * 50, n),
    "dot-quote pairs": lambda n: _repeat('."', n - 1) + "a",
    "quotes after dots": lambda n: "." * (n // 2) + '"' * (n // 2 - 1) + "a",
    "closing brackets": lambda n: "." + ")" * (n - 2) + "a",
    "spaces between words": lambda n: "a" + " " * (n - 2) + "b",
    "dot and spaces": lambda n: _repeat(". ", n),
    "comma and spaces": lambda n: "a " * 50 + "," + " " * (n - 200) + "and",
    "abbreviations": lambda n: _repeat("e.g. ", n),
    "dotted initials": lambda n: _repeat("A. ", n),
    "U.S.S.R. chain": lambda n: _repeat("u.s.s.r.", n),
    "numbers and dots": lambda n: _repeat("1. ", n),
    "digits then dot": lambda n: "1" * (n - 3) + ". A",
    "open brackets": lambda n: "(" * n,
    "nested brackets": lambda n: "(" * (n // 2) + ")" * (n // 2),
    "one huge word": lambda n: "a" * n,
    "one huge word, dots": lambda n: _repeat("ab.", n),
    "random words": _random_words,
    "real-ish sentences": _sentences,
    "newlines": lambda n: "\n" * (n - 1) + "a",
    "dot newline": lambda n: _repeat(".\n", n),
    "wrapped lines": lambda n: _repeat("word\n", n),
    "bullets": lambda n: _repeat("- a\n", n),
    "bullet marks, no space": lambda n: "-" * (n - 1) + "a",
    "semicolons": lambda n: "a " * 50 + ";" * (n - 100),
    "dashes": lambda n: _repeat(" - ", n),
    "linking words": lambda n: _repeat(", and ", n),
    "unicode letters": lambda n: _repeat("Сталин и Троцкий. ", n),
    "unicode punctuation": lambda n: _repeat("\u201c\u2026\u201d\u2014", n),
    "emoji": lambda n: _repeat("\U0001f600 ", n),
    "combining marks": lambda n: "a" + "\u0301" * (n - 1),
    "no spaces, many words": lambda n: _repeat("StalinTrotsky", n),
    "one word repeated": lambda n: _repeat("Stalin ", n),
    "tabs and CRs": lambda n: _repeat("a\t\r", n),
}


def _time(func: Callable[..., object], *args: object) -> float:
    t0 = time.perf_counter()
    func(*args)
    return time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--rubric", default="trotsky-errors")
    args = parser.parse_args()
    rubrics, _ = load_all_rubrics(ROOT / "rubrics")
    engine = Engine(load_seeds(ROOT / "seeds"), rubrics)
    rubric = load_rubric(args.rubric, ROOT / "rubrics")
    engine.grade("Warm-up essay. Stalin won.", rubric)
    print(f"{'text':24} {'chars':>9} {'split s':>8} {'mark s':>8}")
    worst_split: tuple[float, str] = (0.0, "")
    worst_mark: tuple[float, str] = (0.0, "")
    for size in args.sizes:
        for name, build in CATALOGUE.items():
            text = build(size)
            split = _time(split_sentences, text)
            mark = _time(engine.grade, text, rubric)
            print(f"{name:24} {len(text):9,} {split:8.3f} {mark:8.3f}", flush=True)
            label = f"{name} at {len(text):,} characters"
            worst_split = max(worst_split, (split, label))
            worst_mark = max(worst_mark, (mark, label))
    print(f"worst split_sentences: {worst_split[0]:.3f} s ({worst_split[1]})")
    print(f"worst full marking:    {worst_mark[0]:.3f} s ({worst_mark[1]}; the engine marks the "
          f"first {MAX_ESSAY_CHARS:,} characters)")
    print(f"target (every essay marked in <= {TARGET_S:.0f} s):", "met" if worst_mark[0] <= TARGET_S else "NOT met")


if __name__ == "__main__":
    main()
