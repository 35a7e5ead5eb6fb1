package io.sentinelrisk.core.ingest;

import io.sentinelrisk.core.data.ColumnRole;
import io.sentinelrisk.core.data.Field;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.data.Schema;
import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.error.InputLocation;
import io.sentinelrisk.core.io.CsvOptions;
import io.sentinelrisk.core.io.CsvReader;
import io.sentinelrisk.core.io.CsvTable;
import io.sentinelrisk.core.io.LabelReader;
import io.sentinelrisk.core.io.Labels;
import io.sentinelrisk.core.pipeline.ColumnRoles;
import io.sentinelrisk.core.pipeline.SentinelConfig;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a CSV for training or scoring: types (inferred, overridden by config, or the model's at
 * score time), roles (the config's, and the model's at score time), and labels from the label
 * column or a separate file.
 */
public final class DatasetLoader {
    private DatasetLoader() {
    }

    /**
     * @param input         the data file
     * @param config        column types, roles, delimiter, label column name
     * @param labelsFile    a file of labels, one per row, or null
     * @param labelColumnSet true when the user named the label column explicitly (then it must exist)
     * @param expected      the model's schema at score time (types and roles are read as trained), or null
     */
    public static Dataset load(Path input, SentinelConfig config, Path labelsFile, boolean labelColumnSet, Schema expected) {
        String labelColumn = config.labelColumn();
        CsvTable table = CsvReader.readTable(input, options(config, expected));
        Frame frame = table.frame();
        boolean hasLabelColumn = frame.schema().indexOf(labelColumn) >= 0;
        int[] labels = null;
        if (labelsFile != null) {
            Labels l = LabelReader.fromFile(labelsFile, frame.rows(), table.file());
            labels = l.values();
        } else if (hasLabelColumn) {
            labels = LabelReader.fromColumn(table, labelColumn).values();
        } else if (labelColumnSet) {
            throw new InputException(InputLocation.file(table.file()), "label column '" + labelColumn
                    + "' is not in the header; the columns are " + String.join(", ", frame.schema().names()));
        }
        return dataset(table, config, expected, labels, hasLabelColumn);
    }

    /**
     * A table as read (a whole file or one block of it) with its roles, labels and line numbers.
     * Roles are the config's ({@link ColumnRoles#assign}), the label column's, and, when the data
     * is read for a model ({@code expected} non-null), the ones that model was trained with
     * ({@link ColumnRoles#asTrained}): a column the training rules made a key (by its name or its
     * distinct values) is a key in every file the model scores, as in the records a stream reads
     * with the model's schema, so an alert's id does not depend on the file or the path.
     */
    static Dataset dataset(CsvTable table, SentinelConfig config, Schema expected, int[] labels, boolean hasLabelColumn) {
        Frame frame = ColumnRoles.assign(table.frame(), config, table.file());
        if (hasLabelColumn) {
            List<Field> fields = new ArrayList<>();
            for (Field f : frame.schema().fields()) {
                fields.add(f.name().equals(config.labelColumn()) ? f.withRole(ColumnRole.LABEL) : f);
            }
            frame = frame.withSchema(new Schema(fields));
        }
        if (expected != null) {
            frame = ColumnRoles.asTrained(frame, expected);
        }
        long[] lines = new long[frame.rows()];
        for (int r = 0; r < lines.length; r++) {
            lines[r] = table.rowLines()[r];
        }
        return new Dataset(table.file(), frame, labels, lines);
    }

    /** How the data is read: the config's delimiter and types, the model's types, the label column as text. */
    static CsvOptions options(SentinelConfig config, Schema expected) {
        CsvOptions options = new CsvOptions(delimiter(config.delimiter()), config.columnTypes(), expected);
        return LabelReader.labelColumnAsText(options, config.labelColumn());
    }

    private static Character delimiter(String text) {
        return text == null || text.equals("auto") ? null : CsvOptions.parseDelimiter(text);
    }
}
