package io.sentinelrisk.core.pipeline;

import io.sentinelrisk.core.config.ConfigException;
import io.sentinelrisk.core.config.LocatedTree;
import io.sentinelrisk.core.config.ParamSpec;
import io.sentinelrisk.core.config.Params;
import io.sentinelrisk.core.data.ColumnType;
import io.sentinelrisk.core.detect.DetectorFactory;
import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.error.InputLocation;
import io.sentinelrisk.core.prepare.Preprocessing;
import io.sentinelrisk.core.util.Durations;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The effective configuration of a pipeline: every key resolved to a value (given in the file,
 * overridden by a command-line flag, or defaulted). One schema for YAML and JSON; see
 * {@link #TOP_LEVEL}, {@link #PREPROCESSING} and {@link #EXPLAIN} for every key with its default
 * and meaning, and each detector's {@link DetectorFactory#params()}.
 */
public record SentinelConfig(
        double contamination,
        long randomState,
        List<Double> severityBands,
        Double scoreFloor,
        int topN,
        int threads,
        String labelColumn,
        List<String> idColumns,
        List<String> ignoreColumns,
        List<String> featureColumns,
        Map<String, ColumnType> columnTypes,
        String delimiter,
        double validationFraction,
        Preprocessing preprocessing,
        int explainTopFeatures,
        String detectorType,
        Params detectorParams,
        String entityColumn,
        String timeColumn,
        long entityHalfLifeMs) {

    /** Keys of {@code detector_params} one may also write at the top level (scikit-learn habit). */
    public static final List<String> DETECTOR_SHORTCUTS = List.of("n_estimators", "max_samples", "max_features", "bootstrap");

    public static final List<ParamSpec> TOP_LEVEL = List.of(
            ParamSpec.ofDouble("contamination", 0.01,
                    "expected fraction of anomalies in the training data: is_anomaly = score above this upper quantile of the training scores (0 < c < 0.5)"),
            new ParamSpec("random_state", ParamSpec.Kind.INT, 42,
                    "seed of every random choice; same data + config + seed = same scores and bundle", null),
            ParamSpec.ofDoubleList("severity_bands", List.of(0.005, 0.02, 0.1),
                    "upper fractions of the training score distribution that are critical, high and medium (increasing); the rest is info"),
            ParamSpec.ofOptionalDouble("score_floor",
                    "minimum raw score to flag anything: below it a record is never is_anomaly and its severity is info (default: none)"),
            ParamSpec.ofInt("top_n", 50, "how many of the most anomalous records the top-N JSON export holds"),
            ParamSpec.ofInt("threads", 0, "threads for fitting and scoring; 0 = all cores (results do not depend on it)"),
            ParamSpec.ofString("label_column", "label",
                    "column holding labels (1/0, true/false, anomaly/normal), used for metrics when present and never as a feature"),
            ParamSpec.ofStringList("id_columns", List.of(), "columns that identify a record (reported, never used as features)"),
            ParamSpec.ofStringList("ignore_columns", List.of(), "columns to leave out entirely"),
            ParamSpec.ofOptionalString("entity_column",
                    "column naming who or what a record is about (user, device, card, host): alerts carry it as entity, for entity risk and incidents (default: the feature plan's entity, else none)"),
            ParamSpec.ofOptionalString("time_column",
                    "timestamp column of a record's event time: alerts carry it as event_time (default: the feature plan's timestamp, else none)"),
            ParamSpec.ofString("entity_half_life", "24h",
                    "half-life of an alert's weight in entity risk (the summary report's top entities): 90s, 30m, 24h, 7d"),
            ParamSpec.ofStringList("feature_columns", List.of(),
                    "columns to use as features even if named like an identifier or a label, or with a distinct value on most rows"),
            ParamSpec.ofMap("column_types", "per-column type overriding inference: numeric | categorical | boolean | timestamp"),
            ParamSpec.ofString("delimiter", "auto", "CSV field delimiter: auto (sniffed), ',', ';', '\\t' (tab), '|' or any single character"),
            ParamSpec.ofDouble("validation_fraction", 0.25,
                    "supervised detectors: share of the labelled rows held out (stratified, seeded) to measure the model in the report"),
            ParamSpec.ofMap("preprocessing", "imputation, encoding and scaling; see the preprocessing keys"),
            ParamSpec.ofMap("explain", "explanations; see the explain keys"),
            ParamSpec.ofMap("detector", "the detector: {type: iforest, ...its parameters}; see the detector keys"),
            new ParamSpec("n_estimators", ParamSpec.Kind.INT, null, "shortcut for detector.n_estimators", null),
            new ParamSpec("max_samples", ParamSpec.Kind.NUMBER_OR_CHOICE, null, "shortcut for detector.max_samples", List.of("auto")),
            new ParamSpec("max_features", ParamSpec.Kind.DOUBLE, null, "shortcut for detector.max_features", null),
            new ParamSpec("bootstrap", ParamSpec.Kind.BOOLEAN, null, "shortcut for detector.bootstrap", null));

    public static final List<ParamSpec> PREPROCESSING = List.of(
            ParamSpec.ofChoice("numeric_imputation", "median", "value learned at train time for missing numbers", "median", "mean"),
            ParamSpec.ofChoice("categorical_imputation", "mode", "value learned at train time for missing categories", "mode"),
            ParamSpec.ofChoice("categorical_encoding", "frequency",
                    "frequency: one feature, the category's training frequency (unseen = 0); onehot: one 0/1 feature per frequent category plus one for all others and unseen ones",
                    "frequency", "onehot"),
            ParamSpec.ofInt("max_categories", 20, "onehot: at most this many categories get their own feature"),
            ParamSpec.ofChoice("scaling", "standard", "standard: (x - mean) / std; robust: (x - median) / IQR; none", "standard", "robust", "none"),
            ParamSpec.ofBoolean("timestamp_features", true,
                    "timestamps become hour of day and day of week features (UTC); false = ignore timestamp columns"));

    public static final List<ParamSpec> EXPLAIN = List.of(
            ParamSpec.ofInt("top_features", 3, "how many features explain each exported record"));


    /** The defaults, as if an empty file were given. */
    public static SentinelConfig defaults() {
        return fromMap(new LinkedHashMap<>(), Map.of(), key -> null, "defaults");
    }

    /** Reads a YAML or JSON file, applies {@code overrides} (flag key → value), validates. */
    public static SentinelConfig load(Path file, Map<String, Object> overrides) {
        if (file == null) {
            return fromMap(new LinkedHashMap<>(), overrides, key -> null, "flags");
        }
        LocatedTree tree = LocatedTree.read(file);
        return fromMap(new LinkedHashMap<>(tree.rootMap()), overrides, tree::locate, file.toString());
    }

    /**
     * Validates a parsed mapping. {@code overrides} use dotted keys for nested ones
     * ({@code detector.type}); {@code locator} tells where a dotted key was written.
     */
    @SuppressWarnings("unchecked")
    public static SentinelConfig fromMap(Map<String, Object> raw, Map<String, Object> overrides,
                                         Function<String, InputLocation> locator, String source) {
        Map<String, Object> merged = deepCopy(raw);
        for (Map.Entry<String, Object> o : overrides.entrySet()) {
            if (o.getValue() == null) {
                continue;
            }
            String[] parts = o.getKey().split("\\.");
            Map<String, Object> target = merged;
            for (int i = 0; i < parts.length - 1; i++) {
                Object child = target.get(parts[i]);
                if (!(child instanceof Map<?, ?>)) {
                    child = new LinkedHashMap<String, Object>();
                    target.put(parts[i], child);
                }
                target = (Map<String, Object>) child;
            }
            target.put(parts[parts.length - 1], o.getValue());
        }
        String where = "config (" + source + ")";
        Params top = Params.parse(merged, TOP_LEVEL, where, locator);
        Params prep = Params.parse(top.getMap("preprocessing"), PREPROCESSING, where + " preprocessing",
                key -> locator.apply("preprocessing." + key));
        Params explain = Params.parse(top.getMap("explain"), EXPLAIN, where + " explain",
                key -> locator.apply("explain." + key));

        Map<String, Object> detectorRaw = new LinkedHashMap<>(top.getMap("detector"));
        Object typeValue = detectorRaw.remove("type");
        String type = typeValue == null ? "iforest" : typeValue.toString();
        DetectorFactory factory;
        try {
            factory = Detectors.byType(type);
        } catch (InputException e) {
            throw new ConfigException(locator.apply("detector.type"), e.getMessage());
        }
        List<String> paramNames = factory.params().stream().map(ParamSpec::name).toList();
        List<String> writtenAtTop = new ArrayList<>();
        for (String shortcut : DETECTOR_SHORTCUTS) {
            if (top.has(shortcut)) {
                if (!paramNames.contains(shortcut)) {
                    throw new ConfigException(locator.apply(shortcut),
                            "'" + shortcut + "' does not apply to detector '" + type + "'; its parameters: " + String.join(", ", paramNames));
                }
                if (!detectorRaw.containsKey(shortcut)) {
                    detectorRaw.put(shortcut, top.get(shortcut));
                    writtenAtTop.add(shortcut);
                }
            }
        }
        Function<String, InputLocation> detectorKey =
                key -> locator.apply(writtenAtTop.contains(key) ? key : "detector." + key);
        Params detector = Params.parse(detectorRaw, factory.params(), where + " detector (" + type + ")", detectorKey);
        // The detector's params record validates ranges exactly as training builds it, so that
        // `config check` refuses what `train` would refuse, at the place the value was written.
        try {
            factory.paramsOf(detector);
        } catch (ConfigException e) {
            if (e.key() == null) {
                throw e;
            }
            InputLocation at = detectorKey.apply(e.key());
            throw e.at(at, at == null ? where + ": " : "");
        }

        double contamination = top.getDouble("contamination");
        if (!(contamination > 0 && contamination < 0.5)) {
            throw new ConfigException(locator.apply("contamination"),
                    "'contamination' must be in (0, 0.5), found " + contamination);
        }
        List<Double> bands = top.getDoubleList("severity_bands");
        if (bands.size() != 3 || !(bands.get(0) > 0 && bands.get(0) < bands.get(1) && bands.get(1) < bands.get(2) && bands.get(2) < 1)) {
            throw new ConfigException(locator.apply("severity_bands"),
                    "'severity_bands' must be three increasing fractions in (0, 1) for critical, high, medium, e.g. [0.005, 0.02, 0.1]; found " + bands);
        }
        int topN = top.getInt("top_n");
        if (topN < 0) {
            throw new ConfigException(locator.apply("top_n"), "'top_n' must be ≥ 0, found " + topN);
        }
        int threads = top.getInt("threads");
        if (threads < 0) {
            throw new ConfigException(locator.apply("threads"), "'threads' must be ≥ 0 (0 = all cores), found " + threads);
        }
        int maxCategories = prep.getInt("max_categories");
        if (maxCategories < 1) {
            throw new ConfigException(locator.apply("preprocessing.max_categories"), "'max_categories' must be ≥ 1, found " + maxCategories);
        }
        double validation = top.getDouble("validation_fraction");
        if (!(validation > 0 && validation < 1)) {
            throw new ConfigException(locator.apply("validation_fraction"), "'validation_fraction' must be in (0, 1), found " + validation);
        }
        int topFeatures = explain.getInt("top_features");
        if (topFeatures < 0) {
            throw new ConfigException(locator.apply("explain.top_features"), "'top_features' must be ≥ 0, found " + topFeatures);
        }
        long halfLife = Durations.parseMillis(top.getString("entity_half_life"));
        if (halfLife <= 0) {
            throw new ConfigException(locator.apply("entity_half_life"),
                    "'entity_half_life' must be a positive duration like 90s, 30m, 24h or 7d, found " + top.getString("entity_half_life"));
        }
        Map<String, ColumnType> types = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : top.getMap("column_types").entrySet()) {
            ColumnType t = e.getValue() instanceof String s ? ColumnType.parse(s) : null;
            if (t == null) {
                throw new ConfigException(locator.apply("column_types." + e.getKey()),
                        "column type of '" + e.getKey() + "' must be numeric, categorical, boolean or timestamp; found " + e.getValue());
            }
            types.put(e.getKey(), t);
        }
        Preprocessing preprocessing = new Preprocessing(prep.getString("numeric_imputation"),
                prep.getString("categorical_encoding"), maxCategories, prep.getString("scaling"),
                prep.getBoolean("timestamp_features"));
        return new SentinelConfig(contamination, ((Number) top.get("random_state")).longValue(), bands,
                top.has("score_floor") ? top.getDouble("score_floor") : null, topN, threads,
                top.getString("label_column"), top.getStringList("id_columns"), top.getStringList("ignore_columns"),
                top.getStringList("feature_columns"),
                Map.copyOf(types), top.getString("delimiter"), validation, preprocessing, topFeatures, type, detector,
                top.getString("entity_column"), top.getString("time_column"), halfLife);
    }

    /** Threads to use: the configured number, or all cores for 0. */
    public int effectiveThreads() {
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }

    /** Every key with its value, for reports and the bundle (stable order, snake_case). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("contamination", contamination);
        m.put("random_state", randomState);
        m.put("severity_bands", severityBands);
        m.put("score_floor", scoreFloor);
        m.put("top_n", topN);
        m.put("threads", threads);
        m.put("label_column", labelColumn);
        m.put("id_columns", idColumns);
        m.put("ignore_columns", ignoreColumns);
        m.put("feature_columns", featureColumns);
        m.put("entity_column", entityColumn);
        m.put("time_column", timeColumn);
        m.put("entity_half_life", Durations.format(entityHalfLifeMs));
        Map<String, Object> types = new java.util.TreeMap<>();
        columnTypes.forEach((k, v) -> types.put(k, v.id()));
        m.put("column_types", types);
        m.put("delimiter", delimiter);
        m.put("validation_fraction", validationFraction);
        Map<String, Object> prep = new LinkedHashMap<>();
        prep.put("numeric_imputation", preprocessing.numericImputation());
        prep.put("categorical_imputation", "mode");
        prep.put("categorical_encoding", preprocessing.categoricalEncoding());
        prep.put("max_categories", preprocessing.maxCategories());
        prep.put("scaling", preprocessing.scaling());
        prep.put("timestamp_features", preprocessing.timestampFeatures());
        m.put("preprocessing", prep);
        m.put("explain", Map.of("top_features", explainTopFeatures));
        Map<String, Object> det = new LinkedHashMap<>();
        det.put("type", detectorType);
        det.putAll(detectorParams.asMap());
        m.put("detector", det);
        return m;
    }

    /** This config with some keys replaced (dotted keys for nested ones; null values are skipped). */
    public SentinelConfig withOverrides(Map<String, Object> overrides, String source) {
        return fromMap(toMap(), overrides, key -> null, source);
    }

    /** Reads back a config written by {@link #toMap()} (e.g. from a bundle's manifest). */
    public static SentinelConfig fromEffectiveMap(Map<String, Object> map, String source) {
        return fromMap(new LinkedHashMap<>(map), Map.of(), key -> null, source);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deepCopy(Map<String, Object> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : m.entrySet()) {
            Object v = e.getValue();
            out.put(e.getKey(), v instanceof Map<?, ?> child ? deepCopy((Map<String, Object>) child) : v);
        }
        return out;
    }

    /** The keys of a section, for help texts. */
    public static List<String> names(List<ParamSpec> specs) {
        List<String> out = new ArrayList<>();
        for (ParamSpec s : specs) {
            out.add(s.name());
        }
        return out;
    }
}
