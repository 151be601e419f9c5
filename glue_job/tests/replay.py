"""Test helper: a table's current state replayed from its change log, the way a downstream reader would.

Only committed batches count (their ids are in the manifest); each key's row of the newest batch wins, and a
key whose newest row is a delete is gone. Independent of the ingestion's own key table on purpose.
"""

from __future__ import annotations

from typing import Any

SOURCE_ONLY = lambda name: not name.startswith("_")


def committed_batches(catalog, namespace: str) -> list[str]:
    rows = catalog.load_table(f"{namespace}.batch_manifest").scan().to_arrow().column("batch_id").to_pylist()
    return sorted(set(rows))


def manifest_rows(catalog, namespace: str, batch_id: str) -> dict[str, dict[str, Any]]:
    rows = catalog.load_table(f"{namespace}.batch_manifest").scan().to_arrow().to_pylist()
    return {r["table_name"]: r for r in rows if r["batch_id"] == batch_id}


def log_rows(catalog, namespace: str, table: str, batch_id: str | None = None) -> list[dict[str, Any]]:
    iceberg = catalog.load_table(f"{namespace}.{table}")
    scan = iceberg.scan(row_filter=f"_batch_id == '{batch_id}'") if batch_id else iceberg.scan()
    return scan.to_arrow().to_pylist()


def current_state(catalog, namespace: str, table: str, key: tuple[str, ...]) -> dict[tuple, dict[str, Any]]:
    """key -> the row's source columns, as of the newest committed batch."""
    committed = set(committed_batches(catalog, namespace))
    state: dict[tuple, dict[str, Any]] = {}
    rows = [r for r in log_rows(catalog, namespace, table) if r["_batch_id"] in committed]
    for row in sorted(rows, key=lambda r: r["_batch_id"]):
        k = tuple(row[c] for c in key)
        if row["_op"] == "delete":
            state.pop(k, None)
        else:
            state[k] = {n: v for n, v in row.items() if SOURCE_ONLY(n)}
    return state
