"""knowledge.search.query.parse_query on the bundled base: what a question asks for and what it names."""

from __future__ import annotations

import dataclasses
import time

import pytest

from knowledge.engine import Engine
from knowledge.search.index import Index
from knowledge.search.query import Query, correct_word, parse_query, resolve_word, split_relative
from knowledge.text.language import analyser_for, lexicon_for
from knowledge.text.morphology import analyse


@pytest.fixture(scope="module")
def index() -> Index:
    return Engine.from_path().index


@pytest.fixture(scope="module")
def parse(index: Index):
    def run(text: str) -> Query:
        return parse_query(text, index)

    return run


def named(query: Query) -> set[str]:
    """Every entity the question names, however it is classified."""
    return set(query.scope.entities | query.scope.soft_entities | query.scope.about_refs | query.scope.place_refs)


# ---- what kind of answer is wanted -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "answer_type"),
    [
        ("когда установили дипломатические отношения", "date"),
        ("Когда встречались Путин и Алиев?", "date"),
        ("где встречались путин и алиев", "place"),
        ("куда ездил мишустин", "place"),
        ("сколько школ с русским языком", "figure"),
        ("скока школ с русским языком", "figure"),
        ("кто подписал декларацию", "person"),
        ("с кем встречался лавров", "person"),
        ("как звали погибших военных", "name"),
        ("как зовут министра иностранных дел азербайджана", "name"),
        ("какого числа утвердили дорожную карту", "date"),
        ("какие цифры по коридору север-юг", "figure"),
        ("сколько раз встречались путин и алиев", "count"),
    ],
)
def test_question_words_set_the_answer_type(parse, question: str, answer_type: str) -> None:
    assert parse(question).intent.answer_type == answer_type


def test_v_kakom_godu_asks_for_a_date(parse) -> None:
    assert parse("в каком году установили отношения").intent.answer_type == "date"


@pytest.mark.parametrize("question", ["в каком городе встречались путин и алиев",
                                      "перечисли города, где встречались путин и алиев",
                                      "list the cities where putin and aliyev met"])
def test_a_kind_of_place_asked_is_the_answer_type_not_a_word_to_find(index: Index, question: str) -> None:
    query = parse_query(question, Engine.from_path().sibling("en").index if question.isascii() else index)
    assert query.intent.answer_type == "place" and query.intent.wants_city
    assert not {lemma for term in query.words.terms for lemma in term.lemmas} & {"город", "city"}


@pytest.mark.parametrize(("question", "answer_type"), [
    ("в каком городе был иванов, когда встретился с петровым", "place"),
    ("в каком году, где бы ни встречались иванов и петров, подписали договор", "date"),
    ("когда и в каком городе встретились иванов и петров", "date"),  # the first question word still leads
])
def test_the_kind_named_after_which_leads_over_a_later_clause(parse, question: str, answer_type: str) -> None:
    assert parse(question).intent.answer_type == answer_type


@pytest.mark.parametrize("question", ["какое число граждан азербайджана побывало в россии",
                                      "число азербайджанских вузов с обучением на русском"])
def test_the_number_of_something_asks_how_many_not_the_day(parse, question: str) -> None:
    query = parse(question)
    assert query.intent.answer_type == "figure" and not query.intent.wants_day


@pytest.mark.parametrize(("question", "months"), [
    ("встречи путина и алиева с января по июнь 2022", set(range(1, 7))),
    ("встречи путина и алиева в январе–июне 2022", set(range(1, 7))),
    ("встречи путина и алиева в январе и июне 2022", {1, 6}),  # two months, not a range
    ("putin and aliyev meetings from march to may 2022", {3, 4, 5}),
])
def test_a_range_of_months_is_every_month_in_it(index: Index, question: str, months: set[int]) -> None:
    query = parse_query(question, Engine.from_path().sibling("en").index if question.isascii() else index)
    assert set(query.scope.months) == months and query.scope.years == {2022}


def test_a_range_of_years_ending_in_two_digits_is_every_year_in_it(parse) -> None:
    query = parse("какие сферы охватывает дорожная карта на 2024–26 годы")
    assert query.scope.years == {2024, 2025, 2026} and not query.scope.numbers


def test_only_a_day_question_wants_the_day(parse) -> None:
    assert parse("какого числа утвердили дорожную карту").intent.wants_day
    assert parse("Какого числа прошли переговоры?").intent.wants_day
    assert not parse("когда утвердили дорожную карту").intent.wants_day
    assert not parse("в каком месяце утвердили дорожную карту").intent.wants_day


def test_a_question_without_a_question_word_has_no_answer_type(parse) -> None:
    query = parse("товарооборот россии и азербайджана")
    assert query.intent.answer_type in ("", "what")
    assert not query.intent.list_intent and not query.intent.wants_day


def test_money_words_ask_for_a_sum(parse) -> None:
    assert parse("сколько стоили танки").intent.wants_money
    assert not parse("сколько было танков").intent.wants_money


# ---- list intent -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    ["какие встречи были у путина и алиева", "все встречи путина и алиева", "перечисли встречи лаврова",
     "что было в марте 2024", "что было в 23-м году", "хронология отношений", "сколько раз встречались путин и алиев"],
)
def test_list_intent(parse, question: str) -> None:
    assert parse(question).intent.list_intent, question


@pytest.mark.parametrize(
    "question",
    ["какая встреча была в самарканде", "когда встречались путин и алиев в самарканде", "товарооборот 2023"],
)
def test_a_single_question_is_not_a_list(parse, question: str) -> None:
    assert not parse(question).intent.list_intent, question


# ---- entities --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "entity"),
    [
        ("встреча с Алиевым", "aliyev"),
        ("визит АЛИЕВА в москву", "aliyev"),
        ("переговоры с Байрамовым", "bayramov"),
        ("Байрамоф в москве", "bayramov"),  # typo
        ("встреча с Пашиняном", "pashinyan"),
        ("переговоры с Асадовым", "asadov"),
        ("Лавров в Анталье", "lavrov"),
        ("ситуация в Карабахе", "karabakh"),
        ("что было в корабахе", "karabakh"),  # typo
        ("саммит в Самарканде", "samarkand"),
        ("азрбайджан товарооборот", "azerbaijan"),  # typo
        ("товарооборот с азербайджаном", "azerbaijan"),
    ],
)
def test_entities_are_found_by_alias_in_any_case_and_with_typos(parse, question: str, entity: str) -> None:
    assert entity in named(parse(question)), parse(question)


