"""knowledge.text.language: Russian or English, by function words and script; Telegram's hint only on a tie."""

from __future__ import annotations

import time

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from knowledge.text.language import MAX_CHARS, detect_language

# ---- whole questions --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "hint", "expected"),
    [
        # plain questions, whatever the user's Telegram language
        ("When did Putin meet Aliyev?", None, "en"),
        ("When did Putin meet Aliyev?", "ru", "en"),
        ("Когда Путин встречался с Алиевым?", None, "ru"),
        ("Когда Путин встречался с Алиевым?", "en", "ru"),
        ("What is the trade turnover between Russia and Azerbaijan?", "ru", "en"),
        ("Какой товарооборот между Россией и Азербайджаном?", "en-US", "ru"),
        ("how many russian students study in azerbaijan", "ru", "en"),
        ("сколько студентов из азербайджана учится в россии", "en", "ru"),
        # names in the other script do not carry the sentence over
        ("когда был саммит SCO в Самарканде", "en", "ru"),
        ("Когда KAMAZ открыл завод в Baku?", "en", "ru"),
        ("Что подписали Putin и Aliyev в Moscow?", "en", "ru"),
        ("when did Putin meet Алиев", "ru", "en"),
        ("Where did Лавров and Байрамов meet?", "ru", "en"),
        ("What is the ШОС?", "ru", "en"),
        # lowercase words without any function word still show the script
        ("trade turnover 2023", "ru", "en"),
        ("товарооборот 2023", "en", "ru"),
        # shouting: function words are recognised in capitals too
        ("WHEN DID PUTIN MEET ALIYEV", "ru", "en"),
        ("КОГДА ПУТИН ВСТРЕЧАЛСЯ С АЛИЕВЫМ", "en", "ru"),
        # Russian typed in Latin letters is still a Russian speaker
        ("kogda byl sammit v samarkande", None, "ru"),
        ("skolko stoil zavod", "en", "ru"),
        # contractions split at the apostrophe keep their English stumps
        ("Didn't they meet in Sochi?", "ru", "en"),
        ("what’s the turnover", "ru", "en"),
    ],
)
def test_questions_are_recognised(text: str, hint: str | None, expected: str) -> None:
    assert detect_language(text, hint=hint) == expected


# ---- ties: names, numbers, emoji, nothing ----------------------------------------------------------


@pytest.mark.parametrize("text", ["KAMAZ 2023", "ШОС?", "Aliyev", "Путин Алиев", "Putin Aliyev", "2023", "🙂🙂",
                                  "", "   ", "?!", "CIS, SCO, CICA", "1 000 000 $"])
@pytest.mark.parametrize(("hint", "expected"), [("en", "en"), ("en-US", "en"), ("ru", "ru")])
def test_a_message_without_words_of_a_language_follows_the_hint(
    text: str, hint: str | None, expected: str
) -> None:
    assert detect_language(text, hint=hint) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("KAMAZ 2023", "en"), ("Putin Aliyev St Petersburg 7 October", "en"), ("CIS, SCO, CICA", "en"),
    ("ШОС?", "ru"), ("Путин Алиев", "ru"), ("2023", "ru"), ("🙂🙂", "ru"), ("", "ru"), ("Putin Алиев", "ru"),
])
def test_without_a_hint_a_tie_goes_by_script_then_russian(text: str, expected: str) -> None:
    """Names only and no hint (the terminal, a channel): no Cyrillic letter at all is no Russian message."""
    assert detect_language(text) == expected


@pytest.mark.parametrize(
    ("hint", "expected"),
    [
        ("en", "en"), ("EN", "en"), ("en-GB", "en"), ("en_US", "en"), (" en ", "en"),
        ("ru", "ru"), ("ru-RU", "ru"), ("uk", "ru"), ("be", "ru"), ("kk", "ru"), ("az", "ru"), ("uz", "ru"),
        ("de", "en"), ("tr", "en"), ("pt-br", "en"), ("zh-hans", "en"),  # a foreign user reads English sooner
        (None, "ru"), ("", "ru"), ("e", "ru"), ("english", "ru"), ("12", "ru"), ("en\x00", "ru"), ("ру", "ru"),
        ("-", "ru"), ("x" * 10_000, "ru"),
    ],
)
def test_telegram_language_codes_break_ties(hint: str | None, expected: str) -> None:
    assert detect_language("2023?", hint=hint) == expected


