"""Admin commands: /reload, /stats, /unanswered. Admins are numeric user ids from the config."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from html import escape

from telegram import Update
from telegram.ext import ContextTypes

from handlers.respond import send_html
from handlers.services import services

log = logging.getLogger(__name__)

REFUSAL = "Эта команда доступна только администраторам бота."
MAX_PROBLEMS = 10


def is_admin(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    """A real user from the admin list; never an anonymous group admin or a channel."""
    message = update.effective_message
    user = update.effective_user
    if user is None or message is None or message.sender_chat is not None:
        return False
    return user.id in services(context).admins


async def _refuse(update: Update) -> None:
    if update.effective_message is not None:
        await update.effective_message.reply_text(REFUSAL)


async def reload(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Re-read the fact base, validate it fully, swap it in; on error keep the old one."""
    if not is_admin(update, context):
        await _refuse(update)
        return
    message = update.effective_message
    assert message is not None
    result = await asyncio.to_thread(services(context).holder.reload)  # parsing must not stall other chats
    if result.ok:
        d = result.diff
        text = f"Загружено {result.facts} фактов (+{d.added} −{d.removed} ~{d.changed})"
        log.info("fact base reloaded: %s facts (+%s -%s ~%s)", result.facts, d.added, d.removed, d.changed)
        await message.reply_text(text)
        return
    log.warning("reload rejected: %s problem(s)", len(result.problems))
    lines = "\n".join(escape(str(p)) for p in result.problems[:MAX_PROBLEMS])
    more = len(result.problems) - MAX_PROBLEMS
    tail = f"\n… и ещё {more}" if more > 0 else ""
    await send_html(message, f"База не загружена, работает прежняя ({result.facts} фактов). Ошибки:\n"
                             f"<code>{lines}</code>{tail}")


def _median(value: object) -> str:
    return f"{value:.1f} мс" if isinstance(value, (int, float)) else "—"


async def stats(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Questions since start and overall: answered / suggested / declined, median latency, top declined."""
    if not is_admin(update, context):
        await _refuse(update)
        return
    message = update.effective_message
    assert message is not None
    data = services(context).storage.stats()
    parts = []
    for title, key in (("С запуска", "since_start"), ("Всего", "overall")):
        block = data.get(key, {})
        parts.append(
            f"<b>{title}</b>: вопросов {block.get('questions', 0)}, отвечено {block.get('answered', 0)}, "
            f"предложено {block.get('suggested', 0)}, отклонено {block.get('declined', 0)}; "
            f"медиана {_median(block.get('median_latency_ms'))}")
    top = data.get("overall", {}).get("top_declined") or []  # the storage keeps it per window
    if top:
        parts.append("<b>Чаще всего без ответа</b>:\n" + "\n".join(
            f"• {escape(str(item.get('question', '')))} — {item.get('count', 0)}" for item in top))
    await send_html(message, "\n\n".join(parts))


async def unanswered(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The last 20 questions the bot could not answer, for editors to turn into facts."""
    if not is_admin(update, context):
        await _refuse(update)
        return
    message = update.effective_message
    assert message is not None
    rows = services(context).storage.unanswered(20)
    if not rows:
        await message.reply_text("Вопросов без ответа пока нет.")
        return
    lines = []
    for row in rows:
        when = dt.datetime.fromtimestamp(float(row.get("ts", 0)), dt.UTC).strftime("%d.%m %H:%M")
        lines.append(f"• {when} [{escape(str(row.get('chat_type', '')))}] {escape(str(row.get('text', '')))}")
    await send_html(message, "Последние вопросы без ответа:\n" + "\n".join(lines), markup=None)
