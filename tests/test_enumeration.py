"""The things a fact lists, counted (knowledge/answers/enumeration.py)."""

from __future__ import annotations

from knowledge.answers.enumeration import listed
from knowledge.engine import Engine
from knowledge.text.english import analyse_en
from knowledge.text.morphology import analyse


def test_a_list_after_the_counted_word_is_read_item_by_item() -> None:
    found = listed("Стороны обсудили три темы: энергетику, транспорт и туризм.", {"тема"}, analyse)
    assert found is not None and found.items == ("энергетику", "транспорт", "туризм") and not found.open


def test_an_open_list_says_so_and_a_dash_opens_a_list_too() -> None:
    found = listed("Работают компании – «Альфа», «Бета», «Гамма» и другие.", {"компания"}, analyse)
    assert found is not None and found.items == ("«Альфа»", "«Бета»", "«Гамма»") and found.open
    english = listed("Companies operate there – Alpha, Beta and others.", {"company"}, analyse_en)
    assert english is not None and english.items == ("Alpha", "Beta") and english.open


def test_no_list_is_read_where_none_follows_the_word_or_the_word_is_singular() -> None:
    assert listed("Действуют два сервисных центра.", {"центр"}, analyse) is None
    assert listed("Строительство дороги Ольвин – Меридан началось.", {"строительство"}, analyse) is None
    assert listed("Темы: одна длинная фраза из очень многих слов подряд, и ещё одна", {"тема"}, analyse) is None


def test_a_count_of_what_a_fact_lists_is_answered_with_the_number_first(bundled_engine: Engine) -> None:
    answer = bundled_engine.answer("сколько сфер сотрудничества отражено в декларации о союзническом взаимодействии")
    assert answer.answered and answer.reply.startswith("Четыре сферы (4): политическая компонента")
    opened = bundled_engine.answer("сколько российских энергетических компаний работает в азербайджане")
    assert opened.answered and opened.reply.startswith("Источник называет пять компаний (5)")
    assert not bundled_engine.answer("сколько стоили компании в азербайджане").reply.startswith("Источник называет")
