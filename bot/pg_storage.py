"""The same store on PostgreSQL (``storage.url: postgresql://…``), for replicas that share it.

The ``Storage`` protocol and the update journal of ``SqliteStorage`` (bot/storage.py), on a psycopg 3
connection pool: each call takes a connection for one transaction and gives it back, so any number of
threads and replicas share the database. The schema is versioned (``factbot_schema``) and migrated at start,
one step after another, under an advisory lock so two replicas starting together migrate once.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from types import TracebackType
from typing import Any

from bot.storage import (
    JOURNAL_BUSY_MS,
    LANGUAGES,
    MAX_FACT_ID_CHARS,
    MAX_QUESTION_CHARS,
    MAX_REPLAYS,
    MAX_TURNS,
    SUGGESTED_KINDS,
    TOP_DECLINED,
    UNANSWERED_KINDS,
    StorageError,
    _normalize,
)

SCHEMA_VERSION = 2
_LOCK_KEY = 7_230_411  # the advisory lock migrations hold (any constant shared by every replica)
_STEPS: dict[int, str] = {
    1: """
CREATE TABLE IF NOT EXISTS questions (
    id BIGSERIAL PRIMARY KEY,
    ts DOUBLE PRECISION NOT NULL,
    chat_type TEXT NOT NULL,
    kind TEXT NOT NULL,
    answered BOOLEAN NOT NULL,
    latency_ms DOUBLE PRECISION,
    question TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS questions_kind_ts ON questions (kind, ts);
CREATE TABLE IF NOT EXISTS answer_facts (
    question_id BIGINT NOT NULL REFERENCES questions (id),
    fact_id TEXT NOT NULL,
    PRIMARY KEY (question_id, fact_id)
);
CREATE INDEX IF NOT EXISTS answer_facts_fact ON answer_facts (fact_id);
CREATE TABLE IF NOT EXISTS user_language (
    user_id BIGINT PRIMARY KEY,
    language TEXT NOT NULL,
    updated DOUBLE PRECISION NOT NULL
);
CREATE TABLE IF NOT EXISTS updates (
    update_id BIGINT PRIMARY KEY,
    payload TEXT,
    received DOUBLE PRECISION NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    handled DOUBLE PRECISION
);
CREATE INDEX IF NOT EXISTS updates_handled ON updates (handled);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
""",
    2: """
ALTER TABLE updates ADD COLUMN IF NOT EXISTS claimed_by TEXT;
ALTER TABLE updates ADD COLUMN IF NOT EXISTS claimed_until DOUBLE PRECISION;
CREATE TABLE IF NOT EXISTS conversation_turns (
    id BIGSERIAL PRIMARY KEY,
    conversation TEXT NOT NULL,
    question TEXT NOT NULL,
    lang TEXT NOT NULL,
    hint TEXT,
    replica TEXT NOT NULL DEFAULT '',
    ts DOUBLE PRECISION NOT NULL
);
CREATE INDEX IF NOT EXISTS conversation_turns_key ON conversation_turns (conversation, id);
""",
}


def _reason(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0]}" if text else type(exc).__name__


class PostgresStorage:
    """The ``Storage`` protocol (handlers/services.py) and the update journal on PostgreSQL."""

    def __init__(self, url: str, *, min_size: int = 1, max_size: int = 8, timeout: float = 5.0) -> None:
        from psycopg_pool import ConnectionPool  # the `postgres` extra: imported only when used

        self.url = url
        self.started_at = time.time()
        try:
            self._pool: Any = ConnectionPool(url, min_size=min_size, max_size=max_size, timeout=timeout,
                                             open=True, kwargs={"autocommit": False})
            self._pool.wait(timeout=timeout)
            self._migrate()
            with self._tx() as cur:
                cur.execute("SELECT COALESCE(MAX(id), 0) FROM questions")
                self._start_id = int(cur.fetchone()[0])
                cur.execute("SELECT value FROM meta WHERE key = 'created_at'")
                row = cur.fetchone()
            self.created_at = float(row[0]) if row else self.started_at
        except StorageError:
            raise
        except Exception as exc:
            raise StorageError(f"storage: cannot open PostgreSQL: {_reason(exc)}") from None

    # -- connections and schema ----------------------------------------------------------------------

    @contextmanager
    def _tx(self, timeout: float | None = None) -> Iterator[Any]:
        """A cursor in one transaction, committed when the block ends (rolled back on an error)."""
        try:
            with self._pool.connection(timeout=timeout) as conn, conn.cursor() as cur:
                yield cur
        except StorageError:
            raise
        except Exception as exc:
            raise StorageError(f"storage: {_reason(exc)}") from None

    def _migrate(self) -> None:
        with self._tx() as cur:
            cur.execute("SELECT pg_advisory_xact_lock(%s)", (_LOCK_KEY,))
            cur.execute("CREATE TABLE IF NOT EXISTS factbot_schema (version INTEGER NOT NULL)")
            cur.execute("SELECT version FROM factbot_schema")
            row = cur.fetchone()
            version = int(row[0]) if row else 0
            if version > SCHEMA_VERSION:
                raise StorageError(f"storage: schema version {version} is newer than this program's "
                                   f"{SCHEMA_VERSION}")
            for step in range(version + 1, SCHEMA_VERSION + 1):
                for statement in _STEPS[step].split(";"):
                    if statement.strip():
                        cur.execute(statement)
            if version < SCHEMA_VERSION:
                cur.execute("INSERT INTO meta (key, value) VALUES ('created_at', %s) ON CONFLICT DO NOTHING",
                            (repr(self.started_at),))
                cur.execute("DELETE FROM factbot_schema")
                cur.execute("INSERT INTO factbot_schema (version) VALUES (%s)", (SCHEMA_VERSION,))

    # -- the Storage protocol ------------------------------------------------------------------------

    def record(self, *, question: str, kind: str, answered: bool, chat_type: str, latency_ms: float,
               facts: Sequence[str] = ()) -> None:
        fact_ids = list(dict.fromkeys(str(f)[:MAX_FACT_ID_CHARS] for f in facts))
        with self._tx() as cur:
            cur.execute("INSERT INTO questions (ts, chat_type, kind, answered, latency_ms, question)"
                        " VALUES (%s, %s, %s, %s, %s, %s) RETURNING id",
                        (time.time(), chat_type, kind, bool(answered), float(latency_ms),
                         question[:MAX_QUESTION_CHARS]))
            question_id = cur.fetchone()[0]
            if fact_ids:
                cur.executemany("INSERT INTO answer_facts (question_id, fact_id) VALUES (%s, %s)",
                                [(question_id, fact_id) for fact_id in fact_ids])

    def top_facts(self, limit: int = 5) -> list[tuple[str, int]]:
        if limit <= 0:
            return []
        with self._tx() as cur:
            cur.execute("SELECT f.fact_id, COUNT(*) AS asked, MAX(f.question_id) AS newest"
                        " FROM answer_facts AS f JOIN questions AS q ON q.id = f.question_id"
                        " WHERE q.answered GROUP BY f.fact_id ORDER BY asked DESC, newest DESC, f.fact_id LIMIT %s",
                        (limit,))
            rows = cur.fetchall()
        return [(str(fact_id), int(asked)) for fact_id, asked, _ in rows]

    def stats(self) -> dict[str, Any]:
        with self._tx() as cur:
            overall = self._window(cur, 0)
            since_start = self._window(cur, self._start_id)
        return {"created_at": self.created_at, "started_at": self.started_at, "overall": overall,
                "since_start": since_start}

    def unanswered(self, limit: int = 20) -> list[dict[str, Any]]:
        if limit <= 0:
            return []
        with self._tx() as cur:
            cur.execute("SELECT question, ts, chat_type FROM questions WHERE kind = ANY(%s)"
                        " ORDER BY ts DESC, id DESC LIMIT %s", (list(UNANSWERED_KINDS), limit))
            rows = cur.fetchall()
        return [{"text": text, "ts": float(ts), "chat_type": chat_type} for text, ts, chat_type in rows]

    def get_language(self, user_id: int) -> str | None:
        """Asked before every answer, and never from a memory of this process: another replica may have
        changed it (one indexed read; bot/safe_storage.py bridges a choice made here until it is written)."""
        with self._tx(timeout=JOURNAL_BUSY_MS / 1000) as cur:
            cur.execute("SELECT language FROM user_language WHERE user_id = %s", (user_id,))
            row = cur.fetchone()
        return str(row[0]) if row is not None and row[0] in LANGUAGES else None

    def set_language(self, user_id: int, lang: str) -> None:
        if lang not in LANGUAGES:
            raise ValueError(f"language must be one of {', '.join(LANGUAGES)}")
        with self._tx() as cur:
            cur.execute("INSERT INTO user_language (user_id, language, updated) VALUES (%s, %s, %s)"
                        " ON CONFLICT (user_id) DO UPDATE SET language = excluded.language,"
                        " updated = excluded.updated", (user_id, lang, time.time()))

    # -- the update journal (bot/delivery.py) ------------------------------------------------------

    def journal(self, update_id: int, payload: str) -> None:
        with self._tx(timeout=JOURNAL_BUSY_MS / 1000) as cur:
            cur.execute("INSERT INTO updates (update_id, payload, received) VALUES (%s, %s, %s)"
                        " ON CONFLICT (update_id) DO NOTHING", (int(update_id), payload, time.time()))

    def journal_many(self, updates: list[tuple[int, str]]) -> None:
        now = time.time()
        with self._tx(timeout=JOURNAL_BUSY_MS / 1000) as cur:
            # a claim may have made the row first (long polling hands an update on before its batch is
            # written): the payload is kept all the same, so a crash before it is handled replays it
            cur.executemany("INSERT INTO updates (update_id, payload, received) VALUES (%s, %s, %s)"
                            " ON CONFLICT (update_id) DO UPDATE SET payload = excluded.payload"
                            " WHERE updates.payload IS NULL AND updates.handled IS NULL",
                            [(int(update_id), payload, now) for update_id, payload in updates])

    def is_handled(self, update_id: int) -> bool:
        with self._tx(timeout=JOURNAL_BUSY_MS / 1000) as cur:
            cur.execute("SELECT handled FROM updates WHERE update_id = %s", (int(update_id),))
            row = cur.fetchone()
        return row is not None and row[0] is not None

    def mark_handled(self, update_id: int) -> None:
        with self._tx(timeout=JOURNAL_BUSY_MS / 1000) as cur:
            now = time.time()
            cur.execute("INSERT INTO updates (update_id, payload, received, handled) VALUES (%s, NULL, %s, %s)"
                        " ON CONFLICT (update_id) DO UPDATE SET handled = excluded.handled, payload = NULL",
                        (int(update_id), now, now))

    def claim(self, update_id: int, owner: str, lease: float) -> bool:
        """Take the update to handle it, for ``lease`` seconds: False when it is handled, or another replica
        holds it (a webhook Telegram delivered to both). A replica that dies holding one loses it when the
        lease ends, so Telegram's retry to a survivor is handled then."""
        return int(update_id) in self.claim_many([update_id], owner, lease)

    def claim_many(self, update_ids: list[int], owner: str, lease: float) -> set[int]:
        """``claim`` for several updates in one statement (one that is ours already is held longer)."""
        ids = sorted({int(update_id) for update_id in update_ids})
        if not ids:
            return set()
        now = time.time()
        with self._tx(timeout=JOURNAL_BUSY_MS / 1000) as cur:
            cur.execute("INSERT INTO updates (update_id, payload, received, claimed_by, claimed_until)"
                        " SELECT id, NULL, %s, %s, %s FROM unnest(%s::bigint[]) AS id"
                        " ON CONFLICT (update_id) DO UPDATE"
                        " SET claimed_by = excluded.claimed_by, claimed_until = excluded.claimed_until"
                        " WHERE updates.handled IS NULL AND (updates.claimed_until IS NULL"
                        " OR updates.claimed_until < %s OR updates.claimed_by = excluded.claimed_by)"
                        " RETURNING update_id", (now, owner, now + lease, ids, now))
            return {int(row[0]) for row in cur.fetchall()}

    def save_turn(self, conversation: str, question: str, lang: str, hint: str | None, replica: str = "") -> None:
        with self._tx() as cur:
            cur.execute("INSERT INTO conversation_turns (conversation, question, lang, hint, ts, replica)"
                        " VALUES (%s, %s, %s, %s, %s, %s)",
                        (conversation, question[:MAX_QUESTION_CHARS], lang, hint, time.time(), replica))
            cur.execute("DELETE FROM conversation_turns WHERE conversation = %s AND id NOT IN (SELECT id FROM"
                        " conversation_turns WHERE conversation = %s ORDER BY id DESC LIMIT %s)",
                        (conversation, conversation, MAX_TURNS))

    def turns(self, conversation: str, ttl: float) -> list[tuple[str, str, str | None, str]]:
        with self._tx(timeout=JOURNAL_BUSY_MS / 1000) as cur:
            cur.execute("SELECT question, lang, hint, replica, ts FROM conversation_turns WHERE conversation = %s"
                        " ORDER BY id", (conversation,))
            rows = cur.fetchall()
        if not rows or time.time() - float(rows[-1][4]) > ttl:
            return []
        return [(str(q), str(lang), hint, str(replica)) for q, lang, hint, replica, _ in rows]

    def reset_turns(self, conversation: str) -> None:
        with self._tx() as cur:
            cur.execute("DELETE FROM conversation_turns WHERE conversation = %s", (conversation,))

    def unhandled(self, limit: int = 10_000) -> list[tuple[int, str]]:
        with self._tx() as cur:
            cur.execute("UPDATE updates SET handled = %s, payload = NULL WHERE handled IS NULL AND attempts >= %s",
                        (time.time(), MAX_REPLAYS))
            cur.execute("SELECT update_id, payload FROM updates WHERE handled IS NULL AND payload IS NOT NULL"
                        " ORDER BY update_id LIMIT %s FOR UPDATE", (limit,))
            rows = cur.fetchall()
            cur.execute("UPDATE updates SET attempts = attempts + 1 WHERE handled IS NULL")
        return [(int(update_id), str(payload)) for update_id, payload in rows]

    def forget_handled(self, before: float) -> int:
        with self._tx() as cur:
            cur.execute("DELETE FROM updates WHERE handled IS NOT NULL AND handled < %s", (before,))
            return int(cur.rowcount)

    # -- lifetime ------------------------------------------------------------------------------------

    def close(self) -> None:
        self._pool.close()

    def __enter__(self) -> PostgresStorage:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    # -- helpers -------------------------------------------------------------------------------------

    @classmethod
    def _window(cls, cur: Any, after_id: int) -> dict[str, Any]:
        cur.execute("SELECT COUNT(*), COALESCE(SUM(answered::int), 0), COALESCE(SUM((kind = ANY(%s))::int), 0),"
                    " COALESCE(SUM((kind = 'decline')::int), 0), COALESCE(SUM((kind = 'smalltalk')::int), 0),"
                    " percentile_cont(0.5) WITHIN GROUP (ORDER BY latency_ms)"
                    " FROM questions WHERE id > %s", (list(SUGGESTED_KINDS), after_id))
        questions, answered, suggest, declined, smalltalk, median = cur.fetchone()
        cur.execute("SELECT question, COUNT(*), MAX(id) FROM questions WHERE kind = 'decline' AND id > %s"
                    " GROUP BY question", (after_id,))
        groups: dict[str, list[Any]] = {}
        for text, count, newest in cur.fetchall():
            group = groups.setdefault(_normalize(text), [0, -1, ""])
            group[0] += int(count)
            if newest > group[1]:
                group[1], group[2] = newest, " ".join(text.split())
        ranked = sorted(groups.values(), key=lambda g: (-g[0], -g[1]))
        return {"questions": int(questions), "answered": int(answered), "suggested": int(suggest),
                "declined": int(declined), "smalltalk": int(smalltalk),
                "median_latency_ms": float(median) if median is not None else None,
                "top_declined": [{"question": t, "count": c} for c, _, t in ranked[:TOP_DECLINED]]}
