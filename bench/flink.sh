#!/usr/bin/env bash
# Throughput of the Flink job per slot against the in-process StreamScorer alone, on the same
# generated SOC events and bundle (pack:soc features): a real KRaft broker and a Flink
# MiniCluster in one JVM, loopback only. Prints the numbers and the load average; they are also
# written to stream-flink/target/flink-bench.txt.
#
#   bench/flink.sh [ROWS]     ROWS generated SOC rows (default 60000; the last third is replayed)
#
# The events are in the input topic before the job starts; a bounded job's run time (job start
# to end, Flink's net runtime) includes its start-up and its last checkpoint.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
rows="${1:-60000}"
uptime
bin/build -q -pl stream-flink -am test -Dtest=FlinkThroughputBench -Dsurefire.failIfNoSpecifiedTests=false \
  -Dsentinel.bench=true -Dsentinel.bench.rows="$rows" >stream-flink/target/flink-bench.log 2>&1 || {
  tail -40 stream-flink/target/flink-bench.log; exit 1; }
cat stream-flink/target/flink-bench.txt
uptime
