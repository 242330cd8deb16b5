#!/usr/bin/env bash
# The whole local stack in one command: PostgreSQL, the dev OIDC provider, the portal on http://127.0.0.1:5080 and
# the MCP server (both built in Release), with migrations applied and demo data seeded. Ctrl-C stops it all; the
# data stays for the next run. Ports: PG_PORT, IDP_PORT, PORTAL_PORT, MCP_PORT; every URL the parts are told about
# each other is derived from them. Errors, and the apps' own warnings, show here; all their logs are in .local/logs/
#   --with-coordination   also the vendor's coordination service (COORDINATION_PORT, default 5070) and the coordination
#                         agent, with a local vendor key and a licence issued to this local deployment: the whole loop
#                         of a customer-managed deployment (licence on /admin/licence, the deployment on the fleet page)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

with_coordination=false
for arg in "$@"; do
  case "$arg" in
    --with-coordination) with_coordination=true ;;
    *) echo "usage: scripts/run-local.sh [--with-coordination] (unknown argument: $arg)" >&2; exit 2 ;;
  esac
done

PG_PORT=${PG_PORT:-55432}
IDP_PORT=${IDP_PORT:-5090}
PORTAL_PORT=${PORTAL_PORT:-5080}
MCP_PORT=${MCP_PORT:-8000}
COORDINATION_PORT=${COORDINATION_PORT:-5070}
portal_url="http://127.0.0.1:$PORTAL_PORT"
portal_alias="http://localhost:$PORTAL_PORT"
idp_url="http://127.0.0.1:$IDP_PORT"
mcp_url="http://127.0.0.1:$MCP_PORT"
coordination_url="http://127.0.0.1:$COORDINATION_PORT"
# Each app connects as its own Postgres role (created by the migrations) and migrates at start as the owner, postgres.
database="Host=127.0.0.1;Port=$PG_PORT;Database=autri"
state="$root/.local"
mkdir -p "$state/logs"

# Something already answering on a port would pass for the part we start there (and that part would fail).
ports=(PG_PORT IDP_PORT PORTAL_PORT MCP_PORT)
! $with_coordination || ports+=(COORDINATION_PORT)
for port in "${ports[@]}"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/${!port}") 2>/dev/null; then
    echo "Port ${!port} is in use (another run-local.sh?): stop what listens there, or choose another port with $port=…" >&2
    exit 1
  fi
done

# As root, PostgreSQL runs as the "postgres" OS user, who cannot enter a checkout in a private folder (root's home is
# one), so the cluster lives under /var/lib/autri-local/, one folder per checkout named by a hash of its path.
if [ "$(id -u)" = 0 ]; then
  pg_home="/var/lib/autri-local/$(printf %s "$root" | sha256sum | cut -c1-12)"
  mkdir -p "$pg_home"
  chmod 755 /var/lib/autri-local "$pg_home"
  echo "$root" > "$pg_home/checkout" # which checkout the folder belongs to
  # Earlier versions kept the cluster in .local/pg: move it once, so nothing is lost.
  if [ -f "$state/pg/PG_VERSION" ] && [ ! -e "$pg_home/pg" ]; then mv "$state/pg" "$pg_home/pg"; fi
  pg_data="$pg_home/pg"
else
  pg_home="$state"
  pg_data="$state/pg"
fi
# The keys that go with the data stay beside it (root-only), so a clone made again into the same folder, which reuses
# the cluster above, finds them: with a new key ring key the portal would refuse the kept database, and API keys
# minted under another pepper would stop working.
secrets="$pg_home/secrets"
mkdir -p "$secrets"
chmod 700 "$secrets"
# Earlier versions kept them in .local/: move them once, so nothing is lost.
for f in api-key-pepper data-protection.key; do
  if [ -s "$state/$f" ] && [ ! -e "$secrets/$f" ]; then mv "$state/$f" "$secrets/$f"; fi
done

scripts/setup.sh

# The API-key pepper is a secret: generated once per database, never committed, shared by portal and MCP server.
[ -s "$secrets/api-key-pepper" ] || (umask 077 && head -c 32 /dev/urandom | base64 > "$secrets/api-key-pepper")
export ApiKeys__CurrentPepperVersion=1 ApiKeys__Peppers__1="$(cat "$secrets/api-key-pepper")"

