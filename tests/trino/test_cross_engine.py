"""The vault's cloud SQL executes on Trino (the engine Athena is built on) and builds the same Data Vault as
DuckDB from one ingestion: after the full build and after each incremental build, every hub, link,
satellite, effectivity and status satellite, PIT, bridge, current-state table and mart is equal across the
two engines, row for row (hash keys, hashdiffs, load timestamps, values; floats within compare.py's
tolerance). See cross_engine_state.py for the stages."""

from __future__ import annotations

import json
import re
from decimal import Decimal

import pytest
from cross_engine_state import (
    CATALOG,
    KILL_AFTER_MODELS,
    MARTS_NS,
    VAULT_NS,
    WIDE_PRICE,
    CrossEngine,
    Snapshot,
)
from engine_compare import differences
from trino_engine import execute, run_dbt_trino, trino_tables

# What the vault must hold on both engines, so that "equal" cannot mean "both empty".
EXPECTED_VAULT_TABLES = {
    "hub_customer",
    "hub_order",
    "link_order_customer_employee",
    "sat_customer",
    "sat_order_line",
    "sts_order_line",
    "eff_sat_order_customer_employee",
    "pit_customer",
    "bridge_order_product",
    "current_order_line",
}
EXPECTED_MARTS = {
    "mart_sales",
    "mart_customer_sales",
    "mart_employee_performance",
    "mart_product_sales",
    "mart_sales_by_country_year",
    "mart_sales_by_region",
}


def assert_engines_equal(snapshot: Snapshot) -> None:
    assert EXPECTED_VAULT_TABLES <= set(snapshot.trino_vault), sorted(snapshot.trino_vault)
    assert set(snapshot.trino_marts) == EXPECTED_MARTS
    assert all(snapshot.trino_vault[name][1] for name in EXPECTED_VAULT_TABLES), "a vault table is empty"
    problems = differences(snapshot.duckdb_vault, snapshot.trino_vault)
    problems += differences(snapshot.duckdb_marts, snapshot.trino_marts)
    assert not problems, "\n".join(problems[:20])


def mart_lines(tables: dict) -> set[tuple[int, int]]:
    columns, rows = tables["mart_sales"]
    order, product = columns.index("order_id"), columns.index("product_id")
    return {(row[order], row[product]) for row in rows}


def test_full_build_is_equal_on_both_engines(full_build: Snapshot) -> None:
    assert_engines_equal(full_build)


def test_incremental_build_after_a_change_set_is_equal(full_build: Snapshot, change_build: Snapshot) -> None:
    assert_engines_equal(change_build)
    # The change set reached the vault: it grew on both engines.
    for name in ("hub_order", "sat_customer", "sts_order_line"):
        assert len(change_build.trino_vault[name][1]) > len(full_build.trino_vault[name][1]), name


def test_a_deleted_order_line_leaves_the_mart_on_every_engine(
    full_build: Snapshot, change_build: Snapshot
) -> None:
    line = change_build.notes["deleted_line"]
    for engine in ("duckdb", "trino"):
        before = mart_lines(getattr(full_build, f"{engine}_marts"))
        after = mart_lines(getattr(change_build, f"{engine}_marts"))
        assert line in before, (engine, line)
        assert line not in after, f"{engine}: deleted order line {line} is still in mart_sales"
        assert not {key for key in after if key[0] in change_build.notes["deleted_orders"]}, engine


def test_a_relationship_that_returns_is_equal(return_build: Snapshot) -> None:
    """Order X: customer A, then B, then A again. Both engines record the three periods alike."""
    assert_engines_equal(return_build)
    columns, rows = return_build.trino_marts["mart_sales"]
    order, customer = columns.index("order_id"), columns.index("customer_id")
    customers = {row[customer] for row in rows if row[order] == return_build.notes["moved_order"]}
    assert customers == {return_build.notes["customers"][0]}


def test_dbt_data_tests_pass_on_trino(cross_engine: CrossEngine, return_build: Snapshot) -> None:
    results = json.loads((cross_engine.state / "dbt-target-trino" / "run_results.json").read_text())
    tests = [r for r in results["results"] if r["unique_id"].startswith("test.")]
    assert len(tests) > 300, len(tests)
    assert {r["status"] for r in tests} == {"pass"}


AUDIT = f"{VAULT_NS}_audit.vault_tested_through"


def newest_load_ts(tables: dict, name: str) -> object:
    columns, rows = tables[name]
    at = columns.index("load_ts")
    return max((row[at] for row in rows), default=None)  # an empty model records nothing


