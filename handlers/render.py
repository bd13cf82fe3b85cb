"""Telegram HTML for engine answers: everything escaped, long replies split, buttons encoded.

The words come from the engine (``knowledge.answers.replies``); this module only adds
markup, the source link and inline keyboards, in the answer's language (``Answer.lang``).
"""

from __future__ import annotations

import re
from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from knowledge import LANGUAGE_NAMES_EN, Answer, Item, SourceRef, phrases
from knowledge import short_key as fact_token

MAX_MESSAGE = 4096  # Telegram's limit for one message, in characters
MAX_BUTTON_LABEL = 60
MAX_CALLBACK_BYTES = 64

# The words render adds itself, per reply language; the engine's own words come with the answer.
SOURCE_LABELS = {"ru": ("Источник", "Источники"), "en": ("Source", "Sources")}
QUOTE_LABELS = {"ru": "Цитата", "en": "Quote"}
RELATED_LABELS = {"ru": "Похожие", "en": "Related"}
QUOTE_SUMMARY_EN = "In short: "  # before the fact's English text under a (Russian) verbatim quote
LANG_SUFFIX = ".en"  # on a button's action («q.en»): the buttons of an English answer reply in English


def callback(action: str, *parts: str) -> str:
    data = ":".join((action, *parts))
    if len(data.encode()) > MAX_CALLBACK_BYTES:
        raise ValueError("callback data over 64 bytes")
    return data


def lang_of(lang: str) -> str:
    """"en" or "ru": anything unknown renders as Russian, the bot's own language."""
    return "en" if lang == "en" else "ru"


def source_html(sources: tuple[SourceRef, ...], lang: str = "ru") -> str:
    """«Источник: <a>РИА Новости, 22.04.2024</a>», or for an English answer
    "Source: <a>RIA Novosti, 22 Apr 2024</a> (in Russian)": the note, outside the link, tells
    the reader that the link leads to a text in another language."""
    if not sources:
        return ""
    lang = lang_of(lang)
    one, many = SOURCE_LABELS[lang]
    links = "; ".join(_link(ref, lang) for ref in sources)
    return f"{one if len(sources) == 1 else many}: {links}"


def _link(ref: SourceRef, lang: str) -> str:
    text = escape(source_text(ref, lang))
    link = f'<a href="{escape(ref.url, quote=True)}">{text}</a>' if ref.url else text  # a source with no address
    if lang == "en" and ref.language and ref.language != "en":
        link += f" (in {escape(LANGUAGE_NAMES_EN.get(ref.language, ref.language))})"
    return link


def source_text(ref: SourceRef, lang: str = "ru") -> str:
    """Plain «РИА Новости, 22.04.2024», or "RIA Novosti, 22 Apr 2024" for an English answer."""
    if lang_of(lang) == "en":
        return f"{ref.publisher_en or ref.publisher}, {ref.day_en()}"
    return f"{ref.publisher}, {ref.day()}"


def answer_html(answer: Answer) -> str:
    """The answer as Telegram HTML in the answer's language; every piece of text is escaped."""
    parts: list[str] = []
    if answer.lead:
        lead = escape(answer.lead)
        parts.append(f"<b>{lead}</b>" if answer.kind == "answer" else lead)
    if answer.kind == "answer" and len(answer.items) == 1:
        parts.append(escape(answer.items[0].text))
    elif answer.items:
        parts.append("\n".join(_bullet(item) for item in answer.items))
    if answer.suggestions and answer.kind not in ("suggest",):
        head = phrases(lang_of(answer.lang)).suggest_head
        parts.append(escape(head) + "\n" + "\n".join(f"• {escape(s.question)}" for s in answer.suggestions))
    if answer.note:
        parts.append(f"<i>{escape(answer.note)}</i>")
    source = source_html(answer.sources, answer.lang)
    if source:
        parts.append(source)
    return "\n\n".join(parts)


def _bullet(item: Item) -> str:
    """A list line: the date in bold first, so a list reads as a timeline."""
    date = f"<b>{escape(item.date)}</b> — " if item.date else ""
    source = f" <i>({escape(item.source)})</i>" if item.source else ""
    return f"• {date}{escape(item.text)}{source}"


def quote_html(quote: str, source: SourceRef, *, lang: str = "ru", summary: str = "") -> str:
    """The verbatim quote (in the source's language) and its source; in English ``summary`` (the
    fact's English text) says what the quote is about before the source line."""
    about = f"{escape(QUOTE_SUMMARY_EN)}{escape(summary)}\n\n" if lang_of(lang) == "en" and summary else ""
    return f"<blockquote>{escape(quote)}</blockquote>\n\n{about}{source_html((source,), lang)}"


