"""Workbooks that cannot be read as forms: each ends in one message that names the file, the
sheet and the cell, and nothing from the file is stored."""

from __future__ import annotations

import io
import os
import re
import zipfile
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from core.store import Store
from core.workbook import limits
from core.workbook.reading import read_file
from tests.cli.helpers import run
from tests.workbook import bureau_forms


def _edit(data: bytes, **cells: object) -> bytes:
    book = load_workbook(io.BytesIO(data))
    sheet = book.worksheets[0]
    for ref, value in cells.items():
        sheet[ref] = value
        if isinstance(value, str) and value.startswith("=") and "(" not in value:
            sheet[ref].data_type = "s"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _patch_sheet(data: bytes, change) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                content = change(content.decode("utf-8")).encode("utf-8")
            target.writestr(item, content)
    return out.getvalue()


def _only_problem(reading) -> str:
    assert not reading.forms
    assert reading.problems
    return str(reading.problems[0])


SHANGHAI = bureau_forms.shanghai_district()


def test_text_in_a_number_cell(write_file):
    message = _only_problem(read_file(write_file(_edit(SHANGHAI, G13="十"))))
    assert message == "工作表“课题与规划” G13：分值“十”不是数字"


def test_a_date_in_a_text_cell(write_file):
    message = _only_problem(read_file(write_file(_edit(SHANGHAI, E14=datetime(2022, 6, 30)))))
    assert message.startswith("工作表“课题与规划” E14：年度指标值是日期（2022-06-30）")


def test_a_formula_without_a_saved_result(write_file):
    message = _only_problem(read_file(write_file(_edit(SHANGHAI, D6="=SUM(D7:D9)"))))
    assert message.startswith("工作表“课题与规划” D6：年度资金总额·全年预算数是公式，但文件中没有")


def test_a_formula_error_value(write_file):
    data = _patch_sheet(SHANGHAI, lambda xml: re.sub(
        r'<c r="H13"([^>]*)><v>20</v></c>', r'<c r="H13" t="e"><f>1/0</f><v>#DIV/0!</v></c>', xml
    ))  # fmt: skip
    assert _only_problem(read_file(write_file(data))) == (
        "工作表“课题与规划” H13：得分的公式出错（#DIV/0!）"
    )


def test_a_merged_range_over_a_label_and_its_value(write_file):
    data = _patch_sheet(
        SHANGHAI, lambda xml: xml.replace("</mergeCells>", '<mergeCell ref="A4:D4"/></mergeCells>')
    )
    reading = read_file(write_file(data))
    messages = [str(p) for p in reading.problems]
    assert not reading.forms
    assert "工作表“课题与规划” C4：合并区域 A4:D4 与 C4:D4 相互重叠，文件可能已损坏" in messages


def test_a_merged_range_hiding_a_value_beside_its_label(write_file):
    data = _patch_sheet(
        bureau_forms.yunnan(),
        lambda xml: xml.replace("</mergeCells>", '<mergeCell ref="A2:B2"/></mergeCells>'),
    )
    message = _only_problem(read_file(write_file(data)))
    assert message == (
        "工作表“绩效自评表” B2：合并单元格 A2:B2 盖住了这里的“2023”（只显示左上角 A2 的内容）；"
        "请取消合并或移动内容"
    )


def test_control_characters_in_a_cell_are_refused_with_the_cell(write_file):
    escaped = _edit(SHANGHAI, D13="完成率_x001B_[2J")  # how xlsx writes ESC
    message = _only_problem(read_file(write_file(escaped)))
    assert message.startswith("工作表“课题与规划” D13：三级指标含有控制字符") and "\\x1b" in message
    bidi = _only_problem(read_file(write_file(_edit(SHANGHAI, C3="项目\u202e名称"), "bidi.xlsx")))
    assert bidi.startswith("工作表“课题与规划” C3：项目名称含有控制字符") and "U+202E" in bidi
    zero_width = read_file(write_file(_edit(SHANGHAI, D13="完成\u200b率"), "zw.xlsx"))
    assert zero_width.ok and zero_width.forms[0].form.indicators[0].name == "完成率"


def test_an_encrypted_workbook(write_file):
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + "EncryptedPackage".encode("utf-16-le")
    assert "已加密" in _only_problem(read_file(write_file(ole + b"\0" * 1024)))


def test_a_zip_bomb_is_refused_from_the_zip_directory(write_file):
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(SHANGHAI)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            target.writestr(item, source.read(item.filename), zipfile.ZIP_DEFLATED)
        target.writestr("xl/media/padding.bin", b"\0" * (3 * 1024 * 1024), zipfile.ZIP_DEFLATED)
    message = _only_problem(read_file(write_file(out.getvalue())))
    assert "疑似压缩炸弹" in message and "xl/media/padding.bin" in message


