#!/usr/bin/env bash
# The read benchmark of issue 20, in one run on this machine (docs/performance.md, "Reads against a bare Kestrel app"):
# builds the host and a bare Kestrel app in Release, starts a private PostgreSQL and Redis in a temporary folder,
# seeds a region, starts the host (Production, --demo for the demo clients, limits high), warms everything up, then
# runs wrk (Debian's package) against the bare app and every scenario, measures cold starts with and without
# ReadyToRun, repeats the cached reads on the embedded default, and prints a Markdown table with the ratios. With
# --write-docs it replaces the generated part of docs/performance.md. Nothing is left running. BENCH_HOST_ENV adds
# settings to the host's environment for an experiment (e.g. BENCH_HOST_ENV="DOTNET_gcServer=0").
#
#   infra/benchmark.sh [--units 100000] [--duration 15] [--warmup 30] [--connections 200] [--threads 2]
#                      [--no-embedded] [--no-cold] [--write-docs] [--keep (the temporary folder, for its logs)]
#                      [--trace (where each request's CPU time goes: dotnet-trace samples, infra/bench/breakdown.py)]
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

units=100000 duration=15 warmup=30 connections=200 threads=2 embedded=1 cold=1 write_docs=0 keep=0 trace=0
while [ $# -gt 0 ]; do
  case "$1" in
    --units) units=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --no-embedded) embedded=0; shift ;;
    --no-cold) cold=0; shift ;;
    --write-docs) write_docs=1; shift ;;
    --keep) keep=1; shift ;;
    --trace) trace=1; shift ;;
    *) echo "unknown option: $1 (see the head of $0)" >&2; exit 2 ;;
  esac
done

