#!/usr/bin/env bash
# Moves an Autri database into another Postgres (the deployed RDS, or a fresh cluster for a restore) and proves it.
#   scripts/move-data.sh --source URL --target URL [--force] [--work-dir DIR]   (default .local/data-move/<time>)
#   scripts/move-data.sh --verify-only --source URL --target URL
# URLs are libpq connection URIs (postgresql://user:password@host:port/db?sslmode=verify-full&sslrootcert=…) or
# keyword strings; AUTRI_SOURCE_URL / AUTRI_TARGET_URL may hold them instead, to keep passwords off the command line.
# The target login must own what it restores into (in AWS: the RDS master user of the db-master secret).
#
# Steps: refuse bad input before touching anything; pg_dump the source (custom format, kept in the work folder); with
# --force, pg_dump the target there too; then in ONE transaction on the target: (--force only) drop and recreate the
# public schema, CREATE EXTENSION IF NOT EXISTS vector (where the target offers it), restore. A failed restore leaves
# the target as it was. Then every table is compared, source against target: row count and an md5 over each row's
# text in primary-key order. Exit 0 only when every table is the same; 1 on any difference; 2 on refused input.
set -uo pipefail

usage() {
  { echo 'usage:'; sed -n '3,4p' "$0" | sed 's/^# \{0,1\}//'; } >&2
  exit 2
}
refuse() { printf 'refused: %s\n' "$*" >&2; exit 2; }

source_url="${AUTRI_SOURCE_URL:-}" target_url="${AUTRI_TARGET_URL:-}" force=0 verify_only=0 work_dir=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --source) [[ $# -ge 2 ]] || usage; source_url="$2"; shift 2 ;;
    --target) [[ $# -ge 2 ]] || usage; target_url="$2"; shift 2 ;;
    --work-dir) [[ $# -ge 2 ]] || usage; work_dir="$2"; shift 2 ;;
    --force) force=1; shift ;;
    --verify-only) verify_only=1; shift ;;
    -h|--help) usage ;;
    *) printf 'unknown argument: %s\n' "$1" >&2; usage ;;
  esac
done
[[ -n "$source_url" && -n "$target_url" ]] || usage
[[ "$source_url" != "$target_url" ]] || refuse "source and target are the same database"
for tool in psql pg_dump pg_restore; do
  command -v "$tool" >/dev/null || refuse "'$tool' is not installed (Debian: apt-get install -y postgresql-client)"
done

# Every query runs with the same settings on both sides, so a row's text (timestamps, floats) is rendered alike.
sql() { # url, sql on stdin; prints unaligned rows, tab-separated
  PGOPTIONS='-c TimeZone=UTC -c DateStyle=ISO,YMD -c IntervalStyle=postgres -c extra_float_digits=1' \
    psql "$1" -X -q -At -F $'\t' -v ON_ERROR_STOP=1
}

# Where a database is, for messages: never the URL, which may hold a password.
describe() { echo "SELECT format('%s on %s:%s (PostgreSQL %s)', current_database(), coalesce(host(inet_server_addr()), 'local socket'), coalesce(inet_server_port()::text, '-'), current_setting('server_version'))" | sql "$1"; }

reach() { # side url
  local out
  out="$(describe "$2" 2>&1)" || refuse "cannot reach the $1 database: ${out//$'\n'/ }"
  printf '%s' "$out"
}
source_at="$(reach source "$source_url")"
target_at="$(reach target "$target_url")"
echo "source: $source_at"
echo "target: $target_at"

