"""Known vectors of the hashing standard, with an implementation of the standard independent of the macros.

The standard (dbt/vault/macros/hashing.sql, docs/data-vault.md, "Hashing standard"): md5, lower-case hex; business keys trimmed
of Trino's whitespace (JAVA_WHITESPACE), upper-cased, blank = null; '||' between parts; '^^' for null; all-null
key -> 32 zeros; hashdiffs neither trimmed nor upper-cased; REAL as decimal(18,4) text.
"""

from __future__ import annotations

import hashlib
import json

ZERO_KEY = "0" * 32

# What Trino's trim(varchar) strips (Athena): io.airlift.slice.SliceUtf8.trim drops the code points for which
# java.lang.Character.isWhitespace is true. Written out here from that definition, not from the macro;
# test_hashing checks it against the JVM itself. Python's str.strip() is not it: it also strips U+0085 and
# the no-break spaces U+00A0, U+2007 and U+202F, which Java (and so Trino) keeps.
JAVA_WHITESPACE = "".join(
    chr(code_point)
    for code_point in [
        *range(0x09, 0x0E),
        *range(0x1C, 0x20),
        0x20,
        0x1680,
        *range(0x2000, 0x2007),
        *range(0x2008, 0x200B),
        0x2028,
        0x2029,
        0x205F,
        0x3000,
    ]
)

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
    # Whitespace other than the space: stripped alike on both engines (tab, newline, CR, form feed, the
    # information separators, ideographic and line separators), kept inside the key ...
    ("hash_key", ["chr(9) || 'alfki' || chr(10)"], ["\talfki\n"]),
    (
        "hash_key",
        ["chr(13) || chr(10) || chr(12) || 'ALFKI' || chr(12288) || chr(8232) || chr(31)"],
        ["\r\n\x0cALFKI\u3000\u2028\x1f"],
    ),
    ("hash_key", ["'AL' || chr(9) || 'FKI'"], ["AL\tFKI"]),
    ("hash_key", ["chr(9) || chr(11) || chr(28) || chr(8195) || ' '"], ["\t\x0b\x1c\u2003 "]),
    # ... and the no-break spaces and NEL, which Trino's trim keeps, are kept (a different key).
    ("hash_key", ["chr(160) || 'ALFKI'"], ["\xa0ALFKI"]),
    ("hash_key", ["'ALFKI' || chr(8199)"], ["ALFKI\u2007"]),
    ("hash_key", ["chr(8239) || 'ALFKI' || chr(133)"], ["\u202fALFKI\x85"]),
    ("hash_key", ["chr(160)"], ["\xa0"]),
    # Hashdiffs are never trimmed: a trailing tab is a change.
    ("hashdiff", ["'Alfreds' || chr(9)"], ["Alfreds\t"]),
]


def expected_hex(macro: str, parts: list[str | None]) -> str:
    if macro == "hash_key":
        trimmed = [None if p is None else p.strip(JAVA_WHITESPACE) for p in parts]
        normalised = [p.upper() if p else None for p in trimmed]
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
