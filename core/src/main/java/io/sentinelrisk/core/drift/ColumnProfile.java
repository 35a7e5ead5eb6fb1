package io.sentinelrisk.core.drift;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What one model input looked like in training, kept in the bundle so that new data can be
 * compared with it (docs/drift.md): enough to compute the population stability index (PSI) and,
 * for numbers, the Kolmogorov–Smirnov statistic, without keeping any training row.
 */
public sealed interface ColumnProfile {
    /** The column's name ({@code score} for the model's raw score). */
    String column();

    /** Training rows the profile was made from. */
    long rows();

    /** Share of training rows where the value was missing. */
    double missingShare();

    /**
     * Numbers, booleans and timestamps (as hour of day). PSI bins are the intervals between
     * {@code edges} (training deciles, ties merged): bin {@code i} holds {@code edges[i-1] < x <= edges[i]},
     * with open ends; {@code binShares[i]} is the share of present training values in bin {@code i}.
     * {@code quantiles} are the 0th to 100th training percentiles, the training CDF for KS.
     */
    record Numeric(String column, long rows, double missingShare, boolean hourOfDay, double[] edges,
                   double[] binShares, double[] quantiles) implements ColumnProfile {
        public Numeric {
            if (binShares.length != edges.length + 1) {
                throw new IllegalArgumentException(column + ": " + edges.length + " edges need " + (edges.length + 1)
                        + " bin shares, found " + binShares.length);
            }
            for (int i = 1; i < edges.length; i++) {
                if (!(edges[i] > edges[i - 1])) {
                    throw new IllegalArgumentException(column + ": bin edges must increase");
                }
            }
            if (quantiles.length != 0 && quantiles.length != 101) {
                throw new IllegalArgumentException(column + ": 101 percentiles expected, found " + quantiles.length);
            }
            edges = edges.clone();
            binShares = binShares.clone();
            quantiles = quantiles.clone();
        }

        @Override
        public double[] edges() {
            return edges.clone();
        }

        @Override
        public double[] binShares() {
            return binShares.clone();
        }

        @Override
        public double[] quantiles() {
            return quantiles.clone();
        }

        /** The bin of a present value: the first edge at or above it. */
        public int bin(double x) {
            int i = Arrays.binarySearch(edges, x);
            return i >= 0 ? i : -i - 1;
        }

        /** The training CDF at {@code x}, linear between percentiles (exact to 0.01 in share). */
        double cdf(double x) {
            if (quantiles.length == 0 || x < quantiles[0]) {
                return 0;
            }
            if (x >= quantiles[100]) {
                return 1;
            }
            int hi = 1;
            while (quantiles[hi] <= x) {
                hi++;
            }
            int lo = hi - 1;
            // ties: several percentiles at x; the CDF jumps to the last of them
            double span = quantiles[hi] - quantiles[lo];
            double within = span > 0 ? (x - quantiles[lo]) / span : 0;
            return (lo + within) / 100.0;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Numeric n && column.equals(n.column) && rows == n.rows
                    && Double.compare(missingShare, n.missingShare) == 0 && hourOfDay == n.hourOfDay
                    && Arrays.equals(edges, n.edges) && Arrays.equals(binShares, n.binShares)
                    && Arrays.equals(quantiles, n.quantiles);
        }

        @Override
        public int hashCode() {
            return column.hashCode() * 31 + Arrays.hashCode(quantiles);
        }

        @Override
        public String toString() {
            return "Numeric[" + column + ", rows=" + rows + ", edges=" + Arrays.toString(edges) + "]";
        }
    }

    /**
     * Categories: the training share of each of the most frequent ones ({@link ProfileTrainer#MAX_CATEGORIES}
     * at most) and of all others together ({@code otherShare}), among present values.
     */
    record Categorical(String column, long rows, double missingShare, Map<String, Double> shares, double otherShare)
            implements ColumnProfile {
        public Categorical {
            shares = Map.copyOf(shares);
        }

        /** The categories in a fixed order (the PSI bins, with "other" after them). */
        public List<String> categories() {
            return shares.keySet().stream().sorted().toList();
        }
    }
}
