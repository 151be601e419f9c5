"""Repo-wide pytest fixtures: one SparkSession for the whole test session (2 cores: never start two)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest


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
