"""Rule sets: what varies by locality, read from TOML files in data/rules/.

The national rules of 财预〔2020〕10号 are the default; ``national-2021`` carries the
财预〔2021〕101号 taxonomy. A rule profile (``extends = "national-2020"``) names a base rule set
and sets only what it changes: its tables merge into the base's, its arrays and values
replace the base's. Every switch of a profile is off in the national rule sets. A broken file
is refused with a message naming the file and key.
"""

from __future__ import annotations

import sys
from decimal import Decimal
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from core.errors import RuleSetError
from core.files import describe_os_error
from core.messages import toml_error_words
from core.money import MoneyFormat
from core.resources import rules_dir

if TYPE_CHECKING:
    from core.qualitative import Wording

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

DEFAULT_RULE_SET = "national-2020"

Percent = Annotated[Decimal, Field(ge=0, le=100)]
Positive = Annotated[Decimal, Field(gt=0)]


class _RuleModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ScoreCap(_RuleModel):
    """An execution rate below ``below`` percent caps 总分 at ``cap``."""

    below: Percent
    cap: Percent


class BudgetRule(_RuleModel):
    weight: Positive
    method: Literal["linear"] = "linear"
    caps: list[ScoreCap] = Field(default_factory=list)
    """caps: 总分 capped by the execution rate (a profile switch; none in the national rules)"""
    explain_below: Percent | None = None
    """explain_below: an execution rate below this percent needs 预算执行偏差原因 (a switch)"""

    def cap_for(self, rate: Decimal | None) -> Decimal | None:
        """The lowest cap whose band holds the rate; None where no cap applies."""
        if rate is None:
            return None
        caps = [cap.cap for cap in self.caps if rate < cap.below]
        return min(caps) if caps else None


class IndicatorBlock(_RuleModel):
    """The points the indicator rows carry. Without ``points`` they carry the rest of the full
    marks (90 beside a budget weight of 10); with it they carry ``points`` (100) and count
    scaled into the rest (× 0.8 beside a budget weight of 20)."""

    points: Positive | None = None


class MoneyRule(_RuleModel):
    unit: Literal["元", "万元"] = "元"
    decimals: Annotated[int, Field(ge=0, le=6)] = 2


class FarExceedDeduction(_RuleModel):
    """A fixed deduction from the suggestion of a target met by far: points, or a percent of
    the row's weight."""

    points: Positive | None = None
    percent: Percent | None = None

    @model_validator(mode="after")
    def _one_of_the_two(self) -> FarExceedDeduction:
        if (self.points is None) == (self.percent is None):
            raise ValueError("应给出 points 或 percent 之一")
        return self

    def of(self, weight: Decimal) -> Decimal:
        """The points deducted from a row of this weight."""
        if self.points is not None:
            return min(self.points, weight)
        return weight * (self.percent or Decimal(0)) / 100


class Level(_RuleModel):
    """A 一级指标 with its advised weight and its 二级指标."""

    name: str = Field(min_length=1)
    weight: Percent
    level2: list[str] = Field(min_length=1)


class GradeBand(_RuleModel):
    """A 总分 band: totals at or above ``min`` get ``name``."""

    name: str = Field(min_length=1)
    min: Percent


class QualitativeBand(_RuleModel):
    """A band of the notes, in percent of the indicator's weight."""

    name: str = Field(min_length=1)
    min: Percent
    max: Percent
    max_inclusive: bool = False

    def contains(self, score: Decimal, weight: Decimal) -> bool:
        low, high = weight * self.min / 100, weight * self.max / 100
        return low <= score <= high if self.max_inclusive else low <= score < high


WordList = list[Annotated[str, Field(min_length=1)]]


class QuantitativeRule(_RuleModel):
    far_exceed_ratio: Annotated[Decimal, Field(gt=1)]
    far_exceed_deduction: FarExceedDeduction | None = None
    """far_exceed_deduction: deduct instead of asking for an explanation (a profile switch)"""
    full_words: WordList = Field(default_factory=list)
    """full_words: actuals that read as 100% against a percent target (全部完成, 全覆盖)"""
    zero_words: WordList = Field(default_factory=list)
    """zero_words: actuals that read as 0 against a zero target (无, 未发生)"""


class TimeRule(_RuleModel):
    """Actuals of a deadline written without a date."""

    on_time_words: WordList = Field(default_factory=list)
    """on_time_words: words that say the deadline was kept (按时, 按期, 提前)"""
    late_words: WordList = Field(default_factory=list)
    """late_words: words that say it was missed (延期, 滞后, 未按时)"""


