#!/usr/bin/env bash
# The example of docs/drift.md: train on 5,000 rows, then measure drift on 5,000 rows of the same
# distribution and on 5,000 rows where column a moved by half a standard deviation and the mix of
# category c changed. Usage: bench/drift-example.sh [WORK_DIR]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="${1:-$(mktemp -d)}"
mkdir -p "$work"
python3 - "$work" <<'PY'
import random, sys
def write(path, mu, seed, n=5000):
    r = random.Random(seed)
    with open(path, "w") as f:
        f.write("a,b,c\n")
        for _ in range(n):
            f.write("%f,%f,%s\n" % (r.gauss(mu, 1), r.gauss(0, 1), r.choice("xxxyyz" if mu == 0 else "xyzzzz")))
write(sys.argv[1] + "/train.csv", 0, 1)
write(sys.argv[1] + "/same.csv", 0, 2)
write(sys.argv[1] + "/shift.csv", 0.5, 3)
PY
"$root/bin/sentinel" train --input "$work/train.csv" --model-out "$work/m.srb" > /dev/null
"$root/bin/sentinel" drift --model "$work/m.srb" --input "$work/same.csv"
"$root/bin/sentinel" drift --model "$work/m.srb" --input "$work/shift.csv" --report "$work/drift.json"
