"""Where the shipped data lives: rule sets, sample forms, the indicator catalogue.

In a wheel the data sits inside the package (``core/data``); in a source checkout it is the
repository's top-level ``data/``.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGED = Path(__file__).resolve().parent / "data"
_SOURCE_TREE = Path(__file__).resolve().parents[2] / "data"


def data_dir() -> Path:
    """The folder that holds rules/, samples/ and catalog.json."""
    return _PACKAGED if _PACKAGED.is_dir() else _SOURCE_TREE


def rules_dir() -> Path:
    return data_dir() / "rules"


def samples_dir() -> Path:
    return data_dir() / "samples"


def sample_files() -> list[Path]:
    """Every shipped sample form, oldest year first, then by name."""
    return sorted(samples_dir().glob("*/*.json"))


def catalog_file() -> Path:
    return data_dir() / "catalog.json"
