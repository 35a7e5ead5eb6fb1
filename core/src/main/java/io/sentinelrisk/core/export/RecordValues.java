package io.sentinelrisk.core.export;

import io.sentinelrisk.core.data.Column;
import io.sentinelrisk.core.data.ColumnRole;
import io.sentinelrisk.core.data.ColumnType;
import io.sentinelrisk.core.data.Field;
import io.sentinelrisk.core.data.Frame;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A row of a frame as an alert shows it: its feature and id values, and its id. */
public final class RecordValues {
    private RecordValues() {
    }

    /** The row's feature and id values by column, in schema order: numbers as numbers, booleans as booleans, missing as null. */
    public static Map<String, Object> features(Frame frame, int row) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int c = 0; c < frame.columnCount(); c++) {
            Field f = frame.schema().field(c);
            if (f.role() == ColumnRole.FEATURE || f.role() == ColumnRole.ID) {
                Column col = frame.column(c);
                out.put(f.name(), f.type() == ColumnType.BOOLEAN && !col.isMissing(row)
                        ? (Object) "true".equals(frame.text(c, row))
                        : value(col, row));
            }
        }
        return out;
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
