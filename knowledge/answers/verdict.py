"""Yes/no questions and claims to check: «Было ли…», «Правда, что…», a statement, "Did…", "Is it true that…".

Reading (``read_framing``): the yes/no framing is found from the words alone — the particle «ли», a
framing phrase before «что» («правда», «говорят», «знаете ли вы»), an English auxiliary first ("did",
"is", "was") or a framing phrase ("is it true…", "I heard…"), or a statement with a verb, with a question mark
or without (a claim typed as a statement is checked too) — and set aside: what is left is the claim. A
question word («когда», "where") makes it no yes/no question — unless it opens a clause about a noun
(«саммит, где встречались …») in a question with «ли»; «или» makes it a choice and a negation («не
встречались») an inverted one: both are left to the lookup.

Checking (``Verdicts.check_claim``, a part of ``Engine`` built with its reply builders):

* «Да» when facts confirm the claim: every named detail agrees (the scorer's constraints: people,
  places, countries, organisations, years, months, days, numbers), the fact explains nearly all the
  claim's words (none of them one the base never uses), a number said agrees with the fact's figure of the
  same unit («17,5%» is not «4,4 млрд»; «превысил» and «около» are compared, not matched), of two people the
  one the claim says did it did it, and the tense fits (an announcement never confirms that something
  happened). The lookup of the whole question is tried first (a question that is really a lookup — «есть ли
  данные о …» — keeps its answer), then the claim alone.
* «Нет» when, with ONE named detail set aside — the place, the date, a number, or one of two people
  named — the best fact matching the rest of the claim confidently states another value of exactly that
  detail, and no fact matching the rest as well agrees with the claim or states a third value: a place
  known not to hold the one asked (places the base ever names together may lie inside each other), a date
  that cannot fall in the period asked (never for a period after the base ends — unless a beginning is
  claimed, which happens once — nor for a state known only as of the source's date), a figure of the same
  unit, a known person absent from that day. Meetings, visits and summits recur: another one elsewhere or at
  another time denies nothing, so for them only a claim naming the day gets a «Нет» for its place or people,
  and none for its date. A span of years said of a fact that spans years (a plan «на 2020–2030 годы» for
  2020–2025) is compared whole.
* «Да» too when the lookup of the whole question answered it with facts naming everything the claim names, in
  other verbs — unless the claim's doer is another person (the passive read: «был принят Ивановым»), the fact
  only promises the action («понесут наказание», "would be punished"), or the claim asks whether something
  still holds («ещё», «до сих пор», "still") and the fact is an event, not a state as of the source (then the
  lookup's answer stands without a verdict), or the claim names something the fact does not (a name: «открыли
  в Лионе»). A claim that something was promised is confirmed by the promise; one of a first time
  («впервые»), only by a fact that itself says it was the first.
* Otherwise nothing is asserted: a fact that does not name what the claim names, one a number picked over a
  better match, or one of the exceptions above is shown as the closest, not as an answer; a question the lookup
  declines stays declined. The base not mentioning something is never a «нет».
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from knowledge.answers.answer import Answer
from knowledge.answers.compose import Composer
from knowledge.base.dates import MONTHS_EN, MONTHS_GENITIVE
from knowledge.base.figures import figure_en
from knowledge.base.model import Fact, Figure
from knowledge.search.anchors import acted, anchored, contradicts, mentions, other_side
from knowledge.search.index import FactEntry, Index, reader
from knowledge.search.query import MIN_YEAR, Query, split_relative
from knowledge.search.rankings import occasion_groups
from knowledge.search.scoring import Scored, rank, score_entry, term_hits
from knowledge.text.english import BE_FORMS
from knowledge.text.language import analyser_for, lexicon_for
from knowledge.text.morphology import WordInfo, fractional_unit
from knowledge.text.normalize import MAX_QUERY_CHARS, normalize, words

# -- how sure a check must be --------------------------------------------------------------------------------
UNEXPLAINED_SHARE = 0.2  # a confirming fact leaves at most this share of the claim's weight unexplained
VERB_SHARE = 0.5  # a verb the fact does not use weighs this much of its weight (verbs vary most)
ENTITY_WEIGHT = 3.5  # a named thing, as in scoring
THING_WEIGHT = 2.0  # a noun this rare in the base names a thing of its own («вывод»), not a generic one («страна»)
CONFIRM_MARGIN = 10.0  # a confirming fact may score this far below the answer threshold (the lookup found it)
RIVAL_MARGIN = 15.0  # facts this close to the best that match the rest of a claim must agree on its value
MAX_SHOWN = 5  # facts shown under «Да», «Нет» or an unconfirmed claim
WHOLE_COVERAGE = 0.99  # a fact explaining this share of a claim says all of it
MAX_SPAN_DAYS = 4000  # a fact dated more loosely than this says nothing about a day or a month
COMPOUND_HEAD = 5  # a noun this long ending another is that one's head («госстипендия»)
NEAR_DAYS = 7  # a recurring event of the same people this near the day a claim names is the one it means
APPROXIMATE = 0.1  # «около 500» agrees with 450–550 ...
ALMOST = 0.05  # «почти 4,4» is 4.18–4.4
BOUND_REACH = 0.25  # «более 7 тысяч» is 7–8.75 thousand: a source rounds down, not by half
FUTURE_REACH = 3  # words around a claimed action in which a verb in the future makes it a promise
PASSIVE_REACH = 5  # words from a passive participle to the one who did it («принят президентом … Ивановым»)
DIFFERENT = 0.1  # ... and contradicts what is further than this from it («около 5» is not «почти 4,4»)

# -- the words of the framing (general Russian and English) -------------------------------------------------
# «правда, что …», «говорят, что …», «знаете ли вы, что …»: words that may stand before «что» in a framing,
# and those of them that make it one
_FRAME_RU = frozenset(["правда", "верно", "правильно", "действительно", "точно", "это", "так", "ли", "я", "мне",
                       "нам", "вы", "вам", "ты", "тебе", "слышал", "слышала", "слышали", "слыхал", "слыхали",
                       "говорят", "говорили", "пишут", "писали", "утверждают", "утверждается", "сказали",
                       "рассказывали", "читал", "читала", "читали", "известно", "знаете", "знаешь", "а", "ну", "и",
                       "кстати", "вроде", "будто", "якобы", "что", "ведь", "же", "сообщают", "сообщалось"])
_FRAME_MARKERS_RU = frozenset(["правда", "верно", "правильно", "действительно", "точно", "слышал", "слышала",
                               "слышали", "слыхал", "слыхали", "говорят", "говорили", "пишут", "писали",
                               "утверждают", "утверждается", "сказали", "рассказывали", "читал", "читала", "читали",
                               "известно", "знаете", "знаешь", "сообщают", "сообщалось"])
# words before «ли» that ask how much or how often, not whether: «много ли», «часто ли»
_DEGREE_RU = frozenset(["много", "мало", "часто", "редко", "долго", "давно", "скоро", "сильно", "далеко", "надолго",
                        "хорошо", "плохо", "легко", "трудно", "сложно", "дорого", "дешево", "быстро"])
_OPENERS_RU = frozenset(["а", "ну", "и", "так", "скажите", "скажи", "кстати", "слушай", "слушайте", "люди", "ребята",
                         "народ", "друзья", "коллеги", "бот", "чат"])
# «планируется ли …», «должны ли пройти …»: a claim about what is to come
_PLANNED_RU = frozenset(["планируется", "планируются", "запланирован", "запланирована", "запланировано",
                         "запланированы", "намечен", "намечена", "намечено", "намечены", "ожидается", "ожидаются",
                         "должны", "должен", "должна", "должно", "собираются", "собирается", "предстоит", "будет",
                         "будут"])
# «есть ли …», «имеются ли …»: whether something is, asked by what it is
_EXISTENCE_RU = frozenset(["есть", "имеется", "имеются", "существует", "существуют"])
# «данные о …», «информация про …»: what the base knows of something, asked by what it is about
_DATA_WORDS_RU = frozenset(["данные", "информация", "информацию", "сведения", "цифры", "статистика", "статистику",
                            "упоминания", "упоминание", "что-то", "новости"])
_ABOUT_PREPOSITIONS_RU = frozenset(["о", "об", "про", "по"])
_NEGATIONS_RU = frozenset(["не", "нет", "ни", "никогда", "нигде", "никто", "ничего"])
_NOT_NEGATED_RU = frozenset(["менее", "более", "меньше", "больше", "раньше", "позже", "позднее", "только"])
_CHOICE = frozenset(["или", "либо", "or"])
# «ещё стоят» (normalize() reads «до сих пор», «по-прежнему» so), "still": whether a state persists
_STILL = {"ru": frozenset(["еще"]), "en": frozenset(["still"])}
# «…, так?», «…, верно?», «… или нет»: a tag after a statement makes it a claim to check, verb or not
_TAGS_RU = tuple(tuple(t.split()) for t in (
    "не так ли", "или нет", "или еще нет", "или пока нет", "или не так", "это так", "это правда", "это верно",
    "ведь так", "так ли это", "можешь подтвердить", "можете подтвердить",
    "так", "верно", "правда", "правильно", "да", "нет", "подтвердишь", "подтвердите", "подтверди", "согласен",
    "согласны"))
# «говорят, …», «якобы …», «слышал, …»: reported speech before a claim, with or without «что»
_REPORTED_RU = frozenset(["якобы", "будто", "вроде", "мол"]) | _FRAME_MARKERS_RU - {"правда", "верно", "правильно",
                                                                                    "действительно", "точно"}
_AUXILIARIES = frozenset(["did", "does", "do", "is", "are", "was", "were", "has", "have", "had", "will", "would",
                          "can", "could", "shall", "should", "might", "may"])
_FUTURE_EN = frozenset(["will", "shall"])
_TO_COME_EN = frozenset(["will", "would", "shall"])  # "would be punished": reported as to come
_PAST_EN = frozenset(["did", "was", "were", "had"])
_OPENERS_EN = frozenset(["so", "and", "but", "well", "hey", "ok", "okay", "please", "btw", "also", "then"])
_ASKERS_EN = frozenset(["you", "u", "anyone", "anybody", "someone", "somebody", "i", "we"])
_PLANNED_EN = frozenset(["planned", "scheduled", "expected", "due", "going", "plan", "plans", "upcoming"])
_EXISTENCE_EN = frozenset(["there", "any"])
_DATA_WORDS_EN = frozenset(["data", "information", "info", "figures", "statistics", "figure", "news", "mention"])
_ABOUT_PREPOSITIONS_EN = frozenset(["on", "about", "for", "of", "regarding"])
_PHRASES_EN = tuple(tuple(p.split()) for p in (
    "is it true that", "is it true", "is it correct that", "is it correct", "is it right that", "is it right",
    "is it so that", "is it the case that", "is it a fact that", "it is true that", "true that", "is that true that",
    "i heard that", "i heard", "i have heard that", "i ve heard that", "i read that", "they say that", "they say",
    "people say that", "people say", "did you know that", "do you know that", "do you know if", "do you know whether",
    "did you hear that", "is there any truth that", "can you confirm that", "can you confirm",
    "could you confirm that", "could you confirm", "please confirm that", "confirm that",
    # reported speech: "someone said …", "apparently …"
    "someone said that", "someone said", "somebody said that", "somebody said", "someone told me that",
    "someone told me", "i was told that", "i was told", "people say", "apparently", "reportedly", "allegedly",
    "supposedly", "rumor has it that", "rumour has it that", "word is that", "i read", "i heard",
))
# "…, right?", "… or not": a tag after a statement makes it a claim to check
_TAGS_EN = tuple(tuple(t.split()) for t in (
    "isn t it", "is that right", "is that true", "is that correct", "or not", "right", "correct", "true", "yes",
    "can you confirm", "could you confirm", "confirm"))
# "didn't" is read as «didn» «t»; typed without the apostrophe, as «didnt»
_NEGATIONS_EN = frozenset(["not", "never", "no", "didn", "wasn", "isn", "aren", "weren", "hasn", "haven", "hadn",
                           "doesn", "don", "won", "wouldn", "couldn", "shouldn", "cannot", "nobody", "nothing",
                           "didnt", "wasnt", "isnt", "arent", "werent", "hasnt", "havent", "doesnt", "dont", "wont",
                           "cant"])
_NOT_NEGATED_EN = frozenset(["less", "more", "later", "earlier", "fewer", "only"])
# how a number is said: «более 4 млрд», "more than 4 billion", «около 500»
_MORE = frozenset(["более", "больше", "свыше", "выше", "превысить", "превышать", "превысил", "превысила",
                   "превысили", "превышает", "превышают", "превысило", "more", "over", "above", "exceed", "exceeded",
                   "exceeds", "least"])
_EXCEED = frozenset(t for t in _MORE if t.startswith(("превы", "exceed")))  # a verb: its number may stand apart
_LESS = frozenset(["менее", "меньше", "ниже", "less", "under", "below", "fewer", "most"])
_ABOUT = frozenset(["около", "примерно", "приблизительно", "почти", "порядка", "about", "around", "approximately",
                    "almost", "nearly", "roughly", "some", "circa"])
_LINKS = frozenset(["на", "чем", "в", "than", "by", "to", "at", "of", "что"])
# the scale a unit names: the value of «4,4 млрд» and of "4.4 billion" is compared only at the same scale
_SCALES = {"тысяча": "k", "тыс": "k", "thousand": "k", "миллион": "m", "млн": "m", "million": "m", "mln": "m",
           "миллиард": "b", "млрд": "b", "billion": "b", "bn": "b", "триллион": "t", "trillion": "t",
           "процент": "%", "percent": "%", "%": "%"}
_UNIT_SPELLINGS = {"км": "километр", "km": "kilometre", "kilometer": "kilometre", "kilometres": "kilometre",
                   "kilometers": "kilometre", "т": "тонна", "usd": "dollar", "долл": "доллар"}
# names of parts of the world: an unknown place named so may hold the one a fact names
_REGIONS = frozenset(["азия", "европа", "африка", "америка", "австралия", "океания", "евразия", "кавказ",
                      "закавказье", "сибирь", "урал", "прибалтика", "балтия", "скандинавия", "балканы", "восток",
                      "запад", "север", "юг", "снг", "мир", "регион", "область", "край", "район", "страна",
                      "город", "столица", "республика"])
_PREPOSITIONS_OF_PLACE = frozenset(["в", "во", "in", "at"])
_VERB_POS = frozenset(["VERB", "INFN", "PRTS", "GRND"])
# verbs of promising: a claim with one is about the promise, which a fact of things to come confirms
_PROMISE = frozenset(["обещать", "пообещать", "заверить", "заверять", "гарантировать", "поклясться", "клясться",
                      "promise", "pledge", "vow", "assure", "guarantee"])
_MONTH_FORMS = frozenset([*MONTHS_GENITIVE, *(m.lower() for m in MONTHS_EN)])
_LOCATIVE_MONTHS = ("январе", "феврале", "марте", "апреле", "мае", "июне", "июле", "августе", "сентябре",
                    "октябре", "ноябре", "декабре")


@dataclass(frozen=True, slots=True)
class Framing:
    """A yes/no question or a claim to check, read from its words."""

    claim: str  # the question without its framing, as normalised words
    how: str  # "particle" («ли»), "phrase" («правда, что», "is it true"), "auxiliary" ("did"), "bare"
    negated: bool  # «не встречались», "didn't": an inverted question, left to the lookup
    choice: bool  # «в Москве или в Баку»: which one, not whether
    future: bool = False  # «планируется», "will …": about what is to come (and what the verbs say)
    past: bool = False  # «приезжал», "did …": about what happened — an announcement cannot confirm it


@dataclass(frozen=True, slots=True)
class Said:
    """A number the claim states, with what it counts and how it compares: «более 4 млрд долларов»."""

    value: float
    text: str  # as the parser keeps it («4.4»)
    scale: str  # "k", "m", "b", "%" or ""
    nouns: frozenset[str]  # lemmas of the words it counts («доллар», «студент»)
    compare: str  # "more", "less", "about" or "" (exactly)


@dataclass(frozen=True, slots=True)
class Stated:
    """A number a fact states, from its figures or its text, ready to compare with a ``Said``."""

    value: float
    scale: str
    nouns: frozenset[str]
    shown: str  # how to say it («почти 4,4 млрд долларов»)
    bound: str  # «более» "more", «менее» "less", «почти» "almost", «около» "about", or "" (exactly)


# -- reading the framing -----------------------------------------------------------------------------------

def read_framing(question: str, lang: str = "ru") -> Framing | None:
    """The yes/no framing of a question and the claim it frames; None for any other question."""
    tokens = words(question, max_chars=MAX_QUERY_CHARS)
    if not tokens:
        return None
    asks = _ends_with_question_mark(question[:MAX_QUERY_CHARS])  # nothing past the input cap is read
    if lang == "en":
        framing = _framing_en(tokens, asks)
    else:
        copula = bool(_COPULA.search(question[:MAX_QUERY_CHARS]))
        framing = _framing_ru(tokens, asks, copula=copula)
        clauses = _after_comma(question[:MAX_QUERY_CHARS])
        # «Иванов извинялся, когда …?»: a statement, then when it was (not «про завод, когда его построили»)
        openers = _CLAUSE_OPENERS | ({"когда"} if "когда" in clauses and _states_before_comma(
            question[:MAX_QUERY_CHARS]) else frozenset())
        if framing is None and ("ли" in tokens[1:] or (asks and clauses & openers)):
            # «прошёл ли саммит, где …», «саммит, где …, прошёл в Москве?»: «где» opens a clause
            framing = _framing_ru(tokens, asks, copula=copula, relative=clauses)
    if framing is None:
        return None
    claim = " ".join(with_digits(framing.claim.split(), lang))
    for first, last in _YEAR_RANGE.findall(normalize(question)):  # «на 2020–2025 годы» stays a range of years
        claim = claim.replace(f"{first} {last}", f"{first}-{last}")
    return dataclasses.replace(framing, claim=claim) if claim != framing.claim else framing


_DETERMINERS = frozenset({"the", "these", "those", "its", "their", "our", "эти", "те", "обе", "оба"})


def with_digits(tokens: Sequence[str], lang: str = "ru") -> list[str]:
    """A claim's small numbers said in words as digits («действуют три центра» → «3 центра»): a number said is
    checked against the fact's whatever way it is written. Not «the two leaders», «эти две страны»: who, not
    how many; nor «две страны», the two the source is about."""
    lx = lexicon_for(lang)
    out: list[str] = []
    for at, token in enumerate(tokens):
        value = lx.cardinal_words.get(token)
        if (value is not None and at + 1 < len(tokens) and (at == 0 or tokens[at - 1] not in _DETERMINERS)
                and (token, tokens[at + 1]) not in lx.both_sides):
            out.append(str(value))
        elif token in _HALVES:  # «полмиллиарда долларов»: 0.5 billion
            out.extend(("0.5", _HALVES[token]))
        else:
            out.append(token)
    return out


_HALVES = {"полмиллиарда": "млрд", "полмиллиона": "млн", "полтысячи": "тысячи"}


_YEAR_RANGE = re.compile(r"\b((?:19|20)\d\d)-((?:19|20)\d\d)\b")


_COPULA = re.compile(r"[^\W\d_]\s+[—–-]\s+\w")  # «Москва — столица России?»: a dash for a verb


def _ends_with_question_mark(question: str) -> bool:
    tail = question[-200:].rstrip()
    return bool(re.search(r"\?[\s!?.)»\"'…]*$", tail)) or bool(re.search(r"\?\W*$", tail))


def _asks_ru(token: str, previous: str = "") -> bool:
    """A Russian question word («когда», «какой», «на чём» in any form); «что» itself and «ли» are read apart
    («правда, что …»: a conjunction), and so is «чем» after a comparative («более чем»)."""
    if token in ("что", "ли") or (token == "чем" and previous in _NOT_NEGATED_RU):
        return False
    lx = lexicon_for("ru")
    if token in lx.question_words:
        return True
    if len(token) < 3:
        return False  # «к», «в»: a preposition, whatever a dictionary guesses for a bare letter
    info = analyser_for("ru")(token)
    return any(form in lx.question_words for form in info.forms) and (
        info.function or info.pos in ("ADJF", "NUMR", "ADVB")) and token.startswith(("к", "ч", "ск", "где"))


def _negated(tokens: Sequence[str], negations: frozenset[str], exempt: frozenset[str]) -> bool:
    """A negation that inverts the claim: «не встречались», "didn't"; not «не в России» (a place ruled out, which
    the parser reads), «не менее 4 млрд» (a bound) or "not only"."""
    for at, token in enumerate(tokens):
        if token not in negations:
            continue
        following = tokens[at + 1] if at + 1 < len(tokens) else ""
        if following in exempt or (token == "не" and following in ("в", "во")):
            continue
        return True
    return False


def _after_comma(question: str) -> frozenset[str]:
    """The words right after a comma that follows a noun: a question word there opens a relative clause about
    that noun («саммит, где …», «Петрова, когда тот …»), not the question («знаешь ли ты, когда …»)."""
    analyse = analyser_for("ru")
    pairs = _COMMA_WORD.findall(question.lower().replace("ё", "е"))
    return frozenset(after for before, after in pairs if analyse(before).pos == "NOUN" and not analyse(before).function)


def _states_before_comma(question: str) -> bool:
    """The words before the first comma make a statement: a finite verb, and no question word."""
    head = words(question.split(",", 1)[0], max_chars=MAX_QUERY_CHARS)
    analyse = analyser_for("ru")
    return any(_finite_ru(analyse(t)) for t in head) and not any(_asks_ru(t) for t in head)


_CLAUSE_OPENERS = frozenset(["где", "куда", "откуда"])  # not «…, сколько …», «про завод, когда …»: those ask
_COMMA_WORD = re.compile(r"([^\W\d_]+)\s*,\s*([^\W\d_]+)")


def _framing_ru(tokens: list[str], asks: bool, *, copula: bool = False,
                relative: frozenset[str] = frozenset()) -> Framing | None:
    tokens = lexicon_for("ru").without_indefinites(tokens)  # «когда-нибудь» is ever, not when
    if any(_asks_ru(token, tokens[at - 1] if at else "") and token not in relative
           for at, token in enumerate(tokens)):
        return None
    tokens = [t for t in tokens if t not in relative or not _asks_ru(t)]  # the clause's words stay, not «где»
    claim: list[str] | None = None
    how = ""
    tag = next((len(t) for t in _TAGS_RU if len(tokens) > len(t) + 1 and tuple(tokens[-len(t):]) == t), 0)
    if tag and (asks or (tokens[-1:] == ["нет"] and "или" in tokens[-3:])):
        tokens, how = tokens[:-tag], "tag"  # «…, так?», «… или нет»: what precedes the tag is the claim
    reported = 0
    while reported < min(3, len(tokens) - 2) and tokens[reported] in _FRAME_RU | _REPORTED_RU:
        reported += 1
    if reported and "что" not in tokens[:reported + 1] and any(t in _REPORTED_RU for t in tokens[:reported]):
        tokens, how = tokens[reported:], "reported"  # «говорят, главным партнёром была Турция»
    # «правда, что …», «говорят, что …», «знаете ли вы, что …»: a framing before «что»
    if "что" in tokens[:7]:
        at = tokens.index("что")
        head = tokens[:at]
        if head and all(t in _FRAME_RU for t in head) and any(t in _FRAME_MARKERS_RU for t in head):
            claim, how = tokens[at + 1:], "phrase"
    if claim is None and "ли" in tokens[1:]:
        at = tokens.index("ли", 1)
        if tokens[at - 1] in _DEGREE_RU:
            return None  # «много ли школ»: how many, not whether
        head = [t for t in tokens[:at] if t not in _OPENERS_RU]
        rest = tokens[at + 1:]
        if head and all(t in _FRAME_MARKERS_RU or t == "это" for t in head):
            head = []  # «правда ли …», «верно ли …», «действительно ли …»: the framing itself
            if rest[:1] == ["что"]:
                rest = rest[1:]
        claim, how = head + rest, "particle"
    if claim is None and how:
        claim = list(tokens)  # a tag or reported speech frames it: a statement even without a verb
    if claim is None:
        analyse = analyser_for("ru")
        if not copula and not any(_finite_ru(analyse(t)) for t in tokens):
            return None  # «товарооборот за год?» is a lookup, not a statement to check
        claim, how = list(tokens), "bare"
    while claim and claim[0] in _OPENERS_RU:
        claim = claim[1:]
    if not claim or _asks_what_ru(claim):
        return None  # «а что он сказал …?»: «что» before the verb asks what
    future = any(t in _PLANNED_RU for t in claim)
    claim = _about_ru([t for t in claim if t not in _PLANNED_RU])  # «планируются переговоры …»: the talks, to come
    if not claim:
        return None
    analyse = analyser_for("ru")
    past = any(_finite_ru(info) and info.tense == "past" for info in map(analyse, claim))
    return Framing(" ".join(claim), how, _negated(claim, _NEGATIONS_RU, _NOT_NEGATED_RU),
                   any(t in _CHOICE for t in claim), future, past and not future)


def doers_ru(text: str, mentions: Sequence[tuple[int, str, str]]) -> set[str]:
    """Who did it in a Russian text: the people named in the nominative, or after a passive participle those in
    the instrumental («Петров был принят Ивановым»; not «разговор с Ивановым»)."""
    analyse = analyser_for("ru")
    tokens = words(text, max_chars=MAX_QUERY_CHARS)
    agents = {person for at, person, case in mentions if case == "ablt" and any(
        analyse(tokens[before]).pos == "PRTS" and not {"с", "со"} & set(tokens[before:at])
        for before in range(max(0, at - PASSIVE_REACH), at))}
    return agents or {person for _, person, case in mentions if case == "nomn"}


def _settles(fact: Fact, claim_text: str, lang: str) -> bool:
    """The fact can settle the claim: one asking whether something still holds («ещё», «до сих пор», "still")
    only a state the source reports as of its date can; an event of a date neither confirms nor denies it."""
    tokens = claim_text.split()
    still = _STILL.get(lang, frozenset())
    return bool(fact.as_of) or not any(
        token in still and not _dated_after(tokens[at + 1:at + 3]) for at, token in enumerate(tokens))


def _dated_after(following: Sequence[str]) -> bool:
    """«ещё в 1985 году»: «ещё» right before a date says «as early as», not «still» (Russian only: "still in
    2020" does ask whether something persisted)."""
    if not following:
        return False
    after = following[1] if len(following) > 1 else ""
    return following[0][:1].isdigit() or (
        following[0] in ("в", "во", "до") and after[:1].isdigit())


def _finite_ru(info: WordInfo) -> bool:
    """A verb that makes a statement: a finite verb, a short participle («установлены») or a predicative."""
    return (info.pos == "VERB" and bool(info.tense)) or info.pos in ("PRTS", "PRED")


def _asks_what_ru(claim: Sequence[str]) -> bool:
    """«что» standing before the claim's first verb asks what («что он сказал»); after it, it joins a
    clause («Алиев заявил, что …»)."""
    if "что" not in claim:
        return False
    analyse = analyser_for("ru")
    for token in claim:
        if token == "что":
            return True
        if _finite_ru(analyse(token)):
            return False
    return False


def _about_ru(claim: list[str]) -> list[str]:
    """«есть данные о товарообороте в 2023» → «товарообороте в 2023»: whether the base knows of something is
    asked by what it is about; «есть у России …» → «у России …»."""
    out = [t for t in claim if t not in _EXISTENCE_RU]
    for at in range(len(out) - 1):
        if out[at] in _DATA_WORDS_RU and out[at + 1] in _ABOUT_PREPOSITIONS_RU:
            return out[:at] + out[at + 2:]
    return out


_QUESTION_WORDS_EN = frozenset(["when", "where", "who", "whom", "whose", "what", "which", "why", "how", "whence"])


def _framing_en(tokens: list[str], asks: bool) -> Framing | None:
    tag = next((len(t) for t in _TAGS_EN if len(tokens) > len(t) + 1 and tuple(tokens[-len(t):]) == t), 0)
    tagged = bool(tag) and (asks or tokens[-2:] == ["or", "not"])
    if tagged:
        tokens = tokens[:-tag]  # "…, right?": what precedes the tag is the claim
    at = 0
    while at < len(tokens) - 1 and tokens[at] in _OPENERS_EN:
        at += 1
    rest = tokens[at:]
    claim: list[str] | None = None
    how = ""
    future = past = False
    for phrase in _PHRASES_EN:
        if tuple(rest[:len(phrase)]) == phrase:
            claim, how = rest[len(phrase):], "phrase"
            break
    if claim is None and rest and rest[0] in _AUXILIARIES:
        if len(rest) > 1 and rest[1] in _ASKERS_EN:
            return None  # "do you know when …", "can you tell me …": not a claim about the subject
        claim, how, future = rest[1:], "auxiliary", rest[0] in _FUTURE_EN
        past = rest[0] in _PAST_EN
    if claim is None and tagged:
        claim, how = rest, "tag"
    if claim is None:
        analyse = analyser_for("en")
        infos = [analyse(t) for t in rest]
        # a verb with a tense, or one right after its plural subject ("students study")
        if not any(info.pos == "VERB" and not info.function and (
                info.tense or (at > 0 and infos[at - 1].pos == "NOUN" and infos[at - 1].plural))
                for at, info in enumerate(infos)):
            return None
        claim, how = rest, "bare"
    if not claim or any(t in _QUESTION_WORDS_EN for t in claim):
        return None
    future = future or any(t in _FUTURE_EN or t in _PLANNED_EN for t in claim)
    claim = [t for t in claim if t not in _EXISTENCE_EN and t not in _PLANNED_EN]
    for at in range(len(claim) - 1):  # "any data on trade in 2023" → "trade in 2023"
        if claim[at] in _DATA_WORDS_EN and claim[at + 1] in _ABOUT_PREPOSITIONS_EN:
            claim = claim[:at] + claim[at + 2:]
            break
    if not claim:
        return None
    analyse = analyser_for("en")
    past = past or any(analyse(t).tense == "past" and analyse(t).pos == "VERB" for t in claim)
    return Framing(" ".join(claim), how, _negated(claim, _NEGATIONS_EN, _NOT_NEGATED_EN),
                   any(t in _CHOICE for t in claim), future, past and not future)


# -- numbers said and stated --------------------------------------------------------------------------------

_NUMBER_TOKENS = re.compile(r"\d+(?:\.\d+)?%?|%|[a-zа-я]+")


def _unit_words(tokens: Sequence[str], lang: str) -> tuple[str, frozenset[str]]:
    """(scale, noun lemmas) of the words after a number: «млрд долларов» → ("b", {доллар})."""
    analyse = analyser_for(lang)
    rewrites = lexicon_for(lang).rewrites
    scale = ""
    nouns: set[str] = set()
    skipped = 0
    for token in tokens[:5]:
        token = _UNIT_SPELLINGS.get(token, rewrites.get(token, token)).split()[0]
        if token == "%":
            scale = scale or "%"
            break
        info = analyse(token)
        lemma = info.forms[0]
        if lemma in _SCALES or token in _SCALES:
            if scale or nouns:
                break
            scale = _SCALES.get(lemma) or _SCALES[token]
            continue
        if info.pos == "PREP" and nouns and not scale and skipped < 1:
            skipped += 1  # «500 общих с Францией фирм»: what is counted may follow a phrase about it
            continue
        if info.function or token[:1].isdigit() or info.pos in ("VERB", "INFN", "PRTS", "GRND"):
            break
        nouns.add(_UNIT_SPELLINGS.get(lemma, info.lemmas[0]))
    return scale, frozenset(nouns)


def said_numbers(text: str, numbers: Iterable[str], lang: str = "ru") -> tuple[Said, ...]:
    """The numbers a claim states (those the parser kept as numbers, not years or days), with their units and
    comparisons: «вырос на 15%», «более 4 млрд долларов», "about 300 million dollars"."""
    wanted = set(numbers)
    tokens = with_digits(_NUMBER_TOKENS.findall(normalize(text)), lang)
    out: list[Said] = []
    for at, token in enumerate(tokens):
        bare = token.rstrip("%")
        if not bare[:1].isdigit() or bare not in wanted:
            continue
        after = ["%"] if token.endswith("%") else tokens[at + 1:at + 6]
        scale, nouns = _unit_words(after, lang)
        compare = ""
        for back in reversed(tokens[max(0, at - 3):at]):
            if back in _MORE:
                compare = "more"
            elif back in _LESS:
                compare = "less"
            elif back in _ABOUT:
                compare = "about"
            elif back in _LINKS:
                continue
            break
        if not compare and any(back in _EXCEED for back in itertools.takewhile(
                lambda t: t.rstrip("%") not in wanted, reversed(tokens[:at]))):
            compare = "more"  # «превысил ли экспорт в 2020 году 2 млрд»: the verb governs its number from afar
            # (past a year or a day, not past another number said)
        out.append(Said(float(bare), bare, scale, nouns, compare))
    return tuple(out)


_BOUNDS = {"более": "more", "свыше": "more", "more than": "more", "over": "more", "менее": "less",
           "less than": "less", "почти": "almost", "almost": "almost", "nearly": "almost", "около": "about",
           "примерно": "about", "порядка": "about", "about": "about", "around": "about"}
_TEXT_NUMBER = re.compile(r"(?:\b(почти|около|более|свыше|менее|примерно|порядка|almost|about|more than|over|less than"
                          r"|nearly|around)\s+)?(?<![\w.,-])(\d+(?:[.,]\d+)?)(?:-[а-яa-z]{1,3})?((?:\s+[^\s\d.,;:()«»]+){1,2})",
                          re.IGNORECASE)


def stated_numbers(fact: Fact, lang: str = "ru") -> tuple[Stated, ...]:
    """The numbers a fact states: its figures (with their units), else the numbers of its text with the words
    after them («78-й сессии»)."""
    out: list[Stated] = []
    for figure in fact.figures:
        unit = figure.unit_en or figure.unit if lang == "en" else figure.unit
        scale, nouns = ("%", frozenset[str]()) if unit.strip() == "%" else _unit_words(
            _NUMBER_TOKENS.findall(normalize(unit)), lang)
        shown = (figure_en(figure) or "") if lang == "en" else _said_figure(figure)
        if shown:
            out.append(Stated(figure.value, scale, nouns, shown, _BOUNDS.get(figure.qualifier, "")))
    if out:
        return tuple(out)
    text = (fact.text_en or fact.text) if lang == "en" else fact.text
    for match in _TEXT_NUMBER.finditer(text):
        number = match.group(2).replace(",", ".")
        following = match.group(3).split()
        if (len(number) == 4 and number.isdigit()) or (following and following[0].lower() in _MONTH_FORMS):
            continue  # a year, a day of a month
        scale, nouns = _unit_words(_NUMBER_TOKENS.findall(normalize(match.group(3))), lang)
        out.append(Stated(float(number), scale, nouns, match.group(0).strip(),
                          _BOUNDS.get((match.group(1) or "").lower(), "")))
    return tuple(out)


def _fitting(said: Said, stated: Sequence[Stated]) -> list[Stated]:
    """The fact's numbers a number said is about: of its unit; the only one at its scale when the words differ
    ("600 thousand visitors", "480 thousand people"); none for a number said without a unit («модель Т-90»)."""
    if not (said.scale or said.nouns):
        return []
    fitting = [s for s in stated if _fits(said, s)]
    scaled = [s for s in stated if s.scale == said.scale]
    return fitting or (scaled if said.scale and len(scaled) == 1 else [])


def _said_figure(figure: Figure) -> str:
    """«2,5 тысячи человек» (the unit is stored for whole numbers: «тысяч человек»)."""
    if figure.value == int(figure.value) or figure.unit == "%":
        return figure.display()
    return dataclasses.replace(figure, unit=fractional_unit(figure.unit)).display()


def _counts_what_said(said: Sequence[Said], fact: Fact, lang: str) -> bool:
    """The fact states a number of what the claim counts, by its words («туристов»), not just at its scale:
    a fact that counts something else («480 тысяч человек» the other way) is no rival value of it."""
    stated = stated_numbers(fact, lang)
    return any(number.nouns & s.nouns and number.scale == s.scale for number in said for s in stated)


_MAGNITUDES = {"": 1.0, "k": 1e3, "m": 1e6, "b": 1e9, "t": 1e12}


def _fits(said: Said, stated: Stated) -> bool:
    """The same unit: the same scale and, when both name what they count, a word in common; or the same thing
    counted at another scale («3 тысячи студентов», «1000 студентов»)."""
    if said.scale != stated.scale:
        return said.scale in _MAGNITUDES and stated.scale in _MAGNITUDES and _same_nouns(said.nouns, stated.nouns)
    return not said.nouns or not stated.nouns or _same_nouns(said.nouns, stated.nouns)


def _same_nouns(one: frozenset[str], other: frozenset[str]) -> bool:
    """A noun in common, or one ending in the other: a compound's head («госстипендия», «стипендия»)."""
    return bool(one & other) or any(a.endswith(b) or b.endswith(a) for a in one for b in other
                                    if min(len(a), len(b)) >= COMPOUND_HEAD)


def _absolute(said: Said, stated: Stated) -> tuple[Said, Stated]:
    """Both numbers at one scale, when they are said at two («3 тысячи» against «1000»)."""
    if said.scale == stated.scale or said.scale not in _MAGNITUDES or stated.scale not in _MAGNITUDES:
        return said, stated
    return (dataclasses.replace(said, value=said.value * _MAGNITUDES[said.scale], scale=""),
            dataclasses.replace(stated, value=stated.value * _MAGNITUDES[stated.scale], scale=""))


def compare_number(said: Said, stated: Stated) -> str:
    """"agree", "differ" or "unknown": «более 4 млрд» against «почти 4,4 млрд», «30%» against «24%».

    The source's qualifier makes its number a range, read as people read it: «почти 4,4» is a little under
    4.4, «около 500» within a tenth of it, «более 2,5 млрд» at least 2.5 and not several times more. A claim
    agrees when its own range holds the source's and is contradicted when the two cannot meet."""
    said, stated = _absolute(said, stated)
    x, v = said.value, stated.value
    low, high = _stated_range(stated)
    if said.compare == "more":
        if low > x or (low == x and stated.bound == "more"):
            return "agree"
        return "differ" if high < x or (high == x and stated.bound != "more") else "unknown"
    if said.compare == "less":
        if high < x or (high == x and stated.bound == "less"):
            return "agree"
        return "differ" if low > x or (low == x and stated.bound != "less") else "unknown"
    if said.compare == "about":
        gap = abs(v - x) / abs(x) if x else abs(v)
        return "agree" if gap <= APPROXIMATE else "differ" if gap > DIFFERENT else "unknown"
    if stated.bound in ("more", "less"):  # «более 7 тысяч»: only its own number agrees with an exact claim
        return "agree" if x == v else "unknown" if low <= x <= high else "differ"
    return "agree" if low <= x <= high else "differ"


def _stated_range(stated: Stated) -> tuple[float, float]:
    v = stated.value
    return {"more": (v, v * (1 + BOUND_REACH)), "less": (v * (1 - BOUND_REACH), v), "almost": (v * (1 - ALMOST), v),
            "about": (v * (1 - APPROXIMATE), v * (1 + APPROXIMATE))}.get(stated.bound, (v, v))


def number_state(said: Sequence[Said], fact: Fact, entry: FactEntry, lang: str) -> tuple[str, str]:
    """("agree" | "differ" | "unknown", how the fact states the number that differs, after «=» its value:
    «почти 4,4 млрд долларов=4.4»)."""
    stated = stated_numbers(fact, lang)
    differ = ""
    for number in said:
        fitting = _fitting(number, stated)
        if not fitting:
            if number.text in entry.numbers and not number.compare:
                continue  # «самолёт Ту-154»: the number is there, and nothing of its unit says otherwise
            return "unknown", ""
        states = [compare_number(number, s) for s in fitting]
        if "agree" in states:
            continue
        values = {s.value for s, state in zip(fitting, states, strict=True) if state == "differ"}
        if "unknown" in states or len(values) != 1:
            return "unknown", ""
        first = next(s for s, state in zip(fitting, states, strict=True) if state == "differ")
        differ = differ or f"{first.shown}={first.value:g}"
    return ("differ", differ) if differ else ("agree", "")


# -- the check ------------------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _Denial:
    score: float
    value: str
    facts: tuple[Fact, ...]


class Verdicts:
    """«Да», «Нет» or neither for a yes/no question or a claim (see the module docstring)."""

    def __init__(self, compose: Composer, parse: Callable[[str, dt.date], Query],
                 lookup: Callable[[str, Query], Answer], *, base_end: dt.date) -> None:
        self.compose = compose  # the reply builders every answer is made with
        self._parse = parse  # a question read against the index, with a relative period resolved
        self._answer_query = lookup  # the engine's plain reading of a text (the claim alone)
        self.base, self.index, self.settings, self.say = compose.base, compose.index, compose.settings, compose.say
        self.lang, self.reply, self.base_end = compose.lang, compose.reply, base_end
        self._kinds: dict[str, tuple[str, str]] = {
            ref: (entity.kind, entity.country) for ref, entity in self.base.entities.items()}
        self._entries: dict[str, FactEntry] = {entry.fact.id: entry for entry in self.index.entries}
        self._together: frozenset[tuple[str, str]] | None = None  # places named together, at the first claim
        self._position: dict[str, int] | None = None  # each fact's place in the index, at the first claim

    @staticmethod
    def _whole(plain: Answer, scored: _Scores) -> bool:
        """The lookup answered with facts each of which holds every word and name of the claim (several of one
        occasion, tied: each says it all)."""
        found = [scored.get(i) for i in plain.facts] if plain.answered else []
        return bool(found) and all(f is not None and f.allowed and f.coverage >= WHOLE_COVERAGE for f in found)

    def _said_whole(self, claim: Query) -> Scored | None:
        """The best fact for the claim, when it holds every word and name of it (the lookup may have read the
        question otherwise: «Франция в тройке стран» as asking which country)."""
        best = next(iter(rank(claim, self.index)), None)
        if best is None or not best.allowed or best.coverage < WHOLE_COVERAGE:
            return None
        return best if best.score >= self.settings.answer_threshold else None

    def check_claim(self, question: str, plain: Answer, today: dt.date) -> Answer | None:
        """The answer to a yes/no question or a claim; None when the question is none (or one the lookup
        answers in its own way: a ranking, a count, a list, a period, an event before or after another)."""
        framing = read_framing(question, self.lang)
        if framing is None or framing.negated or framing.choice:
            return None
        claim = self._parse(framing.claim, today)
        first = claim.intent.ordinal == "earliest" and self._first_said(framing)
        if first:  # «впервые участвовал … в 2023»: checked as what happened, by facts that say it was the first
            framing = dataclasses.replace(framing, claim=first)
            claim = self._parse(first, today)
        lx, analyse = lexicon_for(self.lang), analyser_for(self.lang)
        clauses = _after_comma(question[:MAX_QUERY_CHARS]) if self.lang == "ru" else frozenset()
        if claim.intent.answer_type not in ("", "what", "figure") and not any(
                t in lx.question_words and t not in clauses for t in framing.claim.split()):
            # «в десятке стран», "each year": a noun with no question word; «саммит, где …»: a clause's word
            claim = claim.changed(answer_type="")
        asks = claim.intent
        if (not claim.has_content or asks.smalltalk or asks.answer_type not in ("", "what", "figure")
                or asks.nth or asks.ordinal or asks.frequent or asks.trend or asks.comparison
                or asks.list_intent or asks.count_intent or asks.now or asks.upcoming or asks.becomes
                or claim.scope.excluded_places):
            return None
        scored = _Scores(claim, self.index, self._positions())
        whole = self._said_whole(claim)
        if asks.extreme and not (self._whole(plain, scored) or whole):
            return None  # «самый крупный инвестор»: a ranking to make, unless one fact says all of it
        relative = split_relative(framing.claim, lx, analyse, names=self.index.aliases)
        if relative is not None and not {r for r in self._parse(relative[2].split()[0], today).scope.entities
                                         if self._kinds[r][0] == "person"} and not self._whole(plain, scored):
            return None  # «встречались ли они после …»: the nearest occasion, as the lookup finds it; not
            # «извинился перед коллегой», a person; nor a fact that says all of it, the event after which included
        tense = "future" if claim.intent.future or framing.future else "past" if framing.past else ""
        said = said_numbers(question, claim.scope.numbers, self.lang)  # the question's own «%» and commas
        # a figure is one value of one thing: when facts matching the claim but for its number disagree on it
        # (so many tourists one way, and as many visitors the other way: the number fits the other fact),
        # the number picked one of them, and neither «Да» nor «Нет» is safe
        compared = self._number_rivals(claim, said, tense) if said else []
        contested = self._contested(compared)
        outmatched = contested or bool(compared and compared[0][1] == "differ")  # a better match says otherwise
        tried: list[Answer] = []
        for reading in self._readings(question, plain, framing, claim):  # the whole question, then the claim
            tried.append(reading)
            facts = [f for f in (self.base.fact(i) for i in reading.facts) if f is not None]
            sure = [f for f in facts if self._confirms(claim, scored.get(f.id), said, tense, framing.claim)
                    and (not first or self._says_first(f))]
            if sure and not outmatched:
                return self._affirm(question, claim, sure, said, reading, scored)
        if whole is not None and not outmatched and not any(r.answered for r in tried) and self._confirms(
                claim, scored.get(whole.entry.fact.id), said, tense, framing.claim) and (
                not first or self._says_first(whole.entry.fact)):
            # no reading answered, yet one fact says all of the claim: the readings asked something else of it
            return self._affirm(question, claim, [whole.entry.fact], said, plain, scored)
        found = [f for reading in tried if reading.answered for i in reading.facts
                 if (f := self.base.fact(i)) is not None]
        if tense == "future" and found and not any(f.status == "planned" for f in found):
            return None  # «накажут ли …»: a promise the source reports, not an announced event
        if first and not all(self._says_first(f) for f in found):
            return None  # the first time is what the claim says: only a fact saying so settles it
        if compared and compared[0][1] == "agree" and not contested:
            # «превысил 2 млрд»: no fact states 2, and the one that states 4 confirms it
            agreeing = [s for s, state in compared if state == "agree"]
            counting = [s for s in agreeing if _counts_what_said(said, s.entry.fact, self.lang)]
            agreeing = counting or agreeing  # the tourists' figure, not the visitors' that is also above it
            return self._affirm(question, claim, [s.entry.fact for s in agreeing], said, plain,
                                {s.entry.fact.id: s for s in agreeing})
        denial = None if contested else self._deny(claim, said, tense, framing)
        if denial is not None:
            facts = list(denial.facts[:MAX_SHOWN])
            lead = self.say.lead_no.format(value=denial.value)
            return self.compose.build(question, "answer" if len(facts) == 1 else "list", True, lead, facts,
                                      denial.score, total=len(denial.facts), verdict="no")
        if not found:
            return None  # the lookup's own decline or suggestions
        if plain.answered and not contested and all(self._tolerable(claim, scored.get(i), said, tense)
                                                    for i in plain.facts):
            # the lookup answered the whole question with facts naming every thing the claim names: its reading
            # is the confirmation, in other verbs
            facts = [f for i in plain.facts if (f := self.base.fact(i)) is not None]
            if not all(_settles(f, framing.claim, self.lang) for f in facts):
                return None  # whether a state persists: the lookup's facts tell what changed, without a verdict
            if all(self._roles_agree(framing.claim, claim, f) and not overstates(framing.claim, f, self.lang)
                   and not self._opposed(claim, f) and not self._other_sides(framing.claim, f)
                   and not (tense == "past" and (own := scored.get(f.id)) is not None
                            and self._told_as_to_come(claim, own)) for f in facts):
                return self._affirm(question, claim, facts, said, plain, scored)
            # someone else did it, or it was only promised: shown, not asserted
        shown = list(dict.fromkeys(found))[:MAX_SHOWN]  # found, but not confirming the claim: not asserted
        announced = all(f.status == "planned" for f in shown) and tense != "future"
        lead = self.say.lead_announced_only if announced else self.say.lead_unconfirmed
        offered = self.compose.suggestions(rank(claim, self.index), exclude={f.id for f in shown})
        return self.compose.build(question, "partial", False, lead, shown, max(r.score for r in tried),
                                  suggestions=offered)

    def _first_said(self, framing: Framing) -> str:
        """The claim without its «впервые» / "first" (one said once, as a word of its own), or ""."""
        lx, analyse = lexicon_for(self.lang), analyser_for(self.lang)
        tokens = framing.claim.split()
        said = [t for t in tokens if t in lx.earliest_words or analyse(t).forms[:1] == ("впервые",)]
        if len(said) != 1:
            return ""
        return " ".join(t for t in tokens if t not in said)

    def _says_first(self, fact: Fact) -> bool:
        """The fact itself says it was the first time («впервые», "for the first time")."""
        lx, analyse = lexicon_for(self.lang), analyser_for(self.lang)
        text = (fact.text_en or fact.text) if self.lang == "en" else fact.text
        return any(t in lx.earliest_words or set(analyse(t).forms[:1]) & lx.earliest_words
                   for t in words(text, max_chars=MAX_QUERY_CHARS))

    def _positions(self) -> dict[str, int]:
        """Each fact's position in the index (for scoring one fact without ranking them all)."""
        if self._position is None:
            self._position = {entry.fact.id: at for at, entry in enumerate(self.index.entries)}
        return self._position

    def _readings(self, question: str, plain: Answer, framing: Framing, claim: Query) -> Iterator[Answer]:
        """The lookup of the whole question, then (only when needed, and when it differs) of the claim alone."""
        yield plain
        if framing.claim != " ".join(words(question, max_chars=MAX_QUERY_CHARS)):
            yield self._answer_query(framing.claim, claim)

    # -- «Да» ------------------------------------------------------------------------------------------------
    def _confirms(self, claim: Query, scored: Scored | None, said: Sequence[Said], tense: str,
                  claim_text: str = "") -> bool:
        """The fact confirms the claim: every named detail agrees, it explains the claim's words, the numbers
        said agree with it, and its tense fits: an announcement never confirms what happened, a past event
        never what is to come."""
        if scored is None or not (scored.allowed and scored.complete):
            return False
        if scored.score < self.settings.answer_threshold - CONFIRM_MARGIN or not self._explains(claim, scored):
            return False
        if self._other_action(claim, scored):  # «началось ли строительство»: not a fact on an agreement to build
            return False
        fact = scored.entry.fact
        if not _tense_fits(fact, tense) or (tense == "past" and self._told_as_to_come(claim, scored)):
            return False
        if _other_span(claim, fact):
            return False
        if claim_text and not (self._roles_agree(claim_text, claim, fact) and _settles(fact, claim_text, self.lang)):
            return False
        if claim_text and overstates(claim_text, fact, self.lang):
            return False
        if claim_text and self._other_sides(claim_text, fact):
            return False
        if self._opposed(claim, fact):
            return False
        return not said or number_state(said, fact, scored.entry, self.lang)[0] == "agree"

    def _opposed(self, claim: Query, fact: Fact) -> bool:
        """The claim says one of two opposites («упал») and the fact the other («вырос»)."""
        pairs = lexicon_for(self.lang).opposites
        said = {lemma for term in claim.words.terms for lemma in term.lemmas}
        if not pairs or not said & {word for pair in pairs for word in pair}:
            return False
        analyse = reader(self.index)
        text = fact.text_en if self.lang == "en" and fact.text_en else fact.text
        told = {lemma for word in words(text, max_chars=MAX_QUERY_CHARS) for lemma in analyse(word).lemmas[:1]}
        return any((a in said and b in told and a not in told) or (b in said and a in told and b not in told)
                   for a, b in pairs)

    def _told_as_to_come(self, claim: Query, scored: Scored) -> bool:
        """The fact says the action the claim says happened only beside a verb in the future («виновные понесут
        наказание», "will be punished"): a promise, which does not confirm that it was done."""
        analyse = reader(self.index)  # the lemmas the question's terms were read with (synonyms merged)
        if any(set(analyse(term.word).forms) & _PROMISE for term in claim.words.terms):
            return False  # the claim is that it was promised («обещал наказать»): the fact's future is the promise
        fact = scored.entry.fact
        infos = [analyse(token) for token in words((fact.text_en or fact.text) if self.lang == "en" else fact.text,
                                                    max_chars=MAX_QUERY_CHARS)]
        told = False
        for position, term in enumerate(claim.words.terms):
            if position not in scored.matched or analyse(term.word).pos not in _VERB_POS:
                continue
            spots = [at for at, info in enumerate(infos) if set(info.lemmas) & set(term.lemmas)]
            if not spots:
                continue
            if not all(any(near.tense == "futr" or near.word in _TO_COME_EN
                               for near in infos[max(0, at - FUTURE_REACH):at + FUTURE_REACH]) for at in spots):
                return False
            told = True
        return told

    def _promise(self, fact: Fact) -> bool:
        """The fact tells of something to come: a verb of its text in the future («понесут», "will be")."""
        analyse = reader(self.index)
        text = (fact.text_en or fact.text) if self.lang == "en" else fact.text
        return any(info.tense == "futr" or info.word in _TO_COME_EN
                   for info in map(analyse, words(text, max_chars=MAX_QUERY_CHARS)))

    def _mentions(self, text: str, people: frozenset[str]) -> list[tuple[int, str, str]]:
        return mentions(text, self.index, people)

    def _roles_agree(self, claim_text: str, claim: Query, fact: Fact) -> bool:
        """Who did it, when a claim names two people: «А извинился перед Б» is not confirmed by a fact in which
        Б apologised to А. The one doing it is the person named in the nominative (Russian)
        or before the verb (English); in the fact, the person named so (Russian) or nearest before the same
        verb (English). Agrees unless the fact gives that role to another person the claim names."""
        people = frozenset(r for r in claim.scope.entities if self._kinds[r][0] == "person")
        if len(people) < 2:
            return True
        said = self._mentions(claim_text, people)
        text = (fact.text_en or fact.text) if self.lang == "en" else fact.text
        stated = self._mentions(text, people)
        if self.lang != "en":
            doers = doers_ru(claim_text, said)
            if len(doers) != 1 or doers == people:
                return True
            done = doers_ru(text, stated)
            return bool(doers & done) or not (done & people)
        tokens = words(claim_text, max_chars=MAX_QUERY_CHARS)
        analyse = analyser_for("en")
        verbs = [(at, analyse(t)) for at, t in enumerate(tokens)
                 if analyse(t).pos == "VERB" and not analyse(t).function]
        if not verbs:
            return True
        at, verb = verbs[0]
        doers = {person for position, person, _ in said if position < at}
        if len(doers) != 1:
            return True
        fact_tokens = words(text, max_chars=MAX_QUERY_CHARS)
        where = next((i for i, t in enumerate(fact_tokens) if set(analyse(t).lemmas) & set(verb.lemmas)), None)
        if where is None:
            return True
        if where and fact_tokens[where - 1] in BE_FORMS:  # "Smith was received by Jones": the one after "by"
            after = [person for position, person, _ in stated if position > where
                     and "by" in fact_tokens[where:position]]
            return not after or after[0] in doers
        before = [person for position, person, _ in stated if position < where]
        return not before or before[-1] in doers

    def _gaps(self, claim: Query, scored: Scored) -> tuple[float, float, bool]:
        """What of the claim the fact leaves unexplained: (share of its weight, verbs at ``VERB_SHARE``; share
        of the things it names, verbs left out; whether a word the base never uses is among them)."""
        analyse = analyser_for(self.lang)
        total = things = verbs = 0.0
        unknown = False
        for position, term in enumerate(claim.words.terms):
            if term.word in _MORE or term.word in _LESS or term.word in _ABOUT:
                continue  # «превысил 2 млрд»: how a number compares, which the numbers' check reads
            verb = analyse(term.word).pos in _VERB_POS
            weight = term.weight * VERB_SHARE if verb or not term.noun else term.weight
            total += weight
            if position in scored.matched:
                continue
            unknown = unknown or not term.known
            if verb or not term.noun:
                verbs += weight
            else:
                things += weight
        for ref in claim.scope.soft_entities:
            total += ENTITY_WEIGHT
            if ref not in scored.entry.entities:
                things += ENTITY_WEIGHT
        # named people, places, periods and numbers: the scorer made them agree
        total += ENTITY_WEIGHT * (len(claim.scope.entities) + len(claim.scope.numbers))
        total += ENTITY_WEIGHT * claim.scope.timed
        if total <= 0:
            return 1.0, 1.0, unknown
        return (things + verbs) / total, things / total, unknown

    def _explains(self, claim: Query, scored: Scored) -> bool:
        """The fact explains the claim: at most ``UNEXPLAINED_SHARE`` of its weight is missing, no word the
        base never uses («поссорились», "Tehran") is."""
        missed, _, unknown = self._gaps(claim, scored)
        return missed <= UNEXPLAINED_SHARE and not unknown

    def _other_action(self, claim: Query, scored: Scored) -> bool:
        """A verb of the claim the fact does not hold, though other facts of the base do: the fact tells of
        another action on the same thing, which cannot confirm this one."""
        analyse = analyser_for(self.lang)
        return any(term.known and position not in scored.matched and analyse(term.word).pos in _VERB_POS
                   and not term.noun for position, term in enumerate(claim.words.terms))

    def _tolerable(self, claim: Query, scored: Scored | None, said: Sequence[Said], tense: str) -> bool:
        """The lookup's fact names every thing the claim names, if with other verbs («считает стратегическим
        партнёром»): its answer stands, without a verdict."""
        if scored is None or not scored.allowed or not _tense_fits(scored.entry.fact, tense):
            return False  # an announced event shown for a claim about what happened: the announcement lead
        if _other_span(claim, scored.entry.fact):
            return False
        _, things, _ = self._gaps(claim, scored)
        numbers = number_state(said, scored.entry.fact, scored.entry, self.lang)[0] if said else "agree"
        analyse = analyser_for(self.lang)
        named = any(position not in scored.matched and analyse(term.word).proper
                    for position, term in enumerate(claim.words.terms))  # «открыли в Лионе»: a name it lacks
        missing = any(position not in scored.matched and term.known and analyse(term.word).pos == "NOUN"
                      and term.weight >= THING_WEIGHT for position, term in enumerate(claim.words.terms))
        if tense == "past" and self._promise(scored.entry.fact) and any(
                position not in scored.matched and analyse(term.word).pos in _VERB_POS
                for position, term in enumerate(claim.words.terms)):
            return False  # «виновные уже осуждены» of a fact that they «понесут наказание»: promised, not done
        return things <= UNEXPLAINED_SHARE and numbers == "agree" and not named and not missing

    def _affirm(self, question: str, claim: Query, facts: list[Fact], said: Sequence[Said], reading: Answer,
                scored: Mapping[str, Scored] | _Scores) -> Answer:
        """«Да — …» with the confirming facts: the date of an event, the figure of a number said."""
        score = max((found.score for f in facts if (found := scored.get(f.id)) is not None), default=0.0)
        if len(facts) > 1:
            listed = self.say.lead_list.format(count=len(facts))
            if len(occasion_groups(facts)) == 1 and not any(f.as_of for f in facts):
                listed = self._when(max(facts, key=lambda f: f.date.end - f.date.start)) + ":"  # one occasion
            lead = self.say.lead_yes.format(detail=_lower_first(listed, self.reply))
            return self.compose.build(question, "list", True, lead, facts[:self.settings.max_list], score,
                                      total=len(facts), verdict="yes")
        fact = facts[0]
        detail = ""
        if said:
            stated = stated_numbers(fact, self.lang)
            shown = list(dict.fromkeys(s.shown for n in said for s in _fitting(n, stated)))
            detail = shown[0] if len(shown) == 1 else ""
        if not detail and claim.intent.answer_type == "figure" and reading.kind == "answer" and reading.lead \
                and list(reading.facts) == [fact.id]:
            detail = reading.lead.rstrip(".")  # «есть ли данные о товарообороте»: the figure, as the lookup said it
        if not detail and not fact.as_of:
            detail = self._when(fact)
        lead = self.say.lead_yes.format(detail=_lower_first(detail, self.reply)) + "." if detail else self.say.yes_plain
        return self.compose.build(question, "answer", True, lead, [fact], score, verdict="yes")

    # -- «Нет» ----------------------------------------------------------------------------------------------
    def _deny(self, claim: Query, said: Sequence[Said], tense: str, framing: Framing) -> _Denial | None:
        """Set aside one named detail at a time; «Нет» when the best fact matching the rest states another value
        of it, and no other fact matching the rest as well agrees with the claim or states a third value (one
        that does not state the detail at all, or not precisely enough, neither confirms nor denies)."""
        found: list[tuple[bool, bool, _Denial]] = []  # (of the number said, keeping everyone named, the denial)
        for relaxed, value_of in self._relaxations(claim, said, framing):
            ranked = [s for s in rank(relaxed, self.index) if s.allowed and s.complete
                      and s.score >= self.settings.suggest_threshold and self._explains(relaxed, s)
                      and _tense_fits(s.entry.fact, tense)]
            if not ranked or ranked[0].score < self.settings.answer_threshold:
                continue
            state, value = value_of(ranked[0].entry.fact)
            if state != "differ":
                continue
            rivals = [(s, value_of(s.entry.fact)) for s in ranked if s.score >= ranked[0].score - RIVAL_MARGIN
                      and (s is ranked[0] or not relaxed.scope.numbers < claim.scope.numbers
                           or _counts_what_said(said, s.entry.fact, self.lang)
                           or not _counts_what_said(said, ranked[0].entry.fact, self.lang))]
            if any(said_state == "agree" or (said_state == "differ" and not _same_value(other, value))
                   for _, (said_state, other) in rivals):
                continue  # a fact matching the rest agrees with the claim, or states a third value
            key, value = _key(value), value.split("=", 1)[0]
            facts = sorted(dict.fromkeys(s.entry.fact for s, (said_state, other) in rivals
                                         if said_state == "differ" and _key(other) == key),  # not a coarser one
                           key=lambda f: (f.date.start, f.date.end))  # best first within a day
            kept = claim.scope.entities <= relaxed.scope.entities  # every one named is in the facts that deny
            found.append((relaxed.scope.numbers < claim.scope.numbers, kept,
                          _Denial(ranked[0].score, value, tuple(facts))))
        # a figure said for a period is denied by that period's figure («рост на 10% в 2023?» — «Нет: 7%»), not by
        # the other period that had it; the people named are who the claim is about, so a denial keeping them all
        # («Иванов и Петров встречались 6-го?» — «Нет: 5-го») before one setting one aside; then the best match
        return max(found, key=lambda d: (d[0], d[1], d[2].score))[2] if found else None

    def _contested(self, compared: list[tuple[Scored, str]]) -> bool:
        """Facts matching the claim but for its numbers disagree on them: the best states another value while a
        worse one agrees (the number picked the worse), or one as good as the best that agrees states another."""
        if not compared:
            return False
        top, state = compared[0]
        states = [other for _, other in compared]
        if state == "differ":
            return "agree" in states
        close = [other for s, other in compared if s.score >= top.score - self.settings.tie_margin]
        return "differ" in (close if state == "agree" else states) and "agree" in states

    def _number_rivals(self, claim: Query, said: Sequence[Said], tense: str) -> list[tuple[Scored, str]]:
        """The facts matching the claim but for its numbers, as well as the best of them does, each with how it
        compares with the numbers said ("agree", "differ", "unknown"): «более 4 млрд» against «почти 4,4 млрд»
        is compared, not matched."""
        relaxed = claim.changed(numbers=frozenset())
        ranked = [s for s in rank(relaxed, self.index) if self._confirms(relaxed, s, (), tense)]
        if not ranked or ranked[0].score < self.settings.answer_threshold:
            return []
        near = [s for s in ranked if s.score >= ranked[0].score - RIVAL_MARGIN]
        if not _counts_what_said(said, near[0].entry.fact, self.lang):
            # «150 тысяч туристов»: a fact counting tourists matches the claim's number better than one counting
            # people that shares more of its words
            counting = [s for s in ranked if s.score >= ranked[0].score - 2 * RIVAL_MARGIN
                        and _counts_what_said(said, s.entry.fact, self.lang)]
            near = counting or near
        states = [(s, number_state(said, s.entry.fact, s.entry, self.lang)[0]) for s in near]
        if any(state == "agree" and _counts_what_said(said, s.entry.fact, self.lang) for s, state in states):
            # a fact stating the number as said («8 тысяч студентов») outweighs one that differs only at another
            # scale («1000 студентов» of them, a part)
            states = [(s, state) for s, state in states
                      if state != "differ" or _counts_what_said(said, s.entry.fact, self.lang)]
        return states

    def _relaxations(self, claim: Query, said: Sequence[Said], framing: Framing
                     ) -> list[tuple[Query, Callable[[Fact], tuple[str, str]]]]:
        """The claim with one named detail set aside, and how to read that detail off a fact: ("agree", ""),
        ("differ", the value it states) or ("unknown", "") when it does not say (precisely enough)."""
        out: list[tuple[Query, Callable[[Fact], tuple[str, str]]]] = []
        # meetings, visits, summits recur: another one elsewhere or at another time does not contradict the
        # claim, unless it names the day (then the people were elsewhere that day)
        events = lexicon_for(self.lang).event_nouns
        recurring = any(set(t.lemmas) & events for t in claim.words.terms)
        pinned = not recurring or bool(claim.scope.days)
        if said and len(said) == len(claim.scope.numbers):  # a figure is one value of one thing, recurring or not
            out.append((claim.changed(numbers=frozenset()),
                        functools.partial(self._other_number, said=tuple(said))))
        if len(claim.scope.years) > 1 and not (claim.scope.months or claim.scope.days):
            # «программа на 2020–2030 годы»: a period of several years said of a fact that spans some
            out.append((claim.changed(years=frozenset(), span=None, span_label=""),
                        functools.partial(self._other_period, claim=claim)))
        # where a recurring event of one month was held: another one elsewhere that month is a rival, which denies
        # nothing; one alone is the one meant
        placed = pinned or bool(claim.scope.months and claim.scope.years)
        if placed and len(claim.scope.place_refs) == 1:
            (place,) = claim.scope.place_refs
            out.append((_without(claim, {place}), functools.partial(self._other_place, asked=place)))
        elif (placed and not claim.scope.place_refs and len(claim.words.unknown_names) == 1
              and self._unknown_place(framing.claim, claim.words.unknown_names[0])):
            name = claim.words.unknown_names[0]
            terms = tuple(t for t in claim.words.terms if t.word != name)
            out.append((claim.changed(unknown_names=(), terms=terms, phrase=" ".join(t.lemmas[0] for t in terms)),
                        functools.partial(self._other_place, asked="")))
        for lemma, named in self._anchored(framing.claim).items():  # «по инициативе Парижа»: whose, whenever
            for ref in sorted({ref for ref, _ in named if ref in claim.scope.entities | claim.scope.about_refs}):
                out.append((_without(claim, {ref}), functools.partial(self._other_side, asked=ref, lemma=lemma)))
        if not pinned:
            return out
        timed = claim.scope.years or claim.scope.months or claim.scope.days or claim.scope.span
        begins = any("начать" in t.lemmas or "begin" in t.lemmas for t in claim.words.terms)
        # a beginning happens once: the day a fact says it began denies a later one, even after the base ends
        if timed and not recurring and (self._within_base(claim) or begins):
            out.append((claim.changed(years=frozenset(), months=frozenset(), days=frozenset(), span=None,
                                      span_label=""),
                        functools.partial(self._other_date, claim=claim)))
        elif recurring and (week := _week_around(claim)) is not None and self._within_base(claim) and any(
                self._kinds[r][0] == "person" for r in claim.scope.entities):
            # «Иванов и Петров встречались 5 марта» of a meeting of theirs on 6 March: a day off, not another
            # meeting (one further away may be one the base does not hold)
            out.append((claim.changed(years=frozenset(), months=frozenset(), days=frozenset(), span=week,
                                      span_label=""),
                        functools.partial(self._other_date, claim=claim)))
        countries = [r for r in claim.scope.entities - claim.scope.place_refs if self._kinds[r][0] == "country"]
        if len(countries) == 1:  # «главным партнёром была Франция»: the country the fact names in its place
            out.append((_without(claim, set(countries)),
                        functools.partial(self._other_country, asked=countries[0], claim=claim)))
        people = sorted(r for r in claim.scope.entities if self._kinds[r][0] == "person")
        if len(people) >= 2:
            for person in people:
                out.append((_without(claim, {person}),
                            functools.partial(self._other_people, asked=person, claim=claim)))
        return out

    def _within_base(self, claim: Query) -> bool:
        """The period asked lies within what the base can know: none of it after its newest source."""
        if claim.scope.span is not None:
            return claim.scope.span[1] <= self.base_end
        if not claim.scope.years:
            return True  # «19 сентября»: of whichever year the facts are
        # a month said beside a range of years («в марте, по программе на 2020–2030 годы») is of its first year:
        # the range is what the thing is planned for, not when the claim says it happened
        latest = min(claim.scope.years) if claim.scope.months and len(claim.scope.years) > 2 \
            else max(claim.scope.years)
        return latest < self.base_end.year or (latest == self.base_end.year and (
            not claim.scope.months or max(claim.scope.months) <= self.base_end.month))

    def _unknown_place(self, claim_text: str, name: str) -> bool:
        """An unknown name the claim uses as where («в Лиссабоне», «местом встречи был Лиссабон»): a place the
        dictionary knows, not a part of the world that may hold the fact's place («в Азии»)."""
        tokens = claim_text.split()
        if name not in tokens:
            return False
        at = tokens.index(name)
        analyse, venues = analyser_for(self.lang), lexicon_for(self.lang).venue_words
        venue = any(venues.intersection(analyse(token).forms[:1]) for token in tokens)  # «местом … был Лиссабон»
        if self.lang != "ru" or not (venue or (at and tokens[at - 1] in _PREPOSITIONS_OF_PLACE)):
            return False
        from knowledge.text.morphology import analyzer

        parses = [p for p in analyzer().parse(name) if "Geox" in p.tag]
        return bool(parses) and analyzer().word_is_known(name) and not any(
            p.normal_form.replace("ё", "е") in _REGIONS for p in parses)

    def _places_together(self) -> frozenset[tuple[str, str]]:
        """Pairs of places some fact names together: one may lie inside the other (the Kremlin, Moscow)."""
        if self._together is None:
            pairs: set[tuple[str, str]] = set()
            for fact in self.base.facts:
                for a in fact.places:
                    for b in fact.places:
                        if a != b:
                            pairs.add((a, b))
            self._together = frozenset(pairs)
        return self._together

    def _other_place(self, fact: Fact, asked: str) -> tuple[str, str]:
        """Where the fact says it happened, against the place asked ("" for an unknown place)."""
        places = [p for p in fact.places if p in self._kinds]
        if not places:
            return "unknown", ""
        if asked and asked in places:
            return "agree", ""
        kinds = self._kinds
        cities = [p for p in places if kinds[p][0] == "place" and kinds[p][1]]
        countries = [p for p in places if kinds[p][0] == "country"]
        if asked:
            kind, country = kinds.get(asked, ("", ""))
            together = self._places_together()
            # a city asked is not held by the country a fact names beside its own city («в Париже» of a fact «в
            # Лионе (Франция)»)
            if kind not in ("place", "country") or any((asked, p) in together for p in places
                                                       if kind == "country" or kinds[p][0] != "country") or (
                    kind == "country" and any(kinds[p][1] == asked for p in places)):
                return "unknown", ""  # the Kremlin and Moscow, a country and its city: one may hold the other
            if kind == "place" and (not country or (country in places and not cities)):
                return "unknown", ""  # «в Баку», and the fact says only «в Азербайджане»
        elif not cities:
            return "unknown", ""  # an unknown place asked: only a named city can rule it out
        return "differ", self._where(cities[:1] or countries[:1], countries)

    def _other_date(self, fact: Fact, claim: Query) -> tuple[str, str]:
        """When the fact says it happened, against the period asked."""
        if fact.as_of:
            return "unknown", ""  # a state known as of the source's date says nothing of another time
        start, end = fact.date.start, fact.date.end
        if (end - start).days > MAX_SPAN_DAYS:
            return "unknown", ""

        def fits(day: dt.date) -> bool:
            scope = claim.scope
            return ((not scope.years or day.year in scope.years) and (not scope.months or day.month in scope.months)
                    and (not scope.days or (day.month, day.day) in scope.days)
                    and (scope.span is None or scope.span[0] <= day <= scope.span[1]))

        inside = outside = False
        day = start
        while day <= end and not (inside and outside):
            if fits(day):
                inside = True
            else:
                outside = True
            day += dt.timedelta(days=1)
        if not inside:
            return "differ", f"{self._when(fact)}={start.isoformat()}..{end.isoformat()}"
        return ("unknown", "") if outside else ("agree", "")

    def _other_period(self, fact: Fact, claim: Query) -> tuple[str, str]:
        """The years a fact spans («план на 2020–2025 годы») against the years the claim says it spans."""
        own = _period_of(fact)
        if own is None:
            return "unknown", ""
        return ("agree", "") if own == claim.scope.years else ("differ", self._when(fact))

    def _other_number(self, fact: Fact, said: tuple[Said, ...]) -> tuple[str, str]:
        entry = self._entries.get(fact.id)
        if entry is None:
            return "unknown", ""
        state, shown = number_state(said, fact, entry, self.lang)
        return state, shown

    def _anchored(self, text: str) -> dict[str, list[tuple[str, str]]]:
        """Whose each thing is by the claim: names beside nouns, and subjects of verbs one with a noun («Париж
        инициировал» as «по инициативе Парижа»)."""
        found = anchored(text, self.index)
        for lemma, named in acted(text, self.index).items():
            found.setdefault(lemma, []).extend(named)
        return found

    def _other_sides(self, claim_text: str, fact: Fact) -> bool:
        """«по инициативе Парижа» of a fact that says «по инициативе Берлина»: another side's, not the claim's."""
        return contradicts(claim_text, (fact.text_en or fact.text) if self.lang == "en" else fact.text, self.index,
                           asked=self._anchored(claim_text))

    def _other_side(self, fact: Fact, asked: str, lemma: str) -> tuple[str, str]:
        """Whose it was by the fact, against the name the claim puts after the same noun (``other_side``)."""
        return other_side((fact.text_en or fact.text) if self.lang == "en" else fact.text, asked, lemma, self.index)

    def _other_country(self, fact: Fact, asked: str, claim: Query) -> tuple[str, str]:
        """The countries taking part by the fact, against the one the claim names (not as where): others, and
        not it, deny it."""
        entry = self._entries.get(fact.id)
        if entry is None:
            return "unknown", ""
        if asked in entry.entities or asked in fact.entity_ids:
            return "agree", ""
        named = claim.scope.entities | claim.scope.about_refs
        others = [r for r in fact.participants if self._kinds.get(r, ("", ""))[0] == "country" and r not in named]
        if not others:
            return "unknown", ""
        entities = self.base.entities
        return "differ", ", ".join((entities[r].name_en or entities[r].name) if self.reply == "en"
                                   else entities[r].name for r in others)

    def _other_people(self, fact: Fact, asked: str, claim: Query) -> tuple[str, str]:
        """The people the fact names, against the one set aside: not among them, nor in any fact of that day."""
        entry = self._entries.get(fact.id)
        if entry is None:
            return "unknown", ""
        if asked in entry.entities or any(asked in f.entity_ids for f in self.base.facts
                                          if f.date.iso == fact.date.iso):
            return "agree", ""
        people = [r for r in fact.entity_ids if self._kinds.get(r, ("", ""))[0] == "person"]
        if not [r for r in people if r not in claim.scope.entities]:
            return "unknown", ""
        entities = self.base.entities
        names = {(entities[r].name_en or entities[r].name) if self.reply == "en" else entities[r].name for r in people}
        return "differ", self.say.participants.format(names=", ".join(sorted(names)))

    # -- wording -------------------------------------------------------------------------------------------
    def _when(self, fact: Fact) -> str:
        """«5 марта 2019 года», «в сентябре 2019 года», «в 2019 году»; "5 March 2019", "in 2019"."""
        date = fact.date
        english = self.reply == "en"
        if date.is_range and date.precision == "year":
            years = f"{date.start.year}–{date.end.year}"
            return f"in {years}" if english else f"в {years} годах"
        start, end = date.start, date.end
        if date.is_range and date.precision == "day" and (start.year, start.month) == (end.year, end.month):
            return f"{start.day}–{end.day} {MONTHS_EN[start.month - 1]} {start.year}" if english else \
                f"{start.day}–{end.day} {MONTHS_GENITIVE[start.month - 1]} {start.year} года"  # «5–6 мая 2019 года»
        if date.is_range or date.precision == "day":
            return date.human_en() if english else date.human()
        if date.precision == "month":
            return f"in {MONTHS_EN[start.month - 1]} {start.year}" if english else \
                f"в {_LOCATIVE_MONTHS[start.month - 1]} {start.year} года"
        return f"in {start.year}" if english else f"в {start.year} году"

    def _where(self, places: list[str], countries: list[str]) -> str:
        """«в Самарканде (Узбекистан)», "in Samarkand (Uzbekistan)"."""
        entities = self.base.entities
        english = self.reply == "en"
        first = entities[places[0]]
        name = (first.name_en or first.name) if english else first.name
        said = f"in {name}" if english else (f"в {located}" if (located := _locative(name)) else f"место — {name}")
        country = next((c for c in countries if c != places[0]), "")
        if country:
            other = entities[country]
            said += f" ({(other.name_en or other.name) if english else other.name})"
        return said


class _Scores:
    """Facts scored against a claim one at a time, as asked for (a confirmation needs the few the lookup
    found, not a ranking of the base); the closeness is their word coverage, as before a fuzzy comparison."""

    def __init__(self, claim: Query, index: Index, positions: dict[str, int]) -> None:
        self.claim, self.index, self.positions = claim, index, positions
        self.hits = term_hits(claim, index)
        self.done: dict[str, Scored | None] = {}

    def get(self, fact_id: str) -> Scored | None:
        if fact_id not in self.done:
            at = self.positions.get(fact_id)
            self.done[fact_id] = None if at is None else score_entry(
                self.claim, self.index.entries[at], at, self.hits, self.index.about)
        return self.done[fact_id]


def overstates(claim_text: str, fact: Fact, lang: str, *, first: bool | None = None) -> bool:
    """«Франция — крупнейший инвестор» of a fact that says «в пятёрке крупнейших»: one of the first few is not
    said to be the first. ``first``: ``says_first(claim_text)``, when already known."""
    if not (says_first(claim_text, lang) if first is None else first):
        return False
    lx, analyse = lexicon_for(lang), analyser_for(lang)
    text = fact.text_en if lang == "en" and fact.text_en else fact.text
    return any(analyse(word).forms[0] in lx.group_ranks or word in lx.group_ranks for word in words(text))


def says_first(claim_text: str, lang: str) -> bool:
    """The text says something is the first of its kind («крупнейший инвестор»), not one of a group («одна из
    крупнейших», «в пятёрке», «самых»)."""
    lx, analyse = lexicon_for(lang), analyser_for(lang)
    tokens = words(claim_text)
    if any(pair in lx.one_of for pair in itertools.pairwise(tokens)):
        return False  # «одна из крупнейших»: the claim says a group too
    claim = [analyse(word) for word in tokens]
    if any(info.forms[0] in lx.group_ranks or info.word in lx.group_ranks for info in claim):
        return False  # the claim says the group itself
    return any(not info.plural and (info.superlative or info.word in lx.superlative_words
                                    or info.forms[0] in lx.superlative_words) for info in claim)  # «самых»: a group


def _period_of(fact: Fact) -> frozenset[int] | None:
    """The years of a fact dated as a span of whole years (a plan, a programme), else None."""
    start, end = fact.date.start.year, fact.date.end.year
    return frozenset(range(start, end + 1)) if fact.date.precision == "year" and start < end else None


def _other_span(claim: Query, fact: Fact) -> bool:
    """The claim gives the fact's span of years as other years («на 2024–2030» of a plan for 2024–2026), or
    bounds it by a year that is not its end («план до 2040 года» of one for 2020–2025: «до» may mean until too)."""
    own = _period_of(fact)
    if own is None:
        return False
    span = claim.scope.span
    if span is not None and span[0].year <= MIN_YEAR and span[1].year != max(own):
        return True
    return len(claim.scope.years) > 1 and own != claim.scope.years


def _tense_fits(fact: Fact, tense: str) -> bool:
    """An announced event answers a claim about what is to come or is (not one about what happened); an event
    that happened, or a state, one about what happened or is (not one about what is to come)."""
    return tense != ("past" if fact.status == "planned" else "future")


def _same_value(one: str, other: str) -> bool:
    """Two stated values are one: the same number or wording, or days one of which holds the other («в мае
    2020 года» and «9 мая 2020 года» are one answer to «в июне?», not two)."""
    first, second = _key(one), _key(other)
    if first == second:
        return True
    spans = [key.split("..") for key in (first, second) if re.fullmatch(r"\d{4}-\d\d-\d\d\.\.\d{4}-\d\d-\d\d", key)]
    if len(spans) < 2:
        return False
    (a, b), (c, d) = spans
    return (a <= c and d <= b) or (c <= a and b <= d)


def _key(value: str) -> str:
    """What a stated value is compared by: a number's value («почти 4,4 млрд долларов=4.4» → «4.4»), else its
    wording."""
    return value.rsplit("=", 1)[-1]


def _without(claim: Query, refs: set[str]) -> Query:
    """The claim without some named entities (as if they had not been named)."""
    return claim.changed(
        entities=claim.scope.entities - refs, soft_entities=claim.scope.soft_entities - refs,
        place_refs=claim.scope.place_refs - refs, about_refs=claim.scope.about_refs - refs,
        about_qualifiers=claim.scope.about_qualifiers - refs,
        stand_ins=tuple(pair for pair in claim.scope.stand_ins if pair[0] not in refs),
        entity_order=tuple(r for r in claim.scope.entity_order if r not in refs))


def _lower_first(text: str, lang: str = "ru") -> str:
    """«Вот что …» → «вот что …», «Почти 4,4 млрд …» → «почти …» after «Да — »; a name stays as it is."""
    first = text.split(maxsplit=1)[0] if text.strip() else ""
    if not first[:1].isupper() or first.isupper() or analyser_for(lang)(first.lower().strip(".,:;")).proper:
        return text
    return text[0].lower() + text[1:]


def _locative(name: str) -> str:
    """A Russian place name in the prepositional case: «Москва» → «Москве», «Санкт-Петербург» → «Санкт-Петербурге»,
    «Каспийский регион» → «Каспийском регионе», «Сочи» → «Сочи»; "" when some word cannot be declined."""
    from knowledge.text.morphology import analyzer

    morph = analyzer()
    out: list[str] = []
    for word in name.split():
        parts: list[str] = []
        for part in word.split("-"):
            parses = [p for p in morph.parse(part.lower()) if "nomn" in p.tag and p.tag.POS in ("NOUN", "ADJF")]
            if not parses:
                if len(word.split("-")) > 1 and part[:1].isupper():
                    parts.append(part)  # «Санкт-»: the first half of a compound name does not decline
                    continue
                return ""
            declined = parses[0].inflect({"loct"}) or (parses[0] if "Fixd" in parses[0].tag else None)
            if declined is None:
                return ""
            form = declined.word
            parts.append(form[:1].upper() + form[1:] if part[:1].isupper() else form)
        out.append("-".join(parts))
    return " ".join(out)


def _week_around(claim: Query) -> tuple[dt.date, dt.date] | None:
    """``NEAR_DAYS`` either side of the one day the claim names, when it names exactly one (with its year)."""
    if len(claim.scope.days) != 1 or len(claim.scope.years) != 1:
        return None
    ((month, day),), (year,) = claim.scope.days, claim.scope.years
    try:
        said = dt.date(year, month, day)
    except ValueError:
        return None
    return said - dt.timedelta(days=NEAR_DAYS), said + dt.timedelta(days=NEAR_DAYS)
