#!/usr/bin/env bash
# npm dependencies of the CDKTF app, from the lockfile. Reinstalls only when package-lock.json changes
# (stamp file keyed by its hash), so a second `make setup` costs nothing.
set -euo pipefail
command -v node >/dev/null || { echo "node (>= 20) is required: apt-get install nodejs npm" >&2; exit 1; }
stamp="node_modules/.installed-$(sha256sum package-lock.json | cut -c1-16)"
[ -f "$stamp" ] && exit 0
# --ignore-scripts: no dependency needs an install script to synthesize or test (cdktf-cli's optional
# node-pty would try to download a prebuilt binary, which only `cdktf deploy`'s interactive mode uses).
npm ci --no-audit --no-fund --ignore-scripts
rm -f node_modules/.installed-* && touch "$stamp"
