package io.sentinelrisk.cli;

import io.sentinelrisk.core.error.InputException;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** What to write: shared by train, score and demo. Every output is written atomically. */
public final class ExportOptions {
    @Option(names = "--export-json", paramLabel = "FILE",
            description = "Top-N alerts (a JSON array unless --export-format says otherwise): score, risk, severity, values and reasons of each.")
    @Output
    Path json;

    /** The formats a top-N export file can be written in (names as users type them). */
    enum FileFormat { json, ecs, ocsf, cef, hec }

    @Option(names = "--export-format", paramLabel = "FORMAT", defaultValue = "json",
            description = "Format of the --export-json file: ${COMPLETION-CANDIDATES}. json: a JSON array of alerts; "
                    + "ecs, ocsf, hec: one document per line (NDJSON); cef: one CEF line per alert (default: ${DEFAULT-VALUE}).")
    FileFormat format = FileFormat.json;

    @Option(names = "--export-csv", paramLabel = "FILE",
            description = "Scorecard CSV: every input column plus score, risk, severity, is_anomaly.")
    @Output
    Path csv;

    @Option(names = "--report", paramLabel = "FILE",
            description = "Summary report JSON: counts per severity, thresholds, config, data profile, timings and, with labels, metrics.")
    @Output
    Path report;

    /** A format other than the default names the export's file: without one it would be silently ignored. */
    void check() {
        if (format != FileFormat.json && json == null) {
            throw new InputException("--export-format " + format + " needs --export-json FILE (the file it writes)");
        }
    }

    @Option(names = "--top-n", paramLabel = "N", description = "How many alerts the JSON export holds (config key top_n; default: ${bundle:default.top_n}).")
    Integer topN;
}
