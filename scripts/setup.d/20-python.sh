#!/usr/bin/env bash
# Python virtual environment for the demo (the Glue package, Spark, dbt on DuckDB, the report), from the pinned
# requirements-demo.lock; the tests' and cloud targets' packages come with scripts/setup-test.d/15-python-test.sh.
set -euo pipefail
# shellcheck source=scripts/lib/python_lock.sh
source scripts/lib/python_lock.sh
install_python_lock requirements-demo.lock
