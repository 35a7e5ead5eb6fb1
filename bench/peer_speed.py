#!/usr/bin/python3
"""Fit and score time of the Python counterparts of SentinelRisk's detectors on one labelled CSV,
one JSON line per detector: the other side of io.sentinelrisk.bench.detect.SpeedRunner, with the
same protocol, settings and data (bench/speed.sh runs both).

Protocol: features standardised first (mean 0, population std 1; not timed). Unsupervised
counterparts fit on all rows and score all rows as new data; supervised ones fit on a stratified
70% and score the rest. The first round is "cold"; unmeasured warm-up rounds follow for --warmup-s
seconds, then measured rounds are repeated while they fit in the time budget (at
least one) and their medians are "warm". Process CPU seconds beside wall.

Counterparts (Debian bookworm packages; run with /usr/bin/python3):
  iforest        sklearn IsolationForest(n_estimators=100, max_samples='auto', n_jobs)
  ocsvm          sklearn OneClassSVM(kernel='rbf', nu=0.01, gamma='scale') on at most 10,000
                 seeded rows; decision_function on every row
  lof            sklearn LocalOutlierFactor(n_neighbors=20, novelty=True, n_jobs); fit computes
                 the training rows' LOF as ours does; score_samples on every row
  knn            sklearn NearestNeighbors(n_neighbors=5, n_jobs), as PyOD's KNN uses it: fit =
                 index + every training row's distance to its 5th neighbour (itself excluded);
                 score = kneighbors of every row, distance to the 5th
  hbos, ecod     NumPy implementations of PyOD's HBOS (10 static bins, alpha 0.1, tol 0.5) and
                 ECOD (empirical CDFs, both tails, skewness-corrected), computing what ours
                 computes: scikit-learn has neither and PyOD is not packaged for Debian (and
                 there is no PyPI here); both vectorised over rows
  autoencoder    PyTorch dense autoencoder in-32-16-32-in, ReLU, Adam 1e-3, 20 epochs, batch 256,
                 score = reconstruction MSE (as shared/peers/py_peer.py --algo ae)
  random_forest  sklearn RandomForestClassifier(n_estimators=200, n_jobs); predict_proba
  xgboost        xgboost XGBClassifier(n_estimators=200, max_depth=6, learning_rate=0.1,
                 tree_method='hist', n_jobs); predict_proba

  /usr/bin/python3 bench/peer_speed.py --csv F [--algos iforest,ocsvm,...] [--jobs 2] [--seed 1]
      [--repeats 5] [--warmup-s 3] [--budget-s 30]
"""
import argparse
import json
import os
import sys
import time

ALGOS = ("iforest", "ocsvm", "lof", "knn", "hbos", "ecod", "autoencoder", "random_forest", "xgboost")
SUPERVISED = ("random_forest", "xgboost")

p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
p.add_argument("--csv", required=True)
p.add_argument("--algos", default=",".join(ALGOS))
p.add_argument("--jobs", type=int, default=2)
p.add_argument("--seed", type=int, default=1)
p.add_argument("--repeats", type=int, default=5)
p.add_argument("--warmup-s", type=float, default=3.0)
p.add_argument("--budget-s", type=float, default=30.0)
ARGS = p.parse_args()
for name in ARGS.algos.split(","):
    if name not in ALGOS:
        p.error(f"unknown algo {name!r}; one of {', '.join(ALGOS)}")
# Cap the native thread pools before numpy, scipy and torch load them.
for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ[var] = str(ARGS.jobs)

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from sklearn.metrics import roc_auc_score  # noqa: E402
from sklearn.model_selection import train_test_split  # noqa: E402


# --- HBOS and ECOD as PyOD computes them, vectorised with NumPy ---------------------------------

class Hbos:
    def __init__(self, n_bins=10, alpha=0.1, tol=0.5):
        self.n_bins, self.alpha, self.tol = n_bins, alpha, tol

    def fit(self, x):
        d = x.shape[1]
        self.edges = np.empty((d, self.n_bins + 1))
        self.log_density = np.empty((d, self.n_bins))
        for j in range(d):
            counts, edges = np.histogram(x[:, j], bins=self.n_bins, density=True)
            self.edges[j] = edges
            self.log_density[j] = np.log(counts + self.alpha)
        self.training_scores = self.score(x)
        return self

    def score(self, x):
        n, d = x.shape
        out = np.zeros(n)
        for j in range(d):
            edges = self.edges[j]
            width = edges[1] - edges[0]
            col = x[:, j]
            b = np.clip(np.searchsorted(edges, col, side="right") - 1, 0, self.n_bins - 1)
            contrib = self.log_density[j][b]
            below, above = col < edges[0], col > edges[-1]
            near = (below & (col >= edges[0] - width * self.tol)) | (above & (col <= edges[-1] + width * self.tol))
            far = (below | above) & ~near
            contrib = np.where(far, np.log(self.alpha), contrib)
            out -= contrib
        return out


