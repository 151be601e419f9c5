"""One ingested state for every cross-engine test (tests/trino): the session's shared pipeline state
(tests/shared_pipeline.py: the source database, the real ingestion into its Iceberg catalog, the first build
on DuckDB) is the first stage, and the same dbt project is built from it on the local Trino too. The stages
build on each other, once per session:

  full_build     batch 1 (the whole source): the shared first build on DuckDB, Trino's vault built from empty
  change_build   batch 2: the generator's 1% change set (updates, inserts, deletes), one more order line
                 deleted, order X moved from customer A to customer B, one of its lines' quantity changed,
                 another order's shipper changed and a shipper renamed; both vaults built incrementally
  return_build   batch 3: order X back to customer A; both built incrementally, on Trino with dbt's data tests
  fault_build    batch 4: a source schema change (products.unit_price widened from real to double precision
                 with one price only a double holds, a new column customers.loyalty_tier); DuckDB builds it
                 uninterrupted, Trino's JVM is killed (SIGKILL) during its incremental build, Trino is
                 restarted and the build rerun

Each stage keeps a copy of every table of both engines as it was right after its builds. The source is the
real dump when NORTHWIND_SQL names it (CI: then no second dump load, ingestion or DuckDB build is needed),
else generated data at a small scale in the same place. Needs the local Trino (`scripts/local_trino.sh
start`, which `make test-python` runs).
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "dbt" / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from dbt_cli import run_dbt
from shared_pipeline import CATALOG as SHARED_CATALOG
from shared_pipeline import SHARED_STATE, SOURCE_DB, clear_leftover_state, register_uncached_catalog
from trino_engine import connect, create_catalog, drop_catalog, run_dbt_trino, trino_tables

DB = SOURCE_DB
# The Spark catalog that writes the raw layer (the shared state's), and the Trino catalog that reads it.
CATALOG = SHARED_CATALOG
GENERATED_SCALE = 0.3
CHANGE_SHARE, CHANGE_SEED = 0.01, 7
VAULT_NS, MARTS_NS = "northwind_vault", "northwind_marts"
DUCKDB_VAULT_SCHEMAS = ("main_raw_vault", "main_business_vault")

Tables = dict[str, tuple[list[str], list[tuple]]]


@dataclass
class Snapshot:
    """Every vault table (raw and business vault) and every mart of both engines after one stage."""

    duckdb_vault: Tables
    duckdb_marts: Tables
    trino_vault: Tables
    trino_marts: Tables
    notes: dict[str, Any] = field(default_factory=dict)


@dataclass
class CrossEngine:
    spark: Any
    settings: Any
    state: Path
    trino: Any
    snapshots: dict[str, Snapshot] = field(default_factory=dict)

    def ingest(self) -> None:
        from northwind_ingest.job import run_ingestion

        summary = run_ingestion(self.spark, self.settings)
        assert summary.ok, summary.render()

    def build(self, trino_command: str = "run") -> None:
        """The same batch built on both engines at once: Trino's build mostly waits on its queries, and each
        engine has its own dbt target folder and its own vault namespaces."""
        with ThreadPoolExecutor(max_workers=2) as pool:
            on_duckdb = pool.submit(run_dbt, ["run"], self.state, CATALOG)
            on_trino = pool.submit(run_dbt_trino, [trino_command], self.state, CATALOG, CATALOG)
            on_duckdb.result()
            self.trino_results = on_trino.result()

    def connect_trino(self) -> None:
        """(Re)creates the Trino catalog on this state's Iceberg catalog, and connects to it."""
        create_catalog(connect(), CATALOG, self.state, CATALOG)
        self.trino = connect(CATALOG)

    def duckdb_tables(self, schemas: tuple[str, ...]) -> Tables:
        content: Tables = {}
        with duckdb.connect(str(self.state / "vault.duckdb"), read_only=True) as con:
            for schema in schemas:
                names = con.execute(
                    "select table_name from information_schema.tables where table_schema = ?"
                    " and table_type = 'BASE TABLE' order by 1",
                    [schema],
                ).fetchall()
                for (name,) in names:
                    cursor = con.execute(f'select * from "{schema}"."{name}"')
                    content[name] = ([c[0] for c in cursor.description], cursor.fetchall())
        return content

    def snapshot(self, stage: str, **notes: Any) -> Snapshot:
        taken = Snapshot(
            duckdb_vault=self.duckdb_tables(DUCKDB_VAULT_SCHEMAS),
            duckdb_marts=self.duckdb_tables(("main_marts",)),
            trino_vault=trino_tables(self.trino, VAULT_NS),
            trino_marts=trino_tables(self.trino, MARTS_NS),
            notes=notes,
        )
        self.snapshots[stage] = taken
        return taken


