"""Admin commands: /reload, /stats, /unanswered. Admins are numeric user ids from the config.

What other users asked is never posted to a group: /stats and /unanswered sent in a group go to the
admin's private chat. /reload problems name files relative to the base in a group, never server paths."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import os
import threading
from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import TypeVar

from telegram import Message, Update, User
from telegram.constants import ChatType
from telegram.error import BadRequest, Forbidden

from handlers.language import setting_of, shown_in
from handlers.render import split_html
from handlers.respond import send_html
from handlers.services import BotContext, services
from knowledge import Problem

log = logging.getLogger(__name__)

REFUSAL = "Эта команда доступна только администраторам бота."
MAX_PROBLEMS = 10
SENT_PRIVATELY = "Ответил вам в личном чате: чужие вопросы в группе не показываю."
ONLY_PRIVATE = ("Эта команда работает только в личном чате со мной: откройте его (/start) и повторите "
                "команду там.")
STORE_DOWN = "Хранилище статистики сейчас недоступно ({reason}); ответы на вопросы это не затрагивает."
# the same for an admin whose Telegram (or /language) speaks English
EN = {
    "refusal": "This command is for the bot's admins only.",
    "sent_privately": "I answered you in a private chat: other people's questions are not shown in a group.",
    "only_private": "This command works only in a private chat with me: open it (/start) and repeat the command.",
    "store_down": "The statistics store is unavailable ({reason}); answering questions is not affected.",
    "loaded": "Loaded {facts} facts (+{added} −{removed} ~{changed})",
    "rejected": "The base was not loaded; the previous one ({facts} facts) keeps serving. Problems:",
    "more": "… and {more} more",
    "since_start": "Since start", "overall": "Overall",
    "window": ("questions {questions}, answered {answered}, suggested {suggested}, declined {declined}; "
               "median {median}"),
    "top": "Most often unanswered", "none": "No unanswered questions yet.", "last": "The latest unanswered questions:",
}
RU = {
    "refusal": REFUSAL, "sent_privately": SENT_PRIVATELY, "only_private": ONLY_PRIVATE, "store_down": STORE_DOWN,
    "loaded": "Загружено {facts} фактов (+{added} −{removed} ~{changed})",
    "rejected": "База не загружена, работает прежняя ({facts} фактов). Ошибки:",
    "more": "… и ещё {more}",
    "since_start": "С запуска", "overall": "Всего",
    "window": ("вопросов {questions}, отвечено {answered}, предложено {suggested}, отклонено {declined}; "
               "медиана {median}"),
    "top": "Чаще всего без ответа", "none": "Вопросов без ответа пока нет.", "last": "Последние вопросы без ответа:",
}


def _texts(user: User | None, context: BotContext) -> dict[str, str]:
    """The admin texts in the user's language: Russian, English for an English speaker."""
    if user is None:
        return RU
    return EN if shown_in(setting_of(context, user.id), user.language_code) == "en" else RU


def _say(update: Update, context: BotContext) -> dict[str, str]:
    return _texts(update.effective_user, context)

T = TypeVar("T")


async def in_daemon_thread(call: Callable[[], T], name: str = "factbot-reload") -> T:
    """``call()`` in a thread of its own that never holds the process up at exit: a read that hangs
    (a FIFO, a dead network mount) costs that one admin's reply, never the bot's stop."""
    loop = asyncio.get_running_loop()
    future: asyncio.Future[T] = loop.create_future()

    def settle(result: T | None, error: BaseException | None) -> None:
        if future.done():
            return
        if error is not None:
            future.set_exception(error)
        else:
            future.set_result(result)  # type: ignore[arg-type]

    def run() -> None:
        try:
            result, error = call(), None
        except BaseException as exc:
            result, error = None, exc
        with contextlib.suppress(RuntimeError):  # the loop is closed: nobody waits any more
            loop.call_soon_threadsafe(settle, result, error)

    threading.Thread(target=run, name=name, daemon=True).start()
    return await future


def shown_problem(problem: Problem, root: Path | str | None, *, private: bool) -> str:
    """The problem as an admin sees it: in a group, its file relative to the base (or its name alone)."""
    if private:
        return str(problem)
    file = Path(problem.file)
    shown = file.name
    if root is not None:
        try:
            shown = os.path.relpath(file, Path(root) if Path(root).is_dir() else Path(root).parent)
        except ValueError:
            shown = file.name
        if shown.startswith(".."):
            shown = file.name
    return str(Problem(shown, problem.line, problem.message, problem.severity))


def is_admin(update: Update, context: BotContext) -> bool:
    """A real user from the admin list; never an anonymous group admin or a channel."""
    message = update.effective_message
    user = update.effective_user
    if user is None or message is None or message.sender_chat is not None:
        return False
    return user.id in services(context).admins


