#!/usr/bin/env bash
# Soak: 64 connections of mixed traffic against the real local stack (throwaway Postgres, dev IdP, Autri.Portal and
# Autri.Mcp in Release, started by bench/lib/stack.sh as the other benches start them), first undisturbed, then with
# Postgres stopped for a few seconds in the middle (issue 12, items 13 and 14).
#
#   bench/soak/run.sh [seconds per phase = 60] [seconds Postgres stays down = 5]
#
# The 64 connections: wrk on the signed-in dashboard (8) and /connectors (8) as admin@autri.test (page.lua), wrk on
# MCP tools/call search_documents with an API key (16) and with a portal-issued OAuth access token (16) (call.lua),
# clients.py (15): notification streams held open (4 for beta@autri.test, checked, and 4 for the admin), 6 tool
# callers on a second API key connector whose every answer is counted, and the admin sending beta a notification
# each second through the broadcast form (antiforgery and all); and one curl loop on /connectors that keeps each
# answer's status and time (wrk counts non-2xx but does not say which, nor how long the failures took).
# Checks, printed with the figures: phase 1 has no error of any kind; in phase 2 failures are fast (max latency of
# a failure), the portal's /readyz and a real tool call answer 200 within 10 s of Postgres being back, the audit
# rows of the counted connector equal the tool calls it saw answered, and beta's streams and notification list show
# every notification whose send was confirmed. The load average is printed at each step: the box is shared.
# Bounded: two phases of fixed length and probes with deadlines; everything it started is stopped on exit.
set -euo pipefail
seconds=${1:-60}
down=${2:-5}

# The outage starts a quarter into the phase and must end before its middle, or the load would not see Postgres return.
if [ $((seconds / 4 + down)) -ge $((seconds / 2)) ]; then
  echo "usage: bench/soak/run.sh [seconds per phase = 60] [seconds Postgres stays down = 5]: a ${seconds}s phase is too short for a ${down}s outage (give at least $((4 * down + 4))s)" >&2
  exit 2
fi
. "$(dirname "$0")/../lib/stack.sh" # $root, $here, $out
stack_with_mcp
pepper=$(openssl rand -base64 32)
db="Host=127.0.0.1;Port=$pg_port;Database=autri"
# As run-local.sh runs them: each app with its own Postgres role, migrations and demo data as the owner.
stack_portal Database__ConnectionString="$db;Username=autri_portal" Database__OwnerConnectionString="$db;Username=postgres" \
  Portal__SeedDemoData=true Portal__McpEndpoint="$mcp/mcp" ApiKeys__CurrentPepperVersion=1 ApiKeys__Peppers__1="$pepper"
wait_for "http://127.0.0.1:$idp_port/healthz"
wait_for "$portal/readyz"
stack_mcp Mcp__ClientCredentialsIssuer="http://127.0.0.1:$idp_port" Mcp__ClientCredentialsScope=mcp.invoke \
  Mcp__PortalIssuer="$portal" Mcp__ApiKeysEnabled=true ApiKeys__CurrentPepperVersion=1 ApiKeys__Peppers__1="$pepper" \
  Database__ConnectionString="$db;Username=autri_mcp;Maximum Pool Size=64" Database__OwnerConnectionString="$db;Username=postgres"
wait_for "$mcp/readyz"

