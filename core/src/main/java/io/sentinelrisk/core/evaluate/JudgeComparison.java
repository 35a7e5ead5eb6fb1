package io.sentinelrisk.core.evaluate;

import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.detect.DetectorTrainer;
import io.sentinelrisk.core.detect.FittedDetector;
import io.sentinelrisk.core.judge.HeuristicRules;
import io.sentinelrisk.core.judge.HybridJudgeTrainer;
import io.sentinelrisk.core.judge.JudgeLabels;
import io.sentinelrisk.core.judge.ThresholdRule;
import io.sentinelrisk.core.metrics.Confusion;
import io.sentinelrisk.core.metrics.RankingMetrics;
import io.sentinelrisk.core.pipeline.Detectors;
import io.sentinelrisk.core.pipeline.JudgePipelineConfig;
import io.sentinelrisk.core.pipeline.JudgeTrainingSet;
import io.sentinelrisk.core.pipeline.Pipeline;
import io.sentinelrisk.core.pipeline.PipelineTrainer;
import io.sentinelrisk.core.pipeline.SentinelConfig;
import io.sentinelrisk.core.util.StratifiedSplit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The hybrid judge and its baselines measured side by side on the same test rows, each with a
 * threshold chosen by the judge's own rule on the same validation rows (whose labels are the ones
 * the judge learnt from, pseudo-labels included): heuristics alone (a row is flagged when a rule
 * labels it an anomaly), the autoencoder alone, an isolation forest and the default ensemble
 * (unsupervised, fitted on every training row), XGBoost on the prepared features alone (the
 * judge's labels, split and hyper-parameters) and the hybrid judge. Scores that are not
 * calibrated probabilities get {@code max_f1} where the judge's rule is {@code calibrated_f1}.
 */
public final class JudgeComparison {
    private JudgeComparison() {
    }

    /**
     * One method's results on the test rows.
     *
     * @param fpPer1000AtRecall80 false positives per 1,000 test rows at the first rank where 80% of the anomalies are found
     */
    public record Result(String method, double rocAuc, double averagePrecision, double precision, double recall, double f1,
                         double fpPer1000AtRecall80, double threshold) {
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("method", method);
            m.put("roc_auc", rocAuc);
            m.put("average_precision", averagePrecision);
            m.put("precision", precision);
            m.put("recall", recall);
            m.put("f1", f1);
            m.put("fp_per_1000_at_recall_80", fpPer1000AtRecall80);
            m.put("threshold", threshold);
            return m;
        }
    }

    /** Metrics of {@code scores} on {@code labels}, flagging scores strictly above {@code threshold}. */
    public static Result measure(String method, double[] scores, int[] labels, double threshold) {
        boolean[] flagged = new boolean[scores.length];
        for (int i = 0; i < scores.length; i++) {
            flagged[i] = scores[i] > threshold;
        }
        Confusion c = Confusion.of(flagged, labels);
        return new Result(method, RankingMetrics.rocAuc(scores, labels), RankingMetrics.averagePrecision(scores, labels),
                c.precision(), c.recall(), c.f1(), fpPer1000AtRecall(scores, labels, 0.8), threshold);
    }

    /**
     * False positives per 1,000 rows when flagging from the top until {@code recall} of the
     * anomalies are found; rows tied with the last one flagged are flagged too.
     */
    public static double fpPer1000AtRecall(double[] scores, int[] labels, double recall) {
        int positives = 0;
        for (int y : labels) {
            positives += y;
        }
        if (positives == 0) {
            return Double.NaN;
        }
        int need = (int) Math.ceil(recall * positives - 1e-9);
        int[] order = RankingMetrics.descending(scores);
        int tp = 0;
        int fp = 0;
        for (int k = 0; k < order.length; k++) {
            int r = order[k];
            tp += labels[r];
            fp += 1 - labels[r];
            boolean tieNext = k + 1 < order.length && scores[order[k + 1]] == scores[r];
            if (tp >= need && !tieNext) {
                break;
            }
        }
        return 1000.0 * fp / scores.length;
    }

    /**
     * Every method on {@code test} (rows as read, true labels {@code testLabels}).
     *
     * @param stage1 the autoencoder stage the judge was trained on
     * @param judged the pipeline with the judge
     */
    public static List<Result> compare(JudgePipelineConfig cfg, JudgeTrainingSet train, Pipeline stage1, Pipeline judged,
                                       Frame test, int[] testLabels, boolean baselines) {
        List<Result> out = new ArrayList<>();
        int threads = cfg.model().effectiveThreads();
        long seed = cfg.model().randomState();
        JudgeLabels labels = train.labels();
        HybridJudgeTrainer.Split split = HybridJudgeTrainer.split(labels, cfg.judge().validationFraction(), seed);
        int[] valRows = split.validation();
        int[] yVal = StratifiedSplit.select(labels.values(), valRows);
        Frame valFrame = train.frame().selectRows(valRows);
        if (baselines) {
            HeuristicRules rules = train.rules();
            if (rules != null) {
                int[] flagged = rules.apply(test).labels();
                double[] s = new double[flagged.length];
                for (int i = 0; i < s.length; i++) {
                    s[i] = flagged[i] == 1 ? 1 : 0;
                }
                out.add(measure("heuristics", s, testLabels, 0.5));
            }
            out.add(fitted("autoencoder", stage1, valFrame, yVal, test, testLabels, cfg, threads));
            for (String type : List.of("iforest", "ensemble")) {
                Map<String, Object> m = cfg.model().toMap();
                m.put("detector", new LinkedHashMap<>(Map.of("type", type)));
                Pipeline p = new PipelineTrainer(SentinelConfig.fromEffectiveMap(m, type)).fit(train.frame(), null).pipeline();
                out.add(fitted(type.equals("iforest") ? "isolation_forest" : "default_ensemble", p, valFrame, yVal, test,
                        testLabels, cfg, threads));
            }
            Matrix x = stage1.preparation().transform(train.frame());
            DetectorTrainer trainer = cfg.judge().boosterTrainer(Detectors.catalog(), seed, null, x.selectRows(valRows), yVal);
            Matrix xTrain = x.selectRows(split.train());
            int[] yTrain = StratifiedSplit.select(labels.values(), split.train());
            int[] learnt = HybridJudgeTrainer.trainingRows(cfg.judge(), trainer, xTrain, yTrain, seed, threads);
            FittedDetector xgb = trainer.fit(xTrain.selectRows(learnt), StratifiedSplit.select(yTrain, learnt), threads);
            double[] pVal = new double[valRows.length];
            xgb.score(x.selectRows(valRows), pVal, threads);
            double t = ThresholdRule.choose(cfg.judge().thresholdRule(), cfg.judge().minRecall(), pVal, yVal,
                    HybridJudgeTrainer.validationRows(cfg.judge(), pVal, yVal));
            double[] pTest = new double[test.rows()];
            xgb.score(stage1.preparation().transform(test), pTest, threads);
            out.add(measure("xgboost_raw_features", pTest, testLabels, t));
        }
        double[] p = judged.score(test, "test", threads).score();
        out.add(measure("hybrid_judge", p, testLabels, judged.judge().orElseThrow().threshold()));
        return out;
    }

    /**
     * The rule for baselines whose scores are not calibrated probabilities (the heuristics, the
     * autoencoder, the unsupervised detectors): {@code calibrated_f1} assumes probabilities, so
     * they get {@code max_f1} in its place.
     */
    static String unsupervisedRule(JudgePipelineConfig cfg) {
        String rule = cfg.judge().thresholdRule();
        return rule.equals("calibrated_f1") ? "max_f1" : rule;
    }

    private static Result fitted(String name, Pipeline p, Frame valFrame, int[] yVal, Frame test, int[] testLabels,
                                 JudgePipelineConfig cfg, int threads) {
        double[] v = p.score(valFrame, "validation", threads).score();
        double t = ThresholdRule.choose(unsupervisedRule(cfg), cfg.judge().minRecall(), v, yVal);
        return measure(name, p.score(test, "test", threads).score(), testLabels, t);
    }
}
