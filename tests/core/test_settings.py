"""Per-user settings: found again after a restart, and never a crash when the file is bad."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from core.settings import UserSettings, load_settings, settings_path, update_settings


def test_a_choice_is_found_again(tmp_path):
    path = tmp_path / "配置" / "settings.json"
    update_settings(path, show_score_panel=False, money_unit="万元")
    assert load_settings(path) == UserSettings(show_score_panel=False, money_unit="万元")


@pytest.mark.parametrize("text", ["", "{", "[1, 2]", '{"money_unit": "美元"}', "\udcff"])
def test_a_missing_or_bad_file_gives_the_defaults(tmp_path, text):
    path = tmp_path / "settings.json"
    assert load_settings(path) == UserSettings()
    path.write_text(text, encoding="utf-8", errors="surrogateescape")
    assert load_settings(path) == UserSettings()


def test_keys_of_a_newer_version_are_ignored(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text('{"show_score_panel": false, "theme": "dark"}', encoding="utf-8")
    assert load_settings(path).show_score_panel is False


def test_an_unknown_unit_is_refused_when_set(tmp_path):
    with pytest.raises(ValidationError):
        update_settings(tmp_path / "settings.json", money_unit="美元")


def test_the_environment_names_the_file(tmp_path, monkeypatch):
    monkeypatch.setenv("JIXIAO_CONFIG", str(tmp_path / "mine.json"))
    assert settings_path() == tmp_path / "mine.json"
