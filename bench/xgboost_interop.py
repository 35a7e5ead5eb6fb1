#!/usr/bin/python3
"""Loads the xgboost bundle part written by XgboostInterop with Python's XGBoost and compares
its predictions with the product's scores. From the repository root:
  java --enable-native-access=ALL-UNNAMED -cp bench/target/benchmarks.jar \
       io.sentinelrisk.bench.detect.XgboostInterop target/xgboost-interop
  /usr/bin/python3 bench/xgboost_interop.py target/xgboost-interop
(Debian: apt-get install -y python3-xgboost)
"""
import sys

import numpy as np
import xgboost as xgb

folder = sys.argv[1] if len(sys.argv) > 1 else "target/xgboost-interop"
a = np.loadtxt(folder + "/data.csv", delimiter=",")
x, scores = a[:, :-1].astype(np.float32), a[:, -1]
booster = xgb.Booster(model_file=folder + "/model.json")
p = booster.predict(xgb.DMatrix(x))
print(f"python xgboost {xgb.__version__}: {len(p)} rows, max |difference| {float(np.max(np.abs(p - scores)))}")
