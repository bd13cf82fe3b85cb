"""Nothing blocks the event loop (issue #16.2): a burst of users at once, through the fake Bot API, each
answered exactly once while a new user's /start goes through; answers are computed in the bounded pool.

How fast (p50/p99 reply latency, /start's latency under the burst) is measured by bench/burst.py, not here."""

from __future__ import annotations

import threading
from collections import Counter

from conftest import StartBot

from knowledge import Engine

QUESTION = "Какой товарооборот был в 2023 году?"
USERS = range(900_001, 900_201)
NEWCOMER = 900_500


async def test_a_burst_of_200_users_is_answered_once_each_and_a_start_goes_through(start_bot: StartBot) -> None:
    bot = await start_bot(workers=2)
    bot.api.push_updates([bot.api.private_message(QUESTION, user_id=user) for user in USERS])
    bot.api.push_update(bot.api.private_message("/start", user_id=NEWCOMER))
    await bot.barrier(timeout=60)
    replies = Counter(c.params["chat_id"] for c in bot.sent())
    assert all(replies[user] == 1 for user in USERS), [u for u in USERS if replies[u] != 1][:5]
    assert replies[NEWCOMER] == 1
    assert all("4,4" in c.params["text"] for c in bot.sent() if c.params["chat_id"] in USERS)


async def test_answers_are_computed_in_the_bounded_pool_off_the_loop(start_bot: StartBot,
                                                                     bundled_engine: Engine) -> None:
    threads: set[str] = set()
    real = bundled_engine.answer

    def spying(*args: object, **kwargs: object) -> object:
        threads.add(threading.current_thread().name)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    bot = await start_bot(workers=3)
    bot.services.holder.engine.answer = spying  # type: ignore[method-assign]
    try:
        bot.api.push_updates([bot.api.private_message(QUESTION, user_id=user) for user in USERS[:30]])
        await bot.barrier(timeout=30)
    finally:
        del bot.services.holder.engine.answer
    assert threads and all(name.startswith("factbot-answer") for name in threads)
    assert len(threads) <= 3
