"""Stopping `factbot run` while an answer is in flight: the answer is delivered, then the process exits.

``python -m bot run --config PATH`` runs as a real process against the fake Bot API
(127.0.0.1 only). The fake holds the bot's ``sendMessage`` for a second; a second
question is fetched meanwhile and waits in the Application's queue; the signal
arrives while the bot is waiting for the first send. Updates of different chats are
handled concurrently (bot/delivery.py), so the second is answered at once, not after
the slow send. PTB's ``run_polling`` turns SIGTERM and SIGINT into a stop: it stops
polling (one last ``getUpdates`` confirms the fetched updates), then
``Application.stop`` waits (a few seconds at most) until the handler in flight is
done, and ``post_shutdown`` closes the SQLite store, which folds the WAL back into
the database. So: both answers arrive, both questions are recorded, the process
exits 0 within 10 s, no ``-wal`` with content is left behind and the database passes
``PRAGMA integrity_check``.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fakebotapi import DEFAULT_USER_ID, FakeBotApi

REPO = Path(__file__).resolve().parents[1]
QUESTION = "Какой товарооборот был в 2023 году?"
ANSWER_WORDS = "почти 4,4 миллиарда долларов"
OTHER_QUESTION = "Когда установлены дипломатические отношения?"
OTHER_WORDS = "4 апреля 1992 года"
OTHER_USER = 222222222
IN_FLIGHT = 1.0  # seconds the fake holds the answer


@pytest.fixture
def api(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeBotApi]:
    for name in ("NO_PROXY", "no_proxy"):
        monkeypatch.setenv(name, "127.0.0.1,localhost")
    with FakeBotApi(long_poll_cap=0.5) as server:
        yield server
    assert not server.internal_errors, server.internal_errors


def start_bot_process(api: FakeBotApi, tmp_path: Path) -> tuple[subprocess.Popen[bytes], Path]:
    config = tmp_path / "config.yaml"
    config.write_text(
        f'telegram:\n  token: "{api.token}"\n  base_url: "{api.base_url}"\n  base_file_url: "{api.base_file_url}"\n'
        "admins: [424242]\nstorage:\n  path: state/s.sqlite3\nlogging:\n  level: DEBUG\n", encoding="utf-8")
    config.chmod(0o600)
    env = {k: v for k, v in os.environ.items() if k not in ("TELEGRAM_BOT_TOKEN", "FACTBOT_CONFIG")}
    env.update(PYTHONPATH=str(REPO), XDG_CACHE_HOME=str(tmp_path / "cache"), NO_PROXY="127.0.0.1,localhost",
               no_proxy="127.0.0.1,localhost", PYTHONUNBUFFERED="1")
    err = tmp_path / "stderr.txt"
    with err.open("wb") as stderr:
        process = subprocess.Popen([sys.executable, "-m", "bot", "run", "--config", str(config)], cwd=tmp_path,
                                   env=env, stdout=subprocess.DEVNULL, stderr=stderr, stdin=subprocess.DEVNULL)
    return process, err


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_stop_signal_lets_the_answers_in_flight_and_queued_finish_and_closes_the_database(
        api: FakeBotApi, tmp_path: Path, stop: signal.Signals) -> None:
    process, err = start_bot_process(api, tmp_path)
    try:
        api.wait_for("getUpdates", timeout=15)  # started: polling
        api.delay_next("sendMessage", IN_FLIGHT)
        api.push_update(api.private_message(QUESTION))
        [in_flight] = api.wait_for("sendMessage", timeout=10, answered=False)
        # a second question from another chat, fetched while the first is in flight: not held behind it
        queued = api.push_update(api.private_message(OTHER_QUESTION, user_id=OTHER_USER))
        api.wait_for("getUpdates", timeout=10, answered=False,
                     where=lambda c: int(c.params.get("offset", 0)) > queued["update_id"])
        assert in_flight.status is None  # the fake is still holding the first answer
        signalled = time.monotonic()
        process.send_signal(stop)
        code = process.wait(10)
        exited = time.monotonic()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(5)
    stderr = err.read_text("utf-8")
    assert code == 0, stderr[-3000:]
    assert exited - signalled < 10
    assert "Traceback" not in stderr

    # both answers were delivered: the one in flight completed and awaited, the other chat's not held behind it
    answer, second = api.calls("sendMessage")
    assert answer.ok and answer.params["chat_id"] == DEFAULT_USER_ID and ANSWER_WORDS in answer.params["text"]
    assert second.ok and second.params["chat_id"] == OTHER_USER and OTHER_WORDS in second.params["text"]
    assert exited - in_flight.time >= IN_FLIGHT and second.time < in_flight.time + IN_FLIGHT
    lines = stderr.splitlines()
    logged = [n for n, line in enumerate(lines) if "handlers.respond: question chat=private kind=answer" in line]
    stopping = [n for n, line in enumerate(lines) if "Application is stopping" in line]
    assert len(logged) == 2 and len(stopping) == 1 and stopping[0] < logged[-1]  # the slow one: during the stop
    assert "Application.stop() complete" in stderr
    # nothing left for the next start: the last poll confirmed both updates
    assert api.pending_updates() == [] and int(api.calls("getUpdates")[-1].params["offset"]) > queued["update_id"]

    # the database: closed cleanly, consistent, the question recorded
    db = tmp_path / "state" / "s.sqlite3"
    wal = db.with_name(db.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        rows = conn.execute("SELECT question, kind, answered, chat_type FROM questions").fetchall()
    finally:
        conn.close()
    assert sorted(rows) == sorted([(QUESTION, "answer", 1, "private"), (OTHER_QUESTION, "answer", 1, "private")])
