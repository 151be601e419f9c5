"""The hashing standard gives the same lower-case hex on DuckDB and on Athena (Trino).

Expected values come from Python's hashlib over the documented text (trim + upper-case business keys, '||'
between parts, '^^' for null, zero key when all parts are null; hashdiffs case-sensitive and untrimmed; REAL
as decimal(18,4)), not from the macros. The DuckDB rendering runs in DuckDB; the Athena rendering is parsed as
Trino by sqlglot, translated with Trino's semantics (md5 -> varbinary, to_hex -> upper case) and run in DuckDB.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import duckdb
import pytest
import sqlglot
from dbt_cli import run_dbt, run_dbt_athena

ZERO_KEY = "0" * 32

# (macro, SQL expressions of the parts, the same parts as Python text; None = SQL null)
VECTORS: list[tuple[str, list[str], list[str | None]]] = [
    ("hash_key", ["' alfki '"], [" alfki "]),
    ("hash_key", ["'ALFKI'"], ["ALFKI"]),
    ("hash_key", ["10248", "11"], ["10248", "11"]),
    ("hash_key", ["'01581'"], ["01581"]),
    ("hash_key", ["'x'", "cast(null as varchar)"], ["x", None]),
    ("hash_key", ["cast(null as varchar)", "'  '"], [None, "  "]),
    ("hash_key", ["cast(null as integer)"], [None]),
    ("hash_key", ["'Müller'"], ["Müller"]),
    (
        "hashdiff",
        ["'Ab'", "cast(null as varchar)", "cast(cast(0.15 as real) as decimal(18, 4))"],
        ["Ab", None, "0.1500"],
    ),
    (
        "hashdiff",
        ["'ab'", "cast(null as varchar)", "cast(cast(0.15 as real) as decimal(18, 4))"],
        ["ab", None, "0.1500"],
    ),
    ("hashdiff", ["cast('1996-07-04' as date)", "42", "' padded '"], ["1996-07-04", "42", " padded "]),
    ("hashdiff", ["cast(null as varchar)"], [None]),
    ("hashdiff", ["'Zoë'", "cast(14.4 as decimal(18, 4))"], ["Zoë", "14.4000"]),
]


def expected_hex(macro: str, parts: list[str | None]) -> str:
    if macro == "hash_key":
        normalised = [p.strip().upper() if p is not None and p.strip() else None for p in parts]
        if all(p is None for p in normalised):
            return ZERO_KEY
        text = "||".join("^^" if p is None else p for p in normalised)
    else:
        text = "||".join("^^" if p is None else p for p in parts)
    return hashlib.md5(text.encode("utf-8")).hexdigest()


def vector_query() -> str:
    columns = [
        f"{{{{ northwind_vault.{macro}({json.dumps(parts, ensure_ascii=False)}) }}}} as v{i}"
        for i, (macro, parts, _) in enumerate(VECTORS)
    ]
    return "select " + ", ".join(columns)


def compiled(stdout: str) -> str:
    """`dbt compile --quiet --inline` prints the compiled SQL only; keep from the select on."""
    return stdout[stdout.index("select") :].strip()


@pytest.fixture(scope="module")
def expected() -> list[str]:
    return [expected_hex(macro, values) for macro, _, values in VECTORS]


def test_documented_vectors_are_what_the_standard_says(expected: list[str]) -> None:
    # Anchors for the README: the independent implementation agrees with published md5 values.
    assert expected[1] == "3843d32087bb0e88d4a71d4822dfcf08"  # md5("ALFKI")
    assert expected[0] == expected[1]  # trimmed and upper-cased
    assert expected[5] == expected[6] == ZERO_KEY
    assert expected[8] != expected[9]  # hashdiffs are case-sensitive


def test_duckdb_rendering_gives_the_standard_hex(tmp_path: Path, expected: list[str]) -> None:
    (tmp_path / "iceberg").mkdir()
    result = run_dbt(["compile", "--quiet", "--inline", vector_query()], tmp_path)
    sql = compiled(result.stdout)
    assert "md5(" in sql
    row = duckdb.sql(sql).fetchone()
    assert list(row) == expected


def test_athena_rendering_gives_the_same_hex_under_trino_semantics(
    tmp_path: Path, expected: list[str]
) -> None:
    result = run_dbt_athena(["compile", "--quiet", "--inline", vector_query()], tmp_path)
    sql = compiled(result.stdout)
    assert "to_hex(md5(to_utf8(" in sql, "Athena must hash the UTF-8 bytes and hex-encode the digest"
    sqlglot.parse_one(sql, read="trino")  # raises on anything that is not Trino syntax
    as_duckdb = sqlglot.transpile(sql, read="trino", write="duckdb")[0]
    row = duckdb.sql(as_duckdb).fetchone()
    assert list(row) == expected
    assert all(value == value.lower() for value in row)
