#!/usr/bin/env bash
# The test command: installs what the tests need and is missing (PostgreSQL, Redis and Chromium from Debian's
# packages), then runs every test of Api.sln. The tests start their own private PostgreSQL and Redis processes in
# temporary folders on free loopback ports and stop them at the end; nothing is left running. The browser tests
# start the host on the embedded default and drive Debian's Chromium with Playwright; the doc test runs every shell block
# of README.md and docs/*.md against hosts of its own (curl, jq, openssl).
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql postgresql-contrib)
command -v redis-server >/dev/null 2>&1 || [ -x /usr/bin/redis-server ] || missing+=(redis-server)
command -v runuser >/dev/null 2>&1 || missing+=(util-linux)
# The browser tests drive Debian's Chromium with Playwright (never a downloaded browser).
[ -x /usr/bin/chromium ] || missing+=(chromium)
# The doc test (tests/OneWindow.Browser.Tests/Docs) runs the README's and the guides' shell blocks, which use these.
for tool in curl jq openssl; do command -v "$tool" >/dev/null 2>&1 || missing+=("$tool"); done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing ${missing[*]} …"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
# Debian's package scripts may start a cluster of their own; the tests never use it.

# A missing snapshot fails the run instead of being written silently.
export SNAPSHOOTER_STRICT_MODE=true
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

dotnet tool restore >/dev/null
dotnet build Api.sln -c Release -nologo -v q -clp:ErrorsOnly
# The totals of every test project, and the failed tests by name, are repeated at the very end: a failure hundreds of
# lines up is not missed, and the last line says PASSED or FAILED.
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet test Api.sln -c Release --no-build -nologo --logger "console;verbosity=normal" "$@" 2>&1 | tee "$log" || status=$?
echo
echo "== test totals (all projects)"
grep -E '^[[:space:]]+Failed [A-Za-z_]' "$log" | sed -E 's/^[[:space:]]+Failed /   failed: /' | sort -u || true
awk '/^Total tests:/ { projects++; total += $3 } /^[[:space:]]+Passed:/ { passed += $2 } /^[[:space:]]+Failed:/ { failed += $2 }
     /^[[:space:]]+Skipped:/ { skipped += $2 }
     END { printf "%d test projects: %d tests, %d passed, %d failed, %d skipped\n", projects, total, passed, failed, skipped }' "$log"
if [ "$status" -ne 0 ]; then
  echo "FAILED (dotnet test exited with $status)"
  exit "$status"
fi
echo "PASSED"
