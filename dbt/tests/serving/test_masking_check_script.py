"""sql/check_masking.sql, the script a person runs after deploy, names only objects that exist and columns that
are tagged, and is valid Snowflake SQL."""

from __future__ import annotations

import re
from pathlib import Path

import sqlglot
import yaml

REPO = Path(__file__).resolve().parents[3]
SCRIPT = REPO / "sql" / "check_masking.sql"


def test_script_is_valid_snowflake_sql() -> None:
    statements = [s for s in sqlglot.parse(SCRIPT.read_text(), read="snowflake") if s is not None]
    assert sum(isinstance(s, sqlglot.exp.Select) for s in statements) == 7


def test_script_reads_every_role_and_names_that_the_dev_stack_creates(synthesized_stack) -> None:
    text = SCRIPT.read_text()
    stack = synthesized_stack("snowflake-dev")
    roles = {r["name"] for r in stack["resource"]["snowflake_account_role"].values()}
    (warehouse,) = [w["name"] for w in stack["resource"]["snowflake_warehouse"].values()]
    assert "set env = 'DEV';" in text
    suffixes = re.findall(r"set role_\w+ = \$db \|\| '(\w+)';", text)
    assert {f"NORTHWIND_DEV{s}" for s in suffixes} == roles - {"NORTHWIND_DEV_TRANSFORMER"}
    assert "set wh = $db || '_WH';" in text and warehouse == "NORTHWIND_DEV_WH"


def test_the_columns_it_shows_are_tagged_in_the_serving_project() -> None:
    marts = yaml.safe_load((REPO / "dbt" / "serving" / "models" / "marts" / "marts.yml").read_text())
    (model,) = [m for m in marts["models"] if m["name"] == "mart_employee_performance"]
    sensitivity = {
        c["name"]: c.get("config", {}).get("meta", {}).get("sensitivity") for c in model["columns"]
    }
    assert (sensitivity["hire_date"], sensitivity["employee_name"], sensitivity["revenue"]) == (
        "critical",
        "high",
        "high",
    )
    assert "MARTS.MART_EMPLOYEE_PERFORMANCE" in SCRIPT.read_text()
