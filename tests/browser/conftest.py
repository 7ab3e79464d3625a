"""End-to-end fixtures: the real app under ``streamlit run`` and Debian's headless Chromium.

Never a downloaded browser build: Playwright drives ``/usr/bin/chromium`` (``make browser``).
"""
from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
START_TIMEOUT = 60.0


@dataclass(frozen=True)
class RunningApp:
    """The app under test: its base URL and the data folder its database lives in."""

    url: str
    data: Path


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _missing_pages(script: Path) -> list[str]:
    """Pages the router names that don't exist: st.navigation would fail before any page shows."""
    names = re.findall(r'"([\w-]+\.py)"', script.read_text(encoding="utf-8"))
    return [n for n in names if not (script.parent / "app_pages" / n).exists()]


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
            return resp.status == 200
    except OSError:
        return False


@pytest.fixture(scope="module")
def app(tmp_path_factory) -> Iterator[RunningApp]:
    """``streamlit run app.py`` on a free localhost port, with its own empty data folder."""
    # ESSAYCOACH_E2E_SCRIPT lets a developer point the tests at another router while pages are missing.
    script = Path(os.environ.get("ESSAYCOACH_E2E_SCRIPT") or ROOT / "app.py")
    if script == ROOT / "app.py" and (missing := _missing_pages(script)):
        pytest.skip(f"app.py names pages that do not exist yet: {', '.join(missing)}")
    data = tmp_path_factory.mktemp("essaycoach-data")
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    log_path = data / "streamlit.log"
    env = dict(os.environ, ESSAYCOACH_DATA=str(data), PYTHONUNBUFFERED="1")
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(
            # Headless, usage statistics, upload limit, toolbar and theme come from
            # .streamlit/config.toml, as for `make app`: these tests run the app as shipped.
            [sys.executable, "-m", "streamlit", "run", str(script),
             "--server.port", str(port), "--server.address", "127.0.0.1",
             "--server.fileWatcherType", "none"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + START_TIMEOUT
            while not _healthy(url):
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"streamlit did not start (exit code {proc.poll()}):\n"
                                + log_path.read_text(errors="replace")[-3000:])
                time.sleep(0.25)
            yield RunningApp(url, data)
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless, driven by Playwright (never ``playwright install``)."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed (run `make browser`); end-to-end tests need it")
    sync_api = pytest.importorskip("playwright.sync_api",
                                   reason="Playwright for Python is missing: pip install -e '.[test]'")
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, request):
    """A fresh browser context per test; a final screenshot is kept in test-artifacts/."""
    context = browser.new_context(viewport={"width": 1280, "height": 1400})
    pg = context.new_page()
    pg.set_default_timeout(30_000)
    yield pg
    ARTIFACTS.mkdir(exist_ok=True)
    try:
        pg.screenshot(path=str(ARTIFACTS / f"{request.node.name}-final.png"))
    finally:
        context.close()


@pytest.fixture
def shot(page, request):
    """``shot("step")`` saves a screenshot artefact as test-artifacts/<test>-<step>.png."""
    ARTIFACTS.mkdir(exist_ok=True)

    def take(step: str) -> None:
        page.screenshot(path=str(ARTIFACTS / f"{request.node.name}-{step}.png"))
    return take
