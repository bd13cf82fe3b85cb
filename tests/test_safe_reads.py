"""Safe reads of the base (knowledge.base.safe_files): only regular files inside the base, every read bounded.

A FIFO, a device, a socket or a symlink leading out of the base is refused by name,
without its content in any message; a symlink from one file of the base to another
still loads. Whatever could hang runs in a thread joined with a timeout, and whatever
could read without end (/dev/zero) in a child process with a memory limit, so that a
regression fails the test instead of hanging the suite or exhausting the machine.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import stat
import subprocess
import sys
import textwrap
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest
from builders import ENTITIES_YAML, FACTS_YAML, SOURCE_TEXT, SOURCES_YAML, TEXT_FILE, VALID_FACT_COUNT, write_base

from knowledge import check_knowledge
from knowledge.base.safe_files import FileTooLargeError, UnsafeFileError, safe_read_bytes
from knowledge.base.yamlio import YamlProblem, read_yaml
from knowledge.engine import Engine
from knowledge.holder import EngineHolder
from knowledge.search.cache import content_key

T = TypeVar("T")
GUARD_SECONDS = 10  # a read that takes this long is blocked
SECRET = "root:$6$s3cr3tSALT$0nlyT3stHash"


def within(seconds: float, work: Callable[[], T]) -> T:
    """``work()``'s result, or a failure if it has not returned after ``seconds`` (a blocked read).

    The thread is a daemon: a blocked one is left behind, and ``unblock_fifos`` frees it."""
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["value"] = work()
        except BaseException as exc:  # re-raised in the test's thread
            outcome["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        pytest.fail(f"still running after {seconds} s: blocked")
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]  # type: ignore[no-any-return]


FIFOS: list[Path] = []


def make_fifo(path: Path) -> Path:
    os.mkfifo(path)
    FIFOS.append(path)
    return path


@pytest.fixture(autouse=True)
def unblock_fifos() -> Iterator[None]:
    """After each test, open every FIFO it made for writing, so a reader blocked on it (a regression) returns."""
    yield
    while FIFOS:
        fifo = FIFOS.pop()
        with contextlib.suppress(OSError):  # ENXIO when no reader waits: nothing to free
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


def problems_of(root: Path) -> list[str]:
    base, problems = within(GUARD_SECONDS, lambda: check_knowledge(root))
    assert base is None, "the base was accepted"
    return [str(p) for p in problems]


def one_problem(problems: list[str], path: Path, *words: str) -> str:
    matching = [p for p in problems if p.startswith(f"{path}:") and all(w in p for w in words)]
    assert matching, f"no problem at {path} with {words}; got:\n" + "\n".join(problems)
    return matching[0]


# ---- the helper ------------------------------------------------------------------------------------


def test_a_regular_file_inside_is_read_whole(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"12345")
    assert safe_read_bytes(tmp_path / "a.txt", tmp_path, 5) == b"12345"
    assert safe_read_bytes(tmp_path / "a.txt", None, 5) == b"12345"


def test_one_byte_over_the_bound_is_refused(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"123456")
    with pytest.raises(FileTooLargeError) as caught:
        safe_read_bytes(tmp_path / "a.txt", tmp_path, 5)
    assert caught.value.size == 6 and caught.value.limit == 5
    assert "larger than 5 bytes" in str(caught.value)


@pytest.mark.skipif(not Path("/proc/self/status").is_file(), reason="no /proc")
def test_a_size_of_zero_is_not_trusted(tmp_path: Path) -> None:
    """/proc files report 0 bytes and hold more: the bound is on the bytes read, not on st_size."""
    status = Path("/proc/self/status")
    assert status.stat().st_size == 0
    with pytest.raises(FileTooLargeError) as caught:
        safe_read_bytes(status, None, 10)
    assert caught.value.size is None and str(caught.value) == "larger than 10 bytes"


def test_a_fifo_is_refused_at_once(tmp_path: Path) -> None:
    fifo = make_fifo(tmp_path / "pipe")
    with pytest.raises(UnsafeFileError, match=r"^not a regular file \(FIFO\)$"):
        within(GUARD_SECONDS, lambda: safe_read_bytes(fifo, tmp_path, 100))


def test_a_directory_and_a_socket_are_refused(tmp_path: Path) -> None:
    (tmp_path / "folder").mkdir()
    with pytest.raises(UnsafeFileError, match="not a regular file"):
        safe_read_bytes(tmp_path / "folder", tmp_path, 100)
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(tmp_path / "sock"))
        with pytest.raises(UnsafeFileError, match=r"not a regular file \(socket\)"):
            safe_read_bytes(tmp_path / "sock", tmp_path, 100)


def test_a_symlink_out_of_the_root_is_refused_unread(tmp_path: Path) -> None:
    root = tmp_path / "root"
    root.mkdir()
    secret = tmp_path / "shadow"
    secret.write_text(SECRET + "\n", encoding="utf-8")
    (root / "link").symlink_to(secret)
    with pytest.raises(UnsafeFileError) as caught:
        safe_read_bytes(root / "link", root, 1000)
    assert str(caught.value) == f"symlink leads outside the base directory (to {secret})"
    with pytest.raises(UnsafeFileError, match=r"^path leads outside the base directory"):
        safe_read_bytes(root / ".." / "shadow", root, 1000)  # no symlink: a `../` path
    assert safe_read_bytes(root / "link", None, 1000) == (SECRET + "\n").encode()  # no root: no containment


def test_a_symlink_to_dev_zero_is_refused_unread(tmp_path: Path) -> None:
    (tmp_path / "zero").symlink_to("/dev/zero")
    with pytest.raises(UnsafeFileError, match="leads outside"):
        safe_read_bytes(tmp_path / "zero", tmp_path, 100)
    with pytest.raises(UnsafeFileError, match=r"not a regular file \(character device\)"):
        safe_read_bytes(tmp_path / "zero", None, 100)  # even where any place is allowed


def test_a_symlink_inside_the_root_is_followed(tmp_path: Path) -> None:
    (tmp_path / "store").mkdir()
    (tmp_path / "store" / "real.txt").write_bytes(b"inside")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "link").symlink_to("../store/real.txt")
    assert safe_read_bytes(tmp_path / "sub" / "link", tmp_path, 100) == b"inside"


def test_read_yaml_refuses_by_name_and_quotes_nothing(tmp_path: Path) -> None:
    (tmp_path / "outside.yaml").write_text(f"{SECRET}: 1\n", encoding="utf-8")
    root = tmp_path / "base"
    root.mkdir()
    (root / "link.yaml").symlink_to(tmp_path / "outside.yaml")
    with pytest.raises(YamlProblem) as caught:
        read_yaml(root / "link.yaml", root=root)
    assert caught.value.line == 1
    assert caught.value.message.startswith("cannot read file: symlink leads outside the base directory")
    assert "s3cr3t" not in caught.value.message
    fifo = make_fifo(root / "pipe.yaml")
    with pytest.raises(YamlProblem, match=r"^cannot read file: not a regular file \(FIFO\)$"):
        within(GUARD_SECONDS, lambda: read_yaml(fifo, root=root))


# ---- the loader, the cache and the holder on such bases -------------------------------------------------


def test_a_symlink_inside_the_base_still_loads(tmp_path: Path) -> None:
    root = write_base(tmp_path, facts=None, source_text=None, files={
        "store/facts.data": FACTS_YAML, "store/test.data": SOURCE_TEXT})
    (root / "facts").mkdir()
    (root / "facts" / "facts.yaml").symlink_to("../store/facts.data")
    (root / "texts").mkdir()
    (root / TEXT_FILE).symlink_to("../store/test.data")
    base, problems = check_knowledge(root)
    assert problems == [] and base is not None and len(base.facts) == VALID_FACT_COUNT
    assert content_key(root) is not None


def test_a_base_directory_reached_through_a_symlink_loads(tmp_path: Path) -> None:
    real = write_base(tmp_path)
    (tmp_path / "current").symlink_to(real, target_is_directory=True)
    base, problems = check_knowledge(tmp_path / "current")
    assert problems == [] and base is not None
    assert content_key(tmp_path / "current") == content_key(real)


def test_a_fifo_in_the_base_is_named_quickly(tmp_path: Path) -> None:
    root = write_base(tmp_path)
    fifo = make_fifo(root / "facts" / "pipe.yaml")
    problem = one_problem(problems_of(root), fifo, "not a regular file (FIFO)")
    assert problem == f"{fifo}:1: cannot read file: not a regular file (FIFO)"
    assert within(GUARD_SECONDS, lambda: content_key(root)) is None


def test_a_symlink_to_a_fifo_gives_no_content_key(tmp_path: Path) -> None:
    root = write_base(tmp_path)
    make_fifo(root / "pipe")
    (root / "facts" / "pipe.yaml").symlink_to("../pipe")
    assert within(GUARD_SECONDS, lambda: content_key(root)) is None
    (root / "facts" / "pipe.yaml").unlink()
    (root / TEXT_FILE).unlink()
    (root / TEXT_FILE).symlink_to("../pipe")
    assert within(GUARD_SECONDS, lambda: content_key(root)) is None


def test_a_socket_in_the_base_is_named(tmp_path: Path) -> None:
    root = write_base(tmp_path)
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(root / "facts" / "sock.yaml"))
        one_problem(problems_of(root), root / "facts" / "sock.yaml", "not a regular file (socket)")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="mknod needs root")
def test_a_device_node_in_the_base_is_named_unopened(tmp_path: Path) -> None:
    root = write_base(tmp_path)
    device = root / "facts" / "zero.yaml"
    try:
        os.mknod(device, stat.S_IFCHR | 0o600, os.makedev(1, 5))  # /dev/zero's numbers
    except OSError as exc:  # pragma: no cover - a container may forbid it
        pytest.skip(f"cannot make a device node: {exc}")
    one_problem(problems_of(root), device, "not a regular file (character device)")
    assert content_key(root) is None


def test_a_secret_outside_the_base_is_never_quoted(tmp_path: Path) -> None:
    root = write_base(tmp_path)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "shadow").write_text(f"{SECRET}: 19000:0:99999:7\n", encoding="utf-8")
    (root / "facts" / "shadow.yaml").symlink_to(outside / "shadow")
    (outside / "test.txt").write_text(SECRET + "\n" + SOURCE_TEXT, encoding="utf-8")
    (root / TEXT_FILE).unlink()
    (root / TEXT_FILE).symlink_to(outside / "test.txt")
    problems = problems_of(root)
    one_problem(problems, root / "facts" / "shadow.yaml", "symlink leads outside the base directory")
    one_problem(problems, root / "sources.yaml", "test.txt", "symlink leads outside the base directory")
    assert not [p for p in problems if "s3cr3t" in p]
    assert content_key(root) is None


def test_a_non_utf8_source_text_is_named_without_its_text(tmp_path: Path) -> None:
    root = write_base(tmp_path, source_text=b"s3cr3t line\n\xff\xfe more s3cr3t\n")
    problem = one_problem(problems_of(root), root / "sources.yaml", "test.txt", "not UTF-8 text (line 2, byte 0xff)")
    assert "s3cr3t" not in problem


def test_a_binary_fact_file_is_named_without_its_bytes(tmp_path: Path) -> None:
    root = write_base(tmp_path, files={"facts/blob.yaml": b"s3cr3t: 1\n\x89PNG\x00\xff\xfe\x00s3cr3t"})
    problem = one_problem(problems_of(root), root / "facts" / "blob.yaml", "not UTF-8")
    assert "s3cr3t" not in problem and "PNG" not in problem


def _single_file_base(tmp_path: Path) -> Path:
    (tmp_path / "texts").mkdir()
    (tmp_path / TEXT_FILE).write_text(SOURCE_TEXT, encoding="utf-8")
    single = tmp_path / "kb.yaml"
    single.write_text(SOURCES_YAML + ENTITIES_YAML + FACTS_YAML, encoding="utf-8")
    return single


def test_a_single_file_base_loads_and_a_link_to_it_too(tmp_path: Path) -> None:
    single = _single_file_base(tmp_path)
    assert check_knowledge(single)[0] is not None and content_key(single) is not None
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "texts").mkdir(parents=True)
    (elsewhere / TEXT_FILE).write_text(SOURCE_TEXT, encoding="utf-8")
    (elsewhere / "kb.yaml").symlink_to(single)  # named by the admin: followed; its texts are beside the link
    assert check_knowledge(elsewhere / "kb.yaml")[0] is not None and content_key(elsewhere / "kb.yaml") is not None
    (elsewhere / TEXT_FILE).unlink()
    (elsewhere / TEXT_FILE).symlink_to(tmp_path / TEXT_FILE)  # but not a text out of the link's directory
    one_problem(problems_of(elsewhere / "kb.yaml"), elsewhere / "kb.yaml", "symlink leads outside the base directory")


def test_a_single_file_base_keeps_its_texts_beside_it(tmp_path: Path) -> None:
    (tmp_path / "base").mkdir()
    single = _single_file_base(tmp_path / "base")
    (tmp_path / "base" / TEXT_FILE).unlink()
    (tmp_path / "other.txt").write_text(SECRET + "\n" + SOURCE_TEXT, encoding="utf-8")
    (tmp_path / "base" / TEXT_FILE).symlink_to(tmp_path / "other.txt")
    problems = problems_of(single)
    one_problem(problems, single, "test.txt", "symlink leads outside the base directory")
    assert not [p for p in problems if "s3cr3t" in p]


@pytest.mark.parametrize("kind", ["fifo", "dev-zero", "socket"])
def test_a_single_file_base_must_be_a_regular_file(tmp_path: Path, kind: str) -> None:
    root = tmp_path / "kb.yaml"
    server = socket.socket(socket.AF_UNIX)
    try:
        if kind == "fifo":
            make_fifo(root)
        elif kind == "dev-zero":
            root.symlink_to("/dev/zero")
        else:
            server.bind(str(root))
        problems = problems_of(root)
        assert within(GUARD_SECONDS, lambda: content_key(root)) is None
    finally:
        server.close()
    expected = {"fifo": "FIFO", "dev-zero": "character device", "socket": "socket"}[kind]
    assert problems == [f"{root}:1: not a regular file or a directory ({expected})"]


@pytest.mark.parametrize("use_cache", [False, True])
def test_a_reload_of_a_base_with_a_fifo_keeps_serving(tmp_path: Path, use_cache: bool) -> None:
    root = write_base(tmp_path)
    holder = EngineHolder(Engine.from_path(root), path=root, use_cache=use_cache)
    serving = holder.engine
    fifo = make_fifo(root / "facts" / "pipe.yaml")
    result = within(GUARD_SECONDS, holder.reload)
    assert result.ok is False and holder.engine is serving and result.facts == VALID_FACT_COUNT
    one_problem([str(p) for p in result.problems], fifo, "not a regular file (FIFO)")
    assert holder.engine.answer("когда установлены дипломатические отношения").answered


# ---- /dev/zero: in a child with a memory limit, since an unbounded read there ends only when memory does ----

CHILD = textwrap.dedent("""
    import json, resource, sys, tracemalloc
    from pathlib import Path
    limit = int(sys.argv[4])
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))  # an unbounded read dies of MemoryError here
    from knowledge import check_knowledge
    from knowledge.search.cache import content_key
    from knowledge.engine import Engine
    from knowledge.holder import EngineHolder

    root = Path(sys.argv[1])
    holder = EngineHolder(Engine.from_path(root), path=root, use_cache=True)
    serving = holder.engine
    link, target = Path(sys.argv[2]), Path(sys.argv[3])
    link.unlink(missing_ok=True)
    link.symlink_to(target)
    tracemalloc.start()
    base, problems = check_knowledge(root)
    key = content_key(root)
    result = holder.reload()
    peak = tracemalloc.get_traced_memory()[1]
    print(json.dumps({"accepted": base is not None, "problems": [str(p) for p in problems], "key": key,
                      "reload_ok": result.ok, "reload_problems": [str(p) for p in result.problems],
                      "serving": holder.engine is serving, "peak": peak}))
""")


@pytest.mark.skipif(not Path("/dev/zero").exists() or sys.platform != "linux", reason="needs /dev/zero and rlimits")
@pytest.mark.parametrize("link", ["facts/zero.yaml", TEXT_FILE])
def test_a_symlink_to_dev_zero_is_refused_with_bounded_memory(tmp_path: Path, link: str) -> None:
    root = write_base(tmp_path)
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "cache"))
    child = subprocess.run([sys.executable, "-c", CHILD, str(root), str(root / link), "/dev/zero", str(2 * 1024**3)],
                           capture_output=True, text=True, timeout=120, env=env, cwd=tmp_path, check=False)
    assert child.returncode == 0, child.stderr[-2000:]
    outcome = json.loads(child.stdout)
    assert not outcome["accepted"] and outcome["key"] is None
    assert not outcome["reload_ok"] and outcome["serving"]
    where = str(root / link) if link.endswith(".yaml") else str(root / "sources.yaml")
    for problems in (outcome["problems"], outcome["reload_problems"]):
        one_problem(problems, Path(where), "leads outside the base directory")
    assert outcome["peak"] < 16 * 1024 * 1024, f"traced peak {outcome['peak']} bytes"
