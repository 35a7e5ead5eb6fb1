#!/usr/bin/env python3
"""Averages the rule AUCs that several bench/pvalue_study.py runs saved (one per member seed of
ScoreDump), over the rules every run holds, into one file for bench/lodo_analysis.py:

  python3 bench/average_studies.py OUT.pkl RUN1.pkl RUN2.pkl ...
"""
import sys, pickle
import numpy as np
runs = [pickle.load(open(p, "rb")) for p in sys.argv[2:]]
common = set(runs[0]["results"])
for r in runs[1:]:
    common &= set(r["results"])
keys = runs[0]["results"][next(iter(common))].keys()
avg = {rule: {k: float(np.mean([r["results"][rule][k] for r in runs])) for k in keys} for rule in sorted(common)}
pickle.dump({"names": runs[0]["names"], "protos": runs[0]["protos"], "results": avg}, open(sys.argv[1], "wb"))
print(f"{len(common)} rules averaged over {len(runs)} runs")
