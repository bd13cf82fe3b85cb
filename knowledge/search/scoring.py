"""Scoring facts against a parsed question: coverage of what was asked, fuzzy closeness, constraints.

A score is 0–100. Constraints (people, places, periods and numbers the question
names; the kind of answer it wants) never add points: they decide whether a
fact may be asserted at all (``allowed``), and whether it holds what was asked
(``complete``), or can only be offered as a suggestion.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

from knowledge.search.index import FactEntry, Index
from knowledge.search.query import Query
from knowledge.text.lexicon import PEOPLE_COUNTED

if TYPE_CHECKING:
    from knowledge.search.semantic import Similarities

UNSTATED_BY_TYPE = {"person": "who", "name": "who", "place": "where", "date": "when"}
ENTITY_WEIGHT = 3.5
GENERIC_COUNTED = frozenset({"человек", "штука", "число", "количество"})  # «сколько человек»: any count of people
ABOUT_WEIGHT = 1.5  # «российские студенты»: the subject is everywhere, but the fact should say it
INDIRECT_SHARE = 0.6  # an entity met only through its country («Армения» via Пашинян)
TIME_WEIGHT = 3.0
NOUN_SHARE = 0.5  # what the question is about: things, names, numbers, periods
VERB_SHARE = 0.2  # what happened: verbs vary most between a question and a fact
CLOSENESS_SHARE = 0.3  # fuzzy likeness to the fact's own phrasings
MAX_CANDIDATES = 400
FUZZY_LIMIT = 25  # candidates that get the fuzzy phrase comparison
RARE_POSTINGS = 2000  # longer posting lists do not nominate candidates on their own


@dataclass(frozen=True, slots=True)
class Scored:
    entry: FactEntry
    score: float  # 0–100
    coverage: float  # share of the question's weight the fact explains
    matched: frozenset[int]  # indices of the question's terms the fact holds
    allowed: bool  # may be asserted: named people, places, periods and numbers agree
    complete: bool  # holds the kind of detail asked for (date, figure, place, person)
    closeness: float = 0.0  # fuzzy likeness (0–1) to the fact's phrasings; its coverage when not compared
    semantic: float = 0.0  # cosine of the question and the fact's closest text in the encoder's space; 0 unknown


def candidates(query: Query, index: Index) -> list[int]:
    """Facts worth scoring: those sharing a rare word, a named entity or a named period."""
    seen: dict[int, float] = {}
    for term in sorted(query.words.terms, key=lambda t: -t.weight):
        for lemma in term.lemmas:
            ids = index.postings.get(lemma, ())
            if len(ids) > RARE_POSTINGS and seen:
                continue
            for i in ids:
                seen[i] = seen.get(i, 0.0) + term.weight
    for ref in query.scope.named | query.scope.place_refs:
        for i in index.entity_postings.get(ref, ()):
            seen[i] = seen.get(i, 0.0) + ENTITY_WEIGHT
    if not seen and query.scope.span is not None:  # only a relative period named: every fact dated in it
        first, last = query.scope.span
        for i, entry in enumerate(index.entries):
            if entry.fact.date.overlaps(first, last):
                seen[i] = TIME_WEIGHT
    if not seen and (query.scope.years or query.scope.months or query.scope.days):
        for year in query.scope.years:
            for i in index.year_postings.get(year, ()):
                seen[i] = TIME_WEIGHT
        if not query.scope.years:  # a month of any year
            wanted = query.scope.months | {m for m, _ in query.scope.days}
            for i, entry in enumerate(index.entries):
                if any(month in wanted for _, month in entry.months):
                    seen[i] = TIME_WEIGHT
    ranked = sorted(seen, key=lambda i: -seen[i])
    return ranked[:MAX_CANDIDATES]


def _time_ok(query: Query, entry: FactEntry) -> bool:
    fact = entry.fact
    if query.scope.until is not None and fact.date.start > query.scope.until and fact.status == "done":
        return False  # asked «today» before it happened (an announcement is known before its date)
    if query.scope.span is not None:
        first, last = (fact.date.end, fact.date.end) if fact.as_of else (fact.date.start, fact.date.end)
        if not (query.scope.span[0] <= first and last <= query.scope.span[1]):
            return False  # a fact known only to a coarser date than the period may lie outside it
    if query.scope.years and not (query.scope.years & entry.years):
        return False
    if query.scope.years and not query.words.terms and not query.scope.named and not (
            fact.date.start.year in query.scope.years and fact.date.end.year in query.scope.years):
        return False  # «события 2019 года»: what happened in it, not a period of years that takes it in
    if query.scope.months:
        years = query.scope.years or {y for y, _ in entry.months}
        if not any((y, m) in entry.months for y in years for m in query.scope.months):
            return False
    if query.scope.days:
        if fact.as_of or fact.date.precision != "day":
            return False
        first, last = fact.date.start, fact.date.end
        years = query.scope.years or set(range(first.year, last.year + 1))
        for month, day in query.scope.days:
            for year in years:
                try:
                    if first <= dt.date(year, month, day) <= last:
                        break
                except ValueError:
                    continue
            else:
                return False
    return True


def _entities_ok(query: Query, entry: FactEntry, about: frozenset[str]) -> bool:
    """Every person, place, country and organisation named must be in the fact (a capital
    named as an actor may stand for its country)."""
    missing = query.scope.entities - entry.entities
    if not missing:
        return True
    stand_ins = dict(query.scope.stand_ins)
    return all(ref in stand_ins and (stand_ins[ref] in entry.entities or stand_ins[ref] in about)
               for ref in missing)


def _officials_ok(query: Query, entry: FactEntry) -> bool:
    """«встречи с руководителями Франции»: the fact names someone of such a country, besides the people named."""
    if not query.scope.officials:
        return True
    return any(country in query.scope.officials and person not in query.scope.entities
               for person, country in entry.nationals)


def _place_ok(query: Query, entry: FactEntry, about: frozenset[str]) -> bool:
    """A place named as "where" rules out facts that happened elsewhere, or nowhere in particular."""
    if query.scope.excluded_places and (not entry.places or query.scope.excluded_places & entry.places):
        return False  # «не в России»: only facts known to be set elsewhere
    for ref in query.scope.place_refs:
        if ref in entry.places:
            continue
        if ref not in about or entry.places:
            return False  # «в Баку» needs a fact set in Baku; «в Россию» rules out a fact set in Turkey
    return True


def _becoming_ok(query: Query, entry: FactEntry) -> bool:
    """«когда X стал премьером» is answered only by a fact that says someone became that,
    not by any fact naming X and a premier («Россия и Азербайджан стали союзниками»)."""
    if not query.intent.becomes:
        return True
    for phrasing in entry.phrasings:
        words = phrasing.split()
        for at, word in enumerate(words):
            if word in query.intent.becoming_verbs and query.intent.becomes in words[at + 1: at + 4]:
                return True
    return False


def _stem_in(lemma: str, terms: frozenset[str]) -> bool:
    if lemma in terms:
        return True
    stem = lemma[: max(5, len(lemma) - 3)]
    return len(stem) >= 5 and any(t.startswith(stem) for t in terms)


def complete_for(query: Query, entry: FactEntry) -> bool:
    """Does the fact hold the kind of detail the question asks for (a date, a figure, a place, a person, an
    organisation)?"""
    fact = entry.fact
    if query.intent.comparison:
        return False
    if query.intent.asks_outcome and (fact.status == "planned" or not entry.concludes):
        return False  # no outcome is known of an announced event, nor of one the fact does not conclude
    if query.intent.superlative and not entry.ranks:
        return False  # «какая компания крупнейшая»: a fact that ranks nothing does not say which is first
    if query.intent.done and entry.target_only:
        return False  # «сколько уже перевезли»: a target for later says nothing of what has been reached
    if query.intent.asks_said and not entry.says:
        return False  # «что обсуждали»: a fact that they met does not say what they discussed
    kind = query.intent.answer_type
    if query.intent.wants_money and kind in ("", "what") and not entry.money:
        return False  # «какая цена установлена»: a price asked, which a fact about a price deal does not state
    if fact.unstated and UNSTATED_BY_TYPE.get(kind) in fact.unstated:
        return False  # «кто обстрелял …»: the source says it happened, not who did it
    if kind == "figure":
        if query.intent.precise and not fact.figures:
            return False  # «сколько именно»: «несколько раундов» is no number
        if not entry.quantity or (query.intent.wants_money and not entry.money):
            return False
        if query.words.unknown_counted and entry.counted:
            return False  # «сколько нефти»: a fact counting regions counts other things; one in money may tell
        pool = entry.figure_terms
        return all(any(lemma in GENERIC_COUNTED or _stem_in(lemma, pool)
                       or (lemma in PEOPLE_COUNTED and bool(pool & PEOPLE_COUNTED)) for lemma in noun)
                   for noun in query.words.figure_nouns)
    if kind == "duration":  # «сколько длился визит»: a fact dated to its first and last day (one day tells no
        # duration: hours, or only the day it began)
        return not fact.as_of and fact.date.precision == "day" and fact.date.end > fact.date.start
    if kind == "date":
        if fact.as_of:
            return False
        return not query.intent.wants_day or fact.date.precision == "day"
    if kind == "place":  # «в каком городе» wants a named place; an occasion («на полях сессии ГА ООН») is none
        if fact.places and not (fact.venue or entry.facilities) \
                and not set(fact.places) - query.scope.entities - query.scope.about_refs:
            return False  # «где Иванов говорил с Парижем»: a fact set only where the question names tells nothing new
        if query.intent.wants_city and not entry.has_city:
            return False  # «в каком городе»: a country, or an occasion with no city («на полях сессии»), is none
        return entry.has_place
    if kind == "person":
        if query.intent.others:  # «кто, кроме Иванова и Петрова, …»: a person the fact names besides them, «Рено
            # и кто ещё»: another firm; «кто ещё был» with no one named: besides the people of the base's own sides
            named, bodies = query.scope.entities, frozenset(fact.organisations)
            among = entry.people if entry.people & named else bodies if bodies & named else entry.outsiders
            return bool(among - named)
        if query.intent.precise:  # «кто именно подписал»: a person by name, not «главы ведомств»
            return bool(entry.people - query.scope.entities)
        return entry.has_actor
    if kind == "name":
        return bool(query.scope.entities & entry.people)  # «как зовут главу МИД Азербайджана»
    if kind == "organisation":  # «какая компания …»: one the fact names besides those asked about
        return bool(set(fact.organisations) - query.scope.named)
    return True


def counts_asked(query: Query, entry: FactEntry) -> bool:
    """«какие вузы …», «размер стипендии»: the fact counts the things asked («26 вузов», «200 стипендий») — it
    says how many, not which nor how big."""
    return any((term.which or term.sized) and entry.counted.intersection(term.lemmas) for term in query.words.terms)


def term_hits(query: Query, index: Index) -> list[set[int]]:
    """For each word of the question, the facts that hold it (from the postings)."""
    found: list[set[int]] = []
    for term in query.words.terms:
        ids: set[int] = set()
        for lemma in term.lemmas:
            ids.update(index.postings.get(lemma, ()))
        found.append(ids)
    return found


def score_entry(
    query: Query,
    entry: FactEntry,
    number: int,
    hits_by_term: list[set[int]],
    about: frozenset[str] = frozenset(),
    *,
    closeness: float | None = None,
) -> Scored:
    """Score fact ``number``; ``closeness`` (0–1) is its fuzzy likeness to the question, coverage if unknown."""
    nouns_total = nouns_hit = verbs_total = verbs_hit = 0.0
    hits: list[int] = []
    for position, term in enumerate(query.words.terms):
        hit = number in hits_by_term[position]
        if hit:
            hits.append(position)
        if term.noun:
            nouns_total += term.weight
            nouns_hit += term.weight if hit else 0.0
        else:
            verbs_total += term.weight
            verbs_hit += term.weight if hit else 0.0
    stand_ins = dict(query.scope.stand_ins) if query.scope.stand_ins else {}
    for ref in query.scope.named:
        nouns_total += ENTITY_WEIGHT
        if ref in entry.direct:
            nouns_hit += ENTITY_WEIGHT
        elif ref in entry.entities or (ref in stand_ins and stand_ins[ref] in entry.direct):
            nouns_hit += ENTITY_WEIGHT * INDIRECT_SHARE
    for ref in query.scope.about_refs:
        if ref in query.scope.place_refs:  # «в Азербайджан»: where it happened, not just what it is about
            nouns_total += ENTITY_WEIGHT
            nouns_hit += ENTITY_WEIGHT if ref in entry.places else 0.0
            continue
        nouns_total += ABOUT_WEIGHT
        nouns_hit += ABOUT_WEIGHT if ref in entry.mentions else 0.0
    time_ok = _time_ok(query, entry)
    scope = query.scope
    time_units = (1 if scope.years else 0) + (1 if scope.months or scope.days else 0) + (1 if scope.span else 0)
    nouns_total += TIME_WEIGHT * time_units
    nouns_hit += TIME_WEIGHT * time_units if time_ok else 0.0
    total = nouns_total + verbs_total
    coverage = (nouns_hit + verbs_hit) / total if total else 0.0
    noun_cov = nouns_hit / nouns_total if nouns_total else coverage
    verb_cov = verbs_hit / verbs_total if verbs_total else noun_cov
    if closeness is None:
        closeness = coverage
    score = 100 * (NOUN_SHARE * noun_cov + VERB_SHARE * verb_cov + CLOSENESS_SHARE * closeness)
    allowed = (
        time_ok
        and _entities_ok(query, entry, about)
        and not query.words.unknown_names
        and _place_ok(query, entry, about)
        and _becoming_ok(query, entry)
        and query.scope.about_qualifiers <= entry.mentions  # «российских студентов» ≠ «студенты – граждане …»
        and query.scope.numbers <= entry.numbers
        and query.scope.soft_entities <= entry.entities
        and _officials_ok(query, entry)
    )
    complete = _tells_what_is_named(query, entry, hits) and complete_for(query, entry)
    return Scored(entry, score, coverage, frozenset(hits), allowed, complete, closeness)


def _tells_what_is_named(query: Query, entry: FactEntry, hits: list[int]) -> bool:
    """The thing named after «какой» is in the fact: an entity of the kind («какие документы»), a figure of
    what the base measures («какой товарооборот»), and not only a count of them («какие вузы»: «26 вузов»)."""
    terms = query.words.terms
    return (all(at in hits for at, term in enumerate(terms) if term.kind)
            and all(bool(entry.fact.figures) and any(lemma in entry.figure_terms for lemma in term.lemmas)
                    for term in terms if term.measure)
            and not counts_asked(query, entry))


def _closeness(phrase: str, groups: list[tuple[str, ...]]) -> list[float]:
    """For each fact, the best fuzzy likeness (0–1) of the question to one of its phrasings, in one batch."""
    flat = [p for group in groups for p in group]
    owner = [number for number, group in enumerate(groups) for _ in group]
    totals = [0.0] * len(flat)
    for scorer in (fuzz.token_sort_ratio, fuzz.token_set_ratio):
        for _, value, position in process.extract(phrase, flat, scorer=scorer, limit=None):
            totals[position] += value / 2
    best = [0.0] * len(groups)
    for position, value in enumerate(totals):
        best[owner[position]] = max(best[owner[position]], value / 100)
    return best


def with_meaning(query: Query, index: Index, ranked: list[Scored], meaning: Similarities, *, nominate: int,
                 floor: float) -> list[Scored]:
    """``rank``'s candidates carrying their ``semantic`` closeness, joined by the ``nominate`` entries closest
    in meaning (at or above ``floor``) that share no word with the question (scored on words like the rest,
    so the question's names still decide whether they are ``allowed``). Order: as given, nominees last."""
    out = [replace(s, semantic=meaning.of_fact(s.entry.fact.id)) for s in ranked]
    known = {s.entry.fact.id for s in ranked}
    extra = [i for i in meaning.top(nominate, floor) if index.entries[i].fact.id not in known]
    if extra:
        hits = term_hits(query, index)
        out += [replace(score_entry(query, index.entries[i], i, hits, index.about), semantic=meaning.of(i))
                for i in extra]
    return out


def rank(query: Query, index: Index, *, fuzzy_limit: int = FUZZY_LIMIT) -> list[Scored]:
    """Scored candidates, best first (ties: older fact first).

    Every candidate gets the cheap word-coverage score; only the best ``fuzzy_limit``
    of them (by the most they could reach) get the fuzzy phrase comparison too."""
    hits = term_hits(query, index)
    numbered = [(i, score_entry(query, index.entries[i], i, hits, index.about)) for i in candidates(query, index)]
    if not query.words.phrase:
        scored = [s for _, s in numbered]
    else:
        if len(numbered) > fuzzy_limit:
            numbered.sort(key=lambda pair: -(pair[1].score + 100 * CLOSENESS_SHARE * (1 - pair[1].coverage)))
        head = numbered[:fuzzy_limit]
        likeness = _closeness(query.words.phrase, [index.entries[i].phrasings for i, _ in head])
        scored = [score_entry(query, index.entries[i], i, hits, index.about, closeness=c)
                  for (i, _), c in zip(head, likeness, strict=True)]
        scored += [s for _, s in numbered[fuzzy_limit:]]
    scored.sort(key=lambda s: (-s.score, s.entry.fact.date.start))
    return scored
