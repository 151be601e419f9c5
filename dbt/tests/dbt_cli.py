"""Runs the vault's dbt CLI in a subprocess, as a person would, with its state in a given directory."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PROJECT = REPO / "dbt" / "vault"
PROFILES = REPO / "dbt"
DBT = Path(sys.executable).parent / "dbt"
ATHENA_OFFLINE = Path(__file__).resolve().parent / "athena_offline.py"


def dbt_env(state_dir: Path, catalog: str = "local", target_path: Path | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        NORTHWIND_STATE_DIR=str(state_dir),
        NORTHWIND_ICEBERG_CATALOG=catalog,
        DBT_TARGET_PATH=str(target_path or state_dir / "dbt-target"),
        DBT_LOG_PATH=str(state_dir / "dbt-logs"),
        DBT_SEND_ANONYMOUS_USAGE_STATS="false",
        PYTHONPATH=os.pathsep.join([str(REPO / "glue_job"), str(REPO / "datagen")]),
    )
    return env


def run_dbt(
    args: list[str],
    state_dir: Path,
    catalog: str = "local",
    target_path: Path | None = None,
    unit_tests: bool = False,
) -> subprocess.CompletedProcess[str]:
    """`dbt <args>` on the local (DuckDB) target; fails the test with dbt's output when dbt fails.

    A `dbt build` leaves out dbt's unit tests unless `unit_tests`: they test the macros on fixed inputs, so
    running them in each of the suite's many builds proves nothing new (test_vault_end_to_end's first build
    runs them, as `make test`'s one place for them)."""
    return run_dbt_on(args, dbt_env(state_dir, catalog, target_path), target="local", unit_tests=unit_tests)


def run_dbt_on(
    args: list[str], env: dict[str, str], target: str, unit_tests: bool = False
) -> subprocess.CompletedProcess[str]:
    """`dbt <args>` on a target of dbt/profiles.yml with the given environment; fails the test with dbt's
    output when dbt fails. A `dbt build` leaves out the unit tests unless `unit_tests` (see run_dbt)."""
    command = dbt_command(args, target, unit_tests)
    result = subprocess.run(command, env=env, capture_output=True, text=True, cwd=REPO, check=False)
    if result.returncode != 0:
        raise AssertionError(
            f"dbt {' '.join(args)} on target {target} failed:\n{result.stdout[-6000:]}\n{result.stderr[-3000:]}"
        )
    return result


def dbt_command(args: list[str], target: str, unit_tests: bool = False) -> list[str]:
    """The command line of `dbt <args>` on a target of dbt/profiles.yml (see run_dbt for `unit_tests`)."""
    skip_unit_tests = args[:1] == ["build"] and not unit_tests
    return [
        str(DBT),
        *args,
        *(["--exclude-resource-type", "unit_test"] if skip_unit_tests else []),
        "--project-dir",
        str(PROJECT),
        "--profiles-dir",
        str(PROFILES),
        "--target",
        target,
    ]


def run_athena_offline(out_dir: Path, inline_sql: Path) -> None:
    """Parse and compile for the athena target with dummy settings, AWS APIs served by moto (no account)."""
    env = dbt_env(out_dir, target_path=out_dir)
    result = subprocess.run(
        [sys.executable, str(ATHENA_OFFLINE), str(out_dir), str(inline_sql)],
        env=env,
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )
    if result.returncode != 0:
        raise AssertionError(f"athena rendering failed:\n{result.stdout[-6000:]}\n{result.stderr[-3000:]}")
