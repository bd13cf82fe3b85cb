"""An article → draft facts and proposed entities, every one marked for review.

One fact per statement: its ``quote`` is the statement word for word, its ``text`` the same made
self-contained (the full date in place of «16 декабря», «в тот же день»; a list clause with the words its
list sentence opens with; a present-tense state «По состоянию на апрель 2024 года …»). What the drafter is
unsure of goes into the fact's ``review_notes``; a date it cannot resolve stays empty.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from knowledge.base.dates import MONTHS_GENITIVE, MONTHS_NOMINATIVE, parse_fact_date
from knowledge.base.model import Entity, KnowledgeBase
from knowledge.drafting.article import Statement, dateline_date, read_dateline, statements
from knowledge.drafting.dates import DateReader, Mention, ResolvedDate, Tense, find_mentions
from knowledge.drafting.entities import EntityMatcher, Proposal, propose, slug, tokens
from knowledge.drafting.figures import find_figures
from knowledge.text.morphology import analyse, analyzer

# a sentence about the article itself, not the world («Ниже приводится справочная информация …», the reprint notice)
_EDITORIAL = re.compile(r"\b(?:ниже\s+приводится|читайте\s+также|справочн\w*\s+информаци|при\s+перепечатке"
                        r"|при\s+цитировании|гиперссылка)", re.IGNORECASE)
_BOTH_SIDES = re.compile(r"\b(?:двух|обеих|обоих)\s+(?:стран|государств|лидер\w*|сторон)|\bстороны\b"
                        r"|\bдвусторонн\w*|\bвзаимн\w*", re.IGNORECASE)
_PRONOUN = re.compile(r"\b(?:он|она|они|его|её|ее|их|ему|им)\b", re.IGNORECASE)
_PRONOUN_SUBJECT = re.compile(r"^\s*(?:он|она|они|оно)\b", re.IGNORECASE)
_LEAD_ADVERB = re.compile(r"^\s*(?:в\s+последующем|в\s+дальнейшем|впоследствии|затем|позднее|также)\s*,?\s*",
                          re.IGNORECASE)
_MONTHS_PREPOSITIONAL = ("январе", "феврале", "марте", "апреле", "мае", "июне", "июле", "августе", "сентябре",
                         "октябре", "ноябре", "декабре")
PENDING = "pending"
DEFAULT_TOPIC = "general"


@dataclass
class DraftFact:
    id: str
    quote: str
    text: str
    date: ResolvedDate
    topic: str
    entities: dict[str, list[str]]
    figures: list[dict[str, Any]]
    notes: list[str] = field(default_factory=list)


@dataclass
class DraftEntity:
    id: str
    kind: str
    name: str
    aliases: list[str]


@dataclass
class Draft:
    source: dict[str, Any]
    text: str
    facts: list[DraftFact]
    entities: list[DraftEntity]


def tense_of(text: str) -> Tense:
    """«past» for a finished event (a perfective past verb; «был» with a short participle), «future» for an
    announcement, «present» for a state (present tense, an imperfective past, a bare short participle such as
    «налажено», no verb at all)."""
    morph = analyzer()
    found: set[str] = set()
    for token in tokens(text):
        if not token.text[:1].isalpha():
            continue
        parses = morph.parse(token.text.lower())
        if parses[0].tag.POS not in ("VERB", "PRTS"):
            continue
        parse = next((p for p in parses[:4] if p.tag.POS == "PRTS" or (p.tag.POS == "VERB" and "indc" in p.tag)),
                     None)
        if parse is None:
            continue
        tag = parse.tag
        if tag.POS == "PRTS":
            found.add("resultative")
        elif tag.tense == "past":
            found.add("was" if parse.normal_form == "быть" else "past" if tag.aspect == "perf" else "imperfect")
        elif tag.tense == "futr":
            found.add("future")
        else:
            found.add("present")
    if "past" in found or {"was", "resultative"} <= found:
        return "past"
    if "future" in found:
        return "future"
    return "present"


def human_date(iso: str) -> str:
    """«16 декабря 2019 года», «27–28 мая 2019 года», «в июле 2019 года», «в 2019 году»."""
    fact_date = parse_fact_date(iso)
    start, end = fact_date.start, fact_date.end
    if fact_date.is_range and fact_date.precision == "day":
        if start.month == end.month and start.year == end.year:
            return f"{start.day}–{end.day} {MONTHS_GENITIVE[start.month - 1]} {start.year} года"
        return f"{fact_date.human()}"
    if fact_date.is_range:
        return f"в {start.year}–{end.year} годах"
    if fact_date.precision == "day":
        return f"{start.day} {MONTHS_GENITIVE[start.month - 1]} {start.year} года"
    if fact_date.precision == "month":
        return f"в {_MONTHS_PREPOSITIONAL[start.month - 1]} {start.year} года"
    return f"в {start.year} году"


def _lower_first(text: str) -> str:
    first = tokens(text[:40])
    if first and first[0].start == 0 and not analyse(first[0].text.lower()).proper and not (
            first[0].text.isupper() and len(first[0].text) > 1):
        return text[:1].lower() + text[1:]
    return text


def _sentence(text: str) -> str:
    text = " ".join(text.split()).strip()
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?", "…")) else text + "."


def compose_text(statement: Statement, date: ResolvedDate, mentions: list[Mention], published: dt.date) -> str:
    """The statement made self-contained: the full date where it says less, a list clause with its lead."""
    body = statement.text
    if date.as_of:
        if date.planned:
            return _sentence(body)
        month = f"{MONTHS_NOMINATIVE[published.month - 1]} {published.year} года"
        return _sentence(f"По состоянию на {month} {_lower_first(body)}")
    if not date.iso:
        return _sentence(body)
    full = human_date(date.iso)
    first = next((m for m in mentions if not m.target), None)
    if statement.lead:  # «16 мая – в Казани» of «министры встречались 2 апреля …; 16 мая – в Казани»
        rest = body[first.end:] if first is not None and first.start < 3 else body
        rest = re.sub(r"^\s*[-–—]\s*", "", rest)
        lead = _LEAD_ADVERB.sub("", statement.lead)
        return _sentence(f"{full} {lead} {rest}")
    if first is not None and first.kind in ("same_day", "next_day", "day", "days") and first.year is None:
        return _sentence(body[:first.start] + full + body[first.end:])
    if first is None:
        return _sentence(f"{full[:1].upper()}{full[1:]} {_lower_first(body)}")
    return _sentence(body)


class Drafter:
    """Drafts the statements of articles against one base: its entities, its topics, its ids."""

    def __init__(self, base: KnowledgeBase | None, *, ner: bool | None = None) -> None:
        """``ner``: propose new names with natasha's recogniser (None: when installed)."""
        self.base = base
        self.ner = ner
        self.matcher = EntityMatcher(base.entities if base else {})
        self.taken: set[str] = {*base.entities, *(f.id for f in base.facts)} if base else set()
        self._topics = _TopicGuesser(base)
        self._last_topic = ""

    def draft(self, text: str, *, source_id: str, publisher: str, published: dt.date, url: str = "",
              title: str = "", lang: str = "ru", text_file: str = "") -> Draft:
        line = read_dateline(text)
        day = dateline_date(line, published) if line else published
        reader = DateReader(published, dateline=day)
        facts: list[DraftFact] = []
        proposals: dict[str, tuple[Proposal, set[str]]] = {}
        last_paragraph = -1
        for statement in statements(text, body_start=line.end if line else 0):
            opens = statement.paragraph != last_paragraph
            last_paragraph = statement.paragraph
            if _EDITORIAL.search(statement.text):
                continue
            fact = self._fact(statement, reader, published, source_id, len(facts) + 1, opens, proposals)
            if facts and fact.date.occasion:
                _inherit(fact, facts[-1], everyone=fact.date.occasion == "same")
            elif facts and _PRONOUN.search(fact.quote):  # «состоялись его переговоры с Асадовым»
                _inherit_people(fact, facts[-1], self.matcher.entities)
            if facts and not opens:  # «… канал «Волга–Дон» …. Длина канала …»
                before = [i for ids in facts[-1].entities.values() for i in ids]
                again = self.matcher.named_again(fact.quote, before)
                named = self.matcher.with_context(again)
                for name, ids in named.items():
                    fact.entities[name].extend(i for i in ids if i not in fact.entities[name])
            facts.append(fact)
        main = self._main_countries(text)
        for fact in facts:  # «двух стран», «стороны»: the countries the article is about
            if main and _BOTH_SIDES.search(fact.quote):
                fact.entities["participants"].extend(c for c in main if c not in fact.entities["participants"])
        entities = self._entities(proposals, facts)
        source = {"id": source_id, "publisher": publisher, "title": title or _title(text, line),
                  "published": published.isoformat(), "url": url or "", "language": lang,
                  "place": line.place if line else "", "text_file": text_file or f"texts/{source_id}.txt",
                  "about": main}  # every fact of the source concerns them implicitly
        return Draft(source={k: v for k, v in source.items() if v not in ("", [])}, text=text,
                     facts=facts, entities=entities)

    def _fact(self, statement: Statement, reader: DateReader, published: dt.date, source_id: str, n: int,
              opens: bool, proposals: dict[str, tuple[Proposal, set[str]]]) -> DraftFact:
        mentions = find_mentions(statement.text)
        date = reader.read(statement.text, tense_of(statement.text), opens_paragraph=opens)
        fact_id = f"{source_id}-{n:02d}"
        ids, spans = self.matcher.find(statement.lead + " " + statement.text if statement.lead else statement.text)
        shift = len(statement.lead) + 1 if statement.lead else 0
        spans = [(a - shift, b - shift) for a, b in spans]
        for proposal in propose(statement.text, spans, ner=self.ner):
            known = proposals.setdefault(proposal.name, (proposal, set()))
            known[1].add(fact_id)
        figures = []
        for figure in find_figures(statement.text, mentions):
            target = next((m for m in mentions if m.target and m.year), None)
            period = str(target.year) if target else (date.iso if date.iso else "")
            item: dict[str, Any] = {"value": int(figure.value) if figure.value.is_integer() else figure.value,
                                    "unit": figure.unit, "what": _what(statement.text, figure.start)}
            if period:
                item["period"] = period
            if figure.qualifier:
                item["qualifier"] = figure.qualifier
            figures.append(item)
        notes = list(date.notes)
        if _PRONOUN_SUBJECT.match(statement.text):
            notes.append("the subject is a pronoun: name who it is in `text`")
        if figures:
            notes.append("figures: check `what` (drafted from the words before the number)")
        topic, sure = self._topics.guess(statement.text)
        if not sure and self._last_topic:  # an article's passages keep to one topic
            topic = self._last_topic
            notes.append("topic: that of the statement before (no close fact of the base to compare with)")
        elif not sure and not self._topics.declared:
            topic = DEFAULT_TOPIC  # a base that declares no topics accepts any key
            notes.append(f"topic: `{DEFAULT_TOPIC}` (the base declares no topics)")
        elif not sure:
            notes.append("topic: no close fact of the base to compare with")
        self._last_topic = topic
        return DraftFact(fact_id, statement.text, compose_text(statement, date, mentions, published), date, topic,
                         self.matcher.with_context(ids), figures, notes)

    def _main_countries(self, text: str) -> list[str]:
        """The two countries the article names most (each at least twice), or none."""
        ids, _ = self.matcher.find(text, every=True)
        counts = Counter(i for i in ids if self.matcher.entities[i].kind == "country")
        top = counts.most_common(2)
        return [c for c, n in top] if len(top) == 2 and top[1][1] >= 2 else []

    def _entities(self, proposals: dict[str, tuple[Proposal, set[str]]], facts: list[DraftFact]) -> list[DraftEntity]:
        by_id = {f.id: f for f in facts}
        found: list[DraftEntity] = []
        for name, (proposal, fact_ids) in proposals.items():
            entity_id = slug(name, self.taken)
            self.taken.add(entity_id)
            aliases = sorted({form for form in proposal.forms if form != name})
            found.append(DraftEntity(entity_id, proposal.kind, name, aliases))
            field_name = {"person": "participants", "place": "places", "organisation": "organisations"}.get(
                proposal.kind, "related")
            for fact_id in sorted(fact_ids):
                by_id[fact_id].entities[field_name].append(entity_id)
        return found


