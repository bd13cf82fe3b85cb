"""Sending an engine answer to a chat: HTML, buttons, splitting, stats, one log line; "typing" only for a slow one."""

from __future__ import annotations

import asyncio
import logging
import re
import time
from collections.abc import Awaitable, Callable
from functools import partial
from html import unescape

from telegram import InlineKeyboardMarkup, Message
from telegram.constants import ChatAction
from telegram.error import BadRequest, NetworkError, TimedOut

from handlers.language import engine_language
from handlers.render import answer_html, keyboard, split_html
from handlers.services import BotContext, Services, off_loop, services
from knowledge import Answer, Context, Conversations, Engine

log = logging.getLogger(__name__)

MAX_INPUT = 4096  # longer messages are cut for matching, never refused
SEND_ATTEMPTS = 4
SEND_BACKOFF = 0.5  # seconds before the first retry; doubles each time
TYPING_AFTER = 1.0  # seconds: an answer takes ~2 ms, and each "typing" spends a call of the rate limit


async def with_retries(send: Callable[[], Awaitable[Message]]) -> Message:
    """Retry a send that failed before Telegram accepted it (5xx, dropped connection).

    A timeout is not retried: Telegram may have delivered the message already, and a
    user must never get the same answer twice. 429s are retried by the rate limiter."""
    delay = SEND_BACKOFF
    for attempt in range(1, SEND_ATTEMPTS + 1):
        try:
            return await send()
        except (BadRequest, TimedOut):
            raise
        except NetworkError:
            if attempt == SEND_ATTEMPTS:
                raise
            log.warning("sending failed (attempt %s of %s); retrying in %.1f s", attempt, SEND_ATTEMPTS, delay)
            await asyncio.sleep(delay)
            delay *= 2
    raise AssertionError("unreachable")


async def send_html(
    message: Message, html: str, *, markup: InlineKeyboardMarkup | None = None, quote: bool = False
) -> list[Message]:
    """Send HTML in as many messages as needed; buttons go under the last one. Returns what was sent.

    Falls back to plain text if Telegram cannot parse the markup, so a bug in
    rendering costs formatting, never the answer."""
    chunks = split_html(html)
    sent: list[Message] = []
    for number, chunk in enumerate(chunks):
        last = number == len(chunks) - 1
        buttons = markup if last else None
        first = quote and number == 0
        try:
            sent.append(await with_retries(partial(message.reply_text, chunk, reply_markup=buttons,
                                                   do_quote=first)))  # HTML, no link previews: Defaults
        except BadRequest as exc:
            if "parse" not in str(exc).lower():
                raise
            log.warning("Telegram could not parse our HTML; sending plain text instead")
            sent.append(await with_retries(partial(message.reply_text, _strip_tags(chunk), parse_mode=None,
                                                   reply_markup=buttons, do_quote=first)))
    return sent


def conversation_key(message: Message) -> tuple[int, int]:
    """Context is kept per chat and user: in a group every member has their own conversation."""
    user = message.from_user
    return message.chat.id, user.id if user is not None else 0


def recall(conversations: Conversations, message: Message, *, bot_id: int) -> Context | None:
    """The context a question continues: the answer it replies to, else the asker's last one."""
    replied = message.reply_to_message
    if replied is not None and replied.from_user is not None and replied.from_user.id == bot_id:
        found = conversations.get(("reply", message.chat.id, replied.message_id))
        if found is not None:
            return found
    return conversations.get(conversation_key(message))


def _conversation(key: tuple[int, int]) -> str:
    return f"{key[0]}:{key[1]}"


def shared_context(found: Services, engine: Engine, key: tuple[int, int], local: Context | None) -> Context | None:
    """The context of a conversation replicas share: this replica's own when it answered the last turn, else
    rebuilt by asking the conversation's last questions again (a few milliseconds each)."""
    turns = found.storage.turns(_conversation(key), found.conversations.ttl)
    if not turns:
        return local
    if local is not None and turns[-1][3] == found.replica:
        return local
    rebuilt: Context | None = None
    for question, lang, hint, _ in turns:
        rebuilt = engine.answer(question, context=rebuilt, lang=lang, hint=hint).context
    return rebuilt


def remember(conversations: Conversations, key: tuple[int, int], answer: Answer, sent: list[Message]) -> None:
    """Keep the answer's context for the asker, and for replies to the messages that carry it."""
    if answer.context is None:
        return
    conversations.put(key, answer.context)
    for reply in sent:
        conversations.put(("reply", reply.chat.id, reply.message_id), answer.context)


def _strip_tags(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", html))


async def show_typing(message: Message) -> None:
    """"typing…" in the forum topic the question was asked in (Chat.send_action alone shows it in General)."""
    try:
        await message.chat.send_action(ChatAction.TYPING,
                                       message_thread_id=message.message_thread_id if message.is_topic_message
                                       else None)
    except NetworkError as exc:  # cosmetic: a 5xx, a dropped connection or a timeout must not cost the answer
        log.info("could not show typing (%s); answering anyway", type(exc).__name__)


async def typing_after(message: Message, delay: float | None = None) -> None:
    """Show "typing…" only when the answer is not there after ``delay`` seconds (cancelled when it is)."""
    await asyncio.sleep(TYPING_AFTER if delay is None else delay)
    await show_typing(message)


async def answer_question(
    message: Message, context: BotContext, question: str, *, quote: bool
) -> Answer:
    """Ask the engine (in a worker thread, so other chats go on) and reply; records the question for
    /stats and /unanswered (in the background: a failing store costs the record, not the answer)."""
    found = services(context)
    engine = found.holder.engine  # one engine for the whole answer, even if a reload swaps it meanwhile
    started = time.perf_counter()
    last = recall(found.conversations, message, bot_id=context.bot.id)
    lang, hint = engine_language(context, message.from_user)  # the user's /language, their Telegram language
    key = conversation_key(message)
    if found.replica:  # replicas: the conversation may have gone on at another one
        last = await off_loop(found, shared_context, found, engine, key, last)
    typing = asyncio.create_task(typing_after(message))
    try:
        answer = await off_loop(found, engine.answer, question[:MAX_INPUT], context=last, lang=lang, hint=hint)
    finally:
        typing.cancel()
    latency = (time.perf_counter() - started) * 1000
    sent = await send_html(message, answer_html(answer), markup=keyboard(answer), quote=quote)
    found.replied()  # before anything else: the smaller the gap, the rarer an answer repeated after a crash
    remember(found.conversations, key, answer, sent)
    if found.replica:
        found.storage.save_turn(_conversation(key), question[:MAX_INPUT], lang, hint, found.replica)
    chat_type = message.chat.type
    found.storage.record(question=question[:MAX_INPUT], kind=answer.kind, answered=answer.answered,
                         chat_type=chat_type, latency_ms=latency, facts=answer.facts)
    found.counters[answer.kind] = found.counters.get(answer.kind, 0) + 1
    log.info("question chat=%s kind=%s answered=%s latency=%.1fms", chat_type, answer.kind, answer.answered,
             latency)
    return answer
