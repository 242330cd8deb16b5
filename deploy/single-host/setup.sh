#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Autri on one server (Debian 12, Ubuntu 22.04 or later), run as root from a checkout of this repository:
# nginx terminating TLS for two names, PostgreSQL on 127.0.0.1, the portal and the MCP server as systemd services
# behind it, a migrate step before them, daily backups. Idempotent: run it again after a `git pull` to deploy the
# new version, or with changed options. --dry-run prints every action without doing any. See README.md here.
#
#   setup.sh --portal-host portal.example.com --mcp-host mcp.example.com \
#            --oidc-issuer https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123 \
#            --oidc-client-id 1example23456789 --oidc-client-secret-file /root/oidc-secret \
#            --contact-email ops@example.com [options]
#
# Options (defaults in brackets):
#   --oidc-client-secret-file F  the client secret, read from a file (never on the command line); without it the
#                                secret of an earlier run is kept, or it is asked for when stdin is a terminal
#   --groups-claim C             id_token claim holding the groups [cognito:groups]
#   --admin-group G              group whose members are administrators [admins]
#   --cognito-domain D           Cognito hosted UI domain (auth.example.com): sign-out goes through its /logout
#   --cognito-user-pool P        with --aws-region: sessions are re-validated against this pool (needs AWS
#                                credentials with cognito-idp:AdminGetUser and AdminListGroupsForUser); without it
#                                sessions end after 15 minutes and sign in again, which re-reads the groups
#   --aws-region R               region of --cognito-user-pool and of the CloudWatch agent's log groups
#   --database NAME              PostgreSQL database [autri], owned by the role autri_owner
#   --backup-dir DIR             where the daily pg_dump goes [/var/backups/autri]
#   --backup-retention-days N    dumps kept locally [14]
#   --backup-s3-url URL          s3://bucket/prefix: each dump is also copied there (aws CLI and credentials needed)
#   --log-group-prefix P         CloudWatch log groups <P>/portal, <P>/mcp, <P>/nginx [/autri/single-host]
#   --dry-run                    print every action, do none
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
checkout=$(cd "$here/../.." && pwd)
. "$here/actions.sh"

portal_host="" mcp_host="" oidc_issuer="" oidc_client_id="" secret_file="" contact_email=""
groups_claim="cognito:groups" admin_group="admins" cognito_domain="" cognito_pool="" aws_region=""
database=autri backup_dir=/var/backups/autri retention_days=14 backup_s3_url="" log_group_prefix=/autri/single-host
dry_run=0
usage() { sed -n '3,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
  case $1 in
    --portal-host) portal_host=$2; shift 2 ;;
    --mcp-host) mcp_host=$2; shift 2 ;;
    --oidc-issuer) oidc_issuer=${2%/}; shift 2 ;;
    --oidc-client-id) oidc_client_id=$2; shift 2 ;;
    --oidc-client-secret-file) secret_file=$2; shift 2 ;;
    --contact-email) contact_email=$2; shift 2 ;;
    --groups-claim) groups_claim=$2; shift 2 ;;
    --admin-group) admin_group=$2; shift 2 ;;
    --cognito-domain) cognito_domain=$2; shift 2 ;;
    --cognito-user-pool) cognito_pool=$2; shift 2 ;;
    --aws-region) aws_region=$2; shift 2 ;;
    --database) database=$2; shift 2 ;;
    --backup-dir) backup_dir=$2; shift 2 ;;
    --backup-retention-days) retention_days=$2; shift 2 ;;
    --backup-s3-url) backup_s3_url=$2; shift 2 ;;
    --log-group-prefix) log_group_prefix=$2; shift 2 ;;
    --dry-run) dry_run=1; shift ;;
    -h|--help) usage; exit 0 ;;
    --oidc-client-secret) echo "setup.sh: give the secret in a file (--oidc-client-secret-file), not on the command line, where shell history and ps would show it" >&2; exit 2 ;;
    *) echo "setup.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done

# ---- Check every argument before changing anything.
problems=()
need() { [ -n "$2" ] || problems+=("$1 is required"); }
need --portal-host "$portal_host"; need --mcp-host "$mcp_host"; need --oidc-issuer "$oidc_issuer"
need --oidc-client-id "$oidc_client_id"; need --contact-email "$contact_email"
host_name='^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$'
for h in "$portal_host" "$mcp_host"; do
  [ -z "$h" ] || [[ $h =~ $host_name ]] || problems+=("'$h' is not a lower-case DNS name such as portal.example.com")
