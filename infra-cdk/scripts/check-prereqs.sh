#!/usr/bin/env bash
# Checks an AWS account and DNS are ready for `cdk deploy` of one environment.
# Usage: scripts/check-prereqs.sh <env>      (reads config/<env>.json; uses the aws CLI, dig and curl)
# Prints one PASS / FAIL / WARN / INFO line per check; exits 1 if any check FAILs.
set -uo pipefail

ENV_NAME="${1:-}"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CONFIG="$HERE/../config/${ENV_NAME}.json"
FAILED=0

pass() { printf 'PASS  %s\n' "$*"; }
fail() { printf 'FAIL  %s\n' "$*"; FAILED=1; }
warn() { printf 'WARN  %s\n' "$*"; }
info() { printf 'INFO  %s\n' "$*"; }

if [[ -z "$ENV_NAME" || ! -f "$CONFIG" ]]; then
  echo "usage: $0 <env>   (config/<env>.json must exist)" >&2
  exit 2
fi

for tool in aws node dig curl; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    fail "tool '$tool' is not installed (dig: apt-get install dnsutils)"
  fi
done
[[ $FAILED -eq 0 ]] || exit 1

# shellcheck source=lib/config.sh
source "$HERE/lib/config.sh"

ACCOUNT="$(cfg account)"
REGION="$(cfg region)"
APP_DOMAIN="$(cfg domains.app)"
MCP_DOMAIN="$(cfg domains.mcp)"
AUTH_DOMAIN="$(cfg domains.auth)"
GOOGLE_SECRET="$(cfg google.clientSecretName)"
MCP_TAG="$(cfg images.mcpTag)"
PORTAL_TAG="$(cfg images.portalTag)"
PRELOAD_VECTOR="$(cfg database.preloadVector)"
AUTH_ARN="$(cfg certificates.authArn)"
MCP_ARN="$(cfg certificates.mcpArn)"

echo "Checking environment '$ENV_NAME': account $ACCOUNT, region $REGION"

# 1. Credentials belong to the configured account.
CALLER="$(aws sts get-caller-identity --query Account --output text 2>/dev/null)"
if [[ "$CALLER" == "$ACCOUNT" ]]; then pass "AWS credentials are for account $ACCOUNT"
else fail "AWS credentials are for account '${CALLER:-none}', config says $ACCOUNT"; fi

# 2. CDK bootstrap in the home region and in us-east-1 (the certificates stack lives there).
for r in $(printf '%s\n' "$REGION" us-east-1 | sort -u); do
  STATUS="$(aws cloudformation describe-stacks --stack-name CDKToolkit --region "$r" --query 'Stacks[0].StackStatus' --output text 2>/dev/null)"
  if [[ "$STATUS" == *_COMPLETE && "$STATUS" != DELETE_* ]]; then pass "CDK bootstrapped in $r ($STATUS)"
  else fail "CDK not bootstrapped in $r: run 'npx cdk bootstrap aws://$ACCOUNT/$r'"; fi
done

# 2b. AgentCore's VPC mode runs only in some AZ IDs per region; AZ names map to IDs per account.
AZS="$(cfg network.availabilityZones)"
[[ -n "$AZS" ]] || AZS="${REGION}a ${REGION}b"
# shellcheck disable=SC2086
ZONE_IDS="$(aws ec2 describe-availability-zones --region "$REGION" --zone-names $AZS --query 'AvailabilityZones[].ZoneId' --output text 2>/dev/null)"
if [[ -n "$ZONE_IDS" ]]; then info "zones $AZS are AZ IDs $ZONE_IDS here: check AgentCore Runtime supports both in VPC mode (network.availabilityZones)"
else fail "cannot resolve availability zones '$AZS' in $REGION: set network.availabilityZones"; fi

