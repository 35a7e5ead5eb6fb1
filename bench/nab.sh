#!/usr/bin/env bash
# NAB (Numenta Anomaly Benchmark) scores of a detector's results over every NAB data file in
# ../shared/datasets/nab, with NAB's scoring rules (io.sentinelrisk.core.evaluate.nab):
# normalised scores per profile and per category, at the threshold optimised on these files and,
# with --thresholds, at NAB's published one (then also compared with NAB's per-file tables).
#
#   bench/nab.sh                     NAB's own Windowed Gaussian results (the scorer's reference check)
#   bench/nab.sh --results DIR [--detector NAME] [--thresholds FILE] [--nab DIR]
#     DIR in NAB's layout: DIR/<category>/<detector>_<file>.csv with timestamp and anomaly_score.
#   bench/nab.sh stream_rcf [--season daily|0|ROWS] [--likelihood true|false] [--shingle-size N] [--n-trees N]
#                [--sample-size N] [--time-decay X] [--seed N] [--out DIR] [--nab DIR]
#     runs the stream_rcf detector over every NAB file (one detector per file, learning online, NAB's
#     probationary period as warm-up), writes its results in NAB's layout and scores them as above,
#     also at the likelihood's own alarm level (a threshold fixed before any file is seen).
#     Also --spatial-tolerance X, --quiet-rows N, --threads N (files in parallel, same scores),
#     --recall daily|0|ROWS (recall_period, the seasonal recall rule; daily = one day of the file's rows).
#   bench/nab.sh stream_rcf-grid [--spatial X,..] [--quiet N,..] [--time-decay X,..] [--n-trees N,..] [--recall 0,daily,..]
#                [--seed N] [--threads N]
#     in-sample, leave-one-category-out and alarm-level scores of every combination (parameter choice
#     without the held-out category's files).
#   bench/nab.sh amazon_rcf [--seed N] [--threads N]
#     the baseline: Amazon's randomcutforest-core (bench module only) through the same likelihood layer.
#
# Builds the core classes it needs (no tests) unless SENTINEL_NAB_NO_BUILD=1.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
JAVA_HOME="$("$root/bin/find-jdk")"
export JAVA_HOME
nab="$root/../shared/datasets/nab"
main=io.sentinelrisk.bench.nab.NabRun
if [ "${1:-}" = stream_rcf ]; then
  shift
  main=io.sentinelrisk.bench.nab.NabStreamRcf
  set -- --nab "$nab" "$@"
elif [ "${1:-}" = stream_rcf-grid ]; then
  shift
  main=io.sentinelrisk.bench.nab.NabStreamRcfGrid
  set -- --nab "$nab" "$@"
elif [ "${1:-}" = amazon_rcf ]; then
  shift
  main=io.sentinelrisk.bench.nab.NabAmazonRcf
  set -- --nab "$nab" "$@"
elif [ $# -eq 0 ]; then
  set -- --nab "$nab" --results "$nab/reference/windowedGaussian" --thresholds "$nab/reference/config/thresholds.json"
fi
if [ "${SENTINEL_NAB_NO_BUILD:-0}" != 1 ]; then
  major="$(sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$JAVA_HOME/release" 2>/dev/null || true)"
  if [ "${major:-0}" -ge 24 ]; then
    export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED"
  fi
  ./mvnw -B -ntp -q -Pbench -pl bench -am compile dependency:build-classpath \
    -Dmdep.outputFile=target/nab.classpath -Dmdep.includeScope=runtime >/dev/null
fi
cp="bench/target/classes:core/target/classes:$(cat bench/target/nab.classpath)"
exec "$JAVA_HOME/bin/java" -Xmx2g -cp "$cp" "$main" "$@"
