"""knowledge.text.normalize: what people type → comparable lowercase text and tokens."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from knowledge.text.language import _evidence
from knowledge.text.normalize import (
    INVISIBLE,
    MAX_QUERY_CHARS,
    ZERO_WIDTH_SPACE,
    normalize,
    strip_invisible,
    tokenize,
    words,
)
from knowledge.text.timeframe import find_timeframe

# ---- letters, case, punctuation -------------------------------------------------------------------


def test_lowercases_and_spells_yo_as_ye() -> None:
    assert normalize("ЁЛКА Ещё Путин") == "елка еще путин"
    assert words("Всё ЕЩЁ") == ["все", "еще"]


@pytest.mark.parametrize("dash", ["\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2015", "\u2212", "\uff0d"])
def test_every_dash_becomes_a_hyphen(dash: str) -> None:
    assert normalize(f"Север{dash}Юг") == "север-юг"


def test_spaced_dash_is_kept_as_one_hyphen_between_words() -> None:
    assert normalize("Москва — Баку") == "москва - баку"


@pytest.mark.parametrize("pair", ["«»", "„“", "“”", '""', "''", "‘’", "‹›", "``"])
def test_quotes_of_every_kind_are_dropped(pair: str) -> None:
    opening, closing = pair[0], pair[1]
    assert normalize(f"коридор {opening}Север-Юг{closing}") == "коридор север-юг"


# ---- invisible and control characters -------------------------------------------------------------


def test_no_break_space_separates_words() -> None:
    assert normalize("при\u00a0вет") == "при вет"
    assert normalize("5\u00a0марта\u202f2024") == "5 марта 2024"


@pytest.mark.parametrize("invisible", ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u200e", "\u202e"])
def test_zero_width_and_direction_marks_vanish_inside_a_word(invisible: str) -> None:
    assert normalize(f"при{invisible}вет") == "привет"
    assert words(f"Ба{invisible}ку") == ["баку"]


@pytest.mark.parametrize("control", ["\x00", "\x07", "\x1b", "\x7f", "\x85", "\x9f", "\t", "\r", "\n"])
def test_control_characters_become_word_breaks(control: str) -> None:
    out = normalize(f"путин{control}алиев")
    assert out == "путин алиев"


def test_only_invisible_input_normalises_to_nothing() -> None:
    assert normalize("\u200b\ufeff\x00 \u00a0\t\n") == ""
    assert words("\u200b\ufeff\x00") == []


@pytest.mark.parametrize("question", [
    "когда была первая встреча путина и алиева",
    "сколько раз встречались путин и алиев в 2023 году",
    "что было в прошлом году с товарооборотом",
    "where did putin and aliyev meet in 2022",
    "Когда Путин встречался с Алиевым в Самарканде?",
])
def test_zero_width_spaces_in_place_of_spaces_part_the_words(question: str) -> None:
    assert words(question.replace(" ", "\u200b")) == words(question)


@pytest.mark.parametrize(("text", "expected"), [
    ("ко\u200bгда была", ["когда", "была"]),  # glued, a dictionary word: the space hid inside it
    ("при\u200bвет", ["привет"]),
    ("то\u200bва\u200bро\u200bобо\u200bрот", ["товарооборот"]),  # several in one word
    ("ко\u200bгда\u200bбыла", ["когда", "была"]),  # inside a word and between words at once
    ("в\u200bпрошлом\u200bгоду", ["в", "прошлом", "году"]),  # a one-letter preposition is a word
    ("wh\u200ben\u200bdid", ["when", "did"]),
    ("Ali\u200byev", ["aliyev"]),  # neither side is a word: one word
    ("п\u200bашинян", ["пашинян"]),  # «п» is no word of its own
    ("20\u200b23 году", ["2023", "году"]),  # between digits or beside a space it simply goes
    ("когда\u200b был", ["когда", "был"]),
])
def test_a_zero_width_space_parts_words_only_where_the_dictionary_sees_two(text: str, expected: list[str]) -> None:
    assert words(text) == expected


def test_invisible_handling_is_linear_on_long_runs() -> None:
    for text in ("аб\u200b" * 1500, "а\u200b" * 2000, "ъ" * 4000 + "\u200bкогда", "\u200b" * 4000):
        assert len(strip_invisible(text)) <= len(text)
        words(text)  # returns: the run is read once, words longer than any dictionary word are not looked up


def test_azerbaijani_latin_letters_are_kept_in_their_english_spelling() -> None:
    assert words("Əliyev, Bakı, Şuşa") == ["aliyev", "baki", "shusha"]
    assert words("İlham Əliyev") == ["ilham", "aliyev"]  # «İ» lowercases to «i» and a combining dot
    assert words("Gəncə Çingiz Göygöl Ümid Erdoğan Türkiye") == ["ganca", "chingiz", "goygol", "umid", "erdogan",
                                                               "turkiye"]
    assert words("ƏLİYEV") == words("Aliyev")


def test_other_latin_letters_lose_their_marks_and_cyrillic_ones_keep_theirs() -> None:
    assert words("café Müller Łódź straße") == ["cafe", "muller", "lodz", "strasse"]
    assert words("Йошкар-Ола ёж") == ["йошкар", "ола", "еж"]


def test_fullwidth_forms_are_folded() -> None:
    assert normalize("ＲＩＡ　２０２３") == "ria 2023"


# ---- numbers and years ----------------------------------------------------------------------------


def test_decimal_comma_becomes_a_point_and_stays_one_token() -> None:
    assert normalize("«4,4» млрд") == "4.4 млрд"
    assert words("рост на 17,5%") == ["рост", "на", "17.5"]


def test_comma_between_words_and_numbers_is_not_a_decimal() -> None:
    assert words("2022, 2023") == ["2022", "2023"]


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("в 2023-й", "2023"),
        ("в 2023-м", "2023"),
        ("в 2023м", "2023"),
        ("в 2023 г.", "2023"),
        ("в 2023г.", "2023"),
        ("в 2023-го", "2023"),
        ("в 2023-ем", "2023"),
        ("в 23-м году", "2023"),
        ("в 23м году", "2023"),
        ("в 22 году", "2022"),
        ("в 22-ом", "2022"),
        ("с 1992 г", "1992"),
    ],
)
def test_year_forms_become_a_bare_four_digit_year(text: str, year: str) -> None:
    tokens = words(text)
    assert year in tokens, tokens
    assert all(not t.isdigit() or t == year for t in tokens), tokens  # no stray «23» or «22»
    assert not {"й", "м", "го", "г", "ем", "ом"} & set(tokens), tokens


def test_a_range_of_years_ending_in_two_digits_is_spelled_out() -> None:
    assert normalize("карта на 2024–26 годы") == "карта на 2024-2026 годы"
    assert normalize("the 2022-23 season") == "the 2022-2023 season"
    assert normalize("2023-19") == "2023-19" and normalize("в 2023 - 24 встречи") == "в 2023 - 24 встречи"


@pytest.mark.parametrize(("text", "expected"), [
    ("встреча 20.09.2023", "встреча 20 сентября 2023"),
    ("визит 22.04.24?", "визит 22 апреля 2024 ?"),
    ("звонок 1/5/2023", "звонок 1 мая 2023"),
    ("call on 20.09.2023", "call on 20 september 2023"),  # an English question gets English month names
    ("call on 9/20/2023", "call on 20 september 2023"),  # the American order, when the day cannot be a month
    ("the 2023-09-20 call", "the 20 september 2023 call"),
])
def test_a_date_in_digits_is_a_day_a_month_and_a_year(text: str, expected: str) -> None:
    assert normalize(text) == expected


@pytest.mark.parametrize("text", ["рост 24.5 процента", "версия 1.2.3.4", "45.13.2023", "2023-13-40"])
def test_numbers_that_are_no_date_stay_numbers(text: str) -> None:
    assert normalize(text) == text


@pytest.mark.parametrize(("text", "expected"), [("сколько туристов съездило в 23", "сколько туристов съездило в 2023"),
                                              ("сколько туристов в 23?", "сколько туристов в 2023"),
                                              ("trade in 22", "trade in 2022"),
                                              ("в 23 вузах учат", "в 23 вузах учат"),  # a number of things
                                              ("школ в 23 городах", "школ в 23 городах")])
def test_a_two_digit_number_ending_the_question_after_in_is_a_year(text: str, expected: str) -> None:
    assert normalize(text) == expected


def test_short_year_before_the_word_year_keeps_the_word() -> None:
    assert normalize("в 23-м году") == "в 2023 году"
    assert normalize("в 22 году") == "в 2022 году"


def test_day_and_month_numbers_are_not_taken_for_years() -> None:
    assert words("12 марта 2024") == ["12", "марта", "2024"]
    assert words("5 школ") == ["5", "школ"]


# ---- mentions, links, colloquialisms, fillers -----------------------------------------------------


def test_bot_mentions_are_stripped() -> None:
    assert normalize("@factbot_bot когда отношения?") == "когда отношения?"
    assert words("@FactBot привет") == ["привет"]


def test_an_email_address_is_not_a_mention() -> None:
    assert "mail" in words("ivan@mail.ru")


@pytest.mark.parametrize("url", ["https://ria.ru/20240422/x.html?a=1", "http://example.org", "www.example.com/a/b"])
def test_urls_are_stripped(url: str) -> None:
    assert words(f"см {url} когда") == ["см", "когда"]


@pytest.mark.parametrize(
    ("colloquial", "spelled"),
    [
        ("дипотношения", ["дипломатические", "отношения"]),
        ("дипотношений", ["дипломатических", "отношений"]),
        ("скока", ["сколько"]),
        ("скоко", ["сколько"]),
        ("када", ["когда"]),
        ("млрд", ["миллиард"]),
        ("км", ["километр"]),
    ],
)
def test_colloquial_words_are_spelled_out(colloquial: str, spelled: list[str]) -> None:
    assert words(colloquial.upper()) == spelled
    assert tokenize(colloquial) == spelled


def test_rewrites_apply_to_whole_words_only() -> None:
    assert words("скока наших студентов") == ["сколько", "наших", "студентов"]  # «наши»: the base's (lexicon.yaml)
    assert "сколько" not in words("скокарь")


@pytest.mark.parametrize("filler", ["кто в курсе", "Кто знает", "не подскажете", "подскажите пожалуйста"])
def test_filler_phrases_are_removed(filler: str) -> None:
    assert normalize(f"{filler} когда установили отношения") == "когда установили отношения"
    assert words(f"{filler}, когда установили отношения") == ["когда", "установили", "отношения"]


@pytest.mark.parametrize("clause", ["о которых есть данные", "которые есть в базе", "о которых тебе известно",
                                    "о которых ты знаешь"])
def test_what_the_bot_knows_said_of_what_is_asked_is_no_word_to_find(clause: str) -> None:
    assert words(f"все встречи иванова, {clause}") == ["все", "встречи", "иванова"]
    assert words("встречи, которые прошли в париже") == ["встречи", "которые", "прошли", "в", "париже"]


@pytest.mark.parametrize(("said", "plain"), [
    ("сколько встреч иванова упоминается в справке", "сколько встреч иванова"),
    ("сколько раз иванов был в париже по данным справки", "сколько раз иванов был в париже"),
    ("какие встречи приведены в базе", "какие встречи"),
    ("show the visits listed in the database", "show the visits"),
    ("how many visits are in the database", "how many visits are"),
])
def test_the_source_named_as_where_something_is_said_is_no_word_to_find(said: str, plain: str) -> None:
    assert normalize(said) == plain


@pytest.mark.parametrize("text", ["в статье 5 договора", "военная база в армении", "на базе завода",
                                  "in article 5 of the treaty", "what is the base of the relations"])
def test_a_base_or_an_article_that_is_a_thing_stays(text: str) -> None:
    assert normalize(text) == text


@pytest.mark.parametrize(("text", "normal"), [("программа на 24-26", "программа на 2024-2026"),
                                              ("в 22-23 годах", "в 2022-2023 годах"),
                                              ("встреча 24-26 марта", "встреча 24-26 марта"),  # days
                                              ("с 22-24 сентября", "с 22-24 сентября"),
                                              ("на 26-24", "на 26-24")])  # no span runs backwards
def test_two_short_years_in_a_span_are_years(text: str, normal: str) -> None:
    assert normalize(text) == normal


@pytest.mark.parametrize(("text", "normal"), [("встречи в дек 23", "встречи в дек 2023"),
                                              ("в марте 24 года", "в марте 2024 года"),
                                              ("декабря 23 числа", "декабря 23 числа"),  # a day, not a year
                                              ("в мае 23-го", "в мае 2023")])
def test_two_digits_after_a_month_are_its_year(text: str, normal: str) -> None:
    assert normalize(text) == normal


def test_still_said_in_many_words_is_one_adverb() -> None:
    """«до сих пор» and «по-прежнему» are «ещё», not «пора» and «прежний»; the words alone keep their meaning."""
    assert words("Россия до сих пор считает") == words("Россия по-прежнему считает") == ["россия", "еще", "считает"]
    assert words("до пор") == ["до", "пор"] and words("по прежним ценам") == ["по", "прежним", "ценам"]


def test_filler_words_inside_other_words_survive() -> None:
    assert words("курсе валют") == ["курсе", "валют"]  # «в курсе» needs the preposition


# ---- size -------------------------------------------------------------------------------------------


def test_long_input_is_cut_at_max_query_chars() -> None:
    text = "а" * (MAX_QUERY_CHARS + 500)
    assert len(normalize(text)) == MAX_QUERY_CHARS
    assert normalize("абвгд" * 10, max_chars=7) == "абвгдаб"


def test_what_is_cut_off_never_reaches_the_tokens() -> None:
    text = "когда " + "x" * MAX_QUERY_CHARS + " алиев"
    assert "алиев" not in words(text)
    assert words(text)[0] == "когда"


# ---- properties -------------------------------------------------------------------------------------

_RUSSIAN_PIECES = st.sampled_from(
    ["кто", " в ", "курсе", "знает", "2023", "23", "-", "й", "го", "м", "г.", " года", "ё", "Ё", "4,4",
     "«", "»", "—", "@abc_bot", "http://x.y/z", "www.a.b", "больше всего", "\u00a0", "\u200b", "\x00", " ",
     "Путин", "АЛИЕВ", "скока", "наши"]
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), st.lists(_RUSSIAN_PIECES, max_size=15).map("".join)))
def test_normalize_never_raises_and_is_clean(text: str) -> None:
    out = normalize(text)
    assert out == out.lower()
    assert "ё" not in out and "Ё" not in out
    assert out == out.strip() and "  " not in out
    assert not any(unicodedata.category(ch) in ("Cc", "Cs") for ch in out)
    for token in words(text):
        assert token and token == token.lower() and "ё" not in token
        assert token.isalpha() or token.replace(".", "", 1).isdigit(), token


@pytest.mark.parametrize(("text", "expected"), [
    ("12-го октября 2023", "12 октября 2023"),  # never «2012 октября»
    ("5го марта 2024", "5 марта 2024"),
    ("22-е сентября", "22 сентября"),
    ("21-го числа", "21 числа"),
    ("в 23-м году", "в 2023 году"),  # a short year stays a year
])
def test_a_day_with_an_ordinal_ending_is_a_day_not_a_short_year(text: str, expected: str) -> None:
    assert normalize(text) == expected


# ---- one table of invisible characters for every reader of a question --------------------------------

_HIDING = sorted(chr(code) for code in INVISIBLE)
# Questions of dictionary words (so that a zero-width space hidden in one keeps it whole), each with a
# relative period, and the language they are read in
_SENTENCES = [
    ("когда была первая встреча путина и алиева в прошлом году", "ru"),
    ("сколько раз встречались президенты два года назад", "ru"),
    ("какой сейчас товарооборот между странами", "ru"),
    ("какие переговоры были позапрошлой зимой", "ru"),
    ("что подписали на прошлой неделе", "ru"),
    ("when did the presidents meet last year", "en"),
    ("what was the trade turnover in the past three months", "en"),
    ("which agreements were signed recently", "en"),
]
_DAY = dt.date(2026, 11, 15)


def test_the_table_covers_the_usual_invisible_characters() -> None:
    for char in "\u00ad\u034f\u061c\u180e\u200b\u200c\u200d\u200e\u200f\u202a\u202e\u2060\u2066\u2069\ufe0f\ufeff":
        assert ord(char) in INVISIBLE, hex(ord(char))
    assert ZERO_WIDTH_SPACE in _HIDING
    assert not any(char.isspace() for char in _HIDING)
    assert {unicodedata.category(char) for char in _HIDING} <= {"Cf", "Mn", "Lo", "Cn"}  # Lo: the blank fillers


@settings(max_examples=400, deadline=None)
@given(
    sentence=st.sampled_from(_SENTENCES),
    insertions=st.lists(st.tuples(st.integers(0, 50), st.integers(1, 50),
                                  st.one_of(st.just(ZERO_WIDTH_SPACE), st.sampled_from(_HIDING))),
                        min_size=1, max_size=4),
)
def test_an_invisible_character_inside_a_word_changes_nothing_for_any_reader(
        sentence: tuple[str, str], insertions: list[tuple[int, int, str]]) -> None:
    """normalize, language detection and find_timeframe read the question exactly as without it."""
    text, lang = sentence
    hidden = text.split(" ")
    for which, where, char in insertions:
        word = hidden[which % len(hidden)]
        letters = [i for i, c in enumerate(word) if c.isalpha()][1:]  # a gap between two letters of the word
        if not letters:
            continue
        at = letters[where % len(letters)]
        hidden[which % len(hidden)] = word[:at] + char + word[at:]
    changed = " ".join(hidden)
    assert normalize(changed) == normalize(text)
    assert _evidence(changed) == _evidence(text)
    frame = find_timeframe(text, today=_DAY, lang=lang)
    assert frame is not None
    assert find_timeframe(changed, today=_DAY, lang=lang) == frame
