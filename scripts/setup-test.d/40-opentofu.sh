#!/usr/bin/env bash
# OpenTofu, the engine the emulator deployment test deploys with (make test-deploy), built from the Go module
# proxy at the version pinned in .opentofu-version (the deploy workflow reads the same file).
# `go install …@version` refuses this module (its go.mod has replace directives), so the module is downloaded
# into the Go module cache and built inside its own folder. Cold: a few minutes on 2 cores; warm (Go build cache
# kept): seconds; already built at this version: skipped.
set -euo pipefail
version=$(tr -d '[:space:]' < .opentofu-version)
bin=.local/bin/tofu
# awk reads the whole output (an early-exiting reader would kill tofu with SIGPIPE under pipefail); tofu may
# print a CLI configuration warning before its version line.
built() { [ -x "$bin" ] && [ "$("$bin" version 2>/dev/null | awk '/^OpenTofu v/ && !f { print; f = 1 }')" = "OpenTofu v$version" ]; }
if built; then exit 0; fi
if ! command -v go >/dev/null 2>&1; then
  echo "setup: OpenTofu $version is built from source and needs Go on the PATH (1.26 or newer for 1.12.x); Go was not found." >&2
  echo "       Install Go, or put a prebuilt 'tofu' $version at $bin, then run 'make setup-test' again." >&2
  exit 1
fi
module_dir=$(go mod download -json "github.com/opentofu/opentofu@v$version" \
  | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p')
if [ -z "$module_dir" ] || [ ! -d "$module_dir/cmd/tofu" ]; then
  echo "setup: go mod download github.com/opentofu/opentofu@v$version gave no module folder with cmd/tofu" >&2
  exit 1
fi
mkdir -p .local/bin
out="$PWD/$bin"
# The version string is set the way the release build sets it, so `tofu version` names the pinned version.
(cd "$module_dir" && CGO_ENABLED=0 go build -buildvcs=false -trimpath \
  -ldflags "-s -w -X github.com/opentofu/opentofu/version.dev=no" -o "$out" ./cmd/tofu)
built || { echo "setup: $bin does not report OpenTofu v$version after the build" >&2; exit 1; }
echo "OpenTofu v$version built at $bin"
