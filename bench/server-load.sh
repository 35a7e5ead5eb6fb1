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
# Each result line ends with the CPU time (user + system) of the server process and of the client
# JVM over the run, and per 1,000 records sent (warm-up included): on a shared machine CPU per
# record compares versions where wall-clock throughput does not.
#
# Environment: CONCURRENCY (default 4), SECONDS per run (default 30), SCORE_REQUESTS (20000),
#   SINGLE_REQUESTS (20000), EVENT_REQUESTS (300), SERVER_HEAP (default 2g), SERVER_JAVA_OPTS (more
#   JVM options for the server, e.g. -XX:StartFlightRecording=filename=serve.jfr,settings=profile).
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
# CPU seconds (user + system) the server process has used so far
server_cpu() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15) / hz}' "/proc/$server/stat"; }
run() {  # MODE BATCH REQUESTS WARMUP
  local before line client
  before="$(server_cpu)"
  line="$(/usr/bin/time -f '%U %S' -o "$out/client-time" "$java" "$root/bench/server/ServerLoad.java" "$url" "$key" "$1" \
    "$out/events.csv" "$2" "$CONCURRENCY" "$3" "$SECONDS_PER_RUN" "$4")"
  client="$(awk '{printf "%.2f", $1 + $2}' "$out/client-time")"
  # CPU per 1,000 records over every record sent (warm-up included): the server's and the
  # client's (its JVM start and compilation included), both on the same cores
  echo "$line" | awk -v s="$before" -v e="$(server_cpu)" -v c="$client" '{
    for (i = 1; i <= NF; i++) if ($i ~ /^sent_records=/) { split($i, kv, "="); n = kv[2] }
    printf "%s server_cpu_s=%.2f server_cpu_ms_per_1k=%.2f client_cpu_s=%.2f client_cpu_ms_per_1k=%.2f\n",
      $0, e - s, (e - s) * 1e6 / n, c, c * 1e6 / n }' | tee -a "$out/results.txt"
}
run score 100 "$SCORE_REQUESTS" 500
run score 1 "$SINGLE_REQUESTS" 2000
run events 1000 "$EVENT_REQUESTS" 20
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/results.txt"
