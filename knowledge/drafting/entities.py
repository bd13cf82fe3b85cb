"""Who and what a statement names: the base's entities found by their name and aliases in any case form,
and new names proposed for the reviewer.

A capitalised alias («Иванов», «ЕС») matches only a capitalised word, so a common noun that is also an
alias does not name anyone by accident; a lowercase alias («российский») matches any word of its lemma.
New names come from natasha's named-entity recogniser when it is installed (the `drafting` extra; its
models ship inside its wheel): on articles the drafter was not written on it finds more of the names a
reader expects and proposes far fewer that are none (bench/drafting.py). Without it, rules propose them:
capitalised words (not opening a sentence unless the dictionary calls them names), all-capital abbreviations
and quoted names («"Газпром"»), with a kind guessed from the dictionary's tags.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from knowledge.base.model import Entity
from knowledge.text.morphology import analyse, analyzer

_TOKEN = re.compile(r"[A-Za-zА-Яа-яЁё0-9]+(?:-[A-Za-zА-Яа-яЁё0-9]+)*")
_QUOTED = re.compile(r"[\"«“]([^\"»”]{2,60})[\"»”]")
_FIELDS = {"person": "participants", "country": "participants", "place": "places", "organisation": "organisations"}
_TRANSLIT = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
                     ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r",
                      "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya"], strict=True))


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    lemmas: frozenset[str]
    capital: bool


def tokens(text: str) -> list[Token]:
    """Words with their lemmas; a compound adjective («российско-азербайджанских») also stands for its parts
    («российский», «азербайджанский»), each a word of its own."""
    found = []
    for m in _TOKEN.finditer(text):
        word = m.group(0)
        info = analyse(word.lower().replace("ё", "е"))
        found.append(Token(word, m.start(), frozenset({*info.forms, *info.lemmas, word.lower()}), word[:1].isupper()))
        parts = word.split("-")
        if len(parts) > 1 and info.pos in ("ADJF", "ADJS") and all(p[-1:] in "ои" for p in parts[:-1]):
            for part in parts[:-1]:  # «российско-» → российский
                found.append(Token(part, m.start(), frozenset({part.lower()[:-1] + "ий", part.lower()[:-1] + "ый"}),
                                   part[:1].isupper()))
    return found


@dataclass(frozen=True, slots=True)
class _Form:
    entity: str
    lemmas: tuple[frozenset[str], ...]
    capitals: tuple[bool, ...]  # each word written with a capital matches capitalised words only


@dataclass
class EntityMatcher:
    """The base's entities by the lemmas of their names and aliases."""

    entities: Mapping[str, Entity]
    _forms: dict[str, list[_Form]] = field(default_factory=dict)  # first lemma -> forms starting with it
    _bodies: dict[str, list[str]] = field(default_factory=dict)  # person -> the bodies their role names
    _terms: dict[str, list[str]] = field(default_factory=dict)  # body -> the general terms its names use
    _heads: dict[str, str] = field(default_factory=dict)  # entity -> the noun its name is about («канал»)

    def __post_init__(self) -> None:
        self._bodies = _bodies_of_roles(self.entities)
        for entity in self.entities.values():
            for name in (entity.name, *entity.aliases):
                words = tokens(name)
                if not words:
                    continue
                form = _Form(entity.id, tuple(w.lemmas for w in words), tuple(w.capital for w in words))
                for lemma in words[0].lemmas:
                    self._forms.setdefault(lemma, []).append(form)
        for entity in self.entities.values():
            head = _head(entity.name) if entity.kind not in ("person", "country") else ""
            if head:
                self._heads[entity.id] = head
        for body in self.entities.values():  # «Минфин Чили» is a «минфин»: a body brings the term it is one of
            if body.kind == "organisation":
                named = {found for name in (body.name, *body.aliases) for found in self.find(name)[0]}
                self._terms[body.id] = [i for i in sorted(named) if self.entities[i].kind == "term"]

    def find(self, text: str, *, every: bool = False) -> tuple[list[str], list[tuple[int, int]]]:
        """Entity ids named in ``text`` (in order, once each; ``every``: each mention) and the spans of the
        words naming them."""
        words = tokens(text)
        ids: list[str] = []
        spans: list[tuple[int, int]] = []
        for i in range(len(words)):  # every start: «премьер-министр Армении» names a person and a country
            best: _Form | None = None
            for form in {id(f): f for lemma in words[i].lemmas for f in self._forms.get(lemma, ())}.values():
                n = len(form.lemmas)
                if i + n > len(words) or (best is not None and n <= len(best.lemmas)):
                    continue
                if any(cap and not w.capital for cap, w in zip(form.capitals, words[i:i + n], strict=True)):
                    continue
                if all(form.lemmas[k] & words[i + k].lemmas for k in range(n)):
                    best = form
            if best is None:
                continue
            n = len(best.lemmas)
            if every or best.entity not in ids:
                ids.append(best.entity)
            spans.append((words[i].start, words[i + n - 1].start + len(words[i + n - 1].text)))
        return ids, spans

    def named_again(self, text: str, before: Iterable[str]) -> list[str]:
        """Of the entities ``before`` (named in the statement before), those ``text`` names again by the
        noun their name is about: «… канал «Волга–Дон» …. Длина канала …», «… подписали
        Декларацию о … . В декларации …»."""
        lemmas = {lemma for token in tokens(text) for lemma in token.lemmas}
        return [i for i in before if self._heads.get(i) in lemmas]

    def with_context(self, ids: Iterable[str]) -> dict[str, list[str]]:
        """The ids by the fact field they belong in; a place brings its country, a body the body it is part of
        and the general term it is an instance of."""
        fields: dict[str, list[str]] = {"participants": [], "places": [], "organisations": [], "related": []}
        queue = list(ids)
        seen: set[str] = set()
        while queue:
            entity_id = queue.pop(0)
            entity = self.entities.get(entity_id)
            if entity is None or entity_id in seen:
                continue
            seen.add(entity_id)
            fields[_FIELDS.get(entity.kind, "related")].append(entity_id)
            if entity.kind in ("place", "person") and entity.country:  # «в Сочи», «Пашинян»: their country too
                queue.append(entity.country)
            queue.extend(self._bodies.get(entity_id, ()))  # «министр финансов Чили» acts for the ministry
            queue.extend(self._terms.get(entity_id, ()))
            if entity.part_of:
                queue.append(entity.part_of)
        return fields


