"""What handlers need besides the update, handed over in ``application.bot_data``.

The application (``bot/``) builds one Services object; handlers only read it.
Storage is a protocol so that handlers do not depend on how it is kept.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from telegram.ext import CallbackContext, ContextTypes, ExtBot

from knowledge import Conversations, EngineHolder, Workspace


class Storage(Protocol):
    """Where questions are recorded for /stats, /unanswered and the inline mode's most asked facts,
    and where each user's answer language is kept."""

    def record(self, *, question: str, kind: str, answered: bool, chat_type: str, latency_ms: float,
               facts: Sequence[str] = ()) -> None:
        """``facts``: the ids of the facts the answer asserted (``Answer.facts``; empty when not answered)."""
        ...

    def top_facts(self, limit: int = 5) -> list[tuple[str, int]]:
        """``(fact id, times answered)`` of the most asked facts, most asked first."""
        ...

    def stats(self) -> dict[str, Any]: ...

    def unanswered(self, limit: int = 20) -> list[dict[str, Any]]: ...

    def get_language(self, user_id: int) -> str | None:
        """The user's /language setting: "auto", "ru" or "en"; None when never set (auto)."""
        ...

    def save_turn(self, conversation: str, question: str, lang: str, hint: str | None, replica: str = "") -> None:
        """One more question of a conversation, for the other replicas (only when they share the store)."""
        ...

    def turns(self, conversation: str, ttl: float) -> list[tuple[str, str, str | None, str]]:
        """The conversation's last questions ``(question, lang, hint, replica)``, oldest first; none when the
        last one is older than ``ttl`` seconds."""
        ...

    def reset_turns(self, conversation: str) -> None: ...

    def set_language(self, user_id: int, lang: str) -> None:
        """Keep the user's /language choice ("auto", "ru" or "en") across restarts."""
        ...


@dataclass
class FloodGate:
    """Per-user sliding window: at most ``limit`` accepted messages in ``window`` seconds; what is dropped
    is not counted, so a user who keeps sending is let through again as the window slides."""

    limit: int
    window: float
    sweep_every: int = 1000  # checks between sweeps of users whose window has passed: memory stays bounded
    _seen: dict[int, list[float]] = field(default_factory=dict)
    _warned: set[int] = field(default_factory=set)
    _checks: int = 0

    def check(self, user_id: int, now: float) -> str:
        """"ok", "warn" (first message over the limit) or "drop" (silence until the window passes)."""
        self._checks += 1
        if self._checks % self.sweep_every == 0:
            self._sweep(now)
        stamps = [t for t in self._seen.get(user_id, ()) if now - t < self.window]
        self._seen[user_id] = stamps  # only accepted messages are kept: a dropped one does not extend the
        if len(stamps) < self.limit:  # window, and a user who never stops holds at most `limit` stamps
            stamps.append(now)
            self._warned.discard(user_id)
            return "ok"
        if user_id in self._warned:
            return "drop"
        self._warned.add(user_id)
        return "warn"

    def tracked(self) -> int:
        """Users with messages still in their window (or not yet swept)."""
        return len(self._seen)

    def _sweep(self, now: float) -> None:
        """Forget users whose every message has left the window: they would be "ok" anyway."""
        for user_id in [u for u, stamps in self._seen.items() if not stamps or now - stamps[-1] >= self.window]:
            del self._seen[user_id]
            self._warned.discard(user_id)

    def retry_after(self, user_id: int, now: float) -> int:
        """Seconds until a message from this user is accepted again (if they stop sending meanwhile)."""
        stamps = self._seen.get(user_id) or [now]
        # the next message is "ok" once at most limit - 1 stamps remain in the window:
        # when the limit-th newest one has expired, not merely the oldest
        oldest_to_expire = stamps[-self.limit] if len(stamps) >= self.limit else stamps[0]
        return max(1, int(self.window - (now - oldest_to_expire)) + 1)


@dataclass
class Services:
    holder: EngineHolder
    storage: Storage
    admins: frozenset[int]
    flood: FloodGate
    started_at: float
    counters: dict[str, int] = field(default_factory=dict)  # since start: asked, answered, suggested, declined
    conversations: Conversations = field(default_factory=Conversations)  # follow-up context per chat and user
    # called as soon as Telegram accepted an answer: the update's effect is done, never to be repeated
    # after a crash (bot/delivery.py marks it handled there and then, not when every handler has finished)
    replied: Callable[[], None] = lambda: None
    workspace: Workspace | None = None  # editing the base from Telegram; None: not configured
    workers: Executor | None = None  # the bounded pool answers are computed in (None: asyncio's default)
    # tells the other replicas a new base was loaded here (its content hash); a no-op for a single bot
    announce: Callable[[str], None] = lambda content_hash: None
    replica: str = ""  # this replica's name in /about ("" for a single bot)


T = TypeVar("T")


async def off_loop(found: Services, call: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """``call(*args, **kwargs)`` in the answer pool: the event loop goes on serving other chats meanwhile."""
    return await asyncio.get_running_loop().run_in_executor(found.workers, functools.partial(call, *args, **kwargs))


class BotData:
    """The application's typed ``bot_data`` (PTB's ``ContextTypes``): the services every handler uses and the
    inline mode's state — attributes with types, not keys of a dict."""

    def __init__(self) -> None:
        self._services: Services | None = None
        self.inline: Any = None  # handlers/inline.py's InlineState, made on first use
        self.sync: Any = None  # bot/replicas.py's BaseSync when replicas share a PostgreSQL store

    @property
    def services(self) -> Services:
        if self._services is None:
            raise RuntimeError("the application was built without its services (bot/app.py)")
        return self._services

    @services.setter
    def services(self, found: Services) -> None:
        self._services = found

    @property
    def ready(self) -> bool:
        return self._services is not None


BotContext = CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], BotData]
CONTEXT_TYPES = ContextTypes(bot_data=BotData)


def services(context: BotContext) -> Services:
    return context.bot_data.services