echo "Signing in, connecting by URL for a portal token, seeding 2,000 documents and two API key connectors…"
admin_cookie=$(python3 "$root/bench/portal/signin.py" "$portal" admin@autri.test autri-demo)
beta_cookie=$(python3 "$root/bench/portal/signin.py" "$portal" beta@autri.test autri-demo)
python3 "$root/bench/mcp/portal_grants.py" "$portal" "$mcp/mcp" admin@autri.test autri-demo 1 >"$out/grants.txt"
portal_token=$(sed -n 2p "$out/grants.txt" | cut -d' ' -f1)
read -r user org library < <(psql_ -F' ' -c "SELECT u.id, o.id, l.id FROM users u JOIN orgs o ON o.personal_of = u.id JOIN libraries l ON l.org_id = o.id WHERE u.email = 'admin@autri.test'")
beta=$(psql_ -c "SELECT id FROM users WHERE email = 'beta@autri.test'")
read -r wrk_key wrk_hash wrk_prefix < <(python3 "$root/bench/mcp/api_key.py" "$pepper")
read -r counted_key counted_hash counted_prefix < <(python3 "$root/bench/mcp/api_key.py" "$pepper")
kb=$(python3 -c 'import uuid; print(uuid.uuid4())')
c_wrk=$(python3 -c 'import uuid; print(uuid.uuid4())'); c_counted=$(python3 -c 'import uuid; print(uuid.uuid4())')
psql_ <<SQL
INSERT INTO kbs (id, org_id, name) VALUES ('$kb', '$org', 'Soak');
INSERT INTO library_kbs VALUES ('$library', '$kb');
INSERT INTO connectors (id, org_id, created_by, library_id, name, kind, key_prefix) VALUES
  ('$c_wrk', '$org', '$user', '$library', 'soak wrk', 'api_key', '$wrk_prefix'),
  ('$c_counted', '$org', '$user', '$library', 'soak counted', 'api_key', '$counted_prefix');
INSERT INTO connector_api_keys (id, connector_id, key_hash, pepper_version, key_prefix) VALUES
  (gen_random_uuid(), '$c_wrk', decode('$wrk_hash', 'hex'), 1, '$wrk_prefix'),
  (gen_random_uuid(), '$c_counted', decode('$counted_hash', 'hex'), 1, '$counted_prefix');
SQL
stack_seed_documents "$kb" 2000
tool_call() { # Authorization value [seconds allowed = 30]: 0 when search_documents answered with results
  curl -sS -m "${2:-30}" "$mcp/mcp" -H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream' -H "Authorization: $1" \
    -d '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"search_documents","arguments":{"query":"w500 w600","limit":10}}}' 2>/dev/null | grep -q '"count":'
}
tool_call "Bearer $wrk_key" && tool_call "Bearer $portal_token" && tool_call "Bearer $counted_key" || { echo "a credential was refused before the run" >&2; exit 1; }
curl -fsS -o /dev/null -H "Cookie: $admin_cookie" "$portal/connectors"
echo "Warming up (10 s of each kind at 4 connections)…"
warm=()
for page in / /connectors; do
  LABEL=warmup COOKIE="$admin_cookie" wrk -t1 -c4 -d10s --timeout 10s -s "$root/bench/portal/page.lua" "$portal$page" >/dev/null & warm+=($!)
done
for auth in "$wrk_key" "$portal_token"; do
  LABEL=warmup AUTH="Bearer $auth" wrk -t1 -c4 -d10s --timeout 10s -s "$root/bench/mcp/call.lua" "$mcp/mcp" >/dev/null & warm+=($!)
done
wait "${warm[@]}"
audit_before=$(psql_ -c "SELECT count(*) FROM mcp_audit_log WHERE connector_id = '$c_counted'") # the pre-check's call
unread_before=$(psql_ -c "SELECT count(*) FROM notifications WHERE user_id = '$beta' AND read_at IS NULL")
ms_since() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }

