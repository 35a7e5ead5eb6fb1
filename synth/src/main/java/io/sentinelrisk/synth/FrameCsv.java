package io.sentinelrisk.synth;

import io.sentinelrisk.core.data.Column;
import io.sentinelrisk.core.data.ColumnType;
import io.sentinelrisk.core.data.Field;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.io.CsvWriter;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a generated frame as CSV (atomically, through core's {@link CsvWriter}). Boolean columns
 * are held as 0/1 numbers in memory but written as {@code true}/{@code false}, which is what SQL
 * engines and people expect to read.
 */
public final class FrameCsv {
    private static final List<String> FALSE_TRUE = List.of("false", "true");

    private FrameCsv() {
    }

    public static void write(Frame frame, Path target) {
        CsvWriter.writeFrame(forText(frame), target, ',');
    }

    /** The same frame with boolean columns turned into false/true labels. */
    public static Frame forText(Frame frame) {
        List<Column> columns = new ArrayList<>(frame.columnCount());
        List<Field> fields = new ArrayList<>(frame.columnCount());
        for (int c = 0; c < frame.columnCount(); c++) {
            Field f = frame.schema().field(c);
            Column col = frame.column(c);
            if (f.type() == ColumnType.BOOLEAN && col instanceof Column.Numeric num) {
                double[] v = num.values();
                int[] codes = new int[v.length];
                for (int i = 0; i < v.length; i++) {
                    codes[i] = Double.isNaN(v[i]) ? -1 : (v[i] != 0 ? 1 : 0);
                }
                columns.add(new Column.Categorical(f.name(), codes, FALSE_TRUE));
                fields.add(f.withType(ColumnType.CATEGORICAL));
            } else {
                columns.add(col);
                fields.add(f);
            }
        }
        return new Frame(new io.sentinelrisk.core.data.Schema(fields), columns);
    }
}
