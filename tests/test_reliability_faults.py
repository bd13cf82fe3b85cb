"""Bot API faults injected by the fake server: the answer arrives exactly once, or the bot says why not.

Each test drives the real Application (bot.app.build_application) through the fake
Bot API (tests/fakebotapi.py) and asserts on the exact requests it made: which
methods, to which chat, with which status, in which order, how far apart.

What the bot promises (handlers/respond.py, handlers/guards.py):

* a send that failed before Telegram accepted it (5xx, dropped connection) is retried,
  with a back-off, so the answer arrives once;
* a send that timed out is not retried, and not apologised for: Telegram may have
  delivered it, and a user must never get the same answer twice;
* a 429 is retried by the rate limiter after ``retry_after``;
* a chat that blocked the bot costs that chat its answer, nobody else;
* HTML Telegram cannot parse costs the formatting, never the answer;
* ``getUpdates`` failures are retried with a growing pause, and no update is lost
  or handled twice.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import time
from typing import Any

import pytest
from conftest import RunningBot, StartBot
from fakebotapi import DEFAULT_USER_ID, NOT_MODIFIED, Call

from handlers.guards import APOLOGY
from handlers.respond import SEND_BACKOFF, _strip_tags

TRADE_2023 = "Какой товарооборот был в 2023 году?"
TRADE_2023_WORDS = "почти 4,4 миллиарда долларов"
RELATIONS = "Когда установлены дипломатические отношения?"
RELATIONS_WORDS = "4 апреля 1992 года"
OTHER_USER = 222222222


def calls_to(bot: RunningBot, chat_id: int, *methods: str) -> list[Call]:
    """Every request to one chat, in arrival order (optionally of some methods only)."""
    wanted = {m.lower() for m in methods}
    return [c for c in bot.calls() if c.params.get("chat_id") == chat_id
            and (not wanted or c.method.lower() in wanted)]


def trail(bot: RunningBot, chat_id: int) -> list[tuple[str, int | None]]:
    """(method, HTTP status) of every request to one chat; status 0 = connection dropped."""
    return [(c.method, c.status) for c in calls_to(bot, chat_id)]


def delivered(bot: RunningBot, chat_id: int) -> list[Call]:
    return [c for c in calls_to(bot, chat_id, "sendMessage") if c.ok]


def records(caplog: pytest.LogCaptureFixture, level: int, name: str | None = None) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.levelno >= level and (name is None or r.name == name)]


# --------------------------------------------------------------------------- failed sends are retried once


@pytest.mark.parametrize("status", [500, 502])
async def test_a_5xx_on_the_answer_is_retried_and_the_answer_arrives_once(
        start_bot: StartBot, caplog: pytest.LogCaptureFixture, status: int) -> None:
    bot = await start_bot()
    bot.api.fail_next("sendMessage", status=status)
    await bot.ask(bot.api.private_message(TRADE_2023))

    assert trail(bot, DEFAULT_USER_ID) == [("sendMessage", status), ("sendMessage", 200)]
    failed, answer = calls_to(bot, DEFAULT_USER_ID, "sendMessage")
    assert answer.params == failed.params  # the very same message, sent again
    assert TRADE_2023_WORDS in answer.params["text"] and answer.params["parse_mode"] == "HTML"
    assert answer.time - failed.time >= SEND_BACKOFF  # after the back-off, not at once
    [retry] = [r for r in records(caplog, logging.WARNING) if r.name == "handlers.respond"]
    assert retry.getMessage() == f"sending failed (attempt 1 of 4); retrying in {SEND_BACKOFF:.1f} s"
    assert bot.services.storage.stats()["overall"]["questions"] == 1


async def test_a_dropped_connection_on_the_answer_is_retried_and_the_answer_arrives_once(
        start_bot: StartBot) -> None:
    bot = await start_bot()
    bot.api.drop_next("sendMessage")
    await bot.ask(bot.api.private_message(TRADE_2023))

    assert trail(bot, DEFAULT_USER_ID) == [("sendMessage", 0), ("sendMessage", 200)]
    dropped, answer = calls_to(bot, DEFAULT_USER_ID, "sendMessage")
    assert answer.params == dropped.params and TRADE_2023_WORDS in answer.params["text"]
    assert [m["text"] for m in bot.api.messages_in(DEFAULT_USER_ID) if m.get("from", {}).get("is_bot")] == [
        answer.result["text"]]  # the dropped attempt never became a message


async def test_a_send_slower_than_the_client_timeout_is_neither_resent_nor_apologised_for(
        start_tuned_bot: StartBot, caplog: pytest.LogCaptureFixture) -> None:
    bot = await start_tuned_bot(send_timeout=0.3)
    bot.api.delay_next("sendMessage", 1.2)  # Telegram is slow but does deliver it
    await bot.ask(bot.api.private_message(TRADE_2023))
    [late] = await bot.api.wait_for_async("sendMessage", 1, 5,
                                          where=lambda c: c.params.get("chat_id") == DEFAULT_USER_ID)

    # one sendMessage: the delayed one, delivered after the bot gave up waiting; no second copy, no apology
    assert trail(bot, DEFAULT_USER_ID) == [("sendMessage", 200)]
    assert TRADE_2023_WORDS in late.params["text"]
    assert [m["text"] for m in bot.api.messages_in(DEFAULT_USER_ID) if m.get("from", {}).get("is_bot")] == [
        late.result["text"]]
    assert APOLOGY not in [c.params["text"] for c in bot.calls("sendMessage")]
    [warning] = [r for r in records(caplog, logging.WARNING) if r.name == "handlers.guards"]
    assert warning.levelno == logging.WARNING and "TimedOut" in warning.getMessage()

    # the bot goes on answering normally
    [answer] = await bot.ask(bot.api.private_message(RELATIONS, user_id=OTHER_USER))
    assert answer.ok and RELATIONS_WORDS in answer.params["text"]


@pytest.mark.parametrize("fault", ["500", "drop", "timeout"])
async def test_a_failed_typing_action_does_not_cost_the_answer(start_tuned_bot: StartBot, fault: str,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    import handlers.respond
    from knowledge.engine import Engine

    answer_of = Engine.answer

    def slow(self: Engine, *args: Any, **kwargs: Any) -> Any:
        time.sleep(0.5)  # slow enough for "typing…" to be shown
        return answer_of(self, *args, **kwargs)

    monkeypatch.setattr(handlers.respond, "TYPING_AFTER", 0.05)
    monkeypatch.setattr(Engine, "answer", slow)
    bot = await start_tuned_bot(send_timeout=0.3)
    if fault == "500":
        bot.api.fail_next("sendChatAction", status=500)
    elif fault == "drop":
        bot.api.drop_next("sendChatAction")
    else:
        bot.api.delay_next("sendChatAction", 0.8)
    await bot.ask(bot.api.private_message(TRADE_2023))
    await bot.api.wait_for_async("sendChatAction", 1, 5)  # the delayed one is answered eventually

    expected = {"500": 500, "drop": 0, "timeout": 200}[fault]
    assert trail(bot, DEFAULT_USER_ID) == [("sendChatAction", expected), ("sendMessage", 200)]
    [answer] = delivered(bot, DEFAULT_USER_ID)
    assert TRADE_2023_WORDS in answer.params["text"]


# --------------------------------------------------------------------------- 429: wait, then send once


async def test_a_429_waits_retry_after_then_the_answer_arrives_once(
        start_bot: StartBot, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PTB_TIMEDELTA", "1")  # PTB's RetryAfter warns about its int retry_after otherwise
    bot = await start_bot(rate_limit=True)  # the production wiring: AIORateLimiter(max_retries=3)
    bot.api.fail_next("sendMessage", status=429, retry_after=1)
    await bot.ask(bot.api.private_message(TRADE_2023))

    assert trail(bot, DEFAULT_USER_ID) == [("sendMessage", 429), ("sendMessage", 200)]
    limited, answer = calls_to(bot, DEFAULT_USER_ID, "sendMessage")
    assert limited.result["parameters"] == {"retry_after": 1}
    assert answer.time - limited.time >= 1.0  # waited retry_after before sending again
    assert answer.params == limited.params and TRADE_2023_WORDS in answer.params["text"]
    assert not records(caplog, logging.WARNING, "handlers.respond")  # the rate limiter retried, not with_retries


# --------------------------------------------------------------------------- 403: one chat lost, the others served


async def test_a_user_who_blocked_the_bot_is_logged_and_the_next_user_is_answered(
        start_bot: StartBot, caplog: pytest.LogCaptureFixture) -> None:
    bot = await start_bot()
    bot.allow_errors = True  # the blocked chat's failure is logged by the error handler
    bot.api.block_chat(DEFAULT_USER_ID)
    bot.api.push_update(bot.api.private_message(TRADE_2023))
    await bot.barrier()
    [answer] = await bot.ask(bot.api.private_message(RELATIONS, user_id=OTHER_USER))

    # the blocked chat: the answer is refused, the apology too; nothing else is tried
    assert trail(bot, DEFAULT_USER_ID) == [("sendMessage", 403), ("sendMessage", 403)]
    assert calls_to(bot, DEFAULT_USER_ID, "sendMessage")[1].params["text"] == APOLOGY
    assert trail(bot, OTHER_USER) == [("sendMessage", 200)]
    assert RELATIONS_WORDS in answer.params["text"]
    [error] = bot.handler_errors()
    assert error.name == "handlers.guards" and error.getMessage() == "update could not be handled: Forbidden"
    assert "could not send the apology" in [r.getMessage() for r in records(caplog, logging.WARNING)]
    assert bot.app.running and bot.app.updater.running


# --------------------------------------------------------------------------- 400s Telegram is known to send


async def test_message_is_not_modified_on_a_page_pressed_twice_is_no_error(
        start_bot: StartBot, caplog: pytest.LogCaptureFixture) -> None:
    bot = await start_bot()
    [menu] = await bot.ask(bot.api.private_message("/topics"))

    async def press(data: str) -> None:
        bot.api.push_update(bot.api.callback_query(data, message=bot.api.last_bot_message(DEFAULT_USER_ID)))
        await bot.barrier()

    await press("t:summits:0")
    await press("t:summits:0")  # the same page again: Telegram answers "message is not modified"
    bot.api.fail_next("editMessageText", status=400, description=NOT_MODIFIED)
    await press("t:summits:1")  # an injected "not modified" on another page is shrugged off as well

    assert [(c.method, c.status) for c in bot.calls()] == [
        ("sendMessage", 200),
        ("answerCallbackQuery", 200), ("editMessageText", 200),
        ("answerCallbackQuery", 200), ("editMessageText", 400),
        ("answerCallbackQuery", 200), ("editMessageText", 400),
    ]
    edits = bot.calls("editMessageText")
    assert all(c.params["message_id"] == menu.result["message_id"] for c in edits)
    assert edits[1].params == edits[0].params
    assert edits[1].result["description"] == edits[2].result["description"] == NOT_MODIFIED
    assert all("text" not in c.params for c in bot.calls("answerCallbackQuery"))  # no "stale" notice
    assert not records(caplog, logging.WARNING)


async def test_cant_parse_entities_falls_back_to_the_same_answer_in_plain_text(
        start_bot: StartBot, caplog: pytest.LogCaptureFixture) -> None:
    bot = await start_bot()
    bot.api.fail_next("sendMessage", status=400,
                      description='Bad Request: can\'t parse entities: Unsupported start tag "x" at byte offset 3')
    await bot.ask(bot.api.private_message(TRADE_2023))

    assert trail(bot, DEFAULT_USER_ID) == [("sendMessage", 400), ("sendMessage", 200)]
    html, plain = calls_to(bot, DEFAULT_USER_ID, "sendMessage")
    assert html.params["parse_mode"] == "HTML" and "parse_mode" not in plain.params
    assert plain.params["text"] == _strip_tags(html.params["text"])
    assert "<" not in plain.params["text"] and TRADE_2023_WORDS in plain.params["text"]
    assert plain.params["reply_markup"] == html.params["reply_markup"]  # the buttons survive too
    assert plain.time - html.time < SEND_BACKOFF  # at once: a 400 is not a transient failure
    [warning] = records(caplog, logging.WARNING)
    assert warning.getMessage() == "Telegram could not parse our HTML; sending plain text instead"


# --------------------------------------------------------------------------- getUpdates failing


def polls(bot: RunningBot, since: float) -> list[Call]:
    return [c for c in bot.api.calls("getUpdates") if c.time >= since]


async def test_get_updates_failing_backs_off_and_recovers(start_bot: StartBot,
                                                         caplog: pytest.LogCaptureFixture) -> None:
    bot = await start_bot()
    bot.allow_errors = True  # PTB logs each failed poll at ERROR
    await bot.api.wait_for_async("getUpdates", 1, 5)  # polling for sure
    started = bot.api.calls("getUpdates")[-1].time
    for status in (500, 502, 500):
        bot.api.fail_next("getUpdates", status=status)
    await bot.api.wait_for_async("getUpdates", 1, 10, answered=True,
                                 where=lambda c: c.time > started and c.status == 200)
    window = [c for c in polls(bot, started) if c.time <= started + 3.0]
    failed = [c.status for c in polls(bot, started) if c.status != 200 and c.status is not None]
    assert failed == [500, 502, 500]
    assert 2 <= len(window) < 15, [(round(c.time - started, 2), c.status) for c in window]
    # the pauses grow: PTB waits 1 s, then 1.5 s, then 2.25 s between failed polls
    times = [c.time for c in polls(bot, started) if c.status in (500, 502)]
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert gaps[0] >= 0.9 and gaps[1] >= gaps[0] * 1.3, gaps

    # recovered: a question pushed after the failures is answered, once
    [answer] = await bot.ask(bot.api.private_message(TRADE_2023))
    assert answer.ok and TRADE_2023_WORDS in answer.params["text"]
    assert len(delivered(bot, DEFAULT_USER_ID)) == 1
    errors = bot.handler_errors()
    assert len(errors) == 3 and {r.name for r in errors} == {"telegram.ext.Updater"}
    assert all(r.getMessage() == "Exception happened while polling for updates." for r in errors)


async def test_updates_around_transient_failures_are_each_answered_exactly_once(start_bot: StartBot) -> None:
    bot = await start_bot()
    bot.allow_errors = True  # the failed polls are logged at ERROR by PTB
    users = [300_000_001 + n for n in range(6)]
    questions = [TRADE_2023, RELATIONS] * 3
    expected = [TRADE_2023_WORDS, RELATIONS_WORDS] * 3

    # received by Telegram before the failures: the first three; the first answer is held in flight
    bot.api.delay_next("sendMessage", 0.5)
    for user, question in zip(users[:3], questions[:3], strict=True):
        bot.api.push_update(bot.api.private_message(question, user_id=user))
    await bot.api.wait_for_async("sendMessage", 1, 5, answered=False)  # the batch has been fetched
    bot.api.fail_next("sendMessage", status=500)
    bot.api.drop_next("sendMessage")
    bot.api.fail_next("getUpdates", status=502, times=2)
    await bot.api.wait_for_async("getUpdates", 1, 5, answered=True, where=lambda c: c.status == 502)
    # received during the failures: the other three
    for user, question in zip(users[3:], questions[3:], strict=True):
        bot.api.push_update(bot.api.private_message(question, user_id=user))

    await bot.api.wait_for_async("sendMessage", 6, 15, where=lambda c: c.ok and c.params.get("chat_id") in users)
    await bot.barrier()
    for user, words in zip(users, expected, strict=True):
        [answer] = delivered(bot, user)
        assert words in answer.params["text"], (user, answer.params["text"])
    statuses = sorted(int(c.status or 0) for c in bot.calls("sendMessage"))
    assert statuses == [0, 200, 200, 200, 200, 200, 200, 500], statuses  # two sends retried, each arrived once
    assert [c.status for c in bot.api.calls("getUpdates") if c.status not in (200, None)] == [502, 502]
    assert bot.api.pending_faults() == {}
    assert bot.services.storage.stats()["overall"]["questions"] == 6
    for _ in range(100):  # the next poll confirms the last updates
        if not bot.api.pending_updates():
            break
        await asyncio.sleep(0.05)
    assert not bot.api.pending_updates()  # everything confirmed: nothing would come again after a restart
