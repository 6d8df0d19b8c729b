"""Measure the offline bundle by hand (never run by the test suite).

    python tools/bundle/measure.py [--runs 5]

Builds the Linux bundle of this machine (with archive) and reports its size; installs it with
install.sh into fresh temporary HOMEs, offline (no index, no pip configuration, and no network
at all where ``unshare -n`` works), and reports the install times; then builds the
windows-x86_64 and linux-aarch64 bundles and checks that their wheels and scripts are there.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import build  # noqa: E402  (the builder beside this file)

SCRIPTS = {
    "linux": ("install.sh", "uninstall.sh"),
    "windows": ("install.ps1", "install.bat", "uninstall.ps1", "uninstall.bat"),
}


def megabytes(size: int) -> str:
    return f"{size / 1e6:.1f} MB"


def install_once(bundle: Path, root: Path) -> float:
    home = Path(tempfile.mkdtemp(dir=root))
    env = {
        "HOME": str(home),
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "PIP_CONFIG_FILE": os.devnull,
        "PIP_FIND_LINKS": "",
        "PIP_NO_INDEX": "1",
    }
    base = Path(getattr(sys, "_base_executable", sys.executable)).resolve()
    command = ["sh", str(bundle / "install.sh"), "--python", str(base), "--no-path"]
    unshare = shutil.which("unshare")
    if unshare and subprocess.run([unshare, "-n", "true"], capture_output=True).returncode == 0:
        command = [unshare, "-n", *command]
    start = time.perf_counter()
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"install failed:\n{result.stdout}{result.stderr}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    python = "{}.{}".format(*sys.version_info[:2])
    with tempfile.TemporaryDirectory(prefix="jixiao-measure-") as tmp:
        root = Path(tmp)
        target = build.this_target()
        start = time.perf_counter()
        bundle = build.build(target, python, root / f"jixiao-{target}-py{python}")
        built = time.perf_counter() - start
        archive = bundle.with_name(bundle.name + ".tar.gz")
        wheels = len(list((bundle / "wheels").glob("*.whl")))
        print(f"{target} py{python}: built in {built:.1f} s, {wheels} wheels")
        print(
            f"  folder {megabytes(build.folder_size(bundle))},"
            f" archive {megabytes(archive.stat().st_size)}"
        )
        times = [install_once(bundle, root) for _ in range(args.runs)]
        print(
            f"  install ({args.runs} runs, offline): median {statistics.median(times):.1f} s, "
            f"min {min(times):.1f} s, max {max(times):.1f} s"
        )
        for other in ("windows-x86_64", "linux-aarch64"):
            out = build.build(other, python, root / other, archive=False)
            system = "windows" if other.startswith("windows") else "linux"
            present = all((out / name).is_file() for name in SCRIPTS[system])
            core = [p.name for p in (out / "wheels").glob("pydantic_core-*.whl")]
            print(
                f"{other} py{python}: built, scripts {'present' if present else 'MISSING'}, {core}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
