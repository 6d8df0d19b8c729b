"""Build an offline bundle of jixiao for one target: wheels, checksums, manifest, scripts.

Run on a connected machine (it uses the normal pip configuration to reach the registry)::

    python tools/bundle/build.py --target linux-x86_64 --python 3.11 -o dist/bundle-linux

The bundle holds the project's wheel and the wheel of every runtime dependency for the target
(``pip download --only-binary=:all: --platform ... --python-version ... --implementation cp``),
``SHA256SUMS``, ``manifest.json`` and the install/uninstall scripts of the target's system.

pip evaluates environment markers (``tomli; python_version < "3.11"``, ``colorama;
platform_system == "Windows"``) against the interpreter that runs it, not against the target.
So the builder evaluates every ``Requires-Dist`` marker for the target itself, asks pip again for
what the target needs and pip left out, and drops what only the build machine needed.
"""

from __future__ import annotations

import argparse
import email.parser
import hashlib
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

try:
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name
    from packaging.version import Version
except ImportError:  # pip always carries a copy
    from pip._vendor.packaging.requirements import Requirement  # type: ignore[no-redef]
    from pip._vendor.packaging.utils import canonicalize_name  # type: ignore[no-redef]
    from pip._vendor.packaging.version import Version  # type: ignore[no-redef]

REPO = Path(__file__).resolve().parents[2]
TEMPLATES = Path(__file__).resolve().parent / "templates"
PYTHON_FLOOR = (3, 10)
# The oldest glibc the Linux bundles serve: manylinux2014 (glibc 2.17) and everything older.
MANYLINUX_FLOOR = 17
# Wheels the package itself must carry (checked in every build).
REQUIRED_IN_WHEEL = (
    "core/cli.py",
    "tui/main.py",
    "core/commands.py",
    "core/data/catalog.json",
    "core/data/rules/national-2020.toml",
)


@dataclass(frozen=True)
class Target:
    """A system the bundle is built for: platform tags, marker values, script flavour."""

    name: str
    platforms: tuple[str, ...]
    markers: dict[str, str] = field(hash=False)
    windows: bool


def _manylinux(arch: str) -> tuple[str, ...]:
    tags = [f"manylinux_2_{minor}_{arch}" for minor in range(MANYLINUX_FLOOR, 4, -1)]
    legacy = ["manylinux2014", "manylinux2010", "manylinux1"]
    if arch != "x86_64":
        legacy = ["manylinux2014"]  # manylinux1/2010 never existed for other arches
    return (*tags, *(f"{tag}_{arch}" for tag in legacy))


_LINUX = {"os_name": "posix", "sys_platform": "linux", "platform_system": "Linux"}
TARGETS = {
    "linux-x86_64": Target(
        "linux-x86_64", _manylinux("x86_64"), {**_LINUX, "platform_machine": "x86_64"}, False
    ),
    "linux-aarch64": Target(
        "linux-aarch64", _manylinux("aarch64"), {**_LINUX, "platform_machine": "aarch64"}, False
    ),
    "windows-x86_64": Target(
        "windows-x86_64",
        ("win_amd64",),
        {
            "os_name": "nt",
            "sys_platform": "win32",
            "platform_system": "Windows",
            "platform_machine": "AMD64",
        },
        True,
    ),
}


def this_target() -> str:
    """The target name of the machine running this script."""
    machine = platform.machine().lower()
    arch = {"amd64": "x86_64", "arm64": "aarch64"}.get(machine, machine)
    system = "windows" if sys.platform == "win32" else "linux"
    return f"{system}-{arch}"


def marker_environment(target: Target, python: str) -> dict[str, str]:
    """The PEP 508 marker values of ``target`` running CPython ``python`` (e.g. "3.10")."""
    return {
        "implementation_name": "cpython",
        "platform_python_implementation": "CPython",
        "implementation_version": f"{python}.0",
        "python_version": python,
        "python_full_version": f"{python}.0",
        "platform_release": "",
        "platform_version": "",
        **target.markers,
    }


class BuildError(Exception):
    """The bundle cannot be built; the message says why."""


# --- wheels -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Wheel:
    path: Path
    name: str  # canonical
    version: Version
    requires: tuple[str, ...]


def read_wheel(path: Path) -> Wheel:
    """Name, version and Requires-Dist of a wheel file, from its METADATA."""
    with zipfile.ZipFile(path) as archive:
        metadata = next(
            (n for n in archive.namelist() if re.fullmatch(r"[^/]+\.dist-info/METADATA", n)),
            None,
        )
        if metadata is None:
            raise BuildError(f"{path.name}: no METADATA")
        message = email.parser.BytesParser().parsebytes(archive.read(metadata))
    return Wheel(
        path,
        canonicalize_name(message["Name"]),
        Version(message["Version"]),
        tuple(message.get_all("Requires-Dist") or ()),
    )


def applies(requirement: Requirement, env: dict[str, str], extras: frozenset[str]) -> bool:
    """Whether ``requirement`` holds on the target when its parent was asked with ``extras``."""
    if requirement.marker is None:
        return True
    return any(requirement.marker.evaluate({**env, "extra": extra}) for extra in extras | {""})


