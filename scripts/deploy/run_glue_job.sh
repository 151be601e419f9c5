#!/usr/bin/env bash
# Start the Glue ingestion job and wait for it: scripts/deploy/run_glue_job.sh JOB_NAME [TIMEOUT_MINUTES]
# Exits non-zero, with Glue's error message, unless the run SUCCEEDED.
set -euo pipefail
job=${1:?usage: run_glue_job.sh JOB_NAME [TIMEOUT_MINUTES]}
deadline=$(( $(date +%s) + 60 * ${2:-60} ))
run_id=$(aws glue start-job-run --job-name "$job" --query JobRunId --output text)
echo "started $job run $run_id"
while :; do
  state=$(aws glue get-job-run --job-name "$job" --run-id "$run_id" --query JobRun.JobRunState --output text)
  case "$state" in
    SUCCEEDED) echo "$job run $run_id succeeded"; exit 0 ;;
    FAILED | ERROR | TIMEOUT | STOPPED | EXPIRED)
      echo "$job run $run_id ended $state: $(aws glue get-job-run --job-name "$job" --run-id "$run_id" \
        --query JobRun.ErrorMessage --output text)" >&2
      exit 1 ;;
  esac
  if [ "$(date +%s)" -ge "$deadline" ]; then
    echo "$job run $run_id still $state at the deadline; stopping it" >&2
    aws glue batch-stop-job-run --job-name "$job" --job-run-ids "$run_id" >/dev/null
    exit 1
  fi
  sleep 30
done
