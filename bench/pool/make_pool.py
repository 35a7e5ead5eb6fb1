#!/usr/bin/python3
"""An unseen pool of labelled anomaly-detection sets, made from data that ships with packages on
this machine, for measuring detectors on data they were never tuned on.

    /usr/bin/python3 bench/pool/make_pool.py OUT_DIR        # writes OUT_DIR/<set>.csv, prints the manifest

Needs scikit-learn (its bundled wine, breast_cancer, digits and iris files: no download) and
Weka's example files from the Debian package `weka` (`apt-get install weka`: glass, segment,
unbalanced in /usr/share/doc/weka/examples; another folder with --weka DIR). Every set is a CSV of
numeric columns f1..fN and a last column `label` (1 = anomaly), the format of shared/datasets.

Construction follows the ODDS library (Rayana, "ODDS Library", Stony Brook University, 2016,
http://odds.cs.stonybrook.edu) and ADBench (Han et al., "ADBench: Anomaly Detection Benchmark",
NeurIPS 2022), which take most of their tabular sets from ODDS, and the downsampling rule of
Campos et al. ("On the evaluation of unsupervised outlier detection", Data Min. Knowl. Disc.
30, 2016): a class of a classification set becomes the anomaly class and is randomly downsampled,
the other classes (or a chosen one) are the normal rows.

- wdbc: Wisconsin diagnostic breast cancer (sklearn load_breast_cancer). ODDS "WDBC": the 357
  benign rows normal, 10 of the 212 malignant rows as anomalies (367 rows, 2.7%).
- wine: UCI wine (sklearn load_wine). ODDS "Wine": classes 2 and 3 (119 rows) normal, 10 of the
  59 class-1 rows as anomalies (129 rows, 7.8%).
- glass: UCI glass identification (Weka glass.arff). ODDS "Glass": all 214 rows, the 9 rows of
  class 6 (tableware) as anomalies (4.2%).
- digits_0 .. digits_9: UCI optical digits, the 1,797-row 8x8 test part that sklearn ships
  (load_digits). ODDS "Optdigits" makes digit 0 the anomaly class (150 of 5,216 rows, 2.9%) in
  the full 5,620-row set; here each digit in turn: the other nine digits normal, 50 rows of the
  digit as anomalies (about 3.0%). Ten sets of one family: their results are not independent.
- iris_setosa, iris_versicolor, iris_virginica: Fisher's iris (sklearn load_iris), Campos et
  al.'s downsampling: the other two species (100 rows) normal, 10 rows of the named species as
  anomalies (9.1%). One family. Setosa is linearly separable from the others (an easy set);
  versicolor lies between the other two species (anomalies inside the normal data's hull).
- segment_<class>: UCI image segmentation (Weka segment-challenge.arff + segment-test.arff,
  2,310 rows, 19 features, seven classes of 330). Campos et al.'s downsampling per class: the
  other six classes normal (1,980 rows), 60 rows of the class as anomalies (2.9%). One family.
- unbalanced: Weka's unbalanced.arff (856 molecules, 32 descriptors), a naturally rare class:
  the 12 "Active" rows as anomalies (1.4%), no sampling.

Left out: Weka's diabetes (= pima) and ionosphere (both already in shared/datasets), its
nominal or text sets (breast-cancer, vote, soybean, credit-g, Reuters: they would need encoding
choices of our own), regression sets (sklearn diabetes, linnerud, boston; Weka cpu), sets under
60 rows (labor, contact-lenses, weather).

Deterministic: each set's sample is drawn with numpy's legacy RandomState seeded by a fixed
number per set (SEEDS below), independent of the order sets are made in; the files are
byte-identical on every run with the same input files. Values are written with '%.10g'.
"""
import argparse
import os
import sys

import numpy as np
from sklearn import datasets

WEKA = "/usr/share/doc/weka/examples"
SEED = 20261207  # base seed of every sample; one offset per set below keeps sets independent of order


def sample(n_from, k, offset):
    """k of n_from indices, without replacement, sorted: the downsampled anomaly rows."""
    rng = np.random.RandomState(SEED + offset)
    return np.sort(rng.choice(n_from, size=k, replace=False))


def one_vs_rest(x, y, anomaly_class, k, offset):
    """Rows of every other class normal; k random rows of anomaly_class as anomalies."""
    normal = np.flatnonzero(y != anomaly_class)
    pool = np.flatnonzero(y == anomaly_class)
    picked = pool[sample(len(pool), k, offset)]
    rows = np.sort(np.concatenate([normal, picked]))
    return x[rows], (y[rows] == anomaly_class).astype(int)