def test_one_entity_named_in_several_case_forms_is_one_entity(parse) -> None:
    assert parse("Путин Путина Путину Путиным").scope.entities == {"putin"}


def test_a_multiword_alias_is_one_entity_not_its_words(parse) -> None:
    query = parse("когда встречались путин и алиев")
    assert {"putin", "aliyev"} <= query.scope.entities
    assert all(term.word not in ("путин", "алиев") for term in query.words.terms)


def test_the_subjects_of_the_source_are_about_refs_not_constraints(parse, index: Index) -> None:
    query = parse("товарооборот россии и азербайджана")
    assert {"russia", "azerbaijan"} <= query.scope.about_refs
    assert not query.scope.entities & index.about


def test_an_adjective_naming_a_subject_is_a_qualifier(parse) -> None:
    query = parse("сколько российских студентов")
    assert "russia" in query.scope.about_qualifiers


def test_place_refs_only_after_v(parse) -> None:
    assert parse("встреча в Самарканде").scope.place_refs == {"samarkand"}
    assert parse("когда путин был в баку").scope.place_refs == {"baku"}
    assert parse("поездка во Владивосток").scope.place_refs <= {"vladivostok"}  # only a known place can be one
    assert not parse("заявление Баку").scope.place_refs
    assert not parse("встреча Лаврова и Байрамова").scope.place_refs


@pytest.mark.parametrize(("question", "place"), [("сколько компаний работает на территории Азербайджана", "azerbaijan"),
                                                  ("были ли визиты в пределах России", "russia")])
def test_a_noun_for_territory_passes_on_where(parse, question: str, place: str) -> None:
    query = parse(question)
    assert query.scope.place_refs == {place}
    assert not {"территория", "предел"} & {lemma for t in query.words.terms for lemma in t.lemmas}


def test_the_territory_of_a_country_is_where_in_english() -> None:
    index = Engine.from_path().sibling("en").index
    query = parse_query("how many firms are registered on the territory of Russia", index)
    assert query.scope.place_refs == {"russia"}


def test_a_place_on_the_other_territory_rules_the_fact_out(index: Index) -> None:
    engine = Engine.from_path().prepare()
    there = engine.answer("Сколько фирм с российским капиталом работает на территории Азербайджана?")
    assert there.answered and there.facts == ("companies-fully-russian-capital",)
    elsewhere = engine.answer("Сколько фирм с азербайджанским капиталом работает на территории России?")
    assert "companies-fully-russian-capital" not in elsewhere.facts or not elsewhere.answered


@pytest.mark.parametrize("question", ["когда Лавров посещал Азербайджан", "Лавров посетил Азербайджан?",
                                      "when did Lavrov visit Azerbaijan", "has Lavrov visited Azerbaijan"])
def test_the_object_of_a_visit_is_where(index: Index, question: str) -> None:
    if question.isascii():
        index = Engine.from_path().sibling("en").index
    query = parse_query(question, index)
    assert "azerbaijan" in query.scope.place_refs
    assert "lavrov" not in query.scope.place_refs


def test_the_subject_of_a_visit_is_not_where(parse) -> None:
    assert "azerbaijan" not in parse("Азербайджан посетил Лавров").scope.place_refs  # only the object follows the verb
    assert not parse("переговоры Лаврова и Байрамова").scope.place_refs


@pytest.mark.parametrize(("question", "split"), [
    ("какая встреча глав мид была перед анталийским форумом",
     ("какая встреча глав мид была", "before", "анталийским форумом")),
    ("о чем после перемирия вели переговоры", ("о чем вели переговоры", "after", "перемирия")),  # up to a verb
    ("что было после встречи в сочи", ("что было", "after", "встречи в сочи")),  # «Сочи» is no verb «сочить»
    ("what happened after the antalya forum", ("what happened", "after", "the antalya forum")),
    ("what came prior to the bishkek summit", ("what came", "before", "the bishkek summit")),
])
def test_a_relative_word_splits_the_question_from_its_event(index: Index, question: str,
                                                           split: tuple[str, str, str]) -> None:
    lang = "en" if question.isascii() else "ru"
    names = index.aliases if lang == "ru" else Engine.from_path().sibling("en").index.aliases
    assert split_relative(question, lexicon_for(lang), analyser_for(lang), names=names) == split


@pytest.mark.parametrize("question", ["что было после 2022 года", "до какого года дорожная карта", "после"])
def test_a_period_or_nothing_after_the_relative_word_is_no_event(index: Index, question: str) -> None:
    assert split_relative(question, lexicon_for("ru"), analyser_for("ru"), names=index.aliases) is None


def test_after_a_year_is_a_period(parse) -> None:
    query = parse("что было после 2022 года")
    assert query.scope.span is not None and query.scope.span[0].isoformat() == "2023-01-01" and not query.scope.years


@pytest.mark.parametrize(("question", "first", "last"), [
    ("что было после апреля 2024 года", "2024-05-01", "2100-12-31"),
    ("встречи после декабря 2023", "2024-01-01", "2100-12-31"),
    ("встречи до марта 2022", "1900-01-01", "2022-02-28"),
])
def test_before_or_after_a_month_is_a_period(parse, question: str, first: str, last: str) -> None:
    query = parse(question)
    assert query.scope.span is not None and not query.scope.years and not query.scope.months
    assert (query.scope.span[0].isoformat(), query.scope.span[1].isoformat()) == (first, last)


def test_adjectives_between_how_many_and_the_counted_noun(parse) -> None:
    query = parse("сколько было трехсторонних переговоров с арменией")
    assert query.intent.answer_type == "count" and query.intent.count_intent  # «переговоров» is the occasion counted


@pytest.mark.parametrize("question", ["все события связанные с снг", "всё, что касается СНГ"])
def test_related_to_is_no_word_to_match(parse, question: str) -> None:
    assert not parse(question).words.terms and "cis" in parse(question).scope.entities


