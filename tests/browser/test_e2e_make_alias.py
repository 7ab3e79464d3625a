""""Make alias" in the rubric editor, in headless Chromium: a wording learnt from the teacher's
marking, shown under its point, becomes an alias with one click (screenshots in test-artifacts/)."""
from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from widgets import choose

from essaycoach.exemplars import Exemplar
from essaycoach.loaders import load_calibration, load_rubric, save_calibration
from essaycoach.thresholds import Calibration, Thresholds

pytestmark = [pytest.mark.browser, pytest.mark.timeout(180)]
expect = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is missing").expect

ROOT = Path(__file__).resolve().parents[2]
WAIT = 30_000
CREDITED = Exemplar("overconfidence", "Trotsky just assumed the top job would come to him because of the Civil War",
                    True, "Priya")
REJECTED = Exemplar("overconfidence", "Trotsky was in charge of the Red Army during the Civil War", False, "Sam")


@pytest.fixture(scope="module")
def rubric_folder(tmp_path_factory) -> Iterator[Path]:
    """A copy of the shipped rubrics with a calibration for trotsky-errors, which the app reads
    (``ESSAYCOACH_RUBRICS``) instead of the project's own folder."""
    folder = tmp_path_factory.mktemp("e2e-rubrics") / "rubrics"
    shutil.copytree(ROOT / "rubrics", folder, ignore=shutil.ignore_patterns(".calibration", ".history"))
    rubric = load_rubric("trotsky-errors", folder)
    save_calibration(Calibration(rubric.id, tuple((p.id, Thresholds()) for p in rubric.points),
                                 tuple((p.id, p.weight) for p in rubric.points), 8, "2026-01-05T10:00:00",
                                 (CREDITED, REJECTED)), folder)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("ESSAYCOACH_RUBRICS", str(folder))
        yield folder


@pytest.fixture(scope="module")
def app(rubric_folder, app):
    """The app of ``conftest``, started after ``rubric_folder`` set its rubric folder."""
    return app


def test_make_alias_adds_one_line_to_the_rubric(app, page, shot, rubric_folder):
    path = rubric_folder / "trotsky-errors.yaml"
    before = path.read_text(encoding="utf-8").splitlines()
    page.goto(f"{app.url}/rubric_editor")
    choose(page, "editor_pick", "trotsky-errors", exact=True)
    page.get_by_role("button", name="Open this rubric").click()
    expect(page.get_by_text(re.compile("^Editing trotsky-errors"))).to_be_visible(timeout=WAIT)
    panel = page.get_by_test_id("stExpander").filter(has_text=re.compile(r"\d+\. overconfidence ·"))
    panel.locator("summary").click()
    button = panel.get_by_role("button", name="Make alias")
    expect(button).to_be_visible(timeout=WAIT)
    expect(panel.get_by_text("✘ rejected (Sam)", exact=False)).to_be_visible()
    button.scroll_into_view_if_needed()
    shot("make-alias")
    button.click()
    expect(page.get_by_text(re.compile("is now an alias of overconfidence"))).to_be_visible(timeout=WAIT)
    after = path.read_text(encoding="utf-8").splitlines()
    assert len(after) == len(before) and sum(a != b for a, b in zip(after, before)) == 1
    assert CREDITED.sentence in load_rubric("trotsky-errors", rubric_folder).point("overconfidence").aliases
    assert load_calibration("trotsky-errors", rubric_folder).exemplars == (REJECTED,)
    shot("made")
