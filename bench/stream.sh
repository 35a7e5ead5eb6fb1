#!/usr/bin/env bash
# Throughput of the stream scorer on this machine, loopback only: the in-process StreamScorer
# alone, then the plain Kafka scorer (`sentinel stream run`'s loop, same JVM) reading the same
# events from a local single-node broker (bench/kafka-broker.sh) — events per second of each,
# medians and bests of ROUNDS rounds (the two alternate), with the load average before and after.
#
#   bench/stream.sh [OUT_DIR]          (default bench/target/stream)
# Environment: USERS (200) and EVENTS_PER_USER (100): the size of the generated SOC stream;
#   ROUNDS (5); REBUILD=1 rebuilds the jar and the test classpath.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$root/bench/target/stream}"
users="${USERS:-200}"
per_user="${EVENTS_PER_USER:-100}"
rounds="${ROUNDS:-5}"
mkdir -p "$out"
if [ ! -f "$root/cli/target/sentinel.jar" ] || [ -n "${REBUILD:-}" ]; then
  "$root/bin/build" -q
fi
cp_file="$root/stream/target/test.classpath"
if [ ! -f "$cp_file" ] || [ -n "${REBUILD:-}" ]; then
  "$root/bin/build" -q -pl stream -am test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/test.classpath >&2
fi
s="$root/bin/sentinel"
"$s" generate soc --n-users "$users" --events-per-user "$per_user" --seed 1 -o "$out/train.csv" >/dev/null
"$s" generate soc --n-users "$users" --events-per-user "$per_user" --seed 2 --start 2024-02-01 -o "$out/stream.csv" >/dev/null
"$s" train -i "$out/train.csv" --features pack:soc --id-column event_id --ignore-column scenario -m "$out/m.srb" >/dev/null

broker_dir="$out/kafka"
rm -rf "$broker_dir"
"$root/bench/kafka-broker.sh" "$broker_dir" bench-events bench-alerts >"$out/broker.log" 2>&1 &
broker=$!
trap 'kill "$broker" 2>/dev/null || true; wait "$broker" 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do [ -s "$broker_dir/bootstrap" ] && break; sleep 0.5; done
[ -s "$broker_dir/bootstrap" ] || { echo "stream.sh: the broker did not start (see $out/broker.log)" >&2; exit 1; }
bootstrap="$(tr -d '\n' < "$broker_dir/bootstrap")"

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$out/load.txt"
java="$("$root/bin/find-jdk")/bin/java"
"$java" -Xmx2g -Djava.io.tmpdir="$out" -Dlogback.configurationFile="$root/stream/src/test/resources/logback-test.xml" \
  -cp "$root/stream/target/test-classes:$root/stream/target/classes:$(cat "$cp_file")" \
  io.sentinelrisk.stream.StreamBench "$out/m.srb" "$out/stream.csv" "$bootstrap" bench "$rounds" 2>"$out/bench.log" | tee "$out/results.jsonl"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/load.txt"
python3 - "$out/results.jsonl" <<'PY'
import json, statistics, sys
runs = {}
for line in open(sys.argv[1]):
    r = json.loads(line)
    runs.setdefault(r["path"], []).append(r["events_per_s"])
for p, v in runs.items():
    print(f"{p:12s} median {statistics.median(v):,.0f} events/s, best {max(v):,.0f} ({len(v)} rounds)")
if "in_process" in runs and "kafka" in runs:
    print(f"kafka / in-process (medians): {100 * statistics.median(runs['kafka']) / statistics.median(runs['in_process']):.0f}%")
PY
