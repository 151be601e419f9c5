from northwind_ingest.summary import RunSummary, TableResult


def test_all_tables_ok_exits_zero_and_totals_rows():
    s = RunSummary("b1", [TableResult("a", True, 10, 1.0, 1), TableResult("b", True, 5, 0.5, 2)], seconds=2)
    assert s.ok and s.exit_code() == 0 and s.rows == 15
    assert s.render().splitlines()[-1] == "  2 of 2 tables written, 0 failed, 15 rows in 2.0 s"


def test_one_failed_table_fails_the_run_and_is_named():
    s = RunSummary(
        "b2", [TableResult("a", True, 10, 1.0, 1), TableResult("b", False, message="table b: boom")]
    )
    assert not s.ok and s.exit_code() == 1
    text = s.render()
    assert "FAILED" in text.splitlines()[0]
    assert "b: FAILED after 0.0 s: table b: boom" in text
    assert "1 of 2 tables written, 1 failed" in text


def test_a_run_level_error_fails_even_without_tables():
    s = RunSummary("b3", error="cannot query PostgreSQL at h:1/db: refused")
    assert s.exit_code() == 1
    assert "error: cannot query PostgreSQL at h:1/db" in s.render()
