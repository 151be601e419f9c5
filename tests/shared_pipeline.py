"""One real pipeline state for the whole pytest session, restored for each test module that starts from it.

Most real-pipeline modules begin the same way: the Northwind dump in a PostgreSQL database, one ingestion
(Spark, Iceberg change logs) and one `dbt build` on DuckDB. That first build is made once per session
(`first_build` in conftest.py); each module then gets it back as it was, in the same place, before it
changes anything:

- the source: a new database copied from the loaded dump (PostgreSQL `create database ... template`);
- the state dir (Iceberg warehouse, vault.duckdb, dbt's target with its saved manifest): copied back from a
  snapshot to the same absolute path, because Iceberg metadata and the vault's views hold absolute paths;
- the Iceberg catalog: its rows in the state dir's catalog database put back as they were.

Same path, same catalog name, same source database name: the restored state is byte for byte the first
build, and dbt's saved manifest stays valid (its check covers the profile's path and plugin settings), so
no module parses the project in full again. Modules run one after another (no xdist), each dropping the
source database when it ends; Spark's catalog cache is off for this catalog, so it never serves metadata
of an earlier module's commits.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import psycopg

# `make test` runs tests/trino in a pytest session of its own beside the rest (scripts/test_side_by_side.sh):
# NORTHWIND_TEST_LANE names that session's state, so the two never share a database or a folder.
LANE = os.environ.get("NORTHWIND_TEST_LANE", "")
_SUFFIX = f"_{LANE}" if LANE else ""
DUMP_TEMPLATE = f"it_dump_template{_SUFFIX}"  # the dump as loaded, never changed: every copy starts from it
SOURCE_DB = f"it_pipeline{_SUFFIX}"  # the source database of the module that holds the shared state now
CATALOG = f"it_pipeline{_SUFFIX}"  # the Spark/dbt catalog name of the shared state (and tests/trino's Trino catalog)
# Where the shared state lives: under the repository's .local, which the local Trino's unprivileged user may
# traverse (tests/trino builds the same state on Trino too).
SHARED_STATE = (
    Path(__file__).resolve().parents[1] / ".local" / (f"test-pipeline-{LANE}" if LANE else "test-pipeline")
)


def catalog_rows(state: Path) -> dict[str, tuple[list[str], list[tuple]]]:
    """Every row of every table of the state dir's Iceberg catalog database (JdbcCatalog's own tables)."""
    with _catalog_connect(state) as conn:
        tables = [
            row[0]
            for row in conn.execute(
                "select table_name from information_schema.tables"
                " where table_schema = 'public' and table_type = 'BASE TABLE' order by 1"
            )
        ]
        content = {}
        for table in tables:
            cursor = conn.execute(f'select * from "{table}"')
            content[table] = ([c.name for c in cursor.description], cursor.fetchall())
        return content


def restore_catalog_rows(state: Path, content: dict[str, tuple[list[str], list[tuple]]]) -> None:
    """Put the catalog's rows back as captured, in one transaction (rows a later commit added are removed)."""
    with _catalog_connect(state, autocommit=False) as conn, conn.transaction():
        for table, (columns, rows) in content.items():
            conn.execute(f'delete from "{table}"')
            if rows:
                names = ", ".join(f'"{c}"' for c in columns)
                marks = ", ".join(["%s"] * len(columns))
                conn.cursor().executemany(f'insert into "{table}" ({names}) values ({marks})', rows)


def clear_leftover_state(state: Path) -> None:
    """What an earlier session killed before its teardown left of `state`: its files and its catalog database.
    The database is named after the path, so a new session would find the old catalog's rows pointing at
    metadata files that the removal of the folder deleted."""
    from northwind_local.runtime import catalog_database, drop_catalog_database_named

    shutil.rmtree(state, ignore_errors=True)
    drop_catalog_database_named(catalog_database(state))


def _catalog_connect(state: Path, autocommit: bool = True) -> psycopg.Connection:
    from northwind_local.runtime import CLUSTER_STATE_DIR, catalog_database, local_conninfo

    return psycopg.connect(local_conninfo(CLUSTER_STATE_DIR, catalog_database(state)), autocommit=autocommit)


@dataclass
class FirstBuild:
    """The pipeline after the dump's first batch and the first `dbt build` (dbt unit tests included)."""

    state: Path  # where every module finds the state (always this path)
    snapshot: Path  # the state dir's files right after the first build
    catalog: dict[str, tuple[list[str], list[tuple]]]  # the catalog's rows right after the first build
    first_ingestion: Any  # the first batch's run summary (northwind_ingest's RunSummary)
    spark: Any
    started: datetime  # UTC, naive: when the first batch's ingestion began (the run's start, for the report)

    def restore(self) -> Any:
        """The first build back in place, for a module to change: returns the job settings."""
        from northwind_local.runtime import local_job_settings
        from northwind_local.testing import copy_database

        copy_database(SOURCE_DB, DUMP_TEMPLATE)
        shutil.rmtree(self.state, ignore_errors=True)
        shutil.copytree(self.snapshot, self.state, symlinks=True)
        restore_catalog_rows(self.state, self.catalog)
        return local_job_settings(database=SOURCE_DB, catalog=CATALOG)


def register_uncached_catalog(spark: Any, state: Path) -> None:
    """The shared catalog on the session, with Iceberg's table cache off: a restore rewinds the catalog
    under Spark, and a cached table would still point at the metadata of the commits it rewound."""
    from northwind_local.spark import register_local_catalog

    register_local_catalog(spark, CATALOG, state)
    spark.conf.set(f"spark.sql.catalog.{CATALOG}.cache-enabled", "false")
