"""Per committed batch and per source table: the mode and the inserted, updated and deleted counts, as the
ingestion recorded them in the raw layer's batch manifest (written last, so only committed batches are there)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import duckdb

from northwind_demo.report.vault_db import manifest


@dataclass(frozen=True)
class TableChange:
    table: str
    mode: str  # how the ingestion read the table this batch (northwind_ingest.job)
    inserted: int
    updated: int
    deleted: int
    source_rows: int

    @property
    def changed(self) -> bool:
        return bool(self.inserted or self.updated or self.deleted)


@dataclass(frozen=True)
class Batch:
    batch_id: str
    started_at: datetime  # equals the load timestamp of every row the batch wrote
    committed_at: datetime
    tables: list[TableChange]

    def total(self, op: str) -> int:
        return sum(getattr(t, op) for t in self.tables)


def committed_batches(con: duckdb.DuckDBPyConnection) -> list[Batch]:
    """Every batch the vault has loaded, oldest first (batch ids sort in time)."""
    rows = con.execute(
        "select batch_id, started_at, committed_at, table_name, mode, inserted, updated, deleted, source_rows"
        f" from {manifest(con)} order by batch_id, table_name"
    ).fetchall()
    batches: dict[str, Batch] = {}
    for batch_id, started, committed, table, mode, inserted, updated, deleted, source_rows in rows:
        batch = batches.setdefault(batch_id, Batch(batch_id, started, committed, []))
        batch.tables.append(
            TableChange(table, mode, int(inserted), int(updated), int(deleted), int(source_rows or 0))
        )
    return list(batches.values())
