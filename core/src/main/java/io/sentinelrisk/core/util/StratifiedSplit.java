package io.sentinelrisk.core.util;

import java.util.SplittableRandom;

/**
 * A seeded split of labelled rows into two parts that keep the share of each class: the rows of
 * each class are shuffled with the seed and their first {@code fraction} go to the held-out part.
 * Indices in each part are in row order.
 *
 * @param train   rows to fit on
 * @param holdout rows held out
 */
public record StratifiedSplit(int[] train, int[] holdout) {

    /** Splits rows by {@code labels} (0/1), holding out {@code fraction} of each class (rounded). */
    public static StratifiedSplit of(int[] labels, double fraction, long seed) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("fraction must be in (0, 1): " + fraction);
        }
        boolean[] held = new boolean[labels.length];
        SplittableRandom random = new SplittableRandom(seed);
        int heldCount = 0;
        for (int cls = 0; cls <= 1; cls++) {
            int[] idx = shuffledRowsOf(labels, cls, random);
            int n = idx.length;
            int take = (int) Math.round(n * fraction);
            for (int i = 0; i < take; i++) {
                held[idx[i]] = true;
            }
            heldCount += take;
        }
        int[] train = new int[labels.length - heldCount];
        int[] holdout = new int[heldCount];
        for (int i = 0, a = 0, b = 0; i < labels.length; i++) {
            if (held[i]) {
                holdout[b++] = i;
            } else {
                train[a++] = i;
            }
        }
        return new StratifiedSplit(train, holdout);
    }

    /**
     * A seeded stratified assignment of rows to {@code k} folds: the rows of each class are
     * shuffled with the seed and dealt out in turn, so every fold holds its share of each class.
     *
     * @return the fold (0 to k − 1) of each row
     */
    public static int[] folds(int[] labels, int k, long seed) {
        if (k < 2) {
            throw new IllegalArgumentException("folds must be at least 2: " + k);
        }
        int[] fold = new int[labels.length];
        SplittableRandom random = new SplittableRandom(seed);
        for (int cls = 0; cls <= 1; cls++) {
            int[] idx = shuffledRowsOf(labels, cls, random);
            for (int i = 0; i < idx.length; i++) {
                fold[idx[i]] = i % k;
            }
        }
        return fold;
    }

    /** The rows labelled {@code cls}, shuffled (Fisher–Yates) with {@code random}. */
    private static int[] shuffledRowsOf(int[] labels, int cls, SplittableRandom random) {
        int n = 0;
        for (int y : labels) {
            n += y == cls ? 1 : 0;
        }
        int[] idx = new int[n];
        for (int i = 0, k = 0; i < labels.length; i++) {
            if (labels[i] == cls) {
                idx[k++] = i;
            }
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = idx[i];
            idx[i] = idx[j];
            idx[j] = tmp;
        }
        return idx;
    }

    /** The labels of the given rows. */
    public static int[] select(int[] labels, int[] rows) {
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = labels[rows[i]];
        }
        return out;
    }
}
