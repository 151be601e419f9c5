#!/usr/bin/env bash
# The CDKTF app command (cdktf.json "app"), so `cdktf synth` and `cdktf deploy` always run the code as it is:
# esbuild bundles main.ts and everything it imports into dist/app.js (about 0.3 s; types are checked by
# `npm test`, not here), then node runs the bundle without V8's optimizing compiler (a sub-second run never pays
# it back). `scripts/cdktf_app.sh --bundle-only` just writes the bundle (npm run build).
set -euo pipefail
cd "$(dirname "$0")/.."
# Bundled into a folder of this process, then renamed into place: synths run side by side (make test runs pytest
# beside the emulator deployment, and that runs its engines in parallel), and a node starting while another
# process rewrites dist/app.js in place could read half a file. A rename swaps the whole file at once.
build="dist/.app-$$"
trap 'rm -rf "$build"' EXIT
node_modules/.bin/esbuild main.ts --bundle --platform=node --target=node20 --minify --legal-comments=none \
  --sourcemap --log-level=warning --outdir="$build" --entry-names=app
mv -f "$build/app.js.map" dist/app.js.map
mv -f "$build/app.js" dist/app.js
[ "${1:-}" = "--bundle-only" ] && exit 0
rm -rf "$build"
exec node --no-opt dist/app.js
