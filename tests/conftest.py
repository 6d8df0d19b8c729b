"""Shared by every test: no test reads or writes the real user's settings or data folder."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def own_settings_file(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Each test gets a settings file of its own (core.settings reads ``JIXIAO_CONFIG``)."""
    monkeypatch.setenv("JIXIAO_CONFIG", str(tmp_path_factory.mktemp("config") / "settings.json"))


@pytest.fixture(autouse=True)
def own_data_folder(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Each test gets a data folder of its own (crash logs, a default store): platformdirs
    reads ``XDG_DATA_HOME``."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("data")))
