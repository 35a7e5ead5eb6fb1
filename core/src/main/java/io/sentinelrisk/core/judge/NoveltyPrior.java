package io.sentinelrisk.core.judge;

import io.sentinelrisk.core.data.Matrix;

import java.util.List;

/**
 * The judge's novelty prior: a logistic model (Platt scaling) of the probability that a row is an
 * anomaly given only its novelty signals — the log of the autoencoder's reconstruction error and
 * each unsupervised detector's score. The booster learns which attack kinds the labels show and
 * gives a row of a kind it never saw a probability near 0 (such rows look normal on the features
 * that separate the known kinds); the novelty signals say nothing of the kind, so their calibrated
 * probability stays high for any row the detectors find odd. The judge's probability is the
 * noisy-OR of the two: {@code 1 - (1 - p_booster) (1 - p_novelty)}.
 *
 * @param inputs  judge input names the model reads ({@link HybridJudge#AE_ERROR} first, then {@code score:<detector>})
 * @param weights one weight per input
 * @param bias    the intercept (log-odds of a row whose signals are all 0)
 */
public record NoveltyPrior(List<String> inputs, double[] weights, double bias) {
    /** The weights, one per input (a copy). */
    @Override
    public double[] weights() {
        return weights.clone();
    }

    /** Floor of the reconstruction error before its log (an exact reconstruction). */
    static final double ERROR_FLOOR = 1e-12;

    public NoveltyPrior {
        inputs = List.copyOf(inputs);
        weights = weights.clone();
        if (weights.length != inputs.size()) {
            throw new IllegalArgumentException(weights.length + " weights for " + inputs.size() + " novelty inputs");
        }
        for (double w : weights) {
            if (!Double.isFinite(w)) {
                throw new IllegalArgumentException("novelty weights must be finite");
            }
        }
        if (!Double.isFinite(bias)) {
            throw new IllegalArgumentException("novelty bias must be finite");
        }
    }

    /** The novelty signal {@code v} of input {@code name} as the model reads it. */
    static double transform(String name, double v) {
        return name.equals(HybridJudge.AE_ERROR) ? Math.log(Math.max(ERROR_FLOOR, v)) : v;
    }

    /** The columns of the judge's inputs ({@code inputNames}) this model reads. */
    int[] columns(List<String> inputNames) {
        int[] c = new int[inputs.size()];
        for (int i = 0; i < c.length; i++) {
            c[i] = inputNames.indexOf(inputs.get(i));
            if (c[i] < 0) {
                throw new IllegalArgumentException("novelty input " + inputs.get(i) + " is not a judge input");
            }
        }
        return c;
    }

    /** The novelty probability of each row of judge inputs. */
    double[] probability(Matrix judgeInputs, int[] columns) {
        double[] out = logOdds(judgeInputs, columns);
        for (int r = 0; r < out.length; r++) {
            out[r] = 1 / (1 + Math.exp(-out[r]));
        }
        return out;
    }

    /** The novelty log-odds of each row of judge inputs (the logit of {@link #probability}). */
    double[] logOdds(Matrix judgeInputs, int[] columns) {
        double[] out = new double[judgeInputs.rows()];
        for (int r = 0; r < out.length; r++) {
            double z = bias;
            for (int i = 0; i < columns.length; i++) {
                z += weights[i] * transform(inputs.get(i), judgeInputs.get(r, columns[i]));
            }
            out[r] = z;
        }
        return out;
    }

