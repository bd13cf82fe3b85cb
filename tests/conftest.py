"""Shared fixtures: a valid base on disk, the CLI run in-process, and the broken-base check."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
from builders import write_base

from bot.cli import main
from knowledge import check_knowledge
from knowledge.base.loader import Limits
from knowledge.base.validate import Problem

PROBLEM_LINE = re.compile(r"^(?P<file>.+?):(?P<line>[1-9][0-9]*): (?P<message>\S.*)$")
SUMMARY_LINE = re.compile(r"^[1-9][0-9]* problems? found$")


@dataclass(frozen=True)
class CliResult:
    code: int
    out: str
    err: str


@pytest.fixture
def base_dir(tmp_path: Path) -> Path:
    """A minimal valid fact base (see tests/builders.py)."""
    return write_base(tmp_path)


@pytest.fixture
def run_cli(capsys: pytest.CaptureFixture[str]) -> Callable[[Sequence[str]], CliResult]:
    """Run ``factbot ARGS`` in-process; never a traceback, whatever the outcome."""

    def run(argv: Sequence[str]) -> CliResult:
        capsys.readouterr()  # drop anything printed before
        code = main(list(argv))
        captured = capsys.readouterr()
        assert "Traceback" not in captured.err and "Traceback" not in captured.out, captured.err
        return CliResult(code, captured.out, captured.err)

    return run


BrokenCheck = Callable[..., Problem]


@pytest.fixture
def expect_problem(run_cli: Callable[[Sequence[str]], CliResult]) -> BrokenCheck:
    """Assert a base is rejected with a ``file:line: message`` problem, by the API and by the CLI.

    ``expect_problem(root, file, line, *words, only=True, limits=None)``: ``file`` is the
    path of the faulty file (absolute, or relative to ``root``); ``words`` must all
    appear in the message. With ``only`` the problem must be the only one found.
    Returns the matching Problem.
    """

    def check(
        root: Path,
        file: Path | str,
        line: int,
        *words: str,
        only: bool = True,
        limits: Limits | None = None,
    ) -> Problem:
        path = Path(file) if Path(file).is_absolute() else root / file
        base, problems = check_knowledge(root, limits=limits)
        assert base is None, "the broken base was accepted"
        matching = [
            p for p in problems
            if p.file == str(path) and p.line == line and all(w in p.message for w in words)
        ]
        shown = "\n".join(map(str, problems))
        assert matching, f"no problem at {path}:{line} containing {words}; got:\n{shown}"
        if only:
            assert len(problems) == 1, f"expected exactly one problem, got:\n{shown}"
        problem = matching[0]
        assert str(problem) == f"{path}:{line}: {problem.message}"

        if limits is None:  # the CLI uses the default limits
            result = run_cli(["check", str(root)])
            assert result.code == 1
            assert result.out == ""
            lines = result.err.splitlines()
            assert lines, "the CLI printed nothing"
            assert SUMMARY_LINE.match(lines[-1]), lines[-1]
            assert lines[-1].startswith(f"{len(problems)} problem")
            for printed in lines[:-1]:
                assert PROBLEM_LINE.match(printed), f"not a file:line: message line: {printed!r}"
            assert str(problem) in lines[:-1]
        return problem

    return check


# --------------------------------------------------------------------------- the real bot against the fake Bot API
# Fixtures for tests/test_bot_*.py: the Application built by bot.app.build_application, polling
# tests/fakebotapi.py on 127.0.0.1 (never the real Telegram).

import asyncio  # noqa: E402 - this section was appended; its imports stay with it
import dataclasses  # noqa: E402
import logging  # noqa: E402
import shutil  # noqa: E402
from collections.abc import AsyncIterator, Awaitable, Iterator  # noqa: E402
from typing import Any  # noqa: E402

from fakebotapi import DEFAULT_USER_ID, Call, FakeBotApi  # noqa: E402

from bot.config import Config  # noqa: E402
from handlers.services import Services  # noqa: E402
from knowledge.base.loader import bundled_path  # noqa: E402
from knowledge.engine import Engine  # noqa: E402

BOT_ADMIN_ID = 424242  # the admin of the bot built by `start_bot`
BOT_BARRIER_USERS = range(999_000_000, 999_100_000)  # users whose /help marks "every earlier update was handled"


@pytest.fixture
def botapi(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeBotApi]:
    """A fake Bot API server; httpx must never send 127.0.0.1 through a proxy."""
    for name in ("NO_PROXY", "no_proxy"):
        monkeypatch.setenv(name, "127.0.0.1,localhost")
    with FakeBotApi(long_poll_cap=0.3) as server:
        yield server
    assert not server.internal_errors, server.internal_errors
    assert not server.leftover_threads, "fake Bot API threads left behind"


@pytest.fixture(scope="session")
def bundled_engine() -> Engine:
    """The engine on the bundled base, built once (an Engine never changes)."""
    return Engine.from_path(None)


@pytest.fixture
def kb_copy(tmp_path: Path) -> Path:
    """A private copy of the bundled fact base, free to edit (for /reload)."""
    return Path(shutil.copytree(bundled_path(), tmp_path / "kb"))


@pytest.fixture
def bot_config(botapi: FakeBotApi, kb_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Config:
    """A Config for the fake server: one admin, the base copy, storage and index cache in tmp_path."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return Config(token=botapi.token, base_url=botapi.base_url, base_file_url=botapi.base_file_url,
                  knowledge_path=kb_copy, admins=frozenset({BOT_ADMIN_ID}), storage_path=tmp_path / "s.sqlite3")


