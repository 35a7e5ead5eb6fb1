#!/usr/bin/env bash
# Whole-process speed and memory: the `sentinel` command against the script a user would write
# instead (shared/peers/e2e/sk_pipeline.py: pandas read_csv -> scikit-learn IsolationForest ->
# to_csv), on the same files with the same outputs (a scores CSV), start-up included. Each case
# runs RUNS times per side, the two sides alternating; the table shows medians of the wall time
# of the CPU time (user + system) and of the peak RSS (/usr/bin/time -v), the ratio Python /
# SentinelRisk of the wall times and of the CPU times, the CPU busy fraction seen before the case's
# runs and the 1-minute load average before and after them: on a shared machine the wall time
# measures the load too, the CPU time much less so. Below the table: each side's range of wall
# times and the ratio's range over the runs paired as they alternated. The output is markdown,
# ready to paste.
#
#   bench/e2e.sh [OUT_DIR]        (default bench/target/e2e; prints the markdown table, also OUT_DIR/e2e.md)
#
# Cases: score and train on cover (decompressed) and on a generated 1,000,000 x 10 numeric file,
# train on satellite, `sentinel --version`, and `predict` of one record.
# Environment: SHARED (default ../shared), RUNS (default 3), RUN_TIMEOUT (seconds per run,
# default 300), QUIET and QUIET_MAX_WAIT (bench/common.sh: wait for a quieter machine before each
# case), CASES (space-separated case names to run, default all), KEEP=1 to add to OUT_DIR's
# earlier runs instead of starting anew (the table then shows them all).
# Needs: bin/build (cli/target/sentinel.jar and its start-up cache), and Debian's Python peer:
#   apt-get install -y python3-sklearn python3-pandas
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
. "$root/bench/common.sh"
SHARED="${SHARED:-$(cd "$root/.." && pwd)/shared}"
RUNS="${RUNS:-3}"
RUN_TIMEOUT="${RUN_TIMEOUT:-300}"
PY=/usr/bin/python3
peer="$SHARED/peers/e2e/sk_pipeline.py"
sentinel="$root/bin/sentinel"
out="${1:-$root/bench/target/e2e}"
mkdir -p "$out/data" "$out/runs"
commit="$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')"   # at the start: what was built
started="$(date -u '+%Y-%m-%d %H:%M')"

[ -f "$peer" ] || { echo "e2e: $peer is missing (set SHARED)" >&2; exit 2; }
[ -f "$root/cli/target/sentinel.jar" ] || { echo "e2e: build first: bin/build" >&2; exit 2; }
"$PY" -c "import sklearn, pandas" 2>/dev/null \
  || { echo "e2e: the Python peer is missing; install it: apt-get update && apt-get install -y python3-sklearn python3-pandas" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "e2e: /usr/bin/time is missing; install it: apt-get install -y time" >&2; exit 2; }

# The data: cover decompressed, satellite as it is, and a generated numeric file (fixed seed).
cover="$out/data/cover.csv"
[ -s "$cover" ] || gzip -dc "$SHARED/datasets/cover.csv.gz" > "$cover"
satellite="$SHARED/datasets/satellite.csv"
gen="$out/data/gen1m.csv"
if [ ! -s "$gen" ]; then
  "$PY" - "$gen" <<'PY'
import sys, numpy as np
rng = np.random.default_rng(7)
x = rng.normal(size=(1_000_000, 10))
x[::997] *= 6                                  # a few outliers
np.savetxt(sys.argv[1], x, fmt="%.6g", delimiter=",", header=",".join(f"x{i}" for i in range(10)), comments="")
PY
fi

# One timed run: SIDE CASE I COMMAND... -> appends "case side i seconds max_rss_kb exit" to runs.tsv.
timed() {
  local side="$1" case="$2" i="$3"; shift 3
  local t="$out/runs/$case.$side.$i.time"
  set +e
  timeout "$RUN_TIMEOUT" /usr/bin/time -v -o "$t" "$@" >"$out/runs/$case.$side.$i.out" 2>"$out/runs/$case.$side.$i.err"
  local code=$?
  set -e
  local wall rss cpu
  cpu="$(awk -F': ' '/User time \(seconds\)|System time \(seconds\)/ { s += $2 } END { print s }' "$t")"
  wall="$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$t" | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }')"
  rss="$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$t")"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$case" "$side" "$i" "${wall:-NA}" "${rss:-NA}" "$code" "${cpu:-NA}" >> "$out/runs.tsv"
  if [ "$code" != 0 ]; then
    echo "e2e: $case ($side, run $i) exited $code: $(tail -1 "$out/runs/$case.$side.$i.err")" >&2
  fi
}

# CASE "OURS..." "THEIRS..." (THEIRS empty: ours only). Alternates, RUNS times each.
run_case() {
  local case="$1" ours="$2" theirs="$3" busy i
  if [ -n "${CASES:-}" ] && [[ " $CASES " != *" $case "* ]]; then return; fi
  busy="$(wait_quiet)"
  local load_before load_after
  load_before="$(cut -d' ' -f1 /proc/loadavg)"
  echo "e2e: $case (CPU busy before: $busy, load average $load_before)" >&2
  for i in $(seq 1 "$RUNS"); do
    eval "timed ours $case $i $ours"
    if [ -n "$theirs" ]; then eval "timed python $case $i $theirs"; fi
  done
  load_after="$(cut -d' ' -f1 /proc/loadavg)"
  printf '%s\t%s\t%s\t%s\n' "$case" "$busy" "$load_before" "$load_after" >> "$out/busy.tsv"
}

