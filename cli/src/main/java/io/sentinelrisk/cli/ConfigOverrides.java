package io.sentinelrisk.cli;

import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Flags that override keys of the config file (flag wins over file). */
public final class ConfigOverrides {
    /** The help of --threads, the same on every command that takes it. */
    static final String THREADS_HELP = "Threads to use; 0 = all cores (config key threads; default: ${bundle:default.threads}). "
            + "Results do not depend on it.";

    @Option(names = "--detector", paramLabel = "TYPE", description = "Detector type (config key detector.type; default: ${bundle:default.detector}).")
    String detector;

    @Option(names = "--contamination", paramLabel = "FRACTION",
            description = "Expected anomaly fraction: the is_anomaly threshold (config key contamination; default: ${bundle:default.contamination}).")
    Double contamination;

    @Option(names = "--n-estimators", paramLabel = "N",
            description = "Number of trees (config key n_estimators; default for ${bundle:default.detector}: ${bundle:default.n_estimators}).")
    Integer nEstimators;

    @Option(names = "--max-samples", paramLabel = "N|FRACTION|auto",
            description = "Rows per tree: a count, a fraction or auto, the smaller of 256 and the row count (config key max_samples; default: ${bundle:default.max_samples}).")
    String maxSamples;

    @Option(names = "--seed", paramLabel = "SEED",
            description = "Seed of every random choice (config key random_state; default: ${bundle:default.random_state}).")
    Long randomState;

    /** The scikit-learn spelling, kept working but out of the help: one name per concept. */
    @Option(names = "--random-state", hidden = true, paramLabel = "SEED")
    void setRandomState(long seed) {
        randomState = seed;
    }

    @Option(names = "--score-floor", paramLabel = "SCORE", description = "Minimum raw score to flag anything (config key score_floor; default: none).")
    Double scoreFloor;

    @Option(names = "--severity-bands", split = ",", paramLabel = "C,H,M", hideParamSyntax = true,
            description = "Upper fractions that are critical, high, medium (config key severity_bands; default: ${bundle:default.severity_bands}).")
    List<Double> severityBands;

    @Option(names = "--id-column", paramLabel = "NAME", description = "A column identifying records (repeatable; config key id_columns).")
    List<String> idColumns;

    @Option(names = "--ignore-column", paramLabel = "NAME", description = "A column to leave out (repeatable; config key ignore_columns).")
    List<String> ignoreColumns;

    @Option(names = "--threads", paramLabel = "N", description = THREADS_HELP)
    Integer threads;

    /** The overrides as config keys; null values mean "not given". */
    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("detector.type", detector);
        m.put("contamination", contamination);
        m.put("n_estimators", nEstimators);
        m.put("max_samples", maxSamples == null ? null : parseNumberOrWord(maxSamples));
        m.put("random_state", randomState);
        m.put("score_floor", scoreFloor);
        m.put("severity_bands", severityBands == null ? null : new ArrayList<>(severityBands));
        m.put("id_columns", idColumns);
        m.put("ignore_columns", ignoreColumns);
        m.put("threads", threads);
        return m;
    }

    static Object parseNumberOrWord(String text) {
        try {
            if (text.matches("[+-]?\\d+")) {
                return Integer.parseInt(text);
            }
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return text;
        }
    }
}