class QualitativeRule(_RuleModel):
    met_band: str
    scales: list[list[str]] = Field(default_factory=list)
    words: list[str] = Field(default_factory=list)
    bands: list[QualitativeBand] = Field(min_length=1)
    met_words: WordList = Field(default_factory=list)
    """met_words: actuals that say a qualitative target was met, whatever its word"""
    partial_words: WordList = Field(default_factory=list)
    """partial_words: words that say it was met only in part (基本, 部分)"""
    poor_words: WordList = Field(default_factory=list)
    """poor_words: words that say it was not met (差, 较差)"""
    negations: WordList = Field(default_factory=list)
    """negations: words that turn a met word round (未完成, 没有提高)"""
    modifiers: WordList = Field(default_factory=list)
    """modifiers: words that qualify without changing the meaning (有所提高, 明显下降)"""
    synonyms: list[WordList] = Field(default_factory=list)
    """synonyms: groups of words read as one (提高 = 提升 = 上升)"""
    opposites: list[Annotated[WordList, Field(min_length=2, max_length=2)]] = Field(
        default_factory=list
    )
    """opposites: pairs of words (each with its synonyms) that contradict (提高 / 下降)"""
    questions: WordList = Field(default_factory=list)
    """questions: a target asked as a question (是否按规定执行) seeks what follows the word"""

    @model_validator(mode="after")
    def _met_band_is_a_band(self) -> QualitativeRule:
        if self.met_band not in {band.name for band in self.bands}:
            raise ValueError(f"met_band “{self.met_band}” 不在 bands 中")
        return self

    def band(self, name: str) -> QualitativeBand | None:
        return next((band for band in self.bands if band.name == name), None)

    def band_for_score(self, score: Decimal, weight: Decimal) -> QualitativeBand | None:
        """The band a score falls in (14 of 20 → 部分达成年度指标并具有一定效果)."""
        return next((band for band in self.bands if band.contains(score, weight)), None)

    @cached_property
    def wording(self) -> Wording:
        """These words prepared for matching actuals against targets (core.qualitative)."""
        from core.qualitative import Wording

        return Wording(self)


class Labels(_RuleModel):
    """一级/二级 labels as other templates print them → the rule set's own."""

    level1: dict[str, str] = Field(default_factory=dict)
    level2: dict[str, str] = Field(default_factory=dict)


class RuleSet(_RuleModel):
    """Everything scoring reads that a locality may set differently."""

    name: str = Field(min_length=1)
    title: str
    """title: the rule set's name as a person reads it (财预〔2020〕10号 全国通用)"""
    description: str = ""
    """description: what the rule set does, in a sentence, for whoever chooses it"""
    extends: str | None = None
    """extends: the rule set this profile changes (already merged in when loaded)"""
    full_marks: Positive = Decimal(100)
    """full_marks: 满分; budget weight plus the indicator block add up to it"""
    budget: BudgetRule
    indicators: IndicatorBlock = IndicatorBlock()
    money: MoneyRule = MoneyRule()
    levels: list[Level] = Field(min_length=1)
    labels: Labels = Labels()
    grades: list[GradeBand] = Field(min_length=1)
    quantitative: QuantitativeRule
    qualitative: QualitativeRule
    time: TimeRule = TimeRule()

    @model_validator(mode="after")
    def _grades_descend(self) -> RuleSet:
        minimums = [grade.min for grade in self.grades]
        if minimums != sorted(minimums, reverse=True) or minimums[-1] != 0:
            raise ValueError("grades 应按 min 从高到低排列，最后一档 min 为 0")
        return self

    @model_validator(mode="after")
    def _budget_leaves_room(self) -> RuleSet:
        if self.budget.weight >= self.full_marks:
            raise ValueError("budget.weight 应小于 full_marks")
        return self

    @property
    def money_format(self) -> MoneyFormat:
        """How amounts are shown under this rule set (``[money]``)."""
        return MoneyFormat(self.money.unit, self.money.decimals)

    @property
    def indicator_block(self) -> Decimal:
        """The points the indicators count for in 总分: full marks less the budget weight."""
        return self.full_marks - self.budget.weight

    @property
    def indicator_points(self) -> Decimal:
        """The points the indicator rows' weights add up to (90, or 100 where scaled)."""
        return self.indicators.points or self.indicator_block

    @property
    def indicator_scale(self) -> Decimal:
        """The factor from row points to 总分 points: 1, or 0.8 for 100 points in 80."""
        return self.indicator_block / self.indicator_points

    def level(self, name: str) -> Level | None:
        return self._levels_by_name.get(name)

    @cached_property
    def readings(self) -> dict[Any, Any]:
        """Texts already read under this rule set (actuals against targets): a form is scored
        again on every keystroke, and all but one of its rows are as they were."""
        return {}

    @cached_property
    def _levels_by_name(self) -> dict[str, Level]:
        return {level.name: level for level in self.levels}

    @cached_property
    def _level2_names(self) -> frozenset[str]:
        return frozenset(name for level in self.levels for name in level.level2)

    def read_level1(self, written: str) -> str:
        """The rule set's 一级指标 for a label as written (项目产出 → 产出指标); a label of the
        rule set's own, or one nobody listed, stays as written."""
        if written in self._levels_by_name:
            return written
        name = written.strip()
        return name if name in self._levels_by_name else self.labels.level1.get(name, name)

    def read_level2(self, written: str) -> str:
        """The rule set's 二级指标 for a label as written (进度指标 → 时效指标)."""
        if written in self._level2_names:
            return written
        name = written.strip()
        return name if name in self._level2_names else self.labels.level2.get(name, name)

    def grade_for(self, total: Decimal) -> str:
        """The 等级 of a 总分; a total below 0 (scores entered below 0) has the lowest."""
        return next(
            (grade.name for grade in self.grades if total >= grade.min), self.grades[-1].name
        )


