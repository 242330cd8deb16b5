#!/usr/bin/env bash
# API key verification benchmark: a throwaway Postgres (scripts/pg.sh) pinned to one core, the benchmark
# pinned to another, 10,000 keys; prints warm, cold and a same-run bare-HMAC baseline.
#   bench/api-keys/run.sh [keys] [repeats]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
dir=$(mktemp -d /tmp/autri-bench-keys-XXXXXX)
port=${PORT:-$((20000 + RANDOM % 20000))}

if [ "$(nproc)" -ge 2 ]; then pg_pin=(taskset -c 1); bench_pin=(taskset -c 0); else pg_pin=(); bench_pin=(); fi

stop() { "$root/scripts/pg.sh" stop "$dir" || true; rm -rf "$dir"; }
trap stop EXIT

dotnet build -c Release -v q -nologo "$here/ApiKeysBench.csproj" >/dev/null
"${pg_pin[@]}" "$root/scripts/pg.sh" start "$dir" "$port" --throwaway
echo "postgres on 127.0.0.1:$port ${pg_pin[*]:-(not pinned)}; benchmark ${bench_pin[*]:-(not pinned)}"
"${bench_pin[@]}" dotnet "$here/bin/Release/net10.0/ApiKeysBench.dll" \
  "Host=127.0.0.1;Port=$port;Username=postgres;Database=autri${EXTRA_CONN:+;$EXTRA_CONN}" "$@"
