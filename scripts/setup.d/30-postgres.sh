#!/usr/bin/env bash
# PostgreSQL server binaries from Debian packages, when the machine has none (CI's fresh machine may not).
# Only the binaries: scripts/local_postgres.sh runs a private cluster under .local/postgres.
exec scripts/local_postgres.sh install
