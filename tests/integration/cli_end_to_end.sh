#!/usr/bin/env bash
# Usage: cli_end_to_end.sh FIREBREAK_BINARY SOURCE_DIR
# Exercises the built binary the way a person on a fresh machine would.
set -uo pipefail
bin=$1
src=$2
work=$(mktemp -d)
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill -9 "$server_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
cd "$work" || exit 1
failures=0
passes=0
check() {  # check NAME CONDITION...
  local name=$1; shift
  if "$@"; then passes=$((passes + 1)); else echo "FAIL: $name"; failures=$((failures + 1)); fi
}
expect_exit() {  # expect_exit CODE COMMAND...
  local want=$1; shift
  "$@" >"$work/out" 2>&1
  local got=$?
  [ "$got" -eq "$want" ] || { echo "  '$*' exited $got, wanted $want:"; sed 's/^/    /' "$work/out"; return 1; }
}
# The example config with the database and listener moved into the scratch directory.
sed -e "s|path: \"var/firebreak.db\"|path: \"$work/fb.db\"|" \
    -e "s|listen: \"127.0.0.1:8080\"|listen: \"127.0.0.1:0\"|" \
    -e "s|admin_listen: \"127.0.0.1:9090\"|admin_listen: \"127.0.0.1:0\"|" \
    -e "0,/announce_channel: \"\"/s//announce_channel: \"C0ANNOUNCE\"/" \
    "$src/config/firebreak.example.yaml" >config.yaml
grep -q "$work/fb.db" config.yaml || { echo "FAIL: could not point the example config at $work"; exit 1; }
grep -q 'admin_listen: "127.0.0.1:0"' config.yaml || { echo "FAIL: could not move the admin listener"; exit 1; }

# --help and exit codes: 0 ok, 1 runtime error, 2 usage error.
check "no arguments is a usage error" expect_exit 2 "$bin"
check "--help" expect_exit 0 "$bin" --help
for sub in serve console migrate check-config stats teams-package; do
  check "$sub --help" expect_exit 0 "$bin" "$sub" --help
done
check "unknown subcommand" expect_exit 2 "$bin" frobnicate
check "serve without --config" expect_exit 2 "$bin" serve
check "unknown option" expect_exit 2 "$bin" migrate --config config.yaml --verbose

# check-config: the example is valid; a broken file names the line.
check "example config is valid" expect_exit 0 "$bin" check-config config.yaml
check "check-config prints a summary" grep -q "sev1  Critical, updates every 15m" "$work/out"
printf 'server:\n  listen: "127.0.0.1:0"\nseverities:\n  - { id: sev1, name: X, update_every: soon }\n' >bad.yaml
check "an invalid config exits 1" expect_exit 1 "$bin" check-config bad.yaml
check "the error names file and line" grep -q "bad.yaml:4:" "$work/out"
check "serve refuses an invalid config" expect_exit 1 "$bin" serve --config bad.yaml

# teams-package: the zip to upload, filled from the config and the exported app id.
app_id=0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0
check "teams-package without --config" expect_exit 2 "$bin" teams-package --out p.zip
check "teams-package with no app id exits 1" expect_exit 1 env -u TEAMS_APP_ID "$bin" teams-package --config config.yaml --out p.zip
check "teams-package says the app id is missing" grep -q "no app id" "$work/out"
check "teams-package with no host exits 1" expect_exit 1 env TEAMS_APP_ID=$app_id "$bin" teams-package --config config.yaml --out p.zip
check "teams-package says the host is missing" grep -q "no bot host" "$work/out"
check "nothing was written" test ! -e p.zip
sed 's|^  bot_host: ""|  bot_host: "bot.example.com"|' config.yaml >teams.yaml
check "teams-package writes the zip" expect_exit 0 env TEAMS_APP_ID=$app_id "$bin" teams-package --config teams.yaml --out p.zip --app-version 1.4.0
check "the zip holds the manifest and both icons" python3 - p.zip $app_id <<'PY'
import json, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
assert sorted(z.namelist()) == ["color.png", "manifest.json", "outline.png"], z.namelist()
m = json.loads(z.read("manifest.json"))
assert m["id"] == sys.argv[2] and m["bots"][0]["botId"] == sys.argv[2], m["id"]
assert m["validDomains"] == ["bot.example.com"] and m["version"] == "1.4.0"
assert "{{" not in z.read("manifest.json").decode()
PY
check "teams-package into a missing directory exits 1" expect_exit 1 env TEAMS_APP_ID=$app_id "$bin" teams-package --config teams.yaml --out missing/p.zip
check "it names the missing directory" grep -q "no directory missing" "$work/out"
check "teams-package with a bad version is refused" expect_exit 1 env TEAMS_APP_ID=$app_id "$bin" teams-package --config teams.yaml --out q.zip --app-version 2
check "teams-package refuses an invalid config" expect_exit 1 env TEAMS_APP_ID=$app_id "$bin" teams-package --config bad.yaml

