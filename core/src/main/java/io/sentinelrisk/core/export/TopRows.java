package io.sentinelrisk.core.export;

import io.sentinelrisk.core.calibrate.Severity;
import io.sentinelrisk.core.data.Column;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.pipeline.ScoredBatch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The most anomalous records of an input scored block by block: after every block, at most
 * {@code capacity} rows are kept (their values, scores, labels and lines), chosen as
 * {@link TopAlerts} chooses over the whole input — highest score first, ties in input order —
 * so the top-N alerts of a streamed input are those of the input read whole. Memory: the kept
 * rows only, whatever the input's size.
 */
public final class TopRows {
    private final int capacity;
    private ScoredData kept;
    private int[] rowNumbers = new int[0];

    public TopRows(int capacity) {
        this.capacity = Math.max(0, capacity);
    }

    /** Considers the rows of a block whose first row is the input's record {@code firstRow}. */
    public void offer(ScoredData block, long firstRow) {
        if (capacity == 0 || block.scores().rows() == 0) {
            return;
        }
        int[] pick = ascending(TopAlerts.select(block.scores().score(), capacity));
        int[] numbers = new int[pick.length];
        for (int i = 0; i < pick.length; i++) {
            numbers[i] = Math.toIntExact(firstRow + pick[i]);
        }
        ScoredData candidates = select(block, pick);
        if (kept == null) {
            kept = candidates;
            rowNumbers = numbers;
            return;
        }
        // kept rows all come before the block's in the input, so concatenation keeps input order
        ScoredData both = concat(kept, candidates);
        int[] allNumbers = Arrays.copyOf(rowNumbers, rowNumbers.length + numbers.length);
        System.arraycopy(numbers, 0, allNumbers, rowNumbers.length, numbers.length);
        int[] keep = ascending(TopAlerts.select(both.scores().score(), capacity));
        kept = select(both, keep);
        rowNumbers = new int[keep.length];
        for (int i = 0; i < keep.length; i++) {
            rowNumbers[i] = allNumbers[keep[i]];
        }
    }

    /** The kept rows in input order (null if no row was offered). */
    public ScoredData data() {
        return kept;
    }

    /** The input's record number of each kept row. */
    public int[] rowNumbers() {
        return rowNumbers.clone();
    }

    private static int[] ascending(int[] rows) {
        int[] out = rows.clone();
        Arrays.sort(out);
        return out;
    }

    private static ScoredData select(ScoredData d, int[] rows) {
        ScoredBatch s = d.scores();
        double[] score = new double[rows.length];
        double[] risk = new double[rows.length];
        Severity[] severity = new Severity[rows.length];
        boolean[] anomaly = new boolean[rows.length];
        double[] detector = s.detectorScore() == null ? null : new double[rows.length];
        String[] predicted = s.predictedClass() == null ? null : new String[rows.length];
        int[] labels = d.labels() == null ? null : new int[rows.length];
        long[] lines = d.lineNumbers() == null ? null : new long[rows.length];
        for (int i = 0; i < rows.length; i++) {
            int r = rows[i];
            score[i] = s.score()[r];
            risk[i] = s.risk()[r];
            severity[i] = s.severity()[r];
            anomaly[i] = s.isAnomaly()[r];
            if (detector != null) {
                detector[i] = s.detectorScore()[r];
            }
            if (predicted != null) {
                predicted[i] = s.predictedClass()[r];
            }
            if (labels != null) {
                labels[i] = d.labels()[r];
            }
            if (lines != null) {
                lines[i] = d.lineNumbers()[r];
            }
        }
        // with a judge, its detector score and predicted class go with the kept rows (the alert's judge block reads them)
        return new ScoredData(d.source(), compact(d.frame().selectRows(rows)),
                new ScoredBatch(score, risk, severity, anomaly, detector, predicted), d.pipeline(), labels, lines);
    }

    private static ScoredData concat(ScoredData a, ScoredData b) {
        ScoredBatch x = a.scores();
        ScoredBatch y = b.scores();
        ScoredBatch s = new ScoredBatch(cat(x.score(), y.score()), cat(x.risk(), y.risk()),
                cat(x.severity(), y.severity()), cat(x.isAnomaly(), y.isAnomaly()),
                x.detectorScore() == null || y.detectorScore() == null ? null : cat(x.detectorScore(), y.detectorScore()),
                x.predictedClass() == null || y.predictedClass() == null ? null : cat(x.predictedClass(), y.predictedClass()));
        int[] labels = a.labels() == null || b.labels() == null ? null : cat(a.labels(), b.labels());
        long[] lines = a.lineNumbers() == null || b.lineNumbers() == null ? null : cat(a.lineNumbers(), b.lineNumbers());
        return new ScoredData(a.source(), concat(a.frame(), b.frame()), s, a.pipeline(), labels, lines);
    }

    /** Rows of {@code a} then of {@code b} (same columns; categorical codes are mapped through their values). */
    static Frame concat(Frame a, Frame b) {
        List<Column> cols = new ArrayList<>(a.columnCount());
        for (int c = 0; c < a.columnCount(); c++) {
            Column x = a.column(c);
            Column y = b.column(c);
            cols.add(switch (x) {
                case Column.Numeric n -> new Column.Numeric(n.name(), cat(n.values(), ((Column.Numeric) y).values()));
                case Column.Timestamp t -> new Column.Timestamp(t.name(), cat(t.epochMillis(), ((Column.Timestamp) y).epochMillis()));
                case Column.Categorical k -> {
                    Column.Categorical other = (Column.Categorical) y;
                    int[] codes = new int[k.size() + other.size()];
                    Map<String, Integer> index = new HashMap<>();
                    List<String> dict = new ArrayList<>();
                    recode(k, codes, 0, index, dict);
                    recode(other, codes, k.size(), index, dict);
                    yield new Column.Categorical(k.name(), codes, dict);
                }
            });
        }
        return new Frame(a.schema(), cols);
    }

    /** The frame with each categorical dictionary cut down to the values its rows use. */
    private static Frame compact(Frame f) {
        List<Column> cols = new ArrayList<>(f.columnCount());
        for (Column c : f.columns()) {
            if (c instanceof Column.Categorical k) {
                int[] codes = new int[k.size()];
                List<String> dict = new ArrayList<>();
                recode(k, codes, 0, new HashMap<>(), dict);
                cols.add(new Column.Categorical(k.name(), codes, dict));
            } else {
                cols.add(c);
            }
        }
        return new Frame(f.schema(), cols);
    }

    private static void recode(Column.Categorical k, int[] into, int at, Map<String, Integer> index, List<String> dict) {
        for (int r = 0; r < k.size(); r++) {
            int code = k.codes()[r];
            if (code < 0) {
                into[at + r] = -1;
            } else {
                String v = k.dictionary().get(code);
                into[at + r] = index.computeIfAbsent(v, key -> {
                    dict.add(key);
                    return dict.size() - 1;
                });
            }
        }
    }

    private static double[] cat(double[] a, double[] b) {
        double[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static long[] cat(long[] a, long[] b) {
        long[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static int[] cat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static boolean[] cat(boolean[] a, boolean[] b) {
        boolean[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static String[] cat(String[] a, String[] b) {
        String[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static Severity[] cat(Severity[] a, Severity[] b) {
        Severity[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
