#!/usr/bin/env python3
"""Metric and scaling diversity for the nearest-neighbour detectors (issue 18, semi-supervised gap).

Every member of `auto` today sees the features standardised on the fitted rows (z-scores), and
no combination of the existing members beats `knn` semi-supervised (0.9080, 16 families weighted
equally). This study asks whether kNN under OTHER scalings of the same features — as single
detectors, as a new candidate of `auto`, or averaged with today's `knn` — lifts the default above
every single detector under all three protocols.

  python3 bench/metric_study.py DUMP_DIR[,DUMP_DIR...] --datasets DIR,DIR [--save FILE] [--fbag-seed S]
  python3 bench/metric_study.py --load FILE[,FILE...]

DUMP_DIR: ScoreDump's files (<set>.<protocol>.train/.test/.rows.csv), several folders (member
seeds) averaged per rule; --datasets: where <set>.csv lives (the shared sets and the pool).

PRE-REGISTERED DESIGN (written and committed before any run that reads a label)
============================================================================

The kNN of the new members mirrors the product's default `knn` (docs/detectors.md): k = 5,
`method: largest`, Euclidean, `duplicates: weighted` (the k-distinct-distance: the distance to the
k-th nearest fitted row with other coordinates than the row's own; a fitted row's fit-time score
leaves its own copies out). The fitted rows are the protocol's (all rows unsupervised, normal
training rows semi-supervised, the 70% part adbench); every scaling is estimated on the fitted
rows only and applied to fitted and tested rows. Sanity check: kNN on z-scores must reproduce the
dump's `knn` column (its AUC per set and protocol, printed as the largest difference).

Scalings (one new single detector each, named knn@SCALING):
  z        (x - mean) / std (std 0 -> 1): today's `knn`, recomputed (check only)
  robust   (x - median) / IQR; IQR 0 -> std; std 0 -> 1
  rank     each feature through the fitted rows' mid-rank ECDF u = (#below + #equal / 2) / n
           (ties averaged); tested values interpolated linearly between the fitted rows'
           distinct values; below the smallest -> 0, above the largest -> 1 (the ECDF's limits)
  normal   `rank`, then the normal quantile function, u clipped to [0.5/(n+1), 1 - 0.5/(n+1)]
  white01  PCA whitening of the z-scores (Mahalanobis distance), eigenvalues + 0.01 x their mean
  white1   the same, ridge 0.1 x the mean eigenvalue
Feature bagging (Lazarevic & Kumar 2005) on z-scores: 10 rounds, round r a random feature subset
of size uniform in [ceil(d/2), d-1] (all d features when d < 3), kNN as above on it; each round's
scores normalised by its fitted rows' scores, then averaged:
  fbag_rz  robust z (auto's normalisation: (s - median) / (1.4826 MAD)) ;  fbag_rank  ECDF
  (seed 0 for the subsets; --fbag-seed repeats it with other seeds)
Multi-scale kNN (mean of the robust-z-normalised scores of kNN under several scalings):
  msk_zr (z, robust), msk_zk (z, rank), msk_zn (z, normal), msk3 (z, robust, rank)

How each enters (every new member X above, msk* included):
  (a) single:X            X alone
  (c) knn+X               mean of robust-z(knn) and robust-z(X) (for the scalings, = msk_z*)
  (b) auto+X              auto's pool plus X, rule loo_sel5_top3_max over robust-z scores
                          (keep candidates whose agreement with the mean of the others > 0.5, at
                          most the 3 highest, maximum of their normalised scores)
      autoX-for-knn       the same with X instead of `knn` in the pool
  auto's pool is the one the product ships (docs/detectors.md: iforest, ecod, knn, knn_mean20);
  family_study.py's CURRENT names the pool with hbos too (i_e_k_h_km): both are computed, and the
  one whose semi-supervised mean reproduces docs/accuracy.md's 0.8999 is "auto today".

Evaluation (labels only measure; nothing is fitted on them):
  - every rule's ROC AUC per (set, protocol); means over the 33 sets per protocol, families
    (name before the first '_') weighted equally (primary) and sets weighted equally;
  - bars, recomputed from the dumps: the best single detector at its defaults (iforest, hbos,
    ecod, knn, lof, ocsvm, autoencoder) per protocol in sample (expected: unsupervised iforest
    0.8161, semi knn 0.9080, adbench iforest 0.8282, families weighted equally); per-set best of
    those seven; goal = bar + half the gap to the per-set best;
  - the new rules have no parameter fitted on labels, so each fixed rule's mean is an honest
    estimate for that rule alone; but picking the best of ~50 after the fact is not. The
    out-of-sample estimate is leave-one-family-out: for each of the 16 held-out families, the
    rule best on the other 15 families by (i) the mean over the three protocols, (ii) the worst
    protocol's margin over the best single default there, chosen among ALL rules (old singles,
    auto today, every new rule), scored on the held-out family (as bench/family_study.py).
    Also LOFO restricted to each entry kind (a), (b), (c).

SUCCESS CRITERION: an out-of-sample (LOFO) mean ROC AUC, families weighted equally, above the
bar under ALL three protocols (unsupervised > 0.8161, semi > 0.9080, adbench > 0.8282, as
recomputed); the goal: closing half the gap to the per-set best under all three. Secondary (the
issue's own rule): if X would become a selectable single detector (a `scaling` option of knn),
auto must also beat knn@X — reported beside. A rule that wins only in sample, or was chosen after
seeing results, is reported as such.
"""
