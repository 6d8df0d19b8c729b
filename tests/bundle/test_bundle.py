"""The offline bundle, built for this machine and installed by the real install.sh.

The build reaches the package registry once; the downloaded wheels are kept in
``~/.cache/jixiao-bundle/<target>-py<version>`` (or ``$JIXIAO_BUNDLE_CACHE``) so later runs
resolve from there. The installs run with every package index disabled and, where the machine
allows it, in a network namespace of their own with no network at all.
Deselect with ``-m "not bundle"``.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from packaging.requirements import Requirement

REPO = Path(__file__).resolve().parents[2]
BUILD = REPO / "tools" / "bundle" / "build.py"
PYTHON = "{}.{}".format(*sys.version_info[:2])
SAMPLE = REPO / "data" / "samples" / "2022" / "网络信息系统运行与维护.json"
CACHE = Path(os.environ.get("JIXIAO_BUNDLE_CACHE", Path.home() / ".cache" / "jixiao-bundle"))
TUI_START = """
import asyncio, importlib.util, sys
from pathlib import Path

if importlib.util.find_spec("tui.app") is None:
    print("NO-TUI-APP")
    sys.exit(0)
from tui.app import JixiaoApp


async def main():
    app = JixiaoApp(db_path=Path(sys.argv[1]))
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(200):
            if "HomeScreen" in [type(screen).__name__ for screen in app.screen_stack]:
                break
            await pilot.pause(0.05)
        for _ in range(3):  # an empty store offers the samples in a modal: decline it
            if type(app.screen).__name__ == "HomeScreen":
                break
            await pilot.press("escape")
            await pilot.pause(0.1)
        print("SCREEN", type(app.screen).__name__)
        print("STACK", [type(screen).__name__ for screen in app.screen_stack])


asyncio.run(main())
"""

pytestmark = [
    pytest.mark.bundle,
    pytest.mark.skipif(sys.platform == "win32", reason="the Linux bundle installs on Linux"),
]


def this_target() -> str:
    machine = {"amd64": "x86_64", "arm64": "aarch64"}.get(os.uname().machine.lower())
    return f"linux-{machine or os.uname().machine.lower()}"


def build_bundle(out: Path, target: str, python: str = PYTHON, source: Path = REPO) -> Path:
    command = [sys.executable, str(BUILD), "--target", target, "--python", python]
    command += ["--source", str(source), "--cache", str(CACHE / f"{target}-py{python}")]
    result = subprocess.run(
        [*command, "--no-archive", "-o", str(out)], capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stderr
    return out


def wheel_names(bundle: Path) -> list[str]:
    return sorted(p.name for p in (bundle / "wheels").glob("*.whl"))


def offline_env(home: Path) -> dict[str, str]:
    """No index, no pip configuration, nothing of this session: only HOME and a PATH whose
    first ``python3`` is the real interpreter behind the test's virtual environment."""
    bindir = home.parent / f"{home.name}-bin"
    bindir.mkdir(exist_ok=True)
    base = Path(getattr(sys, "_base_executable", sys.executable)).resolve()
    for name in ("python3", f"python{PYTHON}"):
        link = bindir / name
        if not link.exists():
            link.symlink_to(base)
    return {
        "HOME": str(home),
        "PATH": f"{bindir}:/usr/local/bin:/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "PIP_CONFIG_FILE": os.devnull,
        "PIP_FIND_LINKS": "",
        "PIP_NO_INDEX": "1",
    }


def _no_network_prefix() -> list[str]:
    unshare = shutil.which("unshare")
    if unshare and subprocess.run([unshare, "-n", "true"], capture_output=True).returncode == 0:
        return [unshare, "-n"]
    return []


NO_NETWORK = _no_network_prefix()


