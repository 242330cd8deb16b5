#!/usr/bin/env bash
# Restores a dump made by backup.sh into a database of the local PostgreSQL (run as root; the apps stopped first:
# systemctl stop autri-portal autri-mcp). Creates what the dump's grants name when missing (the owner role, which
# may create roles, and the three app roles as bare logins), creates the database owned by the owner, and restores
# into it in one transaction: on any error nothing is left half-restored. An existing database is refused unless
# --replace is given, which drops it first. Afterwards run setup.sh again (or just start the apps): the migrate step
# sets the app roles' passwords and applies any migration newer than the dump.
#   restore.sh [--database autri] [--owner autri_owner] [--port 5432] [--host /var/run/postgresql] [--replace] DUMP
set -euo pipefail

database=autri owner=autri_owner port=5432 host=/var/run/postgresql replace=0 dump=""
while [ $# -gt 0 ]; do
  case $1 in
    --database) database=$2; shift 2 ;;
    --owner) owner=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    --host) host=$2; shift 2 ;;
    --replace) replace=1; shift ;;
    -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "restore.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    *) [ -z "$dump" ] || { echo "restore.sh: one dump at a time" >&2; exit 2; }; dump=$1; shift ;;
  esac
done
[ -n "$dump" ] || { echo "usage: restore.sh [options] DUMP (see --help)" >&2; exit 2; }
[ -r "$dump" ] || { echo "restore.sh: cannot read $dump" >&2; exit 1; }
for name in "$database" "$owner"; do
  [[ $name =~ ^[a-z_][a-z0-9_]*$ ]] || { echo "restore.sh: '$name' is not a plain lower-case name" >&2; exit 2; }
done

as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
psql_admin() { as_postgres psql --host="$host" --port="$port" --dbname=postgres -v ON_ERROR_STOP=1 -qAt "$@"; }

# Check the dump before anything changes.
as_postgres pg_restore --list < "$dump" > /dev/null || { echo "restore.sh: $dump is not a pg_dump custom-format file" >&2; exit 1; }

exists=$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '$database'")
if [ -n "$exists" ]; then
  if [ "$replace" != 1 ]; then
    echo "restore.sh: database $database exists; stop the apps and add --replace to drop it and restore over it" >&2
    exit 1
  fi
  psql_admin -c "DROP DATABASE \"$database\" WITH (FORCE)"
fi
psql_admin <<SQL
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$owner') THEN CREATE ROLE "$owner" LOGIN CREATEROLE; END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'autri_portal') THEN CREATE ROLE autri_portal LOGIN NOINHERIT; END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'autri_mcp') THEN CREATE ROLE autri_mcp LOGIN NOINHERIT; END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'autri_triggers') THEN CREATE ROLE autri_triggers LOGIN NOINHERIT; END IF;
END
\$\$;
CREATE DATABASE "$database" OWNER "$owner";
-- What migration 0012 sets on the database itself, which a dump without --create does not carry.
REVOKE ALL ON DATABASE "$database" FROM PUBLIC;
GRANT CONNECT ON DATABASE "$database" TO autri_portal, autri_mcp, autri_triggers;
SQL
# The objects become the owner's whoever made the dump; the dump's grants to the app roles come with them.
as_postgres pg_restore --host="$host" --port="$port" --dbname="$database" --no-owner --role="$owner" \
  --single-transaction --exit-on-error < "$dump"
echo "Restored $dump into database $database (owner $owner)."
