package io.sentinelrisk.server.stats;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.sentinelrisk.core.calibrate.Calibration;

/**
 * A model's fitted thresholds, on the raw score and on the risk scale (0–100): {@code anomaly}
 * is the is_anomaly threshold (strictly above it is flagged), {@code medium}, {@code high} and
 * {@code critical} the severity bands' lower edges; {@code score_floor} is null without one.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Thresholds(@JsonProperty("score") Edges score, @JsonProperty("risk") Edges risk,
                         @JsonProperty("score_floor") Double scoreFloor) {

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Edges(@JsonProperty("anomaly") double anomaly, @JsonProperty("medium") double medium,
                        @JsonProperty("high") double high, @JsonProperty("critical") double critical) {
    }

    public static Thresholds of(Calibration c) {
        return new Thresholds(new Edges(c.anomalyAt(), c.mediumAt(), c.highAt(), c.criticalAt()),
                new Edges(c.risk(c.anomalyAt()), c.risk(c.mediumAt()), c.risk(c.highAt()), c.risk(c.criticalAt())),
                Double.isNaN(c.scoreFloor()) ? null : c.scoreFloor());
    }
}
