"""bot/safe_storage.py: a failing store (disk full, locked, broken) costs statistics, never an answer.

Unit tests on the wrapper, then the real Application against the fake Bot API with its real SQLite
store made full (``max_page_count``) or locked by another connection.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from typing import Any

import pytest
from conftest import StartBot
from fakebotapi import DEFAULT_USER_ID

from bot.safe_storage import SafeStorage
from bot.storage import SqliteStorage, StorageError
from handlers.guards import APOLOGY

TRADE_2023 = "Какой товарооборот был в 2023 году?"
TRADE_2023_WORDS = "4,4 миллиарда долларов"
TRADE_2023_EN = "4.4 billion"


class Broken:
    """A store where everything fails."""

    def __getattr__(self, name: str) -> Any:
        def fail(*args: Any, **kwargs: Any) -> Any:
            raise sqlite3.OperationalError("disk I/O error")
        return fail


def test_every_failure_is_contained_and_logged_at_most_once_a_minute(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING)
    store = SafeStorage(Broken())
    for _ in range(5):
        store.record(question="q", kind="answer", answered=True, chat_type="private", latency_ms=1.0)
    store.set_language(1, "en")
    assert store.get_language(1) == "en"  # applies at once, from memory
    assert store.get_language(2) is None
    assert store.top_facts() == []
    with pytest.raises(StorageError):
        store.stats()
    with pytest.raises(StorageError):
        store.unanswered()
    assert store.journal(1, "{}") is False and store.is_handled(1) is False and store.unhandled() == []
    store.mark_handled(1)
    store.close()
    assert store.failures >= 10  # the journal calls after the first failure are not even tried (paused)
    logged = [r for r in caplog.records if "storage failed" in r.getMessage()]
    assert len(logged) == 1 and "disk I/O error" in logged[0].getMessage()


def test_writes_are_kept_in_order_and_reads_see_them(tmp_path: Any) -> None:
    store = SafeStorage(SqliteStorage(tmp_path / "s.sqlite3"))
    for n in range(50):
        store.record(question=f"q{n}", kind="decline", answered=False, chat_type="private", latency_ms=1.0)
    store.set_language(7, "ru")
    store.set_language(7, "en")
    assert store.stats()["overall"]["questions"] == 50  # read after the writes before it
    assert store.unanswered(1)[0]["text"] == "q49"
    store.close()
    with SqliteStorage(tmp_path / "s.sqlite3") as again:
        assert again.get_language(7) == "en"


def test_a_backlog_past_its_bound_drops_writes_instead_of_growing() -> None:
    class Slow:
        def record(self, **_: Any) -> None:
            time.sleep(0.05)

    store = SafeStorage(Slow(), max_backlog=3)
    for _ in range(20):
        store.record(question="q", kind="answer", answered=True, chat_type="private", latency_ms=1.0)
    assert store.failures >= 15  # the rest dropped, counted, and the caller never waited
    store.close()


# --------------------------------------------------------------------------- the running bot


def fill_up(store: SqliteStorage) -> None:
    """What a full disk looks like to SQLite: SQLITE_FULL on the next page it needs."""
    conn = store._connection()
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(sqlite3.OperationalError, match="full"):
        for n in range(10_000):
            conn.execute("INSERT INTO questions (ts, chat_type, kind, answered, question) VALUES (0, 'x', 'x', 0, ?)",
                         ("x" * 1000 + str(n),))


async def test_a_full_disk_costs_stats_and_nothing_else(start_bot: StartBot) -> None:
    bot = await start_bot()
    inner = bot.services.storage.inner  # type: ignore[attr-defined]
    assert isinstance(inner, SqliteStorage)
    fill_up(inner)
    for _ in range(3):
        [answer] = await bot.ask(bot.api.private_message(TRADE_2023))
        assert TRADE_2023_WORDS in answer.params["text"]
    [done] = await bot.ask(bot.api.private_message("/language en"))
    assert "English" in done.params["text"]
    [english] = await bot.ask(bot.api.private_message(TRADE_2023))
    assert TRADE_2023_EN in english.params["text"]  # the setting applies although it could not be stored
    assert all(APOLOGY not in c.params["text"] for c in bot.sent(DEFAULT_USER_ID))
    logged = [r for r in bot.caplog.records if "storage failed" in r.getMessage()]
    assert len(logged) == 1  # once, not once per answer
    assert not bot.handler_errors()


async def test_a_locked_database_never_delays_an_answer(start_bot: StartBot) -> None:
    bot = await start_bot()
    locker = sqlite3.connect(bot.config.storage_path, timeout=0.1, isolation_level=None)
    locker.execute("BEGIN EXCLUSIVE")  # another process holds the database
    try:
        started = time.monotonic()
        for _ in range(3):
            [answer] = await bot.ask(bot.api.private_message(TRADE_2023))
            assert TRADE_2023_WORDS in answer.params["text"]
        [done] = await bot.ask(bot.api.private_message("/language en"))
        assert "English" in done.params["text"]
        assert time.monotonic() - started < 3  # each write waits 5 s for the lock: not on the answer's path
    finally:
        locker.execute("ROLLBACK")
        locker.close()
    assert all(APOLOGY not in c.params["text"] for c in bot.sent(DEFAULT_USER_ID))


async def test_stats_say_the_store_is_down_when_it_cannot_be_read(start_bot: StartBot,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    bot = await start_bot()
    monkeypatch.setattr(bot.services.storage, "inner", Broken())
    [reply] = await bot.ask(bot.api.private_message("/stats", user_id=bot.admin_id))
    assert reply.params["text"].startswith("Хранилище статистики сейчас недоступно")
    [answer] = await bot.ask(bot.api.private_message(TRADE_2023))
    assert TRADE_2023_WORDS in answer.params["text"]
