#!/usr/bin/env bash
# How many instructions XGBoost executes to train, counted by valgrind's callgrind: unlike wall
# time, the count does not depend on what else the machine is doing. One fit of 200 rounds
# (depth 6, eta 0.1, hist) on all rows of CSV, one thread; counted inside
# xgboost::LearnerImpl::UpdateOneIter, i.e. the boosting rounds, without loading the data, the
# interpreter or the JVM. Three runs:
#   python, Debian's native   bench/xgboost_train_timing.py on Debian's python3-xgboost
#   python, our native        the same, on the native library SentinelRisk ships
#                             (use_our_native_xgboost in bench/common.sh)
#   sentinelrisk              the xgboost detector (XgboostTrainTiming)
#
#   bench/xgboost_instructions.sh [CSV]      (default $SHARED/datasets/annthyroid.csv)
#
# Needs: apt-get install -y valgrind python3-xgboost. Takes a few minutes (valgrind runs the
# programs about 50 times slower).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
. "$root/bench/common.sh"
bench_init xgboost_instructions "xgboost" "python3-xgboost"
command -v valgrind >/dev/null || { echo "xgboost_instructions: valgrind is missing: apt-get install -y valgrind" >&2; exit 2; }
csv="${1:-$SHARED/datasets/annthyroid.csv}"
work="$root/bench/target/xgboost-instructions"
mkdir -p "$work"

# Prints the instructions counted inside the boosting rounds of the command's one fit.
count() {
  local out="$work/$1.callgrind"
  shift
  valgrind --tool=callgrind --toggle-collect='xgboost::LearnerImpl::UpdateOneIter*' \
    --callgrind-out-file="$out" "$@" > /dev/null 2> "$out.log"
  sed -n 's/^==[0-9]*== Collected : //p' "$out.log"
}

debian="$(count python-debian "$PY" "$root/bench/xgboost_train_timing.py" "$csv" --threads 1 --fits 1)"
sentinel="$(count sentinelrisk "$java" -XX:+UseSerialGC --enable-native-access=ALL-UNNAMED -cp "$jar" \
  io.sentinelrisk.bench.detect.XgboostTrainTiming "$csv" --threads 1 --fits 1)"
use_our_native_xgboost 2>/dev/null
python_ours="$(count python-ours "$PY" "$root/bench/xgboost_train_timing.py" "$csv" --threads 1 --fits 1)"
native="$(cat "$root/bench/target/xgboost-on-ours/xgboost/VERSION")"
commas() { echo "$1" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta'; }

echo "| $(basename "$csv"), one fit, 1 thread | instructions in the boosting rounds |"
echo "|---|--:|"
echo "| Python xgboost $XGBOOST_FRONT_END, Debian's native $XGBOOST_FRONT_END | $(commas "$debian") |"
echo "| Python xgboost $XGBOOST_FRONT_END on native $native (SentinelRisk's) | $(commas "$python_ours") |"
echo "| SentinelRisk xgboost, XGBoost4J $native | $(commas "$sentinel") |"
