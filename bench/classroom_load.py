"""A class writing at once: N students autosaving every few seconds into one SQLite database.

Each writer is a thread (the Streamlit server runs every browser session as a thread of one
process, so this is the app's own concurrency) that signs in once and then, every
``--interval`` seconds (with jitter, so they do not beat in step), does what one autosave run
of the *My assignments* page does: open the database (``store.connect``), check the session
token (``accounts.session_account``) and save the draft (``assignments.autosave``). The essay
grows by a sentence or two each time. At the end every draft is read back and compared with
the last text its writer saved: a draft missing or older than that is *lost/stale*.

With ``--browsers K`` the app itself also runs (``streamlit run app.py`` in classroom mode on
the same database) and K of the students write in real headless Chromium pages (Debian's
``/usr/bin/chromium`` through Playwright), typing into the essay box; their drafts are checked
against what each browser's box holds at the end (after one autosave period's grace).

    .venv/bin/python bench/classroom_load.py                    # 30 writers, 3 s apart, 60 s
    .venv/bin/python bench/classroom_load.py --browsers 3       # 27 direct writers + 3 browsers
    .venv/bin/python bench/classroom_load.py --seconds 2700     # a whole 45-minute essay

Prints autosave latency p50/p95/max, saves per second, failed saves and lost/stale drafts;
exits 1 if any draft was lost or p95 exceeds the 1 s target.
"""
from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from essaycoach import accounts, assignments, classroom, store

SENTENCES = [
    "Trotsky failed to press for the publication of Lenin's Testament.",
    "He missed Lenin's funeral, so Stalin appeared as the loyal heir.",
    "As General Secretary Stalin controlled appointments and packed the congress.",
    "Socialism in one country was more popular than permanent revolution.",
    "Kamenev and Zinoviev underestimated Stalin and allied with him against Trotsky.",
    "In conclusion, Stalin's control of the party machine mattered more than Trotsky's errors.",
]


@dataclass
class Writer:
    """One student's session: what it saved last, and how long each save took."""

    account_id: int
    name: str
    token: str
    text: str = ""
    last_saved: str = ""
    latencies: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


def setup(db_path: Path, n: int) -> tuple[int, list[Writer]]:
    """A teacher, a class of ``n`` signed-in students, an open 45-minute assignment, each started."""
    with closing(store.connect(db_path)) as db:
        accounts.set_teacher_password(db, "load-test-teacher")
        class_id = classroom.create_class(db, "Load test")
        added = classroom.add_students(db, class_id, [f"Student {i:02d}" for i in range(n)]).students
        now = time.time()
        a = assignments.create(db, class_id, "trotsky-errors", "Load test", 45, now - 60, now + 3 * 3600, "release")
        writers = []
        for student in added:
            writers.append(Writer(student.id, student.name, accounts.start_session(db, student).token))
            assignments.start(db, a, student)
    return a.id, writers


def autosave_once(db_path: Path, assignment_id: int, w: Writer) -> None:
    """One autosave run, as the page does it: connect, check the session, save the draft."""
    with closing(store.connect(db_path)) as db:
        if accounts.session_account(db, w.token) is None:
            raise RuntimeError("session not found")
        if not assignments.autosave(db, assignment_id, w.account_id, w.text):
            raise RuntimeError("draft already sent")


def run_writer(db_path: Path, assignment_id: int, w: Writer, interval: float, stop_at: float, seed: int) -> None:
    rng = random.Random(seed)
    time.sleep(rng.uniform(0, interval))  # students do not start typing in the same instant
    while time.monotonic() < stop_at:
        w.text += " " + " ".join(rng.sample(SENTENCES, 2))
        t0 = time.perf_counter()
        try:
            autosave_once(db_path, assignment_id, w)
            w.last_saved = w.text
        except Exception as exc:  # a failed save is counted, and the writer goes on as a browser would
            w.failures.append(f"{type(exc).__name__}: {exc}")
        w.latencies.append(time.perf_counter() - t0)
        time.sleep(max(0.0, interval * rng.uniform(0.8, 1.2)))


def check(db_path: Path, assignment_id: int, writers: list[Writer]) -> int:
    """Drafts whose stored text is not the last text its writer saved (lost or stale)."""
    with closing(store.connect(db_path)) as db:
        stored = {s.account_id: s.text for s in assignments.submissions(db, assignment_id)}
    return sum(stored.get(w.account_id) != w.last_saved for w in writers)


