"""One source snapshot per batch, and a first connection that waits for a database that is starting."""

from __future__ import annotations

import threading
import time
from dataclasses import replace

import psycopg
import pytest
from northwind_ingest.job import run_ingestion
from northwind_ingest.settings import JobSettings, SourceSettings, TargetSettings
from northwind_local.catalog import load_local_catalog
from northwind_local.runtime import local_job_settings
from northwind_local.spark import register_local_catalog
from northwind_local.testing import connect, drop_database, load_generated, throwaway_postgres
from replay import current_state

DB = "it_snapshot"
NS = "raw"


@pytest.fixture(scope="module")
def source():
    load_generated(DB, scale=2, seed=11)
    yield
    drop_database(DB)


def writer(stop: threading.Event, written: list[int]) -> None:
    """New orders with their lines, one transaction each, as fast as PostgreSQL takes them."""
    with connect(DB) as conn:
        conn.autocommit = False
        (next_id,) = conn.execute("select max(order_id) + 1 from orders").fetchone()
        while not stop.is_set():
            conn.execute(
                "insert into orders (order_id, customer_id, employee_id, order_date) "
                "select %s, customer_id, 1, current_date from customers limit 1",
                (next_id,),
            )
            conn.execute(
                "insert into order_details select %s, product_id, unit_price, 1, 0 from products limit 3",
                (next_id,),
            )
            conn.commit()
            written.append(next_id)
            next_id += 1
            time.sleep(0.005)  # leave the two cores to Spark and the batches it races


def test_concurrent_writers_never_split_an_order_from_its_lines(spark, source, tmp_path):
    register_local_catalog(spark, "it_snapshot", tmp_path)
    catalog = load_local_catalog(tmp_path, name="it_snapshot")
    # One table at a time, orders before order_details (largest first puts order_details first: so the
    # writer has the whole order_details read to race against).
    settings = local_job_settings(database=DB, catalog="it_snapshot", namespace=NS, parallel_tables=1)
    settings = replace(settings, include=("orders", "order_details"))
    first = run_ingestion(spark, settings)
    assert first.ok, first.render()
    stop, written = threading.Event(), []
    thread = threading.Thread(target=writer, args=(stop, written))
    thread.start()
    try:
        time.sleep(0.5)
        runs = [run_ingestion(spark, settings) for _ in range(2)]
    finally:
        stop.set()
        thread.join()
    assert all(r.ok for r in runs), [r.render() for r in runs]
    assert len(written) > 20  # the writer really ran during the batches
    orders = current_state(catalog, NS, "orders", ("order_id",))
    lines = current_state(catalog, NS, "order_details", ("order_id", "product_id"))
    orphans = {order_id for order_id, _ in lines} - {order_id for (order_id,) in orders}
    assert orphans == set()
    # And every new order arrived with all three of its lines.
    per_order: dict[int, int] = {}
    for order_id, _ in lines:
        per_order[order_id] = per_order.get(order_id, 0) + 1
    new = [o for o in written if (o,) in orders]
    assert new and all(per_order[o] == 3 for o in new)


def test_the_first_connection_waits_for_a_database_that_is_starting(spark, tmp_path):
    """A paused Aurora Serverless v2 refuses connections while it resumes: the run retries with backoff."""
    with throwaway_postgres() as pg:
        with psycopg.connect(f"host=127.0.0.1 port={pg['port']} user=northwind dbname=postgres") as conn:
            conn.execute("create table region (region_id smallint primary key, region_description text)")
            conn.execute("insert into region values (1, 'Eastern')")
        pg["stop"]()
        register_local_catalog(spark, "it_wake", tmp_path)
        source = SourceSettings("127.0.0.1", pg["port"], "postgres", "public", "northwind", "unused")
        settings = JobSettings(source=source, target=TargetSettings("it_wake", NS), connect_retry_seconds=60)
        starter = threading.Timer(4.0, pg["start"])
        starter.start()
        started = time.monotonic()
        run = run_ingestion(spark, settings)
        starter.join()
    assert run.ok, run.render()
    assert time.monotonic() - started >= 4.0
    assert run.result("region").inserted == 1


def test_without_retries_a_stopped_database_fails_at_once(spark, tmp_path):
    register_local_catalog(spark, "it_down", tmp_path)
    source = SourceSettings("127.0.0.1", 1, "postgres", "public", "northwind", "unused")
    started = time.monotonic()
    run = run_ingestion(spark, JobSettings(source=source, target=TargetSettings("it_down", NS)))
    assert run.error and "refused" in run.error and time.monotonic() - started < 10