@pytest.mark.parametrize("question", ["встречи путина и алиева вне россии", "встречи за пределами России"])
def test_outside_a_place_rules_it_out(parse, question: str) -> None:
    query = parse(question)
    assert query.scope.excluded_places == {"russia"} and "russia" not in query.scope.place_refs


@pytest.mark.parametrize(("question", "months"), [
    ("что было в первом полугодии 2023", set(range(1, 7))),
    ("встречи во втором полугодии 2022", set(range(7, 13))),
    ("в третьем квартале 2023", {7, 8, 9}),
])
def test_halves_and_quarters_of_a_year_are_months(parse, question: str, months: set[int]) -> None:
    query = parse(question)
    assert query.scope.months == months and not query.intent.ordinal and not query.intent.nth


def test_becoming_names_the_role_taken_up(parse) -> None:
    assert parse("когда Алиев стал президентом").intent.becomes == "президент"
    assert parse("когда россия и азербайджан стали союзниками").intent.becomes == analyse("союзник").lemmas[0]
    assert parse("товарооборот стал рекордным").intent.becomes == ""  # an adjective is a state, not a role
    assert parse("сколько раз Париж становился местом встреч").intent.becomes == ""  # a thing is no role
    assert parse("когда Петров стал председателем").intent.becomes == "председатель"
    assert parse("когда встречались путин и алиев").intent.becomes == ""


@pytest.mark.parametrize(("question", "name"), [("встреча с Грузией", "грузией"), ("визит Токаева", "токаева"),
                                                ("переговоры путина с эрдоганом", "эрдоганом")])
def test_unknown_proper_names_are_reported(parse, question: str, name: str) -> None:
    query = parse(question)
    assert name in query.words.unknown_names, query


def test_known_names_are_not_reported_as_unknown(parse) -> None:
    assert parse("встреча Путина и Алиева в Самарканде").words.unknown_names == ()
    assert parse("переговоры Лаврова и Байрамова").words.unknown_names == ()


# ---- numbers and periods ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "years"),
    [
        ("товарооборот в 2023 году", {2023}),
        ("товарооборот в 23-м году", {2023}),
        ("товарооборот в 22 году", {2022}),
        ("встречи 2022 и 2023", {2022, 2023}),
        ("отношения с 1992 г.", {1992}),
        ("товарооборот", set()),
    ],
)
def test_years(parse, question: str, years: set[int]) -> None:
    assert parse(question).scope.years == years


def test_months_days_and_seasons(parse) -> None:
    query = parse("встреча 5 марта 2024")
    assert query.scope.years == {2024}
    assert query.scope.months == {3}
    assert query.scope.days == {(3, 5)}
    assert parse("что было в сентябре 2022").scope.months == {9}
    assert parse("что было летом 2022").scope.months == {6, 7, 8}
    assert parse("что было в конце 2023").scope.months == {10, 11, 12}


def test_a_number_that_is_not_a_year_or_a_day_must_be_stated(parse) -> None:
    query = parse("на полях 78-й сессии генассамблеи")
    assert query.scope.numbers == {"78"}
    assert not query.scope.years
    assert parse("32 марта").scope.days == set()  # not a day of a month


def test_years_out_of_range_are_plain_numbers(parse) -> None:
    query = parse("в 3024 году")
    assert not query.scope.years
    assert "3024" in query.scope.numbers


# ---- small talk and empty input --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("привет", "greeting"),
        ("Здравствуйте!", "greeting"),
        ("добрый день", "greeting"),
        ("спасибо", "thanks"),
        ("спс", "thanks"),
        ("пока", "bye"),
        ("до свидания", "bye"),
        ("ты кто", "chat"),
        ("ты бот?", "chat"),
        ("", "empty"),
        ("   ", "empty"),
        ("!!! ???", "empty"),
        ("😀🤖", "empty"),
    ],
)
def test_smalltalk(parse, text: str, kind: str) -> None:
    assert parse(text).intent.smalltalk == kind


@pytest.mark.parametrize("question", ["привет, когда путин был в баку", "спасибо, а товарооборот в 2023?",
                                      "когда установили отношения"])
def test_a_real_question_is_not_smalltalk(parse, question: str) -> None:
    assert parse(question).intent.smalltalk == ""


def test_empty_input_has_no_content(parse) -> None:
    query = parse("")
    assert not query.has_content
    assert query.words.terms == () and query.words.phrase == ""


# ---- typo correction and robustness ----------------------------------------------------------------


def test_typo_correction_finds_a_base_word(index: Index) -> None:
    assert correct_word("товарооброт", index) == "товарооборот"
    assert correct_word("азрбайджан", index) == "азербайджан"
    assert correct_word("абв", index) is None  # too short to guess
    assert correct_word("кхмпфрщ", index) is None


@pytest.mark.parametrize(("typed", "meant"), [("тавароабарот", "товарооборот"), ("инвистиций", "инвестиций"),
                                             ("рассийским", "российским"), ("обьем", "объем")])
def test_a_word_spelt_as_it_sounds_is_the_base_word_it_sounds_like(index: Index, typed: str, meant: str) -> None:
    assert correct_word("тавароабарот", index) is None  # three letters off: too far for the fuzzy correction
    assert [info.word for info in resolve_word(typed, index)] == [meant]


def test_words_that_sound_alike_but_are_not_one_word_settle_nothing(index: Index) -> None:
    from knowledge.search.query import by_sound
    from knowledge.text.normalize import sound_key

    assert sound_key("товарооборот") == sound_key("тавароабарот") != sound_key("товар")
    other = dataclasses.replace(index, by_sound={sound_key("прошла"): ("прошла", "прошло"),
                                                 sound_key("визыт"): ("визит", "визы")})
    assert by_sound("прашла", other) == "прошла"  # two forms of one verb
    assert by_sound("визыт", other) is None  # two words


def test_a_verb_the_base_does_not_use_is_not_the_noun_of_its_root_naming_who_does_it(parse) -> None:
    """«руководит» (leads) is not «руководитель» (a leader, as in «встреча руководителей»): an action asked
    about is not found in a fact naming people by their office."""
    query = parse("с какого года алиев руководит азербайджаном")
    assert "руководитель" not in {lemma for term in query.words.terms for lemma in term.lemmas}
    assert not Engine.from_path().answer("с какого года алиев руководит азербайджаном").answered


