"""Scoring facts against a parsed question: coverage of what was asked, fuzzy closeness, constraints.

A score is 0–100. Constraints (people, places, years the question names; the
kind of answer it wants) never add points: they decide whether a fact may be
asserted at all, or only offered as a suggestion.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz

from knowledge.index import FactEntry, Index
from knowledge.query import Query

ENTITY_WEIGHT = 3.5
TIME_WEIGHT = 3.0
COVERAGE_SHARE = 0.75
MAX_CANDIDATES = 400
RARE_POSTINGS = 5000  # longer posting lists do not nominate candidates on their own


@dataclass(frozen=True, slots=True)
class Scored:
    entry: FactEntry
    score: float  # 0–100
    coverage: float  # share of the question's weight the fact explains
    allowed: bool  # may be asserted: named people, places and periods agree
    complete: bool  # holds the kind of detail asked for (date, figure, place, person)


def candidates(query: Query, index: Index) -> list[int]:
    """Facts worth scoring: those sharing a rare word, a named entity or a named year."""
    pools: list[tuple[int, ...]] = []
    for ref in query.entities | query.soft_entities:
        pools.append(index.entity_postings.get(ref, ()))
    seen: dict[int, float] = {}
    for term in sorted(query.terms, key=lambda t: -t.weight):
        for lemma in term.lemmas:
            ids = index.postings.get(lemma, ())
            if len(ids) > RARE_POSTINGS and seen:
                continue
            for i in ids:
                seen[i] = seen.get(i, 0.0) + term.weight
    for pool in pools:
        for i in pool:
            seen[i] = seen.get(i, 0.0) + ENTITY_WEIGHT
    if not seen and (query.years or query.months):
        for year in query.years or ():
            for i in index.year_postings.get(year, ()):
                seen[i] = TIME_WEIGHT
        if not query.years:  # a month of any year
            for i, entry in enumerate(index.entries):
                if any(month in query.months for _, month in entry.months):
                    seen[i] = TIME_WEIGHT
    ranked = sorted(seen, key=lambda i: -seen[i])
    return ranked[:MAX_CANDIDATES]


def _time_ok(query: Query, entry: FactEntry) -> bool:
    if query.years and not (query.years & entry.years):
        return False
    if query.months:
        years = query.years or {y for y, _ in entry.months}
        if not any((y, m) in entry.months for y in years for m in query.months):
            return False
    return True


def _complete(query: Query, entry: FactEntry) -> bool:
    fact = entry.fact
    if query.asks_outcome and fact.status == "planned":
        return False
    kind = query.answer_type
    if kind == "figure":
        if not fact.figures:
            return False
        return all(any(lemma in entry.figure_terms for lemma in noun) for noun in query.figure_nouns)
    if kind == "date":
        return not query.wants_day or fact.date.precision == "day"
    if kind == "place":
        return entry.has_place
    if kind == "person":
        return entry.has_actor
    if kind == "name":
        return entry.has_person
    return True


def score_entry(query: Query, entry: FactEntry) -> Scored:
    total = matched = 0.0
    for term in query.terms:
        total += term.weight
        if any(lemma in entry.terms for lemma in term.lemmas):
            matched += term.weight
    named = query.entities | query.soft_entities
    total += ENTITY_WEIGHT * len(named)
    matched += ENTITY_WEIGHT * len(named & entry.entities)
    time_ok = _time_ok(query, entry)
    time_units = (1 if query.years else 0) + (1 if query.months else 0)
    total += TIME_WEIGHT * time_units
    matched += TIME_WEIGHT * time_units if time_ok else 0.0
    coverage = matched / total if total else 0.0
    if query.phrase:
        closeness = max(
            (fuzz.token_sort_ratio(query.phrase, p) + fuzz.token_set_ratio(query.phrase, p)) / 2
            for p in entry.phrasings
        ) / 100
    else:
        closeness = coverage
    score = 100 * (COVERAGE_SHARE * coverage + (1 - COVERAGE_SHARE) * closeness)
    allowed = time_ok and query.entities <= entry.entities and not query.unknown_names
    return Scored(entry, round(score, 1), coverage, allowed, _complete(query, entry))


def rank(query: Query, index: Index) -> list[Scored]:
    """Scored candidates, best first (ties: older fact first)."""
    scored = [score_entry(query, index.entries[i]) for i in candidates(query, index)]
    scored.sort(key=lambda s: (-s.score, s.entry.fact.date.start))
    return scored
