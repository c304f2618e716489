#!/usr/bin/env bash
# Registration load on the embedded default: TOTAL subscribers (10,000 by default) register with
# IMS AKA through `ims up` (P-CSCF -> I-CSCF -> S-CSCF, HSS over Diameter), SIPp as the UEs, in
# equal slices at rising rates. For each rate it prints the registrations that succeeded, the ones
# that failed, and p50/p99 of the time from the first REGISTER to the 200 OK; at the end the
# highest rate with no failure. Not part of tests/run.sh: it takes minutes and wants a quiet machine.
#
#   bash tests/load/register-load.sh                 # 10,000 subscribers, rates 25 50 100 200 400 /s
#   TOTAL=2000 RATES="50 100" bash tests/load/register-load.sh
#
# SIPp 3.6.1 computes its AKAv1 response over RES as a C string, so a RES holding a 0x00 byte (about
# 3 in 100 vectors) gives a wrong response that the S-CSCF rightly refuses with 403; those are
# counted in their own column and do not count as failures of the core.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
TOTAL=${TOTAL:-10000}
RATES=${RATES:-"25 50 100 200 400"}
DOMAIN=ims.mnc001.mcc001.3gppnetwork.org
PCSCF_PORT=${PCSCF_PORT:-5060}
WORK=$(mktemp -d /tmp/ims-load.XXXXXX)
IMS_DLL="$ROOT/edge/Ims.Edge/bin/Release/net10.0/ims.dll"
K_TEXT=kkkkkkkkkkkkkk01; OP_TEXT=oooooooooooooooo; AMF_TEXT=00
hex() { printf '%s' "$1" | od -An -tx1 | tr -d ' \n'; }

command -v sipp >/dev/null || { echo "register-load: sipp is not installed (apt-get install sip-tester)" >&2; exit 1; }
[ -f "$IMS_DLL" ] || dotnet build "$ROOT/edge/Ims.Edge" -c Release -v quiet -nologo >/dev/null
ims() { dotnet "$IMS_DLL" "$@"; }

UP_PID=""
cleanup() { [ -n "$UP_PID" ] && kill "$UP_PID" 2>/dev/null && wait "$UP_PID" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

K=$(hex $K_TEXT); OP=$(hex $OP_TEXT); AMF=$(hex $AMF_TEXT)
OPC=$(ims aka milenage --k "$K" --op "$OP" --rand 00000000000000000000000000000000 --sqn 000000000000 --amf "$AMF" | awk '/^OPc:/ {print $2}')

echo "register-load: provisioning $TOTAL subscribers"
awk -v n="$TOTAL" -v d="$DOMAIN" -v k="$K" -v opc="$OPC" -v amf="$AMF" 'BEGIN {
  printf "[\n";
  for (i = 1; i <= n; i++) printf "{\"impi\":\"load%d@%s\",\"impus\":[\"sip:load%d@%s\"],\"k\":\"%s\",\"opc\":\"%s\",\"amf\":\"%s\"}%s\n", i, d, i, d, k, opc, amf, (i < n ? "," : "");
  printf "]\n" }' > "$WORK/subscribers.json"
ims subscriber import --data "$WORK/data" "$WORK/subscribers.json" >/dev/null

IMS_Pcscf__Port=$PCSCF_PORT dotnet "$IMS_DLL" up --data "$WORK/data" > "$WORK/up.log" 2>&1 &
UP_PID=$!
for _ in $(seq 1 100); do grep -q "ready:" "$WORK/up.log" && break; sleep 0.2; done
grep -q "ready:" "$WORK/up.log" || { echo "register-load: ims up did not start" >&2; cat "$WORK/up.log" >&2; exit 1; }

set -- $RATES
STEPS=$#
PER_STEP=$((TOTAL / STEPS))
echo "register-load: $(nproc) cores, $PER_STEP registrations at each of $STEPS rates"
printf '%8s %10s %8s %12s %9s %9s\n' "rate/s" "succeeded" "failed" "sipp-nul-res" "p50 ms" "p99 ms"
BEST=0
FIRST=1
for RATE in $RATES; do
  STEP="$WORK/step-$RATE"; mkdir -p "$STEP"
  { echo SEQUENTIAL
    for i in $(seq "$FIRST" $((FIRST + PER_STEP - 1))); do
      echo "load$i;$DOMAIN;[authentication username=load$i@$DOMAIN aka_K=$K_TEXT aka_OP=$OP_TEXT aka_AMF=$AMF_TEXT];3600;"
    done; } > "$STEP/ues.csv"
  FIRST=$((FIRST + PER_STEP))
  LIMIT=$((PER_STEP / RATE + 60))
  (cd "$STEP" && timeout $((LIMIT + 30)) sipp "127.0.0.1:$PCSCF_PORT" -sf "$ROOT/tests/Ims.EndToEnd.Tests/Sipp/register-aka.xml" \
      -inf ues.csv -m "$PER_STEP" -r "$RATE" -l $((RATE * 10)) -i 127.0.0.1 -p 0 -nostdin -timeout "${LIMIT}s" \
      -recv_timeout 10000 -trace_stat -stf stats.csv -trace_err -error_file errors.log -trace_rtt -rtt_freq 1 >/dev/null 2>&1) || true
  HEADER=$(head -1 "$STEP/stats.csv"); LAST=$(tail -1 "$STEP/stats.csv")
  col() { echo "$HEADER" | tr ';' '\n' | grep -nx "$1" | cut -d: -f1; }
  OK=$(echo "$LAST" | cut -d';' -f"$(col 'SuccessfulCall(C)')")
  FAILED=$(echo "$LAST" | cut -d';' -f"$(col 'FailedCall(C)')")
  NUL=$(grep -c "403 Forbidden - Authentication Failed" "$STEP/errors.log" 2>/dev/null || true)
  cat "$STEP"/*_rtt.csv 2>/dev/null | awk -F';' 'NR > 1 && $2 ~ /^[0-9.]+$/ {print $2}' | sort -n > "$STEP/rtt.txt"
  N=$(wc -l < "$STEP/rtt.txt")
  P50=$([ "$N" -gt 0 ] && sed -n "$(( (N * 50 + 99) / 100 ))p" "$STEP/rtt.txt" || echo -)
  P99=$([ "$N" -gt 0 ] && sed -n "$(( (N * 99 + 99) / 100 ))p" "$STEP/rtt.txt" || echo -)
  printf '%8s %10s %8s %12s %9s %9s\n' "$RATE" "$OK" "$((FAILED - NUL))" "$NUL" "$P50" "$P99"
  if [ "$((FAILED - NUL))" -eq 0 ] && [ "$OK" -gt 0 ]; then BEST=$RATE; fi
done
echo "register-load: highest rate with no failure: $BEST registrations/s"
