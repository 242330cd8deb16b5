#!/usr/bin/env bash
# Prints a template with each {{NAME}} replaced by the value given as NAME=VALUE; fails, naming them, when a
# placeholder is left without a value. setup.sh renders every file it installs with it, and the tests render the
# same templates with their own values. A line left as NAME= (an optional setting given no value) is dropped, so
# the app sees no key rather than an empty one.
#   render.sh TEMPLATE NAME=VALUE...
set -euo pipefail
shopt -u patsub_replacement 2>/dev/null || true # bash 5.2: '&' in a value stays '&'

[ $# -ge 1 ] || { echo "usage: render.sh TEMPLATE NAME=VALUE..." >&2; exit 2; }
template=$1
shift
text=$(cat "$template")
for pair in "$@"; do
  name=${pair%%=*}
  [[ $pair == *=* && $name =~ ^[A-Z][A-Z0-9_]*$ ]] || { echo "render.sh: '$pair' is not NAME=VALUE" >&2; exit 2; }
  text=${text//"{{$name}}"/"${pair#*=}"}
done
left=$(grep -o '{{[A-Z][A-Z0-9_]*}}' <<<"$text" | sort -u | tr '\n' ' ' || true)
[ -z "$left" ] || { echo "render.sh: $template: no value for ${left% }" >&2; exit 1; }
grep -v '^[A-Za-z_][A-Za-z0-9_]*=$' <<<"$text" || true
