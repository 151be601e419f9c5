"""The dbt serving project (dbt/serving) with the Snowflake adapter, offline: it parses, renders the statements a
run would send (Iceberg tables, column tags), refuses a tagged column that no masking policy covers, agrees with
the synthesized Snowflake stack on every name, and leaks none of its credentials."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

REPO = Path(__file__).resolve().parents[3]
PROJECT = REPO / "dbt" / "serving"
DBT = REPO / ".venv" / "bin" / "dbt"

# Values that look like secrets; none may appear in anything dbt writes or prints.
FAKE_USER = "SVC_DBT_8f3b2c71"
FAKE_PASSPHRASE = "pp-7f1e0c9a2b6d4e3f"


@pytest.fixture(scope="module")
def private_key_pem() -> str:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()


@pytest.fixture(scope="module")
def dbt_env(tmp_path_factory: pytest.TempPathFactory, private_key_pem: str) -> dict[str, str]:
    work = tmp_path_factory.mktemp("dbt-serving")
    return {
        **os.environ,
        "SNOWFLAKE_ORGANIZATION_NAME": "ORGX",
        "SNOWFLAKE_ACCOUNT_NAME": "ACCTX",
        "SNOWFLAKE_USER": FAKE_USER,
        "DBT_ENV_SECRET_SNOWFLAKE_PRIVATE_KEY": private_key_pem,
        "DBT_ENV_SECRET_SNOWFLAKE_PRIVATE_KEY_PASSPHRASE": FAKE_PASSPHRASE,
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "DBT_TARGET_PATH": str(work / "target"),
        "DBT_LOG_PATH": str(work / "logs"),
        "DBT_WORK": str(work),
    }


def run_dbt(env: dict[str, str], *args: str, project: Path = PROJECT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        # No partial parsing: the tests parse edited copies of the project into the same target path.
        [
            str(DBT),
            *args,
            "--no-partial-parse",
            "--project-dir",
            str(project),
            "--profiles-dir",
            str(REPO / "dbt"),
        ],
        check=False,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def printed_statements(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith(("alter ", "create "))]


@pytest.fixture(scope="module")
def manifest(dbt_env: dict[str, str]) -> dict[str, Any]:
    done = run_dbt(dbt_env, "parse")
    assert done.returncode == 0, done.stdout + done.stderr
    return json.loads((Path(dbt_env["DBT_TARGET_PATH"]) / "manifest.json").read_text())


def test_project_parses_offline_with_the_snowflake_adapter(manifest: dict[str, Any]) -> None:
    assert manifest["metadata"]["adapter_type"] == "snowflake"
    models = {n["name"]: n for n in manifest["nodes"].values() if n["resource_type"] == "model"}
    assert sorted(models) == [
        "mart_customer_sales",
        "mart_employee_performance",
        "mart_product_sales",
        "mart_sales",
        "mart_sales_by_country_year",
        "mart_sales_by_region",
    ]
    for name, node in models.items():
        # A view reads the Iceberg table in place; a table would copy it into Snowflake storage.
        assert node["config"]["materialized"] == "view", name
        assert [h["sql"] for h in node["config"]["post-hook"]] == ["{{ apply_column_tags() }}"], name
        assert node["sources"] == [["lake", name]], name


def test_marts_read_the_iceberg_sources_of_the_lake_schema(manifest: dict[str, Any]) -> None:
    sources = [s for s in manifest["sources"].values() if s["source_name"] == "lake"]
    assert len(sources) == 6
    assert {(s["database"], s["schema"]) for s in sources} == {("NORTHWIND_DEV", "LAKE")}


def test_tag_statements_follow_the_column_meta(dbt_env: dict[str, str]) -> None:
    done = run_dbt(
        dbt_env,
        "run-operation",
        "print_column_tag_statements",
        "--args",
        "{model: mart_employee_performance}",
    )
    assert done.returncode == 0, done.stdout + done.stderr
    rel = "alter view NORTHWIND_DEV.MARTS.mart_employee_performance modify column"
    gov = "NORTHWIND_DEV.GOVERNANCE"
    assert printed_statements(done.stdout) == [
        f"{rel} \"AVERAGE_ORDER_REVENUE\" set tag {gov}.PII = 'false', {gov}.SENSITIVITY = 'high';",
        f"{rel} \"EMPLOYEE_NAME\" set tag {gov}.PII = 'true', {gov}.SENSITIVITY = 'high';",
        f"{rel} \"HIRE_DATE\" set tag {gov}.PII = 'true', {gov}.SENSITIVITY = 'critical';",
        f"{rel} \"REVENUE\" set tag {gov}.PII = 'false', {gov}.SENSITIVITY = 'high';",
    ]


def test_every_target_tags_its_own_environment(dbt_env: dict[str, str]) -> None:
    done = run_dbt(dbt_env, "run-operation", "print_column_tag_statements", "--target", "prod")
    assert done.returncode == 0, done.stdout + done.stderr
    statements = printed_statements(done.stdout)
    # Tagged columns over all marts: 3 in mart_sales, 3 in mart_customer_sales, 4 in mart_employee_performance.
    assert len(statements) == 10
    assert all(
        s.startswith("alter view NORTHWIND_PROD.MARTS.") and "NORTHWIND_DEV" not in s for s in statements
    )


@pytest.fixture(scope="module")
def lake_run(dbt_env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    done = run_dbt(dbt_env, "run-operation", "print_lake_iceberg_table_statements")
    assert done.returncode == 0, done.stdout + done.stderr
    return done


def test_lake_tables_are_iceberg_tables_over_the_glue_catalog(
    lake_run: subprocess.CompletedProcess[str],
) -> None:
    statements = printed_statements(lake_run.stdout)
    assert len(statements) == 6
    assert (
        "create iceberg table if not exists NORTHWIND_DEV.LAKE.mart_sales"
        " external_volume = 'NORTHWIND_DEV_EXTERNAL_VOLUME' catalog = 'NORTHWIND_DEV_GLUE_CATALOG'"
        " catalog_namespace = 'northwind_dev_marts' catalog_table_name = 'mart_sales' auto_refresh = true;"
    ) in statements


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "serving"
    shutil.copytree(PROJECT, copy, ignore=shutil.ignore_patterns("target", "logs", ".user.yml"))
    return copy


def _retag(project: Path, column: str, new_lines: str) -> None:
    marts = project / "models" / "marts" / "marts.yml"
    text = marts.read_text()
    old = f"      - {{name: {column}, data_type: number}}\n"
    assert old in text
    marts.write_text(text.replace(old, new_lines))


def test_compiling_fails_on_each_governed_column_that_would_be_served_unmasked(
    dbt_env: dict[str, str], project_copy: Path
) -> None:
    # A sensitivity tag on a type without masking policy, and a pii column with no sensitivity at all.
    _retag(
        project_copy,
        "discontinued",
        "      - name: discontinued\n        data_type: boolean\n        config: {meta: {sensitivity: low}}\n",
    )
    _retag(
        project_copy,
        "manager_id",
        "      - name: manager_id\n        data_type: number\n        config: {meta: {pii: true}}\n",
    )
    done = run_dbt(
        dbt_env,
        "compile",
        "--no-populate-cache",
        "--select",
        "tagged_columns_have_masking_policy",
        project=project_copy,
    )
    assert done.returncode != 0
    # The governance test (dbt test / dbt build) lists every problem of the project.
    assert "Governed columns without a masking policy" in done.stdout
    assert "mart_product_sales.discontinued: data_type boolean has no masking policy" in done.stdout
    assert "mart_employee_performance.manager_id: meta.pii is true but no sensitivity is set" in done.stdout
    # The model itself stops while compiling, before its view is created (the post-hook would come too late).
    model = run_dbt(
        dbt_env, "compile", "--no-populate-cache", "--select", "mart_product_sales", project=project_copy
    )
    assert model.returncode != 0
    assert "Column governance of mart_product_sales" in model.stdout
    assert "discontinued: data_type boolean has no masking policy" in model.stdout


def test_the_governance_test_passes_on_the_committed_project(dbt_env: dict[str, str]) -> None:
    done = run_dbt(
        dbt_env, "compile", "--no-populate-cache", "--select", "tagged_columns_have_masking_policy"
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_dbt_and_the_snowflake_stack_agree_on_names_and_masked_types(synthesized_stack) -> None:
    project = yaml.safe_load((PROJECT / "dbt_project.yml").read_text())
    profile = yaml.safe_load((REPO / "dbt" / "profiles.yml").read_text())["snowflake"]["outputs"]
    for env in ("dev", "prod"):
        stack = synthesized_stack(f"snowflake-{env}")
        res = stack["resource"]
        policy_types = sorted(p["argument"][0]["type"] for p in res["snowflake_masking_policy"].values())
        assert sorted(project["vars"]["masked_data_types"]) == policy_types
        (database,) = [d["name"] for d in res["snowflake_database"].values()]
        (warehouse,) = [w["name"] for w in res["snowflake_warehouse"].values()]
        roles = {r["name"] for r in res["snowflake_account_role"].values()}
        schemas = {s["name"] for s in res["snowflake_schema"].values()}
        (volume,) = [v["name"] for v in res["snowflake_external_volume"].values()]
        (execute,) = res["snowflake_execute"].values()
        assert profile[env]["database"] == database == f"{project['vars']['name_prefix']}_{env.upper()}"
        assert profile[env]["warehouse"] == warehouse
        assert profile[env]["role"] in roles
        assert {
            profile[env]["schema"],
            project["vars"]["lake_schema"],
            project["vars"]["governance_schema"],
        } == schemas
        assert volume == f"NORTHWIND_{env.upper()}_EXTERNAL_VOLUME"
        assert execute["execute"].startswith(
            f"CREATE CATALOG INTEGRATION NORTHWIND_{env.upper()}_GLUE_CATALOG\n"
        )
        assert f"CATALOG_NAMESPACE = 'northwind_{env}_marts'" in execute["execute"]


def test_no_credential_reaches_dbt_output(
    dbt_env: dict[str, str],
    manifest: dict[str, Any],
    lake_run: subprocess.CompletedProcess[str],
    private_key_pem: str,
) -> None:
    key_body = "".join(private_key_pem.strip().splitlines()[1:-1])
    written = [lake_run.stdout, lake_run.stderr]
    for path in Path(dbt_env["DBT_WORK"]).rglob("*"):
        if path.is_file():
            written.append(path.read_text(errors="replace"))
    everything = "\n".join(written)
    assert everything.strip(), "dbt wrote nothing: the check would be empty"
    for secret in (key_body[:64], key_body[-64:], FAKE_PASSPHRASE):
        assert secret not in everything