def action(name: str, lang: str) -> str:
    """A button's action for an answer in ``lang``: «q» for Russian, «q.en» for English."""
    return name + LANG_SUFFIX if lang_of(lang) == "en" else name


def keyboard(answer: Answer) -> InlineKeyboardMarkup | None:
    """«Цитата» and «Похожие» (Quote, Related) under an answer; suggestions as buttons that answer
    when pressed. An English answer's buttons carry ``LANG_SUFFIX`` so that they reply in English."""
    rows: list[list[InlineKeyboardButton]] = []
    lang = lang_of(answer.lang)
    shown = [item.fact_id for item in answer.items]
    quote = QUOTE_LABELS[lang]
    if answer.answered and shown:
        first = fact_token(shown[0])
        rows.append([
            InlineKeyboardButton(quote, callback_data=callback(action("q", lang), *(fact_token(f) for f in shown[:4]))),
            InlineKeyboardButton(RELATED_LABELS[lang], callback_data=callback(action("r", lang), first)),
        ])
    elif shown:  # a partial answer: the quote of the closest fact
        rows.append([InlineKeyboardButton(quote, callback_data=callback(action("q", lang), fact_token(shown[0])))])
    for suggestion in answer.suggestions:
        rows.append([InlineKeyboardButton(_label(suggestion.question),
                                          callback_data=callback(action("a", lang), fact_token(suggestion.fact_id)))])
    return InlineKeyboardMarkup(rows) if rows else None


def _label(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_BUTTON_LABEL else text[: MAX_BUTTON_LABEL - 1].rstrip() + "…"


def split_html(text: str, limit: int = MAX_MESSAGE) -> list[str]:
    """Split HTML into messages of at most ``limit`` characters, each valid on its own.

    A message ends at the last line break that fits, else at the last space, never
    inside a tag or an entity; elements open at a cut (a long ``<code>`` block, a
    quote) are closed at the end of one message and opened again at the start of
    the next, so Telegram can parse every part."""
    chunks: list[str] = []
    stack: list[tuple[str, str]] = []  # (name, opening tag) open where ``rest`` starts
    rest = text
    while rest.strip():
        head = "".join(tag for _, tag in stack)
        if len(head) > limit // 2:  # absurd nesting: give up on balance rather than loop
            stack, head = [], ""
        if len(head) + len(rest) <= limit:
            chunks.append(head + rest)
            break
        budget = limit - len(head)
        while True:
            cut, skip = _cut(rest, budget)
            after = _open_tags(rest[:cut], stack)
            tail = "".join(f"</{name}>" for name, _ in reversed(after))
            excess = len(head) + cut + len(tail) - limit
            if excess <= 0 or budget <= 1:
                break
            budget = max(1, budget - excess)
        chunks.append(head + rest[:cut] + tail)
        stack, rest = after, rest[cut + skip:]
    return [c for c in chunks if c.strip()] or [""]


_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)[^>]*>")


def _inside_markup(text: str, at: int) -> bool:
    """Is position ``at`` inside ``<tag …>`` or ``&entity;``?"""
    return text.rfind("<", 0, at) > text.rfind(">", 0, at) or text.rfind("&", 0, at) > text.rfind(";", 0, at)


def _first_visible(html: str, stop: int) -> int:
    """Index of the first character that is neither markup nor white space (``stop`` if none before it)."""
    at, stop = 0, min(stop, len(html))
    while at < stop:
        if html[at] == "<" and (end := html.find(">", at)) >= 0:
            at = end + 1
        elif html[at].isspace():
            at += 1
        else:
            return at
    return stop


def _cut(text: str, budget: int) -> tuple[int, int]:
    """Where a message of at most ``budget`` characters of ``text`` ends, and how many separator
    characters to drop there: the last line break, else the last space, else a hard cut."""
    shown = _first_visible(text, budget + 1)  # a message must show something: cut after it
    for separator in ("\n", " "):
        cut = text.rfind(separator, shown, budget + 1)
        while cut > shown and _inside_markup(text, cut):
            cut = text.rfind(separator, shown, cut)
        if cut > shown:
            return cut, 1
    cut = min(budget, len(text))
    while cut > shown and _inside_markup(text, cut):
        cut -= 1
    return (cut, 0) if cut > shown else (max(1, min(budget, len(text))), 0)


def _open_tags(html: str, stack: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The elements open after ``html``, given those open before it."""
    found = list(stack)
    for match in _TAG.finditer(html):
        name = match.group(2).lower()
        if not match.group(1):
            found.append((name, match.group(0)))
        elif any(open_name == name for open_name, _ in found):
            while found and found.pop()[0] != name:
                pass
    return found
