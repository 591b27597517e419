#!/usr/bin/env bash
# Runs every Concord test: formatting, unit and integration tests on SQLite and PostgreSQL,
# and browser journeys in headless Chromium. Installs what the tests need when it is missing,
# starts a throw-away PostgreSQL server on a free loopback port, and prints as its last line
#   N passed, N failed, N skipped
# counted from the TRX result files. Exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")"
root=$(pwd)
results="$root/TestResults"
rm -rf "$results"
mkdir -p "$results"

log() { printf '==> %s\n' "$*" >&2; }

install_prerequisites() {
  local missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
  /usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1 || missing+=(python3-aiosmtpd)
  fc-list 2>/dev/null | grep -qi dejavu || missing+=(fonts-dejavu-core)
  if [ ${#missing[@]} -gt 0 ]; then
    log "Installing ${missing[*]}"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq >&2 || true
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
  fi
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

pg_dir=""
pg_bin=""
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_postgres() {
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  pg_dir=$(mktemp -d /tmp/concord-pg.XXXXXX)
  [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$pg_dir"
  local port
  port=$(free_port)
  as_pg "$pg_bin/initdb" -D "$pg_dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$results/postgres-initdb.log" 2>&1 ||
    { log "initdb failed"; cat "$results/postgres-initdb.log" >&2; return 1; }
  as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 60 \
    -o "-p $port -k $pg_dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >&2 || { log "PostgreSQL did not start"; cat "$pg_dir/server.log" >&2; return 1; }
  export CONCORD_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size=20"
  log "PostgreSQL $(basename "$(dirname "$pg_bin")") on 127.0.0.1:$port"
}

stop_postgres() {
  if [ -n "$pg_dir" ] && [ -d "$pg_dir/data" ]; then
    as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$pg_dir"
  fi
}
trap stop_postgres EXIT

count_results() {
  python3 - "$results" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = skipped = 0
for path in glob.glob(sys.argv[1] + "/**/*.trx", recursive=True):
    for result in ET.parse(path).getroot().iterfind(".//t:UnitTestResult", ns):
        outcome = result.get("outcome")
        if outcome == "Passed":
            passed += 1
        elif outcome in ("NotExecuted", "Inconclusive"):
            skipped += 1
        else:
            failed += 1
print(passed, failed, skipped)
PY
}

status=0
install_prerequisites || status=1

log "Restoring"
dotnet tool restore >&2 || status=1
dotnet restore Concord.slnx >&2 || status=1

log "Checking formatting (dotnet format --verify-no-changes)"
if ! dotnet format Concord.slnx --verify-no-changes --no-restore >"$results/format.log" 2>&1; then
  log "Formatting differs: run 'dotnet format Concord.slnx'"
  cat "$results/format.log" >&2
  status=1
fi

log "Building"
dotnet build Concord.slnx --no-restore -c Debug -nologo -v q >"$results/build.log" 2>&1 || { cat "$results/build.log" >&2; status=1; }

start_postgres || status=1

log "Running tests"
dotnet test Concord.slnx --no-build -c Debug --logger "trx" --results-directory "$results" \
  --logger "console;verbosity=normal" >"$results/test-output.log" 2>&1
test_status=$?
grep -E "^\s+(Failed|Passed|Skipped) |error|Error Message|Total tests" "$results/test-output.log" | grep -vE "^\s+Passed " >&2 || true
[ $test_status -eq 0 ] || status=1

read -r passed failed skipped < <(count_results)
if [ "$passed" -eq 0 ]; then status=1; fi
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then log "A step outside the tests failed (see above), so this run fails."; fi
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