say() { printf '%s  %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

# --- what the benchmark needs from Debian ---------------------------------------------------------------------------
missing=()
command -v wrk >/dev/null 2>&1 || missing+=(wrk)
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql postgresql-contrib)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
for tool in curl jq python3; do command -v "$tool" >/dev/null 2>&1 || missing+=("$tool"); done
if [ ${#missing[@]} -gt 0 ]; then
  say "installing ${missing[*]} …"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)

work=$(mktemp -d /tmp/onewindow-bench.XXXXXX)
chmod 755 "$work"
pids=()
pg_started=0
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [ "$pg_started" = 1 ]; then as_postgres "$pgbin/pg_ctl" -D "$work/pg" -m immediate -w stop >/dev/null 2>&1 || true; fi
  [ -n "${redis_port:-}" ] && redis-cli -p "$redis_port" shutdown nosave >/dev/null 2>&1 || true
  if [ "$keep" = 1 ]; then echo "kept $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 40000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }
load_before=$(cut -d" " -f1-3 /proc/loadavg)

# --- build -----------------------------------------------------------------------------------------------------------
say "building the host and the bare app (Release) …"
dotnet build api/OneWindow.Api -c Release -nologo -v q -clp:ErrorsOnly >&2
dotnet build infra/bench/BareKestrel -c Release -nologo -v q -clp:ErrorsOnly >&2
host_dll="$repo/api/OneWindow.Api/bin/Release/net10.0/OneWindow.Api.dll"
bare_dll="$repo/infra/bench/BareKestrel/bin/Release/net10.0/BareKestrel.dll"

# --- private PostgreSQL and Redis -----------------------------------------------------------------------------------
pg_port=$(free_port)
mkdir -p "$work/pg"
[ "$(id -u)" -eq 0 ] && chown postgres:postgres "$work/pg"
as_postgres "$pgbin/initdb" -D "$work/pg" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
as_postgres "$pgbin/pg_ctl" -D "$work/pg" -l "$work/pg/server.log" -w -t 60 start \
  -o "-p $pg_port -k $work/pg -c listen_addresses=127.0.0.1 -c shared_buffers=1GB -c max_wal_size=4GB -c max_connections=300" >/dev/null
pg_started=1
"$pgbin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -qc "create database onewindow" >/dev/null
registry="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=onewindow"
redis_port=$(free_port)
redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes --dir "$work" --logfile "$work/redis.log"
say "PostgreSQL on $pg_port, Redis on $redis_port"

# --- seed -----------------------------------------------------------------------------------------------------------
say "seeding $units units …"
seed_start=$(now)
dotnet "$host_dll" seed --units "$units" --connection "$registry" > "$work/seed.log"
seed_seconds=$(since "$seed_start")
say "seeded in ${seed_seconds%.*} s: $(tail -1 "$work/seed.log")"

# --- the host --------------------------------------------------------------------------------------------------------
host_port=$(free_port)
base="http://127.0.0.1:$host_port"
host_pid=""
# start_host LABEL DLL [VAR=VALUE …]: starts the host in Production with the demo clients (--demo) and limits set so
# high that nothing is refused (they are still counted); sets ready_seconds (process start → /health/ready answers 200).
start_host() {
  local label=$1 dll=$2
  shift 2
  local started
  started=$(now)
  env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="$base" Auth__AllowInsecureHttp=true Registry__SeedDemoRegion=true Certificates__BackfillBatchSize=0 \
    Logging__LogLevel__Default=Warning Limits__PerClient__PermitLimit=1000000000 Limits__PerClient__QueryBudget=100000000000000 \
    ${BENCH_HOST_ENV:-} "$@" dotnet "$dll" --demo > "$work/host-$label.log" 2>&1 &
  host_pid=$!
  target_pid=$host_pid
  pids+=("$host_pid")
  until curl -fs -o /dev/null "$base/health/ready"; do
    kill -0 "$host_pid" 2>/dev/null || { cat "$work/host-$label.log" >&2; echo "the host ($label) stopped" >&2; exit 1; }
    sleep 0.05
  done
  ready_seconds=$(since "$started")
}
stop_host() {
  kill "$host_pid" 2>/dev/null || true
  wait "$host_pid" 2>/dev/null || true
}
token() {
  curl -fsS "$base/connect/token" -d grant_type=client_credentials -d client_id=demo-bank -d client_secret=demo-secret \
    -d scope="properties:read restrictions:read" | jq -r .access_token
}

# --- wrk -------------------------------------------------------------------------------------------------------------
results="$work/results.tsv"
: > "$results"
# run LABEL SECONDS URL METHOD REQUESTS_FILE [POST_PATH] [ONCE]: one wrk run; appends "label rps p50 p99 errors non2xx
# server-CPU RSS db-CPU" (db-CPU: db_cpu_per_request).
run() {
  local label=$1 seconds=$2 url=$3 method=$4 requests=$5 post_path=${6:-/} once=${7:-0}
  local line cpu_before cpu_after db_before db_after
  cpu_before=$(cpu_ticks "$target_pid")
  db_before=$(db_cpu_ticks)
  line=$(BENCH_METHOD=$method BENCH_REQUESTS=$requests BENCH_PATH=$post_path BENCH_TOKEN=${bench_token:-} BENCH_ONCE=$once \
    BENCH_THREADS=$threads wrk -t"$threads" -c"$connections" -d"${seconds}s" --timeout 10s -s "$repo/infra/bench/wrk.lua" "$url" \
    | grep '^RESULT')
  cpu_after=$(cpu_ticks "$target_pid")
  db_after=$(db_cpu_ticks)
  local rss
  rss=$(awk '/^VmRSS/ { printf "%d", $2 / 1024 }' "/proc/$target_pid/status")
  local rps p50 p99 errors non2xx requests cpu
  rps=$(sed -E 's/.* rps=([0-9.]+).*/\1/' <<<"$line")
  p50=$(sed -E 's/.* p50_ms=([0-9.]+).*/\1/' <<<"$line")
  p99=$(sed -E 's/.* p99_ms=([0-9.]+).*/\1/' <<<"$line")
  errors=$(sed -E 's/.* errors=([0-9]+).*/\1/' <<<"$line")
  non2xx=$(sed -E 's/.* non2xx=([0-9]+).*/\1/' <<<"$line")
  requests=$(sed -E 's/.*RESULT requests=([0-9]+).*/\1/' <<<"$line")
  # CPU time the server process spent per request, in µs: less disturbed by other load on the machine than req/s.
  cpu=$(awk -v a="$cpu_before" -v b="$cpu_after" -v n="$requests" -v hz="$(getconf CLK_TCK)" 'BEGIN { if (n > 0) printf "%.0f", (b - a) / hz * 1e6 / n; else print 0 }')
  local db
  db=$(db_cpu_per_request "$db_before" "$db_after" "$requests")
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$label" "$rps" "$p50" "$p99" "$errors" "$non2xx" "$cpu" "$rss" "$db" >> "$results"
  say "$(printf '%-36s %9.0f req/s  p50 %7.2f ms  p99 %7.2f ms  %6s µs CPU/req  %5s µs db CPU/req  %5s MB  errors %s  non-2xx %s' "$label" "$rps" "$p50" "$p99" "$cpu" "$db" "$rss" "$errors" "$non2xx")"
}
# cpu_ticks PID: user + system CPU time of a process so far, in clock ticks.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
# db_cpu_ticks: CPU time of the private PostgreSQL so far, in clock ticks: the postmaster's own and that of its children
# that have ended (cutime, cstime), plus every live child's (backends, writers). Empty when PostgreSQL is not running.
db_cpu_ticks() {
  local postmaster
  postmaster=$(head -1 "$work/pg/postmaster.pid" 2>/dev/null) || return 0
  [ -r "/proc/$postmaster/stat" ] || return 0
  # The command name (field 2) may hold spaces: the fields are counted after its closing parenthesis. cat, not awk,
  # reads the files: a process may end between the glob and the read.
  { cat /proc/[0-9]*/stat 2>/dev/null || true; } | awk -v pm="$postmaster" '{
      pid = $1; line = $0; sub(/^[0-9]+ \(.*\) /, "", line); split(line, f, " ")
      if (pid == pm) total += f[12] + f[13] + f[14] + f[15]; else if (f[2] == pm) total += f[12] + f[13] }
    END { printf "%d", total }'
}
# db_cpu_per_request BEFORE AFTER REQUESTS: PostgreSQL's CPU time per request in µs ("—" without PostgreSQL).
db_cpu_per_request() {
  awk -v a="$1" -v b="$2" -v n="$3" -v hz="$(getconf CLK_TCK)" \
    'BEGIN { if (a == "" || b == "" || n <= 0) print "—"; else printf "%.0f", (b - a) / hz * 1e6 / n }'
}
figure() { awk -F'\t' -v l="$1" -v c="$2" '$1 == l { print $c }' "$results"; }

