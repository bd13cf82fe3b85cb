"""At-least-once delivery, exactly-once effect, and updates handled side by side.

Telegram forgets an update once the bot confirms it: with long polling, by asking for the next batch;
with a webhook, by answering 200. ``JournalQueue`` is the Application's update queue and keeps every
update on disk (the store's journal) before Telegram is told: the updates that arrive together are
written in one transaction (a group commit), so a burst costs one write per batch, not one per update and
one trip through the busy event loop each. A webhook request's ``put`` returns once its batch is on disk;
with long polling ``put`` returns at once and ``PollingRequest`` — the getUpdates request, whose next call
is the confirmation — waits for the batch first. So an update the bot was told about survives ``kill -9``
and is replayed at the next start (``replay_unhandled``).

``OrderedProcessor`` handles updates concurrently, at most ``max_concurrent_updates`` at a time (quick
commands such as /start do not wait for a slot, so a newcomer is greeted at once in a burst), one at a
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
from typing import Any, Generic, Protocol, TypeVar

from telegram import Update
from telegram.ext import Application, BaseUpdateProcessor
from telegram.request import HTTPXRequest

log = logging.getLogger(__name__)

CURRENT_UPDATE: contextvars.ContextVar[int | None] = contextvars.ContextVar("factbot_update", default=None)
KEEP_HANDLED_SECONDS = 2 * 24 * 3600  # Telegram redelivers an update for 24 hours at most
STOP_GRACE_SECONDS = 3.0
OUTER_BOUND = 100_000  # PTB's semaphore (see OrderedProcessor)
CLAIM_LEASE_SECONDS = 15.0  # how long a replica holds an update it took; a dead one's passes on after this
RENEW_SECONDS = 5.0  # the claims of updates still in flight are renewed this often
T = TypeVar("T")
I = TypeVar("I")  # noqa: E741  (an item of a GroupCall)
R = TypeVar("R")


class UpdateJournal(Protocol):
    """What delivery needs of the store (bot/safe_storage.py: every method already fails soft)."""

    def journal(self, update_id: int, payload: str) -> bool: ...

    def journal_many(self, updates: list[tuple[int, str]]) -> bool: ...

    def is_handled(self, update_id: int) -> bool: ...

    def claim(self, update_id: int, owner: str, lease: float) -> bool: ...

    def claim_many(self, update_ids: list[int], owner: str, lease: float) -> set[int]: ...

    def mark_handled(self, update_id: int) -> None: ...

    def unhandled(self) -> list[tuple[int, str]]: ...

    def forget_handled(self, before: float) -> None: ...


class GroupCall(Generic[I, R]):
    """One call in a thread of its own for the items that came while the previous call ran (a group
    commit): a burst costs a few calls, not one per item and one trip through the busy event loop each.
    ``add`` returns the future of the call that will include the item; on an exception, ``failed(items)``."""

    def __init__(self, thread: ThreadPoolExecutor, call: Callable[[list[I]], R],
                 failed: Callable[[list[I]], R]) -> None:
        self.thread, self.call, self.failed = thread, call, failed
        self._pending: list[I] = []
        self._next: asyncio.Future[R] | None = None  # the result of the call the pending items go in
        self.last: asyncio.Future[R] | None = None  # the newest call's: when it is done, all are
        self._caller: asyncio.Task[None] | None = None

    def add(self, item: I) -> asyncio.Future[R]:
        loop = asyncio.get_running_loop()
        self._pending.append(item)
        if self._next is None:
            self._next = self.last = loop.create_future()
        if self._caller is None:
            self._caller = loop.create_task(self._run())
        return self._next

    async def _run(self) -> None:
        try:
            while self._pending:
                items, result = self._pending, self._next
                self._pending, self._next = [], None
                try:
                    value = await asyncio.get_running_loop().run_in_executor(self.thread, self.call, items)
                except Exception:  # the store fails soft (bot/safe_storage.py); this is past it
                    log.exception("the journal failed for %d updates", len(items))
                    value = self.failed(items)
                if result is not None and not result.done():
                    result.set_result(value)
        finally:
            self._caller = None


class AsyncJournal:
    """The store's journal, called from the event loop in threads of its own: keeping an update never
    waits behind answers computed in the shared worker threads, and marking one handled never waits
    behind a burst of updates being kept or claimed (the shorter that wait, the smaller the window in
    which a crash after the reply could make the update be answered again). Keeping and claiming are
    grouped (``GroupCall``); the claims of updates in flight are renewed (``renew``), so a short lease
    covers a slow answer and a replica that dies gives its updates up soon."""

    def __init__(self, journal: UpdateJournal, *, lease: float = CLAIM_LEASE_SECONDS) -> None:
        self.journal = journal
        self.lease = lease
        self.owner = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"  # this bot, among replicas
        self._checks = ThreadPoolExecutor(max_workers=1, thread_name_prefix="factbot-claims")
        self._marks = ThreadPoolExecutor(max_workers=1, thread_name_prefix="factbot-handled")
        self._keeps: GroupCall[tuple[int, str], bool] = GroupCall(
            ThreadPoolExecutor(max_workers=1, thread_name_prefix="factbot-journal"), self._keep_many,
            lambda updates: False)
        # a claim that fails lets the update be handled: at least once, never lost
        self._claims: GroupCall[int, set[int]] = GroupCall(self._checks, self._claim_many, set)

    def threads(self) -> tuple[ThreadPoolExecutor, ...]:
        return self._checks, self._marks, self._keeps.thread

    def close(self) -> None:
        """Let the journal's threads end (the store is closed after them: nothing queued is lost that the
        journal has not already written)."""
        for thread in self.threads():
            thread.shutdown(wait=False, cancel_futures=True)

    @staticmethod
    async def _call(thread: ThreadPoolExecutor, call: Callable[..., T], *args: Any) -> T:
        return await asyncio.get_running_loop().run_in_executor(thread, call, *args)

    def keep_soon(self, update: Update) -> asyncio.Future[bool]:
        """Queue the update for the next write; the future says whether its write reached the disk."""
        payload = json.dumps(update.to_dict(), ensure_ascii=False, separators=(",", ":"))
        return self._keeps.add((update.update_id, payload))

    async def keep(self, update: Update) -> bool:
        return await self.keep_soon(update)

    async def settled(self) -> None:
        """Every update queued so far has been written (or given up on)."""
        if self._keeps.last is not None:
            await asyncio.shield(self._keeps.last)

    async def is_handled(self, update_id: int) -> bool:
        return await self._call(self._checks, self.journal.is_handled, update_id)

    def _keep_many(self, updates: list[tuple[int, str]]) -> bool:
        return self.journal.journal_many(updates)

    def _claim_many(self, update_ids: list[int]) -> set[int]:
        return self.journal.claim_many(update_ids, self.owner, self.lease)

    async def claim(self, update_id: int) -> bool:
        """This process may handle the update: not handled, and not being handled by another replica."""
        return update_id in await self._claims.add(update_id)

    async def renew(self, update_ids: list[int]) -> None:
        """Hold on to the updates still being handled here for another lease."""
        if update_ids:
            await self._call(self._checks, self._claim_many, update_ids)

    async def mark_handled(self, update_id: int) -> None:
        await self._call(self._marks, self.journal.mark_handled, update_id)

    def mark_soon(self, update_id: int) -> None:
        """``mark_handled`` without waiting for it (its own thread logs a failure: bot/safe_storage.py)."""
        self._marks.submit(self.journal.mark_handled, update_id)

    async def unhandled(self) -> list[tuple[int, str]]:
        return await self._call(self._checks, self.journal.unhandled)

    def forget_handled(self, before: float) -> None:
        self.journal.forget_handled(before)


class JournalQueue(asyncio.Queue[object]):
    """The update queue of the Application: an update is on disk before Telegram is told it arrived —
    before ``put`` returns (a webhook answers once it does), or, with long polling, before the next
    getUpdates (``PollingRequest``), which lets a whole batch be written at once."""

    def __init__(self, journal: AsyncJournal) -> None:
        super().__init__()
        self.journal = journal
        self.confirmed_by_polling = False  # set by PollingRequest: puts need not wait for the disk

    async def put(self, item: object) -> None:
        if isinstance(item, Update):
            batch = self.journal.keep_soon(item)
            if not self.confirmed_by_polling:
                await batch
        await super().put(item)


class PollingRequest(HTTPXRequest):
    """The getUpdates request: its next call confirms the last batch to Telegram, so it waits until
    every update put in the queue is on disk first."""

    def __init__(self, queue: JournalQueue) -> None:
        super().__init__(connection_pool_size=1)  # what PTB's builder gives getUpdates
        self.queue = queue

    async def do_request(self, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        self.queue.confirmed_by_polling = True
        await self.queue.journal.settled()
        return await super().do_request(*args, **kwargs)


def quick_command(commands: frozenset[str]) -> Callable[[object], bool]:
    """A message that is one of these commands (no question to answer): for ``OrderedProcessor(quick=…)``."""
    def quick(update: object) -> bool:
        message = update.message if isinstance(update, Update) else None
        text = message.text if message is not None else None
        if not text or not text.startswith("/"):
            return False
        return text[1:].split(maxsplit=1)[0].split("@", 1)[0].lower() in commands
    return quick


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
                 grace: float = STOP_GRACE_SECONDS, quick: Callable[[object], bool] = lambda update: False) -> None:
        # PTB's own bound is FIFO: a /start behind a burst would wait for the whole burst. Its tasks exist for
        # every fetched update anyway, so the bound that matters is ours, which quick updates do not wait for.
        super().__init__(max(max_concurrent_updates, OUTER_BOUND))
        self.slots = asyncio.Semaphore(max_concurrent_updates)  # updates being worked on at once
        self.quick = quick  # cheap to handle (a /start): answered at once, even in a burst
        self.journal = journal
        self.grace = grace
        self.skipped = 0  # duplicates not handled again
        self._locks: dict[Hashable, tuple[asyncio.Lock, int]] = {}  # chat -> (lock, users of it)
        self._in_flight: set[int] = set()
        self._claimed: set[int] = set()  # claimed here and still being handled: their claims are renewed
        self._renewer: asyncio.Task[None] | None = None
        self._running: set[asyncio.Task[Any]] = set()
        self._replied: set[int] = set()  # marked handled by ``replied`` before their handlers finished
        self._deadline: float | None = None  # loop time after which nothing new starts

    async def initialize(self) -> None:
        self._deadline = None
        if self._renewer is None:
            self._renewer = asyncio.get_running_loop().create_task(self._renew())

    async def shutdown(self) -> None:
        self._cancel_running()
        if self._renewer is not None:
            self._renewer.cancel()
            self._renewer = None

    async def _renew(self) -> None:
        while True:
            await asyncio.sleep(RENEW_SECONDS)
            try:
                await self.journal.renew(sorted(self._claimed))
            except Exception:  # never stops renewing; the store logs its own failures
                log.exception("could not renew the claims of updates in flight")

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
            if update_id is not None:
                if not await self.journal.claim(update_id):
                    self._skip(update_id, coroutine)
                    return
                self._claimed.add(update_id)
            CURRENT_UPDATE.set(update_id)
            key = chat_key(update)
            # the chat's turn first (its earlier updates, quick or not, go before), then a slot unless quick
            async with (self._turn(key) if key is not None else contextlib.nullcontext(),
                        contextlib.nullcontext() if self.quick(update) else self.slots):
                done = await self._run(coroutine)
            if done and update_id is not None and update_id not in self._replied:
                await self.journal.mark_handled(update_id)
        finally:
            if update_id is not None:
                self._in_flight.discard(update_id)
                self._claimed.discard(update_id)
                self._replied.discard(update_id)

    def replied(self) -> None:
        """The update being handled (in this task) has had its answer accepted by Telegram: mark it handled
        now — a crash from here on must not answer it again. The write starts at once in the journal's
        own thread (never waiting behind claims), and the loop does not wait for it: with PostgreSQL it is
        a round trip to the server."""
        update_id = CURRENT_UPDATE.get()
        if update_id is None or update_id in self._replied:
            return
        self._replied.add(update_id)
        self.journal.mark_soon(update_id)

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
