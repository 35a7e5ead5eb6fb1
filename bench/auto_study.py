#!/usr/bin/env python3
"""Study of unsupervised combination rules for the `auto` detector, on the member scores that
ScoreDump wrote (one folder: <set>.<protocol>.train.csv / .test.csv). Every rule sees only the
fitted rows' scores (no labels) to normalise, weigh and select; labels only measure it.
Chooses the rule by leave-one-dataset-out: for each held-out set, the rule with the best mean
ROC AUC over the other sets (both protocols) is scored on the held-out set.

  python3 bench/auto_study.py DUMP_DIR [--protocols unsupervised,semi] [--feature-judge DATASETS_DIR]

--feature-judge adds rules that need the features (a self-trained judge, LSCP), read from the
datasets folder through ScoreDump's .rows.csv files. AUTO_STUDY_POOLS, AUTO_STUDY_NORMS and
AUTO_STUDY_COMBS (comma-separated names) narrow the search; AUTO_STUDY_JUDGE=1 adds the judge on
the members' scores; AUTO_STUDY_SAVE=FILE pickles every rule's AUC per set and protocol.
"""
import sys, os, itertools, glob
import numpy as np

# The candidate pools the studies compare (None: every dumped member, and the derived knn_kens).
POOLS = {
    "default3": ["iforest", "ecod", "knn"],
    "all": None,
    "core5": ["iforest", "hbos", "ecod", "knn", "lof"],
    "i_e_k_h_km": ["iforest", "ecod", "knn", "hbos", "knn_mean20"],
    "i_e_k_h_km_o": ["iforest", "ecod", "knn", "hbos", "knn_mean20", "ocsvm"],
    "i_e_k_h": ["iforest", "ecod", "knn", "hbos"],
    "i_e_k_km": ["iforest", "ecod", "knn", "knn_mean20"],
    "i_e_h_kens": ["iforest", "ecod", "hbos", "knn_kens"],
    "i_h_e_km_l50": ["iforest", "hbos", "ecod", "knn_mean20", "lof50"],
}

def auc(s, y):
    # ROC AUC with ties counted half (Mann-Whitney)
    order = np.argsort(s, kind="mergesort")
    s2 = s[order]
    ranks = np.empty(len(s))
    i = 0
    n = len(s)
    # average ranks for ties
    from scipy.stats import rankdata
    r = rankdata(s)
    pos = y == 1
    n1 = pos.sum(); n0 = n - n1
    return (r[pos].sum() - n1 * (n1 + 1) / 2) / (n1 * n0)

def load(d, name, proto):
    tr = np.genfromtxt(os.path.join(d, f"{name}.{proto}.train.csv"), delimiter=",", names=True)
    te = np.genfromtxt(os.path.join(d, f"{name}.{proto}.test.csv"), delimiter=",", names=True)
    members = [m for m in tr.dtype.names]
    T = np.column_stack([tr[m] for m in members])
    S = np.column_stack([te[m] for m in members])
    y = te["label"].astype(int)
    # a derived candidate: kNN over several neighbourhood sizes (k = 5 by the largest distance, k
    # = 20 by the mean), the mean of their robust z scores
    ks = [members.index("knn"), members.index("knn_mean20")]
    T = np.column_stack([T, np.mean([norm_robust(T[:, j], T[:, j]) for j in ks], 0)])
    S = np.column_stack([S, np.mean([norm_robust(T[:, j], S[:, j]) for j in ks], 0)])
    return members + ["knn_kens"], T, S, y

# ---- normalisers: fitted on the training scores of one member, applied to any scores
def norm_robust(t, s):
    med = np.median(t); mad = 1.4826 * np.median(np.abs(t - med))
    if not mad > 0:
        mad = 1.2533 * np.mean(np.abs(t - med)) or 1.0
    return (s - med) / mad

def norm_ecdf(t, s):
    ts = np.sort(t)
    return np.searchsorted(ts, s, side="right") / len(ts)

