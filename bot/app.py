"""The composition root: build the python-telegram-bot Application and run it.

Handlers are registered in one visible place (``register``); ``post_init``
sets the command menus per scope: private chats, groups, and the admin
commands in each admin's private chat only.
"""

from __future__ import annotations

import asyncio
import logging
import stat
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeAllGroupChats,
    BotCommandScopeAllPrivateChats,
    BotCommandScopeChat,
    LinkPreviewOptions,
)
from telegram.constants import ParseMode
from telegram.error import InvalidToken, NetworkError, TelegramError
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    Defaults,
    InlineQueryHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.config import Config
from bot.delivery import (
    AsyncJournal,
    FactbotApplication,
    JournalQueue,
    OrderedProcessor,
    PollingRequest,
    quick_command,
    replay_unhandled,
)
from bot.persistence import StorePersistence
from bot.replicas import BaseSync, replica_name
from bot.safe_storage import SafeStorage
from bot.storage import SqliteStorage
from handlers import admin, buttons, commands, editing, guards, inline, language, questions
from handlers.services import CONTEXT_TYPES, BotData, FloodGate, Services, Storage
from knowledge import Conversations, Engine, EngineHolder, Limits, Workspace

log = logging.getLogger(__name__)
# commands with no question to answer: handled at once, even behind a burst of questions (bot/delivery.py)
QUICK_COMMANDS = frozenset({"start", "help", "language", "topics", "about"})

PRIVATE_COMMANDS = [
    BotCommand("start", "Начать и примеры вопросов"),
    BotCommand("help", "Как задавать вопросы"),
    BotCommand("topics", "Темы базы"),
    BotCommand("timeline", "Хронология: год, имя или тема"),
    BotCommand("about", "Источник и свежесть базы"),
    BotCommand("language", "Язык ответов: ru / en / auto"),
]
GROUP_COMMANDS = [
    BotCommand("ask", "Задать вопрос боту"),
    BotCommand("topics", "Темы базы"),
    BotCommand("timeline", "Хронология: год, имя или тема"),
    BotCommand("about", "Источник и свежесть базы"),
    BotCommand("help", "Как обращаться к боту"),
    BotCommand("language", "Язык ответов: ru / en / auto"),
]
ADMIN_COMMANDS = [
    BotCommand("reload", "Перечитать базу фактов"),
    BotCommand("stats", "Статистика вопросов"),
    BotCommand("unanswered", "Вопросы без ответа"),
]
EDIT_COMMANDS = [  # when the base can be edited from Telegram (knowledge.path is a directory)
    BotCommand("accept", "Применить подготовленную правку базы"),
    BotCommand("discard", "Отменить подготовленную правку"),
    BotCommand("history", "Версии базы"),
    BotCommand("rollback", "Вернуть предыдущую версию базы"),
]
# the same menus for users whose Telegram speaks English (set with language_code="en")
ENGLISH = {"start": "Start, with example questions", "help": "How to ask", "topics": "Topics of the base",
           "timeline": "Timeline: a year, a name or a topic", "about": "The source and how fresh the base is",
           "language": "Answer language: ru / en / auto", "ask": "Ask the bot a question",
           "reload": "Reload the fact base", "stats": "Question statistics", "unanswered": "Unanswered questions",
           "accept": "Apply the staged edit of the base", "discard": "Drop the staged edit",
           "history": "Versions of the base", "rollback": "Restore the previous version of the base"}
GROUP_HELP_EN = "How to address the bot"


def english(commands: list[BotCommand], *, group: bool = False) -> list[BotCommand]:
    return [BotCommand(c.command, GROUP_HELP_EN if group and c.command == "help" else ENGLISH[c.command])
            for c in commands]


