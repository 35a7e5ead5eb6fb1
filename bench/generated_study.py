#!/usr/bin/env python3
"""Study of candidate selection for the `auto` detector by generated points: criteria that score
points generated from the fitted rows (no labels), on the dumps of ScoreDump (the candidates
fitted on all fitted rows: <set>.<protocol>.train.csv / .test.csv) and GeneratedPointsDump (the
candidates fitted on 80% of them, scoring the other 20% and generated points: .gen.csv).

  python3 bench/generated_study.py DUMP_DIR [--save FILE]     # numpy, scipy

Criteria per candidate (higher = trusted more), from the .gen.csv scores only:
  syn_box, syn_shuffle, syn_swap, syn_tail   ROC AUC of held-out fitted rows (0) against one kind
                                             of generated points (1)
  syn_local    mean of syn_shuffle, syn_swap, syn_tail (the points near the data)
  syn_all      mean of the four
  mv           minus the Mass-Volume criterion (Goix 2016): the mean over mass levels alpha in
               [0.9, 0.999] of the share of the bounding box (uniform points) whose score is
               below the held-out rows' alpha-quantile; the smaller the volume that holds a
               given mass of the data, the better
  em           the Excess-Mass criterion (Goix 2016) with the box's volume as the unit: the mean
               over t in (0, t_max] of max_u P_data(score <= u) - t * Vol(score <= u),
               t_max = 1 / Vol(score <= the held-out rows' 0.9 quantile)
  mv_fs, em_fs the same with Goix's feature sub-sampling above 8 features (the mean over 10
               draws of 5 features, .genfs.csv); mv and em at 8 features or fewer
Selections over a pool (candidates' test scores as robust z of their ScoreDump training scores):
  top1, top2, top3 by the criterion; `auto`'s rule with the criterion in place of agreement for
  the ranking (agreement > 0.5, then the top 2 or 3 by the criterion); agreement + criterion
  ranks (the top 3 by the sum of the two ranks); each combined by maximum or mean.
  Also: every candidate weighted by max(0, criterion - 0.5) (the syn_* criteria only), mean.
No rule looks at labels; labels only measure it. Leave-one-dataset-out over every family.
"""
import sys, os, glob, pickle, itertools
import numpy as np
from auto_study import auc, leave_one_dataset_out, norm_robust, spearman
from pvalue_study import load, agreement

KINDS = ["held", "box", "shuffle", "swap", "tail"]
POOLS = {
    "auto5": ["iforest", "ecod", "hbos", "knn", "knn_mean20"],
    "auto5_o": ["iforest", "ecod", "hbos", "knn", "knn_mean20", "ocsvm"],
    "auto5_l50": ["iforest", "ecod", "hbos", "knn", "knn_mean20", "lof50"],
    "all7": ["iforest", "ecod", "hbos", "knn", "knn_mean20", "ocsvm", "lof50"],
}
PROTOS = ["unsupervised", "semi", "adbench"]
DEFAULTS7 = ["single:" + m for m in ["iforest", "hbos", "ecod", "knn", "lof", "ocsvm", "autoencoder"]]
REF = "auto5|agree|top3>0.5|max"   # `auto`'s rule: agreement > 0.5, the 3 most agreeing, maximum


def mass_volume(held, box, alphas=np.linspace(0.9, 0.999, 50)):
    """Mean share of the box whose score is at most the held-out rows' alpha-quantile."""
    bs = np.sort(box)
    return float(np.mean([np.searchsorted(bs, np.quantile(held, a), side="right") / len(bs) for a in alphas]))


def excess_mass(held, box, n_t=100):
    """Mean of the Excess-Mass curve EM(t) = max_u F_held(u) - t Vol_box(u), t in (0, t_max]."""
    us = np.unique(np.concatenate([held, box]))
    fh = np.searchsorted(np.sort(held), us, side="right") / len(held)
    vb = np.searchsorted(np.sort(box), us, side="right") / len(box)
    v90 = np.searchsorted(np.sort(box), np.quantile(held, 0.9), side="right") / len(box)
    t_max = 1.0 / max(v90, 1.0 / len(box))
    ts = np.linspace(t_max / n_t, t_max, n_t)
    return float(np.mean([np.max(fh - t * vb) for t in ts]))