    /**
     * Fits the prior on labelled rows of judge inputs by Newton's method (iteratively reweighted
     * least squares) with a small ridge penalty on the weights, standardising the signals first so
     * the penalty treats them alike. Every weight is kept at 0 or above: each signal is "higher =
     * odder", and a negative weight would teach the prior that a row odd in that way is normal. That
     * holds at best for the attack kinds the labels show (measured: with the isolation forest, ECOD
     * and k-NN scores, the prior fitted on card testing and foreign sprees gave the isolation
     * forest weight −4.2 and missed high-value fraud it had not seen), never for the unseen kinds
     * the prior is there for. So an input whose weight comes out negative is dropped (weight 0) and
     * the rest refitted, most negative first, until none is (an active-set method for the
     * non-negative fit). Deterministic: fixed iteration order, no randomness.
     */
    static NoveltyPrior fit(Matrix judgeInputs, int[] labels, List<String> inputNames, List<String> inputs) {
        NoveltyPrior shape = new NoveltyPrior(inputs, new double[inputs.size()], 0);
        int[] cols = shape.columns(inputNames);
        int n = judgeInputs.rows();
        int k = cols.length;
        double[][] x = new double[n][k];
        double[] mean = new double[k];
        double[] sd = new double[k];
        for (int r = 0; r < n; r++) {
            for (int i = 0; i < k; i++) {
                x[r][i] = transform(inputs.get(i), judgeInputs.get(r, cols[i]));
                mean[i] += x[r][i];
            }
        }
        for (int i = 0; i < k; i++) {
            mean[i] /= Math.max(1, n);
            for (int r = 0; r < n; r++) {
                sd[i] += (x[r][i] - mean[i]) * (x[r][i] - mean[i]);
            }
            sd[i] = Math.sqrt(sd[i] / Math.max(1, n));
            sd[i] = sd[i] > 0 ? sd[i] : 1;
            for (int r = 0; r < n; r++) {
                x[r][i] = (x[r][i] - mean[i]) / sd[i];
            }
        }
        boolean[] active = new boolean[k];
        java.util.Arrays.fill(active, true);
        double[] beta;
        while (true) {
            beta = newton(x, labels, active, 1e-3 * Math.max(1, n));
            int worst = -1;
            for (int i = 0; i < k; i++) {
                if (active[i] && beta[i + 1] < 0 && (worst < 0 || beta[i + 1] < beta[worst + 1])) {
                    worst = i;
                }
            }
            if (worst < 0) {
                break;
            }
            active[worst] = false;
        }
        double[] weights = new double[k];
        double bias = beta[0];
        for (int i = 0; i < k; i++) {
            weights[i] = beta[i + 1] / sd[i];
            bias -= weights[i] * mean[i];
        }
        return new NoveltyPrior(inputs, weights, bias);
    }

    /**
     * Ridge-penalised logistic regression of {@code labels} on the standardised columns of {@code x}
     * marked {@code active} (the others keep weight 0): {@code beta[0]} the intercept,
     * {@code beta[1 + i]} column i's weight.
     */
    private static double[] newton(double[][] x, int[] labels, boolean[] active, double ridge) {
        int n = x.length;
        int k = active.length;
        double[] beta = new double[k + 1];
        for (int iter = 0; iter < 50; iter++) {
            double[] grad = new double[k + 1];
            double[][] hess = new double[k + 1][k + 1];
            for (int r = 0; r < n; r++) {
                double z = beta[0];
                for (int i = 0; i < k; i++) {
                    z += beta[i + 1] * x[r][i];
                }
                double p = 1 / (1 + Math.exp(-z));
                double w = Math.max(p * (1 - p), 1e-12);
                double e = labels[r] - p;
                for (int a = 0; a <= k; a++) {
                    if (a > 0 && !active[a - 1]) {
                        continue;
                    }
                    double xa = a == 0 ? 1 : x[r][a - 1];
                    grad[a] += e * xa;
                    for (int b = 0; b <= k; b++) {
                        if (b > 0 && !active[b - 1]) {
                            continue;
                        }
                        hess[a][b] += w * xa * (b == 0 ? 1 : x[r][b - 1]);
                    }
                }
            }
            for (int a = 1; a <= k; a++) {
                if (active[a - 1]) {
                    grad[a] -= ridge * beta[a];
                    hess[a][a] += ridge;
                } else {
                    hess[a][a] = 1;   // an inactive weight: the identity row keeps its step 0
                }
            }
            double[] step = solve(hess, grad);
            double size = 0;
            for (int a = 0; a <= k; a++) {
                beta[a] += step[a];
                size = Math.max(size, Math.abs(step[a]));
            }
            if (size < 1e-9) {
                break;
            }
        }
        return beta;
    }

    /** Solves {@code a x = b} by Gaussian elimination with partial pivoting (a is small and positive definite). */
    private static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] m = new double[n][];
        for (int i = 0; i < n; i++) {
            m[i] = java.util.Arrays.copyOf(a[i], n + 1);
            m[i][n] = b[i];
        }
        for (int c = 0; c < n; c++) {
            int p = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(m[r][c]) > Math.abs(m[p][c])) {
                    p = r;
                }
            }
            double[] t = m[c];
            m[c] = m[p];
            m[p] = t;
            if (m[c][c] == 0) {
                return new double[n];
            }
            for (int r = c + 1; r < n; r++) {
                double f = m[r][c] / m[c][c];
                for (int j = c; j <= n; j++) {
                    m[r][j] -= f * m[c][j];
                }
            }
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = m[i][n];
            for (int j = i + 1; j < n; j++) {
                s -= m[i][j] * x[j];
            }
            x[i] = s / m[i][i];
        }
        return x;
    }
}
