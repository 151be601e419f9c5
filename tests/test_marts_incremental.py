"""The incremental sales mart on the real pipeline: the real Northwind dump in PostgreSQL -> the real ingestion
(Spark, Iceberg change log) -> dbt build on DuckDB, after rounds of source changes; after each build,
`mart_sales` (merged incrementally) equals a full rebuild of the same mart from the same vault, row for row.

The rounds change what reaches order lines only through other entities (a customer's company name, a
product's name, a category's name, a shipper's name, an employee's name, an order moved to another customer),
delete an order line and a whole order, add an order, and run the generator's 1% change set; the last round
brings two batches to one dbt run. The full rebuild runs on the vault file, which is put back from a byte copy
right after, so the incremental state under test is never touched.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest
from shared_pipeline import CATALOG
from shared_pipeline import SOURCE_DB as DB
from vault_harness import ingest, run_dbt

RENAMED_CUSTOMER = "QUICK"  # many orders: the new name must reach every one of them
RENAMED_PRODUCT, RENAMED_CATEGORY, RENAMED_SHIPPER, RENAMED_EMPLOYEE = 11, 4, 2, 3
MOVED_ORDER, NEW_CUSTOMER = 10260, "ALFKI"
DELETED_LINE = (10250, 41)
DELETED_ORDER = 10251
COPIED_ORDER, NEW_ORDER = 10252, 12000
MART_ORDER = "order_id, product_id"
COPY_ORDER = (
    "insert into orders select %s, customer_id, employee_id, order_date, required_date, shipped_date,"
    " ship_via, freight, ship_name, ship_address, ship_city, ship_region, ship_postal_code, ship_country"
    " from orders where order_id = %s"
)
COPY_ORDER_LINES = (
    "insert into order_details select %s, product_id, unit_price, quantity, discount"
    " from order_details where order_id = %s"
)
RENAME_CUSTOMER_BACK = (
    "update customers set company_name = replace(company_name, ' (renamed)', '') where customer_id = %s"
)


def changeset(share: float, seed: int) -> dict[str, Any]:
    """The generator's CLI, as documented (docs/ingestion.md, "The source data"): it changes the source database and reports how."""
    repo = Path(__file__).resolve().parents[1]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(repo / "glue_job"), str(repo / "datagen")])}
    env.pop("PGHOST", None)
    done = subprocess.run(
        [sys.executable, "-m", "northwind_datagen", "--database", DB, "changeset"]
        + ["--share", str(share), "--seed", str(seed)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        cwd=repo,
    )
    assert done.returncode == 0, done.stderr


def mart_rows(vault: Path) -> list[dict[str, Any]]:
    """Every row of mart_sales, every column, in key order."""
    with duckdb.connect(str(vault), read_only=True) as con:
        result = con.execute(f"select * from main_marts.mart_sales order by {MART_ORDER}")
        names = [column[0] for column in result.description]
        return [dict(zip(names, row, strict=True)) for row in result.fetchall()]


def source_names(pg: Any) -> dict[str, Any]:
    """What the source calls the renamed entities now, and the moved order's customer."""
    return {
        "customer_company_name": pg.execute(
            "select company_name from customers where customer_id = %s", [RENAMED_CUSTOMER]
        ).fetchone()[0],
        "product_name": pg.execute(
            "select product_name from products where product_id = %s", [RENAMED_PRODUCT]
        ).fetchone()[0],
        "category_name": pg.execute(
            "select category_name from categories where category_id = %s", [RENAMED_CATEGORY]
        ).fetchone()[0],
        "shipper_name": pg.execute(
            "select company_name from shippers where shipper_id = %s", [RENAMED_SHIPPER]
        ).fetchone()[0],
        "employee_name": pg.execute(
            "select first_name || ' ' || last_name from employees where employee_id = %s", [RENAMED_EMPLOYEE]
        ).fetchone()[0],
    }


def rebuilt_mart_rows(state: Path, name: str) -> list[dict[str, Any]]:
    """mart_sales built in full (`--full-refresh`) from the vault as it is now, in place; the vault file is
    then put back from a byte copy taken before, so the incremental state under test goes on untouched.

    In place rather than in a copy elsewhere: dbt's saved manifest is valid only for the vault path it was
    parsed with, and a copy at another path made each of these runs parse the whole project again."""
    vault = state / "vault.duckdb"
    kept = state / f"vault-incremental-{name}.duckdb"
    assert not vault.with_name("vault.duckdb.wal").exists(), (
        "the vault has an unflushed WAL: copy would lose it"
    )
    shutil.copy2(vault, kept)
    try:
        run_dbt(["run", "--select", "mart_sales", "--full-refresh"], state, catalog=CATALOG)
        return mart_rows(vault)
    finally:
        vault.with_name("vault.duckdb.wal").unlink(missing_ok=True)
        os.replace(kept, vault)


@pytest.fixture(scope="module")
def rounds(spark: Any, first_build: Any) -> Iterator[dict[str, Any]]:
    from northwind_local.testing import connect, drop_database

    state = first_build.state
    settings = first_build.restore()  # the dump's first batch, built (tests/shared_pipeline.py)
    captured: dict[str, Any] = {"state": state}

    def build(name: str, run: bool = True) -> None:
        if run:  # data tests included: the marts reconcile and agree
            run_dbt(["build"], state, catalog=CATALOG)
        with connect(DB) as pg:
            lines = pg.execute("select order_id, product_id from order_details").fetchall()
            names = source_names(pg)
            categories = dict(pg.execute("select product_id, category_id from products").fetchall())
        captured[name] = {
            "incremental": mart_rows(state / "vault.duckdb"),
            "rebuilt": rebuilt_mart_rows(state, name),
            "source_lines": {tuple(line) for line in lines},
            "names": names,
            "categories": categories,
        }

    def change(*statements: tuple[str, list[Any]]) -> None:
        with connect(DB) as pg:
            for sql, params in statements:
                pg.execute(sql, params)
        ingest(spark, settings)

    try:
        build("first", run=False)  # the shared first build ran the same `dbt build`
        change(
            (
                "update customers set company_name = company_name || ' (renamed)' where customer_id = %s",
                [RENAMED_CUSTOMER],
            ),
            (
                "update products set product_name = product_name || ' (renamed)' where product_id = %s",
                [RENAMED_PRODUCT],
            ),
            (
                "update categories set category_name = 'Dairy (new)' where category_id = %s",
                [RENAMED_CATEGORY],
            ),
            (
                "update shippers set company_name = company_name || ' (renamed)' where shipper_id = %s",
                [RENAMED_SHIPPER],
            ),
            (
                "update employees set last_name = last_name || ' (renamed)' where employee_id = %s",
                [RENAMED_EMPLOYEE],
            ),
            ("update orders set customer_id = %s where order_id = %s", [NEW_CUSTOMER, MOVED_ORDER]),
            ("delete from order_details where order_id = %s and product_id = %s", list(DELETED_LINE)),
            ("delete from order_details where order_id = %s", [DELETED_ORDER]),
            ("delete from orders where order_id = %s", [DELETED_ORDER]),
            (COPY_ORDER, [NEW_ORDER, COPIED_ORDER]),
            (COPY_ORDER_LINES, [NEW_ORDER, COPIED_ORDER]),
        )
        build("changed")
        changeset(0.01, seed=5)
        ingest(spark, settings)
        build("change_set")
        # Two batches, one dbt run: the customer renamed back, then the category renamed again (category_name is
        # varchar(15)).
        change((RENAME_CUSTOMER_BACK, [RENAMED_CUSTOMER]))
        change(
            (
                "update categories set category_name = 'Dairy (v3)' where category_id = %s",
                [RENAMED_CATEGORY],
            )
        )
        build("pending")
        yield captured
    finally:
        drop_database(DB)


ROUNDS = ("first", "changed", "change_set", "pending")


@pytest.mark.parametrize("name", ROUNDS)
def test_the_incremental_mart_equals_a_full_rebuild_row_for_row(rounds: dict[str, Any], name: str) -> None:
    incremental, rebuilt = rounds[name]["incremental"], rounds[name]["rebuilt"]
    assert len(incremental) == len(rebuilt)
    assert incremental == rebuilt


@pytest.mark.parametrize("name", ROUNDS)
def test_the_mart_holds_exactly_the_source_order_lines(rounds: dict[str, Any], name: str) -> None:
    built = {(row["order_id"], row["product_id"]) for row in rounds[name]["incremental"]}
    assert built == rounds[name]["source_lines"]


@pytest.mark.parametrize("name", ROUNDS[1:])
def test_a_change_of_a_related_entity_reaches_every_row_of_it(rounds: dict[str, Any], name: str) -> None:
    rows, source = rounds[name]["incremental"], rounds[name]["names"]
    renamed_category = {p for p, c in rounds[name]["categories"].items() if c == RENAMED_CATEGORY}
    shown = {
        "customer_company_name": {
            r["customer_company_name"] for r in rows if r["customer_id"] == RENAMED_CUSTOMER
        },
        "product_name": {r["product_name"] for r in rows if r["product_id"] == RENAMED_PRODUCT},
        "category_name": {r["category_name"] for r in rows if r["product_id"] in renamed_category},
        "shipper_name": {r["shipper_name"] for r in rows if r["shipper_id"] == RENAMED_SHIPPER},
        "employee_name": {r["employee_name"] for r in rows if r["employee_id"] == RENAMED_EMPLOYEE},
    }
    assert shown == {column: {value} for column, value in source.items()}


def test_moved_deleted_and_new_orders_show_in_the_mart(rounds: dict[str, Any]) -> None:
    rows = rounds["changed"]["incremental"]
    assert {r["customer_id"] for r in rows if r["order_id"] == MOVED_ORDER} == {NEW_CUSTOMER}
    assert {r["order_id"] for r in rows if r["order_id"] in (DELETED_ORDER, NEW_ORDER)} == {NEW_ORDER}
    assert DELETED_LINE not in {(r["order_id"], r["product_id"]) for r in rows}


def test_the_renames_were_real_changes(rounds: dict[str, Any]) -> None:
    """The rounds do change what the mart shows (else the tests above would prove nothing)."""
    first, changed, pending = (rounds[n]["names"] for n in ("first", "changed", "pending"))
    assert all(changed[column] != first[column] for column in first)
    assert pending["customer_company_name"] == first["customer_company_name"]  # renamed back
    assert pending["category_name"] not in (first["category_name"], changed["category_name"])
