package io.sentinelrisk.core.metrics;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The metrics of scored, labelled data as reports write them (docs/outputs.md). Undefined values
 * (ROC AUC with one class) are null.
 *
 * @param labelledRows      rows with a label
 * @param labelledAnomalies rows labelled 1
 * @param precision         of {@code is_anomaly}
 * @param recall            of {@code is_anomaly}
 * @param f1                of {@code is_anomaly}
 * @param rocAuc            of the raw scores, or null
 * @param averagePrecision  of the raw scores, or null
 * @param precisionAtK      precision among the k highest scores, k = labelled anomalies
 * @param confusionMatrix   of {@code is_anomaly} against the labels
 */
@JsonPropertyOrder({"labelled_rows", "labelled_anomalies", "precision", "recall", "f1", "roc_auc",
    "average_precision", "precision_at_k", "confusion_matrix"})
public record LabelledMetrics(@JsonProperty("labelled_rows") int labelledRows,
                              @JsonProperty("labelled_anomalies") long labelledAnomalies,
                              @JsonProperty("precision") double precision,
                              @JsonProperty("recall") double recall,
                              @JsonProperty("f1") double f1,
                              @JsonProperty("roc_auc") Double rocAuc,
                              @JsonProperty("average_precision") Double averagePrecision,
                              @JsonProperty("precision_at_k") PrecisionAtK precisionAtK,
                              @JsonProperty("confusion_matrix") ConfusionCounts confusionMatrix) {

    /** Precision among the {@code k} highest scores (null when undefined). */
    @JsonPropertyOrder({"k", "precision"})
    public record PrecisionAtK(@JsonProperty("k") int k, @JsonProperty("precision") Double precision) {
    }

    /** The four cells of a confusion matrix. */
    @JsonPropertyOrder({"true_positives", "false_positives", "true_negatives", "false_negatives"})
    public record ConfusionCounts(@JsonProperty("true_positives") long truePositives,
                                  @JsonProperty("false_positives") long falsePositives,
                                  @JsonProperty("true_negatives") long trueNegatives,
                                  @JsonProperty("false_negatives") long falseNegatives) {
        public static ConfusionCounts of(Confusion c) {
            return new ConfusionCounts(c.tp(), c.fp(), c.tn(), c.fn());
        }
    }

    /**
     * @param scores    raw scores, higher = more anomalous
     * @param predicted is_anomaly per row
     * @param labels    1 = anomaly, 0 = normal
     */
    public static LabelledMetrics of(double[] scores, boolean[] predicted, int[] labels) {
        return of(ranked(scores, labels), predicted, labels);
    }

    /**
     * The ranking half of the metrics (ROC AUC, average precision, precision@k): it needs the
     * scores and labels, not the flags, so it can be found while a threshold is still being fitted.
     */
    public record Ranked(int k, double rocAuc, double averagePrecision, double precisionAtK) {
    }

    /** {@link Ranked} of the scores: k is the rows labelled 1 (at least 1). */
    public static Ranked ranked(double[] scores, int[] labels) {
        long positives = 0;
        for (int y : labels) {
            positives += y == 1 ? 1 : 0;
        }
        int k = (int) Math.max(1, positives);
        LabelledRanking.Values r = LabelledRanking.of(scores, labels, k);
        if (r == null) {   // scores of both signs, NaN or labels other than 0/1: rank rows by index
            RankingMetrics.Ranking ranking = RankingMetrics.rank(scores);
            r = new LabelledRanking.Values(ranking.rocAuc(labels), ranking.averagePrecision(labels),
                    RankingMetrics.precisionAtK(labels, k, ranking.order()));
        }
        return new Ranked(k, r.rocAuc(), r.averagePrecision(), r.precisionAtK());
    }

    /** The metrics from the scores' {@link #ranked ranking} and the flags. */
    public static LabelledMetrics of(Ranked r, boolean[] predicted, int[] labels) {
        Confusion c = Confusion.of(predicted, labels);
        long positives = c.tp() + c.fn();
        return new LabelledMetrics(labels.length, positives, c.precision(), c.recall(), c.f1(),
                finiteOrNull(r.rocAuc()), finiteOrNull(r.averagePrecision()),
                new PrecisionAtK(r.k(), finiteOrNull(r.precisionAtK())), ConfusionCounts.of(c));
    }

    static Double finiteOrNull(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
