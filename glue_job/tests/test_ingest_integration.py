"""Ingest the real Northwind dump from the local PostgreSQL into a real local Iceberg catalog.

One database and one catalog for this module; the tests run in file order and build on each other's runs
(first load, rerun, source update, schema changes, database unreachable), which keeps Spark work small.
"""

from __future__ import annotations

import logging
import struct
from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from checksums import iceberg_checksums, postgres_checksums
from northwind_ingest.job import run_ingestion
from northwind_ingest.settings import SourceSettings
from northwind_local.catalog import load_local_catalog
from northwind_local.runtime import local_job_settings
from northwind_local.spark import register_local_catalog
from northwind_local.testing import connect, drop_database, load_dump

DB = "it_glue_ingest"
CATALOG = "it_ingest"
NS = "northwind_raw"
ALL_TABLES = {
    "categories",
    "customer_customer_demo",
    "customer_demographics",
    "customers",
    "employee_territories",
    "employees",
    "order_details",
    "orders",
    "products",
    "region",
    "shippers",
    "suppliers",
    "territories",
    "us_states",
}


@pytest.fixture(scope="module")
def env(spark, northwind_sql, tmp_path_factory):
    state = tmp_path_factory.mktemp("ingest_state")
    load_dump(DB, northwind_sql)
    register_local_catalog(spark, CATALOG, state)
    settings = local_job_settings(database=DB, catalog=CATALOG, namespace=NS)
    catalog = load_local_catalog(state, name=CATALOG)
    first = run_ingestion(spark, settings)
    yield {"settings": settings, "catalog": catalog, "first": first, "state": state}
    drop_database(DB)


@pytest.fixture(scope="module")
def pg(env):
    with connect(DB) as conn:
        yield conn


def snapshot_ids(catalog, tables=ALL_TABLES):
    return {t: catalog.load_table(f"{NS}.{t}").current_snapshot().snapshot_id for t in tables}


def test_first_run_writes_all_fourteen_tables(env):
    first = env["first"]
    assert first.ok, first.render()
    assert {r.table for r in first.results} == ALL_TABLES
    assert {t for _, t in env["catalog"].list_tables(NS)} == ALL_TABLES


def test_row_counts_and_column_checksums_equal_the_source(env, pg):
    catalog = env["catalog"]
    for table in sorted(ALL_TABLES):
        source_rows, source_sums = postgres_checksums(pg, "public", table)
        iceberg_rows, iceberg_sums = iceberg_checksums(catalog.load_table(f"{NS}.{table}"))
        assert iceberg_rows == source_rows, table
        assert iceberg_sums == source_sums, table
    assert catalog.load_table(f"{NS}.customer_demographics").scan().to_arrow().num_rows == 0
    assert catalog.load_table(f"{NS}.order_details").scan().to_arrow().num_rows == 2155


def test_types_metadata_columns_and_format_version(env):
    catalog = env["catalog"]
    details = catalog.load_table(f"{NS}.order_details")
    types = {f.name: str(f.field_type) for f in details.schema().fields}
    assert types == {
        "order_id": "int",
        "product_id": "int",
        "unit_price": "float",
        "quantity": "int",
        "discount": "float",
        "_load_ts": "timestamp",
        "_record_source": "string",
        "_batch_id": "string",
    }
    assert details.metadata.format_version == 2
    assert str(catalog.load_table(f"{NS}.employees").schema().find_field("photo").field_type) == "binary"
    arrow = details.scan().to_arrow()
    assert set(arrow.column("_batch_id").to_pylist()) == {env["first"].batch_id}
    assert len(set(arrow.column("_load_ts").to_pylist())) == 1
    assert set(arrow.column("_record_source").to_pylist()) == {f"postgres.{DB}.public.order_details"}
    # Leading zeros of territory ids survive.
    territories = catalog.load_table(f"{NS}.territories").scan().to_arrow().column("territory_id").to_pylist()
    assert "01581" in territories


