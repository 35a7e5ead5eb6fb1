#!/usr/bin/env bash
# Start-up cost: `sentinel --version`, `sentinel score --help` and a small `score` (1,000 rows of
# cover), each with and without the start-up cache (bin/startup-cache; SENTINEL_STARTUP_CACHE=0
# starts without it), alternating, RUNS times each; prints a markdown table of the medians of the
# wall time and of the CPU time (user + system, /usr/bin/time) with the load average.
#
#   bench/startup.sh [OUT_DIR]      (default bench/target/startup; RUNS=7)
# Needs: bin/build (the jar and its cache), /usr/bin/time (apt-get install -y time).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
SHARED="${SHARED:-$(cd "$root/.." && pwd)/shared}"
RUNS="${RUNS:-7}"
out="${1:-$root/bench/target/startup}"
sentinel="$root/bin/sentinel"
mkdir -p "$out"
[ -f "$root/cli/target/sentinel.jar" ] || { echo "startup: build first: bin/build" >&2; exit 2; }
small="$out/small.csv"
[ -s "$small" ] || { gzip -dc "$SHARED/datasets/cover.csv.gz" || true; } | head -1001 > "$small"   # gzip stops early: head closes the pipe
[ "$out/small.srb" -nt "$root/cli/target/sentinel.jar" ] || "$sentinel" train -i "$small" -m "$out/small.srb" >/dev/null
: > "$out/runs.tsv"
load_before="$(cut -d' ' -f1 /proc/loadavg)"
for i in $(seq 1 "$RUNS"); do
  for cache in 1 0; do
    for c in version help small; do
      case $c in
        version) cmd=("$sentinel" --version) ;;
        help) cmd=("$sentinel" score --help) ;;
        small) cmd=("$sentinel" score -i "$small" --model "$out/small.srb" --export-csv "$out/small-scores.csv") ;;
      esac
      SENTINEL_STARTUP_CACHE=$cache /usr/bin/time -f "%e %U %S" -o "$out/time" "${cmd[@]}" >/dev/null 2>&1
      printf '%s\t%s\t%s\n' "$c" "$cache" "$(awk '{ print $1 "\t" $2 + $3 }' "$out/time")" >> "$out/runs.tsv"
    done
  done
done
load_after="$(cut -d' ' -f1 /proc/loadavg)"
{
  echo "Measured $(date -u '+%Y-%m-%d %H:%M') UTC, \`bench/startup.sh\` (RUNS=$RUNS), load average $load_before–$load_after:"
  echo
  echo "| command | start-up cache | wall s | CPU s |"
  echo "|---|---|--:|--:|"
  for c in version help small; do
    for cache in 1 0; do
      name="\`sentinel --version\`"; [ $c = help ] && name="\`sentinel score --help\`"; [ $c = small ] && name="\`score\` 1,000 rows of cover, scorecard CSV"
      awk -F'\t' -v c=$c -v k=$cache -v name="$name" '
        $1 == c && $2 == k { w[++n] = $3; u[n] = $4 }
        function med(a, n,   i, j, t) { for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j-1] > a[j]; j--) { t = a[j]; a[j] = a[j-1]; a[j-1] = t }
                                        return n % 2 ? a[(n+1)/2] : (a[n/2] + a[n/2+1]) / 2 }
        END { printf "| %s | %s | %.2f | %.2f |\n", name, (k == 1 ? "with" : "without"), med(w, n), med(u, n) }' "$out/runs.tsv"
    done
  done
} | tee "$out/startup.md"
