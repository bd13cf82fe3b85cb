"""The engine currently serving, and reloading it without a restart.

A reload validates and indexes the new base completely before one reference is
swapped, so every question is answered by the old base or the new one, never a
mix; a base with any problem is rejected and the old one keeps serving.

With ``isolate`` (the bot), parsing and indexing run in a child process that writes the
compiled cache; this process then only loads it. Python threads share one interpreter
lock, so a reload in a thread slows every answer while it runs (a 16 000-fact base: 17 s
of answers four times slower); in a child it costs the serving process only the load of
the compiled base, and a child that hangs is killed after ``timeout`` seconds.
"""

from __future__ import annotations

import multiprocessing
import threading
import time
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path

from knowledge.base.loader import KnowledgeError, Limits
from knowledge.base.model import KnowledgeBase
from knowledge.base.validate import Problem
from knowledge.engine import Engine, EngineSettings


@dataclass(frozen=True, slots=True)
class BaseDiff:
    added: int
    removed: int
    changed: int


@dataclass(frozen=True, slots=True)
class ReloadResult:
    ok: bool
    facts: int  # facts now serving
    diff: BaseDiff = field(default_factory=lambda: BaseDiff(0, 0, 0))
    problems: tuple[Problem, ...] = ()


def diff_bases(old: KnowledgeBase, new: KnowledgeBase) -> BaseDiff:
    """Facts added, removed and changed (same id, other content) between two bases."""
    before = {f.id: f for f in old.facts}
    after = {f.id: f for f in new.facts}
    added = len(after.keys() - before.keys())
    removed = len(before.keys() - after.keys())
    changed = sum(1 for key in after.keys() & before.keys() if after[key] != before[key])
    return BaseDiff(added, removed, changed)


RELOAD_TIMEOUT = 600.0  # seconds a child may take to build a base (100 000 facts: about 70 s)


def _build_compiled(out: Connection, path: Path | str | None, limits: Limits | None, encode_up_to: int = 0
                    ) -> None:
    """In the child: validate and index the base (and encode its facts when it has at most ``encode_up_to``)
    into the compiled cache; send back its problems."""
    from knowledge.search.cache import load_compiled
    from knowledge.search.semantic import load_semantic

    try:
        base, _ = load_compiled(path, limits=limits)
        if encode_up_to:
            load_semantic(path, base, limits=limits, max_facts=encode_up_to)
        out.send(())
    except KnowledgeError as exc:
        out.send(tuple(exc.problems))
    except OSError as exc:
        out.send((Problem(str(path or "knowledge"), 1, f"cannot read: {exc.strerror or exc}"),))
    finally:
        out.close()


def build_in_child(path: Path | str | None, limits: Limits | None, *, timeout: float = RELOAD_TIMEOUT,
                   encode_up_to: int = 0) -> tuple[Problem, ...]:
    """Validate and index the base in a child process (its compiled cache is left for us to load; with
    ``encode_up_to``, its fact vectors too); the problems found, or one saying why the child failed."""
    context = multiprocessing.get_context("spawn")  # never fork a process with threads and an event loop
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_build_compiled, args=(send, path, limits, encode_up_to), name="factbot-reload",
                            daemon=True)
    child.start()
    send.close()
    where = str(path or "knowledge")
    try:
        if not receive.poll(timeout):
            child.kill()
            return (Problem(where, 1, f"reading the base took longer than {timeout:.0f} s; stopped"),)
        try:
            return tuple(receive.recv())
        except EOFError:  # the child died without a word: killed, out of memory
            child.join(5)
            return (Problem(where, 1, f"reading the base failed (the reload process exited with {child.exitcode})"),)
    finally:
        receive.close()
        child.join(5)
        if child.is_alive():
            child.kill()


class EngineHolder:
    """Holds the serving engine; ``reload`` swaps in a new one only when it is fully valid."""

    def __init__(
        self,
        engine: Engine,
        *,
        path: Path | str | None = None,
        settings: EngineSettings | None = None,
        limits: Limits | None = None,
        use_cache: bool = False,
        isolate: bool = False,
    ) -> None:
        self._engine = engine
        self.path = path
        self.settings = settings or engine.settings
        self.limits = limits
        self.use_cache = use_cache
        self.isolate = isolate and use_cache  # the child hands the base over through the compiled cache
        self.loaded_at = time.time()
        self._reload_lock = threading.Lock()

    @property
    def engine(self) -> Engine:
        """The engine to use for one whole answer (read it once per question)."""
        return self._engine

    def reload(self) -> ReloadResult:
        """Re-read the base from ``path``; on any problem keep serving the old one."""
        with self._reload_lock:  # two admins reloading at once build one after the other
            old = self._engine
            if self.isolate:
                most = self.settings.semantic_max_facts if self.settings.semantic else 0
                problems = build_in_child(self.path, self.limits, encode_up_to=most)
                if problems:
                    return ReloadResult(False, len(old.base.facts), problems=problems)
            try:  # isolated: the compiled cache the child wrote (rebuilt here only if the files changed since)
                new = Engine.from_path(self.path, self.settings, limits=self.limits, use_cache=self.use_cache)
            except KnowledgeError as exc:
                return ReloadResult(False, len(old.base.facts), problems=tuple(exc.problems))
            except OSError as exc:  # vanished while being read, permissions changed…
                problem = Problem(str(self.path or "knowledge"), 1, f"cannot read: {exc.strerror or exc}")
                return ReloadResult(False, len(old.base.facts), problems=(problem,))
            new.prepare()  # the English index too, here in the reload thread, not on a user's first question
            self._engine = new  # a single reference assignment: atomic for every reader
            self.loaded_at = time.time()
            return ReloadResult(True, len(new.base.facts), diff_bases(old.base, new.base))