def source_connection() -> Any:
    from northwind_local.testing import connect as pg_connect

    return pg_connect(DB)


def _generated_first_build(spark: Any, state: Path) -> Any:
    """Without the dump (no shared first build): generated data, ingested and built on DuckDB, in the same
    place and under the same names as the shared first build. Returns the job settings."""
    from northwind_ingest.job import run_ingestion
    from northwind_local.runtime import local_job_settings
    from northwind_local.testing import load_generated

    clear_leftover_state(state)
    state.mkdir(parents=True)
    load_generated(DB, GENERATED_SCALE, 42)
    register_uncached_catalog(spark, state)
    settings = local_job_settings(database=DB, catalog=CATALOG)
    summary = run_ingestion(spark, settings)
    assert summary.ok, summary.render()
    run_dbt(["run"], state, CATALOG)
    return settings


@pytest.fixture(scope="session")
def cross_engine(spark: Any, request: pytest.FixtureRequest) -> Iterator[CrossEngine]:
    from northwind_local.testing import drop_database

    trino = connect()  # fails first, naming scripts/local_trino.sh start, when Trino is down
    dump = bool(os.environ.get("NORTHWIND_SQL"))
    if dump:
        # The shared first build, restored in place (tests/trino runs after every other module using it).
        first_build = request.getfixturevalue("first_build")
        settings, state = first_build.restore(), first_build.state
    else:
        settings, state = _generated_first_build(spark, SHARED_STATE), SHARED_STATE
    # The warehouse belongs to the trino user, as the demo's does (scripts/local_trino.sh): Trino writes the
    # vault's and marts' namespaces into it, and may delete nothing outside it.
    shutil.chown(state / "iceberg" / "warehouse", "trino")
    engine = CrossEngine(spark, settings, state, None)
    engine.connect_trino()
    yield engine
    drop_catalog(trino, CATALOG)
    if not dump:
        drop_database(DB)
        shutil.rmtree(state, ignore_errors=True)


@pytest.fixture(scope="session")
def full_build(cross_engine: CrossEngine) -> Snapshot:
    # Batch 1 is ingested and built on DuckDB already (the shared first build); Trino builds from empty.
    cross_engine.trino_results = run_dbt_trino(["run"], cross_engine.state, CATALOG, CATALOG)
    return cross_engine.snapshot("full")


