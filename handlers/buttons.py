"""Inline buttons: the quote, related facts, a suggestion, an example, a page of a topic or a timeline."""

from __future__ import annotations

import logging
import re
from html import escape

from telegram import Update
from telegram.constants import ParseMode
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from handlers.commands import timeline_page, topic_page
from handlers.render import LANG_SUFFIX, answer_html, keyboard, quote_html
from handlers.respond import answer_question, remember, send_html
from handlers.services import services
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


async def button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Dispatch a pressed button; a stale or forged one gets a polite notice.

    The buttons of an English answer carry ``LANG_SUFFIX`` on their action («q.en») and reply in English."""
    query = update.callback_query
    if query is None:
        return
    action, _, rest = (query.data or "").partition(":")
    lang = "en" if action.endswith(LANG_SUFFIX) else "ru"
    action = action.removesuffix(LANG_SUFFIX)
    parts = rest.split(":") if rest else []
    engine = services(context).holder.engine
    message = query.message if query.message is not None and hasattr(query.message, "reply_text") else None
    if action == "q" and message is not None:
        facts = [f for f in (engine.fact_by_key(key) for key in parts[:4]) if f is not None]
        if facts:
            await query.answer()
            for fact in facts:
                html = quote_html(fact.quote, engine.source_ref(fact.source), lang=lang, summary=fact.text_en)
                await send_html(message, html)  # type: ignore[arg-type]
            return
    elif action == "r" and message is not None and parts:
        pressed = engine.fact_by_key(parts[0])
        if pressed is not None:
            await query.answer()
            related = engine.related(pressed.id)
            lines = "\n\n".join(f"• {escape(fact_text(f, lang))}" for f in related) or NO_RELATED[lang]
            await send_html(message, f"{RELATED_HEAD[lang]}\n\n{lines}")  # type: ignore[arg-type]
            return
    elif action == "a" and message is not None and parts:
        chosen = engine.fact_by_key(parts[0])
        if chosen is not None:
            await query.answer()
            answer = engine.answer_fact(chosen.id, lang=lang)
            if answer is not None:
                sent = await send_html(message, answer_html(answer), markup=keyboard(answer))  # type: ignore[arg-type]
                # «а где?» after a pressed suggestion continues that fact
                key = (message.chat.id, query.from_user.id)
                remember(services(context).conversations, key, answer, sent)
                return
    elif (action == "x" and message is not None and parts and _number(parts[0]) is not None
          and int(parts[0]) < len(examples := engine.examples(lang))):
        await query.answer()
        await answer_question(message, context, examples[int(parts[0])], quote=False)  # type: ignore[arg-type]
        return
    elif action in ("t", "l") and message is not None and len(parts) == 2 and _number(parts[1]) is not None:
        page = (topic_page(context, parts[0], int(parts[1])) if action == "t"
                else timeline_page(context, parts[0], int(parts[1]), lang=lang))
        if page is not None:
            await query.answer()
            text, markup = page
            try:
                await query.edit_message_text(text, parse_mode=ParseMode.HTML, reply_markup=markup)
            except BadRequest as exc:  # the same page pressed twice
                if "not modified" not in str(exc).lower():
                    raise
            return
    log.info("stale or unknown button pressed")
    await query.answer(STALE_EN if lang == "en" else STALE, show_alert=False)
