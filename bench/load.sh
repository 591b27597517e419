#!/usr/bin/env bash
# Concord load benchmark (docs/BENCHMARKS.md, "Pages at PRODUCT.md scale").
#
#   bench/load.sh sqlite|postgres|both [--generate] [--duration 15s] [--connections 50] [--scale 1]
#
# For each database: generates the data at PRODUCT.md scale if it is not there yet (or with --generate), starts the app
# once in Release on 127.0.0.1 on that data, signs in 50 people through the real sign-in form, then measures with wrk,
# one page after another in the same app process: anonymous /health/live (the ceiling), signed-in /health/live, the
# partnership home, its commitments and ledger pages, the lessons library and "my commitments". Before each run one
# request with curl reads the page's status, time and database commands (X-Concord-Queries, from Diagnostics:QueryCount).
# Prints a Markdown table per database and keeps everything (wrk output, app log, tables) in $CONCORD_BENCH_DATA/results-*.
#
# Data: SQLite file $CONCORD_BENCH_DATA/concord.db (default /tmp/concord-bench); PostgreSQL database
# $CONCORD_BENCH_DATABASE (default concord_bench) on the server $CONCORD_BENCH_POSTGRES (default: CONCORD_TEST_POSTGRES),
# e.g. "Host=127.0.0.1;Port=55450;Username=postgres;Database=postgres". Binds to loopback only.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

target=${1:-}
case "$target" in
  sqlite | postgres | both) shift ;;
  *)
    sed -n '2,4p' "$0" >&2
    exit 2
    ;;
esac

generate=0
duration=15s
connections=50
threads=2
scale=1
while [ $# -gt 0 ]; do
  case "$1" in
    --generate) generate=1 ;;
    --duration) duration=$2; shift ;;
    --connections) connections=$2; shift ;;
    --scale) scale=$2; shift ;;
    *) echo "Unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

data_dir=${CONCORD_BENCH_DATA:-/tmp/concord-bench}
sqlite_file=$data_dir/concord.db
pg_server=${CONCORD_BENCH_POSTGRES:-${CONCORD_TEST_POSTGRES:-}}
pg_database=${CONCORD_BENCH_DATABASE:-concord_bench}
port=${CONCORD_BENCH_PORT:-5090}
base=http://127.0.0.1:$port
password=bench-load-password-2026 # NetworkGenerator.Password
out=$data_dir/results-$(date -u +%Y%m%d-%H%M%S)
mkdir -p "$out"

log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

if ! command -v wrk >/dev/null; then
  log "Installing wrk"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get install -y --no-install-recommends wrk >/dev/null || { $sudo apt-get update >/dev/null && $sudo apt-get install -y --no-install-recommends wrk >/dev/null; }
fi

if [ "$target" != sqlite ] && [ -z "$pg_server" ]; then
  echo "Set CONCORD_BENCH_POSTGRES (or CONCORD_TEST_POSTGRES) to a PostgreSQL server connection string." >&2
  exit 2
fi

log "Building in Release"
dotnet build -c Release bench/Concord.Bench/Concord.Bench.csproj -v quiet -nologo >"$out/build.log" 2>&1 || { cat "$out/build.log" >&2; exit 1; }
app_dll=$root/src/Concord.Web/bin/Release/net10.0/Concord.Web.dll
bench_dll=$root/bench/Concord.Bench/bin/Release/net10.0/Concord.Bench.dll

app_pid=""
stop_app() {
  if [ -n "$app_pid" ] && kill -0 "$app_pid" 2>/dev/null; then
    kill "$app_pid" 2>/dev/null || true
    wait "$app_pid" 2>/dev/null || true
  fi
  app_pid=""
}
trap stop_app EXIT

# CPU time (clock ticks) used so far by a process.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }

# After a run, the app may still be working through requests wrk gave up on: wait (up to 90 s) until it is idle.
wait_idle() {
  local before after i
  sleep 1
  for i in $(seq 1 90); do
    before=$(cpu_ticks "$app_pid")
    sleep 1
    after=$(cpu_ticks "$app_pid")
    # Less than a tenth of one core over the last second.
    [ $((after - before)) -lt 10 ] && return 0
  done
  log "  (the app was still busy after 90 s)"
}

# "name=value; name=value" from a curl cookie jar (HttpOnly cookies are written with a #HttpOnly_ prefix).
cookie_header() {
  awk -F'\t' '(/^#HttpOnly_/ || !/^#/) && NF >= 7 { printf "%s%s=%s", sep, $6, $7; sep="; " }' "$1"
}

