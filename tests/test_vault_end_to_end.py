"""End to end: the real Northwind dump -> ingestion (Spark, Iceberg change log) -> dbt build on DuckDB; an
unchanged reload adds nothing; the generator's 1% change set -> ingestion -> dbt build records exactly those
changes; two ingestions before one dbt build (a customer's field changed and changed back, an order deleted
and inserted again) are both applied, in order.

The module starts from the session's shared first build (conftest.py `first_build`: the dump's first batch,
built with the dbt unit tests) and changes its own restored copy; the tests read the states captured by the
fixture in order (first build, unchanged reload, change set, two pending batches). Expected figures come from
the dump itself (its INSERT statements; docs/ingestion.md, "The source data"), from PostgreSQL itself and from the change set's own report.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "dbt" / "tests"))
from dbt_cli import REPO, run_dbt
from shared_pipeline import CATALOG
from shared_pipeline import SOURCE_DB as DB

# The two-batch scenario: a customer and an order the generator's change set (seed 7) leaves alone.
ROUND_TRIP_CUSTOMER = "BERGS"
REINSERTED_ORDER = 10250
UNKNOWN_KEY = "1" * 32
# The insert-only tables: every table of the raw vault, and the business vault's effectivity of
# employee-territory (PIT and bridge are rebuilt, not appended to).
INSERT_ONLY = (
    "(table_schema = 'main_raw_vault'"
    " or (table_schema = 'main_business_vault' and table_name = 'eff_sat_employee_territory'))"
)


def query(state: Path, sql: str, params: list[Any] | None = None) -> list[tuple]:
    """Reads the vault file and closes it again, so the next dbt run can open it for writing."""
    with duckdb.connect(str(state / "vault.duckdb"), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def raw_layer(state: Path) -> dict[str, Any]:
    """The raw layer as the demo's summary reads it: committed log rows per table, batches, the latest batch."""
    from northwind_demo import summary

    with duckdb.connect(str(state / "vault.duckdb"), read_only=True) as con:
        latest = summary.latest_batch(con)
        return {
            "rows": summary.raw_layer_rows(con),
            "batches": summary.committed_batches(con),
            "latest": {t.table: (t.inserted, t.updated, t.deleted) for t in latest[1]} if latest else {},
        }


def table_counts(state: Path) -> dict[str, int]:
    """Rows per insert-only table, found in the catalog (none can be forgotten), ghost rows excluded so the
    figures hold with ghost records on or off: a table's first column is its hash key, and the unknown member's
    ghost row is the only row keyed by it."""
    tables = query(
        state,
        "select table_schema, table_name, column_name from information_schema.columns"
        f" where ordinal_position = 1 and {INSERT_ONLY}",
    )
    assert len(tables) >= 40, tables
    return {
        table: query(state, f"select count(*) from {schema}.{table} where {key} <> ?", [UNKNOWN_KEY])[0][0]
        for schema, table, key in tables
    }


def ingest(spark: Any, settings: Any) -> None:
    from northwind_ingest.job import run_ingestion

    summary = run_ingestion(spark, settings)
    assert summary.ok, summary.render()


def round_trip_in_two_batches(spark: Any, settings: Any) -> dict[str, Any]:
    """Two ingestions, no dbt run between: batch 1 changes a customer's contact name and deletes an order
    with its lines; batch 2 restores the name and inserts the same order and lines again."""
    from northwind_local.testing import connect

    with connect(DB) as pg:
        (original,) = pg.execute(
            "select contact_name from customers where customer_id = %s", [ROUND_TRIP_CUSTOMER]
        ).fetchone()
        order = pg.execute("select * from orders where order_id = %s", [REINSERTED_ORDER]).fetchone()
        lines = pg.execute("select * from order_details where order_id = %s", [REINSERTED_ORDER]).fetchall()
        assert order and lines
        pg.execute(
            "update customers set contact_name = %s where customer_id = %s",
            [f"{original} (moved)", ROUND_TRIP_CUSTOMER],
        )
        pg.execute("delete from order_details where order_id = %s", [REINSERTED_ORDER])
        pg.execute("delete from orders where order_id = %s", [REINSERTED_ORDER])
    ingest(spark, settings)
    with connect(DB) as pg:
        pg.execute(
            "update customers set contact_name = %s where customer_id = %s", [original, ROUND_TRIP_CUSTOMER]
        )
        pg.execute(f"insert into orders values ({', '.join(['%s'] * len(order))})", list(order))
        for line in lines:
            pg.execute(f"insert into order_details values ({', '.join(['%s'] * len(line))})", list(line))
    ingest(spark, settings)
    return {"contact_name": original, "order_lines": len(lines)}


