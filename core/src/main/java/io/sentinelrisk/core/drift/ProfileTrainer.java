package io.sentinelrisk.core.drift;

import io.sentinelrisk.core.data.CategoryCounts;
import io.sentinelrisk.core.data.Column;
import io.sentinelrisk.core.data.ColumnRole;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.prepare.ColumnPrep;
import io.sentinelrisk.core.util.SortedColumns;
import io.sentinelrisk.core.util.Stats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Makes the {@link TrainingProfile} of the training rows and their scores. */
public final class ProfileTrainer {
    /** Categories kept by name; rarer ones are counted together as "other". */
    public static final int MAX_CATEGORIES = 50;
    /** PSI bins of a number: its deciles, ties merged. */
    static final int BINS = 10;
    /**
     * Larger training sets are profiled on a seeded sample of this many rows (the same rows for
     * every column): percentiles of 100,000 values are within about 0.3 percentile points of the
     * whole set's, far below what drift thresholds notice, and training stays fast.
     */
    public static final int MAX_ROWS = 100_000;
    private static final long SAMPLE_SEED = 0x5EEDL;

    public TrainingProfile fit(Frame frame, double[] scores) {
        return fit(frame, scores, null);
    }

    /** @param sorted the sorted values of some of the frame's numeric columns (null: none), used instead of sorting again */
    public TrainingProfile fit(Frame frame, double[] scores, SortedColumns sorted) {
        Frame rows = frame.rows() > MAX_ROWS ? frame.selectRows(sample(frame.rows())) : frame;
        List<ColumnProfile> columns = new ArrayList<>();
        for (int i = 0; i < rows.columnCount(); i++) {
            if (rows.schema().field(i).role() != ColumnRole.FEATURE) {
                continue;
            }
            columns.add(switch (rows.column(i)) {
                case Column.Numeric n -> numeric(n.name(), false, n.values(),
                        sorted == null ? Stats.sortedFinite(n.values()) : sorted.of(n.values()), frame.rows());
                case Column.Timestamp t -> numeric(t.name(), true, hours(t.epochMillis()), frame.rows());
                case Column.Categorical c -> categorical(c, frame.rows());
            });
        }
        double[] sampledScores = scores;
        if (frame.rows() > MAX_ROWS) {
            int[] idx = sample(frame.rows());
            sampledScores = new double[idx.length];
            for (int k = 0; k < idx.length; k++) {
                sampledScores[k] = scores[idx[k]];
            }
        }
        return new TrainingProfile(columns, numeric(TrainingProfile.SCORE, false, sampledScores, scores.length));
    }

    /** {@link #MAX_ROWS} distinct rows of {@code n}, seeded, in ascending order (Floyd's algorithm). */
    static int[] sample(int n) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(SAMPLE_SEED);
        java.util.BitSet chosen = new java.util.BitSet(n);
        for (int j = n - MAX_ROWS; j < n; j++) {
            int t = random.nextInt(j + 1);
            chosen.set(chosen.get(t) ? j : t);
        }
        return chosen.stream().toArray();
    }

    /** The profile of {@code values}, a sample (or all) of {@code rows} training rows. */
    static ColumnProfile.Numeric numeric(String name, boolean hourOfDay, double[] values, long rows) {
        return numeric(name, hourOfDay, values, Stats.sortedFinite(values), rows);
    }

    /** @param sorted the non-NaN {@code values}, sorted */
    static ColumnProfile.Numeric numeric(String name, boolean hourOfDay, double[] values, double[] sorted, long rows) {
        double missing = values.length == 0 ? 0 : (values.length - sorted.length) / (double) values.length;
        if (sorted.length == 0) {
            return new ColumnProfile.Numeric(name, rows, missing, hourOfDay, new double[0], new double[] {1},
                    new double[0]);
        }
        double[] quantiles = new double[101];
        for (int p = 0; p <= 100; p++) {
            quantiles[p] = Stats.quantileSorted(sorted, p / 100.0);
        }
        List<Double> edges = new ArrayList<>();
        for (int b = 1; b < BINS; b++) {
            double e = quantiles[b * 100 / BINS];
            if ((edges.isEmpty() || e > edges.get(edges.size() - 1)) && e < sorted[sorted.length - 1]) {
                edges.add(e);
            }
        }
        double[] edgeArray = edges.stream().mapToDouble(Double::doubleValue).toArray();
        ColumnProfile.Numeric shell = new ColumnProfile.Numeric(name, rows, missing, hourOfDay, edgeArray,
                new double[edgeArray.length + 1], quantiles);
        long[] counts = new long[edgeArray.length + 1];
        for (double v : sorted) {
            counts[shell.bin(v)]++;
        }
        double[] shares = new double[counts.length];
        for (int b = 0; b < counts.length; b++) {
            shares[b] = counts[b] / (double) sorted.length;
        }
        return new ColumnProfile.Numeric(name, rows, missing, hourOfDay, edgeArray, shares, quantiles);
    }

    static double[] hours(long[] ms) {
        double[] h = new double[ms.length];
        for (int i = 0; i < ms.length; i++) {
            h[i] = ms[i] == Column.Timestamp.MISSING ? Double.NaN : ColumnPrep.TimeOfWeek.hourOfDay(ms[i]);
        }
        return h;
    }

    private static ColumnProfile.Categorical categorical(Column.Categorical c, long rows) {
        CategoryCounts counts = CategoryCounts.of(c);
        long present = counts.present();
        Map<String, Double> shares = new LinkedHashMap<>();
        double other = 0;
        int kept = 0;
        for (int k = 0; k < counts.order().length; k++) {
            int code = counts.order()[k];
            if (counts.counts()[code] == 0) {
                continue;
            }
            if (kept < MAX_CATEGORIES) {
                shares.put(c.dictionary().get(code), counts.share(code));
                kept++;
            } else {
                other += counts.share(code);
            }
        }
        double missing = c.size() == 0 ? 0 : (c.size() - present) / (double) c.size();
        return new ColumnProfile.Categorical(c.name(), rows, missing, shares, other);
    }
}
