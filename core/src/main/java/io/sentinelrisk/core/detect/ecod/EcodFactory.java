package io.sentinelrisk.core.detect.ecod;

import io.sentinelrisk.core.codec.BinaryReader;
import io.sentinelrisk.core.codec.BinaryWriter;
import io.sentinelrisk.core.config.ParamSpec;
import io.sentinelrisk.core.config.Params;
import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.detect.DetectorFactory;
import io.sentinelrisk.core.detect.DetectorTrainer;
import io.sentinelrisk.core.detect.FittedDetector;
import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.util.Parallel;

import java.util.Arrays;
import java.util.List;

/**
 * {@code ecod}: Empirical-Cumulative-distribution-based Outlier Detection (Li et al., 2022) with
 * PyOD's semantics. Parameter-free.
 */
public final class EcodFactory implements DetectorFactory {
    public static final String TYPE = "ecod";
    private static final String MAGIC = "ECOD";
    private static final int VERSION = 1;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String description() {
        return "Empirical-CDF-based outlier detection: sum over features of the larger tail -log probability (PyOD ECOD); no parameters";
    }

    @Override
    public List<ParamSpec> params() {
        return List.of();
    }

    @Override
    public DetectorTrainer trainer(Params params, long seed) {
        return EcodFactory::fit;
    }

    private static FittedDetector fit(Matrix x, int[] labels, int threads) {
        int n = x.rows();
        int d = x.cols();
        if (n < 1) {
            throw new InputException("ecod: needs at least 1 training row, found 0");
        }
        double[][] sorted = new double[d][];
        int[] skewSign = new int[d];
        Parallel.forRange(d, threads, 1, (from, to) -> {
            for (int j = from; j < to; j++) {
                double[] col = new double[n];
                for (int i = 0; i < n; i++) {
                    col[i] = x.data()[i * d + j];
                }
                skewSign[j] = skewSign(col);
                Arrays.sort(col);
                sorted[j] = col;
            }
        });
        return new EcodModel(sorted, skewSign);
    }

    /**
     * The sign of the biased sample skewness ({@code scipy.stats.skew}). A constant feature has
     * no skewness (scipy: NaN, which makes PyOD's scores NaN); here it counts as 0.
     */
    static int skewSign(double[] col) {
        int n = col.length;
        double mean = 0;
        for (double v : col) {
            mean += v;
        }
        mean /= n;
        double m2 = 0;
        double m3 = 0;
        for (double v : col) {
            double dv = v - mean;
            m2 += dv * dv;
            m3 += dv * dv * dv;
        }
        m2 /= n;
        m3 /= n;
        double resolution = 1e-15 * mean;
        if (m2 <= resolution * resolution) {
            return 0;
        }
        return (int) Math.signum(m3 / Math.pow(m2, 1.5));
    }

    @Override
    public byte[] encode(FittedDetector model) {
        EcodModel m = (EcodModel) model;
        BinaryWriter w = new BinaryWriter(MAGIC, VERSION);
        w.writeInt(m.featureCount());
        for (int j = 0; j < m.featureCount(); j++) {
            w.writeInt(m.skewSign(j)).writeDoubles(m.sortedColumn(j));
        }
        return w.toByteArray();
    }

    @Override
    public FittedDetector decode(byte[] bytes, String partName) {
        BinaryReader r = new BinaryReader(bytes, partName, MAGIC, VERSION);
        int d = r.readInt();
        if (d < 0 || d > bytes.length) {
            throw r.corrupt("bad feature count " + d);
        }
        double[][] sorted = new double[d][];
        int[] skew = new int[d];
        int n = -1;
        for (int j = 0; j < d; j++) {
            skew[j] = r.readInt();
            sorted[j] = r.readDoubles();
            if (skew[j] < -1 || skew[j] > 1) {
                throw r.corrupt("feature " + j + " has skewness sign " + skew[j]);
            }
            if (n >= 0 && sorted[j].length != n || sorted[j].length == 0) {
                throw r.corrupt("feature " + j + " has " + sorted[j].length + " training values, expected " + n);
            }
            n = sorted[j].length;
            for (int i = 1; i < n; i++) {
                if (!(sorted[j][i - 1] <= sorted[j][i])) {
                    throw r.corrupt("feature " + j + " values are not sorted");
                }
            }
        }
        r.expectEnd();
        return new EcodModel(sorted, skew);
    }
}