@pytest.mark.parametrize("question", ["кто был главным партнером азербайджана по втс до 2010 года",
                                      "who was azerbaijan's main arms partner before 2010"])
def test_before_a_year_is_the_years_before_it(index: Index, question: str) -> None:
    engine = Engine.from_path()
    query = parse_query(question, engine.sibling("en").index if question.isascii() else index)
    assert query.scope.years == frozenset() and query.scope.span is not None
    assert query.scope.span[1].isoformat() == "2009-12-31"
    assert not engine.answer(question).answered  # the source's figure is for 2010–2019


def test_results_of_a_period_ask_for_no_outcome(parse) -> None:
    query = parse("какой объем инвестиций по итогам 2023 года")
    assert query.intent.asks_outcome == () and query.intent.answer_type == "figure"
    assert "итог" not in {lemma for term in query.words.terms for lemma in term.lemmas}
    assert parse("какие итоги переговоров").intent.asks_outcome


def test_a_dictionary_word_is_corrected_only_into_a_name_or_a_form_of_its_own_root(index: Index) -> None:
    def read(word: str) -> list[str]:
        return [info.word for info in resolve_word(word, index)]

    assert correct_word("контракт", index, score_cutoff=80.0) == "контакт"  # close enough to be taken for it …
    assert read("контракт") == ["контракт"]  # … but a real word of its own is no misspelling of another
    assert read("путна")[0].startswith("путин")  # a misspelt name may be a real word too
    assert read("какова") != ["какова"]  # another form of the same word («каков»)


def test_a_10000_character_input_parses_quickly(parse) -> None:
    for text in ("товарооборот " * 800, "кхмпф зщыв " * 1000, "а" * 10_000, "1234 " * 2000, "ё😀\u200b" * 3500):
        started = time.perf_counter()
        query = parse(text[:10_000])
        elapsed = time.perf_counter() - started
        assert elapsed < 2.0, (text[:20], elapsed)
        assert len(query.words.terms) <= 60


def test_the_query_is_immutable(parse) -> None:
    query = parse("когда встречались путин и алиев")
    with pytest.raises((AttributeError, TypeError)):
        query.intent.answer_type = "place"  # type: ignore[misc]


def test_a_rate_beside_a_number_asks_for_no_date(parse) -> None:
    """«12 млрд кубометров в год», "per year": a rate; «в каком году», a terse «год подписания»: a date."""
    assert parse("мощность 12 млрд кубометров в год").intent.answer_type != "date"
    assert parse("в каком году установлены отношения").intent.answer_type == "date"
    assert parse("год установления отношений").intent.answer_type == "date"


def test_a_count_of_an_entity_kind_is_a_count_of_named_things(parse) -> None:
    query = parse("сколько документов подписали в 2022 году")
    intent = query.intent
    assert (intent.answer_type, intent.counted_kind, intent.count_intent) == ("count", "document", True)
    assert parse("сколько студентов учится в россии").intent.counted_kind == ""


def test_a_kap_compound_is_read_as_its_parts(parse) -> None:
    """«капвложения» = капитальные вложения: the investment the base speaks of is found."""
    terms = parse("объем капвложений в 2023 году").words.terms
    assert any(t.known and "инвестиция" in t.lemmas for t in terms)


def test_a_query_comes_in_three_parts_and_changes_each_by_field_name(parse):
    query = parse("когда Путин и Алиев встречались в Сочи в 2022 году")
    assert query.scope.entities >= {"putin", "aliyev"} and query.scope.years == {2022}
    assert query.intent.answer_type == "date" and query.words.terms
    changed = query.changed(years=frozenset({2023}), ordinal="latest", text="другой")
    assert (changed.scope.years, changed.intent.ordinal, changed.text) == ({2023}, "latest", "другой")
    assert changed.scope.entities == query.scope.entities and changed.words == query.words  # the rest kept
    assert query.scope.years == {2022}  # the original is untouched
    with pytest.raises(TypeError, match="no field"):
        query.changed(colour="red")


def test_a_verb_in_the_other_aspect_and_a_word_of_the_same_root_are_the_base_words(parse) -> None:
    """The base says «провели», «подписали», «рекордный»; a question says «проводили», «подписывали», «рекорд»."""
    lemmas = {lemma for term in parse("проводили переговоры и подписывали документы").words.terms
              for lemma in term.lemmas}
    assert {"провести", "подписать"} <= lemmas
    (record,) = parse("рекорд").words.terms
    assert record.known and "рекордный" in record.lemmas
    (unknown,) = parse("рекордсменка").words.terms  # longer than the base's word: not its derivative
    assert "рекордный" not in unknown.lemmas


@pytest.mark.parametrize(("question", "people"), [
    ("когда встречались президенты", {"putin", "aliyev"}),
    ("переговоры премьеров двух стран", {"mishustin", "asadov"}),
    ("министры иностранных дел России и Азербайджана в 2023", {"lavrov", "bayramov"}),
    ("встречи глав МИД двух стран", {"lavrov", "bayramov"}),  # a term of the base whose name spells the role
    ("переговоры глав государств", {"putin", "aliyev"}),  # the role by another name
    ("лидеры обеих стран", {"putin", "aliyev"}),
])
def test_a_role_in_the_plural_names_its_holders_in_the_countries_asked_about(parse, question: str,
                                                                            people: set[str]) -> None:
    query = parse(question)
    assert query.scope.entities == people
    assert not query.scope.soft_entities  # «министры иностранных дел» no longer read as the ministries


@pytest.mark.parametrize("question", ["неформальные встречи лидеров СНГ", "саммит глав государств ШОС",
                                      "встреча лидеров стран СНГ"])
def test_a_role_of_an_organisation_names_its_members_not_the_base_pair(parse, question: str) -> None:
    assert not parse(question).scope.entities & {"putin", "aliyev"}


