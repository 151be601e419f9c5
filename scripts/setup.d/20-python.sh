#!/usr/bin/env bash
# Python virtual environment for the Glue package, dbt and the test tools, from the pinned lock file.
set -euo pipefail
lock=requirements.lock
stamp=.venv/.installed-$(sha256sum "$lock" | cut -c1-16)
[ -f "$stamp" ] && exit 0
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/pip install --quiet --disable-pip-version-check --upgrade pip
.venv/bin/pip install --quiet --disable-pip-version-check -r "$lock"
rm -f .venv/.installed-* && touch "$stamp"
