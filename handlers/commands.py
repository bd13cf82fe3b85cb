"""/start, /help, /topics, /about: what the bot knows and how to ask it."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ChatType

from handlers.language import engine_language, shown_in
from handlers.render import LANG_SUFFIX, answer_html, callback
from handlers.respond import answer_question, conversation_key, send_html
from handlers.services import BotContext, services
from knowledge import detect_language, plural
from knowledge import short_key as fact_token

HELP = {
    "ru": (
        "Я отвечаю на вопросы об отношениях России и Азербайджана — встречах, торговле, сотрудничестве — "
        "по справке РИА Новости и всегда называю источник.\n\n"
        "Спрашивайте своими словами, например:\n{examples}\n\n"
        "Ещё: «сколько раз встречались Путин и Алиев», «кто глава МИД Азербайджана», «какая встреча была "
        "перед Анталийским форумом», «как менялся товарооборот».\n"
        "В группе обращайтесь ко мне: /ask вопрос, упоминание @{username} или ответ на моё сообщение.\n"
        "Можно уточнять: «а в 2022?», «а где?», «подробнее», «а источник?».\n"
        "/timeline [год | имя | тема] — хронология, /topics — темы, /about — об источнике, "
        "/language — язык ответов."
    ),
    "en": (
        "I answer questions about relations between Russia and Azerbaijan — meetings, trade, cooperation — "
        "from a RIA Novosti fact sheet (in Russian), and always name the source.\n\n"
        "Ask in your own words, for example:\n{examples}\n\n"
        "Also: “how many times did Putin and Aliyev meet”, “who is Azerbaijan's foreign minister”, "
        "“what happened after the Antalya forum”, “how did trade turnover change”.\n"
        "In a group, address me: /ask question, a mention of @{username} or a reply to my message.\n"
        "Follow up: “and in 2022?”, “where?”, “more”, “source?”.\n"
        "/timeline [year | name | topic] — a timeline, /topics — topics, /about — the source, "
        "/language — the language of answers."
    ),
}
GREETING = {"ru": "Здравствуйте! В базе {count} фактов.\n\n", "en": "Hello! The base holds {count} facts.\n\n"}


def _help_text(username: str, examples_shown: tuple[str, ...], lang: str = "ru") -> str:
    examples = "\n".join(f"• {example}" for example in examples_shown)
    return HELP[lang].format(examples=examples, username=username)


def _shown_language(context: BotContext, update: Update) -> str:
    """The language of the bot's own words for this user: their /language setting, else Telegram's."""
    return shown_in(*engine_language(context, update.effective_user))


async def start(update: Update, context: BotContext) -> None:
    """Greet, or answer the question passed in a deep link (t.me/bot?start=...)."""
    message = update.effective_message
    if message is None:
        return
    found = services(context)
    found.conversations.reset(conversation_key(message))  # /start begins a new conversation
    if found.replica:  # ... on every replica
        key = conversation_key(message)
        found.storage.reset_turns(f"{key[0]}:{key[1]}")
    if context.args:
        question = " ".join(context.args).replace("_", " ").replace("-", " ")
        await answer_question(message, context, question, quote=False)
        return
    engine = services(context).holder.engine
    lang = _shown_language(context, update)
    action = "x" + (LANG_SUFFIX if lang == "en" else "")
    buttons = [[InlineKeyboardButton(example, callback_data=callback(action, str(number)))]
               for number, example in enumerate(engine.examples(lang))]
    text = (GREETING[lang].format(count=len(engine.base.facts))
            + _help_text(context.bot.username, engine.examples(lang), lang))
    await message.reply_text(escape(text), reply_markup=InlineKeyboardMarkup(buttons))


async def help_command(update: Update, context: BotContext) -> None:
    """How to ask."""
    if update.effective_message:
        lang = _shown_language(context, update)
        examples = services(context).holder.engine.examples(lang)
        await update.effective_message.reply_text(escape(_help_text(context.bot.username, examples, lang)),
                                                  do_quote=update.effective_message.chat.type != ChatType.PRIVATE)


async def topics(update: Update, context: BotContext) -> None:
    """One button per topic; a press lists that topic's facts."""
    message = update.effective_message
    if message is None:
        return
    engine = services(context).holder.engine
    rows = [[InlineKeyboardButton(label.capitalize(), callback_data=callback("t", key, "0"))]
            for key, label in engine.topic_list()]
    await message.reply_text("Темы базы:", reply_markup=InlineKeyboardMarkup(rows),
                             do_quote=message.chat.type != ChatType.PRIVATE)


ABOUT = {
    "ru": {"sources": "Источники:", "facts": "Фактов: {count}. База актуальна на {fresh}. Загружена {loaded}.",
           "version": " Версия {version}", "replica": " на реплике {replica}"},
    "en": {"sources": "Sources:", "facts": "Facts: {count}. The base is current as of {fresh}. Loaded {loaded}.",
           "version": " Version {version}", "replica": " on replica {replica}"},
}


