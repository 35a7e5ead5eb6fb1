package io.sentinelrisk.core.ingest;

import io.sentinelrisk.core.data.Column;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.util.StableIndexSort;

import java.util.ArrayList;
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
 * <p>Memory: up to {@code capacity} values per column (8 bytes a number or time, a reference to
 * the block's string for a category), whatever the input's size; the arrays grow with the rows
 * seen up to that.
 */
public final class RowReservoir {
    private final int capacity;
    private final SplittableRandom random;
    private long seen;
    /** The next input row (0-based) that enters the sample, once the sample is full. */
    private long next;
    private double w;
    private String source;
    private Frame shape;
    private int filled;
    private long[] rowIndex;
    private long[] lines;
    private int[] labels;
    private boolean labelled;
    private Object[] slots;   // per column: double[], long[] or String[]

    /**
     * @param capacity the most rows kept (at least 1)
     * @param seed     the random seed: the same seed and input give the same sample
     */
    public RowReservoir(int capacity, long seed) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
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
            while (rowIndex.length < filled + take) {
                grow();
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

    /** The first {@code take} rows of a block into the next free slots, column by column (input order). */
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
                    for (int i = 0; i < take; i++) {
                        to[filled + i] = category(k, i);
                    }
                }
            }
        }
        filled += take;
    }

    /**
     * A block's columns as arrays, looked up once per block: a row entering the full sample is
     * copied value by value without a type switch per value (a tenth of a {@code train}'s first
     * pass under the quick compiler).
     */
    private static final class BlockValues {
        final long[] lines;
        final int[] labels;
        final double[][] numbers;        // per column, null unless numeric
        final long[][] times;            // per column, null unless a timestamp
        final Column.Categorical[] categories;   // per column, null unless categorical

        BlockValues(Dataset block) {
            Frame frame = block.frame();
            int cols = frame.columnCount();
            lines = block.lineNumbers();
            labels = block.labels();
            numbers = new double[cols][];
            times = new long[cols][];
            categories = new Column.Categorical[cols];
            for (int c = 0; c < cols; c++) {
                switch (frame.column(c)) {
                    case Column.Numeric v -> numbers[c] = v.values();
                    case Column.Timestamp t -> times[c] = t.epochMillis();
                    case Column.Categorical k -> categories[c] = k;
                }
            }
        }
    }

    /** The sample as a dataset: its rows in input order, labels and line numbers with them; null before any row. */
    public Dataset sample() {
        if (shape == null) {
            return null;
        }
        int[] order = inputOrder();
        List<Column> columns = new ArrayList<>(shape.columnCount());
        for (int c = 0; c < shape.columnCount(); c++) {
            String name = shape.column(c).name();
            columns.add(switch (shape.column(c)) {
                case Column.Numeric ignored -> {
                    double[] from = (double[]) slots[c];
                    double[] v = new double[filled];
                    for (int i = 0; i < filled; i++) {
                        v[i] = from[order[i]];
                    }
                    yield new Column.Numeric(name, v);
                }
                case Column.Timestamp ignored -> {
                    long[] from = (long[]) slots[c];
                    long[] v = new long[filled];
                    for (int i = 0; i < filled; i++) {
                        v[i] = from[order[i]];
                    }
                    yield new Column.Timestamp(name, v);
                }
                case Column.Categorical ignored -> categorical(name, (String[]) slots[c], order);
            });
        }
        long[] sampleLines = new long[filled];
        int[] sampleLabels = labelled ? new int[filled] : null;
        for (int i = 0; i < filled; i++) {
            sampleLines[i] = lines[order[i]];
            if (labelled) {
                sampleLabels[i] = labels[order[i]];
            }
        }
        return new Dataset(source, new Frame(shape.schema(), columns), sampleLabels, sampleLines);
    }

    /** The input position (0-based data row) of each sampled row, in input order: to pick labels read later. */
    public long[] rowIndexes() {
        int[] order = inputOrder();
        long[] out = new long[filled];
        for (int i = 0; i < filled; i++) {
            out[i] = rowIndex[order[i]];
        }
        return out;
    }

    private void start(Dataset block) {
        source = block.source();
        Frame frame = block.frame();
        shape = frame.selectRows(new int[0]);
        int cap = Math.min(capacity, 1 << 12);   // grows with the rows seen: a small input costs little
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

    /** Doubles the room of every array, up to the capacity. */
    private void grow() {
        int cap = (int) Math.min(capacity, 2L * rowIndex.length);
        rowIndex = java.util.Arrays.copyOf(rowIndex, cap);
        lines = java.util.Arrays.copyOf(lines, cap);
        if (labelled) {
            labels = java.util.Arrays.copyOf(labels, cap);
        }
        for (int c = 0; c < slots.length; c++) {
            slots[c] = switch (slots[c]) {
                case double[] v -> java.util.Arrays.copyOf(v, cap);
                case long[] v -> java.util.Arrays.copyOf(v, cap);
                case String[] v -> java.util.Arrays.copyOf(v, cap);
                default -> throw new IllegalStateException("unexpected column storage " + slots[c].getClass());
            };
        }
    }

    private void put(int slot, BlockValues block, int row, long index) {
        rowIndex[slot] = index;
        lines[slot] = block.lines[row];
        if (labelled) {
            labels[slot] = block.labels[row];
        }
        for (int c = 0; c < slots.length; c++) {
            double[] numbers = block.numbers[c];
            if (numbers != null) {
                ((double[]) slots[c])[slot] = numbers[row];
            } else if (block.times[c] != null) {
                ((long[]) slots[c])[slot] = block.times[c][row];
            } else {
                ((String[]) slots[c])[slot] = category(block.categories[c], row);
            }
        }
    }

    private static String category(Column.Categorical k, int row) {
        int code = k.codes()[row];
        return code < 0 ? null : k.dictionary().get(code);
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

    /** Slots sorted by the input position of the row they hold (positions are distinct). */
    private int[] inputOrder() {
        if (!sampled()) {
            return StableIndexSort.identity(filled);   // filled in input order, none replaced
        }
        return byPosition(rowIndex, filled);
    }

    /**
     * The indices {@code 0..n-1} ordered by {@code positions[i]}, which are distinct and not
     * negative. Each position and its index are packed in one {@code long} (position in the high
     * bits) and the packed values sorted as primitives: the same order as comparing positions, but
     * a sort of 100,000 slots takes a fraction of a merge sort through a comparator, which was a
     * tenth of a cover {@code train}'s time between reading and fitting. Positions too large to
     * leave room for the index (beyond 2^46 rows at 100,000 slots) take the merge sort.
     */
    static int[] byPosition(long[] positions, int n) {
        int indexBits = 64 - Long.numberOfLeadingZeros(Math.max(1, n - 1));
        long limit = 1L << (63 - indexBits);
        long max = 0;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, positions[i]);
        }
        if (max >= limit) {
            return StableIndexSort.sort(StableIndexSort.identity(n), (a, b) -> positions[a] < positions[b]);
        }
        long[] packed = new long[n];
        for (int i = 0; i < n; i++) {
            packed[i] = positions[i] << indexBits | i;
        }
        java.util.Arrays.sort(packed);
        long mask = (1L << indexBits) - 1;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = (int) (packed[i] & mask);
        }
        return order;
    }

    private Column.Categorical categorical(String name, String[] values, int[] order) {
        Map<String, Integer> codes = new HashMap<>();
        List<String> dictionary = new ArrayList<>();
        int[] out = new int[filled];
        for (int i = 0; i < filled; i++) {
            String v = values[order[i]];
            if (v == null) {
                out[i] = -1;
            } else {
                Integer code = codes.get(v);
                if (code == null) {
                    code = dictionary.size();
                    codes.put(v, code);
                    dictionary.add(v);
                }
                out[i] = code;
            }
        }
        return new Column.Categorical(name, out, dictionary);
    }
}