def apply_changeset(share: float, seed: int) -> dict[str, Any]:
    """The generator's CLI, as documented: it prints exactly what it changed as JSON."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO / "glue_job"), str(REPO / "datagen")])}
    env.pop("PGHOST", None)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "northwind_datagen",
            "--database",
            DB,
            "changeset",
            "--share",
            str(share),
            "--seed",
            str(seed),
        ],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        cwd=REPO,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def states(spark: Any, first_build: Any) -> Iterator[dict[str, Any]]:
    from northwind_local.testing import connect, drop_database

    state = first_build.state
    settings = first_build.restore()
    try:
        # The first build's data tests (reconciliation included) and, there only, the dbt unit tests of every
        # macro passed; its run results are part of the restored state.
        ran = json.loads((state / "dbt-target" / "run_results.json").read_text())["results"]
        assert sum(r["unique_id"].startswith("unit_test.") for r in ran) >= 40, (
            "the dbt unit tests did not run"
        )
        first = table_counts(state)
        first_raw = raw_layer(state)
        first_revenue = query(state, "select sum(revenue) from main_marts.mart_sales")[0][0]
        first_load_ts = query(state, "select max(load_ts) from main_raw_vault.sat_order")[0][0]

        ingest(spark, settings)  # the same data again, as a new batch: committed, but no log rows
        run_dbt(["run"], state, catalog=CATALOG)
        reloaded = table_counts(state)
        reload_raw = raw_layer(state)

        change = apply_changeset(0.01, seed=7)
        ingest(spark, settings)
        run_dbt(["build"], state, catalog=CATALOG)
        changed = table_counts(state)
        change_batch_ts = query(state, "select max(load_ts) from main.stg_orders")[0][0]
        change_raw = raw_layer(state)

        round_trip = round_trip_in_two_batches(spark, settings)
        run_dbt(["build"], state, catalog=CATALOG)  # reconciliation must hold after both batches
        with connect(DB) as pg:
            source = {
                "customers": {
                    row[0]: row[1:]
                    for row in pg.execute("select customer_id, city, country, contact_name from customers")
                },
                "prices": dict(pg.execute("select product_id, unit_price from products").fetchall()),
                "revenue": pg.execute(
                    "select sum(unit_price::float8 * quantity * (1 - discount::float8)) from order_details"
                ).fetchone()[0],
                "order_lines": pg.execute("select count(*) from order_details").fetchone()[0],
            }
        raw_sources = {
            row[0]
            for table in first_raw["rows"]
            for row in query(state, f'select distinct _record_source from northwind_raw."{table}"')
        }
        vault_sources = {
            table: {
                row[0:2]
                for row in query(
                    state,
                    f"select distinct {key} = ?, record_source from {schema}.{table}",
                    [UNKNOWN_KEY],
                )
            }
            for schema, table, key in query(
                state,
                "select table_schema, table_name, column_name from information_schema.columns"
                f" where ordinal_position = 1 and {INSERT_ONLY}",
            )
        }
        yield {
            "state": state,
            "raw_sources": raw_sources,
            "vault_sources": vault_sources,
            "first": first,
            "first_revenue": first_revenue,
            "first_load_ts": first_load_ts,
            "reloaded": reloaded,
            "first_raw": first_raw,
            "reload_raw": reload_raw,
            "changed": changed,
            "change_batch_ts": change_batch_ts,
            "change": change,
            "change_raw": change_raw,
            "round_trip": round_trip,
            "source": source,
        }
    finally:
        drop_database(DB)


def test_first_build_holds_every_business_key_of_the_dump(states: dict[str, Any]) -> None:
    first = states["first"]
    # Reference figures of the real dump: its INSERT counts, and its revenue by the formula of docs/ingestion.md
    # ("The source data").
    assert first["hub_customer"] == 91
    assert first["hub_order"] == 830
    assert first["hub_product"] == 77
    assert first["hub_employee"] == 9
    assert first["hub_territory"] == 53
    assert first["hub_customer_type"] == 0
    assert first["link_order_line"] == first["sat_order_line"] == 2155
    assert first["link_employee_manager"] == 8  # nine employees, one at the top
    assert first["sat_customer"] == 91
    assert abs(states["first_revenue"] - Decimal("1265793.04")) < Decimal("0.01")


def test_an_unchanged_reload_adds_no_row_anywhere(states: dict[str, Any]) -> None:
    # The reload really was a second committed batch, one that changed nothing...
    first, reload = states["first_raw"], states["reload_raw"]
    assert (first["batches"], reload["batches"]) == (1, 2)
    assert set(reload["latest"].values()) == {(0, 0, 0)}
    assert reload["rows"] == first["rows"]
    # ...and the vault recorded nothing.
    assert states["reloaded"] == states["first"]


def new_rows(state: Path, sql: str, batch_ts: Any) -> set[Any]:
    return {row[0] if len(row) == 1 else tuple(row) for row in query(state, sql, [batch_ts])}


def test_satellites_record_exactly_the_changed_keys(states: dict[str, Any]) -> None:
    state, change, ts = states["state"], states["change"], states["change_batch_ts"]
    customers = new_rows(
        state,
        "select h.customer_id from main_raw_vault.sat_customer s join main_raw_vault.hub_customer h"
        " using (customer_hk) where s.load_ts = ?",
        ts,
    )
    assert customers == set(change["updated_customer_ids"])
    products = new_rows(
        state,
        "select h.product_id from main_raw_vault.sat_product s join main_raw_vault.hub_product h"
        " using (product_hk) where s.load_ts = ?",
        ts,
    )
    assert products == set(change["updated_product_ids"])
    orders = new_rows(
        state,
        "select h.order_id from main_raw_vault.sat_order s join main_raw_vault.hub_order h"
        " using (order_hk) where s.load_ts = ?",
        ts,
    )
    assert orders == set(change["new_order_ids"])
    delta = {t: states["changed"][t] - states["reloaded"][t] for t in states["changed"]}
    assert delta["sat_customer"] == len(change["updated_customer_ids"])
    assert delta["sat_product"] == len(change["updated_product_ids"])
    assert delta["sat_order_line"] == len(change["new_order_lines"])


def test_hubs_and_links_grew_by_the_new_keys_only(states: dict[str, Any]) -> None:
    state, change, ts = states["state"], states["change"], states["change_batch_ts"]
    delta = {t: states["changed"][t] - states["reloaded"][t] for t in states["changed"]}
    assert delta["hub_order"] == len(change["new_order_ids"])
    for hub in ("hub_customer", "hub_product", "hub_employee", "hub_category", "hub_supplier", "hub_shipper"):
        assert delta[hub] == 0, hub
    new_orders = new_rows(state, "select order_id from main_raw_vault.hub_order where load_ts = ?", ts)
    assert new_orders == set(change["new_order_ids"])
    new_lines = new_rows(
        state,
        "select order_id, product_id from main_business_vault.bridge_order_product where load_ts = ?",
        ts,
    )
    assert new_lines == {tuple(line) for line in change["new_order_lines"]}
    assert delta["link_order_customer_employee"] == len(change["new_order_ids"])


def test_deleted_orders_are_recorded_as_ended_not_erased(states: dict[str, Any]) -> None:
    state, change = states["state"], states["change"]
    deleted = set(change["deleted_order_ids"])
    assert deleted, "the change set deletes at least one order"
    ended = new_rows(
        state,
        "select h.order_id from main_raw_vault.sts_order s join main_raw_vault.hub_order h using (order_hk)"
        " where s.load_ts = ? and not s.is_active",
        states["change_batch_ts"],
    )
    assert ended == deleted
    kept = query(
        state,
        "select count(*) from main_raw_vault.hub_order where order_id in (select unnest(?))",
        [list(deleted)],
    )
    assert kept[0][0] == len(deleted)  # the hub keeps them: the vault loses nothing


def test_the_raw_layer_holds_one_insert_per_source_row_after_the_first_batch(states: dict[str, Any]) -> None:
    """What `make demo` counts as raw rows: the committed change-log rows, not the key tables or the manifest."""
    first = states["first_raw"]
    assert first["rows"]["orders"] == 830
    assert first["rows"]["order_details"] == 2155
    assert first["rows"]["customer_demographics"] == 0
    assert "batch_manifest" not in first["rows"]
    assert not any(table.endswith("_keys") for table in first["rows"])
    assert first["latest"]["customers"] == (91, 0, 0)


def test_the_manifest_reports_the_change_set_per_table_and_op(states: dict[str, Any]) -> None:
    """What `make demo-change` shows next to the vault: the latest batch's counts, from batch_manifest."""
    change, manifest = states["change"], states["change_raw"]["latest"]
    assert manifest["orders"] == (len(change["new_order_ids"]), 0, len(change["deleted_order_ids"]))
    assert manifest["order_details"] == (
        len(change["new_order_lines"]),
        0,
        len(change["deleted_order_lines"]),
    )
    assert manifest["customers"] == (0, len(change["updated_customer_ids"]), 0)
    assert manifest["products"] == (0, len(change["updated_product_ids"]), 0)
    assert manifest["region"] == (0, 0, 0)