async def _refuse(update: Update, context: BotContext) -> None:
    if update.effective_message is not None:
        await update.effective_message.reply_text(escape(_say(update, context)["refusal"]))


async def reload(update: Update, context: BotContext) -> None:
    """Re-read the fact base, validate it fully, swap it in; on error keep the old one."""
    if not is_admin(update, context):
        await _refuse(update, context)
        return
    message = update.effective_message
    assert message is not None
    say = _say(update, context)
    holder = services(context).holder
    result = await in_daemon_thread(holder.reload)  # parsing must not stall other chats
    if result.ok:
        d = result.diff
        text = say["loaded"].format(facts=result.facts, added=d.added, removed=d.removed, changed=d.changed)
        log.info("fact base reloaded: %s facts (+%s -%s ~%s)", result.facts, d.added, d.removed, d.changed)
        services(context).announce(holder.engine.base.content_hash)  # the other replicas follow
        await message.reply_text(escape(text))
        return
    log.warning("reload rejected: %s problem(s)", len(result.problems))
    private = message.chat.type == ChatType.PRIVATE
    lines = "\n".join(escape(shown_problem(p, holder.path, private=private)) for p in result.problems[:MAX_PROBLEMS])
    more = len(result.problems) - MAX_PROBLEMS
    tail = "\n" + say["more"].format(more=more) if more > 0 else ""
    await send_html(message, f"{escape(say['rejected'].format(facts=result.facts))}\n<code>{lines}</code>{tail}")


def _median(value: object, english: bool = False) -> str:
    return f"{value:.1f} {'ms' if english else 'мс'}" if isinstance(value, (int, float)) else "—"


async def stats(update: Update, context: BotContext) -> None:
    """Questions since start and overall: answered / suggested / declined, median latency, top declined."""
    if not is_admin(update, context):
        await _refuse(update, context)
        return
    message = update.effective_message
    assert message is not None
    say = _say(update, context)
    try:
        data = await asyncio.to_thread(services(context).storage.stats)
    except Exception as exc:  # the store failed: say so; answering questions goes on
        await message.reply_text(escape(say["store_down"].format(reason=type(exc).__name__)))
        return
    parts = []
    for key in ("since_start", "overall"):
        block = data.get(key, {})
        parts.append(f"<b>{say[key]}</b>: " + say["window"].format(
            questions=block.get("questions", 0), answered=block.get("answered", 0),
            suggested=block.get("suggested", 0), declined=block.get("declined", 0),
            median=_median(block.get("median_latency_ms"), english=say is EN)))
    top = data.get("overall", {}).get("top_declined") or []  # the storage keeps it per window
    if top:
        parts.append(f"<b>{say['top']}</b>:\n" + "\n".join(
            f"• {escape(str(item.get('question', '')))} — {item.get('count', 0)}" for item in top))
    await reply_privately(message, context, "\n\n".join(parts))


async def unanswered(update: Update, context: BotContext) -> None:
    """The last 20 questions the bot could not answer, for editors to turn into facts."""
    if not is_admin(update, context):
        await _refuse(update, context)
        return
    message = update.effective_message
    assert message is not None
    say = _say(update, context)
    try:
        rows = await asyncio.to_thread(services(context).storage.unanswered, 20)
    except Exception as exc:
        await message.reply_text(escape(say["store_down"].format(reason=type(exc).__name__)))
        return
    if not rows:
        await reply_privately(message, context, escape(say["none"]))
        return
    lines = []
    for row in rows:
        when = dt.datetime.fromtimestamp(float(row.get("ts", 0)), dt.UTC).strftime("%d.%m %H:%M")
        lines.append(f"• {when} [{escape(str(row.get('chat_type', '')))}] {escape(str(row.get('text', '')))}")
    await reply_privately(message, context, escape(say["last"]) + "\n" + "\n".join(lines))


async def reply_privately(message: Message, context: BotContext, html: str) -> None:
    """In a private chat, a reply; from a group, a message in the admin's private chat and a short
    note in the group — or, when the admin never opened a private chat with the bot, only the note."""
    if message.chat.type == ChatType.PRIVATE or message.from_user is None:
        await send_html(message, html)
        return
    try:
        for chunk in split_html(html):
            await context.bot.send_message(message.from_user.id, chunk,
                                           disable_web_page_preview=True)
    except (Forbidden, BadRequest) as exc:  # blocked, or no private chat yet
        log.info("could not reach an admin privately (%s)", type(exc).__name__)
        await message.reply_text(escape(_texts(message.from_user, context)["only_private"]))
        return
    await message.reply_text(escape(_texts(message.from_user, context)["sent_privately"]))
