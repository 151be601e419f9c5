"""Runs a dbt command against the `athena` target with no AWS account: AWS APIs are served by moto.

Usage: python dbt/tests/athena_offline.py [--existing-vault] <dbt args...>  (DBT_TARGET_PATH picks the output)
The target's settings are dummy values (no secrets). With --existing-vault, the Glue catalog first gets an
Iceberg table for every incremental model, so `is_incremental()` is true and the incremental SQL is rendered.
Nothing is sent to Athena: compile renders SQL only (dbt-athena lists relations through Glue, which moto serves).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

DUMMY_ENV = {
    "NORTHWIND_ATHENA_STAGING_DIR": "s3://northwind-offline-athena-results/",
    "NORTHWIND_ATHENA_DATA_DIR": "s3://northwind-offline-lake/vault/",
    "NORTHWIND_ATHENA_WORKGROUP": "primary",
    "NORTHWIND_AWS_REGION": "eu-central-1",
    "AWS_DEFAULT_REGION": "eu-central-1",
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
}
PROJECT = Path(__file__).resolve().parents[1] / "vault"


def _register_vault_tables(runner, common: list[str]) -> None:
    import boto3

    parsed = runner.invoke(["parse", *common])
    if not parsed.success:
        raise SystemExit(f"dbt parse failed: {parsed.exception}")
    glue = boto3.client("glue", region_name=DUMMY_ENV["NORTHWIND_AWS_REGION"])
    databases: set[str] = set()
    for node in parsed.result.nodes.values():
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


def main(argv: list[str]) -> int:
    existing = "--existing-vault" in argv
    args = [a for a in argv if a != "--existing-vault"]
    for key, value in DUMMY_ENV.items():
        os.environ[key] = value
    from dbt.cli.main import dbtRunner
    from moto import mock_aws

    common = ["--project-dir", str(PROJECT), "--profiles-dir", str(PROJECT.parent), "--target", "athena"]
    with mock_aws():
        runner = dbtRunner()
        if existing:
            _register_vault_tables(runner, common)
        result = runner.invoke([*args, *common])
    if not result.success:
        print(f"dbt {' '.join(args)} failed: {result.exception}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
