#!/usr/bin/env bash
# Benchmark: authenticated tools/call search_documents on a 10,000-document corpus under concurrent load on
# loopback, beside the same calls with authentication off (same server process, same run) and /healthz as the
# ceiling; and the portal's token endpoint refreshing grants. Everything is real: a throwaway Postgres, the dev IdP,
# Autri.Mcp and Autri.Portal in Release, wrk from Debian.
#
#   bench/mcp/run.sh [seconds per run = 15] [connections = 32] [rounds = 3] [refresh connections = 8]
#
# Credentials: a client-credentials JWT from the dev IdP (jwt), an API key (api_key), and portal-issued JWTs
# (portal_jwt): portal_grants.py connects by URL as an MCP client does (registration, PKCE, the dev IdP's login,
# consent), once per grant, as admin@autri.test (admins pass the allowlist); its first grant's access token is the
# one timed. Everything is seeded in that user's own library, so every mode searches the same documents.
# Each round runs healthz, then no-auth, JWT, portal JWT and API key in a rotated order (so drift and order effects
# hit all alike), first with search_documents (the real call: Postgres full-text search dominates its cost) and then
# with tools/list (no database: what authentication itself costs is visible there); then the portal's /healthz
# (its ceiling) and refresh_token grants at its token endpoint (refresh.lua: each refresh token used once, the
# rotated one reused later, as a client does). The summary is the median of the rounds, each authenticated mode's
# throughput as a ratio of the no-auth baseline. The load average is printed before and after: the box is shared.
# Bounded: rounds x 11 runs of fixed length, loopback only; everything it started is stopped on exit.
set -euo pipefail
seconds=${1:-15}
connections=${2:-32}
rounds=${3:-3}
refresh_connections=${4:-8}
docs=${BENCH_DOCS:-10000}

. "$(dirname "$0")/../lib/stack.sh" # $root, $here, $out
stack_with_mcp

kb=$(python3 -c 'import uuid; print(uuid.uuid4())')
c_none=$(python3 -c 'import uuid; print(uuid.uuid4())'); c_jwt=$(python3 -c 'import uuid; print(uuid.uuid4())')
c_key=$(python3 -c 'import uuid; print(uuid.uuid4())')
pepper=$(openssl rand -base64 32)
db="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=autri"

# The portal as run-local.sh runs it, but in Release, issuing tokens for this MCP server. The token endpoint's rate
# limit (600 a minute per address) is lifted: the refresh runs measure the endpoint from one address, and a refusal
# would spend its refresh token (on a quiet machine the pool ran dry in the first second of a run).
stack_portal Database__ConnectionString="$db" Database__OwnerConnectionString="$db" Portal__McpEndpoint="$mcp/mcp" \
  ApiKeys__CurrentPepperVersion=1 ApiKeys__Peppers__1="$pepper" RateLimits__OAuthTokenPerAddress=100000000

# Requests WITHOUT an Authorization header act as connector $c_none (Mcp:BenchmarkAnonymousConnectorId, Local only);
# requests with one are authenticated as usual. One process serves both, so the comparison is like for like.
stack_mcp Mcp__ClientCredentialsIssuer="http://127.0.0.1:$idp_port" Mcp__ClientCredentialsScope=mcp.invoke \
  Mcp__PortalIssuer="$portal" Mcp__ApiKeysEnabled=true Mcp__BenchmarkAnonymousConnectorId="$c_none" \
  ApiKeys__CurrentPepperVersion=1 ApiKeys__Peppers__1="$pepper" Database__ConnectionString="$db;Maximum Pool Size=64"
wait_for "http://127.0.0.1:$idp_port/healthz"
wait_for "$mcp/readyz"
wait_for "$portal/readyz"

# Enough grants for the warm-up and every refresh run: each run loses the grants in flight when it stops (about one
# per connection, a few more seen), and the pool must stay larger than the connections.
grants=$(( refresh_connections * 2 * (rounds + 2) ))
echo "Connecting $grants times by URL (registration, PKCE, sign-in, consent, code exchange)…"
python3 "$here/portal_grants.py" "$portal" "$mcp/mcp" admin@autri.test autri-demo "$grants" >"$out/grants.txt"
portal_token=$(sed -n 2p "$out/grants.txt" | cut -d' ' -f1)
read -r user org library < <(psql_ -F' ' -c "SELECT u.id, o.id, l.id FROM users u JOIN orgs o ON o.personal_of = u.id JOIN libraries l ON l.org_id = o.id WHERE u.email = 'admin@autri.test'")

