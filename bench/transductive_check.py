#!/usr/bin/env python3
"""A check of the limit, not a rule the product could use: choose `auto`'s candidates by what
they do on the SCORED rows, the excess of scored rows beyond the 99th percentile of the
candidate's fitted scores (1% expected when nothing is odd). Under the split protocols the scored
rows hold the anomalies (at a far higher share than production batches), so this sees
information no fitted-rows criterion has; a score that depends on the batch breaks the one record
path, so it is measured here only.

  python3 bench/transductive_check.py DUMP_DIR     # ScoreDump's folder; numpy, scipy
"""
import sys, os, glob
import numpy as np
d = sys.argv[1]
sys.argv = sys.argv[:1]
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pvalue_study as P
POOL = ["iforest", "ecod", "hbos", "knn", "knn_mean20"]
names = sorted({os.path.basename(p).split(".")[0] for p in glob.glob(os.path.join(d, "*.train.csv"))})
for proto in ["semi", "adbench"]:
    res = {k: [] for k in ["knn", "iforest", "auto", "excess_top1", "excess_top2", "excess_top3", "excess_weighted"]}
    for n in names:
        mem, T, S, y = P.load(d, n, proto)
        idx = [mem.index(m) for m in POOL]
        Zt = np.column_stack([P.norm_robust(T[:, j], T[:, j]) for j in idx])
        Zs = np.column_stack([P.norm_robust(T[:, j], S[:, j]) for j in idx])
        # per candidate: the share of scored rows beyond its fitted scores' 99th percentile, minus 1%
        ex = np.array([np.mean(S[:, j] > np.quantile(T[:, j], 0.99)) - 0.01 for j in idx])
        order = np.argsort(-ex, kind="mergesort")
        res["knn"].append(P.auc(S[:, mem.index("knn")], y))
        res["iforest"].append(P.auc(S[:, mem.index("iforest")], y))
        res["auto"].append(P.auc(Zs[:, P.select(P.agreement(Zt), 3)].max(1), y))
        for k in (1, 2, 3):
            res[f"excess_top{k}"].append(P.auc(Zs[:, sorted(order[:k])].max(1), y))
        w = np.maximum(ex, 0)
        res["excess_weighted"].append(P.auc(Zs @ w / max(w.sum(), 1e-12), y))
    print(proto, " ".join(f"{k}={np.mean(v):.4f}" for k, v in res.items()))
