#!/usr/bin/env bash
# Headless Chromium (Debian's package) renders the demo's HTML report in its test; fonts-liberation gives its
# text a font (the other recommends, printing and desktop services, are not needed headless).
set -euo pipefail
command -v chromium >/dev/null 2>&1 && exit 0
# shellcheck source=scripts/lib/apt.sh
source scripts/lib/apt.sh
apt_install chromium fonts-liberation
