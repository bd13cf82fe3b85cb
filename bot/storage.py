"""Questions asked of the bot, kept in SQLite for /stats, /unanswered and the inline mode's top facts;
each user's answer language (/language); and the journal of received updates (bot/delivery.py), so
that an update confirmed to Telegram is never lost in a crash and never handled twice.

One connection, shared by every thread under a lock; WAL journal so that a
reader never blocks the writer; each question (with the facts it was answered
with) is one transaction committed on its own, so a crash (even ``kill -9``)
loses at most the write in flight.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Any

SCHEMA_VERSION = 5
MAX_QUESTION_CHARS = 1000
BUSY_TIMEOUT_MS = 5000
JOURNAL_BUSY_MS = 250  # the journal is on the way of every update: it waits for a lock this long at most
LANGUAGE_BUSY_MS = 1000  # a user's language, read off the event loop before an answer when memory has none
TOP_DECLINED = 5
UNANSWERED_KINDS = ("decline", "suggest", "partial")
SUGGESTED_KINDS = ("suggest", "partial")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS questions (
    id INTEGER PRIMARY KEY,
    ts REAL NOT NULL,
    chat_type TEXT NOT NULL,
    kind TEXT NOT NULL,
    answered INTEGER NOT NULL,
    latency_ms REAL,
    question TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS questions_kind_ts ON questions (kind, ts);
CREATE TABLE IF NOT EXISTS meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""


# Each step brings a database from the version before it to its own; applied in order, so a
# version 1 file (questions only) keeps its rows and gains the answer_facts and user_language tables.
_STEPS: dict[int, str] = {
    1: _SCHEMA,
    2: """
