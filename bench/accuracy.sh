#!/usr/bin/env bash
# Accuracy of every unsupervised detector on shared/datasets beside scikit-learn's peers;
# writes docs/accuracy.md. Build first: bin/build -Pbench -pl bench -am package -DskipTests
#   bench/accuracy.sh [--seeds 5] [--threads 2] [--include-gz] [--no-peers] [--no-supervised] [--only pima,thyroid]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
JAVA_HOME="$("$root/bin/find-jdk")"
exec "$JAVA_HOME/bin/java" -Xmx6g --enable-native-access=ALL-UNNAMED \
  -cp bench/target/benchmarks.jar io.sentinelrisk.bench.detect.AccuracyRunner \
  --datasets ../shared/datasets --peers ../shared/peers/py_peer.py --out docs/accuracy.md "$@"