@pytest.fixture(scope="session")
def change_build(cross_engine: CrossEngine, full_build: Snapshot) -> Snapshot:
    from northwind_datagen.changeset import apply_changeset

    with source_connection() as pg:
        summary = apply_changeset(pg, CHANGE_SHARE, CHANGE_SEED)
        deleted_orders = set(summary.deleted_order_ids)
        # An order line deleted on its own (its order stays): it must leave mart_sales on both engines.
        line = pg.execute(
            "select order_id, product_id from order_details where order_id in"
            " (select order_id from order_details group by order_id having count(*) > 1)"
            " and order_id <> all(%s) order by 1, 2 limit 1",
            [sorted(deleted_orders)],
        ).fetchone()
        pg.execute("delete from order_details where order_id = %s and product_id = %s", list(line))
        # Order X moves from customer A to B now, and back to A in the next batch (A -> B -> A).
        moved, customer_a = pg.execute(
            "select order_id, customer_id from orders where order_id <> all(%s) and order_id <> %s"
            " and customer_id is not null order by 1 limit 1",
            [sorted(deleted_orders), line[0]],
        ).fetchone()
        (customer_b,) = pg.execute(
            "select customer_id from customers where customer_id <> %s order by 1 limit 1", [customer_a]
        ).fetchone()
        pg.execute("update orders set customer_id = %s where order_id = %s", [customer_b, moved])
        # What the incremental current-state tables must notice besides the change set: an order line's
        # quantity, another shipper for an order, a shipper's new name (every order it ships changes).
        pg.execute(
            "update order_details set quantity = quantity + 1 where order_id = %s"
            " and product_id = (select max(product_id) from order_details where order_id = %s)",
            [moved, moved],
        )
        pg.execute(
            "update orders set ship_via = (select min(shipper_id) from shippers where shipper_id <> ship_via)"
            " where order_id = (select max(order_id) from orders where ship_via is not null)"
        )
        pg.execute(
            "update shippers set company_name = company_name || ' Ltd'"
            " where shipper_id = (select max(shipper_id) from shippers)"
        )
    cross_engine.ingest()
    cross_engine.build()
    return cross_engine.snapshot(
        "change",
        deleted_line=tuple(line),
        deleted_orders=deleted_orders,
        moved_order=moved,
        customers=(customer_a, customer_b),
        new_orders=set(summary.new_order_ids),
    )


@pytest.fixture(scope="session")
def return_build(cross_engine: CrossEngine, change_build: Snapshot) -> Snapshot:
    customer_a, _ = change_build.notes["customers"]
    with source_connection() as pg:
        pg.execute(
            "update orders set customer_id = %s where order_id = %s",
            [customer_a, change_build.notes["moved_order"]],
        )
    cross_engine.ingest()
    cross_engine.build(trino_command="build")
    return cross_engine.snapshot("return", **change_build.notes)


WIDE_PRICE = 21.123456789  # products.unit_price after the widening: more digits than a real (float4) holds
KILL_AFTER_MODELS = 3  # Trino is killed once this many models of its incremental build have finished


@pytest.fixture(scope="session")
def fault_build(cross_engine: CrossEngine, return_build: Snapshot) -> Snapshot:
    """Batch 4: a source schema change the ingestion supports (a float widening and a new column), built on
    DuckDB without interruption and on Trino with its JVM killed (SIGKILL) during the incremental build, then
    Trino restarted and the same build run again."""
    from trino_engine import run_dbt_trino_killed, start_trino

    with source_connection() as pg:
        (product,) = pg.execute("select min(product_id) from products").fetchone()
        (customer,) = pg.execute("select min(customer_id) from customers").fetchone()
        pg.execute("alter table products alter column unit_price type double precision")
        pg.execute("update products set unit_price = %s where product_id = %s", [WIDE_PRICE, product])
        pg.execute("alter table customers add column loyalty_tier varchar(10)")
        pg.execute("update customers set loyalty_tier = 'gold' where customer_id = %s", [customer])
    cross_engine.ingest()
    run_dbt(["run"], cross_engine.state, CATALOG)
    interrupted, killed_after = run_dbt_trino_killed(
        ["run"], cross_engine.state, CATALOG, CATALOG, after_models=KILL_AFTER_MODELS
    )
    # As a person would after a crash: start Trino again (the catalog is created again, whether or not the
    # dynamic catalog store kept it), and run the same build.
    start_trino()
    cross_engine.connect_trino()
    cross_engine.trino_results = run_dbt_trino(["run"], cross_engine.state, CATALOG, CATALOG)
    return cross_engine.snapshot(
        "fault",
        product=product,
        customer=customer,
        interrupted=interrupted,
        killed_after=killed_after,
    )
