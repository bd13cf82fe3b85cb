"""Replicas that serve the same base: a /reload, /accept or /rollback on one reaches every other.

The replica that loaded a new base announces its content hash: ``NOTIFY factbot_base`` on the shared
PostgreSQL store, and the hash kept in the store's ``meta`` table. Every replica listens in a thread of its
own; on a notification — or, as the fallback for one missed while its connection was down, every
``check_every`` seconds — it compares the announced hash with the base it serves and reloads when they
differ. Replicas share the base directory (``knowledge.path``), so a reload reads what the announcer read.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from collections.abc import Callable
from typing import Any

log = logging.getLogger(__name__)

CHANNEL = "factbot_base"
REPLICA_ENV = "FACTBOT_REPLICA"


def replica_name() -> str:
    """How /about names this replica: ``$FACTBOT_REPLICA`` (the systemd unit sets host:port), else host:pid."""
    return os.environ.get(REPLICA_ENV) or f"{socket.gethostname()}:{os.getpid()}"


class BaseSync:
    """Announce and follow the base version over PostgreSQL."""

    def __init__(self, url: str, *, current: Callable[[], str], reload: Callable[[], Any],
                 check_every: float = 5.0) -> None:
        self.url = url
        self.current = current  # the content hash of the base this replica serves
        self.reload = reload  # reload from the shared directory (EngineHolder.reload)
        self.check_every = check_every
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.reloads = 0  # reloads this replica made because another announced a new base

    def announce(self, content_hash: str) -> None:
        """Tell every replica (and any that starts later) which base is current; never raises."""
        try:
            import psycopg

            with psycopg.connect(self.url, autocommit=True, connect_timeout=3) as conn:
                conn.execute("INSERT INTO meta (key, value) VALUES ('base_hash', %s)"
                             " ON CONFLICT (key) DO UPDATE SET value = excluded.value", (content_hash,))
                conn.execute("SELECT pg_notify(%s, %s)", (CHANNEL, content_hash))
        except Exception as exc:  # the others catch up from the hash check once the store is back
            log.warning("could not announce the new base to the other replicas: %s", type(exc).__name__)

    def start(self) -> None:
        self._thread = threading.Thread(target=self._listen, name="factbot-base-sync", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=self.check_every + 2)

    def _listen(self) -> None:
        import psycopg

        while not self._stop.is_set():
            try:
                with psycopg.connect(self.url, autocommit=True, connect_timeout=3) as conn:
                    conn.execute(f"LISTEN {CHANNEL}")
                    self._follow(self._announced(conn))  # what changed while this replica was away
                    while not self._stop.is_set():
                        for note in conn.notifies(timeout=self.check_every, stop_after=1):
                            self._follow(note.payload)
                        self._follow(self._announced(conn))  # the fallback: the hash kept in the store
            except Exception as exc:
                log.warning("base sync: %s; retrying", type(exc).__name__)
                self._stop.wait(self.check_every)

    @staticmethod
    def _announced(conn: Any) -> str:
        row = conn.execute("SELECT value FROM meta WHERE key = 'base_hash'").fetchone()
        return str(row[0]) if row else ""

    def _follow(self, announced: str) -> None:
        if announced and announced != self.current():
            result = self.reload()
            if getattr(result, "ok", False):
                self.reloads += 1
                log.info("base reloaded: another replica announced a new version")
