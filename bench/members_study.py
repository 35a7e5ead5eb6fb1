#!/usr/bin/env python3
"""Would a detector the product does not have yet lift `auto` above kNN on clean training data?

  python3 bench/members_study.py DUMP_DIR [--cache FILE] [--post-hoc]

Reads ScoreDump's files in DUMP_DIR (<set>.<protocol>.train.csv / .test.csv / .rows.csv, protocols
unsupervised, semi, adbench), the features behind them through .rows.csv (from
../shared/datasets/<set>.csv, else $SENTINEL_POOL/<set>.csv (default /tmp/pool, as bench/pool/make_pool.py
writes it); standardised on the fitted rows as
ScoreDump gives them to the members), fits the candidate members below on the fitted rows, and
scores the fitted rows (their fit-time scores, for auto's normalisation) and the tested rows.
--cache pickles the new members' scores (and their run times) so a second report costs no fitting.

PRE-REGISTERED DESIGN (written and committed before the first run on labels)
============================================================================
Why: semi-supervised (fitted on normal rows only), `auto` (candidates iforest, ecod, knn,
knn_mean20; robust z against the candidate's training scores; candidates whose Spearman agreement
with the mean of the others is above 0.5 kept, the 3 most agreeing of them, maximum) is 0.8999
out of sample against knn's 0.9080, and no combination of the existing members beats knn there.
Hypothesis: a published detector strong on clean training data, as a new member, closes that.

Candidates (features standardised on the fitted rows; seeds fixed: numpy default_rng(1),
random_state=1; hyper-parameters fixed here, none tuned on labels):
  inne   iNNE (Bandaragoda et al. 2018): t = 200 ensembles of psi = 8 fitted rows drawn without
         replacement; each sampled row c is the centre of a hypersphere of radius tau(c) = its
         distance to its nearest other sampled row eta(c); a row x covered by some spheres takes
         the smallest covering sphere c and scores 1 - tau(eta(c)) / tau(c) (0 when tau(c) = 0,
         duplicates), an uncovered row scores 1; the score is the mean over the 200 ensembles.
         Fitted rows are scored by the fitted model (isolation-type, as iforest).
  loda   LODA (Pevny 2016): k = 100 sparse random projections, each with round(sqrt(d)) non-zero
         N(0, 1) weights on distinct features; per projection a 10-bin equal-width histogram over
         the fitted rows' range (values beyond it take the edge bin, as PyOD's LODA and the
         product's hbos); score = mean over projections of -log(bin probability + 1e-12).
         Fitted rows scored by the fitted model.
  kde    Gaussian kernel density, score = -log density. Reference set: the fitted rows, a seeded
         sample of at most 10,000 of them. Bandwidth h (one for all standardised features) from
         the grid geomspace(0.02, 20, 31), chosen label-free by the held-out log-likelihood: a
         seeded 20 % of at most 5,000 fitted rows held out, the rest the reference for that
         choice (ties: the smaller h). Fitted rows leave themselves out (neighbour-type member).
  gmm    Gaussian mixture (sklearn, full covariances, reg_covar 1e-3 because standardised
         features may be constant on the fitted rows, random_state 1, n_init 1) fitted on a seeded
         sample of at most 10,000 fitted rows, the number of components 1..8 chosen by the
         lowest BIC on that sample; score = -log likelihood. Fitted rows scored by the model.
  pca    Principal components of the fitted rows (Shyu et al. 2003's minor components, the
         detector PyOD's PCA is built after): score = sum over the components with eigenvalue
         below 0.2 of projection^2 / eigenvalue (eigenvalues floored at 1e-3); when no eigenvalue
         is below 0.2, the last component alone.
  maha   Mahalanobis distance^2 with the fitted rows' mean and covariance (+ 1e-3 I): PyOD's PCA
         with every component weighted by its inverse eigenvalue is this score.
  mcd    Robust Mahalanobis distance^2 (sklearn MinCovDet, random_state 1, default support
         fraction) fitted on a seeded sample of at most 10,000 fitted rows, precision of the MCD
         covariance + 1e-3 I.

How each enters (every variant fixed here):
  (a) single detector: the member's score alone.
  (b) in auto's candidate pool with auto's current rule (robust_z, loo_sel5_top3_max): pool
      iforest, ecod, knn, knn_mean20 + X, one variant per X, and one with all seven new members
      (11 candidates). Also reported, not a variant: auto today (the four candidates) and
      family_study.py's CURRENT pool (the four + hbos).
  (c) mean of the robust z scores of knn and X, one variant per X.

Evaluation: ROC AUC per (set, protocol) on the 33 sets (16 families: the name before the first
'_'), means per protocol with each family weighted equally (as family_study.py; per-set means
also printed). Each variant is fixed, so its mean is already an out-of-sample estimate for that
variant; choosing the best variant after seeing results is not, so the report also gives the
leave-one-family-out estimate of "pick the variant with the best mean over the three protocols
on the other 15 families" (candidates: all (a), (b), (c) variants of the new members).
Bars (recomputed from the dumps): the best single detector at its defaults per protocol among
iforest, hbos, ecod, knn, lof, ocsvm, autoencoder (brief: unsupervised iforest 0.8161, semi knn
0.9080, adbench 0.8282), and also every new member offered alone (if a new member were offered to
users as a detector, auto must beat it too).
Success criterion: a variant (b) or (c) whose family-weighted mean ROC AUC is above EVERY single
detector's (the seven defaults and, when the variant's new member would become a detector, that
member) under ALL three protocols, and at least half-way from the best single detector to the
per-set best of the single detectors (the seven defaults plus the new member) under each; and the
leave-one-family-out choice among the variants likewise above the bars. Anything chosen after
seeing results is reported as such and does not count as meeting the criterion.
Run time: wall seconds of fit + score per member summed over the 99 (set, protocol) runs, one
process, 2-core machine shared with other jobs (TODO-REMEASURE).
"""
import sys, os, time, pickle
import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import auto_study as A

