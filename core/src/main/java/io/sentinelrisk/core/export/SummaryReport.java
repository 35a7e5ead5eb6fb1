package io.sentinelrisk.core.export;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.sentinelrisk.core.ProductVersion;
import io.sentinelrisk.core.bundle.ModelId;
import io.sentinelrisk.core.entity.EntityAlert;
import io.sentinelrisk.core.entity.EntityRisk;
import io.sentinelrisk.core.entity.EntityScore;
import io.sentinelrisk.core.util.Durations;
import io.sentinelrisk.core.codec.Json;
import io.sentinelrisk.core.calibrate.Calibration;
import io.sentinelrisk.core.calibrate.Severity;
import io.sentinelrisk.core.io.AtomicFile;
import io.sentinelrisk.core.metrics.LabelledMetrics;
import io.sentinelrisk.core.pipeline.Pipeline;
import io.sentinelrisk.core.pipeline.ScoredBatch;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The summary report: what was scored, how many records fell in each severity, the anomaly
 * rate, the thresholds, the effective config, a profile of the data, timings, and — with labels
 * — the metrics. Field by field in docs/outputs.md; JSON Schema in
 * docs/schemas/summary-report.schema.json.
 *
 * <p>Nulls: {@code model}, {@code metrics} and {@code business} (alerts and estimated cost per
 * category of the bundle's business mapping) are left out when there is none;
 * {@code thresholds.score_floor} is written as null when unset.
 *
 * <p>Three parts stay ordered maps, each for a reason: {@code config} is the effective config as
 * {@code SentinelConfig} writes it everywhere (bundle manifest, evaluation report), whose keys
 * include each detector's own parameters; {@code training} is the training summary the bundle
 * stores and returns as free-form JSON; {@code data_profile} and {@code timings_ms} are keyed by
 * the data's column names and the command's steps.
 */
@JsonPropertyOrder({"report_version", "product_version", "command", "input", "model", "detector", "rows",
    "severity_counts", "anomalies", "anomaly_rate", "thresholds", "metrics", "business", "top_entities", "warnings", "config",
    "training", "data_profile", "timings_ms"})
public record SummaryReport(@JsonProperty("report_version") int reportVersion,
                            @JsonProperty("product_version") String productVersion,
                            @JsonProperty("command") String command,
                            @JsonProperty("input") String input,
                            @JsonProperty("model") @JsonInclude(JsonInclude.Include.NON_NULL) String model,
                            @JsonProperty("detector") String detector,
                            @JsonProperty("rows") int rows,
                            @JsonProperty("severity_counts") SeverityCounts severityCounts,
                            @JsonProperty("anomalies") long anomalies,
                            @JsonProperty("anomaly_rate") double anomalyRate,
                            @JsonProperty("thresholds") Thresholds thresholds,
                            @JsonProperty("metrics") @JsonInclude(JsonInclude.Include.NON_NULL) LabelledMetrics metrics,
                            @JsonProperty("business") @JsonInclude(JsonInclude.Include.NON_NULL) BusinessSummary business,
                            @JsonProperty("top_entities") @JsonInclude(JsonInclude.Include.NON_NULL) TopEntities topEntities,
                            @JsonProperty("warnings") List<String> warnings,
                            @JsonProperty("config") Map<String, Object> config,
                            @JsonProperty("training") Map<String, Object> training,
                            @JsonProperty("data_profile") Map<String, ColumnProfile> dataProfile,
                            @JsonProperty("timings_ms") Map<String, Double> timingsMs) {

    public static final int VERSION = 1;
    /** Entities listed in {@code top_entities}. */
    public static final int TOP_ENTITIES = 10;

    /**
     * The riskiest entities of the scored data (docs/entities.md), when its alerts carry an entity
     * and an event time.
     *
     * @param halfLife  the half-life used (config {@code entity_half_life})
     * @param asOf      the reference time: the latest alert's event time
     * @param entities  entities with an alert
     * @param top       the {@link #TOP_ENTITIES} riskiest, highest first
     */
    @JsonPropertyOrder({"half_life", "as_of", "entities", "top"})
    public record TopEntities(@JsonProperty("half_life") String halfLife, @JsonProperty("as_of") String asOf,
                              @JsonProperty("entities") int entities, @JsonProperty("top") List<EntityScore> top) {
        public TopEntities {
            top = List.copyOf(top);
        }

        /** Null when no alert has both an entity and an event time. */
        static TopEntities of(ScoredData data) {
            Accumulator a = new Accumulator();
            a.add(data, 0);
            return a.result(data.pipeline());
        }

        /** The flagged alerts with an entity and a time, gathered block by block (they are few: the flagged ones). */
        static final class Accumulator {
            private final List<EntityAlert> alerts = new ArrayList<>();
            private String modelId;

            /** Adds a scored block whose first row is the input's record {@code firstRecord}. */
            void add(ScoredData data, long firstRecord) {
                EventColumns events = data.events();
                if (!events.placesAlerts()) {
                    return;
                }
                ScoredBatch s = data.scores();
                for (int r = 0; r < s.rows(); r++) {
                    if (!s.isAnomaly()[r]) {
                        continue;
                    }
                    String entity = events.entity(data.frame(), r);
                    long t = events.eventMillis(data.frame(), r);
                    if (entity == null || t == Long.MIN_VALUE) {
                        continue;
                    }
                    int record = Math.toIntExact(firstRecord + r);
                    modelId = modelId == null ? ModelId.of(data.pipeline()) : modelId;
                    alerts.add(new EntityAlert(AlertIds.of(modelId, data.source(), record, RecordValues.id(data.frame(), r)), record,
                            entity, t, s.risk()[r], s.severity()[r], s.severity()[r].id()));
                }
            }

            TopEntities result(Pipeline pipeline) {
                if (alerts.isEmpty()) {
                    return null;
                }
                long halfLife = pipeline.config().entityHalfLifeMs();
                List<EntityScore> ranked = new EntityRisk(halfLife).rank(alerts, EntityAlert.NO_TIME);
                return new TopEntities(Durations.format(halfLife), Instant.ofEpochMilli(EntityRisk.latest(alerts)).toString(),
                        ranked.size(), ranked.subList(0, Math.min(TOP_ENTITIES, ranked.size())));
            }
        }
    }

    /** Records per severity band, most severe first. */
    @JsonPropertyOrder({"critical", "high", "medium", "info"})
    public record SeverityCounts(@JsonProperty("critical") long critical, @JsonProperty("high") long high,
                                 @JsonProperty("medium") long medium, @JsonProperty("info") long info) {
        static SeverityCounts of(ScoredBatch s) {
            return of(s.severityCounts());
        }

        /** From counts indexed by {@link Severity#ordinal()}. */
        public static SeverityCounts of(long[] c) {
            return new SeverityCounts(c[Severity.CRITICAL.ordinal()], c[Severity.HIGH.ordinal()],
                    c[Severity.MEDIUM.ordinal()], c[Severity.INFO.ordinal()]);
        }
    }

    /** The fitted raw-score thresholds of the severity bands and of {@code is_anomaly}. */
    @JsonPropertyOrder({"critical_at", "high_at", "medium_at", "anomaly_above", "score_floor"})
    public record Thresholds(@JsonProperty("critical_at") double criticalAt, @JsonProperty("high_at") double highAt,
                             @JsonProperty("medium_at") double mediumAt, @JsonProperty("anomaly_above") double anomalyAbove,
                             @JsonProperty("score_floor") Double scoreFloor) {
        static Thresholds of(Calibration c) {
            return new Thresholds(c.criticalAt(), c.highAt(), c.mediumAt(), c.anomalyAt(),
                    Double.isNaN(c.scoreFloor()) ? null : c.scoreFloor());
        }
    }

    /**
     * @param command  the command that produced it (train, score, demo)
     * @param model    where the model came from or went (bundle path), may be null
     * @param timings  step → milliseconds
     */
    public static SummaryReport build(String command, ScoredData data, String model, Map<String, ?> timings) {
        ScoredBatch s = data.scores();
        return of(command, data.source(), model, data.pipeline(), s.rows(), s.severityCounts(), s.anomalyCount(),
                data.labels() == null ? null : LabelledMetrics.of(s.score(), s.isAnomaly(), data.labels()),
                BusinessSummary.of(data), TopEntities.of(data), DataProfile.of(data.frame()), timings);
    }

    /**
     * The report from totals gathered as the data streamed by ({@link ScoredData} blocks).
     *
     * @param severityCounts rows per severity, indexed by {@link Severity#ordinal()}
     * @param metrics        the labelled metrics, or null without labels
     * @param business       alerts and estimated cost per category, or null when the bundle has no mapping
     * @param topEntities    the riskiest entities, or null when the alerts have no entity and time
     */
    public static SummaryReport of(String command, String source, String model, Pipeline pipeline, long rows,
                                   long[] severityCounts, long anomalies, LabelledMetrics metrics, BusinessSummary business,
                                   TopEntities topEntities, Map<String, ColumnProfile> dataProfile, Map<String, ?> timings) {
        Map<String, Double> ms = new LinkedHashMap<>();
        timings.forEach((step, v) -> ms.put(step, ((Number) v).doubleValue()));
        return new SummaryReport(VERSION, ProductVersion.get(), command, source, model,
                pipeline.detector().type(), Math.toIntExact(rows), SeverityCounts.of(severityCounts), anomalies,
                rows == 0 ? 0.0 : (double) anomalies / rows, Thresholds.of(pipeline.calibration()),
                metrics, business, topEntities, warnings(pipeline.trainingSummary()), pipeline.config().toMap(),
                pipeline.trainingSummary(), dataProfile, ms);
    }

    /** This report with other timings (the report is built before its own writing is timed). */
    public SummaryReport withTimings(Map<String, ?> timings) {
        Map<String, Double> ms = new LinkedHashMap<>();
        timings.forEach((step, v) -> ms.put(step, ((Number) v).doubleValue()));
        return new SummaryReport(reportVersion, productVersion, command, input, model, detector, rows, severityCounts,
                anomalies, anomalyRate, thresholds, metrics, business, topEntities, warnings, config, training, dataProfile, ms);
    }

    /** Training's warnings (a dropped column, a column that gives the label away, ...), as the training summary keeps them. */
    private static List<String> warnings(Map<String, Object> training) {
        return training.get("warnings") instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
    }

    public static void write(Path target, SummaryReport report) {
        AtomicFile.write(target, os -> os.write(Json.bytes(report)));
    }
}
