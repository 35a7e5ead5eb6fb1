package io.sentinelrisk.core.io;

import io.sentinelrisk.core.data.Column;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.data.Schema;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Joins frames of the same columns (blocks of one file) into one: numbers and timestamps
 * appended, category codes mapped into one dictionary in order of first appearance, as the
 * whole-file reader numbers them.
 */
final class FrameBuilder {
    private final Schema schema;
    private final String[] names;
    private final double[][] numbers;
    private final long[][] times;
    private final int[][] codes;
    private final List<Map<String, Integer>> index = new ArrayList<>();
    private final List<List<String>> dictionaries = new ArrayList<>();
    private int rows;

    FrameBuilder(Frame first) {
        this.schema = first.schema();
        int cols = first.columnCount();
        names = new String[cols];
        numbers = new double[cols][];
        times = new long[cols][];
        codes = new int[cols][];
        for (int c = 0; c < cols; c++) {
            Column col = first.column(c);
            names[c] = col.name();
            switch (col) {
                case Column.Numeric n -> numbers[c] = new double[16];
                case Column.Timestamp t -> times[c] = new long[16];
                case Column.Categorical k -> codes[c] = new int[16];
            }
            index.add(new HashMap<>());
            dictionaries.add(new ArrayList<>());
        }
    }

    void add(Frame block) {
        int n = block.rows();
        int need = rows + n;
        for (int c = 0; c < names.length; c++) {
            switch (block.column(c)) {
                case Column.Numeric x -> {
                    numbers[c] = grow(numbers[c], need);
                    System.arraycopy(x.values(), 0, numbers[c], rows, n);
                }
                case Column.Timestamp t -> {
                    times[c] = grow(times[c], need);
                    System.arraycopy(t.epochMillis(), 0, times[c], rows, n);
                }
                case Column.Categorical k -> {
                    codes[c] = grow(codes[c], need);
                    Map<String, Integer> idx = index.get(c);
                    List<String> dict = dictionaries.get(c);
                    int[] map = new int[k.dictionary().size()];
                    for (int i = 0; i < map.length; i++) {
                        map[i] = idx.computeIfAbsent(k.dictionary().get(i), v -> {
                            dict.add(v);
                            return dict.size() - 1;
                        });
                    }
                    int[] out = codes[c];
                    int[] in = k.codes();
                    for (int r = 0; r < n; r++) {
                        out[rows + r] = in[r] < 0 ? -1 : map[in[r]];
                    }
                }
            }
        }
        rows = need;
    }

    Frame build() {
        List<Column> cols = new ArrayList<>(names.length);
        for (int c = 0; c < names.length; c++) {
            cols.add(numbers[c] != null ? new Column.Numeric(names[c], Arrays.copyOf(numbers[c], rows))
                    : times[c] != null ? new Column.Timestamp(names[c], Arrays.copyOf(times[c], rows))
                    : new Column.Categorical(names[c], Arrays.copyOf(codes[c], rows), dictionaries.get(c)));
        }
        return new Frame(schema, cols);
    }

    private static int capacity(int have, int need) {
        return (int) Math.min(Integer.MAX_VALUE - 16, Math.max(need, have * 3L / 2));
    }

    private static double[] grow(double[] a, int need) {
        return a.length >= need ? a : Arrays.copyOf(a, capacity(a.length, need));
    }

    private static long[] grow(long[] a, int need) {
        return a.length >= need ? a : Arrays.copyOf(a, capacity(a.length, need));
    }

    private static int[] grow(int[] a, int need) {
        return a.length >= need ? a : Arrays.copyOf(a, capacity(a.length, need));
    }
}
