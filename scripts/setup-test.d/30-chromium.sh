#!/usr/bin/env bash
# Headless Chromium (Debian's package) renders the demo's HTML report in its test; fonts-liberation gives its
# text a font (the other recommends, printing and desktop services, are not needed headless).
set -euo pipefail
command -v chromium >/dev/null 2>&1 && exit 0
sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
sudo_if_needed apt-get update -qq
DEBIAN_FRONTEND=noninteractive sudo_if_needed apt-get install -y -qq --no-install-recommends chromium fonts-liberation >/dev/null
