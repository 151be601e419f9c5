"""Known vectors of the hashing standard, with an implementation of the standard independent of the macros.

The standard (dbt/vault/macros/hashing.sql, README "Data Vault"): md5, lower-case hex; business keys trimmed,
upper-cased, blank = null; '||' between parts; '^^' for null; all-null key -> 32 zeros; hashdiffs neither
trimmed nor upper-cased; REAL as decimal(18,4) text.
"""

from __future__ import annotations

import hashlib
import json

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
    """One select with a column per vector, calling the project's macros (rendered by dbt per target)."""
    columns = [
        f"{{{{ northwind_vault.{macro}({json.dumps(parts, ensure_ascii=False)}) }}}} as v{i}"
        for i, (macro, parts, _) in enumerate(VECTORS)
    ]
    return "select " + ", ".join(columns)
