"""Reading a follow-up question against the previous one.

«а в 2022?» keeps everything but the period; «а с Лавровым?» swaps one person;
«а где?» asks for another detail of the same fact; «подробнее» and «а источник?»
ask about the last reply itself. A question that stands on its own is new.
"""

from __future__ import annotations

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
    if context is None or query.intent.smalltalk:
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
    named = bool(query.scope.named or query.scope.place_refs or query.scope.about_refs)
    timed = query.scope.timed
    nouns = [t for t in query.words.terms if _own(t, lx)]
    content = [w for w in raw if w not in lx.follow_up_starts and w not in lx.back_references]
    if content and context.shown and not named and not timed:
        asks = [w for w in content if w in lx.detail_words or w in lx.source_words]
        if asks and all(w in lx.detail_words or w in lx.source_words or w in _POLITE for w in content):
            kind: FollowUpKind = "source" if any(w in lx.source_words for w in asks) else "detail"
            return FollowUp(kind, context.query)
    if not nouns and not named and not timed:
        asked = query.intent.answer_type
        if asked and asked != "what" and (marked or pointing or not query.words.terms):
            if context.facts:  # «а где?», «а когда?»: another detail of the same fact(s)
                return FollowUp("same", context.query.changed(answer_type=query.intent.answer_type,
                                                            list_intent=False, count_intent=False))
            return FollowUp("merge", context.query.changed(answer_type=query.intent.answer_type))
        return FollowUp("new", query)
    fragment = not nouns and query.intent.answer_type == ""  # «в 2022?», «с Лавровым?»: no question of its own
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
    years, months, days = previous.scope.years, previous.scope.months, previous.scope.days
    span, label = previous.scope.span, previous.scope.span_label
    if new.scope.span is not None:  # «а в прошлом году?»: a relative period replaces any other
        years, months, days, span, label = frozenset(), frozenset(), frozenset(), new.scope.span, new.scope.span_label
    elif new.scope.years:  # «декабрь 2023» → «а в 2022?»: December 2022
        years, days = new.scope.years, new.scope.days or frozenset((m, d) for m, d in previous.scope.days)
        months, span, label = new.scope.months or months, None, ""
    elif new.scope.months or new.scope.days:
        months, days = new.scope.months, new.scope.days
    order = list(previous.scope.entity_order)
    entities, soft = set(previous.scope.entities), set(previous.scope.soft_entities)
    places = set(previous.scope.place_refs)
    if new.scope.place_refs:  # «а в Турции?»: another place instead of the old one
        for gone in places - new.scope.place_refs:
            entities.discard(gone)
            soft.discard(gone)
            if gone in order:
                order.remove(gone)
        places = set()
    for ref in new.scope.entity_order:
        if ref in order or ref in new.scope.place_refs:
            if ref not in order:
                order.append(ref)
            continue
        kind, country = entity_kinds.get(ref, ("", ""))
        same = [old for old in order
                if entity_kinds.get(old, ("", ""))[0] == kind and old not in new.scope.entity_order]
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
    entities |= new.scope.entities
    soft |= new.scope.soft_entities
    places |= new.scope.place_refs
    own_terms = [t for t in new.words.terms if _own(t, lexicon)]
    terms = new.words.terms if own_terms else previous.words.terms
    if own_terms and not new.scope.entities and not new.scope.soft_entities:
        # «а товарооборот?» after «что было в 2023»: a new subject in the old period; old names go
        entities, soft, order = set(), set(), []
    answer_type = new.intent.answer_type if new.intent.answer_type not in ("", "what") else previous.intent.answer_type
    return previous.changed(
        text=new.text,
        terms=terms,
        entities=frozenset(entities),
        soft_entities=frozenset(soft),
        place_refs=frozenset(places),
        stand_ins=tuple(s for s in previous.scope.stand_ins + new.scope.stand_ins if s[0] in entities | soft),
        years=years,
        months=months,
        days=days,
        span=span,
        span_label=label,
        until=new.scope.until or previous.scope.until,
        now=new.intent.now,
        numbers=new.scope.numbers or (previous.scope.numbers if not own_terms else frozenset()),
        answer_type=answer_type,
        list_intent=new.intent.list_intent or (previous.intent.list_intent and not own_terms),
        count_intent=new.intent.count_intent or (previous.intent.count_intent and not own_terms),
        ordinal=new.intent.ordinal or previous.intent.ordinal,
        figure_nouns=new.words.figure_nouns or previous.words.figure_nouns,
        asks_outcome=new.intent.asks_outcome or previous.intent.asks_outcome,
        phrase=" ".join(t.lemmas[0] for t in terms),
        entity_order=tuple(order),
        about_refs=previous.scope.about_refs | new.scope.about_refs,  # «а России?» after «кто президент Азербайджана»
    )
