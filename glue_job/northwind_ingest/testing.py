"""Helpers for tests that need the local PostgreSQL and Spark (used by the repo-root conftest.py).

Each test module gets its own database (a copy of the real dump or generated data), so tests that change
data do not disturb each other or the `northwind` database of `make demo`.
"""

from __future__ import annotations

from pathlib import Path

import psycopg

from northwind_ingest.local import local_conninfo
from northwind_ingest.local_spark import DEFAULT_STATE_DIR


def admin_connect(state_dir: Path = DEFAULT_STATE_DIR) -> psycopg.Connection:
    return psycopg.connect(local_conninfo(state_dir, "postgres"), autocommit=True)


def recreate_database(name: str, state_dir: Path = DEFAULT_STATE_DIR) -> None:
    with admin_connect(state_dir) as conn:
        conn.execute("set client_min_messages = warning")
        conn.execute(f'drop database if exists "{name}" with (force)')
        conn.execute(f'create database "{name}"')


def drop_database(name: str, state_dir: Path = DEFAULT_STATE_DIR) -> None:
    with admin_connect(state_dir) as conn:
        conn.execute("set client_min_messages = warning")
        conn.execute(f'drop database if exists "{name}" with (force)')


def load_dump(name: str, dump: Path, state_dir: Path = DEFAULT_STATE_DIR) -> None:
    """A fresh database `name` holding the plain-SQL dump (INSERT statements, no COPY from stdin)."""
    recreate_database(name, state_dir)
    with psycopg.connect(local_conninfo(state_dir, name), autocommit=True) as conn:
        conn.execute(dump.read_text())


def load_generated(name: str, scale: float, seed: int, state_dir: Path = DEFAULT_STATE_DIR) -> None:
    from northwind_datagen.generate import generate
    from northwind_datagen.load import load

    recreate_database(name, state_dir)
    with psycopg.connect(local_conninfo(state_dir, name)) as conn:
        load(conn, generate(scale, seed))


def connect(name: str, state_dir: Path = DEFAULT_STATE_DIR) -> psycopg.Connection:
    return psycopg.connect(local_conninfo(state_dir, name), autocommit=True)
