"""bot.offline.chat: the terminal conversation, driven by a non-tty text stream."""

from __future__ import annotations

import dataclasses
import io
import json

import pytest

from bot.offline import (
    CHAT_HELP,
    CHAT_HELP_EN,
    answer_safely,
    ask_batch,
    chat,
    greeting,
    render_quote,
    timeline_for,
)
from knowledge import bundled_path
from knowledge.engine import Engine

SOURCE_LINE = "Источник: РИА Новости, 22.04.2024 — http://ria.ru"
QUESTION = "когда путин с алиевым виделись в самарканде?"


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.from_path()


def talk(engine: Engine, *lines: str, end: str = "") -> tuple[int, str]:
    """Run a conversation; ``end`` is appended after the lines (\"\" = end of input)."""
    inp = io.StringIO("".join(f"{line}\n" for line in lines) + end)
    out = io.StringIO()
    code = chat(engine, inp=inp, out=out)
    return code, out.getvalue()


def test_greeting_names_the_fact_count_and_the_source_date(engine: Engine) -> None:
    code, out = talk(engine)
    assert code == 0
    first = out.splitlines()[0]
    assert f"В базе {len(engine.base.facts)} фактов" in first
    assert "база актуальна на 22.04.2024" in first
    assert out.startswith(greeting(engine))
    assert CHAT_HELP in out


def test_an_answer_then_quote(engine: Engine) -> None:
    code, out = talk(engine, QUESTION, "/quote", "/quit")
    assert code == 0
    answer_fact = engine.answer(QUESTION).facts[0]
    quote = engine.quote(answer_fact)
    assert quote
    assert SOURCE_LINE in out
    assert "Цитата из источника:" in out
    assert f"«{quote}»" in out
    source = (bundled_path() / "texts" / "ria-2024-04-22.txt").read_text(encoding="utf-8")
    assert quote in source
    assert out.index(SOURCE_LINE) < out.index("Цитата из источника:")


def test_quote_before_any_question_asks_for_one(engine: Engine) -> None:
    _, out = talk(engine, "/quote")
    assert "Сначала задайте вопрос." in out
    assert "Цитата из источника" not in out


def test_quote_follows_the_latest_answer(engine: Engine) -> None:
    first = engine.answer(QUESTION).facts[0]
    second_question = "когда установлены дипломатические отношения"
    second = engine.answer(second_question).facts[0]
    _, out = talk(engine, QUESTION, second_question, "/quote")
    quote_part = out.split("Цитата из источника:")[-1]
    assert engine.quote(second) in quote_part  # type: ignore[operator]
    assert engine.quote(first) not in quote_part  # type: ignore[operator]


def test_help_prints_the_commands(engine: Engine) -> None:
    _, out = talk(engine, "/help")
    assert out.count(CHAT_HELP) == 2  # once in the greeting, once for /help
    for command in ("/quote", "/help", "/quit"):
        assert command in CHAT_HELP


@pytest.mark.parametrize("command", ["/quit", "/exit", "/q", "выход", "/QUIT"])
def test_quit_ends_with_0_and_ignores_what_follows(engine: Engine, command: str) -> None:
    code, out = talk(engine, command, QUESTION)
    assert code == 0
    assert SOURCE_LINE not in out  # the question after /quit was never answered


def test_end_of_input_ends_with_0(engine: Engine) -> None:
    code, out = talk(engine, QUESTION)
    assert code == 0
    assert SOURCE_LINE in out
    code, _ = talk(engine, end="привет")  # a last line without a newline is still read, then EOF
    assert code == 0


def test_blank_lines_and_garbage_do_not_end_the_chat(engine: Engine) -> None:
    code, out = talk(engine, "", "   ", "кхмпф щзыв", "<script>", QUESTION, "/quit")
    assert code == 0
    assert SOURCE_LINE in out  # the question after the garbage was answered
    assert "В базе нет ответа" in out


def test_the_chat_keeps_the_conversation_and_start_resets_it(engine: Engine) -> None:
    _, out = talk(engine, QUESTION, "а где?", "/start", "а где?")
    answers = out.split(CHAT_HELP)
    assert "Где: Самарканд" in answers[1]  # the follow-up continued the question
    assert "Самарканд" not in answers[2]  # after /start it has nothing to continue


def test_the_chat_shows_timelines(engine: Engine) -> None:
    _, out = talk(engine, "/timeline Мишустин", "/timeline абракадабра")
    assert "Хронология: Михаил Мишустин" in out and "• 08.06.2023 — " in out
    assert "Не понял, что показать" in out


# --------------------------------------------------------------------------- --lang

EN_QUESTION = "when did Putin and Aliyev meet in Samarkand?"
EN_SOURCE_LINE = "Source: RIA Novosti, 22 Apr 2024, http://ria.ru (in Russian)"