def read_arff(path):
    """Numeric attributes and the last (nominal) attribute of a Weka ARFF file without missing values."""
    names, rows, in_data = [], [], False
    with open(path, encoding="utf-8") as f:
        for line in f:
            s = line.strip()
            if not s or s.startswith("%"):
                continue
            if in_data:
                fields = [t.strip().strip("'\"") for t in s.split(",")]
                if "?" in fields:
                    raise ValueError(f"{path}: missing value in '{s}'")
                rows.append(fields)
            elif s.lower().startswith("@attribute"):
                names.append(s.split()[1])
            elif s.lower().startswith("@data"):
                in_data = True
    x = np.array([[float(v) for v in r[:-1]] for r in rows])
    y = np.array([r[-1] for r in rows])
    if x.shape[1] != len(names) - 1:
        raise ValueError(f"{path}: {x.shape[1]} values for {len(names) - 1} attributes")
    return x, y


def make(weka):
    """(name, x, label, origin) of every set, in a fixed order."""
    sets = []
    d = datasets.load_breast_cancer()  # target 0 = malignant, 1 = benign
    x, lab = one_vs_rest(d.data, d.target, 0, 10, 1)
    sets.append(("wdbc", x, lab, "sklearn breast_cancer (UCI WDBC): benign normal, 10 malignant (ODDS WDBC)"))

    d = datasets.load_wine()  # classes 0, 1, 2 = UCI's 1, 2, 3
    x, lab = one_vs_rest(d.data, d.target, 0, 10, 2)
    sets.append(("wine", x, lab, "sklearn wine (UCI): classes 2, 3 normal, 10 of class 1 (ODDS Wine)"))

    x, y = read_arff(os.path.join(weka, "glass.arff"))
    sets.append(("glass", x, (y == "tableware").astype(int), "Weka glass.arff (UCI): tableware anomalies, all rows (ODDS Glass)"))

    d = datasets.load_digits()
    for digit in range(10):
        x, lab = one_vs_rest(d.data, d.target, digit, 50, 10 + digit)
        sets.append((f"digits_{digit}", x, lab, f"sklearn digits (UCI optdigits, 8x8 test part): other digits normal, 50 of digit {digit}"))

    d = datasets.load_iris()
    for c, species in enumerate(d.target_names):
        x, lab = one_vs_rest(d.data, d.target, c, 10, 20 + c)
        sets.append((f"iris_{species}", x, lab, f"sklearn iris: other species normal, 10 of {species}"))

    xa, ya = read_arff(os.path.join(weka, "segment-challenge.arff"))
    xb, yb = read_arff(os.path.join(weka, "segment-test.arff"))
    x, y = np.vstack([xa, xb]), np.concatenate([ya, yb])
    for c, cls in enumerate(sorted(set(y))):
        xs, lab = one_vs_rest(x, y, cls, 60, 30 + c)
        sets.append((f"segment_{cls}", xs, lab, f"Weka segment-challenge + segment-test (UCI image segmentation): other classes normal, 60 of {cls}"))

    x, y = read_arff(os.path.join(weka, "unbalanced.arff"))
    sets.append(("unbalanced", x, (y == "Active").astype(int), "Weka unbalanced.arff: the 12 Active molecules anomalies, all rows"))
    return sets


def write_csv(path, x, label):
    header = ",".join([f"f{j + 1}" for j in range(x.shape[1])] + ["label"])
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        f.write(header + "\n")
        for row, l in zip(x, label):
            f.write(",".join("%.10g" % v for v in row) + f",{int(l)}\n")
    os.replace(tmp, path)  # no half-written set under its final name


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("out", help="folder for the CSVs (made if missing)")
    p.add_argument("--weka", default=WEKA, help=f"folder of Weka's example ARFF files (default {WEKA})")
    a = p.parse_args()
    for f in ("glass.arff", "segment-challenge.arff", "segment-test.arff", "unbalanced.arff"):
        if not os.path.isfile(os.path.join(a.weka, f)):
            print(f"make_pool: {os.path.join(a.weka, f)}: not found (apt-get install weka, or --weka DIR)", file=sys.stderr)
            sys.exit(2)
    sets = make(a.weka)
    os.makedirs(a.out, exist_ok=True)
    print("| set | rows | features | anomalies | rate | construction |")
    print("|---|--:|--:|--:|--:|---|")
    for name, x, label, origin in sets:
        write_csv(os.path.join(a.out, name + ".csv"), x, label)
        print(f"| {name} | {len(label):,} | {x.shape[1]} | {int(label.sum())} | {100 * label.mean():.1f}% | {origin} |")


if __name__ == "__main__":
    main()
