"""The date of each statement, resolved the way a careful reader does — or left empty, never guessed.

A statement's date is its first date expression that says when something happened («4 апреля 1992 года»,
«5-6 мая 2019 года», «в июле 2018 года», «По итогам 2019-го», «С 2001 по 2009 год»); a goal («к 2035
году») is not one. A day and month without a year take the year of the passage (the last year the article
stated since its last section heading) when the result keeps the account in order and not after the
publication; «в тот же день», «на следующий день» follow the statement before. A statement with no date: in
the present tense it is true as of the publication (``as_of``); in the future tense an announcement
(``planned``, dated by its weekday or the publication); in the past tense it continues the occasion of the
statement before, and says so for the reviewer.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Literal

from knowledge.text.morphology import analyzer

_MONTH_WORDS = (
    ("январ", 1), ("феврал", 2), ("март", 3), ("апрел", 4), ("ма", 5), ("июн", 6), ("июл", 7), ("август", 8),
    ("сентябр", 9), ("октябр", 10), ("ноябр", 11), ("декабр", 12),
)
_ABBREVIATED = {"янв": 1, "фев": 2, "мар": 3, "апр": 4, "май": 5, "мая": 5, "июн": 6, "июл": 7, "авг": 8,
                "сен": 9, "сент": 9, "окт": 10, "ноя": 11, "нояб": 11, "дек": 12}
MONTH = (r"(?:январ[ьяе]|феврал[ьяе]|марта?|марте|апрел[ьяе]|ма[йяе]|июн[ьяе]|июл[ьяе]|августа?|августе"
         r"|сентябр[ьяе]|октябр[ьяе]|ноябр[ьяе]|декабр[ьяе])")
_YEAR_WORD = r"(?:\s*(?:-?го|-?м)?(?:\s+(?:года|году|год|г\.))?)"
DAY_MONTH = rf"\b\d{{1,2}}(?:\s*[-–]\s*\d{{1,2}})?\s+{MONTH}\b"
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("days", re.compile(rf"\b(?P<d1>\d{{1,2}})\s*[-–]\s*(?P<d2>\d{{1,2}})\s+(?P<m>{MONTH})\b"
                        rf"(?:\s+(?P<y>\d{{4}})(?!\d){_YEAR_WORD})?", re.IGNORECASE)),
    ("day", re.compile(rf"\b(?P<d1>\d{{1,2}})\s+(?P<m>{MONTH})\b(?:\s+(?P<y>\d{{4}})(?!\d){_YEAR_WORD})?",
                       re.IGNORECASE)),
    ("month", re.compile(rf"\b(?:в\s+(?:начале|конце|середине)\s+)?(?P<m>{MONTH})\s+(?P<y>\d{{4}})(?!\d)"
                         rf"{_YEAR_WORD}", re.IGNORECASE)),
    ("years", re.compile(r"\b(?:с\s+)?(?P<y>(?:19|20)\d\d)\s*(?:[-–—]|\s+по\s+)\s*(?P<y2>(?:19|20)\d\d)(?!\d)"
                         r"(?:\s*(?:годах|годы|год|гг\.?))?", re.IGNORECASE)),
    ("year", re.compile(rf"\b(?P<y>(?:19|20)\d\d)(?!\d)(?:-?го|-?м)?(?=\s*(?:год|году|года|г\.|[,.;:)]|$)|-го|-м)"
                        rf"{_YEAR_WORD}", re.IGNORECASE)),
    ("same_day", re.compile(r"\bв\s+(?:тот|этот)\s+же\s+день\b", re.IGNORECASE)),
    ("next_day", re.compile(r"\bна\s+следующий\s+день\b", re.IGNORECASE)),
    ("weekday", re.compile(r"\bв\s+(?P<w>понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье)\b",
                           re.IGNORECASE)),
)
_WEEKDAYS = ("понедельник", "вторник", "среду", "четверг", "пятницу", "субботу", "воскресенье")
_TARGET_BEFORE = re.compile(r"(?:\bк|\bдо|\bна|\bпо)\s*$", re.IGNORECASE)  # «к 2035 году», «на 2019–2021 годы»
# (not «также»: «Страна также стала …» is «too», not «on the same occasion»)
_SAME_OCCASION = re.compile(r"^\s*(?:по\s+итогам|в\s+ходе|во\s+время|там\s+же|на\s+полях|при\s+этом|тогда\s+же)\b",
                            re.IGNORECASE)
# a pronoun that opens the sentence stands for someone of the statement before («Он подчеркнул …»); «также» after
# the opening verb adds to the same occasion («Состоялись также переговоры …»)
_PRONOUN_START = re.compile(r"^\s*(?:он|она|они)\b", re.IGNORECASE)
_VERB_THEN_ALSO = re.compile(r"^\s*(?P<verb>[а-яё]+)\s+также\b", re.IGNORECASE)
_EARLIER = re.compile(r"^\s*(?:ранее|прежде|до\s+этого|раньше)\b", re.IGNORECASE)
_LATER = re.compile(r"^\s*(?:после|затем|позднее|позже|впоследствии|в\s+дальнейшем|в\s+последующем)\b",
                    re.IGNORECASE)

Kind = Literal["days", "day", "month", "years", "year", "same_day", "next_day", "weekday"]
Tense = Literal["past", "present", "future", ""]


def month_number(word: str) -> int | None:
    """1–12 for a Russian month in any case form or the dateline's abbreviation («апр», «мая»)."""
    word = word.lower().rstrip(".")
    if word in _ABBREVIATED:
        return _ABBREVIATED[word]
    for stem, number in _MONTH_WORDS:
        if word.startswith(stem) and (stem != "ма" or word in ("май", "мая", "мае")):
            return number
    return None


