#!/usr/bin/env bash
# Installs what the tests need, builds the solution once and runs every test project.
# Ends with the plain line "N passed, N failed"; exits non-zero on any failure.
#
# What it installs when missing (a fresh Debian machine with only the .NET SDK):
#   apt: sip-tester (SIPp), tshark, freediameter (freeDiameterd)
#   npm: azurite 3.35.0 into tests/azurite/node_modules (pinned by its package-lock.json)
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD

log() { printf '[run.sh] %s\n' "$*" >&2; }
die() { log "FATAL: $*"; echo "0 passed, 1 failed"; exit 1; }

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
command -v sipp >/dev/null 2>&1 || missing+=(sip-tester)
command -v tshark >/dev/null 2>&1 || missing+=(tshark)
command -v freeDiameterd >/dev/null 2>&1 || missing+=(freediameter)
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]} with apt"
  as_root apt-get update -q >&2 || die "apt-get update failed"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >&2 \
    || die "apt-get install ${missing[*]} failed"
fi
for tool in sipp tshark freeDiameterd node npm; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool is not on PATH after installation"
done

if [ -f tests/azurite/package-lock.json ] && [ ! -e tests/azurite/node_modules/.bin/azurite-table ]; then
  log "installing azurite with npm ci into tests/azurite"
  (cd tests/azurite && npm ci --no-audit --no-fund --loglevel=error >&2) || die "npm ci in tests/azurite failed"
fi

log "building Ims.Cloud.sln (Release)"
dotnet build Ims.Cloud.sln -c Release -nologo -v q >&2 || die "build failed"

results="$root/tests/.results"
rm -rf "$results"
mkdir -p "$results"

passed=0
failed=0
for project in tests/*/*.Tests.csproj; do
  name=$(basename "$project" .csproj)
  log "testing $name"
  # --blame-hang-timeout turns a hung test into a failure with a dump instead of a stuck run.
  dotnet test "$project" -c Release --no-build -nologo \
    --logger "trx;LogFileName=$name.trx" --results-directory "$results/$name" \
    --blame-hang-timeout 5m >&2
  trx=$(find "$results/$name" -name "$name.trx" 2>/dev/null | head -n 1)
  if [ -z "$trx" ]; then
    log "$name produced no results: counted as one failure"
    failed=$((failed + 1))
    continue
  fi
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  e=$(sed -n 's/.* error="\([0-9]*\)".*/\1/p' <<<"$counters")
  t=$(sed -n 's/.* timeout="\([0-9]*\)".*/\1/p' <<<"$counters")
  a=$(sed -n 's/.* aborted="\([0-9]*\)".*/\1/p' <<<"$counters")
  project_failed=$(( ${f:-0} + ${e:-0} + ${t:-0} + ${a:-0} ))
  log "$name: ${p:-0} passed, $project_failed failed"
  passed=$((passed + ${p:-0}))
  failed=$((failed + project_failed))
  if [ "${p:-0}" -eq 0 ] && [ "$project_failed" -eq 0 ]; then
    log "$name ran no test: counted as one failure"
    failed=$((failed + 1))
  fi
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