def test_two_batches_between_runs_keep_a_change_and_its_revert(states: dict[str, Any]) -> None:
    """A -> B -> A over two ingestions read by one dbt run: three satellite rows, in load order."""
    history = query(
        states["state"],
        "select s.contact_name from main_raw_vault.sat_customer s join main_raw_vault.hub_customer h"
        " using (customer_hk) where h.customer_id = ? order by s.load_ts",
        [ROUND_TRIP_CUSTOMER],
    )
    name = states["round_trip"]["contact_name"]
    assert [row[0] for row in history] == [name, f"{name} (moved)", name]


def test_a_delete_then_a_reinsert_record_two_status_rows(states: dict[str, Any]) -> None:
    state = states["state"]
    order_status = query(
        state,
        "select s.is_active from main_raw_vault.sts_order s join main_raw_vault.hub_order h using (order_hk)"
        " where h.order_id = ? order by s.load_ts",
        [REINSERTED_ORDER],
    )
    assert [row[0] for row in order_status] == [True, False, True]
    line_status = query(
        state,
        "select s.is_active, count(*) from main_raw_vault.sts_order_line s"
        " join main_raw_vault.link_order_line l using (order_line_hk)"
        " join main_raw_vault.hub_order h on h.order_hk = l.order_hk"
        " where h.order_id = ? and s.load_ts > ? group by s.is_active order by s.is_active",
        [REINSERTED_ORDER, states["change_batch_ts"]],
    )
    lines = states["round_trip"]["order_lines"]
    assert line_status == [(False, lines), (True, lines)]
    # The order is back: one hub key as before, and its lines count in the marts again.
    assert query(
        state, "select count(*) from main_raw_vault.hub_order where order_id = ?", [REINSERTED_ORDER]
    ) == [(1,)]
    assert query(
        state, "select count(*) from main_marts.mart_sales where order_id = ?", [REINSERTED_ORDER]
    ) == [(lines,)]


