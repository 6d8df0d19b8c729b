"""Fixtures of the workbook tests: stored samples, files written from bytes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from core.model import Form
from core.scoring import score_form
from core.workbook.write import workbook_bytes
from tests.core.builders import SAMPLES


@pytest.fixture
def write_file(tmp_path: Path) -> Callable[[bytes, str], Path]:
    """Write bytes to a file of the given name in the test's folder."""

    def write(data: bytes, name: str = "form.xlsx") -> Path:
        path = tmp_path / name
        path.write_bytes(data)
        return path

    return write


@pytest.fixture
def export_file(write_file) -> Callable[..., Path]:
    """A form exported to an xlsx file, in the unit asked for."""

    def export(form: Form, unit: str = "元", name: str = "form.xlsx") -> Path:
        return write_file(workbook_bytes(form, score_form(form), unit), name)

    return export


@pytest.fixture(params=sorted(SAMPLES))
def sample_name(request: pytest.FixtureRequest) -> str:
    return request.param
