"""Tables of bench/judge.sh: reads RUNS/<kind>/<setting>/evaluation.json, prints Markdown.

Leave-one-scenario-out runs (loso-*) are averaged over their scenarios (mean of each metric)."""
import json
import os
import sys

METHODS = ["heuristics", "autoencoder", "isolation_forest", "default_ensemble", "xgboost_raw_features", "hybrid_judge"]
COLS = ["roc_auc", "average_precision", "precision", "recall", "f1", "fp_per_1000_at_recall_80"]
SETTINGS = [("loso", "(a) leave-one-scenario-out (mean over scenarios)"), ("pseudo-only", "(b) heuristic pseudo-labels only"),
            ("one-percent", "(b) 1% of the true labels (+ pseudo-labels)"), ("hard", "(c) --difficulty hard, all labels"),
            ("all-labels", "reference: all true labels")]


def load(runs, kind, setting):
    rows = {}
    base = os.path.join(runs, kind)
    dirs = sorted(d for d in os.listdir(base) if os.path.isfile(os.path.join(base, d, "evaluation.json"))
                  and (d == setting or (setting == "loso" and d.startswith("loso-"))))
    for d in dirs:
        with open(os.path.join(runs, kind, d, "evaluation.json")) as f:
            for r in json.load(f)["results"]:
                rows.setdefault(r["method"], []).append(r)
    return rows, dirs


def main(runs):
    for kind in sorted(os.listdir(runs)):
        if not os.path.isdir(os.path.join(runs, kind)):
            continue
        for setting, title in SETTINGS:
            rows, dirs = load(runs, kind, setting)
            if not rows:
                continue
            print(f"\n#### {kind}: {title}\n")
            if setting == "loso":
                print("Scenarios: " + ", ".join(d[len("loso-"):] for d in dirs) + "\n")
            print("| method | ROC AUC | AP | precision | recall | F1 | FP / 1,000 at 80% recall |")
            print("|---|---|---|---|---|---|---|")
            for m in METHODS:
                if m not in rows:
                    continue
                vals = [sum(r[c] for r in rows[m]) / len(rows[m]) for c in COLS]
                print(f"| {m} | " + " | ".join(f"{v:.3f}" if i < 5 else f"{v:.1f}" for i, v in enumerate(vals)) + " |")


if __name__ == "__main__":
    main(sys.argv[1])
