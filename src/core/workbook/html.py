"""The 自评表 as an HTML page a browser prints on A4: one real table in the paper layout.

The cells are those of ``core.workbook.layout`` (the xlsx export's), with their row and column
spans; 偏差原因分析及改进措施 stands beside each indicator row. Every text is escaped, and the
layout has already made control and direction characters visible.
"""

from __future__ import annotations

from decimal import Decimal
from html import escape

from core.decimals import format_decimal, format_plain
from core.labels import field_label
from core.model import Form
from core.report import SEVERITY_LABELS
from core.scoring import Scorecard
from core.workbook.layout import FORM_TITLE, PaperLayout, Placed, cell_text, paper_layout
from core.workbook.units import MoneyUnit, show_money

STYLE = """
@page { size: A4 portrait; margin: 12mm 10mm; }
body { font-family: "SimSun", "宋体", "Songti SC", "Noto Serif CJK SC", serif; font-size: 11pt;
       color: #000; margin: 0 auto; max-width: 190mm; }
table.form { border-collapse: collapse; width: 100%; table-layout: fixed; }
table.form td { border: 0.5pt solid #000; padding: 2pt 3pt; vertical-align: middle;
                white-space: pre-wrap; overflow-wrap: anywhere; text-align: center; }
table.form tr { page-break-inside: avoid; break-inside: avoid; }
td.title { border: none; font-size: 16pt; font-weight: bold; padding: 4pt; }
td.subtitle { border: none; padding-bottom: 6pt; }
td.text, td.long { text-align: left; }
td.long { vertical-align: top; }
td.money { text-align: right; }
section.findings { margin-top: 8mm; font-size: 10pt; }
@media print { section.findings { display: none; } }
""".strip()


def _shown(placed: Placed, unit: MoneyUnit) -> str:
    value = placed.value
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if placed.kind == "money":
        return show_money(value, unit)
    if placed.kind == "rate":
        return f"{format_decimal(value * Decimal(100))}%"
    if placed.kind == "score":
        return format_decimal(value)
    return format_plain(value)


def layout_table(layout: PaperLayout) -> list[str]:
    """The lines of one ``<table>`` holding every cell of ``layout`` with its spans."""
    unit = layout.unit
    total_width = sum(layout.widths)
    lines = ['<table class="form">', "<colgroup>"]
    lines += [f'<col style="width:{w / total_width * 100:.2f}%">' for w in layout.widths]
    lines.append("</colgroup>")
    by_row: dict[int, list[Placed]] = {}
    for placed in layout.cells:
        by_row.setdefault(placed.row, []).append(placed)
    for row in range(1, layout.total_row + 1):
        cells = sorted(by_row.get(row, []), key=lambda placed: placed.col)
        lines.append("<tr>" + "".join(_td(placed, unit) for placed in cells) + "</tr>")
    lines.append("</table>")
    return lines


def _td(placed: Placed, unit: MoneyUnit) -> str:
    spans = ""
    if placed.rows > 1:
        spans += f' rowspan="{placed.rows}"'
    if placed.cols > 1:
        spans += f' colspan="{placed.cols}"'
    return f'<td class="{placed.kind}"{spans}>{escape(_shown(placed, unit))}</td>'


def _findings(form: Form, card: Scorecard) -> list[str]:
    if not card.findings:
        return ['<section class="findings"><p>复核：没有发现问题。</p></section>']
    lines = ['<section class="findings">', f"<p>复核：{len(card.findings)} 个问题</p>", "<ul>"]
    for finding in card.findings:
        label = escape(cell_text(field_label(finding.path, form)))
        message = escape(cell_text(finding.message))
        lines.append(f"<li>{SEVERITY_LABELS[finding.severity]}　{label}：{message}</li>")
    lines += ["</ul>", "</section>"]
    return lines


def form_html(form: Form, card: Scorecard, unit: MoneyUnit = "元") -> str:
    """The whole page: the form's table, then (on screen only) what the check found."""
    title = f"{FORM_TITLE}（{form.year}年度）{form.project}"
    body = [*layout_table(paper_layout(form, card, unit)), *_findings(form, card)]
    return page(title, body)


def page(title: str, body: list[str]) -> str:
    """A printable HTML page around ``body`` (lines of HTML already escaped)."""
    lines = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{escape(cell_text(title))}</title>",
        f"<style>\n{STYLE}\n</style>",
        "</head>",
        "<body>",
        *body,
        "</body>",
        "</html>",
    ]
    return "\n".join(lines) + "\n"