def bare(requirement: Requirement) -> str:
    """The requirement without its marker (already evaluated for the target)."""
    extras = f"[{','.join(sorted(requirement.extras))}]" if requirement.extras else ""
    return f"{requirement.name}{extras}{requirement.specifier}"


def closure(
    roots: list[Requirement], wheels: dict[str, Wheel], env: dict[str, str]
) -> tuple[dict[str, Wheel], list[Requirement]]:
    """The wheels the target needs starting from ``roots``, and what is missing or unfit."""
    needed: dict[str, Wheel] = {}
    asked: dict[str, frozenset[str]] = {}
    missing: list[Requirement] = []
    queue = [req for req in roots if applies(req, env, frozenset())]
    while queue:
        req = queue.pop()
        name = canonicalize_name(req.name)
        wheel = wheels.get(name)
        if wheel is None or not req.specifier.contains(wheel.version, prereleases=True):
            missing.append(req)
            continue
        extras = asked.get(name, frozenset()) | frozenset(req.extras)
        if name in needed and extras == asked[name]:
            continue
        needed[name], asked[name] = wheel, extras
        for line in wheel.requires:
            child = Requirement(line)
            if applies(child, env, extras):
                queue.append(child)
    return needed, missing


# --- pip ----------------------------------------------------------------------------------


def _clean_env() -> dict[str, str]:
    """Environment for pip runs that must see nothing but the cache folder."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_")}
    env["PIP_CONFIG_FILE"] = os.devnull
    return env


def pip_download(
    requirements: list[str],
    target: Target,
    python: str,
    dest: Path,
    *,
    offline_from: Path | None = None,
) -> bool:
    """``pip download`` binary wheels of ``requirements`` for the target into ``dest``."""
    command = [
        sys.executable,
        "-m",
        "pip",
        "download",
        "--only-binary=:all:",
        "--implementation",
        "cp",
        "--python-version",
        python,
        *(arg for tag in target.platforms for arg in ("--platform", tag)),
        "--disable-pip-version-check",
        "--progress-bar",
        "off",
        "--quiet",
        "--dest",
        str(dest),
    ]
    env = None
    if offline_from is not None:
        command += ["--no-index", "--find-links", str(offline_from)]
        env = _clean_env()
    result = subprocess.run(
        [*command, *requirements], env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0 and offline_from is None:
        lines = [ln for ln in result.stderr.splitlines() if "is ignored" not in ln]
        raise BuildError("pip download failed:\n" + "\n".join(lines[-20:]))
    return result.returncode == 0


def fetch(
    requirements: list[str], target: Target, python: str, dest: Path, cache: Path | None
) -> None:
    """Fetch wheels into ``dest``: from ``cache`` alone when it suffices, else the registry."""
    if cache is None:
        pip_download(requirements, target, python, dest)
        return
    cache.mkdir(parents=True, exist_ok=True)
    if pip_download(requirements, target, python, dest, offline_from=cache):
        return
    pip_download(requirements, target, python, cache)
    if not pip_download(requirements, target, python, dest, offline_from=cache):
        raise BuildError("wheels downloaded into the cache cannot be resolved from it")


def resolve(
    project: Wheel, target: Target, python: str, staging: Path, cache: Path | None
) -> dict[str, Wheel]:
    """Every wheel the target needs to run ``project``, markers evaluated for the target."""
    env = marker_environment(target, python)
    roots = [Requirement(line) for line in project.requires] + [Requirement("pip")]
    asked = [bare(req) for req in roots if applies(req, env, frozenset())]
    for _ in range(6):
        fetch(asked, target, python, staging, cache)
        wheels: dict[str, Wheel] = {}
        for path in sorted(staging.glob("*.whl")):
            wheel = read_wheel(path)
            if wheel.name not in wheels or wheel.version > wheels[wheel.name].version:
                wheels[wheel.name] = wheel
        needed, missing = closure(roots, wheels, env)
        if not missing:
            return needed
        extra = [bare(req) for req in missing if bare(req) not in asked]
        if not extra:
            raise BuildError("cannot satisfy: " + ", ".join(map(str, missing)))
        asked += extra
    raise BuildError("dependency resolution did not settle")


def build_project_wheel(source: Path, out: Path) -> Path:
    """Build the project's wheel from ``source`` with the normal pip configuration."""
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet"]
    command += ["--disable-pip-version-check", "--wheel-dir", str(out), str(source)]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    wheels = sorted(out.glob("*.whl"))
    if result.returncode != 0 or len(wheels) != 1:
        lines = [ln for ln in result.stderr.splitlines() if "is ignored" not in ln]
        raise BuildError("building the project wheel failed:\n" + "\n".join(lines[-20:]))
    check_project_wheel(wheels[0])
    return wheels[0]


