"""Security: admin commands run only for an admin, and the bot token is never shown.

Authorization. /reload, /stats and /unanswered run only for a user of the admin list
who sent the command as the text of a new message: never for other users, in private
or in groups, never for a message sent on behalf of a chat (an anonymous group admin,
a linked channel), never from an edit, a forward's origin or a caption, never when
addressed to another bot. A refusal is one fixed sentence: no digits, no paths, no
problem text. "Never ran" is checked on the services themselves: ``holder.reload``,
``storage.stats`` and ``storage.unanswered`` are wrapped and must not be called, the
serving engine and its ``loaded_at`` stay the same.

Secrets. A whole conversation (answers, buttons, admin commands, a failing send, a
failing poll, an exception in a handler carrying the token) logged at DEBUG through
``bot.logs.setup_logging`` — httpx and httpcore, which log every URL with the token,
turned up to DEBUG as well: the token, plain or URL-encoded, appears neither in the
log nor in anything the bot sent.
"""

from __future__ import annotations

import io
import logging
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from conftest import RunningBot, StartBot
from fakebotapi import (
    DEFAULT_CHANNEL_ID,
    DEFAULT_SUPERGROUP_ID,
    DEFAULT_USER_ID,
    FakeBotApi,
    compute_entities,
)

from bot.logs import setup_logging
from handlers.admin import REFUSAL
from handlers.guards import APOLOGY
from knowledge.engine import Engine

COMMANDS = ("reload", "stats", "unanswered")
THIS_BOT = "factbot_test_bot"
GROUP = {"id": DEFAULT_SUPERGROUP_ID, "title": "Test group", "type": "supergroup"}
CHANNEL = {"id": DEFAULT_CHANNEL_ID, "title": "Linked channel", "type": "channel"}
DEVELOPING = "Как развивается торгово-экономическое сотрудничество России и Азербайджана?"


def edit_base(kb: Path) -> None:
    """One fact's text changes: a reload that ran would swap the engine."""
    path = kb / "facts" / "economy.yaml"
    text = path.read_text(encoding="utf-8")
    assert "Азербайджаном успешно развивается." in text
    path.write_text(text.replace("Азербайджаном успешно развивается.", "Азербайджаном динамично развивается."),
                    encoding="utf-8")


def break_base(kb: Path) -> Path:
    """A broken base: a reload that ran would reply with its path, line numbers and problem text."""
    path = kb / "facts" / "zz-secret-problem.yaml"
    path.write_text("facts:\n  - id: [never closed\n", encoding="utf-8")
    return path


@dataclass
class Spy:
    """Records every call of the admin commands' services."""

    ran: list[str] = field(default_factory=list)

    def wrap(self, target: Any, name: str, monkeypatch: pytest.MonkeyPatch) -> None:
        real = getattr(target, name)

        def spy(*args: Any, **kwargs: Any) -> Any:
            self.ran.append(name)
            return real(*args, **kwargs)

        monkeypatch.setattr(target, name, spy)


def spy_on(bot: RunningBot, monkeypatch: pytest.MonkeyPatch) -> Spy:
    spy = Spy()
    spy.wrap(bot.services.holder, "reload", monkeypatch)
    spy.wrap(bot.services.storage, "stats", monkeypatch)
    spy.wrap(bot.services.storage, "unanswered", monkeypatch)
    return spy


def leaks(text: str) -> list[str]:
    """Digits, path separators, file names or problem words in a refusal."""
    return re.findall(r"\d|/|\\|\.yaml|zz-secret|facts|Ошибк|line", text)


# --------------------------------------------------------------------------- who is refused, who is ignored

Builder = Callable[[FakeBotApi, str, int], dict[str, Any]]


def photo_with_caption(api: FakeBotApi, caption: str, user_id: int) -> dict[str, Any]:
    update = api.private_message("", user_id=user_id)
    message = update["message"]
    message.pop("text", None)
    message.pop("entities", None)
    message["photo"] = [{"file_id": "AgACAgIAAxkBAAIBZ2FakePhoto", "file_unique_id": "AQADAgATFake", "width": 90,
                         "height": 90, "file_size": 1234}]
    message["caption"] = caption
    message["caption_entities"] = compute_entities(caption)
    return update


