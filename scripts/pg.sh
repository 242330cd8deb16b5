#!/usr/bin/env bash
# A PostgreSQL cluster in a folder of ours: used by the run command (data kept) and by tests and benchmarks (thrown away).
#   scripts/pg.sh start DIR PORT [--throwaway]   # initdb if needed, start on 127.0.0.1:PORT, create database "autri"
#   scripts/pg.sh stop DIR                       # fast shutdown
# Postgres's durable defaults apply unless --throwaway: then fsync, synchronous commit and full-page writes are off,
# which is faster and safe only for a cluster nobody minds losing (a crash can corrupt it).
# Postgres refuses to run as root, so as root the cluster belongs to the "postgres" OS user: DIR and every folder
# above it must be enterable by that user (scripts/run-local.sh keeps its cluster under /var/lib/autri-local for that).
set -euo pipefail

pg_bin() {
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [ -x "$d/initdb" ] && { echo "$d"; return; }
  done
  echo "PostgreSQL server binaries not found: run 'apt-get install -y postgresql' (scripts/setup.sh does)" >&2
  exit 1
}

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

cmd=${1:?usage: pg.sh start DIR PORT [--throwaway] | stop DIR}
dir=$(realpath -m "${2:?data folder}")
bin=$(pg_bin)
# The caller's folder may be one the postgres user cannot enter (root's home); its tools complain when started there.
cd /

case "$cmd" in
  start)
    port=${3:?port}
    case "${4:-}" in
      "") settings=() ;;
      --throwaway) settings=(-c fsync=off -c synchronous_commit=off -c full_page_writes=off) ;;
      *) echo "unknown option $4 (expected --throwaway)" >&2; exit 2 ;;
    esac
    mkdir -p "$dir"
    if [ "$(id -u)" = 0 ]; then
      chown postgres: "$dir"; chmod 700 "$dir"
      if ! runuser -u postgres -- test -w "$dir"; then
        echo "The postgres OS user cannot reach $dir (a folder above it is closed to it); use a folder it can enter." >&2
        exit 1
      fi
    fi
    if [ ! -f "$dir/PG_VERSION" ]; then
      as_owner "$bin/initdb" -D "$dir" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
    fi
    if ! as_owner "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 \
      -o "-h 127.0.0.1 -p $port -k $dir ${settings[*]} -c max_connections=300" start >/dev/null; then
      echo "PostgreSQL did not start; the end of $dir/server.log:" >&2
      tail -n 20 "$dir/server.log" >&2 || true
      exit 1
    fi
    as_owner "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='autri'" | grep -q 1 \
      || as_owner "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -qc "CREATE DATABASE autri" >/dev/null
    ;;
  stop)
    [ -f "$dir/postmaster.pid" ] && as_owner "$bin/pg_ctl" -D "$dir" -m fast -w stop >/dev/null || true
    ;;
  *) echo "unknown command $cmd" >&2; exit 2 ;;
esac
