package io.sentinelrisk.core.bundle;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A bundle's {@code manifest.json}, field by field (docs/bundle.md): what the bundle is, what
 * made it, the schema it scores, its effective config, fitted thresholds, training summary, and
 * the SHA-256 and size of every part. Written by Jackson in this field order, so the same content
 * is always the same bytes; read by {@link JsonFields}, strictly.
 *
 * <p>{@code config} and {@code training} stay ordered maps: they are the effective config's own
 * serialised form (read back by {@code SentinelConfig.fromEffectiveMap}) and the training
 * summary, whose keys follow the detector and the labels.
 */
@JsonPropertyOrder({"format", "format_version", "product_version", "created_at", "schema", "features", "config",
    "detector", "feature_plan", "mapping", "judge", "thresholds", "training", "parts"})
public record Manifest(@JsonProperty(value = "format", required = true) String format,
                       @JsonProperty(value = "format_version", required = true) int formatVersion,
                       @JsonProperty(value = "product_version", required = true) String productVersion,
                       @JsonProperty(value = "created_at", required = true) String createdAt,
                       @JsonProperty(value = "schema", required = true) List<SchemaColumn> schema,
                       @JsonProperty(value = "features", required = true) List<String> features,
                       @JsonProperty(value = "config", required = true) Map<String, Object> config,
                       @JsonProperty(value = "detector", required = true) DetectorRef detector,
                       @JsonProperty("feature_plan") @JsonInclude(JsonInclude.Include.NON_NULL) FeaturePlanRef featurePlan,
                       @JsonProperty("mapping") @JsonInclude(JsonInclude.Include.NON_NULL) MappingRef mapping,
                       @JsonProperty("judge") @JsonInclude(JsonInclude.Include.NON_NULL) JudgeRef judge,
                       @JsonProperty(value = "thresholds", required = true) Thresholds thresholds,
                       @JsonProperty(value = "training", required = true) Map<String, Object> training,
                       @JsonProperty(value = "parts", required = true) Map<String, PartChecksum> parts) {

    public Manifest {
        require(format, "format");
        require(productVersion, "product_version");
        require(createdAt, "created_at");
        schema = List.copyOf(require(schema, "schema"));
        features = List.copyOf(require(features, "features"));
        config = Collections.unmodifiableMap(new LinkedHashMap<>(require(config, "config")));
        require(detector, "detector");
        require(thresholds, "thresholds");
        training = Collections.unmodifiableMap(new LinkedHashMap<>(require(training, "training")));
        parts = Collections.unmodifiableMap(new LinkedHashMap<>(require(parts, "parts")));
    }

    private static Manifest from(JsonFields f) {
        return f.done(new Manifest(f.text("format"), f.wholeInt("format_version"), f.text("product_version"),
                f.text("created_at"), f.objects("schema", SchemaColumn::from), f.texts("features"), f.rawObject("config"),
                f.object("detector", DetectorRef::from), f.optionalObject("feature_plan", FeaturePlanRef::from),
                f.optionalObject("mapping", MappingRef::from), f.optionalObject("judge", JudgeRef::from),
                f.object("thresholds", Thresholds::from), f.rawObject("training"), f.objectsByName("parts", PartChecksum::from)));
    }

    /** One input column: its name, type and role ({@code feature}, {@code id}, {@code label}, ...). */
    @JsonPropertyOrder({"name", "type", "role"})
    public record SchemaColumn(@JsonProperty(value = "name", required = true) String name,
                               @JsonProperty(value = "type", required = true) String type,
                               @JsonProperty(value = "role", required = true) String role) {
        public SchemaColumn {
            require(name, "schema[].name");
            require(type, "schema[].type");
            require(role, "schema[].role");
        }

        static SchemaColumn from(JsonFields f) {
            return f.done(new SchemaColumn(f.text("name"), f.text("type"), f.text("role")));
        }
    }

    /** The fitted detector: its registry type and the part holding its model. */
    @JsonPropertyOrder({"type", "part"})
    public record DetectorRef(@JsonProperty(value = "type", required = true) String type,
                              @JsonProperty(value = "part", required = true) String part) {
        public DetectorRef {
            require(type, "detector.type");
            require(part, "detector.part");
        }

        static DetectorRef from(JsonFields f) {
            return f.done(new DetectorRef(f.text("type"), f.text("part")));
        }
    }

    /** Where the feature plan is, where it came from, and the feature columns it adds (format 2). */
    @JsonPropertyOrder({"part", "origin", "feature_columns"})
    public record FeaturePlanRef(@JsonProperty(value = "part", required = true) String part,
                                 @JsonProperty(value = "origin", required = true) String origin,
                                 @JsonProperty(value = "feature_columns", required = true) List<String> featureColumns) {
        public FeaturePlanRef {
            require(part, "feature_plan.part");
            require(origin, "feature_plan.origin");
            featureColumns = List.copyOf(require(featureColumns, "feature_plan.feature_columns"));
        }

        static FeaturePlanRef from(JsonFields f) {
            return f.done(new FeaturePlanRef(f.text("part"), f.text("origin"), f.texts("feature_columns")));
        }
    }

    /** Where the business mapping is, where it came from, and its categories in order (format 3). */
    @JsonPropertyOrder({"part", "origin", "categories"})
    public record MappingRef(@JsonProperty(value = "part", required = true) String part,
                             @JsonProperty(value = "origin", required = true) String origin,
                             @JsonProperty(value = "categories", required = true) List<String> categories) {
        public MappingRef {
            require(part, "mapping.part");
            require(origin, "mapping.origin");
            categories = List.copyOf(require(categories, "mapping.categories"));
        }

        static MappingRef from(JsonFields f) {
            return f.done(new MappingRef(f.text("part"), f.text("origin"), f.texts("categories")));
        }
    }

    /**
     * The hybrid judge (format 3): the part describing it, its probability threshold and how many
     * inputs its booster reads.
     */
    @JsonPropertyOrder({"part", "threshold", "inputs"})
    public record JudgeRef(@JsonProperty(value = "part", required = true) String part,
                           @JsonProperty(value = "threshold", required = true) double threshold,
                           @JsonProperty(value = "inputs", required = true) int inputs) {
        public JudgeRef {
            require(part, "judge.part");
        }

        static JudgeRef from(JsonFields f) {
            return f.done(new JudgeRef(f.text("part"), f.number("threshold"), f.wholeInt("inputs")));
        }
    }

    /**
     * The fitted raw-score thresholds (their grid is in {@code calibration.bin}, or in
     * {@code calibration.json} in bundles of older releases); a null {@code score_floor} means none was set.
     */
    @JsonPropertyOrder({"critical_at", "high_at", "medium_at", "anomaly_above", "score_floor"})
    public record Thresholds(@JsonProperty(value = "critical_at", required = true) double criticalAt,
                             @JsonProperty(value = "high_at", required = true) double highAt,
                             @JsonProperty(value = "medium_at", required = true) double mediumAt,
                             @JsonProperty(value = "anomaly_above", required = true) double anomalyAbove,
                             @JsonProperty("score_floor") Double scoreFloor) {
        static Thresholds from(JsonFields f) {
            return f.done(new Thresholds(f.number("critical_at"), f.number("high_at"), f.number("medium_at"),
                    f.number("anomaly_above"), f.optionalNumber("score_floor")));
        }
    }

    /**
     * A part's SHA-256 and inflated size. Bundles from early builds give no size ({@code null});
     * such parts are read under a cap (BundleEntries).
     */
    @JsonPropertyOrder({"sha256", "bytes"})
    public record PartChecksum(@JsonProperty(value = "sha256", required = true) String sha256,
                               @JsonProperty("bytes") @JsonInclude(JsonInclude.Include.NON_NULL) Long bytes) {
        public PartChecksum {
            require(sha256, "parts.*.sha256");
            if (bytes != null && bytes < 0) {
                throw new IllegalArgumentException("parts.*.bytes must be a whole number of bytes, found " + bytes);
            }
        }

        static PartChecksum from(JsonFields f) {
            return f.done(new PartChecksum(f.text("sha256"), f.optionalWholeLong("bytes")));
        }
    }

    /** The manifest as the bundle stores it: indented JSON, UTF-8, a final newline. */
    public byte[] toBytes() {
        return BundleJson.bytes(this);
    }

    /**
     * The JSON of a manifest as plain values ({@link JsonTree}), so its format can be checked
     * before it is bound (a newer format may hold fields this build does not know). Malformed JSON
     * is an InputException at {@code where}.
     */
    static Map<String, Object> tree(byte[] bytes, String where) {
        return JsonTree.object(bytes, where, "manifest");
    }

    /** Binds a manifest; a missing, unknown or mistyped field is an InputException at {@code where}. */
    static Manifest bind(Map<String, Object> tree, String where) {
        return JsonFields.bind(tree, where, "manifest", Manifest::from);
    }

    private static <T> T require(T value, String field) {
        return BundleJson.require(value, field);
    }
}
