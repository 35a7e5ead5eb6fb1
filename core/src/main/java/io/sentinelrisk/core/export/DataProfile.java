package io.sentinelrisk.core.export;

import io.sentinelrisk.core.data.Column;
import io.sentinelrisk.core.data.Field;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.util.DistinctCounter;
import io.sentinelrisk.core.util.QuantileSketch;
import io.sentinelrisk.core.util.Selection;
import io.sentinelrisk.core.util.Stats;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Per-column profile of a frame for the summary report: type, role, missing count and a sketch of values. */
public final class DataProfile {
    private DataProfile() {
    }

    /** Column name → profile, in column order (an ordered map: the keys are the data's column names). */
    public static Map<String, ColumnProfile> of(Frame frame) {
        Map<String, ColumnProfile> out = new LinkedHashMap<>();
        for (int c = 0; c < frame.columnCount(); c++) {
            Field f = frame.schema().field(c);
            out.put(f.name(), profile(f, frame.column(c)));
        }
        return out;
    }

    private static ColumnProfile profile(Field f, Column col) {
        String type = f.type().id();
        String role = f.role().id();
        long missing = 0;
        for (int r = 0; r < col.size(); r++) {
            if (col.isMissing(r)) {
                missing++;
            }
        }
        return switch (col) {
            case Column.Numeric n -> {
                Selection finite = Selection.ofFinite(n.values());
                yield finite.size() == 0
                        ? new ColumnProfile.Numeric(type, role, missing, null, null, null, null)
                        : new ColumnProfile.Numeric(type, role, missing, finite.min(), finite.quantile(0.5),
                                Stats.mean(n.values()), finite.max());
            }
            case Column.Categorical k -> {
                boolean[] seen = new boolean[k.dictionary().size()];
                long distinct = 0;
                for (int code : k.codes()) {
                    if (code >= 0 && !seen[code]) {
                        seen[code] = true;
                        distinct++;
                    }
                }
                yield new ColumnProfile.Categorical(type, role, missing, distinct);
            }
            case Column.Timestamp t -> {
                long lo = Long.MAX_VALUE;
                long hi = Long.MIN_VALUE;
                for (long v : t.epochMillis()) {
                    if (v != Column.Timestamp.MISSING) {
                        lo = Math.min(lo, v);
                        hi = Math.max(hi, v);
                    }
                }
                yield lo <= hi
                        ? new ColumnProfile.Timestamp(type, role, missing, Instant.ofEpochMilli(lo).toString(), Instant.ofEpochMilli(hi).toString())
                        : new ColumnProfile.Timestamp(type, role, missing, null, null);
            }
        };
    }

    /** Numeric values held for exact medians, over all numeric columns (32 MB of doubles). */
    public static final int EXACT_VALUES = 1 << 22;
    /** Distinct values of a categorical column counted exactly before an estimate takes over. */
    public static final int EXACT_DISTINCT = 1 << 16;

    /**
     * The same profile, built block by block in bounded memory. Counts, minimum, maximum, mean
     * (a sum in input order, as {@link #of} sums) and time range are exact at any size. The median
     * is exactly that of {@link #of} while a column's finite values fit its share of
     * {@link #EXACT_VALUES} (at least 64 Ki values); beyond, it comes from a {@link QuantileSketch}. Distinct counts are exact up to {@link #EXACT_DISTINCT} values, then a
     * HyperLogLog estimate.
     */
    public static final class Accumulator {
        private Field[] fields;
        private long[] missing;
        private QuantileSketch[] sketches;
        private double[] sums;
        private double[] mins;
        private double[] maxs;
        private DistinctCounter[] distinct;
        private long[] timeMin;
        private long[] timeMax;

