package io.sentinelrisk.core.evaluate;

import io.sentinelrisk.core.data.Column;
import io.sentinelrisk.core.data.Frame;

import java.util.ArrayList;
import java.util.List;

/** Picks rows out of frames and arrays (copies; the source is left as it is). */
public final class Rows {
    private Rows() {
    }

    /** A frame of the rows at {@code rows}, in that order, with the same schema and dictionaries. */
    public static Frame take(Frame frame, int[] rows) {
        List<Column> columns = new ArrayList<>(frame.columnCount());
        for (Column c : frame.columns()) {
            columns.add(switch (c) {
                case Column.Numeric n -> new Column.Numeric(n.name(), take(n.values(), rows));
                case Column.Categorical k -> new Column.Categorical(k.name(), take(k.codes(), rows), k.dictionary());
                case Column.Timestamp t -> new Column.Timestamp(t.name(), take(t.epochMillis(), rows));
            });
        }
        return new Frame(frame.schema(), columns);
    }

    public static double[] take(double[] values, int[] rows) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = values[rows[i]];
        }
        return out;
    }

    public static int[] take(int[] values, int[] rows) {
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = values[rows[i]];
        }
        return out;
    }

    public static long[] take(long[] values, int[] rows) {
        long[] out = new long[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = values[rows[i]];
        }
        return out;
    }

    public static String[] take(String[] values, int[] rows) {
        String[] out = new String[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = values[rows[i]];
        }
        return out;
    }
}