def test_a_hint_never_outweighs_a_word() -> None:
    assert detect_language("the", hint="ru") == "en"
    assert detect_language("и", hint="en") == "ru"
    assert detect_language("turnover", hint="ru") == "en"
    assert detect_language("товарооборот", hint="en") == "ru"


def test_a_capitalised_word_alone_is_taken_for_a_name() -> None:
    assert detect_language("Turnover?", hint="ru") == "ru"
    assert detect_language("Товарооборот?", hint="en") == "en"


# ---- what does not count ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "noise",
    [
        "https://ria.ru/20240422/the-news-of-the-day.html",
        "www.example.com/when/and/the",
        "@the_and_when_bot",
        "mail.the.and@example.com",
        "/start",
        "<b></b><br/>",
        "<a href=\"https://the.and.of\">",
        "&nbsp;&amp;&quot;",
        "2023-2024 100% $5bn 10km 2nd",
        "🙂🇷🇺🇦🇿 ✅",
    ],
)
def test_links_markup_numbers_and_emoji_carry_no_language(noise: str) -> None:
    assert detect_language(f"когда {noise} был саммит", hint="en") == "ru"
    assert detect_language(f"{noise} Путин", hint="ru") == "ru"
    assert detect_language(f"{noise} Путин", hint="en") == "en"


@pytest.mark.parametrize("invisible", ["\u200b", "\u200d", "\u2060", "\ufeff", "\u00ad"])
def test_invisible_characters_do_not_hide_a_function_word(invisible: str) -> None:
    assert detect_language(f"wh{invisible}en did Put{invisible}in arrive", hint="ru") == "en"
    assert detect_language(f"ко{invisible}гда был саммит", hint="en") == "ru"


def test_zero_width_spaces_in_place_of_spaces_part_the_words() -> None:
    # glued into one word these are a name-like mix of scripts, and the hint would decide
    assert detect_language("когда\u200bбыл\u200bsummit\u200bSCO", hint="en") == "ru"
    assert detect_language("when\u200bdid\u200bПутин\u200bприехать", hint="ru") == "en"


@pytest.mark.parametrize("invisible", ["\u200e", "\u200f", "\u2066", "\u2069", "\u034f", "\ufe0f", "\U000e0041"])
def test_direction_marks_and_other_invisible_characters_do_not_hide_a_function_word(invisible: str) -> None:
    assert detect_language(f"wh{invisible}en did Put{invisible}in arrive", hint="ru") == "en"
    assert detect_language(f"ко{invisible}гда был саммит", hint="en") == "ru"


def test_look_alike_letters_of_the_other_script_do_not_change_a_word() -> None:
    assert detect_language("whеn did thеy mееt", hint="ru") == "en"  # Cyrillic «е» inside English words
    assert detect_language("кoгдa был caммит", hint="en") == "ru"  # Latin «o», «a», «c» inside Russian ones


def test_fullwidth_letters_are_read_as_latin() -> None:
    assert detect_language("ｗｈｅｎ ｄｉｄ ｔｈｅｙ ｍｅｅｔ", hint="ru") == "en"


def test_only_the_first_max_chars_are_read() -> None:
    padding = "7" * MAX_CHARS
    assert detect_language(padding + " when did the talks end", hint="ru") == "ru"
    assert detect_language("when " + padding, hint="ru") == "en"


# ---- hostile input: linear, never raises -----------------------------------------------------------

