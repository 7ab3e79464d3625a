"""Speed of batch marking and of one essay's feedback, beside a naive baseline.

Essays are ~500 words, built from the dev set's and the seeds' sentences with realistic
typos drawn from a fixed pool (students misspell the same names again and again), marked
against trotsky-errors (15 points). The baseline is what one would write first: a fresh
rank_bm25.BM25Okapi over each essay's sentences, every point's text a query. Then the whole set
at once, on one process and on every core, as `essaycoach mark` marks a large set.

    .venv/bin/python bench/speed.py [--essays 1000]
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from rank_bm25 import BM25Okapi

from essaycoach.batch import mark_batch
from essaycoach.engine import Engine
from essaycoach.evaluation import load_labelled
from essaycoach.inputs import EssayInput
from essaycoach.loaders import load_all_rubrics, load_rubric, load_seeds
from essaycoach.sentences import split_sentences

BLOCK = 100  # essays per timed block (see main)


def typo(word: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(word) - 1)
    kind = rng.randrange(3)
    if kind == 0:
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]  # swap
    if kind == 1:
        return word[:i] + word[i + 1:]  # drop
    return word[:i] + word[i] + word[i:]  # double


def make_essays(n: int, words: int = 500, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    sentences = [s.text for f in (ROOT / "tests" / "data" / "devset").glob("*.yaml")
                 for e in load_labelled(f) for s in split_sentences(e.text)]
    sentences += [s.text for text in load_seeds(ROOT / "seeds").values() for s in split_sentences(text)]
    vocab = sorted({w for s in sentences for w in s.split() if w.isalpha() and len(w) >= 6})
    pool = {w: typo(w, rng) for w in rng.sample(vocab, 300)}  # the typos students make
    essays = []
    for _ in range(n):
        out, count = [], 0
        # Distinct sentences: a student's essay does not say the same sentence twice (padding
        # by repetition is gaming, measured by bench/robustness.py).
        for s in rng.sample(sentences, 200):
            out.append(s)
            count += len(s.split())
            if count >= words:
                break
        text = " ".join(out)
        for w in rng.sample(sorted(pool), 8):
            text = text.replace(w, pool[w], 1)
        essays.append(text)
    return essays


def naive(essay: str, rubric, analyzer) -> list[float]:
    docs = [analyzer(s.text) or ["_"] for s in split_sentences(essay)] or [["_"]]
    bm25 = BM25Okapi(docs)
    return [float(max(bm25.get_scores(analyzer(p.text)))) for p in rubric.points]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--essays", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=5, help="timed rounds; the best is reported")
    args = parser.parse_args()
    rubrics, _ = load_all_rubrics(ROOT / "rubrics")
    t0 = time.perf_counter()
    engine = Engine(load_seeds(ROOT / "seeds"), rubrics)
    rubric = load_rubric("trotsky-errors", ROOT / "rubrics")
    engine.matcher(rubric)
    build = time.perf_counter() - t0
    essays = make_essays(args.essays)
    mean_words = statistics.mean(len(e.split()) for e in essays)
    inputs = [EssayInput(f"s{i}", text, "bench") for i, text in enumerate(essays)]

    analyzer = engine.matcher(rubric).analyzer
    naive_rate = batch_rate = 0.0
    # This shared VM's speed drifts by a third from one second to the next, so both are timed
    # block by block, in turns (which goes first alternates), and each round adds up its blocks:
    # the two rates of a round are measured under the same conditions. The best round counts,
    # as timeit does.
    for r in range(args.rounds):
        naive_time = batch_time = 0.0
        marked = 0
        for b, at in enumerate(range(0, len(essays), BLOCK)):
            for which in (("naive", "batch") if (b + r) % 2 else ("batch", "naive")):
                t0 = time.perf_counter()
                if which == "naive":
                    for text in essays[at:at + BLOCK]:
                        naive(text, rubric, analyzer)
                    naive_time += time.perf_counter() - t0
                else:
                    marked += len(mark_batch(inputs[at:at + BLOCK], rubric, engine))
                    batch_time += time.perf_counter() - t0
        naive_rate = max(naive_rate, len(essays) / naive_time)
        batch_rate = max(batch_rate, marked / batch_time)

    # `essaycoach mark` marks a large set on every core (--jobs; see batch.grade_in_parallel): the
    # whole set at once, timed in turns with the whole set on one process.
    cores = os.cpu_count() or 1
    whole_rate = parallel_rate = 0.0
    for r in range(args.rounds):
        for n in ((1, cores) if r % 2 else (cores, 1)):
            t0 = time.perf_counter()
            marked = len(mark_batch(inputs, rubric, engine, processes=n))
            rate = marked / (time.perf_counter() - t0)
            if n == 1:
                whole_rate = max(whole_rate, rate)
            else:
                parallel_rate = max(parallel_rate, rate)

    times = []
    for text in essays[:300]:
        t = time.perf_counter()
        engine.grade(text, rubric)
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    p95 = times[int(0.95 * (len(times) - 1))]

    print(f"essays: {len(essays)} of {mean_words:.0f} words on average; rubric {rubric.id} "
          f"({len(rubric.points)} points); engine built in {build:.2f} s")
    print(f"batch marking (mark_batch, one process): {batch_rate:8.0f} essays/s")
    print(f"the whole set at once, one process:      {whole_rate:8.0f} essays/s")
    print(f"the whole set on {cores} cores (as `mark` runs): {parallel_rate:6.0f} essays/s")
    print(f"naive baseline (BM25Okapi per essay):     {naive_rate:8.0f} essays/s")
    print(f"speed-up over the baseline:               {batch_rate / naive_rate:8.2f}x")
    print(f"one essay's full feedback: median {statistics.median(times):.2f} ms, "
          f"95th percentile {p95:.2f} ms")
    # The guard (speed is a guard, not a race): the speed-up over the baseline is information.
    # A class set is marked as the command line marks it: on every core once it is large.
    targets = max(batch_rate, parallel_rate) >= 1000 and p95 < 50
    print("guard (>=1000 essays/s as `mark` runs, one essay's p95 < 50 ms):", "met" if targets else "NOT met")


if __name__ == "__main__":
    main()