def _head(name: str) -> str:
    """The first noun of a name of several words, in its dictionary form; "" for a name of one word (it is
    found by itself) or none."""
    words = _TOKEN.findall(name)
    if len(words) < 2:
        return ""
    for word in words:
        info = analyse(word.lower().replace("ё", "е"))
        if info.pos == "NOUN" and not info.function:
            return info.lemmas[0]
    return ""


ROLE_LIKENESS = 0.6  # share of lemmas a person's role and a body's name share when the role is an office of it


def _lemmas(text: str) -> set[str]:
    return {analyse(w.lower()).lemmas[0] for w in _TOKEN.findall(text) if not analyse(w.lower()).function}


def _bodies_of_roles(entities: Mapping[str, Entity]) -> dict[str, list[str]]:
    """Each person's bodies: the organisations named nearly as their role is («министр финансов Чили»
    ~ «Министерство финансов Чили»)."""
    names = [(e.id, _lemmas(n)) for e in entities.values() if e.kind == "organisation" for n in (e.name, *e.aliases)]
    found: dict[str, list[str]] = {}
    for person in entities.values():
        if person.kind != "person" or not person.role:
            continue
        role = _lemmas(person.role)
        for body, name in names:
            if role and name and len(role & name) / len(role | name) >= ROLE_LIKENESS and body not in found.get(
                    person.id, []):
                found.setdefault(person.id, []).append(body)
    return found


@dataclass(frozen=True, slots=True)
class Proposal:
    """A name the base does not know yet, proposed as a new entity."""

    name: str  # in the dictionary form: «Никол Пашинян», «Газпром»
    kind: str
    forms: tuple[str, ...]  # as the article writes it


_NER_KINDS = {"PER": "person", "LOC": "place", "ORG": "organisation"}


@functools.cache
def _recogniser() -> dict[str, Any] | None:
    """natasha's segmenter, NER and morphology taggers (loaded once, ~1 s); None when not installed."""
    try:
        from natasha import Doc, MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger, Segmenter
    except ImportError:
        return None
    embedding = NewsEmbedding()
    return {"doc": Doc, "segmenter": Segmenter(), "ner": NewsNERTagger(embedding),
            "morph": NewsMorphTagger(embedding), "vocab": MorphVocab()}


