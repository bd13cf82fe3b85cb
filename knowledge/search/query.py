"""Reading a question: its meaningful words, the entities and periods it names, what it asks for."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Callable, Container
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from knowledge.search.index import Index, reader
from knowledge.text.language import lexicon_for
from knowledge.text.lexicon import RANKING_MARKERS, Lexicon
from knowledge.text.morphology import WordInfo
from knowledge.text.normalize import MAX_QUERY_CHARS, words

HARD_KINDS = frozenset({"person", "country", "place", "organisation"})
POS_WEIGHT = {"VERB": 0.7, "INFN": 0.7, "PRTS": 0.7, "GRND": 0.6, "ADVB": 0.4, "COMP": 0.4, "PRED": 0.4}
MIN_YEAR, MAX_YEAR = 1900, 2100
KNOWN_WORD_CUTOFF = 88.0
UNKNOWN_BOOST = 1.5
MAX_WORDS = 60  # beyond this a message is not a question; the rest is ignored


@dataclass(frozen=True, slots=True)
class Term:
    """A meaningful word of the question."""

    word: str
    lemmas: tuple[str, ...]  # the forms the base knows, or all candidates when it knows none
    weight: float
    known: bool  # the base has at least one of the lemmas
    noun: bool  # names a thing (noun, adjective, number, unknown word) rather than an action


@dataclass(frozen=True, slots=True)
class Query:
    text: str
    terms: tuple[Term, ...]
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
    answer_type: str  # "", date, place, figure, count, person, name, reason, what
    wants_day: bool
    wants_money: bool
    list_intent: bool
    count_intent: bool
    figure_nouns: tuple[tuple[str, ...], ...]
    unknown_names: tuple[str, ...]
    asks_outcome: tuple[str, ...]  # «чем закончились», «итоги»: the fact must state that outcome
    ordinal: str  # "latest" or "earliest" of the matching facts, or ""
    comparison: bool  # «второй после», «кроме», «до Асадова»: a ranking the base does not hold
    smalltalk: str  # "", greeting, thanks, bye, chat, empty
    phrase: str  # lemma string, for fuzzy comparison
    entity_order: tuple[str, ...] = ()  # the named entities in the order the question names them
    trend: bool = False  # «как менялся товарооборот»: the figure in every period the base has
    excluded_places: frozenset[str] = frozenset()  # «не в России»: facts set there (or nowhere known) are out
    span: tuple[dt.date, dt.date] | None = None  # «в прошлом году», resolved against today: facts within it
    span_label: str = ""  # how to say that period («2023 год»)
    until: dt.date | None = None  # today, when the base reaches beyond it: later facts are not known yet
    now: bool = False  # «сейчас», «на данный момент»: the current state, i.e. the latest the base knows
    nth: int = 0  # «вторая встреча»: the n-th occasion in time
    extreme: str = ""  # «самый большой рост»: "max" or "min" of a figure across periods
    frequent: bool = False  # «когда встречались чаще всего»: the period with the most occasions
    future: bool = False  # «приедет», «будут ли»: about what is to come — only announced events answer it
    asks_happened: bool = False  # «состоялись ли»: whether it took place — an announced event cannot say
    wants_city: bool = False  # «в каком городе»: a named place, not an occasion («на полях сессии ГА ООН»)
    upcoming: bool = False  # «следующая встреча»: the next one — only an announced event can be it
    becomes: str = ""  # «когда X стал премьером»: the role taken up, which a fact must state as taken up
    becoming_verbs: frozenset[str] = frozenset()  # the verbs that state it («стать», «избрать»)

    @property
    def named(self) -> frozenset[str]:
        """Every entity named, hard or soft."""
        return self.entities | self.soft_entities

    @property
    def has_content(self) -> bool:
        return bool(self.terms or self.entities or self.soft_entities or self.years or self.months or self.span)


_DASHED_YEARS = re.compile(r"(?<!\d)(\d{4})\s{0,3}[-–—]\s{0,3}(\d{4})(?!\d)")
MAX_SPAN_YEARS = 50


def year_span(text: str, raw_words: list[str], lx: Lexicon) -> tuple[int, int] | None:
    """(first, last) of a range of years the question names: «с 2015 по 2017», «2015–2017»; else None."""
    found: tuple[int, int] | None = None
    dashed = _DASHED_YEARS.search(text[:MAX_QUERY_CHARS])
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
        if info.word in lx.frequent_words:  # «чаще всего», «больше всего»: the most of something
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
    found = words(text, max_chars=MAX_QUERY_CHARS)
    if lx.filler_phrases:
        found = lx.drop_filler_phrases(" ".join(found)).split()
    if lx.rewrites:
        found = [part for word in found for part in lx.rewrites.get(word, word).split()]
    return found


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


def _beside_number(raw_words: list[str], at: int) -> bool:
    return any(0 <= i < len(raw_words) and raw_words[i][:1].isdigit() for i in (at - 1, at + 1))


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


def _in_base(info: WordInfo, index: Index) -> bool:
    return info.word in index.vocabulary or any(lemma in index.postings for lemma in info.lemmas)


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
    fixed = correct_word(word, index, score_cutoff=cutoff)
    if fixed is None and not info.known:  # «сервесные» → сервесный ≈ сервисный
        fixed = next((f for f in (correct_word(lm, index, score_cutoff=85.0) for lm in info.lemmas) if f), None)
    corrected = analyse(fixed) if fixed else None
    if corrected is not None and corrected.function and not info.function:
        return [info]  # «tehran» is no misspelt «than»: a word of substance never becomes a function word
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
                if all(alias.tokens[k].intersection(infos[i + k].lemmas) for k in range(n)):
                    best_len, best_entity = n, alias.entity
        if best_len:
            found.append((i, best_len, best_entity))
            i += best_len
        else:
            i += 1
    return found


def parse_query(text: str, index: Index, *, span: tuple[dt.date, dt.date] | None = None, span_label: str = "",
                until: dt.date | None = None) -> Query:
    """Everything the scorer needs to know about one question.

    ``span``: a period the question names relative to today («в прошлом году»), resolved by the caller;
    ``until``: today, when it is before the base ends — what happened later is not known yet."""
    lx, analyse = lexicon_for(index.lang), reader(index)
    raw_words = _words(text, lx)[: MAX_WORDS * 2]
    pairs = _question_pairs(raw_words, lx)
    infos: list[WordInfo] = []
    after_in: list[bool] = []
    before: list[str] = []  # the word before each meaningful word
    ordinal = ""
    trend = False
    comparison = False
    years: set[int] = set()
    months: set[int] = set()
    days: set[tuple[int, int]] = set()
    numbers: set[str] = set()
    answer_type = ""
    wants_day = wants_money = list_intent = count_intent = overview = addressed = False
    outcome: list[str] = []
    talk: set[str] = set()
    other_words = 0
    pending_number: str | None = None
    previous = earlier = ""
    visit_before = visiting = False  # the word before was a verb of visiting («посетил Азербайджан»)
    becoming_at = -1  # where a verb of becoming stood: its complement follows («стал президентом»)
    becomes = ""
    negated: list[bool] = []  # «не в России»: the place is ruled out, not asked for
    year_parts: set[int] = set()
    later_than = 0
    upcoming = False
    counted_from = -1
    figure_questions = 0
    which = False
    fractions = _year_fractions(raw_words, lx, analyse)
    for at, word in enumerate(raw_words):
        if at in fractions:  # «в первом полугодии», "first quarter": months, not an ordinal and a noun
            months.update(fractions[at])
            earlier, previous = previous, word
            continue
        if at - 1 in pairs:  # the second word of «how many»: already read with the first
            earlier, previous = previous, word
            continue
        if at in pairs:
            asked = pairs[at]
            if asked == "figure":
                counted_from = len(infos)
                figure_questions += 1
            if not answer_type or answer_type == "what":
                answer_type = asked
            earlier, previous = previous, word
            continue
        if word in lx.count_fillers and at > 0 and raw_words[at - 1] in lx.count_fillers:
            earlier, previous = previous, word  # «третья по счёту»: how it is counted, not what
            continue
        if word in lx.ambiguous_months and not _beside_number(raw_words, at):
            earlier, previous = previous, word  # «may» is a month only beside a day or a year
            continue
        if len(word) == 1 and not word.isdigit():
            earlier, previous = previous, word
            continue
        if word[0].isdigit():
            if pending_number is not None:
                numbers.add(pending_number)
            if len(word) == 4 and word.isdigit() and MIN_YEAR <= int(word) <= MAX_YEAR:
                years.add(int(word))
                if lx.event_relatives.get(previous) == "after":
                    later_than = int(word)  # «после 2022 года»: the years after it
                pending_number = None
            else:
                pending_number = word
            earlier, previous = previous, word
            continue
        visit_before, visiting = visiting, False
        for info in resolve_word(word, index):
            lemma = info.lemmas[0]
            if lx.visit_verbs.intersection(info.forms):
                visiting = True
            if lx.becoming_verbs.intersection(info.forms):
                becoming_at = at
            if pending_number is not None:
                if lemma in lx.months and pending_number.isdigit() and 1 <= int(pending_number) <= 31:
                    days.add((lx.months[lemma], int(pending_number)))
                else:
                    numbers.add(pending_number)
                pending_number = None
            if info.forms and (set(info.forms) & lx.outcome_words or (
                    set(info.forms) & lx.outcome_verbs and info.pos == "VERB")):
                outcome.append(lemma)
            if info.word in lx.second_person or lemma in lx.second_person:
                addressed = True
            if lemma in lx.money_words:
                wants_money = True
                continue
            if lemma in lx.trend_words or (lemma == "рост" and info.pos == "VERB"):  # «как рос»
                trend = True
                continue
            if lemma in lx.latest_words:
                ordinal = "latest"
                continue
            if lemma in lx.upcoming_words:
                upcoming = True
                continue
            if lemma in lx.earliest_words or info.word in lx.earliest_words:
                ordinal = "earliest"
                continue
            if lemma in lx.comparison_words or info.word in RANKING_MARKERS:
                comparison = True
                if info.word in RANKING_MARKERS:
                    continue
            kind = lx.question_words.get(info.word) or lx.question_words.get(lemma)
            if kind == "figure":
                counted_from = len(infos)  # the counted noun follows «сколько»
                figure_questions += 1
            if kind:
                if not answer_type or answer_type == "what":
                    answer_type = kind
                if lemma in lx.which_words:
                    which = True  # «в каком году» asks for the year; «что было в 2023 году» does not
                    if info.plural:
                        list_intent = True
                continue
            if info.word in lx.overview_words or lemma in lx.overview_words:
                overview = True
            if lemma in lx.greetings:
                talk.add("greeting")
            elif lemma in lx.thanks or info.word in lx.thanks:
                talk.add("thanks")
            elif lemma in lx.farewells or info.word in lx.farewells:
                talk.add("bye")
            elif lemma in lx.smalltalk or info.word in lx.smalltalk:
                talk.add("chat")
            elif not (info.function or lemma in lx.fillers or lemma in lx.overview_words or lemma in lx.intensifiers):
                other_words += 1
            if lemma in lx.months:
                months.add(lx.months[lemma])
                continue
            if lemma in lx.year_parts:
                year_parts.update(lx.year_parts[lemma])
                continue
            if lemma in lx.figure_words and not info.proper:  # «цифры», «много ли», not a name
                if not answer_type or answer_type == "what":
                    answer_type = "figure"
                continue
            if info.word in lx.seasons or lemma in lx.seasons:
                months.update(lx.seasons.get(info.word) or lx.seasons[lemma])
                continue
            if lemma in lx.list_words or info.word in lx.list_words:
                list_intent = True
                continue
            if lemma in lx.day_words and answer_type in ("", "what", "date"):
                wants_day = True
                answer_type = "date"
                continue
            if lemma in lx.name_words:
                answer_type = "name"
                continue
            if lemma in lx.count_words and answer_type == "figure":
                count_intent = list_intent = True
                answer_type = "count"
                continue
            if info.function:
                continue
            if not becomes and info.pos == "NOUN" and becoming_at >= 0 and at - becoming_at <= 3:
                becomes = lemma
            infos.append(info)
            after_in.append(previous in lx.place_prepositions or visit_before)
            before.append(previous)
            negated.append((previous in lx.place_prepositions and earlier in lx.negations)
                           or previous in lx.outside_words or (previous == "of" and earlier in lx.outside_words))
        earlier, previous = previous, word
        if len(infos) >= MAX_WORDS:
            break
    if pending_number is not None:
        numbers.add(pending_number)
    if any(pair in lx.by_period for pair in itertools.pairwise(raw_words)):
        trend = True  # «товарооборот по годам»
    nth, extreme, frequent, future, happened = _degree(raw_words, lx, analyse)
    if nth or frequent or extreme:
        comparison = False  # a rank in time or across periods, which the dates and figures give
    named_years = year_span(text, raw_words, lx) if len(years) == 2 else None
    if named_years is not None:
        years = set(range(named_years[0], named_years[1] + 1))  # «с 2015 по 2017», «2015–2017»
    if later_than and years == {later_than} and span is None:  # a period from the next year on
        years = set()
        span = (dt.date(later_than + 1, 1, 1), dt.date(MAX_YEAR, 12, 31))
        span_label = f"after {later_than}" if lx.code == "en" else f"после {later_than} года"
    if figure_questions > 1:
        list_intent = True  # several «сколько» at once: one figure each
    if year_parts and years and not months and not days:
        months = year_parts  # «в начале 2019-го»

    entities: set[str] = set()
    soft: set[str] = set()
    about_refs: set[str] = set()
    about_qualifiers: set[str] = set()
    place_refs: set[str] = set()
    stand_ins: list[tuple[str, str]] = []
    order: list[str] = []
    excluded: set[str] = set()
    owners: list[str | None] = [None] * len(infos)
    for start, length, ref in _match_entities(infos, index):
        for k in range(start, start + length):
            owners[k] = ref
        kind = index.base.entities[ref].kind
        if kind in ("place", "country") and negated[start]:
            excluded.add(ref)
            continue
        if kind == "person" and before[start] in lx.relative_prepositions:
            comparison = True  # «кто был премьером до Асадова»
        demonym = index.lang == "en" and length == 1 and infos[start].word.endswith(("ian", "ani", "ese", "ish"))
        if kind in ("place", "country") and after_in[start] and not demonym:  # "in Russian" is no place
            place_refs.add(ref)
        elif index.base.entities[ref].stands_for and infos[start].case not in ("accs", "loct"):
            stand_ins.append((ref, index.base.entities[ref].stands_for))
        if ref not in order:
            order.append(ref)
        if ref in index.about:
            about_refs.add(ref)
            if length == 1 and infos[start].pos == "ADJF":
                about_qualifiers.add(ref)
            continue
        (entities if kind in HARD_KINDS else soft).add(ref)

    terms: list[Term] = []
    unknown_names: list[str] = []
    figure_nouns: list[tuple[str, ...]] = []
    wants_city = False
    for position, (info, owner) in enumerate(zip(infos, owners, strict=True)):
        lemma = info.lemmas[0]
        if owner is None and lemma in lx.meta_words:  # before fillers: «в каком году» asks for a date
            if (answer_type == "" or (answer_type == "what" and which)) and lemma != "число" and not (
                    lemma in ("год", "year") and years):  # a «год» after a named year names it, not asks it
                answer_type = "date"
            continue
        if owner is None and (lemma in lx.fillers or info.word in lx.fillers or lemma in lx.overview_words
                              or lemma in lx.second_person):
            continue
        if owner is None and lemma in lx.place_words and answer_type in ("", "what"):
            answer_type = "place"
            wants_city = lemma not in lx.venue_words  # «в каком городе», not «в каком месте»
            continue
        present = tuple(lm for lm in info.lemmas if lm in index.postings)
        if owner is None and info.proper and not present:
            unknown_names.append(info.word)
        if (answer_type == "figure" and info.pos == "NOUN" and owner is None and not figure_nouns
                and 0 <= position - counted_from <= 3 and figure_questions == 1
                and all(between.pos in ("ADJF", "PRTF") or between.lemmas[0] in lx.fillers  # «сколько было
                        for between in infos[counted_from:position])):  # трехсторонних переговоров»
            figure_nouns.append(present or info.lemmas)
        # a word the base never uses is the strongest sign that the question is about something else
        weight = max((index.idf[lm] for lm in present), default=index.unknown_idf * UNKNOWN_BOOST)
        if present and not (info.pos in POS_WEIGHT and analyse(lemma).pos == "NOUN"):
            weight *= POS_WEIGHT.get(info.pos, 1.0)
        if owner is not None:
            continue  # scored once, as the entity it names
        # «встречались» counts as the noun встреча; a verb the base never uses names what is asked
        noun = info.pos not in POS_WEIGHT or analyse(lemma).pos == "NOUN" or (
            not present and info.pos in ("VERB", "INFN"))
        terms.append(Term(info.word, present or info.lemmas, weight, bool(present), noun))

    if answer_type == "figure" and figure_nouns and set(figure_nouns[0]) & lx.event_nouns:
        answer_type, count_intent, list_intent = "count", True, True  # «сколько встреч» counts occasions
    if answer_type in ("what", "") and (years or months or days or span) and not terms and not entities:
        list_intent = True  # only a period named: everything in it
    if overview and answer_type in ("", "what"):
        list_intent = True  # «что известно о ВТС»

    if nth:  # «вторая встреча»: the ordinal ranks; it is not a word to find
        terms = [t for t in terms if analyse(t.word).forms[0] not in lx.ordinal_numbers]
    if not raw_words:
        smalltalk = "empty"
    elif talk and other_words == 0 and not years and not entities and not soft:
        smalltalk = sorted(talk, key=("thanks", "bye", "greeting", "chat").index)[0]
    elif addressed and not (entities or soft or years or months) and other_words <= 2 and \
            answer_type not in ("date", "place", "figure", "count"):
        smalltalk = "chat"  # a short question about the bot itself
    else:
        smalltalk = ""

    return Query(
        text=text,
        terms=tuple(terms),
        entities=frozenset(entities),
        stand_ins=tuple(stand_ins),
        soft_entities=frozenset(soft),
        about_refs=frozenset(about_refs),
        about_qualifiers=frozenset(about_qualifiers),
        place_refs=frozenset(place_refs),
        years=frozenset(years),
        months=frozenset(months),
        days=frozenset(days),
        numbers=frozenset(numbers),
        answer_type=answer_type,
        wants_day=wants_day,
        wants_money=wants_money,
        list_intent=list_intent,
        count_intent=count_intent,
        figure_nouns=tuple(figure_nouns),
        unknown_names=tuple(unknown_names),
        asks_outcome=tuple(outcome),
        ordinal=ordinal,
        comparison=comparison,
        smalltalk=smalltalk,
        phrase=" ".join(t.lemmas[0] for t in terms),
        entity_order=tuple(order),
        trend=trend and len(years) != 1,
        excluded_places=frozenset(excluded),
        span=span,
        span_label=span_label,
        until=until,
        nth=nth,
        extreme=extreme,
        frequent=frequent,
        future=future,
        asks_happened=happened,
        becomes=becomes,
        upcoming=upcoming,
        wants_city=wants_city,
        becoming_verbs=lx.becoming_verbs if becomes else frozenset(),
    )
