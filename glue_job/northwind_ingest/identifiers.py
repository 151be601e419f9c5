"""Identifier validation: names reach SQL text (JDBC dbtable, Iceberg DDL), so only plain names pass."""

from __future__ import annotations

import re

# PostgreSQL identifiers that need no quoting, lower case (what unquoted DDL produces), at most 63 bytes.
_PLAIN = re.compile(r"^[a-z_][a-z0-9_]*$")
_MAX_LEN = 63


class InvalidIdentifierError(ValueError):
    """A schema, table or column name that the job refuses to put into SQL."""


def validate_identifier(name: str, what: str) -> str:
    """Return `name` if it is a plain lower-case identifier, else raise naming `what` (e.g. "table orders")."""
    if not is_valid_identifier(name):
        raise InvalidIdentifierError(
            f"invalid identifier for {what}: {name!r} (expected lower-case letters, digits and _, "
            f"starting with a letter or _, at most {_MAX_LEN} bytes)"
        )
    return name


def is_valid_identifier(name: str) -> bool:
    return isinstance(name, str) and bool(_PLAIN.match(name)) and len(name.encode()) <= _MAX_LEN


def pg_quote(*parts: str) -> str:
    """Double-quoted, dot-joined PostgreSQL name of already validated parts."""
    return ".".join(f'"{p}"' for p in parts)


def spark_quote(*parts: str) -> str:
    """Back-quoted, dot-joined Spark SQL name of already validated parts."""
    return ".".join(f"`{p}`" for p in parts)
