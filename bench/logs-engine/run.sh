#!/usr/bin/env bash
# Benchmarks the local Logs Insights engine against jq doing the same aggregation on the same files.
# Usage: bench/logs-engine/run.sh [lines]   (default 1,000,000; output in bench/out/)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$root/bench/out/logs-engine"
lines="${1:-1000000}"
mkdir -p "$out"

dotnet build "$here/LogsEngineBench.csproj" -c Release -v q -nologo -o "$out/bin" >/dev/null
bench="$out/bin/LogsEngineBench"

echo "== $(date -u '+%Y-%m-%d %H:%M UTC'), load: $(uptime | sed 's/.*load average: //')"
echo "== generating $lines lines (seed 20261121)"
"$bench" gen "$out/data" "$lines"
wc -l "$out/data/portal.jsonl" "$out/data/mcp.jsonl" "$out/data/triggers.jsonl"
: > "$out/summary"

# The machine is shared (other builds run beside this), so CPU seconds (user + sys) are the fair measure;
# wall time is printed too. Writes "wall cpu" to $out/last.
measure() { # name, command...
  local name="$1"; shift
  /usr/bin/time -f "%e %U %S %M" -o "$out/time" "$@" > "$out/$name.txt"
  read -r wall user sys rss < "$out/time"
  local cpu; cpu=$(echo "$user + $sys" | bc)
  echo "$wall $cpu" > "$out/last"
  echo "   $name: ${wall} s wall, ${cpu} s CPU, max RSS $(( rss / 1024 )) MiB"
}

run_pair() { # slug, jq program, files...
  local slug="$1" program="$2"; shift 2
  local events
  events=$(cat "$@" | wc -l)
  echo "== $slug over $events events"
  measure "engine-$slug" "$bench" run "$out/data" "$root/ops/queries" "$slug"
  sed 's/^/   /' "$out/engine-$slug.txt"
  local engine_wall engine_cpu; read -r engine_wall engine_cpu < "$out/last"
  cp "$out/time" "$out/time.engine"
  measure "jq-$slug" jq -n -c "$program" "$@"
  head -4 "$out/jq-$slug.txt" | sed 's/^/   jq /'
  local jq_wall jq_cpu; read -r jq_wall jq_cpu < "$out/last"
  echo "   engine: $(echo "$events / $engine_cpu" | bc) events per CPU-second, $(echo "$events / $engine_wall" | bc) events/s wall (whole process, startup included)"
  echo "   jq:     $(echo "$events / $jq_cpu" | bc) events per CPU-second, $(echo "$events / $jq_wall" | bc) events/s wall"
  local ratio; ratio=$(echo "scale=2; $jq_cpu / $engine_cpu" | bc)
  echo "   ratio engine/jq throughput: $ratio by CPU time, $(echo "scale=2; $jq_wall / $engine_wall" | bc) by wall time"
  printf "%-22s engine %6s s CPU (max RSS %s MiB), jq %6s s CPU: %5s×%s\n" "$slug" "$engine_cpu" "$(( $(cut -d" " -f4 "$out/time.engine") / 1024 ))" "$jq_cpu" "$ratio" \
    "$( [ "$(echo "$ratio >= 3" | bc)" = 1 ] || echo '  (under 3×)')" >> "$out/summary"
}

d="$out/data"

run_pair top-errors '
  reduce (inputs | select(.level == "error" or .level == "fatal")
                 | {k: (.message | capture("^(?<n>[^0-9]*)").n), t: .time}) as $e
    ({}; .[$e.k] |= {n: ((.n // 0) + 1), last: ([.last // "", $e.t] | max)})
  | to_entries | sort_by(-.value.n) | .[:50][] | {normalized: .key, occurrences: .value.n, last_seen: .value.last}' \
  "$d/portal.jsonl" "$d/mcp.jsonl" "$d/triggers.jsonl"

# Nearest-rank percentiles need every latency per tool; jq keeps the three fields it needs and groups them.
run_pair mcp-tool-calls '
  def pct(p): .[((p / 100 * length) | ceil) - 1];
  [inputs | select(.event == "mcp_tool_call") | {tool, status, latency_ms}]
  | group_by(.tool)
  | map({tool: .[0].tool, calls: length, errors: (map(select(.status == "error")) | length), lat: (map(.latency_ms) | sort)})
  | sort_by(-.calls)[]
  | {tool, calls, error_pct: (.errors / .calls * 100), p50_ms: (.lat | pct(50)), p95_ms: (.lat | pct(95))}' \
  "$d/mcp.jsonl"

# 5-minute bins cut from the ISO text (cheaper for jq than parsing dates).
run_pair error-rate '
  reduce (inputs | select(.level == "error" or .level == "fatal")
                 | .time | .[0:14] + ((.[14:16] | tonumber / 5 | floor * 5) | tostring | if length == 1 then "0" + . else . end)) as $b
    ({}; .[$b] += 1)
  | to_entries[] | {bin: .key, errors: .value}' \
  "$d/portal.jsonl" "$d/mcp.jsonl" "$d/triggers.jsonl"

run_pair slow-requests '
  [inputs | select(.event == "http_request" and .duration_ms > 1000 and .path != "/notifications/stream")
          | {time, method, path, status, duration_ms, request_id}]
  | sort_by(-.duration_ms) | .[:100][]' \
  "$d/portal.jsonl"

run_pair auth-failures '
  reduce (inputs | select(.event == "mcp_auth_failed") | "\(.connector_id) \(.reason)") as $k ({}; .[$k] += 1)
  | to_entries | sort_by(-.value)[] | {key, failures: .value}' \
  "$d/mcp.jsonl"

run_pair allowlist-rejections '
  reduce (inputs | select(.event == "allowlist_rejected") | {k: "\(.email) \(.source)", t: .time}) as $e
    ({}; .[$e.k] |= {n: ((.n // 0) + 1), last: ([.last // "", $e.t] | max)})
  | to_entries | sort_by(-.value.n)[] | {key, attempts: .value.n, last_attempt: .value.last}' \
  "$d/portal.jsonl" "$d/triggers.jsonl"

echo "== summary (engine/jq by CPU time; goal ≥ 3× on every query), load after: $(uptime | sed 's/.*load average: //')"
cat "$out/summary"