def criteria(gen, members):
    kind = gen["kind"].astype(int)
    out = {}
    for m in members:
        s = gen[m]
        h = s[kind == 0]
        syn = {k: auc(np.concatenate([h, s[kind == i]]), np.r_[np.zeros(len(h)), np.ones((kind == i).sum())])
               for i, k in enumerate(KINDS) if i > 0}
        c = {"syn_" + k: v for k, v in syn.items()}
        c["syn_local"] = np.mean([syn["shuffle"], syn["swap"], syn["tail"]])
        c["syn_all"] = np.mean(list(syn.values()))
        c["mv"] = -mass_volume(h, s[kind == 1])
        c["em"] = excess_mass(h, s[kind == 1])
        out[m] = c
    return out


def subspace_criteria(path, members, cr):
    """Goix's feature sub-sampling above 8 features (GeneratedPointsDump's .genfs.csv): mv_fs and
    em_fs, the mean over the 5-feature draws; at 8 features or fewer, the full-dimension mv, em."""
    if not os.path.exists(path):
        for m in members:
            cr[m]["mv_fs"], cr[m]["em_fs"] = cr[m]["mv"], cr[m]["em"]
        return
    g = np.genfromtxt(path, delimiter=",", names=True)
    draws = np.unique(g["draw"])
    for m in members:
        mv, em = [], []
        for t in draws:
            h = g[m][(g["draw"] == t) & (g["kind"] == 0)]
            b = g[m][(g["draw"] == t) & (g["kind"] == 1)]
            mv.append(-mass_volume(h, b))
            em.append(excess_mass(h, b))
        cr[m]["mv_fs"], cr[m]["em_fs"] = float(np.mean(mv)), float(np.mean(em))


CRITS = ["syn_box", "syn_shuffle", "syn_swap", "syn_tail", "syn_local", "syn_all", "mv", "em", "mv_fs", "em_fs"]


def top(values, k, allowed=None):
    order = [i for i in np.argsort(-np.asarray(values), kind="mergesort") if allowed is None or i in allowed]
    return sorted(order[:k])


def rules_for(knn_col, Zt, crit_vals):
    """{rule name: kept columns (indices into the pool) or (columns, weights)} for one set and
    protocol; crit_vals: {criterion: array over the pool}."""
    a = agreement(Zt)
    above = [i for i in range(len(a)) if a[i] > 0.5] or list(range(len(a)))
    out = {"agree|top3>0.5": top(a, 3, above), "agree|top2>0.5": top(a, 2, above)}
    # control for "plus the criterion's best": the local criteria pick a kNN candidate on almost
    # every set, so `auto`'s three plus `knn` whatever the data
    out["agree|top3>0.5_plus_knn"] = sorted(set(top(a, 3, above)) | {knn_col})
    ra = np.argsort(np.argsort(-a, kind="mergesort"), kind="mergesort")
    for c in CRITS:
        v = crit_vals[c]
        for k in (1, 2, 3):
            out[f"{c}|top{k}"] = top(v, k)
        for k in (2, 3):
            out[f"{c}|top{k}>0.5"] = top(v, k, above)
        rv = np.argsort(np.argsort(-v, kind="mergesort"), kind="mergesort")
        out[f"{c}+agree|top3"] = top(-(ra + rv) - 1e-3 * ra, 3)
        base = top(a, 3, above)
        for delta in (0.05, 0.1):
            # `auto`'s three, less the one the criterion puts well below the best candidate
            worst = min(base, key=lambda i: v[i])
            out[f"{c}|agree_top3_veto{delta}"] = [i for i in base if i != worst or v[i] >= v.max() - delta * abs(v.max()) - 1e-12] \
                if c.startswith("syn_") else [i for i in base if i != worst or v[i] >= v.max() - delta * (abs(v).max() + 1e-12)]
        # `auto`'s three and the criterion's best candidate
        out[f"{c}|agree_top3_plus_top1"] = sorted(set(base) | {int(np.argmax(v))})
        if c.startswith("syn_"):
            out[f"{c}|weighted"] = (list(range(len(v))), np.maximum(v - 0.5, 0.0))
    return out


