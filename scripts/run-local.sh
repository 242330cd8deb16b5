#!/usr/bin/env bash
# The whole local stack in one command: Postgres (throwaway cluster in .local/), the dev OIDC provider,
# and the portal on http://127.0.0.1:5080 with migrations applied and demo data seeded. Ctrl-C stops it all.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

PG_PORT=${PG_PORT:-55432}
IDP_PORT=${IDP_PORT:-5090}
PORTAL_PORT=${PORTAL_PORT:-5080}
state="$root/.local"
mkdir -p "$state/logs"

scripts/setup.sh

# The API-key pepper is a secret: generated once per machine, never committed, shared by portal and MCP server.
[ -s "$state/api-key-pepper" ] || head -c 32 /dev/urandom | base64 > "$state/api-key-pepper"
export ApiKeys__CurrentPepperVersion=1 ApiKeys__Peppers__1="$(cat "$state/api-key-pepper")"
MCP_PORT=${MCP_PORT:-8000}

pids=()
cleanup() {
  trap - INT TERM EXIT
  echo
  echo "Stopping…"
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  scripts/pg.sh stop "$state/pg"
  echo "Stopped. Data stays in .local/ (delete it for a fresh start)."
}
trap cleanup INT TERM EXIT

wait_for() { # url what
  for _ in $(seq 1 120); do
    curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
    sleep 0.5
  done
  echo "$2 did not become ready at $1; see the log lines above." >&2
  exit 1
}

echo "Starting PostgreSQL on 127.0.0.1:$PG_PORT (data in .local/pg)…"
scripts/pg.sh start "$state/pg" "$PG_PORT"

echo "Starting the dev OIDC provider on http://127.0.0.1:$IDP_PORT…"
IDP_PORT=$IDP_PORT IDP_DATA_DIR="$state/idp" IDP_MCP_RESOURCE="http://127.0.0.1:$MCP_PORT" \
IDP_PORTAL_REDIRECT_URIS="http://127.0.0.1:$PORTAL_PORT/signin-oidc,http://localhost:$PORTAL_PORT/signin-oidc" \
IDP_PORTAL_POST_LOGOUT_URIS="http://127.0.0.1:$PORTAL_PORT/signed-out,http://localhost:$PORTAL_PORT/signed-out" \
  node dev/idp/server.mjs >>"$state/logs/idp.jsonl" &
pids+=($!)
wait_for "http://127.0.0.1:$IDP_PORT/healthz" "The dev OIDC provider"

echo "Building and starting the portal on http://127.0.0.1:$PORTAL_PORT…"
dotnet build Autri.Portal -c Debug -v quiet -nologo >/dev/null
dotnet build Autri.Mcp -c Debug -v quiet -nologo >/dev/null
# Each app connects as its own Postgres role (created by the migrations) and migrates at start as the owner, postgres.
ASPNETCORE_ENVIRONMENT=Local \
Database__ConnectionString="Host=127.0.0.1;Port=$PG_PORT;Username=autri_portal;Database=autri" \
Database__OwnerConnectionString="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=autri" \
Identity__Authority="http://127.0.0.1:$IDP_PORT" \
Portal__PublicUrl="http://127.0.0.1:$PORTAL_PORT" \
Portal__LocalLogsDirectory="$state/logs" \
Portal__McpEndpoint="http://127.0.0.1:$MCP_PORT/mcp" \
Portal__SeedDemoData=true \
DataProtection__EncryptionKeyFile="$state/data-protection.key" \
  dotnet run --project Autri.Portal --no-build --no-launch-profile --urls "http://127.0.0.1:$PORTAL_PORT" >/dev/null &
pids+=($!)
wait_for "http://127.0.0.1:$PORTAL_PORT/readyz" "The portal"

echo "Starting the MCP server on http://127.0.0.1:$MCP_PORT/mcp…"
ASPNETCORE_ENVIRONMENT=Local \
Database__ConnectionString="Host=127.0.0.1;Port=$PG_PORT;Username=autri_mcp;Database=autri" \
Database__OwnerConnectionString="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=autri" \
Mcp__Issuer="http://127.0.0.1:$IDP_PORT" \
Mcp__LocalLogsDirectory="$state/logs" \
  dotnet run --project Autri.Mcp --no-build --no-launch-profile --urls "http://127.0.0.1:$MCP_PORT" >/dev/null &
pids+=($!)
wait_for "http://127.0.0.1:$MCP_PORT/readyz" "The MCP server"

cat <<BANNER

  Autri portal is running:  http://127.0.0.1:$PORTAL_PORT

  Demo accounts (password: autri-demo)
    admin@autri.test     administrator: Admin menu (allowlist, users, logs, costs, health)
    beta@autri.test      beta user on the allowlist: connectors, notifications
    outsider@autri.test  not on the allowlist: sees the "not invited" page

  MCP server (connectors reach it): http://127.0.0.1:$MCP_PORT/mcp
  Sign-in service (dev OIDC provider): http://127.0.0.1:$IDP_PORT
  Logs (JSON lines, queried by Admin → Logs): .local/logs/
  Press Ctrl-C to stop everything.

BANNER
wait -n "${pids[@]}"
