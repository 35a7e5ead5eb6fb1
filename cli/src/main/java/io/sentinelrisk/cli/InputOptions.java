package io.sentinelrisk.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Where the data comes from: shared by train and score. */
public final class InputOptions {
    @Option(names = {"-i", "--input"}, required = true, paramLabel = "CSV",
            description = "Data to read: CSV with a header row, any delimiter, optionally .csv.gz.")
    Path input;

    @Option(names = "--delimiter", paramLabel = "CHAR",
            description = "Field delimiter: ',', ';', '\\t' or tab, '|' or pipe, or any single character (default: detected).")
    String delimiter;

    @Option(names = "--labels", paramLabel = "FILE",
            description = "Labels in a separate file, one per data row in the same order (1/0, true/false, anomaly/normal).")
    Path labels;

    @Option(names = "--features", paramLabel = "SPEC",
            description = "Add point-in-time features first: a feature spec (YAML) or pack:soc, pack:web-session, pack:transactions, pack:metrics.")
    Path features;

    @Option(names = "--db", paramLabel = "URL",
            description = "With --features: compute them on this PostgreSQL (postgresql://user@host:port/db) instead of embedded DuckDB.")
    String db;

    @Option(names = "--label-column", paramLabel = "NAME",
            description = "Column holding labels (default: 'label' when present). Never used as a feature.")
    String labelColumn;
}
