#!/usr/bin/env bash
# Every detector's fit and score time beside its Python counterpart (scikit-learn, XGBoost,
# PyTorch, NumPy), on the same standardised data, the same threads, the same machine, one
# dataset at a time with the two sides alternating:
#   ours:   io.sentinelrisk.bench.detect.SpeedRunner (bench/target/benchmarks.jar)
#   theirs: bench/peer_speed.py (/usr/bin/python3)
# Both: a cold round, warm-up rounds (WARMUP_S seconds), then the median of up to REPEATS
# measured rounds (fewer when a round is long: BUDGET_S seconds per detector). With
# ALTERNATIONS=N each side runs N times per dataset, alternating, in fresh processes, and the
# table takes the median of the N medians: on a shared machine a whole process can run slow.
#
#   bench/speed.sh [OUT_DIR]            (default bench/target/speed)
#
# Results: OUT_DIR/runs.jsonl (one line per side, detector and dataset, with the CPU busy
# fraction seen before each run) and OUT_DIR/speed.md (bench/speed_table.py).
# Environment: SHARED (default ../shared), DATASETS (default every CSV of $SHARED/datasets),
#   DETECTORS (comma-separated, default all), THREADS (default 2), SEED (1), REPEATS (5),
#   WARMUP_S (3), BUDGET_S (30), ALTERNATIONS (1), XGBOOST_NATIVE (debian; see below), APPEND=1
#   to add to OUT_DIR/runs.jsonl instead of starting anew, QUIET and QUIET_MAX_WAIT and REBUILD
#   (bench/common.sh).
# XGBOOST_NATIVE=ours runs the Python XGBoost peer on the native library that SentinelRisk ships
# instead of Debian's (use_our_native_xgboost in bench/common.sh): both sides then train with the
# same C++ code; the table names the package and the native version.
# Needs: apt-get install -y python3-sklearn python3-pandas python3-xgboost python3-torch
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
. "$root/bench/common.sh"
bench_init speed "sklearn, pandas, xgboost, torch" "python3-sklearn python3-pandas python3-xgboost python3-torch"
out="${1:-$root/bench/target/speed}"
THREADS="${THREADS:-2}"
SEED="${SEED:-1}"
REPEATS="${REPEATS:-5}"
WARMUP_S="${WARMUP_S:-3}"
BUDGET_S="${BUDGET_S:-30}"
ALTERNATIONS="${ALTERNATIONS:-1}"

DETECTORS="${DETECTORS:-iforest,ocsvm,lof,knn,hbos,ecod,autoencoder,random_forest,xgboost,ensemble}"
peer_algos="$(echo "$DETECTORS" | tr ',' '\n' | grep -v '^ensemble$' | paste -sd, -)"

case "${XGBOOST_NATIVE:-debian}" in
  debian) ;;
  ours) use_our_native_xgboost ;;
  *) echo "speed: XGBOOST_NATIVE is debian or ours, not '$XGBOOST_NATIVE'" >&2; exit 2 ;;
esac

mkdir -p "$out"
[ -n "${APPEND:-}" ] || : > "$out/runs.jsonl"
common=(--seed "$SEED" --repeats "$REPEATS" --warmup-s "$WARMUP_S" --budget-s "$BUDGET_S")
for csv in $DATASETS; do
  for pass in $(seq "$ALTERNATIONS"); do
    busy="$(wait_quiet)"
    "$java" -Xmx8g --enable-native-access=ALL-UNNAMED -cp "$jar" io.sentinelrisk.bench.detect.SpeedRunner \
      --csv "$csv" --detectors "$DETECTORS" --threads "$THREADS" "${common[@]}" 2>/dev/null | record "$out/runs.jsonl" "$busy"
    busy="$(wait_quiet)"
    if [ -n "$peer_algos" ]; then
      "$PY" "$root/bench/peer_speed.py" --csv "$csv" --algos "$peer_algos" --jobs "$THREADS" "${common[@]}" | record "$out/runs.jsonl" "$busy"
    fi
  done
  echo "speed: $(basename "$csv") done (cpu busy before: $busy)" >&2
done
"$PY" "$root/bench/speed_table.py" "$out/runs.jsonl" > "$out/speed.md"
cat "$out/speed.md"
