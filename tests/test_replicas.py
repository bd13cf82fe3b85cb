"""Replicas sharing one PostgreSQL store (issue #16.5): a new base loaded on one reaches the others
(LISTEN/NOTIFY, and the hash kept in the store for a replica that missed the notification)."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest
from test_bot_admin import edit_base

from bot.pg_storage import PostgresStorage
from bot.replicas import BaseSync
from knowledge import Engine, EngineHolder

pytestmark = pytest.mark.postgres


def _holder(kb: Path) -> EngineHolder:
    return EngineHolder(Engine.from_path(kb), path=kb)


def _sync(url: str, holder: EngineHolder) -> BaseSync:
    return BaseSync(url, current=lambda: holder.engine.base.content_hash, reload=holder.reload, check_every=0.3)


def _until(condition: Callable[[], bool], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def test_a_reload_on_one_replica_reaches_the_other(pg_url: str, kb_copy: Path) -> None:
    PostgresStorage(pg_url).close()  # the store's schema, as the bot creates it at start
    first, second = _holder(kb_copy), _holder(kb_copy)
    follower = _sync(pg_url, second)
    follower.start()
    try:
        edit_base(kb_copy)
        assert first.reload().ok
        new = first.engine.base.content_hash
        assert second.engine.base.content_hash != new
        _sync(pg_url, first).announce(new)
        assert _until(lambda: second.engine.base.content_hash == new, 5.0)  # issue #16.5: within 5 s
        assert follower.reloads == 1
    finally:
        follower.stop()


def test_a_replica_that_missed_the_notification_catches_up_from_the_store(pg_url: str, kb_copy: Path) -> None:
    PostgresStorage(pg_url).close()
    first, second = _holder(kb_copy), _holder(kb_copy)
    edit_base(kb_copy)
    assert first.reload().ok
    _sync(pg_url, first).announce(first.engine.base.content_hash)  # nobody listens yet
    late = _sync(pg_url, second)
    late.start()
    try:
        assert _until(lambda: second.engine.base.content_hash == first.engine.base.content_hash, 5.0)
    finally:
        late.stop()


def test_an_announcement_with_the_store_down_costs_nothing(kb_copy: Path) -> None:
    holder = _holder(kb_copy)
    BaseSync("postgresql://nobody@127.0.0.1:1/none", current=lambda: "", reload=holder.reload).announce("x")
