"""Shared by every test: no test reads or writes the real user's settings."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def own_settings_file(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Each test gets a settings file of its own (core.settings reads ``JIXIAO_CONFIG``)."""
    monkeypatch.setenv("JIXIAO_CONFIG", str(tmp_path_factory.mktemp("config") / "settings.json"))
