package io.sentinelrisk.core.ingest;

import io.sentinelrisk.core.data.Schema;
import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.error.InputLocation;
import io.sentinelrisk.core.io.CsvBlockReader;
import io.sentinelrisk.core.io.CsvTable;
import io.sentinelrisk.core.io.LabelReader;
import io.sentinelrisk.core.pipeline.SentinelConfig;


/**
 * A CSV read as {@link DatasetLoader} reads it — types, roles (the model's when read for one),
 * labels from the label column — but block by block ({@link CsvBlockReader}), for scoring files of any size.
 * Each block is a {@link Dataset} whose line numbers are the file's; a label file (which needs the
 * row count) is the caller's to read once the blocks are done.
 */
public final class DatasetBlocks implements BlockSource {
    private final CsvBlockReader reader;
    private final SentinelConfig config;
    private final String labelColumn;
    private final boolean hasLabelColumn;
    private final Schema expected;

    private DatasetBlocks(CsvBlockReader reader, SentinelConfig config, Schema expected) {
        this.reader = reader;
        this.config = config;
        this.expected = expected;
        this.labelColumn = config.labelColumn();
        this.hasLabelColumn = reader.header().contains(labelColumn);
    }

    /**
     * @param labelColumnSet true when the user named the label column explicitly (then it must exist)
     * @param expected       the model's schema at score time (types and roles are read as trained), or null
     * @param blockRows      the most rows per block
     */
    public static DatasetBlocks open(java.nio.file.Path input, SentinelConfig config, boolean labelColumnSet,
                                     Schema expected, int blockRows) {
        CsvBlockReader reader = CsvBlockReader.open(input, DatasetLoader.options(config, expected), blockRows);
        DatasetBlocks blocks = new DatasetBlocks(reader, config, expected);
        if (!blocks.hasLabelColumn && labelColumnSet) {
            reader.close();
            throw new InputException(InputLocation.file(input.toString()), "label column '" + config.labelColumn()
                    + "' is not in the header; the columns are " + String.join(", ", reader.header()));
        }
        return blocks;
    }

    @Override
    public boolean labelled() {
        return hasLabelColumn;
    }

    /** Data rows returned so far. */
    public long rowsRead() {
        return reader.rowsRead();
    }

    @Override
    public Dataset next() {
        CsvTable table = reader.next();
        if (table == null) {
            return null;
        }
        int[] labels = hasLabelColumn ? LabelReader.fromColumn(table, labelColumn).values() : null;
        return DatasetLoader.dataset(table, config, expected, labels, hasLabelColumn);
    }

    @Override
    public void close() {
        reader.close();
    }
}
