#!/usr/bin/env python3
"""Metric and scaling diversity for the nearest-neighbour detectors (issue 18, semi-supervised gap).

Every member of `auto` today sees the features standardised on the fitted rows (z-scores), and
no combination of the existing members beats `knn` semi-supervised (0.9080, 16 families weighted
equally). This study asks whether kNN under OTHER scalings of the same features — as single
detectors, as a new candidate of `auto`, or averaged with today's `knn` — lifts the default above
every single detector under all three protocols.

  python3 bench/metric_study.py DUMP_DIR[,DUMP_DIR...] --datasets DIR,DIR [--save FILE] [--fbag-seed S]
  python3 bench/metric_study.py --load FILE[,FILE...]
  python3 bench/metric_study.py --kept-iforest DUMP_DIR --datasets DIR,DIR

DUMP_DIR: ScoreDump's files (<set>.<protocol>.train/.test/.rows.csv), several folders (member
seeds) averaged per rule; --datasets: where <set>.csv lives (the shared sets and the pool).

PRE-REGISTERED DESIGN (written and committed before any run that reads a label)
============================================================================

The kNN of the new members mirrors the product's default `knn` (docs/detectors.md): k = 5,
`method: largest`, Euclidean, `duplicates: weighted` (the k-distinct-distance: the distance to the
k-th nearest fitted row with other coordinates than the row's own; a fitted row's fit-time score
leaves its own copies out). The fitted rows are the protocol's (all rows unsupervised, normal
training rows semi-supervised, the 70% part adbench); every scaling is estimated on the fitted
rows only and applied to fitted and tested rows. Sanity check: kNN on z-scores must reproduce the
dump's `knn` column (its AUC per set and protocol, printed as the largest difference).

Scalings (one new single detector each, named knn@SCALING):
  z        (x - mean) / std (std 0 -> 1): today's `knn`, recomputed (check only)
  robust   (x - median) / IQR; IQR 0 -> std; std 0 -> 1
  rank     each feature through the fitted rows' mid-rank ECDF u = (#below + #equal / 2) / n
           (ties averaged); tested values interpolated linearly between the fitted rows'
           distinct values; below the smallest -> 0, above the largest -> 1 (the ECDF's limits)
  normal   `rank`, then the normal quantile function, u clipped to [0.5/(n+1), 1 - 0.5/(n+1)]
  white01  PCA whitening of the z-scores (Mahalanobis distance), eigenvalues + 0.01 x their mean
  white1   the same, ridge 0.1 x the mean eigenvalue
Feature bagging (Lazarevic & Kumar 2005) on z-scores: 10 rounds, round r a random feature subset
of size uniform in [ceil(d/2), d-1] (all d features when d < 3), kNN as above on it; each round's
scores normalised by its fitted rows' scores, then averaged:
  fbag_rz  robust z (auto's normalisation: (s - median) / (1.4826 MAD)) ;  fbag_rank  ECDF
  (seed 0 for the subsets; --fbag-seed repeats it with other seeds)
Multi-scale kNN (mean of the robust-z-normalised scores of kNN under several scalings):
  msk_zr (z, robust), msk_zk (z, rank), msk_zn (z, normal), msk3 (z, robust, rank)

How each enters (every new member X above, msk* included):
  (a) single:X            X alone
  (c) knn+X               mean of robust-z(knn) and robust-z(X) (for the scalings, = msk_z*)
  (b) auto+X              auto's pool plus X, rule loo_sel5_top3_max over robust-z scores
                          (keep candidates whose agreement with the mean of the others > 0.5, at
                          most the 3 highest, maximum of their normalised scores)
      autoX-for-knn       the same with X instead of `knn` in the pool
  auto's pool is the one the product ships (docs/detectors.md: iforest, ecod, knn, knn_mean20);
  family_study.py's CURRENT names the pool with hbos too (i_e_k_h_km): both are computed, and the
  one whose semi-supervised mean reproduces docs/accuracy.md's 0.8999 is "auto today".

Evaluation (labels only measure; nothing is fitted on them):
  - every rule's ROC AUC per (set, protocol); means over the 33 sets per protocol, families
    (name before the first '_') weighted equally (primary) and sets weighted equally;
  - bars, recomputed from the dumps: the best single detector at its defaults (iforest, hbos,
    ecod, knn, lof, ocsvm, autoencoder) per protocol in sample (expected: unsupervised iforest
    0.8161, semi knn 0.9080, adbench iforest 0.8282, families weighted equally); per-set best of
    those seven; goal = bar + half the gap to the per-set best;
  - the new rules have no parameter fitted on labels, so each fixed rule's mean is an honest
    estimate for that rule alone; but picking the best of ~50 after the fact is not. The
    out-of-sample estimate is leave-one-family-out: for each of the 16 held-out families, the
    rule best on the other 15 families by (i) the mean over the three protocols, (ii) the worst
    protocol's margin over the best single default there, chosen among ALL rules (old singles,
    auto today, every new rule), scored on the held-out family (as bench/family_study.py).
    Also LOFO restricted to each entry kind (a), (b), (c).

SUCCESS CRITERION: an out-of-sample (LOFO) mean ROC AUC, families weighted equally, above the
bar under ALL three protocols (unsupervised > 0.8161, semi > 0.9080, adbench > 0.8282, as
recomputed); the goal: closing half the gap to the per-set best under all three. Secondary (the
issue's own rule): if X would become a selectable single detector (a `scaling` option of knn),
auto must also beat knn@X — reported beside. A rule that wins only in sample, or was chosen after
seeing results, is reported as such.
"""
import sys, os, glob, math, pickle
import numpy as np
from scipy.stats import norm as normal_dist
from sklearn.neighbors import NearestNeighbors

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import auto_study as A