def test_data_tests_on_trino_follow_the_change(cross_engine: CrossEngine, return_build: Snapshot) -> None:
    """The return build (`dbt build`) recorded, in one insert, the newest load_ts each raw-vault model's tests
    covered (macros/tests/untested_rows.sql). A row dated before it is tested again only by the audit of the
    whole history; a new row that repeats an old key fails, and its model records nothing."""
    conn = cross_engine.trino
    recorded = dict(execute(conn, f"select model_name, max(tested_through) from {AUDIT} group by model_name"))
    manifest = json.loads((cross_engine.state / "dbt-target-trino" / "manifest.json").read_text())
    raw_vault = [
        node["alias"]
        for node in manifest["nodes"].values()
        if node["resource_type"] == "model" and node["fqn"][1] == "raw_vault"
    ]
    assert len(raw_vault) > 30, raw_vault
    for name in raw_vault:
        assert recorded.get(name) == newest_load_ts(return_build.trino_vault, name), name
    assert "stg_customers" in recorded and "stg_batch_manifest" not in recorded
    # One commit wrote all of them (the table's creation is a commit without rows).
    snapshots = f'{VAULT_NS}_audit."vault_tested_through$snapshots"'
    writes = f"select count(*) from {snapshots} where element_at(summary, 'added-records') is not null"
    assert execute(conn, writes) == [(1,)]

    hub_order = f"{VAULT_NS}.hub_order"
    own_tests = ["test", "--select", "hub_order,test_type:generic"]
    rows_of_hub_order = execute(conn, f"select count(*) from {AUDIT} where model_name = 'hub_order'")
    for age, scoped_run_passes in (("- interval '1' second", True), ("+ interval '1' hour", False)):
        execute(
            conn,
            f"insert into {hub_order} select order_hk, order_id, cast(timestamp '{recorded['hub_order']}'"
            f" {age} as timestamp(6)), 'duplicate' from {hub_order} where order_id = 10248"
            f" or order_id = (select min(order_id) from {hub_order} where order_id > 0)",
        )
        try:
            if scoped_run_passes:
                run_dbt_trino(own_tests, cross_engine.state, CATALOG, CATALOG)
                with pytest.raises(AssertionError, match="unique_hub_order_order_hk"):
                    run_dbt_trino(
                        [*own_tests, "--vars", "{test_scope: all}"], cross_engine.state, CATALOG, CATALOG
                    )
            else:
                recorded_rows = execute(conn, f"select count(*) from {AUDIT} where model_name = 'hub_order'")
                with pytest.raises(AssertionError, match="unique_hub_order_order_hk"):
                    run_dbt_trino(own_tests, cross_engine.state, CATALOG, CATALOG)
                assert (
                    execute(conn, f"select count(*) from {AUDIT} where model_name = 'hub_order'")
                    == recorded_rows
                )
        finally:
            execute(conn, f"delete from {hub_order} where record_source = 'duplicate'")
    assert execute(conn, f"select count(*) from {AUDIT} where model_name = 'hub_order'") > rows_of_hub_order


def test_an_incremental_model_out_of_sync_with_its_table_fails_by_name(
    cross_engine: CrossEngine, return_build: Snapshot
) -> None:
    """The project's incremental materialization on Trino (macros/materializations/trino_incremental.sql)
    keeps on_schema_change 'fail': a table column the query lacks, or one of another kind, fails the run and
    is named; the table is left as it was. (current_order: its query names its columns, where a raw-vault
    model with nothing new selects the table's own.)"""
    conn = cross_engine.trino
    table = f"{VAULT_NS}.current_order"
    before = execute(conn, f"select * from {table} order by 1")
    # (what breaks the table's schema, the error that must name it, what puts the table back)
    cases = [
        (
            ["add column order_note varchar"],
            "column order_note is missing from the query",
            ["drop column order_note"],
        ),
        (
            ["rename column ship_country to ship_country_text", "add column ship_country bigint"],
            "column ship_country is VARCHAR, the table has BIGINT",
            ["drop column ship_country", "rename column ship_country_text to ship_country"],
        ),
    ]
    for changes, error, undo in cases:
        for change in changes:
            execute(conn, f"alter table {table} {change}")
        try:
            with pytest.raises(AssertionError, match=error):
                run_dbt_trino(["run", "--select", "current_order"], cross_engine.state, CATALOG, CATALOG)
        finally:
            for change in undo:
                execute(conn, f"alter table {table} {change}")
    assert execute(conn, f"select * from {table} order by 1") == before


def test_rebuild_from_the_raw_history_equals_the_incremental_build(
    cross_engine: CrossEngine, return_build: Snapshot
) -> None:
    """On Trino, all three batches replayed into empty namespaces give the vault the increments built."""
    namespaces = {"northwind_vault_database": "rebuild_vault", "northwind_marts_database": "rebuild_marts"}
    try:
        run_dbt_trino(["run"], cross_engine.state, CATALOG, CATALOG, **namespaces)
        rebuilt_vault = trino_tables(cross_engine.trino, "rebuild_vault")
        rebuilt_marts = trino_tables(cross_engine.trino, "rebuild_marts")
    finally:
        pass
    problems = differences(return_build.trino_vault, rebuilt_vault)
    problems += differences(return_build.trino_marts, rebuilt_marts)
    assert not problems, "\n".join(problems[:20])