done
[ -z "$portal_host" ] || [ "$portal_host" != "$mcp_host" ] || problems+=("--portal-host and --mcp-host must differ")
[ -z "$oidc_issuer" ] || [[ $oidc_issuer =~ ^https://[^[:space:]]+$ ]] || problems+=("--oidc-issuer must be an https URL")
[ -z "$contact_email" ] || [[ $contact_email =~ ^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$ ]] || problems+=("--contact-email '$contact_email' is not an email address")
[[ $database =~ ^[a-z_][a-z0-9_]{0,40}$ ]] || problems+=("--database must be a plain lower-case name")
[[ $retention_days =~ ^[1-9][0-9]*$ ]] || problems+=("--backup-retention-days must be a whole number of days")
[[ $backup_dir == /* ]] || problems+=("--backup-dir must be an absolute path")
[ -z "$backup_s3_url" ] || [[ $backup_s3_url =~ ^s3://[a-z0-9.-]+(/.*)?$ ]] || problems+=("--backup-s3-url must look like s3://bucket/prefix")
[ -z "$cognito_pool" ] || [ -n "$aws_region" ] || problems+=("--cognito-user-pool needs --aws-region")
[ -z "$secret_file" ] || [ -r "$secret_file" ] || problems+=("cannot read --oidc-client-secret-file $secret_file")
[ "$dry_run" = 1 ] || [ "$(id -u)" = 0 ] || problems+=("run as root (or with --dry-run)")
if [ -r /etc/os-release ]; then
  # shellcheck disable=SC1091
  os_id=$(. /etc/os-release && echo "$ID") os_version=$(. /etc/os-release && echo "$VERSION_ID")
else
  os_id=unknown os_version=0
fi
case "$os_id" in
  debian) [ "${os_version%%.*}" -ge 12 ] 2>/dev/null || problems+=("Debian $os_version is too old: 12 or later") ;;
  ubuntu) [ "${os_version%%.*}" -ge 22 ] 2>/dev/null || problems+=("Ubuntu $os_version is too old: 22.04 or later") ;;
  *) problems+=("this script knows Debian 12+ and Ubuntu 22.04+, not '$os_id'") ;;
esac
if [ ${#problems[@]} -gt 0 ]; then
  printf 'setup.sh: %s\n' "${problems[@]}" >&2
  exit 2
fi

# ---- Secrets: generated once, kept root-only in /etc/autri/secrets.env, reused by every later run.
secrets=/etc/autri/secrets.env
declare -A secret=()
if [ -r "$secrets" ]; then
  while IFS='=' read -r key value; do [[ $key =~ ^[A-Z_]+$ ]] && secret[$key]=$value; done < "$secrets"
fi
for key in PORTAL_DB_PASSWORD MCP_DB_PASSWORD TRIGGERS_DB_PASSWORD DATA_PROTECTION_KEY; do
  [ -n "${secret[$key]:-}" ] || secret[$key]=$(random_secret 32)
done
[ -n "${secret[API_KEY_PEPPER]:-}" ] || secret[API_KEY_PEPPER]=$(head -c 32 /dev/urandom | base64 -w0 | tr '+/' '-_' | tr -d =)
if [ -n "$secret_file" ]; then
  secret[OIDC_CLIENT_SECRET]=$(tr -d '\r\n' < "$secret_file")
elif [ -z "${secret[OIDC_CLIENT_SECRET]:-}" ] && [ -t 0 ]; then
  read -rsp "OIDC client secret for $oidc_client_id (not shown): " 'secret[OIDC_CLIENT_SECRET]'; echo
fi
[ -n "${secret[OIDC_CLIENT_SECRET]:-}" ] || { echo "setup.sh: no OIDC client secret: give --oidc-client-secret-file" >&2; exit 2; }
# systemd's EnvironmentFile would mangle quotes, backslashes and spaces; providers' secrets are plain characters.
[[ ${secret[OIDC_CLIENT_SECRET]} =~ ^[A-Za-z0-9._~+/=-]+$ ]] || { echo "setup.sh: the OIDC client secret has characters other than letters, digits and ._~+/=-" >&2; exit 2; }

# The owner role logs in over the local socket as the OS user of the same name (peer): it has no password at all.
owner_role=autri_owner pg_socket=/var/run/postgresql
pg_port=5432 portal_upstream=127.0.0.1:5080 mcp_upstream=127.0.0.1:8000 logs_dir=/var/log/autri
account_states=None logout_style=EndSession logout_endpoint=""
[ -z "$cognito_pool" ] || account_states=Cognito
[ -z "$cognito_domain" ] || { logout_style=Cognito; logout_endpoint="https://$cognito_domain/logout"; }

# What every template may name (render.sh NAME=VALUE arguments).
values=(
  PORTAL_HOST="$portal_host" MCP_HOST="$mcp_host" PUBLIC_PORT_SUFFIX="" HTTP_PORT=80 HTTPS_PORT=443
  PORTAL_UPSTREAM="$portal_upstream" MCP_UPSTREAM="$mcp_upstream" PG_PORT="$pg_port" PG_SOCKET="$pg_socket" DB_NAME="$database"
  OWNER_ROLE="$owner_role" CONTACT_EMAIL="$contact_email" LOGS_DIRECTORY="$logs_dir"
  OIDC_ISSUER="$oidc_issuer" OIDC_CLIENT_ID="$oidc_client_id" GROUPS_CLAIM="$groups_claim" ADMIN_GROUP="$admin_group"
  LOGOUT_STYLE="$logout_style" LOGOUT_ENDPOINT="$logout_endpoint" ACCOUNT_STATES="$account_states"
  COGNITO_USER_POOL_ID="$cognito_pool" AWS_REGION="$aws_region"
  BACKUP_DIR="$backup_dir" BACKUP_RETENTION_DAYS="$retention_days" BACKUP_S3_URL="$backup_s3_url"
  LOG_GROUP_PREFIX="$log_group_prefix" SNIPPETS=/etc/nginx/snippets ACCESS_LOG=/var/log/nginx/autri-access.log
  ACME_ROOT=/var/lib/autri-acme
)
for key in "${!secret[@]}"; do values+=("$key=${secret[$key]}"); done
render() { "$here/render.sh" "$here/$1" "${values[@]}" "${@:2}"; }

. "$here/steps.sh"

install_packages
configure_postgres
write_secrets
create_database
create_users
publish_apps
write_app_configuration
install_services
configure_nginx
configure_logs
print_next_steps
