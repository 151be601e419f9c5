#!/usr/bin/env bash
# make test's last step, three lanes at the same time:
#   - pytest, every test but tests/trino (in the foreground: its output is make test's);
#   - pytest tests/trino, the cross-engine tests, with a shared pipeline state of its own
#     (NORTHWIND_TEST_LANE=trino names it, tests/shared_pipeline.py): they mostly wait on Trino's queries;
#   - make test-deploy, the emulator deployment: it mostly waits on the AWS provider's fixed delays.
# Alone, pytest's last quarter of an hour was the vault modules and then tests/trino one after another, with a
# core idle. PostgreSQL and Trino are started once here: two `start`s at once would race. The other lanes'
# output goes to logs, printed when all are done; the exit status is non-zero if any lane failed. Both pytest
# lanes print their slowest steps (--durations): where the suite's time goes, in every CI log.
# Usage: scripts/test_side_by_side.sh   (MAKE names the make to run, as the Makefile passes it)
set -uo pipefail
cd "$(dirname "$0")/.."
make=${MAKE:-make}
logs=.local/logs
mkdir -p "$logs"
scripts/local_postgres.sh start || exit
scripts/local_trino.sh start || exit

"$make" --no-print-directory test-deploy >"$logs/test-deploy.log" 2>&1 &
deploy=$!
NORTHWIND_TEST_LANE=trino NORTHWIND_TEST_COUNTS="$PWD/.local/test-trino-work-counts.json" \
  .venv/bin/python -m pytest tests/trino -p no:cacheprovider --durations=10 >"$logs/test-trino.log" 2>&1 &
trino=$!
# Ctrl-C or a failure of this script must not leave a lane running in the background.
trap 'kill "$deploy" "$trino" 2>/dev/null; scripts/local_trino.sh stop >/dev/null' INT TERM
.venv/bin/python -m pytest --ignore=tests/trino --durations=20
python_status=$?
echo "== pytest exited $python_status; waiting for pytest tests/trino and make test-deploy (logs: $logs)"
wait "$trino"
trino_status=$?
# Idle, Trino still takes CPU from what runs next.
scripts/local_trino.sh stop
wait "$deploy"
deploy_status=$?
trap - INT TERM
echo "== pytest tests/trino (ran beside) exited $trino_status; its output:"
cat "$logs/test-trino.log"
echo "== make test-deploy (ran beside) exited $deploy_status; its output:"
cat "$logs/test-deploy.log"
echo "== pytest: exit $python_status, pytest tests/trino: exit $trino_status, make test-deploy: exit $deploy_status"
[ "$python_status" -eq 0 ] && [ "$trino_status" -eq 0 ] && [ "$deploy_status" -eq 0 ]
