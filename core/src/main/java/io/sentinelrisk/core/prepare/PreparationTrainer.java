package io.sentinelrisk.core.prepare;

import io.sentinelrisk.core.data.CategoryCounts;
import io.sentinelrisk.core.data.Column;
import io.sentinelrisk.core.data.ColumnRole;
import io.sentinelrisk.core.data.Field;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.util.Parallel;
import io.sentinelrisk.core.util.Selection;
import io.sentinelrisk.core.util.SortedColumns;
import io.sentinelrisk.core.util.Stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Learns a {@link Preparation} from the FEATURE columns of a training frame. */
public final class PreparationTrainer {
    private final Preprocessing settings;

    public PreparationTrainer(Preprocessing settings) {
        this.settings = settings;
    }

    public Preparation fit(Frame frame) {
        return fit(frame, null);
    }

    /**
     * @param sorted the sorted values of some of the frame's numeric columns (null: none): a
     *               median is read from them instead of selected
     */
    public Preparation fit(Frame frame, SortedColumns sorted) {
        return fit(frame, sorted, 1);
    }

    /**
     * As {@link #fit(Frame, SortedColumns)}, each column's center and scale found on one of up to
     * {@code threads} threads (each column's sums in the same order as on one: the same values).
     */
    public Preparation fit(Frame frame, SortedColumns sorted, int threads) {
        List<ColumnPrep> preps = new ArrayList<>();
        for (int i = 0; i < frame.columnCount(); i++) {
            Field f = frame.schema().field(i);
            if (f.role() != ColumnRole.FEATURE) {
                continue;
            }
            Column col = frame.column(i);
            ColumnPrep prep = switch (col) {
                case Column.Numeric n -> new ColumnPrep.Numeric(f.name(), fill(n.values(), sorted));
                case Column.Categorical c -> categorical(c);
                case Column.Timestamp t -> settings.timestampFeatures() ? timeOfWeek(t) : null;
            };
            if (prep != null) {
                preps.add(prep);
            }
        }
        if (preps.isEmpty()) {
            throw new InputException("no feature columns to learn from (every column is an id, label, ignored, constant or an unused timestamp)");
        }
        int d = width(preps);
        double[] center = zeros(d);
        double[] scale = ones(d);
        if ("none".equals(settings.scaling())) {
            return new Preparation(preps, center, scale);
        }
        // Each column is encoded on its own, as the whole preparation would encode it: the same
        // values, without holding the whole unscaled matrix.
        int[] offsets = new int[preps.size()];
        for (int p = 1; p < offsets.length; p++) {
            offsets[p] = offsets[p - 1] + preps.get(p - 1).outputNames().size();
        }
        Parallel.forRange(preps.size(), threads, 1, (from, to) -> {
            for (int p = from; p < to; p++) {
                ColumnPrep prep = preps.get(p);
                if (!(prep instanceof ColumnPrep.OneHot)) {   // indicators stay 0/1
                    centerAndScale(prep, frame, sorted, center, scale, offsets[p]);
                }
            }
        });
        return new Preparation(preps, center, scale);
    }

    /** One column's features' centers and scales, written at {@code offset} on. */
    private void centerAndScale(ColumnPrep prep, Frame frame, SortedColumns sorted, double[] center, double[] scale, int offset) {
        int w = prep.outputNames().size();
        double[] encoded = unchanged(prep, frame, sorted);
        if (encoded == null) {
            encoded = new double[Math.multiplyExact(frame.rows(), w)];
            prep.encode(frame.column(prep.column()), encoded, w, 0);
        }
        for (int k = 0; k < w; k++) {
            double[] column = w == 1 ? encoded : column(encoded, w, k);
            center[offset + k] = center(column);
            scale[offset + k] = scale(column, center[offset + k]);
        }
    }

    private double fill(double[] values) {
        return fill(values, null);
    }

