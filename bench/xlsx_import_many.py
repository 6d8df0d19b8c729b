"""Importing many workbooks in one command: time and peak memory, against the issue's targets.

    python bench/xlsx_import_many.py [N]        (default 1000)

Writes N distinct workbooks into a temporary folder — a third our own exports (20 indicators),
a third the 松江区 layout, a third the national 万元 layout with formulas (read by labels) —
then runs ``jixiao import`` on all of them in one command, and again on a tenth of them, each
in a fresh process on a fresh store. Targets: N = 1,000 in ≤ 2 min; memory flat (≤ 200 MB peak,
about the same for N/10 as for N).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.workbook import bureau_forms  # noqa: E402
from xlsx_forms import big_form  # noqa: E402

from core.scoring import score_form  # noqa: E402
from core.workbook.write import workbook_bytes  # noqa: E402

PEAK_SCRIPT = """
import resource, sys
sys.argv = ["jixiao", *sys.argv[1:]]
try:
    from core.cli import main
    main()
finally:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"PEAK_KB {peak}", file=sys.stderr)
"""


def write_workbooks(folder: Path, count: int) -> list[Path]:
    paths = []
    for number in range(count):
        kind = number % 3
        if kind == 0:
            form = big_form(20, number)
            data = workbook_bytes(form, score_form(form), "元")
        elif kind == 1:
            data = bureau_forms.shanghai_district(project=f"信访课题研究第{number}号")
        else:
            data = bureau_forms.anhui_national(project=f"信访宣传推广第{number}号")
        path = folder / f"{number:04d}.xlsx"
        path.write_bytes(data)
        paths.append(path)
    return paths


def run_import(paths: list[Path], db: Path) -> tuple[float, float, str]:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", PEAK_SCRIPT, "--db", str(db), "import", *map(str, paths)],
        capture_output=True,
        text=True,
        env=env,
    )
    seconds = time.perf_counter() - started
    peak_line = next(line for line in done.stderr.splitlines() if line.startswith("PEAK_KB"))
    imported = done.stdout.count("已导入")
    status = f"exit {done.returncode}, {imported} forms stored"
    return seconds, int(peak_line.split()[1]) / 1024, status


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        started = time.perf_counter()
        paths = write_workbooks(folder, count)
        size = sum(path.stat().st_size for path in paths)
        print(f"wrote {count} workbooks ({size / 1024 / 1024:.1f} MB) in "
              f"{time.perf_counter() - started:.1f} s")  # fmt: skip
        tenth = paths[: max(1, count // 10)]
        small_time, small_peak, small_status = run_import(tenth, folder / "small.db")
        time_all, peak_all, status = run_import(paths, folder / "all.db")
    print(f"import {len(tenth):>5} workbooks: {small_time:6.1f} s  peak {small_peak:6.1f} MB  "
          f"({small_status})")  # fmt: skip
    print(f"import {count:>5} workbooks: {time_all:6.1f} s  peak {peak_all:6.1f} MB  ({status})")
    print(f"per workbook {time_all / count * 1000:.1f} ms; peak grows {peak_all / small_peak:.2f}x "
          f"for {count / len(tenth):.0f}x the workbooks")  # fmt: skip
    verdict = "ok" if time_all <= 120 and peak_all <= 200 else "MISSED"
    print(f"targets: ≤ 120 s, ≤ 200 MB peak → {verdict}")


if __name__ == "__main__":
    main()
