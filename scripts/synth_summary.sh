#!/usr/bin/env bash
# Synthesizes every stack (compiled app, same output as `cdktf synth`) and prints where each stack's JSON went
# and how many resources of each type it holds. `make demo` shows this for the cloud side.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run --silent build
# The app command `cdktf synth` runs, from cdktf.json (one source of truth).
eval "$(node -p 'require("./cdktf.json").app')"
node - <<'JS'
const fs = require('fs');
const path = require('path');
const stacksDir = path.resolve('cdktf.out', 'stacks');
for (const stack of fs.readdirSync(stacksDir).sort()) {
  const file = path.join(stacksDir, stack, 'cdk.tf.json');
  const json = JSON.parse(fs.readFileSync(file, 'utf8'));
  const resources = Object.entries(json.resource ?? {}).map(([type, items]) => [type, Object.keys(items).length]);
  const total = resources.reduce((sum, [, n]) => sum + n, 0);
  console.log(`\n${stack}: ${total} resources -> ${path.relative(process.cwd(), file)}`);
  for (const [type, n] of resources.sort()) console.log(`  ${String(n).padStart(4)}  ${type}`);
}
JS
