#!/usr/bin/env bash
# actionlint validates the GitHub workflow files in `make test`; built from the Go module proxy, pinned.
set -euo pipefail
version=v1.7.12
bin=.local/bin/actionlint
if [ -x "$bin" ] && "$bin" -version 2>/dev/null | grep -q "${version#v}"; then exit 0; fi
mkdir -p .local/bin
GOBIN="$PWD/.local/bin" GOFLAGS=-mod=mod go install "github.com/rhysd/actionlint/cmd/actionlint@$version"
