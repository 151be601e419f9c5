"""Connecting to the target database: an explicit DSN, else libpq env vars (PGHOST...), else the local one."""

from __future__ import annotations

import os
from pathlib import Path

import psycopg

REPO_ROOT = Path(__file__).resolve().parents[2]
LOCAL_PGPASS = REPO_ROOT / ".local" / "postgres" / "pgpass"


def conninfo(dsn: str | None = None, database: str | None = None) -> str:
    """A libpq connection string; the password stays in the pgpass file or the caller's DSN."""
    if dsn:
        base = dsn
    elif os.environ.get("PGHOST"):
        base = ""  # libpq reads PGHOST, PGPORT, PGUSER, PGPASSFILE... itself
    else:
        port = os.environ.get("NORTHWIND_PG_PORT", "55432")
        base = f"host=127.0.0.1 port={port} user=northwind dbname=northwind passfile={LOCAL_PGPASS}"
    return psycopg.conninfo.make_conninfo(base, **({"dbname": database} if database else {}))


def connect(dsn: str | None = None, database: str | None = None) -> psycopg.Connection:
    return psycopg.connect(conninfo(dsn, database))
