#!/usr/bin/env bash
# Installs what the local stack and the tests need, only what is missing (idempotent, quiet when done).
#   PostgreSQL (server), Chromium (browser tests; never downloaded by a test tool), docker-compose (only to
#   validate docker-compose.yml), jq (benchmark baseline), graphviz (infra-cdk's `npm run diagram` draws the operator
#   documents' architecture PNG with it), nginx (the one-server tests put Debian's nginx in front of the apps, in a
#   folder of their own), and the npm packages of the dev IdP and the portal.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

need=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
[ "${AUTRI_SKIP_BROWSER:-}" = 1 ] || command -v chromium >/dev/null || need+=(chromium)
command -v docker-compose >/dev/null || need+=(docker-compose)
command -v jq >/dev/null || need+=(jq)
command -v dot >/dev/null || need+=(graphviz)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || need+=(nginx)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "Missing packages: ${need[*]}. Install them (as root: apt-get install -y ${need[*]}) and run again." >&2
    exit 1
  fi
  echo "Installing ${need[*]} from Debian…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  # Debian starts a default cluster on 5432; we use throwaway clusters of our own instead.
  if [[ " ${need[*]} " == *" postgresql "* ]] && command -v pg_ctlcluster >/dev/null; then
    for c in $(ls /etc/postgresql 2>/dev/null); do pg_ctlcluster "$c" main stop 2>/dev/null || true; done
  fi
  # Likewise nginx's default site on port 80: the tests run nginx themselves, on ports of their own.
  if [[ " ${need[*]} " == *" nginx "* ]]; then
    systemctl disable --now nginx >/dev/null 2>&1 || service nginx stop >/dev/null 2>&1 || true
  fi
fi

npm_ci() {
  local dir=$1
  if [ ! -f "$dir/node_modules/.package-lock.json" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    echo "Installing npm packages in ${dir#$root/}…"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  fi
}
npm_ci "$root/dev/idp"
npm_ci "$root/Autri.Portal"
