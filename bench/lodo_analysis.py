#!/usr/bin/env python3
"""How far the leave-one-dataset-out estimate can be trusted at all, on the rule AUCs that
bench/pvalue_study.py saved (--save FILE):

  python3 bench/lodo_analysis.py FILE

1. LODO over nested families of rules (the more rules, the more the choice on eight sets is
   noise), choosing by the mean over the three protocols, and per protocol (the rule chosen on
   the other sets under the same protocol only: a user who knows whether the training rows are
   clean could be given a per-protocol rule).
2. The resolution of nine sets: for the reference rule, its per-set difference from the best
   single detector at its defaults, the standard error of the mean difference, the sign count,
   and a paired bootstrap over sets (10,000 resamples, seed 0) of the probability that the
   difference is positive.
"""
import sys, pickle
import numpy as np

s = pickle.load(open(sys.argv[1], "rb"))
R, names, protos = s["results"], s["names"], s["protos"]
defaults7 = ["single:" + m for m in ["iforest", "hbos", "ecod", "knn", "lof", "ocsvm", "autoencoder"]]
rules = [r for r in R if not r.startswith("single:")]
REF = "auto5|robust_z|agree_top3|max"

def mean(r, sets, ps):
    return float(np.mean([R[r][(n, p)] for n in sets for p in ps]))

best_single = {p: max(mean(x, names, [p]) for x in defaults7) for p in protos}
best_single_name = {p: max(defaults7, key=lambda x: mean(x, names, [p])) for p in protos}

def lodo(family, per_protocol=False):
    est = {p: [] for p in protos}
    chosen = set()
    for held in names:
        rest = [n for n in names if n != held]
        for p in protos:
            ps = [p] if per_protocol else protos
            best = max(family, key=lambda r: mean(r, rest, ps))
            chosen.add(best)
            est[p].append(R[best][(held, p)])
    return {p: float(np.mean(v)) for p, v in est.items()}, chosen

fams = {
    "the reference rule alone (= in sample)": [REF],
    "4 normalisations of the reference rule": [r for r in rules if r.startswith("auto5|") and r.endswith("|agree_top3|max")],
    "reference pool and selection, 4 norms x 4 combinations": [r for r in rules if r.startswith("auto5|") and "|agree_top3|" in r],
    "reference pool, 4 norms x 3 selections (pool, agreement top 2, 3) x 4 combinations":
        [r for r in rules if r.startswith("auto5|") and r.split("|")[2] in ("pool", "agree_top2", "agree_top3")],
    "reference pool, every norm, selection and combination": [r for r in rules if r.startswith("auto5|")],
    "tail-calibrated only (ecdf/gpd/exp), every pool": [r for r in rules if "_logp" in r],
    f"every rule ({len(rules)})": rules,
}
print("best single detector in sample: " + ", ".join(f"{p} {best_single_name[p][7:]} {best_single[p]:.4f}" for p in protos))
print("best rule in sample, per protocol (an upper bound for any choice among these rules): "
      + ", ".join(f"{p} {max(mean(r, names, [p]) for r in rules):.4f}" for p in protos))
per_best = {p: float(np.mean([max(R[x][(n, p)] for x in defaults7) for n in names])) for p in protos}
print("goal (half the gap to the per-set best single detector): "
      + ", ".join(f"{p} {(best_single[p] + per_best[p]) / 2:.4f}" for p in protos))
for per in (False, True):
    print(f"\nLODO, rule chosen by the mean over {'the same protocol only' if per else 'the three protocols'}:")
    for title, fam in fams.items():
        est, chosen = lodo(fam, per)
        print(f"  {title}\n      ({len(fam):3d} rules) " + " ".join(f"{p}={est[p]:.4f} ({est[p] - best_single[p]:+.4f})" for p in protos)
              + f"  [{len(chosen)} distinct choices]")

print(f"\nResolution of nine sets, reference rule {REF} against the best single detector per protocol:")
rng = np.random.default_rng(0)
for p in protos:
    d = np.array([R[REF][(n, p)] - R[best_single_name[p]][(n, p)] for n in names])
    se = d.std(ddof=1) / np.sqrt(len(d))
    boot = rng.integers(0, len(d), (10000, len(d)))
    pb = float(np.mean(d[boot].mean(1) > 0))
    jack = [float(np.delete(d, i).mean()) for i in range(len(d))]
    print(f"  [{p}] vs {best_single_name[p][7:]}: mean {d.mean():+.4f}, s.e. {se:.4f}, wins {int((d > 0).sum())} / losses {int((d < 0).sum())}, "
          f"P(bootstrap mean > 0) {pb:.2f}, without one set {min(jack):+.4f} .. {max(jack):+.4f}")
    print("      per set: " + ", ".join(f"{n} {x:+.4f}" for n, x in zip(names, d)))
