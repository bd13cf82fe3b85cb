"""knowledge.base.dates: ISO fact dates with their precision, spans, overlaps and Russian rendering."""

from __future__ import annotations

import datetime as dt

import pytest

from knowledge.base.dates import FactDate, parse_fact_date, short_date

D = dt.date


@pytest.mark.parametrize(
    ("text", "start", "end", "precision", "is_range"),
    [
        ("2022-06-29", D(2022, 6, 29), D(2022, 6, 29), "day", False),
        ("2024-02-29", D(2024, 2, 29), D(2024, 2, 29), "day", False),
        ("2024-03", D(2024, 3, 1), D(2024, 3, 31), "month", False),
        ("2024-02", D(2024, 2, 1), D(2024, 2, 29), "month", False),  # leap year
        ("2023-02", D(2023, 2, 1), D(2023, 2, 28), "month", False),
        ("2023-04", D(2023, 4, 1), D(2023, 4, 30), "month", False),
        ("2023-12", D(2023, 12, 1), D(2023, 12, 31), "month", False),
        ("1992", D(1992, 1, 1), D(1992, 12, 31), "year", False),
        ("2024-03-05/2024-03-06", D(2024, 3, 5), D(2024, 3, 6), "day", True),
        ("2023-02-27/2023-02-28", D(2023, 2, 27), D(2023, 2, 28), "day", True),
        ("2010/2019", D(2010, 1, 1), D(2019, 12, 31), "year", True),
        ("2024-01/2024-03", D(2024, 1, 1), D(2024, 3, 31), "month", True),
        ("2024/2026", D(2024, 1, 1), D(2026, 12, 31), "year", True),
        ("2024-03-05/2024-03-05", D(2024, 3, 5), D(2024, 3, 5), "day", True),
    ],
)
def test_parse(text: str, start: dt.date, end: dt.date, precision: str, is_range: bool) -> None:
    date = parse_fact_date(text)
    assert date == FactDate(text, start, end, precision, is_range)  # type: ignore[arg-type]


def test_surrounding_spaces_are_dropped() -> None:
    assert parse_fact_date("  2023-09-20\n").iso == "2023-09-20"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("2023-02-30", "day is out of range"),
        ("2023-02-29", "day is out of range"),  # not a leap year
        ("2023-04-31", "day is out of range"),
        ("2023-13", "month out of range"),
        ("2023-00", "month out of range"),
        ("2023-13-01", "month must be in 1..12"),
        ("2023-00-10", "month must be in 1..12"),
        ("0000", "year 0 is out of range"),
        ("2023-1", "not an ISO date"),
        ("2023-01-1", "not an ISO date"),
        ("23", "not an ISO date"),
        ("20231", "not an ISO date"),
        ("2023-06-29T10:00", "not an ISO date"),
        ("22.04.2024", "not an ISO date"),
        ("22 апреля 2024", "not an ISO date"),
        ("", "not an ISO date"),
        ("/", "not an ISO date"),
        ("2023/", "not an ISO date"),
        ("/2023", "not an ISO date"),
        ("2023/2024/2025", "not an ISO date"),
        ("2023 / 2024", "not an ISO date"),
        ("2024-04-01/2024-03-31", "range ends before it starts"),
        ("2024/2023", "range ends before it starts"),
        ("٢٠٢٣", "not an ISO date"),  # Arabic-Indic digits are not ISO digits
        ("２０２３", "not an ISO date"),  # nor are full-width ones
    ],
)
def test_invalid(text: str, words: str) -> None:
    with pytest.raises(ValueError, match=words):
        parse_fact_date(text)


@pytest.mark.parametrize(
    ("text", "start", "end", "overlaps"),
    [
        ("2023-09-20", D(2023, 9, 20), D(2023, 9, 20), True),
        ("2023-09-20", D(2023, 9, 1), D(2023, 9, 30), True),
        ("2023-09-20", D(2023, 9, 21), D(2023, 12, 31), False),
        ("2023-09-20", D(2023, 1, 1), D(2023, 9, 19), False),
        ("2023-09", D(2023, 9, 30), D(2023, 10, 5), True),  # the month's last day
        ("2023-09", D(2023, 10, 1), D(2023, 10, 5), False),
        ("2023-09", D(2023, 8, 1), D(2023, 9, 1), True),  # the month's first day
        ("2023", D(2022, 12, 31), D(2022, 12, 31), False),
        ("2023", D(2023, 12, 31), D(2024, 1, 1), True),
        ("2010/2019", D(2015, 6, 1), D(2015, 6, 1), True),
        ("2010/2019", D(2020, 1, 1), D(2020, 12, 31), False),
        ("2024-03-05/2024-03-06", D(2024, 3, 6), D(2024, 3, 10), True),
        ("2024-03-05/2024-03-06", D(2024, 3, 7), D(2024, 3, 10), False),
        ("2022-06-29", D(2000, 1, 1), D(2030, 1, 1), True),
    ],
)
def test_overlaps(text: str, start: dt.date, end: dt.date, overlaps: bool) -> None:
    assert parse_fact_date(text).overlaps(start, end) is overlaps


@pytest.mark.parametrize(
    ("text", "human"),
    [
        ("2022-06-29", "29 июня 2022 года"),
        ("1992-04-04", "4 апреля 1992 года"),
        ("2024-01-01", "1 января 2024 года"),
        ("2023-02-28", "28 февраля 2023 года"),
        ("2023-03-08", "8 марта 2023 года"),
        ("2023-05-25", "25 мая 2023 года"),
        ("2023-08-15", "15 августа 2023 года"),
        ("2023-12-26", "26 декабря 2023 года"),
        ("2024-01", "январь 2024 года"),
        ("2022-09", "сентябрь 2022 года"),
        ("2023-05", "май 2023 года"),
        ("2023", "2023 год"),
        ("2024-03-05/2024-03-06", "5 марта 2024 года – 6 марта 2024 года"),
        ("2010/2019", "2010 год – 2019 год"),
        ("2024-01/2024-03", "январь 2024 года – март 2024 года"),
    ],
)
def test_human(text: str, human: str) -> None:
    assert parse_fact_date(text).human() == human


def test_human_says_no_more_than_the_precision() -> None:
    assert "1" not in parse_fact_date("2024-04").human().replace("2024", "")  # no invented day
    assert "года" not in parse_fact_date("2023").human()


def test_short_date() -> None:
    assert short_date(D(2024, 4, 22)) == "22.04.2024"
    assert short_date(D(1992, 4, 4)) == "04.04.1992"
