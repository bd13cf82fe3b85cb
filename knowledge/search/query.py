"""Reading a question: its meaningful words, the entities and periods it names, what it asks for."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import itertools
import re
from collections.abc import Callable, Collection, Container, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz, process

from knowledge.base.model import Entity
from knowledge.search.index import DERIVED_PREFIX, Index, reader
from knowledge.text.english import BE_FORMS
from knowledge.text.language import lexicon_for
from knowledge.text.lexicon import PEOPLE_COUNTED, QUESTION_WORDS, RANKING_MARKERS, Lexicon, ranks_first
from knowledge.text.morphology import (
    SPELLING_MIN,
    WordInfo,
    aspect_partners,
    dictionary_spelling,
    may_be_plural_noun,
    slip_to,
)
from knowledge.text.normalize import MAX_QUERY_CHARS, normalize, sound_key, words

HARD_KINDS = frozenset({"person", "country", "place", "organisation"})
POS_WEIGHT = {"VERB": 0.7, "INFN": 0.7, "PRTS": 0.7, "GRND": 0.6, "ADVB": 0.4, "COMP": 0.4, "PRED": 0.4}
MIN_YEAR, MAX_YEAR = 1900, 2100
KNOWN_WORD_CUTOFF = 88.0
UNKNOWN_BOOST = 1.5
LIGHT_VERB_WEIGHT = 0.3  # a verb that says little beside its object («вести», «оказывать», "conduct")
UNKNOWN_MODIFIER_WEIGHT = {"ADJF": 0.5, "ADVB": 0.5}  # a modifier the base never uses: a weaker sign than a noun
MAX_WORDS = 60  # beyond this a message is not a question; the rest is ignored


@dataclass(frozen=True, slots=True)
class Term:
    """A meaningful word of the question."""

    word: str
    lemmas: tuple[str, ...]  # the forms the base knows, or all candidates when it knows none
    weight: float
    known: bool  # the base has at least one of the lemmas
    noun: bool  # names a thing (noun, adjective, number, unknown word) rather than an action
    topic: bool = False  # what something is about («соглашение о судоходстве»): a fact about another is no answer
    kind: bool = False  # the kind of thing asked («какие документы»): a fact that does not name it cannot answer
    measure: bool = False  # a thing the base's figures measure, asked («какой товарооборот»): a figure of it answers
    which: bool = False  # named after «какой» («какие вузы»): a fact that only counts them tells how many, not which
    sized: bool = False  # its size is asked («размер стипендии»): a fact that only counts them tells how many


@dataclass(frozen=True, slots=True)
class Words:
    """The words left to find once names, dates and the kind of question are read: what retrieval matches."""

    terms: tuple[Term, ...]
    phrase: str  # lemma string, for fuzzy comparison
    unknown_names: tuple[str, ...]  # capitalised words the base never uses
    figure_nouns: tuple[tuple[str, ...], ...]  # the noun «сколько» counts, as lemmas
    unknown_counted: bool = False  # «сколько нефти»: the noun counted is a word the base never uses


@dataclass(frozen=True, slots=True)
class Scope:
    """What a fact must agree with: the entities, places, periods and numbers the question names."""

    entities: frozenset[str]  # named, and must agree (people, places, countries, organisations)
    stand_ins: tuple[tuple[str, str], ...]  # (capital, country): «Баку заявил» may mean Azerbaijan
    soft_entities: frozenset[str]  # named, and should agree (organisations, documents, terms)
    about_refs: frozenset[str]  # the source's own subjects, named («российские студенты»)
    about_qualifiers: frozenset[str]  # ... named by an adjective, which a fact must echo («российские»)
    place_refs: frozenset[str]  # places and countries named as where («в Москве», «в Азербайджан»)
    years: frozenset[int]
    months: frozenset[int]
    days: frozenset[tuple[int, int]]  # (month, day) pairs named («5 марта»)
    numbers: frozenset[str]  # other numbers named («78-й сессии»): a fact must state them
    entity_order: tuple[str, ...] = ()  # the named entities in the order the question names them
    excluded_places: frozenset[str] = frozenset()  # «не в России»: facts set there (or nowhere known) are out
    span: tuple[dt.date, dt.date] | None = None  # «в прошлом году», resolved against today: facts within it
    span_label: str = ""  # how to say that period («2023 год»)
    until: dt.date | None = None  # today, when the base reaches beyond it: later facts are not known yet
    officials: frozenset[str] = frozenset()  # «с французскими руководителями»: someone of these countries

    @property
    def named(self) -> frozenset[str]:
        """Every entity named, hard or soft."""
        return self.entities | self.soft_entities

    @property
    def timed(self) -> bool:
        """A year, month, day or period is named."""
        return bool(self.years or self.months or self.days or self.span)


@dataclass(frozen=True, slots=True)
class Intent:
    """What the question asks for: the kind of answer, and the readings beyond a plain lookup it calls for."""

    answer_type: str  # "", date, duration, place, figure, count, person, name, organisation, reason, what
    wants_day: bool = False
    wants_money: bool = False
    list_intent: bool = False
    count_intent: bool = False
    asks_outcome: tuple[str, ...] = ()  # «чем закончились», «итоги»: the fact must state that outcome
    asks_said: bool = False  # «что обсуждали», "what did they discuss": the fact must report what was said
    ordinal: str = ""  # "latest" or "earliest" of the matching facts, or ""
    comparison: bool = False  # «второй после», «кроме», «до Асадова»: a ranking the base does not hold
    others: bool = False  # «кто, кроме Иванова, …»: someone the fact names besides the people asked about
    smalltalk: str = ""  # "", greeting, thanks, bye, chat, empty
    trend: bool = False  # «как менялся товарооборот»: the figure in every period the base has
    now: bool = False  # «сейчас», «на данный момент»: the current state, i.e. the latest the base knows
    nth: int = 0  # «вторая встреча»: the n-th occasion in time
    day_of: int = 0  # «в пятый день поездки Иванова»: the n-th day of the occasion the rest finds
    extreme: str = ""  # «самый большой рост»: "max" or "min" of a figure across periods
    frequent: bool = False  # «когда встречались чаще всего»: the period with the most occasions
    future: bool = False  # «приедет», «будут ли»: about what is to come — only announced events answer it
    asks_happened: bool = False  # «состоялись ли»: whether it took place — an announced event cannot say
    wants_city: bool = False  # «в каком городе»: a named place, not an occasion («на полях сессии ГА ООН»)
    upcoming: bool = False  # «следующая встреча»: the next one — only an announced event can be it
    becomes: str = ""  # «когда X стал премьером»: the role taken up, which a fact must state as taken up
    becoming_verbs: frozenset[str] = frozenset()  # the verbs that state it («стать», «избрать»)
    counted_kind: str = ""  # «сколько документов»: the kind of entity counted across the facts found
    done: bool = False  # «сколько уже перевезли», "already": what has been reached — a target set is no answer
    precise: bool = False  # «кто именно», "how many exactly": a person by name, a figure in numbers
    superlative: bool = False  # «какая компания крупнейшая»: one ranked first — a fact must rank too


_PARTS = {name: part for part, cls in (("words", Words), ("scope", Scope), ("intent", Intent))
          for name in cls.__dataclass_fields__}


@dataclass(frozen=True, slots=True)
class Query:
    """One question read, in three parts for the stages that use them: retrieval matches its ``words``,
    scoring and filters check its ``scope``, the readings and replies follow its ``intent``."""

    text: str
    words: Words
    scope: Scope
    intent: Intent

    @property
    def has_content(self) -> bool:
        scope = self.scope
        return bool(self.words.terms or scope.named or scope.years or scope.months or scope.span)

    def changed(self, **changes: Any) -> Query:
        """A copy with some fields of its parts changed, each by its own name («changed(years=…, ordinal=…)»)."""
        grouped: dict[str, dict[str, Any]] = {}
        text = changes.pop("text", self.text)
        for name, value in changes.items():
            if name not in _PARTS:
                raise TypeError(f"Query has no field {name!r}")
            grouped.setdefault(_PARTS[name], {})[name] = value
        return Query(text,
                     dataclasses.replace(self.words, **grouped["words"]) if "words" in grouped else self.words,
                     dataclasses.replace(self.scope, **grouped["scope"]) if "scope" in grouped else self.scope,
                     dataclasses.replace(self.intent, **grouped["intent"]) if "intent" in grouped else self.intent)


_DASHED_YEARS = re.compile(r"(?<!\d)(\d{4})\s{0,3}[-–—]\s{0,3}(\d{4})(?!\d)")
MAX_SPAN_YEARS = 50


def year_span(text: str, raw_words: list[str], lx: Lexicon) -> tuple[int, int] | None:
    """(first, last) of a range of years the question names: «с 2015 по 2017», «2015–2017»; else None."""
    found: tuple[int, int] | None = None
    dashed = _DASHED_YEARS.search(normalize(text[:MAX_QUERY_CHARS]))  # «2024–26» as «2024-2026»
    if dashed:
        found = (int(dashed.group(1)), int(dashed.group(2)))
    for i in range(len(raw_words) - 3):
        a, y1, b, y2 = raw_words[i:i + 4]
        if a in lx.span_openers and b in lx.span_closers and y1.isdigit() and y2.isdigit():
            found = (int(y1), int(y2))
            break
    if found is None:
        return None
    first, last = sorted(found)
    if not (first >= MIN_YEAR and last <= MAX_YEAR and last - first <= MAX_SPAN_YEARS):
        return None
    return first, last


_DASHED_WORDS = re.compile(r"\b([^\W\d_]+)\s{0,3}[-–—]\s{0,3}([^\W\d_]+)")  # from a word's start: linear


def month_span(text: str, raw_words: list[str], lx: Lexicon, analyse: Analyser) -> set[int]:
    """The months of a range the question names: «с января по июнь», «январь–июнь», "from March to May"."""
    def month(word: str) -> int:
        return next((lx.months[lemma] for lemma in analyse(word.lower()).lemmas if lemma in lx.months), 0)

    pairs = [(m.group(1), m.group(2)) for m in _DASHED_WORDS.finditer(text[:MAX_QUERY_CHARS])]
    pairs += [(raw_words[i + 1], raw_words[i + 3]) for i in range(len(raw_words) - 3)
              if raw_words[i] in lx.span_openers and raw_words[i + 2] in lx.span_closers]
    for first, last in pairs:
        start, end = month(first), month(last)
        if start and end and start < end:
            return set(range(start, end + 1))
    return set()


def _degree(raw_words: list[str], lx: Lexicon, analyse: Analyser) -> tuple[int, str, bool, bool, bool]:
    """(n-th, extreme, most frequent, future, asks whether it happened) from the question's words."""
    nth, extreme, frequent, future, past, asks = 0, "", False, False, False, False
    infos = [analyse(w) for w in raw_words[:MAX_WORDS]]
    for i, info in enumerate(infos):
        lemma = info.forms[0]
        following = infos[i + 1].lemmas if i + 1 < len(infos) else ()
        if lemma in lx.ordinal_numbers:  # «вторая встреча», «пятая по счёту поездка»
            ahead = infos[i + 1:i + 4]
            reach = next((k for k, nxt in enumerate(ahead) if set(nxt.lemmas) & lx.event_nouns), None)
            if reach is not None and all(nxt.function or nxt.word in lx.count_fillers for nxt in ahead[:reach]):
                nth = lx.ordinal_numbers[lemma]
        if lemma in lx.superlative_prefix and following:
            after = infos[i + 1].forms[0]
            extreme = "max" if after in lx.large_words else "min" if after in lx.small_words else extreme
        surface = {lemma, info.word}  # "largest" is a surface form: its lemma is "large"
        extreme = "max" if surface & lx.largest_forms else "min" if surface & lx.smallest_forms else extreme
        asked = i > 0 and info.word in lx.question_pairs.get(infos[i - 1].word, {})  # "how often": how many times
        if info.word in lx.frequent_words and not asked:  # «чаще всего», «больше всего»: the most of something
            frequent = True
            extreme = extreme or ("max" if info.word == "наибольше" else "")
        elif info.word == "наименьше":
            extreme = "min"
        if info.tense == "futr":
            future = True
        elif info.tense == "past":
            past = True
        if info.word in lx.yes_no_words:
            asks = True
    return nth, extreme, frequent, future, asks and past and not future


