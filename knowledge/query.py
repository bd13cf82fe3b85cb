"""Reading a question: its meaningful words, the entities and periods it names, what it asks for."""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz, process

from knowledge.index import Index
from knowledge.lexicon import (
    DAY_WORDS,
    FAREWELLS,
    FILLERS,
    GREETINGS,
    LIST_WORDS,
    MONTHS,
    NAME_WORDS,
    OUTCOME_WORDS,
    QUESTION_WORDS,
    SEASONS,
    SMALLTALK,
    THANKS,
)
from knowledge.morphology import WordInfo, analyse
from knowledge.normalize import MAX_QUERY_CHARS, words

HARD_KINDS = frozenset({"person", "country", "place"})
POS_WEIGHT = {"VERB": 0.5, "INFN": 0.5, "PRTS": 0.6, "GRND": 0.5, "ADVB": 0.4, "COMP": 0.4, "PRED": 0.4}
MIN_YEAR, MAX_YEAR = 1900, 2100
MAX_WORDS = 60  # beyond this a message is not a question; the rest is ignored


@dataclass(frozen=True, slots=True)
class Term:
    """A meaningful word of the question."""

    word: str
    lemmas: tuple[str, ...]  # the forms the base knows, or all candidates when it knows none
    weight: float
    known: bool  # the base has at least one of the lemmas


@dataclass(frozen=True, slots=True)
class Query:
    text: str
    terms: tuple[Term, ...]
    entities: frozenset[str]  # named, and must agree (people, places, countries)
    soft_entities: frozenset[str]  # named, and should agree (organisations, documents, terms)
    years: frozenset[int]
    months: frozenset[int]
    answer_type: str  # "", date, place, figure, person, name, what
    wants_day: bool
    list_intent: bool
    count_intent: bool
    figure_nouns: tuple[tuple[str, ...], ...]
    unknown_names: tuple[str, ...]
    asks_outcome: bool  # «чем закончились», «итоги»: only events that happened have outcomes
    smalltalk: str  # "", greeting, thanks, bye, chat, empty
    phrase: str  # lemma string, for fuzzy comparison

    @property
    def has_content(self) -> bool:
        return bool(self.terms or self.entities or self.soft_entities or self.years or self.months)


def correct_word(word: str, index: Index, *, score_cutoff: float | None = None) -> str | None:
    """The closest word of the base's vocabulary to a misspelt one, or None."""
    size = len(word)
    if size < 5 or not word.isalpha():
        return None
    cutoff = score_cutoff if score_cutoff is not None else (80.0 if size <= 7 else 84.0)
    best: tuple[str, float] | None = None
    for length in range(size - 2, size + 3):
        choices = index.vocabulary_by_length.get(length)
        if not choices:
            continue
        found = process.extractOne(word, choices, scorer=fuzz.ratio, score_cutoff=cutoff)
        if found is not None and (best is None or found[1] > best[1]):
            best = (found[0], found[1])
    return best[0] if best else None


def _resolve(word: str, index: Index) -> tuple[WordInfo, bool]:
    """Analyse a word, correcting a typo when neither the dictionary nor the base knows it."""
    info = analyse(word)
    in_base = word in index.vocabulary or any(lemma in index.postings for lemma in info.lemmas)
    if in_base or info.known or word in QUESTION_WORDS:
        return info, in_base
    fixed = correct_word(word, index)
    if fixed is None:
        return info, False
    return analyse(fixed), True


def _match_entities(infos: list[WordInfo], index: Index) -> tuple[list[str | None], list[str]]:
    """Longest alias match at each position; returns the entity covering each word."""
    owner: list[str | None] = [None] * len(infos)
    found: list[str] = []
    i = 0
    while i < len(infos):
        best_len, best_entity = 0, ""
        for lemma in infos[i].lemmas:
            for alias in index.aliases.get(lemma, ()):
                n = len(alias.tokens)
                if n <= best_len or i + n > len(infos):
                    continue
                if all(alias.tokens[k].intersection(infos[i + k].lemmas) for k in range(n)):
                    best_len, best_entity = n, alias.entity
        if best_len:
            for k in range(best_len):
                owner[i + k] = best_entity
            found.append(best_entity)
            i += best_len
        else:
            i += 1
    return owner, found


