"""The real bot (bot.app.build_application) end to end against the fake Bot API server.

Every test drives the Application through getUpdates and asserts on the exact
Bot API requests it makes: methods, chats, texts, parse modes, replies, threads
and buttons. Fixtures (``start_bot``, ``botapi``…) are in tests/conftest.py.
"""

from __future__ import annotations

import logging
import time
from html import escape
from typing import Any

import pytest
from conftest import StartBot, press
from fakebotapi import (
    DEFAULT_CHANNEL_ID,
    DEFAULT_GROUP_ID,
    DEFAULT_SUPERGROUP_ID,
    DEFAULT_USER_ID,
    MAX_CALLBACK_DATA_BYTES,
    MAX_MESSAGE_LENGTH,
    Call,
)

from handlers.buttons import STALE
from handlers.guards import APOLOGY
from handlers.questions import HINT
from knowledge.base.loader import load_knowledge
from knowledge.engine import Engine, EngineSettings

TRADE_2023 = "Какой товарооборот был в 2023 году?"
TRADE_2023_FACT = "trade-2023-record"
TRADE_2023_WORDS = "почти 4,4 миллиарда долларов"
RELATIONS = "Когда установлены дипломатические отношения?"
RELATIONS_WORDS = "4 апреля 1992 года"
OFF_TOPIC = "Какая погода будет завтра в Москве?"
OTHER_USER = 222222222
EXAMPLES = load_knowledge().lexicon.examples["ru"]  # the bundled base's /start examples


def buttons(call: Call) -> list[tuple[str, str]]:
    """(label, callback_data) of every inline button of a sendMessage / editMessageText call."""
    markup: dict[str, Any] = call.params.get("reply_markup") or {}
    return [(b["text"], b["callback_data"]) for row in markup.get("inline_keyboard", []) for b in row]


def assert_valid_reply(call: Call) -> None:
    """Telegram accepted it: HTML parsed (the fake rejects bad markup), not too long, buttons fit."""
    assert call.ok, call.result
    assert call.params.get("parse_mode") == "HTML"
    assert len(call.params["text"]) <= MAX_MESSAGE_LENGTH
    for _, data in buttons(call):
        assert 1 <= len(data.encode("utf-8")) <= MAX_CALLBACK_DATA_BYTES


def reply_to(call: Call) -> int | None:
    params = call.params.get("reply_parameters")
    return None if params is None else int(params["message_id"])


# --------------------------------------------------------------------------- private chats


async def test_private_question_is_answered_in_html_with_source_and_buttons(start_bot: StartBot) -> None:
    bot = await start_bot(rate_limit=True)  # the production wiring, rate limiter included
    update = bot.api.private_message(TRADE_2023)
    [answer] = await bot.ask(update)

    methods = [c.method for c in bot.calls()]
    assert methods == ["sendMessage"]  # a fast answer spends no call of the rate limit on "typing"
    assert answer.params["chat_id"] == DEFAULT_USER_ID
    assert_valid_reply(answer)
    text = answer.params["text"]
    assert TRADE_2023_WORDS in text
    assert '<a href="http://ria.ru">РИА Новости, 22.04.2024</a>' in text
    assert answer.params["link_preview_options"] == {"is_disabled": True}
    assert "reply_parameters" not in answer.params  # no quoting in a private chat
    assert [label for label, _ in buttons(answer)] == ["Цитата", "Похожие"]
    assert [data.split(":")[0] for _, data in buttons(answer)] == ["q", "r"]
    # what the user sees: the link became an entity, no markup left in the text
    assert "<a" not in answer.result["text"] and TRADE_2023_WORDS in answer.result["text"]
    assert {"type": "text_link", "url": "http://ria.ru"}.items() <= answer.result["entities"][-1].items()
    stats = bot.services.storage.stats()["overall"]
    assert (stats["questions"], stats["answered"]) == (1, 1)


