"""How the raw vault grew with each batch: the rows each hub, link and satellite got from it.

Every vault row carries the load timestamp of the batch that brought it, and a batch's load timestamp is its
`started_at` in the manifest, so rows are matched to batches on that timestamp. The ghost rows
(record_source 'SYSTEM') are no data and are not counted.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from northwind_demo.report.vault_db import columns, layer_of, manifest, tables

# Kinds of raw-vault table by name prefix, in the order the report lists them.
KINDS = (
    ("hub_", "hub"),
    ("link_", "link"),
    ("sat_", "satellite"),
    ("eff_sat_", "effectivity satellite"),
    ("sts_", "status satellite"),
)


def kind_of(table: str) -> str | None:
    # Longest prefix first: eff_sat_ tables are not plain satellites.
    for prefix, kind in sorted(KINDS, key=lambda pair: -len(pair[0])):
        if table.startswith(prefix):
            return kind
    return None


@dataclass(frozen=True)
class Growth:
    batch_id: str
    table: str
    kind: str
    rows: int


def growth_per_batch(con: duckdb.DuckDBPyConnection) -> list[Growth]:
    """Rows added per (batch, raw-vault table); tables a batch added nothing to are left out."""
    batch_of_ts = f"(select distinct batch_id, started_at from {manifest(con)})"
    found: list[Growth] = []
    for schema, table in tables(con):
        kind = kind_of(table)
        if layer_of(schema) != "raw_vault" or kind is None:
            continue
        if not {"load_ts", "record_source"} <= columns(con, schema, table):
            continue
        rows = con.execute(
            f'select b.batch_id, count(*) from "{schema}"."{table}" v join {batch_of_ts} b'
            " on v.load_ts = b.started_at where v.record_source <> 'SYSTEM' group by 1 order by 1"
        ).fetchall()
        found.extend(Growth(batch_id, table, kind, int(n)) for batch_id, n in rows)
    return found
