"""Iceberg maintenance of the raw namespace: compact small files, expire old snapshots, remove orphan files.

One entry point, run_maintenance(spark, settings), for Glue (job mode `maintain`) and for local Spark
(`python -m northwind_local maintain`). Only Iceberg's Spark SQL procedures are used, so it needs nothing
but the Iceberg runtime on the session. Each change-only batch appends one small file per table, so
without compaction reads slow down with every batch; without expiry and orphan removal storage only grows.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta

from pyspark.sql import SparkSession

from northwind_ingest.identifiers import spark_quote, validate_identifier
from northwind_ingest.source_snapshot import java_message

log = logging.getLogger("northwind_ingest.maintenance")

# rewrite_data_files options, and why:
# - min-input-files 2: a batch adds about one small file per table, so two files are already worth merging
#   (Iceberg's default, 5, would leave most raw tables of a small source untouched for many batches).
# - partial-progress: commit each finished file group, so a long compaction that fails late keeps what it
#   did, and a concurrent ingestion append conflicts with (and retries) a smaller commit.
# - max-concurrent-file-group-rewrites 2: Glue's G.1X worker and the local machine have few cores; more
#   groups at once only queue.
# The target file size stays the table's write.target-file-size-bytes (512 MB by default).
REWRITE_OPTIONS = {
    "min-input-files": "2",
    "partial-progress.enabled": "true",
    "partial-progress.max-commits": "10",
    "max-concurrent-file-group-rewrites": "2",
}


@dataclass(frozen=True)
class MaintenanceSettings:
    """What to maintain and how much history to keep.

    Snapshots older than `older_than_hours` are expired, but the newest `retain_last` always stay (time
    travel and the batch manifest's references). Files no snapshot references are deleted once older than
    `orphan_age_hours`: a younger unreferenced file may belong to a write that has not committed yet.
    """

    catalog: str
    namespace: str
    older_than_hours: int = 24 * 7
    retain_last: int = 10
    orphan_age_hours: int = 24 * 3

    def __post_init__(self) -> None:
        validate_identifier(self.catalog, "Spark catalog name")
        validate_identifier(self.namespace, "catalog database (namespace)")
        for name in ("older_than_hours", "retain_last", "orphan_age_hours"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool):
                raise TypeError(f"maintenance {name} must be an integer, got {value!r}")
        if self.older_than_hours < 0:
            raise ValueError(f"maintenance older_than_hours must be >= 0, got {self.older_than_hours}")
        if self.retain_last < 1:
            raise ValueError(f"maintenance retain_last must be at least 1, got {self.retain_last}")
        if self.orphan_age_hours < 0:
            raise ValueError(f"maintenance orphan_age_hours must be >= 0, got {self.orphan_age_hours}")


@dataclass(frozen=True)
class TableMaintenance:
    table: str
    ok: bool
    files_rewritten: int = 0
    files_added: int = 0
    snapshots_expired: int = 0
    orphans_removed: int = 0
    seconds: float = 0.0
    message: str = ""

    def log_line(self) -> str:
        if not self.ok:
            return f"{self.table}: FAILED after {self.seconds:.1f} s: {self.message}"
        return (
            f"{self.table}: {self.files_rewritten} data files compacted into {self.files_added}, "
            f"{self.snapshots_expired} snapshots expired, {self.orphans_removed} orphan files removed "
            f"in {self.seconds:.1f} s"
        )


@dataclass
class MaintenanceSummary:
    namespace: str
    results: list[TableMaintenance] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return all(r.ok for r in self.results)

    @property
    def failed(self) -> list[TableMaintenance]:
        return [r for r in self.results if not r.ok]

    def exit_code(self) -> int:
        return 0 if self.ok else 1

    def render(self) -> str:
        lines = [f"maintenance of {self.namespace}: " + ("succeeded" if self.ok else "FAILED")]
        lines += ["  " + r.log_line() for r in self.results]
        lines.append(
            f"  {len(self.results) - len(self.failed)} of {len(self.results)} tables maintained, "
            f"{len(self.failed)} failed, in {self.seconds:.1f} s"
        )
        return "\n".join(lines)


def _timestamp(moment: datetime) -> str:
    # Spark parses this literal in the session time zone; both entry points set it to UTC.
    return f"TIMESTAMP '{moment.astimezone(UTC).strftime('%Y-%m-%d %H:%M:%S.%f')}'"


def list_tables(spark: SparkSession, settings: MaintenanceSettings) -> list[str]:
    rows = spark.sql(f"SHOW TABLES IN {spark_quote(settings.catalog, settings.namespace)}").collect()
    return sorted(r["tableName"] for r in rows if not r["isTemporary"])


def _snapshot_count(spark: SparkSession, name: str) -> int:
    return spark.sql(f"SELECT count(*) AS n FROM {name}.snapshots").first()["n"]


def maintain_table(
    spark: SparkSession, settings: MaintenanceSettings, table: str, now: datetime
) -> TableMaintenance:
    validate_identifier(table, f"table {table!r} in {settings.namespace}")
    name = spark_quote(settings.catalog, settings.namespace, table)
    # Procedures take the table as a string relative to the catalog they are called in.
    ident = f"{settings.namespace}.{table}"
    call = f"CALL {spark_quote(settings.catalog)}.system"
    options = ", ".join(f"'{k}', '{v}'" for k, v in REWRITE_OPTIONS.items())
    rewrite = spark.sql(f"{call}.rewrite_data_files(table => '{ident}', options => map({options}))").first()

    before = _snapshot_count(spark, name)
    spark.sql(
        f"{call}.expire_snapshots(table => '{ident}', "
        f"older_than => {_timestamp(now - timedelta(hours=settings.older_than_hours))}, "
        f"retain_last => {settings.retain_last})"
    ).collect()
    expired = before - _snapshot_count(spark, name)

    orphans = spark.sql(
        f"{call}.remove_orphan_files(table => '{ident}', "
        f"older_than => {_timestamp(now - timedelta(hours=settings.orphan_age_hours))})"
    ).collect()
    return TableMaintenance(
        table=table,
        ok=True,
        files_rewritten=rewrite["rewritten_data_files_count"] if rewrite else 0,
        files_added=rewrite["added_data_files_count"] if rewrite else 0,
        snapshots_expired=expired,
        orphans_removed=len(orphans),
    )


def run_maintenance(
    spark: SparkSession, settings: MaintenanceSettings, now: datetime | None = None
) -> MaintenanceSummary:
    """Maintain every table of the namespace; a failing table is reported and the others still run."""
    started = time.monotonic()
    now = now or datetime.now(UTC)
    summary = MaintenanceSummary(namespace=f"{settings.catalog}.{settings.namespace}")
    for table in list_tables(spark, settings):
        t0 = time.monotonic()
        try:
            result = maintain_table(spark, settings, table, now)
            result = replace(result, seconds=time.monotonic() - t0)
        except Exception as e:  # noqa: BLE001 - one table's failure must not stop the others; reported
            # The Java cause, not py4j's "An error occurred while calling o48.sql" that wraps it.
            result = TableMaintenance(table, ok=False, seconds=time.monotonic() - t0, message=java_message(e))
        log.info(result.log_line())
        summary.results.append(result)
    summary.seconds = time.monotonic() - started
    return summary
