"""Shared pieces of the store tests: a store on a real file, and the sample forms."""

from __future__ import annotations

from pathlib import Path

from core.interchange import read_form
from core.model import Form
from core.resources import sample_files
from core.store import Store

SAMPLES = {path.stem: path for path in sample_files()}


def sample(name: str = "网络信息系统运行与维护", **changes: object) -> Form:
    """A sample form as a draft (status removed), with header fields changed."""
    data = read_form(SAMPLES[name]).model_dump()
    data.update({"status": None, **changes})
    return Form.model_validate(data)


def open_store(tmp_path: Path, name: str = "jixiao.db") -> Store:
    return Store.open(tmp_path / name)
