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
            description = "train/evaluate: add point-in-time features first, from a feature spec (YAML) or pack:soc, pack:web-session, "
                    + "pack:transactions, pack:metrics; the bundle keeps the plan, so score and predict need no flag.")
    Path features;

    @Option(names = "--db", paramLabel = "URL",
            description = "Refused here (features of a model are computed by the streaming engine); use it with 'sentinel features build'.")
    String db;

    @Option(names = "--state", paramLabel = "FILE",
            description = "With a model trained with --features: start every entity from this state (written by --state-out) "
                    + "instead of from nothing, so an entity's first new event is not treated as its first ever.")
    Path state;

    @Option(names = "--state-out", paramLabel = "FILE",
            description = "With --features (train) or a model trained with them (score): write every entity's feature state "
                    + "at the end of the data, for a later run's --state.")
    Path stateOut;

    @Option(names = "--label-column", paramLabel = "NAME",
            description = "Column holding labels (default: 'label' when present). Never used as a feature.")
    String labelColumn;
}
