package io.sentinelrisk.core.util;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Quantiles of a stream of doubles in bounded memory: exact while it holds at most
 * {@code exact} values, then estimated from a uniform sample of {@code sample} of all the values
 * (reservoir sampling, Li's "Algorithm L", which draws a random number only for the values it
 * keeps, so a value costs a counter decrement). The sample's q-quantile lies within about
 * {@code 0.5 / sqrt(sample)} of rank q (one standard error: 0.2% of the count with the default
 * 65,536). Deterministic: a fixed seed, so the same values in the same order give the same
 * answer.
 */
public final class QuantileSketch {
    /** Values in the sample once the count passes the exact limit. */
    public static final int DEFAULT_SAMPLE = 1 << 16;

    private static final long SEED = 0x5EED_5EED_5EEDL;

    private final int exact;
    private final int sampleSize;
    private double[] values = new double[16];
    private int size;
    private double[] sample;
    private SplittableRandom random;
    private double w;
    private long nextKept;
    private long count;

    /**
     * @param exact  keep every value up to this many (then the answer is the exact one)
     * @param sample values in the sample beyond that
     */
    public QuantileSketch(int exact, int sample) {
        if (sample < 1) {
            throw new IllegalArgumentException("sample must be at least 1, got " + sample);
        }
        this.exact = Math.max(0, exact);
        this.sampleSize = sample;
    }

    /** Adds a value (not NaN). */
    public void add(double v) {
        if (sample == null) {
            if (size == values.length) {
                if (size >= exact) {
                    startSampling();
                    offer(v);
                    return;
                }
                values = Arrays.copyOf(values, (int) Math.min(exact, Math.max(16L, 2L * size)));
            }
            values[size++] = v;
            count++;
            return;
        }
        offer(v);
    }

    /** Whether every value is still held (the quantiles are exact). */
    public boolean isExact() {
        return sample == null;
    }

    /** The values added. */
    public long count() {
        return count;
    }

    /** The values, sorted, while exact ({@link #isExact}); else null. */
    public double[] sortedValues() {
        if (sample != null) {
            return null;
        }
        double[] out = Arrays.copyOf(values, size);
        Arrays.sort(out);
        return out;
    }

    /** The q-quantile (0..1) as {@link Stats#quantileSorted} gives it, of every value while exact, else of the sample; NaN if empty. */
    public double quantile(double q) {
        // Selection gives the sorted-array answer without sorting.
        return sample == null
                ? Selection.ofFinite(values, size).quantile(q)
                : Selection.ofFinite(sample, (int) Math.min(count, sampleSize)).quantile(q);
    }

    private void startSampling() {
        sample = new double[sampleSize];
        random = new SplittableRandom(SEED);
        double[] held = Arrays.copyOf(values, size);
        values = null;
        size = 0;
        count = 0;
        for (double x : held) {
            offer(x);
        }
    }

    /** Algorithm L: the first {@code sampleSize} values fill the sample, then the next kept one is drawn ahead. */
    private void offer(double v) {
        count++;
        if (count <= sampleSize) {
            sample[(int) (count - 1)] = v;
            if (count == sampleSize) {
                w = Math.exp(Math.log(uniform()) / sampleSize);
                nextKept = count + skip();
            }
            return;
        }
        if (count == nextKept) {
            sample[random.nextInt(sampleSize)] = v;
            w *= Math.exp(Math.log(uniform()) / sampleSize);
            nextKept = count + skip();
        }
    }

    private long skip() {
        double s = Math.floor(Math.log(uniform()) / Math.log1p(-w));
        return s >= Long.MAX_VALUE / 2 ? Long.MAX_VALUE / 2 : (long) s + 1;
    }

    /** Uniform in (0, 1]: never 0, whose logarithm is infinite. */
    private double uniform() {
        return 1.0 - random.nextDouble();
    }
}