# write_requests PREFIX CODES_FILE: the request files of the scenarios for these unit codes.
graphql_query='query($c:String!){property(unitCode:$c){unitCode location area use rights{kind certificateNumber holders{name}} restrictions{kind inForce}}}'
write_requests() {
  local prefix=$1 codes=$2
  sed 's|^|/api/v1/properties/|' "$codes" > "$work/$prefix-rest.txt"
  sed 's|^|/api/v1/properties/|; s|$|/restrictions|' "$codes" > "$work/$prefix-verdict.txt"
  jq -Rc --arg q "$graphql_query" '{query: $q, variables: {c: .}}' "$codes" > "$work/$prefix-graphql.txt"
}
echo "/health/live" > "$work/health.txt"
echo "/swagger/v1/swagger.json" > "$work/swagger.txt"
jq -nc '{query: "query IntrospectionQuery { __schema { queryType { name } mutationType { name } types { kind name description fields(includeDeprecated: true) { name args { name type { kind name ofType { kind name } } } type { kind name ofType { kind name ofType { kind name } } } isDeprecated } inputFields { name type { kind name ofType { kind name } } } enumValues(includeDeprecated: true) { name } } directives { name locations args { name } } } }"}' > "$work/introspection.txt"

# bare_bodies DIR: what the host answers to one request of each kind, for the bare app to serve byte for byte.
bare_bodies() {
  local dir=$1 code
  code=$(head -1 "$work/cached.txt")
  mkdir -p "$dir"
  curl -fsS -H "Authorization: Bearer $bench_token" "$base/api/v1/properties/$code" -o "$dir/property"
  curl -fsS -H "Authorization: Bearer $bench_token" "$base/api/v1/properties/$code/restrictions" -o "$dir/verdict"
  curl -fsS -H "Authorization: Bearer $bench_token" -H "Content-Type: application/json" -d "$(head -1 "$work/cached-graphql.txt")" "$base/graphql" -o "$dir/graphql"
  curl -fsS "$base/health/live" -o "$dir/health"
  curl -fsS "$base/swagger/v1/swagger.json" -o "$dir/swagger"
}
# start_bare DIR: the bare app on its own port serving DIR's files at /<name>.
start_bare() {
  bare_port=$(free_port)
  dotnet "$bare_dll" "http://127.0.0.1:$bare_port" "$1" application/json > "$work/bare.log" 2>&1 &
  bare_pid=$!
  pids+=("$bare_pid")
  until curl -fs -o /dev/null "http://127.0.0.1:$bare_port/health"; do sleep 0.05; done
  for name in property verdict graphql health swagger; do echo "/$name"; done > "$work/bare-all.txt"
}

