package io.sentinelrisk.core.util;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Quantiles of a stream of doubles in bounded memory: exact while it holds at most
 * {@code exact} values, then estimated from a uniform sample of {@code sample} of all the values
 * (reservoir sampling, Li's "Algorithm L", which draws a random number only for the values it
 * keeps, so a value costs a counter decrement). The sample's q-quantile lies within about
 * {@code 0.5 / sqrt(sample)} of rank q (one standard error: 0.2% of the count with the default
 * 65,536). Deterministic: a fixed seed, so the same values in the same order give the same
 * answer.
 *
 * <p>While exact, the values are held as {@link Selection}'s order-preserving keys in chunks of
 * {@link #CHUNK} (not in one array grown by doubling, whose copies cost about three times the
 * values' size: 75 MB of garbage for a 286,048-row, 10-column report); a quantile joins them once
 * into the array it selects in.
 */
public final class QuantileSketch {
    /** Values in the sample once the count passes the exact limit. */
    public static final int DEFAULT_SAMPLE = 1 << 16;

    /** Values per chunk of the exact values (64 KiB). */
    static final int CHUNK = 1 << 13;

    private static final long SEED = 0x5EED_5EED_5EEDL;

    private final int exact;
    private final int sampleSize;
    private List<long[]> chunks = new ArrayList<>();
    private long[] last;   // the chunk being filled
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
        this.exact = Math.max(16, exact);   // at least 16 values are held exactly, as ever
        this.sampleSize = sample;
    }

    /** Adds a value (not NaN). */
    public void add(double v) {
        if (sample == null) {
            if (size >= exact) {
                startSampling();
                offer(v);
                return;
            }
            int at = size % CHUNK;
            if (at == 0) {
                last = new long[Math.min(CHUNK, exact - size)];
                chunks.add(last);
            }
            last[at] = Selection.key(v);
            size++;
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
        long[] keys = heldKeys();
        double[] out = new double[size];
        for (int i = 0; i < size; i++) {
            out[i] = Selection.value(keys[i]);
        }
        Arrays.sort(out);
        return out;
    }

    /** The q-quantile (0..1) as {@link Stats#quantileSorted} gives it, of every value while exact, else of the sample; NaN if empty. */
    public double quantile(double q) {
        // Selection gives the sorted-array answer without sorting.
        return sample == null
                ? Selection.ofKeys(heldKeys()).quantile(q)
                : Selection.ofFinite(sample, (int) Math.min(count, sampleSize)).quantile(q);
    }

    /** The exact values' keys in the order added, in a new array (a selection reorders it). */
    private long[] heldKeys() {
        long[] out = new long[size];
        for (int c = 0, at = 0; at < size; c++, at += CHUNK) {
            System.arraycopy(chunks.get(c), 0, out, at, Math.min(CHUNK, size - at));
        }
        return out;
    }

    private void startSampling() {
        sample = new double[sampleSize];
        random = new SplittableRandom(SEED);
        List<long[]> held = chunks;
        int n = size;
        chunks = null;
        last = null;
        size = 0;
        count = 0;
        for (int c = 0, at = 0; at < n; c++, at += CHUNK) {
            long[] keys = held.get(c);
            for (int i = 0, end = Math.min(CHUNK, n - at); i < end; i++) {
                offer(Selection.value(keys[i]));
            }
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
