package io.sentinelrisk.core.detect.iforest;

/**
 * The arithmetic of isolation forests (Liu, Ting, Zhou 2008), defined exactly as scikit-learn's
 * {@code IsolationForest} defines it, so that scores can be compared one to one.
 *
 * <p>{@link #averagePathLength(long) c(n)} is the average path length of an unsuccessful search
 * in a binary search tree of {@code n} keys; it normalises path lengths and completes the path of
 * a row that ends in a leaf still holding {@code n} training samples. StrictMath (and
 * {@link Exp2}, bit for bit {@code StrictMath.pow(2.0, y)}) keeps the results identical on every
 * platform.
 */
public final class PathLength {
    /** The Euler–Mascheroni constant γ (numpy's {@code euler_gamma}). */
    public static final double EULER_GAMMA = 0.5772156649015329;

    private PathLength() {
    }

    /**
     * c(n): 0 for n ≤ 1, 1 for n = 2, otherwise {@code 2 (ln(n - 1) + γ) - 2 (n - 1) / n}.
     */
    public static double averagePathLength(long n) {
        if (n <= 1) {
            return 0.0;
        }
        if (n == 2) {
            return 1.0;
        }
        double m = n - 1.0;
        return 2.0 * (StrictMath.log(m) + EULER_GAMMA) - 2.0 * m / n;
    }

    /** The depth limit of a tree grown on {@code psi} samples: {@code ceil(log2(max(psi, 2)))}. */
    public static int maxDepth(int psi) {
        int p = Math.max(psi, 2);
        // ceil(log2(p)) for p >= 2, exactly (no floating point): bits needed for p - 1.
        return 32 - Integer.numberOfLeadingZeros(p - 1);
    }

    /**
     * The anomaly score s = 2^(-E(h) / c(psi)) from the sum of the path lengths of a row over
     * {@code trees} trees. As scikit-learn does, the sum is divided by {@code trees * c(psi)} in
     * one step, and a forest of single-sample trees (c = 0) scores 0.5.
     */
    public static double score(double pathSum, int trees, int psi) {
        return score(pathSum, trees * averagePathLength(psi));
    }

    /** {@link #score(double, int, int)} with its denominator {@code trees * c(psi)} given. */
    static double score(double pathSum, double denominator) {
        return denominator == 0.0 ? 0.5 : Exp2.of(-(pathSum / denominator));
    }
}
