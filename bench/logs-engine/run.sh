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

echo "== generating $lines lines (seed 20261121)"
"$bench" gen "$out/data" "$lines"
wc -l "$out/data/portal.jsonl" "$out/data/mcp.jsonl"

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
  measure "jq-$slug" jq -n -c "$program" "$@"
  head -4 "$out/jq-$slug.txt" | sed 's/^/   jq /'
  local jq_wall jq_cpu; read -r jq_wall jq_cpu < "$out/last"
  echo "   engine: $(echo "$events / $engine_cpu" | bc) events per CPU-second, $(echo "$events / $engine_wall" | bc) events/s wall (whole process, startup included)"
  echo "   jq:     $(echo "$events / $jq_cpu" | bc) events per CPU-second, $(echo "$events / $jq_wall" | bc) events/s wall"
  echo "   ratio engine/jq throughput: $(echo "scale=2; $jq_cpu / $engine_cpu" | bc) by CPU time, $(echo "scale=2; $jq_wall / $engine_wall" | bc) by wall time"
}

run_pair top-errors '
  reduce (inputs | select(.level == "error" or .level == "fatal")
                 | {k: (.message | capture("^(?<n>[^0-9]*)").n), t: .time}) as $e
    ({}; .[$e.k] |= {n: ((.n // 0) + 1), last: ([.last // "", $e.t] | max)})
  | to_entries | sort_by(-.value.n) | .[:50][] | {normalized: .key, occurrences: .value.n, last_seen: .value.last}' \
  "$out/data/portal.jsonl" "$out/data/mcp.jsonl"

# Nearest-rank percentiles need every latency per tool; jq keeps the three fields it needs and groups them.
run_pair mcp-tool-calls '
  def pct(p): .[((p / 100 * length) | ceil) - 1];
  [inputs | select(.event == "mcp_tool_call") | {tool, status, latency_ms}]
  | group_by(.tool)
  | map({tool: .[0].tool, calls: length, errors: (map(select(.status == "error")) | length), lat: (map(.latency_ms) | sort)})
  | sort_by(-.calls)[]
  | {tool, calls, error_pct: (.errors / .calls * 100), p50_ms: (.lat | pct(50)), p95_ms: (.lat | pct(95))}' \
  "$out/data/mcp.jsonl"
