"""Follow-up questions: what carries over from the last answer, and what does not."""

from __future__ import annotations

from collections.abc import Iterable

import pytest

from knowledge.answers.answer import Answer
from knowledge.engine import Engine


def converse(engine: Engine, questions: Iterable[str]) -> list[Answer]:
    answers: list[Answer] = []
    context = None
    for question in questions:
        answer = engine.answer(question, context)
        answers.append(answer)
        context = answer.context
    return answers


def test_a_new_year_replaces_the_old_one(bundled_engine: Engine) -> None:
    first, second = converse(bundled_engine, ["товарооборот в 2022", "а в 2023?"])
    assert "trade-2022" in first.facts
    assert second.facts == ("trade-2023-record",)


def test_a_new_month_keeps_the_year_and_a_new_year_keeps_the_month(bundled_engine: Engine) -> None:
    december, last_year = converse(bundled_engine, ["что было в декабре 2023", "а в 2022?"])
    assert december.answered and all("2023-12" in f or "2023" in f for f in december.facts)
    assert last_year.facts == ("summit-2022-12-26-st-petersburg-cis-informal",)


def test_a_person_swaps_for_a_compatriot_or_the_last_named(bundled_engine: Engine) -> None:
    _, lavrov = converse(bundled_engine, ["встречи путина и алиева в 2023", "а с лавровым?"])
    assert lavrov.facts == ("fm-2023-02-lavrov-received-by-aliyev",)  # Lavrov stands in for Putin
    _, mirzoyan = converse(bundled_engine, ["когда лавров встречался с байрамовым", "а с мирзояном?"])
    assert set(mirzoyan.facts) == {"fm-2023-05-19-trilateral-mirzoyan", "fm-2023-07-25-trilateral-mirzoyan"}


def test_a_new_place_replaces_the_old_one(bundled_engine: Engine) -> None:
    _, turkey = converse(bundled_engine, ["встречи лаврова и байрамова в москве", "а в турции?"])
    assert turkey.facts == ("fm-2024-03-01-antalya-forum",)


def test_a_new_period_lets_the_old_place_go_when_nothing_is_there(bundled_engine: Engine) -> None:
    """«Мишустин и Асадов в Сочи» → «а в 2024?»: no meeting in Sochi in 2024; the one of 2024 is meant."""
    _, later = converse(bundled_engine, ["встреча мишустина и асадова в сочи", "а в 2024?"])
    assert later.answered and later.facts[0] == "government-2024-03-05-mishustin-asadov"
    _, same_place = converse(bundled_engine, ["встречи лаврова и байрамова в москве", "а в 2023?"])
    assert same_place.answered and all("moscow" in (bundled_engine.fact(f).places if bundled_engine.fact(f)
                                                    else ()) for f in same_place.facts)  # kept when it fits


def test_another_detail_of_the_same_fact(bundled_engine: Engine) -> None:
    first, where, when = converse(bundled_engine, ["когда встречались путин и алиев в самарканде", "а где?",
                                                   "а когда это было?"])
    assert first.facts == where.facts == when.facts == ("summit-2022-09-16-samarkand",)
    assert where.lead.startswith("Где: Самарканд")
    assert when.lead == "16 сентября 2022 года."


def test_a_detail_the_fact_lacks_is_not_asserted(bundled_engine: Engine) -> None:
    _, where = converse(bundled_engine, ["товарооборот в 2023", "а где?"])
    assert not where.answered and where.kind == "partial"
    assert where.lead == "В источнике место не указано; известно только:"


def test_a_missing_day_is_said_plainly(bundled_engine: Engine) -> None:
    answer = bundled_engine.answer("какого числа подписали соглашение о втс")
    assert not answer.answered and answer.lead.startswith("В источнике точная дата не указана")
    assert answer.items[0].fact_id == "mtc-agreement-2003"


@pytest.mark.parametrize("ask", ["подробнее", "а подробнее?", "дай цитату"])
def test_more_detail_quotes_the_source(bundled_engine: Engine, ask: str) -> None:
    first, detail = converse(bundled_engine, ["товарооборот в 2023", ask])
    fact = bundled_engine.fact("trade-2023-record")
    assert fact is not None and detail.facts == first.facts
    assert fact.quote in detail.reply


@pytest.mark.parametrize("ask", ["а источник?", "откуда это?", "ссылка"])
def test_the_source_of_the_last_answer(bundled_engine: Engine, ask: str) -> None:
    _, source = converse(bundled_engine, ["товарооборот в 2023", ask])
    assert source.facts == ("trade-2023-record",)
    assert "Отношения России и Азербайджана: справка" in source.lead and "ria.ru" in source.reply


def test_a_full_question_does_not_inherit_the_last_one(bundled_engine: Engine) -> None:
    *_, schools = converse(bundled_engine, ["встречи путина и алиева в 2023", "а в 2022?",
                                            "сколько школ в азербайджане с обучением на русском"])
    assert schools.facts == ("azerbaijan-schools-russian-324",)
    _, alone = converse(bundled_engine, ["товарооборот в 2023", "что было в сентябре 2023"])
    assert "trade-2023-record" not in alone.facts and len(alone.facts) > 3


def test_small_talk_keeps_the_conversation(bundled_engine: Engine) -> None:
    _, thanks, where = converse(bundled_engine, ["когда встречались путин и алиев в самарканде", "спасибо",
                                                 "а где?"])
    assert thanks.kind == "smalltalk"
    assert where.facts == ("summit-2022-09-16-samarkand",)


def test_without_context_an_elliptical_question_is_declined(bundled_engine: Engine) -> None:
    for question in ("а где?", "подробнее", "а в 2022?"):
        answer = bundled_engine.answer(question)
        assert not answer.answered or question == "а в 2022?"  # «а в 2022?» alone: what happened in 2022


def test_a_context_from_before_a_reload_with_vanished_facts_is_harmless(bundled_engine: Engine,
                                                                          ) -> None:
    first = bundled_engine.answer("товарооборот в 2023")
    assert first.context is not None
    import dataclasses
    stale = dataclasses.replace(first.context, facts=("gone-fact",), shown=("gone-fact",))
    answer = bundled_engine.answer("подробнее", stale)
    assert not answer.answered


def test_a_detail_of_each_listed_fact(bundled_engine: Engine) -> None:
    _, where = converse(bundled_engine, ["все встречи путина и алиева в 2022", "а где?"])
    assert where.answered and where.kind == "list"
    lines = where.lead.splitlines()
    assert "• 16.09.2022 — Самарканд, Узбекистан" in lines and "• 31.10.2022 — Сочи" in lines


def test_a_relative_period_continues_a_conversation(bundled_engine: Engine) -> None:
    import datetime as dt

    first = bundled_engine.answer("встречи путина и алиева в 2023", today=dt.date(2024, 6, 1))
    again = bundled_engine.answer("а в позапрошлом году?", first.context, today=dt.date(2024, 6, 1))
    assert again.answered and set(again.facts) >= {"summit-2022-06-29-ashgabat", "summit-2022-09-16-samarkand"}
    assert all(bundled_engine.fact(f).date.start.year == 2022 for f in again.facts)  # type: ignore[union-attr]
