#!/usr/bin/env bash
# The whole pinned Python environment, requirements.lock: the demo's packages plus pytest, moto, the dbt adapters
# for Athena, Snowflake and Trino, sqlglot and ruff (pyproject.toml's optional dependencies).
set -euo pipefail
# shellcheck source=scripts/lib/python_lock.sh
source scripts/lib/python_lock.sh
install_python_lock requirements.lock
