package io.sentinelrisk.core.feedback;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.sentinelrisk.core.metrics.Confusion;

/**
 * What {@code sentinel retrain} reports: where the labels came from, how the challenger was made,
 * and champion against challenger on the held-back verdicts. Field by field in docs/feedback.md.
 */
@JsonPropertyOrder({"report_version", "champion_model_id", "challenger_model_id", "detector", "method", "verdicts",
    "holdout", "labels", "threshold", "metric", "champion", "challenger", "winner", "decision", "model_out"})
public record RetrainReport(@JsonProperty("report_version") int reportVersion,
                            @JsonProperty("champion_model_id") String championModelId,
                            @JsonProperty("challenger_model_id") String challengerModelId,
                            @JsonProperty("detector") String detector,
                            @JsonProperty("method") String method,
                            @JsonProperty("verdicts") Verdicts verdicts,
                            @JsonProperty("holdout") Holdout holdout,
                            @JsonProperty("labels") @JsonInclude(JsonInclude.Include.NON_NULL) Labels labels,
                            @JsonProperty("threshold") @JsonInclude(JsonInclude.Include.NON_NULL) Threshold threshold,
                            @JsonProperty("metric") String metric,
                            @JsonProperty("champion") Scores champion,
                            @JsonProperty("challenger") Scores challenger,
                            @JsonProperty("winner") String winner,
                            @JsonProperty("decision") @JsonInclude(JsonInclude.Include.NON_NULL) String decision,
                            @JsonProperty("model_out") @JsonInclude(JsonInclude.Include.NON_NULL) String modelOut) {
    public static final int VERSION = 1;
    public static final String RECALIBRATE = "recalibrate_threshold";
    public static final String REFIT = "refit_supervised";
    public static final String REFIT_JUDGE = "refit_judge";

    /** Whether the challenger beat the champion on the stated metric. */
    public boolean challengerWins() {
        return "challenger".equals(winner);
    }

    /** This report with what was done about it (written, kept the champion) and where the model went. */
    public RetrainReport withDecision(String decision, String modelOut) {
        return new RetrainReport(reportVersion, championModelId, challengerModelId, detector, method, verdicts, holdout, labels,
                threshold, metric, champion, challenger, winner, decision, modelOut);
    }

    /**
     * @param read       verdict lines read
     * @param matched    alerts of the data with a verdict
     * @param unmatched  verdict lines naming no record of the data (another model's alerts, other data)
     * @param threats    matched alerts whose consensus is true_positive
     * @param noThreats  matched alerts whose consensus is false_positive or benign
     * @param unknown    matched alerts nobody decided
     */
    @JsonPropertyOrder({"read", "matched", "unmatched", "threats", "no_threats", "unknown"})
    public record Verdicts(@JsonProperty("read") int read, @JsonProperty("matched") int matched,
                           @JsonProperty("unmatched") int unmatched, @JsonProperty("threats") int threats,
                           @JsonProperty("no_threats") int noThreats, @JsonProperty("unknown") int unknown) {
    }

    /**
     * @param fraction share of each class of decided alerts held back (stratified)
     * @param seed     the seed of the split
     * @param alerts   held-back alerts
     * @param threats  of which threats
     */
    @JsonPropertyOrder({"fraction", "seed", "alerts", "threats"})
    public record Holdout(@JsonProperty("fraction") double fraction, @JsonProperty("seed") long seed,
                          @JsonProperty("alerts") int alerts, @JsonProperty("threats") int threats) {
    }

    /**
     * Where the training labels of a refit came from: verdicts win over the data's labels, which win
     * over heuristic rules (a hybrid judge's refit with rules only), which win over the champion's flags.
     */
    @JsonPropertyOrder({"from_verdicts", "from_data", "from_heuristics", "from_champion"})
    public record Labels(@JsonProperty("from_verdicts") int fromVerdicts, @JsonProperty("from_data") int fromData,
                         @JsonProperty("from_heuristics") int fromHeuristics, @JsonProperty("from_champion") int fromChampion) {
    }

    /** The is_anomaly threshold before and after recalibration, as raw score and as the contamination it amounts to. */
    @JsonPropertyOrder({"champion_anomaly_above", "challenger_anomaly_above", "champion_contamination", "challenger_contamination"})
    public record Threshold(@JsonProperty("champion_anomaly_above") double championAnomalyAbove,
                            @JsonProperty("challenger_anomaly_above") double challengerAnomalyAbove,
                            @JsonProperty("champion_contamination") double championContamination,
                            @JsonProperty("challenger_contamination") double challengerContamination) {
    }

    /** A model's is_anomaly against the held-back verdicts. */
    @JsonPropertyOrder({"metric_value", "precision", "recall", "f1", "accuracy", "true_positives", "false_positives",
        "true_negatives", "false_negatives"})
    public record Scores(@JsonProperty("metric_value") double metricValue, @JsonProperty("precision") double precision,
                         @JsonProperty("recall") double recall, @JsonProperty("f1") double f1,
                         @JsonProperty("accuracy") double accuracy, @JsonProperty("true_positives") long truePositives,
                         @JsonProperty("false_positives") long falsePositives, @JsonProperty("true_negatives") long trueNegatives,
                         @JsonProperty("false_negatives") long falseNegatives) {
        static Scores of(Confusion c, RetrainMetric metric) {
            return new Scores(metric.of(c), c.precision(), c.recall(), c.f1(), c.accuracy(), c.tp(), c.fp(), c.tn(), c.fn());
        }
    }
}
