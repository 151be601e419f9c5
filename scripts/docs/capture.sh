#!/usr/bin/env bash
# Runs `make demo` or `make test` as a person would and keeps what it printed, so the README's sample output is
# a real run's, inserted by scripts/docs/readme_samples.py, never typed by hand:
#   scripts/docs/capture.sh demo     # then: make docs (or .venv/bin/python scripts/docs/readme_samples.py)
# The capture goes to .local/docs/make-<target>.txt, its first line naming the date and the commit.
set -euo pipefail
cd "$(dirname "$0")/../.."
target=${1:?usage: scripts/docs/capture.sh demo|test}
case "$target" in demo | test) ;; *) echo "capture.sh: no sample for make $target (demo or test)" >&2; exit 2 ;; esac
mkdir -p .local/docs
out=.local/docs/make-$target.txt
commit=$(git rev-parse --short=12 HEAD)
git diff --quiet HEAD || commit="$commit with uncommitted changes"
set +e
{
  # The load average tells a reader whether the times were taken on a quiet machine.
  echo "captured $(date -u +%Y-%m-%dT%H:%M:%SZ) at commit $commit, load average $(cut -d' ' -f1-3 /proc/loadavg): make $target"
  make "$target" 2>&1
} | tee "$out"
status=${PIPESTATUS[0]}
set -e
# readme_samples.py publishes only a capture whose last line says the run passed.
echo "exit status: $status" >>"$out"
[ "$status" -eq 0 ] || echo "make $target failed (exit $status): $out is kept, but not published" >&2
exit "$status"
