"""The change-log raw layer on the real Northwind dump: real PostgreSQL, real Spark, real Iceberg.

One database and one catalog for this module (the session's shared first batch, restored); the tests run in file order and build on each other's
batches (initial load, unchanged run, changes, deletes, failures, schema changes), which keeps Spark work
small. Expected counts come from the SQL the tests run, never from the ingestion itself.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from checksums import column_checksum, postgres_checksums
from northwind_ingest import log_writer
from northwind_ingest.job import run_ingestion
from northwind_local.catalog import load_local_catalog
from northwind_local.testing import connect, drop_database
from replay import committed_batches, current_state, log_rows, manifest_rows
from shared_pipeline import CATALOG as SHARED_CATALOG
from shared_pipeline import SOURCE_DB

DB = SOURCE_DB  # the shared pipeline state's source database and catalog (tests/shared_pipeline.py)
CATALOG = SHARED_CATALOG
NS = "northwind_raw"
KEYS = {
    "categories": ("category_id",),
    "customer_customer_demo": ("customer_id", "customer_type_id"),
    "customer_demographics": ("customer_type_id",),
    "customers": ("customer_id",),
    "employee_territories": ("employee_id", "territory_id"),
    "employees": ("employee_id",),
    "order_details": ("order_id", "product_id"),
    "orders": ("order_id",),
    "products": ("product_id",),
    "region": ("region_id",),
    "shippers": ("shipper_id",),
    "suppliers": ("supplier_id",),
    "territories": ("territory_id",),
    "us_states": ("state_id",),
}
ALL_TABLES = set(KEYS)


@pytest.fixture(scope="module")
def env(first_build):
    """The initial load is the session's shared first batch (conftest.py `first_build`: the real dump copied
    from its template and ingested once), restored for this module: the same run this module made of its own
    before, not made twice."""
    state = first_build.state
    settings = first_build.restore()
    assert settings.target.namespace == NS, settings.target
    catalog = load_local_catalog(state, name=CATALOG)
    yield {"settings": settings, "catalog": catalog, "first": first_build.first_ingestion, "state": state}
    drop_database(DB)


@pytest.fixture(scope="module")
def pg(env):
    with connect(DB) as conn:
        yield conn


def snapshot_ids(catalog, tables=ALL_TABLES) -> dict[str, int | None]:
    ids = {}
    for t in tables:
        for name in (t, f"{t}_keys"):
            snap = catalog.load_table(f"{NS}.{name}").current_snapshot()
            ids[name] = snap.snapshot_id if snap else None
    return ids


def counts(run, table: str) -> tuple[int, int, int]:
    r = run.result(table)
    return r.inserted, r.updated, r.deleted


def state_checksums(catalog, table: str) -> tuple[int, dict[str, str]]:
    rows = list(current_state(catalog, NS, table, KEYS[table]).values())
    fields = catalog.load_table(f"{NS}.{table}").schema().fields
    return len(rows), {
        f.name: column_checksum((r[f.name] for r in rows), float32=str(f.field_type) == "float")
        for f in fields
        if not f.name.startswith("_")
    }


def assert_state_equals_source(env, pg, tables=ALL_TABLES) -> None:
    for table in sorted(tables):
        assert state_checksums(env["catalog"], table) == postgres_checksums(pg, "public", table), table


def test_initial_load_writes_every_row_as_an_insert_and_commits_the_batch(env, pg):
    first, catalog = env["first"], env["catalog"]
    assert first.ok, first.render()
    assert {r.table for r in first.results} == ALL_TABLES
    assert {r.mode for r in first.results} == {"initial"}
    names = {t for _, t in catalog.list_tables(NS)}
    assert names == ALL_TABLES | {f"{t}_keys" for t in ALL_TABLES} | {"batch_manifest"}
    assert committed_batches(catalog, NS) == [first.batch_id]
    manifest = manifest_rows(catalog, NS, first.batch_id)
    for table in ALL_TABLES:
        (source_rows,) = pg.execute(f"select count(*) from {table}").fetchone()
        assert counts(first, table) == (source_rows, 0, 0), table
        assert manifest[table]["inserted"] == source_rows and manifest[table]["source_rows"] == source_rows
        assert manifest[table]["log_snapshot_id"] == first.result(table).snapshot_id
    assert counts(first, "order_details")[0] == 2155
    assert_state_equals_source(env, pg)


def test_change_log_columns_types_and_batch_partitioning(env):
    first, catalog = env["first"], env["catalog"]
    details = catalog.load_table(f"{NS}.order_details")
    types = {f.name: str(f.field_type) for f in details.schema().fields}
    assert types == {
        "order_id": "int", "product_id": "int", "unit_price": "float", "quantity": "int", "discount": "float",
        "_op": "string", "_batch_id": "string", "_load_ts": "timestamp", "_record_source": "string",
        "_row_hash": "string",
    }  # fmt: skip
    assert details.metadata.format_version == 2
    (field,) = details.spec().fields
    assert (
        str(field.transform) == "identity"
        and details.schema().find_field(field.source_id).name == "_batch_id"
    )
    rows = log_rows(catalog, NS, "order_details")
    assert {r["_batch_id"] for r in rows} == {first.batch_id} and {r["_op"] for r in rows} == {"insert"}
    assert len({r["_load_ts"] for r in rows}) == 1
    assert {r["_record_source"] for r in rows} == {f"postgres.{DB}.public.order_details"}
    hashes = [r["_row_hash"] for r in rows]
    assert len(set(hashes)) == len(hashes) and all(len(h) == 32 and h == h.lower() for h in hashes)
    territories = [r["territory_id"] for r in log_rows(catalog, NS, "territories")]
    assert "01581" in territories  # leading zeros survive
    assert str(catalog.load_table(f"{NS}.employees").schema().find_field("photo").field_type) == "binary"


def test_unchanged_run_writes_no_row_and_no_table_commit(spark, env):
    catalog = env["catalog"]
    before = snapshot_ids(catalog)
    run = run_ingestion(spark, env["settings"])
    assert run.ok, run.render()
    assert run.rows == 0 and {r.mode for r in run.results} == {"unchanged"}
    assert snapshot_ids(catalog) == before
    # The batch is still recorded: the manifest moves every table's horizon on.
    assert committed_batches(catalog, NS)[-1] == run.batch_id
    assert len(manifest_rows(catalog, NS, run.batch_id)) == len(ALL_TABLES)


def test_rewriting_the_same_values_is_no_change(spark, env, pg):
    before = snapshot_ids(env["catalog"], {"customers"})
    pg.execute("update customers set company_name = company_name where country = 'Germany'")
    run = run_ingestion(spark, replace(env["settings"], include=("customers",)))
    assert run.ok and counts(run, "customers") == (0, 0, 0) and run.result("customers").mode == "unchanged"
    assert snapshot_ids(env["catalog"], {"customers"}) == before


def test_a_change_set_writes_exactly_the_changed_rows_by_op(spark, env, pg):
    from northwind_datagen.changeset import apply_changeset

    pg.autocommit = False
    change = apply_changeset(pg, share=0.01, seed=7)
    pg.commit()
    pg.autocommit = True
    run = run_ingestion(spark, env["settings"])
    assert run.ok, run.render()
    assert counts(run, "customers") == (0, len(change.updated_customer_ids), 0)
    assert counts(run, "products") == (0, len(change.updated_product_ids), 0)
    assert counts(run, "orders") == (len(change.new_order_ids), 0, len(change.deleted_order_ids))
    assert counts(run, "order_details") == (len(change.new_order_lines), 0, len(change.deleted_order_lines))
    untouched = ALL_TABLES - {"customers", "products", "orders", "order_details"}
    assert all(counts(run, t) == (0, 0, 0) for t in untouched)
    manifest = manifest_rows(env["catalog"], NS, run.batch_id)
    assert (manifest["orders"]["inserted"], manifest["orders"]["deleted"]) == counts(run, "orders")[::2]
    batch = log_rows(env["catalog"], NS, "orders", run.batch_id)
    assert sorted(r["order_id"] for r in batch if r["_op"] == "delete") == sorted(change.deleted_order_ids)
    assert sorted(r["order_id"] for r in batch if r["_op"] == "insert") == sorted(change.new_order_ids)
    assert_state_equals_source(env, pg, {"customers", "products", "orders", "order_details"})


def test_a_delete_carries_the_key_and_the_last_known_values(spark, env, pg):
    (old,) = pg.execute("select * from shippers where shipper_id = 3").fetchall()
    pg.execute("update orders set ship_via = 1 where ship_via = 3")
    pg.execute("delete from shippers where shipper_id = 3")
    run = run_ingestion(spark, replace(env["settings"], include=("shippers", "orders")))
    assert run.ok, run.render()
    (row,) = log_rows(env["catalog"], NS, "shippers", run.batch_id)
    assert row["_op"] == "delete"
    assert (row["shipper_id"], row["company_name"], row["phone"]) == old
    previous = [
        r for r in log_rows(env["catalog"], NS, "shippers") if r["shipper_id"] == 3 and r["_op"] != "delete"
    ]
    assert row["_row_hash"] == previous[-1]["_row_hash"]


def test_delete_then_reinsert_of_the_same_key_across_two_batches(spark, env, pg):
    (line,) = pg.execute("select * from order_details where order_id = 10250 and product_id = 41").fetchall()
    settings = replace(env["settings"], include=("order_details",))
    pg.execute("delete from order_details where order_id = 10250 and product_id = 41")
    deleted = run_ingestion(spark, settings)
    pg.execute("insert into order_details values (%s, %s, %s, %s, %s)", line)
    reinserted = run_ingestion(spark, settings)
    assert deleted.ok and reinserted.ok
    assert counts(deleted, "order_details") == (0, 0, 1)
    assert counts(reinserted, "order_details") == (1, 0, 0)
    ops = [
        (r["_batch_id"], r["_op"])
        for r in log_rows(env["catalog"], NS, "order_details")
        if (r["order_id"], r["product_id"]) == (10250, 41)
    ]
    assert sorted(ops)[-2:] == [(deleted.batch_id, "delete"), (reinserted.batch_id, "insert")]
    assert_state_equals_source(env, pg, {"order_details"})


def test_two_batches_before_any_reader_are_both_kept_in_order(spark, env, pg):
    settings = replace(env["settings"], include=("region",))
    pg.execute("update region set region_description = 'B' where region_id = 1")
    first = run_ingestion(spark, settings)
    pg.execute("update region set region_description = 'Eastern' where region_id = 1")
    second = run_ingestion(spark, settings)
    assert first.ok and second.ok and first.batch_id < second.batch_id
    history = sorted(
        (r["_batch_id"], r["_op"], r["region_description"].strip())
        for r in log_rows(env["catalog"], NS, "region")
        if r["region_id"] == 1
    )
    assert history[-2:] == [(first.batch_id, "update", "B"), (second.batch_id, "update", "Eastern")]
    batches = committed_batches(env["catalog"], NS)
    assert batches.index(first.batch_id) < batches.index(second.batch_id)


def test_a_batch_failing_in_its_third_table_commits_nothing_and_the_rerun_converges(
    spark, env, pg, monkeypatch
):
    catalog = env["catalog"]
    # One table at a time, so "the third table" is well defined.
    settings = replace(env["settings"], include=("categories", "employees", "suppliers"), parallel_tables=1)
    pg.execute("update categories set description = 'changed' where category_id = 1")
    pg.execute("update employees set title = 'changed' where employee_id = 1")
    pg.execute("update suppliers set city = 'changed' where supplier_id = 1")
    before = snapshot_ids(catalog, settings.include)
    batches_before = committed_batches(catalog, NS)
    real_append = log_writer.append_batch
    written: list[str] = []

    def append_then_fail_third(spark_, target, table, rows):
        if len(written) == 2:
            raise RuntimeError("disk full (injected)")
        real_append(spark_, target, table, rows)
        written.append(table.name)

    monkeypatch.setattr(log_writer, "append_batch", append_then_fail_third)
    failed = run_ingestion(spark, settings)
    monkeypatch.undo()

    assert not failed.ok and failed.exit_code() == 1 and len(written) == 2
    assert [r.table for r in failed.failed] and "disk full (injected)" in failed.failed[0].message
    assert committed_batches(catalog, NS) == batches_before  # no manifest row
    assert snapshot_ids(catalog, settings.include) == before  # the two written tables were put back
    assert all(
        failed.batch_id not in {r["_batch_id"] for r in log_rows(catalog, NS, t)} for t in settings.include
    )
    rerun = run_ingestion(spark, settings)
    assert rerun.ok, rerun.render()
    assert {t: counts(rerun, t) for t in settings.include} == {t: (0, 1, 0) for t in settings.include}
    assert_state_equals_source(env, pg, set(settings.include))


def test_a_crashed_batch_is_undone_by_the_next_run(spark, env, pg):
    """A batch that died between its table commits and the manifest (no chance to restore anything)."""
    catalog = env["catalog"]
    settings = replace(env["settings"], include=("territories",))
    committed = snapshot_ids(catalog, {"territories"})
    pg.execute("update territories set territory_description = 'crash' where territory_id = '01581'")
    # What the crashed run left behind: an appended change-log commit that no manifest row covers.
    spark.sql(
        f"insert into {CATALOG}.{NS}.territories select territory_id, territory_description, region_id, "
        "'update', 'crashed-batch', _load_ts, _record_source, _row_hash "
        f"from {CATALOG}.{NS}.territories where territory_id = '01581' limit 1"
    )
    assert snapshot_ids(catalog, {"territories"}) != committed
    run = run_ingestion(spark, settings)
    assert run.ok, run.render()
    batch_ids = {r["_batch_id"] for r in log_rows(catalog, NS, "territories")}
    assert "crashed-batch" not in batch_ids and run.batch_id in batch_ids
    assert counts(run, "territories") == (0, 1, 0)
    assert_state_equals_source(env, pg, {"territories"})


def test_widening_and_new_columns_evolve_the_log(spark, env, pg):
    pg.execute("alter table products alter column supplier_id type bigint")
    pg.execute("alter table products add column barcode varchar(20)")
    pg.execute("update products set barcode = '4006381333931' where product_id = 1")
    run = run_ingestion(spark, replace(env["settings"], include=("products",)))
    assert run.ok, run.render()
    result = run.result("products")
    assert result.mode == "full-compare"
    assert "widened supplier_id to bigint" in result.message and "added barcode string" in result.message
    fields = {f.name: str(f.field_type) for f in env["catalog"].load_table(f"{NS}.products").schema().fields}
    assert fields["supplier_id"] == "long" and fields["barcode"] == "string"
    # Every row is compared, but a wider integer renders the same text and a null column adds no part to
    # the row hash: only the row that got a barcode changed.
    assert counts(run, "products") == (0, 1, 0)
    (row,) = log_rows(env["catalog"], NS, "products", run.batch_id)
    assert (row["product_id"], row["barcode"]) == (1, "4006381333931")
    assert_state_equals_source(env, pg, {"products"})


def test_dropped_and_retyped_columns_stop_the_table_and_the_batch(spark, env, pg):
    catalog = env["catalog"]
    settings = replace(env["settings"], include=("region", "us_states", "shippers"))
    pg.execute("update shippers set phone = '(503) 555-0000' where shipper_id = 1")
    pg.execute("alter table region drop column region_description")
    pg.execute("alter table us_states alter column state_abbr type integer using 0")
    before = snapshot_ids(catalog, settings.include)
    batches_before = committed_batches(catalog, NS)
    run = run_ingestion(spark, settings)
    pg.execute("alter table region add column region_description bpchar")
    by_table = {r.table: r for r in run.failed}
    assert not run.ok and set(by_table) == {"region", "us_states"}
    assert "table region: source schema changed incompatibly (dropped column(s) region_description)" in (
        by_table["region"].message
    )
    assert "changed type of state_abbr (string -> int)" in by_table["us_states"].message
    assert snapshot_ids(catalog, settings.include) == before  # shippers' change is not written either
    assert committed_batches(catalog, NS) == batches_before


def test_invalid_table_name_fails_the_batch_by_name(spark, env, pg):
    pg.execute('create table "Odd Name" (id int primary key)')
    before = snapshot_ids(env["catalog"], {"region"})
    try:
        run = run_ingestion(spark, replace(env["settings"], exclude=tuple(ALL_TABLES - {"region"})))
    finally:
        pg.execute('drop table "Odd Name"')
    (failed,) = run.failed
    assert failed.table == "Odd Name" and "invalid identifier for table Odd Name" in failed.message
    assert not run.ok and snapshot_ids(env["catalog"], {"region"}) == before


def test_a_table_without_primary_key_is_refused_by_name(spark, env, pg):
    pg.execute("create table no_key (id int, note text)")
    try:
        run = run_ingestion(spark, replace(env["settings"], include=("no_key",)))
    finally:
        pg.execute("drop table no_key")
    (failed,) = run.failed
    assert failed.message.startswith("table no_key: no primary key") and not run.ok


def test_unreachable_database_fails_clearly_and_changes_nothing(spark, env, caplog):
    import logging

    from northwind_ingest.settings import SourceSettings

    catalog = env["catalog"]
    before = snapshot_ids(catalog)
    batches = committed_batches(catalog, NS)
    src = env["settings"].source
    down = SourceSettings("127.0.0.1", 1, src.database, src.schema, src.user, src.password)
    with caplog.at_level(logging.INFO, logger="northwind_ingest"):
        run = run_ingestion(spark, replace(env["settings"], source=down))
    assert run.exit_code() == 1
    assert run.error.startswith(f"cannot query PostgreSQL at 127.0.0.1:1/{DB}: ")
    assert "Connection to 127.0.0.1:1 refused" in run.error
    assert snapshot_ids(catalog) == before and committed_batches(catalog, NS) == batches
    assert src.password not in caplog.text and src.password not in run.render()
