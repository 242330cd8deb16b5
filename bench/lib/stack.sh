# Sourced by the benches (bench/mcp, bench/portal, bench/soak): the local stack they start and what they share —
# stopping everything a bench started, waiting for a server, psql on the bench's database, and starting Postgres, the
# dev IdP, Autri.Portal and Autri.Mcp (Release) as scripts/run-local.sh does. Sourcing sets $root (the checkout),
# $here (the bench's folder) and $out (bench/out/<the bench's folder>, or bench/out/$out_name when the caller set it;
# the throwaway cluster is $out/pg), checks the tools every bench needs, empties $out and prints the load average (the
# box is shared: figures depend on it). The caller sets $pg_port before psql_ or stack_postgres.
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out="$root/bench/out/${out_name:-$(basename "$here")}"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
command -v jq >/dev/null || { echo "jq is missing: apt-get install -y jq" >&2; exit 1; }
rm -rf "$out"; mkdir -p "$out"
echo "$(date -u +%FT%TZ) load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
pids=()
cleanup() {
  trap - EXIT INT TERM
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  "$root/scripts/pg.sh" stop "$out/pg" || true
}
trap cleanup EXIT INT TERM
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_for() { for _ in $(seq 1 240); do curl -fsS -o /dev/null "$1" 2>/dev/null && return 0; sleep 0.5; done; echo "$1 never became ready" >&2; exit 1; }
psql_() { psql -h 127.0.0.1 -p "$pg_port" -U postgres -d autri -v ON_ERROR_STOP=1 -qtA "$@"; }
load_average() { cut -d' ' -f1-3 /proc/loadavg; }

# CPU time (ms) of some processes, from /proc: the load on a shared machine changes how long a request waits, not how
# much CPU it takes, so the benches report CPU per request beside throughput.
cpu_ms() { local t=0 p; for p in "$@"; do [ -r "/proc/$p/stat" ] && t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat"))); done; echo $((t * 1000 / $(getconf CLK_TCK))); }
# The backends of the throwaway cluster in $out/pg.
postgres_pids() { pgrep -P "$(head -1 "$out/pg/postmaster.pid")" | tr '\n' ' '; }

# A throwaway cluster in $out/pg on $pg_port.
stack_postgres() { "$root/scripts/pg.sh" start "$out/pg" "$pg_port" --throwaway; }

# The dev IdP on $idp_port; arguments are extra environment (IDP_MCP_RESOURCE=…, IDP_PORTAL_REDIRECT_URIS=…).
stack_idp() {
  (cd "$root/dev/idp" && [ -d node_modules ] || npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  env IDP_PORT="$idp_port" IDP_DATA_DIR="$out/idp" "$@" node "$root/dev/idp/server.mjs" >"$out/idp.log" 2>&1 &
  pids+=($!)
}

# Ports and URLs ($pg_port, $idp_port, $portal/$portal_port, $mcp/$mcp_port) for a bench of both apps, Postgres and
# the dev IdP started, both apps built; the caller starts them with its own settings.
stack_with_mcp() {
  pg_port=$(free_port); idp_port=$(free_port); mcp_port=$(free_port); portal_port=$(free_port)
  mcp="http://127.0.0.1:$mcp_port"
  portal="http://127.0.0.1:$portal_port"
  echo "Postgres, dev IdP, Autri.Portal and Autri.Mcp (Release) on loopback…"
  stack_postgres
  stack_idp IDP_MCP_RESOURCE="$mcp" IDP_PORTAL_REDIRECT_URIS="$portal/signin-oidc"
  stack_build Autri.Mcp Autri.Portal
}

stack_build() { for p in "$@"; do dotnet build "$root/$p" -c Release -v quiet -nologo >/dev/null; done; }

# The portal in Release, Local mode (appsettings.Local.json, found from its folder), on $portal, signing in at the
# dev IdP on $idp_port; arguments are extra environment (Database__ConnectionString=… is required). exec: the
# subshell becomes the portal, so $portal_pid is the process itself (the soak kills it with SIGKILL).
stack_portal() {
  (cd "$root/Autri.Portal" && exec env ASPNETCORE_ENVIRONMENT=Local Identity__Authority="http://127.0.0.1:$idp_port" \
    Portal__PublicUrl="$portal" Portal__LocalLogsDirectory="$out/portal-logs" DataProtection__EncryptionKeyFile="$out/data-protection.key" \
    "$@" dotnet "bin/Release/net10.0/Autri.Portal.dll" --urls "$portal" >>"$out/portal.jsonl" 2>&1) &
  portal_pid=$!
  pids+=($portal_pid)
}

# The MCP server in Release on $mcp, Local mode; arguments are extra environment (Database__ConnectionString=…).
stack_mcp() {
  env ASPNETCORE_ENVIRONMENT=Benchmark Mcp__Mode=Local Mcp__ResourceUrl="$mcp" "$@" \
    dotnet "$root/Autri.Mcp/bin/Release/net10.0/Autri.Mcp.dll" --urls "$mcp" >>"$out/mcp.jsonl" 2>&1 &
  mcp_pid=$!
  pids+=($mcp_pid)
}

# Synthetic documents in knowledge base $1 (count $2): 200 words each from a 2,000-word Zipf-like vocabulary w0…w1999,
# the corpus bench/mcp/call.lua's two-word queries search.
stack_seed_documents() {
  psql_ <<SQL
INSERT INTO documents (id, kb_id, title, source_uri, content)
SELECT gen_random_uuid(), '$1', 'Synthetic document ' || g, 'https://bench.example/doc/' || g,
       (SELECT string_agg('w' || floor(power(random(), 2) * 2000)::int, ' ') FROM generate_series(1, 200) WHERE g > 0)
FROM generate_series(1, $2) g;
ANALYZE documents;
SQL
}