@dataclass
class RunningBot:
    """The real Application, polling the fake server, with helpers to drive and observe it."""

    api: FakeBotApi
    app: Any
    config: Config
    caplog: pytest.LogCaptureFixture
    admin_id: int = BOT_ADMIN_ID
    allow_errors: bool = False  # set by a test that makes a handler fail on purpose
    _barriers: int = 0

    @property
    def services(self) -> Services:
        found = self.app.bot_data.services
        assert isinstance(found, Services)
        return found

    async def barrier(self, timeout: float = 8.0) -> None:
        """Return once every update pushed so far has been handled.

        Updates are handled concurrently (bot/delivery.py), so a later update's reply proves
        nothing about an earlier one. Instead: once the fake holds no unconfirmed update, the bot
        has put every one into its update queue (it confirms a batch only after queueing it), and
        the queue is joined when each of them is done."""
        deadline = asyncio.get_running_loop().time() + timeout
        while self.api.pending_updates():
            if asyncio.get_running_loop().time() > deadline:
                raise TimeoutError(f"the bot did not fetch {len(self.api.pending_updates())} update(s)")
            await asyncio.sleep(0.01)
        await asyncio.wait_for(self.app.update_queue.join(), max(0.1, deadline - asyncio.get_running_loop().time()))

    @staticmethod
    def _ours(call: Call) -> bool:
        chat_id = call.params.get("chat_id")
        return not (isinstance(chat_id, int) and chat_id in BOT_BARRIER_USERS)

    def calls(self, method: str | None = None) -> list[Call]:
        """Requests made for the tests' chats: polling, start-up and the barrier's replies left out."""
        skip = {"getupdates", "getme", "deletewebhook"}
        return [c for c in self.api.calls(method) if c.method.lower() not in skip and self._ours(c)]

    def sent(self, chat_id: int | None = None) -> list[Call]:
        return [c for c in self.calls("sendMessage") if chat_id is None or c.params.get("chat_id") == chat_id]

    async def ask(self, update: dict[str, Any], timeout: float = 8.0) -> list[Call]:
        """Push an update, wait until it has been handled; returns the sendMessage calls it made."""
        before = len(self.sent())
        self.api.push_update(update)
        await self.barrier(timeout)
        return self.sent()[before:]

    def handler_errors(self) -> list[logging.LogRecord]:
        return [r for r in self.caplog.records if r.levelno >= logging.ERROR]


StartBot = Callable[..., Awaitable[RunningBot]]


@pytest.fixture
async def start_bot(botapi: FakeBotApi, bot_config: Config, bundled_engine: Engine,
                    caplog: pytest.LogCaptureFixture) -> AsyncIterator[StartBot]:
    """``await start_bot(rate_limit=False, menus=False, engine=None, send_timeout=None, **config_changes)``.

    Stopped (and its storage closed) at the end of the test, which then fails if the
    error handler logged anything unless ``bot.allow_errors`` was set."""
    from bot.app import build_application, post_init, post_shutdown

    running: list[RunningBot] = []
    caplog.set_level(logging.INFO)

    async def start(*, rate_limit: bool = False, menus: bool = False, engine: Engine | None = None,
                    send_timeout: float | None = None, **changes: Any) -> RunningBot:
        config = dataclasses.replace(bot_config, **changes)
        app = build_application(config, engine=engine or bundled_engine, rate_limit=rate_limit,
                                send_timeout=send_timeout)
        await app.initialize()
        bot = RunningBot(botapi, app, config, caplog)
        running.append(bot)
        if menus:
            await post_init(app)
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0, timeout=1)
        return bot

    yield start
    for bot in running:
        app = bot.app
        if app.updater.running:
            await app.updater.stop()
        if app.running:
            await app.stop()
        await app.shutdown()
        await post_shutdown(app)
    for bot in running:
        if not bot.allow_errors:
            assert not bot.handler_errors(), [r.getMessage() for r in bot.handler_errors()]


@pytest.fixture
def start_tuned_bot(start_bot: StartBot) -> StartBot:
    """``start_bot`` under the name the fault tests use for bots with a short ``send_timeout``."""
    return start_bot


async def press(bot: RunningBot, message: dict[str, Any], data: str, *, user: Any = DEFAULT_USER_ID) -> Call:
    """Press a button of ``message``; returns the answerCallbackQuery once handling is over."""
    update = bot.api.callback_query(data, message=message, from_user=user)
    bot.api.push_update(update)
    await bot.barrier()
    query_id = update["callback_query"]["id"]
    [answered] = [c for c in bot.calls("answerCallbackQuery") if c.params["callback_query_id"] == query_id]
    assert answered.ok
    return answered


# --------------------------------------------------------------------------- PostgreSQL (marker `postgres`)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[Any]:
    import os

    from pgserver import TempPostgres
    shared = TempPostgres.from_environment()  # .ci/run started one for the whole run, and removes it after
    if shared is not None:
        yield shared
        if not shared.running():  # a test stopped it (the database going away): as it was
            shared.start()
        return
    try:
        server = TempPostgres()
        server.start()
    except (RuntimeError, OSError) as exc:
        if os.environ.get("FACTBOT_REQUIRE_POSTGRES") or os.environ.get("CI"):  # .ci/run sets the first
            pytest.fail(f"CI must run the postgres tests: {exc}")
        pytest.skip(f"no PostgreSQL server: {exc}")
    yield server
    server.remove()


@pytest.fixture
def pg_url(pg_server: Any, request: pytest.FixtureRequest) -> str:
    """A fresh database on the server for each test."""
    import psycopg
    name = "t" + str(abs(hash(request.node.nodeid)) % 10**12)
    with psycopg.connect(pg_server.url, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name}")
        conn.execute(f"CREATE DATABASE {name}")
    return pg_server.url.rsplit("/", 1)[0] + f"/{name}"