# check-config with Teams on: its summary, and an id in the wrong key named with its line.
python3 - teams.yaml >teams-on.yaml <<'PY'
import sys
text = open(sys.argv[1]).read()
head, teams = text.split("\nteams:\n", 1)
teams = teams.replace("  enabled: false", "  enabled: true", 1)
teams = teams.replace('  tenant_id: ""', '  tenant_id: "72f988bf-86f1-41af-91ab-2d7cd011db47"', 1)
teams = teams.replace('  incidents_team: ""', '  incidents_team: "0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0"', 1)
print(head + "\nteams:\n" + teams, end="")
PY
check "check-config with Teams on" expect_exit 0 env TEAMS_APP_ID=$app_id TEAMS_APP_PASSWORD=pw "$bin" check-config teams-on.yaml
check "check-config says where Teams incidents go" grep -q "a channel per incident in team 0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0, package host bot.example.com" "$work/out"
sed 's|^  incidents_team: .*|  incidents_team: "19:general@thread.tacv2"|' teams-on.yaml >teams-bad.yaml
check "check-config refuses a channel id as the team" expect_exit 1 env TEAMS_APP_ID=$app_id TEAMS_APP_PASSWORD=pw "$bin" check-config teams-bad.yaml
check "the error names the line and the mix-up" grep -q "teams-bad.yaml:[0-9]*:[0-9]*: teams.incidents_team: '19:general@thread.tacv2' is a channel id" "$work/out"

# migrate, twice.
check "migrate" expect_exit 0 "$bin" migrate --config config.yaml
check "migrate applied 0001" grep -q "applied 0001_initial" "$work/out"
check "migrate again" expect_exit 0 "$bin" migrate --config config.yaml
check "second migrate is a no-op" grep -q "schema is current" "$work/out"

# A console script from stdin, then the database checked with sqlite3.
cat >script.txt <<'SCRIPT'
:as alice
/incident declare Payments API timing out sev1
/incident ic me
:as bob
/incident tl me
/incident update Timeouts on 20% of requests; scaling out
/incident mitigated
/incident resolve
:as alice
/incident resolve Capacity restored
y
y
y
y
y
y
SCRIPT
check "console script runs" expect_exit 0 "$bin" console --config config.yaml <script.txt
check "console shows the declared message" grep -q "\[SEV1 (Critical)\] Payments API timing out" "$work/out"
check "the TL may not resolve" grep -q "Only the Incident Commander or an admin may resolve the incident." "$work/out"
status=$(sqlite3 "$work/fb.db" "SELECT status || ' ' || ic || ' ' || tl FROM incidents")
check "the incident is resolved in the database" test "$status" = "resolved alice bob"
events=$(sqlite3 "$work/fb.db" "SELECT COUNT(*) FROM timeline_events")
check "seven timeline events were written" test "$events" = "7"
confirmed=$(sqlite3 "$work/fb.db" "SELECT text FROM timeline_events WHERE kind = 'resolution_checked'")
check "resolve recorded the criteria confirmed on its form" test "${confirmed#Resolution criteria confirmed: Core user actions succeed}" != "$confirmed"
check "console script with a bad line exits 1" expect_exit 1 "$bin" console --config config.yaml <<<":nonsense"