# 3. The Google OAuth client secret exists (Cognito reads it at deploy time).
if aws secretsmanager describe-secret --secret-id "$GOOGLE_SECRET" --region "$REGION" --query Name --output text >/dev/null 2>&1; then
  pass "secret '$GOOGLE_SECRET' exists"
else
  fail "secret '$GOOGLE_SECRET' is missing: aws secretsmanager create-secret --name $GOOGLE_SECRET --secret-string '<google client secret>' --region $REGION"
fi

# 4. Cognito custom domains need an A record on the parent domain.
PARENT="${AUTH_DOMAIN#*.}"
if [[ -n "$(dig +short A "$PARENT")" ]]; then pass "parent domain $PARENT has an A record (Cognito custom domain requirement)"
else fail "parent domain $PARENT has no A record: Cognito refuses the custom domain $AUTH_DOMAIN until it has one"; fi

# 5. Certificates: issued, or their validation CNAME is in DNS.
check_certificate() { # domain region [arn]
  local domain="$1" region="$2" arn="${3:-}"
  if [[ -z "$arn" ]]; then
    arn="$(aws acm list-certificates --region "$region" --query "CertificateSummaryList[?DomainName=='$domain'].CertificateArn | [0]" --output text 2>/dev/null)"
  fi
  if [[ -z "$arn" || "$arn" == "None" ]]; then
    info "certificate for $domain ($region) not requested yet: it appears when its stack deploys; rerun this check then"
    return
  fi
  local status name value
  read -r status name value < <(aws acm describe-certificate --certificate-arn "$arn" --region "$region" \
    --query 'Certificate.[Status, DomainValidationOptions[0].ResourceRecord.Name, DomainValidationOptions[0].ResourceRecord.Value]' --output text 2>/dev/null)
  case "$status" in
    ISSUED) pass "certificate for $domain is issued" ;;
    PENDING_VALIDATION)
      local seen
      seen="$(dig +short CNAME "$name")"
      if [[ "${seen%.}" == "${value%.}" ]]; then pass "validation CNAME for $domain is in DNS; ACM will issue shortly"
      else fail "add DNS record: $name CNAME $value (DNS only, not proxied) to validate $domain"; fi ;;
    *) fail "certificate for $domain is ${status:-unreadable} ($arn)" ;;
  esac
}
check_certificate "$AUTH_DOMAIN" us-east-1 "$AUTH_ARN"
check_certificate "$MCP_DOMAIN" us-east-1 "$MCP_ARN"
check_certificate "$APP_DOMAIN" "$REGION"
if [[ "$REGION" != us-east-1 && ( -z "$AUTH_ARN" || -z "$MCP_ARN" ) ]]; then
  fail "home region is $REGION: deploy autri-$ENV_NAME-certificates and copy its outputs into certificates.authArn / certificates.mcpArn"
fi

# 6. RDS accepts 'vector' in shared_preload_libraries (only if the config asks for it).
if [[ "$PRELOAD_VECTOR" != "false" ]]; then
  ALLOWED="$(aws rds describe-engine-default-parameters --db-parameter-group-family postgres16 --region "$REGION" \
    --query "EngineDefaults.Parameters[?ParameterName=='shared_preload_libraries'].AllowedValues | [0]" --output text 2>/dev/null)"
  if [[ ",$ALLOWED," == *",vector,"* ]]; then pass "RDS postgres16 allows 'vector' in shared_preload_libraries"
  else fail "RDS postgres16 does not list 'vector' as a preloadable library (allowed: ${ALLOWED:-unknown}); set database.preloadVector to false (pgvector does not need it)"; fi
fi

