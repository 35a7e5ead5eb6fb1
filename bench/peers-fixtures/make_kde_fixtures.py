#!/usr/bin/env python3
"""Expected values for the kde detector's tests (core/src/test/resources/io/sentinelrisk/core/detect/).

  /usr/bin/python3 bench/peers-fixtures/make_kde_fixtures.py

kde-sklearn.json: 80 x 3 training rows (two of them duplicated once), 15 new rows (one far from
every training row); scikit-learn KernelDensity(kernel='gaussian', bandwidth=h).score_samples of
the new and of the training rows for h in 0.1, 0.5, 2; and the leave-one-out log density of the
first 12 training rows (and the duplicated rows): KernelDensity fitted without that one row.
kde-bandwidth.json: 40 held-out and 160 reference rows x 4; for every h of geomspace(0.02, 20, 31)
the mean held-out log-likelihood as the study's prototype computes it (bench/members_study.py on
branch study18b: kde_logdens, floored at -1e300), and the h it chooses (argmax, first on ties).
"""
import json, os
import numpy as np
from sklearn.neighbors import KernelDensity

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "core", "src", "test", "resources",
                   "io", "sentinelrisk", "core", "detect")


def sq_dists(X, C):
    d = (X * X).sum(1)[:, None] + (C * C).sum(1)[None, :] - 2.0 * X @ C.T
    return np.maximum(d, 0.0)


def kde_logdens(X, R, h):
    """The prototype's log density (bench/members_study.py, study18b), without leave-out."""
    d = X.shape[1]
    E = -sq_dists(X, R) / (2 * h * h)
    mx = E.max(1)
    return mx + np.log(np.exp(E - mx[:, None]).sum(1)) - np.log(len(R)) - d * np.log(h * np.sqrt(2 * np.pi))


def sklearn_fixture():
    rng = np.random.default_rng(18)
    train = np.vstack([rng.normal(0, 1, (50, 3)), rng.normal(3, 0.5, (28, 3))])
    train = np.vstack([train, train[[5, 60]]])          # rows 78, 79 copy rows 5 and 60
    test = np.vstack([rng.normal(0, 1.5, (14, 3)), [[6.0, -5.0, 4.0]]])
    cases = []
    for h in [0.1, 0.5, 2.0]:
        kd = KernelDensity(kernel="gaussian", bandwidth=h).fit(train)
        loo_rows = list(range(12)) + [5, 60, 78, 79]
        loo = []
        for i in loo_rows:
            rest = np.delete(train, i, axis=0)
            loo.append(float(KernelDensity(kernel="gaussian", bandwidth=h).fit(rest).score_samples(train[i:i + 1])[0]))
        cases.append({"bandwidth": h, "log_density_test": kd.score_samples(test).tolist(),
                      "log_density_train": kd.score_samples(train).tolist(),
                      "loo_rows": loo_rows, "loo_log_density": loo})
    return {"train": train.tolist(), "test": test.tolist(), "cases": cases}


def bandwidth_fixture():
    rng = np.random.default_rng(1818)
    X = np.vstack([rng.normal(0, 1, (120, 4)), rng.normal(2.5, 0.3, (80, 4))])
    X = X[rng.permutation(len(X))]
    held, ref = X[:40], X[40:]
    grid = np.geomspace(0.02, 20, 31)
    ll = [float(np.mean(np.maximum(kde_logdens(held, ref, h), -1e300))) for h in grid]
    return {"held": held.tolist(), "ref": ref.tolist(), "grid": grid.tolist(), "mean_log_likelihood": ll,
            "chosen": float(grid[int(np.argmax(ll))])}


for name, fix in [("kde-sklearn.json", sklearn_fixture()), ("kde-bandwidth.json", bandwidth_fixture())]:
    with open(os.path.join(OUT, name), "w") as f:
        json.dump(fix, f)
    print(name)
