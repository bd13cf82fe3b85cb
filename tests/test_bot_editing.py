"""Editing the base from Telegram, end to end against the fake Bot API (documents, getFile, sendDocument):
an admin uploads an article or a fact file, /accept applies it, /history and /rollback; refusals change
nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import BOT_ADMIN_ID, RunningBot, StartBot
from fakebotapi import DEFAULT_USER_ID
from test_workspace import ARTICLE, NEW_FACT

ADMIN_TWO = 4242


async def _editing_bot(start_bot: StartBot, tmp_path: Path) -> RunningBot:
    return await start_bot(edits_path=tmp_path / "kb.edits")


def _upload(bot: RunningBot, content: bytes, name: str, caption: str | None = None,
            user_id: int | None = None) -> dict[str, object]:
    return bot.api.document_message(content, file_name=name, caption=caption,
                                    user_id=bot.admin_id if user_id is None else user_id)


async def test_a_fact_file_is_staged_sent_back_applied_and_rolled_back(start_bot: StartBot, tmp_path: Path) -> None:
    bot = await _editing_bot(start_bot, tmp_path)
    facts = len(bot.services.holder.engine.base.facts)
    [summary] = await bot.ask(_upload(bot, NEW_FACT.encode(), "new.yaml"))
    assert "Подготовлено: file facts/new.yaml (new)" in summary.params["text"]
    assert f"всего фактов будет {facts + 1}" in summary.params["text"]
    [sent_back] = bot.calls("sendDocument")
    assert sent_back.params["chat_id"] == bot.admin_id
    assert bot.services.holder.engine.base.fact("test-partner-again") is None  # staged only

    [applied] = await bot.ask(bot.api.private_message("/accept", user_id=bot.admin_id))
    assert applied.params["text"].startswith("Применено: версия 1")
    assert f"Загружено {facts + 1}" in applied.params["text"]
    assert bot.services.holder.engine.base.fact("test-partner-again") is not None

    [history] = await bot.ask(bot.api.private_message("/history", user_id=bot.admin_id))
    assert "<b>1</b>" in history.params["text"] and "file facts/new.yaml (new)" in history.params["text"]
    assert f"({bot.admin_id})" in history.params["text"]

    [rolled] = await bot.ask(bot.api.private_message("/rollback", user_id=bot.admin_id))
    assert rolled.params["text"].startswith("Откат выполнен: версия 2")
    assert bot.services.holder.engine.base.fact("test-partner-again") is None


async def test_an_article_with_a_draft_caption(start_bot: StartBot, tmp_path: Path) -> None:
    bot = await _editing_bot(start_bot, tmp_path)
    [no_date] = await bot.ask(_upload(bot, ARTICLE.encode(), "spravka.txt", caption="/draft Справка"))
    assert "дату публикации" in no_date.params["text"]
    [summary] = await bot.ask(_upload(bot, ARTICLE.encode(), "spravka.txt", caption="/draft Справка 2024-02-03"))
    assert "Новых фактов: 2" in summary.params["text"] and "ждут проверки" in summary.params["text"]
    [document] = bot.calls("sendDocument")
    assert document.params["chat_id"] == bot.admin_id
    [discarded] = await bot.ask(bot.api.private_message("/discard", user_id=bot.admin_id))
    assert discarded.params["text"] == "Подготовленная правка отменена."
    [nothing] = await bot.ask(bot.api.private_message("/accept", user_id=bot.admin_id))
    assert nothing.params["text"].startswith("Нечего применять")


@pytest.mark.parametrize(("content", "name", "expected"), [
    (b"x" * (1024 * 1024 + 10), "big.yaml", "больше 1 МБ"),
    (b"\x00\x01binary", "facts.yaml", "не текстовый"),
    ("facts: []\n# комментарий".encode("cp1251"), "facts.yaml", "UTF-8"),
    (b"facts: [\n", "facts.yaml", "Ошибки"),
    (b"PK\x03\x04", "archive.zip", ".txt"),
])
async def test_bad_uploads_are_refused_and_change_nothing(start_bot: StartBot, tmp_path: Path, content: bytes,
                                                          name: str, expected: str) -> None:
    bot = await _editing_bot(start_bot, tmp_path)
    before = sorted(p.read_bytes() for p in bot.config.knowledge_path.rglob("*") if p.is_file())  # type: ignore[union-attr]
    [reply] = await bot.ask(_upload(bot, content, name))
    assert expected in reply.params["text"]
    assert bot.calls("sendDocument") == []
    assert bot.services.workspace is not None and bot.services.workspace.staged(bot.admin_id) is None
    assert sorted(p.read_bytes() for p in bot.config.knowledge_path.rglob("*") if p.is_file()) == before  # type: ignore[union-attr]


async def test_a_non_admin_upload_is_refused(start_bot: StartBot, tmp_path: Path) -> None:
    bot = await _editing_bot(start_bot, tmp_path)
    [reply] = await bot.ask(_upload(bot, NEW_FACT.encode(), "new.yaml", user_id=DEFAULT_USER_ID))
    assert reply.params["text"] == "Эта команда доступна только администраторам бота."
    [history] = await bot.ask(bot.api.private_message("/history", user_id=DEFAULT_USER_ID))
    assert history.params["text"] == "Эта команда доступна только администраторам бота."
    assert bot.api.calls("getFile") == []  # not even downloaded


async def test_two_admins_staging_at_once(start_bot: StartBot, tmp_path: Path) -> None:
    bot = await start_bot(edits_path=tmp_path / "kb.edits", admins=frozenset({BOT_ADMIN_ID, ADMIN_TWO}))
    await bot.ask(_upload(bot, NEW_FACT.encode(), "one.yaml"))
    await bot.ask(_upload(bot, NEW_FACT.replace("test-partner-again", "test-other").encode(), "two.yaml",
                          user_id=ADMIN_TWO))
    [first] = await bot.ask(bot.api.private_message("/accept", user_id=bot.admin_id))
    assert first.params["text"].startswith("Применено")
    [second] = await bot.ask(bot.api.private_message("/accept", user_id=ADMIN_TWO))
    assert second.params["text"].startswith("База изменилась")
    assert bot.services.holder.engine.base.fact("test-other") is None


async def test_editing_needs_a_base_directory(start_bot: StartBot) -> None:
    bot = await start_bot()  # no edits path: the bundled base, or editing not configured
    [reply] = await bot.ask(_upload(bot, NEW_FACT.encode(), "new.yaml"))
    assert "не настроена" in reply.params["text"]



async def test_the_admin_menu_offers_editing_when_it_is_set_up(start_bot: StartBot, tmp_path: Path) -> None:
    bot = await start_bot(menus=True, edits_path=tmp_path / "kb.edits")
    commands = [c["command"] for c in bot.api.commands(scope={"type": "chat", "chat_id": bot.admin_id})]
    assert commands[-4:] == ["accept", "discard", "history", "rollback"]
    everyone = [c["command"] for c in bot.api.commands(scope={"type": "all_private_chats"})]
    assert "accept" not in everyone


async def test_names_from_an_upload_are_escaped_under_the_html_default(start_bot: StartBot, tmp_path: Path) -> None:
    bot = await _editing_bot(start_bot, tmp_path)
    [summary] = await bot.ask(_upload(bot, NEW_FACT.encode(), "a<b>&c.yaml"))
    assert summary.ok and summary.params["parse_mode"] == "HTML"
    assert "facts/a&lt;b&gt;&amp;c.yaml" in summary.params["text"]