def main():
    d = sys.argv[1]
    save = sys.argv[sys.argv.index("--save") + 1] if "--save" in sys.argv else None
    names = sorted({os.path.basename(p).split(".")[0] for p in glob.glob(os.path.join(d, "*.gen.csv"))})
    results = {}
    chosen = {}
    crit_table = {}
    for n, p in itertools.product(names, PROTOS):
        members, T, S, y = load(d, n, p)
        for m in members:
            results.setdefault("single:" + m, {})[(n, p)] = auc(S[:, members.index(m)], y)
        gen = np.genfromtxt(os.path.join(d, f"{n}.{p}.gen.csv"), delimiter=",", names=True)
        cr = criteria(gen, POOLS["all7"])
        subspace_criteria(os.path.join(d, f"{n}.{p}.genfs.csv"), POOLS["all7"], cr)
        ag = agreement(np.column_stack([norm_robust(T[:, members.index(m)], T[:, members.index(m)]) for m in POOLS["all7"]]))
        for m, v in zip(POOLS["all7"], ag):
            cr[m]["agreement"] = v   # for comparison only: `auto`'s criterion over the same pool
        crit_table[(n, p)] = cr
        for pn, pool in POOLS.items():
            idx = [members.index(m) for m in pool]
            Zt = np.column_stack([norm_robust(T[:, j], T[:, j]) for j in idx])
            Zs = np.column_stack([norm_robust(T[:, j], S[:, j]) for j in idx])
            cv = {c: np.array([cr[m][c] for m in pool]) for c in CRITS}
            for rn, keep in rules_for(pool.index("knn"), Zt, cv).items():
                if isinstance(keep, tuple):
                    cols, w = keep
                    score = Zs @ w / w.sum() if w.sum() > 0 else Zs.mean(1)
                    results.setdefault(f"{pn}|{rn}|mean", {})[(n, p)] = auc(score, y)
                    continue
                for comb, f in (("max", np.max), ("mean", np.mean)):
                    if comb == "mean" and len(keep) == 1:
                        continue
                    results.setdefault(f"{pn}|{rn}|{comb}", {})[(n, p)] = auc(f(Zs[:, keep], 1), y)
                    chosen.setdefault(f"{pn}|{rn}|{comb}", {})[(n, p)] = [pool[i] for i in keep]
        print(f"{n} {p}: " + "; ".join(f"{m} " + " ".join(f"{c}={cr[m][c]:.3f}" for c in ("syn_box", "syn_local", "mv", "em"))
                                      + f" test={results['single:' + m][(n, p)]:.3f}" for m in POOLS["all7"]), flush=True)
    if save:
        with open(save, "wb") as f:
            pickle.dump({"names": names, "protos": PROTOS, "results": results, "chosen": chosen, "criteria": crit_table}, f)
    report(results, chosen, crit_table, names)


