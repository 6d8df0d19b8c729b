"""Scoring speed on the 60-indicator form, this tree against another git revision, in one run.

Three figures per tree, each a median over rounds that alternate between the trees so that
both see the same load:
- parse: the interchange text of the form → Form (core.interchange.parse_form);
- keystroke: score_form after one 实际完成值 changed (100 → 10 → 100 …), the scoring part of
  keystroke → panel (the TUI's bench/tui_keystroke.py times the whole);
- check: ``jixiao check FILE`` as a whole process (interpreter start, imports, read, score,
  print).

    python bench/scoring.py [--against main] [--rounds 15] [--indicators 60] [--form FILE]

The 60 rows are the rows of the network sample repeated, or those of ``--form`` (say a form of
tests/core/real_forms, whose texts need reading).

The other revision is exported with ``git archive`` into a temporary folder; nothing in the
work tree changes.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Runs inside a child interpreter whose sys.path starts at one tree's src.
CHILD = r"""
import json, sys, time
from decimal import Decimal
from core.interchange import form_to_json, parse_form, read_form
from core.resources import samples_dir
from core.scoring import score_form

count, repeats, out, source = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
sample = read_form(source or samples_dir() / "2022" / "网络信息系统运行与维护.json")
rows = [sample.indicators[n % len(sample.indicators)] for n in range(count)]
rows = [row.model_copy(update={"weight": Decimal(1), "score": None}) for row in rows]
form = sample.model_copy(update={"indicators": rows, "status": None})
text = form_to_json(form)
open(out, "w", encoding="utf-8").write(text)
middle = count // 2
typed = [form.model_copy(update={"indicators": [
    row.model_copy(update={"actual": value}) if n == middle else row
    for n, row in enumerate(form.indicators)]}) for value in ("100", "10")]
score_form(form)  # rule set loaded, as in a running app

def median_ms(action):
    times = []
    for n in range(repeats):
        started = time.perf_counter()
        action(n)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return times[len(times) // 2]

print(json.dumps({
    "parse": median_ms(lambda n: parse_form(text)),
    "keystroke": median_ms(lambda n: score_form(typed[n % 2])),
}))
"""


def export_revision(revision: str, folder: Path) -> Path:
    """``revision`` of this repository (src and data) unpacked into ``folder``."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", revision, "src", "data"],
        check=True,
        capture_output=True,
    ).stdout
    with tempfile.TemporaryFile() as stream:
        stream.write(archive)
        stream.seek(0)
        with tarfile.open(fileobj=stream) as tar:
            tar.extractall(folder, filter="data")
    return folder


def in_process(
    tree: Path, count: int, repeats: int, form_file: Path, source: str
) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, "-c", f"import sys; sys.path.insert(0, {str(tree / 'src')!r})\n" + CHILD,
         str(count), str(repeats), str(form_file), source],
        check=True, capture_output=True, text=True, cwd=tempfile.gettempdir(),
    )  # fmt: skip
    return json.loads(done.stdout)


def check_process(tree: Path, form_file: Path) -> float:
    src = str(tree / "src")
    code = f"import sys; sys.path.insert(0, {src!r}); from core.cli import main; main()"
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", code, "check", str(form_file)],
        capture_output=True,
        cwd=tempfile.gettempdir(),
    )
    elapsed = (time.perf_counter() - started) * 1000
    if done.returncode not in (0, 1):
        raise SystemExit(f"jixiao check failed in {tree}: {done.stderr.decode()[-500:]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", default="main", help="git revision to compare with")
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--indicators", type=int, default=60)
    parser.add_argument("--repeats", type=int, default=200, help="timings per round in process")
    parser.add_argument("--form", default="", help="the form whose rows are repeated")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        trees = {args.against: export_revision(args.against, Path(folder) / "other"), "this": ROOT}
        figures: dict[str, dict[str, list[float]]] = {
            name: {"parse": [], "keystroke": [], "check": []} for name in trees
        }
        for _ in range(args.rounds):
            for name, tree in trees.items():
                form_file = Path(folder) / f"form-{name}.json"
                source = str(Path(args.form).resolve()) if args.form else ""
                measured = in_process(tree, args.indicators, args.repeats, form_file, source)
                figures[name]["parse"].append(measured["parse"])
                figures[name]["keystroke"].append(measured["keystroke"])
                figures[name]["check"].append(check_process(tree, form_file))
    rows = Path(args.form).name if args.form else "the network sample's rows"
    print(f"{args.indicators} indicators ({rows}), {args.rounds} alternating rounds; medians in ms")
    print(f"{'':12}{args.against:>12}{'this tree':>12}{'ratio':>9}")
    for what in ("parse", "keystroke", "check"):
        other = statistics.median(figures[args.against][what])
        this = statistics.median(figures["this"][what])
        print(f"{what:12}{other:12.3f}{this:12.3f}{this / other:9.3f}")


if __name__ == "__main__":
    main()
