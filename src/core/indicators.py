"""绩效指标: one indicator's suggested score and the findings on it (scoring.md)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from core.counted import counted_score
from core.decimals import HUNDRED, format_decimal, format_plain, round_half_up
from core.errors import InputError
from core.findings import Finding, error, indicator_path, warning
from core.model import Indicator
from core.numbers import normalize_text
from core.rules import QualitativeBand, RuleSet
from core.targets import Target, TargetKind, convert, parse_quantity, parse_target


@dataclass(frozen=True)
class IndicatorResult:
    """What scoring says of one indicator."""

    kind: TargetKind | None
    """kind: how the target reads; None where it cannot be read"""
    suggested: Decimal | None
    entered: Decimal | None
    grade: str | None
    """grade: the band of a qualitative indicator (entered, or 达成年度指标 when met)"""
    findings: tuple[Finding, ...]

    @property
    def effective(self) -> Decimal:
        """The score that counts toward 总分."""
        return counted_score(self.entered, self.suggested)


@dataclass(frozen=True)
class _Suggestion:
    value: Decimal | None
    grade: str | None = None
    findings: tuple[Finding, ...] = ()


def score_indicator(
    indicator: Indicator, index: int, rules: RuleSet, year: int | None = None
) -> IndicatorResult:
    """Suggested score and findings for ``indicators[index]`` (pure); ``year`` is the form's,
    for deadlines written without one (6月底前)."""
    findings: list[Finding] = []
    weight = indicator.weight
    if weight is None:
        findings.append(error(indicator_path(index, "weight"), "分值未填写"))
    elif weight <= 0:
        findings.append(
            error(indicator_path(index, "weight"), f"分值应大于 0，现为 {format_plain(weight)}")
        )
        weight = None
    target = _read_target(indicator, index, findings)
    has_actual = bool(indicator.actual.strip())
    if not has_actual:
        findings.append(error(indicator_path(index, "actual"), "实际完成值未填写"))
    suggestion = _Suggestion(None)
    if target is not None and has_actual and weight is not None:
        if target.quantitative:
            suggestion = _suggest_quantitative(indicator, index, target, weight, rules)
        else:
            suggestion = _suggest_qualitative(indicator, index, target, weight, rules)
    findings.extend(suggestion.findings)
    if target is not None and target.quantitative and indicator.grade:
        findings.append(error(indicator_path(index, "grade"), "定量指标不设评价等级，请清空"))
    findings.extend(_check_entered(indicator, index, weight, suggestion, rules))
    return IndicatorResult(
        target.kind if target else None,
        suggestion.value,
        indicator.score,
        suggestion.grade,
        tuple(findings),
    )


def _read_target(indicator: Indicator, index: int, findings: list[Finding]) -> Target | None:
    try:
        return parse_target(indicator.target)
    except InputError as exc:
        findings.append(error(indicator_path(index, "target"), str(exc)))
        return None


def _suggest_quantitative(
    indicator: Indicator, index: int, target: Target, weight: Decimal, rules: RuleSet
) -> _Suggestion:
    actual_path = indicator_path(index, "actual")
    quantity = parse_quantity(indicator.actual)
    if quantity is None:
        return _Suggestion(
            None,
            findings=(
                warning(
                    actual_path,
                    f"实际完成值“{indicator.actual}”不是数值，无法与年度指标值 {target.text} 比较",
                ),
            ),
        )
    actual = convert(quantity, target.unit)
    if actual is None:
        return _Suggestion(
            None,
            findings=(
                warning(
                    actual_path,
                    f"实际完成值的单位“{quantity.unit}”与年度指标值的单位“{target.unit}”不同，"
                    "无法换算，不给建议得分",
                ),
            ),
        )
    aim = target.number if target.number is not None else Decimal(0)
    if target.kind is TargetKind.ZERO:
        ratio = Decimal(1) if actual == 0 else Decimal(0)
    elif target.kind is TargetKind.REVERSE:
        ratio = Decimal(1) if actual == 0 else min(aim / actual, Decimal(1))
    else:  # positive and exact
        ratio = Decimal(1) if aim == 0 else min(actual / aim, Decimal(1))
    findings = tuple(_far_exceeded(indicator, index, target, aim, actual, rules))
    return _Suggestion(round_half_up(weight * ratio), findings=findings)


def _far_exceeded(
    indicator: Indicator, index: int, target: Target, aim: Decimal, actual: Decimal, rules: RuleSet
) -> Iterator[Finding]:
    """The 办法 asks for an explanation where a target was set too low."""
    if target.kind not in (TargetKind.POSITIVE, TargetKind.EXACT) or aim <= 0:
        return
    if actual >= rules.quantitative.far_exceed_ratio * aim and not indicator.deviation.strip():
        percent = format_decimal(actual / aim * HUNDRED, 0)
        limit = format_decimal(rules.quantitative.far_exceed_ratio * HUNDRED, 0)
        yield error(
            indicator_path(index, "deviation"),
            f"实际完成值 {indicator.actual} 达到年度指标值 {target.text} 的 {percent}%"
            f"（超过 {limit}%），请在偏差原因分析中说明指标值是否设定偏低",
        )


def qualitative_met(target: str, actual: str, rules: RuleSet) -> bool:
    """The actual meets a qualitative target: the same word, or a better one on a scale."""
    aim, done = normalize_text(target), normalize_text(actual)
    if done == aim or done == rules.qualitative.met_band:
        return True
    for scale in rules.qualitative.scales:
        if aim in scale and done in scale:
            return scale.index(done) >= scale.index(aim)
    return False


def _suggest_qualitative(
    indicator: Indicator, index: int, target: Target, weight: Decimal, rules: RuleSet
) -> _Suggestion:
    if qualitative_met(target.text, indicator.actual, rules):
        return _Suggestion(weight, grade=indicator.grade or rules.qualitative.met_band)
    named_band = rules.qualitative.band(normalize_text(indicator.actual))
    grade = indicator.grade or (named_band.name if named_band else None)
    if grade is None:
        names = "、".join(band.name for band in rules.qualitative.bands)
        finding = error(
            indicator_path(index, "grade"),
            f"定性指标未达成（年度指标值“{target.text}”，实际完成值“{indicator.actual}”）："
            f"请选择评价等级（{names}）",
        )
        return _Suggestion(None, findings=(finding,))
    return _Suggestion(None, grade=grade)


def _band_text(band: QualitativeBand, weight: Decimal) -> str:
    low = format_decimal(weight * band.min / HUNDRED)
    high = format_decimal(weight * band.max / HUNDRED)
    return f"[{low}, {high}{']' if band.max_inclusive else ')'}"


def _check_entered(
    indicator: Indicator,
    index: int,
    weight: Decimal | None,
    suggestion: _Suggestion,
    rules: RuleSet,
) -> Iterator[Finding]:
    score_path = indicator_path(index, "score")
    entered = indicator.score
    if entered is None:
        yield error(score_path, "得分未填写")
        return
    if weight is None:
        return
    if entered < 0 or entered > weight:
        yield error(
            score_path, f"得分 {format_plain(entered)} 应在 0 到分值 {format_plain(weight)} 之间"
        )
        return
    if entered < weight and not indicator.deviation.strip():
        yield error(
            indicator_path(index, "deviation"),
            f"得分 {format_plain(entered)} 低于分值 {format_plain(weight)}，"
            "请填写偏差原因分析及改进措施",
        )
    if suggestion.grade is not None:
        band = rules.qualitative.band(suggestion.grade)
        if band is None:
            yield error(
                indicator_path(index, "grade"), f"评价等级“{suggestion.grade}”不在规则集的三档之中"
            )
        elif not band.contains(entered, weight):
            yield error(
                score_path,
                f"评价等级“{band.name}”的得分应在 {_band_text(band, weight)} 之间，"
                f"现为 {format_plain(entered)}",
            )
    if suggestion.value is not None and entered < suggestion.value:
        yield warning(
            score_path,
            f"得分 {format_plain(entered)} 低于建议得分 {format_decimal(suggestion.value)}"
            "（以填报为准）",
        )
    elif suggestion.value is not None and entered > suggestion.value:
        yield warning(
            score_path,
            f"得分 {format_plain(entered)} 高于建议得分 {format_decimal(suggestion.value)}，请核实",
        )
