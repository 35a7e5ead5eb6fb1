#!/usr/bin/env python3
"""Means of docs/accuracy.md's protocol tables over the nine shared sets and the unseen pool
together, each family weighted equally (a family is a set's name before the first '_', as in
bench/family_study.py: digits_0..digits_9 are one family, each shared set its own).

  python3 bench/family_means.py docs/accuracy.md

Reads the tables between <!-- protocol-tables:begin/end --> and <!-- pool-tables:begin/end -->
(bench/accuracy.sh --out ... and --section pool) and prints, per protocol, the best single
detector, the per-set best of the single detectors, the half-gap goal and every combined column.
"""
import collections
import sys

COMBINED = ("ensemble", "auto", "auto (baseline unknown)")


def tables(text):
    """{protocol: {set: {column: auc}}} of one section's three tables."""
    out = {}
    for proto in ("unsupervised", "semi-supervised", "adbench"):
        lines = text[text.index(f"`--protocol {proto}`: ROC AUC"):].split("\n")
        header = [h.strip() for h in lines[2].strip("|").split("|")]
        rows = {}
        for line in lines[4:]:
            if not line.startswith("|") or line.startswith("| **"):
                break
            cells = [c.strip() for c in line.strip("|").split("|")]
            rows[cells[0]] = dict(zip(header[1:], map(float, cells[1:])))
        out[proto] = rows
    return out


def section(text, name):
    return text[text.index(f"<!-- {name}-tables:begin -->"):text.index(f"<!-- {name}-tables:end -->")]


def main(path):
    text = open(path, encoding="utf-8").read()
    shared, pool = tables(section(text, "protocol")), tables(section(text, "pool"))
    for proto in shared:
        rows = {**shared[proto], **pool[proto]}
        families = collections.defaultdict(list)
        for name in rows:
            families[name.split("_")[0]].append(name)

        def mean(value):
            return sum(sum(value(rows[s]) for s in sets) / len(sets) for sets in families.values()) / len(families)

        columns = [c for c in next(iter(rows.values())) if c != "best single"]
        singles = [c for c in columns if c not in COMBINED]
        means = {c: mean(lambda r, c=c: r[c]) for c in columns}
        best = max(singles, key=means.get)
        per_set = mean(lambda r: max(r[c] for c in singles))
        goal = (means[best] + per_set) / 2
        print(f"{proto}: {len(rows)} sets, {len(families)} families weighted equally")
        print(f"  best single {best} {means[best]:.4f}; per-set best {per_set:.4f}; goal (half the gap) {goal:.4f}")
        for c in singles + [c for c in COMBINED if c in means]:
            print(f"  {c:26s} {means[c]:.4f}  {means[c] - means[best]:+.4f} against {best}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: family_means.py docs/accuracy.md")
    main(sys.argv[1])
