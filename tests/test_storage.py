"""SqliteStorage: the question log behind /stats and /unanswered."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.storage import MAX_QUESTION_CHARS, SCHEMA_VERSION, SqliteStorage, StorageError
from handlers.services import Storage

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "nested" / "factbot.sqlite3"


@pytest.fixture
def store(db_path: Path) -> Iterator[SqliteStorage]:
    with SqliteStorage(db_path) as storage:
        yield storage


def put(store: SqliteStorage, question: str = "q", kind: str = "answer", latency: float = 10.0,
        chat_type: str = "private") -> None:
    store.record(question=question, kind=kind, answered=kind in ("answer", "list"), chat_type=chat_type,
                 latency_ms=latency)


def raw(path: Path, sql: str) -> list[Any]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_implements_the_protocol(store: SqliteStorage) -> None:
    storage: Storage = store  # checked by mypy
    assert storage.unanswered() == []


def test_creates_parent_dirs_schema_and_wal(store: SqliteStorage, db_path: Path) -> None:
    assert db_path.is_file()
    put(store)
    assert raw(db_path, "PRAGMA journal_mode") == [("wal",)]
    assert raw(db_path, "PRAGMA user_version") == [(SCHEMA_VERSION,)]
    columns = [row[1] for row in raw(db_path, "PRAGMA table_info(questions)")]
    assert columns == ["id", "ts", "chat_type", "kind", "answered", "latency_ms", "question"]
    index_columns = [row[2] for row in raw(db_path, "PRAGMA index_info(questions_kind_ts)")]
    assert index_columns == ["kind", "ts"]


def test_connection_pragmas(store: SqliteStorage) -> None:
    conn = store._conn
    assert conn is not None
    assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    assert conn.execute("PRAGMA synchronous").fetchone() == (1,)  # NORMAL
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] > 0


def test_database_file_is_private(store: SqliteStorage, db_path: Path) -> None:
    if os.name != "posix":
        pytest.skip("POSIX permissions")
    assert db_path.stat().st_mode & 0o077 == 0


def test_persists_across_reopen(db_path: Path) -> None:
    with SqliteStorage(db_path) as first:
        put(first, "сколько стоит газ?", kind="decline", chat_type="group")
    with SqliteStorage(db_path) as second:
        assert second.stats()["overall"]["questions"] == 1
        [row] = second.unanswered()
        assert row["text"] == "сколько стоит газ?"
        assert row["chat_type"] == "group"
        assert isinstance(row["ts"], float)


def test_empty_stats(store: SqliteStorage) -> None:
    stats = store.stats()
    for window in ("overall", "since_start"):
        assert stats[window] == {"questions": 0, "answered": 0, "suggested": 0, "declined": 0, "smalltalk": 0,
                                 "median_latency_ms": None, "top_declined": []}
    assert stats["created_at"] <= stats["started_at"] <= time.time()


def test_stats_counts_and_odd_median(store: SqliteStorage) -> None:
    put(store, "a", "answer", 30)
    put(store, "b", "list", 10)
    put(store, "c", "suggest", 50)
    put(store, "d", "partial", 20)
    put(store, "e", "decline", 40)
    put(store, "f", "smalltalk", 1000)
    put(store, "g", "decline", 5)
    overall = store.stats()["overall"]
    assert overall["questions"] == 7
    assert overall["answered"] == 2
    assert overall["suggested"] == 2
    assert overall["declined"] == 2
    assert overall["smalltalk"] == 1
    assert overall["median_latency_ms"] == 30.0  # 5 10 20 [30] 40 50 1000


def test_median_even_count(store: SqliteStorage) -> None:
    for latency in (400, 100, 300, 200):
        put(store, latency=latency)
    assert store.stats()["overall"]["median_latency_ms"] == 250.0
    put(store, latency=1.5)
    assert store.stats()["overall"]["median_latency_ms"] == 200.0
    put(store, latency=0.5)
    assert store.stats()["overall"]["median_latency_ms"] == pytest.approx(150.0)


def test_single_row_median(store: SqliteStorage) -> None:
    put(store, latency=12.5)
    assert store.stats()["overall"]["median_latency_ms"] == 12.5


def test_top_declined_groups_case_and_whitespace(store: SqliteStorage) -> None:
    for text in ("Кто такой Алиев?", "кто  такой\tалиев?", " КТО ТАКОЙ АЛИЕВ? "):
        put(store, text, "decline")
    for text in ("price of gas", "Price of  gas"):
        put(store, text, "decline")
    for text in ("one", "two", "three", "four"):
        put(store, text, "decline")
    put(store, "кто такой алиев?", "answer")  # answered: not a declined question
    put(store, "price of gas", "suggest")  # only suggested: not declined either
    top = store.stats()["overall"]["top_declined"]
    assert len(top) == 5
    assert top[0] == {"question": "КТО ТАКОЙ АЛИЕВ?", "count": 3}  # the newest spelling, whitespace collapsed
    assert top[1] == {"question": "Price of gas", "count": 2}
    assert [entry["count"] for entry in top[2:]] == [1, 1, 1]
    assert {entry["question"] for entry in top[2:]} <= {"one", "two", "three", "four"}


def test_since_start_differs_from_overall(db_path: Path) -> None:
    with SqliteStorage(db_path) as old:
        put(old, "old decline", "decline", 100)
        put(old, "old answer", "answer", 300)
        created = old.stats()["created_at"]
    with SqliteStorage(db_path) as new:
        put(new, "new decline", "decline", 7)
        stats = new.stats()
    assert stats["created_at"] == created
    assert stats["overall"]["questions"] == 3
    assert stats["overall"]["declined"] == 2
    assert stats["overall"]["median_latency_ms"] == 100.0
    assert stats["since_start"]["questions"] == 1
    assert stats["since_start"]["declined"] == 1
    assert stats["since_start"]["answered"] == 0
    assert stats["since_start"]["median_latency_ms"] == 7.0
    assert stats["since_start"]["top_declined"] == [{"question": "new decline", "count": 1}]
    assert {e["question"] for e in stats["overall"]["top_declined"]} == {"old decline", "new decline"}


def test_unanswered_order_kinds_and_limit(store: SqliteStorage) -> None:
    put(store, "d1", "decline", chat_type="private")
    put(store, "answered", "answer")
    put(store, "s1", "suggest", chat_type="group")
    put(store, "hi", "smalltalk")
    put(store, "p1", "partial", chat_type="supergroup")
    put(store, "listed", "list")
    put(store, "d2", "decline")
    assert [row["text"] for row in store.unanswered()] == ["d2", "p1", "s1", "d1"]
    assert [row["text"] for row in store.unanswered(limit=2)] == ["d2", "p1"]
    assert store.unanswered(limit=0) == []
    rows = store.unanswered()
    assert set(rows[0]) == {"text", "ts", "chat_type"}
    assert rows[1]["chat_type"] == "supergroup"
    assert rows[0]["ts"] >= rows[1]["ts"] >= rows[2]["ts"] >= rows[3]["ts"]


def test_unanswered_default_limit_is_20(store: SqliteStorage) -> None:
    for i in range(25):
        put(store, f"q{i}", "decline")
    rows = store.unanswered()
    assert len(rows) == 20
    assert rows[0]["text"] == "q24"
    assert rows[-1]["text"] == "q5"


def test_questions_truncated(store: SqliteStorage, db_path: Path) -> None:
    put(store, "я" * (MAX_QUESTION_CHARS + 500), "decline")
    put(store, "x" * MAX_QUESTION_CHARS, "decline")
    texts = [row["text"] for row in store.unanswered()]
    assert texts == ["x" * MAX_QUESTION_CHARS, "я" * MAX_QUESTION_CHARS]
    assert raw(db_path, "SELECT MAX(length(question)) FROM questions") == [(MAX_QUESTION_CHARS,)]


def test_concurrent_writers_lose_nothing(store: SqliteStorage) -> None:
    threads_n, per_thread = 8, 150
    barrier = threading.Barrier(threads_n)
    errors: list[BaseException] = []

    def work(n: int) -> None:
        try:
            barrier.wait()
            for i in range(per_thread):
                put(store, f"t{n}-{i}", "decline" if i % 3 == 0 else "answer", latency=float(i))
                if i % 25 == 0:
                    store.stats()
                    store.unanswered(5)
        except BaseException as exc:  # surfaced below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(threads_n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors
    overall = store.stats()["overall"]
    assert overall["questions"] == threads_n * per_thread
    assert overall["declined"] == threads_n * len(range(0, per_thread, 3))
    assert overall["answered"] == threads_n * per_thread - overall["declined"]


def test_every_call_waits_for_the_lock(store: SqliteStorage) -> None:
    # SQLite alone serialises single statements; the lock is what keeps stats()'s several
    # queries and close() from interleaving with writers, so check that each call takes it.
    calls: list[Callable[[], object]] = [lambda: put(store), store.stats, store.unanswered, store.close]
    for call in calls:
        done = threading.Event()
        thread = threading.Thread(target=lambda c=call, d=done: (c(), d.set()))
        with store._lock:
            thread.start()
            assert not done.wait(0.2), f"{call} ran without the lock"
        assert done.wait(10)
        thread.join()


def test_close_is_idempotent_and_checkpoints(db_path: Path) -> None:
    store = SqliteStorage(db_path)
    put(store)
    store.close()
    store.close()
    wal = db_path.with_name(db_path.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    with pytest.raises(StorageError, match="closed"):
        put(store)
    assert raw(db_path, "SELECT COUNT(*) FROM questions") == [(1,)]


def test_context_manager_closes(db_path: Path) -> None:
    with SqliteStorage(db_path) as store:
        put(store)
    with pytest.raises(StorageError):
        store.stats()


def test_unwritable_path_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    with pytest.raises(StorageError) as caught:
        SqliteStorage(blocker / "sub" / "db.sqlite3")
    message = str(caught.value)
    assert message.startswith("storage: cannot open")
    assert "\n" not in message
    assert caught.value.__cause__ is None and caught.value.__suppress_context__


def test_read_only_directory_is_a_clear_error(tmp_path: Path) -> None:
    if os.name != "posix" or os.geteuid() == 0:
        pytest.skip("needs POSIX permissions enforced (not root)")
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        with pytest.raises(StorageError, match="storage: cannot open"):
            SqliteStorage(locked / "db.sqlite3")
    finally:
        locked.chmod(0o700)


def test_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.sqlite3"
    bogus.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StorageError, match="storage: cannot open") as caught:
        SqliteStorage(bogus)
    assert "\n" not in str(caught.value)


def test_newer_schema_refused(db_path: Path) -> None:
    SqliteStorage(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(StorageError, match="newer"):
        SqliteStorage(db_path)


WRITER = textwrap.dedent(
    """
    import sys
    from bot.storage import SqliteStorage

    store = SqliteStorage(sys.argv[1])
    i = 0
    while True:
        store.record(question=f"q{i}", kind="decline", answered=False, chat_type="private", latency_ms=float(i))
        i += 1
        print(i, flush=True)
    """
)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_kill_9_while_writing_leaves_an_intact_database(db_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(db_path)], stdout=subprocess.PIPE, text=True,
                            env=env, cwd=ROOT)
    assert proc.stdout is not None
    try:
        first = proc.stdout.readline()  # the first write is committed before we start the clock
        assert first.strip() == "1", "writer did not start"
        time.sleep(0.5)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
        reported = [first, *proc.stdout.readlines()]
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stdout.close()
    assert proc.returncode == -signal.SIGKILL
    acknowledged = max(int(line) for line in reported if line.strip())  # records that returned
    assert acknowledged > 10

    assert raw(db_path, "PRAGMA integrity_check") == [("ok",)]
    with SqliteStorage(db_path) as store:
        stored = store.stats()["overall"]["questions"]
        # Every record() that returned is on disk; at most the one in flight may also be there.
        assert acknowledged <= stored <= acknowledged + 1
        # ... and rows are consecutive: nothing in the middle was lost.
        ids = raw(db_path, "SELECT question FROM questions ORDER BY id")
        assert [q for (q,) in ids] == [f"q{i}" for i in range(stored)]
        put(store, "after the crash", "decline")
        assert store.unanswered(1)[0]["text"] == "after the crash"
    assert raw(db_path, "PRAGMA integrity_check") == [("ok",)]


# --------------------------------------------------------------------------- facts of answers (inline mode)


def answered(store: SqliteStorage, question: str, *facts: str, kind: str = "answer") -> None:
    store.record(question=question, kind=kind, answered=kind in ("answer", "list"), chat_type="private",
                 latency_ms=1.0, facts=facts)


def test_top_facts_counts_the_questions_answered_with_each_fact(store: SqliteStorage, db_path: Path) -> None:
    assert store.top_facts() == []
    answered(store, "когда отношения", "relations")
    answered(store, "товарооборот", "trade-2023")
    answered(store, "все встречи", "summit-a", "summit-b", "summit-a", kind="list")  # a fact counts once
    answered(store, "отношения?", "relations")
    answered(store, "встреча в сочи", "summit-b")
    answered(store, "где отношения", "relations", kind="partial")  # not answered: not counted
    put(store, "погода", kind="decline")
    assert store.top_facts(10) == [("summit-b", 2), ("relations", 2), ("summit-a", 1), ("trade-2023", 1)]
    assert store.top_facts(1) == [("summit-b", 2)]
    assert store.top_facts(0) == [] and store.top_facts(-3) == []
    assert raw(db_path, "SELECT COUNT(*) FROM answer_facts") == [(7,)]
    assert store.stats()["overall"]["questions"] == 7  # the questions themselves are recorded as before


def test_top_facts_breaks_ties_by_the_latest_question(store: SqliteStorage) -> None:
    answered(store, "a", "first")
    answered(store, "b", "second")
    assert [fact for fact, _ in store.top_facts()] == ["second", "first"]
    answered(store, "c", "first")
    answered(store, "d", "second")
    assert [fact for fact, _ in store.top_facts()] == ["second", "first"]
    answered(store, "e", "first")
    assert store.top_facts() == [("first", 3), ("second", 2)]


def test_top_facts_survive_reopening(db_path: Path) -> None:
    with SqliteStorage(db_path) as first:
        answered(first, "q", "relations", "trade")
    with SqliteStorage(db_path) as second:
        assert second.top_facts() == [("relations", 1), ("trade", 1)]  # one answer: by id


def test_a_question_and_its_facts_are_one_transaction(store: SqliteStorage, db_path: Path) -> None:
    answered(store, "before", "relations")
    conn = sqlite3.connect(db_path)
    conn.execute("DROP TABLE answer_facts")  # the facts cannot be written any more
    conn.close()
    with pytest.raises(StorageError):
        answered(store, "lost", "relations")
    assert store.stats()["overall"]["questions"] == 1  # the question was rolled back with its facts
    put(store, "without facts")  # a question without facts needs no other table
    assert store.stats()["overall"]["questions"] == 2


V1_SCHEMA = """
CREATE TABLE questions (id INTEGER PRIMARY KEY, ts REAL NOT NULL, chat_type TEXT NOT NULL, kind TEXT NOT NULL,
    answered INTEGER NOT NULL, latency_ms REAL, question TEXT NOT NULL);
