# shellcheck shell=bash
# install_python_lock LOCKFILE: the .venv gets every package the lock file pins, skipped while a stamp keyed by
# the file's hash says it already has (so a second `make setup` costs nothing). requirements-demo.lock is a
# subset of requirements.lock at the same versions (scripts/python_locks.py), so installing both is consistent.
install_python_lock() {
  local lock=$1
  local stamp
  stamp=.venv/.installed-$(basename "$lock" .lock)-$(sha256sum "$lock" | cut -c1-16)
  [ -f "$stamp" ] && return 0
  [ -x .venv/bin/python ] || python3 -m venv .venv
  .venv/bin/pip install --quiet --disable-pip-version-check --upgrade pip
  # --no-compile: pip would byte-compile every module of every package (a third of a cold install's time); Python
  # compiles the ones a run imports, once, on first import.
  .venv/bin/pip install --quiet --disable-pip-version-check --no-compile -r "$lock"
  rm -f .venv/.installed-"$(basename "$lock" .lock)"-* && touch "$stamp"
}
