"""Telegram HTML for engine answers: everything escaped, long replies split, buttons encoded.

The words come from the engine (``knowledge.replies``); this module only adds
markup, the source link and inline keyboards.
"""

from __future__ import annotations

import re
from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from knowledge.answer import Answer, Item, SourceRef
from knowledge.model import short_key as fact_token
from knowledge.replies import SUGGEST_HEAD

MAX_MESSAGE = 4096  # Telegram's limit for one message, in characters
MAX_BUTTON_LABEL = 60
MAX_CALLBACK_BYTES = 64


def callback(action: str, *parts: str) -> str:
    data = ":".join((action, *parts))
    if len(data.encode()) > MAX_CALLBACK_BYTES:
        raise ValueError("callback data over 64 bytes")
    return data


def source_html(sources: tuple[SourceRef, ...]) -> str:
    if not sources:
        return ""
    label = "Источник" if len(sources) == 1 else "Источники"
    links = "; ".join(f'<a href="{escape(s.url, quote=True)}">{escape(s.publisher)}, {s.day()}</a>' for s in sources)
    return f"{label}: {links}"


def answer_html(answer: Answer) -> str:
    """The answer as Telegram HTML; every piece of text is escaped."""
    parts: list[str] = []
    if answer.lead:
        lead = escape(answer.lead)
        parts.append(f"<b>{lead}</b>" if answer.kind == "answer" else lead)
    if answer.kind == "answer" and len(answer.items) == 1:
        parts.append(escape(answer.items[0].text))
    elif answer.items:
        parts.append("\n".join(_bullet(item) for item in answer.items))
    if answer.suggestions and answer.kind not in ("suggest",):
        parts.append(escape(SUGGEST_HEAD) + "\n" + "\n".join(f"• {escape(s.question)}" for s in answer.suggestions))
    if answer.note:
        parts.append(f"<i>{escape(answer.note)}</i>")
    source = source_html(answer.sources)
    if source:
        parts.append(source)
    return "\n\n".join(parts)


def _bullet(item: Item) -> str:
    """A list line: the date in bold first, so a list reads as a timeline."""
    date = f"<b>{escape(item.date)}</b> — " if item.date else ""
    return f"• {date}{escape(item.text)}"


def quote_html(quote: str, source: SourceRef) -> str:
    return f"<blockquote>{escape(quote)}</blockquote>\n\n{source_html((source,))}"


def keyboard(answer: Answer) -> InlineKeyboardMarkup | None:
    """«Цитата» and «Похожие» under an answer; suggestions as buttons that answer when pressed."""
    rows: list[list[InlineKeyboardButton]] = []
    shown = [item.fact_id for item in answer.items]
    if answer.answered and shown:
        first = fact_token(shown[0])
        rows.append([
            InlineKeyboardButton("Цитата", callback_data=callback("q", *(fact_token(f) for f in shown[:4]))),
            InlineKeyboardButton("Похожие", callback_data=callback("r", first)),
        ])
    elif shown:  # a partial answer: the quote of the closest fact
        rows.append([InlineKeyboardButton("Цитата", callback_data=callback("q", fact_token(shown[0])))])
    for suggestion in answer.suggestions:
        rows.append([InlineKeyboardButton(_label(suggestion.question),
                                          callback_data=callback("a", fact_token(suggestion.fact_id)))])
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
