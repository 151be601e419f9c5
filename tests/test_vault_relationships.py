"""Relationships that change, on the real pipeline: the real Northwind dump in PostgreSQL -> the real ingestion
(Spark, Iceberg change log) -> dbt build on DuckDB, after each round of source changes.

- an order moves from customer A to B and back to A (over two dbt runs, then again over two pending batches
  read by one run): the marts show A;
- an employee's manager (reports_to) is set to null and back; an order's ship_via is set to null and back:
  the marts show no manager / no shipper, then the old one again;
- an order's employee_id is set to null: the order keeps its revenue, customer and country;
- an order is deleted: its relationship ends;
- after every round the marts agree with the source (customer, country, employee, shipper of every order,
  manager of every employee, revenue per customer) and every mart's revenue total reconciles to the cent.

The expected figures come from PostgreSQL itself, read at the moment of each build.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from shared_pipeline import CATALOG
from shared_pipeline import SOURCE_DB as DB
from vault_harness import ingest, query, run_dbt

MOVED_ORDER, CUSTOMER_A, CUSTOMER_B = 10248, "VINET", "ALFKI"
UNSHIPPED_ORDER, SHIPPER = 10251, 1
ORPHANED_ORDER = 10252  # its employee_id becomes null
DELETED_ORDER = 10253
REPORTING_EMPLOYEE, MANAGER = 6, 5
CENT = Decimal("0.01")
# Revenue as staging computes it: REAL prices and discounts as decimal(18,4), then exact decimal arithmetic.
LINE_REVENUE = "round(d.unit_price::numeric, 4) * d.quantity * (1 - round(d.discount::numeric, 4))"
REVENUE_MARTS = (
    "mart_sales",
    "mart_customer_sales",
    "mart_product_sales",
    "mart_employee_performance",  # the order without an employee counts in its null row (marts/_marts.yml)
    "mart_sales_by_country_year",
    "mart_sales_by_region",
)


def source_truth(pg: Any) -> dict[str, Any]:
    orders = {
        row[0]: row[1:]
        for row in pg.execute(
            "select o.order_id, o.customer_id, c.country, o.employee_id, o.ship_via"
            " from orders o left join customers c using (customer_id)"
            " where exists (select 1 from order_details d where d.order_id = o.order_id)"
        )
    }
    customer_revenue = dict(
        pg.execute(
            f"select o.customer_id, round(sum({LINE_REVENUE}), 2) from orders o"
            " join order_details d using (order_id) group by o.customer_id"
        ).fetchall()
    )
    managers = dict(pg.execute("select employee_id, reports_to from employees").fetchall())
    (revenue,) = pg.execute(f"select round(sum({LINE_REVENUE}), 2) from order_details d").fetchone()
    return {"orders": orders, "customer_revenue": customer_revenue, "managers": managers, "revenue": revenue}


def marts(state: Path) -> dict[str, Any]:
    order_rows = query(
        state,
        "select distinct order_id, customer_id, customer_country, employee_id, shipper_id from main_marts.mart_sales",
    )
    return {
        "orders": {row[0]: row[1:] for row in order_rows},
        "order_rows": len(order_rows),
        "customer_revenue": dict(
            query(
                state,
                "select customer_id, round(revenue, 2) from main_marts.mart_customer_sales where order_count > 0",
            )
        ),
        "managers": dict(
            query(
                state,
                # in_source: the row of orders without an employee (null id) is no employee
                "select employee_id, manager_id from main_marts.mart_employee_performance where in_source",
            )
        ),
        "revenue": {
            mart: query(state, f"select round(sum(revenue), 2) from main_marts.{mart}")[0][0]
            for mart in REVENUE_MARTS
        },
    }


def order_relationship_history(state: Path, order_id: int) -> list[tuple[str, bool]]:
    """The customer of each effectivity row of an order, in load order (end rows before start rows)."""
    return query(
        state,
        "select c.customer_id, e.is_active from main_raw_vault.eff_sat_order_customer_employee e"
        " join main_raw_vault.hub_order o using (order_hk) join main_raw_vault.hub_customer c using (customer_hk)"
        " where o.order_id = ? order by e.load_ts, e.is_active",
        [order_id],
    )


@pytest.fixture(scope="module")
def rounds(spark: Any, first_build: Any) -> Iterator[dict[str, Any]]:
    from northwind_local.testing import connect, drop_database

    state = first_build.state
    settings = first_build.restore()  # the dump's first batch, built (tests/shared_pipeline.py)
    captured: dict[str, Any] = {"state": state}

    def build(name: str, run: bool = True) -> None:
        if run:  # data tests included: keys, relationships, reconciliation
            run_dbt(["build"], state, catalog=CATALOG)
        with connect(DB) as pg:
            captured[name] = {"source": source_truth(pg), "marts": marts(state)}

    def change(*statements: tuple[str, list[Any]]) -> None:
        with connect(DB) as pg:
            for sql, params in statements:
                pg.execute(sql, params)
        ingest(spark, settings)

    try:
        build("first", run=False)  # the shared first build ran the same `dbt build`
        change(
            ("update orders set customer_id = %s where order_id = %s", [CUSTOMER_B, MOVED_ORDER]),
            ("update employees set reports_to = null where employee_id = %s", [REPORTING_EMPLOYEE]),
            ("update orders set ship_via = null where order_id = %s", [UNSHIPPED_ORDER]),
            ("update orders set employee_id = null where order_id = %s", [ORPHANED_ORDER]),
        )
        build("moved")
        change(
            ("update orders set customer_id = %s where order_id = %s", [CUSTOMER_A, MOVED_ORDER]),
            ("update employees set reports_to = %s where employee_id = %s", [MANAGER, REPORTING_EMPLOYEE]),
            ("update orders set ship_via = %s where order_id = %s", [SHIPPER, UNSHIPPED_ORDER]),
        )
        build("restored")
        # Two batches, one dbt run: A -> B in the first (and a delete), B -> A in the second.
        change(
            ("update orders set customer_id = %s where order_id = %s", [CUSTOMER_B, MOVED_ORDER]),
            ("delete from order_details where order_id = %s", [DELETED_ORDER]),
            ("delete from orders where order_id = %s", [DELETED_ORDER]),
        )
        change(("update orders set customer_id = %s where order_id = %s", [CUSTOMER_A, MOVED_ORDER]))
        build("pending")
        captured["moved_history"] = order_relationship_history(state, MOVED_ORDER)
        captured["deleted_history"] = order_relationship_history(state, DELETED_ORDER)
        yield captured
    finally:
        drop_database(DB)


ROUNDS = ("first", "moved", "restored", "pending")


@pytest.mark.parametrize("name", ROUNDS)
def test_every_order_shows_its_current_customer_country_employee_and_shipper(
    rounds: dict[str, Any], name: str
) -> None:
    source, built = rounds[name]["source"], rounds[name]["marts"]
    assert built["order_rows"] == len(built["orders"]), "an order shows two relationships at once"
    assert built["orders"] == source["orders"]


@pytest.mark.parametrize("name", ROUNDS)
def test_every_employee_shows_the_current_manager(rounds: dict[str, Any], name: str) -> None:
    assert rounds[name]["marts"]["managers"] == rounds[name]["source"]["managers"]


@pytest.mark.parametrize("name", ROUNDS)
def test_revenue_per_customer_and_every_mart_total_reconcile_to_the_cent(
    rounds: dict[str, Any], name: str
) -> None:
    source, built = rounds[name]["source"], rounds[name]["marts"]
    assert built["customer_revenue"] == source["customer_revenue"]
    assert built["revenue"] == dict.fromkeys(REVENUE_MARTS, source["revenue"])


def test_the_first_build_matches_the_reference_revenue(rounds: dict[str, Any]) -> None:
    assert rounds["first"]["source"]["revenue"] == Decimal("1265793.04")


def test_a_moved_order_shows_the_new_customer_and_after_the_return_the_old_one(
    rounds: dict[str, Any],
) -> None:
    def customer(name: str) -> str:
        return rounds[name]["marts"]["orders"][MOVED_ORDER][0]

    assert [customer(name) for name in ROUNDS] == [CUSTOMER_A, CUSTOMER_B, CUSTOMER_A, CUSTOMER_A]


def test_two_pending_batches_apply_a_b_a_in_load_order(rounds: dict[str, Any]) -> None:
    a, b = CUSTOMER_A, CUSTOMER_B
    assert rounds["moved_history"] == [
        (a, True),
        (a, False),
        (b, True),
        (b, False),
        (a, True),
        (a, False),
        (b, True),
        (b, False),
        (a, True),
    ]


def test_a_null_manager_and_a_null_shipper_show_none_then_the_old_one(rounds: dict[str, Any]) -> None:
    def manager(name: str) -> int | None:
        return rounds[name]["marts"]["managers"][REPORTING_EMPLOYEE]

    def shipper(name: str) -> int | None:
        return rounds[name]["marts"]["orders"][UNSHIPPED_ORDER][3]

    assert [manager(name) for name in ROUNDS] == [MANAGER, None, MANAGER, MANAGER]
    assert [shipper(name) for name in ROUNDS] == [SHIPPER, None, SHIPPER, SHIPPER]


def test_an_order_without_employee_keeps_its_customer_country_and_revenue(rounds: dict[str, Any]) -> None:
    customer, country, employee, _ = rounds["moved"]["marts"]["orders"][ORPHANED_ORDER]
    assert (customer, country, employee) == ("SUPRD", "Belgium", None)
    (unassigned,) = query(
        rounds["state"],
        "select revenue from main_marts.mart_sales_by_region where region_id is null",
    )
    (expected,) = query(
        rounds["state"], "select sum(revenue) from main_marts.mart_sales where employee_id is null"
    )
    assert unassigned == expected and unassigned[0] > 0


def test_a_deleted_order_ends_its_relationship(rounds: dict[str, Any]) -> None:
    history = rounds["deleted_history"]
    assert [active for _, active in history] == [True, False]
    assert DELETED_ORDER not in rounds["pending"]["marts"]["orders"]
