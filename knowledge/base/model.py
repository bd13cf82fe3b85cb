"""The fact base as immutable records: what the loader builds and the engine reads."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import Literal

from knowledge.base.dates import FactDate

EntityKind = Literal["person", "country", "place", "organisation", "document", "project", "term"]
ENTITY_KINDS: tuple[str, ...] = ("person", "country", "place", "organisation", "document", "project", "term")
FactStatus = Literal["done", "planned"]

# English names of the languages sources are written in, for «(in Russian)» after a citation
LANGUAGE_NAMES_EN: dict[str, str] = {
    "ru": "Russian", "az": "Azerbaijani", "en": "English", "tr": "Turkish", "hy": "Armenian", "fa": "Persian",
    "kk": "Kazakh", "uz": "Uzbek", "ky": "Kyrgyz", "tk": "Turkmen", "fr": "French", "de": "German",
}
_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True, slots=True)
class Location:
    """Where a record was written, so every problem can point at ``file:line``."""

    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass(frozen=True, slots=True)
class Source:
    id: str
    publisher: str
    title: str
    published: dt.date
    url: str
    place: str = ""
    text: str = ""
    about: tuple[str, ...] = ()
    publisher_en: str = ""
    title_en: str = ""
    language: str = ""  # ISO 639 code of the source's own language; "" when not stated
    where: Location | None = field(default=None, compare=False)

    def citation(self) -> str:
        """«РИА Новости, 22.04.2024 — http://ria.ru»: the line every answer ends with."""
        line = f"{self.publisher}, {self.published.strftime('%d.%m.%Y')}"
        return f"{line} — {self.url}" if self.url else line

    def citation_en(self) -> str:
        """«RIA Novosti, 22 Apr 2024, http://ria.ru (in Russian)»: the source line of an English answer.

        The language note tells an English reader that following the link leads to a text
        they may not read; the month is spelled out so the date reads the same everywhere.
        """
        day = self.published
        line = f"{self.publisher_en or self.publisher}, {day.day} {_MONTHS_EN[day.month - 1]} {day.year}"
        line += f", {self.url}" if self.url else ""
        if self.language and self.language != "en":
            line += f" (in {LANGUAGE_NAMES_EN.get(self.language, self.language)})"
        return line


@dataclass(frozen=True, slots=True)
class Entity:
    id: str
    kind: EntityKind
    name: str
    aliases: tuple[str, ...] = ()
    role: str = ""
    country: str = ""
    part_of: str = ""
    countries: tuple[str, ...] = ()  # a region's countries: a fact set in one of them is set in the region
    stands_for: str = ""  # a capital's country: «Баку заявил» means Azerbaijan
    type: str = ""  # what sort of organisation: «российская энергетическая компания»
    name_en: str = ""
    aliases_en: tuple[str, ...] = ()
    role_en: str = ""
    where: Location | None = field(default=None, compare=False)

    def display(self) -> str:
        return f"{self.name} ({self.role})" if self.role else self.name

    def display_en(self) -> str:
        """The English counterpart of ``display``; the Russian name when no English one is given."""
        name = self.name_en or self.name
        return f"{name} ({self.role_en})" if self.role_en else name


@dataclass(frozen=True, slots=True)
class Figure:
    value: float
    unit: str
    what: str
    period: str = ""
    qualifier: str = ""
    unit_en: str = ""  # the unit and what is measured in English: the English answers say figures too
    what_en: str = ""

    def display(self) -> str:
        number = f"{self.value:g}".replace(".", ",")
        prefix = f"{self.qualifier} " if self.qualifier else ""
        unit = self.unit if self.unit == "%" else f" {self.unit}"
        return f"{prefix}{number}{unit}"


