from northwind_ingest.summary import RunSummary, TableResult


def ok(table: str, i: int, u: int, d: int) -> TableResult:
    return TableResult(table, True, "incremental", i, u, d, 1.0, 7)


def test_a_committed_batch_exits_zero_and_totals_change_rows():
    s = RunSummary("b1", [ok("a", 3, 2, 1), ok("b", 0, 0, 0)], committed=True, seconds=2)
    assert s.ok and s.exit_code() == 0 and s.rows == 6
    text = s.render()
    assert text.splitlines()[0] == "ingestion batch b1: committed"
    assert "  a: incremental, 3 inserted, 2 updated, 1 deleted in 1.0 s (snapshot 7)" in text
    assert text.splitlines()[-1] == "  2 tables, 1 changed, 0 failed, 6 change rows in 2.0 s"


def test_tables_all_ok_but_no_manifest_commit_is_a_failed_batch():
    s = RunSummary("b0", [ok("a", 1, 0, 0)], committed=False)
    assert not s.ok and s.exit_code() == 1
    assert "not committed" in s.render().splitlines()[0]


def test_one_failed_table_fails_the_batch_and_is_named():
    s = RunSummary("b2", [ok("a", 10, 0, 0), TableResult("b", False, message="table b: boom")])
    assert not s.ok and s.exit_code() == 1
    text = s.render()
    assert "FAILED" in text.splitlines()[0]
    assert "b: FAILED after 0.0 s: table b: boom" in text
    assert "2 tables, 1 changed, 1 failed" in text


def test_a_run_level_error_fails_even_without_tables():
    s = RunSummary("b3", error="cannot query PostgreSQL at h:1/db: refused")
    assert s.exit_code() == 1
    assert "error: cannot query PostgreSQL at h:1/db" in s.render()
