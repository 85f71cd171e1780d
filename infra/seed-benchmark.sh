#!/usr/bin/env bash
# The seeding benchmark of issue 20 (docs/performance.md, "Seeding 1 million units"): builds the host in Release,
# starts a private PostgreSQL (fsync on, shared_buffers=1GB, max_wal_size=4GB, C.UTF-8) in a temporary folder, runs
# `seed --units N` into a fresh database, and prints the seed's own phase breakdown, its wall time, the CPU time of the
# seed process and of PostgreSQL (every server process, from /proc), and the load average before and after. On these
# shared machines the wall time moves with other load; the CPU times much less. With --reads it then starts the host
# on the seeded database (Production, --demo, in-process cache) and runs wrk (Debian's package) for 10 s each with 10
# connections: a cached REST property read (50 units over and over) and an uncached one (each unit once), so the
# latency of a small and a large region can be compared. With --fingerprint it prints an MD5 of every seeded table's
# rows (each row's text, in id order), so two builds can be shown to seed the same region. Nothing is left running.
#
#   infra/seed-benchmark.sh [--units 1000000] [--reads] [--fingerprint] [--no-build] [--keep (the temporary folder, for the logs)]
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

units=1000000 build=1 keep=0 reads=0 fingerprint=0
while [ $# -gt 0 ]; do
  case "$1" in
    --units) units=$2; shift 2 ;;
    --no-build) build=0; shift ;;
    --reads) reads=1; shift ;;
    --fingerprint) fingerprint=1; shift ;;
    --keep) keep=1; shift ;;
    *) echo "unknown option: $1 (see the head of $0)" >&2; exit 2 ;;
  esac
done

say() { printf '%s  %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

missing=()
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql postgresql-contrib)
[ -x /usr/bin/time ] || missing+=(time)
if [ "$reads" = 1 ]; then
  for tool in wrk curl jq; do command -v "$tool" >/dev/null 2>&1 || missing+=("$tool"); done
fi
if [ ${#missing[@]} -gt 0 ]; then
  say "installing ${missing[*]} …"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)

work=$(mktemp -d /tmp/onewindow-seed.XXXXXX)
chmod 755 "$work"
pg_started=0
host_pid=""
as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() {
  if [ -n "$host_pid" ]; then kill "$host_pid" 2>/dev/null || true; wait "$host_pid" 2>/dev/null || true; fi
  if [ "$pg_started" = 1 ]; then as_postgres "$pgbin/pg_ctl" -D "$work/pg" -m immediate -w stop >/dev/null 2>&1 || true; fi
  if [ "$keep" = 1 ]; then echo "kept $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 40000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}
# CPU seconds (user + system) of the postmaster, its live children and the children it has reaped (backends and
# parallel workers that exited).
postgres_ticks() {
  local postmaster ticks=0 pid fields
  postmaster=$(head -1 "$work/pg/postmaster.pid")
  for pid in "$postmaster" $(pgrep -P "$postmaster"); do
    read -ra fields < <(cut -d')' -f2 "/proc/$pid/stat" 2>/dev/null) || continue
    ticks=$((ticks + fields[11] + fields[12]))
    [ "$pid" = "$postmaster" ] && ticks=$((ticks + fields[13] + fields[14]))
  done
  echo "$ticks"
}

if [ "$build" = 1 ]; then
  say "building the host (Release) …"
  dotnet build api/OneWindow.Api -c Release -nologo -v q -clp:ErrorsOnly >&2
fi
host_dll="$repo/api/OneWindow.Api/bin/Release/net10.0/OneWindow.Api.dll"

pg_port=$(free_port)
mkdir -p "$work/pg"
[ "$(id -u)" -eq 0 ] && chown postgres:postgres "$work/pg"
as_postgres "$pgbin/initdb" -D "$work/pg" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
as_postgres "$pgbin/pg_ctl" -D "$work/pg" -l "$work/pg/server.log" -w -t 60 start \
  -o "-p $pg_port -k $work/pg -c listen_addresses=127.0.0.1 -c shared_buffers=1GB -c max_wal_size=4GB -c log_min_duration_statement=200" >/dev/null
pg_started=1
"$pgbin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -qc "create database scale" >/dev/null
say "PostgreSQL $("$pgbin/postgres" --version | awk '{print $3}') on $pg_port; seeding $units units …"

load_before=$(cut -d" " -f1-3 /proc/loadavg)
children_before=$(pgrep -c -P "$(head -1 "$work/pg/postmaster.pid")")
ticks_before=$(postgres_ticks)
/usr/bin/time -f "%e %U %S %M" -o "$work/time" \
  dotnet "$host_dll" seed --units "$units" --connection "Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=scale" > "$work/seed.log"
# The seed's backend exits after the seed: until the postmaster has reaped it, its CPU is in neither the live children
# nor the postmaster's reaped total (a read in between lost the whole load's CPU). Wait for the children of before.
for _ in $(seq 100); do
  [ "$(pgrep -c -P "$(head -1 "$work/pg/postmaster.pid")")" -le "$children_before" ] && break
  sleep 0.1
done
ticks_after=$(postgres_ticks)
read -r wall user system peak < "$work/time"
hz=$(getconf CLK_TCK)

grep -v '^ ' "$work/seed.log" | tail -3
awk -v wall="$wall" -v user="$user" -v sys="$system" -v peak="$peak" -v pg="$((ticks_after - ticks_before))" -v hz="$hz" \
  -v before="$load_before" -v after="$(cut -d" " -f1-3 /proc/loadavg)" 'BEGIN {
    printf "wall %.1f s (process, with start-up and migrations); seed process CPU %.1f s; PostgreSQL CPU %.1f s; peak memory %d MB\n",
      wall, user + sys, pg / hz, peak / 1024
    printf "load average before: %s, after: %s\n", before, after }'
# The statements over 0.2 s (log_min_duration_statement), slowest first: which index build or key check dominates.
echo "slowest statements:"
sed -n 's/.*duration: \([0-9.]*\) ms  [^:]*: \(.*\)/\1 \2/p' "$work/pg/server.log" | sort -rn | head -8 |
  awk '{ printf "  %7.1f s  %s\n", $1 / 1000, substr($0, index($0, " ") + 1, 110) }'
echo "database size: $("$pgbin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d scale -Atc "select pg_size_pretty(pg_database_size('scale'))")"

