"""The demo summary reads its figures correctly from dbt's results and the vault database."""

from __future__ import annotations

import json
from decimal import Decimal

import duckdb
import pytest
from northwind_demo import summary


def test_test_results_counts_data_and_unit_tests_by_status_and_ignores_models(tmp_path):
    results = [
        {"unique_id": "model.northwind_vault.hub_customer", "status": "success"},
        {"unique_id": "test.northwind_vault.unique_hub_customer_customer_hk", "status": "pass"},
        {"unique_id": "test.northwind_vault.not_null_hub_customer_customer_hk", "status": "fail"},
        {"unique_id": "test.northwind_vault.accepted_values_x", "status": "warn"},
        {"unique_id": "unit_test.northwind_vault.sat_customer.a_b_a", "status": "success"},
        {"unique_id": "test.northwind_vault.relationships_y", "status": "skipped"},
    ]
    path = tmp_path / "run_results.json"
    path.write_text(json.dumps({"results": results}))

    assert summary.test_results(path) == summary.TestResults(passed=2, failed=1, warned=1, skipped=1)


@pytest.fixture
def vault(tmp_path):
    con = duckdb.connect(str(tmp_path / "vault.duckdb"))
    con.execute("create schema main_raw_vault; create schema main_marts; create schema main_staging")
    # Three real keys and the ghost row (record_source 'SYSTEM'), which the summary does not count.
    con.execute(
        "create table main_raw_vault.hub_customer as select range as k, 'customers' as record_source"
        " from range(3) union all select -1, 'SYSTEM'"
    )
    con.execute("create table main_raw_vault.sat_customer as select range as k from range(5)")
    con.execute("create table main_staging.stg_customers as select 1 as k")  # not a vault layer
    con.execute("create view main_marts.v as select 1 as k")  # views hold no rows of their own
    con.execute(
        "create table main_marts.mart_customer_sales as select * from (values "
        "('B', 'Beta', 'UK', 20.0), ('A', 'Alpha', 'USA', 30.0), ('C', 'Gamma', 'USA', 20.0)) "
        "as t(customer_id, company_name, country, revenue)"
    )
    yield con
    con.close()


def test_vault_rows_groups_tables_by_layer_schema(vault):
    assert summary.vault_rows(vault) == {
        "raw_vault": {"hub_customer": 3, "sat_customer": 5},
        "marts": {"mart_customer_sales": 3},
    }


def test_top_customers_orders_by_revenue_then_id(vault):
    top = summary.top_customers(vault, limit=2)
    assert [row[0] for row in top] == ["A", "B"]


def test_missing_mart_names_the_table_and_the_fix(vault):
    with pytest.raises(RuntimeError, match="mart_sales is not in the vault database: did `dbt build` run"):
        summary.mart_revenue(vault)


def test_source_revenue_takes_real_prices_at_their_entered_value():
    # 20,000 lines of 19.45 x 25 at 15% off: 8,266,250.00 exactly. Summed as float32 values the total drifts
    # by more than a cent, which would make the demo report a mismatch at scale 10.
    from northwind_datagen.db import connect

    with connect() as pg:
        pg.execute("create temp table order_details (unit_price real, quantity smallint, discount real)")
        pg.execute("insert into order_details select 19.45, 25, 0.15 from generate_series(1, 20000)")
        float_sum = pg.execute(
            "select sum(unit_price * quantity * (1 - discount)) from order_details"
        ).fetchone()[0]
        revenue = summary.source_revenue(pg)
    assert abs(float_sum - 8_266_250) > 0.01  # the drift the rule exists for
    assert revenue == Decimal("8266250.00")
