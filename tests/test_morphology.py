"""knowledge.text.morphology: candidate lemmas of a word, names in any case, synonyms merged, cached."""

from __future__ import annotations

import pytest

from knowledge.text.lexicon import SYNONYM_GROUPS, synonym_map
from knowledge.text.morphology import WordInfo, analyse, analyzer, dictionary_spelling, lemma_of, slip_to
from knowledge.text.normalize import words


def shared_lemmas(*forms: str) -> set[str]:
    """Lemmas every one of the surface forms can have."""
    sets = [set(analyse(form).lemmas) for form in forms]
    return set.intersection(*sets)


# ---- names in any case form ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("nominative", "forms"),
    [
        ("алиев", ["алиева", "алиеву", "алиевым", "алиеве"]),
        ("путин", ["путина", "путину", "путиным", "путине"]),
        ("байрамов", ["байрамова", "байрамову", "байрамовым"]),
        ("асадов", ["асадова", "асадову", "асадовым"]),
        ("пашинян", ["пашиняна", "пашиняну", "пашиняном"]),
        ("лавров", ["лаврова", "лаврову", "лавровым"]),
        ("мишустин", ["мишустина", "мишустину", "мишустиным"]),
    ],
)
def test_a_surname_in_every_case_shares_its_nominative_lemma(nominative: str, forms: list[str]) -> None:
    common = shared_lemmas(nominative, *forms)
    assert nominative in common, {f: analyse(f).lemmas for f in (nominative, *forms)}


@pytest.mark.parametrize(
    ("nominative", "phrase"),
    [
        ("самарканд", "в Самарканде"),
        ("баку", "из Баку"),
        ("ашхабад", "в Ашхабаде"),
        ("сочи", "в Сочи"),
        ("москва", "в Москве"),
        ("азербайджан", "с Азербайджаном"),
    ],
)
def test_a_place_after_a_preposition_shares_the_lemma_of_its_name(nominative: str, phrase: str) -> None:
    *_, word = words(phrase)
    assert nominative in shared_lemmas(nominative, word), (analyse(nominative).lemmas, analyse(word).lemmas)


def test_different_surnames_do_not_share_lemmas() -> None:
    assert not shared_lemmas("алиевым", "асадовым")
    assert not shared_lemmas("байрамова", "лаврова")


def test_surnames_are_marked_as_proper_names() -> None:
    for word in ("алиевым", "путиным", "байрамова", "самарканде"):
        assert analyse(word).proper, word
    assert not analyse("встреча").proper


# ---- synonyms -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "group",
    [
        ("встречались", "переговоры", "переговорах", "встреча", "визит", "виделись", "посетил"),
        ("товарооборот", "торговля", "торговали"),
        ("инвестиции", "вложения", "инвестировала"),
        ("звонок", "позвонил", "созвонились"),
    ],
)
def test_synonyms_share_one_group_head(group: tuple[str, ...]) -> None:
    heads = {lemma_of(word) for word in group}
    assert len(heads) == 1, {word: analyse(word).lemmas for word in group}


def test_the_group_head_is_the_first_word_of_the_lexicon_group() -> None:
    assert lemma_of("встречались") == "встреча"
    assert lemma_of("переговоры") == "встреча"
    assert lemma_of("торговля") == "товарооборот"
    assert lemma_of("встречались") != lemma_of("торговля")


def test_forms_keep_the_dictionary_form_before_merging() -> None:
    info = analyse("переговорах")
    assert info.lemmas[0] == "встреча"
    assert "переговоры" in info.forms


def test_synonym_map_points_every_word_at_its_groups_head() -> None:
    mapping = synonym_map()
    for group in SYNONYM_GROUPS:
        for word in group:
            assert mapping[word] == group[0]
    heads = {group[0] for group in SYNONYM_GROUPS}
    assert all(mapping[head] == head for head in heads)


@pytest.mark.parametrize(
    "word",
    [pytest.param(w, id=w) for group in SYNONYM_GROUPS for w in group
     if w != "востребованный"],
)
def test_every_synonym_in_the_lexicon_reaches_its_head(word: str) -> None:
    head = synonym_map()[word]
    assert head in analyse(word).lemmas, analyse(word)


def test_vostrebovanny_joins_the_popular_group() -> None:
    assert "популярный" in analyse("востребованные").lemmas


# ---- ё and other details --------------------------------------------------------------------------


@pytest.mark.parametrize("word", ["черного", "елки", "еще", "петр", "зеленые", "тяжелого"])
def test_lemmas_and_forms_never_contain_yo(word: str) -> None:
    info = analyse(word)
    assert all("ё" not in lemma for lemma in (*info.lemmas, *info.forms)), info
    # pymorphy itself spells these with ё; the engine must not
    assert any("ё" in p.normal_form for p in analyzer().parse(word))


@pytest.mark.parametrize("text", ["Чёрного ЁЛКИ", "Пётр нашёл"])
def test_yo_never_reaches_a_lemma_through_the_normal_path(text: str) -> None:
    for word in words(text):
        info = analyse(word)
        assert "ё" not in "".join(info.lemmas + info.forms), info