async def about(update: Update, context: BotContext) -> None:
    """The sources (newest first, each with its facts), the size of the base, when and which version was
    loaded — in the user's language."""
    message = update.effective_message
    if message is None:
        return
    lang = _shown_language(context, update)
    say = ABOUT[lang]
    found = services(context)
    holder = found.holder
    base = holder.engine.base
    lines = []
    counts = Counter(f.source for f in base.facts)
    for source in sorted(base.sources.values(), key=lambda s: s.published, reverse=True):  # the newest first
        name = (source.publisher_en or source.publisher) if lang == "en" else source.publisher
        title = (source.title_en or source.title) if lang == "en" else source.title
        publisher = escape(name)
        if source.url:
            publisher = f'<a href="{escape(source.url, quote=True)}">{publisher}</a>'
        count = counts[source.id]
        facts = (f"{count} fact{'s' if count != 1 else ''}" if lang == "en"
                 else f"{count} {plural(count, 'факт', 'факта', 'фактов')}")
        lines.append(f"• {publisher}, {source.published.strftime('%d.%m.%Y')}: {escape(title)} — {facts}")
    loaded = dt.datetime.fromtimestamp(holder.loaded_at, dt.UTC).strftime("%d.%m.%Y %H:%M UTC")
    newest = base.newest_source_date()
    fresh = newest.strftime("%d.%m.%Y") if newest else "—"
    where = say["version"].format(version=base.content_hash[:10])
    where += say["replica"].format(replica=escape(found.replica)) if found.replica else ""
    text = (say["sources"] + "\n" + "\n".join(lines) + "\n\n"
            + say["facts"].format(count=len(base.facts), fresh=fresh, loaded=loaded) + where + ".")
    await message.reply_text(text, do_quote=message.chat.type != ChatType.PRIVATE)


TIMELINE_PAGE = 10
TIMELINE_HINT = ("Что показать? Например: /timeline 2023, /timeline 2020-2022, /timeline Лавров, "
                 "/timeline торговля или /timeline Алиев 2023.")
TIMELINE_HINT_EN = ("What should I show? For example: /timeline 2023, /timeline 2020-2022, /timeline Lavrov, "
                    "/timeline trade or /timeline Aliyev 2023.")
EARLIER, LATER = {"ru": "← Раньше", "en": "← Earlier"}, {"ru": "Позже →", "en": "Later →"}


async def timeline(update: Update, context: BotContext) -> None:
    """/timeline [год | имя | тема] — the events in order, each with its date, paged."""
    message = update.effective_message
    if message is None:
        return
    found_services = services(context)
    setting, hint = engine_language(context, update.effective_user)
    request = " ".join(context.args or [])
    told = found_services.holder.engine.find_timeline(request, lang=setting, hint=hint)
    quote = message.chat.type != ChatType.PRIVATE
    if told is None:
        english = shown_in(setting, hint) == "en" if not request else detect_language(request, hint=hint) == "en"
        await message.reply_text(escape(TIMELINE_HINT_EN if english else TIMELINE_HINT), do_quote=quote)
        return
    teller, found = told
    text, markup = timeline_page(context, found.token, 0, lang=teller.reply) or (TIMELINE_HINT, None)
    await send_html(message, text, markup=markup, quote=quote)


def timeline_page(context: BotContext, token: str, page: int, *, lang: str = "ru"
                  ) -> tuple[str, InlineKeyboardMarkup | None] | None:
    """One page of a timeline, in ``lang``, and its ← → buttons; None for a stale token."""
    engine = services(context).holder.engine.sibling(lang)
    found = engine.timeline_by_token(token)
    if found is None:
        return None
    pages = max(1, (len(found.facts) + TIMELINE_PAGE - 1) // TIMELINE_PAGE)
    page = min(max(page, 0), pages - 1)
    answer = engine.timeline_answer(found, page=page, per_page=TIMELINE_PAGE)
    action = "l" + (LANG_SUFFIX if lang == "en" else "")
    nav = []
    if page > 0:
        nav.append(InlineKeyboardButton(EARLIER[lang], callback_data=callback(action, token, str(page - 1))))
    if page < pages - 1:
        nav.append(InlineKeyboardButton(LATER[lang], callback_data=callback(action, token, str(page + 1))))
    return answer_html(answer), InlineKeyboardMarkup([nav]) if nav else None


def topic_page(context: BotContext, topic: str, page: int, per_page: int = 5
               ) -> tuple[str, InlineKeyboardMarkup | None] | None:
    """Text and buttons of one page of a topic's facts; None for an unknown topic."""
    engine = services(context).holder.engine
    labels = dict(engine.topic_list())
    if topic not in labels:
        return None
    facts = engine.topic_facts(topic)
    pages = max(1, (len(facts) + per_page - 1) // per_page)
    page = min(max(page, 0), pages - 1)
    shown = facts[page * per_page:(page + 1) * per_page]
    text = f"<b>{escape(labels[topic].capitalize())}</b> ({page + 1}/{pages}):\n\n" + "\n\n".join(
        f"• {escape(fact.text)}" for fact in shown)
    rows = [[InlineKeyboardButton(f"Цитата {n}", callback_data=callback("q", fact_token(fact.id)))
             for n, fact in enumerate(shown, start=page * per_page + 1)]]
    nav = []
    if page > 0:
        nav.append(InlineKeyboardButton("← Назад", callback_data=callback("t", topic, str(page - 1))))
    if page < pages - 1:
        nav.append(InlineKeyboardButton("Дальше →", callback_data=callback("t", topic, str(page + 1))))
    if nav:
        rows.append(nav)
    return text, InlineKeyboardMarkup(rows)