async def test_every_callback_data_fits_in_64_bytes(start_bot: StartBot) -> None:
    bot = await start_bot()
    for question in (TRADE_2023, "где встречались путин и алиев", OFF_TOPIC, "какие соглашения подписаны"):
        [answer] = await bot.ask(bot.api.private_message(question))
        assert_valid_reply(answer)
    topics = (await bot.ask(bot.api.private_message("/topics")))[0]
    for call in [*bot.sent(), topics]:
        for _, data in buttons(call):
            assert len(data.encode("utf-8")) <= MAX_CALLBACK_DATA_BYTES, data
    assert any(buttons(call) for call in bot.sent())


async def test_small_talk_is_answered_without_buttons(start_bot: StartBot) -> None:
    bot = await start_bot()
    [answer] = await bot.ask(bot.api.private_message("привет"))
    assert_valid_reply(answer)
    assert answer.params["text"].startswith("Здравствуйте!")
    assert "reply_markup" not in answer.params


async def test_off_topic_question_is_declined_with_suggestion_buttons(start_bot: StartBot) -> None:
    bot = await start_bot()
    [answer] = await bot.ask(bot.api.private_message(OFF_TOPIC))
    assert_valid_reply(answer)
    assert answer.params["text"].startswith("В базе нет ответа на этот вопрос.")
    assert buttons(answer) and all(data.startswith("a:") for _, data in buttons(answer))
    assert bot.services.storage.unanswered(5)[0]["chat_type"] == "private"


# --------------------------------------------------------------------------- groups


async def test_group_message_not_addressed_to_the_bot_is_ignored(start_bot: StartBot) -> None:
    bot = await start_bot()
    bot.api.push_update(bot.api.group_message(TRADE_2023))
    bot.api.push_update(bot.api.group_message(TRADE_2023, chat_type="supergroup"))
    bot.api.push_update(bot.api.group_message(f"{TRADE_2023} @someone_else"))
    await bot.barrier()
    assert bot.calls() == []  # not even a typing action
    assert bot.services.storage.stats()["overall"]["questions"] == 0


@pytest.mark.parametrize("command", ["/ask", "/ask@factbot_test_bot", "/ASK@Factbot_Test_Bot"])
async def test_ask_command_in_a_group_is_answered_as_a_reply(start_bot: StartBot, command: str) -> None:
    bot = await start_bot()
    update = bot.api.group_message(f"{command} {TRADE_2023}")
    [answer] = await bot.ask(update)
    assert [c.method for c in bot.calls()] == ["sendMessage"]
    assert answer.params["chat_id"] == DEFAULT_GROUP_ID
    assert reply_to(answer) == update["message"]["message_id"]
    assert answer.result["reply_to_message"]["message_id"] == update["message"]["message_id"]
    assert_valid_reply(answer)
    assert TRADE_2023_WORDS in answer.params["text"]


async def test_ask_command_for_another_bot_is_ignored(start_bot: StartBot) -> None:
    bot = await start_bot()
    bot.api.push_update(bot.api.group_message(f"/ask@otherbot {TRADE_2023}"))
    bot.api.push_update(bot.api.group_message(f"/ask@otherbot {TRADE_2023}", chat_type="supergroup"))
    await bot.barrier()
    assert bot.calls() == []


async def test_ask_without_a_question_gets_a_hint(start_bot: StartBot) -> None:
    bot = await start_bot()
    update = bot.api.group_message("/ask")
    [hint] = await bot.ask(update)
    assert hint.params["text"] == HINT and hint.ok
    assert reply_to(hint) == update["message"]["message_id"]
    [private_hint] = await bot.ask(bot.api.private_message("/ask"))
    assert private_hint.params["text"] == HINT and "reply_parameters" not in private_hint.params
    assert bot.calls("sendChatAction") == []
    assert bot.services.storage.stats()["overall"]["questions"] == 0


