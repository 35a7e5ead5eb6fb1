#!/usr/bin/env bash
# A/B of whole `sentinel` runs: BEFORE (a copy of an earlier build: its bin/ and cli/target/{sentinel.jar,
# jdk-home,libsentinel-forest.so}, then BEFORE/bin/startup-cache) against ABW (a checkout with its build),
# alternating (the order swapped every run), RUNS times per case; the outputs of each pair are cmp-compared
# (a DIFFER line when they are not equal); prints a markdown table of medians (wall, CPU user+system, peak RSS).
# DATA holds cover.csv (gzip -dc ../shared/datasets/cover.csv.gz), gen1m.csv (as bench/e2e.sh writes it) and
# the models cover.srb and gen.srb trained from them (bin/sentinel train -i cover.csv -m cover.srb).
# ABW=$PWD BEFORE=/tmp/before DATA=/tmp/w RUNS=11 CASES="score-cover train-cover" bench/ab.sh
set -u
ABW=${ABW:?set ABW to the worktree}; BEFORE=${BEFORE:-/tmp/before}; RUNS=${RUNS:-9}
CASES=${CASES:-"score-cover train-cover score-1m train-1m satellite predict"}
W=${DATA:-/tmp/w}; O=$(mktemp -d /dev/shm/ab.XXXX); export SOURCE_DATE_EPOCH=1
SAT=${SHARED:-$(cd "$(dirname "$0")/../.." && pwd)/shared}/datasets/satellite.csv
declare -A T
run() { # side case
  local side=$1 c=$2 S; [ $side = b ] && S=$BEFORE/bin/sentinel || S=$ABW/bin/sentinel
  rm -f $O/$side.csv $O/$side.srb $O/$side.out
  case $c in
    score-cover) args=(score -i $W/cover.csv -m $W/cover.srb --export-csv $O/$side.csv);;
    train-cover) args=(train -i $W/cover.csv -m $O/$side.srb --export-csv $O/$side.csv);;
    score-1m) args=(score -i $W/gen1m.csv -m $W/gen.srb --export-csv $O/$side.csv);;
    train-1m) args=(train -i $W/gen1m.csv -m $O/$side.srb --export-csv $O/$side.csv);;
    satellite) args=(train -i $SAT -m $O/$side.srb --export-csv $O/$side.csv);;
    predict) args=(predict -m $W/cover.srb --record '{"f1":2804,"f2":139,"f3":9,"f4":268,"f5":65,"f6":3180,"f7":234,"f8":238,"f9":135,"f10":6121}');;
  esac
  /usr/bin/time -o $O/time -f "%e %U %S %M" $S "${args[@]}" > $O/$side.out 2>/dev/null
  read e u s m < $O/time; echo "$c $side $e $(echo "$u + $s" | bc) $m" >> $O/runs
}
for c in $CASES; do
  for i in $(seq $RUNS); do
    if [ $((i % 2)) = 1 ]; then run b $c; run a $c; else run a $c; run b $c; fi
    for f in csv srb out; do
      if [ -f $O/b.$f ] && ! cmp -s $O/b.$f $O/a.$f; then echo "DIFFER: $c $f run $i"; fi
    done
  done
done
python3 - $O/runs <<'PY'
import sys, statistics as st, collections
d=collections.defaultdict(list)
for l in open(sys.argv[1]):
    c,s,e,cpu,m=l.split(); d[(c,s)].append((float(e),float(cpu),int(m)))
print("| case | before wall | after wall | change | before CPU | after CPU | change | RSS MB before/after |")
print("|---|--:|--:|--:|--:|--:|--:|--:|")
for c in dict.fromkeys(k[0] for k in d):
    b=d[(c,'b')]; a=d[(c,'a')]
    med=lambda x,i: st.median(v[i] for v in x)
    print(f"| {c} | {med(b,0):.3f} | {med(a,0):.3f} | {100*(med(a,0)/med(b,0)-1):+.1f}% | {med(b,1):.2f} | {med(a,1):.2f} | {100*(med(a,1)/med(b,1)-1):+.1f}% | {med(b,2)/1024:.0f}/{med(a,2)/1024:.0f} |")
PY
echo "raw runs: $O/runs"
