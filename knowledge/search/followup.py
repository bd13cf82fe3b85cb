"""Reading a follow-up question against the previous one.

«а в 2022?» keeps everything but the period; «а с Лавровым?» swaps one person;
«а где?» asks for another detail of the same fact; «подробнее» and «а источник?»
ask about the last reply itself. A question that stands on its own is new.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from knowledge.search.context import Context
from knowledge.search.query import Query, Term
from knowledge.text.language import analyser_for
from knowledge.text.lexicon import RUSSIAN, Lexicon
from knowledge.text.normalize import MAX_QUERY_CHARS, words

FollowUpKind = Literal["new", "merge", "detail", "source", "same"]
MAX_FOLLOW_UP_WORDS = 8  # a longer message is a question of its own, whatever its first word
MAX_CARRIED_TERMS = 2  # «а товарооборот?» continues; a question with more of its own words starts anew


@dataclass(frozen=True, slots=True)
class FollowUp:
    kind: FollowUpKind  # new; merge (a new query built on the last); detail / source / same: the last facts
    query: Query


def _own(term: Term, lx: Lexicon) -> bool:
    """A noun of the question's own, not a verb that adds nothing («а кто участвовал?»)."""
    forms = analyser_for(lx.code)(term.word).forms
    return term.noun and not (set(term.lemmas) | set(forms)) & lx.empty_verbs


def read_follow_up(question: str, query: Query, context: Context | None, *,
                   entity_kinds: Mapping[str, tuple[str, str]], lexicon: Lexicon = RUSSIAN) -> FollowUp:
    """How a question relates to the last one; ``entity_kinds`` maps entity ids to (kind, country)."""
    if context is None or query.smalltalk:
        return FollowUp("new", query)
    lx = lexicon
    text = " ".join(words(question, max_chars=MAX_QUERY_CHARS))
    opened = False
    for phrase in lx.follow_up_phrases:  # «what about 2022?»
        if text.startswith(phrase + " ") or text == phrase:
            text, opened = text[len(phrase):], True
            break
    raw = text.split()
    if not raw or len(raw) > MAX_FOLLOW_UP_WORDS:
        return FollowUp("new", query)
    marked = opened or raw[0] in lx.follow_up_starts
    pointing = any(w in lx.back_references for w in raw)
    named = bool(query.entities or query.soft_entities or query.place_refs or query.about_refs)
    timed = bool(query.years or query.months or query.days or query.span)
    nouns = [t for t in query.terms if _own(t, lx)]
    content = [w for w in raw if w not in lx.follow_up_starts and w not in lx.back_references]
    if content and context.shown and not named and not timed:
        asks = [w for w in content if w in lx.detail_words or w in lx.source_words]
        if asks and all(w in lx.detail_words or w in lx.source_words or w in _POLITE for w in content):
            kind: FollowUpKind = "source" if any(w in lx.source_words for w in asks) else "detail"
            return FollowUp(kind, context.query)
    if not nouns and not named and not timed:
        if query.answer_type and query.answer_type != "what" and (marked or pointing or not query.terms):
            if context.facts:  # «а где?», «а когда?»: another detail of the same fact(s)
                return FollowUp("same", dataclasses.replace(context.query, answer_type=query.answer_type,
                                                            list_intent=False, count_intent=False))
            return FollowUp("merge", dataclasses.replace(context.query, answer_type=query.answer_type))
        return FollowUp("new", query)
    fragment = not nouns and query.answer_type == ""  # «в 2022?», «с Лавровым?»: no question of its own
    if not (marked or pointing or fragment):
        return FollowUp("new", query)
    if len(nouns) > MAX_CARRIED_TERMS:
        return FollowUp("new", query)
    return FollowUp("merge", merge(context.query, query, entity_kinds=entity_kinds, lexicon=lx))


_POLITE = frozenset(["пожалуйста", "плиз", "можно", "дай", "дайте", "покажи", "покажите", "расскажи", "расскажите",
                     "какой", "какая", "где", "что", "мне", "please", "the", "a", "give", "me", "show", "tell",
                     "what", "s", "is", "some", "in", "about", "more", "any", "your", "where"])


def merge(previous: Query, new: Query, *, entity_kinds: Mapping[str, tuple[str, str]],
          lexicon: Lexicon = RUSSIAN) -> Query:
    """The previous question with what the new one changes: its period, its people, its place, its words."""
    years, months, days = previous.years, previous.months, previous.days
    span, label = previous.span, previous.span_label
    if new.span is not None:  # «а в прошлом году?»: a relative period replaces any other
        years, months, days, span, label = frozenset(), frozenset(), frozenset(), new.span, new.span_label
    elif new.years:  # «декабрь 2023» → «а в 2022?»: December 2022
        years, days = new.years, new.days or frozenset((m, d) for m, d in previous.days)
        months, span, label = new.months or months, None, ""
    elif new.months or new.days:
        months, days = new.months, new.days
    order = list(previous.entity_order)
    entities, soft = set(previous.entities), set(previous.soft_entities)
    places = set(previous.place_refs)
    if new.place_refs:  # «а в Турции?»: another place instead of the old one
        for gone in places - new.place_refs:
            entities.discard(gone)
            soft.discard(gone)
            if gone in order:
                order.remove(gone)
        places = set()
    for ref in new.entity_order:
        if ref in order or ref in new.place_refs:
            if ref not in order:
                order.append(ref)
            continue
        kind, country = entity_kinds.get(ref, ("", ""))
        same = [old for old in order if entity_kinds.get(old, ("", ""))[0] == kind and old not in new.entity_order]
        # «Путин и Алиев» → «а с Лавровым?»: Lavrov stands in for his compatriot Putin;
        # otherwise the latest-named one gives way («Лавров с Байрамовым» → «а с Мирзояном?»)
        compatriots = [old for old in same if country and entity_kinds.get(old, ("", ""))[1] == country]
        if same:
            gone = (compatriots or same)[-1]
            order.remove(gone)
            entities.discard(gone)
            soft.discard(gone)
            places.discard(gone)
        order.append(ref)
    entities |= new.entities
    soft |= new.soft_entities
    places |= new.place_refs
    own_terms = [t for t in new.terms if _own(t, lexicon)]
    terms = new.terms if own_terms else previous.terms
    if own_terms and not new.entities and not new.soft_entities:
        # «а товарооборот?» after «что было в 2023»: a new subject in the old period; old names go
        entities, soft, order = set(), set(), []
    answer_type = new.answer_type if new.answer_type not in ("", "what") else previous.answer_type
    return dataclasses.replace(
        previous,
        text=new.text,
        terms=terms,
        entities=frozenset(entities),
        soft_entities=frozenset(soft),
        place_refs=frozenset(places),
        stand_ins=tuple(s for s in previous.stand_ins + new.stand_ins if s[0] in entities | soft),
        years=years,
        months=months,
        days=days,
        span=span,
        span_label=label,
        until=new.until or previous.until,
        now=new.now,
        numbers=new.numbers or (previous.numbers if not own_terms else frozenset()),
        answer_type=answer_type,
        list_intent=new.list_intent or (previous.list_intent and not own_terms),
        count_intent=new.count_intent or (previous.count_intent and not own_terms),
        ordinal=new.ordinal or previous.ordinal,
        figure_nouns=new.figure_nouns or previous.figure_nouns,
        asks_outcome=new.asks_outcome or previous.asks_outcome,
        phrase=" ".join(t.lemmas[0] for t in terms),
        entity_order=tuple(order),
        about_refs=previous.about_refs | new.about_refs,  # «а России?» after «кто президент Азербайджана»
    )