@dataclass(frozen=True, slots=True)
class Mention:
    """One date expression in a statement."""

    kind: Kind
    start: int
    end: int
    day: int | None = None
    day2: int | None = None
    month: int | None = None
    year: int | None = None
    year2: int | None = None
    weekday: int | None = None
    target: bool = False  # a goal or a scope («к 2035 году», «на 2019–2021 годы»), not when it happened


def find_mentions(text: str) -> list[Mention]:
    """Every date expression of ``text`` in order; a longer one hides the shorter ones inside it."""
    found: list[Mention] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < end and start < m.end() for start, end in taken):
                continue
            groups = m.groupdict()
            year = int(groups["y"]) if groups.get("y") else None
            found.append(Mention(
                kind=kind, start=m.start(), end=m.end(),  # type: ignore[arg-type]
                day=int(groups["d1"]) if groups.get("d1") else None,
                day2=int(groups["d2"]) if groups.get("d2") else None,
                month=month_number(groups["m"]) if groups.get("m") else None,
                year=year, year2=int(groups["y2"]) if groups.get("y2") else None,
                weekday=_WEEKDAYS.index(groups["w"].lower()) if groups.get("w") else None,
                target=bool(_TARGET_BEFORE.search(text[:m.start()])) and kind in ("year", "years", "month"),
            ))
            taken.append((m.start(), m.end()))
    return sorted(found, key=lambda mention: mention.start)


@dataclass(frozen=True, slots=True)
class ResolvedDate:
    iso: str  # "2023-09-20", "2024-03", "2022", "2024-03-05/2024-03-06", "2010/2019"; "" when unresolved
    as_of: bool = False
    planned: bool = False
    notes: tuple[str, ...] = ()  # what the reviewer should check
    occasion: Literal["", "same", "same_day"] = ""  # continues the statement before: the same occasion / day


