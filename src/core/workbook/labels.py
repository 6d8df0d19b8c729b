"""The label cells of a bureau's 自评表 (and 目标申报表), with the variants seen in the wild.

A label is compared after normalising: full-width forms folded (NFKC), white space removed, a
leading 其中： and a trailing colon dropped, and trailing brackets set aside as suffixes —
全年预算数（A）, 项目资金（万元）, 产出指标（50分）. Each kind of label has its own words, and some
words mean different things in different places (分值 in the funds header is the budget's
weight, in the indicator header a column), so the reader asks by place.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

_SUFFIX = re.compile(r"\(([^()]*)\)$")
_LEADING = ("其中:", "其中")
_WEIGHT_SUFFIX = re.compile(r"^(\d+(?:\.\d+)?)分?$")
_UNIT_IN_TEXT = re.compile(r"(?:金额|资金)?单位[:：]?\s*(万元|元)")


@dataclass(frozen=True)
class Label:
    """A normalised cell text: the words and the bracketed suffixes after them."""

    words: str
    suffixes: tuple[str, ...]

    @property
    def money_unit(self) -> str | None:
        """万元 or 元 when a suffix says so: 项目资金（万元）."""
        for suffix in self.suffixes:
            if suffix in ("万元", "元"):
                return suffix
            found = _UNIT_IN_TEXT.search(suffix)
            if found:
                return found[1]
        return None

    @property
    def weight(self) -> Decimal | None:
        """The weight in a suffix: 产出指标（50分） → 50."""
        for suffix in self.suffixes:
            found = _WEIGHT_SUFFIX.match(suffix)
            if found:
                try:
                    return Decimal(found[1])
                except InvalidOperation:
                    return None
        return None


def fold(text: str) -> str:
    """NFKC and no white space: '（ 万元 ）' → '(万元)'."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def label_of(text: str) -> Label:
    """The label a cell's text reads as (see the module docstring)."""
    words = fold(text).rstrip(":")
    for leading in _LEADING:
        if words.startswith(leading) and len(words) > len(leading):
            words = words[len(leading) :]
            break
    suffixes: list[str] = []
    while True:
        found = _SUFFIX.search(words)
        if not found or found.start() == 0:
            break
        suffixes.insert(0, found[1])
        words = words[: found.start()].rstrip(":")
    return Label(words, tuple(suffixes))


HEADER_LABELS = {
    "project": ("项目名称",),
    "department": ("主管部门", "主管部门及代码", "主管部门名称", "主管单位", "主管单位及代码"),
    "implementer": ("实施单位", "项目实施单位", "实施单位名称", "预算单位", "项目单位"),
}
YEAR_LABELS = ("年度", "预算年度", "评价年度", "项目年度")
FUNDS_HEADING = "项目资金"
FUND_COLUMNS = {
    "initial": ("年初预算数", "年初预算", "年初预算金额", "年初预算安排"),
    "annual": ("全年预算数", "调整后预算数", "调整预算数", "全年预算", "预算数", "调整后预算"),
    "executed": ("全年执行数", "执行数", "全年执行", "实际执行数", "全年实际执行数", "实际支出数"),
}
BUDGET_COLUMNS = {
    "weight": ("分值", "权重"),
    "rate": ("执行率", "预算执行率"),
    "score": ("得分", "自评得分"),
}
FUND_ROWS = {
    "total": ("年度资金总额", "资金总额", "年度资金总额合计", "资金总额合计"),
    "fiscal": (
        "当年财政拨款",
        "本年财政拨款",
        "财政拨款",
        "财政资金",
        "财政性资金",
        "当年财政资金",
    ),
    "carryover": ("上年结转资金", "上年结转", "结转资金", "以前年度结转资金"),
    "other": ("其他资金",),
}
GOAL_LABELS = {
    "heading": ("年度总体目标", "总体目标", "年度绩效目标", "绩效目标", "总体绩效目标"),
    "expected": ("预期目标", "年度预期目标", "年度目标"),
    "actual": ("实际完成情况", "目标实际完成情况", "年度目标完成情况"),
}
INDICATOR_COLUMNS = {
    "level1": ("一级指标",),
    "level2": ("二级指标",),
    "name": ("三级指标", "三级指标名称"),
    "target": ("年度指标值", "指标值", "年度目标值", "目标值", "预期指标值", "计划指标值"),
    "nature": ("指标性质", "指标方向", "指标属性"),
    "measure": ("度量单位", "计量单位", "单位"),
    "actual": ("实际完成值", "全年实际值", "实际值", "完成值", "年度实际完成值", "实际完成情况"),
    "weight": ("分值", "权重", "指标分值"),
    "score": ("得分", "自评得分"),
    "deviation": ("偏差原因分析及改进措施", "未完成原因分析及改进措施", "偏差原因", "备注"),
}
DEVIATION_PREFIXES = ("偏差原因", "未完成原因", "偏差分析")
TOTAL_ROW = ("总分", "合计", "总计", "总分合计")
FORM_TITLES = ("绩效自评表", "自评表")
TARGET_TITLES = ("绩效目标申报表", "绩效目标表", "目标申报表")


def kind_in(label: Label, vocabulary: dict[str, tuple[str, ...]]) -> str | None:
    """The kind whose words ``label`` has exactly, or None."""
    for kind, words in vocabulary.items():
        if label.words in words:
            return kind
    return None


def indicator_column(label: Label) -> str | None:
    """The indicator column a header cell names (偏差原因… by its beginning)."""
    if label.words.startswith(DEVIATION_PREFIXES):
        return "deviation"
    return kind_in(label, INDICATOR_COLUMNS)


def unit_in_text(text: str) -> str | None:
    """万元 or 元 from a note such as 单位：万元 or 金额单位：元."""
    found = _UNIT_IN_TEXT.search(fold(text))
    return found[1] if found else None
