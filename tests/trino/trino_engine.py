"""The local Trino of scripts/local_trino.sh as the tests use it: a connection, a catalog per test state dir
(added and dropped at run time), dbt on the `trino` target, and every vault table read back as rows."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
from pathlib import Path
from typing import Any

import trino
from dbt_cli import REPO, dbt_command, dbt_env, run_dbt_on

DEFAULT_PORT = 58080
START_HINT = "scripts/local_trino.sh start"


class TrinoNotRunning(RuntimeError):
    """Raised when nothing answers on the Trino port; the message says how to start it."""


def trino_port() -> int:
    return int(os.environ.get("NORTHWIND_TRINO_PORT", DEFAULT_PORT))


def connect(catalog: str | None = None, port: int | None = None) -> Any:
    """A DB-API connection; raises TrinoNotRunning (naming the start command) when Trino does not answer."""
    port = port or trino_port()
    conn = trino.dbapi.connect(host="127.0.0.1", port=port, user="northwind", catalog=catalog)
    try:
        conn.cursor().execute("select 1").fetchall()
    except trino.exceptions.HttpError as error:
        raise TrinoNotRunning(f"no Trino on 127.0.0.1:{port}: run `{START_HINT}` ({error})") from error
    except OSError as error:
        raise TrinoNotRunning(f"no Trino on 127.0.0.1:{port}: run `{START_HINT}` ({error})") from error
    except Exception as error:  # the client wraps connection refusals in its own errors
        if "Connection refused" in str(error) or "Max retries" in str(error):
            raise TrinoNotRunning(f"no Trino on 127.0.0.1:{port}: run `{START_HINT}`") from error
        raise
    return conn


def execute(conn: Any, sql: str) -> list[tuple]:
    cursor = conn.cursor()
    cursor.execute(sql)
    return [tuple(row) for row in cursor.fetchall()]


def create_catalog(conn: Any, name: str, state_dir: Path, spark_catalog: str) -> None:
    """A Trino catalog on the Iceberg JDBC catalog of `state_dir` (the one Spark's `spark_catalog` writes).

    The password is `${ENV:...}`: Trino resolves it from its own environment (scripts/local_trino.sh sets
    it), so it is in no query text, log or catalog file."""
    from northwind_local.runtime import catalog_database, local_port

    warehouse = (state_dir / "iceberg" / "warehouse").resolve()
    properties = {
        "iceberg.catalog.type": "jdbc",
        "iceberg.jdbc-catalog.driver-class": "org.postgresql.Driver",
        "iceberg.jdbc-catalog.connection-url": (
            f"jdbc:postgresql://127.0.0.1:{local_port()}/{catalog_database(state_dir)}"
        ),
        "iceberg.jdbc-catalog.connection-user": "northwind",
        "iceberg.jdbc-catalog.connection-password": "${ENV:NORTHWIND_TRINO_CATALOG_PASSWORD}",
        "iceberg.jdbc-catalog.catalog-name": spark_catalog,
        "iceberg.jdbc-catalog.schema-version": "V1",
        "iceberg.jdbc-catalog.default-warehouse-dir": warehouse.as_uri(),
        "iceberg.file-format": "PARQUET",
        # As scripts/local_trino.sh, which says why.
        "iceberg.extended-statistics.collect-on-write": "false",
        "fs.native-local.enabled": "true",
        "local.location": "/",
        # Only test catalogs: test_trino_runtime registers a table located outside the lake.
        "iceberg.register-table-procedure.enabled": "true",
    }
    rendered = ",\n".join(f"\"{key}\" = '{value}'" for key, value in properties.items())
    execute(conn, f"drop catalog if exists {name}")
    execute(conn, f"create catalog {name} using iceberg with (\n{rendered}\n)")


def drop_catalog(conn: Any, name: str) -> None:
    execute(conn, f"drop catalog if exists {name}")


def trino_dbt_env(
    state_dir: Path, spark_catalog: str, trino_catalog: str, **namespaces: str
) -> dict[str, str]:
    env = dbt_env(state_dir, spark_catalog, state_dir / "dbt-target-trino")
    env.update(
        NORTHWIND_TRINO_CATALOG=trino_catalog,
        NORTHWIND_TRINO_PORT=str(trino_port()),
        DBT_LOG_PATH=str(state_dir / "dbt-logs-trino"),
        **{key.upper(): value for key, value in namespaces.items()},
    )
    return env


def run_dbt_trino(
    args: list[str], state_dir: Path, spark_catalog: str, trino_catalog: str, **namespaces: str
) -> subprocess.CompletedProcess[str]:
    """`dbt <args>` on the trino target (without unit tests: they run once, on DuckDB, elsewhere)."""
    env = trino_dbt_env(state_dir, spark_catalog, trino_catalog, **namespaces)
    return run_dbt_on(args, env, target="trino")


def trino_tables(conn: Any, schema: str) -> dict[str, tuple[list[str], list[tuple]]]:
    """Every base table of a Trino namespace (views, i.e. staging, left out): its columns and rows."""
    names = [
        row[0]
        for row in execute(
            conn,
            f"select table_name from information_schema.tables where table_schema = '{schema}'"
            " and table_type = 'BASE TABLE' order by 1",
        )
    ]
    content = {}
    for name in names:
        cursor = conn.cursor()
        cursor.execute(f'select * from "{schema}"."{name}"')
        rows = [tuple(row) for row in cursor.fetchall()]
        content[name] = ([column[0] for column in cursor.description], rows)
    return content


def trino_jvm_pids() -> set[int]:
    """The processes listening on the Trino port: the server's JVM (the launcher's `run` execs java)."""
    listening = subprocess.run(
        ["ss", "-Hltnp", f"sport = :{trino_port()}"], capture_output=True, text=True, check=False
    )
    return {int(pid) for pid in re.findall(r"pid=(\d+)", listening.stdout)}


def kill_trino() -> None:
    """SIGKILL of Trino's JVM, as the kernel's OOM killer or a lost machine would stop it: no shutdown hook
    runs, no query finishes. Returns once the port is closed."""
    pids = trino_jvm_pids()
    assert pids, f"no process listens on the Trino port {trino_port()}"
    for pid in pids:
        os.kill(pid, signal.SIGKILL)
    deadline = time.monotonic() + 60
    while trino_jvm_pids():
        assert time.monotonic() < deadline, "Trino's JVM still listens 60 s after SIGKILL"
        time.sleep(0.5)


def start_trino() -> None:
    """scripts/local_trino.sh start, as a person would run it after a crash (same port settings)."""
    done = subprocess.run(
        ["scripts/local_trino.sh", "start"], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, f"scripts/local_trino.sh start failed:\n{done.stdout}\n{done.stderr}"


def run_dbt_trino_killed(
    args: list[str], state_dir: Path, spark_catalog: str, trino_catalog: str, after_models: int
) -> tuple[subprocess.CompletedProcess[str], int]:
    """`dbt <args>` on the trino target with Trino's JVM killed once `after_models` models have finished:
    dbt's result (expected to fail) and how many models had finished before the kill."""
    env = trino_dbt_env(state_dir, spark_catalog, trino_catalog)
    command = dbt_command(args, target="trino")
    lines: list[str] = []
    finished = 0
    killed_after: int | None = None
    with subprocess.Popen(
        command, env=env, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    ) as dbt:
        assert dbt.stdout is not None
        for line in dbt.stdout:
            lines.append(line)
            # dbt prints one "OK created ..." line (or "OK" / "SUCCESS") per finished model.
            if re.search(r"\d+ of \d+ OK ", line):
                finished += 1
                if killed_after is None and finished >= after_models:
                    kill_trino()
                    killed_after = finished
        returncode = dbt.wait()
    output = "".join(lines)
    assert killed_after is not None, f"dbt finished before {after_models} models were done:\n{output[-4000:]}"
    return subprocess.CompletedProcess(command, returncode, output, ""), killed_after
