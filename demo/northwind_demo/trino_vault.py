"""The vault on the local Trino (`NORTHWIND_ENGINE=trino`), read by the same summary code as the DuckDB file.

The summary speaks the small part of DuckDB's connection API it needs (`execute(sql, params)` then
`fetchall()` / `fetchone()`); this class offers the same on a Trino connection to the demo's Iceberg catalog.
On Trino the raw and business vault share one namespace (northwind_vault), so the layer of each table comes
from dbt's manifest (the model's folder), not from its schema name."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

LAYER_FOLDERS = ("raw_vault", "business_vault", "marts")
START_HINT = "scripts/local_trino.sh start"


class TrinoVault:
    def __init__(self, manifest: Path) -> None:
        import trino

        port = int(os.environ.get("NORTHWIND_TRINO_PORT", "58080"))
        catalog = os.environ.get("NORTHWIND_TRINO_CATALOG", "iceberg")
        self._conn = trino.dbapi.connect(host="127.0.0.1", port=port, user="northwind", catalog=catalog)
        try:
            self._conn.cursor().execute("select 1").fetchall()
        except Exception as error:
            raise SystemExit(f"no Trino on 127.0.0.1:{port}: run `{START_HINT}` ({error})") from error
        self._layers = _layers_from_manifest(manifest)
        self._cursor: Any = None

    def execute(self, sql: str, params: list[Any] | None = None) -> TrinoVault:
        self._cursor = self._conn.cursor()
        self._cursor.execute(sql, params) if params else self._cursor.execute(sql)
        return self

    def fetchall(self) -> list[tuple]:
        return [tuple(row) for row in self._cursor.fetchall()]

    def fetchone(self) -> tuple | None:
        rows = self.fetchall()
        return rows[0] if rows else None

    def layer_of(self, schema: str, table: str) -> str | None:
        """The vault layer of a table (None for the raw layer, staging views and anything else)."""
        return self._layers.get(table)

    @staticmethod
    def is_raw_log(table: str) -> bool:
        """The `<table>_keys` tables beside the logs are the ingestion's own state, not sources (DuckDB's
        plugin defines views for the sources only)."""
        return not table.endswith("_keys")


def _layers_from_manifest(manifest: Path) -> dict[str, str]:
    if not manifest.is_file():
        raise SystemExit(f"no dbt manifest at {manifest}: run the vault build first")
    nodes = json.loads(manifest.read_text(encoding="utf-8"))["nodes"].values()
    return {
        node["alias"]: node["fqn"][1]
        for node in nodes
        if node["resource_type"] == "model" and len(node["fqn"]) > 2 and node["fqn"][1] in LAYER_FOLDERS
    }
