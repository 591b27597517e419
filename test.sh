#!/usr/bin/env bash
# Runs every Concord test: formatting, unit and integration tests on SQLite and PostgreSQL,
# and browser journeys in headless Chromium. Installs what the tests need when it is missing,
# starts a throw-away PostgreSQL server on a free loopback port, and prints as its last line
#   N passed, N failed, N skipped
# counted from the TRX result files. Exits non-zero on any failure.
#
# It builds once, then runs three test processes at the same time (each writes one TRX file):
#   sqlite    tests/Concord.Tests: every [BothDatabases] case on SQLite, and every test that needs no database
#   postgres  tests/Concord.Tests: every [BothDatabases] case on PostgreSQL, and [NeedsDatabase(Db.Postgres)] tests
#   browser   tests/Concord.BrowserTests: the Playwright journeys and the accessibility sweep
# CONCORD_TEST_DATABASES tells [BothDatabases] which database's cases to make; the Database trait filters the rest.
# The sqlite process also writes the OpenAPI document to TestResults/openapi.json (OpenApiTests), which is then linted
# with @redocly/cli (recommended rules); any lint error fails the run.
set -uo pipefail
SECONDS=0
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
  command -v node >/dev/null 2>&1 || missing+=(nodejs)
  command -v npm >/dev/null 2>&1 || missing+=(npm)
  if [ ${#missing[@]} -gt 0 ]; then
    log "Installing ${missing[*]}"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq >&2 || true
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
  fi
}

# The OpenAPI linter, installed once into a cache folder outside the repository (Redocly CLI 2.77.0 runs on Debian's Node 20).
redocly_version=2.77.0
redocly_dir="${XDG_CACHE_HOME:-$HOME/.cache}/concord/redocly-cli-$redocly_version"
redocly="$redocly_dir/node_modules/.bin/redocly"
install_redocly() {
  [ -x "$redocly" ] && return 0
  log "Installing @redocly/cli@$redocly_version into $redocly_dir"
  mkdir -p "$redocly_dir" &&
    npm install --prefix "$redocly_dir" --no-audit --no-fund --loglevel=error "@redocly/cli@$redocly_version" >&2
}

lint_openapi() {
  local document="$results/openapi.json"
  if [ ! -s "$document" ]; then
    log "OpenAPI lint: the tests wrote no $document, so it could not be linted"
    return 1
  fi
  if ! install_redocly; then
    log "OpenAPI lint: could not install @redocly/cli@$redocly_version"
    return 1
  fi
  log "Linting the OpenAPI document (@redocly/cli $redocly_version, recommended rules)"
  if "$redocly" lint "$document" --format=stylish >"$results/openapi-lint.log" 2>&1; then
    grep -E "warning|valid" "$results/openapi-lint.log" | grep -v "Node.js" | tail -n 3 >&2 || true
    return 0
  fi
  cat "$results/openapi-lint.log" >&2
  log "OpenAPI lint FAILED: the document has errors (see $results/openapi-lint.log)"
  return 1
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

# Counts the results in each test process's TRX file (TestResults/<name>/<name>.trx), each file once.
count_results() {
  python3 - "$results" <<'PY'
import glob, os, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = skipped = 0
for path in sorted({os.path.realpath(p) for p in glob.glob(sys.argv[1] + "/*/*.trx")}):
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
build_ok=1
dotnet build Concord.slnx --no-restore -c Debug -nologo -v q >"$results/build.log" 2>&1 || { cat "$results/build.log" >&2; status=1; build_ok=0; }

[ "$build_ok" -eq 0 ] || start_postgres || status=1

# One test process: its TRX goes to TestResults/<name>/<name>.trx, its console output to TestResults/<name>.log.
run_tests() {
  local name=$1 project=$2 filter=$3
  local args=(test "$project" --no-build -c Debug --results-directory "$results/$name"
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=normal")
  [ -z "$filter" ] || args+=(--filter "$filter")
  local started=$SECONDS
  dotnet "${args[@]}" >"$results/$name.log" 2>&1
  echo $? >"$results/$name.rc"
  echo $((SECONDS - started)) >"$results/$name.seconds"
}

jobs_run=(sqlite postgres browser)
if [ "$build_ok" -eq 1 ]; then
  log "Running tests: ${jobs_run[*]}, in parallel"
  CONCORD_TEST_DATABASES=Sqlite CONCORD_OPENAPI_OUTPUT="$results/openapi.json" run_tests sqlite tests/Concord.Tests "Database!=Postgres" &
  CONCORD_TEST_DATABASES=Postgres run_tests postgres tests/Concord.Tests "Database=Both|Database=Postgres" &
  run_tests browser tests/Concord.BrowserTests "" &
  wait
  for name in "${jobs_run[@]}"; do
    rc=$(cat "$results/$name.rc" 2>/dev/null || echo 1)
    log "$name: exit code $rc after $(cat "$results/$name.seconds" 2>/dev/null || echo '?') s"
    grep -E "^\s+(Failed|Skipped) |[Ee]rror|Total tests" "$results/$name.log" | grep -vE "^\s+Passed " | sed "s/^/[$name] /" >&2 || true
    [ "$rc" -eq 0 ] || status=1
    if [ ! -f "$results/$name/$name.trx" ]; then
      log "$name wrote no TRX file (see $results/$name.log)"
      status=1
    fi
  done
  lint_openapi || status=1
else
  log "The build failed, so no tests ran."
fi

read -r passed failed skipped < <(count_results)
if [ "$passed" -eq 0 ]; then status=1; fi
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then log "A step outside the tests failed (see above), so this run fails."; fi
log "Finished in $((SECONDS / 60)) min $((SECONDS % 60)) s"
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
