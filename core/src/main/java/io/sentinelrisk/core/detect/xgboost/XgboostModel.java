package io.sentinelrisk.core.detect.xgboost;

import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.detect.FittedDetector;
import io.sentinelrisk.core.detect.HasFeatureAttributions;
import io.sentinelrisk.core.detect.TreeEnsemble;
import io.sentinelrisk.core.detect.support.BatchScoring;
import io.sentinelrisk.core.error.SentinelException;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoostError;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A fitted XGBoost booster that is only read. Every call into it runs on {@link XgboostThread},
 * so calls never overlap. A batch is predicted in one call on XGBoost's own threads, as the
 * Python package does. Its bundle part, the model in XGBoost's JSON format, is the bytes it was
 * loaded from, or, for a freshly trained booster, made when first asked for (a bundle is not
 * always written, and a fit should not pay for it). Features are passed as 32-bit floats, as
 * XGBoost stores them.
 */
public final class XgboostModel implements FittedDetector, TreeEnsemble, HasFeatureAttributions {
    /**
     * XGBoost 3.1+ writes the intercept as a one-element array ({@code "base_score":"[2.9E-1]"});
     * XGBoost before 3.1 (Debian's Python XGBoost is 1.7) misreads it and predicts wrongly.
     */
    private static final Pattern ONE_INTERCEPT = Pattern.compile("\"base_score\":\"\\[([^\\],\"]*)\\]\"");
    private final Booster booster;
    private final int d;
    /** The model's JSON (null until made); used on {@link XgboostThread} only. */
    private byte[] bytes;
    /** The booster's {@code nthread} (0: not known); used on {@link XgboostThread} only. */
    private int boosterThreads;

    private XgboostModel(Booster booster, byte[] bytes, int d, int threads) {
        this.booster = booster;
        this.bytes = bytes;
        this.d = d;
        this.boosterThreads = threads;
    }

    /**
     * A model of a booster loaded from {@code bytes}; its thread count is set by the first batch.
     * Call on {@link XgboostThread}.
     */
    static XgboostModel loaded(Booster booster, byte[] bytes) throws XGBoostError {
        return of(booster, bytes.clone(), 0);
    }

    /**
     * A model of a booster just trained on {@code threads} threads, which it keeps for scoring
     * until a batch asks for others: setting a booster's thread count, even to the value it has,
     * makes XGBoost reconfigure it at the next prediction. Call on {@link XgboostThread}.
     */
    static XgboostModel trained(Booster booster, int threads) throws XGBoostError {
        return of(booster, null, threads);
    }

    private static XgboostModel of(Booster booster, byte[] bytes, int threads) throws XGBoostError {
        int d = (int) booster.getNumFeature();
        if (d < 1) {
            throw new XGBoostError("the model has no features");
        }
        return new XgboostModel(booster, bytes, d, threads);
    }

    static float[] toFloats(double[] v, int from, int to) {
        float[] f = new float[to - from];
        for (int i = from; i < to; i++) {
            f[i - from] = (float) v[i];
        }
        return f;
    }

    /** The booster's boosting rounds (its trees, for {@code binary:logistic}). */
    public int rounds() {
        try {
            return XgboostThread.call(booster::getNumBoostedRound);
        } catch (XGBoostError e) {
            throw new SentinelException("xgboost: " + XgboostCodec.firstLine(e.getMessage()), e);
        }
    }

    @Override
    public String type() {
        return XgboostFactory.TYPE;
    }

    @Override
    public int featureCount() {
        return d;
    }

    /**
     * The model in XGBoost's JSON format (what the bundle stores), with a single intercept
     * written as a plain number, as XGBoost wrote it before 3.1 and every version reads it, so
     * that older XGBoost (Python's included) loads the bundle part with the same predictions.
     */
    public byte[] modelBytes() {
        try {
            return XgboostThread.call(() -> {
                if (bytes == null) {
                    bytes = withScalarIntercept(booster.toByteArray("json"));
                }
                return bytes.clone();
            });
        } catch (XGBoostError e) {
            throw new SentinelException("xgboost: saving the model failed: " + XgboostCodec.firstLine(e.getMessage()), e);
        }
    }

