#!/usr/bin/env bash
# PostgreSQL's CPU time per uncached property read, by the SQL the host sends for it (docs/performance.md, "Uncached
# reads (issue 20)"): pgbench runs each script of infra/bench/uncached-sql/ against a seeded database on this machine,
# unprepared (Npgsql's default: parse and plan every time) and prepared (Npgsql's Max Auto Prepare), and the CPU time
# of the PostgreSQL processes (from /proc) is divided by the reads. Every script first picks a random unit
# (lookup.sql alone measures that part, which is subtracted).
#
#   infra/bench/uncached-sql.sh [--port 5432] [--database onewindow] [--user postgres] [--seconds 8] [--clients 4]
set -euo pipefail
cd "$(dirname "$0")/uncached-sql"
port=5432 database=onewindow user=postgres seconds=8 clients=4
while [ $# -gt 0 ]; do
  case "$1" in
    --port) port=$2; shift 2 ;;
    --database) database=$2; shift 2 ;;
    --user) user=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --clients) clients=$2; shift 2 ;;
    *) echo "unknown option: $1 (see the head of $0)" >&2; exit 2 ;;
  esac
done
connect=(-h 127.0.0.1 -p "$port" -U "$user")
units=$(psql "${connect[@]}" -d "$database" -Atc "select max(id) from units")
# The postmaster, from its pid file (PostgreSQL must run on this machine, and the user be a superuser).
data=$(psql "${connect[@]}" -d "$database" -Atc "show data_directory")
postmaster=$(head -1 "$data/postmaster.pid" 2>/dev/null || true)
[ -n "$postmaster" ] && [ -r "/proc/$postmaster/stat" ] || { echo "PostgreSQL on port $port does not run on this machine" >&2; exit 1; }
# Ticks of the postmaster, of its ended children and of its live children (as infra/benchmark.sh's db_cpu_ticks).
ticks() {
  { cat /proc/[0-9]*/stat 2>/dev/null || true; } | awk -v pm="$postmaster" '{
      pid = $1; line = $0; sub(/^[0-9]+ \(.*\) /, "", line); split(line, f, " ")
      if (pid == pm) total += f[12] + f[13] + f[14] + f[15]; else if (f[2] == pm) total += f[12] + f[13] }
    END { printf "%d", total }'
}
# measure SCRIPT MODE: "reads µs-per-read" for one pgbench run.
measure() {
  local before after out n
  before=$(ticks)
  out=$(pgbench "${connect[@]}" -n -M "$2" -c "$clients" -j 1 -T "$seconds" -D units="$units" -f "$1" "$database" 2>&1)
  after=$(ticks)
  n=$(grep -oP 'number of transactions actually processed: \K[0-9]+' <<<"$out" || echo 0)
  [ "$n" -gt 0 ] || { echo "$out" >&2; exit 1; }
  awk -v a="$after" -v b="$before" -v n="$n" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%d %.0f\n", n, (a - b) / hz * 1e6 / n }'
}
echo "| SQL of one read | mode | reads | PostgreSQL CPU µs per read (lookup subtracted) |"
echo "|---|---|---:|---:|"
for mode in extended prepared; do
  read -r n lookup < <(measure lookup.sql "$mode")
  for script in three-statements.sql one-statement.sql; do
    read -r n cpu < <(measure "$script" "$mode")
    label=$([ "$mode" = extended ] && echo "unprepared" || echo "prepared")
    echo "| ${script%.sql} | $label | $n | $((cpu - lookup)) |"
  done
done
