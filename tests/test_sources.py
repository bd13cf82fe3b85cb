"""Several sources in one base (issue #15.2): each fact with its own source, disagreeing figures shown
side by side, a restated state answered from the newest source, the base's end its newest source."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from conftest import StartBot

from knowledge import Engine, bundled_path

SECOND = Path(__file__).resolve().parent / "fixtures" / "second_source"


@pytest.fixture(scope="module")
def two_sources(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = Path(shutil.copytree(bundled_path(), tmp_path_factory.mktemp("two") / "kb"))
    shutil.copytree(SECOND / "texts", base / "texts", dirs_exist_ok=True)
    shutil.copytree(SECOND / "facts", base / "facts", dirs_exist_ok=True)
    return base


@pytest.fixture(scope="module")
def engine(two_sources: Path) -> Engine:
    return Engine.from_path(two_sources)


def test_figures_the_sources_disagree_on_are_shown_side_by_side(engine: Engine) -> None:
    for question in ("какой товарооборот был в 2023 году", "сколько составил товарооборот в 2023"):
        answer = engine.answer(question)
        assert answer.answered and {"trade-2023-record", "tass-trade-2023"} <= set(answer.facts), question
        assert {item.source for item in answer.items} == {"РИА Новости, 22.04.2024", "ТАСС, 01.06.2025"}
        assert "почти 4,4 млрд долларов — РИА Новости, 22.04.2024" in answer.reply
        assert "4,5 млрд долларов — ТАСС, 01.06.2025" in answer.reply
        assert "4,45" not in answer.reply  # never averaged


def test_a_state_a_newer_source_restates_is_answered_from_it(engine: Engine) -> None:
    answer = engine.answer("азербайджан стратегический партнер россии?")
    assert answer.answered and answer.facts == ("tass-partner",)
    assert "июнь 2025" in answer.reply and "То же сообщал ранее: РИА Новости, 22.04.2024." in answer.reply


def test_the_base_ends_with_its_newest_source(engine: Engine) -> None:
    answer = engine.answer("какой сейчас товарооборот", today=dt.date(2026, 12, 7))
    assert answer.facts == ("tass-trade-2024",)
    assert "1 июня 2025 года" in answer.reply
    last = engine.answer("когда последний раз встречались лавров и байрамов")
    assert last.facts == ("tass-fm-2025-05-14",)


def test_timelines_and_counts_run_across_sources(engine: Engine) -> None:
    found = engine.find_timeline("Байрамов")
    assert found is not None
    ids = [f.id for f in found[1].facts]
    assert "tass-fm-2025-05-14" in ids and "fm-2023-05-19-bayramov-moscow-lavrov" in ids
    count = engine.answer("сколько раз встречались лавров и байрамов в 2025 году")
    assert count.facts == ("tass-fm-2025-05-14",)


def test_one_source_cites_nothing_per_line() -> None:
    answer = Engine.from_path(None).answer("товарооборот россии и азербайджана")
    assert answer.kind == "list" and all(item.source == "" for item in answer.items)


async def test_about_lists_every_source_newest_first_with_its_facts(start_bot: StartBot, two_sources: Path,
                                                                  engine: Engine) -> None:
    bot = await start_bot(engine=engine, knowledge_path=two_sources)
    [about] = await bot.ask(bot.api.private_message("/about"))
    text = about.params["text"]
    tass, ria = text.index("ТАСС</a>, 01.06.2025"), text.index("РИА Новости</a>, 22.04.2024")
    assert tass < ria
    assert "— 4 факта" in text and "— 88 фактов" in text
    assert "База актуальна на 01.06.2025." in text


async def test_about_speaks_english_to_an_english_speaking_user(start_bot: StartBot) -> None:
    bot = await start_bot()
    english = bot.api.user(770_001, language_code="en")
    [about] = await bot.ask(bot.api.private_message("/about", from_user=english))
    text = about.params["text"]
    assert text.startswith("Sources:") and "RIA Novosti</a>, 22.04.2024" in text and "— 88 facts" in text
    assert "The base is current as of 22.04.2024." in text
