"""The vault's cloud SQL executes on Trino (the engine Athena is built on) and builds the same Data Vault as
DuckDB from one ingestion: after the full build and after each incremental build, every hub, link,
satellite, effectivity and status satellite, PIT, bridge, current-state table and mart is equal across the
two engines, row for row (hash keys, hashdiffs, load timestamps, values; floats within compare.py's
tolerance). See cross_engine_state.py for the stages."""

from __future__ import annotations

import json

from cross_engine_state import CATALOG, CrossEngine, Snapshot
from engine_compare import differences
from trino_engine import run_dbt_trino, trino_tables

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
