#!/usr/bin/env bash
# The hybrid judge against its baselines, side by side (docs/judge.md): on `generate soc` and
# `generate transactions`, under (a) leave-one-scenario-out, (b) heuristic pseudo-labels only and
# 1% of the true labels, (c) --difficulty hard; plus all true labels as a reference. Every run is
# `sentinel pipeline run` with its evaluation.json; bench/judge_table.py makes the tables.
#   bench/judge.sh [WORKDIR]        (default bench/out/judge; prints the tables in Markdown)
#   USERS, EVENTS (soc: 100 × 200), CARDS, PER_CARD (transactions: 500 × 40), CONTAMINATION (0.02),
#   KINDS (default "soc transactions"; e.g. KINDS=soc and KINDS=transactions as two runs in parallel),
#   ONLY_DATA=1 (make the data only; bench/judge_nested.sh uses it),
#   TRAIN_SEED, TEST_SEED (1 and 2; other seeds give fresh data to choose settings on, in another WORKDIR)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="${1:-$root/bench/out/judge}"
S="$root/bin/sentinel"
USERS="${USERS:-100}"; EVENTS="${EVENTS:-200}"; CARDS="${CARDS:-500}"; PER_CARD="${PER_CARD:-40}"
CONTAMINATION="${CONTAMINATION:-0.02}"; KINDS="${KINDS:-soc transactions}"
[ -f "$root/cli/target/sentinel.jar" ] || "$root/bin/build" -q
mkdir -p "$work"
export SOURCE_DATE_EPOCH=1700000000

run() { echo "+ $*" >&2; "$@"; }

# data KIND DIFFICULTY: train (seed 1) and test (seed 2, clean labels; TRAIN_SEED, TEST_SEED) with the kind's feature pack
data() {
  local kind="$1" level="$2" dir="$work/$1-$2" size
  [ -f "$dir/test.csv" ] && return
  mkdir -p "$dir"
  if [ "$kind" = soc ]; then size=(--n-users "$USERS" --events-per-user "$EVENTS"); else size=(--cards "$CARDS" --transactions-per-card "$PER_CARD"); fi
  run "$S" generate "$kind" "${size[@]}" --contamination "$CONTAMINATION" --difficulty "$level" --seed "${TRAIN_SEED:-1}" -o "$dir/train-raw.csv" >&2
  run "$S" generate "$kind" "${size[@]}" --contamination "$CONTAMINATION" --difficulty "$level" --label-noise 0 --seed "${TEST_SEED:-2}" -o "$dir/test-raw.csv" >&2
  run "$S" features build --pack "$kind" --input "$dir/train-raw.csv" --output "$dir/train.csv" >&2
  run "$S" features build --pack "$kind" --input "$dir/test-raw.csv" --output "$dir/test.csv" >&2
  cp "$root/bench/judge/$kind-rules.yaml" "$dir/"
  cp "$root/bench/judge/$kind-pipeline.yaml" "$dir/pipeline.yaml"
}

# judge NAME KIND DIFFICULTY [pipeline run flags...]
judge() {
  local name="$1" kind="$2" level="$3"; shift 3
  mkdir -p "$work/runs/$kind"
  run "$S" pipeline run --config "$work/$kind-$level/pipeline.yaml" --out-dir "$work/runs/$kind/$name" "$@" \
    > "$work/runs/$kind/$name.log"
}

for kind in $KINDS; do
  data "$kind" normal
  data "$kind" hard
  [ "${ONLY_DATA:-0}" = 1 ] && continue
  if [ "$kind" = soc ]; then scenarios="data_exfiltration impossible_travel brute_force"; else scenarios="card_testing high_value foreign_spree"; fi
  judge all-labels "$kind" normal
  for s in $scenarios; do
    judge "loso-$s" "$kind" normal --leave-out "$s"
  done
  judge pseudo-only "$kind" normal --true-fraction 0
  judge one-percent "$kind" normal --true-fraction 0.01
  judge hard "$kind" hard
done
[ "${ONLY_DATA:-0}" = 1 ] || /usr/bin/python3 "$root/bench/judge_table.py" "$work/runs"
