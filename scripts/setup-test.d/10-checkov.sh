#!/usr/bin/env bash
# checkov (IaC scanner) in its own virtualenv: its pinned dependencies conflict with dbt's.
# Skips itself when the pinned version is already installed.
set -euo pipefail
CHECKOV_VERSION=3.3.30
venv=.venv-checkov
# Its whole environment is pinned too (pip freeze), so a new release of one of its many dependencies
# cannot change what the scan does between two runs.
lock=requirements-checkov.lock
stamp="$venv/.installed-checkov-$CHECKOV_VERSION-$(sha256sum "$lock" | cut -c1-16)"
[ -f "$stamp" ] && exit 0
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check --upgrade pip
"$venv/bin/pip" install --quiet --disable-pip-version-check -c "$lock" "checkov==$CHECKOV_VERSION"
rm -f "$venv"/.installed-checkov-* && touch "$stamp"
