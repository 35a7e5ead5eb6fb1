#!/usr/bin/python3
"""Writes the expected values that core's detector tests compare against, computed by
scikit-learn on small seeded datasets, so that the Java tests need no Python.

Run from the repository root (Debian: apt-get install -y python3-sklearn):
    /usr/bin/python3 bench/peers-fixtures/make_fixtures.py
Writes core/src/test/resources/io/sentinelrisk/core/detect/{neighbors,ocsvm}-sklearn.json.
"""
import json
import os

import numpy as np
import sklearn
from sklearn.neighbors import LocalOutlierFactor, NearestNeighbors
from sklearn.svm import OneClassSVM

OUT = os.path.join("core", "src", "test", "resources", "io", "sentinelrisk", "core", "detect")


def write(name, doc):
    doc["generator"] = "bench/peers-fixtures/make_fixtures.py, scikit-learn " + sklearn.__version__
    path = os.path.join(OUT, name)
    with open(path, "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")
    print("wrote", path)


def neighbors():
    rng = np.random.default_rng(20240601)
    train = rng.normal(size=(60, 3))
    train[:3] += 4.0  # a few far rows
    test = np.vstack([rng.normal(size=(8, 3)), [[5.0, 5.0, 5.0], [-3.0, 0.0, 2.0]]])
    doc = {"train": train.tolist(), "test": test.tolist(), "cases": []}
    for metric in ("euclidean", "manhattan"):
        for k in (1, 5, 20):
            fit = LocalOutlierFactor(n_neighbors=k, metric=metric, algorithm="brute").fit(train)
            nov = LocalOutlierFactor(n_neighbors=k, metric=metric, novelty=True, algorithm="brute").fit(train)
            nn = NearestNeighbors(n_neighbors=k, metric=metric, algorithm="brute").fit(train)
            d_train, _ = nn.kneighbors()          # each training row without itself (PyOD's fit)
            d_test, _ = nn.kneighbors(test, k)    # new rows
            doc["cases"].append({
                "metric": metric, "n_neighbors": k,
                "lof_train": (-fit.negative_outlier_factor_).tolist(),
                "lof_test": (-nov.score_samples(test)).tolist(),
                "knn_largest_train": d_train[:, -1].tolist(),
                "knn_largest_test": d_test[:, -1].tolist(),
                "knn_mean_train": d_train.mean(axis=1).tolist(),
                "knn_mean_test": d_test.mean(axis=1).tolist(),
                "knn_median_train": np.median(d_train, axis=1).tolist(),
                "knn_median_test": np.median(d_test, axis=1).tolist(),
            })
    write("neighbors-sklearn.json", doc)


def ocsvm():
    rng = np.random.default_rng(7)
    raw = rng.normal(size=(150, 4)) * [1.0, 2.0, 0.5, 1.0] + [0.0, 1.0, -1.0, 3.0]
    raw[:5] += 6.0
    # the product's detectors see prepared (standardised) data
    mu, sd = raw.mean(axis=0), raw.std(axis=0)
    train = (raw - mu) / sd
    test = np.vstack([rng.normal(size=(20, 4)), rng.normal(size=(5, 4)) * 4])
    cases = [
        dict(kernel="rbf", nu=0.5, gamma="scale"),
        dict(kernel="rbf", nu=0.05, gamma="auto"),
        dict(kernel="rbf", nu=0.2, gamma=0.7),
        dict(kernel="linear", nu=0.3, gamma="scale"),
        dict(kernel="poly", nu=0.2, gamma="scale", degree=3, coef0=1.0),
        dict(kernel="sigmoid", nu=0.2, gamma=0.05, coef0=0.5),
    ]
    doc = {"train": train.tolist(), "test": test.tolist(), "cases": []}
    for c in cases:
        m = OneClassSVM(tol=1e-3, **c).fit(train)
        doc["cases"].append({
            "params": c,
            "n_support": int(m.support_vectors_.shape[0]),
            "decision_train": m.decision_function(train).tolist(),
            "decision_test": m.decision_function(test).tolist(),
        })
    write("ocsvm-sklearn.json", doc)


if __name__ == "__main__":
    neighbors()
    ocsvm()
