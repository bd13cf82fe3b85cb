"""The compiled fact base: lemma and entity postings, weights and the typo vocabulary.

Built once per fact base (a reload builds a new one), read by any number of
concurrent questions; nothing here changes after ``build_index`` returns.
"""

from __future__ import annotations

import dataclasses
import functools
import math
from array import array
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from knowledge.base.dates import parse_fact_date
from knowledge.base.model import Entity, Fact, KnowledgeBase
from knowledge.text.language import analyser_for, lexicon_for
from knowledge.text.lexicon import Lexicon, ranks_first
from knowledge.text.morphology import WordInfo, analyse
from knowledge.text.normalize import sound_key, words

MAX_YEAR_SPAN = 15  # a fact dated "1992/2024" says nothing about any single year
Analyser = Callable[[str], WordInfo]


@dataclass(frozen=True, slots=True)
class Alias:
    """One way to name an entity, as a sequence of lemma sets (function words dropped)."""

    entity: str
    tokens: tuple[frozenset[str], ...]


@dataclass(frozen=True, slots=True)
class FactEntry:
    """What scoring needs of one fact; its words live in the index postings, not here (memory)."""

    fact: Fact
    entities: frozenset[str]  # own entities, their countries, and what the source is about
    direct: frozenset[str]  # own entities and what the source is about
    mentions: frozenset[str]  # own entities and the source's subjects its text names («из России»)
    places: frozenset[str]  # where it happened: its places and their countries
    years: frozenset[int]
    months: frozenset[tuple[int, int]]  # (year, month) pairs the fact's date touches
    phrasings: tuple[str, ...]  # lemma strings of the alternate questions and the text, for fuzzy scoring
    figure_terms: frozenset[str]  # what its figures count; for a fact with no figure, its text
    numbers: frozenset[str]  # numbers it states («78», «4.4»)
    concludes: bool  # states an outcome (agreed, signed, decided, ended)
    says: bool  # reports what was said, discussed or agreed («заявил», «обсудили», "stressed")
    money: bool  # states a sum of money
    quantity: bool  # states an amount, with a number or in words («несколько сотен»)
    people: frozenset[str]  # ids of the people it names
    has_person: bool
    has_actor: bool
    has_place: bool
    facilities: frozenset[str] = frozenset()  # the plants, centres, ports it names: places of their own
    target_only: bool = False  # its every figure is for a period after it was stated: a target, not a result
    ranks: bool = False  # says something is first of its kind («крупнейший», «рекордный», "largest")
    counted: frozenset[str] = frozenset()  # what its figures count by the head («26 вузов»): how many, not which
    has_city: bool = False  # names a place smaller than a country (a city, a venue, a plant): «в каком городе»
    outsiders: frozenset[str] = frozenset()  # people of no side the base is about: «кто ещё был» asks for them
    vague: frozenset[str] = frozenset()  # what it says there were several of («несколько раундов переговоров»)
    nationals: frozenset[tuple[str, str]] = frozenset()  # (person, country) of the people it names


SOUND_MIN = 5  # letters a word needs to be found by its sound (shorter ones sound alike too often)
DERIVED_PREFIX = 6  # letters two words share to be taken for one root («рекорд», «рекордный»)


@dataclass(frozen=True)
class Index:
    base: KnowledgeBase
    entries: tuple[FactEntry, ...]
    postings: dict[str, array[int]]
    entity_postings: dict[str, array[int]]
    year_postings: dict[int, array[int]]
    idf: dict[str, float]
    unknown_idf: float
    aliases: dict[str, tuple[Alias, ...]]  # keyed by every lemma of an alias's first token
    about: frozenset[str]
    vocabulary: frozenset[str]  # surface words and lemmas, for typo correction
    vocabulary_by_length: dict[int, tuple[str, ...]] = field(repr=False)
    lang: str = "ru"  # the language of the texts it was built from: "ru", or "en" (the English renderings)
    synonyms: tuple[tuple[str, str], ...] = ()  # the base's own synonyms: (lemma, its group's first lemma)
    # the base's lemmas by their first DERIVED_PREFIX letters: a word of the same root the base does not use
    # («рекорд») finds the one it does («рекордный»)
    by_prefix: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)
    roles: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)  # a person → their role's lemmas
    # Russian words of the vocabulary by how they sound (normalize.sound_key): «тавароабарот» finds «товарооборот»
    by_sound: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)
    measures: frozenset[str] = frozenset()  # what the base's figures measure («товарооборот», «доля»)


