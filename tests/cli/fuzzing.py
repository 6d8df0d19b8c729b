"""Hostile form files for the fuzz and read-back tests, and the command line run in-process.

A file starts as one of the 2022 sample forms and is mutated the way a careless script, a
damaged disk or an attacker would: values replaced by hostile text, numbers no field can hold
(NaN, Infinity, thousands of digits), deep or huge ``x-`` values, the reserved ``extensions``
key, keys removed or added, the status flipped; a fifth of them are then damaged as bytes
(cut short, a byte flipped, bytes inserted).
"""

from __future__ import annotations

import contextlib
import copy
import io
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from tests.store.helpers import SAMPLES

SAMPLE_DATA = [json.loads(path.read_text(encoding="utf-8")) for path in SAMPLES.values()]

RAW_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200b-\u200f\ufeff]"
)
"""What must never leave jixiao raw (Rich's own style sequences aside, on a terminal)."""


@dataclass(frozen=True)
class Raw:
    """JSON text written as it is: NaN, Infinity, a number of 5,000 digits, 300 nested lists."""

    text: str


def dumps(value: Any, ascii_only: bool = False) -> str:
    """JSON text of ``value`` with each Raw written as it is. Without ``ascii_only`` a lone
    surrogate is written raw too (the file is then not UTF-8): both kinds of file occur."""
    raws: list[str] = []

    def placeholder(raw: Any) -> str:
        if not isinstance(raw, Raw):
            raise TypeError(raw)
        raws.append(raw.text)
        return f"@@raw{len(raws) - 1}@@"

    def swap(value: Any) -> Any:
        if isinstance(value, Raw):
            return placeholder(value)
        if isinstance(value, dict):
            return {key: swap(inner) for key, inner in value.items()}
        if isinstance(value, list):
            return [swap(inner) for inner in value]
        return value

    text = json.dumps(swap(value), ensure_ascii=ascii_only)
    return re.sub(r'"@@raw(\d+)@@"', lambda found: raws[int(found[1])], text)


HOSTILE_CHARACTERS = (
    "\x1b\x07\x00\x08\x0b\x0c\r\n\t\x7f\x85\x9b\x9d"
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200b\u200c\u200d\u2060\ufeff"
    "\ud800\udfff\U000e0041\u2028\u3000"
    "信访课题元万亿%％≥≤≧＝=<>.,，0123456789１２３-+e "
)
hostile_text = st.one_of(
    st.text(st.sampled_from(HOSTILE_CHARACTERS), max_size=24),
    st.sampled_from(
        [
            "\x1b]0;pwned\x07",
            "\x1b[2J\x1b[H",
            "\x1b]52;c;ZXZpbA==\x07",
            "\x9b31m红字",
            "信访\u202e反转",
            "≥95%",
            "100%",
            "11.5万",
            "3,852,396.53",
            "NaN",
            "Infinity",
            "1e400",
            "-5",
            "达成年度指标",
            "",
            " ",
        ]
    ),
)
long_text = st.sampled_from([200, 201, 5_000, 5_001, 20_000, 20_001]).map(lambda n: "长" * n)
"""Texts at and just over the limits of the fields (200, 5,000 and 20,000 characters)."""
huge_numbers = st.sampled_from(
    [
        Raw("NaN"),
        Raw("Infinity"),
        Raw("-Infinity"),
        Raw("9" * 45),
        Raw("9" * 5000),
        Raw("-" + "1" * 4400),
        Raw("1." + "0" * 3000 + "1"),
        Raw("1e999999"),
        Raw("1E-999999"),
        Raw("-0.0"),
        Raw("2e2"),
    ]
)
plain_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False, allow_infinity=False),
    hostile_text,
    hostile_text,
    hostile_text,
    huge_numbers,
    long_text,
)
nested_values = st.recursive(
    plain_values,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(hostile_text, inner, max_size=4),
    max_leaves=12,
)
deep_values = st.integers(1, 400).map(lambda depth: Raw("[" * depth + "1" + "]" * depth))
values = st.one_of(plain_values, nested_values, deep_values)