def test_every_supported_type_arrives_without_loss(spark, env, pg):
    pg.execute("create domain money4 as numeric(14,4) check (value >= 0)")
    pg.execute(
        "create table type_zoo (id bigint primary key, s smallint, i integer, r real, d double precision, "
        "n numeric(12,4), nu numeric, t text, v varchar(10), c char(5), dt date, ts timestamp, "
        "tstz timestamptz, b boolean, by bytea, dm money4)"
    )
    pg.execute(
        "insert into type_zoo values (1, -32768, 2147483647, 0.1, 1e300, 12345678.1234, "
        "123456789012345678901234567890.123456789, %s, 'abc', 'ab', '1996-07-04', "
        "'1998-05-06 13:45:12.123456', '1998-05-06 13:45:12.5+02', true, %s, 7.5)",
        ("Ünïcödé 'q'", b"\xde\xad\xbe\xef\x00"),
    )
    pg.execute("insert into type_zoo (id) values (2)")
    try:
        run = run_ingestion(spark, replace(env["settings"], include=("type_zoo",)))
        assert run.ok, run.render()
        table = env["catalog"].load_table(f"{NS}.type_zoo")
        types = {f.name: str(f.field_type) for f in table.schema().fields if not f.name.startswith("_")}
        assert types == {
            "id": "long", "s": "int", "i": "int", "r": "float", "d": "double", "n": "decimal(12, 4)",
            "nu": "string", "t": "string", "v": "string", "c": "string", "dt": "date", "ts": "timestamp",
            "tstz": "timestamptz", "b": "boolean", "by": "binary", "dm": "decimal(14, 4)",
        }  # fmt: skip
        rows = sorted(table.scan().to_arrow().to_pylist(), key=lambda r: r["id"])
        first = {k: v for k, v in rows[0].items() if not k.startswith("_")}
        assert first == {
            "id": 1, "s": -32768, "i": 2147483647, "r": struct.unpack("f", struct.pack("f", 0.1))[0],
            "d": 1e300, "n": Decimal("12345678.1234"), "nu": "123456789012345678901234567890.123456789",
            "t": "Ünïcödé 'q'", "v": "abc", "c": "ab   ", "dt": date(1996, 7, 4),
            "ts": datetime(1998, 5, 6, 13, 45, 12, 123456),
            "tstz": datetime(1998, 5, 6, 11, 45, 12, 500000, tzinfo=UTC), "b": True,
            "by": b"\xde\xad\xbe\xef\x00", "dm": Decimal("7.5000"),
        }  # fmt: skip
        assert all(v is None for k, v in rows[1].items() if k != "id" and not k.startswith("_"))
    finally:
        pg.execute("drop table type_zoo")
        pg.execute("drop domain money4")


def test_second_run_is_idempotent_in_content_and_adds_a_snapshot(spark, env):
    catalog = env["catalog"]
    before = {t: iceberg_checksums(catalog.load_table(f"{NS}.{t}")) for t in ("orders", "categories")}
    snaps_before = len(catalog.load_table(f"{NS}.orders").snapshots())
    second = run_ingestion(spark, replace(env["settings"], include=("orders", "categories")))
    assert second.ok, second.render()
    assert second.batch_id != env["first"].batch_id
    for table, sums in before.items():
        assert iceberg_checksums(catalog.load_table(f"{NS}.{table}")) == sums
    orders = catalog.load_table(f"{NS}.orders")
    assert len(orders.snapshots()) == snaps_before + 1
    assert set(orders.scan().to_arrow().column("_batch_id").to_pylist()) == {second.batch_id}


def test_source_update_appears_and_previous_snapshot_keeps_the_old_value(spark, env, pg):
    catalog = env["catalog"]
    old_snapshot = catalog.load_table(f"{NS}.customers").current_snapshot().snapshot_id
    picture = bytes(range(256)) * 4
    pg.execute("update customers set company_name = 'Alfreds Updated' where customer_id = 'ALFKI'")
    pg.execute("update categories set picture = %s where category_id = 1", (picture,))
    pg.execute("update order_details set unit_price = 19.99 where order_id = 10248 and product_id = 11")
    run = run_ingestion(spark, replace(env["settings"], include=("customers", "categories", "order_details")))
    assert run.ok, run.render()

    customers = catalog.load_table(f"{NS}.customers")
    now = customers.scan(row_filter="customer_id == 'ALFKI'").to_arrow().column("company_name").to_pylist()
    then = customers.scan(row_filter="customer_id == 'ALFKI'", snapshot_id=old_snapshot).to_arrow()
    assert now == ["Alfreds Updated"]
    assert then.column("company_name").to_pylist() == ["Alfreds Futterkiste"]
    cats = catalog.load_table(f"{NS}.categories").scan(row_filter="category_id == 1").to_arrow()
    assert cats.column("picture").to_pylist() == [picture]
    line = catalog.load_table(f"{NS}.order_details").scan(row_filter="order_id == 10248 and product_id == 11")
    assert line.to_arrow().column("unit_price").to_pylist() == [
        struct.unpack("f", struct.pack("f", 19.99))[0]
    ]