failed=0
fail() { echo "  FAILED: $*"; failed=1; }
phase() { # name, restart (yes/no)
  local name=$1 restart=$2 dir="$out/$1" t0 jobs=()
  mkdir -p "$dir"
  echo "$(date -u +%FT%TZ) phase $name: 64 connections for ${seconds}s$([ "$restart" = yes ] && echo ", Postgres down for ${down}s after $((seconds / 4)) s"); load average $(load_average)"
  LABEL=dashboard COOKIE="$admin_cookie" wrk -t1 -c8 -d"${seconds}s" --timeout 10s -s "$root/bench/portal/page.lua" "$portal/" >"$dir/dashboard.txt" &
  jobs+=($!)
  LABEL=connectors COOKIE="$admin_cookie" wrk -t1 -c8 -d"${seconds}s" --timeout 10s -s "$root/bench/portal/page.lua" "$portal/connectors" >"$dir/connectors.txt" &
  jobs+=($!)
  LABEL=mcp_api_key AUTH="Bearer $wrk_key" wrk -t1 -c16 -d"${seconds}s" --timeout 10s -s "$root/bench/mcp/call.lua" "$mcp/mcp" >"$dir/mcp_api_key.txt" &
  jobs+=($!)
  LABEL=mcp_portal_token AUTH="Bearer $portal_token" wrk -t1 -c16 -d"${seconds}s" --timeout 10s -s "$root/bench/mcp/call.lua" "$mcp/mcp" >"$dir/mcp_portal_token.txt" &
  jobs+=($!)
  WATCHED_COOKIE="$beta_cookie" WATCHED_EMAIL=beta@autri.test OTHER_COOKIE="$admin_cookie" ADMIN_COOKIE="$admin_cookie" API_KEY="$counted_key" \
    python3 "$here/clients.py" "$portal" "$mcp" "$seconds" "$dir/clients.json" >/dev/null &
  jobs+=($!)
  ( end=$(( $(date +%s) + seconds )); while [ "$(date +%s)" -lt "$end" ]; do
      curl -sS -o /dev/null -m 30 -H "Cookie: $admin_cookie" -w '%{http_code} %{time_total}\n' "$portal/connectors" 2>/dev/null || echo "000 30"
    done >"$dir/page_probe.txt" ) &
  jobs+=($!)
  if [ "$restart" = yes ]; then
    sleep $((seconds / 4)) # a quarter in: the load runs before, during and well after the outage
    echo "  $(date -u +%T) stopping Postgres (load average $(load_average))"
    "$root/scripts/pg.sh" stop "$out/pg"
    sleep "$down"
    "$root/scripts/pg.sh" start "$out/pg" "$pg_port" --throwaway
    t0=$(date +%s%N)
    echo "  $(date -u +%T) Postgres accepts connections again"
    ( until curl -fsS -o /dev/null -m 2 "$portal/readyz" 2>/dev/null; do [ "$(ms_since "$t0")" -gt 60000 ] && { echo never >"$dir/portal_up"; exit; }; sleep 0.1; done
      ms_since "$t0" >"$dir/portal_up" ) &
    jobs+=($!)
    ( until tool_call "Bearer $wrk_key" 5; do [ "$(ms_since "$t0")" -gt 60000 ] && { echo never >"$dir/mcp_up"; exit; }; sleep 0.1; done
      ms_since "$t0" >"$dir/mcp_up" ) &
    jobs+=($!)
  fi
  wait "${jobs[@]}" # not the servers
  sleep 1 # the audit queue flushes every 200 ms
  for k in dashboard connectors mcp_api_key mcp_portal_token; do grep '^{' "$dir/$k.txt" || { echo "wrk $k printed no summary" >&2; cat "$dir/$k.txt" >&2; }; done >"$dir/wrk.jsonl"
  jq -r '"  \(.label | . + "                  " | .[0:18]) \(.requests) requests, \(.non2xx + .socket_errors) errors (non-2xx \(.non2xx), socket \(.socket_errors)), p50 \(.p50_ms) ms, p99 \(.p99_ms) ms, max \(.max_ms) ms"' "$dir/wrk.jsonl"
  jq -r '.calls | to_entries[] | "  counted calls \(.key | . + "         " | .[0:10]) \(.value.n), p50 \(.value.p50_ms) ms, p99 \(.value.p99_ms) ms, max \(.value.max_ms) ms"' "$dir/clients.json"
  awk '{ n[$1]++; if ($2 > max[$1]) max[$1] = $2 } END { for (s in n) printf "  /connectors probe: %d answered %s, slowest %.0f ms\n", n[s], s, max[s] * 1000 }' "$dir/page_probe.txt"
  jq -r '"  streams: \(.streams.connects) connects, \(.streams.ended) ended, \(.streams.events) events; sends confirmed \(.sends.ok), failed \(.sends.failed), slowest failure \(.sends.failure_max_ms) ms"' "$dir/clients.json"
  if [ "$restart" = no ]; then
    [ "$(jq -s 'map(.non2xx + .socket_errors) | add' "$dir/wrk.jsonl")" = 0 ] || fail "wrk saw errors"
    [ "$(awk '$1 != 200' "$dir/page_probe.txt" | wc -l)" = 0 ] || fail "the /connectors probe saw errors"
    [ "$(jq '[.calls | to_entries[] | select(.key != "ok") | .value.n] | add // 0' "$dir/clients.json")" = 0 ] || fail "counted calls saw errors"
    [ "$(jq '.sends.failed | length' "$dir/clients.json")" = 0 ] || fail "notification sends failed"
    [ "$(jq '.streams.connects == 8 and .streams.ended == 0' "$dir/clients.json")" = true ] || fail "a stream ended or reconnected"
  else
    echo "  slowest failed counted call: $(jq '[.calls | to_entries[] | select(.key != "ok") | .value.max_ms] | max' "$dir/clients.json") ms (wrk's slowest response of any kind: $(jq -s 'map(.max_ms) | max' "$dir/wrk.jsonl") ms)"
    echo "  recovery after Postgres returned: portal /readyz 200 in $(cat "$dir/portal_up") ms, MCP tool call with results in $(cat "$dir/mcp_up") ms"
    for f in portal_up mcp_up; do v=$(cat "$dir/$f"); [ "$v" != never ] && [ "$v" -le 10000 ] || fail "$f took $v ms (limit 10000)"; done
  fi
  cat "$dir/clients.json" >>"$out/clients.jsonl"
  echo "  load average at the end of the phase: $(load_average)"
}
phase steady no
phase restart yes

