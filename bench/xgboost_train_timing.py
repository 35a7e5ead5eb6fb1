#!/usr/bin/python3
"""XGBoost training time through Python's xgboost, alone or with every fit followed by a batch
prediction: the other side of io.sentinelrisk.bench.detect.XgboostTrainTiming, with the same data
(all rows, standardised with the population std), parameters (200 rounds, depth 6, eta 0.1,
hist, logloss) and fits (30, median of the last 20; --fits N: N, median of the last 2N/3).
One JSON line.
  /usr/bin/python3 bench/xgboost_train_timing.py CSV [--score] [--threads 2] [--fits 30]
It reads the CSV with NumPy and keeps scikit-learn out of the xgboost package (which imports it
only for its estimator classes), so that it also runs under valgrind (bench/xgboost_instructions.sh),
where SciPy's extension modules fail to load.
"""
import argparse
import csv
import gzip
import json
import statistics
import sys
import time

import numpy as np

sys.modules["sklearn"] = None  # xgboost.train needs none of it; see above
import xgboost  # noqa: E402

p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
p.add_argument("csv")
p.add_argument("--score", action="store_true")
p.add_argument("--threads", type=int, default=2)
p.add_argument("--fits", type=int, default=30)
a = p.parse_args()
with (gzip.open(a.csv, "rt") if a.csv.endswith(".gz") else open(a.csv)) as f:
    header = next(csv.reader(f))
    table = np.loadtxt(f, delimiter=",", ndmin=2)
label = header.index("label")
y = table[:, label]
x = np.delete(table, label, axis=1)
std = x.std(axis=0)
x = (x - x.mean(axis=0)) / np.where(std > 0, std, 1)
params = {"objective": "binary:logistic", "eval_metric": "logloss", "eta": 0.1, "max_depth": 6,
          "tree_method": "hist", "nthread": a.threads, "seed": 1, "verbosity": 0}
ms = []
for _ in range(a.fits):
    t0 = time.perf_counter()
    booster = xgboost.train(params, xgboost.DMatrix(x.astype(np.float32), label=y), 200)
    ms.append((time.perf_counter() - t0) * 1e3)
    if a.score:
        booster.inplace_predict(x.astype(np.float32))
measured = ms[a.fits // 3:]
print(json.dumps({"side": "python xgboost " + xgboost.__version__, "dataset": a.csv.split("/")[-1].split(".")[0],
                  "rows": len(y), "threads": a.threads, "score_between_fits": "yes" if a.score else "no",
                  "median_fit_ms": round(statistics.median(measured), 1), "min_fit_ms": round(min(measured), 1)}))
