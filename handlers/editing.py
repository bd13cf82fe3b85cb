"""Editing the base from Telegram (admins, private chat): an article or a fact file staged, then
/accept, /discard, /history, /rollback. Nothing is lost: a refused upload changes nothing, each editor
stages alone, and every applied change is a version that /rollback restores."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from html import escape

from telegram import Message, Update
from telegram.constants import ChatType
from telegram.error import TelegramError

from handlers.admin import in_daemon_thread, is_admin
from handlers.language import setting_of, shown_in
from handlers.respond import send_html
from handlers.services import BotContext, services
from knowledge import EditError, Staged, Workspace, caption_arguments, decode_upload

log = logging.getLogger(__name__)

MAX_PROBLEMS = 10
MAX_BYTES = 1024 * 1024
TEXT: dict[str, dict[str, str]] = {
    "ru": {
        "refused": "Эта команда доступна только администраторам бота.",
        "private": "Править базу можно только в личном чате со мной.",
        "off": "Правка базы из Telegram не настроена: в конфигурации нужен `knowledge.path` — каталог базы.",
        "kind": "Пришлите статью как .txt (с подписью «/draft Заголовок ГГГГ-ММ-ДД [ссылка]») или файл фактов .yaml.",
        "no_date": "Укажите дату публикации в подписи: «/draft Заголовок 2025-11-27 [ссылка]».",
        "too_large": "Файл больше 1 МБ — не принят, база не изменена.",
        "binary": "Это не текстовый файл — не принят, база не изменена.",
        "not_utf8": "Файл не в кодировке UTF-8 — не принят, база не изменена.",
        "not_yaml": "Файл фактов должен называться *.yaml — не принят.",
        "invalid": "Файл не принят, база не изменена. Ошибки:",
        "draft_failed": "Статью не удалось добавить, база не изменена:",
        "already": "Эта статья уже есть в базе — ничего не изменено.",
        "live_invalid": "Текущая база не проходит проверку — сначала исправьте её (/reload покажет ошибки).",
        "download": "Не удалось получить файл от Telegram — попробуйте ещё раз.",
        "staged": ("Подготовлено: {what}.\nНовых фактов: {new_facts}, новых сущностей: {new_entities}, "
                   "ждут проверки: {pending}; всего фактов будет {facts}.{notes}\n"
                   "/accept — применить, /discard — отменить."),
        "nothing_staged": "Нечего применять: сначала пришлите статью или файл фактов.",
        "base_changed": ("База изменилась после того, как вы подготовили правку (её применил другой "
                         "администратор) — пришлите файл ещё раз."),
        "applied": "Применено: версия {number} ({what}). Загружено {facts} фактов.",
        "applied_not_loaded": "Применено: версия {number}, но бот пока работает на прежней базе:",
        "discarded": "Подготовленная правка отменена.",
        "nothing_discarded": "Подготовленных правок нет.",
        "history": "Версии базы (новые сверху):",
        "no_history": "Правок из Telegram ещё не было.",
        "nothing_to_roll_back": "Откатывать нечего: предыдущей версии нет.",
        "rolled_back": "Откат выполнен: версия {number} ({what}). Загружено {facts} фактов.",
    },
    "en": {
        "refused": "This command is for the bot's admins only.",
        "private": "The base can be edited only in a private chat with me.",
        "off": "Editing the base from Telegram is not set up: the config needs `knowledge.path`, a base directory.",
        "kind": "Send an article as .txt (captioned «/draft Title YYYY-MM-DD [link]») or a fact file as .yaml.",
        "no_date": "Give the publication date in the caption: «/draft Title 2025-11-27 [link]».",
        "too_large": "The file is larger than 1 MB: refused, the base is unchanged.",
        "binary": "This is not a text file: refused, the base is unchanged.",
        "not_utf8": "The file is not UTF-8 text: refused, the base is unchanged.",
        "not_yaml": "A fact file must be named *.yaml: refused.",
        "invalid": "The file was refused, the base is unchanged. Problems:",
        "draft_failed": "The article could not be added, the base is unchanged:",
        "already": "This article is already in the base: nothing changed.",
        "live_invalid": "The current base does not pass its check: fix it first (/reload shows the problems).",
        "download": "Could not get the file from Telegram: please try again.",
        "staged": ("Staged: {what}.\nNew facts: {new_facts}, new entities: {new_entities}, pending review: "
                   "{pending}; the base will serve {facts} facts.{notes}\n/accept to apply, /discard to drop."),
        "nothing_staged": "Nothing to apply: send an article or a fact file first.",
        "base_changed": ("The base changed after you staged your edit (another admin applied one): send the "
                         "file again."),
        "applied": "Applied: version {number} ({what}). {facts} facts loaded.",
        "applied_not_loaded": "Applied: version {number}, but the bot still serves the previous base:",
        "discarded": "The staged edit was dropped.",
        "nothing_discarded": "Nothing is staged.",
        "history": "Versions of the base (newest first):",
        "no_history": "No edits from Telegram yet.",
        "nothing_to_roll_back": "Nothing to roll back: there is no earlier version.",
        "rolled_back": "Rolled back: version {number} ({what}). {facts} facts loaded.",
    },
}


def _lang(update: Update, context: BotContext) -> str:
    user = update.effective_user
    return shown_in(setting_of(context, user.id if user else None), user.language_code if user else None)


def _say(lang: str, key: str, **values: object) -> str:
    return TEXT[lang][key].format(**values)


async def _allowed(update: Update, context: BotContext) -> tuple[Message, Workspace, str] | None:
    """The message, the workspace and the language when an admin edits in a private chat; else a refusal."""
    message = update.effective_message
    if message is None:
        return None
    lang = _lang(update, context)
    if not is_admin(update, context):
        await message.reply_text(escape(_say(lang, "refused")))
        return None
    if message.chat.type != ChatType.PRIVATE:
        await message.reply_text(escape(_say(lang, "private")))
        return None
    workspace = services(context).workspace
    if workspace is None:
        await message.reply_text(escape(_say(lang, "off")))
        return None
    return message, workspace, lang


async def _refusal(message: Message, lang: str, error: EditError) -> None:
    key = error.code if error.code in TEXT[lang] else "invalid"
    lines = [escape(_say(lang, key))]
    if error.problems:
        shown = "\n".join(escape(str(p)) for p in error.problems[:MAX_PROBLEMS])
        more = len(error.problems) - MAX_PROBLEMS
        lines.append(f"<code>{shown}</code>" + (f"\n… +{more}" if more > 0 else ""))
    elif error.detail and error.code in ("draft_failed",):
        lines.append(f"<code>{escape(error.detail[:1500])}</code>")
    await send_html(message, "\n".join(lines))


async def document(update: Update, context: BotContext) -> None:
    """An uploaded article (.txt, captioned /draft …) or fact file (.yaml): staged, summarised, sent back."""
    allowed = await _allowed(update, context)
    if allowed is None:
        return
    message, workspace, lang = allowed
    upload = message.document
    if upload is None:
        return
    name = upload.file_name or ""
    is_yaml = name.lower().endswith((".yaml", ".yml"))
    if not (is_yaml or name.lower().endswith(".txt")):
        await message.reply_text(escape(_say(lang, "kind")))
        return
    if upload.file_size is not None and upload.file_size > MAX_BYTES:
        await message.reply_text(escape(_say(lang, "too_large")))
        return
    title, day, url = caption_arguments(message.caption or "")
    if not is_yaml and day is None:
        await message.reply_text(escape(_say(lang, "no_date")))
        return
    try:
        data = bytes(await (await context.bot.get_file(upload.file_id)).download_as_bytearray())
    except TelegramError as exc:
        log.warning("could not download an upload: %s", type(exc).__name__)
        await message.reply_text(escape(_say(lang, "download")))
        return
    editor = message.from_user.id if message.from_user else 0
    try:
        text = decode_upload(data)
        if is_yaml:
            staged = await in_daemon_thread(lambda: workspace.stage_yaml(editor, name, text), "factbot-stage")
        else:
            assert day is not None
            staged = await in_daemon_thread(lambda: workspace.stage_article(
                editor, text, title=title, published=day, url=url, file_name=name), "factbot-stage")
    except EditError as exc:
        await _refusal(message, lang, exc)
        return
    log.info("an admin staged %s", staged.what)
    await message.reply_text(escape(_summary(staged, lang)))
    await message.reply_document(document=staged.file.read_bytes(), filename=staged.file.name)


def _summary(staged: Staged, lang: str) -> str:
    notes = "".join(f"\n{n}" for n in staged.notes)
    return _say(lang, "staged", what=staged.what, new_facts=staged.new_facts, new_entities=staged.new_entities,
                pending=staged.pending, facts=staged.facts, notes=notes)


async def accept(update: Update, context: BotContext) -> None:
    """Apply the admin's staged edit as a new version, then load it."""
    allowed = await _allowed(update, context)
    if allowed is None:
        return
    message, workspace, lang = allowed
    who = _who(message)
    try:
        version = await in_daemon_thread(lambda: workspace.apply(message.from_user.id if message.from_user else 0,
                                                                  who), "factbot-apply")
    except EditError as exc:
        await _refusal(message, lang, exc)
        return
    await _reload_and_say(message, context, lang, "applied", version.number, version.what)


