"""One ingestion batch: a consistent source snapshot -> change-only rows per table -> one manifest commit.

The batch is all or nothing. Every table is planned inside one PostgreSQL snapshot, written (tables in
parallel, each its own Iceberg commits), and only when every table succeeded are the batch's manifest rows
committed, which is what makes the batch visible. When a table fails, the tables this batch already wrote
are put back at their previous snapshots; a batch that crashed before that is undone at the start of the
next run (any table whose snapshot differs from what the manifest recorded), so a rerun never duplicates.
"""

from __future__ import annotations

import logging
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import UTC, datetime

from pyspark.sql import DataFrame, SparkSession

from northwind_ingest import change_detection as cd
from northwind_ingest import log_writer as lw
from northwind_ingest.identifiers import is_valid_identifier, spark_quote
from northwind_ingest.manifest import (
    MODE_FULL_COMPARE,
    MODE_INITIAL,
    MODE_UNCHANGED,
    TableState,
    commit_batch,
    latest_states,
)
from northwind_ingest.raw_layer import (
    OP_DELETE,
    OP_INSERT,
    OP_UPDATE,
    ident,
    keys_table,
    reserved_name_clashes,
)
from northwind_ingest.schema_evolution import SchemaEvolution, check_metadata_clash, plan_evolution
from northwind_ingest.settings import JobSettings
from northwind_ingest.source import SourceTable, discover_tables
from northwind_ingest.source_snapshot import SourceSnapshot, SourceUnavailableError, java_message
from northwind_ingest.summary import RunSummary, TableResult

log = logging.getLogger("northwind_ingest")


def new_stamp() -> lw.BatchStamp:
    now = datetime.now(UTC).replace(tzinfo=None)
    return lw.BatchStamp(
        batch_id=f"{now:%Y%m%dT%H%M%S%fZ}-{uuid.uuid4().hex[:8]}",
        load_ts=now,
        started_at=now,
    )


def run_ingestion(
    spark: SparkSession, settings: JobSettings, stamp: lw.BatchStamp | None = None
) -> RunSummary:
    """Ingest one batch. Never raises for data or source problems: read the summary."""
    stamp = stamp or new_stamp()
    summary = RunSummary(batch_id=stamp.batch_id)
    started = time.monotonic()
    try:
        with SourceSnapshot(spark, settings.source, settings.connect_retry_seconds) as snapshot:
            _run_batch(spark, settings, snapshot, stamp, summary)
    except (SourceUnavailableError, ValueError) as exc:
        summary.error = str(exc)
    if summary.error:
        log.error("%s", summary.error)
    summary.seconds = time.monotonic() - started
    return summary


def _run_batch(
    spark: SparkSession,
    settings: JobSettings,
    snapshot: SourceSnapshot,
    stamp: lw.BatchStamp,
    summary: RunSummary,
) -> None:
    target = settings.target
    tables = discover_tables(snapshot, settings)
    clashes = reserved_name_clashes([t.name for t in tables])
    if clashes:
        raise ValueError(f"source table name(s) {', '.join(clashes)} are reserved by the raw layer")
    try:
        spark.sql(f"create namespace if not exists {spark_quote(target.catalog, target.namespace)}")
        states = latest_states(spark, target)
        undo_uncommitted(spark, settings, tables, states)
    except Exception as exc:  # noqa: BLE001 - reported like any other failure before the tables
        summary.error = f"cannot open the raw layer {target.catalog}.{target.namespace}: {java_message(exc)}"
        return
    log.info("batch %s: %d tables from %s", stamp.batch_id, len(tables), settings.source.schema)

    plans: list[cd.ChangePlan] = []
    for table in tables:
        try:
            plans.append(_plan(spark, settings, snapshot, table, states.get(table.name)))
        except Exception as exc:  # noqa: BLE001 - reported per table; the batch will not commit
            summary.results.append(_failure(table.name, exc, 0.0))
    if summary.results:  # a table cannot even be planned: write nothing
        return

    before = {p.table.name: lw.snapshots(spark, target, p.table.name) for p in plans}
    with ThreadPoolExecutor(max_workers=settings.parallel_tables, thread_name_prefix="table") as pool:
        outcomes = list(pool.map(lambda p: _ingest_table(spark, settings, snapshot, p, stamp), plans))
    summary.results = sorted((r for r, _ in outcomes), key=lambda r: r.table)
    if summary.failed:
        _restore_all(spark, settings, before)
        return
    committed_at = datetime.now(UTC).replace(tzinfo=None)
    commit_batch(spark, target, [replace(state, committed_at=committed_at) for _, state in outcomes if state])
    summary.committed = True


