"""The local Trino as a component: it runs as an unprivileged user, so a DROP (which deletes a table's whole
location through the native local file system, set to local.location=/) cannot delete outside the lake; and
a build against a Trino that is not running says how to start it."""

from __future__ import annotations

import os
import pwd
import re
import shutil
import socket
import subprocess
from pathlib import Path

import pytest
import trino
from cross_engine_state import CATALOG, CrossEngine
from dbt_cli import REPO
from trino_engine import START_HINT, TrinoNotRunning, connect, execute, trino_port


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_trino_runs_as_an_unprivileged_user() -> None:
    """The process listening on the Trino port belongs to the `trino` user, not root."""
    connect()
    listening = subprocess.run(
        ["ss", "-Hltnp", f"sport = :{trino_port()}"], capture_output=True, text=True, check=False
    )
    pids = {int(pid) for pid in re.findall(r"pid=(\d+)", listening.stdout)}
    assert pids, listening.stdout
    for pid in pids:
        assert Path(f"/proc/{pid}").stat().st_uid == pwd.getpwnam("trino").pw_uid, pid
        assert Path(f"/proc/{pid}").stat().st_uid != 0


def test_a_drop_cannot_delete_outside_the_lake(cross_engine: CrossEngine) -> None:
    """A table whose location is outside the lake (registered from a copy, as a DROP of a crafted table
    would see it): Trino may drop it from the catalog, but every file of it stays."""
    conn = cross_engine.trino
    execute(conn, f"create schema if not exists {CATALOG}.scratch")
    execute(conn, f"create table {CATALOG}.scratch.victim as select 1 as x")
    (location,) = execute(conn, f'select file_path from {CATALOG}.scratch."victim$files" limit 1')[0]
    table_dir = Path(location.removeprefix("file:")).parents[1]
    outside = cross_engine.state / "outside-the-lake"
    shutil.rmtree(outside, ignore_errors=True)
    shutil.copytree(table_dir, outside / "victim")  # root's files, in root's folders
    # The copy declares its own location (register_table insists), as a crafted table outside would.
    for metadata in (outside / "victim" / "metadata").glob("*.metadata.json"):
        text = metadata.read_text()
        metadata.write_text(text.replace(table_dir.as_uri(), (outside / "victim").as_uri()))
    files_before = sorted(p for p in outside.rglob("*") if p.is_file())
    assert files_before
    # Creating a table there is refused outright.
    with pytest.raises(trino.exceptions.TrinoQueryError):
        execute(
            conn,
            f"create table {CATALOG}.scratch.intruder with (location = '{outside.as_uri()}/new') as select 1 as x",
        )
    execute(
        conn,
        f"call {CATALOG}.system.register_table(schema_name => 'scratch', table_name => 'outside',"
        f" table_location => '{(outside / 'victim').as_uri()}')",
    )
    try:
        execute(conn, f"drop table {CATALOG}.scratch.outside")
    except trino.exceptions.TrinoQueryError:
        pass  # refusing the DROP is as good as failing to delete
    assert sorted(p for p in outside.rglob("*") if p.is_file()) == files_before
    try:
        execute(conn, f"drop table if exists {CATALOG}.scratch.victim")
    except trino.exceptions.TrinoQueryError:
        pass  # its data files may be gone with the registered copy's DROP; the catalog entry goes below
    execute(conn, f"drop schema if exists {CATALOG}.scratch cascade")


def test_trino_not_running_names_the_start_command() -> None:
    with pytest.raises(TrinoNotRunning, match=START_HINT):
        connect(port=free_port())


def test_a_build_without_trino_names_the_start_command(tmp_path: Path) -> None:
    env = {**os.environ, "NORTHWIND_ENGINE": "trino", "NORTHWIND_TRINO_PORT": str(free_port())}
    env["NORTHWIND_STATE_DIR"] = str(tmp_path)
    done = subprocess.run(
        ["scripts/vault_build.sh"], cwd=REPO, env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode != 0
    assert START_HINT in done.stderr, done.stderr
    assert str(trino_port()) != env["NORTHWIND_TRINO_PORT"]


@pytest.mark.parametrize("heap", ["two", "0", "1.5"])
def test_a_heap_that_is_no_whole_number_of_gb_is_refused_by_name(heap: str) -> None:
    """NORTHWIND_TRINO_HEAP_GB sizes the JVM and a query's memory: anything but a whole number of GB is refused
    before Trino is touched, naming the setting (the running Trino is left as it is)."""
    env = {**os.environ, "NORTHWIND_TRINO_HEAP_GB": heap}
    done = subprocess.run(
        ["scripts/local_trino.sh", "start"], cwd=REPO, env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 2
    assert f"NORTHWIND_TRINO_HEAP_GB={heap}" in done.stderr, done.stderr
    connect()  # still up
