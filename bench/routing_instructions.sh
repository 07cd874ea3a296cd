#!/usr/bin/env bash
# Instructions the routing thread (the one that verifies, applies and commits; firebreak's
# main thread) spends per durable declare, counted by callgrind: steady where time on a
# shared VM is not. Two runs of slack_load at a paced 40 declares/s, of N/2 and N declares;
# the difference, divided by N/2, leaves start-up out. The same for the connections' thread.
# See docs/benchmarks.md.
#
#   flock /tmp/fb-build.lock bench/routing_instructions.sh [--build build/release] [--declares 1000]
#
# Needs valgrind (apt-get install valgrind). About a minute per 1,000 declares.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build="$root/build/release"
declares=1000
while [ $# -gt 0 ]; do
  case "$1" in
    --build) build=$(cd "$2" && pwd); shift 2 ;;
    --declares) declares="$2"; shift 2 ;;
    *) echo "routing_instructions.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
command -v valgrind >/dev/null || { echo "routing_instructions.sh: needs valgrind" >&2; exit 2; }
[ -x "$build/src/cli/firebreak" ] && [ -x "$build/bench/slack_load" ] || {
  echo "routing_instructions.sh: build firebreak and slack_load in $build first" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/firebreak" <<EOS
#!/bin/sh
exec valgrind --tool=callgrind --separate-threads=yes --callgrind-out-file=$work/out.%p "$build/src/cli/firebreak" "\$@"
EOS
chmod +x "$work/firebreak"

rate=40
# Instructions of the main thread (callgrind's part "-01") over one run of $1 declares.
routing_instructions() {
  rm -f "$work"/out.*
  local seconds
  seconds=$(awk -v n="$1" -v r="$rate" 'BEGIN { printf "%.3f", n / r }')
  "$build/bench/slack_load" --binary "$work/firebreak" --mode paced --rate "$rate" \
    --duration "${seconds}s" --connections 4 --mix declare=1 > "$work/load.txt" 2>&1
  grep -q "commit check  declares.*: ok" "$work/load.txt" || {
    cat "$work/load.txt" >&2; echo "routing_instructions.sh: the run failed" >&2; exit 1; }
  local acked
  acked=$(sed -n 's/^requests *\([0-9]*\).*/\1/p' "$work/load.txt")
  [ "$acked" -eq "$1" ] || { echo "routing_instructions.sh: $acked of $1 acknowledged" >&2; exit 1; }
  local main connections file
  main=$(grep -m1 '^totals:' "$work"/out.*-01 | awk '{ print $2 }')
  # The connections' thread (http::IoThread) is the other one that accepts.
  connections=0
  for file in "$work"/out.*-[0-9][0-9]; do
    case "$file" in *-01) continue ;; esac
    if grep -q 'firebreak::http::Listener::on_accept' "$file"; then
      connections=$(grep -m1 '^totals:' "$file" | awk '{ print $2 }')
    fi
  done
  echo "$main $connections"
}

half=$((declares / 2))
counts=$(routing_instructions "$half")  # a failed run exits here
read -r small small_io <<< "$counts"
counts=$(routing_instructions "$declares")
read -r large large_io <<< "$counts"
echo "routing thread: $small instructions for $half declares, $large for $declares"
echo "per declare (start-up taken out): $(( (large - small) / (declares - half) ))"
# Work moved off the routing thread is still work: the connections' thread (accepting,
# reading, parsing, writing, and the routes' stages) alongside. The outbox worker's threads
# are left out: how often they pass depends on timing, not on the request path.
echo "connections' thread: $small_io for $half declares, $large_io for $declares;" \
  "per declare $(( (large_io - small_io) / (declares - half) ))"