def check_project_wheel(path: Path) -> None:
    """Refuse a wheel without the shipped data (rules, samples, catalogue) or the CLI."""
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
    lacking = [name for name in REQUIRED_IN_WHEEL if name not in names]
    if not any(re.fullmatch(r"core/data/samples/\d{4}/[^/]+\.json", n) for n in names):
        lacking.append("core/data/samples/<year>/*.json")
    if lacking:
        raise BuildError(f"{path.name} lacks: {', '.join(lacking)}")


# --- bundle -------------------------------------------------------------------------------


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def render(template: str, values: dict[str, str]) -> str:
    text = (TEMPLATES / template).read_text(encoding="utf-8")
    for key, value in values.items():
        text = text.replace(f"@{key}@", value)
    return text


def write_scripts(out: Path, target: Target, values: dict[str, str]) -> list[str]:
    """Install/uninstall scripts of the target's system; returns their file names."""
    if not target.windows:
        names = ["install.sh", "uninstall.sh"]
        for name in names:
            (out / name).write_text(render(name, values), encoding="utf-8", newline="\n")
            (out / name).chmod(0o755)
        return names
    names = ["install.ps1", "uninstall.ps1", "install.bat", "uninstall.bat"]
    for name in names:
        text = render(name, values).replace("\r\n", "\n").replace("\n", "\r\n")
        # Windows PowerShell 5.1 reads a .ps1 without BOM in the ANSI code page (GBK on
        # Chinese Windows): the BOM keeps the Chinese messages intact. cmd wants plain ASCII.
        encoding = "utf-8-sig" if name.endswith(".ps1") else "ascii"
        (out / name).write_bytes(text.encode(encoding))
    return names


def write_archive(out: Path, windows: bool) -> Path:
    """One file to carry: .zip for Windows, .tar.gz for Linux, beside the bundle folder."""
    if windows:
        archive = out.with_name(out.name + ".zip")
        with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
            for path in sorted(out.rglob("*")):
                zipped.write(path, Path(out.name) / path.relative_to(out))
        return archive
    archive = out.with_name(out.name + ".tar.gz")
    with tarfile.open(archive, "w:gz") as tarred:
        tarred.add(out, arcname=out.name)
    return archive


def build(
    target_name: str,
    python: str,
    out: Path,
    *,
    source: Path = REPO,
    cache: Path | None = None,
    archive: bool = True,
) -> Path:
    """Build the bundle into ``out`` (replaced if present); returns ``out``."""
    target = TARGETS[target_name]
    if tuple(int(p) for p in python.split(".")) < PYTHON_FLOOR:
        raise BuildError(f"Python {python} is below the floor 3.10")
    with tempfile.TemporaryDirectory(prefix="jixiao-bundle-") as tmp:
        project = read_wheel(build_project_wheel(source, Path(tmp) / "project"))
        staging = Path(tmp) / "staging"
        staging.mkdir()
        needed = resolve(project, target, python, staging, cache)
        if out.exists():
            shutil.rmtree(out)
        (out / "wheels").mkdir(parents=True)
        for wheel in [project, *needed.values()]:
            shutil.copy2(wheel.path, out / "wheels" / wheel.path.name)
    version = str(project.version)
    values = {"VERSION": version, "PYTHON": python, "TARGET": target.name}
    scripts = write_scripts(out, target, values)
    wheels = sorted((out / "wheels").glob("*.whl"))
    manifest = {
        "name": "jixiao",
        "version": version,
        "target": target.name,
        "python": python,
        "platforms": list(target.platforms),
        "built": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "install": scripts[0],
        "wheels": [
            {"file": w.name, "name": read_wheel(w).name, "version": str(read_wheel(w).version)}
            for w in wheels
        ],
    }
    (out / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    listed = [*scripts, "manifest.json", *(f"wheels/{w.name}" for w in wheels)]
    sums = "".join(f"{sha256(out / name)}  {name}\n" for name in listed)
    (out / "SHA256SUMS").write_bytes(sums.encode("ascii"))
    if archive:
        write_archive(out, target.windows)
    return out


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build an offline jixiao bundle.")
    parser.add_argument("--target", choices=sorted(TARGETS), default=this_target())
    parser.add_argument(
        "--python", default="{}.{}".format(*sys.version_info[:2]), help="target Python, e.g. 3.10"
    )
    parser.add_argument("-o", "--output", type=Path, help="bundle folder (replaced)")
    parser.add_argument("--source", type=Path, default=REPO, help="project checkout")
    parser.add_argument("--cache", type=Path, help="keep downloaded wheels here between builds")
    parser.add_argument("--no-archive", action="store_true", help="no .tar.gz/.zip beside it")
    args = parser.parse_args(argv)
    if not re.fullmatch(r"3\.\d+", args.python):
        parser.error("--python takes a version like 3.11")
    out = args.output or REPO / "dist" / f"bundle-{args.target}-py{args.python}"
    try:
        build(
            args.target,
            args.python,
            out.resolve(),
            source=args.source.resolve(),
            cache=args.cache.resolve() if args.cache else None,
            archive=not args.no_archive,
        )
    except BuildError as exc:
        print(f"bundle: {exc}", file=sys.stderr)
        return 1
    print(f"{out}  {folder_size(out) / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
