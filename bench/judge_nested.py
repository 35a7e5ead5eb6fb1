"""Nested leave-one-scenario-out selection of judge settings (bench/judge_nested.sh).

  judge_nested.py configs DATA_DIR OUT_DIR SCENARIO... -- NAME=key:value,key:value ...
      writes OUT_DIR/<NAME>/outer-<S>.yaml (training on every scenario but S) and
      OUT_DIR/<NAME>/inner-<S>-<T>.yaml (training without S, T left out: S's rows never seen)
  judge_nested.py table OUT_DIR SCENARIO...
      reads OUT_DIR/<NAME>/runs/{outer-S,inner-S-T}/evaluation.json and prints, per outer fold S,
      the setting with the best mean inner F1 (ties: the first listed), and the nested result.

A setting for the fold that leaves S out is chosen on inner folds that never hold S's rows."""
import csv
import json
import os
import re
import sys


def parse_value(v):
    for cast in (int, float):
        try:
            return cast(v)
        except ValueError:
            pass
    return v


def overlay(base_lines, overrides):
    """The pipeline config with judge keys replaced or added; evaluate.baselines off."""
    out, section, done = [], None, set()
    for line in base_lines:
        if line and not line.startswith((" ", "#")):
            if section == "judge":
                out += [f"  {k}: {v}" for k, v in overrides.items() if k not in done]
            section = line.split(":")[0]
        if section == "judge" and line.startswith("  ") and line.split(":")[0].strip() in overrides:
            k = line.split(":")[0].strip()
            out.append(f"  {k}: {overrides[k]}")
            done.add(k)
            continue
        if section == "evaluate" and line.strip().startswith("baselines:"):
            line = "  baselines: false"
        out.append(line)
    return out


def without_scenario(src, dst, scenario):
    if os.path.exists(dst):
        return
    with open(src, newline="") as f, open(dst + ".tmp", "w", newline="") as g:
        r = csv.reader(f)
        w = csv.writer(g, lineterminator="\n")
        head = next(r)
        col = head.index("scenario")
        w.writerow(head)
        for row in r:
            if row[col] != scenario:
                w.writerow(row)
    os.replace(dst + ".tmp", dst)


def configs(data, out, scenarios, settings):
    with open(os.path.join(data, "pipeline.yaml")) as f:
        base = f.read().splitlines()
    for s in scenarios:
        without_scenario(os.path.join(data, "train.csv"), os.path.join(data, f"train-without-{s}.csv"), s)
    for spec in settings:
        name, _, kv = spec.partition("=")
        overrides = dict(p.split(":", 1) for p in re.split(r",(?=[a-z_]+:)", kv) if p)
        lines = overlay(base, overrides)
        d = os.path.join(out, name)
        os.makedirs(d, exist_ok=True)
        absdata = os.path.abspath(data)
        fixed = [l.replace("input: train.csv", f"input: {absdata}/train.csv")
                 .replace("input: test.csv", f"input: {absdata}/test.csv")
                 .replace("heuristics: ", f"heuristics: {absdata}/") for l in lines]
        with open(os.path.join(d, "outer.yaml"), "w") as f:
            f.write("\n".join(fixed) + "\n")
        for s in scenarios:
            inner = [l.replace(f"{absdata}/train.csv", f"{absdata}/train-without-{s}.csv") for l in fixed]
            with open(os.path.join(d, f"inner-without-{s}.yaml"), "w") as f:
                f.write("\n".join(inner) + "\n")


def judge_metrics(path):
    with open(path) as f:
        for r in json.load(f)["results"]:
            if r["method"] == "hybrid_judge":
                return r
    raise SystemExit(f"no hybrid_judge in {path}")


def table(out, scenarios):
    names = sorted(d for d in os.listdir(out) if os.path.isdir(os.path.join(out, d, "runs")))
    order = [n for n in os.environ.get("SETTINGS_ORDER", "").split() if n in names] + [n for n in names if n not in os.environ.get("SETTINGS_ORDER", "").split()]
    res = {}
    for n in order:
        for s in scenarios:
            p = os.path.join(out, n, "runs", f"outer-{s}", "evaluation.json")
            if os.path.exists(p):
                res[(n, s)] = judge_metrics(p)
            for t in scenarios:
                p = os.path.join(out, n, "runs", f"inner-{s}-{t}", "evaluation.json")
                if t != s and os.path.exists(p):
                    res[(n, s, t)] = judge_metrics(p)
    print("| setting | " + " | ".join(f"F1 {s} left out (inner mean F1)" for s in scenarios) + " | mean F1 | mean ROC AUC |")
    print("|---" * (len(scenarios) + 3) + "|")
    for n in order:
        cells, f1s, aucs = [], [], []
        for s in scenarios:
            inner = [res[(n, s, t)]["f1"] for t in scenarios if (n, s, t) in res]
            o = res.get((n, s))
            cells.append((f"{o['f1']:.3f}" if o else "–") + (f" ({sum(inner) / len(inner):.3f})" if inner else ""))
            if o:
                f1s.append(o["f1"])
                aucs.append(o["roc_auc"])
        mean = lambda v: f"{sum(v) / len(v):.3f}" if len(v) == len(scenarios) else "–"
        print(f"| {n} | " + " | ".join(cells) + f" | {mean(f1s)} | {mean(aucs)} |")
    picked, f1s, aucs = [], [], []
    for s in scenarios:
        best, score = None, None
        for n in order:
            inner = [res[(n, s, t)]["f1"] for t in scenarios if (n, s, t) in res]
            if len(inner) == len(scenarios) - 1 and (score is None or sum(inner) / len(inner) > score):
                best, score = n, sum(inner) / len(inner)
        if best and (best, s) in res:
            picked.append(f"{s}: {best}")
            f1s.append(res[(best, s)]["f1"])
            aucs.append(res[(best, s)]["roc_auc"])
    if len(f1s) == len(scenarios):
        print(f"\nNested choice ({'; '.join(picked)}): mean F1 {sum(f1s) / len(f1s):.3f}, mean ROC AUC {sum(aucs) / len(aucs):.3f}")


if __name__ == "__main__":
    a = sys.argv[1:]
    if a[0] == "configs":
        sep = a.index("--")
        configs(a[1], a[2], a[3:sep], a[sep + 1:])
    else:
        table(a[1], a[2:])
