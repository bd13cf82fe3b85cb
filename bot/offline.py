"""`factbot ask` and `factbot chat`: the engine in a terminal, no token needed.

They call the very engine the Telegram handlers call, so what a terminal
shows is what a Telegram user gets (minus the HTML). ``lang`` is the bot's
/language: "auto" (the question's own language), "ru" or "en".
"""

from __future__ import annotations

import contextlib
import json
import logging
import sys
from collections.abc import Iterable
from typing import TextIO

from knowledge import LANGUAGE_NAMES_EN, Answer, Context, Conversations, Engine, Timeline, detect_language

log = logging.getLogger(__name__)

CHAT_KEY = "terminal"  # one conversation per `factbot chat` session
TIMELINE_HINT = ("Не понял, что показать. Например: /timeline 2023, /timeline 2020-2022, /timeline Лавров, "
                 "/timeline торговля.")
QUIT_COMMANDS = frozenset({"/quit", "/exit", "/q", "выход"})
CHAT_HELP = ("Можно уточнять: «а в 2022?», «а где?», «подробнее», «а источник?». "
             "Команды: /timeline [год | имя | тема] — хронология, /quote — цитата из источника к последнему "
             "ответу, /start — новый разговор, /help — эта справка, /quit — выход.")
CHAT_HELP_EN = ("Follow-ups work: \"and in 2022?\", \"where?\", \"more details\", \"the source?\". "
                "Commands: /timeline [year | name | topic] — a timeline, /quote — the source's words behind the "
                "last answer, /start — a new conversation, "
                "/help — this help, /quit — exit.")


def answer_safely(engine: Engine, question: str, context: Context | None = None, *,
                  lang: str = "auto") -> Answer | None:
    """The engine's answer, or None if it failed (logged; never propagates)."""
    try:
        return engine.answer(question, context, lang=lang)
    except Exception:  # a bug must cost one answer, never the batch
        log.exception("the engine failed on a question")
        return None


def timeline_for(engine: Engine, request: str, lang: str = "auto") -> tuple[Engine, Timeline] | None:
    """The timeline a request asks for, and the engine to tell it with (see ``Engine.find_timeline``)."""
    return engine.find_timeline(request, lang=lang)


def render_quote(engine: Engine, answer: Answer) -> str:
    """The verbatim words of the source behind an answer, introduced in the answer's language."""
    fact_ids = answer.facts or tuple(s.fact_id for s in answer.suggestions)
    quotes = [q for q in (engine.quote(fid) for fid in fact_ids) if q]
    english = answer.lang == "en"
    if not quotes:
        return ("No quote: the last answer does not rest on a fact from the source." if english
                else "Цитаты нет: последний ответ не опирается на факт из источника.")
    lines = [f"«{q}»" for q in dict.fromkeys(quotes)]
    if not english:
        return "Цитата из источника:\n" + "\n".join(lines)
    languages = {engine.base.sources[fact.source].language for fact in map(engine.fact, fact_ids) if fact}
    language = next(iter(languages)) if len(languages) == 1 else ""
    note = f" (in {LANGUAGE_NAMES_EN.get(language, language)})" if language and language != "en" else ""
    return f"Quote from the source{note}:\n" + "\n".join(lines)


def ask_batch(engine: Engine, lines: Iterable[str], out: TextIO, *, lang: str = "auto") -> int:
    """One JSON object per input line, in order, flushed line by line."""
    for raw in lines:
        question = raw.rstrip("\r\n")
        answer = answer_safely(engine, question, lang=lang)
        record = answer.to_dict() if answer else {
            "question": question, "answered": False, "kind": "error", "reply": "Внутренняя ошибка.",
            "facts": [], "sources": [], "score": 0.0, "suggestions": [],
            "lang": lang if lang in ("ru", "en") else detect_language(question),  # the same keys as an answer
        }
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        out.flush()
    return 0


def ask_one(engine: Engine, question: str, out: TextIO, *, as_json: bool, with_quote: bool,
            lang: str = "auto") -> int:
    answer = answer_safely(engine, question, lang=lang)
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


def greeting(engine: Engine, lang: str = "auto") -> str:
    """The first lines of `factbot chat`: in English with ``--lang en``, else in Russian."""
    newest = engine.base.newest_source_date()
    if lang == "en":
        fresh = f", up to date as of {newest.isoformat()} (the newest source)" if newest else ""
        return (f"factbot — questions about Russia–Azerbaijan relations. The base holds {len(engine.base.facts)} "
                f"facts{fresh}.\n" + CHAT_HELP_EN)
    fresh = f", база актуальна на {newest.strftime('%d.%m.%Y')} (дата самого нового источника)" if newest else ""
    return (f"factbot — вопросы об отношениях России и Азербайджана. В базе {len(engine.base.facts)} фактов{fresh}.\n"
            + CHAT_HELP)


def chat(engine: Engine, *, inp: TextIO | None = None, out: TextIO | None = None,
         conversations: Conversations | None = None, lang: str = "auto") -> int:
    """An interactive conversation: the offline twin of the bot, follow-ups and all.

    ``lang`` "en" also puts the chat's own words (greeting, help, prompts) in English."""
    english = lang == "en"
    help_text = CHAT_HELP_EN if english else CHAT_HELP
    conversations = conversations or Conversations()
    inp = inp or sys.stdin
    out = out or sys.stdout
    interactive = inp.isatty()
    if interactive:
        with contextlib.suppress(ImportError):  # not on every platform
            import readline  # noqa: F401 - enables line editing and history for input()
    out.write(greeting(engine, lang) + "\n")
    last: Answer | None = None
    while True:
        try:
            line = input("you> " if english else "вы> ") if interactive else inp.readline()
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
            out.write(help_text + "\n")
            continue
        if question.lower().split(" ", 1)[0] == "/timeline":
            told = timeline_for(engine, question[len("/timeline"):], lang)
            out.write((told[0].timeline_answer(told[1]).reply if told else TIMELINE_HINT) + "\n\n")
            continue
        if question.lower() in ("/quote", "/цитата", "цитата"):
            first = "Ask a question first." if english else "Сначала задайте вопрос."
            out.write((render_quote(engine, last) if last else first) + "\n\n")
            continue
        answer = answer_safely(engine, question, conversations.get(CHAT_KEY), lang=lang)
        if answer is None:
            out.write("Sorry, something went wrong. Please rephrase the question.\n\n" if english
                      else "Извините, что-то пошло не так. Попробуйте переформулировать вопрос.\n\n")
            continue
        last = answer
        conversations.put(CHAT_KEY, answer.context)
        out.write(answer.reply + "\n\n")
        out.flush()
