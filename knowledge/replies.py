"""Reply wording: plain Russian text built from a structured answer.

Front ends that need markup (Telegram HTML) render the same structure
themselves; the words live here so every front end says the same thing.
"""

from __future__ import annotations

import datetime as dt

from knowledge.answer import Answer, Item, SourceRef, Suggestion
from knowledge.dates import MONTHS_GENITIVE, parse_fact_date
from knowledge.model import Entity, Fact, Figure

EXAMPLES = (
    "Когда установлены дипломатические отношения?",
    "Какой товарооборот был в 2023 году?",
    "Где встречались Путин и Алиев в 2022 году?",
)

SMALLTALK = {
    "greeting": (
        "Здравствуйте! Я отвечаю на вопросы об отношениях России и Азербайджана — встречах, торговле, "
        "сотрудничестве — по справке РИА Новости. Например: «{example}»"
    ),
    "thanks": "Пожалуйста! Спрашивайте ещё.",
    "bye": "До свидания! Возвращайтесь с вопросами.",
    "chat": (
        "Я бот-справочник об отношениях России и Азербайджана. Спросите, например: «{example}»"
    ),
    "empty": "Напишите вопрос об отношениях России и Азербайджана, например: «{example}»",
}

LEAD_LIST = "Вот что есть в базе ({count}):"
LEAD_LIST_CAPPED = "Вот что есть в базе ({count} из {total}, сначала ранние):"
LEAD_COUNT = "По данным базы — {count} {times}:"
LEAD_SUGGEST = "Точного ответа в базе нет. Возможно, вас интересует:"
LEAD_PARTIAL = "В источнике этого не сказано. Ближайшее, что известно:"
PARTIAL_BY_TYPE = {  # the asked detail is missing from the closest fact: say which, then what is known
    "date": "В источнике точная дата не указана; известно только:",
    "place": "В источнике место не указано; известно только:",
    "person": "В источнике не названо, кто именно; известно только:",
    "name": "В источнике имя не названо; известно только:",
    "figure": "В источнике нет такой цифры; известно только:",
    "count": "В источнике нет такой цифры; известно только:",
}


def partial_lead(answer_type: str) -> str:
    return PARTIAL_BY_TYPE.get(answer_type, LEAD_PARTIAL)
LEAD_DECLINE = "В базе нет ответа на этот вопрос."
LEAD_SERIES = "По данным источника, по периодам:"
LEAD_SERIES_ONE = "В источнике есть цифра только за один период:"
LEAD_TIMELINE = "Хронология: {title} — {count} {events}"
LEAD_TIMELINE_EMPTY = "В базе нет событий: {title}."
LEAD_AFTER_BASE = ("База заканчивается {end}: о периоде «{period}» в ней ничего нет. "
                   "Последнее, что в ней есть по этому вопросу:")
NOTE_BASE_ENDS = "Более новых данных в базе нет: она заканчивается {end}."
LEAD_ANNOUNCED_ONLY = ("В источнике это только анонс или планы; состоялось ли и чем закончилось, "
                       "в базе нет. Вот что сказано:")
LEAD_EXTREME = "{which} — {period}: {figure} (сравнение по {count} периодам, которые приводит источник)."
MOST, LEAST = "Больше всего", "Меньше всего"
LEAD_FREQUENT = "Чаще всего — {period}: {count} {times}:"
LEAD_DETAIL = "Подробнее — как сказано в источнике:"
LEAD_SOURCE = "Это из справки «{title}» ({publisher}, {day}, {url})."
NOTE_QUOTE = "Цитата из источника:\n{quotes}"
NOTE_TOPICS = "Я знаю о темах: {topics}."
SUGGEST_HEAD = "Похожие вопросы:"


def source_line(sources: tuple[SourceRef, ...]) -> str:
    if not sources:
        return ""
    label = "Источник" if len(sources) == 1 else "Источники"
    return f"{label}: " + "; ".join(s.line() for s in sources)


