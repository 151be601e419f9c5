"""dbt Data Vault benchmark: full versus incremental builds on DuckDB, at several scales, medians of N.

The raw layer is written by the real ingestion (the Glue job's code on one local Spark session, started once
and not timed). Each timed step is one `dbt run` process on the local target, as a scheduler would run it.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
from pathlib import Path
from typing import Any

# The shared benchmark helpers live beside this folder (scripts/bench_lib).
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench_lib.proctree import run_measured

REPO = Path(__file__).resolve().parents[2]
BENCH_DB = "bench_dbt"
DBT = Path(sys.executable).parent / "dbt"


def dbt_run(state: Path, catalog: str) -> tuple[float, float, float]:
    """(wall seconds of the process, dbt's own elapsed seconds, peak MB) of `dbt run` on the local target."""
    env = {
        **os.environ,
        "NORTHWIND_STATE_DIR": str(state),
        "NORTHWIND_ICEBERG_CATALOG": catalog,
        "DBT_TARGET_PATH": str(state / "dbt-target"),
        "DBT_LOG_PATH": str(state / "dbt-logs"),
    }
    command = [str(DBT), "run", "--project-dir", "dbt/vault", "--profiles-dir", "dbt", "--target", "local"]
    try:
        done = run_measured(command, env=env, cwd=REPO)
    except subprocess.CalledProcessError as failed:
        raise SystemExit(f"dbt run failed:\n{failed.stdout[-4000:]}") from failed
    elapsed = json.loads((state / "dbt-target" / "run_results.json").read_text())["elapsed_time"]
    return done.wall_s, float(elapsed), done.peak_mb


def changeset(share: float, seed: int) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "northwind_datagen",
            "--database",
            BENCH_DB,
            "changeset",
            "--share",
            str(share),
            "--seed",
            str(seed),
        ],
        cwd=REPO,
        check=True,
        capture_output=True,
        text=True,
    )


def bench(scales: list[float], repeats: int, state_root: Path) -> list[dict[str, Any]]:
    from northwind_ingest.job import run_ingestion
    from northwind_local.runtime import local_job_settings
    from northwind_local.spark import build_local_spark, register_local_catalog
    from northwind_local.testing import drop_database, load_generated

    spark = build_local_spark(app_name="bench-dbt")

    def ingest(settings: Any) -> int:
        summary = run_ingestion(spark, settings)
        if not summary.ok:
            raise SystemExit(summary.render())
        return summary.rows

    rows = []
    try:
        for scale in scales:
            state = state_root / f"scale-{scale:g}"
            shutil.rmtree(state, ignore_errors=True)
            (state / "iceberg").mkdir(parents=True)
            # A catalog name per scale: Spark keeps a catalog's location once it has been used.
            catalog = f"bench_dbt_{str(scale).replace('.', '_')}"
            register_local_catalog(spark, catalog, state)
            settings = local_job_settings(database=BENCH_DB, catalog=catalog)
            load_generated(BENCH_DB, scale, seed=42)
            raw_rows = ingest(settings)
            timings: dict[str, list[tuple[float, float, float]]] = {
                "full": [],
                "no_batch": [],
                "unchanged": [],
                "change_1pct": [],
            }
            for _ in range(repeats):
                (state / "vault.duckdb").unlink(missing_ok=True)
                timings["full"].append(dbt_run(state, catalog))
            for _ in range(repeats):
                timings["no_batch"].append(dbt_run(state, catalog))  # scheduled run, nothing ingested since
            for _ in range(repeats):
                ingest(settings)  # the same data as a new batch
                timings["unchanged"].append(dbt_run(state, catalog))
            for i in range(repeats):
                changeset(0.01, seed=100 + i)
                ingest(settings)
                timings["change_1pct"].append(dbt_run(state, catalog))
            medians = {
                case: (statistics.median(w for w, _, _ in runs), statistics.median(e for _, e, _ in runs))
                for case, runs in timings.items()
            }
            rows.append(
                {
                    "scale": scale,
                    "raw_rows": raw_rows,
                    "full_peak_mb": statistics.median(peak for _, _, peak in timings["full"]),
                    **{f"{case}_wall_s": wall for case, (wall, _) in medians.items()},
                    **{f"{case}_dbt_s": dbt for case, (_, dbt) in medians.items()},
                    "no_batch_share": medians["no_batch"][0] / medians["full"][0],
                    "unchanged_share": medians["unchanged"][0] / medians["full"][0],
                    "change_1pct_share": medians["change_1pct"][0] / medians["full"][0],
                }
            )
            print(render(rows[-1:], repeats), flush=True)
    finally:
        spark.stop()
        drop_database(BENCH_DB)
    return rows


def render(rows: list[dict[str, Any]], repeats: int) -> str:
    head = (
        f"dbt run (median of {repeats}) | scale | raw rows | full s (dbt s) | no new batch s (dbt s) | "
        "unchanged batch s (dbt s) | 1% change s (dbt s) | no batch/full | unchanged/full | 1%/full | full peak MB"
    )
    lines = [head, "-" * len(head)]
    for r in rows:
        lines.append(
            f"{'':28}| {r['scale']:>5g} | {r['raw_rows']:>8} | {r['full_wall_s']:>6.1f} ({r['full_dbt_s']:>5.1f}) | "
            f"{r['no_batch_wall_s']:>14.1f} ({r['no_batch_dbt_s']:>5.1f}) | "
            f"{r['unchanged_wall_s']:>17.1f} ({r['unchanged_dbt_s']:>5.1f}) | "
            f"{r['change_1pct_wall_s']:>11.1f} ({r['change_1pct_dbt_s']:>5.1f}) | "
            f"{r['no_batch_share']:>13.0%} | {r['unchanged_share']:>14.0%} | {r['change_1pct_share']:>7.0%} | "
            f"{r['full_peak_mb']:>12.0f}"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scales", default="1,10,100")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--state-root", type=Path, required=True)
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()
    rows = bench([float(s) for s in args.scales.split(",")], args.repeats, args.state_root.resolve())
    print()
    print(render(rows, args.repeats))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
