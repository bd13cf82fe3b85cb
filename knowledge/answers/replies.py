"""Reply wording: plain text built from a structured answer, in Russian or English.

Front ends that need markup (Telegram HTML) render the same structure
themselves; the words live here so every front end says the same thing.
The Russian constants are the bot's own voice; ``Phrases`` gathers them,
and their English counterparts, for the engine to say in either language.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from knowledge.answers.answer import Answer, Item, SourceRef, Suggestion
from knowledge.base.dates import MONTHS_GENITIVE, human_en
from knowledge.base.figures import figure_en, period_name
from knowledge.base.model import Entity, Fact, Figure

SMALLTALK = {
    # {subject} and {greeting}: the base's own words (its lexicon.yaml), «об отношениях …»
    "greeting": "Здравствуйте! Я отвечаю на вопросы {subject}{greeting}. Например: «{example}»",
    "thanks": "Пожалуйста! Спрашивайте ещё.",
    "bye": "До свидания! Возвращайтесь с вопросами.",
    "chat": "Я бот-справочник: отвечаю на вопросы {subject}. Спросите, например: «{example}»",
    "empty": "Напишите вопрос {subject}, например: «{example}»",
}

LEAD_LIST = "Вот что есть в базе ({count}):"
LEAD_LIST_CAPPED = "Вот что есть в базе ({count} из {total}, сначала ранние):"
LEAD_COUNT = "{counted} ({count}) — по данным базы:"  # «Две встречи (2) — по данным базы:»: the number first
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


def source_line(sources: tuple[SourceRef, ...], lang: str = "ru") -> str:
    if not sources:
        return ""
    if lang == "en":
        return ("Source: " if len(sources) == 1 else "Sources: ") + "; ".join(s.line_en() for s in sources)
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
        head = EN.suggest_head if answer.lang == "en" else SUGGEST_HEAD
        parts.append(head + "\n" + "\n".join(_suggestion(s) for s in answer.suggestions))
    if answer.note:
        parts.append(answer.note)
    line = source_line(answer.sources, answer.lang)
    if line:
        parts.append(line)
    return "\n\n".join(parts)


def _bullet(item: Item) -> str:
    """A list line starts with its date, so a list reads as a timeline."""
    line = f"• {item.date} — {item.text}" if item.date else f"• {item.text}"
    return f"{line} ({item.source})" if item.source else line


def _suggestion(suggestion: Suggestion) -> str:
    return f"• {suggestion.question}"


def _named_period(figure: Figure, state_date: str) -> str:
    """The figure's period worth naming: none when it is the day its fact states a state as of
    (``as_of``), which is when the source said it, not a period the figure covers."""
    return "" if figure.period == state_date else figure.period


def figure_line(figure: Figure, *, state_date: str = "") -> str:
    """«около 300 млн долларов — инвестиции в проект (2019 год)»; ``state_date``: the day of an ``as_of`` fact."""
    shown = _named_period(figure, state_date)
    period = f" ({period_name(shown)})" if shown else ""
    return f"{figure.display()} — {figure.what}{period}"


def figure_line_en(figure: Figure, *, state_date: str = "") -> str | None:
    """"about 300 million dollars — investment in the project (2019)"; None
    when the figure has no English description."""
    shown = figure_en(figure)
    if shown is None or not figure.what_en:
        return None
    named = _named_period(figure, state_date)
    period = f" ({period_name(named, 'en')})" if named else ""
    return f"{shown} — {figure.what_en}{period}"


def typed_lead(answer_type: str, fact: Fact, entities: dict[str, Entity], *, figure: Figure | None = None,
               about: frozenset[str] = frozenset(), lang: str = "ru", named: frozenset[str] = frozenset(),
               facilities: Collection[str] = (), whose: Sequence[str] = ()) -> str:
    """Exactly what was asked, before the whole fact: the date, the figure, the place or the people
    (not those the question itself names: «кто встречался с Алиевым» is answered by the others; «где … в
    Париже» by the plant the fact names there, when it names no other place; «кто был инициатором» by the
    name the fact puts beside «инициатива», ``whose``).

    In English a figure is led with only when it has an English description (``what_en``)."""
    english = lang == "en"
    if answer_type == "date" and not fact.as_of:
        human = fact.date.human_en() if english else fact.date.human()
        return f"{human[:1].upper()}{human[1:]}."
    if answer_type == "duration" and not fact.as_of and fact.date.precision == "day" \
            and fact.date.end > fact.date.start:
        days = (fact.date.end - fact.date.start).days + 1
        human = fact.date.human_en() if english else fact.date.human()
        span = (f"{days} day{'s' if days > 1 else ''}" if english
                else f"{days} {plural(days, 'день', 'дня', 'дней')}")
        return f"{span[:1].upper()}{span[1:]} ({human})."
    if answer_type == "figure" and (figure or fact.figures):
        state_date = fact.date.iso if fact.as_of else ""
        shown = figure or fact.figures[0]
        line = (figure_line_en(shown, state_date=state_date) if english
                else figure_line(shown, state_date=state_date))
        if line:
            return f"{line[:1].upper()}{line[1:]}."

    def name(ref: str) -> str:
        return (entities[ref].name_en or entities[ref].name) if english else entities[ref].name

    if answer_type == "place":
        names = [name(ref) for ref in fact.places if ref not in about] or [name(ref) for ref in fact.places]
        venue = (fact.venue_en or fact.venue) if english else fact.venue
        if venue and not [ref for ref in fact.places if ref not in about]:
            names = [venue]  # «на полях 78-й сессии Генеральной Ассамблеи ООН»: the source names no city
        elif facilities and not [ref for ref in fact.places if ref not in about and ref not in named]:
            names = [name(ref) for ref in facilities] + names  # «Где: Завод Иванова, Франция»
        return f"{'Where' if english else 'Где'}: {', '.join(names)}." if names else ""
    if answer_type == "person" and whose:
        return f"{'Who' if english else 'Кто'}: {', '.join(dict.fromkeys(name(ref) for ref in whose))}."
    if answer_type in ("person", "name"):
        refs = [ref for ref in fact.entity_ids if entities[ref].kind == "person"]
        refs = [ref for ref in refs if ref not in named] or refs
        people = [entities[ref].display_en() if english else entities[ref].display() for ref in refs]
        return f"{'Who' if english else 'Кто'}: {', '.join(dict.fromkeys(people))}." if people else ""
    if answer_type == "organisation":
        bodies = [name(ref) for ref in fact.organisations if ref not in named] or [
            name(ref) for ref in fact.organisations]
        return f"{', '.join(dict.fromkeys(bodies))}." if bodies else ""
    return ""


def times(count: int, lang: str = "ru") -> str:
    """«раз» agreeing with a number: 1 раз, 2 раза, 5 раз, 21 раз, 22 раза; "time(s)" in English."""
    if lang == "en":
        return "time" if count == 1 else "times"
    if count % 10 in (2, 3, 4) and count % 100 not in (12, 13, 14):
        return "раза"
    return "раз"


_UNITS_RU = ("", "один", "два", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять", "десять",
             "одиннадцать", "двенадцать", "тринадцать", "четырнадцать", "пятнадцать", "шестнадцать",
             "семнадцать", "восемнадцать", "девятнадцать")
_TENS_RU = ("", "", "двадцать", "тридцать", "сорок", "пятьдесят", "шестьдесят", "семьдесят", "восемьдесят",
            "девяносто")
_GENDERED_RU = {"femn": {1: "одна", 2: "две"}, "neut": {1: "одно"}}
_NUMBERS_EN = ("", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
             "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen")
_TENS_NUMBERS_EN = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
MAX_NUMBER_WORDS = 99  # larger counts are said in digits


def number_words(count: int, *, gender: str = "masc", lang: str = "ru") -> str:
    """A count in words, in the nominative («две», «двадцать одна», "twenty-one"); digits from 100 on or below 1."""
    if not 1 <= count <= MAX_NUMBER_WORDS:
        return str(count)
    tens, unit = divmod(count, 10) if count >= 20 else (0, count)
    if lang == "en":
        head = _TENS_NUMBERS_EN[tens] if tens else ""
        return f"{head}-{_NUMBERS_EN[unit]}" if head and unit else head or _NUMBERS_EN[unit]
    said = _GENDERED_RU.get(gender, {}).get(unit, _UNITS_RU[unit]) if unit else ""
    return " ".join(part for part in (_TENS_RU[tens] if tens else "", said) if part)


def counted(count: int, noun: str = "", lang: str = "ru", *, one: str = "") -> str:
    """The number first, in words, agreeing with the thing counted: «Две встречи», «Один визит», «Пять раз»;
    "Twice", "Three meetings". ``noun``: the counted word as the question names it («встреч», "meetings"; in
    English ``one`` is its singular); "" (or a word that takes no numeral, «переговоры») counts times."""
    if lang == "en":
        if noun in ("", "time", "times"):
            said = {1: "once", 2: "twice"}.get(count) or f"{number_words(count, lang='en')} {times(count, 'en')}"
        else:
            said = f"{number_words(count, lang='en')} {(one or noun) if count == 1 else noun}"
        return said[:1].upper() + said[1:]
    agreed = _agree_ru(noun, count) if noun and noun != "раз" else None
    if agreed is None:
        said = f"{number_words(count)} {times(count)}"
    else:
        form, gender = agreed
        said = f"{number_words(count, gender=gender)} {form}"
    return said[:1].upper() + said[1:]


def _agree_ru(noun: str, count: int) -> tuple[str, str] | None:
    """(the noun's form agreeing with ``count`` in the nominative, its gender); None for a word pymorphy3
    cannot agree with a numeral (pluralia tantum such as «переговоры»)."""
    from knowledge.text.morphology import analyzer  # pymorphy3, loaded once per process

    for parse in analyzer().parse(noun):
        tag = parse.tag
        if tag.POS != "NOUN" or "Pltm" in tag or tag.gender not in ("masc", "femn", "neut"):
            continue
        base = parse.inflect({"sing", "nomn"})
        agreed = base.make_agree_with_number(count) if base is not None else None
        if agreed is not None:
            return agreed.word, str(tag.gender)
    return None


def plural(count: int, one: str, few: str, many: str) -> str:
    """The noun form agreeing with a number: 1 событие, 2 события, 5 событий, 21 событие."""
    if count % 10 == 1 and count % 100 != 11:
        return one
    if count % 10 in (2, 3, 4) and count % 100 not in (12, 13, 14):
        return few
    return many


def human_day(day: dt.date, lang: str = "ru") -> str:
    """«4 апреля 1992 года», "4 April 1992"."""
    if lang == "en":
        return human_en(day.isoformat())
    return f"{day.day} {MONTHS_GENITIVE[day.month - 1]} {day.year} года"


def as_of_note(fact: Fact, source: SourceRef, lang: str = "ru") -> str:
    """«Данные за 2023 год, по данным РИА Новости на 22.04.2024.»: a figure or a state, dated, never as of today."""
    english = lang == "en"
    publisher = (source.publisher_en or source.publisher) if english else source.publisher
    if fact.as_of:
        return f"According to {publisher} as of {source.day()}." if english else \
            f"По данным {source.publisher} на {source.day()}."
    periods = [f.period for f in fact.figures if f.period]
    if not periods:
        return ""
    if english:
        human = ", ".join(dict.fromkeys(period_name(p, "en") for p in periods))
        return f"Figures for {human}, according to {publisher} as of {source.day()}."
    human = ", ".join(dict.fromkeys(period_name(p) for p in periods))
    return f"Данные за {human}, по данным {source.publisher} на {source.day()}."


@dataclass(frozen=True, slots=True)
class Phrases:
    """Everything the engine says, in one language."""

    lang: str
    examples: tuple[str, ...]  # a base's own (its lexicon.yaml): the engine fills them in
    smalltalk: dict[str, str]
    lead_list: str
    lead_list_capped: str
    lead_count: str
    lead_enumerated: str  # «Четыре сферы (4): …»: the items a fact lists, counted
    lead_enumerated_open: str  # … and the source says there are more («… и другие»)
    lead_suggest: str
    lead_partial: str
    partial_by_type: dict[str, str]
    lead_decline: str
    lead_series: str
    lead_series_one: str
    lead_timeline: str
    lead_timeline_empty: str
    lead_after_base: str
    note_base_ends: str
    lead_announced_only: str
    lead_extreme: str
    most: str
    least: str
    lead_frequent: str
    lead_detail: str
    lead_source: str
    note_quote: str
    note_topics: str
    suggest_head: str
    as_of: str  # before a state's date in a list: «на 22.04.2024»
    announced: str  # after an announced event's date in a list
    all_events: str  # the title of the whole timeline
    note_announced: str  # under an announced event: planned, not reported as done
    note_role: str  # under «кто президент …»: a role as of the source's date
    lead_relative: dict[str, str]  # «перед Анталийским форумом»: the nearest occasion, "before" / "after"
    lead_no_relative: dict[str, str]
    lead_which_event: str  # the event named is not one: which is meant
    lead_no_upcoming: str  # «следующая встреча» with nothing announced
    lead_yes: str = "Да — {detail}"  # a claim the base confirms: «Да — 5 марта 2019 года.»
    yes_plain: str = "Да — так сказано в источнике."  # ... with no date or figure to say first
    lead_no: str = "Нет: {value}."  # a claim the base contradicts, with the value it states: «Нет: в Баку.»
    lead_unconfirmed: str = "Подтверждения этому в базе нет. Ближайшее, что в ней есть:"
    participants: str = "участники — {names}"  # who the fact names instead: «Нет: участники — …»
    no_subject: str = "по этой базе фактов"  # small talk's {subject} when the base's lexicon.yaml names none
    lead_sources_differ: str = "Источники расходятся — вот что даёт каждый:"  # figures of several sources
    note_sources_differ: str = "Источники дают разные цифры: {values}."
    note_restated: str = "То же сообщал ранее: {sources}."  # a state a newer source restates

    def partial(self, answer_type: str) -> str:
        return self.partial_by_type.get(answer_type, self.lead_partial)

    def events(self, count: int) -> str:
        if self.lang == "en":
            return "event" if count == 1 else "events"
        return plural(count, "событие", "события", "событий")


RU = Phrases(
    lang="ru", examples=(), smalltalk=SMALLTALK, lead_list=LEAD_LIST, lead_list_capped=LEAD_LIST_CAPPED,
    lead_count=LEAD_COUNT, lead_enumerated="{counted} ({count}): {items}.",
    lead_enumerated_open="Источник называет {counted_lower} ({count}) и добавляет «и другие»: {items}.",
    lead_suggest=LEAD_SUGGEST, lead_partial=LEAD_PARTIAL, partial_by_type=PARTIAL_BY_TYPE,
    lead_decline=LEAD_DECLINE, lead_series=LEAD_SERIES, lead_series_one=LEAD_SERIES_ONE,
    lead_timeline=LEAD_TIMELINE, lead_timeline_empty=LEAD_TIMELINE_EMPTY, lead_after_base=LEAD_AFTER_BASE,
    note_base_ends=NOTE_BASE_ENDS, lead_announced_only=LEAD_ANNOUNCED_ONLY, lead_extreme=LEAD_EXTREME,
    most=MOST, least=LEAST, lead_frequent=LEAD_FREQUENT, lead_detail=LEAD_DETAIL, lead_source=LEAD_SOURCE,
    note_quote=NOTE_QUOTE, note_topics=NOTE_TOPICS, suggest_head=SUGGEST_HEAD, as_of="на", announced="анонс",
    all_events="все события",
    note_announced="Это анонс: источник сообщает о запланированном; состоялось ли и чем закончилось, в базе нет.",
    note_role="Должность — по данным {publisher} на {day}.",
    lead_relative={"before": "Ближайшее в базе перед событием {day}:",
                   "after": "Ближайшее в базе после события {day}:"},
    lead_no_relative={"before": "В базе нет такого события раньше {day}. Само событие:",
                      "after": "В базе нет такого события позже {day}. Само событие:"},
    lead_which_event="Таких событий в базе несколько — уточните, какое из них:",
    lead_no_upcoming=("О следующих таких событиях в базе ничего нет: источник их не анонсирует, а база "
                      "заканчивается {end}. Что в ней есть:"),
)

EN = Phrases(
    lang="en",
    examples=(),
    smalltalk={
        "greeting": "Hello! I answer questions {subject}{greeting}. For example: “{example}”",
        "thanks": "You're welcome! Ask away.",
        "bye": "Goodbye! Come back with questions.",
        "chat": "I'm a reference bot: I answer questions {subject}. Try asking, for example: “{example}”",
        "empty": "Ask a question {subject}, for example: “{example}”",
    },
    lead_list="Here is what the base has ({count}):",
    lead_list_capped="Here is what the base has ({count} of {total}, earliest first):",
    lead_count="{counted} ({count}) — according to the base:",
    lead_enumerated="{counted} ({count}): {items}.",
    lead_enumerated_open="The source names {counted_lower} ({count}), “among others”: {items}.",
    lead_suggest="The base has no exact answer. Perhaps you mean:",
    lead_partial="The source does not say. The closest it has:",
    partial_by_type={
        "date": "The source gives no exact date; all it says is:",
        "place": "The source does not say where; all it says is:",
        "person": "The source does not say who exactly; all it says is:",
        "name": "The source gives no name; all it says is:",
        "figure": "The source has no such figure; all it says is:",
        "count": "The source has no such figure; all it says is:",
    },
    lead_decline="The base has no answer to this question.",
    lead_series="As the source gives it, by period:",
    lead_series_one="The source has a figure for one period only:",
    lead_timeline="Timeline: {title} — {count} {events}",
    lead_timeline_empty="No events in the base: {title}.",
    lead_after_base=("The base ends on {end}: it has nothing on “{period}”. "
                     "The latest it has on the question:"),
    note_base_ends="The base has nothing newer: it ends on {end}.",
    lead_announced_only=("The source only announces this or describes plans; whether it happened and how it "
                         "ended is not in the base. Here is what it says:"),
    lead_extreme="{which} — {period}: {figure} (compared over the {count} periods the source gives).",
    most="The most",
    least="The least",
    lead_frequent="Most often — {period}: {count} {times}:",
    lead_detail="In more detail — as the source puts it:",
    lead_source="This is from the fact sheet “{title}” ({publisher}, {day}, {url}).",
    note_quote="The source's own words (in Russian):\n{quotes}",
    note_topics="I know about: {topics}.",
    suggest_head="Related questions:",
    as_of="as of",
    announced="announced",
    all_events="all events",
    note_announced=("This is an announcement: the source reports a plan; whether it happened, and how, "
                    "is not in the base."),
    note_role="Position as given by {publisher} as of {day}.",
    lead_relative={"before": "The nearest in the base before the event of {day}:",
                   "after": "The nearest in the base after the event of {day}:"},
    lead_no_relative={"before": "The base has no such event before {day}. The event itself:",
                      "after": "The base has no such event after {day}. The event itself:"},
    lead_which_event="The base has several such events — which one do you mean?",
    lead_no_upcoming=("The base has nothing on the next such event: the source announces none, and the base "
                      "ends on {end}. What it has:"),
    lead_sources_differ="The sources differ; here is what each gives:",
    note_sources_differ="The sources give different figures: {values}.",
    note_restated="Stated earlier by: {sources}.",
    lead_yes="Yes — {detail}",
    yes_plain="Yes — the source says so.",
    lead_no="No: {value}.",
    lead_unconfirmed="The base does not confirm this. The closest it has:",
    participants="the participants were {names}",
    no_subject="from this fact base",
)


def phrases(lang: str) -> Phrases:
    return EN if lang == "en" else RU
