#!/usr/bin/env python3
"""Chooses the combination rule of `auto` by leave-one-family-out, over every set ScoreDump dumped
into one folder (the nine shared sets and the unseen pool), with the rule space of
bench/auto_study.py (pools x normalisations x combination rules, and every single detector).

  python3 bench/family_study.py DUMP_DIR [DUMP_DIR ...] [--save FILE] [--load FILE]

A family is a set's name before the first '_' (digits_0 .. digits_9 are one family; each shared
set is its own). For each held-out family, the rule best on the OTHER families by a criterion is
scored on the held-out family's sets; labels are used only to measure. Several dump folders (one
per member seed) are averaged per rule, set and protocol. --save pickles every rule's AUC per
(set, protocol); --load reads such a file instead of the dumps.

Criteria (computed on the training families, each family weighted equally, or each set):
  mean   the mean ROC AUC over the three protocols
  margin the worst protocol's margin over the best single detector at its defaults there
"""
import sys, os, glob, itertools, pickle
import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import auto_study as A

PROTOS = ["unsupervised", "semi", "adbench"]
# the single detectors at their defaults: the baselines and the goal's per-set best
DEFAULTS = ["iforest", "hbos", "ecod", "knn", "lof", "ocsvm", "autoencoder"]
CURRENT = "i_e_k_h_km|robust_z|loo_sel5_top3_max"   # auto today: min_agreement 0.5, max_members 3, max

POOLS = {
    "default3": ["iforest", "ecod", "knn"],
    "all": None,   # every dumped member and the derived knn_kens
    "core5": ["iforest", "hbos", "ecod", "knn", "lof"],
    "six": ["iforest", "hbos", "ecod", "knn", "lof", "ocsvm"],
    "i_e_k_h_km": ["iforest", "ecod", "knn", "hbos", "knn_mean20"],
    "i_e_k_h_km_o": ["iforest", "ecod", "knn", "hbos", "knn_mean20", "ocsvm"],
    "i_e_k_h": ["iforest", "ecod", "knn", "hbos"],
    "i_e_k_km": ["iforest", "ecod", "knn", "knn_mean20"],
    "i_e_h_kens": ["iforest", "ecod", "hbos", "knn_kens"],
    "i_h_e_km_l50": ["iforest", "hbos", "ecod", "knn_mean20", "lof50"],
}


class Agreement:
    """auto_study's leave-one-member-out agreement, computed once per training matrix: most rules
    select members by it, and on 33 sets x 3 protocols x 10 pools x 3 normalisations recomputing
    it per rule dominates the run."""
    def __init__(self):
        self.zt = None
        self.a = None

    def __call__(self, Zt):
        if Zt is not self.zt:
            self.zt, self.a = Zt, np.array([A.spearman(Zt[:, m], np.delete(Zt, m, 1).mean(1))
                                            for m in range(Zt.shape[1])])
        return self.a


def patch_rules():
    """The same rules as auto_study's COMBS, with the agreement shared between them."""
    agree = Agreement()
    A.loo_agreement = agree

    def keep(Zt, thr):
        a = agree(Zt)
        return [m for m in range(len(a)) if a[m] > thr] or list(range(len(a)))
    A.loo_keep = keep
    A.COMBS["loo_sel0"] = lambda Zt, Zs: Zs[:, keep(Zt, 0.0)].mean(1)
    A.COMBS["loo_sel3"] = lambda Zt, Zs: Zs[:, keep(Zt, 0.3)].mean(1)
    A.COMBS["loo_sel5"] = lambda Zt, Zs: Zs[:, keep(Zt, 0.5)].mean(1)
    A.COMBS["loo_sel3_max"] = lambda Zt, Zs: Zs[:, keep(Zt, 0.3)].max(1)
    A.COMBS["loo_sel5_max"] = lambda Zt, Zs: Zs[:, keep(Zt, 0.5)].max(1)


