#!/usr/bin/env python3
"""Meta-learned detector selection (MetaOD, Zhao, Rossi & Akoglu, NeurIPS 2021; landmarkers):
choose the detector per dataset from meta-features of the FITTED rows (no labels), with a
selector learnt on the other datasets' labelled results, measured by leave-one-family-out over
every set ScoreDump dumped (the nine shared sets and the unseen pool: 33 sets, 16 families as
bench/family_study.py defines them: a set's name before the first '_').

  python3 bench/meta_study.py DATASETS_DIR[,DATASETS_DIR...] DUMP_DIR [DUMP_DIR ...]

DATASETS_DIR: the folders holding the sets' CSV files (../shared/datasets and the pool made by
bench/pool/make_pool.py); DUMP_DIR: ScoreDump folders, one per member seed (AUCs averaged over
them; the landmarkers come from the first).

PRE-REGISTRATION (written and committed before any result of this script was seen; the script
is run once, as written here):

Candidates (8): the seven single detectors at their defaults (iforest, hbos, ecod, knn, lof,
  ocsvm, autoencoder) and `auto`'s current rule (candidates iforest, ecod, knn,
  knn(n_neighbors=20, method=mean); robust z; min_agreement 0.5; max_members 3; maximum:
  auto_study's `i_e_k_km|robust_z|loo_sel5_top3_max`; family_study's CURRENT still names the pool
  with hbos, which `auto` no longer has).

Meta-features (10), computed per (set, protocol) on the fitted rows only, standardised as
ScoreDump standardises them (mean and population standard deviation of the fitted rows):
  1 log10 rows                       2 log10 features
  3 share of duplicate rows (rows equal to an earlier fitted row)
  4 share of discrete features (at most 10 distinct values among the fitted rows)
  5 mean |Spearman| between pairs of non-constant features (on at most 2,000 rows, rng seed 0)
  6 intrinsic dimension: principal components for 90% of the variance / features (at most 5,000 rows)
  7 median |skewness| of the non-constant features
  8 median log(1 + |excess kurtosis|) of the non-constant features
  9 landmarker: Spearman correlation of iforest's and knn's fit-time scores (no labels)
 10 landmarker: Spearman correlation of knn's and ecod's fit-time scores
  Standardised (mean, standard deviation) over each selector's training rows.

Selectors (3), each trained on the training families' (set, protocol) rows, every family
weighted equally (weight 1 / its row count), then applied per held-out SET (and protocol):
  (a) nearest family: the training family whose centroid (mean standardised meta-features over
      its rows) is nearest (Euclidean) to the held-out set's meta-features; the candidate with
      the best mean ROC AUC over that family's rows.
  (b) ridge per candidate: a ridge regression (alpha 1, intercept, family weights) per candidate
      predicting its AUC rank among the 8 on a row (1 = best, ties averaged); the candidate with
      the lowest predicted rank (ties: candidate order, `auto` first).
  (c) depth-2 tree, `auto` or `knn`: a cost-sensitive decision tree of depth at most 2 (split
      thresholds at midpoints; each leaf must hold rows of at least 2 training families; a split
      is taken only if it lowers the weighted loss), whose label is whichever of the two has the
      higher ROC AUC on a row and whose weight is the absolute AUC difference x the family
      weight: it minimises the AUC lost against the better of the two. Leaves: the weighted
      majority; `auto` when tied.

Two training modes; the MAIN one is decided here:
  MAIN   protocol unknown (as in the product, which cannot tell whether its fitted rows are
         clean): the selector is trained on the rows of all three protocols together.
  second protocol known: trained on the held-out protocol's rows only.

Estimate: leave-one-family-out (16 folds); for each protocol the mean ROC AUC of the chosen
candidates over the held-out sets, with families weighted equally (the fairer reading: digits and
segment are 17 of 33 sets) and with sets weighted equally. Beside it: the best single detector in
sample (per protocol, the best of the seven on all 33 sets under that weighting: the goal's bar),
`auto`'s rule, knn, the per-set best of the seven, the goal (half the gap from the best single to
the per-set best), the in-sample figure (selector trained and applied on all 33 sets), the
standard error over families of the held-out difference from the best single, and how often each
candidate is chosen. A selector meets the goal if, in MAIN mode and families weighted, it is
above every single detector out of sample under all three protocols AND at or above the goal.
"""
import sys, os, glob
import numpy as np
from scipy.stats import rankdata, spearmanr, skew, kurtosis

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import auto_study as A

