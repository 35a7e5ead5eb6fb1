#!/usr/bin/env python3
"""The product's `kde` beside the prototype that proposed it, on ScoreDump's semi-supervised splits.

  /usr/bin/python3 bench/kde_vs_prototype.py bench DUMP_DIR SET [SET...]

(the first argument: the folder holding members_study.py and auto_study.py)

For each set: the fitted and tested rows of DUMP_DIR/<set>.semi.rows.csv (ScoreDump's files), the
features of ../shared/datasets/<set>.csv standardised on the fitted rows (population std, a
constant feature divided by 1); the prototype's kde (members_study.kde) and the product's
(bench KdeScoreCsv, defaults, seed 1) fitted on the same matrix; prints each one's bandwidth and
ROC AUC on the tested rows. Both follow the same rule; their seeded samples (the held-out 20 % of
the bandwidth choice, the reference sample above 10,000 rows) are drawn by different generators,
so the chosen h may be a neighbouring grid value.
"""
import os, subprocess, sys, tempfile
import numpy as np
import pandas as pd
from sklearn.metrics import roc_auc_score

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
sys.path.insert(0, sys.argv[1])
import members_study as M  # noqa: E402

JAVA = os.path.join(subprocess.run([os.path.join(ROOT, "bin", "find-jdk")], capture_output=True, text=True,
                                   check=True).stdout.strip(), "bin", "java")
JAR = os.path.join(ROOT, "bench", "target", "benchmarks.jar")

for s in sys.argv[3:]:
    df = pd.read_csv(os.path.join(ROOT, "..", "shared", "datasets", s + ".csv"))
    rows = pd.read_csv(os.path.join(sys.argv[2], s + ".semi.rows.csv"))
    X = df.drop(columns=["label"]).to_numpy(float)
    y = df["label"].to_numpy()
    tr = rows[rows.part == "train"].row.to_numpy()
    te = rows[rows.part == "test"].row.to_numpy()
    mu, sd = X[tr].mean(0), X[tr].std(0)
    sd[sd == 0] = 1
    Xt, Xs = (X[tr] - mu) / sd, (X[te] - mu) / sd
    h = M.choose_bandwidth(Xt)
    _, score = M.kde(Xt)
    auc_proto = roc_auc_score(y[te], score(Xs))
    with tempfile.TemporaryDirectory() as tmp:
        fit, new, out = (os.path.join(tmp, f) for f in ("fit.csv", "score.csv", "out.txt"))
        np.savetxt(fit, Xt, delimiter=",", fmt="%.17g")
        np.savetxt(new, Xs, delimiter=",", fmt="%.17g")
        subprocess.run([JAVA, "-cp", JAR, "io.sentinelrisk.bench.detect.KdeScoreCsv", fit, new, out], check=True)
        lines = open(out).read().split()
    h_prod = float(lines[0][2:])
    auc_prod = roc_auc_score(y[te], np.array([float(v) for v in lines[1:]]))
    print(f"{s:12s} fitted {len(tr):6d}   prototype h {h:.4f} AUC {auc_proto:.4f}   product h {h_prod:.4f} "
          f"AUC {auc_prod:.4f}   difference {auc_prod - auc_proto:+.4f}", flush=True)