def _plan(
    spark: SparkSession,
    settings: JobSettings,
    snapshot: SourceSnapshot,
    table: SourceTable,
    state: TableState | None,
) -> cd.ChangePlan:
    table.validate()
    schema = table.schema()
    evolution = SchemaEvolution()
    if state is None:
        check_metadata_clash(table.name, schema)
    else:
        existing = spark.table(ident(settings.target, table.name)).schema
        evolution = plan_evolution(table.name, existing, schema)
    plan = cd.plan_change(snapshot, settings, table, state, evolution)
    if (
        state is not None
        and plan.mode != MODE_FULL_COMPARE
        and lw.schema_ahead_of_data(spark, settings.target, table.name)
    ):
        plan = cd.ChangePlan(table, MODE_FULL_COMPARE, state, evolution, plan.source_rows, plan.source_rows)
    return plan


def _ingest_table(
    spark: SparkSession,
    settings: JobSettings,
    snapshot: SourceSnapshot,
    plan: cd.ChangePlan,
    stamp: lw.BatchStamp,
) -> tuple[TableResult, TableState | None]:
    t0 = time.monotonic()
    name = plan.table.name
    try:
        counts, mode = _write_changes(spark, settings, snapshot, plan, stamp)
        snapshot_id = lw.current_snapshot_id(spark, settings.target, name)
        keys_id = lw.current_snapshot_id(spark, settings.target, keys_table(name))
        source_rows = counts[OP_INSERT] if mode == MODE_INITIAL else plan.source_rows
        result = TableResult(
            name, True, mode, counts[OP_INSERT], counts[OP_UPDATE], counts[OP_DELETE],
            time.monotonic() - t0, snapshot_id, plan.evolution.describe(),
        )  # fmt: skip
        draft = TableState(
            batch_id=stamp.batch_id, started_at=stamp.started_at, committed_at=stamp.started_at,
            table_name=name, mode=mode,
            log_snapshot_id=lw.NO_SNAPSHOT if snapshot_id is None else snapshot_id,
            keys_snapshot_id=lw.NO_SNAPSHOT if keys_id is None else keys_id,
            inserted=counts[OP_INSERT], updated=counts[OP_UPDATE], deleted=counts[OP_DELETE],
            source_rows=source_rows, source_xmin=snapshot.info.xmin, schema_change=plan.evolution.describe(),
        )  # fmt: skip
    except Exception as exc:  # noqa: BLE001 - one table's failure fails the batch, reported by name
        result, draft = _failure(name, exc, time.monotonic() - t0), None
    (log.info if result.ok else log.error)("%s", result.log_line())
    return result, draft


