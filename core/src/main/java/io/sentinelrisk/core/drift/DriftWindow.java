package io.sentinelrisk.core.drift;

import io.sentinelrisk.core.codec.BinaryReader;
import io.sentinelrisk.core.codec.BinaryWriter;
import io.sentinelrisk.core.data.Column;
import io.sentinelrisk.core.data.Frame;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The most recent {@code capacity} scored rows, kept per profiled column in primitive ring
 * buffers, for {@link DriftAnalysis}. A batch run uses one window as large as its input; a stream
 * keeps a sliding window and asks for a report every so often. Not thread-safe: one per stream
 * partition.
 */
public final class DriftWindow {
    private final TrainingProfile profile;
    private final int capacity;
    /** Per profiled column: numbers (NaN = missing), or for categories the PSI bin (-1 = missing) as a double. */
    private final double[][] values;
    private final double[] scores;
    private final List<Map<String, Integer>> categoryBins;
    private int size;
    private int next;
    private Frame boundFrame;
    private int[] boundColumns;

    public DriftWindow(TrainingProfile profile, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a drift window holds at least one row, asked for " + capacity);
        }
        this.profile = profile;
        this.capacity = capacity;
        this.values = new double[profile.columns().size()][capacity];
        this.scores = new double[capacity];
        this.categoryBins = profile.columns().stream().map(DriftWindow::binsOf).toList();
    }

    private static Map<String, Integer> binsOf(ColumnProfile p) {
        Map<String, Integer> bins = new HashMap<>();
        if (p instanceof ColumnProfile.Categorical c) {
            List<String> categories = c.categories();
            for (int i = 0; i < categories.size(); i++) {
                bins.put(categories.get(i), i);
            }
        }
        return bins;
    }

    /** Adds every row of a scored frame. */
    public void addAll(Frame frame, double[] rawScores) {
        for (int r = 0; r < frame.rows(); r++) {
            add(frame, r, rawScores[r]);
        }
    }

    /**
     * Adds row {@code row} of {@code frame} (which holds the profiled columns by name) with its raw
     * score; the oldest row leaves a full window.
     */
    public void add(Frame frame, int row, double rawScore) {
        int[] columns = bind(frame);
        for (int k = 0; k < columns.length; k++) {
            values[k][next] = value(profile.columns().get(k), k, frame.column(columns[k]), row);
        }
        scores[next] = rawScore;
        next = (next + 1) % capacity;
        size = Math.min(size + 1, capacity);
    }

    /**
     * Row {@code row} of {@code frame} as the window keeps it: one value per profiled column (as
     * {@link #add} stores it), then the raw score. A stream engine computes it where the event is
     * scored and sends it to the one window ({@link #addKept}): the same row, the same report.
     */
    public double[] kept(Frame frame, int row, double rawScore) {
        int[] columns = bind(frame);
        double[] out = new double[columns.length + 1];
        for (int k = 0; k < columns.length; k++) {
            out[k] = value(profile.columns().get(k), k, frame.column(columns[k]), row);
        }
        out[columns.length] = rawScore;
        return out;
    }

    /** Adds a row made by {@link #kept} (of a window over the same profile); the oldest row leaves a full window. */
    public void addKept(double[] kept) {
        if (kept.length != values.length + 1) {
            throw new IllegalArgumentException("a kept row of this profile has " + (values.length + 1) + " values, got " + kept.length);
        }
        for (int k = 0; k < values.length; k++) {
            values[k][next] = kept[k];
        }
        scores[next] = kept[values.length];
        next = (next + 1) % capacity;
        size = Math.min(size + 1, capacity);
    }

    /** The rows in the window, oldest first, for a checkpoint ({@link #restore}): plain data, no Java serialization. */
    public void writeTo(BinaryWriter w) {
        w.writeInt(capacity).writeInt(size);
        int start = size < capacity ? 0 : next;
        for (int i = 0; i < size; i++) {
            int at = (start + i) % capacity;
            for (double[] column : values) {
                w.writeDouble(column[at]);
            }
            w.writeDouble(scores[at]);
        }
    }

    /** Replaces the window's rows with those {@link #writeTo} wrote (a window of another size keeps the newest that fit). */
    public void restore(BinaryReader r) {
        int savedCapacity = r.readInt();
        int n = r.readInt();
        if (savedCapacity < 1 || n < 0 || n > savedCapacity) {
            throw r.corrupt("a drift window of " + n + " rows in " + savedCapacity);
        }
        size = 0;
        next = 0;
        double[] row = new double[values.length + 1];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < row.length; k++) {
                row[k] = r.readDouble();
            }
            addKept(row);
        }
    }

    private int[] bind(Frame frame) {
        if (frame != boundFrame) {
            int[] columns = new int[profile.columns().size()];
            for (int k = 0; k < columns.length; k++) {
                String name = profile.columns().get(k).column();
                columns[k] = frame.schema().indexOf(name);
                if (columns[k] < 0) {
                    throw new IllegalArgumentException("the rows lack the profiled column " + name);
                }
            }
            boundFrame = frame;
            boundColumns = columns;
        }
        return boundColumns;
    }

    private double value(ColumnProfile p, int k, Column column, int row) {
        if (p instanceof ColumnProfile.Categorical c) {
            if (column.isMissing(row)) {
                return -1;
            }
            Integer bin = categoryBins.get(k).get(column.text(row));
            return bin == null ? c.shares().size() : bin;
        }
        return switch (column) {
            case Column.Numeric n -> n.values()[row];
            case Column.Timestamp t -> t.isMissing(row) ? Double.NaN
                    : io.sentinelrisk.core.prepare.ColumnPrep.TimeOfWeek.hourOfDay(t.epochMillis()[row]);
            case Column.Categorical c -> throw new IllegalArgumentException(p.column() + " was a number in training, is a category here");
        };
    }

    public TrainingProfile profile() {
        return profile;
    }

    /** Rows in the window now. */
    public int size() {
        return size;
    }

    /** The window's values of profiled column {@code k}, oldest first (a copy). */
    double[] column(int k) {
        return ordered(values[k]);
    }

    double[] scores() {
        return ordered(scores);
    }

    private double[] ordered(double[] ring) {
        double[] out = new double[size];
        int start = size < capacity ? 0 : next;
        for (int i = 0; i < size; i++) {
            out[i] = ring[(start + i) % capacity];
        }
        return out;
    }
}