PROTOS = ["unsupervised", "semi", "adbench"]
DEFAULTS = ["iforest", "hbos", "ecod", "knn", "lof", "ocsvm", "autoencoder"]
K = 5                 # the product's knn default: n_neighbors 5, method largest
FBAG_ROUNDS = 10
POOL_SHIPPED = ["iforest", "ecod", "knn", "knn_mean20"]           # docs/detectors.md
POOL_CURRENT = ["iforest", "ecod", "knn", "hbos", "knn_mean20"]   # family_study.py CURRENT
RULE = lambda Zt, Zs: A.comb_top_loo(Zt, Zs, 3, "max", 0.5)      # loo_sel5_top3_max


# ---- scalings: estimated on the fitted rows Xt, applied to Xt and the tested rows Xs
def scale_z(Xt, Xs):
    mu, sd = Xt.mean(0), Xt.std(0)
    sd[sd == 0] = 1
    return (Xt - mu) / sd, (Xs - mu) / sd


def scale_robust(Xt, Xs):
    med = np.median(Xt, 0)
    iqr = np.percentile(Xt, 75, 0) - np.percentile(Xt, 25, 0)
    sd = Xt.std(0)
    s = np.where(iqr > 0, iqr, np.where(sd > 0, sd, 1.0))
    return (Xt - med) / s, (Xs - med) / s


def scale_rank(Xt, Xs):
    """Mid-rank ECDF per feature; tested values interpolated, 0 / 1 beyond the fitted range."""
    n = len(Xt)
    Ut, Us = np.empty(Xt.shape), np.empty(Xs.shape)
    for j in range(Xt.shape[1]):
        v, inv, cnt = np.unique(Xt[:, j], return_inverse=True, return_counts=True)
        u = (np.cumsum(cnt) - cnt + cnt / 2) / n
        Ut[:, j] = u[inv.ravel()]
        Us[:, j] = np.interp(Xs[:, j], v, u, left=0.0, right=1.0)
    return Ut, Us


def scale_normal(Xt, Xs):
    Ut, Us = scale_rank(Xt, Xs)
    lo = 0.5 / (len(Xt) + 1)
    return normal_dist.ppf(np.clip(Ut, lo, 1 - lo)), normal_dist.ppf(np.clip(Us, lo, 1 - lo))


