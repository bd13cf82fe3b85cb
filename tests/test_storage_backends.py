"""One store, two backends (issue #16.4): the same storage tests against SQLite and against a real
PostgreSQL server (marker ``postgres``: started by the tests, never skipped in CI); replicas sharing one
PostgreSQL database; a database that goes away mid-run costs statistics, never answers."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from pgserver import TempPostgres

from bot.safe_storage import SafeStorage
from bot.storage import MAX_REPLAYS, SqliteStorage, StorageError

Opener = Callable[[], Any]


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def opener(request: pytest.FixtureRequest, tmp_path: Path) -> Opener:
    """Opens the store under test (again, for «after a restart»)."""
    if request.param == "sqlite":
        return lambda: SqliteStorage(tmp_path / "s.sqlite3")
    from bot.pg_storage import PostgresStorage
    url = request.getfixturevalue("pg_url")
    return lambda: PostgresStorage(url)


@pytest.fixture
def store(opener: Opener) -> Iterator[Any]:
    opened = opener()
    yield opened
    opened.close()


def put(store: Any, question: str = "q", kind: str = "answer", latency: float = 10.0, facts: tuple[str, ...] = ()
        ) -> None:
    store.record(question=question, kind=kind, answered=kind == "answer", chat_type="private", latency_ms=latency,
                 facts=facts)


def test_stats_windows_medians_and_top_declined(store: Any, opener: Opener) -> None:
    assert store.stats()["overall"]["questions"] == 0 and store.stats()["overall"]["median_latency_ms"] is None
    for latency, kind, text in ((10, "answer", "a"), (30, "decline", "Какая погода?"), (20, "suggest", "b"),
                                (40, "decline", "какая  погода?")):
        put(store, text, kind, latency)
    overall = store.stats()["overall"]
    assert (overall["questions"], overall["answered"], overall["suggested"], overall["declined"]) == (4, 1, 1, 2)
    assert overall["median_latency_ms"] == 25.0
    assert overall["top_declined"] == [{"question": "какая погода?", "count": 2}]
    store.close()
    again = opener()  # a restart: the new process's window starts empty, the overall one keeps everything
    try:
        put(again, "c")
        stats = again.stats()
        assert stats["overall"]["questions"] == 5 and stats["since_start"]["questions"] == 1
    finally:
        again.close()


def test_unanswered_and_top_facts(store: Any) -> None:
    put(store, "one", "decline")
    put(store, "two", "answer", facts=("f1", "f2"))
    put(store, "three", "partial")
    put(store, "four", "answer", facts=("f2",))
    put(store, "five", "suggest", facts=("f3",))  # a suggestion not taken is no fact asked for
    assert [row["text"] for row in store.unanswered(10)] == ["five", "three", "one"]
    assert store.unanswered(0) == []
    assert store.top_facts(5) == [("f2", 2), ("f1", 1)]


def test_languages_are_kept_per_user_across_restarts(store: Any, opener: Opener) -> None:
    assert store.get_language(7) is None
    store.set_language(7, "en")
    store.set_language(2**40, "ru")  # Telegram ids beyond 32 bits fit
    with pytest.raises(ValueError):
        store.set_language(7, "de")
    store.close()
    again = opener()
    try:
        assert (again.get_language(7), again.get_language(2**40)) == ("en", "ru")
    finally:
        again.close()


def test_the_update_journal(store: Any) -> None:
    store.journal(1, '{"update_id": 1}')
    store.journal(1, '{"update_id": 1, "again": true}')  # a retry keeps the first row
    store.journal(2, '{"update_id": 2}')
    assert not store.is_handled(1)
    store.mark_handled(2)
    assert store.is_handled(2)
    assert store.unhandled() == [(1, '{"update_id": 1}')]
    for _ in range(MAX_REPLAYS - 1):
        store.unhandled()
    assert store.unhandled() == []  # replayed MAX_REPLAYS times: given up, never a crash loop
    assert store.is_handled(1)
    assert store.forget_handled(time.time() + 1) == 2


def test_updates_kept_together_are_each_kept_once(store: Any) -> None:
    store.journal(1, '{"update_id": 1}')
    store.mark_handled(3)  # marked handled before its batch was written: it stays handled
    store.claim(4, "here", 60)  # claimed before its batch was written (long polling): still replayed
    store.journal_many([(1, '{"update_id": 1, "again": true}'), (2, '{"update_id": 2}'), (3, '{"update_id": 3}'),
                        (4, '{"update_id": 4}')])
    assert store.unhandled() == [(1, '{"update_id": 1}'), (2, '{"update_id": 2}'), (4, '{"update_id": 4}')]
    assert store.is_handled(3)


def test_concurrent_writers_lose_nothing(store: Any) -> None:
    def write(n: int) -> None:
        for i in range(25):
            put(store, f"q{n}-{i}", facts=(f"f{n}",))

    threads = [threading.Thread(target=write, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert store.stats()["overall"]["questions"] == 200
    assert sorted(count for _, count in store.top_facts(10)) == [25] * 8


def test_reopening_migrates_nothing_twice_and_a_newer_schema_is_refused(store: Any, opener: Opener,
                                                                         tmp_path: Path) -> None:
    put(store, "kept")
    store.close()
    again = opener()  # the migrations are versioned: opening again changes nothing and keeps every row
    try:
        assert again.stats()["overall"]["questions"] == 1
        if isinstance(again, SqliteStorage):
            import sqlite3
            with sqlite3.connect(tmp_path / "s.sqlite3") as conn:
                conn.execute("PRAGMA user_version = 99")
        else:
            with again._tx() as cur:
                cur.execute("UPDATE factbot_schema SET version = 99")
    finally:
        again.close()
    with pytest.raises(StorageError, match="newer"):
        opener()


# ---- PostgreSQL only: replicas, and the server going away ---------------------------------------------


@pytest.mark.postgres
def test_two_replicas_share_stats_settings_and_which_updates_are_handled(pg_url: str) -> None:
    from bot.pg_storage import PostgresStorage
    first, second = PostgresStorage(pg_url), PostgresStorage(pg_url)
    try:
        put(first, "on the first replica")
        second.set_language(5, "en")
        first.journal(42, "{}")
        second.mark_handled(42)  # a retried webhook update answered on the other replica: not again here
        assert second.stats()["overall"]["questions"] == 1
        assert first.get_language(5) == "en" and first.is_handled(42)
    finally:
        first.close()
        second.close()


@pytest.mark.postgres
def test_a_database_that_goes_away_costs_stats_never_answers(pg_server: TempPostgres, pg_url: str) -> None:
    from bot.pg_storage import PostgresStorage
    inner = PostgresStorage(pg_url, timeout=1.0)
    store = SafeStorage(inner, log_every=0.0)
    try:
        put(store, "before")
        pg_server.stop()
        put(store, "while down")  # fails soft: logged, counted, never raised to the handler
        assert store.get_language(9) is None  # a read fails soft too: the default language
        store.set_language(9, "en")
        assert store.get_language(9) == "en"  # kept in memory meanwhile
        deadline = time.monotonic() + 10
        while store.failures == 0 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert store.failures >= 1
        pg_server.start()
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:  # the pool reconnects by itself
            put(store, "after")
            try:
                if inner.stats()["overall"]["questions"] >= 2:
                    break
            except StorageError:
                pass
            time.sleep(0.2)
        assert inner.stats()["overall"]["questions"] >= 2  # "before" and at least one "after": reconnected
    finally:
        store.close()


@pytest.mark.postgres
async def test_the_bot_on_postgresql_end_to_end(start_bot: Any, pg_url: str) -> None:
    bot = await start_bot(storage_url=pg_url)
    [answer] = await bot.ask(bot.api.private_message("Какой товарооборот был в 2023 году?"))
    assert "4,4" in answer.params["text"]
    [stats] = await bot.ask(bot.api.private_message("/stats", user_id=bot.admin_id))
    assert "вопросов 1, отвечено 1" in stats.params["text"]


def test_conversations_are_kept_for_another_replica_to_replay(store: Any) -> None:
    assert store.turns("1:2", 600) == []
    for n in range(7):
        store.save_turn("1:2", f"q{n}", "ru", None if n else "en")
    store.save_turn("3:4", "other", "en", "en")
    assert [q for q, _, _, _ in store.turns("1:2", 600)] == ["q2", "q3", "q4", "q5", "q6"]  # the last five
    assert store.turns("1:2", -1) == []  # older than the time-to-live: no conversation to continue
    store.reset_turns("1:2")
    assert store.turns("1:2", 600) == [] and store.turns("3:4", 600) == [("other", "en", "en", "")]


def test_a_claimed_update_is_not_taken_by_another_replica_until_its_lease_ends(store: Any) -> None:
    store.journal(5, "{}")
    assert store.claim(5, "a", 60)
    if isinstance(store, SqliteStorage):
        return  # one process per file: the claim is the handled check, tested below
    assert not store.claim(5, "b", 60)  # the other replica
    assert store.claim(5, "a", 60)  # the owner may take it again (a replay)
    assert store.claim(6, "b", -1) and store.claim(6, "a", 60)  # an expired lease passes on


def test_updates_are_claimed_together_and_a_claim_of_ours_is_renewed(store: Any) -> None:
    store.mark_handled(2)
    assert store.claim_many([1, 2, 3, 3], "a", 60) == {1, 3}  # a handled one is never claimed
    if store.claim(1, "b", 60):  # SQLite: one process owns the file, a claim is only "not handled"
        return
    assert store.claim_many([1, 4], "b", 60) == {4}  # another replica's lease holds
    assert store.claim_many([1], "a", -1) == {1}  # ours: renewed (here into the past, to end it) ...
    assert store.claim_many([1, 5], "b", 60) == {1, 5}  # ... so an ended lease passes on


def test_a_handled_update_is_never_claimed(store: Any) -> None:
    store.mark_handled(7)
    assert not store.claim(7, "a", 60)


@pytest.mark.postgres
def test_a_language_changed_on_another_replica_is_seen_here(pg_url: str) -> None:
    from bot.pg_storage import PostgresStorage
    first = SafeStorage(PostgresStorage(pg_url), shared=True, fresh=0.2)
    second = SafeStorage(PostgresStorage(pg_url), shared=True, fresh=0.2)
    try:
        first.set_language(11, "en")
        assert first.get_language(11) == "en"  # at once, before the write has landed
        first.flush()
        second.set_language(11, "ru")
        second.flush()
        time.sleep(0.3)  # past the time this replica trusts its own last choice
        assert first.get_language(11) == "ru"
    finally:
        first.close()
        second.close()


@pytest.mark.postgres
async def test_an_update_handled_longer_than_a_lease_stays_claimed_and_a_dead_replicas_passes_on_soon(
        pg_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import asyncio

    from bot import delivery
    from bot.pg_storage import PostgresStorage

    monkeypatch.setattr(delivery, "RENEW_SECONDS", 0.1)
    here, other = PostgresStorage(pg_url), PostgresStorage(pg_url)
    processor = delivery.OrderedProcessor(4, delivery.AsyncJournal(SafeStorage(here, shared=True), lease=0.4))
    await processor.initialize()
    try:
        async def slow() -> None:
            await asyncio.sleep(1.2)  # three leases long

        from telegram import Update
        update = Update(update_id=77)
        running = asyncio.create_task(processor.do_process_update(update, slow()))
        for _ in range(5):  # the other replica keeps trying all along: the renewed claim holds
            await asyncio.sleep(0.2)
            assert not other.claim(77, "other replica", 60)
        await running
        assert other.is_handled(77)
        # a replica that died holding an update (nobody renews it) gives it up after one lease
        assert here.claim(78, "a replica that died", 0.4) and not other.claim(78, "other replica", 60)
        await asyncio.sleep(0.5)
        assert other.claim(78, "other replica", 60)
    finally:
        await processor.shutdown()
        here.close()
        other.close()
