"""Read the raw layer back, from the emulator through pyiceberg's Glue catalog or from the local catalog, in a
form two runs of the same source can be compared in row for row.

Two runs differ only in what names a batch and when: batch ids become their ordinal (1 = the first batch),
load and commit times and snapshot ids are left out, everything else (source columns, `_op`, `_record_source`,
`_row_hash`, the manifest's modes and counts) must be equal.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pyarrow as pa
from pyiceberg.catalog import Catalog, load_catalog

# Columns whose values name a run rather than the data: dropped before comparing.
VOLATILE = ("_load_ts", "started_at", "committed_at", "log_snapshot_id", "keys_snapshot_id", "source_xmin")
# Columns holding batch ids: replaced by the batch's ordinal.
BATCH_ID_COLUMNS = ("_batch_id", "batch_id")
MANIFEST = "batch_manifest"

Rows = list[tuple[Any, ...]]


def emulator_glue_catalog(endpoint: str, region: str) -> Catalog:
    """pyiceberg's Glue catalog with S3 file IO, both pointed at the emulator (endpoint overrides only)."""
    return load_catalog(
        "emulator",
        **{
            "type": "glue",
            "glue.endpoint": endpoint,
            "glue.region": region,
            "glue.access-key-id": "emulator",
            "glue.secret-access-key": "emulator",
            "s3.endpoint": endpoint,
            "s3.region": region,
            "s3.access-key-id": "emulator",
            "s3.secret-access-key": "emulator",
            "s3.force-virtual-addressing": "false",
        },
    )


def read_namespace(catalog: Catalog, namespace: str) -> dict[str, pa.Table]:
    """Every table of the namespace, read in full at its current snapshot."""
    return {
        identifier[-1]: catalog.load_table(identifier).scan().to_arrow()
        for identifier in catalog.list_tables(namespace)
    }


def comparable(tables: dict[str, pa.Table]) -> dict[str, Rows]:
    """Each table's rows, sorted, with batch ids as ordinals and volatile columns left out."""
    manifest = tables.get(MANIFEST)
    batches = sorted(set(manifest.column("batch_id").to_pylist())) if manifest is not None else []
    ordinal = {batch: i + 1 for i, batch in enumerate(batches)}
    out: dict[str, Rows] = {}
    for name, table in tables.items():
        columns = sorted(c for c in table.column_names if c not in VOLATILE)
        values = []
        for column in columns:
            data = table.column(column).to_pylist()
            if column in BATCH_ID_COLUMNS:
                data = [ordinal.get(v, f"unknown batch {v}") for v in data]
            values.append(data)
        rows = list(zip(*values, strict=True)) if values else []
        out[name] = sorted(rows, key=repr)
    return out


def differences(emulated: dict[str, Rows], local: dict[str, Rows]) -> list[str]:
    """What differs, per table, in a few readable lines (empty when equal row for row)."""
    problems = []
    for name in sorted(set(emulated) | set(local)):
        if name not in emulated or name not in local:
            where = "the local run" if name in local else "the emulator"
            problems.append(f"table {name}: only in {where}")
            continue
        left, right = Counter(emulated[name]), Counter(local[name])
        if left != right:
            only_emulated = sum((left - right).values())
            only_local = sum((right - left).values())
            example = next(iter((left - right) or (right - left)))
            problems.append(
                f"table {name}: {only_emulated} rows only in the emulator, {only_local} only locally "
                f"(e.g. {str(example)[:200]})"
            )
    return problems


def batch_counts(tables: dict[str, pa.Table]) -> int:
    manifest = tables.get(MANIFEST)
    return len(set(manifest.column("batch_id").to_pylist())) if manifest is not None else 0
