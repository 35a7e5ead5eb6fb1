package io.sentinelrisk.core.pipeline;

import io.sentinelrisk.core.codec.Json;
import io.sentinelrisk.core.config.ConfigException;
import io.sentinelrisk.core.config.LocatedTree;
import io.sentinelrisk.core.config.ParamSpec;
import io.sentinelrisk.core.config.Params;
import io.sentinelrisk.core.error.InputLocation;
import io.sentinelrisk.core.judge.JudgeSettings;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The config of the hybrid judge's pipeline ({@code sentinel pipeline run} and the
 * {@code sentinel judge} stages): one YAML or JSON file with a section per stage. Relative paths
 * are relative to the file's folder. Every key is listed in {@link #TOP}, {@link #LABELS},
 * {@link #EVALUATE}, the model keys of {@link SentinelConfig} (without {@code detector}), the
 * autoencoder's parameters and {@link JudgeSettings}.
 *
 * @param input       training data (CSV)
 * @param features    the feature plan computed from the raw events before anything else (a feature
 *                    spec file, resolved against the config's folder, or {@code pack:NAME}), or null
 * @param labels      where labels come from
 * @param model       the pipeline's config; its detector is the autoencoder with the {@code autoencoder} section's parameters
 * @param judge       the judge stage's settings
 * @param evaluateInput labelled data the evaluate stage measures on, or null
 * @param baselines   evaluate: also fit and measure the baselines side by side
 * @param sections    each section's effective values, for the stages' checksums
 */
public record JudgePipelineConfig(Path input, String features, LabelSettings labels, SentinelConfig model, JudgeSettings judge,
                                  Path evaluateInput, boolean baselines, Map<String, Object> sections) {

    /**
     * @param column        column of true labels in the training data (every row labelled), or null for none
     * @param file          a labels file (one per row), or null
     * @param heuristics    heuristic rules file, or null
     * @param trueFraction  share of the true labels kept (stratified, seeded): 1 keeps all; the scarce-label setting uses 0.01
     * @param scenarioColumn column naming each row's scenario (for leave-one-scenario-out)
     * @param leaveOut      a scenario whose rows are left out of training (and kept alone with normal rows for evaluation), or null
     */
    public record LabelSettings(String column, Path file, Path heuristics, double trueFraction, String scenarioColumn,
                                String leaveOut) {
    }

    public static final List<ParamSpec> TOP = List.of(
            ParamSpec.ofOptionalString("input", "training data (CSV); --input overrides it"),
            ParamSpec.ofOptionalString("features", "point-in-time features computed from the raw events first: a feature spec "
                    + "(YAML) or pack:NAME, as train --features; the bundle keeps the plan; --features overrides it"),
            ParamSpec.ofMap("labels", "where labels come from; see the labels keys"),
            ParamSpec.ofMap("model", "preparation, calibration and explanations: the keys of 'sentinel config defaults' without detector"),
            ParamSpec.ofMap("autoencoder", "the autoencoder's parameters (see the autoencoder detector's keys)"),
            ParamSpec.ofMap("judge", "the judge: detectors, validation_fraction, threshold_rule, min_recall and XGBoost's parameters"),
            ParamSpec.ofMap("evaluate", "the evaluate stage; see the evaluate keys"));

    public static final List<ParamSpec> LABELS = List.of(
            ParamSpec.ofOptionalString("column", "column of true labels (1/0), every row labelled; default: 'label' when present"),
            ParamSpec.ofOptionalString("file", "a labels file, one per data row"),
            ParamSpec.ofOptionalString("heuristics", "heuristic rules (YAML) giving pseudo-labels where no true label is kept"),
            ParamSpec.ofDouble("true_fraction", 1.0, "share of the true labels kept (stratified, seeded), in (0, 1]; 0 keeps none: heuristics only"),
            ParamSpec.ofString("scenario_column", "scenario", "column naming each row's scenario (normal or the attack)"),
            ParamSpec.ofOptionalString("leave_out", "scenario left out of training and alone in evaluation (leave-one-scenario-out)"));

    public static final List<ParamSpec> EVALUATE = List.of(
            ParamSpec.ofOptionalString("input", "labelled data the evaluate stage measures on; --evaluate-input overrides it"),
            ParamSpec.ofBoolean("baselines", false,
                    "also fit and measure heuristics alone, the autoencoder alone, an isolation forest, the default ensemble and XGBoost on raw features"));

    /** Reads {@code file}, applying {@code overrides} (dotted keys, e.g. {@code labels.leave_out}; null values skipped). */
    public static JudgePipelineConfig load(Path file, Map<String, Object> overrides) {
        LocatedTree tree = LocatedTree.read(file);
        Map<String, Object> raw = deepCopy(tree.rootMap());
        for (Map.Entry<String, Object> o : overrides.entrySet()) {
            if (o.getValue() == null) {
                continue;
            }
            String[] parts = o.getKey().split("\\.");
            Map<String, Object> target = raw;
            for (int i = 0; i < parts.length - 1; i++) {
                target = child(target, parts[i]);
            }
            target.put(parts[parts.length - 1], o.getValue());
        }
        Path base = file.toAbsolutePath().getParent();
        String where = "pipeline config (" + file + ")";
        Function<String, InputLocation> at = tree::locate;
        Params top = Params.parse(raw, TOP, where, at);
        Params labels = Params.parse(top.getMap("labels"), LABELS, where + " labels", k -> at.apply("labels." + k));
        Params evaluate = Params.parse(top.getMap("evaluate"), EVALUATE, where + " evaluate", k -> at.apply("evaluate." + k));
        Map<String, Object> model = new LinkedHashMap<>(top.getMap("model"));
        if (model.containsKey("detector")) {
            throw new ConfigException(at.apply("model.detector"), where + ": the judge's pipeline detector is the autoencoder; "
                    + "set its parameters in the 'autoencoder' section");
        }
        Map<String, Object> detector = new LinkedHashMap<>(top.getMap("autoencoder"));
        detector.put("type", "autoencoder");
        model.put("detector", detector);
        String column = labels.getString("column");
        if (column != null) {
            model.put("label_column", column);
        }
        SentinelConfig cfg = SentinelConfig.fromMap(model, Map.of(), k -> k.startsWith("detector.")
                ? at.apply("autoencoder." + k.substring("detector.".length())) : at.apply("model." + k), file.toString());
        JudgeSettings judge = JudgeSettings.of(top.getMap("judge"), Detectors.catalog(), where + " judge",
                k -> at.apply("judge." + k));
        double fraction = labels.getDouble("true_fraction");
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new ConfigException(at.apply("labels.true_fraction"), where + ": 'true_fraction' must be in [0, 1], found " + fraction);
        }
        LabelSettings ls = new LabelSettings(column, path(base, labels.getString("file")), path(base, labels.getString("heuristics")),
                fraction, labels.getString("scenario_column"), labels.getString("leave_out"));
        if (fraction < 1 && ls.heuristics() == null && fraction == 0) {
            throw new ConfigException(at.apply("labels.true_fraction"), where + ": with no true labels kept, give labels.heuristics");
        }
        Map<String, Object> sections = new LinkedHashMap<>();
        String features = top.getString("features");
        if (features != null && !features.startsWith("pack:")) {
            features = path(base, features).toString();
        }
        Map<String, Object> plan = new LinkedHashMap<>();
        plan.put("features", features);
        sections.put("features", plan);
        sections.put("labels", labels.asMap());
        sections.put("model", cfg.toMap());
        sections.put("judge", judge.toMap());
        sections.put("evaluate", evaluate.asMap());
        return new JudgePipelineConfig(path(base, top.getString("input")), features, ls, cfg, judge,
                path(base, evaluate.getString("input")), evaluate.getBoolean("baselines"), sections);
    }

    /** The canonical JSON of the named sections: what a stage's checksum covers. */
    public byte[] sectionBytes(String... names) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String n : names) {
            Map<String, Object> section = new LinkedHashMap<>((Map<String, Object>) sections.get(n));
            if (n.equals("model")) {
                section.remove("threads");   // results do not depend on it
            }
            m.put(n, section);
        }
        return Json.bytes(m);
    }

    private static Path path(Path base, String value) {
        if (value == null) {
            return null;
        }
        Path p = Path.of(value);
        return p.isAbsolute() || base == null ? p : base.resolve(p).normalize();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> child(Map<String, Object> m, String key) {
        Object c = m.get(key);
        if (!(c instanceof Map<?, ?>)) {
            c = new LinkedHashMap<String, Object>();
            m.put(key, c);
        }
        return (Map<String, Object>) c;
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
}
