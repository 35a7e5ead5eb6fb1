package io.sentinelrisk.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** What to write: shared by train, score and demo. Every output is written atomically. */
public final class ExportOptions {
    @Option(names = "--export-json", paramLabel = "FILE",
            description = "Top-N alerts as a JSON array: score, risk, severity, values and reasons of each.")
    @Output
    Path json;

    @Option(names = "--export-csv", paramLabel = "FILE",
            description = "Scorecard CSV: every input column plus score, risk, severity, is_anomaly.")
    @Output
    Path csv;

    @Option(names = "--report", paramLabel = "FILE",
            description = "Summary report JSON: counts per severity, thresholds, config, data profile, timings and, with labels, metrics.")
    @Output
    Path report;

    @Option(names = "--top-n", paramLabel = "N", description = "How many alerts the JSON export holds (config key top_n; default: ${bundle:default.top_n}).")
    Integer topN;
}
