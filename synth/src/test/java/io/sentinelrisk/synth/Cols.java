package io.sentinelrisk.synth;

import io.sentinelrisk.core.data.Column;
import io.sentinelrisk.core.data.Frame;

import static org.assertj.core.api.Assertions.assertThat;

/** Column access for tests. */
public final class Cols {
    private Cols() {
    }

    public static double[] num(Frame f, String name) {
        Column c = f.column(name);
        assertThat(c).as("column " + name).isInstanceOf(Column.Numeric.class);
        return ((Column.Numeric) c).values();
    }

    public static long[] time(Frame f, String name) {
        Column c = f.column(name);
        assertThat(c).as("column " + name).isInstanceOf(Column.Timestamp.class);
        return ((Column.Timestamp) c).epochMillis();
    }

    public static String text(Frame f, String name, int row) {
        Column c = f.column(name);
        assertThat(c).as("column " + name).isNotNull();
        return c.text(row);
    }

    public static String[] texts(Frame f, String name) {
        Column c = f.column(name);
        assertThat(c).as("column " + name).isNotNull();
        String[] out = new String[f.rows()];
        for (int i = 0; i < out.length; i++) {
            out[i] = c.text(i);
        }
        return out;
    }

    public static long count(String[] values, String value) {
        long n = 0;
        for (String v : values) {
            if (v.equals(value)) {
                n++;
            }
        }
        return n;
    }

    /** The whole frame as text, row by row, for equality checks. */
    public static String dump(Frame f) {
        StringBuilder sb = new StringBuilder(String.join(",", f.schema().names())).append('\n');
        for (int r = 0; r < f.rows(); r++) {
            for (int c = 0; c < f.columnCount(); c++) {
                sb.append(f.column(c).text(r)).append(c + 1 < f.columnCount() ? ',' : '\n');
            }
        }
        return sb.toString();
    }

    /** ROC AUC of scores against 0/1 labels (ties count half). */
    public static double auc(double[] scores, double[] labels) {
        Integer[] idx = new Integer[scores.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        java.util.Arrays.sort(idx, (a, b) -> Double.compare(scores[a], scores[b]));
        double rankSumPos = 0;
        long pos = 0;
        int i = 0;
        while (i < idx.length) {
            int j = i;
            while (j + 1 < idx.length && scores[idx[j + 1]] == scores[idx[i]]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (labels[idx[k]] == 1) {
                    rankSumPos += rank;
                    pos++;
                }
            }
            i = j + 1;
        }
        long neg = scores.length - pos;
        return (rankSumPos - pos * (pos + 1) / 2.0) / ((double) pos * neg);
    }
}