def forwarded_from_admin(api: FakeBotApi, text: str, admin: int, *, group: bool = False) -> dict[str, Any]:
    update = (api.group_message(text, chat_type="supergroup") if group else api.private_message(text))
    update["message"]["forward_origin"] = {"type": "user", "sender_user": api.user(admin, first_name="Admin"),
                                           "date": int(time.time()) - 60}
    update["message"]["forward_date"] = int(time.time()) - 60
    return update


def forged_anonymous_admin(api: FakeBotApi, text: str, admin: int) -> dict[str, Any]:
    update = api.group_message(text, chat_type="supergroup", sender_chat=GROUP)
    update["message"]["from"] = api.user(admin)  # even with the admin's id as the sender
    return update


# name -> (update builder(api, command text, admin id), refused in the chat of the update? else ignored)
REFUSED: dict[str, Builder] = {
    # a non-admin's upload is refused whatever its caption says (issue #15.3: a clear refusal, nothing changed)
    "caption of a document": lambda api, cmd, admin: api.document_message(b"facts: []\n", caption=cmd),
    "private": lambda api, cmd, admin: api.private_message(cmd),
    "private, addressed to this bot": lambda api, cmd, admin: api.private_message(f"{cmd}@{THIS_BOT}"),
    "private, upper case": lambda api, cmd, admin: api.private_message(cmd.upper()),
    "group": lambda api, cmd, admin: api.group_message(cmd, chat_type="supergroup"),
    "group, addressed to this bot": lambda api, cmd, admin: api.group_message(f"{cmd}@{THIS_BOT}",
                                                                               chat_type="supergroup"),
    "anonymous group admin": lambda api, cmd, admin: api.group_message(cmd, chat_type="supergroup",
                                                                       sender_chat=GROUP),
    "anonymous group admin with the admin's id": forged_anonymous_admin,
    "linked channel in the group": lambda api, cmd, admin: api.group_message(cmd, chat_type="supergroup",
                                                                             sender_chat=CHANNEL),
    "forward of an admin's message, private": lambda api, cmd, admin: forwarded_from_admin(api, cmd, admin),
    "forward of an admin's message, group": lambda api, cmd, admin: forwarded_from_admin(api, cmd, admin,
                                                                                         group=True),
}
IGNORED: dict[str, Builder] = {
    "edited into the command": lambda api, cmd, admin: api.edited_message(cmd, message=api.private_message("привет")),
    "edited into the command by the admin": lambda api, cmd, admin: api.edited_message(
        cmd, message=api.private_message("привет", user_id=admin)),
    "edited in a group": lambda api, cmd, admin: api.edited_message(
        f"{cmd}@{THIS_BOT}", message=api.group_message("привет", chat_type="supergroup")),
    "caption of a photo": lambda api, cmd, admin: photo_with_caption(api, cmd, DEFAULT_USER_ID),
    "caption of the admin's photo": lambda api, cmd, admin: photo_with_caption(api, cmd, admin),
    "for another bot, private": lambda api, cmd, admin: api.private_message(f"{cmd}@otherbot"),
    "for another bot, group": lambda api, cmd, admin: api.group_message(f"{cmd}@otherbot", chat_type="supergroup"),
    "for another bot, by the admin": lambda api, cmd, admin: api.private_message(f"{cmd}@otherbot", user_id=admin),
    "for another bot, by the admin in a group": lambda api, cmd, admin: api.group_message(
        f"{cmd}@otherbot", chat_type="supergroup", user_id=admin),
    "channel post": lambda api, cmd, admin: api.channel_post(cmd),
}