def content_lemmas(text: str, vocabulary: set[str] | None = None, *, analyser: Analyser = analyse
                   ) -> list[tuple[str, ...]]:
    """Candidate lemmas of each meaningful word of a text (function words dropped).

    The text's words are added to ``vocabulary`` when one is given."""
    out: list[tuple[str, ...]] = []
    tokens = words(text, max_chars=len(text) + 1)
    if vocabulary is not None:
        vocabulary.update(tokens)
    for word in tokens:
        info = analyser(word)
        if not info.function:
            out.append(info.lemmas)
    return out


def _alias_tokens(text: str, analyser: Analyser) -> tuple[frozenset[str], ...]:
    return tuple(frozenset(lemmas) for lemmas in content_lemmas(text, analyser=analyser))


def _names(entity: Entity, lang: str) -> tuple[str, ...]:
    """The names an entity is asked by: in English its English ones first, then the Russian ones too."""
    if lang == "en":
        return tuple(n for n in (entity.name_en, *entity.aliases_en, entity.name, *entity.aliases) if n)
    return (entity.name, *entity.aliases)


def _period_years(period: str) -> set[int]:
    from knowledge.base.dates import parse_fact_date

    try:
        span = parse_fact_date(period)
    except ValueError:
        return set()
    if span.end.year - span.start.year > MAX_YEAR_SPAN:
        return set()
    return set(range(span.start.year, span.end.year + 1))