def scale_white(ridge):
    def f(Xt, Xs):
        Zt, Zs = scale_z(Xt, Xs)
        w, V = np.linalg.eigh(np.cov(Zt, rowvar=False, bias=True).reshape(Zt.shape[1], Zt.shape[1]))
        w = np.maximum(w, 0)
        W = V / np.sqrt(w + ridge * w.mean())
        return Zt @ W, Zs @ W
    return f


SCALINGS = {"z": scale_z, "robust": scale_robust, "rank": scale_rank, "normal": scale_normal,
            "white01": scale_white(0.01), "white1": scale_white(0.1)}


def knn_distinct(Ut, Us, k=K):
    """kNN `largest` with the k-distinct-distance: fitted rows de-duplicated; a row's own copy
    (distance exactly 0: the trees compute differences, not the dot-product expansion) skipped."""
    uniq = np.unique(Ut, axis=0)
    kk = max(1, min(k, len(uniq) - 1))
    nn = NearestNeighbors(n_neighbors=min(kk + 1, len(uniq)),
                          algorithm="kd_tree" if Ut.shape[1] <= 15 else "ball_tree").fit(uniq)

    def query(X):
        out = np.empty(len(X))
        for a in range(0, len(X), 5000):
            d, _ = nn.kneighbors(X[a:a + 5000])
            last = min(kk, d.shape[1] - 1)
            out[a:a + 5000] = np.where(d[:, 0] == 0, d[:, last], d[:, kk - 1])
        return out
    return query(Ut), query(Us)


def feature_bagging(Zt, Zs, seed, norm):
    d = Zt.shape[1]
    rng = np.random.default_rng(seed)
    acc_t, acc_s = np.zeros(len(Zt)), np.zeros(len(Zs))
    for _ in range(FBAG_ROUNDS):
        size = int(rng.integers(math.ceil(d / 2), d)) if d >= 3 else d
        f = np.sort(rng.choice(d, size, replace=False))
        t, s = knn_distinct(Zt[:, f], Zs[:, f])
        acc_t += norm(t, t)
        acc_s += norm(t, s)
    return acc_t / FBAG_ROUNDS, acc_s / FBAG_ROUNDS


def read_features(dirs, name, cache={}):
    if name not in cache:
        path = next(os.path.join(d, name + ".csv") for d in dirs if os.path.exists(os.path.join(d, name + ".csv")))
        cache[name] = np.genfromtxt(path, delimiter=",", skip_header=1)[:, :-1]
    return cache[name]


def fitted_and_tested(dump, name, proto):
    rows = np.genfromtxt(os.path.join(dump, f"{name}.{proto}.rows.csv"), delimiter=",", skip_header=1, dtype=str)
    return rows[rows[:, 0] == "train", 1].astype(int), rows[rows[:, 0] == "test", 1].astype(int)


def new_members(X, tr, te, fbag_seed):
    """The new members' (fit-time, tested) raw scores for one (set, protocol)."""
    Xt, Xs = X[tr], X[te]
    M = {}
    for sn, sf in SCALINGS.items():
        Ut, Us = sf(Xt, Xs)
        M["knn@" + sn] = knn_distinct(Ut, Us)
    Zt, Zs = scale_z(Xt, Xs)
    M["fbag_rz"] = feature_bagging(Zt, Zs, fbag_seed, A.norm_robust)
    M["fbag_rank"] = feature_bagging(Zt, Zs, fbag_seed, A.norm_ecdf)
    for name, parts in (("msk_zr", ["z", "robust"]), ("msk_zk", ["z", "rank"]), ("msk_zn", ["z", "normal"]),
                        ("msk3", ["z", "robust", "rank"])):
        ts = [M["knn@" + p] for p in parts]
        M[name] = (np.mean([A.norm_robust(t, t) for t, _ in ts], 0), np.mean([A.norm_robust(t, s) for t, s in ts], 0))
    return M


