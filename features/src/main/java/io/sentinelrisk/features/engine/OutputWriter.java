package io.sentinelrisk.features.engine;

import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.features.plan.FeaturePlan;
import io.sentinelrisk.features.plan.FeaturePlan.PlannedFeature;
import io.sentinelrisk.features.sql.Dialect;

import io.sentinelrisk.core.io.AtomicFile;
import io.sentinelrisk.core.io.OutputTarget;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/**
 * Writes the enriched table — every input column as read, then the features, in input order — as
 * CSV or Parquet. DuckDB writes to a temporary file, which {@link AtomicFile} renames over the
 * target only when complete (a failed build leaves no half-written output) or streams to
 * standard output, a device or a FIFO.
 */
public final class OutputWriter {
    public enum Format {
        CSV, PARQUET;

        public static Format of(Path path) {
            if (OutputTarget.isStdout(path) || !(OutputTarget.of(path) instanceof OutputTarget.RegularFile)) {
                return CSV;   // -, /dev/null, a FIFO: no file name to tell the format by
            }
            String n = path.getFileName().toString().toLowerCase(Locale.ROOT);
            if (n.endsWith(".parquet") || n.endsWith(".pq")) {
                return PARQUET;
            }
            if (n.endsWith(".csv") || n.endsWith(".txt")) {
                return CSV;
            }
            throw new InputException("output " + path + ": the name must end in .csv or .parquet");
        }
    }

    private OutputWriter() {
    }

    public static void write(Connection duck, InputLoader.Raw raw, FeaturePlan plan, Path target, Format format) {
        StringBuilder select = new StringBuilder("SELECT ");
        boolean first = true;
        for (String c : raw.columns()) {
            select.append(first ? "" : ", ").append("r.").append(Dialect.quote(c));
            first = false;
        }
        for (PlannedFeature f : plan.outputs()) {
            String col = "o." + Dialect.quote(f.name());
            select.append(first ? "" : ", ").append(f.integral() ? "CAST(" + col + " AS BIGINT)" : col)
                    .append(" AS ").append(Dialect.quote(f.name()));
            first = false;
        }
        // fs_raw is in input order (rowid) and fs_out is sorted by _row with one row per input row:
        // a positional join pairs them without a join or a sort.
        select.append(" FROM fs_raw r POSITIONAL JOIN fs_out o");
        String options = format == Format.CSV ? "FORMAT csv, HEADER true" : "FORMAT parquet";
        // AtomicFile: a temp file renamed over a regular target, or streamed to -, a device or a FIFO.
        AtomicFile.writeVia(target, tmp -> {
            try {
                DuckDbs.execute(duck, "COPY (" + select + ") TO " + Dialect.literal(tmp.toString()) + " (" + options + ")");
            } catch (SQLException e) {
                throw DuckDbs.failure("cannot write " + target, e);
            }
        });
    }
}
