#!/usr/bin/env bash
# SentinelRisk's IsolationForest side by side with scikit-learn's, on the same CSVs, same machine,
# same session: fit time, score time, score rows/s and ROC AUC for both, 100 trees,
# max_samples 256 (scikit-learn's "auto" = min(256, rows); every shared dataset has more rows).
#
#   bench/side-by-side.sh [OUT_DIR]          (default bench/target/side-by-side)
#
# One fresh process per run, scikit-learn and ours alternating, so both see the same load:
#   scikit-learn: /usr/bin/python3 $SHARED/peers/py_peer.py --algo iforest   (one JSON line)
#   ours:         io.sentinelrisk.bench.PeerRunner (bench/target/benchmarks.jar), two JSON lines:
#                 "cold" = first fit and score of a fresh JVM, "warm" = median of REPEATS rounds
#                 after WARMUP rounds in the same JVM.
# Results: OUT_DIR/runs.jsonl (every line, with "cpu_busy_before"), OUT_DIR/summary.md
# (/work/shared/peers/summarize.py) and OUT_DIR/comparison.md (ratios against the targets).
#
# Environment:
#   SHARED          the shared folder (default: ../shared next to the repository, i.e. /work/shared)
#   DATASETS        CSV files (default: every *.csv and *.csv.gz in $SHARED/datasets)
#   SEEDS           random_state values (default "1 2 3 4 5")
#   JOBS            thread counts, each run by both (default "1 2"); scikit-learn 1.2.1 scores on
#                   one thread whatever n_jobs is
#   WARMUP, REPEATS our warm-up rounds and measured rounds (default 20 and 5)
#   QUIET           before each run, wait until the CPUs are at most this busy over a 1 s sample
#                   (fraction 0..1 of all CPUs from /proc/stat; default 0.5; 1 = never wait),
#   QUIET_MAX_WAIT  but at most this many seconds (default 30). The machine is shared: the busy
#                   fraction seen is stored with every run and summarised next to the figures.
#   REBUILD=1       rebuild bench/target/benchmarks.jar first (it is built when missing)
# Needs: python3-sklearn and python3-pandas (apt-get install -y python3-sklearn python3-pandas).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
. "$root/bench/common.sh"
bench_init side-by-side "sklearn, pandas" "python3-sklearn python3-pandas"
out="${1:-$root/bench/target/side-by-side}"
SEEDS="${SEEDS:-1 2 3 4 5}"
JOBS="${JOBS:-1 2}"
WARMUP="${WARMUP:-20}"
REPEATS="${REPEATS:-5}"
peer="$SHARED/peers/py_peer.py"
[ -f "$peer" ] || { echo "side-by-side: no $peer (set SHARED)" >&2; exit 2; }

mkdir -p "$out"
: > "$out/runs.jsonl"
echo "side-by-side: $(echo $DATASETS | wc -w) datasets, seeds [$SEEDS], jobs [$JOBS] -> $out" >&2
for csv in $DATASETS; do
  for jobs in $JOBS; do
    for seed in $SEEDS; do
      busy="$(wait_quiet)"
      "$PY" "$peer" --csv "$csv" --algo iforest --jobs "$jobs" --seed "$seed" | record "$out/runs.jsonl" "$busy"
      busy="$(wait_quiet)"
      "$java" -Xmx2g -cp "$jar" io.sentinelrisk.bench.PeerRunner --csv "$csv" --jobs "$jobs" --seed "$seed" \
        --n-estimators 100 --max-samples 256 --warmup "$WARMUP" --repeats "$REPEATS" | record "$out/runs.jsonl" "$busy"
      echo "side-by-side: $(basename "$csv") jobs=$jobs seed=$seed done (cpu busy before: $busy)" >&2
    done
  done
done

"$PY" "$SHARED/peers/summarize.py" "$out/runs.jsonl" > "$out/summary.md"
"$PY" "$root/bench/side_by_side_table.py" "$out/runs.jsonl" > "$out/comparison.md"
cat "$out/comparison.md"
echo >&2
echo "side-by-side: every run in $out/summary.md, raw lines in $out/runs.jsonl" >&2