NEW = ["knn@robust", "knn@rank", "knn@normal", "knn@white01", "knn@white1", "fbag_rz", "fbag_rank",
       "msk_zr", "msk_zk", "msk_zn", "msk3"]
KNN_PLUS = ["knn@white01", "knn@white1", "fbag_rz", "fbag_rank"]   # knn+X (the scalings' are msk_z*)


def rules_for(T, S, y, members, M):
    """Every rule's ROC AUC for one (set, protocol): T, S the dump's member scores, M the new ones."""
    sc = {m: (T[:, j], S[:, j]) for j, m in enumerate(members)}
    sc.update(M)
    out = {"single:" + m: A.auc(s, y) for m, (t, s) in sc.items()}
    z = {m: (A.norm_robust(t, t), A.norm_robust(t, s)) for m, (t, s) in sc.items()}

    def combine(names, rule):
        return A.auc(rule(np.column_stack([z[m][0] for m in names]), np.column_stack([z[m][1] for m in names])), y)
    for X in KNN_PLUS:
        out["knn+" + X] = combine(["knn", X], lambda Zt, Zs: Zs.mean(1))
    for pn, pool in (("ship", POOL_SHIPPED), ("cur", POOL_CURRENT)):
        out[f"auto_{pn}"] = combine(pool, RULE)
        for X in NEW:
            out[f"auto_{pn}+{X}"] = combine(pool + [X], RULE)
            out[f"auto_{pn}:{X}-for-knn"] = combine([X if m == "knn" else m for m in pool], RULE)
    return out


def run(dump, dirs, fbag_seed, cache_dir):
    names = sorted({os.path.basename(p).split(".")[0] for p in glob.glob(os.path.join(dump, "*.train.csv"))})
    names = [n for n in names if all(os.path.exists(os.path.join(dump, f"{n}.{p}.test.csv")) for p in PROTOS)]
    R = {}
    check = []
    for n in names:
        X = read_features(dirs, n)
        for p in PROTOS:
            members, T, S, y = A.load(dump, n, p)
            tr, te = fitted_and_tested(dump, n, p)
            cf = os.path.join(cache_dir, f"{n}.{p}.fbag{fbag_seed}.pkl") if cache_dir else None
            if cf and os.path.exists(cf):
                M = pickle.load(open(cf, "rb"))
            else:
                M = new_members(X, tr, te, fbag_seed)
                if cf:
                    pickle.dump(M, open(cf, "wb"))
            for r, v in rules_for(T, S, y, members, M).items():
                R.setdefault(r, {})[(n, p)] = v
            check.append(abs(R["single:knn@z"][(n, p)] - R["single:knn"][(n, p)]))
            print(f"  {n} {p} done", file=sys.stderr, flush=True)
    print(f"sanity: knn@z (this script) vs the dump's knn, largest AUC difference over {len(check)} "
          f"(set, protocol) pairs: {max(check):.6f}")
    return names, R


def kind(r):
    if r.startswith("single:"):
        return "(a) singles"
    if r.startswith("auto_"):
        return "(b) auto"
    return "(c) knn+X"


