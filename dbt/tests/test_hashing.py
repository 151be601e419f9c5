"""The hashing standard gives the same lower-case hex on DuckDB and on Athena (Trino).

Expected values come from hash_vectors.expected_hex (Python's hashlib over the documented text), not from
the macros. The DuckDB rendering runs in DuckDB; the Athena rendering is parsed as Trino by sqlglot,
translated with Trino's semantics (md5 -> varbinary, to_hex -> upper case, one-argument trim -> Java's
whitespace) and run in DuckDB. Which whitespace Trino's trim strips is checked against the JVM itself.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import duckdb
import pytest
import sqlglot
from dbt_cli import run_dbt
from hash_vectors import JAVA_WHITESPACE, VECTORS, ZERO_KEY, expected_hex, vector_query
from sqlglot import exp

# Every code point for which java.lang.Character.isWhitespace holds: what Trino's trim(varchar) strips
# (io.airlift.slice.SliceUtf8 builds its table from it, surrogates excluded).
JAVA_LISTS_WHITESPACE = """
public class ListWhitespace {
    public static void main(String[] args) {
        for (int c = 0; c <= Character.MAX_CODE_POINT; c++) {
            if (Character.getType(c) != Character.SURROGATE && Character.isWhitespace(c)) {
                System.out.println(c);
            }
        }
    }
}
"""


def by_text(vector: str) -> int:
    return next(i for i, (_, _, parts) in enumerate(VECTORS) if parts == [vector])


def trino_trim(tree: exp.Expression) -> exp.Expression:
    """Trino's one-argument trim strips Java's whitespace; sqlglot would render it as DuckDB's space-only trim."""

    def explicit(node: exp.Expression) -> exp.Expression:
        if isinstance(node, exp.Trim) and node.args.get("expression") is None:
            return exp.Trim(this=node.this, expression=exp.Literal.string(JAVA_WHITESPACE))
        return node

    return tree.transform(explicit)


@pytest.fixture(scope="module")
def expected() -> list[str]:
    return [expected_hex(macro, values) for macro, _, values in VECTORS]


def test_documented_vectors_are_what_the_standard_says(expected: list[str]) -> None:
    assert expected[1] == "3843d32087bb0e88d4a71d4822dfcf08"  # published md5("ALFKI")
    assert expected[0] == expected[1]  # trimmed and upper-cased
    assert expected[5] == expected[6] == ZERO_KEY
    assert expected[8] != expected[9]  # hashdiffs are case-sensitive
    alfki = expected[1]
    for stripped in ("\talfki\n", "\r\n\x0cALFKI\u3000\u2028\x1f"):
        assert expected[by_text(stripped)] == alfki, repr(stripped)
    for kept in ("AL\tFKI", "\xa0ALFKI", "ALFKI\u2007", "\u202fALFKI\x85"):
        assert expected[by_text(kept)] != alfki, repr(kept)
    assert expected[by_text("\t\x0b\x1c\u2003 ")] == ZERO_KEY  # whitespace only: no key
    assert expected[by_text("\xa0")] != ZERO_KEY  # a no-break space is not whitespace to Trino


@pytest.mark.skipif(shutil.which("java") is None, reason="needs the JVM that Spark uses")
def test_the_whitespace_list_is_what_java_calls_whitespace(tmp_path: Path) -> None:
    source = tmp_path / "ListWhitespace.java"
    source.write_text(JAVA_LISTS_WHITESPACE)
    listed = subprocess.run(["java", str(source)], capture_output=True, text=True, check=True, timeout=120)
    java = {int(line) for line in listed.stdout.split()}
    assert {ord(c) for c in JAVA_WHITESPACE} == java


def test_duckdb_trims_exactly_the_listed_code_points(tmp_path: Path) -> None:
    """Every Unicode code point, not only the vectors: on DuckDB the macro strips exactly JAVA_WHITESPACE."""
    (tmp_path / "iceberg").mkdir()
    query = (
        "select code_point from range(1, 1114112) as t(code_point)"
        " where code_point not between 55296 and 57343"  # surrogates are not characters
        " and {{ northwind_vault.trim_whitespace('chr(cast(code_point as integer))') }} = ''"
    )
    result = run_dbt(["compile", "--quiet", "--inline", query], tmp_path)
    sql = result.stdout[result.stdout.index("select") :]
    stripped = {row[0] for row in duckdb.sql(sql).fetchall()}
    assert stripped == {ord(c) for c in JAVA_WHITESPACE}


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
    assert "chr(5760)" not in sql, "Athena uses Trino's own trim, no list of code points"
    as_duckdb = trino_trim(sqlglot.parse_one(sql, read="trino")).sql(dialect="duckdb")
    row = duckdb.sql(as_duckdb).fetchone()
    assert list(row) == expected
    assert all(value == value.lower() for value in row)
