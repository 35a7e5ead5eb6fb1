package io.sentinelrisk.core.feedback;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * What {@code sentinel feedback stats} reports: how many verdicts, how precise the alerts were by
 * category and over time, how accurate the model was, how much analysts agree. Field by field in
 * docs/feedback.md. Rates are null when their denominator is 0.
 */
@JsonPropertyOrder({"report_version", "model_id", "verdicts", "verdict_counts", "alerts_judged", "alerts_decided",
    "unmatched_verdicts", "precision", "category_basis", "by_category", "over_time", "model_accuracy", "agreement"})
public record FeedbackReport(@JsonProperty("report_version") int reportVersion,
                             @JsonProperty("model_id") String modelId,
                             @JsonProperty("verdicts") int verdicts,
                             @JsonProperty("verdict_counts") VerdictCounts verdictCounts,
                             @JsonProperty("alerts_judged") int alertsJudged,
                             @JsonProperty("alerts_decided") int alertsDecided,
                             @JsonProperty("unmatched_verdicts") @JsonInclude(JsonInclude.Include.NON_NULL) Integer unmatchedVerdicts,
                             @JsonProperty("precision") Tally precision,
                             @JsonProperty("category_basis") String categoryBasis,
                             @JsonProperty("by_category") List<Tally> byCategory,
                             @JsonProperty("over_time") OverTime overTime,
                             @JsonProperty("model_accuracy") Accuracy modelAccuracy,
                             @JsonProperty("agreement") Agreement agreement) {
    public static final int VERSION = 1;

    public FeedbackReport {
        byCategory = List.copyOf(byCategory);
    }

    /** Verdict lines by verdict (every line, before consensus). */
    @JsonPropertyOrder({"true_positive", "false_positive", "benign", "unknown"})
    public record VerdictCounts(@JsonProperty("true_positive") int truePositive,
                                @JsonProperty("false_positive") int falsePositive,
                                @JsonProperty("benign") int benign,
                                @JsonProperty("unknown") int unknown) {
    }

    /**
     * Decided alerts of a group (all, a category, a period) by consensus verdict, and
     * {@code precision} = true_positives / (true_positives + false_positives + benign).
     *
     * @param key the group: the category, the period, or "all"
     */
    @JsonPropertyOrder({"key", "alerts", "true_positives", "false_positives", "benign", "precision"})
    public record Tally(@JsonProperty("key") String key,
                        @JsonProperty("alerts") int alerts,
                        @JsonProperty("true_positives") int truePositives,
                        @JsonProperty("false_positives") int falsePositives,
                        @JsonProperty("benign") int benign,
                        @JsonProperty("precision") @JsonInclude(JsonInclude.Include.ALWAYS) Double precision) {
        static Tally of(String key, int tp, int fp, int benign) {
            int n = tp + fp + benign;
            return new Tally(key, n, tp, fp, benign, n == 0 ? null : (double) tp / n);
        }
    }

    /**
     * @param bucket    day (UTC date) or week (ISO week, 2024-W05)
     * @param timeBasis event_time when the scored data gave the alerts' event times, else verdict_time
     */
    @JsonPropertyOrder({"bucket", "time_basis", "periods"})
    public record OverTime(@JsonProperty("bucket") String bucket,
                           @JsonProperty("time_basis") String timeBasis,
                           @JsonProperty("periods") List<Tally> periods) {
        public OverTime {
            periods = List.copyOf(periods);
        }
    }

    /**
     * The model's flag against the analysts' consensus on decided alerts.
     *
     * @param basis "scored" (the scored data says whether the model flagged each alert) or
     *              "alerts_only" (without it every judged record counts as flagged, so accuracy
     *              equals precision)
     */
    @JsonPropertyOrder({"basis", "decided", "correct", "accuracy", "true_positives", "false_positives",
        "true_negatives", "false_negatives"})
    public record Accuracy(@JsonProperty("basis") String basis,
                           @JsonProperty("decided") int decided,
                           @JsonProperty("correct") int correct,
                           @JsonProperty("accuracy") @JsonInclude(JsonInclude.Include.ALWAYS) Double accuracy,
                           @JsonProperty("true_positives") int truePositives,
                           @JsonProperty("false_positives") int falsePositives,
                           @JsonProperty("true_negatives") int trueNegatives,
                           @JsonProperty("false_negatives") int falseNegatives) {
    }

    /**
     * Agreement between analysts on alerts that two or more of them decided (Fleiss' kappa over
     * the definite verdicts true_positive, false_positive, benign).
     *
     * @param alerts             alerts decided by at least two analysts
     * @param pairwiseAgreement  mean over those alerts of the share of analyst pairs that agree
     * @param kappa              Fleiss' kappa: (agreement − chance) / (1 − chance), chance = Σ share²
     *                           of each verdict among all their verdicts; null when undefined
     */
    @JsonPropertyOrder({"alerts", "pairwise_agreement", "kappa"})
    public record Agreement(@JsonProperty("alerts") int alerts,
                            @JsonProperty("pairwise_agreement") @JsonInclude(JsonInclude.Include.ALWAYS) Double pairwiseAgreement,
                            @JsonProperty("kappa") @JsonInclude(JsonInclude.Include.ALWAYS) Double kappa) {
    }
}
