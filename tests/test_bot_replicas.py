"""Two replicas of the real bot in webhook mode behind one store (issue #16.5, #16.6): updates delivered to
one or the other, and twice; a follow-up answered by the other replica; a replica that goes away.

Both Applications run in this process against the fake Bot API; updates are POSTed to each replica's own
webhook server on 127.0.0.1, as nginx (deploy/nginx-factbot.conf) would pass them on."""

from __future__ import annotations

import asyncio
import itertools
import json
import socket
import time
import urllib.request
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from fakebotapi import FakeBotApi

from bot.app import build_application, post_shutdown
from bot.config import Config
from knowledge import Engine

pytestmark = [pytest.mark.postgres, pytest.mark.replicas]
SECRET = "replica-secret"
TRADE_2023 = "Какой товарооборот был в 2023 году?"
_IDS = itertools.count(5_000_000)


def _port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Replica:
    def __init__(self, app: Any, port: int) -> None:
        self.app, self.port = app, port

    async def deliver(self, update: dict[str, Any]) -> int:
        """POST the update as Telegram (through nginx) would; the HTTP status the replica answered."""
        update.setdefault("update_id", next(_IDS))

        def post() -> int:
            request = urllib.request.Request(f"http://127.0.0.1:{self.port}/telegram", json.dumps(update).encode(),
                                             {"Content-Type": "application/json",
                                              "X-Telegram-Bot-Api-Secret-Token": SECRET}, method="POST")
            opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
            with opener.open(request, timeout=10) as response:
                return int(response.status)
        return await asyncio.to_thread(post)

    async def stop(self) -> None:
        if self.app.updater.running:
            await self.app.updater.stop()
        if self.app.running:
            await self.app.stop()
            await self.app.shutdown()
            await post_shutdown(self.app)


@pytest.fixture
async def replicas(botapi: FakeBotApi, pg_url: str, kb_copy: Path, bundled_engine: Engine, tmp_path: Path,
                   monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Callable[[], Awaitable[Replica]]]:
    started: list[Replica] = []
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))

    async def start() -> Replica:
        port = _port()
        monkeypatch.setenv("FACTBOT_REPLICA", f"127.0.0.1:{port}")
        config = Config(token=botapi.token, base_url=botapi.base_url, base_file_url=botapi.base_file_url,
                        knowledge_path=kb_copy, storage_url=pg_url, storage_path=tmp_path / f"{port}.sqlite3")
        app = build_application(config, engine=bundled_engine, rate_limit=False)
        await app.initialize()
        await app.start()
        await app.updater.start_webhook(listen="127.0.0.1", port=port, url_path="telegram", secret_token=SECRET,
                                        webhook_url=f"https://127.0.0.1:{port}/telegram")
        replica = Replica(app, port)
        started.append(replica)
        return replica

    yield start
    for replica in started:
        await replica.stop()


async def _replies(api: FakeBotApi, chat: int, count: int, wait: float = 10.0) -> list[str]:
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        found = [m["text"] for m in api.sent_messages(chat)]
        if len(found) >= count:
            await asyncio.sleep(0.3)  # and nothing more arrives
            return [m["text"] for m in api.sent_messages(chat)]
        await asyncio.sleep(0.02)
    return [m["text"] for m in api.sent_messages(chat)]


async def test_a_follow_up_answered_by_the_other_replica_continues_the_conversation(
        replicas: Callable[[], Awaitable[Replica]], botapi: FakeBotApi) -> None:
    first, second = await replicas(), await replicas()
    user = 710_001
    assert await first.deliver(botapi.private_message(TRADE_2023, user_id=user)) == 200
    [answer] = await _replies(botapi, user, 1)
    assert "4,4" in answer
    assert await second.deliver(botapi.private_message("а в 2022?", user_id=user)) == 200
    replies = await _replies(botapi, user, 2)
    assert len(replies) == 2 and "2022" in replies[1] and "24%" in replies[1]


async def test_an_update_delivered_to_both_replicas_at_once_is_answered_once(
        replicas: Callable[[], Awaitable[Replica]], botapi: FakeBotApi) -> None:
    first, second = await replicas(), await replicas()
    for n in range(5):
        user = 720_000 + n
        update = botapi.private_message(TRADE_2023, user_id=user)
        update["update_id"] = 9_000_000 + n
        statuses = await asyncio.gather(first.deliver(update), second.deliver(update))
        assert statuses == [200, 200]
        assert len(await _replies(botapi, user, 1)) == 1
    again = botapi.private_message(TRADE_2023, user_id=720_000)  # Telegram retrying an answered update
    again["update_id"] = 9_000_000
    await second.deliver(again)
    assert len(await _replies(botapi, 720_000, 2, wait=1.0)) == 1


async def test_updates_alternate_between_replicas_and_a_survivor_takes_over(
        replicas: Callable[[], Awaitable[Replica]], botapi: FakeBotApi) -> None:
    first, second = await replicas(), await replicas()
    users = range(730_001, 730_007)
    for n, user in enumerate(users):
        await (first if n % 2 else second).deliver(botapi.private_message(TRADE_2023, user_id=user))
    for user in users:
        assert len(await _replies(botapi, user, 1)) == 1
    await first.stop()  # a replica goes away; Telegram's retry of what it could not take reaches the other
    late = 730_100
    with pytest.raises(OSError):
        await first.deliver(botapi.private_message(TRADE_2023, user_id=late))
    assert await second.deliver(botapi.private_message(TRADE_2023, user_id=late)) == 200
    assert len(await _replies(botapi, late, 1)) == 1


async def test_a_language_set_through_one_replica_applies_on_the_other(
        replicas: Callable[[], Awaitable[Replica]], botapi: FakeBotApi) -> None:
    first, second = await replicas(), await replicas()
    user = 740_001
    await first.deliver(botapi.private_message("/language en", user_id=user))
    assert (await _replies(botapi, user, 1))[0].startswith("Done: I will answer in English")
    await asyncio.sleep(0.3)  # the choice is written in the background
    await second.deliver(botapi.private_message(TRADE_2023, user_id=user))
    replies = await _replies(botapi, user, 2)
    assert "Source" in replies[1] and "4.4" in replies[1]  # answered in English by the other replica