echo "Audit and notifications after both phases:"
seen_ok=$(jq -s 'map(.calls.ok.n // 0) | add' "$out/clients.jsonl")
seen_answered=$(jq -s 'map((.calls.ok.n // 0) + (.calls.tool_error.n // 0)) | add' "$out/clients.jsonl")
read -r audit_ok audit_all < <(psql_ -F' ' -c "SELECT count(*) FILTER (WHERE status = 'ok') - $audit_before, count(*) - $audit_before FROM mcp_audit_log WHERE connector_id = '$c_counted'")
echo "  counted connector: $seen_ok tool calls answered 200 with results, $audit_ok audit rows 'ok'; $seen_answered answered 200 in all, $audit_all audit rows in all"
[ "$seen_ok" = "$audit_ok" ] && [ "$seen_answered" = "$audit_all" ] || fail "audit rows and answered calls differ"
sent=$(jq -s 'map(.sends.ok) | add' "$out/clients.jsonl")
listed=$(psql_ -c "SELECT count(*) FROM notifications WHERE user_id = '$beta' AND title LIKE 'Soak %'")
last_ids=$(jq -r '.streams.watched_last_id | [.[]] | map(tostring) | join(" ")' <(tail -1 "$out/clients.jsonl"))
echo "  beta: $sent notifications confirmed sent, $listed in the list, unread count last seen by each of beta's streams: $last_ids (expected $((unread_before + sent)))"
[ "$sent" = "$listed" ] || fail "notifications confirmed and listed differ"
for id in $last_ids; do [ "$id" = $((unread_before + sent)) ] || fail "a stream last showed $id unread"; done
[ -n "$last_ids" ] || fail "no stream of beta's saw an event"
echo "$(date -u +%FT%TZ) load average at the end: $(load_average)"
[ "$failed" = 0 ] && echo "all checks passed" || { echo "some checks FAILED"; exit 1; }
