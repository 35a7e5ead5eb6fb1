#!/usr/bin/env bash
# A/B of two JVM option sets on one build: runs `bin/sentinel ARGS...` N times with SENTINEL_JAVA_OPTS=B
# and N times with A, alternating (the order swapped every pair), and prints the medians of each side
# and the median of the paired differences (A - B) of the wall time (nanosecond clock), the CPU time
# (user + system), the system time and the page faults (/usr/bin/time), with how often A was lower.
#   bench/opts-ab.sh 30 "-XX:+UseTransparentHugePages" "-XX:-UseTransparentHugePages" score -i cover.csv -m cover.srb --export-csv card.csv
set -u
N=${1:?runs}; OB=$2; OA=$3; shift 3
S="$(cd "$(dirname "$0")/.." && pwd)/bin/sentinel"
export SOURCE_DATE_EPOCH=1
out=$(mktemp); t=$(mktemp)
for i in $(seq "$N"); do
  for side in b a; do
    if [ $((i % 2)) = 0 ]; then [ $side = b ] && side=a || side=b; fi
    [ $side = b ] && O="$OB" || O="$OA"
    t0=$(date +%s%N)
    SENTINEL_JAVA_OPTS="$O" /usr/bin/time -o "$t" -f "%U %S %R" "$S" "$@" > /dev/null 2>&1
    t1=$(date +%s%N)
    echo "$i $side $(( (t1 - t0) / 1000 )) $(cat "$t")" >> "$out"
  done
done
python3 - "$out" <<'PY'
import sys, statistics as st, collections
d = collections.defaultdict(dict)
for line in open(sys.argv[1]):
    i, side, us, user, system, faults = line.split()
    d[int(i)][side] = (int(us) / 1000, float(user) + float(system), float(system), int(faults))
pairs = [v for v in d.values() if len(v) == 2]
for k, name in ((0, "wall ms"), (1, "CPU s"), (2, "system s"), (3, "faults")):
    b = [v["b"][k] for v in pairs]; a = [v["a"][k] for v in pairs]
    diff = [v["a"][k] - v["b"][k] for v in pairs]
    print(f"{name:9} B {st.median(b):10.3f}  A {st.median(a):10.3f}  paired A-B {st.median(diff):+9.3f}  A lower in {sum(x < 0 for x in diff)}/{len(diff)}")
PY
rm -f "$out" "$t"