def _inherit(fact: DraftFact, before: DraftFact, *, everyone: bool) -> None:
    """A statement continuing the one before («В ходе визита …», «Он подчеркнул …») is about the same
    occasion: its places, and (when it has no date of its own) its participants and organisations too."""
    for name in ("participants", "places", "organisations") if everyone else ("places",):
        mine = fact.entities[name]
        mine.extend(ref for ref in before.entities[name] if ref not in mine)


def _inherit_people(fact: DraftFact, before: DraftFact, entities: Mapping[str, Entity]) -> None:
    """A pronoun («он», «его») points back at the people of the statement before."""
    mine = fact.entities["participants"]
    mine.extend(ref for ref in before.entities["participants"]
                if ref not in mine and ref in entities and entities[ref].kind == "person")


def _what(text: str, at: int) -> str:
    """What a figure measures, as a first draft: the words of its clause before the number."""
    clause = re.split(r"[,;:()–—]", text[:at])[-1]
    words = [w for w in clause.split() if not re.fullmatch(r"\d.*|составил\w*|достиг\w*|более|почти|около|свыше", w)]
    return " ".join(words).strip() or " ".join(text.split()[:8])


def _title(text: str, line: Any) -> str:
    body = text[line.end:] if line else text
    first = body.strip().split("\n", 1)[0]
    return first[:120].rstrip(" .")


class _TopicGuesser:
    """A statement's topic: the topic of the base's facts that share the most content words with it."""

    def __init__(self, base: KnowledgeBase | None) -> None:
        self.by_topic: dict[str, Counter[str]] = {}
        self.declared = list(base.lexicon.topics) if base else []
        for fact in base.facts if base else ():
            self.by_topic.setdefault(fact.topic, Counter()).update(_content(fact.text))
        if base:
            for key, (ru, _en) in base.lexicon.topics.items():
                self.by_topic.setdefault(key, Counter()).update({w: 3 for w in _content(ru)})

    def guess(self, text: str) -> tuple[str, bool]:
        words = _content(text)
        best, score = "", 0.0
        for topic, counts in self.by_topic.items():
            total = sum(counts.values()) or 1
            value = sum(min(counts[w], 5) for w in words) / (total ** 0.5)
            if value > score:
                best, score = topic, value
        return best, score > 0


def _content(text: str) -> set[str]:
    found = set()
    for token in tokens(text):
        info = analyse(token.text.lower())
        if not info.function and len(token.text) > 2 and not token.text[:1].isdigit():
            found.add(info.lemmas[0])
    return found
