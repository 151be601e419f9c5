#!/usr/bin/env bash
# make test's last step: pytest and the emulator deployment at the same time. The deployment mostly waits (on the
# AWS provider's fixed delays against moto), so it overlaps well with pytest even on 2 cores. Both use the local
# PostgreSQL (their own databases in it), started once here: two `local_postgres.sh start` at once would race.
# The deployment's output goes to a log, printed when both are done; the exit status is non-zero if either failed.
# Usage: scripts/test_side_by_side.sh   (MAKE names the make to run, as the Makefile passes it)
set -uo pipefail
cd "$(dirname "$0")/.."
make=${MAKE:-make}
log=.local/logs/test-deploy.log
mkdir -p "$(dirname "$log")"
scripts/local_postgres.sh start || exit

"$make" --no-print-directory test-deploy >"$log" 2>&1 &
deploy=$!
# Ctrl-C or a failure of this script must not leave the deployment running in the background.
trap 'kill "$deploy" 2>/dev/null' INT TERM
"$make" --no-print-directory test-python
python_status=$?
echo "== make test-python exited $python_status; waiting for make test-deploy (log: $log)"
wait "$deploy"
deploy_status=$?
trap - INT TERM
echo "== make test-deploy (ran beside make test-python) exited $deploy_status; its output:"
cat "$log"
echo "== make test-python: exit $python_status, make test-deploy: exit $deploy_status"
[ "$python_status" -eq 0 ] && [ "$deploy_status" -eq 0 ]
