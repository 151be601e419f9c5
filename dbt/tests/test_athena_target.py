"""The Athena target works offline: it parses with dummy settings, and every model's rendered Athena SQL is
valid Trino syntax, both on a first build and on an incremental one (vault tables already in Glue)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import sqlglot
from dbt_cli import PROJECT
from sqlglot import exp

MODEL_DIRS = ("staging", "raw_vault", "business_vault", "marts")


def compiled_models(target_path: Path) -> dict[str, str]:
    root = target_path / "compiled" / "northwind_vault" / "models"
    # Data tests compile under <schema file>.yml/ folders; the models are the other files.
    return {
        path.stem: path.read_text() for path in sorted(root.rglob("*.sql")) if path.parent.suffix != ".yml"
    }


def project_models() -> set[str]:
    return {path.stem for folder in MODEL_DIRS for path in (PROJECT / "models" / folder).rglob("*.sql")}


@pytest.fixture(scope="module")
def first_build(athena_rendering: Path) -> dict[str, str]:
    return compiled_models(athena_rendering / "first")


@pytest.fixture(scope="module")
def incremental_build(athena_rendering: Path) -> dict[str, str]:
    return compiled_models(athena_rendering / "incremental")


def test_athena_target_parses_offline(athena_rendering: Path) -> None:
    manifest = json.loads((athena_rendering / "parse" / "manifest.json").read_text())
    assert manifest["metadata"]["adapter_type"] == "athena"
    models = {n["name"] for n in manifest["nodes"].values() if n["resource_type"] == "model"}
    assert models == project_models()


def assert_trino(name: str, sql: str) -> None:
    tree = sqlglot.parse_one(sql, read="trino")
    assert isinstance(tree, exp.Query), f"{name}: not a query"
    # Hashes are Trino's md5 over UTF-8 bytes, lower-cased hex; DuckDB's md5(varchar) would not run on Trino.
    for md5 in tree.find_all(exp.MD5, exp.MD5Digest):
        text = md5.parent.sql(dialect="trino") if md5.parent else ""
        assert "TO_HEX" in text.upper(), f"{name}: md5 not hex-encoded for Trino: {text}"
    # Round trip: what sqlglot understood renders back to Trino without errors.
    tree.sql(dialect="trino", unsupported_level=sqlglot.ErrorLevel.RAISE)


def test_every_model_renders_valid_trino_on_a_first_build(first_build: dict[str, str]) -> None:
    assert set(first_build) == project_models()
    for name, sql in first_build.items():
        assert_trino(name, sql)


def test_layers_land_in_the_glue_databases_of_the_aws_stack(athena_rendering: Path) -> None:
    """Raw from catalog_database_raw, vault in catalog_database_vault, marts in catalog_database_marts, stored
    under <warehouse>/<database>.db/ (the prefix the Snowflake role may read)."""
    first = compiled_models(athena_rendering / "first")
    assert re.search(r'from "awsdatacatalog"\."northwind_offline_raw"\."orders"', first["stg_orders"])
    assert "cast(_load_ts as timestamp(6))" in first["stg_orders"]
    assert '"northwind_offline_vault"."mart_sales"' not in first["mart_customer_sales"]
    assert '"awsdatacatalog"."northwind_offline_marts"."mart_sales"' in first["mart_customer_sales"]
    # the marts read the current-state layer of the business vault, which lives in the vault database
    assert '"awsdatacatalog"."northwind_offline_vault"."current_customer"' in first["mart_customer_sales"]
    assert '"awsdatacatalog"."northwind_offline_vault"."sat_customer"' in first["current_customer"]
    manifest = json.loads((athena_rendering / "parse" / "manifest.json").read_text())
    for node in manifest["nodes"].values():
        if node["resource_type"] != "model":
            continue
        database = (
            "northwind_offline_marts" if node["name"].startswith("mart_") else "northwind_offline_vault"
        )
        assert node["schema"] == database, node["name"]
        assert node["config"]["table_type"] == "iceberg", node["name"]
        assert node["config"]["s3_data_dir"] == f"s3://northwind-offline-lake/warehouse/{database}.db", node[
            "name"
        ]


def test_incremental_models_render_valid_trino_and_read_only_new_batches(
    incremental_build: dict[str, str],
) -> None:
    insert_only = {
        name for name in project_models() if name.startswith(("hub_", "link_", "sat_", "sts_", "eff_"))
    }
    # merged: the PIT tables (new as-of dates only), the sales mart (the order lines a batch touched) and the
    # large current-state tables (the keys a batch named); appended: the bridge (new links)
    current_state = {"current_order", "current_order_line"}
    merged = {"pit_customer", "pit_product", "mart_sales", *current_state}
    assert set(incremental_build) == insert_only | merged | {"bridge_order_product"}
    for name, sql in incremental_build.items():
        assert_trino(name, sql)
        if name in insert_only:
            # The watermark is a constant (macro new_rows_filter), so Athena prunes the log's files of older
            # batches; offline the vault tables are empty, hence the epoch.
            bound = re.search(r"load_ts > cast\('[0-9: .-]+' as timestamp\(6\)\)", sql)
            assert bound, f"{name}: no constant new-batch bound in the incremental SQL"
            assert "select coalesce(max(load_ts)" not in sql, f"{name}: a subquery bound cannot prune files"
    for name in ("pit_customer", "pit_product"):
        assert "select max(loaded.as_of_date)" in incremental_build[name], name
    assert "coalesce(max(mart.source_load_ts)" in incremental_build["mart_sales"]
    for name in current_state:
        # The changed keys come from scans of the satellites bounded by a constant (the table's newest
        # changed_ts), which prunes the files of older batches, and only those keys are recomputed.
        sql = incremental_build[name]
        assert re.search(r"newer\.load_ts > cast\('[0-9: .-]+' as timestamp\(6\)\)", sql), name
        assert "in (select changed_keys." in sql, name
    assert re.search(
        r"link\.load_ts > cast\('[0-9: .-]+' as timestamp\(6\)\)", incremental_build["bridge_order_product"]
    )
    assert "not exists" in incremental_build["hub_customer"]
    assert "lag(customer_hashdiff)" in incremental_build["sat_customer"]
