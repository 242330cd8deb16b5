#!/usr/bin/env bash
# One backup of the Autri database (autri-backup.service runs it daily): pg_dump in custom format into
# AUTRI_BACKUP_DIR as autri-<UTC time>.dump, readable by root only; dumps there older than
# AUTRI_BACKUP_RETENTION_DAYS are deleted afterwards (never before the new one is complete). With AUTRI_BACKUP_S3_URL
# (s3://bucket/prefix) the dump is also copied there with `aws s3 cp` (the instance's credentials; the bucket's
# lifecycle rules decide how long copies stay). Restore one with restore.sh.
# Settings come from /etc/autri/backup.env: AUTRI_DB_NAME, AUTRI_PG_PORT (5432), AUTRI_PG_HOST (the local socket,
# /var/run/postgresql), AUTRI_BACKUP_DIR, AUTRI_BACKUP_RETENTION_DAYS (14), AUTRI_BACKUP_S3_URL (optional).
set -euo pipefail

db=${AUTRI_DB_NAME:?AUTRI_DB_NAME is not set (see /etc/autri/backup.env)}
dir=${AUTRI_BACKUP_DIR:?AUTRI_BACKUP_DIR is not set (see /etc/autri/backup.env)}
port=${AUTRI_PG_PORT:-5432}
host=${AUTRI_PG_HOST:-/var/run/postgresql}
days=${AUTRI_BACKUP_RETENTION_DAYS:-14}
[[ $days =~ ^[1-9][0-9]*$ ]] || { echo "AUTRI_BACKUP_RETENTION_DAYS must be a whole number of days (1 or more), was '$days'" >&2; exit 2; }

as_postgres() { # pg_dump logs in as the postgres superuser over the local socket (peer), as root's tools do
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

umask 077
mkdir -p "$dir"
dump="$dir/autri-$(date -u +%Y%m%dT%H%M%SZ).dump"
partial="$dir/.partial-$(basename "$dump")"
trap 'rm -f "$partial"' EXIT
# Written by this (root) shell, so the file is root's; renamed only once complete, so a dump in the folder is whole.
as_postgres pg_dump --host="$host" --port="$port" --format=custom --dbname="$db" > "$partial"
mv "$partial" "$dump"
echo "Backed up $db to $dump ($(stat -c %s "$dump") bytes)"

if [ -n "${AUTRI_BACKUP_S3_URL:-}" ]; then
  aws s3 cp --only-show-errors "$dump" "${AUTRI_BACKUP_S3_URL%/}/$(basename "$dump")"
  echo "Copied to ${AUTRI_BACKUP_S3_URL%/}/$(basename "$dump")"
fi

find "$dir" -maxdepth 1 -name 'autri-*.dump' -type f -mtime +"$((days - 1))" -print -delete | sed 's/^/Deleted (older than '"$days"' days): /'
