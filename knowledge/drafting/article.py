"""An article as passages of statements: the dateline, the paragraphs, the sentences and the clauses of
a list sentence («встречались 29 июня …; 16 сентября – …»), each with its place in the text.

Russian news style: the first line opens with a dateline («МОСКВА, 22 апр - РИА Новости.», «БАКУ, 27 ноября
2025 -»); a paragraph is one line; a sentence ends with . ! ? or … before a capital letter, a digit or a quote.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from knowledge.drafting.dates import DAY_MONTH, MONTH, month_number
from knowledge.text.morphology import analyzer

# «МОСКВА, 22 апр - РИА Новости.», «БАКУ, 27 ноября 2025 - РИА Новости.», «АСТАНА, 3 мар — Спутник.»
_DATELINE = re.compile(
    r"^\s*(?P<place>[A-ZА-ЯЁ][A-ZА-ЯЁ\- ]{1,40}?)\s*,\s*(?P<day>\d{1,2})\s+(?P<month>[а-яё]{3,9})\.?"
    r"(?:\s+(?P<year>\d{4}))?(?:\s+года)?\s*[-–—]\s*(?P<agency>[^.]{1,60}?)\.\s*")
# words ending in a period that do not end a sentence
_ABBREVIATIONS = frozenset({"г", "гг", "т", "д", "е", "п", "пр", "др", "руб", "долл", "тыс", "млн", "млрд", "ст",
                            "им", "ул", "см", "напр", "н", "э", "вв", "ок", "трлн", "куб", "кв", "км"})
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"»”)]?\s+(?=[«\"“(A-ZА-ЯЁ0-9])")
_CLAUSE_START = re.compile(rf"^\s*(?:[-–—]\s*)?{DAY_MONTH}", re.IGNORECASE)
# «, в 2019 году …», «, 5 мая …», «, в июле 2018 года …»: a comma, then a clause that opens with its date
_DATED_CLAUSE = re.compile(rf",\s+(?=(?:в|во)?\s*(?:(?:19|20)\d\d\s+год|{DAY_MONTH}|{MONTH}\s+(?:19|20)\d\d))",
                           re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Dateline:
    place: str  # «Москва»
    day: int
    month: int
    year: int | None  # None when the dateline leaves it to the publication date
    agency: str
    end: int  # where the article's own text begins


@dataclass(frozen=True, slots=True)
class Statement:
    """One thing the article states: a sentence, or one clause of a list sentence."""

    text: str  # verbatim: a substring of the article
    start: int  # offset in the article
    paragraph: int  # which paragraph (0-based): a year carries only within one
    sentence: str  # the whole sentence it belongs to
    lead: str = ""  # of a list clause: the words before the first clause's date («министры встречались»)


def read_dateline(text: str) -> Dateline | None:
    """The dateline that opens a news article, or None."""
    m = _DATELINE.match(text)
    if m is None:
        return None
    month = month_number(m.group("month"))
    if month is None:
        return None
    place = m.group("place").strip()
    return Dateline(place=" ".join("-".join(p.capitalize() for p in w.split("-")) for w in place.lower().split()),
                    day=int(m.group("day")), month=month,
                    year=int(m.group("year")) if m.group("year") else None,
                    agency=m.group("agency").strip(), end=m.end())


def dateline_date(line: Dateline, published: dt.date) -> dt.date:
    """The day the dateline names: its year, else the publication's (a dateline is never after it)."""
    year = line.year or published.year
    try:
        day = dt.date(year, line.month, line.day)
    except ValueError:
        return published
    if line.year is None and day > published:  # «30 дек» of an article published on 2 January
        day = day.replace(year=year - 1)
    return day


def sentences(paragraph: str) -> list[tuple[int, str]]:
    """(offset, sentence) of one paragraph; abbreviations («г.», «млн.») and initials («П. Иванов») keep
    a sentence whole."""
    found: list[tuple[int, str]] = []
    start = 0
    for m in _SENTENCE_END.finditer(paragraph):
        before = paragraph[start:m.start()].rstrip("\"»”)")
        last = re.search(r"(\w+)\.$", before)
        if last and (last.group(1).lower() in _ABBREVIATIONS or (len(last.group(1)) == 1 and last.group(1).isupper())):
            continue
        found.append((start, paragraph[start:m.start()].strip()))
        start = m.end()
    if paragraph[start:].strip():
        found.append((start, paragraph[start:].strip()))
    return [(offset + (len(s) - len(s.lstrip())), s) for offset, s in found if s]


def statements(text: str, *, body_start: int = 0) -> list[Statement]:
    """Every statement of the article after ``body_start`` (the dateline's end), in order."""
    found: list[Statement] = []
    offset = 0
    for number, line in enumerate(text.split("\n")):
        here = offset
        offset += len(line) + 1
        if here + len(line) <= body_start:
            continue
        skip = max(0, body_start - here)
        for start, sentence in sentences(line[skip:]):
            at = here + skip + start
            found.extend(_clauses(sentence, at, number))
    return found


def _clauses(sentence: str, at: int, paragraph: int) -> list[Statement]:
    """A list sentence («… встречались 29 июня …; 16 сентября – …; 7 октября – …») as one statement per clause;
    two clauses joined by a comma, the second dated on its own («…, в 2019 году стороны подписали …»), as
    two; any other sentence whole."""
    parts = sentence.split(";")
    if len(parts) < 2 or not all(_CLAUSE_START.match(p) for p in parts[1:]):
        return _dated_clauses(sentence, at, paragraph)
    first = re.search(DAY_MONTH, parts[0], re.IGNORECASE)
    if first is None:
        return [Statement(sentence, at, paragraph, sentence)]
    lead = parts[0][:first.start()].strip()
    result: list[Statement] = []
    pos = 0
    for number, part in enumerate(parts):
        piece = part.strip().rstrip(".").strip() if number == len(parts) - 1 else part.strip()
        if number == 0:
            piece = parts[0].strip()
        offset = sentence.index(piece, pos)
        pos = offset + len(piece)
        result.append(Statement(piece, at + offset, paragraph, sentence, lead=lead if number else ""))
    return result


def _dated_clauses(sentence: str, at: int, paragraph: int) -> list[Statement]:
    """Split at a comma followed by a clause that opens with its own date, when both sides have a verb."""
    for m in _DATED_CLAUSE.finditer(sentence):
        head, tail = sentence[:m.start()], sentence[m.end():]
        if len(head) >= 20 and _has_verb(head) and _has_verb(tail):
            return [Statement(head, at, paragraph, sentence),
                    *(_dated_clauses(tail, at + m.end(), paragraph))]
    return [Statement(sentence, at, paragraph, sentence)]


def _has_verb(text: str) -> bool:
    morph = analyzer()
    return any(morph.parse(w.lower())[0].tag.POS in ("VERB", "PRTS")
               for w in re.findall(r"[А-Яа-яЁё]+", text))