def talk_in(engine: Engine, lang: str, *lines: str) -> str:
    out = io.StringIO()
    assert chat(engine, inp=io.StringIO("".join(f"{line}\n" for line in lines)), out=out, lang=lang) == 0
    return out.getvalue()


def test_auto_answers_each_question_in_its_own_language(engine: Engine) -> None:
    out = talk_in(engine, "auto", QUESTION, EN_QUESTION)
    assert out.startswith(greeting(engine))  # the chat's own words stay Russian on auto
    russian, english = out.split(SOURCE_LINE)
    assert "Самарканд" in russian
    assert "Samarkand" in english and english.rstrip().endswith(EN_SOURCE_LINE)


def test_lang_en_speaks_english_and_answers_a_russian_question_in_english(engine: Engine) -> None:
    out = talk_in(engine, "en", QUESTION, EN_QUESTION, "/quote", "/help")
    assert out.startswith(greeting(engine, "en"))
    assert out.startswith("factbot — questions about Russia–Azerbaijan relations.")
    assert "up to date as of 2024-04-22" in out.splitlines()[0]
    assert out.count(CHAT_HELP_EN) == 2 and CHAT_HELP not in out
    forced = engine.answer(QUESTION, lang="en")
    assert forced.lang == "en" and forced.reply in out  # the Russian question, answered in English
    assert SOURCE_LINE not in out and "Источник" not in out
    quote_part = out.split("Quote from the source (in Russian):")[1]
    fact = engine.answer(EN_QUESTION).facts[0]
    assert f"«{engine.quote(fact)}»" in quote_part


def test_lang_ru_answers_an_english_question_in_russian(engine: Engine) -> None:
    out = talk_in(engine, "ru", EN_QUESTION, "/quote")
    assert "Source:" not in out and "Quote from the source" not in out
    assert engine.answer(EN_QUESTION, lang="ru").lang == "ru"


def test_english_chat_texts_before_a_question(engine: Engine) -> None:
    out = talk_in(engine, "en", "/quote")
    assert "Ask a question first." in out and "Сначала" not in out


def test_answer_safely_passes_the_language(engine: Engine) -> None:
    for lang, expected in (("en", "en"), ("ru", "ru"), ("auto", "ru")):
        answer = answer_safely(engine, QUESTION, lang=lang)
        assert answer is not None and answer.lang == expected, lang
    english = answer_safely(engine, EN_QUESTION)
    assert english is not None and english.lang == "en"


def test_the_chat_timeline_follows_the_language(engine: Engine) -> None:
    assert "Timeline:" in talk_in(engine, "en", "/timeline 2022")
    assert "Хронология: 2022 год" in talk_in(engine, "auto", "/timeline 2022")


def test_timeline_for_reads_the_request_in_its_language_or_the_forced_one(engine: Engine) -> None:
    found = timeline_for(engine, "Лавров")
    assert found is not None and found[0].lang == "ru"
    found = timeline_for(engine, "Lavrov")  # no word tells the language: Russian finds nothing, English does
    assert found is not None and found[0].lang == "en" and found[1].facts
    assert timeline_for(engine, "Lavrov", "ru") is None
    found = timeline_for(engine, "2022", "en")
    assert found is not None and found[0].lang == "en"
    assert found[0].timeline_answer(found[1]).lang == "en"
    assert timeline_for(engine, "абракадабра") is None


def test_render_quote_in_english_names_the_source_language(engine: Engine) -> None:
    answer = engine.answer(EN_QUESTION)
    assert answer.lang == "en" and answer.facts
    text = render_quote(engine, answer)
    assert text.startswith("Quote from the source (in Russian):\n«")
    nothing = dataclasses.replace(answer, answered=False, suggestions=())
    assert render_quote(engine, nothing) == "No quote: the last answer does not rest on a fact from the source."
    assert render_quote(engine, dataclasses.replace(nothing, lang="ru")).startswith("Цитаты нет")


class Exploding:
    """An engine whose every answer fails."""

    def answer(self, question: str, *args: object, **kwargs: object) -> None:
        raise RuntimeError("engine exploded")


def test_a_failed_answer_in_a_batch_keeps_the_answer_keys_and_the_language(engine: Engine) -> None:
    out = io.StringIO()
    assert ask_batch(Exploding(), [f"{QUESTION}\n", f"{EN_QUESTION}\n"], out) == 0  # type: ignore[arg-type]
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [(r["kind"], r["lang"]) for r in records] == [("error", "ru"), ("error", "en")]
    assert set(records[0]) == set(engine.answer(QUESTION).to_dict())
    forced = io.StringIO()
    ask_batch(Exploding(), [QUESTION], forced, lang="en")  # type: ignore[arg-type]
    assert json.loads(forced.getvalue())["lang"] == "en"
