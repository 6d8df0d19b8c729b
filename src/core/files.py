"""Files in and out: written atomically in UTF-8, and never a path that must not be touched."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

from core.errors import InputError


def write_atomic(path: Path, content: str | bytes) -> None:
    """Write ``content`` to ``path`` so that a reader sees the old file or the whole new one."""
    path = Path(path)
    data = content.encode("utf-8") if isinstance(content, str) else content
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        # mkstemp creates the file readable by its owner only; a new export gets the
        # permissions any other new file would (the umask), an existing one keeps its own.
        mode = path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~_umask()
        os.chmod(temporary, mode)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


SQLITE_COMPANIONS = ("-wal", "-shm", "-journal")
"""The files SQLite keeps beside a database: writing over one damages the database."""


def _same_file(a: os.stat_result, b: os.stat_result) -> bool:
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


def _protected_names(store: Path) -> list[Path]:
    resolved = store.resolve()
    return [resolved, *(resolved.with_name(resolved.name + s) for s in SQLITE_COMPANIONS)]


def check_output_target(path: Path, *, store: Path | None = None, what: str = "输出文件") -> None:
    """Refuse a path that a file may not be written to, with a message naming it.

    Refused: the open store or the files SQLite keeps beside it (by resolved name, through
    symlinks, and by device and inode, which also catches hard links), a folder, and anything
    that exists but is not a regular file (device files, FIFOs, sockets). A new path in an
    existing folder, or an existing regular file, is accepted.
    """
    path = Path(path)
    if "\x00" in str(path):
        raise InputError(f"无法使用{what}：{NUL_IN_PATH}")
    if store is not None:
        try:
            target_name = path.resolve()
        except (OSError, RuntimeError):  # a symlink loop
            raise InputError(f"无法使用{what} {path}：{OS_ERROR_WORDS[errno.ELOOP]}") from None
        for protected in _protected_names(Path(store)):
            same = target_name == protected
            if not same and protected.exists() and path.exists():
                same = _same_file(os.stat(path), os.stat(protected))
            if same:
                raise InputError(
                    f"{what} {path} 是正在使用的存储文件（{protected.name}），"
                    "写入会毁掉全部表单；请换一个文件名"
                )
    try:
        status = os.stat(path)
    except FileNotFoundError:
        if not path.parent.is_dir():
            raise InputError(f"无法写入{what} {path}：文件夹 {path.parent} 不存在") from None
        return
    except OSError as exc:
        raise InputError(f"无法使用{what} {path}：{describe_os_error(exc)}") from None
    if stat.S_ISDIR(status.st_mode):
        raise InputError(f"{what} {path} 是一个文件夹，请给出文件路径")
    if not stat.S_ISREG(status.st_mode):
        raise InputError(f"{what} {path} 不是普通文件（{_kind(status.st_mode)}），不能写入")


NUL_IN_PATH = "路径中含有空字符（\\x00），没有文件能这样命名"


def input_file_problem(path: Path) -> str | None:
    """Why ``path`` cannot be read as an input file, or None; never opens it.

    Opening a FIFO for reading blocks until a writer comes, and a device file never ends:
    both are refused before any ``open``.
    """
    try:
        status = os.stat(path)
    except FileNotFoundError:
        return "文件不存在"
    except OSError as exc:
        return f"无法读取：{describe_os_error(exc)}"
    except ValueError:  # a NUL in the name: no file can have it
        return NUL_IN_PATH
    if stat.S_ISDIR(status.st_mode):
        return "这是一个文件夹，不是文件"
    if not stat.S_ISREG(status.st_mode):
        return f"不是普通文件（{_kind(status.st_mode)}），不能读取"
    return None


def check_input_file(path: Path) -> None:
    """InputError naming ``path`` unless it is a regular file that exists (see above)."""
    problem = input_file_problem(Path(path))
    if problem is not None:
        raise InputError(f"{path}：{problem}")


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "管道"
    if stat.S_ISSOCK(mode):
        return "套接字"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "设备文件"
    return "特殊文件"


OS_ERROR_WORDS = {
    errno.ENOENT: "文件或文件夹不存在",
    errno.EACCES: "没有权限",
    errno.EPERM: "操作不被允许",
    errno.ENOSPC: "磁盘空间不足",
    errno.EROFS: "只读的文件系统",
    errno.ELOOP: "符号链接层数过多（可能是循环链接）",
    errno.ENAMETOOLONG: "文件名过长",
    errno.EISDIR: "这是一个文件夹",
    errno.ENOTDIR: "路径中有一段不是文件夹",
    errno.EEXIST: "文件已存在",
    errno.EBUSY: "文件正被占用",
    errno.EIO: "读写错误（磁盘或设备故障）",
    errno.EDQUOT: "超出磁盘配额",
    errno.EMFILE: "打开的文件过多",
    errno.ENFILE: "系统打开的文件过多",
    errno.EFBIG: "文件过大",
    errno.EXDEV: "不能跨磁盘移动文件",
    errno.ETXTBSY: "文件正被运行",
    errno.EAGAIN: "资源暂时不可用，请稍后再试",
    errno.EINTR: "操作被中断",
    errno.EINVAL: "路径或参数无效",
    errno.ENODEV: "设备不存在",
    errno.ENXIO: "设备不存在或不可用",
    errno.ENOTEMPTY: "文件夹不是空的",
    errno.ENOMEM: "内存不足",
}
"""What an operating-system error means, in Chinese: English must not reach a user."""


def describe_os_error(error: OSError) -> str:
    """The Chinese words for an OSError; for an error without words, its symbolic name."""
    words = OS_ERROR_WORDS.get(error.errno or -1)
    if words:
        return words
    name = errno.errorcode.get(error.errno or -1) or type(error).__name__
    return f"操作系统报告错误（{name}）"
