#!/usr/bin/env bash
# How fast the dashboard statistics answer over a filled store, loopback only and bounded.
# Trains the demo bundle (mapped with pack:soc), starts `sentinel serve` on a free port with a fresh
# embedded store, sends EVENTS generated SOC events (batches of 1,000) under four source names
# with bench/server/ServerLoad.java, answers some alerts (status) and judges some (feedback), then
# times each GET /v1/stats/... route ROUNDS times with curl (after one untimed call).
#
#   bench/stats-load.sh [OUT_DIR]          (default bench/target/stats-load)
#
# Environment: EVENTS (default 100000), ROUNDS (default 5), SERVER_HEAP (default 2g).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$root/bench/target/stats-load}"
EVENTS="${EVENTS:-100000}"
ROUNDS="${ROUNDS:-5}"
rm -rf "$out" && mkdir -p "$out"
. "$root/bench/server/demo-server.sh"
per_source=$(( EVENTS / 4000 ))
for source in soc transactions web-sessions metrics; do
  "$java" "$root/bench/server/ServerLoad.java" "$url" "$key" events "$out/events.csv" 1000 2 "$per_source" 600 0 "$source" \
    | tee -a "$out/results.txt"
done
# answer the 200 newest alerts and judge 100 of them, so SLA and precision have something to count
ids="$(curl -s -H "Authorization: Bearer $key" "$url/v1/alerts?limit=200" | grep -o '"alert_id":"[^"]*"' | cut -d'"' -f4)"
n=0
for id in $ids; do
  curl -s -o /dev/null -X PATCH -H "Authorization: Bearer $key" -H 'Content-Type: application/json' \
    -d '{"status":"acknowledged"}' "$url/v1/alerts/$id"
  if [ $(( n % 2 )) = 0 ]; then
    verdict=$([ $(( n % 3 )) = 0 ] && echo false_positive || echo true_positive)
    curl -s -o /dev/null -X POST -H "Authorization: Bearer $key" -H 'Content-Type: application/json' \
      -d "{\"verdict\":\"$verdict\"}" "$url/v1/alerts/$id/feedback"
  fi
  n=$(( n + 1 ))
done
alerts="$(curl -s -H "Authorization: Bearer $key" "$url/v1/stats/performance" | grep -o '"total":\[[0-9,]*\]' | tr -c '0-9\n' ' ' | awk '{s=0; for(i=1;i<=NF;i++) s+=$i; print s}')"
echo "stored: $EVENTS events requested, $alerts alerts in the last 24 h, $n answered" | tee -a "$out/results.txt"
for route in "distributions" "impact" "performance" "distributions?source=soc" "impact?bucket=minute&from=$(( $(date +%s) * 1000 - 3600000 ))"; do
  curl -s -o /dev/null -H "Authorization: Bearer $key" "$url/v1/stats/$route"
  times=""
  for _ in $(seq 1 "$ROUNDS"); do
    times="$times $(curl -s -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $key" "$url/v1/stats/$route")"
  done
  echo "GET /v1/stats/$route seconds:$times" | tee -a "$out/results.txt"
done
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/results.txt"
