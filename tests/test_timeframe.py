"""knowledge.text.timeframe: relative time expressions resolved against an injected today."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from knowledge.text.normalize import INVISIBLE, ZERO_WIDTH_SPACE
from knowledge.text.timeframe import Timeframe, find_timeframe

D = dt.date
NOV = D(2026, 11, 15)  # a Sunday, late autumn
JAN = D(2026, 1, 5)  # a Monday, just after the year boundary
MAR = D(2026, 3, 10)  # winter just ended
DEC = D(2026, 12, 10)  # winter just begun
APR = D(2026, 4, 20)
OCT = D(2026, 10, 5)
LEAP = D(2024, 3, 1)  # the day after 29 February
LEAP_DAY = D(2024, 2, 29)


def ru(text: str, today: dt.date) -> Timeframe | None:
    return find_timeframe(text, today=today)


def en(text: str, today: dt.date) -> Timeframe | None:
    return find_timeframe(text, today=today, lang="en")


def hit(text: str, today: dt.date = NOV, lang: str = "ru") -> Timeframe:
    tf = find_timeframe(text, today=today, lang=lang)
    assert tf is not None, text
    return tf


def span(tf: Timeframe | None) -> tuple[dt.date, dt.date] | None:
    return None if tf is None else (tf.start, tf.end)


# ---- calendar years, months, weeks -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "text", "start", "end", "label", "words"),
    [
        (NOV, "Что было в прошлом году?", D(2025, 1, 1), D(2025, 12, 31), "2025 год", ("в", "прошлом", "году")),
        (JAN, "что было в прошлом году", D(2025, 1, 1), D(2025, 12, 31), "2025 год", ("в", "прошлом", "году")),
        (NOV, "товарооборот в позапрошлом году", D(2024, 1, 1), D(2024, 12, 31), "2024 год",
         ("в", "позапрошлом", "году")),
        (NOV, "В ЭТОМ ГОДУ", D(2026, 1, 1), D(2026, 12, 31), "2026 год", ("в", "этом", "году")),
        (NOV, "встречи в текущем году", D(2026, 1, 1), D(2026, 12, 31), "2026 год", ("в", "текущем", "году")),
        (NOV, "в нынешнем году", D(2026, 1, 1), D(2026, 12, 31), "2026 год", ("в", "нынешнем", "году")),
        (NOV, "итоги прошлого года", D(2025, 1, 1), D(2025, 12, 31), "2025 год", ("прошлого", "года")),
        (NOV, "за прошлый год", D(2025, 1, 1), D(2025, 12, 31), "2025 год", ("за", "прошлый", "год")),
        (NOV, "с позапрошлого года", D(2024, 1, 1), D(2024, 12, 31), "2024 год", ("с", "позапрошлого", "года")),
        (NOV, "в минувшем году", D(2025, 1, 1), D(2025, 12, 31), "2025 год", ("в", "минувшем", "году")),
        (NOV, "за этот год", D(2026, 1, 1), D(2026, 12, 31), "2026 год", ("за", "этот", "год")),
        (NOV, "в этом же году", D(2026, 1, 1), D(2026, 12, 31), "2026 год", ("в", "этом", "же", "году")),
        (NOV, "в году прошлом", D(2025, 1, 1), D(2025, 12, 31), "2025 год", ("в", "году", "прошлом")),
        (NOV, "прошлогодний визит", D(2025, 1, 1), D(2025, 12, 31), "2025 год", ("прошлогодний",)),
        (NOV, "в прошлом и позапрошлом году", D(2024, 1, 1), D(2025, 12, 31), "2024–2025 годы",
         ("в", "прошлом", "и", "позапрошлом", "году")),
        (NOV, "в этом и в прошлом году", D(2025, 1, 1), D(2026, 12, 31), "2025–2026 годы",
         ("в", "этом", "и", "в", "прошлом", "году")),
        (JAN, "в прошлом или этом месяце", D(2025, 12, 1), D(2026, 1, 31), "декабрь 2025 – январь 2026",
         ("в", "прошлом", "или", "этом", "месяце")),
        (JAN, "в прошлом месяце", D(2025, 12, 1), D(2025, 12, 31), "декабрь 2025", ("в", "прошлом", "месяце")),
        (JAN, "в позапрошлом месяце", D(2025, 11, 1), D(2025, 11, 30), "ноябрь 2025",
         ("в", "позапрошлом", "месяце")),
        (JAN, "в этом месяце", D(2026, 1, 1), D(2026, 1, 31), "январь 2026", ("в", "этом", "месяце")),
        (NOV, "в этом месяце", D(2026, 11, 1), D(2026, 11, 30), "ноябрь 2026", ("в", "этом", "месяце")),
        (LEAP, "в прошлом месяце", D(2024, 2, 1), D(2024, 2, 29), "февраль 2024", ("в", "прошлом", "месяце")),
        (D(2023, 3, 1), "в прошлом месяце", D(2023, 2, 1), D(2023, 2, 28), "февраль 2023",
         ("в", "прошлом", "месяце")),
        (JAN, "на прошлой неделе", D(2025, 12, 29), D(2026, 1, 4), "неделя с 29 декабря 2025 по 4 января 2026",
         ("на", "прошлой", "неделе")),
        (JAN, "на этой неделе", D(2026, 1, 5), D(2026, 1, 11), "неделя с 5 по 11 января 2026",
         ("на", "этой", "неделе")),
        (NOV, "на прошлой неделе", D(2026, 11, 2), D(2026, 11, 8), "неделя с 2 по 8 ноября 2026",
         ("на", "прошлой", "неделе")),  # today is a Sunday: still this week
        (D(2026, 4, 1), "на прошлой неделе", D(2026, 3, 23), D(2026, 3, 29), "неделя с 23 по 29 марта 2026",
         ("на", "прошлой", "неделе")),
        (D(2026, 4, 2), "за позапрошлую неделю", D(2026, 3, 16), D(2026, 3, 22), "неделя с 16 по 22 марта 2026",
         ("за", "позапрошлую", "неделю")),
    ],
)
def test_calendar_units(today: dt.date, text: str, start: dt.date, end: dt.date, label: str,
                        words: tuple[str, ...]) -> None:
    assert ru(text, today) == Timeframe(start, end, "period", label, words)


# ---- seasons ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "text", "start", "end", "label"),
    [
        # «прошлой зимой»: the winter before «этой зимой» (see the module docstring)
        (NOV, "прошлой зимой", D(2025, 12, 1), D(2026, 2, 28), "зима 2025/26"),
        (DEC, "прошлой зимой", D(2025, 12, 1), D(2026, 2, 28), "зима 2025/26"),
        (JAN, "прошлой зимой", D(2024, 12, 1), D(2025, 2, 28), "зима 2024/25"),
        (MAR, "прошлой зимой", D(2025, 12, 1), D(2026, 2, 28), "зима 2025/26"),  # the latest that has ended
        (MAR, "этой зимой", D(2025, 12, 1), D(2026, 2, 28), "зима 2025/26"),  # the one just ended
        (NOV, "этой зимой", D(2026, 12, 1), D(2027, 2, 28), "зима 2026/27"),  # the coming one
        (JAN, "этой зимой", D(2025, 12, 1), D(2026, 2, 28), "зима 2025/26"),  # the current one
        (D(2026, 7, 31), "этой зимой", D(2025, 12, 1), D(2026, 2, 28), "зима 2025/26"),
        (D(2026, 8, 1), "этой зимой", D(2026, 12, 1), D(2027, 2, 28), "зима 2026/27"),
        (NOV, "позапрошлой зимой", D(2024, 12, 1), D(2025, 2, 28), "зима 2024/25"),
        (NOV, "минувшей зимой", D(2025, 12, 1), D(2026, 2, 28), "зима 2025/26"),
        (LEAP, "этой зимой", D(2023, 12, 1), D(2024, 2, 29), "зима 2023/24"),
        (D(2025, 3, 1), "прошлой зимой", D(2024, 12, 1), D(2025, 2, 28), "зима 2024/25"),
        (D(2024, 6, 15), "позапрошлой зимой", D(2022, 12, 1), D(2023, 2, 28), "зима 2022/23"),
        (D(1999, 12, 31), "этой зимой", D(1999, 12, 1), D(2000, 2, 29), "зима 1999/00"),
        (OCT, "прошлым летом", D(2025, 6, 1), D(2025, 8, 31), "лето 2025"),
        (OCT, "этим летом", D(2026, 6, 1), D(2026, 8, 31), "лето 2026"),
        (APR, "этим летом", D(2026, 6, 1), D(2026, 8, 31), "лето 2026"),  # the coming summer
        (APR, "прошлым летом", D(2025, 6, 1), D(2025, 8, 31), "лето 2025"),
        (APR, "этой весной", D(2026, 3, 1), D(2026, 5, 31), "весна 2026"),
        (APR, "прошлой весной", D(2025, 3, 1), D(2025, 5, 31), "весна 2025"),
        (DEC, "прошлой осенью", D(2025, 9, 1), D(2025, 11, 30), "осень 2025"),
        (DEC, "этой осенью", D(2026, 9, 1), D(2026, 11, 30), "осень 2026"),
        (NOV, "позапрошлым летом", D(2024, 6, 1), D(2024, 8, 31), "лето 2024"),
        (NOV, "прошлое лето", D(2025, 6, 1), D(2025, 8, 31), "лето 2025"),
        (NOV, "в прошлую зиму", D(2025, 12, 1), D(2026, 2, 28), "зима 2025/26"),
        (NOV, "с прошлой осени", D(2025, 9, 1), D(2025, 11, 30), "осень 2025"),
        (NOV, "летом прошлого года", D(2025, 6, 1), D(2025, 8, 31), "лето 2025"),
        (NOV, "весной этого года", D(2026, 3, 1), D(2026, 5, 31), "весна 2026"),
        (NOV, "зимой прошлого года", D(2024, 12, 1), D(2025, 2, 28), "зима 2024/25"),  # by its January
        (NOV, "осенью позапрошлого года", D(2024, 9, 1), D(2024, 11, 30), "осень 2024"),
    ],
)
def test_seasons(today: dt.date, text: str, start: dt.date, end: dt.date, label: str) -> None:
    tf = ru(text, today)
    assert tf is not None
    assert (tf.start, tf.end, tf.kind, tf.label) == (start, end, "period", label)


def test_season_words_cover_the_whole_phrase() -> None:
    assert hit("что было зимой прошлого года?").words == ("зимой", "прошлого", "года")
    assert hit("Позапрошлой Зимой").words == ("позапрошлой", "зимой")


# ---- «N лет назад» ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "text", "start", "end", "label", "words"),
    [
        (NOV, "два года назад", D(2024, 1, 1), D(2024, 12, 31), "2024 год", ("два", "года", "назад")),
        (NOV, "2 года назад", D(2024, 1, 1), D(2024, 12, 31), "2024 год", ("2", "года", "назад")),
        (NOV, "5 лет назад", D(2021, 1, 1), D(2021, 12, 31), "2021 год", ("5", "лет", "назад")),
        (NOV, "пять лет назад", D(2021, 1, 1), D(2021, 12, 31), "2021 год", ("пять", "лет", "назад")),
        (NOV, "десять лет тому назад", D(2016, 1, 1), D(2016, 12, 31), "2016 год",
         ("десять", "лет", "тому", "назад")),
        (NOV, "двадцать один год назад", D(2005, 1, 1), D(2005, 12, 31), "2005 год",
         ("двадцать", "один", "год", "назад")),
        (NOV, "около трёх лет назад", D(2023, 1, 1), D(2023, 12, 31), "2023 год", ("трех", "лет", "назад")),
        (NOV, "год назад", D(2025, 1, 1), D(2025, 12, 31), "2025 год", ("год", "назад")),
        (NOV, "года два назад", D(2024, 1, 1), D(2024, 12, 31), "2024 год", ("года", "два", "назад")),
        (NOV, "лет пять-шесть назад", D(2020, 1, 1), D(2021, 12, 31), "2020–2021 годы",
         ("лет", "пять", "шесть", "назад")),
        (NOV, "пару лет назад", D(2023, 1, 1), D(2024, 12, 31), "2023–2024 годы", ("пару", "лет", "назад")),
        (NOV, "несколько лет назад", D(2019, 1, 1), D(2023, 12, 31), "2019–2023 годы",
         ("несколько", "лет", "назад")),
        (NOV, "2-3 года назад", D(2023, 1, 1), D(2024, 12, 31), "2023–2024 годы", ("2", "3", "года", "назад")),
        (NOV, "два или три года назад", D(2023, 1, 1), D(2024, 12, 31), "2023–2024 годы",
         ("два", "или", "три", "года", "назад")),
        (JAN, "три месяца назад", D(2025, 10, 1), D(2025, 10, 31), "октябрь 2025", ("три", "месяца", "назад")),
        (JAN, "месяц назад", D(2025, 12, 1), D(2025, 12, 31), "декабрь 2025", ("месяц", "назад")),
        (JAN, "полгода назад", D(2025, 7, 1), D(2025, 7, 31), "июль 2025", ("полгода", "назад")),
        (JAN, "пару месяцев назад", D(2025, 10, 1), D(2025, 11, 30), "октябрь – ноябрь 2025",
         ("пару", "месяцев", "назад")),
        (D(2026, 2, 10), "несколько месяцев назад", D(2025, 7, 1), D(2025, 11, 30), "июль – ноябрь 2025",
         ("несколько", "месяцев", "назад")),
        (D(2026, 3, 10), "пару месяцев назад", D(2025, 12, 1), D(2026, 1, 31), "декабрь 2025 – январь 2026",
         ("пару", "месяцев", "назад")),
        (JAN, "неделю назад", D(2025, 12, 29), D(2026, 1, 4), "неделя с 29 декабря 2025 по 4 января 2026",
         ("неделю", "назад")),
        (JAN, "3 дня назад", D(2026, 1, 2), D(2026, 1, 2), "2 января 2026", ("3", "дня", "назад")),
        (LEAP, "два дня назад", D(2024, 2, 28), D(2024, 2, 28), "28 февраля 2024", ("два", "дня", "назад")),
    ],
)
def test_ago(today: dt.date, text: str, start: dt.date, end: dt.date, label: str,
             words: tuple[str, ...]) -> None:
    assert ru(text, today) == Timeframe(start, end, "period", label, words)


def test_two_months_ago_crosses_the_year() -> None:
    assert span(ru("два месяца назад", D(2026, 1, 31))) == (D(2025, 11, 1), D(2025, 11, 30))


# ---- days, now, recent, rolling --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "text", "day", "label"),
    [
        (D(2026, 1, 1), "вчера", D(2025, 12, 31), "31 декабря 2025"),
        (LEAP, "что было вчера", D(2024, 2, 29), "29 февраля 2024"),
        (LEAP, "позавчера", D(2024, 2, 28), "28 февраля 2024"),
        (D(2023, 3, 1), "вчера", D(2023, 2, 28), "28 февраля 2023"),
        (NOV, "вчерашняя встреча", D(2026, 11, 14), "14 ноября 2026"),
        (NOV, "позавчерашние переговоры", D(2026, 11, 13), "13 ноября 2026"),
    ],
)
def test_days(today: dt.date, text: str, day: dt.date, label: str) -> None:
    tf = ru(text, today)
    assert tf is not None and (tf.start, tf.end, tf.kind, tf.label) == (day, day, "period", label)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Какой сейчас товарооборот?", ("сейчас",)),
        ("какой товарооборот на данный момент", ("на", "данный", "момент")),
        ("в данный момент", ("в", "данный", "момент")),
        ("кто в настоящее время посол", ("в", "настоящее", "время")),
        ("на сегодняшний день", ("на", "сегодняшний", "день")),
        ("до сегодняшнего дня", ("до", "сегодняшнего", "дня")),
        ("на текущий момент", ("на", "текущий", "момент")),
        ("текущий товарооборот", ("текущий",)),
        ("нынешний посол", ("нынешний",)),
        ("каковы текущие отношения", ("текущие",)),
        ("сегодня", ("сегодня",)),
        ("на сегодня", ("на", "сегодня")),
        ("по состоянию на сегодня", ("по", "состоянию", "на", "сегодня")),
        ("что происходит ныне", ("ныне",)),
        ("до сих пор", ("до", "сих", "пор")),
        ("СЕЙЧАС", ("сейчас",)),
    ],
)
def test_now(text: str, words: tuple[str, ...]) -> None:
    assert ru(text, NOV) == Timeframe(NOV, NOV, "now", "сейчас", words)


@pytest.mark.parametrize(
    ("text", "days", "words"),
    [
        ("недавно", 90, ("недавно",)),
        ("что было в последнее время", 90, ("в", "последнее", "время")),
        ("за последнее время", 90, ("за", "последнее", "время")),
        ("недавние переговоры", 90, ("недавние",)),
        ("не так давно", 90, ("не", "так", "давно")),
        ("на днях", 14, ("на", "днях")),
    ],
)
def test_recent(text: str, days: int, words: tuple[str, ...]) -> None:
    tf = ru(text, NOV)
    assert tf == Timeframe(NOV - dt.timedelta(days=days - 1), NOV, "recent", f"последние {days} дней", words)


@pytest.mark.parametrize(
    ("today", "text", "start", "label"),
    [
        (NOV, "за последний год", D(2025, 11, 16), "последний год"),
        (LEAP_DAY, "за последний год", D(2023, 3, 1), "последний год"),
        (NOV, "за последние 5 лет", D(2021, 11, 16), "последние 5 лет"),
        (NOV, "за последние два года", D(2024, 11, 16), "последние 2 года"),
        (NOV, "в последние годы", D(2021, 11, 16), "последние 5 лет"),
        (NOV, "за последний месяц", D(2026, 10, 16), "последний месяц"),
        (D(2026, 3, 31), "за последний месяц", D(2026, 3, 1), "последний месяц"),  # 28 February + 1
        (NOV, "за последнюю неделю", D(2026, 11, 9), "последняя неделя"),
        (NOV, "за последние 10 дней", D(2026, 11, 6), "последние 10 дней"),
    ],
)
def test_rolling(today: dt.date, text: str, start: dt.date, label: str) -> None:
    tf = ru(text, today)
    assert tf is not None and (tf.start, tf.end, tf.kind, tf.label) == (start, today, "period", label)


# ---- English ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "text", "start", "end", "kind", "words"),
    [
        (NOV, "What happened last year?", D(2025, 1, 1), D(2025, 12, 31), "period", ("last", "year")),
        (JAN, "last year", D(2025, 1, 1), D(2025, 12, 31), "period", ("last", "year")),
        (NOV, "this year", D(2026, 1, 1), D(2026, 12, 31), "period", ("this", "year")),
        (NOV, "in the year before last", D(2024, 1, 1), D(2024, 12, 31), "period",
         ("in", "the", "year", "before", "last")),
        (NOV, "two years ago", D(2024, 1, 1), D(2024, 12, 31), "period", ("two", "years", "ago")),
        (NOV, "2 years ago", D(2024, 1, 1), D(2024, 12, 31), "period", ("2", "years", "ago")),
        (NOV, "a year ago", D(2025, 1, 1), D(2025, 12, 31), "period", ("a", "year", "ago")),
        (NOV, "a couple of years ago", D(2023, 1, 1), D(2024, 12, 31), "period",
         ("a", "couple", "of", "years", "ago")),
        (NOV, "last winter", D(2025, 12, 1), D(2026, 2, 28), "period", ("last", "winter")),
        (MAR, "last winter", D(2025, 12, 1), D(2026, 2, 28), "period", ("last", "winter")),
        (OCT, "last summer", D(2025, 6, 1), D(2025, 8, 31), "period", ("last", "summer")),
        (APR, "last spring", D(2025, 3, 1), D(2025, 5, 31), "period", ("last", "spring")),
        (DEC, "last autumn", D(2025, 9, 1), D(2025, 11, 30), "period", ("last", "autumn")),
        (DEC, "last fall", D(2025, 9, 1), D(2025, 11, 30), "period", ("last", "fall")),
        (JAN, "last month", D(2025, 12, 1), D(2025, 12, 31), "period", ("last", "month")),
        (JAN, "this month", D(2026, 1, 1), D(2026, 1, 31), "period", ("this", "month")),
        (JAN, "last week", D(2025, 12, 29), D(2026, 1, 4), "period", ("last", "week")),
        (NOV, "over the past year", D(2025, 11, 16), NOV, "period", ("over", "the", "past", "year")),
        (NOV, "in the last 5 years", D(2021, 11, 16), NOV, "period", ("in", "the", "last", "5", "years")),
        (NOV, "in recent years", D(2021, 11, 16), NOV, "period", ("in", "recent", "years")),
        (D(2026, 1, 1), "yesterday", D(2025, 12, 31), D(2025, 12, 31), "period", ("yesterday",)),
        (LEAP, "the day before yesterday", D(2024, 2, 28), D(2024, 2, 28), "period",
         ("the", "day", "before", "yesterday")),
        (NOV, "recently", NOV - dt.timedelta(days=89), NOV, "recent", ("recently",)),
        (NOV, "lately", NOV - dt.timedelta(days=89), NOV, "recent", ("lately",)),
        (NOV, "now", NOV, NOV, "now", ("now",)),
        (NOV, "right now", NOV, NOV, "now", ("right", "now")),
        (NOV, "currently", NOV, NOV, "now", ("currently",)),
        (NOV, "at the moment", NOV, NOV, "now", ("at", "the", "moment")),
        (NOV, "as of today", NOV, NOV, "now", ("as", "of", "today")),
        (NOV, "What is the trade TODAY", NOV, NOV, "now", ("today",)),
        (NOV, "the current ambassador", NOV, NOV, "now", ("the", "current")),
    ],
)
def test_english(today: dt.date, text: str, start: dt.date, end: dt.date, kind: str,
                 words: tuple[str, ...]) -> None:
    tf = en(text, today)
    assert tf is not None
    assert (tf.start, tf.end, tf.kind, tf.words) == (start, end, kind, words)


def test_english_labels_are_russian() -> None:
    assert hit("last year", lang="en").label == "2025 год"
    assert hit("last winter", lang="en").label == "зима 2025/26"


# ---- what is not a relative time -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "когда установили дипломатические отношения",
        "что было в 2023 году",
        "в 2023-м году",
        "товарооборот в марте",
        "встреча 22 апреля 2024 года",
        "летом 2023 года",
        "весной",
        "прошлое соглашение",
        "прошлые договорённости",
        "в прошлом",  # vague: no span
        "в прошлый раз",  # ordinal, issue #8 point 3
        "последняя встреча",
        "в последний год войны",
        "в тот же день",
        "в этот день",
        "этот договор",
        "данный договор",
        "настоящий друг",
        "в следующем году",  # future: not resolved
        "давно",
        "много лет назад",
        "вернуться назад",
        "сейчасный",  # «сейчас» only as a whole word
        "несейчас",
        "годназад",
        "0 лет назад",
        "99999 лет назад",
        "прошлом год",  # no agreement
        "это год",
        "этот лето",
        "эта год",
        "через год этот договор продлили",
        "лето это время отпусков",
    ],
)
def test_not_a_relative_time(text: str) -> None:
    assert ru(text, NOV) is None


@pytest.mark.parametrize(
    "text",
    [
        "in 2023",
        "in March",
        "I know, snow falls nowhere",
        "the last meeting",
        "the last month of 2023",
        "the last days of the USSR",
        "the last winter of the war",
        "last",
        "ago",
        "years ago",
        "last decade",
    ],
)
def test_not_a_relative_time_in_english(text: str) -> None:
    assert en(text, NOV) is None


def test_each_language_reads_only_its_own_words() -> None:
    assert en("в прошлом году", NOV) is None
    assert ru("last year", NOV) is None


# ---- which expression, and hostile input -----------------------------------------------------------


def test_the_first_expression_wins() -> None:
    assert hit("вчера и в прошлом году").words == ("вчера",)
    assert hit("в прошлом году, а не сейчас").kind == "period"
    assert hit("сейчас, а не в прошлом году").kind == "now"
    assert hit("now, not last year", lang="en").kind == "now"
    assert hit("в 2023 году и в прошлом году").words == ("в", "прошлом", "году")


def test_e_and_yo_are_the_same_letter() -> None:
    assert span(ru("около трёх лет назад", NOV)) == span(ru("около трех лет назад", NOV))
    assert ru("ПрОшЛоЙ зИмОй", NOV) is not None


@pytest.mark.parametrize(
    "text",
    [
        "<b>сейчас</b>",
        "🔥🔥сейчас🔥🔥",
        "сей\u200bчас",  # a zero-width space inside the word
        "\x00сейчас\x00",
        "&nbsp;сейчас&nbsp;",
    ],
)
def test_markup_and_emoji_around_a_word(text: str) -> None:
    assert ru(text, NOV) == Timeframe(NOV, NOV, "now", "сейчас", ("сейчас",))


def test_a_direction_mark_inside_a_word_changes_nothing() -> None:
    assert ru("в про\u200eшлом году", NOV) == ru("в прошлом году", NOV) == hit("в прошлом году")
    assert en("last ye\u200far", NOV) == hit("last year", lang="en")


@pytest.mark.parametrize("invisible", sorted(chr(code) for code in INVISIBLE))
def test_every_invisible_character_inside_a_word_changes_nothing(invisible: str) -> None:
    assert ru(f"в про{invisible}шлом го{invisible}ду", NOV) == hit("в прошлом году")
    assert en(f"in the pa{invisible}st three mon{invisible}ths", NOV) == hit("in the past three months", lang="en")


@pytest.mark.parametrize(("text", "lang"), [
    ("в прошлом году", "ru"), ("два года назад", "ru"), ("на прошлой неделе", "ru"),
    ("когда была встреча сейчас", "ru"),
    ("last year", "en"), ("two years ago", "en"), ("in the last three months", "en"),
])
def test_zero_width_spaces_in_place_of_spaces_are_spaces(text: str, lang: str) -> None:
    assert find_timeframe(text.replace(" ", ZERO_WIDTH_SPACE), today=NOV, lang=lang) == hit(text, lang=lang)


@pytest.mark.parametrize(
    ("today", "text"),
    [
        (D(1, 1, 1), "в прошлом году"),
        (D(1, 1, 1), "вчера"),
        (D(1, 1, 1), "прошлой зимой"),
        (D(1, 3, 1), "прошлой зимой"),
        (D(1, 1, 1), "недавно"),
        (D(9999, 12, 31), "этой зимой"),
        (D(2026, 1, 1), "9999 лет назад"),
        (D(2026, 1, 1), "2027 лет назад"),
    ],
)
def test_dates_out_of_range_are_skipped(today: dt.date, text: str) -> None:
    assert ru(text, today) is None


def test_last_representable_year() -> None:
    assert span(ru("в этом году", D(9999, 12, 31))) == (D(9999, 1, 1), D(9999, 12, 31))
    assert span(ru("в прошлом году", D(1, 12, 31))) is None


def test_a_datetime_today_counts_as_its_day() -> None:
    now = dt.datetime(2026, 11, 15, 23, 59)
    assert find_timeframe("сейчас", today=now) == Timeframe(NOV, NOV, "now", "сейчас", ("сейчас",))


def test_an_unknown_language_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="unsupported language"):
        find_timeframe("сейчас", today=NOV, lang="az")


@pytest.mark.parametrize(
    "text",
    [
        "прошлом и " * 1000,
        "год " * 2500,
        "два " * 2500,
        "последние " * 1000,
        "по состоянию на " * 600,
        "the " * 2500,
        "a couple of " * 800,
        "9" * 10_000,
        "а" * 10_000,
        "🔥" * 10_000,
        "<b>" * 3000,
        "аб\u200b" * 3000,  # letters parted by zero-width spaces: each looked up once
        "в\u200bпрошлом\u200b" * 1000,
    ],
)
def test_long_hostile_input_is_fast(text: str) -> None:
    started = time.perf_counter()
    ru(text, NOV)
    en(text, NOV)
    assert time.perf_counter() - started < 1.0


def test_an_expression_at_the_end_of_a_long_text_is_found() -> None:
    text = "слово " * 1600 + "в прошлом году"
    assert len(text) > 9_000
    assert span(ru(text, NOV)) == (D(2025, 1, 1), D(2025, 12, 31))


# ---- properties ------------------------------------------------------------------------------------

_PIECES = st.sampled_from([
    "в", "на", "за", "с", "прошлом", "прошлой", "позапрошлом", "этом", "этой", "текущем", "нынешнем",
    "году", "года", "месяце", "неделе", "зимой", "летом", "весной", "осенью", "назад", "тому", "лет", "два",
    "пару", "несколько", "полгода", "2", "3", "9999", "последние", "последний", "годы", "дни", "сейчас",
    "недавно", "вчера", "на днях", "и", "же", "last", "this", "the", "year", "years", "ago", "a", "couple",
    "of", "past", "winter", "fall", "now", "recently", "before", " ", ", ", "-", "ё", "🔥", "<b>", "\u200b",
])
_DATES = st.dates(min_value=D(1, 1, 1), max_value=D(9999, 12, 31))


@settings(max_examples=400, deadline=None)
@given(
    st.one_of(st.text(max_size=200), st.lists(_PIECES, max_size=12).map(" ".join),
              st.lists(_PIECES, max_size=12).map("".join)),
    _DATES,
    st.sampled_from(["ru", "en"]),
)
def test_never_raises_and_is_consistent(text: str, today: dt.date, lang: str) -> None:
    tf = find_timeframe(text, today=today, lang=lang)
    if tf is None:
        return
    assert tf.start <= tf.end
    assert tf.label
    assert tf.words and all(w == w.lower() and "ё" not in w for w in tf.words)
    if tf.kind == "now":
        assert tf.start == tf.end == today
    elif tf.kind == "recent":
        assert tf.end == today and tf.start < today
    else:
        assert tf.kind == "period"


_PAST = [
    "в прошлом году", "в позапрошлом году", "в прошлом месяце", "на прошлой неделе", "прошлой зимой",
    "позапрошлой зимой", "прошлой весной", "прошлым летом", "прошлой осенью", "два года назад", "год назад",
    "пару лет назад", "несколько лет назад", "три месяца назад", "полгода назад", "неделю назад", "вчера",
    "позавчера", "3 дня назад", "зимой прошлого года", "летом позапрошлого года",
    "last year", "the year before last", "two years ago", "last winter", "last fall", "last month", "yesterday",
]
_CURRENT = [
    "в этом году", "в текущем году", "в этом месяце", "на этой неделе", "за последний год",
    "за последние 5 лет", "в последние годы", "сейчас", "недавно", "на днях", "this year", "this month",
    "over the past year", "currently",
]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(_PAST), st.dates(min_value=D(1900, 1, 1), max_value=D(2100, 12, 31)))
def test_past_expressions_end_before_today(text: str, today: dt.date) -> None:
    tf = find_timeframe(text, today=today, lang="ru" if not text.isascii() else "en")
    assert tf is not None and tf.kind == "period"
    assert tf.start <= tf.end < today


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(_CURRENT), st.dates(min_value=D(1900, 1, 1), max_value=D(2100, 12, 31)))
def test_current_expressions_contain_today(text: str, today: dt.date) -> None:
    tf = find_timeframe(text, today=today, lang="ru" if not text.isascii() else "en")
    assert tf is not None
    assert tf.start <= today <= tf.end


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(["зимой", "весной", "летом", "осенью"]), _DATES.filter(lambda d: 3 <= d.year <= 9997))
def test_this_season_is_within_a_year_and_last_season_is_a_year_before(season: str, today: dt.date) -> None:
    this = ru(f"этой {season}" if season != "летом" else "этим летом", today)
    last = ru(f"прошлой {season}" if season != "летом" else "прошлым летом", today)
    assert this is not None and last is not None
    assert abs((this.start - today).days) < 366 and abs((this.end - today).days) < 366
    assert last.end < today and last.start.month == this.start.month
    if season == "зимой":  # the latest winter that has ended: «этой зимой» too, from March to July
        assert this.start.year - last.start.year in (0, 1) and (today - last.end).days <= 366
    else:
        assert this.start.year - last.start.year == 1 and last.end < this.start
