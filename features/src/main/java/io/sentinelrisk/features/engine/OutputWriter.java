package io.sentinelrisk.features.engine;

import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.error.SentinelException;
import io.sentinelrisk.core.io.AtomicFile;
import io.sentinelrisk.features.plan.FeaturePlan.PlannedFeature;
import io.sentinelrisk.features.plan.FeaturePlan;
import io.sentinelrisk.features.sql.Dialect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/**
 * Writes the enriched table — every input column as read, then the features, in input order — as
 * CSV or Parquet, through {@link AtomicFile}: a failed build leaves no half-written output.
 */
public final class OutputWriter {
    public enum Format {
        CSV, PARQUET;

        public static Format of(Path path) {
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
        // DuckDB writes to a file of its own in the temp dir; AtomicFile copies it to the target,
        // so features outputs follow the product's one output rule (temp beside the target, then
        // rename; devices and the like as AtomicFile handles them) and a failure leaves no half file.
        Path staged = null;
        try {
            staged = Files.createTempFile("sentinel-features-out-", format == Format.CSV ? ".csv" : ".parquet");
            Files.delete(staged);
            String options = format == Format.CSV ? "FORMAT csv, HEADER true" : "FORMAT parquet";
            DuckDbs.execute(duck, "COPY (" + select + ") TO " + Dialect.literal(staged.toString()) + " (" + options + ")");
            Path done = staged;
            AtomicFile.write(target, os -> Files.copy(done, os));
        } catch (SQLException e) {
            throw DuckDbs.failure("cannot write " + target, e);
        } catch (IOException e) {
            throw new SentinelException("cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            if (staged != null) {
                try {
                    Files.deleteIfExists(staged);
                } catch (IOException ignored) {
                    // the original failure matters more
                }
            }
        }
    }
}
