"""A run while the source PostgreSQL is stopped: clear failure, every table still at its previous snapshot.

Uses a throwaway cluster (not the shared local one, which other tests and `make demo` rely on).
"""

from __future__ import annotations

import psycopg
import pytest
from northwind_ingest.job import run_ingestion
from northwind_ingest.settings import JobSettings, SourceSettings, TargetSettings
from northwind_local.catalog import load_local_catalog
from northwind_local.spark import register_local_catalog
from northwind_local.testing import throwaway_postgres

CATALOG = "it_stopped"
NS = "raw"


@pytest.fixture
def stoppable_source():
    with throwaway_postgres() as pg:
        with psycopg.connect(f"host=127.0.0.1 port={pg['port']} user=northwind dbname=postgres") as conn:
            conn.execute("create table region (region_id smallint primary key, region_description text)")
            conn.execute("insert into region values (1, 'Eastern'), (2, 'Western')")
            conn.execute("create table shippers (shipper_id smallint primary key, company_name text)")
            conn.execute("insert into shippers values (1, 'Speedy Express')")
        yield pg


def test_run_with_the_database_stopped_fails_clearly_and_keeps_snapshots(spark, stoppable_source, tmp_path):
    register_local_catalog(spark, CATALOG, tmp_path)
    source = SourceSettings(
        "127.0.0.1", stoppable_source["port"], "postgres", "public", "northwind", "unused"
    )
    settings = JobSettings(source=source, target=TargetSettings(CATALOG, NS))
    first = run_ingestion(spark, settings)
    assert first.ok, first.render()
    catalog = load_local_catalog(tmp_path, name=CATALOG)
    before = {
        t: catalog.load_table(f"{NS}.{t}").current_snapshot().snapshot_id for t in ("region", "shippers")
    }

    stoppable_source["stop"]()
    failed = run_ingestion(spark, settings)

    assert failed.exit_code() == 1 and failed.results == []
    assert failed.error.startswith(f"cannot query PostgreSQL at 127.0.0.1:{source.port}/postgres: ")
    assert "refused" in failed.error
    assert "FAILED" in failed.render().splitlines()[0]
    for table, snapshot in before.items():
        iceberg = catalog.load_table(f"{NS}.{table}")
        assert iceberg.current_snapshot().snapshot_id == snapshot
        assert iceberg.scan().to_arrow().num_rows == {"region": 2, "shippers": 1}[table]


def _retry_warnings(caplog: pytest.LogCaptureFixture) -> int:
    return sum("source not reachable" in r.getMessage() for r in caplog.records)


def test_a_refusal_no_wait_can_fix_fails_at_once_despite_the_retry_budget(
    spark, stoppable_source, tmp_path, caplog
):
    """On Glue the job retries a resuming Aurora for a minute; a wrong database name is not worth waiting for."""
    register_local_catalog(spark, CATALOG, tmp_path)
    source = SourceSettings("127.0.0.1", stoppable_source["port"], "no_such_db", "public", "northwind", "x")
    settings = JobSettings(source=source, target=TargetSettings(CATALOG, NS), connect_retry_seconds=600)

    with caplog.at_level("WARNING", logger="northwind_ingest"):
        failed = run_ingestion(spark, settings)

    assert failed.exit_code() == 1 and failed.results == []
    assert failed.error.startswith(f"cannot query PostgreSQL at 127.0.0.1:{source.port}/no_such_db: ")
    assert 'database "no_such_db" does not exist' in failed.error
    assert _retry_warnings(caplog) == 0, "a missing database was retried"


def test_a_stopped_database_is_retried_until_the_budget_is_spent(spark, stoppable_source, tmp_path, caplog):
    register_local_catalog(spark, CATALOG, tmp_path)
    source = SourceSettings("127.0.0.1", stoppable_source["port"], "postgres", "public", "northwind", "x")
    settings = JobSettings(source=source, target=TargetSettings(CATALOG, NS), connect_retry_seconds=2)
    stoppable_source["stop"]()

    with caplog.at_level("WARNING", logger="northwind_ingest"):
        failed = run_ingestion(spark, settings)

    assert failed.exit_code() == 1 and "refused" in failed.error
    assert _retry_warnings(caplog) >= 1, "a refused connection (Aurora resuming) was not retried"
