package io.sentinelrisk.synth;

import io.sentinelrisk.core.data.Column;
import io.sentinelrisk.core.data.ColumnRole;
import io.sentinelrisk.core.data.ColumnType;
import io.sentinelrisk.core.data.Field;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.data.Schema;

import java.util.ArrayList;
import java.util.List;

/** Assembles a {@link Frame} column by column; the arrays are handed over, not copied. */
public final class FrameBuilder {
    private final List<Field> fields = new ArrayList<>();
    private final List<Column> columns = new ArrayList<>();

    public FrameBuilder numeric(String name, double[] values, ColumnRole role) {
        return add(new Field(name, ColumnType.NUMERIC, role), new Column.Numeric(name, values));
    }

    /** 0.0 = false, 1.0 = true, NaN = missing. */
    public FrameBuilder bool(String name, double[] values, ColumnRole role) {
        return add(new Field(name, ColumnType.BOOLEAN, role), new Column.Numeric(name, values));
    }

    public FrameBuilder categorical(String name, int[] codes, List<String> dictionary, ColumnRole role) {
        return add(new Field(name, ColumnType.CATEGORICAL, role), new Column.Categorical(name, codes, dictionary));
    }

    public FrameBuilder timestamp(String name, long[] epochMillis, ColumnRole role) {
        return add(new Field(name, ColumnType.TIMESTAMP, role), new Column.Timestamp(name, epochMillis));
    }

    public FrameBuilder add(Field field, Column column) {
        fields.add(field);
        columns.add(column);
        return this;
    }

    public Frame build() {
        return new Frame(new Schema(fields), columns);
    }
}
