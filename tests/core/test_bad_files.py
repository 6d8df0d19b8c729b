"""Bad files end with exit 1 or 2 and one message naming file and field; never a traceback."""

import json

import pytest

from tests.core.builders import SAMPLES
from tests.run_cli import run_jixiao

SAMPLE = json.loads(SAMPLES["网络信息系统运行与维护"].read_text(encoding="utf-8"))


def mutated(change):
    data = json.loads(json.dumps(SAMPLE))
    change(data)
    return json.dumps(data, ensure_ascii=False)


def _set(path, value):
    def change(data):
        holder = data
        for key in path[:-1]:
            holder = holder[key]
        holder[path[-1]] = value

    return change


def _drop(key):
    return lambda data: data.pop(key)


BAD_FILES = {
    "not-json": ("{年度: 2022", 2, "", "不是有效的 JSON"),
    "empty": ("", 2, "", "文件为空"),
    "a-list": ("[1, 2]", 2, "", "收到列表"),
    "unknown-key": (mutated(_set(["projcet"], "x")), 2, "projcet", "未知字段"),
    "negative-amount": (
        mutated(_set(["funds", "other", "initial"], "-5")),
        2,
        "funds.other.initial",
        "负数",
    ),
    "three-decimals": (
        mutated(_set(["funds", "total", "annual"], "75248.001")),
        2,
        "funds.total.annual",
        "两位小数",
    ),
    "wrong-level2": (
        mutated(_set(["indicators", 0, "level2"], "社会效益指标")),
        1,
        "indicators[0].level2",
        "不属于一级指标",
    ),
    "weight-not-a-number": (
        mutated(_set(["indicators", 1, "weight"], "十五")),
        2,
        "indicators[1].weight",
        "应为数字",
    ),
    "year-out-of-range": (mutated(_set(["year"], 1899)), 2, "year", "2000"),
    "year-as-text": (mutated(_set(["year"], "2022年")), 2, "year", "整数"),
    "wrong-format-tag": (mutated(_set(["format"], "jixiao.form/2")), 2, "format", "jixiao.form/1"),
    "missing-field": (mutated(_drop("project")), 2, "project", "缺少"),
    "missing-format": (mutated(_drop("format")), 2, "format", "缺少"),
    "duplicate-key": ('{"format": "jixiao.form/1", "year": 2022, "year": 2023}', 2, "year", "重复"),
    "huge-string": (mutated(_set(["project"], "信" * 3_500_000)), 2, "project", "过长"),
}


@pytest.mark.parametrize("case", BAD_FILES)
def test_bad_file_gives_one_message_naming_file_and_field(tmp_path, case):
    text, exit_code, field, words = BAD_FILES[case]
    path = tmp_path / f"{case}.json"
    path.write_text(text, encoding="utf-8")
    done = run_jixiao("check", path)
    assert done.returncode == exit_code, done.stdout + done.stderr
    message = done.stderr if exit_code == 2 else done.stdout
    assert "Traceback" not in done.stdout + done.stderr
    if exit_code == 2:
        assert str(path) in message.replace("\n", "")
        assert len(message.strip().splitlines()) <= 3
    assert field in message.replace("\n", "")
    assert words in message.replace("\n", "")


def test_not_utf8(tmp_path):
    path = tmp_path / "gbk.json"
    path.write_bytes(json.dumps(SAMPLE, ensure_ascii=False).encode("gbk"))
    done = run_jixiao("check", path)
    assert done.returncode == 2
    assert "UTF-8" in done.stderr and str(path) in done.stderr.replace("\n", "")


def test_missing_file_and_folder(tmp_path):
    for path, words in ((tmp_path / "nope.json", "不存在"), (tmp_path, "文件夹")):
        done = run_jixiao("check", path)
        assert done.returncode == 2 and words in done.stderr and "Traceback" not in done.stderr


def test_oversized_file_is_refused_without_reading_it_all(tmp_path):
    path = tmp_path / "big.json"
    with path.open("w", encoding="utf-8") as stream:
        stream.write('{"format": "jixiao.form/1", "project": "')
        stream.write("x" * (25 * 1024 * 1024))
        stream.write('"}')
    done = run_jixiao("check", path)
    assert done.returncode == 2 and "过大" in done.stderr


def test_memory_stays_bounded_on_a_10_mb_string(tmp_path):
    path = tmp_path / "ten-mb.json"
    path.write_text(mutated(_set(["goals", "expected"], "x" * 10_000_000)), encoding="utf-8")
    script = (
        "import resource, sys\n"
        "from core.errors import FormReadError\n"
        "from core.interchange import read_form\n"
        "try:\n    read_form(sys.argv[1])\nexcept FormReadError as exc:\n    print(exc.path)\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
    )
    import subprocess
    import sys

    from tests.run_cli import REPO

    done = subprocess.run(
        [sys.executable, "-c", script, str(path)],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={"PYTHONPATH": str(REPO / "src")},
    )
    field, peak_kb = done.stdout.split()
    assert field == "goals.expected"
    assert int(peak_kb) < 400 * 1024  # a 10 MB string costs tens of MB, not hundreds
