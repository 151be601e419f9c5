#!/usr/bin/env bash
# Print one output of an applied stack: scripts/deploy/stack_output.sh STACK OUTPUT
set -euo pipefail
stack=${1:?usage: stack_output.sh STACK OUTPUT}
name=${2:?usage: stack_output.sh STACK OUTPUT}
tofu -chdir="cdktf.out/stacks/$stack" output -raw "$name"
