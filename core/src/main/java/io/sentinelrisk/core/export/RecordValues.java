package io.sentinelrisk.core.export;

import io.sentinelrisk.core.data.Column;
import io.sentinelrisk.core.data.ColumnRole;
import io.sentinelrisk.core.data.ColumnType;
import io.sentinelrisk.core.data.Field;
import io.sentinelrisk.core.data.Frame;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A row of a frame as an alert shows it: its feature and id values, and its id. */
public final class RecordValues {
    private RecordValues() {
    }

    /** The row's feature and id values by column, in schema order: numbers as numbers, booleans as booleans, missing as null. */
    public static Map<String, Object> features(Frame frame, int row) {
        return FeatureColumns.of(frame).values(row);
    }

    /**
     * The feature and id columns of a frame, found once for all its rows: {@link #values} gives
     * a row's {@link RecordValues#features} with the column names shared.
     */
    public static final class FeatureColumns {
        private final Frame frame;
        private final int[] columns;
        private final String[] names;
        private final boolean[] booleans;

        private FeatureColumns(Frame frame, int[] columns, String[] names, boolean[] booleans) {
            this.frame = frame;
            this.columns = columns;
            this.names = names;
            this.booleans = booleans;
        }

        public static FeatureColumns of(Frame frame) {
            int n = 0;
            int[] columns = new int[frame.columnCount()];
            for (int c = 0; c < frame.columnCount(); c++) {
                Field f = frame.schema().field(c);
                if (f.role() == ColumnRole.FEATURE || f.role() == ColumnRole.ID) {
                    columns[n++] = c;
                }
            }
            columns = Arrays.copyOf(columns, n);
            String[] names = new String[n];
            boolean[] booleans = new boolean[n];
            for (int i = 0; i < n; i++) {
                Field f = frame.schema().field(columns[i]);
                names[i] = f.name();
                booleans[i] = f.type() == ColumnType.BOOLEAN;
            }
            return new FeatureColumns(frame, columns, names, booleans);
        }

        /** Row {@code row}'s values by column, in schema order. */
        public FeatureValues values(int row) {
            Object[] values = new Object[columns.length];
            for (int i = 0; i < columns.length; i++) {
                int c = columns[i];
                Column col = frame.column(c);
                values[i] = booleans[i] && !col.isMissing(row)
                        ? (Object) "true".equals(frame.text(c, row))
                        : value(col, row);
            }
            return new FeatureValues(names, values);
        }
    }

    /** The id column's value, an ordered map of them when there are several, or null without. */
    public static Object id(Frame frame, int row) {
        List<Field> ids = frame.schema().withRole(ColumnRole.ID);
        if (ids.isEmpty()) {
            return null;
        }
        if (ids.size() == 1) {
            return value(frame.column(ids.get(0).name()), row);
        }
        Map<String, Object> composite = new LinkedHashMap<>();
        for (Field f : ids) {
            composite.put(f.name(), value(frame.column(f.name()), row));
        }
        return composite;
    }

    /**
     * {@link #id}{@code (frame, row)} with the values taken from {@code features}, the row's
     * {@link #features}, which hold every id column already (booleans aside, which an id writes
     * as text): a record's id and features then share their values instead of each writing them.
     */
    public static Object id(Frame frame, int row, Map<String, Object> features) {
        List<Field> ids = frame.schema().withRole(ColumnRole.ID);
        if (ids.isEmpty()) {
            return null;
        }
        if (ids.size() == 1) {
            return idValue(frame, row, features, ids.get(0));
        }
        Map<String, Object> composite = new LinkedHashMap<>();
        for (Field f : ids) {
            composite.put(f.name(), idValue(frame, row, features, f));
        }
        return composite;
    }

    private static Object idValue(Frame frame, int row, Map<String, Object> features, Field f) {
        return f.type() == ColumnType.BOOLEAN || !features.containsKey(f.name())
                ? value(frame.column(f.name()), row) : features.get(f.name());
    }

    /** A cell as JSON: numbers as numbers (whole ones without a fraction), the rest as text; missing = null. */
    static Object value(Column c, int row) {
        if (c.isMissing(row)) {
            return null;
        }
        return switch (c) {
            case Column.Numeric n -> {
                double v = n.values()[row];
                yield v == Math.rint(v) && Math.abs(v) < 1e15 ? (Object) (long) v : (Object) v;
            }
            default -> c.text(row);
        };
    }
}
