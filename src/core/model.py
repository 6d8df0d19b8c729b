"""The 项目支出绩效自评表 as pydantic models, exactly as form-format.md describes it.

Models hold data and validate it; they have no behaviour beyond that. Amounts are
Decimal in 元 (at most two decimals, never negative); weights and scores are Decimal.
A draft may leave amounts, actuals, weights and scores empty (None): the checks in
``core.validation`` say what is missing, so that nothing typed so far is refused.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    ValidationInfo,
    model_serializer,
    model_validator,
)

from core.decimals import format_decimal, format_plain
from core.errors import InputError, NestedInputError
from core.messages import (
    extension_problem,
    number_problem,
    reserved_key_message,
    unsafe_text_problem,
)
from core.numbers import parse_amount, parse_number

FORMAT_TAG = "jixiao.form/1"
MIN_YEAR, MAX_YEAR = 2000, 2100
EXTENSION_PREFIX = "x-"
RESERVED_KEY = "extensions"
"""The model's own name for the ``x-`` keys it keeps: a file may not use it as a key."""

FROM_OUTSIDE = {"from_outside": True}
"""Validation context for a form read from outside (a file, a workbook): each text field is
also refused when it holds a character no form field has a use for (controls, bidi overrides,
zero-width characters; line breaks outside the multi-line fields), and ``x-`` values when they
could not be stored and read back. The store reads what it holds without it: text an older
jixiao let in is read as it is and shown escaped (core.safetext)."""


def _from_outside(info: ValidationInfo) -> bool:
    return bool(info.context and info.context.get("from_outside"))


def _one_line(text: str, info: ValidationInfo) -> str:
    if _from_outside(info):
        problem = unsafe_text_problem(text, multiline=False)
        if problem:
            raise InputError(problem)
    return text


def _lines(text: str, info: ValidationInfo) -> str:
    if _from_outside(info):
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        problem = unsafe_text_problem(text, multiline=True)
        if problem:
            raise InputError(problem)
    return text


def _blank_to_none(value: Any) -> Any:
    return None if value is None or (isinstance(value, str) and not value.strip()) else value


def _number(value: Any, what: str) -> Any:
    """``value`` unless no number field can hold it (NaN, infinity, a huge number)."""
    problem = number_problem(value, what)
    if problem:
        raise InputError(problem)
    return _blank_to_none(value)


def _amount(value: Any) -> Decimal | None:
    value = _number(value, "金额")
    return None if value is None else parse_amount(value)


def _weight(value: Any) -> Decimal | None:
    value = _number(value, "分值")
    return None if value is None else parse_number(value, "分值")


def _score(value: Any) -> Decimal | None:
    value = _number(value, "得分")
    return None if value is None else parse_number(value, "得分")


def _year(value: Any) -> Any:
    if isinstance(value, Decimal):  # 2022.0, NaN or a number too long for an int in the file
        raise InputError("年度应为四位整数，如 2023")
    return value


def _metadata_id(value: Any) -> Any:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 2**63:
        return value
    raise InputError("编号应为整数")


Amount = Annotated[
    Decimal | None,
    BeforeValidator(_amount),
    PlainSerializer(lambda v: None if v is None else format_decimal(v), return_type=str | None),
]
Weight = Annotated[
    Decimal | None,
    BeforeValidator(_weight),
    PlainSerializer(lambda v: None if v is None else format_plain(v), return_type=str | None),
]
Score = Annotated[
    Decimal | None,
    BeforeValidator(_score),
    PlainSerializer(lambda v: None if v is None else format_plain(v), return_type=str | None),
]
ShortText = Annotated[str, Field(max_length=200), AfterValidator(_one_line)]
"""One line of text: a name, a unit, a target."""
LongText = Annotated[str, Field(max_length=20_000), AfterValidator(_lines)]
"""Text that may span lines: 预期目标, 实际完成情况."""
DeviationText = Annotated[str, Field(max_length=5_000), AfterValidator(_lines)]
"""偏差原因分析及改进措施: may span lines."""


