#!/usr/bin/env bash
# Every test: .NET (domain, infra incl. the AWS fake, portal incl. browser), the dev IdP, infra-cdk.
# Installs what is missing first (scripts/setup.sh). Prints one "N passed, N failed" line at the end.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

scripts/setup.sh || exit 1

passed=0; failed=0; suites_failed=()
results="$root/.local/test-results"
rm -rf "$results"; mkdir -p "$results"

count_trx() { # adds the counts of every .trx under $1
  local f p x
  for f in $(find "$1" -name '*.trx'); do
    p=$(grep -o 'passed="[0-9]*"' "$f" | head -1 | tr -dc 0-9); x=$(grep -o 'failed="[0-9]*"' "$f" | head -1 | tr -dc 0-9)
    passed=$((passed + ${p:-0})); failed=$((failed + ${x:-0}))
  done
}

echo "== .NET build"
if ! dotnet build Autri.slnx -c Debug -nologo -v quiet; then
  echo "build failed"; echo "0 passed, 1 failed"; exit 1
fi

echo "== .NET tests"
# One test assembly at a time: each starts its own Postgres, IdP and browser, and CI has two cores.
dotnet test Autri.slnx --no-build -nologo -m:1 --logger "trx" --logger "console;verbosity=minimal" --results-directory "$results/dotnet" 2>&1 | tee "$results/dotnet.txt"
[ "${PIPESTATUS[0]}" = 0 ] || suites_failed+=(dotnet)
count_trx "$results/dotnet"

node_suite() { # name dir
  echo "== $1"
  local out="$results/$1.txt"
  (cd "$2" && npm test 2>&1) | tee "$out"
  local rc=${PIPESTATUS[0]}
  local p x
  p=$(grep -E '^# pass ' "$out" | tail -1 | tr -dc 0-9); x=$(grep -E '^# fail ' "$out" | tail -1 | tr -dc 0-9)
  passed=$((passed + ${p:-0})); failed=$((failed + ${x:-0}))
  [ "$rc" = 0 ] || suites_failed+=("$1")
}
node_suite "dev IdP" dev/idp
if [ -f infra-cdk/package.json ]; then
  (cd infra-cdk && [ -d node_modules ] || npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  node_suite "infra-cdk" infra-cdk
fi

echo
if [ ${#suites_failed[@]} -gt 0 ]; then
  echo "Failing suites: ${suites_failed[*]}"
  # A CI log keeps only its tail: repeat each failed .NET test's name and message here.
  grep -E -A6 '^\s*Failed [A-Za-z_]' "$results/dotnet.txt" 2>/dev/null | cut -c1-300
  [ "$failed" -gt 0 ] || failed=${#suites_failed[@]}
fi
echo "$passed passed, $failed failed"
[ "$failed" = 0 ] && [ ${#suites_failed[@]} = 0 ]
