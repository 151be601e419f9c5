"""Data tests follow the change (dbt/vault/macros/tests/untested_rows.sql), on the real pipeline: the real
Northwind dump -> the real ingestion -> dbt build on DuckDB, twice (the second after a one-row change).

- every staging and raw-vault model whose tests passed records the newest load_ts they covered;
- a new row that repeats an old key still fails the (scoped) uniqueness test, and a failing model records
  nothing, so its rows stay untested;
- rows a passing run already tested are not tested again, except by the audit of the whole history
  (`--vars '{test_scope: all}'`).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import duckdb
import pytest
from shared_pipeline import CATALOG
from shared_pipeline import SOURCE_DB as DB
from vault_harness import ingest, query, run_dbt

AUDIT = "main_audit.vault_tested_through"


@pytest.fixture(scope="module")
def state(spark: Any, first_build: Any) -> Iterator[Path]:
    from northwind_local.testing import connect, drop_database

    state = first_build.state
    settings = first_build.restore()  # the dump's first batch, built (tests/shared_pipeline.py)
    try:
        with connect(DB) as pg:
            pg.execute("update customers set company_name = 'Scoped Tests GmbH' where customer_id = 'ALFKI'")
        ingest(spark, settings)
        run_dbt(["build"], state, catalog=CATALOG)
        yield state
    finally:
        drop_database(DB)


def write(state: Path, sql: str, params: list[Any] | None = None) -> None:
    with duckdb.connect(str(state / "vault.duckdb")) as con:
        con.execute(sql, params or [])


def recorded_watermark(state: Path, model: str) -> Any:
    return query(state, f"select max(tested_through) from {AUDIT} where model_name = ?", [model])[0][0]


def test_every_tested_model_records_the_newest_load_ts_its_tests_covered(state: Path) -> None:
    tables = query(
        state,
        "select table_schema, table_name from information_schema.tables"
        " where table_schema = 'main_raw_vault' and table_type = 'BASE TABLE'",
    )
    assert len(tables) > 30
    for schema, table in tables:
        (newest,) = query(state, f'select max(load_ts) from "{schema}"."{table}"')[0]
        assert recorded_watermark(state, table) == newest, table
    # Staging views are scoped too; the manifest view (no load_ts) is tested in full and records nothing.
    (newest_customer,) = query(state, "select max(load_ts) from main.stg_customers")[0]
    assert recorded_watermark(state, "stg_customers") == newest_customer
    assert recorded_watermark(state, "stg_batch_manifest") is None


def test_a_new_row_repeating_an_old_key_fails_and_leaves_the_model_untested(state: Path) -> None:
    before = recorded_watermark(state, "hub_customer")
    (recorded_rows,) = query(state, f"select count(*) from {AUDIT} where model_name = 'hub_customer'")[0]
    write(
        state,
        "insert into main_raw_vault.hub_customer"
        " select customer_hk, customer_id, load_ts + interval 1 hour, 'duplicate'"
        " from main_raw_vault.hub_customer where customer_id = 'ALFKI'",
    )
    try:
        with pytest.raises(AssertionError, match="unique_hub_customer_customer_hk"):
            run_dbt(["test", "--select", "hub_customer"], state, catalog=CATALOG)
        assert recorded_watermark(state, "hub_customer") == before
        assert (
            query(state, f"select count(*) from {AUDIT} where model_name = 'hub_customer'")[0][0]
            == recorded_rows
        )
    finally:
        write(state, "delete from main_raw_vault.hub_customer where record_source = 'duplicate'")
    run_dbt(["test", "--select", "hub_customer"], state, catalog=CATALOG)


def test_rows_already_tested_are_skipped_until_the_audit_of_the_whole_history(state: Path) -> None:
    first_tested = query(state, f"select min(tested_through) from {AUDIT} where model_name = 'hub_order'")[0][
        0
    ]
    write(
        state,
        "insert into main_raw_vault.hub_order"
        " select order_hk, order_id, ?, 'duplicate' from main_raw_vault.hub_order where order_id = 10248",
        [first_tested - timedelta(seconds=1)],
    )
    try:
        # The model's own generic tests: the singular reconciliation of hubs with the source always reads
        # everything, and would catch this duplicate anyway.
        own_tests = ["test", "--select", "hub_order,test_type:generic"]
        run_dbt(own_tests, state, catalog=CATALOG)
        with pytest.raises(AssertionError, match="unique_hub_order_order_hk"):
            run_dbt([*own_tests, "--vars", "{test_scope: all}"], state, catalog=CATALOG)
    finally:
        write(state, "delete from main_raw_vault.hub_order where record_source = 'duplicate'")
