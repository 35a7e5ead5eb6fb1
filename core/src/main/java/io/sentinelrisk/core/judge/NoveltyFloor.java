package io.sentinelrisk.core.judge;

import java.util.Arrays;

/**
 * The novelty floor: a second way to cross the judge's threshold, for attack kinds no label showed.
 * The threshold is chosen on validation rows that hold only the kinds the labels show, so it cannot
 * move for a kind nobody labelled; a row of such a kind gets a middling novelty probability that
 * may stay under it. The floor flags, in addition, every row whose novelty log-odds (the novelty
 * prior's, {@link NoveltyPrior#logOdds}) exceed {@code cut}: the value that only a share
 * {@code falsePositiveRate} of the validation rows labelled normal exceed. That is a stated
 * false-positive budget, calibrated on normal rows alone, so it needs no example of the kind it is
 * there for.
 *
 * <p>As one score: the judge's probability becomes {@code max(p, floor(z))}, where
 * {@code floor(z) = sigmoid(logit(threshold) + z - cut)} maps the cut exactly onto the threshold,
 * so a row is flagged when {@code p > threshold} or {@code z > cut}, and the ranking of rows by
 * novelty is kept among those the booster finds unlikely.
 *
 * @param falsePositiveRate the share of normal validation rows allowed above the cut, in (0, 1)
 * @param cut               novelty log-odds above which a row is flagged
 */
public record NoveltyFloor(double falsePositiveRate, double cut) {
    public NoveltyFloor {
        if (!(falsePositiveRate > 0 && falsePositiveRate < 1)) {
            throw new IllegalArgumentException("novelty floor false-positive rate must be in (0, 1), found " + falsePositiveRate);
        }
        if (!Double.isFinite(cut)) {
            throw new IllegalArgumentException("novelty floor cut must be finite");
        }
    }

    /**
     * The floor whose cut only a share {@code falsePositiveRate} of {@code normalLogOdds} exceed:
     * the value at rank {@code floor(rate × n)} from the top (0-based), so at most that many rows
     * lie strictly above it. Fails on an empty array.
     */
    public static NoveltyFloor calibrate(double[] normalLogOdds, double falsePositiveRate) {
        if (normalLogOdds.length == 0) {
            throw new IllegalArgumentException("the novelty floor needs normal validation rows");
        }
        double[] sorted = normalLogOdds.clone();
        Arrays.sort(sorted);
        int above = (int) Math.floor(falsePositiveRate * sorted.length);
        return new NoveltyFloor(falsePositiveRate, sorted[sorted.length - 1 - Math.min(above, sorted.length - 1)]);
    }

    /** {@code p[i] = max(p[i], sigmoid(logit(threshold) + z[i] - cut))} in place. */
    public void apply(double[] p, double[] z, double threshold) {
        double t = Math.min(1 - 1e-12, Math.max(1e-12, threshold));
        double shift = Math.log(t / (1 - t)) - cut;
        for (int i = 0; i < p.length; i++) {
            double f = 1 / (1 + Math.exp(-(z[i] + shift)));
            if (f > p[i]) {
                p[i] = f;
            }
        }
    }
}
