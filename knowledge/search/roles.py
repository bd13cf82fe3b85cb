"""«Кто президент Азербайджана?», «who is Lavrov?»: who holds a role, from the people the base names.

A role is a state of affairs: the answer names the person with the role the base gives them and
the latest fact that names them, so it is sourced and dated. A role nobody in the base holds
(«кто президент Армении») is declined, never answered with a fact about someone else's role.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from knowledge.base.model import Entity
from knowledge.search.index import FactEntry, Index, content_lemmas
from knowledge.search.query import Query
from knowledge.text.language import analyser_for


@dataclass(frozen=True, slots=True)
class Holder:
    person: Entity
    entry: FactEntry  # the latest fact naming them, preferably in that role

    def line(self, lang: str) -> str:
        """«Ильхам Алиев — президент Азербайджана»."""
        person = self.person
        if lang == "en":
            name, role = person.name_en or person.name, person.role_en or person.role
        else:
            name, role = person.name, person.role
        return f"{name} — {role}" if role else name


def asks_who_holds(query: Query, index: Index, roles: Mapping[str, frozenset[str]]) -> tuple[str, ...] | None:
    """The people a «who is …» question asks about: () when it names a role nobody in the base holds,
    None when it is no such question («кто встречался с Алиевым» asks about an event, not a role)."""
    if query.intent.answer_type not in ("person", "name") or _narrowed(query):
        return None
    entities = index.base.entities
    if query.scope.soft_entities:  # a term whose name is a role («глава МИД»)
        return _holders_of_term(query, index, roles)
    people = [ref for ref in query.scope.entities if entities[ref].kind == "person"]
    countries = {ref for ref in query.scope.entities | query.scope.about_refs if entities[ref].kind == "country"}
    if query.scope.entities - set(people) - countries:
        return None  # an organisation or a place: «кто такие миротворцы»
    if people:
        if len(people) != 1 or query.words.terms:
            return None
        person = entities[people[0]]
        if countries and person.country not in countries:  # «а России?» after «кто президент Азербайджана»
            return counterparts(person.id, countries, index, roles)
        return (person.id,)
    if not query.words.terms:
        return None
    known = frozenset().union(*roles.values()) if roles else frozenset()
    if _qualified_role(query, known, index.lang):  # «кто министр экономики»: held only by one whose role says so
        return tuple(ref for ref, lemmas in roles.items()
                     if all(lemmas.intersection(term.lemmas) for term in query.words.terms)
                     and (not countries or entities[ref].country in countries))
    if any(not known.intersection(term.lemmas) for term in query.words.terms):
        return None  # «кто возглавляет правительство»: words beyond a role's name
    return tuple(ref for ref, lemmas in roles.items()
                 if all(lemmas.intersection(term.lemmas) for term in query.words.terms)
                 and (not countries or entities[ref].country in countries))


def _holders_of_term(query: Query, index: Index, roles: Mapping[str, frozenset[str]]) -> tuple[str, ...] | None:
    """The people whose role one of the named terms' names spells out («министр иностранных дел» for «МИД»)."""
    entities = index.base.entities
    if query.words.terms or query.scope.entities - {r for r in query.scope.entities if entities[r].kind == "country"}:
        return None
    if any(entities[ref].kind != "term" for ref in query.scope.soft_entities):
        return None
    countries = {ref for ref in query.scope.entities | query.scope.about_refs if entities[ref].kind == "country"}
    names = [alias for aliases in index.aliases.values() for alias in aliases
             if alias.entity in query.scope.soft_entities]
    found = tuple(ref for ref, lemmas in roles.items()
                  if any(alias.tokens and all(lemmas & token for token in alias.tokens) for alias in names)
                  and (not countries or entities[ref].country in countries))
    return found or None  # a term no role spells out («кто такие миротворцы»): not a role question


def counterparts(person: str, countries: set[str], index: Index, roles: Mapping[str, frozenset[str]]
                 ) -> tuple[str, ...] | None:
    """The people holding the same role as ``person`` in other countries (a president for a president)."""
    entities = index.base.entities
    english = index.lang == "en"

    def heads(text: str) -> frozenset[str]:  # the first lemma of each word: one reading per word
        return frozenset(lemmas[0] for lemmas in content_lemmas(text, analyser=analyser_for(index.lang)))

    def role(ref: str) -> frozenset[str]:
        entity = entities[ref]
        return heads((entity.role_en or entity.role) if english else entity.role)

    names = frozenset().union(*(heads((entities[ref].name_en or entities[ref].name) if english
                                      else entities[ref].name)
                                for ref in countries | {entities[person].country} if ref in entities))
    own = role(person) - names
    if not own:
        return None
    return tuple(ref for ref in roles if entities[ref].country in countries and role(ref) - names == own)


def holders(people: tuple[str, ...], index: Index, roles: Mapping[str, frozenset[str]]) -> list[Holder]:
    """Each person with the latest done fact naming them — one whose text also names the role, if any."""
    found: list[Holder] = []
    for ref in people:
        candidates = (index.entries[i] for i in index.entity_postings.get(ref, ()))  # not a scan of the base
        naming = [e for e in candidates if ref in e.people and e.fact.status == "done"]
        if not naming:
            continue
        in_role = [e for e in naming if roles.get(ref, frozenset()) <= set(e.phrasings[-1].split())]
        entry = max(in_role or naming, key=lambda e: (e.fact.date.end, e.fact.date.start))
        found.append(Holder(index.base.entities[ref], entry))
    return found


def role_lemmas(index: Index) -> dict[str, frozenset[str]]:
    """Each person's role as lemmas of the index's language («президент», «азербайджан»): built once per index."""
    out: dict[str, frozenset[str]] = {}
    for entity in index.base.entities.values():
        role = (entity.role_en if index.lang == "en" else entity.role) if entity.kind == "person" else ""
        if role:
            out[entity.id] = _lemmas(role, index.lang)
    return out


def _lemmas(text: str, lang: str) -> frozenset[str]:
    return frozenset(lemma for lemmas in content_lemmas(text, analyser=analyser_for(lang)) for lemma in lemmas)


def _qualified_role(query: Query, known: frozenset[str], lang: str) -> bool:
    """A role's name and what it is of, in the genitive: «министр экономики», «глава финансового ведомства» —
    a role, though no one in the base may hold it (not «министр встречался», an event)."""
    if lang != "ru" or len(query.words.terms) < 2:
        return False
    analyse = analyser_for(lang)
    head, *rest = (analyse(term.word) for term in query.words.terms)
    return (bool(known.intersection(query.words.terms[0].lemmas)) and head.pos == "NOUN" and not head.proper
            and head.case in ("nomn", "ablt") and all(
                info.pos in ("NOUN", "ADJF") and info.case == "gent" and not info.proper for info in rest))


def _narrowed(query: Query) -> bool:
    """A period, a place, a number or a list asked for: about events, not who holds a role."""
    asks, scope = query.intent, query.scope
    return bool(asks.list_intent or asks.count_intent or asks.ordinal or asks.nth or scope.timed
                or scope.place_refs or asks.trend or scope.numbers or query.words.unknown_names or asks.asks_outcome
                or asks.comparison or asks.extreme or asks.frequent)