def norm_tail(t, s):
    # -log of the right-tail probability under the training scores' ECDF (with +1 smoothing)
    ts = np.sort(t)
    above = len(ts) - np.searchsorted(ts, s, side="right")
    return -np.log((above + 1) / (len(ts) + 1))

def norm_zclip(t, s):
    z = norm_robust(t, s)
    return np.maximum(z, 0)

NORMS = {"robust_z": norm_robust, "ecdf": norm_ecdf, "tail": norm_tail}

def spearman(a, b):
    from scipy.stats import rankdata
    if len(a) > 20000:   # a seeded subsample, as the detector does
        idx = np.random.default_rng(0).choice(len(a), 20000, replace=False)
        a = a[idx]; b = b[idx]
    ra = rankdata(a); rb = rankdata(b)
    ra -= ra.mean(); rb -= rb.mean()
    den = np.sqrt((ra * ra).sum() * (rb * rb).sum())
    return float((ra * rb).sum() / den) if den > 0 else 0.0

# ---- combination rules over normalised train (Zt) and test (Zs) matrices
def comb_avg(Zt, Zs):
    return Zs.mean(1)

def comb_max(Zt, Zs):
    return Zs.max(1)

def comb_median(Zt, Zs):
    return np.median(Zs, 1)

def weights_consensus(Zt, power=1.0, floor=0.0):
    cons = Zt.mean(1)
    w = np.array([max(floor, spearman(Zt[:, m], cons)) for m in range(Zt.shape[1])]) ** power
    return w

def comb_consensus(Zt, Zs, power=1.0):
    w = weights_consensus(Zt, power)
    if w.sum() <= 0:
        return Zs.mean(1)
    return Zs @ w / w.sum()

def comb_loo_consensus(Zt, Zs, thr=0.0):
    # keep members whose correlation with the mean of the OTHER members exceeds thr
    M = Zt.shape[1]
    keep = []
    for m in range(M):
        others = np.delete(Zt, m, 1).mean(1)
        if spearman(Zt[:, m], others) > thr:
            keep.append(m)
    if not keep:
        keep = list(range(M))
    return Zs[:, keep].mean(1)

