"""`factbot run` as a real process against the fake Bot API server (never the real Telegram).

The process is ``python -m bot run --config PATH`` with the config pointing at
the fake server; its output goes to files (a pipe could fill up at DEBUG).
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
from fakebotapi import DEFAULT_USER_ID, FakeBotApi

REPO = Path(__file__).resolve().parents[1]
GOOD_SHAPED_TOKEN = "123456789:AAwrongTokenButWellFormed_0123456789abcdef"


@dataclass
class Finished:
    code: int
    out: str
    err: str


@pytest.fixture
def api(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeBotApi]:
    for name in ("NO_PROXY", "no_proxy"):
        monkeypatch.setenv(name, "127.0.0.1,localhost")
    with FakeBotApi(long_poll_cap=0.5) as server:
        yield server
    assert not server.internal_errors, server.internal_errors


def environment(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("TELEGRAM_BOT_TOKEN", "FACTBOT_CONFIG")}
    env.update(PYTHONPATH=str(REPO), XDG_CACHE_HOME=str(tmp_path / "cache"), NO_PROXY="127.0.0.1,localhost",
               no_proxy="127.0.0.1,localhost", PYTHONUNBUFFERED="1")
    env.update(extra)
    return env


def write_config(tmp_path: Path, text: str, *, private: bool = True) -> Path:
    path = tmp_path / "config.yaml"
    path.write_text(text, encoding="utf-8")
    path.chmod(0o600 if private else 0o644)
    return path


def fake_config(api: FakeBotApi, *, level: str = "DEBUG", token: str | None = None, extra: str = "") -> str:
    return (f'telegram:\n  token: "{token or api.token}"\n  base_url: "{api.base_url}"\n'
            f'  base_file_url: "{api.base_file_url}"\n'
            f"admins: [424242]\nstorage:\n  path: state/s.sqlite3\nlogging:\n  level: {level}\n{extra}")


def start(tmp_path: Path, config: Path, **env: str) -> tuple[subprocess.Popen[bytes], Path, Path]:
    out, err = tmp_path / "stdout.txt", tmp_path / "stderr.txt"
    with out.open("wb") as stdout, err.open("wb") as stderr:
        process = subprocess.Popen([sys.executable, "-m", "bot", "run", "--config", str(config)], cwd=tmp_path,
                                   env=environment(tmp_path, **env), stdout=stdout, stderr=stderr,
                                   stdin=subprocess.DEVNULL)
    return process, out, err


def run(tmp_path: Path, config: Path, timeout: float = 10.0, **env: str) -> Finished:
    process, out, err = start(tmp_path, config, **env)
    try:
        code = process.wait(timeout)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(5)
    return Finished(code, out.read_text("utf-8"), err.read_text("utf-8"))


def assert_never_shows(token: str, *texts: str) -> None:
    secret = token.split(":", 1)[1]
    for text in texts:
        assert token not in text and quote(token, safe="") not in text and secret not in text


def assert_one_clear_line(result: Finished, *words: str) -> None:
    assert result.code == 2, (result.code, result.err)
    assert result.out == ""
    lines = result.err.splitlines()
    assert len(lines) == 1, result.err
    assert lines[0].startswith("factbot: ") and "Traceback" not in result.err
    for word in words:
        assert word in lines[0], lines[0]


# --------------------------------------------------------------------------- a real run


def test_run_answers_a_question_and_stops_on_sigterm_without_leaking_the_token(
        api: FakeBotApi, tmp_path: Path) -> None:
    config = write_config(tmp_path, fake_config(api))
    process, out, err = start(tmp_path, config)
    try:
        api.wait_for("getUpdates", timeout=10)  # started: polling
        update = api.push_update(api.private_message("Какой товарооборот был в 2023 году?"))
        [answer] = api.wait_for("sendMessage", timeout=10, where=lambda c: c.params.get("chat_id") == DEFAULT_USER_ID)
        assert answer.ok and answer.params["parse_mode"] == "HTML"
        assert "4,4 миллиарда долларов" in answer.params["text"]
        assert api.calls("sendChatAction") == []  # a fast answer: no "typing" spent on the rate limit
        # the menus were set by post_init (admin scope included)
        scopes = [c.params["scope"]["type"] for c in api.calls("setMyCommands")]
        assert scopes == ["all_private_chats", "all_group_chats"] * 2 + ["chat", "chat"]  # Russian, then English
        api.wait_for("getUpdates", timeout=10,
                     where=lambda c: int(c.params.get("offset", 0)) > update["update_id"], answered=False)

        started = time.monotonic()
        process.send_signal(signal.SIGTERM)
        code = process.wait(10)
        assert time.monotonic() - started < 10
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(5)
    assert code == 0
    stdout, stderr = out.read_text("utf-8"), err.read_text("utf-8")
    assert "Traceback" not in stderr
    assert_never_shows(api.token, stdout, stderr)
    assert f"{api.base_url}[REDACTED]" in stderr  # PTB logs the URL with the token at DEBUG: redacted
    assert api.calls("getMe") and all(c.token == api.token for c in api.calls())
    lines = stderr.splitlines()
    assert any(" DEBUG " in line for line in lines)  # DEBUG was on...
    assert any(re.search(r" INFO handlers\.respond: question chat=private kind=answer", line) for line in lines)
    assert not [line for line in lines if re.search(r" (INFO|DEBUG) (httpx|httpcore)", line)]  # ...not for httpx
    assert "readable by other users" not in stderr
    assert (tmp_path / "state" / "s.sqlite3").exists()  # relative to the config file
    assert api.pending_updates() == []  # the answered update was confirmed before exiting


def test_a_config_readable_by_others_is_warned_about(api: FakeBotApi, tmp_path: Path) -> None:
    config = write_config(tmp_path, fake_config(api, level="WARNING"), private=False)
    process, _, err = start(tmp_path, config)
    try:
        api.wait_for("getUpdates", timeout=10)
        process.send_signal(signal.SIGTERM)
        assert process.wait(10) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(5)
    stderr = err.read_text("utf-8")
    assert "config.yaml is readable by other users; run: chmod 600 config.yaml" in stderr
    assert_never_shows(api.token, stderr)


def test_a_token_telegram_rejects_is_one_line(api: FakeBotApi, tmp_path: Path) -> None:
    config = write_config(tmp_path, fake_config(api, token=GOOD_SHAPED_TOKEN))
    result = run(tmp_path, config)
    assert result.code == 2, result.err
    assert result.err.splitlines()[-1] == "factbot: Telegram rejected the bot token"
    assert "Traceback" not in result.err
    assert_never_shows(GOOD_SHAPED_TOKEN, result.out, result.err)
    assert [c.status for c in api.calls("getMe")] == [401]


# --------------------------------------------------------------------------- start-up failures: exit code 2


def test_a_missing_config_file(tmp_path: Path) -> None:
    result = run(tmp_path, tmp_path / "nope.yaml")
    assert_one_clear_line(result, "config: file not found:", "nope.yaml")


def test_an_unknown_config_key(tmp_path: Path) -> None:
    config = write_config(tmp_path, f'telegram:\n  token: "{GOOD_SHAPED_TOKEN}"\n  tokn: "x"\n')
    result = run(tmp_path, config)
    assert_one_clear_line(result, "unknown key `telegram.tokn`")
    assert_never_shows(GOOD_SHAPED_TOKEN, result.err)


def test_an_unknown_top_level_key(tmp_path: Path) -> None:
    config = write_config(tmp_path, f'telegram:\n  token: "{GOOD_SHAPED_TOKEN}"\nlimit:\n  flood_messages: 3\n')
    result = run(tmp_path, config)
    assert_one_clear_line(result, "unknown key `limit`")


def test_a_missing_token(tmp_path: Path) -> None:
    config = write_config(tmp_path, "logging:\n  level: DEBUG\n")
    result = run(tmp_path, config)
    assert_one_clear_line(result, "no bot token", "TELEGRAM_BOT_TOKEN")


@pytest.mark.parametrize("token", ["12345:short", "not-a-token-at-all-but-quite-long-0123456789",
                                   "123456789:AAwrongToken with spaces 0123456789abcdef",
                                   "123456789:AA" + "ж" * 40])
def test_a_malformed_token(tmp_path: Path, token: str) -> None:
    config = write_config(tmp_path, f'telegram:\n  token: "{token}"\n')
    result = run(tmp_path, config)
    assert_one_clear_line(result, "malformed")
    assert token not in result.err and token.split(":")[-1] not in result.err


def test_a_malformed_token_from_the_environment(tmp_path: Path) -> None:
    config = write_config(tmp_path, f'telegram:\n  token: "{GOOD_SHAPED_TOKEN}"\n')
    result = run(tmp_path, config, TELEGRAM_BOT_TOKEN="999:secretsecret")
    assert_one_clear_line(result, "malformed")
    assert "secretsecret" not in result.err


def test_invalid_yaml_next_to_the_token(tmp_path: Path) -> None:
    config = write_config(tmp_path, f'telegram:\n  token: "{GOOD_SHAPED_TOKEN}\n  base_url: [\n')
    result = run(tmp_path, config)
    assert_one_clear_line(result, "invalid YAML", "config.yaml:")
    assert_never_shows(GOOD_SHAPED_TOKEN, result.err)


def test_a_broken_fact_base(api: FakeBotApi, tmp_path: Path) -> None:
    kb = tmp_path / "kb"
    kb.mkdir()
    (kb / "facts.yaml").write_text("facts:\n  - id: x\n", encoding="utf-8")
    config = write_config(tmp_path, fake_config(api, extra="knowledge:\n  path: kb\n"))
    result = run(tmp_path, config)
    assert result.code == 2, result.err
    assert "Traceback" not in result.err
    assert result.err.splitlines()[-1].startswith("factbot: the fact base is invalid")
    assert str(kb / "facts.yaml") in result.err
    assert_never_shows(api.token, result.err)
    assert api.calls("getUpdates") == []


def test_an_unusable_storage_path(api: FakeBotApi, tmp_path: Path) -> None:
    (tmp_path / "state").mkdir()
    (tmp_path / "state" / "s.sqlite3").mkdir()  # a directory where the database should be
    config = write_config(tmp_path, fake_config(api))
    result = run(tmp_path, config)
    assert result.code == 2, result.err
    assert "Traceback" not in result.err
    assert result.err.splitlines()[-1].startswith("factbot: storage: cannot open")
    assert_never_shows(api.token, result.err)


# --------------------------------------------------------------------------- the Bot API unreachable at start


def test_run_waits_for_an_unreachable_bot_api_and_starts_when_it_answers(api: FakeBotApi, tmp_path: Path) -> None:
    api.fail_next("getMe", status=502, times=2)  # a gateway error twice, as when Telegram is unreachable
    config = write_config(tmp_path, fake_config(api, level="INFO"))
    process, _, err = start(tmp_path, config)
    try:
        api.wait_for("getUpdates", timeout=20)  # started after all
        api.push_update(api.private_message("Какой товарооборот был в 2023 году?"))
        [answer] = api.wait_for("sendMessage", timeout=10)
        assert answer.ok and "4,4 миллиарда долларов" in answer.params["text"]
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(10)
    stderr = err.read_text("utf-8")
    waits = [line for line in stderr.splitlines() if "the Bot API cannot be reached" in line]
    assert len(waits) == 2 and "trying again in 1 s" in waits[0] and "trying again in 2 s" in waits[1]
    assert "Traceback" not in stderr
    assert_never_shows(api.token, stderr)


def test_waiting_for_the_bot_api_backs_off_and_a_rejected_token_stops_at_once(api: FakeBotApi) -> None:
    from telegram.error import InvalidToken, NetworkError

    from bot.app import wait_for_bot_api
    from bot.config import Config

    slept: list[float] = []
    closed = Config(token=api.token, base_url="http://127.0.0.1:9/bot", base_file_url="http://127.0.0.1:9/file/bot")
    with pytest.raises(NetworkError):
        wait_for_bot_api(closed, first=1, cap=3, attempts=4, sleep=slept.append)
    assert slept == [1, 2, 3]  # doubling, capped
    slept.clear()
    api.fail_next("getMe", status=401)
    with pytest.raises(InvalidToken):
        wait_for_bot_api(Config(token=api.token, base_url=api.base_url, base_file_url=api.base_file_url),
                         sleep=slept.append)
    assert slept == []
