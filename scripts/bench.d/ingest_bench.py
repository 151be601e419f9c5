"""Ingestion benchmark: generated Northwind at several scales, median of N runs, against a COPY TO floor.

Each ingestion run is a fresh process (JVM and Spark start included, as a scheduled job would pay them);
the floor is a plain `COPY <table> TO STDOUT` of the same tables read by one psycopg client.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

# The shared benchmark helpers live beside this folder (scripts/bench_lib).
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench_lib.proctree import run_measured

BENCH_DB = "bench_ingest"
CATALOG = "bench"


def one_run(database: str, state: Path) -> None:
    """Child process: start Spark, ingest, report timings as one JSON line on stdout."""
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


def copy_floor(database: str) -> tuple[float, int]:
    """Seconds to COPY every table out to the client (data discarded) and the bytes read."""
    from northwind_local.testing import connect

    with connect(database) as conn:
        tables = [
            r[0]
            for r in conn.execute(
                "select table_name from information_schema.tables "
                "where table_schema = 'public' and table_type = 'BASE TABLE' order by 1"
            )
        ]
        started = time.monotonic()
        size = 0
        with conn.cursor() as cur:
            for table in tables:
                with cur.copy(f'COPY public."{table}" TO STDOUT') as copy:
                    for block in copy:
                        size += len(block)
        return time.monotonic() - started, size


def bench(scales: list[float], repeats: int, state_root: Path) -> list[dict]:
    from northwind_local.testing import drop_database, load_generated

    rows = []
    for scale in scales:
        load_generated(BENCH_DB, scale, seed=42)
        floors = [copy_floor(BENCH_DB)[0] for _ in range(repeats)]
        state = state_root / f"scale-{scale:g}"
        subprocess.run(["rm", "-rf", str(state)], check=True)
        runs = []
        for _ in range(repeats):
            out = run_measured(
                [sys.executable, __file__, "one-run", "--database", BENCH_DB, "--state", str(state)]
            )
            runs.append(
                {
                    "wall_s": out.wall_s,
                    "peak_mb": out.peak_mb,
                    **json.loads(out.stdout.strip().splitlines()[-1]),
                }
            )
        wall = statistics.median(r["wall_s"] for r in runs)
        ingest = statistics.median(r["ingest_s"] for r in runs)
        startup_share = statistics.median((r["wall_s"] - r["ingest_s"]) / r["wall_s"] for r in runs)
        floor = statistics.median(floors)
        rows.append(
            {
                "scale": scale,
                "rows": runs[0]["rows"],
                "wall_s": wall,
                "peak_mb": statistics.median(r["peak_mb"] for r in runs),
                "ingest_s": ingest,
                "rows_per_s": runs[0]["rows"] / wall,
                "spark_start_share": startup_share,
                "copy_floor_s": floor,
                "ratio_wall": wall / floor,
                "ratio_ingest_only": ingest / floor,
            }
        )
    drop_database(BENCH_DB)
    return rows


def render(rows: list[dict], repeats: int) -> str:
    head = (
        f"ingest (median of {repeats}) | scale |     rows |  wall s | rows/s | Spark start+stop | "
        "COPY floor s | wall/floor | ingest-only/floor | peak MB"
    )
    lines = [head, "-" * len(head)]
    for r in rows:
        lines.append(
            f"{'':27}| {r['scale']:>5g} | {r['rows']:>8} | {r['wall_s']:>7.1f} | {r['rows_per_s']:>6.0f} | "
            f"{r['spark_start_share']:>15.0%} | {r['copy_floor_s']:>12.3f} | {r['ratio_wall']:>9.0f}x | "
            f"{r['ratio_ingest_only']:>16.0f}x | {r['peak_mb']:>7.0f}"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    child = sub.add_parser("one-run")
    child.add_argument("--database", required=True)
    child.add_argument("--state", type=Path, required=True)
    run = sub.add_parser("bench")
    run.add_argument("--scales", default="1,10,100")
    run.add_argument("--repeats", type=int, default=3)
    run.add_argument("--state-root", type=Path, required=True)
    run.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()
    if args.command == "one-run":
        one_run(args.database, args.state)
        return 0
    rows = bench([float(s) for s in args.scales.split(",")], args.repeats, args.state_root)
    print(render(rows, args.repeats))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