def register(app: Application) -> None:  # type: ignore[type-arg]
    """Every handler of the bot, in order."""
    app.add_handler(TypeHandler(object, guards.flood_guard), group=-1)
    new = filters.UpdateType.MESSAGE  # an edited message is not asked again (PTB's default includes edits)
    app.add_handler(CommandHandler("start", commands.start, filters=new))
    app.add_handler(CommandHandler("help", commands.help_command, filters=new))
    app.add_handler(CommandHandler("topics", commands.topics, filters=new))
    app.add_handler(CommandHandler("about", commands.about, filters=new))
    app.add_handler(CommandHandler("timeline", commands.timeline, filters=new))
    app.add_handler(CommandHandler("language", language.language_command, filters=new))
    app.add_handler(CommandHandler("ask", questions.ask, filters=new))
    app.add_handler(CommandHandler("reload", admin.reload, filters=new))
    app.add_handler(CommandHandler("stats", admin.stats, filters=new))
    app.add_handler(CommandHandler("unanswered", admin.unanswered, filters=new))
    app.add_handler(CommandHandler("accept", editing.accept, filters=new))
    app.add_handler(CommandHandler("discard", editing.discard, filters=new))
    app.add_handler(CommandHandler("history", editing.history, filters=new))
    app.add_handler(CommandHandler("rollback", editing.rollback, filters=new))
    app.add_handler(MessageHandler(new & filters.ChatType.PRIVATE & filters.Document.ALL, editing.document))
    app.add_handler(CallbackQueryHandler(language.language_button, pattern=rf"^{language.ACTION}:"))
    for kind, pressed in (("quote", buttons.quote), ("related", buttons.related), ("answer", buttons.suggested),
                          ("example", buttons.example), ("page", buttons.page)):
        app.add_handler(CallbackQueryHandler(pressed, pattern=buttons.PATTERNS[kind]))
    app.add_handler(CallbackQueryHandler(buttons.stale))  # out of date, forged or of no known kind
    app.add_handler(InlineQueryHandler(inline.inline_query))
    text = filters.UpdateType.MESSAGE & filters.TEXT & ~filters.COMMAND
    app.add_handler(MessageHandler(filters.ChatType.PRIVATE & text, questions.private_text))
    app.add_handler(MessageHandler(filters.ChatType.GROUPS & text, questions.group_text))
    app.add_handler(MessageHandler(filters.UpdateType.CHANNEL_POST & filters.TEXT, questions.channel_post))
    app.add_error_handler(guards.on_error)


def _workspace(config: Config) -> Workspace | None:
    """Editing from Telegram needs a base directory of the admin's (never the bundled package data)."""
    base = config.knowledge_path
    if base is None or config.edits_path is None or not base.is_dir():
        return None
    return Workspace(base, config.edits_path)


async def post_init(app: Application) -> None:  # type: ignore[type-arg]
    """Replay what a crash left unhandled; command menus per scope, in Russian and for English-speaking
    users in English; admin commands only in the admins' private chats."""
    processor = app.update_processor
    if isinstance(processor, OrderedProcessor):
        await replay_unhandled(app, processor.journal)
    if isinstance(app.bot_data, BotData) and app.bot_data.sync is not None:
        app.bot_data.sync.start()
    await app.bot.set_my_commands(PRIVATE_COMMANDS, scope=BotCommandScopeAllPrivateChats())
    await app.bot.set_my_commands(GROUP_COMMANDS, scope=BotCommandScopeAllGroupChats())
    await app.bot.set_my_commands(english(PRIVATE_COMMANDS), scope=BotCommandScopeAllPrivateChats(), language_code="en")
    await app.bot.set_my_commands(english(GROUP_COMMANDS, group=True), scope=BotCommandScopeAllGroupChats(),
                                  language_code="en")
    found = app.bot_data.services
    admin_menu = PRIVATE_COMMANDS + ADMIN_COMMANDS + (EDIT_COMMANDS if found.workspace is not None else [])
    for admin_id in sorted(found.admins):
        try:
            await app.bot.set_my_commands(admin_menu, scope=BotCommandScopeChat(admin_id))
            await app.bot.set_my_commands(english(admin_menu),
                                          scope=BotCommandScopeChat(admin_id), language_code="en")
        except TelegramError as exc:  # an admin who never opened the bot has no chat yet
            log.warning("could not set the admin menu for one admin: %s", type(exc).__name__)


async def post_shutdown(app: Application) -> None:  # type: ignore[type-arg]
    found = app.bot_data.services if isinstance(app.bot_data, BotData) and app.bot_data.ready else None
    if isinstance(app.bot_data, BotData) and app.bot_data.sync is not None:
        app.bot_data.sync.stop()
    workers = getattr(found, "workers", None)
    if workers is not None:
        workers.shutdown(wait=False, cancel_futures=True)
    if isinstance(app.update_processor, OrderedProcessor):
        app.update_processor.journal.close()
    if isinstance(app.persistence, StorePersistence):
        app.persistence.close()
    close = getattr(getattr(found, "storage", None), "close", None)
    if callable(close):
        close()


def open_store(config: Config) -> Storage:
    """PostgreSQL when `storage.url` is set (replicas share it), else the SQLite file."""
    if config.storage_url:
        from bot.pg_storage import PostgresStorage

        return PostgresStorage(config.storage_url)
    return SqliteStorage(config.storage_path)