Analyser = Callable[[str], WordInfo]


def _words(text: str, lx: Lexicon) -> list[str]:
    """The question's words: normalised, the language's filler phrases dropped, its shorthand spelt out."""
    found = lx.without_indefinites(words(text, max_chars=MAX_QUERY_CHARS))
    if lx.filler_phrases:
        found = lx.drop_filler_phrases(" ".join(found)).split()
    if lx.phrase_rewrites:
        found = lx.rewrite_phrases(" ".join(found)).split()
    if lx.rewrites:
        found = [part for word in found for part in lx.rewrites.get(word, word).split()]
    return found


def _without_announced_exception(text: str, lx: Lexicon, analyse: Analyser) -> str:
    """The question without a clause leaving out announced events («, не считая намеченных на 5 мая
    переговоров»): nothing counts or lists them as held anyway, and the clause's date and nouns are not what is
    asked. The clause runs from the word of exception to the next punctuation mark."""
    openers = lx.except_words | lx.except_phrases
    if not openers or not (lx.planned_words or lx.upcoming_words):
        return text
    pattern = _exception_pattern(tuple(sorted(openers, key=len, reverse=True)))

    def drop(match: re.Match[str]) -> str:
        if len(words(text[:match.start()], max_chars=MAX_QUERY_CHARS)) < 2:
            return match.group(0)  # the clause opens the question: where it ends is not known
        said = words(match.group(2), max_chars=MAX_QUERY_CHARS)
        announced = any(w in lx.planned_words or set(analyse(w).lemmas) & (lx.planned_words | lx.upcoming_words)
                        for w in said)
        return " " if announced else match.group(0)
    return pattern.sub(drop, text)


