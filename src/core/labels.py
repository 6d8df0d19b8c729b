"""The paper form's own words for every field path, for messages and tables."""

from __future__ import annotations

from core import fieldpaths
from core.checks import FUND_COLUMN_LABELS, FUND_ROW_LABELS, GOAL_LABELS, HEADER_LABELS
from core.model import Form

# The fund rows as the paper prints them: the three parts stand under "其中：".
FUND_ROW_PAPER_LABELS = {
    "total": "年度资金总额",
    "fiscal": "其中：当年财政拨款",
    "carryover": "　　　上年结转资金",
    "other": "　　　其他资金",
}
INDICATOR_LABELS = {
    "level1": "一级指标",
    "level2": "二级指标",
    "name": "三级指标",
    "target": "年度指标值",
    "actual": "实际完成值",
    "weight": "分值",
    "score": "得分",
    "deviation": "偏差原因分析及改进措施",
    "grade": "评价等级",
    "target_locked": "年度指标值锁定",
}
TOP_LABELS = {
    **HEADER_LABELS,
    "year": "年度",
    "budget_weight": "预算执行分值",
    "budget_score": "预算执行得分",
    "indicators": "绩效指标",
    "format": "格式标记",
    "rule_set": "规则集",
    "stated_total": "表上总分",
    "budget_deviation": "预算执行偏差原因",
}


def field_label(path: str, form: Form | None = None) -> str:
    """'funds.total.executed' → '项目资金·年度资金总额·全年执行数'.

    With the form, an indicator path names its row: '绩效指标第5行“信访宣传活动开展及时率”·得分'.
    """
    if path in TOP_LABELS:
        return TOP_LABELS[path]
    parts = fieldpaths.names(path)
    if parts[0] == "funds" and len(parts) == 3:
        row = FUND_ROW_LABELS.get(parts[1], parts[1])
        return f"项目资金·{row}·{FUND_COLUMN_LABELS.get(parts[2], parts[2])}"
    if parts[0] == "goals" and len(parts) == 2:
        return f"年度总体目标·{GOAL_LABELS.get(parts[1], parts[1])}"
    located = fieldpaths.indicator_of(path)
    if located is not None:
        index, field = located
        row = f"绩效指标第{index + 1}行"
        if form is not None and index < len(form.indicators) and form.indicators[index].name:
            row += f"“{form.indicators[index].name}”"
        return row + (f"·{INDICATOR_LABELS.get(field, field)}" if field else "")
    return path
