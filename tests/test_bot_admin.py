"""Admin commands and command menus of the real bot, end to end against the fake Bot API server."""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

import pytest
from conftest import RunningBot, StartBot
from fakebotapi import ANONYMOUS_ADMIN_BOT, DEFAULT_SUPERGROUP_ID, DEFAULT_USER_ID, Call

from bot.app import ADMIN_COMMANDS, GROUP_COMMANDS, PRIVATE_COMMANDS
from handlers.admin import REFUSAL
from knowledge.engine import Engine

TRADE_2022 = "На сколько вырос товарооборот в 2022 году?"
DEVELOPING = "Как развивается торгово-экономическое сотрудничество России и Азербайджана?"
NEW_WORDS = "успешно и динамично развивается"
OFF_TOPIC = ("Какая погода будет завтра в Москве?", "Сколько стоит биткоин?", "какая  погода будет завтра в москве?")


def edit_base(kb: Path) -> None:
    """Change one fact's text and add one fact (a copy of trade-2022 under a new id and text)."""
    path = kb / "facts" / "economy.yaml"
    text = path.read_text(encoding="utf-8")
    old = ("      По состоянию на апрель 2024 года торгово-экономическое сотрудничество\n"
           "      между Россией и Азербайджаном успешно развивается.")
    assert old in text
    text = text.replace(old, old.replace("успешно развивается", NEW_WORDS))
    start, end = text.index("  - id: trade-2022\n"), text.index("  - id: trade-2023-record")
    block = text[start:end].replace("id: trade-2022\n", "id: trade-2022-growth\n")
    old_text = ("      В 2022 году товарооборот между Россией и Азербайджаном вырос на 24% и\n"
                "      достиг 4 миллиардов долларов.")
    assert old_text in block
    block = block.replace(old_text, "      Рост товарооборота России и Азербайджана в 2022 году составил 24 процента.")
    path.write_text(text[:end] + block + text[end:], encoding="utf-8")


def break_base(kb: Path) -> Path:
    path = kb / "facts" / "economy.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    topic: trade\n", "    topic: nonsense\n", 1), encoding="utf-8")
    return path


def admin_says(bot: RunningBot, text: str, **kwargs: Any) -> dict[str, Any]:
    return bot.api.private_message(text, user_id=bot.admin_id, **kwargs)


def digits_or_paths(text: str) -> list[str]:
    return re.findall(r"\d|/|\\", text)


# --------------------------------------------------------------------------- /reload


async def test_reload_by_an_admin_swaps_in_the_edited_base(start_bot: StartBot, kb_copy: Path,
                                                           bundled_engine: Engine) -> None:
    bot = await start_bot()
    facts = len(bundled_engine.base.facts)
    [before] = await bot.ask(bot.api.private_message(DEVELOPING))
    assert NEW_WORDS not in before.params["text"]

    edit_base(kb_copy)
    [reply] = await bot.ask(admin_says(bot, "/reload"))
    assert reply.ok and reply.params["chat_id"] == bot.admin_id
    assert reply.params["text"] == f"Загружено {facts + 1} фактов (+1 −0 ~1)"
    assert len(bot.services.holder.engine.base.facts) == facts + 1

    [after] = await bot.ask(bot.api.private_message(DEVELOPING))
    assert NEW_WORDS in after.params["text"]
    [about] = await bot.ask(bot.api.private_message("/about"))
    assert f"Фактов: {facts + 1}." in about.params["text"]

    [again] = await bot.ask(admin_says(bot, "/reload"))  # nothing changed since
    assert again.params["text"] == f"Загружено {facts + 1} фактов (+0 −0 ~0)"


async def test_reload_of_a_broken_base_lists_problems_and_keeps_the_old_one(
        start_bot: StartBot, kb_copy: Path, bundled_engine: Engine) -> None:
    bot = await start_bot()
    serving = bot.services.holder.engine
    broken = break_base(kb_copy)
    [reply] = await bot.ask(admin_says(bot, "/reload"))
    assert reply.ok and reply.params["parse_mode"] == "HTML"
    text = reply.result["text"]
    assert text.startswith(f"База не загружена, работает прежняя ({len(bundled_engine.base.facts)} фактов). Ошибки:")
    assert re.search(rf"{re.escape(str(broken))}:\d+: fact `trade-cooperation-developing`: `topic`", text), text
    assert "'nonsense'" in text
    assert bot.services.holder.engine is serving

    [answer] = await bot.ask(bot.api.private_message(TRADE_2022))  # the old base keeps answering
    assert "24%" in answer.params["text"]