class Ecod:
    """Per feature: U_l = -ln F(x), U_r = -ln(1 - F(x-)), U_skew by the sign of the skewness;
    score = sum over features of max(U_l, U_r, U_skew). New rows join the ECDF (+1), as PyOD's
    decision_function on one row."""

    def fit(self, x):
        self.sorted = np.sort(x, axis=0)
        centred = x - x.mean(axis=0)
        self.skew_sign = np.sign((centred ** 3).mean(axis=0))
        self.training_scores = self.score(x, new=0)
        return self

    def score(self, x, new=1):
        n = self.sorted.shape[0]
        total = np.zeros(len(x))
        for j in range(x.shape[1]):
            col = self.sorted[:, j]
            at_most = np.searchsorted(col, x[:, j], side="right")
            at_least = n - np.searchsorted(col, x[:, j], side="left")
            u_l = -np.log((at_most + new) / (n + new))
            u_r = -np.log((at_least + new) / (n + new))
            sign = self.skew_sign[j]
            u_s = u_l if sign < 0 else (u_r if sign > 0 else u_l + u_r)
            total += np.maximum(np.maximum(u_l, u_r), u_s)
        return total


# --- one round per counterpart: returns (fit, score) callables ----------------------------------

def make(algo, xtr, ytr, xte, a):
    if algo == "iforest":
        from sklearn.ensemble import IsolationForest
        m = IsolationForest(n_estimators=100, max_samples="auto", random_state=a.seed, n_jobs=a.jobs)
        return (lambda: m.fit(xtr)), (lambda: -m.score_samples(xte))
    if algo == "ocsvm":
        from sklearn.svm import OneClassSVM
        fit_rows = xtr
        if len(xtr) > 10000:
            fit_rows = xtr[np.random.default_rng(a.seed).choice(len(xtr), 10000, replace=False)]
        m = OneClassSVM(kernel="rbf", nu=0.01, gamma="scale")
        return (lambda: m.fit(fit_rows)), (lambda: -m.decision_function(xte))
    if algo == "lof":
        from sklearn.neighbors import LocalOutlierFactor
        m = LocalOutlierFactor(n_neighbors=20, novelty=True, n_jobs=a.jobs)
        return (lambda: m.fit(xtr)), (lambda: -m.score_samples(xte))
    if algo == "knn":
        from sklearn.neighbors import NearestNeighbors
        m = NearestNeighbors(n_neighbors=5, n_jobs=a.jobs)

        def fit():
            m.fit(xtr)
            m.training_scores_ = m.kneighbors()[0][:, -1]
        return fit, (lambda: m.kneighbors(xte)[0][:, -1])
    if algo == "hbos":
        m = Hbos()
        return (lambda: m.fit(xtr)), (lambda: m.score(xte))
    if algo == "ecod":
        m = Ecod()
        return (lambda: m.fit(xtr)), (lambda: m.score(xte))
    if algo == "autoencoder":
        return make_autoencoder(xtr, xte, a)
    if algo == "random_forest":
        from sklearn.ensemble import RandomForestClassifier
        m = RandomForestClassifier(n_estimators=200, random_state=a.seed, n_jobs=a.jobs)
        return (lambda: m.fit(xtr, ytr)), (lambda: m.predict_proba(xte)[:, 1])
    if algo == "xgboost":
        import xgboost
        m = xgboost.XGBClassifier(n_estimators=200, max_depth=6, learning_rate=0.1, tree_method="hist",
                                  random_state=a.seed, n_jobs=a.jobs)
        return (lambda: m.fit(xtr, ytr)), (lambda: m.predict_proba(xte)[:, 1])
    raise AssertionError(algo)


