package io.sentinelrisk.core.export;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.sentinelrisk.core.explain.Explainer;
import io.sentinelrisk.core.explain.Reason;
import io.sentinelrisk.core.mapping.Business;
import io.sentinelrisk.core.pipeline.ScoredRecord;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one alert shape of the product: what the top-N export, {@code predict} and later the REST
 * API and Kafka emit for a scored record. Field by field in docs/outputs.md; JSON Schema in
 * docs/schemas/alert.schema.json.
 *
 * <p>Nulls: {@code line}, {@code id}, {@code entity}, {@code event_time} and {@code label} are left
 * out when unknown (not written as null), {@code business} when the bundle has no business mapping,
 * {@code judge} when it has no judge; {@code risk_reason} is always written and is null for {@code info} records; a missing
 * value in {@code features} is null.
 *
 * <p>{@code features} stays an ordered map: its keys are the model's column names, known only at
 * run time, in the schema's order.
 *
 * <p>{@code predicted_label}, {@code anomaly_score}, {@code risk_level} and {@code risk_reason}
 * are derived (read-only) names kept for users of web-session risk scoring who expect them.
 */
@JsonPropertyOrder({"alert_id", "row", "line", "source", "id", "entity", "event_time", "score", "risk", "severity", "is_anomaly",
    "label", "predicted_label", "anomaly_score", "risk_level", "risk_reason", "features", "reasons", "narrative", "business",
    "judge"})
@JsonIgnoreProperties(value = {"predicted_label", "anomaly_score", "risk_level", "risk_reason"}, allowGetters = true)
public record Alert(@JsonProperty("alert_id") String alertId,
                    @JsonProperty("row") int row,
                    @JsonProperty("line") @JsonInclude(JsonInclude.Include.NON_NULL) Long line,
                    @JsonProperty("source") String source,
                    @JsonProperty("id") @JsonInclude(JsonInclude.Include.NON_NULL) Object id,
                    @JsonProperty("entity") @JsonInclude(JsonInclude.Include.NON_NULL) String entity,
                    @JsonProperty("event_time") @JsonInclude(JsonInclude.Include.NON_NULL) String eventTime,
                    @JsonProperty("score") double score,
                    @JsonProperty("risk") double risk,
                    @JsonProperty("severity") String severity,
                    @JsonProperty("is_anomaly") boolean isAnomaly,
                    @JsonProperty("label") @JsonInclude(JsonInclude.Include.NON_NULL) Integer label,
                    @JsonProperty("features") Map<String, Object> features,
                    @JsonProperty("reasons") List<Explanation> reasons,
                    @JsonProperty("narrative") String narrative,
                    @JsonProperty("business") @JsonInclude(JsonInclude.Include.NON_NULL) Business business,
                    @JsonProperty("judge") @JsonInclude(JsonInclude.Include.NON_NULL) JudgeOutput judge) {

    public Alert {
        // FeatureValues is unmodifiable and ordered already: kept, not copied (one per scored record)
        features = features instanceof FeatureValues ? features : Collections.unmodifiableMap(new LinkedHashMap<>(features));
        reasons = List.copyOf(reasons);
    }

    /**
     * The alert of a scored record: the one factory every front end uses.
     *
     * @param scored   the record's scores and reasons (scored alone or as a batch row)
     * @param origin   where it came from
     * @param features its feature and id values by column, in schema order (missing = null)
     */
    public static Alert of(ScoredRecord scored, AlertOrigin origin, Map<String, Object> features) {
        return of(scored, origin, features, null);
    }

    /**
     * The alert of a scored record with what it means to the business.
     *
     * @param business the record's category, cost, SLA, action, escalation and narrative from the
     *                 bundle's mapping, or null when the bundle has none (the key is then left out)
     */
    public static Alert of(ScoredRecord scored, AlertOrigin origin, Map<String, Object> features, Business business) {
        List<Explanation> reasons = new ArrayList<>(scored.reasons().size());
        for (Reason r : scored.reasons()) {
            reasons.add(Explanation.of(r));
        }
        return new Alert(origin.alertId(), origin.row(), origin.line(), origin.source(), origin.id(), origin.entity(),
                origin.eventTime(), scored.score(),
                round2(scored.risk()), scored.severity().id(), scored.isAnomaly(), origin.label(), features, reasons,
                Explainer.narrative(scored.reasons()), business, scored.judge() == null ? null : JudgeOutput.of(scored.judge()));
    }

    /** 1 when {@code is_anomaly}, else 0. */
    @JsonProperty("predicted_label")
    public int predictedLabel() {
        return isAnomaly ? 1 : 0;
    }

    /** The raw score under the name web-session risk scoring uses. */
    @JsonProperty("anomaly_score")
    public double anomalyScore() {
        return score;
    }

    /** The severity band under the name web-session risk scoring uses (one scheme in the product). */
    @JsonProperty("risk_level")
    public String riskLevel() {
        return severity;
    }

    /** The narrative, for records above {@code info}; null for {@code info}. */
    @JsonProperty("risk_reason")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public String riskReason() {
        return "info".equals(severity) ? null : narrative;
    }

    static double round2(double v) {
        return Double.isFinite(v) ? Math.round(v * 100.0) / 100.0 : v;
    }
}
