"""A compiled fact base on disk, keyed by the content hash of its files.

Parsing and indexing 100 000 facts takes a minute; unpickling the result takes
seconds. The key covers every byte the base is built from and the engine's
index format, so a stale cache is never used. Pickle is only read from a
private directory the current user owns (0700), never from a shared one.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import logging
import os
import pickle
import re
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

from knowledge.base.loader import MAX_SOURCE_TEXT_BYTES, Limits, bundled_path, find_files, load_knowledge
from knowledge.base.model import KnowledgeBase
from knowledge.base.safe_files import base_directory, safe_read_bytes
from knowledge.search.index import Index, build_indexes

log = logging.getLogger(__name__)

# The code that decides what an index holds: any change to it makes every cached index stale.
_KNOWLEDGE = Path(__file__).resolve().parent.parent
_BUILD_CODE = ("base", "text", "search/index.py")


def _format() -> str:
    digest = hashlib.sha256()
    for name in _BUILD_CODE:
        place = _KNOWLEDGE / name
        for path in sorted([*place.rglob("*.py"), *place.rglob("*.txt")]) if place.is_dir() else [place]:
            digest.update(path.relative_to(_KNOWLEDGE).as_posix().encode())
            digest.update(path.read_bytes())
    return "factbot-index-" + digest.hexdigest()[:16]


FORMAT = _format()
# «[ \t]», not «\s»: with MULTILINE, «\s*» would run across blank lines and take quadratic time
_TEXT_FILE = re.compile(rb"^[ \t]*text_file:[ \t]*['\"]?([^'\"\n#]+?)['\"]?[ \t]*(?:#.*)?$", re.MULTILINE)


def default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "factbot"


def content_key(path: Path | str | None, limits: Limits | None = None) -> str | None:
    """Hash of every file the base is built from (YAML and source texts), or None if unreadable.

    Files are read as the loader reads them (``safe_read_bytes``): a FIFO, a device, a symlink out of
    the base or an oversized file gives None at once, and the loader then reports it."""
    limits = limits or Limits()
    root = Path(path) if path is not None else bundled_path()
    files, problems = find_files(root, limits)
    if problems:
        return None
    inside = base_directory(root)
    digest = hashlib.sha256(FORMAT.encode())
    try:
        for file in files:
            data = safe_read_bytes(file, None if file == root else inside, limits.max_file_bytes)
            digest.update(str(file.relative_to(root) if file != root else file.name).encode())
            digest.update(len(data).to_bytes(8, "little"))
            digest.update(data)
            for match in _TEXT_FILE.finditer(data):
                text = file.parent / match.group(1).decode("utf-8", "replace").strip()
                try:
                    digest.update(safe_read_bytes(text, inside, MAX_SOURCE_TEXT_BYTES))
                except FileNotFoundError:
                    continue  # not a real `text_file:` (or missing: the loader reports that)
    except OSError:  # UnsafeFileError included
        return None
    return digest.hexdigest()


@contextlib.contextmanager
def _no_gc() -> Iterator[None]:
    """Millions of new objects and no garbage: the cyclic collector would only slow the load down."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _private_dir(directory: Path) -> bool:
    """True when the directory exists (or was created) as the current user's, closed to others."""
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = directory.stat()
    except OSError:
        return False
    return info.st_uid == os.getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def load_compiled(
    path: Path | str | None = None, *, limits: Limits | None = None, cache_dir: Path | None = None
) -> tuple[KnowledgeBase, dict[str, Index]]:
    """The validated base and its index per language (``build_indexes``), from the cache when the files
    have not changed.

    Raises KnowledgeError exactly as ``load_knowledge`` does when the base is invalid."""
    directory = cache_dir or default_cache_dir()
    key = content_key(path, limits)
    usable = key is not None and _private_dir(directory)
    target = directory / f"{key}.pickle"
    if usable and target.is_file():
        try:
            with target.open("rb") as handle, _no_gc():
                stored = pickle.load(handle)  # our own file, in a directory only we can write
            if isinstance(stored, tuple) and len(stored) == 3 and stored[0] == FORMAT and isinstance(stored[2], dict):
                return stored[1], stored[2]
        except Exception:  # a truncated or foreign file: rebuild it
            log.warning("ignoring unreadable index cache %s", target.name)
    with _no_gc():
        base = load_knowledge(path, limits=limits)
        indexes = build_indexes(base)
    if usable:
        _store(target, (FORMAT, base, indexes))
    return base, indexes


def _store(target: Path, payload: object) -> None:
    try:
        with tempfile.NamedTemporaryFile("wb", dir=target.parent, delete=False, suffix=".tmp") as handle:
            pickle.dump(payload, handle, protocol=pickle.HIGHEST_PROTOCOL)
            temporary = Path(handle.name)
        os.chmod(temporary, 0o600)
        os.replace(temporary, target)
    except OSError as exc:
        log.warning("could not write the index cache: %s", exc.strerror or exc)