def render_text(answer: Answer) -> str:
    """The plain-text reply: what `factbot ask` prints and what Telegram shows, minus markup."""
    parts: list[str] = []
    if answer.lead:
        parts.append(answer.lead)
    if answer.kind in ("answer",) and len(answer.items) == 1:
        parts.append(answer.items[0].text)
    elif answer.items:
        parts.append("\n".join(_bullet(item) for item in answer.items))
    if answer.kind == "suggest":
        parts.append("\n".join(_suggestion(s) for s in answer.suggestions))
    elif answer.suggestions:
        parts.append(SUGGEST_HEAD + "\n" + "\n".join(_suggestion(s) for s in answer.suggestions))
    if answer.note:
        parts.append(answer.note)
    line = source_line(answer.sources)
    if line:
        parts.append(line)
    return "\n\n".join(parts)


def _bullet(item: Item) -> str:
    """A list line starts with its date, so a list reads as a timeline."""
    return f"• {item.date} — {item.text}" if item.date else f"• {item.text}"


def _suggestion(suggestion: Suggestion) -> str:
    return f"• {suggestion.question}"


def _period(text: str) -> str:
    try:
        return parse_fact_date(text).human()
    except ValueError:
        return text


def figure_line(figure: Figure) -> str:
    """«почти 4,4 млрд долларов — товарооборот России и Азербайджана (2023 год)»."""
    period = f" ({_period(figure.period)})" if figure.period and not figure.period.startswith("2024-04-22") else ""
    return f"{figure.display()} — {figure.what}{period}"


def typed_lead(answer_type: str, fact: Fact, entities: dict[str, Entity], *, figure: Figure | None = None,
               about: frozenset[str] = frozenset()) -> str:
    """Exactly what was asked, before the whole fact: the date, the figure, the place or the people."""
    if answer_type == "date" and not fact.as_of:
        human = fact.date.human()
        return f"{human[:1].upper()}{human[1:]}."
    if answer_type == "figure" and (figure or fact.figures):
        line = figure_line(figure or fact.figures[0])
        return f"{line[:1].upper()}{line[1:]}."
    if answer_type == "place":
        names = [entities[ref].name for ref in fact.places if ref not in about] or \
                [entities[ref].name for ref in fact.places]
        return f"Где: {', '.join(names)}." if names else ""
    if answer_type in ("person", "name"):
        people = [entities[ref].display() for ref in fact.entity_ids if entities[ref].kind == "person"]
        return f"Кто: {', '.join(dict.fromkeys(people))}." if people else ""
    return ""


def times(count: int) -> str:
    """«раз» agreeing with a number: 1 раз, 2 раза, 5 раз, 21 раз, 22 раза."""
    if count % 10 in (2, 3, 4) and count % 100 not in (12, 13, 14):
        return "раза"
    return "раз"


def plural(count: int, one: str, few: str, many: str) -> str:
    """The noun form agreeing with a number: 1 событие, 2 события, 5 событий, 21 событие."""
    if count % 10 == 1 and count % 100 != 11:
        return one
    if count % 10 in (2, 3, 4) and count % 100 not in (12, 13, 14):
        return few
    return many


def human_day(day: dt.date) -> str:
    """«22 апреля 2024 года»."""
    return f"{day.day} {MONTHS_GENITIVE[day.month - 1]} {day.year} года"


def as_of_note(fact: Fact, source: SourceRef) -> str:
    """«Данные за 2023 год, по данным РИА Новости на 22.04.2024.»: a figure or a state, dated, never as of today."""
    if fact.as_of:
        return f"По данным {source.publisher} на {source.day()}."
    periods = [f.period for f in fact.figures if f.period]
    if not periods:
        return ""
    human = ", ".join(dict.fromkeys(_period(p) for p in periods))
    return f"Данные за {human}, по данным {source.publisher} на {source.day()}."
