"""Follow-up questions and /timeline in the real bot, end to end against the fake Bot API server."""

from __future__ import annotations

from html import escape
from typing import Any

from conftest import RunningBot, StartBot
from fakebotapi import DEFAULT_USER_ID, MAX_CALLBACK_DATA_BYTES, Call

from handlers.commands import TIMELINE_HINT, TIMELINE_PAGE
from knowledge.engine import Engine

OTHER_USER = 222222222
SAMARKAND = "когда встречались путин и алиев в самарканде"


def buttons(call: Call) -> list[tuple[str, str]]:
    markup: dict[str, Any] = call.params.get("reply_markup") or {}
    return [(b["text"], b["callback_data"]) for row in markup.get("inline_keyboard", []) for b in row]


async def say(bot: RunningBot, text: str, **kwargs: Any) -> Call:
    calls = await bot.ask(bot.api.private_message(text, **kwargs))
    return calls[-1]


async def test_a_follow_up_continues_the_last_answer_in_a_private_chat(start_bot: StartBot) -> None:
    bot = await start_bot()
    first = await say(bot, SAMARKAND)
    assert "16 сентября 2022" in first.params["text"]
    where = await say(bot, "а где?")
    assert "Самарканд" in where.params["text"] and "16 сентября 2022" in where.params["text"]
    source = await say(bot, "а источник?")
    assert "РИА Новости" in source.params["text"] and "Самарканд" in source.params["text"]
    year = await say(bot, "когда встречались лавров и байрамов в 2024")
    assert "1 марта 2024" in year.params["text"]
    swapped = await say(bot, "а в 2023?")  # the same people, another year: a list, each item with its date
    assert "<b>19.05.2023</b>" in swapped.params["text"] and "1 марта 2024" not in swapped.params["text"]


async def test_start_resets_the_conversation(start_bot: StartBot) -> None:
    bot = await start_bot()
    await say(bot, SAMARKAND)
    await bot.ask(bot.api.private_message("/start"))
    after = await say(bot, "а где?")
    assert "Самарканд" not in after.params["text"]


async def test_context_is_per_user_in_a_group_and_follows_replies(start_bot: StartBot) -> None:
    bot = await start_bot()
    first = (await bot.ask(bot.api.group_message(f"/ask {SAMARKAND}")))[-1]
    assert "16 сентября 2022" in first.params["text"]
    # another member's elliptical question does not continue someone else's conversation
    other = (await bot.ask(bot.api.group_message("/ask а где?", user_id=OTHER_USER)))[-1]
    assert "Самарканд" not in other.params["text"]
    # ... unless they reply to the bot's answer: the context follows the reply
    replied = (await bot.ask(bot.api.group_message("а где?", user_id=OTHER_USER,
                                                   reply_to_message=first.result)))[-1]
    assert "Самарканд" in replied.params["text"]
    # the asker's own follow-up still works
    own = (await bot.ask(bot.api.group_message("/ask подробнее")))[-1]
    assert "Цитата из источника" in own.params["text"]


async def test_context_expires(start_bot: StartBot) -> None:
    bot = await start_bot()
    await say(bot, SAMARKAND)
    conversations = bot.services.conversations
    conversations.ttl = 0.0  # as if ten minutes had passed
    after = await say(bot, "а где?")
    assert "Самарканд" not in after.params["text"]


async def test_a_pressed_suggestion_becomes_the_context(start_bot: StartBot, bundled_engine: Engine) -> None:
    bot = await start_bot()
    declined = await say(bot, "встреча в самарканде что там было вообще")
    choices = [data for _, data in buttons(declined) if data.startswith("a:")]
    if not choices:  # answered directly: the context is that answer
        assert "Самарканд" in declined.params["text"]
        return
    update = bot.api.callback_query(choices[0], message=declined.result, from_user=DEFAULT_USER_ID)
    bot.api.push_update(update)
    await bot.barrier()
    chosen = bundled_engine.fact_by_key(choices[0].split(":")[1])
    assert chosen is not None
    detail = await say(bot, "подробнее")
    assert escape(chosen.quote[:40]) in detail.params["text"]


async def test_timeline_pages_through_events_with_dates(start_bot: StartBot, bundled_engine: Engine) -> None:
    bot = await start_bot()
    first = await say(bot, "/timeline 2023")
    found = bundled_engine.timeline("2023")
    assert found is not None and len(found.facts) > TIMELINE_PAGE
    text = first.params["text"]
    assert text.startswith("Хронология: 2023 год")
    assert f"<b>{found.facts[0].date.label()}</b>" in text
    assert escape(found.facts[TIMELINE_PAGE].text) not in text
    nav = dict(buttons(first))
    assert set(nav) == {"Позже →"} and len(nav["Позже →"].encode()) <= MAX_CALLBACK_DATA_BYTES
    update = bot.api.callback_query(nav["Позже →"], message=first.result, from_user=DEFAULT_USER_ID)
    bot.api.push_update(update)
    await bot.barrier()
    [edit] = bot.calls("editMessageText")
    assert edit.ok and escape(found.facts[TIMELINE_PAGE].text) in edit.params["text"]
    assert "← Раньше" in dict(buttons(edit))


async def test_timeline_of_a_person_and_an_unclear_request(start_bot: StartBot) -> None:
    bot = await start_bot()
    lavrov = await say(bot, "/timeline Лавров")
    assert lavrov.params["text"].startswith("Хронология: Сергей Лавров")
    assert "27.02–28.02.2023" in lavrov.params["text"]
    unclear = await say(bot, "/timeline абракадабра")
    assert unclear.params["text"] == TIMELINE_HINT


async def test_a_stale_timeline_button_gets_the_notice(start_bot: StartBot) -> None:
    bot = await start_bot()
    first = await say(bot, "/timeline 2023")
    update = bot.api.callback_query("l:ezzzzzzzzzzzz:1", message=first.result, from_user=DEFAULT_USER_ID)
    bot.api.push_update(update)
    await bot.barrier()
    assert not bot.calls("editMessageText")
    assert bot.calls("answerCallbackQuery")[-1].params.get("text")


async def test_timeline_in_english_pages_in_english(start_bot: StartBot, bundled_engine: Engine) -> None:
    bot = await start_bot()
    first = await say(bot, "/timeline 2023 Lavrov")  # Latin words: read and shown in English
    assert first.params["text"].startswith("Timeline: 2023 · Sergey Lavrov — ")
    english = bundled_engine.sibling("en").timeline("2023 Lavrov")
    assert english is not None and escape(english.facts[0].text_en) in first.params["text"]
    # «2023» alone has no word to tell the language: the Telegram language decides
    everything = await say(bot, "/timeline 2023", from_user=bot.api.user(DEFAULT_USER_ID, language_code="en"))
    nav = dict(buttons(everything))
    assert nav["Later →"].startswith("l.en:")
    update = bot.api.callback_query(nav["Later →"], message=everything.result, from_user=DEFAULT_USER_ID)
    bot.api.push_update(update)
    await bot.barrier()
    [edit] = bot.calls("editMessageText")
    assert edit.ok and "← Earlier" in dict(buttons(edit)) and edit.params["text"].startswith("Timeline: 2023")
