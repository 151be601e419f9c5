"""Vault benchmark: the dbt build of the whole pipeline, as the demo runs it, at several scales, medians of N.

The raw layer is written by the real ingestion (the Glue job's code on one local Spark session, started once and
not timed). Each timed step is the pipeline's build as the demo runs it after an ingestion (scripts/vault_build.sh: the
manifest check, then one `dbt build` of the models downstream of changed raw tables with their data tests,
dbt's start-up included; no dbt run at all when no table changed). Cases per scale:
- `full`: an empty vault, one committed batch (the initial load);
- `unchanged`: one more batch of unchanged data since the vault's last build;
- `1% change`: one batch after a datagen change set touching 1% of the rows;
- `two batches`: two such batches since the last build (the vault loads both, in order);
- `dbt start-up`: a `dbt build` that selects nothing: parsing and connecting, the floor of every other case.
Every case but `full` starts from a copy of the vault file as it was before that case's batches, so each of the
N repeats does the same work. `rows` is what the build added to the raw vault (0 for an unchanged batch).
Every figure is printed and appended to .local/bench/results.jsonl (benchmark `vault`, case, scale, median_s,
peak_mb, rows), the same form as the ingestion benchmark.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

# The shared benchmark helpers live beside this folder (scripts/bench_lib).
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench_lib.proctree import run_measured
from bench_lib.results import append_results
from bench_lib.vault_lake import (
    BENCH_DB,
    REPO,
    dbt_env,
    new_lake,
    raw_vault_rows,
    restore_duckdb_vault,
    save_duckdb_vault,
    vault_build,
)

DBT = Path(sys.executable).parent / "dbt"
# The goals at scale 1000, as shares of a full build (and the peak of any build).
GOALS = {"unchanged": 0.10, "1% change": 0.20, "two batches": 0.30}
PEAK_GOAL_MB = 1536


def dbt_startup(state: Path, catalog: str) -> dict[str, float]:
    """A `dbt build` that selects nothing: parsing and connecting, the floor of every dbt run."""
    command = [str(DBT), "build", "--project-dir", "dbt/vault", "--profiles-dir", "dbt", "--target", "local"]
    done = run_measured([*command, "--select", "tag:none"], env=dbt_env(state, catalog), cwd=REPO)
    return {"wall_s": done.wall_s, "dbt_s": 0.0, "peak_mb": done.peak_mb}


def timed_from(
    checkpoint: Path | None, state: Path, repeats: int, build: Callable[[], dict[str, float]]
) -> list[dict[str, float]]:
    """`repeats` builds, each from a copy of `checkpoint` (None: an empty vault); the last result stays."""
    vault = state / "vault.duckdb"
    runs = []
    for _ in range(repeats):
        restore_duckdb_vault(checkpoint, state)
        before = raw_vault_rows(vault) if checkpoint is not None else 0
        run = build()
        run["rows"] = raw_vault_rows(vault) - before
        runs.append(run)
    return runs


def case(name: str, scale: float, runs: list[dict[str, float]], full_s: float | None) -> dict[str, Any]:
    median_s = statistics.median(r["wall_s"] for r in runs)
    return {
        "benchmark": "vault",
        "case": name,
        "scale": scale,
        "median_s": median_s,
        "peak_mb": statistics.median(r["peak_mb"] for r in runs),
        "rows": int(statistics.median(r["rows"] for r in runs)),
        "dbt_elapsed_s": statistics.median(r["dbt_s"] for r in runs),
        **({"share_of_full": median_s / full_s} if full_s else {}),
    }


def bench_scale(spark: Any, scale: float, repeats: int, state_root: Path) -> list[dict[str, Any]]:
    lake = new_lake(spark, scale, state_root, prefix="bench_vault")
    state, catalog = lake.state, lake.catalog

    def build() -> dict[str, float]:
        return vault_build(state, catalog)

    lake.ingest()
    full = timed_from(None, state, repeats, build)
    full_s = statistics.median(r["wall_s"] for r in full)
    after_first = save_duckdb_vault(state, "after-first-batch")
    startup = timed_from(after_first, state, repeats, lambda: dbt_startup(state, catalog))
    lake.ingest()
    unchanged = timed_from(after_first, state, repeats, build)
    after_unchanged = save_duckdb_vault(state, "after-unchanged")
    lake.ingest(change_seed=100)
    changed = timed_from(after_unchanged, state, repeats, build)
    after_change = save_duckdb_vault(state, "after-change")
    lake.ingest(change_seed=200)
    lake.ingest(change_seed=300)
    two = timed_from(after_change, state, repeats, build)
    return [
        case("full", scale, full, None),
        case("unchanged", scale, unchanged, full_s),
        case("1% change", scale, changed, full_s),
        case("two batches", scale, two, full_s),
        case("dbt start-up", scale, startup, full_s),
    ]


def render(rows: list[dict[str, Any]], repeats: int) -> str:
    head = f"vault: dbt build (median of {repeats}) | scale | case         | median s | dbt s | rows added | peak MB | note"
    lines = [head, "-" * len(head)]
    for r in rows:
        notes = []
        if "share_of_full" in r:
            goal = GOALS.get(r["case"]) if r["scale"] == 1000 else None
            verdict = (
                ""
                if goal is None
                else (" (goal met)" if r["share_of_full"] <= goal else f" (goal {goal:.0%}: NOT met)")
            )
            notes.append(f"{r['share_of_full']:.0%} of full{verdict}")
        if r["scale"] == 1000 and r["peak_mb"] > PEAK_GOAL_MB:
            notes.append(f"peak above {PEAK_GOAL_MB} MB")
        lines.append(
            f"{'':37}| {r['scale']:>5g} | {r['case']:<12} | {r['median_s']:>8.2f} | {r['dbt_elapsed_s']:>5.1f} | "
            f"{r['rows']:>10,} | {r['peak_mb']:>7.0f} | {'; '.join(notes)}"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scales", default="1,100,1000")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--state-root", type=Path, required=True)
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()

    from northwind_local.spark import build_local_spark
    from northwind_local.testing import drop_database

    spark = build_local_spark(app_name="bench-vault")
    rows: list[dict[str, Any]] = []
    try:
        for scale in [float(s) for s in args.scales.split(",")]:
            rows += bench_scale(spark, scale, args.repeats, args.state_root.resolve())
            print(render(rows, args.repeats), flush=True)
    finally:
        spark.stop()
        drop_database(BENCH_DB)
    append_results(rows, args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