class _Strict(BaseModel):
    """Unknown keys are an error (a typo must not drop data); ``x-`` keys are kept aside."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, frozen=True)

    extensions: dict[str, Any] = Field(default_factory=dict, exclude=True, repr=False)

    @model_validator(mode="before")
    @classmethod
    def _set_aside_extensions(cls, data: Any, info: ValidationInfo) -> Any:
        if not isinstance(data, dict):
            return data
        if RESERVED_KEY in data:  # its content would come back as keys of the form itself
            raise NestedInputError(reserved_key_message(RESERVED_KEY), (RESERVED_KEY,))
        extensions = {k: v for k, v in data.items() if str(k).startswith(EXTENSION_PREFIX)}
        if not extensions:
            return data
        if _from_outside(info):
            problem = extension_problem(extensions)
            if problem:
                where, message = problem
                raise NestedInputError(message, where)
        data = {k: v for k, v in data.items() if k not in extensions}
        data[RESERVED_KEY] = extensions
        return data

    @model_serializer(mode="wrap")
    def _put_back_extensions(self, handler: Any) -> dict[str, Any]:
        dumped = handler(self)
        if isinstance(dumped, dict):
            dumped.pop("extensions", None)
            dumped.update(self.extensions)
        return dumped


class FundRow(_Strict):
    """One row of 项目资金 (元) by its three columns."""

    initial: Amount = None
    """initial: 年初预算数"""
    annual: Amount = None
    """annual: 全年预算数"""
    executed: Amount = None
    """executed: 全年执行数"""


class Funds(_Strict):
    """项目资金: 年度资金总额 and its three parts."""

    total: FundRow = Field(default_factory=FundRow)
    """total: 年度资金总额"""
    fiscal: FundRow = Field(default_factory=FundRow)
    """fiscal: 其中：当年财政拨款"""
    carryover: FundRow = Field(default_factory=FundRow)
    """carryover: 上年结转资金"""
    other: FundRow = Field(default_factory=FundRow)
    """other: 其他资金"""


FUND_ROWS = ("total", "fiscal", "carryover", "other")
FUND_COLUMNS = ("initial", "annual", "executed")


class Goals(_Strict):
    """年度总体目标."""

    expected: LongText = ""
    """expected: 预期目标"""
    actual: LongText = ""
    """actual: 实际完成情况"""


class Indicator(_Strict):
    """One row of 绩效指标."""

    level1: ShortText
    """level1: 一级指标"""
    level2: ShortText
    """level2: 二级指标"""
    name: ShortText
    """name: 三级指标"""
    target: ShortText
    """target: 年度指标值"""
    actual: ShortText = ""
    """actual: 实际完成值"""
    weight: Weight
    """weight: 分值"""
    score: Score = None
    """score: 得分 as the unit enters it"""
    deviation: DeviationText = ""
    """deviation: 偏差原因分析及改进措施"""
    grade: ShortText | None = None
    """grade: the band the unit picks for a qualitative indicator (达成年度指标, …)"""
    target_locked: Annotated[bool, Field(strict=True)] = False
    """target_locked: the target comes from the approved 绩效目标申报表 and stays as approved
    until unlocked (with a reason kept in the history)"""

    @model_serializer(mode="wrap")
    def _drop_empty_grade(self, handler: Any) -> dict[str, Any]:
        dumped = _Strict._put_back_extensions(self, handler)
        if dumped.get("grade") is None:
            dumped.pop("grade", None)
        if not dumped.get("target_locked"):
            dumped.pop("target_locked", None)
        return dumped


class Form(_Strict):
    """One 项目支出绩效自评表 in the interchange shape ``jixiao.form/1``."""

    format: Literal["jixiao.form/1"] = FORMAT_TAG
    year: Annotated[int, BeforeValidator(_year), Field(ge=MIN_YEAR, le=MAX_YEAR, strict=True)]
    """year: 年度"""
    project: ShortText
    """project: 项目名称"""
    department: ShortText
    """department: 主管部门"""
    implementer: ShortText
    """implementer: 实施单位"""
    funds: Funds
    """funds: 项目资金 (元)"""
    budget_weight: Weight = Decimal(10)
    """budget_weight: 预算执行 分值"""
    budget_score: Score = None
    """budget_score: 预算执行 得分 as the unit enters it"""
    budget_deviation: Annotated[str, Field(max_length=5_000)] = ""
    """budget_deviation: 预算执行偏差原因, where a rule set asks for it (a low 执行率)"""
    goals: Goals
    """goals: 年度总体目标"""
    indicators: Annotated[list[Indicator], Field(max_length=500)]
    """indicators: 绩效指标"""
    rule_set: ShortText | None = None
    """rule_set: the rule set that scores the form; None means the default"""
    stated_total: Score = None
    """stated_total: 总分 as printed on the paper or workbook; compared, never the total"""
    status: Literal["draft", "final"] | None = None
    id: Annotated[int | ShortText | None, BeforeValidator(_metadata_id)] = None
    updated_at: ShortText | None = None

    @model_serializer(mode="wrap")
    def _drop_empty_metadata(self, handler: Any) -> dict[str, Any]:
        dumped = _Strict._put_back_extensions(self, handler)
        for key in ("rule_set", "stated_total", "status", "id", "updated_at"):
            if dumped.get(key) is None:
                dumped.pop(key, None)
        if not dumped.get("budget_deviation"):
            dumped.pop("budget_deviation", None)
        return dumped
