import pytest
from northwind_ingest.partitioning import PartitionPlan, plan_partitions


def test_small_tables_are_read_in_one_query():
    assert plan_partitions("id", 1000, 1, 1000, rows_per_partition=5000, max_partitions=8) is None


def test_tables_without_numeric_key_are_not_split():
    assert plan_partitions(None, 10**6, None, None, rows_per_partition=1000, max_partitions=8) is None


def test_large_table_is_split_by_rows_per_partition():
    plan = plan_partitions("order_id", 10_000, 1, 10_000, rows_per_partition=2_500, max_partitions=16)
    assert plan == PartitionPlan("order_id", 1, 10_001, 4)
    assert plan.jdbc_options() == {
        "partitionColumn": "order_id",
        "lowerBound": "1",
        "upperBound": "10001",
        "numPartitions": "4",
    }


def test_partition_count_is_capped():
    plan = plan_partitions("id", 10**7, 1, 10**7, rows_per_partition=1000, max_partitions=8)
    assert plan is not None and plan.num_partitions == 8


def test_never_more_slices_than_distinct_keys():
    plan = plan_partitions("id", 10_000, 5, 7, rows_per_partition=100, max_partitions=16)
    assert plan is not None and plan.num_partitions == 3


def test_invalid_sizes_are_refused():
    with pytest.raises(ValueError):
        plan_partitions("id", 10, 1, 10, rows_per_partition=0, max_partitions=2)
