"""What the fuzz test found, kept as plain cases: each crashed a command (exit 3) before."""

from __future__ import annotations

import json

from tests.cli.helpers import run
from tests.store.helpers import SAMPLES


def _sample(name: str = "宣传与推广") -> dict:
    return json.loads(SAMPLES[name].read_text(encoding="utf-8"))


def test_a_total_below_zero_is_graded_not_a_crash(capsys, tmp_path):
    data = _sample()
    data["indicators"][0]["score"] = -79  # the rows then add up to less than 0
    form_file = tmp_path / "负分.json"
    form_file.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    checked = run(capsys, tmp_path / "x.db", "check", form_file)
    assert checked.code == 1 and "等级 差" in checked.out


def test_a_lone_surrogate_in_an_amount_is_refused_in_words(capsys, tmp_path):
    data = _sample()
    data["funds"]["total"]["initial"] = "\ud800"
    form_file = tmp_path / "代理字符.json"
    form_file.write_text(json.dumps(data), encoding="utf-8")  # written as the escape \ud800
    checked = run(capsys, tmp_path / "x.db", "check", form_file)
    assert checked.code == 2 and "funds.total.initial" in checked.err
