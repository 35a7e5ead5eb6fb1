#!/usr/bin/python3
"""Compare SentinelRisk's IsolationForest with scikit-learn's from side-by-side.sh's JSON lines.

One row per (dataset, jobs): medians over the seeds of fit and score seconds and score rows/s
(ours cold = first run of a fresh JVM, warm = after JIT warm-up), the mean ROC AUC over the
seeds, the speed-ups (scikit-learn time / our time) and the targets: scoring >= 20x, fitting
>= 5x, |mean ROC AUC difference| <= 0.01.

  /usr/bin/python3 bench/side_by_side_table.py bench/target/side-by-side/runs.jsonl
"""
import json
import statistics
import sys
from collections import OrderedDict

SCORE_TARGET = 20.0
FIT_TARGET = 5.0
AUC_TOLERANCE = 0.01


def load(paths):
    groups = OrderedDict()
    for path in paths:
        with open(path) as fh:
            for line in fh:
                line = line.strip()
                if not line:
                    continue
                r = json.loads(line)
                if r.get("algo") != "iforest":
                    continue
                if r["peer"] == "python":
                    side = "sklearn"
                else:
                    side = "ours-" + r.get("params", {}).get("mode", "warm")
                groups.setdefault((r["dataset"], r["n_jobs"]), {}).setdefault(side, []).append(r)
    return groups


def med(runs, field):
    vals = [r[field] for r in runs if r.get(field) is not None]
    return statistics.median(vals) if vals else None


def mean(runs, field):
    vals = [r[field] for r in runs if r.get(field) is not None]
    return statistics.fmean(vals) if vals else None


def ratio(a, b):
    return a / b if a is not None and b else None


def f(v, fmt):
    return "-" if v is None else format(v, fmt)


def mark(v, target):
    if v is None:
        return "-"
    return f"{v:.1f}x" + ("" if v >= target else " **miss**")


def main(paths):
    groups = load(paths)
    print("| dataset | rows | jobs | seeds | sklearn fit s | ours fit s warm / cold | fit speed-up warm / cold "
          "| sklearn score s | ours score s warm / cold | score rows/s sklearn / ours warm "
          "| score speed-up warm / cold | ROC AUC sklearn / ours | AUC diff | CPU busy before (median) |")
    print("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
    misses = []
    for (ds, jobs), sides in groups.items():
        sk = sides.get("sklearn", [])
        warm = sides.get("ours-warm", [])
        cold = sides.get("ours-cold", [])
        if not sk or not warm:
            continue
        sk_fit, sk_score = med(sk, "fit_s"), med(sk, "score_s")
        w_fit, w_score = med(warm, "fit_s"), med(warm, "score_s")
        c_fit, c_score = med(cold, "fit_s"), med(cold, "score_s")
        fit_w, fit_c = ratio(sk_fit, w_fit), ratio(sk_fit, c_fit)
        score_w, score_c = ratio(sk_score, w_score), ratio(sk_score, c_score)
        sk_auc, our_auc = mean(sk, "roc_auc"), mean(warm, "roc_auc")
        diff = our_auc - sk_auc if sk_auc is not None and our_auc is not None else None
        busy = [r["cpu_busy_before"] for r in sk + warm if "cpu_busy_before" in r]
        seeds = len({r["seed"] for r in warm})
        auc_cell = f(diff, "+.4f") + ("" if diff is None or abs(diff) <= AUC_TOLERANCE else " **miss**")
        print(f"| {ds} | {sk[0]['rows']} | {jobs} | {seeds} | {f(sk_fit, '.4f')} | {f(w_fit, '.4f')} / {f(c_fit, '.4f')} "
              f"| {mark(fit_w, FIT_TARGET)} / {mark(fit_c, FIT_TARGET)} "
              f"| {f(sk_score, '.4f')} | {f(w_score, '.4f')} / {f(c_score, '.4f')} "
              f"| {f(med(sk, 'rows_per_s_score'), ',.0f')} / {f(med(warm, 'rows_per_s_score'), ',.0f')} "
              f"| {mark(score_w, SCORE_TARGET)} / {mark(score_c, SCORE_TARGET)} "
              f"| {f(sk_auc, '.4f')} / {f(our_auc, '.4f')} | {auc_cell} "
              f"| {f(statistics.median(busy) if busy else None, '.2f')} |")
        for name, v, t in (("fit warm", fit_w, FIT_TARGET), ("score warm", score_w, SCORE_TARGET)):
            if v is not None and v < t:
                misses.append(f"{ds} jobs={jobs}: {name} {v:.1f}x < {t:.0f}x")
        if diff is not None and abs(diff) > AUC_TOLERANCE:
            misses.append(f"{ds} jobs={jobs}: ROC AUC differs by {diff:+.4f}")
    print()
    print("Times are medians over the seeds; ROC AUC is the mean over the seeds (ours is the same for "
          "warm and cold runs). Speed-up = scikit-learn's time / ours.")
    if misses:
        print()
        print("Targets missed (warm): " + "; ".join(misses))


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1:])