PROTOS = ["unsupervised", "semi", "adbench"]
DEFAULTS = ["iforest", "hbos", "ecod", "knn", "lof", "ocsvm", "autoencoder"]
AUTO_TODAY = ["iforest", "ecod", "knn", "knn_mean20"]
NEW = ["inne", "loda", "kde", "gmm", "pca", "maha", "mcd"]
SHARED = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "datasets")
POOL = os.environ.get("SENTINEL_POOL", "/tmp/pool")   # bench/pool/make_pool.py OUT_DIR
SAMPLE = 10000   # at most this many fitted rows for kde's reference, gmm's and mcd's fit
POST_HOC = False  # --post-hoc: also the variants tried after the pre-registered run (reported as such)
RIDGE = 1e-3     # added to covariances: standardised features may be constant on the fitted rows


def sq_dists(X, C):
    """Squared Euclidean distances, rows of X x rows of C (clipped at 0 against rounding)."""
    d = (X * X).sum(1)[:, None] + (C * C).sum(1)[None, :] - 2.0 * X @ C.T
    return np.maximum(d, 0.0)


def seeded_sample(n, k, seed=1):
    if n <= k:
        return np.arange(n)
    return np.sort(np.random.default_rng(seed).choice(n, k, replace=False))


# ---- the candidates: each fit(Xt) returns (train scores, scorer of new rows)
def inne(Xt, t=200, psi=8):
    rng = np.random.default_rng(1)
    psi = min(psi, len(Xt))
    models = []
    for _ in range(t):
        C = Xt[rng.choice(len(Xt), psi, replace=False)]
        D = np.sqrt(sq_dists(C, C))
        np.fill_diagonal(D, np.inf)
        eta = D.argmin(1)
        tau = D[np.arange(psi), eta]
        ratio = np.where(tau > 0, tau[eta] / np.where(tau > 0, tau, 1.0), 1.0)   # tau(c) = 0: score 0
        models.append((C, tau, 1.0 - ratio))

    def score(X):
        out = np.zeros(len(X))
        for C, tau, iso in models:
            for a in range(0, len(X), 20000):
                D = np.sqrt(sq_dists(X[a:a + 20000], C))
                covered = D <= tau[None, :]
                r = np.where(covered, tau[None, :], np.inf)
                best = r.argmin(1)
                s = np.where(covered.any(1), iso[best], 1.0)
                out[a:a + 20000] += s
        return out / len(models)
    return score(Xt), score


