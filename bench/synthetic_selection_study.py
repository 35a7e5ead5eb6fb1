#!/usr/bin/env python3
"""Per-set choice of `auto`'s members on clean training rows by synthetic-anomaly validation.

  /usr/bin/python3 bench/synthetic_selection_study.py DUMP_DIR [--protocols semi,unsupervised]
        [--vseeds 1,2,3] [--save FILE] [--load FILE]

DUMP_DIR: ScoreDump's files for member seed 1 (<set>.<protocol>.train.csv / .test.csv / .rows.csv)
for the nine shared sets and the 24 pool sets (bench/pool/make_pool.py); features read from
../shared/datasets/<set>.csv or $SENTINEL_POOL/<set>.csv (default /tmp/pool), standardised on the
fitted rows as ScoreDump gives them to the members.

PRE-REGISTERED DESIGN (written and committed before the first run that reads a label; also in
docs/accuracy.md, "Choosing members per set by synthetic anomalies")
=================================================================================================
Hypothesis: with a clean baseline (semi-supervised: fitted on normal rows only), the AUC of each
candidate member at separating held-out clean fitted rows from synthetic anomalies made from the
fitted rows tells, per set, which members to trust; a rule that weights or selects members by it
beats today's clean rule (mean robust z of knn and kde) on the 33 sets.

Candidate members (six): knn (k 5, largest, k-distinct-distance), kde, iforest, ecod, lof (20),
knn_mean20 (k 20, mean). On the tested rows every member's score is the product's (ScoreDump,
member seed 1) except kde, which is members_study.py's prototype (the product's kde follows it;
bench/kde_vs_prototype.py); each is robust-z normalised against its own fit-time scores on the
fitted rows (auto_study.norm_robust), as `auto` does.

Validation (per set, protocol and validation seed v in 1..3; no label read): rng
numpy default_rng(1000 + v). Hold out H = max(5, round(25 %)) of the fitted rows (at most 2,000),
fit every candidate on the rest F (Python prototypes below, iforest random_state v), score H and
three kinds of synthetic anomalies, |H| of each:
  box   uniform in the bounding box of F expanded by 10 % of each feature's range on both sides;
  dep   a random H row with k = max(1, round(d / 4)) random distinct features replaced by the
        values of those features in random F rows (one F row per feature): dependency anomalies;
  scale a random H row x moved away from F's per-feature median m: m + f (x - m), f ~ U(1.5, 3).
v_m = mean over the three kinds of the ROC AUC of H (negative) against that kind (positive).
Prototypes for the fits on F: knn = metric_study.knn_distinct; knn_mean20 = mean distance to the 20
nearest F rows (sklearn NearestNeighbors); kde = members_study.kde; iforest = sklearn
IsolationForest(100 trees, max_samples min(256, |F|)); ecod = per-feature ECDF tails of F
(left/right, the skewness-chosen side; max of the three sums, as ECOD); lof = sklearn
LocalOutlierFactor(min(20, |F| - 1), novelty=True). Ensembles inside the validation (rule R5, R7)
normalise each member's H-and-synthetic scores by robust z against its scores on H (clean rows).

Rules (fixed here; d, tau and the gate margin are set in advance, not tuned):
  R0 clean     today's clean rule: mean robust z of knn and kde (the reference)
  R1 hard      the member with the highest v_m alone
  R2 within    members with v_m >= max v - 0.01, mean robust z
  R3 softmax   weights exp((v_m - max v) / 0.01), weighted mean of robust z
  R4 top2      the two highest v_m, mean robust z
  R5 ensemble  among the fixed ensembles (mean robust z) knn+kde, knn, kde, knn+kde+iforest,
               knn+kde+ecod, knn+kde+lof, iforest, ecod: the one with the highest validation AUC
               (computed as v_m for the ensemble; ties to the earlier, knn+kde first)
  R6 gate      knn+kde, plus the best other member X if v_X > max(v_knn, v_kde) + 0.01
  R7 ens-local R5 with the criterion the mean over dep and scale only (no box)
Each rule's AUC on a set is the mean over the three validation seeds (R0 does not depend on them).

Metric: ROC AUC of the tested rows; means over the 33 sets with the 16 families weighted equally
(family = name before the first '_') and over the nine shared sets.
Seed noise: sigma = standard deviation over the three validation seeds of a rule's mean.
Success criterion (semi-supervised): a rule R1..R7 whose mean over the seeds is above R0 by more
than 2 sigma on BOTH the 33-set family-weighted mean and the nine-set mean, above R0 at each of
the three seeds on both, and above every single detector (the eight at their defaults, kde
prototype for kde) on both. Reported beside it: the per-family paired difference from R0 (mean,
standard error, families above/below) and, since R2, R3, R6 have a fixed parameter and the rule
itself is a choice among seven, the leave-one-family-out choice among R1..R7 (best family-weighted
mean on the other 15 families, scored on the held-out one).
Secondary (unsupervised protocol, fitted on all rows with the anomalies): the same rules against
`auto`'s rule for baseline unknown (iforest, ecod, knn, knn_mean20; robust z; agreement > 0.5; 3
most agreeing; maximum) with the same criterion, reported separately.
"""
import sys, os, math, time, pickle, glob
import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import auto_study as A          # noqa: E402
import members_study as MS      # noqa: E402

