package libsvm;

import io.sentinelrisk.core.util.Parallel;

/**
 * LIBSVM's one-class SVM solver ({@link Solver}, with its kernel {@link Cache}) over rows held
 * in one dense {@code double[]}.
 *
 * <p>Why this class lives in LIBSVM's package: the solver and the cache are package-private, and
 * LIBSVM's own kernel ({@code ONE_CLASS_Q}) reads rows as arrays of {@code svm_node} objects,
 * one object per value, which makes kernel evaluation, the bulk of the work, several times
 * slower than LIBSVM's C code. This kernel computes the same values in the same order (a dense
 * dot product equals LIBSVM's sparse one when every index is present), so the solver takes the
 * same steps and returns the same coefficients as {@code svm.svm_train}; only faster, and it
 * may fill a long kernel column on several threads.
 */
public final class DenseOneClassSolver {
    /** What the solver found: one coefficient per training row (0 for non-support vectors) and rho. */
    public record Solution(double[] alpha, double rho) {
    }

    private DenseOneClassSolver() {
    }

    /**
     * Solves the one-class problem of {@code n} rows of {@code d} values ({@code x}, row-major);
     * the kernel and solver settings are LIBSVM's ({@code svm_parameter}'s kernel_type, degree,
     * gamma, coef0, nu, eps, cache_size and shrinking).
     */
    public static Solution solve(double[] x, int n, int d, svm_parameter p, int threads) {
        double[] alpha = new double[n];
        // LIBSVM's starting point (svm.solve_one_class): the first nu·n coefficients at the
        // upper bound 1, the next one holding the fractional rest
        int atBound = (int) (p.nu * n);
        for (int i = 0; i < atBound; i++) {
            alpha[i] = 1;
        }
        if (atBound < n) {
            alpha[atBound] = p.nu * n - atBound;
        }
        byte[] ones = new byte[n];
        java.util.Arrays.fill(ones, (byte) 1);
        Solver.SolutionInfo info = new Solver.SolutionInfo();
        new Solver().Solve(n, new DenseOneClassQ(x, n, d, p, threads), new double[n], ones, alpha, 1.0, 1.0, p.eps, info,
                p.shrinking);
        return new Solution(alpha, info.rho);
    }

    /**
     * The kernel matrix of one-class SVM (Q = K), columns computed on demand and cached. The rows
     * are also kept feature-major in solver order, so that a column's dot products run over
     * contiguous memory, many rows at once (vectorised by the JIT), while each dot product still
     * adds its terms in LIBSVM's order: the values are LIBSVM's to the last bit.
     */
    private static final class DenseOneClassQ extends QMatrix {
        private static final int MIN_PARALLEL_CHUNK = 2048;
        private static final int BLOCK = 512;

        private final int n;
        private final int d;
        private final int kernelType;
        private final int degree;
        private final double gamma;
        private final double coef0;
        private final int threads;
        /** {@code byPosition[k * n + i]}: feature k of the row at solver position i. */
        private final double[] byPosition;
        private final double[] square;
        private final double[] diagonal;
        private final Cache cache;

        DenseOneClassQ(double[] x, int n, int d, svm_parameter p, int threads) {
            this.n = n;
            this.d = d;
            this.kernelType = p.kernel_type;
            this.degree = p.degree;
            this.gamma = p.gamma;
            this.coef0 = p.coef0;
            this.threads = threads;
            this.byPosition = new double[n * d];
            this.square = new double[n];
            this.diagonal = new double[n];
            for (int i = 0; i < n; i++) {
                double sum = 0;
                for (int k = 0; k < d; k++) {
                    double v = x[i * d + k];
                    byPosition[k * n + i] = v;
                    sum += v * v;
                }
                square[i] = sum;
            }
            double[] value = new double[1];
            for (int i = 0; i < n; i++) {
                dots(i, i, i + 1, value);
                diagonal[i] = kernel(i, i, value[0]);
            }
            this.cache = new Cache(n, (long) (p.cache_size * (1 << 20)));
        }

        /** {@code out[j - from]} = the dot product of positions i and j, for j in [from, to). */
        private void dots(int i, int from, int to, double[] out) {
            int len = to - from;
            java.util.Arrays.fill(out, 0, len, 0.0);
            for (int k = 0; k < d; k++) {
                int feature = k * n;
                double xi = byPosition[feature + i];
                for (int j = 0; j < len; j++) {
                    out[j] += xi * byPosition[feature + from + j];
                }
            }
        }

        /** LIBSVM's Kernel.kernel_function for positions i and j, given their dot product. */
        private double kernel(int i, int j, double dot) {
            return switch (kernelType) {
                case svm_parameter.LINEAR -> dot;
                case svm_parameter.POLY -> powi(gamma * dot + coef0, degree);
                case svm_parameter.RBF -> Math.exp(-gamma * (square[i] + square[j] - 2 * dot));
                case svm_parameter.SIGMOID -> Math.tanh(gamma * dot + coef0);
                default -> throw new IllegalArgumentException("unsupported kernel type " + kernelType);
            };
        }

        /** LIBSVM's powi: base^times by squaring, in its order of multiplications. */
        private static double powi(double base, int times) {
            double tmp = base;
            double ret = 1.0;
            for (int t = times; t > 0; t /= 2) {
                if (t % 2 == 1) {
                    ret *= tmp;
                }
                tmp = tmp * tmp;
            }
            return ret;
        }

        @Override
        float[] get_Q(int i, int len) {
            float[][] data = new float[1][];
            int start = cache.get_data(i, data, len);
            float[] column = data[0];
            if (start < len) {
                Parallel.forRange(len - start, threads, MIN_PARALLEL_CHUNK, (from, to) -> {
                    double[] dot = new double[Math.min(BLOCK, to - from)];
                    for (int b = start + from; b < start + to; b += BLOCK) {
                        int end = Math.min(b + BLOCK, start + to);
                        dots(i, b, end, dot);
                        for (int j = b; j < end; j++) {
                            column[j] = (float) kernel(i, j, dot[j - b]);
                        }
                    }
                });
            }
            return column;
        }

        @Override
        double[] get_QD() {
            return diagonal;
        }

        @Override
        void swap_index(int i, int j) {
            cache.swap_index(i, j);
            for (int k = 0; k < d; k++) {
                swap(byPosition, k * n + i, k * n + j);
            }
            swap(square, i, j);
            swap(diagonal, i, j);
        }

        private static void swap(double[] a, int i, int j) {
            double t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
