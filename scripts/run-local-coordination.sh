# shellcheck shell=bash
# Sourced by scripts/run-local.sh --with-coordination: the vendor's coordination service and the coordination agent of
# a customer-managed deployment, locally. Everything vendor-side lives in .local/coordination/ (git-ignored): a local
# vendor key pair (never the real one: the apps accept a key file only in Local mode), the licence issued to this
# local deployment and its credential, the agent API token. The service keeps its fleet in its own database,
# autri_coordination, in the same local cluster.

coordination_state="$state/coordination"
coordination_database="Host=127.0.0.1;Port=$PG_PORT;Database=autri_coordination;Username=postgres"
coordination_dll="Autri.Coordination/bin/Release/net10.0/Autri.Coordination.dll"
# The fleet page's local account, like the demo accounts' password: a local stack only.
fleet_password=autri-demo-fleet

coordination_sql() { # sql: one value from the coordination database
  psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d autri_coordination -tAc "$1"
}

coordination_command() { # command [--option value …]: one of the vendor's commands against the local fleet database
  Database__ConnectionString="$coordination_database" dotnet "$coordination_dll" "$@"
}

# Before the portal starts: the database, the key pair, the licence (issued again when missing or within 30 days of
# expiring, so the portal never shows a local stack a renewal banner), the agent API token, the fleet account's hash.
prepare_coordination() {
  mkdir -p "$coordination_state"
  chmod 700 "$coordination_state"
  psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='autri_coordination'" | grep -q 1 \
    || psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc "CREATE DATABASE autri_coordination" >/dev/null
  if [ ! -s "$coordination_state/vendor-private.pem" ]; then
    coordination_command generate-key --private "$coordination_state/vendor-private.pem" --public "$coordination_state/vendor-public.pem" >/dev/null
  fi
  deployment_id=$(cat "$coordination_state/deployment-id" 2>/dev/null || true)
  # The commands migrate the fleet database first, so the query below finds its tables on a first run too.
  local current=""
  if [[ "$deployment_id" =~ ^[0-9a-f-]{36}$ ]] && [ -s "$coordination_state/licence.jws" ] && [ -s "$coordination_state/deployment-credential" ]; then
    current=$(coordination_sql "SELECT 1 FROM pg_tables WHERE tablename = 'deployments'" || true)
    [ "$current" != 1 ] || current=$(coordination_sql "SELECT 1 FROM deployments WHERE id = '$deployment_id' AND licence_expires_at > now() + interval '30 days'")
  fi
  if [ "$current" != 1 ]; then
    echo "Issuing a licence to this local deployment (local vendor key)…"
    local issued
    issued=$(coordination_command issue-licence --key "$coordination_state/vendor-private.pem" --customer local \
      --expires "$(date -u -d '+365 days' +%F)" --seats 25 --label "Local stack ($(hostname))" \
      --licence-out "$coordination_state/licence.jws" --credential-out "$coordination_state/deployment-credential")
    deployment_id=$(sed -n 's/^Deployment \([0-9a-f-]\{36\}\) .*/\1/p' <<<"$issued")
    echo "$deployment_id" > "$coordination_state/deployment-id"
  fi
  [ -s "$coordination_state/agent-api-token" ] || (umask 077 && head -c 32 /dev/urandom | base64 | tr -d '\n=' > "$coordination_state/agent-api-token")
  [ -s "$coordination_state/fleet-admin.hash" ] || coordination_command hash-password <<<"$fleet_password" > "$coordination_state/fleet-admin.hash"
}

# After the portal and the MCP server: the service, then the agent, and wait for the loop: the service has recorded a
# heartbeat of this run (the agent sends its first at once) and the portal holds the licence the agent hands it next.
start_coordination() {
  echo "Starting the coordination service on $coordination_url…"
  start_app "The coordination service" coordination tee Autri.Coordination "$coordination_url" \
    Database__ConnectionString="$coordination_database" \
    Coordination__Admins__admin="$(cat "$coordination_state/fleet-admin.hash")"
  wait_for "$coordination_url/readyz"

  echo "Starting the coordination agent (deployment $deployment_id)…"
  since=$(coordination_sql "SELECT now()")
  start_part "The coordination agent" agent "$state/logs/agent.jsonl" own env \
    DOTNET_ENVIRONMENT=Local \
    Agent__Mode=Local \
    Agent__CoordinationUrl="$coordination_url" \
    Agent__Licence="$(cat "$coordination_state/licence.jws")" \
    Agent__DeploymentCredential="$(cat "$coordination_state/deployment-credential")" \
    Agent__Environment=local \
    Agent__PortalUrl="$portal_url" \
    Agent__PortalToken="$(cat "$coordination_state/agent-api-token")" \
    Agent__McpUrl="$mcp_url" \
    Agent__HeartbeatInterval=00:01:00 \
    Agent__LocalLogsDirectory="$state/logs" \
    Vendor__PublicKeyFile="$coordination_state/vendor-public.pem" \
    dotnet Autri.Agent/bin/Release/net10.0/Autri.Agent.dll
  wait_until "get a heartbeat recorded and the licence to the portal" loop_seen "$since"
}

loop_seen() { # since: the service holds a heartbeat of this deployment received after since, and the portal a licence
  [ "$(coordination_sql "SELECT count(*) FROM heartbeats WHERE deployment_id = '$deployment_id' AND received_at > '$since'")" -gt 0 ] &&
    [ "$(psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d autri -tAc "SELECT count(*) FROM deployment_licence")" -gt 0 ]
}