def test_marts_show_the_new_values(states: dict[str, Any]) -> None:
    state, change, source = states["state"], states["change"], states["source"]
    for customer_id in change["updated_customer_ids"]:
        city, country = query(
            state,
            "select city, country from main_marts.mart_customer_sales where customer_id = ?",
            [customer_id],
        )[0]
        assert (city, country) == source["customers"][customer_id][:2], customer_id
    for product_id in change["updated_product_ids"]:
        price = query(
            state, "select list_price from main_marts.mart_product_sales where product_id = ?", [product_id]
        )
        assert abs(float(price[0][0]) - source["prices"][product_id]) < 0.0001, product_id
    deleted = query(
        state,
        "select count(*) from main_marts.mart_sales where order_id in (select unnest(?))",
        [change["deleted_order_ids"]],
    )
    assert deleted[0][0] == 0
    lines, revenue = query(state, "select count(*), sum(revenue) from main_marts.mart_sales")[0]
    assert lines == source["order_lines"]
    assert abs(float(revenue) - source["revenue"]) < 0.01


def test_marts_have_exactly_the_documented_columns(states: dict[str, Any]) -> None:
    """The serving layer (dbt/serving) reads the marts by these names: the YAML is the contract."""
    import yaml

    documented = yaml.safe_load((REPO / "dbt" / "vault" / "models" / "marts" / "_marts.yml").read_text())
    assert len(documented["models"]) == 6
    for model in documented["models"]:
        built = [
            row[0]
            for row in query(
                states["state"],
                "select column_name from information_schema.columns"
                " where table_schema = 'main_marts' and table_name = ? order by ordinal_position",
                [model["name"]],
            )
        ]
        assert built == [column["name"] for column in model["columns"]], model["name"]
        assert all(column.get("description") for column in model["columns"]), model["name"]
        assert "Grain:" in model["description"] or "grain" in model["description"].lower(), model["name"]