@dataclass
class DateReader:
    """Reads an article's statements in order, carrying the passage's year and the last statement's date."""

    published: dt.date
    dateline: dt.date | None = None
    year: int | None = None  # the passage's year: the last one the article stated
    last: dt.date | None = None  # the last resolved day (the end of a range)
    last_iso: str = ""
    latest: dt.date | None = None  # the latest day the account has reached, for the order check
    after_state: bool = False  # the statement before was a state as of the publication, not a dated event
    notes: list[str] = field(default_factory=list)

    def read(self, text: str, tense: Tense, *, opens_paragraph: bool = False) -> ResolvedDate:
        """The date of the next statement; ``opens_paragraph``: it is the first of its paragraph."""
        mentions = [m for m in find_mentions(text) if not m.target]
        for mention in mentions:
            resolved = self._resolve(mention, tense)
            if resolved is not None:
                self.after_state = False
                return resolved
        resolved = self._undated(text, tense)
        self.after_state = resolved.as_of
        if opens_paragraph and resolved.as_of:  # a heading («Активный диалог поддерживается …»): a new
            self.year, self.latest, self.last, self.last_iso = None, None, None, ""  # passage, no year carried
        return resolved

    # -- one expression ------------------------------------------------------------------------------------
    def _resolve(self, m: Mention, tense: Tense) -> ResolvedDate | None:
        if m.kind in ("same_day", "next_day"):
            if self.last is None or not self.last_iso or len(self.last_iso.split("/")[-1]) != 10:
                return ResolvedDate("", notes=("«в тот же день» / «на следующий день»: no earlier day to count from",))
            day = self.last + dt.timedelta(days=1 if m.kind == "next_day" else 0)
            dated = self._dated(day.isoformat(), day, day)
            if m.kind == "next_day":
                return dated
            return ResolvedDate(dated.iso, planned=dated.planned, occasion="same_day")
        if m.kind == "weekday":
            anchor = self.dateline or self.published
            ahead = (m.weekday - anchor.weekday()) % 7 if m.weekday is not None else 0
            day = anchor + dt.timedelta(days=ahead)
            return ResolvedDate(day.isoformat(), planned=tense == "future" or day > self.published,
                                notes=("a weekday counted from the dateline",))
        if m.kind == "years" and m.year and m.year2:
            if m.year2 < m.year:
                return None
            self.year = m.year2
            return ResolvedDate(f"{m.year}/{m.year2}")
        if m.kind == "year" and m.year:
            self.year, self.latest = m.year, None
            start, end = dt.date(m.year, 1, 1), dt.date(m.year, 12, 31)
            self._advance(start, end, str(m.year))
            return ResolvedDate(str(m.year), planned=start > self.published)
        if m.kind == "month" and m.year and m.month:
            self.year, self.latest = m.year, None
            start = dt.date(m.year, m.month, 1)
            end = start.replace(day=calendar.monthrange(m.year, m.month)[1])
            iso = f"{m.year}-{m.month:02d}"
            self._advance(start, end, iso)
            return ResolvedDate(iso, planned=start > self.published)
        if m.kind in ("day", "days") and m.month and m.day:
            return self._day(m, tense)
        return None

    def _day(self, m: Mention, tense: Tense) -> ResolvedDate:
        assert m.month is not None and m.day is not None
        notes: list[str] = []
        year, carried = m.year, False
        if year is None and self.year is None:  # news convention: the nearest such day on the dateline's side
            anchor = self.dateline or self.published
            year = anchor.year
            try:
                if (dt.date(year, m.month, m.day) > anchor) != (tense == "future"):
                    year += 1 if tense == "future" else -1
            except ValueError:
                return ResolvedDate("", notes=(f"«{m.day}.{m.month:02d}» is no calendar day",))
            notes.append(f"year {year} from the dateline: the text states none before")
        elif year is None:
            year, carried = self.year or 0, True
            notes.append(f"year {year} carried from an earlier sentence")
        try:
            start = dt.date(year, m.month, m.day)
            end = dt.date(year, m.month, m.day2) if m.day2 else start
        except ValueError:
            return ResolvedDate("", notes=(f"«{m.day}.{m.month:02d}.{year}» is no calendar day",))
        if end < start:
            return ResolvedDate("", notes=("a range of days that ends before it starts",))
        if carried:
            if self.latest is not None and start < self.latest - dt.timedelta(days=1):
                return ResolvedDate("", notes=(f"«{m.day}.{m.month:02d}» with year {year} would go back in the "
                                               "account: which year?",))
            if start > self.published and tense != "future":
                return ResolvedDate("", notes=(f"«{m.day}.{m.month:02d}.{year}» would be after the publication",))
        else:
            self.year, self.latest = year, None  # a stated year starts the account afresh
        iso = start.isoformat() if end == start else f"{start.isoformat()}/{end.isoformat()}"
        resolved = self._dated(iso, start, end)
        return ResolvedDate(resolved.iso, planned=start > self.published, notes=tuple(notes))

    def _dated(self, iso: str, start: dt.date, end: dt.date) -> ResolvedDate:
        self._advance(start, end, iso)
        return ResolvedDate(iso, planned=start > self.published)

    def _advance(self, start: dt.date, end: dt.date, iso: str) -> None:
        self.last, self.last_iso = end, iso
        if start <= self.published:
            self.latest = max(self.latest or start, start)

    # -- no date expression --------------------------------------------------------------------------------
    def _undated(self, text: str, tense: Tense) -> ResolvedDate:
        if tense == "future":
            return ResolvedDate(self.published.isoformat(), as_of=True, planned=True,
                                notes=("an announcement: dated by the publication",))
        if tense != "past":
            return ResolvedDate(self.published.isoformat(), as_of=True)
        if _EARLIER.search(text):
            return ResolvedDate("", notes=("«earlier» than the statement before: the text gives no date",))
        if _LATER.search(text) and self.last_iso:
            year = self.last_iso[:4]
            self.last, self.last_iso = None, year  # what continues it is known by the year alone
            return ResolvedDate(year, notes=(f"«after» the statement before: only its year ({year}) is certain",))
        if self.after_state or not self.last_iso:  # a past deed among states: as of the publication
            return ResolvedDate(self.published.isoformat(), as_of=True,
                                notes=("a past event with no date among statements of the present: "
                                       "dated as of the publication",))
        if self.last_iso and _continues(text):  # «В ходе визита …», «По итогам переговоров …», «Он …»
            return ResolvedDate(self.last_iso, occasion="same")
        if self.last_iso:  # the same occasion, or a reaction days later: the reviewer knows, the drafter does not
            return ResolvedDate("", notes=(f"no date in the sentence: perhaps that of the statement before "
                                           f"({self.last_iso})",), occasion="same")
        return ResolvedDate("", notes=("a past event the text gives no date for",))


def _continues(text: str) -> bool:
    """The sentence says it goes on with the occasion of the statement before."""
    if _SAME_OCCASION.search(text) or _PRONOUN_START.search(text):
        return True
    also = _VERB_THEN_ALSO.search(text)
    if also is None:
        return False
    tag = analyzer().parse(also.group("verb").lower())[0].tag
    return bool(tag.POS == "VERB" and tag.tense == "past")
