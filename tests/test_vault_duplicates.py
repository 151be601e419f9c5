"""Duplicates within one batch on the real pipeline: the real Northwind dump in PostgreSQL -> the real ingestion
(Spark, Iceberg change log) -> dbt build on DuckDB (its data tests, unique (key, load_ts) on every satellite
included, must pass).

Two source rows that collapse to one hash key arrive in one batch: customers 'ALFKI' and 'alfki' (keys are
upper-cased), territories '01581' in region 1 and ' 01581' in region 2 (keys are trimmed). The next batch
deletes one spelling and updates the other, in the same batch again. Then an unchanged batch. The vault holds
one row per key and load, picked by the documented tie-breaks (docs/data-vault.md, "Duplicates within one
batch"); the expected rows are computed here from PostgreSQL's values with the independent implementation of
the hashing standard in dbt/tests/hash_vectors.py, not read from the vault.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from vault_harness import expected_hex, ingest, query, run_dbt, start_pipeline

DB = "it_vault_duplicates"
CATALOG = "it_vault_dup"
UNKNOWN_KEY = "1" * 32
CUSTOMER, TWIN = "ALFKI", "alfki"
TERRITORY, TERRITORY_TWIN = "01581", " 01581"
CUSTOMER_PAYLOAD = [
    "company_name",
    "contact_name",
    "contact_title",
    "address",
    "city",
    "region",
    "postal_code",
    "country",
    "phone",
    "fax",
]


def hash_key(*parts: Any) -> str:
    return expected_hex("hash_key", [None if p is None else str(p) for p in parts])


def customer_versions(pg: Any) -> dict[str, tuple[str, tuple]]:
    """customer_id -> (hashdiff, payload) of each spelling, from PostgreSQL."""
    rows = pg.execute(
        f"select customer_id, {', '.join(CUSTOMER_PAYLOAD)} from customers where customer_id in (%s, %s)",
        [CUSTOMER, TWIN],
    ).fetchall()
    return {row[0]: (expected_hex("hashdiff", list(row[1:])), tuple(row[1:])) for row in rows}


def vault_table_counts(state: Path) -> dict[str, int]:
    """Rows per insert-only table (raw vault and business-vault effectivity; the PIT, as-of and current tables
    are derived and merged, not appended to), ghost rows excluded: a table's
    first column is its hash key, and the unknown member's ghost row is the only row keyed by it."""
    tables = query(
        state,
        "select t.table_schema, t.table_name, c.column_name from information_schema.tables t"
        " join information_schema.columns c using (table_schema, table_name)"
        " where (t.table_schema = 'main_raw_vault'"
        " or (t.table_schema = 'main_business_vault' and t.table_name = 'eff_sat_employee_territory'))"
        " and c.ordinal_position = 1"
        " and t.table_type = 'BASE TABLE'",
    )
    return {
        f"{schema}.{table}": query(
            state, f"select count(*) from {schema}.{table} where {key} <> ?", [UNKNOWN_KEY]
        )[0][0]
        for schema, table, key in tables
    }