# Review material after resolve, then export: the postmortem draft and the whole record.
name=$(sqlite3 "$work/fb.db" "SELECT name FROM incidents WHERE id = 1")
printf ':as bob\n:join #%s\n/incident rootcause Connection pool exhausted\n' "$name" >review.txt
check "review material is recorded after resolve" expect_exit 0 "$bin" console --config config.yaml <review.txt
check "the channel sees the root cause" grep -q "Root cause: Connection pool exhausted" "$work/out"
check "export --help" expect_exit 0 "$bin" export --help
check "export md" expect_exit 0 "$bin" export 1 --format md --config config.yaml
check "the draft has a timeline" grep -q "^## Timeline" "$work/out"
check "the draft has the root cause" grep -q "^- Connection pool exhausted" "$work/out"
check "export by name" expect_exit 0 "$bin" export "$name" --format json --config config.yaml
check "the record is resolved" grep -q '"status": "resolved"' "$work/out"
check "export of an unknown incident exits 1" expect_exit 1 "$bin" export 999 --format md --config config.yaml
check "export names the unknown incident" grep -q "no incident with id or name '999'" "$work/out"
check "export in an unknown format exits 2" expect_exit 2 "$bin" export 1 --format pdf --config config.yaml
check "export without an id exits 2" expect_exit 2 "$bin" export --config config.yaml
# A note that would retitle and clear a terminal, with a byte of broken UTF-8: neither the
# console nor the Markdown export lets the escape bytes through.
printf ':as bob\n:join #%s\n/incident factor pager \033]0;pwned\007 \033[2J caf\303\n' "$name" >hostile.txt
check "a hostile note is recorded" expect_exit 0 "$bin" console --config config.yaml <hostile.txt
check "the console prints no escape byte" bash -c "! grep -q \$'\\033' '$work/out'"
check "export md" expect_exit 0 "$bin" export 1 --format md --config config.yaml
check "the Markdown export holds no escape byte" bash -c "! grep -q \$'\\033' '$work/out'"
check "the escapes show as visible signs" grep -q "pager ␛]0;pwned␇ ␛\[2J" "$work/out"

# stats: the resolved SEV1 is counted with an MTTR; bad options are usage errors.
check "stats as JSON" expect_exit 0 "$bin" stats --config config.yaml --format json
check "stats counts one incident" grep -q '^  "incidents": 1,$' "$work/out"
check "stats excludes no drill" grep -q '"drills": 0' "$work/out"
check "stats reports an MTTR" bash -c "grep -A6 '^  \"mttr\"' '$work/out' | grep -q '\"median_seconds\": [0-9]'"
check "stats as a table" expect_exit 0 "$bin" stats --config config.yaml --since 7d --severity SEV1
check "the table names the severity" grep -q "SEV1 (Critical) *1" "$work/out"
check "stats as CSV" expect_exit 0 "$bin" stats --config config.yaml --format csv
check "the CSV starts with its header" test "$(head -n 1 "$work/out")" = "metric,value,seconds"
check "stats --format xml is a usage error" expect_exit 2 "$bin" stats --config config.yaml --format xml
check "stats --since soon is a usage error" expect_exit 2 "$bin" stats --config config.yaml --since soon
check "stats --severity sev9 is a usage error" expect_exit 2 "$bin" stats --config config.yaml --severity sev9

# serve: health on the public listener, readiness and metrics on the admin one, then a
# graceful stop on SIGTERM.
# serve on the example config with nothing exported starts and says what turns platforms on.
"$bin" serve --config config.yaml >plain.log 2>&1 &
plain_pid=$!
for _ in $(seq 1 200); do grep -q "listening on" plain.log && break; sleep 0.05; done
kill -TERM "$plain_pid"; wait "$plain_pid"
check "with no credentials serve names the variables and points to the console" grep -q \
  "no chat platform is on: Slack (set slack.enabled: true and export SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN), Teams (set teams.enabled: true and export TEAMS_APP_ID and TEAMS_APP_PASSWORD). Try the bot locally with 'firebreak console --config config.yaml'" plain.log

# Slack is enabled with its secrets exported for serve; the values must never appear in a
# log or the database.
sed -i '0,/^  enabled: false/s//  enabled: true/' config.yaml
# Nothing listens on the discard port: deliveries fail fast and are retried later.
sed -i 's|^  api_base_url: .*|  api_base_url: "http://127.0.0.1:9/api"|' config.yaml
SLACK_SIGNING_SECRET=sekrit-signing-4711 SLACK_BOT_TOKEN=xoxb-sekrit-4711 \
  "$bin" serve --config config.yaml >serve.log 2>&1 &
server_pid=$!
port=""
admin_port=""
for _ in $(seq 1 200); do  # wait for both listeners, not for a fixed time
  port=$(sed -n 's/.*http: listening on 127.0.0.1:\([0-9]*\).*/\1/p' serve.log | head -n 1)
  admin_port=$(sed -n 's/.*admin: listening on 127.0.0.1:\([0-9]*\).*/\1/p' serve.log | head -n 1)
  [ -n "$port" ] && [ -n "$admin_port" ] && break
  kill -0 "$server_pid" 2>/dev/null || break
  sleep 0.05
