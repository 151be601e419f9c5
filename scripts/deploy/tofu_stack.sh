#!/usr/bin/env bash
# Plan (and with --apply, apply) one synthesized stack with OpenTofu: scripts/deploy/tofu_stack.sh STACK [--apply]
# The plan is saved and applied as reviewed, so nothing changes between the two.
set -euo pipefail
stack=${1:?usage: tofu_stack.sh STACK [--apply]}
apply=${2:-}
dir="cdktf.out/stacks/$stack"
[ -f "$dir/cdk.tf.json" ] || { echo "no synthesized stack $stack under cdktf.out/stacks: run \`npm run synth\`" >&2; exit 2; }
tofu -chdir="$dir" init -input=false -no-color
tofu -chdir="$dir" plan -input=false -no-color -out=tfplan
if [ "$apply" = "--apply" ]; then
  tofu -chdir="$dir" apply -input=false -no-color tfplan
fi
