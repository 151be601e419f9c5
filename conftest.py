"""Repo-wide pytest fixtures: one SparkSession for the whole test session (2 cores: never start two)."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

REPO = Path(__file__).resolve().parent
# The dbt helpers (dbt/tests) and the suite's plugins (tests/) import by module name from every folder.
for folder in (REPO / "dbt" / "tests", REPO / "tests"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

# Counts dump loads, ingestions, dbt runs and Spark sessions (tests/work_counts.py).
pytest_plugins = ["work_counts"]

if TYPE_CHECKING:
    from shared_pipeline import FirstBuild


@pytest.fixture(scope="session")
def spark() -> Iterator[object]:
    """Local Spark with the Iceberg runtime, the PostgreSQL JDBC jar and the `local` catalog.

    Tests that write Iceberg should register their own catalog under tmp_path with
    northwind_local.spark.register_local_catalog rather than write to .local/iceberg: each state dir gets
    its own catalog database, dropped when the session ends.
    """
    from northwind_local.spark import build_local_spark
    from northwind_local.testing import drop_created_catalog_databases

    session = build_local_spark(app_name="pytest")
    yield session
    session.stop()
    drop_created_catalog_databases()


@pytest.fixture(scope="session")
def northwind_sql() -> Path:
    """The real Northwind dump (NORTHWIND_SQL, set by .ci/run); tests needing it skip without it."""
    value = os.environ.get("NORTHWIND_SQL")
    if not value:
        pytest.skip("NORTHWIND_SQL is not set: point it at shared/data/northwind.sql")
    path = Path(value)
    if not path.is_file():
        pytest.fail(f"NORTHWIND_SQL={value} is not a file")
    return path


@pytest.fixture(scope="session")
def dump_template(northwind_sql: Path) -> Iterator[str]:
    """The real dump loaded once per session into a database nobody changes; modules copy it
    (northwind_local.testing.copy_database) instead of loading the dump again."""
    from northwind_local.testing import drop_database, load_dump
    from shared_pipeline import DUMP_TEMPLATE

    load_dump(DUMP_TEMPLATE, northwind_sql)
    yield DUMP_TEMPLATE
    drop_database(DUMP_TEMPLATE)


@pytest.fixture(scope="session")
def first_build(
    spark: Any, dump_template: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[FirstBuild]:
    """The dump's first batch ingested and built by dbt (unit tests included), once per session; a module
    calls `first_build.restore()` to get it back untouched before changing it (tests/shared_pipeline.py)."""
    from dbt_cli import run_dbt
    from northwind_ingest.job import run_ingestion
    from northwind_local.runtime import local_job_settings
    from northwind_local.testing import copy_database, drop_database
    from shared_pipeline import (
        CATALOG,
        SHARED_STATE,
        SOURCE_DB,
        FirstBuild,
        catalog_rows,
        clear_leftover_state,
        register_uncached_catalog,
    )

    # The state lives under the repository's .local, not pytest's private tmp dir: the local Trino runs as the
    # unprivileged `trino` user, which may traverse .local but not /tmp/pytest-of-root (tests/trino builds on
    # this same state). The snapshot is read by this process only.
    state = SHARED_STATE
    snapshot = tmp_path_factory.getbasetemp() / "pipeline-first-build"
    clear_leftover_state(state)
    state.mkdir(parents=True)
    copy_database(SOURCE_DB, dump_template)
    register_uncached_catalog(spark, state)
    started = datetime.now(UTC).replace(tzinfo=None, microsecond=0)
    try:
        summary = run_ingestion(spark, local_job_settings(database=SOURCE_DB, catalog=CATALOG))
        assert summary.ok, summary.render()
        run_dbt(["build"], state, catalog=CATALOG, unit_tests=True)
        shutil.copytree(state, snapshot, symlinks=True)
        yield FirstBuild(
            state=state,
            snapshot=snapshot,
            catalog=catalog_rows(state),
            first_ingestion=summary,
            spark=spark,
            started=started,
        )
    finally:
        drop_database(SOURCE_DB)
        shutil.rmtree(state, ignore_errors=True)
