"""Rule sets: what varies by locality, read from TOML files in data/rules/.

The national rules of 财预〔2020〕10号 are the default; ``national-2021`` carries the
财预〔2021〕101号 taxonomy. A broken file is refused with a message naming the file and key.
"""

from __future__ import annotations

import sys
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from core.errors import RuleSetError
from core.files import describe_os_error
from core.resources import rules_dir

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

DEFAULT_RULE_SET = "national-2020"

Percent = Annotated[Decimal, Field(ge=0, le=100)]
Positive = Annotated[Decimal, Field(gt=0)]


class _RuleModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class BudgetRule(_RuleModel):
    weight: Positive
    method: Literal["linear"] = "linear"


class MoneyRule(_RuleModel):
    unit: Literal["元", "万元"] = "元"
    decimals: Annotated[int, Field(ge=0, le=6)] = 2


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


class QuantitativeRule(_RuleModel):
    far_exceed_ratio: Annotated[Decimal, Field(gt=1)]


class QualitativeRule(_RuleModel):
    met_band: str
    scales: list[list[str]] = Field(default_factory=list)
    words: list[str] = Field(default_factory=list)
    bands: list[QualitativeBand] = Field(min_length=1)

    @model_validator(mode="after")
    def _met_band_is_a_band(self) -> QualitativeRule:
        if self.met_band not in {band.name for band in self.bands}:
            raise ValueError(f"met_band “{self.met_band}” 不在 bands 中")
        return self

    def band(self, name: str) -> QualitativeBand | None:
        return next((band for band in self.bands if band.name == name), None)


class RuleSet(_RuleModel):
    """Everything scoring reads that a locality may set differently."""

    name: str = Field(min_length=1)
    title: str
    budget: BudgetRule
    money: MoneyRule = MoneyRule()
    levels: list[Level] = Field(min_length=1)
    grades: list[GradeBand] = Field(min_length=1)
    quantitative: QuantitativeRule
    qualitative: QualitativeRule

    @model_validator(mode="after")
    def _grades_descend(self) -> RuleSet:
        minimums = [grade.min for grade in self.grades]
        if minimums != sorted(minimums, reverse=True) or minimums[-1] != 0:
            raise ValueError("grades 应按 min 从高到低排列，最后一档 min 为 0")
        return self

    def level(self, name: str) -> Level | None:
        return next((level for level in self.levels if level.name == name), None)

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


def parse_rule_set(text: str, source: str) -> RuleSet:
    """A rule set from TOML text; ``source`` names the file in messages."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RuleSetError(source, "", f"不是有效的 TOML：{exc}") from None
    try:
        return RuleSet.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise RuleSetError(source, _key_path(first["loc"]), first["msg"]) from None


def load_rule_set_file(path: Path) -> RuleSet:
    """Read one rule-set file."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise RuleSetError(str(path), "", f"无法读取：{describe_os_error(exc)}") from None
    except UnicodeDecodeError:
        raise RuleSetError(str(path), "", "不是 UTF-8 编码的文本") from None
    return parse_rule_set(text, str(path))


def available_rule_sets() -> list[str]:
    """Names of the shipped rule sets."""
    return sorted(path.stem for path in rules_dir().glob("*.toml"))


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
