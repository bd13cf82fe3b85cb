"""Hostile fact bases: rejected with a clear ``file:line: message``, quickly, without a memory blow-up.

Each case turns the valid base of tests/builders.py into a hostile one (a YAML alias
bomb, a 100 MB file, deep nesting, a binary file, symlink loops, an unreadable file, a
file deleted while the base is being read, 10 000 files, duplicate ids, a missing
source, a FIFO, a symlink out of the base…) and is run four ways:

* ``api``: ``check_knowledge`` (with limits from a config file where the case needs them);
* ``cli``: ``factbot check`` through ``bot.cli.main`` (exit 1, problems on stderr);
* ``holder``: ``EngineHolder.reload`` of a serving holder: ``ok`` is False, the problems
  are ``file:line: message`` and the old engine (the same object) keeps serving;
* ``holder-cached``: the same with ``use_cache=True``, as the bot runs it.

A SIGALRM deadline turns a hang into a failure; tracemalloc bounds the memory of the
cases built to exhaust it.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
from builders import (
    ENTITIES_FILE,
    FACTS_FILE,
    FACTS_YAML,
    SOURCE_TEXT,
    SOURCES_FILE,
    SOURCES_YAML,
    TEXT_FILE,
    VALID_FACT_COUNT,
    fact_yaml,
    line_no,
    replace_once,
    write_base,
)

import knowledge.base.loader
from bot.cli import main
from bot.config import load_config
from knowledge import check_knowledge
from knowledge.base.loader import DEFAULT_MAX_FILES, Limits
from knowledge.base.validate import Problem
from knowledge.base.yamlio import MAX_DEPTH, MAX_NODES, YamlDocument, read_yaml
from knowledge.engine import Engine
from knowledge.holder import EngineHolder

PROBLEM = re.compile(r"^(?P<file>.+?):(?P<line>[1-9][0-9]*): (?P<message>\S.*)$")
SUMMARY = re.compile(r"^[1-9][0-9]* problems? found$")
MiB = 1024 * 1024
HANG_SECONDS = 60  # a case that takes this long is hanging
CASE_SECONDS = 10  # ... and one that takes this long is too slow
MEMORY_CAP = 64 * MiB  # traced peak allowed for the cases built to exhaust memory
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
MODES = ("api", "cli", "holder", "holder-cached")


@dataclass(frozen=True)
class Expect:
    """The problem a case must produce: in ``file`` (relative to the base), at ``line``, with ``words``."""

    file: str
    line: int
    words: tuple[str, ...]


@dataclass(frozen=True)
class Case:
    name: str
    setup: Callable[[Path, pytest.MonkeyPatch], Expect]  # makes the base hostile (or arms a trap)
    config_limit: int | None = None  # knowledge.max_file_bytes in the config
    memory: bool = False  # check the traced memory peak
    many_files: bool = False  # build the base on tmpfs (see fast_tmp_path)
    xfail: dict[str, str] = field(default_factory=dict)  # mode -> reason
    never: tuple[str, ...] = ()  # text that must appear in no problem (the content of a refused file)


# ---- the hostile bases --------------------------------------------------------------------------------


def _write(root: Path, relative: str, content: str | bytes) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def _sparse(path: Path, size: int, head: bytes = b"") -> None:
    """A file of ``size`` bytes written in no time: ``head`` then a hole."""
    with path.open("wb") as handle:
        handle.write(head)
        handle.truncate(size)


BOMB = "# a billion laughs\n" + 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{name}: &{name} [{', '.join([f'*{prev}'] * 9)}]\n" for prev, name in zip("abcdefgh", "bcdefghi", strict=True))


def alias_bomb(root: Path, _: pytest.MonkeyPatch) -> Expect:
    _write(root, "facts/bomb.yaml", BOMB)
    return Expect("facts/bomb.yaml", 2, ("anchors are not allowed", "&a"))


def anchor_inside_a_fact(root: Path, _: pytest.MonkeyPatch) -> Expect:
    text = "facts:\n" + fact_yaml("anchored").replace("questions: [", "questions: &q [") + "  - questions: *q\n"
    _write(root, "facts/anchor.yaml", text)
    return Expect("facts/anchor.yaml", line_no(text, "&q"), ("anchors are not allowed",))


def huge_yaml_file(root: Path, _: pytest.MonkeyPatch) -> Expect:
    _sparse(root / "facts" / "huge.yaml", 100 * MiB, b"facts:\n")
    return Expect("facts/huge.yaml", 1, ("file is too large", str(100 * MiB)))


def huge_source_text(root: Path, _: pytest.MonkeyPatch) -> Expect:
    _sparse(root / TEXT_FILE, 100 * MiB, b"text ")
    return Expect(SOURCES_FILE, line_no(SOURCES_YAML, "text_file"), ("larger than", "test.txt"))


def deep_block_nesting(root: Path, _: pytest.MonkeyPatch) -> Expect:
    text = "facts:\n" + "".join("  " * depth + f"k{depth}:\n" for depth in range(1, 200))
    _write(root, "facts/deep.yaml", text)
    return Expect("facts/deep.yaml", MAX_DEPTH + 1, ("nesting deeper than",))


def deep_flow_nesting(root: Path, _: pytest.MonkeyPatch) -> Expect:
    _write(root, "facts/deep.yaml", "facts: " + "[" * 100_000 + "]" * 100_000 + "\n")
    return Expect("facts/deep.yaml", 1, ("nesting",))


def binary_file(root: Path, _: pytest.MonkeyPatch) -> Expect:
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 64
    _write(root, "facts/picture.yaml", png)
    return Expect("facts/picture.yaml", 1, ("not UTF-8", "0x89"))


def nul_bytes(root: Path, _: pytest.MonkeyPatch) -> Expect:
    _write(root, "facts/nul.yaml", b"facts:\n  - id: x\n\x00\x00\x00binary\n")
    return Expect("facts/nul.yaml", 3, ("NUL byte",))


def many_values(root: Path, _: pytest.MonkeyPatch) -> Expect:
    # nodes: the mapping, `facts`, the list, then one per item: item k is node k + 3, on line k + 1
    _write(root, "facts/values.yaml", "facts:\n" + "- 1\n" * (MAX_NODES + 10))
    return Expect("facts/values.yaml", MAX_NODES - 1, ("more than", "values"))


def symlink_self_loop(root: Path, _: pytest.MonkeyPatch) -> Expect:
    (root / "facts" / "loop.yaml").symlink_to("loop.yaml")
    (root / "facts" / "back").symlink_to("..", target_is_directory=True)  # a directory loop: not followed
    return Expect("facts/loop.yaml", 1, ("cannot read file", "symbolic links"))


def symlink_pair_loop(root: Path, _: pytest.MonkeyPatch) -> Expect:
    (root / "facts" / "a.yaml").symlink_to("b.yaml")
    (root / "facts" / "b.yaml").symlink_to("a.yaml")
    return Expect("facts/a.yaml", 1, ("cannot read file", "symbolic links"))


def _deny(monkeypatch: pytest.MonkeyPatch, target: Path) -> None:
    """Opening ``target`` fails as if it were chmod 000 (root reads everything, so chmod proves nothing)."""
    real_open = os.open
    denied = os.path.realpath(target)

    def guarded_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if os.path.realpath(path) == denied:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", guarded_open)


def unreadable_yaml(root: Path, monkeypatch: pytest.MonkeyPatch) -> Expect:
    _deny(monkeypatch, root / FACTS_FILE)
    return Expect(FACTS_FILE, 1, ("cannot read file", "Permission denied"))


def unreadable_source_text(root: Path, monkeypatch: pytest.MonkeyPatch) -> Expect:
    _deny(monkeypatch, root / TEXT_FILE)
    return Expect(SOURCES_FILE, line_no(SOURCES_YAML, "text_file"), ("cannot read source text", "Permission denied"))


def _vanish_after_listing(monkeypatch: pytest.MonkeyPatch, root: Path, victim: Path) -> None:
    """Delete ``victim`` between listing the base's files and reading them.

    Another file is edited first, as an editor would, so that a cached reload cannot
    take the unchanged base from its cache and has to read the files."""
    with (root / ENTITIES_FILE).open("a", encoding="utf-8") as handle:
        handle.write("# edited\n")
    real_find_files = knowledge.base.loader.find_files

    def find_then_delete(root: Path, limits: Limits) -> tuple[list[Path], list[Problem]]:
        found = real_find_files(root, limits)
        victim.unlink(missing_ok=True)
        return found

    monkeypatch.setattr(knowledge.base.loader, "find_files", find_then_delete)


def yaml_deleted_while_reading(root: Path, monkeypatch: pytest.MonkeyPatch) -> Expect:
    _vanish_after_listing(monkeypatch, root, root / FACTS_FILE)
    return Expect(FACTS_FILE, 1, ("cannot read file", "No such file"))


def text_deleted_while_reading(root: Path, monkeypatch: pytest.MonkeyPatch) -> Expect:
    _vanish_after_listing(monkeypatch, root, root / TEXT_FILE)
    return Expect(SOURCES_FILE, line_no(SOURCES_YAML, "text_file"), ("source text file not found",))


def ten_thousand_files(root: Path, _: pytest.MonkeyPatch) -> Expect:
    folder = root / "facts" / "many"
    folder.mkdir()
    for i in range(10_000):
        (folder / f"f{i:05d}.yaml").write_text("facts:\n" + fact_yaml(f"many-{i}"), encoding="utf-8")
    return Expect(".", 1, (f"more than {DEFAULT_MAX_FILES} YAML files",))


def duplicate_ids_across_files(root: Path, _: pytest.MonkeyPatch) -> Expect:
    _write(root, "facts/more.yaml", "facts:\n" + fact_yaml("trade-2023"))
    first = f"{root / FACTS_FILE}:{line_no(FACTS_YAML, '- id: trade-2023')}"
    return Expect("facts/more.yaml", 2, ("duplicate id `trade-2023`", first))


# A file outside the base that a symlink (or a `text_file:` path) leads to: the probe used /etc/shadow.
# Read as YAML, its first line is a mapping whose key an «unknown section» message would quote.
SECRET = "root:$6$s3cr3tSALT$0nlyT3stHash"
SHADOW = f"{SECRET}: 19000:0:99999:7\n"


def _outside(root: Path, name: str, content: str) -> Path:
    """A file beside the base, not in it (``root`` is tmp_path/kb)."""
    return _write(root.parent / "outside", name, content)


def fifo_yaml(root: Path, _: pytest.MonkeyPatch) -> Expect:
    os.mkfifo(root / "facts" / "pipe.yaml")  # no writer ever comes: opening it to read blocks for ever
    return Expect("facts/pipe.yaml", 1, ("not a regular file", "FIFO"))


def fifo_source_text(root: Path, _: pytest.MonkeyPatch) -> Expect:
    (root / TEXT_FILE).unlink()
    os.mkfifo(root / TEXT_FILE)
    return Expect(SOURCES_FILE, line_no(SOURCES_YAML, "text_file"), ("test.txt", "not a regular file", "FIFO"))


def symlink_to_a_fifo(root: Path, _: pytest.MonkeyPatch) -> Expect:
    os.mkfifo(root / "pipe")  # not a YAML name: only the symlink is listed
    (root / "facts" / "pipe.yaml").symlink_to("../pipe")
    return Expect("facts/pipe.yaml", 1, ("not a regular file", "FIFO"))


def symlink_out_of_the_base(root: Path, _: pytest.MonkeyPatch) -> Expect:
    shadow = _outside(root, "shadow", SHADOW)
    (root / "facts" / "shadow.yaml").symlink_to(shadow)
    return Expect("facts/shadow.yaml", 1, ("symlink leads outside the base directory",))


def source_text_out_of_the_base(root: Path, _: pytest.MonkeyPatch) -> Expect:
    """The outside text would even make a valid base: the link alone is refused."""
    (root / TEXT_FILE).unlink()
    (root / TEXT_FILE).symlink_to(_outside(root, "test.txt", SECRET + "\n" + SOURCE_TEXT))
    return Expect(SOURCES_FILE, line_no(SOURCES_YAML, "text_file"),
                  ("test.txt", "symlink leads outside the base directory"))


def source_text_at_an_absolute_path(root: Path, _: pytest.MonkeyPatch) -> Expect:
    text = _outside(root, "test.txt", SECRET + "\n" + SOURCE_TEXT)
    _write(root, SOURCES_FILE, replace_once(SOURCES_YAML, "text_file: texts/test.txt", f"text_file: {text}"))
    return Expect(SOURCES_FILE, line_no(SOURCES_YAML, "text_file"),
                  (str(text), "path leads outside the base directory"))


def missing_source(root: Path, _: pytest.MonkeyPatch) -> Expect:
    text = "facts:\n" + fact_yaml("orphan").replace("source: test-source", "source: no-such-source")
    _write(root, "facts/more.yaml", text)
    return Expect("facts/more.yaml", line_no(text, "source:"), ("fact `orphan`", "unknown source `no-such-source`"))



CASES = [
    Case("alias-bomb", alias_bomb, memory=True),
    Case("anchor-inside-a-fact", anchor_inside_a_fact),
    Case("100MB-yaml", huge_yaml_file, config_limit=MiB, memory=True),
    Case("100MB-source-text", huge_source_text, memory=True),
    Case("deep-block-nesting", deep_block_nesting, memory=True),
    Case("deep-flow-nesting", deep_flow_nesting, memory=True),
    Case("binary-file", binary_file, memory=True),
    Case("nul-bytes", nul_bytes),
    Case("too-many-values", many_values),
    Case("symlink-self-loop", symlink_self_loop),
    Case("symlink-pair-loop", symlink_pair_loop),
    Case("unreadable-yaml", unreadable_yaml),
    Case("unreadable-source-text", unreadable_source_text),
    Case("yaml-deleted-while-reading", yaml_deleted_while_reading),
    Case("text-deleted-while-reading", text_deleted_while_reading),
    Case("10000-files", ten_thousand_files, many_files=True),
    Case("duplicate-ids-across-files", duplicate_ids_across_files),
    Case("missing-source", missing_source),
    Case("fifo-yaml", fifo_yaml),
    Case("fifo-source-text", fifo_source_text),
    Case("symlink-to-a-fifo", symlink_to_a_fifo),
    Case("symlink-out-of-the-base", symlink_out_of_the_base, never=(SECRET, "s3cr3t")),
    Case("source-text-out-of-the-base", source_text_out_of_the_base, never=(SECRET, "s3cr3t")),
    Case("source-text-at-an-absolute-path", source_text_at_an_absolute_path, never=(SECRET, "s3cr3t")),
]


# ---- running a case -----------------------------------------------------------------------------------


class Hang(BaseException):
    """Raised by the SIGALRM deadline; not an OSError (as TimeoutError is), which the code under test may catch."""


@pytest.fixture(autouse=True)
def no_hang() -> Iterator[None]:
    """Fail, rather than hang, a case that runs for HANG_SECONDS (or a ``deadline``)."""

    def expire(signum: int, frame: FrameType | None) -> None:
        raise Hang("the deadline passed: a hang")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, HANG_SECONDS)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture
def fast_tmp_path(tmp_path: Path) -> Iterator[Path]:
    """A temporary directory on tmpfs when there is one: 10 000 files take 0.2 s to create there, and up
    to 5 s on a busy ext4 /tmp, which is the file system's time, not the loader's."""
    shm = Path("/dev/shm")
    if not (shm.is_dir() and os.access(shm, os.W_OK)):
        yield tmp_path
        return
    path = Path(tempfile.mkdtemp(dir=shm, prefix="factbot-hostile-"))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))  # a cached reload never touches ~/.cache


def limits_for(case: Case, tmp_path: Path) -> Limits:
    """The limits the bot would use: knowledge.max_file_bytes from a config file."""
    config = tmp_path / "config.yaml"
    lines = ["knowledge:", "  path: kb"]
    if case.config_limit is not None:
        lines.append(f"  max_file_bytes: {case.config_limit}")
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    loaded = load_config(config, env={})
    assert loaded.knowledge_path == tmp_path / "kb"
    return Limits(max_file_bytes=loaded.max_file_bytes)


def assert_problems(problems: list[str], root: Path, expect: Expect) -> None:
    """Every problem reads ``file:line: message``, and the expected one is among them."""
    assert problems, "the hostile base was accepted"
    wanted = root if expect.file == "." else root / expect.file
    matching = []
    for text in problems:
        match = PROBLEM.match(text)
        assert match is not None and "\n" not in text, f"not `file:line: message`: {text!r}"
        if (match["file"] == str(wanted) and int(match["line"]) == expect.line
                and all(word in match["message"] for word in expect.words)):
            matching.append(text)
    shown = "\n".join(problems)
    assert matching, f"no problem {wanted}:{expect.line} with {expect.words}; got:\n{shown}"


def _params() -> list[Any]:
    """Every case in every mode; a known gap is a strict xfail, so that fixing it fails the run (XPASS)."""
    return [pytest.param(case, mode, id=f"{case.name}-{mode}",
                         marks=[pytest.mark.xfail(strict=True, reason=case.xfail[mode])] if mode in case.xfail else [])
            for case in CASES for mode in MODES]


@pytest.mark.parametrize(("case", "mode"), _params())
def test_a_hostile_base_is_rejected_clearly_and_quickly(
    case: Case, mode: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
    request: pytest.FixtureRequest,
) -> None:
    where = request.getfixturevalue("fast_tmp_path") if case.many_files else tmp_path
    run_case(case, mode, where, monkeypatch, capsys)


def run_case(case: Case, mode: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
             capsys: pytest.CaptureFixture[str]) -> None:
    root = write_base(tmp_path)
    limits = limits_for(case, tmp_path)
    holder = None
    if mode.startswith("holder"):
        holder = EngineHolder(Engine.from_path(root, limits=limits), path=root, limits=limits,
                              use_cache=mode == "holder-cached")
        assert holder.reload().ok  # the valid base reloads (and, cached, is stored)
    serving = holder.engine if holder else None
    expect = case.setup(root, monkeypatch)

    if case.memory:
        tracemalloc.start()
    started = time.perf_counter()
    try:
        if mode == "api":
            base, found = check_knowledge(root, limits=limits)
            assert base is None
            problems = [str(p) for p in found]
        elif mode == "cli":
            capsys.readouterr()
            code = main(["check", str(root)])
            out, err = capsys.readouterr()
            assert code == 1 and out == ""
            assert "Traceback" not in err
            *problems, summary = err.splitlines()
            assert SUMMARY.match(summary), summary
        else:
            assert holder is not None
            result = holder.reload()
            assert result.ok is False
            assert holder.engine is serving, "a rejected base replaced the serving engine"
            assert result.facts == VALID_FACT_COUNT
            assert all(isinstance(p, Problem) for p in result.problems)
            problems = [str(p) for p in result.problems]
    finally:
        elapsed = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1] if case.memory else 0
        if case.memory:
            tracemalloc.stop()
    assert_problems(problems, root, expect)
    leaked = [text for text in problems for secret in case.never if secret in text]
    assert not leaked, f"a refused file's content in a problem: {leaked}"
    assert elapsed < CASE_SECONDS, f"took {elapsed:.1f} s"
    assert peak < MEMORY_CAP, f"traced memory peak {peak / MiB:.0f} MiB"
    if holder is not None:
        assert holder.engine.answer("когда установлены дипломатические отношения").answered  # still serving


# ---- beyond the rejections -----------------------------------------------------------------------------


def test_ten_thousand_files_load_quickly_when_the_limit_allows(fast_tmp_path: Path) -> None:
    root = write_base(fast_tmp_path)
    ten_thousand_files(root, pytest.MonkeyPatch())
    started = time.perf_counter()
    base, problems = check_knowledge(root, limits=Limits(max_files=20_000))
    elapsed = time.perf_counter() - started
    assert problems == [] and base is not None
    assert len(base.facts) == VALID_FACT_COUNT + 10_000
    assert len(base.files) == 3 + 10_000
    assert elapsed < CASE_SECONDS, f"took {elapsed:.1f} s"


def test_ten_thousand_files_are_refused_before_any_is_read(fast_tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    root = write_base(fast_tmp_path)
    ten_thousand_files(root, monkeypatch)
    read: list[Path] = []

    def recording_read(path: Path, **kwargs: Any) -> YamlDocument:
        read.append(path)
        return read_yaml(path, **kwargs)

    monkeypatch.setattr(knowledge.base.loader, "read_yaml", recording_read)
    base, problems = check_knowledge(root)
    assert base is None and read == []
    assert [str(p) for p in problems] == [f"{root}:1: more than {DEFAULT_MAX_FILES} YAML files"]


def test_a_directory_symlink_loop_is_not_followed(tmp_path: Path) -> None:
    root = write_base(tmp_path)
    (root / "facts" / "again").symlink_to("..", target_is_directory=True)
    (root / "facts" / "self").symlink_to("self")
    base, problems = check_knowledge(root)
    assert problems == [] and base is not None
    assert len(base.files) == 3  # nothing found twice through the loop


@pytest.mark.skipif(IS_ROOT, reason="root reads a chmod 000 file; the monkeypatched cases cover it")
def test_a_chmod_000_file_is_reported(tmp_path: Path) -> None:  # pragma: no cover - not run as root
    root = write_base(tmp_path)
    facts = root / FACTS_FILE
    facts.chmod(0)
    try:
        base, problems = check_knowledge(root)
    finally:
        facts.chmod(0o644)
    assert base is None
    assert_problems([str(p) for p in problems], root, Expect(FACTS_FILE, 1, ("cannot read file", "Permission denied")))


def test_after_a_rejected_reload_a_repaired_base_is_served(tmp_path: Path) -> None:
    root = write_base(tmp_path)
    holder = EngineHolder(Engine.from_path(root), path=root, use_cache=True)
    old = holder.engine
    bomb = _write(root, "facts/bomb.yaml", BOMB)
    first = holder.reload()
    assert not first.ok and holder.engine is old
    bomb.write_text("facts:\n" + fact_yaml("repaired"), encoding="utf-8")
    second = holder.reload()
    assert second.ok and second.problems == ()
    assert holder.engine is not old and second.facts == VALID_FACT_COUNT + 1
    assert second.diff.added == 1


@contextlib.contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Raise Hang in the block after ``seconds`` (then restore the hang guard)."""
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, HANG_SECONDS)




@pytest.mark.parametrize("use_cache", [False, True])
def test_a_reload_of_a_file_of_blank_lines_does_not_hang(tmp_path: Path, use_cache: bool) -> None:
    """A valid base with a YAML file of 100 000 blank lines (0.1 MB): reading it takes no time."""
    root = write_base(tmp_path)
    holder = EngineHolder(Engine.from_path(root), path=root, use_cache=use_cache)
    _write(root, "facts/blank.yaml", "facts:\n" + fact_yaml("blank") + "\n" * 100_000)
    with deadline(3):  # linear work is milliseconds; n² is minutes
        result = holder.reload()
    assert result.ok and result.facts == VALID_FACT_COUNT + 1
