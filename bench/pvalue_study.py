#!/usr/bin/env python3
"""Study of tail-calibrated combination rules for the `auto` detector, on the member scores that
ScoreDump wrote (<set>.<protocol>.train.csv / .test.csv). Each member's score is turned into a
right-tail probability against its own training scores (the fitted rows; an honest null when
they are all normal, the semi-supervised protocol), and the members' p-values are combined
(Fisher, the harmonic mean p-value, Tippett's minimum, ...). No rule looks at labels; labels only
measure it. The rule is chosen by leave-one-dataset-out over every rule of the family.

  python3 bench/pvalue_study.py DUMP_DIR [--save FILE]     # numpy, scipy
  python3 bench/pvalue_study.py --report FILE              # the report again from a saved run

Normalisations (each fitted on one member's training scores t, applied to scores s):
  robust_z     (s - median) / (1.4826 MAD)
  ecdf_logp    -log((#{t >= s} + 1) / (n + 1))            saturates beyond the training maximum
  gpd_logp     -log p, p the ECDF below the 90% quantile u and a generalised Pareto tail above it
               (probability-weighted-moment fit to the exceedances, shape clamped to [0, 0.5]):
               continuous and unbounded, so rows beyond every training score keep their order
  exp_logp     the same with the shape fixed at 0 (an exponential tail: -log p is linear in s)
Combinations of the normalised scores L (for the p-value normalisations, L = -log p):
  mean (Fisher's statistic), max (Tippett's), hmp (-log of the harmonic mean p-value, a soft
  maximum), top2 (mean of each row's two largest)
Selections: the pool as is; the `auto` rule (leave-one-member-out agreement > 0.5, at most k of
  them, k = 2, 3); the top 2 or 3 by tail agreement (overlap of the top 5% fitted rows with the
  other members' consensus); the top 2 or 3 by stability (StabilityDump's .stab.csv files: two
  models fitted on disjoint 40% parts, Spearman on the other 20%; rules skipped without them);
  the top 3 by agreement + stability.
"""
import sys, os, itertools, glob, pickle
import numpy as np
from auto_study import auc, leave_one_dataset_out, norm_robust, spearman   # the auto study's ROC AUC, robust z, rank agreement, leave-one-dataset-out

def load(d, name, proto):
    tr = np.genfromtxt(os.path.join(d, f"{name}.{proto}.train.csv"), delimiter=",", names=True)
    te = np.genfromtxt(os.path.join(d, f"{name}.{proto}.test.csv"), delimiter=",", names=True)
    members = list(tr.dtype.names)
    return members, np.column_stack([tr[m] for m in members]), np.column_stack([te[m] for m in members]), te["label"].astype(int)

def norm_ecdf_logp(t, s):
    ts = np.sort(t)
    above = len(ts) - np.searchsorted(ts, s, side="left")     # training scores >= s
    return -np.log((above + 1) / (len(ts) + 1))

def gpd_pwm(y):
    """Generalised Pareto shape and scale of exceedances y >= 0 by probability-weighted moments
    (Hosking & Wallis 1987); shape xi > 0 is a heavy tail."""
    y = np.sort(y)
    n = len(y)
    a0 = y.mean()
    p = (np.arange(1, n + 1) - 0.35) / n
    a1 = np.mean((1 - p) * y)
    if not a0 > 0 or not (a0 - 2 * a1) > 0:
        return 0.0, max(a0, 1e-12)
    k = a0 / (a0 - 2 * a1) - 2
    sigma = 2 * a0 * a1 / (a0 - 2 * a1)
    return -k, sigma

def tail_logp(t, s, q=0.90, shape=None):
    ts = np.sort(t)
    n = len(ts)
    u = ts[int(np.floor(q * (n - 1)))]
    exc = ts[ts > u] - u
    pu = len(exc) / n   # the tail's share of the training scores
    if len(exc) < 5 or pu <= 0:
        return norm_ecdf_logp(t, s)
    xi, sigma = gpd_pwm(exc)
    xi = min(max(xi, 0.0), 0.5) if shape is None else shape
    sigma = max(sigma, 1e-12)
    out = norm_ecdf_logp(t, s)
    hi = s > u
    z = (s[hi] - u) / sigma
    if xi > 1e-9:
        out[hi] = -np.log(pu) + np.log1p(xi * z) / xi
    else:
        out[hi] = -np.log(pu) + z
    # the body's ECDF value at u is about -log(pu): keep the map monotone across u
    out[~hi] = np.minimum(out[~hi], -np.log(pu))
    return out

