#!/usr/bin/env bash
# Call load on the embedded default: two UEs register with AKA through `ims up`, then one calls the
# other (INVITE, 180, 200, ACK, BYE through P-CSCF, S-CSCF, I-CSCF with LIR, S-CSCF, P-CSCF) CALLS
# times at each of rising rates. For each rate: calls completed, failed, and p50/p99 from INVITE to
# 200 OK. Not part of tests/run.sh.
#
#   bash tests/load/call-load.sh                     # 2,000 calls at each of 10 25 50 100 calls/s
#   CALLS=500 RATES="20 40" bash tests/load/call-load.sh
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
CALLS=${CALLS:-2000}
RATES=${RATES:-"10 25 50 100"}
DOMAIN=ims.mnc001.mcc001.3gppnetwork.org
PCSCF_PORT=${PCSCF_PORT:-5060}
CALLER_PORT=${CALLER_PORT:-15071}
CALLEE_PORT=${CALLEE_PORT:-15072}
WORK=$(mktemp -d /tmp/ims-call-load.XXXXXX)
IMS_DLL="$ROOT/edge/Ims.Edge/bin/Release/net10.0/ims.dll"
SIPP_DIR="$ROOT/tests/Ims.EndToEnd.Tests/Sipp"
K_TEXT=kkkkkkkkkkkkkk01; OP_TEXT=oooooooooooooooo; AMF_TEXT=00
hex() { printf '%s' "$1" | od -An -tx1 | tr -d ' \n'; }

command -v sipp >/dev/null || { echo "call-load: sipp is not installed (apt-get install sip-tester)" >&2; exit 1; }
[ -f "$IMS_DLL" ] || dotnet build "$ROOT/edge/Ims.Edge" -c Release -v quiet -nologo >/dev/null
ims() { dotnet "$IMS_DLL" "$@"; }

UP_PID=""; UAS_PID=""
cleanup() {
  [ -n "$UAS_PID" ] && kill "$UAS_PID" 2>/dev/null || true
  [ -n "$UP_PID" ] && kill "$UP_PID" 2>/dev/null && wait "$UP_PID" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

for user in alice bob; do
  ims subscriber add --data "$WORK/data" --impi "$user@$DOMAIN" --impu "sip:$user@$DOMAIN" \
    --k "$(hex $K_TEXT)" --op "$(hex $OP_TEXT)" --amf "$(hex $AMF_TEXT)" >/dev/null
done
IMS_Pcscf__Port=$PCSCF_PORT dotnet "$IMS_DLL" up --data "$WORK/data" > "$WORK/up.log" 2>&1 &
UP_PID=$!
for _ in $(seq 1 100); do grep -q "ready:" "$WORK/up.log" && break; sleep 0.2; done
grep -q "ready:" "$WORK/up.log" || { echo "call-load: ims up did not start" >&2; cat "$WORK/up.log" >&2; exit 1; }

# Register both UEs; SIPp 3.6.1 gets about 3 in 100 AKA answers wrong (RES with a 0x00 byte), so retry.
register() {
  local user=$1 port=$2
  printf 'SEQUENTIAL\n%s;%s;[authentication username=%s@%s aka_K=%s aka_OP=%s aka_AMF=%s];3600;\n' \
    "$user" "$DOMAIN" "$user" "$DOMAIN" $K_TEXT $OP_TEXT $AMF_TEXT > "$WORK/$user.csv"
  for _ in 1 2 3; do
    (cd "$WORK" && timeout 30 sipp "127.0.0.1:$PCSCF_PORT" -sf "$SIPP_DIR/register-aka.xml" -inf "$user.csv" -m 1 \
      -i 127.0.0.1 -p "$port" -nostdin >/dev/null 2>&1) && return 0
  done
  echo "call-load: $user did not register" >&2; exit 1
}
register alice "$CALLER_PORT"
register bob "$CALLEE_PORT"
printf 'SEQUENTIAL\nalice;%s;bob;\n' "$DOMAIN" > "$WORK/call.csv"
printf 'SEQUENTIAL\nbob;%s;\n' "$DOMAIN" > "$WORK/callee.csv"

echo "call-load: $(nproc) cores, $CALLS calls at each rate"
printf '%8s %10s %8s %9s %9s\n' "calls/s" "completed" "failed" "p50 ms" "p99 ms"
for RATE in $RATES; do
  STEP="$WORK/step-$RATE"; mkdir -p "$STEP"
  LIMIT=$((CALLS / RATE + 60))
  (cd "$STEP" && exec timeout $((LIMIT + 30)) sipp -sf "$SIPP_DIR/call-uas.xml" -inf "$WORK/callee.csv" -m "$CALLS" \
      -i 127.0.0.1 -p "$CALLEE_PORT" -nostdin -timeout "${LIMIT}s" >/dev/null 2>&1) &
  UAS_PID=$!
  sleep 1
  (cd "$STEP" && timeout $((LIMIT + 30)) sipp "127.0.0.1:$PCSCF_PORT" -sf "$SIPP_DIR/call-uac.xml" -inf "$WORK/call.csv" \
      -m "$CALLS" -r "$RATE" -l $((RATE * 10)) -i 127.0.0.1 -p "$CALLER_PORT" -nostdin -timeout "${LIMIT}s" \
      -recv_timeout 10000 -trace_stat -stf stats.csv -trace_rtt -rtt_freq 1 >/dev/null 2>&1) || true
  kill "$UAS_PID" 2>/dev/null || true; wait "$UAS_PID" 2>/dev/null || true; UAS_PID=""
  HEADER=$(head -1 "$STEP/stats.csv"); LAST=$(tail -1 "$STEP/stats.csv")
  col() { echo "$HEADER" | tr ';' '\n' | grep -nx "$1" | cut -d: -f1; }
  OK=$(echo "$LAST" | cut -d';' -f"$(col 'SuccessfulCall(C)')")
  FAILED=$(echo "$LAST" | cut -d';' -f"$(col 'FailedCall(C)')")
  cat "$STEP"/*_rtt.csv 2>/dev/null | awk -F';' 'NR > 1 && $2 ~ /^[0-9.]+$/ {print $2}' | sort -n > "$STEP/rtt.txt"
  N=$(wc -l < "$STEP/rtt.txt")
  P50=$([ "$N" -gt 0 ] && sed -n "$(( (N * 50 + 99) / 100 ))p" "$STEP/rtt.txt" || echo -)
  P99=$([ "$N" -gt 0 ] && sed -n "$(( (N * 99 + 99) / 100 ))p" "$STEP/rtt.txt" || echo -)
  printf '%8s %10s %8s %9s %9s\n' "$RATE" "$OK" "$FAILED" "$P50" "$P99"
done
