"""A fresh, throw-away database for one benchmark run: a SQLite file, or a new PostgreSQL database."""
from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Callable

PG_URL = os.environ.get("RECRUIT_BENCH_POSTGRES", "postgresql://postgres@127.0.0.1:5432/postgres")


def new_database(backend: str, workdir: Path, prefix: str = "recruit_bench") -> tuple[str, Callable[[], None]]:
    """``(url, drop)``: the database URL, and a function that removes the database afterwards."""
    if backend == "sqlite":
        return f"sqlite:///{workdir / 'recruit.db'}", lambda: None
    import psycopg

    name = f"{prefix}_{secrets.token_hex(4)}"
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')

    def drop():
        with psycopg.connect(PG_URL, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return PG_URL.rsplit("/", 1)[0] + "/" + name, drop
