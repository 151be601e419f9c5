"""One ingested state for every cross-engine test (tests/trino): a source database, the real ingestion
(Spark, Iceberg change logs) into a catalog of its own, and the same dbt project built from it on DuckDB and
on the local Trino. The stages build on each other, once per session:

  full_build     batch 1 (the whole source), both vaults built from empty
  change_build   batch 2: the generator's 1% change set (updates, inserts, deletes), one more order line
                 deleted, and order X moved from customer A to customer B; both vaults built incrementally
  return_build   batch 3: order X back to customer A; both built incrementally, on Trino with dbt's data tests

Each stage keeps a copy of every table of both engines as it was right after its builds. The source is the
real dump when NORTHWIND_SQL names it (CI), else generated data at a small scale. Needs the local Trino
(`scripts/local_trino.sh start`, which `make test-python` runs).
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "dbt" / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from dbt_cli import REPO, run_dbt
from trino_engine import connect, create_catalog, drop_catalog, run_dbt_trino, trino_tables

DB = "it_trino"
CATALOG = "it_trino"  # the Spark catalog that writes the raw layer, and the Trino catalog that reads it
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
        run_dbt(["run"], self.state, CATALOG)
        self.trino_results = run_dbt_trino([trino_command], self.state, CATALOG, CATALOG)

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


@pytest.fixture(scope="session")
def cross_engine(spark: Any) -> Iterator[CrossEngine]:
    from northwind_local.runtime import local_job_settings
    from northwind_local.spark import register_local_catalog
    from northwind_local.testing import drop_database, load_dump, load_generated

    trino = connect()  # fails first, naming scripts/local_trino.sh start, when Trino is down
    # Under the repository's .local (which the trino user may traverse), not pytest's private tmp dir; the
    # warehouse belongs to the trino user, as the demo's does (scripts/local_trino.sh).
    state = REPO / ".local" / "test-trino"
    shutil.rmtree(state, ignore_errors=True)
    warehouse = state / "iceberg" / "warehouse"
    warehouse.mkdir(parents=True)
    shutil.chown(warehouse, "trino")
    import os

    dump = os.environ.get("NORTHWIND_SQL")
    if dump:
        load_dump(DB, Path(dump))
    else:
        load_generated(DB, GENERATED_SCALE, 42)
    register_local_catalog(spark, CATALOG, state)
    # Trino's JDBC catalog expects the catalog's tables; pyiceberg creates them (Spark would, on first write).
    from northwind_local.catalog import load_local_catalog

    load_local_catalog(state, CATALOG)
    create_catalog(trino, CATALOG, state, CATALOG)
    engine = CrossEngine(spark, local_job_settings(database=DB, catalog=CATALOG), state, connect(CATALOG))
    yield engine
    drop_catalog(trino, CATALOG)
    drop_database(DB)
    shutil.rmtree(state, ignore_errors=True)


@pytest.fixture(scope="session")
def full_build(cross_engine: CrossEngine) -> Snapshot:
    cross_engine.ingest()
    cross_engine.build()
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