HOSTILE = [
    "a" * 10_000,
    "A" * 10_000,
    "<" * 10_000,
    "<a" * 5_000,
    "<" + "a" * 9_999,
    "&#" * 5_000,
    "&" + "a" * 9_999,
    "@" * 10_000,
    "http://" * 1_500,
    "ё" * 10_000,
    "é" * 10_000,
    "\ufdfa" * 10_000,  # expands eighteen-fold under NFKC
    "😀" * 10_000,
    "\u0301" * 10_000,  # combining marks only
    "\ud800" * 10_000,  # lone surrogates
    "\x00" * 10_000,
    "the " * 2_500,
    "и " * 5_000,
    "wh\u200ben " * 1_500,
    "аб\u200b" * 3_000,
    "а\u200b" * 5_000,
    ("Путин " * 1_000) + ("when " * 1_000),
    "<b>" * 3_000 + "</b>" * 500,
    "x" * 100_000,
]


@pytest.mark.parametrize("text", HOSTILE, ids=lambda t: f"{t[:12]!r}x{len(t)}")
@pytest.mark.parametrize("hint", [None, "en", "ru", "\ud800", "x" * 1000])
def test_hostile_input_is_answered_quickly(text: str, hint: str | None) -> None:
    started = time.perf_counter()
    result = detect_language(text, hint=hint)
    assert result in ("ru", "en")
    assert time.perf_counter() - started < 0.5


def test_a_long_run_of_names_costs_no_more_than_a_short_one() -> None:
    short, long = "Aliyev Putin " * 50, "Aliyev Putin " * 5_000
    started = time.perf_counter()
    for _ in range(20):
        detect_language(short)
    short_time = time.perf_counter() - started
    started = time.perf_counter()
    for _ in range(20):
        detect_language(long)
    assert time.perf_counter() - started < max(short_time * 200, 0.5)


@pytest.mark.parametrize("text", [None, 42, b"when did they meet", ["when"]])
def test_a_value_that_is_not_text_is_a_tie(text: object) -> None:
    assert detect_language(text, hint="en") == "en"  # type: ignore[arg-type]
    assert detect_language(text) == "ru"  # type: ignore[arg-type]


# ---- properties ---------------------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=400), hint=st.one_of(st.none(), st.text(max_size=12)))
@example(text="\ud800\udfff", hint="\ud800")
def test_any_text_gives_ru_or_en(text: str, hint: str | None) -> None:
    assert detect_language(text, hint=hint) in ("ru", "en")


NAMES = st.sampled_from(["Aliyev", "Putin", "KAMAZ", "SCO", "Samarkand", "Baku", "GAZ", "CICA", "Bayramov",
                         "Алиев", "Путин", "КАМАЗ", "ШОС", "Самарканд", "Баку", "ГАЗ", "СВМДА", "Байрамов"])
NOISE = st.sampled_from(["2023", "🙂", "100%", "$4.4", "—", "https://ria.ru", "@factbot", "<i>", "&amp;", "#1"])


@settings(max_examples=200, deadline=None)
@given(names=st.lists(NAMES, max_size=6), noise=st.lists(NOISE, max_size=6), hint=st.sampled_from(["ru", "en"]))
def test_names_and_numbers_never_move_a_question(names: list[str], noise: list[str], hint: str) -> None:
    extra = " ".join(names + noise)
    assert detect_language(f"когда был саммит {extra}", hint=hint) == "ru"
    assert detect_language(f"{extra} и где", hint=hint) == "ru"
    assert detect_language(f"when was the summit {extra}", hint=hint) == "en"
    assert detect_language(f"{extra} and where", hint=hint) == "en"
    assert detect_language(extra, hint=hint) == hint  # names, numbers and emoji alone: a tie


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=200), noise=st.lists(NOISE, max_size=5))
def test_adding_numbers_or_emoji_never_changes_the_answer(text: str, noise: list[str]) -> None:
    for hint in ("ru", "en", None):
        assert detect_language(text + " " + " ".join(noise), hint=hint) == detect_language(text, hint=hint)
