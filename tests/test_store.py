"""Where the database lives: the environment variable, then the settings file, then data/."""
from __future__ import annotations

import pytest

from essaycoach import store
from essaycoach.errors import EssaycoachError


@pytest.fixture()
def settings(tmp_path, monkeypatch):
    monkeypatch.delenv("ESSAYCOACH_DATA", raising=False)
    path = tmp_path / "essaycoach.toml"
    monkeypatch.setenv("ESSAYCOACH_SETTINGS", str(path))
    return path


def test_the_environment_variable_wins(settings, tmp_path, monkeypatch):
    settings.write_text('data = "elsewhere"\n', encoding="utf-8")
    monkeypatch.setenv("ESSAYCOACH_DATA", str(tmp_path / "env"))
    assert store.data_dir() == tmp_path / "env" and (tmp_path / "env").is_dir()


def test_the_settings_file_moves_the_data_folder_relative_to_itself(settings, tmp_path):
    settings.write_text('data = "school-data"\n', encoding="utf-8")
    assert store.data_dir() == tmp_path / "school-data"
    with store.connect() as db:
        db.execute("CREATE TABLE t (x)")
    assert (tmp_path / "school-data" / "essaycoach.sqlite3").is_file()


def test_without_settings_the_project_data_folder_is_used(settings):
    assert store.data_dir() == store._ROOT / "data"


@pytest.mark.parametrize("text", ['data = \n', "data = 3\n", 'data = ""\n'])
def test_a_broken_settings_file_names_itself(settings, text):
    settings.write_text(text, encoding="utf-8")
    with pytest.raises(EssaycoachError, match=r"essaycoach\.toml"):
        store.data_dir()
