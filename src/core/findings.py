"""Findings: what a check has to say about one field of a form, as a value."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from core import fieldpaths

Severity = Literal["error", "warning", "note"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "note")


@dataclass(frozen=True)
class Finding:
    """One thing a check has to say: ``error`` blocks finalising, ``warning`` is worth a look,
    ``note`` (说明) says how jixiao read a text (``按“≥ 95%”读取``) and asks for nothing.

    ``path`` names the field (``funds.total.executed``, ``indicators[4].deviation``);
    ``message`` is plain Chinese and quotes the numbers involved.
    """

    severity: Severity
    path: str
    message: str


def error(path: str, message: str) -> Finding:
    return Finding("error", path, message)


def warning(path: str, message: str) -> Finding:
    return Finding("warning", path, message)


def note(path: str, message: str) -> Finding:
    return Finding("note", path, message)


indicator_path = fieldpaths.indicator
"""``indicators[4]`` or ``indicators[4].deviation`` (core.fieldpaths.indicator)."""
