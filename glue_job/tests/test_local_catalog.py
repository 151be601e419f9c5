"""The local Iceberg catalog on PostgreSQL: Spark's JdbcCatalog writes, pyiceberg reads the same snapshot,
concurrent commits to different tables succeed, and each state dir has a catalog of its own."""

from __future__ import annotations

import threading

import psycopg
from northwind_local.catalog import load_local_catalog
from northwind_local.runtime import CATALOG_SCHEMA_VERSION, catalog_database, local_conninfo
from northwind_local.spark import register_local_catalog

CATALOG = "it_pgcat"


def test_pyiceberg_reads_the_snapshot_spark_committed(spark, tmp_path):
    register_local_catalog(spark, CATALOG, tmp_path)
    spark.sql(f"create namespace if not exists {CATALOG}.ns")
    spark.sql(f"create table {CATALOG}.ns.t (id int, name string) using iceberg")
    spark.sql(f"insert into {CATALOG}.ns.t values (1, 'a'), (2, 'b')")
    spark.sql(f"insert into {CATALOG}.ns.t values (3, 'c')")
    spark_snapshot = spark.sql(
        f"select snapshot_id from {CATALOG}.ns.t.snapshots order by committed_at desc limit 1"
    ).first()[0]

    table = load_local_catalog(tmp_path, name=CATALOG).load_table("ns.t")

    assert table.current_snapshot().snapshot_id == spark_snapshot
    assert sorted(table.scan().to_arrow().to_pylist(), key=lambda r: r["id"]) == [
        {"id": 1, "name": "a"},
        {"id": 2, "name": "b"},
        {"id": 3, "name": "c"},
    ]
    # Hadoop writes file:/path (one slash): compare the path part.
    assert str((tmp_path / "iceberg" / "warehouse").resolve()) in table.metadata_location


def test_both_sides_use_the_v1_catalog_layout(spark, tmp_path):
    register_local_catalog(spark, CATALOG + "_v1", tmp_path)
    spark.sql(f"create namespace if not exists {CATALOG}_v1.ns")
    spark.sql(f"create table {CATALOG}_v1.ns.t (id int) using iceberg")
    load_local_catalog(tmp_path, name=CATALOG + "_v1").create_table("ns.from_pyiceberg", schema=_schema())

    with psycopg.connect(local_conninfo(database=catalog_database(tmp_path))) as conn:
        rows = conn.execute(
            "select table_name, iceberg_type from iceberg_tables where catalog_name = %s order by 1",
            (CATALOG + "_v1",),
        ).fetchall()
    assert CATALOG_SCHEMA_VERSION == "V1"
    assert rows == [("from_pyiceberg", "TABLE"), ("t", "TABLE")]
    assert spark.sql(f"show tables in {CATALOG}_v1.ns").count() == 2


def test_two_threads_commit_two_tables_concurrently(spark, tmp_path):
    name = CATALOG + "_par"
    register_local_catalog(spark, name, tmp_path)
    spark.sql(f"create namespace if not exists {name}.ns")
    for t in ("a", "b"):
        spark.sql(f"create table {name}.ns.{t} (id int) using iceberg")
    errors: list[BaseException] = []
    start = threading.Barrier(2)

    def commit_many(table: str) -> None:
        try:
            start.wait()
            for i in range(5):
                spark.sql(f"insert into {name}.ns.{table} values ({i})")
        except BaseException as e:  # noqa: BLE001 - reported by the assertion below
            errors.append(e)

    threads = [threading.Thread(target=commit_many, args=(t,)) for t in ("a", "b")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert errors == []
    catalog = load_local_catalog(tmp_path, name=name)
    for t in ("a", "b"):
        table = catalog.load_table(f"ns.{t}")
        assert sorted(r["id"] for r in table.scan().to_arrow().to_pylist()) == [0, 1, 2, 3, 4]
        assert len(table.snapshots()) == 5


def test_each_state_dir_has_its_own_catalog(tmp_path):
    first, second = tmp_path / "one", tmp_path / "two"
    load_local_catalog(first, name=CATALOG).create_namespace("only_in_first")

    assert catalog_database(first) != catalog_database(second)
    assert ("only_in_first",) not in load_local_catalog(second, name=CATALOG).list_namespaces()
    assert ("only_in_first",) in load_local_catalog(first, name=CATALOG).list_namespaces()


def test_catalog_properties_carry_no_password(tmp_path):
    from northwind_local.runtime import local_password

    catalog = load_local_catalog(tmp_path, name=CATALOG)
    assert local_password() not in repr(catalog.properties)
    assert "passfile=" in catalog.properties["uri"]


def _schema():
    from pyiceberg.schema import Schema
    from pyiceberg.types import IntegerType, NestedField

    return Schema(NestedField(1, "id", IntegerType(), required=False))


def test_a_child_with_the_state_dir_as_default_opens_the_same_catalog(tmp_path):
    """dbt runs as a child with NORTHWIND_STATE_DIR=<state dir>: it must reach the parent's catalog."""
    import os
    import subprocess
    import sys

    load_local_catalog(tmp_path, name=CATALOG).create_namespace("seen_by_child")
    code = (
        "import sys; from pathlib import Path; from northwind_local.catalog import load_local_catalog; "
        f"print(('seen_by_child',) in load_local_catalog(Path(sys.argv[1]), name='{CATALOG}').list_namespaces())"
    )
    env = {**os.environ, "NORTHWIND_STATE_DIR": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)], env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "True"