[ -n "${KEEP:-}" ] || rm -f "$out/runs.tsv" "$out/busy.tsv"
m="$out/models"; mkdir -p "$m"
# Models for the score cases, made once, outside the timing.
for d in cover gen; do
  f="$cover"; [ "$d" = gen ] && f="$gen"
  [ "$m/$d.srb" -nt "$root/cli/target/sentinel.jar" ] || "$sentinel" train -i "$f" -m "$m/$d.srb" >/dev/null
  [ -s "$m/$d.pkl" ] || "$PY" "$peer" fit "$f" "$m/$d.pkl"
done
record='{"f1":2804,"f2":139,"f3":9,"f4":268,"f5":65,"f6":3180,"f7":234,"f8":238,"f9":135,"f10":6121}'

run_case version "$sentinel --version" ""
run_case predict "$sentinel predict -m $m/cover.srb --record '$record'" ""
run_case score-cover "$sentinel score -i $cover --model $m/cover.srb --export-csv $out/runs/ours.csv" \
  "$PY $peer score $cover $m/cover.pkl $out/runs/theirs.csv"
run_case train-cover "$sentinel train -i $cover -m $out/runs/ours.srb --export-csv $out/runs/ours.csv" \
  "$PY $peer fit $cover $out/runs/theirs.pkl $out/runs/theirs.csv"
run_case score-1m "$sentinel score -i $gen --model $m/gen.srb --export-csv $out/runs/ours.csv" \
  "$PY $peer score $gen $m/gen.pkl $out/runs/theirs.csv"
run_case train-1m "$sentinel train -i $gen -m $out/runs/ours.srb --export-csv $out/runs/ours.csv" \
  "$PY $peer fit $gen $out/runs/theirs.pkl $out/runs/theirs.csv"
run_case train-satellite "$sentinel train -i $satellite -m $out/runs/ours.srb --export-csv $out/runs/ours.csv" \
  "$PY $peer fit $satellite $out/runs/theirs.pkl $out/runs/theirs.csv"

{
echo "Measured $started–$(date -u '+%H:%M') UTC on $(nproc) CPUs, \`bench/e2e.sh\` (RUNS=$RUNS), commit $commit:"
echo
"$PY" - "$out/runs.tsv" "$out/busy.tsv" "$RUNS" <<'PY'

import sys, statistics, collections
runs = collections.defaultdict(list)
for line in open(sys.argv[1]):
    case, side, i, wall, rss, code, cpu = line.rstrip("\n").split("\t")
    if code == "0" and wall != "NA":
        runs[(case, side)].append((float(wall), int(rss), float(cpu)))
busy, load = {}, {}
for line in open(sys.argv[2]):
    f = line.rstrip("\n").split("\t")
    busy[f[0]] = f[1]
    load[f[0]] = f"{f[2]}–{f[3]}" if len(f) >= 4 else "?"
names = {"version": "`sentinel --version`", "predict": "`predict` one record (cover model)",
         "score-cover": "`score` cover 286,048 x 10, scorecard CSV", "train-cover": "`train` cover, scorecard CSV",
         "score-1m": "`score` generated 1,000,000 x 10, scorecard CSV", "train-1m": "`train` generated 1,000,000 x 10, scorecard CSV",
         "train-satellite": "`train` satellite 6,435 x 36, scorecard CSV"}
print(f"| run (whole process; medians) | runs | SentinelRisk s | Python + scikit-learn s | speed ratio | SentinelRisk CPU s | Python CPU s | CPU ratio | SentinelRisk peak RSS MB | Python peak RSS MB | CPU busy before | load average |")
print("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
def med(xs, k): return statistics.median(x[k] for x in xs)
for case in names:
    ours, theirs = runs.get((case, "ours")), runs.get((case, "python"))
    if not ours and not theirs:
        continue
    o = f"{med(ours, 0):.2f}" if ours else "failed"
    t = f"{med(theirs, 0):.2f}" if theirs else "—"
    ratio = f"{med(theirs, 0) / med(ours, 0):.1f}x" if ours and theirs else "—"
    ocpu = f"{med(ours, 2):.2f}" if ours else "—"
    tcpu = f"{med(theirs, 2):.2f}" if theirs else "—"
    orss = f"{med(ours, 1) / 1024:.0f}" if ours else "—"
    trss = f"{med(theirs, 1) / 1024:.0f}" if theirs else "—"
    n = len(ours or []) if not theirs else min(len(ours or []), len(theirs))
    cratio = f"{med(theirs, 2) / med(ours, 2):.1f}x" if ours and theirs else "—"
    print(f"| {names[case]} | {n} | {o} | {t} | {ratio} | {ocpu} | {tcpu} | {cratio} | {orss} | {trss} | {busy.get(case, '?')} | {load.get(case, '?')} |")
# A ratio of medians hides how much either side moved from run to run: the wall times' ranges and
# the ratio's range over the runs paired as they alternated (run i of each side).
spread = []
for case in names:
    ours, theirs = runs.get((case, "ours")), runs.get((case, "python"))
    if ours and theirs:
        paired = [t[0] / o[0] for o, t in zip(ours, theirs)]
        spread.append(f"{names[case]}: SentinelRisk {min(x[0] for x in ours):.2f}–{max(x[0] for x in ours):.2f} s, "
                      f"Python {min(x[0] for x in theirs):.2f}–{max(x[0] for x in theirs):.2f} s, "
                      f"paired ratio {min(paired):.1f}–{max(paired):.1f}x")
if spread:
    print()
    print("Spread of the wall times (min–max) and of the ratio over paired runs:")
    print()
    for line in spread:
        print(f"- {line}")
PY
} | tee "$out/e2e.md"