run_database() {
  local db=$1 provider connection bench_args
  if [ "$db" = sqlite ]; then
    provider=Sqlite
    connection="Data Source=$sqlite_file"
    bench_args=(sqlite --sqlite-file "$sqlite_file")
  else
    provider=Postgres
    connection="$(printf '%s' "$pg_server" | tr ';' '\n' | grep -vi '^ *database *=' | grep -v '^ *$' | paste -sd';');Database=$pg_database"
    bench_args=(postgres --postgres "$pg_server" --database "$pg_database")
  fi

  if [ "$generate" -eq 1 ] || ! dotnet "$bench_dll" people "${bench_args[@]}" >"$out/people-$db.tsv" 2>"$out/people-$db.err" || [ ! -s "$out/people-$db.tsv" ]; then
    log "$db: generating the data (a few minutes)"
    dotnet "$bench_dll" generate "${bench_args[@]}" --scale "$scale" 2>&1 | tee "$out/generate-$db.log" >&2
    dotnet "$bench_dll" people "${bench_args[@]}" >"$out/people-$db.tsv" 2>"$out/people-$db.err"
  else
    log "$db: reusing the data generated earlier ($(cat "$out/people-$db.err"))"
  fi
  dotnet "$bench_dll" sizes "${bench_args[@]}" >"$out/sizes-$db.md" 2>/dev/null || true

  export ASPNETCORE_ENVIRONMENT=Production
  export Database__Provider=$provider
  export ConnectionStrings__Concord=$connection
  export Diagnostics__QueryCount=true
  export Commitments__Digest__Enabled=false
  if [ "$db" = postgres ]; then
    log "$db: migrate"
    (cd src/Concord.Web && dotnet "$app_dll" migrate) >"$out/migrate-$db.log" 2>&1
  fi

  if curl -s -o /dev/null "$base/health/live"; then
    echo "Something already answers on port $port; set CONCORD_BENCH_PORT." >&2
    exit 1
  fi
  log "$db: starting the app on $base"
  (cd src/Concord.Web && exec dotnet "$app_dll" --urls "$base" --RateLimits:sign-in=1000) >"$out/app-$db.log" 2>&1 &
  app_pid=$!
  for i in $(seq 1 120); do
    curl -s -o /dev/null "$base/health/live" && break
    kill -0 "$app_pid" 2>/dev/null || { cat "$out/app-$db.log" >&2; exit 1; }
    sleep 0.5
  done

  log "$db: signing in $(wc -l <"$out/people-$db.tsv") people"
  local targets=$out/targets-$db
  mkdir -p "$targets"
  printf '/health/live\t\n' >"$targets/health-anonymous"
  : >"$targets/health-signed-in"; : >"$targets/home"; : >"$targets/commitments"; : >"$targets/ledger"; : >"$targets/lessons"; : >"$targets/mine"
  local jar email partnerships token status cookie p
  jar=$(mktemp)
  while IFS=$'\t' read -r email partnerships; do
    rm -f "$jar"
    token=$(curl -s -c "$jar" -b "$jar" "$base/account/sign-in" |
      sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -1)
    status=$(curl -s -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" \
      --data-urlencode "Input.Email=$email" --data-urlencode "Input.Password=$password" \
      --data-urlencode "__RequestVerificationToken=$token" "$base/account/sign-in")
    cookie=$(cookie_header "$jar")
    if [ "$status" != 302 ] || [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$base/commitments")" != 200 ]; then
      echo "Signing in $email failed (status $status)." >&2
      exit 1
    fi
    printf '/health/live\t%s\n' "$cookie" >>"$targets/health-signed-in"
    printf '/lessons\t%s\n' "$cookie" >>"$targets/lessons"
    printf '/commitments\t%s\n' "$cookie" >>"$targets/mine"
    for p in ${partnerships//,/ }; do
      printf '/partnerships/%s\t%s\n' "$p" "$cookie" >>"$targets/home"
      printf '/partnerships/%s/commitments\t%s\n' "$p" "$cookie" >>"$targets/commitments"
      printf '/partnerships/%s/ledger\t%s\n' "$p" "$cookie" >>"$targets/ledger"
    done
  done <"$out/people-$db.tsv"
  rm -f "$jar"

  local table=$out/results-$db.md ceiling="" page name path first_cookie line load_before
  : >"$out/notes-$db.md"
  load_before=$(cut -d' ' -f1-3 /proc/loadavg)
  {
    echo "| page | req/s | p50 (ms) | p95 (ms) | p99 (ms) | queries/request | ratio to ceiling | one request alone (ms) | page size (KB) | errors |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|"
  } >"$table"
  for page in health-anonymous health-signed-in home commitments ledger lessons mine; do
    case $page in
      health-anonymous) name="\`/health/live\` anonymous (ceiling)" ;;
      health-signed-in) name="\`/health/live\` signed in" ;;
      home) name="partnership home \`/partnerships/{id}\`" ;;
      commitments) name="commitments \`/partnerships/{id}/commitments\`" ;;
      ledger) name="ledger \`/partnerships/{id}/ledger\`" ;;
      lessons) name="lessons library \`/lessons\`" ;;
      mine) name="my commitments \`/commitments\`" ;;
    esac
    IFS=$'\t' read -r path first_cookie <"$targets/$page"
    wait_idle
    # One request first (the page's status and database commands), then a short warm-up, then one request alone
    # (its time and size), then the measured run.
    local probe code seconds bytes queries cookie_args=()
    [ -n "$first_cookie" ] && cookie_args=(-H "Cookie: $first_cookie")
    code=$(curl -s -o /dev/null -D "$out/headers-$db-$page.txt" -w '%{http_code}' --max-time 120 "${cookie_args[@]}" "$base$path")
    queries=$(tr -d '\r' <"$out/headers-$db-$page.txt" | awk -F': ' 'tolower($1) == "x-concord-queries" { print $2 }')
    if [ "$code" != 200 ]; then
      echo "$base$path answered $code, not 200." >&2
      exit 1
    fi
    CONCORD_WRK_TARGETS=$targets/$page wrk -t1 -c2 -d3s --timeout 10s -s bench/load.lua "$base" >/dev/null 2>&1 || true
    wait_idle
    probe=$(curl -s -o /dev/null -w '%{time_total} %{size_download}' --max-time 120 "${cookie_args[@]}" "$base$path")
    seconds=${probe% *}
    bytes=${probe#* }
    log "$db: $page ($(wc -l <"$targets/$page") distinct requests; one alone: ${seconds} s, $bytes bytes, ${queries:-?} queries)"
    wait_idle
    CONCORD_WRK_TARGETS=$targets/$page wrk -t"$threads" -c"$connections" -d"$duration" --timeout 10s --latency -s bench/load.lua "$base" \
      >"$out/wrk-$db-$page.txt" 2>&1
    line=$(grep '^RESULT' "$out/wrk-$db-$page.txt")
    local requests rps p50 p75 p90 p95 p99 max connect read write status timeout
    eval "$(printf '%s' "${line#RESULT }" | tr ' ' '\n' | grep -E '^[a-z0-9]+=[0-9.]+$')"
    [ -z "$ceiling" ] && ceiling=$rps
    local errors="none"
    if [ "$timeout" -gt 0 ] || [ "$status" -gt 0 ] || [ "$read" -gt 0 ] || [ "$connect" -gt 0 ]; then
      errors="timeouts (>10 s) $timeout, non-2xx/3xx $status, read $read, connect $connect"
    fi
    if [ "$requests" -eq 0 ]; then
      printf '| %s | 0 (no request finished) | – | – | – | %s | 0 | %.0f | %.0f | %s |\n' "$name" "${queries:-?}" \
        "$(awk "BEGIN { print $seconds * 1000 }")" "$(awk "BEGIN { print $bytes / 1024 }")" "$errors" >>"$table"
    else
      printf '| %s | %s | %s | %s | %s | %s | %s | %.0f | %.0f | %s |\n' "$name" "$rps" "$p50" "$p95" "$p99" "${queries:-?}" \
        "$(awk "BEGIN { printf \"%.2f\", $rps / $ceiling }")" "$(awk "BEGIN { print $seconds * 1000 }")" "$(awk "BEGIN { print $bytes / 1024 }")" \
        "$errors" >>"$table"
    fi
    log "$db: $page: $rps req/s, p50 $p50 ms, p95 $p95 ms, p99 $p99 ms, $errors"
    if [ "$requests" -lt "$connections" ] || [ "$timeout" -gt 0 ]; then
      # Requests timed out, or not even one per connection finished: measure the page again under light load, so the
      # results say how slow it is.
      wait_idle
      CONCORD_WRK_TARGETS=$targets/$page wrk -t1 -c2 -d30s --timeout 30s --latency -s bench/load.lua "$base" >"$out/wrk-$db-$page-light.txt" 2>&1
      local finished=$requests
      line=$(grep '^RESULT' "$out/wrk-$db-$page-light.txt")
      eval "$(printf '%s' "${line#RESULT }" | tr ' ' '\n' | grep -E '^[a-z0-9]+=[0-9.]+$')"
      echo "- $name: with $connections connections $finished requests finished in $duration; under light load (wrk -t1 -c2 -d30s --timeout 30s): $rps req/s, p50 $p50 ms, p95 $p95 ms, p99 $p99 ms, $timeout timeouts." >>"$out/notes-$db.md"
      log "$db: $page under light load: $rps req/s, p50 $p50 ms, p95 $p95 ms"
    fi
  done
  stop_app

  {
    echo
    echo "### $db ($(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src || echo ' + uncommitted changes in src'), $(nproc) cores, load average $load_before before the runs and $(cut -d' ' -f1-3 /proc/loadavg) after)"
    echo
    echo "wrk -t$threads -c$connections -d$duration --timeout 10s; partnership pages rotate over $(wc -l <"$targets/home") (person, partnership) pairs: $(cat "$out/people-$db.err")."
    echo
    cat "$table"
    if [ -s "$out/notes-$db.md" ]; then
      echo
      cat "$out/notes-$db.md"
    fi
  } | tee -a "$out/summary.md"
}

case "$target" in
  sqlite) run_database sqlite ;;
  postgres) run_database postgres ;;
  both) run_database sqlite; run_database postgres ;;
esac
log "Everything is in $out"
