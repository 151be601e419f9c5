"""Rows per layer: the raw change logs (committed batches only) and each vault layer's tables."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from northwind_demo.report.vault_db import (
    LAYERS,
    MANIFEST,
    columns,
    layer_of,
    manifest,
    raw_schema,
    raw_tables,
    tables,
)

RAW = "raw (Iceberg change logs)"


@dataclass(frozen=True)
class Layer:
    name: str
    tables: int
    rows: int


def rows_per_layer(con: duckdb.DuckDBPyConnection) -> list[Layer]:
    committed = f"(select batch_id from {manifest(con)})"
    totals: dict[str, list[int]] = {name: [0, 0] for name in (RAW, *LAYERS)}
    for table in raw_tables(con):
        if table == MANIFEST or table.endswith("_keys"):
            continue  # the manifest is no log; <t>_keys is the ingestion's own state
        sql = f'select count(*) from "{raw_schema()}"."{table}" where _batch_id in {committed}'
        totals[RAW][0] += 1
        totals[RAW][1] += int(con.execute(sql).fetchone()[0])
    for schema, table in tables(con):
        name = layer_of(schema)
        if name is None:
            continue
        # The ghost row of every hub and satellite (record_source 'SYSTEM') is no business key.
        real = " where record_source <> 'SYSTEM'" if "record_source" in columns(con, schema, table) else ""
        totals[name][0] += 1
        totals[name][1] += int(con.execute(f'select count(*) from "{schema}"."{table}"{real}').fetchone()[0])
    return [Layer(name, n_tables, n_rows) for name, (n_tables, n_rows) in totals.items()]