def test_parts_larger_than_the_limit(write_file, monkeypatch):
    monkeypatch.setattr("core.workbook.package.MAX_PART_BYTES", 4096)
    message = _only_problem(read_file(write_file(SHANGHAI)))
    assert "解压后" in message and "超过上限" in message


def test_a_sheet_reaching_row_1048576(write_file):
    message = _only_problem(read_file(write_file(_edit(SHANGHAI, A1048576="end"))))
    assert message.startswith("工作表“课题与规划” A1048576：工作表用到第 1,048,576 行")


def test_too_many_cells(write_file, monkeypatch):
    monkeypatch.setattr("core.workbook.xlsx_cells.MAX_CELLS", 50)
    message = _only_problem(read_file(write_file(SHANGHAI)))
    assert "单元格过多" in message and message.startswith("工作表“课题与规划” ")


def test_a_workbook_that_is_not_a_form(write_file):
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "工资表"
    book.active.append(["姓名", "工资"])
    book.active.append(["张三", 5000])
    out = io.BytesIO()
    book.save(out)
    message = _only_problem(read_file(write_file(out.getvalue())))
    assert message.startswith("不是项目支出绩效自评表") and "工资表" in message


def test_a_sheet_with_a_dtd(write_file):
    bomb = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>'
    data = _patch_sheet(SHANGHAI, lambda xml: bomb + xml)
    assert "DTD" in _only_problem(read_file(write_file(data)))


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (SHANGHAI[: len(SHANGHAI) // 2], "无法作为 zip 打开"),
        (b"PK\x03\x04" + b"\0" * 100, "无法作为 zip 打开"),
        (b"mimetype-less", "不是 jixiao 能读取的文件"),
        (b"", "文件为空"),
    ],
)
def test_damaged_and_foreign_files(write_file, content, words):
    assert words in _only_problem(read_file(write_file(content)))


XLS = Path(__file__).parent / "fixtures" / "anhui-2022.xls"
WORKBOOK_STREAM = "Workbook".encode("utf-16-le")  # its name in the Office container


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (XLS.read_bytes()[:5000], "文件已损坏，无法作为 .xls 工作簿读取"),
        (
            XLS.read_bytes().replace(WORKBOOK_STREAM, "Document".encode("utf-16-le")),
            "文件中没有 Excel 工作簿（可能是改了扩展名的 Word 或其他 Office 文件）",
        ),
    ],
    ids=["cut-short", "no-workbook-inside"],
)
def test_a_damaged_xls_is_described_in_chinese_only(write_file, content, words):
    problem = _only_problem(read_file(write_file(content, "form.xls")))
    assert words in problem
    named = re.sub(r"\b(Excel|Word|Office)\b", "", problem)
    assert not re.search("[A-Za-z]{4,}", named), problem  # none of xlrd's English


def test_an_ods_spreadsheet_is_named(write_file):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
    assert "ODS" in _only_problem(read_file(write_file(out.getvalue(), "x.ods")))


def test_a_fifo_is_refused_before_it_is_opened(tmp_path):
    fifo = tmp_path / "form.xlsx"
    os.mkfifo(fifo)
    assert "管道" in _only_problem(read_file(fifo))


def test_cli_refuses_each_bad_file_with_one_message_and_stores_nothing(capsys, tmp_path):
    db = tmp_path / "store.db"
    bad = tmp_path / "bad.xlsx"
    book = load_workbook(io.BytesIO(bureau_forms.hubei_two_projects()))
    book["项目1"]["G12"] = "很多"
    book.save(bad)
    good = tmp_path / "good.xlsx"
    good.write_bytes(SHANGHAI)
    result = run(capsys, db, "import", bad, good)
    assert result.code == 2
    lines = [line for line in result.err.splitlines() if line.strip()]
    assert lines[0] == f"未导入 {bad}：工作表“项目1” G12：分值“很多”不是数字"
    assert "已导入" in result.out and "课题与规划" in result.out
    with Store.open(db) as store:
        projects = [summary.project for summary in store.list_forms()]
    assert projects == ["课题与规划"]  # neither of the two forms of the bad workbook


def test_one_bad_sheet_keeps_the_whole_workbook_out(capsys, tmp_path):
    db = tmp_path / "store.db"
    data = bureau_forms.hubei_two_projects()
    book = load_workbook(io.BytesIO(data))
    book["项目2"]["H12"] = "五十"
    out = io.BytesIO()
    book.save(out)
    path = tmp_path / "hubei.xlsx"
    path.write_bytes(out.getvalue())
    result = run(capsys, db, "import", path)
    assert result.code == 2
    assert f"未导入 {path}：工作表“项目2” H12：得分“五十”不是数字" in result.err
    with Store.open(db) as store:
        assert store.is_empty()


def test_limits_are_far_above_a_form(write_file):
    assert limits.MAX_ROWS >= 10_000 and limits.MAX_CELLS >= 100_000
    assert Path(write_file(SHANGHAI)).stat().st_size < limits.MAX_FILE_BYTES
