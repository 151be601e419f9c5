"""What each role sees through the synthesized Snowflake masking policies, evaluated in DuckDB.

The policy bodies come from the synthesized stack (the TypeScript module constructs/snowflake/masking-rules.ts is
their only source); the test replaces CURRENT_ROLE() with the role under test and runs the exact body, so a wrong
redaction, a wrong return type or a role that sees too much fails here, not in a Snowflake session.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

import duckdb
import pytest
import sqlglot

# Snowflake argument type -> the DuckDB type the test feeds in, and the DuckDB type the body must return.
DUCKDB_TYPES = {
    "VARCHAR": ("VARCHAR", "VARCHAR"),
    "NUMBER": ("DECIMAL(12,2)", "DECIMAL"),
    "FLOAT": ("DOUBLE", "DOUBLE"),
    "DATE": ("DATE", "DATE"),
    "TIMESTAMP_NTZ": ("TIMESTAMP", "TIMESTAMP"),
    "TIMESTAMP_LTZ": ("TIMESTAMPTZ", "TIMESTAMP WITH TIME ZONE"),
}

UTC = dt.UTC
# One input per type and what (critical, high, low, anyone else) must see, written by hand.
CASES: dict[str, tuple[Any, tuple[Any, Any, Any, Any]]] = {
    "VARCHAR": ("Maria Anders", ("Maria Anders", "M***********", "************", "***MASKED***")),
    "NUMBER": (
        Decimal("1265793.04"),
        (Decimal("1265793.04"), Decimal(1265800), Decimal(1266000), None),
    ),
    "FLOAT": (1265793.04, (1265793.04, 1265800.0, 1266000.0, None)),
    "DATE": (
        dt.date(1996, 7, 17),
        (dt.date(1996, 7, 17), dt.date(1996, 7, 1), dt.date(1996, 1, 1), None),
    ),
    "TIMESTAMP_NTZ": (
        dt.datetime(1996, 7, 17, 10, 11, 12),
        (
            dt.datetime(1996, 7, 17, 10, 11, 12),
            dt.datetime(1996, 7, 1),
            dt.datetime(1996, 1, 1),
            None,
        ),
    ),
    "TIMESTAMP_LTZ": (
        dt.datetime(1996, 7, 17, 10, 11, 12, tzinfo=UTC),
        (
            dt.datetime(1996, 7, 17, 10, 11, 12, tzinfo=UTC),
            dt.datetime(1996, 7, 1, tzinfo=UTC),
            dt.datetime(1996, 1, 1, tzinfo=UTC),
            None,
        ),
    ),
}

ENVIRONMENTS = ("dev", "prod")


def _roles(env: str) -> dict[str, str]:
    # The naming convention documented in docs/snowflake.md: NORTHWIND_<ENV>_<PURPOSE>.
    upper = env.upper()
    return {
        "critical": f"NORTHWIND_{upper}_SENSITIVITY_CRITICAL",
        "high": f"NORTHWIND_{upper}_SENSITIVITY_HIGH",
        "low": f"NORTHWIND_{upper}_SENSITIVITY_LOW",
    }


# Roles that must see a fully redacted value: the data roles, the parent role and the account administrator.
def _others(env: str) -> list[str]:
    upper = env.upper()
    return [
        f"NORTHWIND_{upper}_READER",
        f"NORTHWIND_{upper}_TRANSFORMER",
        "SYSADMIN",
        "ACCOUNTADMIN",
        "PUBLIC",
    ]


def _policies(stack: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Masking policies of a synthesized stack, keyed by their argument's data type."""
    found: dict[str, dict[str, Any]] = {}
    for policy in stack["resource"]["snowflake_masking_policy"].values():
        (argument,) = policy["argument"]
        found[argument["type"]] = policy
    return found


def _evaluate(body: str, role: str, data_type: str, value: Any) -> tuple[Any, str]:
    as_role = re.sub(r"current_role\(\)", "'" + role.replace("'", "''") + "'", body, flags=re.IGNORECASE)
    assert "current_role" not in as_role.lower()
    input_type, _ = DUCKDB_TYPES[data_type]
    con = duckdb.connect()
    con.execute("set TimeZone = 'UTC'")
    row = con.execute(
        f"select masked, typeof(masked) from (select ({as_role}) as masked from (select cast($1 as {input_type}) as val))",
        [value],
    ).fetchone()
    assert row is not None
    return row[0], row[1]


@pytest.fixture(scope="module", params=ENVIRONMENTS)
def env_policies(request: pytest.FixtureRequest, synthesized_stack) -> tuple[str, dict[str, dict[str, Any]]]:
    env = request.param
    return env, _policies(synthesized_stack(f"snowflake-{env}"))


def test_every_type_a_mart_column_can_have_has_a_policy_returning_that_type(env_policies) -> None:
    _, policies = env_policies
    assert sorted(policies) == sorted(DUCKDB_TYPES)
    for data_type, policy in policies.items():
        assert policy["return_data_type"] == data_type
        assert policy["argument"][0]["name"].lower() == "val"


def test_policy_bodies_are_valid_snowflake_sql(env_policies) -> None:
    _, policies = env_policies
    for policy in policies.values():
        sqlglot.parse_one(f"select {policy['body']} from t", read="snowflake")


@pytest.mark.parametrize("data_type", sorted(CASES))
def test_each_role_sees_the_redaction_meant_for_it(env_policies, data_type: str) -> None:
    env, policies = env_policies
    body = policies[data_type]["body"]
    value, (critical, high, low, other) = CASES[data_type]
    roles = _roles(env)
    _, expected_type = DUCKDB_TYPES[data_type]
    for role, expected in ((roles["critical"], critical), (roles["high"], high), (roles["low"], low)):
        seen, seen_type = _evaluate(body, role, data_type, value)
        assert seen == expected, f"{role} on {data_type}"
        assert seen_type.startswith(expected_type), f"{role} on {data_type} returns {seen_type}"
    for role in _others(env):
        seen, _ = _evaluate(body, role, data_type, value)
        assert seen == other, f"{role} must see a fully redacted {data_type}, saw {seen!r}"


def test_roles_of_the_other_environment_see_nothing(env_policies) -> None:
    env, policies = env_policies
    other_env = "prod" if env == "dev" else "dev"
    seen, _ = _evaluate(policies["VARCHAR"]["body"], _roles(other_env)["critical"], "VARCHAR", "Maria Anders")
    assert seen == "***MASKED***"


def test_null_stays_null_for_granted_roles_and_is_redacted_for_others(env_policies) -> None:
    env, policies = env_policies
    body = policies["VARCHAR"]["body"]
    for role in _roles(env).values():
        assert _evaluate(body, role, "VARCHAR", None)[0] is None
    assert _evaluate(body, "SYSADMIN", "VARCHAR", None)[0] == "***MASKED***"
