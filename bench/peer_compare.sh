#!/usr/bin/env bash
# firebreak against a Bolt-JS peer (bench/peer/app.js) under the same wrk load, back to back:
# 1 thread, 16 connections, every request signed the way Slack signs it. Checks that every
# command firebreak acknowledged is in its database, and prints both figures and their ratio.
# See docs/benchmarks.md. On a shared machine run it under the build lock:
#
#   flock /tmp/fb-build.lock bench/peer_compare.sh [--build build/release] [--duration 10]
#        [--mix declare=1 | --mix declare=2,update=30,note=48,event=20] [--connections 16]
#
# Needs wrk, node/npm (bench/peer's @slack/bolt is installed on first use), sqlite3, curl.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build="$root/build/release"
duration=10
mix="declare=1"
connections=16
perf_out=""
keep_db=""
pool_rate=30000  # requests written per second of run, per server: above what either reaches
while [ $# -gt 0 ]; do
  case "$1" in
    --build) build=$(cd "$2" && pwd); shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --mix) mix="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    --pool-rate) pool_rate="$2"; shift 2 ;;
    --perf-record) perf_out="$2"; shift 2 ;;  # perf record -g of firebreak during its run
    --keep-db) keep_db="$2"; shift 2 ;;  # copy firebreak's database there after the run
    *) echo "peer_compare.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
firebreak="$build/src/cli/firebreak"
fake_slack="$build/bench/fake_slack_server"
for tool in wrk node npm sqlite3 curl; do
  command -v "$tool" >/dev/null || { echo "peer_compare.sh: needs $tool" >&2; exit 2; }
done
[ -x "$firebreak" ] && [ -x "$fake_slack" ] || {
  echo "peer_compare.sh: build firebreak and fake_slack_server in $build first" >&2; exit 2; }

peer_dir="$root/bench/peer"
if [ ! -d "$peer_dir/node_modules/@slack/bolt" ]; then
  (cd "$peer_dir" && npm ci --no-audit --no-fund >/dev/null)
fi

secret="bench-peer-compare-secret"
fb_port=18181
peer_port=18182
work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

rss_kib() { sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$1/status"; }
now_ns() { date +%s%N; }
# Polls until the server answers any HTTP status on its port; prints ms since $1 (ns).
wait_ready() {
  local since=$1 url=$2
  for _ in $(seq 1 2000); do
    if [ "$(curl -s -o /dev/null -w '%{http_code}' "$url" || true)" != "000" ]; then
      echo $(( ($(now_ns) - since) / 1000000 ))
      return 0
    fi
    sleep 0.005
  done
  echo "peer_compare.sh: $url never answered" >&2
  return 1
}
# Sends each NUL-separated request of a pool file on its own connection; reads the status.
send_pool() {
  local port=$1 file=$2 req status
  while IFS= read -r -d '' req; do
    exec 3<>"/dev/tcp/127.0.0.1/$port"
    printf '%s' "$req" >&3
    IFS= read -r status <&3
    exec 3<&-
    case "$status" in "HTTP/1.1 200"*) ;; *) echo "warm-up answered: $status" >&2; return 1 ;; esac
  done <"$file"
}
count_kind() {  # count_kind KINDS_FILE KIND N: how many of the first N requests are KIND
  awk -v kind="$2" -v n="$3" '{ order[NR] = $1 } END {
    c = 0; for (i = 0; i < n; ++i) if (order[i % NR + 1] == kind) ++c; print c }' "$1"
}
json_field() { sed -n "s/.*\"$2\":\\([^,}]*\\).*/\\1/p" "$1"; }

# --- firebreak ---------------------------------------------------------------------------
"$fake_slack" >"$work/fake.out" 2>"$work/fake.err" &
pids+=($!)
for _ in $(seq 1 400); do grep -q '^http://' "$work/fake.out" && break; sleep 0.005; done
api=$(grep -m 1 '^http://' "$work/fake.out")
cat >"$work/firebreak.yaml" <<YAML
server:
  listen: "127.0.0.1:$fb_port"
  admin_listen: "off"
storage:
  sqlite:
    path: "$work/firebreak.db"
slack:
  enabled: true
  mode: http
  signing_secret: "\${SLACK_SIGNING_SECRET}"
  bot_token: "\${SLACK_BOT_TOKEN}"
  api_base_url: "$api"
  announce_channel: CANNOUNCE
YAML
SLACK_SIGNING_SECRET="$secret" SLACK_BOT_TOKEN=xoxb-bench \
  "$firebreak" migrate --config "$work/firebreak.yaml" >/dev/null
started=$(now_ns)
SLACK_SIGNING_SECRET="$secret" SLACK_BOT_TOKEN=xoxb-bench \
  "$firebreak" serve --config "$work/firebreak.yaml" >"$work/firebreak.log" 2>&1 &
fb_pid=$!
pids+=($fb_pid)
fb_ready_ms=$(wait_ready "$started" "http://127.0.0.1:$fb_port/healthz")
fb_idle_rss=$(rss_kib "$fb_pid")

channels=""
if [ "$mix" != "declare=1" ]; then
  # Updates, notes and 📌 events go to 8 incidents whose channels the fake Slack created.
  node "$peer_dir/make_requests.js" --secret "$secret" --count 8 --tag warm \
    --out "$work/warm.pool" >/dev/null
  send_pool "$fb_port" "$work/warm.pool"
  for _ in $(seq 1 2000); do
    n=$(sqlite3 "$work/firebreak.db" "SELECT COUNT(*) FROM incidents WHERE conversation <> ''")
    [ "$n" -ge 8 ] && break
    sleep 0.01
  done
  channels=$(sqlite3 "$work/firebreak.db" \
    "SELECT group_concat(conversation) FROM incidents WHERE conversation <> ''")