def test_new_source_column_is_added_and_dropped_column_stops_only_that_table(spark, env, pg):
    catalog = env["catalog"]
    pg.execute("alter table shippers add column email varchar(60)")
    pg.execute("update shippers set email = 'ops@example.com' where shipper_id = 1")
    pg.execute("alter table region drop column region_description")
    region_snapshot = catalog.load_table(f"{NS}.region").current_snapshot().snapshot_id
    run = run_ingestion(spark, replace(env["settings"], include=("shippers", "region", "us_states")))

    by_table = {r.table: r for r in run.results}
    assert not run.ok and run.exit_code() == 1
    assert by_table["shippers"].ok and by_table["us_states"].ok
    assert not by_table["region"].ok
    assert "table region: source schema changed incompatibly (dropped column(s) region_description)" in (
        by_table["region"].message
    )
    shippers = catalog.load_table(f"{NS}.shippers")
    assert "email" in [f.name for f in shippers.schema().fields]
    emails = dict(zip(*[shippers.scan().to_arrow().column(c).to_pylist() for c in ("shipper_id", "email")]))
    assert emails[1] == "ops@example.com" and emails[2] is None
    region = catalog.load_table(f"{NS}.region")
    assert region.current_snapshot().snapshot_id == region_snapshot
    assert region.scan().to_arrow().num_rows == 4
    pg.execute("alter table region add column region_description varchar(60)")  # keep later runs clean


def test_retyped_column_stops_the_table_with_a_clear_message(spark, env, pg):
    pg.execute("alter table us_states alter column state_id type bigint")
    run = run_ingestion(spark, replace(env["settings"], include=("us_states",)))
    assert run.results[0].message.startswith("table us_states: source schema changed incompatibly")
    assert "changed type of state_id (int -> bigint)" in run.results[0].message
    pg.execute("alter table us_states alter column state_id type smallint")


def test_invalid_table_name_fails_that_table_by_name_and_others_commit(spark, env, pg):
    pg.execute('create table "Odd Name" (id int)')
    try:
        run = run_ingestion(
            spark, replace(env["settings"], include=(), exclude=tuple(ALL_TABLES - {"region"}))
        )
    finally:
        pg.execute('drop table "Odd Name"')
    by_table = {r.table: r for r in run.results}
    assert not by_table["Odd Name"].ok
    assert "invalid identifier for table Odd Name" in by_table["Odd Name"].message
    assert by_table["region"].ok


def test_partitioned_read_of_a_large_table_copies_every_row(spark, env, pg):
    settings = replace(env["settings"], include=("order_details",), rows_per_partition=500, split_min_bytes=0)
    from northwind_ingest.source import discover_tables, plan_read, read_table

    (table,) = discover_tables(spark, settings)
    plan = plan_read(spark, settings, table)
    assert plan is not None and plan.column == "order_id" and plan.num_partitions == 5
    df = read_table(spark, settings, table, plan)
    assert df.rdd.getNumPartitions() == 5
    run = run_ingestion(spark, settings)
    assert run.ok, run.render()
    rows, sums = iceberg_checksums(env["catalog"].load_table(f"{NS}.order_details"))
    assert (rows, sums) == postgres_checksums(pg, "public", "order_details")


def test_retention_expires_snapshots_beyond_the_setting(spark, env):
    catalog = env["catalog"]
    assert len(catalog.load_table(f"{NS}.orders").snapshots()) >= 2  # first run and the rerun
    run = run_ingestion(
        spark, replace(env["settings"], include=("orders",), retain_snapshots=1, snapshot_max_age_hours=0)
    )
    assert run.ok, run.render()
    orders = catalog.load_table(f"{NS}.orders")
    assert [s.snapshot_id for s in orders.snapshots()] == [run.results[0].snapshot_id]
    assert orders.scan().to_arrow().num_rows == 830


def test_unreachable_database_fails_clearly_and_leaves_every_table_at_its_snapshot(spark, env, caplog):
    catalog = env["catalog"]
    before = snapshot_ids(catalog)
    src = env["settings"].source
    # A port where nothing listens: what the job sees when the database is stopped.
    down = SourceSettings("127.0.0.1", 1, src.database, src.schema, src.user, src.password)
    with caplog.at_level(logging.INFO, logger="northwind_ingest"):
        run = run_ingestion(spark, replace(env["settings"], source=down))
    assert run.exit_code() == 1
    assert run.error.startswith(f"cannot query PostgreSQL at 127.0.0.1:1/{DB}: ")
    assert "Connection to 127.0.0.1:1 refused" in run.error
    assert snapshot_ids(catalog) == before
    for table in ALL_TABLES:
        catalog.load_table(f"{NS}.{table}").scan().to_arrow()  # still readable
    assert src.password not in caplog.text and src.password not in run.render()
