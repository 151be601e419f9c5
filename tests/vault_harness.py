"""Small helpers for vault tests on the real pipeline: the source in the local PostgreSQL, the real ingestion
(Spark, Iceberg change log) into a per-test catalog, dbt on DuckDB with its state in a temp directory."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "dbt" / "tests"))
from dbt_cli import run_dbt
from hash_vectors import expected_hex  # the hashing standard, implemented independently of the macros

__all__ = ["expected_hex", "ingest", "query", "run_dbt", "start_pipeline"]
# Most modules start from the session's shared first build instead (conftest.py `first_build`); this is for
# those whose first batch differs from the dump's.


def query(state: Path, sql: str, params: list[Any] | None = None) -> list[tuple]:
    """Reads the vault file and closes it again, so the next dbt run can open it for writing."""
    with duckdb.connect(str(state / "vault.duckdb"), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def ingest(spark: Any, settings: Any) -> None:
    """One batch of the real ingestion; fails the test with the run's summary unless the batch committed."""
    from northwind_ingest.job import run_ingestion

    summary = run_ingestion(spark, settings)
    assert summary.ok, summary.render()


def start_pipeline(spark: Any, database: str, catalog: str, dump_template: str, state: Path) -> Any:
    """A fresh source database copied from the loaded dump (conftest.py `dump_template`) and a catalog of its
    own under `state`: the job settings."""
    from northwind_local.runtime import local_job_settings
    from northwind_local.spark import register_local_catalog
    from northwind_local.testing import copy_database

    copy_database(database, dump_template)
    register_local_catalog(spark, catalog, state)
    return local_job_settings(database=database, catalog=catalog)