@pytest.mark.parametrize("text", [
    f"@factbot_test_bot {TRADE_2023}",
    "Коллеги, @factbot_test_bot подскажет: какой товарооборот был в 2023 году?",
    f"{TRADE_2023} @factbot_test_bot",
    f"{TRADE_2023} @FACTBOT_TEST_BOT",
])
async def test_a_mention_anywhere_is_answered(start_bot: StartBot, text: str) -> None:
    bot = await start_bot()
    update = bot.api.group_message(text, chat_type="supergroup")
    [answer] = await bot.ask(update)
    assert answer.params["chat_id"] == DEFAULT_SUPERGROUP_ID
    assert reply_to(answer) == update["message"]["message_id"]
    assert_valid_reply(answer)
    assert TRADE_2023_WORDS in answer.params["text"]
    assert bot.services.storage.stats()["overall"]["answered"] == 1


async def test_a_bare_mention_gets_the_hint(start_bot: StartBot) -> None:
    bot = await start_bot()
    [hint] = await bot.ask(bot.api.group_message("@factbot_test_bot"))
    assert hint.params["text"] == HINT


async def test_a_reply_to_the_bots_message_is_answered(start_bot: StartBot) -> None:
    bot = await start_bot()
    first = (await bot.ask(bot.api.group_message(f"/ask {RELATIONS}")))[0]
    assert RELATIONS_WORDS in first.params["text"]
    follow_up = bot.api.group_message(TRADE_2023, reply_to_message=first.result)
    [answer] = await bot.ask(follow_up)
    assert reply_to(answer) == follow_up["message"]["message_id"]
    assert TRADE_2023_WORDS in answer.params["text"]


async def test_a_reply_to_someone_else_is_ignored(start_bot: StartBot) -> None:
    bot = await start_bot()
    other = bot.api.group_message("кто-нибудь знает?", user_id=OTHER_USER)
    bot.api.push_update(other)
    bot.api.push_update(bot.api.group_message(TRADE_2023, reply_to_message=other))
    await bot.barrier()
    assert bot.calls() == []