def _nodes(value: Any, where: tuple = ()) -> list[tuple]:
    """The path of every key and list item inside ``value``."""
    found: list[tuple] = []
    if isinstance(value, dict):
        for key, inner in value.items():
            found += [(*where, key), *_nodes(inner, (*where, key))]
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            found += [(*where, index), *_nodes(inner, (*where, index))]
    return found


def _holder(data: Any, where: tuple) -> Any:
    for part in where[:-1]:
        data = data[part]
    return data


def _dicts(value: Any) -> list[dict]:
    """Every object inside ``value``, ``value`` first."""
    if isinstance(value, dict):
        return [value, *(found for inner in value.values() for found in _dicts(inner))]
    if isinstance(value, list):
        return [found for inner in value for found in _dicts(inner)]
    return []


def _holders(data: dict[str, Any]) -> list[Any]:
    """The form and its first two indicator rows: where keys of a form may go."""
    rows = data.get("indicators")
    return [data, *(rows[:2] if isinstance(rows, list) else [])]


@st.composite
def mutation(draw: st.DrawFn, data: dict[str, Any]) -> None:
    """Change ``data`` in place, one way."""
    nodes = _nodes(data)
    kind = draw(
        st.sampled_from(["set", "set", "set", "delete", "add", "extension", "reserved", "rows"])
    )
    if kind in ("set", "delete") and nodes:
        where = draw(st.sampled_from(nodes))
        holder = _holder(data, where)
        if kind == "set":
            holder[where[-1]] = draw(values)
        else:
            del holder[where[-1]]
    elif kind == "add":
        holder = draw(st.sampled_from(_dicts(data)))
        holder[draw(hostile_text)] = draw(values)
    elif kind == "extension":
        holder = draw(st.sampled_from(_holders(data)))
        if isinstance(holder, dict):
            holder["x-" + draw(hostile_text)] = draw(st.one_of(nested_values, deep_values))
    elif kind == "reserved":
        holder = draw(st.sampled_from(_holders(data)))
        if isinstance(holder, dict):
            holder["extensions"] = draw(
                st.dictionaries(st.sampled_from(["project", "name", "x-a", "weight"]), values)
            )
    else:
        rows = data.get("indicators")
        if isinstance(rows, list) and rows:
            choice = draw(st.sampled_from(["double", "empty", "many"]))
            many = rows * (501 // len(rows) + 1)  # over the 500 rows a form may have
            data["indicators"] = {"double": rows + rows, "empty": [], "many": many}[choice]


@st.composite
def hostile_files(draw: st.DrawFn, damaged: bool = True) -> bytes:
    """The bytes of one mutated form file (some damaged as bytes when ``damaged``)."""
    data = copy.deepcopy(draw(st.sampled_from(SAMPLE_DATA)))
    data["status"] = draw(st.sampled_from(["final", "draft", None]))
    if data["status"] is None:
        del data["status"]
    for _ in range(draw(st.integers(0, 4))):
        draw(mutation(data))
    text = dumps(data, ascii_only=draw(st.booleans()))
    content = text.encode("utf-8", "surrogatepass")
    damage = draw(st.sampled_from(["none"] * 4 + ["cut", "flip", "insert"])) if damaged else "none"
    if damage != "none" and content:
        at = draw(st.integers(0, len(content) - 1))
        if damage == "cut":
            content = content[:at]
        elif damage == "flip":
            content = (
                content[:at] + bytes([content[at] ^ draw(st.integers(1, 255))]) + content[at + 1 :]
            )
        else:
            content = content[:at] + draw(st.binary(min_size=1, max_size=8)) + content[at:]
    return content


@dataclass
class Outcome:
    code: int
    out: str
    err: str


def jixiao(db: Path, *args: object) -> Outcome:
    """``jixiao --db DB ARGS`` in this process, as the console script runs it, on a pipe."""
    from tui.main import main

    out, err = io.StringIO(), io.StringIO()
    saved = sys.argv
    sys.argv = ["jixiao", "--db", str(db), *map(str, args)]
    code = 0
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            main()
    except SystemExit as exit:
        code = exit.code if isinstance(exit.code, int) else 1
    finally:
        sys.argv = saved
    return Outcome(code, out.getvalue(), err.getvalue())


def imported_id(outcome: Outcome) -> int | None:
    found = re.search(r"→ 编号 (\d+)", outcome.out)
    return int(found[1]) if found else None