async def test_reload_of_a_base_with_many_problems_shows_the_first_ten(start_bot: StartBot, kb_copy: Path) -> None:
    bot = await start_bot()
    path = kb_copy / "facts" / "economy.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(?m)^    topic: \w+$", "    topic: <b>nonsense</b>", text), encoding="utf-8")
    [reply] = await bot.ask(admin_says(bot, "/reload"))
    assert reply.ok  # the problems (and the YAML values in them) are escaped
    lines = reply.result["text"].splitlines()
    assert sum(1 for line in lines if str(path) in line) == 10
    assert re.fullmatch(r"… и ещё \d+", lines[-1])
    assert "<b>nonsense</b>" in reply.result["text"]


async def test_reload_of_a_vanished_base_is_reported(start_bot: StartBot, kb_copy: Path) -> None:
    bot = await start_bot()
    for file in sorted(kb_copy.rglob("*"), reverse=True):
        file.unlink() if file.is_file() else file.rmdir()
    kb_copy.rmdir()
    [reply] = await bot.ask(admin_says(bot, "/reload"))
    assert reply.ok and reply.result["text"].startswith("База не загружена, работает прежняя")


@pytest.mark.parametrize("command", ["/reload", "/stats", "/unanswered"])
async def test_admin_commands_refuse_other_users_politely(start_bot: StartBot, kb_copy: Path, command: str) -> None:
    bot = await start_bot()
    edit_base(kb_copy)
    serving = bot.services.holder.engine
    [reply] = await bot.ask(bot.api.private_message(command))
    assert reply.params["text"] == REFUSAL
    assert not digits_or_paths(reply.params["text"])
    assert bot.services.holder.engine is serving
    [group_reply] = await bot.ask(bot.api.group_message(f"{command}@factbot_test_bot", chat_type="supergroup"))
    assert group_reply.params["text"] == REFUSAL
    assert [c.method for c in bot.calls()] == ["sendMessage", "sendMessage"]


@pytest.mark.parametrize("command", ["/reload", "/stats", "/unanswered"])
async def test_an_anonymous_group_admin_is_refused(start_bot: StartBot, kb_copy: Path, command: str) -> None:
    bot = await start_bot()
    edit_base(kb_copy)
    serving = bot.services.holder.engine
    group = {"id": DEFAULT_SUPERGROUP_ID, "title": "Test group", "type": "supergroup"}
    anonymous = bot.api.group_message(command, chat_type="supergroup", sender_chat=group)
    assert anonymous["message"]["from"]["id"] == ANONYMOUS_ADMIN_BOT["id"]
    [reply] = await bot.ask(anonymous)
    assert reply.params["text"] == REFUSAL
    # even when the sender is an admin's id: a message sent on behalf of a chat is not the admin
    forged = bot.api.group_message(command, chat_type="supergroup", sender_chat=group)
    forged["message"]["from"] = bot.api.user(bot.admin_id)
    [reply] = await bot.ask(forged)
    assert reply.params["text"] == REFUSAL
    assert bot.services.holder.engine is serving


async def test_an_admin_can_reload_from_a_group(start_bot: StartBot, kb_copy: Path) -> None:
    bot = await start_bot()
    edit_base(kb_copy)
    update = bot.api.group_message("/reload@factbot_test_bot", chat_type="supergroup", user_id=bot.admin_id)
    [reply] = await bot.ask(update)
    assert reply.params["text"].startswith("Загружено") and reply.params["chat_id"] == DEFAULT_SUPERGROUP_ID


# --------------------------------------------------------------------------- /stats and /unanswered


async def ask_some(bot: RunningBot) -> None:
    for question in (TRADE_2022, DEVELOPING, *OFF_TOPIC, "привет"):
        bot.api.push_update(bot.api.private_message(question))
    await bot.barrier()  # one chat's questions are handled in order; two chats' side by side
    bot.api.push_update(bot.api.group_message(f"/ask {OFF_TOPIC[1]}", chat_type="supergroup"))
    await bot.barrier()


