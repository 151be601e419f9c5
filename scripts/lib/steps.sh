# Numbered steps with elapsed time; each step's full output goes to its own log file.
# Source this file, set STEP_LOG_DIR, then call: step "what it does" command args...
# A failing step prints its name, the last lines of its log and where the whole log is, then exits;
# what earlier steps produced stays where it is.
# Logs are plain text: tools are asked not to colour (NO_COLOR, dbt's DBT_USE_COLORS), and any escape code
# that gets through is stripped on the way to the file.

export NO_COLOR=1 DBT_USE_COLORS=false DBT_PRINTER_WIDTH=100

# "Ingest PostgreSQL -> Iceberg (Glue job code, Spark)" -> "ingest-postgresql-iceberg-glue-job-code-spark"
step_slug() {
  echo "$1" | tr 'A-Z' 'a-z' | sed -E 's/[^a-z0-9]+/-/g; s/^-+//; s/-+$//'
}

# Removes ANSI escape sequences (colours, cursor moves) from a stream.
strip_ansi() { sed -u -E 's/\x1b\[[0-9;?]*[A-Za-z]//g; s/\x1b\][^\x07]*\x07//g'; }

STEP_NUMBER=0
STEP_STARTED_AT=$(date +%s)

step() {
  local title=$1
  shift
  STEP_NUMBER=$((STEP_NUMBER + 1))
  local log
  log="$STEP_LOG_DIR/$(printf '%02d' "$STEP_NUMBER")-$(step_slug "$title").log"
  local began
  began=$(date +%s)
  printf '[%d] %-52s ' "$STEP_NUMBER" "$title"
  if "$@" 2>&1 | strip_ansi >"$log"; then
    printf 'done in %3ds\n' "$(($(date +%s) - began))"
    # For the run report (northwind_demo.report.steps): number, title, start, end.
    [ -z "${STEP_TIMINGS:-}" ] || printf '%d\t%s\t%d\t%d\n' "$STEP_NUMBER" "$title" "$began" "$(date +%s)" >>"$STEP_TIMINGS"
  else
    # The command's own exit code, not the filter's.
    local rc=${PIPESTATUS[0]}
    printf 'FAILED after %ds (exit %d)\n\n' "$(($(date +%s) - began))" "$rc"
    echo "Step $STEP_NUMBER ($title) failed. Last lines of its log:"
    tail -n 25 "$log" | sed 's/^/  | /'
    echo
    echo "Full log: $log"
    exit "$rc"
  fi
}

steps_elapsed() {
  echo "$(($(date +%s) - STEP_STARTED_AT))"
}
