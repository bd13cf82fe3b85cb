"""bot.offline.chat: the terminal conversation, driven by a non-tty text stream."""

from __future__ import annotations

import io

import pytest

from bot.offline import CHAT_HELP, chat, greeting
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
