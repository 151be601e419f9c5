"""The hashing standard gives the same lower-case hex on DuckDB and on Athena (Trino).

Expected values come from hash_vectors.expected_hex (Python's hashlib over the documented text), not from
the macros. The DuckDB rendering runs in DuckDB; the Athena rendering is parsed as Trino by sqlglot,
translated with Trino's semantics (md5 -> varbinary, to_hex -> upper case) and run in DuckDB.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
import sqlglot
from dbt_cli import run_dbt
from hash_vectors import VECTORS, ZERO_KEY, expected_hex, vector_query


@pytest.fixture(scope="module")
def expected() -> list[str]:
    return [expected_hex(macro, values) for macro, _, values in VECTORS]


def test_documented_vectors_are_what_the_standard_says(expected: list[str]) -> None:
    assert expected[1] == "3843d32087bb0e88d4a71d4822dfcf08"  # published md5("ALFKI")
    assert expected[0] == expected[1]  # trimmed and upper-cased
    assert expected[5] == expected[6] == ZERO_KEY
    assert expected[8] != expected[9]  # hashdiffs are case-sensitive


def test_duckdb_rendering_gives_the_standard_hex(tmp_path: Path, expected: list[str]) -> None:
    (tmp_path / "iceberg").mkdir()
    result = run_dbt(["compile", "--quiet", "--inline", vector_query()], tmp_path)
    sql = result.stdout[result.stdout.index("select") :]
    assert "md5(" in sql
    assert list(duckdb.sql(sql).fetchone()) == expected


def test_athena_rendering_gives_the_same_hex_under_trino_semantics(
    athena_rendering: Path, expected: list[str]
) -> None:
    sql = (athena_rendering / "inline.sql").read_text()
    assert "to_hex(md5(to_utf8(" in sql, "Athena must hash the UTF-8 bytes and hex-encode the digest"
    sqlglot.parse_one(sql, read="trino")  # raises on anything that is not Trino syntax
    as_duckdb = sqlglot.transpile(sql, read="trino", write="duckdb")[0]
    row = duckdb.sql(as_duckdb).fetchone()
    assert list(row) == expected
    assert all(value == value.lower() for value in row)
