"""The app as shipped: its Streamlit settings, its router, and icons that never leave the machine."""
from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from essaycoach.cli_classroom import serve_command
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


@pytest.mark.parametrize("path", APP_FILES, ids=lambda p: p.name)
def test_icons_are_symbols_plain_fonts_draw(path):
    """Emoji outside the Basic Multilingual Plane, and the heavy plus, minus and division signs, are in
    colour-emoji fonts only: on a school computer without one (Debian's Chromium here) "➕", "📣" and
    "🗑️" drew as empty boxes (a re-check's finding)."""
    for icon in re.findall(r"icon=[\"']([^\"']+)[\"']", path.read_text(encoding="utf-8")):
        base = icon.rstrip("\ufe0f")
        assert len(base) == 1 and ord(base) < 0x10000 and not 0x2795 <= ord(base) <= 0x2797, (path.name, icon)


def test_make_app_is_plain_streamlit_run():
    (line,) = [ln for ln in (ROOT / "Makefile").read_text().splitlines() if "streamlit run" in ln]
    assert line.split()[-2:] == ["run", "app.py"]      # every setting comes from config.toml


def test_the_router_opens_the_practice_page_with_a_local_icon(data_dir):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception
    assert at.title[0].value == "Timed practice"


def _flags(cmd: list[str]) -> dict[str, str]:
    """``--section.option value`` pairs of a ``streamlit run`` command line."""
    at = cmd.index("run") + 2
    return {cmd[i][2:]: cmd[i + 1] for i in range(at, len(cmd), 2)}


@pytest.mark.parametrize("flags", [
    {},                                                                   # make app: config.toml alone
    _flags(serve_command(ROOT / "app.py", 8600, classroom=True)),         # essaycoach serve --classroom
    _flags(serve_command(ROOT / "app.py", 8600, classroom=False)),        # essaycoach serve
], ids=["make-app", "serve-classroom", "serve"])
def test_starting_the_app_asks_no_outside_host_for_its_address(monkeypatch, flags):
    """Headless on every address, Streamlit asks checkip.amazonaws.com for the address it prints."""
    from streamlit import config, net_util
    from streamlit.web import bootstrap

    monkeypatch.chdir(ROOT)  # where `streamlit run app.py` reads .streamlit/config.toml
    monkeypatch.setattr(net_util, "get_external_ip", lambda: pytest.fail("asked an outside host for an address"))
    try:
        config.get_config_options(force_reparse=True, options_from_flags=flags)
        assert config.get_option("server.headless")
        bootstrap._print_url(False)
    finally:
        config.get_config_options(force_reparse=True)
