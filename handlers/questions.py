"""Questions: any text in a private chat; in groups and channels only when the bot is addressed."""

from __future__ import annotations

import re
from html import escape

from telegram import Message, MessageEntity, Update
from telegram.constants import ChatType

from handlers.respond import answer_question
from handlers.services import BotContext

ASK_PREFIX = re.compile(r"^/ask(?:@(\w+))?(?:\s+|$)", re.IGNORECASE)
HINT = "Напишите вопрос после команды, например: /ask когда установлены дипломатические отношения"


def _mentions_bot(message: Message, username: str) -> bool:
    """The bot's @username among the message's mentions (or a text mention of the bot)."""
    target = f"@{username}".lower()
    for entity, text in message.parse_entities([MessageEntity.MENTION, MessageEntity.TEXT_MENTION]).items():
        if entity.type == MessageEntity.MENTION and text.lower() == target:
            return True
        if entity.type == MessageEntity.TEXT_MENTION and entity.user and entity.user.username == username:
            return True
    return False


def _strip_address(text: str, username: str) -> str:
    text = ASK_PREFIX.sub("", text, count=1)
    return re.sub(rf"@{re.escape(username)}\b", " ", text, flags=re.IGNORECASE).strip()


async def private_text(update: Update, context: BotContext) -> None:
    """Any text in a private chat is a question."""
    message = update.effective_message
    if message is None or message.text is None:
        return
    await answer_question(message, context, message.text, quote=False)


async def group_text(update: Update, context: BotContext) -> None:
    """In a group, answer only a mention of the bot or a reply to one of its messages."""
    message = update.effective_message
    if message is None or message.text is None:
        return
    username = context.bot.username
    replying_to_bot = bool(message.reply_to_message and message.reply_to_message.from_user
                           and message.reply_to_message.from_user.id == context.bot.id)
    if not (replying_to_bot or _mentions_bot(message, username)):
        return
    question = _strip_address(message.text, username)
    if not question:
        await message.reply_text(escape(HINT), do_quote=True)
        return
    await answer_question(message, context, question, quote=True)


async def ask(update: Update, context: BotContext) -> None:
    """/ask вопрос — in any chat; PTB already ignores /ask@another_bot."""
    message = update.effective_message
    if message is None:
        return
    question = " ".join(context.args or [])
    if not question:
        await message.reply_text(escape(HINT), do_quote=message.chat.type != ChatType.PRIVATE)
        return
    await answer_question(message, context, question, quote=message.chat.type != ChatType.PRIVATE)


async def channel_post(update: Update, context: BotContext) -> None:
    """A channel post that starts with /ask or mentions the bot is answered in the channel."""
    message = update.channel_post
    if message is None or message.text is None:
        return
    username = context.bot.username
    prefix = ASK_PREFIX.match(message.text)
    addressed = (prefix is not None and (prefix.group(1) is None or prefix.group(1).lower() == username.lower())) \
        or _mentions_bot(message, username)
    if not addressed:
        return
    question = _strip_address(message.text, username)
    if question:
        await answer_question(message, context, question, quote=True)
