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
. "$root/bench/server/demo-server.sh"
run() {  # MODE BATCH REQUESTS WARMUP
  "$java" "$root/bench/server/ServerLoad.java" "$url" "$key" "$1" "$out/events.csv" "$2" "$CONCURRENCY" "$3" \
    "$SECONDS_PER_RUN" "$4" | tee -a "$out/results.txt"
}
run score 100 "$SCORE_REQUESTS" 500
run score 1 "$SINGLE_REQUESTS" 2000
run events 1000 "$EVENT_REQUESTS" 20
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/results.txt"
