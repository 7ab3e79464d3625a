"""The app as shipped: its Streamlit settings, its router, and icons that never leave the machine."""
from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from essaycoach.inputs import MAX_FILE_BYTES

ROOT = Path(__file__).resolve().parents[2]
CONFIG = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
APP_FILES = [ROOT / "app.py", *sorted((ROOT / "app_pages").glob("*.py"))]


@pytest.mark.parametrize("section, option, expected", [
    ("browser", "gatherUsageStats", False),
    ("server", "headless", True),
    ("server", "maxUploadSize", MAX_FILE_BYTES // 1_000_000),   # Streamlit's limit = the app's own
])
def test_config_keeps_the_app_offline_and_agrees_with_the_app(section, option, expected):
    assert CONFIG[section][option] == expected


def test_the_toolbar_has_no_deploy_button_and_the_theme_is_not_red():
    assert CONFIG["client"]["toolbarMode"] in ("viewer", "minimal")
    primary = CONFIG["theme"]["primaryColor"].lstrip("#")
    red, green, blue = (int(primary[i:i + 2], 16) for i in (0, 2, 4))
    assert red < max(green, blue)          # red is kept for errors


@pytest.mark.parametrize("path", APP_FILES, ids=lambda p: p.name)
def test_no_material_icons_they_fetch_from_a_google_host(path):
    assert not re.search(r"[\"']:material/\w+:", path.read_text(encoding="utf-8"))


def test_make_app_is_plain_streamlit_run():
    (line,) = [ln for ln in (ROOT / "Makefile").read_text().splitlines() if "streamlit run" in ln]
    assert line.split()[-2:] == ["run", "app.py"]      # every setting comes from config.toml


def test_the_router_opens_the_practice_page_with_a_local_icon(data_dir):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception
    assert at.title[0].value == "Timed practice"