def loda(Xt, k=100, bins=10):
    rng = np.random.default_rng(1)
    d = Xt.shape[1]
    nz = max(1, int(round(np.sqrt(d))))
    W = np.zeros((d, k))
    for j in range(k):
        W[rng.choice(d, nz, replace=False), j] = rng.standard_normal(nz)
    P = Xt @ W
    lo, hi = P.min(0), P.max(0)
    width = np.where(hi > lo, (hi - lo) / bins, 1.0)
    prob = np.zeros((k, bins))
    for j in range(k):
        b = np.clip(((P[:, j] - lo[j]) / width[j]).astype(int), 0, bins - 1)
        prob[j] = np.bincount(b, minlength=bins) / len(P)
    neglog = -np.log(prob + 1e-12)

    def score(X):
        Q = X @ W
        b = np.clip(np.floor((Q - lo) / width), 0, bins - 1).astype(int)
        return neglog[np.arange(k)[None, :], b].mean(1)
    return score(Xt), score


def kde_logdens(X, R, h, self_idx=None):
    """log of the Gaussian KDE with reference rows R and bandwidth h at the rows of X; self_idx[i]
    (or -1) is the reference row X[i] is, left out of its own density."""
    d = X.shape[1]
    out = np.empty(len(X))
    step = max(1, 2_000_000 // max(1, len(R)))
    for a in range(0, len(X), step):
        E = -sq_dists(X[a:a + step], R) / (2 * h * h)
        cnt = np.full(E.shape[0], float(len(R)))
        if self_idx is not None:
            s = self_idx[a:a + step]
            m = s >= 0
            E[np.nonzero(m)[0], s[m]] = -np.inf
            cnt[m] -= 1
        mx = E.max(1)
        mx = np.where(np.isfinite(mx), mx, 0.0)
        with np.errstate(divide="ignore"):
            out[a:a + step] = mx + np.log(np.exp(E - mx[:, None]).sum(1)) - np.log(np.maximum(cnt, 1))
    return out - d * np.log(h * np.sqrt(2 * np.pi))


def choose_bandwidth(Xt):
    idx = seeded_sample(len(Xt), 5000, 2)
    rng = np.random.default_rng(1)
    held = np.zeros(len(idx), bool)
    held[rng.choice(len(idx), max(1, len(idx) // 5), replace=False)] = True
    H, R = Xt[idx[held]], Xt[idx[~held]]
    grid = np.geomspace(0.02, 20, 31)
    ll = [np.mean(np.maximum(kde_logdens(H, R, h), -1e300)) for h in grid]
    return float(grid[int(np.argmax(ll))])


def kde(Xt):
    h = choose_bandwidth(Xt)
    ref = seeded_sample(len(Xt), SAMPLE)
    R = Xt[ref]
    self_idx = np.full(len(Xt), -1)
    self_idx[ref] = np.arange(len(ref))
    floor = -1e300

    def score(X):
        return -np.maximum(kde_logdens(X, R, h), floor)
    return -np.maximum(kde_logdens(Xt, R, h, self_idx), floor), score


def gmm(Xt):
    from sklearn.mixture import GaussianMixture
    F = Xt[seeded_sample(len(Xt), SAMPLE)]
    best = None
    for c in range(1, 9):
        if c > len(F):
            break
        g = GaussianMixture(c, covariance_type="full", reg_covar=RIDGE, random_state=1, n_init=1).fit(F)
        b = g.bic(F)
        if best is None or b < best[0]:
            best = (b, g)
    g = best[1]
    return -g.score_samples(Xt), lambda X: -g.score_samples(X)


def pca(Xt):
    mu = Xt.mean(0)
    lam, V = np.linalg.eigh(np.cov(Xt - mu, rowvar=False).reshape(Xt.shape[1], Xt.shape[1]))
    lam = np.maximum(lam, RIDGE)          # ascending
    minor = np.nonzero(lam < 0.2)[0]
    if len(minor) == 0:
        minor = np.array([0])
    Vm, lm = V[:, minor], lam[minor]

    def score(X):
        return (((X - mu) @ Vm) ** 2 / lm).sum(1)
    return score(Xt), score


def mahalanobis(mu, cov):
    P = np.linalg.inv(cov + RIDGE * np.eye(len(mu)))

    def score(X):
        Y = X - mu
        return ((Y @ P) * Y).sum(1)
    return score


def maha(Xt):
    s = mahalanobis(Xt.mean(0), np.cov(Xt, rowvar=False).reshape(Xt.shape[1], Xt.shape[1]))
    return s(Xt), s


def mcd(Xt):
    import warnings
    from sklearn.covariance import MinCovDet
    F = Xt[seeded_sample(len(Xt), SAMPLE)]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        m = MinCovDet(random_state=1).fit(F)
    s = mahalanobis(m.location_, m.covariance_)
    return s(Xt), s


FITS = {"inne": inne, "loda": loda, "kde": kde, "gmm": gmm, "pca": pca, "maha": maha, "mcd": mcd}


def source(name):
    for d in (SHARED, POOL):
        if os.path.exists(os.path.join(d, name + ".csv")):
            return d
    raise SystemExit(f"members_study.py: {name}.csv in neither {SHARED} nor {POOL}")


def new_scores(dump, names):
    """Per (set, protocol): member -> (train scores, test scores); and member -> seconds."""
    out, secs = {}, {m: 0.0 for m in NEW}
    for n in names:
        for p in PROTOS:
            Xt, Xs = A.features(source(n), dump, n, p)
            res = {}
            for m in NEW:
                t0 = time.perf_counter()
                tr, sc = FITS[m](Xt)
                te = sc(Xs)
                secs[m] += time.perf_counter() - t0
                res[m] = (np.asarray(tr, float), np.asarray(te, float))
            out[(n, p)] = res
            print(f"  {n} {p} ({len(Xt)} fitted, {len(Xs)} tested, {Xt.shape[1]} features) done",
                  file=sys.stderr, flush=True)
    return out, secs


def auto_rule(T, S, cols, top=3, how="max"):
    Zt = np.column_stack([A.norm_robust(T[:, j], T[:, j]) for j in cols])
    Zs = np.column_stack([A.norm_robust(T[:, j], S[:, j]) for j in cols])
    return A.comb_top_loo(Zt, Zs, top, how, 0.5)


def knn_mean(T, S, j, i):
    return A.norm_robust(T[:, j], S[:, j]) + A.norm_robust(T[:, i], S[:, i])


def variants(members):
    """name -> (kind, function of (T, S) giving the tested rows' scores), over the column order
    `members` (the dump's members, knn_kens, then the new ones)."""
    ix = members.index
    V = {}
    for m in DEFAULTS + ["knn_mean20", "lof50"]:
        V["single:" + m] = ("default", lambda T, S, j=ix(m): S[:, j])
    V["auto today (i_e_k_km)"] = ("reference", lambda T, S, c=[ix(m) for m in AUTO_TODAY]: auto_rule(T, S, c))
    V["CURRENT pool (i_e_k_h_km)"] = ("reference", lambda T, S, c=[ix(m) for m in AUTO_TODAY[:3] + ["hbos", "knn_mean20"]]:
                                      auto_rule(T, S, c))
    for m in NEW:
        V["single:" + m] = ("a", lambda T, S, j=ix(m): S[:, j])
    for m in NEW:
        V["auto+" + m] = ("b", lambda T, S, c=[ix(x) for x in AUTO_TODAY + [m]]: auto_rule(T, S, c))
    V["auto+all7"] = ("b", lambda T, S, c=[ix(x) for x in AUTO_TODAY + NEW]: auto_rule(T, S, c))
    for m in NEW:
        V["knn+" + m] = ("c", lambda T, S, j=ix("knn"), i=ix(m): knn_mean(T, S, j, i))
    if POST_HOC:   # chosen AFTER the pre-registered run had shown kde as the strongest semi-supervised member
        V["post: auto, kde for knn"] = ("post", lambda T, S, c=[ix(x) for x in ["iforest", "ecod", "kde", "knn_mean20"]]:
                                        auto_rule(T, S, c))
        V["post: auto, knn_kde for knn"] = ("post", lambda T, S: auto_composite(T, S, ix, "kde"))
        V["post: auto+kde, top 2"] = ("post", lambda T, S, c=[ix(x) for x in AUTO_TODAY + ["kde"]]:
                                      auto_rule(T, S, c, 2))
        V["post: auto+kde, average"] = ("post", lambda T, S, c=[ix(x) for x in AUTO_TODAY + ["kde"]]:
                                        auto_rule(T, S, c, 3, "avg"))
        V["post: auto+kde+gmm"] = ("post", lambda T, S, c=[ix(x) for x in AUTO_TODAY + ["kde", "gmm"]]: auto_rule(T, S, c))
    return V


def auto_composite(T, S, ix, other):
    """auto's rule over iforest, ecod, knn_mean20 and one composite candidate: the mean of the
    robust z scores of knn and `other` (train and test alike)."""
    j, i = ix("knn"), ix(other)
    ct = A.norm_robust(T[:, j], T[:, j]) + A.norm_robust(T[:, i], T[:, i])
    cs = knn_mean(T, S, j, i)
    cols = [ix(x) for x in ["iforest", "ecod", "knn_mean20"]]
    T2 = np.column_stack([T[:, cols], ct])
    S2 = np.column_stack([S[:, cols], cs])
    return auto_rule(T2, S2, range(4))


def main():
    args = sys.argv[1:]
    cache = None
    if "--cache" in args:
        i = args.index("--cache"); cache = args[i + 1]; del args[i:i + 2]
    global POST_HOC
    if "--post-hoc" in args:
        POST_HOC = True; args.remove("--post-hoc")
    if len(args) != 1 or not os.path.isdir(args[0]):
        raise SystemExit("usage: members_study.py DUMP_DIR [--cache FILE]")
    dump = args[0]
    import glob
    names = sorted({os.path.basename(p).split(".")[0] for p in glob.glob(os.path.join(dump, "*.train.csv"))})
    names = [n for n in names if all(os.path.exists(os.path.join(dump, f"{n}.{p}.test.csv")) for p in PROTOS)]
    if cache and os.path.exists(cache):
        c = pickle.load(open(cache, "rb"))
        scores, secs = c["scores"], c["secs"]
    else:
        scores, secs = new_scores(dump, names)
        if cache:
            pickle.dump({"scores": scores, "secs": secs}, open(cache, "wb"))
    R = {}
    members = None
    for n in names:
        for p in PROTOS:
            mem, T, S, y = A.load(dump, n, p)
            T = np.column_stack([T] + [scores[(n, p)][m][0] for m in NEW])
            S = np.column_stack([S] + [scores[(n, p)][m][1] for m in NEW])
            members = mem + NEW
            for v, (kind, f) in variants(members).items():
                R.setdefault(v, {})[(n, p)] = A.auc(f(T, S), y)
    report(names, R, variants(members), secs)


def report(names, R, V, secs):
    fam = {}
    for n in names:
        fam.setdefault(n.split("_")[0], []).append(n)
    families = sorted(fam)
    fmt = lambda v: " ".join(f"{x:.4f}" for x in v)

    def mean(v, fs=families, by_family=True):
        if by_family:
            return np.mean([[np.mean([R[v][(n, p)] for n in fam[f]]) for p in PROTOS] for f in fs], 0)
        sets = [n for f in fs for n in fam[f]]
        return np.array([np.mean([R[v][(n, p)] for n in sets]) for p in PROTOS])

    def per_set_best(singles, by_family=True):
        best = {n: [max(R[s][(n, p)] for s in singles) for p in PROTOS] for n in names}
        if by_family:
            return np.mean([np.mean([best[n] for n in fam[f]], 0) for f in families], 0)
        return np.mean([best[n] for n in names], 0)

    defaults = ["single:" + m for m in DEFAULTS]
    print(f"{len(names)} sets, {len(families)} families: " + ", ".join(f"{f} ({len(fam[f])})" for f in families))
    print("\nRun time of the new members, fit + score, summed over the 99 (set, protocol) runs (wall s, shared machine):")
    print("  " + "  ".join(f"{m} {secs[m]:.1f}" for m in NEW))
    results = {}
    for by_family, wname in ((True, "families weighted equally"), (False, "sets weighted equally")):
        M = {v: mean(v, by_family=by_family) for v in V}
        bar = np.max([M[s] for s in defaults], 0)
        barname = [max(defaults, key=lambda s: M[s][k])[7:] for k in range(3)]
        psb = per_set_best(defaults, by_family)
        print(f"\n==== {wname} ====   columns: {' '.join(PROTOS)}")
        print(f"  bar (best single at defaults): {fmt(bar)}  ({', '.join(barname)})")
        print(f"  per-set best of the 7 defaults: {fmt(psb)}   half-way goal: {fmt(bar + (psb - bar) / 2)}")
        print(f"\n  {'variant':30s} {'kind':9s} {'unsup':>7s} {'semi':>7s} {'adbench':>7s}   vs bar (each protocol)      meets?")
        for v, (kind, _) in V.items():
            m = M[v]
            extra = ["single:kde"] if kind == "post" else [] if kind in ("default", "reference") else ["single:" + x for x in NEW if v.endswith(x) or v == "auto+all7"]
            singles = defaults + extra
            b = np.max([M[s] for s in singles], 0)
            goal = b + (per_set_best(singles, by_family) - b) / 2
            ok = kind in ("b", "c", "post") and bool(np.all(m > b))
            okg = ok and bool(np.all(m >= goal))
            tag = "" if kind not in ("b", "c", "post") else ("ABOVE ALL BARS" + (" + half gap" if okg else "") if ok else "no")
            print(f"  {v:30s} {kind:9s} {m[0]:7.4f} {m[1]:7.4f} {m[2]:7.4f}   "
                  + " ".join(f"{x:+.4f}" for x in m - b) + f"   {tag}")
            results[(wname, v)] = (m, m - b, tag)
        # leave-one-family-out choice among the new variants, by the mean over the 3 protocols
        cands = [v for v, (kind, _) in V.items() if kind in ("a", "b", "c")]
        if by_family:
            picks, rows = {}, []
            for f in families:
                rest = [g for g in families if g != f]
                best = max(cands, key=lambda v: mean(v, rest).mean())
                picks[best] = picks.get(best, 0) + 1
                rows.append([np.mean([R[best][(n, p)] for n in fam[f]]) for p in PROTOS])
            est = np.mean(rows, 0)
            print(f"\n  leave-one-family-out choice among the {len(cands)} new variants (by mean over protocols):"
                  f" {fmt(est)}   vs bar " + " ".join(f"{x:+.4f}" for x in est - bar))
            print("    chosen: " + ", ".join(f"{v} x{c}" for v, c in sorted(picks.items(), key=lambda x: -x[1])))
            # per held-out family: the best semi variant vs knn
            print("\n  semi-supervised per family: knn, auto today, and each (b)/(c) variant's difference from knn")
            show = [v for v, (kind, _) in V.items() if kind in ("b", "c")]
            print(f"    {'family':12s} {'knn':>7s} {'auto':>7s} " + " ".join(f"{v[:10]:>10s}" for v in show))
            for f in families:
                k = np.mean([R["single:knn"][(n, "semi")] for n in fam[f]])
                a = np.mean([R["auto today (i_e_k_km)"][(n, "semi")] for n in fam[f]])
                print(f"    {f:12s} {k:7.4f} {a:7.4f} " + " ".join(
                    f"{np.mean([R[v][(n, 'semi')] for n in fam[f]]) - k:+10.4f}" for v in show))


if __name__ == "__main__":
    main()