PROTOS = ["unsupervised", "semi", "adbench"]
SINGLES = ["iforest", "hbos", "ecod", "knn", "lof", "ocsvm", "autoencoder"]
AUTO = "auto"
CANDS = [AUTO] + SINGLES                      # the order breaks ties: auto first
AUTO_POOL = ["iforest", "ecod", "knn", "knn_mean20"]
FEATS = ["log_rows", "log_feats", "dup_share", "discrete_share", "mean_abs_spearman",
         "pca90_ratio", "med_abs_skew", "med_log_kurt", "lm_iforest_knn", "lm_knn_ecod"]


# ---------------------------------------------------------------- candidates' ROC AUC per set

def auto_rule(mem, T, S):
    idx = [mem.index(m) for m in AUTO_POOL]
    Zt = np.column_stack([A.norm_robust(T[:, j], T[:, j]) for j in idx])
    Zs = np.column_stack([A.norm_robust(T[:, j], S[:, j]) for j in idx])
    return A.comb_top_loo(Zt, Zs, 3, "max", 0.5)


def cand_aucs(d, names):
    """{(set, protocol): {candidate: AUC}} and the fit-time scores (for the landmarkers)."""
    out, fit = {}, {}
    for n in names:
        for p in PROTOS:
            mem, T, S, y = A.load(d, n, p)
            r = {c: A.auc(S[:, mem.index(c)], y) for c in SINGLES}
            r[AUTO] = A.auc(auto_rule(mem, T, S), y)
            out[(n, p)] = r
            fit[(n, p)] = {m: T[:, mem.index(m)] for m in ("iforest", "knn", "ecod")}
    return out, fit


# ---------------------------------------------------------------- meta-features

def read_set(dirs, name):
    for d in dirs:
        f = os.path.join(d, name + ".csv")
        if os.path.exists(f):
            with open(f) as fh:
                head = fh.readline().strip().split(",")
            X = np.genfromtxt(f, delimiter=",", skip_header=1)
            return np.delete(X, head.index("label"), 1)
    raise SystemExit(f"meta_study.py: {name}.csv in none of {dirs}")


def meta_features(Xraw, fit):
    n, dcol = Xraw.shape
    rng = np.random.default_rng(0)
    mu = Xraw.mean(0)
    sd = Xraw.std(0)
    sd[sd == 0] = 1
    X = (Xraw - mu) / sd
    dup = 1 - len(np.unique(Xraw, axis=0)) / n
    distinct = np.array([len(np.unique(Xraw[:, j])) for j in range(dcol)])
    discrete = float(np.mean(distinct <= 10))
    live = distinct > 1
    Xl = X[:, live]
    sub = Xl[rng.choice(n, 2000, replace=False)] if n > 2000 else Xl
    if Xl.shape[1] >= 2:
        rho = spearmanr(sub).correlation
        rho = np.atleast_2d(rho)
        iu = np.triu_indices(Xl.shape[1], 1)
        mas = float(np.nanmean(np.abs(rho[iu])))
    else:
        mas = 0.0
    sub5 = X[rng.choice(n, 5000, replace=False)] if n > 5000 else X
    ev = np.sort(np.linalg.eigvalsh(np.cov(sub5, rowvar=False).reshape(dcol, dcol)))[::-1]
    ev = np.maximum(ev, 0)
    share = np.cumsum(ev) / ev.sum() if ev.sum() > 0 else np.ones(dcol)
    pca90 = (int(np.searchsorted(share, 0.9 - 1e-12)) + 1) / dcol
    sk = float(np.median(np.abs(skew(Xl, axis=0)))) if Xl.shape[1] else 0.0
    ku = float(np.median(np.log1p(np.abs(kurtosis(Xl, axis=0))))) if Xl.shape[1] else 0.0
    lm1 = A.spearman(fit["iforest"], fit["knn"])
    lm2 = A.spearman(fit["knn"], fit["ecod"])
    return [np.log10(n), np.log10(dcol), dup, discrete, mas, pca90, sk, ku, lm1, lm2]