def build_application(config: Config, *, engine: Engine | None = None, storage: Storage | None = None,
                      rate_limit: bool = True, send_timeout: float | None = None
                      ) -> Application:  # type: ignore[type-arg]
    """The Application, wired: handlers, services, rate limiter, menus.

    ``send_timeout`` (seconds) replaces PTB's read and write timeouts of every request
    but ``getUpdates``; tests use a short one to see how the bot treats a timed-out send."""
    limits = Limits(max_file_bytes=config.max_file_bytes)
    engine = (engine or Engine.from_path(config.knowledge_path, config.engine, limits=limits, use_cache=True)).prepare()
    store = SafeStorage(storage or open_store(config), shared=bool(config.storage_url))  # never costs an answer
    journal = AsyncJournal(store)
    processor = OrderedProcessor(config.concurrent_updates, journal, quick=quick_command(QUICK_COMMANDS))
    queue = JournalQueue(journal)
    builder = (
        ApplicationBuilder()
        .application_class(FactbotApplication)
        .context_types(CONTEXT_TYPES)  # typed bot_data: context.bot_data.services
        .persistence(StorePersistence(store))  # user settings as user_data, kept in the store
        # every message is HTML (plain texts are escaped) with no link previews, said once here
        .defaults(Defaults(parse_mode=ParseMode.HTML, link_preview_options=LinkPreviewOptions(is_disabled=True)))
        .update_queue(queue)  # an update is on disk before Telegram hears it arrived
        .get_updates_request(PollingRequest(queue))  # ... which, polling, is the next getUpdates
        .concurrent_updates(processor)
        .token(config.token)
        .base_url(config.base_url)
        .base_file_url(config.base_file_url)
        .post_init(post_init)
        .post_shutdown(post_shutdown)
    )
    if send_timeout is not None:
        builder = builder.read_timeout(send_timeout).write_timeout(send_timeout)
    if rate_limit:
        builder = builder.rate_limiter(AIORateLimiter(max_retries=3))  # type: ignore[arg-type]  # PTB generics
    app = builder.build()
    app.bot_data.services = Services(
        holder=EngineHolder(engine, path=config.knowledge_path, settings=config.engine, limits=limits,
                            use_cache=True, isolate=True),
        storage=store,
        admins=config.admins,
        flood=FloodGate(config.flood_messages, config.flood_seconds),
        started_at=time.time(),
        conversations=Conversations(ttl=config.context_minutes * 60),
        replied=processor.replied,
        workspace=_workspace(config),
        workers=ThreadPoolExecutor(max_workers=config.workers, thread_name_prefix="factbot-answer"),
    )
    if config.storage_url:  # replicas share the store: a new base loaded on one reaches the others
        found = app.bot_data.services
        sync = BaseSync(config.storage_url, current=lambda: found.holder.engine.base.content_hash,
                        reload=found.holder.reload)
        found.announce, found.replica = sync.announce, replica_name()
        app.bot_data.sync = sync
    register(app)
    return app


def warn_if_config_readable(path: Path) -> None:
    """The config may hold the token: it should not be readable by other users."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return
    if mode & (stat.S_IRGRP | stat.S_IROTH):
        log.warning("the config file %s is readable by other users; run: chmod 600 %s", path.name, path.name)


FIRST_RETRY_SECONDS = 1.0
MAX_RETRY_SECONDS = 60.0


async def _reach_bot_api(config: Config) -> None:
    async with Bot(config.token, base_url=config.base_url, base_file_url=config.base_file_url):
        pass  # initialize() asks getMe


def wait_for_bot_api(config: Config, *, first: float = FIRST_RETRY_SECONDS, cap: float = MAX_RETRY_SECONDS,
                     attempts: int | None = None, sleep: Callable[[float], None] = time.sleep) -> None:
    """Ask getMe until the Bot API answers, waiting twice as long after each failure (up to ``cap``):
    a bot started while the network is down starts when it comes back. A rejected token is final."""
    delay, tried = first, 0
    while True:
        tried += 1
        try:
            asyncio.run(_reach_bot_api(config))
            return
        except InvalidToken:
            raise
        except NetworkError as exc:  # unreachable, refused, timed out, 5xx
            if attempts is not None and tried >= attempts:
                raise
            log.warning("the Bot API cannot be reached (%s); trying again in %.0f s", type(exc).__name__, delay)
        sleep(delay)
        delay = min(delay * 2, cap)


def run(config: Config, config_path: Path | None = None) -> None:
    """Start the bot once the Bot API answers: long polling, or a webhook when the config has one."""
    if config_path is not None:
        warn_if_config_readable(config_path)
    wait_for_bot_api(config)
    app = build_application(config)
    allowed = ["message", "edited_message", "channel_post", "callback_query", "inline_query"]
    if config.webhook is None:
        log.info("starting long polling")
        app.run_polling(allowed_updates=allowed, drop_pending_updates=False)
        return
    hook = config.webhook
    log.info("starting webhook on %s:%s", hook.listen, hook.port)
    app.run_webhook(listen=hook.listen, port=hook.port, url_path=hook.path, webhook_url=hook.url,
                    secret_token=hook.secret_token or None, allowed_updates=allowed)


__all__ = ["build_application", "register", "run", "wait_for_bot_api"]