CREATE INDEX questions_kind_ts ON questions (kind, ts);
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT INTO meta (key, value) VALUES ('created_at', '1700000000.0');
INSERT INTO questions (ts, chat_type, kind, answered, latency_ms, question)
    VALUES (1700000001.0, 'private', 'answer', 1, 5.0, 'когда отношения'),
           (1700000002.0, 'group', 'decline', 0, 7.0, 'сколько стоит газ?');
PRAGMA user_version = 1;
"""


def test_a_version_1_database_is_migrated_keeping_its_questions(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    conn = sqlite3.connect(db_path)
    conn.executescript(V1_SCHEMA)
    conn.close()

    with SqliteStorage(db_path) as store:
        assert raw(db_path, "PRAGMA user_version") == [(SCHEMA_VERSION,)]
        assert store.created_at == 1700000000.0
        overall = store.stats()["overall"]
        assert (overall["questions"], overall["answered"], overall["declined"]) == (2, 1, 1)
        assert [row["text"] for row in store.unanswered()] == ["сколько стоит газ?"]
        assert store.top_facts() == []  # nothing was recorded about facts before version 2
        answered(store, "когда отношения?", "relations")
        assert store.top_facts() == [("relations", 1)]
    with SqliteStorage(db_path) as again:  # opening a migrated database changes nothing
        assert again.stats()["overall"]["questions"] == 3
        assert again.top_facts() == [("relations", 1)]
    assert raw(db_path, "PRAGMA integrity_check") == [("ok",)]


def test_new_databases_have_the_answer_facts_table(store: SqliteStorage, db_path: Path) -> None:
    answered(store, "q", "relations")
    assert [row[1] for row in raw(db_path, "PRAGMA table_info(answer_facts)")] == ["question_id", "fact_id"]
    assert raw(db_path, "SELECT question_id, fact_id FROM answer_facts") == [(1, "relations")]


# --------------------------------------------------------------------------- /language settings (schema version 3)


def test_a_language_is_unset_until_chosen_then_kept_per_user(store: SqliteStorage, db_path: Path) -> None:
    assert store.get_language(1) is None
    store.set_language(1, "en")
    store.set_language(2, "ru")
    assert (store.get_language(1), store.get_language(2), store.get_language(3)) == ("en", "ru", None)
    store.set_language(1, "auto")  # a new choice replaces the old one
    assert store.get_language(1) == "auto"
    rows = raw(db_path, "SELECT user_id, language FROM user_language ORDER BY user_id")
    assert rows == [(1, "auto"), (2, "ru")]  # one row per user, committed at once


def test_only_the_three_settings_are_accepted(store: SqliteStorage, db_path: Path) -> None:
    for bad in ("de", "EN", "", "auto "):
        with pytest.raises(ValueError, match="auto, ru, en"):
            store.set_language(7, bad)
    assert store.get_language(7) is None
    assert raw(db_path, "SELECT COUNT(*) FROM user_language") == [(0,)]


def test_languages_survive_reopening_and_big_user_ids_fit(db_path: Path) -> None:
    big = 2**52 + 1  # Telegram ids may need up to 52 significant bits
    with SqliteStorage(db_path) as first:
        first.set_language(big, "en")
        first.set_language(5, "ru")
    with SqliteStorage(db_path) as second:
        assert (second.get_language(big), second.get_language(5), second.get_language(6)) == ("en", "ru", None)


def test_a_setting_read_once_is_served_from_memory(store: SqliteStorage, db_path: Path) -> None:
    store.set_language(1, "en")
    assert store.get_language(2) is None
    conn = sqlite3.connect(db_path)
    conn.execute("DELETE FROM user_language")  # behind the store's back: the store is the only writer
    conn.commit()
    conn.close()
    assert (store.get_language(1), store.get_language(2)) == ("en", None)  # remembered, not read again


def test_the_memory_of_settings_is_bounded(store: SqliteStorage, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("bot.storage.LANGUAGE_CACHE_SIZE", 3)
    for user in range(1, 6):
        store.set_language(user, "en")
    assert len(store._languages) == 3
    assert [store.get_language(user) for user in range(1, 6)] == ["en"] * 5  # the forgotten ones are read back


def test_an_unknown_stored_value_reads_as_unset(store: SqliteStorage, db_path: Path) -> None:
    conn = sqlite3.connect(db_path)
    conn.execute("INSERT INTO user_language (user_id, language, updated) VALUES (9, 'klingon', 0)")
    conn.commit()
    conn.close()
    assert store.get_language(9) is None


def test_a_closed_store_refuses_language_calls(db_path: Path) -> None:
    store = SqliteStorage(db_path)
    store.close()
    with pytest.raises(StorageError):
        store.get_language(1)
    with pytest.raises(StorageError):
        store.set_language(1, "en")


V2_EXTRA = """
CREATE TABLE answer_facts (question_id INTEGER NOT NULL REFERENCES questions (id), fact_id TEXT NOT NULL,
    PRIMARY KEY (question_id, fact_id)) WITHOUT ROWID;