@pytest.fixture
async def guarded(start_bot: StartBot, kb_copy: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[RunningBot, Spy]:
    """A bot whose base on disk is broken (a reload would show problems) and whose services are spied on."""
    bot = await start_bot()
    await bot.ask(bot.api.private_message("Какая погода будет завтра в Москве?", user_id=777_000_001))
    edit_base(kb_copy)
    break_base(kb_copy)
    return bot, spy_on(bot, monkeypatch)


def assert_nothing_ran(bot: RunningBot, spy: Spy, engine: Engine, loaded_at: float) -> None:
    assert spy.ran == []
    assert bot.services.holder.engine is engine
    assert bot.services.holder.loaded_at == loaded_at
    assert bot.services.storage.stats()["overall"]["questions"] == 1  # only the question asked at the start
    assert not bot.handler_errors()


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("case", list(REFUSED))
async def test_admin_commands_from_non_admins_are_refused_and_never_run(
        guarded: tuple[RunningBot, Spy], case: str, command: str) -> None:
    bot, spy = guarded
    spy.ran.clear()
    engine, loaded_at = bot.services.holder.engine, bot.services.holder.loaded_at
    before = len(bot.calls())
    update = REFUSED[case](bot.api, f"/{command}", bot.admin_id)
    chat = update["message"]["chat"]["id"]
    await bot.ask(update)

    requests = bot.calls()[before:]
    assert [(c.method, c.params["chat_id"], c.params["text"]) for c in requests] == [("sendMessage", chat, REFUSAL)]
    assert requests[0].ok and "<" not in requests[0].params["text"]  # plain words (HTML by Defaults)
    assert leaks(requests[0].params["text"]) == []
    assert_nothing_ran(bot, spy, engine, loaded_at)


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("case", list(IGNORED))
async def test_admin_commands_outside_a_new_text_message_are_ignored(
        guarded: tuple[RunningBot, Spy], case: str, command: str) -> None:
    bot, spy = guarded
    spy.ran.clear()
    engine, loaded_at = bot.services.holder.engine, bot.services.holder.loaded_at
    before = len(bot.calls())
    bot.api.push_update(IGNORED[case](bot.api, f"/{command}", bot.admin_id))
    await bot.barrier()
    assert bot.calls()[before:] == []  # nothing sent: no refusal, no answer, no "typing…"
    assert_nothing_ran(bot, spy, engine, loaded_at)


@pytest.mark.parametrize("group", [False, True])
async def test_an_admin_addressing_this_bot_by_name_reloads(start_bot: StartBot, kb_copy: Path,
                                                           monkeypatch: pytest.MonkeyPatch, group: bool) -> None:
    bot = await start_bot()
    spy = spy_on(bot, monkeypatch)
    engine, loaded_at = bot.services.holder.engine, bot.services.holder.loaded_at
    edit_base(kb_copy)
    text = f"/reload@{THIS_BOT}"
    update = (bot.api.group_message(text, chat_type="supergroup", user_id=bot.admin_id) if group
              else bot.api.private_message(text, user_id=bot.admin_id))
    [reply] = await bot.ask(update)
    facts = len(engine.base.facts)
    assert reply.ok and reply.params["chat_id"] == update["message"]["chat"]["id"]
    assert reply.params["text"] == f"Загружено {facts} фактов (+0 −0 ~1)"
    assert spy.ran == ["reload"]
    assert bot.services.holder.engine is not engine and bot.services.holder.loaded_at > loaded_at
    [answer] = await bot.ask(bot.api.private_message(DEVELOPING))
    assert "динамично развивается" in answer.params["text"]

    [stats] = await bot.ask(bot.api.private_message(f"/stats@{THIS_BOT}", user_id=bot.admin_id))
    assert stats.params["text"].startswith("<b>С запуска</b>: вопросов 1,")
    assert spy.ran == ["reload", "stats"]


async def test_an_admins_reload_of_the_broken_base_shows_problems_only_to_the_admin(
        guarded: tuple[RunningBot, Spy]) -> None:
    """The contrast that makes the refusals meaningful: what a reload that ran would have shown."""
    bot, spy = guarded
    spy.ran.clear()
    [reply] = await bot.ask(bot.api.private_message("/reload", user_id=bot.admin_id))
    assert reply.params["text"].startswith("База не загружена")
    assert "zz-secret-problem.yaml" in reply.params["text"] and leaks(reply.params["text"])
    assert spy.ran == ["reload"]


# --------------------------------------------------------------------------- the token is never shown


@pytest.fixture
def debug_log() -> Iterator[io.StringIO]:
    """The bot's logging at DEBUG into a StringIO, httpx/httpcore (URLs with the token) at DEBUG too."""
    root = logging.getLogger()
    saved_level = root.level
    noisy = [logging.getLogger(name) for name in ("httpx", "httpcore")]
    saved = [logger.level for logger in noisy]
    stream = io.StringIO()
    handler = setup_logging("DEBUG", secrets=[FakeBotApi().token], stream=stream)
    for logger in noisy:
        logger.setLevel(logging.DEBUG)  # what setup_logging quiets: show that redaction, not silence, protects
    try:
        yield stream
    finally:
        root.removeHandler(handler)
        handler.close()
        root.setLevel(saved_level)
        for logger, level in zip(noisy, saved, strict=True):
            logger.setLevel(level)
        logging.captureWarnings(False)


def token_forms(token: str) -> list[str]:
    secret = token.split(":", 1)[1]
    return [token, quote(token, safe=""), quote(token, safe="").lower(), secret]


async def test_the_token_appears_nowhere_in_a_whole_conversation_logged_at_debug(
        debug_log: io.StringIO, start_bot: StartBot, bundled_engine: Engine, kb_copy: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    bot = await start_bot(rate_limit=True, menus=True)
    bot.allow_errors = True  # a failing handler and a failing poll are part of the conversation
    token, url = bot.api.token, f"{bot.api.base_url}{bot.api.token}"
    monkeypatch.setattr("handlers.respond.SEND_BACKOFF", 0.05)  # four failed attempts, quickly

    await bot.ask(bot.api.private_message("/start"))
    await bot.ask(bot.api.private_message("Какой товарооборот был в 2023 году?"))
    [menu] = await bot.ask(bot.api.private_message("/topics"))
    bot.api.push_update(bot.api.callback_query("t:summits:0", message=menu.result))
    await bot.barrier()
    await bot.ask(bot.api.group_message(f"/ask@{THIS_BOT} когда установлены дипломатические отношения"))

    # a send failing once, with the token in Telegram's answer: retried
    bot.api.fail_next("sendMessage", status=500, description=f"Internal Server Error at {url}/sendMessage")
    await bot.ask(bot.api.private_message("где встречались путин и алиев"))
    # a send failing every time: the error handler logs it (traceback included) and apologises
    bot.api.fail_next("sendMessage", status=502, description=f"Bad Gateway: {quote(url, safe='')}", times=4)
    await bot.ask(bot.api.private_message("какие соглашения подписаны"))
    # an exception in a handler whose message carries the token, plain and URL-encoded
    real_answer = Engine.answer
    failed: list[str] = []

    def broken(self: Engine, question: str, context: object | None = None, **kwargs: Any) -> Any:
        if not failed:
            failed.append(question)
            raise RuntimeError(f"could not reach {url}/sendMessage ({quote(token, safe='')})")
        return real_answer(self, question, context, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Engine, "answer", broken)  # on the class: an instance attribute would outlive the test
    await bot.ask(bot.api.private_message("Когда установлены дипломатические отношения?"))
    # a failing poll, with the token in the description
    bot.api.fail_next("getUpdates", status=502, description=f"Bad Gateway for {url}/getUpdates")
    await bot.api.wait_for_async("getUpdates", 1, 5, answered=True, where=lambda c: c.status == 502)
    # the admin's view of all this, and a reload that fails with problems shown to the admin
    [stats] = await bot.ask(bot.api.private_message("/stats", user_id=bot.admin_id))
    [unanswered] = await bot.ask(bot.api.private_message("/unanswered", user_id=bot.admin_id))
    break_base(kb_copy)
    [reload] = await bot.ask(bot.api.private_message("/reload", user_id=bot.admin_id))

    # what happened, so the checks below are about a real conversation
    sent = [c for c in bot.api.calls() if c.method in ("sendMessage", "editMessageText", "answerCallbackQuery")]
    texts = [str(c.params.get("text", "")) for c in sent]
    assert all(c.token == token for c in bot.api.calls())  # the token travelled in every request
    assert sum(1 for c in bot.api.calls("sendMessage") if c.ok and c.params["text"] == APOLOGY) == 2
    assert stats.ok and "вопросов" in stats.params["text"]
    assert reload.ok and reload.params["text"].startswith("База не загружена")
    log = debug_log.getvalue()
    assert " DEBUG httpcore" in log and " INFO httpx: HTTP Request: POST " in log  # the URL logs were there…
    assert f"{bot.api.base_url}[REDACTED]/sendMessage" in log  # …and were redacted
    assert "RuntimeError: could not reach" in log and "Traceback" in log
    assert "Exception happened while polling for updates." in log
    assert "update could not be handled: NetworkError" in log

    for form in token_forms(token):
        assert form not in log, form
        for text in [*texts, stats.params["text"], unanswered.params["text"], reload.params["text"]]:
            assert form not in text, (form, text[:200])