NORMS = {
    "robust_z": norm_robust,
    "ecdf_logp": norm_ecdf_logp,
    "gpd_logp": lambda t, s: tail_logp(t, s),
    "exp_logp": lambda t, s: tail_logp(t, s, shape=0.0),
}

def comb_mean(Z): return Z.mean(1)
def comb_max(Z): return Z.max(1)
def comb_hmp(Z):
    m = Z.max(1, keepdims=True)
    return (m[:, 0] + np.log(np.mean(np.exp(Z - m), 1)))
def comb_top2(Z):
    if Z.shape[1] < 2: return Z[:, 0]
    return np.sort(Z, 1)[:, -2:].mean(1)

COMBS = {"mean": comb_mean, "max": comb_max, "hmp": comb_hmp, "top2": comb_top2}

def agreement(Zt):
    M = Zt.shape[1]
    return np.array([spearman(Zt[:, m], np.delete(Zt, m, 1).mean(1)) for m in range(M)])

def tail_agreement(Zt, q=0.95):
    """Each member's overlap with the others: the share of its top (1 - q) training rows that are
    also in the top (1 - q) of the mean of the other members' normalised scores."""
    M = Zt.shape[1]
    n = Zt.shape[0]
    k = max(1, int(round((1 - q) * n)))
    out = []
    for m in range(M):
        mine = set(np.argsort(-Zt[:, m], kind="mergesort")[:k])
        cons = set(np.argsort(-np.delete(Zt, m, 1).mean(1), kind="mergesort")[:k])
        out.append(len(mine & cons) / k)
    return np.array(out)

def select(a, k, thr=0.5):
    order = list(np.argsort(-a, kind="mergesort"))
    above = [m for m in order if a[m] > thr] or order
    return sorted(above[:k])

POOLS = {
    "auto5": ["iforest", "ecod", "hbos", "knn", "knn_mean20"],
    "default3": ["iforest", "ecod", "knn"],
    "i_km": ["iforest", "knn_mean20"],
    "i_e_km": ["iforest", "ecod", "knn_mean20"],
    "i_h_km": ["iforest", "hbos", "knn_mean20"],
    "i_e_h_km": ["iforest", "ecod", "hbos", "knn_mean20"],
    "auto5_o": ["iforest", "ecod", "hbos", "knn", "knn_mean20", "ocsvm"],
    "auto5_l50": ["iforest", "ecod", "hbos", "knn", "knn_mean20", "lof50"],
    "all": None,
}
SELECTIONS = {"pool": None, "agree_top2": 2, "agree_top3": 3, "tail_top2": ("tail", 2), "tail_top3": ("tail", 3),
              "stab_top2": ("stab", 2), "stab_top3": ("stab", 3), "agree_stab_top3": ("agree+stab", 3)}

def stability(d, name, proto, pool):
    """Each candidate's Spearman correlation between its two models fitted on disjoint 40% parts of
    the fitted rows, on the remaining 20% (StabilityDump); None when a candidate is not there."""
    path = os.path.join(d, f"{name}.{proto}.stab.csv")
    if not os.path.exists(path):
        return None
    t = np.genfromtxt(path, delimiter=",", names=True)
    if any(m + "_a" not in t.dtype.names for m in pool):
        return None
    return np.array([spearman(t[m + "_a"], t[m + "_b"]) for m in pool])