CREATE INDEX answer_facts_fact ON answer_facts (fact_id);
INSERT INTO answer_facts (question_id, fact_id) VALUES (1, 'relations');
PRAGMA user_version = 2;
"""


def test_a_version_2_database_gains_language_settings_and_keeps_everything(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    conn = sqlite3.connect(db_path)
    conn.executescript(V1_SCHEMA + V2_EXTRA)
    conn.close()
    assert raw(db_path, "PRAGMA user_version") == [(2,)]

    with SqliteStorage(db_path) as store:
        assert raw(db_path, "PRAGMA user_version") == [(SCHEMA_VERSION,)] == [(5,)]
        assert store.created_at == 1700000000.0
        assert store.stats()["overall"]["questions"] == 2
        assert store.top_facts() == [("relations", 1)]
        assert store.get_language(1) is None
        store.set_language(1, "en")
    with SqliteStorage(db_path) as again:  # opening a migrated database changes nothing
        assert again.get_language(1) == "en"
        assert again.top_facts() == [("relations", 1)]
    assert raw(db_path, "PRAGMA integrity_check") == [("ok",)]


def test_a_version_1_database_gains_language_settings_too(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    conn = sqlite3.connect(db_path)
    conn.executescript(V1_SCHEMA)
    conn.close()
    with SqliteStorage(db_path) as store:
        store.set_language(3, "ru")
        assert store.get_language(3) == "ru"
    assert [row[1] for row in raw(db_path, "PRAGMA table_info(user_language)")] == ["user_id", "language", "updated"]
