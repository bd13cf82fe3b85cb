"""knowledge.engine.Engine: the one entry point every front end calls.

Most tests run on the bundled base (one Engine per module); the last ones build
an Engine from the small base of tests/builders.py.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from builders import SOURCE_TEXT, write_base
from hypothesis import given, settings
from hypothesis import strategies as st

from knowledge import bundled_path
from knowledge.answers.answer import Answer
from knowledge.engine import Engine, EngineSettings
from knowledge.evaluation import load_labels

SOURCE_LINE = "Источник: РИА Новости, 22.04.2024 — http://ria.ru"
JSON_KEYS = {"question", "answered", "kind", "reply", "facts", "sources", "score", "suggestions", "lang"}
README = Path(__file__).resolve().parent.parent / "README.md"
LABELLED = Path(__file__).resolve().parent / "data" / "questions.jsonl"

ANSWERABLE = [
    "когда установлены дипломатические отношения",
    "когда путин с алиевым виделись в самарканде?",
    "какой товарооборот был в 2023 году",
    "сколько школ с русским языком в азербайджане",
    "сколько российских инвестиций в азербайджан в 2023",
]
LISTS = ["какие встречи были у путина и алиева в 2022", "все встречи путина и алиева", "что было в марте 2024"]
GARBAGE = [
    "",
    "   ",
    "\n\t",
    "😀😀😀",
    "🇷🇺🤝🇦🇿",
    "<b>hi</b><script>alert(1)</script>",
    "<a href='http://x'>когда</a>",
    "asdkjh qwe zxc",
    "кхмпф щзыв прст",
    "?!.,;:",
    "\x00\x01\x02",
    "\ud800",  # a lone surrogate
    "'; DROP TABLE facts; --",
    "{{7*7}} ${7*7}",
    "1234567890",
]


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.from_path()


def fact_date(engine: Engine, fact_id: str):
    fact = engine.fact(fact_id)
    assert fact is not None
    return fact.date.start


# ---- never raises, declines nonsense ---------------------------------------------------------------


@pytest.mark.parametrize("text", GARBAGE)
def test_garbage_is_never_answered(engine: Engine, text: str) -> None:
    answer = engine.answer(text)
    assert not answer.answered
    assert answer.facts == ()
    assert answer.kind in ("decline", "smalltalk")
    assert answer.reply  # something is always said


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_answer_never_raises_on_any_text(engine: Engine, text: str) -> None:
    answer = engine.answer(text)
    assert isinstance(answer, Answer)
    assert answer.question == text
    if not answer.answered:
        assert answer.facts == ()


def test_a_huge_message_is_handled(engine: Engine) -> None:
    answer = engine.answer("товарооборот в 2023 году " + "кхмпф " * 5000)
    assert isinstance(answer, Answer)
    assert engine.answer("ж" * 100_000).answered is False


# ---- what an answer looks like ---------------------------------------------------------------------


@pytest.mark.parametrize("question", ANSWERABLE + LISTS)
def test_an_answered_reply_ends_with_the_source_line(engine: Engine, question: str) -> None:
    answer = engine.answer(question)
    assert answer.answered, question
    assert answer.reply.endswith(SOURCE_LINE), answer.reply
    assert answer.facts
    assert [s.id for s in answer.sources] == ["ria-2024-04-22"]
    for fact_id in answer.facts:
        fact = engine.fact(fact_id)
        assert fact is not None and fact.text in answer.reply


@pytest.mark.parametrize("question", ANSWERABLE + LISTS + GARBAGE + ["привет", "товарооборот с грузией"])
def test_facts_are_empty_whenever_not_answered(engine: Engine, question: str) -> None:
    answer = engine.answer(question)
    assert answer.answered == bool(answer.facts)
    assert answer.to_dict()["facts"] == list(answer.facts)
    if not answer.answered:
        assert answer.to_dict()["facts"] == []


def test_reply_invariants_hold_on_every_labelled_question(engine: Engine) -> None:
    """Whatever the verdict: an assertion names facts and ends with the source; a non-answer names none."""
    for label in load_labels(LABELLED):
        answer = engine.answer(label.question)
        assert answer.answered == bool(answer.facts), label.question
        if answer.answered:
            assert answer.kind in ("answer", "list"), label.question
            assert answer.reply.endswith(SOURCE_LINE), label.question
            assert len(answer.facts) <= engine.settings.max_list
        else:
            assert answer.kind in ("partial", "suggest", "decline", "smalltalk"), label.question
        assert len(answer.suggestions) <= engine.settings.max_suggestions
        assert set(answer.to_dict()) == JSON_KEYS


def test_to_dict_has_exactly_the_documented_keys(engine: Engine) -> None:
    for question in ("когда установлены дипломатические отношения", "товарооборот с грузией", "привет", ""):
        record = engine.answer(question).to_dict()
        assert set(record) == JSON_KEYS
        assert isinstance(record["facts"], list) and isinstance(record["suggestions"], list)
        for source in record["sources"]:
            assert set(source) == {"id", "publisher", "title", "published", "url"}
        for suggestion in record["suggestions"]:
            assert set(suggestion) == {"id", "question", "text"}


def test_the_readme_documents_the_json_keys() -> None:
    readme = README.read_text(encoding="utf-8")
    row = next(line for line in readme.splitlines() if "factbot ask --json -" in line and "|" in line)
    documented = row.rsplit("(`", 1)[1].split("`)", 1)[0]
    assert {key.strip() for key in documented.split(",")} == JSON_KEYS


def test_a_single_answer_reply_is_the_fact_then_the_source(engine: Engine) -> None:
    answer = engine.answer("установление дипломатических отношений россии и азербайджана")
    assert answer.kind == "answer" and len(answer.items) == 1
    fact = engine.fact(answer.facts[0])
    assert fact is not None
    assert answer.reply == f"{fact.text}\n\n{SOURCE_LINE}"


@pytest.mark.parametrize(("question", "lead"), [
    ("когда установлены дипломатические отношения", "4 апреля 1992 года."),
    ("сколько вузов в азербайджане преподают на русском", "26 вузов"),
    ("где встречались путин и алиев 13 октября 2022", "Где: Астана"),
    ("где встретились лавров и байрамов 22 сентября 2023", "Где: на полях 78-й сессии"),  # a venue, no city
])
def test_the_asked_detail_comes_first(engine: Engine, question: str, lead: str) -> None:
    answer = engine.answer(question)
    assert answer.answered and answer.lead.startswith(lead), answer.reply
    assert answer.reply.startswith(answer.lead) and answer.reply.endswith(SOURCE_LINE)


# ---- lists -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("question", LISTS)
def test_list_questions_return_several_facts_oldest_first(engine: Engine, question: str) -> None:
    answer = engine.answer(question)
    assert answer.kind == "list" and answer.answered
    assert len(answer.facts) >= 3
    starts = [fact_date(engine, fact_id) for fact_id in answer.facts]
    assert starts == sorted(starts)
    assert len(set(answer.facts)) == len(answer.facts)
    assert all(f"• {item.date} — {item.text}" in answer.reply for item in answer.items)  # each with its date


def test_a_list_in_a_period_holds_only_facts_of_that_period(engine: Engine) -> None:
    answer = engine.answer("что было в марте 2024")
    for fact_id in answer.facts:
        fact = engine.fact(fact_id)
        assert fact is not None
        assert (fact.date.start.year, fact.date.start.month) <= (2024, 3) <= (fact.date.end.year, fact.date.end.month)


def test_max_list_caps_a_list_and_keeps_the_earliest(engine: Engine) -> None:
    question = "все встречи путина и алиева"
    full = engine.answer(question)
    assert full.total > 3
    capped_engine = Engine(engine.base, EngineSettings(max_list=3))
    capped = capped_engine.answer(question)
    assert capped.answered and len(capped.items) == 3
    assert capped.total == full.total
    assert capped.facts == full.facts[:3]  # the earliest three, the same ones
    assert f"3 из {full.total}" in capped.reply
    assert len(engine.answer(question).items) == len(full.items) <= EngineSettings().max_list


def test_max_list_zero_never_asserts_an_empty_answer(engine: Engine) -> None:
    answer = Engine(engine.base, EngineSettings(max_list=0)).answer("все встречи путина и алиева")
    assert not answer.answered or (answer.facts and answer.reply.endswith(SOURCE_LINE))


def test_max_suggestions_is_honoured(engine: Engine) -> None:
    question = "товарооборот с грузией"
    default = engine.answer(question)
    assert len(default.suggestions) == EngineSettings().max_suggestions
    one = Engine(engine.base, EngineSettings(max_suggestions=1)).answer(question)
    assert len(one.suggestions) == 1
    assert one.suggestions[0] == default.suggestions[0]
    assert one.reply.count("\n• ") == 1


def test_max_suggestions_zero_offers_none(engine: Engine) -> None:
    none = Engine(engine.base, EngineSettings(max_suggestions=0)).answer("товарооборот с грузией")
    assert none.suggestions == ()


def test_the_answer_threshold_decides_what_is_asserted(engine: Engine) -> None:
    question = "когда установлены дипломатические отношения"
    assert engine.answer(question).answered
    strict = Engine(engine.base, EngineSettings(answer_threshold=100.0, suggest_threshold=99.9, decision="rules"))
    answer = strict.answer(question)
    assert answer.score < 100.0
    assert not answer.answered
    # the calibrated decision (the default) may still answer a lookup the thresholds decline: its model trusts it
    assert Engine(engine.base, EngineSettings(answer_threshold=100.0, suggest_threshold=99.9)).answer(question).answered


# ---- typos and case forms --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("clean", "variants"),
    [
        ("когда установлены дипломатические отношения",
         ["кагда устоновлены дипломатичские атношения", "КОГДА УСТАНОВЛЕНЫ ДИПЛОМАТИЧЕСКИЕ ОТНОШЕНИЯ",
          "когда установили дипотношения?", "кто в курсе, когда установлены дипотношения"]),
        ("где встречались путин и алиев в сентябре 2022",
         ["где встречался путин с алиевым в сентябре 22-го", "Где Путин и Алиев встретились в сентябре 2022-го?",
          "где встречались путин и алиив в сентябре 2022"]),
        ("сколько школ с русским языком в азербайджане",
         ["скока школ с русским языком в азербайджане", "Сколько Школ С Русским Языком В Азербайджане"]),
        ("сколько российских инвестиций в азербайджан в 2023", ["скока россия инвестировала в азербайджан в 23м"]),
    ],
)
def test_typos_and_case_forms_answer_with_the_same_fact(engine: Engine, clean: str, variants: list[str]) -> None:
    expected = engine.answer(clean)
    assert expected.answered and len(expected.facts) == 1
    for variant in variants:
        got = engine.answer(variant)
        assert got.answered, variant
        assert got.facts == expected.facts, variant


# ---- small talk --------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["привет", "Здравствуйте!", "спасибо", "пока", "ты кто?", "добрый день"])
def test_smalltalk_is_not_an_answer(engine: Engine, text: str) -> None:
    answer = engine.answer(text)
    assert answer.kind == "smalltalk"
    assert not answer.answered and answer.facts == () and answer.sources == ()
    assert SOURCE_LINE not in answer.reply


def test_greeting_and_thanks_say_different_things(engine: Engine) -> None:
    assert engine.answer("привет").reply != engine.answer("спасибо").reply


def test_thanks_with_an_adverb_is_still_thanks(engine: Engine) -> None:
    answer = engine.answer("спасибо большое")
    assert answer.kind == "smalltalk"
    assert not answer.answered


# ---- quotes and reuse ------------------------------------------------------------------------------


def test_quote_is_the_verbatim_source_sentence(engine: Engine) -> None:
    source_text = (bundled_path() / "texts" / "ria-2024-04-22.txt").read_text(encoding="utf-8")
    answer = engine.answer("когда путин с алиевым виделись в самарканде?")
    quote = engine.quote(answer.facts[0])
    assert quote and quote in source_text
    assert "Самарканде" in quote
    for fact in engine.base.facts:
        assert engine.quote(fact.id) == fact.quote
    assert engine.quote("no-such-fact") is None


def test_the_engine_is_reusable_and_answers_do_not_change(engine: Engine) -> None:
    question = "какие встречи были у путина и алиева в 2022"
    first = engine.answer(question)
    for other in ANSWERABLE + GARBAGE:
        engine.answer(other)
    second = engine.answer(question)
    assert first == second
    assert first.reply == second.reply
    assert first is not second


def test_answers_and_the_index_are_immutable(engine: Engine) -> None:
    answer = engine.answer("когда установлены дипломатические отношения")
    with pytest.raises(dataclasses.FrozenInstanceError):
        answer.answered = False  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        engine.index.entries = ()  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        engine.settings.max_list = 1  # type: ignore[misc]


def test_topics_name_what_the_base_covers(engine: Engine) -> None:
    topics = engine.topics()
    assert topics and len(topics) == len(set(topics))
    declined = engine.answer("кхмпф щзыв")
    assert all(topic in declined.reply for topic in topics)


def test_related_facts_exclude_the_fact_itself(engine: Engine) -> None:
    related = engine.related("summit-2022-09-16-samarkand", limit=3)
    assert len(related) == 3
    assert "summit-2022-09-16-samarkand" not in {f.id for f in related}
    assert engine.related("no-such-fact") == []


# ---- a small custom base -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def small_engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    return Engine.from_path(write_base(tmp_path_factory.mktemp("small")))


def test_a_custom_base_answers_its_own_facts(small_engine: Engine) -> None:
    answer = small_engine.answer("когда установили дипломатические отношения?")
    assert answer.answered and answer.facts == ("relations-1992",)
    assert answer.reply.endswith("Источник: Тест Новости, 22.04.2024 — http://example.org")
    trade = small_engine.answer("какой товарооборот в 2023")
    assert trade.answered and trade.facts == ("trade-2023",)
    assert small_engine.quote("trade-2023") in SOURCE_TEXT


@pytest.mark.parametrize("question", ["сколько танков поставила россия", "кто такой эрдоган",
                                      "товарооборот в 2020", "где встречались путин и алиев в самарканде"])
def test_a_custom_base_declines_what_it_does_not_hold(small_engine: Engine, question: str) -> None:
    answer = small_engine.answer(question)
    assert not answer.answered, answer.reply
    assert answer.facts == ()


def test_a_custom_base_knows_nothing_of_the_bundled_one(small_engine: Engine, engine: Engine) -> None:
    question = "когда путин с алиевым виделись в самарканде?"
    assert engine.answer(question).answered
    assert not small_engine.answer(question).answered


@pytest.mark.parametrize(("question", "count"), [
    ("сколько раз встречались путин и алиев в 2022", "Семь раз (7)"),  # 22 February: two facts, one occasion
    ("сколько раз мишустин встречался с асадовым", "Два раза (2)"),
])
def test_counting_counts_occasions_and_lists_them(engine: Engine, question: str, count: str) -> None:
    answer = engine.answer(question)
    assert answer.answered and answer.kind == "list"
    assert answer.lead == f"{count} — по данным базы:"  # the number first, in words agreeing with the noun
    dates = [engine.fact(fid).date.start for fid in answer.facts]  # type: ignore[union-attr]
    assert dates == sorted(dates)


@pytest.mark.parametrize("question", ["Кто обстрелял машину с миротворцами у Джанятага?",
                                      "who fired at the Russian peacekeepers near Janyatag"])
def test_who_did_what_the_source_leaves_unsaid_is_not_answered_with_other_people(engine: Engine,
                                                                                 question: str) -> None:
    """The apology fact mentions the shooting and names Aliyev and Putin: they are not who fired."""
    answer = engine.answer(question)
    assert not answer.answered and answer.kind == "partial"
    assert [item.fact_id for item in answer.items] == ["karabakh-2023-09-20-janyatag-shooting"]


def test_a_city_asked_is_not_answered_with_an_occasion(engine: Engine) -> None:
    """The source says «на полях сессии ГА ООН» and names no city: «где» is answered, «в каком городе» not."""
    assert engine.answer("где встретились лавров и байрамов 22 сентября 2023").answered
    city = engine.answer("в каком городе встретились лавров и байрамов 22 сентября 2023")
    assert not city.answered and city.kind == "partial"


def test_meetings_of_foreign_ministers_are_not_those_of_presidents(engine: Engine) -> None:
    """«глава МИД» is one thing (the minister), not «глава» of anything plus «МИД»."""
    answer = engine.answer("сколько встреч глав МИД было в 2023")
    assert answer.answered and answer.lead.startswith("Пять встреч (5)")
    assert not any(fact_id.startswith("summit-") for fact_id in answer.facts)


def test_facts_sharing_only_the_names_and_year_do_not_answer_what_is_asked_about_them(engine: Engine) -> None:
    # the base knows trade (for another country pair) and a summit in Kazakhstan in 2022, but no trade with it
    answer = engine.answer("Какой товарооборот был у России с Казахстаном в 2022 году?")
    assert not answer.answered and not answer.facts
    # names alone still list what the base has about them
    assert engine.answer("Что известно об Армении в 2022 году?").answered


def test_who_of_a_country_is_not_answered_by_a_fact_naming_only_people_of_others(engine: Engine) -> None:
    # the summit in Astana names the Russian and the Azerbaijani presidents, no one of Kazakhstan
    assert not engine.answer("Кто от Казахстана был на саммите в Астане?").answered
    assert engine.answer("Кто от России был на саммите в Астане?").answered


def test_which_company_is_answered_by_a_fact_naming_another_than_the_one_asked_about(engine: Engine) -> None:
    answer = engine.answer("Какая компания собирает грузовики КАМАЗ в Азербайджане?")
    assert answer.answered and "Гянджинский" in answer.reply.split("\n", 1)[0]
    # a fact naming no company but the one asked about holds no answer to «какая компания»
    from knowledge.search.query import parse_query
    from knowledge.search.scoring import complete_for
    asked = parse_query("Какая компания выпускает грузовики КАМАЗ?", engine.index)
    entries = {e.fact.id: e for e in engine.index.entries}
    holds = {fact_id: complete_for(asked, entry) for fact_id, entry in entries.items()
             if set(entry.fact.organisations) == {"kamaz"} or "ganja-auto-plant" in entry.fact.organisations}
    assert holds and all(holds[f] == ("ganja-auto-plant" in entries[f].fact.organisations) for f in holds)


def test_what_someone_said_is_not_answered_by_a_meeting_they_were_at(engine: Engine) -> None:
    assert not engine.answer("Что Пашинян сказал журналистам после переговоров в Сочи?").answered
    assert engine.answer("Что заявил Алиев о территориальной целостности?").answered
    # a request to the bot in the same verb is no question about saying
    assert engine.answer("скажите, когда встречались путин и алиев в сочи").answered


def test_who_held_an_office_is_not_answered_by_a_fact_naming_the_office_and_no_one(engine: Engine) -> None:
    assert not engine.answer("Кто был главой военного ведомства России в 2003 году?").answered
    assert engine.answer("Кто подписал соглашение о ВТС в 2003 году?").answered  # the heads of the ministries


def test_an_agreement_about_another_thing_does_not_answer_when_one_was_signed(engine: Engine) -> None:
    assert not engine.answer("Когда Россия и Азербайджан подписали соглашение о судоходстве?").answered
    assert engine.answer("Когда подписали соглашение о военно-техническом сотрудничестве?").answered


def test_who_did_what_the_source_does_not_tell_is_not_answered_by_a_fact_mentioning_it(engine: Engine) -> None:
    import dataclasses

    from knowledge.search.query import parse_query
    from knowledge.search.scoring import rank
    query = parse_query("Кто совершил обстрел автомобиля?", engine.index)
    ranked = {s.entry.fact.id: s for s in rank(query, engine.index)}
    untold = next(s for s in ranked.values() if "who" in s.entry.fact.unstated)
    told = next(s for s in ranked.values() if s.entry.people and "who" not in s.entry.fact.unstated)
    # a fact with people first, and one as close saying the source does not tell who: no answer from the first
    close = dataclasses.replace(untold, score=told.score)
    assert engine._untold(query, [told, close])
    assert not engine._untold(query, [told, dataclasses.replace(untold, score=told.score - 50)])


def test_decisions_taken_are_an_outcome_a_meeting_fact_does_not_state(engine: Engine) -> None:
    assert not engine.answer("Какие решения приняли на встрече Путина и Алиева в Самарканде?").answered
    assert engine.answer("Какое решение приняли о выводе миротворцев из Карабаха?").answered


@pytest.mark.parametrize(("words", "digits"), [
    ("Где встретились Путин и Алиев 13 октября 2022 года?", "Где встретились Путин и Алиев 13.10.2022?"),
    ("Что случилось у Джанятага 20 сентября 2023 года?", "Что случилось у Джанятага 20.09.23?"),
    ("Where did Putin and Aliyev meet on 13 October 2022?", "Where did Putin and Aliyev meet on 10/13/2022?"),
])
def test_a_date_in_digits_is_read_as_the_same_day(engine: Engine, words: str, digits: str) -> None:
    said, typed = engine.answer(words), engine.answer(digits)
    assert said.answered and typed.facts == said.facts


@pytest.mark.parametrize("question", ["Что обсуждали Лавров и Байрамов на полях Генассамблеи ООН?",
                                      "What did Lavrov and Bayramov discuss at the UN General Assembly?"])
def test_a_meeting_does_not_say_what_was_discussed(engine: Engine, question: str) -> None:
    assert not engine.answer(question).answered


def test_a_fact_reporting_what_was_said_answers_what_was_said(engine: Engine) -> None:
    answer = engine.answer("Что сказал Алиев Путину в телефонном разговоре 21 сентября 2023 года?")
    assert answer.answered and "karabakh-2023-09-21-investigation-promise" in answer.facts


@pytest.mark.parametrize("question", ["Кто кроме Путина и Алиева участвовал в переговорах в Сочи в октябре 2022?",
                                      "Who besides Putin and Aliyev took part in the Sochi talks of October 2022?"])
def test_who_besides_the_named_is_the_other_participant(engine: Engine, question: str) -> None:
    answer = engine.answer(question)
    assert answer.answered and answer.facts == ("summit-2022-10-31-sochi-trilateral",)
    assert "Пашинян" in answer.lead or "Pashinyan" in answer.lead


@pytest.mark.parametrize("question", ["Кто ещё был на саммите в Ашхабаде в 2022 году?",
                                      "Who else was at the Ashgabat summit in 2022?"])
def test_who_else_with_no_one_named_is_someone_besides_the_bases_own_sides(engine: Engine, question: str) -> None:
    """The fact names only the two presidents: nobody else is known, however well it matches."""
    assert not engine.answer(question).answered


def test_where_an_event_of_a_day_was_may_be_the_country_but_no_city(engine: Engine) -> None:
    """The talks of 5 March were held in Azerbaijan, which the source says; it names no city."""
    where = engine.answer("Где прошли переговоры Мишустина с Асадовым 5 марта 2024 года?")
    assert where.answered and where.lead == "Где: Азербайджан."
    assert not engine.answer("В каком городе прошли переговоры Мишустина с Асадовым 5 марта 2024 года?").answered
    assert not engine.answer("Где работают российские компании?").answered  # a state of a country: no event's place


def test_contacts_are_every_kind_of_meeting(engine: Engine) -> None:
    """A summit someone took part in is a contact as much as talks are."""
    answer = engine.answer("Какие контакты были в декабре 2023 года?")
    assert answer.answered and "summit-2023-12-26-st-petersburg-cis-informal" in answer.facts
    assert "government-2023-12-16-asadov-moscow" in answer.facts


def test_who_else_beside_a_named_firm_is_another_firm(engine: Engine) -> None:
    answer = engine.answer("Газпром и кто ещё из российских компаний работает в Азербайджане?")
    assert answer.answered and answer.facts == ("energy-russian-companies",)


@pytest.mark.parametrize("question", ["Каков размер одной государственной стипендии для граждан Азербайджана?",
                                      "What is the size of a state scholarship for citizens of Azerbaijan?"])
def test_the_size_of_a_thing_is_not_told_by_a_count_of_them(engine: Engine, question: str) -> None:
    """«свыше 200 стипендий» says how many there are, not how big one is."""
    assert not engine.answer(question).answered
    assert engine.answer("Сколько государственных стипендий выделяется гражданам Азербайджана?").answered


@pytest.mark.parametrize("question", ["Кто ещё участвовал в переговорах Путина и Алиева в Кремле 25 мая 2023 года?",
                                      "Who else took part in the Putin–Aliyev talks in the Kremlin on 25 May 2023?"])
def test_who_else_besides_the_named_is_the_other_participant(engine: Engine, question: str) -> None:
    answer = engine.answer(question)
    assert answer.answered and answer.facts == ("summit-2023-05-25-kremlin-trilateral",)
    assert "Пашинян" in answer.lead or "Pashinyan" in answer.lead


@pytest.mark.parametrize(("question", "lead"), [
    ("Сколько дней длился визит Лаврова в Азербайджан в 2023 году?",
     "2 дня (27 февраля 2023 года – 28 февраля 2023 года)"),
    ("How long did Lavrov's visit to Azerbaijan last in 2023?", "2 days (27 February 2023 – 28 February 2023)"),
])
def test_how_long_it_lasted_is_the_days_its_dates_span(engine: Engine, question: str, lead: str) -> None:
    """One fact, or the facts of that one visit: the number of days first."""
    answer = engine.answer(question)
    assert "fm-2023-02-27-lavrov-visit-azerbaijan" in answer.facts and answer.lead.startswith(lead)


def test_one_day_tells_no_duration(engine: Engine) -> None:
    """Talks dated to one day may have lasted an hour; an operation dated to its first day, weeks."""
    assert not engine.answer("Сколько длились переговоры Путина и Алиева в Кремле 25 мая 2023 года?").answered


@pytest.mark.parametrize("question", ["какие вузы азербайджана преподают на русском языке",
                                      "Which schools in Azerbaijan teach in Russian?"])
def test_which_ones_are_not_told_by_a_fact_that_counts_them(engine: Engine, question: str) -> None:
    """The base says how many schools and universities teach in Russian, not which: the count is offered as
    related, never asserted as the answer, and no fact that merely mentions them stands in."""
    answer = engine.answer(question)
    assert not answer.answered, answer.reply
    assert engine.answer(question.replace("какие", "сколько").replace("Which", "How many")).answered


def test_names_asked_of_things_the_base_counts_in_words_are_not_told(engine: Engine) -> None:
    """«несколько сотен компаний»: how many, said in words — not which ones."""
    assert not engine.answer("назови компании с полностью российским капиталом в азербайджане").answered
    assert engine.answer("сколько в азербайджане компаний с полностью российским капиталом").answered


def test_who_heads_a_thing_needs_a_fact_naming_a_person(engine: Engine) -> None:
    """«кто руководит центрами»: a fact about the centres, naming nobody, does not tell who heads them."""
    answer = engine.answer("кто руководит сервисными центрами КАМАЗа в Азербайджане")
    assert not answer.answered
    assert engine.answer("сколько сервисных центров КАМАЗа в Азербайджане").answered


def test_who_heads_an_office_is_its_holder(engine: Engine) -> None:
    """«кто руководит МИД России» is «кто глава МИД России»: the minister the base names."""
    answer = engine.answer("кто руководит МИД России")
    assert answer.answered and "Лавров" in answer.reply.split("\n")[0]


@pytest.mark.parametrize("question", ["Кто крупнейший инвестор Азербайджана?",
                                      "Who is the largest investor in Azerbaijan?"])
def test_the_largest_is_not_told_by_one_of_the_top_five(engine: Engine, question: str) -> None:
    """A fact saying «в пятёрке крупнейших» does not say who is the first: shown at most, never asserted."""
    answer = engine.answer(question)
    assert not answer.answered


def test_a_status_asked_is_found_by_the_fact_stating_one() -> None:
    # «кем X является для Y»: no word of the question but the names, which both sides share with every fact
    answer = Engine.from_path().prepare().answer("Кем Азербайджан является для России?")
    assert answer.answered and answer.facts == ("diplomacy-strategic-partner",)


def test_what_one_said_is_not_told_by_what_the_other_said_to_him() -> None:
    engine = Engine.from_path().prepare()
    reply = engine.answer("Что сказал Путин Алиеву в ответ на извинения?")  # the fact has Алиев apologising
    assert not reply.answered
    said = engine.answer("Что Алиев сказал Путину по телефону 21 сентября 2023 года?")
    assert said.answered and "karabakh-2023-09-21-aliyev-apology" in said.facts


def test_who_acted_for_a_country_is_not_told_by_a_fact_naming_no_one() -> None:
    engine = Engine.from_path().prepare()
    assert not engine.answer("Кто от Ирана подписал декларацию о коридоре Север–Юг?").answered
    assert engine.answer("Кто подписал декларацию о коридоре Север–Юг?").answered  # the countries did