def make_autoencoder(xtr, xte, a):
    import torch
    from torch import nn
    torch.set_num_threads(a.jobs)
    d = xtr.shape[1]
    state = {}

    def fit():
        torch.manual_seed(a.seed)
        net = nn.Sequential(nn.Linear(d, 32), nn.ReLU(), nn.Linear(32, 16), nn.ReLU(),
                            nn.Linear(16, 32), nn.ReLU(), nn.Linear(32, d))
        opt = torch.optim.Adam(net.parameters(), lr=1e-3)
        loss_fn = nn.MSELoss()
        xt = torch.from_numpy(xtr.astype(np.float32))
        gen = torch.Generator().manual_seed(a.seed)
        net.train()
        for _ in range(20):
            perm = torch.randperm(len(xt), generator=gen)
            for i in range(0, len(xt), 256):
                b = xt[perm[i:i + 256]]
                opt.zero_grad()
                loss_fn(net(b), b).backward()
                opt.step()
        net.eval()
        state["net"] = net

    def score():
        xe = torch.from_numpy(xte.astype(np.float32))
        with torch.no_grad():
            return ((state["net"](xe) - xe) ** 2).mean(dim=1).numpy()
    return fit, score


def library(algo):
    if algo in ("hbos", "ecod"):
        return f"numpy {np.__version__}"
    if algo == "autoencoder":
        import torch
        return f"torch {torch.__version__}"
    if algo == "xgboost":
        import xgboost
        front_end = os.environ.get("XGBOOST_FRONT_END")
        if front_end:  # speed.sh's XGBOOST_NATIVE=ours: Debian's package on our native library
            return f"xgboost {front_end} on native {xgboost.__version__}"
        return f"xgboost {xgboost.__version__}"
    import sklearn
    return f"scikit-learn {sklearn.__version__}"


def one_round(algo, xtr, ytr, xte, yte, a):
    fit, score = make(algo, xtr, ytr, xte, a)
    w0, c0 = time.perf_counter(), time.process_time()
    fit()
    w1, c1 = time.perf_counter(), time.process_time()
    s = np.asarray(score(), dtype=np.float64)
    w2, c2 = time.perf_counter(), time.process_time()
    return {"fit": w1 - w0, "fit_cpu": c1 - c0, "score": w2 - w1, "score_cpu": c2 - c1,
            "auc": float(roc_auc_score(yte, s))}


def main(a):
    df = pd.read_csv(a.csv)
    y = (df.pop("label").to_numpy().astype(np.float64) == 1).astype(np.int8)
    x = df.to_numpy(dtype=np.float64)
    sd = x.std(axis=0)
    sd[sd == 0] = 1.0
    x = (x - x.mean(axis=0)) / sd
    name = os.path.basename(a.csv).removesuffix(".gz").removesuffix(".csv")
    for algo in a.algos.split(","):
        if algo in SUPERVISED:
            xtr, xte, ytr, yte = train_test_split(x, y, train_size=0.7, stratify=y, random_state=a.seed)
        else:
            xtr, ytr, xte, yte = x, None, x, y
        cold = one_round(algo, xtr, ytr, xte, yte, a)
        warmed_up = cold["fit"] + cold["score"]
        while warmed_up < a.warmup_s:
            r = one_round(algo, xtr, ytr, xte, yte, a)
            warmed_up += r["fit"] + r["score"]
        rounds = int(max(1, min(a.repeats, a.budget_s // max(cold["fit"] + cold["score"], 1e-9))))
        warm = [one_round(algo, xtr, ytr, xte, yte, a) for _ in range(rounds)]
        med = {k: float(np.median([r[k] for r in warm])) for k in ("fit", "fit_cpu", "score", "score_cpu")}
        print(json.dumps({
            "side": "peer", "detector": algo, "library": library(algo), "dataset": name,
            "rows": int(len(x)), "cols": int(x.shape[1]), "fit_rows": int(len(xtr)), "score_rows": int(len(xte)),
            "threads": a.jobs, "seed": a.seed,
            "cold_fit_s": round(cold["fit"], 5), "cold_score_s": round(cold["score"], 5),
            "fit_s": round(med["fit"], 5), "score_s": round(med["score"], 5),
            "fit_cpu_s": round(med["fit_cpu"], 5), "score_cpu_s": round(med["score_cpu"], 5),
            "rounds": rounds, "roc_auc": round(warm[0]["auc"], 6),
            "runtime": f"CPython {sys.version.split()[0]}"}), flush=True)


if __name__ == "__main__":
    main(ARGS)