def rule_aucs(d):
    """Every rule's ROC AUC per (set, protocol) on one dump folder."""
    names = sorted({os.path.basename(p).split(".")[0] for p in glob.glob(os.path.join(d, "*.train.csv"))})
    names = [n for n in names if all(os.path.exists(os.path.join(d, f"{n}.{p}.test.csv")) for p in PROTOS)]
    data = {(n, p): A.load(d, n, p) for n in names for p in PROTOS}
    members = data[(names[0], PROTOS[0])][0]
    results = {}
    for m in members:
        j = members.index(m)
        results["single:" + m] = {k: A.auc(v[2][:, j], v[3]) for k, v in data.items()}
    for k, (mem, T, S, y) in data.items():
        for (pn, pool), (nn, nf) in itertools.product(POOLS.items(), A.NORMS.items()):
            idx = [members.index(m) for m in (pool or members)]
            Zt = np.column_stack([nf(T[:, j], T[:, j]) for j in idx])
            Zs = np.column_stack([nf(T[:, j], S[:, j]) for j in idx])
            for cn, cf in A.COMBS.items():
                results.setdefault(f"{pn}|{nn}|{cn}", {})[k] = A.auc(cf(Zt, Zs), y)
        print(f"  {k[0]} {k[1]} done", file=sys.stderr, flush=True)
    return names, results


def main():
    args = sys.argv[1:]
    save = load = None
    if "--save" in args:
        i = args.index("--save"); save = args[i + 1]; del args[i:i + 2]
    if "--load" in args:
        i = args.index("--load"); load = args[i + 1]; del args[i:i + 2]
    if load:
        s = pickle.load(open(load, "rb"))
        names, R, runs = s["names"], s["results"], s.get("runs", 1)
    else:
        patch_rules()
        per_run = [rule_aucs(d) for d in args]
        names = per_run[0][0]
        assert all(r[0] == names for r in per_run), "the dump folders hold different sets"
        R = {rule: {k: float(np.mean([r[1][rule][k] for r in per_run])) for k in per_run[0][1][rule]}
             for rule in per_run[0][1]}
        runs = len(per_run)
        if save:
            pickle.dump({"names": names, "protos": PROTOS, "results": R, "runs": runs}, open(save, "wb"))
    report(names, R, runs)


