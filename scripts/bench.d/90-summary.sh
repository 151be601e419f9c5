#!/usr/bin/env bash
# The closing table of `make bench`: every benchmark's medians and peak memory in one place.
set -euo pipefail
cd "$(dirname "$0")/../.."
.venv/bin/python scripts/bench.d/summary.py
