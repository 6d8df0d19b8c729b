"""Whole-process time of `jixiao list`, `jixiao search 信访` and `jixiao show ID`: a large store
against one of 4 forms, in one run (issue 13: ≤ 2×).

    python bench/store_cli.py /tmp/store/bench.db [--runs 7]

Each command is a fresh process (`python -c "from tui.main import main; main()" …`), its output
piped and read to the end; runs of the two stores alternate, so a busy moment of the shared
machine falls on both. The store of 4 forms (the samples) is built in a temporary folder.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

COMMANDS = (["list"], ["search", "信访"], ["show", "{id}"])


def run_once(db: Path, args: list[str]) -> float:
    environment = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    command = [sys.executable, "-c", "from tui.main import main; main()", "--db", str(db), *args]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, env=environment, check=False)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} on {db}: exit {done.returncode}\n{done.stderr!r}")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("large", type=Path)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    from core.store import Store

    with tempfile.TemporaryDirectory() as folder:
        small = Path(folder) / "samples.db"
        with Store.open(small) as store:
            small_id = store.load_samples()[-1]
        with Store.open(args.large, for_reading=True) as store:
            large_count = store.count_forms()
            large_id = store.list_forms(limit=1, offset=large_count // 2)[0].id
        print(f"{large_count} forms against 4; medians of {args.runs} runs, whole process")
        for command in COMMANDS:
            times: dict[str, list[float]] = {"4": [], "large": []}
            for _ in range(args.runs):
                for name, db, form_id in (("4", small, small_id), ("large", args.large, large_id)):
                    filled = [part.format(id=form_id) for part in command]
                    times[name].append(run_once(db, filled))
            small_s, large_s = (statistics.median(times[n]) for n in ("4", "large"))
            verdict = "ok" if large_s <= 2 * small_s else "MISSED"
            label = "jixiao " + " ".join(command).replace("{id}", "ID")
            figures = f"4 forms {small_s:6.3f} s  {large_count} forms {large_s:6.3f} s"
            print(f"{label:<22} {figures}  {large_s / small_s:5.2f}×  target 2×  {verdict}")


if __name__ == "__main__":
    main()
