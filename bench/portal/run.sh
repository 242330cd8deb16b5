#!/usr/bin/env bash
# Benchmark: the signed-in dashboard (/) and connectors page (/connectors) under concurrent load, beside a static file
# (the fingerprinted site.css the pages link) from the same server in the same run. Everything is real: a throwaway
# Postgres, the dev IdP, Autri.Portal built and run in Release as scripts/run-local.sh runs it (Local mode, demo
# data), wrk from Debian. The user is admin@autri.test (demo library and connectors), signed in once through the
# dev IdP's login form (signin.py); every request carries that session cookie.
#
#   bench/portal/run.sh [seconds per run = 15] [connections = 32] [rounds = 3]
#
# Each round runs the three targets in a rotated order (drift and order effects hit all alike). The summary is the
# median of the rounds: req/s, p50, p99, and each page's throughput as a ratio of the static file's. Goals (issue 13):
# p99 < 50 ms and >= 0.05x the static file. The load average is printed before and after: the box is shared.
set -euo pipefail
seconds=${1:-15}
connections=${2:-32}
rounds=${3:-3}

. "$(dirname "$0")/../lib/stack.sh" # $root, $here, $out
pg_port=$(free_port); idp_port=$(free_port); portal_port=$(free_port)
portal="http://127.0.0.1:$portal_port"

echo "Postgres, dev IdP and Autri.Portal (Release) on loopback…"
stack_postgres
stack_idp IDP_PORTAL_REDIRECT_URIS="$portal/signin-oidc"
stack_build Autri.Portal
db="Host=127.0.0.1;Port=$pg_port;Database=autri"
# As run-local.sh starts it: its own Postgres role, migrations as the owner, demo data seeded.
stack_portal Database__ConnectionString="$db;Username=autri_portal" Database__OwnerConnectionString="$db;Username=postgres" \
  Portal__SeedDemoData=true
wait_for "http://127.0.0.1:$idp_port/healthz"
wait_for "$portal/readyz"

cookie=$(python3 "$here/signin.py" "$portal" admin@autri.test autri-demo)
home=$(curl -fsS -H "Cookie: $cookie" "$portal/")
css=$(grep -o 'css/site\.[a-z0-9]*\.css' <<<"$home" | head -1)
[ -n "$css" ] || { echo "the dashboard did not link a fingerprinted site.css (not signed in?)" >&2; exit 1; }
curl -fsS -o /dev/null -H "Cookie: $cookie" "$portal/connectors"

run() { # label, path, cookie: wrk's JSON line with the portal's and Postgres's CPU per request in µs
  local pg_pids s0 p0 line
  pg_pids=$(postgres_pids); s0=$(cpu_ms "$portal_pid"); p0=$(cpu_ms $pg_pids)
  line=$(LABEL=$1 COOKIE=$3 wrk -t1 -c"$connections" -d"${seconds}s" --timeout 10s -s "$here/page.lua" "$portal$2" | grep '^{')
  jq -c --argjson s $(( $(cpu_ms "$portal_pid") - s0 )) --argjson p $(( $(cpu_ms $pg_pids) - p0 )) \
    '. + {portal_cpu_us: (if .requests > 0 then ($s * 1000 / .requests | round) else 0 end), postgres_cpu_us: (if .requests > 0 then ($p * 1000 / .requests | round) else 0 end)}' \
    <<<"$line" >>"$out/results.jsonl"
}
echo "Warming up…"
for p in / /connectors "/$css"; do LABEL=warmup COOKIE="$cookie" wrk -t1 -c"$connections" -d3s -s "$here/page.lua" "$portal$p" >/dev/null; done

cores=$(nproc)
echo "Measuring: $rounds round(s) x 3 runs of ${seconds}s, $connections connections, wrk 1 thread, $cores cores shared by wrk, portal and Postgres"
targets=("static|/$css|" "dashboard|/|$cookie" "connectors|/connectors|$cookie")
for r in $(seq 1 "$rounds"); do
  for i in 0 1 2; do
    IFS='|' read -r label path c <<<"${targets[$(( (i + r - 1) % 3 ))]}"
    run "$label" "$path" "$c"
  done
done
echo "load average at the end: $(load_average)"

jq -rs --argjson rounds "$rounds" '
  def median: sort | .[(length / 2 | floor)];
  group_by(.label) | map({key: .[0].label, value: {rps: (map(.rps) | median), p50: (map(.p50_ms) | median),
    p99: (map(.p99_ms) | median), cpu: (map(.portal_cpu_us) | median), pg: (map(.postgres_cpu_us) | median),
    bad: (map(.non2xx + .socket_errors) | add)}}) | from_entries as $m
  | "median of \($rounds) round(s)",
    (["static", "dashboard", "connectors"][] as $k | $m[$k] |
      "\($k): \(.rps) req/s, p50 \(.p50) ms, p99 \(.p99) ms, CPU per request: portal \(.cpu) µs + Postgres \(.pg) µs, errors \(.bad)"
      + (if $k == "static" then "" else ", \((.rps / $m.static.rps * 1000 | round) / 1000)x static; goals p99 < 50 ms: \(if .p99 < 50 then "met" else "NOT met" end), >= 0.05x static: \(if .rps / $m.static.rps >= 0.05 then "met" else "NOT met" end)" end))
' "$out/results.jsonl" | tee "$out/summary.txt"
