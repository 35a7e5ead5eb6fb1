package io.sentinelrisk.core.detect.xgboost;

import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.detect.FittedDetector;
import io.sentinelrisk.core.detect.support.BatchScoring;
import io.sentinelrisk.core.error.SentinelException;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoostError;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A fitted XGBoost booster that is only read: in-place prediction is thread-safe in XGBoost,
 * the other queries have it alone. A batch is predicted in one call on XGBoost's own
 * threads, as the Python package does: splitting it over Java threads that each ask XGBoost for
 * one thread was twice as slow (XGBoost's idle OpenMP workers spin on the cores the Java threads
 * need). Its bundle part, the model in XGBoost's JSON format,
 * is the bytes it was loaded from, or, for a freshly trained booster, made when first asked
 * for (a bundle is not always written, and a fit should not pay for it). Features are passed as
 * 32-bit floats, as XGBoost stores them.
 */
public final class XgboostModel implements FittedDetector {
    private final Booster booster;
    private final int d;
    private byte[] bytes;
    /**
     * In-place predictions share the booster (read lock); changing its thread count and XGBoost's
     * other queries, which are not thread-safe, have it alone (write lock).
     */
    private final ReentrantReadWriteLock boosterLock = new ReentrantReadWriteLock();
    /** The booster's {@code nthread} (0: not known); guarded by {@link #boosterLock}. */
    private int boosterThreads;

    private XgboostModel(Booster booster, byte[] bytes, int d, int threads) {
        this.booster = booster;
        this.bytes = bytes;
        this.d = d;
        this.boosterThreads = threads;
    }

    /** A model of a booster loaded from {@code bytes}; its thread count is set by the first batch. */
    static XgboostModel loaded(Booster booster, byte[] bytes) throws XGBoostError {
        return of(booster, bytes.clone(), 0);
    }

    /**
     * A model of a booster just trained on {@code threads} threads, which it keeps for scoring
     * until a batch asks for others. Setting a booster's thread count, even to the value it has,
     * makes XGBoost reconfigure it at the next prediction, and that slowed every later training
     * in the process by 30-40% (measured: annthyroid, 200 rounds, 2 threads, XGBoost4J 3.0.4).
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

    @Override
    public String type() {
        return XgboostFactory.TYPE;
    }

    @Override
    public int featureCount() {
        return d;
    }

    /** The model in XGBoost's JSON format (what the bundle stores). */
    public byte[] modelBytes() {
        boosterLock.writeLock().lock();
        try {
            if (bytes == null) {
                bytes = booster.toByteArray("json");
            }
            return bytes.clone();
        } catch (XGBoostError e) {
            throw new SentinelException("xgboost: saving the model failed: " + XgboostFactory.firstLine(e.getMessage()), e);
        } finally {
            boosterLock.writeLock().unlock();
        }
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
        useThreads(threads);
        try {
            float[][] p = booster.inplace_predict(rows, n, d, Float.NaN);
            double[] out = new double[n];
            for (int i = 0; i < n; i++) {
                out[i] = p[i][0];
            }
            return out;
        } catch (XGBoostError e) {
            throw new SentinelException("xgboost: prediction failed: " + XgboostFactory.firstLine(e.getMessage()), e);
        } finally {
            boosterLock.readLock().unlock();
        }
    }

    /** Takes the read lock with the booster set to {@code threads} (0: any). */
    private void useThreads(int threads) {
        boosterLock.readLock().lock();
        if (threads == 0 || threads == boosterThreads) {
            return;
        }
        boosterLock.readLock().unlock();
        boosterLock.writeLock().lock();
        try {
            if (threads != boosterThreads) {
                booster.setParam("nthread", threads);
                boosterThreads = threads;
            }
            boosterLock.readLock().lock(); // downgrade: no setParam can slip in before this prediction
        } catch (XGBoostError e) {
            throw new SentinelException("xgboost: setting threads failed: " + XgboostFactory.firstLine(e.getMessage()), e);
        } finally {
            boosterLock.writeLock().unlock();
        }
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
        boosterLock.writeLock().lock();
        try {
            raw = booster.getScore(names, importanceType);
        } catch (XGBoostError e) {
            throw new SentinelException("xgboost: feature importance failed: " + XgboostFactory.firstLine(e.getMessage()), e);
        } finally {
            boosterLock.writeLock().unlock();
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
    public Matrix shapContributions(Matrix x) {
        BatchScoring.checkFeatures(type(), d, x.cols());
        DMatrix m = null;
        boosterLock.writeLock().lock();
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
            boosterLock.writeLock().unlock();
            if (m != null) {
                m.dispose();
            }
        }
    }
}
