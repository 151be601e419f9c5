"""Per-column checksums computed the same way from PostgreSQL rows and from pyiceberg (Arrow) rows.

Values are normalized before hashing: REAL values through float32 (PostgreSQL prints the shortest text,
Iceberg keeps the exact 32-bit value), bytes as hex. Each column hashes the sorted multiset of its values,
so row order never matters.
"""

from __future__ import annotations

import hashlib
import struct
from collections.abc import Iterable


def normalize(value: object, float32: bool) -> str:
    if value is None:
        return "\x00NULL"
    if isinstance(value, memoryview):
        value = bytes(value)
    if isinstance(value, bytes):
        return "b:" + value.hex()
    if isinstance(value, float):
        if float32:
            value = struct.unpack("f", struct.pack("f", value))[0]
        return "f:" + repr(value)
    if isinstance(value, int):
        return "i:" + str(value)
    return "s:" + str(value)


def column_checksum(values: Iterable[object], float32: bool = False) -> str:
    digest = hashlib.sha256()
    for text in sorted(normalize(v, float32) for v in values):
        digest.update(text.encode())
        digest.update(b"\n")
    return digest.hexdigest()[:16]


def postgres_checksums(conn, schema: str, table: str) -> tuple[int, dict[str, str]]:
    cols = conn.execute(
        "select column_name, udt_name from information_schema.columns where table_schema = %s "
        "and table_name = %s order by ordinal_position",
        (schema, table),
    ).fetchall()
    rows = conn.execute(f'select * from "{schema}"."{table}"').fetchall()
    return len(rows), {
        name: column_checksum((r[i] for r in rows), float32=udt == "float4")
        for i, (name, udt) in enumerate(cols)
    }


def iceberg_checksums(iceberg_table) -> tuple[int, dict[str, str]]:
    arrow = iceberg_table.scan().to_arrow()
    out = {}
    for field in iceberg_table.schema().fields:
        if field.name.startswith("_"):
            continue
        float32 = str(field.field_type) == "float"
        out[field.name] = column_checksum(arrow.column(field.name).to_pylist(), float32=float32)
    return arrow.num_rows, out
