#!/usr/bin/python3
"""Markdown table of bench/speed.sh's runs.jsonl: per dataset and detector, our warm fit and
score seconds beside the Python counterpart's, and the speed-ups (theirs / ours). Where a side ran
more than once (speed.sh's ALTERNATIONS, or APPEND), its times are the median of its runs, the
"runs" column says how many, and two more columns give the fit time of each side's fastest run:
on a shared machine whole runs land in slow stretches, so medians of a few runs can differ by the
luck of the draw while the fastest runs show what the code does when left alone.
  /usr/bin/python3 bench/speed_table.py runs.jsonl > speed.md"""
import json
import statistics
import sys

ORDER = ["iforest", "ocsvm", "lof", "knn", "hbos", "ecod", "autoencoder", "random_forest", "xgboost", "ensemble"]


def secs(v):
    return f"{v:.4f}" if v < 10 else f"{v:.1f}"


def ratio(theirs, ours):
    return f"{theirs / ours:.1f}×" if ours > 0 else "n/a"


def speed_up(theirs, ours):
    return theirs / ours if ours else 0


def combined(same):
    """One run standing for several of the same side, detector and dataset: their median times."""
    r = dict(same[-1])
    for field in ("fit_s", "score_s"):
        r[field] = statistics.median(x[field] for x in same)
    r["fit_best_s"] = min(x["fit_s"] for x in same)
    r["cpu_busy_before"] = max(x["cpu_busy_before"] for x in same)
    r["runs"] = len(same)
    return r


runs = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
grouped = {}
for r in runs:
    grouped.setdefault((r["dataset"], r["detector"], r["side"]), []).append(r)
by_key = {k: combined(v) for k, v in grouped.items()}
datasets = sorted({r["dataset"] for r in runs})
several = any(len(v) > 1 for v in grouped.values())
best_head, best_rule = ("| best-run fit s ours / theirs | best-run fit speed-up ", "--:|--:|") if several else ("", "")
print("| dataset | rows | detector | counterpart | fit s ours / theirs | fit speed-up " + best_head
      + "| score s ours / theirs | score speed-up | ROC AUC ours / theirs | CPU busy before | runs |")
print("|---|--:|---|---|--:|--:|" + best_rule + "--:|--:|--:|--:|--:|")
wins = {}
for ds in datasets:
    for det in ORDER:
        ours = by_key.get((ds, det, "sentinelrisk"))
        if ours is None:
            continue
        theirs = by_key.get((ds, det, "peer"))
        if theirs is None:
            best = f"| {secs(ours['fit_best_s'])} / — | — " if several else ""
            print(f"| {ds} | {ours['rows']:,} | {det} | — | {secs(ours['fit_s'])} / — | — {best}| {secs(ours['score_s'])} / — "
                  f"| — | {ours['roc_auc']:.4f} / — | {ours['cpu_busy_before']:.2f} | {ours['runs']} |")
            continue
        fit_win = ours["fit_s"] < theirs["fit_s"]
        score_win = ours["score_s"] < theirs["score_s"]
        wins.setdefault(det, []).append((ds, fit_win, score_win, speed_up(theirs["fit_s"], ours["fit_s"]),
                                         speed_up(theirs["fit_best_s"], ours["fit_best_s"])))
        best = (f"| {secs(ours['fit_best_s'])} / {secs(theirs['fit_best_s'])} "
                f"| {ratio(theirs['fit_best_s'], ours['fit_best_s'])} ") if several else ""
        print(f"| {ds} | {ours['rows']:,} | {det} | {theirs['library']} | {secs(ours['fit_s'])} / {secs(theirs['fit_s'])} "
              f"| {ratio(theirs['fit_s'], ours['fit_s'])} {best}| {secs(ours['score_s'])} / {secs(theirs['score_s'])} "
              f"| {ratio(theirs['score_s'], ours['score_s'])} | {ours['roc_auc']:.4f} / {theirs['roc_auc']:.4f} "
              f"| {max(ours['cpu_busy_before'], theirs['cpu_busy_before']):.2f} "
              f"| {ours['runs']} / {theirs['runs']} |")
print()
print("| detector | datasets where ours fits faster | where ours scores faster | slowest fit speed-up "
      + ("| slowest best-run fit speed-up |" if several else "|"))
print("|---|--:|--:|--:|" + ("--:|" if several else ""))
for det in ORDER:
    if det in wins:
        w = wins[det]
        slowest = min(w, key=lambda t: t[3])
        slowest_best = min(w, key=lambda t: t[4])
        best = f" {slowest_best[4]:.2f}× ({slowest_best[0]}) |" if several else ""
        print(f"| {det} | {sum(t[1] for t in w)} of {len(w)} | {sum(t[2] for t in w)} of {len(w)} "
              f"| {slowest[3]:.2f}× ({slowest[0]}) |{best}")
