"""Ingestion benchmark: generated Northwind at several scales, medians of N runs.

Cases per scale, every run a fresh process (JVM and Spark start included, as a scheduled job pays them):
- `full`: the initial load into an empty raw layer;
- `unchanged`: a batch with no source change;
- `1% change`: a batch after a datagen change set touching 1% of the rows;
- `copy floor`: a plain `COPY <table> TO STDOUT` of every table by one psycopg client (the floor for
  reading the data at all);
- `duckdb peer`: what a user might pick instead: DuckDB's postgres scanner writing one Parquet file per
  table (no change detection, no catalog, no history).
Every figure is printed and appended to .local/bench/results.jsonl (benchmark, case, scale, median_s,
peak_mb, rows).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import time
from pathlib import Path

# The shared benchmark helpers live beside this folder (scripts/bench_lib).
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench_lib.proctree import run_measured
from bench_lib.results import append_results

ROOT = Path(__file__).resolve().parents[2]
BENCH_DB = "bench_ingest"
CATALOG = "bench"


def one_run(database: str, state: Path) -> None:
    """Child process: start Spark, ingest one batch, report timings as one JSON line on stdout."""
    started = time.monotonic()
    from northwind_ingest.job import run_ingestion
    from northwind_local.runtime import local_job_settings
    from northwind_local.spark import build_local_spark, register_local_catalog

    spark = build_local_spark(app_name="bench-ingest")
    register_local_catalog(spark, CATALOG, state)
    ready = time.monotonic()
    summary = run_ingestion(spark, local_job_settings(database=database, catalog=CATALOG))
    done = time.monotonic()
    spark.stop()
    if not summary.ok:
        print(summary.render(), file=sys.stderr)
        sys.exit(1)
    print(json.dumps({"startup_s": ready - started, "ingest_s": done - ready, "rows": summary.rows}))


def duckdb_peer(database: str, out_dir: Path) -> None:
    """Child process: DuckDB's postgres scanner copies every table to Parquet."""
    import duckdb
    import duckdb_extension_postgres
    from northwind_local.runtime import local_source

    src = local_source(database=database)
    extension = Path(duckdb_extension_postgres.__file__).parent / "extensions" / f"v{duckdb.__version__}"
    # DuckDB derives the entry point from the file name, and this one is `postgres_scanner`.
    named = out_dir.parent / "postgres_scanner.duckdb_extension"
    named.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(extension / "postgres.duckdb_extension", named)
    con = duckdb.connect(config={"autoinstall_known_extensions": False, "autoload_known_extensions": False})
    con.execute(f"load '{named}'")
    # The password comes from PGPASSFILE (libpq), never from the command line.
    con.execute(
        f"attach 'host={src.host} port={src.port} dbname={database} user={src.user}' as pg (type postgres, read_only)"
    )
    tables = [
        r[0]
        for r in con.execute(
            "select table_name from duckdb_tables() where database_name = 'pg' and schema_name = 'public'"
        ).fetchall()
    ]
    out_dir.mkdir(parents=True, exist_ok=True)
    rows = 0
    for table in tables:
        con.execute(
            f"copy (select * from pg.public.\"{table}\") to '{out_dir / table}.parquet' (format parquet)"
        )
        rows += con.execute(f"select count(*) from '{out_dir / table}.parquet'").fetchone()[0]
    print(json.dumps({"rows": rows}))


def copy_floor(database: str) -> tuple[float, int]:
    """Seconds to COPY every table out to the client (data discarded), and the rows copied."""
    from northwind_local.testing import connect

    with connect(database) as conn:
        tables = [
            r[0]
            for r in conn.execute(
                "select table_name from information_schema.tables "
                "where table_schema = 'public' and table_type = 'BASE TABLE' order by 1"
            )
        ]
        rows = sum(conn.execute(f'select count(*) from public."{t}"').fetchone()[0] for t in tables)
        started = time.monotonic()
        with conn.cursor() as cur:
            for table in tables:
                with cur.copy(f'COPY public."{table}" TO STDOUT') as copy:
                    for _block in copy:
                        pass
        return time.monotonic() - started, rows


def _child(*args: str) -> dict:
    env = {**os.environ, "PGPASSFILE": str(ROOT / ".local" / "postgres" / "pgpass")}
    out = run_measured([sys.executable, __file__, *args], env=env)
    return {"wall_s": out.wall_s, "peak_mb": out.peak_mb, **json.loads(out.stdout.strip().splitlines()[-1])}