CANDS = ["knn", "kde", "iforest", "ecod", "lof", "knn_mean20"]
SINGLES = ["iforest", "hbos", "ecod", "knn", "lof", "ocsvm", "autoencoder", "kde"]
ENSEMBLES = [("knn", "kde"), ("knn",), ("kde",), ("knn", "kde", "iforest"), ("knn", "kde", "ecod"),
             ("knn", "kde", "lof"), ("iforest",), ("ecod",)]
RULES = ["R0 clean", "R1 hard", "R2 within", "R3 softmax", "R4 top2", "R5 ensemble", "R6 gate", "R7 ens-local"]
PNAME = {"semi": "semi-supervised", "unsupervised": "unsupervised"}


# ---- prototypes for the validation fits: fit(F) -> scorer of new rows
def p_knn(F, seed):
    uniq = np.unique(F, axis=0)
    kk = max(1, min(5, len(uniq) - 1))
    from sklearn.neighbors import NearestNeighbors
    nn = NearestNeighbors(n_neighbors=min(kk + 1, len(uniq))).fit(uniq)

    def s(X):
        d, _ = nn.kneighbors(X)
        last = min(kk, d.shape[1] - 1)
        return np.where(d[:, 0] == 0, d[:, last], d[:, kk - 1])
    return s


def p_knn_mean20(F, seed):
    from sklearn.neighbors import NearestNeighbors
    k = min(20, len(F))
    nn = NearestNeighbors(n_neighbors=k).fit(F)
    return lambda X: nn.kneighbors(X)[0].mean(1)


def p_kde(F, seed):
    return MS.kde(F)[1]


def p_iforest(F, seed):
    from sklearn.ensemble import IsolationForest
    m = IsolationForest(n_estimators=100, max_samples=min(256, len(F)), random_state=seed).fit(F)
    return lambda X: -m.score_samples(X)


def p_ecod(F, seed):
    S = np.sort(F, 0)
    n = len(F)
    from scipy.stats import skew
    sk = np.nan_to_num(skew(F, axis=0))

    def s(X):
        left = np.column_stack([np.searchsorted(S[:, j], X[:, j], side="right") for j in range(F.shape[1])]) / n
        right = np.column_stack([n - np.searchsorted(S[:, j], X[:, j], side="left") for j in range(F.shape[1])]) / n
        L = -np.log(np.maximum(left, 1.0 / (n + 1)))
        R = -np.log(np.maximum(right, 1.0 / (n + 1)))
        K = np.where(sk[None, :] < 0, L, R)
        return np.maximum(np.maximum(L.sum(1), R.sum(1)), K.sum(1))
    return s