def test_a_role_in_the_plural_names_nobody_when_it_is_no_pair_or_asks_who(parse) -> None:
    assert parse("министры армении").scope.entities == {"armenia"}  # one holder there: no pair named
    assert parse("кто президенты россии и азербайджана").intent.answer_type == "person"
    assert "aliyev" not in parse("кто президенты россии и азербайджана").scope.entities  # the role reading's
    assert not parse("как дела").scope.entities  # «дела» is a word of a role, not its head
    assert parse("диалог министерств иностранных дел").scope.soft_entities == {"mfa"}  # institutions, not people


def test_both_countries_and_a_half_year_are_read(parse) -> None:
    query = parse("встречи двух стран во второй половине 2022")
    assert query.scope.about_refs == {"russia", "azerbaijan"} and not query.words.terms[1:]
    assert query.scope.months == {7, 8, 9, 10, 11, 12}


def test_a_request_in_the_imperative_is_the_frame_not_what_is_asked(parse) -> None:
    asked = parse("какие компании работают в азербайджане, назови все")
    plain = parse("какие компании работают в азербайджане")
    assert [t.word for t in asked.words.terms] == [t.word for t in plain.words.terms]
    assert asked.intent.list_intent
    # the same verb in a statement keeps its meaning
    assert "назвал" in [t.word for t in parse("как алиев назвал эти действия").words.terms]


def test_a_side_or_together_adds_nothing_to_what_is_asked(parse) -> None:
    sided = parse("сколько раз проходили трехсторонние переговоры с армянской стороной")
    assert [t.word for t in sided.words.terms] == [t.word for t in parse(
        "сколько раз проходили трехсторонние переговоры с армянией").words.terms]
    assert "вместе" not in [t.word for t in parse("встречались ли вместе путин и алиев").words.terms]


def test_which_company_asks_for_an_organisation_and_a_list_of_companies_does_not(parse) -> None:
    asked = parse("какая компания собирает грузовики в гяндже")
    assert asked.intent.answer_type == "organisation"
    assert "компания" not in [t.word for t in asked.words.terms]
    assert parse("какие российские компании работают в азербайджане").intent.answer_type != "organisation"


def test_a_verb_of_telling_is_the_frame_only_in_the_forms_of_a_request(parse) -> None:
    assert "скажите" not in [t.word for t in parse("скажите, когда встречались путин и алиев").words.terms]
    assert "ответил" in [t.word for t in parse("что ответил путин алиеву").words.terms]


def test_the_noun_after_about_is_what_a_thing_is_about(parse) -> None:
    topics = [t.word for t in parse("когда подписали соглашение о новых поставках вертолетов").words.terms
              if t.topic]
    assert topics == ["поставках"]
    assert not [t for t in parse("когда подписали соглашение в москве").words.terms if t.topic]


@pytest.mark.parametrize("question", ["в каких странах кроме россии встречались путин и алиев",
                                      "где помимо москвы встречались путин и алиев"])
def test_a_place_after_except_is_left_out_not_compared(parse, question: str) -> None:
    query = parse(question)
    assert query.scope.excluded_places and not query.intent.comparison


def test_except_before_a_person_asks_for_the_others(parse) -> None:
    query = parse("кто кроме лаврова встречался с байрамовым")
    assert query.intent.others and not query.intent.comparison and not query.scope.excluded_places


def test_according_to_the_data_of_someone_asks_no_figure(parse) -> None:
    assert parse("по данным какого министерства был обстрелян автомобиль").intent.answer_type != "figure"
    assert parse("статистика туристов за 2023 год").intent.answer_type == "figure"


def test_a_precise_adjective_is_no_word_a_fact_must_hold(parse) -> None:
    query = parse("назови точную дату установления дипломатических отношений")
    assert query.intent.answer_type == "date" and query.intent.precise
    assert "точный" not in {lemma for term in query.words.terms for lemma in term.lemmas}


@pytest.mark.parametrize(("question", "kind"), [
    ("вузов в азербайджане где учат по-русски сколько", "figure"),  # «где» opens a clause about the noun
    ("путин и алиев где встречались и сколько раз", "place"),  # «где» after a name asks where
])
def test_how_many_replaces_a_where_that_opened_a_clause(parse, question: str, kind: str) -> None:
    assert parse(question).intent.answer_type == kind


@pytest.mark.parametrize(("question", "verb"), [("когда документ появился", "появился"),
                                               ("сколько раз сочи становился местом встреч", "становился"),
                                               ("какие встречи пришлись на март", "пришлись")])
def test_a_verb_that_says_little_beside_its_nouns_weighs_little(parse, index: Index, question: str,
                                                                verb: str) -> None:
    """A word the base never uses weighs most (it is the strongest sign of another subject); «появиться»,
    «стать», «прийтись» say nothing a fact must hold, so they weigh a fraction of that."""
    (term,) = [t for t in parse(question).words.terms if t.word == verb]
    assert term.weight < 0.5 * index.unknown_idf  # another unknown word: 1.5 × unknown_idf


def test_by_the_results_of_an_event_asks_its_outcome_of_a_period_its_figure(parse) -> None:
    assert parse("что решили по итогам апрельских переговоров в москве").intent.asks_outcome
    assert not parse("товарооборот по итогам 2023 года").intent.asks_outcome


def test_else_after_who_asks_for_the_others(parse) -> None:
    assert parse("кто ещё встречался с байрамовым").intent.others
    assert not parse("кто встречался с байрамовым ещё раз").intent.others


@pytest.mark.parametrize("question", ["кто был премьером до али асадова", "кто был министром до джейхуна байрамова"])
def test_before_a_full_name_is_a_comparison(parse, question: str) -> None:
    """The first name may be no word the base matches («али» reads as a conjunction): «до» still governs it."""
    assert parse(question).intent.comparison


def test_except_before_a_full_name_asks_for_the_others(parse) -> None:
    assert parse("кто кроме сергея лаврова встречался с байрамовым").intent.others
    assert not parse("кто встречался с ильхамом алиевым").intent.comparison


def test_except_before_a_thing_is_a_comparison(parse) -> None:
    assert parse("что кроме торговли развивается между странами").intent.comparison


