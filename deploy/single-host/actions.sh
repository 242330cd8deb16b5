# shellcheck shell=bash
# How setup.sh changes the machine (sourced by it): every change goes through act or put, which print it and,
# in a dry run, do nothing more. Checks of what is already there run in a dry run too (they only read), so a dry
# run prints exactly what a real run would do now, and after a real run only what is done again every time.

dry_run=${dry_run:-0}

say() { printf '%s\n' "$*"; }

# act DESCRIPTION COMMAND...: one change.
act() {
  local what=$1
  shift
  if [ "$dry_run" = 1 ]; then say "would: $what"; return 0; fi
  say "==> $what"
  "$@"
}

# already DESCRIPTION: a change not needed because it is in place.
already() { say "ok: $*"; }

# put MODE OWNER DEST: installs stdin as DEST (MODE, OWNER user:group) when its content differs, never showing
# the content (env files hold secrets). Returns 0 when written (or would be), 1 when unchanged.
put() {
  local mode=$1 owner=$2 dest=$3 content
  content=$(cat)
  if [ -f "$dest" ] && [ "$(cat "$dest")" = "$content" ] && [ "$(stat -c '%a %U:%G' "$dest")" = "$mode $owner" ]; then
    already "$dest unchanged"
    return 1
  fi
  if [ "$dry_run" = 1 ]; then say "would: write $dest (mode $mode, $owner)"; return 0; fi
  say "==> write $dest (mode $mode, $owner)"
  mkdir -p "$(dirname "$dest")"
  local tmp
  tmp=$(mktemp "$(dirname "$dest")/.autri.XXXXXX")
  chmod "$mode" "$tmp"
  chown "$owner" "$tmp"
  printf '%s\n' "$content" > "$tmp"
  mv "$tmp" "$dest"
}

# random_secret BYTES: hex, so it needs no quoting in env files and connection strings.
random_secret() { od -An -tx1 -N"$1" /dev/urandom | tr -d ' \n'; }
