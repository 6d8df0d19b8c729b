"""Fixtures for the TUI tests: a store in tmp_path with the four sample forms, and the app on it."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from rich.console import Console
from textual.widgets import Static

from core.store import Store
from tui.app import JixiaoApp

SAMPLE_PROJECTS = {"课题与规划", "维稳工作", "宣传与推广", "网络信息系统运行与维护"}


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "jixiao.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    """A store on a fresh file, holding the four 2022 sample forms (final, as shipped)."""
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


def reopened(store: Store, project: str) -> int:
    """Reopen a sample so that it is a draft again; its id."""
    form_id = form_id_of(store, project)
    store.reopen(form_id, "测试：改回草稿")
    return form_id


def plain(widget: Static, width: int = 200) -> str:
    """What a Static shows, as plain text."""
    console = Console(width=width, record=True, color_system=None, file=io.StringIO())
    console.print(widget.content)
    return console.export_text()


def form_id_of(store: Store, project: str, year: int = 2022) -> int:
    """The id of the stored form of ``project`` in ``year``."""
    return next(s.id for s in store.list_forms(year=year) if s.project == project)
