package io.sentinelrisk.core.detect.hbos;

import io.sentinelrisk.core.codec.BinaryReader;
import io.sentinelrisk.core.codec.BinaryWriter;
import io.sentinelrisk.core.config.ParamSpec;
import io.sentinelrisk.core.config.Params;
import io.sentinelrisk.core.detect.DetectorFactory;
import io.sentinelrisk.core.detect.DetectorTrainer;
import io.sentinelrisk.core.detect.FittedDetector;
import io.sentinelrisk.core.detect.support.ParamChecks;

import java.util.List;

/**
 * {@code hbos}: Histogram-based Outlier Score (Goldstein and Dengel, 2012) with PyOD's semantics.
 * Each feature gets an equal-width histogram; a row's score is {@code -Σ log2(density + alpha)}
 * over its features' bins.
 */
public final class HbosFactory implements DetectorFactory {
    public static final String TYPE = "hbos";
    static final String MAGIC = "HBOS";
    static final int VERSION = 1;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String description() {
        return "Histogram-based Outlier Score: per-feature equal-width histograms, score = -sum log2(density + alpha) (PyOD HBOS)";
    }

    @Override
    public List<ParamSpec> params() {
        return List.of(
                ParamSpec.ofNumberOr("n_bins", 10, "bins per feature (≥ 2), or auto: chosen per feature by the "
                        + "Birgé-Rozenholc penalised likelihood, as PyOD's n_bins='auto'", "auto"),
                ParamSpec.ofDouble("alpha", 0.1, "added to every bin density before the log, so that empty bins "
                        + "do not give infinite scores"),
                ParamSpec.ofDouble("tol", 0.5, "a value outside the training range by at most tol × bin width "
                        + "is scored with the edge bin; beyond that with the emptiest bin"));
    }

    @Override
    public DetectorTrainer trainer(Params params, long seed) {
        ParamChecks checks = ParamChecks.of(params, TYPE);
        Object nBins = params.get("n_bins");
        int bins;
        if (nBins instanceof Number n) {
            double v = n.doubleValue();
            if (v != Math.rint(v) || v < 2 || v > 1_000_000) {
                throw checks.fail("n_bins", "an integer in [2, 1000000] or auto", ParamChecks.fmt(v));
            }
            bins = (int) v;
        } else {
            bins = HbosTrainer.AUTO_BINS;
        }
        double alpha = checks.doubleAtLeast("alpha", 0, false);
        double tol = checks.doubleAtLeast("tol", 0, true);
        return new HbosTrainer(bins, alpha, tol);
    }

    @Override
    public byte[] encode(FittedDetector model) {
        HbosModel m = (HbosModel) model;
        BinaryWriter w = new BinaryWriter(MAGIC, VERSION);
        w.writeInt(m.featureCount()).writeDouble(m.tol());
        for (int j = 0; j < m.featureCount(); j++) {
            w.writeDoubles(m.edges(j)).writeDoubles(m.logDensities(j));
        }
        return w.toByteArray();
    }

    @Override
    public FittedDetector decode(byte[] bytes, String partName) {
        BinaryReader r = new BinaryReader(bytes, partName, MAGIC, VERSION);
        int d = r.readInt();
        double tol = r.readDouble();
        if (d < 0 || d > bytes.length || !(tol >= 0)) {
            throw r.corrupt("bad header (features " + d + ", tol " + tol + ")");
        }
        double[][] edges = new double[d][];
        double[][] logs = new double[d][];
        for (int j = 0; j < d; j++) {
            edges[j] = r.readDoubles();
            logs[j] = r.readDoubles();
            if (logs[j].length < 1 || edges[j].length != logs[j].length + 1) {
                throw r.corrupt("feature " + j + " has " + edges[j].length + " edges for " + logs[j].length + " bins");
            }
            for (int k = 0; k < edges[j].length; k++) {
                if (!Double.isFinite(edges[j][k]) || (k > 0 && edges[j][k] < edges[j][k - 1])) {
                    throw r.corrupt("feature " + j + " has bin edges that are not finite and ascending");
                }
            }
        }
        r.expectEnd();
        return new HbosModel(edges, logs, tol);
    }
}
