package io.sentinelrisk.core.detect.xgboost;

import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.detect.DetectorTrainer;
import io.sentinelrisk.core.detect.FittedDetector;
import io.sentinelrisk.core.detect.support.Labels;
import io.sentinelrisk.core.error.SentinelException;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Trains a booster with {@code binary:logistic} on the prepared rows and 0/1 labels, on {@link XgboostThread};
 * with {@link EarlyStopping}, for the rounds that gave the held-out rows' lowest log loss.
 */
final class XgboostTrainer implements DetectorTrainer {
    private final XgboostParams s;
    private final long seed;
    /** XGBoost's monotone_constraints, one per input column, or null for none. */
    private final int[] monotone;
    /** Held-out rows that pick the number of rounds, or null: {@code n_estimators} rounds. */
    private final EarlyStopping stop;

    XgboostTrainer(XgboostParams s, long seed, int[] monotone, EarlyStopping stop) {
        this.s = s;
        this.seed = seed;
        this.monotone = monotone;
        this.stop = stop;
    }

    @Override
    public FittedDetector fit(Matrix x, int[] labels, int threads) {
        Labels.requireBinary(XgboostFactory.TYPE, labels, x.rows());
        if (monotone != null && monotone.length != x.cols()) {
            throw new IllegalArgumentException(monotone.length + " monotone constraints for " + x.cols() + " inputs");
        }
        if (stop != null && stop.x().cols() != x.cols()) {
            throw new IllegalArgumentException(stop.x().cols() + " early-stopping columns for " + x.cols() + " inputs");
        }
        float[] data = XgboostModel.toFloats(x.data(), 0, x.data().length);
        float[] y = floats(labels);
        Map<String, Object> p = new HashMap<>();
        p.put("objective", "binary:logistic");
        p.put("eval_metric", "logloss");
        p.put("eta", s.learningRate());
        p.put("max_depth", s.maxDepth());
        p.put("subsample", s.subsample());
        p.put("colsample_bytree", s.colsampleBytree());
        p.put("min_child_weight", s.minChildWeight());
        p.put("lambda", s.regLambda());
        p.put("scale_pos_weight", s.scalePosWeight());
        p.put("tree_method", s.treeMethod());
        int nthread = s.nthread() > 0 ? s.nthread() : Math.max(1, threads);
        p.put("nthread", nthread);
        p.put("seed", (int) (seed & 0x7fffffff));
        p.put("verbosity", 0);
        if (monotone != null) {
            StringBuilder c = new StringBuilder("(");
            for (int j = 0; j < monotone.length; j++) {
                c.append(j == 0 ? "" : ",").append(Integer.signum(monotone[j]));
            }
            p.put("monotone_constraints", c.append(')').toString());
        }
        try {
            return XgboostThread.call(() -> {
                DMatrix train = new DMatrix(data, x.rows(), x.cols(), Float.NaN);
                try {
                    train.setLabel(y);
                    int rounds = stop == null ? s.nEstimators() : bestRounds(train, p);
                    return XgboostModel.trained(XGBoost.train(train, p, rounds, new HashMap<>(), null, null), nthread);
                } finally {
                    train.dispose();
                }
            });
        } catch (XGBoostError e) {
            throw new SentinelException("xgboost: training failed: " + XgboostCodec.firstLine(e.getMessage()), e);
        }
    }

    /**
     * The rounds up to the held-out rows' lowest log loss: XGBoost trains until that loss has not
     * improved for {@code stop.rounds()} rounds and names the best iteration. The booster is then
     * trained again for exactly those rounds (the same seed grows the same first trees), so the
     * model holds no tree past the best one and scores, explains and saves as any other.
     */
    private int bestRounds(DMatrix train, Map<String, Object> p) throws XGBoostError {
        DMatrix eval = new DMatrix(XgboostModel.toFloats(stop.x().data(), 0, stop.x().data().length), stop.x().rows(),
                stop.x().cols(), Float.NaN);
        try {
            eval.setLabel(floats(stop.labels()));
            Map<String, DMatrix> watches = new LinkedHashMap<>();
            watches.put("validation", eval);
            Map<String, Object> quiet = new HashMap<>(p);
            quiet.put("verbose_eval", "false");   // XGBoost4J would print every round's loss on stderr
            Booster b = XGBoost.train(train, quiet, s.nEstimators(), watches, new float[1][s.nEstimators()], null, null,
                    stop.rounds());
            try {
                String best = b.getAttr("best_iteration");
                return best == null ? b.getNumBoostedRound() : Integer.parseInt(best) + 1;
            } finally {
                b.dispose();
            }
        } finally {
            eval.dispose();
        }
    }

    private static float[] floats(int[] labels) {
        float[] y = new float[labels.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = labels[i];
        }
        return y;
    }
}
