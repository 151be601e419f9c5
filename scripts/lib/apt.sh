# shellcheck shell=bash
# apt_install PACKAGE...: Debian packages, as root or through sudo. scripts/setup.sh runs its steps at the same
# time, and apt takes one caller at a time (a second one fails on dpkg's lock), so callers queue on a lock file.
apt_install() {
  local run=()
  [ "$(id -u)" -eq 0 ] || run=(sudo)
  (
    flock 9
    "${run[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${run[@]}" apt-get install -y -qq --no-install-recommends "$@" >/dev/null
  ) 9>"${TMPDIR:-/tmp}/northwind-apt.lock"
}