    private double fill(double[] values, SortedColumns sorted) {
        double v = "mean".equals(settings.numericImputation())
                ? Stats.mean(values)
                : sorted != null && sorted.has(values)
                ? Stats.quantileSorted(sorted.of(values), 0.5)   // the same value as the selection's
                : Selection.ofFinite(values).quantile(0.5);
        return Double.isNaN(v) ? 0 : v;
    }

    /**
     * A numeric column's own values when encoding would not change them (none missing: the
     * sorted values are as many as the rows), so they are not copied; else null.
     */
    private static double[] unchanged(ColumnPrep prep, Frame frame, SortedColumns sorted) {
        if (sorted != null && prep instanceof ColumnPrep.Numeric
                && frame.column(prep.column()) instanceof Column.Numeric n && sorted.has(n.values())
                && sorted.of(n.values()).length == n.values().length) {
            return n.values();
        }
        return null;
    }

    private ColumnPrep categorical(Column.Categorical c) {
        CategoryCounts counts = CategoryCounts.of(c);
        int[] order = counts.order();
        String mode = order.length == 0 ? "" : c.dictionary().get(order[0]);
        if ("onehot".equals(settings.categoricalEncoding())) {
            List<String> kept = new ArrayList<>();
            for (int i = 0; i < Math.min(settings.maxCategories(), order.length); i++) {
                kept.add(c.dictionary().get(order[i]));
            }
            return new ColumnPrep.OneHot(c.name(), kept, mode);
        }
        CategoryBuckets buckets = CategoryBuckets.of(counts);
        Map<String, Double> freq = new LinkedHashMap<>();
        for (int code : order) {
            if (counts.counts()[code] > 0 && buckets.keeps(counts.counts()[code])) {
                freq.put(c.dictionary().get(code), counts.share(code));
            }
        }
        return new ColumnPrep.Frequency(c.name(), freq, mode, buckets.meanBucketShare(counts.present()));
    }

    private ColumnPrep timeOfWeek(Column.Timestamp t) {
        long[] ms = t.epochMillis();
        double[] hours = new double[ms.length];
        double[] days = new double[ms.length];
        for (int i = 0; i < ms.length; i++) {
            boolean missing = ms[i] == Column.Timestamp.MISSING;
            hours[i] = missing ? Double.NaN : ColumnPrep.TimeOfWeek.hourOfDay(ms[i]);
            days[i] = missing ? Double.NaN : ColumnPrep.TimeOfWeek.dayOfWeek(ms[i]);
        }
        return new ColumnPrep.TimeOfWeek(t.name(), fill(hours), fill(days));
    }

    private double center(double[] column) {
        return switch (settings.scaling()) {
            case "standard" -> Stats.mean(column);
            case "robust" -> Selection.ofFinite(column).quantile(0.5);
            default -> 0;
        };
    }

    /** @param center the column's {@link #center}: its mean when scaling is standard */
    private double scale(double[] column, double center) {
        double s = switch (settings.scaling()) {
            case "standard" -> Stats.std(column, center);
            case "robust" -> {
                Selection values = Selection.ofFinite(column);
                double iqr = values.quantile(0.75) - values.quantile(0.25);
                yield iqr > 0 ? iqr : Stats.std(column, Stats.mean(column));
            }
            default -> 1;
        };
        // A constant feature carries no information; keep it finite rather than divide by zero.
        return s > 0 && Double.isFinite(s) ? s : 1;
    }

    private static double[] column(double[] rowMajor, int d, int j) {
        double[] out = new double[rowMajor.length / d];
        for (int r = 0, at = j; r < out.length; r++, at += d) {
            out[r] = rowMajor[at];
        }
        return out;
    }

    private static int width(List<ColumnPrep> preps) {
        int w = 0;
        for (ColumnPrep p : preps) {
            w += p.outputNames().size();
        }
        return w;
    }

    private static double[] zeros(int n) {
        return new double[n];
    }

    private static double[] ones(int n) {
        double[] a = new double[n];
        Arrays.fill(a, 1);
        return a;
    }
}
