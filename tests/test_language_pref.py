"""/language end to end: the real bot against the fake Bot API (fixtures in tests/conftest.py).

What the engine is asked is recorded by wrapping the bundled engine's ``answer``; what the user
gets is read from the Bot API requests: the reply's language, the source line, the buttons.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

import pytest
from conftest import RunningBot, StartBot, press
from fakebotapi import DEFAULT_GROUP_ID, DEFAULT_USER_ID, MAX_CALLBACK_DATA_BYTES, Call

from bot.app import post_shutdown
from handlers.language import CURRENT, DONE, NAMES, UNKNOWN
from knowledge.engine import Engine

RU_QUESTION = "Когда установлены дипломатические отношения?"
EN_QUESTION = "When were diplomatic relations established?"
RU_WORDS = "4 апреля 1992 года"
EN_WORDS = "4 April 1992"
RU_SOURCE = "Источник: РИА Новости, 22.04.2024"
EN_SOURCE = "Source: RIA Novosti, 22 Apr 2024 (in Russian)"
OTHER_USER = 333333333


@dataclass
class Recorder:
    """The ``lang`` and ``hint`` of every ``Engine.answer`` call, and the language answered in."""

    calls: list[tuple[str, str, str | None, str]] = field(default_factory=list)

    def last(self) -> tuple[str, str, str | None, str]:
        return self.calls[-1]


@pytest.fixture
def recorder(bundled_engine: Engine, monkeypatch: pytest.MonkeyPatch) -> Recorder:
    found = Recorder()
    real = Engine.answer
    depth = threading.local()  # the engine may ask itself again (in the question's own language): not recorded

    def answer(self: Engine, question: str, *args: Any, **kwargs: Any) -> Any:
        depth.n = getattr(depth, "n", 0) + 1
        try:
            result = real(self, question, *args, **kwargs)
        finally:
            depth.n -= 1
        if depth.n == 0:
            found.calls.append((question, kwargs.get("lang", "auto"), kwargs.get("hint"), result.lang))
        return result

    monkeypatch.setattr(Engine, "answer", answer)  # on the class: an instance attribute would outlive the test
    return found


def buttons(call: Call) -> list[tuple[str, str]]:
    markup: dict[str, Any] = call.params.get("reply_markup") or {}
    return [(b["text"], b["callback_data"]) for row in markup.get("inline_keyboard", []) for b in row]


def shown(call: Call) -> str:
    """The text as the user sees it (markup parsed)."""
    return str(call.result["text"])


async def stop(bot: RunningBot) -> None:
    """Stop a bot as `factbot run` does on SIGTERM: polling, the application, then the storage."""
    await bot.app.updater.stop()
    await bot.app.stop()
    await bot.app.shutdown()
    await post_shutdown(bot.app)


# --------------------------------------------------------------------------- the command


async def test_language_without_an_argument_shows_the_setting_and_three_buttons(start_bot: StartBot) -> None:
    bot = await start_bot()
    [reply] = await bot.ask(bot.api.private_message("/language"))
    assert reply.ok
    assert reply.params["text"] == CURRENT["ru"].format(name=NAMES["ru"]["auto"])
    assert reply.params["text"].startswith("Язык ответов: авто")
    assert buttons(reply) == [("Русский", "lang:ru"), ("English", "lang:en"), ("✓ Авто", "lang:auto")]
    assert all(len(data.encode()) <= MAX_CALLBACK_DATA_BYTES for _, data in buttons(reply))
    assert "reply_parameters" not in reply.params  # no quoting in a private chat
    # a user whose Telegram speaks English reads it in English, the same buttons with «Auto»
    english_user = bot.api.user(OTHER_USER, language_code="en-US")
    [reply] = await bot.ask(bot.api.private_message("/language", from_user=english_user))
    assert reply.params["text"].startswith("Answer language: auto")
    assert [label for label, _ in buttons(reply)] == ["Русский", "English", "✓ Auto"]


async def test_language_en_makes_a_russian_question_answered_in_english(start_bot: StartBot,
                                                                       recorder: Recorder) -> None:
    bot = await start_bot()
    [done] = await bot.ask(bot.api.private_message("/language en"))
    assert done.params["text"] == DONE["en"]
    assert bot.services.storage.get_language(DEFAULT_USER_ID) == "en"

    await bot.ask(bot.api.private_message(RU_QUESTION))
    # forced, the Telegram language passed along, and the engine answered in English
    assert recorder.last() == (RU_QUESTION, "en", "ru", "en")
    [answer] = await bot.ask(bot.api.private_message(EN_QUESTION))
    assert recorder.last() == (EN_QUESTION, "en", "ru", "en")
    assert EN_WORDS in shown(answer) and shown(answer).endswith(EN_SOURCE)
    assert [label for label, _ in buttons(answer)] == ["Quote", "Related"]
    assert all(data.split(":")[0].endswith(".en") for _, data in buttons(answer))

    [done] = await bot.ask(bot.api.private_message("/language RU"))  # any case
    assert done.params["text"] == DONE["ru"]
    await bot.ask(bot.api.private_message(EN_QUESTION))
    assert recorder.last() == (EN_QUESTION, "ru", "ru", "ru")
    [answer] = await bot.ask(bot.api.private_message(RU_QUESTION))
    assert RU_WORDS in shown(answer) and shown(answer).endswith(RU_SOURCE)
    assert [label for label, _ in buttons(answer)] == ["Цитата", "Похожие"]


async def test_auto_answers_each_question_in_its_own_language(start_bot: StartBot, recorder: Recorder) -> None:
    bot = await start_bot()
    [ru] = await bot.ask(bot.api.private_message(RU_QUESTION))
    [en] = await bot.ask(bot.api.private_message(EN_QUESTION))
    assert [(lang, hint, said) for _, lang, hint, said in recorder.calls] == [("auto", "ru", "ru"),
                                                                             ("auto", "ru", "en")]
    assert RU_WORDS in shown(ru) and shown(ru).endswith(RU_SOURCE)
    assert EN_WORDS in shown(en) and shown(en).endswith(EN_SOURCE)
    [done] = await bot.ask(bot.api.private_message("/language авто"))  # an explicit auto, in Russian words
    assert done.params["text"] == DONE["auto"]["ru"]  # type: ignore[index]
    assert bot.services.storage.get_language(DEFAULT_USER_ID) == "auto"


async def test_the_telegram_language_is_the_hint_and_no_user_means_none(start_bot: StartBot,
                                                                       recorder: Recorder) -> None:
    bot = await start_bot()
    english_user = bot.api.user(OTHER_USER, language_code="en")
    await bot.ask(bot.api.private_message(RU_QUESTION, from_user=english_user))
    assert recorder.last()[1:3] == ("auto", "en")
    no_code = bot.api.user(OTHER_USER + 1, language_code=None)
    await bot.ask(bot.api.private_message(RU_QUESTION, from_user=no_code))
    assert recorder.last()[1:3] == ("auto", None)
    await bot.ask(bot.api.channel_post(f"@factbot_test_bot {RU_QUESTION}"))
    assert recorder.last()[1:3] == ("auto", None)  # a channel post has no user


async def test_an_unknown_argument_is_explained_and_changes_nothing(start_bot: StartBot) -> None:
    bot = await start_bot()
    await bot.ask(bot.api.private_message("/language en"))
    [reply] = await bot.ask(bot.api.private_message("/language de"))
    assert reply.params["text"] == UNKNOWN["en"]  # in the language the user chose
    assert bot.services.storage.get_language(DEFAULT_USER_ID) == "en"


async def test_in_a_group_each_member_has_their_own_language(start_bot: StartBot, recorder: Recorder) -> None:
    bot = await start_bot()
    command = bot.api.group_message("/language@factbot_test_bot en")
    [done] = await bot.ask(command)
    assert done.params["text"] == DONE["en"]
    assert done.params["reply_parameters"]["message_id"] == command["message"]["message_id"]
    [mine] = await bot.ask(bot.api.group_message(f"/ask {RU_QUESTION}"))
    [theirs] = await bot.ask(bot.api.group_message(f"/ask {RU_QUESTION}", user_id=OTHER_USER))
    assert [(call[1], call[3]) for call in recorder.calls] == [("en", "en"), ("auto", "ru")]
    assert mine.params["chat_id"] == theirs.params["chat_id"] == DEFAULT_GROUP_ID
    assert shown(theirs).endswith(RU_SOURCE) and "Источник" not in shown(mine)


# --------------------------------------------------------------------------- the buttons


async def test_pressing_a_button_sets_the_language_and_ticks_it(start_bot: StartBot, recorder: Recorder) -> None:
    bot = await start_bot()
    [menu] = await bot.ask(bot.api.private_message("/language"))
    answered = await press(bot, menu.result, "lang:en")
    assert answered.params["text"] == DONE["en"]  # a short confirmation on the button
    [edit] = bot.calls("editMessageText")
    assert edit.ok and edit.params["message_id"] == menu.result["message_id"]
    assert edit.params["text"] == DONE["en"]
    assert buttons(edit) == [("Русский", "lang:ru"), ("✓ English", "lang:en"), ("Auto", "lang:auto")]
    assert bot.services.storage.get_language(DEFAULT_USER_ID) == "en"
    await bot.ask(bot.api.private_message(RU_QUESTION))
    assert recorder.last()[1] == "en"

    # the same button again: nothing to edit, no error
    again = await press(bot, edit.result, "lang:en")
    assert again.params["text"] == DONE["en"]
    answered = await press(bot, edit.result, "lang:ru")
    assert answered.params["text"] == DONE["ru"]
    assert buttons(bot.calls("editMessageText")[-1])[0] == ("✓ Русский", "lang:ru")
    assert bot.services.storage.get_language(DEFAULT_USER_ID) == "ru"


async def test_a_forged_language_button_changes_nothing(start_bot: StartBot) -> None:
    bot = await start_bot()
    for data in ("lang:de", "lang:", "lang:en:x"):
        answered = await press(bot, bot.api.bot_message(DEFAULT_USER_ID, "старое"), data)
        assert answered.params["text"] == UNKNOWN["ru"]
    assert bot.calls("editMessageText") == [] and bot.calls("sendMessage") == []
    assert bot.services.storage.get_language(DEFAULT_USER_ID) is None


async def test_the_buttons_of_an_english_answer_reply_in_english(start_bot: StartBot,
                                                                bundled_engine: Engine) -> None:
    bot = await start_bot()
    [answer] = await bot.ask(bot.api.private_message(EN_QUESTION))
    data = dict(buttons(answer))
    fact = bundled_engine.fact_by_key(data["Quote"].split(":")[1])
    assert fact is not None and fact.text_en

    before = len(bot.sent())
    await press(bot, answer.result, data["Quote"])
    [quote] = bot.sent()[before:]
    assert shown(quote) == f"{fact.quote}\n\nIn short: {fact.text_en}\n\n{EN_SOURCE}"

    before = len(bot.sent())
    await press(bot, answer.result, data["Related"])
    [related] = bot.sent()[before:]
    assert shown(related).startswith("Related facts:")
    for other in bundled_engine.related(fact.id):
        assert (other.text_en or other.text) in shown(related)

    stale = await press(bot, answer.result, "q.en:" + "0" * 12)
    assert stale.params["text"] == "This button is out of date — please ask again."


async def test_a_suggestion_of_an_english_answer_answers_in_english(start_bot: StartBot,
                                                                   bundled_engine: Engine) -> None:
    bot = await start_bot()
    [declined] = await bot.ask(bot.api.private_message("trade turnover with Georgia in 2020"))
    assert shown(declined).startswith("The base has no answer")
    _, data = buttons(declined)[0]
    assert data.startswith("a.en:")
    fact = bundled_engine.fact_by_key(data.split(":")[1])
    assert fact is not None and fact.text_en
    before = len(bot.sent())
    await press(bot, declined.result, data)
    [answer] = bot.sent()[before:]
    assert fact.text_en in shown(answer) and shown(answer).endswith(EN_SOURCE)
    assert [label for label, _ in buttons(answer)] == ["Quote", "Related"]
    # the same fact pressed under a Russian answer: in Russian
    before = len(bot.sent())
    await press(bot, declined.result, data.replace("a.en:", "a:"))
    [russian] = bot.sent()[before:]
    assert fact.text in shown(russian) and shown(russian).endswith(RU_SOURCE)


# --------------------------------------------------------------------------- inline mode and storage


async def test_inline_queries_follow_the_language_and_are_personal_when_forced(start_bot: StartBot,
                                                                              recorder: Recorder) -> None:
    bot = await start_bot()
    query_id = bot.api.push_inline_query(EN_QUESTION)
    await bot.barrier()
    shared = bot.api.inline_answer(query_id)
    assert shared is not None and not shared["is_personal"]  # English words: the same for everybody on auto
    assert shared["results"][0]["sent"]["text"].endswith(EN_SOURCE)
    assert EN_WORDS in shared["results"][0]["title"]

    await bot.ask(bot.api.private_message("/language ru"))
    query_id = bot.api.push_inline_query(EN_QUESTION)  # the same query: not the cached English results
    await bot.barrier()
    mine = bot.api.inline_answer(query_id)
    assert mine is not None and mine["is_personal"]
    assert [(call[1], call[2], call[3]) for call in recorder.calls] == [("auto", "ru", "en"), ("ru", "ru", "ru")]
    assert "Source:" not in mine["results"][0]["sent"]["text"]


async def test_inline_names_only_queries_depend_on_the_telegram_language(start_bot: StartBot,
                                                                        recorder: Recorder) -> None:
    bot = await start_bot()
    answers = []
    for code in ("ru", "en"):
        query_id = bot.api.push_inline_query("Aliyev", from_user=bot.api.user(OTHER_USER, language_code=code))
        await bot.barrier()
        answers.append(bot.api.inline_answer(query_id))
    assert all(answer is not None and answer["is_personal"] for answer in answers)  # a tie: each user's own
    assert [(call[1], call[2]) for call in recorder.calls] == [("auto", "ru"), ("auto", "en")]  # not one cached


async def test_a_storage_failure_costs_the_preference_never_the_answer(start_bot: StartBot, recorder: Recorder,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    bot = await start_bot()
    await bot.ask(bot.api.private_message("/language en"))

    def broken(user_id: int) -> str | None:
        raise RuntimeError("disk gone")

    monkeypatch.setattr(bot.services.storage, "get_language", broken)
    # the choice is not remembered in memory either (as after a restart): only the broken store can tell
    monkeypatch.setattr(bot.services.storage, "remembered_language", lambda user_id: (False, None))
    [answer] = await bot.ask(bot.api.private_message(RU_QUESTION))
    assert recorder.last()[1] == "auto"
    assert RU_WORDS in shown(answer)
    assert any("could not read a user's language" in r.getMessage() for r in bot.caplog.records)


async def test_the_setting_survives_a_restart(start_bot: StartBot, recorder: Recorder) -> None:
    first = await start_bot()
    await first.ask(first.api.private_message("/language en"))
    await stop(first)

    second = await start_bot()  # the same config: the same SQLite file
    second._barriers = first._barriers  # the first bot's barrier replies must not satisfy the second's
    assert second.services.storage is not first.services.storage
    [answer] = await second.ask(second.api.private_message(RU_QUESTION))
    assert recorder.last() == (RU_QUESTION, "en", "ru", "en")
    assert "Источник" not in shown(answer)
    [menu] = await second.ask(second.api.private_message("/language"))
    assert ("✓ English", "lang:en") in buttons(menu)


async def test_the_empty_inline_query_speaks_the_users_language(start_bot: StartBot, bundled_engine: Engine) -> None:
    bot = await start_bot()
    answers = {}
    for code in ("ru", "en"):
        query_id = bot.api.push_inline_query("", from_user=bot.api.user(OTHER_USER, language_code=code))
        await bot.barrier()
        answers[code] = bot.api.inline_answer(query_id)
    russian, english = answers["ru"], answers["en"]
    assert russian is not None and english is not None
    assert [r["id"] for r in russian["results"]] == [r["id"] for r in english["results"]]  # the same facts
    assert not russian["is_personal"] and english["is_personal"]  # the shared ones are the Russian ones
    for result in english["results"]:
        fact = bundled_engine.fact_by_key(result["id"].split(":")[1])
        assert fact is not None and fact.questions_en and fact.text_en
        assert result["title"] == fact.questions_en[0][:1].upper() + fact.questions_en[0][1:]
        assert result["sent"]["text"].endswith(EN_SOURCE)
    assert all(r["sent"]["text"].endswith(RU_SOURCE) for r in russian["results"])


async def test_start_and_help_speak_the_users_language(start_bot: StartBot) -> None:
    """An English-speaking user is greeted and helped in English; the example buttons ask in English."""
    bot = await start_bot()
    english_user = bot.api.user(OTHER_USER, language_code="en")
    [greeting] = await bot.ask(bot.api.private_message("/start", from_user=english_user))
    assert greeting.params["text"].startswith("Hello! The base holds")
    assert all(data.startswith("x.en:") for _, data in buttons(greeting))
    before = len(bot.sent())
    await press(bot, greeting.result, buttons(greeting)[0][1], user=english_user)
    [answer] = bot.sent()[before:]
    assert "1992" in shown(answer) and "Source: RIA Novosti" in shown(answer)
    [helped] = await bot.ask(bot.api.private_message("/help", from_user=english_user))
    assert helped.params["text"].startswith("I answer questions about relations between Russia and Azerbaijan")
    [russian] = await bot.ask(bot.api.private_message("/help"))  # the default user: Russian
    assert russian.params["text"].startswith("Я отвечаю на вопросы")


async def test_the_setting_lives_in_user_data_through_ptb_persistence(start_bot: StartBot) -> None:
    bot = await start_bot()
    await bot.ask(bot.api.private_message("/language en"))
    assert bot.app.user_data[DEFAULT_USER_ID]["language"] == "en"  # PTB's user_data, refreshed from the store
    assert bot.services.storage.get_language(DEFAULT_USER_ID) == "en"
    bot.services.storage.set_language(DEFAULT_USER_ID, "ru")  # changed elsewhere (another replica)
    await bot.ask(bot.api.private_message("/help"))
    assert bot.app.user_data[DEFAULT_USER_ID]["language"] == "ru"