def _write_changes(
    spark: SparkSession,
    settings: JobSettings,
    snapshot: SourceSnapshot,
    plan: cd.ChangePlan,
    stamp: lw.BatchStamp,
) -> tuple[dict[str, int], str]:
    """Detect and write one table's changes; returns the counts per op and the mode that applied."""
    target, table = settings.target, plan.table
    record_source = settings.source.record_source(table.name)
    none = {OP_INSERT: 0, OP_UPDATE: 0, OP_DELETE: 0}
    if plan.mode == MODE_UNCHANGED:
        return none, MODE_UNCHANGED
    if plan.mode == MODE_INITIAL:
        rows = lw.log_rows(cd.initial_rows(spark, settings, snapshot, plan), table, record_source, stamp)
        lw.create_tables(spark, target, table, rows)
        return {**none, OP_INSERT: lw.added_records(spark, target, table.name)}, MODE_INITIAL

    assert plan.state is not None
    if plan.evolution.changed:
        lw.evolve(spark, target, table, plan.evolution)
    detect = cd.full_compare if plan.mode == MODE_FULL_COMPARE else cd.upserts_since_horizon
    upserts = detect(spark, settings, snapshot, plan).persist()
    counts = {**none, **_op_counts(upserts)}
    expected_deletes = plan.state.source_rows + counts[OP_INSERT] - plan.source_rows
    changes = upserts
    if expected_deletes > 0:
        log_table = spark.table(ident(target, table.name))
        changes = upserts.unionByName(
            cd.deletes(spark, settings, snapshot, plan, upserts, log_table)
        ).persist()
        counts = {**none, **_op_counts(changes)}
    if counts[OP_DELETE] != max(expected_deletes, 0):
        raise RuntimeError(
            f"table {table.name}: {counts[OP_DELETE]} deleted keys found, but the row counts say "
            f"{expected_deletes} (stored {plan.state.source_rows} + {counts[OP_INSERT]} new - "
            f"{plan.source_rows} in the source); the key table does not match the change log"
        )
    try:
        if sum(counts.values()) == 0:
            return none, MODE_UNCHANGED  # candidates were rewrites of the same values: nothing to commit
        lw.append_batch(spark, target, table, lw.log_rows(changes, table, record_source, stamp))
        return counts, plan.mode
    finally:
        changes.unpersist()
        upserts.unpersist()


def _op_counts(df: DataFrame) -> dict[str, int]:
    return {r["_op"]: int(r["count"]) for r in df.groupBy("_op").count().collect()}


def _failure(table: str, exc: BaseException, seconds: float) -> TableResult:
    message = java_message(exc) if hasattr(exc, "java_exception") else str(exc)
    if table not in message:
        message = f"table {table}: {message}"
    return TableResult(table, False, seconds=seconds, message=message)


def undo_uncommitted(
    spark: SparkSession, settings: JobSettings, tables: list[SourceTable], states: dict[str, TableState]
) -> None:
    """Put every table back where the manifest last left it: undoes a batch that crashed before it could
    restore its tables itself. A log table the manifest does not know was created by such a batch."""
    for table in tables:
        if not is_valid_identifier(table.name):
            continue  # never written; planning reports it
        state = states.get(table.name)
        if state is None:
            existing = lw.snapshots(spark, settings.target, table.name)
            if (
                existing.log is not None
                and "_op" not in spark.table(ident(settings.target, table.name)).columns
            ):
                raise ValueError(
                    f"table {table.name} in {settings.target.namespace} is not a change log (no _op column): "
                    "it predates the change-log layout; drop it or ingest into a new namespace"
                )
            target = lw.Snapshots(None, None)
        else:
            target = lw.Snapshots(state.log_snapshot_id, state.keys_snapshot_id)
        _restore(spark, settings, table.name, target, reason="an uncommitted batch")


def _restore_all(spark: SparkSession, settings: JobSettings, before: dict[str, lw.Snapshots]) -> None:
    for table, snaps in before.items():
        try:
            _restore(spark, settings, table, snaps, reason="the failed batch")
        except Exception as exc:  # noqa: BLE001 - the next run's undo_uncommitted retries it
            log.error("table %s: could not restore its previous snapshot (%s); the next run will", table, exc)


def _restore(
    spark: SparkSession, settings: JobSettings, table: str, snaps: lw.Snapshots, reason: str
) -> None:
    current = lw.snapshots(spark, settings.target, table)
    if current == snaps:
        return
    log.warning("table %s: undoing %s (snapshots %s -> %s)", table, reason, current, snaps)
    lw.restore(spark, settings.target, table, snaps.log)
    lw.restore(spark, settings.target, keys_table(table), snaps.keys)
