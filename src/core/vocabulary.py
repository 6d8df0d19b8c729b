"""The words the user reads for a form's state and a finding's kind: one place for each, so
that the list, the banner, the panel, the reports and the command line say the same thing."""

from __future__ import annotations

from typing import Final

STATUS_LABELS: Final = {"draft": "草稿", "final": "已定稿"}
"""状态 of a form as it is shown: 草稿 (being filled in), 已定稿 (finalised, read-only)."""

STATUS_WORDS: Final = {"草稿": "draft", "定稿": "final", "已定稿": "final"}
"""What a user may type for a 状态 (in a filter, on the command line)."""

SEVERITY_LABELS: Final = {"error": "错误", "warning": "警告", "note": "说明"}
"""A finding's kind: 错误 blocks 定稿, 警告 is worth a look, 说明 says how a text was read."""

SEVERITY_STYLES: Final = {"error": "bold red", "warning": "yellow", "note": "cyan"}
"""How each kind of finding stands out."""

LOCKED_LABEL: Final = "已锁定"
"""A 年度指标值 taken from the approved 目标申报表: shown, not editable until unlocked."""
