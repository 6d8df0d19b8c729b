"""Text drives nothing: escape sequences, bidi overrides and zero-width characters in a stored
form reach the screen and the exports as visible escapes, never raw.

The forms are planted in the store as an older jixiao let them in (import refuses such text
now): the output must be safe whatever the store holds.
"""

from __future__ import annotations

import html.parser
import json
import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from core.model import Form
from core.store import Store
from tests.cli.helpers import run
from tests.store.helpers import SAMPLES

HOSTILE = "\x1b]0;pwned\x07\x1b[2J\x1b]52;c;ZXZpbA==\x07\x9b31m\u202e\u200b\x7f\x00"
"""Retitle the window, clear the screen, write the clipboard (OSC 52), an 8-bit CSI, a bidi
override, a zero-width space, DEL and NUL."""

RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200b-\u200f\ufeff]")
SGR = re.compile("\x1b\\[[0-9;]*m")


def raw_characters(text: str) -> list[str]:
    return RAW.findall(text)


def hostile_form() -> dict:
    data = json.loads(SAMPLES["网络信息系统运行与维护"].read_text(encoding="utf-8"))
    data.update(
        project=f"信访{HOSTILE}系统",
        department=f"部门{HOSTILE}",
        implementer=f"单位{HOSTILE}",
    )
    data["goals"]["expected"] = f"目标\n{HOSTILE}\n第三行"
    data["indicators"][0].update(
        name=f"指标{HOSTILE}",
        actual=f"100{HOSTILE}",
        deviation=f"偏差{HOSTILE}",
    )
    data["x-note"] = HOSTILE
    data.pop("status", None)
    return data


@pytest.fixture
def planted(tmp_path: Path) -> Path:
    """A store holding a hostile form (id 1), with a hostile edit, pending input and reason."""
    db = tmp_path / "jixiao.db"
    with Store.open(db) as store:
        stored = store.import_form(Form.model_validate(hostile_form()))
        store.finalize(stored.id)
        store.reopen(stored.id, f"原因{HOSTILE}")
        store.set_field(stored.id, "indicators[1].target", f"≥95%{HOSTILE}")
        store.set_field(stored.id, "indicators[2].actual", f"99{HOSTILE}")
        store.set_pending_input(stored.id, "indicators[3].score", f"abc{HOSTILE}")
    return db


@pytest.mark.parametrize(
    "args",
    [
        ("show", "1"),
        ("list",),
        ("list", "--json"),
        ("search", "信访"),
        ("search", "--json", "信访"),
        ("search", f"信访{HOSTILE}"),
        ("history", "1"),
        ("finalize", "1"),
        ("show", f"1{HOSTILE}"),
        ("export", "1", "--format", f"svg{HOSTILE}", "-o", "x"),
        (f"no-such-command{HOSTILE}",),
    ],
    ids=lambda args: args[0],
)
def test_command_output_holds_no_raw_control(capsys, planted, args):
    result = run(capsys, planted, *args)
    assert result.code in (0, 1, 2), result.err
    assert raw_characters(result.out + result.err) == []


def test_the_hostile_text_is_shown_as_visible_escapes(capsys, planted):
    shown = run(capsys, planted, "show", "1").out
    assert "信访\\x1b]0;pwned\\x07" in shown.replace("\n", "") or "\\x1b]0;" in shown
    assert "<U+202E><U+200B>" in shown.replace("\n", "")
    assert "未保存的输入" in shown and "abc\\x1b" in shown.replace("\n", "")


def test_json_output_escapes_what_json_leaves_raw_and_keeps_the_value(capsys, planted):
    listed = run(capsys, planted, "list", "--json").out
    assert raw_characters(listed) == []
    assert json.loads(listed)[0]["project"] == f"信访{HOSTILE}系统"


def test_on_a_terminal_only_styles_are_escape_sequences(capsys, planted, monkeypatch):
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "120")
    for args in (("show", "1"), ("list",), ("history", "1"), ("search", "信访")):
        result = run(capsys, planted, *args)
        assert result.code == 0
        assert "\x1b[" in result.out  # styled: this is the terminal path
        assert raw_characters(SGR.sub("", result.out + result.err)) == [], args


def test_a_reopen_reason_typed_on_the_command_line_loses_its_controls(capsys, tmp_path):
    db = tmp_path / "jixiao.db"
    assert run(capsys, db, "import", SAMPLES["网络信息系统运行与维护"]).code == 0  # final
    assert run(capsys, db, "reopen", "1", "--reason", f"补充{HOSTILE}偏差").code == 0
    with Store.open(db) as store:
        notes = [change.note for change in store.history(1)]
    assert "补充]0;pwned[2J]52;c;ZXZpbA==31m偏差" in notes


def test_messages_quoting_a_file_name_or_a_key_are_escaped(capsys, tmp_path):
    in_name = HOSTILE.replace("\x00", "")  # a command line cannot carry NUL
    named = tmp_path / f"表单{in_name}.json"
    named.write_text("{}", encoding="utf-8")
    unknown_key = json.loads(SAMPLES["维稳工作"].read_text(encoding="utf-8"))
    unknown_key[f"项目{HOSTILE}"] = 1
    keyed = tmp_path / "key.json"
    keyed.write_text(json.dumps(unknown_key, ensure_ascii=False), encoding="utf-8")
    for file in (named, keyed, tmp_path / f"missing{in_name}.json"):
        for command in ("check", "import"):
            result = run(capsys, tmp_path / "x.db", command, file)
            assert result.code == 2
            assert raw_characters(result.out + result.err) == [], result.err


class _Collect(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []

    def handle_data(self, data: str) -> None:
        self.text.append(data)


@pytest.mark.parametrize("export_format", ["text", "html", "svg", "json"])
def test_exports_are_well_formed_and_hold_no_raw_control(capsys, planted, tmp_path, export_format):
    target = tmp_path / f"form.{export_format}"
    assert run(capsys, planted, "export", "1", "--format", export_format, "-o", target).code == 0
    content = target.read_bytes().decode("utf-8")
    assert raw_characters(content) == []
    if export_format == "svg":
        ElementTree.fromstring(content)  # well-formed XML
    if export_format == "html":
        parser = _Collect()
        parser.feed(content)
        parser.close()
        assert "\\x1b]0;pwned" in "".join(parser.text).replace("\xa0", " ")
    if export_format == "json":
        assert json.loads(content)["project"] == f"信访{HOSTILE}系统"
