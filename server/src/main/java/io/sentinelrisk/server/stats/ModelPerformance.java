package io.sentinelrisk.server.stats;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sentinelrisk.server.scoring.ActiveModel;
import io.sentinelrisk.server.store.Database;
import io.sentinelrisk.server.store.FeedbackStore;
import io.sentinelrisk.server.store.ModelRow;
import io.sentinelrisk.server.store.ModelStore;
import io.sentinelrisk.server.store.StatsStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Model performance page's data: precision from analysts' verdicts over time and per category
 * ({@link FeedbackStats}), alert volume per bucket and severity, the default champion and each
 * source's champion (version, registration, thresholds and the bundle's training summary) and each
 * source's drift verdict.
 */
public final class ModelPerformance {
    /** The most verdicts read for one answer (the latest in the range). */
    public static final int MAX_VERDICTS = 100_000;
    static final List<String> SEVERITIES = List.of("critical", "high", "medium", "info");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ModelPerformance() {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Model(@JsonProperty("version") String version, @JsonProperty("detector") String detector,
                        @JsonProperty("origin") String origin, @JsonProperty("registered_at") String registeredAt,
                        @JsonProperty("thresholds") Thresholds thresholds, @JsonProperty("training") JsonNode training) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Precision(@JsonProperty("overall") FeedbackStats.Counts overall,
                            @JsonProperty("by_category") List<FeedbackStats.Counts> byCategory,
                            @JsonProperty("over_time") List<FeedbackStats.Counts> overTime) {
    }

    /** Alerts per bucket: {@code total} and per severity. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Volume(@JsonProperty("total") long[] total, @JsonProperty("by_severity") Map<String, long[]> bySeverity) {
    }

    /** A source's drift in one line (the Distributions answer has the columns). */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Drift(@JsonProperty("source") String source, @JsonProperty("rows") long rows,
                        @JsonProperty("verdict") String verdict, @JsonProperty("score_psi") double scorePsi,
                        @JsonProperty("drifted_columns") List<String> driftedColumns) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record View(@JsonProperty("from") String from, @JsonProperty("to") String to,
                       @JsonProperty("bucket") String bucket, @JsonProperty("buckets") List<String> buckets,
                       @JsonProperty("model") Model model, @JsonProperty("models") Map<String, Model> models,
                       @JsonProperty("precision") Precision precision,
                       @JsonProperty("alert_volume") Volume alertVolume, @JsonProperty("drift") List<Drift> drift) {
    }

    /**
     * @param model     the default champion (or the first source's without one)
     * @param champions each source's champion (as {@code ModelRegistry.champions()})
     */
    public static View of(Database db, ActiveModel model, Map<String, ActiveModel> champions,
                          java.util.function.Function<String, ActiveModel> modelFor, TimeRange range, int recentRows) {
        long from = range.from();
        long to = range.to();
        int n = range.buckets();
        List<FeedbackStore.Labelled> verdicts = db.read("stats.verdicts", c -> FeedbackStore.labelled(c, from, to, MAX_VERDICTS));
        FeedbackStats stats = FeedbackStats.of(verdicts);
        Precision precision = new Precision(stats.overall(), stats.byCategory(),
                FeedbackStats.timeline(verdicts, from, range.bucket().millis, n));
        long[] total = new long[n];
        Map<String, long[]> bySeverity = new java.util.LinkedHashMap<>();
        for (String s : SEVERITIES) {
            bySeverity.put(s, new long[n]);
        }
        for (StatsStore.BucketCount b : db.read("stats.volume", c -> StatsStore.volume(c, from, to, range.bucket().millis, null))) {
            if (b.bucket() >= 0 && b.bucket() < n) {
                total[(int) b.bucket()] += b.count();
                bySeverity.computeIfAbsent(b.group(), k -> new long[n])[(int) b.bucket()] += b.count();
            }
        }
        Map<String, Model> models = new TreeMap<>();
        champions.forEach((source, m) -> models.put(source, model(db, m)));
        List<Drift> drift = new ArrayList<>();
        for (FeatureDrift.SourceView v : Distributions.features(db, modelFor, null, recentRows)) {
            drift.add(new Drift(v.source(), v.rows(), v.verdict(), v.score().psi(), v.driftedColumns()));
        }
        return new View(Instant.ofEpochMilli(from).toString(), Instant.ofEpochMilli(to).toString(), range.bucket().id(),
                range.starts(), model(db, model), models, precision, new Volume(total, bySeverity), drift);
    }

    private static Model model(Database db, ActiveModel model) {
        ModelRow row = db.read("models.get", c -> ModelStore.get(c, model.version())).orElse(null);
        return new Model(model.version(), row == null ? null : row.detector(), row == null ? null : row.origin(),
                row == null ? null : Instant.ofEpochMilli(row.createdAt()).toString(),
                Thresholds.of(model.pipeline().calibration()), finite(MAPPER.valueToTree(model.pipeline().trainingSummary())));
    }

    /** The tree with NaN and infinite numbers as null (JSON has no such numbers). */
    static JsonNode finite(JsonNode node) {
        if (node instanceof ObjectNode o) {
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                e.setValue(finite(e.getValue()));
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                a.set(i, finite(a.get(i)));
            }
        } else if (node != null && node.isNumber() && !Double.isFinite(node.asDouble())) {
            return com.fasterxml.jackson.databind.node.NullNode.instance;
        }
        return node;
    }
}