def test_except_before_a_country_in_english(index: Index) -> None:
    query = parse_query("in which countries besides russia did putin and aliyev meet",
                        Engine.from_path().sibling("en").index)
    assert query.scope.excluded_places == frozenset({"russia"}) and not query.intent.comparison


@pytest.mark.parametrize("question", ["сколько раз иванов и петров садились за стол переговоров",
                                      "когда иванов сел за стол переговоров с петровым",
                                      "когда иванов сидел за одним столом с петровым"])
def test_an_idiom_in_several_words_is_read_as_its_one_word(parse, question: str) -> None:
    lemmas = {lemma for term in parse(question).words.terms for lemma in term.lemmas}
    assert "встреча" in lemmas and not lemmas & {"стол", "садиться", "сесть"}


def test_staying_as_a_guest_is_a_visit(parse) -> None:
    assert ("встреча",) in [term.lemmas for term in parse("когда лавров гостил в азербайджане").words.terms]


@pytest.mark.parametrize(("question", "noun"), [
    ("на каком международном мероприятии встретились лавров и байрамов", "мероприятие"),
    ("какие сферы отражены в декларации", "сфера"),
])
def test_the_kind_asked_after_which_weighs_little(parse, question: str, noun: str) -> None:
    """The fact may name the kind asked in its own words («форум» for «мероприятие»): it weighs little."""
    weights = {t.lemmas[0]: t.weight for t in parse(question).words.terms}
    plain = {t.lemmas[0]: t.weight for t in parse(f"{noun} с участием лаврова").words.terms}
    assert weights[noun] < 0.5 * plain[noun]


def test_topics_asked_ask_what_was_said(parse) -> None:
    assert parse("какие темы поднимал мишустин на переговорах").intent.asks_said
    assert not parse("какие сферы отражены в декларации").intent.asks_said


def test_how_much_is_a_question_word_not_a_word_to_find(parse) -> None:
    assert not parse("насколько вырос товарооборот в 2023 году").words.terms[0].word.startswith("насколько")


@pytest.mark.parametrize(("one", "other"), [("дипломатические связи", "дипломатические отношения"),
                                            ("российские бойцы", "российские военные"),
                                            ("нефтегазовые компании присутствуют",
                                             "энергетические компании работают"),
                                            ("какую бумагу скрепили", "какой документ подписали"),
                                            ("сколько отдыхающих", "сколько туристов"),
                                            ("лекции в общеобразовательных", "обучение в школьных"),
                                            ("влили в хозяйство", "вложили в экономику"),
                                            ("вагоны подземки", "вагоны метро")])
def test_general_synonyms_are_one_term(parse, one: str, other: str) -> None:
    assert [t.lemmas for t in parse(one).words.terms] == [t.lemmas for t in parse(other).words.terms]


def test_a_light_verb_weighs_less_than_its_object(parse) -> None:
    terms = {t.lemmas[0]: t.weight for t in parse("сколько регионов ведут дела с азербайджаном").words.terms}
    plain = {t.lemmas[0]: t.weight for t in parse("сколько регионов подписали соглашения").words.terms}
    assert terms["вести"] < 0.5 * plain["подписать"]


@pytest.mark.parametrize(("question", "said"), [("что обсуждали иванов и петров", True),
                                                ("о чём говорили иванов и петров в 2023 году", True),
                                                ("можно ли сказать, что иванов и петров встречались", False),
                                                ("кто-то говорил, что иванов был в париже", False),
                                                ("скажи, что подписали иванов и петров", False),
                                                ("с каким коллегой говорили иванов и петров", False)])
def test_what_was_said_is_asked_after_what(parse, question: str, said: bool) -> None:
    assert parse(question).intent.asks_said is said


def test_getting_an_education_is_studying(parse) -> None:
    lemmas = [t.lemmas[0] for t in parse("сколько азербайджанцев получают высшее образование").words.terms]
    assert "учиться" in lemmas and "вуз" in lemmas and "получать" not in lemmas


@pytest.mark.parametrize(("slang", "plain"), [
    ("товарооборот 22 года скока ярдов", "товарооборот 2022 года сколько миллиардов"),
    ("какие нефтянки работают", "какие нефтяные компании работают"),
    ("сколько универов", "сколько университетов"),
    ("товарооборот подрос на 24 проц", "товарооборот вырос на 24 процентов"),
    ("межправсоглашение", "межправительственное соглашение"),
    ("сколько высших учебных заведений", "сколько вузов"),
    ("в общеобразовательных учреждениях", "в школах"),
    ("когда уходят голубые каски", "когда уходят миротворцы"),
    ("документ подмахнули", "документ подписали"),
    ("русскоязычные школы", "русские школы"),
    ("как страны обменялись товарами", "как страны торговали"),
    ("сертифицированные точки техобслуживания", "аттестованные точки сервиса"),
    ("экспорт в азербайджан", "торговля в азербайджан"),
    ("какая часть поставок", "какая доля поставок"),
    ("что сделала армия", "что сделали военные"),
    ("когда завязали отношения", "когда установили отношения"),
    ("что было в ходе визита", "что было во время визита"),
    ("кооперация стран", "сотрудничество стран"),
    ("бумага об альянсе", "бумага о союзе"),
    ("спокойствие в закавказье", "стабильность на южном кавказе"),
    ("когда бои утихли", "когда перемирие"),
    ("встреча первых лиц", "встреча лидеров"),
    ("переговоры на высшем уровне", "переговоры лидеров"),
    ("встречи на уровне премьеров", "встречи премьеров"),
    ("как общаются кабинеты министров", "как общаются правительства"),
    ("как обстоит дело с торговлей", "как с торговлей"),
    ("кто руководит министерством", "кто глава министерства"),
])
def test_slang_is_spelled_out(parse, slang: str, plain: str) -> None:
    assert [t.lemmas for t in parse(slang).words.terms] == [t.lemmas for t in parse(plain).words.terms]


@pytest.mark.parametrize("hearsay", ["говорят,", "я слышал, что", "утверждают, что"])
def test_hearsay_framing_a_claim_is_no_word_to_find(parse, hearsay: str) -> None:
    plain = parse("путин встречался с алиевым в сочи")
    assert [t.lemmas for t in parse(f"{hearsay} путин встречался с алиевым в сочи").words.terms] == \
        [t.lemmas for t in plain.words.terms]


