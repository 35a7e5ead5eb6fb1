package io.sentinelrisk.core.ingest;

import io.sentinelrisk.core.data.Column;
import io.sentinelrisk.core.data.Frame;

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
 * <p>Memory: {@code capacity} values per column (8 bytes a number or time, a reference to the
 * block's string for a category), whatever the input's size.
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
        int r = 0;
        while (filled < capacity && r < n) {
            put(filled++, block, r, first + r);
            r++;
            if (filled == capacity) {
                w = Math.exp(Math.log(uniform()) / capacity);
                next = first + r + skip();
            }
        }
        if (filled == capacity) {
            long end = first + n;
            while (next < end) {
                put(random.nextInt(capacity), block, (int) (next - first), next);
                w *= Math.exp(Math.log(uniform()) / capacity);
                next += 1 + skip();
            }
        }
        seen = first + n;
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
        int cap = capacity;
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

    private void put(int slot, Dataset block, int row, long index) {
        Frame frame = block.frame();
        rowIndex[slot] = index;
        lines[slot] = block.lineNumbers()[row];
        if (labelled) {
            labels[slot] = block.labels()[row];
        }
        for (int c = 0; c < slots.length; c++) {
            switch (frame.column(c)) {
                case Column.Numeric n -> ((double[]) slots[c])[slot] = n.values()[row];
                case Column.Timestamp t -> ((long[]) slots[c])[slot] = t.epochMillis()[row];
                case Column.Categorical k -> ((String[]) slots[c])[slot] = k.codes()[row] < 0 ? null : k.dictionary().get(k.codes()[row]);
            }
        }
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

    /** Slots sorted by the input position of the row they hold. */
    private int[] inputOrder() {
        int[] order = new int[filled];
        long[] keys = new long[filled];
        for (int i = 0; i < filled; i++) {
            keys[i] = rowIndex[i] * (long) capacity + i;   // positions are distinct: the slot only breaks no tie
        }
        if (!sampled()) {
            for (int i = 0; i < filled; i++) {
                order[i] = i;
            }
            return order;
        }
        long[] sorted = keys.clone();
        java.util.Arrays.sort(sorted);
        for (int i = 0; i < filled; i++) {
            order[i] = (int) (sorted[i] % capacity);
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
