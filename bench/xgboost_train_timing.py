#!/usr/bin/python3
"""XGBoost training time through Python's xgboost, alone or with every fit followed by a batch
prediction: the other side of io.sentinelrisk.bench.detect.XgboostTrainTiming, with the same data
(all rows, standardised with the population std), parameters (200 rounds, depth 6, eta 0.1,
hist, logloss) and rounds (30, median of the last 20). One JSON line.
  /usr/bin/python3 bench/xgboost_train_timing.py CSV [--score] [--threads 2]
"""
import argparse
import json
import statistics
import time

import numpy as np
import pandas as pd
import xgboost

p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
p.add_argument("csv")
p.add_argument("--score", action="store_true")
p.add_argument("--threads", type=int, default=2)
a = p.parse_args()
df = pd.read_csv(a.csv)
y = df["label"].values
x = df.drop(columns=["label"]).values.astype(np.float64)
std = x.std(axis=0)
x = (x - x.mean(axis=0)) / np.where(std > 0, std, 1)
params = {"objective": "binary:logistic", "eval_metric": "logloss", "eta": 0.1, "max_depth": 6,
          "tree_method": "hist", "nthread": a.threads, "seed": 1, "verbosity": 0}
ms = []
for _ in range(30):
    t0 = time.perf_counter()
    booster = xgboost.train(params, xgboost.DMatrix(x.astype(np.float32), label=y), 200)
    ms.append((time.perf_counter() - t0) * 1e3)
    if a.score:
        booster.inplace_predict(x.astype(np.float32))
measured = ms[10:]
print(json.dumps({"side": "python xgboost " + xgboost.__version__, "dataset": a.csv.split("/")[-1].split(".")[0],
                  "rows": len(y), "threads": a.threads, "score_between_fits": "yes" if a.score else "no",
                  "median_fit_ms": round(statistics.median(measured), 1), "min_fit_ms": round(min(measured), 1)}))
