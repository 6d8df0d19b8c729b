"""Fixtures for the TUI tests: a store in tmp_path with the four sample forms, and the app on it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from core.store import Store
from tui.app import JixiaoApp

SAMPLE_PROJECTS = {"课题与规划", "维稳工作", "宣传与推广", "网络信息系统运行与维护"}


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "jixiao.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    """A store on a fresh file, holding the four 2022 sample forms (drafts)."""
    store = Store.open(db_path)
    store.load_samples()
    yield store
    store.close()


@pytest.fixture
def empty_store(db_path: Path) -> Iterator[Store]:
    store = Store.open(db_path)
    yield store
    store.close()


@pytest.fixture
def make_app(db_path: Path) -> Callable[[], JixiaoApp]:
    """A new app on the test's store file (open the store fixture first to fill it)."""
    return lambda: JixiaoApp(db_path)


def form_id_of(store: Store, project: str, year: int = 2022) -> int:
    """The id of the stored form of ``project`` in ``year``."""
    return next(s.id for s in store.list_forms(year=year) if s.project == project)
