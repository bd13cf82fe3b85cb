"""Reading the files of a fact base safely: regular files inside the base, never more than a bound.

Every byte the loader and the cache read goes through ``safe_read_bytes``. It refuses, by
name and without reading a byte, a path whose symlinks lead outside the base directory
and anything that is not a regular file (a FIFO would block the read forever, /dev/zero
would never end); a regular file is read up to its bound and no further, since /proc
files and devices report a size of 0. A refusal's message gives the reason, never the
file's content.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

# O_NONBLOCK: a FIFO that slips in between the stat and the open is opened at once instead of waiting for a
# writer, and refused by the fstat of what was opened.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
_CHUNK = 1024 * 1024

_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "FIFO"),
    (stat.S_ISCHR, "character device"),
    (stat.S_ISBLK, "block device"),
    (stat.S_ISSOCK, "socket"),
    (stat.S_ISLNK, "symlink"),  # only from lstat: the paths opened are resolved
)


class UnsafeFileError(OSError):
    """A file refused before (or while) reading it; ``reason`` never holds any of its content."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason

    def __str__(self) -> str:
        return self.reason


class FileTooLargeError(UnsafeFileError):
    """More than ``limit`` bytes; ``size`` is the size on disk when it was known before reading."""

    def __init__(self, limit: int, size: int | None = None) -> None:
        super().__init__(f"larger than {limit} bytes" + (f" ({size} bytes)" if size is not None else ""))
        self.limit = limit
        self.size = size


def kind_of(mode: int) -> str | None:
    """What a non-regular file is («FIFO», «character device»…), None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    for test, name in _KINDS:
        if test(mode):
            return name
    return "unknown kind"


def base_directory(root: Path) -> Path:
    """The directory every file of the base read from ``root`` must stay inside: the root itself when it
    is a directory, the directory holding it when it is a single file."""
    return root if root.is_dir() else root.parent


def safe_read_bytes(path: Path, root: Path | None, max_bytes: int) -> bytes:
    """The bytes of ``path``, a regular file inside ``root`` (when given) of at most ``max_bytes`` bytes.

    Raises UnsafeFileError (an OSError) for a refusal: a path resolving outside ``root`` (a symlink
    inside ``root`` to another file inside is fine), a FIFO, device, socket or directory, or more
    than ``max_bytes`` bytes (FileTooLargeError); any other OSError (missing, permissions, a symlink
    loop) as it comes.
    """
    mode = os.stat(path).st_mode
    if not stat.S_ISREG(mode):  # refused unopened: opening a FIFO blocks, opening some devices acts
        if root is not None:
            _check_inside(path, os.path.realpath(path), root)
        raise UnsafeFileError(f"not a regular file ({kind_of(mode)})")
    fd = os.open(path, _OPEN_FLAGS)
    try:
        info = os.fstat(fd)  # the file actually opened, whatever was swapped in since the stat
        if root is not None:
            _check_inside(path, _opened_path(fd) or os.path.realpath(path), root)
        kind = kind_of(info.st_mode)
        if kind is not None:
            raise UnsafeFileError(f"not a regular file ({kind})")
        if info.st_size > max_bytes:
            raise FileTooLargeError(max_bytes, info.st_size)
        chunks: list[bytes] = []
        left = max_bytes + 1  # one byte more than allowed tells a file that grew since the fstat
        want = min(left, info.st_size + 1)  # the whole file in one read when its size is right
        while left > 0:
            chunk = os.read(fd, want)
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
            want = min(left, _CHUNK)
    finally:
        os.close(fd)
    if left <= 0:
        raise FileTooLargeError(max_bytes)
    return b"".join(chunks)  # one chunk (the usual case) is returned as it is, not copied


def _opened_path(fd: int) -> str | None:
    """Where the open file really is (Linux: /proc/self/fd), immune to symlinks swapped after the open."""
    try:
        real = os.readlink(f"/proc/self/fd/{fd}")
    except OSError:
        return None
    return real if real.startswith("/") and not real.endswith(" (deleted)") else None


def _check_inside(path: Path, real: str, root: Path) -> None:
    """Refuse ``path`` (whose real place is ``real``, without symlinks) unless it is inside the directory ``root``."""
    lexical_root = os.path.abspath(root)
    if real.startswith(lexical_root.rstrip(os.sep) + os.sep) and ".." not in str(root).split(os.sep):
        return  # every directory on a real path is a real one: under the root as named is under the root
    real_root = os.path.realpath(root)
    if os.path.commonpath([real_root, real]) != real_root:
        inside = os.path.commonpath([lexical_root, os.path.abspath(path)]) == lexical_root
        raise UnsafeFileError(f"{'symlink' if inside else 'path'} leads outside the base directory (to {real})")
