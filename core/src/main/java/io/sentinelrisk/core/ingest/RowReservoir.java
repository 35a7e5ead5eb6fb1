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
    /** Scratch of {@link #enter}: the block's rows that enter the full sample and the slots they take. */
    private int[] enterRow = new int[64];
    private int[] enterSlot = new int[64];

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
        if (filled == capacity && next < first + n) {
            enter(frame, block, first, n);
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
     * The rows of a block that enter the full sample, as a block: first the rows and the slots
     * they take (the random draws alone, in the order Algorithm L makes them), then the log's
     * bookkeeping, then each column's values copied in one loop of its own. Before, each entering
     * row was copied value by value through a type test per column (the command thread's largest
     * share of the first pass under the quick compiler).
     */
    private void enter(Frame frame, Dataset block, long first, int n) {
        long end = first + n;
        int m = 0;
        while (next < end) {
            if (m == enterRow.length) {
                enterRow = Arrays.copyOf(enterRow, 2 * m);
                enterSlot = Arrays.copyOf(enterSlot, 2 * m);
            }
            enterRow[m] = (int) (next - first);
            enterSlot[m] = random.nextInt(capacity);
            m++;
            w *= Math.exp(Math.log(uniform()) / capacity);
            next += 1 + skip();
        }
        // Appended in runs that fit the log's room; when it is full, compacted (at its limit) or
        // grown, exactly where one row at a time would have done it.
        for (int from = 0; from < m; ) {
            if (logged == rowIndex.length) {
                if (logged == logLimit) {
                    compact();
                } else {
                    grow();
                }
            }
            int to = Math.min(m, from + (rowIndex.length - logged));
            append(frame, block, first, from, to);
            from = to;
        }
    }

    /** Entering rows {@code from} to {@code to} (of {@link #enterRow}) appended to the log, in order. */
    private void append(Frame frame, Dataset block, long first, int from, int to) {
        int at = logged;
        long[] blockLines = block.lineNumbers();
        for (int k = from, e = at; k < to; k++, e++) {
            int slot = enterSlot[k];
            slotOf[entryOf[slot]] = -1;   // the row it held leaves the sample
            entryOf[slot] = e;
            slotOf[e] = slot;
            rowIndex[e] = first + enterRow[k];
            lines[e] = blockLines[enterRow[k]];
        }
        if (labelled) {
            scatter(block.labels(), enterRow, from, to, labels, at);
        }
        for (int c = 0; c < slots.length; c++) {
            switch (frame.column(c)) {
                case Column.Numeric v -> scatter(v.values(), enterRow, from, to, (double[]) slots[c], at);
                case Column.Timestamp t -> scatter(t.epochMillis(), enterRow, from, to, (long[]) slots[c], at);
                case Column.Categorical k -> {
                    String[] dictionary = k.dictionary().toArray(String[]::new);
                    int[] codes = k.codes();
                    String[] into = (String[]) slots[c];
                    for (int i = from, e = at; i < to; i++, e++) {
                        int code = codes[enterRow[i]];
                        into[e] = code < 0 ? null : dictionary[code];
                    }
                }
            }
        }
        logged = at + (to - from);
    }

    /** {@code to[at + k - from] = from[rows[k]]} for k in [from, until): a run of entering rows' values, one column. */
    private static void scatter(double[] values, int[] rows, int from, int until, double[] to, int at) {
        for (int k = from; k < until; k++) {
            to[at++] = values[rows[k]];
        }
    }

    private static void scatter(long[] values, int[] rows, int from, int until, long[] to, int at) {
        for (int k = from; k < until; k++) {
            to[at++] = values[rows[k]];
        }
    }

    private static void scatter(int[] values, int[] rows, int from, int until, int[] to, int at) {
        for (int k = from; k < until; k++) {
            to[at++] = values[rows[k]];
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
        // s >= 0 (or NaN): below the cap, truncating to a long is its floor, without the call
        // Math.floor is under the quick compiler (once per row entering the sample).
        double s = Math.log(uniform()) / Math.log1p(-w);
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
