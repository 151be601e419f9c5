#!/usr/bin/env bash
# Cost saving for dev after a pipeline run: destroy what bills by the hour while nobody uses dev, the NAT
# gateway(s) with their Elastic IPs and the interface VPC endpoints (the S3 gateway endpoint is free and
# stays). The next deploy's apply recreates them. Aurora pauses itself (0 ACU) and the Snowflake warehouse
# suspends itself after 60 s, so they need nothing here. Usage: scripts/deploy/park_network.sh STACK
set -euo pipefail
stack=${1:?usage: park_network.sh STACK}
dir="cdktf.out/stacks/$stack"
targets=()
while IFS= read -r address; do
  case "$address" in
    aws_nat_gateway.* | aws_eip.*) targets+=("-target=$address") ;;
    aws_vpc_endpoint.*)
      # Only interface endpoints bill by the hour.
      if tofu -chdir="$dir" state show -no-color "$address" | grep -q 'vpc_endpoint_type *= *"Interface"'; then
        targets+=("-target=$address")
      fi ;;
  esac
done < <(tofu -chdir="$dir" state list)
if [ ${#targets[@]} -eq 0 ]; then echo "nothing to park in $stack"; exit 0; fi
echo "parking ${#targets[@]} resources of $stack"
tofu -chdir="$dir" destroy -input=false -auto-approve -no-color "${targets[@]}"
