package io.sentinelrisk.core.evaluate;

import io.sentinelrisk.core.error.InputException;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A seeded, stratified split of labelled rows into a training part and a test part: each class
 * (normal, anomaly) is shuffled with the seed and {@code round(fraction × class size)} of its rows
 * go to training, so both parts keep the labelled anomaly rate. Row indices in each part are in
 * input order. The same labels, fraction and seed always give the same split.
 */
public record Split(int[] train, int[] test) {

    public static Split stratified(int[] labels, double trainFraction, long seed) {
        if (!(trainFraction > 0 && trainFraction < 1)) {
            throw new InputException("the train fraction must be in (0, 1), found " + trainFraction);
        }
        int[] normal = rowsWithLabel(labels, 0);
        int[] anomalous = rowsWithLabel(labels, 1);
        // one stream per class, so that the normal rows' split does not depend on how many anomalies there are
        SplittableRandom root = new SplittableRandom(seed);
        int[] normalTrain = firstShuffled(normal, trainFraction, root.split());
        int[] anomalyTrain = firstShuffled(anomalous, trainFraction, root.split());
        boolean[] inTrain = new boolean[labels.length];
        for (int r : normalTrain) {
            inTrain[r] = true;
        }
        for (int r : anomalyTrain) {
            inTrain[r] = true;
        }
        int[] train = new int[normalTrain.length + anomalyTrain.length];
        int[] test = new int[labels.length - train.length];
        int a = 0;
        int b = 0;
        for (int r = 0; r < labels.length; r++) {
            if (inTrain[r]) {
                train[a++] = r;
            } else {
                test[b++] = r;
            }
        }
        return new Split(train, test);
    }

    /** The rows of {@code part} whose label is {@code label}. */
    public static int[] withLabel(int[] part, int[] labels, int label) {
        return Arrays.stream(part).filter(r -> labels[r] == label).toArray();
    }

    private static int[] rowsWithLabel(int[] labels, int label) {
        int[] all = new int[labels.length];
        for (int r = 0; r < all.length; r++) {
            all[r] = r;
        }
        return withLabel(all, labels, label);
    }

    /** A Fisher–Yates shuffle of {@code rows}, its first round(fraction × n) sorted back into input order. */
    private static int[] firstShuffled(int[] rows, double fraction, SplittableRandom random) {
        int[] a = rows.clone();
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        int take = (int) Math.round(fraction * a.length);
        int[] out = Arrays.copyOf(a, take);
        Arrays.sort(out);
        return out;
    }
}