def _case(case: str, scale: float, runs: list[dict], **extra: float) -> dict:
    return {
        "benchmark": "ingest",
        "case": case,
        "scale": scale,
        "median_s": statistics.median(r["wall_s"] for r in runs),
        "peak_mb": statistics.median(r["peak_mb"] for r in runs) if "peak_mb" in runs[0] else None,
        "rows": runs[-1]["rows"],
        **(
            {"ingest_only_s": statistics.median(r["ingest_s"] for r in runs)} if "ingest_s" in runs[0] else {}
        ),
        **extra,
    }


def bench_scale(scale: float, repeats: int, state_root: Path) -> list[dict]:
    from northwind_datagen.changeset import apply_changeset
    from northwind_local.runtime import catalog_database, drop_catalog_database_named
    from northwind_local.testing import connect, load_generated

    load_generated(BENCH_DB, scale, seed=42)
    floors = [copy_floor(BENCH_DB) for _ in range(repeats)]
    floor = [{"wall_s": s, "rows": n} for s, n in floors]
    peer_dir = state_root / f"duckdb-{scale:g}"
    peer = [_child("duckdb-peer", "--database", BENCH_DB, "--out", str(peer_dir)) for _ in range(repeats)]
    state = state_root / f"scale-{scale:g}"
    full = []
    for _ in range(repeats):
        # An empty raw layer: the warehouse files and the catalog's rows (its own PostgreSQL database).
        shutil.rmtree(state, ignore_errors=True)
        drop_catalog_database_named(catalog_database(state))
        full.append(_child("one-run", "--database", BENCH_DB, "--state", str(state)))
    unchanged = [_child("one-run", "--database", BENCH_DB, "--state", str(state)) for _ in range(repeats)]
    changed = []
    for i in range(repeats):
        with connect(BENCH_DB) as conn:
            conn.autocommit = False
            apply_changeset(conn, share=0.01, seed=100 + i)
            conn.commit()
        changed.append(_child("one-run", "--database", BENCH_DB, "--state", str(state)))
    floor_s = statistics.median(r["wall_s"] for r in floor)
    full_case = _case("full", scale, full)
    full_s = full_case["median_s"]
    return [
        {**full_case, "x_copy_floor": full_s / floor_s, "rows_per_s": full_case["rows"] / full_s},
        _case(
            "unchanged",
            scale,
            unchanged,
            share_of_full=statistics.median(r["wall_s"] for r in unchanged) / full_s,
        ),
        _case(
            "1% change",
            scale,
            changed,
            share_of_full=statistics.median(r["wall_s"] for r in changed) / full_s,
        ),
        _case("copy floor", scale, floor),
        _case(
            "duckdb peer", scale, peer, x_copy_floor=statistics.median(r["wall_s"] for r in peer) / floor_s
        ),
    ]


def render(rows: list[dict], repeats: int) -> str:
    head = f"ingest (median of {repeats}) | scale | case        |  median s | in-process s | rows      | peak MB | note"
    lines = [head, "-" * len(head)]
    for r in rows:
        notes = []
        if "x_copy_floor" in r:
            notes.append(f"{r['x_copy_floor']:.1f}x COPY floor")
        if "share_of_full" in r:
            notes.append(f"{r['share_of_full']:.0%} of full")
        if "rows_per_s" in r:
            notes.append(f"{r['rows_per_s']:,.0f} rows/s")
        inproc = f"{r['ingest_only_s']:>12.2f}" if "ingest_only_s" in r else f"{'':>12}"
        peak = f"{r['peak_mb']:>7.0f}" if r.get("peak_mb") is not None else f"{'':>7}"
        lines.append(
            f"{'':27}| {r['scale']:>5g} | {r['case']:<11} | {r['median_s']:>9.2f} | {inproc} | "
            f"{r['rows']:>9,} | {peak} | {'; '.join(notes)}"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="command", required=True)
    child = sub.add_parser("one-run")
    child.add_argument("--database", required=True)
    child.add_argument("--state", type=Path, required=True)
    peer = sub.add_parser("duckdb-peer")
    peer.add_argument("--database", required=True)
    peer.add_argument("--out", type=Path, required=True)
    run = sub.add_parser("bench")
    run.add_argument("--scales", default="1,100,1000")
    run.add_argument("--repeats", type=int, default=3)
    run.add_argument("--state-root", type=Path, required=True)
    run.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()
    if args.command == "one-run":
        one_run(args.database, args.state)
        return 0
    if args.command == "duckdb-peer":
        duckdb_peer(args.database, args.out)
        return 0
    from northwind_local.testing import drop_database

    rows = []
    for scale in [float(s) for s in args.scales.split(",")]:
        rows += bench_scale(scale, args.repeats, args.state_root.resolve())
        print(render(rows, args.repeats), flush=True)
    drop_database(BENCH_DB)
    append_results(rows, args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