if [ "$fingerprint" = 1 ]; then
  # An MD5 of the per-row MD5s keeps the aggregate small (register_entries is gigabytes at 1 M units).
  for table in partners parcels buildings units parties rights right_holders restrictions register_entries certificates; do
    echo "fingerprint $table: $("$pgbin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d scale -Atc \
      "select count(*) || ' ' || md5(string_agg(md5(t::text), '' order by t.id)) from $table t")"
  done
fi

[ "$reads" = 1 ] || exit 0
# --- reads on the seeded region ---------------------------------------------------------------------------------------
"$pgbin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d scale -Atc "select unit_code from units order by random() limit 40050" > "$work/codes.txt"
head -50 "$work/codes.txt" | sed 's|^|/api/v1/properties/|' > "$work/cached.txt"
# After the 50 cached units: a fifth of the rest (at most 5,000) warms the uncached path up, the others are read once.
warm=$(( ($(wc -l < "$work/codes.txt") - 50) / 5 ))
[ "$warm" -gt 5000 ] && warm=5000
sed -n "51,$((50 + warm))p" "$work/codes.txt" | sed 's|^|/api/v1/properties/|' > "$work/warm.txt"
tail -n +"$((51 + warm))" "$work/codes.txt" | sed 's|^|/api/v1/properties/|' > "$work/uncached.txt"
base="http://127.0.0.1:$(free_port)"
env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="$base" Auth__AllowInsecureHttp=true Registry__SeedDemoRegion=true \
  Certificates__BackfillBatchSize=0 Logging__LogLevel__Default=Warning Limits__PerClient__PermitLimit=1000000000 \
  Limits__PerClient__QueryBudget=100000000000000 ConnectionStrings__Registry="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=scale" \
  dotnet "$host_dll" --demo > "$work/host.log" 2>&1 &
host_pid=$!
until curl -fs -o /dev/null "$base/health/ready"; do
  kill -0 "$host_pid" 2>/dev/null || { cat "$work/host.log" >&2; echo "the host stopped" >&2; exit 1; }
  sleep 0.2
done
token=$(curl -fsS "$base/connect/token" -d grant_type=client_credentials -d client_id=demo-bank -d client_secret=demo-secret \
  -d scope="properties:read restrictions:read" | jq -r .access_token)
# read LABEL FILE ONCE SECONDS: one wrk run with infra/bench/wrk.lua; prints its RESULT line.
read_run() {
  BENCH_METHOD=GET BENCH_REQUESTS=$2 BENCH_TOKEN=$token BENCH_ONCE=$3 BENCH_THREADS=2 \
    wrk -t2 -c10 -d"$4s" --timeout 10s -s "$repo/infra/bench/wrk.lua" "$base" | grep '^RESULT' | sed "s/^RESULT/$1/"
}
read_run warm-up "$work/cached.txt" 0 15 > /dev/null
read_run warm-up "$work/warm.txt" 1 5 > /dev/null
echo "$units units, 10 connections:"
read_run "  cached REST property read:  " "$work/cached.txt" 0 10
read_run "  uncached REST property read:" "$work/uncached.txt" 1 10
echo "load average after the reads: $(cut -d" " -f1-3 /proc/loadavg)"