def report(names, R, runs):
    fam = {}
    for n in names:
        fam.setdefault(n.split("_")[0], []).append(n)
    families = sorted(fam)
    rules = [r for r in R if r != "single:knn@z"]   # knn@z is the dump's knn, recomputed
    size = np.array([len(fam[f]) for f in families], float)[:, None]
    SUM = {r: np.array([[sum(R[r][(n, p)] for n in fam[f]) for p in PROTOS] for f in families]) for r in rules}
    singles = ["single:" + m for m in DEFAULTS]
    fmt = lambda v: "  ".join(f"{x:.4f}" for x in v)
    sgn = lambda v: " ".join(f"{x:+.4f}" for x in v)
    print(f"{len(names)} sets, {len(families)} families, {len(rules)} rules, runs (member seeds) averaged: {runs}")
    print("families: " + ", ".join(f"{f} ({len(fam[f])})" for f in families))
    summary = {}
    for by_family, wname in ((True, "families weighted equally"), (False, "sets weighted equally")):
        def mean(r, fi):
            return (SUM[r][fi] / size[fi]).mean(0) if by_family else SUM[r][fi].sum(0) / size[fi].sum()
        allf = list(range(len(families)))
        M = {r: mean(r, allf) for r in rules}
        bk = [max(singles, key=lambda s: M[s][k]) for k in range(3)]
        bar = np.array([M[bk[k]][k] for k in range(3)])
        best_set = np.array([[max(R[s][(n, p)] for s in singles) for p in PROTOS] for n in names])
        psb = (np.array([best_set[[names.index(n) for n in fam[f]]].mean(0) for f in families]).mean(0)
               if by_family else best_set.mean(0))
        goal = bar + (psb - bar) / 2
        print(f"\n==== {wname} ====   columns: unsupervised  semi  adbench")
        print(f"  bar (best single default, in sample): " + "  ".join(f"{bk[k][7:]} {bar[k]:.4f}" for k in range(3)))
        print(f"  per-set best of the seven defaults:   {fmt(psb)}")
        print(f"  goal (half the gap):                  {fmt(goal)}")
        print(f"\n  every rule in sample (fixed rules: each mean is that rule's honest estimate alone; the best of")
        print(f"  them is not), sorted by the mean over protocols; margin over the bar; * = above the bar in all three")
        for r in sorted(rules, key=lambda r: -M[r].mean()):
            d = M[r] - bar
            print(f"    {r:36s} {fmt(M[r])}   {sgn(d)} {'*' if (d > 0).all() else ''}")

        def lofo(cands, crit):
            ch = {}
            for h in allf:
                fi = [f for f in allf if f != h]
                b = np.max([mean(s, fi) for s in singles], 0)
                ch[families[h]] = max(cands, key=lambda r: crit(mean(r, fi), b))
            rows = np.array([SUM[ch[f]][k] for k, f in enumerate(families)])
            v = (rows / size).mean(0) if by_family else rows.sum(0) / size.sum()
            return v, ch
        crits = {"by mean": lambda m, b: m.mean(), "by worst margin": lambda m, b: (m - b).min()}
        print(f"\n  leave-one-family-out: out-of-sample mean ROC AUC, margin over the bar, over the goal")
        groups = [("all rules", rules)] + [(g, [r for r in rules if kind(r) == g])
                                          for g in ("(a) singles", "(b) auto", "(c) knn+X")] + \
                 [("old: singles at defaults + auto", singles + ["auto_ship", "auto_cur"])]
        for gname, cands in groups:
            for cn, cf in crits.items():
                v, ch = lofo(cands, cf)
                summary[(wname, gname, cn)] = (v, v - bar, v - goal)
                cnt = {}
                for f in families:
                    cnt[ch[f]] = cnt.get(ch[f], 0) + 1
                ok = "MEETS the criterion" if (v > bar).all() else "misses"
                print(f"    {gname:32s} {cn:16s} {fmt(v)}   bar {sgn(v - bar)}   goal {sgn(v - goal)}  {ok}")
                print(f"        chosen: " + ", ".join(f"{r} x{c}" for r, c in sorted(cnt.items(), key=lambda x: -x[1])))
        if by_family:   # per family: semi-supervised, knn against the best new rules
            top = [r for r in sorted(rules, key=lambda r: -M[r][1]) if r != "single:knn"][:4]
            print("\n  semi-supervised per family: " + "  ".join(["single:knn"] + top))
            for k, f in enumerate(families):
                print(f"    {f:12s} " + "  ".join(f"{SUM[r][k][1] / size[k][0]:.4f}" for r in ["single:knn"] + top))
        if by_family:   # added after the first run: how sure are the closest calls (families weighted)
            print("\n  paired differences per family (mean, standard error over the 16 families, families above/below):")
            for a, b in (("knn+fbag_rz", "single:knn"), ("single:fbag_rz", "single:knn"), ("auto_ship+msk_zr", "auto_ship"),
                         ("auto_ship+fbag_rz", "auto_ship"), ("auto_ship", "single:knn")):
                d = np.array([(SUM[a][k] - SUM[b][k]) / size[k][0] for k in allf])
                print(f"    {a} - {b}: " + "  ".join(
                    f"{p}={d[:, j].mean():+.4f} se {d[:, j].std(ddof=1) / np.sqrt(len(d)):.4f} "
                    f"{(d[:, j] > 1e-12).sum()}/{(d[:, j] < -1e-12).sum()}" for j, p in enumerate(PROTOS)))
    print("\nSummary (out-of-sample, LOFO): mean ROC AUC unsupervised semi adbench | margin over the bar | over the goal")
    for (w, g, c), (v, d1, d2) in summary.items():
        print(f"  {w[:8]:8s} {g:32s} {c:16s} {fmt(v)} | {sgn(d1)} | {sgn(d2)}")