@dataclass(frozen=True, slots=True)
class Fact:
    id: str
    topic: str
    date: FactDate
    text: str
    quote: str
    source: str
    questions: tuple[str, ...]
    participants: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    figures: tuple[Figure, ...] = ()
    status: FactStatus = "done"
    as_of: bool = False  # the date is when the source said it, not when it happened
    text_en: str = ""  # a faithful English rendering of `text`; "" when not translated yet
    questions_en: tuple[str, ...] = ()
    unstated: tuple[str, ...] = ()  # what the source leaves unsaid: who, where, when (never answered from it)
    venue: str = ""  # where, when the source names an occasion rather than a place («на полях сессии ГА ООН»)
    venue_en: str = ""
    where: Location | None = field(default=None, compare=False)

    def shown_question(self, english: bool = False) -> str:
        """How the fact is offered as a question (a suggestion, an inline title): its first alternate
        question, else its own text — alternate questions are optional."""
        if english and self.questions_en:
            return self.questions_en[0]
        if english and self.text_en:
            return self.text_en
        return self.questions[0] if self.questions else self.text

    @property
    def entity_ids(self) -> tuple[str, ...]:
        return self.participants + self.places + self.organisations + self.related


@dataclass(frozen=True, slots=True)
class Pending:
    """A drafted fact or proposed entity marked `review: pending`: validated and listed by `factbot check`,
    never served until `factbot accept` clears the mark."""

    kind: Literal["fact", "entity"]
    id: str
    where: Location
    notes: tuple[str, ...] = ()
    source: str = ""  # a fact's source
    quote: str = ""
    refs: tuple[tuple[str, str], ...] = ()  # a fact's (field, entity id) references
    dated: bool = True  # a fact's date is filled in (one that is not cannot be accepted)
    topic: str = ""  # a fact's topic ("" until the editor chooses one)


@dataclass(frozen=True)
class BaseLexicon:
    """What a fact base says about its own words (its ``lexicon.yaml``): topic names, /start examples, what
    it is about, and the colloquial forms and synonyms tied to its names and events — so the engine's code
    holds only general Russian and English.

    Empty for a base without the file: the engine then names topics by their keys and shows no examples.
    """

    topics: dict[str, tuple[str, str]] = field(default_factory=dict)  # key -> (Russian name, English name)
    examples: dict[str, tuple[str, ...]] = field(default_factory=dict)  # language -> example questions
    subject: dict[str, str] = field(default_factory=dict)  # language -> «об отношениях …» (after «вопросы»)
    greeting: dict[str, str] = field(default_factory=dict)  # language -> what the greeting adds to the subject
    rewrites: dict[str, dict[str, str]] = field(default_factory=dict)  # language -> typed word -> its words
    synonyms: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)  # language -> word groups

    def topic_names(self, lang: str = "ru") -> dict[str, str]:
        """Each declared topic's name in ``lang`` ("ru" or "en")."""
        return {key: (en if lang == "en" else ru) for key, (ru, en) in self.topics.items()}

    def topic_name(self, key: str, lang: str = "ru") -> str:
        """A topic's name in ``lang``; an undeclared topic is named by its key."""
        names = self.topics.get(key)
        if names is None:
            return key.replace("_", " ")
        return names[1] if lang == "en" else names[0]


@dataclass(frozen=True)
class KnowledgeBase:
    """A validated fact base; never mutated, so a reload swaps a whole new one in."""

    sources: dict[str, Source]
    entities: dict[str, Entity]
    facts: tuple[Fact, ...]
    files: tuple[str, ...] = ()
    content_hash: str = ""
    lexicon: BaseLexicon = field(default_factory=BaseLexicon)
    pending: tuple[Pending, ...] = ()  # drafted facts and proposed entities awaiting review: never served

    def fact(self, fact_id: str) -> Fact | None:
        return self._by_id.get(fact_id)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {f.id: f for f in self.facts})

    _by_id: dict[str, Fact] = field(default_factory=dict, init=False, repr=False, compare=False)

    def newest_source_date(self) -> dt.date | None:
        return max((s.published for s in self.sources.values()), default=None)


def short_key(fact_id: str) -> str:
    """A short stable key for a fact id (12 hex digits), for places with tight size limits."""
    return hashlib.blake2s(fact_id.encode(), digest_size=6).hexdigest()