echo "Seeding $docs synthetic documents (200 words each from a 2,000-word Zipf-like vocabulary)…"
read -r api_key key_hash key_prefix < <(python3 "$here/api_key.py" "$pepper")
registration=$(curl -fsS "http://127.0.0.1:$idp_port/reg" -H "Authorization: Bearer dev-registration-token" -H 'Content-Type: application/json' \
  -d "{\"client_name\":\"bench\",\"grant_types\":[\"client_credentials\"],\"response_types\":[],\"token_endpoint_auth_method\":\"client_secret_basic\",\"connector_id\":\"$c_jwt\"}")
client_id=$(jq -r .client_id <<<"$registration"); client_secret=$(jq -r .client_secret <<<"$registration")
psql_ <<SQL
INSERT INTO kbs (id, org_id, name) VALUES ('$kb', '$org', 'Bench');
INSERT INTO library_kbs VALUES ('$library', '$kb');
INSERT INTO connectors (id, org_id, created_by, library_id, name, kind, client_id) VALUES
  ('$c_none', '$org', '$user', '$library', 'no auth', 'oauth_client', 'bench-anonymous'),
  ('$c_jwt', '$org', '$user', '$library', 'jwt', 'oauth_client', '$client_id');
INSERT INTO connectors (id, org_id, created_by, library_id, name, kind, key_prefix) VALUES ('$c_key', '$org', '$user', '$library', 'api key', 'api_key', '$key_prefix');
INSERT INTO connector_api_keys (id, connector_id, key_hash, pepper_version, key_prefix)
  VALUES (gen_random_uuid(), '$c_key', decode('$key_hash', 'hex'), 1, '$key_prefix');
SQL
stack_seed_documents "$kb" "$docs"
token=$(curl -fsS "http://127.0.0.1:$idp_port/token" -u "$client_id:$client_secret" -d grant_type=client_credentials -d scope=mcp.invoke | jq -r .access_token)

# Each mode must really answer before it is timed: 200 with search results, not a refusal.
check() {
  local body
  body=$(curl -fsS "$mcp/mcp" -H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream' "$@" \
    -d '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"search_documents","arguments":{"query":"w500 w600","limit":10}}}')
  grep -q '"count":' <<<"$body" || { echo "sanity check failed: $body" >&2; exit 1; }
}
check; check -H "Authorization: Bearer $token"; check -H "Authorization: Bearer $portal_token"; check -H "Authorization: Bearer $api_key"

run() { # label script auth path [method]: wrk's JSON line, with the MCP server's CPU per request in µs
  local s0 line
  s0=$(cpu_ms "$mcp_pid")
  line=$(LABEL=$1 AUTH=$3 METHOD=${5:-search} wrk -t1 -c"$connections" -d"${seconds}s" --timeout 10s -s "$here/$2" "$mcp$4" | grep '^{')
  jq -c --argjson s $(( $(cpu_ms "$mcp_pid") - s0 )) '. + {server_cpu_us: (if .requests > 0 then ($s * 1000 / .requests | round) else 0 end)}' <<<"$line" >>"$out/results.jsonl"
}
refresh_run() { # label: refresh_token grants at the portal's token endpoint; the grants left are kept in grants.txt
  LABEL=$1 TOKENS_FILE="$out/grants.txt" wrk -t1 -c"$refresh_connections" -d"${seconds}s" --timeout 10s -s "$here/refresh.lua" "$portal/oauth/token" \
    | grep '^{' >>"$out/results.jsonl"
}
portal_ceiling() {
  LABEL=portal_healthz wrk -t1 -c"$refresh_connections" -d"${seconds}s" --timeout 10s -s "$here/healthz.lua" "$portal/healthz" | grep '^{' >>"$out/results.jsonl"
}
echo "Warming up…"
LABEL=warmup AUTH="Bearer $token" wrk -t1 -c"$connections" -d5s -s "$here/call.lua" "$mcp/mcp" >/dev/null
LABEL=warmup AUTH="Bearer $portal_token" wrk -t1 -c"$connections" -d3s -s "$here/call.lua" "$mcp/mcp" >/dev/null
LABEL=warmup AUTH="Bearer $api_key" wrk -t1 -c"$connections" -d3s -s "$here/call.lua" "$mcp/mcp" >/dev/null
LABEL=warmup AUTH="" wrk -t1 -c"$connections" -d3s -s "$here/call.lua" "$mcp/mcp" >/dev/null
LABEL=warmup TOKENS_FILE="$out/grants.txt" wrk -t1 -c"$refresh_connections" -d3s -s "$here/refresh.lua" "$portal/oauth/token" >/dev/null