def all_meta(dirs, dump, names, fit):
    M = {}
    for n in names:
        X = read_set(dirs, n)
        for p in PROTOS:
            rows = np.genfromtxt(os.path.join(dump, f"{n}.{p}.rows.csv"), delimiter=",", skip_header=1, dtype=str)
            idx = rows[rows[:, 0] == "train", 1].astype(int)
            M[(n, p)] = meta_features(X[idx], fit[(n, p)])
        print(f"  meta-features {n}", file=sys.stderr, flush=True)
    return M


# ---------------------------------------------------------------- selectors

def standardiser(F):
    mu, sd = F.mean(0), F.std(0)
    sd[sd == 0] = 1
    return lambda G: (G - mu) / sd


def sel_nearest(F, fams, aucs, w):
    z = standardiser(F)
    Z = z(F)
    fl = sorted(set(fams))
    cent = np.array([Z[[f == g for f in fams]].mean(0) for g in fl])
    best = {g: CANDS[int(np.argmax([np.mean([a[c] for a, f in zip(aucs, fams) if f == g]) for c in CANDS]))]
            for g in fl}

    def choose(G):
        D = ((z(G)[:, None, :] - cent[None]) ** 2).sum(2)
        return [best[fl[int(k)]] for k in D.argmin(1)]
    return choose


def sel_ridge(F, fams, aucs, w, alpha=1.0):
    z = standardiser(F)
    Z = np.column_stack([np.ones(len(F)), z(F)])
    ranks = np.array([rankdata([-a[c] for c in CANDS]) for a in aucs])   # 1 = best
    W = np.diag(w)
    P = np.eye(Z.shape[1]) * alpha
    P[0, 0] = 0                                       # the intercept is not penalised
    B = np.linalg.solve(Z.T @ W @ Z + P, Z.T @ W @ ranks)

    def choose(G):
        pred = np.column_stack([np.ones(len(G)), z(G)]) @ B
        return [CANDS[int(np.argmin(r))] for r in pred]   # argmin: first (auto) on ties
    return choose


def sel_tree(F, fams, aucs, w, depth=2):
    lab = np.array([a["knn"] > a[AUTO] for a in aucs])
    cost = np.array([abs(a["knn"] - a[AUTO]) for a in aucs]) * w
    fams = np.array(fams)

    def leaf(ix):
        return "knn" if cost[ix][lab[ix]].sum() > cost[ix][~lab[ix]].sum() else AUTO

    def loss(ix):
        c = leaf(ix)
        return cost[ix][lab[ix] != (c == "knn")].sum()

    def grow(ix, dep):
        node = {"leaf": leaf(ix)}
        if dep == 0:
            return node
        base, best = loss(ix), None
        for j in range(F.shape[1]):
            v = np.unique(F[ix, j])
            for t in (v[:-1] + v[1:]) / 2:
                l, r = ix[F[ix, j] <= t], ix[F[ix, j] > t]
                if len(set(fams[l])) < 2 or len(set(fams[r])) < 2:
                    continue
                s = loss(l) + loss(r)
                if s < base - 1e-12 and (best is None or s < best[0] - 1e-12):
                    best = (s, j, t, l, r)
        if best is None:
            return node
        _, j, t, l, r = best
        return {"j": j, "t": t, "l": grow(l, dep - 1), "r": grow(r, dep - 1)}

    root = grow(np.arange(len(F)), depth)

    def walk(node, g):
        while "j" in node:
            node = node["l"] if g[node["j"]] <= node["t"] else node["r"]
        return node["leaf"]

    def choose(G):
        return [walk(root, g) for g in G]
    choose.tree = root
    return choose


SELECTORS = {"(a) nearest family": sel_nearest, "(b) ridge rank": sel_ridge, "(c) tree auto/knn": sel_tree}


def describe(node, ind="    "):
    if "j" not in node:
        return ind + "-> " + node["leaf"]
    return (f"{ind}{FEATS[node['j']]} <= {node['t']:.4g}\n{describe(node['l'], ind + '  ')}\n"
            f"{ind}{FEATS[node['j']]} >  {node['t']:.4g}\n{describe(node['r'], ind + '  ')}")