def comb_pseudo(Zt, Zs, top=0.05):
    # pseudo labels from the consensus (top fraction = anomalies, bottom half = normal); each
    # member weighted by its AUC on them minus 0.5
    cons = Zt.mean(1)
    n = len(cons)
    order = np.argsort(cons)
    k = max(1, int(top * n))
    idx = np.concatenate([order[: n // 2], order[-k:]])
    y = np.concatenate([np.zeros(n // 2), np.ones(k)]).astype(int)
    w = np.array([max(0.0, auc(Zt[idx, m], y) - 0.5) for m in range(Zt.shape[1])])
    if w.sum() <= 0:
        return Zs.mean(1)
    return Zs @ w / w.sum()

def comb_greedy(Zt, Zs, thr=0.0):
    # SELECT-like: start with the member closest to the consensus, add members while they raise
    # the correlation of the ensemble with the consensus target
    cons = Zt.mean(1)
    M = Zt.shape[1]
    corr = [spearman(Zt[:, m], cons) for m in range(M)]
    order = list(np.argsort(corr)[::-1])
    chosen = [order[0]]
    best = spearman(Zt[:, chosen].mean(1), cons)
    for m in order[1:]:
        c = spearman(Zt[:, chosen + [m]].mean(1), cons)
        if c > best + thr:
            chosen.append(m); best = c
    return Zs[:, chosen].mean(1)

def comb_loo_sel_max(Zt, Zs, thr=0.3):
    M = Zt.shape[1]
    keep = [m for m in range(M) if spearman(Zt[:, m], np.delete(Zt, m, 1).mean(1)) > thr]
    if not keep:
        keep = list(range(M))
    return Zs[:, keep].max(1)

def comb_top2(Zt, Zs):
    # mean of each row's two largest normalised scores: keeps a strong signal two members share,
    # drops one member's lone false alarm
    if Zs.shape[1] < 2:
        return Zs.max(1)
    part = np.sort(Zs, 1)[:, -2:]
    return part.mean(1)

def pseudo_labels(score, top, bottom):
    """Rows and labels for a self-trained judge: the `bottom` share of rows by `score` as normal
    (0), the `top` share (at least 5 rows) as anomalous (1); ties kept in row order."""
    n = len(score)
    order = np.argsort(score, kind="mergesort")
    k = max(5, int(top * n))
    nb = int(bottom * n)
    return np.concatenate([order[:nb], order[-k:]]), np.concatenate([np.zeros(nb), np.ones(k)])

def comb_judge(Zt, Zs, top=0.05, bottom=0.5):
    # self-trained judge: XGBoost on the members' normalised scores, trained on the consensus's
    # most (top) and least (bottom) anomalous fitted rows as pseudo labels
    import xgboost as xgb
    idx, y = pseudo_labels(Zt.mean(1), top, bottom)
    model = xgb.XGBClassifier(n_estimators=50, max_depth=3, learning_rate=0.1, subsample=1.0, n_jobs=1,
                              random_state=0, verbosity=0)
    model.fit(Zt[idx], y)
    return model.predict_proba(Zs)[:, 1] + 1e-6 * Zs.mean(1)   # consensus breaks the judge's ties

def comb_power(Zt, Zs, p=2.0, keep=None):
    # power mean of the positive parts: p = 1 is the mean of the clipped scores, large p the
    # maximum. Only evidence of oddness counts; a member's "very normal" does not cancel
    # another's alarm, and a lone alarm is damped less than by the mean and more than by the max
    Z = np.maximum(Zs if keep is None else Zs[:, keep], 0.0)
    return (np.mean(Z ** p, 1)) ** (1.0 / p)

def loo_keep(Zt, thr):
    M = Zt.shape[1]
    keep = [m for m in range(M) if spearman(Zt[:, m], np.delete(Zt, m, 1).mean(1)) > thr]
    return keep or list(range(M))

def loo_agreement(Zt):
    """Each member's Spearman correlation with the mean of the OTHER members (no self-agreement)."""
    M = Zt.shape[1]
    return np.array([spearman(Zt[:, m], np.delete(Zt, m, 1).mean(1)) for m in range(M)])

def comb_top_loo(Zt, Zs, top=2, how="avg", thr=-1.0):
    # the `top` members that agree most with the others' consensus (leave-one-member-out, so a
    # member's own scores do not vote for it), of those above thr (all when none is); ties by
    # member order
    a = loo_agreement(Zt)
    above = [m for m in np.argsort(-a, kind="mergesort") if a[m] > thr] or list(np.argsort(-a, kind="mergesort"))
    keep = sorted(above[:top])
    Z = Zs[:, keep]
    return Z.mean(1) if how == "avg" else Z.max(1)

COMBS = {
    "top2_loo": comb_top_loo, "top3_loo": lambda a, b: comb_top_loo(a, b, 3),
    "top2_loo_max": lambda a, b: comb_top_loo(a, b, 2, "max"),
    "top3_loo_max": lambda a, b: comb_top_loo(a, b, 3, "max"),
    "top4_loo_max": lambda a, b: comb_top_loo(a, b, 4, "max"),
    "loo_sel5_top1_max": lambda a, b: comb_top_loo(a, b, 1, "max", 0.5),
    "loo_sel5_top2_max": lambda a, b: comb_top_loo(a, b, 2, "max", 0.5),
    "loo_sel5_top3_max": lambda a, b: comb_top_loo(a, b, 3, "max", 0.5),
    "loo_sel5_top4_max": lambda a, b: comb_top_loo(a, b, 4, "max", 0.5),
    "avg": comb_avg, "max": comb_max,
    "consensus": comb_consensus, "consensus2": lambda a, b: comb_consensus(a, b, 2.0),
    "consensus4": lambda a, b: comb_consensus(a, b, 4.0),
    "loo_sel0": comb_loo_consensus, "loo_sel3": lambda a, b: comb_loo_consensus(a, b, 0.3),
    "loo_sel5": lambda a, b: comb_loo_consensus(a, b, 0.5),
    "loo_sel3_max": comb_loo_sel_max, "loo_sel5_max": lambda a, b: comb_loo_sel_max(a, b, 0.5),
    "pseudo": comb_pseudo, "top2": comb_top2,
    "clip_avg": lambda a, b: comb_power(a, b, 1.0),
    "pmean2": lambda a, b: comb_power(a, b, 2.0),
    "pmean4": lambda a, b: comb_power(a, b, 4.0),
    "loo_sel5_pmean2": lambda a, b: comb_power(a, b, 2.0, loo_keep(a, 0.5)),
    "loo_sel5_pmean4": lambda a, b: comb_power(a, b, 4.0, loo_keep(a, 0.5)),
    "loo_sel5_clip": lambda a, b: comb_power(a, b, 1.0, loo_keep(a, 0.5)),
}
if os.environ.get("AUTO_STUDY_COMBS"):   # a smaller family of rules: a steadier leave-one-dataset-out choice
    COMBS = {k: v for k, v in COMBS.items() if k in os.environ["AUTO_STUDY_COMBS"].split(",")}
if os.environ.get("AUTO_STUDY_NORMS"):
    NORMS = {k: v for k, v in NORMS.items() if k in os.environ["AUTO_STUDY_NORMS"].split(",")}
if os.environ.get("AUTO_STUDY_JUDGE"):
    COMBS["judge"] = comb_judge

def feature_judge(Xt, Xs, base_t, base_s, top=0.05, bottom=0.5):
    """A self-trained judge on the FEATURES (not the members' scores): XGBoost fitted on the
    fitted rows the base rule finds most (top) and least (bottom) anomalous, scoring the tested
    rows; returned alone and as the mean of the two scores' training percentiles (judge + base)."""
    import xgboost as xgb
    idx, y = pseudo_labels(base_t, top, bottom)
    model = xgb.XGBClassifier(n_estimators=50, max_depth=3, learning_rate=0.1, n_jobs=1, random_state=0, verbosity=0)
    model.fit(Xt[idx], y)
    jt = model.predict_proba(Xt)[:, 1]
    js = model.predict_proba(Xs)[:, 1]
    return js, norm_ecdf(jt, js) + norm_ecdf(base_t, base_s)

def lscp(Xt, Xs, Zt, Zs, target, k=30, top=1):
    """Locally selective combination (Zhao et al., LSCP, 2019, its default region of 30): for each
    tested row, the members whose normalised scores on its k nearest fitted rows (features)
    correlate best with the pseudo target there; the mean of the top such members' scores."""
    from sklearn.neighbors import NearestNeighbors
    nn = NearestNeighbors(n_neighbors=min(k, len(Xt))).fit(Xt)
    out = np.empty(len(Xs))
    for a in range(0, len(Xs), 2000):
        _, idx = nn.kneighbors(Xs[a:a + 2000])
        zl = Zt[idx] - Zt[idx].mean(1, keepdims=True)            # rows x k x members
        tl = (target[idx] - target[idx].mean(1, keepdims=True))[:, :, None]
        corr = (zl * tl).sum(1) / (np.sqrt((zl ** 2).sum(1) * (tl ** 2).sum(1)) + 1e-12)
        best = np.argsort(-corr, 1, kind="mergesort")[:, :top]
        out[a:a + 2000] = np.take_along_axis(Zs[a:a + 2000], best, 1).mean(1)
    return out

def features(datasets, d, name, proto, cache={}):
    """The standardised features of the fitted and the tested rows (ScoreDump's .rows.csv)."""
    if name not in cache:
        cache[name] = np.genfromtxt(os.path.join(datasets, name + ".csv"), delimiter=",", skip_header=1)[:, :-1]
    X = cache[name]
    rows = np.genfromtxt(os.path.join(d, f"{name}.{proto}.rows.csv"), delimiter=",", skip_header=1, dtype=str)
    tr = rows[rows[:, 0] == "train", 1].astype(int)
    te = rows[rows[:, 0] == "test", 1].astype(int)
    mu = X[tr].mean(0)
    sd = X[tr].std(0)
    sd[sd == 0] = 1
    return (X[tr] - mu) / sd, (X[te] - mu) / sd

def leave_one_dataset_out(family, crit, names, results, protos):
    """Leave-one-dataset-out: for each set held out, the member of family best by crit(r, other sets);
    returns, per protocol, the chosen members' results on the held-out sets, and the choices."""
    est = {p: [] for p in protos}
    chosen = []
    for held in names:
        rest = [n for n in names if n != held]
        best = max(family, key=lambda r: crit(r, rest))
        chosen.append(best)
        for p in protos:
            est[p].append(results[best][(held, p)])
    return est, chosen

def main():
    d = sys.argv[1]
    protos = ["unsupervised", "semi", "adbench"]
    for i, a in enumerate(sys.argv):
        if a == "--protocols":
            protos = sys.argv[i + 1].split(",")
    names = sorted({os.path.basename(p).split(".")[0] for p in glob.glob(os.path.join(d, "*.train.csv"))})
    names = [n for n in names if all(os.path.exists(os.path.join(d, f"{n}.{p}.test.csv")) for p in protos)]
    data = {(n, p): load(d, n, p) for n in names for p in protos}
    members = data[(names[0], protos[0])][0]
    pools = {k: (members if v is None else v) for k, v in POOLS.items()}
    if os.environ.get("AUTO_STUDY_POOLS"):   # a subset of the pools, to study faster
        pools = {k: v for k, v in pools.items() if k in os.environ["AUTO_STUDY_POOLS"].split(",")}
    # single detectors
    results = {}   # rule -> {(name, proto): auc}
    for m in members:
        results["single:" + m] = {k: auc(v[3 - 1 + 0][:, members.index(m)] if False else v[2][:, members.index(m)], v[3]) for k, v in data.items()}
    for (pn, pool), (nn, nf), (cn, cf) in itertools.product(pools.items(), NORMS.items(), COMBS.items()):
        idx = [members.index(m) for m in pool]
        rule = f"{pn}|{nn}|{cn}"
        res = {}
        for k, (mem, T, S, y) in data.items():
            Zt = np.column_stack([nf(T[:, j], T[:, j]) for j in idx])
            Zs = np.column_stack([nf(T[:, j], S[:, j]) for j in idx])
            res[k] = auc(cf(Zt, Zs), y)
        results[rule] = res
    datasets = None
    for i, a in enumerate(sys.argv):
        if a == "--feature-judge":   # the shared datasets folder: adds judges on the features
            datasets = sys.argv[i + 1]
    if datasets:
        bases = {"avg": lambda Z, keep: Z.mean(1), "loo_sel5_max": lambda Z, keep: Z[:, keep].max(1)}
        for (pn, pool), (bn, bf) in itertools.product(pools.items(), bases.items()):
            idx = [members.index(m) for m in pool]
            alone, paired = {}, {}
            for k, (mem, T, S, y) in data.items():
                Zt = np.column_stack([norm_robust(T[:, j], T[:, j]) for j in idx])
                Zs = np.column_stack([norm_robust(T[:, j], S[:, j]) for j in idx])
                keep = loo_keep(Zt, 0.5)
                Xt, Xs = features(datasets, d, k[0], k[1])
                js, both = feature_judge(Xt, Xs, bf(Zt, keep), bf(Zs, keep))
                alone[k] = auc(js, y)
                paired[k] = auc(both, y)
            results[f"{pn}|robust_z|{bn}+feature_judge"] = alone
            results[f"{pn}|robust_z|{bn}+feature_judge_pct"] = paired
        # LSCP on the pool of auto's default candidates only (it is slow), target: their maximum
        pool = pools.get("i_e_k_h_km")
        if pool:
            idx = [members.index(m) for m in pool]
            for top in (1, 2):
                res = {}
                for k, (mem, T, S, y) in data.items():
                    Zt = np.column_stack([norm_robust(T[:, j], T[:, j]) for j in idx])
                    Zs = np.column_stack([norm_robust(T[:, j], S[:, j]) for j in idx])
                    Xt, Xs = features(datasets, d, k[0], k[1])
                    res[k] = auc(lscp(Xt, Xs, Zt, Zs, Zt.max(1), top=top), y)
                results[f"i_e_k_h_km|robust_z|lscp_max_top{top}"] = res
    if os.environ.get("AUTO_STUDY_SAVE"):   # every rule's AUC per (set, protocol), for further analysis
        import pickle
        with open(os.environ["AUTO_STUDY_SAVE"], "wb") as f:
            pickle.dump({"names": names, "protos": protos, "results": results}, f)
    def mean(rule, sets, ps):
        return float(np.mean([results[rule][(n, p)] for n in sets for p in ps]))
    # in-sample table
    print("protocols:", protos, "datasets:", names)
    singles = [r for r in results if r.startswith("single:")]
    for p in protos:
        best_per = np.mean([max(results[s][(n, p)] for s in singles) for n in names])
        print(f"\n[{p}] per-dataset best single mean {best_per:.4f}")
        for s in singles:
            print(f"  {s:28s} {mean(s, names, [p]):.4f}")
    ranked = sorted(results, key=lambda r: -mean(r, names, protos))
    print("\nTop rules in-sample (mean over protocols):")
    for r in ranked[:25]:
        print(f"  {r:40s} " + " ".join(f"{p}={mean(r, names, [p]):.4f}" for p in protos) + f"  all={mean(r, names, protos):.4f}")
    for r in [r for r in results if "feature_judge" in r or "lscp" in r]:
        print(f"  with the features: {r:40s} " + " ".join(f"{p}={mean(r, names, [p]):.4f}" for p in protos))
    for r in [r for r in ["default3|robust_z|avg"] if r in results]:
        print(f"  current default {r:40s} " + " ".join(f"{p}={mean(r, names, [p]):.4f}" for p in protos))
    # leave one dataset out
    print("\nLeave-one-dataset-out (rule chosen on the other sets, both protocols):")
    lodo = {p: [] for p in protos}
    for held in names:
        rest = [n for n in names if n != held]
        cands = [r for r in results if not r.startswith("single:")]
        best = max(cands, key=lambda r: mean(r, rest, protos))
        for p in protos:
            lodo[p].append(results[best][(held, p)])
        print(f"  held out {held:12s} chose {best:40s} " + " ".join(f"{p}={results[best][(held, p)]:.4f}" for p in protos))
    for p in protos:
        print(f"  LODO estimate [{p}] {np.mean(lodo[p]):.4f}")
    # the same, choosing by the worst protocol's margin over the best single detector of the other
    # sets (a rule that wins on one protocol and loses on another is not preferred), and the
    # fair baseline: the single detector chosen on the other sets
    def worst_margin(r, sets):
        return min(mean(r, sets, [p]) - max(mean(s, sets, [p]) for s in singles) for p in protos)
    for title, family, crit in [("rules, by the worst protocol's margin", cands, worst_margin),
                                ("single detectors, by the mean", singles, lambda r, sets: mean(r, sets, protos))]:
        est, chosen = leave_one_dataset_out(family, crit, names, results, protos)
        print(f"\nLeave-one-dataset-out, {title}: " + " ".join(f"{p}={np.mean(est[p]):.4f}" for p in protos)
              + "  chose " + ", ".join(sorted(set(chosen))))

if __name__ == "__main__":
    main()