async def test_stats_by_an_admin_counts_questions(start_bot: StartBot) -> None:
    bot = await start_bot()
    [empty] = await bot.ask(admin_says(bot, "/stats"))
    assert empty.ok and "вопросов 0" in empty.params["text"] and "медиана —" in empty.params["text"]
    await ask_some(bot)
    [stats] = await bot.ask(admin_says(bot, "/stats"))
    assert stats.ok and stats.params["parse_mode"] == "HTML"
    text = stats.result["text"]
    since_start, overall = text.split("\n\n")[:2]
    for block in (since_start, overall):
        assert "вопросов 7, отвечено 2, предложено 0, отклонено 4;" in block, block
        assert re.search(r"медиана \d+\.\d мс", block)
    assert since_start.startswith("С запуска:") and overall.startswith("Всего:")
    # the questions declined most often, case and spacing merged
    assert "Чаще всего без ответа:" in text
    top = text.split("Чаще всего без ответа:\n")[1].splitlines()
    assert top == ["• Сколько стоит биткоин? — 2", "• какая погода будет завтра в москве? — 2"]


async def test_unanswered_by_an_admin_lists_the_last_declined_questions(start_bot: StartBot) -> None:
    bot = await start_bot()
    [empty] = await bot.ask(admin_says(bot, "/unanswered"))
    assert empty.params["text"] == "Вопросов без ответа пока нет."
    await ask_some(bot)
    await bot.ask(bot.api.private_message("<b>что</b> такое & <a href='x'>"))
    [listing] = await bot.ask(admin_says(bot, "/unanswered"))
    assert listing.ok and listing.params["parse_mode"] == "HTML"
    lines = listing.result["text"].splitlines()
    assert lines[0] == "Последние вопросы без ответа:"
    shown = [re.sub(r"^• \d\d\.\d\d \d\d:\d\d ", "", line) for line in lines[1:]]
    assert shown == ["[private] <b>что</b> такое & <a href='x'>", f"[supergroup] {OFF_TOPIC[1]}",
                     f"[private] {OFF_TOPIC[2]}", f"[private] {OFF_TOPIC[1]}", f"[private] {OFF_TOPIC[0]}"]


# --------------------------------------------------------------------------- menus


def commands_of(call: Call) -> list[str]:
    return [c["command"] for c in call.params["commands"]]


async def test_post_init_sets_a_menu_per_scope(start_bot: StartBot) -> None:
    bot_admin = 424242
    bot = await start_bot(menus=True, admins=frozenset({515151, bot_admin}))
    every = bot.api.calls("setMyCommands")
    assert all(c.ok for c in every)
    calls = [c for c in every if "language_code" not in c.params]
    scopes = [c.params["scope"] for c in calls]
    assert scopes == [{"type": "all_private_chats"}, {"type": "all_group_chats"},
                      {"type": "chat", "chat_id": bot_admin}, {"type": "chat", "chat_id": 515151}]
    # the same menus, described in English, for users whose Telegram speaks English
    english = [c for c in every if c.params.get("language_code") == "en"]
    assert [c.params["scope"] for c in english] == scopes
    assert [commands_of(c) for c in english] == [commands_of(c) for c in calls]
    assert bot.api.commands(scope={"type": "all_private_chats"}, language_code="en")[0]["description"] == (
        "Start, with example questions")
    private, group, *admins = calls
    admin_names = [c.command for c in ADMIN_COMMANDS]
    assert commands_of(private) == [c.command for c in PRIVATE_COMMANDS] == [
        "start", "help", "topics", "timeline", "about", "language"]
    assert commands_of(group) == [c.command for c in GROUP_COMMANDS] == [
        "ask", "topics", "timeline", "about", "help", "language"]
    language = {c["command"]: c["description"] for c in private.params["commands"]}["language"]
    assert language == "Язык ответов: ru / en / auto"
    for call in (private, group):
        assert not set(admin_names) & set(commands_of(call))
    for call in admins:
        assert commands_of(call) == commands_of(private) + admin_names == [
            "start", "help", "topics", "timeline", "about", "language", "reload", "stats", "unanswered"]
    assert bot.api.commands(scope={"type": "chat", "chat_id": bot_admin})[-1]["command"] == "unanswered"
    assert bot.api.commands() == []  # the default scope is left alone


