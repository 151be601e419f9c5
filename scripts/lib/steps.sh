# Numbered steps with elapsed time; each step's full output goes to its own log file.
# Source this file, set STEP_LOG_DIR, then call: step "what it does" command args...
# A failing step prints its name, the last lines of its log and where the whole log is, then exits;
# what earlier steps produced stays where it is.

STEP_NUMBER=0
STEP_STARTED_AT=$(date +%s)

step() {
  local title=$1
  shift
  STEP_NUMBER=$((STEP_NUMBER + 1))
  local log
  log="$STEP_LOG_DIR/$(printf '%02d' "$STEP_NUMBER")-$(echo "$title" | tr 'A-Z ' 'a-z-' | tr -cd 'a-z0-9-').log"
  local began
  began=$(date +%s)
  printf '[%d] %-52s ' "$STEP_NUMBER" "$title"
  if "$@" >"$log" 2>&1; then
    printf 'done in %3ds\n' "$(($(date +%s) - began))"
    # For the run report (northwind_demo.report.steps): number, title, start, end.
    [ -z "${STEP_TIMINGS:-}" ] || printf '%d\t%s\t%d\t%d\n' "$STEP_NUMBER" "$title" "$began" "$(date +%s)" >>"$STEP_TIMINGS"
  else
    local rc=$?
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