cores=$(nproc)
echo "Measuring: $rounds round(s) x 11 runs of ${seconds}s, $connections connections, wrk 1 thread, $cores cores shared by wrk, server and Postgres"
modes=(no_auth jwt portal_jwt api_key)
auth_of() { case $1 in no_auth) echo "";; jwt) echo "Bearer $token";; portal_jwt) echo "Bearer $portal_token";; api_key) echo "Bearer $api_key";; esac; }
for r in $(seq 1 "$rounds"); do
  run healthz healthz.lua "" /healthz
  for i in 0 1 2 3; do m=${modes[$(( (i + r) % 4 ))]}; run "$m" call.lua "$(auth_of "$m")" /mcp search; done
  for i in 0 1 2 3; do m=${modes[$(( (i + r) % 4 ))]}; run "list_$m" call.lua "$(auth_of "$m")" /mcp list; done
  portal_ceiling
  refresh_run refresh
  tail -n 11 "$out/results.jsonl"
done

jq -s -r '
  def median: sort | if length % 2 == 1 then .[length/2|floor] else (.[length/2-1] + .[length/2]) / 2 end;
  def pct(a; b): (a / b * 1000 | round) / 10;
  group_by(.label) | map({key: .[0].label, value: {rps: (map(.rps) | median), p50: (map(.p50_ms) | median),
    p99: (map(.p99_ms) | median), cpu: (map(.server_cpu_us // 0) | median), non2xx: (map(.non2xx) | add), errors: (map(.socket_errors) | add)}}) | from_entries as $m
  | "\nmedian of '"$rounds"' round(s), '"$seconds"' s each, '"$connections"' connections, corpus '"$docs"' documents:",
    (["healthz", "no_auth", "jwt", "portal_jwt", "api_key", "list_no_auth", "list_jwt", "list_portal_jwt", "list_api_key", "portal_healthz", "refresh"][] as $k | $m[$k] |
      "  \($k | . + "              " | .[0:13]) \(.rps | floor | tostring | . + " req/s      " | .[0:12]) p50 \(.p50) ms  p99 \(.p99) ms  non-2xx \(.non2xx)  socket errors \(.errors)"),
    "  search_documents: JWT at \(pct($m.jwt.rps; $m.no_auth.rps)) % of no-auth throughput, portal JWT at \(pct($m.portal_jwt.rps; $m.no_auth.rps)) %, API key at \(pct($m.api_key.rps; $m.no_auth.rps)) % (target: above 90 %)",
    "  tools/list:       JWT at \(pct($m.list_jwt.rps; $m.list_no_auth.rps)) % of no-auth throughput, portal JWT at \(pct($m.list_portal_jwt.rps; $m.list_no_auth.rps)) % (target: above 90 %), API key at \(pct($m.list_api_key.rps; $m.list_no_auth.rps)) %",
    "  tools/list, MCP server CPU per request: no auth \($m.list_no_auth.cpu) µs, JWT \($m.list_jwt.cpu) µs, portal JWT \($m.list_portal_jwt.cpu) µs, API key \($m.list_api_key.cpu) µs (no auth at \(pct($m.list_no_auth.cpu; $m.list_jwt.cpu)) / \(pct($m.list_no_auth.cpu; $m.list_portal_jwt.cpu)) / \(pct($m.list_no_auth.cpu; $m.list_api_key.cpu)) % of each: the server-side ratio, free of wrk sharing the cores)",
    (if $m.refresh.non2xx > 0 then "  token endpoint:   NOT MEASURED: \($m.refresh.non2xx) refreshes were refused (a refused refresh spends its token, so the pool ran dry)"
     else "  token endpoint:   \($m.refresh.rps | floor) refresh_token grants/s with \('"$refresh_connections"') connections, \(pct($m.refresh.rps; $m.portal_healthz.rps)) % of the portal /healthz ceiling" end),
    "  p99 with a credential vs none: tools/list JWT \(($m.list_jwt.p99 / $m.list_no_auth.p99 * 100 | round) / 100)x, portal JWT \(($m.list_portal_jwt.p99 / $m.list_no_auth.p99 * 100 | round) / 100)x, API key \(($m.list_api_key.p99 / $m.list_no_auth.p99 * 100 | round) / 100)x (target: at most 2x)",
    "  no-auth search at \(pct($m.no_auth.rps; $m.healthz.rps)) % and no-auth tools/list at \(pct($m.list_no_auth.rps; $m.healthz.rps)) % of the /healthz ceiling"
' "$out/results.jsonl" | tee "$out/summary.txt"
audit=$(psql_ -c "SELECT count(*) FROM mcp_audit_log")
echo "  audit rows written during the run: $audit"
echo "  load average at the end: $(load_average)" | tee -a "$out/summary.txt"