    private static byte[] withScalarIntercept(byte[] json) {
        String model = new String(json, StandardCharsets.UTF_8);
        return ONE_INTERCEPT.matcher(model).replaceFirst("\"base_score\":\"$1\"").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public double score(double[] row) {
        BatchScoring.checkFeatures(type(), d, row.length);
        return predict(toFloats(row, 0, d), 1, 0)[0];
    }

    @Override
    public void score(Matrix x, double[] out, int threads) {
        BatchScoring.checkFeatures(type(), d, x.cols());
        double[] p = predict(toFloats(x.data(), 0, x.rows() * d), x.rows(), Math.max(1, threads));
        System.arraycopy(p, 0, out, 0, x.rows());
    }

    /** Predicts {@code n} rows on {@code threads} of XGBoost's threads (0: as the booster is set). */
    private double[] predict(float[] rows, int n, int threads) {
        float[][] p;
        try {
            p = XgboostThread.call(() -> {
                if (threads != 0 && threads != boosterThreads) {
                    booster.setParam("nthread", threads);
                    boosterThreads = threads;
                }
                return booster.inplace_predict(rows, n, d, Float.NaN);
            });
        } catch (XGBoostError e) {
            throw new SentinelException("xgboost: prediction failed: " + XgboostCodec.firstLine(e.getMessage()), e);
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = p[i][0];
        }
        return out;
    }

    /**
     * Feature importance: feature index → importance of {@code importanceType} ({@code gain},
     * {@code weight}, {@code cover}, {@code total_gain}, {@code total_cover}), normalised to sum
     * to 1 as XGBClassifier's {@code feature_importances_}; features never split on get 0.
     */
    public Map<Integer, Double> featureImportance(String importanceType) {
        String[] names = new String[d];
        for (int j = 0; j < d; j++) {
            names[j] = "f" + j;
        }
        Map<String, Double> raw;
        try {
            raw = XgboostThread.call(() -> booster.getScore(names, importanceType));
        } catch (XGBoostError e) {
            throw new SentinelException("xgboost: feature importance failed: " + XgboostCodec.firstLine(e.getMessage()), e);
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
    @Override
    public String importanceKind() {
        return "gain";
    }

    @Override
    public double[] featureImportances() {
        return TreeEnsemble.dense(featureImportance(), d);
    }

    @Override
    public Matrix featureAttributions(Matrix rows) {
        return shapContributions(rows);
    }

    public Map<Integer, Double> featureImportance() {
        return featureImportance("gain");
    }

    /**
     * TreeSHAP contributions ({@code Booster.predictContrib}): one row per input row,
     * {@code featureCount() + 1} columns, the last the bias; each row sums to the log-odds of
     * its anomaly probability.
     */
    public Matrix shapContributions(Matrix x) {
        BatchScoring.checkFeatures(type(), d, x.cols());
        float[] rows = toFloats(x.data(), 0, x.data().length);
        float[][] c;
        try {
            c = XgboostThread.call(() -> {
                DMatrix m = new DMatrix(rows, x.rows(), d, Float.NaN);
                try {
                    return booster.predictContrib(m, 0);
                } finally {
                    m.dispose();
                }
            });
        } catch (XGBoostError e) {
            throw new SentinelException("xgboost: SHAP contributions failed: " + XgboostCodec.firstLine(e.getMessage()), e);
        }
        double[] out = new double[x.rows() * (d + 1)];
        for (int i = 0; i < x.rows(); i++) {
            for (int j = 0; j <= d; j++) {
                out[i * (d + 1) + j] = c[i][j];
            }
        }
        return new Matrix(x.rows(), d + 1, out);
    }
}