# uncached_graphql: GraphQL property reads of codes no request has read, from the far end of the measured pool (the
# REST run reads it from the front; each code is read once).
uncached_graphql() {
  tac "$work/uncached.txt" > "$work/uncached-tail.txt"
  write_requests uncached-tail "$work/uncached-tail.txt"
  run "pg: GraphQL property (uncached)" "$duration" "$base" POST "$work/uncached-tail-graphql.txt" /graphql 1
}
# uncached_targets: issue 20's targets for uncached reads, as rows of the targets table.
uncached_targets() {
  local label db r
  for label in 'pg: REST property (uncached)' 'pg: GraphQL property (uncached)'; do
    db=$(figure "$label" 9)
    [ -n "$db" ] && [ "$db" != "—" ] && echo "| db CPU ≤ 300 µs per request, $label | $db µs | $(verdict "$db" 301 '<') |"
  done
  # Issue 20's "today": about 950 uncached REST reads a second on this machine (docs/performance.md, property query).
  r=$(ratio "$(figure 'pg: REST property (uncached)' 2)" 950)
  echo "| uncached REST ≥ 3× issue 20's 950 req/s | ${r}× | $(verdict "$r" 3 '>=') |"
}

memory() { awk '/^VmRSS|^VmHWM/ { printf "%s %d MB  ", $1, $2 / 1024 }' "/proc/$1/status"; }

# === PostgreSQL + Redis ==============================================================================================
"$pgbin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d onewindow -At \
  -c "select unit_code from units order by random() limit $((50 + duration * 12000))" > "$work/codes.txt"
# 50 hot codes for the cached reads; the rest in two disjoint pools, each code read once: measured and traced.
awk -v w="$work" 'NR <= 50 { print > (w "/cached.txt"); next } NR % 2 { print > (w "/uncached.txt"); next } { print > (w "/uncached2.txt") }' "$work/codes.txt"
write_requests cached "$work/cached.txt"
write_requests uncached "$work/uncached.txt"
write_requests uncached2 "$work/uncached2.txt"

say "starting the host on PostgreSQL + Redis …"
start_host pg "$host_dll" ConnectionStrings__Registry="$registry" ConnectionStrings__Redis="127.0.0.1:$redis_port"
first_ready=$ready_seconds
bench_token=$(token)
bare_bodies "$work/bodies"
start_bare "$work/bodies"

say "warming up for $warmup s (JIT tiering) …"
bare_token=$bench_token
bench_token="" target_pid=$bare_pid run "warm-up bare" "$((warmup / 3 + 1))" "http://127.0.0.1:$bare_port" GET "$work/bare-all.txt"
for scenario in rest verdict graphql; do
  if [ "$scenario" = graphql ]; then
    run "warm-up $scenario" "$((warmup / 3 + 1))" "$base" POST "$work/cached-graphql.txt" /graphql
  else
    run "warm-up $scenario" "$((warmup / 3 + 1))" "$base" GET "$work/cached-$scenario.txt"
  fi
done
run "warm-up other" 5 "$base" GET "$work/health.txt"
bench_token=$bare_token

say "measuring, $duration s each, $connections connections …"
bare="http://127.0.0.1:$bare_port"
for name in property verdict graphql health swagger; do
  echo "/$name" > "$work/bare-$name.txt"
  bench_token="" target_pid=$bare_pid run "bare: $name bytes" "$duration" "$bare" GET "$work/bare-$name.txt"
