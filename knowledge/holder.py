"""The engine currently serving, and reloading it without a restart.

A reload validates and indexes the new base completely before one reference is
swapped, so every question is answered by the old base or the new one, never a
mix; a base with any problem is rejected and the old one keeps serving.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from knowledge.engine import Engine, EngineSettings
from knowledge.loader import KnowledgeError, Limits
from knowledge.model import KnowledgeBase
from knowledge.validate import Problem


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
    ) -> None:
        self._engine = engine
        self.path = path
        self.settings = settings or engine.settings
        self.limits = limits
        self.use_cache = use_cache
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
            try:
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
