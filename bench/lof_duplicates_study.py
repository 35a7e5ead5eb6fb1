#!/usr/bin/env python3
"""Which copies of rows LOF's `duplicates: weighted` should count, measured.

Every LOF variant over the distinct rows with their copy counts m: the k nearest other distinct
rows (k = 20) make the neighbourhood (the LOF paper's k-distinct-distance); then the row's own
m - 1 other copies and/or each neighbour's copies either count or not, separately in the density
(lrd, mean reach-distance) and in the mean of density ratios (the LOF itself). (0,0,0,0) is
`duplicates: distinct`; (1,1,1,1) counts every object; (0,0,1,0) is today's `weighted`.
Unsupervised protocol: features standardised on all rows, fit on all rows, ROC AUC of the fit-time
scores over all rows. Generated sets: Gaussian rows, 10% anomalies with 2.2 x the spread, each
row repeated 1-16 or 1-50 times whatever its label (numpy's generator, not the Java benchmark's).

    /usr/bin/python3 bench/lof_duplicates_study.py ../shared/datasets    # numpy, scikit-learn
"""
import itertools
import sys

import numpy as np
from sklearn.metrics import roc_auc_score
from sklearn.neighbors import NearestNeighbors

K = 20


def load(folder, name):
    a = np.loadtxt(f"{folder}/{name}.csv", delimiter=",", skiprows=1)
    return a[:, :-1], a[:, -1].astype(int)


def generated(seed, n, max_copies):
    r = np.random.default_rng(seed)
    xs, ys = [], []
    for _ in range(n):
        y = int(r.random() < 0.1)
        row = (2.2 if y else 1.0) * r.standard_normal(4)
        t = 1 + r.integers(max_copies)
        xs += [row] * t
        ys += [y] * t
    return np.array(xs), np.array(ys)


def standardised(x):
    s = x.std(0)
    s[s == 0] = 1
    return (x - x.mean(0)) / s


def lof(w, dist, idx, own_in_lrd, nbr_in_lrd, own_in_ratio, nbr_in_ratio):
    kd = dist[:, -1]
    reach = np.maximum(dist, kd[idx])
    own = (w - 1) if own_in_lrd else 0 * w
    wl = w[idx] if nbr_in_lrd else np.ones_like(dist)
    lrd = 1 / ((own * kd + (wl * reach).sum(1)) / (own + wl.sum(1)) + 1e-10)
    own = (w - 1) if own_in_ratio else 0 * w
    wf = w[idx] if nbr_in_ratio else np.ones_like(dist)
    return ((own * lrd) + (wf * lrd[idx]).sum(1)) / (own + wf.sum(1)) / lrd


def main():
    folder = sys.argv[1]
    sets = [(n, load(folder, n)) for n in ["annthyroid", "breastw", "mammography", "thyroid"]]
    sets += [("generated 1-16", generated(11, 1500, 16)), ("generated 1-50", generated(5, 800, 50))]
    combos = list(itertools.product([0, 1], repeat=4))
    auc = {}
    for name, (x, y) in sets:
        u, inv, cnt = np.unique(standardised(x), axis=0, return_inverse=True, return_counts=True)
        inv = inv.ravel()
        dist, idx = NearestNeighbors(n_neighbors=K + 1).fit(u).kneighbors(u)
        for c in combos:
            auc[name, c] = roc_auc_score(y, lof(cnt.astype(float), dist[:, 1:], idx[:, 1:], *c)[inv])
    names = [n for n, _ in sets]
    print("| copies counted in (own lrd, neighbours' lrd, own ratio, neighbours' ratio) | " + " | ".join(names) + " |")
    print("|---|" + "--:|" * len(names))
    for c in combos:
        print(f"| {c} | " + " | ".join(f"{auc[n, c]:.4f}" for n in names) + " |")


if __name__ == "__main__":
    main()