def test_analyse_called_directly_on_a_yo_word_still_lemmatises_it() -> None:
    info = analyse("ёлки")
    assert info.pos == "NOUN"
    assert "елка" in info.lemmas


def test_numbers_and_latin_words_stay_as_they_are() -> None:
    assert analyse("2023") == WordInfo("2023", ("2023",), ("2023",), "NUMB", True, False, False, False)
    latin = analyse("sco")
    assert (latin.lemmas, latin.pos) == (("sco",), "LATN")
    assert analyse("").lemmas == ("",)


def test_function_words_are_flagged() -> None:
    for word in ("в", "и", "с", "но", "ли"):
        assert analyse(word).function, word
    for word in ("встреча", "алиев", "товарооборот"):
        assert not analyse(word).function, word


def test_pronouns_in_the_form_of_adjectives_are_function_words_but_one_counts() -> None:
    for word in ("наши", "нашего", "этой", "самом", "такие", "ваш"):
        assert analyse(word).function, word
    for word in ("один", "второй", "главный", "российский"):
        assert not analyse(word).function, word


def test_plural_and_case_of_the_likeliest_parse() -> None:
    assert analyse("переговоры").plural
    assert not analyse("встреча").plural
    assert analyse("алиевым").case == "ablt"


def test_unknown_word_keeps_its_surface_form_as_a_lemma() -> None:
    info = analyse("джанятаг")
    assert "джанятаг" in info.lemmas
    assert len(info.lemmas) <= 5


# ---- caching --------------------------------------------------------------------------------------


def test_analysis_is_cached_and_returns_the_same_object() -> None:
    first = analyse("алиевым")
    assert analyse("алиевым") is first
    assert analyzer() is analyzer()


def test_word_info_is_immutable() -> None:
    info = analyse("встреча")
    with pytest.raises((AttributeError, TypeError)):
        info.lemmas = ("x",)  # type: ignore[misc]


def test_a_unit_after_a_decimal_number_is_in_the_genitive_singular() -> None:
    from knowledge.text.morphology import fractional_unit

    assert fractional_unit("тысяч туристов") == "тысячи туристов"
    assert fractional_unit("миллиардов долларов") == "миллиарда долларов"
    assert fractional_unit("млрд долларов") == "млрд долларов"  # an abbreviation stays as it is
    assert fractional_unit("%") == "%"


@pytest.mark.parametrize(("verb", "partner"), [
    ("проводить", "провести"), ("провести", "проводить"), ("обсуждать", "обсудить"), ("подписывать", "подписать"),
    ("посетить", "посещать"), ("встречаться", "встретиться"), ("поставлять", "поставить"), ("утвердить", "утверждать"),
])
def test_a_verb_finds_its_other_aspect(verb: str, partner: str) -> None:
    from knowledge.text.morphology import aspect_partners

    assert partner in aspect_partners(verb)


def test_a_flood_of_letters_is_kept_as_it_is_not_analysed() -> None:
    """pymorphy guesses an unknown word by stripping a known prefix and guessing the rest again: a 100 000-letter
    «word» of prefixes would exhaust the stack. No Russian word is longer than MAX_WORD_CHARS."""
    from knowledge.text.morphology import MAX_WORD_CHARS

    flood = "авиа" * 25_000  # «авиа» is a prefix pymorphy strips, and guesses the rest again: 25 000 times
    info = analyse(flood)
    assert info.lemmas == (flood,) and not info.known and info.pos == "NOUN"
    assert analyse("а" * MAX_WORD_CHARS).lemmas != ()  # a long but possible word is still analysed


@pytest.mark.parametrize(("word", "tense"), [("приедет", "futr"), ("превысит", "futr"), ("будет", "futr"),
                                             ("финансирует", "pres"), ("перечислите", "pres"), ("встречались", "past")])
def test_a_future_is_only_a_word_no_reading_of_which_is_present(word: str, tense: str) -> None:
    """«финансирует» is either aspect and «перечислите» may be a command: neither asks about what is to come."""
    assert analyse(word).tense == tense


def test_an_inanimate_noun_is_marked() -> None:
    assert analyse("площадкой").inanimate and not analyse("председателем").inanimate


@pytest.mark.parametrize(("typed", "meant"), [("гораде", "городе"), ("президетны", "президенты"),
                                              ("визитте", "визите"), ("саммете", "саммите")])
def test_a_word_one_slip_from_a_dictionary_word_is_that_word(typed: str, meant: str) -> None:
    assert dictionary_spelling(typed) == meant


@pytest.mark.parametrize("word", ["городе", "пашиняном", "токаевым", "города"])
def test_a_known_word_or_an_unknown_name_is_left_alone(word: str) -> None:
    assert dictionary_spelling(word) is None


@pytest.mark.parametrize(("typed", "meant"), [("каом", "каком"), ("каие", "какие"), ("ктоо", "кто")])
def test_a_short_word_one_slip_from_a_wanted_word_is_it(typed: str, meant: str) -> None:
    assert slip_to(typed, frozenset(["какой", "кто", "когда"])) == meant


@pytest.mark.parametrize("word", ["каком", "мид", "азе", "рф"])
def test_a_known_or_a_far_short_word_is_left_alone(word: str) -> None:
    assert slip_to(word, frozenset(["какой", "кто", "когда"])) is None