def _months(fact: Fact) -> frozenset[tuple[int, int]]:
    """(year, month) pairs a fact is dated within; none when only the year is known."""
    if fact.as_of or fact.date.precision == "year":
        return frozenset()
    start, end = fact.date.start, fact.date.end
    if (end.year - start.year) * 12 + end.month - start.month > 24:
        return frozenset()
    out: set[tuple[int, int]] = set()
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        out.add((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return frozenset(out)


_VAGUE = frozenset(["несколько", "много", "several", "many"])  # a number of …, but not a number
_SCALES = frozenset(["сотня", "десяток", "тысяча", "миллион", "миллиард", "hundred", "thousand", "million",
                     "billion", "dozen"])


def _states_quantity(text_sets: Sequence[Iterable[str]], lx: Lexicon) -> bool:
    """The text states an amount in words: «около», «более», «сотни»; «несколько» only with a scale
    («несколько сотен»), since «несколько раундов» tells no number of rounds."""
    words = [set(lemmas) for lemmas in text_sets]
    for at, lemmas in enumerate(words):
        said = lemmas & lx.quantity_words
        if said - _VAGUE or (said and at + 1 < len(words) and words[at + 1] & _SCALES):
            return True
    return False


def _vaguely_counted(text_sets: Sequence[Iterable[str]], reach: int = 2) -> set[str]:
    """The words within ``reach`` after «несколько», "several": things the text counts with no number."""
    words = [set(lemmas) for lemmas in text_sets]
    out: set[str] = set()
    for at, lemmas in enumerate(words):
        if lemmas & _VAGUE and not (at + 1 < len(words) and words[at + 1] & _SCALES):
            for after in words[at + 1:at + 1 + reach]:
                out |= after
    return out


def _flatten(sets: Iterable[Iterable[str]]) -> set[str]:
    out: set[str] = set()
    for s in sets:
        out.update(s)
    return out


def _phrase(sets: list[tuple[str, ...]]) -> str:
    return " ".join(lemmas[0] for lemmas in sets)


def index_languages(base: KnowledgeBase) -> tuple[str, ...]:
    """The languages a base can be asked in: Russian always, English when any fact has an English text."""
    return ("ru", "en") if any(fact.text_en for fact in base.facts) else ("ru",)


def build_indexes(base: KnowledgeBase) -> dict[str, Index]:
    """An index per language the base can be asked in (see ``index_languages``)."""
    return {lang: build_index(base, lang=lang) for lang in index_languages(base)}


def base_synonyms(base: KnowledgeBase, lang: str) -> tuple[tuple[str, str], ...]:
    """The base's synonym groups (its lexicon.yaml) as (lemma, the group's first lemma) pairs: merged into one
    term as the general groups of ``knowledge.text.lexicon`` are, for the facts and the questions alike."""
    analyser = analyser_for(lang)
    pairs: dict[str, str] = {}
    for group in base.lexicon.synonyms.get(lang, ()):
        head = analyser(group[0]).lemmas[0]
        for word in group:
            info = analyser(word)
            for lemma in (info.lemmas[0], *info.forms[:1]):
                if lemma != head:
                    pairs.setdefault(lemma, head)
    return tuple(sorted(pairs.items()))


def reader(index: Index) -> Analyser:
    """The word analysis questions against ``index`` are read with: its language's, with the base's synonyms."""
    return merged_analyser(index.lang, index.synonyms)


@functools.lru_cache(maxsize=16)
def merged_analyser(lang: str, synonyms: tuple[tuple[str, str], ...]) -> Analyser:
    """A language's analyser with extra synonym pairs merged into its lemmas (cached: one per base)."""
    analyser = analyser_for(lang)
    if not synonyms:
        return analyser
    table = dict(synonyms)

    @functools.lru_cache(maxsize=100_000)
    def read(word: str) -> WordInfo:
        info = analyser(word)
        lemmas = tuple(dict.fromkeys(table.get(lemma, lemma) for lemma in info.lemmas))
        return info if lemmas == info.lemmas else dataclasses.replace(info, lemmas=lemmas)

    return read


class _Builder:
    """What compiling one base in one language shares across its phases: the analysis, the entities' words
    and the sets facts share (memory)."""

    def __init__(self, base: KnowledgeBase, lang: str) -> None:
        self.base, self.lang, self.english = base, lang, lang == "en"
        self.synonyms = base_synonyms(base, lang)
        self.analyser, self.lx = merged_analyser(lang, self.synonyms), lexicon_for(lang)
        self.vocabulary: set[str] = set()
        self.entity_terms: dict[str, set[str]] = {}
        self.type_lemmas: dict[str, set[str]] = {}  # lemmas of each entity's `type`
        self.alias_table: dict[str, list[Alias]] = defaultdict(list)
        self.about = frozenset(ref for source in base.sources.values() for ref in source.about)
        self.about_words: dict[str, set[str]] = {}  # one-word names of the subjects: «Россия», «РФ», «российский»
        self.outcome_lemmas = {self.analyser(word).lemmas[0] for word in self.lx.outcome_words}
        self._shared: dict[frozenset[Any], frozenset[Any]] = {}
        self.measures: set[str] = set()  # what the base's figures measure: the first word of each `what`
        self.regions: dict[str, set[str]] = defaultdict(set)  # a country → the regions spanning it
        for entity in base.entities.values():
            for country in entity.countries:
                self.regions[country].add(entity.id)

    def lemmas_of(self, text: str, vocabulary: set[str] | None = None) -> list[tuple[str, ...]]:
        return content_lemmas(text, vocabulary, analyser=self.analyser)

    def share(self, items: Iterable[Any]) -> frozenset[Any]:
        """One object for equal sets: most facts share their entities, places and years (memory)."""
        key = frozenset(items)
        return self._shared.setdefault(key, key)

    def _capital_names(self, entity: Entity) -> tuple[str, ...]:
        """«столица Киргизии» for a place the base gives as its country's capital: one that speaks for it
        («Баку заявил») or is named so («киргизская столица»). (English "the capital of X" has "of" between,
        which an alias does not skip.)"""
        capitals = lexicon_for(self.lang).capital_words
        country = self.base.entities.get(entity.country)
        if entity.kind != "place" or country is None or not capitals:
            return ()
        named = any(lexicon_for(lang).capital_words & _flatten(_alias_tokens(name, analyser_for(lang)))
                    for lang, names in (("ru", (entity.name, *entity.aliases)),
                                        ("en", (entity.name_en, *entity.aliases_en))) for name in names if name)
        if entity.stands_for != country.id and not named:
            return ()
        word = sorted(capitals)[0]
        return tuple(f"{word} {name}" for name in _names(country, self.lang))

    def read_entities(self) -> None:
        for entity in self.base.entities.values():
            terms: set[str] = set()
            for name in (*_names(entity, self.lang), *self._capital_names(entity)):
                tokens = _alias_tokens(name, self.analyser)
                if not tokens:
                    continue
                terms |= _flatten(tokens)
                alias = Alias(entity.id, tokens)
                for lemma in tokens[0]:
                    self.alias_table[lemma].append(alias)
                self.vocabulary.update(words(name))
            type_terms = _flatten(self.lemmas_of(entity.type)) if entity.type and not self.english else set()
            self.entity_terms[entity.id] = terms | type_terms
            self.type_lemmas[entity.id] = type_terms
        for ref in self.about:
            for name in _names(self.base.entities[ref], self.lang):
                tokens = _alias_tokens(name, self.analyser)
                if len(tokens) == 1:
                    self.about_words.setdefault(ref, set()).update(tokens[0])

    def figure_words(self, fact: Fact, text_sets: list[tuple[str, ...]]) -> tuple[set[str], set[str]]:
        """(what its figures count, their units): a figure's words are Russian; in English, the text's."""
        figure_terms: set[str] = set()
        unit_terms: set[str] = set()
        for figure in fact.figures if self.english else ():  # what it measures, in English
            infos = [self.analyser(word) for word in words(figure.what_en.replace("(", ",").split(",")[0])]
            nouns = [info for info in infos if info.pos == "NOUN" and not info.proper]
            self.measures.add(nouns[0].forms[0] if nouns else "")
            if figure.unit.strip() == "%" and not (nouns and nouns[0].lemmas[0] in self.lx.growth_words):
                figure_terms.add("share")  # a share in per cent ("percent" is one term with it), unless a change
        for figure in fact.figures if not self.english else ():
            # what a figure counts: its unit and the head of its description («субъекты РФ, компании…»)
            head = figure.what.replace("(", ",").split(",")[0]
            figure_terms |= _flatten(self.lemmas_of(head))
            # its first noun as the dictionary has it, synonyms not merged («товар» is no «товарооборот»)
            self.measures.add(next((info.forms[0] for info in map(self.analyser, words(head))
                                    if info.pos == "NOUN" and not info.proper), ""))
            unit_terms |= _flatten(self.lemmas_of(figure.unit))
            if figure.unit.strip() == "%":  # a share in per cent, unless the figure is a change («рост на 17,5%»)
                change = any(lemmas[0] in self.lx.growth_words for lemmas in self.lemmas_of(head)[:1])
                unit_terms |= {"процент"} if change else {"доля", "процент"}
        if self.english:
            unit_terms = _flatten(text_sets) & self.lx.money_units
        return figure_terms | unit_terms, unit_terms

    def counted_nouns(self, fact: Fact) -> set[str]:
        """The nouns its figures' units count («26 вузов», "26 universities"), not units of measure, and those its
        text counts in words («несколько сотен компаний»)."""
        out: set[str] = set()
        tokens = words(fact.text_en if self.english else fact.text)
        for at, token in enumerate(tokens[:-1]):
            if self.analyser(token).forms[0] in _SCALES:
                for following in tokens[at + 1:at + 4]:  # past its adjectives: «сотен французских компаний»
                    info = self.analyser(following)
                    if info.pos == "NOUN" and info.lemmas[0] not in self.lx.money_units | _SCALES:
                        out.add(info.lemmas[0])
                    if info.pos not in ("ADJF", "PRTF"):
                        break
        for figure in fact.figures:
            unit = figure.unit_en if self.english else figure.unit
            for word in words(unit)[:2]:  # «тыс. км», «млн тонн»: past the scale
                info = self.analyser(word)
                if info.lemmas[0] in _SCALES or not word.isalpha():
                    continue
                if info.pos == "NOUN" and info.lemmas[0] not in self.lx.money_units | self.lx.quantity_words:
                    out.add(info.lemmas[0])
                break
        return out

    def fact_entry(self, fact: Fact) -> tuple[FactEntry, set[str]]:
        """A fact's entry and the terms it is posted under."""
        base, english, lx = self.base, self.english, self.lx
        own = set(fact.entity_ids)
        expanded = own | set(base.sources[fact.source].about)
        for ref in own:
            entity = base.entities[ref]
            expanded.update(x for x in (entity.country, entity.part_of) if x)
        for ref in list(expanded):
            expanded |= self.regions.get(ref, set())  # «Центральная Азия» of a fact in Uzbekistan
        text_sets = self.lemmas_of(fact.text_en if english else fact.text, self.vocabulary)
        question_sets = [self.lemmas_of(q, self.vocabulary) for q in (fact.questions_en if english else fact.questions)]
        terms = _flatten(text_sets)
        for sets in question_sets:
            terms |= _flatten(sets)
        for ref in own:
            terms |= self.entity_terms.get(ref, set())
        terms |= _flatten(self.lemmas_of(base.lexicon.topic_names(self.lang).get(fact.topic, "")))
        for ref in own:  # «какие документы подписали»: a fact naming a document is about one
            terms |= {self.analyser(word).lemmas[0] for word in lx.kind_words.get(base.entities[ref].kind, ())}
        figure_terms, unit_terms = self.figure_words(fact, text_sets)
        terms |= figure_terms
        text_terms = _flatten(text_sets)
        for ref in own:
            text_terms |= self.type_lemmas.get(ref, set())  # «российская энергетическая компания»
        mentions = own | {ref for ref in self.about if self.about_words.get(ref, set()) & text_terms}
        # a plant or a port the fact names: by its type («завод»), or in English (no types) by its name
        kinds_of = self.entity_terms if english else self.type_lemmas
        facility = self.share(ref for ref in own if kinds_of.get(ref, set()) & lx.facility_words)
        kinds = {base.entities[ref].kind for ref in fact.entity_ids}
        share = self.share
        entry = FactEntry(
            fact=fact,
            entities=share(expanded),
            direct=share(own | set(base.sources[fact.source].about)),
            mentions=share(mentions),
            places=share(_places(fact, base, self.regions)),
            years=share(_years(fact)),
            months=share(_months(fact)),
            phrasings=tuple(_phrase(sets) for sets in (*question_sets, text_sets)),
            figure_terms=share(figure_terms if fact.figures and not english
                               else text_terms | figure_terms if english else text_terms),
            numbers=share(t for t in terms if t[:1].isdigit()),
            concludes=bool(terms & self.outcome_lemmas),
            says=any(lx.said_forms.intersection(self.analyser(word).forms[:1])
                     for word in words(fact.text_en if english else fact.text)),
            money=bool(unit_terms & lx.money_units),
            quantity=bool(fact.figures) or _states_quantity(text_sets, lx),
            people=share(ref for ref in fact.entity_ids if base.entities[ref].kind == "person"),
            has_person="person" in kinds,
            has_actor=bool(fact.participants) or bool(fact.organisations),
            # a country the base is about is a place only of an event of a day («переговоры 5 марта»), not of a
            # state or a year's figure («в Азербайджане работают …»)
            has_place=bool(set(fact.places) - self.about) or bool(facility) or bool(fact.venue) or (
                bool(fact.places) and fact.date.precision == "day" and not fact.as_of),
            facilities=facility,
            target_only=_targets_only(fact),
            ranks=ranks_first(words(fact.text_en if english else fact.text), lx, self.analyser),
            counted=self.share(self.counted_nouns(fact)),
            has_city=any(base.entities[ref].kind != "country" for ref in fact.places) or bool(facility),
            outsiders=share(ref for ref in fact.entity_ids if base.entities[ref].kind == "person"
                            and base.entities[ref].country not in self.about),
            vague=share(_vaguely_counted(text_sets)),
            nationals=share((ref, base.entities[ref].country) for ref in fact.entity_ids
                            if base.entities[ref].kind == "person"),
        )
        return entry, terms


def _years(fact: Fact) -> set[int]:
    """The years a fact is about: its date's and its figures' periods; none for a state «as of» a day."""
    if fact.as_of:
        return set()
    years = set(range(fact.date.start.year, fact.date.end.year + 1))
    if len(years) > MAX_YEAR_SPAN:
        years = set()
    for figure in fact.figures:
        if figure.period:
            years |= _period_years(figure.period)
    return years


def _targets_only(fact: Fact) -> bool:
    """Every figure is for a period that begins after the fact was stated («50 тысяч машин к 2035 году»)."""
    if not fact.figures:
        return False
    for figure in fact.figures:
        try:
            period = parse_fact_date(figure.period)
        except ValueError:
            return False
        if period.start <= fact.date.end:
            return False
    return True


def _places(fact: Fact, base: KnowledgeBase, regions: Mapping[str, set[str]]) -> set[str]:
    """Where it happened: its places, their countries and the regions spanning those («в Средней Азии»)."""
    places = set(fact.places)
    for ref in fact.places:
        if base.entities[ref].country:
            places.add(base.entities[ref].country)
    for ref in list(places):
        places |= regions.get(ref, set())
    return places


def build_index(base: KnowledgeBase, *, lang: str = "ru") -> Index:
    """Compile a validated fact base for answering questions in ``lang`` ("en": from the English renderings;
    facts without one are left out)."""
    builder = _Builder(base, lang)
    builder.read_entities()
    entries: list[FactEntry] = []
    fact_terms: list[set[str]] = []
    for fact in base.facts:
        if builder.english and not fact.text_en:
            continue  # not translated yet: `factbot check` warns; English questions cannot find it
        entry, terms = builder.fact_entry(fact)
        entries.append(entry)
        fact_terms.append(terms)
    return _compiled(builder, entries, fact_terms)


def _compiled(builder: _Builder, entries: list[FactEntry], fact_terms: list[set[str]]) -> Index:
    """The postings, weights and typo vocabulary over the facts' entries."""
    base, lang, lx, analyser, vocabulary = builder.base, builder.lang, builder.lx, builder.analyser, builder.vocabulary
    postings: dict[str, list[int]] = defaultdict(list)
    entity_postings: dict[str, list[int]] = defaultdict(list)
    year_postings: dict[int, list[int]] = defaultdict(list)
    for number, entry in enumerate(entries):
        for term in fact_terms[number]:
            postings[term].append(number)
        for ref in entry.entities:
            entity_postings[ref].append(number)
        for year in entry.years:
            year_postings[year].append(number)
    total = len(entries)
    idf = {term: math.log(1 + (total + 1) / (len(ids) + 0.5)) for term, ids in postings.items()}
    unknown_idf = math.log(1 + (total + 1) / 0.5)

    for word in (*lx.question_words, *lx.fillers, *lx.request_forms, *lx.months, *lx.seasons):
        vocabulary.add(word)
    for group in (*lx.synonym_groups, *base.lexicon.synonyms.get(lang, ())):
        vocabulary.update(group)
    vocabulary |= set(postings)
    # dictionary forms before synonyms are merged, so a misspelt lemma can find its word
    vocabulary |= {form for word in list(vocabulary) if word.isalpha() for form in analyser(word).forms[:2]}
    by_length: dict[int, list[str]] = defaultdict(list)
    for word in vocabulary:
        by_length[len(word)].append(word)
    by_sound: dict[str, list[str]] = defaultdict(list)
    if lang == "ru":
        for word in vocabulary:
            if len(word) >= SOUND_MIN and word.isalpha():
                by_sound[sound_key(word)].append(word)
    by_prefix: dict[str, list[str]] = defaultdict(list)
    for term in postings:
        if len(term) >= DERIVED_PREFIX and term.isalpha():
            by_prefix[term[:DERIVED_PREFIX]].append(term)

    return Index(
        base=base,
        entries=tuple(entries),
        postings={t: array("i", ids) for t, ids in postings.items()},
        entity_postings={e: array("i", ids) for e, ids in entity_postings.items()},
        year_postings={y: array("i", ids) for y, ids in year_postings.items()},
        idf=idf,
        unknown_idf=unknown_idf,
        aliases={k: tuple(v) for k, v in builder.alias_table.items()},
        about=builder.about,
        vocabulary=frozenset(vocabulary),
        vocabulary_by_length={k: tuple(sorted(v)) for k, v in by_length.items()},
        lang=lang,
        synonyms=builder.synonyms,
        by_prefix={k: tuple(sorted(v)) for k, v in by_prefix.items()},
        by_sound={k: tuple(sorted(v)) for k, v in by_sound.items()},
        measures=frozenset(builder.measures - {""}),
        roles={entity.id: tuple(builder.lemmas_of(role)) for entity in base.entities.values()
               if entity.kind == "person" and (role := entity.role_en if builder.english else entity.role)},
    )
