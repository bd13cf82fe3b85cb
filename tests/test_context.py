"""Conversations: the latest context per conversation, forgotten after its time to live."""

from __future__ import annotations

from knowledge.engine import Engine
from knowledge.search.context import Context, Conversations


def make(engine: Engine, question: str) -> Context:
    context = engine.answer(question).context
    assert context is not None
    return context


def test_a_context_is_kept_until_it_expires(bundled_engine: Engine) -> None:
    now = [0.0]
    store = Conversations(ttl=600, clock=lambda: now[0])
    context = make(bundled_engine, "товарооборот в 2023")
    store.put((1, 2), context)
    now[0] = 599.0
    assert store.get((1, 2)) is context
    now[0] = 601.0
    assert store.get((1, 2)) is None
    assert len(store) == 0  # expired entries are dropped, not kept forever


def test_keys_are_separate_and_reset_forgets(bundled_engine: Engine) -> None:
    store = Conversations()
    store.put((1, 2), make(bundled_engine, "товарооборот в 2023"))
    assert store.get((1, 3)) is None
    store.reset((1, 2))
    assert store.get((1, 2)) is None
    store.put((1, 2), None)  # None forgets, too
    assert store.get((1, 2)) is None


def test_memory_is_bounded(bundled_engine: Engine) -> None:
    store = Conversations(max_size=3)
    context = make(bundled_engine, "товарооборот в 2023")
    for key in range(10):
        store.put(key, context)
    assert len(store) == 3 and store.get(0) is None and store.get(9) is context
