"""Helpers for tests that need the local PostgreSQL and Spark (used by the repo-root conftest.py).

Each test module gets its own database (a copy of the real dump or generated data), so tests that change
data do not disturb each other or the `northwind` database of `make demo`.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg

from northwind_local.runtime import (
    DEFAULT_STATE_DIR,
    created_catalog_databases,
    drop_catalog_database_named,
    local_conninfo,
)


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


def drop_created_catalog_databases() -> None:
    """Drop the per-state-dir Iceberg catalog databases this process created (their warehouses are temp
    dirs that pytest deletes; the rows would outlive them)."""
    while created_catalog_databases:
        drop_catalog_database_named(created_catalog_databases.pop())


def load_dump(name: str, dump: Path, state_dir: Path = DEFAULT_STATE_DIR) -> None:
    """A fresh database `name` holding the plain-SQL dump (INSERT statements, no COPY from stdin)."""
    recreate_database(name, state_dir)
    with psycopg.connect(local_conninfo(state_dir, name), autocommit=True) as conn:
        conn.execute(dump.read_text())


def copy_database(name: str, template: str, state_dir: Path = DEFAULT_STATE_DIR) -> None:
    """A fresh database `name` holding what `template` holds: PostgreSQL copies the files, which is much
    cheaper than loading the dump again (the template must have no open connection)."""
    with admin_connect(state_dir) as conn:
        conn.execute("set client_min_messages = warning")
        conn.execute(f'drop database if exists "{name}" with (force)')
        conn.execute(f'create database "{name}" template "{template}"')


def load_generated(name: str, scale: float, seed: int, state_dir: Path = DEFAULT_STATE_DIR) -> None:
    from northwind_datagen.generate import generate
    from northwind_datagen.load import load

    recreate_database(name, state_dir)
    with psycopg.connect(local_conninfo(state_dir, name)) as conn:
        load(conn, generate(scale, seed))


def connect(name: str, state_dir: Path = DEFAULT_STATE_DIR) -> psycopg.Connection:
    return psycopg.connect(local_conninfo(state_dir, name), autocommit=True)


@contextmanager
def throwaway_postgres(
    state_dir: Path = DEFAULT_STATE_DIR, port: int | None = None
) -> Iterator[dict[str, object]]:
    """A second, private PostgreSQL cluster that a test may stop without disturbing the shared one.

    Trust auth on loopback (it lives only for the test). Yields {"port", "start", "stop", "data"}; stopped and removed
    on exit. Runs as the `postgres` user like scripts/local_postgres.sh (initdb refuses root).
    """
    bin_dir = max(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name))
    port = port or _free_port()
    root = Path(tempfile.mkdtemp(prefix="pg-", dir=state_dir))
    root.chmod(0o755)
    data = root / "data"

    def as_postgres(*cmd: str) -> None:
        subprocess.run(["runuser", "-u", "postgres", "--", *cmd], check=True, capture_output=True, text=True)

    shutil.chown(root, "postgres")
    as_postgres(
        str(bin_dir / "initdb"), "-D", str(data), "-U", "northwind", "--auth=trust", "-N", "-E", "UTF8"
    )
    opts = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off"
    stopped = True

    def start() -> None:
        nonlocal stopped
        if stopped:
            pg_ctl = str(bin_dir / "pg_ctl")
            as_postgres(pg_ctl, "-D", str(data), "-o", opts, "-l", str(root / "log"), "-w", "start")
            stopped = False

    def stop() -> None:
        nonlocal stopped
        if not stopped:
            as_postgres(str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop")
            stopped = True

    start()

    try:
        yield {"port": port, "start": start, "stop": stop, "data": data}
    finally:
        stop()
        shutil.rmtree(root, ignore_errors=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
