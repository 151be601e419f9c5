"""Row-for-row comparison of two engines' tables. Every value must be equal, except floats (doubles), which
may differ by FLOAT_TOLERANCE relative (1e-9) or absolute (1e-9): engines add floats in different orders.
The project's money and hashed values are decimals and text, compared exactly."""

from __future__ import annotations

import math
from typing import Any

FLOAT_REL_TOLERANCE = 1e-9
FLOAT_ABS_TOLERANCE = 1e-9
Table = tuple[list[str], list[tuple]]


def _sort_key(row: tuple) -> tuple:
    # None sorts first; floats are rounded so that a tolerable difference cannot reorder rows.
    return tuple(
        (0, "") if value is None else (1, round(value, 6) if isinstance(value, float) else value)
        for value in row
    )


def _equal(left: Any, right: Any) -> bool:
    if isinstance(left, float) or isinstance(right, float):
        if left is None or right is None:
            return left is right
        return math.isclose(
            float(left), float(right), rel_tol=FLOAT_REL_TOLERANCE, abs_tol=FLOAT_ABS_TOLERANCE
        )
    # Decimals compare by value (1.50 == 1.5000), whatever scale each engine gives the type.
    return left == right


def table_differences(name: str, left: Table, right: Table, limit: int = 5) -> list[str]:
    """What differs between two versions of one table (columns, row count, first differing rows)."""
    left_columns, left_rows = left
    right_columns, right_rows = right
    if left_columns != right_columns:
        return [f"{name}: columns differ: {left_columns} vs {right_columns}"]
    problems = []
    if len(left_rows) != len(right_rows):
        problems.append(f"{name}: {len(left_rows)} rows vs {len(right_rows)} rows")
    for a, b in zip(sorted(left_rows, key=_sort_key), sorted(right_rows, key=_sort_key), strict=False):
        if len(problems) >= limit:
            break
        if not all(_equal(x, y) for x, y in zip(a, b, strict=True)):
            problems.append(f"{name}: first differing row\n  {a}\n  {b}")
    return problems


def differences(left: dict[str, Table], right: dict[str, Table]) -> list[str]:
    """Every difference between two engines' sets of tables, names included."""
    problems = []
    if sorted(left) != sorted(right):
        problems.append(
            f"tables differ: only left {sorted(set(left) - set(right))}, only right {sorted(set(right) - set(left))}"
        )
    for name in sorted(set(left) & set(right)):
        problems += table_differences(name, left[name], right[name])
    return problems
