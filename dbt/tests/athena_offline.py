"""Renders the vault for the `athena` target with no AWS account: AWS APIs are served by moto.

Usage: python dbt/tests/athena_offline.py <out_dir> [<inline sql file>]

In one process (dbt parses once): `dbt parse` with dummy target settings (no secrets), then `dbt compile` of
every model as for a first build (into <out_dir>/first), then, after registering an Iceberg table in the
Glue catalog for every incremental model so that `is_incremental()` is true, `dbt compile` of the
incremental models (into <out_dir>/incremental). With an inline SQL file, its compiled form is written to
<out_dir>/inline.sql. Nothing reaches Athena: compile only renders SQL (relations are listed through Glue).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

DUMMY_ENV = {
    "NORTHWIND_ATHENA_STAGING_DIR": "s3://northwind-offline-athena-results/",
    "NORTHWIND_ATHENA_DATA_DIR": "s3://northwind-offline-lake/warehouse/",
    "NORTHWIND_RAW_DATABASE": "northwind_offline_raw",
    "NORTHWIND_VAULT_DATABASE": "northwind_offline_vault",
    "NORTHWIND_MARTS_DATABASE": "northwind_offline_marts",
    "NORTHWIND_ATHENA_WORKGROUP": "primary",
    "NORTHWIND_AWS_REGION": "eu-central-1",
    "AWS_DEFAULT_REGION": "eu-central-1",
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
}
PROJECT = Path(__file__).resolve().parents[1] / "vault"
COMMON = ["--project-dir", str(PROJECT), "--profiles-dir", str(PROJECT.parent), "--target", "athena"]


def _invoke(runner: Any, args: list[str]) -> Any:
    result = runner.invoke([*args, *COMMON])
    if not result.success:
        raise SystemExit(f"dbt {' '.join(args)} (athena) failed: {result.exception}")
    return result


def _register_vault_tables(manifest: Any) -> None:
    import boto3

    glue = boto3.client("glue", region_name=DUMMY_ENV["NORTHWIND_AWS_REGION"])
    databases: set[str] = set()
    for node in manifest.nodes.values():
        if node.resource_type != "model" or node.config.materialized != "incremental":
            continue
        if node.schema not in databases:
            glue.create_database(DatabaseInput={"Name": node.schema})
            databases.add(node.schema)
        glue.create_table(
            DatabaseName=node.schema,
            TableInput={
                "Name": node.alias,
                "TableType": "EXTERNAL_TABLE",
                "Parameters": {"table_type": "ICEBERG"},
                "StorageDescriptor": {
                    "Columns": [{"Name": "load_ts", "Type": "timestamp"}],
                    "Location": f"{DUMMY_ENV['NORTHWIND_ATHENA_DATA_DIR']}{node.schema}/{node.alias}",
                },
            },
        )


def main(out_dir: Path, inline_file: Path | None) -> int:
    os.environ.update(DUMMY_ENV)
    from dbt.cli.main import dbtRunner
    from moto import mock_aws

    with mock_aws():
        parsed = _invoke(dbtRunner(), ["parse", "--target-path", str(out_dir / "parse")])
        runner = dbtRunner(manifest=parsed.result)
        _invoke(
            runner, ["compile", "--select", "resource_type:model", "--target-path", str(out_dir / "first")]
        )
        if inline_file is not None:
            inline = _invoke(
                runner,
                ["compile", "--inline", inline_file.read_text(), "--target-path", str(out_dir / "inline")],
            )
            (out_dir / "inline.sql").write_text(inline.result.results[0].node.compiled_code)
        _register_vault_tables(parsed.result)
        _invoke(
            runner,
            [
                "compile",
                "--select",
                "config.materialized:incremental,resource_type:model",
                "--target-path",
                str(out_dir / "incremental"),
            ],
        )
    return 0


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        raise SystemExit(__doc__)
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2]) if len(sys.argv) == 3 else None))
