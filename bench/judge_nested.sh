#!/usr/bin/env bash
# Nested leave-one-scenario-out choice of judge settings (docs/judge.md): for each scenario S, the
# setting is chosen by its mean F1 on inner folds trained without S (each other scenario T left
# out in turn from the training data without S), then measured on S. Data as bench/judge.sh.
#   bench/judge_nested.sh KIND NAME=key:value,key:value ... (NAME= alone: the config as shipped)
#   WORK (default bench/out/judge), JOBS (parallel runs, default 2), OUTER_ONLY=1 (no inner folds:
#   the plain leave-one-scenario-out F1 of each setting, no choice), REUSE=NAME (start each run from a
#   copy of setting NAME's finished run: settings that change only the judge section then skip the
#   autoencoder and embed stages, whose stamps do not cover that section)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="${WORK:-$root/bench/out/judge}"
kind="$1"; shift
KINDS="$kind" ONLY_DATA=1 "$root/bench/judge.sh" "$work" >/dev/null
if [ "$kind" = soc ]; then scenarios="brute_force data_exfiltration impossible_travel"; else scenarios="card_testing foreign_spree high_value"; fi
out="$work/nested/$kind"
/usr/bin/python3 "$root/bench/judge_nested.py" configs "$work/$kind-normal" "$out" $scenarios -- "$@"
export SOURCE_DATE_EPOCH=1700000000
for spec in "$@"; do
  name="${spec%%=*}"; d="$out/$name"; mkdir -p "$d/runs"
  for s in $scenarios; do
    echo "$d/outer.yaml $d/runs/outer-$s $s"
    [ "${OUTER_ONLY:-0}" = 1 ] || for t in $scenarios; do [ "$t" = "$s" ] || echo "$d/inner-without-$s.yaml $d/runs/inner-$s-$t $t"; done
  done
done | while read -r cfg dir s; do
  if [ -n "${REUSE:-}" ] && [ ! -d "$dir" ] && [ -f "$out/$REUSE/runs/${dir##*/}/evaluation.json" ]; then
    cp -r "$out/$REUSE/runs/${dir##*/}" "$dir" && rm "$dir/evaluation.json"   # never read as this setting's
  fi
  echo "$cfg $dir $s"
done | xargs -P "${JOBS:-2}" -L 1 sh -c 'echo "+ pipeline run --config $0 --out-dir $1 --leave-out $2" >&2; '"$root"'/bin/sentinel pipeline run --config "$0" --out-dir "$1" --leave-out "$2" > "$1.log" 2>&1 || echo "FAILED: $1 (see $1.log)" >&2'
SETTINGS_ORDER="$(for spec in "$@"; do printf '%s ' "${spec%%=*}"; done)" /usr/bin/python3 "$root/bench/judge_nested.py" table "$out" $scenarios