CREATE TABLE IF NOT EXISTS answer_facts (
    question_id INTEGER NOT NULL REFERENCES questions (id),
    fact_id TEXT NOT NULL,
    PRIMARY KEY (question_id, fact_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS answer_facts_fact ON answer_facts (fact_id);
""",
    3: """
CREATE TABLE IF NOT EXISTS user_language (
    user_id INTEGER PRIMARY KEY,
    language TEXT NOT NULL,
    updated REAL NOT NULL
);
""",
    4: """
CREATE TABLE IF NOT EXISTS updates (
    update_id INTEGER PRIMARY KEY,
    payload TEXT,
    received REAL NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    handled REAL
);
CREATE INDEX IF NOT EXISTS updates_handled ON updates (handled);
""",
    5: """
CREATE TABLE IF NOT EXISTS conversation_turns (
    id INTEGER PRIMARY KEY,
    conversation TEXT NOT NULL,
    question TEXT NOT NULL,
    lang TEXT NOT NULL,
    hint TEXT,
    replica TEXT NOT NULL DEFAULT '',
    ts REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS conversation_turns_key ON conversation_turns (conversation, id);
""",
}
MAX_TURNS = 5  # the questions of a conversation kept for another replica to replay
LANGUAGES = ("auto", "ru", "en")  # what /language accepts; "auto" answers in the question's language
LANGUAGE_CACHE_SIZE = 4096  # users whose setting is kept in memory: every question reads it
MAX_FACT_ID_CHARS = 200
MAX_REPLAYS = 3  # an update that was in flight in this many crashes is given up: it may be what crashes the bot


class StorageError(Exception):
    """The question store cannot be used; the message is one line for the operator."""


def _reason(exc: BaseException) -> str:
    """A one-line reason without paths repeated or tracebacks."""
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def _normalize(question: str) -> str:
    return " ".join(question.split()).casefold()


class SqliteStorage:
    """The ``Storage`` protocol (handlers/services.py) on a SQLite file."""

    def __init__(self, path: Path | str) -> None:
        self.path = path if str(path) == ":memory:" else Path(path)
        self.started_at = time.time()
        self._lock = threading.Lock()
        self._memory_lock = threading.Lock()  # the languages in memory: held for a dictionary operation only
        self._conn: sqlite3.Connection | None = None
        self._languages: OrderedDict[int, str | None] = OrderedDict()  # user id -> setting (None: never set)
        try:
            self._conn = self._open()
            self._start_id = self._max_id()
            self.created_at = self._created_at()
        except (OSError, sqlite3.Error) as exc:
            if self._conn is not None:
                self._conn.close()
                self._conn = None
            raise StorageError(f"storage: cannot open {self.path}: {_reason(exc)}") from None

    # -- opening -------------------------------------------------------------------------------------

    def _open(self) -> sqlite3.Connection:
        if isinstance(self.path, Path):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            if not self.path.exists():
                # The questions are users' words: keep the file (and its -wal/-shm, which
                # SQLite creates with the same mode) private to the bot's account.
                os.close(os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        conn = sqlite3.connect(
            str(self.path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
        )
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA journal_mode = WAL").fetchone()
            conn.execute("PRAGMA synchronous = NORMAL")
            self._migrate(conn, self.started_at)
        except BaseException:
            conn.close()
            raise
        return conn

    @staticmethod
    def _migrate(conn: sqlite3.Connection, now: float) -> None:
        conn.execute("BEGIN IMMEDIATE")
        try:
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            if version > SCHEMA_VERSION:
                raise sqlite3.DatabaseError(
                    f"schema version {version} is newer than this program's {SCHEMA_VERSION}"
                )
            if version < SCHEMA_VERSION:
                for step in range(version + 1, SCHEMA_VERSION + 1):
                    for statement in _STEPS[step].split(";"):
                        if statement.strip():
                            conn.execute(statement)
                conn.execute(
                    "INSERT OR IGNORE INTO meta (key, value) VALUES ('created_at', ?)", (repr(now),)
                )
                conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    def _max_id(self) -> int:
        row = self._connection().execute("SELECT COALESCE(MAX(id), 0) FROM questions").fetchone()
        return int(row[0])

    def _created_at(self) -> float:
        row = self._connection().execute("SELECT value FROM meta WHERE key = 'created_at'").fetchone()
        return float(row[0]) if row else self.started_at

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            raise StorageError("storage: already closed")
        return self._conn

    @contextmanager
    def _locked(self, busy_ms: int = BUSY_TIMEOUT_MS) -> Iterator[sqlite3.Connection]:
        """The connection, for at most ``busy_ms`` of waiting: for this object's lock (another thread's
        write) and for the database's (another process)."""
        if not self._lock.acquire(timeout=busy_ms / 1000):
            raise StorageError("storage: busy (another write is waiting for the database)")
        try:
            conn = self._connection()
            try:
                if busy_ms != BUSY_TIMEOUT_MS:
                    conn.execute(f"PRAGMA busy_timeout = {int(busy_ms)}")
                try:
                    yield conn
                finally:
                    if busy_ms != BUSY_TIMEOUT_MS:
                        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            except sqlite3.Error as exc:
                raise StorageError(f"storage: {_reason(exc)}") from None
        finally:
            self._lock.release()

    # -- the Storage protocol ------------------------------------------------------------------------

    def record(self, *, question: str, kind: str, answered: bool, chat_type: str, latency_ms: float,
               facts: Sequence[str] = ()) -> None:
        """Store one question and the facts it was answered with; committed before returning.

        The question and its facts are one transaction: a crash never leaves half an answer."""
        fact_ids = list(dict.fromkeys(str(f)[:MAX_FACT_ID_CHARS] for f in facts))
        row = (time.time(), chat_type, kind, int(bool(answered)), float(latency_ms), question[:MAX_QUESTION_CHARS])
        insert = ("INSERT INTO questions (ts, chat_type, kind, answered, latency_ms, question)"
                  " VALUES (?, ?, ?, ?, ?, ?)")
        with self._locked() as conn:
            if not fact_ids:  # autocommit: the INSERT is its own transaction
                conn.execute(insert, row)
                return
            conn.execute("BEGIN IMMEDIATE")
            try:
                question_id = conn.execute(insert, row).lastrowid
                conn.executemany("INSERT INTO answer_facts (question_id, fact_id) VALUES (?, ?)",
                                 [(question_id, fact_id) for fact_id in fact_ids])
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise

    def top_facts(self, limit: int = 5) -> list[tuple[str, int]]:
        """The facts answered most often, as ``(fact id, questions)``: most asked first, then most recently.

        Only answered questions count: a suggestion the user did not take is not a fact asked for."""
        if limit <= 0:
            return []
        with self._locked() as conn:
            rows = conn.execute(
                "SELECT f.fact_id, COUNT(*) AS asked, MAX(f.question_id) AS newest"
                " FROM answer_facts AS f JOIN questions AS q ON q.id = f.question_id"
                " WHERE q.answered != 0 GROUP BY f.fact_id ORDER BY asked DESC, newest DESC, f.fact_id LIMIT ?",
                (limit,),
            ).fetchall()
        return [(str(fact_id), int(asked)) for fact_id, asked, _ in rows]

    def stats(self) -> dict[str, Any]:
        """Counts, median latency and the most declined questions, overall and since this process started.

        ``{"created_at": ts, "started_at": ts, "overall": {...}, "since_start": {...}}`` where each
        window holds ``questions, answered, suggested, declined, smalltalk, median_latency_ms``
        (None without rows) and ``top_declined``: up to 5 ``{"question", "count"}``, most frequent first.
        """
        with self._locked() as conn:
            overall = self._window(conn, 0)
            since_start = self._window(conn, self._start_id)
        return {
            "created_at": self.created_at,
            "started_at": self.started_at,
            "overall": overall,
            "since_start": since_start,
        }

    def unanswered(self, limit: int = 20) -> list[dict[str, Any]]:
        """The last ``limit`` declined or only-suggested questions, newest first."""
        if limit <= 0:
            return []
        marks = ", ".join("?" for _ in UNANSWERED_KINDS)
        with self._locked() as conn:
            rows = conn.execute(
                f"SELECT question, ts, chat_type FROM questions WHERE kind IN ({marks})"
                " ORDER BY ts DESC, id DESC LIMIT ?",
                (*UNANSWERED_KINDS, limit),
            ).fetchall()
        return [{"text": text, "ts": float(ts), "chat_type": chat_type} for text, ts, chat_type in rows]

    def get_language(self, user_id: int) -> str | None:
        """The user's /language setting ("auto", "ru" or "en"); None when they never chose one.

        Asked before every answer, so recent users are served from memory; this object is the
        only writer, so the memory never disagrees with the file."""
        with self._memory_lock:  # never behind a write: memory answers for a recent user at once
            if user_id in self._languages:
                self._languages.move_to_end(user_id)
                return self._languages[user_id]
        with self._locked(LANGUAGE_BUSY_MS) as conn:
            row = conn.execute("SELECT language FROM user_language WHERE user_id = ?", (user_id,)).fetchone()
            found = str(row[0]) if row is not None and row[0] in LANGUAGES else None
            self._remember_language(user_id, found)
        return found

    def set_language(self, user_id: int, lang: str) -> None:
        """Keep the user's choice; committed before returning. ``lang`` is one of ``LANGUAGES``."""
        if lang not in LANGUAGES:
            raise ValueError(f"language must be one of {', '.join(LANGUAGES)}")
        with self._locked() as conn:
            conn.execute("INSERT OR REPLACE INTO user_language (user_id, language, updated) VALUES (?, ?, ?)",
                         (user_id, lang, time.time()))
            self._remember_language(user_id, lang)

    def _remember_language(self, user_id: int, lang: str | None) -> None:
        """Cache a setting (the database lock is held, so no read of the store overtakes a write)."""
        with self._memory_lock:
            self._languages[user_id] = lang
            self._languages.move_to_end(user_id)
            while len(self._languages) > LANGUAGE_CACHE_SIZE:
                self._languages.popitem(last=False)

    # -- the update journal (bot/delivery.py) ------------------------------------------------------

    def journal(self, update_id: int, payload: str) -> None:
        """Keep a received update until it is handled; committed before returning, that is before
        Telegram is told it arrived. One received again (a retry, a replay) keeps its first row."""
        with self._locked(JOURNAL_BUSY_MS) as conn:
            conn.execute("INSERT OR IGNORE INTO updates (update_id, payload, received) VALUES (?, ?, ?)",
                         (int(update_id), payload, time.time()))

    def journal_many(self, updates: list[tuple[int, str]]) -> None:
        """``journal`` for the updates that arrived together, in one transaction (a group commit)."""
        now = time.time()
        with self._locked(JOURNAL_BUSY_MS) as conn:
            conn.executemany("INSERT OR IGNORE INTO updates (update_id, payload, received) VALUES (?, ?, ?)",
                             [(int(update_id), payload, now) for update_id, payload in updates])

    def is_handled(self, update_id: int) -> bool:
        with self._locked(JOURNAL_BUSY_MS) as conn:
            row = conn.execute("SELECT handled FROM updates WHERE update_id = ?", (int(update_id),)).fetchone()
        return row is not None and row[0] is not None

    def mark_handled(self, update_id: int) -> None:
        """The update's effect is done: never handle it again; its payload is no longer needed."""
        with self._locked(JOURNAL_BUSY_MS) as conn:
            conn.execute("INSERT INTO updates (update_id, payload, received, handled) VALUES (?, NULL, ?, ?)"
                         " ON CONFLICT (update_id) DO UPDATE SET handled = excluded.handled, payload = NULL",
                         (int(update_id), time.time(), time.time()))

    def claim_many(self, update_ids: list[int], owner: str, lease: float) -> set[int]:
        """``claim`` for several updates at once: those not handled yet."""
        ids = sorted({int(update_id) for update_id in update_ids})
        handled: set[int] = set()
        with self._locked(JOURNAL_BUSY_MS) as conn:
            for start in range(0, len(ids), 500):  # under SQLite's limit of parameters per statement
                chunk = ids[start:start + 500]
                handled.update(row[0] for row in conn.execute(
                    "SELECT update_id FROM updates WHERE handled IS NOT NULL AND update_id IN"
                    f" ({','.join('?' * len(chunk))})", chunk))
        return set(ids) - handled

    def claim(self, update_id: int, owner: str, lease: float) -> bool:
        """Take the update to handle it: False when it is handled already. One process owns a SQLite file, and
        it never handles one update twice at once (bot/delivery.py), so a claim here is only that check."""
        return not self.is_handled(update_id)

    def unhandled(self, limit: int = 10_000) -> list[tuple[int, str]]:
        """Updates received but never handled (the process died), oldest first, to be handled now.

        Each call counts a replay; one replayed ``MAX_REPLAYS`` times is given up and marked handled."""
        with self._locked() as conn:
            conn.execute("BEGIN IMMEDIATE")
            try:
                conn.execute("UPDATE updates SET handled = ?, payload = NULL"
                             " WHERE handled IS NULL AND attempts >= ?", (time.time(), MAX_REPLAYS))
                rows = conn.execute("SELECT update_id, payload FROM updates WHERE handled IS NULL"
                                    " AND payload IS NOT NULL ORDER BY update_id LIMIT ?", (limit,)).fetchall()
                conn.execute("UPDATE updates SET attempts = attempts + 1 WHERE handled IS NULL")
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
        return [(int(update_id), str(payload)) for update_id, payload in rows]

    def forget_handled(self, before: float) -> int:
        """Drop handled updates older than ``before`` (Telegram redelivers an update for 24 hours at most)."""
        with self._locked() as conn:
            return int(conn.execute("DELETE FROM updates WHERE handled IS NOT NULL AND handled < ?",
                                    (before,)).rowcount)

    # -- conversations shared by replicas (respond.py) -----------------------------------------------

    def save_turn(self, conversation: str, question: str, lang: str, hint: str | None, replica: str = "") -> None:
        """One more question of a conversation; only the last ``MAX_TURNS`` are kept."""
        with self._locked() as conn:
            conn.execute("INSERT INTO conversation_turns (conversation, question, lang, hint, ts, replica)"
                         " VALUES (?, ?, ?, ?, ?, ?)", (conversation, question[:MAX_QUESTION_CHARS], lang,
                                                             hint, time.time(), replica))
            conn.execute("DELETE FROM conversation_turns WHERE conversation = ? AND id NOT IN (SELECT id FROM"
                         " conversation_turns WHERE conversation = ? ORDER BY id DESC LIMIT ?)",
                         (conversation, conversation, MAX_TURNS))

    def turns(self, conversation: str, ttl: float) -> list[tuple[str, str, str | None, str]]:
        """The conversation's questions, oldest first, when its last one is at most ``ttl`` seconds old."""
        with self._locked() as conn:
            rows = conn.execute("SELECT question, lang, hint, replica, ts FROM conversation_turns"
                                " WHERE conversation = ? ORDER BY id", (conversation,)).fetchall()
        if not rows or time.time() - float(rows[-1][4]) > ttl:
            return []
        return [(str(q), str(lang), hint, str(replica)) for q, lang, hint, replica, _ in rows]

    def reset_turns(self, conversation: str) -> None:
        with self._locked() as conn:
            conn.execute("DELETE FROM conversation_turns WHERE conversation = ?", (conversation,))

    # -- lifetime ------------------------------------------------------------------------------------

    def close(self) -> None:
        """Fold the WAL back into the database and close; calling it again does nothing."""
        with self._lock:
            conn, self._conn = self._conn, None
            if conn is None:
                return
            try:
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            except sqlite3.Error:
                pass  # another connection may hold the WAL; closing is still safe
            finally:
                conn.close()

    def __enter__(self) -> SqliteStorage:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # -- helpers -------------------------------------------------------------------------------------

    @staticmethod
    def _window(conn: sqlite3.Connection, after_id: int) -> dict[str, Any]:
        suggested = ", ".join("?" for _ in SUGGESTED_KINDS)
        questions, answered, suggest, declined, smalltalk = conn.execute(
            "SELECT COUNT(*), COALESCE(SUM(answered != 0), 0),"
            f" COALESCE(SUM(kind IN ({suggested})), 0),"
            " COALESCE(SUM(kind = 'decline'), 0), COALESCE(SUM(kind = 'smalltalk'), 0)"
            " FROM questions WHERE id > ?",
            (*SUGGESTED_KINDS, after_id),
        ).fetchone()
        return {
            "questions": int(questions),
            "answered": int(answered),
            "suggested": int(suggest),
            "declined": int(declined),
            "smalltalk": int(smalltalk),
            "median_latency_ms": SqliteStorage._median(conn, after_id),
            "top_declined": SqliteStorage._top_declined(conn, after_id),
        }

    @staticmethod
    def _median(conn: sqlite3.Connection, after_id: int) -> float | None:
        where = "FROM questions WHERE id > ? AND latency_ms IS NOT NULL"
        count = int(conn.execute(f"SELECT COUNT(*) {where}", (after_id,)).fetchone()[0])
        if count == 0:
            return None
        # The middle one (odd count) or the middle two (even count), without loading every row.
        middle = conn.execute(
            f"SELECT latency_ms {where} ORDER BY latency_ms LIMIT ? OFFSET ?",
            (after_id, 2 - count % 2, (count - 1) // 2),
        ).fetchall()
        return sum(float(value) for (value,) in middle) / len(middle)

    @staticmethod
    def _top_declined(conn: sqlite3.Connection, after_id: int) -> list[dict[str, Any]]:
        # SQLite's lower() only knows ASCII, and the questions are Russian: group exact texts
        # in SQL, then merge case and whitespace variants in Python.
        rows = conn.execute(
            "SELECT question, COUNT(*), MAX(id) FROM questions WHERE kind = 'decline' AND id > ? GROUP BY question",
            (after_id,),
        ).fetchall()
        groups: dict[str, list[Any]] = {}  # key -> [count, newest id, text shown]
        for text, count, newest in rows:
            key = _normalize(text)
            group = groups.setdefault(key, [0, -1, ""])
            group[0] += int(count)
            if newest > group[1]:
                group[1], group[2] = newest, " ".join(text.split())
        ranked = sorted(groups.values(), key=lambda g: (-g[0], -g[1]))
        return [{"question": text, "count": count} for count, _, text in ranked[:TOP_DECLINED]]