        public void add(Frame block) {
            int cols = block.columnCount();
            if (fields == null) {
                start(block);
            }
            for (int c = 0; c < cols; c++) {
                Column col = block.column(c);
                switch (col) {
                    case Column.Numeric n -> {
                        double[] v = n.values();
                        QuantileSketch q = sketches[c];
                        long miss = 0;
                        double sum = sums[c];
                        double lo = mins[c];
                        double hi = maxs[c];
                        for (double x : v) {
                            if (Double.isNaN(x)) {
                                miss++;
                            } else {
                                q.add(x);
                                sum += x;
                                lo = Math.min(lo, x);
                                hi = Math.max(hi, x);
                            }
                        }
                        missing[c] += miss;
                        sums[c] = sum;
                        mins[c] = lo;
                        maxs[c] = hi;
                    }
                    case Column.Categorical k -> {
                        boolean[] seen = new boolean[k.dictionary().size()];
                        for (int code : k.codes()) {
                            if (code < 0) {
                                missing[c]++;
                            } else if (!seen[code]) {
                                seen[code] = true;
                                distinct[c].add(k.dictionary().get(code));
                            }
                        }
                    }
                    case Column.Timestamp t -> {
                        for (long v : t.epochMillis()) {
                            if (v == Column.Timestamp.MISSING) {
                                missing[c]++;
                            } else {
                                timeMin[c] = Math.min(timeMin[c], v);
                                timeMax[c] = Math.max(timeMax[c], v);
                            }
                        }
                    }
                }
            }
        }

        private void start(Frame block) {
            int cols = block.columnCount();
            fields = block.schema().fields().toArray(new Field[0]);
            missing = new long[cols];
            sketches = new QuantileSketch[cols];
            sums = new double[cols];
            mins = new double[cols];
            maxs = new double[cols];
            distinct = new DistinctCounter[cols];
            timeMin = new long[cols];
            timeMax = new long[cols];
            int numeric = 0;
            for (Column c : block.columns()) {
                numeric += c instanceof Column.Numeric ? 1 : 0;
            }
            int share = Math.max(1 << 16, EXACT_VALUES / Math.max(1, numeric));
            for (int c = 0; c < cols; c++) {
                sketches[c] = new QuantileSketch(share, QuantileSketch.DEFAULT_SAMPLE);
                mins[c] = Double.POSITIVE_INFINITY;
                maxs[c] = Double.NEGATIVE_INFINITY;
                distinct[c] = new DistinctCounter(EXACT_DISTINCT);
                timeMin[c] = Long.MAX_VALUE;
                timeMax[c] = Long.MIN_VALUE;
            }
        }

        /** Column name → profile, in column order; empty before any block. */
        public Map<String, ColumnProfile> result(Frame anyBlock) {
            Map<String, ColumnProfile> out = new LinkedHashMap<>();
            if (fields == null) {
                return out;
            }
            for (int c = 0; c < fields.length; c++) {
                Field f = anyBlock.schema().field(c);   // roles as the scored data shows them
                String type = f.type().id();
                String role = f.role().id();
                out.put(f.name(), switch (anyBlock.column(c)) {
                    case Column.Numeric n -> numeric(type, role, c);
                    case Column.Categorical k -> new ColumnProfile.Categorical(type, role, missing[c], distinct[c].count());
                    case Column.Timestamp t -> timeMin[c] <= timeMax[c]
                            ? new ColumnProfile.Timestamp(type, role, missing[c], Instant.ofEpochMilli(timeMin[c]).toString(),
                                    Instant.ofEpochMilli(timeMax[c]).toString())
                            : new ColumnProfile.Timestamp(type, role, missing[c], null, null);
                });
            }
            return out;
        }

        private ColumnProfile numeric(String type, String role, int c) {
            QuantileSketch q = sketches[c];
            if (q.count() == 0) {
                return new ColumnProfile.Numeric(type, role, missing[c], null, null, null, null);
            }
            return new ColumnProfile.Numeric(type, role, missing[c], mins[c], q.quantile(0.5), sums[c] / q.count(), maxs[c]);
        }
    }
}
