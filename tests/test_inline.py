"""Inline mode end to end: ``@bot вопрос`` through the real Application and the fake Bot API server.

Each test pushes ``inline_query`` updates and reads what the bot passed to
``answerInlineQuery`` — the results and, for each, the message a user choosing it
would send, as Telegram would parse it (tests/fakebotapi.py). Fixtures are in
tests/conftest.py.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest
from conftest import RunningBot, StartBot
from fakebotapi import DEFAULT_USER_ID, MAX_INLINE_RESULT_ID_BYTES, MAX_MESSAGE_LENGTH, QUERY_TOO_OLD

from bot.config import Config
from handlers import inline
from handlers.inline import (
    CACHE_TIME,
    MAX_RESULTS,
    NO_ANSWER_TITLE,
    NOT_EXACT_TITLE,
    answer_results,
    fit_message,
    normalise_query,
    representative_facts,
    trim,
)
from handlers.render import answer_html
from knowledge.base.model import short_key
from knowledge.engine import Engine

RELATIONS = "Когда установлены дипломатические отношения?"
RELATIONS_FACT = "diplomacy-1992-04-04-relations-established"
RELATIONS_WORDS = "4 апреля 1992 года"
TRADE_2023 = "Какой товарооборот был в 2023 году?"
TRADE_2023_FACT = "trade-2023-record"
AGREEMENTS = "какие соглашения подписаны"  # a short list: the whole list and each fact fit in five results
MEETINGS = "все встречи Путина и Алиева"  # a long list: one result
OFF_TOPIC = "Какая погода будет завтра в Москве?"
PARTIAL = "Где установили дипотношения России и Азербайджана?"  # the fact holds no place
DEVELOPING = "Как развивается торгово-экономическое сотрудничество России и Азербайджана?"
NEW_WORDS = "успешно и динамично развивается"
SOURCE = "РИА Новости, 22.04.2024"
RELATED = "Похожий вопрос: "
OTHER_USER = 222222222


async def ask_inline(bot: RunningBot, query: str, **kwargs: Any) -> dict[str, Any]:
    """Push an inline query, wait until it was handled; returns the answer Telegram accepted."""
    query_id = bot.api.push_inline_query(query, **kwargs)
    await bot.barrier()
    answer = bot.api.inline_answer(query_id)
    assert answer is not None, [str(c) for c in bot.api.calls("answerInlineQuery")]
    return answer


def sent(result: dict[str, Any]) -> str:
    """The text of the message choosing this result sends (what the chat sees, markup parsed)."""
    return str(result["sent"]["text"])


def links(result: dict[str, Any]) -> list[str]:
    return [e["url"] for e in result["sent"]["entities"] if e["type"] == "text_link"]


def assert_well_formed(results: list[dict[str, Any]]) -> None:
    assert len(results) <= MAX_RESULTS
    for result in results:
        assert result["type"] == "article"
        assert 1 <= len(result["id"].encode()) <= MAX_INLINE_RESULT_ID_BYTES
        assert result["title"].strip() and "\n" not in result["title"]
        content = result["input_message_content"]
        assert content["parse_mode"] == "HTML"
        assert content["link_preview_options"] == {"is_disabled": True}
        assert 1 <= len(sent(result)) <= MAX_MESSAGE_LENGTH


def is_related(result: dict[str, Any]) -> bool:
    return str(result["title"]).startswith(RELATED)


# --------------------------------------------------------------------------- answers


async def test_a_question_offers_its_answer_with_the_source(start_bot: StartBot) -> None:
    bot = await start_bot(rate_limit=True)  # the production wiring
    answer = await ask_inline(bot, RELATIONS)
    results = answer["results"]
    assert_well_formed(results)
    [result] = results  # one fact answers it: one result, nothing padded around it
    assert result["id"] == f"a:{short_key(RELATIONS_FACT)}"
    assert RELATIONS_WORDS in result["title"]
    assert RELATIONS_WORDS in sent(result) and SOURCE in sent(result)
    assert links(result) == ["http://ria.ru"]
    assert any(e["type"] == "bold" for e in result["sent"]["entities"])  # the lead, as in private chats
    assert answer["cache_time"] == CACHE_TIME and not answer["is_personal"]
    assert bot.calls("sendMessage") == []  # inline mode sends nothing by itself
    assert bot.services.storage.stats()["overall"]["questions"] == 0  # keystrokes are not questions


async def test_the_message_is_the_private_answer(start_bot: StartBot, bundled_engine: Engine) -> None:
    bot = await start_bot()
    [result] = (await ask_inline(bot, TRADE_2023))["results"]
    [private] = await bot.ask(bot.api.private_message(TRADE_2023))
    assert result["input_message_content"]["message_text"] == private.params["text"]
    assert result["input_message_content"]["message_text"] == answer_html(bundled_engine.answer(TRADE_2023))


async def test_a_short_list_gives_the_list_then_each_fact(start_bot: StartBot, bundled_engine: Engine) -> None:
    expected = bundled_engine.answer(AGREEMENTS)
    assert expected.kind == "list" and 1 + len(expected.items) <= MAX_RESULTS
    bot = await start_bot()
    results = (await ask_inline(bot, AGREEMENTS))["results"]
    assert_well_formed(results)
    whole, *each = results
    assert whole["id"] == "list"
    assert all(item.text in sent(whole) for item in expected.items) and SOURCE in sent(whole)
    assert [r["id"] for r in each] == [f"f:{short_key(item.fact_id)}" for item in expected.items]
    for result, item in zip(each, expected.items, strict=True):
        assert sent(result).startswith(item.text) and SOURCE in sent(result)
        assert result["title"] == trim(item.text, inline.MAX_TITLE)


async def test_a_long_list_is_one_result_with_every_fact(start_bot: StartBot, bundled_engine: Engine) -> None:
    expected = bundled_engine.answer(MEETINGS)
    assert expected.kind == "list" and len(expected.items) + 1 > MAX_RESULTS
    bot = await start_bot()
    [result] = (await ask_inline(bot, MEETINGS))["results"]
    assert all(item.text in sent(result) for item in expected.items)
    assert sent(result).rstrip().endswith(SOURCE)


# --------------------------------------------------------------------------- no answer: never titled as one


async def test_an_off_topic_query_is_never_presented_as_an_answer(start_bot: StartBot,
                                                                   bundled_engine: Engine) -> None:
    expected = bundled_engine.answer(OFF_TOPIC)
    assert expected.kind == "decline" and expected.suggestions
    bot = await start_bot()
    results = (await ask_inline(bot, OFF_TOPIC))["results"]
    assert_well_formed(results)
    first, *others = results
    assert first["title"] == NO_ANSWER_TITLE and first["id"] == "none"
    assert sent(first).startswith(f"В базе нет ответа на вопрос «{OFF_TOPIC}».")
    assert SOURCE not in sent(first)
    assert others and all(is_related(r) for r in others)
    for result, suggestion in zip(others, expected.suggestions, strict=False):
        assert result["id"] == f"s:{short_key(suggestion.fact_id)}"
        own = bundled_engine.answer_fact(suggestion.fact_id)
        assert own is not None and sent(result).startswith(own.items[0].text)  # the fact's own answer
        assert SOURCE in sent(result)


async def test_a_partial_answer_says_the_source_does_not_tell(start_bot: StartBot, bundled_engine: Engine) -> None:
    expected = bundled_engine.answer(PARTIAL)
    assert expected.kind == "partial" and not expected.answered
    bot = await start_bot()
    results = (await ask_inline(bot, PARTIAL))["results"]
    assert_well_formed(results)
    first, *others = results
    assert first["title"] == NOT_EXACT_TITLE
    assert first["description"].startswith(expected.lead)
    assert sent(first).startswith(expected.lead)  # the message says it too, before the closest fact
    assert all(is_related(r) for r in others)


def test_no_unanswered_kind_yields_an_answer_title(bundled_engine: Engine) -> None:
    """Whatever the engine does not assert, the first title says there is no answer."""
    questions = [OFF_TOPIC, PARTIAL, "кто такой Наполеон", "сколько стоит биткоин", "путин", "<b>x</b>",
                 "где встречались", "какие фильмы сняли в баку"]
    seen = set()
    for question in questions:
        answer = bundled_engine.answer(question)
        if answer.answered or answer.kind == "smalltalk":
            continue
        seen.add(answer.kind)
        first, *others = answer_results(bundled_engine, question, answer)
        assert first.title in (NO_ANSWER_TITLE, NOT_EXACT_TITLE), question
        assert all(r.title.startswith(RELATED) for r in others), question
    assert {"decline", "partial"} <= seen


# --------------------------------------------------------------------------- the empty query


async def test_the_empty_query_shows_examples_then_the_most_asked_facts(start_bot: StartBot,
                                                                         bundled_engine: Engine) -> None:
    bot = await start_bot()
    before = (await ask_inline(bot, ""))["results"]
    assert_well_formed(before)
    examples = representative_facts(bundled_engine)[:MAX_RESULTS]
    assert [r["id"] for r in before] == [f"t:{short_key(f)}" for f in examples]
    assert len(before) == MAX_RESULTS

    for question in (TRADE_2023, RELATIONS, "когда установили дипотношения", TRADE_2023, RELATIONS,
                     "Какой был товарооборот в 2023?", OFF_TOPIC):
        await bot.ask(bot.api.private_message(question))
    # three answers each; the tie goes to the fact asked about last
    assert bot.services.storage.top_facts(2) == [(TRADE_2023_FACT, 3), (RELATIONS_FACT, 3)]

    after = (await ask_inline(bot, "   "))["results"]  # white space is the empty query too
    assert_well_formed(after)
    ids = [r["id"] for r in after]
    assert ids[:2] == [f"t:{short_key(TRADE_2023_FACT)}", f"t:{short_key(RELATIONS_FACT)}"]
    assert len(ids) == len(set(ids)) == MAX_RESULTS  # topped up with examples, none twice
    relations = after[ids.index(f"t:{short_key(RELATIONS_FACT)}")]
    assert RELATIONS_WORDS in sent(relations) and SOURCE in sent(relations)
    fact = bundled_engine.fact(RELATIONS_FACT)
    assert fact is not None and relations["title"].casefold() == fact.questions[0].casefold()


async def test_the_most_asked_order_follows_the_counts(start_bot: StartBot) -> None:
    bot = await start_bot()
    for question in (TRADE_2023, RELATIONS, RELATIONS):
        await bot.ask(bot.api.private_message(question))
    ids = [r["id"] for r in (await ask_inline(bot, ""))["results"]]
    assert ids[:2] == [f"t:{short_key(RELATIONS_FACT)}", f"t:{short_key(TRADE_2023_FACT)}"]


async def test_small_talk_inline_shows_facts_not_a_greeting(start_bot: StartBot) -> None:
    bot = await start_bot()
    results = (await ask_inline(bot, "привет"))["results"]
    assert results and all(r["id"].startswith("t:") for r in results)
    assert not any("Здравствуйте" in sent(r) for r in results)


# --------------------------------------------------------------------------- caching


async def test_repeats_hit_the_local_cache_until_a_reload(start_bot: StartBot, kb_copy: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []
    original = Engine.answer

    def counting(self: Engine, question: str, *args: Any, **kwargs: Any) -> Any:
        asked.append(question)
        return original(self, question, *args, **kwargs)

    monkeypatch.setattr(Engine, "answer", counting)
    bot = await start_bot()
    first = await ask_inline(bot, DEVELOPING)
    assert asked == [DEVELOPING]
    again = await ask_inline(bot, "  " + DEVELOPING.upper() + " ")  # same query, other spacing and case
    assert asked == [DEVELOPING], "the repeat was answered again instead of from the cache"
    assert again["results"] == first["results"]
    assert any("cached=True" in r.getMessage() for r in bot.caplog.records)
    assert NEW_WORDS not in sent(first["results"][0])

    economy = kb_copy / "facts" / "economy.yaml"
    text = economy.read_text(encoding="utf-8")
    assert "успешно развивается" in text
    economy.write_text(text.replace("успешно развивается", NEW_WORDS), encoding="utf-8")
    [reloaded] = await bot.ask(bot.api.private_message("/reload", user_id=bot.admin_id))
    assert reloaded.params["text"].startswith("Загружено")

    after = await ask_inline(bot, DEVELOPING)
    assert asked == [DEVELOPING, DEVELOPING], "after a reload the old engine's results were served"
    assert NEW_WORDS in sent(after["results"][0])


def test_the_local_cache_is_bounded_and_per_engine(bundled_engine: Engine) -> None:
    cache = inline.ResultCache(size=2)
    results = answer_results(bundled_engine, RELATIONS, bundled_engine.answer(RELATIONS))
    for key in ("a", "b", "c"):
        cache.put(bundled_engine, key, results)
    assert cache.get(bundled_engine, "a") is None  # the least recently used went first
    assert cache.get(bundled_engine, "c") == tuple(results)
    other = Engine(bundled_engine.base)
    assert cache.get(other, "c") is None  # another engine: nothing of the old one is served
    assert cache.get(bundled_engine, "c") is None  # ... and the old entries are gone for good


# --------------------------------------------------------------------------- hostile input, flood, failures


HOSTILE = [
    "",
    " \n\t ",
    "🙂" * 200,
    "<script>alert(1)</script>",
    "<b>жирный</b> & <i>",
    "&amp; &lt; &#x41; &",
    "a" * 1000,  # Telegram caps queries at 256 characters; the bot does not rely on it
    "\x00\u202e\u200b",
    "когда <a href='javascript:x'>установлены</a> отношения",
    "@factbot_test_bot",
    "путин " * 60,
    "🇷🇺🇦🇿 товарооборот?",
]


async def test_hostile_queries_never_break_the_answer(start_bot: StartBot) -> None:
    bot = await start_bot()
    for query in HOSTILE:
        answer = await ask_inline(bot, query)
        assert_well_formed(answer["results"])
        for result in answer["results"]:
            # only the bot's own markup: nothing of the query became a tag
            assert {e["type"] for e in result["sent"]["entities"]} <= {"bold", "italic", "text_link", "url",
                                                                      "mention", "hashtag", "bot_command"}
            for url in links(result):
                assert url.startswith("http"), url
    script = (await ask_inline(bot, "<script>alert(1)</script>"))["results"][0]
    assert script["title"] == inline.NO_ANSWER_TITLE_EN  # Latin words only: read and answered as English
    assert "<script>alert(1)</script>" in sent(script)  # shown as text, escaped in the markup
    assert "<script>" not in script["input_message_content"]["message_text"]


def test_query_and_message_limits() -> None:
    assert normalise_query("  a \n b  ") == "a b"
    assert len(normalise_query("я " * 10_000)) <= inline.MAX_QUERY
    assert trim("слово " * 100, 30).endswith("…") and len(trim("слово " * 100, 30)) <= 30
    assert trim("коротко", 30) == "коротко"
    long_html = "\n".join(f"• <b>факт {n}</b> &amp; " + "текст " * 20 for n in range(200))
    fitted = fit_message(long_html)
    assert len(fitted) <= MAX_MESSAGE_LENGTH and fitted.endswith("…")
    assert fitted.count("<b>") == fitted.count("</b>")


async def test_a_flooding_user_gets_empty_uncached_results(start_bot: StartBot) -> None:
    bot = await start_bot(flood_messages=2)  # inline allows FLOOD_FACTOR times as many
    limit = 2 * inline.FLOOD_FACTOR
    for n in range(limit):
        assert (await ask_inline(bot, RELATIONS + "?" * n))["results"]
    over = await ask_inline(bot, TRADE_2023)
    assert over["results"] == [] and over["cache_time"] == 0 and over["is_personal"] is True
    assert (await ask_inline(bot, TRADE_2023, from_user=OTHER_USER))["results"]  # others are not affected
    # inline queries do not use up the user's messages: a private question is still answered
    [reply] = await bot.ask(bot.api.private_message(TRADE_2023, user_id=DEFAULT_USER_ID))
    assert "Слишком много" not in reply.params["text"]


async def test_a_failed_answer_is_logged_not_raised(start_bot: StartBot) -> None:
    bot = await start_bot()
    bot.api.fail_next("answerInlineQuery", status=400, description=QUERY_TOO_OLD)
    query_id = bot.api.push_inline_query(RELATIONS)
    await bot.barrier()
    assert bot.api.inline_answer(query_id) is None
    assert any("could not answer an inline query" in r.getMessage() and r.levelno == logging.WARNING
               for r in bot.caplog.records)
    assert (await ask_inline(bot, RELATIONS))["results"]  # and the next query is answered
    # the fixture fails the test if the error handler logged anything


def test_run_asks_telegram_for_inline_queries(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from telegram.ext import Application

    from bot import app as bot_app

    seen: dict[str, Any] = {}

    def run_polling(self: Application, **kwargs: Any) -> None:  # type: ignore[type-arg]
        seen.update(kwargs)
        self.bot_data.services.storage.close()

    monkeypatch.setattr(Application, "run_polling", run_polling)
    monkeypatch.setattr(bot_app, "wait_for_bot_api", lambda config: None)  # never the real Bot API
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    token = "123456789:AAwrongTokenButWellFormed_0123456789abcdef"
    bot_app.run(Config(token=token, storage_path=tmp_path / "s.sqlite3"))
    assert "inline_query" in seen["allowed_updates"]
