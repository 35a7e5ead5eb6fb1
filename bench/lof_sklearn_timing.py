#!/usr/bin/python3
"""Times scikit-learn's LocalOutlierFactor fit (which computes every training row's score) on
Gaussian rows, wall clock and process CPU, one JSON line. The Java side of the comparison:
  java -cp bench/target/benchmarks.jar io.sentinelrisk.bench.detect.NeighborFitTiming 100000 10 2
Run: OMP_NUM_THREADS=2 /usr/bin/python3 bench/lof_sklearn_timing.py 100000 10 2
"""
import json
import sys
import time

import numpy as np
from sklearn.neighbors import LocalOutlierFactor

n, d, jobs = (int(a) for a in sys.argv[1:4])
x = np.random.default_rng(1).normal(size=(n, d))
w0, c0 = time.perf_counter(), time.process_time()
LocalOutlierFactor(n_neighbors=20, n_jobs=jobs).fit(x)
print(json.dumps({"peer": "sklearn LocalOutlierFactor", "rows": n, "features": d, "n_jobs": jobs,
                  "wall_s": round(time.perf_counter() - w0, 2), "cpu_s": round(time.process_time() - c0, 2)}))
