"""The ``bundle`` marker: the offline bundle tests run by default; ``-m "not bundle"`` skips."""

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "bundle: builds and installs the offline bundle (needs the registry once)"
    )