def report(results, chosen, crit_table, names):
    def mean(r, sets, ps):
        return float(np.mean([results[r][(n, p)] for n in sets for p in ps]))
    best_single = {p: max(mean(s, names, [p]) for s in DEFAULTS7) for p in PROTOS}
    bs_name = {p: max(DEFAULTS7, key=lambda s: mean(s, names, [p]))[7:] for p in PROTOS}
    per_best = {p: float(np.mean([max(results[s][(n, p)] for s in DEFAULTS7) for n in names])) for p in PROTOS}
    goal = {p: (best_single[p] + per_best[p]) / 2 for p in PROTOS}
    for p in PROTOS:
        print(f"[{p}] best single {bs_name[p]} {best_single[p]:.4f}; per-set best {per_best[p]:.4f}; goal {goal[p]:.4f}")

    if crit_table is None:   # averaged runs (bench/average_studies.py) keep only the AUCs
        crit_table = {}
    # how well each criterion ranks the candidates: Spearman of criterion with the test AUC over the pool, per set
    print("\nRank correlation of each criterion with the candidates' ROC AUC (all7 pool), mean over sets; and the share of sets where the criterion's top candidate is the best or within 0.01:")
    for p in PROTOS if crit_table else []:
        row = []
        for c in CRITS + ["agreement"]:
            rhos, hits = [], []
            for n in names:
                aucs = np.array([results["single:" + m][(n, p)] for m in POOLS["all7"]])
                v = np.array([crit_table[(n, p)][m][c] for m in POOLS["all7"]])
                rhos.append(spearman(v, aucs))
                hits.append(aucs[int(np.argmax(v))] >= aucs.max() - 0.01)
            if rhos:
                row.append(f"{c} {np.mean(rhos):+.2f}/{np.mean(hits):.2f}")
        print(f"  [{p}] " + ", ".join(row))

    rules = [r for r in results if not r.startswith("single:")]
    def margin(r, sets):
        return min(mean(r, sets, [p]) - max(mean(s, sets, [p]) for s in DEFAULTS7) for p in PROTOS)
    def fmt(r):
        return " / ".join(f"{mean(r, names, [p]):.4f}" for p in PROTOS)
    print(f"\nReference {REF}: {fmt(REF)}")
    for r in ("auto5|agree|top3>0.5_plus_knn|max", "auto5_o|agree|top3>0.5_plus_knn|max",
              "auto5|syn_local|agree_top3_plus_top1|max", "auto5_o|syn_local|agree_top3_plus_top1|max"):
        print(f"  {r:44s} {fmt(r)}")
    if crit_table:
        import collections
        for c in ("syn_local", "syn_box", "em"):
            picks = collections.Counter(max(POOLS["auto5_o"], key=lambda m: v[m][c]) for v in crit_table.values())
            print(f"  {c}'s best candidate of auto5_o over the 27 set-protocol pairs: {dict(picks)}")
    print("\nTop 25 rules in sample by the worst protocol's margin over the best single detector (unsupervised / semi / adbench):")
    for r in sorted(rules, key=lambda r: -margin(r, names))[:25]:
        meets = all(mean(r, names, [p]) >= goal[p] for p in PROTOS)
        print(f"  {r:40s} {fmt(r)}  margin {margin(r, names):+.4f}{'  MEETS THE GOAL' if meets else ''}")
    print("\nBest rule in sample per protocol: " + ", ".join(f"{p} {max(mean(r, names, [p]) for r in rules):.4f}" for p in PROTOS))
    print("\nIn sample, auto5 pool, each criterion (unsupervised / semi / adbench):")
    for c in CRITS:
        for sel in ("top1|max", "top2|max", "top3|max", "top3>0.5|max", "top2>0.5|max", "top3|mean"):
            r = f"auto5|{c}|{sel}"
            if r in results:
                print(f"  {r:36s} {fmt(r)}")
        r = f"auto5|{c}+agree|top3|max"
        print(f"  {r:36s} {fmt(r)}")
    print("\nLeave-one-dataset-out (in brackets: the difference from the best single detector in sample):")
    fams = {"`auto`'s rule alone": [REF]}
    for c in CRITS:
        fams[f"criterion {c}, every pool, selection and combination"] = [r for r in rules if f"|{c}|" in r or f"|{c}+" in r]
    fams["every generated-point rule with auto5's pool"] = [r for r in rules if r.startswith("auto5|")]
    fams[f"every rule ({len(rules)})"] = rules
    for title, crit in [("mean over protocols", lambda r, s: mean(r, s, PROTOS)), ("worst protocol's margin", margin)]:
        print(f" chosen by the {title}:")
        for ft, fam in fams.items():
            est, ch = leave_one_dataset_out(fam, crit, names, results, PROTOS)
            print(f"  {ft} ({len(fam)} rules): " + " ".join(f"{p}={np.mean(est[p]):.4f} ({np.mean(est[p]) - best_single[p]:+.4f})" for p in PROTOS)
                  + f"  [{len(set(ch))} distinct: {', '.join(sorted(set(ch)))[:160]}]")


    print(" chosen per protocol (on the same protocol of the other sets: a user who knows whether the fitted rows are clean):")
    for ft, fam in fams.items():
        est = {}
        for p in PROTOS:
            e, _ = leave_one_dataset_out(fam, lambda r, s: mean(r, s, [p]), names, results, [p])
            est[p] = float(np.mean(e[p]))
        print(f"  {ft} ({len(fam)} rules): " + " ".join(f"{p}={est[p]:.4f} ({est[p] - best_single[p]:+.4f})" for p in PROTOS))


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--report":
        with open(sys.argv[2], "rb") as f:
            s = pickle.load(f)
        report(s["results"], s.get("chosen"), s.get("criteria"), s["names"])
    else:
        main()
