"""What the engine says: a structured answer that any front end can render."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from knowledge.search.context import Context

AnswerKind = Literal["answer", "list", "suggest", "partial", "decline", "smalltalk"]


_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_LANGUAGE_NAMES = {"ru": "Russian", "az": "Azerbaijani", "en": "English"}


@dataclass(frozen=True, slots=True)
class SourceRef:
    id: str
    publisher: str
    title: str
    published: str  # ISO date
    url: str
    publisher_en: str = ""
    title_en: str = ""
    language: str = ""  # the source's own language («ru»): English replies say "(in Russian)"

    def day(self) -> str:
        """«22.04.2024»."""
        return "{2}.{1}.{0}".format(*self.published.split("-"))

    def line(self) -> str:
        return f"{self.publisher}, {self.day()}" + (f" — {self.url}" if self.url else "")

    def day_en(self) -> str:
        """"22 Apr 2024"."""
        year, month, day = self.published.split("-")
        return f"{int(day)} {_MONTHS_EN[int(month) - 1]} {year}"

    def line_en(self) -> str:
        """"RIA Novosti, 22 Apr 2024, http://ria.ru (in Russian)"."""
        note = f" (in {_LANGUAGE_NAMES.get(self.language, self.language)})" if self.language not in ("", "en") else ""
        url = f", {self.url}" if self.url else ""
        return f"{self.publisher_en or self.publisher}, {self.day_en()}{url}{note}"


@dataclass(frozen=True, slots=True)
class Item:
    """One fact as shown in a reply."""

    fact_id: str
    text: str
    date: str  # human Russian date
    status: str
    source: str = ""  # «РИА Новости, 22.04.2024» when the reply cites several sources


@dataclass(frozen=True, slots=True)
class Suggestion:
    fact_id: str
    question: str  # a natural question that this fact answers: a good button label
    text: str


@dataclass(frozen=True, slots=True)
class Answer:
    question: str
    kind: AnswerKind
    answered: bool  # the reply asserts an answer to the question
    lead: str  # the sentence before the facts ("" for a single answer)
    items: tuple[Item, ...]
    sources: tuple[SourceRef, ...]
    score: float
    suggestions: tuple[Suggestion, ...] = ()
    note: str = ""  # what follows the facts: topics on a decline
    total: int = 0  # matching facts before the list cap
    reply: str = field(default="", compare=False)
    context: Context | None = field(default=None, compare=False, repr=False)  # for the next question
    lang: str = "ru"  # the language of the reply: "ru" or "en" (the question's, or the one asked for)
    verdict: str = ""  # a yes/no question or a claim checked: "yes" («Да — …») or "no" («Нет: …»); "" otherwise

    @property
    def facts(self) -> tuple[str, ...]:
        return tuple(item.fact_id for item in self.items) if self.answered else ()

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of `factbot ask --json`."""
        return {
            "question": self.question,
            "answered": self.answered,
            "kind": self.kind,
            "reply": self.reply,
            "facts": list(self.facts),
            "sources": [
                {"id": s.id, "publisher": s.publisher, "title": s.title, "published": s.published, "url": s.url}
                for s in self.sources
            ],
            "score": self.score,
            "suggestions": [{"id": s.fact_id, "question": s.question, "text": s.text} for s in self.suggestions],
            "lang": self.lang,
        }
