"""Forms and workbooks for the xlsx benchmarks: a 60-indicator form, and N distinct workbooks."""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from core.model import Form
from core.rules import load_rule_set

RULES = load_rule_set()
TAXONOMY = [(level.name, level2) for level in RULES.levels for level2 in level.level2]


def big_form(indicators: int = 60, number: int = 0) -> Form:
    """A 2022 form of ``indicators`` rows, long texts included, weights adding up to 100."""
    weight = Decimal(90) / indicators
    rows = []
    for index in range(indicators):
        level1, level2 = TAXONOMY[index * len(TAXONOMY) // indicators]
        rows.append(
            {
                "level1": level1,
                "level2": level2,
                "name": f"信访事项办理及时率第{index + 1}项（含网上信访、来信、来访）",
                "target": ["≥95%", "=100%", "提高", "≤3天"][index % 4],
                "actual": ["98%", "100", "提高", "2天"][index % 4],
                "weight": str(weight.quantize(Decimal("0.01"))),
                "score": str(weight.quantize(Decimal("0.01"))),
                "deviation": "受疫情影响部分活动延期，后续将探索线上线下结合的方式。" * (index % 3),
            }
        )
    return Form.model_validate(
        {
            "year": 2022,
            "project": f"网络信息系统运行与维护（第{number}号）",
            "department": "上海市松江区人民政府信访办公室",
            "implementer": f"上海市松江区第{number % 50}单位",
            "funds": {
                "total": {"initial": "78504.00", "annual": "75248.00", "executed": "75248.00"},
                "fiscal": {"initial": "78504.00", "annual": "75248.00", "executed": "75248.00"},
                "carryover": {"initial": "0", "annual": "0", "executed": "0"},
                "other": {"initial": "0", "annual": "0", "executed": "0"},
            },
            "budget_score": "10",
            "goals": {"expected": "进一步畅通信访渠道。" * 20, "actual": "畅通信访渠道。" * 20},
            "indicators": rows,
        }
    )