# 7. Images to run exist (the repositories come with autri-<env>-network-and-data).
check_image() { # repository tag
  local out
  if out="$(aws ecr describe-images --repository-name "$1" --image-ids "imageTag=$2" --region "$REGION" --query 'imageDetails[0].imageTags[0]' --output text 2>&1)"; then
    pass "image $1:$2 is in ECR"
  elif [[ "$out" == *RepositoryNotFoundException* ]]; then
    info "repository $1 does not exist yet: deploy autri-$ENV_NAME-network-and-data, push $1:$2, then deploy auth-and-compute"
  else
    fail "image $1:$2 is not in ECR: push it before deploying autri-$ENV_NAME-auth-and-compute"
  fi
}
check_image "autri-$ENV_NAME-mcp" "$MCP_TAG"
check_image "autri-$ENV_NAME-portal" "$PORTAL_TAG"

# 8. Cost allocation tags (the portal's per-layer costs group by them); not fatal.
ACTIVE="$(aws ce list-cost-allocation-tags --tag-keys project env cost-bucket --status Active --query 'length(CostAllocationTags)' --output text 2>/dev/null)"
if [[ "$ACTIVE" == "3" ]]; then pass "cost allocation tags project, env, cost-bucket are active"
else warn "activate cost allocation tags project, env and cost-bucket in Billing (they can be activated once tagged resources exist)"; fi

# 9. After deploy: a client that knows only https://<mcp>/mcp discovers everything without credentials
#    (README "MCP authorization at the edge"): the 401 challenge, the endpoint's metadata, the portal's metadata.
json_check() { # url node-expression-over-d: prints nothing when true, else what is wrong
  curl -sS --max-time 10 "$1" 2>&1 | node -e '
    let t = ""; process.stdin.on("data", (c) => (t += c)).on("end", () => {
      let d; try { d = JSON.parse(t); } catch { return console.log("not JSON: " + t.slice(0, 120)); }
      if (!('"$2"')) console.log(JSON.stringify(d).slice(0, 300));
    });'
}
MCP_URL="https://$MCP_DOMAIN/mcp"
PORTAL_URL="https://$APP_DOMAIN"
if [[ -z "$(dig +short A "$MCP_DOMAIN")" ]]; then
  info "$MCP_DOMAIN does not resolve yet: after deploying auth-and-compute and adding DnsMcpCname, rerun to check MCP discovery"
else
  CHALLENGE="$(curl -sS --max-time 10 -o /dev/null -D - -X POST "$MCP_URL" -H 'Content-Type: application/json' -d '{}' 2>&1 | tr -d '\r' | grep -i '^www-authenticate:')"
  if [[ "$CHALLENGE" == *"resource_metadata=\"https://$MCP_DOMAIN/.well-known/oauth-protected-resource/mcp\""* ]]; then
    pass "$MCP_URL without credentials answers a challenge naming its metadata"
  else fail "$MCP_URL without credentials must answer 401 with WWW-Authenticate resource_metadata on $MCP_DOMAIN (got: ${CHALLENGE:-no challenge})"; fi
  WRONG="$(json_check "https://$MCP_DOMAIN/.well-known/oauth-protected-resource/mcp" "d.resource === '$MCP_URL' && (d.authorization_servers || []).includes('$PORTAL_URL')")"
  if [[ -z "$WRONG" ]]; then pass "protected-resource metadata names $MCP_URL and the portal $PORTAL_URL"
  else fail "protected-resource metadata of $MCP_URL must have resource $MCP_URL and authorization_servers [$PORTAL_URL]: $WRONG"; fi
  WRONG="$(json_check "$PORTAL_URL/.well-known/oauth-authorization-server" "d.issuer === '$PORTAL_URL' && !!d.registration_endpoint && (d.code_challenge_methods_supported || []).includes('S256')")"
  if [[ -z "$WRONG" ]]; then pass "the portal's authorization-server metadata has issuer $PORTAL_URL, registration and S256"
  else fail "$PORTAL_URL/.well-known/oauth-authorization-server must have issuer $PORTAL_URL, a registration_endpoint and S256 (is the portal up?): $WRONG"; fi
fi

if [[ $FAILED -eq 0 ]]; then echo "All required checks passed."; else echo "Some checks failed: fix the FAIL lines above, then rerun."; fi
exit $FAILED