def p_lof(F, seed):
    from sklearn.neighbors import LocalOutlierFactor
    m = LocalOutlierFactor(n_neighbors=max(1, min(20, len(F) - 1)), novelty=True).fit(F)
    return lambda X: -m.score_samples(X)


PROTO = {"knn": p_knn, "kde": p_kde, "iforest": p_iforest, "ecod": p_ecod, "lof": p_lof, "knn_mean20": p_knn_mean20}


def synth(F, H, rng):
    n, d = len(H), F.shape[1]
    lo, hi = F.min(0), F.max(0)
    r = hi - lo
    box = rng.uniform(lo - 0.1 * r, hi + 0.1 * r, size=(n, d))
    dep = H[rng.integers(0, n, n)].copy()
    k = max(1, int(round(d / 4)))
    for i in range(n):
        f = rng.choice(d, k, replace=False)
        dep[i, f] = F[rng.integers(0, len(F), k), f]
    med = np.median(F, 0)
    fac = rng.uniform(1.5, 3.0, size=(n, 1))
    scale = med + fac * (H[rng.integers(0, n, n)] - med)
    return {"box": box, "dep": dep, "scale": scale}


def validate(Xt, v):
    """member -> {kind: AUC}, and ensemble -> {kind: AUC}, for validation seed v."""
    rng = np.random.default_rng(1000 + v)
    n = len(Xt)
    h = min(2000, max(5, int(round(0.25 * n))))
    perm = rng.permutation(n)
    H, F = Xt[perm[:h]], Xt[perm[h:]]
    S = synth(F, H, rng)
    y = np.r_[np.zeros(h), np.ones(h)]
    raw = {}
    for m in CANDS:
        sc = PROTO[m](F, v)
        raw[m] = {"H": sc(H), **{kd: sc(P) for kd, P in S.items()}}
    out = {}
    for m in CANDS:
        out[(m,)] = {kd: A.auc(np.r_[raw[m]["H"], raw[m][kd]], y) for kd in S}
    for e in ENSEMBLES:
        if len(e) > 1:
            out[e] = {kd: A.auc(np.r_[sum(A.norm_robust(raw[m]["H"], raw[m]["H"]) for m in e),
                                      sum(A.norm_robust(raw[m]["H"], raw[m][kd]) for m in e)], y) for kd in S}
    return out


def crit(val, key, kinds=("box", "dep", "scale")):
    return float(np.mean([val[key][k] for k in kinds]))


def rule_scores(val, Zs, rule):
    """The tested rows' combined score under a rule (Zs: member -> robust z on the tested rows)."""
    v = {m: crit(val, (m,)) for m in CANDS}
    best = max(v.values())
    order = sorted(CANDS, key=lambda m: -v[m])          # stable: CANDS order breaks ties
    mean = lambda ms: sum(Zs[m] for m in ms) / len(ms)
    if rule == "R0 clean":
        return mean(["knn", "kde"]), "knn+kde"
    if rule == "R1 hard":
        return Zs[order[0]], order[0]
    if rule == "R2 within":
        ms = [m for m in CANDS if v[m] >= best - 0.01]
        return mean(ms), "+".join(ms)
    if rule == "R3 softmax":
        w = {m: math.exp((v[m] - best) / 0.01) for m in CANDS}
        return sum(w[m] * Zs[m] for m in CANDS) / sum(w.values()), "soft:" + order[0]
    if rule == "R4 top2":
        return mean(order[:2]), "+".join(order[:2])
    if rule in ("R5 ensemble", "R7 ens-local"):
        kinds = ("box", "dep", "scale") if rule == "R5 ensemble" else ("dep", "scale")
        e = max(ENSEMBLES, key=lambda e: (crit(val, e, kinds), -ENSEMBLES.index(e)))
        return mean(list(e)), "+".join(e)
    if rule == "R6 gate":
        others = [m for m in CANDS if m not in ("knn", "kde")]
        x = max(others, key=lambda m: v[m])
        if v[x] > max(v["knn"], v["kde"]) + 0.01:
            return mean(["knn", "kde", x]), "knn+kde+" + x
        return mean(["knn", "kde"]), "knn+kde"
    raise ValueError(rule)