def test_the_change_set_inserts_exactly_its_rows_in_every_table(states: dict[str, Any]) -> None:
    """Every insert-only table, not only the satellites of changed entities: each grew by exactly what the
    change set's own report implies, and every other table by nothing."""
    state, change, ts = states["state"], states["change"], states["change_batch_ts"]
    new, deleted = len(change["new_order_ids"]), len(change["deleted_order_ids"])
    new_lines, deleted_lines = len(change["new_order_lines"]), len(change["deleted_order_lines"])
    # The one figure the report does not hold: how many of the changed orders' log rows name a shipper.
    (shipped,) = query(
        state,
        "select count(*) filter (where change_op <> 'delete'), count(*) filter (where change_op = 'delete')"
        " from main.stg_orders where load_ts = ? and ship_via is not null",
        [ts],
    )
    expected = dict.fromkeys(states["changed"], 0)
    expected.update(
        hub_order=new,
        link_order_customer_employee=new,
        link_order_shipper=shipped[0],
        link_order_line=new_lines,
        sat_order=new,
        sat_order_line=new_lines,
        sat_customer=len(change["updated_customer_ids"]),
        sat_product=len(change["updated_product_ids"]),
        sts_order=new + deleted,
        sts_order_line=new_lines + deleted_lines,
        eff_sat_order_customer_employee=new + deleted,
        eff_sat_order_shipper=shipped[0] + shipped[1],
    )
    delta = {t: states["changed"][t] - states["reloaded"][t] for t in states["changed"]}
    assert delta == expected
    starts = new_rows(
        state,
        "select h.order_id from main_raw_vault.eff_sat_order_customer_employee e"
        " join main_raw_vault.hub_order h using (order_hk) where e.load_ts = ? and e.is_active",
        ts,
    )
    ends = new_rows(
        state,
        "select h.order_id from main_raw_vault.eff_sat_order_customer_employee e"
        " join main_raw_vault.hub_order h using (order_hk) where e.load_ts = ? and not e.is_active",
        ts,
    )
    assert (starts, ends) == (set(change["new_order_ids"]), set(change["deleted_order_ids"]))


def test_every_vault_row_carries_the_raw_layers_record_source(states: dict[str, Any]) -> None:
    """One kind of value in every table: the change log's _record_source; 'SYSTEM' only on a ghost row."""
    raw = states["raw_sources"]
    assert raw and all(source.startswith(f"postgres.{DB}.") for source in raw)
    for table, sources in states["vault_sources"].items():
        for is_ghost, source in sources:
            assert source == "SYSTEM" if is_ghost else source in raw, (table, is_ghost, source)
