#!/usr/bin/env bash
# Load on `sentinel serve`, loopback only and bounded (count and time), not a timed test.
# Trains the demo bundle, starts the server on a free port with a fresh embedded store, creates
# a key, then runs bench/server/ServerLoad.java (closed loop, JDK HttpClient):
#   1. POST /v1/score, batches of 100 records
#   2. POST /v1/score, single records
#   3. POST /v1/events, batches of 1000 events into the embedded store
#
#   bench/server-load.sh [OUT_DIR]          (default bench/target/server-load)
#
# Environment: CONCURRENCY (default 4), SECONDS per run (default 30), SCORE_REQUESTS (20000),
#   SINGLE_REQUESTS (20000), EVENT_REQUESTS (300), SERVER_HEAP (default 2g).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$root/bench/target/server-load}"
CONCURRENCY="${CONCURRENCY:-4}"
SECONDS_PER_RUN="${SECONDS:-30}"
SCORE_REQUESTS="${SCORE_REQUESTS:-20000}"
SINGLE_REQUESTS="${SINGLE_REQUESTS:-20000}"
EVENT_REQUESTS="${EVENT_REQUESTS:-300}"
rm -rf "$out" && mkdir -p "$out"
java_home="$("$root/bin/find-jdk")"
java="$java_home/bin/java"
[ -f "$root/cli/target/sentinel.jar" ] || "$root/bin/build" -q
sentinel() { "$java" --enable-native-access=ALL-UNNAMED -jar "$root/cli/target/sentinel.jar" "$@"; }

sentinel demo --samples 5000 --contamination 0.04 --model-out "$out/demo.srb" > /dev/null
sentinel generate soc --seed 11 --output "$out/events.csv"
key="$(sentinel keys create --role admin --name load --data-dir "$out/data")"

"$java" -Xmx"${SERVER_HEAP:-2g}" --enable-native-access=ALL-UNNAMED -jar "$root/cli/target/sentinel.jar" serve \
  --model "$out/demo.srb" --data-dir "$out/data" --port 0 --rate-limit 0 > "$out/serve.out" 2> "$out/serve.err" &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  grep -q "listening on" "$out/serve.out" 2>/dev/null && break
  kill -0 $server 2>/dev/null || { cat "$out/serve.err"; exit 1; }
  sleep 1
done
url="$(sed -n 's/.*listening on \(http:[^ ]*\).*/\1/p' "$out/serve.out")"
echo "server at $url" >&2
run() {  # MODE BATCH REQUESTS WARMUP
  "$java" "$root/bench/server/ServerLoad.java" "$url" "$key" "$1" "$out/events.csv" "$2" "$CONCURRENCY" "$3" \
    "$SECONDS_PER_RUN" "$4" | tee -a "$out/results.txt"
}
run score 100 "$SCORE_REQUESTS" 500
run score 1 "$SINGLE_REQUESTS" 2000
run events 1000 "$EVENT_REQUESTS" 20
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/results.txt"
