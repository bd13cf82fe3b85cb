"""At-least-once delivery, exactly-once effect, and updates handled side by side.

Telegram forgets an update once the bot confirms it: with long polling, by asking for the next batch;
with a webhook, by answering 200. ``JournalQueue`` is the Application's update queue and keeps every
update on disk (the store's journal) before ``put`` returns — and both the Updater and the webhook
server confirm only after ``put`` — so an update the bot was told about survives ``kill -9`` and is
replayed at the next start (``replay_unhandled``).

``OrderedProcessor`` handles updates concurrently, at most ``max_concurrent_updates`` at a time, one at a
time per chat (a follow-up is answered after the question it follows); it skips an update already
handled or in flight (a replay, a webhook retried by Telegram) and marks each one handled when its
handlers are done. On stop it gives the updates in flight ``grace`` seconds; what is still running then
is cancelled and, never marked handled, is replayed at the next start.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import json
import logging
import os
import socket
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Hashable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Protocol, TypeVar

from telegram import Update
from telegram.ext import Application, BaseUpdateProcessor

log = logging.getLogger(__name__)

CURRENT_UPDATE: contextvars.ContextVar[int | None] = contextvars.ContextVar("factbot_update", default=None)
KEEP_HANDLED_SECONDS = 2 * 24 * 3600  # Telegram redelivers an update for 24 hours at most
STOP_GRACE_SECONDS = 3.0
CLAIM_LEASE_SECONDS = 60.0  # how long a replica holds an update it took; a dead one's passes on after this
T = TypeVar("T")


class UpdateJournal(Protocol):
    """What delivery needs of the store (bot/safe_storage.py: every method already fails soft)."""

    def journal(self, update_id: int, payload: str) -> bool: ...

    def is_handled(self, update_id: int) -> bool: ...

    def claim(self, update_id: int, owner: str, lease: float) -> bool: ...

    def mark_handled(self, update_id: int) -> None: ...

    def unhandled(self) -> list[tuple[int, str]]: ...

    def forget_handled(self, before: float) -> None: ...


class AsyncJournal:
    """The store's journal, called from the event loop in threads of its own: keeping an update never
    waits behind answers computed in the shared worker threads, and marking one handled never waits
    behind a burst of updates being kept (the shorter that wait, the smaller the window in which a crash
    after the reply could make the update be answered again)."""

    def __init__(self, journal: UpdateJournal) -> None:
        self.journal = journal
        self.owner = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"  # this bot, among replicas
        self._intake = ThreadPoolExecutor(max_workers=1, thread_name_prefix="factbot-journal")
        self._marks = ThreadPoolExecutor(max_workers=1, thread_name_prefix="factbot-handled")

    @staticmethod
    async def _call(thread: ThreadPoolExecutor, call: Callable[..., T], *args: Any) -> T:
        return await asyncio.get_running_loop().run_in_executor(thread, call, *args)

    async def keep(self, update: Update) -> bool:
        payload = json.dumps(update.to_dict(), ensure_ascii=False, separators=(",", ":"))
        return await self._call(self._intake, self.journal.journal, update.update_id, payload)

    async def is_handled(self, update_id: int) -> bool:
        return await self._call(self._marks, self.journal.is_handled, update_id)

    async def claim(self, update_id: int) -> bool:
        """This process may handle the update: not handled, and not being handled by another replica."""
        return await self._call(self._marks, self.journal.claim, update_id, self.owner, CLAIM_LEASE_SECONDS)

    async def mark_handled(self, update_id: int) -> None:
        await self._call(self._marks, self.journal.mark_handled, update_id)

    async def unhandled(self) -> list[tuple[int, str]]:
        return await self._call(self._marks, self.journal.unhandled)

    def forget_handled(self, before: float) -> None:
        self.journal.forget_handled(before)


class JournalQueue(asyncio.Queue[object]):
    """The update queue of the Application: an update is on disk before ``put`` returns."""

    def __init__(self, journal: AsyncJournal) -> None:
        super().__init__()
        self.journal = journal

    async def put(self, item: object) -> None:
        if isinstance(item, Update):
            await self.journal.keep(item)
        await super().put(item)


def chat_key(update: object) -> Hashable | None:
    """Updates with the same key are handled one after the other; None: no order needed (inline)."""
    if not isinstance(update, Update) or update.inline_query is not None:
        return None
    if update.effective_chat is not None:
        return update.effective_chat.id
    return ("user", update.effective_user.id) if update.effective_user is not None else None


class OrderedProcessor(BaseUpdateProcessor):
    """Concurrent across chats, in order within one, each update's effect once."""

    def __init__(self, max_concurrent_updates: int, journal: AsyncJournal, *,
                 grace: float = STOP_GRACE_SECONDS) -> None:
        super().__init__(max_concurrent_updates)
        self.journal = journal
        self.grace = grace
        self.skipped = 0  # duplicates not handled again
        self._locks: dict[Hashable, tuple[asyncio.Lock, int]] = {}  # chat -> (lock, users of it)
        self._in_flight: set[int] = set()
        self._running: set[asyncio.Task[Any]] = set()
        self._replied: set[int] = set()  # marked handled by ``replied`` before their handlers finished
        self._deadline: float | None = None  # loop time after which nothing new starts

    async def initialize(self) -> None:
        self._deadline = None

    async def shutdown(self) -> None:
        self._cancel_running()

    def begin_stop(self) -> None:
        """From now on, ``grace`` seconds for what is in flight or queued; then cancel the rest."""
        loop = asyncio.get_running_loop()
        self._deadline = loop.time() + self.grace
        loop.call_later(self.grace, self._cancel_running)

    def _cancel_running(self) -> None:
        for task in list(self._running):
            task.cancel()

    def _past_deadline(self) -> bool:
        return self._deadline is not None and asyncio.get_running_loop().time() >= self._deadline

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        update_id = update.update_id if isinstance(update, Update) else None
        if update_id is not None:
            if update_id in self._in_flight:
                self._skip(update_id, coroutine)
                return
            self._in_flight.add(update_id)
        try:
            if update_id is not None and not await self.journal.claim(update_id):
                self._skip(update_id, coroutine)
                return
            CURRENT_UPDATE.set(update_id)
            key = chat_key(update)
            if key is None:
                done = await self._run(coroutine)
            else:
                async with self._turn(key):
                    done = await self._run(coroutine)
            if done and update_id is not None and update_id not in self._replied:
                await self.journal.mark_handled(update_id)
        finally:
            if update_id is not None:
                self._in_flight.discard(update_id)
                self._replied.discard(update_id)

    def replied(self) -> None:
        """The update being handled (in this task) has had its answer accepted by Telegram: mark it handled
        now, in this thread — a crash from here on must not answer it again. Waits a few ms at most
        (the store's journal gives up on a lock after 250 ms, then pauses)."""
        update_id = CURRENT_UPDATE.get()
        if update_id is None or update_id in self._replied:
            return
        self._replied.add(update_id)
        self.journal.journal.mark_handled(update_id)

    def _skip(self, update_id: int, coroutine: Awaitable[Any]) -> None:
        self.skipped += 1
        log.info("update %s was handled already or is in flight; not again", update_id)
        _discard(coroutine)

    async def _run(self, coroutine: Awaitable[Any]) -> bool:
        """Run the handlers; False when stopping cut them off (the update is then replayed)."""
        if self._past_deadline():
            _discard(coroutine)
            return False
        task = asyncio.ensure_future(coroutine)  # runs in a copy of this context: CURRENT_UPDATE included
        self._running.add(task)
        try:
            await asyncio.wait({task})
        finally:
            self._running.discard(task)
        if task.cancelled():
            log.warning("stopping: an update still in flight was cut off; it is handled again at the next start")
            return False
        if task.exception() is not None:  # PTB reports handler errors itself; this is past them
            log.error("update processing failed", exc_info=task.exception())
        return True

    @contextlib.asynccontextmanager
    async def _turn(self, key: Hashable) -> AsyncIterator[None]:
        """This chat's turn; its lock is forgotten when nobody waits for it, so memory follows the
        chats with updates in flight, not every chat ever seen."""
        lock, users = self._locks.get(key) or (asyncio.Lock(), 0)
        self._locks[key] = (lock, users + 1)
        try:
            async with lock:
                yield
        finally:
            lock, users = self._locks[key]
            if users <= 1:
                del self._locks[key]
            else:
                self._locks[key] = (lock, users - 1)

    def chats_waiting(self) -> int:
        return len(self._locks)


