#!/usr/bin/python3
"""Markdown table of bench/speed.sh's runs.jsonl: per dataset and detector, our warm fit and
score seconds beside the Python counterpart's, and the speed-ups (theirs / ours).
  /usr/bin/python3 bench/speed_table.py runs.jsonl > speed.md"""
import json
import sys

ORDER = ["iforest", "ocsvm", "lof", "knn", "hbos", "ecod", "autoencoder", "random_forest", "xgboost", "ensemble"]


def secs(v):
    return f"{v:.4f}" if v < 10 else f"{v:.1f}"


def ratio(theirs, ours):
    return f"{theirs / ours:.1f}×" if ours > 0 else "n/a"


runs = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
by_key = {(r["dataset"], r["detector"], r["side"]): r for r in runs}
datasets = sorted({r["dataset"] for r in runs})
print("| dataset | rows | detector | counterpart | fit s ours / theirs | fit speed-up | score s ours / theirs "
      "| score speed-up | ROC AUC ours / theirs | CPU busy before |")
print("|---|--:|---|---|--:|--:|--:|--:|--:|--:|")
wins = {}
for ds in datasets:
    for det in ORDER:
        ours = by_key.get((ds, det, "sentinelrisk"))
        if ours is None:
            continue
        theirs = by_key.get((ds, det, "peer"))
        if theirs is None:
            print(f"| {ds} | {ours['rows']:,} | {det} | — | {secs(ours['fit_s'])} / — | — | {secs(ours['score_s'])} / — "
                  f"| — | {ours['roc_auc']:.4f} / — | {ours['cpu_busy_before']:.2f} |")
            continue
        fit_win = ours["fit_s"] < theirs["fit_s"]
        score_win = ours["score_s"] < theirs["score_s"]
        wins.setdefault(det, []).append((ds, fit_win, score_win, theirs["fit_s"] / ours["fit_s"] if ours["fit_s"] else 0))
        print(f"| {ds} | {ours['rows']:,} | {det} | {theirs['library']} | {secs(ours['fit_s'])} / {secs(theirs['fit_s'])} "
              f"| {ratio(theirs['fit_s'], ours['fit_s'])} | {secs(ours['score_s'])} / {secs(theirs['score_s'])} "
              f"| {ratio(theirs['score_s'], ours['score_s'])} | {ours['roc_auc']:.4f} / {theirs['roc_auc']:.4f} "
              f"| {max(ours['cpu_busy_before'], theirs['cpu_busy_before']):.2f} |")
print()
print("| detector | datasets where ours fits faster | where ours scores faster | slowest fit speed-up |")
print("|---|--:|--:|--:|")
for det in ORDER:
    if det in wins:
        w = wins[det]
        slowest = min(w, key=lambda t: t[3])
        print(f"| {det} | {sum(f for _, f, _, _ in w)} of {len(w)} | {sum(s for _, _, s, _ in w)} of {len(w)} "
              f"| {slowest[3]:.2f}× ({slowest[0]}) |")