def parse_query(text: str, index: Index) -> Query:
    """Everything the scorer needs to know about one question."""
    raw_words = words(text, max_chars=MAX_QUERY_CHARS)[: MAX_WORDS * 2]
    infos: list[WordInfo] = []
    years: set[int] = set()
    months: set[int] = set()
    answer_type = ""
    wants_day = False
    list_intent = False
    count_intent = False
    figure_nouns: list[tuple[str, ...]] = []
    talk: set[str] = set()
    other_words = 0
    asks_outcome = False
    for word in raw_words:
        if len(word) == 1 and not word.isdigit():
            continue
        if word.isdigit() and len(word) == 4 and MIN_YEAR <= int(word) <= MAX_YEAR:
            years.add(int(word))
            continue
        info, _ = _resolve(word, index)
        lemma = info.lemmas[0]
        if lemma in OUTCOME_WORDS or info.word in OUTCOME_WORDS:
            asks_outcome = True
        kind = QUESTION_WORDS.get(info.word) or QUESTION_WORDS.get(lemma)
        if kind:
            if kind != "what" or not answer_type:
                answer_type = answer_type if answer_type in ("figure", "date") and kind == "what" else kind
            if info.plural and lemma in ("какой", "который"):
                list_intent = True
            continue
        if lemma in GREETINGS:
            talk.add("greeting")
        elif lemma in THANKS or info.word in THANKS:
            talk.add("thanks")
        elif lemma in FAREWELLS or info.word in FAREWELLS:
            talk.add("bye")
        elif lemma in SMALLTALK or info.word in SMALLTALK:
            talk.add("chat")
        else:
            other_words += 0 if (info.function or lemma in FILLERS) else 1
        if lemma in MONTHS:
            months.add(MONTHS[lemma])
            continue
        if info.word in SEASONS or lemma in SEASONS:
            months.update(SEASONS.get(info.word) or SEASONS[lemma])
            continue
        if lemma in LIST_WORDS or info.word in LIST_WORDS:
            list_intent = True
            continue
        if lemma in DAY_WORDS and answer_type in ("", "what", "date"):
            wants_day = True
            answer_type = "date"
            continue
        if lemma in NAME_WORDS:
            answer_type = "name"
            continue
        if lemma == "раз" and answer_type == "figure":
            count_intent = list_intent = True
            answer_type = "count"
            continue
        if info.function:
            continue
        infos.append(info)
        if len(infos) >= MAX_WORDS:
            break

    owners, named = _match_entities(infos, index)
    entities: set[str] = set()
    soft: set[str] = set()
    for ref in named:
        if ref in index.about:
            continue
        kind = index.base.entities[ref].kind
        (entities if kind in HARD_KINDS else soft).add(ref)

    terms: list[Term] = []
    unknown_names: list[str] = []
    after_skolko = answer_type == "figure"
    for info, owner in zip(infos, owners, strict=True):
        lemma = info.lemmas[0]
        if lemma in FILLERS and owner is None:
            continue
        if lemma in ("год", "месяц", "число", "дата", "день") and owner is None:
            if answer_type in ("", "what") and lemma in ("год", "месяц", "дата"):
                answer_type = "date"
            continue
        if lemma in ("город", "место", "страна") and owner is None and answer_type in ("", "what"):
            answer_type = "place"
            continue
        present = tuple(lm for lm in info.lemmas if lm in index.postings)
        if owner is None and info.proper and not present:
            unknown_names.append(info.word)
        if after_skolko and info.pos == "NOUN" and owner is None and len(figure_nouns) < 1:
            figure_nouns.append(present or info.lemmas)
        weight = max((index.idf[lm] for lm in present), default=index.unknown_idf)
        weight *= POS_WEIGHT.get(info.pos, 1.0)
        if owner is not None:
            weight *= 0.5 if owner in index.about else 1.0
        terms.append(Term(info.word, present or info.lemmas, weight, bool(present)))

    if answer_type in ("what", "") and (years or months) and not terms and not entities:
        list_intent = True  # «что было в марте 2024»

    if not raw_words:
        smalltalk = "empty"
    elif talk and other_words == 0 and not years and not entities and not soft:
        smalltalk = sorted(talk, key=("thanks", "bye", "greeting", "chat").index)[0]
    else:
        smalltalk = ""

    return Query(
        text=text,
        terms=tuple(terms),
        entities=frozenset(entities),
        soft_entities=frozenset(soft),
        years=frozenset(years),
        months=frozenset(months),
        answer_type=answer_type,
        wants_day=wants_day,
        list_intent=list_intent,
        count_intent=count_intent,
        figure_nouns=tuple(figure_nouns),
        unknown_names=tuple(unknown_names),
        asks_outcome=asks_outcome,
        smalltalk=smalltalk,
        phrase=" ".join(t.lemmas[0] for t in terms),
    )
