#!/usr/bin/env python3
"""Chooses the combination rule of `auto` by leave-one-family-out, over every set ScoreDump dumped
into one folder (the nine shared sets and the unseen pool), with the rule space of
bench/auto_study.py (pools x normalisations x combination rules, and every single detector).

  python3 bench/family_study.py DUMP_DIR [DUMP_DIR ...] [--save FILE]
  python3 bench/family_study.py --load FILE[,FILE...] [--group FAMILY,FAMILY...]

A family is a set's name before the first '_' (digits_0 .. digits_9 are one family; each shared
set is its own). For each held-out family, the rule best on the OTHER families by a criterion is
scored on the held-out family's sets; labels are used only to measure. Several dump folders (one
per member seed) are averaged per rule, set and protocol. --save pickles every rule's AUC per
(set, protocol) (averaged over the folders); --load reads such files instead of the dumps
(one per member seed: averaged). --group also shows the estimate on those families apart.
--check LOG compares the first run (member seed 1) with bench/accuracy.sh --seeds 1's stderr (the same detectors?).

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
GROUP = []   # --group: families whose out-of-sample estimate is also shown apart (e.g. the unseen pool's)
CURRENT = "i_e_k_h_km|robust_z|loo_sel5_top3_max"   # auto today: min_agreement 0.5, max_members 3, max

# auto_study's pools, and the six defaults together after core5 (the order breaks ties between rules)
POOLS = {}
for _name, _pool in A.POOLS.items():
    POOLS[_name] = _pool
    if _name == "core5":
        POOLS["six"] = ["iforest", "hbos", "ecod", "knn", "lof", "ocsvm"]


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
    if not names:
        print(f"family_study.py: {d}: no set with all three protocols' dumps", file=sys.stderr)
        sys.exit(2)
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
    global GROUP
    check = None
    if "--check" in args:
        i = args.index("--check"); check = args[i + 1]; del args[i:i + 2]
    if "--group" in args:
        i = args.index("--group"); GROUP = args[i + 1].split(","); del args[i:i + 2]
    if "--load" in args:
        i = args.index("--load"); load = args[i + 1].split(","); del args[i:i + 2]
    for f in (load or args) + ([check] if check else []):
        if not os.path.exists(f):
            print(f"family_study.py: {f}: no such file or folder", file=sys.stderr)
            sys.exit(2)
    if not load and not args:
        print("family_study.py: give DUMP_DIR... or --load FILE[,FILE...]", file=sys.stderr)
        sys.exit(2)
    if load:   # one file per member seed, averaged
        per_run = [(s["names"], s["results"]) for s in (pickle.load(open(f, "rb")) for f in load)]
    else:
        patch_rules()
        per_run = [rule_aucs(d) for d in args]
    names = per_run[0][0]
    assert all(r[0] == names for r in per_run), "the runs hold different sets"
    R = {rule: {k: float(np.mean([r[1][rule][k] for r in per_run])) for k in per_run[0][1][rule]}
         for rule in per_run[0][1]}
    if save:
        pickle.dump({"names": names, "protos": PROTOS, "results": R}, open(save, "wb"))
    if check:
        check_against(check, R, per_run)
        return
    report(names, R, len(per_run))


def check_against(log, R, per_run):
    """Whether the dumps' rules are the product's detectors: bench/accuracy.sh --seeds 1 logs
    `PROTOCOL SET seed 1 DETECTOR auc X` on stderr; each single detector's AUC there against the
    dump's, and `auto`'s against the study's rule for it (its candidates get seeds derived from
    the pipeline's, so it matches only up to the member seed: its means beside each run's)."""
    import re
    names = {"unsupervised": "unsupervised", "semi-supervised": "semi", "adbench": "adbench"}
    got = {}
    for line in open(log):
        m = re.match(r"(\S+) (\S+) seed 1 (\S+) auc ([0-9.]+)", line)
        if m and m.group(1) in names:
            got[(m.group(3), m.group(2), names[m.group(1)])] = float(m.group(4))
    for det in sorted({k[0] for k in got}):
        rule = CURRENT if det == "auto" else "single:" + det
        if rule not in R:
            continue
        keys = [k for k in got if k[0] == det]
        diff = max(abs(got[k] - per_run[0][1][rule][k[1:]]) for k in keys)
        print(f"{det:12s} {len(keys)} (set, protocol) pairs, largest difference from the first run {diff:.4f}")
        if det == "auto":
            for p in PROTOS:
                ks = [k for k in keys if k[2] == p]
                print(f"  {p:12s} mean: accuracy.sh {np.mean([got[k] for k in ks]):.4f}, study per member seed "
                      + " ".join(f"{np.mean([r[1][rule][k[1:]] for k in ks]):.4f}" for r in per_run))


def report(names, R, runs):
    fam = {}
    for n in names:
        fam.setdefault(n.split("_")[0], []).append(n)
    families = sorted(fam)
    rules = list(R)
    singles = ["single:" + m for m in DEFAULTS if "single:" + m in R]
    derived = [r for r in rules if r.startswith("single:")]
    # per rule: the sum of its AUCs over each family's sets, per protocol (families x protocols)
    size = np.array([len(fam[f]) for f in families], float)[:, None]
    SUM = {r: np.array([[sum(R[r][(n, p)] for n in fam[f]) for p in PROTOS] for f in families]) for r in rules}

    def mean(r, fi, by_family):
        """Mean ROC AUC of rule r per protocol over the families with indices fi: each family
        weighted equally (its sets averaged first), or each set."""
        if by_family:
            return (SUM[r][fi] / size[fi]).mean(0)
        return SUM[r][fi].sum(0) / size[fi].sum()

    def lofo(cands, crit, by_family):
        """For each held-out family: the candidate best by crit on the other families (ties: the
        earlier candidate)."""
        out = {}
        for h in range(len(families)):
            fi = [f for f in range(len(families)) if f != h]
            M = {r: mean(r, fi, by_family) for r in cands}
            best_single = np.max([M[s] if s in M else mean(s, fi, by_family) for s in singles], 0)
            out[families[h]] = max(cands, key=lambda r: crit(M[r], best_single))
        return out

    def oos(choice, by_family):
        """Out-of-sample mean ROC AUC per protocol of the candidates chosen per held-out family."""
        rows = np.array([SUM[choice[f]][k] for k, f in enumerate(families)])
        return (rows / size).mean(0) if by_family else rows.sum(0) / size.sum()

    def per_protocol(cands, by_family):
        """A candidate chosen per protocol (by its mean under that protocol on the other families)."""
        out = np.zeros(len(PROTOS))
        picks = []
        for k, p in enumerate(PROTOS):
            ch = {}
            for h in range(len(families)):
                fi = [f for f in range(len(families)) if f != h]
                ch[families[h]] = max(cands, key=lambda r: mean(r, fi, by_family)[k])
            out[k] = oos(ch, by_family)[k]
            picks.append(ch)
        return out, picks

    crits = {"by mean": lambda m, b: m.mean(), "by worst margin": lambda m, b: (m - b).min()}
    allf = list(range(len(families)))
    print(f"{len(names)} sets, {len(families)} families, {len(rules)} rules "
          f"({len(rules) - len(derived)} combinations), member seeds averaged: {runs}")
    print("families: " + ", ".join(f"{f} ({len(fam[f])})" for f in families))
    print("single detectors at their defaults (baselines, goal): " + ", ".join(s[7:] for s in singles))
    summary = []
    for by_family, wname in ((False, "sets weighted equally"), (True, "families weighted equally")):
        fmt = lambda v: " ".join(f"{p}={x:.4f}" for p, x in zip(PROTOS, v))
        print(f"\n==== {wname} (in the criterion and in the estimate) ====")
        print(f"\nIn sample (all {len(names)} sets): single detectors, derived members, auto today")
        for r in derived + ([CURRENT] if CURRENT in R else []):
            print(f"  {r:44s} {fmt(mean(r, allf, by_family))}")
        M = {s: mean(s, allf, by_family) for s in singles}
        best_k = [max(singles, key=lambda s: M[s][k]) for k in range(len(PROTOS))]
        best_in = np.array([M[best_k[k]][k] for k in range(len(PROTOS))])
        best_set = np.array([[max(R[s][(n, p)] for s in singles) for p in PROTOS] for n in names])
        if by_family:
            per_set_best = np.array([best_set[[names.index(n) for n in fam[f]]].mean(0) for f in families]).mean(0)
        else:
            per_set_best = best_set.mean(0)
        goal = best_in + (per_set_best - best_in) / 2
        print("\n  best single at its defaults, in sample: " + "  ".join(
            f"{p}={best_k[k][7:]} {best_in[k]:.4f}" for k, p in enumerate(PROTOS)))
        print(f"  per-set best of the defaults:           {fmt(per_set_best)}")
        print(f"  goal (half the gap):                    {fmt(goal)}")
        ranked = sorted(rules, key=lambda r: -mean(r, allf, by_family).mean())
        print("\n  top rules in sample (mean over protocols; optimistic: chosen on the sets they are scored on):")
        for r in ranked[:8]:
            print(f"    {r:44s} {fmt(mean(r, allf, by_family))}")

        combos = [r for r in rules if not r.startswith("single:")]
        print("\n  per protocol, in sample: the best combination, and how many are above the best single detector")
        for k, p in enumerate(PROTOS):
            top = max(combos, key=lambda r: mean(r, allf, by_family)[k])
            above = sum(mean(r, allf, by_family)[k] > best_in[k] for r in combos)
            print(f"    {p:12s} {top:44s} {mean(top, allf, by_family)[k]:.4f}   {above} of {len(combos)} above {best_k[k][7:]}")
        print(f"\nLeave-one-family-out ({wname}): out-of-sample mean ROC AUC per protocol, its margin over")
        print("the best single detector in sample, and over the goal")
        procs = [(f"rules and singles, {c}", rules, c) for c in crits] + \
                [(f"singles at defaults, {c}", singles, c) for c in crits] + \
                [("singles incl. derived, by mean", derived, "by mean")]
        choices = {}
        for title, cands, c in procs:
            ch = lofo(cands, crits[c], by_family)
            choices[title] = ch
            v = oos(ch, by_family)
            summary.append((wname, title, v, v - best_in, v - goal))
            print(f"  {title:36s} {fmt(v)}   vs best single {' '.join(f'{x:+.4f}' for x in v - best_in)}"
                  f"   vs goal {' '.join(f'{x:+.4f}' for x in v - goal)}")
        for title, cands in (("rules and singles, chosen per protocol", rules), ("singles at defaults, per protocol", singles)):
            v, picks = per_protocol(cands, by_family)
            summary.append((wname, title, v, v - best_in, v - goal))
            print(f"  {title:36s} {fmt(v)}   vs best single {' '.join(f'{x:+.4f}' for x in v - best_in)}"
                  f"   vs goal {' '.join(f'{x:+.4f}' for x in v - goal)}")
            if cands is rules:
                for k, p in enumerate(PROTOS):
                    cnt = {}
                    for f in families:
                        cnt[picks[k][f]] = cnt.get(picks[k][f], 0) + 1
                    print(f"      {p}: " + ", ".join(f"{r} x{c}" for r, c in sorted(cnt.items(), key=lambda x: -x[1])))
        for title, ch in choices.items():
            cnt = {}
            for f in families:
                cnt[ch[f]] = cnt.get(ch[f], 0) + 1
            print(f"\n  chosen, {title}: " + ", ".join(f"{r} x{c}" for r, c in sorted(cnt.items(), key=lambda x: -x[1])))
            if title.startswith("rules"):
                for k, f in enumerate(families):
                    print(f"    held out {f:12s} {ch[f]:44s} {fmt(SUM[ch[f]][k] / size[k])}")
        # how sure: the held-out families' differences from the best single detector in sample
        # (its own per-protocol choice), their mean and standard error over the 16 families
        ch = choices["rules and singles, by mean"]
        diffs = np.array([[(SUM[ch[f]][k][j] - SUM[best_k[j]][k][j]) / size[k][0] for j in range(len(PROTOS))]
                          for k, f in enumerate(families)])
        print("\n  rules and singles, by mean, minus the best single in sample, per held-out family (each family"
              "\n  weighted equally; mean, standard error over families, families above/below): " + "  ".join(
                  f"{p}={diffs[:, j].mean():+.4f} se {diffs[:, j].std(ddof=1) / np.sqrt(len(families)):.4f} "
                  f"{(diffs[:, j] > 1e-12).sum()}/{(diffs[:, j] < -1e-12).sum()}" for j, p in enumerate(PROTOS)))
        if GROUP:   # the out-of-sample estimate on the families of GROUP and on the others apart
            for gname, fs in (("--group families", [f for f in families if f in GROUP]),
                              ("other families", [f for f in families if f not in GROUP])):
                ks = [families.index(f) for f in fs]
                def gm(r_of):   # family-weighted mean over the group of the rule r_of(family)
                    return np.mean([SUM[r_of(families[k])][k] / size[k] for k in ks], 0)
                print(f"\n  on the {gname} only ({len(fs)}, each weighted equally): "
                      f"rules and singles by mean (out of sample) {fmt(gm(lambda f: ch[f]))}; "
                      + "; ".join(f"{r} {fmt(gm(lambda f, r=r: r))}" for r in ["single:knn", "single:iforest", CURRENT] if r in R))
        base = choices["singles at defaults, by mean"]
        for title in [t for t in choices if t.startswith("rules")]:
            ch = choices[title]
            d = np.array([(SUM[ch[f]][k] - SUM[base[f]][k]) / size[k] for k, f in enumerate(families)])
            print(f"\n  {title}: families above / below the single detector chosen out of sample: "
                  + " ".join(f"{p}={(d[:, k] > 1e-12).sum()}/{(d[:, k] < -1e-12).sum()}" for k, p in enumerate(PROTOS)))
    print("\nSummary: out-of-sample mean ROC AUC (unsupervised, semi, adbench); margin over the best single")
    print("detector in sample; margin over the goal")
    for wname, title, v, d1, d2 in summary:
        print(f"  {wname[:8]:8s} {title:40s} " + " ".join(f"{x:.4f}" for x in v) + "  | "
              + " ".join(f"{x:+.4f}" for x in d1) + "  | " + " ".join(f"{x:+.4f}" for x in d2))


if __name__ == "__main__":
    main()
