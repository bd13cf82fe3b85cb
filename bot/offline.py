"""`factbot ask` and `factbot chat`: the engine in a terminal, no token needed.

They call the very engine the Telegram handlers call, so what a terminal
shows is what a Telegram user gets (minus the HTML).
"""

from __future__ import annotations

import contextlib
import json
import logging
import sys
from collections.abc import Iterable
from typing import TextIO

from knowledge.answer import Answer
from knowledge.context import Context, Conversations
from knowledge.engine import Engine

log = logging.getLogger(__name__)

CHAT_KEY = "terminal"  # one conversation per `factbot chat` session
TIMELINE_HINT = ("Не понял, что показать. Например: /timeline 2023, /timeline 2020-2022, /timeline Лавров, "
                 "/timeline торговля.")
QUIT_COMMANDS = frozenset({"/quit", "/exit", "/q", "выход"})
CHAT_HELP = ("Можно уточнять: «а в 2022?», «а где?», «подробнее», «а источник?». "
             "Команды: /timeline [год | имя | тема] — хронология, /quote — цитата из источника к последнему "
             "ответу, /start — новый разговор, /help — эта справка, /quit — выход.")


def answer_safely(engine: Engine, question: str, context: Context | None = None) -> Answer | None:
    """The engine's answer, or None if it failed (logged; never propagates)."""
    try:
        return engine.answer(question, context)
    except Exception:  # a bug must cost one answer, never the batch
        log.exception("the engine failed on a question")
        return None


def render_quote(engine: Engine, answer: Answer) -> str:
    quotes = [q for q in (engine.quote(fid) for fid in answer.facts or [s.fact_id for s in answer.suggestions]) if q]
    if not quotes:
        return "Цитаты нет: последний ответ не опирается на факт из источника."
    lines = [f"«{q}»" for q in dict.fromkeys(quotes)]
    return "Цитата из источника:\n" + "\n".join(lines)


def ask_batch(engine: Engine, lines: Iterable[str], out: TextIO) -> int:
    """One JSON object per input line, in order, flushed line by line."""
    for raw in lines:
        question = raw.rstrip("\r\n")
        answer = answer_safely(engine, question)
        record = answer.to_dict() if answer else {
            "question": question, "answered": False, "kind": "error", "reply": "Внутренняя ошибка.",
            "facts": [], "sources": [], "score": 0.0, "suggestions": [],
        }
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        out.flush()
    return 0


def ask_one(engine: Engine, question: str, out: TextIO, *, as_json: bool, with_quote: bool) -> int:
    answer = answer_safely(engine, question)
    if answer is None:
        print("Внутренняя ошибка: ответ не получен.", file=sys.stderr)
        return 1
    if as_json:
        record = answer.to_dict()
        if with_quote:
            record["quotes"] = [engine.quote(fid) for fid in answer.facts]
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
    else:
        out.write(answer.reply + "\n")
        if with_quote and answer.facts:
            out.write("\n" + render_quote(engine, answer) + "\n")
    return 0


def stdin_lines() -> Iterable[str]:
    """Lines of standard input as UTF-8, undecodable bytes replaced rather than fatal."""
    for raw in sys.stdin.buffer:
        yield raw.decode("utf-8", errors="replace")


def greeting(engine: Engine) -> str:
    newest = engine.base.newest_source_date()
    fresh = f", база актуальна на {newest.strftime('%d.%m.%Y')} (дата самого нового источника)" if newest else ""
    return (f"factbot — вопросы об отношениях России и Азербайджана. В базе {len(engine.base.facts)} фактов{fresh}.\n"
            + CHAT_HELP)


def chat(engine: Engine, *, inp: TextIO | None = None, out: TextIO | None = None,
         conversations: Conversations | None = None) -> int:
    """An interactive conversation: the offline twin of the bot, follow-ups and all."""
    conversations = conversations or Conversations()
    inp = inp or sys.stdin
    out = out or sys.stdout
    interactive = inp.isatty()
    if interactive:
        with contextlib.suppress(ImportError):  # not on every platform
            import readline  # noqa: F401 - enables line editing and history for input()
    out.write(greeting(engine) + "\n")
    last: Answer | None = None
    while True:
        try:
            line = input("вы> ") if interactive else inp.readline()
        except (EOFError, KeyboardInterrupt):
            out.write("\n")
            return 0
        if not interactive and line == "":
            return 0
        question = line.strip()
        if question.lower() in QUIT_COMMANDS:
            return 0
        if question.lower() in ("/help", "/start"):
            if question.lower() == "/start":
                conversations.reset(CHAT_KEY)
            out.write(CHAT_HELP + "\n")
            continue
        if question.lower().split(" ", 1)[0] == "/timeline":
            found = engine.timeline(question[len("/timeline"):])
            out.write((engine.timeline_answer(found).reply if found else TIMELINE_HINT) + "\n\n")
            continue
        if question.lower() in ("/quote", "/цитата", "цитата"):
            out.write((render_quote(engine, last) if last else "Сначала задайте вопрос.") + "\n\n")
            continue
        answer = answer_safely(engine, question, conversations.get(CHAT_KEY))
        if answer is None:
            out.write("Извините, что-то пошло не так. Попробуйте переформулировать вопрос.\n\n")
            continue
        last = answer
        conversations.put(CHAT_KEY, answer.context)
        out.write(answer.reply + "\n\n")
        out.flush()
