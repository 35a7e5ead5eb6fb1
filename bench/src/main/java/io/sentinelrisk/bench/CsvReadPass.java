package io.sentinelrisk.bench;

import io.sentinelrisk.core.data.ColumnType;
import io.sentinelrisk.core.io.CsvBlockReader;
import io.sentinelrisk.core.io.CsvOptions;
import io.sentinelrisk.core.io.CsvTable;
import io.sentinelrisk.core.io.LabelReader;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;

/**
 * One read of a CSV file as a streamed {@code score} or {@code train} reads it (block by block,
 * a {@code label} column as text and read as labels), on the calling thread; loaded by
 * {@link CsvReadAlternating} once per build.
 */
public final class CsvReadPass {
    private CsvReadPass() {
    }

    /**
     * The thread's CPU time in nanoseconds for one read of {@code file}: with every column but the
     * label forced numeric (as at {@code score}, from the model) or, when {@code infer}, the types
     * inferred from the first block (as at {@code train}).
     */
    public static long run(String file, boolean infer) {
        long t0 = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        Path path = Path.of(file);
        CsvOptions options = CsvOptions.DEFAULTS.withType("label", ColumnType.CATEGORICAL);
        if (!infer) {
            try (CsvBlockReader header = CsvBlockReader.open(path, options, CsvBlockReader.DEFAULT_BLOCK_ROWS, 1)) {
                for (String name : header.header()) {
                    options = name.equals("label") ? options : options.withType(name, ColumnType.NUMERIC);
                }
            }
        }
        try (CsvBlockReader reader = CsvBlockReader.open(path, options, CsvBlockReader.DEFAULT_BLOCK_ROWS, 1)) {
            boolean labelled = reader.header().contains("label");
            for (CsvTable block = reader.next(); block != null; block = reader.next()) {
                if (labelled) {
                    LabelReader.fromColumn(block, "label");
                }
            }
        }
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - t0;
    }
}
