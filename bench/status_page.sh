#!/usr/bin/env bash
# The status page under load (issue #14): GET /api/v2/summary.json against GET /healthz
# on the same `firebreak serve`, with wrk (Debian's `wrk`), 64 connections each.
#
#   flock /tmp/fb-build.lock bench/status_page.sh build/release/src/cli/firebreak [15s] [64]
#
# The page holds one published incident with three updates and two affected components
# (written through `firebreak console`, the same front door as Slack), so summary.json is
# a realistic ~4 kB document. /healthz is the ceiling: the cheapest answer the server has.
# Prints both request rates and their ratio; the goal is summary.json >= 50 % of /healthz.
set -euo pipefail
bin=${1:?usage: status_page.sh FIREBREAK_BINARY [duration] [connections]}
duration=${2:-15s}
connections=${3:-64}
command -v wrk >/dev/null || { echo "status_page.sh: install wrk (apt-get install wrk)" >&2; exit 1; }

work=$(mktemp -d)
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

cat >"$work/config.yaml" <<YAML
server: { listen: "127.0.0.1:0", admin_listen: "off" }
storage: { sqlite: { path: "$work/fb.db" } }
slack: { enabled: false }
status_page:
  enabled: true
  title: "Bench status"
  public_url: "https://status.example.com"
  components:
    - { id: api, name: "Public API", description: "The REST API" }
    - { id: checkout, name: "Checkout", description: "Paying for orders" }
    - { id: web, name: "Website" }
YAML

"$bin" console --config "$work/config.yaml" >/dev/null <<'SCRIPT'
:as alice
/incident declare Checkout errors sev1
/incident comms me
/incident affects api=partial checkout=major
/incident publish investigating
/incident publish confirm 1
/incident publish identified
/incident publish confirm 2
/incident publish monitoring A fix is rolling out; error rates are falling.
/incident publish confirm 3
SCRIPT

"$bin" serve --config "$work/config.yaml" >"$work/serve.log" 2>&1 &
pid=$!
port=""
for _ in $(seq 1 300); do
  port=$(grep -o 'listening on 127.0.0.1:[0-9]*' "$work/serve.log" | head -1 | cut -d: -f2 || true)
  [ -n "$port" ] && break
  sleep 0.1  # waiting for a child process to start, not timing anything
done
[ -n "$port" ] || { cat "$work/serve.log" >&2; exit 1; }
bytes=$(curl -s "http://127.0.0.1:$port/api/v2/summary.json" | wc -c)
echo "summary.json is $bytes bytes"

rate() {  # path -> requests/sec
  wrk -t2 -c"$connections" -d"$duration" --latency "http://127.0.0.1:$port$1" >"$work/wrk.txt"
  cat "$work/wrk.txt" >&2
  awk '/Requests\/sec/ {print $2}' "$work/wrk.txt"
}
health=$(rate /healthz)
summary=$(rate /api/v2/summary.json)
echo "healthz:      $health req/s"
echo "summary.json: $summary req/s"
awk -v s="$summary" -v h="$health" 'BEGIN { printf "ratio:        %.0f %% of /healthz\n", 100 * s / h }'