fi

pool_size=$((duration * pool_rate))
node "$peer_dir/make_requests.js" --secret "$secret" --count "$pool_size" --mix "$mix" \
  --channels "$channels" --tag wrk --out "$work/fb.pool" >/dev/null
perf_pid=""
if [ -n "$perf_out" ]; then
  perf record -g -F 999 -p "$fb_pid" -o "$perf_out" 2>"$work/perf.err" &
  perf_pid=$!
fi
wrk -t1 -c"$connections" -d"${duration}s" -s "$peer_dir/pool.lua" \
  "http://127.0.0.1:$fb_port" -- "$work/fb.pool" >"$work/fb.wrk"
if [ -n "$perf_pid" ]; then kill -INT "$perf_pid"; wait "$perf_pid" || true; fi
tail -n 1 "$work/fb.wrk" >"$work/fb.json"
fb_peak_rss=$(sed -n 's/^VmHWM:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$fb_pid/status")
kill -TERM "$fb_pid"
wait "$fb_pid" || { echo "firebreak did not stop cleanly" >&2; exit 1; }

[ -z "$keep_db" ] || cp "$work/firebreak.db" "$keep_db"

# The commit check: with no error, every response was a 200, and at most `connections`
# requests were in flight when wrk stopped; so each kind's rows must number at least that
# kind among the first (answered - connections) requests of the pool, all of which were
# acknowledged. (The in-flight ones may or may not have committed.)
fb_requests=$(json_field "$work/fb.json" requests)
fb_errors=$(( $(json_field "$work/fb.json" non2xx) + $(json_field "$work/fb.json" socket_errors) ))
acked=$(( fb_requests > connections ? fb_requests - connections : 0 ))
db="$work/firebreak.db"
check_failed=0
check() {  # check LABEL ROWS KIND
  local want
  want=$(count_kind "$work/fb.pool.kinds" "$3" "$acked")
  if [ "$2" -lt "$want" ]; then
    echo "COMMIT CHECK FAILED: $1: $2 rows, $want acknowledged" >&2
    check_failed=1
  fi
  echo "  $1: $2 rows for >= $want acknowledged"
}
echo "firebreak commit check (database after SIGTERM):"
check declares "$(sqlite3 "$db" "SELECT COUNT(*) FROM incidents WHERE title LIKE 'bench wrk %'")" declare
check updates "$(sqlite3 "$db" "SELECT COUNT(*) FROM timeline_events WHERE kind = 'update_posted'")" update
check notes "$(sqlite3 "$db" "SELECT COUNT(*) FROM timeline_events WHERE kind = 'note'")" note
check events "$(sqlite3 "$db" "SELECT COUNT(*) FROM dedupe_keys WHERE key LIKE 'slack:event:Evwrk%'")" event
[ "$fb_errors" -eq 0 ] || { echo "firebreak answered $fb_errors errors" >&2; check_failed=1; }

# --- the Bolt peer -------------------------------------------------------------------------
started=$(now_ns)
SLACK_SIGNING_SECRET="$secret" PORT="$peer_port" PEER_CHANNELS="$channels" \
  node "$peer_dir/app.js" >"$work/peer.log" 2>&1 &
peer_pid=$!
pids+=($peer_pid)
peer_ready_ms=$(wait_ready "$started" "http://127.0.0.1:$peer_port/")
peer_idle_rss=$(rss_kib "$peer_pid")
node "$peer_dir/make_requests.js" --secret "$secret" --count "$pool_size" --mix "$mix" \
  --channels "$channels" --tag peer --out "$work/peer.pool" >/dev/null
wrk -t1 -c"$connections" -d"${duration}s" -s "$peer_dir/pool.lua" \
  "http://127.0.0.1:$peer_port" -- "$work/peer.pool" >"$work/peer.wrk"
tail -n 1 "$work/peer.wrk" >"$work/peer.json"
peer_peak_rss=$(sed -n 's/^VmHWM:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$peer_pid/status")
kill -TERM "$peer_pid"; wait "$peer_pid" 2>/dev/null || true
peer_errors=$(( $(json_field "$work/peer.json" non2xx) + $(json_field "$work/peer.json" socket_errors) ))

for side in fb peer; do
  if [ "$(json_field "$work/$side.json" pool_ran_out)" = "true" ]; then
    echo "WARNING: the $side pool ran out; repeats were duplicates. Raise --pool-rate." >&2
    check_failed=1
  fi
done

row() {  # row NAME JSON READY_MS IDLE_KIB PEAK_KIB ERRORS
  printf '| %s | %s | %s | %s | %s | %s | %d ms | %d MiB | %d MiB |\n' "$1" \
    "$(json_field "$2" rps)" "$(json_field "$2" p50_ms)" "$(json_field "$2" p99_ms)" \
    "$(json_field "$2" requests)" "$6" "$3" $(( $4 / 1024 )) $(( $5 / 1024 ))
}
echo
echo "mix $mix, wrk -t1 -c$connections -d${duration}s, $(nproc) cores"
echo "| server | req/s | p50 ms | p99 ms | answered | errors | start to ready | idle RSS | peak RSS |"
echo "|---|---|---|---|---|---|---|---|---|"
row "firebreak (durable)" "$work/fb.json" "$fb_ready_ms" "$fb_idle_rss" "$fb_peak_rss" "$fb_errors"
row "Bolt-JS peer (in memory)" "$work/peer.json" "$peer_ready_ms" "$peer_idle_rss" \
  "$peer_peak_rss" "$peer_errors"
awk -v a="$(json_field "$work/fb.json" rps)" -v b="$(json_field "$work/peer.json" rps)" \
  'BEGIN { printf "ratio firebreak / peer: %.2fx\n", a / b }'
exit "$check_failed"
