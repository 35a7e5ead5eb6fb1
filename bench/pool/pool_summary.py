#!/usr/bin/python3
"""The goal check of the protocol tables, per set and per family of sets.

    /usr/bin/python3 bench/pool/pool_summary.py TABLES.md      # TABLES.md: bench/accuracy.sh's output (or docs/accuracy.md)
           [--section pool]                                    # which <!-- SECTION-tables --> block to read

For each protocol and each of iforest (the default configuration), ensemble and auto: the mean
ROC AUC over all sets and over families (a family is the name before the first '_': digits_0 ..
digits_9 are one family, weighted as one set; each family's sets are averaged first), the best
single detector's mean, the per-set best's mean, whether the detector is above every single
detector, and the share of the gap from the best single detector to the per-set best it closes
(the goal is at least half). Also on how many sets it is within 0.005 of the per-set best, and
above the best single detector.
"""
import argparse
import re
import sys

SINGLES = ["iforest", "hbos", "ecod", "knn", "lof", "ocsvm", "autoencoder"]
SHOWN = ["iforest", "ensemble", "auto"]


def read_tables(text, section):
    b = text.find(f"<!-- {section}-tables:begin -->")
    e = text.find(f"<!-- {section}-tables:end -->")
    if b >= 0 and e > b:
        text = text[b:e]
    tables, proto, cols = {}, None, None
    for line in text.splitlines():
        m = re.match(r"#### `--protocol ([\w-]+)`", line)
        if m:
            proto, cols = m.group(1), None
            tables[proto] = {}
        elif proto and line.startswith("| dataset |"):
            cols = [c.strip() for c in line.strip("|").split("|")][1:]
        elif proto and cols and line.startswith("| ") and not line.startswith("| **"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            tables[proto][cells[0]] = dict(zip(cols, map(float, cells[1:])))
    return tables


def means(rows, names, weights):
    return {c: sum(rows[n][c] * weights[n] for n in names) for c in rows[names[0]]}


def summary(rows, weights):
    names = list(rows)
    best = {n: max(rows[n][s] for s in SINGLES) for n in names}
    m = means(rows, names, weights)
    per_set_best = sum(best[n] * weights[n] for n in names)
    top = max(SINGLES, key=lambda s: m[s])
    out = []
    for d in SHOWN:
        gap = per_set_best - m[top]
        others = max(m[s] for s in SINGLES if s != d)
        margin = m[d] - (others if d in SINGLES else m[top])
        near = sum(1 for n in names if rows[n][d] >= best[n] - 0.005)
        beats = sum(1 for n in names if rows[n][d] > rows[n][top])
        out.append((d, m[d], margin, 100 * (m[d] - m[top]) / gap if gap > 0 else 0.0, near, beats, len(names)))
    return top, m[top], per_set_best, out


def main():
    p = argparse.ArgumentParser()
    p.add_argument("tables")
    p.add_argument("--section", default="pool")
    a = p.parse_args()
    try:
        with open(a.tables, encoding="utf-8") as f:
            tables = read_tables(f.read(), a.section)
    except OSError as e:
        print(f"pool_summary: {a.tables}: {e.strerror}", file=sys.stderr)
        sys.exit(2)
    if not tables:
        print(f"pool_summary: {a.tables}: no protocol tables", file=sys.stderr)
        sys.exit(2)
    print("| protocol | weighting | best single | per-set best | goal (half the gap) | iforest | ensemble | auto | auto above every single detector? | share of the gap auto closes | auto against the goal |")
    print("|---|---|--:|--:|--:|--:|--:|--:|---|--:|---|")
    notes = []
    for proto, rows in tables.items():
        fam = {}
        for n in rows:
            fam.setdefault(n.split("_")[0], []).append(n)
        by_set = {n: 1 / len(rows) for n in rows}
        by_family = {n: 1 / len(fam) / len(fam[n.split("_")[0]]) for n in rows}
        for label, w in ((f"{len(rows)} sets equally", by_set), (f"{len(fam)} families equally", by_family)):
            top, top_mean, psb, out = summary(rows, w)
            cells = {d: (mean, margin, share, near, beats, k) for d, mean, margin, share, near, beats, k in out}
            am, amargin, ashare, _, _, _ = cells["auto"]
            verdict = f"yes, +{amargin:.4f}" if amargin > 0 else f"**no**, {amargin:+.4f}"
            goal = top_mean + (psb - top_mean) / 2
            against = f"met, +{am - goal:.4f}" if am >= goal else f"short by {goal - am:.4f}"
            print(f"| {proto} | {label} | {top} {top_mean:.4f} | {psb:.4f} | {goal:.4f} | "
                  + " | ".join(f"{cells[d][0]:.4f}" for d in SHOWN) + f" | {verdict} | {ashare:.0f}% | {against} |")
            for d in SHOWN:
                mean, margin, share, near, beats, k = cells[d]
                vs = ("above every other single detector" if margin > 0 else f"below the best single detector ({top})") \
                    if d in SINGLES else ("above every single detector" if margin > 0 else f"below the best single detector ({top})")
                notes.append(f"- {proto}, {label}: {d} {mean:.4f}, {vs} by {abs(margin):.4f}; "
                             f"closes {share:.0f}% of the gap ({top} {top_mean:.4f} to {psb:.4f}); "
                             f"within 0.005 of the per-set best on {near} of {k} sets"
                             + ("" if d == top else f", above {top} on {beats}"))
    print()
    print("\n".join(notes))
    print()
    for proto, rows in tables.items():
        fam = {}
        for n in rows:
            fam.setdefault(n.split("_")[0], []).append(n)
        cols = list(next(iter(rows.values())))
        print(f"Mean ROC AUC per family, `--protocol {proto}`:\n")
        print("| family (sets) | " + " | ".join(cols) + " |")
        print("|---|" + "--:|" * len(cols))
        for f, names in fam.items():
            print(f"| {f} ({len(names)}) | " + " | ".join(f"{sum(rows[n][c] for n in names) / len(names):.4f}" for c in cols) + " |")
        print()


if __name__ == "__main__":
    main()
