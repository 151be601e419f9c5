"""Iceberg maintenance on a real local table: compaction, snapshot expiry, orphan removal."""

from __future__ import annotations

import itertools
import os
import time

import pytest
from northwind_ingest.maintenance import MaintenanceSettings, TableMaintenance, run_maintenance
from northwind_local.spark import register_local_catalog

NS = "raw"
COMMITS = 8
# Spark keeps a catalog once loaded, so each test registers a catalog of its own name.
_catalog_names = (f"it_maint_{i}" for i in itertools.count())


def _files(spark, catalog, table):
    return spark.sql(f"select file_path from {catalog}.{NS}.{table}.files").count()


def _snapshots(spark, catalog, table):
    rows = spark.sql(f"select snapshot_id from {catalog}.{NS}.{table}.snapshots order by committed_at")
    return [r[0] for r in rows.collect()]


def _rows(spark, catalog, table):
    return sorted(tuple(r) for r in spark.sql(f"select * from {catalog}.{NS}.{table}").collect())


@pytest.fixture
def many_small_commits(spark, tmp_path):
    catalog = next(_catalog_names)
    register_local_catalog(spark, catalog, tmp_path)
    spark.sql(f"create namespace if not exists {catalog}.{NS}")
    for table in ("changes", "other"):
        spark.sql(f"create table {catalog}.{NS}.{table} (id int, op string) using iceberg")
    for i in range(COMMITS):  # one small file and one snapshot per commit, like change-only batches
        spark.sql(f"insert into {catalog}.{NS}.changes values ({i}, 'insert')")
    spark.sql(f"insert into {catalog}.{NS}.other values (1, 'insert')")
    data_dir = tmp_path / "iceberg" / "warehouse" / NS / "changes" / "data"
    old_orphan, young_orphan = data_dir / "old-orphan.parquet", data_dir / "young-orphan.parquet"
    old_orphan.write_bytes(b"left behind by a failed write")
    young_orphan.write_bytes(b"maybe a write that has not committed yet")
    two_days_ago = time.time() - 48 * 3600
    os.utime(old_orphan, (two_days_ago, two_days_ago))
    return {"catalog": catalog, "old": old_orphan, "young": young_orphan}


def test_maintenance_compacts_expires_and_removes_old_orphans(spark, many_small_commits):
    catalog = many_small_commits["catalog"]
    rows_before = _rows(spark, catalog, "changes")
    files_before = _files(spark, catalog, "changes")
    assert files_before == COMMITS

    settings = MaintenanceSettings(catalog, NS, older_than_hours=0, retain_last=2, orphan_age_hours=24)
    summary = run_maintenance(spark, settings)

    assert summary.ok, summary.render()
    by_table = {r.table: r for r in summary.results}
    assert set(by_table) == {"changes", "other"}
    changes = by_table["changes"]
    assert _files(spark, catalog, "changes") == changes.files_added < files_before
    assert changes.files_rewritten == files_before
    assert _rows(spark, catalog, "changes") == rows_before
    # COMMITS appends + the compaction's replace snapshot, of which the newest two stay.
    remaining = _snapshots(spark, catalog, "changes")
    assert len(remaining) == 2 and changes.snapshots_expired == COMMITS + 1 - 2
    current = spark.sql(f"select snapshot_id from {catalog}.{NS}.changes.history where is_current_ancestor")
    assert remaining[-1] == current.collect()[-1][0]
    assert not many_small_commits["old"].exists()
    assert many_small_commits["young"].exists()
    assert changes.orphans_removed == 1
    # A single file is nothing to compact: min-input-files is 2.
    assert (by_table["other"].files_rewritten, by_table["other"].snapshots_expired) == (0, 0)
    assert "changes: 8 data files compacted into 1, 7 snapshots expired, 1 orphan files removed" in (
        summary.render()
    )


def test_a_second_run_finds_nothing_to_do(spark, many_small_commits):
    catalog = many_small_commits["catalog"]
    settings = MaintenanceSettings(catalog, NS, older_than_hours=0, retain_last=2, orphan_age_hours=24)
    run_maintenance(spark, settings)
    again = {r.table: r for r in run_maintenance(spark, settings).results}["changes"]
    assert (again.files_rewritten, again.snapshots_expired, again.orphans_removed) == (0, 0, 0)


def test_a_missing_namespace_fails_naming_it(spark, tmp_path):
    catalog = next(_catalog_names)
    register_local_catalog(spark, catalog, tmp_path)
    settings = MaintenanceSettings(catalog, "no_such_namespace")
    with pytest.raises(Exception, match="no_such_namespace"):
        run_maintenance(spark, settings)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"retain_last": 0}, "retain_last must be at least 1"),
        ({"older_than_hours": -1}, "older_than_hours must be >= 0"),
        ({"orphan_age_hours": -5}, "orphan_age_hours must be >= 0"),
        ({"namespace": "Raw-Dev"}, "catalog database"),
    ],
)
def test_bad_settings_are_refused_with_the_setting_named(change, message):
    with pytest.raises(ValueError, match=message):
        MaintenanceSettings(**{"catalog": "c", "namespace": "raw", **change})


def test_non_integer_setting_is_refused():
    with pytest.raises(TypeError, match="retain_last must be an integer"):
        MaintenanceSettings("c", "raw", retain_last="3")


def test_render_names_failed_tables():
    from northwind_ingest.maintenance import MaintenanceSummary

    summary = MaintenanceSummary("c.raw", [TableMaintenance("orders", ok=False, message="boom")])
    assert summary.exit_code() == 1
    assert summary.render().splitlines()[0] == "maintenance of c.raw: FAILED"
    assert "orders: FAILED after 0.0 s: boom" in summary.render()


class _JavaError:
    """Stands in for a py4j Java exception: its text and its cause."""

    def __init__(self, text: str, cause: _JavaError | None = None) -> None:
        self._text, self._cause = text, cause

    def toString(self) -> str:  # the Java method names py4j calls
        return self._text

    def getCause(self) -> _JavaError | None:
        return self._cause


def test_a_failing_table_reports_the_java_cause_and_the_others_still_run(monkeypatch):
    from northwind_ingest import maintenance

    error = RuntimeError("An error occurred while calling o48.sql.")
    error.java_exception = _JavaError(
        "org.apache.spark.SparkException: Job aborted",
        _JavaError(
            "org.apache.iceberg.exceptions.NotFoundException: File does not exist: s3://lake/x.parquet"
        ),
    )

    def maintain(spark, settings, table, now):
        if table == "orders":
            raise error
        return TableMaintenance(table, ok=True)

    monkeypatch.setattr(
        maintenance, "list_tables", lambda spark, settings: ["customers", "orders", "products"]
    )
    monkeypatch.setattr(maintenance, "maintain_table", maintain)
    summary = run_maintenance(None, MaintenanceSettings(catalog="c", namespace="raw"))

    by_table = {r.table: r for r in summary.results}
    assert [r.ok for r in summary.results] == [True, False, True]
    assert by_table["orders"].message == (
        "org.apache.iceberg.exceptions.NotFoundException: File does not exist: s3://lake/x.parquet"
    )
