#!/usr/bin/env python3
"""How much of a rule's margin over the best single detector is the randomised members' seed:
the same splits (seed 1), the members fitted with other seeds (ScoreDump's fifth argument), the
rule and every single detector scored on each dump.

  python3 bench/seed_noise.py DUMP_SEED1 DUMP_SEED2 ...     # numpy, scipy
"""
import sys, os, glob
import numpy as np
sys.argv, dumps = sys.argv[:1], sys.argv[1:]
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pvalue_study as P

POOL = ["iforest", "ecod", "hbos", "knn", "knn_mean20"]
SINGLES = ["iforest", "hbos", "ecod", "knn", "lof", "ocsvm", "autoencoder"]
protos = ["unsupervised", "semi", "adbench"]
names = sorted({os.path.basename(p).split(".")[0] for p in glob.glob(os.path.join(dumps[0], "*.train.csv"))})

def rule(T, S, members):
    idx = [members.index(m) for m in POOL]
    Zt = np.column_stack([P.norm_robust(T[:, j], T[:, j]) for j in idx])
    Zs = np.column_stack([P.norm_robust(T[:, j], S[:, j]) for j in idx])
    keep = P.select(P.agreement(Zt), 3)
    return Zs[:, keep].max(1), [POOL[j] for j in keep]

margins = {p: [] for p in protos}
for d in dumps:
    line = []
    for p in protos:
        aucs = {m: [] for m in SINGLES + ["rule"]}
        for n in names:
            members, T, S, y = P.load(d, n, p)
            for m in SINGLES:
                aucs[m].append(P.auc(S[:, members.index(m)], y))
            aucs["rule"].append(P.auc(rule(T, S, members)[0], y))
        best = max(SINGLES, key=lambda m: np.mean(aucs[m]))
        mr, mb = np.mean(aucs["rule"]), np.mean(aucs[best])
        margins[p].append(mr - mb)
        line.append(f"{p} rule {mr:.4f} best single {best} {mb:.4f} ({mr - mb:+.4f})")
    print(f"{os.path.basename(d.rstrip('/'))}: " + "; ".join(line))
for p in protos:
    v = np.array(margins[p])
    print(f"[{p}] margin over the seeds: mean {v.mean():+.4f}, min {v.min():+.4f}, max {v.max():+.4f}")
