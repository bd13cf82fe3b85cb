"""Conversation context: what the last answer was about, so «а в 2022?» can continue it.

The engine returns a Context with every answer; a front end keeps the latest one
per conversation (``Conversations``) and hands it back with the next question.
Contexts expire: a follow-up refers to what was said minutes ago, not yesterday.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass

from knowledge.search.query import Query

DEFAULT_TTL = 600.0  # seconds: the 10 minutes; the bot's config overrides it
MAX_CONVERSATIONS = 50_000  # the oldest are forgotten first: memory stays bounded on a busy bot


@dataclass(frozen=True, slots=True)
class Context:
    """The last question as understood (after any follow-up merge) and the facts the reply showed."""

    query: Query
    facts: tuple[str, ...]  # fact ids the last reply asserted, in reply order
    answered: bool
    shown: tuple[str, ...] = ()  # fact ids the last reply showed, asserted or not («подробнее» after a partial)
    lang: str = "ru"  # the language the last question was read in: only one in the same language is merged


class Conversations:
    """The latest Context per conversation key, forgotten after ``ttl`` seconds."""

    def __init__(self, *, ttl: float = DEFAULT_TTL, clock: Callable[[], float] = time.monotonic,
                 max_size: int = MAX_CONVERSATIONS) -> None:
        self.ttl = ttl
        self._clock = clock
        self._max_size = max(1, max_size)
        self._items: OrderedDict[Hashable, tuple[float, Context]] = OrderedDict()

    def get(self, key: Hashable) -> Context | None:
        found = self._items.get(key)
        if found is None:
            return None
        stamp, context = found
        if self._clock() - stamp > self.ttl:
            del self._items[key]
            return None
        return context

    def put(self, key: Hashable, context: Context | None) -> None:
        """Remember a context (None forgets the conversation)."""
        if context is None:
            self._items.pop(key, None)
            return
        self._items[key] = (self._clock(), context)
        self._items.move_to_end(key)
        while len(self._items) > self._max_size:
            self._items.popitem(last=False)

    def reset(self, key: Hashable) -> None:
        self._items.pop(key, None)

    def __len__(self) -> int:
        return len(self._items)