def test_trino_writes_no_statistics_files(cross_engine: CrossEngine, full_build: Snapshot) -> None:
    """The catalog collects no extended statistics on write (trino_engine.create_catalog, as
    scripts/local_trino.sh): no Puffin file beside the vault's and the marts' table metadata."""
    warehouse = cross_engine.state / "iceberg" / "warehouse"
    metadata = [path for ns in (VAULT_NS, MARTS_NS) for path in (warehouse / ns).glob("*/metadata/*")]
    assert any(path.name.endswith(".metadata.json") for path in metadata), "no Trino table metadata found"
    assert not [path for path in metadata if path.suffix == ".stats"]


def test_built_marts_have_the_documented_columns(full_build: Snapshot) -> None:
    """What the serving layer serves (dbt/tests/serving/test_serving_columns.py) is what both engines build."""
    import yaml
    from dbt_cli import PROJECT

    models = yaml.safe_load((PROJECT / "models" / "marts" / "_marts.yml").read_text(encoding="utf-8"))[
        "models"
    ]
    documented = {model["name"]: [column["name"] for column in model["columns"]] for model in models}
    for engine in ("duckdb_marts", "trino_marts"):
        built = {name: columns for name, (columns, _) in getattr(full_build, engine).items()}
        assert built == documented, engine


def product_prices(tables: dict, product_hk: str) -> list[Decimal]:
    """The unit prices sat_product holds for one product, oldest first."""
    columns, rows = tables["sat_product"]
    key, load_ts, price = (columns.index(c) for c in ("product_hk", "load_ts", "unit_price"))
    return [row[price] for row in sorted((r for r in rows if r[key] == product_hk), key=lambda r: r[load_ts])]


def hash_key_of(tables: dict, hub: str, column: str, value: object) -> str:
    columns, rows = tables[hub]
    key = columns.index(hub.removeprefix("hub_") + "_hk")
    (found,) = {row[key] for row in rows if row[columns.index(column)] == value}
    return found


def test_trino_killed_during_an_incremental_build_converges(
    return_build: Snapshot, fault_build: Snapshot
) -> None:
    """SIGKILL of Trino's JVM while its incremental build runs; after a restart, the rerun of the same build
    gives every table the uninterrupted DuckDB build of the same batch has (and earlier stages showed the
    two engines' uninterrupted builds equal)."""
    interrupted = fault_build.notes["interrupted"]
    assert interrupted.returncode != 0, "dbt did not notice Trino's death:\n" + interrupted.stdout[-3000:]
    assert fault_build.notes["killed_after"] >= KILL_AFTER_MODELS
    # The kill came mid-build: models were left failed or skipped, for the rerun to finish.
    assert re.search(r"\d+ of \d+ (ERROR|SKIP)", interrupted.stdout), interrupted.stdout[-3000:]
    assert_engines_equal(fault_build)
    # Nothing half-written stays behind: the namespaces hold the same tables as before the batch.
    assert sorted(fault_build.trino_vault) == sorted(return_build.trino_vault)
    assert sorted(fault_build.trino_marts) == sorted(return_build.trino_marts)


def test_a_source_schema_change_reaches_both_engines_alike(
    cross_engine: CrossEngine, return_build: Snapshot, fault_build: Snapshot
) -> None:
    """products.unit_price widened from real to double precision (one price needs the double), and a new
    column customers.loyalty_tier: the raw layer carries both to both engines; the vault records the new
    price (cast to the vault's decimal) and nothing else, equal on both engines."""
    from vault_harness import query

    conn = cross_engine.trino
    types = dict(
        execute(
            conn,
            "select table_name || '.' || column_name, data_type from information_schema.columns"
            " where table_schema = 'northwind_raw' and column_name in ('unit_price', 'loyalty_tier')"
            " and table_name in ('products', 'customers')",
        )
    )
    assert types == {"products.unit_price": "double", "customers.loyalty_tier": "varchar"}, types
    customer = fault_build.notes["customer"]
    gold = "select customer_id from northwind_raw.customers where loyalty_tier = 'gold'"
    assert {row[0] for row in execute(conn, gold)} == {customer}
    assert {row[0] for row in query(cross_engine.state, gold)} == {customer}
    assert_engines_equal(fault_build)
    wide = Decimal(WIDE_PRICE).quantize(Decimal("0.0001"))
    for engine in ("duckdb", "trino"):
        before, after = getattr(return_build, f"{engine}_vault"), getattr(fault_build, f"{engine}_vault")
        product_hk = hash_key_of(after, "hub_product", "product_id", fault_build.notes["product"])
        # One new version of the changed product, at the double's price cast to decimal(18, 4); re-reading
        # the other prices as doubles changed none of them.
        assert product_prices(after, product_hk)[:-1] == product_prices(before, product_hk), engine
        assert product_prices(after, product_hk)[-1] == wide, engine
        assert len(after["sat_product"][1]) == len(before["sat_product"][1]) + 1, engine
        # The new column is not part of the vault's customer payload: no customer got a new version.
        assert len(after["sat_customer"][1]) == len(before["sat_customer"][1]), engine
