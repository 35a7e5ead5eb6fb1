package io.sentinelrisk.core.detect.xgboost;

import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.detect.support.BatchScoring;
import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.error.InputLocation;
import io.sentinelrisk.core.error.SentinelException;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * A fitted multi-class XGBoost booster ({@code multi:softprob}): the category of each row (e.g.
 * the attack scenario). Not a detector (it does not score oddness); the hybrid judge uses it to
 * predict a record's category. Stored as XGBoost's own JSON model. Every call runs on
 * {@link XgboostThread}; the booster's thread count is set once, so nothing in it changes after
 * construction. Rows are predicted independently, so a row's class is the same alone or in a batch.
 */
public final class XgboostClassifier {
    private final Booster booster;
    private final byte[] bytes;
    private final int d;
    private final int classes;

    private XgboostClassifier(Booster booster, byte[] bytes, int d, int classes) {
        this.booster = booster;
        this.bytes = bytes;
        this.d = d;
        this.classes = classes;
    }

    /**
     * Trains on {@code x} and class indices {@code y} in [0, classes) with the hyper-parameters of
     * {@code p} and {@code seed}; deterministic for a seed whatever {@code threads} is ({@code hist}).
     */
    public static XgboostClassifier fit(Matrix x, int[] y, int classes, XgboostParams p, long seed, int threads) {
        if (classes < 2) {
            throw new InputException("the category model needs at least 2 categories, found " + classes);
        }
        float[] data = XgboostModel.toFloats(x.data(), 0, x.data().length);
        float[] label = new float[y.length];
        for (int i = 0; i < y.length; i++) {
            if (y[i] < 0 || y[i] >= classes) {
                throw new IllegalArgumentException("class " + y[i] + " outside [0, " + classes + ")");
            }
            label[i] = y[i];
        }
        Map<String, Object> params = new HashMap<>();
        params.put("objective", "multi:softprob");
        params.put("num_class", classes);
        params.put("eval_metric", "mlogloss");
        params.put("eta", p.learningRate());
        params.put("max_depth", p.maxDepth());
        params.put("subsample", p.subsample());
        params.put("colsample_bytree", p.colsampleBytree());
        params.put("min_child_weight", p.minChildWeight());
        params.put("lambda", p.regLambda());
        params.put("tree_method", p.treeMethod());
        params.put("nthread", 1);   // one thread: the model bytes never depend on the machine
        params.put("seed", (int) (seed & 0x7fffffff));
        params.put("verbosity", 0);
        try {
            return XgboostThread.call(() -> {
                DMatrix train = new DMatrix(data, x.rows(), x.cols(), Float.NaN);
                try {
                    train.setLabel(label);
                    Booster b = XGBoost.train(train, params, p.nEstimators(), new HashMap<>(), null, null);
                    return new XgboostClassifier(b, b.toByteArray("json"), x.cols(), classes);
                } finally {
                    train.dispose();
                }
            });
        } catch (XGBoostError e) {
            throw new SentinelException("xgboost: training the category model failed: " + XgboostCodec.firstLine(e.getMessage()), e);
        }
    }

    /** Reads a model written by {@link #modelBytes()}; a part that does not load is an InputException naming it. */
    public static XgboostClassifier load(byte[] bytes, int classes, String partName) {
        if (bytes.length < 2 || bytes[0] != '{' || bytes[bytes.length - 1] != '}') {
            throw new InputException(InputLocation.file(partName), "corrupt bundle part: expected an XGBoost JSON model");
        }
        try {
            return XgboostThread.call(() -> {
                Booster b;
                try {
                    b = XGBoost.loadModel(bytes);
                    b.setParam("nthread", 1);
                } catch (XGBoostError | IOException | RuntimeException e) {
                    throw new InputException(InputLocation.file(partName), "corrupt bundle part: XGBoost cannot load it: "
                            + XgboostCodec.firstLine(e.getMessage()));
                }
                return new XgboostClassifier(b, bytes.clone(), (int) b.getNumFeature(), classes);
            });
        } catch (XGBoostError e) {
            throw new InputException(InputLocation.file(partName), "corrupt bundle part: " + XgboostCodec.firstLine(e.getMessage()));
        }
    }

    public int featureCount() {
        return d;
    }

    public int classes() {
        return classes;
    }

    /** The model in XGBoost's JSON format. */
    public byte[] modelBytes() {
        return bytes.clone();
    }

    /** The most probable class of each row (the lowest index among equal probabilities). */
    public int[] predict(Matrix x) {
        BatchScoring.checkFeatures("xgboost classifier", d, x.cols());
        float[] rows = XgboostModel.toFloats(x.data(), 0, x.rows() * d);
        float[][] p;
        try {
            p = XgboostThread.call(() -> booster.inplace_predict(rows, x.rows(), d, Float.NaN));
        } catch (XGBoostError e) {
            throw new SentinelException("xgboost: category prediction failed: " + XgboostCodec.firstLine(e.getMessage()), e);
        }
        int[] out = new int[x.rows()];
        if (out.length > 0 && p[0].length != classes) {
            throw new SentinelException("xgboost: the category model gives " + p[0].length + " probabilities per row, expected " + classes);
        }
        for (int i = 0; i < out.length; i++) {
            int best = 0;
            for (int c = 1; c < classes; c++) {
                if (p[i][c] > p[i][best]) {
                    best = c;
                }
            }
            out[i] = best;
        }
        return out;
    }
}
