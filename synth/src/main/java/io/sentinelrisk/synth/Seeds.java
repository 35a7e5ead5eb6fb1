package io.sentinelrisk.synth;

import java.util.SplittableRandom;

/**
 * Derives independent random streams from one user seed. Every entity (user, card, series) and
 * every planning step draws from its own stream, so the output for a seed does not depend on the
 * order in which threads run.
 */
public final class Seeds {
    private Seeds() {
    }

    /** A well-mixed 64-bit value for (seed, stream); Stafford's variant 13 of the MurmurHash3 finaliser. */
    public static long mix(long seed, long stream) {
        long z = seed + 0x9E3779B97F4A7C15L * (stream + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    public static SplittableRandom stream(long seed, long stream) {
        return new SplittableRandom(mix(seed, stream));
    }

    /** Uniform in [lo, hi). */
    public static double uniform(SplittableRandom rng, double lo, double hi) {
        return lo + (hi - lo) * rng.nextDouble();
    }

    /** Log-uniform in [lo, hi): every order of magnitude equally likely. */
    public static double logUniform(SplittableRandom rng, double lo, double hi) {
        return Math.exp(uniform(rng, Math.log(lo), Math.log(hi)));
    }

    /** {@code median * exp(sigma * N(0,1))}: a positive, right-skewed amount around {@code median}. */
    public static double logNormal(SplittableRandom rng, double median, double sigma) {
        return median * Math.exp(sigma * rng.nextGaussian());
    }

    /** Rounds to {@code decimals} decimal places, so that CSV output stays short and re-reads exactly. */
    public static double round(double v, int decimals) {
        double scale = decimals < POWERS_OF_TEN.length ? POWERS_OF_TEN[decimals] : Math.pow(10, decimals);
        return Math.rint(v * scale) / scale;
    }

    private static final double[] POWERS_OF_TEN = {1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8};
}
