package io.sentinelrisk.core.data;

import java.util.ArrayList;
import java.util.List;

/**
 * A table held column by column in primitive arrays ({@link Column}), with its {@link Schema}.
 * Immutable by convention: nobody writes into a frame's arrays after it is built.
 */
public final class Frame {
    private final Schema schema;
    private final List<Column> columns;
    private final int rows;

    public Frame(Schema schema, List<Column> columns) {
        if (schema.size() != columns.size()) {
            throw new IllegalArgumentException("schema has " + schema.size() + " fields, got " + columns.size() + " columns");
        }
        int n = columns.isEmpty() ? 0 : columns.get(0).size();
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            if (c.size() != n) {
                throw new IllegalArgumentException("column " + c.name() + " has " + c.size() + " rows, expected " + n);
            }
            if (!c.name().equals(schema.field(i).name())) {
                throw new IllegalArgumentException("column " + i + " is " + c.name() + ", schema says " + schema.field(i).name());
            }
        }
        this.schema = schema;
        this.columns = List.copyOf(columns);
        this.rows = n;
    }

    public Schema schema() {
        return schema;
    }

    public int rows() {
        return rows;
    }

    public int columnCount() {
        return columns.size();
    }

    public Column column(int index) {
        return columns.get(index);
    }

    /** The column with this name, or null. */
    public Column column(String name) {
        int i = schema.indexOf(name);
        return i < 0 ? null : columns.get(i);
    }

    public List<Column> columns() {
        return columns;
    }

    /** A frame with the same columns under a schema that differs only in roles. */
    public Frame withSchema(Schema newSchema) {
        return new Frame(newSchema, columns);
    }

    /**
     * The value of a cell as the user would write it: booleans as {@code true}/{@code false}
     * (they are held as 0/1), missing as "".
     */
    public String text(int column, int row) {
        Column c = columns.get(column);
        if (schema.field(column).type() == ColumnType.BOOLEAN && c instanceof Column.Numeric n && !c.isMissing(row)) {
            return n.values()[row] != 0 ? "true" : "false";
        }
        return c.text(row);
    }

    /** A frame of the given rows, in that order (columns share their dictionaries). */
    public Frame selectRows(int[] rows) {
        List<Column> cols = new ArrayList<>(columns.size());
        for (Column c : columns) {
            cols.add(switch (c) {
                case Column.Numeric n -> {
                    double[] v = new double[rows.length];
                    for (int i = 0; i < rows.length; i++) {
                        v[i] = n.values()[rows[i]];
                    }
                    yield new Column.Numeric(n.name(), v);
                }
                case Column.Categorical k -> {
                    int[] v = new int[rows.length];
                    for (int i = 0; i < rows.length; i++) {
                        v[i] = k.codes()[rows[i]];
                    }
                    yield new Column.Categorical(k.name(), v, k.dictionary());
                }
                case Column.Timestamp t -> {
                    long[] v = new long[rows.length];
                    for (int i = 0; i < rows.length; i++) {
                        v[i] = t.epochMillis()[rows[i]];
                    }
                    yield new Column.Timestamp(t.name(), v);
                }
            });
        }
        return new Frame(schema, cols);
    }

    /** A frame without the named column (unchanged if absent). */
    public Frame without(String name) {
        int i = schema.indexOf(name);
        if (i < 0) {
            return this;
        }
        List<Field> fields = new ArrayList<>(schema.fields());
        List<Column> cols = new ArrayList<>(columns);
        fields.remove(i);
        cols.remove(i);
        return new Frame(new Schema(fields), cols);
    }
}
