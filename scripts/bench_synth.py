"""Synth and test benchmark of the CDKTF app: median wall time and peak memory of N runs.

Measures the app alone (every stack of both environments: the esbuild bundle `dist/app.js` with `node --no-opt`),
the whole app command `cdktf synth` runs (cdktf.json `app`: bundle main.ts, then run the bundle), `npx cdktf synth`
end to end as a user types it, the type check `npm test` starts with, and the whole jest suite. Each run is
measured in a fresh interpreter so its peak RSS (largest process of the run) belongs to that run alone.
A benchmark, not a test: it prints figures and the goals beside them, and asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / ".local" / "bench" / "results.jsonl"

# Runs one command and reports its wall time and the peak RSS of its processes (RUSAGE_CHILDREN).
MEASURE = (
    "import json, resource, subprocess, sys, time\n"
    "t = time.perf_counter()\n"
    "r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)\n"
    "wall = time.perf_counter() - t\n"
    "u = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print(json.dumps({'rc': r.returncode, 'wall_s': wall, 'cpu_s': u.ru_utime + u.ru_stime,\n"
    "    'peak_mb': u.ru_maxrss / 1024,\n"
    "    'stderr': r.stderr.decode(errors='replace')[-1500:]}))\n"
)


def measure(cmd: list[str], env: dict[str, str]) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", MEASURE, *cmd], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    result = json.loads(out.stdout)
    if result["rc"] != 0:
        raise SystemExit(f"{' '.join(cmd)} failed (exit {result['rc']}):\n{result['stderr']}")
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()

    subprocess.run(["npm", "run", "--silent", "build"], cwd=ROOT, check=True)
    outdir = Path(tempfile.mkdtemp(prefix="northwind-bench-synth-"))
    # CHECKPOINT_DISABLE: the CLI would otherwise try to reach HashiCorp's version-check service.
    env = {**os.environ, "CDKTF_OUTDIR": str(outdir), "CHECKPOINT_DISABLE": "1", "CI": "1"}
    bin_dir = ROOT / "node_modules" / ".bin"
    # What `cdktf synth` runs: bundle the TypeScript as it is, then the bundle without V8's optimizing compiler.
    app_command = json.loads((ROOT / "cdktf.json").read_text())["app"]
    scenarios = [
        ("app: node --no-opt dist/app.js", ["node", "--no-opt", "dist/app.js"], "<= 0.5 s, <= 150 MB"),
        ("app command: bundle + app", shlex.split(app_command), ""),
        ("npx cdktf synth (end to end)", ["npx", "cdktf", "synth", "--output", str(outdir)], ""),
        ("tsc --noEmit (type check)", [str(bin_dir / "tsc"), "-p", "tsconfig.json", "--noEmit"], ""),
        ("jest: whole suite", [str(bin_dir / "jest"), "--ci", "--silent"], "<= 10 s"),
    ]
    rows = []
    try:
        for name, cmd, goal in scenarios:
            runs = [measure(cmd, env) for _ in range(args.repeats)]
            rows.append(
                {
                    "benchmark": name,
                    "runs": args.repeats,
                    "median_wall_s": round(statistics.median(r["wall_s"] for r in runs), 3),
                    "median_cpu_s": round(statistics.median(r["cpu_s"] for r in runs), 3),
                    "median_peak_mb": round(statistics.median(r["peak_mb"] for r in runs), 1),
                    "goal": goal,
                }
            )
    finally:
        shutil.rmtree(outdir, ignore_errors=True)

    load = os.getloadavg()[0]
    print(
        f"\nCDKTF synth and tests: median of {args.repeats} runs on {os.cpu_count()} cores (load average {load:.1f})"
    )
    # CPU seconds (user + sys, all processes of the run) show the work done when other jobs share the cores.
    print(f"{'benchmark':<38} {'wall s':>8} {'cpu s':>8} {'peak MB':>8}  goal")
    for r in rows:
        print(
            f"{r['benchmark']:<38} {r['median_wall_s']:>8.3f} {r['median_cpu_s']:>8.3f} {r['median_peak_mb']:>8.1f}  {r['goal']}"
        )
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(rows, indent=2))
    # The same figures in the run's common file, from which `make bench` writes docs/benchmarks.md.
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    with RESULTS.open("a", encoding="utf-8") as out:
        for r in rows:
            row = {"benchmark": "cdktf", "case": r["benchmark"], "median_s": r["median_wall_s"]}
            row |= {"cpu_s": r["median_cpu_s"], "peak_mb": r["median_peak_mb"], "goal": r["goal"]}
            out.write(json.dumps(row) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
