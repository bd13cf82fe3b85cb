"""Relative time in questions («в прошлом году», «позапрошлой зимой», «два года назад», «сейчас»).

The fact base is a dated snapshot, so a question that places itself relative to *today* has to be
resolved against an injected ``today`` (tests fix it, the bot passes the real date) before it can be
compared with fact dates. Pure functions over small word tables: no morphology, no clock, no I/O;
one left-to-right pass over the words, each looking at a few neighbours, so time is linear.

The rules below are choices, not facts of the language, so they are written down:

* Calendar units: «в прошлом году» is the whole previous calendar year, «в этом месяце» the whole
  current month (days after today included), «на прошлой неделе» the previous Monday–Sunday week.
* «N лет/месяцев/недель/дней назад» is the calendar year/month/week/day N steps back («два года
  назад» in 2026 is 2024; «год назад» is the previous year, «полгода назад» the month six months
  back). «пару» means 2–3 steps back and «несколько» 3–7, resolved as one span.
* Seasons are meteorological: winter Dec–Feb, spring Mar–May, summer Jun–Aug, autumn Sep–Nov.
  «этой <season>» is the season containing today, otherwise the one of the current calendar year
  («этим летом» in April is the coming summer, in October the one just passed). A winter belongs to
  the year of its January, except that from August on «этой зимой» means the coming winter.
  «прошлой <season>» is the one before «этой», «позапрошлой» the one before that — as «прошлым
  летом» is last year's summer even in October. A winter straddles two years, so «прошлой зимой» is
  the latest winter that has ended: Dec 2025–Feb 2026 in March, November or December 2026 (in March
  and summer it is also «этой зимой»), and «позапрошлой» the one before it. «<season>
  прошлого/этого года» is that season of that year (a winter by its January).
* «сейчас», «на данный момент», «в настоящее время», «текущий», «нынешний», «сегодня» → kind
  ``"now"``, the single day today: asking about today is asking about the current state of affairs.
* «недавно», «в последнее время» → kind ``"recent"``, the 90 days up to today; «на днях» 14 days.
* «за последний год», «за последние 5 лет», «в последние годы» → kind ``"period"``, a rolling span
  ending today (bare «последние годы» is 5 years, «месяцы» 6, «недели» 4, «дни» 14).
* Two joined by «и»/«или» give the span over both: «в прошлом и позапрошлом году» is 2024–2025 in 2026.
* A preposition before the expression is kept in ``words`` but not interpreted: «с прошлого года»
  gives last year, not "since last year".
* Future («в следующем году»), vague («в прошлом», «давно», «много лет назад») and anaphoric («в тот
  же день», «в прошлый раз») expressions are not resolved, nor are absolute dates («в 2023 году»,
  «в марте»): the result is None.

English (``lang="en"``) follows the same rules; labels are Russian either way, as the bot speaks it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from knowledge.base.dates import MONTHS_GENITIVE, MONTHS_NOMINATIVE
from knowledge.text.normalize import strip_invisible

__all__ = ["RECENT_DAYS", "Kind", "Timeframe", "find_timeframe"]

Kind = Literal["period", "now", "recent"]

MAX_CHARS = 100_000  # a question longer than this is read up to here
RECENT_DAYS = 90  # «недавно», «в последнее время», "recently"
SOON_DAYS = 14  # «на днях», "the other day"

_ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True, slots=True)
class Timeframe:
    """A resolved relative expression: inclusive days, what sort it is, how to say it, which words."""

    start: dt.date
    end: dt.date
    kind: Kind
    label: str
    words: tuple[str, ...]  # lowercased, «ё» as «е»: the question's words the expression used


# ---- words -----------------------------------------------------------------------------------------

_TOKEN = re.compile(r"[^\W\d_]+|[0-9]+")  # a run of letters or of ASCII digits: no nesting, linear


def _tokens(text: str) -> list[str]:
    text = strip_invisible(text[:MAX_CHARS]).lower().replace("ё", "е")  # the invisible as normalize reads them
    return _TOKEN.findall(text)


# ---- dates and labels ------------------------------------------------------------------------------

_SEASON_NAMES = {"winter": "зима", "spring": "весна", "summer": "лето", "autumn": "осень"}
_SEASON_MONTHS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11)}
_UNIT_PLURALS = {
    "year": ("год", "года", "лет"),
    "month": ("месяц", "месяца", "месяцев"),
    "week": ("неделя", "недели", "недель"),
    "day": ("день", "дня", "дней"),
}
_ROLLING_ONE = {"year": "последний год", "month": "последний месяц", "week": "последняя неделя",
                "day": "последний день"}
_ROLLING_DEFAULT = {"year": 5, "month": 6, "week": 4, "day": 14}  # «в последние годы» etc.

Span = tuple[dt.date, dt.date, str]


def _plural(n: int, forms: tuple[str, str, str]) -> str:
    if n % 10 == 1 and n % 100 != 11:
        return forms[0]
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return forms[1]
    return forms[2]


def _day_label(day: dt.date) -> str:
    return f"{day.day} {MONTHS_GENITIVE[day.month - 1]} {day.year}"


def _days_label(start: dt.date, end: dt.date) -> str:
    if start == end:
        return _day_label(start)
    if start.year != end.year:
        return f"с {_day_label(start)} по {_day_label(end)}"
    if start.month != end.month:
        return f"с {start.day} {MONTHS_GENITIVE[start.month - 1]} по {_day_label(end)}"
    return f"с {start.day} по {_day_label(end)}"


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _span_label(start: dt.date, end: dt.date) -> str:
    """Whole years, whole months or days, said as briefly as the span allows."""
    whole_months = start.day == 1 and end == _month_end(end.year, end.month)
    if whole_months and start.month == 1 and end.month == 12:
        if start.year == end.year:
            return f"{start.year} год"
        return f"{start.year}–{end.year} годы"
    if whole_months:
        first = f"{MONTHS_NOMINATIVE[start.month - 1]} {start.year}"
        if (start.year, start.month) == (end.year, end.month):
            return first
        if start.year == end.year:
            return f"{MONTHS_NOMINATIVE[start.month - 1]} – {MONTHS_NOMINATIVE[end.month - 1]} {end.year}"
        return f"{first} – {MONTHS_NOMINATIVE[end.month - 1]} {end.year}"
    return _days_label(start, end)


def _season(season: str, year: int) -> Span:
    """The season that starts in ``year`` (winter: December of ``year`` to February after)."""
    if season == "winter":
        return dt.date(year, 12, 1), _month_end(year + 1, 2), f"зима {year}/{(year + 1) % 100:02d}"
    first, last = _SEASON_MONTHS[season]
    return dt.date(year, first, 1), _month_end(year, last), f"{_SEASON_NAMES[season]} {year}"


def _this_season_year(season: str, today: dt.date) -> int:
    """Start year of «этой <season>»; see the module docstring."""
    if season == "winter":
        return today.year if today.month >= 8 else today.year - 1
    return today.year


def _calendar(unit: str, offset: int, today: dt.date) -> Span:
    """The calendar ``unit`` ``offset`` steps from the one containing today (0: this one)."""
    if unit == "year":
        year = today.year + offset
        return dt.date(year, 1, 1), dt.date(year, 12, 31), f"{year} год"
    if unit == "month":
        year, month0 = divmod(today.year * 12 + today.month - 1 + offset, 12)
        start = dt.date(year, month0 + 1, 1)
        return start, _month_end(year, month0 + 1), f"{MONTHS_NOMINATIVE[month0]} {year}"
    if unit == "week":
        monday = today - dt.timedelta(days=today.weekday()) + dt.timedelta(weeks=offset)
        sunday = monday + dt.timedelta(days=6)
        return monday, sunday, f"неделя {_days_label(monday, sunday)}"
    if unit == "day":
        day = today + dt.timedelta(days=offset)
        return day, day, _day_label(day)
    if unit == "winter" and offset < 0:  # «прошлой зимой»: the latest winter that has ended
        last_ended = today.year - 1 if today.month >= 3 else today.year - 2
        return _season(unit, last_ended + offset + 1)
    return _season(unit, _this_season_year(unit, today) + offset)


def _season_of_year(season: str, year: int) -> Span:
    return _season(season, year - 1 if season == "winter" else year)


def _ago(unit: str, low: int, high: int, today: dt.date) -> Span:
    if low == high:
        return _calendar(unit, -low, today)
    start = _calendar(unit, -high, today)[0]
    end = _calendar(unit, -low, today)[1]
    return start, end, _span_label(start, end)


def _months_back(day: dt.date, months: int) -> dt.date:
    year, month0 = divmod(day.year * 12 + day.month - 1 - months, 12)
    return dt.date(year, month0 + 1, min(day.day, calendar.monthrange(year, month0 + 1)[1]))


def _rolling(unit: str, n: int, today: dt.date) -> Span:
    """The ``n`` units up to and including today."""
    if unit == "year":
        start = _months_back(today, 12 * n) + _ONE_DAY
    elif unit == "month":
        start = _months_back(today, n) + _ONE_DAY
    else:
        start = today - dt.timedelta(days=(7 if unit == "week" else 1) * n - 1)
    label = _ROLLING_ONE[unit] if n == 1 else f"последние {n} {_plural(n, _UNIT_PLURALS[unit])}"
    return start, today, label


# ---- matching --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Hit:
    first: int  # token range [first, last) the expression used
    last: int
    start: dt.date
    end: dt.date
    kind: Kind
    label: str


def _period(first: int, last: int, span: Span) -> _Hit:
    return _Hit(first, last, span[0], span[1], "period", span[2])


def _point(first: int, last: int, kind: Kind, today: dt.date, days: int) -> _Hit:
    if kind == "now":
        return _Hit(first, last, today, today, "now", "сейчас")
    return _Hit(first, last, today - dt.timedelta(days=days - 1), today, kind, f"последние {days} дней")


Rule = Callable[[Sequence[str], int, dt.date], _Hit | None]
Phrase = tuple[tuple[str, ...], Kind, int]  # words, kind, window in days for "recent"


def _phrase_table(phrases: Iterable[Phrase]) -> dict[str, tuple[Phrase, ...]]:
    """Phrases by first word, longest first, so the first that fits is the longest."""
    table: dict[str, list[Phrase]] = {}
    for phrase in sorted(phrases, key=lambda p: -len(p[0])):
        table.setdefault(phrase[0][0], []).append(phrase)
    return {word: tuple(entries) for word, entries in table.items()}


def _phrase_at(toks: Sequence[str], i: int, table: dict[str, tuple[Phrase, ...]]) -> Phrase | None:
    for phrase in table.get(toks[i], ()):
        if tuple(toks[i:i + len(phrase[0])]) == phrase[0]:
            return phrase
    return None


# ---- Russian ---------------------------------------------------------------------------------------

# Adjective endings -> the gender.case pairs they can express (plural left out: «прошлые годы» is vague).
_HARD = {
    "ый": "m.nom m.acc", "ого": "m.gen n.gen", "ому": "m.dat n.dat", "ым": "m.ins n.ins", "ом": "m.prep n.prep",
    "ая": "f.nom", "ой": "f.gen f.dat f.ins f.prep", "ую": "f.acc", "ою": "f.ins", "ое": "n.nom n.acc",
}
_HUSHING = {
    "ий": "m.nom m.acc", "его": "m.gen n.gen", "ему": "m.dat n.dat", "им": "m.ins n.ins", "ем": "m.prep n.prep",
    "ая": "f.nom", "ей": "f.gen f.dat f.ins f.prep", "ую": "f.acc", "ею": "f.ins", "ее": "n.nom n.acc",
}
_SOFT = {
    "ий": "m.nom m.acc", "его": "m.gen n.gen", "ему": "m.dat n.dat", "им": "m.ins n.ins", "ем": "m.prep n.prep",
    "яя": "f.nom", "ей": "f.gen f.dat f.ins f.prep", "юю": "f.acc", "ею": "f.ins", "ее": "n.nom n.acc",
}
_ETOT = {
    "этот": "m.nom m.acc", "этого": "m.gen n.gen", "этому": "m.dat n.dat", "этим": "m.ins n.ins",
    "этом": "m.prep n.prep", "эта": "f.nom", "этой": "f.gen f.dat f.ins f.prep", "эту": "f.acc",
    "этою": "f.ins", "это": "n.nom n.acc",
}


def _adjectives() -> dict[str, tuple[int, frozenset[str]]]:
    table = {form: (0, frozenset(tags.split())) for form, tags in _ETOT.items()}
    for offset, stem, endings in (
        (-1, "прошл", _HARD), (-2, "позапрошл", _HARD), (-1, "прошедш", _HUSHING), (-1, "минувш", _HUSHING),
        (-1, "предыдущ", _HUSHING), (0, "текущ", _HUSHING), (0, "нынешн", _SOFT),
    ):
        for ending, tags in endings.items():
            table[stem + ending] = (offset, frozenset(tags.split()))
    return table


_RU_ADJECTIVES = _adjectives()

_RU_UNIT_NOUNS: dict[str, tuple[str, frozenset[str]]] = {
    form: (unit, frozenset(tags.split()))
    for unit, forms in {
        "year": {"год": "m.nom m.acc", "года": "m.gen", "году": "m.dat m.prep", "годом": "m.ins", "годе": "m.prep"},
        "month": {"месяц": "m.nom m.acc", "месяца": "m.gen", "месяцу": "m.dat", "месяцем": "m.ins",
                  "месяце": "m.prep"},
        "week": {"неделя": "f.nom", "недели": "f.gen", "неделе": "f.dat f.prep", "неделю": "f.acc",
                 "неделей": "f.ins", "неделею": "f.ins"},
        "winter": {"зима": "f.nom", "зимы": "f.gen", "зиме": "f.dat f.prep", "зиму": "f.acc", "зимой": "f.ins",
                   "зимою": "f.ins"},
        "spring": {"весна": "f.nom", "весны": "f.gen", "весне": "f.dat f.prep", "весну": "f.acc",
                   "весной": "f.ins", "весною": "f.ins"},
        "summer": {"лето": "n.nom n.acc", "лета": "n.gen", "лету": "n.dat", "летом": "n.ins", "лете": "n.prep"},
        "autumn": {"осень": "f.nom f.acc", "осени": "f.gen f.dat f.prep", "осенью": "f.ins"},
    }.items()
    for form, tags in forms.items()
}
_RU_SEASONS = {"winter", "spring", "summer", "autumn"}

_RU_PREPOSITIONS = frozenset({
    "в", "во", "на", "за", "с", "со", "до", "к", "ко", "по", "от", "о", "об", "про", "после", "перед", "около", "для",
})

# Numerals in the nominative/accusative and the genitive («около двух лет назад»).
_RU_UNITS_NUM = {
    "один": 1, "одна": 1, "одно": 1, "одну": 1, "одного": 1, "одной": 1,
    "два": 2, "две": 2, "двух": 2, "три": 3, "трех": 3, "четыре": 4, "четырех": 4,
    "пять": 5, "шесть": 6, "семь": 7, "восемь": 8, "девять": 9,
    "пяти": 5, "шести": 6, "семи": 7, "восьми": 8, "девяти": 9,
}
_RU_TEENS_TENS = {
    word: value
    for stem_word, value in (
        ("десять", 10), ("одиннадцать", 11), ("двенадцать", 12), ("тринадцать", 13), ("четырнадцать", 14),
        ("пятнадцать", 15), ("шестнадцать", 16), ("семнадцать", 17), ("восемнадцать", 18),
        ("девятнадцать", 19), ("двадцать", 20), ("тридцать", 30),
    )
    for word in (stem_word, stem_word[:-1] + "и")
} | {"сорок": 40, "сорока": 40, "пятьдесят": 50, "пятидесяти": 50}
_RU_VAGUE = {"пару": (2, 3), "пара": (2, 3), "пары": (2, 3), "парочку": (2, 3),
             "несколько": (3, 7), "нескольких": (3, 7)}

_RU_AGO_UNITS = {
    "год": "year", "года": "year", "лет": "year",
    "месяц": "month", "месяца": "month", "месяцев": "month",
    "неделю": "week", "неделя": "week", "недели": "week", "недель": "week",
    "день": "day", "дня": "day", "дней": "day", "сутки": "day", "суток": "day",
}
_RU_AGO_SINGULAR = frozenset({"год", "месяц", "неделю", "неделя", "день", "сутки"})  # «год назад»
_RU_PLURAL_UNITS = {
    "годы": "year", "лет": "year", "года": "year", "годов": "year",
    "месяцы": "month", "месяцев": "month", "месяца": "month",
    "недели": "week", "недель": "week",
    "дни": "day", "дней": "day", "дня": "day",
}
_RU_SINGULAR_ACC_UNITS = {"год": "year", "месяц": "month", "неделю": "week", "день": "day"}

_RU_PHRASES = _phrase_table((
    (("сейчас",), "now", 0), (("сегодня",), "now", 0), (("ныне",), "now", 0), (("нынче",), "now", 0),
    (("до", "сих", "пор"), "now", 0), (("по", "сей", "день"), "now", 0),
    (("недавно",), "recent", RECENT_DAYS), (("в", "последнее", "время"), "recent", RECENT_DAYS),
    (("за", "последнее", "время"), "recent", RECENT_DAYS), (("последнее", "время"), "recent", RECENT_DAYS),
    (("не", "так", "давно"), "recent", RECENT_DAYS), (("не", "столь", "давно"), "recent", RECENT_DAYS),
    (("на", "днях"), "recent", SOON_DAYS),
))
_RU_DAYS = {"вчера": -1, "позавчера": -2}

_NOW_NOUNS = frozenset({
    "момент", "момента", "моменту", "моментом", "моменте", "время", "времени", "временем",
    "день", "дня", "дню", "днем", "дне",
})
_NOW_ADJ_ALONE = ("текущ", "нынешн", "сегодняшн")  # «текущий товарооборот» is a question about now
_NOW_ADJ_WITH_NOUN = ("данн", "настоящ")  # only «на данный момент», «в настоящее время»


def _ru_first(toks: Sequence[str], i: int) -> int:
    """Where the expression starting at ``i`` begins once a preposition before it is taken in."""
    if i >= 3 and tuple(toks[i - 3:i]) == ("по", "состоянию", "на"):
        return i - 3
    if i >= 1 and toks[i - 1] in _RU_PREPOSITIONS and toks[i] not in _RU_PREPOSITIONS:
        return i - 1
    return i


def _ranged(
    single: Callable[[Sequence[str], int], tuple[int, int, int] | None], joiner: str,
    toks: Sequence[str], i: int,
) -> tuple[int, int, int] | None:
    """A count, or a range of two: «2-3», «два-три», «два или три», "two or three"."""
    count = single(toks, i)
    if count is None or count[0] != count[1] or count[2] >= len(toks):
        return count
    j = count[2] + 1 if toks[count[2]] == joiner else count[2]
    other = single(toks, j) if j < len(toks) else None
    if other is None or other[0] != other[1] or not count[0] < other[0] <= 10 * count[0]:
        return count
    return count[0], other[0], other[2]


def _ru_number(toks: Sequence[str], i: int) -> tuple[int, int, int] | None:
    return _ranged(_ru_count, "или", toks, i)


def _ru_count(toks: Sequence[str], i: int) -> tuple[int, int, int] | None:
    """``(low, high, next index)`` for a count at ``i``: «3», «три», «двадцать два», «пару», «несколько»."""
    tok = toks[i]
    if tok.isdigit():
        if len(tok) > 4 or int(tok) == 0:
            return None
        return int(tok), int(tok), i + 1
    if tok in _RU_VAGUE:
        low, high = _RU_VAGUE[tok]
        return low, high, i + 1
    if tok in _RU_UNITS_NUM:
        value = _RU_UNITS_NUM[tok]
        return value, value, i + 1
    if tok in _RU_TEENS_TENS:
        value = _RU_TEENS_TENS[tok]
        if value >= 20 and i + 1 < len(toks) and toks[i + 1] in _RU_UNITS_NUM:
            value += _RU_UNITS_NUM[toks[i + 1]]
            return value, value, i + 2
        return value, value, i + 1
    return None


def _ru_ago_tail(toks: Sequence[str], j: int) -> int:
    """Index after «назад» / «тому назад» at ``j``; 0 if absent."""
    if j < len(toks) and toks[j] == "тому":
        j += 1
    return j + 1 if j < len(toks) and toks[j] == "назад" else 0


def _ru_ago(toks: Sequence[str], i: int, today: dt.date) -> _Hit | None:
    tok = toks[i]
    if tok == "полгода":
        end = _ru_ago_tail(toks, i + 1)
        return _period(i, end, _calendar("month", -6, today)) if end else None
    count = _ru_number(toks, i)
    if count is not None:
        low, high, j = count
        unit = _RU_AGO_UNITS.get(toks[j]) if j < len(toks) else None
        end = _ru_ago_tail(toks, j + 1) if unit else 0
        return _period(i, end, _ago(unit, low, high, today)) if unit and end else None
    unit = _RU_AGO_UNITS.get(tok)
    if unit is None:
        return None
    if tok in _RU_AGO_SINGULAR and (end := _ru_ago_tail(toks, i + 1)):  # «год назад»
        return _period(i, end, _calendar(unit, -1, today))
    count = _ru_number(toks, i + 1) if i + 1 < len(toks) else None  # «года два назад»: roughly two
    if count is not None and (end := _ru_ago_tail(toks, count[2])):
        return _period(i, end, _ago(unit, count[0], count[1], today))
    return None


def _ru_adjective(toks: Sequence[str], i: int, today: dt.date) -> _Hit | None:
    """«в прошлом году», «позапрошлой зимой», «в этом же месяце», «в прошлом и позапрошлом году»."""
    adjective = _RU_ADJECTIVES.get(toks[i])
    if adjective is None:
        return None
    offsets = [adjective[0]]
    tags = adjective[1]
    j = i + 1
    if j + 1 < len(toks) and toks[j] in ("и", "или"):  # «в прошлом и (в) этом году»
        k = j + 2 if toks[j + 1] in _RU_PREPOSITIONS else j + 1
        other = _RU_ADJECTIVES.get(toks[k]) if k < len(toks) else None
        if other is not None:
            offsets.append(other[0])
            tags &= other[1]
            j = k + 1
    if j < len(toks) and toks[j] == "же":
        j += 1
    noun = _RU_UNIT_NOUNS.get(toks[j]) if j < len(toks) else None
    if noun is None or not tags & noun[1]:
        return None
    return _union(_ru_first(toks, i), j + 1, noun[0], offsets, today)


def _union(first: int, last: int, unit: str, offsets: list[int], today: dt.date) -> _Hit:
    spans = sorted(_calendar(unit, offset, today) for offset in set(offsets))
    if len(spans) == 1:
        return _period(first, last, spans[0])
    start, end = spans[0][0], spans[-1][1]
    label = _span_label(start, end) if unit in ("year", "month") else " и ".join(s[2] for s in spans)
    return _period(first, last, (start, end, label))


def _ru_noun_first(toks: Sequence[str], i: int, today: dt.date) -> _Hit | None:
    """«зимой прошлого года» (a season of a year), «в году прошлом» (the noun first)."""
    noun = _RU_UNIT_NOUNS.get(toks[i])
    if noun is None or i + 1 >= len(toks):
        return None
    adjective = _RU_ADJECTIVES.get(toks[i + 1])
    if adjective is None:
        return None
    if noun[0] in _RU_SEASONS and i + 2 < len(toks):
        year_noun = _RU_UNIT_NOUNS.get(toks[i + 2])
        if year_noun is not None and year_noun[0] == "year" and adjective[1] & year_noun[1]:
            span = _season_of_year(noun[0], today.year + adjective[0])
            return _period(_ru_first(toks, i), i + 3, span)
    # Not «этот» after its noun: «через год этот договор продлили» is no «этот год».
    if toks[i + 1] not in _ETOT and adjective[1] & noun[1]:
        return _period(_ru_first(toks, i), i + 2, _calendar(noun[0], adjective[0], today))
    return None


def _ru_rolling(toks: Sequence[str], i: int, today: dt.date) -> _Hit | None:
    """«за последний год», «за последние 5 лет», «в последние годы»."""
    tok = toks[i]
    if tok in ("последний", "последнюю"):
        unit = _RU_SINGULAR_ACC_UNITS.get(toks[i + 1]) if i + 1 < len(toks) else None
        if unit is None or i == 0 or toks[i - 1] != "за":  # «в последний год войны» is not a span
            return None
        return _period(i - 1, i + 2, _rolling(unit, 1, today))
    if tok not in ("последние", "последних"):
        return None
    j = i + 1
    count = _ru_number(toks, j) if j < len(toks) else None
    if count is not None:
        j = count[2]
    unit = _RU_PLURAL_UNITS.get(toks[j]) if j < len(toks) else None
    if unit is None:
        return None
    n = count[1] if count is not None else _ROLLING_DEFAULT[unit]
    return _period(_ru_first(toks, i), j + 1, _rolling(unit, n, today))


def _ru_words(toks: Sequence[str], i: int, today: dt.date) -> _Hit | None:
    """Fixed phrases and single words: «сейчас», «на днях», «вчера», «текущий», «прошлогодний»."""
    tok = toks[i]
    phrase = _phrase_at(toks, i, _RU_PHRASES)
    if phrase is not None:
        words, kind, days = phrase
        return _point(_ru_first(toks, i) if len(words) == 1 else i, i + len(words), kind, today, days)
    if tok in _RU_DAYS:
        return _period(_ru_first(toks, i), i + 1, _calendar("day", _RU_DAYS[tok], today))
    if tok.startswith("позавчерашн"):
        return _period(i, i + 1, _calendar("day", -2, today))
    if tok.startswith("вчерашн"):
        return _period(i, i + 1, _calendar("day", -1, today))
    if tok.startswith("позапрошлогодн"):
        return _period(i, i + 1, _calendar("year", -2, today))
    if tok.startswith("прошлогодн"):
        return _period(i, i + 1, _calendar("year", -1, today))
    if tok.startswith("недавн"):  # «недавний визит»
        return _point(i, i + 1, "recent", today, RECENT_DAYS)
    with_noun = i + 1 < len(toks) and toks[i + 1] in _NOW_NOUNS
    if tok.startswith(_NOW_ADJ_ALONE) or (with_noun and tok.startswith(_NOW_ADJ_WITH_NOUN)):
        return _point(_ru_first(toks, i), i + 2 if with_noun else i + 1, "now", today, 0)
    return None


_RU_RULES: tuple[Rule, ...] = (_ru_noun_first, _ru_adjective, _ru_ago, _ru_rolling, _ru_words)


# ---- English ---------------------------------------------------------------------------------------

_EN_UNITS = {
    "year": "year", "years": "year", "month": "month", "months": "month", "week": "week", "weeks": "week",
    "day": "day", "days": "day",
}
_EN_SEASONS = {"winter": "winter", "spring": "spring", "summer": "summer", "autumn": "autumn", "fall": "autumn"}
_EN_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
}
_EN_PREPOSITIONS = frozenset({"in", "during", "over", "for", "since", "until", "by", "from", "of", "at", "on", "as"})
_EN_PHRASES = _phrase_table((
    (("now",), "now", 0), (("right", "now"), "now", 0), (("currently",), "now", 0), (("current",), "now", 0),
    (("at", "the", "moment"), "now", 0), (("at", "present"), "now", 0), (("as", "of", "today"), "now", 0),
    (("as", "of", "now"), "now", 0), (("nowadays",), "now", 0), (("these", "days"), "now", 0),
    (("today",), "now", 0), (("to", "this", "day"), "now", 0),
    (("recently",), "recent", RECENT_DAYS), (("lately",), "recent", RECENT_DAYS),
    (("of", "late"), "recent", RECENT_DAYS), (("recent",), "recent", RECENT_DAYS),
    (("the", "other", "day"), "recent", SOON_DAYS),
))


def _en_first(toks: Sequence[str], i: int) -> int:
    """Take in "the" and a preposition before it: "over the past year", "in recent years"."""
    if i >= 1 and toks[i - 1] == "the":
        i -= 1
    if i >= 1 and toks[i - 1] in _EN_PREPOSITIONS:
        i -= 1
    return i


def _en_number(toks: Sequence[str], i: int) -> tuple[int, int, int] | None:
    return _ranged(_en_count, "or", toks, i)


def _en_count(toks: Sequence[str], i: int) -> tuple[int, int, int] | None:
    """``(low, high, next index)``: "3", "three", "twenty two", "a", "a couple of", "a few", "several"."""
    tok = toks[i]
    nxt = toks[i + 1] if i + 1 < len(toks) else ""
    if tok.isdigit():
        if len(tok) > 4 or int(tok) == 0:
            return None
        return int(tok), int(tok), i + 1
    if tok in _EN_NUMBERS:
        value = _EN_NUMBERS[tok]
        if value >= 20 and nxt in _EN_NUMBERS and _EN_NUMBERS[nxt] < 10:
            return value + _EN_NUMBERS[nxt], value + _EN_NUMBERS[nxt], i + 2
        return value, value, i + 1
    if tok in ("a", "an"):
        return _en_count(toks, i + 1) if nxt in ("couple", "few") else (1, 1, i + 1)
    if tok == "couple":
        return (2, 3, i + 2) if nxt == "of" else (2, 3, i + 1)
    if tok in ("few", "several"):
        return 3, 7, i + 1
    return None


def _en_ago(toks: Sequence[str], i: int, today: dt.date) -> _Hit | None:
    count = _en_number(toks, i)
    if count is None:
        return None
    low, high, j = count
    unit = _EN_UNITS.get(toks[j]) if j < len(toks) else None
    if unit is None or j + 1 >= len(toks) or toks[j + 1] != "ago":
        return None
    return _period(i, j + 2, _ago(unit, low, high, today))


def _en_modifier(toks: Sequence[str], i: int, today: dt.date) -> _Hit | None:
    """"last year", "this month", "the year before last", "the past five years", "in recent years"."""
    tok = toks[i]
    if tok == "the" and tuple(toks[i + 2:i + 4]) == ("before", "last") and i + 1 < len(toks):
        unit = _EN_UNITS.get(toks[i + 1]) or _EN_SEASONS.get(toks[i + 1])
        return _period(_en_first(toks, i), i + 4, _calendar(unit, -2, today)) if unit else None
    if tok not in ("last", "past", "previous", "this", "current", "recent"):
        return None
    j = i + 1
    count = _en_number(toks, j) if j < len(toks) and tok in ("last", "past") else None
    if count is not None:
        j = count[2]
    word = toks[j] if j < len(toks) else ""
    unit = _EN_UNITS.get(word)
    season = _EN_SEASONS.get(word)
    plural = word.endswith("s")
    if unit is None and season is None:
        return None
    first = _en_first(toks, i)
    the = i >= 1 and toks[i - 1] == "the"
    if the and j + 1 < len(toks) and toks[j + 1] == "of":  # "the last month of 2023", "the last days of"
        return None
    if season is not None:
        if tok == "recent" or count is not None:
            return None
        return _period(first, j + 1, _calendar(season, 0 if tok in ("this", "current") else -1, today))
    assert unit is not None
    if tok == "recent":  # "in recent years"
        return _period(first, j + 1, _rolling(unit, _ROLLING_DEFAULT[unit], today)) if plural else None
    if count is not None or (plural and tok in ("last", "past")):  # "the last 5 years", "past weeks"
        n = count[1] if count is not None else _ROLLING_DEFAULT[unit]
        return _period(first, j + 1, _rolling(unit, n, today))
    if plural:
        return None
    if tok in ("this", "current"):
        return _period(first, j + 1, _calendar(unit, 0, today))
    if tok == "past" or (tok == "last" and the):  # "over the past year": the 12 months up to today
        return _period(first, j + 1, _rolling(unit, 1, today))
    return _period(first, j + 1, _calendar(unit, -1, today))


def _en_words(toks: Sequence[str], i: int, today: dt.date) -> _Hit | None:
    tok = toks[i]
    if tok == "yesterday":
        return _period(_en_first(toks, i), i + 1, _calendar("day", -1, today))
    if tuple(toks[i:i + 4]) == ("the", "day", "before", "yesterday"):
        return _period(i, i + 4, _calendar("day", -2, today))
    phrase = _phrase_at(toks, i, _EN_PHRASES)
    if phrase is None:
        return None
    words, kind, days = phrase
    return _point(_en_first(toks, i) if len(words) == 1 else i, i + len(words), kind, today, days)


_EN_RULES: tuple[Rule, ...] = (_en_modifier, _en_ago, _en_words)
_RULES = {"ru": _RU_RULES, "en": _EN_RULES}


# ---- entry point -----------------------------------------------------------------------------------


def find_timeframe(text: str, *, today: dt.date, lang: str = "ru") -> Timeframe | None:
    """The first relative time expression in ``text`` resolved against ``today``, or None.

    Never raises on any text; an expression whose dates fall outside ``datetime.date``'s range is
    skipped. ``lang`` is "ru" or "en" (anything else is a programming error: ValueError).
    """
    rules = _RULES.get(lang)
    if rules is None:
        raise ValueError(f"unsupported language: {lang!r}")
    if isinstance(today, dt.datetime):  # a datetime compares with no date: keep its day
        today = today.date()
    toks = _tokens(text)
    for i in range(len(toks)):
        for rule in rules:
            try:
                hit = rule(toks, i, today)
            except (ValueError, OverflowError):  # before year 1 or after 9999
                continue
            if hit is not None:
                return Timeframe(hit.start, hit.end, hit.kind, hit.label, tuple(toks[hit.first:hit.last]))
    return None