def test_a_document_taken_is_adopted_a_visitor_received(parse) -> None:
    adopted = parse("когда приняли дорожную карту")
    assert [t.lemmas for t in adopted.words.terms] == [("утвердить",)]
    assert next(t.lemmas for t in parse("когда приняли документ").words.terms) == ("утвердить",)
    received = parse("когда алиев принял лаврова")
    assert "утвердить" not in {lemma for t in received.words.terms for lemma in t.lemmas}


def test_approving_is_one_word_however_said(parse) -> None:
    assert next(t.lemmas for t in parse("когда одобрили программу").words.terms) == ("утвердить",)


@pytest.mark.parametrize(("typed", "kind"), [("в каом городе встречались лидеры", "place"),
                                              ("кагда подписали соглашение", "date")])
def test_a_mistyped_question_word_is_that_word(parse, typed: str, kind: str) -> None:
    query = parse(typed)
    assert not query.words.unknown_names and query.intent.answer_type == kind


def test_a_short_first_part_typed_apart_is_joined_to_its_word(parse) -> None:
    assert parse("меж правительственное соглашение").words.terms[0].word == "межправительственное"


def test_a_place_before_a_verb_of_visiting_is_where(parse) -> None:
    assert "russia" in parse("сколько раз Россию посетили туристы из Азербайджана").scope.place_refs
    assert "russia" not in parse("сколько туристов из России посетили Азербайджан").scope.place_refs


def test_a_misspelt_common_word_is_no_unknown_name(parse) -> None:
    query = parse("в каком гораде встречались путин и алиев")
    assert not query.words.unknown_names and query.intent.answer_type == "place"
    assert parse("где путин виделся с токаевым").words.unknown_names == ("токаевым",)


def test_the_first_persons_are_leaders_not_an_ordinal(parse) -> None:
    query = parse("где прошла первая встреча первых лиц")
    assert query.intent.ordinal == "earliest" and query.intent.answer_type == "place"
    assert not parse("где встречались первые лица").intent.ordinal


def test_a_place_noun_after_what_is_a_word_not_the_kind_asked(parse) -> None:
    query = parse("что президент объявил насчёт единства страны")
    assert query.intent.answer_type == "what" and "страна" in {t.lemmas[0] for t in query.words.terms}


@pytest.mark.parametrize(("question", "person"), [("когда хозяин кремля был в баку", "putin"),
                                                  ("куда ездил главный азербайджанский дипломат", "bayramov"),
                                                  ("где был глава российского белого дома", "mishustin")])
def test_a_descriptive_name_in_the_base_names_its_person(parse, question: str, person: str) -> None:
    assert person in parse(question).scope.entities


@pytest.mark.parametrize(("question", "asked"), [("кем россия считает азербайджан", "what"),
                                                 ("кем баку приходится кремлю", "what"),
                                                 ("кем является байрамов", "person")])
def test_whom_with_a_status_verb_of_no_person_asks_a_status(parse, question: str, asked: str) -> None:
    assert parse(question).intent.answer_type == asked


@pytest.mark.parametrize(("idiom", "plain"), [("когда замолчали пушки", "когда перемирие"),
                                              ("кто возглавляет кабинет министров", "кто возглавляет правительство"),
                                              ("кто первым набрал номер", "кто первым позвонил")])
def test_idioms_read_as_what_they_mean(parse, idiom: str, plain: str) -> None:
    assert [t.lemmas for t in parse(idiom).words.terms] == [t.lemmas for t in parse(plain).words.terms]


def test_the_verb_of_what_was_said_weighs_little_when_it_is_asked(parse) -> None:
    """«что обсуждали»: a fact reporting what was said answers it in its own verbs («заявили», «договорились»)."""
    asked = {t.lemmas[0]: t.weight for t in parse("что обсуждали лавров и байрамов").words.terms}
    said = {t.lemmas[0]: t.weight for t in parse("лавров и байрамов обсуждали торговлю").words.terms}
    assert asked["обсуждать"] < 0.5 * said["обсуждать"]


@pytest.mark.parametrize("flown", ["когда иванов летал в париж", "иванов слетал в париж",
                                   "когда иванов вылетел в париж"])
def test_flying_somewhere_is_visiting_it(parse, flown: str) -> None:
    visit = {t.lemmas[0] for t in parse("когда иванов посетил париж").words.terms}
    assert visit and visit <= {t.lemmas[0] for t in parse(flown).words.terms}


def test_a_month_abbreviated_is_the_month(parse) -> None:
    assert parse("встречи в дек 2023").scope.months == parse("встречи в декабре 2023").scope.months == {12}


def test_being_dated_is_no_word_to_find(parse) -> None:
    lemmas = {t.lemmas[0] for t in parse("соглашение датируется 2005 годом").words.terms}
    assert lemmas and "датироваться" not in lemmas


def test_a_title_before_a_name_names_that_person_only(parse) -> None:
    """«премьер Асадов»: the title of the one named, not the premiers of both countries («премьер» reads as a
    plural of «премьера» too)."""
    assert "mishustin" not in parse("где был премьер асадов в декабре 2023").scope.entities
    assert {"mishustin", "asadov"} <= parse("где встречались премьеры в 2023").scope.entities


def test_being_valued_at_asks_how_much(parse) -> None:
    query = parse("во что оцениваются накопленные инвестиции")
    assert query.intent.answer_type == "figure" and "оцениваться" not in {t.lemmas[0] for t in query.words.terms}


def test_a_country_after_a_place_word_is_where(parse) -> None:
    """«в каких городах России»: the cities are in Russia — a place asked within it, not a fact about it."""
    assert "russia" in parse("в каких городах россии встречались лавров и байрамов").scope.place_refs
    assert "russia" not in parse("какие города посещал лавров по делам россии").scope.place_refs


def test_a_month_adjective_names_the_month(parse) -> None:
    assert parse("в ходе февральской поездки 2023 года").scope.months == {2}


def test_two_countries_in_the_nominative_are_both_sides(parse) -> None:
    query = parse("две страны установили отношения в 1992 году")
    assert "два" not in {t.lemmas[0] for t in query.words.terms} and query.intent.answer_type != "place"


