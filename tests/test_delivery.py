"""bot/delivery.py: no update lost in a crash, none answered twice, no chat stalled by another.

The journal on SqliteStorage directly; the rest with the real Application against the fake Bot API
(127.0.0.1), and a real ``factbot run`` killed with SIGKILL in the middle of a burst.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from conftest import RunningBot, StartBot
from fakebotapi import DEFAULT_USER_ID, FakeBotApi

from bot.delivery import OrderedProcessor, chat_key
from bot.storage import MAX_REPLAYS, SqliteStorage
from knowledge.engine import Engine

REPO = Path(__file__).resolve().parents[1]
TRADE_2023 = "Какой товарооборот был в 2023 году?"
IN_FLIGHT_SECONDS = 0.1  # a send accepted this recently may not have reached the bot's loop yet
TRADE_2023_WORDS = "4,4 миллиарда долларов"
RELATIONS = "Когда установлены дипломатические отношения?"
RELATIONS_WORDS = "4 апреля 1992 года"
OTHER_USER = 222222222


# --------------------------------------------------------------------------- the journal


def test_a_journalled_update_is_unhandled_until_marked(tmp_path: Path) -> None:
    with SqliteStorage(tmp_path / "s.sqlite3") as store:
        store.journal(7, '{"update_id": 7}')
        store.journal(5, '{"update_id": 5}')
        assert not store.is_handled(7)
        assert store.unhandled() == [(5, '{"update_id": 5}'), (7, '{"update_id": 7}')]
        store.mark_handled(5)
        assert store.is_handled(5) and store.unhandled() == [(7, '{"update_id": 7}')]
        store.journal(5, '{"update_id": 5, "again": true}')  # delivered again: still handled
        assert store.is_handled(5)
    with SqliteStorage(tmp_path / "s.sqlite3") as store:  # it survives a restart
        assert store.is_handled(5) and [u for u, _ in store.unhandled()] == [7]


def test_an_update_that_keeps_crashing_the_bot_is_given_up(tmp_path: Path) -> None:
    with SqliteStorage(tmp_path / "s.sqlite3") as store:
        store.journal(1, "{}")
        for _ in range(MAX_REPLAYS):
            assert [u for u, _ in store.unhandled()] == [1]  # each start replays it once more
        assert store.unhandled() == [] and store.is_handled(1)


def test_old_handled_updates_are_forgotten(tmp_path: Path) -> None:
    with SqliteStorage(tmp_path / "s.sqlite3") as store:
        store.mark_handled(1)
        store.journal(2, "{}")
        assert store.forget_handled(time.time() + 1) == 1
        assert not store.is_handled(1) and [u for u, _ in store.unhandled()] == [2]


def test_chat_keys_order_a_chat_and_leave_inline_queries_free(botapi: FakeBotApi) -> None:
    from telegram import Bot, Update

    bot = Bot(botapi.token)
    message = Update.de_json({"update_id": 1, **botapi.private_message("x")}, bot)
    group = Update.de_json({"update_id": 2, **botapi.group_message("/ask x")}, bot)
    inline = Update.de_json({"update_id": 3, **botapi.inline_query("x")}, bot)
    assert chat_key(message) == DEFAULT_USER_ID and chat_key(group) == group.effective_chat.id
    assert chat_key(inline) is None and chat_key(object()) is None


# --------------------------------------------------------------------------- the running bot


def sent_to(bot: RunningBot, chat_id: int) -> list[str]:
    return [c.params["text"] for c in bot.sent(chat_id)]


async def test_an_update_delivered_twice_is_answered_once(start_bot: StartBot) -> None:
    bot = await start_bot()
    first = bot.api.push_update(bot.api.private_message(TRADE_2023))
    await bot.barrier()
    bot.api.push_update(first)  # Telegram delivers it again (after a crash, a webhook retried)
    twice = bot.api.private_message(RELATIONS, user_id=OTHER_USER)
    twice["update_id"] = first["update_id"] + 1000
    bot.api.push_updates([twice, twice])  # two copies in one batch: one is in flight when the other comes
    await bot.barrier()
    assert len(sent_to(bot, DEFAULT_USER_ID)) == 1 and len(sent_to(bot, OTHER_USER)) == 1
    processor = bot.app.update_processor
    assert isinstance(processor, OrderedProcessor) and processor.skipped == 2


async def test_a_stuck_reload_stalls_no_other_chat(start_bot: StartBot, monkeypatch: pytest.MonkeyPatch) -> None:
    bot = await start_bot()
    release = threading.Event()
    reload = bot.services.holder.reload

    def stuck() -> Any:
        release.wait(10)
        return reload()

    monkeypatch.setattr(bot.services.holder, "reload", stuck)
    bot.api.push_update(bot.api.private_message("/reload", user_id=bot.admin_id))
    started = time.monotonic()
    bot.api.push_update(bot.api.private_message(TRADE_2023, user_id=OTHER_USER))
    [answer] = await bot.api.wait_for_async("sendMessage", timeout=5,
                                            where=lambda c: c.params.get("chat_id") == OTHER_USER)
    assert TRADE_2023_WORDS in answer.params["text"] and time.monotonic() - started < 3
    assert sent_to(bot, bot.admin_id) == []  # the reload is still running
    release.set()
    await bot.barrier()
    [done] = sent_to(bot, bot.admin_id)
    assert done.startswith("Загружено")


async def test_updates_that_arrive_together_are_kept_in_one_write_before_they_are_confirmed(
        start_bot: StartBot, monkeypatch: pytest.MonkeyPatch) -> None:
    bot = await start_bot()
    store = bot.services.storage
    writes: list[list[int]] = []
    written: dict[int, float] = {}  # update id -> when its write was over
    journal_many = store.journal_many

    def slow_write(updates: list[tuple[int, str]]) -> bool:
        time.sleep(0.3)  # a slow disk: Telegram must not hear the batch arrived before it is on it
        kept = journal_many(updates)
        writes.append([update_id for update_id, _ in updates])
        written.update((update_id, time.monotonic()) for update_id, _ in updates)
        return kept

    monkeypatch.setattr(store, "journal_many", slow_write)
    users = [700_000_000 + n for n in range(40)]
    pushed = bot.api.push_updates([bot.api.private_message(TRADE_2023, user_id=user) for user in users])
    await bot.barrier()
    ids = [update["update_id"] for update in pushed]
    assert sorted(u for write in writes for u in write) == ids  # each kept once ...
    assert len(writes) <= 3  # ... in a write or two for the batch, not one per update
    # the getUpdates that confirmed them (its offset past the last) came after the write that kept the last
    confirming = [c for c in bot.api.calls("getUpdates") if int(c.params.get("offset") or 0) > ids[-1]]
    assert confirming and confirming[0].time >= max(written.values())
    assert {user for user in users if sent_to(bot, user)} == set(users)


async def test_a_newcomers_start_is_not_queued_behind_questions(start_bot: StartBot,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    bot = await start_bot(concurrent_updates=2)
    release = threading.Event()
    answer = Engine.answer

    def stuck(self: Engine, *args: Any, **kwargs: Any) -> Any:
        release.wait(10)  # every slot is taken by a question that does not finish
        return answer(self, *args, **kwargs)

    monkeypatch.setattr(Engine, "answer", stuck)
    try:
        bot.api.push_updates([bot.api.private_message(TRADE_2023, user_id=700_000_100 + n) for n in range(6)])
        bot.api.push_update(bot.api.private_message("/start", user_id=OTHER_USER))
        [hello] = await bot.api.wait_for_async("sendMessage", timeout=5,
                                               where=lambda c: c.params.get("chat_id") == OTHER_USER)
        assert not [c for c in bot.sent() if c.params.get("chat_id") != OTHER_USER]  # the questions still wait
        # a chat's own order holds: its /start after its question waits for that question
        bot.api.push_update(bot.api.private_message("/start", user_id=700_000_100))
        await asyncio.sleep(0.3)
        assert sent_to(bot, 700_000_100) == []
    finally:
        release.set()
    await bot.barrier()
    first, second = sent_to(bot, 700_000_100)
    assert TRADE_2023_WORDS in first and second == hello.params["text"]


async def test_one_chat_is_answered_in_order(start_bot: StartBot, bundled_engine: Engine,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    bot = await start_bot()
    answer = Engine.answer
    slow_once = [True]

    def first_slow(self: Engine, *args: Any, **kwargs: Any) -> Any:
        if slow_once.pop() if slow_once else False:
            time.sleep(0.5)  # the follow-up is fetched meanwhile; it must wait for this answer
        return answer(self, *args, **kwargs)

    monkeypatch.setattr(Engine, "answer", first_slow)  # on the class: an instance attribute would outlive the test
    bot.api.push_updates([bot.api.private_message(TRADE_2023), bot.api.private_message("а в 2022?")])
    await bot.barrier()
    first, follow_up = sent_to(bot, DEFAULT_USER_ID)
    assert TRADE_2023_WORDS in first
    assert "2022" in follow_up and "24%" in follow_up  # continues the first answer: the 2022 trade


async def test_stop_waits_a_few_seconds_for_a_stuck_handler_and_it_is_replayed_next_time(
        start_bot: StartBot, monkeypatch: pytest.MonkeyPatch) -> None:
    bot = await start_bot()
    bot.allow_errors = True
    never = threading.Event()
    monkeypatch.setattr(bot.services.holder, "reload", lambda: never.wait(30))
    stuck = bot.api.push_update(bot.api.private_message("/reload", user_id=bot.admin_id))
    await bot.api.wait_for_async("getUpdates", where=lambda c: int(c.params.get("offset", 0)) > stuck["update_id"])
    await asyncio.sleep(0.2)
    started = time.monotonic()
    await bot.app.updater.stop()
    await bot.app.stop()
    assert time.monotonic() - started < 6
    journal = SqliteStorage(bot.config.storage_path)
    try:
        assert [u for u, _ in journal.unhandled()] == [stuck["update_id"]]  # kept for the next start
    finally:
        journal.close()
    never.set()


async def test_updates_journalled_before_a_crash_are_answered_at_the_next_start(
        start_bot: StartBot, botapi: FakeBotApi, bot_config: Any) -> None:
    lost = {"update_id": 90_001, **botapi.private_message(TRADE_2023, user_id=OTHER_USER)}
    with SqliteStorage(bot_config.storage_path) as store:  # what a killed process left behind
        store.journal(lost["update_id"], json.dumps(lost))
    bot = await start_bot(menus=True)  # post_init replays
    await bot.barrier()
    [answer] = sent_to(bot, OTHER_USER)
    assert TRADE_2023_WORDS in answer
    assert botapi.pending_updates() == []  # it never came from Telegram again


# --------------------------------------------------------------------------- kill -9 in a burst


def _config(api: FakeBotApi, tmp_path: Path) -> Path:
    path = tmp_path / "config.yaml"
    path.write_text(
        f'telegram:\n  token: "{api.token}"\n  base_url: "{api.base_url}"\n  base_file_url: "{api.base_file_url}"\n'
        "admins: [424242]\nstorage:\n  path: state/s.sqlite3\nlogging:\n  level: INFO\n", encoding="utf-8")
    path.chmod(0o600)
    return path


def _start(tmp_path: Path, config: Path, run: int) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if k not in ("TELEGRAM_BOT_TOKEN", "FACTBOT_CONFIG")}
    env.update(PYTHONPATH=str(REPO), XDG_CACHE_HOME=str(tmp_path / "cache"), NO_PROXY="127.0.0.1,localhost",
               no_proxy="127.0.0.1,localhost")
    with (tmp_path / f"stderr{run}.txt").open("wb") as stderr:
        return subprocess.Popen([sys.executable, "-m", "bot", "run", "--config", str(config)], cwd=tmp_path,
                                env=env, stdout=subprocess.DEVNULL, stderr=stderr, stdin=subprocess.DEVNULL)


def test_kill_9_in_a_burst_loses_no_question_and_repeats_at_most_a_send_in_flight(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("NO_PROXY", "no_proxy"):
        monkeypatch.setenv(name, "127.0.0.1,localhost")
    users = [500_000_000 + n for n in range(90)]
    with FakeBotApi(long_poll_cap=0.5) as api:
        config = _config(api, tmp_path)
        process = _start(tmp_path, config, 1)
        try:
            api.wait_for("getUpdates", timeout=20)
            api.push_updates(api.private_message(TRADE_2023, user_id=user) for user in users)
            api.wait_for("sendMessage", 15, timeout=20)  # the rate limiter: ~30 answers a second
            deadline = time.monotonic() + 10
            while api.pending_updates() and time.monotonic() < deadline:  # every update confirmed to "Telegram"
                time.sleep(0.01)
            api.wait_for("sendMessage", 45, timeout=20)  # answers sent well before the kill, and some just before
            killed = time.monotonic()
            process.send_signal(signal.SIGKILL)
            process.wait(10)
            before = len(api.calls("sendMessage"))
            first_sent = {c.params["chat_id"]: c.time for c in api.calls("sendMessage") if c.ok}
            assert api.pending_updates() == [] and before < len(users)  # the unanswered: in the journal only
            process = _start(tmp_path, config, 2)
            api.wait_for("sendMessage", len(users), timeout=30)
            time.sleep(0.5)  # nothing more comes
        finally:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                process.wait(10)
        answered = Counter(c.params["chat_id"] for c in api.calls("sendMessage") if c.ok)
    assert not [u for u in users if answered[u] == 0], (tmp_path / "stderr2.txt").read_text()[-2000:]
    # Once Telegram has accepted an answer the update is marked handled at once; only a send in flight at the
    # instant of the kill (accepted by the Bot API, its response not yet read by the bot) can be repeated: the
    # Bot API has no idempotency key. Without the journal's handled marks, all of the first run's answers
    # would repeat, those accepted long before the kill among them.
    repeated = [u for u in users if answered[u] > 1]
    settled = [u for u, at in first_sent.items() if killed - at > IN_FLIGHT_SECONDS]
    assert len(settled) >= 10
    assert not [u for u in repeated if u in settled]


async def test_shutting_down_ends_the_journal_and_settings_threads(start_bot: StartBot) -> None:
    """Each Application's own threads end with it: a process that builds bots again and again (tests, a
    supervisor restarting one) does not collect idle threads."""
    from bot.app import post_shutdown
    from bot.persistence import StorePersistence

    bot = await start_bot()
    bot.api.push_update(bot.api.private_message(RELATIONS))
    await bot.barrier()
    processor, persistence = bot.app.update_processor, bot.app.persistence
    assert isinstance(processor, OrderedProcessor) and isinstance(persistence, StorePersistence)
    executors = [*processor.journal.threads(), persistence.reads]
    threads = [t for pool in executors for t in list(pool._threads)]
    assert threads, "the journal wrote nothing"
    await bot.app.updater.stop()
    await bot.app.stop()
    await bot.app.shutdown()
    await post_shutdown(bot.app)
    for thread in threads:
        thread.join(timeout=5)
    assert not [t.name for t in threads if t.is_alive()]
