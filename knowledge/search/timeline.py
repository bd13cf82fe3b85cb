"""Timelines: the dated events of the base, filtered by year (or range), person/organisation/place, or topic.

A request («2023», «2020–2022», «Лавров», «торговля», «Алиев 2023») becomes a
compact token («y2023», «e1a2b3c4d5e6f.y2023») so a front end can page through
it with buttons whose data must stay under 64 bytes; the token alone rebuilds it.
States of affairs («по состоянию на апрель 2024») are not events: they stay out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from knowledge.base.model import Fact, KnowledgeBase, short_key
from knowledge.search.index import Index
from knowledge.search.query import parse_query

_RANGE = re.compile(r"(?<!\d)(\d{4})\s*(?:-|–|—|по|\.\.)\s*(\d{4})(?!\d)")
_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")
TOPIC_CUTOFF = 80.0
MIN_YEAR, MAX_YEAR = 1900, 2100


@dataclass(frozen=True, slots=True)
class Timeline:
    token: str  # rebuilds this timeline: parts joined by «.» — a (all), yA or yA-B, e<entity key>, t<topic>
    title: str  # Russian: «2023 год · Сергей Лавров»
    facts: tuple[Fact, ...]  # oldest first


def request_token(request: str, index: Index) -> str | None:
    """The token of a free-text request; None when it names nothing the base can filter by."""
    text = " ".join(request.split())[:200]
    if not text:
        return "a"
    parts: list[str] = []
    span = _RANGE.search(text)
    if span:
        first, last = sorted((int(span.group(1)), int(span.group(2))))
        if MIN_YEAR <= first <= last <= MAX_YEAR:
            parts.append(f"y{first}-{last}")
        text = text[: span.start()] + " " + text[span.end():]
    else:
        year = _YEAR.search(text)
        if year and MIN_YEAR <= int(year.group(1)) <= MAX_YEAR:
            parts.append(f"y{year.group(1)}")
            text = text[: year.start()] + " " + text[year.end():]
    rest = " ".join(text.replace("с ", " ").split())
    if rest:
        query = parse_query(rest, index)
        named = [ref for ref in query.scope.entity_order if ref not in index.about] or list(query.scope.entity_order)
        if named:
            parts.append(f"e{short_key(named[0])}")
        else:
            topic = _topic(rest, index.base)
            if topic is None:
                return None
            parts.append(f"t{topic}")
    return ".".join(parts) or "a"


def _topic(text: str, base: KnowledgeBase) -> str | None:
    """A topic by its id or Russian name, tolerating typos and word forms («торговли»)."""
    names = {key: base.lexicon.topic_name(key) for key in _topics(base)}
    lowered = text.lower()
    if lowered in names:
        return lowered
    found = process.extractOne(lowered, names, scorer=fuzz.WRatio, score_cutoff=TOPIC_CUTOFF)
    return str(found[2]) if found else None


def build_timeline(token: str, index: Index, *, lang: str = "ru") -> Timeline | None:
    """The timeline a token stands for, titled in ``lang``; None for a malformed or stale token."""
    english = lang == "en"
    base = index.base
    entity_keys = {short_key(ref): ref for ref in base.entities}
    facts = [f for f in base.facts if not f.as_of]
    titles: list[str] = []
    for part in token.split("."):
        kind, value = part[:1], part[1:]
        if kind == "a" and not value:
            titles.append("all events" if english else "все события")
        elif kind == "y" and re.fullmatch(r"\d{4}(?:-\d{4})?", value):
            first, _, last = value.partition("-")
            start, end = int(first), int(last or first)
            facts = [f for f in facts if f.date.start.year <= end and f.date.end.year >= start]
            if english:
                titles.append(str(start) if start == end else f"{start}–{end}")
            else:
                titles.append(f"{start} год" if start == end else f"{start}–{end} годы")
        elif kind == "e" and value in entity_keys:
            ref = entity_keys[value]
            facts = [f for f in facts if ref in f.entity_ids]
            entity = base.entities[ref]
            name = (entity.name_en or entity.name) if english else entity.name
            titles.append(name[:1].upper() + name[1:])
        elif kind == "t" and value in _topics(base):
            facts = [f for f in facts if f.topic == value]
            label = base.lexicon.topic_name(value, lang)
            titles.append(label[:1].upper() + label[1:])
        else:
            return None
    facts.sort(key=lambda f: (f.date.start, f.date.end))
    return Timeline(token, " · ".join(titles), tuple(facts))


def _topics(base: KnowledgeBase) -> tuple[str, ...]:
    """The topics a timeline can be asked for: those the base declares, then any other its facts use."""
    used = {fact.topic for fact in base.facts}
    return (*base.lexicon.topics, *sorted(used - base.lexicon.topics.keys()))