def _discard(coroutine: Awaitable[Any]) -> None:
    close = getattr(coroutine, "close", None)
    if callable(close):
        close()  # never awaited: no "coroutine was never awaited" warning


async def replay_unhandled(app: Application, journal: AsyncJournal) -> int:  # type: ignore[type-arg]
    """Queue the updates a previous run received but never handled; forget old handled ones."""
    pending = await journal.unhandled()
    queue = app.update_queue
    replayed = 0
    for update_id, payload in pending:
        try:
            update = Update.de_json(json.loads(payload), app.bot)
        except (ValueError, TypeError, KeyError) as exc:
            log.warning("journalled update %s cannot be read (%s); dropped", update_id, type(exc).__name__)
            await journal.mark_handled(update_id)
            continue
        queue.put_nowait(update)  # already journalled
        replayed += 1
    if replayed:
        log.info("replaying %s update(s) received before a crash and never handled", replayed)
    journal.forget_handled(time.time() - KEEP_HANDLED_SECONDS)
    return replayed


class FactbotApplication(Application):  # type: ignore[type-arg]
    """PTB's Application whose ``stop`` gives the updates in flight a few seconds, not forever."""

    async def stop(self) -> None:
        processor = self.update_processor
        if isinstance(processor, OrderedProcessor) and self.running:
            processor.begin_stop()
        await super().stop()


__all__ = ["AsyncJournal", "FactbotApplication", "JournalQueue", "OrderedProcessor", "UpdateJournal", "chat_key",
           "replay_unhandled"]