def auto_unknown(T, S, mem):
    return MS.auto_rule(T, S, [mem.index(m) for m in ["iforest", "ecod", "knn", "knn_mean20"]])


def run(dump, protos, vseeds):
    names = sorted({os.path.basename(p).split(".")[0] for p in glob.glob(os.path.join(dump, "*.train.csv"))})
    R, picks = {}, {}
    for n in names:
        for p in protos:
            t0 = time.perf_counter()
            mem, T, S, y = A.load(dump, n, p)
            Xt, Xs = A.features(MS.source(n), dump, n, p)
            kt, ksc = MS.kde(Xt)
            ks = ksc(Xs)
            T = np.column_stack([T, kt]); S = np.column_stack([S, ks]); mem = mem + ["kde"]
            Zs = {m: A.norm_robust(T[:, mem.index(m)], S[:, mem.index(m)]) for m in CANDS}
            for m in SINGLES:
                R.setdefault("single:" + m, {})[(n, p)] = [A.auc(S[:, mem.index(m)], y)] * len(vseeds)
            R.setdefault("auto unknown", {})[(n, p)] = [A.auc(auto_unknown(T[:, :-1], S[:, :-1], mem[:-1]), y)] * len(vseeds)
            for v in vseeds:
                val = validate(Xt, v)
                for r in RULES:
                    s, what = rule_scores(val, Zs, r)
                    R.setdefault(r, {}).setdefault((n, p), []).append(A.auc(s, y))
                    picks.setdefault(r, {}).setdefault((n, p), []).append(what)
                R.setdefault("val", {}).setdefault((n, p), []).append({k: {kd: round(a, 4) for kd, a in d.items()}
                                                                       for k, d in val.items() if len(k) == 1})
            print(f"  {n} {p} ({len(Xt)} fitted, {Xt.shape[1]} features) {time.perf_counter() - t0:.1f} s",
                  file=sys.stderr, flush=True)
    return names, R, picks