done
bench_token="" run "host: /health/live" "$duration" "$base" GET "$work/health.txt"
run "pg: REST property (cached)" "$duration" "$base" GET "$work/cached-rest.txt"
run "pg: restriction verdict (cached)" "$duration" "$base" GET "$work/cached-verdict.txt"
run "pg: GraphQL property (cached)" "$duration" "$base" POST "$work/cached-graphql.txt" /graphql
bench_token="" run "host: OpenAPI document" "$duration" "$base" GET "$work/swagger.txt"
run "host: GraphQL introspection" "$duration" "$base" POST "$work/introspection.txt" /graphql
run "pg: REST property (uncached)" "$duration" "$base" GET "$work/uncached-rest.txt" / 1
uncached_graphql
if [ "$trace" = 1 ]; then
  # traced LABEL ARGS…: the scenario again under dotnet-trace's thread-time sampling, then the breakdown by part.
  breakdowns="$work/breakdowns.md"
  traced() {
    local label=$1 file
    file="$work/trace-$(tr 'A-Z' 'a-z' <<<"$label" | tr -c 'a-z0-9' '-' | tr -s '-')"
    dotnet dotnet-trace collect -p "$host_pid" --profile dotnet-sampled-thread-time --duration "00:00:00:$(printf '%02d' "$duration")" \
      -o "$file.nettrace" > "$work/trace.log" 2>&1 &
    local tracer=$!
    sleep 2
    run "traced $label" "$duration" "${@:2}"
    wait "$tracer" || true
    dotnet dotnet-trace convert "$file.nettrace" --format Speedscope -o "$file" > /dev/null
    python3 "$repo/infra/bench/breakdown.py" "$file.speedscope.json" "$(figure "traced $label" 7)" "$label" >> "$breakdowns"
  }
  bench_token_saved=$bench_token
  bench_token="" traced "/health/live" "$base" GET "$work/health.txt"
  traced "REST property (cached)" "$base" GET "$work/cached-rest.txt"
  traced "GraphQL property (cached)" "$base" POST "$work/cached-graphql.txt" /graphql
  traced "REST property (uncached)" "$base" GET "$work/uncached2-rest.txt" / 1
  cat "$breakdowns"
fi
pg_memory=$(memory "$host_pid")
say "host memory after the PostgreSQL runs: $pg_memory"
stop_host

# === cold start ======================================================================================================
cold_rows=()
if [ "$cold" = 1 ]; then
  # cold LABEL DLL: a fresh process; ready time, then the first 5 s of cached REST reads right after readiness.
  cold() {
    local label=$1 dll=$2
    start_host "cold-$label" "$dll" ConnectionStrings__Registry="$registry" ConnectionStrings__Redis="127.0.0.1:$redis_port" "${@:3}"
    bench_token=$(token)
    run "cold $label: first 5 s" 5 "$base" GET "$work/cached-rest.txt"
    cold_rows+=("$label	$ready_seconds")
    stop_host
  }
  cold jit "$host_dll"
  say "publishing the host with ReadyToRun …"
  dotnet publish api/OneWindow.Api -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
    -nologo -v q -clp:ErrorsOnly -o "$work/r2r" >/dev/null
  cold r2r "$work/r2r/OneWindow.Api.dll"
fi

# === embedded default ================================================================================================
if [ "$embedded" = 1 ]; then
  say "starting the host on the embedded default (SQLite, in-process cache) …"
  start_host embedded "$host_dll" Registry__EmbeddedDatabasePath="$work/embedded.db"
  bench_token=$(token)
  curl -fsS -H "Authorization: Bearer $bench_token" "$base/api/v1/properties?location=%E7%AB%AF%E5%B7%9E&limit=50" \
    | jq -r '.items[].unitCode' > "$work/embedded-codes.txt"
  write_requests embedded "$work/embedded-codes.txt"
  run "warm-up embedded rest" "$((warmup / 2 + 1))" "$base" GET "$work/embedded-rest.txt"
  run "warm-up embedded graphql" "$((warmup / 2 + 1))" "$base" POST "$work/embedded-graphql.txt" /graphql
  run "embedded: REST property (cached)" "$duration" "$base" GET "$work/embedded-rest.txt"
  run "embedded: GraphQL property (cached)" "$duration" "$base" POST "$work/embedded-graphql.txt" /graphql
  embedded_memory=$(memory "$host_pid")
  stop_host
fi