async def test_a_slow_answer_shows_typing_in_the_topic_asked_in_and_a_fast_one_does_not(
        start_bot: StartBot, bundled_engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    import handlers.respond

    monkeypatch.setattr(handlers.respond, "TYPING_AFTER", 0.1)
    bot = await start_bot()
    fast = bot.api.group_message(f"/ask {TRADE_2023}", chat_type="supergroup", message_thread_id=7,
                                 is_topic_message=True)
    await bot.ask(fast)
    assert bot.calls("sendChatAction") == []
    answer = Engine.answer

    def slow(self: Engine, *args: Any, **kwargs: Any) -> Any:
        time.sleep(0.6)  # in the worker thread: the event loop goes on and shows "typing…"
        return answer(self, *args, **kwargs)

    monkeypatch.setattr(Engine, "answer", slow)  # on the class: an instance attribute would outlive the test
    [reply] = await bot.ask(bot.api.group_message(f"/ask {RELATIONS}", chat_type="supergroup",
                                                  message_thread_id=7, is_topic_message=True))
    [typing] = bot.calls("sendChatAction")
    assert typing.ok and typing.params["action"] == "typing" and typing.params.get("message_thread_id") == 7
    assert typing.time < reply.time and RELATIONS_WORDS in reply.params["text"]


async def test_forum_topic_answer_stays_in_the_topic(start_bot: StartBot) -> None:
    bot = await start_bot()
    update = bot.api.group_message(f"/ask {TRADE_2023}", chat_type="supergroup", message_thread_id=7,
                                   is_topic_message=True)
    [answer] = await bot.ask(update)
    assert answer.params["message_thread_id"] == 7
    assert answer.result["message_thread_id"] == 7 and answer.result["is_topic_message"]
    assert reply_to(answer) == update["message"]["message_id"]

    mention = bot.api.group_message(f"@factbot_test_bot {RELATIONS}", chat_type="supergroup",
                                    message_thread_id=9, is_topic_message=True)
    [second] = await bot.ask(mention)
    assert second.params["message_thread_id"] == 9
    [hint] = await bot.ask(bot.api.group_message("/ask", chat_type="supergroup", message_thread_id=9,
                                                 is_topic_message=True))
    assert hint.params["message_thread_id"] == 9


async def test_a_plain_reply_thread_in_a_group_is_not_a_topic(start_bot: StartBot) -> None:
    bot = await start_bot()
    update = bot.api.group_message(f"/ask {TRADE_2023}", chat_type="supergroup", message_thread_id=3)
    [answer] = await bot.ask(update)
    assert "message_thread_id" not in answer.params


# --------------------------------------------------------------------------- channels


@pytest.mark.parametrize("text", [f"/ask {TRADE_2023}", f"/ask@factbot_test_bot {TRADE_2023}",
                                  f"@factbot_test_bot {TRADE_2023}", f"Вопрос дня для @factbot_test_bot: {TRADE_2023}"])
async def test_channel_post_addressed_to_the_bot_is_answered_in_the_channel(start_bot: StartBot, text: str) -> None:
    bot = await start_bot()
    update = bot.api.channel_post(text)
    [answer] = await bot.ask(update)
    assert answer.params["chat_id"] == DEFAULT_CHANNEL_ID
    assert reply_to(answer) == update["channel_post"]["message_id"]
    assert_valid_reply(answer)
    assert TRADE_2023_WORDS in answer.params["text"]
    assert answer.result["sender_chat"]["id"] == DEFAULT_CHANNEL_ID
    stats = bot.services.storage.stats()["overall"]
    assert stats["questions"] == 1


@pytest.mark.parametrize("text", [TRADE_2023, f"/ask@otherbot {TRADE_2023}", "/start", "/ask", "@someone привет",
                                  f"{TRADE_2023} /ask"])
async def test_other_channel_posts_are_ignored(start_bot: StartBot, text: str) -> None:
    bot = await start_bot()
    bot.api.push_update(bot.api.channel_post(text))
    await bot.barrier()
    assert bot.calls() == []


# --------------------------------------------------------------------------- buttons


async def test_quote_button_sends_the_verbatim_quote(start_bot: StartBot, bundled_engine: Engine) -> None:
    bot = await start_bot()
    [answer] = await bot.ask(bot.api.private_message(TRADE_2023))
    quote_data = dict(buttons(answer))["Цитата"]
    before = len(bot.sent())
    answered = await press(bot, answer.result, quote_data)
    assert "text" not in answered.params  # a silent acknowledgement
    [quote] = bot.sent()[before:]
    fact = bundled_engine.fact(TRADE_2023_FACT)
    assert fact is not None
    assert_valid_reply(quote)
    assert quote.params["text"].startswith(f"<blockquote>{escape(fact.quote)}</blockquote>")
    assert fact.quote in quote.result["text"]
    assert '<a href="http://ria.ru">' in quote.params["text"]
    assert [e["type"] for e in quote.result["entities"]][:1] == ["blockquote"]


async def test_related_button_lists_related_facts(start_bot: StartBot, bundled_engine: Engine) -> None:
    bot = await start_bot()
    [answer] = await bot.ask(bot.api.private_message(TRADE_2023))
    before = len(bot.sent())
    await press(bot, answer.result, dict(buttons(answer))["Похожие"])
    [related] = bot.sent()[before:]
    assert_valid_reply(related)
    assert related.params["text"].startswith("Похожие факты:")
    for fact in bundled_engine.related(TRADE_2023_FACT):
        assert f"• {escape(fact.text)}" in related.params["text"]


async def test_a_suggestion_button_answers_that_fact(start_bot: StartBot, bundled_engine: Engine) -> None:
    bot = await start_bot()
    [declined] = await bot.ask(bot.api.private_message(OFF_TOPIC))
    label, data = buttons(declined)[0]
    fact = bundled_engine.fact_by_key(data.split(":")[1])
    assert fact is not None and label == fact.questions[0]
    before = len(bot.sent())
    await press(bot, declined.result, data)
    [answer] = bot.sent()[before:]
    assert_valid_reply(answer)
    assert escape(fact.text) in answer.params["text"]
    assert [lbl for lbl, _ in buttons(answer)] == ["Цитата", "Похожие"]


async def test_example_buttons_of_start_ask_the_example(start_bot: StartBot) -> None:
    bot = await start_bot()
    [greeting] = await bot.ask(bot.api.private_message("/start"))
    assert [(label, data) for label, data in buttons(greeting)] == [
        (example, f"x:{n}") for n, example in enumerate(EXAMPLES)]
    before = len(bot.sent())
    await press(bot, greeting.result, "x:0")
    [answer] = bot.sent()[before:]
    assert RELATIONS_WORDS in answer.params["text"]


async def test_topics_buttons_page_through_a_topic(start_bot: StartBot, bundled_engine: Engine) -> None:
    bot = await start_bot()
    [menu] = await bot.ask(bot.api.private_message("/topics"))
    assert menu.params["text"] == "Темы базы:"
    datas = [data for _, data in buttons(menu)]
    assert datas == [f"t:{key}:0" for key, _ in bundled_engine.topic_list()]
    facts = bundled_engine.topic_facts("summits")
    assert len(facts) > 5  # more than one page

    await press(bot, menu.result, "t:summits:0")
    [edit] = bot.calls("editMessageText")
    assert edit.ok and edit.params["message_id"] == menu.result["message_id"] and edit.params["parse_mode"] == "HTML"
    pages = (len(facts) + 4) // 5
    assert edit.params["text"].startswith(f"<b>Встречи президентов</b> (1/{pages}):")
    assert escape(facts[0].text) in edit.params["text"] and escape(facts[5].text) not in edit.params["text"]
    labels = [label for label, _ in buttons(edit)]
    assert labels == [f"Цитата {n}" for n in range(1, 6)] + ["Дальше →"]
    assert dict(buttons(edit))["Дальше →"] == "t:summits:1"

    page_two = bot.api.last_bot_message(DEFAULT_USER_ID)
    await press(bot, page_two, "t:summits:1")
    second = bot.calls("editMessageText")[-1]
    assert second.ok and second.params["text"].startswith(f"<b>Встречи президентов</b> (2/{pages}):")
    assert escape(facts[5].text) in second.params["text"]
    assert dict(buttons(second))["← Назад"] == "t:summits:0"

    # the same page pressed twice: Telegram says "not modified"; the bot shrugs
    await press(bot, bot.api.last_bot_message(DEFAULT_USER_ID), "t:summits:1")
    assert bot.calls("editMessageText")[-1].status == 400
    assert bot.sent() == [menu]

    # a quote button of the page
    quote_data = dict(buttons(second))["Цитата 6"]
    await press(bot, bot.api.last_bot_message(DEFAULT_USER_ID), quote_data)
    assert facts[5].quote in bot.sent()[-1].result["text"]


@pytest.mark.parametrize("data", ["q:deadbeef0000", "zzz", "t:nope:0", "t:summits:x", "r:", "a:000000000000",
                                  "x:99", "x:-1", "q:", "::::", "t:summits",
                                  "x:²", "x:٣", "t:summits:¹", "l:2023:²", "x:0²"])  # digits other than 0-9
async def test_forged_or_stale_buttons_get_a_polite_notice_only(start_bot: StartBot, data: str,
                                                                caplog: pytest.LogCaptureFixture) -> None:
    bot = await start_bot()
    answered = await press(bot, bot.api.bot_message(DEFAULT_USER_ID, "старый ответ"), data)
    assert answered.params["text"] == STALE
    assert [c.method for c in bot.calls()] == ["answerCallbackQuery"]
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


async def test_button_presses_count_against_the_flood_gate(start_bot: StartBot) -> None:
    bot = await start_bot(flood_messages=3, flood_seconds=60)
    [answer] = await bot.ask(bot.api.private_message(TRADE_2023))
    quote = dict(buttons(answer))["Цитата"]
    presses = [bot.api.callback_query(quote, message=answer.result) for _ in range(20)]
    bot.api.push_updates(presses)
    await bot.barrier()
    assert len(bot.sent(DEFAULT_USER_ID)) == 3  # the answer and two quotes: three within the limit
    answered = bot.calls("answerCallbackQuery")
    assert len(answered) == 20 and all(c.ok for c in answered)  # every spinner stopped
    notices = [c for c in answered if str(c.params.get("text", "")).startswith("Слишком много сообщений")]
    assert len(notices) == 1


async def test_a_button_after_the_base_changed_is_stale(start_bot: StartBot) -> None:
    bot = await start_bot()
    [answer] = await bot.ask(bot.api.private_message(TRADE_2023))
    answered = await press(bot, answer.result, "q:" + "0" * 12)
    assert answered.params["text"] == STALE


async def test_a_button_of_an_inline_message_gets_the_notice(start_bot: StartBot) -> None:
    bot = await start_bot()
    update = bot.api.callback_query("q:deadbeef0000", inline_message_id="AAAA")
    bot.api.push_update(update)
    await bot.barrier()
    [answered] = bot.calls("answerCallbackQuery")
    assert answered.params["text"] == STALE and answered.ok


# --------------------------------------------------------------------------- commands


async def test_start_greets_with_example_buttons(start_bot: StartBot, bundled_engine: Engine) -> None:
    bot = await start_bot()
    [greeting] = await bot.ask(bot.api.private_message("/start"))
    assert greeting.ok
    text = greeting.params["text"]
    assert text.startswith(f"Здравствуйте! В базе {len(bundled_engine.base.facts)} фактов.")
    assert "@factbot_test_bot" in text and all(example in text for example in EXAMPLES)
    assert len(buttons(greeting)) == len(EXAMPLES)
    assert bot.calls("sendChatAction") == []


async def test_start_with_a_deep_link_payload_answers_it(start_bot: StartBot) -> None:
    bot = await start_bot()
    [answer] = await bot.ask(bot.api.private_message("/start товарооборот_2023"))
    assert_valid_reply(answer)
    assert TRADE_2023_WORDS in answer.params["text"]
    assert [c.method for c in bot.calls()] == ["sendMessage"]


async def test_help_explains_how_to_ask(start_bot: StartBot) -> None:
    bot = await start_bot()
    [private] = await bot.ask(bot.api.private_message("/help"))
    assert private.ok and "/ask вопрос" in private.params["text"] and "@factbot_test_bot" in private.params["text"]
    assert "reply_parameters" not in private.params
    update = bot.api.group_message("/help@factbot_test_bot")
    [group] = await bot.ask(update)
    assert group.params["text"] == private.params["text"] and reply_to(group) == update["message"]["message_id"]


async def test_about_names_the_source_and_the_fact_count(start_bot: StartBot, bundled_engine: Engine) -> None:
    bot = await start_bot()
    [about] = await bot.ask(bot.api.private_message("/about"))
    assert_valid_reply(about)
    text = about.params["text"]
    assert f"Фактов: {len(bundled_engine.base.facts)}." in text
    assert '<a href="http://ria.ru">РИА Новости</a>, 22.04.2024' in text
    assert "База актуальна на 22.04.2024." in text


async def test_edited_messages_are_not_answered_again(start_bot: StartBot) -> None:
    bot = await start_bot()
    original = bot.api.private_message(f"/ask {TRADE_2023}")
    await bot.ask(original)
    bot.api.push_update(bot.api.edited_message(f"/ask {RELATIONS}", message=original))
    bot.api.push_update(bot.api.edited_message(RELATIONS, message=bot.api.private_message("x")))
    await bot.barrier()
    assert len(bot.sent()) == 1


# --------------------------------------------------------------------------- flood control


async def test_flooding_gets_one_notice_then_silence_and_other_users_are_unaffected(start_bot: StartBot) -> None:
    bot = await start_bot(flood_messages=3, flood_seconds=60)
    for _ in range(6):
        bot.api.push_update(bot.api.private_message(TRADE_2023))
    await bot.barrier()
    mine = bot.sent(DEFAULT_USER_ID)
    assert len(mine) == 4
    assert all(TRADE_2023_WORDS in c.params["text"] for c in mine[:3])
    notice = mine[3].params["text"]
    assert notice.startswith("Слишком много сообщений. Подождите ") and notice.endswith("потом отвечу снова.")

    [other] = await bot.ask(bot.api.private_message(RELATIONS, user_id=OTHER_USER))
    assert other.params["chat_id"] == OTHER_USER and RELATIONS_WORDS in other.params["text"]
    # the flooder is still silenced: no second notice
    bot.api.push_update(bot.api.private_message(TRADE_2023))
    await bot.barrier()
    assert len(bot.sent(DEFAULT_USER_ID)) == 4


async def test_the_flood_notice_is_in_the_users_language(start_bot: StartBot) -> None:
    bot = await start_bot(flood_messages=1, flood_seconds=60)
    english = bot.api.user(OTHER_USER, language_code="en")
    for _ in range(2):
        bot.api.push_update(bot.api.private_message("What was the trade turnover in 2023?", from_user=english))
    await bot.barrier()
    notice = bot.sent(OTHER_USER)[-1].params["text"]
    assert notice.startswith("Too many messages. Please wait ") and notice.endswith("then I will answer again.")


async def test_button_presses_are_not_counted_as_flood(start_bot: StartBot) -> None:
    bot = await start_bot(flood_messages=2, flood_seconds=60)
    [answer] = await bot.ask(bot.api.private_message(TRADE_2023))
    for _ in range(4):
        bot.api.push_update(bot.api.callback_query(dict(buttons(answer))["Цитата"], message=answer.result))
    await bot.barrier()
    assert len(bot.calls("answerCallbackQuery")) == 4
    assert all("Слишком" not in c.params["text"] for c in bot.sent())


# --------------------------------------------------------------------------- hostile and huge input


async def test_a_ten_thousand_character_message_is_handled(start_bot: StartBot) -> None:
    bot = await start_bot()
    long_question = ("товарооборот россии и азербайджана в 2023 году " * 250)[:10_000]
    [first] = await bot.ask(bot.api.private_message(long_question))
    assert_valid_reply(first)
    [second] = await bot.ask(bot.api.private_message("я" * 10_000))
    assert_valid_reply(second)
    [third] = await bot.ask(bot.api.group_message("@factbot_test_bot " + "ж " * 5000))
    assert_valid_reply(third)
    assert bot.services.storage.stats()["overall"]["questions"] == 3


HOSTILE = [
    '<b>Какой</b> товарооборот </a> был в <a href="javascript:alert(1)">2023</a> году &amp; <script>x</script>?',
    '<a href="javascript:alert(1)">click</a> &amp; &lt;b&gt; </b></i> <tg-spoiler> <pre>',
    "&#0; &#xFFFFFF; &bogus; <<>> <",
]


@pytest.mark.parametrize("text", HOSTILE)
async def test_user_html_never_reaches_telegram_unescaped(start_bot: StartBot, text: str) -> None:
    bot = await start_bot()
    [private] = await bot.ask(bot.api.private_message(text))
    [group] = await bot.ask(bot.api.group_message(f"@factbot_test_bot {text}"))
    [admin_view] = await bot.ask(bot.api.private_message("/unanswered", user_id=bot.admin_id))
    for call in (private, group, admin_view):
        assert call.ok, call.result
        assert call.params.get("parse_mode") == "HTML"
        sent = call.params["text"]
        for raw in ("<b>Какой", 'href="javascript:', "<script>", "</a> был", "<tg-spoiler>", "<pre>", "&bogus;"):
            assert raw not in sent
        assert not any(e.get("type") == "text_link" and "javascript" in e.get("url", "")
                       for e in call.result.get("entities", []))
    # declined (unknown words); the admin sees exactly what was asked, twice, as text
    assert admin_view.result["text"].count(text) == 2


async def test_a_long_reply_is_split_into_messages_within_the_limit(start_bot: StartBot,
                                                                    bundled_engine: Engine) -> None:
    settings = EngineSettings(max_list=100)
    engine = Engine(bundled_engine.base, settings, index=bundled_engine.index)
    bot = await start_bot(engine=engine)
    update = bot.api.group_message("/ask какие встречи были", chat_type="supergroup")
    bot.api.push_update(update)
    await bot.barrier()
    parts = bot.sent()
    assert len(parts) >= 2
    for part in parts:
        assert_valid_reply(part)
    assert reply_to(parts[0]) == update["message"]["message_id"]
    assert all("reply_parameters" not in part.params for part in parts[1:])
    assert all("reply_markup" not in part.params for part in parts[:-1])  # buttons under the last part only
    whole = "\n".join(part.params["text"] for part in parts)
    answer = engine.answer("какие встречи были")
    assert len(answer.items) > 20
    for item in answer.items:
        assert escape(item.text) in whole
    assert whole.count('<a href="http://ria.ru">') == 1


# --------------------------------------------------------------------------- failures


async def test_a_failing_handler_apologises_and_the_bot_keeps_answering(
        start_bot: StartBot, bundled_engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    bot = await start_bot()
    bot.allow_errors = True
    real_answer = Engine.answer
    failures: list[str] = []

    def broken(self: Engine, question: str, context: object | None = None, **kwargs: Any) -> Any:
        if not failures:
            failures.append(question)
            raise RuntimeError("engine exploded")
        return real_answer(self, question, context, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Engine, "answer", broken)  # on the class: an instance attribute would outlive the test
    update = bot.api.group_message(f"/ask {TRADE_2023}")
    [apology] = await bot.ask(update)
    assert apology.params["text"] == APOLOGY and apology.ok
    assert reply_to(apology) == update["message"]["message_id"]
    errors = bot.handler_errors()
    assert len(errors) == 1 and errors[0].exc_info is not None
    assert "RuntimeError" in errors[0].getMessage()

    [answer] = await bot.ask(bot.api.private_message(TRADE_2023))
    assert TRADE_2023_WORDS in answer.params["text"]


async def test_telegram_failures_while_answering_are_survived(start_bot: StartBot) -> None:
    bot = await start_bot()
    bot.allow_errors = True
    bot.api.fail_next("sendMessage", status=403)  # blocked: the answer and then the apology fail
    bot.api.fail_next("sendMessage", status=403)
    bot.api.push_update(bot.api.private_message(TRADE_2023))
    await bot.barrier()
    assert [c.status for c in bot.api.calls("sendMessage") if c.params["chat_id"] == DEFAULT_USER_ID] == [403, 403]
    [answer] = await bot.ask(bot.api.private_message(RELATIONS))
    assert RELATIONS_WORDS in answer.params["text"]


async def test_html_rejected_by_telegram_falls_back_to_plain_text(start_bot: StartBot) -> None:
    bot = await start_bot()
    bot.api.fail_next("sendMessage", status=400, description="Bad Request: can't parse entities: oops")
    bot.api.push_update(bot.api.private_message(TRADE_2023))
    await bot.barrier()
    failed, plain = [c for c in bot.api.calls("sendMessage") if c.params["chat_id"] == DEFAULT_USER_ID]
    assert failed.status == 400 and plain.ok
    assert "parse_mode" not in plain.params and "<a" not in plain.params["text"]
    assert TRADE_2023_WORDS in plain.params["text"]
    assert buttons(plain) == buttons(failed)