def report(names, R, runs):
    fam = {}
    for n in names:
        fam.setdefault(n.split("_")[0], []).append(n)
    families = sorted(fam)
    singles = ["single:" + m for m in DEFAULTS if "single:" + m in R]
    rules = list(R)

    def mean(r, fams, ps, by_family=True):
        """Mean ROC AUC of rule r over the families' sets and protocols ps: each family weighted
        equally (its sets averaged first), or each set."""
        if by_family:
            return float(np.mean([np.mean([R[r][(n, p)] for n in fam[f]]) for f in fams for p in ps]))
        return float(np.mean([R[r][(n, p)] for f in fams for n in fam[f] for p in ps]))

    def crit_mean(by_family):
        return lambda r, fams: mean(r, fams, PROTOS, by_family)

    def crit_margin(by_family):
        def c(r, fams):
            return min(mean(r, fams, [p], by_family) - max(mean(s, fams, [p], by_family) for s in singles)
                       for p in PROTOS)
        return c

    def lofo(family_of_rules, crit):
        """For each held-out family: the rule best by crit on the others; returns the choice per family."""
        return {held: max(family_of_rules, key=lambda r: crit(r, [f for f in families if f != held]))
                for held in families}

    def oos(choice, p, by_family):
        """Out-of-sample mean ROC AUC under protocol p of the rules chosen per held-out family."""
        if by_family:
            return float(np.mean([np.mean([R[choice[f]][(n, p)] for n in fam[f]]) for f in families]))
        return float(np.mean([R[choice[f]][(n, p)] for f in families for n in fam[f]]))

    print(f"{len(names)} sets, {len(families)} families, {len(rules)} rules "
          f"({len(rules) - len([r for r in rules if r.startswith('single:')])} combinations), "
          f"member seeds averaged: {runs}")
    print("families: " + ", ".join(f"{f} ({len(fam[f])})" for f in families))
    for by_family, wname in ((False, "sets weighted equally"), (True, "families weighted equally")):
        allf = families
        print(f"\n==== {wname} ====")
        print(f"\nIn sample (all {len(names)} sets), single detectors at their defaults and derived members:")
        for r in [r for r in rules if r.startswith("single:")]:
            print(f"  {r:26s} " + " ".join(f"{p}={mean(r, allf, [p], by_family):.4f}" for p in PROTOS))
        for r in [CURRENT] if CURRENT in R else []:
            print(f"  auto today {r:40s} " + " ".join(f"{p}={mean(r, allf, [p], by_family):.4f}" for p in PROTOS))
        best_in = {p: max(singles, key=lambda s: mean(s, allf, [p], by_family)) for p in PROTOS}
        best_in_v = {p: mean(best_in[p], allf, [p], by_family) for p in PROTOS}
        if by_family:
            per_set_best = {p: float(np.mean([np.mean([max(R[s][(n, p)] for s in singles) for n in fam[f]])
                                              for f in allf])) for p in PROTOS}
        else:
            per_set_best = {p: float(np.mean([max(R[s][(n, p)] for s in singles) for n in names])) for p in PROTOS}
        goal = {p: best_in_v[p] + (per_set_best[p] - best_in_v[p]) / 2 for p in PROTOS}
        print("\n  best single at its defaults, in sample: " + "  ".join(
            f"{p}={best_in[p][7:]} {best_in_v[p]:.4f}" for p in PROTOS))
        print("  per-set best of the defaults:           " + "  ".join(f"{p}={per_set_best[p]:.4f}" for p in PROTOS))
        print("  goal (half the gap):                    " + "  ".join(f"{p}={goal[p]:.4f}" for p in PROTOS))
        ranked = sorted(rules, key=lambda r: -mean(r, allf, PROTOS, by_family))
        print("\n  top rules in sample (mean over protocols; optimistic, chosen on the data they are scored on):")
        for r in ranked[:10]:
            print(f"    {r:44s} " + " ".join(f"{p}={mean(r, allf, [p], by_family):.4f}" for p in PROTOS))

        print(f"\nLeave-one-family-out, the criterion computed with {wname}:")
        print("  procedure                                   " + "  ".join(f"{p:>12s}" for p in PROTOS)
              + "   vs best single in sample (per protocol)  / vs goal")
        procs = [
            ("rules+singles, by mean", rules, crit_mean(by_family)),
            ("rules+singles, by worst margin", rules, crit_margin(by_family)),
            ("single defaults only, by mean", singles, crit_mean(by_family)),
            ("singles incl. derived, by mean", [r for r in rules if r.startswith("single:")], crit_mean(by_family)),
        ]
        choices = {}
        for title, fr, crit in procs:
            ch = lofo(fr, crit)
            choices[title] = ch
            for ew, ewname in ((False, "sets"), (True, "families")):
                v = {p: oos(ch, p, ew) for p in PROTOS}
                if ew == by_family:
                    d1 = " ".join(f"{v[p] - best_in_v[p]:+.4f}" for p in PROTOS)
                    d2 = " ".join(f"{v[p] - goal[p]:+.4f}" for p in PROTOS)
                    tail = f"   {d1}   / {d2}"
                else:
                    tail = "   (other weighting)"
                print(f"  {title:32s} [{ewname:8s}] " + "  ".join(f"{v[p]:12.4f}" for p in PROTOS) + tail)
        for title, ch in choices.items():
            counts = {}
            for f in families:
                counts[ch[f]] = counts.get(ch[f], 0) + 1
            print(f"\n  chosen, {title}: " + ", ".join(f"{r} x{c}" for r, c in sorted(counts.items(), key=lambda x: -x[1])))
            if title.startswith("rules"):
                for f in families:
                    print(f"    held out {f:12s} {ch[f]:44s} " + " ".join(
                        f"{p}={np.mean([R[ch[f]][(n, p)] for n in fam[f]]):.4f}" for p in PROTOS))
        # the chosen rule's score against the fair baseline, per protocol: the single detector
        # chosen the same way on the other families, family by family
        for title in ("rules+singles, by mean", "rules+singles, by worst margin"):
            ch, base = choices[title], choices["single defaults only, by mean"]
            wins = {p: sum(np.mean([R[ch[f]][(n, p)] for n in fam[f]]) > np.mean([R[base[f]][(n, p)] for n in fam[f]]) + 1e-12
                           for f in families) for p in PROTOS}
            ties = {p: sum(abs(np.mean([R[ch[f]][(n, p)] for n in fam[f]]) - np.mean([R[base[f]][(n, p)] for n in fam[f]])) <= 1e-12
                           for f in families) for p in PROTOS}
            print(f"\n  {title}: families where it is above the single detector chosen out of sample "
                  + " ".join(f"{p}={wins[p]}/{len(families)} (ties {ties[p]})" for p in PROTOS))


if __name__ == "__main__":
    main()
