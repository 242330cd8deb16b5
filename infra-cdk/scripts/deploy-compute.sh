#!/usr/bin/env bash
# Deploys the auth-and-compute stack (portal service, MCP runtime, trigger Lambdas) from this checkout.
#   scripts/deploy-compute.sh <env>
# MCP_IMAGE_TAG / PORTAL_IMAGE_TAG: the image to deploy; an image not given keeps the tag that is deployed now
# (the stack's McpImageTag / PortalImageTag outputs), so deploying one image never rolls the other back to the
# config file's tag. Before the stack's first deploy, the config file's tags are used.
# Runs in infra-cdk/ and needs AWS credentials (the deploy workflows assume the GitHub deploy role).
set -euo pipefail
cd "$(dirname "$0")/.."

env_name="${1:?usage: deploy-compute.sh <env>}"
config="config/${env_name}.json"
[[ -f "$config" ]] || { echo "No configuration file $config" >&2; exit 2; }
region="$(node -p "require('./${config}').region")"
stack="autri-${env_name}-auth-and-compute"
errors="$(mktemp)"
trap 'rm -f "$errors"' EXIT

# The deployed tag, or nothing when the stack (or, before this output existed, the output) is not there yet.
deployed_tag() {
  local output="$1" status=0 value
  value="$(aws cloudformation describe-stacks --stack-name "$stack" --region "$region" \
    --query "Stacks[0].Outputs[?OutputKey=='${output}'].OutputValue" --output text 2>"$errors")" || status=$?
  if [[ $status -ne 0 ]]; then
    if grep -q 'does not exist' "$errors"; then return 0; fi
    cat "$errors" >&2
    exit "$status"
  fi
  [[ "$value" == "None" ]] || printf '%s' "$value"
}

context=(-c "env=${env_name}")
for image in mcp portal; do
  if [[ "$image" == mcp ]]; then given="${MCP_IMAGE_TAG:-}" output=McpImageTag key=mcpImageTag
  else given="${PORTAL_IMAGE_TAG:-}" output=PortalImageTag key=portalImageTag; fi
  if [[ -n "$given" ]]; then
    echo "${image}: deploying ${given}"
    context+=(-c "${key}=${given}")
  else
    tag="$(deployed_tag "$output")"
    if [[ -n "$tag" ]]; then
      echo "${image}: keeping the deployed ${tag}"
      context+=(-c "${key}=${tag}")
    else
      echo "${image}: nothing deployed yet, using the tag in ${config}"
    fi
  fi
done

# CloudFormation waits for the portal service to reach a steady state: new tasks healthy on /readyz behind the
# load balancer. If they never are, the ECS circuit breaker fails the deployment and rolls the service back, the
# stack update fails and rolls back, and this command exits non-zero.
npx cdk deploy "$stack" --exclusively "${context[@]}" --require-approval never
