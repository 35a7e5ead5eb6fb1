package io.sentinelrisk.synth.scenario;

import java.util.SplittableRandom;

/** A number written as {@code 5} or drawn uniformly from {@code [min, max]}, written {@code [2, 8]}. */
public record Range(double min, double max) {
    public Range {
        if (!(min <= max)) {
            throw new IllegalArgumentException("range [" + min + ", " + max + "] is empty");
        }
    }

    public static Range of(double v) {
        return new Range(v, v);
    }

    public double draw(SplittableRandom rng) {
        return min == max ? min : min + (max - min) * rng.nextDouble();
    }

    /** A whole number in [min, max], both ends included. */
    public int drawInt(SplittableRandom rng) {
        int lo = (int) Math.ceil(min);
        int hi = (int) Math.floor(max);
        return lo >= hi ? lo : lo + rng.nextInt(hi - lo + 1);
    }

    @Override
    public String toString() {
        return min == max ? fmt(min) : "[" + fmt(min) + ", " + fmt(max) + "]";
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
