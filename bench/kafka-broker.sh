#!/usr/bin/env bash
# A single-node Kafka broker on this machine for trying `sentinel stream` (docs/streaming.md):
# Kafka's own in-process KRaft test cluster (from Maven Central, nothing to install), listening on
# 127.0.0.1 at a free port, data under DIR. Prints the address and writes it to DIR/bootstrap;
# runs in the foreground until Ctrl-C (put it in the background with &).
#
#   bench/kafka-broker.sh [DIR [TOPIC...]]     (default DIR bench/target/kafka; TOPICs are created, 1 partition each)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="${1:-$root/bench/target/kafka}"
shift || true
mkdir -p "$dir"
cp_file="$root/stream/target/test.classpath"
if [ ! -f "$cp_file" ] || [ ! -d "$root/stream/target/test-classes" ] || [ -n "${REBUILD:-}" ]; then
  "$root/bin/build" -q -pl stream -am test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/test.classpath >&2
fi
java="$("$root/bin/find-jdk")/bin/java"
rm -f "$dir/bootstrap"
exec "$java" -Xmx1g -Djava.io.tmpdir="$dir" \
  -cp "$root/stream/target/test-classes:$(cat "$cp_file")" io.sentinelrisk.stream.DevBroker "$dir" "$@"