# The tables of a database outside the system schemas, as schema.table.
tables_of() { echo "SELECT n.nspname || '.' || c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
  ORDER BY 1" | sql "$1"; }

# One line per table: name, row count, md5 over the md5 of each row's text in primary-key order (the whole row's
# text where a table has no primary key). Hashing each row first keeps the aggregate small whatever the row size.
# Each sequence counts as a table of one row: its position.
fingerprints() {
  sql "$1" <<'SQL'
SELECT format('SELECT %L, count(*), md5(coalesce(string_agg(md5(t::text), '''' ORDER BY %s), '''')) FROM %I.%I t',
              n.nspname || '.' || c.relname,
              coalesce((SELECT string_agg(format('t.%I', a.attname), ', ' ORDER BY k.ord)
                          FROM pg_index i
                          CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
                          JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
                         WHERE i.indrelid = c.oid AND i.indisprimary), 't::text'),
              n.nspname, c.relname)
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
UNION ALL
-- A sequence's position too: one behind its table would hand out ids that already exist.
SELECT format('SELECT %L, 1, md5(last_value::text || is_called::text) FROM %I.%I', n.nspname || '.' || c.relname, n.nspname, c.relname)
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE c.relkind = 'S' AND n.nspname NOT IN ('pg_catalog', 'information_schema')
 ORDER BY 1
\gexec
SQL
}

# Prints source against target per table; returns 1 on any difference.
verify() {
  local src dst
  src="$(fingerprints "$source_url" 2>&1)" || { echo "cannot read the source's tables: $src" >&2; return 1; }
  dst="$(fingerprints "$target_url" 2>&1)" || { echo "cannot read the target's tables: $dst" >&2; return 1; }
  # join: one line per table name found on either side, "-" for a side it is missing from.
  LC_ALL=C join -t $'\t' -a 1 -a 2 -e - -o 0,1.2,1.3,2.2,2.3 \
    <(printf '%s\n' "$src" | sed '/^$/d' | LC_ALL=C sort) <(printf '%s\n' "$dst" | sed '/^$/d' | LC_ALL=C sort) | awk -F '\t' '
    BEGIN { fmt = "%-36s %12s %12s  %-12s %-12s  %s\n"; printf fmt, "table", "source rows", "target rows", "source md5", "target md5", "result" }
    {
      if ($2 == "-") result = "DIFFERENT: only in target"
      else if ($4 == "-") result = "DIFFERENT: missing in target"
      else if ($2 != $4) result = "DIFFERENT: row counts"
      else if ($3 != $5) result = "DIFFERENT: contents"
      else result = "same"
      if (result != "same") bad++
      printf fmt, $1, $2, $4, substr($3, 1, 12), substr($5, 1, 12), result
    }
    END {
      if (bad > 0) { printf "%d of %d tables differ\n", bad, NR; exit 1 }
      printf "all %d tables are the same: row counts and contents\n", NR
    }'
}

if [[ $verify_only -eq 1 ]]; then
  verify
  exit $?
fi

# --- Refuse anything that would move the wrong thing or lose something, before touching either side.
has_migrations="$(echo "SELECT to_regclass('public.schema_migrations') IS NOT NULL" | sql "$source_url")" || exit 2
[[ "$has_migrations" == t ]] || refuse "the source has no schema_migrations table: it is not an Autri database"
source_tables="$(tables_of "$source_url")" || exit 2

target_tables="$(tables_of "$target_url")" || exit 2
if [[ -n "$target_tables" && $force -eq 0 ]]; then
  count="$(printf '%s\n' "$target_tables" | wc -l)"
  refuse "the target already holds $count table(s) (e.g. $(printf '%s\n' "$target_tables" | head -3 | paste -sd, -)). Pass --force to replace them: a dump of the target is saved in the work folder first. (A deployed database the migrate step has prepared always holds the schema.)"
fi

major() { echo "SELECT current_setting('server_version_num')::int / 10000" | sql "$1"; }
source_major="$(major "$source_url")" target_major="$(major "$target_url")"
[[ "$target_major" -ge "$source_major" ]] || refuse "the target runs PostgreSQL $target_major, older than the source's $source_major: moving to an older major version is not supported"

source_vector="$(echo "SELECT count(*) FROM pg_extension WHERE extname = 'vector'" | sql "$source_url")" || exit 2
target_offers_vector="$(echo "SELECT count(*) FROM pg_available_extensions WHERE name = 'vector'" | sql "$target_url")" || exit 2
if [[ "$target_offers_vector" == 0 ]]; then
  [[ "$source_vector" == 0 ]] || refuse "the source uses the vector extension and the target cannot create it (pgvector is not installed there)"
  echo "vector: the target has no pgvector; the source does not use it either, so nothing needs it (RDS has it)"
fi

# The grants restored with the tables name the app roles; roles belong to the cluster, not to the dump.
missing_roles="$(
  echo "SELECT DISTINCT r.rolname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace, aclexplode(c.relacl) g
          JOIN pg_roles r ON r.oid = g.grantee
         WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%' AND g.grantee <> c.relowner
        UNION SELECT r.rolname FROM pg_namespace n, aclexplode(n.nspacl) g JOIN pg_roles r ON r.oid = g.grantee
         WHERE n.nspname = 'public' AND g.grantee <> n.nspowner ORDER BY 1" \
    | sql "$source_url" | while read -r role; do
      [[ -z "$role" ]] && continue
      exists="$(echo "SELECT count(*) FROM pg_roles WHERE rolname = '$role'" | sql "$target_url")"
      [[ "$exists" != 0 ]] || printf '%s ' "$role"
    done
)"
if [[ -n "$missing_roles" ]]; then
  roles=(${missing_roles})
  refuse "the target's cluster lacks the role(s) the source grants to: ${roles[*]}. In AWS the first deploy's migrate step creates them; elsewhere create them first, as migration 0012 does: $(printf 'CREATE ROLE %s LOGIN NOINHERIT; ' "${roles[@]}")"