# === the report ======================================================================================================
report="$work/report.md"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else printf "—" }'; }
verdict() { awk -v v="$1" -v t="$2" -v op="$3" 'BEGIN { ok = (op == ">=") ? (v >= t) : (v < t); print ok ? "PASS" : "FAIL" }'; }
{
  echo "Measured $(date -u '+%Y-%m-%d %H:%M UTC') by \`infra/benchmark.sh --units $units --duration $duration --warmup $warmup --connections $connections --threads $threads\`:"
  echo "wrk $(wrk -v 2>&1 | head -1 | awk '{print $2}') with $threads threads and $connections connections, $duration s per scenario after a $warmup s warm-up;"
  echo "$(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), load average before the run: $load_before;"
  echo "$units units seeded in ${seed_seconds%.*} s; the host in Release, Production, \`--demo\`, limits set high (still counted)."
  echo
  echo "| scenario | req/s | p50 ms | p99 ms | server CPU µs/request | db CPU µs/request | server RSS after, MB | errors | non-2xx |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
  grep -v '^warm-up' "$results" | awk -F'\t' '{ printf "| %s | %.0f | %.2f | %.2f | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $7, $9, $8, $5, $6 }'
  echo
  echo "| target | measured | result |"
  echo "|---|---:|---|"
  r=$(ratio "$(figure 'pg: REST property (cached)' 2)" "$(figure 'bare: property bytes' 2)")
  echo "| cached REST ≥ 0.5× bare (PostgreSQL + Redis) | ${r}× | $(verdict "$r" 0.5 '>=') |"
  r=$(ratio "$(figure 'pg: GraphQL property (cached)' 2)" "$(figure 'pg: REST property (cached)' 2)")
  echo "| cached GraphQL ≥ 0.85× cached REST (PostgreSQL + Redis) | ${r}× | $(verdict "$r" 0.85 '>=') |"
  r=$(ratio "$(figure 'host: /health/live' 2)" "$(figure 'bare: health bytes' 2)")
  echo "| /health/live ≥ 0.8× bare | ${r}× | $(verdict "$r" 0.8 '>=') |"
  r=$(ratio "$(figure 'host: OpenAPI document' 2)" "$(figure 'bare: swagger bytes' 2)")
  echo "| OpenAPI document ≥ 0.8× bare | ${r}× | $(verdict "$r" 0.8 '>=') |"
  for label in 'pg: REST property (cached)' 'pg: restriction verdict (cached)' 'pg: GraphQL property (cached)' \
    'embedded: REST property (cached)' 'embedded: GraphQL property (cached)'; do
    p99=$(figure "$label" 4)
    [ -n "$p99" ] && echo "| p99 < 50 ms, $label | $p99 ms | $(verdict "$p99" 50 '<') |"
  done
  if [ "$embedded" = 1 ]; then
    r=$(ratio "$(figure 'embedded: REST property (cached)' 2)" "$(figure 'bare: property bytes' 2)")
    echo "| cached REST ≥ 0.5× bare (embedded) | ${r}× | $(verdict "$r" 0.5 '>=') |"
    r=$(ratio "$(figure 'embedded: GraphQL property (cached)' 2)" "$(figure 'embedded: REST property (cached)' 2)")
    echo "| cached GraphQL ≥ 0.85× cached REST (embedded) | ${r}× | $(verdict "$r" 0.85 '>=') |"
  fi
  uncached_targets
  rss=$(sed -E 's/.*VmHWM: ([0-9]+) MB.*/\1/' <<<"$pg_memory")
  echo "| host peak working set < 400 MB (PostgreSQL + Redis runs) | $rss MB | $(verdict "$rss" 400 '<') |"
  for row in "${cold_rows[@]}"; do
    label=${row%%	*}
    ready=${row#*	}
    r=$(ratio "$(figure "cold $label: first 5 s" 2)" "$(figure 'pg: REST property (cached)' 2)")
    echo "| cold start ($label): ready in $(printf '%.2f' "$ready") s; first 5 s ≥ 0.8× warm | ${r}× | $(verdict "$r" 0.8 '>=') |"
  done
  echo
  echo "Host memory after the PostgreSQL + Redis runs: $pg_memory${embedded_memory:+; after the embedded runs: $embedded_memory}."
  if [ "$trace" = 1 ]; then
    echo
    echo "The traced runs (a second run of the scenario under dotnet-trace's thread-time sampling, which slows it down):"
    echo
    cat "$breakdowns"
  fi
} > "$report"
cat "$report"
if [ "$write_docs" = 1 ]; then
  awk -v report="$report" '
    /<!-- benchmark:begin -->/ { print; while ((getline line < report) > 0) print line; skipping = 1; next }
    /<!-- benchmark:end -->/ { skipping = 0 }
    !skipping { print }' docs/performance.md > "$work/performance.md"
  cp "$work/performance.md" docs/performance.md
  say "docs/performance.md updated"
fi
