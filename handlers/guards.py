"""What runs around every update: flood control before, the error handler after."""

from __future__ import annotations

import logging
import time
from html import escape

from telegram import Update
from telegram.error import TimedOut
from telegram.ext import ApplicationHandlerStop

from handlers.language import setting_of, shown_in
from handlers.services import BotContext, services

log = logging.getLogger(__name__)

APOLOGY = "Извините, что-то пошло не так. Попробуйте ещё раз чуть позже."
FLOODED = "Слишком много сообщений. Подождите {seconds} с — потом отвечу снова."
FLOODED_EN = "Too many messages. Please wait {seconds} s, then I will answer again."


async def flood_guard(update: Update, context: BotContext) -> None:
    """Per user: over the limit, one notice, then silence until the window passes. Messages and
    button presses count alike (a pressed «Цитата» sends a message too); inline queries have their
    own gate (handlers/inline.py)."""
    user = update.effective_user
    query = update.callback_query
    message = update.effective_message
    if user is None or update.inline_query is not None or (message is None and query is None):
        return
    gate = services(context).flood
    now = time.monotonic()
    verdict = gate.check(user.id, now)
    if verdict == "ok":
        return
    english = shown_in(setting_of(context, user.id), user.language_code) == "en"
    notice = (FLOODED_EN if english else FLOODED).format(seconds=gate.retry_after(user.id, now))
    if verdict == "warn":
        log.info("flood control engaged for a user")
    if query is not None:  # the button's spinner stops either way; the notice once
        await query.answer(notice if verdict == "warn" else None)
    elif verdict == "warn" and message is not None:
        await message.reply_text(escape(notice))
    raise ApplicationHandlerStop


async def on_error(update: object, context: BotContext) -> None:
    """Log the failure (the log filter removes the token) and apologise; the bot keeps running.

    A timeout is only logged: what timed out may have been delivered (a send is not
    retried for that reason), and an apology must not follow an answer the user has."""
    if isinstance(context.error, TimedOut):
        log.warning("update could not be handled: TimedOut (Telegram may have delivered it; no apology)")
        return
    log.error("update could not be handled: %s", type(context.error).__name__, exc_info=context.error)
    if isinstance(update, Update) and update.effective_message is not None:
        try:
            await update.effective_message.reply_text(escape(APOLOGY))
        except Exception:  # the apology itself failed (blocked, network): nothing more to do
            log.warning("could not send the apology")
