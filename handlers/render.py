"""Telegram HTML for engine answers: everything escaped, long replies split, buttons encoded.

The words come from the engine (``knowledge.replies``); this module only adds
markup, the source link and inline keyboards.
"""

from __future__ import annotations

from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from knowledge.answer import Answer, SourceRef
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
        parts.append(escape(answer.lead))
    if answer.kind == "answer" and len(answer.items) == 1:
        parts.append(escape(answer.items[0].text))
    elif answer.items:
        parts.append("\n".join(f"• {escape(item.text)}" for item in answer.items))
    if answer.suggestions and answer.kind not in ("suggest",):
        parts.append(escape(SUGGEST_HEAD) + "\n" + "\n".join(f"• {escape(s.question)}" for s in answer.suggestions))
    if answer.note:
        parts.append(f"<i>{escape(answer.note)}</i>")
    source = source_html(answer.sources)
    if source:
        parts.append(source)
    return "\n\n".join(parts)


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
    """Split at line boundaries so that no message exceeds ``limit`` and no tag is cut.

    Every line this module writes is balanced HTML, so a cut between lines is safe;
    a single line longer than the limit is cut at a space outside any tag or entity."""
    chunks: list[str] = []
    current = ""
    for line in text.split("\n"):
        while len(line) > limit:
            cut = _safe_cut(line, limit)
            piece, line = line[:cut], line[cut:].lstrip(" ")
            if current:
                chunks.append(current)
                current = ""
            chunks.append(piece)
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit:
            chunks.append(current)
            current = line
        else:
            current = candidate
    if current.strip():
        chunks.append(current)
    return [c for c in chunks if c.strip()] or [""]


def _safe_cut(line: str, limit: int) -> int:
    cut = line.rfind(" ", 0, limit)
    if cut <= 0:
        cut = limit
    # never inside <tag …> or &entity;
    while cut > 0 and (line.rfind("<", 0, cut) > line.rfind(">", 0, cut) or
                       line.rfind("&", 0, cut) > line.rfind(";", 0, cut)):
        cut -= 1
    return cut or limit