# The parts log JSON lines. `readable` turns one into "level: message (exception)" on one line; a line that is not
# JSON (a crash report) stays as it is.
jq_lines='def line: . as $l | (try fromjson catch null) | if type == "object" then . else {message: $l} end;
  def readable: (if .level then "\(.level): \(.message)" + (if .exception then " (\(.exception))" else "" end) else .message end)
    | gsub("\\s*\n\\s*"; " ");'
show_problems() { # name: copies a part's errors, its own warnings and any line that is not JSON to the terminal
  # (the framework's warnings, such as antiforgery overriding a page's Cache-Control, stay in .local/logs/)
  trap '' INT # Ctrl-C reaches the whole terminal; the filter stays until its part has stopped and said why
  jq -Rr --unbuffered --arg name "$1" "$jq_lines"'
    line | select(.message != "")
    | select(.level == null or .level == "error" or .level == "fatal"
        or (.level == "warn" and ((.logger // "") | test("^(Microsoft|System)\\.") | not)))
    | "[\($name)] " + readable' >&2
}

pids=()
declare -A names=() logs=() log_starts=()
cleanup() {
  trap - INT TERM EXIT
  echo
  echo "Stopping…"
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  scripts/pg.sh stop "$pg_data"
  echo "Stopped. The database stays in $pg_data, its keys in $secrets, the logs in .local/logs/ (for a fresh start, delete $([ "$pg_home" = "$state" ] && echo ".local/" || echo "$pg_home and .local/"))."
}
trap cleanup EXIT
trap 'cleanup; exit 130' INT
trap 'cleanup; exit 143' TERM

# Starts a part in the background, its stdout through show_problems ("tee": also appended to its log file, for a part
# that keeps none itself). Remembers its name, its log file and where that log ended, to show this run's lines only.
start_part() { # name tag log-file own|tee command...
  local name=$1 tag=$2 log=$3 mode=$4 log_start
  shift 4
  log_start=$(stat -c %s "$log" 2>/dev/null || echo 0)
  if [ "$mode" = tee ]; then
    "$@" > >(trap '' INT; tee -a "$log" | show_problems "$tag") &
  else
    "$@" > >(show_problems "$tag") &
  fi
  pids+=($!)
  names[$!]=$name
  logs[$!]=$log
  log_starts[$!]=$log_start
}

wait_until() { # what command…: until the command succeeds, while the part started last runs; otherwise says why not and stops everything
  local what=$1 pid=${pids[-1]} rc=0 problem="" lines
  shift
  for _ in $(seq 1 120); do
    "$@" 2>/dev/null && return 0
    if ! kill -0 "$pid" 2>/dev/null; then
      wait "$pid" || rc=$?
      problem="stopped (exit code $rc) before it became ready; its errors are above"
      break
    fi
    sleep 0.5
  done
  echo "${names[$pid]} ${problem:-did not $what within 60 s}." >&2
  lines=$(tail -c +$((log_starts[$pid] + 1)) "${logs[$pid]}" 2>/dev/null | tail -n 10 | jq -Rr "$jq_lines line | readable" || true)
  [ -z "$lines" ] || printf 'The last lines it logged (all in %s):\n%s\n' "${logs[$pid]#"$root"/}" "$lines" >&2
  exit 1
}

wait_for() { # url: waits until the part started last answers there
  wait_until "become ready at $1" curl -fsS -o /dev/null "$1"
}

start_app() { # name tag own|tee project url [Key=value …]: a .NET app of the checkout, built in Release, serving url
  local name=$1 tag=$2 mode=$3 project=$4 url=$5
  shift 5
  start_part "$name" "$tag" "$state/logs/$tag.jsonl" "$mode" env ASPNETCORE_ENVIRONMENT=Local "$@" \
    dotnet "$project/bin/Release/net10.0/$project.dll" --urls "$url"
}

start_product_app() { # name tag project url role section [Key=value …]: the portal or the MCP server, as its own Postgres
  # role, migrating at start as the owner, postgres, and writing its JSON-lines log (Section__LocalLogsDirectory) itself
  local name=$1 tag=$2 project=$3 url=$4 role=$5 section=$6
  shift 6
  start_app "$name" "$tag" own "$project" "$url" \
    Database__ConnectionString="$database;Username=$role" \
    Database__OwnerConnectionString="$database;Username=postgres" \
    "${section}__LocalLogsDirectory=$state/logs" \
    "$@"
}

build() { # project: quiet unless it fails
  local out
  if ! out=$(dotnet build "$1" -c Release -v quiet -nologo 2>&1); then
    echo "$out" >&2
    echo "Building $1 failed (see above)." >&2
    exit 1
  fi
}

echo "Starting PostgreSQL on 127.0.0.1:$PG_PORT (data in $pg_data)…"
scripts/pg.sh start "$pg_data" "$PG_PORT"

echo "Starting the dev OIDC provider on $idp_url…"
start_part "The dev OIDC provider" idp "$state/logs/idp.jsonl" tee env \
  IDP_PORT="$IDP_PORT" IDP_DATA_DIR="$state/idp" IDP_MCP_RESOURCE="$mcp_url" \
  IDP_PORTAL_REDIRECT_URIS="$portal_url/signin-oidc,$portal_alias/signin-oidc" \
  IDP_PORTAL_POST_LOGOUT_URIS="$portal_url/signed-out,$portal_alias/signed-out" \
  node dev/idp/server.mjs
wait_for "$idp_url/healthz"

echo "Building the portal and the MCP server (Release)…"
build Autri.Portal
build Autri.Mcp

portal_coordination=()
if $with_coordination; then
  echo "Building the coordination service and the agent (Release)…"
  build Autri.Coordination
  build Autri.Agent
  # shellcheck source=scripts/run-local-coordination.sh
  source scripts/run-local-coordination.sh
  prepare_coordination
  # The portal verifies the licence with the local vendor key and opens its agent API to the agent's token.
  portal_coordination=(Vendor__PublicKeyFile="$coordination_state/vendor-public.pem" AgentApi__Token="$(cat "$coordination_state/agent-api-token")")
fi

echo "Starting the portal on $portal_url…"
start_product_app "The portal" portal Autri.Portal "$portal_url" autri_portal Portal \
  Identity__Authority="$idp_url" \
  Portal__PublicUrl="$portal_url" \
  Portal__McpEndpoint="$mcp_url/mcp" \
  Portal__SeedDemoData=true \
  DataProtection__EncryptionKeyFile="$secrets/data-protection.key" \
  "${portal_coordination[@]}"
wait_for "$portal_url/readyz"

echo "Starting the MCP server on $mcp_url/mcp…"
start_product_app "The MCP server" mcp Autri.Mcp "$mcp_url" autri_mcp Mcp \
  Mcp__PortalIssuer="$portal_url" \
  Mcp__ClientCredentialsIssuer="$idp_url" \
  Mcp__ResourceUrl="$mcp_url" \
  Mcp__AllowedOrigins__0="$portal_url" \
  Mcp__AllowedOrigins__1="$portal_alias"
wait_for "$mcp_url/readyz"

coordination_banner=""
if $with_coordination; then
  start_coordination
  coordination_banner="
  Coordination service (vendor side): $coordination_url/admin  (user admin, password $fleet_password)
  Coordination agent: deployment $deployment_id, heartbeat every minute; the licence is on $portal_url/admin/licence
"
fi

cat <<BANNER

  Autri portal is running:  $portal_url

  Demo accounts (password: autri-demo)
    admin@autri.test     administrator: Admin menu (allowlist, users, logs, costs, health)
    beta@autri.test      beta user on the allowlist: connectors, notifications
    outsider@autri.test  not on the allowlist: sees the "not invited" page

  MCP server (connectors reach it): $mcp_url/mcp
  Sign-in service (dev OIDC provider): $idp_url
  PostgreSQL: 127.0.0.1:$PG_PORT, database autri, data in $pg_data (its keys in $secrets)
  Logs (JSON lines, queried by Admin → Logs): .local/logs/; errors and the apps' warnings also show here.
$coordination_banner
  Press Ctrl-C to stop everything.

BANNER
stopped=0
wait -n -p stopped "${pids[@]}" || true
echo "${names[$stopped]:-A part of the stack} stopped on its own (its errors are above); stopping the rest." >&2
exit 1