def report(names, R, picks, protos, vseeds):
    fam = {}
    for n in names:
        fam.setdefault(n.split("_")[0], []).append(n)
    families = sorted(fam)
    shared = [n for n in names if os.path.exists(os.path.join(MS.SHARED, n + ".csv"))]
    ns = len(vseeds)

    def fmean(r, p, s, fs=families):     # family-weighted mean at seed index s (None: mean over seeds)
        g = (lambda x: np.mean(x)) if s is None else (lambda x: x[s])
        return np.mean([np.mean([g(R[r][(n, p)]) for n in fam[f]]) for f in fs])

    def smean(r, p, s):
        g = (lambda x: np.mean(x)) if s is None else (lambda x: x[s])
        return np.mean([g(R[r][(n, p)]) for n in shared])

    print(f"{len(names)} sets, {len(families)} families; validation seeds {vseeds}; member seed 1")
    for p in protos:
        ref = "R0 clean" if p == "semi" else "auto unknown"
        singles = ["single:" + m for m in SINGLES]
        print(f"\n==== {PNAME[p]}: reference {ref} ====")
        for agg, f in (("33 sets, families weighted", fmean), ("9 shared sets", smean)):
            bars = {s: f(s, p, None) for s in singles}
            bar = max(bars, key=bars.get)
            best = (lambda n: max(np.mean(R[s][(n, p)]) for s in singles))
            if f is fmean:
                psb = np.mean([np.mean([best(n) for n in fam[g]]) for g in families])
            else:
                psb = np.mean([best(n) for n in shared])
            print(f"\n  {agg}: best single {bar[7:]} {bars[bar]:.4f}; per-set best {psb:.4f}; "
                  f"goal {(bars[bar] + psb) / 2:.4f}")
            print(f"  {'rule':16s} {'mean':>7s} {'sigma':>7s} {'- ref':>8s} {'min seed diff':>14s} {'- best single':>14s}  verdict")
            for r in RULES + ["auto unknown"]:
                m = f(r, p, None)
                per = np.array([f(r, p, s) for s in range(ns)])
                dif = per - np.array([f(ref, p, s) for s in range(ns)])
                sig = per.std(ddof=1) if ns > 1 else 0.0
                ok = (m - f(ref, p, None) > 2 * sig) and dif.min() > 0 and m > bars[bar]
                print(f"  {r:16s} {m:7.4f} {sig:7.4f} {m - f(ref, p, None):+8.4f} {dif.min():+14.4f} "
                      f"{m - bars[bar]:+14.4f}  {'above ref > 2 sigma' if ok else ''}")
        print(f"\n  per family, difference from {ref} (mean over seeds): mean, se, above/below")
        for r in RULES[1:]:
            d = np.array([np.mean([np.mean(R[r][(n, p)]) - np.mean(R[ref][(n, p)]) for n in fam[g]]) for g in families])
            print(f"  {r:16s} {d.mean():+.4f} se {d.std(ddof=1) / np.sqrt(len(d)):.4f}  "
                  f"{(d > 1e-9).sum()} above, {(d < -1e-9).sum()} below")
        # leave one family out among R1..R7
        rows, chosen = [], {}
        for g in families:
            rest = [h for h in families if h != g]
            b = max(RULES[1:], key=lambda r: fmean(r, p, None, rest))
            chosen[b] = chosen.get(b, 0) + 1
            rows.append(np.mean([np.mean(R[b][(n, p)]) for n in fam[g]]))
        print(f"\n  leave-one-family-out choice among R1..R7: {np.mean(rows):.4f} "
              f"(ref {fmean(ref, p, None):+.4f} -> {np.mean(rows) - fmean(ref, p, None):+.4f}); chosen "
              + ", ".join(f"{k} x{c}" for k, c in chosen.items()))
        print(f"\n  per set (mean over seeds): {ref}, knn, kde, iforest, then each rule; picks at seed {vseeds[0]}")
        print(f"  {'set':18s} {'ref':>6s} {'knn':>6s} {'kde':>6s} {'ifor':>6s} " + " ".join(f"{r[:2]:>6s}" for r in RULES[1:]))
        for n in names:
            print(f"  {n:18s} {np.mean(R[ref][(n, p)]):6.3f} {np.mean(R['single:knn'][(n, p)]):6.3f} "
                  f"{np.mean(R['single:kde'][(n, p)]):6.3f} {np.mean(R['single:iforest'][(n, p)]):6.3f} "
                  + " ".join(f"{np.mean(R[r][(n, p)]):6.3f}" for r in RULES[1:])
                  + "  " + "; ".join(f"{r[:2]} {picks[r][(n, p)][0]}" for r in ("R1 hard", "R5 ensemble", "R6 gate")))


def main():
    args = sys.argv[1:]
    opt = lambda k, d: (args.pop(args.index(k) + 1), args.remove(k))[0] if k in args else d
    protos = opt("--protocols", "semi").split(",")
    vseeds = [int(x) for x in opt("--vseeds", "1,2,3").split(",")]
    save, load = opt("--save", None), opt("--load", None)
    if load:
        names, R, picks, protos, vseeds = pickle.load(open(load, "rb"))
    else:
        names, R, picks = run(args[0], protos, vseeds)
        if save:
            pickle.dump((names, R, picks, protos, vseeds), open(save, "wb"))
    report(names, R, picks, protos, vseeds)


if __name__ == "__main__":
    main()
