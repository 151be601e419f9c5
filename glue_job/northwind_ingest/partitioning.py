"""Parallel JDBC read planning: how many slices of which numeric key column."""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class PartitionPlan:
    """Spark JDBC partitioning options: `column` between `lower` and `upper` in `num_partitions` slices."""

    column: str
    lower: int
    upper: int
    num_partitions: int

    def jdbc_options(self) -> dict[str, str]:
        return {
            "partitionColumn": self.column,
            "lowerBound": str(self.lower),
            "upperBound": str(self.upper),
            "numPartitions": str(self.num_partitions),
        }


def plan_partitions(
    column: str | None,
    row_count: int,
    lower: int | None,
    upper: int | None,
    rows_per_partition: int,
    max_partitions: int,
) -> PartitionPlan | None:
    """A plan when the table is big enough to split on a numeric key, else None (one JDBC query).

    Spark's strides are ranges of key values, so slices are even only when keys are dense; Northwind's
    serial keys are.
    """
    if column is None or lower is None or upper is None or row_count <= rows_per_partition:
        return None
    if rows_per_partition < 1 or max_partitions < 1:
        raise ValueError("rows_per_partition and max_partitions must be positive")
    slices = min(math.ceil(row_count / rows_per_partition), max_partitions, upper - lower + 1)
    if slices < 2:
        return None
    return PartitionPlan(column, lower, upper + 1, slices)
