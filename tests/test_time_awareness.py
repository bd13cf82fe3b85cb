"""Time awareness: relative periods against an injected today, the base's end, as-of dating, announced events."""

from __future__ import annotations

import datetime as dt

import pytest

from knowledge.engine import Engine

D = dt.date
AFTER = D(2026, 11, 26)  # long after the source (22.04.2024)
DURING = D(2024, 3, 20)  # before the source was published


def test_the_clock_is_injectable(bundled_engine: Engine) -> None:
    frozen = Engine(bundled_engine.base, index=bundled_engine.index, today=lambda: D(2024, 6, 1))
    last_year = frozen.answer("встречи путина и алиева в прошлом году")
    assert set(last_year.facts) == {"summit-2023-05-25-kremlin", "summit-2023-05-25-kremlin-trilateral",
                                    "summit-2023-10-12-bishkek"}
    assert bundled_engine.answer("встречи путина и алиева в прошлом году", today=D(2023, 3, 1)).facts[0].startswith(
        "summit-2022")


def test_a_period_after_the_base_is_said_to_be_missing(bundled_engine: Engine) -> None:
    answer = bundled_engine.answer("встречи лаврова и байрамова в прошлом году", today=AFTER)
    assert not answer.answered and answer.kind == "partial"
    assert answer.lead.startswith("База заканчивается 22 апреля 2024 года") and "«2025 год»" in answer.lead
    assert [item.fact_id for item in answer.items] == ["fm-2024-03-01-antalya-forum"]  # the latest it has


def test_now_is_the_latest_figure_dated_as_of_the_source(bundled_engine: Engine) -> None:
    answer = bundled_engine.answer("какой сейчас товарооборот", today=AFTER)
    assert answer.facts == ("trade-2023-record",)
    assert "Данные за 2023 год, по данным РИА Новости на 22.04.2024." in answer.reply
    assert "Более новых данных в базе нет: она заканчивается 22 апреля 2024 года." in answer.reply


@pytest.mark.parametrize("question", ["сколько школ в азербайджане с обучением на русском",
                                      "сколько российских туристов посетили азербайджан в 2023"])
def test_figures_and_states_say_as_of_when(bundled_engine: Engine, question: str) -> None:
    answer = bundled_engine.answer(question)
    assert answer.answered and "по данным РИА Новости на 22.04.2024" in answer.reply.replace("По данным", "по данным")


def test_what_happened_after_today_is_not_known_yet(bundled_engine: Engine) -> None:
    answer = bundled_engine.answer("когда в последний раз встречались путин и алиев", today=D(2023, 6, 1))
    assert answer.facts and all(f.startswith("summit-2023-05-25") for f in answer.facts)


def test_recent_resolves_against_today(bundled_engine: Engine) -> None:
    recent = bundled_engine.answer("что недавно произошло в карабахе", today=D(2024, 4, 25))
    assert "karabakh-2024-04-17-peacekeepers-withdrawal" in recent.facts
    later = bundled_engine.answer("что недавно произошло в карабахе", today=AFTER)
    assert not later.answered and "22 апреля 2024" in later.lead


@pytest.mark.parametrize(("question", "fact"), [
    ("вторая встреча путина и алиева в 2022", "summit-2022-06-29-ashgabat"),
    ("третья встреча путина и алиева в 2022", "summit-2022-09-16-samarkand"),
])
def test_the_nth_occasion(bundled_engine: Engine, question: str, fact: str) -> None:
    assert bundled_engine.answer(question, today=AFTER).facts == (fact,)


def test_how_it_is_counted_stands_between_the_ordinal_and_the_occasion(bundled_engine: Engine) -> None:
    answer = bundled_engine.answer("вторая по счёту встреча путина и алиева", today=AFTER)
    assert answer.answered and answer.facts == ("summit-2022-06-29-ashgabat",)


def test_the_nth_occasion_beyond_what_there_is_is_not_asserted(bundled_engine: Engine) -> None:
    assert not bundled_engine.answer("десятая встреча путина и алиева в 2023", today=AFTER).answered


def test_the_last_time_needs_a_fact_about_what_was_asked(bundled_engine: Engine) -> None:
    """Facts naming only the same people are no «last time» of something else they did."""
    assert bundled_engine.answer("последняя встреча путина и алиева").answered
    assert not bundled_engine.answer("когда Путин в последний раз строил что-то с Алиевым").answered


@pytest.mark.parametrize(("question", "fact"), [
    ("какая встреча Путина и Алиева была перед саммитом в Бишкеке", "summit-2023-05-25-kremlin"),
    ("что было после трехсторонней встречи в Сочи", "summit-2022-12-26-st-petersburg-cis-informal"),
    ("what happened after the Antalya forum", "government-2024-03-05-mishustin-asadov"),
    ("предпоследняя встреча Лаврова и Байрамова", "fm-2023-12-05-lavrov-bayramov-caspian-council"),
])
def test_the_nearest_occasion_to_a_named_event(bundled_engine: Engine, question: str, fact: str) -> None:
    answer = bundled_engine.answer(question, today=AFTER)
    assert answer.answered and answer.facts[0] == fact