def test_the_place_something_occupies_is_a_rank(parse) -> None:
    """«какое место занимает»: a rank among others, not where; «в каком месте встречались» stays a place."""
    assert parse("какое место Россия занимает среди инвесторов").intent.answer_type != "place"
    assert parse("в каком месте встречались президенты").intent.answer_type == "place"


def test_cooperation_with_someone_asked_in_an_overview_is_all_about_them(parse) -> None:
    """«что известно о сотрудничестве с КАМАЗом»: every fact about the company, not only one saying «сотрудничество»."""
    lemmas = {lemma for t in parse("что известно о сотрудничестве с КАМАЗом").words.terms for lemma in t.lemmas}
    assert "сотрудничество" not in lemmas
    kept = {lemma for t in parse("что известно о сотрудничестве в энергетике").words.terms for lemma in t.lemmas}
    assert "сотрудничество" in kept  # nobody named: the cooperation is what is asked about


def test_an_overview_of_cooperation_with_a_company_lists_its_facts(index: Index) -> None:
    engine = Engine.from_path().prepare()
    answer = engine.answer("Что известно о сотрудничестве с КАМАЗом в Азербайджане?")
    assert answer.kind == "list" and len(answer.facts) >= 3


@pytest.mark.parametrize(("question", "place"), [("когда президенты встречались в столице Киргизии", "bishkek"),
                                                  ("что подписали в столице России", "moscow")])
def test_the_capital_of_a_country_is_the_city_the_base_gives_as_its_capital(parse, question: str,
                                                                           place: str) -> None:
    assert place in parse(question).scope.place_refs


def test_a_city_the_base_does_not_call_a_capital_is_none(parse) -> None:
    assert "samarkand" not in parse("встреча в столице Узбекистана").scope.place_refs


@pytest.mark.parametrize(("question", "listed"), [
    ("в вузах учатся всего около 5 тысяч студентов", False),  # «всего» before a number: how much, not «все»
    ("работают лишь 2 центра", False),
    ("покажи всего встреч", True),
    ("все встречи президентов", True),
])
def test_only_before_a_number_asks_for_no_list(parse, question: str, listed: bool) -> None:
    assert parse(question).intent.list_intent is listed


def test_a_country_named_after_from_says_whose_they_are(parse) -> None:
    # «студенты из России» as «российские студенты»: a fact must name Russia to be about them
    assert parse("сколько студентов из России учатся в вузах Азербайджана").scope.about_qualifiers == {"russia"}
    assert not parse("сколько студентов учатся в вузах России").scope.about_qualifiers


@pytest.mark.parametrize("question", ["какие события в отношениях двух стран пришлись на март 2024 года",
                                      "что происходило в отношениях России и Азербайджана в декабре 2023"])
def test_the_relations_of_the_base_subjects_in_a_period_are_everything_in_it(parse, question: str) -> None:
    query = parse(question)
    assert query.intent.list_intent and not query.words.terms
    assert parse("как развивалось военное сотрудничество в 2023 году").words.terms  # a field of it is a word to find


@pytest.mark.parametrize("question", [
    "Сколько раз Алиев приезжал в Москву, не считая запланированных на 22 апреля 2024 года переговоров?",
    "Сколько раз Алиев был в Москве, кроме предстоящих переговоров?",
])
def test_a_clause_leaving_out_announced_events_is_no_part_of_what_is_asked(parse, question: str) -> None:
    query = parse(question)
    assert query.intent.count_intent and not query.intent.comparison and not query.intent.upcoming
    assert not query.scope.days and not query.scope.years  # the announced talks' date is not the period asked


def test_a_clause_leaving_out_a_place_still_leaves_it_out(parse) -> None:
    assert "sochi" in parse("где встречались Путин и Алиев, кроме Сочи").scope.excluded_places


@pytest.mark.parametrize("question", ["сколько встреч Путина и Алиева упомянуто", "какие компании упоминаются",
                                      "сколько российских компаний названо поименно"])
def test_a_passive_verb_of_mentioning_is_said_of_the_source(parse, question: str) -> None:
    query = parse(question)
    assert not {"упомянуть", "упоминать", "назвать", "оценка"} & {lm for t in query.words.terms for lm in t.lemmas}
    assert query.intent.answer_type != "name"


def test_an_active_verb_of_mentioning_is_a_word_to_find(parse) -> None:
    assert parse("что Алиев упомянул в разговоре").words.terms


@pytest.mark.parametrize("question", ["работает ли Лукойл на азербайджанском рынке",
                                      "работает ли Лукойл на рынке Азербайджана"])
def test_a_countrys_market_is_in_that_country(parse, question: str) -> None:
    query = parse(question)
    assert "azerbaijan" in query.scope.place_refs
    assert "рынок" not in {lemma for term in query.words.terms for lemma in term.lemmas}


def test_communication_is_a_contact_as_communicating_is(parse) -> None:
    noun, verb = parse("общение Путина и Алиева"), parse("общались Путин и Алиев")
    assert noun.words.terms[0].lemmas == verb.words.terms[0].lemmas


def test_a_number_with_nothing_to_count_is_the_day_of_the_month(parse) -> None:
    assert parse("Путин и Алиев в Ашхабаде — какое число?").intent.answer_type == "date"
    assert parse("какое число граждан Азербайджана посетило Россию").intent.answer_type == "figure"


def test_a_persons_title_in_the_plural_is_the_role_of_several(parse) -> None:
    # «президент России» is an alias of one person; «президентов России и Азербайджана» are both presidents
    assert parse("переговоры президентов России и Азербайджана").scope.entities == {"putin", "aliyev"}
    assert "putin" in parse("переговоры президента России с Алиевым").scope.entities


def test_an_event_scheduled_is_the_announced_one_asked(parse) -> None:
    query = parse("на какую дату назначены переговоры президентов")
    assert query.intent.future and not query.intent.becomes
    assert "назначить" not in {lemma for term in query.words.terms for lemma in term.lemmas}
    assert not parse("когда Асадов был назначен премьером").intent.future  # an office taken up, not a date set