async def test_post_init_survives_an_admin_without_a_chat(start_bot: StartBot,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from telegram import Bot
    from telegram.error import BadRequest

    real = Bot.set_my_commands

    async def picky(self: Bot, commands: Any, scope: Any = None, *args: Any, **kwargs: Any) -> bool:
        if getattr(scope, "chat_id", None) == 1:
            raise BadRequest("Chat not found")
        return await real(self, commands, scope, *args, **kwargs)

    monkeypatch.setattr(Bot, "set_my_commands", picky)
    bot = await start_bot(menus=True, admins=frozenset({1, 2}))
    assert [c.params["scope"].get("chat_id") for c in bot.api.calls("setMyCommands")] == [None, None, None, None, 2, 2]
    [answer] = await bot.ask(bot.api.private_message(TRADE_2022, user_id=DEFAULT_USER_ID))
    assert answer.ok


# --------------------------------------------------------------------------- privacy in groups


def group_says(bot: RunningBot, text: str) -> dict[str, Any]:
    return bot.api.group_message(text, chat_type="supergroup", user_id=bot.admin_id)


@pytest.mark.parametrize("command", ["/stats", "/unanswered"])
async def test_stats_and_unanswered_from_a_group_go_to_the_admin_privately(start_bot: StartBot, command: str) -> None:
    from handlers.admin import SENT_PRIVATELY

    bot = await start_bot()
    await ask_some(bot)  # other users' questions, some of them declined
    await bot.ask(group_says(bot, command))
    [note] = bot.sent(DEFAULT_SUPERGROUP_ID)[-1:]
    assert note.params["text"] == SENT_PRIVATELY
    [private] = bot.sent(bot.admin_id)
    assert ("биткоин" in private.params["text"]) and private.params["parse_mode"] == "HTML"
    in_group = " ".join(c.params["text"] for c in bot.sent(DEFAULT_SUPERGROUP_ID))
    assert "биткоин" not in in_group and "погода" not in in_group  # nobody's question posted to the group


async def test_an_admin_without_a_private_chat_is_told_to_open_one_and_nothing_is_posted(start_bot: StartBot) -> None:
    from handlers.admin import ONLY_PRIVATE

    bot = await start_bot()
    await ask_some(bot)
    bot.api.block_chat(bot.admin_id, status=403, description="Forbidden: bot can't initiate conversation with a user")
    await bot.ask(group_says(bot, "/unanswered"))
    [note] = bot.sent(DEFAULT_SUPERGROUP_ID)[-1:]
    assert note.params["text"] == ONLY_PRIVATE
    assert "биткоин" not in " ".join(c.params["text"] for c in bot.sent(DEFAULT_SUPERGROUP_ID))


async def test_reload_problems_in_a_group_name_files_relative_to_the_base(start_bot: StartBot, kb_copy: Path) -> None:
    bot = await start_bot()
    broken = break_base(kb_copy)
    [reply] = await bot.ask(group_says(bot, "/reload"))
    text = reply.result["text"]
    assert text.startswith("База не загружена")
    relative = broken.relative_to(kb_copy).as_posix()
    assert re.search(rf"(?m)^{re.escape(relative)}:\d+: ", text), text
    assert str(kb_copy) not in text and "/tmp" not in text  # no server path in a group
    [private] = await bot.ask(admin_says(bot, "/reload"))
    assert str(broken) in private.result["text"]  # the admin's own chat keeps the full path


async def test_admin_texts_speak_english_to_an_english_speaking_admin(start_bot: StartBot) -> None:
    bot = await start_bot()
    english_admin = bot.api.user(bot.admin_id, language_code="en")
    [stats] = await bot.ask(bot.api.private_message("/stats", from_user=english_admin))
    assert "<b>Since start</b>: questions 0, answered 0" in stats.params["text"]
    [reload] = await bot.ask(bot.api.private_message("/reload", from_user=english_admin))
    assert reload.params["text"].startswith("Loaded ") and " facts (+0 −0 ~0)" in reload.params["text"]
    english_user = bot.api.user(777_000_777, language_code="en")
    [refused] = await bot.ask(bot.api.private_message("/stats", from_user=english_user))
    assert html.unescape(refused.params["text"]) == "This command is for the bot's admins only."  # as shown