@pytest.mark.parametrize(("question", "fact"), [
    ("лавров и байрамов после встречи в оон когда встретились", "fm-2023-12-05-lavrov-bayramov-caspian-council"),
    ("после звонка алиева путину в сентябре 2023 когда они встретились", "summit-2023-10-12-bishkek"),  # their
])  # next meeting: the event's people are meant when the question names nobody else
def test_a_meeting_after_a_meeting_is_the_next_one(bundled_engine: Engine, question: str, fact: str) -> None:
    answer = bundled_engine.answer(question, today=AFTER)
    assert answer.answered and answer.facts == (fact,)


def test_nothing_after_the_last_one_is_said_so(bundled_engine: Engine) -> None:
    answer = bundled_engine.answer("lavrov and bayramov, when did they meet after the antalya forum", today=AFTER)
    assert not answer.answered and answer.lead.startswith("The base has no such event after 1 March 2024")


def test_the_next_one_is_only_what_the_source_announces(bundled_engine: Engine) -> None:
    planned = bundled_engine.answer("когда следующая встреча путина и алиева", today=AFTER)
    assert planned.answered and planned.facts == ("summit-2024-04-22-moscow-planned",)
    assert "заканчивается 22 апреля 2024 года" in planned.reply  # asked long after: it may have passed
    nothing = bundled_engine.answer("где и когда следующая встреча лаврова и байрамова", today=AFTER)
    assert not nothing.answered and "не анонсирует" in nothing.lead


def test_an_ambiguous_event_is_asked_about_not_guessed(bundled_engine: Engine) -> None:
    answer = bundled_engine.answer("что было после встречи в Сочи", today=AFTER)  # 2022 and 2023
    assert not answer.answered and len(answer.suggestions) == 2


def test_a_fact_about_the_event_itself_answers_what_followed_it(bundled_engine: Engine) -> None:
    answer = bundled_engine.answer("что подписали после переговоров в Москве в феврале 2022", today=AFTER)
    assert "summit-2022-02-22-moscow-allied-declaration" in answer.facts


@pytest.mark.parametrize(("question", "fact", "words"), [
    ("в каком году самый большой рост товарооборота", "trade-2022", "2022 год: рост 24%"),
    ("самый маленький рост товарооборота", "trade-2023-record", "2023 год: рост 17,5%"),
    ("когда товарооборот был самым большим", "trade-2023-record", "почти 4,4 млрд долларов"),
])
def test_extremes_across_the_periods_the_source_gives(bundled_engine: Engine, question: str, fact: str,
                                                      words: str) -> None:
    answer = bundled_engine.answer(question, today=AFTER)
    assert answer.facts == (fact,) and words in answer.lead and "по 2 периодам" in answer.lead


def test_the_most_frequent_period(bundled_engine: Engine) -> None:
    answer = bundled_engine.answer("в каком году путин и алиев встречались чаще всего", today=AFTER)
    assert answer.lead == "Чаще всего — 2022 год: 7 раз:"
    month = bundled_engine.answer("в каком месяце путин и алиев встречались чаще всего", today=AFTER)
    assert month.lead.startswith("Чаще всего — октябрь 2022 года: 3 раза")


def test_a_ranking_without_data_is_not_answered_from_one_fact(bundled_engine: Engine) -> None:
    assert not bundled_engine.answer("какая страна больше всего инвестирует в азербайджан", today=AFTER).answered


def test_announced_events_are_planned_never_done(bundled_engine: Engine) -> None:
    when = bundled_engine.answer("когда алиев приедет в москву", today=AFTER)
    assert when.facts == ("summit-2024-04-22-moscow-planned",) and "должны" in when.reply
    happened = bundled_engine.answer("состоялись ли переговоры путина и алиева в москве 22 апреля", today=AFTER)
    assert not happened.answered and happened.lead.startswith("В источнике это только анонс")
    outcome = bundled_engine.answer("чем закончились переговоры путина и алиева 22 апреля 2024", today=AFTER)
    assert not outcome.answered
    assert "summit-2024-04-22-moscow-planned" in {s.fact_id for s in outcome.suggestions} | {
        i.fact_id for i in outcome.items}
    count = bundled_engine.answer("сколько раз встречались путин и алиев в москве", today=AFTER)
    assert "summit-2024-04-22-moscow-planned" not in count.facts  # an announced meeting is not counted


def test_announcements_in_lists_are_marked(bundled_engine: Engine) -> None:
    answer = bundled_engine.answer("встречи путина и алиева в россии", today=AFTER)
    planned = [item for item in answer.items if item.status == "planned"]
    assert planned and all(item.date.endswith(", анонс") for item in planned)


def test_a_period_after_the_base_without_a_subject_offers_the_last_events(bundled_engine: Engine) -> None:
    answer = bundled_engine.answer("что было в прошлом году", today=AFTER)
    assert not answer.answered and answer.lead.startswith("База заканчивается")
    dates = [bundled_engine.fact(i.fact_id).date.end for i in answer.items]  # type: ignore[union-attr]
    assert len(dates) == 3 and dates == sorted(dates) and dates[-1] <= bundled_engine.base_end


def test_a_single_announced_event_says_it_is_an_announcement(bundled_engine: Engine) -> None:
    answer = bundled_engine.answer("когда алиев приедет в москву", today=AFTER)
    assert answer.facts == ("summit-2024-04-22-moscow-planned",)
    assert "Это анонс" in answer.reply
