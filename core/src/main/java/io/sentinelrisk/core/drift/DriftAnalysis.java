package io.sentinelrisk.core.drift;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Compares a {@link DriftWindow} with its training profile (docs/drift.md).
 *
 * <p>PSI: {@code sum over bins of (new - train) * ln(new / train)}, over the training deciles (numbers)
 * or categories (plus "other"), with missing values as one more bin; shares are floored at
 * {@link #EPSILON} so an empty bin counts as rare, not infinite. KS (numbers): the largest gap
 * between the window's empirical CDF and the training CDF (linear between training percentiles,
 * so exact to 0.01), with the asymptotic two-sample p-value of the Kolmogorov distribution.
 */
public final class DriftAnalysis {
    /** Fewer rows than this give {@link Verdict#INSUFFICIENT_DATA}: a PSI over ten bins needs about ten rows a bin. */
    public static final int MIN_ROWS = 100;
    static final double EPSILON = 1e-4;

    private DriftAnalysis() {
    }

    public static DriftReport report(DriftWindow window) {
        TrainingProfile profile = window.profile();
        int n = window.size();
        List<ColumnDrift> columns = new ArrayList<>();
        List<String> drifted = new ArrayList<>();
        Verdict worst = n < MIN_ROWS ? Verdict.INSUFFICIENT_DATA : Verdict.STABLE;
        for (int k = 0; k < profile.columns().size(); k++) {
            ColumnDrift d = drift(profile.columns().get(k), window.column(k), n);
            columns.add(d);
            if (d.verdict().compareTo(Verdict.STABLE) > 0) {
                drifted.add(d.column());
            }
            worst = worst.compareTo(d.verdict()) >= 0 ? worst : d.verdict();
        }
        ColumnDrift score = drift(profile.score(), window.scores(), n);
        worst = worst.compareTo(score.verdict()) >= 0 ? worst : score.verdict();
        return new DriftReport(n, profile.score().rows(), worst, drifted, DriftReport.Thresholds.DEFAULT, score, columns);
    }

    private static ColumnDrift drift(ColumnProfile p, double[] values, int n) {
        return switch (p) {
            case ColumnProfile.Numeric num -> numeric(num, values, n);
            case ColumnProfile.Categorical cat -> categorical(cat, values, n);
        };
    }

    private static ColumnDrift numeric(ColumnProfile.Numeric p, double[] values, int n) {
        double[] present = Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
        double[] trainBins = p.binShares();
        long[] counts = new long[trainBins.length];
        for (double v : present) {
            counts[p.bin(v)]++;
        }
        double missing = n == 0 ? 0 : (n - present.length) / (double) n;
        double[] expected = new double[counts.length + 1];
        double[] actual = new double[counts.length + 1];
        for (int b = 0; b < counts.length; b++) {
            expected[b] = trainBins[b] * (1 - p.missingShare());
            actual[b] = n == 0 ? 0 : counts[b] / (double) n;
        }
        expected[counts.length] = p.missingShare();
        actual[counts.length] = missing;
        double psi = psi(expected, actual);
        Double ks = null;
        Double pValue = null;
        if (present.length > 0 && p.quantiles().length > 0) {
            double d = ks(p, present);
            long trainPresent = Math.round(p.rows() * (1 - p.missingShare()));
            ks = d;
            pValue = kolmogorovPValue(d, trainPresent, present.length);
        }
        return new ColumnDrift(p.column(), "numeric", psi, ks, pValue, p.missingShare(), missing, verdict(psi, n));
    }

    private static ColumnDrift categorical(ColumnProfile.Categorical p, double[] bins, int n) {
        List<String> categories = p.categories();
        int other = categories.size();
        long[] counts = new long[other + 2];   // categories, other, missing
        for (double b : bins) {
            counts[b < 0 ? other + 1 : (int) b]++;
        }
        double[] expected = new double[counts.length];
        double[] actual = new double[counts.length];
        double present = 1 - p.missingShare();
        for (int i = 0; i < other; i++) {
            expected[i] = p.shares().get(categories.get(i)) * present;
        }
        expected[other] = p.otherShare() * present;
        expected[other + 1] = p.missingShare();
        for (int i = 0; i < counts.length; i++) {
            actual[i] = n == 0 ? 0 : counts[i] / (double) n;
        }
        double psi = psi(expected, actual);
        return new ColumnDrift(p.column(), "categorical", psi, null, null, p.missingShare(), actual[other + 1], verdict(psi, n));
    }

    private static Verdict verdict(double psi, int n) {
        return n < MIN_ROWS ? Verdict.INSUFFICIENT_DATA : Verdict.of(psi);
    }

    /** The population stability index of two share vectors over the same bins. */
    static double psi(double[] expected, double[] actual) {
        double sum = 0;
        for (int i = 0; i < expected.length; i++) {
            if (expected[i] == 0 && actual[i] == 0) {
                continue;   // a bin neither side has (no missing values, say) says nothing
            }
            double e = Math.max(expected[i], EPSILON);
            double a = Math.max(actual[i], EPSILON);
            sum += (a - e) * Math.log(a / e);
        }
        return sum;
    }

    /** The KS statistic between the sorted present values and the profile's training CDF. */
    static double ks(ColumnProfile.Numeric p, double[] sorted) {
        int m = sorted.length;
        double d = 0;
        int i = 0;
        while (i < m) {
            int j = i;
            while (j + 1 < m && sorted[j + 1] == sorted[i]) {
                j++;
            }
            double f = p.cdf(sorted[i]);
            d = Math.max(d, Math.max(Math.abs((j + 1) / (double) m - f), Math.abs(i / (double) m - f)));
            i = j + 1;
        }
        return d;
    }

    /**
     * The asymptotic p-value of a two-sample KS statistic {@code d} of samples of {@code n} and
     * {@code m} values: {@code Q_KS((sqrt(ne) + 0.12 + 0.11 / sqrt(ne)) * d)} with {@code ne = n m / (n + m)}
     * (Stephens' correction, as in Numerical Recipes).
     */
    static double kolmogorovPValue(double d, long n, long m) {
        if (n <= 0 || m <= 0) {
            return 1;
        }
        double ne = Math.sqrt((double) n * m / (n + m));
        double lambda = (ne + 0.12 + 0.11 / ne) * d;
        if (lambda < 0.2) {
            return 1;
        }
        double sum = 0;
        for (int j = 1; j <= 100; j++) {
            double term = Math.exp(-2.0 * j * j * lambda * lambda);
            sum += (j % 2 == 1 ? term : -term);
            if (term < 1e-12) {
                break;
            }
        }
        return Math.max(0, Math.min(1, 2 * sum));
    }
}
