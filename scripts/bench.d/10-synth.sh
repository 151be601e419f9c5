#!/usr/bin/env bash
# CDKTF benchmark: the app alone, `cdktf synth`, the type check and the jest suite; medians of 5 runs
# (SYNTH_BENCH_REPEATS) of wall time and peak memory. Figures also go to .local/bench/synth.json.
set -euo pipefail
cd "$(dirname "$0")/../.."
python3 scripts/bench_synth.py --repeats "${SYNTH_BENCH_REPEATS:-5}" --json .local/bench/synth.json