def run_sh(script: Path, home: Path, *args: str) -> subprocess.CompletedProcess:
    """Run a bundle script with POSIX sh (dash where there is one), offline, from ``home``."""
    shell = shutil.which("dash") or "/bin/sh"
    return subprocess.run(
        [*NO_NETWORK, shell, str(script), *args],
        cwd=home,
        env=offline_env(home),
        capture_output=True,
        text=True,
        timeout=300,
    )


def run_installed(home: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(home / ".local" / "bin" / "jixiao"), *args],
        cwd=home,
        env=offline_env(home),
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_bundle(tmp_path_factory.mktemp("bundle") / "jixiao", this_target())


@pytest.fixture(scope="module")
def installed(bundle: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("home")
    result = run_sh(bundle / "install.sh", home)
    assert result.returncode == 0, result.stdout + result.stderr
    return home


def data_home(home: Path) -> Path:
    return home / ".local" / "share" / "jixiao"


def test_project_wheel_ships_rules_samples_and_catalogue(bundle: Path) -> None:
    (wheel,) = (bundle / "wheels").glob("jixiao-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    rules = {n for n in names if re.fullmatch(r"core/data/rules/[^/]+\.toml", n)}
    assert rules == {f"core/data/rules/{p.name}" for p in (REPO / "data" / "rules").glob("*.toml")}
    samples = {n for n in names if n.startswith("core/data/samples/")}
    expected = {
        f"core/data/{p.relative_to(REPO / 'data').as_posix()}" for p in SAMPLE.parent.glob("*.json")
    }
    assert expected <= samples and len(expected) >= 4
    assert "core/data/catalog.json" in names


def test_bundle_is_complete_and_checksummed(bundle: Path) -> None:
    wheels = wheel_names(bundle)
    names = ("jixiao", "pip", "textual", "rich", "sqlite_utils", "pydantic", "click")
    for name in (*names, "openpyxl", "et_xmlfile", "xlrd"):
        assert any(w.startswith(f"{name}-") for w in wheels), name
    tag = f"cp{PYTHON.replace('.', '')}"
    assert any(re.match(rf"pydantic_core-.*-{tag}-{tag}-.*manylinux", w) for w in wheels)
    assert not any(w.endswith(("win_amd64.whl", "linux_x86_64.whl")) for w in wheels)
    assert any(w.startswith("tomli-") for w in wheels) == (sys.version_info < (3, 11))
    listed = {line.split("  ", 1)[1] for line in (bundle / "SHA256SUMS").read_text().splitlines()}
    files = {p.relative_to(bundle).as_posix() for p in bundle.rglob("*") if p.is_file()}
    assert listed == files - {"SHA256SUMS"}
    assert subprocess.run(["sha256sum", "-c", "--quiet", "SHA256SUMS"], cwd=bundle).returncode == 0


def test_installed_check_runs_outside_the_source_tree(installed: Path) -> None:
    result = run_installed(installed, "check", str(SAMPLE))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "没有发现问题" in result.stdout
    venv = data_home(installed) / "venvs"
    (version,) = [p.name for p in venv.iterdir()]
    python = venv / version / "bin" / "python"
    where = subprocess.run(
        [str(python), "-c", "import core.resources as r; print(r.data_dir())"],
        cwd=installed,
        env=offline_env(installed),
        capture_output=True,
        text=True,
    )
    assert Path(where.stdout.strip()).is_relative_to(venv / version)
    assert run_installed(installed, "--version").stdout.strip().endswith(version)


def test_installed_workbooks_round_trip_offline(installed: Path) -> None:
    """openpyxl writes and jixiao reads back an xlsx, from the bundle's wheels alone."""
    db = installed / "workbooks.db"
    assert run_installed(installed, "--db", str(db), "import", str(SAMPLE)).returncode == 0
    target = installed / "form.xlsx"
    exported = run_installed(
        installed, "--db", str(db), "export", "1", "--format", "xlsx", "--unit", "万元",
        "-o", str(target),
    )  # fmt: skip
    assert exported.returncode == 0, exported.stderr
    other = installed / "other.db"
    imported = run_installed(installed, "--db", str(other), "import", "--dry-run", str(target))
    assert imported.returncode == 0, imported.stderr
    assert "网络信息系统运行与维护" in imported.stdout and "金额单位" not in imported.stderr


def test_installed_tui_starts_headless_to_its_home_screen(installed: Path) -> None:
    venv = data_home(installed) / "venvs"
    (python,) = venv.glob("*/bin/python")
    result = subprocess.run(
        [str(python), "-c", TUI_START, str(installed / "tui.db")],
        cwd=installed,
        env=offline_env(installed),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    if "NO-TUI-APP" in result.stdout:
        pytest.skip("tui.app is not in this checkout yet (the TUI lands from another branch)")
    assert "SCREEN HomeScreen" in result.stdout


def next_version_tree(tmp_path: Path) -> tuple[Path, str]:
    """A copy of the project whose version is one post-release newer."""
    tree = tmp_path / "next"
    for name in ("src", "data"):
        shutil.copytree(REPO / name, tree / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(REPO / "README.md", tree / "README.md")
    text = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    version = re.search(r'^version = "([^"]+)"', text, re.M).group(1)
    newer = f"{version}.post1"
    (tree / "pyproject.toml").write_text(
        text.replace(f'version = "{version}"', f'version = "{newer}"', 1), encoding="utf-8"
    )
    return tree, newer


def test_upgrade_beside_the_old_version_and_uninstall_keep_the_store(
    bundle: Path, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    store = data_home(home) / "jixiao.db"
    store.parent.mkdir(parents=True)
    store.write_bytes(b"not touched by install, upgrade or uninstall")
    before = store.stat().st_mtime_ns
    (home / ".bash_profile").write_text("# the user's own\n")

    assert run_sh(bundle / "install.sh", home).returncode == 0
    old = run_installed(home, "--version").stdout.split()[-1]
    tree, newer = next_version_tree(tmp_path)
    upgrade = build_bundle(tmp_path / "upgrade", this_target(), source=tree)
    result = run_sh(upgrade / "install.sh", home)
    assert result.returncode == 0, result.stdout + result.stderr
    assert run_installed(home, "--version").stdout.split()[-1] == newer
    venvs = data_home(home) / "venvs"
    assert sorted(p.name for p in venvs.iterdir()) == sorted([old, newer])
    assert f"旧版本 {old}" in result.stdout
    assert ".local/bin" in (home / ".bash_profile").read_text()

    uninstall = data_home(home) / "uninstall.sh"
    result = run_sh(uninstall, home, "--old")
    assert result.returncode == 0, result.stderr
    assert [p.name for p in venvs.iterdir()] == [newer]
    assert run_installed(home, "check", str(SAMPLE)).returncode == 0

    result = run_sh(uninstall, home)
    assert result.returncode == 0, result.stderr
    assert not venvs.exists() and not (home / ".local" / "bin" / "jixiao").exists()
    assert not uninstall.exists()
    assert "jixiao installer" not in (home / ".profile").read_text()
    assert (home / ".bash_profile").read_text() == "# the user's own\n"
    assert f"存储文件保留在：{store}" in result.stdout
    assert store.read_bytes() == b"not touched by install, upgrade or uninstall"
    assert store.stat().st_mtime_ns == before


def test_install_refuses_a_damaged_or_padded_bundle(bundle: Path, tmp_path: Path) -> None:
    damaged = tmp_path / "damaged"
    shutil.copytree(bundle, damaged)
    (wheel,) = (damaged / "wheels").glob("textual-*.whl")
    data = bytearray(wheel.read_bytes())
    data[len(data) // 2] ^= 0xFF
    wheel.write_bytes(bytes(data))
    home = tmp_path / "home"
    home.mkdir()
    result = run_sh(damaged / "install.sh", home)
    assert result.returncode != 0
    assert "校验失败" in result.stderr and wheel.name in result.stderr
    assert not (home / ".local").exists()

    padded = tmp_path / "padded"
    shutil.copytree(bundle, padded)
    shutil.copy2(
        next((padded / "wheels").glob("rich-*.whl")),
        padded / "wheels" / "evil-1.0-py3-none-any.whl",
    )
    result = run_sh(padded / "install.sh", home)
    assert result.returncode != 0
    assert "未登记" in result.stderr and not (home / ".local").exists()


def test_install_names_the_python_it_needs(bundle: Path, tmp_path: Path) -> None:
    fake = tmp_path / "python3.9"
    fake.write_text("#!/bin/sh\necho 3.9\n")
    fake.chmod(0o755)
    home = tmp_path / "home"
    home.mkdir()
    result = run_sh(bundle / "install.sh", home, "--python", str(fake))
    assert result.returncode != 0
    assert f"此安装包为 Python {PYTHON} 构建" in result.stderr and "Python 3.9" in result.stderr
    assert not (home / ".local").exists()


def test_windows_bundle_for_python_3_10_has_its_markers_and_scripts(tmp_path: Path) -> None:
    bundle = build_bundle(tmp_path / "win", "windows-x86_64", python="3.10")
    wheels = wheel_names(bundle)
    assert any(re.match(r"pydantic_core-.*-cp310-cp310-win_amd64\.whl", w) for w in wheels)
    assert any(w.startswith("tomli-") for w in wheels)  # python_version < "3.11"
    assert not (bundle / "install.sh").exists()
    for name in ("install.ps1", "uninstall.ps1"):
        data = (bundle / name).read_bytes()
        assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data and b"\r\r" not in data
        assert b"@VERSION@" not in data and b"@PYTHON@" not in data
    assert "Get-FileHash" in (bundle / "install.ps1").read_text(encoding="utf-8-sig")
    for name in ("install.bat", "uninstall.bat"):
        text = (bundle / name).read_bytes().decode("ascii")
        assert "-ExecutionPolicy Bypass" in text and text.endswith("\r\n")


def load_builder():
    spec = importlib.util.spec_from_file_location("jixiao_bundle_build", BUILD)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_markers_are_evaluated_for_the_target_not_this_machine() -> None:
    build = load_builder()
    env = {
        (target, python): build.marker_environment(build.TARGETS[target], python)
        for target in ("windows-x86_64", "linux-aarch64")
        for python in ("3.10", "3.13")
    }
    colorama = Requirement('colorama; platform_system == "Windows"')
    tomli = Requirement('tomli>=2.0; python_version < "3.11"')
    assert build.applies(colorama, env["windows-x86_64", "3.13"], frozenset())
    assert not build.applies(colorama, env["linux-aarch64", "3.10"], frozenset())
    assert build.applies(tomli, env["linux-aarch64", "3.10"], frozenset())
    assert not build.applies(tomli, env["windows-x86_64", "3.13"], frozenset())
    extra = Requirement('tzdata; platform_system == "Windows" and extra == "timezone"')
    assert not build.applies(extra, env["windows-x86_64", "3.10"], frozenset())
    assert build.applies(extra, env["windows-x86_64", "3.10"], frozenset({"timezone"}))


def test_a_failed_reinstall_leaves_the_installed_version_working(
    bundle: Path, installed: Path, tmp_path: Path
) -> None:
    broken = tmp_path / "broken"
    shutil.copytree(bundle, broken)
    (missing,) = (broken / "wheels").glob("textual-*.whl")
    missing.unlink()
    sums = (broken / "SHA256SUMS").read_text().splitlines(keepends=True)
    (broken / "SHA256SUMS").write_text("".join(s for s in sums if missing.name not in s))
    result = run_sh(broken / "install.sh", installed)
    assert result.returncode != 0
    assert "原有的安装没有改动" in result.stderr
    assert run_installed(installed, "check", str(SAMPLE)).returncode == 0
