#!/usr/bin/env bash
# Detection accuracy on shared/datasets. Build first: bin/build -Pbench -pl bench -am package -DskipTests
#
#   bench/accuracy.sh [--datasets ../shared/datasets] [--seeds 1] [--threads 2] [--include-gz] [--only pima,thyroid]
#                     [--protocols unsupervised,semi-supervised,adbench] [--out docs/accuracy.md] [--section protocol]
#     every unsupervised detector, the default ensemble and auto under the three protocols of
#     `sentinel evaluate --protocol`; prints the tables (with --out, replaces the section between
#     `<!-- SECTION-tables:begin -->` and `<!-- SECTION-tables:end -->` of that file).
#     Bounded: about 12 minutes for the nine uncompressed sets at one seed on a busy 2-core machine
#     (--include-gz adds cover, 286,048 rows: much longer).
#     --datasets DIR: every labelled CSV of another folder instead, e.g. the unseen pool:
#       /usr/bin/python3 bench/pool/make_pool.py /tmp/pool
#       bench/accuracy.sh --datasets /tmp/pool --seeds 3 --out docs/accuracy.md --section pool
#
#   bench/accuracy.sh --peers-table [--seeds 5] [--threads 2] [--include-gz] [--no-peers] [--no-supervised] [--only ...]
#     every detector beside scikit-learn's peers (fit on all rows); writes docs/accuracy.md, keeping the protocol tables.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
JAVA_HOME="$("$root/bin/find-jdk")"
if [[ "${1:-}" == "--peers-table" ]]; then
  shift
  exec "$JAVA_HOME/bin/java" -Xmx6g --enable-native-access=ALL-UNNAMED \
    -cp bench/target/benchmarks.jar io.sentinelrisk.bench.detect.AccuracyRunner \
    --datasets ../shared/datasets --peers ../shared/peers/py_peer.py --out docs/accuracy.md "$@"
fi
exec "$JAVA_HOME/bin/java" -Xmx6g --enable-native-access=ALL-UNNAMED \
  -cp bench/target/benchmarks.jar io.sentinelrisk.bench.detect.ProtocolAccuracy --datasets ../shared/datasets "$@"