# ---------------------------------------------------------------- study

def main():
    if len(sys.argv) < 3:
        print(__doc__.split("PRE-REGISTRATION")[0], file=sys.stderr)
        sys.exit(2)
    dirs = sys.argv[1].split(",")
    dumps = sys.argv[2:]
    names = sorted({os.path.basename(p).split(".")[0] for p in glob.glob(os.path.join(dumps[0], "*.train.csv"))})
    names = [n for n in names if all(os.path.exists(os.path.join(d, f"{n}.{p}.test.csv")) for d in dumps for p in PROTOS)]
    runs = []
    for d in dumps:
        runs.append(cand_aucs(d, names))
        print(f"  AUCs {d}", file=sys.stderr, flush=True)
    R = {k: {c: float(np.mean([r[0][k][c] for r in runs])) for c in CANDS} for k in runs[0][0]}
    META = all_meta(dirs, dumps[0], names, runs[0][1])
    fam_of = {n: n.split("_")[0] for n in names}
    families = sorted(set(fam_of.values()))
    fsize = {f: sum(fam_of[n] == f for n in names) for f in families}
    print(f"{len(names)} sets, {len(families)} families; member seeds averaged: {len(dumps)}; candidates: {', '.join(CANDS)}")
    print("families: " + ", ".join(f"{f} ({fsize[f]})" for f in families))
    print("\nmeta-features (semi-supervised protocol's fitted rows):")
    print("  " + " ".join(f"{h[:10]:>10s}" for h in ["set"] + FEATS))
    for n in names:
        print("  " + f"{n[:10]:>10s} " + " ".join(f"{v:10.3f}" for v in META[(n, 'semi')]))

    def train_rows(sets, protos):
        keys = [(n, p) for n in sets for p in protos]
        F = np.array([META[k] for k in keys], float)
        fams = [fam_of[k[0]] for k in keys]
        cnt = {f: fams.count(f) for f in set(fams)}
        w = np.array([1.0 / cnt[f] for f in fams])
        return F, fams, [R[k] for k in keys], w

    # choice[(mode, selector, sample)][(set, protocol)] = candidate
    choice = {}
    trees = {}
    for mode in ("MAIN", "second"):
        for sname, sfun in SELECTORS.items():
            oos, ins = {}, {}
            for p in PROTOS:
                protos = PROTOS if mode == "MAIN" else [p]
                for h in families:
                    sel = sfun(*train_rows([n for n in names if fam_of[n] != h], protos))
                    held = [n for n in names if fam_of[n] == h]
                    for n, c in zip(held, sel(np.array([META[(n, p)] for n in held], float))):
                        oos[(n, p)] = c
                sel = sfun(*train_rows(names, protos))
                for n, c in zip(names, sel(np.array([META[(n, p)] for n in names], float))):
                    ins[(n, p)] = c
                if hasattr(sel, "tree"):
                    trees[(mode, p)] = sel.tree
            choice[(mode, sname, "oos")] = oos
            choice[(mode, sname, "in")] = ins

    def mean_of(val, by_family):
        """val: {(set, protocol): AUC} -> per-protocol mean, families or sets weighted equally."""
        out = []
        for p in PROTOS:
            if by_family:
                out.append(np.mean([np.mean([val[(n, p)] for n in names if fam_of[n] == f]) for f in families]))
            else:
                out.append(np.mean([val[(n, p)] for n in names]))
        return np.array(out)

    def fam_diffs(val, ref):
        return np.array([[np.mean([val[(n, p)] - ref[(n, p)] for n in names if fam_of[n] == f]) for p in PROTOS]
                         for f in families])

    fmt = lambda v: " ".join(f"{x:.4f}" for x in v)
    sgn = lambda v: " ".join(f"{x:+.4f}" for x in v)
    summary = []
    for by_family, wname in ((True, "16 families weighted equally"), (False, "33 sets weighted equally")):
        print(f"\n==== {wname} ====   columns: {' / '.join(PROTOS)}")
        single = {c: mean_of({k: R[k][c] for k in R}, by_family) for c in SINGLES}
        bk = [max(SINGLES, key=lambda c: single[c][j]) for j in range(3)]
        best_in = np.array([single[bk[j]][j] for j in range(3)])
        per_set = mean_of({k: max(R[k][c] for c in SINGLES) for k in R}, by_family)
        goal = best_in + (per_set - best_in) / 2
        autov = mean_of({k: R[k][AUTO] for k in R}, by_family)
        oracle8 = mean_of({k: max(R[k].values()) for k in R}, by_family)
        print(f"  singles: " + "; ".join(f"{c} {fmt(single[c])}" for c in SINGLES))
        print(f"  best single in sample: {' / '.join(f'{bk[j]} {best_in[j]:.4f}' for j in range(3))}")
        print(f"  auto's rule            {fmt(autov)}   vs best single {sgn(autov - best_in)}")
        print(f"  per-set best (7)       {fmt(per_set)}")
        print(f"  per-set best (8 cands) {fmt(oracle8)}")
        print(f"  goal (half the gap)    {fmt(goal)}")
        ref = {k: R[k][bk[PROTOS.index(k[1])]] for k in R}
        for mode in ("MAIN", "second"):
            print(f"\n  mode {mode} ({'protocol unknown: trained on all three protocols' if mode == 'MAIN' else 'protocol known: trained on its own rows'})")
            for sname in SELECTORS:
                for sample in ("oos", "in"):
                    ch = choice[(mode, sname, sample)]
                    v = mean_of({k: R[k][ch[k]] for k in R}, by_family)
                    line = f"    {sname:20s} {'out of sample' if sample == 'oos' else 'in sample    '} {fmt(v)}  vs best single {sgn(v - best_in)}  vs goal {sgn(v - goal)}"
                    if sample == "oos":
                        D = fam_diffs({k: R[k][ch[k]] for k in R}, ref)
                        se = D.std(0, ddof=1) / np.sqrt(len(families))
                        line += "  se " + " ".join(f"{x:.4f}" for x in se) + "  fam +/- " + " ".join(
                            f"{(D[:, j] > 1e-12).sum()}/{(D[:, j] < -1e-12).sum()}" for j in range(3))
                        summary.append((wname[:11], mode, sname, v, v - best_in, v - goal,
                                        all(v[j] > max(single[c][j] for c in SINGLES) for j in range(3)) and all(v >= goal)))
                    print(line)
        for mode in ("MAIN", "second"):
            if not by_family:
                break
            for sname in SELECTORS:
                ch = choice[(mode, sname, "oos")]
                print(f"\n  chosen out of sample, {mode}, {sname}:")
                for p in PROTOS:
                    cnt = {}
                    for n in names:
                        cnt[ch[(n, p)]] = cnt.get(ch[(n, p)], 0) + 1
                    print(f"    {p:12s} " + ", ".join(f"{c} x{k}" for c, k in sorted(cnt.items(), key=lambda x: -x[1])))
    print("\nper set, out of sample, MAIN (unsupervised / semi / adbench): candidate chosen and its AUC; best single there")
    for n in names:
        row = []
        for p in PROTOS:
            cs = [choice[("MAIN", s, "oos")][(n, p)] for s in SELECTORS]
            b = max(SINGLES, key=lambda c: R[(n, p)][c])
            row.append(" ".join(f"{c[:5]}" for c in cs) + f" | {b[:5]} {R[(n, p)][b]:.3f} auto {R[(n, p)][AUTO]:.3f}")
        print(f"  {n:18s} " + "  ||  ".join(row))
    print("\ntree (c), trained on all 33 sets, MAIN (the same for every protocol):")
    print(describe(trees[("MAIN", "unsupervised")]))
    print("\nSummary, out of sample: mean ROC AUC (unsupervised / semi / adbench) | vs best single in sample | vs goal | meets the goal")
    for wn, mode, sname, v, d1, d2, ok in summary:
        print(f"  {wn} {mode:6s} {sname:20s} {fmt(v)} | {sgn(d1)} | {sgn(d2)} | {'yes' if ok else 'no'}")


if __name__ == "__main__":
    main()
