"""Ranks the dates and figures of the base can give: the n-th occasion, the busiest period, the extreme figure.

Pure functions over scored facts and figure series; the engine words the answers. An occasion is a day or
days: facts of one date are one event («встречались 19 мая»: the talks and the trilateral after them), and
so are overlapping days (a visit of 5–6 March and its talks of 5 and of 6 March).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from knowledge.base.model import Fact, Figure
from knowledge.search.scoring import Scored
from knowledge.search.series import Point


def occasion(fact: Fact) -> str:
    """The key that makes facts of one day one occasion."""
    return fact.date.iso


def occasion_groups(facts: Sequence[Fact], *, by_day: bool = False) -> list[list[int]]:
    """Positions of the facts grouped by occasion, oldest first. Facts dated to the day whose days overlap
    are one occasion (the visit of 5–6 March and the talks of 5 and of 6 March); a month or a year named
    is one occasion of its own. ``by_day`` («сколько переговоров»): a span holding facts of its own days is
    left out, so the talks of 5 and of 6 March are two."""
    groups: list[list[int]] = []
    last_end: dt.date | None = None
    order = sorted(range(len(facts)), key=lambda i: (facts[i].date.start, facts[i].date.end))
    if by_day:
        order = [at for at in order if not _spans_others(facts, at)]
    for at in order:
        date = facts[at].date
        by_day = date.precision == "day"
        if groups and by_day and last_end is not None and date.start <= last_end:
            groups[-1].append(at)
            last_end = max(last_end, date.end)
        elif groups and not by_day and occasion(facts[groups[-1][0]]) == date.iso:
            groups[-1].append(at)
        else:
            groups.append([at])
            last_end = date.end if by_day else None
    return groups


def _spans_others(facts: Sequence[Fact], at: int) -> bool:
    """A fact of several days within which another fact of the set is dated to a day of its own."""
    span = facts[at].date
    return span.precision == "day" and span.end > span.start and any(
        other.date.precision == "day" and other.date.end == other.date.start and span.start <= other.date.start
        <= span.end for i, other in enumerate(facts) if i != at)


def occasions(events: list[Scored]) -> list[list[Scored]]:
    """Events grouped by occasion (``occasion_groups``), oldest first; within one, the best-scored first."""
    groups = occasion_groups([s.entry.fact for s in events])
    return [sorted((events[i] for i in group), key=lambda s: -s.score) for group in groups]


def count_occasions(facts: Sequence[Fact], *, by_day: bool = False) -> int:
    return len(occasion_groups(facts, by_day=by_day))


def nth_occasion(days: list[list[Scored]], n: int) -> Scored | None:
    """«вторая встреча»: the best fact of the n-th occasion (n < 0 counts from the last: «предпоследняя»),
    or None when there are fewer."""
    if not (1 <= n <= len(days) or -len(days) <= n <= -1):
        return None
    return max(days[n - 1 if n > 0 else n], key=lambda s: s.score)


def nearest_occasion(days: list[list[Scored]], anchor: Fact, direction: str) -> Scored | None:
    """«перед Анталийским форумом»: the best fact of the last occasion ending before the anchor began
    ("before"), or of the first one starting after it ended ("after"); None when there is none."""
    if direction == "before":
        earlier = [day for day in days if max(s.entry.fact.date.end for s in day) < anchor.date.start]
        return max(earlier[-1], key=lambda s: s.score) if earlier else None
    later = [day for day in days if min(s.entry.fact.date.start for s in day) > anchor.date.end]
    return max(later[0], key=lambda s: s.score) if later else None


def busiest_period(days: list[list[Scored]], *, monthly: bool) -> tuple[int, int, list[list[Scored]]] | None:
    """«чаще всего»: (year, month or 0, its occasions) of the period with the most; None for a tie or nothing."""
    groups: dict[tuple[int, int], list[list[Scored]]] = {}
    for day in days:
        start = day[0].entry.fact.date.start
        groups.setdefault((start.year, start.month if monthly else 0), []).append(day)
    counts = sorted(((len(v), k) for k, v in groups.items()), reverse=True)
    if not counts or (len(counts) > 1 and counts[0][0] == counts[1][0]):
        return None
    year, month = counts[0][1]
    return year, month, groups[(year, month)]


def busiest_places(days: list[list[Scored]], *, besides: frozenset[str] = frozenset()
                   ) -> tuple[list[str], int, list[list[Scored]]] | None:
    """«где чаще всего»: (the places with the most occasions — several when tied —, how many each, their
    occasions oldest first); None when no two occasions share a place. ``besides``: places too wide to count (the
    sides' own countries) or already named."""
    groups: dict[str, list[list[Scored]]] = {}
    for day in days:
        for ref in dict.fromkeys(ref for s in day for ref in s.entry.fact.places if ref not in besides):
            groups.setdefault(ref, []).append(day)
    most = max((len(v) for v in groups.values()), default=0)
    if most < 2:
        return None
    places = [ref for ref, v in groups.items() if len(v) == most]
    chosen = [day for day in days if any(day in groups[ref] for ref in places)]
    return places, most, chosen


def extreme_figure(points: list[Point], *, growth: bool, largest: bool) -> tuple[Figure, Point, int] | None:
    """«самый большой рост»: the largest (or smallest) figure among the periods, with how many were compared;
    None unless at least two periods have one."""
    ranked = [(figure, point) for point in points
              if (figure := point.growth if growth else point.level) is not None]
    if len(ranked) < 2:
        return None
    figure, point = (max if largest else min)(ranked, key=lambda fp: fp[0].value)
    return figure, point, len(ranked)


def day_of_occasion(ranked: Sequence[Scored], nth: int) -> dt.date | None:
    """«в пятый день поездки Иванова»: the n-th day of the best allowed occasion of several days, past its end when it
    lasted fewer (None when none lasted more than a day)."""
    spans = [s for s in ranked if s.allowed and s.entry.fact.date.precision == "day"
             and s.entry.fact.date.end > s.entry.fact.date.start and not s.entry.fact.as_of]
    if not spans or nth < 1:
        return None
    first = max(spans, key=lambda s: s.score).entry.fact.date
    return first.start + dt.timedelta(days=nth - 1)