fi

# --- Dump the source (and with --force the target) into the work folder, which only its owner may read.
work_dir="${work_dir:-$(cd "$(dirname "$0")/.." && pwd)/.local/data-move/$(date -u +%Y%m%dT%H%M%SZ)}" # .local/ is git-ignored
mkdir -p "$work_dir" && chmod 700 "$work_dir" || refuse "cannot create the work folder $work_dir"
echo "work folder: $work_dir"
if ! pg_dump --format=custom --no-owner --file="$work_dir/source.dump" "$source_url"; then
  echo "pg_dump of the source failed; nothing was changed on the target" >&2
  exit 1
fi
echo "dumped the source: $(printf '%s\n' "$source_tables" | wc -l) tables, $(du -h "$work_dir/source.dump" | cut -f1)"
if [[ -n "$target_tables" ]]; then
  if ! pg_dump --format=custom --file="$work_dir/target-before.dump" "$target_url"; then
    echo "could not save the target before replacing it; nothing was changed on the target" >&2
    exit 1
  fi
  echo "saved the target as it was: $work_dir/target-before.dump (pg_restore it to undo)"
fi

# --- Restore in one transaction: either the whole source arrives or the target stays as it was.
{
  echo '\set ON_ERROR_STOP on'
  if [[ -n "$target_tables" ]]; then
    echo 'DROP SCHEMA public CASCADE;'
    echo 'CREATE SCHEMA public;'
  fi
  [[ "$target_offers_vector" == 0 ]] || echo 'CREATE EXTENSION IF NOT EXISTS vector;'
  pg_restore --no-owner --file=- "$work_dir/source.dump" || echo "\\echo 'pg_restore could not read the dump'"$'\n'"SELECT 1/0;"
} > "$work_dir/restore.sql"
if ! psql "$target_url" -X -q -v ON_ERROR_STOP=1 --single-transaction -f "$work_dir/restore.sql" >"$work_dir/restore.log" 2>&1; then
  echo "the restore failed and was rolled back; the target is as it was. From $work_dir/restore.log:" >&2
  grep -m 5 'ERROR' "$work_dir/restore.log" >&2
  exit 1
fi
echo "restored into the target"

verify