def main():
    d = sys.argv[1]
    save = sys.argv[sys.argv.index("--save") + 1] if "--save" in sys.argv else None
    protos = ["unsupervised", "semi", "adbench"]
    names = sorted({os.path.basename(p).split(".")[0] for p in glob.glob(os.path.join(d, "*.train.csv"))})
    data = {(n, p): load(d, n, p) for n in names for p in protos}
    members = data[(names[0], protos[0])][0]
    results = {}
    for m in members:
        results["single:" + m] = {k: auc(v[2][:, members.index(m)], v[3]) for k, v in data.items()}
    # normalised columns, computed once
    normed = {}
    for (k, (mem, T, S, y)), (nn, nf) in itertools.product(data.items(), NORMS.items()):
        normed[(k, nn)] = (np.column_stack([nf(T[:, j], T[:, j]) for j in range(len(mem))]),
                           np.column_stack([nf(T[:, j], S[:, j]) for j in range(len(mem))]))
    agree_cache = {}
    for (pn, pool), nn, (sn, sk), (cn, cf) in itertools.product(POOLS.items(), NORMS, SELECTIONS.items(), COMBS.items()):
        idx = list(range(len(members))) if pool is None else [members.index(m) for m in pool]
        kk = sk[1] if isinstance(sk, tuple) else sk
        if kk is not None and kk >= len(idx):
            continue
        res = {}
        for k in data:
            Zt, Zs = normed[(k, nn)]
            Zt = Zt[:, idx]; Zs = Zs[:, idx]
            if sk is not None:
                # agreement measured on robust z of the training scores, as `auto` does
                how = sk[0] if isinstance(sk, tuple) else "agree"
                key = (k, pn, how)
                if key not in agree_cache:
                    zt = normed[(k, "robust_z")][0][:, idx]
                    pool_names = [members[j] for j in idx]
                    if how == "tail":
                        agree_cache[key] = tail_agreement(zt)
                    elif how == "stab":
                        agree_cache[key] = stability(d, k[0], k[1], pool_names)
                    elif how == "agree+stab":
                        st = stability(d, k[0], k[1], pool_names)
                        agree_cache[key] = None if st is None else agreement(zt) + st
                    else:
                        agree_cache[key] = agreement(zt)
                if agree_cache[key] is None:
                    res = None
                    break
                # the tail overlap and stability have no threshold: the top kk
                keep = select(agree_cache[key], kk, 0.5 if how == "agree" else -9.0)
                Zs = Zs[:, keep]
            res[k] = auc(cf(Zs), data[k][3])
        if res is not None:
            results[f"{pn}|{nn}|{sn}|{cn}"] = res
    if save:
        with open(save, "wb") as f:
            pickle.dump({"names": names, "protos": protos, "results": results}, f)
    report(results, names, protos)

def report(results, names, protos):
    def mean(rule, sets, ps):
        return float(np.mean([results[rule][(n, p)] for n in sets for p in ps]))
    singles = [r for r in results if r.startswith("single:")]
    # fixed reference: the 7 singles at their defaults (the protocol tables' columns)
    defaults7 = ["single:" + m for m in ["iforest", "hbos", "ecod", "knn", "lof", "ocsvm", "autoencoder"]]
    print("datasets:", names)
    best_single = {}
    for p in protos:
        per_best = np.mean([max(results[s][(n, p)] for s in defaults7) for n in names])
        bs = max(defaults7, key=lambda s: mean(s, names, [p]))
        best_single[p] = mean(bs, names, [p])
        goal = best_single[p] + (per_best - best_single[p]) / 2
        print(f"[{p}] best single {bs} {best_single[p]:.4f}; per-set best {per_best:.4f}; goal {goal:.4f}")
    rules = [r for r in results if not r.startswith("single:")]
    def margin(r, sets):
        return min(mean(r, sets, [p]) - max(mean(s, sets, [p]) for s in defaults7) for p in protos)
    ranked = sorted(rules, key=lambda r: -margin(r, names))
    print("\nTop rules in sample by the worst protocol's margin over the best single detector:")
    for r in ranked[:30]:
        print(f"  {r:40s} " + " ".join(f"{p}={mean(r, names, [p]):.4f}" for p in protos) + f"  margin={margin(r, names):+.4f}")
    print(f"\n{len(rules)} rules. Leave-one-dataset-out:")
    for title, crit in [("mean over protocols", lambda r, s: mean(r, s, protos)), ("worst protocol's margin", margin)]:
        est, chosen = leave_one_dataset_out(rules, crit, names, results, protos)
        print(f"  by the {title}: " + " ".join(f"{p}={np.mean(est[p]):.4f} ({np.mean(est[p]) - best_single[p]:+.4f})" for p in protos))
        for held, c in zip(names, chosen):
            print(f"    held out {held:12s} chose {c}")

if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--report":
        with open(sys.argv[2], "rb") as f:
            s = pickle.load(f)
        report(s["results"], s["names"], s["protos"])
    else:
        main()
