# Sourced by run.sh and search.sh: stopping what a bench started, waiting for a server, psql on the bench's database.
# Uses the caller's $root, $out (the throwaway cluster is $out/pg), $pg_port and the pids array it appends to.
pids=()
cleanup() {
  trap - EXIT INT TERM
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  "$root/scripts/pg.sh" stop "$out/pg" || true
}
trap cleanup EXIT INT TERM
wait_for() { for _ in $(seq 1 240); do curl -fsS -o /dev/null "$1" 2>/dev/null && return 0; sleep 0.5; done; echo "$1 never became ready" >&2; exit 1; }
psql_() { psql -h 127.0.0.1 -p "$pg_port" -U postgres -d autri -v ON_ERROR_STOP=1 -qtA "$@"; }