@pytest.fixture(scope="module")
def states(
    spark: Any, dump_template: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, Any]]:
    # Not from the shared first build: the twins must arrive in the first batch, with their keys still new.
    from northwind_local.testing import connect, drop_database

    state = tmp_path_factory.mktemp("vault_duplicates")
    settings = start_pipeline(spark, DB, CATALOG, dump_template, state)
    try:
        with connect(DB) as pg:
            pg.execute(
                "insert into customers select %s, company_name || ' (twin)', contact_name, contact_title,"
                " address, city, region, postal_code, country, phone, fax from customers where customer_id = %s",
                [TWIN, CUSTOMER],
            )
            pg.execute(
                "insert into territories select %s, territory_description, 2 from territories"
                " where territory_id = %s",
                [TERRITORY_TWIN, TERRITORY],
            )
            (region,) = pg.execute(
                "select region_id from territories where territory_id = %s", [TERRITORY]
            ).fetchone()
            first_versions = customer_versions(pg)
        ingest(spark, settings)
        run_dbt(["build"], state, catalog=CATALOG)
        first_ts = query(state, "select max(load_ts) from main.stg_customers")[0][0]

        with connect(DB) as pg:  # one batch: one spelling deleted, the other updated
            pg.execute("delete from customers where customer_id = %s", [TWIN])
            pg.execute(
                "update customers set contact_name = contact_name || ' (moved)' where customer_id = %s",
                [CUSTOMER],
            )
            pg.execute("delete from territories where territory_id = %s", [TERRITORY_TWIN])
            pg.execute("update territories set region_id = 3 where territory_id = %s", [TERRITORY])
            second_versions = customer_versions(pg)
        ingest(spark, settings)
        run_dbt(["build"], state, catalog=CATALOG)
        second_ts = query(state, "select max(load_ts) from main.stg_customers")[0][0]
        before_unchanged = vault_table_counts(state)

        ingest(spark, settings)  # nothing changed: a committed batch without log rows
        run_dbt(["build"], state, catalog=CATALOG)
        yield {
            "state": state,
            "first_ts": first_ts,
            "second_ts": second_ts,
            "first_versions": first_versions,
            "second_versions": second_versions,
            "region": region,
            "before_unchanged": before_unchanged,
            "after_unchanged": vault_table_counts(state),
        }
    finally:
        drop_database(DB)


def test_the_hub_holds_one_key_with_the_lowest_spelling(states: dict[str, Any]) -> None:
    rows = query(
        states["state"],
        "select customer_id, load_ts from main_raw_vault.hub_customer where customer_hk = ?",
        [hash_key(CUSTOMER)],
    )
    assert rows == [(min(CUSTOMER, TWIN), states["first_ts"])]
    territory = query(
        states["state"],
        "select territory_id from main_raw_vault.hub_territory where territory_hk = ?",
        [hash_key(TERRITORY)],
    )
    assert territory == [(min(TERRITORY, TERRITORY_TWIN),)]


def test_the_satellite_keeps_one_version_per_key_and_load(states: dict[str, Any]) -> None:
    history = query(
        states["state"],
        f"select load_ts, customer_hashdiff, {', '.join(CUSTOMER_PAYLOAD)} from main_raw_vault.sat_customer"
        " where customer_hk = ? order by load_ts",
        [hash_key(CUSTOMER)],
    )
    first = min(states["first_versions"].values())  # the lowest hashdiff of the two spellings
    second = states["second_versions"][CUSTOMER]  # the twin's delete is no version
    assert first[0] != second[0]
    assert history == [
        (states["first_ts"], first[0], *first[1]),
        (states["second_ts"], second[0], *second[1]),
    ]


def test_a_delete_and_an_update_of_one_key_in_one_batch_keep_it_active(states: dict[str, Any]) -> None:
    status = query(
        states["state"],
        "select is_active, load_ts from main_raw_vault.sts_customer where customer_hk = ? order by load_ts",
        [hash_key(CUSTOMER)],
    )
    assert status == [(True, states["first_ts"])]


def test_the_effectivity_satellite_has_one_relationship_per_driving_key_and_load(
    states: dict[str, Any],
) -> None:
    first = min(hash_key(TERRITORY, states["region"]), hash_key(TERRITORY_TWIN, 2))
    moved = hash_key(TERRITORY, 3)
    rows = query(
        states["state"],
        "select territory_region_hk, is_active, load_ts from main_raw_vault.eff_sat_territory_region"
        " where territory_hk = ? order by load_ts, is_active",
        [hash_key(TERRITORY)],
    )
    assert rows == [
        (first, True, states["first_ts"]),
        (first, False, states["second_ts"]),
        (moved, True, states["second_ts"]),
    ]


def test_an_unchanged_batch_inserts_nothing_anywhere(states: dict[str, Any]) -> None:
    before, after = states["before_unchanged"], states["after_unchanged"]
    assert "main_raw_vault.eff_sat_territory_region" in before and len(before) >= 40
    assert after == before
