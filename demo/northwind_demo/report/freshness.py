"""Freshness: per source table, the newest load timestamp among the committed change-log rows, and the batch
that brought it. A table no batch changed since the first load keeps that first load's timestamp."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import duckdb

from northwind_demo.report.vault_db import MANIFEST, manifest, raw_schema, raw_tables


@dataclass(frozen=True)
class Freshness:
    table: str
    newest_load: datetime | None  # None: the table never had a row (two Northwind tables are empty)
    batch_id: str | None


def newest_loads(con: duckdb.DuckDBPyConnection) -> list[Freshness]:
    committed = f"(select batch_id from {manifest(con)})"
    found = []
    for table in raw_tables(con):
        if table == MANIFEST or table.endswith("_keys"):
            continue
        row = con.execute(
            f'select _load_ts, _batch_id from "{raw_schema()}"."{table}" where _batch_id in {committed}'
            " order by _load_ts desc limit 1"
        ).fetchone()
        found.append(Freshness(table, *(row if row else (None, None))))
    return found