def has_recogniser() -> bool:
    return _recogniser() is not None


def propose(text: str, known: list[tuple[int, int]], *, sentence_start: int = 0,
            ner: bool | None = None) -> list[Proposal]:
    """Names in ``text`` outside the ``known`` spans: by natasha's recogniser (``ner`` None: when installed;
    True: required; False: never), else by rules."""
    tools = _recogniser() if ner is not False else None
    if ner and tools is None:
        raise RuntimeError("natasha is not installed: pip install 'factbot[drafting]'")
    if tools is not None:
        return _recognised(text, known, tools)
    return _by_rules(text, known, sentence_start=sentence_start)


def _recognised(text: str, known: list[tuple[int, int]], tools: dict[str, Any]) -> list[Proposal]:
    doc = tools["doc"](text)
    doc.segment(tools["segmenter"])
    doc.tag_morph(tools["morph"])
    doc.tag_ner(tools["ner"])
    found: list[Proposal] = []
    for span in doc.spans:
        if any(start < span.stop and span.start < end for start, end in known):
            continue
        span.normalize(tools["vocab"])
        name = (span.normal or span.text).strip()
        if len(name) > 1:
            found.append(Proposal(name, _NER_KINDS.get(span.type, "organisation"), (span.text,)))
    return found


def _by_rules(text: str, known: list[tuple[int, int]], *, sentence_start: int = 0) -> list[Proposal]:
    """Capitalised runs, abbreviations and quoted names outside the ``known`` spans."""
    taken = list(known)
    found: list[Proposal] = []
    for m in _QUOTED.finditer(text):
        if any(m.start() < end and start < m.end() for start, end in taken):
            continue
        found.append(Proposal(m.group(1).strip(), "organisation", (m.group(1).strip(),)))
        taken.append((m.start(), m.end()))
    run: list[Token] = []
    for token in [*tokens(text), None]:
        if token is not None and _is_name(token, opens=token.start == sentence_start) and not any(
                start <= token.start < end for start, end in taken) and (
                not run or text[run[-1].start + len(run[-1].text):token.start].strip() == ""):
            run.append(token)
            continue
        if run:
            found.append(_proposal(run))
        run = [token] if token is not None and _is_name(token, opens=token.start == sentence_start) and not any(
            start <= token.start < end for start, end in taken) else []
    return found


def _is_name(token: Token, *, opens: bool) -> bool:
    if not token.capital or len(token.text) < 2:
        return False
    if token.text.isupper() and len(token.text) <= 6:
        return True  # an abbreviation: «ОДКБ», «ВТС»
    if not ("а" <= token.text[1:2].lower() <= "я" or token.text[1:2].lower() == "ё"):
        return False
    parse = analyzer().parse(token.text.lower())[0]
    proper = any(tag in parse.tag for tag in ("Name", "Surn", "Patr", "Geox", "Orgn"))
    return proper or (not opens and "LATN" not in parse.tag)


def _proposal(run: list[Token]) -> Proposal:
    morph = analyzer()
    parts, kind = [], "organisation"
    for token in run:
        if token.text.isupper():
            parts.append(token.text)
            continue
        parse = morph.parse(token.text.lower())[0]
        if "Surn" in parse.tag or "Name" in parse.tag or "Patr" in parse.tag:
            kind = "person"
        elif "Geox" in parse.tag and kind != "person":
            kind = "place"
        normal = parse.inflect({"nomn"}) if ("Surn" in parse.tag or "Name" in parse.tag) else None
        word = (normal.word if normal else parse.normal_form) if len(run) == 1 or kind == "person" else token.text
        if "ё" not in token.text.lower():  # the dictionary's «Пётр» for the article's «Петр»
            word = word.replace("ё", "е")
        parts.append("-".join(p.capitalize() for p in word.split("-")))
    surface = " ".join(t.text for t in run)
    return Proposal(" ".join(parts), kind, (surface,))


def slug(name: str, taken: Iterable[str]) -> str:
    """A latin id for a new entity, unique among ``taken``."""
    latin = "".join(_TRANSLIT.get(ch, ch) for ch in name.lower())
    base = re.sub(r"[^a-z0-9]+", "-", latin).strip("-") or "entity"
    used, candidate, n = set(taken), base, 2
    while candidate in used:
        candidate, n = f"{base}-{n}", n + 1
    return candidate
