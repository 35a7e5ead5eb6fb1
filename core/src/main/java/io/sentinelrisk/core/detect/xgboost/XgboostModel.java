package io.sentinelrisk.core.detect.xgboost;

import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.detect.FittedDetector;
import io.sentinelrisk.core.detect.support.BatchScoring;
import io.sentinelrisk.core.error.SentinelException;
import io.sentinelrisk.core.util.Parallel;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoostError;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A fitted XGBoost booster that is only read: in-place prediction is thread-safe in XGBoost,
 * the other queries are serialised here. Its bundle part, the model in XGBoost's JSON format,
 * is the bytes it was loaded from, or, for a freshly trained booster, made when first asked
 * for (a bundle is not always written, and a fit should not pay for it). Features are passed as
 * 32-bit floats, as XGBoost stores them.
 */
public final class XgboostModel implements FittedDetector {
    private final Booster booster;
    private final int d;
    private byte[] bytes;

    private XgboostModel(Booster booster, byte[] bytes, int d) {
        this.booster = booster;
        this.bytes = bytes;
        this.d = d;
    }

    /** A model of a booster loaded from {@code bytes}. */
    static XgboostModel loaded(Booster booster, byte[] bytes) throws XGBoostError {
        return of(booster, bytes.clone());
    }

    /** A model of a booster just trained. */
    static XgboostModel trained(Booster booster) throws XGBoostError {
        return of(booster, null);
    }

    private static XgboostModel of(Booster booster, byte[] bytes) throws XGBoostError {
        int d = (int) booster.getNumFeature();
        if (d < 1) {
            throw new XGBoostError("the model has no features");
        }
        // each scoring chunk runs on one of the pipeline's threads
        booster.setParam("nthread", 1);
        return new XgboostModel(booster, bytes, d);
    }

    static float[] toFloats(double[] v, int from, int to) {
        float[] f = new float[to - from];
        for (int i = from; i < to; i++) {
            f[i - from] = (float) v[i];
        }
        return f;
    }

    @Override
    public String type() {
        return XgboostFactory.TYPE;
    }

    @Override
    public int featureCount() {
        return d;
    }

    /** The model in XGBoost's JSON format (what the bundle stores). */
    public synchronized byte[] modelBytes() {
        if (bytes == null) {
            try {
                bytes = booster.toByteArray("json");
            } catch (XGBoostError e) {
                throw new SentinelException("xgboost: saving the model failed: " + XgboostFactory.firstLine(e.getMessage()), e);
            }
        }
        return bytes.clone();
    }

    @Override
    public double score(double[] row) {
        BatchScoring.checkFeatures(type(), d, row.length);
        return predict(toFloats(row, 0, d), 1)[0];
    }

    @Override
    public void score(Matrix x, double[] out, int threads) {
        BatchScoring.checkFeatures(type(), d, x.cols());
        Parallel.forRange(x.rows(), threads, 1024, (from, to) -> {
            double[] p = predict(toFloats(x.data(), from * d, to * d), to - from);
            System.arraycopy(p, 0, out, from, to - from);
        });
    }

    private double[] predict(float[] rows, int n) {
        try {
            float[][] p = booster.inplace_predict(rows, n, d, Float.NaN);
            double[] out = new double[n];
            for (int i = 0; i < n; i++) {
                out[i] = p[i][0];
            }
            return out;
        } catch (XGBoostError e) {
            throw new SentinelException("xgboost: prediction failed: " + XgboostFactory.firstLine(e.getMessage()), e);
        }
    }

    /**
     * Feature importance: feature index → importance of {@code importanceType} ({@code gain},
     * {@code weight}, {@code cover}, {@code total_gain}, {@code total_cover}), normalised to sum
     * to 1 as XGBClassifier's {@code feature_importances_}; features never split on get 0.
     */
    public synchronized Map<Integer, Double> featureImportance(String importanceType) {
        String[] names = new String[d];
        for (int j = 0; j < d; j++) {
            names[j] = "f" + j;
        }
        Map<String, Double> raw;
        try {
            raw = booster.getScore(names, importanceType);
        } catch (XGBoostError e) {
            throw new SentinelException("xgboost: feature importance failed: " + XgboostFactory.firstLine(e.getMessage()), e);
        }
        double total = 0;
        for (double v : raw.values()) {
            total += v;
        }
        Map<Integer, Double> m = new LinkedHashMap<>();
        for (int j = 0; j < d; j++) {
            double v = raw.getOrDefault(names[j], 0.0);
            m.put(j, total > 0 ? v / total : 0.0);
        }
        return m;
    }

    /** {@link #featureImportance(String)} by average gain, XGBClassifier's default. */
    public Map<Integer, Double> featureImportance() {
        return featureImportance("gain");
    }

    /**
     * TreeSHAP contributions ({@code Booster.predictContrib}): one row per input row,
     * {@code featureCount() + 1} columns, the last the bias; each row sums to the log-odds of
     * its anomaly probability.
     */
    public synchronized Matrix shapContributions(Matrix x) {
        BatchScoring.checkFeatures(type(), d, x.cols());
        DMatrix m = null;
        try {
            m = new DMatrix(toFloats(x.data(), 0, x.data().length), x.rows(), d, Float.NaN);
            float[][] c = booster.predictContrib(m, 0);
            double[] out = new double[x.rows() * (d + 1)];
            for (int i = 0; i < x.rows(); i++) {
                for (int j = 0; j <= d; j++) {
                    out[i * (d + 1) + j] = c[i][j];
                }
            }
            return new Matrix(x.rows(), d + 1, out);
        } catch (XGBoostError e) {
            throw new SentinelException("xgboost: SHAP contributions failed: " + XgboostFactory.firstLine(e.getMessage()), e);
        } finally {
            if (m != null) {
                m.dispose();
            }
        }
    }
}
