"""The store kept off the answer's path: a failing disk costs statistics, never an answer.

Writes (questions for /stats, language settings) go to one background thread in the order they were
made, so the event loop never waits for SQLite; every failure — disk full, database locked, read-only
or deleted — is logged at most once a minute and costs only what was being written. A /language choice
is kept in memory as well, so it applies at once and for as long as the process runs even when it
cannot be stored. Reads wait for the writes made before them, so /stats sees every answer sent.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any

from bot.storage import LANGUAGES, StorageError

log = logging.getLogger(__name__)

LOG_EVERY = 60.0  # seconds between two log lines about a failing store
MAX_BACKLOG = 1000  # writes waiting for the disk; past it new ones are dropped (a locked database)
FLUSH_SECONDS = 2.0  # how long a read waits for the writes before it
CLOSE_SECONDS = 3.0  # how long closing waits for the writes still queued
MEMORY_LANGUAGES = 4096  # language choices kept in memory, the most recent ones
SHARED_FRESH_SECONDS = 5.0  # with replicas, how long a choice made here is trusted before the store is asked
JOURNAL_PAUSE = 10.0  # seconds the journal (and language reads) are not tried after a failure: a try may wait


_FAILED = object()  # what a failed store call returns instead of a value


def _reason(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0]}" if text else type(exc).__name__


class SafeStorage:
    """Any store (``SqliteStorage`` or a test's) behind a guard; the ``Storage`` protocol of
    handlers/services.py plus the update journal of bot/delivery.py."""

    def __init__(self, inner: Any, *, log_every: float = LOG_EVERY, max_backlog: int = MAX_BACKLOG,
                 shared: bool = False, fresh: float = SHARED_FRESH_SECONDS) -> None:
        """``shared``: other replicas write to the same store, so a choice remembered here is trusted only
        for ``fresh`` seconds (until its write has landed), then the store says what is current."""
        self.inner = inner
        self.shared = shared
        self.fresh = fresh
        self.failures = 0  # since start, for tests and the logs
        self._log_every = log_every
        self._max_backlog = max_backlog
        self._last_logged = float("-inf")
        self._lock = threading.Lock()
        self._backlog = 0
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="factbot-store")
        self._languages: OrderedDict[int, tuple[str, float]] = OrderedDict()  # user -> (choice, when)
        self._closed = False
        self._journal_down_until = float("-inf")  # monotonic time; while it is ahead, no journal calls

    # -- failures ------------------------------------------------------------------------------------

    def failed(self, what: str, exc: BaseException) -> None:
        """Count a failure; log it unless one was logged less than ``log_every`` seconds ago."""
        now = time.monotonic()
        with self._lock:
            self.failures += 1
            if now - self._last_logged < self._log_every:
                return
            self._last_logged = now
            count = self.failures
        log.warning("storage failed (%s: %s); answers go on without it (%s failure(s) so far)",
                    what, _reason(exc), count)

    def _write(self, what: str, call: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        """Queue one write for the writer thread; never raises."""
        with self._lock:
            if self._closed:
                return
            if self._backlog >= self._max_backlog:
                full = True
            else:
                full = False
                self._backlog += 1
        if full:
            self.failed(what, StorageError("too many writes waiting for the disk; this one is dropped"))
            return

        def run() -> None:
            try:
                call(*args, **kwargs)
            except Exception as exc:  # the store failed: this write is lost, nothing else
                self.failed(what, exc)
            finally:
                with self._lock:
                    self._backlog -= 1

        try:
            self._writer.submit(run)
        except RuntimeError:  # closed meanwhile
            with self._lock:
                self._backlog -= 1

    def flush(self, timeout: float = FLUSH_SECONDS) -> bool:
        """Wait for the writes queued so far; False when they did not finish in time."""
        try:
            done: Future[None] = self._writer.submit(lambda: None)
        except RuntimeError:
            return True
        try:
            done.result(timeout=timeout)
        except FutureTimeout:
            return False
        return True

    def _read(self, what: str, call: Callable[[], Any], default: Any) -> Any:
        self.flush()
        try:
            return call()
        except Exception as exc:
            self.failed(what, exc)
            return default

    # -- the Storage protocol ------------------------------------------------------------------------

    def record(self, *, question: str, kind: str, answered: bool, chat_type: str, latency_ms: float,
               facts: Sequence[str] = ()) -> None:
        self._write("record", self.inner.record, question=question, kind=kind, answered=answered,
                    chat_type=chat_type, latency_ms=latency_ms, facts=tuple(facts))

    def top_facts(self, limit: int = 5) -> list[tuple[str, int]]:
        return list(self._read("top_facts", lambda: self.inner.top_facts(limit), []))

    def stats(self) -> dict[str, Any]:
        """Raises ``StorageError`` when the store cannot be read: /stats says so."""
        self.flush()
        try:
            return dict(self.inner.stats())
        except Exception as exc:
            self.failed("stats", exc)
            raise StorageError(_reason(exc)) from None

    def unanswered(self, limit: int = 20) -> list[dict[str, Any]]:
        """Raises ``StorageError`` when the store cannot be read: /unanswered says so."""
        self.flush()
        try:
            return list(self.inner.unanswered(limit))
        except Exception as exc:
            self.failed("unanswered", exc)
            raise StorageError(_reason(exc)) from None

    def remembered_language(self, user_id: int) -> tuple[bool, str | None]:
        """(True, the choice) when memory answers for the store — a choice made here (with replicas, only a
        fresh one); (False, None) when only the store can tell. Never waits: the event loop asks it."""
        with self._lock:
            remembered = self._languages.get(user_id)
        if remembered is not None and (not self.shared or time.monotonic() - remembered[1] < self.fresh):
            return True, remembered[0]
        return False, None

    def get_language(self, user_id: int) -> str | None:
        """Read before every answer: from memory (with replicas, only a fresh choice), else from the store
        unless it failed lately — then the last choice made here, if any."""
        known, choice = self.remembered_language(user_id)
        if known:
            return choice
        with self._lock:
            remembered = self._languages.get(user_id)
        found = self._journal_call("get_language", _FAILED, user_id)
        if found is _FAILED:
            return remembered[0] if remembered is not None else None
        return found if found in LANGUAGES else None

    def set_language(self, user_id: int, lang: str) -> None:
        """Applies at once (in memory); stored in the background."""
        if lang not in LANGUAGES:
            raise ValueError(f"language must be one of {', '.join(LANGUAGES)}")
        with self._lock:
            self._languages[user_id] = (lang, time.monotonic())
            self._languages.move_to_end(user_id)
            while len(self._languages) > MEMORY_LANGUAGES:
                self._languages.popitem(last=False)
        self._write("set_language", self.inner.set_language, user_id, lang)

    # -- the update journal (bot/delivery.py calls these in a worker thread) -------------------------
    # Every update goes through the journal, so a failing one is given a pause: while it is down, updates
    # are handled without it (at most once instead of exactly once), never delayed by it.

    def _journal_call(self, what: str, default: Any, *args: Any) -> Any:
        call = getattr(self.inner, what, None)
        if call is None or time.monotonic() < self._journal_down_until:
            return default
        try:
            return call(*args)
        except Exception as exc:
            self._journal_down_until = time.monotonic() + JOURNAL_PAUSE
            self.failed(what, exc)
            return default

    def journal(self, update_id: int, payload: str) -> bool:
        """True when the update is kept on disk before Telegram is told it arrived."""
        return self._journal_call("journal", False, update_id, payload) is None

    def journal_many(self, updates: list[tuple[int, str]]) -> bool:
        """``journal`` for a batch, in one transaction where the store can."""
        if getattr(self.inner, "journal_many", None) is None:
            return all([self.journal(update_id, payload) for update_id, payload in updates])
        return self._journal_call("journal_many", False, updates) is None

    def is_handled(self, update_id: int) -> bool:
        return bool(self._journal_call("is_handled", False, update_id))

    def claim(self, update_id: int, owner: str, lease: float) -> bool:
        """True when this process may handle the update; with the store down, yes (at least once)."""
        call = getattr(self.inner, "claim", None)
        if call is None:
            return not self.is_handled(update_id)
        return bool(self._journal_call("claim", True, update_id, owner, lease))

    def claim_many(self, update_ids: list[int], owner: str, lease: float) -> set[int]:
        """The updates this process may handle; with the store down, all of them (at least once)."""
        if getattr(self.inner, "claim_many", None) is None:
            return {update_id for update_id in update_ids if self.claim(update_id, owner, lease)}
        found = self._journal_call("claim_many", None, update_ids, owner, lease)
        return set(update_ids) if found is None else set(found)

    # -- conversations shared by replicas ------------------------------------------------------------

    def save_turn(self, conversation: str, question: str, lang: str, hint: str | None, replica: str = "") -> None:
        if hasattr(self.inner, "save_turn"):
            self._write("save_turn", self.inner.save_turn, conversation, question, lang, hint, replica)

    def turns(self, conversation: str, ttl: float) -> list[tuple[str, str, str | None, str]]:
        if not hasattr(self.inner, "turns"):
            return []
        return list(self._read("turns", lambda: self.inner.turns(conversation, ttl), []))

    def reset_turns(self, conversation: str) -> None:
        if hasattr(self.inner, "reset_turns"):
            self._write("reset_turns", self.inner.reset_turns, conversation)

    def mark_handled(self, update_id: int) -> None:
        self._journal_call("mark_handled", None, update_id)

    def unhandled(self) -> list[tuple[int, str]]:
        return list(self._journal_call("unhandled", [], ) or [])

    def forget_handled(self, before: float) -> None:
        forget = getattr(self.inner, "forget_handled", None)
        if forget is not None:
            self._write("forget_handled", forget, before)

    # -- lifetime ------------------------------------------------------------------------------------

    def close(self) -> None:
        """Let queued writes finish for a few seconds, then close the store; idempotent."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
        self.flush(CLOSE_SECONDS)
        self._writer.shutdown(wait=False, cancel_futures=True)
        close = getattr(self.inner, "close", None)
        if callable(close):
            try:
                close()
            except Exception as exc:
                self.failed("close", exc)


__all__ = ["SafeStorage"]