def _key_path(location: tuple[int | str, ...]) -> str:
    path = ""
    for part in location:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path


def _merged(base: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    """``base`` with ``changes`` laid over it: tables merge, anything else replaces."""
    merged = dict(base)
    for key, value in changes.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merged(merged[key], value)
        else:
            merged[key] = value
    return merged


def _toml(text: str, source: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RuleSetError(source, "", f"不是有效的 TOML：{toml_error_words(exc)}") from None


def _with_base(raw: dict[str, Any], source: str, seen: tuple[str, ...]) -> dict[str, Any]:
    """The raw table of a profile merged over the raw table of the rule set it extends."""
    base_name = raw.get("extends")
    if base_name is None:
        return raw
    if not isinstance(base_name, str) or not base_name:
        raise RuleSetError(source, "extends", "应为一个规则集名称")
    if base_name in seen:
        raise RuleSetError(source, "extends", f"循环引用：{' → '.join((*seen, base_name))}")
    path = rules_dir() / f"{base_name}.toml"
    if not path.is_file():
        raise RuleSetError(source, "extends", f"没有名为 {base_name} 的规则集")
    base = _with_base(_toml(_read(path), str(path)), str(path), (*seen, base_name))
    base.pop("extends", None)
    return _merged(base, raw)


def parse_rule_set(text: str, source: str, name: str = "") -> RuleSet:
    """A rule set from TOML text; ``source`` names the file in messages."""
    raw = _with_base(_toml(text, source), source, (name,) if name else ())
    try:
        return RuleSet.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise RuleSetError(source, _key_path(first["loc"]), first["msg"]) from None


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise RuleSetError(str(path), "", f"无法读取：{describe_os_error(exc)}") from None
    except UnicodeDecodeError:
        raise RuleSetError(str(path), "", "不是 UTF-8 编码的文本") from None


def load_rule_set_file(path: Path) -> RuleSet:
    """Read one rule-set file (a profile is merged over the shipped rule set it extends)."""
    return parse_rule_set(_read(path), str(path), path.stem)


def available_rule_sets() -> list[str]:
    """Names of the shipped rule sets."""
    return sorted(path.stem for path in rules_dir().glob("*.toml"))


def shipped_rule_sets() -> list[RuleSet]:
    """Every shipped rule set, to choose from: the default first, then by name."""
    names = sorted(available_rule_sets(), key=lambda name: (name != DEFAULT_RULE_SET, name))
    return [load_rule_set(name) for name in names]


@cache
def load_rule_set(name: str | None = None) -> RuleSet:
    """A shipped rule set by name; None gives the default."""
    name = name or DEFAULT_RULE_SET
    path = rules_dir() / f"{name}.toml"
    if not path.is_file():
        known = "、".join(available_rule_sets())
        raise RuleSetError(f"{name}.toml", "", f"没有名为 {name} 的规则集（已有：{known}）")
    rule_set = load_rule_set_file(path)
    if rule_set.name != name:
        raise RuleSetError(str(path), "name", f"应为 “{name}”，与文件名一致")
    return rule_set
