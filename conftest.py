"""Repo-wide pytest fixtures: one SparkSession for the whole test session (2 cores: never start two)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def spark() -> Iterator[object]:
    """Local Spark with the Iceberg runtime, PostgreSQL and SQLite JDBC jars and the `local` catalog.

    Tests that write Iceberg should register their own catalog under tmp_path with
    northwind_local.spark.register_local_catalog rather than write to .local/iceberg.
    """
    from northwind_local.spark import build_local_spark

    session = build_local_spark(app_name="pytest")
    yield session
    session.stop()


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
