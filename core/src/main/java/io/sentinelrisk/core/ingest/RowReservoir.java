package io.sentinelrisk.core.ingest;

import io.sentinelrisk.core.data.Column;
import io.sentinelrisk.core.data.Frame;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A uniform random sample of at most {@code capacity} rows of data read block by block
 * (reservoir sampling, Li's "Algorithm L": after the first {@code capacity} rows, it draws how
 * many rows to skip before the next one enters, so it costs a few random numbers per row that
 * enters, none per row skipped). Every set of {@code capacity} rows of the input is equally
 * likely to be the sample.
 *
 * <p>The choice depends only on the seed and each row's position in the input, never on how the
 * input is cut into blocks or on threads: the same file and seed give the same sample. The
 * sample keeps the rows in input order, with their labels and line numbers; a categorical
 * column's dictionary is made anew from the values the sample holds (in order of first
 * appearance), so a category first seen in a late block is there like any other and a
 * category no sampled row holds is not.
 *
 * <p>The rows are kept in input order as they come (a log): a row that enters the full sample is
 * appended, and the slot it takes over only marks the row it evicts as gone; when the log is full
 * the rows still in the sample are moved up, in order. So the sample is read out in input order
 * without sorting its rows by position or gathering them from random slots (which, for 100,000
 * rows, cost about a tenth of a cover {@code train}'s command thread).
 *
 * <p>Memory: up to 1.5 × {@code capacity} values per column (8 bytes a number or time, a reference
 * to the block's string for a category), whatever the input's size; the arrays grow with the rows
 * seen up to that, from the first block's size, and take the log's whole room at once when
 * doubling would reach the capacity (no copy at the capacity and another past it).
 */
public final class RowReservoir {
    private final int capacity;
    /** The most rows the log holds: the sample and the rows evicted since it was last compacted. */
    private final int logLimit;
    private final SplittableRandom random;
    private long seen;
    /** The next input row (0-based) that enters the sample, once the sample is full. */
    private long next;
    private double w;
    private String source;
    private Frame shape;
    /** Rows in the sample (at most the capacity). */
    private int filled;
    /** Rows in the log, in input order: the sample's and evicted ones. */
    private int logged;
    private long[] rowIndex;
    private long[] lines;
    private int[] labels;
    private boolean labelled;
    private Object[] slots;   // per column, per log entry: double[], long[] or String[]
    /** Once the sample is full: the log entry each sample slot holds, and the slot of each entry (-1: evicted). */
    private int[] entryOf;
    private int[] slotOf;

    /**
     * @param capacity the most rows kept (at least 1)
     * @param seed     the random seed: the same seed and input give the same sample
     */
    public RowReservoir(int capacity, long seed) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
        this.logLimit = (int) Math.min(Integer.MAX_VALUE - 8, capacity + Math.max(1L, capacity / 2));
        this.random = new SplittableRandom(seed);
    }

    /** Rows offered so far. */
    public long rowsSeen() {
        return seen;
    }

    /** Rows in the sample: the rows seen, up to the capacity. */
    public int size() {
        return filled;
    }

    public int capacity() {
        return capacity;
    }

    /** Whether rows were left out: more rows were seen than the sample holds. */
    public boolean sampled() {
        return seen > filled;
    }

    /** Offers the rows of the next block of the input (blocks in input order, all of one schema). */
    public void add(Dataset block) {
        Frame frame = block.frame();
        if (shape == null) {
            start(block);
        } else if (!frame.schema().names().equals(shape.schema().names())) {
            throw new IllegalArgumentException("a block has columns " + frame.schema().names() + ", the first had "
                    + shape.schema().names());
        }
        int n = frame.rows();
        long first = seen;
        if (filled < capacity) {
            int take = Math.min(capacity - filled, n);
            if (rowIndex.length < filled + n && rowIndex.length < logLimit) {
                // Doubled; once doubling would reach the capacity, room for the whole log at once
                // rather than a copy at the capacity and another when rows past it enter (an input
                // of fewer rows than the capacity but more than half of it has room for half as many again).
                long doubled = Math.max(filled + (long) take, 2L * rowIndex.length);
                growTo(doubled >= capacity ? logLimit : (int) doubled);
            }
            copyRows(block, take, first);
            if (filled == capacity) {
                w = Math.exp(Math.log(uniform()) / capacity);
                next = first + take + skip();
            }
        }
        if (filled == capacity) {
            long end = first + n;
            if (next < end) {
                BlockValues values = new BlockValues(block);
                while (next < end) {
                    put(random.nextInt(capacity), values, (int) (next - first), next);
                    w *= Math.exp(Math.log(uniform()) / capacity);
                    next += 1 + skip();
                }
            }
        }
        seen = first + n;
    }

    /** The first {@code take} rows of a block into the next log entries, column by column (input order). */
    private void copyRows(Dataset block, int take, long first) {
        Frame frame = block.frame();
        for (int i = 0; i < take; i++) {
            rowIndex[filled + i] = first + i;
            lines[filled + i] = block.lineNumbers()[i];
        }
        if (labelled) {
            System.arraycopy(block.labels(), 0, labels, filled, take);
        }
        for (int c = 0; c < slots.length; c++) {
            switch (frame.column(c)) {
                case Column.Numeric v -> System.arraycopy(v.values(), 0, (double[]) slots[c], filled, take);
                case Column.Timestamp t -> System.arraycopy(t.epochMillis(), 0, (long[]) slots[c], filled, take);
                case Column.Categorical k -> {
                    String[] to = (String[]) slots[c];
                    String[] dictionary = k.dictionary().toArray(String[]::new);
                    int[] codes = k.codes();
                    for (int i = 0; i < take; i++) {
                        to[filled + i] = codes[i] < 0 ? null : dictionary[codes[i]];
                    }
                }
            }
        }
        filled += take;
        logged = filled;
        if (filled == capacity) {   // full: from now on slots and log entries part ways
            entryOf = new int[capacity];
            slotOf = new int[rowIndex.length];
            for (int i = 0; i < capacity; i++) {
                entryOf[i] = i;
                slotOf[i] = i;
            }
        }
    }

    /**
     * A block's columns as arrays, looked up once per block: a row entering the full sample is
     * copied value by value without a type switch or a dictionary look-up through an interface
     * per value (a tenth of a {@code train}'s first pass under the quick compiler).
     */
    private static final class BlockValues {
        final long[] lines;
        final int[] labels;
        final double[][] numbers;        // per column, null unless numeric
        final long[][] times;            // per column, null unless a timestamp
        final int[][] codes;             // per column, null unless categorical
        final String[][] dictionaries;   // per column, null unless categorical

        BlockValues(Dataset block) {
            Frame frame = block.frame();
            int cols = frame.columnCount();
            lines = block.lineNumbers();
            labels = block.labels();
            numbers = new double[cols][];
            times = new long[cols][];
            codes = new int[cols][];
            dictionaries = new String[cols][];
            for (int c = 0; c < cols; c++) {
                switch (frame.column(c)) {
                    case Column.Numeric v -> numbers[c] = v.values();
                    case Column.Timestamp t -> times[c] = t.epochMillis();
                    case Column.Categorical k -> {
                        codes[c] = k.codes();
                        dictionaries[c] = k.dictionary().toArray(String[]::new);
                    }
                }
            }
        }
    }

    /** The sample as a dataset: its rows in input order, labels and line numbers with them; null before any row. */
    public Dataset sample() {
        if (shape == null) {
            return null;
        }
        int[] kept = keptEntries();
        List<Column> columns = new ArrayList<>(shape.columnCount());
        for (int c = 0; c < shape.columnCount(); c++) {
            String name = shape.column(c).name();
            // The copies are methods of their own: a loop inside this switch expression (values on
            // the operand stack) cannot be compiled while it runs (OSR), and ran interpreted.
            columns.add(switch (shape.column(c)) {
                case Column.Numeric ignored -> new Column.Numeric(name, gather((double[]) slots[c], kept, new double[filled]));
                case Column.Timestamp ignored -> new Column.Timestamp(name, gather((long[]) slots[c], kept, new long[filled]));
                case Column.Categorical ignored -> categorical(name, (String[]) slots[c], kept);
            });
        }
        long[] sampleLines = gather(lines, kept, new long[filled]);
        int[] sampleLabels = labelled ? gather(labels, kept, new int[filled]) : null;
        return new Dataset(source, new Frame(shape.schema(), columns), sampleLabels, sampleLines);
    }

    /**
     * {@code to[i] = from[kept[i]]} for each i: the rows {@code kept} names, in its order. In place
     * ({@code to == from}) too, as {@code kept} ascends. One method per array type for every copy
     * of the sample (reading it out, compacting the log), so the quick compiler compiles each loop
     * once and early instead of each copy running interpreted until compiled.
     */
    private static double[] gather(double[] from, int[] kept, double[] to) {
        for (int i = 0; i < kept.length; i++) {
            to[i] = from[kept[i]];
        }
        return to;
    }

    private static long[] gather(long[] from, int[] kept, long[] to) {
        for (int i = 0; i < kept.length; i++) {
            to[i] = from[kept[i]];
        }
        return to;
    }

    private static int[] gather(int[] from, int[] kept, int[] to) {
        for (int i = 0; i < kept.length; i++) {
            to[i] = from[kept[i]];
        }
        return to;
    }

    private static String[] gather(String[] from, int[] kept, String[] to) {
        for (int i = 0; i < kept.length; i++) {
            to[i] = from[kept[i]];
        }
        return to;
    }

    /** The input position (0-based data row) of each sampled row, in input order: to pick labels read later. */
    public long[] rowIndexes() {
        return gather(rowIndex, keptEntries(), new long[filled]);
    }

    private void start(Dataset block) {
        source = block.source();
        Frame frame = block.frame();
        shape = frame.selectRows(new int[0]);
        // Grows with the rows seen, so a small input costs little; the first block's rows at once
        // (its values are already that size), not 4,096 doubled four times (a copy each).
        int cap = frame.rows() > capacity ? logLimit : Math.min(capacity, Math.max(1 << 12, frame.rows()));
        rowIndex = new long[cap];
        lines = new long[cap];
        labelled = block.labels() != null;
        labels = labelled ? new int[cap] : null;
        slots = new Object[frame.columnCount()];
        for (int c = 0; c < slots.length; c++) {
            slots[c] = switch (frame.column(c)) {
                case Column.Numeric ignored -> new double[cap];
                case Column.Timestamp ignored -> new long[cap];
                case Column.Categorical ignored -> new String[cap];
            };
        }
    }

    /** Doubles the room of every log array, up to the log's limit. */
    private void grow() {
        growTo((int) Math.min(logLimit, 2L * rowIndex.length));
    }

    /** Gives every log array room for {@code cap} entries. */
    private void growTo(int cap) {
        rowIndex = Arrays.copyOf(rowIndex, cap);
        lines = Arrays.copyOf(lines, cap);
        if (labelled) {
            labels = Arrays.copyOf(labels, cap);
        }
        if (slotOf != null) {
            slotOf = Arrays.copyOf(slotOf, cap);
        }
        for (int c = 0; c < slots.length; c++) {
            slots[c] = switch (slots[c]) {
                case double[] v -> Arrays.copyOf(v, cap);
                case long[] v -> Arrays.copyOf(v, cap);
                case String[] v -> Arrays.copyOf(v, cap);
                default -> throw new IllegalStateException("unexpected column storage " + slots[c].getClass());
            };
        }
    }

    /** Row {@code row} of a block, input row {@code index}, takes sample slot {@code slot}: appended to the log. */
    private void put(int slot, BlockValues block, int row, long index) {
        if (logged == rowIndex.length) {
            if (logged == logLimit) {
                compact();
            } else {
                grow();
            }
        }
        int at = logged++;
        slotOf[entryOf[slot]] = -1;   // the row it held leaves the sample
        entryOf[slot] = at;
        slotOf[at] = slot;
        rowIndex[at] = index;
        lines[at] = block.lines[row];
        if (labelled) {
            labels[at] = block.labels[row];
        }
        for (int c = 0; c < slots.length; c++) {
            double[] numbers = block.numbers[c];
            if (numbers != null) {
                ((double[]) slots[c])[at] = numbers[row];
            } else if (block.times[c] != null) {
                ((long[]) slots[c])[at] = block.times[c][row];
            } else {
                int code = block.codes[c][row];
                ((String[]) slots[c])[at] = code < 0 ? null : block.dictionaries[c][code];
            }
        }
    }

    /** Moves the sample's rows to the front of the log, in order, dropping the evicted ones. */
    private void compact() {
        int[] kept = keptEntries();
        gather(rowIndex, kept, rowIndex);
        gather(lines, kept, lines);
        if (labelled) {
            gather(labels, kept, labels);
        }
        gather(slotOf, kept, slotOf);
        for (int i = 0; i < filled; i++) {
            entryOf[slotOf[i]] = i;
        }
        for (Object column : slots) {
            switch (column) {
                case double[] v -> gather(v, kept, v);
                case long[] v -> gather(v, kept, v);
                case String[] v -> {
                    gather(v, kept, v);
                    Arrays.fill(v, filled, logged, null);   // evicted strings are garbage
                }
                default -> throw new IllegalStateException("unexpected column storage " + column.getClass());
            }
        }
        logged = filled;
    }

    /** How many rows to pass over before the next one enters the full sample. */
    private long skip() {
        double s = Math.floor(Math.log(uniform()) / Math.log1p(-w));
        return s >= Long.MAX_VALUE / 2 || Double.isNaN(s) ? Long.MAX_VALUE / 2 : (long) s;
    }

    /** Uniform in (0, 1]: its logarithm is finite. */
    private double uniform() {
        return 1.0 - random.nextDouble();
    }

    /** The log entries of the sample's rows, in input order (ascending: a copy through them reads forward). */
    private int[] keptEntries() {
        int[] kept = new int[filled];
        if (slotOf == null) {
            for (int i = 0; i < filled; i++) {
                kept[i] = i;
            }
            return kept;
        }
        int n = 0;
        for (int e = 0; e < logged; e++) {
            if (slotOf[e] >= 0) {
                kept[n++] = e;
            }
        }
        return kept;
    }

    /**
     * The sample's dictionary in order of first appearance. Rows of one block hold the same
     * string object for a value, so most rows are known by comparing with the previous row's
     * string before any hashing.
     */
    private Column.Categorical categorical(String name, String[] values, int[] kept) {
        Map<String, Integer> codes = new HashMap<>();
        List<String> dictionary = new ArrayList<>();
        int[] out = new int[filled];
        String last = null;
        int lastCode = -1;
        for (int i = 0; i < filled; i++) {
            String v = values[kept[i]];
            if (v == null) {
                out[i] = -1;
            } else if (v == last) {
                out[i] = lastCode;
            } else {
                Integer code = codes.get(v);
                if (code == null) {
                    code = dictionary.size();
                    codes.put(v, code);
                    dictionary.add(v);
                }
                out[i] = code;
                last = v;
                lastCode = code;
            }
        }
        return new Column.Categorical(name, out, dictionary);
    }
}