done
check "serve logs its port" test -n "$port"
check "serve logs its admin port" test -n "$admin_port"
http_get() {  # http_get PORT PATH: the whole response, headers first
  exec 3<>"/dev/tcp/127.0.0.1/$1"
  printf 'GET %s HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' "$2" >&3
  cat <&3
  exec 3<&-
}
check "serve says Slack is on, in http mode" grep -q "slack: http mode, Web API at http://127.0.0.1:9/api" serve.log
check "serve says what turns Teams on" grep -q "off: Teams (set teams.enabled: true" serve.log
if [ -n "$port" ] && [ -n "$admin_port" ]; then
  # The public listener (the Slack URLs) tells anyone only that the process is up.
  response=$(http_get "$port" /healthz)
  check "public healthz answers 200" grep -q "HTTP/1.1 200" <<<"$response"
  check "public healthz gives no details" grep -q '^{"status":"ok"}$' <<<"$response"
  check "public listener has no readyz" grep -q "HTTP/1.1 404" <<<"$(http_get "$port" /readyz)"
  check "public listener has no metrics" grep -q "HTTP/1.1 404" <<<"$(http_get "$port" /metrics)"
  response=$(http_get "$admin_port" /healthz)
  check "admin healthz answers 200" grep -q "HTTP/1.1 200" <<<"$response"
  response=$(http_get "$admin_port" /readyz)
  check "readyz answers 200" grep -q "HTTP/1.1 200" <<<"$response"
  check "readyz reports migrations" grep -q '"migrations"' <<<"$response"
  response=$(http_get "$admin_port" /metrics)
  check "metrics answers in Prometheus text format" grep -q "Content-Type: text/plain; version=0.0.4" <<<"$response"
  check "metrics count the readyz request" grep -q 'firebreak_http_request_duration_seconds_count{route="/readyz"} 1' <<<"$response"
  check "metrics show the Slack outbox depth" grep -q 'firebreak_outbox_depth{platform="slack"}' <<<"$response"
fi
# Hot reload: a valid edit applies, an invalid one is rejected with its line and the
# running version stays, SIGHUP re-reads the file.
wait_for_log() {  # wait_for_log PATTERN: until serve.log matches, for at most 10 s
  for _ in $(seq 1 200); do
    grep -q "$1" serve.log && return 0
    kill -0 "$server_pid" 2>/dev/null || return 1
    sleep 0.05
  done
  return 1
}
sed -i 's/update_every: 15m/update_every: 10m/' config.yaml
check "a valid edit is applied" wait_for_log "config reloaded (file changed): version"
printf 'surprise: true\n' >>config.yaml
check "an invalid edit is rejected with its line" wait_for_log "config reload rejected: .*config.yaml:[0-9]*:1: surprise"
check "the running version stays" wait_for_log "error(s); keeping version"
warnings=$(sqlite3 "$work/fb.db" "SELECT COUNT(*) FROM outbox WHERE conversation = 'C0ANNOUNCE' AND payload LIKE '%is invalid%'")
check "one warning is queued for the announce channel" test "$warnings" = "1"
kill -HUP "$server_pid"
check "SIGHUP re-reads the file" wait_for_log "config reload (SIGHUP).*unchanged"
response=$(http_get "$admin_port" /readyz)
check "readyz reports the config version" grep -q '"detail":"version [0-9a-f]\{12\} loaded' <<<"$response"

kill -TERM "$server_pid"
wait "$server_pid"
code=$?
server_pid=""
check "serve exits 0 on SIGTERM" test "$code" -eq 0
check "serve logs that it stopped" grep -q "stopped" serve.log
check "no secret value in the log" bash -c "! grep -q sekrit serve.log"
check "no secret value in the database" bash -c "! grep -qa sekrit '$work/fb.db' '$work/fb.db-wal' 2>/dev/null"

# The same with log.format: json: every line is one JSON object, and no secret either.
sed -i -e 's/^  format: text/  format: json/' -e '/^surprise: true$/d' config.yaml
SLACK_SIGNING_SECRET=sekrit-signing-4711 SLACK_BOT_TOKEN=xoxb-sekrit-4711 \
  "$bin" serve --config config.yaml >json.log 2>&1 &
json_pid=$!
for _ in $(seq 1 200); do grep -q "admin: listening on" json.log && break; sleep 0.05; done
kill -TERM "$json_pid"; wait "$json_pid"
check "json serve logs its listening line as an info message" bash -c \
  "jq -e -s 'any(.[]; .level == \"info\" and (.message | test(\"^http: listening on\")))' json.log >/dev/null"
check "every json log line is one JSON object with time, level and message" bash -c \
  "jq -e -s 'length > 3 and all(.[]; has(\"time\") and has(\"level\") and has(\"message\"))' json.log >/dev/null"
check "no secret value in the json log" bash -c "! grep -q sekrit json.log"

echo "$passes passed, $failures failed"
[ "$failures" -eq 0 ]
