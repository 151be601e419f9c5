"""The dbt selection of an incremental run: tables with rows in a committed batch after the last built one."""

from northwind_local.changed_tables import ManifestRow, changed_since, selectors

ROWS = [
    ManifestRow("20260101T000000000000Z-aaaaaaaa", "orders", 830),
    ManifestRow("20260101T000000000000Z-aaaaaaaa", "region", 4),
    ManifestRow("20260102T000000000000Z-bbbbbbbb", "orders", 3),
    ManifestRow("20260102T000000000000Z-bbbbbbbb", "region", 0),  # mode unchanged: no rows
    ManifestRow("20260103T000000000000Z-cccccccc", "customers", 1),
]


def test_only_tables_with_rows_after_the_built_batch_are_selected():
    assert changed_since(ROWS, "20260101T000000000000Z-aaaaaaaa") == ["customers", "orders"]


def test_nothing_after_the_newest_batch():
    assert changed_since(ROWS, "20260103T000000000000Z-cccccccc") == []


def test_without_a_recorded_build_every_table_with_rows():
    assert changed_since(ROWS, None) == ["customers", "orders", "region"]


def test_selectors_take_each_source_table_and_everything_downstream():
    assert selectors(["orders"]) == ["source:northwind_raw.orders+"]
