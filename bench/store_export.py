"""Export of every form (issue 13: ≤ 10 s at 100,000 forms), this tree against another revision.

    python bench/store_export.py /tmp/store/bench.db [--against REV] [--rounds 2] [--xlsx 200]

Each export runs in a fresh process (the program as a user starts it: `export_all` on the store
opened for reading, timed from the call to the folder in place, flushed to disk), in rounds that
alternate the trees, so that the shared machine's noise falls on both alike:

- `all.jsonl`: one JSON-lines file, the yardstick (the stored JSON passed through);
- `folder`: `jixiao export --all --format json -o DIR`, one interchange file a form.

With --against, the same two from REV's src (git archive into a temporary folder). --xlsx N
times the workbook of N forms (read, scored, laid out, written into a new folder) and gives the
cost per form. Output goes to a temporary folder beside the store (the same disk).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_RUN = """
import json, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from core.bulk_export import export_all
from core.export import FORMATS
from core.store import Store
with Store.open(Path(sys.argv[2]), for_reading=True) as store:
    started = time.perf_counter()
    result = export_all(store, sys.argv[4], Path(sys.argv[3]), formats=FORMATS)
    print(json.dumps([time.perf_counter() - started, result.written]))
"""

_SOME = """
import json, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from core import bulk_export
from core.store import Store
count, export_format = int(sys.argv[4]), sys.argv[5]
with Store.open(Path(sys.argv[2]), for_reading=True) as store:
    forms = store.iter_forms()
    some = (next(forms) for _ in range(count))
    started = time.perf_counter()
    files = bulk_export._rendered(some, export_format, None)
    write = lambda folder: bulk_export._write_new_files(files, folder)
    written = bulk_export.write_folder(Path(sys.argv[3]), write)
    print(json.dumps([time.perf_counter() - started, written]))
"""


def _source(revision: str, into: Path) -> Path:
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", revision, "src"], capture_output=True, check=True
    ).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into / "src"


def _timed(script: str, src: Path, store: Path, target: Path, *args: str) -> tuple[float, int]:
    done = subprocess.run(
        [sys.executable, "-c", script, str(src), str(store), str(target), *args],
        capture_output=True,
        text=True,
        check=True,
    )
    seconds, written = json.loads(done.stdout.splitlines()[-1])
    return seconds, written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("store", type=Path)
    parser.add_argument("--against", help="a git revision to compare with (its src)")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--xlsx", type=int, default=0, help="also time xlsx for this many forms")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(dir=args.store.parent, prefix=".bench-export-") as scratch:
        work = Path(scratch)
        trees = {"this tree": ROOT / "src"}
        if args.against:
            trees[args.against] = _source(args.against, work / "against")
        times: dict[tuple[str, str], list[float]] = {}
        count = 0
        for number in range(args.rounds):
            order = list(trees.items()) if number % 2 == 0 else list(reversed(trees.items()))
            for name, src in order:
                for target in ("all.jsonl", "folder"):
                    out = work / f"{number}-{len(times)}-{target}"
                    seconds, count = _timed(_RUN, src, args.store, out, "json")
                    times.setdefault((name, target), []).append(seconds)
                    _remove(out)
        print(f"export of every form, {count} forms, {args.rounds} rounds (median, all runs)")
        for (name, target), runs in times.items():
            median = statistics.median(runs)
            verdict = "ok" if median <= 10 else "MISSED"
            jsonl = statistics.median(times[(name, "all.jsonl")])
            ratio = f"{median / jsonl:5.2f}× its .jsonl"
            listed = " ".join(f"{t:.2f}" for t in runs)
            print(
                f"  {name:<12} {target:<10} {median:7.2f} s  {ratio}"
                f"  target 10 s {verdict}  ({listed})"
            )
        for export_format in ("xlsx", "text") if args.xlsx else ():
            out = work / f"some-{export_format}"
            seconds, written = _timed(
                _SOME, trees["this tree"], args.store, out, str(args.xlsx), export_format
            )
            _remove(out)
            per_form = seconds / written * 1000
            print(
                f"  {export_format} of {written} forms: {seconds:.2f} s, {per_form:.1f} ms a form"
                f" (100,000 forms: about {per_form * 100:.0f} s)"
            )


def _remove(path: Path) -> None:
    if path.is_dir():
        for child in path.iterdir():
            child.unlink()
        path.rmdir()
    else:
        path.unlink(missing_ok=True)


if __name__ == "__main__":
    main()