@functools.lru_cache(maxsize=8)
def _exception_pattern(openers: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(r"\s+".join(map(re.escape, opener.split())) for opener in openers)
    return re.compile(rf"(?i)(?<!\w)({alternatives})(?!\w)([^,.;:!?()]*)")


def _question_pairs(raw_words: list[str], lx: Lexicon) -> dict[int, str]:
    """Positions of two-word question words («how many» → figure), by the position of the first."""
    found: dict[int, str] = {}
    for i, (first, second) in enumerate(itertools.pairwise(raw_words)):
        kind = lx.question_pairs.get(first, {}).get(second)
        if kind:
            found[i] = kind
    return found


VERB_ENDINGS = ("ть", "ться", "ти", "тись", "чь", "чься")  # Russian infinitives: a verb reading of a word


def split_relative(text: str, lx: Lexicon, analyse: Analyser, *, names: Container[str] = frozenset()
                   ) -> tuple[str, str, str] | None:
    """«какой визит прошёл перед саммитом ШОС» → ("какой визит прошёл", "before", "саммитом шос"):
    what is asked, and the event it is placed against — the words after the relative word up to a verb
    («после саммита подписали …»: the event is «саммита»). None when a number follows (a period:
    «после 2022 года») or nothing does. ``names``: lemmas that start a name («Сочи» is no verb «сочить»)."""
    raw = words(text)[:MAX_WORDS]
    for at, word in enumerate(raw):
        direction = lx.event_relatives.get(word)
        if direction is None:
            continue
        first = at + 1
        if word == "prior" and raw[first:first + 1] == ["to"]:
            first += 1
        last = first
        while last < len(raw) and not raw[last][0].isdigit():
            info = analyse(raw[last])
            verb = info.pos in ("VERB", "INFN", "GRND") or (  # «вели»: a noun in the dictionary, a verb here
                lx.code == "ru" and any(form.endswith(VERB_ENDINGS) for form in info.forms)
                and not any(form in names for form in info.forms))
            if verb or raw[last] in lx.question_words or raw[last] in lx.event_relatives:
                break
            last += 1
        if last == first:  # nothing, a year or a verb right after it: no event named
            continue
        return " ".join(raw[:at] + raw[last:]), direction, " ".join(raw[first:last])
    return None


def _year_fractions(raw_words: list[str], lx: Lexicon, analyse: Analyser) -> dict[int, tuple[int, ...]]:
    """«первое полугодие», «третий квартал», "second half": position of each of the two words → its months."""
    found: dict[int, tuple[int, ...]] = {}
    for at in range(len(raw_words) - 1):
        number = lx.fraction_ordinals.get(analyse(raw_words[at]).forms[0])
        size = lx.year_fractions.get(analyse(raw_words[at + 1]).forms[0]) if number else None
        if number and size and number * size <= 12:
            months = tuple(range((number - 1) * size + 1, number * size + 1))
            found[at] = found[at + 1] = months
    return found


def _day_of_occasion(raw_words: list[str], lx: Lexicon, analyse: Analyser) -> tuple[int, set[int]] | None:
    """«в пятый день поездки Иванова», "on day five of the trip": (n, the positions of the ordinal and «день»),
    when an occasion (a meeting, a visit) is named within three words after."""
    days = {lemma for word in lx.day_of_words for lemma in analyse(word).lemmas}
    for at in range(len(raw_words) - 2):
        number = lx.fraction_ordinals.get(analyse(raw_words[at]).forms[0])
        if not number or not days & set(analyse(raw_words[at + 1]).lemmas):
            continue
        if any(set(analyse(word).lemmas) & lx.event_nouns for word in raw_words[at + 2:at + 5]):
            return number, {at, at + 1}
    return None


def _beside_number(raw_words: list[str], at: int) -> bool:
    return any(0 <= i < len(raw_words) and raw_words[i][:1].isdigit() for i in (at - 1, at + 1))


_QUESTION_LEMMAS = frozenset(QUESTION_WORDS)
JOIN_MAX = 4  # letters of a first part typed apart from the rest («меж правительственное», «гос программа»)


def _joined(raw_words: list[str], index: Index) -> list[str]:
    """A short first part typed apart from its word («меж правительственное») joined again, when only the whole
    is a word of the base."""
    out: list[str] = []
    for word in raw_words:
        if out and len(out[-1]) <= JOIN_MAX and out[-1].isalpha() and word.isalpha() \
                and out[-1] + word in index.vocabulary and word not in index.vocabulary:
            out[-1] += word
        else:
            out.append(word)
    return out


def correct_word(word: str, index: Index, *, score_cutoff: float | None = None) -> str | None:
    """The closest word of the base's vocabulary to a misspelt one, or None."""
    size = len(word)
    if size < 5 or not word.isalpha():
        return None
    cutoff = score_cutoff if score_cutoff is not None else 80.0
    best: tuple[str, float] | None = None
    for length in range(size - 2, size + 3):
        choices = index.vocabulary_by_length.get(length)
        if not choices:
            continue
        found = process.extractOne(word, choices, scorer=fuzz.ratio, score_cutoff=cutoff)
        if found is not None and (best is None or found[1] > best[1]):
            best = (found[0], found[1])
    return best[0] if best else None


def by_sound(word: str, index: Index) -> str | None:
    """The base's word that sounds like this one (``sound_key``), when all that do are forms of one word."""
    found = index.by_sound.get(sound_key(word), ())
    if len(found) > 1:
        analyse = reader(index)
        if not set.intersection(*(set(analyse(form).lemmas) for form in found)):
            return None  # «прошла», «прошло» are one verb; two words that sound alike are no typo to settle
    return found[0] if found else None


def _same_root(word: str, other: str) -> bool:
    """Two words that start alike for five letters are forms or derivatives of one root («русски», «русские»)."""
    return len(word) >= 5 and len(other) >= 5 and word[:5] == other[:5]


def _in_base(info: WordInfo, index: Index) -> bool:
    return info.word in index.vocabulary or any(lemma in index.postings for lemma in info.lemmas)


def _unprefixed(word: str, fixed: str | None) -> str | None:
    """A correction, unless it only puts letters before the word or takes them away: «formal» is no misspelt
    «informal», nor «abroad» «road» — a prefix added or dropped makes another word, often the opposite (a
    letter typed twice, «ввизит», is still a typo)."""
    if fixed is None or abs(len(fixed) - len(word)) < 2:
        return fixed
    return None if fixed.endswith(word) or word.endswith(fixed) else fixed


def resolve_word(word: str, index: Index) -> list[WordInfo]:
    """Analyse a word; split an unknown compound or correct a typo when the base does not know it."""
    lx, analyse = lexicon_for(index.lang), reader(index)
    info = analyse(word)
    if _in_base(info, index) or word in lx.question_words:
        return [info]
    for prefix, expansion in lx.compound_prefixes.items():
        rest = word[len(prefix):]
        if word.startswith(prefix) and len(rest) >= 4:
            tail = analyse(rest)
            if _in_base(tail, index):
                return [analyse(expansion), tail]
    # a misspelling can be a real word too («путна»): then only a very close base word replaces it
    cutoff = KNOWN_WORD_CUTOFF if info.known else None
    fixed = _unprefixed(word, correct_word(word, index, score_cutoff=cutoff))
    if fixed is None and not info.known:  # «сервесные» → сервесный ≈ сервисный
        fixed = next((f for f in (_unprefixed(lm, correct_word(lm, index, score_cutoff=85.0))
                                  for lm in info.lemmas) if f), None)
    if fixed is None and not info.known:  # «тавароабарот»: spelt as it is said
        fixed = by_sound(word, index)
    if fixed is None and not info.known and index.lang == "ru":  # «в каком гораде»: a word the base never
        fixed = dictionary_spelling(word)  # uses, misspelt, is that word, not an unknown name
    if fixed is None and not info.known and index.lang == "ru" and len(word) < SPELLING_MIN \
            and (asked := slip_to(word, _QUESTION_LEMMAS)) is not None:
        return [analyse(asked)]  # «на каом заводе»: a question word, mistyped
    corrected = analyse(fixed) if fixed else None
    if corrected is not None and corrected.function and not info.function:
        return [info]  # «tehran» is no misspelt «than»: a word of substance never becomes a function word
    if corrected is not None and info.known and not info.proper and not corrected.proper \
            and not _same_root(info.word, corrected.word) \
            and not any(lemma in index.aliases for lemma in corrected.lemmas):
        return [info]  # «контракт» is no misspelt «контакт»: a dictionary word becomes its own root's or a name
    return [corrected] if corrected is not None else [info]


def _match_entities(infos: list[WordInfo], index: Index) -> list[tuple[int, int, str]]:
    """Longest alias match at each position: (start, length, entity id)."""
    found: list[tuple[int, int, str]] = []
    i = 0
    while i < len(infos):
        best_len, best_entity = 0, ""
        for lemma in infos[i].lemmas:
            for alias in index.aliases.get(lemma, ()):
                n = len(alias.tokens)
                if n <= best_len or i + n > len(infos):
                    continue
                head = next((infos[i + k] for k in range(n) if infos[i + k].pos == "NOUN"), None)
                if n > 1 and index.base.entities[alias.entity].kind == "person" and head is not None \
                        and head.plural and not head.proper:
                    continue  # «президентов Франции и Италии»: a role held by several, not the one person
                if all(alias.tokens[k].intersection(infos[i + k].lemmas) for k in range(n)):
                    best_len, best_entity = n, alias.entity
        if best_len:
            found.append((i, best_len, best_entity))
            i += best_len
        else:
            i += 1
    return found


@dataclass
class _Scan:
    """What reading a question's words one by one collects (the first phase of ``parse_query``)."""

    lx: Lexicon
    infos: list[WordInfo] = field(default_factory=list)  # the meaningful words, in order
    after_in: list[bool] = field(default_factory=list)  # each after «в» (or a verb of visiting)
    before: list[str] = field(default_factory=list)  # the word before each meaningful word
    before_that: list[str] = field(default_factory=list)  # ... and the one before it
    negated: list[bool] = field(default_factory=list)  # «не в России»: the place is ruled out, not asked for
    about: list[bool] = field(default_factory=list)  # the noun «о» / "about" governs: what a thing is about
    topic_open: bool = False  # after «о», through the adjectives, until its noun
    years: set[int] = field(default_factory=set)
    months: set[int] = field(default_factory=set)
    days: set[tuple[int, int]] = field(default_factory=set)
    numbers: set[str] = field(default_factory=set)
    year_parts: set[int] = field(default_factory=set)
    outcome: list[str] = field(default_factory=list)
    results_of: str = ""  # «по итогам» just read: an event after it is an outcome asked, a period is not
    talk: set[str] = field(default_factory=set)
    answer_type: str = ""
    ordinal: str = ""
    becomes: str = ""
    pending_number: str | None = None
    previous: str = ""
    earlier: str = ""
    trend: bool = False
    comparison: bool = False
    wants_day: bool = False
    wants_money: bool = False
    list_intent: bool = False
    count_intent: bool = False
    overview: bool = False
    addressed: bool = False
    upcoming: bool = False
    which: bool = False
    visit_before: bool = False  # the word before was a verb of visiting («посетил Азербайджан»)
    visiting: bool = False
    becoming_at: int = -1  # where a verb of becoming stood: its complement follows («стал президентом»)
    later_than: int = 0
    earlier_than: int = 0
    month_bound: tuple[str, int, str] | None = None  # «после апреля»: ("after" / "before", the month, its word)
    counted_from: int = -1
    figure_questions: int = 0
    other_words: int = 0
    asked_at: int = -1  # the meaningful word before which the asked kind was set
    after_noun: bool = False  # the word that set it came right after a noun (a relative «где»)
    excepts: int = 0  # «кроме», «помимо» said before no place
    others: bool = False  # «кто, кроме Иванова»: the others are asked
    content_verb: bool = False  # «что обсуждали», «о чём говорили», "what did they discuss": what was said
    possessive: bool = False  # the word read now is followed by "'s": "in Paris's economy" is no place
    lasting: bool = False  # a verb of lasting («длился», "last"): with «сколько», a duration is asked
    status_verb: bool = False  # «является», «приходится», «считает»: with «кем», a status may be asked
    status_asked: bool = False  # ... and is: a fact stating one answers
    day_of: int = 0  # «в пятый день поездки»: which day of the occasion
    number_at: int = -1  # where «число» was read (the count of meaningful words before it)
    what_seen: bool = False  # «что» / "what" asked

    def ask(self, kind: str) -> None:
        """A kind of answer asked for; a more specific one replaces «что», and «сколько» a «где» or «когда»
        right after a noun, which opened a clause about it («школ, где учат по-русски, сколько»)."""
        relative = self.after_noun and self.answer_type in ("place", "date") and kind == "figure"
        if not self.answer_type or self.answer_type == "what" or relative:
            self.answer_type = kind
            self.asked_at = len(self.infos)
            last = self.infos[-1] if self.infos else None  # «школ где», «школ во Франции где»; not «Иванов где»
            self.after_noun = last is not None and last.pos == "NOUN" and self.previous == last.word and (
                not last.proper or self.after_in[-1])

    def number(self, word: str) -> None:
        if self.pending_number is not None:
            self.numbers.add(self.pending_number)
        if len(word) == 4 and word.isdigit() and MIN_YEAR <= int(word) <= MAX_YEAR:
            self.years.add(int(word))
            if self.lx.event_relatives.get(self.previous) == "after":
                self.later_than = int(word)  # «после 2022 года»: the years after it
            elif self.previous in self.lx.before_year:
                self.earlier_than = int(word)  # «до 2010 года»: the years before it
            self.pending_number = None
        else:
            self.pending_number = word

    def keep(self, info: WordInfo) -> None:
        lx, previous = self.lx, self.previous
        self.infos.append(info)
        framed = (self.earlier, previous) in lx.place_frames or (  # «на территории России», "the territory of"
            previous == "of" and any(self.earlier == noun for _, noun in lx.place_frames))
        self.after_in.append((previous in lx.place_prepositions or self.visit_before or framed)
                             and not self.possessive)
        self.before.append(previous)
        self.before_that.append(self.earlier)
        self.about.append(self.topic_open and info.pos == "NOUN")
        self.negated.append((previous in lx.place_prepositions and self.earlier in lx.negations)
                            or previous in lx.outside_words or previous in lx.except_words
                            or (previous == "of" and self.earlier in lx.outside_words))


def _scan(raw_words: list[str], index: Index, lx: Lexicon, analyse: Analyser) -> _Scan:
    scan = _Scan(lx)
    pairs = _question_pairs(raw_words, lx)
    fractions = _year_fractions(raw_words, lx, analyse)
    for at, word in enumerate(raw_words):
        scan.possessive = lx.code == "en" and raw_words[at + 1:at + 2] == ["s"]
        if not _read_form(scan, raw_words, at, pairs, fractions):
            scan.visit_before, scan.visiting = scan.visiting, False
            if not scan.visit_before and _before_visit(raw_words, at, lx, analyse):
                scan.visit_before = True  # «Париж посетили 300 тысяч туристов»: the place before the verb
            for info in resolve_word(word, index):
                _read_word(scan, info, at)
            if scan.visit_before and not scan.visiting and _between_visit_and_place(analyse(word)):
                scan.visiting = True  # «посещал ли Иванов Париж»: the visitor named between, the place after
        scan.earlier, scan.previous = scan.previous, word
        scan.topic_open = word in lx.topic_prepositions or (
            scan.topic_open and (word.isdigit() or analyse(word).pos in ("ADJF", "PRTF", "NUMR")))
        if len(scan.infos) >= MAX_WORDS:
            break
    if scan.pending_number is not None:
        scan.numbers.add(scan.pending_number)
    return scan


def _read_form(scan: _Scan, raw_words: list[str], at: int, pairs: dict[int, str],
               fractions: dict[int, tuple[int, ...]]) -> bool:
    """A word read by its surface form alone (a number, a two-word question word); False for the others."""
    lx, word = scan.lx, raw_words[at]
    if at in fractions:  # «в первом полугодии», "first quarter": months, not an ordinal and a noun
        scan.months.update(fractions[at])
    elif at - 1 in pairs:  # the second word of «how many»: already read with the first
        pass
    elif at in pairs:
        if pairs[at] == "figure":
            scan.counted_from = len(scan.infos)
            scan.figure_questions += 1
        elif pairs[at] == "count":  # "how often": how many times, counted as «сколько раз» is
            scan.count_intent = scan.list_intent = True
        scan.what_seen = scan.what_seen or pairs[at] == "what"
        scan.ask(pairs[at])
    elif word in lx.count_fillers and at > 0 and raw_words[at - 1] in lx.count_fillers:
        pass  # «третья по счёту»: how it is counted, not what
    elif at > 0 and (raw_words[at - 1], word) in lx.place_frames:
        pass  # «на территории России»: where, said with a noun for it
    elif (word, raw_words[at + 1] if at + 1 < len(raw_words) else "") in lx.one_of:
        pass  # «один из крупнейших»: a member of a group, no word a fact must hold
    elif word in lx.request_forms and word in lx.name_words and (at == 0 or raw_words[at - 1] in lx.fillers):
        pass  # "name the firms …" asks for them, not for a name
    elif word in lx.else_words and at > 0 and lx.question_words.get(raw_words[at - 1]) == "person":
        scan.others = True  # «кто ещё был»: someone besides those the question or the base is about
    elif word in lx.superlative_prefix and raw_words[at + 1:at + 2] and raw_words[at + 1] in lx.frequent_words:
        pass  # "most often": the most frequent, read with "often"
    elif word in lx.number_modifiers and any(w[:1].isdigit() for w in raw_words[at + 1:at + 3]):
        pass  # «всего около 70 тысяч», "only 70": how much the number is, no list of all
    elif word in lx.ambiguous_months and not _beside_number(raw_words, at):
        pass  # «may» is a month only beside a day or a year
    elif len(word) == 1 and not word.isdigit():
        pass
    elif word[0].isdigit():
        scan.number(word)
    else:
        return False
    return True


def _between_visit_and_place(info: WordInfo) -> bool:
    """A particle («ли») or the visitor's name may stand between a verb of visiting and the place visited."""
    return ((info.function and info.word in ("ли", "же", "то"))
            or (info.proper and info.case == "nomn" and info.pos == "NOUN"))


def _before_visit(raw_words: list[str], at: int, lx: Lexicon, analyse: Analyser) -> bool:
    """A name plainly in the accusative right before a verb of visiting is the place visited («Францию посетили»;
    «Париж посетил» may be said of Paris as the visitor)."""
    if at + 1 >= len(raw_words) or not lx.visit_verbs.intersection(analyse(raw_words[at + 1]).forms):
        return False
    info = analyse(raw_words[at])
    return info.proper and info.case == "accs"


def _read_word(scan: _Scan, info: WordInfo, at: int) -> None:
    lx, lemma = scan.lx, info.lemmas[0]
    if lx.visit_verbs.intersection(info.forms):
        scan.visiting = True
    if lx.status_verbs.intersection(info.forms[:1]):
        scan.status_verb = True
    if lx.duration_verbs.intersection(info.forms[:1]) and info.pos in ("VERB", "INFN"):
        scan.lasting = True  # «сколько длился визит»: how many days
    if scan.what_seen and lx.content_verbs.intersection(info.forms[:1]) and info.word not in lx.request_forms:
        scan.content_verb = True  # «что обсуждали»: after «что»; not «верно ли сказать, что …», «скажи, …»
    if lx.becoming_verbs.intersection(info.forms):
        scan.becoming_at = at
    if scan.pending_number is not None:
        pending = scan.pending_number
        if lemma in lx.months and pending.isdigit() and 1 <= int(pending) <= 31:
            scan.days.add((lx.months[lemma], int(pending)))
        else:
            scan.numbers.add(pending)
        scan.pending_number = None
    if scan.results_of and info.pos not in ("ADJF", "PRTF"):  # «по итогам (долгих) переговоров»: what the
        # talks concluded; «по итогам года»: the year's figure
        if set(info.forms) & lx.event_nouns or set(info.lemmas) & lx.event_nouns:
            scan.outcome.append(scan.results_of)
        scan.results_of = ""
    if lemma in lx.results_of.get(scan.previous, ()):
        scan.results_of = lemma
        return  # not a word a fact must hold
    if info.forms and (set(info.forms) & lx.outcome_words or (
            set(info.forms) & lx.outcome_verbs and info.pos == "VERB")):
        scan.outcome.append(lemma)
    if info.word in lx.second_person or lemma in lx.second_person:
        scan.addressed = True
    if _read_marker(scan, info) or _read_question_word(scan, info):
        return
    _read_talk(scan, info)
    if _read_period_or_intent(scan, info) or info.function:
        return
    if not scan.becomes and info.pos == "NOUN" and not info.inanimate and scan.becoming_at >= 0 \
            and at - scan.becoming_at <= 3:  # «стал премьером», not «стал местом встреч»: a role is a being's
        scan.becomes = lemma
    scan.keep(info)


def _read_marker(scan: _Scan, info: WordInfo) -> bool:
    """Money, trends, latest/earliest, upcoming, comparisons: how to answer, not words to find."""
    lx, lemma = scan.lx, info.lemmas[0]
    if lemma in lx.money_words:
        scan.wants_money = True
    elif lemma in lx.trend_words or (lemma == "рост" and info.pos == "VERB"):  # «как рос»
        scan.trend = True
    elif lemma in lx.latest_words:
        scan.ordinal = "latest"
    elif lemma in lx.upcoming_words:
        scan.upcoming = True
    elif lemma in lx.earliest_words or info.word in lx.earliest_words:
        scan.ordinal = "earliest"
    else:
        if info.word in lx.except_words:
            scan.excepts += 1  # a comparison, unless a place follows (read with the names)
        elif lemma in lx.comparison_words or info.word in RANKING_MARKERS:
            scan.comparison = True
        return info.word in RANKING_MARKERS or info.word in lx.frequent_words  # "often": how to answer
    return True


def _read_question_word(scan: _Scan, info: WordInfo) -> bool:
    lx, lemma = scan.lx, info.lemmas[0]
    kind = lx.question_words.get(info.word) or lx.question_words.get(lemma)
    if not kind:
        return False
    if kind == "figure":
        scan.counted_from = len(scan.infos)  # the counted noun follows «сколько»
        scan.figure_questions += 1
    scan.ask(kind)
    scan.what_seen = scan.what_seen or (kind == "what" and (lemma not in lx.which_words or lemma == "what"))
    if lemma in lx.which_words:
        scan.which = True  # «в каком году» asks for the year; «что было в 2023 году» does not
        if info.plural:
            scan.list_intent = True
    return True


def _read_talk(scan: _Scan, info: WordInfo) -> None:
    """Small talk, and how many words are about something else."""
    lx, lemma = scan.lx, info.lemmas[0]
    if info.word in lx.overview_words or lemma in lx.overview_words:
        scan.overview = True
    if lemma in lx.greetings:
        scan.talk.add("greeting")
    elif lemma in lx.thanks or info.word in lx.thanks:
        scan.talk.add("thanks")
    elif lemma in lx.farewells or info.word in lx.farewells:
        scan.talk.add("bye")
    elif lemma in lx.smalltalk or info.word in lx.smalltalk:
        scan.talk.add("chat")
    elif not (info.function or lemma in lx.fillers or info.word in lx.request_forms or lemma in lx.overview_words
              or lemma in lx.intensifiers):
        scan.other_words += 1


def _read_period_or_intent(scan: _Scan, info: WordInfo) -> bool:
    """Months, seasons, parts of a year, and words that say a list, a day, a name or a count is asked."""
    lx, lemma = scan.lx, info.lemmas[0]
    if lemma in lx.months:
        scan.months.add(lx.months[lemma])
        relation = lx.event_relatives.get(scan.previous) or ("before" if scan.previous in lx.before_year else "")
        if relation:
            scan.month_bound = (relation, lx.months[lemma], info.word)  # «после апреля 2024 года»
    elif lemma in lx.year_parts:
        scan.year_parts.update(lx.year_parts[lemma])
    elif info.word in lx.number_of:
        asked = scan.answer_type
        scan.ask("figure")  # «какое число граждан», «число вузов»: how many
        scan.number_at = len(scan.infos)  # ... unless nothing follows to count («встреча в Париже — какое число?»)
        if scan.answer_type == "figure" and asked != "figure" and scan.previous not in lx.place_prepositions:
            scan.counted_from = len(scan.infos)  # the counted noun follows, as after «сколько» (not «в число»)
            scan.figure_questions += 1
    elif lemma in lx.figure_words and not info.proper:  # «цифры», «много ли», not a name
        if scan.previous not in lx.source_prepositions:  # «по данным ведомства»: whose word it is, not a figure
            scan.ask("figure")
    elif info.word in lx.seasons or lemma in lx.seasons:
        scan.months.update(lx.seasons.get(info.word) or lx.seasons[lemma])
    elif lemma in lx.list_words or info.word in lx.list_words:
        scan.list_intent = True
    elif lemma in lx.day_words and scan.answer_type in ("", "what", "date"):
        scan.wants_day = True
        scan.answer_type = "date"
    elif lemma in lx.name_words and not (lemma in lx.mention_verbs and scan.previous in BE_FORMS):
        scan.answer_type = "name"  # not "which firms are named": mentioned
    elif lemma in lx.count_words and scan.answer_type == "figure":
        scan.count_intent = scan.list_intent = True
        scan.answer_type = "count"
    else:
        return False
    return True


@dataclass
class _Named:
    """The entities a question names, by the part they play (the second phase of ``parse_query``)."""

    entities: set[str] = field(default_factory=set)
    soft: set[str] = field(default_factory=set)
    about_refs: set[str] = field(default_factory=set)
    about_qualifiers: set[str] = field(default_factory=set)
    place_refs: set[str] = field(default_factory=set)
    stand_ins: list[tuple[str, str]] = field(default_factory=list)
    order: list[str] = field(default_factory=list)
    excluded: set[str] = field(default_factory=set)
    owners: list[str | None] = field(default_factory=list)  # the entity each meaningful word names


def _read_names(scan: _Scan, index: Index) -> _Named:
    lx, infos = scan.lx, scan.infos
    named = _Named(owners=[None] * len(infos))
    for start, length, ref in _match_entities(infos, index):
        for k in range(start, start + length):
            named.owners[k] = ref
        entity = index.base.entities[ref]
        if entity.kind in ("place", "country") and scan.negated[start]:
            named.excluded.add(ref)
            scan.excepts -= scan.before[start] in lx.except_words  # «кроме Франции»: the place is left out
            continue
        before = scan.before[start]
        if entity.kind == "person" and before and _part_of_name(before, entity):
            before = scan.before_that[start]  # «до Ивана Петрова», the name matched by «Петрова» alone
        if entity.kind == "person" and before in lx.relative_prepositions:
            scan.comparison = True  # «кто был премьером до Асадова»
        if entity.kind == "person" and before in lx.except_words and scan.answer_type == "person":
            scan.excepts -= 1  # «кто, кроме Иванова, участвовал»: the others of the same occasion
            scan.others = True
        demonym = index.lang == "en" and length == 1 and infos[start].word.endswith(("ian", "ani", "ese", "ish"))
        within = start > 0 and infos[start].case == "gent" and bool(
            lx.place_words.intersection(infos[start - 1].lemmas)) and scan.before[start] == infos[start - 1].word
        if entity.kind in ("place", "country") and (scan.after_in[start] or within) and not demonym:
            named.place_refs.add(ref)  # «в Париже», «города Франции»; "in Russian" is no place
        elif entity.stands_for and infos[start].case not in ("accs", "loct"):
            named.stand_ins.append((ref, entity.stands_for))
        if ref not in named.order:
            named.order.append(ref)
        if ref in index.about:
            named.about_refs.add(ref)
            if (length == 1 and infos[start].pos == "ADJF") or scan.before[start] in lx.origin_prepositions:
                named.about_qualifiers.add(ref)  # «французские студенты», «студенты из Франции»: whose they are
            continue
        (named.entities if entity.kind in HARD_KINDS else named.soft).add(ref)
    return named


def _part_of_name(word: str, entity: Entity) -> bool:
    """A word of one of the person's names, in any case form («Ивана» of «Иван Петров»; «Али» as it is)."""
    return any(word == part or (len(word) >= 4 and word[:4] == part[:4])
               for name in (entity.name, *entity.aliases, entity.name_en, *entity.aliases_en) for part in words(name))


def _read_both_sides(scan: _Scan, named: _Named, index: Index) -> None:
    """«двух стран», "both sides": the countries the source is about, named together."""
    infos = scan.infos
    for at in range(len(infos) - 1):
        if named.owners[at] is None and (infos[at].word, infos[at + 1].word) in scan.lx.both_sides and index.about:
            named.owners[at] = named.owners[at + 1] = min(index.about)
            named.about_refs.update(index.about)


def _read_role_groups(scan: _Scan, named: _Named, index: Index) -> None:
    """«президенты», «министры иностранных дел обеих стран», "the foreign ministers": a role named in the plural
    names the people who hold it in the countries asked about (the base's own subjects when none is named),
    when two or more do; the role's words are then read as those people, not as words to find."""
    if scan.answer_type in ("person", "name"):
        return  # «кто президенты …» asks who holds it: the role reading's question
    people, infos = index.base.entities, scan.infos
    countries = {ref for ref in named.about_refs | named.entities if people[ref].kind == "country"} or index.about
    for position, info in enumerate(infos):
        if not _free_for_role(named, position, index) or info.pos != "NOUN" or not (
                info.plural or (index.lang == "ru" and may_be_plural_noun(info.word))):
            continue
        heads, said = _role_head(scan, position)
        following = named.owners[position + said] if position + said < len(infos) else None
        if following is not None and index.roles.get(following) and set(index.roles[following][0]) & heads:
            continue  # «премьер Иванов»: a title before the name of one who holds it, not the role's holders
        holders = [ref for ref, words in index.roles.items()  # by the role's head: «министр», not «дел»
                   if words and set(words[0]) & heads and people[ref].country in countries]
        pool = {lemma for ref in holders for lemmas in index.roles[ref] for lemma in lemmas}
        start, end = position, position + said  # the role's words around its head: «иностранных дел», "foreign"
        while start > 0 and _free_for_role(named, start - 1, index) and pool & set(infos[start - 1].lemmas):
            start -= 1
        while end < len(infos) and _free_for_role(named, end, index) and pool & set(infos[end].lemmas):
            end += 1
        if _of_an_organisation(scan, named, end, index):
            continue  # «лидеры СНГ», "leaders of the CIS": its members' leaders, not the base's own two
        span = [set(infos[at].lemmas) for at in range(start, end) if not position <= at < position + said]
        holders = sorted(ref for ref in holders  # only those whose role has every word said
                         if all(words & {lm for lemmas in index.roles[ref] for lm in lemmas} for words in span))
        if _one_a_country(holders, index):  # not «министры» of energy and of foreign affairs together
            _name_holders(named, range(start, end), holders)
    _read_role_terms(scan, named, index, countries)


def _of_an_organisation(scan: _Scan, named: _Named, at: int, index: Index) -> bool:
    """An organisation is named right after a role («лидеров стран СНГ», "heads of state of the SCO"), past
    function words and words for a country."""
    infos = scan.infos
    while at < len(infos) and named.owners[at] is None and (
            infos[at].function or scan.lx.place_words & set(infos[at].lemmas)):
        at += 1
    owner = named.owners[at] if at < len(infos) else None
    return owner is not None and index.base.entities[owner].kind == "organisation"


def _read_role_terms(scan: _Scan, named: _Named, index: Index, countries: Collection[str]) -> None:
    """«главы МИД», "foreign ministers": a term of the base named in the plural, one of whose names spells out
    a role («министры иностранных дел»), names the people holding that role, as a plural role does."""
    people, infos, russian = index.base.entities, scan.infos, index.lang == "ru"
    for term in sorted(named.soft):
        positions = [at for at, owner in enumerate(named.owners) if owner == term]
        plural = [at for at in positions if infos[at].pos == "NOUN" and (
            infos[at].plural or (russian and may_be_plural_noun(infos[at].word, person=True)))]
        if people[term].kind != "term" or term in index.about or not plural:
            continue
        spelt = [alias.tokens for aliases in index.aliases.values() for alias in aliases if alias.entity == term]
        holders = sorted(ref for ref, words in index.roles.items() if people[ref].country in countries and any(
            tokens and all(token & {lm for lemmas in words for lm in lemmas} for token in tokens) for tokens in spelt))
        heads = {lemma for ref in holders for lemmas in index.roles[ref][:1] for lemma in lemmas}
        people_named = any(heads & set(infos[at].lemmas)  # «главы», "ministers"; not «министерства», "ministries"
                           or (russian and may_be_plural_noun(infos[at].word, person=True)) for at in plural)
        if people_named and _one_a_country(holders, index):
            _name_holders(named, positions, holders)


def _one_a_country(holders: Sequence[str], index: Index) -> bool:
    """Two or more people, each of another country: a role's holders named together («президенты»)."""
    return len(holders) >= 2 and len({index.base.entities[ref].country for ref in holders}) == len(holders)


def _name_holders(named: _Named, positions: Iterable[int], holders: Sequence[str]) -> None:
    """The words at ``positions`` now name ``holders``; a term they were read as before is gone."""
    positions = list(positions)
    replaced = {owner for at in positions if (owner := named.owners[at]) is not None}
    for at in positions:
        named.owners[at] = holders[0]
    for owner in replaced - set(named.owners):
        named.soft.discard(owner)
        named.order.remove(owner)
    named.entities.update(holders)
    named.order.extend(ref for ref in holders if ref not in named.order)


def _role_head(scan: _Scan, position: int) -> tuple[set[str], int]:
    """The lemmas a role's first word may have at ``position`` and how many words name it: «министры» (1),
    «лидеры» as «президент» (1), «главы государств» as «президент» (2)."""
    infos, names = scan.infos, scan.lx.role_names
    lemmas = set(infos[position].lemmas)
    if position + 1 < len(infos):
        for first in infos[position].lemmas:
            for second in infos[position + 1].lemmas:
                if (first, second) in names:
                    return lemmas | {names[first, second]}, 2
    return lemmas | {names[(lemma,)] for lemma in infos[position].lemmas if (lemma,) in names}, 1


def _free_for_role(named: _Named, position: int, index: Index) -> bool:
    """No name holds the word, or only a term may («министры иностранных дел» read as «МИД»)."""
    owner = named.owners[position]
    return owner is None or (owner in named.soft and owner not in index.about)


@dataclass
class _Words:
    """The question's words to find, with their weights (the third phase of ``parse_query``)."""

    terms: list[Term] = field(default_factory=list)
    unknown_names: list[str] = field(default_factory=list)
    figure_nouns: list[tuple[str, ...]] = field(default_factory=list)
    unknown_counted: bool = False
    wants_city: bool = False
    officials: set[str] = field(default_factory=set)
    markets: set[str] = field(default_factory=set)


def _names_document(soft: Iterable[str], terms: Sequence[Term], index: Index, lx: Lexicon) -> bool:
    """A document is named: by its name («дорожная карта») or by the word for one («документ»)."""
    entities = index.base.entities
    kind = set(lx.kind_words.get("document", ()))
    return any(ref in entities and entities[ref].kind == "document" for ref in soft) or any(
        kind.intersection(t.lemmas) for t in terms)


def _adopted(term: Term, index: Index, lx: Lexicon, analyse: Analyser) -> Term:
    """«когда приняли дорожную карту»: adopted, not received (a visitor is received)."""
    meant = next((lx.adopting[form] for form in analyse(term.word).forms if form in lx.adopting), None)
    if meant is None or meant not in index.postings:
        return term
    return dataclasses.replace(term, lemmas=(meant,), weight=index.idf.get(meant, term.weight), known=True)


def _after_which(scan: _Scan, position: int, analyse: Analyser, *, anywhere: bool = False) -> bool:
    """The word follows «какой» / "which" and comes before the question word that set the kind: it names the
    kind asked, over a «когда» / «где» of a later clause («в каком городе …, когда встретились» asks a city).
    ``anywhere``: right after «какой» (or a request: «назови компании») wherever the question word stands."""
    at = position
    while anywhere and at > 0 and scan.infos[at - 1].pos in ("ADJF", "PRTF") \
            and scan.before[at] == scan.infos[at - 1].word:
        at -= 1  # «на каком большом международном событии»
    previous = scan.before[at]
    if anywhere and previous and (previous in scan.lx.precise_words or analyse(previous).forms[0] in scan.lx.copulas):
        previous = scan.before_that[at]  # «каким будет товарооборот», «какие именно вузы», "what was the turnover"
    if anywhere and previous in scan.lx.request_forms:
        return True  # «назови французские компании»: the thing asked, as after «какие»
    return (anywhere or position < scan.asked_at) and bool(previous) and (previous in scan.lx.which_words
                               or bool(scan.lx.which_words.intersection(analyse(previous).forms[:1])))


def _read_terms(scan: _Scan, owners: list[str | None], index: Index, analyse: Analyser) -> _Words:
    lx, found = scan.lx, _Words()
    kinds = {word for names in lx.kind_words.values() for word in names}
    for position, (info, owner) in enumerate(zip(scan.infos, owners, strict=True)):
        lemma = info.lemmas[0]
        if owner is None and lemma in lx.meta_words:  # before fillers: «в каком году» asks for a date
            # «12 млрд кубометров в год», "per year" beside a number said: a rate, not a date asked
            rate = bool(scan.numbers) and scan.before[position] in lx.per_words
            if (scan.answer_type == "" or (scan.answer_type == "what" and scan.which)
                    or _after_which(scan, position, analyse)) and lemma != "число" and not (
                    lemma in ("год", "year") and scan.years) and not rate:  # «в 2023 году» names a year
                scan.answer_type = "date"
            continue
        if owner is None and lemma in lx.topic_nouns and _after_which(scan, position, analyse, anywhere=True):
            scan.content_verb = scan.what_seen = True  # «какие вопросы решали»: what was said is asked, though
            # «вопрос» is a filler elsewhere («есть вопрос»)
        if owner is None and (lemma in lx.fillers or info.word in lx.fillers or info.word in lx.request_forms
                              or info.word in lx.precise_words
                              or lemma in lx.overview_words
                              or lemma in lx.second_person):
            continue
        if owner is None and (lemma in lx.official_nouns or info.word in lx.official_nouns) and info.pos == "NOUN":
            # «встречи с французскими руководителями», «руководство Франции»: someone of the country beside it
            countries = _countries_beside(owners, position, index)
            if countries:
                found.officials |= countries
                continue
        if owner is None and lemma in lx.market_nouns and info.pos == "NOUN":
            countries = _countries_beside(owners, position, index)
            if countries:  # «на французском рынке»: in France, which a fact says with the country's name
                found.markets |= countries
                continue
        if owner is None and _said_of_source(scan, position, info):
            continue  # «сколько встреч упомянуто», "which firms are named": the source's words, not the facts'
        if (owner is None and scan.which and not scan.list_intent and scan.answer_type in ("", "what")
                and (lemma in lx.organisation_nouns or info.word in lx.organisation_nouns)):
            scan.answer_type = "organisation"  # «какая компания …»: a fact naming one answers it
            continue
        if owner is None and scan.answer_type in ("figure", "how", "count") \
                and lx.duration_verbs.intersection(info.forms[:1]):
            continue  # «сколько длился»: how long is asked, which the fact's dates tell
        # «на каком мероприятии», «какие сферы»: the kind of thing asked, which the fact may name in its own words
        kind_asked = owner is None and bool({lemma, *info.forms[:1]} & (lx.occasion_nouns | lx.topic_nouns)) \
            and _after_which(scan, position, analyse, anywhere=True)
        if kind_asked and lemma in lx.topic_nouns:
            scan.content_verb = scan.what_seen = True  # «какие темы поднимал»: what was said is asked
        if owner is None and lemma in lx.venue_words and scan.answer_type in ("figure", "count") \
                and position != scan.counted_from and any(
                    ref is not None and index.base.entities[ref].kind in ("place", "country")
                    and analyse(scan.before[at]).pos != "PREP" for at, ref in enumerate(owners)):
            continue  # «сколько раз Париж становился местом встреч»: the place named (the subject) is where
        ranked_at = lemma in lx.venue_words and any(lx.rank_verbs.intersection(i.forms[:1]) for i in scan.infos)
        if owner is None and lemma in lx.place_words and not ranked_at and (
                scan.answer_type in ("", "place") or (scan.answer_type == "what" and not scan.what_seen)
                or _after_which(scan, position, analyse)):  # not «что … насчёт единства страны»
            # «в каком городе», «города, где …»: the kind of place asked, not a word a fact must hold
            scan.answer_type = "place"
            found.wants_city = lemma not in lx.venue_words  # «в каком городе», not «в каком месте»
            continue
        present = tuple(lm for lm in info.lemmas if lm in index.postings)
        if not present and info.pos in ("VERB", "INFN", "PRTS", "PRTF", "GRND"):
            present = _other_aspect(lemma, index, analyse)  # «проводили переговоры» where the base says «провели»
        if not present and owner is None and not info.proper:
            present = _same_root_in_base(lemma, index)  # «побили рекорд» where the base says «рекордный»
            if info.pos in ("VERB", "INFN"):  # «руководит» is no «руководитель»: an action, not who does it
                present = tuple(lm for lm in present if analyse(lm).pos in ("VERB", "INFN"))
        if owner is None and info.proper and not present:
            found.unknown_names.append(info.word)
        if _counted_noun(scan, info, owner, position, owners) and not found.figure_nouns:
            if set(present) & PEOPLE_COUNTED:  # «сколько гостей»: a fact counting citizens counts them
                present = (*present, *sorted(lm for lm in PEOPLE_COUNTED - set(present) if lm in index.postings))
            if present:
                found.figure_nouns.append(present)
            else:
                found.unknown_counted = True
        # a word the base never uses is the strongest sign that the question is about something else
        weight = max((index.idf[lm] for lm in present), default=index.unknown_idf * UNKNOWN_BOOST)
        if not present and info.pos in UNKNOWN_MODIFIER_WEIGHT:  # «зарубежные города»: the noun says what
            weight *= UNKNOWN_MODIFIER_WEIGHT[info.pos]
        if present and not (info.pos in POS_WEIGHT and analyse(lemma).pos == "NOUN"):
            weight *= POS_WEIGHT.get(info.pos, 1.0)
        if set(info.forms) & (lx.light_verbs | lx.status_verbs) and info.pos in ("VERB", "INFN", "GRND"):
            weight *= LIGHT_VERB_WEIGHT  # «ведут дела»: the object says what is done
        if kind_asked or (scan.content_verb and lx.content_verbs.intersection(info.forms[:1])):
            weight *= LIGHT_VERB_WEIGHT  # the kind asked; «что обсуждали»: a fact reporting what was said need not
            # use that verb
        if owner is not None:
            continue  # scored once, as the entity it names
        # «встречались» counts as the noun встреча; a verb the base never uses names what is asked
        noun = info.pos not in POS_WEIGHT or analyse(lemma).pos == "NOUN" or (
            not present and info.pos in ("VERB", "INFN"))
        # the thing named after «какой» or «назови»: a kind of entity («какие документы»), what the base measures
        # («какой товарооборот»), or things a fact may only count («какие вузы») — scoring checks each
        head = (scan.answer_type in ("", "what") and not any(t.kind or t.measure for t in found.terms)
                and _after_which(scan, position, analyse, anywhere=True))
        measure = head and info.pos == "NOUN" and info.forms[0] in index.measures
        found.terms.append(Term(info.word, present or info.lemmas, weight, bool(present), noun, scan.about[position],
                                head and lemma in kinds, measure, head and info.pos == "NOUN",
                                _sized(scan, position)))
    return found


def _countries_beside(owners: Sequence[str | None], position: int, index: Index) -> set[str]:
    """The countries named right before or after a word («французских руководителей», «рынок Франции»)."""
    beside = [owners[at] for at in (position - 1, position + 1) if 0 <= at < len(owners)]
    return {ref for ref in beside if ref is not None and index.base.entities[ref].kind == "country"}


def _said_of_source(scan: _Scan, position: int, info: WordInfo) -> bool:
    """A verb of mentioning in the passive («упоминается», «названо», "are named"): the source is what mentions."""
    if not scan.lx.mention_verbs.intersection((*info.forms[:1], *info.lemmas[:1])):
        return False
    if scan.lx.code == "ru":
        return info.pos in ("PRTS", "PRTF") or (info.pos == "VERB" and info.word.endswith(("ся", "сь")))
    return scan.before[position] in BE_FORMS


def _sized(scan: _Scan, position: int) -> bool:
    """A noun after a word for size, past its adjectives («размер государственной стипендии», "the size of the
    grant"): how big one is, asked."""
    info = scan.infos[position]
    if info.pos != "NOUN":
        return False
    for before in reversed(scan.infos[max(0, position - 3):position]):
        if scan.lx.size_words.intersection(before.forms[:1]):
            return True
        compound = scan.lx.code == "en" and before.pos == "NOUN"  # "the size of the state grant"
        if before.pos not in ("ADJF", "PRTF") and not before.function and not compound:
            return False
    return False


def _same_root_in_base(lemma: str, index: Index) -> tuple[str, ...]:
    """The base's lemmas that begin with this word whole, or share its first three quarters (at least
    DERIVED_PREFIX letters): derivatives of one root («рекорд» → «рекордный», «грузовик» → «грузовой»)."""
    if len(lemma) < DERIVED_PREFIX or not lemma.isalpha():
        return ()
    need = max(DERIVED_PREFIX, -(-3 * len(lemma) // 4))
    return tuple(term for term in index.by_prefix.get(lemma[:DERIVED_PREFIX], ())
                 if term != lemma and term[:need] == lemma[:need])


def _other_aspect(lemma: str, index: Index, analyse: Analyser) -> tuple[str, ...]:
    """The base's lemmas of the verb's other aspect, when it uses that one instead."""
    for partner in aspect_partners(lemma):
        found = tuple(lm for lm in analyse(partner).lemmas if lm in index.postings)
        if found:
            return found
    return ()


def _counted_noun(scan: _Scan, info: WordInfo, owner: str | None, position: int,
                  owners: Sequence[str | None]) -> bool:
    """The noun «сколько» counts: within three words after it, only adjectives, names or fillers between
    («сколько было двусторонних визитов», "how many Smith–Jones meetings")."""
    lx = scan.lx
    return (scan.answer_type == "figure" and info.pos == "NOUN" and owner is None
            and 0 <= position - scan.counted_from <= 3 and scan.figure_questions == 1
            and all(between.pos in ("ADJF", "PRTF") or between.lemmas[0] in lx.fillers or owners[at] is not None
                    for at, between in enumerate(scan.infos[scan.counted_from:position], start=scan.counted_from)))


def _counted_kind(figure_nouns: list[tuple[str, ...]], lx: Lexicon, analyse: Analyser) -> str:
    """The kind of entity a count counts («сколько документов» → document); "" for anything else."""
    if not figure_nouns:
        return ""
    for kind, names in lx.kind_words.items():
        if {analyse(name).lemmas[0] for name in names} & set(figure_nouns[0]):
            return kind
    return ""


def _smalltalk(scan: _Scan, raw_words: list[str], named: _Named) -> str:
    """"", or the kind of small talk a message is: nothing asked about the base."""
    if not raw_words:
        return "empty"
    if scan.talk and scan.other_words == 0 and not scan.years and not named.entities and not named.soft:
        return sorted(scan.talk, key=("thanks", "bye", "greeting", "chat").index)[0]
    if scan.addressed and not (named.entities or named.soft or scan.years or scan.months) and \
            scan.other_words <= 2 and scan.answer_type not in ("date", "place", "figure", "count"):
        return "chat"  # a short question about the bot itself
    return ""


def _read_years(scan: _Scan, text: str, raw_words: list[str], span: tuple[dt.date, dt.date] | None,
                span_label: str) -> tuple[tuple[dt.date, dt.date] | None, str]:
    """A range of years («с 2015 по 2017», «2015–2017»), or the years after one («после 2022 года») or before one
    («до 2010 года»)."""
    named_years = year_span(text, raw_words, scan.lx) if len(scan.years) == 2 else None
    if named_years is not None:
        scan.years = set(range(named_years[0], named_years[1] + 1))
    later = scan.later_than
    if later and scan.years == {later} and span is None:  # a period from the next year on
        scan.years = set()
        span = (dt.date(later + 1, 1, 1), dt.date(MAX_YEAR, 12, 31))
        span_label = f"after {later}" if scan.lx.code == "en" else f"после {later} года"
    if scan.month_bound and len(scan.years) == 1 and scan.months == {scan.month_bound[1]} and span is None:
        relation, month, word = scan.month_bound  # «после апреля 2024»: from May on; «до апреля 2024»: to March
        year = next(iter(scan.years))
        scan.years, scan.months, scan.later_than, scan.earlier_than = set(), set(), 0, 0
        if relation == "after":
            span = (dt.date(year + month // 12, month % 12 + 1, 1), dt.date(MAX_YEAR, 12, 31))
        else:
            span = (dt.date(MIN_YEAR, 1, 1), dt.date(year, month, 1) - dt.timedelta(days=1))
        english = scan.lx.code == "en"
        span_label = (f"{relation} {word.capitalize()} {year}" if english
                      else f"{'после' if relation == 'after' else 'до'} {word} {year} года")
        return span, span_label
    earlier = scan.earlier_than
    if earlier and scan.years == {earlier} and span is None:  # a period up to the year before
        scan.years = set()
        span = (dt.date(MIN_YEAR, 1, 1), dt.date(earlier - 1, 12, 31))
        span_label = f"before {earlier}" if scan.lx.code == "en" else f"до {earlier} года"
    return span, span_label


def parse_query(text: str, index: Index, *, span: tuple[dt.date, dt.date] | None = None, span_label: str = "",
                until: dt.date | None = None) -> Query:
    """Everything the scorer needs to know about one question: its words read one by one, then the entities
    they name, then the words left to find.

    ``span``: a period the question names relative to today («в прошлом году»), resolved by the caller;
    ``until``: today, when it is before the base ends — what happened later is not known yet."""
    lx, analyse = lexicon_for(index.lang), reader(index)
    text = _without_announced_exception(text, lx, analyse)
    raw_words = _joined(_words(text, lx)[: MAX_WORDS * 2], index)
    day_of = _day_of_occasion(raw_words, lx, analyse)
    if day_of:  # «в пятый день поездки»: the day, once the trip is found; not words to find
        raw_words = [w for at, w in enumerate(raw_words) if at not in day_of[1]]
    scan = _scan(raw_words, index, lx, analyse)
    scan.day_of = day_of[0] if day_of else 0
    if any(pair in lx.by_period for pair in itertools.pairwise(raw_words)):
        scan.trend = True  # «товарооборот по годам»
    nth, extreme, frequent, future, happened = _degree(raw_words, lx, analyse)
    if nth or frequent or extreme:
        scan.comparison = False  # a rank in time or across periods, which the dates and figures give
    span, span_label = _read_years(scan, text, raw_words, span, span_label)
    if len(scan.months) == 2:
        scan.months = month_span(text, raw_words, lx, analyse) or scan.months  # «с января по июнь»: all six
    years = scan.years
    if scan.figure_questions > 1:
        scan.list_intent = True  # several «сколько» at once: one figure each
    if scan.year_parts and years and not scan.months and not scan.days:
        scan.months = scan.year_parts  # «в начале 2019-го»

    if scan.answer_type == "figure" and scan.number_at == len(scan.infos) and scan.figure_questions <= 1 \
            and lx.day_words:
        scan.answer_type, scan.wants_day = "date", True  # «…, число?»: the day of the month, nothing counted
    named = _read_names(scan, index)
    if scan.answer_type == "person" and scan.status_verb and (lx.code != "ru" or "кем" in raw_words) and not any(
            index.base.entities[ref].kind == "person" for ref in named.order):
        scan.answer_type = "what"  # «кем Франция считает Италию»: a status, not a person («кто является …» is)
        scan.status_asked = True
    if scan.excepts > 0:
        scan.comparison = True  # «что, кроме торговли, …»: something else is asked, which no fact ranks
    _read_both_sides(scan, named, index)
    _read_role_groups(scan, named, index)
    found = _read_terms(scan, named.owners, index, analyse)
    terms = found.terms
    planned = [t for t in terms if lx.planned_words & {*analyse(t.word).forms, t.word}]
    if planned and any(set(t.lemmas) & lx.event_nouns for t in terms):
        # «на какую дату назначены переговоры»: the announced event is asked, which a fact says in its words
        terms = [t for t in terms if t not in planned]
        future = True
        scan.becomes = ""  # «назначены» of talks, not «назначен премьером»
    status = {lemma for noun in lx.status_nouns for lemma in analyse(noun).lemmas}
    if scan.status_asked and (present := tuple(sorted(lm for lm in status if lm in index.postings))):
        # «кем Франция приходится Италии»: its status, which a fact says in its own words
        terms.append(Term(present[0], present, max(index.idf[lm] for lm in present), True, True))
    if scan.answer_type == "figure" and found.figure_nouns and set(found.figure_nouns[0]) & lx.event_nouns:
        scan.answer_type, scan.count_intent, scan.list_intent = "count", True, True  # «сколько встреч»
    counted_kind = _counted_kind(found.figure_nouns, lx, analyse) if scan.answer_type == "figure" else ""
    if counted_kind:  # «сколько документов подписали»: the documents the facts name, counted
        scan.answer_type, scan.count_intent, scan.list_intent = "count", True, True
    if scan.answer_type in ("what", "") and (years or scan.months or scan.days or span) and not named.entities \
            and not (named.soft and terms) and all(
                set(t.lemmas) & lx.relation_nouns or lx.light_verbs.intersection(analyse(t.word).forms) for t in terms):
        # only a period named: everything in it («что пришлось на май в связях Франции и Италии»: the relations
        # of the base's own subjects are all it holds)
        terms = []
        scan.list_intent = True
    if scan.overview and any(index.base.entities[r].kind not in ("country", "place") for r in named.entities):
        # «расскажи про связи с Ивановым»: everything about the one named, not a word to find
        terms = [t for t in terms if not set(t.lemmas) & lx.relation_nouns]
    if scan.overview and scan.answer_type in ("", "what"):
        scan.list_intent = True  # «что известно о ВТС»
    if nth:  # «вторая встреча»: the ordinal ranks; it is not a word to find
        terms = [t for t in terms if analyse(t.word).forms[0] not in lx.ordinal_numbers]
    if lx.adopting and _names_document(named.soft, terms, index, lx):
        terms = [_adopted(t, index, lx, analyse) for t in terms]

    words_left = Words(terms=tuple(terms), phrase=" ".join(t.lemmas[0] for t in terms),
                       unknown_names=tuple(found.unknown_names), figure_nouns=tuple(found.figure_nouns),
                       unknown_counted=found.unknown_counted)
    scope = Scope(
        entities=frozenset(named.entities),
        stand_ins=tuple(named.stand_ins),
        soft_entities=frozenset(named.soft),
        about_refs=frozenset(named.about_refs),
        about_qualifiers=frozenset(named.about_qualifiers),
        place_refs=frozenset(named.place_refs | found.markets),
        years=frozenset(years),
        months=frozenset(scan.months),
        days=frozenset(scan.days),
        numbers=frozenset(scan.numbers),
        entity_order=tuple(named.order),
        excluded_places=frozenset(named.excluded),
        officials=frozenset(found.officials),
        span=span,
        span_label=span_label,
        until=until,
    )
    if scan.lasting and scan.answer_type in ("figure", "how", "count"):
        scan.answer_type = "duration"  # «сколько длился», "how long did it last": the days its dates span
        scan.count_intent = scan.list_intent = False
    intent = Intent(
        answer_type=scan.answer_type,
        wants_day=scan.wants_day,
        wants_money=scan.wants_money,
        list_intent=scan.list_intent,
        count_intent=scan.count_intent,
        asks_outcome=tuple(scan.outcome),
        asks_said=scan.content_verb and scan.answer_type == "what",
        ordinal=scan.ordinal,
        comparison=scan.comparison,
        others=scan.others,
        smalltalk=_smalltalk(scan, raw_words, named),
        trend=scan.trend and len(years) != 1,
        nth=nth,
        day_of=scan.day_of,
        extreme=extreme,
        frequent=frequent,
        future=future,
        asks_happened=happened,
        becomes=scan.becomes,
        upcoming=scan.upcoming,
        wants_city=found.wants_city,
        becoming_verbs=lx.becoming_verbs if scan.becomes else frozenset(),
        counted_kind=counted_kind,
        done=bool(lx.done_words.intersection(raw_words)) or any(
            f" {phrase} " in f" {' '.join(raw_words)} " for phrase in lx.done_words if " " in phrase),
        precise=bool(lx.precise_words.intersection(raw_words)),
        superlative=not (extreme or frequent or nth or scan.ordinal) and ranks_first(raw_words, lx, analyse),
    )
    return Query(text=text, words=words_left, scope=scope, intent=intent)
