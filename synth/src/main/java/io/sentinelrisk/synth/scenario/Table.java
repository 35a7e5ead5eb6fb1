package io.sentinelrisk.synth.scenario;

import io.sentinelrisk.core.data.Column;
import io.sentinelrisk.core.data.ColumnType;
import io.sentinelrisk.core.data.Field;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A frame being injected into: its columns copied into growable primitive arrays that scenarios
 * write to and append rows to. Rows below {@link #originalRows} are the input's.
 */
final class Table {
    /** One column's values. */
    abstract static sealed class Slot permits Num, Cat, Time {
        final Field field;

        Slot(Field field) {
            this.field = field;
        }

        abstract void ensure(int capacity);

        abstract void copy(int from, int to);

        abstract Column build(int[] order);
    }

    static final class Num extends Slot {
        double[] v;

        Num(Field field, double[] values, int capacity) {
            super(field);
            v = Arrays.copyOf(values, Math.max(capacity, values.length));
        }

        void ensure(int capacity) {
            if (capacity > v.length) {
                v = Arrays.copyOf(v, Math.max(capacity, v.length + (v.length >> 1) + 16));
            }
        }

        void copy(int from, int to) {
            v[to] = v[from];
        }

        Column build(int[] order) {
            double[] out = new double[order.length];
            for (int i = 0; i < order.length; i++) {
                out[i] = v[order[i]];
            }
            return new Column.Numeric(field.name(), out);
        }

        boolean isBoolean() {
            return field.type() == ColumnType.BOOLEAN;
        }
    }

    static final class Cat extends Slot {
        int[] codes;
        final List<String> dictionary;
        private final Map<String, Integer> index = new HashMap<>();

        Cat(Field field, int[] values, List<String> dictionary, int capacity) {
            super(field);
            codes = Arrays.copyOf(values, Math.max(capacity, values.length));
            this.dictionary = new ArrayList<>(dictionary);
            for (int i = 0; i < dictionary.size(); i++) {
                index.putIfAbsent(dictionary.get(i), i);
            }
        }

        /** The code of a label, added to the dictionary when new. */
        int code(String label) {
            Integer c = index.get(label);
            if (c == null) {
                c = dictionary.size();
                dictionary.add(label);
                index.put(label, c);
            }
            return c;
        }

        String text(int row) {
            int c = codes[row];
            return c < 0 ? "" : dictionary.get(c);
        }

        void ensure(int capacity) {
            if (capacity > codes.length) {
                codes = Arrays.copyOf(codes, Math.max(capacity, codes.length + (codes.length >> 1) + 16));
            }
        }

        void copy(int from, int to) {
            codes[to] = codes[from];
        }

        Column build(int[] order) {
            int[] out = new int[order.length];
            for (int i = 0; i < order.length; i++) {
                out[i] = codes[order[i]];
            }
            return new Column.Categorical(field.name(), out, dictionary);
        }
    }

    static final class Time extends Slot {
        long[] v;

        Time(Field field, long[] values, int capacity) {
            super(field);
            v = Arrays.copyOf(values, Math.max(capacity, values.length));
        }

        void ensure(int capacity) {
            if (capacity > v.length) {
                v = Arrays.copyOf(v, Math.max(capacity, v.length + (v.length >> 1) + 16));
            }
        }

        void copy(int from, int to) {
            v[to] = v[from];
        }

        Column build(int[] order) {
            long[] out = new long[order.length];
            for (int i = 0; i < order.length; i++) {
                out[i] = v[order[i]];
            }
            return new Column.Timestamp(field.name(), out);
        }
    }

    final int originalRows;
    final List<Slot> slots = new ArrayList<>();
    private final Map<String, Slot> byName = new HashMap<>();
    int rows;
    /** For each added row (index - originalRows): the row it was added after. */
    int[] parent = new int[16];

    Table(int originalRows) {
        this.originalRows = originalRows;
        this.rows = originalRows;
    }

    static Slot slot(Field field, Column column, int capacity) {
        return switch (column) {
            case Column.Numeric n -> new Num(field, n.values(), capacity);
            case Column.Categorical c -> new Cat(field, c.codes(), c.dictionary(), capacity);
            case Column.Timestamp t -> new Time(field, t.epochMillis(), capacity);
        };
    }

    void add(Slot slot) {
        slots.add(slot);
        byName.put(slot.field.name(), slot);
    }

    Slot get(String name) {
        return byName.get(name);
    }

    /** Appends a copy of {@code row}, placed after {@code row}'s original; returns the new row. */
    int appendCopyOf(int row) {
        int to = rows++;
        for (Slot s : slots) {
            s.ensure(rows);
            s.copy(row, to);
        }
        int k = to - originalRows;
        if (k >= parent.length) {
            parent = Arrays.copyOf(parent, parent.length * 2);
        }
        parent[k] = row < originalRows ? row : parent[row - originalRows];
        return to;
    }

    /** Each original row followed by the rows added after it, in the order they were added. */
    int[] naturalOrder() {
        int added = rows - originalRows;
        int[] start = new int[originalRows + 1];
        for (int k = 0; k < added; k++) {
            start[parent[k] + 1]++;
        }
        for (int i = 0; i < originalRows; i++) {
            start[i + 1] += start[i];
        }
        int[] children = new int[added];
        int[] fill = Arrays.copyOf(start, originalRows);
        for (int k = 0; k < added; k++) {
            children[fill[parent[k]]++] = originalRows + k;
        }
        int[] order = new int[rows];
        int o = 0;
        for (int i = 0; i < originalRows; i++) {
            order[o++] = i;
            for (int c = start[i]; c < start[i + 1]; c++) {
                order[o++] = children[c];
            }
        }
        return order;
    }
}
