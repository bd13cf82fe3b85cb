"""/language: the language a user wants answers in — Russian, English, or auto (the question's own).

The setting is per user (in a group too: each member has their own) and kept in storage, so a
restart keeps it. With "auto" the engine reads the language off each question, the user's
Telegram ``language_code`` breaking ties; "ru" and "en" force the answer's language.
"""

from __future__ import annotations

import logging
from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update, User
from telegram.constants import ChatType
from telegram.error import BadRequest

from handlers.render import callback
from handlers.services import BotContext, Services, services
from knowledge import detect_language

log = logging.getLogger(__name__)

LANGUAGES = ("ru", "en", "auto")  # in the order of the buttons
DEFAULT = "auto"
LANGUAGE_KEY = "language"  # in PTB's user_data (bot/persistence.py keeps it in the store)
ACTION = "lang"  # callback data «lang:en»
ALIASES = {
    "ru": "ru", "rus": "ru", "russian": "ru", "русский": "ru", "рус": "ru",
    "en": "en", "eng": "en", "english": "en", "английский": "en", "англ": "en",
    "auto": "auto", "авто": "auto", "автоматически": "auto",
}

# Every text in the language it announces: a user who chose English can read the reply.
NAMES = {
    "ru": {"ru": "русский", "en": "английский", "auto": "авто — на языке вопроса"},
    "en": {"ru": "Russian", "en": "English", "auto": "auto — the language of each question"},
}
LABELS: dict[str, str | dict[str, str]] = {"ru": "Русский", "en": "English", "auto": {"ru": "Авто", "en": "Auto"}}
CURRENT = {
    "ru": "Язык ответов: {name}.\nВыберите кнопкой или командой: /language ru, /language en, /language auto.",
    "en": "Answer language: {name}.\nChoose with a button or a command: /language ru, /language en, /language auto.",
}
DONE: dict[str, str | dict[str, str]] = {
    "ru": "Готово: буду отвечать по-русски. Изменить: /language.",
    "en": "Done: I will answer in English. To change it: /language.",
    "auto": {
        "ru": "Готово: отвечаю на языке вопроса — по-русски или по-английски. Изменить: /language.",
        "en": "Done: I will answer in the language of each question, Russian or English. To change it: /language.",
    },
}
UNKNOWN = {
    "ru": "Такого варианта нет. Можно: /language ru, /language en или /language auto.",
    "en": "There is no such option. Use /language ru, /language en or /language auto.",
}
CHECK = "✓ "


def preference(found: Services, user_id: int | None) -> str:
    """The user's setting straight from the store, "auto" when never set; a storage failure must not cost an
    answer. (Handlers read ``setting_of``: the same through PTB's ``user_data``.)"""
    if user_id is None:
        return DEFAULT
    try:
        stored = found.storage.get_language(user_id)
    except Exception:  # any storage failure: answer in the default language
        log.warning("could not read a user's language; using %s", DEFAULT, exc_info=True)
        return DEFAULT
    return stored if stored in LANGUAGES else DEFAULT


def setting_of(context: BotContext, user_id: int | None) -> str:
    """The user's /language setting as ``context.user_data["language"]``: PTB's persistence (bot/persistence.py)
    refreshes it from the store before each update; "auto" when never set."""
    if user_id is None:
        return DEFAULT
    if context.application.persistence is None:  # an application built without it: the store itself
        return preference(services(context), user_id)
    data = context.user_data
    value = data.get(LANGUAGE_KEY) if data is not None else None
    return value if value in LANGUAGES else DEFAULT


async def choose(context: BotContext, user_id: int, chosen: str) -> None:
    """Set the user's language in ``user_data`` and have the persistence write it to the store now."""
    data = context.user_data
    if data is not None:
        data[LANGUAGE_KEY] = chosen
    application = context.application
    if application.persistence is None or data is None:
        services(context).storage.set_language(user_id, chosen)
        return
    application.mark_data_for_update_persistence(user_ids=user_id)
    await application.update_persistence()


def engine_language(context: BotContext, user: User | None) -> tuple[str, str | None]:
    """``(lang, hint)`` for ``Engine.answer``: the user's setting and their Telegram language."""
    if user is None:  # a channel post: no user, the question's own language
        return DEFAULT, None
    return setting_of(context, user.id), user.language_code


def shown_in(setting: str, hint: str | None) -> str:
    """The language of the bot's own words about a setting: the forced one, else the user's Telegram one."""
    return setting if setting in ("ru", "en") else detect_language("", hint=hint)


def buttons(setting: str, lang: str) -> InlineKeyboardMarkup:
    """Three buttons, the current setting ticked."""
    row = []
    for code in LANGUAGES:
        label = LABELS[code]
        text = label if isinstance(label, str) else label[lang]
        row.append(InlineKeyboardButton((CHECK if code == setting else "") + text,
                                        callback_data=callback(ACTION, code)))
    return InlineKeyboardMarkup([row])


def current_text(setting: str, lang: str) -> str:
    return CURRENT[lang].format(name=NAMES[lang][setting])


def done_text(setting: str, lang: str) -> str:
    done = DONE[setting]
    return done if isinstance(done, str) else done[lang]


async def language_command(update: Update, context: BotContext) -> None:
    """/language → the setting and three buttons; /language ru | en | auto → set it."""
    message = update.effective_message
    user = update.effective_user
    if message is None or user is None:
        return
    setting = setting_of(context, user.id)
    quote = message.chat.type != ChatType.PRIVATE
    if not context.args:
        lang = shown_in(setting, user.language_code)
        await message.reply_text(escape(current_text(setting, lang)), reply_markup=buttons(setting, lang),
                                 do_quote=quote)
        return
    chosen = ALIASES.get(" ".join(context.args).strip().lower())
    if chosen is None:
        await message.reply_text(escape(UNKNOWN[shown_in(setting, user.language_code)]), do_quote=quote)
        return
    await choose(context, user.id, chosen)
    log.info("a user set the answer language to %s", chosen)
    await message.reply_text(escape(done_text(chosen, shown_in(chosen, user.language_code))), do_quote=quote)


async def language_button(update: Update, context: BotContext) -> None:
    """A pressed «lang:xx» button: set the presser's language, tick it, confirm in that language."""
    query = update.callback_query
    if query is None:
        return
    _, _, chosen = (query.data or "").partition(":")
    user = query.from_user
    if chosen not in LANGUAGES:  # forged
        await query.answer(UNKNOWN[shown_in(setting_of(context, user.id), user.language_code)])
        return
    await choose(context, user.id, chosen)
    log.info("a user set the answer language to %s", chosen)
    lang = shown_in(chosen, user.language_code)
    text = done_text(chosen, lang)
    await query.answer(text)
    if query.message is None:
        return
    try:
        await query.edit_message_text(escape(text), reply_markup=buttons(chosen, lang))
    except BadRequest as exc:  # the same choice pressed twice: nothing to change
        if "not modified" not in str(exc).lower():
            raise
