"""Dates of facts: ISO strings with their precision, as the source gives them.

The source often knows only a month or a year, so a fact's date is a span
(``start``..``end``) plus the precision it was stated with; filters compare
spans, answers print only what is known.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

Precision = Literal["day", "month", "year"]

_PART = re.compile(r"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?$")  # ASCII only: \d takes "٢٠٢٣"

MONTHS_GENITIVE = (
    "января", "февраля", "марта", "апреля", "мая", "июня",
    "июля", "августа", "сентября", "октября", "ноября", "декабря",
)
MONTHS_NOMINATIVE = (
    "январь", "февраль", "март", "апрель", "май", "июнь",
    "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь",
)


@dataclass(frozen=True, slots=True)
class FactDate:
    """A day, month or year, or a range of them; ``start``/``end`` are inclusive days."""

    iso: str
    start: dt.date
    end: dt.date
    precision: Precision
    is_range: bool

    def overlaps(self, start: dt.date, end: dt.date) -> bool:
        return self.start <= end and start <= self.end

    def label(self) -> str:
        """Compact form for lists and timelines: «16.09.2022», «09.2022», «2022», «27.02–28.02.2023»."""
        if not self.is_range:
            return _label_part(self.iso)
        first, last = (_label_part(part) for part in self.iso.split("/"))
        if first[-4:] == last[-4:] and len(first) > 4:
            first = first[:-5]
        return f"{first}–{last}"

    def human_en(self) -> str:
        """English rendering: "16 September 2022", "September 2022", "2022", "27 February 2023 – 28 February 2023"."""
        if not self.is_range:
            return human_en(self.iso)
        first, last = self.iso.split("/")
        return f"{human_en(first)} – {human_en(last)}"

    def human(self) -> str:
        """Russian rendering that states no more than the source does."""
        if not self.is_range:
            return _human_part(self.iso)
        first, last = self.iso.split("/")
        return f"{_human_part(first)} – {_human_part(last)}"


def _span(part: str) -> tuple[dt.date, dt.date, Precision]:
    m = _PART.match(part)
    if not m:
        raise ValueError(f"not an ISO date: {part!r} (expected YYYY, YYYY-MM or YYYY-MM-DD)")
    year = int(m.group(1))
    if m.group(3):
        day = dt.date(year, int(m.group(2)), int(m.group(3)))  # ValueError on 2023-02-30
        return day, day, "day"
    if m.group(2):
        month = int(m.group(2))
        if not 1 <= month <= 12:
            raise ValueError(f"month out of range in {part!r}")
        last = calendar.monthrange(year, month)[1]
        return dt.date(year, month, 1), dt.date(year, month, last), "month"
    return dt.date(year, 1, 1), dt.date(year, 12, 31), "year"


def parse_fact_date(value: str) -> FactDate:
    """Parse ``2022-06-29``, ``2024-03``, ``2023`` or a range ``A/B``; raise ValueError if invalid."""
    text = value.strip()
    if "/" in text:
        first, _, last = text.partition("/")
        start, _, p1 = _span(first)
        _, end, p2 = _span(last)
        if end < start:
            raise ValueError(f"range ends before it starts: {text!r}")
        precision: Precision = p1 if p1 == p2 else "year"
        return FactDate(text, start, end, precision, True)
    start, end, precision = _span(text)
    return FactDate(text, start, end, precision, False)


def _human_part(part: str) -> str:
    start, _, precision = _span(part)
    if precision == "day":
        return f"{start.day} {MONTHS_GENITIVE[start.month - 1]} {start.year} года"
    if precision == "month":
        return f"{MONTHS_NOMINATIVE[start.month - 1]} {start.year} года"
    return f"{start.year} год"


def _label_part(part: str) -> str:
    start, _, precision = _span(part)
    if precision == "day":
        return start.strftime("%d.%m.%Y")
    if precision == "month":
        return start.strftime("%m.%Y")
    return str(start.year)


MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December")


def human_en(part: str) -> str:
    """"16 September 2022", "September 2022" or "2022" for one ISO part."""
    start, _, precision = _span(part)
    if precision == "day":
        return f"{start.day} {MONTHS_EN[start.month - 1]} {start.year}"
    if precision == "month":
        return f"{MONTHS_EN[start.month - 1]} {start.year}"
    return str(start.year)


def short_date(day: dt.date) -> str:
    """``22.04.2024``: the form source lines use."""
    return day.strftime("%d.%m.%Y")
