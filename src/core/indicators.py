"""绩效指标: one indicator's suggested score and the findings on it (scoring.md).

Targets and actuals are read as real forms write them (core.targets, core.actuals,
core.qualitative); wherever a text was read as something other than itself, a note says how
(``年度指标值按“≥ 95%”读取``) and the result carries the reading.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from core.actuals import ActualNumber, Unread, read_actual_number, read_actual_time, time_ratio
from core.counted import counted_score
from core.deadlines import show_date
from core.decimals import HUNDRED, format_decimal, format_plain, round_half_up
from core.errors import InputError
from core.findings import Finding, error, indicator_path, note, warning
from core.model import Indicator
from core.qualitative import Verdict
from core.rules import QualitativeBand, RuleSet
from core.targets import Target, TargetKind, parse_target


@dataclass(frozen=True)
class IndicatorResult:
    """What scoring says of one indicator."""

    kind: TargetKind | None
    """kind: how the target reads; None where it cannot be read"""
    suggested: Decimal | None
    entered: Decimal | None
    grade: str | None
    """grade: the band of a qualitative indicator (entered; named by the actual; 达成年度指标
    when met; else the band its entered score falls in)"""
    findings: tuple[Finding, ...]
    target_reading: str | None = None
    """target_reading: how the target was read where it was normalised ('≥ 95%')"""
    actual_reading: str | None = None
    """actual_reading: how the actual was read where it was normalised ('98%', '2023年5月')"""

    @property
    def effective(self) -> Decimal:
        """The score that counts toward 总分."""
        return counted_score(self.entered, self.suggested)


class _Suggestion(NamedTuple):
    value: Decimal | None
    grade: str | None = None
    findings: tuple[Finding, ...] = ()
    actual_reading: str | None = None
    grade_checked: bool = True
    """grade_checked: the grade was chosen (or named), so the entered score must fall in it"""
    notes: tuple[str, ...] = ()
    deducted: Decimal = Decimal(0)
    """deducted: points the rule set takes off (a target met by far): no reason needed for them"""


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
    target = _read_target(indicator, index, findings, year or 0)
    has_actual = bool(indicator.actual.strip())
    if not has_actual:
        findings.append(error(indicator_path(index, "actual"), "实际完成值未填写"))
    suggestion = _Suggestion(None)
    if target is not None and has_actual and weight is not None:
        if target.kind is TargetKind.DEADLINE:
            suggestion = _suggest_deadline(indicator, index, target, weight, rules, year or 0)
        elif target.quantitative:
            suggestion = _suggest_quantitative(indicator, index, target, weight, rules)
        else:
            suggestion = _suggest_qualitative(indicator, index, target, weight, rules)
    findings.extend(suggestion.findings)
    if target is not None and target.quantitative and indicator.grade:
        findings.append(error(indicator_path(index, "grade"), "定量指标不设评价等级，请清空"))
    findings.extend(_check_entered(indicator, index, weight, suggestion, rules))
    target_reading = target.reading if target is not None else None
    findings.extend(_reading_note(index, target_reading, suggestion))
    return IndicatorResult(
        target.kind if target else None,
        suggestion.value,
        indicator.score,
        suggestion.grade,
        tuple(findings),
        target_reading,
        suggestion.actual_reading,
    )


def _read_target(
    indicator: Indicator, index: int, findings: list[Finding], year: int
) -> Target | None:
    try:
        return parse_target(indicator.target, year)
    except InputError as exc:
        findings.append(error(indicator_path(index, "target"), str(exc)))
        return None


def _reading_note(index: int, target_reading: str | None, suggestion: _Suggestion):
    """One note per row: how target and actual were read, and what followed from it."""
    parts = []
    if target_reading:
        parts.append(f"年度指标值按“{target_reading}”读取")
    if suggestion.actual_reading:
        parts.append(f"实际完成值按“{suggestion.actual_reading}”读取")
    parts.extend(suggestion.notes)
    if parts:
        field_name = "target" if target_reading else "actual"
        yield note(indicator_path(index, field_name), "；".join(parts))


def _ratio(target: Target, aim: Decimal, actual: Decimal) -> Decimal:
    if target.kind is TargetKind.ZERO:
        return Decimal(1) if actual == 0 else Decimal(0)
    if target.kind is TargetKind.REVERSE:
        return Decimal(1) if actual == 0 else min(aim / actual, Decimal(1))
    if target.kind is TargetKind.RANGE and target.upper is not None:
        if actual > target.upper:
            return target.upper / actual
        return Decimal(1) if aim == 0 else min(actual / aim, Decimal(1))
    return Decimal(1) if aim == 0 else min(actual / aim, Decimal(1))  # positive and exact


def _suggest_quantitative(
    indicator: Indicator, index: int, target: Target, weight: Decimal, rules: RuleSet
) -> _Suggestion:
    actual_path = indicator_path(index, "actual")
    read = read_actual_number(indicator.actual, target, rules)
    if isinstance(read, Unread):
        return _Suggestion(None, findings=(warning(actual_path, read.message),))
    findings: list[Finding] = []
    if read.repeated_comparator:
        findings.append(
            warning(
                actual_path,
                f"实际完成值“{indicator.actual.strip()}”带有比较符：应填实际达到的数值，"
                f"已按 {format_plain(read.value)}{target.unit} 计算",
            )
        )
    if target.label and read.label and rules.qualitative.wording.opposed(target.label, read.label):
        findings.append(
            warning(
                actual_path,
                f"实际完成值“{indicator.actual.strip()}”与年度指标值“{target.text}”方向相反，"
                "不给建议得分",
            )
        )
        return _Suggestion(None, findings=tuple(findings), actual_reading=read.reading)
    aim = target.number if target.number is not None else Decimal(0)
    value = round_half_up(weight * _ratio(target, aim, read.value))
    notes: list[str] = []
    deducted = Decimal(0)
    far = _far_exceeded(indicator, index, target, aim, read, rules)
    if far is not None:
        deduction = rules.quantitative.far_exceed_deduction
        if deduction is None:
            if not indicator.deviation.strip():
                findings.append(far)
        else:
            deducted = min(round_half_up(deduction.of(weight)), value)
            value -= deducted
            limit = format_decimal(rules.quantitative.far_exceed_ratio * HUNDRED, 0)
            notes.append(
                f"达到年度指标值的 {limit}% 以上，按规则集扣 {format_decimal(deducted)} 分"
                "（指标值设定偏低）"
            )
    return _Suggestion(
        value,
        findings=tuple(findings),
        actual_reading=read.reading,
        notes=tuple(notes),
        deducted=deducted,
    )


def _far_exceeded(
    indicator: Indicator,
    index: int,
    target: Target,
    aim: Decimal,
    read: ActualNumber,
    rules: RuleSet,
) -> Finding | None:
    """The 办法 asks for an explanation where a target was set too low."""
    if target.kind not in (TargetKind.POSITIVE, TargetKind.EXACT) or aim <= 0:
        return None
    if read.value < rules.quantitative.far_exceed_ratio * aim:
        return None
    percent = format_decimal(read.value / aim * HUNDRED, 0)
    limit = format_decimal(rules.quantitative.far_exceed_ratio * HUNDRED, 0)
    return error(
        indicator_path(index, "deviation"),
        f"实际完成值 {indicator.actual} 达到年度指标值 {target.text} 的 {percent}%"
        f"（超过 {limit}%），请在偏差原因分析中说明指标值是否设定偏低",
    )


def _suggest_deadline(
    indicator: Indicator, index: int, target: Target, weight: Decimal, rules: RuleSet, year: int
) -> _Suggestion:
    assert target.deadline is not None
    done = read_actual_time(indicator.actual, target, rules, year or target.deadline.year)
    if done.met is True:
        return _Suggestion(weight, actual_reading=done.reading)
    if done.met is False and done.last_day is not None:
        ratio = time_ratio(target.deadline, done.last_day, year or target.deadline.year)
        late = (done.last_day - target.deadline).days
        value = None if ratio is None else round_half_up(weight * ratio)
        notes = (f"晚于期限 {show_date(target.deadline)} {late} 天，建议得分按用时折算",)
        return _Suggestion(value, actual_reading=done.reading, notes=notes)
    path = indicator_path(index, "actual")
    return _Suggestion(None, findings=(warning(path, done.message),), actual_reading=done.reading)


def _band_names(rules: RuleSet) -> str:
    return "、".join(band.name for band in rules.qualitative.bands)


def _unmet_message(verdict: Verdict, because: str, target: Target, actual: str) -> str:
    if verdict is Verdict.BELOW:
        return f"实际完成值“{actual}”未达到年度指标值“{target.text}”（{because}）"
    if verdict is Verdict.PARTIAL:
        return f"实际完成值“{actual}”表明年度指标值“{target.text}”部分达成（{because}）"
    return f"无法判断实际完成值“{actual}”是否达到年度指标值“{target.text}”"


def _suggest_qualitative(
    indicator: Indicator, index: int, target: Target, weight: Decimal, rules: RuleSet
) -> _Suggestion:
    qualitative = rules.qualitative
    actual = indicator.actual.strip()
    named = qualitative.band(qualitative.wording.clean(actual))  # 实际完成值 names a band
    judgement = qualitative.wording.judge(target.text, actual)
    met = named.name == qualitative.met_band if named else judgement.verdict is Verdict.MET
    value = weight if met else None
    chosen = indicator.grade or (named.name if named else None)
    if chosen:
        return _Suggestion(value, grade=chosen)
    if met:
        return _Suggestion(value, grade=_met_grade(indicator, weight, rules), grade_checked=False)
    told = _unmet_message(judgement.verdict, judgement.because, target, actual)
    band = None if indicator.score is None else qualitative.band_for_score(indicator.score, weight)
    if band is not None and band.name == qualitative.met_band and indicator.score is not None:
        if judgement.verdict is not Verdict.UNKNOWN:  # the words say less than the score
            finding = error(
                indicator_path(index, "grade"),
                f"{told}，得分 {format_plain(indicator.score)} 却在“{band.name}”档"
                f"（{_band_text(band, weight)}）：请选择评价等级（{_band_names(rules)}）并按档"
                "填写得分，或改写实际完成值",
            )
            return _Suggestion(None, findings=(finding,))
    if band is not None and indicator.score is not None:
        share = format_decimal(indicator.score / weight * HUNDRED, 0)
        how = (
            f"{told}；按得分 {format_plain(indicator.score)} 占分值 {format_plain(weight)} 的 "
            f"{share}% 定为“{band.name}”"
        )
        return _Suggestion(None, grade=band.name, grade_checked=False, notes=(how,))
    finding = error(
        indicator_path(index, "grade"),
        f"{told}：请选择评价等级（{_band_names(rules)}），或填写得分（按得分占分值的比例定档）",
    )
    return _Suggestion(None, findings=(finding,))


def _met_grade(indicator: Indicator, weight: Decimal, rules: RuleSet) -> str:
    """达成年度指标, unless the entered score says less (the unit's score stands)."""
    qualitative = rules.qualitative
    if indicator.score is None:
        return qualitative.met_band
    band = qualitative.band_for_score(indicator.score, weight)
    return band.name if band is not None else qualitative.met_band


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
    if entered < weight - suggestion.deducted and not indicator.deviation.strip():
        yield error(
            indicator_path(index, "deviation"),
            f"得分 {format_plain(entered)} 低于分值 {format_plain(weight)}，"
            "请填写偏差原因分析及改进措施",
        )
    if suggestion.grade is not None and suggestion.grade_checked:
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
