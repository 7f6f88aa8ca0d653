"""Rate-limit counters in a SQLite file that every process of a server shares (no Redis needed).

Flask-Limiter keeps its counters in memory by default, one set per process: with two web processes a
limit of 20 let 40 through. ``recruit-sqlite:///path/to/file`` names this storage; the app uses it,
under the instance folder, whenever no Redis is configured. Each counter is one row changed by one
statement (an UPSERT that starts a new window once the old one has expired), so processes and threads
counting at the same moment never lose a hit.
"""
from __future__ import annotations

import os
import random
import sqlite3
import threading
import time

from limits.storage import Storage

SCHEME = "recruit-sqlite"
PURGE_CHANCE = 0.01

_SCHEMA = "CREATE TABLE IF NOT EXISTS counters (key TEXT PRIMARY KEY, hits INTEGER NOT NULL, expires REAL NOT NULL)"
_INCR = """
INSERT INTO counters (key, hits, expires) VALUES (:key, :amount, :expires)
ON CONFLICT (key) DO UPDATE SET
    hits = CASE WHEN counters.expires <= :now THEN excluded.hits ELSE counters.hits + excluded.hits END,
    expires = CASE WHEN counters.expires <= :now THEN excluded.expires ELSE counters.expires END
RETURNING hits
"""


class SQLiteFileStorage(Storage):
    """A ``limits`` storage (fixed-window counters) in one SQLite file, safe across processes and threads."""

    STORAGE_SCHEME = [SCHEME]

    def __init__(self, uri: str, wrap_exceptions: bool = False, **options) -> None:
        """``uri`` is ``recruit-sqlite:///absolute/path/to/file.sqlite``."""
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)
        self.path = uri[len(SCHEME) + len("://"):]
        os.makedirs(os.path.dirname(self.path) or ".", exist_ok=True)
        self._local = threading.local()
        with self._connection() as conn:
            conn.execute(_SCHEMA)

    @property
    def base_exceptions(self) -> type[Exception]:
        return sqlite3.Error

    def _connection(self) -> sqlite3.Connection:
        # One connection per thread and per process: a connection must not cross a fork (gunicorn forks).
        conn = getattr(self._local, "conn", None)
        if conn is None or self._local.pid != os.getpid():
            conn = sqlite3.connect(self.path, timeout=10, isolation_level=None, check_same_thread=False)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            self._local.conn, self._local.pid = conn, os.getpid()
        return conn

    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        """Count ``amount`` hits on ``key`` in its current window (a new one of ``expiry`` seconds if none)."""
        now = time.time()
        conn = self._connection()
        row = conn.execute(_INCR, {"key": key, "amount": amount, "expires": now + expiry, "now": now}).fetchone()
        if random.random() < PURGE_CHANCE:  # ended windows would otherwise keep a row per client and limit
            conn.execute("DELETE FROM counters WHERE expires <= ?", (now,))
        return int(row[0])

    def get(self, key: str) -> int:
        """Hits on ``key`` in its current window (0 once it has expired)."""
        row = self._connection().execute("SELECT hits FROM counters WHERE key = ? AND expires > ?",
                                         (key, time.time())).fetchone()
        return int(row[0]) if row else 0

    def get_expiry(self, key: str) -> float:
        """When the window of ``key`` ends (now if there is none)."""
        now = time.time()
        row = self._connection().execute("SELECT expires FROM counters WHERE key = ? AND expires > ?",
                                         (key, now)).fetchone()
        return float(row[0]) if row else now

    def check(self) -> bool:
        """True while the file can be read."""
        try:
            self._connection().execute("SELECT 1").fetchone()
        except sqlite3.Error:
            return False
        return True

    def reset(self) -> int | None:
        """Forget every counter; returns how many there were."""
        return self._connection().execute("DELETE FROM counters").rowcount

    def clear(self, key: str) -> None:
        """Forget the counter of ``key``."""
        self._connection().execute("DELETE FROM counters WHERE key = ?", (key,))


def default_storage_uri(instance_path: str) -> str:
    """The shared counters file of an instance."""
    return f"{SCHEME}://{os.path.join(os.path.abspath(instance_path), 'ratelimits.sqlite')}"