async def rollback(update: Update, context: BotContext) -> None:
    """Restore the version before the live one (the live one stays a version: a rollback can be undone)."""
    allowed = await _allowed(update, context)
    if allowed is None:
        return
    message, workspace, lang = allowed
    try:
        version = await in_daemon_thread(lambda: workspace.rollback(_who(message)), "factbot-rollback")
    except EditError as exc:
        await _refusal(message, lang, exc)
        return
    await _reload_and_say(message, context, lang, "rolled_back", version.number, version.what)


async def _reload_and_say(message: Message, context: BotContext, lang: str, key: str, number: int,
                          what: str) -> None:
    holder = services(context).holder
    result = await in_daemon_thread(holder.reload)
    if result.ok:
        log.info("base version %s applied and loaded: %s facts", number, result.facts)
        services(context).announce(holder.engine.base.content_hash)  # the other replicas follow
        await message.reply_text(escape(_say(lang, key, number=number, what=what, facts=result.facts)))
        return
    shown = "\n".join(escape(str(p)) for p in result.problems[:MAX_PROBLEMS])
    await send_html(message, f"{escape(_say(lang, 'applied_not_loaded', number=number))}\n<code>{shown}</code>")


async def discard(update: Update, context: BotContext) -> None:
    allowed = await _allowed(update, context)
    if allowed is None:
        return
    message, workspace, lang = allowed
    editor = message.from_user.id if message.from_user else 0
    dropped = await asyncio.to_thread(workspace.discard, editor)
    await message.reply_text(escape(_say(lang, "discarded" if dropped else "nothing_discarded")))


async def history(update: Update, context: BotContext) -> None:
    """The applied versions: number, when, who, what."""
    allowed = await _allowed(update, context)
    if allowed is None:
        return
    message, workspace, lang = allowed
    versions = await asyncio.to_thread(workspace.history, 15)
    if not versions:
        await message.reply_text(escape(_say(lang, "no_history")))
        return
    lines = [escape(_say(lang, "history"))]
    for v in versions:
        when = dt.datetime.fromtimestamp(v.when, dt.UTC).strftime("%d.%m.%Y %H:%M UTC")
        lines.append(f"• <b>{v.number}</b> — {when}, {escape(v.who)}: {escape(v.what)}")
    await send_html(message, "\n".join(lines))


def _who(message: Message) -> str:
    user = message.from_user
    if user is None:
        return "—"
    name = f"@{user.username}" if user.username else user.full_name
    return f"{name} ({user.id})"
