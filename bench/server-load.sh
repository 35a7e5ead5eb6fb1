#!/usr/bin/env bash
# Load on `sentinel serve`, loopback only and bounded (count and time), not a timed test.
# Trains the demo bundle, starts the server on a free port with a fresh embedded store, creates
# a key, then loads it with closed-loop clients (each connection waits for its answer):
#   1. POST /v1/score, batches of 100 records   (wrk with bench/server/score.lua)
#   2. POST /v1/score, single records            (wrk with bench/server/score.lua)
#   3. POST /v1/events, batches of 1000 events into the embedded store (bench/server/ServerLoad.java,
#      JDK HttpClient: every batch needs fresh event ids)
# Scoring requests are built once before the clock starts, so the client, on the same cores,
# takes little of them. Each run is a warm-up run (sent, not measured) and then the measured run.
#
#   bench/server-load.sh [OUT_DIR]          (default bench/target/server-load)
#
# Each result line ends with the CPU time (user + system) of the server process and of the client
# over the measured run, and per 1,000 records: on a shared machine CPU per record compares
# versions where wall-clock throughput does not.
#
# Environment: CONCURRENCY (connections, default 4), SECONDS per run (default 30), SCORE_REQUESTS
#   (20000), SINGLE_REQUESTS (20000), EVENT_REQUESTS (300), SCORE_WARMUP and SINGLE_WARMUP (requests
#   sent before the measured scoring runs: 500 and 2000; the JIT compiler is still busy after them),
#   SERVER_HEAP (default 2g; the server starts through bin/sentinel, with the options of `sentinel serve`),
#   SERVER_JAVA_OPTS (more JVM options for the server, e.g.
#   -XX:StartFlightRecording=filename=serve.jfr,settings=profile), CLIENT (wrk, the default, or jdk:
#   ServerLoad.java for the scoring runs too), WRK_THREADS (default 1).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$root/bench/target/server-load}"
CONCURRENCY="${CONCURRENCY:-4}"
SECONDS_PER_RUN="${SECONDS:-30}"
SCORE_REQUESTS="${SCORE_REQUESTS:-20000}"
SINGLE_REQUESTS="${SINGLE_REQUESTS:-20000}"
EVENT_REQUESTS="${EVENT_REQUESTS:-300}"
SCORE_WARMUP="${SCORE_WARMUP:-500}"
SINGLE_WARMUP="${SINGLE_WARMUP:-2000}"
CLIENT="${CLIENT:-wrk}"
WRK_THREADS="${WRK_THREADS:-1}"
if [ "$CLIENT" = wrk ] && ! command -v wrk > /dev/null; then
  echo "server-load: wrk is not installed (apt-get install wrk), or run with CLIENT=jdk" >&2
  exit 2
fi
rm -rf "$out" && mkdir -p "$out"
. "$root/bench/server/demo-server.sh"
# CPU seconds (user + system) the server process has used so far
server_cpu() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15) / hz}' "/proc/$server/stat"; }
load() {  # MODE BATCH REQUESTS: one closed-loop run; prints the client's result line, its CPU in $out/client-time
  if [ "$1" = score ] && [ "$CLIENT" = wrk ]; then
    case "$url" in http://127.0.0.1:*) ;; *) echo "loopback only: $url" >&2; exit 2 ;; esac
    BODIES="$out/bodies-$2.txt" KEY="$key" LIMIT="$3" THREADS="$WRK_THREADS" BATCH="$2" CONCURRENCY="$CONCURRENCY" \
      /usr/bin/time -f '%U %S' -o "$out/client-time" wrk -t "$WRK_THREADS" -c "$CONCURRENCY" -d "${SECONDS_PER_RUN}s" \
      --timeout 30s -s "$root/bench/server/score.lua" "$url/v1/score" | grep '^/v1/'
  else
    /usr/bin/time -f '%U %S' -o "$out/client-time" "$java" "$root/bench/server/ServerLoad.java" "$url" "$key" "$1" \
      "$out/events.csv" "$2" "$CONCURRENCY" "$3" "$SECONDS_PER_RUN" 0
  fi
}
run() {  # MODE BATCH REQUESTS WARMUP
  local before line client
  if [ "$1" = score ] && [ "$CLIENT" = wrk ]; then
    "$java" "$root/bench/server/ServerLoad.java" bodies "$out/events.csv" "$2" "$out/bodies-$2.txt"
  fi
  [ "$4" -gt 0 ] && load "$1" "$2" "$4" > /dev/null
  before="$(server_cpu)"
  line="$(load "$1" "$2" "$3")"
  client="$(awk '{printf "%.2f", $1 + $2}' "$out/client-time")"
  # CPU per 1,000 records of the measured run: the server's and the client's, both on the same cores
  echo "$line" | awk -v s="$before" -v e="$(server_cpu)" -v c="$client" '{
    for (i = 1; i <= NF; i++) if ($i ~ /^sent_records=/) { split($i, kv, "="); n = kv[2] }
    printf "%s server_cpu_s=%.2f server_cpu_ms_per_1k=%.2f client_cpu_s=%.2f client_cpu_ms_per_1k=%.2f\n",
      $0, e - s, (e - s) * 1e6 / n, c, c * 1e6 / n }' | tee -a "$out/results.txt"
}
run score 100 "$SCORE_REQUESTS" "$SCORE_WARMUP"
run score 1 "$SINGLE_REQUESTS" "$SINGLE_WARMUP"
run events 1000 "$EVENT_REQUESTS" 20
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), client $CLIENT" | tee -a "$out/results.txt"