def kept_iforest(dump, dirs):
    """How often auto's rule keeps iforest among its three candidates, with the shipped pool and with
    fbag_rz added (member seed of the dump, subset seed 0): the mechanism behind auto+X's losses.
    A diagnostic added after the first run, not part of the pre-registered design."""
    names = sorted({os.path.basename(p).split(".")[0] for p in glob.glob(os.path.join(dump, "*.train.csv"))})
    for p in PROTOS:
        kept = {"shipped pool": 0, "shipped pool + fbag_rz": 0}
        for n in names:
            mem, T, _, _ = A.load(dump, n, p)
            tr, te = fitted_and_tested(dump, n, p)
            X = read_features(dirs, n)
            Zt, Zs = scale_z(X[tr], X[te])
            sc = {m: T[:, j] for j, m in enumerate(mem)}
            sc["fbag_rz"] = feature_bagging(Zt, Zs, 0, A.norm_robust)[0]
            for key, pool in zip(kept, (POOL_SHIPPED, POOL_SHIPPED + ["fbag_rz"])):
                a = A.loo_agreement(np.column_stack([A.norm_robust(sc[m], sc[m]) for m in pool]))
                order = list(np.argsort(-a, kind="mergesort"))
                chosen = ([m for m in order if a[m] > 0.5] or order)[:3]
                kept[key] += "iforest" in [pool[i] for i in chosen]
        print(f"{p}: sets (of {len(names)}) where auto keeps iforest: " + ", ".join(f"{k} {v}" for k, v in kept.items()))


def main():
    args = sys.argv[1:]
    if args and args[0] == "--kept-iforest":   # --kept-iforest DUMP_DIR --datasets DIR,DIR
        kept_iforest(args[1], args[3].split(","))
        return
    opt = {}
    for o in ("--save", "--load", "--datasets", "--fbag-seed", "--cache"):
        if o in args:
            i = args.index(o); opt[o] = args[i + 1]; del args[i:i + 2]
    if "--load" in opt:
        per_run = [(s["names"], s["results"]) for s in (pickle.load(open(f, "rb")) for f in opt["--load"].split(","))]
    else:
        if not args or "--datasets" not in opt:
            print("metric_study.py: give DUMP_DIR[,DUMP_DIR...] --datasets DIR,DIR (or --load FILE)", file=sys.stderr)
            sys.exit(2)
        dirs = opt["--datasets"].split(",")
        seed = int(opt.get("--fbag-seed", 0))
        per_run = [run(d, dirs, seed + i, opt.get("--cache")) for i, d in enumerate(args[0].split(","))]
    names = per_run[0][0]
    assert all(r[0] == names for r in per_run), "the runs hold different sets"
    R = {rule: {k: float(np.mean([r[1][rule][k] for r in per_run])) for k in per_run[0][1][rule]}
         for rule in per_run[0][1]}
    if "--save" in opt:
        pickle.dump({"names": names, "protos": PROTOS, "results": R}, open(opt["--save"], "wb"))
    report(names, R, len(per_run))


if __name__ == "__main__":
    main()
