"""The raw layer is the memory: `make vault-rebuild` replays every committed batch of the Iceberg change logs
into a new, empty vault, and that vault equals the one dbt loaded incrementally, row for row, in every
raw-vault table (hubs, links, satellites, status, effectivity), load timestamps included. Nothing is
excluded from the comparison: no raw-vault column is build-time only.

Real parts: the real dump in a PostgreSQL database of its own, the real ingestion (Spark, Iceberg change
logs in a per-test catalog), dbt on DuckDB reading the logs with DuckDB's iceberg extension. The rebuild
runs without a network (its own network namespace, the catalog reached through PostgreSQL's Unix socket,
an empty home directory): the pinned extensions come from their packages, nothing is downloaded.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "dbt" / "tests"))
from dbt_cli import REPO, dbt_env, run_dbt
from shared_pipeline import CATALOG
from shared_pipeline import SOURCE_DB as DB

CUSTOMER = "ALFKI"
ORDER = 10248
EMPLOYEE = 5


def ingest(spark: Any, settings: Any) -> None:
    from northwind_ingest.job import run_ingestion

    summary = run_ingestion(spark, settings)
    assert summary.ok, summary.render()


def change_source(statements: list[tuple[str, list[Any]]]) -> None:
    from northwind_local.testing import connect

    with connect(DB) as pg:
        for sql, params in statements:
            pg.execute(sql, params)


def raw_vault_tables(path: Path) -> dict[str, tuple[list[str], list[tuple]]]:
    """Every table of the raw-vault schema: its columns and all its rows, in a fixed order."""
    with duckdb.connect(str(path), read_only=True) as con:
        tables = [
            row[0]
            for row in con.execute(
                "select table_name from information_schema.tables"
                " where table_schema = 'main_raw_vault' and table_type = 'BASE TABLE' order by 1"
            ).fetchall()
        ]
        content = {}
        for table in tables:
            relation = con.table(f"main_raw_vault.{table}")
            columns = relation.columns
            order = ", ".join(str(i + 1) for i in range(len(columns)))
            rows = con.execute(f"select * from main_raw_vault.{table} order by {order}").fetchall()
            content[table] = (columns, rows)
        return content


def socket_catalog_uri(state: Path, home: Path) -> str:
    """The test catalog's database over PostgreSQL's Unix socket, which a network namespace still reaches;
    the password is in a pgpass file made for it (libpq matches a socket by its directory)."""
    from northwind_local.runtime import CLUSTER_STATE_DIR, catalog_database, local_password, local_port

    socket_dir = CLUSTER_STATE_DIR / "postgres" / "run"
    passfile = home / "pgpass"
    passfile.write_text(f"{socket_dir}:{local_port()}:*:northwind:{local_password(CLUSTER_STATE_DIR)}\n")
    passfile.chmod(0o600)
    return (
        f"postgresql+psycopg://northwind@/{catalog_database(state)}"
        f"?host={socket_dir}&port={local_port()}&passfile={passfile}"
    )


def rebuild_offline(state: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = dbt_env(state, CATALOG)
    env.update(HOME=str(home), NORTHWIND_ICEBERG_CATALOG_URI=socket_catalog_uri(state, home))
    env.pop("DBT_TARGET_PATH", None)
    done = subprocess.run(
        ["unshare", "--net", "--", "bash", "scripts/vault_rebuild.sh"],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, f"{done.stdout[-6000:]}\n{done.stderr[-3000:]}"
    return done


@pytest.fixture(scope="module")
def vaults(spark: Any, first_build: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    from northwind_local.testing import drop_database

    if (
        shutil.which("unshare") is None
        or subprocess.run(["unshare", "--net", "true"], check=False).returncode != 0
    ):
        pytest.fail("the offline rebuild needs `unshare --net` (util-linux, as root)")
    home = tmp_path_factory.mktemp("empty_home")
    state = first_build.state
    settings = first_build.restore()  # batch 1, every row inserted, built (tests/shared_pipeline.py)
    try:
        # Batch 2: updates, and an order deleted with its lines.
        change_source(
            [
                ("update customers set contact_name = 'Maria A.' where customer_id = %s", [CUSTOMER]),
                ("update products set unit_price = unit_price + 1 where product_id in (1, 2, 3)", []),
            ]
        )
        from northwind_local.testing import connect

        with connect(DB) as pg:
            order = pg.execute("select * from orders where order_id = %s", [ORDER]).fetchone()
            lines = pg.execute("select * from order_details where order_id = %s", [ORDER]).fetchall()
            territory = pg.execute(
                "select territory_id from employee_territories where employee_id = %s limit 1", [EMPLOYEE]
            ).fetchone()[0]
            pg.execute("delete from order_details where order_id = %s", [ORDER])
            pg.execute("delete from orders where order_id = %s", [ORDER])
        ingest(spark, settings)
        run_dbt(["run"], state, catalog=CATALOG)

        # Batches 3 and 4 before the next dbt run: the name changed back, the order inserted again, then an
        # employee's title changed and a territory taken from that employee (a link ends, effectivity moves).
        with connect(DB) as pg:
            pg.execute(
                "update customers set contact_name = 'Maria Anders' where customer_id = %s", [CUSTOMER]
            )
            pg.execute(f"insert into orders values ({', '.join(['%s'] * len(order))})", list(order))
            for line in lines:
                pg.execute(f"insert into order_details values ({', '.join(['%s'] * len(line))})", list(line))
        ingest(spark, settings)
        with connect(DB) as pg:
            pg.execute("update employees set title = 'Sales Lead' where employee_id = %s", [EMPLOYEE])
            pg.execute(
                "delete from employee_territories where employee_id = %s and territory_id = %s",
                [EMPLOYEE, territory],
            )
        ingest(spark, settings)
        run_dbt(["build"], state, catalog=CATALOG)

        ingest(spark, settings)  # batch 5 changes nothing
        incremental = raw_vault_tables(state / "vault.duckdb")
        # An accidental --full-refresh leaves the insert-only layers as they are.
        run_dbt(["run", "--full-refresh", "--select", "path:models/raw_vault"], state, catalog=CATALOG)
        after_full_refresh = raw_vault_tables(state / "vault.duckdb")

        rebuilt_log = rebuild_offline(state, home).stdout
        yield {
            "state": state,
            "home": home,
            "incremental": incremental,
            "after_full_refresh": after_full_refresh,
            "rebuilt": raw_vault_tables(state / "vault.duckdb"),
            "kept": raw_vault_tables(state / "vault.duckdb.before-rebuild"),
            "rebuilt_log": rebuilt_log,
        }
    finally:
        drop_database(DB)


def test_the_rebuilt_vault_equals_the_incremental_one_row_for_row(vaults: dict) -> None:
    incremental, rebuilt = vaults["incremental"], vaults["rebuilt"]
    assert sorted(rebuilt) == sorted(incremental)
    layers = {re.match(r"[a-z]+_", table).group(0) for table in incremental}
    assert {"hub_", "link_", "sat_", "sts_"} <= layers
    for table, (columns, rows) in incremental.items():
        assert rebuilt[table][0] == columns, table
        assert rebuilt[table][1] == rows, f"{table}: the rebuilt vault differs"


def test_the_batches_left_history_in_the_vault(vaults: dict) -> None:
    tables = vaults["incremental"]

    def count(table: str) -> int:
        return len(tables[table][1])

    # The changes are there to be replayed: more satellite versions and status rows than keys.
    assert count("sat_customer") >= count("hub_customer") + 2  # changed, then changed back
    assert count("sat_employee") == count("hub_employee") + 1
    assert count("sts_order") > count("hub_order")  # the deletion and the re-insert


def test_a_full_refresh_does_not_rebuild_the_insert_only_layers(vaults: dict) -> None:
    assert vaults["after_full_refresh"] == vaults["incremental"]


def test_the_rebuild_keeps_the_previous_vault_and_replaces_it_only_when_green(vaults: dict) -> None:
    assert vaults["kept"] == vaults["incremental"]
    assert "vault rebuilt from the raw log" in vaults["rebuilt_log"]
    assert not (vaults["state"] / "vault-rebuild" / "vault.duckdb").exists()


def test_the_extensions_came_from_the_packages_not_from_a_download(vaults: dict) -> None:
    # The offline rebuild's DuckDB found nothing in the empty home; it installed the packages' files there.
    installed = vaults["home"] / ".duckdb" / "extensions" / f"v{duckdb.__version__}"
    names = {path.name for path in installed.rglob("*.duckdb_extension")}
    assert names == {"avro.duckdb_extension", "iceberg.duckdb_extension"}


def test_duckdb_reads_the_log_lazily_and_prunes_by_batch(vaults: dict) -> None:
    sys.path.insert(0, str(REPO / "dbt" / "vault" / "plugins"))
    from northwind_iceberg import extension_file

    config = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}
    with duckdb.connect(str(vaults["state"] / "vault.duckdb"), read_only=True, config=config) as con:
        for name in ("avro", "iceberg"):
            con.execute(f"load '{extension_file(name)}'")
        (definition,) = con.execute(
            "select sql from duckdb_views() where schema_name = 'northwind_raw' and view_name = 'orders'"
        ).fetchone()
        assert "iceberg_scan(" in definition
        batches = [
            row[0]
            for row in con.execute(
                "select batch_id from northwind_raw.batch_manifest where table_name = 'orders'"
                " and inserted + updated + deleted > 0 order by committed_at"
            ).fetchall()
        ]
        assert len(batches) >= 3

        def files_read(where: str) -> int:
            plan = "\n".join(
                row[1]
                for row in con.execute(
                    f"explain analyze select count(*) from northwind_raw.orders {where}"
                ).fetchall()
            )
            return int(re.search(r"Total Files Read: (\d+)", plan).group(1))

        everything = files_read("where _batch_id is not null")  # a bare count(*) reads no file
        one_batch = files_read(f"where _batch_id = '{batches[1]}'")
        assert 0 < one_batch < everything


def test_the_views_point_at_the_test_catalogs_metadata_files(vaults: dict) -> None:
    # The rebuilt vault's views name real metadata files of the test catalog's warehouse.
    with duckdb.connect(str(vaults["state"] / "vault.duckdb"), read_only=True) as con:
        definitions = [
            row[0]
            for row in con.execute(
                "select sql from duckdb_views() where schema_name = 'northwind_raw'"
            ).fetchall()
        ]
    files = [re.search(r"iceberg_scan\('([^']+)'\)", sql).group(1) for sql in definitions]
    assert files and all(Path(f).is_file() and str(vaults["state"]) in f for f in files)
    assert os.path.commonpath(files).startswith(str(vaults["state"] / "iceberg" / "warehouse"))