def _serve(data: Path) -> tuple[subprocess.Popen, str]:
    """The real app in classroom mode on a free local port, over the bench's database."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = dict(os.environ, ESSAYCOACH_CLASSROOM="1", ESSAYCOACH_DATA=str(data),  # this checkout's code
               PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")])))
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.headless",
                             "true", "--server.port", str(port), "--server.address", "127.0.0.1",
                             "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    import urllib.request

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                return proc, url
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise SystemExit("the app did not start")


def run_browsers(url: str, names: list[str], stop_at: float, interval: float) -> list[tuple[str, str]]:
    """Students writing in real browser pages until ``stop_at``; ``[(name, text in the box)]``."""
    from playwright.sync_api import sync_playwright

    out = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium",
                                    args=["--headless", "--no-sandbox", "--disable-gpu"])
        pages = []
        for name in names:
            page = browser.new_context().new_page()
            page.set_default_timeout(60_000)
            page.goto(url)
            page.get_by_role("textbox", name="Your name").fill(name)
            page.get_by_label("Password", exact=False).first.fill(f"password of {name}")
            page.get_by_role("button", name="Sign in").click()
            page.get_by_role("button", name="Continue writing", exact=False).click()
            page.locator(".st-key-my_essay textarea").click()
            pages.append(page)
        rng = random.Random(7)
        while time.monotonic() < stop_at:
            for page in pages:
                page.locator(".st-key-my_essay textarea").press_sequentially(" " + rng.choice(SENTENCES), delay=5)
            time.sleep(interval)
        time.sleep(8)  # one clock commit (2 s) and one autosave run (5 s) after the last keystroke
        out = [(n, pg.locator(".st-key-my_essay textarea").input_value()) for n, pg in zip(names, pages)]
        browser.close()
    return out


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writers", type=int, default=30)
    parser.add_argument("--interval", type=float, default=3.0, help="seconds between one writer's autosaves")
    parser.add_argument("--seconds", type=float, default=60.0, help="how long the class writes")
    parser.add_argument("--browsers", type=int, default=0, help="how many of the writers use a real browser")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="essaycoach-load-") as tmp:
        db_path = Path(tmp) / "essaycoach.sqlite3"
        assignment_id, everyone = setup(db_path, args.writers)
        writers, in_browser = everyone[args.browsers:], everyone[:args.browsers]
        server = None
        if in_browser:
            with closing(store.connect(db_path)) as db:
                for w in in_browser:
                    accounts.set_password(db, w.account_id, f"password of {w.name}")
            server, url = _serve(Path(tmp))
        try:
            stop_at = time.monotonic() + args.seconds
            threads = [threading.Thread(target=run_writer, args=(db_path, assignment_id, w, args.interval, stop_at, i))
                       for i, w in enumerate(writers)]
            started = time.perf_counter()
            for t in threads:
                t.start()
            typed = run_browsers(url, [w.name for w in in_browser], stop_at, args.interval) if server else []
            for t in threads:
                t.join()
            elapsed = time.perf_counter() - started
        finally:
            if server:
                server.terminate()
                server.wait(timeout=30)
        lost = check(db_path, assignment_id, writers)
        with closing(store.connect(db_path)) as db:
            stored = {s.student: s.text for s in assignments.submissions(db, assignment_id)}
        lost_in_browser = sum(stored.get(name) != text for name, text in typed)
    latencies = [x for w in writers for x in w.latencies]
    failures = [f for w in writers for f in w.failures]
    p50, p95 = statistics.median(latencies), percentile(latencies, 0.95)
    words = statistics.mean(len(w.last_saved.split()) for w in writers)
    print(f"{len(writers)} direct writers + {len(in_browser)} in browsers, one autosave every ~{args.interval:g} s "
          f"each, for {elapsed:.0f} s")
    print(f"autosaves: {len(latencies)} ({len(latencies) / elapsed:.1f}/s), failed: {len(failures)}"
          + (f" (first: {failures[0]})" if failures else ""))
    print(f"autosave latency: p50 {p50 * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms, max {max(latencies) * 1000:.1f} ms")
    print(f"drafts at the end: mean {words:.0f} words; lost or stale: {lost} of {len(writers)}")
    if typed:
        print(f"browser drafts: mean {statistics.mean(len(t.split()) for _, t in typed):.0f} words; "
              f"lost or stale: {lost_in_browser} of {len(typed)}")
    ok = lost == 0 and lost_in_browser == 0 and not failures and p95 <= 1.0
    print("targets (0 lost, p95 <= 1 s):", "met" if ok else "NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
