"""Inline buttons: the quote, related facts, a suggestion, an example, a page of a topic or a timeline — one
handler each, chosen by the pattern of the button's data (bot/app.py); anything else is a stale button."""

from __future__ import annotations

import logging
import re
from html import escape

from telegram import CallbackQuery, Message, Update
from telegram.error import BadRequest

from handlers.commands import timeline_page, topic_page
from handlers.render import LANG_SUFFIX, answer_html, keyboard, quote_html
from handlers.respond import answer_question, remember, send_html
from handlers.services import BotContext, services
from knowledge import Fact

log = logging.getLogger(__name__)

ASCII_NUMBER = re.compile(r"[0-9]{1,6}")
STALE = "Кнопка устарела — задайте вопрос заново."
STALE_EN = "This button is out of date — please ask again."
RELATED_HEAD = {"ru": "Похожие факты:", "en": "Related facts:"}
NO_RELATED = {"ru": "Похожих фактов нет.", "en": "No related facts."}


def fact_text(fact: Fact, lang: str) -> str:
    """The fact as the reader's language has it: the English rendering when there is one."""
    return (fact.text_en or fact.text) if lang == "en" else fact.text


def _number(text: str) -> int | None:
    """A page or an index from callback data: ASCII digits only («²» and «٣» pass ``str.isdigit``
    and then make ``int`` raise or mean something else)."""
    return int(text) if ASCII_NUMBER.fullmatch(text) else None


# one handler per kind of button, registered with its pattern (bot/app.py); the action may carry LANG_SUFFIX
PATTERNS = {"quote": r"^q(?:\.en)?:", "related": r"^r(?:\.en)?:", "answer": r"^a(?:\.en)?:",
            "example": r"^x(?:\.en)?:", "page": r"^[tl](?:\.en)?:"}


def _pressed(update: Update) -> tuple[CallbackQuery, Message | None, str, str, list[str]] | None:
    """The query, the message it is under (None when Telegram no longer has it), the language, the action
    and its parts."""
    query = update.callback_query
    if query is None:
        return None
    action, _, rest = (query.data or "").partition(":")
    lang = "en" if action.endswith(LANG_SUFFIX) else "ru"
    message = query.message if isinstance(query.message, Message) else None  # not an InaccessibleMessage
    return query, message, lang, action.removesuffix(LANG_SUFFIX), rest.split(":") if rest else []


async def stale(update: Update, context: BotContext) -> None:
    """A button of no known kind, out of date or forged: a polite notice, never an error."""
    pressed = _pressed(update)
    if pressed is not None:
        await _stale(pressed[0], pressed[2])


async def _stale(query: CallbackQuery, lang: str) -> None:
    log.info("stale or unknown button pressed")
    await query.answer(STALE_EN if lang == "en" else STALE, show_alert=False)


async def quote(update: Update, context: BotContext) -> None:
    """«Цитата»: the source's own sentences of the answer's facts."""
    pressed = _pressed(update)
    if pressed is None:
        return
    query, message, lang, _, parts = pressed
    engine = services(context).holder.engine
    facts = [f for f in (engine.fact_by_key(key) for key in parts[:4]) if f is not None]
    if message is None or not facts:
        await _stale(query, lang)
        return
    await query.answer()
    for fact in facts:
        await send_html(message, quote_html(fact.quote, engine.source_ref(fact.source), lang=lang,
                                            summary=fact.text_en))


async def related(update: Update, context: BotContext) -> None:
    """«Похожие»: the facts closest to the pressed one."""
    pressed = _pressed(update)
    if pressed is None:
        return
    query, message, lang, _, parts = pressed
    engine = services(context).holder.engine
    fact = engine.fact_by_key(parts[0]) if parts else None
    if message is None or fact is None:
        await _stale(query, lang)
        return
    await query.answer()
    lines = "\n\n".join(f"• {escape(fact_text(f, lang))}" for f in engine.related(fact.id)) or NO_RELATED[lang]
    await send_html(message, f"{RELATED_HEAD[lang]}\n\n{lines}")


async def suggested(update: Update, context: BotContext) -> None:
    """A suggested question pressed: the fact's answer, and «а где?» afterwards continues it."""
    pressed = _pressed(update)
    if pressed is None:
        return
    query, message, lang, _, parts = pressed
    engine = services(context).holder.engine
    chosen = engine.fact_by_key(parts[0]) if parts else None
    answer = engine.answer_fact(chosen.id, lang=lang) if chosen is not None else None
    if message is None or answer is None:
        await _stale(query, lang)
        return
    await query.answer()
    sent = await send_html(message, answer_html(answer), markup=keyboard(answer))
    remember(services(context).conversations, (message.chat.id, query.from_user.id), answer, sent)


async def example(update: Update, context: BotContext) -> None:
    """An example question of /start pressed: asked as if typed."""
    pressed = _pressed(update)
    if pressed is None:
        return
    query, message, lang, _, parts = pressed
    examples = services(context).holder.engine.examples(lang)
    number = _number(parts[0]) if parts else None
    if message is None or number is None or number >= len(examples):
        await _stale(query, lang)
        return
    await query.answer()
    await answer_question(message, context, examples[number], quote=False)


async def page(update: Update, context: BotContext) -> None:
    """← → of a topic («t») or a timeline («l»): the message edited in place."""
    pressed = _pressed(update)
    if pressed is None:
        return
    query, message, lang, action, parts = pressed
    number = _number(parts[1]) if len(parts) == 2 else None
    shown = None
    if message is not None and number is not None:
        shown = (topic_page(context, parts[0], number) if action == "t"
                 else timeline_page(context, parts[0], number, lang=lang))
    if shown is None:
        await _stale(query, lang)
        return
    await query.answer()
    text, markup = shown
    try:
        await query.edit_message_text(text, reply_markup=markup)
    except BadRequest as exc:  # the same page pressed twice
        if "not modified" not in str(exc).lower():
            raise
